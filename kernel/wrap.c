// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_WRAP (gss_wrap, RFC 2744 section 5.33): the Wrap token of the
 * caller's message (IN_PTR, IN_LEN), sealed when CONF_REQ is set, written
 * to OUT_PTR. A call uses its sequence number only when the token reached
 * OUT_PTR and the reply went out (see gssk_msg_seq_begin()): a refused or
 * faulted call leaves no gap in the sequence.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "gss_status.h"
#include "gssk.h"
#include "message.h"
#include "rfc4121.h"

int gssk_nl_wrap(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;
	size_t len = 0, tok_len = 0;
	struct sk_buff *msg = NULL;
	u8 *buf = NULL, *tok = NULL;
	struct gssk_ctx *ctx;
	struct key *key;
	bool conf;
	void *hdr;
	u64 seq;
	int err;

	err = gssk_msg_begin(info, &ctx, &key);
	if (err)
		return err;
	conf = gssk_msg_conf(ctx, a[GSSK_A_CONF_REQ]);
	err = gssk_msg_read_in(info, GSSK_MSG_MAX, &buf, &len);
	if (err)
		goto out;
	tok_len = gssk_rfc4121_wrap_len(ctx->krb5, conf, len);
	err = gssk_msg_check_out(info, tok_len);
	if (err)
		goto out;
	tok = kvmalloc(tok_len, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	msg = gssk_reply_new(info, &hdr);
	if (!tok || !msg) {
		err = gssk_msg_refuse_nomem(extack);
		goto out;
	}

	err = gssk_msg_seq_begin(ctx, &seq, extack);
	if (err)
		goto out;
	err = gssk_rfc4121_wrap(ctx->krb5, conf, seq, buf, len, tok);
	if (err) {
		err = gssk_msg_refuse_crypto(extack, err);
		goto out_seq;
	}
	/* The plaintext copy is no longer needed: wipe it early. */
	kvfree_sensitive(buf, len);
	buf = NULL;
	err = gssk_msg_write_out(info, tok, tok_len);
	if (err)
		goto out_seq;

	if (nla_put_u32(msg, GSSK_A_OUT_LEN, tok_len) ||
	    nla_put_u8(msg, GSSK_A_CONF_STATE, conf)) {
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
	/* tok held the plaintext while it was encrypted in place */
	kvfree_sensitive(tok, tok_len);
	kvfree_sensitive(buf, len);
	gssk_msg_end(ctx, key);
	return err;
}
