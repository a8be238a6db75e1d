// SPDX-License-Identifier: GPL-2.0
/*
 * gssk-bench: gssk beside MIT krb5 in-process, on the same kind of
 * context, and gssk's own figures. Run in the test VM by 'make bench'
 * (it needs gssk.ko and the VM's KDC).
 *
 * Contexts: for each enctype, 18 (aes256-cts-hmac-sha1-96) and 20
 * (aes256-cts-hmac-sha384-192), real Kerberos exchanges with the VM's KDC
 * for the service gssk-eN/localhost (whose only key, and so the ticket's
 * session key, is of enctype N; tools/vm/realm.sh), with both sides'
 * credentials limited to enctype N so that the acceptor subkey, which the
 * tokens use, is of enctype N too. Both sides of each context are in this
 * process and the tokens pass in memory. MIT's contexts stay in MIT;
 * gssk's come from the same kind of exchange and are moved into the
 * kernel with gssk_krb5_load_sec_context before any message.
 *
 * Rounds (-r, default 5): each round runs every comparison once for MIT,
 * then right away for gssk, so a slow spell of the emulator hits both;
 * the ratio of a row is the median over the rounds of gssk's rate / MIT's
 * rate in that round. One run repeats the operation enough to last about
 * -t ms (calibrated in the first round, after one warm-up operation); a
 * run is at least one operation, so the 1 MiB rows run longer.
 *
 * Then gssk alone: the generic netlink floor, inquire, a raw INQUIRE and
 * the cheapest ioctl; memory per context; load, export, import and delete
 * latency with 100, with -n (100,000) and with 100 live contexts again
 * (scale.c).
 *
 * Exit status: 0, or 1 if any call failed (targets are printed, not
 * enforced).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cpuid.h>
#include <sys/utsname.h>
#include <keyutils.h>

#include "bench.h"

unsigned int opt_runs = 5;
unsigned int opt_ms = 200;
unsigned int opt_mem = 100;
unsigned int opt_scale = 100000;
bool opt_own_keyring;
static bool opt_scale_only;

static const uint32_t enctypes[] = {
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
};
#define NENC	(sizeof(enctypes) / sizeof(enctypes[0]))

const char *service_for(uint32_t enctype)
{
	switch (enctype) {
	case GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96:
		return "gssk-e18/localhost@GSSK.TEST";
	case GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192:
		return "gssk-e20/localhost@GSSK.TEST";
	}
	return NULL;
}

#define KIB	1024u
#define MIB	(1024u * 1024u)

/* wrap(conf)+unwrap, one call per message */
static const size_t wrap_sizes[] = { 64, KIB, 16 * KIB, 64 * KIB, MIB };
#define NWRAP	(sizeof(wrap_sizes) / sizeof(wrap_sizes[0]))

/*
 * Batches. At 1 MiB a batch of 64 is one operation of 64 MiB (5 to 7 s
 * a run under TCG), and a call's crypto dwarfs its system call, which is
 * all a batch saves; the row is there for completeness.
 */
static const struct {
	unsigned int batch;
	size_t size;
} batches[] = {
	{ 16, 64 }, { 16, KIB }, { 16, 16 * KIB }, { 16, 64 * KIB },
	{ 16, MIB },
	{ 64, 64 }, { 64, KIB }, { 64, 16 * KIB }, { 64, 64 * KIB },
	{ 64, MIB },
};
#define NBATCH	(sizeof(batches) / sizeof(batches[0]))

static const size_t mic_sizes[] = { 64, 16 * KIB };
#define NMIC	(sizeof(mic_sizes) / sizeof(mic_sizes[0]))

/* Every context of one enctype. */
struct contexts {
	uint32_t enctype;
	bool ok;
	struct ctx_pair mit, mit2;	/* mit2: the second thread's */
	struct ctx_pair gssk, gssk2;
	gss_ctx_id_t mit_exp, gssk_exp;	/* acceptors for export+import */
};

static struct contexts ctxs[NENC];
static unsigned char *msgbuf;	/* MIB random bytes */

