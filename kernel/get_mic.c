// SPDX-License-Identifier: GPL-2.0
/*
 * gss_get_mic (RFC 2744 section 5.15): the MIC token of the caller's
 * message (in), written to out. Only a call that succeeds uses a sequence
 * number.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#include "ctx.h"
#include "krb5_crypto.h"
#include "message.h"
#include "rfc4121.h"

int gssk_msg_get_mic(struct gssk_ctx *ctx, struct gssk_op *op)
{
	u8 tok[GSSK_RFC4121_HDR_LEN + GSSK_KRB5_MAX_MAC];
	size_t len = op->in_len, tok_len;
	u8 *buf;
	u64 seq;
	int err;

	err = gssk_msg_begin(ctx, op, GSSK_MSG_MAX, &buf);
	if (err)
		return err;
	tok_len = gssk_rfc4121_mic_len(ctx->krb5);
	err = gssk_msg_check_out(op, tok_len);
	if (!err)
		err = gssk_msg_seq_begin(ctx, op, &seq);
	if (err) {
		gssk_msg_crypto_end(ctx);
		goto out;
	}
	err = gssk_rfc4121_get_mic(ctx->krb5, seq, buf, len, tok);
	gssk_msg_crypto_end(ctx);
	if (err)
		err = gssk_msg_refuse_crypto(op, err);
	else
		err = gssk_msg_write_out(op, tok, tok_len);
	gssk_msg_seq_end(ctx, !err);
	if (!err)
		op->out_len = tok_len;
out:
	kvfree_sensitive(buf, len);
	return err;
}
