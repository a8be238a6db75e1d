// SPDX-License-Identifier: GPL-2.0
/*
 * Checks that userspace cannot observe through the production module, run
 * against its test build (make module-test, /lib/gssk/gssk-test.ko; see
 * kernel/testmode.h for its test_* parameters):
 *
 *  - keyctl revoke frees the context's keyed transforms at once, not when
 *    the key garbage collector comes (test_live_secrets);
 *  - the key bytes of a LOAD request are zero when the request is done,
 *    whether the load succeeded or was refused (test_load_residue);
 *  - an EXPORT whose reply cannot be delivered after its token was
 *    published withdraws and frees the token, and leaves the context in
 *    its key, usable (test_fail_export_reply, test_live_tokens);
 *  - IMPORT itself refuses an expired token that the reaper has not freed
 *    yet (test_reaper_delay);
 *  - with many contexts alive, EXPORT and DELETE retire keys in batches:
 *    revoked at once, reported by gssk exactly as an invalidated key, and
 *    destroyed with their batch, also when the module goes first
 *    (test_retire_batch_from: the threshold, set to 0 here).
 *
 * And the production gssk.ko has no test_* parameter at all. Every test
 * but that one swaps gssk.ko for the test build and back, even when it
 * fails; should a test die before its teardown, a destructor in the main
 * process puts the production module back at exit.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "harness.h"
#include "checks.h"
#include "msg_util.h"

/* Built with GSSK_TEST_HOOKS (make module-test). */
#define GSSK_TEST_KO	"/lib/gssk/gssk-test.ko"

/*
 * The parameters of gssk when this program starts (tools/vm/init.sh sets
 * them from gssk.PARAM=VALUE words), as "name=value ...": both builds are
 * loaded with them, so the tests after this one find the module as it was.
 */
static char boot_params[1024];

/* insmod path, with boot_params */
static int load_module_path(const char *path)
{
	return gssk_module_load(path, boot_params);
}

/* Parameters of the loaded module whose name starts with "test_". */
static int count_test_params(void)
{
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir(GSSK_PARAM_DIR);
	if (!d)
		return -errno;
	while ((de = readdir(d)))
		n += !strncmp(de->d_name, "test_", 5);
	closedir(d);
	return n;
}

/* The main process, at start: note the production module's parameters. */
static void __attribute__((constructor)) save_boot_params(void)
{
	char path[512], *val, *nl;
	size_t used = 0;
	struct dirent *de;
	DIR *d;
	int n;

	d = opendir(GSSK_PARAM_DIR);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !strncmp(de->d_name, "test_", 5))
			continue;
		snprintf(path, sizeof(path), GSSK_PARAM_DIR "/%s", de->d_name);
		val = read_file(path, NULL);
		if (!val)
			continue;
		nl = strchr(val, '\n');
		if (nl)
			*nl = '\0';
		n = snprintf(boot_params + used, sizeof(boot_params) - used,
			     "%s%s=%s", used ? " " : "", de->d_name, val);
		free(val);
		if (n < 0 || (size_t)n >= sizeof(boot_params) - used) {
			boot_params[0] = '\0';	/* all or nothing */
			break;
		}
		used += n;
	}
	closedir(d);
}

/* Does the file at path contain the string needle? */
static bool file_has(const char *path, const char *needle)
{
	size_t len = 0;
	char *buf = read_file(path, &len);
	bool found;

	if (!buf)
		return false;
	found = memmem(buf, len, needle, strlen(needle)) != NULL;
	free(buf);
	return found;
}

/*
 * Put the production module back: unload the test build if it is loaded,
 * load gssk.ko if no gssk is. 0 or -errno.
 */
static int restore_production(void)
{
	int r;

	if (gssk_module_loaded() && count_test_params() > 0) {
		r = gssk_module_unload();
		if (r)
			return r;
	}
	if (!gssk_module_loaded())
		return load_module_path(GSSK_MODULE_KO);
	return 0;
}

