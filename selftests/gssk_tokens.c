// SPDX-License-Identifier: GPL-2.0
/*
 * gssk token handling: malformed and unknown tokens are refused with the
 * right status (and do not use up a real token), and racing importers of
 * one token get exactly one winner.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "checks.h"

FIXTURE(tokens) {
	struct test_ctx tc;
	gss_ctx_id_t h;
	gss_ctx_id_t h2;
	gss_buffer_desc tok;
	unsigned char real[GSSK_TOKEN_LEN];
};

/* Every test starts with one real pending token in self->real. */
FIXTURE_SETUP(tokens)
{
	OM_uint32 major, minor = 0;

	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, true);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ((size_t)GSSK_TOKEN_LEN, self->tok.length);
	memcpy(self->real, self->tok.value, GSSK_TOKEN_LEN);
}

FIXTURE_TEARDOWN(tokens)
{
	OM_uint32 minor;

	if (self->h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	if (self->h2 != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h2, GSS_C_NO_BUFFER);
	if (self->tok.value)
		gssk_release_buffer(&minor, &self->tok);
}

/* Import tok/len and expect exactly emaj/emin, no handle. */
static void import_refused(struct __test_metadata *_metadata,
			   const void *tok, size_t len, OM_uint32 emaj,
			   OM_uint32 emin, const char *what)
{
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;

	major = import_bytes(&minor, tok, len, &h);
	EXPECT_EQ(emaj, major)
		TH_LOG("%s: got major 0x%x (%s), minor %s: %s", what, major,
		       major_name(major), minor_name(minor), last_err());
	EXPECT_EQ(emin, minor)
		TH_LOG("%s: got major %s, minor 0x%x (%s): %s", what,
		       major_name(major), minor, minor_name(minor),
		       last_err());
	EXPECT_TRUE(gssk_last_error() && gssk_last_error()[0])
		TH_LOG("%s: no extack message", what);
	ASSERT_EQ(GSS_C_NO_CONTEXT, h) TH_LOG("%s: got a handle", what);
}

/* The real token was not used up by the refusals before. */
static void real_still_imports(struct __test_metadata *_metadata,
			       FIXTURE_DATA(tokens) *self)
{
	OM_uint32 major, minor = 0;

	major = import_bytes(&minor, self->real, GSSK_TOKEN_LEN, &self->h2);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, self->h2, &self->tc);
}

TEST_F(tokens, empty_token_is_defective)
{
	import_refused(_metadata, self->real, 0, GSS_S_DEFECTIVE_TOKEN,
		       GSSK_MINOR_TOKEN_LENGTH, "empty token");
	real_still_imports(_metadata, self);
}

TEST_F(tokens, truncated_token_is_defective)
{
	size_t len;

	for (len = GSSK_TOKEN_LEN - 1; len >= 1; len--) {
		char what[32];

		snprintf(what, sizeof(what), "%zu-byte prefix", len);
		import_refused(_metadata, self->real, len,
			       GSS_S_DEFECTIVE_TOKEN, GSSK_MINOR_TOKEN_LENGTH,
			       what);
		if (len == GSSK_TOKEN_LEN - 1)
			len = 9;	/* 39, then 8..1 */
	}
	real_still_imports(_metadata, self);
}

TEST_F(tokens, token_with_trailing_bytes_is_defective)
{
	unsigned char buf[GSSK_TOKEN_LEN + 8];

	memcpy(buf, self->real, GSSK_TOKEN_LEN);
	memset(buf + GSSK_TOKEN_LEN, 0, 8);
	import_refused(_metadata, buf, GSSK_TOKEN_LEN + 1,
		       GSS_S_DEFECTIVE_TOKEN, GSSK_MINOR_TOKEN_LENGTH,
		       "41 bytes");
	import_refused(_metadata, buf, sizeof(buf), GSS_S_DEFECTIVE_TOKEN,
		       GSSK_MINOR_TOKEN_LENGTH, "48 bytes");
	real_still_imports(_metadata, self);
}

TEST_F(tokens, wrong_magic_is_defective)
{
	static const char *const magics[] = { "GSSX", "gssk", "KSSG", "\0\0\0\0" };
	unsigned char buf[GSSK_TOKEN_LEN];
	unsigned int i;

	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		memcpy(buf, self->real, GSSK_TOKEN_LEN);
		memcpy(buf, magics[i], 4);
		import_refused(_metadata, buf, sizeof(buf),
			       GSS_S_DEFECTIVE_TOKEN, GSSK_MINOR_TOKEN_MAGIC,
			       "wrong magic");
	}
	real_still_imports(_metadata, self);
}

