// SPDX-License-Identifier: GPL-2.0
/*
 * gssk-bench: MIT krb5 in this process, the baseline. Its contexts come
 * from a real exchange with the VM's KDC (tools/vm/realm.sh, started by
 * /init): the initiator uses alice's TGT from the ccache that gssk-kdc
 * leaves, the acceptor the service keytab, and the tokens pass in memory.
 * Both sides of a context stay here; the per-message figures have the
 * initiator wrap (or sign) and the acceptor unwrap (or verify).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define CCACHE_PATH	"/tmp/krb5cc_gssk"
#define KEYTAB_PATH	"/etc/krb5.keytab"

/* One line of MIT's texts for a status code of type type. */
static void mit_text(OM_uint32 code, int type, char *buf, size_t len)
{
	gss_buffer_desc t = GSS_C_EMPTY_BUFFER;
	OM_uint32 m, ctx = 0;

	if (gss_display_status(&m, code, type, GSS_C_NO_OID, &ctx, &t)) {
		snprintf(buf, len, "?");
		return;
	}
	snprintf(buf, len, "%.*s", (int)t.length, (char *)t.value);
	gss_release_buffer(&m, &t);
}

int fail_mit(const char *what, OM_uint32 major, OM_uint32 minor)
{
	char a[96], b[96];

	mit_text(major, GSS_C_GSS_CODE, a, sizeof(a));
	mit_text(minor, GSS_C_MECH_CODE, b, sizeof(b));
	snprintf(fail_msg, sizeof(fail_msg),
		 "%.60s: major 0x%x (%.80s), minor 0x%x (%.80s)",
		 what, major, a, minor, b);
	return -1;
}

int mit_setup(void)
{
	/* the ccache and keytab that the VM's gssk-kdc and realm provide */
	setenv("KRB5CCNAME", "FILE:" CCACHE_PATH, 0);
	setenv("KRB5_KTNAME", "FILE:" KEYTAB_PATH, 0);
	if (access(CCACHE_PATH, R_OK)) {
		fail_errno(CCACHE_PATH " (no TGT: did /init start the KDC, "
			   "gssk-kdc?)");
		return -1;
	}
	return 0;
}

/*
 * Credentials of one side that allow only enctype: the service ticket's
 * session key has the service key's enctype anyway, but without this the
 * acceptor subkey (which RFC 4121 tokens use when there is one) gets the
 * strongest enctype both sides know, 20 for a context of enctype 18.
 */
static int only_enctype(gss_cred_usage_t usage, int32_t enctype,
			gss_cred_id_t *cred)
{
	gss_OID_set_desc krb5 = { 1, (gss_OID)gss_mech_krb5 };
	OM_uint32 major, minor;

	major = gss_acquire_cred(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE,
				 &krb5, usage, cred, NULL, NULL);
	if (major)
		return fail_mit("gss_acquire_cred", major, minor);
	major = gss_krb5_set_allowable_enctypes(&minor, *cred, 1, &enctype);
	if (major)
		return fail_mit("gss_krb5_set_allowable_enctypes", major, minor);
	return 0;
}

