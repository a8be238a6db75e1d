// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Credentials: the kernel never holds one, so every call is forwarded to
 * the real krb5 mechanism. A credential this module returns is a mechglue
 * credential for the special OID, released with gssi_release_cred.
 * gss_export_cred / gss_import_cred (used by gssproxy-style credential
 * handoff) pass through as the real mechanism's token.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gssapi/gssapi_alloc.h>

#include "interposer.h"

/* The special OID set for a requested set (krb5 if none of ours). */
static gss_OID_set special_set(gss_OID_set desired_mechs)
{
	size_t i;

	if (desired_mechs != GSS_C_NO_OID_SET)
		for (i = 0; i < desired_mechs->count; i++)
			if (gssi_oid_equal(&desired_mechs->elements[i],
					   &gssi_mskrb5_oid))
				return gssi_special_set(&gssi_mskrb5_oid);
	return gssi_special_set(&gssi_krb5_oid);
}

GSSI_EXPORT OM_uint32 gssi_acquire_cred(OM_uint32 *minor_status,
					gss_name_t desired_name,
					OM_uint32 time_req,
					gss_OID_set desired_mechs,
					gss_cred_usage_t cred_usage,
					gss_cred_id_t *output_cred_handle,
					gss_OID_set *actual_mechs,
					OM_uint32 *time_rec)
{
	return gss_acquire_cred(minor_status, desired_name, time_req,
				special_set(desired_mechs), cred_usage,
				output_cred_handle, actual_mechs, time_rec);
}

GSSI_EXPORT OM_uint32 gssi_acquire_cred_from(
	OM_uint32 *minor_status, gss_name_t desired_name, OM_uint32 time_req,
	gss_OID_set desired_mechs, gss_cred_usage_t cred_usage,
	gss_const_key_value_set_t cred_store,
	gss_cred_id_t *output_cred_handle, gss_OID_set *actual_mechs,
	OM_uint32 *time_rec)
{
	return gss_acquire_cred_from(minor_status, desired_name, time_req,
				     special_set(desired_mechs), cred_usage,
				     cred_store, output_cred_handle,
				     actual_mechs, time_rec);
}

GSSI_EXPORT OM_uint32 gssi_acquire_cred_with_password(
	OM_uint32 *minor_status, const gss_name_t desired_name,
	const gss_buffer_t password, OM_uint32 time_req,
	const gss_OID_set desired_mechs, int cred_usage,
	gss_cred_id_t *output_cred_handle, gss_OID_set *actual_mechs,
	OM_uint32 *time_rec)
{
	return gss_acquire_cred_with_password(minor_status, desired_name,
					      password, time_req,
					      special_set(desired_mechs),
					      cred_usage, output_cred_handle,
					      actual_mechs, time_rec);
}

GSSI_EXPORT OM_uint32 gssi_acquire_cred_impersonate_name(
	OM_uint32 *minor_status, const gss_cred_id_t impersonator_cred_handle,
	const gss_name_t desired_name, OM_uint32 time_req,
	const gss_OID_set desired_mechs, gss_cred_usage_t cred_usage,
	gss_cred_id_t *output_cred_handle, gss_OID_set *actual_mechs,
	OM_uint32 *time_rec)
{
	return gss_acquire_cred_impersonate_name(minor_status,
						 impersonator_cred_handle,
						 desired_name, time_req,
						 special_set(desired_mechs),
						 cred_usage,
						 output_cred_handle,
						 actual_mechs, time_rec);
}

GSSI_EXPORT OM_uint32 gssi_add_cred(OM_uint32 *minor_status,
				    gss_cred_id_t input_cred_handle,
				    gss_name_t desired_name,
				    gss_OID desired_mech,
				    gss_cred_usage_t cred_usage,
				    OM_uint32 initiator_time_req,
				    OM_uint32 acceptor_time_req,
				    gss_cred_id_t *output_cred_handle,
				    gss_OID_set *actual_mechs,
				    OM_uint32 *initiator_time_rec,
				    OM_uint32 *acceptor_time_rec)
{
	return gss_add_cred(minor_status, input_cred_handle, desired_name,
			    gssi_special(desired_mech), cred_usage,
			    initiator_time_req, acceptor_time_req,
			    output_cred_handle, actual_mechs,
			    initiator_time_rec, acceptor_time_rec);
}

