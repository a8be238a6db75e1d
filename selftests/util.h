/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers for the gssk selftests: test contexts with random keys,
 * child processes that run under another uid / session / cgroup / user
 * namespace and report a GSS status back, a raw generic netlink client
 * (to check the ABI beneath libgssk), and small file helpers.
 */
#ifndef GSSK_SELFTEST_UTIL_H
#define GSSK_SELFTEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <keyutils.h>
#include <gssk/gssk.h>

/* An unprivileged uid/gid for "another user" children. */
#define OTHER_UID	1000
#define OTHER_GID	1000
/* A uid no other test uses, for per-user accounting (token limit). */
#define LIMIT_UID	1001
#define LIMIT_GID	1001

#define TEST_INIT_NAME	"alice@GSSK.TEST"
#define TEST_ACC_NAME	"host/server.gssk.test@GSSK.TEST"
#define TEST_DESC	"gssk-selftest"

/* Flags of a transferable, fully featured context. */
#define TEST_FLAGS	(OM_uint32)(GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG | \
			 GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG | \
			 GSS_C_INTEG_FLAG | GSS_C_TRANS_FLAG)

#define CGROUP_ROOT	"/sys/fs/cgroup"
#define CGROUP_TEST	CGROUP_ROOT "/gssk-test"
#define CGROUP_CHILD	CGROUP_TEST "/child"

#define GSSK_PARAM_DIR	"/sys/module/gssk/parameters"
#define GSSK_MODULE_KO	"/lib/gssk/gssk.ko"

/* A context description with its own random key material. */
struct test_ctx {
	struct gssk_context_fields f;
	uint8_t key[GSSK_KEY_MAX];
	uint8_t subkey[GSSK_KEY_MAX];
};

/* Key length of a Kerberos enctype, 0 if gssk does not know it. */
size_t enctype_key_len(uint32_t enctype);

/*
 * True if the loaded gssk runs on the kernel's crypto/krb5 (7.x): then it
 * has the Camellia enctypes 25 and 26. Read from the kernel's own record
 * of module dependencies (krb5.ko is held by gssk), not from gssk.
 */
bool gssk_uses_crypto_krb5(void);

/* Fill buf with random bytes (getrandom). */
void random_bytes(void *buf, size_t len);

/*
 * Fill tc for enctype with fresh random keys; with_subkey adds an acceptor
 * subkey of the same enctype. endtime 0: no expiry.
 */
void test_ctx_init(struct test_ctx *tc, uint32_t enctype, int initiate,
		   OM_uint32 flags, uint64_t endtime, bool with_subkey);

/* Load tc into the session keyring as TEST_DESC-<pid>-<n> (unique). */
OM_uint32 test_ctx_load(const struct test_ctx *tc, OM_uint32 *minor,
			gss_ctx_id_t *handle);

/* gssk_last_error(), or "(no message)" for logging. */
const char *last_err(void);

/* Names for logs. */
const char *major_name(OM_uint32 major);
const char *minor_name(OM_uint32 minor);

/* Export with a policy built from its parts (ttl 0: module default). */
OM_uint32 export_policy(OM_uint32 *minor, gss_ctx_id_t *handle,
			unsigned int flags, uid_t uid, int cgroup_fd,
			unsigned int ttl, gss_buffer_t token);

/* Import a token held in plain memory. */
OM_uint32 import_bytes(OM_uint32 *minor, const void *tok, size_t len,
		       gss_ctx_id_t *handle);

/* Does hay contain any window_len-byte window of needle? */
bool has_window(const void *hay, size_t hay_len, const void *needle,
		size_t needle_len, size_t window_len);
/*
 * Does text contain the bytes of key in hex (any 8-hex-digit window, lower
 * or upper case) or any 4-byte window of the raw key?
 */
bool leaks_key(const void *text, size_t text_len, const void *key,
	       size_t key_len);

/* Sleep for ms milliseconds. */
void sleep_ms(unsigned int ms);

/* Read a whole file (NUL-terminated, *len without the NUL). */
char *read_file(const char *path, size_t *len);
/* Write a string to a file; 0 or -errno. */
int write_file(const char *path, const char *s);
/* Module parameter as unsigned; 0 or -errno. */
int param_read(const char *name, unsigned long *val);
int param_write(const char *name, unsigned long val);

