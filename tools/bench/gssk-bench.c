// SPDX-License-Identifier: GPL-2.0
/*
 * gssk-bench: speed and memory figures of gssk.ko through libgssk.
 *
 * The timed figures run in rounds (-r, default 5): each round runs every
 * figure once, and each figure keeps its best and its median time per
 * operation over the rounds. Spreading a figure's runs over the whole
 * program keeps a slow phase of the machine (an emulator's, a neighbour's)
 * from landing on one figure only. One run repeats the operation enough
 * times to last about -t milliseconds (default 200); the count is
 * calibrated in the first round. A figure skips its remaining rounds once
 * it has used three times its share (rounds x -t), so that very slow
 * operations stay bounded.
 *
 * Figures, for enctypes 18 (aes256-cts-hmac-sha1-96) and 20
 * (aes256-cts-hmac-sha384-192):
 *   - load, inquire, export+import (default policy), delete: latency;
 *   - get_mic + verify_mic of 64 bytes: initiator signs, acceptor verifies;
 *   - wrap (conf on) + unwrap of 64 B, 16 KiB, 64 KiB and 1 MiB: initiator
 *     wraps, acceptor unwraps; ops/s and MB/s (10^6 bytes of message);
 *   - kernel memory per context: key quota bytes and keys (/proc/key-users)
 *     and slab memory (/proc/slabinfo objects, root only, and the Slab
 *     pages of /proc/meminfo), before and after loading -m contexts
 *     (default 100), measured once, first.
 * and, as the floor under any gssk call, one raw generic netlink round trip
 * (nlctrl CTRL_CMD_GETFAMILY "gssk"), without and with NLM_F_ACK (libgssk
 * asks for an ACK on every request), and a raw INQUIRE without libgssk.
 *
 * The initiator and acceptor contexts of a pair are loaded with the same
 * random key. The program joins a fresh anonymous session keyring, so its
 * contexts die with it, and waits for the key garbage collector after the
 * figures that leave dead keys behind. It needs gssk.ko loaded; run it in
 * the test VM (make bench). Exit status: 0, or 1 if any figure failed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <keyutils.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <gssk/gssk.h>

#define BENCH_FLAGS	(OM_uint32)(GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG | \
			 GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG | \
			 GSS_C_INTEG_FLAG | GSS_C_TRANS_FLAG)
#define INIT_NAME	"bench@GSSK.BENCH"
#define ACC_NAME	"host/bench.gssk.bench@GSSK.BENCH"

/* Upper bound of contexts loaded at once by the load/delete figure. */
#define LOAD_BATCH_MAX	4096

static unsigned int opt_runs = 5;
static unsigned int opt_ms = 200;
static unsigned int opt_mem = 100;
static int failures;
/* Keys of this uid when the figures start (none of ours alive). */
static long base_keys;

static const uint32_t enctypes[] = {
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
};
#define NENCTYPES	(sizeof(enctypes) / sizeof(enctypes[0]))

static const char *enctype_name(uint32_t et)
{
	switch (et) {
	case GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96:
		return "aes256-sha1";
	case GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192:
		return "aes256-sha384";
	}
	return "?";
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void random_bytes(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("gssk-bench: getrandom");
			exit(1);
		}
		p += n;
		len -= (size_t)n;
	}
}

/* ---- failures ---- */

/* The reason a figure failed, for its row; set by fail(). */
static char fail_msg[256];

static int fail(const char *what, OM_uint32 major, OM_uint32 minor)
{
	const char *m = gssk_last_error();

	snprintf(fail_msg, sizeof(fail_msg), "%s: major 0x%x minor 0x%x: %s",
		 what, major, minor, m && *m ? m : "(no message)");
	return -1;
}

static int fail_errno(const char *what)
{
	snprintf(fail_msg, sizeof(fail_msg), "%s: %s", what, strerror(errno));
	return -1;
}

/* ---- figures ---- */

