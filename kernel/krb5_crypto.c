// SPDX-License-Identifier: GPL-2.0
/*
 * Kerberos v5 per-message cryptography for gssk.
 *
 * Enctypes 17 and 18 follow the RFC 3961 simplified profile with the
 * parameters of RFC 3962: keys derived with DK (AES of the n-folded usage
 * constant), AES in CBC mode with ciphertext stealing, HMAC-SHA1-96 over
 * confounder | plaintext. Enctypes 19 and 20 follow RFC 8009: keys derived
 * with KDF-HMAC-SHA2, the same cipher, and an HMAC-SHA2 over IV | ciphertext
 * (encrypt-then-MAC). The cipher state (IV) is always all zeroes, as GSS
 * uses it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/aes.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/sha1.h>
#include <crypto/sha2.h>
#include <crypto/skcipher.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/lcm.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "compat.h"

#include "krb5_crypto.h"
#include "testmode.h"

/* Key derivation constants (RFC 3961 section 5.3, RFC 8009 section 5) */
#define GSSK_KRB5_SEED_CHECKSUM		0x99
#define GSSK_KRB5_SEED_ENCRYPTION	0xaa
#define GSSK_KRB5_SEED_INTEGRITY	0x55

/* Largest n-fold output this file needs (a 256-bit key) with room to spare */
#define GSSK_NFOLD_MAX			64

/* Hash this much at a time, and offer to reschedule in between */
#define GSSK_HASH_CHUNK			(64 * 1024)

static const u8 gssk_zero_iv[AES_BLOCK_SIZE];

/*
 * n-fold (RFC 3961 section 5.1): replicate the input to the least common
 * multiple of the two lengths, each copy rotated right by 13 more bits than
 * the one before, and add the outlen-byte blocks of the result with ones'
 * complement (end-around carry) addition. Bit 0 is the most significant bit
 * of byte 0.
 */
int gssk_krb5_nfold(const u8 *in, unsigned int inlen, u8 *out,
		    unsigned int outlen)
{
	u32 sum[GSSK_NFOLD_MAX] = { 0 };
	unsigned int nbits = inlen * 8;
	unsigned int total, i, carry;

	if (!inlen || !outlen || outlen > GSSK_NFOLD_MAX ||
	    inlen > GSSK_NFOLD_MAX)
		return -EINVAL;

	total = lcm(inlen, outlen);
	for (i = 0; i < total; i++) {
		unsigned int rot = (13 * (i / inlen)) % nbits;
		/* first source bit of byte i of the rotated copy */
		unsigned int src = ((i % inlen) * 8 + nbits - rot) % nbits;
		unsigned int hi = in[src / 8];
		unsigned int lo = in[(src / 8 + 1) % inlen];

		sum[i % outlen] += ((hi << 8 | lo) >> (8 - src % 8)) & 0xff;
	}

	carry = 0;
	do {
		for (i = outlen; i-- > 0; ) {
			sum[i] += carry;
			carry = sum[i] >> 8;
			sum[i] &= 0xff;
		}
	} while (carry);

	for (i = 0; i < outlen; i++)
		out[i] = sum[i];
	return 0;
}

/*
 * Run an skcipher over buf in place. buf is kmalloc'ed (or otherwise in the
 * linear map) or vmalloc'ed; never module data. iv is updated as the
 * algorithm defines; NULL for ecb.
 */
