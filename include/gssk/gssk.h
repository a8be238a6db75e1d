/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libgssk: GSS-API security contexts held by the Linux kernel (gssk.ko).
 *
 * The gssk_* calls have the parameters, major status codes and handle
 * semantics of their RFC 2744 namesakes; the gssk_ prefix lets a program
 * link libgssk beside MIT's libgssapi_krb5. GSS-API types come from
 * <gssapi/gssapi.h>.
 *
 * Handles (gss_ctx_id_t, gss_name_t) made by libgssk are libgssk's own:
 * release them with gssk_delete_sec_context() and gssk_release_name(),
 * never with MIT's calls. Buffers that libgssk fills are released with
 * gssk_release_buffer().
 *
 * Minor status codes are gssk's own: the kernel's (enum gssk_minor in
 * <linux/gssk.h>) and libgssk's (enum gssk_lib_minor below);
 * gssk_display_status() with GSS_C_MECH_CODE explains each one.
 *
 * All calls are thread-safe. A context handle may be used from several
 * threads at once, except that gssk_delete_sec_context(),
 * gssk_export_sec_context*() and gssk_release_context_handle() must not
 * race with other calls on the same handle (as in RFC 2744, they release
 * it).
 *
 * Context descriptors. A handle holds, besides its key serial, a file
 * descriptor for its kernel context (GSSK_CMD_OPEN in <linux/gssk.h>),
 * opened by the handle's first per-message call and closed when the
 * handle is released (gssk_delete_sec_context(), a successful
 * gssk_export_sec_context*(), gssk_release_context_handle()). Threads that
 * race to open it end up sharing one. The key's READ permission is
 * checked when it is opened, not on each call: like an open file, the
 * descriptor keeps working after a keyctl setperm, but not after the
 * context is exported, deleted, revoked, invalidated or expired. It is
 * opened with O_CLOEXEC: a program started with exec*() does not inherit
 * it (handles do not survive exec anyway; pass the key serial and use
 * gssk_context_from_serial()). The program must not close it itself (for
 * instance with closefrom() or a loop over every descriptor after fork()):
 * the handle would then fail, or use whatever file the number names next.
 *
 * fork(): a child inherits its parent's handles, and with them the
 * descriptors that are open, which name the same kernel context. Its
 * sequence state lives in the kernel, so tokens made by parent and child
 * never share a sequence number, and replay detection sees the tokens
 * both receive. Releasing a handle in the child (gssk_release_context_handle)
 * closes only the child's descriptor; gssk_delete_sec_context() or an
 * export in either process ends the context for both. libgssk's netlink
 * sockets are per thread and are not shared with a child: a
 * pthread_atfork() handler marks them stale, and the child's first call
 * opens a new one (a process made by a raw clone() system call, which
 * skips pthread_atfork handlers, must not use libgssk).
 */
#ifndef GSSK_GSSK_H
#define GSSK_GSSK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <gssapi/gssapi.h>
#include <linux/gssk.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Minor status codes that only libgssk produces (the kernel's are enum
 * gssk_minor in <linux/gssk.h>). They start well above the kernel's range
 * so that the kernel can keep appending codes; new ones are appended, and
 * a code keeps its value.
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
	/*
	 * gssk-interposer.so (gssk-interposer(8)): its configuration file
	 * cannot be used, so it exports nothing
	 */
	GSSK_MINOR_INTERPOSER_CONFIG,
	/*
	 * gssk-interposer.so: the kernel holds the context, and the call
	 * would reveal its keys or is one the kernel cannot do
	 */
	GSSK_MINOR_INTERPOSER_KERNEL_HELD,

	__GSSK_MINOR_LIB_END
};

/* The Kerberos enctypes that gssk accepts: enum gssk_enctype in <linux/gssk.h>. */

/*
 * The fields of an established Kerberos v5 context (those of MIT's lucid
 * context v1 plus what gss_inquire_context returns).
 */
