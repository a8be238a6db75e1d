/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libgssk's leaves (layer 0, see README.md): what every other layer uses
 * and that uses nothing above it: buffer.c, oid.c, error.c (refusal
 * mapping and the per-thread last error), status.c (the minor codes'
 * texts and gssk_display_status()), enctype.c (the enctype table) and
 * opts.c (the size checks of the structs that grow).
 */
#ifndef GSSK_BASE_H
#define GSSK_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gssk/gssk.h>

#define GSSK_EXPORT __attribute__((visibility("default")))

/* libgssk's own minor codes (enum gssk_lib_minor) are in <gssk/gssk.h>. */

/* ---- structs that grow (opts.c) ---- */

/*
 * Copy the caller's struct src of size bytes (its first member) into dst,
 * of known bytes (this libgssk's sizeof), zero-filling what size does not
 * cover. Refuses (GSS_S_FAILURE, GSSK_MINOR_BAD_ARGUMENT, last error set)
 * a size below min_size and any nonzero byte of src beyond known. what
 * names the struct in the message.
 */
OM_uint32 gsskp_opts_copy(OM_uint32 *minor, void *dst, size_t known,
			  const void *src, size_t size, size_t min_size,
			  const char *what);

/* ---- OIDs (oid.c) ---- */

/* Static OIDs owned by libgssk. */
extern const gss_OID_desc gsskp_krb5_mech_oid;		/* 1.2.840.113554.1.2.2 */
extern const gss_OID_desc gsskp_krb5_nt_principal_oid;	/* ...2.2.1 */
bool gsskp_oid_equal(const gss_OID_desc *a, const gss_OID_desc *b);

/* ---- buffers (buffer.c) ---- */

/* Copy len bytes into a new buffer, NUL-terminated. 0 or -ENOMEM. */
int gsskp_buffer_set(gss_buffer_t buf, const void *data, size_t len);
static inline void gsskp_buffer_empty(gss_buffer_t buf)
{
	buf->length = 0;
	buf->value = NULL;
}

/* ---- refusals (nl.c parses, error.c maps and records) ---- */

#define GSSK_ERRMSG_MAX		512

/* What an NLMSG_ERROR message says. */
struct gsskp_nlerr {
	int error;			/* negative errno; 0: an ACK */
	bool has_msg;
	char msg[GSSK_ERRMSG_MAX];	/* NLMSGERR_ATTR_MSG, NUL-terminated */
	bool has_cookie;		/* a cookie of sizeof(gssk_status) */
	struct gssk_status status;	/* NLMSGERR_ATTR_COOKIE */
	bool has_offs;
	uint32_t offs;			/* NLMSGERR_ATTR_OFFS */
	bool has_miss_type;
	uint32_t miss_type;		/* NLMSGERR_ATTR_MISS_TYPE */
};

/*
 * Map a refusal of command cmd to (major, minor). bad_attr is the request
 * attribute that NLMSGERR_ATTR_OFFS named, or -1.
 */
void gsskp_map_refusal(const struct gsskp_nlerr *e, uint8_t cmd,
		       int bad_attr, OM_uint32 *major, OM_uint32 *minor);

/*
 * Map a kernel refusal that carries a gssk status (an extack cookie, or
 * the major/minor of a refused struct gssk_op) to (major, minor): the
 * status as given, with GSS_S_FAILURE added to a major without error bits
 * and the errno's minor for a minor of 0. err is a positive errno.
 */
void gsskp_map_status(int err, OM_uint32 kmajor, OM_uint32 kminor,
		      OM_uint32 *major, OM_uint32 *minor);

/* (major, minor) for an errno that came without a gssk status. */
void gsskp_map_errno(int err, OM_uint32 *major, OM_uint32 *minor);

/* gssk_display_status()'s text for a minor code, or NULL (status.c). */
const char *gsskp_minor_text(OM_uint32 code);

/* Per-thread last error message (error.c). */
void gsskp_clear_error(void);
void gsskp_set_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif /* GSSK_BASE_H */
