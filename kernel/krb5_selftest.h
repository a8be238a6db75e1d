/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Known-answer self-test of the Kerberos cryptography (krb5_selftest.c).
 */
#ifndef _GSSK_KRB5_SELFTEST_H
#define _GSSK_KRB5_SELFTEST_H

/*
 * Run every vector; 0 when all pass, else -EINVAL after a pr_err() naming
 * the failing vector. *vectors is set to the number of known-answer
 * vectors (the functional RFC 4121 and sequence window checks not
 * counted). Call from module_init before anything is registered.
 */
int gssk_krb5_selftest(unsigned int *vectors);

#endif /* _GSSK_KRB5_SELFTEST_H */
