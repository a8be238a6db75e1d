// SPDX-License-Identifier: GPL-2.0
/*
 * gssk-bench: kernel memory per context, and the key quota.
 *
 * The memory figures compare two snapshots, before and after loading n
 * contexts: the key quota this uid is charged (/proc/key-users: keys and
 * bytes), the slab objects in use (/proc/slabinfo active_objs x objsize,
 * root only) and the Slab pages of /proc/meminfo. They are taken for
 * opt_mem contexts first, and again over the fill of the scale figures
 * (scale.c) when it runs.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

int read_key_users(long *qnkeys, long *qnbytes)
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

int mem_snap(struct mem_snap *s)
{
	if (read_key_users(&s->qnkeys, &s->qnbytes))
		return -1;
	s->slab = read_slab();
	s->slab_kb = meminfo_kb("Slab");
	return 0;
}

/* Busy and total jiffies of all CPUs so far (/proc/stat). */
static int cpu_jiffies(unsigned long long *busy, unsigned long long *total)
{
	unsigned long long v[8] = { 0 };
	FILE *f = fopen("/proc/stat", "r");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
		   &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
	fclose(f);
	if (n != 8)
		return -1;
	/* user nice system idle iowait irq softirq steal */
	*busy = v[0] + v[1] + v[2] + v[5] + v[6];
	*total = *busy + v[3] + v[4] + v[7];
	return 0;
}

/*
 * Wait (at most s seconds) until the machine is quiet: a 100 ms window in
 * which the CPUs were at least 90 % idle. The collector's last pass may
 * still run when the key count is back (a pass that destroyed keys is
 * followed by another), and with 100,000 keys a pass takes tens of ms.
 */
static void wait_quiet(unsigned int s)
{
	unsigned long long b0, t0, b1, t1;
	unsigned int i;

	for (i = 0; i < s * 10; i++) {
		if (cpu_jiffies(&b0, &t0))
			return;
		usleep(100000);
		if (cpu_jiffies(&b1, &t1))
			return;
		if (t1 > t0 && (b1 - b0) * 10 <= t1 - t0)
			return;
	}
}

/*
 * Deleted keys are charged until the key garbage collector destroys them:
 * wait (at most 30 s by default: with 100,000 keys a pass of the
 * collector is slow under TCG) until this uid's key count is back to
 * keys, then until the collector's last pass is over, so that one run's
 * collection does not land in the next.
 */
void wait_key_gc(long keys)
{
	wait_keys(keys, 30);
	wait_quiet(5);
}

void wait_keys(long keys, unsigned int seconds)
{
	uint64_t end = now_ns() + seconds * 1000000000ull;
	long qnkeys = 0, qnbytes;

	while (now_ns() < end) {
		if (read_key_users(&qnkeys, &qnbytes) || qnkeys <= keys)
			return;
		usleep(10000);
	}
	fprintf(stderr, "gssk-bench: the key GC left %ld keys, not %ld, "
		"after %u s\n", qnkeys, keys, seconds);
}

/* ---- the key quota ---- */

struct quota_file {
	const char *path;
	long old;	/* 0: not changed */
};

static struct quota_file quota_files[] = {
	{ "/proc/sys/kernel/keys/root_maxkeys", 0 },
	{ "/proc/sys/kernel/keys/root_maxbytes", 0 },
	{ "/proc/sys/kernel/keys/maxkeys", 0 },
	{ "/proc/sys/kernel/keys/maxbytes", 0 },
};

static int read_long(const char *path, long *v)
{
	FILE *f = fopen(path, "re");
	int ok;

	if (!f)
		return fail_errno(path);
	ok = fscanf(f, "%ld", v) == 1;
	fclose(f);
	if (!ok) {
		errno = EINVAL;
		return fail_errno(path);
	}
	return 0;
}

static int write_long(const char *path, long v)
{
	FILE *f = fopen(path, "we");
	int err = 0;

	if (!f)
		return fail_errno(path);
	if (fprintf(f, "%ld\n", v) < 0)
		err = -1;
	if (fclose(f))
		err = -1;
	return err ? fail_errno(path) : 0;
}

/*
 * Raise the key quotas, root's and other users', as a server that holds
 * many contexts must, so that this uid can hold contexts more contexts
 * of at most 8 KiB each; quota_restore() puts the old limits back.
 */
int quota_raise(unsigned long contexts)
{
	long qnkeys, qnbytes, want[4], cur;
	unsigned int i;
	double bytes;

	if (read_key_users(&qnkeys, &qnbytes))
		return -1;
	bytes = (double)qnbytes + (double)contexts * 8192;
	if (bytes > INT_MAX)
		bytes = INT_MAX;
	want[0] = want[2] = qnkeys + (long)contexts + 1000;
	want[1] = want[3] = (long)bytes;
	for (i = 0; i < 4; i++) {
		if (read_long(quota_files[i].path, &cur))
			return -1;
		if (cur >= want[i])
			continue;
		if (write_long(quota_files[i].path, want[i]))
			return -1;
		quota_files[i].old = cur;
		printf("gssk-bench: %s raised from %ld to %ld\n",
		       quota_files[i].path, cur, want[i]);
	}
	return 0;
}