/* The project's targets; ratios are gssk's rate / MIT's. */
static void size_target(struct row *r, size_t size, double at64)
{
	if (size == 64)
		row_target(r, at64, false, NULL);
	else if (size >= 16 * KIB)
		row_target(r, 1.5, false, NULL);
}

/* ---- setting up ---- */

static int establish(struct contexts *c)
{
	const char *svc = service_for(c->enctype);
	int32_t e = (int32_t)c->enctype;
	struct ctx_pair tmp;
	struct gssk_context_info info;
	uint64_t mit_ns, ns, load[2];
	OM_uint32 major, minor;

	if (mit_establish(svc, e, &c->mit, &mit_ns) ||
	    mit_establish(svc, e, &c->mit2, &ns) ||
	    mit_establish(svc, e, &tmp, &ns))
		return -1;
	c->mit_exp = tmp.acc;
	tmp.acc = GSS_C_NO_CONTEXT;
	mit_pair_free(&tmp);

	if (gssk_establish(svc, e, &c->gssk, &ns, load) ||
	    gssk_establish(svc, e, &c->gssk2, &ns, load) ||
	    gssk_establish(svc, e, &tmp, &ns, load))
		return -1;
	c->gssk_exp = tmp.acc;
	tmp.acc = GSS_C_NO_CONTEXT;
	gssk_pair_free(&tmp);

	/* the kernel's view of an acceptor: the enctype the rows say? */
	major = gssk_inquire_context_info(&minor, c->gssk.acc, &info);
	if (major)
		return fail_gssk("gssk_inquire_context_info", major, minor);
	printf("gssk-bench: %s: 6 exchanges for %s: enctype %u, acceptor "
	       "subkey %u, flags 0x%x; an exchange takes %.1f ms (the first "
	       "%.1f ms), gssk_krb5_load_sec_context %.2f ms (initiator), "
	       "%.2f ms (acceptor)\n", enctype_name(c->enctype), svc,
	       info.enctype, info.subkey_enctype, info.flags, ns / 1e6,
	       mit_ns / 1e6, load[0] / 1e6, load[1] / 1e6);
	if (info.enctype != c->enctype ||
	    (info.subkey_enctype && info.subkey_enctype != c->enctype))
		return fail_text("the context or its acceptor subkey has "
				 "another enctype than the row's");
	return 0;
}

static void release(struct contexts *c)
{
	OM_uint32 m;

	mit_pair_free(&c->mit);
	mit_pair_free(&c->mit2);
	gssk_pair_free(&c->gssk);
	gssk_pair_free(&c->gssk2);
	if (c->mit_exp != GSS_C_NO_CONTEXT)
		gss_delete_sec_context(&m, &c->mit_exp, GSS_C_NO_BUFFER);
	if (c->gssk_exp != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&m, &c->gssk_exp, GSS_C_NO_BUFFER);
}

/* ---- one round of the comparisons ---- */

/*
 * MIT's run, then gssk's, of one message figure. Before the first run
 * each side wraps and unwraps the message once and compares.
 */
static void compare_msgs(struct row *r, struct contexts *c, size_t size,
			 unsigned int batch, op_fn mit_fn, op_fn gssk_fn)
{
	struct ctx_pair *pair[] = { [SIDE_A] = &c->mit, [SIDE_B] = &c->gssk };
	int (*check[])(struct msg_arg *) = {
		[SIDE_A] = mit_check, [SIDE_B] = gssk_check,
	};
	op_fn fn[] = { [SIDE_A] = mit_fn, [SIDE_B] = gssk_fn };
	struct msg_arg a;
	unsigned int side;

	for (side = SIDE_A; side <= SIDE_B; side++) {
		struct series *s = &r->s[side];

		if (!series_ok(s))
			continue;
		if (msg_arg_init(&a, pair[side], msgbuf, size, batch)) {
			series_fail(s);
			continue;
		}
		if (!s->n && check[side](&a))
			series_fail(s);
		measure(s, batch, fn[side], &a);
		msg_arg_free(&a);
	}
}