/* The main process, at exit: whatever happened, leave gssk.ko loaded. */
static void __attribute__((destructor)) restore_at_exit(void)
{
	int r = restore_production();

	if (r)
		fprintf(stderr, "# gssk_testmode: restoring %s: %s\n",
			GSSK_MODULE_KO, strerror(-r));
}

/* A read-only counter of the test build. */
static unsigned long counter(struct __test_metadata *_metadata,
			     const char *name)
{
	unsigned long v = ~0UL;
	int r = param_read(name, &v);

	EXPECT_EQ(0, r) TH_LOG("reading %s: %s", name, strerror(-r));
	return v;
}

#define ASSERT_COUNTER(expect, name) \
	ASSERT_EQ((unsigned long)(expect), counter(_metadata, name))

static void set_param(struct __test_metadata *_metadata, const char *name,
		      unsigned long val)
{
	int r = param_write(name, val);

	ASSERT_EQ(0, r) TH_LOG("writing %s: %s", name, strerror(-r));
}

/* The module's counters (without the refusal rows). */
static void get_stats(struct __test_metadata *_metadata,
		      struct gssk_stats *s)
{
	OM_uint32 major, minor = 0;
	struct gssk_stats rows;

	memset(s, 0, sizeof(*s));
	s->size = sizeof(*s);
	major = gssk_get_stats(&minor, s);
	ASSERT_COMPLETE(major, minor);
	rows = *s;
	gssk_release_stats(&minor, &rows);
	s->refusals = NULL;
	s->n_refusals = 0;
}

/* A MIC over a short message: the context behind h works. */
static void check_get_mic(struct __test_metadata *_metadata, gss_ctx_id_t h,
			  OM_uint32 emaj, OM_uint32 emin)
{
	gss_buffer_desc msg = { .length = 5, .value = "hello" };
	gss_buffer_desc mic = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0, ignored;

	major = gssk_get_mic(&minor, h, GSS_C_QOP_DEFAULT, &msg, &mic);
	gssk_release_buffer(&ignored, &mic);
	ASSERT_STATUS(emaj, emin, major, minor);
}

/* Keys without a zero byte: an unwiped request shows all of them. */
static void test_ctx_init_nonzero(struct test_ctx *tc, uint32_t enctype,
				  int initiate, uint64_t endtime,
				  bool with_subkey)
{
	size_t i;

	test_ctx_init(tc, enctype, initiate, TEST_FLAGS, endtime, with_subkey);
	for (i = 0; i < sizeof(tc->key); i++) {
		tc->key[i] |= !tc->key[i];
		tc->subkey[i] |= !tc->subkey[i];
	}
}

/*
 * The production module (as loaded at boot, or as put back by a test
 * below) and the production .ko file have no test_* parameter; the test
 * build has them.
 */
FIXTURE(production) {
};

FIXTURE_SETUP(production)
{
}

FIXTURE_TEARDOWN(production)
{
}

TEST_F(production, module_has_no_test_params)
{
	struct stat st;

	if (!gssk_module_loaded())
		SKIP(return, "gssk is not loaded");
	ASSERT_EQ(0, stat(GSSK_PARAM_DIR "/default_ttl", &st))
		TH_LOG(GSSK_PARAM_DIR " does not list the module parameters");
	ASSERT_EQ(0, count_test_params())
		TH_LOG("the loaded gssk has test_* parameters: a test build?");
	ASSERT_TRUE(file_has(GSSK_MODULE_KO, "parm=default_ttl:"));
	ASSERT_FALSE(file_has(GSSK_MODULE_KO, "parm=test_"))
		TH_LOG(GSSK_MODULE_KO " has test_* parameters");
	ASSERT_TRUE(file_has(GSSK_TEST_KO, "parm=test_live_secrets:"))
		TH_LOG(GSSK_TEST_KO " is not the test build");
	TH_LOG("both builds are loaded with \"%s\"", boot_params);
}

