// SPDX-License-Identifier: GPL-2.0
/*
 * libgssk on context descriptors (ABI 2): the batch calls, the descriptor
 * a handle opens, shares with a fork child and closes, races to open it,
 * refusals through the ioctls and their messages.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <keyutils.h>

#include "harness.h"
#include "checks.h"
#include "msg_util.h"

#define N_BIG	(2 * GSSK_BATCH_MAX + 77)

/* Open descriptors of this process that are gssk context descriptors. */
static int gssk_fds(void)
{
	char path[300], target[64];
	struct dirent *d;
	DIR *dir = opendir("/proc/self/fd");
	int n = 0;
	ssize_t len;

	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		snprintf(path, sizeof(path), "/proc/self/fd/%s", d->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		if (len < 0)
			continue;
		target[len] = '\0';
		if (strstr(target, "[gssk]"))
			n++;
	}
	closedir(dir);
	return n;
}

FIXTURE(libfd) {
	struct ctx_pair p;
};

FIXTURE_SETUP(libfd)
{
	OM_uint32 major, minor = 0;

	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	pair_init(&self->p, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, TEST_FLAGS,
		  true, 0, 0, 0);
	major = pair_load(&self->p, &minor);
	ASSERT_COMPLETE(major, minor);
}

FIXTURE_TEARDOWN(libfd)
{
	pair_free(&self->p);
}

static void release_all(struct gssk_batch_msg *m, size_t n)
{
	OM_uint32 minor;
	size_t i;

	for (i = 0; i < n; i++)
		gssk_release_buffer(&minor, &m[i].output);
}

TEST_F_TIMEOUT(libfd, batches_over_several_chunks_in_array_order, 600)
{
	struct gssk_batch_msg *w = calloc(N_BIG, sizeof(*w));
	struct gssk_batch_msg *u = calloc(N_BIG, sizeof(*u));
	unsigned char *msgs = malloc(N_BIG * 40);
	OM_uint32 major, minor = 0;
	uint64_t send = 0, recv = 0;
	size_t i;

	ASSERT_TRUE(w && u && msgs);
	random_bytes(msgs, N_BIG * 40);
	for (i = 0; i < N_BIG; i++) {
		w[i].input.value = msgs + i * 40;
		w[i].input.length = i % 41;	/* 0..40 bytes */
	}
	major = gssk_wrap_batch(&minor, self->p.init, 1, 0, w, N_BIG);
	ASSERT_COMPLETE(major, minor);
	for (i = 0; i < N_BIG; i++) {
		ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, w[i].major_status);
		ASSERT_EQ(1, w[i].conf_state);
		ASSERT_EQ(wrap_len(GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1,
				   i % 41), w[i].output.length);
		ASSERT_EQ((uint64_t)i, tok_seq(w[i].output.value,
					       w[i].output.length));
		ASSERT_EQ(0, ((char *)w[i].output.value)[w[i].output.length]);
		u[i].input = w[i].output;
	}
	ASSERT_COMPLETE(gssk_inquire_sequence(&minor, self->p.init, &send,
					      &recv), minor);
	ASSERT_EQ((uint64_t)N_BIG, send);

	major = gssk_unwrap_batch(&minor, self->p.acc, u, N_BIG);
	ASSERT_COMPLETE(major, minor);
	for (i = 0; i < N_BIG; i++) {
		ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, u[i].major_status);
		ASSERT_EQ(1, u[i].conf_state);
		ASSERT_EQ(i % 41, u[i].output.length);
		ASSERT_EQ(0, memcmp(u[i].output.value, msgs + i * 40,
				    i % 41));
	}
	release_all(u, N_BIG);

	/* the last three again: duplicates, with their messages */
	for (i = 0; i < 3; i++)
		u[i].input = w[N_BIG - 3 + i].output;
	major = gssk_unwrap_batch(&minor, self->p.acc, u, 3);
	ASSERT_COMPLETE(major, minor);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ((OM_uint32)GSS_S_DUPLICATE_TOKEN, u[i].major_status);
		ASSERT_EQ((N_BIG - 3 + i) % 41, u[i].output.length);
	}
	/* the first one: far behind the window, old (and out of sequence) */
	u[0].input = w[0].output;
	major = gssk_unwrap_batch(&minor, self->p.acc, u, 1);
	ASSERT_COMPLETE(major, minor);
	ASSERT_NE(0u, u[0].major_status & (OM_uint32)GSS_S_OLD_TOKEN);
	release_all(u, 3);
	release_all(w, N_BIG);
	free(w);
	free(u);
	free(msgs);
	ASSERT_EQ(2, gssk_fds());
}

