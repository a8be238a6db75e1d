// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gssk_krb5_load_sec_context(): move an established MIT krb5 context into
 * the kernel.
 *
 * The keys and sequence numbers come from MIT's lucid context (version 1),
 * fetched with gss_inquire_sec_context_by_oid() and the lucid-export OID:
 * that is what gss_krb5_export_lucid_sec_context() does internally, but
 * that call also deletes the MIT context at once, so a kernel refusal would
 * lose it. Here the MIT context is deleted only after the kernel has taken
 * the keys; on any failure it is left as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gssapi/gssapi_krb5.h>

#include <gssk/gssk_krb5.h>
#include "internal.h"
#include "mit_gssapi.h"

/* 1.2.840.113554.1.2.2.5.6 (MIT's lucid-context export) + version 1. */
static const unsigned char lucid_v1_oid_bytes[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02, 0x05, 0x06, 0x01
};

#define LUCID_PROTOCOL_CFX 1	/* RFC 4121 tokens; 0 is RFC 1964 */

/* What the MIT context says about itself, kept until the load is done. */
struct mit_view {
	gss_buffer_desc init_name;
	gss_buffer_desc acc_name;
	OM_uint32 flags;
	gss_buffer_set_t lucid_set;
	gss_krb5_lucid_context_v1_t *lucid;
};

static OM_uint32 refuse(OM_uint32 *minor, OM_uint32 major, OM_uint32 code)
{
	*minor = code;
	return major;
}

/* A refusal from MIT: its text goes to gssk_last_error(). */
static OM_uint32 mit_refused(OM_uint32 *minor, const struct gsskp_mit *mit,
			     const char *what, OM_uint32 major,
			     OM_uint32 mit_minor, OM_uint32 code)
{
	char text[256];

	gsskp_set_error("%s: %s", what,
			gsskp_mit_status(mit, major, mit_minor, text,
					 sizeof(text)));
	return refuse(minor, GSS_ROUTINE_ERROR(major) ?
			     GSS_ROUTINE_ERROR(major) : GSS_S_FAILURE, code);
}

/* The display form of an MIT name into out, NUL-terminated. */
static int name_text(const struct gsskp_mit *mit, gss_name_t name,
		     gss_buffer_desc *out)
{
	OM_uint32 minor;
	gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
	int ret;

	if (name == GSS_C_NO_NAME)
		return 0;
	if (mit->display_name(&minor, name, &text, NULL) != GSS_S_COMPLETE)
		return 0;	/* an anonymous or odd name: loaded without it */
	ret = gsskp_buffer_set(out, text.value, text.length);
	mit->release_buffer(&minor, &text);
	return ret;
}

static OM_uint32 inquire(OM_uint32 *minor, const struct gsskp_mit *mit,
			 gss_ctx_id_t ctx, struct mit_view *v)
{
	gss_name_t src = GSS_C_NO_NAME, targ = GSS_C_NO_NAME;
	gss_OID mech = GSS_C_NO_OID;
	OM_uint32 major, m, lifetime;
	int local, open = 0, err;

	major = mit->inquire_context(&m, ctx, &src, &targ, &lifetime, &mech,
				     &v->flags, &local, &open);
	/* MIT refuses a context that is not established with NO_CONTEXT */
	if (GSS_ERROR(major))
		return mit_refused(minor, mit,
				   "MIT krb5 cannot describe the context",
				   major, m, GSSK_MINOR_KRB5_FAILED);
	if (!open) {
		gsskp_set_error("MIT krb5 says the context is not established yet (its init or accept call wants another round)");
		major = refuse(minor, GSS_S_NO_CONTEXT,
			       GSSK_MINOR_KRB5_INCOMPLETE);
		goto out;
	}
	if (!mech || !gsskp_oid_equal(mech, &gsskp_krb5_mech_oid)) {
		gsskp_set_error("the context's mechanism is not Kerberos 5 (1.2.840.113554.1.2.2)");
		major = refuse(minor, GSS_S_BAD_MECH,
			       GSSK_MINOR_KRB5_NOT_KRB5);
		goto out;
	}
	err = name_text(mit, src, &v->init_name);
	if (!err)
		err = name_text(mit, targ, &v->acc_name);
	if (err) {
		major = refuse(minor, GSS_S_FAILURE, GSSK_MINOR_NO_MEMORY);
		goto out;
	}
out:
	mit->release_name(&m, &src);
	mit->release_name(&m, &targ);
	return major;
}

static bool gssk_enctype(OM_uint32 type)
{
	/* 25 and 26 (Camellia, RFC 6803): the kernel says if it has them */
	return (type >= GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96 &&
		type <= GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192) ||
	       type == GSSK_ENCTYPE_CAMELLIA128_CTS_CMAC ||
	       type == GSSK_ENCTYPE_CAMELLIA256_CTS_CMAC;
}

