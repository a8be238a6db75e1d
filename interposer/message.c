// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Per-message calls, forwarded to the real krb5 mechanism (kernel-held
 * contexts are issue 11, step 2).
 */
#include "interposer.h"

GSSI_EXPORT OM_uint32 gssi_get_mic(OM_uint32 *minor_status,
				   gss_ctx_id_t context_handle,
				   gss_qop_t qop_req,
				   gss_buffer_t message_buffer,
				   gss_buffer_t message_token)
{
	return gss_get_mic(minor_status, context_handle, qop_req,
			   message_buffer, message_token);
}

GSSI_EXPORT OM_uint32 gssi_verify_mic(OM_uint32 *minor_status,
				      gss_ctx_id_t context_handle,
				      gss_buffer_t message_buffer,
				      gss_buffer_t token_buffer,
				      gss_qop_t *qop_state)
{
	return gss_verify_mic(minor_status, context_handle, message_buffer,
			      token_buffer, qop_state);
}

GSSI_EXPORT OM_uint32 gssi_wrap(OM_uint32 *minor_status,
				gss_ctx_id_t context_handle,
				int conf_req_flag, gss_qop_t qop_req,
				gss_buffer_t input_message_buffer,
				int *conf_state,
				gss_buffer_t output_message_buffer)
{
	return gss_wrap(minor_status, context_handle, conf_req_flag, qop_req,
			input_message_buffer, conf_state,
			output_message_buffer);
}

GSSI_EXPORT OM_uint32 gssi_unwrap(OM_uint32 *minor_status,
				  gss_ctx_id_t context_handle,
				  gss_buffer_t input_message_buffer,
				  gss_buffer_t output_message_buffer,
				  int *conf_state, gss_qop_t *qop_state)
{
	return gss_unwrap(minor_status, context_handle, input_message_buffer,
			  output_message_buffer, conf_state, qop_state);
}

GSSI_EXPORT OM_uint32 gssi_wrap_size_limit(OM_uint32 *minor_status,
					   gss_ctx_id_t context_handle,
					   int conf_req_flag,
					   gss_qop_t qop_req,
					   OM_uint32 req_output_size,
					   OM_uint32 *max_input_size)
{
	return gss_wrap_size_limit(minor_status, context_handle,
				   conf_req_flag, qop_req, req_output_size,
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
	return gss_wrap_aead(minor_status, context_handle, conf_req_flag,
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
	return gss_unwrap_aead(minor_status, context_handle,
			       input_message_buffer, input_assoc_buffer,
			       output_payload_buffer, conf_state, qop_state);
}

GSSI_EXPORT OM_uint32 gssi_wrap_iov(OM_uint32 *minor_status,
				    gss_ctx_id_t context_handle,
				    int conf_req_flag, gss_qop_t qop_req,
				    int *conf_state,
				    gss_iov_buffer_desc *iov, int iov_count)
{
	return gss_wrap_iov(minor_status, context_handle, conf_req_flag,
			    qop_req, conf_state, iov, iov_count);
}

GSSI_EXPORT OM_uint32 gssi_unwrap_iov(OM_uint32 *minor_status,
				      gss_ctx_id_t context_handle,
				      int *conf_state, gss_qop_t *qop_state,
				      gss_iov_buffer_desc *iov, int iov_count)
{
	return gss_unwrap_iov(minor_status, context_handle, conf_state,
			      qop_state, iov, iov_count);
}

GSSI_EXPORT OM_uint32 gssi_wrap_iov_length(OM_uint32 *minor_status,
					   gss_ctx_id_t context_handle,
					   int conf_req_flag,
					   gss_qop_t qop_req, int *conf_state,
					   gss_iov_buffer_desc *iov,
					   int iov_count)
{
	return gss_wrap_iov_length(minor_status, context_handle,
				   conf_req_flag, qop_req, conf_state, iov,
				   iov_count);
}

GSSI_EXPORT OM_uint32 gssi_get_mic_iov(OM_uint32 *minor_status,
				       gss_ctx_id_t context_handle,
				       gss_qop_t qop_req,
				       gss_iov_buffer_desc *iov,
				       int iov_count)
{
	return gss_get_mic_iov(minor_status, context_handle, qop_req, iov,
			       iov_count);
}

GSSI_EXPORT OM_uint32 gssi_verify_mic_iov(OM_uint32 *minor_status,
					  gss_ctx_id_t context_handle,
					  gss_qop_t *qop_state,
					  gss_iov_buffer_desc *iov,
					  int iov_count)
{
	return gss_verify_mic_iov(minor_status, context_handle, qop_state,
				  iov, iov_count);
}

GSSI_EXPORT OM_uint32 gssi_get_mic_iov_length(OM_uint32 *minor_status,
					      gss_ctx_id_t context_handle,
					      gss_qop_t qop_req,
					      gss_iov_buffer_desc *iov,
					      int iov_count)
{
	return gss_get_mic_iov_length(minor_status, context_handle, qop_req,
				      iov, iov_count);
}
