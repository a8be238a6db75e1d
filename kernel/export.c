// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_EXPORT (gss_export_sec_context, RFC 2744 section 5.14).
 *
 * On success the context has moved from the caller's key into a pending
 * token, the key is invalidated and the reply carries the wire token, a
 * reference with no key material. On any failure there is no token and the
 * key still holds the context.
 */
#include <linux/string.h>
#include <linux/sunrpc/gss_err.h>
#include <net/genetlink.h>

#include "commands.h"
#include "counters.h"
#include "ctx.h"
#include "genl.h"
#include "key_retire.h"
#include "key_type.h"
#include "params.h"
#include "refuse.h"
#include "testmode.h"
#include "token.h"

/* TTL, or the default; the bound is a module parameter (max_ttl). */
static int gssk_export_ttl(struct nlattr *attr, u32 *ttl,
			   struct netlink_ext_ack *extack)
{
	u32 max = READ_ONCE(gssk_max_ttl);

	*ttl = attr ? nla_get_u32(attr) : min(READ_ONCE(gssk_default_ttl), max);
	if (*ttl && *ttl <= max)
		return 0;
	return gssk_refuse_attr(extack, attr, -EINVAL, GSS_S_FAILURE,
				GSSK_MINOR_BAD_TTL,
				"time to live must be 1 to max_ttl seconds (module parameter)");
}

static struct gssk_token *gssk_export_prepare(struct nlattr **a,
					      struct netlink_ext_ack *extack)
{
	u32 ttl;
	int err;

	err = gssk_export_ttl(a[GSSK_A_TTL], &ttl, extack);
	if (err)
		return ERR_PTR(err);
	return gssk_token_prepare(a[GSSK_A_POLICY] ?
				  nla_get_u32(a[GSSK_A_POLICY]) : 0,
				  a[GSSK_A_POLICY_UID],
				  a[GSSK_A_POLICY_CGROUP_FD], ttl, extack);
}

static int gssk_export_check(const struct gssk_ctx *ctx,
			     struct netlink_ext_ack *extack)
{
	if (!(ctx->gss_flags & GSS_C_TRANS_FLAG))
		return gssk_refuse_msg(extack, -EPERM, GSS_S_UNAVAILABLE,
				       GSSK_MINOR_NOT_TRANSFERABLE,
				       "context lacks GSS_C_TRANS_FLAG and cannot be exported");
	if (gssk_ctx_expired(ctx))
		return gssk_refuse_msg(extack, -EKEYEXPIRED,
				       GSS_S_CONTEXT_EXPIRED,
				       GSSK_MINOR_CONTEXT_EXPIRED,
				       "security context has expired");
	return 0;
}

int gssk_nl_export(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	u8 wire[GSSK_TOKEN_LEN];
	struct gssk_ctx *ctx = gssk_info_ctx(info);
	struct key *key = gssk_info_key(info);
	struct gssk_token *tok;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = gssk_export_check(ctx, extack);
	if (err)
		return err;
	tok = gssk_export_prepare(info->attrs, extack);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	msg = gssk_reply_new(info, nla_total_size(GSSK_TOKEN_LEN), &hdr);
	if (!msg) {
		gssk_token_discard(tok);
		return gssk_refuse_msg(extack, -ENOMEM, GSS_S_FAILURE,
				       GSSK_MINOR_NO_MEMORY, "out of memory");
	}

	/*
	 * From the claim to its end no other caller can take the context out
	 * of the key: the token is published, the reply delivered and the key
	 * let go of the context, or none of it happened.
	 */
	if (gssk_key_claim_ctx(key) != ctx) {
		nlmsg_free(msg);
		gssk_token_discard(tok);
		return gssk_refuse_msg(extack, -EKEYREVOKED, GSS_S_NO_CONTEXT,
				       GSSK_MINOR_EXPORT_RACE,
				       "context was exported or deleted concurrently");
	}
	gssk_ctx_get(ctx);
	gssk_token_publish(tok, ctx, wire);
	if (nla_put(msg, GSSK_A_TOKEN, sizeof(wire), wire)) {
		nlmsg_free(msg);
		err = -EMSGSIZE;
	} else {
		genlmsg_end(msg, hdr);
		err = gssk_test_fail_export_reply(msg);
		if (!err)
			err = genlmsg_reply(msg, info);
	}
	if (err) {
		gssk_ctx_put(gssk_token_withdraw(tok));
		gssk_key_unclaim(key, false);
		gssk_refuse_msg(extack, err, GSS_S_FAILURE, GSSK_MINOR_NO_MEMORY,
				"could not deliver the token; context left in place");
	} else {
		gssk_key_unclaim(key, true);
		/* The key's reference: the token holds one of its own. */
		gssk_ctx_put(ctx);
		gssk_key_retire(key);
		gssk_counter_inc(GSSK_COUNTER_EXPORTS);
	}
	memzero_explicit(wire, sizeof(wire));
	return err;
}