struct gssk_context_fields {
	uint32_t enctype;		/* GSSK_ENCTYPE_* */
	int initiate;			/* nonzero: this side initiated */
	const void *key;		/* context key */
	size_t key_len;
	uint32_t subkey_enctype;	/* acceptor subkey, or 0 for none */
	const void *subkey;
	size_t subkey_len;
	OM_uint32 flags;		/* GSS_C_*_FLAG */
	uint64_t send_seq;		/* next sequence number to send */
	uint64_t recv_seq;		/* next sequence number expected */
	const char *initiator_name;	/* display names, may be NULL */
	const char *acceptor_name;
	uint64_t endtime;		/* Unix seconds; 0: no expiry */
};

/*
 * Load a context into the kernel. The key bytes are copied into the kernel
 * and never come back. keyring is a keyring serial or KEY_SPEC_* value;
 * 0 means the session keyring. description names the key; NULL gives a
 * unique "gssk:N". A keyring holds one key per description, so a description
 * that a context in the keyring already has is refused
 * (GSSK_MINOR_DUPLICATE_DESCRIPTION).
 */
OM_uint32 gssk_load_sec_context(OM_uint32 *minor_status,
				const struct gssk_context_fields *fields,
				int32_t keyring, const char *description,
				gss_ctx_id_t *context_handle);

/* The kernel key serial behind a handle, or 0 for an invalid handle. */
int32_t gssk_context_serial(const gss_ctx_id_t context_handle);

/*
 * Wrap a key serial that this process can use in a new handle (for
 * instance one inherited through a keyring). Checks that it is a gssk
 * context the caller may read.
 */
OM_uint32 gssk_context_from_serial(OM_uint32 *minor_status, int32_t serial,
				   gss_ctx_id_t *context_handle);

/* Importer policy of an exported token. */
struct gssk_export_policy {
	unsigned int flags;		/* GSSK_POLICY_* */
	uid_t uid;			/* with GSSK_POLICY_UID */
	int cgroup_fd;			/* with GSSK_POLICY_CGROUP */
	unsigned int ttl;		/* seconds; 0: the module default */
};

/* RFC 2744 gss_export_sec_context, default policy (same euid, session). */
OM_uint32 gssk_export_sec_context(OM_uint32 *minor_status,
				  gss_ctx_id_t *context_handle,
				  gss_buffer_t interprocess_token);

/* Export bound to an explicit importer policy; NULL: the default. */
OM_uint32 gssk_export_sec_context_policy(OM_uint32 *minor_status,
					 gss_ctx_id_t *context_handle,
					 const struct gssk_export_policy *policy,
					 gss_buffer_t interprocess_token);

/* RFC 2744 gss_import_sec_context; the key goes to the session keyring. */
OM_uint32 gssk_import_sec_context(OM_uint32 *minor_status,
				  const gss_buffer_t interprocess_token,
				  gss_ctx_id_t *context_handle);

/* Import into a named keyring (serial or KEY_SPEC_*; 0: session). */
OM_uint32 gssk_import_sec_context_keyring(OM_uint32 *minor_status,
					  const gss_buffer_t interprocess_token,
					  int32_t keyring,
					  gss_ctx_id_t *context_handle);

/*
 * RFC 2744 gss_delete_sec_context: the kernel key is invalidated and the
 * handle set to GSS_C_NO_CONTEXT. output_token may be GSS_C_NO_BUFFER; if
 * given it is set empty (RFC 2744: no token is produced).
 */
OM_uint32 gssk_delete_sec_context(OM_uint32 *minor_status,
				  gss_ctx_id_t *context_handle,
				  gss_buffer_t output_token);

/*
 * Free a handle but leave its kernel context alone (libgssk extension):
 * the key stays in its keyring, usable through its serial. Sets
 * *context_handle to GSS_C_NO_CONTEXT.
 */
OM_uint32 gssk_release_context_handle(OM_uint32 *minor_status,
				      gss_ctx_id_t *context_handle);

