// SPDX-License-Identifier: GPL-2.0
/*
 * Test hooks and their test_* module parameters (see testmode.h). Built
 * only into the test module, build/testmode/gssk.ko (make module-test),
 * which the selftests load in the VM in place of gssk.ko:
 *
 *   test_live_secrets       (read-only) struct gssk_krb5 alive: allocated
 *                           by gssk_krb5_new() and not yet freed by
 *                           gssk_krb5_free()
 *   test_live_tokens        (read-only) export tokens alive: prepared and
 *                           not yet freed (pending, claimed or withdrawn)
 *   test_load_key_bytes     (read-only) bytes of CTX_KEY and SUBKEY in the
 *                           last LOAD request
 *   test_load_residue       (read-only) how many of them were not zero
 *                           once the request had been wiped
 *   test_fail_export_reply  (bool) EXPORT publishes its token, then acts as
 *                           if genlmsg_reply() had failed
 *   test_reaper_delay       (seconds) added to the delay of the reaper of
 *                           every token published from then on, so that an
 *                           expired token stays in the table
 */
#include <linux/atomic.h>
#include <linux/gssk.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/skbuff.h>
#include <net/netlink.h>

#include "testmode.h"

#ifndef GSSK_TEST_HOOKS
#error "testmode.c is built only with GSSK_TEST_HOOKS (make module-test)"
#endif

/* Read-only counters: atomic_t shown by sysfs, refused at insmod. */
static int gssk_test_get_atomic(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%d\n", atomic_read(kp->arg));
}

static int gssk_test_set_readonly(const char *val,
				  const struct kernel_param *kp)
{
	return -EPERM;
}

static const struct kernel_param_ops gssk_test_counter_ops = {
	.set = gssk_test_set_readonly,
	.get = gssk_test_get_atomic,
};

static atomic_t gssk_test_live_secrets = ATOMIC_INIT(0);
module_param_cb(test_live_secrets, &gssk_test_counter_ops,
		&gssk_test_live_secrets, 0444);
MODULE_PARM_DESC(test_live_secrets,
		 "TEST BUILD: per-context secrets (struct gssk_krb5) alive");

static atomic_t gssk_test_live_tokens = ATOMIC_INIT(0);
module_param_cb(test_live_tokens, &gssk_test_counter_ops,
		&gssk_test_live_tokens, 0444);
MODULE_PARM_DESC(test_live_tokens, "TEST BUILD: export tokens alive");

static atomic_t gssk_test_load_key_bytes = ATOMIC_INIT(0);
module_param_cb(test_load_key_bytes, &gssk_test_counter_ops,
		&gssk_test_load_key_bytes, 0444);
MODULE_PARM_DESC(test_load_key_bytes,
		 "TEST BUILD: bytes of CTX_KEY and SUBKEY in the last LOAD");

static atomic_t gssk_test_load_residue = ATOMIC_INIT(0);
module_param_cb(test_load_residue, &gssk_test_counter_ops,
		&gssk_test_load_residue, 0444);
MODULE_PARM_DESC(test_load_residue,
		 "TEST BUILD: non-zero key bytes left in the last LOAD request after its wipe");

static bool gssk_test_fail_export;
module_param_named(test_fail_export_reply, gssk_test_fail_export, bool, 0644);
MODULE_PARM_DESC(test_fail_export_reply,
		 "TEST BUILD: EXPORT fails as if its reply could not be delivered");

static unsigned int gssk_test_reaper_secs;
module_param_named(test_reaper_delay, gssk_test_reaper_secs, uint, 0644);
MODULE_PARM_DESC(test_reaper_delay,
		 "TEST BUILD: seconds added to the delay of a published token's reaper");

static int gssk_test_batch_from = -1;
module_param_named(test_retire_batch_from, gssk_test_batch_from, int, 0644);
MODULE_PARM_DESC(test_retire_batch_from,
		 "TEST BUILD: live contexts from which retired keys die in batches (-1: the module's own figure)");

void gssk_test_secrets_inc(void)
{
	atomic_inc(&gssk_test_live_secrets);
}

void gssk_test_secrets_dec(void)
{
	atomic_dec(&gssk_test_live_secrets);
}

void gssk_test_tokens_inc(void)
{
	atomic_inc(&gssk_test_live_tokens);
}

void gssk_test_tokens_dec(void)
{
	atomic_dec(&gssk_test_live_tokens);
}

static unsigned int gssk_test_nonzero(const struct nlattr *attr)
{
	const u8 *p;
	unsigned int n = 0;
	int i;

	if (!attr)
		return 0;
	p = nla_data(attr);
	for (i = 0; i < nla_len(attr); i++)
		n += p[i] != 0;
	return n;
}

void gssk_test_load_wiped(struct nlattr **attrs)
{
	struct nlattr *key = attrs[GSSK_A_CTX_KEY];
	struct nlattr *sub = attrs[GSSK_A_SUBKEY];

	atomic_set(&gssk_test_load_key_bytes,
		   (key ? nla_len(key) : 0) + (sub ? nla_len(sub) : 0));
	atomic_set(&gssk_test_load_residue,
		   gssk_test_nonzero(key) + gssk_test_nonzero(sub));
}

int gssk_test_fail_export_reply(struct sk_buff *msg)
{
	if (!READ_ONCE(gssk_test_fail_export))
		return 0;
	/* What netlink_unicast() does when the receiver's queue is full. */
	nlmsg_free(msg);
	return -EAGAIN;
}

unsigned long gssk_test_reaper_delay(void)
{
	return (unsigned long)READ_ONCE(gssk_test_reaper_secs) * HZ;
}

unsigned int gssk_test_retire_batch_from(unsigned int dflt)
{
	int from = READ_ONCE(gssk_test_batch_from);

	return from < 0 ? dflt : from;
}
