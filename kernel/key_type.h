/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "gssk" key type (key_type.c): one key holds one context. Lookups of
 * a context by key serial, with the permissions of the calling task, and
 * the claim that moves a context out of its key (EXPORT, DELETE).
 */
#ifndef _GSSK_KEY_TYPE_H
#define _GSSK_KEY_TYPE_H

#include <linux/key.h>
#include <linux/key-type.h>
#include <linux/netlink.h>
#include <linux/types.h>

struct gssk_ctx;
struct gssk_op;

extern struct key_type gssk_key_type;
/* payload.data[] of a gssk key besides the context (data[0], see there) */
#define GSSK_KEY_HOME		2	/* serial of the keyring it went to */
#define GSSK_KEY_RETIRED	3	/* non-NULL: retired in a batch (key_retire.c) */
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
struct gssk_ctx *gssk_key_fd_ctx(struct key *key, struct gssk_op *op);
struct key *gssk_key_get_for_delete(key_serial_t serial,
				    struct netlink_ext_ack *extack);
struct gssk_ctx *gssk_key_claim_ctx(struct key *key);
void gssk_key_unclaim(struct key *key, bool moved);

#endif /* _GSSK_KEY_TYPE_H */
