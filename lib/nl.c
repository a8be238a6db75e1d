// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Generic netlink transport: one socket per thread, the gssk family id,
 * request/reply exchanges and the parsing of refusals. Only the control
 * path uses it (LOAD, INQUIRE, EXPORT, IMPORT, DELETE, STATS and OPEN);
 * per-message operations are ioctls on a context descriptor (message.c).
 *
 * Each thread that calls libgssk gets its own netlink socket and receive
 * buffer (a pthread key frees them when the thread exits), so no lock is
 * needed around a request. A socket inherited through fork() is dropped
 * and reopened in the child: a pthread_atfork() child handler bumps a
 * fork generation (an atomic counter) and each thread's socket remembers
 * the generation it was opened in, so the check costs no system call.
 * The family id is resolved per socket with CTRL_CMD_GETFAMILY; if the
 * module was reloaded meanwhile, the first refusal that could come from a
 * stale family id (ENOENT, EOPNOTSUPP, EINVAL without a gssk cookie) makes
 * us resolve again, and the request is sent once more if the id changed.
 *
 * Exchanges: every command but DELETE always answers with a reply
 * message, so it is sent without NLM_F_ACK and the exchange ends with the
 * reply or the refusal (an NLMSG_ERROR, which the kernel sends whether or
 * not an ACK was asked for): one sendmsg and, as a rule, one recvmsg.
 * DELETE has no reply and asks for the ACK.
 *
 * No libnl: the socket, the send and the receive loop are a few system
 * calls, and messages are nlmsg.c's, so every byte that held a request or
 * a reply is ours to zero. Requests are allocated at the size of what
 * they carry (gsskp_msg_new) and never reallocated. Secrets: the LOAD
 * request carries key bytes and the IMPORT request the token;
 * gsskp_msg_free() zeroes the whole request before freeing it.
 * NETLINK_CAP_ACK keeps the kernel from echoing a refused request back in
 * its error message, and NETLINK_EXT_ACK brings the extack message and
 * the gssk status cookie with a refusal; a socket without both options is
 * not used. The bytes received are zeroed after use (replies carry the
 * export token, which is a capability).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* ---- refusal parsing (pure functions, unit tested) ---- */

int gsskp_nl_parse_error(const struct nlmsghdr *nlh, size_t len,
			 struct gsskp_nlerr *out)
{
	const unsigned char *base = (const unsigned char *)nlh;
	struct nlmsghdr hdr;
	struct nlmsgerr err;
	size_t total, off;

	memset(out, 0, sizeof(*out));
	if (len < NLMSG_HDRLEN)
		return -EBADMSG;
	memcpy(&hdr, base, sizeof(hdr));
	total = hdr.nlmsg_len;
	if (hdr.nlmsg_type != NLMSG_ERROR || total > len ||
	    total < NLMSG_HDRLEN + sizeof(err))
		return -EBADMSG;
	memcpy(&err, base + NLMSG_HDRLEN, sizeof(err));
	out->error = err.error;

