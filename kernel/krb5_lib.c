// SPDX-License-Identifier: GPL-2.0
/*
 * Kerberos v5 per-message cryptography for gssk on the kernel's own
 * crypto/krb5 library (CONFIG_CRYPTO_KRB5, 6.15 and later), the backend
 * Kbuild picks where the kernel has it (see krb5_crypto.h). The library
 * derives the keys of a usage and keys its transforms; this file maps
 * gssk's linear buffers onto its scatterlist interface. The library also
 * has the Camellia enctypes of RFC 6803 (25, 26), which enctype.c offers
 * with this backend only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/krb5.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "krb5_crypto.h"

/* Hash this much at a time, and offer to reschedule in between */
#define GSSK_HASH_CHUNK		(64 * 1024)

/* The longest checksum a keyed hash of the library's enctypes gives */
#define GSSK_KRB5_MAX_DIGEST	64

void gssk_krb5_ukey_destroy(struct gssk_krb5_ukey *u)
{
	/* freeing a transform wipes its key (crypto_destroy_tfm) */
	if (!IS_ERR_OR_NULL(u->aead))
		crypto_free_aead(u->aead);
	if (!IS_ERR_OR_NULL(u->kc))
		crypto_free_shash(u->kc);
	u->aead = NULL;
	u->kc = NULL;
}

int gssk_krb5_ukey_init(struct gssk_krb5_ukey *u,
			const struct gssk_enctype *et, const u8 *base,
			u32 usage, bool encrypt)
{
	/* The library takes the key as a non-const buffer; it only reads it */
	struct krb5_buffer tk = { .len = et->key_len, .data = (void *)base };
	int err;

	memset(u, 0, sizeof(*u));
	/* gssk_krb5_init() checked the lengths of every enctype of the table */
	u->krb5 = crypto_krb5_find_enctype(et->etype);
	if (!u->krb5)
		return -ENOENT;

	u->kc = crypto_krb5_prepare_checksum(u->krb5, &tk, usage, GFP_KERNEL);
	if (IS_ERR(u->kc)) {
		err = PTR_ERR(u->kc);
		u->kc = NULL;
		return err;
	}
	if (!encrypt)
		return 0;
	u->aead = crypto_krb5_prepare_encryption(u->krb5, &tk, usage,
						 GFP_KERNEL);
	if (IS_ERR(u->aead)) {
		err = PTR_ERR(u->aead);
		u->aead = NULL;
		gssk_krb5_ukey_destroy(u);
		return err;
	}
	return 0;
}

unsigned int gssk_krb5_ukey_mem(const struct gssk_krb5_ukey *u)
{
	return (u->aead ? GSSK_KRB5_AEAD_COST : 0) +
	       (u->kc ? GSSK_KRB5_SHASH_COST : 0);
}

/*
 * A scatterlist over buf: one entry for memory in the linear map, one per
 * page for vmalloc memory. gssk_krb5_sg_free() undoes it.
 */
struct gssk_krb5_sg {
	struct scatterlist one;
	struct sg_table sgt;
	struct scatterlist *sgl;
	unsigned int nents;
};

static int gssk_krb5_sg_init(struct gssk_krb5_sg *s, u8 *buf, size_t len)
{
	int err;

	memset(s, 0, sizeof(*s));
	if (is_vmalloc_addr(buf)) {
		err = gssk_krb5_vmalloc_sg(&s->sgt, buf, len);
		if (err)
			return err;
		s->sgl = s->sgt.sgl;
		s->nents = s->sgt.nents;
	} else {
		sg_init_one(&s->one, buf, len);
		s->sgl = &s->one;
		s->nents = 1;
	}
	return 0;
}

static void gssk_krb5_sg_free(struct gssk_krb5_sg *s)
{
	if (s->sgl != &s->one)
		sg_free_table(&s->sgt);
}

int gssk_krb5_encrypt_conf(const struct gssk_enctype *et,
			   const struct gssk_krb5_ukey *u, const u8 *conf,
			   u8 *buf, size_t plain_len)
{
	struct gssk_krb5_sg s;
	size_t len;
	ssize_t ret;
	int err;

	if (!u->aead)
		return -EINVAL;
	if (plain_len > GSSK_KRB5_MAX_LEN - GSSK_KRB5_CONF_LEN - et->mac_len)
		return -EMSGSIZE;
	len = GSSK_KRB5_CONF_LEN + plain_len + et->mac_len;
	memcpy(buf, conf, GSSK_KRB5_CONF_LEN);
	err = gssk_krb5_sg_init(&s, buf, len);
	if (err)
		return err;
	ret = crypto_krb5_encrypt(u->krb5, u->aead, s.sgl, s.nents, len,
				  GSSK_KRB5_CONF_LEN, plain_len, true);
	gssk_krb5_sg_free(&s);
	if (ret < 0)
		return ret;
	return ret == len ? 0 : -EIO;
}

