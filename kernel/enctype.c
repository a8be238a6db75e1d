// SPDX-License-Identifier: GPL-2.0
/*
 * Table of supported Kerberos enctypes.
 */
#include <linux/kernel.h>

#include "enctype.h"

static const struct gssk_enctype gssk_enctypes[] = {
	{
		.etype = 17, .name = "aes128-cts-hmac-sha1-96", .key_len = 16,
		.kdf_sha2 = false, .hash_name = "sha1",
		.ke_len = 16, .ki_len = 16, .kc_len = 16, .mac_len = 12,
	},
	{
		.etype = 18, .name = "aes256-cts-hmac-sha1-96", .key_len = 32,
		.kdf_sha2 = false, .hash_name = "sha1",
		.ke_len = 32, .ki_len = 32, .kc_len = 32, .mac_len = 12,
	},
	{
		.etype = 19, .name = "aes128-cts-hmac-sha256-128", .key_len = 16,
		.kdf_sha2 = true, .hash_name = "sha256",
		.ke_len = 16, .ki_len = 16, .kc_len = 16, .mac_len = 16,
	},
	{
		.etype = 20, .name = "aes256-cts-hmac-sha384-192", .key_len = 32,
		.kdf_sha2 = true, .hash_name = "sha384",
		.ke_len = 32, .ki_len = 24, .kc_len = 24, .mac_len = 24,
	},
#ifdef GSSK_KRB5_LIB
	/*
	 * RFC 6803, with the kernel's crypto/krb5 only (krb5_lib.c): the
	 * library derives the keys (KDF-FEEDBACK-CMAC); key_len
	 * and mac_len are what gssk itself needs.
	 */
	{
		.etype = 25, .name = "camellia128-cts-cmac", .key_len = 16,
		.mac_len = 16,
	},
	{
		.etype = 26, .name = "camellia256-cts-cmac", .key_len = 32,
		.mac_len = 16,
	},
#endif
};

const struct gssk_enctype *gssk_enctype_find(u32 etype)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(gssk_enctypes); i++)
		if (gssk_enctypes[i].etype == etype)
			return &gssk_enctypes[i];
	return NULL;
}

const struct gssk_enctype *gssk_enctype_at(unsigned int i)
{
	return i < ARRAY_SIZE(gssk_enctypes) ? &gssk_enctypes[i] : NULL;
}
