/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * gssk: kernel-held GSS-API security contexts.
 *
 * This header is the whole ABI between gssk.ko and userspace. It is shared
 * by the kernel module and by libgssk.
 *
 * Generic netlink family GSSK_GENL_NAME, version GSSK_GENL_VERSION: a
 * request whose genlmsghdr carries another version is refused (EPROTO,
 * GSS_S_FAILURE, GSSK_MINOR_BAD_VERSION), so a later ABI can change safely.
 * Every command is a request (NLM_F_REQUEST, plus NLM_F_ACK if the caller
 * wants an acknowledgement); there are no dumps and no multicast groups.
 *
 * A security context lives in a key of type "gssk". Commands name a context
 * by its key serial (GSSK_A_SERIAL); the caller must possess the key or be
 * granted the permission the command needs:
 *
 *   LOAD      -> creates a key; needs WRITE on the destination keyring
 *   INQUIRE   -> KEY_NEED_READ
 *   EXPORT    -> KEY_NEED_READ and KEY_NEED_WRITE (it hands over every
 *                use of the context)
 *   DELETE    -> KEY_NEED_WRITE (works on an expired context too)
 *   IMPORT    -> creates a key; needs WRITE on the destination keyring
 *   OPEN      -> KEY_NEED_READ (a context descriptor: per-message calls)
 *
 * No command waits for a key under construction: a serial or keyring that
 * names one is refused (EBUSY, GSSK_MINOR_KEY_UNDER_CONSTRUCTION).
 *
 * Attributes per command (R = required, O = optional, reply = in the reply):
 *
 *   LOAD:    R ENCTYPE, CTX_KEY, ROLE, GSS_FLAGS
 *            O SUBKEY_ENCTYPE + SUBKEY, SEND_SEQ, RECV_SEQ, INIT_NAME,
 *              ACC_NAME, ENDTIME (0 or absent: no expiry), DESCRIPTION,
 *              KEYRING (default KEY_SPEC_SESSION_KEYRING)
 *            DESCRIPTION absent or empty: a unique "gssk:N". A keyring holds
 *            one key per description, so a DESCRIPTION that a gssk key in
 *            the destination keyring already has is refused (LOAD, IMPORT).
 *            reply SERIAL
 *   INQUIRE: R SERIAL
 *            reply ENCTYPE, ROLE, GSS_FLAGS, INIT_NAME, ACC_NAME, ENDTIME,
 *              TIME_REC, SUBKEY_ENCTYPE (only with a subkey), SEND_SEQ
 *              and RECV_SEQ (the sequence state; since module 1.1)
 *   EXPORT:  R SERIAL
 *            O POLICY (GSSK_POLICY_* flags), POLICY_UID, POLICY_CGROUP_FD,
 *              TTL (seconds; default 60, at most the module's max_ttl)
 *            reply TOKEN
 *   IMPORT:  R TOKEN
 *            O KEYRING (default KEY_SPEC_SESSION_KEYRING), DESCRIPTION
 *            reply SERIAL
 *   DELETE:  R SERIAL
 *   STATS:   no attributes (any other is refused); open to every user
 *            reply STATS_VERSION, STATS_ABI_VERSION, STATS_DEFAULT_TTL,
 *              STATS_MAX_TTL, STATS_MAX_TOKENS_PER_USER, STATS_CONTEXTS,
 *              STATS_TOKENS, STATS_LOADS, STATS_EXPORTS, STATS_IMPORTS,
 *              STATS_DELETES, STATS_SELFTEST, STATS_SELFTEST_VECTORS,
 *              STATS_REFUSALS: a nest of STATS_REFUSAL nests, one for each
 *              gssk minor code that has refused at least once since the
 *              module loaded, each with MINOR (u32) and STATS_COUNT (u64).
 *              Counters are module-wide (every user, every namespace),
 *              start at 0 when the module loads and only grow; refusals
 *              that the netlink core makes itself (policy) are not
 *              counted. CONTEXTS counts the contexts held in keys and in
 *              pending tokens (and any being built by a LOAD in flight).
 *
 *   OPEN:    R SERIAL; needs KEY_NEED_READ (ABI 2)
 *            reply FD: a new file descriptor (O_CLOEXEC) in the calling
 *              process for the context; see "Context descriptors" below.
 *
 * ABI 1 had the per-message operations as commands (GET_MIC, VERIFY_MIC,
 * WRAP, UNWRAP, WRAP_SIZE_LIMIT). ABI 2 has them only as ioctls on a
 * context descriptor; those command numbers stay reserved and are refused
 * (EOPNOTSUPP).
 *
 * Context descriptors (ABI 2). OPEN returns a file descriptor (an anonymous
 * inode, "[gssk]") that holds a reference to the context's key. The
 * descriptor is a capability: the key permission is checked once, at OPEN;
 * whoever holds the descriptor (a child after fork, a process it is passed
 * to with SCM_RIGHTS) can use the context, and a later keyctl setperm does
 * not take that back. Every call checks that the key still holds the
 * context: after EXPORT, DELETE, keyctl revoke or invalidate, or expiry,
 * every call on every open descriptor is refused (GSS_S_NO_CONTEXT with
 * GSSK_MINOR_CONTEXT_CLOSED or GSSK_MINOR_CONTEXT_REVOKED, or
 * GSS_S_CONTEXT_EXPIRED). Close the descriptor to drop the reference; the
 * module cannot be unloaded while one is open.
 *
 * Per-message operations (RFC 2743/2744, RFC 4121 tokens) are ioctls on a
 * context descriptor, each with one struct gssk_op (below), or several in
 * one GSSK_IOC_BATCH. An operation refuses a QOP other than 0
 * (GSS_S_BAD_QOP) and an expired context (GSS_S_CONTEXT_EXPIRED):
 *
 *   GSSK_IOC_GET_MIC:    in = the message; out = room for the MIC token
 *                        (GSSK_MIC_MAX bytes are always enough)
 *   GSSK_IOC_VERIFY_MIC: in = the message; mic = the MIC token
 *                        (major: 0 or supplementary bits)
 *   GSSK_IOC_WRAP:       in = the message; out = room for the token (at
 *                        most in_len + GSSK_WRAP_OVERHEAD_MAX bytes);
 *                        flags GSSK_OP_CONF to seal (conf_state says
 *                        whether it was: not without GSS_C_CONF_FLAG)
 *   GSSK_IOC_UNWRAP:     in = the peer's Wrap token; out = room for the
 *                        message (never longer than the token)
 *                        (major: 0 or supplementary bits; conf_state)
 *   GSSK_IOC_WRAP_SIZE_LIMIT: in_len = the largest token wanted (in_ptr
 *                        0); flags GSSK_OP_CONF; out_len = the longest
 *                        message whose token fits (out_ptr 0)
 *
 * Buffers are addresses in the caller's memory, copied with ordinary user
 * copies (page faults allowed). The input is read whole before anything is
 * written; in and out must not overlap (EINVAL, GSSK_MINOR_BAD_OP), nor
 * may a buffer overlap the struct gssk_op. A message longer than
 * GSSK_MSG_MAX (an UNWRAP token longer than GSSK_MSG_MAX +
 * GSSK_WRAP_OVERHEAD_MAX) is refused with EMSGSIZE (GSS_S_FAILURE,
 * GSSK_MINOR_MESSAGE_TOO_LONG); out_len too small with ENOBUFS
 * (GSSK_MINOR_OUTPUT_TOO_SMALL), before anything is written; an address
 * that cannot be read or written with EFAULT (GSSK_MINOR_BAD_ADDRESS). A
 * GET_MIC or WRAP uses the context's next sequence number only if it
 * succeeds (a refused or faulted call uses none); the numbers of one
 * context are unique over every descriptor and thread.
 *
 * An ioctl returns 0 when the operation succeeded, with major (0 or
 * supplementary bits), minor 0, error 0 and the results in its struct
 * gssk_op; or -1 with errno when it was refused, with error (-errno), major
 * and minor in the struct (unless the struct itself cannot be read or
 * written: then EFAULT and nothing runs). Unknown ioctls get ENOTTY.
 *
 * GSSK_IOC_BATCH runs count (1..GSSK_BATCH_MAX) operations on one context
 * in array order, each with its own op and result; sequence numbers are
 * taken in array order. It returns 0 once every entry has run (each entry
 * says whether it succeeded: error 0, or its refusal; a refusal does not
 * stop the batch), or -1 with errno when the batch as a whole is refused
 * and no entry ran (EINVAL: count 0 or above GSSK_BATCH_MAX, op_size not
 * sizeof(struct gssk_op), flags not 0; EFAULT: the array cannot be read or
 * written). done says how many entries ran. The array is read whole first
 * and written back whole at the end.
 *
 * Received tokens are checked first (GSS_S_DEFECTIVE_TOKEN, GSS_S_BAD_SIG
 * are refusals), then, with GSS_C_REPLAY_FLAG or GSS_C_SEQUENCE_FLAG, their
 * sequence number: GSS_S_DUPLICATE_TOKEN, GSS_S_OLD_TOKEN, GSS_S_UNSEQ_TOKEN
 * and GSS_S_GAP_TOKEN are supplementary bits of a successful reply (MAJOR),
 * as RFC 2744 returns them with the message. Sequence state belongs to the
 * context and moves with it through EXPORT and IMPORT.
 *
 * Secrets (CTX_KEY, SUBKEY) travel only from userspace into the kernel, on
 * LOAD. No reply, extack message or key description ever carries them.
 * Clients must set NETLINK_CAP_ACK: without it the netlink core echoes a
 * refused request, key bytes included, back in the error message (libgssk
 * sets it).
 *
 * Refusals: the request fails with a negative errno in the netlink error
 * message, a human-readable extack message (NLMSGERR_ATTR_MSG, request it
 * with the NETLINK_EXT_ACK socket option) and an extack cookie
 * (NLMSGERR_ATTR_COOKIE) that is a struct gssk_status: the RFC 2744 major
 * status and a gssk minor status (enum gssk_minor). A refusal that the
 * netlink core makes itself (policy validation) has no cookie; it names
 * the offending attribute (NLMSGERR_ATTR_OFFS). The policy checks these
 * bounds, and libgssk reports its refusal of them as the status given:
 * LOAD's ROLE (BAD_ROLE), GSS_FLAGS (BAD_FLAGS) and ENDTIME (BAD_ENDTIME),
 * EXPORT's POLICY (BAD_POLICY), all GSS_S_FAILURE; IMPORT's TOKEN, exactly
 * GSSK_TOKEN_LEN bytes (GSS_S_DEFECTIVE_TOKEN, TOKEN_LENGTH).
 */
#ifndef _UAPI_LINUX_GSSK_H
#define _UAPI_LINUX_GSSK_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define GSSK_GENL_NAME		"gssk"
#define GSSK_GENL_VERSION	2

/* Interprocess token: a reference, never key material. */
#define GSSK_TOKEN_MAGIC	"GSSK"
#define GSSK_TOKEN_VERSION	1
#define GSSK_TOKEN_ID_LEN	32	/* bytes of kernel randomness */
#define GSSK_TOKEN_LEN		(8 + GSSK_TOKEN_ID_LEN)
#define GSSK_TOKEN_MAX_LEN	4096	/* larger tokens are refused unread */

/*
 * Token layout (GSSK_TOKEN_LEN bytes):
 *   0..3   magic "GSSK"
 *   4      version (GSSK_TOKEN_VERSION)
 *   5..7   zero
 *   8..39  random identifier; compared in constant time
 */

#define GSSK_NAME_MAX		1024	/* INIT_NAME, ACC_NAME, with NUL */
#define GSSK_DESC_MAX		256	/* DESCRIPTION, with NUL */
#define GSSK_KEY_MAX		64	/* CTX_KEY, SUBKEY */

/* Per-message operations */
#define GSSK_MSG_MAX		(64u << 20)	/* longest message: 64 MiB */
/* A wrap token is at most this much longer than its message. */
#define GSSK_WRAP_OVERHEAD_MAX	72

enum gssk_cmd {
	GSSK_CMD_UNSPEC,
	GSSK_CMD_LOAD,
	GSSK_CMD_INQUIRE,
	GSSK_CMD_EXPORT,
	GSSK_CMD_IMPORT,
	GSSK_CMD_DELETE,
	GSSK_CMD_GET_MIC,
	GSSK_CMD_VERIFY_MIC,
	GSSK_CMD_WRAP,
	GSSK_CMD_UNWRAP,
	GSSK_CMD_WRAP_SIZE_LIMIT,
	GSSK_CMD_STATS,
	GSSK_CMD_OPEN,		/* ABI 2: a context file descriptor */

	__GSSK_CMD_MAX,
	GSSK_CMD_MAX = __GSSK_CMD_MAX - 1
};

enum gssk_attr {
	GSSK_A_UNSPEC,
	GSSK_A_PAD,
	GSSK_A_SERIAL,		/* s32: context key serial */
	GSSK_A_KEYRING,		/* s32: keyring serial or KEY_SPEC_* */
	GSSK_A_DESCRIPTION,	/* string: key description */
	GSSK_A_ENCTYPE,		/* u32: Kerberos enctype (17, 18, 19, 20) */
	GSSK_A_ROLE,		/* u8: enum gssk_role */
	GSSK_A_CTX_KEY,		/* binary: context key (secret, LOAD only) */
	GSSK_A_SUBKEY_ENCTYPE,	/* u32: acceptor subkey enctype */
	GSSK_A_SUBKEY,		/* binary: acceptor subkey (secret, LOAD) */
	GSSK_A_GSS_FLAGS,	/* u32: GSS_C_*_FLAG bits */
	GSSK_A_SEND_SEQ,	/* u64: next sequence number to send */
	GSSK_A_RECV_SEQ,	/* u64: next sequence number expected */
	GSSK_A_INIT_NAME,	/* string: initiator display name */
	GSSK_A_ACC_NAME,	/* string: acceptor display name */
	GSSK_A_ENDTIME,		/* u64: end time, Unix seconds; 0: none */
	GSSK_A_TIME_REC,	/* u32: seconds left (0xffffffff: no end) */
	GSSK_A_POLICY,		/* u32: GSSK_POLICY_* flags */
	GSSK_A_POLICY_UID,	/* u32: importer uid, in the caller's userns */
	GSSK_A_POLICY_CGROUP_FD,/* s32: open cgroup v2 directory */
	GSSK_A_TTL,		/* u32: token lifetime in seconds */
	GSSK_A_TOKEN,		/* binary: interprocess token */
	/* 22: reserved (ABI 1: the GSS major status of a success reply) */
	GSSK_A_MINOR = 23,	/* u32: gssk minor status */
	/*
	 * 24 to 32: reserved. ABI 1's per-message commands carried their
	 * buffers and results in these; since ABI 2 those go through the
	 * context descriptor's ioctls (struct gssk_op), and every command's
	 * policy refuses these numbers.
	 */
	/* STATS reply */
	GSSK_A_STATS_VERSION = 33,	/* string: module version */
	GSSK_A_STATS_ABI_VERSION, /* u32: the family's GSSK_GENL_VERSION */
	GSSK_A_STATS_DEFAULT_TTL, /* u32: module parameter default_ttl */
	GSSK_A_STATS_MAX_TTL,	/* u32: module parameter max_ttl */
	GSSK_A_STATS_MAX_TOKENS_PER_USER, /* u32: module parameter */
	GSSK_A_STATS_CONTEXTS,	/* u64: live contexts (keys and tokens) */
	GSSK_A_STATS_TOKENS,	/* u64: pending export tokens */
	GSSK_A_STATS_LOADS,	/* u64: successful LOADs */
	GSSK_A_STATS_EXPORTS,	/* u64: successful EXPORTs */
	GSSK_A_STATS_IMPORTS,	/* u64: successful IMPORTs */
	GSSK_A_STATS_DELETES,	/* u64: successful DELETEs */
	GSSK_A_STATS_REFUSALS,	/* nested: one STATS_REFUSAL per minor */
	GSSK_A_STATS_REFUSAL,	/* nested: MINOR (u32), STATS_COUNT (u64) */
	GSSK_A_STATS_COUNT,	/* u64: refusals with that minor code */
	GSSK_A_STATS_SELFTEST,	/* u8: enum gssk_selftest_result */
	GSSK_A_STATS_SELFTEST_VECTORS, /* u32: known-answer vectors run */
	GSSK_A_FD,		/* s32: OPEN reply, the new descriptor */

	__GSSK_A_MAX,
	GSSK_A_MAX = __GSSK_A_MAX - 1
};

/* GSSK_A_STATS_SELFTEST */
enum gssk_selftest_result {
	GSSK_SELFTEST_NOT_RUN = 0,
	GSSK_SELFTEST_PASSED = 1,
	GSSK_SELFTEST_FAILED = 2,	/* never seen: the module refuses to load */
};

enum gssk_role {
	GSSK_ROLE_INITIATOR = 1,
	GSSK_ROLE_ACCEPTOR = 2,
};

/*
 * The Kerberos enctypes gssk takes (GSSK_A_ENCTYPE, GSSK_A_SUBKEY_ENCTYPE;
 * RFC 3962, RFC 8009 and RFC 6803 numbers). libgssk's gssk_enctype_info() gives
 * each one's name and key and checksum lengths.
 */
enum gssk_krb5_enctype {
	GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96	= 17,
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96	= 18,
	GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128	= 19,
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192	= 20,
	/* RFC 6803, only where the kernel has crypto/krb5 (6.15 and later) */
	GSSK_ENCTYPE_CAMELLIA128_CTS_CMAC	= 25,
	GSSK_ENCTYPE_CAMELLIA256_CTS_CMAC	= 26,
};

/*
 * Importer policy (EXPORT). With no flags and no POLICY_UID the importer
 * must have the exporter's euid and the exporter's session keyring (an
 * exporter without a session keyring binds to "none": the importer must
 * then have none either, so both use their user-session keyring). Every
 * condition that applies must hold (AND). The importer must always be in
 * the exporter's user namespace.
 */
enum gssk_policy_flags {
	/* importer euid must be GSSK_A_POLICY_UID instead of exporter's */
	GSSK_POLICY_UID		= 1 << 0,
	/* drop the same-session-keyring condition */
	GSSK_POLICY_ANY_SESSION	= 1 << 1,
	/* importer in the cgroup GSSK_A_POLICY_CGROUP_FD, or below it */
	GSSK_POLICY_CGROUP	= 1 << 2,
	/* importer in the exporter's own cgroup v2, or below it */
	GSSK_POLICY_OWN_CGROUP	= 1 << 3,
};
#define GSSK_POLICY_ALL	(GSSK_POLICY_UID | GSSK_POLICY_ANY_SESSION | \
			 GSSK_POLICY_CGROUP | GSSK_POLICY_OWN_CGROUP)

