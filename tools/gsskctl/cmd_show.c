// SPDX-License-Identifier: GPL-2.0
/* gsskctl show SERIAL [--json]: the public facts of one context. */
#include "gsskctl.h"

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		OPT_END,
	};
	struct ctxinfo ci;
	bool json = false;
	int c;

	while ((c = next_opt(argc, argv, opts)) != -1)
		json = true;
	if (argc - optind != 1)
		usage_error("expected one SERIAL");
	ctxinfo_get(need_serial(argv[optind]), &ci);
	if (ci.major) {
		OM_uint32 major = ci.major, minor = ci.minor;

		ctxinfo_release(&ci);
		gss_failure(major, minor);
	}
	if (json) {
		ctxinfo_print_json(stdout, &ci);
		putchar('\n');
	} else {
		ctxinfo_print_text(&ci);
	}
	ctxinfo_release(&ci);
	return EXIT_OK;
}

const struct gsskctl_cmd gsskctl_cmd_show = {
	.name = "show",
	.synopsis = "SERIAL [--json]",
	.summary = "print the public facts of one context",
	.help =
"Prints one \"field: value\" line each: serial, description (of the key),\n"
"initiator, acceptor, enctype, subkey-enctype, role, flags, lifetime\n"
"(seconds left or \"indefinite\"), endtime (Unix seconds or \"none\"), mech,\n"
"open, send-seq and recv-seq (next sequence number to send, next one\n"
"expected; omitted with a module older than 1.1). Never a key byte.\n"
"\n"
"  --json   one JSON object instead\n",
	.run = run,
};
