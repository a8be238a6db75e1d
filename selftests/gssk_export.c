// SPDX-License-Identifier: GPL-2.0
/*
 * gssk export and import within one uid and session: what export does to
 * the exporter's context, what a token is, one-shot import, token
 * lifetime, the TTL bound and the per-user limit on pending tokens.
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

static bool ring_has(key_serial_t ring, key_serial_t serial)
{
	key_serial_t *ids = NULL;
	int n, i;
	bool found = false;

	n = keyctl_read_alloc(ring, (void **)&ids);
	for (i = 0; n > 0 && i < n / (int)sizeof(*ids); i++)
		if (ids[i] == serial)
			found = true;
	free(ids);
	return found;
}

FIXTURE(export) {
	struct test_ctx tc;
	gss_ctx_id_t h;		/* loaded context */
	gss_ctx_id_t h2;	/* imported context */
	gss_buffer_desc tok;
};

FIXTURE_SETUP(export)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, (uint64_t)time(NULL) + 3600, true);
	self->h = GSS_C_NO_CONTEXT;
	self->h2 = GSS_C_NO_CONTEXT;
}

FIXTURE_TEARDOWN(export)
{
	OM_uint32 minor;

	if (self->h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	if (self->h2 != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h2, GSS_C_NO_BUFFER);
	if (self->tok.value)
		gssk_release_buffer(&minor, &self->tok);
}

/* Does the session keyring link serial right now (dead links included)? */
static bool session_links(int32_t serial)
{
	int32_t *ids = NULL;
	long n = keyctl_read_alloc(KEY_SPEC_SESSION_KEYRING, (void **)&ids);
	bool found = false;
	long i;

	for (i = 0; n > 0 && i < n / (long)sizeof(*ids); i++)
		found |= ids[i] == serial;
	free(ids);
	return found;
}

/*
 * A key whose context was exported or deleted leaves its keyring at once,
 * before it is invalidated, rather than staying as a dead link until the
 * key garbage collector rebuilds the keyring (costly when the keyring
 * holds many contexts). Checked right after each call, 100 times each:
 * without the unlink the collector usually drops the link first, and only
 * a few rounds in a hundred see it (one in 40 when measured).
 */
TEST_F(export, retired_key_leaves_its_keyring_at_once)
{
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;
	int32_t serial;
	int i;

	for (i = 0; i < 200; i++) {
		major = test_ctx_load(&self->tc, &minor, &self->h);
		ASSERT_COMPLETE(major, minor);
		serial = gssk_context_serial(self->h);
		ASSERT_TRUE(session_links(serial));
		if (i % 2) {
			major = gssk_delete_sec_context(&minor, &self->h,
							GSS_C_NO_BUFFER);
		} else {
			major = gssk_export_sec_context(&minor, &self->h, &tok);
		}
		ASSERT_COMPLETE(major, minor);
		ASSERT_FALSE(session_links(serial))
			TH_LOG("round %d: %s left a dead link", i,
			       i % 2 ? "DELETE" : "EXPORT");
		if (i % 2)
			continue;
		/* no pending token left behind (max_tokens_per_user) */
		major = gssk_import_sec_context(&minor, &tok, &self->h);
		ASSERT_COMPLETE(major, minor);
		gssk_release_buffer(&minor, &tok);
		major = gssk_delete_sec_context(&minor, &self->h,
						GSS_C_NO_BUFFER);
		ASSERT_COMPLETE(major, minor);
	}
}

TEST_F(export, expired_context_is_refused_for_export)
{
	OM_uint32 major, minor = 0;
	gss_ctx_id_t before;
	int32_t serial;

	/* 3 s: a load under TCG on a busy host can take most of a second */
	self->tc.f.endtime = (uint64_t)time(NULL) + 3;
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	before = self->h;
	serial = gssk_context_serial(self->h);
	sleep_ms(4500);

	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_STATUS(GSS_S_CONTEXT_EXPIRED, GSSK_MINOR_CONTEXT_EXPIRED,
		      major, minor);
	ASSERT_TRUE(gssk_last_error() && gssk_last_error()[0]);
	ASSERT_EQ(0u, self->tok.length);
	/* RFC 2744: a failed export leaves the handle alone */
	ASSERT_EQ(before, self->h);
	ASSERT_EQ(serial, gssk_context_serial(self->h));

	major = gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h);
}

