/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libgssk private definitions, shared by the library's files and its unit
 * tests. Nothing here is exported from libgssk.so.
 */
#ifndef GSSK_INTERNAL_H
#define GSSK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>
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

/* ---- handles (context.c, names.c) ---- */

#define GSSK_CTX_MAGIC		0x6773736bu	/* "gssk" */
#define GSSK_CTX_DEAD		0xdeadc0deu
#define GSSK_NAME_MAGIC		0x6e616d65u	/* "name" */
#define GSSK_NAME_DEAD		0xdeadbeefu

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

struct gss_name_struct {
	uint32_t magic;
	size_t length;		/* bytes of value, without the NUL */
	char *value;		/* NUL-terminated */
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

struct gss_name_struct *gsskp_name_check(gss_name_t name);
/* A new name holding a copy of value (length bytes), or NULL (ENOMEM). */
gss_name_t gsskp_name_new(const char *value, size_t length);

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
 * Parse the NLMSG_ERROR message nlh, of which len bytes are readable.
 * Honours NLM_F_CAPPED and NLM_F_ACK_TLVS. Returns 0, or -EBADMSG when
 * the message is not a well-formed NLMSG_ERROR (TLVs that are malformed
 * are ignored from the first bad one on).
 */
int gsskp_nl_parse_error(const struct nlmsghdr *nlh, size_t len,
			 struct gsskp_nlerr *out);

/*
 * The type of the attribute that starts at byte offset offs of the request
 * req (a generic netlink message), or -1 if no attribute starts there.
 */
int gsskp_nl_attr_at(const struct nlmsghdr *req, uint32_t offs);

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

/* ---- generic netlink transport (nl.c) ---- */

struct nl_msg;
struct nlattr;

/* Bytes an attribute with a payload of len bytes takes in a request. */
static inline size_t gsskp_attr_size(size_t len)
{
	return NLA_ALIGN(NLA_HDRLEN + len);
}

/*
 * A new request for command cmd with room for exactly attrs bytes of
 * attributes (a sum of gsskp_attr_size()), or NULL (ENOMEM). A command
 * that always replies (every one but DELETE) is sent without NLM_F_ACK:
 * its reply, or its refusal, ends the exchange.
 */
struct nl_msg *gsskp_msg_new(uint8_t cmd, size_t attrs);
/* Whether the kernel always answers command cmd with a reply message. */
bool gsskp_cmd_replies(uint8_t cmd);
/*
 * Zero the secret attributes of a request: the key bytes of LOAD
 * (GSSK_A_CTX_KEY, GSSK_A_SUBKEY) and the token of IMPORT (a capability).
 * Other requests carry nothing secret and are left alone.
 */
void gsskp_msg_wipe_secrets(struct nl_msg *msg);
/* gsskp_msg_wipe_secrets(), then free the message. NULL is accepted. */
void gsskp_msg_free(struct nl_msg *msg);

/*
 * Called with the attributes of the reply (tb indexed by GSSK_A_*, already
 * checked against the reply policy). Returns 0 or a nonzero major status
 * after setting *minor.
 */
typedef OM_uint32 (*gsskp_reply_fn)(OM_uint32 *minor, struct nlattr **tb,
				    void *arg);

/*
 * Send msg to the gssk family and wait for its reply, its acknowledgement
 * (DELETE) or its refusal. reply (may be NULL) is called for the reply
 * message; if reply is set and none came, the call fails with
 * GSSK_MINOR_BAD_REPLY. Returns a major status and sets *minor; a
 * refusal's message is recorded for gssk_last_error().
 */
OM_uint32 gsskp_transact(OM_uint32 *minor, struct nl_msg *msg,
			 gsskp_reply_fn reply, void *arg);

struct nl_sock;

/*
 * A new NETLINK_GENERIC socket with NETLINK_EXT_ACK and NETLINK_CAP_ACK
 * set, or NULL (with *minor and the last error set).
 */
struct nl_sock *gsskp_nl_socket_open(OM_uint32 *minor);

/* Called for each message of the reply that is not an error or ACK. */
typedef void (*gsskp_msg_fn)(struct nlmsghdr *nlh, void *arg);

enum { GSSKP_XCHG_ACK = 0, GSSKP_XCHG_REFUSED = 1 };

/* Receive buffer of an exchange: more than any gssk reply or refusal. */
#define GSSK_RECV_SIZE	16384

/*
 * Send msg as message type type (a family id). A request with NLM_F_ACK
 * is read until its ACK or refusal; one without it until its first reply
 * message (passed to on_msg) or its refusal. Messages are received into
 * buf (size bytes, aligned for struct nlmsghdr), one recvmsg each, and the
 * bytes received are zeroed after use. Returns GSSKP_XCHG_ACK (the ACK or
 * the reply came), GSSKP_XCHG_REFUSED (with *e filled) or a negative libnl
 * error code, after which the socket should be dropped.
 */
int gsskp_nl_exchange(struct nl_sock *sk, struct nl_msg *msg, uint16_t type,
		      gsskp_msg_fn on_msg, void *arg, struct gsskp_nlerr *e,
		      void *buf, size_t size);

/*
 * The fork generation: how many times this process and its ancestors
 * forked since libgssk set up its per-thread state (a pthread_atfork child
 * handler bumps it). A thread's socket belongs to the generation it was
 * opened in; one from another generation was inherited through fork() and
 * is dropped, without a system call per request.
 */
unsigned long gsskp_fork_generation(void);

/*
 * Make sure this thread has a socket and the gssk family id; fails with
 * GSSK_MINOR_MODULE_NOT_LOADED when there is no gssk family.
 */
OM_uint32 gsskp_nl_ready(OM_uint32 *minor);

/* A request whose only attribute is GSSK_A_SERIAL, or NULL (ENOMEM). */
struct nl_msg *gsskp_serial_msg(uint8_t cmd, int32_t serial);
/* Send a request whose only attribute is GSSK_A_SERIAL (context.c). */
OM_uint32 gsskp_serial_request(OM_uint32 *minor, uint8_t cmd, int32_t serial,
			       gsskp_reply_fn reply, void *arg);
/* Reply callback storing GSSK_A_SERIAL into *(int32_t *)arg. */
OM_uint32 gsskp_reply_serial(OM_uint32 *minor, struct nlattr **tb, void *arg);
OM_uint32 gsskp_make_context(OM_uint32 *minor, struct nl_msg *msg,
			     const char *what, gss_ctx_id_t *context_handle);

/* The requests of load.c, export.c, import.c, or NULL (ENOMEM). */
struct nl_msg *gsskp_load_msg(const struct gssk_context_fields *f,
			      int32_t keyring, const char *description);
struct nl_msg *gsskp_export_msg(int32_t serial,
				const struct gssk_export_policy *policy);
struct nl_msg *gsskp_import_msg(const gss_buffer_t token, int32_t keyring);

/* ---- shared context calls (context.c) ---- */

struct gsskp_inquiry {
	uint32_t enctype;
	uint32_t subkey_enctype;
	uint8_t role;
	uint32_t flags;
	uint64_t endtime;
	uint32_t time_rec;
	bool have_enctype, have_role, have_flags, have_endtime, have_time_rec;
	char *init_name;	/* malloc'ed or NULL */
	char *acc_name;
	uint64_t send_seq, recv_seq;
	bool have_seq;		/* both came (module 1.1 and later) */
};

/* INQUIRE a serial; on success the caller frees q->*_name. */
OM_uint32 gsskp_inquire(OM_uint32 *minor, int32_t serial,
			struct gsskp_inquiry *q);
void gsskp_inquiry_release(struct gsskp_inquiry *q);

/* ---- statistics (stats.c) ---- */

/* The smallest gssk_stats.size gssk_get_stats() accepts. */
#define GSSK_STATS_MIN_SIZE \
	(offsetof(struct gssk_stats, refusals) + sizeof(void *))

/*
 * Fill *out (every field, size ignored) from the attributes of a STATS
 * reply. On failure out->refusals is freed.
 */
OM_uint32 gsskp_stats_reply(OM_uint32 *minor, struct nlattr **tb, void *out);

#endif /* GSSK_INTERNAL_H */