FIXTURE(testmode) {
	struct test_ctx tc, tc2;
	gss_ctx_id_t h, h2;
	gss_buffer_desc tok;
};

/* Swap the production module for the test build. */
FIXTURE_SETUP(testmode)
{
	int r;

	if (!gssk_module_loaded())
		SKIP(return, "gssk is not loaded");
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	r = gssk_module_unload();
	ASSERT_EQ(0, r) TH_LOG("rmmod gssk: %s", strerror(-r));
	r = load_module_path(GSSK_TEST_KO);
	ASSERT_EQ(0, r) TH_LOG("insmod " GSSK_TEST_KO ": %s", strerror(-r));
	ASSERT_EQ(7, count_test_params());
	/* The known-answer self-test at load freed all of its secrets. */
	ASSERT_COUNTER(0, "test_live_secrets");
	ASSERT_COUNTER(0, "test_live_tokens");
}

/* Back to the production module, whatever the test did. */
FIXTURE_TEARDOWN(testmode)
{
	OM_uint32 minor;
	int r;

	if (self->tok.value)
		gssk_release_buffer(&minor, &self->tok);
	if (self->h != GSS_C_NO_CONTEXT)
		gssk_release_context_handle(&minor, &self->h);
	if (self->h2 != GSS_C_NO_CONTEXT)
		gssk_release_context_handle(&minor, &self->h2);
	r = restore_production();
	if (r)
		TH_LOG("restoring " GSSK_MODULE_KO ": %s", strerror(-r));
	EXPECT_EQ(0, r);
	EXPECT_EQ(0, count_test_params());
}

/*
 * (a) keyctl revoke: the key's ->revoke frees the context's keyed
 * transforms at once. The revoked key itself stays until the key garbage
 * collector runs (gc_delay, 5 minutes by default): describing it still
 * says EKEYREVOKED, not ENOKEY.
 */
TEST_F_TIMEOUT(testmode, revoke_frees_secrets_at_once, 120)
{
	OM_uint32 major, minor = 0;
	char *desc = NULL;
	int32_t serial;

	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	test_ctx_init(&self->tc2, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, 0,
		      TEST_FLAGS, 0, true);
	major = test_ctx_load(&self->tc2, &minor, &self->h2);
	ASSERT_COMPLETE(major, minor);
	ASSERT_COUNTER(2, "test_live_secrets");
	check_get_mic(_metadata, self->h, GSS_S_COMPLETE, 0);

	serial = gssk_context_serial(self->h);
	ASSERT_EQ(0, keyctl_revoke(serial)) TH_LOG("revoke: %m");
	ASSERT_COUNTER(1, "test_live_secrets")
		TH_LOG("the revoked context's secrets are still alive");

	errno = 0;
	ASSERT_GT(0, keyctl_describe_alloc(serial, &desc));
	ASSERT_EQ(EKEYREVOKED, errno)
		TH_LOG("the revoked key is already gone (%m): not a test of revoke");
	check_get_mic(_metadata, self->h, GSS_S_NO_CONTEXT,
		      GSSK_MINOR_CONTEXT_REVOKED);

	/* the other context is untouched */
	check_get_mic(_metadata, self->h2, GSS_S_COMPLETE, 0);
	ASSERT_COUNTER(1, "test_live_secrets");
	major = gssk_delete_sec_context(&minor, &self->h2, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);
	ASSERT_COUNTER(0, "test_live_secrets");
}

/* Load tc (into keyring, 0: session) and expect emaj/emin. */
static void load_expect(struct __test_metadata *_metadata,
			const struct test_ctx *tc, int32_t keyring,
			OM_uint32 emaj, OM_uint32 emin, gss_ctx_id_t *h)
{
	OM_uint32 major, minor = 0;

	*h = GSS_C_NO_CONTEXT;
	major = gssk_load_sec_context(&minor, &tc->f, keyring, NULL, h);
	ASSERT_STATUS(emaj, emin, major, minor);
}

