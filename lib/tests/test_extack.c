// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The NLMSG_ERROR parser, fed hand-built messages, and the request
 * attribute lookup behind NLMSGERR_ATTR_OFFS.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "tap.h"

struct mb {
	union {
		unsigned char buf[4096];
		struct nlmsghdr align;
	};
	size_t len;
};

static void put(struct mb *m, const void *p, size_t n)
{
	memcpy(m->buf + m->len, p, n);
	m->len += n;
}

static void pad(struct mb *m)
{
	while (m->len % 4)
		m->buf[m->len++] = 0;
}

/*
 * Start an NLMSG_ERROR for a request whose payload is plen bytes; the
 * payload is echoed unless NLM_F_CAPPED is in flags.
 */
static void start(struct mb *m, uint16_t flags, int error, size_t plen)
{
	struct nlmsghdr h = {
		.nlmsg_type = NLMSG_ERROR, .nlmsg_flags = flags,
		.nlmsg_seq = 9, .nlmsg_pid = 1234,
	};
	struct nlmsgerr e = {
		.error = error,
		.msg = { .nlmsg_len = NLMSG_HDRLEN + plen, .nlmsg_type = 0x20,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
			 .nlmsg_seq = 9, .nlmsg_pid = 1234 },
	};
	size_t i;

	memset(m, 0, sizeof(*m));
	put(m, &h, sizeof(h));
	put(m, &e, sizeof(e));
	if (!(flags & NLM_F_CAPPED))
		for (i = 0; i < plen; i++)
			m->buf[m->len++] = 0xa5;	/* request bytes */
	pad(m);
}

static void tlv(struct mb *m, uint16_t type, const void *data, size_t n)
{
	struct nlattr a = { .nla_len = NLA_HDRLEN + n, .nla_type = type };

	put(m, &a, sizeof(a));
	put(m, data, n);
	pad(m);
}

static const struct nlmsghdr *finish(struct mb *m)
{
	((struct nlmsghdr *)m->buf)->nlmsg_len = m->len;
	return (const struct nlmsghdr *)m->buf;
}

