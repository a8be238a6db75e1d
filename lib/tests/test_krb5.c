// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gssk_krb5_load_sec_context() checks that need neither a kernel nor MIT
 * krb5 in the process (the unit tests do not link libgssapi_krb5). The
 * loads of real MIT contexts run in the VM (selftests/krb5).
 */
#include <string.h>

#include <gssk/gssk_krb5.h>
#include "internal.h"
#include "tap.h"

void test_krb5(void)
{
	OM_uint32 minor = 99, major;
	gss_ctx_id_t out = (gss_ctx_id_t)1, mit, mine;
	char fake[256] = { 0 };
	gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
	OM_uint32 mctx = 0;

	ok(gssk_krb5_load_sec_context(NULL, &mit, 0, NULL, &out) ==
	   GSS_S_CALL_INACCESSIBLE_WRITE,
	   "krb5_load NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_krb5_load_sec_context(&minor, &mit, 0, NULL, NULL) ==
	   GSS_S_CALL_INACCESSIBLE_WRITE,
	   "krb5_load NULL context_handle -> CALL_INACCESSIBLE_WRITE");
	major = gssk_krb5_load_sec_context(&minor, NULL, 0, NULL, &out);
	ok(major == GSS_S_CALL_INACCESSIBLE_READ && out == GSS_C_NO_CONTEXT,
	   "krb5_load NULL MIT handle -> CALL_INACCESSIBLE_READ");
	mit = GSS_C_NO_CONTEXT;
	out = (gss_ctx_id_t)1;
	major = gssk_krb5_load_sec_context(&minor, &mit, 0, NULL, &out);
	ok(major == GSS_S_NO_CONTEXT && out == GSS_C_NO_CONTEXT,
	   "krb5_load GSS_C_NO_CONTEXT -> NO_CONTEXT");

	mine = gsskp_ctx_new(42);
	mit = mine;
	major = gssk_krb5_load_sec_context(&minor, &mit, 0, NULL, &out);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_KRB5_NOT_KRB5 &&
	   mit == mine && gsskp_ctx_check(mine),
	   "krb5_load of a gssk handle -> NO_CONTEXT, handle untouched");
	gsskp_ctx_free(mine);

	mit = (gss_ctx_id_t)fake;
	major = gssk_krb5_load_sec_context(&minor, &mit, 0, NULL, &out);
	ok(major == GSS_S_UNAVAILABLE &&
	   minor == GSSK_MINOR_KRB5_UNAVAILABLE &&
	   mit == (gss_ctx_id_t)fake && out == GSS_C_NO_CONTEXT,
	   "krb5_load without MIT krb5 loaded -> UNAVAILABLE, untouched");
	ok(strstr(gssk_last_error(), "libgssapi_krb5.so.2") != NULL,
	   "the last error names MIT's library: %s", gssk_last_error());
	major = gssk_display_status(&minor, GSSK_MINOR_KRB5_RFC1964,
				    GSS_C_MECH_CODE, GSS_C_NO_OID, &mctx,
				    &text);
	ok(major == GSS_S_COMPLETE && text.value &&
	   strstr(text.value, "RFC 1964"),
	   "display_status explains the krb5 minor codes");
	gssk_release_buffer(&minor, &text);
}
