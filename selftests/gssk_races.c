// SPDX-License-Identifier: GPL-2.0
/*
 * Races and stalls found when gssk was attacked from outside:
 *
 * - EXPORT and DELETE racing on one context: exactly one of them wins. A
 *   deletion that succeeded leaves no token that could bring the context
 *   back; an export that succeeded gives a token that imports it.
 * - A key under construction (a request-key helper still running) never
 *   makes a gssk command wait: IMPORT into it, and every command naming it,
 *   is refused at once while the helper still runs, and the refusal leaves
 *   the token importable.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "checks.h"
#include "msg_util.h"

/* ---- EXPORT against DELETE ---- */

#define RACE_ROUNDS	2000

struct race {
	pthread_barrier_t go, done;
	int32_t serial;
	bool stop;
	struct gnl_reply exp, del, mic;
};

/* One request on the context, each round, by one racing thread. */
static void race_export(struct race *rc)
{
	struct gnl_msg m;

	gnl_init(&m, GSSK_CMD_EXPORT);
	gnl_put(&m, GSSK_A_SERIAL, &rc->serial, sizeof(rc->serial));
	gnl_call(&m, &rc->exp);
}

static void race_delete(struct race *rc)
{
	gnl_serial_cmd(GSSK_CMD_DELETE, rc->serial, &rc->del);
}

/*
 * A third user of the context, as in the attack: per-message traffic, on a
 * descriptor opened at the start of the round (it may find the context
 * gone already).
 */
static void race_sign(struct race *rc)
{
	static const char text[] = "racing message";
	unsigned char mic[GSSK_MIC_MAX];
	struct gssk_op op;
	int fd;

	fd = raw_open_serial(rc->serial, &rc->mic);
	if (fd < 0)
		return;
	op = raw_op(GSSK_OP_GET_MIC, text, sizeof(text), mic, sizeof(mic));
	raw_call(fd, &op);
	close(fd);
}

struct racer {
	struct race *rc;
	void (*request)(struct race *rc);
};

/* Start together with the others, make the request, wait for the round. */
static void *racer_loop(void *arg)
{
	struct racer *r = arg;

	for (;;) {
		pthread_barrier_wait(&r->rc->go);
		if (r->rc->stop)
			return NULL;
		r->request(r->rc);
		pthread_barrier_wait(&r->rc->done);
	}
}

/* The loser is told the context is gone, by the race or by the lookup. */
static bool lost_race(const struct gnl_reply *r)
{
	return r->err < 0 && r->has_status &&
	       r->status.major == GSS_S_NO_CONTEXT &&
	       (r->status.minor == GSSK_MINOR_EXPORT_RACE ||
		r->status.minor == GSSK_MINOR_NO_SUCH_CONTEXT);
}

FIXTURE(race) {
	int unused;
};

FIXTURE_SETUP(race)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
}

FIXTURE_TEARDOWN(race)
{
}

TEST_F_TIMEOUT(race, export_and_delete_never_both_win, 600)
{
	void (*requests[])(struct race *) = {
		race_export, race_delete, race_sign,
	};
	struct race *rc = xmalloc(sizeof(*rc));
	struct racer racers[3];
	int exports = 0, deletes = 0, round, i;
	pthread_t th[3];
	struct test_ctx tc;

	memset(rc, 0, sizeof(*rc));
	pthread_barrier_init(&rc->go, NULL, 4);
	pthread_barrier_init(&rc->done, NULL, 4);
	for (i = 0; i < 3; i++) {
		racers[i].rc = rc;
		racers[i].request = requests[i];
		ASSERT_EQ(0, pthread_create(&th[i], NULL, racer_loop,
					    &racers[i]));
	}

	test_ctx_init(&tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, false);
	for (round = 0; round < RACE_ROUNDS; round++) {
		gss_ctx_id_t h = GSS_C_NO_CONTEXT;
		OM_uint32 major, minor = 0;
		bool exp_ok, del_ok;

		major = test_ctx_load(&tc, &minor, &h);
		ASSERT_COMPLETE(major, minor);
		rc->serial = gssk_context_serial(h);
		pthread_barrier_wait(&rc->go);
		pthread_barrier_wait(&rc->done);

		exp_ok = rc->exp.err == 0;
		del_ok = rc->del.err == 0;
		ASSERT_EQ(1, exp_ok + del_ok)
			TH_LOG("round %d: export %d (%s), delete %d (%s)", round,
			       rc->exp.err, rc->exp.msg, rc->del.err,
			       rc->del.msg);
		if (exp_ok) {
			exports++;
			ASSERT_TRUE(lost_race(&rc->del))
				TH_LOG("round %d: delete lost with %d, minor %s: %s",
				       round, rc->del.err,
				       minor_name(rc->del.status.minor),
				       rc->del.msg);
		} else {
			deletes++;
			ASSERT_TRUE(lost_race(&rc->exp))
				TH_LOG("round %d: export lost with %d, minor %s: %s",
				       round, rc->exp.err,
				       minor_name(rc->exp.status.minor),
				       rc->exp.msg);
		}
		/* The key is gone either way. */
		ASSERT_EQ(-1, keyctl_describe(rc->serial, NULL, 0));
		if (exp_ok) {
			gss_ctx_id_t h2 = GSS_C_NO_CONTEXT;

			ASSERT_EQ((size_t)GSSK_TOKEN_LEN,
				  rc->exp.attr_len[GSSK_A_TOKEN]);
			major = import_bytes(&minor, rc->exp.attr[GSSK_A_TOKEN],
					     GSSK_TOKEN_LEN, &h2);
			ASSERT_COMPLETE(major, minor);
			gssk_delete_sec_context(&minor, &h2, GSS_C_NO_BUFFER);
		}
		/* The handle's key is gone: this only frees the handle. */
		gssk_release_context_handle(&minor, &h);
	}
	TH_LOG("%d rounds: export won %d, delete won %d", RACE_ROUNDS,
	       exports, deletes);

	rc->stop = true;
	pthread_barrier_wait(&rc->go);
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	free(rc);
}