/* One row of the table, found again by its name, enctype and size. */
struct figure {
	const char *section;
	const char *name;
	uint32_t enctype;	/* 0: none */
	size_t size;		/* message size, 0: none */
	size_t bytes;		/* message bytes per operation, 0: no MB/s */
	unsigned long n;	/* operations per run, 0: not calibrated */
	double *ns;		/* time per operation of each run */
	unsigned int runs;
	uint64_t spent;		/* in runs, calibration included */
	bool failed;
	char msg[256];
};

#define FIGURES_MAX	64

static struct figure figures[FIGURES_MAX];
static unsigned int nfigures;
static const char *section;

static struct figure *figure(const char *name, uint32_t enctype,
			     size_t size, size_t bytes)
{
	struct figure *f;
	unsigned int i;

	for (i = 0; i < nfigures; i++) {
		f = &figures[i];
		if (!strcmp(f->name, name) && f->enctype == enctype &&
		    f->size == size)
			return f;
	}
	if (nfigures == FIGURES_MAX) {
		fprintf(stderr, "gssk-bench: too many figures\n");
		exit(1);
	}
	f = &figures[nfigures++];
	f->section = section;
	f->name = name;
	f->enctype = enctype;
	f->size = size;
	f->bytes = bytes;
	f->ns = calloc(opt_runs, sizeof(*f->ns));
	if (!f->ns) {
		perror("gssk-bench: calloc");
		exit(1);
	}
	return f;
}

/* Mark f failed with fail_msg (the first failure is the one kept). */
static void figure_fail(struct figure *f)
{
	if (f->failed)
		return;
	f->failed = true;
	snprintf(f->msg, sizeof(f->msg), "%s", fail_msg);
	failures++;
}

/* Does f still want a run in this round? */
static bool figure_wants_run(const struct figure *f)
{
	uint64_t budget = 3 * (uint64_t)opt_ms * 1000000u * opt_runs;

	if (f->failed || f->runs >= opt_runs)
		return false;
	return f->runs == 0 || f->spent < budget;
}

static void figure_add_run(struct figure *f, uint64_t t)
{
	f->ns[f->runs++] = (double)t / (double)f->n;
	f->spent += t;
}

/* Run the operation n times; 0, or -1 with fail_msg set. */
typedef int (*op_fn)(void *arg, unsigned long n);

/*
 * Next n for a calibration run that took t: a little past the target, and
 * at least one more than before.
 */
static unsigned long calibrate(unsigned long n, uint64_t t,
			       unsigned long max)
{
	uint64_t target = (uint64_t)opt_ms * 1000000u;
	double next = (double)n * (double)target * 1.1 / (double)(t ? t : 1);

	if (next > (double)max)
		return max;
	return (unsigned long)next + 1;
}

/*
 * One run of f (this round's). In the first round, calibrate n until one
 * run lasts at least half the target; that last run counts.
 */
static void measure(struct figure *f, op_fn fn, void *arg)
{
	uint64_t target = (uint64_t)opt_ms * 1000000u;
	uint64_t t0, t;

	if (!figure_wants_run(f))
		return;
	if (f->n) {
		t0 = now_ns();
		if (fn(arg, f->n)) {
			figure_fail(f);
			return;
		}
		figure_add_run(f, now_ns() - t0);
		return;
	}
	/* warm up: the first call may resolve the family, fault pages in */
	t0 = now_ns();
	if (fn(arg, 1)) {
		figure_fail(f);
		return;
	}
	f->spent += now_ns() - t0;
	for (f->n = 1;; f->n = calibrate(f->n, t, 1ul << 30)) {
		t0 = now_ns();
		if (fn(arg, f->n)) {
			figure_fail(f);
			return;
		}
		t = now_ns() - t0;
		if (t >= target / 2 || f->n >= (1ul << 30))
			break;
		f->spent += t;
	}
	figure_add_run(f, t);
}

