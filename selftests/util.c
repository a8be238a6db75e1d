// SPDX-License-Identifier: GPL-2.0
/*
 * Shared helpers for the gssk selftests. See util.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <grp.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nl.h"		/* lib/: libgssk's netlink client */
#include "util.h"

/* From libgssk's enctype table, the one copy of it in userspace. */
size_t enctype_key_len(uint32_t enctype)
{
	const struct gssk_enctype_info *e = gssk_enctype_info(enctype);

	return e ? e->key_length : 0;
}

bool gssk_uses_crypto_krb5(void)
{
	return access("/sys/module/krb5/holders/gssk", F_OK) == 0;
}

void random_bytes(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("getrandom");
			abort();
		}
		p += n;
		len -= n;
	}
}

/*
 * Random keys, but with every 4-byte window distinct from every other so a
 * match in a token or a listing cannot be a coincidence of repeated bytes.
 */
static void distinct_key(uint8_t *k, size_t len)
{
	for (;;) {
		bool again = false;
		size_t i, j;

		random_bytes(k, len);
		for (i = 0; i + 4 <= len && !again; i++)
			for (j = i + 1; j + 4 <= len; j++)
				if (!memcmp(k + i, k + j, 4)) {
					again = true;
					break;
				}
		if (!again)
			return;
	}
}

void test_ctx_init(struct test_ctx *tc, uint32_t enctype, int initiate,
		   OM_uint32 flags, uint64_t endtime, bool with_subkey)
{
	size_t klen = enctype_key_len(enctype);

	memset(tc, 0, sizeof(*tc));
	if (!klen)
		klen = 32;
	distinct_key(tc->key, klen);
	tc->f.enctype = enctype;
	tc->f.initiate = initiate;
	tc->f.key = tc->key;
	tc->f.key_len = klen;
	if (with_subkey) {
		distinct_key(tc->subkey, klen);
		tc->f.subkey_enctype = enctype;
		tc->f.subkey = tc->subkey;
		tc->f.subkey_len = klen;
	}
	tc->f.flags = flags;
	tc->f.send_seq = 7;
	tc->f.recv_seq = 11;
	tc->f.initiator_name = TEST_INIT_NAME;
	tc->f.acceptor_name = TEST_ACC_NAME;
	tc->f.endtime = endtime;
}

OM_uint32 test_ctx_load(const struct test_ctx *tc, OM_uint32 *minor,
			gss_ctx_id_t *handle)
{
	static unsigned int n;
	char desc[64];

	/*
	 * A keyring holds one key per type and description: a second key
	 * with the same description would displace the first. Each test
	 * context gets its own name; the default description has its own
	 * test (contexts_loaded_with_default_description_coexist).
	 */
	snprintf(desc, sizeof(desc), TEST_DESC "-%d-%u", (int)getpid(), ++n);
	*handle = GSS_C_NO_CONTEXT;
	return gssk_load_sec_context(minor, &tc->f, 0, desc, handle);
}

const char *last_err(void)
{
	const char *m = gssk_last_error();

	return m && *m ? m : "(no message)";
}

const char *major_name(OM_uint32 major)
{
	static const char *const routine[] = {
		"COMPLETE", "BAD_MECH", "BAD_NAME", "BAD_NAMETYPE",
		"BAD_BINDINGS", "BAD_STATUS", "BAD_SIG/BAD_MIC", "NO_CRED",
		"NO_CONTEXT", "DEFECTIVE_TOKEN", "DEFECTIVE_CREDENTIAL",
		"CREDENTIALS_EXPIRED", "CONTEXT_EXPIRED", "FAILURE",
		"BAD_QOP", "UNAUTHORIZED", "UNAVAILABLE", "DUPLICATE_ELEMENT",
		"NAME_NOT_MN",
	};
	unsigned int r = GSS_ROUTINE_ERROR(major) >> GSS_C_ROUTINE_ERROR_OFFSET;

	if (GSS_CALLING_ERROR(major))
		return "CALLING_ERROR";
	if (r < sizeof(routine) / sizeof(routine[0]))
		return routine[r];
	return "?";
}

