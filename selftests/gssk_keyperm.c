// SPDX-License-Identifier: GPL-2.0
/*
 * gssk key permissions: the permission on a context key that each command
 * needs from a caller that does not possess the key.
 *
 * Root loads a context and hands its key to another uid (OTHER_UID, in a
 * session keyring of its own, so it never possesses the key) through the
 * key's permission bits alone (keyctl_setperm, keyctl_chown): chowned to
 * that uid with only VIEW, only READ, only WRITE or READ|WRITE in the user
 * bits; left owned by root with READ, WRITE or READ|WRITE in the "other"
 * bits; and left owned by root with every user and group bit but no
 * "other" bit, which the other uid must not get. The other uid names the
 * key by its serial in raw generic netlink requests. The rules
 * (kernel/key_type.c):
 *
 *   INQUIRE, GET_MIC, VERIFY_MIC, WRAP, UNWRAP, WRAP_SIZE_LIMIT   READ
 *   EXPORT                                               READ and WRITE
 *   DELETE                                                        WRITE
 *
 * VIEW grants nothing, and WRITE alone does not let a caller export the
 * context (to itself, which would give it every use of the context).
 *
 * Every command is refused exactly when its permission is missing, with
 * EACCES, GSS_S_NO_CONTEXT, GSSK_MINOR_KEY_PERMISSION and an extack
 * message, and works when it is granted: per-message commands get real
 * buffers and real tokens from the peer context, and what they produce is
 * checked by the peer. A refusal changes nothing: the owner's context
 * keeps its key and its sequence state and works afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "harness.h"
#include "checks.h"
#include "msg_util.h"

/* What root, the possessor, keeps of the key's default permissions. */
#define OWNER_PERM	(KEY_POS_VIEW | KEY_POS_READ | KEY_POS_WRITE | \
			 KEY_POS_SEARCH | KEY_POS_LINK | KEY_POS_SETATTR)

#define ENCTYPE		GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128
#define I2A		((uint64_t)100)	/* first initiator -> acceptor number */
#define A2I		((uint64_t)5000)	/* first acceptor -> initiator number */
#define MSG_LEN		64
#define OUT_ROOM	512
#define LIMIT_REQ	1000	/* WRAP_SIZE_LIMIT: largest token wanted */
#define NO_COOKIE	0xffffffffu

/* What a child got back, in memory shared with the parent. */
struct shared_out {
	uint32_t len;
	unsigned char buf[OUT_ROOM];	/* a token or a message */
};

/* One request for a child to make on the context key by serial. */
struct cmd_arg {
	uint8_t cmd;
	int32_t serial;
	unsigned char msg[MSG_LEN];
	unsigned char tok[OUT_ROOM];	/* a MIC or wrap token of the peer */
	uint32_t tok_len;
	struct shared_out *out;
};

FIXTURE(keyperm) {
	struct ctx_pair p;
	struct shared_out *out;
};

/*
 * The acceptor's key, as OTHER_UID sees it: the user bits if chowned to
 * OTHER_UID, else the "other" bits (OTHER_UID is not in the key's group).
 */
FIXTURE_VARIANT(keyperm) {
	key_perm_t grant;	/* added to OWNER_PERM */
	bool chown;		/* key owned by OTHER_UID */
	bool read, write;	/* what that gives OTHER_UID */
};

FIXTURE_VARIANT_ADD(keyperm, user_view) {
	.grant = KEY_USR_VIEW, .chown = true,
};
FIXTURE_VARIANT_ADD(keyperm, user_read) {
	.grant = KEY_USR_READ, .chown = true, .read = true,
};
FIXTURE_VARIANT_ADD(keyperm, user_write) {
	.grant = KEY_USR_WRITE, .chown = true, .write = true,
};
FIXTURE_VARIANT_ADD(keyperm, user_read_write) {
	.grant = KEY_USR_READ | KEY_USR_WRITE, .chown = true,
	.read = true, .write = true,
};
FIXTURE_VARIANT_ADD(keyperm, other_read) {
	.grant = KEY_OTH_READ, .read = true,
};
FIXTURE_VARIANT_ADD(keyperm, other_write) {
	.grant = KEY_OTH_WRITE, .write = true,
};
FIXTURE_VARIANT_ADD(keyperm, other_read_write) {
	.grant = KEY_OTH_READ | KEY_OTH_WRITE, .read = true, .write = true,
};
FIXTURE_VARIANT_ADD(keyperm, root_user_and_group_bits) {
	.grant = KEY_USR_ALL | KEY_GRP_ALL,
};

