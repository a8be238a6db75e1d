// SPDX-License-Identifier: GPL-2.0
/*
 * gssk-bench: raw generic netlink, without libgssk. One round trip of
 * nlctrl GETFAMILY "gssk" (without and with NLM_F_ACK; libgssk asks for an
 * ACK on every request) is the floor under any control call (load,
 * inquire, export, import, delete); a raw INQUIRE shows the kernel's share
 * of gssk_inquire_context. Per-message calls are ioctls on a context
 * descriptor and never use netlink (ABI 2).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "bench.h"


struct genl_arg {
	int fd;
	uint16_t type;		/* of the request and of its reply */
	bool ack;
	uint32_t seq;
	int family;		/* GETFAMILY: the id found in the reply */
	unsigned char req[64];
	size_t req_len;
};

static void genl_put_attr(struct genl_arg *g, uint16_t type, const void *data,
			  size_t len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)g->req;
	struct nlattr *na = (struct nlattr *)(g->req + NLMSG_ALIGN(nlh->nlmsg_len));

	na->nla_type = type;
	na->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy((char *)na + NLA_HDRLEN, data, len);
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(na->nla_len);
	g->req_len = nlh->nlmsg_len;
}

/* A socket and a request: cmd of family type, NLM_F_ACK if ack. */
static int genl_open(struct genl_arg *g, uint16_t type, uint8_t cmd,
		     uint8_t version, bool ack)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlmsghdr *nlh = (struct nlmsghdr *)g->req;
	struct genlmsghdr *gh = NLMSG_DATA(nlh);

	memset(g, 0, sizeof(*g));
	g->type = type;
	g->ack = ack;
	g->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (g->fd < 0)
		return fail_errno("socket(NETLINK_GENERIC)");
	if (bind(g->fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(g->fd);
		return fail_errno("bind");
	}
	gh->cmd = cmd;
	gh->version = version;
	nlh->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | (ack ? NLM_F_ACK : 0);
	g->req_len = nlh->nlmsg_len;
	return 0;
}

static int genl_open_getfamily(struct genl_arg *g, bool ack)
{
	static const char name[] = GSSK_GENL_NAME;

	if (genl_open(g, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, ack))
		return -1;
	genl_put_attr(g, CTRL_ATTR_FAMILY_NAME, name, sizeof(name));
	return 0;
}

/* The family id in a GETFAMILY reply, or 0. */
static int genl_family_id(struct nlmsghdr *h)
{
	int len = (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	struct nlattr *na = (struct nlattr *)((char *)NLMSG_DATA(h) +
					      GENL_HDRLEN);
	uint16_t id;

	while (len >= NLA_HDRLEN && na->nla_len >= NLA_HDRLEN &&
	       na->nla_len <= len) {
		if ((na->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID &&
		    na->nla_len >= NLA_HDRLEN + sizeof(id)) {
			memcpy(&id, (char *)na + NLA_HDRLEN, sizeof(id));
			return id;
		}
		len -= NLA_ALIGN(na->nla_len);
		na = (struct nlattr *)((char *)na + NLA_ALIGN(na->nla_len));
	}
	return 0;
}

/* One request; read until its reply (and the ACK when asked for). */
static int op_genl(void *arg, unsigned long n)
{
	struct genl_arg *g = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)g->req;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	unsigned char buf[8192];

	while (n--) {
		bool reply = false, done = false;

		nlh->nlmsg_seq = ++g->seq;
		if (sendto(g->fd, g->req, g->req_len, 0,
			   (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
			return fail_errno("sendto");
		while (!done) {
			ssize_t len = recv(g->fd, buf, sizeof(buf), 0);
			struct nlmsghdr *h = (struct nlmsghdr *)buf;

			if (len < 0) {
				if (errno == EINTR)
					continue;
				return fail_errno("recv");
			}
			for (; NLMSG_OK(h, (size_t)len); h = NLMSG_NEXT(h, len)) {
				if (h->nlmsg_seq != g->seq)
					continue;
				if (h->nlmsg_type == NLMSG_ERROR) {
					struct nlmsgerr *e = NLMSG_DATA(h);

					if (e->error) {
						errno = -e->error;
						return fail_errno("raw request");
					}
					done = true;
				} else if (h->nlmsg_type == g->type) {
					reply = true;
					if (g->type == GENL_ID_CTRL)
						g->family = genl_family_id(h);
					if (!g->ack)
						done = true;
				}
			}
		}
		if (!reply) {
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
		close(g.fd);
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
		close(g.fd);
		goto failed;
	}
	family = g.family;
	close(g.fd);
	if (!family) {
		errno = ENOENT;
		fail_errno("GETFAMILY gssk: no family id");
		goto failed;
	}
	if (genl_open(&g, (uint16_t)family, GSSK_CMD_INQUIRE,
		      GSSK_GENL_VERSION, false))
		goto failed;
	genl_put_attr(&g, GSSK_A_SERIAL, &serial, sizeof(serial));
	measure(s, 1, op_genl, &g);
	close(g.fd);
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
	close(g.fd);
	return err;
}
