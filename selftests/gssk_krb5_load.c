// SPDX-License-Identifier: GPL-2.0
/*
 * gssk_krb5_load_sec_context against real MIT contexts: what is refused,
 * and that a refused MIT context is left exactly as it was and still works.
 *
 * Both sides of each context are MIT krb5 in this process (the initiator
 * with alice's TGT from /tmp/krb5cc_gssk, the acceptor with the service
 * keytab), established against the VM's KDC (tools/vm/realm.sh). The
 * interop of loaded contexts with separate MIT and Heimdal peers is
 * gssk_krb5.c's job.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gssapi/gssapi_krb5.h>
#include <gssk/gssk_krb5.h>
#include "harness.h"
#include "util.h"
/* libgssk's own minor codes (GSSK_MINOR_KRB5_*) */
#include "../lib/internal.h"

#define CCACHE_PATH	"/tmp/krb5cc_gssk"
#define COMPLETE	((OM_uint32)GSS_S_COMPLETE)

/* The minor status of the last MIT call that failed, for the log. */
static OM_uint32 mit_minor;

FIXTURE(load) {
	gss_ctx_id_t ini, acc, gssk, gssk2;
	gss_buffer_desc tok;	/* initiator's first token */
	gss_name_t target;	/* MIT wants it on every init step */
	gss_cred_id_t icred, acred;	/* GSS_C_NO_CREDENTIAL: defaults */
};

FIXTURE_SETUP(load)
{
	memset(self, 0, sizeof(*self));
	setenv("KRB5CCNAME", "FILE:" CCACHE_PATH, 1);
	setenv("KRB5_KTNAME", "FILE:/etc/krb5.keytab", 1);
	ASSERT_EQ(0, access(CCACHE_PATH, R_OK)) {
		TH_LOG("no ccache %s: the VM's KDC did not start (gssk-kdc)",
		       CCACHE_PATH);
	}
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
}

FIXTURE_TEARDOWN(load)
{
	OM_uint32 m;

	gss_release_buffer(&m, &self->tok);
	gss_release_name(&m, &self->target);
	gss_release_cred(&m, &self->icred);
	gss_release_cred(&m, &self->acred);
	gss_delete_sec_context(&m, &self->ini, GSS_C_NO_BUFFER);
	gss_delete_sec_context(&m, &self->acc, GSS_C_NO_BUFFER);
	gssk_delete_sec_context(&m, &self->gssk, GSS_C_NO_BUFFER);
	gssk_delete_sec_context(&m, &self->gssk2, GSS_C_NO_BUFFER);
}

/* The initiator's first step towards service: a half-made context. */
static OM_uint32 init_first(gss_cred_id_t cred, const char *service,
			    gss_name_t *target, gss_ctx_id_t *ini,
			    gss_buffer_t tok)
{
	gss_buffer_desc nb = { strlen(service), (void *)service };
	OM_uint32 major, minor;

	major = gss_import_name(&minor, &nb, GSS_KRB5_NT_PRINCIPAL_NAME,
				target);
	if (major)
		return major;
	major = gss_init_sec_context(&minor, cred, ini, *target, (gss_OID)gss_mech_krb5,
			GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG |
			GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG |
			GSS_C_INTEG_FLAG, 0, GSS_C_NO_CHANNEL_BINDINGS,
			GSS_C_NO_BUFFER, NULL, tok, NULL, NULL);
	mit_minor = minor;
	return major;
}

/* Finish: the acceptor takes tok, the initiator takes the reply. */
static OM_uint32 finish(gss_cred_id_t icred, gss_cred_id_t acred,
			gss_name_t target, gss_ctx_id_t *ini,
			gss_ctx_id_t *acc, gss_buffer_t tok)
{
	gss_buffer_desc reply = GSS_C_EMPTY_BUFFER, none = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, m;

	major = gss_accept_sec_context(&minor, acc, acred, tok,
			GSS_C_NO_CHANNEL_BINDINGS, NULL, NULL, &reply, NULL,
			NULL, NULL);
	mit_minor = minor;
	if (major)
		return major;
	major = gss_init_sec_context(&minor, icred, ini, target,
			(gss_OID)gss_mech_krb5, 0, 0,
			GSS_C_NO_CHANNEL_BINDINGS, &reply, NULL, &none, NULL,
			NULL);
	gss_release_buffer(&m, &reply);
	gss_release_buffer(&m, &none);
	return major;
}

/* A whole context, both sides in this process. */
static OM_uint32 establish(FIXTURE_DATA(load) *self, const char *service)
{
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, m;

	major = init_first(self->icred, service, &self->target, &self->ini,
			   &tok);
	if (major == GSS_S_CONTINUE_NEEDED)
		major = finish(self->icred, self->acred, self->target,
			       &self->ini, &self->acc, &tok);
	gss_release_buffer(&m, &tok);
	return major;
}

