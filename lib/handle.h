/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Context handles and their descriptors (layer 3, handle.c). Uses
 * request.h and what it includes.
 */
#ifndef GSSK_HANDLE_H
#define GSSK_HANDLE_H

#include "request.h"

#define GSSK_CTX_MAGIC		0x6773736bu	/* "gssk" */
#define GSSK_CTX_DEAD		0xdeadc0deu

/*
 * A context handle. fd is the context descriptor (GSSK_CMD_OPEN), opened
 * on the handle's first per-message call and closed when the handle is
 * freed; -1 until then. Threads race to open it with a compare-and-swap
 * (gsskp_ctx_fd()): it is only ever read and written with __atomic
 * builtins, and changes once, from -1 to a descriptor.
 */
struct gss_ctx_id_struct {
	uint32_t magic;
	int32_t serial;
	int fd;
};

/* A live handle made by libgssk, or NULL. */
struct gss_ctx_id_struct *gsskp_ctx_check(gss_ctx_id_t handle);
gss_ctx_id_t gsskp_ctx_new(int32_t serial);
/* Close the handle's descriptor (if open), poison the handle, free it. */
void gsskp_ctx_free(gss_ctx_id_t handle);

/*
 * The handle's context descriptor, opened with GSSK_CMD_OPEN if it is not
 * open yet (two threads racing end with one descriptor). Returns 0 with
 * *fd set, or a major status with *minor and the last error set (OPEN's
 * refusal as the kernel gave it).
 */
OM_uint32 gsskp_ctx_fd(OM_uint32 *minor, struct gss_ctx_id_struct *h,
		       int *fd);
/*
 * Make fd (just opened) the handle's descriptor unless it has one
 * already; then fd is closed. Returns the handle's descriptor.
 */
int gsskp_ctx_install_fd(struct gss_ctx_id_struct *h, int fd);

/*
 * Send a request that makes a kernel context (LOAD, IMPORT) and wrap the
 * serial of its reply in a new handle. msg is NULL if it could not be
 * built; it is wiped and freed here.
 */
OM_uint32 gsskp_make_context(OM_uint32 *minor, struct gsskp_msg *msg,
			     const char *what, gss_ctx_id_t *context_handle);

#endif /* GSSK_HANDLE_H */
