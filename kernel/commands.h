/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command handlers of the gssk family, one file each (netlink.c lists
 * them with their policies).
 */
#ifndef _GSSK_COMMANDS_H
#define _GSSK_COMMANDS_H

struct genl_info;
struct sk_buff;

int gssk_nl_load(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_inquire(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_delete(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_export(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_import(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_open(struct sk_buff *skb, struct genl_info *info);
int gssk_nl_stats(struct sk_buff *skb, struct genl_info *info);

#endif /* _GSSK_COMMANDS_H */
