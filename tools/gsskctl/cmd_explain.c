// SPDX-License-Identifier: GPL-2.0
/* gsskctl explain MAJOR [MINOR]: what GSS and gssk status codes mean. */
#include "gsskctl.h"

/* Print each message of a status code as "LABEL 0xCODE: text". */
static bool print_status(const char *label, OM_uint32 code, int type)
{
	OM_uint32 minor, ctx = 0, major;

	do {
		gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;

		major = gssk_display_status(&minor, code, type, GSS_C_NO_OID,
					    &ctx, &buf);
		if (GSS_ERROR(major)) {
			fprintf(stderr, "gsskctl: explain: %s 0x%08x: not a "
				"status code known to libgssk\n", label, code);
			return false;
		}
		printf("%s 0x%08x: %.*s\n", label, code, (int)buf.length,
		       (const char *)buf.value);
		gssk_release_buffer(&minor, &buf);
	} while (ctx != 0);
	return true;
}

/* A status code: decimal, or hex with 0x (a leading 0 is not octal). */
static OM_uint32 need_code(const char *s)
{
	int base = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 16 : 10;
	uint64_t v;

	if (!parse_u64(s, base, UINT32_MAX, &v))
		usage_error("\"%s\" is not a 32-bit number", s);
	return (OM_uint32)v;
}

static int run(int argc, char **argv)
{
	int i = no_options(argc, argv);
	OM_uint32 major, minor = 0;
	bool good, have_minor;

	if (argc - i < 1 || argc - i > 2)
		usage_error("expected MAJOR [MINOR]");
	/* both numbers are checked before anything is printed */
	have_minor = argc - i == 2;
	major = need_code(argv[i]);
	if (have_minor)
		minor = need_code(argv[i + 1]);
	good = print_status("major", major, GSS_C_GSS_CODE);
	if (have_minor)
		good = print_status("minor", minor, GSS_C_MECH_CODE) && good;
	return good ? EXIT_OK : EXIT_FAIL;
}

const struct gsskctl_cmd gsskctl_cmd_explain = {
	.name = "explain",
	.synopsis = "MAJOR [MINOR]",
	.summary = "explain a GSS major and a gssk minor status code",
	.help =
"Codes are decimal, or hex with 0x. Prints \"major 0xCODE: text\" (one\n"
"line per part of a combined major code) and \"minor 0xCODE: text\";\n"
"exits 1 for a code libgssk does not know. Needs no module.\n",
	.run = run,
};
