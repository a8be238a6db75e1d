// SPDX-License-Identifier: GPL-2.0
/*
 * Pending export tokens.
 *
 * EXPORT moves a context out of its key into a pending token: a random
 * identifier, the context, the importer policy and a deadline. The wire
 * token is only a header and the identifier. IMPORT finds the token by its
 * identifier (hash table, O(1)), compares the whole identifier in constant
 * time, checks the deadline and the policy, and moves the context into a new
 * key of the importer. A token is redeemed at most once; when its time to
 * live runs out a delayed work frees it (and with it, if nobody imported it,
 * the context).
 *
 * Locking: gssk_tokens_lock protects the hash table, every token's "hashed"
 * state and the per-user counters. It is held only for those: never across
 * a key lookup, a key's creation or anything else that can sleep for long.
 * Whoever unhashes a token owns it: it frees it, or (an import that could
 * not create the importer's key) hashes it again. A path other than the
 * reaper cancels the reaper with cancel_delayed_work_sync() outside the
 * lock before it frees the token. Lock order (see kernel/README): a gssk
 * key's semaphore (EXPORT holds it while it publishes), then this lock.
 */
#include <crypto/algapi.h>
#include <linux/hashtable.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/sunrpc/gss_err.h>
#include <linux/workqueue.h>
#include <net/netlink.h>

#include "compat.h"
#include "counters.h"
#include "ctx.h"
#include "params.h"
#include "policy.h"
#include "refuse.h"
#include "testmode.h"
#include "token.h"

#define GSSK_TOKEN_HASH_BITS	10

struct gssk_token {
	struct hlist_node node;
	u8 id[GSSK_TOKEN_ID_LEN];
	bool hashed;
	kuid_t owner;			/* exporter's euid, for the limit */
	unsigned long expires;		/* jiffies */
	struct gssk_policy policy;
	struct gssk_ctx *ctx;		/* one reference */
	struct delayed_work reaper;
};

/* Pending tokens of one user, against max_tokens_per_user. */
struct gssk_user_count {
	struct hlist_node node;
	kuid_t uid;
	unsigned int count;
};

static struct workqueue_struct *gssk_token_wq;	/* reapers; drained at exit */
static DEFINE_MUTEX(gssk_tokens_lock);
static DEFINE_HASHTABLE(gssk_tokens, GSSK_TOKEN_HASH_BITS);
static DEFINE_HASHTABLE(gssk_user_counts, 6);

static u64 gssk_token_hash(const u8 *id)
{
	/* The identifier is uniformly random: any 64 bits of it will do. */
	return get_unaligned((const u64 *)id);
}

/* Under gssk_tokens_lock. */
static struct gssk_user_count *gssk_user_count_find(kuid_t uid)
{
	struct gssk_user_count *uc;

	lockdep_assert_held(&gssk_tokens_lock);

	hash_for_each_possible(gssk_user_counts, uc, node, __kuid_val(uid))
		if (uid_eq(uc->uid, uid))
			return uc;
	return NULL;
}

/* Reserve one pending token for uid; under gssk_tokens_lock. */
static int gssk_user_reserve(kuid_t uid, struct gssk_user_count **spare)
{
	struct gssk_user_count *uc;

	lockdep_assert_held(&gssk_tokens_lock);
	uc = gssk_user_count_find(uid);

	if (!uc) {
		uc = *spare;
		*spare = NULL;
		uc->uid = uid;
		uc->count = 0;
		hash_add(gssk_user_counts, &uc->node, __kuid_val(uid));
	}
	if (uc->count >= READ_ONCE(gssk_max_tokens_per_user)) {
		if (!uc->count) {
			hash_del(&uc->node);
			kfree(uc);
		}
		return -EDQUOT;
	}
	uc->count++;
	return 0;
}

/* Give back a reservation; under gssk_tokens_lock. */
static void gssk_user_release(kuid_t uid)
{
	struct gssk_user_count *uc;

	lockdep_assert_held(&gssk_tokens_lock);
	uc = gssk_user_count_find(uid);

	if (WARN_ON_ONCE(!uc))
		return;
	if (--uc->count == 0) {
		hash_del(&uc->node);
		kfree(uc);
	}
}

static void gssk_token_free(struct gssk_token *tok)
{
	mutex_lock(&gssk_tokens_lock);
	gssk_user_release(tok->owner);
	mutex_unlock(&gssk_tokens_lock);
	gssk_policy_release(&tok->policy);
	gssk_ctx_put(tok->ctx);
	kfree_sensitive(tok);
	gssk_test_tokens_dec();
}

/* Take a token out of the table; under gssk_tokens_lock. */
static void gssk_token_unhash_locked(struct gssk_token *tok)
{
	lockdep_assert_held(&gssk_tokens_lock);
	hash_del(&tok->node);
	tok->hashed = false;
	gssk_counter_dec(GSSK_COUNTER_TOKENS);
}