void quota_restore(void)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		if (!quota_files[i].old)
			continue;
		if (write_long(quota_files[i].path, quota_files[i].old))
			fprintf(stderr, "gssk-bench: %s\n", fail_msg);
		quota_files[i].old = 0;
	}
}

/* ---- the rows ---- */

struct mem_row {
	const char *what;
	uint32_t enctype;
	unsigned long n;
	struct mem_snap a, b;
	char failed[256];
};

#define MEM_ROWS_MAX	8
static struct mem_row mem_rows[MEM_ROWS_MAX];
static unsigned int nmem_rows;

static struct mem_row *mem_row(const char *what, uint32_t enctype,
			       unsigned long n)
{
	struct mem_row *m;

	if (nmem_rows == MEM_ROWS_MAX) {
		fprintf(stderr, "gssk-bench: too many memory rows\n");
		exit(1);
	}
	m = &mem_rows[nmem_rows++];
	m->what = what;
	m->enctype = enctype;
	m->n = n;
	return m;
}

void mem_record(const char *what, uint32_t enctype, unsigned long n,
		const struct mem_snap *a, const struct mem_snap *b)
{
	struct mem_row *m = mem_row(what, enctype, n);

	m->a = *a;
	m->b = *b;
}

static void mem_failed(const char *what, uint32_t enctype, unsigned long n)
{
	struct mem_row *m = mem_row(what, enctype, n);

	snprintf(m->failed, sizeof(m->failed), "%s", fail_msg);
	failures++;
}

/*
 * opt_mem contexts like fb[i] (one per enctype), loaded and measured
 * one enctype after the other.
 */
void bench_memory(const struct fields_buf *fb)
{
	unsigned int i, n = opt_mem;
	struct mem_snap a, b;
	gss_ctx_id_t *h;
	OM_uint32 major, minor;

	h = calloc(n, sizeof(*h));
	if (!h) {
		perror("gssk-bench: calloc");
		exit(1);
	}
	for (; fb->f.enctype; fb++) {
		const char *what = "loaded with gssk_load_sec_context";

		/* warm the caches: a first context allocates more */
		for (i = 0; i < 10 && i < n; i++)
			if ((major = gssk_load_sec_context(&minor, &fb->f, 0,
							   NULL, &h[i])))
				goto failed;
		for (i = 0; i < n; i++)
			gssk_delete_sec_context(&minor, &h[i], GSS_C_NO_BUFFER);
		wait_key_gc(base_keys);

		if (mem_snap(&a))
			goto failed_errno;
		for (i = 0; i < n; i++)
			if ((major = gssk_load_sec_context(&minor, &fb->f, 0,
							   NULL, &h[i])))
				goto failed;
		if (mem_snap(&b))
			goto failed_errno;
		mem_record(what, fb->f.enctype, n, &a, &b);
		goto next;
failed:
		fail_gssk("gssk_load_sec_context", major, minor);
failed_errno:
		mem_failed(what, fb->f.enctype, n);
next:
		for (i = 0; i < n; i++)
			gssk_delete_sec_context(&minor, &h[i], GSS_C_NO_BUFFER);
		wait_key_gc(base_keys);
	}
	free(h);
}

void print_memory(void)
{
	unsigned int i;

	printf("\n### Kernel memory per context\n\n");
	printf("| contexts | enctype | key quota per context | "
	       "slab objects per context | slab pages per context |\n");
	printf("|---|---|---|---|---|\n");
	for (i = 0; i < nmem_rows; i++) {
		const struct mem_row *m = &mem_rows[i];
		double d = (double)m->n;
		char slab[32], pages[32];

		if (m->failed[0]) {
			printf("| %lu %s | %s | FAILED: %s | | |\n", m->n,
			       m->what, enctype_name(m->enctype), m->failed);
			continue;
		}
		if (m->a.slab >= 0 && m->b.slab >= 0)
			snprintf(slab, sizeof(slab), "%.0f B",
				 (double)(m->b.slab - m->a.slab) / d);
		else
			snprintf(slab, sizeof(slab), "(not root)");
		if (m->a.slab_kb >= 0 && m->b.slab_kb >= 0)
			snprintf(pages, sizeof(pages), "%.0f B",
				 (double)(m->b.slab_kb - m->a.slab_kb) * 1024 / d);
		else
			snprintf(pages, sizeof(pages), "-");
		printf("| %lu %s | %s | %.0f B, %.2f keys | %s | %s |\n", m->n,
		       m->what, enctype_name(m->enctype),
		       (double)(m->b.qnbytes - m->a.qnbytes) / d,
		       (double)(m->b.qnkeys - m->a.qnkeys) / d, slab, pages);
	}
	printf("\nKey quota: /proc/key-users (qnbytes, qnkeys); slab objects: "
	       "/proc/slabinfo active_objs x objsize; slab pages: "
	       "/proc/meminfo Slab.\n");
	fflush(stdout);
}
