// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl: messages and exit statuses shared by every subcommand.
 *
 * Usage errors: "gsskctl: CMD: PROBLEM" and "Try 'gsskctl help CMD'.",
 * exit 2. Refusals: exactly one line, "gsskctl: CMD: MAJOR; MINOR[:
 * KERNEL]", exit 1, or 3 when the module is not loaded.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gsskctl.h"

const char *gsskctl_cmdname;
bool gsskctl_verbose;

void usage_error(const char *fmt, ...)
{
	va_list ap;

	if (gsskctl_cmdname)
		fprintf(stderr, "gsskctl: %s: ", gsskctl_cmdname);
	else
		fputs("gsskctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (gsskctl_cmdname)
		fprintf(stderr, "\nTry 'gsskctl help %s'.\n", gsskctl_cmdname);
	else
		fputs("\nTry 'gsskctl help'.\n", stderr);
	exit(EXIT_USAGE);
}

void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gsskctl: %s: ", gsskctl_cmdname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_FAIL);
}

char *status_text(OM_uint32 code, int type)
{
	OM_uint32 minor, ctx = 0, major;
	size_t len = 0;
	char *out = NULL;

	do {
		gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;
		char *p;

		major = gssk_display_status(&minor, code, type, GSS_C_NO_OID,
					    &ctx, &buf);
		if (GSS_ERROR(major))
			break;
		p = realloc(out, len + buf.length + 3);
		if (!p) {
			gssk_release_buffer(&minor, &buf);
			break;
		}
		out = p;
		if (len) {
			memcpy(out + len, ", ", 2);
			len += 2;
		}
		memcpy(out + len, buf.value, buf.length);
		len += buf.length;
		out[len] = '\0';
		gssk_release_buffer(&minor, &buf);
	} while (ctx != 0);

	if (!out) {
		out = malloc(48);
		if (out)
			snprintf(out, 48, "%s status 0x%08x",
				 type == GSS_C_GSS_CODE ? "unknown major"
							: "unknown minor",
				 code);
	}
	return out;
}

int gss_report(OM_uint32 major, OM_uint32 minor)
{
	char *mj = status_text(major, GSS_C_GSS_CODE);
	char *mn = status_text(minor, GSS_C_MECH_CODE);
	const char *kmsg = gssk_last_error();

	fprintf(stderr, "gsskctl: %s: %s; %s", gsskctl_cmdname,
		mj ? mj : "?", mn ? mn : "?");
	if (kmsg && *kmsg)
		fprintf(stderr, ": %s", kmsg);
	if (gsskctl_verbose)
		fprintf(stderr, " (major 0x%08x, minor 0x%08x)", major, minor);
	fputc('\n', stderr);
	free(mj);
	free(mn);
	return minor == GSSK_MINOR_MODULE_NOT_LOADED ? EXIT_NOT_LOADED : EXIT_FAIL;
}

void gss_failure(OM_uint32 major, OM_uint32 minor)
{
	exit(gss_report(major, minor));
}
