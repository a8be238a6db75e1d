// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Argument checks of the per-message and batch calls, and the handling of
 * a handle's context descriptor; no kernel needed. A descriptor of
 * /dev/null stands in for a context descriptor of a module too old for
 * the ioctls (ENOTTY).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

#define R GSS_S_CALL_INACCESSIBLE_READ
#define W GSS_S_CALL_INACCESSIBLE_WRITE

static void single_args(void)
{
	struct gss_ctx_id_struct garbage = { .magic = 0xabad1dea, .serial = 7 };
	gss_buffer_desc msg = { 5, (void *)"hello" };
	gss_buffer_desc bad = { 5, NULL };
	gss_buffer_desc out = { 3, (void *)"old" };
	gss_qop_t qop = 99;
	OM_uint32 minor, major, max = 99;
	int conf = 99;

	/* get_mic */
	ok(gssk_get_mic(NULL, &garbage, 0, &msg, &out) == W,
	   "get_mic NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_get_mic(&minor, &garbage, 0, &msg, NULL) == W,
	   "get_mic NULL token -> CALL_INACCESSIBLE_WRITE");
	major = gssk_get_mic(&minor, &garbage, 0, &bad, &out);
	ok(major == R && out.length == 0 && !out.value,
	   "get_mic unreadable message -> CALL_INACCESSIBLE_READ, "
	   "token emptied");
	ok(gssk_get_mic(&minor, GSS_C_NO_CONTEXT, 0, &msg, &out) ==
	   (R | GSS_S_NO_CONTEXT),
	   "get_mic GSS_C_NO_CONTEXT -> CALL_INACCESSIBLE_READ|NO_CONTEXT");
	major = gssk_get_mic(&minor, &garbage, 0, &msg, &out);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
	   gssk_last_error(), "get_mic garbage handle -> NO_CONTEXT");

	/* verify_mic */
	major = gssk_verify_mic(&minor, &garbage, &msg, GSS_C_NO_BUFFER,
				&qop);
	ok(major == R && qop == GSS_C_QOP_DEFAULT,
	   "verify_mic no token -> CALL_INACCESSIBLE_READ, qop_state 0");
	ok(gssk_verify_mic(&minor, &garbage, &bad, &msg, NULL) == R,
	   "verify_mic unreadable message -> CALL_INACCESSIBLE_READ");
	major = gssk_verify_mic(&minor, &garbage, &msg, &msg, NULL);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE,
	   "verify_mic garbage handle -> NO_CONTEXT");

	/* wrap */
	out.length = 3;
	out.value = (void *)"old";
	ok(gssk_wrap(&minor, &garbage, 1, 0, &msg, &conf, NULL) == W &&
	   conf == 0, "wrap NULL output -> CALL_INACCESSIBLE_WRITE, "
	   "conf_state 0");
	major = gssk_wrap(&minor, &garbage, 1, 0, &bad, NULL, &out);
	ok(major == R && out.length == 0,
	   "wrap unreadable input -> CALL_INACCESSIBLE_READ, output emptied");
	major = gssk_wrap(&minor, &garbage, 1, 0, &msg, NULL, &out);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE,
	   "wrap garbage handle -> NO_CONTEXT");

	/* unwrap */
	qop = 99;
	conf = 99;
	ok(gssk_unwrap(&minor, &garbage, &msg, NULL, &conf, &qop) == W &&
	   conf == 0 && qop == 0,
	   "unwrap NULL output -> CALL_INACCESSIBLE_WRITE, states 0");
	ok(gssk_unwrap(&minor, &garbage, GSS_C_NO_BUFFER, &out, NULL, NULL) ==
	   R, "unwrap no input -> CALL_INACCESSIBLE_READ");
	major = gssk_unwrap(&minor, GSS_C_NO_CONTEXT, &msg, &out, NULL, NULL);
	ok(major == (R | GSS_S_NO_CONTEXT),
	   "unwrap GSS_C_NO_CONTEXT -> CALL_INACCESSIBLE_READ|NO_CONTEXT");

	/* wrap_size_limit */
	ok(gssk_wrap_size_limit(&minor, &garbage, 1, 0, 100, NULL) == W,
	   "wrap_size_limit NULL max_input_size -> CALL_INACCESSIBLE_WRITE");
	major = gssk_wrap_size_limit(&minor, &garbage, 1, 0, 100, &max);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
	   max == 0, "wrap_size_limit garbage handle -> NO_CONTEXT, 0");
}

static bool fd_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/* A live handle whose descriptor is /dev/null (-1 if it cannot open). */
static gss_ctx_id_t devnull_handle(int *fd)
{
	gss_ctx_id_t h = gsskp_ctx_new(42);

	*fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (!h || *fd < 0) {
		if (*fd >= 0)
			close(*fd);
		gsskp_ctx_free(h);
		return GSS_C_NO_CONTEXT;
	}
	gsskp_ctx_install_fd(h, *fd);
	return h;
}

