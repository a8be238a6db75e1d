// SPDX-License-Identifier: GPL-2.0
/*
 * gssk importer policy: who may import a token. Every importer that is
 * refused or accepted here is a real separate process (fork) running under
 * another uid, session keyring, cgroup or user namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>

#include "harness.h"
#include "checks.h"
#include "msg_util.h"

FIXTURE(policy) {
	struct test_ctx tc;
	gss_ctx_id_t h;
	gss_ctx_id_t h2;
	gss_buffer_desc tok;
};

FIXTURE_SETUP(policy)
{
	OM_uint32 major, minor = 0;

	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, 0,
		      TEST_FLAGS, (uint64_t)time(NULL) + 3600, true);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
}

FIXTURE_TEARDOWN(policy)
{
	OM_uint32 minor;

	if (self->h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	if (self->h2 != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h2, GSS_C_NO_BUFFER);
	if (self->tok.value)
		gssk_release_buffer(&minor, &self->tok);
}

static const struct child_opts as_other_uid = {
	.set_uid = true, .uid = OTHER_UID, .gid = OTHER_GID,
};
static const struct child_opts as_other_uid_own_session = {
	.set_uid = true, .uid = OTHER_UID, .gid = OTHER_GID,
	.new_session = true,
};
static const struct child_opts in_new_session = { .new_session = true };
static const struct child_opts in_new_userns = { .new_userns = true };

TEST_F(policy, other_uid_is_refused)
{
	struct child_res res;
	OM_uint32 major, minor = 0;

	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);

	/* same session keyring, only the uid differs */
	ASSERT_EQ(0, run_child(&as_other_uid, child_import, &self->tok, &res));
	ASSERT_CHILD_STATUS(GSS_S_UNAUTHORIZED, GSSK_MINOR_WRONG_UID, res);
	ASSERT_NE(0, res.msg[0]);
	TH_LOG("uid %d refused: %s", OTHER_UID, res.msg);

	/* the refusal did not use up the token */
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, self->h2, &self->tc);
}

TEST_F(policy, other_session_is_refused_by_default)
{
	struct child_res res;
	OM_uint32 major, minor = 0;

	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);

	ASSERT_EQ(0, run_child(&in_new_session, child_import, &self->tok,
			       &res));
	ASSERT_CHILD_STATUS(GSS_S_UNAUTHORIZED, GSSK_MINOR_WRONG_SESSION,
			    res);
	ASSERT_NE(0, res.msg[0]);

	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, self->h2, &self->tc);
}

#define SHARED_SESSION	"gssk-selftest-shared"

/* Join the named session keyring SHARED_SESSION, then import. */
static void child_join_shared_and_import(struct child_res *res, void *arg)
{
	if (keyctl_join_session_keyring(SHARED_SESSION) < 0) {
		res->setup_err = errno;
		snprintf(res->setup_step, sizeof(res->setup_step),
			 "join " SHARED_SESSION);
		return;
	}
	child_import(res, arg);
}

/*
 * The model's documented limit (gssk(7), "A process that joins the
 * exporter's session keyring"): the default policy binds to the session
 * keyring itself, so a process of the same uid that joins the exporter's
 * named session keyring is in that session and may import. Joining by name
 * needs search permission on the keyring, which the kernel does not grant
 * to non-possessors by default: with the default permissions a join by
 * that name makes a new keyring and the import is refused; once the owner
 * grants its user search (keyctl setperm), a joiner gets in. A fresh
 * anonymous session never does.
 */
