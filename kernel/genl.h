/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "gssk" generic netlink family (netlink.c) as the command handlers
 * see it: the context pre_doit looked up for them, and their replies.
 */
#ifndef _GSSK_GENL_H
#define _GSSK_GENL_H

#include <net/genetlink.h>

struct gssk_ctx;
struct key;

/*
 * The family (netlink.c, with its policies and handler table), which the
 * command handlers (commands.h) reply through; the shape of the kernel's
 * ynl-generated families (net/handshake/genl.h).
 */
extern struct genl_family gssk_family;

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

/*
 * A reply to the request in info, with room for size bytes of attributes
 * (nla_total_size() of each); the command byte echoes the request's.
 */
static inline struct sk_buff *gssk_reply_new(struct genl_info *info,
					     size_t size, void **hdr)
{
	struct sk_buff *msg;

	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &gssk_family, 0,
				 info->genlhdr->cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

#endif /* _GSSK_GENL_H */
