// SPDX-License-Identifier: GPL-2.0
/*
 * gss_verify_mic (RFC 2744 section 5.32): check the peer's MIC token (mic)
 * over the caller's message (in). A token that verifies is then placed in
 * the receive window; major carries the supplementary bits (duplicate,
 * old, unseq, gap), which are not refusals.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sunrpc/gss_err.h>
#include <linux/uaccess.h>

#include "ctx.h"
#include "message.h"
#include "refuse.h"
#include "rfc4121.h"

int gssk_msg_verify_mic(struct gssk_ctx *ctx, struct gssk_op *op)
{
	size_t len = op->in_len;
	u8 mic[GSSK_MIC_MAX];
	u32 major, minor;
	u8 *buf;
	u64 seq;
	int err;

	/* no MIC token is this long: defective, whatever it holds */
	if (op->mic_len > sizeof(mic))
		return gssk_op_refuse(op, -EINVAL, GSS_S_DEFECTIVE_TOKEN,
				      GSSK_MINOR_TOKEN_DEFECTIVE);
	if (copy_from_user(mic, u64_to_user_ptr(op->mic_ptr), op->mic_len))
		return gssk_op_refuse(op, -EFAULT, GSS_S_FAILURE,
				      GSSK_MINOR_BAD_ADDRESS);
	err = gssk_msg_begin(ctx, op, GSSK_MSG_MAX, &buf);
	if (err)
		return err;
	major = gssk_rfc4121_verify_mic(ctx->krb5, buf, len, mic, op->mic_len,
					&seq, &minor);
	gssk_msg_crypto_end(ctx);
	if (major != GSS_S_COMPLETE) {
		err = gssk_msg_refuse_token(op, major, minor);
		goto out;
	}
	op->major = gssk_msg_recv_seq(ctx, seq);
out:
	kvfree_sensitive(buf, len);
	return err;
}
