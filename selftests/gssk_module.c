// SPDX-License-Identifier: GPL-2.0
/*
 * gssk module unload with live contexts and pending tokens, then reload.
 * This binary runs last: it removes and re-inserts gssk.ko.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "harness.h"
#include "checks.h"
#include "msg_util.h"

#define NCTX	4	/* contexts loaded */
#define NTOK	2	/* of which exported, tokens left pending */

/* Built with GSSK_SELFTEST_CORRUPT: one crypto self-test vector is wrong. */
#define GSSK_CORRUPT_KO	"/lib/gssk/gssk-corrupt.ko"

/* insmod /lib/gssk/gssk.ko */
static int load_module(void)
{
	return gssk_module_load(GSSK_MODULE_KO, "");
}

/* Does the kernel log (since the last clear) contain needle? */
static bool kernel_log_has(const char *needle)
{
	int size = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	bool found = false;
	char *buf;
	int n;

	if (size <= 0)
		return false;
	buf = malloc(size + 1);
	if (!buf)
		return false;
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, size);
	if (n >= 0) {
		buf[n] = '\0';
		found = strstr(buf, needle) != NULL;
	}
	free(buf);
	return found;
}

/*
 * An open context descriptor pins the module: rmmod is refused (the
 * descriptor's file holds a reference on it), the descriptor keeps
 * working, and once it is closed nothing holds the module any more (the
 * next test unloads it).
 */
FIXTURE(pin) {
	int unused;
};

FIXTURE_SETUP(pin)
{
	self->unused = 0;
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
}

FIXTURE_TEARDOWN(pin)
{
}

TEST_F(pin, unload_is_refused_while_a_descriptor_is_open)
{
	static const char text[] = "pinned";
	unsigned char mic[GSSK_MIC_MAX];
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	struct test_ctx tc;
	struct gssk_op op;
	int fd, err;

	test_ctx_init(&tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&tc, &minor, &h);
	ASSERT_COMPLETE(major, minor);
	fd = raw_open(h);
	ASSERT_LE(0, fd);

	err = gssk_module_unload();
	ASSERT_NE(0, err);
	TH_LOG("rmmod with a descriptor open: %s", strerror(-err));
	ASSERT_TRUE(gssk_module_loaded());
	op = raw_op(GSSK_OP_GET_MIC, text, sizeof(text), mic, sizeof(mic));
	ASSERT_EQ(0, raw_call(fd, &op));
	ASSERT_EQ(tc.f.send_seq, tok_seq(mic, op.out_len));
	close(fd);
	major = gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);
}

FIXTURE(module) {
	struct test_ctx tc[NCTX];
	gss_ctx_id_t h[NCTX];
	int32_t serial[NCTX];
	gss_buffer_desc tok[NTOK];
};

FIXTURE_SETUP(module)
{
	if (!gssk_module_loaded())
		SKIP(return, "gssk is not loaded");
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
}

FIXTURE_TEARDOWN(module)
{
	OM_uint32 minor;
	int i, r;

	for (i = 0; i < NTOK; i++)
		if (self->tok[i].value)
			gssk_release_buffer(&minor, &self->tok[i]);
	/* leave the module loaded whatever happened */
	if (!gssk_module_loaded()) {
		r = load_module();
		if (r)
			TH_LOG("reloading " GSSK_MODULE_KO ": %s", strerror(-r));
	}
}