FIXTURE_SETUP(keyperm)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	self->out = mmap(NULL, sizeof(*self->out), PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->out);
	/* pair_init() leaves both handles GSS_C_NO_CONTEXT */
	pair_init(&self->p, ENCTYPE, TEST_FLAGS, false, 0, I2A, A2I);
}

FIXTURE_TEARDOWN(keyperm)
{
	pair_free(&self->p);
	munmap(self->out, sizeof(*self->out));
}

/* ---- the child: OTHER_UID, in its own session ---- */

/*
 * The result of a request in res: v[0] the errno (0 or negative), major
 * and minor from the extack cookie (NO_COOKIE without one), msg the
 * extack message.
 */
static void note_reply(struct child_res *res, const struct gnl_reply *r)
{
	res->v[0] = r->err;
	res->major = r->has_status ? r->status.major : NO_COOKIE;
	res->minor = r->has_status ? r->status.minor : NO_COOKIE;
	snprintf(res->msg, sizeof(res->msg), "%.*s",
		 (int)sizeof(res->msg) - 1, r->msg);
}

/* A u32 of the reply as it came, or -1 when it is missing. */
static int32_t reply_u32(const struct gnl_reply *r, int type)
{
	uint32_t v;

	return gnl_get_u32(r, type, &v) ? -1 : (int32_t)v;
}

/*
 * Make a->cmd on a->serial with valid arguments. Besides note_reply():
 * v[1] the reply's ENCTYPE (INQUIRE), OUT_LEN (WRAP, UNWRAP) or MAX_INPUT
 * (WRAP_SIZE_LIMIT); flags its GSS_FLAGS (INQUIRE); major2 its MAJOR, the
 * supplementary bits (VERIFY_MIC, UNWRAP); a->out the MIC token (GET_MIC),
 * the wrap token (WRAP) or the message (UNWRAP).
 */
static void child_cmd(struct child_res *res, void *arg)
{
	const struct cmd_arg *a = arg;
	struct gnl_msg *m = malloc(sizeof(*m));
	struct gnl_reply *r = malloc(sizeof(*r));
	unsigned char in[OUT_ROOM], out[OUT_ROOM];
	struct gssk_op op;
	int fd = -1;

	if (!m || !r) {
		res->setup_err = ENOMEM;
		snprintf(res->setup_step, sizeof(res->setup_step), "malloc");
		goto out;
	}
	memcpy(in, a->msg, MSG_LEN);

	if (a->cmd == GSSK_CMD_INQUIRE) {
		gnl_serial_cmd(a->cmd, a->serial, r);
		note_reply(res, r);
		if (!r->err) {
			res->v[1] = reply_u32(r, GSSK_A_ENCTYPE);
			res->flags = (OM_uint32)reply_u32(r, GSSK_A_GSS_FLAGS);
		}
		goto out;
	}

	/* per-message: the permission is checked at OPEN */
	fd = raw_open_serial(a->serial, r);
	note_reply(res, r);
	if (fd < 0)
		goto out;
	switch (a->cmd) {
	case GSSK_CMD_GET_MIC:
		op = raw_op(GSSK_OP_GET_MIC, in, MSG_LEN, out, sizeof(out));
		break;
	case GSSK_CMD_VERIFY_MIC:
		op = raw_op(GSSK_OP_VERIFY_MIC, in, MSG_LEN, NULL, 0);
		op.mic_ptr = (uint64_t)(uintptr_t)a->tok;
		op.mic_len = a->tok_len;
		break;
	case GSSK_CMD_WRAP:
		op = raw_op(GSSK_OP_WRAP, in, MSG_LEN, out, sizeof(out));
		op.flags = GSSK_OP_CONF;
		break;
	case GSSK_CMD_UNWRAP:
		memcpy(in, a->tok, a->tok_len);
		op = raw_op(GSSK_OP_UNWRAP, in, a->tok_len, out, sizeof(out));
		break;
	default:
		op = raw_op(GSSK_OP_WRAP_SIZE_LIMIT, NULL, LIMIT_REQ, NULL, 0);
		op.flags = GSSK_OP_CONF;
		break;
	}
	res->v[0] = raw_call(fd, &op);
	res->major = res->v[0] ? op.major : NO_COOKIE;
	res->minor = res->v[0] ? op.minor : NO_COOKIE;
	if (res->v[0])
		goto out;

	switch (a->cmd) {
	case GSSK_CMD_VERIFY_MIC:
		res->major2 = op.major;
		break;
	case GSSK_CMD_GET_MIC:
	case GSSK_CMD_WRAP:
	case GSSK_CMD_UNWRAP:
		if (a->cmd == GSSK_CMD_UNWRAP)
			res->major2 = op.major;
		res->v[1] = (int32_t)op.out_len;
		a->out->len = op.out_len <= OUT_ROOM ? op.out_len : 0;
		memcpy(a->out->buf, out, a->out->len);
		break;
	default:
		res->v[1] = (int32_t)op.out_len;
		break;
	}
out:
	if (fd >= 0)
		close(fd);
	free(m);
	free(r);
}