/* Put a token (back) into the table; under gssk_tokens_lock. */
static void gssk_token_hash_locked(struct gssk_token *tok)
{
	lockdep_assert_held(&gssk_tokens_lock);
	hash_add(gssk_tokens, &tok->node, gssk_token_hash(tok->id));
	tok->hashed = true;
	gssk_counter_inc(GSSK_COUNTER_TOKENS);
}

/* Unhash under the lock; true if the caller now owns the token. */
static bool gssk_token_unhash(struct gssk_token *tok)
{
	bool owned;

	mutex_lock(&gssk_tokens_lock);
	owned = tok->hashed;
	if (owned)
		gssk_token_unhash_locked(tok);
	mutex_unlock(&gssk_tokens_lock);
	return owned;
}

static void gssk_token_reap(struct work_struct *work)
{
	struct gssk_token *tok = container_of(to_delayed_work(work),
					      struct gssk_token, reaper);

	if (gssk_token_unhash(tok))
		gssk_token_free(tok);
}

/*
 * Make a token for the calling exporter: capture the policy, reserve a slot
 * against the per-user limit, draw the identifier. Nothing is published
 * and no context is touched yet.
 */
struct gssk_token *gssk_token_prepare(u32 flags, const struct nlattr *uid,
				      const struct nlattr *cgroup_fd, u32 ttl,
				      struct netlink_ext_ack *extack)
{
	struct gssk_user_count *spare;
	struct gssk_token *tok;
	int err;

	tok = kzalloc(sizeof(*tok), GFP_KERNEL_ACCOUNT);
	spare = kzalloc(sizeof(*spare), GFP_KERNEL);
	if (!tok || !spare) {
		err = gssk_refuse_msg(extack, -ENOMEM, GSS_S_FAILURE,
				      GSSK_MINOR_NO_MEMORY, "out of memory");
		goto fail;
	}
	err = gssk_policy_capture(&tok->policy, flags, uid, cgroup_fd, extack);
	if (err)
		goto fail;

	tok->owner = current_euid();
	mutex_lock(&gssk_tokens_lock);
	err = gssk_user_reserve(tok->owner, &spare);
	mutex_unlock(&gssk_tokens_lock);
	if (err) {
		err = gssk_refuse_msg(extack, -EDQUOT, GSS_S_FAILURE,
				      GSSK_MINOR_TOO_MANY_TOKENS,
				      "too many pending tokens for this user (module parameter max_tokens_per_user)");
		gssk_policy_release(&tok->policy);
		goto fail;
	}
	kfree(spare);

	get_random_bytes(tok->id, sizeof(tok->id));
	tok->expires = jiffies + (unsigned long)ttl * HZ;
	INIT_DELAYED_WORK(&tok->reaper, gssk_token_reap);
	gssk_test_tokens_inc();
	return tok;

fail:
	kfree(spare);
	kfree(tok);
	return ERR_PTR(err);
}

/* Drop a prepared token that was never published. */
void gssk_token_discard(struct gssk_token *tok)
{
	gssk_token_free(tok);
}

/*
 * Publish a prepared token holding ctx (the caller's reference passes to
 * the token) and write its wire form.
 */
void gssk_token_publish(struct gssk_token *tok, struct gssk_ctx *ctx,
			u8 wire[GSSK_TOKEN_LEN])
{
	tok->ctx = ctx;
	memcpy(wire, GSSK_TOKEN_MAGIC, 4);
	wire[4] = GSSK_TOKEN_VERSION;
	memset(wire + 5, 0, 3);
	memcpy(wire + 8, tok->id, GSSK_TOKEN_ID_LEN);

	mutex_lock(&gssk_tokens_lock);
	gssk_token_hash_locked(tok);
	mutex_unlock(&gssk_tokens_lock);
	queue_delayed_work(gssk_token_wq, &tok->reaper,
			   tok->expires - jiffies + gssk_test_reaper_delay());
}

/*
 * Take back a token whose wire form never reached the exporter. Returns its
 * context (the token's reference passes to the caller).
 */
struct gssk_ctx *gssk_token_withdraw(struct gssk_token *tok)
{
	struct gssk_ctx *ctx;

	if (!gssk_token_unhash(tok))
		return NULL;	/* the identifier was never disclosed */
	cancel_delayed_work_sync(&tok->reaper);
	ctx = tok->ctx;
	tok->ctx = NULL;
	gssk_token_free(tok);
	return ctx;
}

/* The length is the policy's (netlink.c): GSSK_TOKEN_LEN bytes. */
static int gssk_token_parse(const struct nlattr *token,
			    struct netlink_ext_ack *extack)
{
	const u8 *wire = nla_data(token);

	if (memcmp(wire, GSSK_TOKEN_MAGIC, 4))
		return gssk_refuse_attr(extack, token, -EBADMSG,
					GSS_S_DEFECTIVE_TOKEN,
					GSSK_MINOR_TOKEN_MAGIC,
					"not a gssk token (bad magic)");
	if (wire[4] != GSSK_TOKEN_VERSION || wire[5] || wire[6] || wire[7])
		return gssk_refuse_attr(extack, token, -EBADMSG,
					GSS_S_DEFECTIVE_TOKEN,
					GSSK_MINOR_TOKEN_VERSION,
					"unsupported token version");
	return 0;
}

