// SPDX-License-Identifier: GPL-2.0
/*
 * gssk per-message operations: round trips between an initiator and an
 * acceptor loaded with the same keys (every enctype, with and without
 * confidentiality and acceptor subkey, messages up to 1 MiB), MIT krb5's
 * published MIC token, corrupted, truncated and misdirected tokens, QOP,
 * expiry, size limits and the by-address buffers of the descriptor
 * ioctls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

#include "harness.h"
#include "checks.h"
#include "msg_util.h"

static const uint32_t enctypes[] = {
	GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
	GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128,
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
};

static const size_t sizes[] = { 0, 1, 15, 16, 17, 1000, 65536, 1048576 };

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

FIXTURE(msg) {
	struct ctx_pair p, q;
};

FIXTURE_SETUP(msg)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
}

FIXTURE_TEARDOWN(msg)
{
	pair_free(&self->p);
	pair_free(&self->q);
}

static void load_pair(struct __test_metadata *_metadata, struct ctx_pair *p,
		      uint32_t enctype, OM_uint32 flags, bool subkey,
		      uint64_t endtime, uint64_t i2a, uint64_t a2i)
{
	OM_uint32 major, minor = 0;

	pair_free(p);
	pair_init(p, enctype, flags, subkey, endtime, i2a, a2i);
	major = pair_load(p, &minor);
	ASSERT_COMPLETE(major, minor);
}

/* Token flags RFC 4121 section 4.2.2 says the sender sets. */
static unsigned int sender_flags(int initiator, int sealed, bool subkey)
{
	return (initiator ? 0 : 0x01) | (sealed ? 0x02 : 0) |
	       (subkey ? 0x04 : 0);
}

/*
 * Wrap msg on from, unwrap on to: the token has the RFC 4121 header and
 * size and the expected sequence number, and the message comes back.
 */
static void wrap_once(struct __test_metadata *_metadata, gss_ctx_id_t from,
		      gss_ctx_id_t to, int from_initiator, uint32_t enctype,
		      bool subkey, int conf, const unsigned char *msg,
		      size_t len, uint64_t seq)
{
	gss_buffer_desc in = buf_of(msg, len), tok = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;
	gss_qop_t qop = 99;
	int cs = -1;

	major = gssk_wrap(&minor, from, conf, GSS_C_QOP_DEFAULT, &in, &cs,
			  &tok);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(conf, cs);
	ASSERT_EQ(wrap_len(enctype, conf, len), tok.length)
		TH_LOG("enctype %u conf %d len %zu", enctype, conf, len);
	ASSERT_EQ(0x05, ((unsigned char *)tok.value)[0]);
	ASSERT_EQ(0x04, ((unsigned char *)tok.value)[1]);
	ASSERT_EQ(sender_flags(from_initiator, conf, subkey),
		  ((unsigned char *)tok.value)[2]);
	ASSERT_EQ(seq, tok_seq(tok.value, tok.length));
	/* sealed: no 16-byte run of the plaintext shows (checked on short ones) */
	if (conf && len >= 16 && len <= 1000)
		ASSERT_FALSE(has_window(tok.value, tok.length, msg, len, 16));

	cs = -1;
	major = gssk_unwrap(&minor, to, &tok, &out, &cs, &qop);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(conf, cs);
	ASSERT_EQ((gss_qop_t)GSS_C_QOP_DEFAULT, qop);
	ASSERT_EQ(len, out.length);
	if (len)
		ASSERT_EQ(0, memcmp(out.value, msg, len));
	gssk_release_buffer(&minor, &tok);
	gssk_release_buffer(&minor, &out);
	ASSERT_EQ(NULL, out.value);
}

static void mic_once(struct __test_metadata *_metadata, gss_ctx_id_t from,
		     gss_ctx_id_t to, int from_initiator, uint32_t enctype,
		     bool subkey, const unsigned char *msg, size_t len,
		     uint64_t seq)
{
	gss_buffer_desc in = buf_of(msg, len), tok = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;
	gss_qop_t qop = 99;

	major = gssk_get_mic(&minor, from, GSS_C_QOP_DEFAULT, &in, &tok);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(mic_len(enctype), tok.length);
	ASSERT_EQ(0x04, ((unsigned char *)tok.value)[0]);
	ASSERT_EQ(0x04, ((unsigned char *)tok.value)[1]);
	ASSERT_EQ(sender_flags(from_initiator, 0, subkey),
		  ((unsigned char *)tok.value)[2]);
	ASSERT_EQ(seq, tok_seq(tok.value, tok.length));
	major = gssk_verify_mic(&minor, to, &in, &tok, &qop);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ((gss_qop_t)GSS_C_QOP_DEFAULT, qop);
	/* the same MIC over another message does not verify */
	if (len) {
		unsigned char *other = xmalloc(len);
		gss_buffer_desc o = buf_of(other, len);

		memcpy(other, msg, len);
		other[len / 2] ^= 0x20;
		major = gssk_verify_mic(&minor, to, &o, &tok, NULL);
		free(other);
		ASSERT_STATUS(GSS_S_BAD_SIG, GSSK_MINOR_BAD_CHECKSUM, major,
			      minor);
	}
	gssk_release_buffer(&minor, &tok);
}

