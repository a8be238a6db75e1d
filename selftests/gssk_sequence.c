// SPDX-License-Identifier: GPL-2.0
/*
 * gssk sequence numbers: replay and sequence detection on received tokens
 * (supplementary bits, RFC 2743 section 1.2.3), counters that continue in
 * a process that imports an exported context, and many threads and
 * processes sending on one context without ever sharing a number.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "harness.h"
#include "checks.h"
#include "msg_util.h"

#define NTOK	80

FIXTURE(seq) {
	struct ctx_pair p;
	gss_buffer_desc tok[NTOK];
	char msg[NTOK][16];
};

FIXTURE_SETUP(seq)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
}

FIXTURE_TEARDOWN(seq)
{
	OM_uint32 minor;
	int i;

	for (i = 0; i < NTOK; i++)
		gssk_release_buffer(&minor, &self->tok[i]);
	pair_free(&self->p);
}

/* Load a pair with flags; the initiator makes NTOK tokens (seq 0..). */
static void make_tokens(struct __test_metadata *_metadata,
			FIXTURE_DATA(seq) *self, OM_uint32 flags, int wrap)
{
	OM_uint32 major, minor = 0;
	int i;

	pair_init(&self->p, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128, flags,
		  false, 0, 0, 0);
	major = pair_load(&self->p, &minor);
	ASSERT_COMPLETE(major, minor);
	for (i = 0; i < NTOK; i++) {
		gss_buffer_desc m;

		snprintf(self->msg[i], sizeof(self->msg[i]), "message %d", i);
		m = buf_of(self->msg[i], strlen(self->msg[i]));
		if (wrap)
			major = gssk_wrap(&minor, self->p.init, 1, 0, &m,
					  NULL, &self->tok[i]);
		else
			major = gssk_get_mic(&minor, self->p.init, 0, &m,
					     &self->tok[i]);
		ASSERT_COMPLETE(major, minor);
		ASSERT_EQ((uint64_t)i, tok_seq(self->tok[i].value,
					       self->tok[i].length));
	}
}

/* Receive token i on the acceptor; the message must come with it. */
static OM_uint32 receive(struct __test_metadata *_metadata,
			 FIXTURE_DATA(seq) *self, int i, int wrap)
{
	gss_buffer_desc m = buf_of(self->msg[i], strlen(self->msg[i]));
	gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;

	if (!wrap)
		return gssk_verify_mic(&minor, self->p.acc, &m, &self->tok[i],
				       NULL);
	major = gssk_unwrap(&minor, self->p.acc, &self->tok[i], &out, NULL,
			    NULL);
	if (!GSS_ERROR(major)) {
		EXPECT_EQ(m.length, out.length);
		EXPECT_EQ(0, memcmp(out.value, m.value, m.length))
			TH_LOG("token %d: wrong message", i);
	}
	gssk_release_buffer(&minor, &out);
	return major;
}

#define D	GSS_S_DUPLICATE_TOKEN
#define O	GSS_S_OLD_TOKEN
#define U	GSS_S_UNSEQ_TOKEN
#define G	GSS_S_GAP_TOKEN

/*
 * One scenario, with what RFC 2743 section 1.2.3 says each flag setting
 * reports: replay detection reports duplicates and tokens too old to
 * tell; sequencing reports early (gap), late (unseq) and, lacking replay
 * detection, repeated tokens as out of sequence.
 */
static const struct step {
	int tok;
	OM_uint32 none, replay, sequence, both;
} steps[] = {
	{ 0,  0, 0, 0, 0 },		/* the expected one */
	{ 0,  0, D, U, D },		/* again */
	{ 2,  0, 0, G, G },		/* 1 skipped */
	{ 1,  0, 0, U, U },		/* late, first time */
	{ 1,  0, D, U, D },		/* late, again */
	{ 3,  0, 0, 0, 0 },		/* expected */
	{ 75, 0, 0, G, G },		/* far ahead: 4..74 skipped */
	{ 4,  0, O, U, O | U },		/* 72 behind: out of the window */
	{ 74, 0, 0, U, U },		/* 2 behind, never seen */
	{ 75, 0, D, U, D },		/* again */
	{ 76, 0, 0, 0, 0 },		/* expected */
	{ 12, 0, O, U, O | U },		/* 65 behind: just out of the window */
	{ 13, 0, 0, U, U },		/* 64 behind: the window's last slot */
	{ 13, 0, D, U, D },		/* again */
};