/*
 * The context's end time is what counts, not the key's timeout, which
 * its owner may clear (SETATTR): an expired context is still refused for
 * export.
 */
TEST_F(export, expired_context_is_refused_for_export_without_key_timeout)
{
	OM_uint32 major, minor = 0;
	gss_ctx_id_t before;

	/* a 5 s margin for the load on a busy emulated machine */
	self->tc.f.endtime = (uint64_t)time(NULL) + 5;
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	before = self->h;
	ASSERT_EQ(0, keyctl_set_timeout(gssk_context_serial(self->h), 0))
		TH_LOG("clear the key's timeout: %s", strerror(errno));
	while ((uint64_t)time(NULL) <= self->tc.f.endtime)
		sleep_ms(200);

	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_STATUS(GSS_S_CONTEXT_EXPIRED, GSSK_MINOR_CONTEXT_EXPIRED,
		      major, minor);
	ASSERT_EQ(0u, self->tok.length);
	ASSERT_EQ(before, self->h);
}

/* A context that expires while its token is pending is not imported. */
TEST_F(export, context_expired_in_pending_token_is_refused_for_import)
{
	OM_uint32 major, minor = 0;

	/* a 5 s margin for the load and export on a busy emulated machine */
	self->tc.f.endtime = (uint64_t)time(NULL) + 5;
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = export_policy(&minor, &self->h, 0, 0, -1, 60, &self->tok);
	ASSERT_COMPLETE(major, minor);
	while ((uint64_t)time(NULL) <= self->tc.f.endtime)
		sleep_ms(200);

	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_STATUS(GSS_S_NO_CONTEXT, GSSK_MINOR_CONTEXT_EXPIRED, major,
		      minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h2);
}

TEST_F(export, context_without_trans_flag_is_not_exportable)
{
	OM_uint32 major, minor = 0;
	gss_ctx_id_t before;

	self->tc.f.flags = TEST_FLAGS & ~(OM_uint32)GSS_C_TRANS_FLAG;
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	before = self->h;

	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_STATUS(GSS_S_UNAVAILABLE, GSSK_MINOR_NOT_TRANSFERABLE,
		      major, minor);
	ASSERT_TRUE(gssk_last_error() && gssk_last_error()[0]);
	ASSERT_EQ(0u, self->tok.length);
	ASSERT_EQ(before, self->h);
	/* still a working context */
	check_inquire(_metadata, self->h, &self->tc);
}

TEST_F(export, export_releases_handle_and_serial)
{
	struct gnl_reply *r = malloc(sizeof(*r));
	gss_ctx_id_t h3 = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	char *desc = NULL;
	int32_t serial;

	ASSERT_NE(NULL, r);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	serial = gssk_context_serial(self->h);
	/* the serial works before export ... */
	ASSERT_LT(0, keyctl_describe_alloc(serial, &desc));
	free(desc);
	desc = NULL;
	ASSERT_EQ(0, gnl_serial_cmd(GSSK_CMD_INQUIRE, serial, r));

	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h);
	ASSERT_EQ((size_t)GSSK_TOKEN_LEN, self->tok.length);

	/* ... and not after */
	major = gssk_context_from_serial(&minor, serial, &h3);
	ASSERT_TRUE(!!GSS_ERROR(major)) LOG_STATUS(major, minor, last_err());
	ASSERT_TRUE(minor == GSSK_MINOR_CONTEXT_REVOKED ||
		    minor == GSSK_MINOR_NO_SUCH_CONTEXT)
		LOG_STATUS(major, minor, last_err());
	ASSERT_EQ(GSS_C_NO_CONTEXT, h3);
	ASSERT_GT(0, gnl_serial_cmd(GSSK_CMD_INQUIRE, serial, r));
	ASSERT_TRUE(r->has_status);
	ASSERT_EQ((uint32_t)GSS_S_NO_CONTEXT, r->status.major)
		TH_LOG("raw INQUIRE of exported serial: major 0x%x minor %s",
		       r->status.major, minor_name(r->status.minor));
	errno = 0;
	if (keyctl_describe_alloc(serial, &desc) < 0)
		TH_LOG("describe of exported serial: %s", strerror(errno));
	else
		TH_LOG("exported serial still described: %s", desc);
	free(desc);
	free(r);

	/* the token still imports */
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
	ASSERT_NE(serial, gssk_context_serial(self->h2));
}