GSSI_EXPORT OM_uint32 gssi_add_cred_impersonate_name(
	OM_uint32 *minor_status, gss_cred_id_t input_cred_handle,
	const gss_cred_id_t impersonator_cred_handle,
	const gss_name_t desired_name, const gss_OID desired_mech,
	gss_cred_usage_t cred_usage, OM_uint32 initiator_time_req,
	OM_uint32 acceptor_time_req, gss_cred_id_t *output_cred_handle,
	gss_OID_set *actual_mechs, OM_uint32 *initiator_time_rec,
	OM_uint32 *acceptor_time_rec)
{
	return gss_add_cred_impersonate_name(minor_status, input_cred_handle,
					     impersonator_cred_handle,
					     desired_name,
					     gssi_special(desired_mech),
					     cred_usage, initiator_time_req,
					     acceptor_time_req,
					     output_cred_handle, actual_mechs,
					     initiator_time_rec,
					     acceptor_time_rec);
}

GSSI_EXPORT OM_uint32 gssi_release_cred(OM_uint32 *minor_status,
					gss_cred_id_t *cred_handle)
{
	return gss_release_cred(minor_status, cred_handle);
}

GSSI_EXPORT OM_uint32 gssi_inquire_cred(OM_uint32 *minor_status,
					gss_cred_id_t cred_handle,
					gss_name_t *name, OM_uint32 *lifetime,
					int *cred_usage,
					gss_OID_set *mechanisms)
{
	return gss_inquire_cred(minor_status, cred_handle, name, lifetime,
				cred_usage, mechanisms);
}

GSSI_EXPORT OM_uint32 gssi_inquire_cred_by_mech(OM_uint32 *minor_status,
						gss_cred_id_t cred_handle,
						gss_OID mech_type,
						gss_name_t *name,
						OM_uint32 *initiator_lifetime,
						OM_uint32 *acceptor_lifetime,
						gss_cred_usage_t *cred_usage)
{
	return gss_inquire_cred_by_mech(minor_status, cred_handle,
					gssi_special(mech_type), name,
					initiator_lifetime, acceptor_lifetime,
					cred_usage);
}

GSSI_EXPORT OM_uint32 gssi_inquire_cred_by_oid(OM_uint32 *minor_status,
					       const gss_cred_id_t cred_handle,
					       const gss_OID desired_object,
					       gss_buffer_set_t *data_set)
{
	return gss_inquire_cred_by_oid(minor_status, cred_handle,
				       desired_object, data_set);
}

GSSI_EXPORT OM_uint32 gssi_set_cred_option(OM_uint32 *minor_status,
					   gss_cred_id_t *cred_handle,
					   const gss_OID desired_object,
					   const gss_buffer_t value)
{
	return gss_set_cred_option(minor_status, cred_handle, desired_object,
				   value);
}

GSSI_EXPORT OM_uint32 gssi_set_neg_mechs(OM_uint32 *minor_status,
					 gss_cred_id_t cred_handle,
					 const gss_OID_set mech_set)
{
	return gss_set_neg_mechs(minor_status, cred_handle, mech_set);
}

GSSI_EXPORT OM_uint32 gssi_store_cred(OM_uint32 *minor_status,
				      const gss_cred_id_t input_cred,
				      gss_cred_usage_t cred_usage,
				      const gss_OID desired_mech,
				      OM_uint32 overwrite_cred,
				      OM_uint32 default_cred,
				      gss_OID_set *elements_stored,
				      gss_cred_usage_t *cred_usage_stored)
{
	return gss_store_cred(minor_status, input_cred, cred_usage,
			      gssi_special(desired_mech), overwrite_cred,
			      default_cred, elements_stored,
			      cred_usage_stored);
}