	if (!(hdr.nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;

	/*
	 * The TLVs follow the nlmsgerr and, unless the kernel capped it, a
	 * copy of the request's payload.
	 */
	off = NLMSG_HDRLEN + sizeof(err);
	if (!(hdr.nlmsg_flags & NLM_F_CAPPED)) {
		if (err.msg.nlmsg_len < NLMSG_HDRLEN)
			return 0;
		off += err.msg.nlmsg_len - NLMSG_HDRLEN;
	}
	off = NLMSG_ALIGN(off);

	while (off + NLA_HDRLEN <= total) {
		struct nlattr a;
		const unsigned char *data;
		size_t dlen;

		memcpy(&a, base + off, sizeof(a));
		if (a.nla_len < NLA_HDRLEN || a.nla_len > total - off)
			break;
		data = base + off + NLA_HDRLEN;
		dlen = a.nla_len - NLA_HDRLEN;

		switch (a.nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG: {
			size_t n = strnlen((const char *)data, dlen);

			if (n >= sizeof(out->msg))
				n = sizeof(out->msg) - 1;
			memcpy(out->msg, data, n);
			out->msg[n] = '\0';
			out->has_msg = n > 0;
			break;
		}
		case NLMSGERR_ATTR_COOKIE:
			if (dlen == sizeof(out->status)) {
				memcpy(&out->status, data, dlen);
				out->has_cookie = true;
			}
			break;
		case NLMSGERR_ATTR_OFFS:
			if (dlen >= sizeof(uint32_t)) {
				memcpy(&out->offs, data, sizeof(uint32_t));
				out->has_offs = true;
			}
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (dlen >= sizeof(uint32_t)) {
				memcpy(&out->miss_type, data, sizeof(uint32_t));
				out->has_miss_type = true;
			}
			break;
		default:
			break;
		}
		off += NLA_ALIGN(a.nla_len);
	}
	return 0;
}

int gsskp_nl_attr_at(const struct nlmsghdr *req, uint32_t offs)
{
	const unsigned char *base = (const unsigned char *)req;
	size_t total = req->nlmsg_len;
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN;

	while (off + NLA_HDRLEN <= total) {
		struct nlattr a;

		memcpy(&a, base + off, sizeof(a));
		if (a.nla_len < NLA_HDRLEN || a.nla_len > total - off)
			break;
		/* the kernel points at the attribute or into its payload */
		if (offs >= off && offs < off + a.nla_len)
			return a.nla_type & NLA_TYPE_MASK;
		off += NLA_ALIGN(a.nla_len);
	}
	return -1;
}

/* ---- messages ---- */

bool gsskp_cmd_replies(uint8_t cmd)
{
	switch (cmd) {
	case GSSK_CMD_LOAD:
	case GSSK_CMD_INQUIRE:
	case GSSK_CMD_EXPORT:
	case GSSK_CMD_IMPORT:
	case GSSK_CMD_STATS:
	case GSSK_CMD_OPEN:
		return true;
	default:
		return false;	/* DELETE: only the ACK says it worked */
	}
}

struct gsskp_msg *gsskp_msg_new(uint8_t cmd, size_t attrs)
{
	/* the family id (nlmsg_type) is filled in when the message is sent */
	return gsskp_genlmsg_new(0, gsskp_cmd_replies(cmd) ? 0 : NLM_F_ACK,
				 cmd, GSSK_GENL_VERSION, attrs);
}

/* ---- per-thread sockets ---- */

struct nl_thread {
	unsigned long gen;	/* fork generation fd was opened in */
	int fd;			/* -1: no socket */
	int family;		/* 0: not resolved */
	union {			/* receive buffer, zeroed after each use */
		struct nlmsghdr align;
		unsigned char buf[GSSK_RECV_SIZE];
	} rx;
};

static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_key_t key;
static bool key_ok;		/* written once, under key_once */
/*
 * Bumped by the pthread_atfork() child handler, which runs in the only
 * thread of a new child; read with relaxed atomics by every thread.
 */
static unsigned long fork_gen;

static void atfork_child(void)
{
	__atomic_add_fetch(&fork_gen, 1, __ATOMIC_RELAXED);
}

unsigned long gsskp_fork_generation(void)
{
	return __atomic_load_n(&fork_gen, __ATOMIC_RELAXED);
}

static void thread_drop(struct nl_thread *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	t->family = 0;
}

static void thread_destroy(void *p)
{
	struct nl_thread *t = p;

	thread_drop(t);
	free(t);
}

static void key_init(void)
{
	if (pthread_key_create(&key, thread_destroy))
		return;
	/*
	 * glibc unregisters the handler when libgssk is unloaded
	 * (dlclose); a fork that bypasses pthread_atfork (a raw clone
	 * system call) is not supported.
	 */
	if (pthread_atfork(NULL, NULL, atfork_child)) {
		pthread_key_delete(key);
		return;
	}
	key_ok = true;
}

__attribute__((destructor)) static void gssk_nl_fini(void)
{
	struct nl_thread *t;

	if (!key_ok)
		return;
	/* other threads' sockets are left to process exit */
	t = pthread_getspecific(key);
	if (t)
		thread_destroy(t);
	pthread_key_delete(key);
	key_ok = false;
}

static struct nl_thread *thread_get(void)
{
	struct nl_thread *t;

	pthread_once(&key_once, key_init);
	if (!key_ok)
		return NULL;
	t = pthread_getspecific(key);
	if (t)
		return t;
	/* once per thread; the receive buffer is zeroed after each use */
	t = malloc(sizeof(*t));
	if (!t)
		return NULL;
	t->gen = 0;
	t->fd = -1;
	t->family = 0;
	if (pthread_setspecific(key, t)) {
		free(t);
		return NULL;
	}
	return t;
}

static OM_uint32 netlink_failure(OM_uint32 *minor, const char *what, int err)
{
	*minor = GSSK_MINOR_NETLINK;
	gsskp_set_error("netlink %s failed: %s", what, strerror(-err));
	return GSS_S_FAILURE;
}

int gsskp_nl_socket_open(OM_uint32 *minor)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, err, fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0) {
		netlink_failure(minor, "socket", -errno);
		return -1;
	}
	/*
	 * Extended ACKs carry the kernel's message and gssk status; a capped
	 * ACK never echoes a request (LOAD's holds key bytes) back to us.
	 * The kernel picks the port id at bind().
	 */
	if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		err = errno;
		close(fd);
		*minor = GSSK_MINOR_NETLINK;
		gsskp_set_error("netlink socket setup: %s", strerror(err));
		return -1;
	}
	return fd;
}

