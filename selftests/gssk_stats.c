// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_STATS: the raw reply (every attribute, the right sizes, values
 * that match sysfs), the strict policy (no attribute accepted), access for
 * an unprivileged user, and counters that move by exactly one per
 * operation or refusal (libgssk's gssk_get_stats). The absolute counts
 * after a fresh module load are checked by gssk_gsskctl_stats.sh.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "checks.h"

static void get_stats(struct __test_metadata *_metadata, struct gssk_stats *s)
{
	OM_uint32 major, minor = 0;

	memset(s, 0, sizeof(*s));
	s->size = sizeof(*s);
	major = gssk_get_stats(&minor, s);
	ASSERT_COMPLETE(major, minor);
}

static uint64_t refused(const struct gssk_stats *s, OM_uint32 minor)
{
	size_t i;

	for (i = 0; i < s->n_refusals; i++)
		if (s->refusals[i].minor == minor)
			return s->refusals[i].count;
	return 0;
}

static uint64_t refused_total(const struct gssk_stats *s)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < s->n_refusals; i++)
		n += s->refusals[i].count;
	return n;
}

FIXTURE(stats) {
	int unused;
};

FIXTURE_SETUP(stats)
{
	self->unused = 0;
}

FIXTURE_TEARDOWN(stats)
{
}

TEST_F(stats, raw_reply_has_every_attribute)
{
	static const int u32s[] = {
		GSSK_A_STATS_ABI_VERSION, GSSK_A_STATS_DEFAULT_TTL,
		GSSK_A_STATS_MAX_TTL, GSSK_A_STATS_MAX_TOKENS_PER_USER,
		GSSK_A_STATS_SELFTEST_VECTORS,
	};
	static const int u64s[] = {
		GSSK_A_STATS_CONTEXTS, GSSK_A_STATS_TOKENS, GSSK_A_STATS_LOADS,
		GSSK_A_STATS_EXPORTS, GSSK_A_STATS_IMPORTS,
		GSSK_A_STATS_DELETES,
	};
	struct gnl_reply *r = calloc(1, sizeof(*r));
	struct gnl_msg *m = calloc(1, sizeof(*m));
	unsigned long param;
	uint32_t v32;
	uint64_t v64;
	char *sysver;
	size_t i, len;

	ASSERT_TRUE(r && m);
	gnl_init(m, GSSK_CMD_STATS);
	ASSERT_EQ(0, gnl_call(m, r)) TH_LOG("STATS refused: %s", r->msg);
	for (i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++)
		EXPECT_EQ(0, gnl_get_u32(r, u32s[i], &v32))
			TH_LOG("attribute %d missing or not a u32", u32s[i]);
	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++)
		EXPECT_EQ(0, gnl_get_u64(r, u64s[i], &v64))
			TH_LOG("attribute %d missing or not a u64", u64s[i]);
	ASSERT_TRUE(r->attr[GSSK_A_STATS_REFUSALS] != NULL);
	ASSERT_EQ(1u, r->attr_len[GSSK_A_STATS_SELFTEST]);
	EXPECT_EQ((int)GSSK_SELFTEST_PASSED,
		  (int)*(const uint8_t *)r->attr[GSSK_A_STATS_SELFTEST]);
	ASSERT_EQ(0, gnl_get_u32(r, GSSK_A_STATS_SELFTEST_VECTORS, &v32));
	/*
	 * gssk's own backend runs 49 vectors (its internals included), the
	 * crypto/krb5 one 26 (encryptions and checksums, Camellia's too).
	 */
	EXPECT_GT(v32, gssk_uses_crypto_krb5() ? 25u : 40u)
		TH_LOG("only %u known-answer vectors", v32);
	ASSERT_EQ(0, gnl_get_u32(r, GSSK_A_STATS_ABI_VERSION, &v32));
	EXPECT_EQ((uint32_t)GSSK_GENL_VERSION, v32);

	/* the version is a NUL-terminated string, as sysfs shows it */
	ASSERT_TRUE(r->attr[GSSK_A_STATS_VERSION] != NULL);
	len = r->attr_len[GSSK_A_STATS_VERSION];
	ASSERT_GT(len, 1u);
	ASSERT_EQ('\0', ((const char *)r->attr[GSSK_A_STATS_VERSION])[len - 1]);
	sysver = read_file("/sys/module/gssk/version", NULL);
	ASSERT_TRUE(sysver != NULL);
	sysver[strcspn(sysver, "\n")] = '\0';
	EXPECT_STREQ(sysver, (const char *)r->attr[GSSK_A_STATS_VERSION]);
	free(sysver);

	/* the limits are the module parameters in force */
	ASSERT_EQ(0, param_read("max_ttl", &param));
	ASSERT_EQ(0, gnl_get_u32(r, GSSK_A_STATS_MAX_TTL, &v32));
	EXPECT_EQ(param, v32);
	ASSERT_EQ(0, param_read("default_ttl", &param));
	ASSERT_EQ(0, gnl_get_u32(r, GSSK_A_STATS_DEFAULT_TTL, &v32));
	EXPECT_EQ(param, v32);
	ASSERT_EQ(0, param_read("max_tokens_per_user", &param));
	ASSERT_EQ(0, gnl_get_u32(r, GSSK_A_STATS_MAX_TOKENS_PER_USER, &v32));
	EXPECT_EQ(param, v32);
	free(m);
	free(r);
}