/* ---- a key under construction ---- */

#define REQUEST_KEY	"/sbin/request-key"
#define SLOW_SERIAL	"/tmp/gssk-slow-key"
#define SLOW_RELEASE	"/tmp/gssk-slow-release"
#define SLOW_DESC	"gssk-selftest:slow"

/*
 * A stand-in for request-key(8) that keeps the key under construction
 * until the test lets it go (or 60 s pass), then exits without
 * instantiating it, so the kernel negates it.
 */
static const char slow_helper[] =
	"#!/bin/sh\n"
	"# gssk selftest (gssk_races): $2 is the key under construction\n"
	"echo \"$2\" >" SLOW_SERIAL ".tmp && mv " SLOW_SERIAL ".tmp " SLOW_SERIAL "\n"
	"i=0\n"
	"while [ ! -e " SLOW_RELEASE " ] && [ $i -lt 600 ]; do\n"
	"\tsleep 0.1\n"
	"\ti=$((i + 1))\n"
	"done\n"
	"exit 1\n";

FIXTURE(slow) {
	pid_t requester;
	int32_t serial;
	bool installed;
};

/* Start a request_key() of type that stays under construction. */
static void start_slow_request(struct __test_metadata *_metadata,
			       FIXTURE_DATA(slow) *self, const char *type)
{
	char *text;
	int i;

	self->requester = fork();
	ASSERT_LE(0, self->requester);
	if (self->requester == 0) {
		request_key(type, SLOW_DESC, "gssk-selftest",
			    KEY_SPEC_SESSION_KEYRING);
		_exit(0);
	}
	for (i = 0; i < 300 && access(SLOW_SERIAL, F_OK); i++)
		sleep_ms(100);
	text = read_file(SLOW_SERIAL, NULL);
	ASSERT_NE(NULL, text) TH_LOG("the request-key helper never ran");
	self->serial = atoi(text);
	free(text);
	ASSERT_LT(0, self->serial);
}

/* Create path (new, with mode) holding text; 0 or -errno. */
static int create_file(const char *path, const char *text, mode_t mode)
{
	size_t len = strlen(text);
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len)
		err = -EIO;
	close(fd);
	return err;
}

/* The requester still waits: nothing the test did waited for the helper. */
static bool still_constructing(pid_t requester)
{
	return waitpid(requester, NULL, WNOHANG) == 0;
}

FIXTURE_SETUP(slow)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	ASSERT_NE(0, access(REQUEST_KEY, F_OK))
		TH_LOG(REQUEST_KEY " exists; this test installs its own");
	unlink(SLOW_SERIAL);
	unlink(SLOW_RELEASE);
	ASSERT_EQ(0, create_file(REQUEST_KEY, slow_helper, 0755));
	self->installed = true;
	self->requester = -1;
}

FIXTURE_TEARDOWN(slow)
{
	create_file(SLOW_RELEASE, "go\n", 0644);
	if (self->requester > 0)
		waitpid(self->requester, NULL, 0);
	if (self->installed)
		unlink(REQUEST_KEY);
	unlink(SLOW_SERIAL);
	unlink(SLOW_RELEASE);
}

