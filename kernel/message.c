// SPDX-License-Identifier: GPL-2.0
/*
 * Shared steps of the per-message operations; see message.h. The
 * operations themselves are in get_mic.c, verify_mic.c, wrap.c, unwrap.c
 * and wrap_size_limit.c; ctx_fd.c calls them.
 *
 * Messages travel by address: struct gssk_op names buffers in the calling
 * task's memory, copied with ordinary user copies (an ioctl holds no lock
 * that a page fault could stall). Kernel copies of messages are
 * kvmalloc'ed, charged to the caller's memory cgroup and wiped before they
 * are freed.
 */
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/sunrpc/gss_err.h>
#include <linux/uaccess.h>

#include "ctx.h"
#include "krb5_crypto.h"
#include "message.h"
#include "refuse.h"
#include "rfc4121.h"
#include "seqwin.h"

static_assert(GSSK_MSG_MAX <= GSSK_RFC4121_MAX_MSG);
static_assert(GSSK_WRAP_OVERHEAD_MAX == 2 * GSSK_RFC4121_HDR_LEN +
	      GSSK_KRB5_CONF_LEN + GSSK_KRB5_MAX_MAC);
static_assert(GSSK_RFC4121_HDR_LEN + GSSK_KRB5_MAX_MAC <= GSSK_MIC_MAX);

static int gssk_msg_bad_op(struct gssk_op *op)
{
	return gssk_op_refuse(op, -EINVAL, GSS_S_FAILURE, GSSK_MINOR_BAD_OP);
}

/* [ptr, ptr + len) wraps around: no user buffer can be there. */
static bool gssk_range_bad(u64 ptr, u64 len, u64 *end)
{
	return check_add_overflow(ptr, len, end);
}

static bool gssk_ranges_overlap(u64 a, u64 a_end, u64 b, u64 b_end)
{
	return a < a_end && b < b_end && a < b_end && b < a_end;
}

/*
 * The buffers the operation reads and writes: none may wrap around, and
 * the output may overlap neither the input nor the caller's struct. (Only
 * VERIFY_MIC has a MIC buffer, and it writes no output.)
 */
static int gssk_msg_check_buffers(struct gssk_op *op, u64 user_lo,
				  u64 user_hi)
{
	u64 in_end, out_end, mic_end;

	if (gssk_range_bad(op->in_ptr, op->in_len, &in_end) ||
	    gssk_range_bad(op->out_ptr, op->out_len, &out_end) ||
	    gssk_range_bad(op->mic_ptr, op->mic_len, &mic_end))
		return gssk_op_refuse(op, -EFAULT, GSS_S_FAILURE,
				      GSSK_MINOR_BAD_ADDRESS);
	if (gssk_ranges_overlap(op->out_ptr, out_end, op->in_ptr, in_end) ||
	    gssk_ranges_overlap(op->out_ptr, out_end, user_lo, user_hi))
		return gssk_msg_bad_op(op);
	return 0;
}

int gssk_msg_run(struct gssk_ctx *ctx, struct gssk_op *op, u64 user_lo,
		 u64 user_hi)
{
	int err;

	if (op->flags & ~GSSK_OP_FLAGS_ALL)
		return gssk_msg_bad_op(op);
	if (op->qop)
		return gssk_op_refuse(op, -EINVAL, GSS_S_BAD_QOP,
				      GSSK_MINOR_BAD_QOP);
	if (op->op == GSSK_OP_WRAP_SIZE_LIMIT) {
		/* in_len is a size here, and nothing is read or written */
		if (op->in_ptr || op->out_ptr || op->mic_ptr || op->mic_len)
			return gssk_msg_bad_op(op);
		return gssk_msg_wrap_size_limit(ctx, op);
	}
	if (op->op != GSSK_OP_VERIFY_MIC && (op->mic_ptr || op->mic_len))
		return gssk_msg_bad_op(op);
	err = gssk_msg_check_buffers(op, user_lo, user_hi);
	if (err)
		return err;

	switch (op->op) {
	case GSSK_OP_GET_MIC:
		return gssk_msg_get_mic(ctx, op);
	case GSSK_OP_VERIFY_MIC:
		return gssk_msg_verify_mic(ctx, op);
	case GSSK_OP_WRAP:
		return gssk_msg_wrap(ctx, op);
	case GSSK_OP_UNWRAP:
		return gssk_msg_unwrap(ctx, op);
	default:
		return gssk_msg_bad_op(op);
	}
}

int gssk_msg_crypto_begin(struct gssk_ctx *ctx, struct gssk_op *op)
	__acquires(&ctx->crypto_sem)
{
	if (!gssk_ctx_expired(ctx)) {
		/* The secrets stay until gssk_msg_crypto_end(), unless wiped. */
		down_read(&ctx->crypto_sem);
		if (ctx->krb5)
			return 0;
		up_read(&ctx->crypto_sem);
	}
	return gssk_op_refuse(op, -EKEYEXPIRED, GSS_S_CONTEXT_EXPIRED,
			      GSSK_MINOR_CONTEXT_EXPIRED);
}

