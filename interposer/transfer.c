// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gss_export_sec_context and gss_import_sec_context. An export of an
 * interposed context becomes a gssk reference: the context moves into the
 * kernel (if it is not there yet) and the kernel exports it bound to the
 * importer policy of the configuration; the mechglue frames the reference
 * with the public krb5 OID (frame.h), so an import in a process that has
 * the interposer comes back here and goes through the kernel. What the
 * configuration does not interpose, and every context when frame.h's
 * checks fail, is exported by the real mechanism as without us.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <keyutils.h>
#include <gssapi/gssapi_alloc.h>
#include <gssk/gssk.h>

#include "config.h"
#include "ctx.h"
#include "frame.h"

/* Copy a buffer into one the mechglue can release, then wipe the source. */
static OM_uint32 hand_over(OM_uint32 *minor_status, gss_buffer_t from,
			   gss_buffer_t to)
{
	to->length = from->length;
	to->value = gssalloc_malloc(from->length ? from->length : 1);
	if (!to->value) {
		*minor_status = ENOMEM;
		return GSS_S_FAILURE;
	}
	memcpy(to->value, from->value, from->length);
	explicit_bzero(from->value, from->length);
	return GSS_S_COMPLETE;
}

/*
 * The mechglue frames our token as [4-byte big-endian OID length][OID]
 * [token]; the inner (re-entered) mechglue frames the real mechanism's
 * token the same way. Return only the real mechanism's token, so that the
 * outer frame (with the special OID) holds exactly what the real
 * mechanism's gss_import_sec_context expects.
 */
static OM_uint32 unframe(OM_uint32 *minor_status, gss_buffer_t framed,
			 gss_buffer_t out)
{
	const unsigned char *p = framed->value;
	gss_buffer_desc inner;
	gss_OID_desc oid;
	uint32_t oid_len;

	if (framed->length < 4)
		goto bad;
	oid_len = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		  (uint32_t)p[2] << 8 | p[3];
	if (oid_len > framed->length - 4)
		goto bad;
	oid.length = oid_len;
	oid.elements = (void *)(p + 4);
	if (!gssi_is_krb5(&oid))
		goto bad;
	inner.length = framed->length - 4 - oid_len;
	inner.value = (void *)(p + 4 + oid_len);
	return hand_over(minor_status, &inner, out);
bad:
	*minor_status = 0;
	return GSS_S_DEFECTIVE_TOKEN;
}

/* The real mechanism's export of a context it holds. */
static OM_uint32 export_forward(OM_uint32 *minor_status,
				gss_ctx_id_t *context_handle,
				struct gssi_ctx *ctx, gss_buffer_t token)
{
	gss_buffer_desc framed = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, tmp;

	major = gss_export_sec_context(minor_status, &ctx->mit, &framed);
	if (!GSS_ERROR(major))
		major = unframe(minor_status, &framed, token);
	if (framed.value)
		explicit_bzero(framed.value, framed.length);
	gss_release_buffer(&tmp, &framed);
	gssi_ctx_settle(context_handle);
	return major;
}

/* The kernel's export of a context it holds, under the configured policy. */
static OM_uint32 export_kernel(OM_uint32 *minor_status,
			       const struct gssi_config *conf,
			       struct gssi_ctx *ctx, gss_buffer_t token)
{
	GSSK_OPTS(gssk_export_opts, opts, .cgroup_fd = -1);
	gss_buffer_desc ref = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, tmp;