static void parse_cases(void)
{
	const struct gssk_status st = { GSS_S_NO_CONTEXT,
					GSSK_MINOR_NO_SUCH_CONTEXT };
	const char text[] = "no such gssk context";
	struct gsskp_nlerr e;
	struct mb m;
	uint32_t u;
	char longmsg[700];
	int r;

	/* capped, message + cookie */
	start(&m, NLM_F_CAPPED | NLM_F_ACK_TLVS, -ENOKEY, 40);
	tlv(&m, NLMSGERR_ATTR_MSG, text, sizeof(text));
	tlv(&m, NLMSGERR_ATTR_COOKIE, &st, sizeof(st));
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && e.error == -ENOKEY && e.has_msg &&
	   strcmp(e.msg, text) == 0 && e.has_cookie &&
	   e.status.major == GSS_S_NO_CONTEXT &&
	   e.status.minor == GSSK_MINOR_NO_SUCH_CONTEXT && !e.has_offs,
	   "capped error: errno, message and cookie");

	/* not capped: the TLVs follow the echoed (unaligned) payload */
	start(&m, NLM_F_ACK_TLVS, -EINVAL, 21);
	u = 24;
	tlv(&m, NLMSGERR_ATTR_OFFS, &u, sizeof(u));
	tlv(&m, NLMSGERR_ATTR_MSG, text, sizeof(text));
	tlv(&m, NLMSGERR_ATTR_COOKIE, &st, sizeof(st));
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && e.error == -EINVAL && e.has_offs && e.offs == 24 &&
	   e.has_msg && strcmp(e.msg, text) == 0 && e.has_cookie,
	   "uncapped error: TLVs found after the 21-byte echoed payload");

	/* no NLM_F_ACK_TLVS: whatever follows is not TLVs */
	start(&m, NLM_F_CAPPED, -EPERM, 0);
	tlv(&m, NLMSGERR_ATTR_COOKIE, &st, sizeof(st));
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && e.error == -EPERM && !e.has_cookie && !e.has_msg,
	   "without NLM_F_ACK_TLVS the TLVs are ignored");

	/* a cookie of another size is not a gssk_status */
	start(&m, NLM_F_CAPPED | NLM_F_ACK_TLVS, -EINVAL, 0);
	tlv(&m, NLMSGERR_ATTR_COOKIE, "\1\2\3\4\5\6\7\10\11\12\13\14", 12);
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && !e.has_cookie, "12-byte cookie ignored");

	/* an ACK */
	start(&m, NLM_F_CAPPED, 0, 0);
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && e.error == 0 && !e.has_msg && !e.has_cookie,
	   "ACK: error 0");

	/* missing attribute report, and the nested flag is masked */
	start(&m, NLM_F_CAPPED | NLM_F_ACK_TLVS, -EINVAL, 0);
	u = GSSK_A_SERIAL;
	tlv(&m, NLMSGERR_ATTR_MISS_TYPE | NLA_F_NESTED, &u, sizeof(u));
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && e.has_miss_type && e.miss_type == GSSK_A_SERIAL,
	   "NLMSGERR_ATTR_MISS_TYPE, type bits masked");

	/* message without its NUL, and an over-long message */
	start(&m, NLM_F_CAPPED | NLM_F_ACK_TLVS, -EINVAL, 0);
	tlv(&m, NLMSGERR_ATTR_MSG, "abc", 3);
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && e.has_msg && strcmp(e.msg, "abc") == 0,
	   "message without a NUL is terminated");
	memset(longmsg, 'x', sizeof(longmsg));
	longmsg[sizeof(longmsg) - 1] = '\0';
	start(&m, NLM_F_CAPPED | NLM_F_ACK_TLVS, -EINVAL, 0);
	tlv(&m, NLMSGERR_ATTR_MSG, longmsg, sizeof(longmsg));
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && e.has_msg && strlen(e.msg) == GSSK_ERRMSG_MAX - 1,
	   "over-long message truncated to %d bytes", GSSK_ERRMSG_MAX - 1);

	/* a TLV that runs past the end stops parsing, keeps earlier ones */
	start(&m, NLM_F_CAPPED | NLM_F_ACK_TLVS, -EINVAL, 0);
	tlv(&m, NLMSGERR_ATTR_MSG, text, sizeof(text));
	tlv(&m, NLMSGERR_ATTR_COOKIE, &st, sizeof(st));
	((struct nlattr *)(m.buf + m.len - NLA_HDRLEN - sizeof(st)))->nla_len =
		200;
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && e.has_msg && !e.has_cookie,
	   "overrunning TLV: parsing stops, earlier TLVs kept");

	/* an echoed length that points past the end: no TLVs, no crash */
	start(&m, NLM_F_ACK_TLVS, -EINVAL, 8);
	tlv(&m, NLMSGERR_ATTR_COOKIE, &st, sizeof(st));
	((struct nlmsgerr *)(m.buf + NLMSG_HDRLEN))->msg.nlmsg_len = 100000;
	r = gsskp_nl_parse_error(finish(&m), m.len, &e);
	ok(r == 0 && e.error == -EINVAL && !e.has_cookie,
	   "bogus echoed length: TLVs skipped");

	/* malformed messages */
	start(&m, NLM_F_CAPPED, -EINVAL, 0);
	finish(&m);
	ok(gsskp_nl_parse_error((struct nlmsghdr *)m.buf, m.len - 1, &e) ==
	   -EBADMSG, "nlmsg_len beyond the buffer -> -EBADMSG");
	ok(gsskp_nl_parse_error((struct nlmsghdr *)m.buf, 8, &e) == -EBADMSG,
	   "buffer shorter than a header -> -EBADMSG");
	((struct nlmsghdr *)m.buf)->nlmsg_type = NLMSG_DONE;
	ok(gsskp_nl_parse_error((struct nlmsghdr *)m.buf, m.len, &e) ==
	   -EBADMSG, "not NLMSG_ERROR -> -EBADMSG");
	((struct nlmsghdr *)m.buf)->nlmsg_type = NLMSG_ERROR;
	((struct nlmsghdr *)m.buf)->nlmsg_len = NLMSG_HDRLEN + 4;
	ok(gsskp_nl_parse_error((struct nlmsghdr *)m.buf, m.len, &e) ==
	   -EBADMSG, "truncated nlmsgerr -> -EBADMSG");
}

static void attr_at(void)
{
	struct gsskp_msg *msg = gsskp_msg_new(GSSK_CMD_IMPORT,
					      gsskp_attr_size(4) +
					      gsskp_attr_size(40));
	struct nlmsghdr *h;
	uint32_t first, second;

	if (!ok(msg && gsskp_put_s32(msg, GSSK_A_KEYRING, -3) == 0 &&
		gsskp_put(msg, GSSK_A_TOKEN, "GSSK\1\0\0\0xxxxxxxxxxxxxxxxxxxx"
			  "xxxxxxxxxxxx", 40) == 0,
		"build an IMPORT request")) {
		gsskp_msg_free(msg);
		return;
	}
	h = msg->nlh;
	first = NLMSG_HDRLEN + GENL_HDRLEN;
	second = first + NLA_ALIGN(NLA_HDRLEN + 4);
	ok(gsskp_nl_attr_at(h, first) == GSSK_A_KEYRING,
	   "offset %u: KEYRING", first);
	ok(gsskp_nl_attr_at(h, second) == GSSK_A_TOKEN,
	   "offset %u: TOKEN", second);
	ok(gsskp_nl_attr_at(h, second + 10) == GSSK_A_TOKEN,
	   "offset inside TOKEN: TOKEN");
	ok(gsskp_nl_attr_at(h, 4) == -1, "offset in the header: none");
	ok(gsskp_nl_attr_at(h, h->nlmsg_len + 8) == -1,
	   "offset past the end: none");
	gsskp_msg_free(msg);
}

void test_extack(void)
{
	parse_cases();
	attr_at();
}