static int gssk_krb5_skcipher(struct crypto_skcipher *tfm, u8 *buf,
			      size_t len, u8 *iv, bool encrypt)
{
	struct skcipher_request *req;
	struct scatterlist one, *sg;
	struct sg_table sgt = { 0 };
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	if (len > GSSK_KRB5_MAX_LEN)
		return -EMSGSIZE;

	if (is_vmalloc_addr(buf)) {
		err = gssk_krb5_vmalloc_sg(&sgt, buf, len);
		if (err)
			return err;
		sg = sgt.sgl;
	} else {
		sg_init_one(&one, buf, len);
		sg = &one;
	}

	req = skcipher_request_alloc(tfm, GFP_KERNEL);
	if (!req) {
		err = -ENOMEM;
		goto out;
	}
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				      CRYPTO_TFM_REQ_MAY_BACKLOG,
				      crypto_req_done, &wait);
	skcipher_request_set_crypt(req, sg, sg, len, iv);
	if (encrypt)
		err = crypto_wait_req(crypto_skcipher_encrypt(req), &wait);
	else
		err = crypto_wait_req(crypto_skcipher_decrypt(req), &wait);
	skcipher_request_free(req);
out:
	if (sg != &one)
		sg_free_table(&sgt);
	return err;
}

static struct crypto_skcipher *gssk_krb5_alloc_skcipher(const char *name,
							const u8 *key,
							unsigned int key_len)
{
	struct crypto_skcipher *tfm;
	int err;

	tfm = crypto_alloc_skcipher(name, 0, 0);
	if (IS_ERR(tfm))
		return tfm;
	err = crypto_skcipher_setkey(tfm, key, key_len);
	if (err) {
		crypto_free_skcipher(tfm);
		return ERR_PTR(err);
	}
	return tfm;
}

struct crypto_skcipher *gssk_krb5_alloc_cts(const u8 *key,
					    unsigned int key_len)
{
	return gssk_krb5_alloc_skcipher("cts(cbc(aes))", key, key_len);
}

/* AES-CBC-CTS (RFC 3962 section 5) with the all-zero initial cipher state */
int gssk_krb5_cts_crypt(struct crypto_skcipher *tfm, u8 *buf, size_t len,
			bool encrypt)
{
	u8 iv[AES_BLOCK_SIZE] = { 0 };

	return gssk_krb5_skcipher(tfm, buf, len, iv, encrypt);
}

/*
 * The unkeyed hash transforms, one per hash the enctypes use, shared by
 * every context: a transform without a key is never written to after its
 * allocation, and each call hashes in its own descriptor.
 *
 * An HMAC key is kept as two exported hash states, each taken right after
 * hashing one block (the key XOR ipad, the key XOR opad); an HMAC imports
 * them in turn. Such a state is the hash's chaining value (chain_len
 * bytes, at the start of the export: struct sha1_state, sha256_state and
 * sha512_state begin with it) followed by the byte count (one block) and
 * an empty partial block, which are the same for every key.
 * gssk_krb5_hash_init() checks that on the transform it got: two exports
 * that differ only in their first chain_len bytes. Then only those bytes
 * are kept per state (store_len = chain_len: 20 bytes for SHA-1 instead of
 * the 96 of a whole export) and tmpl supplies the rest; otherwise whole
 * exports are kept (store_len = statesize).
 */
struct gssk_krb5_hash {
	const char *name;
	unsigned int chain_len;
	struct crypto_shash *tfm;
	unsigned int statesize;
	unsigned int store_len;
	u8 *tmpl;		/* an export after one block; chain zeroed */
};

static struct gssk_krb5_hash gssk_krb5_hashes[] = {
	{ .name = "sha1", .chain_len = SHA1_DIGEST_SIZE },
	{ .name = "sha256", .chain_len = SHA256_DIGEST_SIZE },
	/* SHA-384 runs the SHA-512 compression function and state */
	{ .name = "sha384", .chain_len = SHA512_DIGEST_SIZE },
};

/* The longest block of the hashes above: an HMAC key pad */
#define GSSK_HMAC_MAX_BLOCK	SHA512_BLOCK_SIZE
/*
 * Room for one exported state (struct sha512_state is 208 bytes); the
 * crypto API's bound, HASH_MAX_STATESIZE, is internal from 6.12 on.
 * gssk_krb5_hash_init() refuses a transform whose state is larger.
 */
#define GSSK_HASH_MAX_STATE	512

