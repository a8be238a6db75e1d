/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared steps of the per-message commands (get_mic.c, verify_mic.c,
 * wrap.c, unwrap.c, wrap_size_limit.c): finding the context, moving
 * messages between the sender's memory and the kernel, and the sequence
 * numbers. Every function that fails has already set the extack message
 * and the gssk_status cookie; its return value is the handler's errno.
 */
#ifndef _GSSK_MESSAGE_H
#define _GSSK_MESSAGE_H

#include <linux/types.h>
#include <net/genetlink.h>

struct gssk_ctx;
struct key;

/*
 * Look up the context named by GSSK_A_SERIAL for a per-message command
 * (KEY_NEED_READ); refuse an expired one (or one whose secrets the expiry
 * work has wiped) and a QOP other than 0. On success the context's
 * crypto_sem is held for reading, so ctx->krb5 stays, and the caller ends
 * with gssk_msg_end().
 */
int gssk_msg_begin(struct genl_info *info, struct gssk_ctx **ctxp,
		   struct key **keyp);
void gssk_msg_end(struct gssk_ctx *ctx, struct key *key);

/*
 * Copy the caller's IN_PTR/IN_LEN buffer (at most max bytes) into a new
 * kernel buffer. Free it with kvfree_sensitive(*bufp, *lenp); on failure
 * *bufp is NULL and *lenp 0.
 */
/*
 * Whether to seal: the caller asked (GSSK_A_CONF_REQ) and the context
 * offers confidentiality (GSS_C_CONF_FLAG); else integrity only, and the
 * reply's CONF_STATE says so (RFC 2744 gss_wrap).
 */
bool gssk_msg_conf(const struct gssk_ctx *ctx, const struct nlattr *conf_req);

int gssk_msg_read_in(struct genl_info *info, size_t max, u8 **bufp,
		     size_t *lenp);

/* Check that OUT_PTR is given and OUT_LEN has room for need bytes. */
int gssk_msg_check_out(struct genl_info *info, size_t need);

/* Copy len bytes to the caller's OUT_PTR (checked with the above). */
int gssk_msg_write_out(struct genl_info *info, const u8 *buf, size_t len);

/*
 * The next send sequence number, for a token that is then made, written to
 * the caller and answered for while the context's seq_lock is held: a call
 * ends with gssk_msg_seq_end(ctx, used), and only a call whose reply went
 * out uses its number (used == true). A refused or faulted call leaves no
 * gap, and no two calls get the same number. Tokens of one context are
 * made one at a time, in sequence order.
 */
int gssk_msg_seq_begin(struct gssk_ctx *ctx, u64 *seq,
		       struct netlink_ext_ack *extack);
void gssk_msg_seq_end(struct gssk_ctx *ctx, bool used);

/*
 * Record the sequence number of a verified token from the peer; returns the
 * supplementary status bits (0 without GSS_C_REPLAY_FLAG and
 * GSS_C_SEQUENCE_FLAG).
 */
u32 gssk_msg_recv_seq(struct gssk_ctx *ctx, u64 seq);

/* Refuse a token that rfc4121.c rejected with (major, minor). */
int gssk_msg_refuse_token(struct netlink_ext_ack *extack, u32 major,
			  u32 minor);

/* Refuse after a crypto error (errno from rfc4121.c on the send side). */
int gssk_msg_refuse_crypto(struct netlink_ext_ack *extack, int err);

/* The reply could not be built. */
int gssk_msg_refuse_nomem(struct netlink_ext_ack *extack);

#endif /* _GSSK_MESSAGE_H */
