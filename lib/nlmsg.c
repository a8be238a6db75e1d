// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Netlink messages: building a generic netlink request in one buffer and
 * reading attributes against rules (nlmsg.h). Pure functions over memory;
 * no socket, no global state.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nlmsg.h"

struct gsskp_msg *gsskp_genlmsg_new(uint16_t type, uint16_t flags,
				    uint8_t cmd, uint8_t version, size_t attrs)
{
	size_t cap = NLMSG_HDRLEN + GENL_HDRLEN + attrs;
	struct gsskp_msg *msg;
	struct genlmsghdr *gh;

	if (cap > UINT32_MAX)
		return NULL;
	msg = malloc(sizeof(*msg));
	if (!msg)
		return NULL;
	msg->cap = cap;
	msg->nlh = calloc(1, cap);
	if (!msg->nlh) {
		free(msg);
		return NULL;
	}
	msg->nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	msg->nlh->nlmsg_type = type;
	msg->nlh->nlmsg_flags = flags;
	gh = NLMSG_DATA(msg->nlh);
	gh->cmd = cmd;
	gh->version = version;
	return msg;
}

void gsskp_msg_wipe(struct gsskp_msg *msg)
{
	explicit_bzero(msg->nlh, msg->cap);
}

void gsskp_msg_free(struct gsskp_msg *msg)
{
	if (!msg)
		return;
	gsskp_msg_wipe(msg);
	free(msg->nlh);
	free(msg);
}

int gsskp_put(struct gsskp_msg *msg, uint16_t type, const void *data,
	      size_t len)
{
	size_t off = NLMSG_ALIGN(msg->nlh->nlmsg_len);
	struct nlattr *a;

	if (len > UINT16_MAX - NLA_HDRLEN || off > msg->cap ||
	    gsskp_attr_size(len) > msg->cap - off)
		return -EMSGSIZE;
	a = (struct nlattr *)((char *)msg->nlh + off);
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy(gsskp_attr_data(a), data, len);
	/* the padding stays zero: the buffer was calloc'ed */
	msg->nlh->nlmsg_len = (uint32_t)(off + gsskp_attr_size(len));
	return 0;
}

struct nlattr *gsskp_nest_start(struct gsskp_msg *msg, uint16_t type)
{
	size_t off = NLMSG_ALIGN(msg->nlh->nlmsg_len);

	if (gsskp_put(msg, type | NLA_F_NESTED, NULL, 0))
		return NULL;
	return (struct nlattr *)((char *)msg->nlh + off);
}

void gsskp_nest_end(struct gsskp_msg *msg, struct nlattr *nest)
{
	nest->nla_len = (uint16_t)((char *)msg->nlh + msg->nlh->nlmsg_len -
				   (char *)nest);
}

bool gsskp_attr_ok(const struct nlattr *a, int rem)
{
	return rem >= (int)NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= rem;
}

struct nlattr *gsskp_attr_next(const struct nlattr *a, int *rem)
{
	int step = NLA_ALIGN(a->nla_len);

	*rem -= step;
	return (struct nlattr *)((char *)a + step);
}

static bool attr_valid(const struct nlattr *a,
		       const struct gsskp_attr_rule *rule)
{
	static const size_t min[] = {
		[GSSKP_ATTR_U8] = 1, [GSSKP_ATTR_U16] = 2,
		[GSSKP_ATTR_U32] = 4, [GSSKP_ATTR_U64] = 8,
		[GSSKP_ATTR_STRING] = 1,
	};
	size_t len = gsskp_attr_len(a);

	if (rule->kind < sizeof(min) / sizeof(min[0]) && len < min[rule->kind])
		return false;
	if (rule->maxlen && len > rule->maxlen)
		return false;
	if (rule->kind == GSSKP_ATTR_STRING &&
	    ((const char *)gsskp_attr_data(a))[len - 1] != '\0')
		return false;
	if (rule->kind == GSSKP_ATTR_NESTED) {
		const struct nlattr *n;
		int rem;

		gsskp_for_each_attr(n, gsskp_attr_data(a), len, rem)
			;
		if (rem > 0)
			return false;
	}
	return true;
}

int gsskp_parse(struct nlattr **tb, int max, const void *data, size_t len,
		const struct gsskp_attr_rule *rules)
{
	struct nlattr *a;
	int rem;

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	if (len > INT32_MAX)
		return -EINVAL;
	gsskp_for_each_attr(a, data, len, rem) {
		int type = gsskp_attr_type(a);

		if (type > max)
			continue;
		if (rules && !attr_valid(a, &rules[type]))
			return -EINVAL;
		tb[type] = a;
	}
	/* trailing bytes shorter than an attribute header are padding */
	return rem >= (int)NLA_HDRLEN ? -EINVAL : 0;
}

int gsskp_genl_parse(const struct nlmsghdr *nlh, struct nlattr **tb,
		     int max, const struct gsskp_attr_rule *rules)
{
	size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN;

	if (nlh->nlmsg_len < hdr)
		return -EINVAL;
	return gsskp_parse(tb, max, (const char *)nlh + hdr,
			   nlh->nlmsg_len - hdr, rules);
}

int gsskp_parse_nested(struct nlattr **tb, int max, const struct nlattr *nest,
		       const struct gsskp_attr_rule *rules)
{
	return gsskp_parse(tb, max, gsskp_attr_data(nest),
			   gsskp_attr_len(nest), rules);
}

uint8_t gsskp_get_u8(const struct nlattr *a)
{
	return *(const uint8_t *)gsskp_attr_data(a);
}

uint16_t gsskp_get_u16(const struct nlattr *a)
{
	uint16_t v;

	memcpy(&v, gsskp_attr_data(a), sizeof(v));
	return v;
}

uint32_t gsskp_get_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, gsskp_attr_data(a), sizeof(v));
	return v;
}

int32_t gsskp_get_s32(const struct nlattr *a)
{
	int32_t v;

	memcpy(&v, gsskp_attr_data(a), sizeof(v));
	return v;
}

uint64_t gsskp_get_u64(const struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, gsskp_attr_data(a), sizeof(v));
	return v;
}