static void scenario(struct __test_metadata *_metadata,
		     FIXTURE_DATA(seq) *self, OM_uint32 flags, int wrap)
{
	size_t i;

	make_tokens(_metadata, self, flags, wrap);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		const struct step *s = &steps[i];
		OM_uint32 want, got;

		if ((flags & GSS_C_REPLAY_FLAG) && (flags & GSS_C_SEQUENCE_FLAG))
			want = s->both;
		else if (flags & GSS_C_REPLAY_FLAG)
			want = s->replay;
		else if (flags & GSS_C_SEQUENCE_FLAG)
			want = s->sequence;
		else
			want = s->none;
		got = receive(_metadata, self, s->tok, wrap);
		ASSERT_EQ(want, got)
			TH_LOG("%s, flags 0x%x, step %zu (token %d): 0x%x, want 0x%x",
			       wrap ? "unwrap" : "verify_mic", flags, i,
			       s->tok, got, want);
	}
}

#define BASE_FLAGS	(GSS_C_MUTUAL_FLAG | GSS_C_INTEG_FLAG | GSS_C_CONF_FLAG)

TEST_F(seq, verify_mic_without_detection_reports_nothing)
{
	scenario(_metadata, self, BASE_FLAGS, 0);
}

TEST_F(seq, verify_mic_replay_detection)
{
	scenario(_metadata, self, BASE_FLAGS | GSS_C_REPLAY_FLAG, 0);
}

TEST_F(seq, verify_mic_sequence_detection)
{
	scenario(_metadata, self, BASE_FLAGS | GSS_C_SEQUENCE_FLAG, 0);
}

TEST_F(seq, verify_mic_replay_and_sequence_detection)
{
	scenario(_metadata, self, BASE_FLAGS | GSS_C_REPLAY_FLAG |
		 GSS_C_SEQUENCE_FLAG, 0);
}

TEST_F(seq, unwrap_replay_and_sequence_detection_returns_the_message)
{
	scenario(_metadata, self, BASE_FLAGS | GSS_C_REPLAY_FLAG |
		 GSS_C_SEQUENCE_FLAG, 1);
}

TEST_F(seq, unwrap_replay_detection)
{
	scenario(_metadata, self, BASE_FLAGS | GSS_C_REPLAY_FLAG, 1);
}

/* ---- export and import ---- */

struct moved {
	gss_buffer_desc init_tok, acc_tok;	/* interprocess tokens */
	gss_buffer_desc old;			/* a MIC the acceptor saw */
	char old_msg[16];
};

/*
 * In a child: import both ends, send a MIC (its number in v[0..1]) and a
 * wrap token (v[2..3]), receive them, and receive the old MIC again.
 */