static const struct gssk_krb5_hash *
gssk_krb5_hash_find(const struct gssk_enctype *et)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gssk_krb5_hashes); i++)
		if (gssk_krb5_hashes[i].tfm &&
		    !strcmp(gssk_krb5_hashes[i].name, et->hash_name))
			return &gssk_krb5_hashes[i];
	return NULL;
}

/* Bytes of one HMAC key: its inner and its outer state. */
static unsigned int gssk_krb5_hmac_key_len(const struct gssk_krb5_hash *h)
{
	return 2 * h->store_len;
}

/*
 * Hash one block from the initial state and export the result into st
 * (h->statesize bytes). The descriptor is zeroed first, so that the
 * export holds no stale stack bytes (its partial block is never written).
 */
static int gssk_krb5_hash_block(const struct gssk_krb5_hash *h,
				const u8 *block, u8 *st)
{
	SHASH_DESC_ON_STACK(desc, h->tfm);
	int err;

	memset(desc, 0, sizeof(*desc) + crypto_shash_descsize(h->tfm));
	desc->tfm = h->tfm;
	err = crypto_shash_init(desc);
	if (!err)
		err = crypto_shash_update(desc, block,
					  crypto_shash_blocksize(h->tfm));
	if (!err)
		err = crypto_shash_export(desc, st);
	shash_desc_zero(desc);
	return err;
}

/*
 * Prepare an HMAC key (no longer than a block, as every derived key is):
 * its inner and outer states into out (gssk_krb5_hmac_key_len() bytes).
 */
static int gssk_krb5_hmac_setkey(const struct gssk_krb5_hash *h,
				 const u8 *key, unsigned int key_len, u8 *out)
{
	unsigned int bs = crypto_shash_blocksize(h->tfm);
	u8 pad[GSSK_HMAC_MAX_BLOCK];
	u8 st[GSSK_HASH_MAX_STATE];
	unsigned int i;
	int err;

	if (key_len > bs || bs > sizeof(pad))
		return -EINVAL;
	memset(pad, 0x36, bs);
	for (i = 0; i < key_len; i++)
		pad[i] ^= key[i];
	err = gssk_krb5_hash_block(h, pad, st);
	if (err)
		goto out;
	memcpy(out, st, h->store_len);
	for (i = 0; i < bs; i++)
		pad[i] ^= 0x36 ^ 0x5c;
	err = gssk_krb5_hash_block(h, pad, st);
	if (err)
		goto out;
	memcpy(out + h->store_len, st, h->store_len);
out:
	memzero_explicit(st, sizeof(st));
	memzero_explicit(pad, sizeof(pad));
	return err;
}

/*
 * Import one stored state (h->store_len bytes) into desc. st is room for a
 * whole export, which the caller wipes; when only chaining values are
 * stored, st must already hold the rest of the template
 * (gssk_krb5_hash_tmpl()), which is the same for every state.
 */
static void gssk_krb5_hash_tmpl(const struct gssk_krb5_hash *h, u8 *st)
{
	if (h->store_len < h->statesize)
		memcpy(st + h->store_len, h->tmpl + h->store_len,
		       h->statesize - h->store_len);
}

static int gssk_krb5_hash_import(const struct gssk_krb5_hash *h,
				 struct shash_desc *desc, const u8 *stored,
				 u8 *st)
{
	if (h->store_len == h->statesize)
		return crypto_shash_import(desc, stored);
	memcpy(st, stored, h->store_len);
	return crypto_shash_import(desc, st);
}

/*
 * Allocate the transform of h and decide how its states are kept (see
 * struct gssk_krb5_hash).
 */