static void round_trips(struct __test_metadata *_metadata,
			FIXTURE_DATA(msg) *self, uint32_t enctype)
{
	unsigned char *msg = xmalloc(sizes[NELEM(sizes) - 1]);
	int subkey, conf;
	size_t i;

	random_bytes(msg, sizes[NELEM(sizes) - 1]);
	for (subkey = 0; subkey <= 1; subkey++) {
		/* i2a and a2i: the peers' first numbers differ */
		uint64_t i2a = 100, a2i = 5000;

		load_pair(_metadata, &self->p, enctype, TEST_FLAGS, subkey,
			  0, i2a, a2i);
		for (conf = 0; conf <= 1; conf++) {
			TH_LOG("enctype %u subkey %d conf %d: sizes 0 to %zu",
			       enctype, subkey, conf, sizes[NELEM(sizes) - 1]);
			for (i = 0; i < NELEM(sizes); i++) {
				wrap_once(_metadata, self->p.init,
					  self->p.acc, 1, enctype, subkey,
					  conf, msg, sizes[i], i2a++);
				wrap_once(_metadata, self->p.acc,
					  self->p.init, 0, enctype, subkey,
					  conf, msg, sizes[i], a2i++);
				if (conf)
					continue;
				mic_once(_metadata, self->p.init, self->p.acc,
					 1, enctype, subkey, msg, sizes[i],
					 i2a++);
				mic_once(_metadata, self->p.acc, self->p.init,
					 0, enctype, subkey, msg, sizes[i],
					 a2i++);
			}
		}
	}
	free(msg);
}

TEST_F_TIMEOUT(msg, round_trips_aes128_cts_hmac_sha1_96, 900)
{
	round_trips(_metadata, self, enctypes[0]);
}

TEST_F_TIMEOUT(msg, round_trips_aes256_cts_hmac_sha1_96, 900)
{
	round_trips(_metadata, self, enctypes[1]);
}

TEST_F_TIMEOUT(msg, round_trips_aes128_cts_hmac_sha256_128, 900)
{
	round_trips(_metadata, self, enctypes[2]);
}

TEST_F_TIMEOUT(msg, round_trips_aes256_cts_hmac_sha384_192, 900)
{
	round_trips(_metadata, self, enctypes[3]);
}

/*
 * MIT krb5, src/tests/gssapi/t_invalid.c, test_cfx_verify_mic() (added
 * with the fix for CVE-2024-37370/37371, krb5 1.21.3): a MIC token over
 * "message" made by the initiator of an AES128 context whose key is the
 * ASCII bytes "1234567887654321", without an acceptor subkey, sequence
 * number 0; MIT checks it on the acceptor side. Test data only.
 */
static const unsigned char mit_key[16] = "1234567887654321";
static const unsigned char mit_mic[28] = {
	0x04, 0x04, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x97, 0xe9, 0x63, 0x3f, 0x9d, 0x82, 0x2b, 0x74,
	0x67, 0x94, 0x8a, 0xd0,
};

static void load_mit(struct __test_metadata *_metadata, struct test_ctx *tc,
		     int initiate, gss_ctx_id_t *h)
{
	OM_uint32 major, minor = 0;

	test_ctx_init(tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, initiate,
		      GSS_C_INTEG_FLAG, 0, false);
	memcpy(tc->key, mit_key, sizeof(mit_key));
	tc->f.send_seq = 0;
	tc->f.recv_seq = 0;
	major = test_ctx_load(tc, &minor, h);
	ASSERT_COMPLETE(major, minor);
}