TEST_F(tokens, wrong_version_is_defective)
{
	static const unsigned char versions[] = { 0, 2, 0x81, 0xff };
	unsigned char buf[GSSK_TOKEN_LEN];
	unsigned int i;

	for (i = 0; i < sizeof(versions); i++) {
		char what[32];

		memcpy(buf, self->real, GSSK_TOKEN_LEN);
		buf[4] = versions[i];
		snprintf(what, sizeof(what), "version %u", versions[i]);
		import_refused(_metadata, buf, sizeof(buf),
			       GSS_S_DEFECTIVE_TOKEN, GSSK_MINOR_TOKEN_VERSION,
			       what);
	}
	real_still_imports(_metadata, self);
}

/* Bytes 5..7 of the header are reserved: a token with any set is refused. */
TEST_F(tokens, nonzero_reserved_bytes_are_defective)
{
	unsigned char buf[GSSK_TOKEN_LEN];
	unsigned int i;

	for (i = 5; i < 8; i++) {
		char what[32];

		memcpy(buf, self->real, GSSK_TOKEN_LEN);
		buf[i] = 1;
		snprintf(what, sizeof(what), "reserved byte %u set", i);
		import_refused(_metadata, buf, sizeof(buf),
			       GSS_S_DEFECTIVE_TOKEN, GSSK_MINOR_TOKEN_VERSION,
			       what);
	}
	real_still_imports(_metadata, self);
}

TEST_F(tokens, unknown_identifier_is_no_context)
{
	unsigned char buf[GSSK_TOKEN_LEN];
	int i;

	/* well-formed, never issued */
	for (i = 0; i < 16; i++) {
		memcpy(buf, self->real, 8);
		random_bytes(buf + 8, GSSK_TOKEN_ID_LEN);
		import_refused(_metadata, buf, sizeof(buf), GSS_S_NO_CONTEXT,
			       GSSK_MINOR_TOKEN_UNKNOWN, "random identifier");
	}
	/* the real one with one bit flipped, first and last id byte */
	memcpy(buf, self->real, GSSK_TOKEN_LEN);
	buf[8] ^= 0x01;
	import_refused(_metadata, buf, sizeof(buf), GSS_S_NO_CONTEXT,
		       GSSK_MINOR_TOKEN_UNKNOWN, "first id bit flipped");
	memcpy(buf, self->real, GSSK_TOKEN_LEN);
	buf[GSSK_TOKEN_LEN - 1] ^= 0x80;
	import_refused(_metadata, buf, sizeof(buf), GSS_S_NO_CONTEXT,
		       GSSK_MINOR_TOKEN_UNKNOWN, "last id bit flipped");
	real_still_imports(_metadata, self);
}

TEST_F(tokens, random_garbage_is_defective)
{
	unsigned char buf[300];
	int i;

	for (i = 0; i < 64; i++) {
		OM_uint32 major, minor = 0;
		gss_ctx_id_t h = GSS_C_NO_CONTEXT;
		uint16_t r;
		size_t len;

		random_bytes(&r, sizeof(r));
		len = 1 + r % sizeof(buf);
		random_bytes(buf, len);
		if (len >= 4 && !memcmp(buf, "GSSK", 4))
			buf[0] ^= 0xff;	/* garbage, not a token */
		major = import_bytes(&minor, buf, len, &h);
		ASSERT_EQ((OM_uint32)GSS_S_DEFECTIVE_TOKEN, major)
			TH_LOG("%zu random bytes: major %s minor %s: %s", len,
			       major_name(major), minor_name(minor),
			       last_err());
		ASSERT_TRUE(minor == GSSK_MINOR_TOKEN_LENGTH ||
			    minor == GSSK_MINOR_TOKEN_MAGIC)
			TH_LOG("%zu random bytes: minor 0x%x (%s)", len, minor,
			       minor_name(minor));
		ASSERT_EQ(GSS_C_NO_CONTEXT, h);
	}
	real_still_imports(_metadata, self);
}

TEST_F(tokens, oversized_token_is_defective)
{
	static const size_t sizes[] = {
		GSSK_TOKEN_MAX_LEN, GSSK_TOKEN_MAX_LEN + 1, 5000, 65000,
	};
	unsigned char *buf = malloc(65000);
	unsigned int i;

	ASSERT_NE(NULL, buf);
	random_bytes(buf, 65000);
	/* a valid header in front, so only the size is wrong */
	memcpy(buf, self->real, GSSK_TOKEN_LEN);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char what[32];

		snprintf(what, sizeof(what), "%zu bytes", sizes[i]);
		import_refused(_metadata, buf, sizes[i], GSS_S_DEFECTIVE_TOKEN,
			       GSSK_MINOR_TOKEN_LENGTH, what);
	}
	free(buf);
	real_still_imports(_metadata, self);
}

