// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_INQUIRE: the public facts of a context (gss_inquire_context and
 * gss_context_time) and its sequence state (next number to send, next
 * expected; they travel in the clear in every token). Never a key byte.
 */
#include <linux/sunrpc/gss_err.h>
#include <net/genetlink.h>

#include "commands.h"
#include "ctx.h"
#include "genl.h"
#include "key_type.h"
#include "refuse.h"

/* The sequence state, read together under the context's lock. */
static int gssk_inquire_fill_seq(struct sk_buff *msg, struct gssk_ctx *ctx)
{
	u64 send, recv;

	mutex_lock(&ctx->seq_lock);
	send = ctx->send_seq;
	recv = ctx->recv_win.next;
	mutex_unlock(&ctx->seq_lock);
	if (nla_put_u64_64bit(msg, GSSK_A_SEND_SEQ, send, GSSK_A_PAD) ||
	    nla_put_u64_64bit(msg, GSSK_A_RECV_SEQ, recv, GSSK_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int gssk_inquire_fill(struct sk_buff *msg, struct gssk_ctx *ctx)
{
	if (nla_put_u32(msg, GSSK_A_ENCTYPE, ctx->enctype) ||
	    nla_put_u8(msg, GSSK_A_ROLE, ctx->role) ||
	    nla_put_u32(msg, GSSK_A_GSS_FLAGS, ctx->gss_flags) ||
	    nla_put_string(msg, GSSK_A_INIT_NAME, ctx->init_name) ||
	    nla_put_string(msg, GSSK_A_ACC_NAME, ctx->acc_name) ||
	    nla_put_u64_64bit(msg, GSSK_A_ENDTIME, ctx->endtime, GSSK_A_PAD) ||
	    nla_put_u32(msg, GSSK_A_TIME_REC, gssk_ctx_time_rec(ctx)))
		return -EMSGSIZE;
	if (ctx->subkey_enctype &&
	    nla_put_u32(msg, GSSK_A_SUBKEY_ENCTYPE, ctx->subkey_enctype))
		return -EMSGSIZE;
	return gssk_inquire_fill_seq(msg, ctx);
}

/* What gssk_inquire_fill() puts, at most. */
static size_t gssk_inquire_size(const struct gssk_ctx *ctx)
{
	return 4 * nla_total_size(sizeof(u32)) +	/* ENCTYPE, FLAGS, ... */
	       nla_total_size(sizeof(u8)) +		/* ROLE */
	       nla_total_size(strlen(ctx->init_name) + 1) +
	       nla_total_size(strlen(ctx->acc_name) + 1) +
	       3 * nla_total_size_64bit(sizeof(u64));	/* ENDTIME, SEQs */
}

int gssk_nl_inquire(struct sk_buff *skb, struct genl_info *info)
{
	struct gssk_ctx *ctx = gssk_info_ctx(info);
	struct sk_buff *msg;
	void *hdr;

	msg = gssk_reply_new(info, gssk_inquire_size(ctx), &hdr);
	if (!msg || gssk_inquire_fill(msg, ctx)) {
		nlmsg_free(msg);
		return gssk_refuse_msg(info->extack, -ENOMEM, GSS_S_FAILURE,
				       GSSK_MINOR_NO_MEMORY, "out of memory");
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