TEST_F(stats, limits_follow_module_parameters)
{
	struct gssk_stats s;
	unsigned long old;
	OM_uint32 minor;

	ASSERT_EQ(0, param_read("max_tokens_per_user", &old));
	ASSERT_EQ(0, param_write("max_tokens_per_user", old + 7));
	get_stats(_metadata, &s);
	param_write("max_tokens_per_user", old);
	EXPECT_EQ(old + 7, s.max_tokens_per_user);
	gssk_release_stats(&minor, &s);
}

TEST_F(stats, no_attribute_is_accepted)
{
	struct gnl_reply *r = calloc(1, sizeof(*r));
	struct gnl_msg *m = calloc(1, sizeof(*m));
	int32_t serial = 1;

	ASSERT_TRUE(r && m);
	gnl_init(m, GSSK_CMD_STATS);
	gnl_put(m, GSSK_A_SERIAL, &serial, sizeof(serial));
	gnl_call(m, r);
	EXPECT_EQ(-EINVAL, r->err);
	EXPECT_NE('\0', r->msg[0]) TH_LOG("policy refusal without a message");
	EXPECT_FALSE(r->has_status);
	TH_LOG("STATS with SERIAL refused: %d %s", r->err, r->msg);
	free(m);
	free(r);
}

static void child_stats(struct child_res *res, void *arg)
{
	struct gssk_stats s;
	OM_uint32 minor = 0;

	(void)arg;
	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	res->major = gssk_get_stats(&minor, &s);
	res->minor = minor;
	snprintf(res->msg, sizeof(res->msg), "%s", last_err());
	res->v[0] = s.selftest;
	gssk_release_stats(&minor, &s);
}

TEST_F(stats, open_to_an_unprivileged_user)
{
	struct child_opts o = { .set_uid = true, .uid = OTHER_UID,
				.gid = OTHER_GID, .new_session = true };
	struct child_res res;

	ASSERT_EQ(0, run_child(&o, child_stats, NULL, &res));
	ASSERT_CHILD_RAN(res);
	EXPECT_STATUS(GSS_S_COMPLETE, 0u, res.major, res.minor);
	EXPECT_EQ((int32_t)GSSK_SELFTEST_PASSED, res.v[0]);
}

TEST_F(stats, refusals_are_counted_by_minor_code)
{
	struct gnl_reply *r = calloc(1, sizeof(*r));
	struct gnl_msg *m = calloc(1, sizeof(*m));
	struct gssk_stats a, b;
	uint32_t bogus = 5;
	OM_uint32 minor;

	ASSERT_TRUE(r && m);
	get_stats(_metadata, &a);
	/* a refusal by gssk: no context has this serial */
	gnl_serial_cmd(GSSK_CMD_INQUIRE, 0x7ffffff0, r);
	ASSERT_TRUE(r->has_status);
	ASSERT_EQ((uint32_t)GSSK_MINOR_NO_SUCH_CONTEXT, r->status.minor);
	/* a refusal by the netlink core (policy): not counted */
	gnl_init(m, GSSK_CMD_INQUIRE);
	gnl_put_u32(m, GSSK_A_TTL, bogus);
	gnl_call(m, r);
	ASSERT_EQ(-EINVAL, r->err);
	ASSERT_FALSE(r->has_status);
	get_stats(_metadata, &b);

	EXPECT_EQ(refused(&a, GSSK_MINOR_NO_SUCH_CONTEXT) + 1,
		  refused(&b, GSSK_MINOR_NO_SUCH_CONTEXT));
	EXPECT_EQ(refused_total(&a) + 1, refused_total(&b));
	gssk_release_stats(&minor, &a);
	gssk_release_stats(&minor, &b);
	free(m);
	free(r);
}

