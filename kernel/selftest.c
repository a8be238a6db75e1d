// SPDX-License-Identifier: GPL-2.0
/*
 * The module's self-test, run at module load by gssk_selftest(): the
 * crypto layer's known-answer vectors (RFC 3961/3962/8009/6803 and MIT's),
 * RFC 4121 tokens and the sequence window. Any mismatch is reported with
 * pr_err() naming the group and the vector, and refuses the load.
 *
 * Vectors (data transcribed from the documents named at each table, each
 * field a hex string decoded when its test runs):
 *   RFC 3961 A.1   n-fold, all 11
 *   RFC 3962 B     AES-CTS with IV 0, all 6, encrypt and decrypt;
 *                  DK(PBKDF2 output, "kerberos") for iteration counts
 *                  1, 2 and 1200, 128 and 256 bits
 *   RFC 8009 A     Kc, Ke, Ki for both enctypes; all 8 sample encryptions
 *                  with their fixed confounders; both sample checksums
 *   MIT krb5       t_decrypt.c aes128/aes256-cts-hmac-sha1-96 (10), which
 *                  are also re-encrypted with the recovered confounder;
 *                  t_cksums.c checksum types 15 and 16
 *   RFC 6803 10    Camellia checksums (types 17, 18), with crypto/krb5 only
 * With the crypto/krb5 backend the vectors of gssk's own internals
 * (n-fold, CTS, DK, KDF) are not built: the library's derivations are
 * tested through the encryptions and checksums.
 * Then functional checks of RFC 4121 tokens (every enctype, with and
 * without an acceptor subkey, kmalloc and vmalloc buffers, RRC rotation,
 * wrong direction, tampering) and of the sequence window.
 *
 * Building with GSSK_SELFTEST_CORRUPT=1 (see Kbuild) corrupts the expected
 * result of the first RFC 8009 encryption vector so that the load fails.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/skcipher.h>
#include <linux/err.h>
#include <linux/gssk.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sunrpc/gss_err.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "krb5_crypto.h"
#include "rfc4121.h"
#include "selftest.h"
#include "seqwin.h"

#ifdef GSSK_SELFTEST_CORRUPT
#define GSSK_ST_CORRUPT	true
#else
#define GSSK_ST_CORRUPT	false
#endif

/*
 * Every field of a vector is a hex string ("" for none), as in the
 * documents it comes from and in crypto/krb5/selftest_data.c; each is
 * decoded (hex2bin()) into kmalloc'ed memory when its test runs (module
 * data cannot be put in a scatterlist).
 */
struct gssk_st_nfold {
	unsigned int bits;
	const char *in;
	const char *out;
};

struct gssk_st_dk {
	u32 etype;
	const char *tkey;
	const char *key;
};

struct gssk_st_kdf {
	u32 etype;
	u8 seed;
	const char *base;
	const char *out;
};

struct gssk_st_enc {
	u32 etype;
	u32 usage;
	const char *base;
	const char *plain;
	const char *conf;	/* none: recovered from out */
	const char *out;	/* ciphertext | HMAC */
};

struct gssk_st_cksum {
	u32 etype;
	u32 usage;
	const char *base;
	const char *plain;
	const char *out;
};

/*
 * The internals of gssk's own backend (n-fold, CTS, DK, the RFC 8009 KDF):
 * with crypto/krb5 the library derives the keys, and the vectors below
 * (encryptions and checksums) test its derivations through them.
 */
#ifndef GSSK_KRB5_LIB
/* RFC 3961 appendix A.1: n-fold */
static const struct gssk_st_nfold gssk_st_nfold[] = {
	{ 64,
	  "303132333435", /* "012345" */
	  "be072631276b1955",
	},
	{ 56,
	  "70617373776f7264", /* "password" */
	  "78a07b6caf85fa",
	},
	{ 64,
	  /* "Rough Consensus, and Running Code" */
	  "526f75676820436f6e73656e7375732c20616e642052756e6e696e6720436f6465",
	  "bb6ed30870b7f0e0",
	},
	{ 168,
	  "70617373776f7264", /* "password" */
	  "59e4a8ca7c0385c3c37b3f6d2000247cb6e6bd5b3e",
	},
	{ 192,
	  /* "MASSACHVSETTS INSTITVTE OF TECHNOLOGY" */
	  "4d41535341434856534554545320494e53544954565445204f4620544543484e4f4c4f4759",
	  "db3b0d8f0b061e603282b308a50841229ad798fab9540c1b",
	},
	{ 168,
	  "51", /* "Q" */
	  "518a54a215a8452a518a54a215a8452a518a54a215",
	},
	{ 168,
	  "6261", /* "ba" */
	  "fb25d531ae8974499f52fd92ea9857c4ba24cf297e",
	},
	{ 64,
	  "6b65726265726f73", /* "kerberos" */
	  "6b65726265726f73", /* "kerberos" */
	},
	{ 128,
	  "6b65726265726f73", /* "kerberos" */
	  "6b65726265726f737b9b5b2b93132b93",
	},
	{ 168,
	  "6b65726265726f73", /* "kerberos" */
	  "8372c236344e5f1550cd0747e15d62ca7a5a3bcea4",
	},
	{ 256,
	  "6b65726265726f73", /* "kerberos" */
	  "6b65726265726f737b9b5b2b93132b935c9bdcdad95c9899c4cae4dee6d6cae4",
	},
};