static int gssk_krb5_hash_init(struct gssk_krb5_hash *h)
{
	u8 block[GSSK_HMAC_MAX_BLOCK];
	u8 *st2;
	int err;

	h->tfm = crypto_alloc_shash(h->name, 0, 0);
	if (IS_ERR(h->tfm)) {
		err = PTR_ERR(h->tfm);
		h->tfm = NULL;
		return err;
	}
	h->statesize = crypto_shash_statesize(h->tfm);
	err = -EINVAL;
	if (crypto_shash_blocksize(h->tfm) > sizeof(block) ||
	    h->statesize > GSSK_HASH_MAX_STATE)
		goto fail;
	err = -ENOMEM;
	h->tmpl = kzalloc(2 * h->statesize, GFP_KERNEL);
	if (!h->tmpl)
		goto fail;
	st2 = h->tmpl + h->statesize;

	memset(block, 0x36, sizeof(block));
	err = gssk_krb5_hash_block(h, block, h->tmpl);
	if (err)
		goto fail;
	memset(block, 0x5c, sizeof(block));
	err = gssk_krb5_hash_block(h, block, st2);
	if (err)
		goto fail;
	h->store_len = h->statesize;
	if (h->chain_len < h->statesize &&
	    memcmp(h->tmpl, st2, h->chain_len) &&
	    !memcmp(h->tmpl + h->chain_len, st2 + h->chain_len,
		    h->statesize - h->chain_len)) {
		h->store_len = h->chain_len;
		memset(h->tmpl, 0, h->chain_len);
	} else {
		pr_info("%s: whole exported states kept for HMAC keys\n",
			crypto_shash_driver_name(h->tfm));
	}
	return 0;
fail:
	kfree(h->tmpl);
	h->tmpl = NULL;
	crypto_free_shash(h->tfm);
	h->tfm = NULL;
	return err;
}

void gssk_krb5_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gssk_krb5_hashes); i++) {
		struct gssk_krb5_hash *h = &gssk_krb5_hashes[i];

		if (!h->tfm)
			continue;
		crypto_free_shash(h->tfm);
		h->tfm = NULL;
		kfree(h->tmpl);
		h->tmpl = NULL;
	}
}

int gssk_krb5_init(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(gssk_krb5_hashes); i++) {
		err = gssk_krb5_hash_init(&gssk_krb5_hashes[i]);
		if (err) {
			pr_err("cannot use the hash %s: %d\n",
			       gssk_krb5_hashes[i].name, err);
			gssk_krb5_exit();
			return err;
		}
	}
	return 0;
}

static int gssk_krb5_hash_update(struct shash_desc *desc, const u8 *data,
				 size_t len)
{
	int err;

	while (len) {
		unsigned int chunk = min_t(size_t, len, GSSK_HASH_CHUNK);

		err = crypto_shash_update(desc, data, chunk);
		if (err)
			return err;
		data += chunk;
		len -= chunk;
		if (len)
			cond_resched();
	}
	return 0;
}

/* HMAC of a | b with the key prepared in key, truncated to outlen bytes. */
static int gssk_krb5_hmac(const struct gssk_krb5_hash *h, const u8 *key,
			  const u8 *a, size_t alen, const u8 *b, size_t blen,
			  u8 *out, unsigned int outlen)
{
	unsigned int ds = crypto_shash_digestsize(h->tfm);
	SHASH_DESC_ON_STACK(desc, h->tfm);
	u8 st[GSSK_HASH_MAX_STATE];
	u8 md[HASH_MAX_DIGESTSIZE];
	int err;

	if (outlen > ds)
		return -EINVAL;
	if (alen > GSSK_KRB5_MAX_LEN || blen > GSSK_KRB5_MAX_LEN)
		return -EMSGSIZE;

	desc->tfm = h->tfm;
	gssk_krb5_hash_tmpl(h, st);
	/* inner: H(K ^ ipad | a | b) */
	err = gssk_krb5_hash_import(h, desc, key, st);
	if (!err)
		err = gssk_krb5_hash_update(desc, a, alen);
	if (!err)
		err = gssk_krb5_hash_update(desc, b, blen);
	if (!err)
		err = crypto_shash_final(desc, md);
	/* outer: H(K ^ opad | inner) */
	if (!err)
		err = gssk_krb5_hash_import(h, desc, key + h->store_len, st);
	if (!err)
		err = crypto_shash_finup(desc, md, ds, md);
	if (!err)
		memcpy(out, md, outlen);
	shash_desc_zero(desc);
	memzero_explicit(st, h->store_len);
	memzero_explicit(md, sizeof(md));
	return err;
}

