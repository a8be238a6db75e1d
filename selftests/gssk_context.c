// SPDX-License-Identifier: GPL-2.0
/*
 * gssk context lifecycle: load, inquire, delete, bad input, lifetime, and
 * that key material never comes back out of the kernel.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "checks.h"

/* 1.2.840.113554.1.2.2, the Kerberos v5 mechanism */
static const unsigned char krb5_oid[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02
};

/* Number of links in the session keyring (-1 on error). */
static int session_links(void)
{
	void *buf = NULL;
	int n = keyctl_read_alloc(KEY_SPEC_SESSION_KEYRING, &buf);

	free(buf);
	return n < 0 ? -1 : n / (int)sizeof(key_serial_t);
}

/* ---- round trip, once per enctype and role ---- */

FIXTURE(roundtrip) {
	struct test_ctx tc;
	gss_ctx_id_t h;
};

FIXTURE_VARIANT(roundtrip) {
	uint32_t enctype;
	int initiate;
	bool subkey;
};

FIXTURE_VARIANT_ADD(roundtrip, aes128_sha1_initiator) {
	.enctype = GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, .initiate = 1,
};
FIXTURE_VARIANT_ADD(roundtrip, aes256_sha1_acceptor_subkey) {
	.enctype = GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, .initiate = 0,
	.subkey = true,
};
FIXTURE_VARIANT_ADD(roundtrip, aes128_sha256_acceptor) {
	.enctype = GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128, .initiate = 0,
};
FIXTURE_VARIANT_ADD(roundtrip, aes256_sha384_initiator_subkey) {
	.enctype = GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, .initiate = 1,
	.subkey = true,
};

FIXTURE_SETUP(roundtrip)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	test_ctx_init(&self->tc, variant->enctype, variant->initiate,
		      TEST_FLAGS, (uint64_t)time(NULL) + 3600, variant->subkey);
	self->h = GSS_C_NO_CONTEXT;
}

FIXTURE_TEARDOWN(roundtrip)
{
	OM_uint32 minor;

	if (self->h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
}

TEST_F(roundtrip, load_inquire_delete_round_trip)
{
	gss_name_t src = GSS_C_NO_NAME, targ = GSS_C_NO_NAME;
	gss_buffer_desc out = { .length = 5, .value = NULL };
	OM_uint32 major, minor = 0, life = 0, flags = 0;
	gss_OID mech = GSS_C_NO_OID;
	int local = -1, open = -1;
	int32_t serial;
	char *desc = NULL;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	ASSERT_NE(GSS_C_NO_CONTEXT, self->h);
	serial = gssk_context_serial(self->h);
	ASSERT_LT(0, serial);
	ASSERT_LT(0, keyctl_describe_alloc(serial, &desc))
		TH_LOG("describe %d: %s", serial, strerror(errno));
	ASSERT_EQ(0, strncmp(desc, "gssk;", 5)) TH_LOG("describe: %s", desc);
	free(desc);

	major = gssk_inquire_context(&minor, self->h, &src, &targ, &life,
				     &mech, &flags, &local, &open);
	ASSERT_COMPLETE(major, minor);
	check_name(_metadata, src, TEST_INIT_NAME);
	check_name(_metadata, targ, TEST_ACC_NAME);
	gssk_release_name(&minor, &src);
	gssk_release_name(&minor, &targ);
	ASSERT_LE(3590u, life) TH_LOG("lifetime %u for endtime now+3600", life);
	ASSERT_GE(3600u, life);
	ASSERT_EQ(TEST_FLAGS, flags)
		TH_LOG("flags 0x%x, loaded 0x%x", flags, TEST_FLAGS);
	ASSERT_EQ(!!variant->initiate, local);
	ASSERT_EQ(1, open);
	ASSERT_NE(GSS_C_NO_OID, mech);
	ASSERT_EQ(sizeof(krb5_oid), (size_t)mech->length);
	ASSERT_EQ(0, memcmp(mech->elements, krb5_oid, sizeof(krb5_oid)));

	major = gssk_delete_sec_context(&minor, &self->h, &out);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h);
	ASSERT_EQ(0u, out.length);
	errno = 0;
	ASSERT_GT(0, keyctl_describe_alloc(serial, &desc))
		TH_LOG("serial %d still described after delete: %s", serial,
		       desc);
	ASSERT_TRUE(errno == ENOKEY || errno == EKEYREVOKED)
		TH_LOG("describe after delete: %s", strerror(errno));
}

