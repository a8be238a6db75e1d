// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_LOAD: the only way secrets enter gssk. The process that
 * established a context hands over its fields; a new key of the caller
 * holds the context from then on.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "commands.h"
#include "counters.h"
#include "ctx.h"
#include "enctype.h"
#include "genl.h"
#include "gss_flags.h"
#include "key_retire.h"
#include "key_type.h"
#include "krb5_crypto.h"
#include "refuse.h"
#include "testmode.h"

/* Check one key attribute against its enctype attribute. */
static int gssk_load_check_key(struct nlattr *etype_attr,
			       struct nlattr *key_attr, u32 *etype,
			       struct netlink_ext_ack *extack)
{
	const struct gssk_enctype *et;

	et = gssk_enctype_find(nla_get_u32(etype_attr));
	if (!et)
		return gssk_refuse_attr(extack, etype_attr, -EINVAL,
					GSS_S_FAILURE, GSSK_MINOR_BAD_ENCTYPE,
					"enctype not supported (use " GSSK_ENCTYPES_TEXT ")");
	if (nla_len(key_attr) != et->key_len)
		return gssk_refuse_attr(extack, key_attr, -EINVAL,
					GSS_S_FAILURE,
					GSSK_MINOR_BAD_KEY_LENGTH,
					"key length does not match the enctype");
	*etype = et->etype;
	return 0;
}

/* Derive the per-usage keys; the key bytes stay in the request only. */
static int gssk_load_keys(struct gssk_ctx *ctx, struct nlattr **a,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *sub = a[GSSK_A_SUBKEY];
	struct gssk_krb5 *k;

	k = gssk_krb5_new(ctx->enctype, nla_data(a[GSSK_A_CTX_KEY]),
			  nla_len(a[GSSK_A_CTX_KEY]), ctx->subkey_enctype,
			  sub ? nla_data(sub) : NULL, sub ? nla_len(sub) : 0,
			  ctx->role == GSSK_ROLE_INITIATOR);
	if (IS_ERR(k)) {
		if (PTR_ERR(k) == -ENOMEM)
			return gssk_refuse_msg(extack, -ENOMEM, GSS_S_FAILURE,
					       GSSK_MINOR_NO_MEMORY,
					       "out of memory");
		return gssk_refuse_msg(extack, PTR_ERR(k), GSS_S_FAILURE,
				       GSSK_MINOR_CRYPTO,
				       "kernel crypto API refused the keys (are cts, aes and hmac available?)");
	}
	ctx->krb5 = k;
	return 0;
}

static char *gssk_load_name(struct nlattr *attr)
{
	return attr ? nla_strdup(attr, GFP_KERNEL_ACCOUNT) :
		      kstrdup("", GFP_KERNEL_ACCOUNT);
}

/*
 * The policy (netlink.c) has checked ROLE's range, GSS_FLAGS' bits and
 * ENDTIME's range.
 */
static int gssk_load_fields(struct gssk_ctx *ctx, struct nlattr **a,
			    struct netlink_ext_ack *extack)
{
	int err;

	/* the first one missing is named in the extack (NLMSGERR_ATTR_MISS_TYPE) */
	if (NL_REQ_ATTR_CHECK(extack, NULL, a, GSSK_A_ENCTYPE) ||
	    NL_REQ_ATTR_CHECK(extack, NULL, a, GSSK_A_CTX_KEY) ||
	    NL_REQ_ATTR_CHECK(extack, NULL, a, GSSK_A_ROLE) ||
	    NL_REQ_ATTR_CHECK(extack, NULL, a, GSSK_A_GSS_FLAGS))
		return gssk_refuse_msg(extack, -EINVAL, GSS_S_FAILURE,
				       GSSK_MINOR_MISSING_FIELD,
				       "ENCTYPE, CTX_KEY, ROLE and GSS_FLAGS are required");
	err = gssk_load_check_key(a[GSSK_A_ENCTYPE], a[GSSK_A_CTX_KEY],
				  &ctx->enctype, extack);
	if (err)
		return err;

