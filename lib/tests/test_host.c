// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Calls that reach the kernel, on a host without gssk.ko: each must fail
 * cleanly with GSS_S_FAILURE, GSSK_MINOR_MODULE_NOT_LOADED and a message;
 * per-thread sockets and last-error messages; a socket across fork().
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

static const unsigned char key16[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

static OM_uint32 try_load(OM_uint32 *minor)
{
	struct gssk_context_fields f = {
		.enctype = GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		.initiate = 1, .key = key16, .key_len = sizeof(key16),
		.flags = GSS_C_MUTUAL_FLAG | GSS_C_TRANS_FLAG,
		.initiator_name = "alice@EXAMPLE.COM",
		.acceptor_name = "host/server@EXAMPLE.COM",
	};
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major;

	major = gssk_load_sec_context(minor, &f, 0, "test", &h);
	if (major == GSS_S_COMPLETE)
		gssk_delete_sec_context(minor, &h, NULL);
	return major;
}

static bool not_loaded(OM_uint32 major, OM_uint32 minor)
{
	const char *msg = gssk_last_error();

	return major == GSS_S_FAILURE &&
	       minor == GSSK_MINOR_MODULE_NOT_LOADED &&
	       msg && strstr(msg, "\"gssk\"");
}

static void *thread_main(void *arg)
{
	bool *good = arg;
	OM_uint32 minor, major;
	int i;

	/* a new thread starts with no last error */
	*good = gssk_last_error() == NULL;
	for (i = 0; i < 50 && *good; i++) {
		major = try_load(&minor);
		*good = not_loaded(major, minor);
	}
	return NULL;
}

void test_host(void)
{
	gss_buffer_desc tok = { GSSK_TOKEN_LEN, (void *)"GSSK\1\0\0\0"
			       "0123456789abcdef0123456789abcdef" };
	gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 minor, major, ctx = 0;
	const char *before;
	pthread_t th[4];
	bool good[4];
	int i, status;
	pid_t pid;

	if (access("/sys/module/gssk", F_OK) == 0) {
		tap_skip("gssk.ko is loaded", "host calls without the module");
		return;
	}

	major = try_load(&minor);
	ok(not_loaded(major, minor),
	   "load without the module -> FAILURE, MODULE_NOT_LOADED, message");
	tap_diag("major 0x%08x minor 0x%08x: %s", major, minor,
		 gssk_last_error() ? gssk_last_error() : "(no message)");

	major = gssk_import_sec_context(&minor, &tok, &h);
	ok(not_loaded(major, minor) && h == GSS_C_NO_CONTEXT,
	   "import without the module -> FAILURE, MODULE_NOT_LOADED");
	major = gssk_context_from_serial(&minor, 12345, &h);
	ok(not_loaded(major, minor) && h == GSS_C_NO_CONTEXT,
	   "from_serial without the module -> FAILURE, MODULE_NOT_LOADED");

	/* display_status does not clear the thread's last error */
	before = gssk_last_error();
	gssk_display_status(&minor, GSS_S_FAILURE, GSS_C_GSS_CODE,
			    GSS_C_NO_OID, &ctx, &buf);
	gssk_release_buffer(&minor, &buf);
	ok(before && gssk_last_error() == before,
	   "last error survives display_status");

	/* the next kernel-facing call starts with a clean slate */
	{
		struct gss_ctx_id_struct garbage = { .magic = 1, .serial = 1 };
		const char *msg;
		OM_uint32 t;

		gssk_context_time(&minor, &garbage, NULL);
		ok(gssk_last_error() == NULL,
		   "a later call clears the last error");
		gssk_context_time(&minor, &garbage, &t);
		msg = gssk_last_error();
		ok(minor == GSSK_MINOR_INVALID_HANDLE && msg &&
		   strstr(msg, "handle"),
		   "an invalid handle has its own message");
	}

	for (i = 0; i < 4; i++)
		good[i] = false;
	for (i = 0; i < 4; i++)
		if (pthread_create(&th[i], NULL, thread_main, &good[i]))
			good[i] = false;
	for (i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	ok(good[0] && good[1] && good[2] && good[3],
	   "4 threads x 50 loads: own socket, own last error");

	/* the parent's socket is not reused by a child */
	pid = fork();
	if (pid == 0) {
		major = try_load(&minor);
		_exit(not_loaded(major, minor) ? 0 : 1);
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	   WEXITSTATUS(status) == 0, "a forked child gets its own socket");
	major = try_load(&minor);
	ok(not_loaded(major, minor), "the parent still works after fork");
}