TEST_F(export, token_is_a_reference_without_key_material)
{
	static const unsigned char zero[3];
	struct test_ctx tc2;
	gss_ctx_id_t h3 = GSS_C_NO_CONTEXT, h4 = GSS_C_NO_CONTEXT;
	gss_buffer_desc tok2 = GSS_C_EMPTY_BUFFER;
	const unsigned char *t;
	OM_uint32 major, minor = 0;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);

	ASSERT_EQ((size_t)GSSK_TOKEN_LEN, self->tok.length);
	ASSERT_EQ(40u, self->tok.length);
	t = self->tok.value;
	ASSERT_EQ(0, memcmp(t, "GSSK", 4));
	ASSERT_EQ(GSSK_TOKEN_VERSION, t[4]);
	ASSERT_EQ(1, t[4]);
	ASSERT_EQ(0, memcmp(t + 5, zero, 3));
	ASSERT_FALSE(has_window(t, self->tok.length, self->tc.key,
				self->tc.f.key_len, 4))
		TH_LOG("token carries bytes of the context key");
	ASSERT_FALSE(has_window(t, self->tok.length, self->tc.subkey,
				self->tc.f.subkey_len, 4))
		TH_LOG("token carries bytes of the subkey");

	/* a second export gets a different identifier */
	test_ctx_init(&tc2, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 0,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&tc2, &minor, &h3);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &h3, &tok2);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ((size_t)GSSK_TOKEN_LEN, tok2.length);
	ASSERT_NE(0, memcmp((const unsigned char *)tok2.value + 8, t + 8,
			    GSSK_TOKEN_ID_LEN));

	/* consume both */
	major = gssk_import_sec_context(&minor, &tok2, &h4);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, h4, &tc2);
	gssk_delete_sec_context(&minor, &h4, GSS_C_NO_BUFFER);
	gssk_release_buffer(&minor, &tok2);
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
}

TEST_F(export, same_session_imports_token_once)
{
	gss_ctx_id_t h3 = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	int32_t old;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	old = gssk_context_serial(self->h);
	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);

	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
	ASSERT_NE(GSS_C_NO_CONTEXT, self->h2);
	ASSERT_LT(0, gssk_context_serial(self->h2));
	ASSERT_NE(old, gssk_context_serial(self->h2));
	/* imported into the session keyring by default */
	ASSERT_TRUE(ring_has(KEY_SPEC_SESSION_KEYRING,
			     gssk_context_serial(self->h2)));
	check_inquire(_metadata, self->h2, &self->tc);

	major = gssk_import_sec_context(&minor, &self->tok, &h3);
	ASSERT_STATUS(GSS_S_NO_CONTEXT, GSSK_MINOR_TOKEN_UNKNOWN, major,
		      minor);
	ASSERT_TRUE(gssk_last_error() && gssk_last_error()[0]);
	ASSERT_EQ(GSS_C_NO_CONTEXT, h3);
}

