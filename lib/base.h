/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libgssk's leaves (layer 0, see README.md): what every other layer uses
 * and that uses nothing of the library's own: buffer.c, oid.c, error.c
 * (refusal mapping and the per-thread last error) and status.c (the
 * minor codes' texts and gssk_display_status()).
 */
#ifndef GSSK_BASE_H
#define GSSK_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gssk/gssk.h>

#define GSSK_EXPORT __attribute__((visibility("default")))

/*
 * Minor status codes that only libgssk produces (the kernel's are enum
 * gssk_minor in <linux/gssk.h>). They start well above the kernel's range
 * so that the kernel can keep appending codes.
 */
#define GSSK_MINOR_LIB_BASE		(GSSK_MINOR_BASE + 0x80u)
enum gssk_lib_minor {
	/* no generic netlink family "gssk": the module is not loaded */
	GSSK_MINOR_MODULE_NOT_LOADED = GSSK_MINOR_LIB_BASE,
	/* socket, send or receive failure talking to the kernel */
	GSSK_MINOR_NETLINK,
	/* context handle not made by libgssk, or already released */
	GSSK_MINOR_INVALID_HANDLE,
	/* the kernel's reply lacked an attribute or was malformed */
	GSSK_MINOR_BAD_REPLY,
	/* an argument is out of range (length, value) */
	GSSK_MINOR_BAD_ARGUMENT,
	/* the kernel refused without a gssk status (netlink core refusal) */
	GSSK_MINOR_KERNEL_REFUSED,
	/* the kernel refused: EPERM or EACCES without a gssk status */
	GSSK_MINOR_NOT_PERMITTED,
	/* the loaded module does not know the command */
	GSSK_MINOR_UNSUPPORTED,
	/* name not made by libgssk, or already released */
	GSSK_MINOR_INVALID_NAME,
	/* gssk_krb5_load_sec_context: MIT's libgssapi_krb5 not in the process */
	GSSK_MINOR_KRB5_UNAVAILABLE,
	/* MIT krb5 refused to describe the context or to give its keys */
	GSSK_MINOR_KRB5_FAILED,
	/* the MIT context is not (or no longer) established */
	GSSK_MINOR_KRB5_INCOMPLETE,
	/* the context's mechanism is not Kerberos 5 */
	GSSK_MINOR_KRB5_NOT_KRB5,
	/* the context uses RFC 1964 tokens (DES, 3DES, RC4 enctypes) */
	GSSK_MINOR_KRB5_RFC1964,

	__GSSK_MINOR_LIB_END
};

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
