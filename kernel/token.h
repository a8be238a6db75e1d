/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pending export tokens.
 */
#ifndef _GSSK_TOKEN_H
#define _GSSK_TOKEN_H

#include <linux/key.h>
#include <linux/netlink.h>
#include <linux/types.h>

struct gssk_ctx;
struct gssk_token;
struct nlattr;

int gssk_tokens_init(void);
void gssk_tokens_exit(void);

/* flags, uid, cgroup_fd: as gssk_policy_capture() takes them. */
struct gssk_token *gssk_token_prepare(u32 flags, const struct nlattr *uid,
				      const struct nlattr *cgroup_fd, u32 ttl,
				      struct netlink_ext_ack *extack);
void gssk_token_discard(struct gssk_token *tok);
void gssk_token_publish(struct gssk_token *tok, struct gssk_ctx *ctx,
			u8 wire[GSSK_TOKEN_LEN]);
struct gssk_ctx *gssk_token_withdraw(struct gssk_token *tok);
/* token: IMPORT's TOKEN attribute (GSSK_TOKEN_LEN bytes, the policy's) */
struct gssk_token *gssk_token_claim(const struct nlattr *token,
				    struct netlink_ext_ack *extack);
struct gssk_ctx *gssk_token_ctx(struct gssk_token *tok);
void gssk_token_commit(struct gssk_token *tok);
void gssk_token_abort(struct gssk_token *tok);

#endif /* _GSSK_TOKEN_H */
