// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Per-message calls. On a kernel-held context get_mic, verify_mic, wrap,
 * unwrap and wrap_size_limit go to libgssk (one ioctl each); the AEAD and
 * IOV variants, which the kernel does not offer, are refused with
 * GSS_S_UNAVAILABLE. On a context the real mechanism holds, everything is
 * forwarded.
 */
#include <errno.h>
#include <string.h>

#include <gssapi/gssapi_alloc.h>
#include <gssk/gssk.h>

#include "ctx.h"

static OM_uint32 no_context(OM_uint32 *minor_status)
{
	*minor_status = 0;
	return GSS_S_CALL_BAD_STRUCTURE | GSS_S_NO_CONTEXT;
}

/*
 * The mechglue releases output buffers with gss_release_buffer, so a
 * libgssk buffer is copied into one of its allocator's and then wiped and
 * released (an unwrapped message is plaintext).
 */
static OM_uint32 give(OM_uint32 *minor_status, OM_uint32 major,
		      gss_buffer_t from, gss_buffer_t to)
{
	OM_uint32 tmp;

	if (!GSS_ERROR(major)) {
		to->length = from->length;
		to->value = gssalloc_malloc(from->length ? from->length : 1);
		if (to->value) {
			memcpy(to->value, from->value, from->length);
		} else {
			to->length = 0;
			*minor_status = ENOMEM;
			major = GSS_S_FAILURE;
		}
	}
	gssk_release_buffer(&tmp, from);
	return major;
}

/* The wrapper of a per-message call's handle; *major set if none. */
static struct gssi_ctx *msg_ctx(OM_uint32 *minor_status, gss_ctx_id_t handle,
				OM_uint32 *major)
{
	struct gssi_ctx *ctx = gssi_ctx_get(handle);

	if (!ctx)
		*major = no_context(minor_status);
	return ctx;
}

/* The MIT context behind a handle for a call the kernel cannot do. */
static gss_ctx_id_t mit_only(OM_uint32 *minor_status, gss_ctx_id_t handle,
			     OM_uint32 *major)
{
	struct gssi_ctx *ctx = msg_ctx(minor_status, handle, major);

	if (!ctx)
		return GSS_C_NO_CONTEXT;
	if (gssi_ctx_in_kernel(ctx))
		*major = gssi_kernel_held(minor_status);
	else if (ctx->mit == GSS_C_NO_CONTEXT)
		*major = no_context(minor_status);
	return gssi_ctx_in_kernel(ctx) ? GSS_C_NO_CONTEXT : ctx->mit;
}

GSSI_EXPORT OM_uint32 gssi_get_mic(OM_uint32 *minor_status,
				   gss_ctx_id_t context_handle,
				   gss_qop_t qop_req,
				   gss_buffer_t message_buffer,
				   gss_buffer_t message_token)
{
	gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
	struct gssi_ctx *ctx;
	OM_uint32 major;

	ctx = msg_ctx(minor_status, context_handle, &major);
	if (!ctx)
		return major;
	if (!gssi_ctx_in_kernel(ctx))
		return gss_get_mic(minor_status, ctx->mit, qop_req,
				   message_buffer, message_token);
	major = gssk_get_mic(minor_status, ctx->kernel, qop_req,
			     message_buffer, &out);
	return give(minor_status, major, &out, message_token);
}

GSSI_EXPORT OM_uint32 gssi_verify_mic(OM_uint32 *minor_status,
				      gss_ctx_id_t context_handle,
				      gss_buffer_t message_buffer,
				      gss_buffer_t token_buffer,
				      gss_qop_t *qop_state)
{
	struct gssi_ctx *ctx;
	OM_uint32 major;

	ctx = msg_ctx(minor_status, context_handle, &major);
	if (!ctx)
		return major;
	if (!gssi_ctx_in_kernel(ctx))
		return gss_verify_mic(minor_status, ctx->mit, message_buffer,
				      token_buffer, qop_state);
	return gssk_verify_mic(minor_status, ctx->kernel, message_buffer,
			       token_buffer, qop_state);
}

