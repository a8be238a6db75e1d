/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Move an established MIT krb5 GSS-API context into gssk.
 *
 * The call is part of libgssk (version GSSK_1.1), but libgssk does not link
 * MIT's libgssapi_krb5: it finds MIT's functions at run time in the copy
 * the calling program has loaded (the program that holds an MIT context
 * links -lgssapi_krb5 itself). Without it the call fails with
 * GSS_S_UNAVAILABLE.
 */
#ifndef GSSK_GSSK_KRB5_H
#define GSSK_GSSK_KRB5_H

#include <gssk/gssk.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Load the MIT krb5 context *krb5_context_handle into the kernel.
 *
 * The context must be established, use the krb5 mechanism and the RFC 4121
 * token format with one of enctypes 17, 18, 19 or 20. Its keys and sequence
 * numbers are read through MIT's lucid-context interface, its names, flags
 * and lifetime through gss_inquire_context; the lucid copy is zeroed and
 * freed before returning.
 *
 * keyring and description are as for gssk_load_sec_context (0: the session
 * keyring; NULL: a unique gssk:N description).
 *
 * On GSS_S_COMPLETE the MIT context has been deleted and
 * *krb5_context_handle is GSS_C_NO_CONTEXT: from then on only the kernel
 * holds the keys, and *context_handle refers to the gssk context. On any
 * other status *krb5_context_handle is untouched and still usable, and
 * *context_handle is GSS_C_NO_CONTEXT.
 */
OM_uint32 gssk_krb5_load_sec_context(OM_uint32 *minor_status,
				     gss_ctx_id_t *krb5_context_handle,
				     int32_t keyring, const char *description,
				     gss_ctx_id_t *context_handle);

#ifdef __cplusplus
}
#endif

#endif /* GSSK_GSSK_KRB5_H */