static OM_uint32 read_lucid(OM_uint32 *minor, const struct gsskp_mit *mit,
			    gss_ctx_id_t ctx, struct mit_view *v)
{
	gss_OID_desc oid = { sizeof(lucid_v1_oid_bytes),
			     (void *)lucid_v1_oid_bytes };
	const gss_krb5_cfx_keydata_t *cfx;
	OM_uint32 major, m;

	major = mit->inquire_by_oid(&m, ctx, &oid, &v->lucid_set);
	if (GSS_ERROR(major))
		return mit_refused(minor, mit,
				   "MIT krb5 cannot give the context's keys",
				   major, m, GSSK_MINOR_KRB5_FAILED);
	if (!v->lucid_set || v->lucid_set->count != 1 ||
	    v->lucid_set->elements[0].length != sizeof(void *)) {
		gsskp_set_error("MIT krb5 returned no lucid context");
		return refuse(minor, GSS_S_FAILURE, GSSK_MINOR_KRB5_FAILED);
	}
	memcpy(&v->lucid, v->lucid_set->elements[0].value, sizeof(void *));
	if (!v->lucid || v->lucid->version != 1) {
		gsskp_set_error("MIT krb5 returned an unknown lucid context");
		return refuse(minor, GSS_S_FAILURE, GSSK_MINOR_KRB5_FAILED);
	}
	if (v->lucid->protocol != LUCID_PROTOCOL_CFX) {
		gsskp_set_error("the context's enctype %u uses RFC 1964 tokens",
				v->lucid->rfc1964_kd.ctx_key.type);
		return refuse(minor, GSS_S_FAILURE, GSSK_MINOR_KRB5_RFC1964);
	}
	cfx = &v->lucid->cfx_kd;
	if (!gssk_enctype(cfx->ctx_key.type) ||
	    (cfx->have_acceptor_subkey &&
	     !gssk_enctype(cfx->acceptor_subkey.type))) {
		gsskp_set_error("enctype %u is not one of 17, 18, 19, 20, 25, 26",
				gssk_enctype(cfx->ctx_key.type) ?
				cfx->acceptor_subkey.type : cfx->ctx_key.type);
		return refuse(minor, GSS_S_FAILURE, GSSK_MINOR_BAD_ENCTYPE);
	}
	return GSS_S_COMPLETE;
}

/* Zero the lucid keys, then let MIT free the lucid context. */
static void wipe_lucid(const struct gsskp_mit *mit, struct mit_view *v)
{
	gss_krb5_lucid_context_v1_t *l = v->lucid;
	OM_uint32 m;

	/* another version's layout is unknown: only MIT may free it */
	if (l && l->version == 1) {
		if (l->protocol == LUCID_PROTOCOL_CFX) {
			if (l->cfx_kd.ctx_key.data)
				explicit_bzero(l->cfx_kd.ctx_key.data,
					       l->cfx_kd.ctx_key.length);
			if (l->cfx_kd.acceptor_subkey.data)
				explicit_bzero(l->cfx_kd.acceptor_subkey.data,
					l->cfx_kd.acceptor_subkey.length);
		} else if (l->rfc1964_kd.ctx_key.data) {
			explicit_bzero(l->rfc1964_kd.ctx_key.data,
				       l->rfc1964_kd.ctx_key.length);
		}
	}
	if (l)
		mit->free_lucid(&m, l);
	if (v->lucid_set)
		mit->release_buffer_set(&m, &v->lucid_set);
	free(v->init_name.value);
	free(v->acc_name.value);
}

static void fill_fields(const struct mit_view *v,
			struct gssk_context_fields *f)
{
	const gss_krb5_cfx_keydata_t *cfx = &v->lucid->cfx_kd;

	memset(f, 0, sizeof(*f));
	f->enctype = cfx->ctx_key.type;
	f->initiate = v->lucid->initiate != 0;
	f->key = cfx->ctx_key.data;
	f->key_len = cfx->ctx_key.length;
	if (cfx->have_acceptor_subkey) {
		f->subkey_enctype = cfx->acceptor_subkey.type;
		f->subkey = cfx->acceptor_subkey.data;
		f->subkey_len = cfx->acceptor_subkey.length;
	}
	f->flags = v->flags;
	f->send_seq = v->lucid->send_seq;
	f->recv_seq = v->lucid->recv_seq;
	f->initiator_name = v->init_name.value;
	f->acceptor_name = v->acc_name.value;
	f->endtime = v->lucid->endtime;
}

GSSK_EXPORT OM_uint32 gssk_krb5_load_sec_context(OM_uint32 *minor_status,
			gss_ctx_id_t *krb5_context_handle,
			int32_t keyring, const char *description,
			gss_ctx_id_t *context_handle)
{
	struct mit_view view = { 0 };
	struct gssk_context_fields fields;
	struct gsskp_mit mit;
	OM_uint32 major, m;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*context_handle = GSS_C_NO_CONTEXT;
	if (!krb5_context_handle)
		return GSS_S_CALL_INACCESSIBLE_READ;
	if (*krb5_context_handle == GSS_C_NO_CONTEXT)
		return GSS_S_NO_CONTEXT;
	if (gsskp_ctx_check(*krb5_context_handle)) {
		gsskp_set_error("the handle is a gssk context already");
		return refuse(minor_status, GSS_S_NO_CONTEXT,
			      GSSK_MINOR_KRB5_NOT_KRB5);
	}
	if (gsskp_mit_open(&mit))
		return refuse(minor_status, GSS_S_UNAVAILABLE,
			      GSSK_MINOR_KRB5_UNAVAILABLE);

	major = inquire(minor_status, &mit, *krb5_context_handle, &view);
	if (!major)
		major = read_lucid(minor_status, &mit, *krb5_context_handle,
				   &view);
	if (!major) {
		fill_fields(&view, &fields);
		major = gssk_load_sec_context(minor_status, &fields, keyring,
					      description, context_handle);
		explicit_bzero(&fields, sizeof(fields));
	}
	wipe_lucid(&mit, &view);
	/* only now, with the keys in the kernel, may MIT's copy go */
	if (!major)
		mit.delete_sec_context(&m, krb5_context_handle,
				       GSS_C_NO_BUFFER);
	gsskp_mit_close(&mit);
	return major;
}
