// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_STATS: the module's version, parameters, self-test result and
 * counters (counters.c).
 *
 * STATS is open to every user (no GENL_ADMIN_PERM). Its reply holds only
 * module-wide aggregates: the module parameters (already world-readable in
 * /sys/module/gssk/parameters), the self-test result, and counts of
 * contexts, tokens, operations and refusals, the kind of figures that
 * /proc/net/snmp shows to everyone. It carries no key serial, uid,
 * principal name, token or key byte, so it tells nobody anything about
 * one particular context or user; and it lets an unprivileged operator or
 * monitoring agent see whether gssk works without running as root.
 */
#include <linux/kernel.h>
#include <linux/sunrpc/gss_err.h>
#include <net/genetlink.h>

#include "commands.h"
#include "counters.h"
#include "genl.h"
#include "params.h"
#include "refuse.h"

/* GSSK_MODULE_VERSION: -D from Kbuild, PACKAGE_VERSION in dkms.conf */
#ifndef GSSK_MODULE_VERSION
#error "GSSK_MODULE_VERSION is set by Kbuild from dkms.conf"
#endif

/* What gssk_stats_fill() puts, at most: every minor refusing included. */
#define GSSK_STATS_REPLY_SIZE						\
	(nla_total_size(sizeof(GSSK_MODULE_VERSION)) +			\
	 5 * nla_total_size(sizeof(u32)) + nla_total_size(sizeof(u8)) +	\
	 7 * nla_total_size_64bit(sizeof(u64)) + nla_total_size(0) +	\
	 GSSK_REFUSAL_SLOTS * (nla_total_size(0) + nla_total_size(sizeof(u32)) + \
			  nla_total_size_64bit(sizeof(u64))))

static int gssk_stats_put_u64(struct sk_buff *msg, int attr, u64 v)
{
	return nla_put_u64_64bit(msg, attr, v, GSSK_A_PAD);
}

static int gssk_stats_fill_refusals(struct sk_buff *msg)
{
	struct nlattr *all, *one;
	unsigned int i;
	u64 n;

	all = nla_nest_start(msg, GSSK_A_STATS_REFUSALS);
	if (!all)
		return -EMSGSIZE;
	for (i = 0; i < GSSK_REFUSAL_SLOTS; i++) {
		n = gssk_counter_refusals(i);
		if (!n)
			continue;
		one = nla_nest_start(msg, GSSK_A_STATS_REFUSAL);
		if (!one ||
		    nla_put_u32(msg, GSSK_A_MINOR,
				gssk_counter_refusal_minor(i)) ||
		    gssk_stats_put_u64(msg, GSSK_A_STATS_COUNT, n))
			return -EMSGSIZE;
		nla_nest_end(msg, one);
	}
	nla_nest_end(msg, all);
	return 0;
}

static int gssk_stats_fill(struct sk_buff *msg)
{
	if (nla_put_string(msg, GSSK_A_STATS_VERSION, GSSK_MODULE_VERSION) ||
	    nla_put_u32(msg, GSSK_A_STATS_ABI_VERSION, GSSK_GENL_VERSION) ||
	    nla_put_u32(msg, GSSK_A_STATS_DEFAULT_TTL,
			READ_ONCE(gssk_default_ttl)) ||
	    nla_put_u32(msg, GSSK_A_STATS_MAX_TTL, READ_ONCE(gssk_max_ttl)) ||
	    nla_put_u32(msg, GSSK_A_STATS_MAX_TOKENS_PER_USER,
			READ_ONCE(gssk_max_tokens_per_user)) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_CONTEXTS,
			       gssk_counter_read(GSSK_COUNTER_CONTEXTS)) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_TOKENS,
			       gssk_counter_read(GSSK_COUNTER_TOKENS)) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_LOADS,
			       gssk_counter_read(GSSK_COUNTER_LOADS)) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_EXPORTS,
			       gssk_counter_read(GSSK_COUNTER_EXPORTS)) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_IMPORTS,
			       gssk_counter_read(GSSK_COUNTER_IMPORTS)) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_DELETES,
			       gssk_counter_read(GSSK_COUNTER_DELETES)) ||
	    nla_put_u8(msg, GSSK_A_STATS_SELFTEST, GSSK_SELFTEST_PASSED) ||
	    nla_put_u32(msg, GSSK_A_STATS_SELFTEST_VECTORS,
			gssk_counter_selftest_vectors()))
		return -EMSGSIZE;
	return gssk_stats_fill_refusals(msg);
}

int gssk_nl_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = gssk_reply_new(info, GSSK_STATS_REPLY_SIZE, &hdr);
	if (!msg || gssk_stats_fill(msg)) {
		nlmsg_free(msg);
		return gssk_refuse_msg(info->extack, -ENOMEM, GSS_S_FAILURE,
				       GSSK_MINOR_NO_MEMORY, "out of memory");
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
