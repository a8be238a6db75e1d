// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gssk_krb5_load_sec_context() in a process that has MIT krb5 loaded
 * (this program links libgssapi_krb5): every MIT function it needs
 * resolves, and a handle MIT does not know is refused with MIT's own
 * explanation and left untouched. Real MIT contexts are loaded in the VM.
 * Output is TAP.
 */
#include <string.h>
#include <gssapi/gssapi_krb5.h>

#include <gssk/gssk_krb5.h>
#include "internal.h"
#include "tap.h"

int main(void)
{
	/* zeroed like an MIT union context with no mechanism context */
	static char fake[512];
	gss_ctx_id_t mit = (gss_ctx_id_t)fake, out = (gss_ctx_id_t)1;
	OM_uint32 minor = 0, major;

	/* keep the link to MIT's library even with --as-needed */
	tap_diag("MIT krb5 mechanism OID length %u",
		 (unsigned int)gss_mech_krb5->length);
	major = gssk_krb5_load_sec_context(&minor, &mit, 0, NULL, &out);
	ok(major != GSS_S_COMPLETE && minor == GSSK_MINOR_KRB5_FAILED,
	   "an unknown handle is refused by MIT (major 0x%x, minor 0x%x)",
	   major, minor);
	ok(mit == (gss_ctx_id_t)fake && out == GSS_C_NO_CONTEXT,
	   "the MIT handle is untouched, no gssk handle is made");
	ok(strstr(gssk_last_error(), "MIT krb5 cannot describe") != NULL,
	   "the last error carries MIT's explanation: %s", gssk_last_error());
	return tap_done();
}