int mit_establish(const char *service, int32_t enctype, struct ctx_pair *p,
		  uint64_t *ns)
{
	gss_buffer_desc name = { strlen(service), (void *)service };
	gss_buffer_desc itok = GSS_C_EMPTY_BUFFER, atok = GSS_C_EMPTY_BUFFER;
	OM_uint32 imaj = GSS_S_CONTINUE_NEEDED, amaj = GSS_S_CONTINUE_NEEDED;
	OM_uint32 minor, m;
	gss_cred_id_t icred = GSS_C_NO_CREDENTIAL, acred = GSS_C_NO_CREDENTIAL;
	gss_name_t target = GSS_C_NO_NAME;
	uint64_t t0 = now_ns();
	int err = -1, steps;

	p->ini = p->acc = GSS_C_NO_CONTEXT;
	imaj = gss_import_name(&minor, &name, GSS_KRB5_NT_PRINCIPAL_NAME,
			       &target);
	if (imaj)
		return fail_mit("gss_import_name", imaj, minor);
	if (only_enctype(GSS_C_INITIATE, enctype, &icred) ||
	    only_enctype(GSS_C_ACCEPT, enctype, &acred))
		goto out;
	imaj = GSS_S_CONTINUE_NEEDED;
	/* AP-REQ, AP-REP: two initiator steps and one acceptor step */
	for (steps = 0; steps < 4; steps++) {
		if (imaj == GSS_S_CONTINUE_NEEDED) {
			imaj = gss_init_sec_context(&minor, icred, &p->ini,
					target, (gss_OID)gss_mech_krb5,
					BENCH_GSS_FLAGS, 0,
					GSS_C_NO_CHANNEL_BINDINGS,
					atok.length ? &atok : GSS_C_NO_BUFFER,
					NULL, &itok, NULL, NULL);
			gss_release_buffer(&m, &atok);
			if (GSS_ERROR(imaj)) {
				fail_mit("gss_init_sec_context", imaj, minor);
				goto out;
			}
		}
		if (itok.length) {
			amaj = gss_accept_sec_context(&minor, &p->acc, acred,
					&itok, GSS_C_NO_CHANNEL_BINDINGS, NULL,
					NULL, &atok, NULL, NULL, NULL);
			gss_release_buffer(&m, &itok);
			if (GSS_ERROR(amaj)) {
				fail_mit("gss_accept_sec_context", amaj,
					 minor);
				goto out;
			}
		}
		if (imaj == GSS_S_COMPLETE && amaj == GSS_S_COMPLETE &&
		    !atok.length) {
			err = 0;
			goto out;
		}
	}
	fail_text("the Kerberos exchange did not complete in two round trips");
out:
	gss_release_buffer(&m, &itok);
	gss_release_buffer(&m, &atok);
	gss_release_name(&m, &target);
	gss_release_cred(&m, &icred);
	gss_release_cred(&m, &acred);
	if (err)
		mit_pair_free(p);
	*ns = now_ns() - t0;
	return err;
}

void mit_pair_free(struct ctx_pair *p)
{
	OM_uint32 m;

	if (p->ini != GSS_C_NO_CONTEXT)
		gss_delete_sec_context(&m, &p->ini, GSS_C_NO_BUFFER);
	if (p->acc != GSS_C_NO_CONTEXT)
		gss_delete_sec_context(&m, &p->acc, GSS_C_NO_BUFFER);
}

/* ---- per-message operations ---- */

int msg_arg_init(struct msg_arg *a, struct ctx_pair *p, void *buf,
		 size_t len, unsigned int batch)
{
	unsigned int i;

	memset(a, 0, sizeof(*a));
	a->p = p;
	a->msg.value = buf;
	a->msg.length = len;
	a->batch = batch ? batch : 1;
	a->mit_tok = calloc(a->batch, sizeof(*a->mit_tok));
	a->wrap = calloc(a->batch, sizeof(*a->wrap));
	a->unwrap = calloc(a->batch, sizeof(*a->unwrap));
	if (!a->mit_tok || !a->wrap || !a->unwrap) {
		msg_arg_free(a);
		return fail_errno("calloc");
	}
	for (i = 0; i < a->batch; i++)
		a->wrap[i].input = a->msg;
	return 0;
}

void msg_arg_free(struct msg_arg *a)
{
	free(a->mit_tok);
	free(a->wrap);
	free(a->unwrap);
	a->mit_tok = NULL;
	a->wrap = a->unwrap = NULL;
}

