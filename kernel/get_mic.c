// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_GET_MIC (gss_get_mic, RFC 2744 section 5.15): the MIC token of
 * the caller's message (IN_PTR, IN_LEN), returned inline in TOKEN. Only a
 * call whose reply went out uses a sequence number.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "gss_status.h"
#include "gssk.h"
#include "krb5_crypto.h"
#include "message.h"
#include "rfc4121.h"

int gssk_nl_get_mic(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	u8 tok[GSSK_RFC4121_HDR_LEN + GSSK_KRB5_MAX_MAC];
	struct sk_buff *msg = NULL;
	struct gssk_ctx *ctx;
	size_t len = 0, tok_len;
	u8 *buf = NULL;
	struct key *key;
	void *hdr;
	u64 seq;
	int err;

	err = gssk_msg_begin(info, &ctx, &key);
	if (err)
		return err;
	err = gssk_msg_read_in(info, GSSK_MSG_MAX, &buf, &len);
	if (err)
		goto out;
	msg = gssk_reply_new(info, &hdr);
	if (!msg) {
		err = gssk_msg_refuse_nomem(extack);
		goto out;
	}

	err = gssk_msg_seq_begin(ctx, &seq, extack);
	if (err)
		goto out;
	tok_len = gssk_rfc4121_mic_len(ctx->krb5);
	err = gssk_rfc4121_get_mic(ctx->krb5, seq, buf, len, tok);
	if (err) {
		err = gssk_msg_refuse_crypto(extack, err);
		goto out_seq;
	}
	if (nla_put(msg, GSSK_A_TOKEN, tok_len, tok)) {
		err = gssk_msg_refuse_nomem(extack);
		goto out_seq;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	msg = NULL;
out_seq:
	gssk_msg_seq_end(ctx, !err);
out:
	nlmsg_free(msg);
	kvfree_sensitive(buf, len);
	gssk_msg_end(ctx, key);
	return err;
}