GSSI_EXPORT OM_uint32 gssi_wrap(OM_uint32 *minor_status,
				gss_ctx_id_t context_handle,
				int conf_req_flag, gss_qop_t qop_req,
				gss_buffer_t input_message_buffer,
				int *conf_state,
				gss_buffer_t output_message_buffer)
{
	gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
	struct gssi_ctx *ctx;
	OM_uint32 major;

	ctx = msg_ctx(minor_status, context_handle, &major);
	if (!ctx)
		return major;
	if (!gssi_ctx_in_kernel(ctx))
		return gss_wrap(minor_status, ctx->mit, conf_req_flag,
				qop_req, input_message_buffer, conf_state,
				output_message_buffer);
	major = gssk_wrap(minor_status, ctx->kernel, conf_req_flag, qop_req,
			  input_message_buffer, conf_state, &out);
	return give(minor_status, major, &out, output_message_buffer);
}

GSSI_EXPORT OM_uint32 gssi_unwrap(OM_uint32 *minor_status,
				  gss_ctx_id_t context_handle,
				  gss_buffer_t input_message_buffer,
				  gss_buffer_t output_message_buffer,
				  int *conf_state, gss_qop_t *qop_state)
{
	gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
	struct gssi_ctx *ctx;
	OM_uint32 major;

	ctx = msg_ctx(minor_status, context_handle, &major);
	if (!ctx)
		return major;
	if (!gssi_ctx_in_kernel(ctx))
		return gss_unwrap(minor_status, ctx->mit,
				  input_message_buffer,
				  output_message_buffer, conf_state,
				  qop_state);
	major = gssk_unwrap(minor_status, ctx->kernel, input_message_buffer,
			    &out, conf_state, qop_state);
	return give(minor_status, major, &out, output_message_buffer);
}

GSSI_EXPORT OM_uint32 gssi_wrap_size_limit(OM_uint32 *minor_status,
					   gss_ctx_id_t context_handle,
					   int conf_req_flag,
					   gss_qop_t qop_req,
					   OM_uint32 req_output_size,
					   OM_uint32 *max_input_size)
{
	struct gssi_ctx *ctx;
	OM_uint32 major;

	ctx = msg_ctx(minor_status, context_handle, &major);
	if (!ctx)
		return major;
	if (!gssi_ctx_in_kernel(ctx))
		return gss_wrap_size_limit(minor_status, ctx->mit,
					   conf_req_flag, qop_req,
					   req_output_size, max_input_size);
	return gssk_wrap_size_limit(minor_status, ctx->kernel, conf_req_flag,
				    qop_req, req_output_size,
				    max_input_size);
}

GSSI_EXPORT OM_uint32 gssi_wrap_aead(OM_uint32 *minor_status,
				     gss_ctx_id_t context_handle,
				     int conf_req_flag, gss_qop_t qop_req,
				     gss_buffer_t input_assoc_buffer,
				     gss_buffer_t input_payload_buffer,
				     int *conf_state,
				     gss_buffer_t output_message_buffer)
{
	gss_ctx_id_t mit;
	OM_uint32 major;

	mit = mit_only(minor_status, context_handle, &major);
	if (mit == GSS_C_NO_CONTEXT)
		return major;
	return gss_wrap_aead(minor_status, mit, conf_req_flag,
			     qop_req, input_assoc_buffer,
			     input_payload_buffer, conf_state,
			     output_message_buffer);
}

GSSI_EXPORT OM_uint32 gssi_unwrap_aead(OM_uint32 *minor_status,
				       gss_ctx_id_t context_handle,
				       gss_buffer_t input_message_buffer,
				       gss_buffer_t input_assoc_buffer,
				       gss_buffer_t output_payload_buffer,
				       int *conf_state, gss_qop_t *qop_state)
{
	gss_ctx_id_t mit;
	OM_uint32 major;

	mit = mit_only(minor_status, context_handle, &major);
	if (mit == GSS_C_NO_CONTEXT)
		return major;
	return gss_unwrap_aead(minor_status, mit,
			       input_message_buffer, input_assoc_buffer,
			       output_payload_buffer, conf_state, qop_state);
}