	if (conf->importer_uid_set) {
		opts.flags |= GSSK_POLICY_UID;
		opts.uid = conf->importer_uid;
	}
	if (conf->any_session)
		opts.flags |= GSSK_POLICY_ANY_SESSION;
	if (conf->cgroup == GSSI_CGROUP_OWN)
		opts.flags |= GSSK_POLICY_OWN_CGROUP;
	if (conf->cgroup == GSSI_CGROUP_PATH) {
		opts.flags |= GSSK_POLICY_CGROUP;
		opts.cgroup_fd = open(conf->cgroup_path,
				      O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (opts.cgroup_fd < 0) {
			*minor_status = GSSK_MINOR_BAD_CGROUP;
			return GSS_S_FAILURE;
		}
	}
	opts.ttl = conf->ttl;
	major = gssk_export_sec_context_opts(minor_status, &ctx->kernel, &opts,
					     &ref);
	if (opts.cgroup_fd >= 0)
		close(opts.cgroup_fd);
	if (GSS_ERROR(major))
		return major;
	major = hand_over(minor_status, &ref, token);
	gssk_release_buffer(&tmp, &ref);
	return major;
}

GSSI_EXPORT OM_uint32 gssi_export_sec_context(OM_uint32 *minor_status,
					      gss_ctx_id_t *context_handle,
					      gss_buffer_t interprocess_token)
{
	const struct gssi_config *conf = gssi_config();
	struct gssi_ctx *ctx = gssi_ctx_get(*context_handle);
	OM_uint32 major;
	void *u;

	if (!ctx) {
		*minor_status = 0;
		return GSS_S_CALL_BAD_STRUCTURE | GSS_S_NO_CONTEXT;
	}
	if (!conf) {
		/* A broken configuration never weakens a policy. */
		*minor_status = GSSK_MINOR_INTERPOSER_CONFIG;
		return GSS_S_FAILURE;
	}
	u = gssi_frame_union(context_handle);
	if (!gssi_ctx_in_kernel(ctx)) {
		if (!conf->interpose || !u || !gssi_frame_routing_ok())
			return export_forward(minor_status, context_handle,
					      ctx, interprocess_token);
		major = gssi_ctx_load(minor_status, ctx);
		if (GSS_ERROR(major) && conf->fallback_forward)
			return export_forward(minor_status, context_handle,
					      ctx, interprocess_token);
		if (GSS_ERROR(major))
			return major;
	} else if (!u) {
		/* Loaded at establishment, when the check passed. */
		*minor_status = GSSK_MINOR_INTERPOSER_KERNEL_HELD;
		return GSS_S_FAILURE;
	}
	major = export_kernel(minor_status, conf, ctx, interprocess_token);
	if (GSS_ERROR(major))
		return major;	/* the kernel still holds the context */
	gssi_frame_public(u, ctx->mech);
	gssi_ctx_settle(context_handle);
	return GSS_S_COMPLETE;
}

static bool is_reference(gss_const_buffer_t token)
{
	return token->length >= sizeof(GSSK_TOKEN_MAGIC) - 1 &&
	       memcmp(token->value, GSSK_TOKEN_MAGIC,
		      sizeof(GSSK_TOKEN_MAGIC) - 1) == 0;
}

/*
 * A token of the real mechanism whose frame named the public OID (made
 * by a process without the interposer) comes here with the frame
 * removed: frame it again with the special OID, which the re-entered
 * mechglue routes to the real mechanism, never back here.
 */
static OM_uint32 import_forward(OM_uint32 *minor_status, gss_const_OID mech,
				gss_buffer_t token, gss_ctx_id_t *mit)
{
	gss_buffer_desc framed;
	OM_uint32 major;

	major = gssi_frame_token(minor_status, gssi_special(mech),
				 token->value, token->length, &framed);
	if (GSS_ERROR(major))
		return major;
	major = gss_import_sec_context(minor_status, &framed, mit);
	explicit_bzero(framed.value, framed.length);
	free(framed.value);
	return major;
}

static OM_uint32 import_any(OM_uint32 *minor_status, gss_const_OID mech,
			    gss_buffer_t token, gss_ctx_id_t *context_handle)
{
	const struct gssi_config *conf = gssi_config();
	int32_t keyring = KEY_SPEC_PROCESS_KEYRING;
	struct gssi_ctx *ctx;
	OM_uint32 major;

	if (gssi_frame_is_probe(token)) {
		*minor_status = 0;
		return GSS_S_DEFECTIVE_TOKEN;
	}
	ctx = gssi_ctx_new(mech);
	if (!ctx) {
		*minor_status = ENOMEM;
		return GSS_S_FAILURE;
	}
	if (conf && conf->session_keyring)
		keyring = KEY_SPEC_SESSION_KEYRING;
	if (is_reference(token))
		major = gssk_import_sec_context_keyring(minor_status, token,
							keyring,
							&ctx->kernel);
	else
		major = import_forward(minor_status, mech, token, &ctx->mit);
	if (GSS_ERROR(major)) {
		gssi_ctx_free(ctx);
		return major;
	}
	*context_handle = (gss_ctx_id_t)ctx;
	return major;
}

GSSI_EXPORT OM_uint32 gssi_import_sec_context(OM_uint32 *minor_status,
					      gss_buffer_t interprocess_token,
					      gss_ctx_id_t *context_handle)
{
	return import_any(minor_status, &gssi_krb5_oid, interprocess_token,
			  context_handle);
}

GSSI_EXPORT OM_uint32 gssi_import_sec_context_by_mech(
	OM_uint32 *minor_status, gss_OID desired_mech,
	gss_buffer_t interprocess_token, gss_ctx_id_t *context_handle)
{
	return import_any(minor_status, desired_mech, interprocess_token,
			  context_handle);
}