/* The raw INQUIRE reply: every loaded field, no secret attribute. */
TEST_F(roundtrip, kernel_inquire_reports_loaded_fields)
{
	struct gnl_reply *r = malloc(sizeof(*r));
	OM_uint32 major, minor = 0;
	uint32_t v32 = 0;
	uint64_t v64 = 0;
	uint8_t role;

	ASSERT_NE(NULL, r);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);

	ASSERT_EQ(0, gnl_serial_cmd(GSSK_CMD_INQUIRE,
				    gssk_context_serial(self->h), r))
		TH_LOG("INQUIRE: %s (%s)", strerror(-r->err), r->msg);
	ASSERT_EQ(0, gnl_get_u32(r, GSSK_A_ENCTYPE, &v32));
	ASSERT_EQ(variant->enctype, v32);
	ASSERT_NE(NULL, r->attr[GSSK_A_ROLE]);
	ASSERT_EQ(1u, r->attr_len[GSSK_A_ROLE]);
	role = *(const uint8_t *)r->attr[GSSK_A_ROLE];
	ASSERT_EQ(variant->initiate ? GSSK_ROLE_INITIATOR : GSSK_ROLE_ACCEPTOR,
		  (int)role);
	ASSERT_EQ(0, gnl_get_u32(r, GSSK_A_GSS_FLAGS, &v32));
	ASSERT_EQ(TEST_FLAGS, v32);
	ASSERT_EQ(0, gnl_get_u64(r, GSSK_A_ENDTIME, &v64));
	ASSERT_EQ(self->tc.f.endtime, v64);
	ASSERT_EQ(0, gnl_get_u32(r, GSSK_A_TIME_REC, &v32));
	ASSERT_GE(3600u, v32);
	ASSERT_LE(3590u, v32);
	ASSERT_NE(NULL, r->attr[GSSK_A_INIT_NAME]);
	ASSERT_STREQ(TEST_INIT_NAME, (const char *)r->attr[GSSK_A_INIT_NAME]);
	ASSERT_NE(NULL, r->attr[GSSK_A_ACC_NAME]);
	ASSERT_STREQ(TEST_ACC_NAME, (const char *)r->attr[GSSK_A_ACC_NAME]);
	if (variant->subkey) {
		ASSERT_EQ(0, gnl_get_u32(r, GSSK_A_SUBKEY_ENCTYPE, &v32));
		ASSERT_EQ(variant->enctype, v32);
	} else {
		ASSERT_EQ(NULL, r->attr[GSSK_A_SUBKEY_ENCTYPE]);
	}
	/* secrets only ever travel into the kernel */
	ASSERT_EQ(NULL, r->attr[GSSK_A_CTX_KEY]);
	ASSERT_EQ(NULL, r->attr[GSSK_A_SUBKEY]);
	ASSERT_FALSE(leaks_key(r->data, r->data_len, self->tc.key,
			       self->tc.f.key_len));
	if (variant->subkey)
		ASSERT_FALSE(leaks_key(r->data, r->data_len, self->tc.subkey,
				       self->tc.f.subkey_len));
	free(r);
}

/* ---- single-context tests ---- */

FIXTURE(ctx) {
	struct test_ctx tc;
	gss_ctx_id_t h;
};

FIXTURE_SETUP(ctx)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, (uint64_t)time(NULL) + 3600, true);
	self->h = GSS_C_NO_CONTEXT;
}

FIXTURE_TEARDOWN(ctx)
{
	OM_uint32 minor;

	if (self->h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
}

static void load_refused(struct __test_metadata *_metadata,
			 const struct test_ctx *tc, OM_uint32 emin,
			 const char *what)
{
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	int before = session_links();

	TH_LOG("loading %s", what);
	major = gssk_load_sec_context(&minor, &tc->f, 0, TEST_DESC, &h);
	ASSERT_REFUSED_MINOR(emin, major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, h);
	/* nothing was linked into the session keyring */
	ASSERT_EQ(before, session_links());
}

TEST_F(ctx, load_refuses_unsupported_enctypes)
{
	static const uint32_t bad[] = { 23, 1, 0, 16, 21, 24, 27 };
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char what[64];

		self->tc.f.enctype = bad[i];
		self->tc.f.subkey_enctype = 0;
		self->tc.f.subkey = NULL;
		self->tc.f.subkey_len = 0;
		snprintf(what, sizeof(what), "enctype %u", bad[i]);
		load_refused(_metadata, &self->tc, GSSK_MINOR_BAD_ENCTYPE,
			     what);
	}
}

/*
 * Camellia (RFC 6803, enctypes 25 and 26) comes with the kernel's
 * crypto/krb5: loaded, and usable for a wrap and unwrap through the
 * kernel, where gssk runs on it; refused as BAD_ENCTYPE elsewhere.
 */
TEST_F(ctx, camellia_only_with_crypto_krb5)
{
	static const uint32_t camellia[] = { 25, 26 };
	bool have = gssk_uses_crypto_krb5();
	unsigned int i;

	TH_LOG("gssk %s crypto/krb5", have ? "uses" : "does not use");
	for (i = 0; i < 2; i++) {
		gss_buffer_desc msg = { 5, (void *)"hello" };
		gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
		gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
		gss_ctx_id_t ini = GSS_C_NO_CONTEXT, acc = GSS_C_NO_CONTEXT;
		OM_uint32 major, minor = 0;
		struct test_ctx peer;
		int conf = 0;
		char what[64];

		test_ctx_init(&self->tc, camellia[i], 1, TEST_FLAGS,
			      (uint64_t)time(NULL) + 3600, i == 1);
		ASSERT_EQ(i ? 32u : 16u, self->tc.f.key_len);
		snprintf(what, sizeof(what), "enctype %u", camellia[i]);
		if (!have) {
			load_refused(_metadata, &self->tc,
				     GSSK_MINOR_BAD_ENCTYPE, what);
			continue;
		}
		/* The acceptor: same keys, expecting the initiator's seq */
		peer = self->tc;
		peer.f.initiate = 0;
		peer.f.recv_seq = self->tc.f.send_seq;
		major = test_ctx_load(&self->tc, &minor, &ini);
		ASSERT_COMPLETE(major, minor);
		major = test_ctx_load(&peer, &minor, &acc);
		ASSERT_COMPLETE(major, minor);

		major = gssk_wrap(&minor, ini, 1, GSS_C_QOP_DEFAULT, &msg,
				  &conf, &tok);
		ASSERT_COMPLETE(major, minor);
		ASSERT_EQ(1, conf);
		ASSERT_EQ(NULL, memmem(tok.value, tok.length, "hello", 5));
		/* one flipped ciphertext byte: refused */
		((unsigned char *)tok.value)[20] ^= 1;
		major = gssk_unwrap(&minor, acc, &tok, &out, &conf, NULL);
		ASSERT_EQ((OM_uint32)GSS_S_BAD_SIG, major)
			TH_LOG("%s: tampered token: %#x", what, major);
		((unsigned char *)tok.value)[20] ^= 1;
		major = gssk_unwrap(&minor, acc, &tok, &out, &conf, NULL);
		ASSERT_COMPLETE(major, minor);
		ASSERT_EQ(5u, out.length);
		ASSERT_EQ(0, memcmp(out.value, "hello", 5));
		gssk_release_buffer(&minor, &tok);
		gssk_release_buffer(&minor, &out);
		gssk_delete_sec_context(&minor, &ini, GSS_C_NO_BUFFER);
		gssk_delete_sec_context(&minor, &acc, GSS_C_NO_BUFFER);
	}
}

