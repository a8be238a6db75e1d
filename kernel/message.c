// SPDX-License-Identifier: GPL-2.0
/*
 * Shared steps of the per-message commands; see message.h. The commands
 * themselves are in get_mic.c, verify_mic.c, wrap.c, unwrap.c and
 * wrap_size_limit.c.
 *
 * Messages travel by address: the request carries a pointer into the
 * sender's memory, and a generic netlink handler runs synchronously in the
 * sending task, so copy_{from,to}_user_nofault() reach exactly the sender's
 * buffers. Nothing else ever dereferences those pointers. The copies take
 * no page faults: handlers run under generic netlink's global read lock,
 * and a fault that stalls (a hung FUSE mapping, userfaultfd) would hold it
 * and so block every generic netlink family's registration. A page that
 * is not present gives EFAULT; the caller faults its buffers in first (and
 * again on EFAULT), as libgssk does. Kernel copies of messages are
 * kvmalloc'ed, charged to the caller's memory cgroup and wiped before they
 * are freed.
 */
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <net/genetlink.h>

#include "gss_status.h"
#include "gssk.h"
#include "krb5_crypto.h"
#include "message.h"
#include "rfc4121.h"
#include "seqwin.h"

static_assert(GSSK_MSG_MAX <= GSSK_RFC4121_MAX_MSG);
static_assert(GSSK_WRAP_OVERHEAD_MAX == 2 * GSSK_RFC4121_HDR_LEN +
	      GSSK_KRB5_CONF_LEN + GSSK_KRB5_MAX_MAC);

int gssk_msg_begin(struct genl_info *info, struct gssk_ctx **ctxp,
		   struct key **keyp)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;
	struct gssk_ctx *ctx;
	int err;

	ctx = gssk_nl_get_ctx(info, GSSK_ACCESS_USE, keyp);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);

	if (gssk_ctx_expired(ctx)) {
		err = gssk_refuse_msg(extack, -EKEYEXPIRED,
				      GSS_S_CONTEXT_EXPIRED,
				      GSSK_MINOR_CONTEXT_EXPIRED,
				      "security context has expired");
		goto fail;
	}
	if (a[GSSK_A_QOP] && nla_get_u32(a[GSSK_A_QOP])) {
		NL_SET_BAD_ATTR(extack, a[GSSK_A_QOP]);
		err = gssk_refuse_msg(extack, -EINVAL, GSS_S_BAD_QOP,
				      GSSK_MINOR_BAD_QOP,
				      "only QOP 0 (GSS_C_QOP_DEFAULT) is supported");
		goto fail;
	}
	/* The secrets stay until gssk_msg_end(), unless already wiped. */
	down_read(&ctx->crypto_sem);
	if (!ctx->krb5) {
		up_read(&ctx->crypto_sem);
		err = gssk_refuse_msg(extack, -EKEYEXPIRED,
				      GSS_S_CONTEXT_EXPIRED,
				      GSSK_MINOR_CONTEXT_EXPIRED,
				      "security context has expired");
		goto fail;
	}
	*ctxp = ctx;
	return 0;
fail:
	gssk_ctx_put(ctx);
	key_put(*keyp);
	return err;
}

void gssk_msg_end(struct gssk_ctx *ctx, struct key *key)
{
	up_read(&ctx->crypto_sem);
	gssk_ctx_put(ctx);
	key_put(key);
}

bool gssk_msg_conf(const struct gssk_ctx *ctx, const struct nlattr *conf_req)
{
	return conf_req && nla_get_u8(conf_req) &&
	       (ctx->gss_flags & GSS_C_CONF_FLAG);
}

#define GSSK_COPY_CHUNK	SZ_1M

/* Copy in from the sender without faulting, a chunk at a time. */
static int gssk_copy_in(u8 *dst, u64 src, size_t len)
{
	size_t off, n;

	for (off = 0; off < len; off += n) {
		n = min_t(size_t, len - off, GSSK_COPY_CHUNK);
		if (copy_from_user_nofault(dst + off,
					   u64_to_user_ptr(src + off), n))
			return -EFAULT;
		cond_resched();
	}
	return 0;
}

/* Copy out to the sender without faulting, a chunk at a time. */
static int gssk_copy_out(u64 dst, const u8 *src, size_t len)
{
	size_t off, n;

	for (off = 0; off < len; off += n) {
		n = min_t(size_t, len - off, GSSK_COPY_CHUNK);
		if (copy_to_user_nofault(u64_to_user_ptr(dst + off),
					 src + off, n))
			return -EFAULT;
		cond_resched();
	}
	return 0;
}

