/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Kerberos enctypes gssk accepts (RFC 3962, RFC 8009).
 */
#ifndef _GSSK_ENCTYPE_H
#define _GSSK_ENCTYPE_H

#include <linux/types.h>

struct gssk_enctype {
	u32 etype;
	const char *name;
	unsigned int key_len;		/* protocol key length in bytes */
};

const struct gssk_enctype *gssk_enctype_find(u32 etype);

#endif /* _GSSK_ENCTYPE_H */
