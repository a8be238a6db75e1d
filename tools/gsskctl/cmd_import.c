// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl import [--in FILE] [--keyring K]: redeem an export token, in
 * base64 or raw, into a new context key of the caller.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "gsskctl.h"

/* The longest input: a token of GSSK_TOKEN_MAX_LEN in base64, wrapped. */
#define TOKEN_TEXT_MAX	(2 * GSSK_TOKEN_MAX_LEN)

static int run(int argc, char **argv)
{
	enum { O_IN = 256, O_KEYRING };
	static const struct option opts[] = {
		{ "in", required_argument, NULL, O_IN },
		{ "keyring", required_argument, NULL, O_KEYRING },
		OPT_END,
	};
	static unsigned char input[TOKEN_TEXT_MAX];
	static unsigned char token[GSSK_TOKEN_MAX_LEN];
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	const char *in = NULL, *from;
	OM_uint32 major, minor;
	gss_buffer_desc tok;
	int32_t keyring = 0;
	long n;
	int c, fd;

	while ((c = next_opt(argc, argv, opts)) != -1) {
		if (c == O_IN)
			in = optarg;
		else if (c == O_KEYRING)
			keyring = need_keyring(optarg);
	}
	if (optind != argc)
		usage_error("unexpected argument \"%s\" (the token comes on "
			    "standard input or with --in FILE)", argv[optind]);

	from = in && strcmp(in, "-") != 0 ? in : "standard input";
	fd = in && strcmp(in, "-") != 0 ? open(in, O_RDONLY | O_CLOEXEC)
					: STDIN_FILENO;
	if (fd < 0)
		die("cannot open %s: %s", in, strerror(errno));
	n = read_all(fd, input, sizeof(input));
	if (n < 0)
		die("cannot read %s (or it is over %d bytes)", from,
		    TOKEN_TEXT_MAX);
	if (fd != STDIN_FILENO)
		close(fd);

	if (looks_base64(input, (size_t)n)) {
		n = base64_decode((const char *)input, (size_t)n, token,
				  sizeof(token));
		if (n < 0)
			usage_error("the token from %s is not valid base64 of "
				    "at most %d bytes", from,
				    GSSK_TOKEN_MAX_LEN);
	} else {
		if (n > GSSK_TOKEN_MAX_LEN)
			usage_error("the token from %s is over %d bytes", from,
				    GSSK_TOKEN_MAX_LEN);
		memcpy(token, input, (size_t)n);
	}
	explicit_bzero(input, sizeof(input));
	if (n == 0)
		usage_error("the token from %s is empty", from);

	tok.length = (size_t)n;
	tok.value = token;
	major = gssk_import_sec_context_keyring(&minor, &tok, keyring, &h);
	explicit_bzero(token, sizeof(token));
	if (GSS_ERROR(major))
		gss_failure(major, minor);
	printf("%d\n", (int)gssk_context_serial(h));
	gssk_release_context_handle(&minor, &h);
	return EXIT_OK;
}

const struct gsskctl_cmd gsskctl_cmd_import = {
	.name = "import",
	.synopsis = "[--in FILE] [--keyring KEYRING]",
	.summary = "import an export token, print the new context's serial",
	.help =
"Reads the token from standard input, or FILE (\"-\": standard input), in\n"
"base64 (whitespace ignored) or as raw bytes, and prints the serial of the\n"
"new context key. The token is never taken from the command line, where\n"
"other users could read it.\n"
"\n"
"  --in FILE          read the token from FILE\n"
"  --keyring KEYRING  link the new key there (a serial, @t, @p, @s, @u or\n"
"                     @us; default @s)\n",
	.run = run,
};