TEST_F(ctx, load_refuses_subkey_with_unsupported_enctype)
{
	self->tc.f.subkey_enctype = 23;
	self->tc.f.subkey_len = 16;
	load_refused(_metadata, &self->tc, GSSK_MINOR_BAD_ENCTYPE,
		     "subkey enctype 23");
}

TEST_F(ctx, load_refuses_wrong_key_length)
{
	static const struct { uint32_t enctype; size_t len; } bad[] = {
		{ GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 16 },
		{ GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 32 },
		{ GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128, 15 },
		{ GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, 31 },
		{ GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, 33 },
		{ GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, GSSK_KEY_MAX },
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char what[64];

		self->tc.f.enctype = bad[i].enctype;
		self->tc.f.key_len = bad[i].len;
		self->tc.f.subkey_enctype = 0;
		self->tc.f.subkey = NULL;
		self->tc.f.subkey_len = 0;
		snprintf(what, sizeof(what), "enctype %u with a %zu-byte key",
			 bad[i].enctype, bad[i].len);
		load_refused(_metadata, &self->tc, GSSK_MINOR_BAD_KEY_LENGTH,
			     what);
	}
}

TEST_F(ctx, load_refuses_wrong_subkey_length)
{
	self->tc.f.subkey_len = 16;	/* enctype 18 needs 32 */
	load_refused(_metadata, &self->tc, GSSK_MINOR_BAD_KEY_LENGTH,
		     "a 16-byte subkey for enctype 18");
}

TEST_F(ctx, load_refuses_unknown_flag_bits)
{
	OM_uint32 major, minor = 0, flags = 0;

	self->tc.f.flags |= 0x10000;	/* no RFC 2744 or MIT meaning */
	load_refused(_metadata, &self->tc, GSSK_MINOR_BAD_FLAGS,
		     "GSS flags with bit 16 set");
	/* MIT's extension bits (channel bound, DCE style ... deleg policy) */
	self->tc.f.flags = TEST_FLAGS | 0xf800;
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_inquire_context(&minor, self->h, NULL, NULL, NULL, NULL,
				     &flags, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	EXPECT_EQ(TEST_FLAGS | 0xf800, flags);
}

/* An end time beyond the kernel's time64_t (ENDTIME's policy). */
TEST_F(ctx, load_refuses_endtime_beyond_time64)
{
	self->tc.f.endtime = (uint64_t)1 << 63;
	load_refused(_metadata, &self->tc, GSSK_MINOR_BAD_ENDTIME,
		     "end time 2^63");
	self->tc.f.endtime = ~(uint64_t)0;
	load_refused(_metadata, &self->tc, GSSK_MINOR_BAD_ENDTIME,
		     "end time 2^64 - 1");
}

/*
 * Raw LOAD: the bounds that the module's policy checks (kernel/netlink.c)
 * are refused by the netlink core, with no gssk status but with a message
 * and the offending attribute, which libgssk maps to the status gssk's
 * handler gave before.
 */
TEST_F(ctx, policy_bounds_name_the_attribute)
{
	static const struct {
		uint16_t attr;
		uint64_t value;
		size_t len;
		uint32_t minor;
	} bad[] = {
		{ GSSK_A_ROLE, 0, 1, GSSK_MINOR_BAD_ROLE },
		{ GSSK_A_ROLE, 3, 1, GSSK_MINOR_BAD_ROLE },
		{ GSSK_A_GSS_FLAGS, 0x10000, 4, GSSK_MINOR_BAD_FLAGS },
		{ GSSK_A_GSS_FLAGS, 0x0600, 4, GSSK_MINOR_BAD_FLAGS },
		{ GSSK_A_ENDTIME, (uint64_t)1 << 63, 8,
		  GSSK_MINOR_BAD_ENDTIME },
	};
	struct gnl_reply *r = malloc(sizeof(*r));
	struct gnl_msg *m = malloc(sizeof(*m));
	uint8_t key[16] = { 0 };
	unsigned int i;
	int before = session_links();

	ASSERT_NE(NULL, r);
	ASSERT_NE(NULL, m);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t role = GSSK_ROLE_INITIATOR;
		uint64_t v = bad[i].value;
		uint32_t flags = TEST_FLAGS;
		uint8_t v8 = (uint8_t)v;
		uint32_t v32 = (uint32_t)v;

		gnl_init(m, GSSK_CMD_LOAD);
		gnl_put_u32(m, GSSK_A_ENCTYPE,
			    GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96);
		gnl_put(m, GSSK_A_CTX_KEY, key, sizeof(key));
		if (bad[i].attr != GSSK_A_ROLE)
			gnl_put(m, GSSK_A_ROLE, &role, sizeof(role));
		if (bad[i].attr != GSSK_A_GSS_FLAGS)
			gnl_put_u32(m, GSSK_A_GSS_FLAGS, flags);
		gnl_put(m, bad[i].attr, bad[i].len == 1 ? (void *)&v8 :
			bad[i].len == 4 ? (void *)&v32 : (void *)&v,
			bad[i].len);
		ASSERT_GT(0, gnl_call(m, r))
			TH_LOG("attribute %u = %#llx accepted", bad[i].attr,
			       (unsigned long long)v);
		TH_LOG("attribute %u = %#llx: %s, '%s'", bad[i].attr,
		       (unsigned long long)v, strerror(-r->err), r->msg);
		EXPECT_FALSE(r->has_status);
		EXPECT_NE(0, r->msg[0]);
		EXPECT_EQ((int)bad[i].attr, r->bad_attr);
		EXPECT_EQ((uint32_t)GSS_S_FAILURE, r->major);
		EXPECT_EQ(bad[i].minor, r->minor)
			TH_LOG("mapped to %s", minor_name(r->minor));
	}
	ASSERT_EQ(before, session_links());
	free(m);
	free(r);
}

