// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * IMPORT: gssk_import_sec_context() and gssk_import_sec_context_keyring().
 * The token names a context the kernel holds for the importer; the import
 * creates a new key for it. On failure *context_handle is GSS_C_NO_CONTEXT.
 */
#include <keyutils.h>

#include "calls.h"

struct gsskp_msg *gsskp_import_msg(const gss_buffer_t token, int32_t keyring)
{
	struct gsskp_msg *msg;

	msg = gsskp_msg_new(GSSK_CMD_IMPORT,
			    gsskp_attr_size(token->length) +
			    gsskp_attr_size(sizeof(int32_t)));
	if (msg && (gsskp_put(msg, GSSK_A_TOKEN, token->value,
			      token->length) < 0 ||
		    gsskp_put_s32(msg, GSSK_A_KEYRING, keyring) < 0)) {
		gsskp_msg_free(msg);	/* wipes the token */
		return NULL;
	}
	return msg;
}

GSSK_EXPORT OM_uint32 gssk_import_sec_context_keyring(OM_uint32 *minor_status,
				const gss_buffer_t interprocess_token,
				int32_t keyring,
				gss_ctx_id_t *context_handle)
{
	struct gsskp_msg *msg;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*context_handle = GSS_C_NO_CONTEXT;
	/* as MIT: no token at all is an unreadable, defective input */
	if (interprocess_token == GSS_C_NO_BUFFER ||
	    (interprocess_token->length && !interprocess_token->value))
		return GSS_S_CALL_INACCESSIBLE_READ | GSS_S_DEFECTIVE_TOKEN;
	/* an empty one is a token of the wrong length, like the kernel says */
	if (interprocess_token->length == 0) {
		*minor_status = GSSK_MINOR_TOKEN_LENGTH;
		gsskp_set_error("the interprocess token is empty");
		return GSS_S_DEFECTIVE_TOKEN;
	}
	if (interprocess_token->length > GSSK_TOKEN_MAX_LEN) {
		*minor_status = GSSK_MINOR_TOKEN_LENGTH;
		gsskp_set_error("token of %zu bytes is longer than %d bytes",
				interprocess_token->length,
				GSSK_TOKEN_MAX_LEN);
		return GSS_S_DEFECTIVE_TOKEN;
	}
	if (keyring == 0)
		keyring = KEY_SPEC_SESSION_KEYRING;

	msg = gsskp_import_msg(interprocess_token, keyring);
	return gsskp_make_context(minor_status, msg, "IMPORT", context_handle);
}

GSSK_EXPORT OM_uint32 gssk_import_sec_context(OM_uint32 *minor_status,
				const gss_buffer_t interprocess_token,
				gss_ctx_id_t *context_handle)
{
	return gssk_import_sec_context_keyring(minor_status,
					       interprocess_token, 0,
					       context_handle);
}
