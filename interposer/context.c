// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Security contexts. Each handle is a struct gssi_ctx (ctx.h): while the
 * real krb5 mechanism holds the context every call is forwarded to it
 * (re-entering the mechglue with the special OID); once the context is
 * in the kernel (at gss_export_sec_context, or when it is established if
 * the configuration says so) the calls go to libgssk, and those that
 * would reveal its keys or that the kernel cannot do are refused with
 * GSS_S_UNAVAILABLE.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <keyutils.h>
#include <gssapi/gssapi_alloc.h>
#include <gssk/gssk.h>

#include "config.h"
#include "ctx.h"
#include "frame.h"

static OM_uint32 no_context(OM_uint32 *minor_status)
{
	*minor_status = 0;
	return GSS_S_CALL_BAD_STRUCTURE | GSS_S_NO_CONTEXT;
}

static OM_uint32 no_memory(OM_uint32 *minor_status)
{
	*minor_status = ENOMEM;
	return GSS_S_FAILURE;
}

OM_uint32 gssi_kernel_held(OM_uint32 *minor_status)
{
	*minor_status = GSSK_MINOR_INTERPOSER_KERNEL_HELD;
	return GSS_S_UNAVAILABLE;
}

/*
 * A context just established: move it into the kernel now if this
 * program's configuration says so and a reference would find its way
 * back (frame.h). If the kernel refuses it, the real mechanism keeps it
 * and gss_export_sec_context decides later.
 */
static void load_if_established(OM_uint32 major, gss_ctx_id_t *handle)
{
	const struct gssi_config *conf = gssi_config();
	struct gssi_ctx *ctx = gssi_ctx_get(*handle);
	OM_uint32 minor;

	if (major != GSS_S_COMPLETE || !ctx || gssi_ctx_in_kernel(ctx) ||
	    !conf || !conf->interpose ||
	    conf->load_at != GSSI_LOAD_AT_ESTABLISH || !gssi_frame_ok(handle))
		return;
	(void)gssi_ctx_load(&minor, ctx);
}

/*
 * The wrapper for a call of init or accept: the existing one, or a new
 * one for a first call (*fresh set). NULL with *major set on failure.
 */
static struct gssi_ctx *step_ctx(OM_uint32 *minor_status,
				 gss_ctx_id_t handle, gss_const_OID mech,
				 bool *fresh, OM_uint32 *major)
{
	struct gssi_ctx *ctx;

	*fresh = handle == GSS_C_NO_CONTEXT;
	if (*fresh) {
		ctx = gssi_ctx_new(mech);
		if (!ctx)
			*major = no_memory(minor_status);
		return ctx;
	}
	ctx = gssi_ctx_get(handle);
	if (!ctx)
		*major = no_context(minor_status);
	else if (gssi_ctx_in_kernel(ctx))	/* established already */
		*major = gssi_kernel_held(minor_status), ctx = NULL;
	return ctx;
}

/* After a step: publish a new wrapper, or drop one that holds nothing. */
static void step_done(struct gssi_ctx *ctx, bool fresh, gss_ctx_id_t *handle)
{
	if (fresh && ctx->mit != GSS_C_NO_CONTEXT)
		*handle = (gss_ctx_id_t)ctx;
	else if (fresh)
		gssi_ctx_free(ctx);
	else
		gssi_ctx_settle(handle);
}

GSSI_EXPORT OM_uint32 gssi_init_sec_context(
	OM_uint32 *minor_status, gss_cred_id_t claimant_cred_handle,
	gss_ctx_id_t *context_handle, gss_name_t target_name,
	gss_OID mech_type, OM_uint32 req_flags, OM_uint32 time_req,
	gss_channel_bindings_t input_chan_bindings, gss_buffer_t input_token,
	gss_OID *actual_mech_type, gss_buffer_t output_token,
	OM_uint32 *ret_flags, OM_uint32 *time_rec)
{
	struct gssi_ctx *ctx;
	OM_uint32 major;
	bool fresh;

	ctx = step_ctx(minor_status, *context_handle, mech_type, &fresh,
		       &major);
	if (!ctx)
		return major;
	major = gss_init_sec_context(minor_status, claimant_cred_handle,
				     &ctx->mit, target_name,
				     gssi_special(mech_type), req_flags,
				     time_req, input_chan_bindings,
				     input_token, actual_mech_type,
				     output_token, ret_flags, time_rec);
	step_done(ctx, fresh, context_handle);
	load_if_established(major, context_handle);
	return major;
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
	struct gssi_ctx *ctx;
	OM_uint32 major, tmp;
	bool fresh;

	ctx = step_ctx(minor_status, *context_handle, GSS_C_NO_OID, &fresh,
		       &major);
	if (!ctx)
		return major;
	if (cred == GSS_C_NO_CREDENTIAL && ctx->mit == GSS_C_NO_CONTEXT) {
		major = gss_acquire_cred(minor_status, GSS_C_NO_NAME,
					 GSS_C_INDEFINITE,
					 gssi_special_set(&gssi_krb5_oid),
					 GSS_C_ACCEPT, &own, NULL, NULL);
		if (GSS_ERROR(major)) {
			step_done(ctx, fresh, context_handle);
			return major;
		}
		cred = own;
	}
	major = gss_accept_sec_context(minor_status, &ctx->mit, cred,
				       input_token_buffer,
				       input_chan_bindings, src_name,
				       mech_type, output_token, ret_flags,
				       time_rec, delegated_cred_handle);
	if (own != GSS_C_NO_CREDENTIAL)
		gss_release_cred(&tmp, &own);
	step_done(ctx, fresh, context_handle);
	load_if_established(major, context_handle);
	return major;
}

