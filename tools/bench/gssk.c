// SPDX-License-Identifier: GPL-2.0
/*
 * gssk-bench: the operations of mit.c through libgssk, on contexts that
 * came from the same kind of Kerberos exchange and were then moved into
 * the kernel with gssk_krb5_load_sec_context; and the threads that run
 * either side's operations in parallel.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gssk/gssk_krb5.h>

#include "bench.h"

int fail_gssk(const char *what, OM_uint32 major, OM_uint32 minor)
{
	const char *m = gssk_last_error();

	snprintf(fail_msg, sizeof(fail_msg), "%s: major 0x%x minor 0x%x: %s",
		 what, major, minor, m && *m ? m : "(no message)");
	return -1;
}

static int krb5_load(gss_ctx_id_t *mit, gss_ctx_id_t *h, uint64_t *ns)
{
	OM_uint32 major, minor;
	uint64_t t0 = now_ns();

	major = gssk_krb5_load_sec_context(&minor, mit, 0, NULL, h);
	*ns = now_ns() - t0;
	if (major)
		return fail_gssk("gssk_krb5_load_sec_context", major, minor);
	return 0;
}

int gssk_establish(const char *service, int32_t enctype, struct ctx_pair *p,
		   uint64_t *ns, uint64_t load_ns[2])
{
	struct ctx_pair mit;

	p->ini = p->acc = GSS_C_NO_CONTEXT;
	if (mit_establish(service, enctype, &mit, ns))
		return -1;
	/* before any per-message token (see README, Known limitations) */
	if (krb5_load(&mit.ini, &p->ini, &load_ns[0]) ||
	    krb5_load(&mit.acc, &p->acc, &load_ns[1])) {
		mit_pair_free(&mit);
		gssk_pair_free(p);
		return -1;
	}
	return 0;
}

void gssk_pair_free(struct ctx_pair *p)
{
	OM_uint32 m;

	if (p->ini != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&m, &p->ini, GSS_C_NO_BUFFER);
	if (p->acc != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&m, &p->acc, GSS_C_NO_BUFFER);
}

/* ---- per-message operations ---- */

int gssk_check(struct msg_arg *a)
{
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER, out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, m;
	int conf = 0, same;

	major = gssk_wrap(&minor, a->p->ini, 1, GSS_C_QOP_DEFAULT, &a->msg,
			  &conf, &tok);
	if (major)
		return fail_gssk("gssk_wrap", major, minor);
	major = gssk_unwrap(&minor, a->p->acc, &tok, &out, NULL, NULL);
	gssk_release_buffer(&m, &tok);
	if (major)
		return fail_gssk("gssk_unwrap", major, minor);
	same = conf && out.length == a->msg.length &&
	       !memcmp(out.value, a->msg.value, out.length);
	gssk_release_buffer(&m, &out);
	if (!same)
		return fail_text("gssk: unwrap did not return the sealed message");
	return 0;
}

int gssk_op_wrap(void *arg, unsigned long n)
{
	struct msg_arg *a = arg;
	gss_buffer_desc tok, out;
	OM_uint32 major, minor, m;
	size_t len;
	int conf;

	while (n--) {
		major = gssk_wrap(&minor, a->p->ini, 1, GSS_C_QOP_DEFAULT,
				  &a->msg, &conf, &tok);
		if (major)
			return fail_gssk("gssk_wrap", major, minor);
		if (!conf) {
			gssk_release_buffer(&m, &tok);
			return fail_text("gssk_wrap: conf_state 0");
		}
		major = gssk_unwrap(&minor, a->p->acc, &tok, &out, NULL, NULL);
		gssk_release_buffer(&m, &tok);
		if (major)
			return fail_gssk("gssk_unwrap", major, minor);
		len = out.length;
		gssk_release_buffer(&m, &out);
		if (len != a->msg.length)
			return fail_text("gssk_unwrap: wrong length");
	}
	return 0;
}

static void release_outputs(struct gssk_batch_msg *msgs, unsigned int n)
{
	OM_uint32 m;
	unsigned int i;

	for (i = 0; i < n; i++)
		gssk_release_buffer(&m, &msgs[i].output);
}

/* One gssk_wrap_batch of a->batch messages, one gssk_unwrap_batch. */
int gssk_op_batch(void *arg, unsigned long n)
{
	struct msg_arg *a = arg;
	unsigned int i, k = a->batch;
	OM_uint32 major, minor;
	int err = 0;

	while (n-- && !err) {
		major = gssk_wrap_batch(&minor, a->p->ini, 1,
					GSS_C_QOP_DEFAULT, a->wrap, k);
		if (major) {
			err = fail_gssk("gssk_wrap_batch", major, minor);
			release_outputs(a->wrap, k);
			break;
		}
		for (i = 0; i < k; i++) {
			if (!a->wrap[i].conf_state)
				err = fail_text("gssk_wrap_batch: conf_state 0");
			a->unwrap[i].input = a->wrap[i].output;
		}
		major = gssk_unwrap_batch(&minor, a->p->acc, a->unwrap, k);
		if (major && !err)
			err = fail_gssk("gssk_unwrap_batch", major, minor);
		for (i = 0; i < k && !err; i++)
			if (a->unwrap[i].output.length != a->msg.length)
				err = fail_text("gssk_unwrap_batch: wrong length");
		release_outputs(a->wrap, k);
		release_outputs(a->unwrap, k);
	}
	return err;
}

