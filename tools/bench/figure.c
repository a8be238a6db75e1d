// SPDX-License-Identifier: GPL-2.0
/*
 * gssk-bench: timing runs, rows of figures and the tables.
 *
 * A row holds two series of runs (MIT and gssk, or gssk at two context
 * counts), one run per round each. A series' figures are its best and
 * median time per message; a comparison row's ratio is the median over
 * the rounds of the paired ratio of rates (both sides' runs of one round
 * are next to each other in time, so a slow spell of the emulator hits
 * both).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>

#include "bench.h"

__thread char fail_msg[256];
int failures;
const char *section;

int fail_errno(const char *what)
{
	snprintf(fail_msg, sizeof(fail_msg), "%s: %s", what, strerror(errno));
	return -1;
}

int fail_text(const char *what)
{
	snprintf(fail_msg, sizeof(fail_msg), "%s", what);
	return -1;
}

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void random_bytes(void *buf, size_t len)
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

const char *enctype_name(uint32_t enctype)
{
	switch (enctype) {
	case GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96:
		return "aes256-sha1";
	case GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192:
		return "aes256-sha384";
	}
	return "-";
}

/* ---- rows ---- */

#define ROWS_MAX	160

static struct row rows[ROWS_MAX];
static unsigned int nrows;

struct row *row(const char *name, uint32_t enctype, size_t size,
		enum row_kind kind)
{
	struct row *r;
	unsigned int i;

	for (i = 0; i < nrows; i++) {
		r = &rows[i];
		if (!strcmp(r->name, name) && r->enctype == enctype &&
		    r->size == size && r->kind == kind)
			return r;
	}
	if (nrows == ROWS_MAX) {
		fprintf(stderr, "gssk-bench: too many rows\n");
		exit(1);
	}
	r = &rows[nrows++];
	r->section = section;
	r->name = name;
	r->enctype = enctype;
	r->size = size;
	r->kind = kind;
	for (i = 0; i < NSIDES; i++) {
		r->s[i].ns = calloc(opt_runs, sizeof(double));
		if (!r->s[i].ns) {
			perror("gssk-bench: calloc");
			exit(1);
		}
	}
	return r;
}

void row_target(struct row *r, double target, bool max, const char *note)
{
	r->target = target;
	r->target_max = max;
	r->target_note = note;
}

void series_fail(struct series *s)
{
	if (s->failed)
		return;
	s->failed = true;
	snprintf(s->msg, sizeof(s->msg), "%s", fail_msg);
	failures++;
}

void row_fail(struct row *r)
{
	series_fail(&r->s[SIDE_A]);
	if (r->kind != ROW_GSSK)
		series_fail(&r->s[SIDE_B]);
	if (r->kind == ROW_SCALE)
		series_fail(&r->s[SIDE_C]);
}

bool series_ok(const struct series *s)
{
	return !s->failed && s->runs < opt_runs;
}

void series_add(struct series *s, unsigned long n, uint64_t t)
{
	if (s->runs < opt_runs)
		s->ns[s->runs++] = (double)t / (double)n;
}

/*
 * Next n for a calibration run that took t: a little past the target, and
 * at least one more than before.
 */
static unsigned long calibrate(unsigned long n, uint64_t t)
{
	uint64_t target = (uint64_t)opt_ms * 1000000u;
	double next = (double)n * (double)target * 1.1 / (double)(t ? t : 1);

	if (next > (double)(1ul << 30))
		return 1ul << 30;
	return (unsigned long)next + 1;
}