/* The code's name without "GSSK_MINOR_", from libgssk's one table. */
const char *minor_name(OM_uint32 minor)
{
	const char *name = gssk_minor_name(minor);

	if (!name)
		return "(not a gssk minor)";
	return name + strlen("GSSK_MINOR_");
}

OM_uint32 export_policy(OM_uint32 *minor, gss_ctx_id_t *handle,
			unsigned int flags, uid_t uid, int cgroup_fd,
			unsigned int ttl, gss_buffer_t token)
{
	struct gssk_export_policy p = {
		.flags = flags,
		.uid = uid,
		.cgroup_fd = cgroup_fd,
		.ttl = ttl,
	};

	return gssk_export_sec_context_policy(minor, handle, &p, token);
}

OM_uint32 import_bytes(OM_uint32 *minor, const void *tok, size_t len,
		       gss_ctx_id_t *handle)
{
	gss_buffer_desc b = { .length = len, .value = (void *)tok };

	*handle = GSS_C_NO_CONTEXT;
	return gssk_import_sec_context(minor, &b, handle);
}

bool has_window(const void *hay, size_t hay_len, const void *needle,
		size_t needle_len, size_t window_len)
{
	const unsigned char *h = hay, *n = needle;
	size_t i, j;

	if (needle_len < window_len || hay_len < window_len)
		return false;
	for (i = 0; i + window_len <= needle_len; i++)
		for (j = 0; j + window_len <= hay_len; j++)
			if (!memcmp(h + j, n + i, window_len))
				return true;
	return false;
}

bool leaks_key(const void *text, size_t text_len, const void *key,
	       size_t key_len)
{
	static const char lo[] = "0123456789abcdef", up[] = "0123456789ABCDEF";
	const unsigned char *k = key;
	char hexl[2 * GSSK_KEY_MAX], hexu[2 * GSSK_KEY_MAX];
	size_t i;

	if (key_len > GSSK_KEY_MAX)
		key_len = GSSK_KEY_MAX;
	for (i = 0; i < key_len; i++) {
		hexl[2 * i] = lo[k[i] >> 4];
		hexl[2 * i + 1] = lo[k[i] & 15];
		hexu[2 * i] = up[k[i] >> 4];
		hexu[2 * i + 1] = up[k[i] & 15];
	}
	/*
	 * 8-hex-digit windows at every offset (odd offsets too: a dump may
	 * be shifted by a nibble).
	 */
	return has_window(text, text_len, hexl, 2 * key_len, 8) ||
	       has_window(text, text_len, hexu, 2 * key_len, 8) ||
	       has_window(text, text_len, key, key_len, 4);
}

void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

char *read_file(const char *path, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = malloc(cap + 1);
	for (;;) {
		ssize_t r;

		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return NULL;
		}
		if (!r)
			break;
		n += r;
	}
	close(fd);
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

int write_file(const char *path, const char *s)
{
	size_t len = strlen(s);
	ssize_t r;
	int fd;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = write(fd, s, len);
	if (r < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	close(fd);
	return r == (ssize_t)len ? 0 : -EIO;
}

int param_read(const char *name, unsigned long *val)
{
	char path[256], *s, *end;

	snprintf(path, sizeof(path), GSSK_PARAM_DIR "/%s", name);
	s = read_file(path, NULL);
	if (!s)
		return -errno;
	errno = 0;
	*val = strtoul(s, &end, 10);
	if (errno || end == s) {
		free(s);
		return -EINVAL;
	}
	free(s);
	return 0;
}

int param_write(const char *name, unsigned long val)
{
	char path[256], s[32];

	snprintf(path, sizeof(path), GSSK_PARAM_DIR "/%s", name);
	snprintf(s, sizeof(s), "%lu\n", val);
	return write_file(path, s);
}

bool gssk_module_loaded(void)
{
	struct stat st;

	return !stat("/sys/module/gssk", &st);
}

int gssk_module_unload(void)
{
	if (syscall(SYS_delete_module, "gssk", O_NONBLOCK))
		return -errno;
	return 0;
}

int gssk_module_load(const char *path, const char *params)
{
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, params, 0))
		ret = -errno;
	close(fd);
	return ret;
}

