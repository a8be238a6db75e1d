/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "gssk" generic netlink family (netlink.c): its registration and the
 * replies the command handlers send.
 */
#ifndef _GSSK_GENL_H
#define _GSSK_GENL_H

#include <net/genetlink.h>

struct gssk_ctx;
struct key;

int gssk_genl_register(void);
/* Returns once no handler is running. */
void gssk_genl_unregister(void);
/*
 * The context of a command that names one in SERIAL (the ops marked
 * GSSK_CMD_CTX_USE or GSSK_CMD_CTX_MOVE in netlink.c): looked up with the
 * permissions of the sender before the handler runs, and put after it.
 * The handler may take references of its own.
 */
static inline struct gssk_ctx *gssk_info_ctx(struct genl_info *info)
{
	return info->user_ptr[0];
}

static inline struct key *gssk_info_key(struct genl_info *info)
{
	return info->user_ptr[1];
}

/* A reply with room for size bytes of attributes. */
struct sk_buff *gssk_reply_new(struct genl_info *info, size_t size,
			       void **hdr);

#endif /* _GSSK_GENL_H */
