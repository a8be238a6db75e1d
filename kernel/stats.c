// SPDX-License-Identifier: GPL-2.0
/*
 * Runtime statistics and GSSK_CMD_STATS.
 *
 * Counters are atomic64_t: every one of them moves at most once per
 * netlink request, next to work (key creation, crypto) that costs far
 * more than a shared atomic increment, so per-CPU counters would buy
 * nothing. They start at zero when the module loads and only grow, except
 * the live context count, which follows allocation and the last put.
 *
 * Refusals are counted in gssk_refuse(), the one place every refusal with
 * a gssk status goes through, by minor code. Refusals that the netlink
 * core makes before a handler runs (policy validation) have no minor code
 * and are not counted.
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
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <net/genetlink.h>

#include "gss_status.h"
#include "gssk.h"
#include "token.h"

#define GSSK_N_MINORS	(__GSSK_MINOR_END - GSSK_MINOR_BASE)

static atomic64_t gssk_stat[__GSSK_STAT_MAX];
/* Index minor - GSSK_MINOR_BASE; index 0 also takes unknown codes. */
static atomic64_t gssk_refusals[GSSK_N_MINORS];
static u8 gssk_selftest_result = GSSK_SELFTEST_NOT_RUN;
static u32 gssk_selftest_vectors;

void gssk_stats_inc(enum gssk_stat s)
{
	atomic64_inc(&gssk_stat[s]);
}

void gssk_stats_dec(enum gssk_stat s)
{
	atomic64_dec(&gssk_stat[s]);
}

u64 gssk_stats_read(enum gssk_stat s)
{
	return atomic64_read(&gssk_stat[s]);
}

void gssk_stats_refused(u32 minor)
{
	u32 i = minor - GSSK_MINOR_BASE;

	if (minor < GSSK_MINOR_BASE || i >= GSSK_N_MINORS)
		i = 0;
	atomic64_inc(&gssk_refusals[i]);
}

/* Called once from module_init, before the family is registered. */
void gssk_stats_selftest(bool passed, unsigned int vectors)
{
	gssk_selftest_result = passed ? GSSK_SELFTEST_PASSED :
					GSSK_SELFTEST_FAILED;
	gssk_selftest_vectors = vectors;
}

/* What gssk_stats_fill() puts, at most: every minor refusing included. */
#define GSSK_STATS_REPLY_SIZE						\
	(nla_total_size(sizeof(GSSK_MODULE_VERSION)) +			\
	 5 * nla_total_size(sizeof(u32)) + nla_total_size(sizeof(u8)) +	\
	 7 * nla_total_size_64bit(sizeof(u64)) + nla_total_size(0) +	\
	 GSSK_N_MINORS * (nla_total_size(0) + nla_total_size(sizeof(u32)) + \
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
	for (i = 0; i < GSSK_N_MINORS; i++) {
		n = atomic64_read(&gssk_refusals[i]);
		if (!n)
			continue;
		one = nla_nest_start(msg, GSSK_A_STATS_REFUSAL);
		if (!one ||
		    nla_put_u32(msg, GSSK_A_MINOR,
				i ? GSSK_MINOR_BASE + i : GSSK_MINOR_NONE) ||
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
			       atomic64_read(&gssk_stat[GSSK_STAT_CONTEXTS])) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_TOKENS,
			       gssk_tokens_pending()) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_LOADS,
			       atomic64_read(&gssk_stat[GSSK_STAT_LOADS])) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_EXPORTS,
			       atomic64_read(&gssk_stat[GSSK_STAT_EXPORTS])) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_IMPORTS,
			       atomic64_read(&gssk_stat[GSSK_STAT_IMPORTS])) ||
	    gssk_stats_put_u64(msg, GSSK_A_STATS_DELETES,
			       atomic64_read(&gssk_stat[GSSK_STAT_DELETES])) ||
	    nla_put_u8(msg, GSSK_A_STATS_SELFTEST, gssk_selftest_result) ||
	    nla_put_u32(msg, GSSK_A_STATS_SELFTEST_VECTORS,
			gssk_selftest_vectors))
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