TEST_F(libfd, a_failed_entry_does_not_stop_the_batch)
{
	static char text[] = "message";
	struct gssk_batch_msg w[5] = { 0 }, u[5] = { 0 };
	OM_uint32 major, minor = 0;
	void *gone;
	int i;

	gone = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, gone);
	ASSERT_EQ(0, munmap(gone, 4096));
	for (i = 0; i < 5; i++) {
		w[i].input.value = text;
		w[i].input.length = sizeof(text);
	}
	w[1].input.value = NULL;	/* unreadable: never sent */
	w[3].input.value = gone;	/* the kernel faults */
	major = gssk_wrap_batch(&minor, self->p.init, 0, 0, w, 5);
	ASSERT_STATUS(GSS_S_CALL_INACCESSIBLE_READ, 0, major, minor);
	TH_LOG("last error: %s", last_err());
	ASSERT_TRUE(strstr(last_err(), "message 1 of 5") != NULL);
	ASSERT_EQ((OM_uint32)GSS_S_CALL_INACCESSIBLE_READ, w[1].major_status);
	EXPECT_STATUS(GSS_S_FAILURE, GSSK_MINOR_BAD_ADDRESS,
		      w[3].major_status, w[3].minor_status);
	ASSERT_TRUE(!w[1].output.value && !w[3].output.value &&
		    !w[1].output.length && !w[3].output.length);
	/* the three good ones took numbers 0, 1, 2, in array order */
	ASSERT_EQ(0u, tok_seq(w[0].output.value, w[0].output.length));
	ASSERT_EQ(1u, tok_seq(w[2].output.value, w[2].output.length));
	ASSERT_EQ(2u, tok_seq(w[4].output.value, w[4].output.length));

	/* unwrap: a corrupted token in the middle */
	u[0].input = w[0].output;
	u[1].input = w[2].output;
	u[2].input = w[4].output;
	((unsigned char *)w[2].output.value)[w[2].output.length - 1] ^= 1;
	major = gssk_unwrap_batch(&minor, self->p.acc, u, 3);
	ASSERT_STATUS(GSS_S_BAD_SIG, GSSK_MINOR_BAD_CHECKSUM, major, minor);
	TH_LOG("last error: %s", last_err());
	ASSERT_TRUE(strstr(last_err(), "message 1 of 3") != NULL);
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, u[0].major_status);
	/* number 1 was refused, so number 2 comes after a gap */
	ASSERT_EQ((OM_uint32)GSS_S_GAP_TOKEN, u[2].major_status);
	ASSERT_TRUE(!u[1].output.value && u[1].output.length == 0);
	ASSERT_EQ(sizeof(text), u[2].output.length);
	release_all(u, 3);
	release_all(w, 5);
}

