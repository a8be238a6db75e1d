// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_IMPORT (gss_import_sec_context, RFC 2744 section 5.20): redeem a
 * token into a new key of the caller. See token.c for the checks. The
 * token is claimed under gssk_tokens_lock, the key is made outside it: one
 * importer's slow keyring never holds up another's import.
 */
#include <linux/sunrpc/gss_err.h>
#include <net/genetlink.h>

#include "commands.h"
#include "counters.h"
#include "genl.h"
#include "key_type.h"
#include "refuse.h"
#include "token.h"

int gssk_nl_import(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;
	struct gssk_token *tok;
	struct sk_buff *msg;
	struct key *key;
	void *hdr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, GSSK_A_TOKEN))
		return gssk_refuse_msg(extack, -EBADMSG, GSS_S_DEFECTIVE_TOKEN,
				       GSSK_MINOR_TOKEN_LENGTH,
				       "TOKEN is required");
	msg = gssk_reply_new(info, nla_total_size(sizeof(s32)), &hdr);
	if (!msg)
		return gssk_refuse_msg(extack, -ENOMEM, GSS_S_FAILURE,
				       GSSK_MINOR_NO_MEMORY, "out of memory");

	tok = gssk_token_claim(a[GSSK_A_TOKEN], extack);
	if (IS_ERR(tok)) {
		nlmsg_free(msg);
		return PTR_ERR(tok);
	}
	key = gssk_key_create(gssk_token_ctx(tok),
			      a[GSSK_A_DESCRIPTION] ?
			      nla_data(a[GSSK_A_DESCRIPTION]) : NULL,
			      a[GSSK_A_KEYRING] ?
			      nla_get_s32(a[GSSK_A_KEYRING]) : 0, extack);
	if (IS_ERR(key)) {
		gssk_token_abort(tok);
		nlmsg_free(msg);
		return PTR_ERR(key);
	}
	gssk_token_commit(tok);
	/*
	 * The token is spent and the key is in the importer's keyring; if the
	 * reply is lost the importer can still find the key there.
	 */
	gssk_counter_inc(GSSK_COUNTER_IMPORTS);
	err = nla_put_s32(msg, GSSK_A_SERIAL, key->serial);
	key_put(key);
	if (err) {
		nlmsg_free(msg);
		return gssk_refuse_msg(extack, -EMSGSIZE, GSS_S_FAILURE,
				       GSSK_MINOR_NO_MEMORY, "reply too large");
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
