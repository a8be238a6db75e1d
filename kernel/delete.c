// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_DELETE (gss_delete_sec_context): the context is wiped now (unless
 * an operation in flight still holds it, then when that ends) and the key
 * is invalidated, so its serial stops working at once. An expired context
 * can still be deleted.
 */
#include <net/genetlink.h>

#include "gss_status.h"
#include "gssk.h"

int gssk_nl_delete(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct key *key;

	if (!info->attrs[GSSK_A_SERIAL])
		return gssk_refuse_msg(extack, -EINVAL, GSS_S_NO_CONTEXT,
				       GSSK_MINOR_MISSING_FIELD,
				       "SERIAL is required");
	key = gssk_key_get_for_delete(nla_get_s32(info->attrs[GSSK_A_SERIAL]),
				      extack);
	if (IS_ERR(key))
		return PTR_ERR(key);

	gssk_ctx_put(gssk_key_detach_ctx(key));
	key_invalidate(key);
	key_put(key);
	gssk_stats_inc(GSSK_STAT_DELETES);
	return 0;
}
