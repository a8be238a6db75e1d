// SPDX-License-Identifier: LGPL-2.1-or-later
/* Argument checks of the per-message calls; no kernel needed. */
#include <string.h>

#include "internal.h"
#include "tap.h"

#define R GSS_S_CALL_INACCESSIBLE_READ
#define W GSS_S_CALL_INACCESSIBLE_WRITE

void test_message(void)
{
	struct gss_ctx_id_struct garbage = { .magic = 0xabad1dea, .serial = 7 };
	gss_buffer_desc msg = { 5, (void *)"hello" };
	gss_buffer_desc bad = { 5, NULL };
	gss_buffer_desc out = { 3, (void *)"old" };
	gss_qop_t qop = 99;
	OM_uint32 minor, major, max = 99;
	int conf = 99;

	/* get_mic */
	ok(gssk_get_mic(NULL, &garbage, 0, &msg, &out) == W,
	   "get_mic NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_get_mic(&minor, &garbage, 0, &msg, NULL) == W,
	   "get_mic NULL token -> CALL_INACCESSIBLE_WRITE");
	major = gssk_get_mic(&minor, &garbage, 0, &bad, &out);
	ok(major == R && out.length == 0 && !out.value,
	   "get_mic unreadable message -> CALL_INACCESSIBLE_READ, "
	   "token emptied");
	ok(gssk_get_mic(&minor, GSS_C_NO_CONTEXT, 0, &msg, &out) ==
	   (R | GSS_S_NO_CONTEXT),
	   "get_mic GSS_C_NO_CONTEXT -> CALL_INACCESSIBLE_READ|NO_CONTEXT");
	major = gssk_get_mic(&minor, &garbage, 0, &msg, &out);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
	   gssk_last_error(), "get_mic garbage handle -> NO_CONTEXT");

	/* verify_mic */
	major = gssk_verify_mic(&minor, &garbage, &msg, GSS_C_NO_BUFFER,
				&qop);
	ok(major == R && qop == GSS_C_QOP_DEFAULT,
	   "verify_mic no token -> CALL_INACCESSIBLE_READ, qop_state 0");
	ok(gssk_verify_mic(&minor, &garbage, &bad, &msg, NULL) == R,
	   "verify_mic unreadable message -> CALL_INACCESSIBLE_READ");
	major = gssk_verify_mic(&minor, &garbage, &msg, &msg, NULL);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE,
	   "verify_mic garbage handle -> NO_CONTEXT");

	/* wrap */
	out.length = 3;
	out.value = (void *)"old";
	ok(gssk_wrap(&minor, &garbage, 1, 0, &msg, &conf, NULL) == W &&
	   conf == 0, "wrap NULL output -> CALL_INACCESSIBLE_WRITE, "
	   "conf_state 0");
	major = gssk_wrap(&minor, &garbage, 1, 0, &bad, NULL, &out);
	ok(major == R && out.length == 0,
	   "wrap unreadable input -> CALL_INACCESSIBLE_READ, output emptied");
	major = gssk_wrap(&minor, &garbage, 1, 0, &msg, NULL, &out);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE,
	   "wrap garbage handle -> NO_CONTEXT");

	/* unwrap */
	qop = 99;
	conf = 99;
	ok(gssk_unwrap(&minor, &garbage, &msg, NULL, &conf, &qop) == W &&
	   conf == 0 && qop == 0,
	   "unwrap NULL output -> CALL_INACCESSIBLE_WRITE, states 0");
	ok(gssk_unwrap(&minor, &garbage, GSS_C_NO_BUFFER, &out, NULL, NULL) ==
	   R, "unwrap no input -> CALL_INACCESSIBLE_READ");
	major = gssk_unwrap(&minor, GSS_C_NO_CONTEXT, &msg, &out, NULL, NULL);
	ok(major == (R | GSS_S_NO_CONTEXT),
	   "unwrap GSS_C_NO_CONTEXT -> CALL_INACCESSIBLE_READ|NO_CONTEXT");

	/* wrap_size_limit */
	ok(gssk_wrap_size_limit(&minor, &garbage, 1, 0, 100, NULL) == W,
	   "wrap_size_limit NULL max_input_size -> CALL_INACCESSIBLE_WRITE");
	major = gssk_wrap_size_limit(&minor, &garbage, 1, 0, 100, &max);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
	   max == 0, "wrap_size_limit garbage handle -> NO_CONTEXT, 0");
}
