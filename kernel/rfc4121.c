// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 4121 section 4.2 per-message tokens.
 *
 *   MIC:  04 04 | flags | ff ff ff ff ff | SND_SEQ (8) | SGN_CKSUM
 *         SGN_CKSUM = Kc(SIGN) over message | the first 16 bytes
 *   Wrap: 05 04 | flags | ff | EC (2) | RRC (2) | SND_SEQ (8) | data
 *         sealed:   data = E(SEAL, message | EC filler bytes | header)
 *         unsealed: data = message | Kc(SEAL) over message | header
 *                   (the checksummed header has EC and RRC zero)
 *         data is rotated right by RRC bytes.
 *
 * Flags: 0x01 SentByAcceptor, 0x02 Sealed, 0x04 AcceptorSubkey.
 *
 * A received token must carry SentByAcceptor exactly when this context is
 * the initiator (else GSS_S_BAD_SIG / GSSK_MINOR_WRONG_DIRECTION, as MIT
 * does), and AcceptorSubkey exactly when the context has an acceptor
 * subkey: an established context with a subkey uses it for every token in
 * both directions, so a token without the flag is refused as defective
 * rather than checked with a key we never derived. Unknown flag bits are
 * ignored.
 */
#include <crypto/algapi.h>
#include <linux/gssk.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sunrpc/gss_err.h>

#include "compat.h"
#include "krb5_crypto.h"
#include "rfc4121.h"

/*
 * RFC 4121 section 4.2.6: token IDs and section 4.2.2: flags (the values
 * of <linux/sunrpc/gss_krb5.h>'s KG2_TOK_* and KG2_TOKEN_FLAG_*, which
 * gssk does not include: that header brings sunrpc's own krb5 types).
 */
#define GSSK_HDR			GSSK_RFC4121_HDR_LEN

#define GSSK_KG2_TOK_MIC		0x0404
#define GSSK_KG2_TOK_WRAP		0x0504

#define GSSK_KG2_FLAG_SENTBYACCEPTOR	0x01
#define GSSK_KG2_FLAG_SEALED		0x02
#define GSSK_KG2_FLAG_ACCEPTORSUBKEY	0x04

static u8 gssk_rfc4121_flags(const struct gssk_krb5 *k)
{
	u8 flags = 0;

	if (!k->initiator)
		flags |= GSSK_KG2_FLAG_SENTBYACCEPTOR;
	if (k->acceptor_subkey)
		flags |= GSSK_KG2_FLAG_ACCEPTORSUBKEY;
	return flags;
}

static u32 gssk_rfc4121_fail(u32 major, u32 minor_code, u32 *minor)
{
	*minor = minor_code;
	return major;
}

/* Direction and key flags of a received token; GSS_S_COMPLETE if right. */
static u32 gssk_rfc4121_check_flags(const struct gssk_krb5 *k, u8 flags,
				    u32 *minor)
{
	if (!!(flags & GSSK_KG2_FLAG_SENTBYACCEPTOR) != k->initiator)
		return gssk_rfc4121_fail(GSS_S_BAD_SIG,
					 GSSK_MINOR_WRONG_DIRECTION, minor);
	if (!!(flags & GSSK_KG2_FLAG_ACCEPTORSUBKEY) != k->acceptor_subkey)
		return gssk_rfc4121_fail(GSS_S_DEFECTIVE_TOKEN,
					 GSSK_MINOR_TOKEN_DEFECTIVE, minor);
	return GSS_S_COMPLETE;
}

static u32 gssk_rfc4121_crypto_status(int err, u32 *minor)
{
	if (err == -EBADMSG)
		return gssk_rfc4121_fail(GSS_S_BAD_SIG,
					 GSSK_MINOR_BAD_CHECKSUM, minor);
	if (err == -EMSGSIZE)
		return gssk_rfc4121_fail(GSS_S_FAILURE,
					 GSSK_MINOR_MESSAGE_TOO_LONG, minor);
	return gssk_rfc4121_fail(GSS_S_FAILURE, GSSK_MINOR_CRYPTO, minor);
}

size_t gssk_rfc4121_mic_len(const struct gssk_krb5 *k)
{
	return GSSK_HDR + k->et->mac_len;
}

int gssk_rfc4121_get_mic(const struct gssk_krb5 *k, u64 seq, const u8 *msg,
			 size_t len, u8 *tok)
{
	if (len > GSSK_RFC4121_MAX_MSG)
		return -EMSGSIZE;

	put_unaligned_be16(GSSK_KG2_TOK_MIC, tok);
	tok[2] = gssk_rfc4121_flags(k);
	memset(tok + 3, 0xff, 5);
	put_unaligned_be64(seq, tok + 8);
	return gssk_krb5_checksum(k->et, gssk_krb5_sign_key(k, true), msg, len,
				  tok, GSSK_HDR, tok + GSSK_HDR);
}