/*
 * RFC 3962 appendix B: AES-CTS, key "chicken teriyaki", IV 0; each vector
 * is the encryption of as many bytes of plain as it has.
 */
static const struct {
	const char *key;
	const char *plain;
} gssk_st_cts_in = {
	"636869636b656e207465726979616b69", /* "chicken teriyaki" */
	/* "I would like the General Gau's Chicken, please, and wonton soup." */
	"4920776f756c64206c696b65207468652047656e6572616c20476175277320436869636b656e2c20706c656173652c20616e6420776f6e746f6e20736f75702e",
};

static const char *const gssk_st_cts[] = {
	"c6353568f2bf8cb4d8a580362da7ff7f97",
	"fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5",
	"39312523a78662d5be7fcbcc98ebf5a897687268d6ecccc0c07b25e25ecfe584",
	"97687268d6ecccc0c07b25e25ecfe584b3fffd940c16a18c1b5549d2f838029e39312523a78662d5be7fcbcc98ebf5",
	"97687268d6ecccc0c07b25e25ecfe5849dad8bbb96c4cdc03bc103e1a194bbd839312523a78662d5be7fcbcc98ebf5a8",
	"97687268d6ecccc0c07b25e25ecfe58439312523a78662d5be7fcbcc98ebf5a84807efe836ee89a526730dbc2f7bc8409dad8bbb96c4cdc03bc103e1a194bbd8",
};

/* RFC 3962 appendix B: DK(PBKDF2 output, "kerberos") = AES key */
static const struct gssk_st_dk gssk_st_dk[] = {
	{ 17,
	  "cdedb5281bb2f801565a1122b2563515",
	  "42263c6e89f4fc28b8df68ee09799f15",
	},
	{ 18,
	  "cdedb5281bb2f801565a1122b25635150ad1f7a04bb9f3a333ecc0e2e1f70837",
	  "fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161",
	},
	{ 17,
	  "01dbee7f4a9e243e988b62c73cda935d",
	  "c651bf29e2300ac27fa469d693bdda13",
	},
	{ 18,
	  "01dbee7f4a9e243e988b62c73cda935da05378b93244ec8f48a99e61ad799d86",
	  "a2e16d16b36069c135d5e9d2e25f896102685618b95914b467c67622225824ff",
	},
	{ 17,
	  "5c08eb61fdf71e4e4ec3cf6ba1f5512b",
	  "4c01cd46d632d01e6dbe230a01ed642a",
	},
	{ 18,
	  "5c08eb61fdf71e4e4ec3cf6ba1f5512ba7e52ddbc5e5142f708a31e2e62b1e13",
	  "55a6ac740ad17b4846941051e1e8b0a7548d93b0ab30a8bc3ff16280382b8c2a",
	},
};

/* RFC 8009 appendix A: key derivation, key usage 2 */
static const struct gssk_st_kdf gssk_st_kdf[] = {
	{ 19, 0x99,
	  "3705d96080c17728a0e800eab6e0d23c",
	  "b31a018a48f54776f403e9a396325dc3",
	},
	{ 19, 0xaa,
	  "3705d96080c17728a0e800eab6e0d23c",
	  "9b197dd1e8c5609d6e67c3e37c62c72e",
	},
	{ 19, 0x55,
	  "3705d96080c17728a0e800eab6e0d23c",
	  "9fda0e56ab2d85e1569a688696c26a6c",
	},
	{ 20, 0x99,
	  "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  "ef5718be86cc84963d8bbb5031e9f5c4ba41f28faf69e73d",
	},
	{ 20, 0xaa,
	  "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  "56ab22bee63d82d7bc5227f6773f8ea7a5eb1c825160c38312980c442e5c7e49",
	},
	{ 20, 0x55,
	  "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  "69b16514e3cd8e56b82010d5c73012b622c4d00ffc23ed1f",
	},
};

#endif /* !GSSK_KRB5_LIB */

