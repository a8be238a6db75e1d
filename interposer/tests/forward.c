// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host check of the forwarding interposer, run twice by check.sh: once
 * with GSS_MECH_CONFIG naming gssk-interposer.so, once without. Prints
 * what a krb5 program sees from name, mechanism and credential calls
 * (no KDC needed); check.sh asserts the interposer was loaded and that
 * both runs print the same thing otherwise.
 */
#include <stdio.h>
#include <string.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>

static const gss_OID_desc gssi_oid = {
	12, (void *)"\x2b\x06\x01\x04\x01\x81\xfd\x59\x47\x53\x53\x4b"
};

int main(void)
{
	gss_buffer_desc in = { 21, "host@test.example.org" }, out;
	gss_name_t name = GSS_C_NO_NAME, mn = GSS_C_NO_NAME;
	gss_OID_set mechs = GSS_C_NO_OID_SET, types = GSS_C_NO_OID_SET;
	gss_cred_id_t cred = GSS_C_NO_CREDENTIAL;
	OM_uint32 major, minor, i;
	int present = 0, interposer = 0;

	major = gss_indicate_mechs(&minor, &mechs);
	for (i = 0; !GSS_ERROR(major) && i < mechs->count; i++)
		if (mechs->elements[i].length == gssi_oid.length &&
		    !memcmp(mechs->elements[i].elements, gssi_oid.elements,
			    gssi_oid.length))
			interposer = 1;
	gss_release_oid_set(&minor, &mechs);
	printf("interposer-listed %d\n", interposer);

	major = gss_import_name(&minor, &in, GSS_C_NT_HOSTBASED_SERVICE, &name);
	printf("import_name %u\n", major);
	major = gss_canonicalize_name(&minor, name, (gss_OID)gss_mech_krb5,
				      &mn);
	printf("canonicalize %u\n", major);
	major = gss_display_name(&minor, mn, &out, NULL);
	printf("display_name %u %.*s\n", major, (int)out.length,
	       (char *)out.value);
	gss_release_buffer(&minor, &out);
	major = gss_export_name(&minor, mn, &out);
	printf("export_name %u %zu\n", major, out.length);
	gss_release_buffer(&minor, &out);
	major = gss_inquire_names_for_mech(&minor, (gss_OID)gss_mech_krb5,
					   &types);
	printf("names_for_mech %u %zu\n", major,
	       GSS_ERROR(major) ? 0 : types->count);
	gss_release_oid_set(&minor, &types);
	major = gss_test_oid_set_member(&minor, (gss_OID)gss_mech_krb5,
					GSS_C_NO_OID_SET, &present);
	major = gss_acquire_cred(&minor, mn, 0, GSS_C_NO_OID_SET, GSS_C_ACCEPT,
				 &cred, NULL, NULL);
	printf("acquire_cred %u\n", major);
	gss_release_cred(&minor, &cred);
	gss_release_name(&minor, &mn);
	gss_release_name(&minor, &name);
	return 0;
}
