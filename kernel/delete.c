// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_DELETE (gss_delete_sec_context): the context is wiped now (unless
 * an operation in flight still holds it, then when that ends) and the key
 * is invalidated, so its serial stops working at once. An expired context
 * can still be deleted. A context that another caller exported or deleted
 * first is refused (GSSK_MINOR_EXPORT_RACE): a deletion that succeeds
 * leaves no token behind that could bring the context back.
 */
#include <linux/sunrpc/gss_err.h>
#include <net/genetlink.h>

#include "commands.h"
#include "counters.h"
#include "ctx.h"
#include "key_retire.h"
#include "key_type.h"
#include "refuse.h"

int gssk_nl_delete(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct gssk_ctx *ctx;
	struct key *key;

	if (GENL_REQ_ATTR_CHECK(info, GSSK_A_SERIAL))
		return gssk_refuse_msg(extack, -EINVAL, GSS_S_NO_CONTEXT,
				       GSSK_MINOR_MISSING_FIELD,
				       "SERIAL is required");
	key = gssk_key_get_for_delete(nla_get_s32(info->attrs[GSSK_A_SERIAL]),
				      extack);
	if (IS_ERR(key))
		return PTR_ERR(key);

	ctx = gssk_key_claim_ctx(key);
	if (!ctx) {
		key_put(key);
		return gssk_refuse_msg(extack, -EKEYREVOKED, GSS_S_NO_CONTEXT,
				       GSSK_MINOR_EXPORT_RACE,
				       "context was exported or deleted concurrently");
	}
	gssk_key_unclaim(key, true);
	gssk_ctx_put(ctx);
	gssk_key_retire(key);
	key_put(key);
	gssk_counter_inc(GSSK_COUNTER_DELETES);
	return 0;
}