GSSI_EXPORT OM_uint32 gssi_process_context_token(OM_uint32 *minor_status,
						 gss_ctx_id_t context_handle,
						 gss_buffer_t token_buffer)
{
	struct gssi_ctx *ctx = gssi_ctx_get(context_handle);

	if (!ctx)
		return no_context(minor_status);
	if (gssi_ctx_in_kernel(ctx))
		return gssi_kernel_held(minor_status);
	return gss_process_context_token(minor_status, ctx->mit,
					 token_buffer);
}

GSSI_EXPORT OM_uint32 gssi_delete_sec_context(OM_uint32 *minor_status,
					      gss_ctx_id_t *context_handle,
					      gss_buffer_t output_token)
{
	struct gssi_ctx *ctx = gssi_ctx_get(*context_handle);
	OM_uint32 major;

	if (!ctx)
		return no_context(minor_status);
	if (gssi_ctx_in_kernel(ctx))
		major = gssk_delete_sec_context(minor_status, &ctx->kernel,
						output_token);
	else
		major = gss_delete_sec_context(minor_status, &ctx->mit,
					       output_token);
	gssi_ctx_settle(context_handle);
	return major;
}

GSSI_EXPORT OM_uint32 gssi_context_time(OM_uint32 *minor_status,
					gss_ctx_id_t context_handle,
					OM_uint32 *time_rec)
{
	struct gssi_ctx *ctx = gssi_ctx_get(context_handle);

	if (!ctx)
		return no_context(minor_status);
	if (gssi_ctx_in_kernel(ctx))
		return gssk_context_time(minor_status, ctx->kernel, time_rec);
	return gss_context_time(minor_status, ctx->mit, time_rec);
}

/* A libgssk name as a name of the real mechanism (what the mechglue wants). */
static OM_uint32 mit_name(OM_uint32 *minor_status, gss_const_OID mech,
			  gss_name_t kname, gss_name_t *out)
{
	gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, tmp;

	major = gssk_display_name(minor_status, kname, &text, NULL);
	if (GSS_ERROR(major))
		return major;
	major = gssi_import_mn(minor_status, mech, &text,
			       (gss_OID)GSS_KRB5_NT_PRINCIPAL_NAME, out);
	gssk_release_buffer(&tmp, &text);
	return major;
}

static OM_uint32 inquire_kernel(OM_uint32 *minor_status, struct gssi_ctx *ctx,
				gss_name_t *src_name, gss_name_t *targ_name,
				OM_uint32 *lifetime_rec, gss_OID *mech_type,
				OM_uint32 *ctx_flags, int *locally_initiated,
				int *open)
{
	gss_name_t ksrc = GSS_C_NO_NAME, ktarg = GSS_C_NO_NAME;
	gss_name_t src = GSS_C_NO_NAME, targ = GSS_C_NO_NAME;
	OM_uint32 major, tmp;

	major = gssk_inquire_context(minor_status, ctx->kernel,
				     src_name ? &ksrc : NULL,
				     targ_name ? &ktarg : NULL, lifetime_rec,
				     NULL, ctx_flags, locally_initiated, open);
	if (GSS_ERROR(major))
		return major;
	if (src_name && ksrc != GSS_C_NO_NAME)
		major = mit_name(minor_status, ctx->mech, ksrc, &src);
	if (!GSS_ERROR(major) && targ_name && ktarg != GSS_C_NO_NAME)
		major = mit_name(minor_status, ctx->mech, ktarg, &targ);
	gssk_release_name(&tmp, &ksrc);
	gssk_release_name(&tmp, &ktarg);
	if (GSS_ERROR(major)) {
		gss_release_name(&tmp, &src);
		gss_release_name(&tmp, &targ);
		return major;
	}
	if (src_name)
		*src_name = src;
	if (targ_name)
		*targ_name = targ;
	if (mech_type)
		*mech_type = (gss_OID)ctx->mech;
	return GSS_S_COMPLETE;
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
	struct gssi_ctx *ctx = gssi_ctx_get(context_handle);

	if (!ctx)
		return no_context(minor_status);
	if (gssi_ctx_in_kernel(ctx))
		return inquire_kernel(minor_status, ctx, src_name, targ_name,
				      lifetime_rec, mech_type, ctx_flags,
				      locally_initiated, open);
	return gss_inquire_context(minor_status, ctx->mit, src_name,
				   targ_name, lifetime_rec, mech_type,
				   ctx_flags, locally_initiated, open);
}