/* RFC 8009 appendix A: encryptions (key usage 2), ciphertext | HMAC */
static const struct gssk_st_enc gssk_st_enc8009[] = {
	{ 19, 2,
	  "3705d96080c17728a0e800eab6e0d23c",
	  "",
	  "7e5895eaf2672435bad817f545a37148",
	  "ef85fb890bb8472f4dab20394dca781dad877eda39d50c870c0d5a0a8e48c718",
	},
	{ 19, 2,
	  "3705d96080c17728a0e800eab6e0d23c",
	  "000102030405",
	  "7bca285e2fd4130fb55b1a5c83bc5b24",
	  "84d7f30754ed987bab0bf3506beb09cfb55402cef7e6877ce99e247e52d16ed4421dfdf8976c",
	},
	{ 19, 2,
	  "3705d96080c17728a0e800eab6e0d23c",
	  "000102030405060708090a0b0c0d0e0f",
	  "56ab21713ff62c0a1457200f6fa9948f",
	  "3517d640f50ddc8ad3628722b3569d2ae07493fa8263254080ea65c1008e8fc295fb4852e7d83e1e7c48c37eebe6b0d3",
	},
	{ 19, 2,
	  "3705d96080c17728a0e800eab6e0d23c",
	  "000102030405060708090a0b0c0d0e0f1011121314",
	  "a7a4e29a4728ce10664fb64e49ad3fac",
	  "720f73b18d9859cd6ccb4346115cd336c70f58edc0c4437c5573544c31c813bce1e6d072c186b39a413c2f92ca9b8334a287ffcbfc",
	},
	{ 20, 2,
	  "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  "",
	  "f764e9fa15c276478b2c7d0c4e5f58e4",
	  "41f53fa5bfe7026d91faf9be959195a058707273a96a40f0a01960621ac612748b9bbfbe7eb4ce3c",
	},
	{ 20, 2,
	  "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  "000102030405",
	  "b80d3251c1f6471494256ffe712d0b9a",
	  "4ed7b37c2bcac8f74f23c1cf07e62bc7b75fb3f637b9f559c7f664f69eab7b6092237526ea0d1f61cb20d69d10f2",
	},
	{ 20, 2,
	  "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  "000102030405060708090a0b0c0d0e0f",
	  "53bf8a0d105265d4e276428624ce5e63",
	  "bc47ffec7998eb91e8115cf8d19dac4bbbe2e163e87dd37f49beca92027764f68cf51f14d798c2273f35df574d1f932e40c4ff255b36a266",
	},
	{ 20, 2,
	  "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  "000102030405060708090a0b0c0d0e0f1011121314",
	  "763e65367e864f02f55153c7e3b58af1",
	  "40013e2df58e8751957d2878bcd2d6fe101ccfd556cb1eae79db3c3ee86429f2b2a602ac86fef6ecb647d6295fae077a1feb517508d2c16b4192e01f62",
	},
};

/*
 * MIT krb5 src/lib/crypto/crypto_tests/t_decrypt.c: aes-sha1 decryptions;
 * the confounder is recovered by decrypting, then re-encrypted.
 */
static const struct gssk_st_enc gssk_st_enc3962[] = {
	{ 17, 0,
	  "5a5c0f0ba54f3828b2195e66ca24a289",
	  "",
	  "",
	  "49ff8e11c173d9583a3254fbe7b1f1df36c538e8416784a1672e6676",
	},
	{ 17, 1,
	  "98450e3f3baa13f5c99beb936981b06f",
	  "31", /* "1" */
	  "",
	  "f86742f537b35dc2174a4dbaa920faf9042090b065e1ebb1cad9a65394",
	},
	{ 17, 2,
	  "9062430c8cda3388922e6d6a509f5b7a",
	  "392062797465737373", /* "9 bytesss" */
	  "",
	  "68fb9679601f45c78857b2bf820fd6e53eca8d42fd4b1d7024a09205abb7cd2ec26c355d2f",
	},
	{ 17, 3,
	  "033ee6502c54fd23e27791e987983827",
	  "31332062797465732062797465", /* "13 bytes byte" */
	  "",
	  "ec366d0327a933bf49330e650e49bc6b974637fe80bf532fe51795b4809718e6194724db948d1fd637",
	},
	{ 17, 4,
	  "dceeb70b3de76562e689226c76429148",
	  /* "30 bytes byt...": MIT's 30-byte ASCII plaintext */
	  "333020627974657320627974657320627974657320627974657320627974",
	  "",
	  "c96081032d5d8eeb7e32b4089f789d0faa481dea74c0f97cbf3146ddfcf8e800156ecb532fc203e30ff600b63b350939fece510f02d7ff1e7bac",
	},
	{ 18, 0,
	  "17f275f2954f2ed1f90c377ba7f4d6a369aa0136e0bf0c927ad6133c693759a9",
	  "",
	  "",
	  "e5094c55ee7b38262e2b044280b069379a95bf95bd8376fb3281b435",
	},
	{ 18, 1,
	  "b9477e1ff0329c0050e20ce6c72d2dff27e8fe541ab0954429a9cb5b4f7b1e2a",
	  "31", /* "1" */
	  "",
	  "406150b97aeb76d43b36b62cc1ecdfbe6f40e95755e0beb5c27825f3a4",
	},
	{ 18, 2,
	  "b1ae4cd8462aff1677053cc9279aac30b796fb81ce21474dd3ddbcfea4ec76d7",
	  "392062797465737373", /* "9 bytesss" */
	  "",
	  "09957aa25fcaf88f7b39e4406e633012d5fea21853f6478da7065caef41fd454a40824eec5",
	},
	{ 18, 3,
	  "e5a72be9b7926c1225bafef9c1872e7ba4cdb2b17893d84abd90acdd8764d966",
	  "31332062797465732062797465", /* "13 bytes byte" */
	  "",
	  "d8f1aafeec84587cc3e700a774e56651a6d693e174ec4473b5e6d96f80297a653fb818ad893e719f96",
	},
	{ 18, 4,
	  "f1c795e9248a09338d82c3f8d5b567040b0110736845041347235b1404231398",
	  /* "30 bytes byt...": MIT's 30-byte ASCII plaintext */
	  "333020627974657320627974657320627974657320627974657320627974",
	  "",
	  "d1137a4d634cfece924dbc3bf6790648bd5cff7de0e7b99460211d0daef3d79a295c688858f3b34b9cbd6eebae81daf6b734d4d498b6714f1c1d",
	},
};