TEST_F(ctx, load_refuses_missing_key)
{
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	int before = session_links();

	self->tc.f.key = NULL;
	self->tc.f.key_len = 0;
	major = gssk_load_sec_context(&minor, &self->tc.f, 0, TEST_DESC, &h);
	ASSERT_TRUE(!!GSS_ERROR(major)) LOG_STATUS(major, minor, last_err());
	/* the library may send no key or an empty one */
	ASSERT_TRUE(minor == GSSK_MINOR_MISSING_FIELD ||
		    minor == GSSK_MINOR_BAD_KEY_LENGTH)
		LOG_STATUS(major, minor, last_err());
	ASSERT_TRUE(gssk_last_error() && gssk_last_error()[0]);
	TH_LOG("refused: %s / %s: %s", major_name(major), minor_name(minor),
	       last_err());
	ASSERT_EQ(GSS_C_NO_CONTEXT, h);
	ASSERT_EQ(before, session_links());
}

TEST_F(ctx, contexts_loaded_with_default_description_coexist)
{
	struct test_ctx tc2;
	gss_ctx_id_t h2 = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	key_serial_t *ids = NULL;
	int n, i, linked = 0;

	/* description NULL: what a plain RFC 2744-style caller does */
	major = gssk_load_sec_context(&minor, &self->tc.f, 0, NULL, &self->h);
	ASSERT_COMPLETE(major, minor);
	test_ctx_init(&tc2, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 0,
		      TEST_FLAGS, 0, false);
	major = gssk_load_sec_context(&minor, &tc2.f, 0, NULL, &h2);
	ASSERT_COMPLETE(major, minor);
	ASSERT_NE(gssk_context_serial(self->h), gssk_context_serial(h2));

	/* both are in the session keyring and both still work */
	n = keyctl_read_alloc(KEY_SPEC_SESSION_KEYRING, (void **)&ids);
	for (i = 0; n > 0 && i < n / (int)sizeof(*ids); i++)
		if (ids[i] == gssk_context_serial(self->h) ||
		    ids[i] == gssk_context_serial(h2))
			linked++;
	free(ids);
	EXPECT_EQ(2, linked)
		TH_LOG("only %d of the two contexts linked in the session keyring",
		       linked);
	check_inquire(_metadata, self->h, &self->tc);
	check_inquire(_metadata, h2, &tc2);
	gssk_delete_sec_context(&minor, &h2, GSS_C_NO_BUFFER);
}

/* An empty description is no description: the kernel picks gssk:N. */
TEST_F(ctx, empty_description_gets_the_default)
{
	struct test_ctx tc2;
	gss_ctx_id_t h2 = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	char *desc = NULL;
	const char *name;

	major = gssk_load_sec_context(&minor, &self->tc.f, 0, "", &self->h);
	ASSERT_COMPLETE(major, minor);
	test_ctx_init(&tc2, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 0,
		      TEST_FLAGS, 0, false);
	major = gssk_load_sec_context(&minor, &tc2.f, 0, "", &h2);
	ASSERT_COMPLETE(major, minor);
	ASSERT_NE(gssk_context_serial(self->h), gssk_context_serial(h2));

	ASSERT_LT(0, keyctl_describe_alloc(gssk_context_serial(h2), &desc));
	name = strrchr(desc, ';');
	ASSERT_NE(NULL, name);
	EXPECT_EQ(0, strncmp(name + 1, "gssk:", 5)) TH_LOG("key: %s", desc);
	free(desc);
	check_inquire(_metadata, self->h, &self->tc);
	check_inquire(_metadata, h2, &tc2);
	gssk_delete_sec_context(&minor, &h2, GSS_C_NO_BUFFER);
}

TEST_F(ctx, context_time_counts_down)
{
	OM_uint32 major, minor = 0, t1 = 0, t2 = 0;

	self->tc.f.endtime = (uint64_t)time(NULL) + 5;
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_context_time(&minor, self->h, &t1);
	ASSERT_COMPLETE(major, minor);
	sleep_ms(2100);
	major = gssk_context_time(&minor, self->h, &t2);
	ASSERT_COMPLETE(major, minor);
	TH_LOG("time_rec %u then %u", t1, t2);
	ASSERT_GE(5u, t1);
	ASSERT_LT(0u, t1);
	ASSERT_GT(t1, t2);
	ASSERT_GE(t1 - 1, t2);
}

TEST_F(ctx, context_without_endtime_never_expires)
{
	OM_uint32 major, minor = 0, t = 0;

	self->tc.f.endtime = 0;
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_context_time(&minor, self->h, &t);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ((OM_uint32)GSS_C_INDEFINITE, t);
}

TEST_F(ctx, expired_context_time_reports_expired)
{
	OM_uint32 major, minor = 0, t = 99;

	/* 3 s: a load under TCG on a busy host can take most of a second */
	self->tc.f.endtime = (uint64_t)time(NULL) + 3;
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	sleep_ms(4500);
	major = gssk_context_time(&minor, self->h, &t);
	ASSERT_EQ((OM_uint32)GSS_S_CONTEXT_EXPIRED, major)
		LOG_STATUS(major, minor, last_err());
	ASSERT_EQ(0u, t);
}