GSSI_EXPORT OM_uint32 gssi_wrap_iov(OM_uint32 *minor_status,
				    gss_ctx_id_t context_handle,
				    int conf_req_flag, gss_qop_t qop_req,
				    int *conf_state,
				    gss_iov_buffer_desc *iov, int iov_count)
{
	gss_ctx_id_t mit;
	OM_uint32 major;

	mit = mit_only(minor_status, context_handle, &major);
	if (mit == GSS_C_NO_CONTEXT)
		return major;
	return gss_wrap_iov(minor_status, mit, conf_req_flag,
			    qop_req, conf_state, iov, iov_count);
}

GSSI_EXPORT OM_uint32 gssi_unwrap_iov(OM_uint32 *minor_status,
				      gss_ctx_id_t context_handle,
				      int *conf_state, gss_qop_t *qop_state,
				      gss_iov_buffer_desc *iov, int iov_count)
{
	gss_ctx_id_t mit;
	OM_uint32 major;

	mit = mit_only(minor_status, context_handle, &major);
	if (mit == GSS_C_NO_CONTEXT)
		return major;
	return gss_unwrap_iov(minor_status, mit, conf_state,
			      qop_state, iov, iov_count);
}

GSSI_EXPORT OM_uint32 gssi_wrap_iov_length(OM_uint32 *minor_status,
					   gss_ctx_id_t context_handle,
					   int conf_req_flag,
					   gss_qop_t qop_req, int *conf_state,
					   gss_iov_buffer_desc *iov,
					   int iov_count)
{
	gss_ctx_id_t mit;
	OM_uint32 major;

	mit = mit_only(minor_status, context_handle, &major);
	if (mit == GSS_C_NO_CONTEXT)
		return major;
	return gss_wrap_iov_length(minor_status, mit,
				   conf_req_flag, qop_req, conf_state, iov,
				   iov_count);
}

GSSI_EXPORT OM_uint32 gssi_get_mic_iov(OM_uint32 *minor_status,
				       gss_ctx_id_t context_handle,
				       gss_qop_t qop_req,
				       gss_iov_buffer_desc *iov,
				       int iov_count)
{
	gss_ctx_id_t mit;
	OM_uint32 major;

	mit = mit_only(minor_status, context_handle, &major);
	if (mit == GSS_C_NO_CONTEXT)
		return major;
	return gss_get_mic_iov(minor_status, mit, qop_req, iov,
			       iov_count);
}

GSSI_EXPORT OM_uint32 gssi_verify_mic_iov(OM_uint32 *minor_status,
					  gss_ctx_id_t context_handle,
					  gss_qop_t *qop_state,
					  gss_iov_buffer_desc *iov,
					  int iov_count)
{
	gss_ctx_id_t mit;
	OM_uint32 major;

	mit = mit_only(minor_status, context_handle, &major);
	if (mit == GSS_C_NO_CONTEXT)
		return major;
	return gss_verify_mic_iov(minor_status, mit, qop_state,
				  iov, iov_count);
}

GSSI_EXPORT OM_uint32 gssi_get_mic_iov_length(OM_uint32 *minor_status,
					      gss_ctx_id_t context_handle,
					      gss_qop_t qop_req,
					      gss_iov_buffer_desc *iov,
					      int iov_count)
{
	gss_ctx_id_t mit;
	OM_uint32 major;

	mit = mit_only(minor_status, context_handle, &major);
	if (mit == GSS_C_NO_CONTEXT)
		return major;
	return gss_get_mic_iov_length(minor_status, mit, qop_req,
				      iov, iov_count);
}
