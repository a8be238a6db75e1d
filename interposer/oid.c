// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The OIDs of the interposer and the "special" OIDs that make the
 * mechglue route a call to the real krb5 mechanism (all static and
 * read-only: no lock needed), and the mechglue's token frame.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interposer.h"

#define GSSI_OID_BYTES \
	"\x2b\x06\x01\x04\x01\x81\xfd\x59\x47\x53\x53\x4b"
#define KRB5_OID_BYTES "\x2a\x86\x48\x86\xf7\x12\x01\x02\x02"
#define MSKRB5_OID_BYTES "\x2a\x86\x48\x82\xf7\x12\x01\x02\x02"

const gss_OID_desc gssi_oid = { 12, (void *)GSSI_OID_BYTES };
const gss_OID_desc gssi_krb5_oid = { 9, (void *)KRB5_OID_BYTES };
const gss_OID_desc gssi_mskrb5_oid = { 9, (void *)MSKRB5_OID_BYTES };

/* The mechglue's special OIDs: our OID's bytes, then the real OID's. */
static gss_OID_desc special_krb5 = {
	21, (void *)(GSSI_OID_BYTES KRB5_OID_BYTES)
};
static gss_OID_desc special_mskrb5 = {
	21, (void *)(GSSI_OID_BYTES MSKRB5_OID_BYTES)
};
static gss_OID_set_desc special_krb5_set = { 1, &special_krb5 };
static gss_OID_set_desc special_mskrb5_set = { 1, &special_mskrb5 };

bool gssi_oid_equal(gss_const_OID a, gss_const_OID b)
{
	return a != GSS_C_NO_OID && b != GSS_C_NO_OID &&
	       a->length == b->length &&
	       memcmp(a->elements, b->elements, a->length) == 0;
}

bool gssi_is_krb5(gss_const_OID oid)
{
	return gssi_oid_equal(oid, &gssi_krb5_oid) ||
	       gssi_oid_equal(oid, &gssi_mskrb5_oid);
}

gss_OID gssi_special(gss_const_OID mech)
{
	if (gssi_oid_equal(mech, &gssi_mskrb5_oid) ||
	    gssi_oid_equal(mech, &special_mskrb5))
		return &special_mskrb5;
	return &special_krb5;
}

gss_OID_set gssi_special_set(gss_const_OID mech)
{
	return gssi_special(mech) == &special_mskrb5 ? &special_mskrb5_set :
						       &special_krb5_set;
}

OM_uint32 gssi_frame_token(OM_uint32 *minor_status, gss_const_OID oid,
			   const void *data, size_t len, gss_buffer_t out)
{
	unsigned char *p;

	if (len > SIZE_MAX - 4 - oid->length)
		goto nomem;
	p = malloc(4 + oid->length + len);
	if (!p)
		goto nomem;
	p[0] = (unsigned char)(oid->length >> 24);
	p[1] = (unsigned char)(oid->length >> 16);
	p[2] = (unsigned char)(oid->length >> 8);
	p[3] = (unsigned char)oid->length;
	memcpy(p + 4, oid->elements, oid->length);
	if (len)
		memcpy(p + 4 + oid->length, data, len);
	out->value = p;
	out->length = 4 + oid->length + len;
	return GSS_S_COMPLETE;
nomem:
	*minor_status = ENOMEM;
	return GSS_S_FAILURE;
}