/* RFC 8009 appendix A and MIT t_cksums.c: checksum types 19, 20, 15, 16 */
static const struct gssk_st_cksum gssk_st_cksum[] = {
	{ 19, 2,
	  "3705d96080c17728a0e800eab6e0d23c",
	  "000102030405060708090a0b0c0d0e0f1011121314",
	  "d78367186643d67b411cba9139fc1dee",
	},
	{ 20, 2,
	  "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  "000102030405060708090a0b0c0d0e0f1011121314",
	  "45ee791567eefca37f4ac1e0222de80d43c3bfa06699672a",
	},
	{ 17, 3,
	  "9062430c8cda3388922e6d6a509f5b7a",
	  /* "eight nine ten eleven twelve thirteen" */
	  "6569676874206e696e652074656e20656c6576656e207477656c766520746869727465656e",
	  "01a4b088d45628f6946614e3",
	},
	{ 18, 4,
	  "b1ae4cd8462aff1677053cc9279aac30b796fb81ce21474dd3ddbcfea4ec76d7",
	  "666f75727465656e", /* "fourteen" */
	  "e08739e3279e2903ec8e3836",
	},
#ifdef GSSK_KRB5_LIB
	/* RFC 6803 section 10 (and t_cksums.c): checksum types 17, 18 */
	{ 25, 7,
	  "1dc46a8d763f4f93742bcba3387576c3",
	  "6162636465666768696a6b", /* "abcdefghijk" */
	  "1178e6c5c47a8c1ae0c4b9c7d4eb7b6b",
	},
	{ 25, 8,
	  "5027bc231d0f3a9d23333f1ca6fdbe7c",
	  "4142434445464748494a4b4c4d4e4f505152535455565758595a", /* "ABCDEFGHIJKLMNOPQRSTUVWXYZ" */
	  "d1b34f7004a731f23a0c00bf6c3f753a",
	},
	{ 26, 9,
	  "b61c86cc4e5d2757545ad423399fb7031ecab913cbb900bd7a3c6dd8bf92015b",
	  "313233343536373839", /* "123456789" */
	  "87a12cfd2b96214810f01c826e7744b1",
	},
	{ 26, 10,
	  "32164c5b434d1d1538e4cfd9be8040fe8c4ac7acc4b93d3314d2133668147a05",
	  /* "!@#$%^&*()!@#$%^&*()!@#$%^&*()" */
	  "21402324255e262a282921402324255e262a282921402324255e262a2829",
	  "3fa0b42355e52b189187294aa252ab64",
	},
#endif
};

/* Decoded vector buffers of one test, freed together. */
struct gssk_st_bufs {
	void *p[8];
	unsigned int n;
};

/*
 * A vector field decoded into kmalloc'ed memory with extra bytes of room
 * after it; NULL if out of memory or not a hex string (*len is then 0, so
 * that a caller may size its next buffer by it before checking).
 */
static u8 *gssk_st_dup(struct gssk_st_bufs *b, const char *hex, size_t *len,
		       size_t extra)
{
	size_t n = strlen(hex) / 2;
	u8 *p;

	if (len)
		*len = 0;
	if (b->n == ARRAY_SIZE(b->p))
		return NULL;
	p = kzalloc(n + extra + 1, GFP_KERNEL);
	if (!p)
		return NULL;
	b->p[b->n++] = p;
	if (strlen(hex) % 2 || hex2bin(p, hex, n)) {
		pr_err("self-test vector is not a hex string: %.32s\n", hex);
		return NULL;
	}
	if (len)
		*len = n;
	return p;
}

static void gssk_st_free(struct gssk_st_bufs *b)
{
	while (b->n)
		kfree(b->p[--b->n]);
}

static int gssk_st_fail(const char *group, unsigned int i, const char *what,
			int err)
{
	pr_err("self-test failed: %s vector %u: %s (%d)\n", group, i, what,
	       err);
	return -EINVAL;
}

#ifndef GSSK_KRB5_LIB
static int gssk_st_nfold_run(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gssk_st_nfold); i++) {
		const struct gssk_st_nfold *v = &gssk_st_nfold[i];
		struct gssk_st_bufs b = { };
		u8 got[32];
		size_t inlen, outlen;
		u8 *in, *out;
		int err;

		in = gssk_st_dup(&b, v->in, &inlen, 0);
		out = gssk_st_dup(&b, v->out, &outlen, 0);
		if (!in || !out) {
			gssk_st_free(&b);
			return gssk_st_fail("RFC 3961 n-fold", i, "setup",
					    -ENOMEM);
		}
		err = gssk_krb5_nfold(in, inlen, got, v->bits / 8);
		if (!err && (outlen != v->bits / 8 || memcmp(got, out, outlen)))
			err = -EBADMSG;
		gssk_st_free(&b);
		if (err)
			return gssk_st_fail("RFC 3961 n-fold", i, "mismatch",
					    err);
	}
	return 0;
}

