/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The context handles this module gives the mechglue. Each one wraps
 * either a context the real krb5 mechanism holds (mit: a handle of the
 * outer mechglue API, made by re-entering it with the special OID) or one
 * the kernel holds (kernel: a libgssk handle), never both: moving a
 * context into the kernel deletes the MIT one.
 *
 * A handle is used the way RFC 2744 says a context handle is: the
 * program must not race gss_delete_sec_context or gss_export_sec_context
 * with other calls on it, so the wrapper needs no lock.
 */
#ifndef GSSI_CTX_H
#define GSSI_CTX_H

#include <stdint.h>

#include "interposer.h"

struct gssi_ctx {
	uint32_t magic;			/* GSSI_CTX_MAGIC while alive */
	gss_ctx_id_t mit;		/* MIT-held, or GSS_C_NO_CONTEXT */
	gss_ctx_id_t kernel;		/* kernel-held, or GSS_C_NO_CONTEXT */
	gss_const_OID mech;		/* public OID: krb5 or MS krb5 */
};

/* A new wrapper (mit and kernel empty) or NULL when out of memory. */
struct gssi_ctx *gssi_ctx_new(gss_const_OID mech);

/*
 * The wrapper behind a handle the mechglue passes in, or NULL for
 * GSS_C_NO_CONTEXT or a handle that is not a live wrapper.
 */
struct gssi_ctx *gssi_ctx_get(gss_ctx_id_t handle);

/* Free a wrapper that holds no context any more. */
void gssi_ctx_free(struct gssi_ctx *ctx);

static inline int gssi_ctx_in_kernel(const struct gssi_ctx *ctx)
{
	return ctx->kernel != GSS_C_NO_CONTEXT;
}

/*
 * Move an established MIT-held context into the kernel (libgssk's
 * gssk_krb5_load_sec_context, into the keyring the configuration names).
 * On success the MIT context is gone; on failure it is untouched and the
 * gssk status is returned.
 */
OM_uint32 gssi_ctx_load(OM_uint32 *minor_status, struct gssi_ctx *ctx);

/*
 * After a forwarded call that may have deleted the MIT context (RFC 2744
 * lets init, accept, export and delete do so): free the wrapper and clear
 * *handle if it no longer holds anything.
 */
void gssi_ctx_settle(gss_ctx_id_t *handle);

#endif /* GSSI_CTX_H */