/*
 * DK(base, constant) for the AES enctypes (RFC 3961 section 5.1, RFC 3962):
 * the constant is n-folded to one block, then encrypted repeatedly with the
 * base key; the blocks are concatenated and truncated to the key length.
 * With one block, CBC-CTS is plain AES, so ECB is used. random-to-key is
 * the identity for AES.
 */
static int gssk_krb5_dk(const struct gssk_enctype *et, const u8 *base,
			const u8 *constant, unsigned int clen, u8 *out,
			unsigned int outlen)
{
	struct crypto_skcipher *tfm;
	unsigned int nblocks = DIV_ROUND_UP(outlen, AES_BLOCK_SIZE);
	unsigned int i;
	u8 *blk;
	int err;

	blk = kmalloc_array(nblocks, AES_BLOCK_SIZE, GFP_KERNEL);
	if (!blk)
		return -ENOMEM;

	if (clen == AES_BLOCK_SIZE) {
		memcpy(blk, constant, AES_BLOCK_SIZE);
	} else {
		err = gssk_krb5_nfold(constant, clen, blk, AES_BLOCK_SIZE);
		if (err)
			goto out;
	}

	tfm = gssk_krb5_alloc_skcipher("ecb(aes)", base, et->key_len);
	if (IS_ERR(tfm)) {
		err = PTR_ERR(tfm);
		goto out;
	}
	for (i = 0; i < nblocks; i++) {
		u8 *b = blk + i * AES_BLOCK_SIZE;

		if (i)
			memcpy(b, b - AES_BLOCK_SIZE, AES_BLOCK_SIZE);
		err = gssk_krb5_skcipher(tfm, b, AES_BLOCK_SIZE, NULL, true);
		if (err)
			break;
	}
	crypto_free_skcipher(tfm);
	if (!err)
		memcpy(out, blk, outlen);
out:
	kfree_sensitive(blk);
	return err;
}

/*
 * KDF-HMAC-SHA2(base, label, k) of RFC 8009 section 3, for k no longer than
 * the hash: the first k bits of HMAC(base, 00000001 | label | 00 | k).
 */
static int gssk_krb5_kdf_sha2(const struct gssk_enctype *et, const u8 *base,
			      const u8 *label, unsigned int llen, u8 *out,
			      unsigned int outlen)
{
	const struct gssk_krb5_hash *h = gssk_krb5_hash_find(et);
	u8 *msg, *key;
	int err;

	if (!h)
		return -ENOENT;
	msg = kmalloc(4 + llen + 1 + 4, GFP_KERNEL);
	key = kmalloc(gssk_krb5_hmac_key_len(h), GFP_KERNEL);
	err = -ENOMEM;
	if (!msg || !key)
		goto out;
	put_unaligned_be32(1, msg);
	memcpy(msg + 4, label, llen);
	msg[4 + llen] = 0;
	put_unaligned_be32(outlen * 8, msg + 4 + llen + 1);

	err = gssk_krb5_hmac_setkey(h, base, et->key_len, key);
	if (!err)
		err = gssk_krb5_hmac(h, key, msg, 4 + llen + 1 + 4, NULL, 0,
				     out, outlen);
out:
	kfree_sensitive(key);
	kfree(msg);
	return err;
}

/* Derive outlen bytes from base with the enctype's key derivation. */
int gssk_krb5_derive(const struct gssk_enctype *et, const u8 *base,
		     const u8 *constant, unsigned int clen, u8 *out,
		     unsigned int outlen)
{
	if (!clen || outlen > GSSK_KRB5_MAX_KEY)
		return -EINVAL;
	if (et->kdf_sha2)
		return gssk_krb5_kdf_sha2(et, base, constant, clen, out, outlen);
	return gssk_krb5_dk(et, base, constant, clen, out, outlen);
}

