/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gssk-bench: what its files share. main.c runs the rounds, figure.c
 * times the runs and prints the tables, mit.c is MIT krb5 in-process
 * (the baseline and the Kerberos exchanges), gssk.c the same operations
 * through libgssk, scale.c gssk's context calls at 100 and at 100,000
 * live contexts, memory.c the kernel memory per context and genl.c the
 * raw generic netlink floor.
 */
#ifndef GSSK_BENCH_H
#define GSSK_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gssapi/gssapi_krb5.h>
#include <gssk/gssk.h>

/* options (main.c) */
extern unsigned int opt_runs;	/* rounds */
extern unsigned int opt_ms;	/* length of one run */
extern unsigned int opt_mem;	/* contexts for the memory figure */
extern unsigned int opt_scale;	/* live contexts of the "many" level */
extern bool opt_own_keyring;	/* background contexts in a keyring of their own */

/* ---- failures ---- */

/*
 * The reason the calling thread's last call failed, for its row; set by
 * the fail*() helpers, which return -1.
 */
extern __thread char fail_msg[256];
int fail_gssk(const char *what, OM_uint32 major, OM_uint32 minor);
int fail_mit(const char *what, OM_uint32 major, OM_uint32 minor);
int fail_errno(const char *what);
int fail_text(const char *what);
/* Failures so far (the exit status). */
extern int failures;

uint64_t now_ns(void);
void random_bytes(void *buf, size_t len);
const char *enctype_name(uint32_t enctype);

/* ---- figures (figure.c) ---- */

/* Run the operation n times; 0, or -1 with fail_msg set. */
typedef int (*op_fn)(void *arg, unsigned long n);

/* The runs of one implementation for one row, in round order. */
struct series {
	unsigned long n;	/* operations per run, 0: not calibrated */
	double *ns;		/* time per message of each run */
	unsigned int runs;
	bool failed;
	char msg[256];
};

enum side { SIDE_A, SIDE_B, SIDE_C, NSIDES };

/*
 * A row compares series: MIT (A) and gssk (B) for the comparisons; gssk
 * at 100 (A), at opt_scale (B) and at 100 again afterwards (C) live
 * contexts for the scale rows.
 */
enum row_kind {
	ROW_VS_MIT,	/* ratio: gssk's rate / MIT's, paired per round */
	ROW_SCALE,	/* ratio: median time at B / median at A and C */
	ROW_GSSK,	/* gssk only (A) */
};

struct row {
	const char *section;
	const char *name;
	uint32_t enctype;	/* 0: none */
	size_t size;		/* message size, 0: none */
	enum row_kind kind;
	double target;		/* the ratio wanted (0: none) */
	bool target_max;	/* target is an upper bound (ROW_SCALE) */
	const char *target_note;
	struct series s[NSIDES];
};

/* The current section of new rows (a table heading). */
extern const char *section;

/* The row so named (created on first use, in the current section). */
struct row *row(const char *name, uint32_t enctype, size_t size,
		enum row_kind kind);
void row_target(struct row *r, double target, bool max, const char *note);

/* Mark a series, or both of a row, failed with fail_msg. */
void series_fail(struct series *s);
void row_fail(struct row *r);
bool series_ok(const struct series *s);

/*
 * One run of fn into s (this round's). In the first run, warm up with
 * one call of one operation, then calibrate n until a run lasts at least
 * half of opt_ms; that last run counts.
 */
void measure(struct series *s, unsigned int msgs, op_fn fn, void *arg);
/*
 * For operations timed from the inside (scale.c): add a run of n
 * operations that took t ns.
 */
void series_add(struct series *s, unsigned long n, uint64_t t);

void print_tables(void);

/* ---- contexts ---- */

/* Both ends of one context, in this process. */
struct ctx_pair {
	gss_ctx_id_t ini, acc;
};

/* The request flags of every exchange. */
#define BENCH_GSS_FLAGS	(GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG | \
			 GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG | \
			 GSS_C_INTEG_FLAG)

/* The service principal whose contexts have this enctype (realm.sh). */
const char *service_for(uint32_t enctype);

/* mit.c */
int mit_setup(void);
/*
 * A context of service, both sides MIT with credentials that allow only
 * enctype, tokens passed in memory; the exchange's wall time in *ns.
 */
