// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The control path's requests, built without a kernel: each is allocated
 * at exactly the size of what it carries, carries GSSK_GENL_VERSION, asks
 * for an ACK only when the command has no reply (DELETE), and is zeroed
 * whole (LOAD's keys, IMPORT's token with the rest) before it is freed.
 * The fork generation that retires a thread's socket in a child.
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

/* The request is exactly full, names cmd and version 2, and its ACK flag. */
static void check_msg(struct gsskp_msg *msg, uint8_t cmd, const char *what)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *gh;
	bool ack;

	if (!ok(msg != NULL, "%s: built", what))
		return;
	nlh = msg->nlh;
	gh = NLMSG_DATA(nlh);
	ack = nlh->nlmsg_flags & NLM_F_ACK;
	if (!ok(msg->cap == nlh->nlmsg_len,
		"%s: allocated at its size, %u bytes", what, nlh->nlmsg_len))
		tap_diag("allocated %zu, used %u", msg->cap, nlh->nlmsg_len);
	ok(gh->cmd == cmd && gh->version == GSSK_GENL_VERSION &&
	   GSSK_GENL_VERSION == 2, "%s: command %u, genl version %u", what,
	   gh->cmd, gh->version);
	ok(ack == !gsskp_cmd_replies(cmd),
	   "%s: %s", what, ack ? "asks for the ACK (no reply)"
			       : "no NLM_F_ACK (the reply answers)");
}

/* The attribute of type type in msg, or NULL. */
static struct nlattr *find_attr(struct gsskp_msg *msg, int type)
{
	struct nlattr *tb[GSSK_A_MAX + 1];

	if (gsskp_genl_parse(msg->nlh, tb, GSSK_A_MAX, NULL))
		return NULL;
	return tb[type];
}

/* Whether the len bytes at p occur anywhere in msg's buffer. */
static bool msg_holds(struct gsskp_msg *msg, const void *p, size_t len)
{
	return memmem(msg->nlh, msg->cap, p, len) != NULL;
}

/* Whether every byte of msg's buffer is zero. */
static bool msg_zero(struct gsskp_msg *msg)
{
	const unsigned char *b = (const unsigned char *)msg->nlh;
	size_t i;

	for (i = 0; i < msg->cap; i++)
		if (b[i])
			return false;
	return true;
}