/* The per-message calls map ENOTTY (no such ioctl) to UNSUPPORTED. */
static void enotty(void)
{
	gss_buffer_desc msg = { 5, (void *)"hello" };
	gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
	OM_uint32 minor, major, max = 7;
	gss_ctx_id_t h;
	int fd, conf = 5;

	h = devnull_handle(&fd);
	if (!h) {
		tap_skip("no /dev/null", "per-message calls on ENOTTY");
		return;
	}
	major = gssk_get_mic(&minor, h, 0, &msg, &out);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_UNSUPPORTED &&
	   out.length == 0 && !out.value && gssk_last_error() &&
	   strstr(gssk_last_error(), "too old"),
	   "get_mic, ioctl ENOTTY -> FAILURE, UNSUPPORTED, no token: %s",
	   gssk_last_error() ? gssk_last_error() : "(none)");
	major = gssk_verify_mic(&minor, h, &msg, &msg, NULL);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_UNSUPPORTED,
	   "verify_mic, ENOTTY -> FAILURE, UNSUPPORTED");
	major = gssk_wrap(&minor, h, 1, 0, &msg, &conf, &out);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_UNSUPPORTED &&
	   out.length == 0 && !out.value && conf == 0,
	   "wrap, ENOTTY -> FAILURE, UNSUPPORTED, output empty");
	major = gssk_unwrap(&minor, h, &msg, &out, &conf, NULL);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_UNSUPPORTED &&
	   out.length == 0 && !out.value,
	   "unwrap, ENOTTY -> FAILURE, UNSUPPORTED, output empty");
	major = gssk_wrap_size_limit(&minor, h, 1, 0, 100, &max);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_UNSUPPORTED &&
	   max == 0, "wrap_size_limit, ENOTTY -> FAILURE, UNSUPPORTED, 0");
	ok(fd_open(fd) && gssk_context_serial(h) == 42,
	   "a refused call keeps the handle's descriptor");
	major = gssk_release_context_handle(&minor, &h);
	ok(major == GSS_S_COMPLETE && !fd_open(fd),
	   "release_context_handle closes the descriptor");
}

#define RACERS 8

struct racer {
	gss_ctx_id_t h;
	pthread_barrier_t *go;
	int mine, got;
};

static void *race(void *arg)
{
	struct racer *r = arg;

	r->mine = open("/dev/null", O_RDONLY | O_CLOEXEC);
	pthread_barrier_wait(r->go);
	r->got = r->mine < 0 ? -1 : gsskp_ctx_install_fd(r->h, r->mine);
	return NULL;
}

/* Threads that open at once end with one descriptor; the others close. */
static void install_race(void)
{
	struct racer r[RACERS];
	pthread_barrier_t go;
	pthread_t th[RACERS];
	gss_ctx_id_t h = gsskp_ctx_new(9);
	int i, winner = -1, open_fds = 0, agree = 1, started = 0;

	if (!h || pthread_barrier_init(&go, NULL, RACERS)) {
		ok(0, "install race: set up");
		gsskp_ctx_free(h);
		return;
	}
	for (i = 0; i < RACERS; i++) {
		r[i] = (struct racer){ .h = h, .go = &go, .mine = -1 };
		if (pthread_create(&th[i], NULL, race, &r[i]) == 0)
			started++;
	}
	if (started != RACERS) {
		/* the barrier would never open: nothing to check */
		ok(0, "install race: %d threads started", started);
		return;
	}
	for (i = 0; i < RACERS; i++)
		pthread_join(th[i], NULL);
	winner = h->fd;
	for (i = 0; i < RACERS; i++) {
		if (r[i].got != winner)
			agree = 0;
		if (r[i].mine >= 0 && fd_open(r[i].mine))
			open_fds++;
	}
	ok(winner >= 0 && agree && open_fds == 1,
	   "%d threads install at once: one descriptor (%d) kept, every "
	   "thread uses it, the %d others closed", RACERS, winner,
	   RACERS - 1);
	gsskp_ctx_free(h);
	ok(winner >= 0 && !fd_open(winner),
	   "freeing the handle closes its descriptor");
	pthread_barrier_destroy(&go);
}