TEST_F(ctx, context_from_serial_wraps_a_possessed_key)
{
	gss_ctx_id_t h2 = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0, flags = 0;
	int local = -1;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_context_from_serial(&minor, gssk_context_serial(self->h),
					 &h2);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(gssk_context_serial(self->h), gssk_context_serial(h2));
	major = gssk_inquire_context(&minor, h2, NULL, NULL, NULL, NULL,
				     &flags, &local, NULL);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(TEST_FLAGS, flags);
	ASSERT_EQ(1, local);
}

TEST_F(ctx, context_from_serial_refuses_other_key_types)
{
	gss_ctx_id_t h2 = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	key_serial_t user;

	user = add_key("user", "gssk-selftest-user", "x", 1,
		       KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, user);
	major = gssk_context_from_serial(&minor, user, &h2);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_NOT_GSSK_KEY, major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, h2);
}

/*
 * SERIAL names a context key: 0 and the KEY_SPEC_* values (which name
 * the caller's keyrings, down to -8, the request-key destination) are no
 * context for any command, and are not looked up (no keyring is created
 * on demand for them).
 */
TEST_F(ctx, special_serials_name_no_context)
{
	static const uint8_t cmds[] = {
		GSSK_CMD_INQUIRE, GSSK_CMD_EXPORT, GSSK_CMD_DELETE,
	};
	static const char *const names[] = { "INQUIRE", "EXPORT", "DELETE" };
	struct gnl_reply *r = malloc(sizeof(*r));
	int32_t serial;
	unsigned int i;

	ASSERT_NE(NULL, r);
	for (serial = 0; serial >= KEY_SPEC_REQKEY_AUTH_KEY - 1; serial--) {
		for (i = 0; i < sizeof(cmds); i++) {
			ASSERT_GT(0, gnl_serial_cmd(cmds[i], serial, r))
				TH_LOG("%s %d accepted", names[i], serial);
			ASSERT_TRUE(r->has_status)
				TH_LOG("%s %d: %s, no status", names[i],
				       serial, strerror(-r->err));
			EXPECT_EQ((uint32_t)GSSK_MINOR_NO_SUCH_CONTEXT,
				  r->status.minor)
				TH_LOG("%s %d: minor %s, '%s'", names[i],
				       serial, minor_name(r->status.minor),
				       r->msg);
		}
	}
	free(r);
}

/*
 * Only gssk makes gssk keys: add_key(2) of type "gssk", with a payload
 * or without, is refused and leaves no key behind.
 */
/*
 * The kernel checks the key type itself (libgssk checks it too, before
 * asking): raw commands naming a "user" key are refused as not a gssk
 * context, and the key is left alone.
 */
TEST_F(ctx, raw_commands_on_another_key_type_are_refused)
{
	static const uint8_t cmds[] = {
		GSSK_CMD_INQUIRE, GSSK_CMD_EXPORT, GSSK_CMD_DELETE,
	};
	static const char *const names[] = { "INQUIRE", "EXPORT", "DELETE" };
	struct gnl_reply *r = malloc(sizeof(*r));
	key_serial_t user;
	unsigned int i;

	ASSERT_NE(NULL, r);
	user = add_key("user", "gssk-selftest-user", "x", 1,
		       KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, user);
	for (i = 0; i < sizeof(cmds); i++) {
		ASSERT_GT(0, gnl_serial_cmd(cmds[i], user, r))
			TH_LOG("%s of a user key accepted", names[i]);
		ASSERT_TRUE(r->has_status) TH_LOG("%s: no status", names[i]);
		EXPECT_EQ((uint32_t)GSSK_MINOR_NOT_GSSK_KEY, r->status.minor)
			TH_LOG("%s: minor %s, '%s'", names[i],
			       minor_name(r->status.minor), r->msg);
	}
	ASSERT_LT(0, keyctl_describe(user, NULL, 0))
		TH_LOG("the user key is gone: %s", strerror(errno));
	free(r);
}

/* A command that names a context needs SERIAL; without it, a refusal. */
TEST_F(ctx, commands_without_serial_are_refused)
{
	static const uint8_t cmds[] = { GSSK_CMD_INQUIRE, GSSK_CMD_EXPORT,
					GSSK_CMD_DELETE, GSSK_CMD_OPEN };
	struct gnl_reply *r = malloc(sizeof(*r));
	struct gnl_msg *m = malloc(sizeof(*m));
	unsigned int i;

	ASSERT_NE(NULL, r);
	ASSERT_NE(NULL, m);
	for (i = 0; i < sizeof(cmds); i++) {
		gnl_init(m, cmds[i]);
		ASSERT_GT(0, gnl_call(m, r))
			TH_LOG("command %u without SERIAL accepted", cmds[i]);
		TH_LOG("command %u without SERIAL: %s, '%s'", cmds[i],
		       strerror(-r->err), r->msg);
		ASSERT_TRUE(r->has_status);
		EXPECT_EQ((uint32_t)GSSK_MINOR_MISSING_FIELD, r->status.minor)
			TH_LOG("command %u: minor %s", cmds[i],
			       minor_name(r->status.minor));
	}
	free(m);
	free(r);
}

/*
 * The attribute numbers ABI 1's per-message commands used (22, 24 to 32)
 * are reserved: every command's strict policy refuses them, even next to
 * a valid SERIAL, and the context is untouched.
 */