/* One wrap+unwrap with the message compared, before the timed runs. */
int mit_check(struct msg_arg *a)
{
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER, out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, m;
	int conf = 0, same;

	major = gss_wrap(&minor, a->p->ini, 1, GSS_C_QOP_DEFAULT, &a->msg,
			 &conf, &tok);
	if (major)
		return fail_mit("gss_wrap", major, minor);
	major = gss_unwrap(&minor, a->p->acc, &tok, &out, NULL, NULL);
	gss_release_buffer(&m, &tok);
	if (major)
		return fail_mit("gss_unwrap", major, minor);
	same = conf && out.length == a->msg.length &&
	       !memcmp(out.value, a->msg.value, out.length);
	gss_release_buffer(&m, &out);
	if (!same)
		return fail_text("MIT: unwrap did not return the sealed message");
	return 0;
}

static int mit_wrap_one(struct msg_arg *a, gss_buffer_t tok)
{
	OM_uint32 major, minor;
	int conf = 0;

	major = gss_wrap(&minor, a->p->ini, 1, GSS_C_QOP_DEFAULT, &a->msg,
			 &conf, tok);
	if (major)
		return fail_mit("gss_wrap", major, minor);
	if (!conf)
		return fail_text("gss_wrap: conf_state 0");
	return 0;
}

static int mit_unwrap_one(struct msg_arg *a, gss_buffer_t tok)
{
	gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, m;
	size_t len;

	major = gss_unwrap(&minor, a->p->acc, tok, &out, NULL, NULL);
	gss_release_buffer(&m, tok);
	if (major)
		return fail_mit("gss_unwrap", major, minor);
	len = out.length;
	gss_release_buffer(&m, &out);
	if (len != a->msg.length)
		return fail_text("gss_unwrap: wrong length");
	return 0;
}

int mit_op_wrap(void *arg, unsigned long n)
{
	struct msg_arg *a = arg;
	gss_buffer_desc tok;

	while (n--) {
		if (mit_wrap_one(a, &tok) || mit_unwrap_one(a, &tok))
			return -1;
	}
	return 0;
}

/* MIT has no batch: the same messages, one call each, wraps first. */
int mit_op_batch(void *arg, unsigned long n)
{
	struct msg_arg *a = arg;
	unsigned int i, made;
	OM_uint32 m;
	int err;

	while (n--) {
		for (made = 0; made < a->batch; made++)
			if (mit_wrap_one(a, &a->mit_tok[made]))
				break;
		err = made < a->batch ? -1 : 0;
		for (i = 0; i < made; i++) {
			if (err)
				gss_release_buffer(&m, &a->mit_tok[i]);
			else
				err = mit_unwrap_one(a, &a->mit_tok[i]);
		}
		if (err)
			return -1;
	}
	return 0;
}

int mit_op_mic(void *arg, unsigned long n)
{
	struct msg_arg *a = arg;
	gss_buffer_desc tok;
	OM_uint32 major, minor, m;

	while (n--) {
		major = gss_get_mic(&minor, a->p->ini, GSS_C_QOP_DEFAULT,
				    &a->msg, &tok);
		if (major)
			return fail_mit("gss_get_mic", major, minor);
		major = gss_verify_mic(&minor, a->p->acc, &a->msg, &tok, NULL);
		gss_release_buffer(&m, &tok);
		if (major)
			return fail_mit("gss_verify_mic", major, minor);
	}
	return 0;
}

int mit_op_export_import(void *arg, unsigned long n)
{
	gss_ctx_id_t *h = arg;
	gss_buffer_desc tok;
	OM_uint32 major, minor, m;

	while (n--) {
		major = gss_export_sec_context(&minor, h, &tok);
		if (major)
			return fail_mit("gss_export_sec_context", major, minor);
		major = gss_import_sec_context(&minor, &tok, h);
		/*
		 * The token holds the keys in the clear; a careful program
		 * would wipe it, which is not MIT's cost and is left out.
		 */
		gss_release_buffer(&m, &tok);
		if (major)
			return fail_mit("gss_import_sec_context", major, minor);
	}
	return 0;
}
