// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Context handles (layer 3, see README.md): allocation and checking, the
 * handle that a LOAD or IMPORT makes, and the handle's context descriptor.
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
#include <stdlib.h>
#include <unistd.h>

#include "handle.h"

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

/*
 * Send a request that makes a kernel context (LOAD, IMPORT) and wrap the
 * serial of its reply in a new handle. The handle is allocated before the
 * request goes out: nothing may fail once the kernel has made the key. msg
 * is NULL if it could not be built; it is wiped and freed here.
 */
OM_uint32 gsskp_make_context(OM_uint32 *minor, struct gsskp_msg *msg,
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

/* ---- context descriptors ---- */

static OM_uint32 reply_fd(OM_uint32 *minor, struct nlattr **tb, void *arg)
{
	int *fd = arg;

	if (!tb[GSSK_A_FD] || gsskp_get_s32(tb[GSSK_A_FD]) < 0) {
		*minor = GSSK_MINOR_BAD_REPLY;
		return GSS_S_FAILURE;
	}
	*fd = gsskp_get_s32(tb[GSSK_A_FD]);
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
