// SPDX-License-Identifier: GPL-2.0
/*
 * gss_wrap (RFC 2744 section 5.33): the Wrap token of the caller's message
 * (in), sealed when GSSK_OP_CONF is set and the context offers
 * confidentiality, written to out. A call uses its sequence number only
 * when the token reached out: a refused or faulted call leaves no gap in
 * the sequence.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#include "ctx.h"
#include "message.h"
#include "rfc4121.h"

int gssk_msg_wrap(struct gssk_ctx *ctx, struct gssk_op *op)
{
	size_t len = op->in_len, tok_len = 0;
	bool conf = gssk_msg_conf(ctx, op);
	u8 *buf, *tok = NULL;
	u64 seq;
	int err;

	err = gssk_msg_begin(ctx, op, GSSK_MSG_MAX, &buf);
	if (err)
		return err;
	tok_len = gssk_rfc4121_wrap_len(ctx->krb5, conf, len);
	err = gssk_msg_check_out(op, tok_len);
	if (!err) {
		tok = kvmalloc(tok_len, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!tok)
			err = gssk_msg_refuse_nomem(op);
	}
	if (!err)
		err = gssk_msg_seq_begin(ctx, op, &seq);
	if (err) {
		gssk_msg_crypto_end(ctx);
		goto out;
	}
	err = gssk_rfc4121_wrap(ctx->krb5, conf, seq, buf, len, tok);
	gssk_msg_crypto_end(ctx);
	/* The plaintext copy is no longer needed: wipe it early. */
	kvfree_sensitive(buf, len);
	buf = NULL;
	if (err)
		err = gssk_msg_refuse_crypto(op, err);
	else
		err = gssk_msg_write_out(op, tok, tok_len);
	gssk_msg_seq_end(ctx, !err);
	if (!err) {
		op->out_len = tok_len;
		op->conf_state = conf;
	}
out:
	/* tok held the plaintext while it was encrypted in place */
	kvfree_sensitive(tok, tok_len);
	kvfree_sensitive(buf, len);
	return err;
}
