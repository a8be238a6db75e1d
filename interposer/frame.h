/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * How an exported gssk reference reaches the interposer again.
 *
 * MIT's mechglue frames every exported token as [4-byte length][mech
 * OID][mechanism token], with the OID its context records. For an
 * interposed context that is the interposer's "special" OID, and
 * gss_import_sec_context sends a token framed so to the real krb5
 * mechanism, never to the interposer (MIT 1.20: g_exp_sec_context.c,
 * g_imp_sec_context.c, gssint_select_mech_type). A token framed with the
 * public krb5 OID goes to the interposer in a process that has it, and to
 * the real krb5 mechanism (which refuses a gssk reference as a defective
 * token) in one that does not. So a reference must leave framed with the
 * public OID.
 *
 * This relies on two things of MIT's, both checked at run time:
 *
 *  1. The mechglue calls the mechanism's export with the address of the
 *     internal_ctx_id member of its context, struct gss_union_ctx_id_struct
 *     { loopback; mech_type; internal_ctx_id; } (mglueP.h, unchanged since
 *     the mechglue came from Sun; loopback points at the struct itself),
 *     and frames the token with mech_type after the call returns.
 *     gssi_frame_union() finds the struct from that address and uses it
 *     only if loopback points back at it and mech_type is this module's
 *     special OID; gssi_frame_public() then rewrites that OID, in place,
 *     to the public one.
 *  2. A token framed with the public OID is routed to this module.
 *     gssi_frame_routing_ok() checks it once per process with a probe
 *     token that only this module recognises.
 *
 * If either fails (a later MIT version), the interposer does not load a
 * context into the kernel at all: every context stays with the real
 * mechanism and exports as it would without the interposer. It never
 * returns a token that cannot be imported.
 */
#ifndef GSSI_FRAME_H
#define GSSI_FRAME_H

#include <stdbool.h>
#include <stddef.h>

#include "interposer.h"

/* The probe's payload; gssi_import_sec_context() hands it here. */
#define GSSI_PROBE "gssk-interposer routing probe"

/* The mechglue's context around *handle, or NULL if it cannot be found. */
void *gssi_frame_union(gss_ctx_id_t *handle);

/* Make the mechglue frame the export of union ctx u with its public OID. */
void gssi_frame_public(void *u, gss_const_OID public_mech);

/*
 * True if imports of tokens framed with the public krb5 and MS krb5 OIDs
 * reach this module (probed once per process).
 */
bool gssi_frame_routing_ok(void);

/* Called by the import entry points with each token they receive. */
bool gssi_frame_is_probe(gss_const_buffer_t token);

/*
 * Both checks for a context about to be loaded or exported: true if a
 * reference exported from *handle will reach the interposer on import.
 */
static inline bool gssi_frame_ok(gss_ctx_id_t *handle)
{
	return gssi_frame_union(handle) != NULL && gssi_frame_routing_ok();
}

#endif /* GSSI_FRAME_H */
