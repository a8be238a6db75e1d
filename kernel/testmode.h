/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test hooks, for the selftests only (selftests/gssk_testmode.c).
 *
 * "make module-test" builds build/testmode/gssk.ko with GSSK_TEST_HOOKS
 * (see Kbuild): kernel/testmode.c is compiled in and these hooks expose
 * what the selftests cannot see from userspace, as test_* module
 * parameters: how many per-context secrets (struct gssk_krb5) and export
 * tokens are alive, what a LOAD request still held after it was wiped, and
 * two switches that make an EXPORT's reply fail and hold back the token
 * reaper, and the number of live contexts from which retired keys die in
 * batches. The production build (make module, DKMS) has no GSSK_TEST_HOOKS:
 * every hook below is an empty inline function, testmode.c is not built
 * and the module has no test_* parameter.
 */
#ifndef _GSSK_TESTMODE_H
#define _GSSK_TESTMODE_H

#include <linux/types.h>

struct nlattr;
struct sk_buff;

#ifdef GSSK_TEST_HOOKS

/* A struct gssk_krb5 was allocated / freed (test_live_secrets). */
void gssk_test_secrets_inc(void);
void gssk_test_secrets_dec(void);
/* An export token was prepared / freed (test_live_tokens). */
void gssk_test_tokens_inc(void);
void gssk_test_tokens_dec(void);
/* A LOAD request was wiped: measure what is left (test_load_residue). */
void gssk_test_load_wiped(struct nlattr **attrs);
/*
 * Before an EXPORT's genlmsg_reply(): 0 to send the reply, or (with
 * test_fail_export_reply set) a negative errno after freeing msg, as if
 * the reply could not be delivered.
 */
int gssk_test_fail_export_reply(struct sk_buff *msg);
/* Extra jiffies before a published token's reaper runs (test_reaper_delay). */
unsigned long gssk_test_reaper_delay(void);
/*
 * Live contexts from which retired keys are dropped in batches
 * (key_retire.c): test_retire_batch_from, or dflt while that is -1.
 */
unsigned int gssk_test_retire_batch_from(unsigned int dflt);

#else /* !GSSK_TEST_HOOKS */

static inline void gssk_test_secrets_inc(void) { }
static inline void gssk_test_secrets_dec(void) { }
static inline void gssk_test_tokens_inc(void) { }
static inline void gssk_test_tokens_dec(void) { }
static inline void gssk_test_load_wiped(struct nlattr **attrs) { }

static inline int gssk_test_fail_export_reply(struct sk_buff *msg)
{
	return 0;
}

static inline unsigned long gssk_test_reaper_delay(void)
{
	return 0;
}

static inline unsigned int gssk_test_retire_batch_from(unsigned int dflt)
{
	return dflt;
}

#endif /* GSSK_TEST_HOOKS */

#endif /* _GSSK_TESTMODE_H */
