// SPDX-License-Identifier: GPL-2.0
/*
 * The "gssk" generic netlink family: one strict policy per command.
 *
 * resv_start_op is 0, so the core validates every command strictly: an
 * attribute that is not in the command's policy is refused. Handlers run
 * in the sending task's context (lookup_user_key(), the policy checks and
 * OPEN's new descriptor rely on that) and in parallel (parallel_ops); each takes the locks it
 * needs.
 *
 * A fixed bound of one attribute (a range, a set of known bits, an exact
 * length) is checked here, by the policy, not by the handler. The core's
 * refusal names the attribute (NLMSGERR_ATTR_OFFS) but carries no gssk
 * status cookie and is not counted in STATS: libgssk gives it the GSS
 * status the handler used to give by the command and the offending
 * attribute (lib/error.c, gsskp_map_refusal()), so only bounds whose
 * refusal libgssk maps go here:
 *
 *	LOAD	ROLE		GSS_S_FAILURE, GSSK_MINOR_BAD_ROLE
 *	LOAD	GSS_FLAGS	GSS_S_FAILURE, GSSK_MINOR_BAD_FLAGS
 *	LOAD	ENDTIME		GSS_S_FAILURE, GSSK_MINOR_BAD_ENDTIME
 *	EXPORT	POLICY		GSS_S_FAILURE, GSSK_MINOR_BAD_POLICY
 *	IMPORT	TOKEN		GSS_S_DEFECTIVE_TOKEN, GSSK_MINOR_TOKEN_LENGTH
 *
 * Bounds that depend on other attributes or on module parameters (a key's
 * length for its enctype, a TTL up to max_ttl) stay with the handlers.
 */
#include <linux/bits.h>
#include <linux/stringify.h>
#include <linux/sunrpc/gss_err.h>
#include <net/genetlink.h>

#include "commands.h"
#include "compat.h"
#include "ctx.h"
#include "genl.h"
#include "gss_flags.h"
#include "key_type.h"
#include "refuse.h"

/* An end time the kernel's time64_t can hold; 0 means no expiry. */
static struct netlink_range_validation gssk_endtime_range = {
	.max = S64_MAX,
};

static const struct nla_policy gssk_load_policy[GSSK_A_MAX + 1] = {
	[GSSK_A_KEYRING]	= { .type = NLA_S32 },
	[GSSK_A_DESCRIPTION]	= { .type = NLA_NUL_STRING,
				    .len = GSSK_DESC_MAX - 1 },
	[GSSK_A_ENCTYPE]	= { .type = NLA_U32 },
	[GSSK_A_ROLE]		= NLA_POLICY_RANGE(NLA_U8, GSSK_ROLE_INITIATOR,
						   GSSK_ROLE_ACCEPTOR),
	[GSSK_A_CTX_KEY]	= { .type = NLA_BINARY, .len = GSSK_KEY_MAX },
	[GSSK_A_SUBKEY_ENCTYPE]	= { .type = NLA_U32 },
	[GSSK_A_SUBKEY]		= { .type = NLA_BINARY, .len = GSSK_KEY_MAX },
	[GSSK_A_GSS_FLAGS]	= NLA_POLICY_MASK(NLA_U32, GSSK_KNOWN_GSS_FLAGS),
	[GSSK_A_SEND_SEQ]	= { .type = NLA_U64 },
	[GSSK_A_RECV_SEQ]	= { .type = NLA_U64 },
	[GSSK_A_INIT_NAME]	= { .type = NLA_NUL_STRING,
				    .len = GSSK_NAME_MAX - 1 },
	[GSSK_A_ACC_NAME]	= { .type = NLA_NUL_STRING,
				    .len = GSSK_NAME_MAX - 1 },
	[GSSK_A_ENDTIME]	= NLA_POLICY_FULL_RANGE(NLA_U64,
							&gssk_endtime_range),
};

static const struct nla_policy gssk_serial_policy[GSSK_A_MAX + 1] = {
	[GSSK_A_SERIAL]		= { .type = NLA_S32 },
};

static const struct nla_policy gssk_export_policy[GSSK_A_MAX + 1] = {
	[GSSK_A_SERIAL]		= { .type = NLA_S32 },
	[GSSK_A_POLICY]		= NLA_POLICY_MASK(NLA_U32, GSSK_POLICY_ALL),
	[GSSK_A_POLICY_UID]	= { .type = NLA_U32 },
	[GSSK_A_POLICY_CGROUP_FD] = { .type = NLA_S32 },
	[GSSK_A_TTL]		= { .type = NLA_U32 },
};

static const struct nla_policy gssk_import_policy[GSSK_A_MAX + 1] = {
	[GSSK_A_TOKEN]		= NLA_POLICY_EXACT_LEN(GSSK_TOKEN_LEN),
	[GSSK_A_KEYRING]	= { .type = NLA_S32 },
	[GSSK_A_DESCRIPTION]	= { .type = NLA_NUL_STRING,
				    .len = GSSK_DESC_MAX - 1 },
};

