// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * STATS: parsing of a reply built here (no module needed), the size rules
 * of struct gssk_stats, and gssk_get_stats() without the module.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tap.h"

enum { WITH_ALL = 0, DROP_LOADS = 1, BAD_ROW = 2 };

/* A STATS reply's attributes, parsed into tb; returns the message. */
static struct gsskp_msg *build(int variant, struct nlattr **tb)
{
	struct gsskp_msg *msg = gsskp_genlmsg_new(0, 0, GSSK_CMD_STATS,
						 GSSK_GENL_VERSION, 512);
	struct nlattr *all, *row;
	struct nlmsghdr *nlh;

	if (!msg)
		return NULL;
	gsskp_put_string(msg, GSSK_A_STATS_VERSION, "9.8");
	gsskp_put_u32(msg, GSSK_A_STATS_ABI_VERSION, 1);
	gsskp_put_u32(msg, GSSK_A_STATS_DEFAULT_TTL, 61);
	gsskp_put_u32(msg, GSSK_A_STATS_MAX_TTL, 3601);
	gsskp_put_u32(msg, GSSK_A_STATS_MAX_TOKENS_PER_USER, 65);
	gsskp_put_u64(msg, GSSK_A_STATS_CONTEXTS, 7);
	gsskp_put_u64(msg, GSSK_A_STATS_TOKENS, 2);
	if (variant != DROP_LOADS)
		gsskp_put_u64(msg, GSSK_A_STATS_LOADS, 1ull << 40);
	gsskp_put_u64(msg, GSSK_A_STATS_EXPORTS, 11);
	gsskp_put_u64(msg, GSSK_A_STATS_IMPORTS, 12);
	gsskp_put_u64(msg, GSSK_A_STATS_DELETES, 13);
	gsskp_put_u8(msg, GSSK_A_STATS_SELFTEST, GSSK_SELFTEST_PASSED);
	gsskp_put_u32(msg, GSSK_A_STATS_SELFTEST_VECTORS, 43);
	all = gsskp_nest_start(msg, GSSK_A_STATS_REFUSALS);
	row = gsskp_nest_start(msg, GSSK_A_STATS_REFUSAL);
	gsskp_put_u32(msg, GSSK_A_MINOR, GSSK_MINOR_WRONG_UID);
	gsskp_put_u64(msg, GSSK_A_STATS_COUNT, 3);
	gsskp_nest_end(msg, row);
	row = gsskp_nest_start(msg, GSSK_A_STATS_REFUSAL);
	gsskp_put_u32(msg, GSSK_A_MINOR, GSSK_MINOR_TOKEN_UNKNOWN);
	if (variant != BAD_ROW)
		gsskp_put_u64(msg, GSSK_A_STATS_COUNT, 5);
	gsskp_nest_end(msg, row);
	gsskp_nest_end(msg, all);

	nlh = msg->nlh;
	if (gsskp_genl_parse(nlh, tb, GSSK_A_MAX, NULL) < 0) {
		gsskp_msg_free(msg);
		return NULL;
	}
	return msg;
}

static void test_parse(void)
{
	struct nlattr *tb[GSSK_A_MAX + 1];
	struct gssk_stats s;
	struct gsskp_msg *msg;
	OM_uint32 major, minor = 0;

	memset(&s, 0, sizeof(s));
	msg = build(WITH_ALL, tb);
	major = msg ? gsskp_stats_reply(&minor, tb, &s) : GSS_S_FAILURE;
	ok(major == GSS_S_COMPLETE, "stats reply: parsed");
	ok(!strcmp(s.version, "9.8") && s.abi_version == 1 &&
	   s.default_ttl == 61 && s.max_ttl == 3601 &&
	   s.max_tokens_per_user == 65, "stats reply: version and limits");
	ok(s.contexts == 7 && s.tokens == 2 && s.loads == 1ull << 40 &&
	   s.exports == 11 && s.imports == 12 && s.deletes == 13,
	   "stats reply: 64-bit counters");
	ok(s.selftest == GSSK_SELFTEST_PASSED && s.selftest_vectors == 43,
	   "stats reply: self-test");
	ok(s.n_refusals == 2 && s.refusals &&
	   s.refusals[0].minor == GSSK_MINOR_WRONG_UID &&
	   s.refusals[0].count == 3 &&
	   s.refusals[1].minor == GSSK_MINOR_TOKEN_UNKNOWN &&
	   s.refusals[1].count == 5, "stats reply: refusal rows in order");
	s.size = sizeof(s);
	gssk_release_stats(&minor, &s);
	ok(!s.refusals && !s.n_refusals, "gssk_release_stats frees the rows");
	gsskp_msg_free(msg);

	memset(&s, 0, sizeof(s));
	msg = build(DROP_LOADS, tb);
	major = msg ? gsskp_stats_reply(&minor, tb, &s) : GSS_S_COMPLETE;
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_BAD_REPLY,
	   "stats reply without LOADS: bad reply");
	gsskp_msg_free(msg);

	memset(&s, 0, sizeof(s));
	msg = build(BAD_ROW, tb);
	major = msg ? gsskp_stats_reply(&minor, tb, &s) : GSS_S_COMPLETE;
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_BAD_REPLY &&
	   !s.refusals && !s.n_refusals,
	   "stats reply with a row lacking COUNT: bad reply, no rows kept");
	gsskp_msg_free(msg);
}

static void test_sizes(void)
{
	struct gssk_stats s;
	OM_uint32 major, minor;

	major = gssk_get_stats(&minor, NULL);
	ok(major == GSS_S_CALL_INACCESSIBLE_WRITE, "gssk_get_stats(NULL)");

	memset(&s, 0xa5, sizeof(s));
	s.size = GSSK_STATS_MIN_SIZE - 1;
	major = gssk_get_stats(&minor, &s);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_BAD_ARGUMENT &&
	   gssk_last_error() && strstr(gssk_last_error(), "size"),
	   "gssk_get_stats: size below the minimum is refused");
	ok(s.size == GSSK_STATS_MIN_SIZE - 1 &&
	   (unsigned char)s.version[0] == 0xa5,
	   "gssk_get_stats: a refused call writes nothing");
	ok(GSSK_STATS_MIN_SIZE == sizeof(struct gssk_stats),
	   "GSSK_1.1's struct gssk_stats ends with refusals");

	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	major = gssk_get_stats(&minor, &s);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_MODULE_NOT_LOADED,
	   "gssk_get_stats without the module: module not loaded");
	ok(!s.refusals && s.size == sizeof(s),
	   "gssk_get_stats failure leaves no rows");
}

void test_stats(void)
{
	test_parse();
	test_sizes();
}