/*
 * (b) the key bytes of a LOAD request (CTX_KEY, SUBKEY) are wiped when the
 * request is done: after a load, after a refusal before the keys were
 * derived and after one that came once they were. test_load_key_bytes,
 * which differs from one load to the next, shows that the check saw this
 * request.
 */
TEST_F_TIMEOUT(testmode, load_request_keys_wiped, 120)
{
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 minor;
	key_serial_t user_key;

	/* loaded: AES128 without subkey, then AES256 with one */
	test_ctx_init_nonzero(&self->tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128,
			      1, 0, false);
	load_expect(_metadata, &self->tc, 0, GSS_S_COMPLETE, 0, &self->h);
	ASSERT_COUNTER(16, "test_load_key_bytes");
	ASSERT_COUNTER(0, "test_load_residue")
		TH_LOG("key bytes left in the LOAD request");

	test_ctx_init_nonzero(&self->tc2,
			      GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, 0, 0,
			      true);
	load_expect(_metadata, &self->tc2, 0, GSS_S_COMPLETE, 0, &self->h2);
	ASSERT_COUNTER(64, "test_load_key_bytes");
	ASSERT_COUNTER(0, "test_load_residue")
		TH_LOG("key bytes left in the LOAD request");
	ASSERT_COUNTER(2, "test_live_secrets");

	/* refused before the keys are derived: the end time is past */
	test_ctx_init_nonzero(&self->tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
			      1, (uint64_t)time(NULL) - 60, false);
	load_expect(_metadata, &self->tc, 0, GSS_S_CONTEXT_EXPIRED,
		    GSSK_MINOR_CONTEXT_EXPIRED, &h);
	ASSERT_EQ(GSS_C_NO_CONTEXT, h);
	ASSERT_COUNTER(16, "test_load_key_bytes");
	ASSERT_COUNTER(0, "test_load_residue")
		TH_LOG("key bytes left in a refused LOAD request");

	/* refused after: the destination is a key, not a keyring */
	user_key = add_key("user", "gssk-testmode", "x", 1,
			   KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, user_key) TH_LOG("add_key: %m");
	test_ctx_init_nonzero(&self->tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
			      0, 0, true);
	load_expect(_metadata, &self->tc, user_key, GSS_S_FAILURE,
		    GSSK_MINOR_BAD_KEYRING, &h);
	ASSERT_EQ(GSS_C_NO_CONTEXT, h);
	ASSERT_COUNTER(32, "test_load_key_bytes");
	ASSERT_COUNTER(0, "test_load_residue")
		TH_LOG("key bytes left in a refused LOAD request");
	/* and the refused context's derived keys were freed */
	ASSERT_COUNTER(2, "test_live_secrets");

	gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	gssk_delete_sec_context(&minor, &self->h2, GSS_C_NO_BUFFER);
	ASSERT_COUNTER(0, "test_live_secrets");
}

/* Export *h with the default policy, expecting the delivery failure. */
static void export_undone(struct __test_metadata *_metadata, gss_ctx_id_t *h,
			  gss_buffer_t tok, const struct gssk_stats *before)
{
	OM_uint32 major, minor = 0;
	struct gssk_stats s;
	const char *err;

	major = gssk_export_sec_context(&minor, h, tok);
	ASSERT_STATUS(GSS_S_FAILURE, GSSK_MINOR_NO_MEMORY, major, minor);
	err = gssk_last_error();
	ASSERT_TRUE(err && strstr(err, "could not deliver the token"))
		TH_LOG("message: %s", last_err());
	ASSERT_EQ((size_t)0, tok->length);
	ASSERT_NE(GSS_C_NO_CONTEXT, *h);

	/* the token was withdrawn (not pending) and freed (not alive) */
	get_stats(_metadata, &s);
	ASSERT_EQ(before->tokens, s.tokens)
		TH_LOG("a token of the undone export is still pending");
	ASSERT_COUNTER(0, "test_live_tokens")
		TH_LOG("the withdrawn token was not freed");
	ASSERT_EQ(before->exports, s.exports);
	/* the context is still alive, in its key */
	ASSERT_EQ(before->contexts, s.contexts);
	ASSERT_COUNTER(1, "test_live_secrets");
}