TEST_F(export, imported_contexts_coexist_in_one_keyring)
{
	struct test_ctx tc2;
	gss_ctx_id_t h3 = GSS_C_NO_CONTEXT, h4 = GSS_C_NO_CONTEXT;
	gss_buffer_desc tok2 = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;

	test_ctx_init(&tc2, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128, 0,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = test_ctx_load(&tc2, &minor, &h3);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &h3, &tok2);
	ASSERT_COMPLETE(major, minor);

	/* a server importing two contexts into its session keyring */
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
	major = gssk_import_sec_context(&minor, &tok2, &h4);
	gssk_release_buffer(&minor, &tok2);
	ASSERT_COMPLETE(major, minor);
	ASSERT_NE(gssk_context_serial(self->h2), gssk_context_serial(h4));

	EXPECT_TRUE(ring_has(KEY_SPEC_SESSION_KEYRING,
			     gssk_context_serial(self->h2)))
		TH_LOG("first imported key %d no longer in the session keyring",
		       gssk_context_serial(self->h2));
	EXPECT_TRUE(ring_has(KEY_SPEC_SESSION_KEYRING,
			     gssk_context_serial(h4)));
	check_inquire(_metadata, self->h2, &self->tc);
	check_inquire(_metadata, h4, &tc2);
	gssk_delete_sec_context(&minor, &h4, GSS_C_NO_BUFFER);
}

TEST_F(export, reexport_after_import_keeps_context)
{
	gss_buffer_desc tok2 = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t h3 = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);

	major = gssk_export_sec_context(&minor, &self->h2, &tok2);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h2);
	ASSERT_EQ((size_t)GSSK_TOKEN_LEN, tok2.length);
	ASSERT_NE(0, memcmp(tok2.value, self->tok.value, GSSK_TOKEN_LEN));

	major = gssk_import_sec_context(&minor, &tok2, &h3);
	gssk_release_buffer(&minor, &tok2);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, h3, &self->tc);
	self->h2 = h3;
}

TEST_F(export, import_into_named_keyring)
{
	OM_uint32 major, minor = 0;
	key_serial_t ring;
	int32_t serial;

	ring = add_key("keyring", "gssk-selftest-ring", NULL, 0,
		       KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, ring) TH_LOG("add_key keyring: %s", strerror(errno));
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);

	major = gssk_import_sec_context_keyring(&minor, &self->tok, ring,
						&self->h2);
	ASSERT_COMPLETE(major, minor);
	serial = gssk_context_serial(self->h2);
	ASSERT_LT(0, serial);
	ASSERT_TRUE(ring_has(ring, serial))
		TH_LOG("imported key %d not linked in keyring %d", serial,
		       ring);
	ASSERT_FALSE(ring_has(KEY_SPEC_SESSION_KEYRING, serial));
	check_inquire(_metadata, self->h2, &self->tc);
}

/*
 * The importer needs WRITE on the destination keyring (linking the key
 * into it is the write): a keyring it possesses but may only read and
 * search is refused, and the token stays importable elsewhere.
 */
TEST_F(export, import_into_unwritable_keyring_is_refused)
{
	OM_uint32 major, minor = 0;
	void *ids = NULL;
	key_serial_t ring;
	long n;

	ring = add_key("keyring", "gssk-selftest-ro-ring", NULL, 0,
		       KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, ring) TH_LOG("add_key keyring: %s", strerror(errno));
	ASSERT_EQ(0, keyctl_setperm(ring, KEY_POS_VIEW | KEY_POS_READ |
				    KEY_POS_SEARCH | KEY_POS_SETATTR |
				    KEY_USR_VIEW | KEY_USR_READ |
				    KEY_USR_SEARCH))
		TH_LOG("setperm: %s", strerror(errno));
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);

	major = gssk_import_sec_context_keyring(&minor, &self->tok, ring,
						&self->h2);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_BAD_KEYRING, major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h2);
	n = keyctl_read_alloc(ring, &ids);
	free(ids);
	ASSERT_EQ(0, n) TH_LOG("%ld bytes of links in the read-only keyring", n);

	/* the refused import spent nothing */
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, self->h2, &self->tc);
}