static int gssk_krb5_derive_usage(const struct gssk_enctype *et,
				  const u8 *base, u32 usage, u8 seed, u8 *out,
				  unsigned int outlen)
{
	u8 constant[5];

	put_unaligned_be32(usage, constant);
	constant[4] = seed;
	return gssk_krb5_derive(et, base, constant, sizeof(constant), out,
				outlen);
}

/* Kc's and Ki's prepared HMAC keys in u->hmac */
static const u8 *gssk_krb5_kc(const struct gssk_krb5_ukey *u)
{
	return u->hmac;
}

static const u8 *gssk_krb5_ki(const struct gssk_krb5_ukey *u)
{
	return u->hmac + gssk_krb5_hmac_key_len(u->hash);
}

static size_t gssk_krb5_ukey_hmac_len(const struct gssk_krb5_ukey *u)
{
	return (u->ke ? 2 : 1) * gssk_krb5_hmac_key_len(u->hash);
}

void gssk_krb5_ukey_destroy(struct gssk_krb5_ukey *u)
{
	/* crypto_free_skcipher() wipes the key schedule */
	if (!IS_ERR_OR_NULL(u->ke))
		crypto_free_skcipher(u->ke);
	kfree_sensitive(u->hmac);
	u->ke = NULL;
	u->hmac = NULL;
}

/*
 * Derive the keys of one key usage from base: Kc always, Ke and Ki as
 * well when encrypt is set. Ke keys a transform, Kc and Ki become HMAC
 * states.
 */
int gssk_krb5_ukey_init(struct gssk_krb5_ukey *u,
			const struct gssk_enctype *et, const u8 *base,
			u32 usage, bool encrypt)
{
	struct crypto_skcipher *ke;
	u8 dk[GSSK_KRB5_MAX_KEY];
	unsigned int klen;
	int err;

	memset(u, 0, sizeof(*u));
	u->hash = gssk_krb5_hash_find(et);
	if (!u->hash)
		return -ENOENT;
	klen = gssk_krb5_hmac_key_len(u->hash);
	u->hmac = kmalloc(encrypt ? 2 * klen : klen, GFP_KERNEL_ACCOUNT);
	if (!u->hmac)
		return -ENOMEM;

	err = gssk_krb5_derive_usage(et, base, usage, GSSK_KRB5_SEED_CHECKSUM,
				     dk, et->kc_len);
	if (!err)
		err = gssk_krb5_hmac_setkey(u->hash, dk, et->kc_len, u->hmac);
	if (err || !encrypt)
		goto out;

	err = gssk_krb5_derive_usage(et, base, usage, GSSK_KRB5_SEED_INTEGRITY,
				     dk, et->ki_len);
	if (!err)
		err = gssk_krb5_hmac_setkey(u->hash, dk, et->ki_len,
					    u->hmac + klen);
	if (err)
		goto out;

	err = gssk_krb5_derive_usage(et, base, usage,
				     GSSK_KRB5_SEED_ENCRYPTION, dk, et->ke_len);
	if (err)
		goto out;
	ke = gssk_krb5_alloc_cts(dk, et->ke_len);
	if (IS_ERR(ke))
		err = PTR_ERR(ke);
	else
		u->ke = ke;
out:
	memzero_explicit(dk, sizeof(dk));
	if (err)
		gssk_krb5_ukey_destroy(u);
	return err;
}

/*
 * Encrypt with an explicit confounder; see gssk_krb5_encrypt() for the
 * buffer layout. The message path always passes a random confounder; the
 * self-test passes the fixed ones of the published vectors.
 */
