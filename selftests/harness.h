/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kselftest_harness.h from linux-source-6.1, extracted at build time. Its
 * SIGALRM handler has an unused parameter, which -Wextra -Werror rejects;
 * silence only that, only for the harness itself.
 */
#ifndef GSSK_SELFTEST_HARNESS_H
#define GSSK_SELFTEST_HARNESS_H

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#endif
