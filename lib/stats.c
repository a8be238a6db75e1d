// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * STATS: gssk_get_stats() and gssk_release_stats().
 *
 * struct gssk_stats grows at its end. The reply is parsed into a complete
 * struct of this library's size, then only the caller's size bytes of it
 * are copied out, so a caller built against an older header never has
 * bytes written past its struct.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"

static OM_uint32 stats_bad_reply(OM_uint32 *minor, const char *what)
{
	*minor = GSSK_MINOR_BAD_REPLY;
	gsskp_set_error("the gssk module's STATS reply lacks %s", what);
	return GSS_S_FAILURE;
}

/* The nest of {MINOR, COUNT} rows; out->refusals is malloc'ed. */
static OM_uint32 stats_refusals(OM_uint32 *minor, struct nlattr *nest,
				struct gssk_stats *out)
{
	static const struct gsskp_attr_rule row_rules[GSSK_A_MAX + 1] = {
		[GSSK_A_MINOR]		= { .kind = GSSKP_ATTR_U32 },
		[GSSK_A_STATS_COUNT]	= { .kind = GSSKP_ATTR_U64 },
	};
	struct nlattr *row, *tb[GSSK_A_MAX + 1];
	size_t n = 0;
	int rem;

	gsskp_for_each_attr(row, gsskp_attr_data(nest),
			    gsskp_attr_len(nest), rem)
		if (gsskp_attr_type(row) == GSSK_A_STATS_REFUSAL)
			n++;
	if (!n)
		return GSS_S_COMPLETE;
	out->refusals = calloc(n, sizeof(*out->refusals));
	if (!out->refusals) {
		*minor = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("out of memory");
		return GSS_S_FAILURE;
	}
	gsskp_for_each_attr(row, gsskp_attr_data(nest),
			    gsskp_attr_len(nest), rem) {
		struct gssk_refusal_count *r;

		if (gsskp_attr_type(row) != GSSK_A_STATS_REFUSAL)
			continue;
		if (gsskp_parse_nested(tb, GSSK_A_MAX, row, row_rules) < 0 ||
		    !tb[GSSK_A_MINOR] || !tb[GSSK_A_STATS_COUNT]) {
			free(out->refusals);
			out->refusals = NULL;
			out->n_refusals = 0;
			return stats_bad_reply(minor, "a well-formed refusal row");
		}
		r = &out->refusals[out->n_refusals++];
		r->minor = gsskp_get_u32(tb[GSSK_A_MINOR]);
		r->count = gsskp_get_u64(tb[GSSK_A_STATS_COUNT]);
	}
	return GSS_S_COMPLETE;
}

OM_uint32 gsskp_stats_reply(OM_uint32 *minor, struct nlattr **tb, void *arg)
{
	static const int required[] = {
		GSSK_A_STATS_VERSION, GSSK_A_STATS_ABI_VERSION,
		GSSK_A_STATS_DEFAULT_TTL, GSSK_A_STATS_MAX_TTL,
		GSSK_A_STATS_MAX_TOKENS_PER_USER, GSSK_A_STATS_CONTEXTS,
		GSSK_A_STATS_TOKENS, GSSK_A_STATS_LOADS, GSSK_A_STATS_EXPORTS,
		GSSK_A_STATS_IMPORTS, GSSK_A_STATS_DELETES,
		GSSK_A_STATS_SELFTEST, GSSK_A_STATS_SELFTEST_VECTORS,
		GSSK_A_STATS_REFUSALS,
	};
	struct gssk_stats *out = arg;
	size_t i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!tb[required[i]])
			return stats_bad_reply(minor, "a counter");
	/* the reply's rules made it a NUL-terminated string */
	snprintf(out->version, sizeof(out->version), "%s",
		 gsskp_get_string(tb[GSSK_A_STATS_VERSION]));
	out->abi_version = gsskp_get_u32(tb[GSSK_A_STATS_ABI_VERSION]);
	out->default_ttl = gsskp_get_u32(tb[GSSK_A_STATS_DEFAULT_TTL]);
	out->max_ttl = gsskp_get_u32(tb[GSSK_A_STATS_MAX_TTL]);
	out->max_tokens_per_user =
		gsskp_get_u32(tb[GSSK_A_STATS_MAX_TOKENS_PER_USER]);
	out->contexts = gsskp_get_u64(tb[GSSK_A_STATS_CONTEXTS]);
	out->tokens = gsskp_get_u64(tb[GSSK_A_STATS_TOKENS]);
	out->loads = gsskp_get_u64(tb[GSSK_A_STATS_LOADS]);
	out->exports = gsskp_get_u64(tb[GSSK_A_STATS_EXPORTS]);
	out->imports = gsskp_get_u64(tb[GSSK_A_STATS_IMPORTS]);
	out->deletes = gsskp_get_u64(tb[GSSK_A_STATS_DELETES]);
	out->selftest = gsskp_get_u8(tb[GSSK_A_STATS_SELFTEST]);
	out->selftest_vectors = gsskp_get_u32(tb[GSSK_A_STATS_SELFTEST_VECTORS]);
	return stats_refusals(minor, tb[GSSK_A_STATS_REFUSALS], out);
}

GSSK_EXPORT OM_uint32 gssk_get_stats(OM_uint32 *minor_status,
				     struct gssk_stats *stats)
{
	struct gssk_stats full;
	struct gsskp_msg *msg;
	OM_uint32 major;
	size_t size;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!stats)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	size = stats->size;
	if (size < GSSK_STATS_MIN_SIZE) {
		*minor_status = GSSK_MINOR_BAD_ARGUMENT;
		gsskp_set_error("struct gssk_stats: size %zu is below the "
				"smallest (%zu): set size to sizeof(struct "
				"gssk_stats)", size, (size_t)GSSK_STATS_MIN_SIZE);
		return GSS_S_FAILURE;
	}
	if (size > sizeof(full))
		size = sizeof(full);

	memset(&full, 0, sizeof(full));
	msg = gsskp_msg_new(GSSK_CMD_STATS, 0);
	if (!msg) {
		*minor_status = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("out of memory");
		return GSS_S_FAILURE;
	}
	major = gsskp_transact(minor_status, msg, gsskp_stats_reply, &full);
	gsskp_msg_free(msg);
	if (major) {
		free(full.refusals);
		return major;
	}
	full.size = stats->size;
	memcpy(stats, &full, size);
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_release_stats(OM_uint32 *minor_status,
					 struct gssk_stats *stats)
{
	if (minor_status)
		*minor_status = GSSK_MINOR_NONE;
	if (!stats || stats->size < GSSK_STATS_MIN_SIZE)
		return GSS_S_COMPLETE;
	free(stats->refusals);
	stats->refusals = NULL;
	stats->n_refusals = 0;
	return GSS_S_COMPLETE;
}