static void sizes(void)
{
	static const unsigned char key[32] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const unsigned char subkey[16] = { 9, 9, 9, 9 };
	struct gssk_context_fields f = {
		.enctype = GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
		.initiate = 1, .key = key, .key_len = sizeof(key),
		.flags = GSS_C_MUTUAL_FLAG,
	};
	struct gssk_export_policy pol = { .flags = 0 };
	gss_buffer_desc tok = { GSSK_TOKEN_LEN, (void *)"GSSK\1\0\0\0"
			       "0123456789abcdef0123456789abcdef" };
	struct gsskp_msg *msg;
	struct nlattr *a;

	msg = gsskp_load_msg(&f, -3, NULL);
	check_msg(msg, GSSK_CMD_LOAD, "LOAD, the required fields");
	gsskp_msg_free(msg);

	f.subkey_enctype = GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96;
	f.subkey = subkey;
	f.subkey_len = sizeof(subkey);
	f.initiator_name = "alice@EXAMPLE.COM";
	f.acceptor_name = "host/a-rather-longer-name.example.com@EXAMPLE.COM";
	f.endtime = 2000000000;
	msg = gsskp_load_msg(&f, -3, "a description");
	check_msg(msg, GSSK_CMD_LOAD, "LOAD, every field");
	if (msg) {
		a = find_attr(msg, GSSK_A_INIT_NAME);
		ok(msg_holds(msg, key, sizeof(key)) &&
		   msg_holds(msg, subkey, sizeof(subkey)) && a &&
		   !strcmp(gsskp_get_string(a), f.initiator_name),
		   "LOAD: carries the key, the subkey and the names");
		gsskp_msg_wipe(msg);
		ok(msg_zero(msg), "LOAD: wiped, every byte is zero (%zu)",
		   msg->cap);
	}
	gsskp_msg_free(msg);

	msg = gsskp_load_msg(&f, -3, "");
	check_msg(msg, GSSK_CMD_LOAD, "LOAD, an empty description");
	gsskp_msg_free(msg);

	msg = gsskp_export_msg(5, NULL);
	check_msg(msg, GSSK_CMD_EXPORT, "EXPORT, default policy");
	gsskp_msg_free(msg);
	pol.flags = GSSK_POLICY_UID | GSSK_POLICY_CGROUP |
		    GSSK_POLICY_ANY_SESSION;
	pol.uid = 1000;
	pol.cgroup_fd = 3;
	pol.ttl = 30;
	msg = gsskp_export_msg(5, &pol);
	check_msg(msg, GSSK_CMD_EXPORT, "EXPORT, every policy attribute");
	gsskp_msg_free(msg);
	pol.flags = GSSK_POLICY_OWN_CGROUP;
	pol.ttl = 0;
	msg = gsskp_export_msg(5, &pol);
	check_msg(msg, GSSK_CMD_EXPORT, "EXPORT, flags only");
	gsskp_msg_free(msg);

	msg = gsskp_import_msg(&tok, -3);
	check_msg(msg, GSSK_CMD_IMPORT, "IMPORT");
	if (msg) {
		ok(msg_holds(msg, tok.value, tok.length) &&
		   find_attr(msg, GSSK_A_KEYRING),
		   "IMPORT: carries the token and the keyring");
		gsskp_msg_wipe(msg);
		ok(msg_zero(msg), "IMPORT: wiped, every byte is zero");
	}
	gsskp_msg_free(msg);

	msg = gsskp_serial_msg(GSSK_CMD_INQUIRE, 77);
	check_msg(msg, GSSK_CMD_INQUIRE, "INQUIRE");
	a = msg ? find_attr(msg, GSSK_A_SERIAL) : NULL;
	ok(a && gsskp_get_s32(a) == 77, "INQUIRE: carries serial 77");
	gsskp_msg_free(msg);
	msg = gsskp_serial_msg(GSSK_CMD_OPEN, 77);
	check_msg(msg, GSSK_CMD_OPEN, "OPEN");
	gsskp_msg_free(msg);
	msg = gsskp_serial_msg(GSSK_CMD_DELETE, 77);
	check_msg(msg, GSSK_CMD_DELETE, "DELETE");
	gsskp_msg_free(msg);
	msg = gsskp_msg_new(GSSK_CMD_STATS, 0);
	check_msg(msg, GSSK_CMD_STATS, "STATS");
	gsskp_msg_free(msg);

	/* an attribute that does not fit is refused, not reallocated */
	msg = gsskp_msg_new(GSSK_CMD_INQUIRE, gsskp_attr_size(4));
	ok(msg && gsskp_put_s32(msg, GSSK_A_SERIAL, 1) == 0 &&
	   gsskp_put_s32(msg, GSSK_A_SERIAL, 2) == -EMSGSIZE,
	   "a request has no room beyond what it was sized for");
	gsskp_msg_free(msg);
	gsskp_msg_free(NULL);
}

/* A forked child is in a new fork generation; the parent is not. */
static void fork_generation(void)
{
	OM_uint32 minor;
	unsigned long before;
	int status;
	pid_t pid;

	/* sets up the per-thread state (with or without the module) */
	gsskp_nl_ready(&minor);
	before = gsskp_fork_generation();
	pid = fork();
	if (pid == 0)
		_exit(gsskp_fork_generation() == before + 1 ? 0 : 1);
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	   WEXITSTATUS(status) == 0,
	   "fork(): the child is in the next fork generation");
	ok(gsskp_fork_generation() == before,
	   "fork(): the parent's generation is unchanged");
}

void test_request(void)
{
	sizes();
	fork_generation();
}