static void child_continue(struct child_res *res, void *arg)
{
	struct moved *mv = arg;
	gss_ctx_id_t init = GSS_C_NO_CONTEXT, acc = GSS_C_NO_CONTEXT;
	gss_buffer_desc m = buf_of("after import", 12);
	gss_buffer_desc mic = GSS_C_EMPTY_BUFFER, w = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc old = buf_of(mv->old_msg, strlen(mv->old_msg));
	OM_uint32 minor = 0;
	uint64_t s;

	res->major = gssk_import_sec_context(&minor, &mv->init_tok, &init);
	res->minor = minor;
	if (res->major)
		goto out;
	res->major2 = gssk_import_sec_context(&minor, &mv->acc_tok, &acc);
	res->minor2 = minor;
	if (res->major2)
		goto out;

	res->majors[0] = gssk_get_mic(&minor, init, 0, &m, &mic);
	s = tok_seq(mic.value, mic.length);
	res->v[0] = (int32_t)(uint32_t)s;
	res->v[1] = (int32_t)(uint32_t)(s >> 32);
	res->majors[1] = gssk_verify_mic(&minor, acc, &m, &mic, NULL);
	res->majors[2] = gssk_verify_mic(&minor, acc, &old, &mv->old, NULL);
	res->majors[3] = gssk_wrap(&minor, init, 1, 0, &m, NULL, &w);
	s = tok_seq(w.value, w.length);
	res->v[2] = (int32_t)(uint32_t)s;
	res->v[3] = (int32_t)(uint32_t)(s >> 32);
	res->majors[4] = gssk_unwrap(&minor, acc, &w, &out, NULL, NULL);
	res->v[4] = out.length == m.length &&
		    !memcmp(out.value, m.value, m.length);
	gssk_release_buffer(&minor, &mic);
	gssk_release_buffer(&minor, &w);
	gssk_release_buffer(&minor, &out);
out:
	snprintf(res->msg, sizeof(res->msg), "%s", last_err());
	gssk_delete_sec_context(&minor, &init, GSS_C_NO_BUFFER);
	gssk_delete_sec_context(&minor, &acc, GSS_C_NO_BUFFER);
}

TEST_F(seq, counters_continue_after_export_and_import)
{
	struct child_opts o = { 0 };
	struct child_res res;
	struct moved mv = { 0 };
	OM_uint32 major, minor = 0;
	int i;

	pair_init(&self->p, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, TEST_FLAGS,
		  true, 0, 0, 0);
	major = pair_load(&self->p, &minor);
	ASSERT_COMPLETE(major, minor);
	for (i = 0; i < 3; i++) {
		gss_buffer_desc m;

		snprintf(self->msg[i], sizeof(self->msg[i]), "message %d", i);
		m = buf_of(self->msg[i], strlen(self->msg[i]));
		major = gssk_get_mic(&minor, self->p.init, 0, &m,
				     &self->tok[i]);
		ASSERT_COMPLETE(major, minor);
		ASSERT_EQ((uint64_t)i, tok_seq(self->tok[i].value,
					       self->tok[i].length));
		major = gssk_verify_mic(&minor, self->p.acc, &m, &self->tok[i],
					NULL);
		ASSERT_COMPLETE(major, minor);
	}
	major = gssk_export_sec_context(&minor, &self->p.init, &mv.init_tok);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->p.acc, &mv.acc_tok);
	ASSERT_COMPLETE(major, minor);
	mv.old = self->tok[1];
	strcpy(mv.old_msg, self->msg[1]);

	/* a forked child shares our euid and session keyring */
	ASSERT_EQ(0, run_child(&o, child_continue, &mv, &res));
	ASSERT_CHILD_STATUS(GSS_S_COMPLETE, 0, res);
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, res.major2)
		LOG_STATUS(res.major2, res.minor2, res.msg);
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, res.majors[0]);
	ASSERT_EQ(3, res.v[0]) TH_LOG("the first MIC after import has seq %d",
				      res.v[0]);
	ASSERT_EQ(0, res.v[1]);
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, res.majors[1])
		TH_LOG("the acceptor's window did not continue: 0x%x",
		       res.majors[1]);
	ASSERT_EQ((OM_uint32)GSS_S_DUPLICATE_TOKEN, res.majors[2])
		TH_LOG("replay of token 1 after import: 0x%x", res.majors[2]);
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, res.majors[3]);
	ASSERT_EQ(4, res.v[2]);
	ASSERT_EQ(0, res.v[3]);
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, res.majors[4]);
	ASSERT_EQ(1, res.v[4]);
	gssk_release_buffer(&minor, &mv.init_tok);
	gssk_release_buffer(&minor, &mv.acc_tok);
}

/* ---- concurrency ---- */

