// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * INQUIRE: gssk_inquire_context(), gssk_context_time() and
 * gssk_inquire_context_info().
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handle.h"

static int64_t lifetime_of(const struct gsskp_inquiry *q)
{
	time_t now;

	if (q->have_time_rec)
		return q->time_rec;	/* 0xffffffff == GSS_C_INDEFINITE */
	if (!q->have_endtime)
		return -1;
	if (q->endtime == 0)
		return GSS_C_INDEFINITE;
	now = time(NULL);
	if ((uint64_t)now >= q->endtime)
		return 0;
	if (q->endtime - (uint64_t)now >= GSS_C_INDEFINITE)
		return GSS_C_INDEFINITE - 1;
	return (int64_t)(q->endtime - (uint64_t)now);
}

static OM_uint32 bad_reply(OM_uint32 *minor, const char *what)
{
	*minor = GSSK_MINOR_BAD_REPLY;
	gsskp_set_error("the gssk module's INQUIRE reply lacks %s", what);
	return GSS_S_FAILURE;
}

static OM_uint32 expired(OM_uint32 *minor)
{
	*minor = GSSK_MINOR_CONTEXT_EXPIRED;
	gsskp_set_error("the context has expired");
	return GSS_S_CONTEXT_EXPIRED;
}

/* Common entry checks; returns the live handle or sets *major. */
static struct gss_ctx_id_struct *entry_handle(OM_uint32 *minor,
					      gss_ctx_id_t handle,
					      OM_uint32 *major)
{
	struct gss_ctx_id_struct *h;

	if (handle == GSS_C_NO_CONTEXT) {
		*major = GSS_S_CALL_INACCESSIBLE_READ | GSS_S_NO_CONTEXT;
		return NULL;
	}
	h = gsskp_ctx_check(handle);
	if (!h) {
		*minor = GSSK_MINOR_INVALID_HANDLE;
		*major = GSS_S_NO_CONTEXT;
		gsskp_set_error("not a live libgssk context handle");
		return NULL;
	}
	return h;
}

/*
 * The start of the calls that return one kind of answer from INQUIRE:
 * status pointer, output pointer (out_ok: not NULL), handle, request.
 * The caller has zeroed its outputs.
 */
static OM_uint32 inquire_entry(OM_uint32 *minor_status, bool out_ok,
			       gss_ctx_id_t context_handle,
			       struct gsskp_inquiry *q)
{
	struct gss_ctx_id_struct *h;
	OM_uint32 major = GSS_S_COMPLETE;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!out_ok)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	h = entry_handle(minor_status, context_handle, &major);
	if (!h)
		return major;
	return gsskp_inquire(minor_status, h->serial, q);
}

