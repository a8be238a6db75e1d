// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Context handles: allocation and checking, their context descriptors,
 * gssk_context_serial(), gssk_context_from_serial(),
 * gssk_delete_sec_context() and gssk_release_context_handle().
 *
 * A handle names its context by key serial for the control commands, and
 * holds a context descriptor for the per-message ioctls. The descriptor
 * is opened (GSSK_CMD_OPEN, which checks READ permission on the key) on
 * the first per-message call and closed when the handle is freed: by
 * gssk_delete_sec_context(), a successful gssk_export_sec_context*() or
 * gssk_release_context_handle(). It is O_CLOEXEC, and a child after
 * fork() inherits it with the handle: the same kernel context, whose
 * sequence state the kernel keeps, so parent and child never reuse a
 * sequence number.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <keyutils.h>
#include <netlink/attr.h>

#include "internal.h"

gss_ctx_id_t gsskp_ctx_new(int32_t serial)
{
	struct gss_ctx_id_struct *h = malloc(sizeof(*h));

	if (!h)
		return GSS_C_NO_CONTEXT;
	h->magic = GSSK_CTX_MAGIC;
	h->serial = serial;
	h->fd = -1;
	return h;
}

struct gss_ctx_id_struct *gsskp_ctx_check(gss_ctx_id_t handle)
{
	if (handle == GSS_C_NO_CONTEXT || handle->magic != GSSK_CTX_MAGIC ||
	    handle->serial <= 0)
		return NULL;
	return handle;
}

void gsskp_ctx_free(gss_ctx_id_t handle)
{
	int fd;

	if (handle == GSS_C_NO_CONTEXT)
		return;
	fd = __atomic_exchange_n(&handle->fd, -1, __ATOMIC_ACQ_REL);
	if (fd >= 0)
		close(fd);
	handle->magic = GSSK_CTX_DEAD;
	handle->serial = 0;
	/* keep the stores from being optimised away before free */
	__asm__ __volatile__("" : : "r"(handle) : "memory");
	free(handle);
}

OM_uint32 gsskp_reply_serial(OM_uint32 *minor, struct nlattr **tb, void *arg)
{
	int32_t *serial = arg;

	if (!tb[GSSK_A_SERIAL] || nla_get_s32(tb[GSSK_A_SERIAL]) <= 0) {
		*minor = GSSK_MINOR_BAD_REPLY;
		return GSS_S_FAILURE;
	}
	*serial = nla_get_s32(tb[GSSK_A_SERIAL]);
	return GSS_S_COMPLETE;
}

/*
 * Send a request that makes a kernel context (LOAD, IMPORT) and wrap the
 * serial of its reply in a new handle. The handle is allocated before the
 * request goes out: nothing may fail once the kernel has made the key. msg
 * is NULL if it could not be built; it is wiped and freed here.
 */
OM_uint32 gsskp_make_context(OM_uint32 *minor, struct nl_msg *msg,
			     const char *what, gss_ctx_id_t *context_handle)
{
	gss_ctx_id_t h = gsskp_ctx_new(0);
	int32_t serial = 0;
	OM_uint32 major;

	if (!h || !msg) {
		gsskp_msg_free(msg);
		gsskp_ctx_free(h);
		*minor = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("cannot build the %s request", what);
		return GSS_S_FAILURE;
	}
	major = gsskp_transact(minor, msg, gsskp_reply_serial, &serial);
	gsskp_msg_free(msg);
	if (major) {
		gsskp_ctx_free(h);
		return major;
	}
	h->serial = serial;
	*context_handle = h;
	return GSS_S_COMPLETE;
}

struct nl_msg *gsskp_serial_msg(uint8_t cmd, int32_t serial)
{
	struct nl_msg *msg = gsskp_msg_new(cmd,
					   gsskp_attr_size(sizeof(int32_t)));

