// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_UNWRAP (gss_unwrap, RFC 2744 section 5.31): check and open the
 * peer's Wrap token (IN_PTR, IN_LEN) and write its message to OUT_PTR.
 *
 * Order: the token is verified and decrypted first; then the message is
 * written out; only then is its sequence number placed in the receive
 * window, so a refused call (bad token, OUT_LEN too small, unwritable
 * OUT_PTR) leaves the window as it was and the caller may retry. The
 * supplementary bits (duplicate, old, unseq, gap) come in the reply's
 * MAJOR with the message, as RFC 2744 has it.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "gss_status.h"
#include "gssk.h"
#include "message.h"
#include "rfc4121.h"

int gssk_nl_unwrap(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	size_t len = 0, msg_len = 0;
	struct sk_buff *msg = NULL;
	u32 major, minor, supp;
	u8 *tok = NULL, *plain;
	struct gssk_ctx *ctx;
	struct key *key;
	bool conf;
	void *hdr;
	u64 seq;
	int err;

	err = gssk_msg_begin(info, &ctx, &key);
	if (err)
		return err;
	/* the message is never longer than its token: check OUT_PTR now */
	err = gssk_msg_check_out(info, 0);
	if (err)
		goto out;
	err = gssk_msg_read_in(info, GSSK_MSG_MAX + GSSK_WRAP_OVERHEAD_MAX,
			       &tok, &len);
	if (err)
		goto out;
	msg = gssk_reply_new(info, &hdr);
	if (!msg) {
		err = gssk_msg_refuse_nomem(extack);
		goto out;
	}

	major = gssk_rfc4121_unwrap(ctx->krb5, tok, len, &plain, &msg_len,
				    &conf, &seq, &minor);
	if (major != GSS_S_COMPLETE) {
		err = gssk_msg_refuse_token(extack, major, minor);
		goto out;
	}
	err = gssk_msg_check_out(info, msg_len);
	if (err)
		goto out;
	err = gssk_msg_write_out(info, plain, msg_len);
	if (err)
		goto out;
	supp = gssk_msg_recv_seq(ctx, seq);

	if (nla_put_u32(msg, GSSK_A_OUT_LEN, msg_len) ||
	    nla_put_u8(msg, GSSK_A_CONF_STATE, conf) ||
	    nla_put_u32(msg, GSSK_A_QOP, 0) ||
	    nla_put_u32(msg, GSSK_A_MAJOR, supp) ||
	    nla_put_u32(msg, GSSK_A_MINOR, GSSK_MINOR_NONE)) {
		err = gssk_msg_refuse_nomem(extack);
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	msg = NULL;
out:
	nlmsg_free(msg);
	/* decrypted in place: the buffer holds the plaintext */
	kvfree_sensitive(tok, len);
	gssk_msg_end(ctx, key);
	return err;
}