void gssk_msg_crypto_end(struct gssk_ctx *ctx)
	__releases(&ctx->crypto_sem)
{
	up_read(&ctx->crypto_sem);
}

bool gssk_msg_conf(const struct gssk_ctx *ctx, const struct gssk_op *op)
{
	return (op->flags & GSSK_OP_CONF) && (ctx->gss_flags & GSS_C_CONF_FLAG);
}

static int gssk_msg_read_in(struct gssk_op *op, size_t max, u8 **bufp)
{
	size_t len = op->in_len;
	u8 *buf;

	*bufp = NULL;
	if (len > max)
		return gssk_op_refuse(op, -EMSGSIZE, GSS_S_FAILURE,
				      GSSK_MINOR_MESSAGE_TOO_LONG);
	buf = kvmalloc(len ? len : 1, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!buf)
		return gssk_msg_refuse_nomem(op);
	if (copy_from_user(buf, u64_to_user_ptr(op->in_ptr), len)) {
		kvfree_sensitive(buf, len);
		return gssk_op_refuse(op, -EFAULT, GSS_S_FAILURE,
				      GSSK_MINOR_BAD_ADDRESS);
	}
	*bufp = buf;
	return 0;
}

int gssk_msg_begin(struct gssk_ctx *ctx, struct gssk_op *op, size_t max,
		   u8 **bufp)
	__acquires(&ctx->crypto_sem)
{
	int err;

	err = gssk_msg_read_in(op, max, bufp);
	if (err)
		return err;
	err = gssk_msg_crypto_begin(ctx, op);
	if (err) {
		kvfree_sensitive(*bufp, op->in_len);
		*bufp = NULL;
	}
	return err;
}

int gssk_msg_check_out(struct gssk_op *op, size_t need)
{
	if (op->out_len >= need)
		return 0;
	return gssk_op_refuse(op, -ENOBUFS, GSS_S_FAILURE,
			      GSSK_MINOR_OUTPUT_TOO_SMALL);
}

int gssk_msg_write_out(struct gssk_op *op, const void *buf, size_t len)
{
	if (!copy_to_user(u64_to_user_ptr(op->out_ptr), buf, len))
		return 0;
	return gssk_op_refuse(op, -EFAULT, GSS_S_FAILURE,
			      GSSK_MINOR_BAD_ADDRESS);
}

int gssk_msg_seq_begin(struct gssk_ctx *ctx, struct gssk_op *op, u64 *seq)
	__acquires(&ctx->seq_lock)
{
	mutex_lock(&ctx->seq_lock);
	if (ctx->send_seq == U64_MAX) {
		mutex_unlock(&ctx->seq_lock);
		return gssk_op_refuse(op, -ERANGE, GSS_S_FAILURE,
				      GSSK_MINOR_SEQ_EXHAUSTED);
	}
	*seq = ctx->send_seq;
	return 0;
}

void gssk_msg_seq_end(struct gssk_ctx *ctx, bool used)
	__releases(&ctx->seq_lock)
{
	lockdep_assert_held(&ctx->seq_lock);
	if (used)
		ctx->send_seq++;
	mutex_unlock(&ctx->seq_lock);
}

u32 gssk_msg_recv_seq(struct gssk_ctx *ctx, u64 seq)
{
	bool replay = ctx->gss_flags & GSS_C_REPLAY_FLAG;
	bool sequence = ctx->gss_flags & GSS_C_SEQUENCE_FLAG;
	u32 supp;

	mutex_lock(&ctx->seq_lock);
	supp = gssk_seqwin_check(&ctx->recv_win, seq, replay, sequence);
	mutex_unlock(&ctx->seq_lock);
	return supp;
}

int gssk_msg_refuse_token(struct gssk_op *op, u32 major, u32 minor)
{
	switch (major) {
	case GSS_S_DEFECTIVE_TOKEN:
		return gssk_op_refuse(op, -EINVAL, major, minor);
	case GSS_S_BAD_SIG:
		return gssk_op_refuse(op, -EBADMSG, major, minor);
	default:
		if (minor == GSSK_MINOR_NO_MEMORY)
			return gssk_msg_refuse_nomem(op);
		if (minor == GSSK_MINOR_MESSAGE_TOO_LONG)
			return gssk_op_refuse(op, -EMSGSIZE, major, minor);
		return gssk_op_refuse(op, -EIO, major, minor);
	}
}

int gssk_msg_refuse_crypto(struct gssk_op *op, int err)
{
	if (err == -ENOMEM)
		return gssk_msg_refuse_nomem(op);
	if (err == -EMSGSIZE)
		return gssk_op_refuse(op, err, GSS_S_FAILURE,
				      GSSK_MINOR_MESSAGE_TOO_LONG);
	return gssk_op_refuse(op, err, GSS_S_FAILURE, GSSK_MINOR_CRYPTO);
}

int gssk_msg_refuse_nomem(struct gssk_op *op)
{
	return gssk_op_refuse(op, -ENOMEM, GSS_S_FAILURE,
			      GSSK_MINOR_NO_MEMORY);
}
