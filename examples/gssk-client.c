// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gssk-client: an ordinary MIT krb5 GSS-API client; it knows nothing of
 * gssk. It authenticates to SERVICE through the acceptor's socket and then
 * sends each MESSAGE wrapped (sealed), printing each unwrapped reply. The
 * replies come from whichever process holds the context by then: with
 * gssk-acceptor that is the unprivileged gssk-worker.
 *
 *   gssk-client SOCKET SERVICE MESSAGE...
 *
 * SERVICE is a host-based service name, e.g. "gssk18@vm". The credentials
 * are the default ccache's (kinit first).
 */
#define _GNU_SOURCE	/* accept4, SOCK_CLOEXEC, explicit_bzero */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gssapi/gssapi.h>

#include "wire.h"

/* Print MIT's explanation of a failed call and exit. */
static void die(const char *what, OM_uint32 major, OM_uint32 minor)
{
	OM_uint32 m, more = 0;
	gss_buffer_desc a = GSS_C_EMPTY_BUFFER, b = GSS_C_EMPTY_BUFFER;

	gss_display_status(&m, major, GSS_C_GSS_CODE, GSS_C_NO_OID, &more, &a);
	more = 0;
	gss_display_status(&m, minor, GSS_C_MECH_CODE, GSS_C_NO_OID, &more, &b);
	fprintf(stderr, "gssk-client: %s: %.*s: %.*s\n", what, (int)a.length,
		(char *)a.value, (int)b.length, (char *)b.value);
	exit(1);
}

static void die_errno(const char *what)
{
	perror(what);
	exit(1);
}

/* Run gss_init_sec_context to completion over the socket. */
static gss_ctx_id_t authenticate(int fd, const char *service)
{
	gss_buffer_desc name_buf = { strlen(service), (void *)service };
	gss_buffer_desc in = GSS_C_EMPTY_BUFFER, out = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor, m;
	gss_name_t target;

	major = gss_import_name(&minor, &name_buf, GSS_C_NT_HOSTBASED_SERVICE,
				&target);
	if (major)
		die("gss_import_name", major, minor);
	do {
		major = gss_init_sec_context(&minor, GSS_C_NO_CREDENTIAL, &ctx,
			target, GSS_C_NO_OID,
			GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG |
			GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG |
			GSS_C_INTEG_FLAG, 0, GSS_C_NO_CHANNEL_BINDINGS,
			&in, NULL, &out, NULL, NULL);
		free(in.value);
		in.value = NULL;
		if (GSS_ERROR(major))
			die("gss_init_sec_context", major, minor);
		if (out.length && frame_send(fd, out.value, out.length))
			die_errno("send token");
		gss_release_buffer(&m, &out);
		if (major == GSS_S_CONTINUE_NEEDED && frame_recv(fd, &in))
			die_errno("receive token");
	} while (major == GSS_S_CONTINUE_NEEDED);
	gss_release_name(&m, &target);
	return ctx;
}

int main(int argc, char **argv)
{
	gss_buffer_desc msg, out = GSS_C_EMPTY_BUFFER, in, reply;
	OM_uint32 major, minor, m;
	gss_ctx_id_t ctx;
	int fd, i, conf;

	if (argc < 4) {
		fprintf(stderr, "usage: gssk-client SOCKET SERVICE MESSAGE...\n");
		return 2;
	}
	fd = unix_connect(argv[1]);
	if (fd < 0)
		die_errno(argv[1]);
	ctx = authenticate(fd, argv[2]);
	printf("client: authenticated to %s\n", argv[2]);

	for (i = 3; i < argc; i++) {
		msg.value = argv[i];
		msg.length = strlen(argv[i]);
		major = gss_wrap(&minor, ctx, 1, GSS_C_QOP_DEFAULT, &msg,
				 &conf, &out);
		if (major)
			die("gss_wrap", major, minor);
		if (frame_send(fd, out.value, out.length))
			die_errno("send message");
		gss_release_buffer(&m, &out);
		if (frame_recv(fd, &in))
			die_errno("receive reply");
		major = gss_unwrap(&minor, ctx, &in, &reply, &conf, NULL);
		free(in.value);
		if (major)
			die("gss_unwrap", major, minor);
		printf("client: reply (%s): %.*s\n",
		       conf ? "sealed" : "NOT sealed", (int)reply.length,
		       (char *)reply.value);
		gss_release_buffer(&m, &reply);
		if (!conf)
			return 1;
	}
	frame_send(fd, "", 0);	/* end of conversation */
	gss_delete_sec_context(&m, &ctx, GSS_C_NO_BUFFER);
	close(fd);
	return 0;
}
