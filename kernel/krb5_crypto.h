/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kerberos v5 per-message cryptography for gssk: the RFC 3961 simplified
 * profile with AES (RFC 3962, enctypes 17 and 18) and AES with HMAC-SHA2
 * (RFC 8009, enctypes 19 and 20), on the kernel crypto API.
 *
 * Everything here is internal to gssk.ko. The core only holds a
 * struct gssk_krb5 pointer; rfc4121.c and selftest.c use the rest.
 *
 * Two backends behind one interface, shaped like the kernel's crypto/krb5
 * library (find the enctype, prepare the keys of a usage for encryption
 * or for checksums, encrypt, decrypt, checksum, verify), chosen at build
 * time by Kbuild:
 *   krb5_lib.c     the kernel's crypto/krb5 (CONFIG_CRYPTO_KRB5, 6.15 and
 *                  later: Debian's 7.x), which also has the Camellia
 *                  enctypes 25 and 26 (RFC 6803); GSSK_KRB5_LIB is defined
 *   krb5_crypto.c  gssk's own RFC 3961/3962/8009 code, for kernels
 *                  without it (6.1, 6.12)
 * krb5_ctx.c (a context's usage keys) and rfc4121.c (the token format)
 * are shared, and so is the known-answer self-test of the interface.
 */
#ifndef _GSSK_KRB5_CRYPTO_H
#define _GSSK_KRB5_CRYPTO_H

#include <linux/sizes.h>
#include <linux/types.h>

#include "enctype.h"

struct crypto_skcipher;

#define GSSK_KRB5_CONF_LEN	16	/* confounder: one AES block */
#define GSSK_KRB5_MAX_MAC	24	/* longest mac_len of any enctype */
#define GSSK_KRB5_MAX_KEY	32	/* longest key of any enctype */
/* Longest buffer the crypto functions accept (crypto API lengths are u32) */
#define GSSK_KRB5_MAX_LEN	SZ_1G

/* RFC 4121 section 2 key usages */
#define GSSK_KG_USAGE_ACCEPTOR_SEAL	22
#define GSSK_KG_USAGE_ACCEPTOR_SIGN	23
#define GSSK_KG_USAGE_INITIATOR_SEAL	24
#define GSSK_KG_USAGE_INITIATOR_SIGN	25

/*
 * The keys of one key usage, derived from the base key: Ke (cts(cbc(aes)))
 * for encryption, Ki (HMAC) for its integrity, Kc (HMAC) for checksums.
 * Ke is a keyed transform. Kc and Ki are kept as HMAC states: the hash
 * state after the block key ^ ipad and after the block key ^ opad, taken
 * with the enctype's unkeyed hash transform, which the whole module shares
 * (see struct gssk_krb5_hash in krb5_crypto.c). A usage that only
 * checksums has no Ke and no Ki. The raw derived keys are not kept:
 * crypto_free_skcipher() wipes Ke, and the states are freed with
 * kfree_sensitive().
 */
#ifdef GSSK_KRB5_LIB
#define GSSK_KRB5_BACKEND	"crypto/krb5"
#else
#define GSSK_KRB5_BACKEND	"gssk's own"
#endif

#ifdef GSSK_KRB5_LIB
/*
 * With crypto/krb5: the usage's keys are the library's keyed transforms,
 * an AEAD (krb5enc: Ke and Ki) for a usage that encrypts and a keyed hash
 * (Kc) for checksums. Freeing a transform wipes its key.
 */
struct krb5_enctype;
struct crypto_aead;
struct crypto_shash;

struct gssk_krb5_ukey {
	const struct krb5_enctype *krb5;
	struct crypto_aead *aead;
	struct crypto_shash *kc;
};

/*
 * The keyed transforms cannot be charged to a memory cgroup either (see
 * GSSK_KRB5_TFM_COST): what the key quota charges for each. Estimates
 * from the transforms' shapes (krb5enc holds a keyed HMAC or CMAC and a
 * keyed cts(cbc()) with the cipher's key schedule; a keyed HMAC holds
 * its pads' states), not a measurement.
 */
#define GSSK_KRB5_AEAD_COST	2048
#define GSSK_KRB5_SHASH_COST	512
#else
struct gssk_krb5_hash;

struct gssk_krb5_ukey {
	struct crypto_skcipher *ke;
	const struct gssk_krb5_hash *hash;
	u8 *hmac;	/* Kc's inner and outer states, then Ki's (with Ke) */
};
#endif

/*
 * Per-context state. Immutable after gssk_krb5_new(): the transforms and
 * HMAC states are shared by concurrent callers, each call uses its own
 * hash descriptor on the stack (it imports the HMAC states into it) and
 * its own small skcipher request, and nothing calls setkey after
 * creation. Every function here may sleep (process context only).
 *
 * Index 0 of seal[] and sign[] holds the initiator's usages (24, 25),
 * index 1 the acceptor's (22, 23). A context sends with its own role's
 * keys and receives with the peer's.
 */
struct gssk_krb5 {
	const struct gssk_enctype *et;	/* of the key in use */
	bool initiator;
	bool acceptor_subkey;		/* tokens use the acceptor subkey */
	struct gssk_krb5_ukey seal[2];
	struct gssk_krb5_ukey sign[2];
};

struct gssk_krb5 *gssk_krb5_new(u32 enctype, const u8 *key,
				unsigned int key_len, u32 subkey_enctype,
				const u8 *subkey, unsigned int subkey_len,
				bool initiator);
void gssk_krb5_free(struct gssk_krb5 *k);

/*
 * Kernel memory the context's crypto state holds, for the owner's key
 * quota: its kmalloc'ed parts as the slab allocator rounds them, and the
 * keyed transforms (Ke) at GSSK_KRB5_TFM_COST bytes each. A keyed
 * cts(cbc(aes)) is allocated by the crypto API, which takes no GFP flags,
 * so it cannot be charged to a memory cgroup: the key quota charges it
 * instead. With AES-NI it is three objects (the simd wrapper, its cryptd
 * transform and the AES-NI transform, whose key schedule puts it in
 * kmalloc-1k); GSSK_KRB5_TFM_COST is what make bench measures for it on
 * Debian's 6.1.
 */
#define GSSK_KRB5_TFM_COST	1152
unsigned int gssk_krb5_mem(const struct gssk_krb5 *k);
/* The backend's part of that, for one usage key */
unsigned int gssk_krb5_ukey_mem(const struct gssk_krb5_ukey *u);

/* The keys this context sends with (own role) or receives with (peer). */
static inline const struct gssk_krb5_ukey *
gssk_krb5_seal_key(const struct gssk_krb5 *k, bool send)
{
	return &k->seal[send == k->initiator ? 0 : 1];
}

static inline const struct gssk_krb5_ukey *
gssk_krb5_sign_key(const struct gssk_krb5 *k, bool send)
{
	return &k->sign[send == k->initiator ? 0 : 1];
}

/*
 * Encryption (RFC 3961 section 5.3 / RFC 8009 section 5) in place, over a
 * linear buffer that may be kmalloc or vmalloc memory:
 *
 *   buf: [GSSK_KRB5_CONF_LEN bytes, confounder goes here]
 *        [plain_len bytes of plaintext]
 *        [et->mac_len bytes, the HMAC goes here]
 *
 * gssk_krb5_encrypt() fills the confounder from get_random_bytes(),
 * encrypts and appends the HMAC. gssk_krb5_decrypt() checks the HMAC and
 * decrypts in place; the plaintext is then at buf + GSSK_KRB5_CONF_LEN,
 * len - GSSK_KRB5_CONF_LEN - mac_len bytes. It returns -EBADMSG when the
 * integrity check fails (the buffer is then wiped), -EINVAL when len is too
 * short, another negative errno when the crypto API fails.
 */
int gssk_krb5_encrypt(const struct gssk_enctype *et,
		      const struct gssk_krb5_ukey *u, u8 *buf,
		      size_t plain_len);
int gssk_krb5_decrypt(const struct gssk_enctype *et,
		      const struct gssk_krb5_ukey *u, u8 *buf, size_t len);

/*
 * Keyed checksum (checksum types 15, 16, 19, 20) over a | b with Kc of
 * usage u: et->mac_len bytes into out. gssk_krb5_verify_checksum()
 * compares in constant time: 0, -EBADMSG on mismatch, or another errno.
 */
int gssk_krb5_checksum(const struct gssk_enctype *et,
		       const struct gssk_krb5_ukey *u, const u8 *a,
		       size_t alen, const u8 *b, size_t blen, u8 *out);
int gssk_krb5_verify_checksum(const struct gssk_enctype *et,
			      const struct gssk_krb5_ukey *u, const u8 *a,
			      size_t alen, const u8 *b, size_t blen,
			      const u8 *cksum);

/*
 * The module-wide unkeyed hash transforms: gssk_krb5_init() allocates
 * them (and checks their exported state, see gssk_krb5_hash_init()) before
 * anything else in this file is used; gssk_krb5_exit() frees them once
 * every context is gone.
 */
int gssk_krb5_init(void);
void gssk_krb5_exit(void);

/*
 * The interface each backend provides, besides the four functions above
 * and gssk_krb5_init()/exit(): the keys of one usage, derived from the
 * base key (for encryption and checksums, or checksums only), and an
 * encryption with a given confounder (gssk_krb5_encrypt() draws it; the
 * self-test gives the RFC vectors' ones).
 */
int gssk_krb5_ukey_init(struct gssk_krb5_ukey *u,
			const struct gssk_enctype *et, const u8 *base,
			u32 usage, bool encrypt);
void gssk_krb5_ukey_destroy(struct gssk_krb5_ukey *u);
int gssk_krb5_encrypt_conf(const struct gssk_enctype *et,
			   const struct gssk_krb5_ukey *u, const u8 *conf,
			   u8 *buf, size_t plain_len);

/* A scatterlist over a vmalloc'ed buffer, one entry per page (krb5_ctx.c) */
struct sg_table;
int gssk_krb5_vmalloc_sg(struct sg_table *sgt, u8 *buf, size_t len);

#ifndef GSSK_KRB5_LIB
/* gssk's own backend's internals, exposed for the self-test only. */
int gssk_krb5_nfold(const u8 *in, unsigned int inlen, u8 *out,
		    unsigned int outlen);
int gssk_krb5_derive(const struct gssk_enctype *et, const u8 *base,
		     const u8 *constant, unsigned int clen, u8 *out,
		     unsigned int outlen);
struct crypto_skcipher *gssk_krb5_alloc_cts(const u8 *key,
					    unsigned int key_len);
int gssk_krb5_cts_crypt(struct crypto_skcipher *tfm, u8 *buf,
			size_t len, bool encrypt);
#endif

#endif /* _GSSK_KRB5_CRYPTO_H */