TEST_F(msg, mit_mic_vector_verifies_and_is_reproduced)
{
	gss_buffer_desc m = buf_of("message", 7), t = buf_of(mit_mic, 28);
	gss_buffer_desc mine = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;
	unsigned char bad[28];
	size_t i;

	load_mit(_metadata, &self->p.ta, 0, &self->p.acc);
	load_mit(_metadata, &self->p.ti, 1, &self->p.init);

	major = gssk_verify_mic(&minor, self->p.acc, &m, &t, NULL);
	ASSERT_COMPLETE(major, minor);

	/* MIC tokens are deterministic: ours over "message", seq 0, is MIT's */
	major = gssk_get_mic(&minor, self->p.init, GSS_C_QOP_DEFAULT, &m,
			     &mine);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(sizeof(mit_mic), mine.length);
	ASSERT_EQ(0, memcmp(mine.value, mit_mic, sizeof(mit_mic)));
	gssk_release_buffer(&minor, &mine);

	/* as in MIT's test: every byte incremented in turn is refused */
	for (i = 0; i < sizeof(mit_mic); i++) {
		gss_buffer_desc b = buf_of(bad, sizeof(bad));

		memcpy(bad, mit_mic, sizeof(bad));
		bad[i]++;
		major = gssk_verify_mic(&minor, self->p.acc, &m, &b, NULL);
		ASSERT_TRUE(major == GSS_S_DEFECTIVE_TOKEN ||
			    major == GSS_S_BAD_SIG)
			TH_LOG("byte %zu: major 0x%x (%s)", i, major,
			       major_name(major));
	}
	/* the initiator does not accept its own direction's token */
	major = gssk_verify_mic(&minor, self->p.init, &m, &t, NULL);
	ASSERT_STATUS(GSS_S_BAD_SIG, GSSK_MINOR_WRONG_DIRECTION, major, minor);
}

/*
 * A token of each kind for corruption tests: MIC, unsealed and sealed wrap.
 * RRC is not integrity protected (RFC 4121 section 4.2.5): a flipped RRC
 * that is a multiple of the rotated length changes nothing. An odd message
 * length keeps every single-bit RRC flip from being such a multiple.
 */
struct sample {
	unsigned char msg[41];
	gss_buffer_desc tok[3];
};

static void make_samples(struct __test_metadata *_metadata,
			 gss_ctx_id_t from, struct sample *s)
{
	gss_buffer_desc in = buf_of(s->msg, sizeof(s->msg));
	OM_uint32 major, minor = 0;
	int conf;

	random_bytes(s->msg, sizeof(s->msg));
	major = gssk_get_mic(&minor, from, GSS_C_QOP_DEFAULT, &in, &s->tok[0]);
	ASSERT_COMPLETE(major, minor);
	for (conf = 0; conf <= 1; conf++) {
		major = gssk_wrap(&minor, from, conf, GSS_C_QOP_DEFAULT, &in,
				  NULL, &s->tok[1 + conf]);
		ASSERT_COMPLETE(major, minor);
	}
}

static void free_samples(struct sample *s)
{
	OM_uint32 minor;
	int i;

	for (i = 0; i < 3; i++)
		gssk_release_buffer(&minor, &s->tok[i]);
}

/* Check token kind k (0: MIC) of s as given in t on ctx; major status. */
static OM_uint32 check_tok(gss_ctx_id_t ctx, struct sample *s, int k,
			   const void *t, size_t len, OM_uint32 *minor,
			   int *matched)
{
	gss_buffer_desc tok = buf_of(t, len), out = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc m = buf_of(s->msg, sizeof(s->msg));
	OM_uint32 major, scratch;

	*matched = 0;
	if (k == 0)
		return gssk_verify_mic(minor, ctx, &m, &tok, NULL);
	major = gssk_unwrap(minor, ctx, &tok, &out, NULL, NULL);
	if (!GSS_ERROR(major))
		*matched = out.length == sizeof(s->msg) &&
			   !memcmp(out.value, s->msg, sizeof(s->msg));
	gssk_release_buffer(&scratch, &out);
	return major;
}

static void expect_rejected(struct __test_metadata *_metadata,
			    OM_uint32 major, OM_uint32 minor, const char *what,
			    size_t where)
{
	ASSERT_TRUE(major == GSS_S_DEFECTIVE_TOKEN || major == GSS_S_BAD_SIG)
		TH_LOG("%s at %zu: major 0x%x (%s) minor %s", what, where,
		       major, major_name(major), minor_name(minor));
	ASSERT_NE((OM_uint32)GSSK_MINOR_NONE, minor);
}