int gssk_krb5_encrypt_conf(const struct gssk_enctype *et,
			   const struct gssk_krb5_ukey *u, const u8 *conf,
			   u8 *buf, size_t plain_len)
{
	size_t len;
	int err;

	if (!u->ke)
		return -EINVAL;
	if (plain_len > GSSK_KRB5_MAX_LEN - GSSK_KRB5_CONF_LEN)
		return -EMSGSIZE;
	len = GSSK_KRB5_CONF_LEN + plain_len;
	memcpy(buf, conf, GSSK_KRB5_CONF_LEN);

	if (et->kdf_sha2) {
		/* RFC 8009: C = E(Ke, conf | plain), H = HMAC(Ki, IV | C) */
		err = gssk_krb5_cts_crypt(u->ke, buf, len, true);
		if (!err)
			err = gssk_krb5_hmac(u->hash, gssk_krb5_ki(u),
					     gssk_zero_iv, sizeof(gssk_zero_iv),
					     buf, len, buf + len, et->mac_len);
	} else {
		/* RFC 3961: H = HMAC(Ki, conf | plain), C = E(Ke, conf | plain) */
		err = gssk_krb5_hmac(u->hash, gssk_krb5_ki(u), buf, len, NULL,
				     0, buf + len, et->mac_len);
		if (!err)
			err = gssk_krb5_cts_crypt(u->ke, buf, len, true);
	}
	return err;
}

int gssk_krb5_decrypt(const struct gssk_enctype *et,
		      const struct gssk_krb5_ukey *u, u8 *buf, size_t len)
{
	u8 mac[GSSK_KRB5_MAX_MAC];
	size_t clen;
	int err;

	if (!u->ke)
		return -EINVAL;
	if (len < GSSK_KRB5_CONF_LEN + et->mac_len)
		return -EINVAL;
	clen = len - et->mac_len;

	if (et->kdf_sha2) {
		err = gssk_krb5_hmac(u->hash, gssk_krb5_ki(u), gssk_zero_iv,
				     sizeof(gssk_zero_iv), buf, clen, mac,
				     et->mac_len);
		if (err)
			goto out;
		if (crypto_memneq(mac, buf + clen, et->mac_len)) {
			err = -EBADMSG;
			goto out;
		}
		err = gssk_krb5_cts_crypt(u->ke, buf, clen, false);
	} else {
		err = gssk_krb5_cts_crypt(u->ke, buf, clen, false);
		if (!err)
			err = gssk_krb5_hmac(u->hash, gssk_krb5_ki(u), buf,
					     clen, NULL, 0, mac, et->mac_len);
		if (!err && crypto_memneq(mac, buf + clen, et->mac_len))
			err = -EBADMSG;
		/* never leave the decryption of a forgery behind */
		if (err)
			memset(buf, 0, clen);
	}
out:
	memzero_explicit(mac, sizeof(mac));
	return err;
}

int gssk_krb5_checksum(const struct gssk_enctype *et,
		       const struct gssk_krb5_ukey *u, const u8 *a,
		       size_t alen, const u8 *b, size_t blen, u8 *out)
{
	return gssk_krb5_hmac(u->hash, gssk_krb5_kc(u), a, alen, b, blen, out,
			      et->mac_len);
}

int gssk_krb5_verify_checksum(const struct gssk_enctype *et,
			      const struct gssk_krb5_ukey *u, const u8 *a,
			      size_t alen, const u8 *b, size_t blen,
			      const u8 *cksum)
{
	u8 mac[GSSK_KRB5_MAX_MAC];
	int err;

	err = gssk_krb5_hmac(u->hash, gssk_krb5_kc(u), a, alen, b, blen, mac,
			     et->mac_len);
	if (!err && crypto_memneq(mac, cksum, et->mac_len))
		err = -EBADMSG;
	memzero_explicit(mac, sizeof(mac));
	return err;
}

unsigned int gssk_krb5_ukey_mem(const struct gssk_krb5_ukey *u)
{
	unsigned int n = 0;

	if (u->ke)
		n += GSSK_KRB5_TFM_COST;
	if (u->hmac)
		n += kmalloc_size_roundup(gssk_krb5_ukey_hmac_len(u));
	return n;
}
