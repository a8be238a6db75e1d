// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The public calls on a context handle as such (layer 4, see README.md):
 * gssk_context_serial(), gssk_context_from_serial(),
 * gssk_delete_sec_context() and gssk_release_context_handle(). The
 * handles themselves are handle.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <keyutils.h>

#include "handle.h"

GSSK_EXPORT int32_t gssk_context_serial(const gss_ctx_id_t context_handle)
{
	struct gss_ctx_id_struct *h = gsskp_ctx_check(context_handle);

	return h ? h->serial : 0;
}

/* keyctl_describe() failure -> (major, minor); 0 when INQUIRE should judge */
static OM_uint32 describe_error(int err, OM_uint32 *minor)
{
	switch (err) {
	case ENOKEY:
		*minor = GSSK_MINOR_NO_SUCH_CONTEXT;
		gsskp_set_error("no key with this serial");
		return GSS_S_NO_CONTEXT;
	case ENOMEM:
		*minor = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("out of memory describing the key");
		return GSS_S_FAILURE;
	default:
		/*
		 * EACCES (no view permission), EKEYEXPIRED, EKEYREVOKED (a
		 * keyctl revoke, or a key gssk retired in a batch: only gssk
		 * tells them apart), ...: ask gssk
		 */
		return GSS_S_COMPLETE;
	}
}

GSSK_EXPORT OM_uint32 gssk_context_from_serial(OM_uint32 *minor_status,
					       int32_t serial,
					       gss_ctx_id_t *context_handle)
{
	struct gsskp_inquiry q;
	gss_ctx_id_t h;
	char *desc = NULL;
	OM_uint32 major;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*context_handle = GSS_C_NO_CONTEXT;
	if (serial <= 0) {
		*minor_status = GSSK_MINOR_NO_SUCH_CONTEXT;
		gsskp_set_error("%d is not a key serial", (int)serial);
		return GSS_S_NO_CONTEXT;
	}

	/* Without the module there can be no gssk key: say so first. */
	major = gsskp_nl_ready(minor_status);
	if (major)
		return major;

	/* A cheap look at the key type, for a clear refusal. */
	if (keyctl_describe_alloc(serial, &desc) < 0) {
		major = describe_error(errno, minor_status);
		if (major)
			return major;
	} else {
		size_t typelen = strcspn(desc, ";");
		bool gssk = typelen == 4 && memcmp(desc, "gssk", 4) == 0;

		if (!gssk) {
			gsskp_set_error("key %d is of type \"%.*s\", not "
					"\"gssk\"", (int)serial, (int)typelen,
					desc);
			free(desc);
			*minor_status = GSSK_MINOR_NOT_GSSK_KEY;
			return GSS_S_NO_CONTEXT;
		}
		free(desc);
	}

	/* INQUIRE checks that it is a live context we may read. */
	memset(&q, 0, sizeof(q));
	major = gsskp_inquire(minor_status, serial, &q);
	gsskp_inquiry_release(&q);
	/* An expired context keeps its handle, so that it can be deleted. */
	if (major && GSS_ROUTINE_ERROR(major) != GSS_S_CONTEXT_EXPIRED)
		return major;

	h = gsskp_ctx_new(serial);
	if (!h) {
		*minor_status = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("out of memory");
		return GSS_S_FAILURE;
	}
	gsskp_clear_error();	/* an expired context is no failure here */
	*minor_status = GSSK_MINOR_NONE;
	*context_handle = h;
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_delete_sec_context(OM_uint32 *minor_status,
					      gss_ctx_id_t *context_handle,
					      gss_buffer_t output_token)
{
	struct gss_ctx_id_struct *h;
	OM_uint32 major, routine;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (output_token != GSS_C_NO_BUFFER)
		gsskp_buffer_empty(output_token);
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE | GSS_S_NO_CONTEXT;
	if (*context_handle == GSS_C_NO_CONTEXT)
		return GSS_S_NO_CONTEXT;
	h = gsskp_ctx_check(*context_handle);
	if (!h) {
		*minor_status = GSSK_MINOR_INVALID_HANDLE;
		gsskp_set_error("not a live libgssk context handle");
		return GSS_S_NO_CONTEXT;
	}

	major = gsskp_serial_request(minor_status, GSSK_CMD_DELETE, h->serial,
				     NULL, NULL);
	/*
	 * The handle is released unless the context may still be there for
	 * a later try: GSS_S_FAILURE (transport, memory, module gone) or a
	 * permission refusal. Any other refusal says the serial names no
	 * context (gone, revoked, not a gssk key).
	 */
	routine = GSS_ROUTINE_ERROR(major);
	if (GSS_CALLING_ERROR(major) || routine == GSS_S_FAILURE ||
	    *minor_status == GSSK_MINOR_KEY_PERMISSION ||
	    *minor_status == GSSK_MINOR_NOT_PERMITTED)
		return major;
	gsskp_ctx_free(h);
	*context_handle = GSS_C_NO_CONTEXT;
	return major;
}

GSSK_EXPORT OM_uint32 gssk_release_context_handle(OM_uint32 *minor_status,
						  gss_ctx_id_t *context_handle)
{
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE | GSS_S_NO_CONTEXT;
	if (*context_handle == GSS_C_NO_CONTEXT)
		return GSS_S_NO_CONTEXT;
	if (!gsskp_ctx_check(*context_handle)) {
		*minor_status = GSSK_MINOR_INVALID_HANDLE;
		return GSS_S_NO_CONTEXT;
	}
	gsskp_ctx_free(*context_handle);
	*context_handle = GSS_C_NO_CONTEXT;
	return GSS_S_COMPLETE;
}