/*
 * EXPORT a->serial (default policy: this uid, this session) and, if that
 * works, import the token here: the context is then this uid's. token and
 * token_len the token; major2/minor2 the import, serial the new key,
 * majors[0] and flags an inquire of it.
 */
static void child_export(struct child_res *res, void *arg)
{
	const struct cmd_arg *a = arg;
	struct gnl_reply *r = malloc(sizeof(*r));
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 minor = 0;

	if (!r) {
		res->setup_err = ENOMEM;
		snprintf(res->setup_step, sizeof(res->setup_step), "malloc");
		return;
	}
	gnl_serial_cmd(GSSK_CMD_EXPORT, a->serial, r);
	note_reply(res, r);
	if (r->err || !r->attr[GSSK_A_TOKEN] ||
	    r->attr_len[GSSK_A_TOKEN] > sizeof(res->token))
		goto out;
	res->token_len = r->attr_len[GSSK_A_TOKEN];
	memcpy(res->token, r->attr[GSSK_A_TOKEN], res->token_len);

	res->major2 = import_bytes(&minor, res->token, res->token_len, &h);
	res->minor2 = minor;
	if (res->major2 != GSS_S_COMPLETE)
		goto out;
	res->serial = gssk_context_serial(h);
	res->majors[0] = gssk_inquire_context(&minor, h, NULL, NULL, NULL,
					      NULL, &res->flags, NULL, NULL);
	gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
out:
	free(r);
}

static void child_delete(struct child_res *res, void *arg)
{
	const struct cmd_arg *a = arg;
	struct gnl_reply *r = malloc(sizeof(*r));

	if (!r) {
		res->setup_err = ENOMEM;
		snprintf(res->setup_step, sizeof(res->setup_step), "malloc");
		return;
	}
	gnl_serial_cmd(GSSK_CMD_DELETE, a->serial, r);
	note_reply(res, r);
	free(r);
}

/* ---- the parent ---- */

static const char *cmd_name(uint8_t cmd)
{
	switch (cmd) {
	case GSSK_CMD_INQUIRE:		return "INQUIRE";
	case GSSK_CMD_EXPORT:		return "EXPORT";
	case GSSK_CMD_DELETE:		return "DELETE";
	case GSSK_CMD_GET_MIC:		return "GET_MIC";
	case GSSK_CMD_VERIFY_MIC:	return "VERIFY_MIC";
	case GSSK_CMD_WRAP:		return "WRAP";
	case GSSK_CMD_UNWRAP:		return "UNWRAP";
	case GSSK_CMD_WRAP_SIZE_LIMIT:	return "WRAP_SIZE_LIMIT";
	}
	return "?";
}

static void load(struct __test_metadata *_metadata, struct ctx_pair *p)
{
	OM_uint32 major, minor = 0;

	major = pair_load(p, &minor);
	ASSERT_COMPLETE(major, minor);
}