void measure(struct series *s, unsigned int msgs, op_fn fn, void *arg)
{
	uint64_t target = (uint64_t)opt_ms * 1000000u;
	uint64_t t0, t;

	if (!series_ok(s))
		return;
	if (!msgs)
		msgs = 1;
	if (s->n) {
		t0 = now_ns();
		if (fn(arg, s->n)) {
			series_fail(s);
			return;
		}
		series_add(s, s->n * msgs, now_ns() - t0);
		return;
	}
	/* warm up: a first call opens descriptors, faults pages in */
	if (fn(arg, 1)) {
		series_fail(s);
		return;
	}
	for (s->n = 1;; s->n = calibrate(s->n, t)) {
		t0 = now_ns();
		if (fn(arg, s->n)) {
			series_fail(s);
			return;
		}
		t = now_ns() - t0;
		if (t >= target / 2 || s->n >= (1ul << 30))
			break;
	}
	series_add(s, s->n * msgs, t);
}

/* ---- statistics ---- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median_of(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Best (smallest) and median time per message of a series. */
static void series_stats(const struct series *s, double *best, double *med)
{
	double v[s->runs];

	memcpy(v, s->ns, sizeof(v));
	*med = median_of(v, s->runs);
	*best = v[0];
}

/* The median time of a scale row's runs at 100, before and after. */
static double median_small(const struct row *r)
{
	const struct series *a = &r->s[SIDE_A], *c = &r->s[SIDE_C];
	unsigned int n = a->runs + c->runs;
	double v[n ? n : 1];

	if (!n)
		return 0;
	memcpy(v, a->ns, a->runs * sizeof(double));
	memcpy(v + a->runs, c->ns, c->runs * sizeof(double));
	return median_of(v, n);
}

/*
 * Median over the rounds of A's time / B's time in that round (= B's
 * rate / A's rate); 0 if no round has both.
 */
static double paired_ratio(const struct row *r)
{
	unsigned int n = r->s[SIDE_A].runs < r->s[SIDE_B].runs ?
			 r->s[SIDE_A].runs : r->s[SIDE_B].runs;
	double v[n ? n : 1];
	unsigned int i;

	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		v[i] = r->s[SIDE_A].ns[i] / r->s[SIDE_B].ns[i];
	return median_of(v, n);
}

/* ---- formatting ---- */

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
		snprintf(buf, len, "%.0f us", ns / 1e3);
	else
		snprintf(buf, len, "%.0f ns", ns);
	return buf;
}

/*
 * A row's figure from a time per message: messages per second for small
 * messages, MB/s (10^6 bytes of message) from 16 KiB on, the time itself
 * for rows without messages.
 */
static const char *fmt_value(const struct row *r, double ns, char *buf,
			     size_t len)
{
	double rate = 1e9 / ns;

	if (!r->size)
		return fmt_time(ns, buf, len);
	if (r->size >= 16 * 1024)
		snprintf(buf, len, "%.2f MB/s", rate * (double)r->size / 1e6);
	else if (rate >= 1e4)
		snprintf(buf, len, "%.1fk/s", rate / 1e3);
	else
		snprintf(buf, len, "%.0f/s", rate);
	return buf;
}

static void row_label(const struct row *r, char *buf, size_t len)
{
	char sz[32];

	if (r->size)
		snprintf(buf, len, "%s %s", r->name,
			 fmt_size(r->size, sz, sizeof(sz)));
	else
		snprintf(buf, len, "%s", r->name);
}

/* "best / median" of a series, or why there is none. */
static void fmt_series(const struct row *r, const struct series *s,
		       char *buf, size_t len)
{
	char a[32], b[32];
	double best, med;

	if (s->failed) {
		snprintf(buf, len, "FAILED");
		return;
	}
	if (!s->runs) {
		snprintf(buf, len, "no run");
		return;
	}
	series_stats(s, &best, &med);
	snprintf(buf, len, "%s / %s", fmt_value(r, best, a, sizeof(a)),
		 fmt_value(r, med, b, sizeof(b)));
}