TEST_F(policy, joining_a_named_session_keyring_joins_the_session)
{
	struct child_res res;
	OM_uint32 major, minor = 0;
	key_serial_t ring;
	key_perm_t perm;
	char *desc = NULL;

	/*
	 * The fixture's context is in the session keyring we now leave (and
	 * so stop possessing): load one into the named session instead.
	 */
	ring = keyctl_join_session_keyring(SHARED_SESSION);
	ASSERT_LT(0, ring);
	gssk_release_context_handle(&minor, &self->h);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);

	ASSERT_EQ(0, run_child(&in_new_session, child_import, &self->tok,
			       &res));
	ASSERT_CHILD_STATUS(GSS_S_UNAUTHORIZED, GSSK_MINOR_WRONG_SESSION,
			    res);
	/* default permissions: the join by name finds nothing to join */
	ASSERT_EQ(0, run_child(&in_new_session, child_join_shared_and_import,
			       &self->tok, &res));
	ASSERT_CHILD_STATUS(GSS_S_UNAUTHORIZED, GSSK_MINOR_WRONG_SESSION,
			    res);

	/* made joinable: the joiner shares the session, and so the token */
	/* "type;uid;gid;perm;description" */
	ASSERT_LT(0, keyctl_describe_alloc(ring, &desc));
	ASSERT_EQ(1, sscanf(desc, "%*[^;];%*[^;];%*[^;];%x", &perm));
	free(desc);
	ASSERT_NE(0u, perm & KEY_POS_WRITE);
	ASSERT_EQ(0, keyctl_setperm(ring, perm | KEY_USR_SEARCH));
	ASSERT_EQ(0, run_child(&in_new_session, child_join_shared_and_import,
			       &self->tok, &res));
	ASSERT_CHILD_IMPORTED(res, TEST_FLAGS);
}

TEST_F(policy, any_session_policy_accepts_other_session)
{
	struct child_res res;
	OM_uint32 major, minor = 0;

	major = export_policy(&minor, &self->h, GSSK_POLICY_ANY_SESSION, 0, -1,
			      0, &self->tok);
	ASSERT_COMPLETE(major, minor);

	ASSERT_EQ(0, run_child(&in_new_session, child_import, &self->tok,
			       &res));
	ASSERT_CHILD_IMPORTED(res, TEST_FLAGS);
	ASSERT_EQ(!!self->tc.f.initiate, res.initiate);

	/* it was the one import */
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_STATUS(GSS_S_NO_CONTEXT, GSSK_MINOR_TOKEN_UNKNOWN, major,
		      minor);
}

TEST_F(policy, uid_policy_grants_named_uid)
{
	struct child_res res;
	OM_uint32 major, minor = 0;

	major = export_policy(&minor, &self->h,
			      GSSK_POLICY_UID | GSSK_POLICY_ANY_SESSION,
			      OTHER_UID, -1, 0, &self->tok);
	ASSERT_COMPLETE(major, minor);

	ASSERT_EQ(0, run_child(&as_other_uid_own_session, child_import,
			       &self->tok, &res));
	ASSERT_CHILD_IMPORTED(res, TEST_FLAGS);
}

TEST_F(policy, uid_policy_refuses_exporting_root)
{
	struct child_res res;
	OM_uint32 major, minor = 0;

	major = export_policy(&minor, &self->h,
			      GSSK_POLICY_UID | GSSK_POLICY_ANY_SESSION,
			      OTHER_UID, -1, 0, &self->tok);
	ASSERT_COMPLETE(major, minor);

	/* root, the exporter, in the exporting session: no bypass */
	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_STATUS(GSS_S_UNAUTHORIZED, GSSK_MINOR_WRONG_UID, major, minor);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->h2);

	/* and the named uid still can */
	ASSERT_EQ(0, run_child(&as_other_uid_own_session, child_import,
			       &self->tok, &res));
	ASSERT_CHILD_IMPORTED(res, TEST_FLAGS);
}