/*
 * One sealed message from a sender to a receiver, each either MIT (gss_*)
 * or gssk (gssk_*). Returns the receiver's major status; the bytes and
 * conf_state must come through unchanged.
 */
static OM_uint32 send_msg(gss_ctx_id_t from, bool from_gssk, gss_ctx_id_t to,
			  bool to_gssk)
{
	static const char text[] = "sixteen bytes+ of a message";
	gss_buffer_desc in = { sizeof(text), (void *)text };
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER, out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, m;
	int conf = 0;

	major = from_gssk ?
		gssk_wrap(&minor, from, 1, 0, &in, &conf, &tok) :
		gss_wrap(&minor, from, 1, 0, &in, &conf, &tok);
	if (major)
		return major;
	conf = 0;
	major = to_gssk ?
		gssk_unwrap(&minor, to, &tok, &out, &conf, NULL) :
		gss_unwrap(&minor, to, &tok, &out, &conf, NULL);
	if (!GSS_ERROR(major) && (!conf || out.length != in.length ||
		       memcmp(out.value, in.value, in.length)))
		major = GSS_S_BAD_SIG;	/* wrong bytes: report as a failure */
	if (from_gssk)
		gssk_release_buffer(&m, &tok);
	else
		gss_release_buffer(&m, &tok);
	if (to_gssk)
		gssk_release_buffer(&m, &out);
	else
		gss_release_buffer(&m, &out);
	return major;
}

TEST_F(load, half_made_context_is_refused_and_left_usable)
{
	OM_uint32 major, minor = 0;
	gss_ctx_id_t before;

	major = init_first(GSS_C_NO_CREDENTIAL, "gssk-e18/localhost@GSSK.TEST",
			   &self->target, &self->ini, &self->tok);
	ASSERT_EQ((OM_uint32)GSS_S_CONTINUE_NEEDED, major);
	before = self->ini;
	self->gssk = (gss_ctx_id_t)1;
	major = gssk_krb5_load_sec_context(&minor, &self->ini, 0, NULL,
					   &self->gssk);
	TH_LOG("half-made context: major %#x (%s) minor %#x (%s): %s", major,
	       major_name(major), minor, minor_name(minor), last_err());
	/* MIT 1.20 describes a half-made context as not open */
	EXPECT_EQ((OM_uint32)GSS_S_NO_CONTEXT, major);
	EXPECT_EQ((OM_uint32)GSSK_MINOR_KRB5_INCOMPLETE, minor);
	EXPECT_NE(NULL, strstr(last_err(), "not established"));
	ASSERT_EQ(before, self->ini);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->gssk);

	/* MIT can still finish the handshake and use the context */
	ASSERT_EQ(COMPLETE, finish(GSS_C_NO_CREDENTIAL, GSS_C_NO_CREDENTIAL,
				     self->target, &self->ini, &self->acc,
				     &self->tok));
	ASSERT_EQ(COMPLETE, send_msg(self->ini, false, self->acc, false));

	/* and now it loads; the MIT handle is gone, the kernel one works */
	major = gssk_krb5_load_sec_context(&minor, &self->ini, 0, NULL,
					   &self->gssk);
	ASSERT_EQ(COMPLETE, major) {
		TH_LOG("%s minor %s: %s", major_name(major),
		       minor_name(minor), last_err());
	}
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->ini);
	EXPECT_EQ(COMPLETE, send_msg(self->gssk, true, self->acc, false));
	EXPECT_EQ(COMPLETE, send_msg(self->acc, false, self->gssk, true));
}

TEST_F(load, kernel_refusal_leaves_mit_context_usable)
{
	OM_uint32 major, minor = 0;
	gss_ctx_id_t before;

	ASSERT_EQ(COMPLETE, establish(self, "gssk-e20/localhost@GSSK.TEST"));
	/* the initiator side takes the description "taken" */
	major = gssk_krb5_load_sec_context(&minor, &self->ini, 0, "taken",
					   &self->gssk);
	ASSERT_EQ(COMPLETE, major);
	/* the acceptor side asks for the same one: the kernel refuses */
	before = self->acc;
	major = gssk_krb5_load_sec_context(&minor, &self->acc, 0, "taken",
					   &self->gssk2);
	EXPECT_EQ((OM_uint32)GSS_S_FAILURE, major);
	EXPECT_EQ((OM_uint32)GSSK_MINOR_DUPLICATE_DESCRIPTION, minor);
	TH_LOG("duplicate description: %s", last_err());
	ASSERT_EQ(before, self->acc);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->gssk2);
	/* the refused MIT acceptor still talks to the loaded initiator */
	EXPECT_EQ(COMPLETE, send_msg(self->acc, false, self->gssk, true));
	EXPECT_EQ(COMPLETE, send_msg(self->gssk, true, self->acc, false));

	/* loaded under another name, both sides are kernel contexts */
	major = gssk_krb5_load_sec_context(&minor, &self->acc, 0, NULL,
					   &self->gssk2);
	ASSERT_EQ(COMPLETE, major);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->acc);
	EXPECT_EQ(COMPLETE, send_msg(self->gssk2, true, self->gssk, true));
	/*
	 * The acceptor had received one message through MIT before its
	 * load, and MIT's lucid context only gives the peer's initial
	 * sequence number: the kernel sees the next one as a gap (a
	 * supplementary bit; the message still comes through), then is in
	 * step (libgssk(3)).
	 */
	EXPECT_EQ((OM_uint32)GSS_S_GAP_TOKEN,
		  send_msg(self->gssk, true, self->gssk2, true));
	EXPECT_EQ(COMPLETE, send_msg(self->gssk, true, self->gssk2, true));
}

