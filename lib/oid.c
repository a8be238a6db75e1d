// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The object identifiers libgssk hands out. They are static and owned by
 * the library: callers must neither modify nor free them.
 */
#include <string.h>

#include "base.h"

/* 1.2.840.113554.1.2.2: Kerberos v5 (RFC 1964) */
const gss_OID_desc gsskp_krb5_mech_oid = {
	9, (void *)"\x2a\x86\x48\x86\xf7\x12\x01\x02\x02"
};

/* 1.2.840.113554.1.2.2.1: GSS_KRB5_NT_PRINCIPAL_NAME */
const gss_OID_desc gsskp_krb5_nt_principal_oid = {
	10, (void *)"\x2a\x86\x48\x86\xf7\x12\x01\x02\x02\x01"
};

bool gsskp_oid_equal(const gss_OID_desc *a, const gss_OID_desc *b)
{
	return a->length == b->length &&
	       (a->length == 0 ||
		memcmp(a->elements, b->elements, a->length) == 0);
}