/*
 * (c) EXPORT publishes its token, then its reply cannot be delivered: the
 * token is withdrawn and freed, nothing stays pending, the key still holds
 * the context, which works, and exports again once replies go through.
 */
TEST_F_TIMEOUT(testmode, failed_export_reply_is_undone, 120)
{
	gss_ctx_id_t imported = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	struct gssk_stats before, s;
	char *desc = NULL;
	int32_t serial;

	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, (uint64_t)time(NULL) + 600, true);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	serial = gssk_context_serial(self->h);
	get_stats(_metadata, &before);
	ASSERT_COUNTER(1, "test_live_secrets");

	set_param(_metadata, "test_fail_export_reply", 1);
	export_undone(_metadata, &self->h, &self->tok, &before);
	/* the key was neither invalidated nor emptied */
	ASSERT_LT(0, keyctl_describe_alloc(serial, &desc))
		TH_LOG("key %d after the undone export: %m", serial);
	free(desc);
	check_inquire(_metadata, self->h, &self->tc);
	check_get_mic(_metadata, self->h, GSS_S_COMPLETE, 0);
	/* the key was let go of: it can be claimed again */
	export_undone(_metadata, &self->h, &self->tok, &before);

	set_param(_metadata, "test_fail_export_reply", 0);
	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h);
	get_stats(_metadata, &s);
	ASSERT_EQ(before.tokens + 1, s.tokens);
	ASSERT_EQ(before.exports + 1, s.exports);
	ASSERT_COUNTER(1, "test_live_tokens");

	major = gssk_import_sec_context(&minor, &self->tok, &imported);
	ASSERT_COMPLETE(major, minor);
	self->h2 = imported;
	ASSERT_COUNTER(0, "test_live_tokens");
	check_inquire(_metadata, self->h2, &self->tc);
	major = gssk_delete_sec_context(&minor, &self->h2, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);
	ASSERT_COUNTER(0, "test_live_secrets");
}

/*
 * (d) IMPORT checks the token's time to live itself: with the reaper held
 * back, an expired token is still in the table and is refused as expired
 * (not as unknown, which is what a reaped token gives), and the refusal
 * leaves it there.
 */
TEST_F_TIMEOUT(testmode, expired_token_refused_before_reaper, 120)
{
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	struct gssk_stats before, s;

	set_param(_metadata, "test_reaper_delay", 60);
	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	get_stats(_metadata, &before);
	major = export_policy(&minor, &self->h, 0, 0, -1, 1, &self->tok);
	ASSERT_COMPLETE(major, minor);

	sleep_ms(1500);
	get_stats(_metadata, &s);
	ASSERT_EQ(before.tokens + 1, s.tokens)
		TH_LOG("the expired token was reaped: not a test of IMPORT");
	major = gssk_import_sec_context(&minor, &self->tok, &h);
	ASSERT_STATUS(GSS_S_NO_CONTEXT, GSSK_MINOR_TOKEN_EXPIRED, major,
		      minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, h);
	get_stats(_metadata, &s);
	ASSERT_EQ(before.tokens + 1, s.tokens);
	ASSERT_EQ(before.imports, s.imports);
	ASSERT_COUNTER(1, "test_live_tokens");
	ASSERT_COUNTER(1, "test_live_secrets");

	/* a token within its time to live (the default) still imports */
	gssk_release_buffer(&minor, &self->tok);
	test_ctx_init(&self->tc2, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&self->tc2, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = export_policy(&minor, &self->h, 0, 0, -1, 0, &self->tok);
	ASSERT_COMPLETE(major, minor);
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, self->h2, &self->tc2);
}