#define NTHREADS	8
#define NPROCS		4
#define PER		200
#define FIRST		1000

struct sender {
	gss_ctx_id_t h;
	int id;
	int failures;
	uint64_t seq[PER];
};

static void send_many(struct sender *s)
{
	int i;

	for (i = 0; i < PER; i++) {
		char text[32];
		gss_buffer_desc m, t = GSS_C_EMPTY_BUFFER;
		OM_uint32 major, minor = 0;

		snprintf(text, sizeof(text), "sender %d, %d", s->id, i);
		m = buf_of(text, strlen(text));
		major = gssk_get_mic(&minor, s->h, 0, &m, &t);
		if (major) {
			s->failures++;
			s->seq[i] = UINT64_MAX;
			continue;
		}
		s->seq[i] = tok_seq(t.value, t.length);
		gssk_release_buffer(&minor, &t);
	}
}

static void *sender_thread(void *arg)
{
	send_many(arg);
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

TEST_F_TIMEOUT(seq, many_senders_never_share_a_number, 600)
{
	static struct sender th[NTHREADS], pr[NPROCS];
	static uint64_t all[(NTHREADS + NPROCS) * PER];
	pthread_t tid[NTHREADS];
	int fds[NPROCS], i, n = 0;
	pid_t pids[NPROCS];
	OM_uint32 major, minor = 0;
	gss_buffer_desc m = buf_of("last", 4), t = GSS_C_EMPTY_BUFFER;

	pair_init(&self->p, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
		  TEST_FLAGS, true, 0, FIRST, 0);
	major = pair_load(&self->p, &minor);
	ASSERT_COMPLETE(major, minor);

	/* processes that possess the key through the shared session keyring */
	for (i = 0; i < NPROCS; i++) {
		int p[2];

		ASSERT_EQ(0, pipe(p));
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (!pids[i]) {
			close(p[0]);
			pr[i].h = self->p.init;
			pr[i].id = 100 + i;
			send_many(&pr[i]);
			if (write(p[1], pr[i].seq, sizeof(pr[i].seq)) !=
			    (ssize_t)sizeof(pr[i].seq))
				_exit(2);
			_exit(pr[i].failures ? 1 : 0);
		}
		close(p[1]);
		fds[i] = p[0];
	}
	for (i = 0; i < NTHREADS; i++) {
		th[i].h = self->p.init;
		th[i].id = i;
		ASSERT_EQ(0, pthread_create(&tid[i], NULL, sender_thread,
					    &th[i]));
	}
	for (i = 0; i < NTHREADS; i++) {
		ASSERT_EQ(0, pthread_join(tid[i], NULL));
		ASSERT_EQ(0, th[i].failures) TH_LOG("thread %d", i);
		memcpy(all + n, th[i].seq, sizeof(th[i].seq));
		n += PER;
	}
	for (i = 0; i < NPROCS; i++) {
		size_t got = 0;
		int status;

		while (got < sizeof(pr[i].seq)) {
			ssize_t r = read(fds[i], (char *)pr[i].seq + got,
					 sizeof(pr[i].seq) - got);

			if (r <= 0)
				break;
			got += r;
		}
		close(fds[i]);
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_EQ(0, WEXITSTATUS(status)) TH_LOG("process %d", i);
		ASSERT_EQ(sizeof(pr[i].seq), got);
		memcpy(all + n, pr[i].seq, sizeof(pr[i].seq));
		n += PER;
	}

	/* every number once: exactly FIRST .. FIRST + n - 1 */
	qsort(all, n, sizeof(all[0]), cmp_u64);
	for (i = 0; i < n; i++) {
		ASSERT_EQ((uint64_t)FIRST + i, all[i])
			TH_LOG("sorted position %d of %d", i, n);
	}
	major = gssk_get_mic(&minor, self->p.init, 0, &m, &t);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ((uint64_t)FIRST + n, tok_seq(t.value, t.length));
	gssk_release_buffer(&minor, &t);
}

TEST_HARNESS_MAIN