static void corrupt_all(struct __test_metadata *_metadata, uint32_t enctype,
			bool subkey, struct ctx_pair *p)
{
	static const char *const kind[] = { "MIC", "wrap", "sealed wrap" };
	OM_uint32 major, minor = 0;
	struct sample s = { 0 };
	unsigned char *buf;
	int k, matched;
	size_t i, len;

	load_pair(_metadata, p, enctype, TEST_FLAGS, subkey, 0, 0, 0);
	make_samples(_metadata, p->init, &s);
	for (k = 0; k < 3; k++) {
		len = s.tok[k].length;
		buf = xmalloc(len + 16);
		/* every byte, two different flips each */
		for (i = 0; i < 2 * len; i++) {
			memcpy(buf, s.tok[k].value, len);
			buf[i / 2] ^= i % 2 ? 0x80 : 0x01;
			major = check_tok(p->acc, &s, k, buf, len, &minor,
					  &matched);
			expect_rejected(_metadata, major, minor, kind[k], i / 2);
		}
		/* every truncation */
		for (i = 0; i < len; i++) {
			major = check_tok(p->acc, &s, k, s.tok[k].value, i,
					  &minor, &matched);
			expect_rejected(_metadata, major, minor, kind[k], i);
		}
		/* trailing bytes */
		for (i = 1; i <= 16; i += 15) {
			memcpy(buf, s.tok[k].value, len);
			memset(buf + len, 0, i);
			major = check_tok(p->acc, &s, k, buf, len + i, &minor,
					  &matched);
			expect_rejected(_metadata, major, minor, kind[k],
					len + i);
		}
		free(buf);
		/*
		 * None of that touched the receive window, which expects 0:
		 * the real token (sequence k) is accepted as the next one or
		 * after a gap, and carries the message.
		 */
		major = check_tok(p->acc, &s, k, s.tok[k].value,
				  s.tok[k].length, &minor, &matched);
		ASSERT_EQ((OM_uint32)(k ? GSS_S_GAP_TOKEN : 0), major)
			LOG_STATUS(major, minor, last_err());
		ASSERT_EQ((uint64_t)k, tok_seq(s.tok[k].value, s.tok[k].length));
		if (k)
			ASSERT_TRUE(matched);
		/* and the next time it is a duplicate */
		major = check_tok(p->acc, &s, k, s.tok[k].value,
				  s.tok[k].length, &minor, &matched);
		ASSERT_EQ((OM_uint32)GSS_S_DUPLICATE_TOKEN, major);
		load_pair(_metadata, p, enctype, TEST_FLAGS, subkey, 0, 1, 0);
		/* a fresh pair: tokens of the old one do not verify */
		major = check_tok(p->acc, &s, k, s.tok[k].value,
				  s.tok[k].length, &minor, &matched);
		ASSERT_STATUS(GSS_S_BAD_SIG, GSSK_MINOR_BAD_CHECKSUM, major,
			      minor);
		free_samples(&s);
		load_pair(_metadata, p, enctype, TEST_FLAGS, subkey, 0, 0, 0);
		make_samples(_metadata, p->init, &s);
	}
	free_samples(&s);
}

TEST_F_TIMEOUT(msg, corrupted_truncated_oversized_tokens_rejected, 600)
{
	corrupt_all(_metadata, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, false,
		    &self->p);
	corrupt_all(_metadata, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192, true,
		    &self->p);
}

TEST_F(msg, wrong_direction_and_wrong_key_rejected)
{
	struct sample si = { 0 }, sa = { 0 };
	OM_uint32 major, minor = 0;
	int k, matched;

	load_pair(_metadata, &self->p, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		  TEST_FLAGS, true, 0, 0, 0);
	make_samples(_metadata, self->p.init, &si);
	make_samples(_metadata, self->p.acc, &sa);
	for (k = 0; k < 3; k++) {
		/* fed back to its sender */
		major = check_tok(self->p.init, &si, k, si.tok[k].value,
				  si.tok[k].length, &minor, &matched);
		ASSERT_STATUS(GSS_S_BAD_SIG, GSSK_MINOR_WRONG_DIRECTION, major,
			      minor);
		major = check_tok(self->p.acc, &sa, k, sa.tok[k].value,
				  sa.tok[k].length, &minor, &matched);
		ASSERT_STATUS(GSS_S_BAD_SIG, GSSK_MINOR_WRONG_DIRECTION, major,
			      minor);
	}
	/* same key, but the receiver has no acceptor subkey */
	load_pair(_metadata, &self->q, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		  TEST_FLAGS, false, 0, 0, 0);
	for (k = 0; k < 3; k++) {
		major = check_tok(self->q.acc, &si, k, si.tok[k].value,
				  si.tok[k].length, &minor, &matched);
		ASSERT_STATUS(GSS_S_DEFECTIVE_TOKEN, GSSK_MINOR_TOKEN_DEFECTIVE,
			      major, minor);
	}
	/* the right direction still works after all that */
	for (k = 0; k < 3; k++) {
		major = check_tok(self->p.acc, &si, k, si.tok[k].value,
				  si.tok[k].length, &minor, &matched);
		ASSERT_COMPLETE(major, minor);
		if (k)
			ASSERT_TRUE(matched);
	}
	free_samples(&si);
	free_samples(&sa);
}