TEST_F(libfd, single_calls_refusals_and_bad_pointers)
{
	gss_buffer_desc m = { 5, (void *)"hello" }, t = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc o = GSS_C_EMPTY_BUFFER, bad;
	OM_uint32 major, minor = 0, limit = 0;
	int conf = 7;

	bad.length = 100;
	bad.value = (void *)8;	/* never mapped */
	major = gssk_wrap(&minor, self->p.init, 1, 0, &bad, &conf, &t);
	ASSERT_STATUS(GSS_S_FAILURE, GSSK_MINOR_BAD_ADDRESS, major, minor);
	ASSERT_TRUE(!t.value && !t.length && conf == 0);
	TH_LOG("bad pointer: %s", last_err());

	major = gssk_get_mic(&minor, self->p.init, 1, &m, &t);
	ASSERT_STATUS(GSS_S_BAD_QOP, GSSK_MINOR_BAD_QOP, major, minor);
	ASSERT_TRUE(strstr(last_err(), "quality of protection") != NULL);

	major = gssk_get_mic(&minor, self->p.init, 0, &m, &t);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(mic_len(GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96), t.length);
	ASSERT_EQ(0u, tok_seq(t.value, t.length));
	major = gssk_verify_mic(&minor, self->p.acc, &m, &t, NULL);
	ASSERT_COMPLETE(major, minor);
	major = gssk_verify_mic(&minor, self->p.acc, &m, &t, NULL);
	ASSERT_EQ((OM_uint32)GSS_S_DUPLICATE_TOKEN, major);
	gssk_release_buffer(&minor, &t);

	major = gssk_wrap_size_limit(&minor, self->p.init, 1, 0, 1000, &limit);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(1000 - wrap_len(GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1, 0),
		  limit);

	major = gssk_wrap(&minor, self->p.init, 1, 0, &m, &conf, &t);
	ASSERT_COMPLETE(major, minor);
	major = gssk_unwrap(&minor, self->p.acc, &t, &o, &conf, NULL);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(5u, o.length);
	ASSERT_EQ(0, memcmp(o.value, "hello", 5));
	gssk_release_buffer(&minor, &o);
	gssk_release_buffer(&minor, &t);
}

TEST_F(libfd, the_descriptor_follows_the_handle)
{
	gss_buffer_desc m = { 5, (void *)"hello" }, t = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;
	gss_ctx_id_t other = GSS_C_NO_CONTEXT;
	int32_t serial = gssk_context_serial(self->p.init);

	ASSERT_EQ(0, gssk_fds());
	major = gssk_get_mic(&minor, self->p.init, 0, &m, &t);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &t);
	ASSERT_EQ(1, gssk_fds());

	/* a second handle on the same serial opens its own */
	major = gssk_context_from_serial(&minor, serial, &other);
	ASSERT_COMPLETE(major, minor);
	major = gssk_get_mic(&minor, other, 0, &m, &t);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &t);
	ASSERT_EQ(2, gssk_fds());
	ASSERT_COMPLETE(gssk_release_context_handle(&minor, &other), minor);
	ASSERT_EQ(1, gssk_fds());

	/* deleted through another handle: CONTEXT_CLOSED, with its text */
	major = gssk_context_from_serial(&minor, serial, &other);
	ASSERT_COMPLETE(major, minor);
	ASSERT_COMPLETE(gssk_delete_sec_context(&minor, &other, NULL), minor);
	major = gssk_get_mic(&minor, self->p.init, 0, &m, &t);
	ASSERT_STATUS(GSS_S_NO_CONTEXT, GSSK_MINOR_CONTEXT_CLOSED, major,
		      minor);
	TH_LOG("after delete: %s", last_err());
	ASSERT_TRUE(strstr(last_err(), "descriptor") != NULL);
	ASSERT_EQ(1, gssk_fds());
	/* the handle is still released (and its descriptor closed) */
	major = gssk_delete_sec_context(&minor, &self->p.init, NULL);
	ASSERT_EQ(0, gssk_fds());

	/* a handle on a deleted serial: OPEN's own refusal */
	major = gssk_context_from_serial(&minor, serial, &other);
	ASSERT_NE((OM_uint32)GSS_S_COMPLETE, major);
}

TEST_F(libfd, export_closes_the_descriptor)
{
	gss_buffer_desc m = { 5, (void *)"hello" }, t = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;

	major = gssk_get_mic(&minor, self->p.acc, 0, &m, &t);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &t);
	ASSERT_EQ(1, gssk_fds());
	major = gssk_export_sec_context(&minor, &self->p.acc, &tok);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(0, gssk_fds());
	major = gssk_import_sec_context(&minor, &tok, &self->p.acc);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &tok);
	major = gssk_get_mic(&minor, self->p.acc, 0, &m, &t);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(1u, tok_seq(t.value, t.length));
	gssk_release_buffer(&minor, &t);
}