/* STATS takes no attribute: every one is refused as unsupported. */
static const struct nla_policy gssk_stats_policy[GSSK_A_MAX + 1] = {
};

/*
 * internal_flags of a command that works on the context named by SERIAL:
 * pre_doit looks it up (gssk_key_get_ctx(), with the sender's key
 * permissions) and post_doit puts it (gssk_info_ctx(), genl.h).
 */
#define GSSK_CMD_CTX_USE	BIT(0)	/* READ on the key */
#define GSSK_CMD_CTX_MOVE	BIT(1)	/* READ and WRITE: the context leaves */

static const struct genl_ops gssk_ops[] = {
	{
		.cmd	= GSSK_CMD_LOAD,
		.doit	= gssk_nl_load,
		.policy	= gssk_load_policy,
		.maxattr = GSSK_A_MAX,
	},
	{
		.cmd	= GSSK_CMD_INQUIRE,
		.doit	= gssk_nl_inquire,
		.policy	= gssk_serial_policy,
		.maxattr = GSSK_A_MAX,
		.internal_flags = GSSK_CMD_CTX_USE,
	},
	{
		.cmd	= GSSK_CMD_EXPORT,
		.doit	= gssk_nl_export,
		.policy	= gssk_export_policy,
		.maxattr = GSSK_A_MAX,
		.internal_flags = GSSK_CMD_CTX_MOVE,
	},
	{
		.cmd	= GSSK_CMD_IMPORT,
		.doit	= gssk_nl_import,
		.policy	= gssk_import_policy,
		.maxattr = GSSK_A_MAX,
	},
	{
		.cmd	= GSSK_CMD_DELETE,
		.doit	= gssk_nl_delete,
		.policy	= gssk_serial_policy,
		.maxattr = GSSK_A_MAX,
	},
	{
		.cmd	= GSSK_CMD_STATS,
		.doit	= gssk_nl_stats,
		.policy	= gssk_stats_policy,
		.maxattr = GSSK_A_MAX,
	},
	{
		.cmd	= GSSK_CMD_OPEN,
		.doit	= gssk_nl_open,
		.policy	= gssk_serial_policy,
		.maxattr = GSSK_A_MAX,
		.internal_flags = GSSK_CMD_CTX_USE,
	},
};

/*
 * Every request must speak this module's version of the family, so that a
 * later ABI can change what a command means without an old module
 * misreading a new request (or the other way round).
 */
static int gssk_check_version(struct genl_info *info)
{
	if (info->genlhdr->version == GSSK_GENL_VERSION)
		return 0;
	return gssk_refuse_msg(info->extack, -EPROTO, GSS_S_FAILURE,
			       GSSK_MINOR_BAD_VERSION,
			       "unsupported gssk generic netlink version (this module speaks version "
			       __stringify(GSSK_GENL_VERSION) ")");
}

static int gssk_pre_doit(const struct gssk_genl_doit_ops *ops,
			 struct sk_buff *skb, struct genl_info *info)
{
	enum gssk_access access = GSSK_ACCESS_USE;
	struct gssk_ctx *ctx;
	struct key *key;
	int err;

	err = gssk_check_version(info);
	if (err)
		return err;
	if (!(ops->internal_flags & (GSSK_CMD_CTX_USE | GSSK_CMD_CTX_MOVE)))
		return 0;
	if (GENL_REQ_ATTR_CHECK(info, GSSK_A_SERIAL))
		return gssk_refuse_msg(info->extack, -EINVAL, GSS_S_NO_CONTEXT,
				       GSSK_MINOR_MISSING_FIELD,
				       "SERIAL is required");
	if (ops->internal_flags & GSSK_CMD_CTX_MOVE)
		access = GSSK_ACCESS_MOVE;
	ctx = gssk_key_get_ctx(nla_get_s32(info->attrs[GSSK_A_SERIAL]),
			       access, &key, info->extack);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	info->user_ptr[0] = ctx;
	info->user_ptr[1] = key;
	return 0;
}

static void gssk_post_doit(const struct gssk_genl_doit_ops *ops,
			   struct sk_buff *skb, struct genl_info *info)
{
	if (!(ops->internal_flags & (GSSK_CMD_CTX_USE | GSSK_CMD_CTX_MOVE)))
		return;
	gssk_ctx_put(gssk_info_ctx(info));
	key_put(gssk_info_key(info));
}

struct genl_family gssk_family __ro_after_init = {
	.name		= GSSK_GENL_NAME,
	.version	= GSSK_GENL_VERSION,
	.pre_doit	= gssk_pre_doit,
	.post_doit	= gssk_post_doit,
	.module		= THIS_MODULE,
	.netnsok	= true,
	.parallel_ops	= true,
	.ops		= gssk_ops,
	.n_ops		= ARRAY_SIZE(gssk_ops),
	.resv_start_op	= 0,
};

int gssk_genl_register(void)
{
	return genl_register_family(&gssk_family);
}

/* Returns once no handler is running. */
void gssk_genl_unregister(void)
{
	genl_unregister_family(&gssk_family);
}
