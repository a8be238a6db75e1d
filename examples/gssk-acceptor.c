// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gssk-acceptor: the privileged half of a privilege-separated Kerberos
 * server. It accepts one client's context with MIT krb5 (it can read the
 * service keytab, KRB5_KTNAME), moves the context into the kernel with
 * gssk_krb5_load_sec_context, exports it bound to the worker's uid and
 * cgroup, and hands the token and the client's connection to the worker.
 * It never holds the session keys after the load, and the worker never
 * holds them at all.
 *
 *   gssk-acceptor --listen SOCKET --worker SOCKET --worker-uid UID
 *                 --worker-cgroup DIR [--leak-token FILE]
 *
 * --leak-token is for the demo only: it writes the raw token to FILE, as if it
 * had leaked into a log, and waits until FILE is removed before handing
 * over, so that a thief can try the token first.
 */
#define _GNU_SOURCE	/* accept4, SOCK_CLOEXEC, explicit_bzero */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <gssapi/gssapi.h>

#include <gssk/gssk.h>
#include <gssk/gssk_krb5.h>
#include "wire.h"

static void die_mit(const char *what, OM_uint32 major, OM_uint32 minor)
{
	OM_uint32 m, more = 0;
	gss_buffer_desc a = GSS_C_EMPTY_BUFFER, b = GSS_C_EMPTY_BUFFER;

	gss_display_status(&m, major, GSS_C_GSS_CODE, GSS_C_NO_OID, &more, &a);
	more = 0;
	gss_display_status(&m, minor, GSS_C_MECH_CODE, GSS_C_NO_OID, &more, &b);
	fprintf(stderr, "gssk-acceptor: %s: %.*s: %.*s\n", what,
		(int)a.length, (char *)a.value, (int)b.length, (char *)b.value);
	exit(1);
}

/* gssk's statuses are explained by gssk_display_status. */
static void die_gssk(const char *what, OM_uint32 major, OM_uint32 minor)
{
	OM_uint32 m, more = 0;
	gss_buffer_desc a = GSS_C_EMPTY_BUFFER, b = GSS_C_EMPTY_BUFFER;

	gssk_display_status(&m, major, GSS_C_GSS_CODE, GSS_C_NO_OID, &more,
			    &a);
	more = 0;
	gssk_display_status(&m, minor, GSS_C_MECH_CODE, GSS_C_NO_OID, &more,
			    &b);
	fprintf(stderr, "gssk-acceptor: %s: %s; %s: %s\n", what,
		(char *)a.value, (char *)b.value, gssk_last_error());
	exit(1);
}

static void die_errno(const char *what)
{
	perror(what);
	exit(1);
}

/* Run gss_accept_sec_context to completion over the client socket. */
static gss_ctx_id_t accept_client(int fd)
{
	gss_buffer_desc in = GSS_C_EMPTY_BUFFER, out = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor, m;

	do {
		if (frame_recv(fd, &in))
			die_errno("receive token");
		major = gss_accept_sec_context(&minor, &ctx,
			GSS_C_NO_CREDENTIAL, &in, GSS_C_NO_CHANNEL_BINDINGS,
			NULL, NULL, &out, NULL, NULL, NULL);
		free(in.value);
		if (out.length && frame_send(fd, out.value, out.length))
			die_errno("send token");
		gss_release_buffer(&m, &out);
		if (GSS_ERROR(major))
			die_mit("gss_accept_sec_context", major, minor);
	} while (major == GSS_S_CONTINUE_NEEDED);
	return ctx;
}

static void leak(const char *file, const gss_buffer_t token)
{
	FILE *f = fopen(file, "w");

	if (!f || fwrite(token->value, 1, token->length, f) != token->length)
		die_errno(file);
	fclose(f);
	printf("acceptor: token leaked to %s; waiting for its removal\n", file);
	fflush(stdout);
	while (access(file, F_OK) == 0)
		usleep(50 * 1000);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "worker", required_argument, NULL, 'w' },
		{ "worker-uid", required_argument, NULL, 'u' },
		{ "worker-cgroup", required_argument, NULL, 'c' },
		{ "leak-token", required_argument, NULL, 'k' },
		{ 0 }
	};
	const char *listen_path = NULL, *worker = NULL, *cgroup = NULL;
	const char *leak_file = NULL;
	struct gssk_export_policy policy = { 0 };
	gss_buffer_desc token = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t mit_ctx, ctx;
	OM_uint32 major, minor, m;
	int opt, lfd, cfd, wfd;
	long uid = -1;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'l': listen_path = optarg; break;
		case 'w': worker = optarg; break;
		case 'u': uid = strtol(optarg, NULL, 10); break;
		case 'c': cgroup = optarg; break;
		case 'k': leak_file = optarg; break;
		default: return 2;
		}
	}
	if (!listen_path || !worker || uid < 0 || !cgroup) {
		fprintf(stderr, "usage: gssk-acceptor --listen SOCKET --worker SOCKET --worker-uid UID --worker-cgroup DIR [--leak-token FILE]\n");
		return 2;
	}

	lfd = unix_listen(listen_path);
	if (lfd < 0)
		die_errno(listen_path);
	printf("acceptor: waiting for a client on %s\n", listen_path);
	fflush(stdout);
	cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (cfd < 0)
		die_errno("accept");
	mit_ctx = accept_client(cfd);

	/* 1. From here on only the kernel holds the session keys. */
	major = gssk_krb5_load_sec_context(&minor, &mit_ctx, 0, NULL, &ctx);
	if (major)
		die_gssk("gssk_krb5_load_sec_context", major, minor);
	printf("acceptor: context loaded into the kernel as key %d\n",
	       gssk_context_serial(ctx));

	/* 2. A token only the worker's uid, in the worker's cgroup, can use
	 * (the worker runs in its own session, hence ANY_SESSION), once,
	 * within 30 s.
	 */
	policy.flags = GSSK_POLICY_UID | GSSK_POLICY_CGROUP |
		       GSSK_POLICY_ANY_SESSION;
	policy.uid = (uid_t)uid;
	policy.cgroup_fd = open(cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (policy.cgroup_fd < 0)
		die_errno(cgroup);
	policy.ttl = 30;
	major = gssk_export_sec_context_policy(&minor, &ctx, &policy, &token);
	if (major)
		die_gssk("gssk_export_sec_context_policy", major, minor);
	close(policy.cgroup_fd);
	printf("acceptor: exported a %zu-byte token bound to uid %ld and %s\n",
	       token.length, uid, cgroup);
	if (leak_file)
		leak(leak_file, &token);

	/* 3. Hand the token and the client's connection to the worker. */
	wfd = unix_connect(worker);
	if (wfd < 0)
		die_errno(worker);
	if (frame_send_fd(wfd, token.value, token.length, cfd))
		die_errno("hand over to the worker");
	gssk_release_buffer(&m, &token);
	close(wfd);
	close(cfd);
	printf("acceptor: handed the client over to the worker\n");
	return 0;
}