/* ---- the table ---- */

static const char *fmt_size(size_t n, char *buf, size_t len)
{
	if (!n)
		snprintf(buf, len, "-");
	else if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, len, "%zu MiB", n / (1024 * 1024));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, len, "%zu KiB", n / 1024);
	else
		snprintf(buf, len, "%zu B", n);
	return buf;
}

static const char *fmt_time(double ns, char *buf, size_t len)
{
	if (ns >= 1e9)
		snprintf(buf, len, "%.2f s", ns / 1e9);
	else if (ns >= 1e6)
		snprintf(buf, len, "%.2f ms", ns / 1e6);
	else if (ns >= 1e3)
		snprintf(buf, len, "%.1f us", ns / 1e3);
	else
		snprintf(buf, len, "%.0f ns", ns);
	return buf;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void print_table(void)
{
	const char *cur = NULL;
	unsigned int i;

	for (i = 0; i < nfigures; i++) {
		struct figure *f = &figures[i];
		char sz[32], best[32], med[32], mbs[32], ri[48];
		const char *en = f->enctype ? enctype_name(f->enctype) : "-";
		double median;

		if (f->section != cur) {
			cur = f->section;
			printf("\n== %s ==\n", cur);
			printf("%-32s %-13s %7s %10s %10s %9s %7s  %s\n",
			       "figure", "enctype", "size", "best", "median",
			       "ops/s", "MB/s", "runs x ops");
		}
		fmt_size(f->size, sz, sizeof(sz));
		if (f->failed || !f->runs) {
			printf("%-32s %-13s %7s  FAILED: %s\n", f->name, en, sz,
			       f->failed ? f->msg : "no run");
			continue;
		}
		qsort(f->ns, f->runs, sizeof(*f->ns), cmp_double);
		median = f->runs % 2 ? f->ns[f->runs / 2] :
			 (f->ns[f->runs / 2 - 1] + f->ns[f->runs / 2]) / 2;
		if (f->bytes)
			snprintf(mbs, sizeof(mbs), "%.2f",
				 (double)f->bytes / f->ns[0] * 1e3);
		else
			snprintf(mbs, sizeof(mbs), "-");
		snprintf(ri, sizeof(ri), "%u x %lu", f->runs, f->n);
		printf("%-32s %-13s %7s %10s %10s %9.0f %7s  %s\n", f->name, en,
		       sz, fmt_time(f->ns[0], best, sizeof(best)),
		       fmt_time(median, med, sizeof(med)), 1e9 / f->ns[0], mbs,
		       ri);
	}
	fflush(stdout);
}

/* ---- contexts ---- */

struct pair {
	uint8_t key[32];
	struct gssk_context_fields fi, fa;
	gss_ctx_id_t init, acc;
};

static void fields_init(struct gssk_context_fields *f, uint32_t enctype,
			const uint8_t *key, int initiate)
{
	memset(f, 0, sizeof(*f));
	f->enctype = enctype;
	f->initiate = initiate;
	f->key = key;
	f->key_len = 32;
	f->flags = BENCH_FLAGS;
	f->send_seq = 0;
	f->recv_seq = 0;
	f->initiator_name = INIT_NAME;
	f->acceptor_name = ACC_NAME;
}

static int load(const struct gssk_context_fields *f, gss_ctx_id_t *h)
{
	OM_uint32 major, minor;

	*h = GSS_C_NO_CONTEXT;
	major = gssk_load_sec_context(&minor, f, 0, NULL, h);
	if (major)
		return fail("gssk_load_sec_context", major, minor);
	return 0;
}

static void drop(gss_ctx_id_t *h)
{
	OM_uint32 minor;

	if (*h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, h, GSS_C_NO_BUFFER);
}

/* Both ends of one context, with the same fresh random key. */
static int pair_load(struct pair *p, uint32_t enctype)
{
	memset(p, 0, sizeof(*p));
	random_bytes(p->key, sizeof(p->key));
	fields_init(&p->fi, enctype, p->key, 1);
	fields_init(&p->fa, enctype, p->key, 0);
	if (load(&p->fi, &p->init))
		return -1;
	if (load(&p->fa, &p->acc)) {
		drop(&p->init);
		return -1;
	}
	return 0;
}

static void pair_free(struct pair *p)
{
	drop(&p->init);
	drop(&p->acc);
	explicit_bzero(p->key, sizeof(p->key));
}

/* Defined further down. */
static void bench_raw_inquire(struct figure *f, gss_ctx_id_t h);
static int read_key_users(long *qnkeys, long *qnbytes);
static void wait_key_gc(long keys);

/* ---- load and delete ---- */

/*
 * One run loads n contexts (timed as load) and deletes them (timed as
 * delete). The calibration follows the load time.
 */
struct load_delete {
	struct gssk_context_fields f;
	gss_ctx_id_t *h;
	uint64_t load_ns, delete_ns;
};

static int op_load_delete(void *arg, unsigned long n)
{
	struct load_delete *ld = arg;
	OM_uint32 major, minor;
	unsigned long i, loaded;
	uint64_t t0;
	int err = 0;

	if (n > LOAD_BATCH_MAX) {
		errno = E2BIG;
		return fail_errno("load batch");
	}
	t0 = now_ns();
	for (loaded = 0; loaded < n; loaded++) {
		if (load(&ld->f, &ld->h[loaded])) {
			err = -1;
			break;
		}
	}
	ld->load_ns = now_ns() - t0;
	t0 = now_ns();
	for (i = 0; i < loaded; i++) {
		major = gssk_delete_sec_context(&minor, &ld->h[i],
						GSS_C_NO_BUFFER);
		if (major && !err)
			err = fail("gssk_delete_sec_context", major, minor);
	}
	ld->delete_ns = now_ns() - t0;
	return err;
}

/*
 * Like measure(), for two figures from the same runs: the load time and the
 * delete time. n is calibrated on the load time and capped at
 * LOAD_BATCH_MAX.
 */
static void bench_load_delete(uint32_t enctype)
{
	struct figure *fl = figure("load_sec_context", enctype, 0, 0);
	struct figure *fd = figure("delete_sec_context", enctype, 0, 0);
	uint64_t target = (uint64_t)opt_ms * 1000000u;
	struct load_delete ld = { 0 };
	uint8_t key[32];

	if (!figure_wants_run(fl))
		return;
	random_bytes(key, sizeof(key));
	fields_init(&ld.f, enctype, key, 1);
	ld.h = calloc(LOAD_BATCH_MAX, sizeof(*ld.h));
	if (!ld.h) {
		fail_errno("calloc");
		goto failed;
	}
	if (!fl->n) {
		if (op_load_delete(&ld, 1))
			goto failed;
		for (fl->n = 1;;
		     fl->n = calibrate(fl->n, ld.load_ns, LOAD_BATCH_MAX)) {
			if (op_load_delete(&ld, fl->n))
				goto failed;
			if (ld.load_ns >= target / 2 || fl->n >= LOAD_BATCH_MAX)
				break;
			fl->spent += ld.load_ns;
		}
		fd->n = fl->n;
	} else if (op_load_delete(&ld, fl->n)) {
		goto failed;
	}
	figure_add_run(fl, ld.load_ns);
	figure_add_run(fd, ld.delete_ns);
	free(ld.h);
	explicit_bzero(key, sizeof(key));
	/* the key GC destroys what we deleted: not during the next figure */
	wait_key_gc(base_keys);
	return;
failed:
	figure_fail(fl);
	figure_fail(fd);
	free(ld.h);
	explicit_bzero(key, sizeof(key));
	wait_key_gc(base_keys);
}

/* ---- inquire, export+import ---- */

static int op_inquire(void *arg, unsigned long n)
{
	gss_ctx_id_t h = *(gss_ctx_id_t *)arg;
	OM_uint32 major, minor, lifetime, flags;
	gss_name_t src, targ;
	int local, open;

	while (n--) {
		major = gssk_inquire_context(&minor, h, &src, &targ, &lifetime,
					     NULL, &flags, &local, &open);
		if (major)
			return fail("gssk_inquire_context", major, minor);
		gssk_release_name(&minor, &src);
		gssk_release_name(&minor, &targ);
	}
	return 0;
}

/* The context moves: each export invalidates the handle's key. */
static int op_export_import(void *arg, unsigned long n)
{
	gss_ctx_id_t *h = arg;
	gss_buffer_desc tok;
	OM_uint32 major, minor;

	while (n--) {
		major = gssk_export_sec_context(&minor, h, &tok);
		if (major)
			return fail("gssk_export_sec_context", major, minor);
		major = gssk_import_sec_context(&minor, &tok, h);
		gssk_release_buffer(&minor, &tok);
		if (major)
			return fail("gssk_import_sec_context", major, minor);
	}
	return 0;
}

static void bench_context(uint32_t enctype)
{
	struct figure *fi, *fr, *fe;
	struct pair p;

	bench_load_delete(enctype);

	fi = figure("inquire_context", enctype, 0, 0);
	fr = figure("raw INQUIRE + ACK (no libgssk)", enctype, 0, 0);
	fe = figure("export+import (default policy)", enctype, 0, 0);
	if (pair_load(&p, enctype)) {
		figure_fail(fi);
		figure_fail(fr);
		figure_fail(fe);
		return;
	}
	measure(fi, op_inquire, &p.init);
	bench_raw_inquire(fr, p.init);
	measure(fe, op_export_import, &p.init);
	pair_free(&p);
	/* each export left a dead key for the GC */
	wait_key_gc(base_keys);
}

/* ---- per-message ---- */

struct msg_arg {
	struct pair *p;
	gss_buffer_desc msg;
};

static int op_mic(void *arg, unsigned long n)
{
	struct msg_arg *a = arg;
	gss_buffer_desc tok;
	OM_uint32 major, minor;

	while (n--) {
		major = gssk_get_mic(&minor, a->p->init, GSS_C_QOP_DEFAULT,
				     &a->msg, &tok);
		if (major)
			return fail("gssk_get_mic", major, minor);
		major = gssk_verify_mic(&minor, a->p->acc, &a->msg, &tok, NULL);
		gssk_release_buffer(&minor, &tok);
		if (major)
			return fail("gssk_verify_mic", major, minor);
	}
	return 0;
}

static int op_wrap(void *arg, unsigned long n)
{
	struct msg_arg *a = arg;
	gss_buffer_desc tok, out;
	OM_uint32 major, minor;
	int conf;

	while (n--) {
		major = gssk_wrap(&minor, a->p->init, 1, GSS_C_QOP_DEFAULT,
				  &a->msg, &conf, &tok);
		if (major)
			return fail("gssk_wrap", major, minor);
		if (!conf) {
			gssk_release_buffer(&minor, &tok);
			errno = EPROTO;
			return fail_errno("gssk_wrap: conf_state 0");
		}
		major = gssk_unwrap(&minor, a->p->acc, &tok, &out, NULL, NULL);
		gssk_release_buffer(&minor, &tok);
		if (major)
			return fail("gssk_unwrap", major, minor);
		if (out.length != a->msg.length) {
			gssk_release_buffer(&minor, &out);
			errno = EPROTO;
			return fail_errno("gssk_unwrap: wrong length");
		}
		gssk_release_buffer(&minor, &out);
	}
	return 0;
}

/* One wrap+unwrap with the message compared, before the timed runs. */
static int check_round_trip(struct msg_arg *a)
{
	gss_buffer_desc tok, out;
	OM_uint32 major, minor;
	int same;

	major = gssk_wrap(&minor, a->p->init, 1, GSS_C_QOP_DEFAULT, &a->msg,
			  NULL, &tok);
	if (major)
		return fail("gssk_wrap", major, minor);
	major = gssk_unwrap(&minor, a->p->acc, &tok, &out, NULL, NULL);
	gssk_release_buffer(&minor, &tok);
	if (major)
		return fail("gssk_unwrap", major, minor);
	same = out.length == a->msg.length &&
	       !memcmp(out.value, a->msg.value, out.length);
	gssk_release_buffer(&minor, &out);
	if (!same) {
		errno = EPROTO;
		return fail_errno("unwrap did not return the wrapped message");
	}
	return 0;
}

#define NSIZES	4

static void bench_messages(uint32_t enctype)
{
	static const size_t sizes[NSIZES] = { 64, 16 << 10, 64 << 10, 1 << 20 };
	struct figure *fm, *fw[NSIZES];
	struct msg_arg a;
	struct pair p;
	unsigned int i;
	void *buf;

	fm = figure("get_mic+verify_mic", enctype, 64, 0);
	for (i = 0; i < NSIZES; i++)
		fw[i] = figure("wrap(conf)+unwrap", enctype, sizes[i],
			       sizes[i]);

	buf = malloc(sizes[NSIZES - 1]);
	if (!buf) {
		fail_errno("malloc");
		goto failed;
	}
	random_bytes(buf, sizes[NSIZES - 1]);
	if (pair_load(&p, enctype))
		goto failed;
	a.p = &p;
	a.msg.value = buf;

	a.msg.length = 64;
	measure(fm, op_mic, &a);
	for (i = 0; i < NSIZES; i++) {
		a.msg.length = sizes[i];
		if (!figure_wants_run(fw[i]))
			continue;
		if (check_round_trip(&a))
			figure_fail(fw[i]);
		else
			measure(fw[i], op_wrap, &a);
	}
	pair_free(&p);
	free(buf);
	return;
failed:
	figure_fail(fm);
	for (i = 0; i < NSIZES; i++)
		figure_fail(fw[i]);
	free(buf);
}

/* ---- raw generic netlink: the floor, and gssk without libgssk ---- */

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

static void bench_genl(void)
{
	static const char *const names[] = {
		"genl GETFAMILY (request+reply)",
		"genl GETFAMILY + NLM_F_ACK",
	};
	struct genl_arg g;
	int i;

	for (i = 0; i < 2; i++) {
		struct figure *f = figure(names[i], 0, 0, 0);

		if (!figure_wants_run(f))
			continue;
		if (genl_open_getfamily(&g, i == 1)) {
			figure_fail(f);
			continue;
		}
		measure(f, op_genl, &g);
		close(g.fd);
	}
}

/*
 * INQUIRE of a context by hand, with an ACK as libgssk asks: the kernel's
 * share of gssk_inquire_context() without the library around it.
 */
static void bench_raw_inquire(struct figure *f, gss_ctx_id_t h)
{
	int32_t serial = gssk_context_serial(h);
	struct genl_arg g;
	int family;

	if (!figure_wants_run(f))
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
		      GSSK_GENL_VERSION, true))
		goto failed;
	genl_put_attr(&g, GSSK_A_SERIAL, &serial, sizeof(serial));
	measure(f, op_genl, &g);
	close(g.fd);
	return;
