// SPDX-License-Identifier: GPL-2.0
/*
 * gssk-bench: gssk's context calls (load, export, import, delete) with
 * SCALE_SMALL (100) and with opt_scale (100,000) contexts alive.
 *
 * The live contexts are this program's, in its session keyring (the
 * keyring the measured contexts go to as well): "background" contexts
 * loaded with gssk_load_sec_context from fields like those of a real
 * aes256-sha1 acceptor context (random keys). One run is n cycles of
 * load, export (default policy), import and delete of one context like a
 * real one of the row's enctype, each call timed on its own, so that the
 * number of live contexts stays at the level (plus one). After a run the
 * program waits for the key garbage collector to destroy the keys the run
 * ended, so that one run's collection does not land in the next.
 *
 * The levels cannot be interleaved (the fill to 100,000 takes a minute or
 * more under TCG): every round at 100 runs first, then the fill, every
 * round at 100,000, the drain back to 100 and every round at 100 again.
 * The ratio is the median at 100,000 over the median of both runs at
 * 100, which bracket it; it is not paired per round.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <keyutils.h>

#include "bench.h"

long base_keys;

/* The background contexts, and their keyring (0: the session keyring). */
static gss_ctx_id_t *bg;
static unsigned long nbg;
static key_serial_t bg_keyring;

/* This uid's keys when only the background contexts are alive. */
static long level_keys(void)
{
	return base_keys + (long)nbg + (bg_keyring ? 1 : 0);
}

/* Upper bound of the cycles of one run. */
#define CYCLES_MAX	4096

int fields_like(gss_ctx_id_t h, struct fields_buf *fb)
{
	struct gssk_context_info info;
	gss_name_t src = GSS_C_NO_NAME, targ = GSS_C_NO_NAME;
	gss_buffer_desc s = GSS_C_EMPTY_BUFFER, t = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, m;
	int err = -1;

	memset(fb, 0, sizeof(*fb));
	major = gssk_inquire_context_info(&minor, h, &info);
	if (major)
		return fail_gssk("gssk_inquire_context_info", major, minor);
	major = gssk_inquire_context(&minor, h, &src, &targ, NULL, NULL, NULL,
				     NULL, NULL);
	if (major)
		return fail_gssk("gssk_inquire_context", major, minor);
	major = gssk_display_name(&minor, src, &s, NULL);
	if (!major)
		major = gssk_display_name(&minor, targ, &t, NULL);
	if (major) {
		fail_gssk("gssk_display_name", major, minor);
		goto out;
	}
	snprintf(fb->init_name, sizeof(fb->init_name), "%.*s",
		 (int)s.length, (char *)s.value);
	snprintf(fb->acc_name, sizeof(fb->acc_name), "%.*s",
		 (int)t.length, (char *)t.value);
	random_bytes(fb->key, sizeof(fb->key));
	random_bytes(fb->subkey, sizeof(fb->subkey));
	fb->f.enctype = info.enctype;
	fb->f.initiate = info.initiate;
	fb->f.key = fb->key;
	fb->f.key_len = 32;
	if (info.subkey_enctype) {
		fb->f.subkey_enctype = info.subkey_enctype;
		fb->f.subkey = fb->subkey;
		fb->f.subkey_len = 32;
	}
	fb->f.flags = info.flags;
	fb->f.initiator_name = fb->init_name;
	fb->f.acceptor_name = fb->acc_name;
	fb->f.endtime = info.endtime;
	err = 0;
out:
	gssk_release_buffer(&m, &s);
	gssk_release_buffer(&m, &t);
	gssk_release_name(&m, &src);
	gssk_release_name(&m, &targ);
	return err;
}

enum { OP_LOAD, OP_EXPORT, OP_IMPORT, OP_DELETE, NOPS };

static const char *const op_names[NOPS] = {
	"gssk_load_sec_context",
	"gssk_export_sec_context",
	"gssk_import_sec_context",
	"gssk_delete_sec_context",
};