TEST_F(ctx, reserved_attributes_are_refused)
{
	static const uint8_t cmds[] = { GSSK_CMD_INQUIRE, GSSK_CMD_DELETE,
					GSSK_CMD_OPEN };
	struct gnl_reply *r = malloc(sizeof(*r));
	struct gnl_msg *m = malloc(sizeof(*m));
	OM_uint32 major, minor = 0;
	int32_t serial;
	unsigned int i;
	uint16_t type;
	uint32_t v = 0;

	ASSERT_NE(NULL, r);
	ASSERT_NE(NULL, m);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	serial = gssk_context_serial(self->h);
	for (i = 0; i < sizeof(cmds); i++) {
		for (type = 22; type <= 32; type++) {
			if (type == GSSK_A_MINOR)
				continue;
			gnl_init(m, cmds[i]);
			gnl_put(m, GSSK_A_SERIAL, &serial, sizeof(serial));
			gnl_put(m, type, &v, sizeof(v));
			EXPECT_EQ(-EINVAL, gnl_call(m, r))
				TH_LOG("command %u with attribute %u: %s",
				       cmds[i], type, strerror(-r->err));
		}
	}
	ASSERT_EQ(0, gnl_serial_cmd(GSSK_CMD_INQUIRE, serial, r))
		TH_LOG("the context did not survive: %s", r->msg);
	free(m);
	free(r);
}

TEST_F(ctx, add_key_of_type_gssk_is_refused)
{
	static const char forged[] = "not a context";
	key_serial_t k;

	errno = 0;
	k = add_key("gssk", "gssk-selftest-forged", forged, sizeof(forged),
		    KEY_SPEC_SESSION_KEYRING);
	ASSERT_EQ(-1, k) TH_LOG("add_key with a payload made key %d", k);
	EXPECT_EQ(EPERM, errno) TH_LOG("%s", strerror(errno));

	errno = 0;
	k = add_key("gssk", "gssk-selftest-forged", NULL, 0,
		    KEY_SPEC_SESSION_KEYRING);
	ASSERT_EQ(-1, k) TH_LOG("add_key without a payload made key %d", k);
	EXPECT_EQ(EPERM, errno) TH_LOG("%s", strerror(errno));

	EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING, "gssk",
				    "gssk-selftest-forged", 0));
}

TEST_F(ctx, keyctl_read_of_context_is_refused)
{
	OM_uint32 major, minor = 0;
	char buf[512];
	long n;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	memset(buf, 0, sizeof(buf));
	errno = 0;
	n = keyctl_read(gssk_context_serial(self->h), buf, sizeof(buf));
	ASSERT_EQ(-1, n) TH_LOG("keyctl_read returned %ld bytes", n);
	ASSERT_TRUE(errno == EOPNOTSUPP || errno == EACCES)
		TH_LOG("keyctl_read: %s", strerror(errno));
	ASSERT_FALSE(leaks_key(buf, sizeof(buf), self->tc.key,
			       self->tc.f.key_len));
}

TEST_F(ctx, key_listings_show_no_key_bytes)
{
	OM_uint32 major, minor = 0;
	char *desc = NULL, *keys, hex[16];
	size_t len;
	int32_t serial;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	serial = gssk_context_serial(self->h);

	ASSERT_LT(0, keyctl_describe_alloc(serial, &desc));
	TH_LOG("describe: %s", desc);
	ASSERT_NE(NULL, strstr(desc, TEST_DESC));
	ASSERT_FALSE(leaks_key(desc, strlen(desc), self->tc.key,
			       self->tc.f.key_len));
	ASSERT_FALSE(leaks_key(desc, strlen(desc), self->tc.subkey,
			       self->tc.f.subkey_len));
	free(desc);

	keys = read_file("/proc/keys", &len);
	ASSERT_NE(NULL, keys) TH_LOG("/proc/keys: %s", strerror(errno));
	/* make sure the listing does show this key */
	snprintf(hex, sizeof(hex), "%08x ", serial);
	ASSERT_NE(NULL, strstr(keys, hex))
		TH_LOG("serial %08x not in /proc/keys", serial);
	ASSERT_FALSE(leaks_key(keys, len, self->tc.key, self->tc.f.key_len));
	ASSERT_FALSE(leaks_key(keys, len, self->tc.subkey,
			       self->tc.f.subkey_len));
	free(keys);
}

/*
 * A uid-1000 process in its own session, told the serial, can neither
 * inquire, export nor delete the context.
 */
static void child_use_serial(struct child_res *res, void *arg)
{
	int32_t serial = *(int32_t *)arg;
	static const uint8_t cmds[] = {
		GSSK_CMD_INQUIRE, GSSK_CMD_EXPORT, GSSK_CMD_DELETE,
	};
	struct gnl_reply *r = malloc(sizeof(*r));
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 minor = 0;
	unsigned int i;

	res->major = gssk_context_from_serial(&minor, serial, &h);
	res->minor = minor;
	snprintf(res->msg, sizeof(res->msg), "%s", last_err());
	res->v[0] = h != GSS_C_NO_CONTEXT;
	for (i = 0; i < sizeof(cmds); i++) {
		gnl_serial_cmd(cmds[i], serial, r);
		res->v[1 + i] = r->err;
		res->majors[i] = r->has_status ? r->status.major : 0xffffffff;
		res->minors[i] = r->has_status ? r->status.minor : 0xffffffff;
	}
	free(r);
}

static bool denied(OM_uint32 major, OM_uint32 minor)
{
	return (major == GSS_S_NO_CONTEXT || major == GSS_S_UNAUTHORIZED) &&
	       (minor == GSSK_MINOR_KEY_PERMISSION ||
		minor == GSSK_MINOR_NO_SUCH_CONTEXT);
}

