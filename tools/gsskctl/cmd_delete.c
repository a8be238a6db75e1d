// SPDX-License-Identifier: GPL-2.0
/* gsskctl delete SERIAL: gss_delete_sec_context on a context key. */
#include "gsskctl.h"

static int run(int argc, char **argv)
{
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor;
	int i = no_options(argc, argv);

	if (argc - i != 1)
		usage_error("expected one SERIAL");
	major = gssk_context_from_serial(&minor, need_serial(argv[i]), &h);
	if (!GSS_ERROR(major))
		major = gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
	if (GSS_ERROR(major))
		gss_failure(major, minor);
	return EXIT_OK;
}

const struct gsskctl_cmd gsskctl_cmd_delete = {
	.name = "delete",
	.synopsis = "SERIAL",
	.summary = "delete a context: wipe it and retire its key",
	.help =
"The context's keys are wiped at once and its key serial stops working.\n"
"An expired context can be deleted too. Prints nothing.\n",
	.run = run,
};