int cgroup_enter(const char *dir)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	return write_file(path, "0\n");
}

int cgroup_remove(const char *dir)
{
	int i;

	for (i = 0; i < 50; i++) {
		if (!rmdir(dir) || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			return -errno;
		sleep_ms(20);
	}
	return -EBUSY;
}

/* ---- child processes ---- */

static void child_fail(struct child_res *res, const char *step)
{
	res->setup_err = errno ? errno : EINVAL;
	snprintf(res->setup_step, sizeof(res->setup_step), "%s", step);
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= n;
	}
	return 0;
}

static int enter_userns(void)
{
	if (unshare(CLONE_NEWUSER))
		return -1;
	/* setgroups must be denied before an unprivileged gid_map write */
	if (write_file("/proc/self/setgroups", "deny") < 0)
		return -1;
	if (write_file("/proc/self/uid_map", "0 0 1\n") < 0)
		return -1;
	if (write_file("/proc/self/gid_map", "0 0 1\n") < 0)
		return -1;
	return 0;
}

static void child_main(const struct child_opts *o, child_fn fn, void *arg,
		       int wfd)
{
	struct child_res res;
	int r;

	memset(&res, 0, sizeof(res));
	errno = 0;
	if (o->close_fd > 0)
		close(o->close_fd);
	if (o->cgroup) {
		r = cgroup_enter(o->cgroup);
		if (r < 0) {
			errno = -r;
			child_fail(&res, "cgroup");
			goto out;
		}
	}
	if (o->new_userns && enter_userns()) {
		child_fail(&res, "userns");
		goto out;
	}
	if (o->set_uid) {
		if (setgroups(0, NULL)) {
			child_fail(&res, "setgroups");
			goto out;
		}
		if (setresgid(o->gid, o->gid, o->gid)) {
			child_fail(&res, "setresgid");
			goto out;
		}
		if (setresuid(o->uid, o->uid, o->uid)) {
			child_fail(&res, "setresuid");
			goto out;
		}
	}
	if (o->new_session && keyctl_join_session_keyring(NULL) < 0) {
		child_fail(&res, "join_session");
		goto out;
	}
	if (o->start_fd > 0) {
		char c;

		while (read(o->start_fd, &c, 1) < 0 && errno == EINTR)
			;
	}
	res.ran = 1;
	fn(&res, arg);
out:
	write_all(wfd, &res, sizeof(res));
	close(wfd);
	_exit(0);
}

pid_t child_start(const struct child_opts *o, child_fn fn, void *arg,
		  int *res_fd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (!pid) {
		close(p[0]);
		child_main(o, fn, arg, p[1]);
	}
	close(p[1]);
	*res_fd = p[0];
	return pid;
}

