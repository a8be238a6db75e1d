// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Security contexts, forwarded to the real krb5 mechanism. A context this
 * module returns is a mechglue context of the real mechanism (made by
 * re-entering gss_init_sec_context / gss_accept_sec_context with the
 * special OID). Moving it into the kernel (issue 11, step 2) is not here
 * yet: every call is forwarded.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gssapi/gssapi_alloc.h>

#include "interposer.h"

GSSI_EXPORT OM_uint32 gssi_init_sec_context(
	OM_uint32 *minor_status, gss_cred_id_t claimant_cred_handle,
	gss_ctx_id_t *context_handle, gss_name_t target_name,
	gss_OID mech_type, OM_uint32 req_flags, OM_uint32 time_req,
	gss_channel_bindings_t input_chan_bindings, gss_buffer_t input_token,
	gss_OID *actual_mech_type, gss_buffer_t output_token,
	OM_uint32 *ret_flags, OM_uint32 *time_rec)
{
	return gss_init_sec_context(minor_status, claimant_cred_handle,
				    context_handle, target_name,
				    gssi_special(mech_type), req_flags,
				    time_req, input_chan_bindings,
				    input_token, actual_mech_type,
				    output_token, ret_flags, time_rec);
}

/*
 * Without a credential the mechglue would pick the mechanism from the
 * token's OID, which is interposed, and call back here: acquire the
 * default acceptor credential of the special OID for the call instead.
 */
GSSI_EXPORT OM_uint32 gssi_accept_sec_context(
	OM_uint32 *minor_status, gss_ctx_id_t *context_handle,
	gss_cred_id_t verifier_cred_handle, gss_buffer_t input_token_buffer,
	gss_channel_bindings_t input_chan_bindings, gss_name_t *src_name,
	gss_OID *mech_type, gss_buffer_t output_token, OM_uint32 *ret_flags,
	OM_uint32 *time_rec, gss_cred_id_t *delegated_cred_handle)
{
	gss_cred_id_t cred = verifier_cred_handle, own = GSS_C_NO_CREDENTIAL;
	OM_uint32 major, tmp;

	if (cred == GSS_C_NO_CREDENTIAL && *context_handle == GSS_C_NO_CONTEXT) {
		major = gss_acquire_cred(minor_status, GSS_C_NO_NAME,
					 GSS_C_INDEFINITE,
					 gssi_special_set(&gssi_krb5_oid),
					 GSS_C_ACCEPT, &own, NULL, NULL);
		if (GSS_ERROR(major))
			return major;
		cred = own;
	}
	major = gss_accept_sec_context(minor_status, context_handle, cred,
				       input_token_buffer,
				       input_chan_bindings, src_name,
				       mech_type, output_token, ret_flags,
				       time_rec, delegated_cred_handle);
	if (own != GSS_C_NO_CREDENTIAL)
		gss_release_cred(&tmp, &own);
	return major;
}

GSSI_EXPORT OM_uint32 gssi_process_context_token(OM_uint32 *minor_status,
						 gss_ctx_id_t context_handle,
						 gss_buffer_t token_buffer)
{
	return gss_process_context_token(minor_status, context_handle,
					 token_buffer);
}

GSSI_EXPORT OM_uint32 gssi_delete_sec_context(OM_uint32 *minor_status,
					      gss_ctx_id_t *context_handle,
					      gss_buffer_t output_token)
{
	return gss_delete_sec_context(minor_status, context_handle,
				      output_token);
}

GSSI_EXPORT OM_uint32 gssi_context_time(OM_uint32 *minor_status,
					gss_ctx_id_t context_handle,
					OM_uint32 *time_rec)
{
	return gss_context_time(minor_status, context_handle, time_rec);
}

GSSI_EXPORT OM_uint32 gssi_inquire_context(OM_uint32 *minor_status,
					   gss_ctx_id_t context_handle,
					   gss_name_t *src_name,
					   gss_name_t *targ_name,
					   OM_uint32 *lifetime_rec,
					   gss_OID *mech_type,
					   OM_uint32 *ctx_flags,
					   int *locally_initiated, int *open)
{
	return gss_inquire_context(minor_status, context_handle, src_name,
				   targ_name, lifetime_rec, mech_type,
				   ctx_flags, locally_initiated, open);
}

GSSI_EXPORT OM_uint32 gssi_inquire_sec_context_by_oid(
	OM_uint32 *minor_status, const gss_ctx_id_t context_handle,
	const gss_OID desired_object, gss_buffer_set_t *data_set)
{
	return gss_inquire_sec_context_by_oid(minor_status, context_handle,
					      desired_object, data_set);
}

GSSI_EXPORT OM_uint32 gssi_set_sec_context_option(OM_uint32 *minor_status,
						  gss_ctx_id_t *context_handle,
						  const gss_OID desired_object,
						  const gss_buffer_t value)
{
	return gss_set_sec_context_option(minor_status, context_handle,
					  desired_object, value);
}