TEST_F(libfd, fork_shares_the_descriptor_and_the_sequence)
{
	gss_buffer_desc m = { 5, (void *)"hello" }, t = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc o = GSS_C_EMPTY_BUFFER, ct;
	OM_uint32 major, minor = 0, tr;
	int pipefd[2], status;
	unsigned char buf[256];
	ssize_t n;
	pid_t pid;

	/* the parent opens the descriptor (number 0) */
	major = gssk_wrap(&minor, self->p.init, 1, 0, &m, NULL, &t);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(0u, tok_seq(t.value, t.length));
	major = gssk_unwrap(&minor, self->p.acc, &t, &o, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &t);
	gssk_release_buffer(&minor, &o);

	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fds = gssk_fds();

		/* the same descriptor, no new OPEN; then number 1 */
		major = gssk_wrap(&minor, self->p.init, 1, 0, &m, NULL, &t);
		if (major || fds != 2 || gssk_fds() != 2)
			_exit(1);
		if (write(pipefd[1], t.value, t.length) != (ssize_t)t.length)
			_exit(2);
		/* a libgssk netlink call in the child: its own socket */
		major = gssk_context_time(&minor, self->p.init, &tr);
		_exit(major ? 3 : 0);
	}
	close(pipefd[1]);
	n = read(pipefd[0], buf, sizeof(buf));
	close(pipefd[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
	ASSERT_LT(16, n);
	ASSERT_EQ(1u, tok_seq(buf, (size_t)n));

	/* the parent goes on with number 2; the acceptor takes both */
	major = gssk_wrap(&minor, self->p.init, 1, 0, &m, NULL, &t);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(2u, tok_seq(t.value, t.length));
	ct.length = (size_t)n;
	ct.value = buf;
	major = gssk_unwrap(&minor, self->p.acc, &ct, &o, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &o);
	major = gssk_unwrap(&minor, self->p.acc, &t, &o, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &o);
	gssk_release_buffer(&minor, &t);
	major = gssk_context_time(&minor, self->p.init, &tr);
	ASSERT_COMPLETE(major, minor);
}

#define RACERS 16

struct racer {
	gss_ctx_id_t h;
	pthread_barrier_t *go;
	OM_uint32 major;
	uint64_t seq;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	gss_buffer_desc m = { 5, (void *)"hello" }, t = GSS_C_EMPTY_BUFFER;
	OM_uint32 minor;

	pthread_barrier_wait(r->go);
	r->major = gssk_get_mic(&minor, r->h, 0, &m, &t);
	r->seq = r->major ? UINT64_MAX : tok_seq(t.value, t.length);
	gssk_release_buffer(&minor, &t);
	return NULL;
}

TEST_F(libfd, threads_racing_to_open_share_one_descriptor)
{
	struct racer r[RACERS];
	pthread_barrier_t go;
	pthread_t th[RACERS];
	uint64_t seen = 0;
	int i;

	ASSERT_EQ(0, pthread_barrier_init(&go, NULL, RACERS));
	for (i = 0; i < RACERS; i++) {
		r[i] = (struct racer){ .h = self->p.init, .go = &go };
		ASSERT_EQ(0, pthread_create(&th[i], NULL, race, &r[i]));
	}
	for (i = 0; i < RACERS; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < RACERS; i++) {
		ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, r[i].major);
		ASSERT_GT((uint64_t)RACERS, r[i].seq);
		seen |= 1ull << r[i].seq;
	}
	ASSERT_EQ((1ull << RACERS) - 1, seen);
	ASSERT_EQ(1, gssk_fds());
	pthread_barrier_destroy(&go);
}

TEST_HARNESS_MAIN