/* Extack cookie of a refusal. Host byte order. */
struct gssk_status {
	__u32 major;		/* RFC 2744 major status (GSS_S_*) */
	__u32 minor;		/* enum gssk_minor */
};

/*
 * gssk minor status codes. libgssk's gssk_display_status() explains each
 * one. Values are stable ABI: append only.
 */
#define GSSK_MINOR_BASE		0x47534b00u	/* "GSK\0" */
enum gssk_minor {
	GSSK_MINOR_NONE = 0,
	GSSK_MINOR_NO_SUCH_CONTEXT = GSSK_MINOR_BASE + 1,
	GSSK_MINOR_KEY_PERMISSION,	/* caller lacks the key permission */
	GSSK_MINOR_NOT_GSSK_KEY,	/* serial names another key type */
	GSSK_MINOR_CONTEXT_EXPIRED,
	GSSK_MINOR_CONTEXT_REVOKED,	/* key revoked, or export under way */
	GSSK_MINOR_NOT_TRANSFERABLE,	/* no GSS_C_TRANS_FLAG */
	GSSK_MINOR_BAD_ENCTYPE,
	GSSK_MINOR_BAD_KEY_LENGTH,
	GSSK_MINOR_BAD_ROLE,
	GSSK_MINOR_BAD_FLAGS,
	GSSK_MINOR_MISSING_FIELD,
	GSSK_MINOR_BAD_KEYRING,		/* destination keyring unusable */
	GSSK_MINOR_QUOTA,		/* owner's key quota exhausted */
	GSSK_MINOR_NO_MEMORY,
	GSSK_MINOR_TOKEN_LENGTH,
	GSSK_MINOR_TOKEN_MAGIC,
	GSSK_MINOR_TOKEN_VERSION,
	GSSK_MINOR_TOKEN_UNKNOWN,	/* never issued, already used, gone */
	GSSK_MINOR_TOKEN_EXPIRED,
	GSSK_MINOR_WRONG_USERNS,
	GSSK_MINOR_WRONG_UID,
	GSSK_MINOR_WRONG_SESSION,
	GSSK_MINOR_WRONG_CGROUP,
	GSSK_MINOR_TOO_MANY_TOKENS,	/* max_tokens_per_user reached */
	GSSK_MINOR_BAD_TTL,
	GSSK_MINOR_BAD_POLICY,
	GSSK_MINOR_BAD_CGROUP,		/* fd is not a cgroup v2 directory */
	GSSK_MINOR_EXPORT_RACE,		/* exported or deleted concurrently */
	/* per-message operations */
	GSSK_MINOR_BAD_QOP,
	GSSK_MINOR_TOKEN_DEFECTIVE,	/* per-message token malformed */
	GSSK_MINOR_BAD_CHECKSUM,
	GSSK_MINOR_WRONG_DIRECTION,
	GSSK_MINOR_MESSAGE_TOO_LONG,
	GSSK_MINOR_SEQ_EXHAUSTED,
	GSSK_MINOR_CRYPTO,		/* kernel crypto API failure */
	GSSK_MINOR_DUPLICATE_DESCRIPTION, /* keyring has a context so named */
	GSSK_MINOR_BAD_ADDRESS,		/* IN_PTR/OUT_PTR not readable/writable */
	GSSK_MINOR_OUTPUT_TOO_SMALL,	/* OUT_LEN too small for the result */
	GSSK_MINOR_BAD_ENDTIME,		/* ENDTIME beyond the kernel's range */
	GSSK_MINOR_KEY_UNDER_CONSTRUCTION, /* key awaits request-key */
	GSSK_MINOR_BAD_VERSION,		/* genl version is not GSSK_GENL_VERSION */
	GSSK_MINOR_CONTEXT_CLOSED,	/* fd: context left its key (export, delete, invalidate) */
	GSSK_MINOR_BAD_OP,		/* fd: bad ioctl argument (op, flags, sizes, overlap) */
	GSSK_MINOR_NO_FD,		/* OPEN: no free descriptor (RLIMIT_NOFILE) */