int gssk_op_mic(void *arg, unsigned long n)
{
	struct msg_arg *a = arg;
	gss_buffer_desc tok;
	OM_uint32 major, minor, m;

	while (n--) {
		major = gssk_get_mic(&minor, a->p->ini, GSS_C_QOP_DEFAULT,
				     &a->msg, &tok);
		if (major)
			return fail_gssk("gssk_get_mic", major, minor);
		major = gssk_verify_mic(&minor, a->p->acc, &a->msg, &tok, NULL);
		gssk_release_buffer(&m, &tok);
		if (major)
			return fail_gssk("gssk_verify_mic", major, minor);
	}
	return 0;
}

/* The context moves: each export ends the handle's key, the import makes a new one. */
int gssk_op_export_import(void *arg, unsigned long n)
{
	gss_ctx_id_t *h = arg;
	gss_buffer_desc tok;
	OM_uint32 major, minor, m;

	while (n--) {
		major = gssk_export_sec_context(&minor, h, &tok);
		if (major)
			return fail_gssk("gssk_export_sec_context", major, minor);
		major = gssk_import_sec_context(&minor, &tok, h);
		gssk_release_buffer(&m, &tok);
		if (major)
			return fail_gssk("gssk_import_sec_context", major, minor);
	}
	return 0;
}

int gssk_op_inquire(void *arg, unsigned long n)
{
	gss_ctx_id_t h = *(gss_ctx_id_t *)arg;
	OM_uint32 major, minor, lifetime, flags;
	gss_name_t src, targ;
	int local, open;

	while (n--) {
		major = gssk_inquire_context(&minor, h, &src, &targ, &lifetime,
					     NULL, &flags, &local, &open);
		if (major)
			return fail_gssk("gssk_inquire_context", major, minor);
		gssk_release_name(&minor, &src);
		gssk_release_name(&minor, &targ);
	}
	return 0;
}

/* One ioctl on the context descriptor that does no crypto. */
int gssk_op_wrap_size_limit(void *arg, unsigned long n)
{
	gss_ctx_id_t h = *(gss_ctx_id_t *)arg;
	OM_uint32 major, minor, max;

	while (n--) {
		major = gssk_wrap_size_limit(&minor, h, 1, GSS_C_QOP_DEFAULT,
					     4096, &max);
		if (major)
			return fail_gssk("gssk_wrap_size_limit", major, minor);
	}
	return 0;
}

/* ---- threads ---- */

struct thread_run {
	pthread_t tid;
	op_fn fn;
	void *arg;
	unsigned long n;
	pthread_barrier_t *start;
	int err;
	char msg[sizeof(fail_msg)];
};

static void *thread_main(void *arg)
{
	struct thread_run *t = arg;

	pthread_barrier_wait(t->start);
	t->err = t->fn(t->arg, t->n);
	if (t->err)
		memcpy(t->msg, fail_msg, sizeof(t->msg));
	return NULL;
}

int op_threads(void *arg, unsigned long n)
{
	struct threads *th = arg;
	struct thread_run t[THREADS_MAX];
	pthread_barrier_t start;
	unsigned int i, started;
	int err = 0, e;

	if (!th->nthreads || th->nthreads > THREADS_MAX)
		return fail_text("op_threads: bad thread count");
	if ((e = pthread_barrier_init(&start, NULL, th->nthreads))) {
		errno = e;
		return fail_errno("pthread_barrier_init");
	}
	for (started = 0; started < th->nthreads; started++) {
		t[started] = (struct thread_run){
			.fn = th->fn, .arg = th->args[started], .n = n,
			.start = &start,
		};
		e = pthread_create(&t[started].tid, NULL, thread_main,
				   &t[started]);
		if (e) {
			/* the barrier would never open */
			fprintf(stderr, "gssk-bench: pthread_create: %s\n",
				strerror(e));
			exit(1);
		}
	}
	for (i = 0; i < started; i++) {
		pthread_join(t[i].tid, NULL);
		if (t[i].err && !err) {
			memcpy(fail_msg, t[i].msg, sizeof(fail_msg));
			err = -1;
		}
	}
	pthread_barrier_destroy(&start);
	return err;
}