TEST_F(ctx, non_possessor_cannot_use_context_by_serial)
{
	static const char *const names[] = { "INQUIRE", "EXPORT", "DELETE" };
	struct child_opts o = {
		.set_uid = true, .uid = OTHER_UID, .gid = OTHER_GID,
		.new_session = true,
	};
	OM_uint32 major, minor = 0, flags = 0;
	struct child_res res;
	int32_t serial;
	unsigned int i;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	serial = gssk_context_serial(self->h);

	ASSERT_EQ(0, run_child(&o, child_use_serial, &serial, &res));
	ASSERT_CHILD_RAN(res);
	ASSERT_TRUE(denied(res.major, res.minor))
		LOG_STATUS(res.major, res.minor, res.msg);
	ASSERT_EQ(0, res.v[0]);
	for (i = 0; i < 3; i++) {
		ASSERT_GT(0, res.v[1 + i])
			TH_LOG("raw %s by uid %d succeeded", names[i],
			       OTHER_UID);
		ASSERT_TRUE(denied(res.majors[i], res.minors[i]))
			TH_LOG("raw %s: errno %d, major 0x%x (%s) minor 0x%x (%s)",
			       names[i], -res.v[1 + i], res.majors[i],
			       major_name(res.majors[i]), res.minors[i],
			       minor_name(res.minors[i]));
	}

	/* the owner still has a working context */
	major = gssk_inquire_context(&minor, self->h, NULL, NULL, NULL, NULL,
				     &flags, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(TEST_FLAGS, flags);
}

TEST_F(ctx, delete_of_deleted_handle_is_refused)
{
	OM_uint32 major, minor = 0;
	gss_ctx_id_t h2 = GSS_C_NO_CONTEXT;
	int32_t serial;

	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	serial = gssk_context_serial(self->h);
	major = gssk_context_from_serial(&minor, serial, &h2);
	ASSERT_COMPLETE(major, minor);
	major = gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);
	/* a second handle on the deleted key is dead */
	major = gssk_inquire_context(&minor, h2, NULL, NULL, NULL, NULL, NULL,
				     NULL, NULL);
	ASSERT_EQ((OM_uint32)GSS_S_NO_CONTEXT, major)
		LOG_STATUS(major, minor, last_err());
	ASSERT_TRUE(minor == GSSK_MINOR_NO_SUCH_CONTEXT ||
		    minor == GSSK_MINOR_CONTEXT_REVOKED)
		LOG_STATUS(major, minor, last_err());
	gssk_delete_sec_context(&minor, &h2, GSS_C_NO_BUFFER);
}

#define QUOTA_UID	1002	/* a uid no other test uses: a fresh quota */

/* qnbytes of uid in /proc/key-users, or -1 */
static long key_user_bytes(uid_t uid)
{
	char *text = read_file("/proc/key-users", NULL), *line;
	long bytes = -1;
	unsigned int u, keys, maxkeys, maxbytes;
	long nb;

	for (line = text; line && *line; line = strchr(line, '\n')) {
		while (*line == '\n')
			line++;
		/* "  1002:     3 3/3 2/200 1234/20000" */
		if (sscanf(line, " %u: %*u %*u/%*u %u/%u %ld/%u", &u, &keys,
			   &maxkeys, &nb, &maxbytes) == 5 && u == uid) {
			bytes = nb;
			break;
		}
	}
	free(text);
	return bytes;
}

/* Child: load contexts until the kernel refuses, then check the first. */
#define KEYS_MAXKEYS	"/proc/sys/kernel/keys/maxkeys"
#define KEYS_MAXBYTES	"/proc/sys/kernel/keys/maxbytes"

static void child_fill_quota(struct child_res *res, void *arg)
{
	gss_ctx_id_t h[256] = { GSS_C_NO_CONTEXT };
	struct test_ctx tc;
	OM_uint32 minor = 0;
	long before = key_user_bytes(QUOTA_UID);
	int n;

	(void)arg;
	test_ctx_init(&tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 0,
		      TEST_FLAGS, 0, false);
	for (n = 0; n < 256; n++) {
		res->major = test_ctx_load(&tc, &minor, &h[n]);
		res->minor = minor;
		if (res->major != GSS_S_COMPLETE)
			break;
	}
	snprintf(res->msg, sizeof(res->msg), "%s", last_err());
	res->v[0] = n;
	res->v[1] = (int32_t)before;
	res->v[2] = (int32_t)key_user_bytes(QUOTA_UID);
	/* the refusal lost nothing: the first context still works */
	if (n > 0)
		res->major2 = gssk_inquire_context(&res->minor2, h[0], NULL,
						   NULL, NULL, NULL, NULL,
						   NULL, NULL);
}

/*
 * Context keys count against the owner's key quota, with their real size,
 * the keyed crypto transforms included (about 3 KiB for an AES context,
 * which a memory cgroup cannot be charged for): a non-root user's byte
 * quota (20000 by default) runs out after a handful of contexts, long
 * before its key count (200), and the refusal says so.
 */
TEST_F(ctx, key_quota_limits_contexts_per_user)
{
	struct child_opts o = {
		.set_uid = true, .uid = QUOTA_UID, .gid = QUOTA_UID,
		.new_session = true,
	};
	struct child_res r = { 0 };
	char *old_keys, *old_bytes;
	int per_ctx, tfm_bytes, err;

	/* The kernel's defaults for a non-root user, for this test only. */
	old_keys = read_file(KEYS_MAXKEYS, NULL);
	old_bytes = read_file(KEYS_MAXBYTES, NULL);
	ASSERT_NE(NULL, old_keys);
	ASSERT_NE(NULL, old_bytes);
	ASSERT_EQ(0, write_file(KEYS_MAXKEYS, "200\n"));
	ASSERT_EQ(0, write_file(KEYS_MAXBYTES, "20000\n"));
	err = run_child(&o, child_fill_quota, NULL, &r);
	write_file(KEYS_MAXKEYS, old_keys);
	write_file(KEYS_MAXBYTES, old_bytes);
	free(old_keys);
	free(old_bytes);
	ASSERT_EQ(0, err)
		TH_LOG("child setup: %s: %s", r.setup_step,
		       strerror(r.setup_err));
	TH_LOG("uid %d loaded %d contexts; key bytes %d before, %d at the limit",
	       QUOTA_UID, r.v[0], r.v[1], r.v[2]);
	EXPECT_EQ((OM_uint32)GSS_S_FAILURE, r.major) TH_LOG("%s", r.msg);
	EXPECT_EQ((OM_uint32)GSSK_MINOR_QUOTA, r.minor) TH_LOG("%s", r.msg);
	EXPECT_NE(0, r.msg[0]);
	ASSERT_LT(0, r.v[0]);
	/* the byte quota, not the 200-key count, stopped it */
	EXPECT_GT(190, r.v[0]);
	ASSERT_LT(0, r.v[2]);
	per_ctx = (r.v[2] - (r.v[1] > 0 ? r.v[1] : 0)) / r.v[0];
	TH_LOG("%d bytes charged per context", per_ctx);
	/*
	 * two keyed cts(cbc(aes)) transforms at 1152 bytes each, plus the
	 * HMAC states and the structures at the size the slab gives them
	 * (about 800 bytes on Debian's kernel, 1200 on the debug kernel,
	 * whose debug metadata makes the slab round up further). With the
	 * kernel's crypto/krb5 (7.x): two keyed AEADs at 2048 and four keyed
	 * hashes at 512 (GSSK_KRB5_AEAD_COST, GSSK_KRB5_SHASH_COST: estimates,
	 * see kernel/krb5_crypto.h) plus the structures.
	 */
	tfm_bytes = gssk_uses_crypto_krb5() ? 2 * 2048 + 4 * 512 : 2 * 1152;
	EXPECT_LT(tfm_bytes, per_ctx);
	EXPECT_GT(tfm_bytes + 1536, per_ctx);
	EXPECT_EQ((OM_uint32)GSS_S_COMPLETE, r.major2);
}