TEST_F(msg, qop_other_than_default_is_bad_qop)
{
	gss_buffer_desc m = buf_of("hello", 5), t = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0, lim = 0;
	gss_buffer_desc mic = GSS_C_EMPTY_BUFFER;

	load_pair(_metadata, &self->p, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		  TEST_FLAGS, false, 0, 0, 0);
	major = gssk_get_mic(&minor, self->p.init, 1, &m, &t);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_BAD_QOP, major, minor);
	ASSERT_EQ((OM_uint32)GSS_S_BAD_QOP, major);
	ASSERT_EQ(0u, t.length);
	major = gssk_wrap(&minor, self->p.init, 1, 0x100, &m, NULL, &t);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_BAD_QOP, major, minor);
	ASSERT_EQ((OM_uint32)GSS_S_BAD_QOP, major);
	major = gssk_wrap_size_limit(&minor, self->p.init, 1, 7, 1000, &lim);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_BAD_QOP, major, minor);
	ASSERT_EQ((OM_uint32)GSS_S_BAD_QOP, major);
	/* refused calls used no sequence number */
	major = gssk_get_mic(&minor, self->p.init, GSS_C_QOP_DEFAULT, &m,
			     &mic);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(0u, tok_seq(mic.value, mic.length));
	gssk_release_buffer(&minor, &mic);
}

TEST_F_TIMEOUT(msg, expired_context_is_refused, 60)
{
	gss_buffer_desc m = buf_of("hello", 5), t = GSS_C_EMPTY_BUFFER;
	gss_buffer_desc w = GSS_C_EMPTY_BUFFER, o = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0, lim = 0;
	uint64_t end = (uint64_t)time(NULL) + 3;

	load_pair(_metadata, &self->p, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
		  TEST_FLAGS, false, end, 0, 0);
	major = gssk_get_mic(&minor, self->p.init, 0, &m, &t);
	ASSERT_COMPLETE(major, minor);
	major = gssk_wrap(&minor, self->p.init, 1, 0, &m, NULL, &w);
	ASSERT_COMPLETE(major, minor);
	while ((uint64_t)time(NULL) <= end)
		sleep_ms(200);

	major = gssk_get_mic(&minor, self->p.init, 0, &m, &o);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_CONTEXT_EXPIRED, major, minor);
	ASSERT_EQ((OM_uint32)GSS_S_CONTEXT_EXPIRED, major);
	major = gssk_verify_mic(&minor, self->p.acc, &m, &t, NULL);
	ASSERT_EQ((OM_uint32)GSS_S_CONTEXT_EXPIRED, major);
	major = gssk_wrap(&minor, self->p.init, 1, 0, &m, NULL, &o);
	ASSERT_EQ((OM_uint32)GSS_S_CONTEXT_EXPIRED, major);
	major = gssk_unwrap(&minor, self->p.acc, &w, &o, NULL, NULL);
	ASSERT_EQ((OM_uint32)GSS_S_CONTEXT_EXPIRED, major);
	ASSERT_EQ(0u, o.length);
	major = gssk_wrap_size_limit(&minor, self->p.init, 1, 0, 1000, &lim);
	ASSERT_EQ((OM_uint32)GSS_S_CONTEXT_EXPIRED, major);
	gssk_release_buffer(&minor, &t);
	gssk_release_buffer(&minor, &w);
}

TEST_F(msg, message_over_the_limit_is_refused)
{
	unsigned char small[64] = { 0 };
	gss_buffer_desc m = buf_of(small, (size_t)GSSK_MSG_MAX + 1);
	gss_buffer_desc t = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;
	uint32_t code;

	load_pair(_metadata, &self->p, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		  TEST_FLAGS, false, 0, 0, 0);
	/*
	 * libgssk refuses on the length alone (it never reads the 64 MiB that
	 * are not there), and so does the kernel (raw requests below).
	 */
	major = gssk_get_mic(&minor, self->p.init, 0, &m, &t);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_MESSAGE_TOO_LONG, major, minor);
	ASSERT_EQ((OM_uint32)GSS_S_FAILURE, major);
	major = gssk_verify_mic(&minor, self->p.acc, &m,
				&(gss_buffer_desc){ 28, small }, NULL);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_MESSAGE_TOO_LONG, major, minor);
	major = gssk_wrap(&minor, self->p.init, 1, 0, &m, NULL, &t);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_MESSAGE_TOO_LONG, major, minor);

	/* the same through the descriptor, below libgssk's own check */
	for (code = GSSK_OP_WRAP; code <= GSSK_OP_UNWRAP; code++) {
		uint32_t len = GSSK_MSG_MAX + 1;
		struct gssk_op op;
		int fd;

		if (code == GSSK_OP_UNWRAP)
			len += GSSK_WRAP_OVERHEAD_MAX;
		fd = raw_open(code == GSSK_OP_WRAP ? self->p.init :
			      self->p.acc);
		ASSERT_LE(0, fd);
		op = raw_op(code, small, len, NULL, 0);
		ASSERT_EQ(-EMSGSIZE, raw_call(fd, &op)) TH_LOG("op %u", code);
		ASSERT_EQ(-EMSGSIZE, op.error);
		ASSERT_EQ((uint32_t)GSS_S_FAILURE, op.major);
		ASSERT_EQ((uint32_t)GSSK_MINOR_MESSAGE_TOO_LONG, op.minor);
		ASSERT_EQ(0u, op.out_len);
		close(fd);
	}
}

