// SPDX-License-Identifier: GPL-2.0
/*
 * Lifetime of a security context (struct gssk_ctx).
 */
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sunrpc/gss_err.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>

#include "counters.h"
#include "ctx.h"
#include "krb5_crypto.h"

/* At endtime: wipe the secrets; the context stays, expired, until put. */
static void gssk_ctx_expire(struct work_struct *work)
{
	struct gssk_ctx *ctx = container_of(to_delayed_work(work),
					    struct gssk_ctx, expiry);
	struct gssk_krb5 *krb5;

	/* Early (the wall clock was set back): wait for the rest. */
	if (!gssk_ctx_expired(ctx)) {
		gssk_ctx_arm_expiry(ctx);
		return;
	}
	down_write(&ctx->crypto_sem);
	krb5 = ctx->krb5;
	ctx->krb5 = NULL;
	up_write(&ctx->crypto_sem);
	if (krb5)
		gssk_krb5_free(krb5);
}

struct gssk_ctx *gssk_ctx_alloc(void)
{
	struct gssk_ctx *ctx;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL_ACCOUNT);
	if (!ctx)
		return NULL;
	refcount_set(&ctx->ref, 1);
	mutex_init(&ctx->seq_lock);
	init_rwsem(&ctx->crypto_sem);
	INIT_DELAYED_WORK(&ctx->expiry, gssk_ctx_expire);
	gssk_counter_inc(GSSK_COUNTER_CONTEXTS);
	return ctx;
}

void gssk_ctx_get(struct gssk_ctx *ctx)
{
	refcount_inc(&ctx->ref);
}

/*
 * Drop a reference. The last one wipes the secrets (gssk_krb5_free() zeroes
 * the derived keys and frees their transforms) and frees everything. Must
 * be called in process context.
 */
void gssk_ctx_put(struct gssk_ctx *ctx)
{
	if (!ctx || !refcount_dec_and_test(&ctx->ref))
		return;
	might_sleep();
	cancel_delayed_work_sync(&ctx->expiry);
	if (ctx->krb5)
		gssk_krb5_free(ctx->krb5);
	kfree(ctx->init_name);
	kfree(ctx->acc_name);
	mutex_destroy(&ctx->seq_lock);
	kfree_sensitive(ctx);
	gssk_counter_dec(GSSK_COUNTER_CONTEXTS);
}

/*
 * Bytes of kernel memory a context holds, for the key quota: set once at
 * LOAD (gssk_ctx_set_mem()), so that it stays the same for every key the
 * context moves into, even after its secrets are wiped.
 */
unsigned int gssk_ctx_size(const struct gssk_ctx *ctx)
{
	return ctx->mem;
}

void gssk_ctx_set_mem(struct gssk_ctx *ctx)
{
	ctx->mem = sizeof(*ctx) + gssk_krb5_mem(ctx->krb5) +
		   strlen(ctx->init_name) + strlen(ctx->acc_name) + 2;
}

bool gssk_ctx_expired(const struct gssk_ctx *ctx)
{
	return ctx->endtime && ktime_get_real_seconds() >= ctx->endtime;
}

/*
 * Schedule the wipe of a loaded context's secrets at its endtime (none for
 * a context without one). The last put cancels it.
 */
void gssk_ctx_arm_expiry(struct gssk_ctx *ctx)
{
	time64_t left;

	if (!ctx->endtime)
		return;
	left = ctx->endtime - ktime_get_real_seconds();
	left = clamp_t(time64_t, left, 0, MAX_JIFFY_OFFSET / HZ);
	queue_delayed_work(system_wq, &ctx->expiry, (unsigned long)left * HZ);
}

/* Seconds left, as GSS_C_INDEFINITE (~0) when the context never expires. */
u32 gssk_ctx_time_rec(const struct gssk_ctx *ctx)
{
	time64_t left;

	if (!ctx->endtime)
		return U32_MAX;
	left = ctx->endtime - ktime_get_real_seconds();
	if (left <= 0)
		return 0;
	return left >= U32_MAX ? U32_MAX - 1 : (u32)left;
}