/* RFC 2744 gss_inquire_context. Names are released by gssk_release_name. */
OM_uint32 gssk_inquire_context(OM_uint32 *minor_status,
			       const gss_ctx_id_t context_handle,
			       gss_name_t *src_name, gss_name_t *targ_name,
			       OM_uint32 *lifetime_rec, gss_OID *mech_type,
			       OM_uint32 *ctx_flags, int *locally_initiated,
			       int *open);

/*
 * The non-secret fields of a context as the kernel reports them (libgssk
 * extension; the names come from gssk_inquire_context).
 */
struct gssk_context_info {
	uint32_t enctype;		/* GSSK_ENCTYPE_* */
	uint32_t subkey_enctype;	/* acceptor subkey, or 0 for none */
	int initiate;			/* nonzero: this side initiated */
	OM_uint32 flags;		/* GSS_C_*_FLAG */
	uint64_t endtime;		/* Unix seconds; 0: no expiry */
	OM_uint32 lifetime;		/* seconds left, or GSS_C_INDEFINITE */
};

/*
 * Fill *info for a context. GSS_S_CONTEXT_EXPIRED (lifetime 0) when the
 * context has expired.
 */
OM_uint32 gssk_inquire_context_info(OM_uint32 *minor_status,
				    const gss_ctx_id_t context_handle,
				    struct gssk_context_info *info);

/* RFC 2744 gss_context_time. */
OM_uint32 gssk_context_time(OM_uint32 *minor_status,
			    const gss_ctx_id_t context_handle,
			    OM_uint32 *time_rec);

/* RFC 2744 gss_display_name for names made by libgssk. */
OM_uint32 gssk_display_name(OM_uint32 *minor_status,
			    const gss_name_t input_name,
			    gss_buffer_t output_name_buffer,
			    gss_OID *output_name_type);

/* RFC 2744 gss_release_name for names made by libgssk. */
OM_uint32 gssk_release_name(OM_uint32 *minor_status, gss_name_t *name);

/* RFC 2744 gss_release_buffer for buffers filled by libgssk. */
OM_uint32 gssk_release_buffer(OM_uint32 *minor_status, gss_buffer_t buffer);

/*
 * RFC 2744 gss_display_status. GSS_C_GSS_CODE explains major codes (one
 * message per call, message_context walks them); GSS_C_MECH_CODE explains
 * gssk minor codes. mech_type may be GSS_C_NO_OID or the krb5 OID.
 */
OM_uint32 gssk_display_status(OM_uint32 *minor_status,
			      OM_uint32 status_value, int status_type,
			      const gss_OID mech_type,
			      OM_uint32 *message_context,
			      gss_buffer_t status_string);

/*
 * Per-message calls (RFC 2744 sections 5.15, 5.31 to 5.34), on RFC 4121
 * tokens. Each is one ioctl on the handle's context descriptor (opened by
 * the first one; a refusal of that OPEN, such as GSS_S_NO_CONTEXT, is the
 * call's status). The kernel assigns and checks the sequence numbers; it
 * reads the message from and writes the result to the caller's memory
 * with ordinary user copies, so messages of up to GSSK_MSG_MAX bytes
 * (64 MiB) work, and a buffer pointer that is not valid gives
 * GSS_S_FAILURE with GSSK_MINOR_BAD_ADDRESS. Only qop GSS_C_QOP_DEFAULT
 * (0) is accepted (GSS_S_BAD_QOP otherwise). Output buffers are released
 * with gssk_release_buffer(). A module too old for context descriptors
 * gives GSS_S_FAILURE with libgssk's "unsupported" minor code.
 *
 * gssk_verify_mic() and gssk_unwrap() return GSS_S_COMPLETE possibly with
 * the supplementary bits GSS_S_DUPLICATE_TOKEN, GSS_S_OLD_TOKEN,
 * GSS_S_UNSEQ_TOKEN and GSS_S_GAP_TOKEN (contexts with GSS_C_REPLAY_FLAG or
 * GSS_C_SEQUENCE_FLAG); the message is returned in every such case.
 */

/* RFC 2744 gss_get_mic. */
OM_uint32 gssk_get_mic(OM_uint32 *minor_status,
		       const gss_ctx_id_t context_handle,
		       gss_qop_t qop_req,
		       const gss_buffer_t message_buffer,
		       gss_buffer_t message_token);

