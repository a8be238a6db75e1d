// SPDX-License-Identifier: GPL-2.0
/* gsskctl help [COMMAND]: the usage text, or one command's. */
#include "gsskctl.h"

static int run(int argc, char **argv)
{
	const struct gsskctl_cmd *c;
	int i = no_options(argc, argv);

	if (argc - i > 1)
		usage_error("expected at most one COMMAND");
	if (argc - i == 0) {
		gsskctl_print_usage(stdout);
		return EXIT_OK;
	}
	c = gsskctl_find(argv[i]);
	if (!c)
		usage_error("unknown command \"%s\"", argv[i]);
	gsskctl_print_help(stdout, c);
	return EXIT_OK;
}

const struct gsskctl_cmd gsskctl_cmd_help = {
	.name = "help",
	.synopsis = "[COMMAND]",
	.summary = "describe gsskctl, or one of its commands",
	.help = "",
	.run = run,
};