TEST_F(policy, other_userns_is_refused)
{
	struct child_res res;
	OM_uint32 major, minor = 0;

	major = gssk_export_sec_context(&minor, &self->h, &self->tok);
	ASSERT_COMPLETE(major, minor);

	/* same uid (0 maps to 0) and session; only the userns differs */
	ASSERT_EQ(0, run_child(&in_new_userns, child_import, &self->tok,
			       &res));
	ASSERT_CHILD_STATUS(GSS_S_UNAUTHORIZED, GSSK_MINOR_WRONG_USERNS, res);
	ASSERT_NE(0, res.msg[0]);

	major = gssk_import_sec_context(&minor, &self->tok, &self->h2);
	ASSERT_COMPLETE(major, minor);
	check_inquire(_metadata, self->h2, &self->tc);
}

TEST_F(policy, unknown_policy_flag_is_refused)
{
	gss_ctx_id_t before = self->h;
	OM_uint32 major, minor = 0;

	/* GSSK_POLICY_ALL is bits 0..3: ALL + 1 is the first unknown bit */
	major = export_policy(&minor, &self->h, GSSK_POLICY_ALL + 1u, 0, -1,
			      0, &self->tok);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_BAD_POLICY, major, minor);
	ASSERT_EQ(before, self->h);
	ASSERT_EQ(0u, self->tok.length);
	check_inquire(_metadata, self->h, &self->tc);
}

/* Raw: POLICY's policy (its known bits) refuses it, naming it. */
TEST_F(policy, unknown_policy_flag_names_the_attribute)
{
	struct gnl_reply *r = xmalloc(sizeof(*r));
	struct gnl_msg *m = gnl_ctx_msg(GSSK_CMD_EXPORT, self->h);

	gnl_put_u32(m, GSSK_A_POLICY, GSSK_POLICY_ALL + 1u);
	ASSERT_GT(0, gnl_call(m, r)) TH_LOG("unknown policy bit accepted");
	TH_LOG("unknown policy bit: %s, '%s'", strerror(-r->err), r->msg);
	EXPECT_FALSE(r->has_status);
	EXPECT_NE(0, r->msg[0]);
	EXPECT_EQ(GSSK_A_POLICY, r->bad_attr);
	EXPECT_EQ((uint32_t)GSS_S_FAILURE, r->major);
	EXPECT_EQ((uint32_t)GSSK_MINOR_BAD_POLICY, r->minor)
		TH_LOG("mapped to %s", minor_name(r->minor));
	free(m);
	free(r);
	check_inquire(_metadata, self->h, &self->tc);
}

TEST_F(policy, cgroup_policy_with_non_cgroup_fd_is_refused)
{
	gss_ctx_id_t before = self->h;
	OM_uint32 major, minor = 0;
	int fd;

	fd = open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	major = export_policy(&minor, &self->h,
			      GSSK_POLICY_CGROUP | GSSK_POLICY_ANY_SESSION, 0,
			      fd, 0, &self->tok);
	close(fd);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_BAD_CGROUP, major, minor);
	ASSERT_EQ(before, self->h);
	check_inquire(_metadata, self->h, &self->tc);
}

TEST_F(policy, unmapped_policy_uid_is_refused)
{
	gss_ctx_id_t before = self->h;
	OM_uint32 major, minor = 0;

	/* (uid_t)-1 is never mapped: no kuid to bind the token to */
	major = export_policy(&minor, &self->h, GSSK_POLICY_UID, (uid_t)-1,
			      -1, 0, &self->tok);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_BAD_POLICY, major, minor);
	ASSERT_EQ(before, self->h);
	ASSERT_EQ(0u, self->tok.length);
	check_inquire(_metadata, self->h, &self->tc);
}

/*
 * Raw EXPORT (libgssk always sends them together): a UID or CGROUP policy
 * flag without its attribute, or the attribute without its flag, is
 * refused and the context stays in its key.
 */