/* n cycles; the time of each call summed up per operation in t[]. */
static int cycles(const struct gssk_context_fields *f, unsigned long n,
		  uint64_t t[NOPS])
{
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, m;
	uint64_t t0, t1;
	int err = 0;

	memset(t, 0, NOPS * sizeof(*t));
	while (n-- && !err) {
		t0 = now_ns();
		major = gssk_load_sec_context(&minor, f, 0, NULL, &h);
		t1 = now_ns();
		t[OP_LOAD] += t1 - t0;
		if (major)
			return fail_gssk(op_names[OP_LOAD], major, minor);
		major = gssk_export_sec_context(&minor, &h, &tok);
		t0 = now_ns();
		t[OP_EXPORT] += t0 - t1;
		if (major) {
			err = fail_gssk(op_names[OP_EXPORT], major, minor);
			break;
		}
		major = gssk_import_sec_context(&minor, &tok, &h);
		t1 = now_ns();
		t[OP_IMPORT] += t1 - t0;
		gssk_release_buffer(&m, &tok);
		if (major)
			return fail_gssk(op_names[OP_IMPORT], major, minor);
		major = gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
		t[OP_DELETE] += now_ns() - t1;
		if (major)
			return fail_gssk(op_names[OP_DELETE], major, minor);
	}
	if (h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&m, &h, GSS_C_NO_BUFFER);
	return err;
}

/*
 * Where the time goes at 100,000: each EXPORT and DELETE retires a key,
 * and the key garbage collector's pass that follows walks every key in
 * the system (and every keyring's links). Its time: from one delete to
 * the moment the collector has destroyed that key (this uid's key count
 * is back), polled every 0.2 ms.
 */
static void gc_pass(const struct gssk_context_fields *f, enum side side,
		    long level_keys)
{
	struct series *s = &row("key GC: a delete until its key is destroyed",
				f->enctype, 0, ROW_SCALE)->s[side];
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	uint64_t t0, end;
	OM_uint32 major, minor;
	long qnkeys, qnbytes;

	if (!series_ok(s))
		return;
	major = gssk_load_sec_context(&minor, f, 0, NULL, &h);
	if (major) {
		fail_gssk(op_names[OP_LOAD], major, minor);
		series_fail(s);
		return;
	}
	t0 = now_ns();
	end = t0 + 30000000000ull;
	major = gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
	if (major) {
		fail_gssk(op_names[OP_DELETE], major, minor);
		series_fail(s);
		return;
	}
	do {
		if (read_key_users(&qnkeys, &qnbytes)) {
			series_fail(s);
			return;
		}
		if (qnkeys <= level_keys) {
			s->n = 1;
			series_add(s, 1, now_ns() - t0);
			return;
		}
		usleep(200);
	} while (now_ns() < end);
	fail_text("the key was not destroyed within 30 s");
	series_fail(s);
}

/*
 * This round's run at one level (side) for each enctype. The number of
 * cycles is calibrated in the first run at SCALE_SMALL, on the time of
 * the whole cycle, and kept for every later run at either level.
 */
static void scale_round(const struct fields_buf *fb, unsigned int nfb,
			enum side side)
{
	uint64_t target = (uint64_t)opt_ms * 1000000u, t[NOPS], sum;
	unsigned int i, k;

	for (i = 0; i < nfb; i++) {
		const struct gssk_context_fields *f = &fb[i].f;
		struct row *r[NOPS];
		unsigned long n;

		for (k = 0; k < NOPS; k++) {
			r[k] = row(op_names[k], f->enctype, 0, ROW_SCALE);
			row_target(r[k], 1.2, true, NULL);
		}
		if (!series_ok(&r[OP_LOAD]->s[side]))
			continue;
		n = r[OP_LOAD]->s[SIDE_A].n;
		if (!n) {
			/* warm up, then calibrate */
			if (cycles(f, 1, t))
				goto failed;
			for (n = 1;; n = n * 2 < CYCLES_MAX ? n * 2 : CYCLES_MAX) {
				wait_key_gc(level_keys());
				if (cycles(f, n, t))
					goto failed;
				for (sum = 0, k = 0; k < NOPS; k++)
					sum += t[k];
				if (sum >= target / 2 || n == CYCLES_MAX)
					break;
			}
			r[OP_LOAD]->s[SIDE_A].n = n;
		} else if (cycles(f, n, t)) {
			goto failed;
		}
		for (k = 0; k < NOPS; k++) {
			r[k]->s[side].n = n;
			series_add(&r[k]->s[side], n, t[k]);
		}
		wait_key_gc(level_keys());
		gc_pass(f, side, level_keys());
		continue;
failed:
		for (k = 0; k < NOPS; k++)
			series_fail(&r[k]->s[side]);
		wait_key_gc(level_keys());
	}
}