/*
 * An expired context's secrets are wiped at its endtime (the context's
 * expiry work), not when its key is collected (gc_delay after expiry, 5
 * minutes by default) or deleted: the key is still there, expired, while
 * the count of live secrets is already down. Deleting it still works. A
 * pending token's context is wiped the same way.
 */
TEST_F_TIMEOUT(testmode, expired_context_secrets_wiped_at_endtime, 120)
{
	OM_uint32 major, minor = 0;
	/* a 5 s margin for the loads and the export on a busy machine */
	uint64_t end = (uint64_t)time(NULL) + 5;
	char *desc = NULL;
	int32_t serial;
	int i;

	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128, 1,
		      TEST_FLAGS, end, false);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	test_ctx_init(&self->tc2, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 0,
		      TEST_FLAGS, end, true);
	major = test_ctx_load(&self->tc2, &minor, &self->h2);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->h2, &self->tok);
	ASSERT_COMPLETE(major, minor);
	ASSERT_COUNTER(2, "test_live_secrets");
	check_get_mic(_metadata, self->h, GSS_S_COMPLETE, 0);

	/* Past the endtime, with a margin for a busy emulated machine. */
	for (i = 0; i < 150 && counter(_metadata, "test_live_secrets"); i++)
		sleep_ms(100);
	ASSERT_LE((uint64_t)end, (uint64_t)time(NULL))
		TH_LOG("the secrets went before the endtime");
	ASSERT_COUNTER(0, "test_live_secrets")
		TH_LOG("the expired contexts' secrets are still alive");

	serial = gssk_context_serial(self->h);
	errno = 0;
	ASSERT_GT(0, keyctl_describe_alloc(serial, &desc));
	ASSERT_EQ(EKEYEXPIRED, errno) TH_LOG("the key should be there, expired");
	check_get_mic(_metadata, self->h, GSS_S_CONTEXT_EXPIRED,
		      GSSK_MINOR_CONTEXT_EXPIRED);
	major = gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);
}

/* What gssk says of a retired serial: gone, as an invalidated key. */
static void check_serial_gone(struct __test_metadata *_metadata,
			      int32_t serial)
{
	struct gnl_reply *r = xmalloc(sizeof(*r));
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;

	major = gssk_context_from_serial(&minor, serial, &h);
	EXPECT_STATUS(GSS_S_NO_CONTEXT, GSSK_MINOR_NO_SUCH_CONTEXT, major,
		      minor);
	EXPECT_EQ(GSS_C_NO_CONTEXT, h);
	EXPECT_EQ(-ENOKEY, gnl_serial_cmd(GSSK_CMD_INQUIRE, serial, r));
	EXPECT_EQ(-ENOKEY, gnl_serial_cmd(GSSK_CMD_DELETE, serial, r));
	EXPECT_TRUE(r->has_status);
	EXPECT_EQ((uint32_t)GSSK_MINOR_NO_SUCH_CONTEXT, r->status.minor)
		TH_LOG("DELETE of a retired serial: %s",
		       minor_name(r->status.minor));
	EXPECT_EQ(-ENOKEY, raw_open_serial_quiet(serial));
	free(r);
}

/* keyctl describe of serial: 0 or the errno. */
static int describe_errno(int32_t serial)
{
	char *desc = NULL;
	int err = 0;

	errno = 0;
	if (keyctl_describe_alloc(serial, &desc) < 0)
		err = errno;
	free(desc);
	return err;
}

/* Wait (at most 10 s) until serial is gone for keyctl too: its errno. */
static int wait_destroyed(int32_t serial)
{
	int err = 0, i;

	for (i = 0; i < 100; i++) {
		err = describe_errno(serial);
		if (err == ENOKEY)
			break;
		sleep_ms(100);
	}
	return err;
}