/* A thread that loads one context into the thread keyring (-1). */
struct thread_load {
	const struct test_ctx *tc;
	const char *desc;
	int32_t keyring;
	OM_uint32 major, minor;
	gss_ctx_id_t h;
	int32_t linked;		/* keyring the key is in, or 0 */
};

static void *thread_load_fn(void *arg)
{
	struct thread_load *tl = arg;

	tl->major = gssk_load_sec_context(&tl->minor, &tl->tc->f, tl->keyring,
					  tl->desc, &tl->h);
	if (tl->major == GSS_S_COMPLETE &&
	    keyctl_search(tl->keyring, "gssk", tl->desc, 0) ==
	    gssk_context_serial(tl->h))
		tl->linked = tl->keyring;
	/* the thread keyring goes with the thread: keep nothing */
	if (tl->h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&tl->minor, &tl->h, GSS_C_NO_BUFFER);
	return NULL;
}

/*
 * LOAD into a keyring that does not exist yet: the kernel creates it and
 * installs new credentials for the caller while the context key is being
 * made. The key must land there, owned by the caller.
 */
TEST_F(ctx, load_into_a_keyring_created_on_demand)
{
	struct thread_load tl = {
		.tc = &self->tc, .desc = "gssk-thread-keyring",
		.keyring = KEY_SPEC_THREAD_KEYRING,
	};
	pthread_t t;
	int i;

	for (i = 0; i < 20; i++) {
		tl.linked = 0;
		ASSERT_EQ(0, pthread_create(&t, NULL, thread_load_fn, &tl));
		ASSERT_EQ(0, pthread_join(t, NULL));
		ASSERT_COMPLETE(tl.major, tl.minor);
		ASSERT_EQ(KEY_SPEC_THREAD_KEYRING, tl.linked)
			TH_LOG("round %d: context not in the new thread keyring",
			       i);
	}
}

struct dup_load {
	const struct test_ctx *tc;
	pthread_barrier_t *start;
	OM_uint32 major, minor;
	gss_ctx_id_t h;
};

static void *dup_load_fn(void *arg)
{
	struct dup_load *dl = arg;

	pthread_barrier_wait(dl->start);
	dl->major = gssk_load_sec_context(&dl->minor, &dl->tc->f, 0,
					  "gssk-one-name", &dl->h);
	return NULL;
}

/*
 * Two loads racing with one description: exactly one gets it, the other
 * is refused; the winner's context is the one in the keyring (no context
 * is silently displaced).
 */
TEST_F(ctx, racing_loads_with_one_description_keep_one_context)
{
	struct dup_load dl[2] = { { .tc = &self->tc }, { .tc = &self->tc } };
	OM_uint32 minor;
	pthread_barrier_t start;
	pthread_t t[2];
	int round, i, won;

	for (round = 0; round < 30; round++) {
		ASSERT_EQ(0, pthread_barrier_init(&start, NULL, 2));
		for (i = 0; i < 2; i++) {
			dl[i].start = &start;
			dl[i].h = GSS_C_NO_CONTEXT;
			ASSERT_EQ(0, pthread_create(&t[i], NULL, dup_load_fn,
						    &dl[i]));
		}
		for (i = 0; i < 2; i++)
			ASSERT_EQ(0, pthread_join(t[i], NULL));
		pthread_barrier_destroy(&start);

		won = (dl[0].major == GSS_S_COMPLETE) +
		      (dl[1].major == GSS_S_COMPLETE);
		ASSERT_EQ(1, won) TH_LOG("round %d: %d loads won (%s/%s, %s/%s)",
					 round, won, major_name(dl[0].major),
					 minor_name(dl[0].minor),
					 major_name(dl[1].major),
					 minor_name(dl[1].minor));
		i = dl[0].major == GSS_S_COMPLETE ? 1 : 0;	/* the loser */
		EXPECT_EQ((OM_uint32)GSSK_MINOR_DUPLICATE_DESCRIPTION,
			  dl[i].minor);
		ASSERT_EQ(gssk_context_serial(dl[!i].h),
			  keyctl_search(KEY_SPEC_SESSION_KEYRING, "gssk",
					"gssk-one-name", 0));
		gssk_delete_sec_context(&minor, &dl[!i].h, GSS_C_NO_BUFFER);
	}
}

TEST_HARNESS_MAIN