	if (msg && nla_put_s32(msg, GSSK_A_SERIAL, serial) < 0) {
		gsskp_msg_free(msg);
		return NULL;
	}
	return msg;
}

OM_uint32 gsskp_serial_request(OM_uint32 *minor, uint8_t cmd, int32_t serial,
			       gsskp_reply_fn reply, void *arg)
{
	struct nl_msg *msg = gsskp_serial_msg(cmd, serial);
	OM_uint32 major;

	if (!msg) {
		*minor = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("cannot build a netlink message");
		return GSS_S_FAILURE;
	}
	major = gsskp_transact(minor, msg, reply, arg);
	gsskp_msg_free(msg);
	return major;
}

/* ---- context descriptors ---- */

static OM_uint32 reply_fd(OM_uint32 *minor, struct nlattr **tb, void *arg)
{
	int *fd = arg;

	if (!tb[GSSK_A_FD] || nla_get_s32(tb[GSSK_A_FD]) < 0) {
		*minor = GSSK_MINOR_BAD_REPLY;
		return GSS_S_FAILURE;
	}
	*fd = nla_get_s32(tb[GSSK_A_FD]);
	return GSS_S_COMPLETE;
}

OM_uint32 gsskp_ctx_fd(OM_uint32 *minor, struct gss_ctx_id_struct *h,
		       int *fd)
{
	int cur = __atomic_load_n(&h->fd, __ATOMIC_ACQUIRE), mine = -1;
	OM_uint32 major;

	if (cur >= 0) {
		*fd = cur;
		return GSS_S_COMPLETE;
	}
	major = gsskp_serial_request(minor, GSSK_CMD_OPEN, h->serial,
				     reply_fd, &mine);
	if (major) {
		if (GSS_ROUTINE_ERROR(major) == GSS_S_FAILURE &&
		    *minor == GSSK_MINOR_UNSUPPORTED)
			gsskp_set_error("the loaded gssk module has no context "
					"descriptors (GSSK_CMD_OPEN): it is "
					"older than ABI %d", GSSK_GENL_VERSION);
		return major;
	}
	*fd = gsskp_ctx_install_fd(h, mine);
	return GSS_S_COMPLETE;
}