/*
 * (e) Retiring keys in batches (kernel/key_retire.c), forced here with
 * test_retire_batch_from=0: DELETE and EXPORT revoke the key at once
 * (keyctl says EKEYREVOKED, where an invalidated key says ENOKEY: that
 * shows the batch is in use), every gssk command and an open descriptor
 * see it gone exactly as an invalidated key, and the batch destroys it
 * within a few seconds (the batch waits one second).
 */
TEST_F_TIMEOUT(testmode, retired_keys_die_in_batches, 120)
{
	int32_t s1, s2;
	OM_uint32 major, minor = 0;
	struct gssk_op op;
	char out[64];
	int fd;

	set_param(_metadata, "test_retire_batch_from", 0);
	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	test_ctx_init(&self->tc2, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 0,
		      TEST_FLAGS, 0, true);
	major = test_ctx_load(&self->tc2, &minor, &self->h2);
	ASSERT_COMPLETE(major, minor);
	s1 = gssk_context_serial(self->h);
	s2 = gssk_context_serial(self->h2);
	fd = raw_open(self->h);
	ASSERT_LE(0, fd) TH_LOG("OPEN: %s", strerror(-fd));

	major = gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->h2, &self->tok);
	ASSERT_COMPLETE(major, minor);

	ASSERT_EQ(EKEYREVOKED, describe_errno(s1))
		TH_LOG("the deleted key is not waiting in a batch");
	ASSERT_EQ(EKEYREVOKED, describe_errno(s2))
		TH_LOG("the exported key is not waiting in a batch");
	check_serial_gone(_metadata, s1);
	check_serial_gone(_metadata, s2);
	op = raw_op(GSSK_OP_GET_MIC, "hello", 5, out, sizeof(out));
	EXPECT_EQ(-ENOKEY, raw_call(fd, &op));
	EXPECT_EQ((uint32_t)GSS_S_NO_CONTEXT, op.major);
	EXPECT_EQ((uint32_t)GSSK_MINOR_CONTEXT_CLOSED, op.minor);

	/* the descriptor holds its key; the batch held the other one */
	ASSERT_EQ(ENOKEY, wait_destroyed(s2))
		TH_LOG("the exported key outlived its batch");
	ASSERT_EQ(EKEYREVOKED, describe_errno(s1));
	close(fd);
	ASSERT_EQ(ENOKEY, wait_destroyed(s1))
		TH_LOG("the deleted key outlived its last descriptor");

	/* the token still imports, and a keyctl revoke is still a revoke */
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, self->h2, &self->tc2);
	s2 = gssk_context_serial(self->h2);
	ASSERT_EQ(0, keyctl_revoke(s2));
	check_get_mic(_metadata, self->h2, GSS_S_NO_CONTEXT,
		      GSSK_MINOR_CONTEXT_REVOKED);
}

/*
 * (f) A batch still waiting when the module goes is dropped first: the
 * unload works and the keys are gone with the key type.
 */
TEST_F_TIMEOUT(testmode, pending_batch_is_dropped_at_unload, 120)
{
	OM_uint32 major, minor = 0;
	int32_t serial;
	int r;

	set_param(_metadata, "test_retire_batch_from", 0);
	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, 1,
		      TEST_FLAGS, 0, true);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	serial = gssk_context_serial(self->h);
	major = gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(EKEYREVOKED, describe_errno(serial))
		TH_LOG("the deleted key is not waiting in a batch");

	r = gssk_module_unload();
	ASSERT_EQ(0, r) TH_LOG("rmmod with a pending batch: %s", strerror(-r));
	ASSERT_EQ(ENOKEY, wait_destroyed(serial))
		TH_LOG("the batch's key outlived the module");
}

TEST_HARNESS_MAIN