static void compare_threads(struct row *r, struct contexts *c,
			    unsigned int nthreads)
{
	struct msg_arg a[THREADS_MAX];
	struct threads th = { .nthreads = nthreads };
	struct ctx_pair *mit[THREADS_MAX] = { &c->mit, &c->mit2 };
	struct ctx_pair *gssk[THREADS_MAX] = { &c->gssk, &c->gssk2 };
	unsigned int side, i;

	for (side = SIDE_A; side <= SIDE_B; side++) {
		struct series *s = &r->s[side];

		if (!series_ok(s))
			continue;
		th.fn = side == SIDE_A ? mit_op_wrap : gssk_op_wrap;
		memset(a, 0, sizeof(a));
		for (i = 0; i < nthreads; i++) {
			if (msg_arg_init(&a[i], side == SIDE_A ? mit[i] :
					 gssk[i], msgbuf, 64, 1))
				break;
			th.args[i] = &a[i];
		}
		if (i < nthreads)
			series_fail(s);
		else
			measure(s, nthreads, op_threads, &th);
		for (i = 0; i < nthreads; i++)
			msg_arg_free(&a[i]);
	}
}

static void round_compare(void)
{
	unsigned int i, k;

	section = "MIT krb5 vs gssk: wrap(conf)+unwrap, one call per message "
		  "(initiator wraps, acceptor unwraps)";
	for (k = 0; k < NWRAP; k++)
		for (i = 0; i < NENC; i++) {
			struct contexts *c = &ctxs[i];
			struct row *r;

			if (!c->ok)
				continue;
			r = row("wrap+unwrap", c->enctype, wrap_sizes[k],
				ROW_VS_MIT);
			size_target(r, wrap_sizes[k], 1.0);
			compare_msgs(r, c, wrap_sizes[k], 1, mit_op_wrap,
				     gssk_op_wrap);
		}

	section = "MIT krb5 vs gssk: batches (gssk: one gssk_wrap_batch and "
		  "one gssk_unwrap_batch; MIT, which has no batch: the same "
		  "messages one call each); rates in messages/s";
	for (k = 0; k < NBATCH; k++)
		for (i = 0; i < NENC; i++) {
			struct contexts *c = &ctxs[i];
			static const char *const names[] = {
				"batch of 16, wrap+unwrap",
				"batch of 64, wrap+unwrap",
			};
			struct row *r;

			if (!c->ok)
				continue;
			r = row(names[batches[k].batch == 64],
				c->enctype, batches[k].size, ROW_VS_MIT);
			size_target(r, batches[k].size, 2.0);
			compare_msgs(r, c, batches[k].size, batches[k].batch,
				     mit_op_batch, gssk_op_batch);
		}

	section = "MIT krb5 vs gssk: get_mic+verify_mic (initiator signs, "
		  "acceptor verifies)";
	for (k = 0; k < NMIC; k++)
		for (i = 0; i < NENC; i++) {
			struct contexts *c = &ctxs[i];
			struct row *r;

			if (!c->ok)
				continue;
			r = row("get_mic+verify_mic", c->enctype, mic_sizes[k],
				ROW_VS_MIT);
			size_target(r, mic_sizes[k], 1.0);
			compare_msgs(r, c, mic_sizes[k], 1, mit_op_mic,
				     gssk_op_mic);
		}

	section = "MIT krb5 vs gssk: export+import of an acceptor context "
		  "(gss_ vs gssk_ export_sec_context + import_sec_context; "
		  "time per pair)";
	for (i = 0; i < NENC; i++) {
		struct contexts *c = &ctxs[i];
		struct row *r;

		if (!c->ok)
			continue;
		r = row("export+import", c->enctype, 0, ROW_VS_MIT);
		row_target(r, 2.0, false, "(time <= 0.5x)");
		measure(&r->s[SIDE_A], 1, mit_op_export_import, &c->mit_exp);
		measure(&r->s[SIDE_B], 1, gssk_op_export_import, &c->gssk_exp);
	}

	section = "MIT krb5 vs gssk: threads, wrap(conf)+unwrap 64 B, one "
		  "call per message, each thread its own context pair; "
		  "rates: all threads together";
	for (k = 1; k <= THREADS_MAX; k++)
		for (i = 0; i < NENC; i++) {
			struct contexts *c = &ctxs[i];
			static const char *const names[] = {
				"1 thread, wrap+unwrap",
				"2 threads, wrap+unwrap",
			};
			struct row *r;

			if (!c->ok)
				continue;
			r = row(names[k - 1], c->enctype, 64, ROW_VS_MIT);
			row_target(r, 1.0, false, NULL);
			compare_threads(r, c, k);
		}
}