u32 gssk_rfc4121_verify_mic(const struct gssk_krb5 *k, const u8 *msg,
			    size_t len, const u8 *tok, size_t tok_len,
			    u64 *seq, u32 *minor)
{
	static const u8 filler[5] = { 0xff, 0xff, 0xff, 0xff, 0xff };
	u32 major;
	int err;

	*minor = GSSK_MINOR_NONE;
	if (len > GSSK_RFC4121_MAX_MSG)
		return gssk_rfc4121_fail(GSS_S_FAILURE,
					 GSSK_MINOR_MESSAGE_TOO_LONG, minor);
	if (tok_len != gssk_rfc4121_mic_len(k) ||
	    get_unaligned_be16(tok) != GSSK_KG2_TOK_MIC ||
	    memcmp(tok + 3, filler, sizeof(filler)) ||
	    (tok[2] & GSSK_KG2_FLAG_SEALED))
		return gssk_rfc4121_fail(GSS_S_DEFECTIVE_TOKEN,
					 GSSK_MINOR_TOKEN_DEFECTIVE, minor);
	major = gssk_rfc4121_check_flags(k, tok[2], minor);
	if (major != GSS_S_COMPLETE)
		return major;

	err = gssk_krb5_verify_checksum(k->et, gssk_krb5_sign_key(k, false),
					msg, len, tok, GSSK_HDR, tok + GSSK_HDR);
	if (err)
		return gssk_rfc4121_crypto_status(err, minor);
	*seq = get_unaligned_be64(tok + 8);
	return GSS_S_COMPLETE;
}

size_t gssk_rfc4121_wrap_len(const struct gssk_krb5 *k, bool conf,
			     size_t len)
{
	if (len > GSSK_RFC4121_MAX_MSG)
		return 0;
	if (conf)
		return GSSK_HDR + GSSK_KRB5_CONF_LEN + len + GSSK_HDR + k->et->mac_len;
	return GSSK_HDR + len + k->et->mac_len;
}

size_t gssk_rfc4121_wrap_size_limit(const struct gssk_krb5 *k, bool conf,
				    size_t max_token)
{
	size_t overhead = gssk_rfc4121_wrap_len(k, conf, 0);

	if (max_token <= overhead)
		return 0;
	return min_t(size_t, max_token - overhead, GSSK_RFC4121_MAX_MSG);
}

int gssk_rfc4121_wrap(const struct gssk_krb5 *k, bool conf, u64 seq,
		      const u8 *msg, size_t len, u8 *tok)
{
	const struct gssk_krb5_ukey *u = gssk_krb5_seal_key(k, true);
	unsigned int mac_len = k->et->mac_len;
	int err;

	if (len > GSSK_RFC4121_MAX_MSG)
		return -EMSGSIZE;

	put_unaligned_be16(GSSK_KG2_TOK_WRAP, tok);
	tok[2] = gssk_rfc4121_flags(k) | (conf ? GSSK_KG2_FLAG_SEALED : 0);
	tok[3] = 0xff;
	put_unaligned_be16(0, tok + 4);		/* EC */
	put_unaligned_be16(0, tok + 6);		/* RRC */
	put_unaligned_be64(seq, tok + 8);

	if (conf) {
		u8 *plain = tok + GSSK_HDR + GSSK_KRB5_CONF_LEN;

		/* plaintext: message | no filler (EC 0) | header copy */
		memcpy(plain, msg, len);
		memcpy(plain + len, tok, GSSK_HDR);
		return gssk_krb5_encrypt(k->et, u, tok + GSSK_HDR, len + GSSK_HDR);
	}

	/* checksum over message | header with EC and RRC zero, as it is now */
	memcpy(tok + GSSK_HDR, msg, len);
	err = gssk_krb5_checksum(k->et, u, tok + GSSK_HDR, len, tok, GSSK_HDR,
				 tok + GSSK_HDR + len);
	if (err)
		return err;
	put_unaligned_be16(mac_len, tok + 4);	/* EC = checksum length */
	return 0;
}

/*
 * Rotate n bytes left by r (undoing the sender's right rotation). r comes
 * from the unauthenticated RRC field (at most 65535): the r bytes go
 * through a temporary copy and the rest moves with one memmove, so the
 * cost is linear in n whatever r is.
 */