	__GSSK_MINOR_END
};

/* ---- context descriptors (ABI 2) ---- */

/* struct gssk_op.op: the operation (a single ioctl may leave it 0) */
enum gssk_op_code {
	GSSK_OP_GET_MIC = 1,
	GSSK_OP_VERIFY_MIC,
	GSSK_OP_WRAP,
	GSSK_OP_UNWRAP,
	GSSK_OP_WRAP_SIZE_LIMIT,
};

/* struct gssk_op.flags */
#define GSSK_OP_CONF		(1u << 0)	/* WRAP, WRAP_SIZE_LIMIT: seal */
#define GSSK_OP_FLAGS_ALL	GSSK_OP_CONF

/* A MIC token is never longer than this. */
#define GSSK_MIC_MAX		64

/*
 * One per-message operation. The caller sets op, flags, qop and the
 * buffers; the kernel sets out_len, major, minor, error and conf_state.
 */
struct gssk_op {
	__u32 op;		/* enum gssk_op_code; 0 or the ioctl's own */
	__u32 flags;		/* GSSK_OP_* */
	__u64 in_ptr;		/* the message, or the token (UNWRAP) */
	__u64 out_ptr;		/* the result */
	__u64 mic_ptr;		/* VERIFY_MIC: the MIC token */
	__u32 in_len;		/* WRAP_SIZE_LIMIT: largest token wanted */
	__u32 out_len;		/* in: room at out_ptr; out: bytes written */
	__u32 mic_len;		/* VERIFY_MIC */
	__u32 qop;		/* 0 (GSS_C_QOP_DEFAULT) */
	__u32 major;		/* out: GSS major status */
	__u32 minor;		/* out: enum gssk_minor */
	__s32 error;		/* out: 0 or a negative errno */
	__u32 conf_state;	/* out: 1 if the token is (was) sealed */
};

#define GSSK_BATCH_MAX		1024

struct gssk_batch {
	__u64 ops_ptr;		/* array of count struct gssk_op */
	__u32 count;		/* 1..GSSK_BATCH_MAX */
	__u32 op_size;		/* sizeof(struct gssk_op) */
	__u32 flags;		/* 0 */
	__u32 done;		/* out: entries that ran */
};

#define GSSK_IOC_MAGIC		0xb7
#define GSSK_IOC_GET_MIC	_IOWR(GSSK_IOC_MAGIC, 1, struct gssk_op)
#define GSSK_IOC_VERIFY_MIC	_IOWR(GSSK_IOC_MAGIC, 2, struct gssk_op)
#define GSSK_IOC_WRAP		_IOWR(GSSK_IOC_MAGIC, 3, struct gssk_op)
#define GSSK_IOC_UNWRAP		_IOWR(GSSK_IOC_MAGIC, 4, struct gssk_op)
#define GSSK_IOC_WRAP_SIZE_LIMIT _IOWR(GSSK_IOC_MAGIC, 5, struct gssk_op)
#define GSSK_IOC_BATCH		_IOWR(GSSK_IOC_MAGIC, 6, struct gssk_batch)

#endif /* _UAPI_LINUX_GSSK_H */