TEST_F(msg, unreadable_or_unwritable_buffers_are_efault)
{
	unsigned char msg[32] = "a message of thirty-two bytes..";
	struct gssk_op op;
	int fd;

	load_pair(_metadata, &self->p, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		  TEST_FLAGS, false, 0, 0, 0);
	fd = raw_open(self->p.init);
	ASSERT_LE(0, fd);
	op = raw_op(GSSK_OP_GET_MIC, (void *)8, 16, msg, sizeof(msg));
	ASSERT_EQ(-EFAULT, raw_call(fd, &op));
	ASSERT_EQ((uint32_t)GSS_S_FAILURE, op.major);
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_ADDRESS, op.minor);

	op = raw_op(GSSK_OP_WRAP, msg, sizeof(msg), (void *)8, 4096);
	ASSERT_EQ(-EFAULT, raw_call(fd, &op));
	ASSERT_EQ((uint32_t)GSS_S_FAILURE, op.major);
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_ADDRESS, op.minor);
	/* a kernel address is no better than an unmapped one */
	op = raw_op(GSSK_OP_GET_MIC, (void *)0xffffffff81000000ull, 16, msg,
		    sizeof(msg));
	ASSERT_EQ(-EFAULT, raw_call(fd, &op));
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_ADDRESS, op.minor);
	/* a range that wraps around the address space */
	op = raw_op(GSSK_OP_GET_MIC, (void *)~(uintptr_t)7, 16, msg,
		    sizeof(msg));
	ASSERT_EQ(-EFAULT, raw_call(fd, &op));
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_ADDRESS, op.minor);
	/* the struct itself unreadable: EFAULT, and nothing to say more */
	ASSERT_EQ(-1, ioctl(fd, GSSK_IOC_GET_MIC, (void *)8));
	ASSERT_EQ(EFAULT, errno);
	close(fd);
}