/* ---- the module itself (gssk_module, gssk_testmode) ---- */

/* Is gssk loaded? */
bool gssk_module_loaded(void);
/* rmmod gssk (O_NONBLOCK like rmmod: fail rather than wait); 0 or -errno. */
int gssk_module_unload(void);
/* insmod path with the parameter string params; 0 or -errno. */
int gssk_module_load(const char *path, const char *params);

/* Move the calling process into the cgroup v2 directory dir. */
int cgroup_enter(const char *dir);
/* rmdir with retries (a just-reaped child may keep it busy a moment). */
int cgroup_remove(const char *dir);

/* ---- child processes ---- */

struct child_res {
	int setup_err;		/* errno of a failed setup step, else 0 */
	char setup_step[48];	/* which step failed */
	int ran;		/* the function ran */
	OM_uint32 major, minor;
	char msg[200];		/* gssk_last_error() of that call */
	int32_t serial;		/* serial of an imported/loaded context */
	/* second-stage results (e.g. inquire after import) */
	OM_uint32 major2, minor2;
	OM_uint32 flags;
	int initiate;
	/* free-form results (raw netlink, tokens) */
	int32_t v[8];
	OM_uint32 majors[6], minors[6];
	unsigned char token[GSSK_TOKEN_LEN];
	size_t token_len;
};

struct child_opts {
	const char *cgroup;	/* move into this cgroup dir first */
	bool new_userns;	/* unshare(CLONE_NEWUSER), map 0 -> 0 */
	bool set_uid;		/* switch to uid/gid (after the above) */
	uid_t uid;
	gid_t gid;
	bool new_session;	/* join a fresh session keyring (last) */
	int start_fd;		/* >0: wait for EOF/byte on it before fn */
	int close_fd;		/* >0: close this fd in the child */
};

typedef void (*child_fn)(struct child_res *res, void *arg);

/* Start a child; returns pid (or -errno) and a fd to read its result. */
pid_t child_start(const struct child_opts *o, child_fn fn, void *arg,
		  int *res_fd);
/* Collect the result and reap; 0 when the child reported, else -1. */
int child_finish(pid_t pid, int res_fd, struct child_res *res);
/* Both. */
int run_child(const struct child_opts *o, child_fn fn, void *arg,
	      struct child_res *res);

/* Ready-made child functions. arg: struct gss_buffer_desc_struct *. */
void child_import(struct child_res *res, void *arg);

/* ---- raw generic netlink (the ABI below libgssk) ---- */

#define GNL_BUF_SIZE	16384

struct gnl_msg {
	unsigned char buf[GNL_BUF_SIZE];
	size_t len;
};

struct gnl_reply {
	int err;			/* 0 or negative errno */
	bool has_status;
	struct gssk_status status;	/* extack cookie */
	char msg[256];			/* extack message */
	int bad_attr;			/* attribute NLMSGERR_ATTR_OFFS names, or -1 */
	/* a refusal as libgssk reports it (gsskp_map_refusal()) */
	uint32_t major, minor;
	unsigned char data[GNL_BUF_SIZE];	/* reply payload (attrs) */
	size_t data_len;
	const void *attr[GSSK_A_MAX + 1];
	size_t attr_len[GSSK_A_MAX + 1];
};

void gnl_init(struct gnl_msg *m, uint8_t cmd);
/* The same with another genlmsghdr version than GSSK_GENL_VERSION. */
void gnl_init_version(struct gnl_msg *m, uint8_t cmd, uint8_t version);
void gnl_put(struct gnl_msg *m, uint16_t type, const void *data,
	     size_t len);
void gnl_put_u32(struct gnl_msg *m, uint16_t type, uint32_t v);
/* The gssk family id now, or -errno (-ENOENT: not registered). */
int gnl_family_id(void);
/* Send m to the gssk family (resolved afresh) and read the answer. */
int gnl_call(struct gnl_msg *m, struct gnl_reply *r);
/* 0 if attr present with len bytes, then *out filled. */
int gnl_get_u32(const struct gnl_reply *r, int type, uint32_t *out);
int gnl_get_u64(const struct gnl_reply *r, int type, uint64_t *out);
/* Send one command naming serial; major/minor from the cookie or 0. */
int gnl_serial_cmd(uint8_t cmd, int32_t serial, struct gnl_reply *r);

#endif
