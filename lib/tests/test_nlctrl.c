// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The exchange loop against a real kernel family that every host has:
 * the generic netlink controller. This checks replies with and without
 * NLM_F_ACK, ACKs and extended ACK refusals (NLM_F_CAPPED,
 * NLMSGERR_ATTR_MSG/OFFS) as the kernel really sends them, without
 * gssk.ko.
 */
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/socket.h>
#include <netlink/genl/genl.h>

#include "internal.h"
#include "tap.h"

struct seen {
	int replies;
	int family_id;
};

static void on_msg(struct nlmsghdr *nlh, void *arg)
{
	struct seen *s = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	s->replies++;
	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) == 0 &&
	    tb[CTRL_ATTR_FAMILY_ID])
		s->family_id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
}

static union {
	struct nlmsghdr align;
	unsigned char b[GSSK_RECV_SIZE];
} rx;

#define RX rx.b, sizeof(rx.b)

static struct nl_msg *getfamily_flags(int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL,
				0, flags, CTRL_CMD_GETFAMILY, 1)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

static struct nl_msg *getfamily(void)
{
	return getfamily_flags(0);
}

/* Whether rx holds nothing but zeroes (the bytes received were wiped). */
static bool rx_wiped(void)
{
	size_t i;

	for (i = 0; i < sizeof(rx.b); i++)
		if (rx.b[i])
			return false;
	return true;
}

void test_nlctrl(void)
{
	struct gsskp_nlerr e;
	struct seen s = { 0, 0 };
	struct nl_sock *sk;
	struct nl_msg *msg;
	OM_uint32 minor = 0;
	int r;

	sk = gsskp_nl_socket_open(&minor);
	if (!sk) {
		tap_skip("no generic netlink here", "nlctrl exchanges");
		return;
	}

	/* without NLM_F_ACK the reply ends the exchange */
	msg = getfamily();
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	r = gsskp_nl_exchange(sk, msg, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_ACK && s.replies == 1 &&
	   s.family_id == GENL_ID_CTRL,
	   "nlctrl GETFAMILY without NLM_F_ACK: the reply (id %d) ends it",
	   s.family_id);
	ok(!(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_ACK),
	   "the socket adds no NLM_F_ACK of its own (libnl auto-ACK off)");
	ok(rx_wiped(), "the bytes received are zeroed after use");
	nlmsg_free(msg);

	/* with NLM_F_ACK the exchange reads on to the ACK */
	msg = getfamily_flags(NLM_F_ACK);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	s.replies = 0;
	r = gsskp_nl_exchange(sk, msg, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_ACK && s.replies == 1 && e.error == 0,
	   "nlctrl GETFAMILY with NLM_F_ACK: one reply, then the ACK");
	nlmsg_free(msg);

	/* no ACK is left behind for the next exchange to trip over */
	msg = getfamily();
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	s.replies = 0;
	r = gsskp_nl_exchange(sk, msg, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_ACK && s.replies == 1,
	   "the next exchange on the socket gets its own reply");
	nlmsg_free(msg);

	/* the same message object sent again gets a fresh sequence number */
	msg = getfamily();
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	s.replies = 0;
	r = gsskp_nl_exchange(sk, msg, GENL_ID_CTRL, on_msg, &s, &e, RX);
	r = r == GSSKP_XCHG_ACK ?
		gsskp_nl_exchange(sk, msg, GENL_ID_CTRL, on_msg, &s, &e, RX) :
		r;
	ok(r == GSSKP_XCHG_ACK && s.replies == 2,
	   "one message sent twice: two replies");
	nlmsg_free(msg);

	msg = getfamily();
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "gssk-nosuch");
	s.replies = 0;
	r = gsskp_nl_exchange(sk, msg, GENL_ID_CTRL, on_msg, &s, &e, RX);
	if (!ok(r == GSSKP_XCHG_REFUSED && e.error == -ENOENT &&
		s.replies == 0 && !e.has_cookie,
		"unknown family: refused with ENOENT, no cookie"))
		tap_diag("r %d error %d replies %d cookie %d", r, e.error,
			 s.replies, e.has_cookie);
	nlmsg_free(msg);

	/* a u8 where the policy wants a u16: a netlink core refusal */
	msg = getfamily();
	nla_put_u8(msg, CTRL_ATTR_FAMILY_ID, 1);
	r = gsskp_nl_exchange(sk, msg, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_REFUSED && e.error == -ERANGE && e.has_msg &&
	   !e.has_cookie, "policy refusal: ERANGE with an extack message "
	   "\"%s\"", e.msg);
	ok(e.has_offs &&
	   gsskp_nl_attr_at(nlmsg_hdr(msg), e.offs) == CTRL_ATTR_FAMILY_ID,
	   "NLMSGERR_ATTR_OFFS names the offending attribute");
	nlmsg_free(msg);

	/* a command nlctrl does not have */
	msg = nlmsg_alloc();
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL, 0, 0, 200, 1);
	r = gsskp_nl_exchange(sk, msg, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_REFUSED && e.error == -EOPNOTSUPP,
	   "unknown command: EOPNOTSUPP");
	nlmsg_free(msg);

	nl_socket_free(sk);
}