/* Load background contexts like fb until there are n. */
static int fill(const struct fields_buf *fb, unsigned long n)
{
	OM_uint32 major, minor;
	gss_ctx_id_t *more;

	more = realloc(bg, n * sizeof(*bg));
	if (!more)
		return fail_errno("realloc");
	bg = more;
	if (opt_own_keyring && !bg_keyring) {
		bg_keyring = add_key("keyring", "gssk-bench-background", NULL,
				     0, KEY_SPEC_SESSION_KEYRING);
		if (bg_keyring < 0) {
			bg_keyring = 0;
			return fail_errno("add_key keyring");
		}
	}
	for (; nbg < n; nbg++) {
		major = gssk_load_sec_context(&minor, &fb->f, bg_keyring,
					      NULL, &bg[nbg]);
		if (major)
			return fail_gssk("gssk_load_sec_context (fill)", major,
					 minor);
	}
	return 0;
}

void scale_round_small(const struct fields_buf *fb, unsigned int nfb)
{
	if (!nbg && fill(fb, SCALE_SMALL)) {
		fprintf(stderr, "gssk-bench: %s\n", fail_msg);
		return;
	}
	scale_round(fb, nfb, SIDE_A);
}

/* Every row's many side failed, with fail_msg. */
static void fail_many(const struct fields_buf *fb, unsigned int nfb)
{
	unsigned int i, k;

	for (i = 0; i < nfb; i++)
		for (k = 0; k < NOPS; k++)
			series_fail(&row(op_names[k], fb[i].f.enctype, 0,
					 ROW_SCALE)->s[SIDE_B]);
}

int scale_fill(const struct fields_buf *fb, unsigned int nfb)
{
	struct mem_snap a, b;
	unsigned long from = nbg;
	uint64_t t0;
	int err;

	if (quota_raise(opt_scale) || mem_snap(&a)) {
		fail_many(fb, nfb);
		return -1;
	}
	t0 = now_ns();
	err = fill(fb, opt_scale);
	printf("gssk-bench: filled from %lu to %lu live contexts in %.1f s "
	       "(%.0f us per load)%s%s\n", from, nbg, (now_ns() - t0) / 1e9,
	       (now_ns() - t0) / 1e3 / (double)(nbg - from ? nbg - from : 1),
	       err ? ": " : "", err ? fail_msg : "");
	fflush(stdout);
	if (err || mem_snap(&b)) {
		fail_many(fb, nfb);
		return -1;
	}
	mem_record("more, loaded with gssk_load_sec_context", fb->f.enctype,
		   nbg - from, &a, &b);
	return 0;
}

void scale_round_many(const struct fields_buf *fb, unsigned int nfb)
{
	scale_round(fb, nfb, SIDE_B);
}

/* Delete the background contexts down to SCALE_SMALL. */
int scale_drain(void)
{
	unsigned long from = nbg;
	OM_uint32 major, minor;
	uint64_t t0 = now_ns(), t1;

	if (nbg <= SCALE_SMALL)
		return nbg == SCALE_SMALL ? 0 : -1;
	while (nbg > SCALE_SMALL) {
		major = gssk_delete_sec_context(&minor, &bg[nbg - 1],
						GSS_C_NO_BUFFER);
		if (major) {
			fail_gssk("gssk_delete_sec_context (drain)", major,
				  minor);
			printf("gssk-bench: drain: %s\n", fail_msg);
			return -1;
		}
		nbg--;
	}
	t1 = now_ns();
	/* the collector destroys them all, then the next level starts */
	wait_keys(level_keys(), 300);
	printf("gssk-bench: drained from %lu to %lu live contexts: deletes "
	       "%.1f s (%.0f us each), then the key GC %.1f s\n", from, nbg,
	       (t1 - t0) / 1e9, (t1 - t0) / 1e3 / (double)(from - nbg),
	       (now_ns() - t1) / 1e9);
	return 0;
}

void scale_round_again(const struct fields_buf *fb, unsigned int nfb)
{
	scale_round(fb, nfb, SIDE_C);
}

/*
 * Free the handles; the keys go with the session keyring when the
 * program ends (deleting 100,000 contexts one call each would take
 * another half minute).
 */
void scale_cleanup(void)
{
	OM_uint32 m;
	unsigned long i;

	for (i = 0; i < nbg; i++)
		gssk_release_context_handle(&m, &bg[i]);
	free(bg);
	bg = NULL;
	nbg = 0;
}