GSSI_EXPORT OM_uint32 gssi_store_cred_into(
	OM_uint32 *minor_status, gss_cred_id_t input_cred_handle,
	gss_cred_usage_t input_usage, gss_OID desired_mech,
	OM_uint32 overwrite_cred, OM_uint32 default_cred,
	gss_const_key_value_set_t cred_store, gss_OID_set *elements_stored,
	gss_cred_usage_t *cred_usage_stored)
{
	return gss_store_cred_into(minor_status, input_cred_handle,
				   input_usage, gssi_special(desired_mech),
				   overwrite_cred, default_cred, cred_store,
				   elements_stored, cred_usage_stored);
}

static uint32_t load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void store_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/*
 * The mechglue's credential token is a list of [4-byte OID length][OID]
 * [4-byte token length][mechanism token] entries, framed with the public
 * OID, whose import comes back to this module. The re-entered
 * gss_export_cred gives one entry (the credential is for one mechanism);
 * return only its mechanism token, for the outer mechglue to frame.
 */
GSSI_EXPORT OM_uint32 gssi_export_cred(OM_uint32 *minor_status,
				       gss_cred_id_t cred_handle,
				       gss_buffer_t token)
{
	gss_buffer_desc list = GSS_C_EMPTY_BUFFER;
	const unsigned char *p;
	OM_uint32 major, tmp;
	uint32_t oid_len, len;

	major = gss_export_cred(minor_status, cred_handle, &list);
	if (GSS_ERROR(major))
		return major;
	p = list.value;
	major = GSS_S_DEFECTIVE_TOKEN;
	*minor_status = 0;
	if (list.length < 8)
		goto out;
	oid_len = load_be32(p);
	if (oid_len > list.length - 8)
		goto out;
	len = load_be32(p + 4 + oid_len);
	if (len != list.length - 8 - oid_len)
		goto out;	/* not exactly one entry */
	token->value = gssalloc_malloc(len ? len : 1);
	if (!token->value) {
		*minor_status = ENOMEM;
		major = GSS_S_FAILURE;
		goto out;
	}
	memcpy(token->value, p + 8 + oid_len, len);
	token->length = len;
	major = GSS_S_COMPLETE;
out:
	if (list.value)
		explicit_bzero(list.value, list.length);
	gss_release_buffer(&tmp, &list);
	return major;
}

/* Frame a mechanism token as one entry for the special OID, and import. */
static OM_uint32 import_cred(OM_uint32 *minor_status, gss_const_OID mech,
			     gss_buffer_t token, gss_cred_id_t *cred_handle)
{
	gss_OID special = gssi_special(mech);
	gss_buffer_desc list;
	unsigned char *p;
	OM_uint32 major;

	if (token->length > UINT32_MAX - 8 - special->length) {
		*minor_status = 0;
		return GSS_S_DEFECTIVE_TOKEN;
	}
	list.length = 8 + special->length + token->length;
	p = malloc(list.length);
	if (!p) {
		*minor_status = ENOMEM;
		return GSS_S_FAILURE;
	}
	store_be32(p, special->length);
	memcpy(p + 4, special->elements, special->length);
	store_be32(p + 4 + special->length, (uint32_t)token->length);
	memcpy(p + 8 + special->length, token->value, token->length);
	list.value = p;
	major = gss_import_cred(minor_status, &list, cred_handle);
	explicit_bzero(p, list.length);
	free(p);
	return major;
}

GSSI_EXPORT OM_uint32 gssi_import_cred(OM_uint32 *minor_status,
				       gss_buffer_t token,
				       gss_cred_id_t *cred_handle)
{
	return import_cred(minor_status, &gssi_krb5_oid, token, cred_handle);
}

GSSI_EXPORT OM_uint32 gssi_import_cred_by_mech(OM_uint32 *minor_status,
					       gss_OID mech_type,
					       gss_buffer_t token,
					       gss_cred_id_t *cred_handle)
{
	return import_cred(minor_status, mech_type, token, cred_handle);
}
