/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A tiny TAP producer for libgssk's unit tests. */
#ifndef GSSK_TAP_H
#define GSSK_TAP_H

#include <stdbool.h>

/* Report one test; returns pass. The plan is printed by tap_done(). */
bool tap_ok(bool pass, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A skipped test ("ok N - name # SKIP reason"). */
void tap_skip(const char *reason, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A diagnostic line ("# ..."). */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the plan and the summary; returns the process exit status. */
int tap_done(void);

#define ok(cond, ...) tap_ok(!!(cond), __VA_ARGS__)

/* test groups */
void test_status(void);
void test_buffers_names(void);
void test_args(void);
void test_extack(void);
void test_errmap(void);
void test_host(void);
void test_nlctrl(void);
void test_message(void);
void test_stats(void);
void test_krb5(void);
void test_request(void);
void test_nlmsg(void);
void test_opts(void);

#endif
