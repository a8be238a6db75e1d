/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RFC 4121 section 4.2 per-message tokens (MIC and Wrap) over the keys of a
 * struct gssk_krb5.
 *
 * Buffers are linear kernel memory (kmalloc or kvmalloc). Every function
 * may sleep. Sequence numbers are only carried: the caller assigns them on
 * send and checks the returned one on receive (seqwin.h). Concurrent calls
 * on one struct gssk_krb5 are safe.
 */
#ifndef _GSSK_RFC4121_H
#define _GSSK_RFC4121_H

#include <linux/sizes.h>
#include <linux/types.h>

struct gssk_krb5;

#define GSSK_RFC4121_HDR_LEN	16
/* Longest message get_mic/wrap accept, and longest token accepted */
#define GSSK_RFC4121_MAX_MSG	SZ_256M

/* MIC token: exactly this many bytes. */
size_t gssk_rfc4121_mic_len(const struct gssk_krb5 *k);

/*
 * Write the MIC token of msg into tok (gssk_rfc4121_mic_len() bytes).
 * 0, -EMSGSIZE when len > GSSK_RFC4121_MAX_MSG, or a crypto API errno.
 */
int gssk_rfc4121_get_mic(const struct gssk_krb5 *k, u64 seq, const u8 *msg,
			 size_t len, u8 *tok);

/*
 * Check a MIC token from the peer. Returns a GSS major status:
 * GSS_S_COMPLETE (and *seq), GSS_S_DEFECTIVE_TOKEN, GSS_S_BAD_SIG (a bad
 * checksum, or a token our own side sent: GSSK_MINOR_WRONG_DIRECTION) or
 * GSS_S_FAILURE (GSSK_MINOR_CRYPTO), with *minor set.
 */
u32 gssk_rfc4121_verify_mic(const struct gssk_krb5 *k, const u8 *msg,
			    size_t len, const u8 *tok, size_t tok_len,
			    u64 *seq, u32 *minor);

/*
 * Size of the Wrap token of a len-byte message, or 0 when len is over
 * GSSK_RFC4121_MAX_MSG.
 */
size_t gssk_rfc4121_wrap_len(const struct gssk_krb5 *k, bool conf,
			     size_t len);

/*
 * Write the Wrap token of msg into tok (gssk_rfc4121_wrap_len() bytes; msg
 * and tok must not overlap). Sends RRC 0; sealed tokens have EC 0 (no
 * filler: AES-CTS needs no padding), unsealed ones EC = checksum length.
 * 0, -EMSGSIZE, or a crypto API errno.
 */
int gssk_rfc4121_wrap(const struct gssk_krb5 *k, bool conf, u64 seq,
		      const u8 *msg, size_t len, u8 *tok);

/*
 * Unwrap a Wrap token from the peer in place: tok is modified (rotated by
 * its RRC, decrypted). On GSS_S_COMPLETE, *msg points into tok and
 * *msg_len is its length, *conf says whether the token was sealed, *seq is
 * its sequence number. Otherwise GSS_S_DEFECTIVE_TOKEN, GSS_S_BAD_SIG or
 * GSS_S_FAILURE with *minor set, and the contents of tok are undefined.
 */
u32 gssk_rfc4121_unwrap(const struct gssk_krb5 *k, u8 *tok, size_t tok_len,
			u8 **msg, size_t *msg_len, bool *conf, u64 *seq,
			u32 *minor);

/*
 * gss_wrap_size_limit (RFC 2744): the largest message whose Wrap token is
 * no longer than max_token bytes (0 if none fits).
 */
size_t gssk_rfc4121_wrap_size_limit(const struct gssk_krb5 *k, bool conf,
				    size_t max_token);

#endif /* _GSSK_RFC4121_H */