static void round_gssk_only(void)
{
	unsigned int i;

	section = "gssk alone: control-path floors (generic netlink) and the "
		  "cheapest ioctl";
	bench_genl();
	for (i = 0; i < NENC; i++) {
		struct contexts *c = &ctxs[i];

		if (!c->ok)
			continue;
		measure(&row("gssk_inquire_context", c->enctype, 0,
			     ROW_GSSK)->s[SIDE_A], 1, gssk_op_inquire,
			&c->gssk.acc);
		bench_raw_inquire(&row("raw INQUIRE, no libgssk", c->enctype, 0,
				       ROW_GSSK)->s[SIDE_A], c->gssk.acc);
		measure(&row("gssk_wrap_size_limit (one ioctl, no crypto)",
			     c->enctype, 0, ROW_GSSK)->s[SIDE_A], 1,
			gssk_op_wrap_size_limit, &c->gssk.acc);
	}
}

/* ---- main ---- */

/*
 * The kernel crypto drivers behind gssk's transforms: for each algorithm
 * gssk asks for, the driver of highest priority in /proc/crypto, which
 * the crypto API picks. Under TCG it matters which of them use AVX2 or
 * AES-NI.
 */
static void print_crypto_drivers(void)
{
	static const char *const names[] = { "cts(cbc(aes))", "sha1", "sha384" };
	enum { N = sizeof(names) / sizeof(names[0]) };
	char line[256], name[128] = "", driver[128] = "", best[N][128];
	int prio, best_prio[N];
	unsigned int i;
	FILE *f = fopen("/proc/crypto", "re");

	if (!f)
		return;
	for (i = 0; i < N; i++) {
		best[i][0] = 0;
		best_prio[i] = -1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "name : %127s", name) == 1 ||
		    sscanf(line, "driver : %127s", driver) == 1 ||
		    sscanf(line, "priority : %d", &prio) != 1)
			continue;
		for (i = 0; i < N; i++)
			if (!strcmp(name, names[i]) && prio > best_prio[i]) {
				best_prio[i] = prio;
				snprintf(best[i], sizeof(best[i]), "%s", driver);
			}
	}
	fclose(f);
	printf("gssk-bench: kernel crypto drivers:");
	for (i = 0; i < N; i++)
		printf(" %s = %s;", names[i], best[i][0] ? best[i] : "?");
	printf(" MIT: its own C code (libk5crypto, no AES-NI)\n");
}

/* The hypervisor CPUID signature: "TCGTCGTCGTCG", "KVMKVMKVM", or "". */
static void hypervisor(char sig[13])
{
	unsigned int a, b, c, d;

	sig[0] = 0;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 31)))
		return;
	__cpuid(0x40000000, a, b, c, d);
	memcpy(sig, &b, 4);
	memcpy(sig + 4, &c, 4);
	memcpy(sig + 8, &d, 4);
	sig[12] = 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gssk-bench [-r RUNS] [-t MS] [-m CONTEXTS] [-n CONTEXTS] [-k] [-s]\n"
		"  -r RUNS      rounds: runs per figure (default 5)\n"
		"  -t MS        length of one run in milliseconds (default 200)\n"
		"  -m CONTEXTS  contexts loaded for the memory figure (default 100)\n"
		"  -n CONTEXTS  live contexts of the scale figures (default 100000;\n"
		"               0: skip them); raises the key quotas (root)\n"
		"  -k           keep those contexts in a keyring of their own (default:\n"
		"               the session keyring, with the measured contexts)\n"
		"  -s           the scale figures only (no MIT comparison, no memory)\n"
		"Needs gssk.ko and the test realm's KDC (the test VM: make bench);\n"
		"run as root.\n");
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

