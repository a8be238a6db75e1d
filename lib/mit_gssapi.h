/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The few MIT krb5 GSS-API functions that gssk_krb5_load_sec_context()
 * calls, resolved at run time from the libgssapi_krb5 already loaded in
 * the process, so that libgssk itself does not depend on MIT krb5.
 */
#ifndef GSSK_MIT_GSSAPI_H
#define GSSK_MIT_GSSAPI_H

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>

struct gsskp_mit {
	void *dl;
	OM_uint32 (*inquire_context)(OM_uint32 *, gss_ctx_id_t, gss_name_t *,
				     gss_name_t *, OM_uint32 *, gss_OID *,
				     OM_uint32 *, int *, int *);
	OM_uint32 (*display_name)(OM_uint32 *, gss_name_t, gss_buffer_t,
				  gss_OID *);
	OM_uint32 (*release_name)(OM_uint32 *, gss_name_t *);
	OM_uint32 (*release_buffer)(OM_uint32 *, gss_buffer_t);
	OM_uint32 (*display_status)(OM_uint32 *, OM_uint32, int, gss_OID,
				    OM_uint32 *, gss_buffer_t);
	OM_uint32 (*inquire_by_oid)(OM_uint32 *, gss_ctx_id_t, gss_OID,
				    gss_buffer_set_t *);
	OM_uint32 (*release_buffer_set)(OM_uint32 *, gss_buffer_set_t *);
	OM_uint32 (*free_lucid)(OM_uint32 *, void *);
	OM_uint32 (*delete_sec_context)(OM_uint32 *, gss_ctx_id_t *,
					gss_buffer_t);
};

/*
 * Resolve the functions from the libgssapi_krb5.so.2 that this process has
 * already loaded (RTLD_NOLOAD: never loads it). 0 on success; -1 if MIT's
 * library is not loaded or lacks a function, with the reason in
 * gssk_last_error(). Release with gsskp_mit_close().
 */
int gsskp_mit_open(struct gsskp_mit *mit);
void gsskp_mit_close(struct gsskp_mit *mit);

/*
 * MIT's text for a major/minor pair, "MAJOR TEXT: MINOR TEXT", into buf.
 * Returns buf.
 */
const char *gsskp_mit_status(const struct gsskp_mit *mit, OM_uint32 major,
			     OM_uint32 minor, char *buf, size_t len);

#endif /* GSSK_MIT_GSSAPI_H */