TEST_F(policy, policy_flag_and_its_attribute_go_together)
{
	struct gnl_reply *r = xmalloc(sizeof(*r));
	struct gnl_msg *m;
	int fd, i;

	fd = open(CGROUP_ROOT, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, fd) TH_LOG("%s: %s", CGROUP_ROOT, strerror(errno));
	for (i = 0; i < 4; i++) {
		static const char *const what[] = {
			"UID flag without POLICY_UID",
			"POLICY_UID without the UID flag",
			"CGROUP flag without POLICY_CGROUP_FD",
			"POLICY_CGROUP_FD without the CGROUP flag",
		};

		m = gnl_ctx_msg(GSSK_CMD_EXPORT, self->h);
		switch (i) {
		case 0:
			gnl_put_u32(m, GSSK_A_POLICY, GSSK_POLICY_UID);
			break;
		case 1:
			gnl_put_u32(m, GSSK_A_POLICY_UID, 0);
			break;
		case 2:
			gnl_put_u32(m, GSSK_A_POLICY, GSSK_POLICY_CGROUP);
			break;
		case 3:
			gnl_put(m, GSSK_A_POLICY_CGROUP_FD, &fd, sizeof(fd));
			break;
		}
		ASSERT_GT(0, gnl_call(m, r)) TH_LOG("%s: accepted", what[i]);
		free(m);
		TH_LOG("%s: %s, '%s'", what[i], strerror(-r->err), r->msg);
		ASSERT_TRUE(r->has_status) TH_LOG("%s: no status", what[i]);
		EXPECT_EQ((uint32_t)GSSK_MINOR_BAD_POLICY, r->status.minor)
			TH_LOG("%s: minor %s", what[i],
			       minor_name(r->status.minor));
		check_inquire(_metadata, self->h, &self->tc);
	}
	close(fd);
	free(r);
}

/* ---- cgroup policies ---- */

FIXTURE(cgroup) {
	struct test_ctx tc;
	gss_ctx_id_t h;
	gss_buffer_desc tok;
	int cg_fd;
	bool made;
};

FIXTURE_SETUP(cgroup)
{
	OM_uint32 major, minor = 0;
	struct statfs sfs;

	self->cg_fd = -1;
	ASSERT_EQ(0, statfs(CGROUP_ROOT, &sfs));
	if (sfs.f_type != CGROUP2_SUPER_MAGIC)
		SKIP(return, CGROUP_ROOT " is not cgroup2");
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	ASSERT_TRUE(!mkdir(CGROUP_TEST, 0755) || errno == EEXIST)
		TH_LOG("mkdir " CGROUP_TEST ": %s", strerror(errno));
	self->made = true;
	ASSERT_TRUE(!mkdir(CGROUP_CHILD, 0755) || errno == EEXIST)
		TH_LOG("mkdir " CGROUP_CHILD ": %s", strerror(errno));
	self->cg_fd = open(CGROUP_TEST, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, self->cg_fd);

	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128, 1,
		      TEST_FLAGS, 0, false);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
}