failed:
	figure_fail(f);
}

/* ---- memory ---- */

struct mem_snap {
	long qnkeys, qnbytes;	/* this uid's line of /proc/key-users */
	long long slab;		/* sum of active_objs * objsize; -1: unknown */
	long long slab_kb;	/* Slab (meminfo) */
};

static int read_key_users(long *qnkeys, long *qnbytes)
{
	unsigned int uid = getuid(), u;
	long usage, nkeys, nikeys, maxkeys, maxbytes;
	char line[256];
	FILE *f = fopen("/proc/key-users", "re");
	int found = -1;

	if (!f)
		return fail_errno("/proc/key-users");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, " %u: %ld %ld/%ld %ld/%ld %ld/%ld", &u, &usage,
			   &nkeys, &nikeys, qnkeys, &maxkeys, qnbytes,
			   &maxbytes) == 8 && u == uid) {
			found = 0;
			break;
		}
	}
	fclose(f);
	if (found) {
		errno = ENOENT;
		return fail_errno("our uid in /proc/key-users");
	}
	return 0;
}

static long long read_slab(void)
{
	char line[512], name[128];
	unsigned long active, num, size;
	long long total = 0;
	FILE *f = fopen("/proc/slabinfo", "re");

	if (!f)
		return -1;	/* root only */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%127s %lu %lu %lu", name, &active, &num,
			   &size) == 4)
			total += (long long)active * (long long)size;
	}
	fclose(f);
	return total;
}

