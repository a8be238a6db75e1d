// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gssk-worker: the unprivileged half. It receives a gssk token and a
 * client's connection from gssk-acceptor, imports the context (the kernel
 * checks this process's uid, session and cgroup against the token's
 * policy) and then serves the client: each message is unwrapped and
 * answered with a wrapped reply. All the cryptography happens in the
 * kernel; this process never sees a session key, so it cannot leak one.
 * It links libgssk only, not MIT krb5.
 *
 *   gssk-worker --listen SOCKET [--clients N]
 */
#define _GNU_SOURCE	/* accept4, SOCK_CLOEXEC, explicit_bzero */
#include <getopt.h>
#include <linux/keyctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <gssk/gssk.h>
#include "wire.h"

/* Print gssk's explanation of a failed call. */
static void report(const char *what, OM_uint32 major, OM_uint32 minor)
{
	OM_uint32 m, more = 0;
	gss_buffer_desc a = GSS_C_EMPTY_BUFFER, b = GSS_C_EMPTY_BUFFER;

	gssk_display_status(&m, major, GSS_C_GSS_CODE, GSS_C_NO_OID, &more,
			    &a);
	more = 0;
	gssk_display_status(&m, minor, GSS_C_MECH_CODE, GSS_C_NO_OID, &more,
			    &b);
	fprintf(stderr, "gssk-worker: %s: %s; %s: %s\n", what,
		(char *)a.value, (char *)b.value, gssk_last_error());
	gssk_release_buffer(&m, &a);
	gssk_release_buffer(&m, &b);
}

/* Serve one client with the imported context. 0 on success. */
static int serve(int cfd, gss_ctx_id_t ctx)
{
	gss_buffer_desc in, msg, out;
	OM_uint32 major, minor, m;
	char text[256];
	int conf, len;

	for (;;) {
		if (frame_recv(cfd, &in))
			return -1;
		if (!in.length) {	/* the client is done */
			free(in.value);
			return 0;
		}
		major = gssk_unwrap(&minor, ctx, &in, &msg, &conf, NULL);
		free(in.value);
		if (major) {
			report("gssk_unwrap", major, minor);
			return -1;
		}
		printf("worker: got \"%.*s\" (%s)\n", (int)msg.length,
		       (char *)msg.value, conf ? "sealed" : "not sealed");
		len = snprintf(text, sizeof(text), "worker uid %u read: %.*s",
			       (unsigned int)getuid(), (int)msg.length,
			       (char *)msg.value);
		gssk_release_buffer(&m, &msg);
		msg.value = text;
		msg.length = len < (int)sizeof(text) ? (size_t)len :
						       sizeof(text) - 1;
		major = gssk_wrap(&minor, ctx, 1, GSS_C_QOP_DEFAULT, &msg,
				  &conf, &out);
		if (major) {
			report("gssk_wrap", major, minor);
			return -1;
		}
		if (frame_send(cfd, out.value, out.length))
			return -1;
		gssk_release_buffer(&m, &out);
	}
}

/* Take one hand-over from the acceptor and serve that client. */
static int one_client(int lfd)
{
	gss_buffer_desc token, name = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
	gss_name_t src = GSS_C_NO_NAME;
	OM_uint32 major, minor, m;
	int afd, cfd, ret;

	afd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (afd < 0 || frame_recv_fd(afd, &token, &cfd) || cfd < 0) {
		perror("gssk-worker: hand-over");
		return -1;
	}
	close(afd);

	major = gssk_import_sec_context(&minor, &token, &ctx);
	explicit_bzero(token.value, token.length);
	free(token.value);
	if (major) {
		report("gssk_import_sec_context", major, minor);
		close(cfd);
		return -1;
	}
	major = gssk_inquire_context(&minor, ctx, &src, NULL, NULL, NULL,
				     NULL, NULL, NULL);
	if (!major)
		major = gssk_display_name(&minor, src, &name, NULL);
	printf("worker: imported the context of %s as key %d\n",
	       major ? "?" : (char *)name.value, gssk_context_serial(ctx));
	fflush(stdout);
	gssk_release_buffer(&m, &name);
	gssk_release_name(&m, &src);

	ret = serve(cfd, ctx);
	close(cfd);
	gssk_delete_sec_context(&m, &ctx, GSS_C_NO_BUFFER);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "clients", required_argument, NULL, 'n' },
		{ 0 }
	};
	const char *path = NULL;
	int opt, lfd, n = 1, failed = 0;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'l': path = optarg; break;
		case 'n': n = atoi(optarg); break;
		default: return 2;
		}
	}
	if (!path || n < 1) {
		fprintf(stderr, "usage: gssk-worker --listen SOCKET [--clients N]\n");
		return 2;
	}
	/*
	 * A context key in a session keyring is possessed by every process
	 * that has that keyring. Do not keep the parent's: start in a new,
	 * anonymous one (what 'keyctl session -' does), so the contexts this
	 * worker imports are its own.
	 */
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) < 0) {
		perror("join a new session keyring");
		return 1;
	}
	lfd = unix_listen(path);
	if (lfd < 0) {
		perror(path);
		return 1;
	}
	printf("worker: uid %u waiting on %s\n", (unsigned int)getuid(), path);
	fflush(stdout);
	while (n--)
		failed |= one_client(lfd) != 0;
	return failed;
}
