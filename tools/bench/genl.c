// SPDX-License-Identifier: GPL-2.0
/*
 * gssk-bench: raw generic netlink with libgssk's own client (its socket,
 * request messages and exchange, from lib/libgssk-internal.a) but without
 * libgssk's calls around it. One round trip of nlctrl GETFAMILY "gssk"
 * (without and with NLM_F_ACK) is the floor under any control call (load,
 * inquire, export, import, delete); a raw INQUIRE shows the kernel's share
 * of gssk_inquire_context. Per-message calls are ioctls on a context
 * descriptor and never use netlink (ABI 2).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nl.h"		/* lib/: libgssk's netlink client */
#include "bench.h"


struct genl_arg {
	int fd;
	struct gsskp_msg *req;
	uint16_t type;		/* of the request and of its reply */
	int family;		/* GETFAMILY: the id found in the reply */
	int replies;
	union {			/* receive buffer, as libgssk's */
		struct nlmsghdr align;
		unsigned char b[GSSK_RECV_SIZE];
	} rx;
};

static void genl_close(struct genl_arg *g)
{
	gsskp_msg_free(g->req);
	if (g->fd >= 0)
		close(g->fd);
}

/* A socket and a request: cmd of family type, NLM_F_ACK if ack. */
static int genl_open(struct genl_arg *g, uint16_t type, uint8_t cmd,
		     uint8_t version, bool ack, size_t attrs)
{
	OM_uint32 minor;

	memset(g, 0, sizeof(*g));
	g->type = type;
	g->fd = gsskp_nl_socket_open(&minor);
	if (g->fd < 0)
		return fail_errno("socket(NETLINK_GENERIC)");
	g->req = gsskp_genlmsg_new(type, ack ? NLM_F_ACK : 0, cmd, version,
				   attrs);
	if (!g->req) {
		genl_close(g);
		errno = ENOMEM;
		return fail_errno("netlink request");
	}
	return 0;
}

static int genl_open_getfamily(struct genl_arg *g, bool ack)
{
	if (genl_open(g, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, ack,
		      gsskp_attr_size(sizeof(GSSK_GENL_NAME))))
		return -1;
	if (gsskp_put_string(g->req, CTRL_ATTR_FAMILY_NAME, GSSK_GENL_NAME)) {
		genl_close(g);
		errno = EMSGSIZE;
		return fail_errno("netlink request");
	}
	return 0;
}

/* Exchange callback: count the reply, keep a GETFAMILY's family id. */
static void genl_reply(struct nlmsghdr *h, void *arg)
{
	static const struct gsskp_attr_rule rules[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID] = { .kind = GSSKP_ATTR_U16 },
	};
	struct genl_arg *g = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	if (h->nlmsg_type != g->type)
		return;
	g->replies++;
	if (g->type == GENL_ID_CTRL &&
	    !gsskp_genl_parse(h, tb, CTRL_ATTR_MAX, rules) &&
	    tb[CTRL_ATTR_FAMILY_ID])
		g->family = gsskp_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
}

/* One request; read until its reply (and the ACK when asked for). */
static int op_genl(void *arg, unsigned long n)
{
	struct genl_arg *g = arg;
	struct gsskp_nlerr e;

	while (n--) {
		int r;

		g->replies = 0;
		r = gsskp_nl_exchange(g->fd, g->req->nlh, g->type, genl_reply,
				      g, &e, g->rx.b, sizeof(g->rx.b));
		if (r < 0) {
			errno = -r;
			return fail_errno("raw request");
		}
		if (r == GSSKP_XCHG_REFUSED) {
			errno = -e.error;
			return fail_errno("raw request refused");
		}
		if (!g->replies) {
			errno = ENOMSG;
			return fail_errno("raw request: no reply");
		}
	}
	return 0;
}

void bench_genl(void)
{
	static const char *const names[] = {
		"genl GETFAMILY (request+reply)",
		"genl GETFAMILY + NLM_F_ACK",
	};
	struct genl_arg g;
	int i;

	for (i = 0; i < 2; i++) {
		struct series *s = &row(names[i], 0, 0, ROW_GSSK)->s[SIDE_A];

		if (!series_ok(s))
			continue;
		if (genl_open_getfamily(&g, i == 1)) {
			series_fail(s);
			continue;
		}
		measure(s, 1, op_genl, &g);
		genl_close(&g);
	}
}

/*
 * INQUIRE of a context by hand, without an ACK as libgssk sends it: the
 * kernel's share of gssk_inquire_context() without the library around it.
 */
void bench_raw_inquire(struct series *s, gss_ctx_id_t h)
{
	int32_t serial = gssk_context_serial(h);
	struct genl_arg g;
	int family;

	if (!series_ok(s))
		return;
	if (genl_open_getfamily(&g, false))
		goto failed;
	if (op_genl(&g, 1)) {
		genl_close(&g);
		goto failed;
	}
	family = g.family;
	genl_close(&g);
	if (!family) {
		errno = ENOENT;
		fail_errno("GETFAMILY gssk: no family id");
		goto failed;
	}
	if (genl_open(&g, (uint16_t)family, GSSK_CMD_INQUIRE,
		      GSSK_GENL_VERSION, false, gsskp_attr_size(sizeof(serial))))
		goto failed;
	if (gsskp_put_s32(g.req, GSSK_A_SERIAL, serial)) {
		genl_close(&g);
		goto failed;
	}
	measure(s, 1, op_genl, &g);
	genl_close(&g);
	return;
failed:
	series_fail(s);
}

/* Is gssk.ko there? Without it every figure would fail the same way. */
int genl_check_module(void)
{
	struct genl_arg g;
	int err;

	if (genl_open_getfamily(&g, false))
		return -1;
	err = op_genl(&g, 1);
	genl_close(&g);
	return err;
}