FIXTURE_TEARDOWN(cgroup)
{
	OM_uint32 minor;
	int r;

	if (self->h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
	if (self->tok.value)
		gssk_release_buffer(&minor, &self->tok);
	if (self->cg_fd >= 0)
		close(self->cg_fd);
	if (!self->made)
		return;
	r = cgroup_remove(CGROUP_CHILD);
	if (r)
		TH_LOG("rmdir " CGROUP_CHILD ": %s", strerror(-r));
	r = cgroup_remove(CGROUP_TEST);
	if (r)
		TH_LOG("rmdir " CGROUP_TEST ": %s", strerror(-r));
}

static const struct child_opts in_root_cgroup = { .cgroup = CGROUP_ROOT };
static const struct child_opts in_test_cgroup = { .cgroup = CGROUP_TEST };
static const struct child_opts in_child_cgroup = { .cgroup = CGROUP_CHILD };

static OM_uint32 export_to_cgroup(FIXTURE_DATA(cgroup) *self,
				  OM_uint32 *minor)
{
	return export_policy(minor, &self->h,
			     GSSK_POLICY_CGROUP | GSSK_POLICY_ANY_SESSION, 0,
			     self->cg_fd, 0, &self->tok);
}

TEST_F(cgroup, cgroup_policy_refuses_importer_outside)
{
	struct child_res res;
	OM_uint32 major, minor = 0;

	major = export_to_cgroup(self, &minor);
	ASSERT_COMPLETE(major, minor);

	ASSERT_EQ(0, run_child(&in_root_cgroup, child_import, &self->tok,
			       &res));
	ASSERT_CHILD_STATUS(GSS_S_UNAUTHORIZED, GSSK_MINOR_WRONG_CGROUP, res);
	ASSERT_NE(0, res.msg[0]);

	/* not consumed: a process in the cgroup still gets it */
	ASSERT_EQ(0, run_child(&in_test_cgroup, child_import, &self->tok,
			       &res));
	ASSERT_CHILD_IMPORTED(res, TEST_FLAGS);
}

TEST_F(cgroup, cgroup_policy_accepts_importer_in_cgroup)
{
	struct child_res res;
	OM_uint32 major, minor = 0;

	major = export_to_cgroup(self, &minor);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(0, run_child(&in_test_cgroup, child_import, &self->tok,
			       &res));
	ASSERT_CHILD_IMPORTED(res, TEST_FLAGS);
}

TEST_F(cgroup, cgroup_policy_accepts_importer_in_descendant)
{
	struct child_res res;
	OM_uint32 major, minor = 0;

	major = export_to_cgroup(self, &minor);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(0, run_child(&in_child_cgroup, child_import, &self->tok,
			       &res));
	ASSERT_CHILD_IMPORTED(res, TEST_FLAGS);
}

/* Exporter child: load a context here and export it, OWN_CGROUP. */
static void child_export_own_cgroup(struct child_res *res, void *arg)
{
	struct test_ctx tc;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	OM_uint32 minor = 0;

	(void)arg;
	test_ctx_init(&tc, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS, 0, false);
	res->major = test_ctx_load(&tc, &minor, &h);
	res->minor = minor;
	snprintf(res->msg, sizeof(res->msg), "load: %s", last_err());
	if (res->major != GSS_S_COMPLETE)
		return;
	res->major = export_policy(&minor, &h, GSSK_POLICY_OWN_CGROUP |
				   GSSK_POLICY_ANY_SESSION, 0, -1, 0, &tok);
	res->minor = minor;
	snprintf(res->msg, sizeof(res->msg), "export: %s", last_err());
	if (res->major != GSS_S_COMPLETE)
		return;
	res->token_len = tok.length;
	if (tok.length <= sizeof(res->token))
		memcpy(res->token, tok.value, tok.length);
	gssk_release_buffer(&minor, &tok);
}

TEST_F(cgroup, own_cgroup_policy_follows_exporter_cgroup)
{
	gss_buffer_desc tok;
	struct child_res res;

	/* the exporter runs in gssk-test */
	ASSERT_EQ(0, run_child(&in_test_cgroup, child_export_own_cgroup, NULL,
			       &res));
	ASSERT_CHILD_STATUS(GSS_S_COMPLETE, 0, res);
	ASSERT_EQ((size_t)GSSK_TOKEN_LEN, res.token_len);
	tok.length = res.token_len;
	tok.value = malloc(res.token_len);
	ASSERT_NE(NULL, tok.value);
	memcpy(tok.value, res.token, res.token_len);

	ASSERT_EQ(0, run_child(&in_root_cgroup, child_import, &tok, &res));
	ASSERT_CHILD_STATUS(GSS_S_UNAUTHORIZED, GSSK_MINOR_WRONG_CGROUP, res);

	ASSERT_EQ(0, run_child(&in_child_cgroup, child_import, &tok, &res));
	ASSERT_CHILD_IMPORTED(res, TEST_FLAGS);
	free(tok.value);
}

TEST_HARNESS_MAIN
