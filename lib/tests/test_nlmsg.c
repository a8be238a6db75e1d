// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libgssk's own netlink messages (nlmsg.c): the bytes a request is made
 * of, and the rules that decide which attributes of a reply are read.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "tap.h"

enum { A_U8 = 1, A_U32, A_U64, A_STR, A_BIN, A_NEST, A_MAX = A_NEST };

static const struct gsskp_attr_rule rules[A_MAX + 1] = {
	[A_U8]	 = { .kind = GSSKP_ATTR_U8 },
	[A_U32]	 = { .kind = GSSKP_ATTR_U32 },
	[A_U64]	 = { .kind = GSSKP_ATTR_U64 },
	[A_STR]	 = { .kind = GSSKP_ATTR_STRING, .maxlen = 6 },
	[A_BIN]	 = { .kind = GSSKP_ATTR_UNSPEC, .maxlen = 4 },
	[A_NEST] = { .kind = GSSKP_ATTR_NESTED },
};

static struct gsskp_msg *new_msg(void)
{
	return gsskp_genlmsg_new(0x1234, NLM_F_ACK, 7, 2, 256);
}

static int parse(struct gsskp_msg *m, struct nlattr **tb)
{
	return gsskp_genl_parse(m->nlh, tb, A_MAX, rules);
}

/* The layout of one attribute: header, payload, zero padding. */
static void build(void)
{
	static const unsigned char want[] = {
		/* nlmsghdr: len 32, type 0x1234, flags NLM_F_ACK */
		32, 0, 0, 0, 0x34, 0x12, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		/* genlmsghdr: cmd 7, version 2 */
		7, 2, 0, 0,
		/* nlattr len 9 (5 bytes of "abcd\0"), type A_STR, 3 pad */
		9, 0, A_STR, 0, 'a', 'b', 'c', 'd', 0, 0, 0, 0,
	};
	struct gsskp_msg *m = new_msg();
	struct nlattr *tb[A_MAX + 1], *nest;

	if (!ok(m && gsskp_put_string(m, A_STR, "abcd") == 0,
		"a string attribute is put"))
		goto out;
	ok(m->nlh->nlmsg_len == sizeof(want) &&
	   !memcmp(m->nlh, want, sizeof(want)),
	   "header, genl header, attribute and padding byte for byte");
	nest = gsskp_nest_start(m, A_NEST);
	ok(nest && gsskp_put_u32(m, A_U32, 5) == 0 &&
	   gsskp_put_u8(m, A_U8, 6) == 0, "a nest with two attributes");
	if (nest)
		gsskp_nest_end(m, nest);
	ok(nest && nest->nla_len == NLA_HDRLEN + 2 * gsskp_attr_size(4) &&
	   (nest->nla_type & NLA_F_NESTED), "the nest's length covers both,"
	   " NLA_F_NESTED set");
	if (ok(parse(m, tb) == 0 && tb[A_STR] && tb[A_NEST] && !tb[A_U32],
	       "parsed: the outer attributes only")) {
		struct nlattr *in[A_MAX + 1];

		ok(!strcmp(gsskp_get_string(tb[A_STR]), "abcd") &&
		   gsskp_parse_nested(in, A_MAX, tb[A_NEST], rules) == 0 &&
		   in[A_U32] && gsskp_get_u32(in[A_U32]) == 5 && in[A_U8] &&
		   gsskp_get_u8(in[A_U8]) == 6, "the nest's attributes read back");
	}
	ok(gsskp_put(m, A_BIN, NULL, 300) == -EMSGSIZE,
	   "an attribute beyond the room: -EMSGSIZE");
out:
	gsskp_msg_free(m);
}

/*
 * One attribute of type type with len bytes of data, then parse: 0 or the
 * parse's error. *got: the payload length of the A_BIN read, or -1.
 */
static int one_got(int type, const void *data, size_t len, long *got)
{
	struct gsskp_msg *m = new_msg();
	struct nlattr *tb[A_MAX + 1];
	int r = -ENOMEM;

	*got = -1;
	if (m && gsskp_put(m, (uint16_t)type, data, len) == 0)
		r = parse(m, tb);
	if (r == 0 && tb[A_BIN])
		*got = (long)gsskp_attr_len(tb[A_BIN]);
	gsskp_msg_free(m);
	return r;
}

static int one(int type, const void *data, size_t len)
{
	long got;

	return one_got(type, data, len, &got);
}

static void rules_checked(void)
{
	uint64_t v = 0;
	long got;

	ok(one(A_U32, &v, 3) == -EINVAL, "a u32 of 3 bytes: refused");
	ok(one(A_U64, &v, 4) == -EINVAL, "a u64 of 4 bytes: refused");
	ok(one(A_U8, &v, 0) == -EINVAL, "an empty u8: refused");
	ok(one(A_STR, "abc", 3) == -EINVAL,
	   "a string without its NUL: refused");
	ok(one(A_STR, "abcdef", 7) == -EINVAL,
	   "a string longer than maxlen: refused");
	ok(one(A_STR, "", 0) == -EINVAL, "an empty string: refused");
	ok(one(A_BIN, "12345", 5) == -EINVAL,
	   "binary data longer than maxlen: refused");
	ok(one_got(A_BIN, "", 0, &got) == 0 && got == 0,
	   "empty binary data: accepted");
	ok(one_got(A_MAX + 1, "x", 1, &got) == 0 && got == -1,
	   "a type above max: ignored");
	ok(one(A_NEST, "\x03\0\0\0", 4) == -EINVAL,
	   "a nest holding an attribute of length 3: refused");
}

static void malformed(void)
{
	struct gsskp_msg *m = new_msg();
	struct nlattr *tb[A_MAX + 1];

	if (!ok(m && gsskp_put_u32(m, A_U32, 1) == 0 &&
		gsskp_put_u32(m, A_U32, 2) == 0, "two attributes of one type"))
		goto out;
	ok(parse(m, tb) == 0 && gsskp_get_u32(tb[A_U32]) == 2,
	   "of two attributes of one type the last is read");
	/* the second attribute claims more bytes than the message has */
	((struct nlattr *)((char *)m->nlh + NLMSG_HDRLEN + GENL_HDRLEN +
			   gsskp_attr_size(4)))->nla_len = 200;
	ok(parse(m, tb) == -EINVAL,
	   "an attribute longer than the message: refused");
	m->nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	ok(parse(m, tb) == -EINVAL, "a message shorter than its headers");
out:
	gsskp_msg_free(m);
}

void test_nlmsg(void)
{
	build();
	rules_checked();
	malformed();
}