static int gssk_st_cts_run(void)
{
	struct crypto_skcipher *tfm;
	struct gssk_st_bufs b = { };
	size_t plen;
	u8 *key, *plain;
	unsigned int i;
	int err = 0;

	key = gssk_st_dup(&b, gssk_st_cts_in.key, NULL, 0);
	plain = gssk_st_dup(&b, gssk_st_cts_in.plain, &plen, 0);
	if (!key || !plain) {
		gssk_st_free(&b);
		return gssk_st_fail("RFC 3962 AES-CTS", 0, "setup",
				    -ENOMEM);
	}
	tfm = gssk_krb5_alloc_cts(key, 16);
	if (IS_ERR(tfm)) {
		gssk_st_free(&b);
		return gssk_st_fail("RFC 3962 AES-CTS", 0, "cts(cbc(aes))",
				    PTR_ERR(tfm));
	}
	for (i = 0; i < ARRAY_SIZE(gssk_st_cts) && !err; i++) {
		struct gssk_st_bufs vb = { };
		const char *what = "setup";
		size_t len;
		u8 *out, *buf;

		out = gssk_st_dup(&vb, gssk_st_cts[i], &len, 0);
		buf = kmemdup(plain, min(len, plen), GFP_KERNEL);
		err = -ENOMEM;
		if (out && buf && len <= plen) {
			what = "encrypt";
			err = gssk_krb5_cts_crypt(tfm, buf, len, true);
			if (!err && memcmp(buf, out, len))
				err = -EBADMSG;
		}
		if (!err) {
			what = "decrypt";
			err = gssk_krb5_cts_crypt(tfm, buf, len, false);
			if (!err && memcmp(buf, plain, len))
				err = -EBADMSG;
		}
		kfree(buf);
		gssk_st_free(&vb);
		if (err)
			err = gssk_st_fail("RFC 3962 AES-CTS", i, what, err);
	}
	crypto_free_skcipher(tfm);
	gssk_st_free(&b);
	return err;
}

static int gssk_st_dk_run(void)
{
	static const u8 kerberos[] = "kerberos";
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gssk_st_dk); i++) {
		const struct gssk_st_dk *v = &gssk_st_dk[i];
		const struct gssk_enctype *et = gssk_enctype_find(v->etype);
		struct gssk_st_bufs b = { };
		u8 got[GSSK_KRB5_MAX_KEY];
		size_t klen;
		u8 *tkey, *key;
		int err = -ENOMEM;

		tkey = gssk_st_dup(&b, v->tkey, NULL, 0);
		key = gssk_st_dup(&b, v->key, &klen, 0);
		if (tkey && key && et && klen == et->key_len) {
			err = gssk_krb5_derive(et, tkey, kerberos,
					       sizeof(kerberos) - 1, got,
					       et->key_len);
			if (!err && memcmp(got, key, klen))
				err = -EBADMSG;
		}
		memzero_explicit(got, sizeof(got));
		gssk_st_free(&b);
		if (err)
			return gssk_st_fail("RFC 3962 DK", i, "mismatch", err);
	}
	return 0;
}

static int gssk_st_kdf_run(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gssk_st_kdf); i++) {
		const struct gssk_st_kdf *v = &gssk_st_kdf[i];
		const struct gssk_enctype *et = gssk_enctype_find(v->etype);
		u8 constant[5] = { 0, 0, 0, 2, v->seed };
		struct gssk_st_bufs b = { };
		u8 got[GSSK_KRB5_MAX_KEY];
		size_t olen;
		u8 *base, *out;
		int err = -ENOMEM;

		base = gssk_st_dup(&b, v->base, NULL, 0);
		out = gssk_st_dup(&b, v->out, &olen, 0);
		if (base && out && et && olen <= sizeof(got)) {
			err = gssk_krb5_derive(et, base, constant,
					       sizeof(constant), got, olen);
			if (!err && memcmp(got, out, olen))
				err = -EBADMSG;
		}
		memzero_explicit(got, sizeof(got));
		gssk_st_free(&b);
		if (err)
			return gssk_st_fail("RFC 8009 key derivation", i,
					    "mismatch", err);
	}
	return 0;
}

/*
 * One encryption vector: encrypt with the given (or recovered) confounder
 * and compare, decrypt and compare, and check that a flipped ciphertext
 * bit is refused.
 */
#endif /* !GSSK_KRB5_LIB */