TEST_F(msg, output_too_small_is_refused_and_uses_nothing)
{
	unsigned char msg[100], out[512];
	gss_buffer_desc t, o = GSS_C_EMPTY_BUFFER;
	uint32_t et = GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128;
	OM_uint32 major, minor = 0;
	struct gssk_op op;
	int fi, fa;

	random_bytes(msg, sizeof(msg));
	load_pair(_metadata, &self->p, et, TEST_FLAGS, false, 0, 0, 0);
	fi = raw_open(self->p.init);
	fa = raw_open(self->p.acc);
	ASSERT_LE(0, fi);
	ASSERT_LE(0, fa);

	op = raw_op(GSSK_OP_WRAP, msg, sizeof(msg), out,
		    wrap_len(et, 1, sizeof(msg)) - 1);
	op.flags = GSSK_OP_CONF;
	ASSERT_EQ(-ENOBUFS, raw_call(fi, &op));
	ASSERT_EQ((uint32_t)GSSK_MINOR_OUTPUT_TOO_SMALL, op.minor);
	ASSERT_EQ(0u, op.out_len);
	/* exactly enough room works, and the refusal used no number */
	op = raw_op(GSSK_OP_WRAP, msg, sizeof(msg), out,
		    wrap_len(et, 1, sizeof(msg)));
	op.flags = GSSK_OP_CONF;
	ASSERT_EQ(0, raw_call(fi, &op));
	ASSERT_EQ(wrap_len(et, 1, sizeof(msg)), op.out_len);
	ASSERT_EQ(1u, op.conf_state);
	ASSERT_EQ(0u, tok_seq(out, op.out_len));

	/* unwrap into too little room: refused, the window untouched */
	t = buf_of(out, op.out_len);
	op = raw_op(GSSK_OP_UNWRAP, out, t.length, out + 256,
		    sizeof(msg) - 1);
	ASSERT_EQ(-ENOBUFS, raw_call(fa, &op));
	ASSERT_EQ((uint32_t)GSSK_MINOR_OUTPUT_TOO_SMALL, op.minor);
	major = gssk_unwrap(&minor, self->p.acc, &t, &o, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(sizeof(msg), o.length);
	ASSERT_EQ(0, memcmp(o.value, msg, sizeof(msg)));
	gssk_release_buffer(&minor, &o);
	close(fi);
	close(fa);
}

/*
 * A WRAP whose output cannot be written (a read-only page) is refused with
 * EFAULT and uses no sequence number: the next token carries number 0.
 */
TEST_F(msg, faulted_wrap_uses_no_sequence_number)
{
	uint32_t et = GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192;
	unsigned char msg[64], out[256];
	volatile unsigned char *ro;
	struct gssk_op op;
	int conf, fd;

	random_bytes(msg, sizeof(msg));
	load_pair(_metadata, &self->p, et, TEST_FLAGS, false, 0, 0, 0);
	fd = raw_open(self->p.init);
	ASSERT_LE(0, fd);
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, (void *)ro);
	(void)ro[0];		/* present, but not writable */

	for (conf = 0; conf <= 1; conf++) {
		op = raw_op(GSSK_OP_WRAP, msg, sizeof(msg), (void *)ro, 4096);
		op.flags = conf ? GSSK_OP_CONF : 0;
		ASSERT_EQ(-EFAULT, raw_call(fd, &op));
		ASSERT_EQ((uint32_t)GSS_S_FAILURE, op.major);
		ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_ADDRESS, op.minor);
		op = raw_op(GSSK_OP_GET_MIC, msg, sizeof(msg), (void *)ro,
			    4096);
		ASSERT_EQ(-EFAULT, raw_call(fd, &op));
	}

	op = raw_op(GSSK_OP_WRAP, msg, sizeof(msg), out, sizeof(out));
	op.flags = GSSK_OP_CONF;
	ASSERT_EQ(0, raw_call(fd, &op));
	ASSERT_EQ(0u, tok_seq(out, op.out_len));
	munmap((void *)ro, 4096);
	close(fd);
}

TEST_F(msg, wrap_size_limit_matches_wrap)
{
	static const OM_uint32 reqs[] = { 0, 1, 16, 40, 60, 61, 100, 1000,
					  65536, 1048576 };
	unsigned char *msg = xmalloc(1048576 + 1);
	OM_uint32 major, minor = 0, lim;
	size_t e, i;
	int conf;

	random_bytes(msg, 1048577);
	for (e = 0; e < NELEM(enctypes); e++) {
		load_pair(_metadata, &self->p, enctypes[e], TEST_FLAGS, false,
			  0, 0, 0);
		for (conf = 0; conf <= 1; conf++) {
			for (i = 0; i < NELEM(reqs); i++) {
				gss_buffer_desc m, t = GSS_C_EMPTY_BUFFER;

				major = gssk_wrap_size_limit(&minor,
							     self->p.init,
							     conf, 0, reqs[i],
							     &lim);
				ASSERT_COMPLETE(major, minor);
				TH_LOG("enctype %u conf %d: %u -> %u",
				       enctypes[e], conf, reqs[i], lim);
				if (lim) {
					m = buf_of(msg, lim);
					major = gssk_wrap(&minor, self->p.init,
							  conf, 0, &m, NULL,
							  &t);
					ASSERT_COMPLETE(major, minor);
					ASSERT_LE(t.length, reqs[i]);
					gssk_release_buffer(&minor, &t);
				}
				/* one byte more no longer fits */
				m = buf_of(msg, (size_t)lim + 1);
				major = gssk_wrap(&minor, self->p.init, conf,
						  0, &m, NULL, &t);
				ASSERT_COMPLETE(major, minor);
				ASSERT_GT(t.length, reqs[i]);
				gssk_release_buffer(&minor, &t);
			}
			major = gssk_wrap_size_limit(&minor, self->p.init,
						     conf, 0, UINT32_MAX,
						     &lim);
			ASSERT_COMPLETE(major, minor);
			ASSERT_EQ((OM_uint32)GSSK_MSG_MAX, lim);
		}
	}
	free(msg);
}