int gssk_msg_read_in(struct genl_info *info, size_t max, u8 **bufp,
		     size_t *lenp)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;
	size_t len;
	u64 ptr;
	u8 *buf;

	*bufp = NULL;
	*lenp = 0;
	if (!a[GSSK_A_IN_PTR] || !a[GSSK_A_IN_LEN])
		return gssk_refuse_msg(extack, -EINVAL, GSS_S_FAILURE,
				       GSSK_MINOR_MISSING_FIELD,
				       "IN_PTR and IN_LEN are required");
	ptr = nla_get_u64(a[GSSK_A_IN_PTR]);
	len = nla_get_u32(a[GSSK_A_IN_LEN]);
	if (len > max) {
		NL_SET_BAD_ATTR(extack, a[GSSK_A_IN_LEN]);
		return gssk_refuse_msg(extack, -EMSGSIZE, GSS_S_FAILURE,
				       GSSK_MINOR_MESSAGE_TOO_LONG,
				       "input longer than GSSK_MSG_MAX (64 MiB) allows");
	}

	buf = kvmalloc(len ? len : 1, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!buf)
		return gssk_msg_refuse_nomem(extack);
	if (gssk_copy_in(buf, ptr, len)) {
		kvfree_sensitive(buf, len);
		NL_SET_BAD_ATTR(extack, a[GSSK_A_IN_PTR]);
		return gssk_refuse_msg(extack, -EFAULT, GSS_S_FAILURE,
				       GSSK_MINOR_BAD_ADDRESS,
				       "cannot read IN_LEN bytes at IN_PTR (unmapped, or pages not faulted in)");
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

int gssk_msg_check_out(struct genl_info *info, size_t need)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;

	if (!a[GSSK_A_OUT_PTR] || !a[GSSK_A_OUT_LEN])
		return gssk_refuse_msg(extack, -EINVAL, GSS_S_FAILURE,
				       GSSK_MINOR_MISSING_FIELD,
				       "OUT_PTR and OUT_LEN are required");
	if (nla_get_u32(a[GSSK_A_OUT_LEN]) < need) {
		NL_SET_BAD_ATTR(extack, a[GSSK_A_OUT_LEN]);
		return gssk_refuse_msg(extack, -ENOBUFS, GSS_S_FAILURE,
				       GSSK_MINOR_OUTPUT_TOO_SMALL,
				       "OUT_LEN is too small for the result");
	}
	return 0;
}

int gssk_msg_write_out(struct genl_info *info, const u8 *buf, size_t len)
{
	struct nlattr *ptr = info->attrs[GSSK_A_OUT_PTR];

	if (gssk_copy_out(nla_get_u64(ptr), buf, len)) {
		NL_SET_BAD_ATTR(info->extack, ptr);
		return gssk_refuse_msg(info->extack, -EFAULT, GSS_S_FAILURE,
				       GSSK_MINOR_BAD_ADDRESS,
				       "cannot write the result at OUT_PTR (unmapped, read-only, or pages not faulted in)");
	}
	return 0;
}

int gssk_msg_seq_begin(struct gssk_ctx *ctx, u64 *seq,
		       struct netlink_ext_ack *extack)
	__acquires(&ctx->seq_lock)
{
	mutex_lock(&ctx->seq_lock);
	if (ctx->send_seq == U64_MAX) {
		mutex_unlock(&ctx->seq_lock);
		return gssk_refuse_msg(extack, -ERANGE, GSS_S_FAILURE,
				       GSSK_MINOR_SEQ_EXHAUSTED,
				       "the context has used up its sequence numbers");
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

int gssk_msg_refuse_token(struct netlink_ext_ack *extack, u32 major,
			  u32 minor)
{
	switch (major) {
	case GSS_S_DEFECTIVE_TOKEN:
		return gssk_refuse_msg(extack, -EINVAL, major, minor,
				       "the token is malformed");
	case GSS_S_BAD_SIG:
		if (minor == GSSK_MINOR_WRONG_DIRECTION)
			return gssk_refuse_msg(extack, -EBADMSG, major, minor,
					       "the token was sent by this side of the context, not by its peer");
		return gssk_refuse_msg(extack, -EBADMSG, major, minor,
				       "the token's checksum does not verify");
	default:
		if (minor == GSSK_MINOR_NO_MEMORY)
			return gssk_msg_refuse_nomem(extack);
		if (minor == GSSK_MINOR_MESSAGE_TOO_LONG)
			return gssk_refuse_msg(extack, -EMSGSIZE, major, minor,
					       "the token is too long");
		return gssk_refuse_msg(extack, -EIO, major, minor,
				       "the kernel crypto API failed");
	}
}

int gssk_msg_refuse_crypto(struct netlink_ext_ack *extack, int err)
{
	if (err == -ENOMEM)
		return gssk_msg_refuse_nomem(extack);
	if (err == -EMSGSIZE)
		return gssk_refuse_msg(extack, err, GSS_S_FAILURE,
				       GSSK_MINOR_MESSAGE_TOO_LONG,
				       "the message is too long");
	return gssk_refuse_msg(extack, err, GSS_S_FAILURE, GSSK_MINOR_CRYPTO,
			       "the kernel crypto API failed");
}

int gssk_msg_refuse_nomem(struct netlink_ext_ack *extack)
{
	return gssk_refuse_msg(extack, -ENOMEM, GSS_S_FAILURE,
			       GSSK_MINOR_NO_MEMORY, "out of memory");
}
