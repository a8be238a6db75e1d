// SPDX-License-Identifier: GPL-2.0
/*
 * gss_unwrap (RFC 2744 section 5.31): check and open the peer's Wrap token
 * (in) and write its message to out.
 *
 * Order: the token is verified and decrypted first; then the message is
 * written out; only then is its sequence number placed in the receive
 * window, so a refused call (bad token, out_len too small, unwritable
 * out) leaves the window as it was and the caller may retry. The
 * supplementary bits (duplicate, old, unseq, gap) come in major with the
 * message, as RFC 2744 has it.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sunrpc/gss_err.h>

#include "ctx.h"
#include "message.h"
#include "rfc4121.h"

int gssk_msg_unwrap(struct gssk_ctx *ctx, struct gssk_op *op)
{
	size_t len = op->in_len, msg_len;
	u32 major, minor;
	u8 *tok, *plain;
	bool conf;
	u64 seq;
	int err;

	err = gssk_msg_begin(ctx, op, GSSK_MSG_MAX + GSSK_WRAP_OVERHEAD_MAX,
			     &tok);
	if (err)
		return err;
	major = gssk_rfc4121_unwrap(ctx->krb5, tok, len, &plain, &msg_len,
				    &conf, &seq, &minor);
	gssk_msg_crypto_end(ctx);
	if (major != GSS_S_COMPLETE) {
		err = gssk_msg_refuse_token(op, major, minor);
		goto out;
	}
	err = gssk_msg_check_out(op, msg_len);
	if (!err)
		err = gssk_msg_write_out(op, plain, msg_len);
	if (err)
		goto out;
	op->major = gssk_msg_recv_seq(ctx, seq);
	op->out_len = msg_len;
	op->conf_state = conf;
out:
	/* decrypted in place: the buffer holds the plaintext */
	kvfree_sensitive(tok, len);
	return err;
}