TEST_F_TIMEOUT(slow, import_into_a_keyring_under_construction_does_not_wait, 120)
{
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	struct gnl_reply *r = xmalloc(sizeof(*r));
	OM_uint32 major, minor = 0;
	struct gnl_msg m;
	struct test_ctx tc;

	test_ctx_init(&tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&tc, &minor, &h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &h, &tok);
	ASSERT_COMPLETE(major, minor);

	start_slow_request(_metadata, self, "user");
	gnl_init(&m, GSSK_CMD_IMPORT);
	gnl_put(&m, GSSK_A_TOKEN, tok.value, tok.length);
	gnl_put(&m, GSSK_A_KEYRING, &self->serial, sizeof(self->serial));
	ASSERT_EQ(-EBUSY, gnl_call(&m, r)) TH_LOG("%s", r->msg);
	ASSERT_TRUE(still_constructing(self->requester));
	ASSERT_TRUE(r->has_status);
	ASSERT_EQ((uint32_t)GSS_S_FAILURE, r->status.major);
	ASSERT_EQ((uint32_t)GSSK_MINOR_KEY_UNDER_CONSTRUCTION,
		  r->status.minor);
	ASSERT_NE(0, r->msg[0]);

	/* The refusal left the token as it was: it imports normally. */
	major = gssk_import_sec_context(&minor, &tok, &h);
	ASSERT_COMPLETE(major, minor);
	ASSERT_TRUE(still_constructing(self->requester));
	gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
	gssk_release_buffer(&minor, &tok);
	free(r);
}

/*
 * Every command naming the key is answered at once. Which refusal depends
 * on the key: a "user" key is not a gssk context; a "gssk" key under
 * construction grants its possessor no READ or WRITE yet (the kernel's
 * permissions for a key being constructed), so the commands that need
 * them are refused for that, and DELETE, which checks permissions last, as
 * under construction.
 */
static void check_commands(struct __test_metadata *_metadata,
			   FIXTURE_DATA(slow) *self, bool gssk_type)
{
	static const uint8_t cmds[] = {
		GSSK_CMD_INQUIRE, GSSK_CMD_EXPORT, GSSK_CMD_DELETE,
		GSSK_CMD_OPEN,
	};
	struct gnl_reply *r = xmalloc(sizeof(*r));
	uint32_t want;
	unsigned int i;

	for (i = 0; i < sizeof(cmds); i++) {
		int err = gnl_serial_cmd(cmds[i], self->serial, r);

		ASSERT_TRUE(still_constructing(self->requester))
			TH_LOG("command %u waited for the construction",
			       cmds[i]);
		if (!gssk_type)
			want = GSSK_MINOR_NOT_GSSK_KEY;
		else if (cmds[i] == GSSK_CMD_DELETE)
			want = GSSK_MINOR_KEY_UNDER_CONSTRUCTION;
		else
			want = GSSK_MINOR_KEY_PERMISSION;
		ASSERT_GT(0, err);
		ASSERT_TRUE(r->has_status);
		ASSERT_EQ((uint32_t)GSS_S_NO_CONTEXT, r->status.major);
		ASSERT_EQ(want, r->status.minor)
			TH_LOG("command %u: minor %s: %s", cmds[i],
			       minor_name(r->status.minor), r->msg);
		ASSERT_NE(0, r->msg[0]);
	}
	free(r);
}

TEST_F_TIMEOUT(slow, commands_naming_a_user_key_under_construction_do_not_wait, 120)
{
	start_slow_request(_metadata, self, "user");
	check_commands(_metadata, self, false);
}

TEST_F_TIMEOUT(slow, commands_naming_a_gssk_key_under_construction_do_not_wait, 120)
{
	start_slow_request(_metadata, self, "gssk");
	check_commands(_metadata, self, true);
}

/*
 * A gssk key under construction whose possessor was granted READ (keyctl
 * setperm, allowed by SETATTR) gets past the permission check: the
 * commands that use a context then refuse it as under construction.
 */
TEST_F_TIMEOUT(slow, gssk_key_under_construction_readable_is_still_refused, 120)
{
	struct gnl_reply *r = xmalloc(sizeof(*r));
	char *desc = NULL;
	key_perm_t perm;

	start_slow_request(_metadata, self, "gssk");
	/* "type;uid;gid;perm;description" */
	ASSERT_LT(0, keyctl_describe_alloc(self->serial, &desc));
	ASSERT_EQ(1, sscanf(desc, "%*[^;];%*[^;];%*[^;];%x", &perm));
	free(desc);
	ASSERT_EQ(0, keyctl_setperm(self->serial, perm | KEY_POS_READ));

	ASSERT_GT(0, gnl_serial_cmd(GSSK_CMD_INQUIRE, self->serial, r));
	ASSERT_TRUE(still_constructing(self->requester));
	ASSERT_TRUE(r->has_status);
	ASSERT_EQ((uint32_t)GSS_S_NO_CONTEXT, r->status.major);
	ASSERT_EQ((uint32_t)GSSK_MINOR_KEY_UNDER_CONSTRUCTION, r->status.minor)
		TH_LOG("minor %s: %s", minor_name(r->status.minor), r->msg);
	ASSERT_NE(0, r->msg[0]);
	free(r);
}

TEST_HARNESS_MAIN