static void print_intro(void)
{
	struct utsname u;
	char sig[13];

	uname(&u);
	hypervisor(sig);
	printf("gssk-bench: kernel %s %s, hypervisor CPUID \"%s\"; %u rounds, "
	       "runs of ~%u ms\n", u.release, u.machine, sig, opt_runs, opt_ms);
	if (strcmp(sig, "KVMKVMKVM"))
		printf("gssk-bench: these figures come from QEMU TCG (emulated "
		       "CPU, no KVM): compare them only with each other, within "
		       "one boot;\ngssk-bench: the ratios mean something, the "
		       "absolute figures do not (they move by tens of percent "
		       "from boot to boot).\n");
	else
		printf("gssk-bench: under KVM; still, compare figures only "
		       "within one boot.\n");
	fflush(stdout);
}

static void print_notes(void)
{
	printf("\nNotes:\n"
	       "- best / median over the rounds; rates are messages per second "
	       "(k = 1000) or MB/s (10^6 message bytes/s), from the time per "
	       "message.\n"
	       "- gssk/MIT: gssk's rate / MIT's rate in the same round (MIT "
	       "ran just before gssk), median over %u rounds. >= 1 means gssk "
	       "is faster.\n"
	       "- Every context comes from a real exchange with the VM's KDC "
	       "(service gssk-eN/localhost@GSSK.TEST, acceptor subkey), both "
	       "sides in this process, tokens passed in memory; gssk's were "
	       "moved into the kernel with gssk_krb5_load_sec_context.\n"
	       "- Threads: each thread has its own context pair (MIT's and "
	       "gssk's alike); the rate is that of all threads together.\n"
	       "- Runs last about %u ms but at least one operation: a run "
	       "of a 1 MiB batch of 64 is one operation of 64 MiB, 5-7 s.\n"
	       "- Scale rows: load, export (default policy), import, delete "
	       "timed one call each, in cycles that keep the live contexts at "
	       "the level (+1); %s; the levels cannot "
	       "be interleaved, so their ratio is of medians taken a minute or "
	       "two apart. The key GC row: one delete until the collector has "
	       "destroyed the key (polled every 0.2 ms), after each run.\n"
	       "- Targets are printed, not enforced: the bench fails only when "
	       "a call fails.\n",
	       opt_runs, opt_ms, opt_own_keyring ?
	       "the live contexts in a keyring of their own (-k), the measured "
	       "ones in the session keyring" :
	       "all in one keyring, the session keyring");
}

