// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The enctypes gssk takes (layer 0): the one table of their names and
 * lengths for libgssk, gsskctl, the selftests and the bench
 * (gssk_enctype_info(), gssk_enctype_at(), gssk_enctype_by_name()). The
 * kernel keeps its own, with the crypto it needs (kernel/enctype.c).
 */
#include <string.h>

#include "base.h"

static const struct gssk_enctype_info enctypes[] = {
	{ GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
	  "aes128-cts-hmac-sha1-96", 16, 12 },
	{ GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
	  "aes256-cts-hmac-sha1-96", 32, 12 },
	{ GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128,
	  "aes128-cts-hmac-sha256-128", 16, 16 },
	{ GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
	  "aes256-cts-hmac-sha384-192", 32, 24 },
	/* RFC 6803: the kernel takes them where it has crypto/krb5 (7.x) */
	{ GSSK_ENCTYPE_CAMELLIA128_CTS_CMAC,
	  "camellia128-cts-cmac", 16, 16 },
	{ GSSK_ENCTYPE_CAMELLIA256_CTS_CMAC,
	  "camellia256-cts-cmac", 32, 16 },
};

#define N_ENCTYPES	(sizeof(enctypes) / sizeof(enctypes[0]))

GSSK_EXPORT const struct gssk_enctype_info *gssk_enctype_at(size_t index)
{
	return index < N_ENCTYPES ? &enctypes[index] : NULL;
}

GSSK_EXPORT const struct gssk_enctype_info *gssk_enctype_info(uint32_t enctype)
{
	size_t i;

	for (i = 0; i < N_ENCTYPES; i++)
		if (enctypes[i].enctype == enctype)
			return &enctypes[i];
	return NULL;
}

GSSK_EXPORT uint32_t gssk_enctype_by_name(const char *name)
{
	size_t i;

	if (!name)
		return 0;
	for (i = 0; i < N_ENCTYPES; i++)
		if (strcmp(enctypes[i].name, name) == 0)
			return enctypes[i].enctype;
	return 0;
}