/*
 * Contexts gssk does not take: made by MIT all right, refused before
 * anything reaches the kernel, and left working.
 */
/*
 * Credentials for both sides that allow only enctype: otherwise MIT's
 * acceptor negotiates an AES subkey and the context uses RFC 4121 tokens
 * whatever the service key is.
 */
static OM_uint32 only_enctype(FIXTURE_DATA(load) *self, int32_t enctype)
{
	gss_OID_set_desc krb5 = { 1, (gss_OID)gss_mech_krb5 };
	OM_uint32 major, minor;

	major = gss_acquire_cred(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE,
				 &krb5, GSS_C_INITIATE, &self->icred, NULL,
				 NULL);
	if (!major)
		major = gss_acquire_cred(&minor, GSS_C_NO_NAME,
					 GSS_C_INDEFINITE, &krb5,
					 GSS_C_ACCEPT, &self->acred, NULL,
					 NULL);
	if (!major)
		major = gss_krb5_set_allowable_enctypes(&minor, self->icred,
							1, &enctype);
	if (!major)
		major = gss_krb5_set_allowable_enctypes(&minor, self->acred,
							1, &enctype);
	mit_minor = minor;
	return major;
}

static void refused_enctype(struct __test_metadata *_metadata,
			    FIXTURE_DATA(load) *self, int32_t enctype,
			    const char *service, OM_uint32 want_minor,
			    const char *want_text)
{
	OM_uint32 major, minor = 0;
	gss_ctx_id_t before;

	major = only_enctype(self, enctype);
	if (!major)
		major = establish(self, service);
	ASSERT_EQ(COMPLETE, major) {
		OM_uint32 m, ctx = 0;
		gss_buffer_desc t = GSS_C_EMPTY_BUFFER;

		gss_display_status(&m, mit_minor, GSS_C_MECH_CODE,
				   GSS_C_NO_OID, &ctx, &t);
		TH_LOG("MIT: %.*s", (int)t.length, (char *)t.value);
		gss_release_buffer(&m, &t);
	}
	before = self->acc;
	self->gssk = (gss_ctx_id_t)1;
	major = gssk_krb5_load_sec_context(&minor, &self->acc, 0, NULL,
					   &self->gssk);
	TH_LOG("%s: %s / %#x: %s", service, major_name(major), minor,
	       last_err());
	EXPECT_EQ((OM_uint32)GSS_S_FAILURE, major);
	EXPECT_EQ(want_minor, minor);
	EXPECT_NE(NULL, strstr(last_err(), want_text));
	ASSERT_EQ(before, self->acc);
	ASSERT_EQ(GSS_C_NO_CONTEXT, self->gssk);
	EXPECT_EQ(COMPLETE, send_msg(self->ini, false, self->acc, false));
	EXPECT_EQ(COMPLETE, send_msg(self->acc, false, self->ini, false));
}

TEST_F(load, rc4_context_is_refused_as_rfc1964)
{
	refused_enctype(_metadata, self, 23, "gssk-e23/localhost@GSSK.TEST",
			GSSK_MINOR_KRB5_RFC1964, "enctype 23");
}

/*
 * Camellia: libgssk passes it on and the kernel decides. Without
 * crypto/krb5 it refuses; with it the context loads (gssk_krb5's
 * mit_e25 and mit_e26 cases run it against MIT).
 */
TEST_F(load, camellia_context_is_refused_without_crypto_krb5)
{
	if (gssk_uses_crypto_krb5())
		SKIP(return, "this gssk has Camellia: see gssk_krb5 mit_e25");
	refused_enctype(_metadata, self, 25, "gssk-e25/localhost@GSSK.TEST",
			GSSK_MINOR_BAD_ENCTYPE, "enctype not supported");
}

TEST_HARNESS_MAIN