/* Under gssk_tokens_lock. */
static struct gssk_token *gssk_token_find(const u8 *id)
{
	struct gssk_token *tok;

	lockdep_assert_held(&gssk_tokens_lock);

	hash_for_each_possible(gssk_tokens, tok, node, gssk_token_hash(id))
		if (!crypto_memneq(tok->id, id, GSSK_TOKEN_ID_LEN))
			return tok;
	return NULL;
}

/*
 * Claim a token for the calling importer: find it, check its deadline, the
 * policy against the caller and the context's end time, and take it out of
 * the table. The caller then creates its key (outside any gssk lock) and
 * ends the claim with gssk_token_commit() or gssk_token_abort(). On a
 * refusal the token is left as it was, importable by the right process
 * until it expires.
 */
struct gssk_token *gssk_token_claim(const struct nlattr *token,
				    struct netlink_ext_ack *extack)
{
	struct gssk_token *tok;
	int err;

	if (WARN_ON_ONCE(nla_len(token) != GSSK_TOKEN_LEN))
		return ERR_PTR(-EINVAL);
	err = gssk_token_parse(token, extack);
	if (err)
		return ERR_PTR(err);

	mutex_lock(&gssk_tokens_lock);
	tok = gssk_token_find((const u8 *)nla_data(token) + 8);
	if (!tok) {
		err = gssk_refuse_msg(extack, -ENOENT, GSS_S_NO_CONTEXT,
				      GSSK_MINOR_TOKEN_UNKNOWN,
				      "unknown token: never issued, already imported or expired");
		goto unlock;
	}
	if (time_after_eq(jiffies, tok->expires)) {
		err = gssk_refuse_msg(extack, -ENOENT, GSS_S_NO_CONTEXT,
				      GSSK_MINOR_TOKEN_EXPIRED,
				      "token has expired");
		goto unlock;
	}
	err = gssk_policy_check(&tok->policy, extack);
	if (err)
		goto unlock;
	if (gssk_ctx_expired(tok->ctx)) {
		err = gssk_refuse_msg(extack, -EKEYEXPIRED, GSS_S_NO_CONTEXT,
				      GSSK_MINOR_CONTEXT_EXPIRED,
				      "the exported security context has expired");
		goto unlock;
	}
	gssk_token_unhash_locked(tok);
	mutex_unlock(&gssk_tokens_lock);
	return tok;

unlock:
	mutex_unlock(&gssk_tokens_lock);
	return ERR_PTR(err);
}

/* The context of a claimed token, for the importer's new key. */
struct gssk_ctx *gssk_token_ctx(struct gssk_token *tok)
{
	return tok->ctx;
}

/* The import succeeded: the token is spent and freed. */
void gssk_token_commit(struct gssk_token *tok)
{
	cancel_delayed_work_sync(&tok->reaper);
	gssk_token_free(tok);
}

/*
 * The importer's key could not be made: the token goes back into the
 * table, as importable as before. Its reaper may have run meanwhile and
 * found it claimed, so it is queued again (a no-op if still pending).
 */
void gssk_token_abort(struct gssk_token *tok)
{
	mutex_lock(&gssk_tokens_lock);
	gssk_token_hash_locked(tok);
	mutex_unlock(&gssk_tokens_lock);
	queue_delayed_work(gssk_token_wq, &tok->reaper,
			   time_after(tok->expires, jiffies) ?
			   tok->expires - jiffies : 0);
}

/*
 * The reapers only free memory at a deadline: they need no particular CPU,
 * so the queue is unbound. Saying so explicitly also matters on 7.x, which
 * warns (a failed boot under panic_on_warn) at an alloc_workqueue() given
 * neither WQ_UNBOUND nor WQ_PERCPU; WQ_UNBOUND exists on every kernel gssk
 * builds on, so no compat define is needed.
 */
int gssk_tokens_init(void)
{
	gssk_token_wq = alloc_workqueue("gssk_tokens", WQ_UNBOUND, 0);
	return gssk_token_wq ? 0 : -ENOMEM;
}

/*
 * Module exit, after the netlink family is gone: free every pending token
 * and its context, then wait for reapers that were already running.
 */
void gssk_tokens_exit(void)
{
	struct gssk_token *tok;
	int bkt;

	for (;;) {
		tok = NULL;
		mutex_lock(&gssk_tokens_lock);
		hash_for_each(gssk_tokens, bkt, tok, node)
			break;
		mutex_unlock(&gssk_tokens_lock);
		if (!tok)
			break;
		if (gssk_token_unhash(tok)) {
			cancel_delayed_work_sync(&tok->reaper);
			gssk_token_free(tok);
		}
	}
	destroy_workqueue(gssk_token_wq);
	WARN_ON(!hash_empty(gssk_user_counts));
}