static OM_uint32 thread_connect(OM_uint32 *minor, struct nl_thread *t)
{
	unsigned long gen = gsskp_fork_generation();

	if (t->fd >= 0 && t->gen != gen)
		thread_drop(t);		/* inherited through fork() */
	if (t->fd >= 0)
		return GSS_S_COMPLETE;
	t->fd = gsskp_nl_socket_open(minor);
	if (t->fd < 0)
		return GSS_S_FAILURE;
	t->gen = gen;
	t->family = 0;
	return GSS_S_COMPLETE;
}

/* ---- one exchange: send, then read until our reply, ACK or refusal ---- */

/* One datagram from the kernel into buf: its length, or a negative errno. */
static int receive(int fd, void *buf, size_t size)
{
	for (;;) {
		struct sockaddr_nl peer;
		struct iovec iov = { .iov_base = buf, .iov_len = size };
		struct msghdr mh = {
			.msg_name = &peer, .msg_namelen = sizeof(peer),
			.msg_iov = &iov, .msg_iovlen = 1,
		};
		ssize_t n = recvmsg(fd, &mh, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (mh.msg_flags & MSG_TRUNC) {
			/* the rest of the datagram is gone: fail the exchange */
			explicit_bzero(buf, size);
			return -EMSGSIZE;
		}
		if (n == 0)
			return -EBADMSG;
		if (mh.msg_namelen != sizeof(peer) || peer.nl_pid != 0) {
			explicit_bzero(buf, (size_t)n);	/* not from the kernel */
			continue;
		}
		return (int)n;
	}
}

/* Sequence numbers of requests; only their uniqueness per socket matters. */
static uint32_t next_seq;

static int send_request(int fd, const struct nlmsghdr *req)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	ssize_t n;

	do
		n = sendto(fd, req, req->nlmsg_len, 0,
			   (struct sockaddr *)&kernel, sizeof(kernel));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n == (ssize_t)req->nlmsg_len ? 0 : -EMSGSIZE;
}