/* Raw EXPORT with TTL 0 (libgssk sends no TTL for the default): refused. */
TEST_F(export, zero_ttl_is_refused)
{
	struct gnl_reply *r = malloc(sizeof(*r));
	struct gnl_msg *m = malloc(sizeof(*m));
	OM_uint32 major, minor = 0;
	int32_t serial;

	ASSERT_NE(NULL, r);
	ASSERT_NE(NULL, m);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	serial = gssk_context_serial(self->h);
	gnl_init(m, GSSK_CMD_EXPORT);
	gnl_put(m, GSSK_A_SERIAL, &serial, sizeof(serial));
	gnl_put_u32(m, GSSK_A_TTL, 0);
	ASSERT_GT(0, gnl_call(m, r)) TH_LOG("EXPORT with TTL 0 accepted");
	ASSERT_TRUE(r->has_status);
	EXPECT_EQ((uint32_t)GSSK_MINOR_BAD_TTL, r->status.minor)
		TH_LOG("minor %s, '%s'", minor_name(r->status.minor), r->msg);
	free(m);
	free(r);
	check_inquire(_metadata, self->h, &self->tc);
}

TEST_F(export, expired_token_is_refused)
{
	OM_uint32 major, minor = 0;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = export_policy(&minor, &self->h, 0, 0, -1, 1, &self->tok);
	ASSERT_COMPLETE(major, minor);
	sleep_ms(2500);

	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_EQ((OM_uint32)GSS_S_NO_CONTEXT, major)
		LOG_STATUS(major, minor, last_err());
	/* expired, or already reaped as expired */
	ASSERT_TRUE(minor == GSSK_MINOR_TOKEN_EXPIRED ||
		    minor == GSSK_MINOR_TOKEN_UNKNOWN)
		LOG_STATUS(major, minor, last_err());
	TH_LOG("expired token: %s: %s", minor_name(minor), last_err());
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h2);
}

TEST_F(export, ttl_above_max_ttl_is_refused)
{
	OM_uint32 major, minor = 0;
	unsigned long max_ttl = 0;
	gss_ctx_id_t before;
	int ret;

	ret = param_read("max_ttl", &max_ttl);
	ASSERT_EQ(0, ret) TH_LOG("max_ttl: %s", strerror(-ret));
	TH_LOG("max_ttl is %lu", max_ttl);
	if (max_ttl >= 0xffffffffUL)
		SKIP(return, "max_ttl %lu has no value above it", max_ttl);

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	before = self->h;
	major = export_policy(&minor, &self->h, 0, 0, -1,
			      (unsigned int)max_ttl + 1, &self->tok);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_BAD_TTL, major, minor);
	ASSERT_EQ(before, self->h);
	ASSERT_EQ(0u, self->tok.length);
	check_inquire(_metadata, self->h, &self->tc);

	/* max_ttl itself is allowed */
	major = export_policy(&minor, &self->h, 0, 0, -1,
			      (unsigned int)max_ttl, &self->tok);
	ASSERT_COMPLETE(major, minor);
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
}

/*
 * The limit on pending tokens, as LIMIT_UID (a uid no other test uses, so
 * nothing else is pending for it), with max_tokens_per_user set to 4.
 */
#define LIMIT 4

FIXTURE(limit) {
	unsigned long saved;
	bool restore;
	bool dropped;
	struct test_ctx tc[LIMIT + 1];
	gss_ctx_id_t h[LIMIT + 1];
	gss_buffer_desc tok[LIMIT + 1];
};

FIXTURE_SETUP(limit)
{
	int ret;

	ret = param_read("max_tokens_per_user", &self->saved);
	ASSERT_EQ(0, ret) TH_LOG("max_tokens_per_user: %s", strerror(-ret));
	ret = param_write("max_tokens_per_user", LIMIT);
	ASSERT_EQ(0, ret) TH_LOG("set max_tokens_per_user: %s",
				 strerror(-ret));
	self->restore = true;
	/* keep saved uid 0 so teardown can restore the parameter */
	ASSERT_EQ(0, setresgid(LIMIT_GID, LIMIT_GID, 0));
	ASSERT_EQ(0, setresuid(LIMIT_UID, LIMIT_UID, 0));
	self->dropped = true;
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
}