GSSI_EXPORT OM_uint32 gssi_pseudo_random(OM_uint32 *minor_status,
					 gss_ctx_id_t context, int prf_key,
					 const gss_buffer_t prf_in,
					 ssize_t desired_output_len,
					 gss_buffer_t prf_out)
{
	return gss_pseudo_random(minor_status, context, prf_key, prf_in,
				 desired_output_len, prf_out);
}

GSSI_EXPORT OM_uint32 gssi_complete_auth_token(OM_uint32 *minor_status,
					       const gss_ctx_id_t context_handle,
					       gss_buffer_t input_message_buffer)
{
	return gss_complete_auth_token(minor_status, context_handle,
				       input_message_buffer);
}

/*
 * The mechglue frames our token as [4-byte big-endian OID length][OID]
 * [token]; the inner (re-entered) mechglue frames the real mechanism's
 * token the same way. Return only the real mechanism's token, so that
 * the outer frame holds exactly what the real mechanism's
 * gss_import_sec_context expects (MIT 1.20 hands an import framed with the
 * special OID to the real krb5 mechanism, see g_imp_sec_context.c).
 */
static OM_uint32 unframe(OM_uint32 *minor_status, gss_buffer_t framed,
			 gss_buffer_t out)
{
	const unsigned char *p = framed->value;
	uint32_t oid_len;
	gss_OID_desc oid;

	if (framed->length < 4)
		goto bad;
	oid_len = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		  (uint32_t)p[2] << 8 | p[3];
	if (oid_len > framed->length - 4)
		goto bad;
	oid.length = oid_len;
	oid.elements = (void *)(p + 4);
	if (!gssi_is_krb5(&oid))
		goto bad;
	out->length = framed->length - 4 - oid_len;
	/* The mechglue releases it with gss_release_buffer. */
	out->value = gssalloc_malloc(out->length ? out->length : 1);
	if (out->value == NULL) {
		*minor_status = ENOMEM;
		return GSS_S_FAILURE;
	}
	memcpy(out->value, p + 4 + oid_len, out->length);
	return GSS_S_COMPLETE;
bad:
	*minor_status = 0;
	return GSS_S_DEFECTIVE_TOKEN;
}

GSSI_EXPORT OM_uint32 gssi_export_sec_context(OM_uint32 *minor_status,
					      gss_ctx_id_t *context_handle,
					      gss_buffer_t interprocess_token)
{
	gss_buffer_desc framed = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, tmp;

	major = gss_export_sec_context(minor_status, context_handle, &framed);
	if (GSS_ERROR(major))
		return major;
	major = unframe(minor_status, &framed, interprocess_token);
	if (framed.value != NULL)
		explicit_bzero(framed.value, framed.length);
	gss_release_buffer(&tmp, &framed);
	return major;
}

/*
 * A token whose frame names the real krb5 OID (made by a process without
 * the interposer) comes here with the frame removed: frame it again with
 * the special OID, which the re-entered mechglue routes to the real
 * mechanism, never back here.
 */
static OM_uint32 import_framed(OM_uint32 *minor_status, gss_const_OID mech,
			       gss_buffer_t token, gss_ctx_id_t *context_handle)
{
	gss_OID special = gssi_special(mech);
	gss_buffer_desc framed;
	unsigned char *p;
	OM_uint32 major;

	if (token->length > SIZE_MAX - 4 - special->length) {
		*minor_status = 0;
		return GSS_S_DEFECTIVE_TOKEN;
	}
	framed.length = 4 + special->length + token->length;
	p = malloc(framed.length);
	if (p == NULL) {
		*minor_status = ENOMEM;
		return GSS_S_FAILURE;
	}
	p[0] = 0;
	p[1] = 0;
	p[2] = 0;
	p[3] = (unsigned char)special->length;
	memcpy(p + 4, special->elements, special->length);
	memcpy(p + 4 + special->length, token->value, token->length);
	framed.value = p;
	major = gss_import_sec_context(minor_status, &framed, context_handle);
	explicit_bzero(p, framed.length);
	free(p);
	return major;
}

GSSI_EXPORT OM_uint32 gssi_import_sec_context(OM_uint32 *minor_status,
					      gss_buffer_t interprocess_token,
					      gss_ctx_id_t *context_handle)
{
	return import_framed(minor_status, GSS_C_NO_OID, interprocess_token,
			     context_handle);
}

GSSI_EXPORT OM_uint32 gssi_import_sec_context_by_mech(
	OM_uint32 *minor_status, gss_OID desired_mech,
	gss_buffer_t interprocess_token, gss_ctx_id_t *context_handle)
{
	return import_framed(minor_status, desired_mech, interprocess_token,
			     context_handle);
}