int gsskp_nl_exchange(int fd, struct nlmsghdr *req, uint16_t type,
		      gsskp_msg_fn on_msg, void *arg, struct gsskp_nlerr *e,
		      void *buf, size_t size)
{
	bool want_ack, done = false;
	int n, ret = GSSKP_XCHG_ACK;
	uint32_t seq;

	seq = __atomic_add_fetch(&next_seq, 1, __ATOMIC_RELAXED);
	req->nlmsg_type = type;
	req->nlmsg_seq = seq;
	req->nlmsg_pid = 0;		/* the kernel fills in our port */
	req->nlmsg_flags |= NLM_F_REQUEST;
	want_ack = req->nlmsg_flags & NLM_F_ACK;
	n = send_request(fd, req);
	if (n < 0)
		return n;

	while (!done) {
		struct nlmsghdr *nlh = buf;
		int rem;

		n = receive(fd, buf, size);
		if (n < 0)
			return n;
		rem = n;
		for (; NLMSG_OK(nlh, rem); nlh = NLMSG_NEXT(nlh, rem)) {
			if (nlh->nlmsg_seq != seq)
				continue;	/* stale */
			if (nlh->nlmsg_type == NLMSG_NOOP ||
			    nlh->nlmsg_type == NLMSG_DONE)
				continue;
			if (nlh->nlmsg_type == NLMSG_OVERRUN) {
				ret = -EOVERFLOW;
				done = true;
				break;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				if (gsskp_nl_parse_error(nlh, (size_t)rem, e))
					ret = -EBADMSG;
				else
					ret = e->error ? GSSKP_XCHG_REFUSED
						       : GSSKP_XCHG_ACK;
				done = true;
				break;
			}
			if (on_msg)
				on_msg(nlh, arg);
			if (!want_ack) {
				/* the reply is the answer: no ACK follows */
				ret = GSSKP_XCHG_ACK;
				done = true;
				break;
			}
		}
		explicit_bzero(buf, (size_t)n);
	}
	return ret;
}

/* ---- family resolution ---- */

struct family_reply {
	int id;
};

static void family_msg(struct nlmsghdr *nlh, void *arg)
{
	static const struct gsskp_attr_rule rules[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID] = { .kind = GSSKP_ATTR_U16 },
	};
	struct family_reply *fr = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	if (nlh->nlmsg_type != GENL_ID_CTRL)
		return;
	if (gsskp_genl_parse(nlh, tb, CTRL_ATTR_MAX, rules) < 0)
		return;
	if (tb[CTRL_ATTR_FAMILY_ID])
		fr->id = gsskp_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
}

static OM_uint32 resolve_family(OM_uint32 *minor, struct nl_thread *t)
{
	struct family_reply fr = { 0 };
	struct gsskp_nlerr e;
	struct gsskp_msg *msg;
	int r;

	t->family = 0;
	/* GETFAMILY always replies: no ACK */
	msg = gsskp_genlmsg_new(GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY, 1,
				gsskp_attr_size(sizeof(GSSK_GENL_NAME)));
	if (!msg ||
	    gsskp_put_string(msg, CTRL_ATTR_FAMILY_NAME, GSSK_GENL_NAME) < 0) {
		gsskp_msg_free(msg);
		*minor = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("cannot build a netlink message");
		return GSS_S_FAILURE;
	}
	r = gsskp_nl_exchange(t->fd, msg->nlh, GENL_ID_CTRL, family_msg, &fr,
			      &e, t->rx.buf, sizeof(t->rx.buf));
	gsskp_msg_free(msg);
	if (r < 0) {
		thread_drop(t);
		return netlink_failure(minor, "family lookup", r);
	}
	if (r == GSSKP_XCHG_REFUSED) {
		if (e.error == -ENOENT) {
			*minor = GSSK_MINOR_MODULE_NOT_LOADED;
			gsskp_set_error("generic netlink family \"%s\" is "
					"not registered", GSSK_GENL_NAME);
		} else {
			*minor = GSSK_MINOR_NETLINK;
			gsskp_set_error("generic netlink family lookup: %s",
					e.has_msg ? e.msg : strerror(-e.error));
		}
		return GSS_S_FAILURE;
	}
	if (fr.id == 0) {
		*minor = GSSK_MINOR_NETLINK;
		gsskp_set_error("generic netlink controller did not return "
				"the id of family \"%s\"", GSSK_GENL_NAME);
		return GSS_S_FAILURE;
	}
	t->family = fr.id;
	return GSS_S_COMPLETE;
}