int mit_establish(const char *service, int32_t enctype, struct ctx_pair *p,
		  uint64_t *ns);
void mit_pair_free(struct ctx_pair *p);

/* The message-level operations, MIT (mit.c) and gssk (gssk.c). */
struct msg_arg {
	struct ctx_pair *p;
	gss_buffer_desc msg;	/* the message, shared by every copy */
	unsigned int batch;	/* messages per operation */
	/* scratch for a batch, batch entries each */
	gss_buffer_desc *mit_tok;
	struct gssk_batch_msg *wrap, *unwrap;
};

int msg_arg_init(struct msg_arg *a, struct ctx_pair *p, void *buf,
		 size_t len, unsigned int batch);
void msg_arg_free(struct msg_arg *a);

int mit_check(struct msg_arg *a);
int mit_op_wrap(void *arg, unsigned long n);
int mit_op_batch(void *arg, unsigned long n);
int mit_op_mic(void *arg, unsigned long n);
/* arg: gss_ctx_id_t * of an MIT context; it moves at every operation */
int mit_op_export_import(void *arg, unsigned long n);

/* gssk.c */
/*
 * A context established like mit_establish()'s, both sides then moved
 * into the kernel with gssk_krb5_load_sec_context; the time of each
 * load in load_ns[0] (initiator) and [1] (acceptor).
 */
int gssk_establish(const char *service, int32_t enctype, struct ctx_pair *p,
		   uint64_t *ns, uint64_t load_ns[2]);
void gssk_pair_free(struct ctx_pair *p);
int gssk_check(struct msg_arg *a);
int gssk_op_wrap(void *arg, unsigned long n);
int gssk_op_batch(void *arg, unsigned long n);
int gssk_op_mic(void *arg, unsigned long n);
int gssk_op_export_import(void *arg, unsigned long n);
int gssk_op_inquire(void *arg, unsigned long n);
int gssk_op_wrap_size_limit(void *arg, unsigned long n);

/*
 * Run fn(args[i], n) in nthreads threads at once (one operation count n
 * for each); returns when all are done. For measure(): an op_fn whose arg
 * is a struct threads.
 */
#define THREADS_MAX	2
struct threads {
	op_fn fn;
	unsigned int nthreads;
	void *args[THREADS_MAX];
};
int op_threads(void *arg, unsigned long n);

/* ---- scale.c, memory.c, genl.c ---- */

/* Fields like those of a real context (of h), with fresh random keys. */
struct fields_buf {
	struct gssk_context_fields f;
	uint8_t key[32], subkey[32];
	char init_name[256], acc_name[256];
};
int fields_like(gss_ctx_id_t h, struct fields_buf *fb);

void scale_round_small(const struct fields_buf *fb, unsigned int nfb);
int scale_fill(const struct fields_buf *fb, unsigned int nfb);
void scale_round_many(const struct fields_buf *fb, unsigned int nfb);
int scale_drain(void);
void scale_round_again(const struct fields_buf *fb, unsigned int nfb);
void scale_cleanup(void);
/* The live contexts of the "few" level of the scale rows. */
#define SCALE_SMALL	100u

/* live contexts of this program that the key GC must not go below */
extern long base_keys;

int read_key_users(long *qnkeys, long *qnbytes);
/* Wait (at most 30 s) until this uid has no more than keys keys. */
void wait_key_gc(long keys);
/* The same, for at most seconds s. */
void wait_keys(long keys, unsigned int s);
/* Raise root's key quota to hold n more contexts; put it back later. */
int quota_raise(unsigned long contexts);
void quota_restore(void);

struct mem_snap {
	long qnkeys, qnbytes;	/* this uid's line of /proc/key-users */
	long long slab;		/* sum of active_objs * objsize; -1: unknown */
	long long slab_kb;	/* Slab (meminfo) */
};
int mem_snap(struct mem_snap *s);
/* The memory rows: n contexts between a and b. */
void mem_record(const char *what, uint32_t enctype, unsigned long n,
		const struct mem_snap *a, const struct mem_snap *b);
void bench_memory(const struct fields_buf *fb);
void print_memory(void);

int genl_check_module(void);
void bench_genl(void);
void bench_raw_inquire(struct series *s, gss_ctx_id_t h);

#endif
