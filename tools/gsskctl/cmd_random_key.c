// SPDX-License-Identifier: GPL-2.0
/* gsskctl random-key --enctype N: a random key in hex, for tests. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "gsskctl.h"

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "enctype", required_argument, NULL, 'e' },
		OPT_END,
	};
	unsigned char key[GSSK_KEY_MAX];
	uint32_t enctype = 0;
	size_t len, i;
	int c;

	while ((c = next_opt(argc, argv, opts)) != -1)
		if (c == 'e')
			enctype = need_enctype("--enctype", optarg, false);
	if (optind != argc)
		usage_error("unexpected argument \"%s\"", argv[optind]);
	if (!enctype)
		usage_error("--enctype is required");
	len = enctype_key_len(enctype);
	if (getrandom(key, len, 0) != (ssize_t)len)
		die("cannot get random bytes: %s", strerror(errno));
	for (i = 0; i < len; i++)
		printf("%02x", key[i]);
	putchar('\n');
	explicit_bzero(key, sizeof(key));
	return EXIT_OK;
}

const struct gsskctl_cmd gsskctl_cmd_random_key = {
	.name = "random-key",
	.synopsis = "--enctype N",
	.summary = "print a random key for an enctype, in hex",
	.help = "For tests and demonstrations with 'load'.\n",
	.run = run,
};