static OM_uint32 thread_ready(OM_uint32 *minor, struct nl_thread **tp)
{
	struct nl_thread *t = thread_get();
	OM_uint32 major;

	if (!t) {
		*minor = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("cannot allocate per-thread netlink state");
		return GSS_S_FAILURE;
	}
	major = thread_connect(minor, t);
	if (major)
		return major;
	if (!t->family) {
		major = resolve_family(minor, t);
		if (major)
			return major;
	}
	*tp = t;
	return GSS_S_COMPLETE;
}

OM_uint32 gsskp_nl_ready(OM_uint32 *minor)
{
	struct nl_thread *t;

	return thread_ready(minor, &t);
}

/* ---- gssk requests ---- */

static const struct gsskp_attr_rule gssk_reply_rules[GSSK_A_MAX + 1] = {
	[GSSK_A_SERIAL]		= { .kind = GSSKP_ATTR_U32 },	/* s32 */
	[GSSK_A_KEYRING]	= { .kind = GSSKP_ATTR_U32 },	/* s32 */
	[GSSK_A_DESCRIPTION]	= { .kind = GSSKP_ATTR_STRING,
				    .maxlen = GSSK_DESC_MAX },
	[GSSK_A_ENCTYPE]	= { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_ROLE]		= { .kind = GSSKP_ATTR_U8 },
	[GSSK_A_SUBKEY_ENCTYPE]	= { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_GSS_FLAGS]	= { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_SEND_SEQ]	= { .kind = GSSKP_ATTR_U64 },
	[GSSK_A_RECV_SEQ]	= { .kind = GSSKP_ATTR_U64 },
	[GSSK_A_INIT_NAME]	= { .kind = GSSKP_ATTR_STRING, .maxlen = GSSK_NAME_MAX },
	[GSSK_A_ACC_NAME]	= { .kind = GSSKP_ATTR_STRING, .maxlen = GSSK_NAME_MAX },
	[GSSK_A_ENDTIME]	= { .kind = GSSKP_ATTR_U64 },
	[GSSK_A_TIME_REC]	= { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_TOKEN]		= { .kind = GSSKP_ATTR_UNSPEC,
				    .maxlen = GSSK_TOKEN_MAX_LEN },
	[GSSK_A_MINOR]		= { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_STATS_VERSION]	= { .kind = GSSKP_ATTR_STRING,
				    .maxlen = GSSK_STATS_VERSION_MAX },
	[GSSK_A_STATS_ABI_VERSION] = { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_STATS_DEFAULT_TTL] = { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_STATS_MAX_TTL]	= { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_STATS_MAX_TOKENS_PER_USER] = { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_STATS_CONTEXTS]	= { .kind = GSSKP_ATTR_U64 },
	[GSSK_A_STATS_TOKENS]	= { .kind = GSSKP_ATTR_U64 },
	[GSSK_A_STATS_LOADS]	= { .kind = GSSKP_ATTR_U64 },
	[GSSK_A_STATS_EXPORTS]	= { .kind = GSSKP_ATTR_U64 },
	[GSSK_A_STATS_IMPORTS]	= { .kind = GSSKP_ATTR_U64 },
	[GSSK_A_STATS_DELETES]	= { .kind = GSSKP_ATTR_U64 },
	[GSSK_A_STATS_REFUSALS]	= { .kind = GSSKP_ATTR_NESTED },
	[GSSK_A_STATS_SELFTEST]	= { .kind = GSSKP_ATTR_U8 },
	[GSSK_A_STATS_SELFTEST_VECTORS] = { .kind = GSSKP_ATTR_U32 },
	[GSSK_A_FD]		= { .kind = GSSKP_ATTR_U32 },	/* s32 */
};