/* Give the acceptor's key the variant's permissions, and check them. */
static void grant(struct __test_metadata *_metadata,
		  const FIXTURE_VARIANT(keyperm) *variant, gss_ctx_id_t h)
{
	key_serial_t serial = gssk_context_serial(h);
	unsigned int uid, perm;
	char *desc = NULL;

	ASSERT_LT(0, serial);
	if (variant->chown)
		ASSERT_EQ(0, keyctl_chown(serial, OTHER_UID, (gid_t)-1))
			TH_LOG("keyctl_chown: %s", strerror(errno));
	ASSERT_EQ(0, keyctl_setperm(serial, OWNER_PERM | variant->grant))
		TH_LOG("keyctl_setperm: %s", strerror(errno));

	/* "gssk;UID;GID;PERM;DESCRIPTION" */
	ASSERT_LT(0, keyctl_describe_alloc(serial, &desc));
	ASSERT_EQ(2, sscanf(desc, "gssk;%u;%*d;%x;", &uid, &perm))
		TH_LOG("describe: %s", desc);
	ASSERT_EQ((unsigned int)(variant->chown ? OTHER_UID : 0), uid);
	ASSERT_EQ(OWNER_PERM | variant->grant, perm);
	TH_LOG("key %d: %s", serial, desc);
	free(desc);
}

/* Run fn as OTHER_UID in a session keyring of its own. */
static void run_other(struct __test_metadata *_metadata, child_fn fn,
		      struct cmd_arg *a, struct child_res *res)
{
	struct child_opts o = {
		.set_uid = true, .uid = OTHER_UID, .gid = OTHER_GID,
		.new_session = true,
	};

	if (a->out)
		memset(a->out, 0, sizeof(*a->out));
	ASSERT_EQ(0, run_child(&o, fn, a, res));
	ASSERT_CHILD_RAN(*res);
}

/*
 * The child's command was refused for want of the key permission, or it
 * worked, as the grant says.
 */
static void check_outcome(struct __test_metadata *_metadata, uint8_t cmd,
			  bool granted, const struct child_res *res)
{
	if (!granted) {
		ASSERT_EQ(-EACCES, res->v[0])
			TH_LOG("%s without the permission: errno %d, not EACCES (%s)",
			       cmd_name(cmd), -res->v[0], res->msg);
		ASSERT_EQ((OM_uint32)GSS_S_NO_CONTEXT, res->major)
			LOG_STATUS(res->major, res->minor, res->msg);
		ASSERT_EQ((OM_uint32)GSSK_MINOR_KEY_PERMISSION, res->minor)
			LOG_STATUS(res->major, res->minor, res->msg);
		ASSERT_NE(0, res->msg[0])
			TH_LOG("%s refused without an extack message",
			       cmd_name(cmd));
		TH_LOG("%s refused as expected: %s", cmd_name(cmd), res->msg);
		return;
	}
	ASSERT_EQ(0, res->v[0])
		TH_LOG("%s with the permission: errno %d, major 0x%x (%s), minor 0x%x (%s): %s",
		       cmd_name(cmd), -res->v[0], res->major,
		       major_name(res->major), res->minor,
		       minor_name(res->minor), res->msg);
}

/*
 * The owner's acceptor context is intact: same flags, sequence state
 * send/recv, and it still wraps a message that its peer unwraps.
 */
static void owner_intact(struct __test_metadata *_metadata,
			 struct ctx_pair *p, uint64_t send, uint64_t recv)
{
	unsigned char msg[MSG_LEN];
	gss_buffer_desc m = buf_of(msg, sizeof(msg)), t = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc o = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0, flags = 0;
	uint64_t s = 0, r = 0;

