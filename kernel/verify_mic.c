// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_VERIFY_MIC (gss_verify_mic, RFC 2744 section 5.32): check the
 * peer's MIC token (TOKEN, inline) over the caller's message (IN_PTR,
 * IN_LEN). A token that verifies is then placed in the receive window; the
 * reply's MAJOR carries the supplementary bits (duplicate, old, unseq,
 * gap), which are not refusals.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "gss_status.h"
#include "gssk.h"
#include "message.h"
#include "rfc4121.h"

int gssk_nl_verify_mic(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tok = info->attrs[GSSK_A_TOKEN];
	struct sk_buff *msg = NULL;
	u32 major, minor, supp;
	struct gssk_ctx *ctx;
	u8 *buf = NULL;
	struct key *key;
	size_t len = 0;
	void *hdr;
	u64 seq;
	int err;

	err = gssk_msg_begin(info, &ctx, &key);
	if (err)
		return err;
	if (!tok) {
		err = gssk_refuse_msg(extack, -EINVAL, GSS_S_DEFECTIVE_TOKEN,
				      GSSK_MINOR_MISSING_FIELD,
				      "TOKEN (the MIC token) is required");
		goto out;
	}
	err = gssk_msg_read_in(info, GSSK_MSG_MAX, &buf, &len);
	if (err)
		goto out;
	msg = gssk_reply_new(info, &hdr);
	if (!msg) {
		err = gssk_msg_refuse_nomem(extack);
		goto out;
	}

	major = gssk_rfc4121_verify_mic(ctx->krb5, buf, len, nla_data(tok),
					nla_len(tok), &seq, &minor);
	if (major != GSS_S_COMPLETE) {
		NL_SET_BAD_ATTR(extack, tok);
		err = gssk_msg_refuse_token(extack, major, minor);
		goto out;
	}
	supp = gssk_msg_recv_seq(ctx, seq);

	if (nla_put_u32(msg, GSSK_A_MAJOR, supp) ||
	    nla_put_u32(msg, GSSK_A_MINOR, GSSK_MINOR_NONE) ||
	    nla_put_u32(msg, GSSK_A_QOP, 0)) {
		err = gssk_msg_refuse_nomem(extack);
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	msg = NULL;
out:
	nlmsg_free(msg);
	kvfree_sensitive(buf, len);
	gssk_msg_end(ctx, key);
	return err;
}