static int gssk_st_enc_one(const char *group, unsigned int i,
			   const struct gssk_st_enc *v, bool corrupt)
{
	const struct gssk_enctype *et = gssk_enctype_find(v->etype);
	struct gssk_krb5_ukey u = { };
	struct gssk_st_bufs b = { };
	const char *what = "setup";
	size_t plen, olen, clen;
	u8 *base, *plain, *out, *conf, *buf;
	int err = -ENOMEM;

	base = gssk_st_dup(&b, v->base, NULL, 0);
	plain = gssk_st_dup(&b, v->plain, &plen, 0);
	out = gssk_st_dup(&b, v->out, &olen, 0);
	conf = gssk_st_dup(&b, v->conf, &clen, GSSK_KRB5_CONF_LEN);
	buf = gssk_st_dup(&b, "", NULL, olen);
	if (!base || !plain || !out || !conf || !buf || !et)
		goto out;
	err = -EINVAL;
	if (olen != GSSK_KRB5_CONF_LEN + plen + et->mac_len)
		goto out;
	if (corrupt)
		out[0] ^= 1;

	err = gssk_krb5_ukey_init(&u, et, base, v->usage, true);
	if (err)
		goto out;

	if (!*v->conf) {
		/* recover the confounder of a decrypt-only vector */
		what = "decrypt";
		memcpy(buf, out, olen);
		err = gssk_krb5_decrypt(et, &u, buf, olen);
		if (err)
			goto out;
		memcpy(conf, buf, GSSK_KRB5_CONF_LEN);
	}

	what = "encrypt";
	memset(buf, 0, olen);
	memcpy(buf + GSSK_KRB5_CONF_LEN, plain, plen);
	err = gssk_krb5_encrypt_conf(et, &u, conf, buf, plen);
	if (!err && memcmp(buf, out, olen))
		err = -EBADMSG;
	if (err)
		goto out;

	what = "decrypt";
	err = gssk_krb5_decrypt(et, &u, buf, olen);
	if (!err && (memcmp(buf, conf, GSSK_KRB5_CONF_LEN) ||
		     memcmp(buf + GSSK_KRB5_CONF_LEN, plain, plen)))
		err = -EBADMSG;
	if (err)
		goto out;

	what = "tampered ciphertext accepted";
	memcpy(buf, out, olen);
	buf[olen - et->mac_len - 1] ^= 0x80;
	err = gssk_krb5_decrypt(et, &u, buf, olen);
	err = err == -EBADMSG ? 0 : -EBADMSG;
out:
	gssk_krb5_ukey_destroy(&u);
	gssk_st_free(&b);
	if (err)
		return gssk_st_fail(group, i, what, err);
	return 0;
}

static int gssk_st_enc_run(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(gssk_st_enc8009); i++) {
		bool corrupt = GSSK_ST_CORRUPT && i == 0;

		err = gssk_st_enc_one("RFC 8009 encryption", i,
				      &gssk_st_enc8009[i], corrupt);
		if (err)
			return err;
	}
	for (i = 0; i < ARRAY_SIZE(gssk_st_enc3962); i++) {
		err = gssk_st_enc_one("MIT t_decrypt aes-sha1", i,
				      &gssk_st_enc3962[i], false);
		if (err)
			return err;
	}
	return 0;
}

static int gssk_st_cksum_run(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gssk_st_cksum); i++) {
		const struct gssk_st_cksum *v = &gssk_st_cksum[i];
		const struct gssk_enctype *et = gssk_enctype_find(v->etype);
		struct gssk_krb5_ukey u = { };
		struct gssk_st_bufs b = { };
		u8 got[GSSK_KRB5_MAX_MAC];
		size_t plen, olen;
		u8 *base, *plain, *out;
		int err = -ENOMEM;

		base = gssk_st_dup(&b, v->base, NULL, 0);
		plain = gssk_st_dup(&b, v->plain, &plen, 0);
		out = gssk_st_dup(&b, v->out, &olen, 0);
		if (base && plain && out && et && olen == et->mac_len) {
			err = gssk_krb5_ukey_init(&u, et, base, v->usage,
						  false);
			if (!err)
				err = gssk_krb5_checksum(et, &u, plain, plen,
							 NULL, 0, got);
			if (!err && memcmp(got, out, olen))
				err = -EBADMSG;
			if (!err)
				err = gssk_krb5_verify_checksum(et, &u, plain,
								plen, NULL, 0,
								out);
		}
		gssk_krb5_ukey_destroy(&u);
		gssk_st_free(&b);
		if (err)
			return gssk_st_fail("checksum", i, "mismatch", err);
	}
	return 0;
}

/* RFC 4121 round trips between an initiator and an acceptor context. */

struct gssk_st_pair {
	struct gssk_krb5 *init;
	struct gssk_krb5 *acc;
};

static void gssk_st_rotate_right(u8 *p, size_t n, size_t r, u8 *tmp)
{
	r %= n;
	memcpy(tmp, p + n - r, r);
	memmove(p + r, p, n - r);
	memcpy(p, tmp, r);
}