static long long meminfo_kb(const char *field)
{
	char line[256];
	size_t flen = strlen(field);
	long long v = -1;
	FILE *f = fopen("/proc/meminfo", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, field, flen) && line[flen] == ':') {
			v = atoll(line + flen + 1);
			break;
		}
	}
	fclose(f);
	return v;
}

static int snap(struct mem_snap *s)
{
	if (read_key_users(&s->qnkeys, &s->qnbytes))
		return -1;
	s->slab = read_slab();
	s->slab_kb = meminfo_kb("Slab");
	return 0;
}

/*
 * Deleted keys are charged until the key garbage collector destroys them:
 * wait (at most 5 s) until this uid's key count is back to keys.
 */
static void wait_key_gc(long keys)
{
	uint64_t end = now_ns() + 5000000000ull;
	long qnkeys, qnbytes;

	while (now_ns() < end) {
		if (read_key_users(&qnkeys, &qnbytes) || qnkeys <= keys)
			return;
		usleep(10000);
	}
}

static void print_mem(const char *what, const char *en, double v,
		      const char *unit, const char *source)
{
	printf("%-26s %-13s %9.0f %-9s %s\n", what, en, v, unit, source);
}

static void bench_memory(uint32_t enctype)
{
	const char *en = enctype_name(enctype);
	struct gssk_context_fields f;
	struct mem_snap a, b;
	gss_ctx_id_t *h;
	uint8_t key[32];
	unsigned int i, n = opt_mem;
	double d = n;

	h = calloc(n, sizeof(*h));
	if (!h) {
		fail_errno("calloc");
		goto failed;
	}
	random_bytes(key, sizeof(key));
	fields_init(&f, enctype, key, 1);
	/* warm the caches: a first context allocates more than the next */
	for (i = 0; i < 10 && i < n; i++)
		if (load(&f, &h[i]))
			goto failed;
	for (i = 0; i < n; i++)
		drop(&h[i]);
	wait_key_gc(base_keys);

	if (snap(&a))
		goto failed;
	for (i = 0; i < n; i++)
		if (load(&f, &h[i]))
			goto failed;
	if (snap(&b))
		goto failed;

	print_mem("key quota: keys", en, (double)(b.qnkeys - a.qnkeys) / d,
		  "keys/ctx", "/proc/key-users qnkeys");
	print_mem("key quota: bytes", en, (double)(b.qnbytes - a.qnbytes) / d,
		  "B/ctx", "/proc/key-users qnbytes");
	if (a.slab >= 0 && b.slab >= 0)
		print_mem("slab objects", en, (double)(b.slab - a.slab) / d,
			  "B/ctx", "/proc/slabinfo active_objs x objsize");
	else
		printf("%-26s %-13s  skipped: /proc/slabinfo not readable\n",
		       "slab objects", en);
	if (a.slab_kb >= 0 && b.slab_kb >= 0)
		print_mem("slab pages", en,
			  (double)(b.slab_kb - a.slab_kb) * 1024 / d, "B/ctx",
			  "/proc/meminfo Slab");
	fflush(stdout);
	goto out;
failed:
	printf("%-26s %-13s  FAILED: %s\n", "memory per context", en,
	       fail_msg);
	fflush(stdout);
	failures++;
out:
	for (i = 0; h && i < n; i++)
		drop(&h[i]);
	wait_key_gc(base_keys);
	explicit_bzero(key, sizeof(key));
	free(h);
}