TEST_F(stats, operations_count_once_each)
{
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	struct gssk_stats a, b;
	OM_uint32 major, minor = 0;
	struct test_ctx tc;

	test_ctx_init(&tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1, TEST_FLAGS,
		      0, false);
	get_stats(_metadata, &a);
	major = test_ctx_load(&tc, &minor, &h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &h, &tok);
	ASSERT_COMPLETE(major, minor);
	major = gssk_import_sec_context(&minor, &tok, &h);
	ASSERT_COMPLETE(major, minor);
	/* the spent token is refused: one TOKEN_UNKNOWN */
	major = gssk_import_sec_context(&minor, &tok, &(gss_ctx_id_t){ 0 });
	ASSERT_REFUSED_MINOR(GSSK_MINOR_TOKEN_UNKNOWN, major, minor);
	major = gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);
	get_stats(_metadata, &b);
	gssk_release_buffer(&minor, &tok);

	EXPECT_EQ(a.loads + 1, b.loads);
	EXPECT_EQ(a.exports + 1, b.exports);
	EXPECT_EQ(a.imports + 1, b.imports);
	EXPECT_EQ(a.deletes + 1, b.deletes);
	EXPECT_EQ(refused(&a, GSSK_MINOR_TOKEN_UNKNOWN) + 1,
		  refused(&b, GSSK_MINOR_TOKEN_UNKNOWN));
	EXPECT_EQ(refused_total(&a) + 1, refused_total(&b));
	gssk_release_stats(&minor, &a);
	gssk_release_stats(&minor, &b);
}

TEST_F(stats, sequence_numbers_are_reported_and_travel)
{
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	uint64_t send, recv;
	struct test_ctx tc;

	test_ctx_init(&tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 1, TEST_FLAGS,
		      0, false);
	tc.f.send_seq = 1000;
	tc.f.recv_seq = 77;
	major = test_ctx_load(&tc, &minor, &h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_inquire_sequence(&minor, h, &send, &recv);
	ASSERT_COMPLETE(major, minor);
	EXPECT_EQ(1000u, send);
	EXPECT_EQ(77u, recv);

	/* one MIC uses sequence number 1000 */
	major = gssk_get_mic(&minor, h, 0, &(gss_buffer_desc){ 3, "abc" },
			     &tok);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &tok);
	major = gssk_export_sec_context(&minor, &h, &tok);
	ASSERT_COMPLETE(major, minor);
	major = gssk_import_sec_context(&minor, &tok, &h);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &tok);
	major = gssk_inquire_sequence(&minor, h, &send, &recv);
	ASSERT_COMPLETE(major, minor);
	EXPECT_EQ(1001u, send);
	EXPECT_EQ(77u, recv);
	gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);

	major = gssk_inquire_sequence(&minor, GSS_C_NO_CONTEXT, &send, &recv);
	EXPECT_NE(0u, GSS_ERROR(major));
}

/* Only GSSK_GENL_VERSION is spoken: any other version byte is refused. */
TEST_F(stats, other_genl_versions_are_refused)
{
	static const uint8_t versions[] = { 0, GSSK_GENL_VERSION + 1, 255 };
	static const uint8_t cmds[] = { GSSK_CMD_STATS, GSSK_CMD_INQUIRE };
	struct gnl_reply *r = malloc(sizeof(*r));
	struct gnl_msg *m = malloc(sizeof(*m));
	int32_t serial = 1;
	unsigned int v, c;

	ASSERT_NE(NULL, r);
	ASSERT_NE(NULL, m);
	for (v = 0; v < sizeof(versions); v++) {
		for (c = 0; c < sizeof(cmds); c++) {
			gnl_init_version(m, cmds[c], versions[v]);
			if (cmds[c] == GSSK_CMD_INQUIRE)
				gnl_put(m, GSSK_A_SERIAL, &serial,
					sizeof(serial));
			ASSERT_EQ(-EPROTO, gnl_call(m, r))
				TH_LOG("version %u cmd %u: %s", versions[v],
				       cmds[c], r->msg);
			ASSERT_TRUE(r->has_status);
			ASSERT_EQ((uint32_t)GSS_S_FAILURE, r->status.major);
			ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_VERSION,
				  r->status.minor);
			ASSERT_NE(NULL, strstr(r->msg, "version"));
		}
	}
	gnl_init(m, GSSK_CMD_STATS);
	ASSERT_EQ(0, gnl_call(m, r)) TH_LOG("%s", r->msg);
	free(m);
	free(r);
}

TEST_HARNESS_MAIN