static int gssk_st_wrap_one(struct gssk_krb5 *snd, struct gssk_krb5 *rcv,
			    const u8 *msg, size_t len, bool conf, u64 seq,
			    u16 rrc)
{
	size_t tlen = gssk_rfc4121_wrap_len(snd, conf, len);
	u8 *tok, *tmp = NULL, *out;
	size_t out_len;
	bool got_conf;
	u64 got_seq;
	u32 major, minor;
	int err;

	/* tokens of more than a page are vmalloc'ed: page-wise scatterlists */
	tok = tlen > PAGE_SIZE ? vmalloc(tlen) : kmalloc(tlen, GFP_KERNEL);
	if (!tok)
		return -ENOMEM;
	err = gssk_rfc4121_wrap(snd, conf, seq, msg, len, tok);
	if (err)
		goto out;

	/* the size limit of this token's length is this message's length */
	if (gssk_rfc4121_wrap_size_limit(snd, conf, tlen) != len ||
	    (len && gssk_rfc4121_wrap_size_limit(snd, conf, tlen - 1) !=
		    len - 1)) {
		err = -ERANGE;
		goto out;
	}

	/* a token may not be accepted by the side that sent it */
	err = -EBADMSG;
	major = gssk_rfc4121_unwrap(snd, tok, tlen, &out, &out_len, &got_conf,
				    &got_seq, &minor);
	if (major != GSS_S_BAD_SIG || minor != GSSK_MINOR_WRONG_DIRECTION)
		goto out;

	if (rrc) {
		tmp = kmalloc(rrc, GFP_KERNEL);
		if (!tmp) {
			err = -ENOMEM;
			goto out;
		}
		gssk_st_rotate_right(tok + GSSK_RFC4121_HDR_LEN,
				     tlen - GSSK_RFC4121_HDR_LEN, rrc, tmp);
		tok[6] = rrc >> 8;
		tok[7] = rrc & 0xff;
	}
	major = gssk_rfc4121_unwrap(rcv, tok, tlen, &out, &out_len, &got_conf,
				    &got_seq, &minor);
	if (major != GSS_S_COMPLETE || out_len != len ||
	    memcmp(out, msg, len) || got_conf != conf || got_seq != seq)
		goto out;

	/* a flipped bit anywhere after the header must be caught */
	err = gssk_rfc4121_wrap(snd, conf, seq, msg, len, tok);
	if (err)
		goto out;
	err = -EBADMSG;
	tok[tlen / 2 + 8] ^= 0x10;
	major = gssk_rfc4121_unwrap(rcv, tok, tlen, &out, &out_len, &got_conf,
				    &got_seq, &minor);
	if (major == GSS_S_COMPLETE)
		goto out;
	err = 0;
out:
	kfree(tmp);
	kvfree(tok);
	return err;
}

static int gssk_st_mic_one(struct gssk_krb5 *snd, struct gssk_krb5 *rcv,
			   const u8 *msg, size_t len, u64 seq)
{
	u8 tok[GSSK_RFC4121_HDR_LEN + GSSK_KRB5_MAX_MAC];
	size_t tlen = gssk_rfc4121_mic_len(snd);
	u32 major, minor;
	u64 got_seq;
	int err;

	err = gssk_rfc4121_get_mic(snd, seq, msg, len, tok);
	if (err)
		return err;
	major = gssk_rfc4121_verify_mic(snd, msg, len, tok, tlen, &got_seq,
					&minor);
	if (major != GSS_S_BAD_SIG || minor != GSSK_MINOR_WRONG_DIRECTION)
		return -EBADMSG;
	major = gssk_rfc4121_verify_mic(rcv, msg, len, tok, tlen, &got_seq,
					&minor);
	if (major != GSS_S_COMPLETE || got_seq != seq)
		return -EBADMSG;
	tok[tlen - 1] ^= 1;
	major = gssk_rfc4121_verify_mic(rcv, msg, len, tok, tlen, &got_seq,
					&minor);
	if (major != GSS_S_BAD_SIG || minor != GSSK_MINOR_BAD_CHECKSUM)
		return -EBADMSG;
	return 0;
}

static int gssk_st_pair_run(struct gssk_st_pair *p, const u8 *msg,
			    size_t big)
{
	static const size_t lens[] = { 0, 1, 15, 16, 17, 33, 1000 };
	struct gssk_krb5 *dir[2][2] = {
		{ p->init, p->acc }, { p->acc, p->init }
	};
	unsigned int i, d;
	int err;

	for (d = 0; d < 2; d++) {
		for (i = 0; i <= ARRAY_SIZE(lens); i++) {
			size_t len = i < ARRAY_SIZE(lens) ? lens[i] : big;
			u64 seq = 0xfffffffeULL + i;

			err = gssk_st_wrap_one(dir[d][0], dir[d][1], msg, len,
					       true, seq, 0);
			if (!err)
				err = gssk_st_wrap_one(dir[d][0], dir[d][1],
						       msg, len, false, seq,
						       0);
			if (!err)
				err = gssk_st_wrap_one(dir[d][0], dir[d][1],
						       msg, len, true, seq,
						       28 + i);
			if (!err)
				err = gssk_st_wrap_one(dir[d][0], dir[d][1],
						       msg, len, false, seq,
						       4096 + i);
			if (!err)
				err = gssk_st_mic_one(dir[d][0], dir[d][1],
						      msg, len, seq);
			if (err)
				return err;
		}
	}
	return 0;
}

