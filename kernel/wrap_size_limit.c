// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_WRAP_SIZE_LIMIT (gss_wrap_size_limit, RFC 2744 section 5.34):
 * the longest message whose Wrap token (sealed with CONF_REQ) fits in
 * MAX_INPUT bytes, never above GSSK_MSG_MAX.
 */
#include <net/genetlink.h>

#include "gss_status.h"
#include "gssk.h"
#include "message.h"
#include "rfc4121.h"

int gssk_nl_wrap_size_limit(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;
	struct sk_buff *msg = NULL;
	struct gssk_ctx *ctx;
	struct key *key;
	size_t limit;
	bool conf;
	void *hdr;
	int err;

	err = gssk_msg_begin(info, &ctx, &key);
	if (err)
		return err;
	if (!a[GSSK_A_MAX_INPUT]) {
		err = gssk_refuse_msg(extack, -EINVAL, GSS_S_FAILURE,
				      GSSK_MINOR_MISSING_FIELD,
				      "MAX_INPUT (the largest token wanted) is required");
		goto out;
	}
	conf = gssk_msg_conf(ctx, a[GSSK_A_CONF_REQ]);
	limit = gssk_rfc4121_wrap_size_limit(ctx->krb5, conf,
					     nla_get_u32(a[GSSK_A_MAX_INPUT]));
	limit = min_t(size_t, limit, GSSK_MSG_MAX);

	msg = gssk_reply_new(info, &hdr);
	if (!msg || nla_put_u32(msg, GSSK_A_MAX_INPUT, limit)) {
		err = gssk_msg_refuse_nomem(extack);
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	msg = NULL;
out:
	nlmsg_free(msg);
	gssk_msg_end(ctx, key);
	return err;
}