/*
 * The SASL security strength factor, as MIT's krb5 computes it: the key
 * bits of the acceptor subkey's enctype, else the context key's.
 */
static OM_uint32 sasl_ssf(OM_uint32 *minor_status, struct gssi_ctx *ctx,
			  gss_buffer_set_t *data_set)
{
	const struct gssk_enctype_info *et;
	struct gssk_context_info info;
	unsigned char be[4];
	gss_buffer_desc buf = { sizeof(be), be };
	uint32_t ssf;
	OM_uint32 major;

	major = gssk_inquire_context_info(minor_status, ctx->kernel, &info);
	if (GSS_ERROR(major))
		return major;
	et = gssk_enctype_info(info.subkey_enctype ? info.subkey_enctype :
						     info.enctype);
	if (!et)
		return gssi_kernel_held(minor_status);
	ssf = (uint32_t)et->key_length * 8;
	be[0] = (unsigned char)(ssf >> 24);
	be[1] = (unsigned char)(ssf >> 16);
	be[2] = (unsigned char)(ssf >> 8);
	be[3] = (unsigned char)ssf;
	return gss_add_buffer_set_member(minor_status, &buf, data_set);
}

/*
 * On a kernel-held context only the SASL SSF is answered: every other
 * object the krb5 mechanism offers (the lucid context, session keys,
 * authorization data, ticket flags, ...) would reveal key material or
 * was not kept at load.
 */
GSSI_EXPORT OM_uint32 gssi_inquire_sec_context_by_oid(
	OM_uint32 *minor_status, const gss_ctx_id_t context_handle,
	const gss_OID desired_object, gss_buffer_set_t *data_set)
{
	struct gssi_ctx *ctx = gssi_ctx_get(context_handle);

	if (!ctx)
		return no_context(minor_status);
	if (!gssi_ctx_in_kernel(ctx))
		return gss_inquire_sec_context_by_oid(minor_status, ctx->mit,
						      desired_object,
						      data_set);
	if (gssi_oid_equal(desired_object, GSS_C_SEC_CONTEXT_SASL_SSF))
		return sasl_ssf(minor_status, ctx, data_set);
	return gssi_kernel_held(minor_status);
}

GSSI_EXPORT OM_uint32 gssi_set_sec_context_option(OM_uint32 *minor_status,
						  gss_ctx_id_t *context_handle,
						  const gss_OID desired_object,
						  const gss_buffer_t value)
{
	struct gssi_ctx *ctx = gssi_ctx_get(*context_handle);

	/* MIT's krb5 creates no context here, nor do we. */
	if (!ctx)
		return no_context(minor_status);
	if (gssi_ctx_in_kernel(ctx))
		return gssi_kernel_held(minor_status);
	return gss_set_sec_context_option(minor_status, &ctx->mit,
					  desired_object, value);
}

GSSI_EXPORT OM_uint32 gssi_pseudo_random(OM_uint32 *minor_status,
					 gss_ctx_id_t context, int prf_key,
					 const gss_buffer_t prf_in,
					 ssize_t desired_output_len,
					 gss_buffer_t prf_out)
{
	struct gssi_ctx *ctx = gssi_ctx_get(context);

	if (!ctx)
		return no_context(minor_status);
	if (gssi_ctx_in_kernel(ctx))
		return gssi_kernel_held(minor_status);
	return gss_pseudo_random(minor_status, ctx->mit, prf_key, prf_in,
				 desired_output_len, prf_out);
}

GSSI_EXPORT OM_uint32 gssi_complete_auth_token(OM_uint32 *minor_status,
					       const gss_ctx_id_t context_handle,
					       gss_buffer_t input_message_buffer)
{
	struct gssi_ctx *ctx = gssi_ctx_get(context_handle);

	if (!ctx)
		return no_context(minor_status);
	if (gssi_ctx_in_kernel(ctx))
		return gssi_kernel_held(minor_status);
	return gss_complete_auth_token(minor_status, ctx->mit,
				       input_message_buffer);
}