int gssk_krb5_decrypt(const struct gssk_enctype *et,
		      const struct gssk_krb5_ukey *u, u8 *buf, size_t len)
{
	struct gssk_krb5_sg s;
	size_t off = 0, dlen = len;
	int err;

	if (!u->aead)
		return -EINVAL;
	if (len < GSSK_KRB5_CONF_LEN + et->mac_len)
		return -EINVAL;
	if (len > GSSK_KRB5_MAX_LEN)
		return -EMSGSIZE;
	err = gssk_krb5_sg_init(&s, buf, len);
	if (err)
		return err;
	err = crypto_krb5_decrypt(u->krb5, u->aead, s.sgl, s.nents, &off,
				  &dlen);
	gssk_krb5_sg_free(&s);
	/* the plaintext is where gssk's callers expect it, or nowhere */
	if (!err && (off != GSSK_KRB5_CONF_LEN ||
		     dlen != len - GSSK_KRB5_CONF_LEN - et->mac_len))
		err = -EIO;
	/* never leave the decryption of a forgery behind */
	if (err)
		memset(buf, 0, len - et->mac_len);
	return err;
}

/*
 * The checksum (RFC 3961 get_mic: the keyed hash of the data, truncated
 * to the checksum length; HMAC for the AES enctypes, CMAC for Camellia)
 * with the keyed hash crypto_krb5_prepare_checksum() made for Kc, over
 * a | b, which need not be contiguous.
 */
static int gssk_krb5_mic(const struct gssk_krb5_ukey *u, const u8 *a,
			 size_t alen, const u8 *b, size_t blen, u8 *digest)
{
	SHASH_DESC_ON_STACK(desc, u->kc);
	const u8 *parts[2] = { a, b };
	size_t lens[2] = { alen, blen };
	int i, err;

	if (crypto_shash_digestsize(u->kc) > GSSK_KRB5_MAX_DIGEST ||
	    crypto_shash_digestsize(u->kc) < u->krb5->cksum_len)
		return -EINVAL;
	desc->tfm = u->kc;
	err = crypto_shash_init(desc);
	for (i = 0; i < 2 && !err; i++) {
		while (lens[i] && !err) {
			size_t n = min_t(size_t, lens[i], GSSK_HASH_CHUNK);

			err = crypto_shash_update(desc, parts[i], n);
			parts[i] += n;
			lens[i] -= n;
			if (lens[i])
				cond_resched();
		}
	}
	if (!err)
		err = crypto_shash_final(desc, digest);
	shash_desc_zero(desc);
	return err;
}

int gssk_krb5_checksum(const struct gssk_enctype *et,
		       const struct gssk_krb5_ukey *u, const u8 *a,
		       size_t alen, const u8 *b, size_t blen, u8 *out)
{
	u8 digest[GSSK_KRB5_MAX_DIGEST];
	int err;

	err = gssk_krb5_mic(u, a, alen, b, blen, digest);
	if (!err)
		memcpy(out, digest, et->mac_len);
	memzero_explicit(digest, sizeof(digest));
	return err;
}

int gssk_krb5_verify_checksum(const struct gssk_enctype *et,
			      const struct gssk_krb5_ukey *u, const u8 *a,
			      size_t alen, const u8 *b, size_t blen,
			      const u8 *cksum)
{
	u8 digest[GSSK_KRB5_MAX_DIGEST];
	int err;

	err = gssk_krb5_mic(u, a, alen, b, blen, digest);
	if (!err && crypto_memneq(digest, cksum, et->mac_len))
		err = -EBADMSG;
	memzero_explicit(digest, sizeof(digest));
	return err;
}

/*
 * The library needs no module-wide state; check that it has every enctype
 * of gssk's table (enctype.c), with the lengths gssk's token code expects.
 */
int gssk_krb5_init(void)
{
	const struct gssk_enctype *et;
	const struct krb5_enctype *k;
	unsigned int i;

	for (i = 0; (et = gssk_enctype_at(i)); i++) {
		k = crypto_krb5_find_enctype(et->etype);
		if (!k || k->key_len != et->key_len ||
		    k->cksum_len != et->mac_len ||
		    k->conf_len != GSSK_KRB5_CONF_LEN) {
			pr_err("crypto/krb5 lacks enctype %u as gssk uses it\n",
			       et->etype);
			return -ENOENT;
		}
	}
	return 0;
}

void gssk_krb5_exit(void)
{
}