TEST_F(module, unload_with_live_contexts_then_reload)
{
	struct test_ctx tc;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT, h2 = GSS_C_NO_CONTEXT;
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;
	char *desc = NULL;
	int i, r, fam_before, fam_after;

	/* live contexts and pending tokens */
	for (i = 0; i < NCTX; i++) {
		test_ctx_init(&self->tc[i], 17 + i, i & 1, TEST_FLAGS,
			      (uint64_t)time(NULL) + 600, i >= 2);
		major = test_ctx_load(&self->tc[i], &minor, &self->h[i]);
		ASSERT_COMPLETE(major, minor);
		self->serial[i] = gssk_context_serial(self->h[i]);
	}
	for (i = 0; i < NTOK; i++) {
		major = gssk_export_sec_context(&minor, &self->h[i],
						&self->tok[i]);
		ASSERT_COMPLETE(major, minor);
	}
	for (i = NTOK; i < NCTX; i++)
		check_inquire(_metadata, self->h[i], &self->tc[i]);
	fam_before = gnl_family_id();
	ASSERT_LT(0, fam_before);

	r = gssk_module_unload();
	ASSERT_EQ(0, r) TH_LOG("rmmod gssk: %s", strerror(-r));
	ASSERT_FALSE(gssk_module_loaded());
	ASSERT_EQ(-ENOENT, gnl_family_id());

	/* every context key is gone */
	for (i = 0; i < NCTX; i++) {
		errno = 0;
		ASSERT_GT(0, keyctl_describe_alloc(self->serial[i], &desc))
			TH_LOG("serial %d survived rmmod: %s", self->serial[i],
			       desc);
		TH_LOG("serial %d after rmmod: %s", self->serial[i],
		       strerror(errno));
	}
	/* libgssk fails cleanly while the family is absent */
	test_ctx_init(&tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1, TEST_FLAGS,
		      0, false);
	major = test_ctx_load(&tc, &minor, &h);
	ASSERT_TRUE(!!GSS_ERROR(major));
	ASSERT_EQ(GSS_C_NO_CONTEXT, h);
	TH_LOG("load without the module: %s / 0x%x: %s", major_name(major),
	       minor, last_err());

	r = load_module();
	ASSERT_EQ(0, r) TH_LOG("insmod " GSSK_MODULE_KO ": %s", strerror(-r));
	ASSERT_TRUE(gssk_module_loaded());
	fam_after = gnl_family_id();
	ASSERT_LT(0, fam_after);
	TH_LOG("family id %d before, %d after reload", fam_before, fam_after);

	/* a full round trip through the new module instance */
	major = test_ctx_load(&tc, &minor, &h);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, h, &tc);
	major = gssk_export_sec_context(&minor, &h, &tok);
	ASSERT_COMPLETE(major, minor);
	major = gssk_import_sec_context(&minor, &tok, &h2);
	gssk_release_buffer(&minor, &tok);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, h2, &tc);
	major = gssk_delete_sec_context(&minor, &h2, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);

	/* tokens of the old instance mean nothing to the new one */
	for (i = 0; i < NTOK; i++) {
		major = gssk_import_sec_context(&minor, &self->tok[i], &h2);
		ASSERT_STATUS(GSS_S_NO_CONTEXT, GSSK_MINOR_TOKEN_UNKNOWN,
			      major, minor);
		ASSERT_EQ(GSS_C_NO_CONTEXT, h2);
	}
	/* handles of the old instance are dead, not confused with new keys */
	for (i = NTOK; i < NCTX; i++) {
		major = gssk_inquire_context(&minor, self->h[i], NULL, NULL,
					     NULL, NULL, NULL, NULL, NULL);
		ASSERT_EQ((OM_uint32)GSS_S_NO_CONTEXT, major)
			LOG_STATUS(major, minor, last_err());
		major = gssk_delete_sec_context(&minor, &self->h[i],
						GSS_C_NO_BUFFER);
		ASSERT_EQ((OM_uint32)GSS_S_NO_CONTEXT, major)
			LOG_STATUS(major, minor, last_err());
	}
}

/*
 * Like the kernel's own crypto self-tests: a module whose known-answer test
 * fails must not load, and must say which vector failed.
 */
TEST_F(module, corrupted_selftest_vector_refuses_load)
{
	int r;

	r = gssk_module_unload();
	ASSERT_EQ(0, r) TH_LOG("rmmod gssk: %s", strerror(-r));
	ASSERT_EQ(0, klogctl(5 /* SYSLOG_ACTION_CLEAR */, NULL, 0));

	r = gssk_module_load(GSSK_CORRUPT_KO, "");
	EXPECT_EQ(-EINVAL, r) TH_LOG("insmod " GSSK_CORRUPT_KO ": %s",
				    strerror(-r));
	EXPECT_FALSE(gssk_module_loaded());
	EXPECT_TRUE(kernel_log_has("gssk: self-test failed: "));
	EXPECT_FALSE(kernel_log_has("self-test passed"));

	r = load_module();
	ASSERT_EQ(0, r) TH_LOG("insmod " GSSK_MODULE_KO ": %s", strerror(-r));
	EXPECT_TRUE(kernel_log_has("gssk: Kerberos crypto self-test passed"));
}

TEST_HARNESS_MAIN
