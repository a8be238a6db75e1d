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
#include <unistd.h>
#include <linux/genetlink.h>

#include "internal.h"
#include "tap.h"

struct seen {
	int replies;
	int family_id;
};

static void on_msg(struct nlmsghdr *nlh, void *arg)
{
	static const struct gsskp_attr_rule rules[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID] = { .kind = GSSKP_ATTR_U16 },
	};
	struct seen *s = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	s->replies++;
	if (gsskp_genl_parse(nlh, tb, CTRL_ATTR_MAX, rules) == 0 &&
	    tb[CTRL_ATTR_FAMILY_ID])
		s->family_id = gsskp_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
}

static union {
	struct nlmsghdr align;
	unsigned char b[GSSK_RECV_SIZE];
} rx;

#define RX rx.b, sizeof(rx.b)

static struct gsskp_msg *getfamily_flags(uint16_t flags)
{
	return gsskp_genlmsg_new(GENL_ID_CTRL, flags, CTRL_CMD_GETFAMILY, 1,
				 64);
}

static struct gsskp_msg *getfamily(void)
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
	struct gsskp_msg *msg;
	OM_uint32 minor = 0;
	int r, sk;

	sk = gsskp_nl_socket_open(&minor);
	if (sk < 0) {
		tap_skip("no generic netlink here", "nlctrl exchanges");
		return;
	}

	/* without NLM_F_ACK the reply ends the exchange */
	msg = getfamily();
	gsskp_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	r = gsskp_nl_exchange(sk, msg->nlh, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_ACK && s.replies == 1 &&
	   s.family_id == GENL_ID_CTRL,
	   "nlctrl GETFAMILY without NLM_F_ACK: the reply (id %d) ends it",
	   s.family_id);
	ok(!(msg->nlh->nlmsg_flags & NLM_F_ACK),
	   "the exchange adds no NLM_F_ACK of its own");
	ok(rx_wiped(), "the bytes received are zeroed after use");
	gsskp_msg_free(msg);

	/* with NLM_F_ACK the exchange reads on to the ACK */
	msg = getfamily_flags(NLM_F_ACK);
	gsskp_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	s.replies = 0;
	r = gsskp_nl_exchange(sk, msg->nlh, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_ACK && s.replies == 1 && e.error == 0,
	   "nlctrl GETFAMILY with NLM_F_ACK: one reply, then the ACK");
	gsskp_msg_free(msg);

	/* no ACK is left behind for the next exchange to trip over */
	msg = getfamily();
	gsskp_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	s.replies = 0;
	r = gsskp_nl_exchange(sk, msg->nlh, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_ACK && s.replies == 1,
	   "the next exchange on the socket gets its own reply");
	gsskp_msg_free(msg);

	/* the same message object sent again gets a fresh sequence number */
	msg = getfamily();
	gsskp_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	s.replies = 0;
	r = gsskp_nl_exchange(sk, msg->nlh, GENL_ID_CTRL, on_msg, &s, &e, RX);
	r = r == GSSKP_XCHG_ACK ?
		gsskp_nl_exchange(sk, msg->nlh, GENL_ID_CTRL, on_msg, &s, &e, RX) :
		r;
	ok(r == GSSKP_XCHG_ACK && s.replies == 2,
	   "one message sent twice: two replies");
	gsskp_msg_free(msg);

	msg = getfamily();
	gsskp_put_string(msg, CTRL_ATTR_FAMILY_NAME, "gssk-nosuch");
	s.replies = 0;
	r = gsskp_nl_exchange(sk, msg->nlh, GENL_ID_CTRL, on_msg, &s, &e, RX);
	if (!ok(r == GSSKP_XCHG_REFUSED && e.error == -ENOENT &&
		s.replies == 0 && !e.has_cookie,
		"unknown family: refused with ENOENT, no cookie"))
		tap_diag("r %d error %d replies %d cookie %d", r, e.error,
			 s.replies, e.has_cookie);
	gsskp_msg_free(msg);

	/* a u8 where the policy wants a u16: a netlink core refusal */
	msg = getfamily();
	gsskp_put_u8(msg, CTRL_ATTR_FAMILY_ID, 1);
	r = gsskp_nl_exchange(sk, msg->nlh, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_REFUSED && e.error == -ERANGE && e.has_msg &&
	   !e.has_cookie, "policy refusal: ERANGE with an extack message "
	   "\"%s\"", e.msg);
	ok(e.has_offs &&
	   gsskp_nl_attr_at(msg->nlh, e.offs) == CTRL_ATTR_FAMILY_ID,
	   "NLMSGERR_ATTR_OFFS names the offending attribute");
	gsskp_msg_free(msg);

	/* a command nlctrl does not have */
	msg = gsskp_genlmsg_new(GENL_ID_CTRL, 0, 200, 1, 0);
	r = gsskp_nl_exchange(sk, msg->nlh, GENL_ID_CTRL, on_msg, &s, &e, RX);
	ok(r == GSSKP_XCHG_REFUSED && e.error == -EOPNOTSUPP,
	   "unknown command: EOPNOTSUPP");
	gsskp_msg_free(msg);

	close(sk);
}
