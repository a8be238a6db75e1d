// SPDX-License-Identifier: GPL-2.0
/*
 * gss_wrap_size_limit (RFC 2744 section 5.34): the longest message whose
 * Wrap token (sealed with GSSK_OP_CONF) fits in in_len bytes, never above
 * GSSK_MSG_MAX, returned in out_len.
 */
#include <linux/minmax.h>

#include "ctx.h"
#include "message.h"
#include "rfc4121.h"

int gssk_msg_wrap_size_limit(struct gssk_ctx *ctx, struct gssk_op *op)
{
	size_t limit;
	int err;

	err = gssk_msg_crypto_begin(ctx, op);
	if (err)
		return err;
	limit = gssk_rfc4121_wrap_size_limit(ctx->krb5, gssk_msg_conf(ctx, op),
					     op->in_len);
	gssk_msg_crypto_end(ctx);
	op->out_len = min_t(size_t, limit, GSSK_MSG_MAX);
	op->conf_state = gssk_msg_conf(ctx, op);
	return 0;
}