static void fmt_target(const struct row *r, double ratio, char *t,
		       size_t tlen, char *v, size_t vlen)
{
	if (!r->target) {
		snprintf(t, tlen, "-");
		snprintf(v, vlen, "-");
		return;
	}
	snprintf(t, tlen, "%s %.1fx%s%s", r->target_max ? "<=" : ">=",
		 r->target, r->target_note ? " " : "",
		 r->target_note ? r->target_note : "");
	/* judged as printed, to two decimals */
	ratio = (double)(long)(ratio * 100 + 0.5) / 100;
	if (!ratio)
		snprintf(v, vlen, "-");
	else if (r->target_max ? ratio <= r->target : ratio >= r->target)
		snprintf(v, vlen, "met");
	else
		snprintf(v, vlen, "MISSED");
}

static void print_header(const struct row *r)
{
	printf("\n### %s\n\n", r->section);
	switch (r->kind) {
	case ROW_VS_MIT:
		printf("| figure | enctype | MIT best / median | "
		       "gssk best / median | gssk/MIT | target | |\n");
		printf("|---|---|---|---|---|---|---|\n");
		break;
	case ROW_SCALE:
		printf("| figure | enctype | at %u: best / median | "
		       "at %u: best / median | at %u again | %u/%u (medians) | "
		       "target | |\n", SCALE_SMALL, opt_scale, SCALE_SMALL,
		       opt_scale, SCALE_SMALL);
		printf("|---|---|---|---|---|---|---|---|\n");
		break;
	case ROW_GSSK:
		printf("| figure | enctype | gssk best / median |\n");
		printf("|---|---|---|\n");
		break;
	}
}

void print_tables(void)
{
	const char *cur = NULL;
	unsigned int i;

	for (i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		char label[96], a[48], b[48], c[48], ra[32], t[48], v[16];
		double ratio = 0, best, med_a, med_b;

		if (r->section != cur) {
			cur = r->section;
			print_header(r);
		}
		row_label(r, label, sizeof(label));
		fmt_series(r, &r->s[SIDE_A], a, sizeof(a));
		if (r->kind == ROW_GSSK) {
			printf("| %s | %s | %s |\n", label,
			       enctype_name(r->enctype), a);
			continue;
		}
		fmt_series(r, &r->s[SIDE_B], b, sizeof(b));
		if (r->s[SIDE_A].failed || r->s[SIDE_B].failed) {
			ratio = 0;
		} else if (r->kind == ROW_VS_MIT) {
			ratio = paired_ratio(r);
		} else if (r->s[SIDE_A].runs && r->s[SIDE_B].runs) {
			med_a = median_small(r);
			series_stats(&r->s[SIDE_B], &best, &med_b);
			ratio = med_b / med_a;
		}
		if (ratio)
			snprintf(ra, sizeof(ra), "%.2fx", ratio);
		else
			snprintf(ra, sizeof(ra), "-");
		fmt_target(r, ratio, t, sizeof(t), v, sizeof(v));
		if (r->kind == ROW_SCALE) {
			fmt_series(r, &r->s[SIDE_C], c, sizeof(c));
			printf("| %s | %s | %s | %s | %s | %s | %s | %s |\n",
			       label, enctype_name(r->enctype), a, b, c, ra, t,
			       v);
			continue;
		}
		printf("| %s | %s | %s | %s | %s | %s | %s |\n", label,
		       enctype_name(r->enctype), a, b, ra, t, v);
	}
	/* the reasons for failures, below the tables */
	for (i = 0; i < nrows; i++) {
		static const char *const side[][NSIDES] = {
			[ROW_VS_MIT] = { "MIT", "gssk", "-" },
			[ROW_SCALE] = { "at 100", "at many", "at 100 again" },
			[ROW_GSSK] = { "gssk", "-", "-" },
		};
		const struct row *r = &rows[i];
		char label[96];
		unsigned int k;

		for (k = 0; k < NSIDES; k++) {
			if (!r->s[k].failed)
				continue;
			row_label(r, label, sizeof(label));
			printf("FAILED: %s, %s, %s: %s\n", label,
			       enctype_name(r->enctype), side[r->kind][k],
			       r->s[k].msg);
		}
	}
	fflush(stdout);
}