	if (!a[GSSK_A_SUBKEY] != !a[GSSK_A_SUBKEY_ENCTYPE])
		return gssk_refuse_msg(extack, -EINVAL, GSS_S_FAILURE,
				       GSSK_MINOR_MISSING_FIELD,
				       "SUBKEY and SUBKEY_ENCTYPE go together");
	if (a[GSSK_A_SUBKEY]) {
		err = gssk_load_check_key(a[GSSK_A_SUBKEY_ENCTYPE],
					  a[GSSK_A_SUBKEY],
					  &ctx->subkey_enctype, extack);
		if (err)
			return err;
	}

	ctx->role = nla_get_u8(a[GSSK_A_ROLE]);
	ctx->gss_flags = nla_get_u32(a[GSSK_A_GSS_FLAGS]);
	if (a[GSSK_A_SEND_SEQ])
		ctx->send_seq = nla_get_u64(a[GSSK_A_SEND_SEQ]);
	gssk_seqwin_init(&ctx->recv_win, a[GSSK_A_RECV_SEQ] ?
			 nla_get_u64(a[GSSK_A_RECV_SEQ]) : 0);

	if (a[GSSK_A_ENDTIME]) {
		ctx->endtime = nla_get_u64(a[GSSK_A_ENDTIME]);
		if (ctx->endtime && gssk_ctx_expired(ctx))
			return gssk_refuse_attr(extack, a[GSSK_A_ENDTIME],
						-EKEYEXPIRED,
						GSS_S_CONTEXT_EXPIRED,
						GSSK_MINOR_CONTEXT_EXPIRED,
						"end time is in the past");
	}

	err = gssk_load_keys(ctx, a, extack);
	if (err)
		return err;

	ctx->init_name = gssk_load_name(a[GSSK_A_INIT_NAME]);
	ctx->acc_name = gssk_load_name(a[GSSK_A_ACC_NAME]);
	if (!ctx->init_name || !ctx->acc_name)
		return gssk_refuse_msg(extack, -ENOMEM, GSS_S_FAILURE,
				       GSSK_MINOR_NO_MEMORY, "out of memory");
	return 0;
}

/* The request carried key bytes: wipe them from the request buffer. */
static void gssk_load_wipe(struct nlattr **a)
{
	if (a[GSSK_A_CTX_KEY])
		memzero_explicit(nla_data(a[GSSK_A_CTX_KEY]),
				 nla_len(a[GSSK_A_CTX_KEY]));
	if (a[GSSK_A_SUBKEY])
		memzero_explicit(nla_data(a[GSSK_A_SUBKEY]),
				 nla_len(a[GSSK_A_SUBKEY]));
}

int gssk_nl_load(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;
	struct gssk_ctx *ctx;
	struct sk_buff *msg;
	struct key *key;
	void *hdr;
	int err;

	ctx = gssk_ctx_alloc();
	msg = gssk_reply_new(info, nla_total_size(sizeof(s32)), &hdr);
	if (!ctx || !msg) {
		err = gssk_refuse_msg(extack, -ENOMEM, GSS_S_FAILURE,
				      GSSK_MINOR_NO_MEMORY, "out of memory");
		goto out;
	}
	err = gssk_load_fields(ctx, a, extack);
	if (err)
		goto out;
	gssk_ctx_set_mem(ctx);
	gssk_ctx_arm_expiry(ctx);

	key = gssk_key_create(ctx,
			      a[GSSK_A_DESCRIPTION] ?
			      nla_data(a[GSSK_A_DESCRIPTION]) : NULL,
			      a[GSSK_A_KEYRING] ?
			      nla_get_s32(a[GSSK_A_KEYRING]) : 0, extack);
	if (IS_ERR(key)) {
		err = PTR_ERR(key);
		goto out;
	}
	if (nla_put_s32(msg, GSSK_A_SERIAL, key->serial)) {
		gssk_key_retire(key);
		key_put(key);
		err = gssk_refuse_msg(extack, -EMSGSIZE, GSS_S_FAILURE,
				      GSSK_MINOR_NO_MEMORY, "reply too large");
		goto out;
	}
	key_put(key);
	gssk_counter_inc(GSSK_COUNTER_LOADS);
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	msg = NULL;
out:
	gssk_load_wipe(a);
	gssk_test_load_wiped(a);
	nlmsg_free(msg);
	gssk_ctx_put(ctx);
	return err;
}