	major = gssk_inquire_context(&minor, p->acc, NULL, NULL, NULL, NULL,
				     &flags, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(TEST_FLAGS, flags);
	major = gssk_inquire_sequence(&minor, p->acc, &s, &r);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(send, s);
	ASSERT_EQ(recv, r);

	random_bytes(msg, sizeof(msg));
	major = gssk_wrap(&minor, p->acc, 1, 0, &m, NULL, &t);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(send, tok_seq(t.value, t.length));
	major = gssk_unwrap(&minor, p->init, &t, &o, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(sizeof(msg), o.length);
	ASSERT_EQ(0, memcmp(o.value, msg, sizeof(msg)));
	gssk_release_buffer(&minor, &t);
	gssk_release_buffer(&minor, &o);
}

/* The owner's acceptor context is gone (exported or deleted). */
static void owner_gone(struct __test_metadata *_metadata, struct ctx_pair *p)
{
	OM_uint32 major, minor = 0;

	major = gssk_inquire_context(&minor, p->acc, NULL, NULL, NULL, NULL,
				     NULL, NULL, NULL);
	ASSERT_EQ((OM_uint32)GSS_S_NO_CONTEXT, major)
		LOG_STATUS(major, minor, last_err());
	ASSERT_TRUE(minor == GSSK_MINOR_NO_SUCH_CONTEXT ||
		    minor == GSSK_MINOR_CONTEXT_REVOKED)
		LOG_STATUS(major, minor, last_err());
}

/*
 * INQUIRE and the per-message commands need READ: without it each is
 * refused and uses nothing (no sequence number sent or received); with it
 * each works on real input, and its output is right.
 */
TEST_F(keyperm, inquire_and_per_message_commands_need_read)
{
	const bool ok = variant->read;
	gss_buffer_desc m, mic = GSS_C_EMPTY_BUFFER, wtok = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc t, o = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0, limit = 0;
	struct cmd_arg a = { .out = self->out };
	struct child_res res;
	uint64_t used;

	load(_metadata, &self->p);
	random_bytes(a.msg, sizeof(a.msg));
	m = buf_of(a.msg, sizeof(a.msg));
	/* the peer's tokens for VERIFY_MIC (number I2A) and UNWRAP (I2A + 1) */
	major = gssk_get_mic(&minor, self->p.init, 0, &m, &mic);
	ASSERT_COMPLETE(major, minor);
	major = gssk_wrap(&minor, self->p.init, 1, 0, &m, NULL, &wtok);
	ASSERT_COMPLETE(major, minor);
	ASSERT_GE(sizeof(a.tok), mic.length);
	ASSERT_GE(sizeof(a.tok), wtok.length);
	major = gssk_wrap_size_limit(&minor, self->p.acc, 1, 0, LIMIT_REQ,
				     &limit);
	ASSERT_COMPLETE(major, minor);
	ASSERT_LT(0u, limit);

	grant(_metadata, variant, self->p.acc);
	a.serial = gssk_context_serial(self->p.acc);

	a.cmd = GSSK_CMD_INQUIRE;
	run_other(_metadata, child_cmd, &a, &res);
	check_outcome(_metadata, a.cmd, ok, &res);
	if (ok) {
		ASSERT_EQ(ENCTYPE, res.v[1]);
		ASSERT_EQ(TEST_FLAGS, res.flags);
	}

	/* GET_MIC: the peer verifies the MIC; it used number A2I */
	a.cmd = GSSK_CMD_GET_MIC;
	run_other(_metadata, child_cmd, &a, &res);
	check_outcome(_metadata, a.cmd, ok, &res);
	if (ok) {
		ASSERT_EQ(mic_len(ENCTYPE), self->out->len);
		ASSERT_EQ(A2I, tok_seq(self->out->buf, self->out->len));
		t = buf_of(self->out->buf, self->out->len);
		major = gssk_verify_mic(&minor, self->p.init, &m, &t, NULL);
		ASSERT_COMPLETE(major, minor);
	}

	/* VERIFY_MIC of the peer's MIC: valid, seen for the first time */
	a.cmd = GSSK_CMD_VERIFY_MIC;
	memcpy(a.tok, mic.value, mic.length);
	a.tok_len = mic.length;
	run_other(_metadata, child_cmd, &a, &res);
	check_outcome(_metadata, a.cmd, ok, &res);
	if (ok)
		ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, res.major2);

	/* WRAP: the peer unwraps the message; it used number A2I + 1 */
	a.cmd = GSSK_CMD_WRAP;
	run_other(_metadata, child_cmd, &a, &res);
	check_outcome(_metadata, a.cmd, ok, &res);
	if (ok) {
		ASSERT_EQ(wrap_len(ENCTYPE, 1, MSG_LEN), self->out->len);
		ASSERT_EQ(A2I + 1, tok_seq(self->out->buf, self->out->len));
		t = buf_of(self->out->buf, self->out->len);
		major = gssk_unwrap(&minor, self->p.init, &t, &o, NULL, NULL);
		ASSERT_COMPLETE(major, minor);
		ASSERT_EQ(sizeof(a.msg), o.length);
		ASSERT_EQ(0, memcmp(o.value, a.msg, sizeof(a.msg)));
		gssk_release_buffer(&minor, &o);
	}

	/* UNWRAP of the peer's wrap token: the message comes back */
	a.cmd = GSSK_CMD_UNWRAP;
	memcpy(a.tok, wtok.value, wtok.length);
	a.tok_len = wtok.length;
	run_other(_metadata, child_cmd, &a, &res);
	check_outcome(_metadata, a.cmd, ok, &res);
	if (ok) {
		ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, res.major2);
		ASSERT_EQ(MSG_LEN, res.v[1]);
		ASSERT_EQ((uint32_t)MSG_LEN, self->out->len);
		ASSERT_EQ(0, memcmp(self->out->buf, a.msg, sizeof(a.msg)));
	}

