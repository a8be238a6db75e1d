// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * EXPORT: gssk_export_sec_context(), gssk_export_sec_context_policy() and
 * gssk_export_sec_context_opts().
 * On success the kernel invalidates the exported key, and the handle is
 * released (its context descriptor closed); on failure the handle is left
 * as it was and no token is made.
 */

#include "calls.h"

static OM_uint32 token_reply(OM_uint32 *minor, struct nlattr **tb, void *arg)
{
	gss_buffer_t token = arg;
	struct nlattr *a = tb[GSSK_A_TOKEN];

	if (!a || gsskp_attr_len(a) <= 0) {
		*minor = GSSK_MINOR_BAD_REPLY;
		return GSS_S_FAILURE;
	}
	if (gsskp_buffer_set(token, gsskp_attr_data(a), (size_t)gsskp_attr_len(a))) {
		*minor = GSSK_MINOR_NO_MEMORY;
		return GSS_S_FAILURE;
	}
	return GSS_S_COMPLETE;
}

/* The attribute bytes put_policy() writes. */
static size_t policy_size(const struct gssk_export_policy *p)
{
	size_t n = 0;

	if (!p)
		return 0;
	if (p->flags)
		n += gsskp_attr_size(sizeof(uint32_t));
	if (p->flags & GSSK_POLICY_UID)
		n += gsskp_attr_size(sizeof(uint32_t));
	if (p->flags & GSSK_POLICY_CGROUP)
		n += gsskp_attr_size(sizeof(int32_t));
	if (p->ttl)
		n += gsskp_attr_size(sizeof(uint32_t));
	return n;
}

static int put_policy(struct gsskp_msg *msg, const struct gssk_export_policy *p)
{
	if (!p)
		return 0;
	if (p->flags && gsskp_put_u32(msg, GSSK_A_POLICY, p->flags) < 0)
		return -1;
	if ((p->flags & GSSK_POLICY_UID) &&
	    gsskp_put_u32(msg, GSSK_A_POLICY_UID, (uint32_t)p->uid) < 0)
		return -1;
	if ((p->flags & GSSK_POLICY_CGROUP) &&
	    gsskp_put_s32(msg, GSSK_A_POLICY_CGROUP_FD, p->cgroup_fd) < 0)
		return -1;
	if (p->ttl && gsskp_put_u32(msg, GSSK_A_TTL, p->ttl) < 0)
		return -1;
	return 0;
}

struct gsskp_msg *gsskp_export_msg(int32_t serial,
				const struct gssk_export_policy *policy)
{
	struct gsskp_msg *msg;

	msg = gsskp_msg_new(GSSK_CMD_EXPORT,
			    gsskp_attr_size(sizeof(int32_t)) +
			    policy_size(policy));
	if (msg && (gsskp_put_s32(msg, GSSK_A_SERIAL, serial) < 0 ||
		    put_policy(msg, policy))) {
		gsskp_msg_free(msg);
		return NULL;
	}
	return msg;
}

/*
 * The checks and the request of every export call; the caller has cleared
 * the last error and set *minor_status and the token.
 */
static OM_uint32 export(OM_uint32 *minor_status, gss_ctx_id_t *context_handle,
			const struct gssk_export_policy *policy,
			gss_buffer_t interprocess_token)
{
	struct gss_ctx_id_struct *h;
	struct gsskp_msg *msg;
	OM_uint32 major, ignored;

	if (!context_handle || *context_handle == GSS_C_NO_CONTEXT)
		return GSS_S_CALL_INACCESSIBLE_READ | GSS_S_NO_CONTEXT;
	if (interprocess_token == GSS_C_NO_BUFFER)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	h = gsskp_ctx_check(*context_handle);
	if (!h) {
		*minor_status = GSSK_MINOR_INVALID_HANDLE;
		gsskp_set_error("not a live libgssk context handle");
		return GSS_S_NO_CONTEXT;
	}

	msg = gsskp_export_msg(h->serial, policy);
	if (!msg) {
		*minor_status = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("cannot build the EXPORT request");
		return GSS_S_FAILURE;
	}
	major = gsskp_transact(minor_status, msg, token_reply,
			       interprocess_token);
	gsskp_msg_free(msg);
	if (major) {
		gssk_release_buffer(&ignored, interprocess_token);
		return major;
	}
	gsskp_ctx_free(h);
	*context_handle = GSS_C_NO_CONTEXT;
	return GSS_S_COMPLETE;
}

/* Clear the last error, *minor_status and the token; 0 or a major. */
static OM_uint32 export_begin(OM_uint32 *minor_status,
			      gss_buffer_t interprocess_token)
{
	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (interprocess_token != GSS_C_NO_BUFFER)
		gsskp_buffer_empty(interprocess_token);
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_export_sec_context_policy(OM_uint32 *minor_status,
				gss_ctx_id_t *context_handle,
				const struct gssk_export_policy *policy,
				gss_buffer_t interprocess_token)
{
	OM_uint32 major = export_begin(minor_status, interprocess_token);

	if (major)
		return major;
	return export(minor_status, context_handle, policy,
		      interprocess_token);
}

GSSK_EXPORT OM_uint32 gssk_export_sec_context_opts(OM_uint32 *minor_status,
				gss_ctx_id_t *context_handle,
				const struct gssk_export_opts *opts,
				gss_buffer_t interprocess_token)
{
	struct gssk_export_policy p;
	struct gssk_export_opts o;
	OM_uint32 major = export_begin(minor_status, interprocess_token);

	if (major)
		return major;
	if (!opts)
		return export(minor_status, context_handle, NULL,
			      interprocess_token);
	major = gsskp_opts_copy(minor_status, &o, sizeof(o), opts, opts->size,
				GSSK_EXPORT_OPTS_SIZE_V1,
				"struct gssk_export_opts");
	if (major)
		return major;
	p = (struct gssk_export_policy){
		.flags = o.flags,
		.uid = o.uid,
		.cgroup_fd = o.cgroup_fd,
		.ttl = o.ttl,
	};
	return export(minor_status, context_handle, &p, interprocess_token);
}

GSSK_EXPORT OM_uint32 gssk_export_sec_context(OM_uint32 *minor_status,
					      gss_ctx_id_t *context_handle,
					      gss_buffer_t interprocess_token)
{
	OM_uint32 major = export_begin(minor_status, interprocess_token);

	if (major)
		return major;
	return export(minor_status, context_handle, NULL, interprocess_token);
}