int gsskp_ctx_install_fd(struct gss_ctx_id_struct *h, int fd)
{
	int cur = -1;

	/* Another thread may have opened one meanwhile: keep the first. */
	if (__atomic_compare_exchange_n(&h->fd, &cur, fd, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return fd;
	close(fd);
	return cur;
}

GSSK_EXPORT int32_t gssk_context_serial(const gss_ctx_id_t context_handle)
{
	struct gss_ctx_id_struct *h = gsskp_ctx_check(context_handle);

	return h ? h->serial : 0;
}

/* keyctl_describe() failure -> (major, minor); 0 when INQUIRE should judge */
static OM_uint32 describe_error(int err, OM_uint32 *minor)
{
	switch (err) {
	case ENOKEY:
		*minor = GSSK_MINOR_NO_SUCH_CONTEXT;
		gsskp_set_error("no key with this serial");
		return GSS_S_NO_CONTEXT;
	case ENOMEM:
		*minor = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("out of memory describing the key");
		return GSS_S_FAILURE;
	default:
		/*
		 * EACCES (no view permission), EKEYEXPIRED, EKEYREVOKED (a
		 * keyctl revoke, or a key gssk retired in a batch: only gssk
		 * tells them apart), ...: ask gssk
		 */
		return GSS_S_COMPLETE;
	}
}

GSSK_EXPORT OM_uint32 gssk_context_from_serial(OM_uint32 *minor_status,
					       int32_t serial,
					       gss_ctx_id_t *context_handle)
{
	struct gsskp_inquiry q;
	gss_ctx_id_t h;
	char *desc = NULL;
	OM_uint32 major;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*context_handle = GSS_C_NO_CONTEXT;
	if (serial <= 0) {
		*minor_status = GSSK_MINOR_NO_SUCH_CONTEXT;
		gsskp_set_error("%d is not a key serial", (int)serial);
		return GSS_S_NO_CONTEXT;
	}

	/* Without the module there can be no gssk key: say so first. */
	major = gsskp_nl_ready(minor_status);
	if (major)
		return major;

	/* A cheap look at the key type, for a clear refusal. */
	if (keyctl_describe_alloc(serial, &desc) < 0) {
		major = describe_error(errno, minor_status);
		if (major)
			return major;
	} else {
		size_t typelen = strcspn(desc, ";");
		bool gssk = typelen == 4 && memcmp(desc, "gssk", 4) == 0;

		if (!gssk) {
			gsskp_set_error("key %d is of type \"%.*s\", not "
					"\"gssk\"", (int)serial, (int)typelen,
					desc);
			free(desc);
			*minor_status = GSSK_MINOR_NOT_GSSK_KEY;
			return GSS_S_NO_CONTEXT;
		}
		free(desc);
	}

	/* INQUIRE checks that it is a live context we may read. */
	memset(&q, 0, sizeof(q));
	major = gsskp_inquire(minor_status, serial, &q);
	gsskp_inquiry_release(&q);
	/* An expired context keeps its handle, so that it can be deleted. */
	if (major && GSS_ROUTINE_ERROR(major) != GSS_S_CONTEXT_EXPIRED)
		return major;

	h = gsskp_ctx_new(serial);
	if (!h) {
		*minor_status = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("out of memory");
		return GSS_S_FAILURE;
	}
	gsskp_clear_error();	/* an expired context is no failure here */
	*minor_status = GSSK_MINOR_NONE;
	*context_handle = h;
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_delete_sec_context(OM_uint32 *minor_status,
					      gss_ctx_id_t *context_handle,
					      gss_buffer_t output_token)
{
	struct gss_ctx_id_struct *h;
	OM_uint32 major, routine;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (output_token != GSS_C_NO_BUFFER)
		gsskp_buffer_empty(output_token);
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE | GSS_S_NO_CONTEXT;
	if (*context_handle == GSS_C_NO_CONTEXT)
		return GSS_S_NO_CONTEXT;
	h = gsskp_ctx_check(*context_handle);
	if (!h) {
		*minor_status = GSSK_MINOR_INVALID_HANDLE;
		gsskp_set_error("not a live libgssk context handle");
		return GSS_S_NO_CONTEXT;
	}

	major = gsskp_serial_request(minor_status, GSSK_CMD_DELETE, h->serial,
				     NULL, NULL);
	/*
	 * The handle is released unless the context may still be there for
	 * a later try: GSS_S_FAILURE (transport, memory, module gone) or a
	 * permission refusal. Any other refusal says the serial names no
	 * context (gone, revoked, not a gssk key).
	 */
	routine = GSS_ROUTINE_ERROR(major);
	if (GSS_CALLING_ERROR(major) || routine == GSS_S_FAILURE ||
	    *minor_status == GSSK_MINOR_KEY_PERMISSION ||
	    *minor_status == GSSK_MINOR_NOT_PERMITTED)
		return major;
	gsskp_ctx_free(h);
	*context_handle = GSS_C_NO_CONTEXT;
	return major;
}

GSSK_EXPORT OM_uint32 gssk_release_context_handle(OM_uint32 *minor_status,
						  gss_ctx_id_t *context_handle)
{
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE | GSS_S_NO_CONTEXT;
	if (*context_handle == GSS_C_NO_CONTEXT)
		return GSS_S_NO_CONTEXT;
	if (!gsskp_ctx_check(*context_handle)) {
		*minor_status = GSSK_MINOR_INVALID_HANDLE;
		return GSS_S_NO_CONTEXT;
	}
	gsskp_ctx_free(*context_handle);
	*context_handle = GSS_C_NO_CONTEXT;
	return GSS_S_COMPLETE;
}
