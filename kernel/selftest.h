/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's self-test at load (selftest.c): known-answer vectors of the
 * Kerberos cryptography (RFC 3961, 3962, 8009, 6803), functional checks of
 * RFC 4121 tokens and of the sequence window.
 */
#ifndef _GSSK_SELFTEST_H
#define _GSSK_SELFTEST_H

/*
 * Run every vector; 0 when all pass, else -EINVAL after a pr_err() naming
 * the failing vector. *vectors is set to the number of known-answer
 * vectors (the functional RFC 4121 and sequence window checks not
 * counted). Call from module_init before anything is registered.
 */
int gssk_selftest(unsigned int *vectors);

#endif /* _GSSK_SELFTEST_H */
