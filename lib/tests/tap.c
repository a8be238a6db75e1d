// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdarg.h>
#include <stdio.h>

#include "tap.h"

static int n_run, n_failed, n_skipped;

static void line(const char *prefix, const char *fmt, va_list ap,
		 const char *suffix)
{
	printf("%s %d - ", prefix, n_run);
	vprintf(fmt, ap);
	printf("%s\n", suffix);
	fflush(stdout);
}

bool tap_ok(bool pass, const char *fmt, ...)
{
	va_list ap;

	n_run++;
	if (!pass)
		n_failed++;
	va_start(ap, fmt);
	line(pass ? "ok" : "not ok", fmt, ap, "");
	va_end(ap);
	return pass;
}

void tap_skip(const char *reason, const char *fmt, ...)
{
	va_list ap;

	n_run++;
	n_skipped++;
	va_start(ap, fmt);
	printf("ok %d - ", n_run);
	vprintf(fmt, ap);
	printf(" # SKIP %s\n", reason);
	va_end(ap);
	fflush(stdout);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int tap_done(void)
{
	printf("1..%d\n", n_run);
	printf("%d passed, %d failed, %d skipped\n",
	       n_run - n_failed - n_skipped, n_failed, n_skipped);
	return n_failed ? 1 : 0;
}
