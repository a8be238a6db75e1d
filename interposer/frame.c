// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The run-time checks of frame.h. The probe runs once per process under
 * pthread_once; its result is read-only afterwards.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"

/* MIT's struct gss_union_ctx_id_struct (mglueP.h), as far as we use it. */
struct mit_union_ctx {
	struct mit_union_ctx *loopback;
	gss_OID mech_type;
	gss_ctx_id_t internal_ctx_id;
};

static pthread_once_t probe_once = PTHREAD_ONCE_INIT;
static bool routing_ok;
static __thread bool probe_seen;

void *gssi_frame_union(gss_ctx_id_t *handle)
{
	struct mit_union_ctx *u;

	u = (struct mit_union_ctx *)((char *)handle -
				     offsetof(struct mit_union_ctx,
					      internal_ctx_id));
	/* Nothing is dereferenced before loopback has proved the layout. */
	if (u->loopback != u || u->mech_type == GSS_C_NO_OID)
		return NULL;
	if (!gssi_oid_equal(u->mech_type, gssi_special(&gssi_krb5_oid)) &&
	    !gssi_oid_equal(u->mech_type, gssi_special(&gssi_mskrb5_oid)))
		return NULL;
	return u;
}

void gssi_frame_public(void *p, gss_const_OID public_mech)
{
	struct mit_union_ctx *u = p;

	/* The special OID's bytes (21) have room for the public one's (9). */
	memcpy(u->mech_type->elements, public_mech->elements,
	       public_mech->length);
	u->mech_type->length = public_mech->length;
}

bool gssi_frame_is_probe(gss_const_buffer_t token)
{
	if (token->length != sizeof(GSSI_PROBE) - 1 ||
	    memcmp(token->value, GSSI_PROBE, token->length) != 0)
		return false;
	probe_seen = true;
	return true;
}

/* Import a probe framed with mech's public OID; true if it came back here. */
static bool probe(gss_const_OID mech)
{
	gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
	gss_buffer_desc token;
	OM_uint32 minor;
	bool seen;

	if (GSS_ERROR(gssi_frame_token(&minor, mech, GSSI_PROBE,
				       sizeof(GSSI_PROBE) - 1, &token)))
		return false;
	probe_seen = false;
	seen = GSS_ERROR(gss_import_sec_context(&minor, &token, &ctx)) &&
	       probe_seen;
	/* Something that took the probe for a context is never used. */
	if (ctx != GSS_C_NO_CONTEXT)
		gss_delete_sec_context(&minor, &ctx, GSS_C_NO_BUFFER);
	free(token.value);
	return seen;
}

static void probe_routing(void)
{
	routing_ok = probe(&gssi_krb5_oid) && probe(&gssi_mskrb5_oid);
}

bool gssi_frame_routing_ok(void)
{
	pthread_once(&probe_once, probe_routing);
	return routing_ok;
}