struct reply_ctx {
	int family;
	gsskp_reply_fn fn;
	void *arg;
	bool got;
	OM_uint32 major, minor;
};

static void gssk_msg(struct nlmsghdr *nlh, void *arg)
{
	struct reply_ctx *rc = arg;
	struct nlattr *tb[GSSK_A_MAX + 1];

	if (nlh->nlmsg_type != rc->family || !rc->fn || rc->got)
		return;
	rc->got = true;
	if (gsskp_genl_parse(nlh, tb, GSSK_A_MAX, gssk_reply_rules) < 0) {
		rc->major = GSS_S_FAILURE;
		rc->minor = GSSK_MINOR_BAD_REPLY;
		return;
	}
	rc->major = rc->fn(&rc->minor, tb, rc->arg);
}

static void record_refusal(const struct gsskp_nlerr *e)
{
	if (e->has_msg)
		gsskp_set_error("%s", e->msg);
	else if (e->has_miss_type)
		gsskp_set_error("%s: attribute %u missing",
				strerror(-e->error), e->miss_type);
	else
		gsskp_set_error("%s", strerror(-e->error));
}

OM_uint32 gsskp_transact(OM_uint32 *minor, struct gsskp_msg *msg,
			 gsskp_reply_fn reply, void *arg)
{
	struct nlmsghdr *req = msg->nlh;
	struct genlmsghdr *gh = NLMSG_DATA(req);
	struct gsskp_nlerr e;
	struct nl_thread *t;
	OM_uint32 major;
	int attempt, r, bad_attr;

	for (attempt = 0; ; attempt++) {
		struct reply_ctx rc = { .fn = reply, .arg = arg };

		major = thread_ready(minor, &t);
		if (major)
			return major;
		/*
		 * A cached family id goes stale when gssk.ko is reloaded and
		 * may then belong to another family: never send key bytes
		 * there. LOAD looks the family up afresh.
		 */
		if (attempt == 0 && gh->cmd == GSSK_CMD_LOAD) {
			major = resolve_family(minor, t);
			if (major)
				return major;
		}
		rc.family = t->family;
		r = gsskp_nl_exchange(t->fd, req, (uint16_t)t->family,
				      gssk_msg, &rc, &e, t->rx.buf,
				      sizeof(t->rx.buf));
		if (r < 0) {
			thread_drop(t);
			return netlink_failure(minor, "request", r);
		}
		if (r == GSSKP_XCHG_ACK) {
			if (rc.got && rc.major) {
				*minor = rc.minor;
				gsskp_set_error(rc.minor == GSSK_MINOR_BAD_REPLY ?
						"malformed reply from the gssk "
						"module" : "out of memory "
						"reading the reply");
				return rc.major;
			}
			if (reply && !rc.got) {
				*minor = GSSK_MINOR_BAD_REPLY;
				gsskp_set_error("the gssk module sent no "
						"reply");
				return GSS_S_FAILURE;
			}
			*minor = GSSK_MINOR_NONE;
			return GSS_S_COMPLETE;
		}

		/* Refused. A stale family id looks like one of these. */
		if (attempt == 0 && !e.has_cookie &&
		    (e.error == -ENOENT || e.error == -EOPNOTSUPP ||
		     e.error == -EINVAL)) {
			int old = t->family;

			major = resolve_family(minor, t);
			if (major)
				return major;
			if (t->family != old)
				continue;
		}
		bad_attr = e.has_offs ? gsskp_nl_attr_at(req, e.offs) : -1;
		gsskp_map_refusal(&e, gh->cmd, bad_attr, &major, minor);
		record_refusal(&e);
		return major;
	}
}