FIXTURE_TEARDOWN(limit)
{
	OM_uint32 minor;
	int i;

	for (i = 0; i <= LIMIT; i++) {
		if (self->h[i] != GSS_C_NO_CONTEXT)
			gssk_delete_sec_context(&minor, &self->h[i],
						GSS_C_NO_BUFFER);
		if (self->tok[i].value)
			gssk_release_buffer(&minor, &self->tok[i]);
	}
	if (self->dropped) {
		if (setresuid(0, 0, 0) || setresgid(0, 0, 0))
			TH_LOG("cannot get root back: %s", strerror(errno));
	}
	if (self->restore && param_write("max_tokens_per_user", self->saved))
		TH_LOG("could not restore max_tokens_per_user=%lu",
		       self->saved);
}

/* One more export by the current user is refused as over the limit. */
static void limit_reached(struct __test_metadata *_metadata)
{
	struct test_ctx extra;
	gss_ctx_id_t he = GSS_C_NO_CONTEXT;
	gss_buffer_desc te = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;

	test_ctx_init(&extra, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&extra, &minor, &he);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &he, &te);
	EXPECT_TRUE(!!GSS_ERROR(major));
	EXPECT_EQ((OM_uint32)GSSK_MINOR_TOO_MANY_TOKENS, minor)
		LOG_STATUS(major, minor, last_err());
	if (he != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &he, GSS_C_NO_BUFFER);
	if (te.value) {
		gssk_import_sec_context(&minor, &te, &he);
		gssk_release_buffer(&minor, &te);
		if (he != GSS_C_NO_CONTEXT)
			gssk_delete_sec_context(&minor, &he, GSS_C_NO_BUFFER);
	}
}

TEST_F(limit, pending_token_limit_per_user)
{
	gss_ctx_id_t imp = GSS_C_NO_CONTEXT, before;
	OM_uint32 major, minor = 0;
	int i;

	for (i = 0; i <= LIMIT; i++) {
		test_ctx_init(&self->tc[i], GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
			      i & 1, TEST_FLAGS, 0, false);
		major = test_ctx_load(&self->tc[i], &minor, &self->h[i]);
		ASSERT_COMPLETE(major, minor);
	}
	for (i = 0; i < LIMIT; i++) {
		major = gssk_export_sec_context(&minor, &self->h[i],
						&self->tok[i]);
		ASSERT_COMPLETE(major, minor);
	}

	before = self->h[LIMIT];
	major = gssk_export_sec_context(&minor, &self->h[LIMIT],
					&self->tok[LIMIT]);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_TOO_MANY_TOKENS, major, minor);
	ASSERT_EQ(before, self->h[LIMIT]);
	ASSERT_EQ(0u, self->tok[LIMIT].length);
	check_inquire(_metadata, self->h[LIMIT], &self->tc[LIMIT]);

	/* consuming one token makes room */
	major = gssk_import_sec_context(&minor, &self->tok[0], &imp);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, imp, &self->tc[0]);
	gssk_delete_sec_context(&minor, &imp, GSS_C_NO_BUFFER);

	major = gssk_export_sec_context(&minor, &self->h[LIMIT],
					&self->tok[LIMIT]);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h[LIMIT]);

	/* and the limit holds again */
	limit_reached(_metadata);

	/* drain the rest so nothing stays pending */
	for (i = 1; i <= LIMIT; i++) {
		major = gssk_import_sec_context(&minor, &self->tok[i], &imp);
		ASSERT_COMPLETE(major, minor);
		check_inquire(_metadata, imp, &self->tc[i]);
		gssk_delete_sec_context(&minor, &imp, GSS_C_NO_BUFFER);
	}
}

TEST_HARNESS_MAIN
