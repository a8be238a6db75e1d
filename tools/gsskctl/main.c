// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl: the command-line tool of gssk. main() reads the global options
 * and runs one subcommand from the table below; each subcommand lives in
 * its own cmd_NAME.c. See man/gsskctl.8.
 */
#include <stdlib.h>
#include <string.h>

#include "gsskctl.h"

const struct gsskctl_cmd *const gsskctl_cmds[] = {
	&gsskctl_cmd_status,
	&gsskctl_cmd_list,
	&gsskctl_cmd_show,
	&gsskctl_cmd_export,
	&gsskctl_cmd_import,
	&gsskctl_cmd_delete,
	&gsskctl_cmd_load,
	&gsskctl_cmd_random_key,
	&gsskctl_cmd_explain,
	&gsskctl_cmd_help,
	NULL,
};

const struct gsskctl_cmd *gsskctl_find(const char *name)
{
	size_t i;

	for (i = 0; gsskctl_cmds[i]; i++)
		if (strcmp(name, gsskctl_cmds[i]->name) == 0)
			return gsskctl_cmds[i];
	return NULL;
}

void gsskctl_print_usage(FILE *f)
{
	size_t i;

	fputs("usage: gsskctl [-v] COMMAND [ARGS]\n\nCommands:\n", f);
	for (i = 0; gsskctl_cmds[i]; i++)
		fprintf(f, "  %-12s %s\n", gsskctl_cmds[i]->name,
			gsskctl_cmds[i]->summary);
	fputs("\n"
	      "  -v, --verbose   add the numeric status codes to a refusal\n"
	      "  -h, --help      this text\n"
	      "  -V, --version   print the version and exit\n"
	      "\n"
	      "'gsskctl help COMMAND' describes one command. Exit status:\n"
	      "0 success, 1 failure, 2 usage error, 3 gssk module not "
	      "loaded.\n", f);
}

void gsskctl_print_help(FILE *f, const struct gsskctl_cmd *c)
{
	fprintf(f, "usage: gsskctl [-v] %s%s%s\n\n%s\n", c->name,
		*c->synopsis ? " " : "", c->synopsis, c->summary);
	if (c->help && *c->help)
		fprintf(f, "\n%s", c->help);
}

int main(int argc, char **argv)
{
	const struct gsskctl_cmd *c;
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
			gsskctl_verbose = true;
		} else if (!strcmp(argv[i], "-h") ||
			   !strcmp(argv[i], "--help")) {
			gsskctl_print_usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "-V") ||
			   !strcmp(argv[i], "--version")) {
			printf("gsskctl %s\n", GSSKCTL_VERSION);
			return EXIT_OK;
		} else {
			usage_error("unknown option \"%s\"", argv[i]);
		}
	}
	if (i == argc)
		usage_error("no command");
	c = gsskctl_find(argv[i]);
	if (!c)
		usage_error("unknown command \"%s\"", argv[i]);
	gsskctl_cmdname = c->name;
	/* "gsskctl CMD --help" is "gsskctl help CMD" */
	if (c != &gsskctl_cmd_help && i + 1 < argc &&
	    (!strcmp(argv[i + 1], "--help") || !strcmp(argv[i + 1], "-h"))) {
		gsskctl_print_help(stdout, c);
		return EXIT_OK;
	}
	/* getopt sees the subcommand as argv[0] */
	optind = 0;
	return c->run(argc - i, argv + i);
}