TEST_F(msg, sequence_numbers_run_out)
{
	gss_buffer_desc m = buf_of("x", 1), t = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;

	load_pair(_metadata, &self->p, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		  TEST_FLAGS, false, 0, UINT64_MAX - 1, 0);
	major = gssk_get_mic(&minor, self->p.init, 0, &m, &t);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(UINT64_MAX - 1, tok_seq(t.value, t.length));
	gssk_release_buffer(&minor, &t);
	major = gssk_get_mic(&minor, self->p.init, 0, &m, &t);
	ASSERT_REFUSED_MINOR(GSSK_MINOR_SEQ_EXHAUSTED, major, minor);
	ASSERT_EQ((OM_uint32)GSS_S_FAILURE, major);
}

/*
 * RFC 2744 gss_wrap: a context without GSS_C_CONF_FLAG offers integrity
 * only; conf_req_flag is then not honoured and conf_state says so. The
 * token is not sealed (RFC 4121 flag 0x02) and still unwraps.
 */
TEST_F(msg, wrap_without_conf_flag_gives_integrity_only)
{
	gss_buffer_desc m = buf_of("integrity only", 14);
	gss_buffer_desc t = GSS_C_EMPTY_BUFFER, out = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0, lim_conf = 0, lim_integ = 0;
	int conf_state = -1;

	load_pair(_metadata, &self->p, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
		  TEST_FLAGS & ~(OM_uint32)GSS_C_CONF_FLAG, false, 0, 0, 0);
	major = gssk_wrap(&minor, self->p.init, 1, GSS_C_QOP_DEFAULT, &m,
			  &conf_state, &t);
	ASSERT_COMPLETE(major, minor);
	EXPECT_EQ(0, conf_state);
	ASSERT_LT(3u, t.length);
	EXPECT_EQ(0, ((unsigned char *)t.value)[2] & 0x02)
		TH_LOG("token flags 0x%02x: sealed", ((unsigned char *)t.value)[2]);
	EXPECT_EQ(wrap_len(GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, 0, m.length),
		  t.length);
	conf_state = -1;
	major = gssk_unwrap(&minor, self->p.acc, &t, &out, &conf_state, NULL);
	ASSERT_COMPLETE(major, minor);
	EXPECT_EQ(0, conf_state);
	ASSERT_EQ(m.length, out.length);
	EXPECT_EQ(0, memcmp(m.value, out.value, m.length));
	/* wrap_size_limit follows the same rule */
	ASSERT_COMPLETE(gssk_wrap_size_limit(&minor, self->p.init, 1,
					     GSS_C_QOP_DEFAULT, 1000,
					     &lim_conf), minor);
	ASSERT_COMPLETE(gssk_wrap_size_limit(&minor, self->p.init, 0,
					     GSS_C_QOP_DEFAULT, 1000,
					     &lim_integ), minor);
	EXPECT_EQ(lim_integ, lim_conf);
	gssk_release_buffer(&minor, &t);
	gssk_release_buffer(&minor, &out);
}

/*
 * The descriptor's copies may fault: pages the caller never touched (fresh
 * anonymous memory) are read and written like any other, through the
 * ioctls and through libgssk.
 */
TEST_F(msg, pages_not_faulted_in_yet_work)
{
	size_t len = 3 * 4096;
	gss_buffer_desc m, t = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;
	unsigned char *fresh, *out;
	struct gssk_op op;
	int fd;

	load_pair(_metadata, &self->p, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		  TEST_FLAGS, false, 0, 0, 0);
	fd = raw_open(self->p.init);
	ASSERT_LE(0, fd);
	fresh = mmap(NULL, len, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	out = mmap(NULL, len + 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, fresh);
	ASSERT_NE(MAP_FAILED, out);

	op = raw_op(GSSK_OP_WRAP, fresh, len, out, len + 4096);
	ASSERT_EQ(0, raw_call(fd, &op));
	ASSERT_EQ(0u, tok_seq(out, op.out_len));
	ASSERT_EQ(wrap_len(GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 0, len),
		  op.out_len);
	/* the peer takes token 0, so that token 1 below comes in order */
	m = buf_of(out, op.out_len);
	major = gssk_unwrap(&minor, self->p.acc, &m, &t, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(len, t.length);
	gssk_release_buffer(&minor, &t);

	/* libgssk: a freshly mapped message works without any touching */
	ASSERT_EQ(0, munmap(fresh, len));
	fresh = mmap(NULL, len, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, fresh);
	m = buf_of(fresh, len);
	major = gssk_get_mic(&minor, self->p.init, GSS_C_QOP_DEFAULT, &m, &t);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(1u, tok_seq(t.value, t.length));
	major = gssk_verify_mic(&minor, self->p.acc, &m, &t, NULL);
	ASSERT_COMPLETE(major, minor);
	gssk_release_buffer(&minor, &t);
	munmap(fresh, len);
	munmap(out, len + 4096);
	close(fd);
}

TEST_HARNESS_MAIN
