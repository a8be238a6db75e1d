// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A program outside the tree, as a user of an installed libgssk writes it:
 * built with nothing but `pkg-config --cflags --libs gssk` (see
 * tests/install.sh). It prints gssk_display_status() of one major and one
 * gssk minor status, and of what gssk_krb5_load_sec_context() (GSSK_1.1)
 * says to an empty MIT handle, so it needs <gssk/gssk.h>, <linux/gssk.h>
 * (through it), <gssk/gssk_krb5.h> and libgssk.so.1.
 */
#include <stdio.h>
#include <gssk/gssk.h>
#include <gssk/gssk_krb5.h>

static int show(OM_uint32 value, int type)
{
	OM_uint32 minor, more = 0;
	gss_buffer_desc text = GSS_C_EMPTY_BUFFER;

	do {
		if (GSS_ERROR(gssk_display_status(&minor, value, type,
						  GSS_C_NO_OID, &more, &text)))
			return 1;
		printf("%s\n", (const char *)text.value);
		gssk_release_buffer(&minor, &text);
	} while (more);
	return 0;
}

int main(void)
{
	gss_ctx_id_t mit = GSS_C_NO_CONTEXT, ctx;
	OM_uint32 major, minor;

	/* GSSK_MINOR_TOKEN_EXPIRED comes from <linux/gssk.h>. */
	if (show(GSS_S_FAILURE, GSS_C_GSS_CODE) ||
	    show(GSSK_MINOR_TOKEN_EXPIRED, GSS_C_MECH_CODE))
		return 1;
	/* No MIT context: refused before MIT or the kernel is asked. */
	major = gssk_krb5_load_sec_context(&minor, &mit, 0, NULL, &ctx);
	if (major == GSS_S_COMPLETE || ctx != GSS_C_NO_CONTEXT)
		return 1;
	return show(major, GSS_C_GSS_CODE);
}
