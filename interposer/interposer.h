/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * gssk-interposer.so: an MIT krb5 mechglue interposer for the krb5
 * mechanism. What the real krb5 mechanism holds is forwarded to it by
 * re-entering the mechglue with the "special" OID (the interposer's OID
 * followed by the real mechanism's OID, which the mechglue maps back to
 * the real mechanism), so a program that never exports a context behaves
 * as without the interposer. Contexts move into the kernel at export or
 * at establishment (ctx.h, transfer.c, frame.h, config.h).
 *
 * Credential and name handles this module returns to the mechglue are
 * handles of the outer mechglue API obtained by that re-entry, passed back
 * to the public gss_* calls unchanged; context handles are struct
 * gssi_ctx (ctx.h).
 */
#ifndef GSSK_INTERPOSER_H
#define GSSK_INTERPOSER_H

#include <stdbool.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>

#define GSSI_EXPORT __attribute__((visibility("default")))

/*
 * The interposer's own OID: 1.3.6.1.4.1.32473.71.83.83.75 (the last four
 * arcs spell "GSSK" in ASCII). 1.3.6.1.4.1.32473 is the private
 * enterprise number IANA reserves for documentation (RFC 5612), the one
 * arc this project may use without registering its own. The OID never
 * goes on the wire to a peer: it names the module in /etc/gss/mech.d and
 * prefixes the mechglue's "special" OIDs. A UUID arc under 2.25 was tried
 * first; MIT 1.20's gss_str_to_oid cannot parse an arc wider than a long,
 * so /etc/gss/mech.d could not name it. A deployment that wants its own
 * arc changes GSSI_OID_BYTES in oid.c and the line in gssk.conf together.
 */
extern const gss_OID_desc gssi_oid;
extern const gss_OID_desc gssi_krb5_oid;	/* 1.2.840.113554.1.2.2 */
extern const gss_OID_desc gssi_mskrb5_oid;	/* 1.2.840.48018.1.2.2 */

bool gssi_oid_equal(gss_const_OID a, gss_const_OID b);

/* True if oid is one of the two krb5 mechanism OIDs this module serves. */
bool gssi_is_krb5(gss_const_OID oid);

/*
 * The special OID for the real mechanism mech (krb5 when mech is NULL or
 * not one of ours; an OID that already is special is returned as is). The
 * result is static: never free it.
 */
gss_OID gssi_special(gss_const_OID mech);

/*
 * A one-element OID set holding the special OID of mech, for calls that
 * take a set. The set is static: never free it.
 */
gss_OID_set gssi_special_set(gss_const_OID mech);

/*
 * The mechglue's frame of an exported context token: a 4-byte big-endian
 * OID length, the OID, then data. Returns GSS_S_COMPLETE with a malloc()ed
 * buffer in *out (wipe and free it), or GSS_S_FAILURE with ENOMEM.
 */
OM_uint32 gssi_frame_token(OM_uint32 *minor_status, gss_const_OID oid,
			   const void *data, size_t len, gss_buffer_t out);

/*
 * Import a name and canonicalize it for the real mechanism mech (krb5
 * when NULL): the kind of name this module hands the mechglue (name.c).
 */
OM_uint32 gssi_import_mn(OM_uint32 *minor_status, gss_const_OID mech,
			 gss_buffer_t input_name_buffer,
			 gss_OID input_name_type, gss_name_t *output_name);

/*
 * Refuse a call on a kernel-held context: GSS_S_UNAVAILABLE with
 * GSSK_MINOR_INTERPOSER_KERNEL_HELD (context.c).
 */
OM_uint32 gssi_kernel_held(OM_uint32 *minor_status);

#endif /* GSSK_INTERPOSER_H */
