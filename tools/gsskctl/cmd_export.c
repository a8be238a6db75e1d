// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl export SERIAL [policy options] [--ttl S] [--out FILE] [--raw]:
 * move a context into an export token bound to an importer policy.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "gsskctl.h"

/* Base64 of the token plus a newline, or the raw bytes; 0 or -1. */
static int put_token(int fd, const gss_buffer_t tok, bool raw)
{
	char text[(GSSK_TOKEN_MAX_LEN + 2) / 3 * 4 + 2];
	size_t len;

	if (raw)
		return write_all(fd, tok->value, tok->length);
	if (tok->length > GSSK_TOKEN_MAX_LEN)
		return -1;
	base64_encode(tok->value, tok->length, text);
	len = strlen(text);
	text[len++] = '\n';
	return write_all(fd, text, len);
}

static int run(int argc, char **argv)
{
	enum { O_UID = 256, O_ANY_SESSION, O_CGROUP, O_SAME_CGROUP, O_TTL,
	       O_OUT, O_RAW };
	static const struct option opts[] = {
		{ "uid", required_argument, NULL, O_UID },
		{ "any-session", no_argument, NULL, O_ANY_SESSION },
		{ "cgroup", required_argument, NULL, O_CGROUP },
		{ "same-cgroup", no_argument, NULL, O_SAME_CGROUP },
		{ "ttl", required_argument, NULL, O_TTL },
		{ "out", required_argument, NULL, O_OUT },
		{ "raw", no_argument, NULL, O_RAW },
		OPT_END,
	};
	struct gssk_export_policy pol = { .flags = 0, .cgroup_fd = -1 };
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	const char *cgroup = NULL, *out = NULL;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor;
	int32_t serial;
	bool raw = false;
	int c, fd, err;

	while ((c = next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case O_UID:
			pol.uid = (uid_t)need_u64("--uid", optarg,
						  UINT32_MAX - 1);
			pol.flags |= GSSK_POLICY_UID;
			break;
		case O_ANY_SESSION:
			pol.flags |= GSSK_POLICY_ANY_SESSION;
			break;
		case O_CGROUP:
			cgroup = optarg;
			pol.flags |= GSSK_POLICY_CGROUP;
			break;
		case O_SAME_CGROUP:
			pol.flags |= GSSK_POLICY_OWN_CGROUP;
			break;
		case O_TTL:
			pol.ttl = (unsigned int)need_u64("--ttl", optarg,
							 UINT32_MAX);
			if (!pol.ttl)
				usage_error("--ttl: must be at least 1");
			break;
		case O_OUT:
			out = optarg;
			break;
		case O_RAW:
			raw = true;
			break;
		}
	}
	if (argc - optind != 1)
		usage_error("expected one SERIAL");
	serial = need_serial(argv[optind]);
	if (cgroup) {
		pol.cgroup_fd = open(cgroup, O_RDONLY | O_DIRECTORY |
					     O_CLOEXEC);
		if (pol.cgroup_fd < 0)
			die("cannot open cgroup directory %s: %s", cgroup,
			    strerror(errno));
	}

	major = gssk_context_from_serial(&minor, serial, &h);
	if (!GSS_ERROR(major))
		major = gssk_export_sec_context_policy(&minor, &h, &pol, &tok);
	if (pol.cgroup_fd >= 0)
		close(pol.cgroup_fd);
	if (GSS_ERROR(major))
		gss_failure(major, minor);

	/* the context now lives only in the token: never lose it silently */
	if (out) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		err = fd < 0 ? -1 : put_token(fd, &tok, raw);
		if (fd >= 0 && close(fd) && !err)
			err = -1;
		if (err) {
			fprintf(stderr, "gsskctl: export: cannot write %s: %s; "
				"the token is:\n", out, strerror(errno));
			put_token(STDERR_FILENO, &tok, false);
			gssk_release_buffer(&minor, &tok);
			return EXIT_FAIL;
		}
	} else if (put_token(STDOUT_FILENO, &tok, raw)) {
		fprintf(stderr, "gsskctl: export: cannot write the token to "
			"standard output: %s; the token is:\n",
			strerror(errno));
		put_token(STDERR_FILENO, &tok, false);
		gssk_release_buffer(&minor, &tok);
		return EXIT_FAIL;
	}
	gssk_release_buffer(&minor, &tok);
	return EXIT_OK;
}

const struct gsskctl_cmd gsskctl_cmd_export = {
	.name = "export",
	.synopsis = "SERIAL [--uid UID] [--any-session] [--cgroup PATH]\n"
		    "       [--same-cgroup] [--ttl SECONDS] [--out FILE] [--raw]",
	.summary = "move a context into a one-time export token",
	.help =
"On success the context key stops working and the token, written in base64\n"
"on one line (standard output, or FILE created with mode 0600), is the\n"
"only way to the context until it expires. By default only a process with\n"
"the caller's euid and session keyring may import it; the options change\n"
"who may (all conditions must hold):\n"
"\n"
"  --uid UID        the importer's euid must be UID instead\n"
"  --any-session    drop the same-session-keyring condition\n"
"  --cgroup PATH    the importer must be in cgroup v2 PATH or below it\n"
"  --same-cgroup    the importer must be in the caller's cgroup or below\n"
"  --ttl SECONDS    importable for SECONDS (default: the module's\n"
"                   default_ttl; at most max_ttl)\n"
"  --out FILE       write the token to FILE instead of standard output\n"
"  --raw            the raw token bytes instead of base64\n"
"\n"
"If the token cannot be written it is printed in base64 on standard error.\n"
"\n"
"The export needs read and write permission on the context key. The default\n"
"binds the token to the caller's session keyring, which every process that\n"
"has it shares (children keep it; a named one can be joined): start workers\n"
"in a new anonymous session ('keyctl session -') and bind them by --uid and\n"
"--cgroup.\n",
	.run = run,
};