int main(int argc, char **argv)
{
	struct fields_buf fb[NENC + 1];	/* the last one empty: the end */
	unsigned int i, round;
	long qnbytes, keys0;
	uint64_t t0;
	int c;

	while ((c = getopt(argc, argv, "r:t:m:n:ksh")) != -1) {
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
		case 'n':
			opt_scale = parse_uint(optarg, 0, 1000000);
			if (opt_scale && opt_scale <= SCALE_SMALL) {
				fprintf(stderr, "gssk-bench: -n must be 0 or "
					"more than %u\n", SCALE_SMALL);
				return 2;
			}
			break;
		case 'k':
			opt_own_keyring = true;
			break;
		case 's':
			opt_scale_only = true;
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
	setvbuf(stdout, NULL, _IOLBF, 0);
	t0 = now_ns();

	/* our own session keyring: the contexts die with this process */
	if (keyctl_join_session_keyring(NULL) < 0) {
		perror("gssk-bench: keyctl_join_session_keyring");
		return 1;
	}
	if (genl_check_module()) {
		fprintf(stderr, "gssk-bench: %s (is gssk.ko loaded?)\n",
			fail_msg);
		return 1;
	}
	if (mit_setup()) {
		fprintf(stderr, "gssk-bench: %s\n", fail_msg);
		return 1;
	}
	msgbuf = malloc(MIB);
	if (!msgbuf) {
		perror("gssk-bench: malloc");
		return 1;
	}
	random_bytes(msgbuf, MIB);

	print_intro();
	if (read_key_users(&keys0, &qnbytes)) {
		fprintf(stderr, "gssk-bench: %s\n", fail_msg);
		return 1;
	}
	memset(fb, 0, sizeof(fb));
	for (i = 0; i < NENC; i++) {
		ctxs[i].enctype = enctypes[i];
		if (establish(&ctxs[i]) || fields_like(ctxs[i].gssk.acc, &fb[i])) {
			printf("\ngssk-bench: %s: FAILED: %s\n",
			       enctype_name(enctypes[i]), fail_msg);
			failures++;
			release(&ctxs[i]);
			/* fb stays a list ended by an empty entry */
			return 1;
		}
		ctxs[i].ok = true;
	}
	print_crypto_drivers();
	/*
	 * Our keys from here on: each enctype's gssk, gssk2 and gssk_exp,
	 * 5 in all. Establishing deleted others (tmp's initiator): the key
	 * GC must have destroyed them first, or the memory figure counts
	 * their going.
	 */
	wait_key_gc(keys0 + 5 * (long)NENC);
	if (read_key_users(&base_keys, &qnbytes)) {
		fprintf(stderr, "gssk-bench: %s\n", fail_msg);
		return 1;
	}

	/* memory first, while no deleted key waits for the key GC */
	if (!opt_scale_only)
		bench_memory(fb);

	for (round = 0; round < opt_runs && !opt_scale_only; round++) {
		fprintf(stderr, "gssk-bench: round %u of %u (%.0f s)\n",
			round + 1, opt_runs, (now_ns() - t0) / 1e9);
		round_compare();
		round_gssk_only();
	}
	for (i = 0; i < NENC; i++)
		release(&ctxs[i]);

	if (opt_scale) {
		/* the comparisons' contexts are gone */
		wait_key_gc(keys0);
		base_keys = keys0;
		section = "gssk context calls with 100 and with many live "
			  "contexts (one call each, in cycles)";
		for (round = 0; round < opt_runs; round++) {
			fprintf(stderr, "gssk-bench: scale at %u, round %u "
				"(%.0f s)\n", SCALE_SMALL, round + 1,
				(now_ns() - t0) / 1e9);
			scale_round_small(fb, NENC);
		}
		fprintf(stderr, "gssk-bench: filling to %u contexts (%.0f s)\n",
			opt_scale, (now_ns() - t0) / 1e9);
		if (!scale_fill(fb, NENC)) {
			for (round = 0; round < opt_runs; round++) {
				fprintf(stderr, "gssk-bench: scale at %u, "
					"round %u (%.0f s)\n", opt_scale,
					round + 1, (now_ns() - t0) / 1e9);
				scale_round_many(fb, NENC);
			}
		}
		/* at 100 once more: how far did the machine drift? */
		if (!scale_drain()) {
			for (round = 0; round < opt_runs; round++) {
				fprintf(stderr, "gssk-bench: scale at %u again, "
					"round %u (%.0f s)\n", SCALE_SMALL,
					round + 1, (now_ns() - t0) / 1e9);
				scale_round_again(fb, NENC);
			}
		}
	}

	print_tables();
	print_memory();
	print_notes();
	printf("\ngssk-bench: %s after %.0f s\n",
	       failures ? "some figures FAILED" : "done",
	       (now_ns() - t0) / 1e9);
	fflush(stdout);
	scale_cleanup();
	quota_restore();
	for (i = 0; i < NENC; i++)
		explicit_bzero(&fb[i], sizeof(fb[i]));
	return failures ? 1 : 0;
}
