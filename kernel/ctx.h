/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The security context (ctx.c): what a gssk key, a pending token and every
 * call in flight hold a reference to.
 */
#ifndef _GSSK_CTX_H
#define _GSSK_CTX_H

#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/rwsem.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "seqwin.h"

/*
 * One established Kerberos v5 security context.
 *
 * The immutable part (everything but the sequence state) is set once at
 * LOAD and never changes; it moves unchanged from key to token to key on
 * export and import. The context is reference counted: a gssk key
 * holds one reference through its payload, a pending export token holds
 * one, and every command or descriptor call in flight holds one. The last put zeroes
 * every secret and frees the memory; it always runs in process context.
 */
struct gssk_krb5;

struct gssk_ctx {
	refcount_t ref;

	u32 enctype;
	u32 subkey_enctype;		/* 0: no acceptor subkey */
	u8 role;			/* enum gssk_role */
	u32 gss_flags;
	time64_t endtime;		/* 0: no expiry */
	unsigned int mem;		/* bytes charged to the key quota */
	char *init_name;		/* display names, never NULL */
	char *acc_name;

	/*
	 * The secrets: per-usage keys derived once at LOAD (RFC 3961/8009,
	 * usages 22 to 25, from the acceptor subkey when there is one), held
	 * only as keyed transforms (Ke) and precomputed HMAC states (Kc,
	 * Ki). The raw keys are not kept. Per-message operations use them
	 * under crypto_sem held for reading; at endtime
	 * the expiry work takes it for writing, wipes them and sets krb5 to
	 * NULL, so an expired context holds no secret even while its key
	 * waits for the key garbage collector.
	 */
	struct gssk_krb5 *krb5;
	struct rw_semaphore crypto_sem;
	struct delayed_work expiry;

	/*
	 * Per-message state, protected by seq_lock: the next sequence number
	 * to send, and the window of numbers received from the peer. Being
	 * part of the context, it moves with it through export and import.
	 */
	struct mutex seq_lock;
	u64 send_seq;
	struct gssk_seqwin recv_win;
};

struct gssk_ctx *gssk_ctx_alloc(void);
void gssk_ctx_get(struct gssk_ctx *ctx);
void gssk_ctx_put(struct gssk_ctx *ctx);
unsigned int gssk_ctx_size(const struct gssk_ctx *ctx);
void gssk_ctx_set_mem(struct gssk_ctx *ctx);
bool gssk_ctx_expired(const struct gssk_ctx *ctx);
void gssk_ctx_arm_expiry(struct gssk_ctx *ctx);
u32 gssk_ctx_time_rec(const struct gssk_ctx *ctx);

#endif /* _GSSK_CTX_H */
