/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gssk internal definitions shared by the module's files.
 */
#ifndef _GSSK_H
#define _GSSK_H

#include <linux/key.h>
#include <linux/key-type.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <net/genetlink.h>
#include <linux/refcount.h>
#include <linux/rwsem.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/gssk.h>

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

/* ctx.c */
struct gssk_ctx *gssk_ctx_alloc(void);
void gssk_ctx_get(struct gssk_ctx *ctx);
void gssk_ctx_put(struct gssk_ctx *ctx);
unsigned int gssk_ctx_size(const struct gssk_ctx *ctx);
void gssk_ctx_set_mem(struct gssk_ctx *ctx);
bool gssk_ctx_expired(const struct gssk_ctx *ctx);
void gssk_ctx_arm_expiry(struct gssk_ctx *ctx);
u32 gssk_ctx_time_rec(const struct gssk_ctx *ctx);

/* Exported by security/keys, but declared only in its internal header. */
int key_task_permission(const key_ref_t key_ref, const struct cred *cred,
			enum key_need_perm need_perm);

/* key_type.c */
extern struct key_type gssk_key_type;
/* payload.data[] of a gssk key besides the context (data[0], see there) */
#define GSSK_KEY_HOME		2	/* serial of the keyring it went to */
#define GSSK_KEY_RETIRED	3	/* set by gssk_key_retire() (batched) */
int gssk_key_type_register(void);
void gssk_key_type_unregister(void);
struct key *gssk_key_create(struct gssk_ctx *ctx, const char *desc,
			    key_serial_t keyring, struct netlink_ext_ack *extack);

/* What a command does with a context, and so the key permissions it needs. */
enum gssk_access {
	GSSK_ACCESS_USE,	/* KEY_NEED_READ: inquire, per-message */
	GSSK_ACCESS_MOVE,	/* KEY_NEED_READ and KEY_NEED_WRITE: export */
};

struct gssk_ctx *gssk_key_get_ctx(key_serial_t serial,
				  enum gssk_access access,
				  struct key **keyp,
				  struct netlink_ext_ack *extack);
struct gssk_ctx *gssk_nl_get_ctx(struct genl_info *info,
				 enum gssk_access access, struct key **keyp);
struct gssk_ctx *gssk_key_fd_ctx(struct key *key, struct gssk_op *op);
struct key *gssk_key_get_for_delete(key_serial_t serial,
				    struct netlink_ext_ack *extack);
struct gssk_ctx *gssk_key_claim_ctx(struct key *key);
void gssk_key_unclaim(struct key *key, bool moved);

/* status.c: refusals carry an extack message and a gssk_status cookie */
int gssk_refuse(struct netlink_ext_ack *extack, int err, u32 major,
		u32 minor);
/* A refusal of a context descriptor's operation: recorded in op. */
int gssk_op_refuse(struct gssk_op *op, int err, u32 major, u32 minor);
#define gssk_refuse_msg(extack, err, major, minor, msg) ({	\
	NL_SET_ERR_MSG_MOD(extack, msg);			\
	gssk_refuse(extack, err, major, minor);			\
})

/* netlink.c */
int gssk_genl_register(void);
void gssk_genl_unregister(void);
/* A reply with room for size bytes of attributes. */
struct sk_buff *gssk_reply_new(struct genl_info *info, size_t size,
			       void **hdr);

/* command handlers, one file each */
int gssk_nl_load(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_inquire(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_delete(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_export(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_import(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_open(struct sk_buff *skb, struct genl_info *info);

/* stats.c: counters for GSSK_CMD_STATS */
/* GSSK_MODULE_VERSION: -D from Kbuild, PACKAGE_VERSION in dkms.conf */
#ifndef GSSK_MODULE_VERSION
#error "GSSK_MODULE_VERSION is set by Kbuild from dkms.conf"
#endif
enum gssk_stat {
	GSSK_STAT_CONTEXTS,	/* live contexts: up at alloc, down at free */
	GSSK_STAT_LOADS,
	GSSK_STAT_EXPORTS,
	GSSK_STAT_IMPORTS,
	GSSK_STAT_DELETES,
	__GSSK_STAT_MAX
};

void gssk_stats_inc(enum gssk_stat s);
void gssk_stats_dec(enum gssk_stat s);
u64 gssk_stats_read(enum gssk_stat s);
void gssk_stats_refused(u32 minor);
void gssk_stats_selftest(bool passed, unsigned int vectors);
int gssk_nl_stats(struct sk_buff *skb, struct genl_info *info);

/* module parameters (main.c) */
extern unsigned int gssk_default_ttl;
extern unsigned int gssk_max_ttl;
extern unsigned int gssk_max_tokens_per_user;

#endif /* _GSSK_H */
