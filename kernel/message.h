/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-message operations (gss_get_mic, gss_verify_mic, gss_wrap, gss_unwrap,
 * gss_wrap_size_limit) on a context the caller holds a reference to. Each
 * has one implementation, in its own file (get_mic.c, verify_mic.c, wrap.c,
 * unwrap.c, wrap_size_limit.c), called by the context descriptor's ioctls
 * (ctx_fd.c) for single operations and batches alike. message.c holds the
 * steps they share.
 *
 * Every function here that fails has recorded the refusal in the struct
 * gssk_op (gssk_op_refuse(): error, major, minor) and returns its errno.
 * Functions run in the calling task, may sleep and may take page faults:
 * the caller holds no lock.
 */
#ifndef _GSSK_MESSAGE_H
#define _GSSK_MESSAGE_H

#include <linux/types.h>
#include <linux/gssk.h>

struct gssk_ctx;

/*
 * Run op (its op code already checked or set by the ioctl) on ctx: check
 * flags, QOP and the buffers, then dispatch. user_lo/user_hi bound the
 * caller's struct gssk_op (or batch array) in user memory: no buffer may
 * overlap it. Results (out_len, major, conf_state) are set in op.
 */
int gssk_msg_run(struct gssk_ctx *ctx, struct gssk_op *op, u64 user_lo,
		 u64 user_hi);

/* The operations, one file each. */
int gssk_msg_get_mic(struct gssk_ctx *ctx, struct gssk_op *op);
int gssk_msg_verify_mic(struct gssk_ctx *ctx, struct gssk_op *op);
int gssk_msg_wrap(struct gssk_ctx *ctx, struct gssk_op *op);
int gssk_msg_unwrap(struct gssk_ctx *ctx, struct gssk_op *op);
int gssk_msg_wrap_size_limit(struct gssk_ctx *ctx, struct gssk_op *op);

/*
 * Hold the context's keyed transforms for a crypto step: takes crypto_sem
 * for reading and refuses a context past its endtime or already wiped.
 * End with gssk_msg_crypto_end().
 */
int gssk_msg_crypto_begin(struct gssk_ctx *ctx, struct gssk_op *op);
void gssk_msg_crypto_end(struct gssk_ctx *ctx);

/* Whether to seal: asked (GSSK_OP_CONF) and offered (GSS_C_CONF_FLAG). */
bool gssk_msg_conf(const struct gssk_ctx *ctx, const struct gssk_op *op);

/*
 * Start an operation on the caller's input: copy op->in_len bytes at
 * op->in_ptr (at most max) into a new kernel buffer *bufp, then
 * gssk_msg_crypto_begin(). On success end the crypto step with
 * gssk_msg_crypto_end() and free the buffer with
 * kvfree_sensitive(*bufp, op->in_len); on failure nothing is held and
 * *bufp is NULL.
 */
int gssk_msg_begin(struct gssk_ctx *ctx, struct gssk_op *op, size_t max,
		   u8 **bufp);

/* Refuse (ENOBUFS) unless op->out_len has room for need bytes. */
int gssk_msg_check_out(struct gssk_op *op, size_t need);

/* Copy len bytes (checked with the above) to op->out_ptr. */
int gssk_msg_write_out(struct gssk_op *op, const void *buf, size_t len);

/*
 * The next send sequence number, for a token that is then made and
 * written out while the context's seq_lock is held: end with
 * gssk_msg_seq_end(ctx, used), used only when the token reached the
 * caller. A refused or faulted call leaves no gap; no two calls get the
 * same number.
 */
int gssk_msg_seq_begin(struct gssk_ctx *ctx, struct gssk_op *op, u64 *seq);
void gssk_msg_seq_end(struct gssk_ctx *ctx, bool used);

/*
 * Record the sequence number of a verified token from the peer; returns
 * the supplementary status bits (0 without GSS_C_REPLAY_FLAG and
 * GSS_C_SEQUENCE_FLAG).
 */
u32 gssk_msg_recv_seq(struct gssk_ctx *ctx, u64 seq);

/* Refuse a token that rfc4121.c rejected with (major, minor). */
int gssk_msg_refuse_token(struct gssk_op *op, u32 major, u32 minor);

/* Refuse after a crypto error (errno from rfc4121.c on the send side). */
int gssk_msg_refuse_crypto(struct gssk_op *op, int err);

int gssk_msg_refuse_nomem(struct gssk_op *op);

#endif /* _GSSK_MESSAGE_H */