/* RFC 2744 gss_verify_mic. qop_state may be NULL. */
OM_uint32 gssk_verify_mic(OM_uint32 *minor_status,
			  const gss_ctx_id_t context_handle,
			  const gss_buffer_t message_buffer,
			  const gss_buffer_t token_buffer,
			  gss_qop_t *qop_state);

/* RFC 2744 gss_wrap. conf_state may be NULL. */
OM_uint32 gssk_wrap(OM_uint32 *minor_status,
		    const gss_ctx_id_t context_handle,
		    int conf_req_flag, gss_qop_t qop_req,
		    const gss_buffer_t input_message_buffer,
		    int *conf_state, gss_buffer_t output_message_buffer);

/* RFC 2744 gss_unwrap. conf_state and qop_state may be NULL. */
OM_uint32 gssk_unwrap(OM_uint32 *minor_status,
		      const gss_ctx_id_t context_handle,
		      const gss_buffer_t input_message_buffer,
		      gss_buffer_t output_message_buffer,
		      int *conf_state, gss_qop_t *qop_state);

/*
 * RFC 2744 gss_wrap_size_limit: the longest message whose token from
 * gssk_wrap() (with this conf_req_flag) is at most req_output_size bytes;
 * never more than GSSK_MSG_MAX.
 */
OM_uint32 gssk_wrap_size_limit(OM_uint32 *minor_status,
			       const gss_ctx_id_t context_handle,
			       int conf_req_flag, gss_qop_t qop_req,
			       OM_uint32 req_output_size,
			       OM_uint32 *max_input_size);

/* ---- GSSK_1.1 ---- */

/*
 * The sequence state of a context: the next sequence number this side
 * sends and the next one it expects from the peer (both travel in the
 * clear in every RFC 4121 token). GSS_S_UNAVAILABLE with
 * GSSK_MINOR_UNSUPPORTED's code when the module is older than 1.1 and
 * does not report them.
 */
OM_uint32 gssk_inquire_sequence(OM_uint32 *minor_status,
				const gss_ctx_id_t context_handle,
				uint64_t *send_seq, uint64_t *recv_seq);

/* One row of gssk_stats.refusals. */
struct gssk_refusal_count {
	OM_uint32 minor;		/* enum gssk_minor (0: unknown code) */
	uint64_t count;			/* refusals since the module loaded */
};

#define GSSK_STATS_VERSION_MAX	32

/*
 * Runtime statistics of the loaded module (GSSK_CMD_STATS in
 * <linux/gssk.h>). The struct grows at its end only: set size to
 * sizeof(struct gssk_stats) before calling gssk_get_stats(), which fills
 * only the fields that lie within size (and at least up to refusals, else
 * it refuses the call), so a program built against an older header keeps
 * working with a newer libgssk. Release with gssk_release_stats().
 */
struct gssk_stats {
	size_t size;			/* in: sizeof(struct gssk_stats) */
	char version[GSSK_STATS_VERSION_MAX];	/* module version, NUL-ended */
	uint32_t abi_version;		/* the module's GSSK_GENL_VERSION */
	uint32_t default_ttl;		/* module parameters in force */
	uint32_t max_ttl;
	uint32_t max_tokens_per_user;
	uint64_t contexts;		/* live contexts (keys and tokens) */
	uint64_t tokens;		/* pending export tokens */
	uint64_t loads;			/* successful operations */
	uint64_t exports;
	uint64_t imports;
	uint64_t deletes;
	uint32_t selftest;		/* enum gssk_selftest_result */
	uint32_t selftest_vectors;	/* known-answer vectors checked */
	size_t n_refusals;		/* rows in refusals */
	struct gssk_refusal_count *refusals; /* by minor code; malloc'ed */
};

/*
 * Read the module's statistics into *stats. GSS_S_FAILURE with the
 * "module not loaded" minor code when gssk.ko is not loaded.
 */