/* ---- main ---- */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gssk-bench [-r RUNS] [-t MS] [-m CONTEXTS]\n"
		"  -r RUNS      rounds: runs per figure (default 5)\n"
		"  -t MS        length of one run in milliseconds (default 200)\n"
		"  -m CONTEXTS  contexts loaded for the memory figures (default 100)\n"
		"Needs gssk.ko; run as root for the slab figure.\n");
}

static unsigned int parse_uint(const char *s, unsigned int min,
			       unsigned int max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "gssk-bench: bad number '%s' (%u..%u)\n", s,
			min, max);
		usage(stderr);
		exit(2);
	}
	return (unsigned int)v;
}

int main(int argc, char **argv)
{
	struct utsname u;
	unsigned int i, round;
	long qnbytes;
	int c;

	while ((c = getopt(argc, argv, "r:t:m:h")) != -1) {
		switch (c) {
		case 'r':
			opt_runs = parse_uint(optarg, 1, 1000);
			break;
		case 't':
			opt_ms = parse_uint(optarg, 1, 60000);
			break;
		case 'm':
			opt_mem = parse_uint(optarg, 1, 100000);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}

	/* our own session keyring: the contexts die with this process */
	if (keyctl_join_session_keyring(NULL) < 0) {
		perror("gssk-bench: keyctl_join_session_keyring");
		return 1;
	}

	/* without the module every figure would fail the same way */
	{
		struct genl_arg g;

		if (genl_open_getfamily(&g, false) || op_genl(&g, 1)) {
			fprintf(stderr, "gssk-bench: %s (is gssk.ko loaded?)\n",
				fail_msg);
			return 1;
		}
		close(g.fd);
	}

	if (read_key_users(&base_keys, &qnbytes)) {
		fprintf(stderr, "gssk-bench: %s\n", fail_msg);
		return 1;
	}

	uname(&u);
	printf("gssk-bench: kernel %s %s; %u rounds, runs of ~%u ms\n",
	       u.release, u.machine, opt_runs, opt_ms);
	printf("gssk-bench: best and median time of one operation over the "
	       "runs (one\n"
	       "gssk-bench: operation = a pair for get_mic+verify_mic and "
	       "wrap+unwrap);\n"
	       "gssk-bench: ops/s and MB/s (10^6 message bytes/s) from the "
	       "best\n");

	/* memory first, while no deleted key is waiting for the key GC */
	printf("\n== kernel memory per context (%u contexts loaded) ==\n",
	       opt_mem);
	printf("%-26s %-13s %9s %-9s %s\n", "figure", "enctype", "value",
	       "unit", "source");
	fflush(stdout);
	for (i = 0; i < NENCTYPES; i++)
		bench_memory(enctypes[i]);

	for (round = 0; round < opt_runs; round++) {
		fprintf(stderr, "gssk-bench: round %u of %u\n", round + 1,
			opt_runs);
		section = "floor: one generic netlink round trip, no gssk call";
		bench_genl();
		section = "context calls (latency)";
		for (i = 0; i < NENCTYPES; i++)
			bench_context(enctypes[i]);
		section = "per-message calls (initiator -> acceptor)";
		for (i = 0; i < NENCTYPES; i++)
			bench_messages(enctypes[i]);
	}
	print_table();

	printf("\ngssk-bench: %s\n", failures ? "some figures FAILED" : "done");
	return failures ? 1 : 0;
}