static void batch_args(void)
{
	struct gss_ctx_id_struct garbage = { .magic = 0xabad1dea, .serial = 7 };
	struct gssk_batch_msg m[3], *big;
	gss_ctx_id_t live = gsskp_ctx_new(42);
	OM_uint32 minor, major;
	size_t i, n_big = 3 * GSSK_BATCH_MAX + 5;
	bool good;

	memset(m, 0x5a, sizeof(m));
	ok(gssk_wrap_batch(NULL, live, 1, 0, m, 3) == W &&
	   gssk_unwrap_batch(NULL, live, m, 3) == W,
	   "batch NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_wrap_batch(&minor, live, 1, 0, NULL, 3) == R &&
	   gssk_unwrap_batch(&minor, live, NULL, 1) == R,
	   "batch msgs NULL, count > 0 -> CALL_INACCESSIBLE_READ");
	major = gssk_wrap_batch(&minor, GSS_C_NO_CONTEXT, 1, 0, m, 3);
	ok(major == (R | GSS_S_NO_CONTEXT) &&
	   gssk_unwrap_batch(&minor, GSS_C_NO_CONTEXT, m, 3) ==
	   (R | GSS_S_NO_CONTEXT),
	   "batch GSS_C_NO_CONTEXT -> CALL_INACCESSIBLE_READ|NO_CONTEXT");
	major = gssk_unwrap_batch(&minor, &garbage, m, 3);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
	   gssk_last_error(), "batch garbage handle -> NO_CONTEXT");
	ok(m[0].major_status == 0x5a5a5a5a && m[2].output.length ==
	   0x5a5a5a5a5a5a5a5aull,
	   "a refused batch leaves msgs untouched");
	minor = 99;
	major = gssk_wrap_batch(&minor, live, 1, 0, NULL, 0);
	ok(major == GSS_S_COMPLETE && minor == 0 &&
	   gssk_unwrap_batch(&minor, live, m, 0) == GSS_S_COMPLETE &&
	   live->fd == -1, "batch count 0 -> COMPLETE, nothing done, no "
	   "descriptor opened");

	/*
	 * Entries that fail their own checks are never sent: a batch of
	 * only those needs no kernel (several GSSK_BATCH_MAX chunks).
	 */
	big = malloc(n_big * sizeof(*big));
	if (big) {
		for (i = 0; i < n_big; i++) {
			big[i].input.length = i % 2 ? 1 : GSSK_MSG_MAX + 1;
			big[i].input.value = i % 2 ? NULL : (void *)"x";
			big[i].output.length = 3;
			big[i].output.value = (void *)"old";
			big[i].conf_state = 7;
		}
		major = gssk_wrap_batch(&minor, live, 1, 0, big, n_big);
		good = major == GSS_S_FAILURE &&
		       minor == GSSK_MINOR_MESSAGE_TOO_LONG;
		for (i = 0; i < n_big; i++) {
			if (big[i].output.length || big[i].output.value ||
			    big[i].conf_state)
				good = false;
			if (i % 2 ? big[i].major_status != R ||
				    big[i].minor_status != 0
				  : big[i].major_status != GSS_S_FAILURE ||
				    big[i].minor_status !=
				    GSSK_MINOR_MESSAGE_TOO_LONG)
				good = false;
		}
		ok(good && live->fd == -1 && gssk_last_error() &&
		   strstr(gssk_last_error(), "message 0 of"),
		   "wrap batch of %zu bad entries: each has its status, an "
		   "empty output; the first one's is returned: %s", n_big,
		   gssk_last_error() ? gssk_last_error() : "(none)");

		big[0].input.length = 1;
		big[0].input.value = NULL;
		big[1].input.length = GSSK_MSG_MAX + GSSK_WRAP_OVERHEAD_MAX + 1;
		big[1].input.value = (void *)"x";
		major = gssk_unwrap_batch(&minor, live, big, 2);
		ok(major == R && minor == 0 && big[0].major_status == R &&
		   big[1].major_status == GSS_S_FAILURE &&
		   big[1].minor_status == GSSK_MINOR_MESSAGE_TOO_LONG,
		   "unwrap batch: unreadable first -> CALL_INACCESSIBLE_READ;"
		   " a token over the limit -> MESSAGE_TOO_LONG");
		free(big);
	} else {
		ok(0, "allocate a big batch");
	}
	gsskp_ctx_free(live);
}

/* Batches on a descriptor whose ioctls fail with ENOTTY. */
static void batch_enotty(void)
{
	struct gssk_batch_msg m[40];
	OM_uint32 minor, major;
	gss_ctx_id_t h;
	size_t i;
	bool good = true;
	int fd;

	h = devnull_handle(&fd);
	if (!h) {
		tap_skip("no /dev/null", "batches on ENOTTY");
		return;
	}
	for (i = 0; i < 40; i++) {
		m[i].input.length = 5;
		m[i].input.value = i == 3 ? NULL : (void *)"hello";
	}
	/* 40 entries: above the on-stack op array */
	major = gssk_wrap_batch(&minor, h, 0, 0, m, 40);
	for (i = 0; i < 40; i++) {
		OM_uint32 want = i == 3 ? R : GSS_S_FAILURE;

		if (m[i].major_status != want || m[i].output.value ||
		    m[i].output.length ||
		    (i != 3 && m[i].minor_status != GSSK_MINOR_UNSUPPORTED))
			good = false;
	}
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_UNSUPPORTED && good,
	   "wrap batch, ENOTTY -> every sent entry FAILURE, UNSUPPORTED, "
	   "empty; the unreadable one CALL_INACCESSIBLE_READ");
	major = gssk_unwrap_batch(&minor, h, m + 4, 2);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_UNSUPPORTED &&
	   m[4].major_status == GSS_S_FAILURE &&
	   m[5].minor_status == GSSK_MINOR_UNSUPPORTED &&
	   strstr(gssk_last_error(), "message 0 of 2"),
	   "unwrap batch, ENOTTY -> FAILURE, UNSUPPORTED: %s",
	   gssk_last_error());
	gssk_release_context_handle(&minor, &h);
}

void test_message(void)
{
	single_args();
	enotty();
	install_race();
	batch_args();
	batch_enotty();
}