GSSK_EXPORT OM_uint32 gssk_inquire_context(OM_uint32 *minor_status,
			const gss_ctx_id_t context_handle,
			gss_name_t *src_name, gss_name_t *targ_name,
			OM_uint32 *lifetime_rec, gss_OID *mech_type,
			OM_uint32 *ctx_flags, int *locally_initiated,
			int *open)
{
	struct gss_ctx_id_struct *h;
	struct gsskp_inquiry q;
	gss_name_t src = GSS_C_NO_NAME, targ = GSS_C_NO_NAME;
	OM_uint32 major = GSS_S_COMPLETE;
	int64_t life;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (src_name)
		*src_name = GSS_C_NO_NAME;
	if (targ_name)
		*targ_name = GSS_C_NO_NAME;
	if (lifetime_rec)
		*lifetime_rec = 0;
	if (mech_type)
		*mech_type = GSS_C_NO_OID;
	if (ctx_flags)
		*ctx_flags = 0;
	if (locally_initiated)
		*locally_initiated = 0;
	if (open)
		*open = 0;
	h = entry_handle(minor_status, context_handle, &major);
	if (!h)
		return major;

	major = gsskp_inquire(minor_status, h->serial, &q);
	if (major) {
		if (GSS_ROUTINE_ERROR(major) == GSS_S_CONTEXT_EXPIRED &&
		    mech_type)
			*mech_type = (gss_OID)&gsskp_krb5_mech_oid;
		return major;
	}

	life = lifetime_of(&q);
	if (lifetime_rec && life < 0) {
		major = bad_reply(minor_status, "the lifetime");
		goto out;
	}
	if ((ctx_flags && !q.have_flags) ||
	    (locally_initiated && !q.have_role)) {
		major = bad_reply(minor_status, "the flags or the role");
		goto out;
	}
	if (life == 0) {
		/* RFC 2744: lifetime 0 and CONTEXT_EXPIRED; no names */
		major = expired(minor_status);
	} else {
		if (src_name && q.init_name) {
			src = gsskp_name_new(q.init_name, strlen(q.init_name));
			if (!src)
				goto nomem;
		}
		if (targ_name && q.acc_name) {
			targ = gsskp_name_new(q.acc_name, strlen(q.acc_name));
			if (!targ)
				goto nomem;
		}
		if (src_name)
			*src_name = src;
		if (targ_name)
			*targ_name = targ;
		if (open)
			*open = 1;
	}
	if (lifetime_rec)
		*lifetime_rec = (OM_uint32)(life < 0 ? 0 : life);
	if (mech_type)
		*mech_type = (gss_OID)&gsskp_krb5_mech_oid;
	if (ctx_flags)
		*ctx_flags = q.flags;
	if (locally_initiated)
		*locally_initiated = q.role == GSSK_ROLE_INITIATOR;
	goto out;

nomem:
	{
		OM_uint32 ignored;

		gssk_release_name(&ignored, &src);
		gssk_release_name(&ignored, &targ);
	}
	*minor_status = GSSK_MINOR_NO_MEMORY;
	gsskp_set_error("out of memory");
	major = GSS_S_FAILURE;
out:
	gsskp_inquiry_release(&q);
	return major;
}

GSSK_EXPORT OM_uint32 gssk_context_time(OM_uint32 *minor_status,
					const gss_ctx_id_t context_handle,
					OM_uint32 *time_rec)
{
	struct gsskp_inquiry q;
	OM_uint32 major;
	int64_t life;

	if (time_rec)
		*time_rec = 0;
	major = inquire_entry(minor_status, time_rec, context_handle, &q);
	if (major)
		return major;
	life = lifetime_of(&q);
	gsskp_inquiry_release(&q);
	if (life < 0)
		return bad_reply(minor_status, "the lifetime");
	if (life == 0)
		return expired(minor_status);
	*time_rec = (OM_uint32)life;
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_inquire_context_info(OM_uint32 *minor_status,
				const gss_ctx_id_t context_handle,
				struct gssk_context_info *info)
{
	struct gsskp_inquiry q;
	OM_uint32 major;
	int64_t life;

	if (info)
		memset(info, 0, sizeof(*info));
	major = inquire_entry(minor_status, info, context_handle, &q);
	if (major)
		return major;
	gsskp_inquiry_release(&q);	/* names are not part of info */
	life = lifetime_of(&q);
	if (life < 0 || !q.have_enctype || !q.have_role || !q.have_flags)
		return bad_reply(minor_status, "a field");
	info->enctype = q.enctype;
	info->subkey_enctype = q.subkey_enctype;
	info->initiate = q.role == GSSK_ROLE_INITIATOR;
	info->flags = q.flags;
	info->endtime = q.have_endtime ? q.endtime : 0;
	info->lifetime = (OM_uint32)life;
	if (life == 0)
		return expired(minor_status);
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_inquire_sequence(OM_uint32 *minor_status,
				const gss_ctx_id_t context_handle,
				uint64_t *send_seq, uint64_t *recv_seq)
{
	struct gsskp_inquiry q;
	OM_uint32 major;

	if (send_seq)
		*send_seq = 0;
	if (recv_seq)
		*recv_seq = 0;
	major = inquire_entry(minor_status, send_seq && recv_seq,
			      context_handle, &q);
	if (major)
		return major;
	gsskp_inquiry_release(&q);
	if (!q.have_seq) {
		*minor_status = GSSK_MINOR_UNSUPPORTED;
		gsskp_set_error("the gssk module does not report sequence "
				"numbers (it is older than 1.1)");
		return GSS_S_UNAVAILABLE;
	}
	*send_seq = q.send_seq;
	*recv_seq = q.recv_seq;
	return GSS_S_COMPLETE;
}