/* Raw IMPORT with no TOKEN attribute, and with an empty one. */
TEST_F(tokens, kernel_refuses_import_without_token)
{
	struct gnl_reply *r = malloc(sizeof(*r));
	struct gnl_msg *m = malloc(sizeof(*m));

	ASSERT_NE(NULL, r);
	ASSERT_NE(NULL, m);
	gnl_init(m, GSSK_CMD_IMPORT);
	ASSERT_GT(0, gnl_call(m, r));
	TH_LOG("IMPORT without TOKEN: %s, cookie %s/%s, '%s'",
	       strerror(-r->err), r->has_status ? "yes" : "no",
	       r->has_status ? minor_name(r->status.minor) : "-", r->msg);

	gnl_init(m, GSSK_CMD_IMPORT);
	gnl_put(m, GSSK_A_TOKEN, NULL, 0);
	ASSERT_GT(0, gnl_call(m, r));
	TH_LOG("IMPORT with empty TOKEN: %s, cookie %s/%s, '%s'",
	       strerror(-r->err), r->has_status ? "yes" : "no",
	       r->has_status ? minor_name(r->status.minor) : "-", r->msg);
	/* TOKEN's policy (exactly GSSK_TOKEN_LEN bytes) refuses it, naming it */
	EXPECT_FALSE(r->has_status);
	EXPECT_EQ(GSSK_A_TOKEN, r->bad_attr);
	EXPECT_EQ((uint32_t)GSS_S_DEFECTIVE_TOKEN, r->major);
	EXPECT_EQ((uint32_t)GSSK_MINOR_TOKEN_LENGTH, r->minor);
	free(m);
	free(r);
	real_still_imports(_metadata, self);
}

/* ---- racing importers ---- */

#define RACERS	16
#define ROUNDS	4

FIXTURE(race) {
	int dummy;
};

FIXTURE_SETUP(race)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
}

FIXTURE_TEARDOWN(race)
{
}

static void one_race(struct __test_metadata *_metadata, int round)
{
	struct child_res res[RACERS];
	pid_t pid[RACERS];
	int fd[RACERS], go[2], i, winners = 0, losers = 0;
	struct test_ctx tc;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;

	test_ctx_init(&tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, round & 1,
		      TEST_FLAGS, 0, true);
	major = test_ctx_load(&tc, &minor, &h);
	ASSERT_COMPLETE(major, minor);
	major = export_policy(&minor, &h, GSSK_POLICY_ANY_SESSION, 0, -1, 0,
			      &tok);
	ASSERT_COMPLETE(major, minor);

	ASSERT_EQ(0, pipe(go));
	for (i = 0; i < RACERS; i++) {
		struct child_opts o = {
			.start_fd = go[0], .close_fd = go[1],
			/* half in their own session: ANY_SESSION allows it */
			.new_session = i & 1,
		};

		pid[i] = child_start(&o, child_import, &tok, &fd[i]);
		ASSERT_LT(0, pid[i]);
	}
	/* release them all at once */
	close(go[1]);
	close(go[0]);
	for (i = 0; i < RACERS; i++)
		ASSERT_EQ(0, child_finish(pid[i], fd[i], &res[i]));
	gssk_release_buffer(&minor, &tok);

	for (i = 0; i < RACERS; i++) {
		ASSERT_CHILD_RAN(res[i]);
		if (res[i].major == GSS_S_COMPLETE) {
			winners++;
			ASSERT_CHILD_IMPORTED(res[i], TEST_FLAGS);
			ASSERT_EQ(!!tc.f.initiate, res[i].initiate);
		} else {
			losers++;
			EXPECT_EQ((OM_uint32)GSS_S_NO_CONTEXT, res[i].major)
				LOG_STATUS(res[i].major, res[i].minor,
					   res[i].msg);
			EXPECT_EQ((OM_uint32)GSSK_MINOR_TOKEN_UNKNOWN,
				  res[i].minor)
				LOG_STATUS(res[i].major, res[i].minor,
					   res[i].msg);
		}
	}
	ASSERT_EQ(1, winners) TH_LOG("round %d: %d winners", round, winners);
	ASSERT_EQ(RACERS - 1, losers);
}

TEST_F_TIMEOUT(race, racing_importers_get_one_winner, 120)
{
	int round;

	for (round = 0; round < ROUNDS; round++)
		one_race(_metadata, round);
}

TEST_HARNESS_MAIN