OM_uint32 gssk_get_stats(OM_uint32 *minor_status, struct gssk_stats *stats);

/* Free stats->refusals and zero the counts (stats->size is kept). */
OM_uint32 gssk_release_stats(OM_uint32 *minor_status,
			     struct gssk_stats *stats);

/*
 * The message that explains the calling thread's last failure (the
 * kernel's extack message; for a refused per-message call, which has no
 * extack, the text of its minor code; or libgssk's own), or NULL. Valid
 * until this
 * thread's next libgssk call; only the calls that talk to the kernel
 * replace or clear it.
 */
const char *gssk_last_error(void);

/* ---- GSSK_1.2 ---- */

/* One message of gssk_wrap_batch() or gssk_unwrap_batch(). */
struct gssk_batch_msg {
	gss_buffer_desc input;		/* in: the message (wrap) or the token (unwrap) */
	gss_buffer_desc output;		/* out: release with gssk_release_buffer() */
	int conf_state;			/* out */
	OM_uint32 major_status;		/* out: this message's major status (with supplementary bits) */
	OM_uint32 minor_status;		/* out */
};

/*
 * gssk_wrap() of each of msgs[0..count) with one context, conf_req_flag
 * and qop_req, in few system calls: one ioctl per GSSK_BATCH_MAX (1024)
 * messages. The messages take the context's sequence numbers in array
 * order. gssk_unwrap_batch() is gssk_unwrap() of each token, checked in
 * array order (so replay and sequence detection see them in that order).
 *
 * Every entry's output, conf_state, major_status and minor_status are set
 * (outputs are overwritten, not released: release them first). An entry
 * that succeeded has GSS_S_COMPLETE in major_status (unwrap: possibly
 * with supplementary bits, as gssk_unwrap() returns them) and its result
 * in output, to be released with gssk_release_buffer(). An entry that
 * failed has its status as gssk_wrap() or gssk_unwrap() would have
 * returned it for that message (GSS_S_CALL_INACCESSIBLE_READ for a NULL
 * input.value with a nonzero length, GSS_S_FAILURE with the
 * message-too-long minor code, the kernel's refusal, ...), conf_state 0
 * and an empty output (length 0, value NULL); whatever libgssk had
 * allocated for it is zeroed and freed. A failed entry does not stop the
 * others, and uses no sequence number.
 *
 * Returns GSS_S_COMPLETE (with minor 0) if every entry succeeded;
 * otherwise the major status of the first entry (lowest index) that
 * failed, with its minor status in *minor_status, and gssk_last_error()
 * says which entry and why. Checked first, in this order, and leaving
 * msgs untouched: a NULL minor_status (GSS_S_CALL_INACCESSIBLE_WRITE);
 * msgs NULL with a nonzero count (GSS_S_CALL_INACCESSIBLE_READ);
 * GSS_C_NO_CONTEXT (GSS_S_CALL_INACCESSIBLE_READ | GSS_S_NO_CONTEXT) and
 * a handle libgssk did not make (GSS_S_NO_CONTEXT). Then count 0 is
 * GSS_S_COMPLETE and does nothing (not even talk to the kernel). If the
 * context descriptor cannot be opened, every entry that passed its own
 * checks gets that refusal's status. An ioctl refused as a whole (a
 * module too old for batches: the "unsupported" minor code) fails its
 * entries and every later one, and nothing more is sent.
 */
OM_uint32 gssk_wrap_batch(OM_uint32 *minor_status,
			  const gss_ctx_id_t context_handle,
			  int conf_req_flag, gss_qop_t qop_req,
			  struct gssk_batch_msg *msgs, size_t count);

/* gssk_unwrap() of each token of msgs[0..count); see gssk_wrap_batch(). */
OM_uint32 gssk_unwrap_batch(OM_uint32 *minor_status,
			    const gss_ctx_id_t context_handle,
			    struct gssk_batch_msg *msgs, size_t count);

/* ---- GSSK_1.3 ---- */