static int gssk_rotate_left(u8 *p, size_t n, size_t r)
{
	u8 *tmp;

	if (!n)
		return 0;
	r %= n;
	if (!r)
		return 0;
	tmp = kvmalloc(r, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	memcpy(tmp, p, r);
	memmove(p, p + r, n - r);
	memcpy(p + n - r, tmp, r);
	kvfree_sensitive(tmp, r);
	return 0;
}

static u32 gssk_rfc4121_unwrap_sealed(const struct gssk_krb5 *k, u8 *tok,
				      size_t tok_len, u16 ec, u8 **msg,
				      size_t *msg_len, u32 *minor)
{
	unsigned int mac_len = k->et->mac_len;
	size_t dlen = tok_len - GSSK_HDR;
	size_t plen;
	u8 *plain, *copy;
	int err;

	if (dlen < GSSK_KRB5_CONF_LEN + (size_t)ec + GSSK_HDR + mac_len)
		return gssk_rfc4121_fail(GSS_S_DEFECTIVE_TOKEN,
					 GSSK_MINOR_TOKEN_DEFECTIVE, minor);

	err = gssk_krb5_decrypt(k->et, gssk_krb5_seal_key(k, false),
				tok + GSSK_HDR, dlen);
	if (err)
		return gssk_rfc4121_crypto_status(err, minor);

	plain = tok + GSSK_HDR + GSSK_KRB5_CONF_LEN;
	plen = dlen - GSSK_KRB5_CONF_LEN - mac_len;
	copy = plain + plen - GSSK_HDR;
	/*
	 * The encrypted header copy must match the outer header: TOK_ID,
	 * flags, filler, EC and SND_SEQ. Its RRC (sent as zero) is not
	 * compared. EC is taken from the protected copy.
	 */
	if (memcmp(copy, tok, 6) || memcmp(copy + 8, tok + 8, 8))
		return gssk_rfc4121_fail(GSS_S_BAD_SIG,
					 GSSK_MINOR_BAD_CHECKSUM, minor);
	*msg = plain;
	*msg_len = plen - GSSK_HDR - ec;
	return GSS_S_COMPLETE;
}

static u32 gssk_rfc4121_unwrap_plain(const struct gssk_krb5 *k, u8 *tok,
				     size_t tok_len, u16 ec, u8 **msg,
				     size_t *msg_len, u32 *minor)
{
	unsigned int mac_len = k->et->mac_len;
	size_t dlen = tok_len - GSSK_HDR;
	u8 hdr[GSSK_HDR];
	int err;

	if (ec != mac_len || dlen < mac_len)
		return gssk_rfc4121_fail(GSS_S_DEFECTIVE_TOKEN,
					 GSSK_MINOR_TOKEN_DEFECTIVE, minor);

	memcpy(hdr, tok, GSSK_HDR);
	put_unaligned_be16(0, hdr + 4);
	put_unaligned_be16(0, hdr + 6);
	err = gssk_krb5_verify_checksum(k->et, gssk_krb5_seal_key(k, false),
					tok + GSSK_HDR, dlen - mac_len, hdr, GSSK_HDR,
					tok + GSSK_HDR + dlen - mac_len);
	if (err)
		return gssk_rfc4121_crypto_status(err, minor);
	*msg = tok + GSSK_HDR;
	*msg_len = dlen - mac_len;
	return GSS_S_COMPLETE;
}

u32 gssk_rfc4121_unwrap(const struct gssk_krb5 *k, u8 *tok, size_t tok_len,
			u8 **msg, size_t *msg_len, bool *conf, u64 *seq,
			u32 *minor)
{
	bool sealed;
	u16 ec, rrc;
	u32 major;

	*minor = GSSK_MINOR_NONE;
	if (tok_len > GSSK_RFC4121_MAX_MSG + 2 * GSSK_HDR + GSSK_KRB5_CONF_LEN +
		      GSSK_KRB5_MAX_MAC)
		return gssk_rfc4121_fail(GSS_S_FAILURE,
					 GSSK_MINOR_MESSAGE_TOO_LONG, minor);
	if (tok_len < GSSK_HDR || get_unaligned_be16(tok) != GSSK_KG2_TOK_WRAP ||
	    tok[3] != 0xff)
		return gssk_rfc4121_fail(GSS_S_DEFECTIVE_TOKEN,
					 GSSK_MINOR_TOKEN_DEFECTIVE, minor);
	major = gssk_rfc4121_check_flags(k, tok[2], minor);
	if (major != GSS_S_COMPLETE)
		return major;

	sealed = tok[2] & GSSK_KG2_FLAG_SEALED;
	ec = get_unaligned_be16(tok + 4);
	rrc = get_unaligned_be16(tok + 6);
	if (gssk_rotate_left(tok + GSSK_HDR, tok_len - GSSK_HDR, rrc))
		return gssk_rfc4121_fail(GSS_S_FAILURE, GSSK_MINOR_NO_MEMORY,
					 minor);

	if (sealed)
		major = gssk_rfc4121_unwrap_sealed(k, tok, tok_len, ec, msg,
						   msg_len, minor);
	else
		major = gssk_rfc4121_unwrap_plain(k, tok, tok_len, ec, msg,
						  msg_len, minor);
	if (major != GSS_S_COMPLETE)
		return major;
	*conf = sealed;
	*seq = get_unaligned_be64(tok + 8);
	return GSS_S_COMPLETE;
}