	/* WRAP_SIZE_LIMIT: the owner's answer */
	a.cmd = GSSK_CMD_WRAP_SIZE_LIMIT;
	run_other(_metadata, child_cmd, &a, &res);
	check_outcome(_metadata, a.cmd, ok, &res);
	if (ok)
		ASSERT_EQ((int32_t)limit, res.v[1]);

	/*
	 * The refusals used nothing: the owner's context sends A2I next and
	 * takes the peer's two tokens as new. The allowed commands sent two
	 * tokens and received the peer's two, which are now duplicates.
	 */
	used = ok ? 2 : 0;
	owner_intact(_metadata, &self->p, A2I + used, I2A + used);
	major = gssk_verify_mic(&minor, self->p.acc, &m, &mic, NULL);
	ASSERT_EQ((OM_uint32)(ok ? GSS_S_DUPLICATE_TOKEN : GSS_S_COMPLETE),
		  major)
		LOG_STATUS(major, minor, last_err());
	major = gssk_unwrap(&minor, self->p.acc, &wtok, &o, NULL, NULL);
	ASSERT_EQ((OM_uint32)(ok ? GSS_S_DUPLICATE_TOKEN : GSS_S_COMPLETE),
		  major)
		LOG_STATUS(major, minor, last_err());
	ASSERT_EQ(sizeof(a.msg), o.length);
	ASSERT_EQ(0, memcmp(o.value, a.msg, sizeof(a.msg)));
	gssk_release_buffer(&minor, &o);
	gssk_release_buffer(&minor, &mic);
	gssk_release_buffer(&minor, &wtok);
}

/*
 * EXPORT needs READ and WRITE. Without both it is refused and the owner
 * keeps the context; with both the other uid exports the context, imports
 * it as its own and the owner's key is gone.
 */
TEST_F(keyperm, export_needs_read_and_write)
{
	const bool ok = variant->read && variant->write;
	struct cmd_arg a = { .cmd = GSSK_CMD_EXPORT };
	struct child_res res;

	load(_metadata, &self->p);
	grant(_metadata, variant, self->p.acc);
	a.serial = gssk_context_serial(self->p.acc);

	run_other(_metadata, child_export, &a, &res);
	check_outcome(_metadata, a.cmd, ok, &res);
	if (!ok) {
		ASSERT_EQ(0u, res.token_len);
		owner_intact(_metadata, &self->p, A2I, I2A);
		return;
	}
	ASSERT_EQ((size_t)GSSK_TOKEN_LEN, res.token_len);
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, res.major2)
		LOG_STATUS(res.major2, res.minor2, "(import in child)");
	ASSERT_NE(a.serial, res.serial);
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, res.majors[0]);
	ASSERT_EQ(TEST_FLAGS, res.flags);
	owner_gone(_metadata, &self->p);
}

/*
 * DELETE needs WRITE. Without WRITE it is refused and the owner keeps
 * the context; with it the context is gone.
 */
TEST_F(keyperm, delete_needs_write)
{
	const bool ok = variant->write;
	struct cmd_arg a = { .cmd = GSSK_CMD_DELETE };
	struct child_res res;

	load(_metadata, &self->p);
	grant(_metadata, variant, self->p.acc);
	a.serial = gssk_context_serial(self->p.acc);

	run_other(_metadata, child_delete, &a, &res);
	check_outcome(_metadata, a.cmd, ok, &res);
	if (ok)
		owner_gone(_metadata, &self->p);
	else
		owner_intact(_metadata, &self->p, A2I, I2A);
}

TEST_HARNESS_MAIN