/*
 * Structs that grow (as libbpf's opts structs do). The first member, size,
 * is set by the caller to the sizeof of the struct as its program was
 * built; GSSK_OPTS() declares one with size set and every other byte zero.
 * libgssk reads only the first size bytes and takes the fields beyond them
 * as zero, so a program built against this header keeps working with a
 * later libgssk whose struct has more fields at its end. A call refuses,
 * with GSS_S_FAILURE and GSSK_MINOR_BAD_ARGUMENT and before it talks to
 * the kernel, a size below the struct's first version (*_SIZE_V1), and a
 * struct from a newer header whose bytes beyond what this libgssk knows
 * are not all zero (it asks for something this libgssk cannot do).
 */
#define GSSK_OPTS(TYPE, NAME, ...)					\
	struct TYPE NAME = ({						\
		memset(&NAME, 0, sizeof(struct TYPE));			\
		(struct TYPE){ .size = sizeof(struct TYPE), __VA_ARGS__ }; \
	})

/*
 * A context to load and where its key goes: what gssk_load_sec_context()
 * takes, in a struct that can grow (new members go after description).
 */
struct gssk_load_opts {
	size_t size;			/* sizeof(struct gssk_load_opts) */
	struct gssk_context_fields fields;
	int32_t keyring;		/* serial or KEY_SPEC_*; 0: session */
	const char *description;	/* NULL: a unique "gssk:N" */
};
#define GSSK_LOAD_OPTS_SIZE_V1 \
	(offsetof(struct gssk_load_opts, description) + sizeof(const char *))

/* gssk_load_sec_context() with its arguments in a struct that can grow. */
OM_uint32 gssk_load_sec_context_opts(OM_uint32 *minor_status,
				     const struct gssk_load_opts *opts,
				     gss_ctx_id_t *context_handle);

/* An importer policy (struct gssk_export_policy) that can grow. */
struct gssk_export_opts {
	size_t size;			/* sizeof(struct gssk_export_opts) */
	unsigned int flags;		/* GSSK_POLICY_* */
	uid_t uid;			/* with GSSK_POLICY_UID */
	int cgroup_fd;			/* with GSSK_POLICY_CGROUP */
	unsigned int ttl;		/* seconds; 0: the module default */
};
#define GSSK_EXPORT_OPTS_SIZE_V1 \
	(offsetof(struct gssk_export_opts, ttl) + sizeof(unsigned int))

/*
 * gssk_export_sec_context_policy() with a policy that can grow; NULL:
 * the default policy.
 */
OM_uint32 gssk_export_sec_context_opts(OM_uint32 *minor_status,
				       gss_ctx_id_t *context_handle,
				       const struct gssk_export_opts *opts,
				       gss_buffer_t interprocess_token);

/*
 * One enctype that gssk takes. The struct grows at its end only: read
 * the fields you know. The rows are libgssk's static data (nothing to
 * release).
 */
struct gssk_enctype_info {
	uint32_t enctype;		/* GSSK_ENCTYPE_* */
	const char *name;		/* "aes256-cts-hmac-sha1-96" (RFC 3962, 8009) */
	size_t key_length;		/* bytes of a key */
	size_t checksum_length;		/* bytes of an RFC 4121 token's checksum */
};

/* The row of enctype, or NULL if gssk does not take it. */
const struct gssk_enctype_info *gssk_enctype_info(uint32_t enctype);

/*
 * Row index of the table, in enctype order, or NULL past the last: to
 * list every enctype gssk takes.
 */
const struct gssk_enctype_info *gssk_enctype_at(size_t index);

/* The enctype named name (as gssk_enctype_info() names it), or 0. */
uint32_t gssk_enctype_by_name(const char *name);

/*
 * The name of a minor code's enum constant ("GSSK_MINOR_NO_SUCH_CONTEXT"),
 * for the kernel's and libgssk's codes and GSSK_MINOR_NONE, or NULL for a
 * code libgssk does not know. Static text: nothing to release.
 * gssk_display_status() gives the code's explanation.
 */
const char *gssk_minor_name(OM_uint32 minor);

#ifdef __cplusplus
}
#endif

#endif /* GSSK_GSSK_H */