int child_finish(pid_t pid, int res_fd, struct child_res *res)
{
	size_t got = 0;
	int status;

	memset(res, 0, sizeof(*res));
	while (got < sizeof(*res)) {
		ssize_t n = read(res_fd, (char *)res + got, sizeof(*res) - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	close(res_fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (got != sizeof(*res)) {
		fprintf(stderr, "# child %d died without a report (status 0x%x)\n",
			pid, status);
		return -1;
	}
	return 0;
}

int run_child(const struct child_opts *o, child_fn fn, void *arg,
	      struct child_res *res)
{
	int fd;
	pid_t pid = child_start(o, fn, arg, &fd);

	if (pid < 0) {
		memset(res, 0, sizeof(*res));
		res->setup_err = -pid;
		snprintf(res->setup_step, sizeof(res->setup_step), "fork");
		return -1;
	}
	return child_finish(pid, fd, res);
}

void child_import(struct child_res *res, void *arg)
{
	gss_buffer_t tok = arg;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 minor = 0, m2 = 0, flags = 0;
	int init = -1;

	res->major = gssk_import_sec_context(&minor, tok, &h);
	res->minor = minor;
	snprintf(res->msg, sizeof(res->msg), "%s", last_err());
	if (res->major != GSS_S_COMPLETE)
		return;
	res->serial = gssk_context_serial(h);
	/* prove the imported context is usable by its importer */
	res->major2 = gssk_inquire_context(&m2, h, NULL, NULL, NULL, NULL,
					   &flags, &init, NULL);
	res->minor2 = m2;
	res->flags = flags;
	res->initiate = init;
}

/* ---- raw generic netlink ---- */

static void put_attr(unsigned char *buf, size_t *len, uint16_t type,
		     const void *data, size_t dlen)
{
	struct nlattr *a = (struct nlattr *)(buf + *len);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + dlen;
	if (dlen)
		memcpy(buf + *len + NLA_HDRLEN, data, dlen);
	memset(buf + *len + NLA_HDRLEN + dlen, 0,
	       NLA_ALIGN(NLA_HDRLEN + dlen) - (NLA_HDRLEN + dlen));
	*len += NLA_ALIGN(NLA_HDRLEN + dlen);
}

static void msg_init(unsigned char *buf, size_t *len, uint16_t type,
		     uint8_t cmd, uint8_t version)
{
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct genlmsghdr *gh = (struct genlmsghdr *)(buf + NLMSG_HDRLEN);

	memset(buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nh->nlmsg_type = type;
	nh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	gh->cmd = cmd;
	gh->version = version;
	*len = NLMSG_HDRLEN + GENL_HDRLEN;
}

void gnl_init(struct gnl_msg *m, uint8_t cmd)
{
	msg_init(m->buf, &m->len, 0, cmd, GSSK_GENL_VERSION);
}

void gnl_init_version(struct gnl_msg *m, uint8_t cmd, uint8_t version)
{
	msg_init(m->buf, &m->len, 0, cmd, version);
}

void gnl_put(struct gnl_msg *m, uint16_t type, const void *data, size_t len)
{
	if (m->len + NLA_ALIGN(NLA_HDRLEN + len) > sizeof(m->buf))
		abort();
	put_attr(m->buf, &m->len, type, data, len);
}

void gnl_put_u32(struct gnl_msg *m, uint16_t type, uint32_t v)
{
	gnl_put(m, type, &v, sizeof(v));
}

/* Index the attributes of the len bytes at p (libgssk's nlmsg.c). */
static void parse_attrs(const unsigned char *p, size_t len,
			const void **tb, size_t *tl, int max)
{
	/* room for either table: gssk's attributes or nlctrl's */
	struct nlattr *a[(GSSK_A_MAX > CTRL_ATTR_MAX ? GSSK_A_MAX
						     : CTRL_ATTR_MAX) + 1];
	int i;

	if (max >= (int)(sizeof(a) / sizeof(a[0])))
		abort();
	/* no rules: the tests check lengths themselves */
	gsskp_parse(a, max, p, len, NULL);
	for (i = 0; i <= max; i++) {
		tb[i] = a[i] ? gsskp_attr_data(a[i]) : NULL;
		tl[i] = a[i] ? gsskp_attr_len(a[i]) : 0;
	}
}

/* gsskp_nl_exchange()'s callback: keep a data reply's attributes. */
static void keep_reply(struct nlmsghdr *h, void *arg)
{
	struct gnl_reply *r = arg;
	size_t dl;

	if (h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return;
	dl = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	if (dl > sizeof(r->data))
		dl = sizeof(r->data);
	memcpy(r->data, (unsigned char *)h + NLMSG_HDRLEN + GENL_HDRLEN, dl);
	r->data_len = dl;
}

/*
 * Send buf (len bytes, NLM_F_ACK set) on a fresh NETLINK_GENERIC socket
 * and collect the answer with libgssk's client (lib/libgssk-internal.a):
 * the data reply (if any) into r->data, the final ack/error into r->err.
 */
static int nl_transact(unsigned char *buf, size_t len, struct gnl_reply *r)
{
	/* one per thread, aligned for struct nlmsghdr */
	static __thread union {
		struct nlmsghdr h;
		unsigned char b[65536];
	} rx;
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct gsskp_nlerr e;
	OM_uint32 minor;
	int ret, sk;

	memset(r, 0, sizeof(*r));
	nh->nlmsg_len = len;
	sk = gsskp_nl_socket_open(&minor);
	if (sk < 0)
		return -EIO;
	ret = gsskp_nl_exchange(sk, nh, nh->nlmsg_type, keep_reply, r, &e,
				&rx, sizeof(rx));
	close(sk);
	if (ret < 0)
		return -EIO;
	r->bad_attr = -1;
	if (ret == GSSKP_XCHG_REFUSED) {
		struct genlmsghdr *gh = NLMSG_DATA(nh);
		OM_uint32 major, mapped_minor;

		r->err = e.error;
		if (e.has_offs)
			r->bad_attr = gsskp_nl_attr_at(nh, e.offs);
		gsskp_map_refusal(&e, gh->cmd, r->bad_attr, &major,
				  &mapped_minor);
		r->major = major;
		r->minor = mapped_minor;
		if (e.has_msg) {
			size_t l = strnlen(e.msg, sizeof(r->msg) - 1);

			memcpy(r->msg, e.msg, l);
			r->msg[l] = '\0';
		}
		if (e.has_cookie) {
			r->status = e.status;
			r->has_status = true;
		}
	}
	return 0;
}

static int resolve_family(void)
{
	unsigned char buf[256];
	struct gnl_reply *r = malloc(sizeof(*r));
	const void *tb[CTRL_ATTR_MAX + 1] = { 0 };
	size_t tl[CTRL_ATTR_MAX + 1] = { 0 };
	size_t len;
	uint16_t id;
	int ret;

	if (!r)
		return -ENOMEM;
	msg_init(buf, &len, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	put_attr(buf, &len, CTRL_ATTR_FAMILY_NAME, GSSK_GENL_NAME,
		 sizeof(GSSK_GENL_NAME));
	ret = nl_transact(buf, len, r);
	if (!ret && r->err)
		ret = r->err;
	if (!ret) {
		parse_attrs(r->data, r->data_len, tb, tl, CTRL_ATTR_MAX);
		if (tb[CTRL_ATTR_FAMILY_ID] && tl[CTRL_ATTR_FAMILY_ID] >= 2) {
			memcpy(&id, tb[CTRL_ATTR_FAMILY_ID], 2);
			ret = id;
		} else {
			ret = -ENOENT;
		}
	}
	free(r);
	return ret;
}

int gnl_family_id(void)
{
	return resolve_family();
}

int gnl_call(struct gnl_msg *m, struct gnl_reply *r)
{
	struct nlmsghdr *nh = (struct nlmsghdr *)m->buf;
	int fam = resolve_family();

	if (fam < 0) {
		memset(r, 0, sizeof(*r));
		r->err = fam;
		return fam;
	}
	nh->nlmsg_type = fam;
	if (nl_transact(m->buf, m->len, r))
		return -EIO;
	parse_attrs(r->data, r->data_len, r->attr, r->attr_len, GSSK_A_MAX);
	return r->err;
}

int gnl_get_u32(const struct gnl_reply *r, int type, uint32_t *out)
{
	if (!r->attr[type] || r->attr_len[type] != sizeof(*out))
		return -1;
	memcpy(out, r->attr[type], sizeof(*out));
	return 0;
}

int gnl_get_u64(const struct gnl_reply *r, int type, uint64_t *out)
{
	if (!r->attr[type] || r->attr_len[type] != sizeof(*out))
		return -1;
	memcpy(out, r->attr[type], sizeof(*out));
	return 0;
}

int gnl_serial_cmd(uint8_t cmd, int32_t serial, struct gnl_reply *r)
{
	struct gnl_msg *m = malloc(sizeof(*m));
	int ret;

	if (!m)
		return -ENOMEM;
	gnl_init(m, cmd);
	gnl_put(m, GSSK_A_SERIAL, &serial, sizeof(serial));
	ret = gnl_call(m, r);
	free(m);
	return ret;
}
