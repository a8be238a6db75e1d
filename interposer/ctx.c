// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The context wrappers of ctx.h, and moving a context into the kernel.
 */
#include <stdlib.h>
#include <string.h>

#include <keyutils.h>
#include <gssk/gssk_krb5.h>

#include "config.h"
#include "ctx.h"

#define GSSI_CTX_MAGIC 0x67737369u	/* "gssi" */

struct gssi_ctx *gssi_ctx_new(gss_const_OID mech)
{
	struct gssi_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return NULL;
	ctx->magic = GSSI_CTX_MAGIC;
	ctx->mech = gssi_oid_equal(mech, &gssi_mskrb5_oid) ?
			    &gssi_mskrb5_oid : &gssi_krb5_oid;
	return ctx;
}

struct gssi_ctx *gssi_ctx_get(gss_ctx_id_t handle)
{
	struct gssi_ctx *ctx = (struct gssi_ctx *)handle;

	if (ctx == NULL || ctx->magic != GSSI_CTX_MAGIC)
		return NULL;
	return ctx;
}

void gssi_ctx_free(struct gssi_ctx *ctx)
{
	if (!ctx)
		return;
	ctx->magic = 0;
	free(ctx);
}

void gssi_ctx_settle(gss_ctx_id_t *handle)
{
	struct gssi_ctx *ctx = gssi_ctx_get(*handle);

	if (ctx && ctx->mit == GSS_C_NO_CONTEXT &&
	    ctx->kernel == GSS_C_NO_CONTEXT) {
		gssi_ctx_free(ctx);
		*handle = GSS_C_NO_CONTEXT;
	}
}

OM_uint32 gssi_ctx_load(OM_uint32 *minor_status, struct gssi_ctx *ctx)
{
	const struct gssi_config *conf = gssi_config();
	int32_t keyring = KEY_SPEC_PROCESS_KEYRING;

	if (conf && conf->session_keyring)
		keyring = KEY_SPEC_SESSION_KEYRING;
	return gssk_krb5_load_sec_context(minor_status, &ctx->mit, keyring,
					  NULL, &ctx->kernel);
}
