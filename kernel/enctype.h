/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Kerberos enctypes gssk accepts (RFC 3962, RFC 8009; RFC 6803's
 * Camellia where the kernel's crypto/krb5 provides it, see krb5_crypto.h).
 */
#ifndef _GSSK_ENCTYPE_H
#define _GSSK_ENCTYPE_H

#include <linux/types.h>

struct gssk_enctype {
	u32 etype;
	const char *name;
	unsigned int key_len;		/* protocol key length in bytes */

	/* Per-message cryptography (krb5_crypto.c) */
	bool kdf_sha2;			/* RFC 8009 KDF and encrypt-then-MAC */
	const char *hash_name;		/* crypto API name of the HMAC's hash */
	unsigned int ke_len;		/* derived encryption key Ke */
	unsigned int ki_len;		/* derived integrity key Ki */
	unsigned int kc_len;		/* derived checksum key Kc */
	unsigned int mac_len;		/* truncated HMAC and checksum */
};

const struct gssk_enctype *gssk_enctype_find(u32 etype);
/* Entry i of the table, or NULL past the last: to walk every enctype. */
const struct gssk_enctype *gssk_enctype_at(unsigned int i);

/* The list a refusal names */
#ifdef GSSK_KRB5_LIB
#define GSSK_ENCTYPES_TEXT	"17, 18, 19, 20, 25 or 26"
#else
#define GSSK_ENCTYPES_TEXT	"17, 18, 19 or 20"
#endif

#endif /* _GSSK_ENCTYPE_H */