static int gssk_st_rfc4121_run(void)
{
	static const u32 etypes[] = {
		17, 18, 19, 20,
#ifdef GSSK_KRB5_LIB
		25, 26,
#endif
	};
	const size_t big = 3 * PAGE_SIZE + 3;
	struct gssk_st_pair p = { };
	u8 key[GSSK_KRB5_MAX_KEY], subkey[GSSK_KRB5_MAX_KEY];
	unsigned int i, j;
	u8 *msg;
	int err = 0;

	msg = vmalloc(big);
	if (!msg)
		return gssk_st_fail("RFC 4121", 0, "no memory", -ENOMEM);
	for (j = 0; j < big; j++)
		msg[j] = j * 7 + (j >> 8);
	for (j = 0; j < sizeof(key); j++) {
		key[j] = j + 1;
		subkey[j] = 0xa0 ^ j;
	}

	/* i: enctype index; odd passes add an acceptor subkey */
	for (i = 0; i < 2 * ARRAY_SIZE(etypes) && !err; i++) {
		const struct gssk_enctype *et = gssk_enctype_find(etypes[i / 2]);
		const struct gssk_enctype *st =
			gssk_enctype_find(etypes[(i / 2 + 1) %
						 ARRAY_SIZE(etypes)]);
		bool sub = i & 1;

		p.init = gssk_krb5_new(et->etype, key, et->key_len,
				       sub ? st->etype : 0, sub ? subkey : NULL,
				       sub ? st->key_len : 0, true);
		p.acc = gssk_krb5_new(et->etype, key, et->key_len,
				      sub ? st->etype : 0, sub ? subkey : NULL,
				      sub ? st->key_len : 0, false);
		if (IS_ERR(p.init) || IS_ERR(p.acc))
			err = IS_ERR(p.init) ? PTR_ERR(p.init) :
					       PTR_ERR(p.acc);
		else
			err = gssk_st_pair_run(&p, msg, big);
		gssk_krb5_free(p.init);
		gssk_krb5_free(p.acc);
		if (err)
			err = gssk_st_fail("RFC 4121 round trip", i, et->name,
					   err);
	}
	vfree(msg);
	return err;
}

static int gssk_st_seqwin_run(void)
{
	/* seq received, flags (1 replay, 2 sequence), expected status */
	static const struct {
		u64 seq;
		u8 flags;
		u32 status;
	} steps[] = {
		{ 100, 3, 0 },
		{ 101, 3, 0 },
		{ 101, 3, GSS_S_DUPLICATE_TOKEN },
		{ 104, 3, GSS_S_GAP_TOKEN },
		{ 103, 3, GSS_S_UNSEQ_TOKEN },
		{ 103, 1, GSS_S_DUPLICATE_TOKEN },
		{ 102, 1, 0 },
		{ 102, 2, GSS_S_UNSEQ_TOKEN },
		{ 105, 0, 0 },				/* not recorded */
		{ 105, 1, 0 },
		{ 170, 3, GSS_S_GAP_TOKEN },
		{ 107, 3, GSS_S_UNSEQ_TOKEN },		/* 64 behind: in */
		{ 106, 3, GSS_S_OLD_TOKEN | GSS_S_UNSEQ_TOKEN },
		{ 106, 1, GSS_S_OLD_TOKEN },
		{ 106, 2, GSS_S_UNSEQ_TOKEN },
		{ 171, 1, 0 },
		{ 1000, 2, GSS_S_GAP_TOKEN },
		{ 999, 3, GSS_S_UNSEQ_TOKEN },
		{ 937, 3, GSS_S_UNSEQ_TOKEN },
		{ 936, 3, GSS_S_OLD_TOKEN | GSS_S_UNSEQ_TOKEN },
		{ 1000, 3, GSS_S_DUPLICATE_TOKEN },
	};
	struct gssk_seqwin w;
	unsigned int i;

	gssk_seqwin_init(&w, 100);
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		u32 got = gssk_seqwin_check(&w, steps[i].seq,
					    steps[i].flags & 1,
					    steps[i].flags & 2);

		if (got != steps[i].status)
			return gssk_st_fail("sequence window", i, "status",
					    -EBADMSG);
	}
	return 0;
}

int gssk_selftest(unsigned int *vectors)
{
	int err;

	*vectors = ARRAY_SIZE(gssk_st_enc8009) + ARRAY_SIZE(gssk_st_enc3962) +
		   ARRAY_SIZE(gssk_st_cksum);
	err = 0;
#ifndef GSSK_KRB5_LIB
	*vectors += ARRAY_SIZE(gssk_st_nfold) + ARRAY_SIZE(gssk_st_cts) +
		    ARRAY_SIZE(gssk_st_dk) + ARRAY_SIZE(gssk_st_kdf);
	err = gssk_st_nfold_run();
	if (!err)
		err = gssk_st_cts_run();
	if (!err)
		err = gssk_st_dk_run();
	if (!err)
		err = gssk_st_kdf_run();
#endif
	if (!err)
		err = gssk_st_enc_run();
	if (!err)
		err = gssk_st_cksum_run();
	if (!err)
		err = gssk_st_rfc4121_run();
	if (!err)
		err = gssk_st_seqwin_run();
	if (err)
		return -EINVAL;
	pr_info("Kerberos crypto self-test passed (%u known-answer vectors, %s)\n",
		*vectors, GSSK_KRB5_BACKEND);
	return 0;
}
