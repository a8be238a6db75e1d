// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Buffers, names, handles and the argument checks of every call: all of
 * these are decided before libgssk talks to the kernel.
 */
#include <string.h>

#include "internal.h"
#include "tap.h"

#define R GSS_S_CALL_INACCESSIBLE_READ
#define W GSS_S_CALL_INACCESSIBLE_WRITE

void test_buffers_names(void)
{
	gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;
	gss_name_t name, none = GSS_C_NO_NAME;
	struct gss_name_struct fake = { .magic = 0x12345678 };
	gss_name_t fakep = &fake;
	gss_OID type = GSS_C_NO_OID;
	OM_uint32 minor = 99, major;

	ok(gssk_release_buffer(NULL, &buf) == W,
	   "release_buffer NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	major = gssk_release_buffer(&minor, GSS_C_NO_BUFFER);
	ok(major == GSS_S_COMPLETE && minor == 0,
	   "release_buffer GSS_C_NO_BUFFER -> COMPLETE");
	major = gssk_release_buffer(&minor, &buf);
	ok(major == GSS_S_COMPLETE && !buf.value && !buf.length,
	   "release_buffer empty buffer -> COMPLETE");
	ok(gsskp_buffer_set(&buf, "abc", 3) == 0 && buf.length == 3 &&
	   ((char *)buf.value)[3] == '\0', "buffer_set copies, NUL-terminates");
	major = gssk_release_buffer(&minor, &buf);
	ok(major == GSS_S_COMPLETE && !buf.value && buf.length == 0,
	   "release_buffer frees and zeroes the descriptor");

	ok(gssk_release_name(NULL, &none) == W,
	   "release_name NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_release_name(&minor, NULL) == W,
	   "release_name NULL name -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_release_name(&minor, &none) == GSS_S_COMPLETE,
	   "release_name GSS_C_NO_NAME -> COMPLETE");
	major = gssk_release_name(&minor, &fakep);
	ok(major == GSS_S_BAD_NAME && minor == GSSK_MINOR_INVALID_NAME &&
	   fakep == &fake, "release_name foreign name -> BAD_NAME, untouched");

	name = gsskp_name_new("alice@EXAMPLE.COM", 17);
	ok(name != GSS_C_NO_NAME, "a libgssk name");
	major = gssk_display_name(&minor, name, &buf, &type);
	ok(major == GSS_S_COMPLETE && buf.length == 17 &&
	   memcmp(buf.value, "alice@EXAMPLE.COM", 17) == 0 &&
	   type && gsskp_oid_equal(type, &gsskp_krb5_nt_principal_oid),
	   "display_name: text and krb5 principal name type");
	gssk_release_buffer(&minor, &buf);
	major = gssk_display_name(&minor, GSS_C_NO_NAME, &buf, &type);
	ok(major == (R | GSS_S_BAD_NAME) && type == GSS_C_NO_OID,
	   "display_name GSS_C_NO_NAME -> CALL_INACCESSIBLE_READ|BAD_NAME");
	ok(gssk_display_name(&minor, name, NULL, NULL) == W,
	   "display_name NULL buffer -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_display_name(NULL, name, &buf, NULL) == W,
	   "display_name NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	major = gssk_display_name(&minor, &fake, &buf, NULL);
	ok(major == GSS_S_BAD_NAME && minor == GSSK_MINOR_INVALID_NAME,
	   "display_name foreign name -> BAD_NAME");
	major = gssk_display_name(&minor, name, &buf, NULL);
	ok(major == GSS_S_COMPLETE, "display_name without a type pointer");
	gssk_release_buffer(&minor, &buf);
	major = gssk_release_name(&minor, &name);
	ok(major == GSS_S_COMPLETE && name == GSS_C_NO_NAME,
	   "release_name frees and sets GSS_C_NO_NAME");
}

static void handles(void)
{
	struct gss_ctx_id_struct garbage = { .magic = 0xabad1dea, .serial = 7 };
	struct gss_ctx_id_struct dead = { .magic = GSSK_CTX_DEAD, .serial = 7 };
	gss_ctx_id_t h = gsskp_ctx_new(42);

	ok(gssk_context_serial(h) == 42, "context_serial of a live handle");
	ok(gssk_context_serial(&garbage) == 0, "context_serial of garbage: 0");
	ok(gssk_context_serial(&dead) == 0,
	   "context_serial of a released handle: 0");
	ok(gssk_context_serial(GSS_C_NO_CONTEXT) == 0,
	   "context_serial of GSS_C_NO_CONTEXT: 0");
	gsskp_ctx_free(h);

	{
		gss_ctx_id_t live = gsskp_ctx_new(42), g = &garbage;
		gss_ctx_id_t none = GSS_C_NO_CONTEXT;
		OM_uint32 minor;

		ok(gssk_release_context_handle(&minor, &live) ==
		   GSS_S_COMPLETE && live == GSS_C_NO_CONTEXT,
		   "release_context_handle frees, sets GSS_C_NO_CONTEXT");
		ok(gssk_release_context_handle(&minor, &g) ==
		   GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
		   g == &garbage,
		   "release_context_handle garbage -> NO_CONTEXT, kept");
		ok(gssk_release_context_handle(&minor, &none) ==
		   GSS_S_NO_CONTEXT,
		   "release_context_handle GSS_C_NO_CONTEXT -> NO_CONTEXT");
		ok(gssk_release_context_handle(&minor, NULL) ==
		   (W | GSS_S_NO_CONTEXT),
		   "release_context_handle NULL -> CALL_INACCESSIBLE_WRITE|"
		   "NO_CONTEXT");
		ok(gssk_release_context_handle(NULL, &g) == W,
		   "release_context_handle NULL minor_status -> "
		   "CALL_INACCESSIBLE_WRITE");
	}
}

static void load_args(void)
{
	static const unsigned char key[GSSK_KEY_MAX + 1];
	struct gssk_context_fields f = {
		.enctype = GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		.key = key, .key_len = 16,
	};
	char longname[GSSK_NAME_MAX + 8];
	gss_ctx_id_t h = (gss_ctx_id_t)&f;	/* garbage in */
	OM_uint32 minor, major;

	ok(gssk_load_sec_context(NULL, &f, 0, NULL, &h) == W,
	   "load NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_load_sec_context(&minor, &f, 0, NULL, NULL) == W,
	   "load NULL context_handle -> CALL_INACCESSIBLE_WRITE");
	major = gssk_load_sec_context(&minor, NULL, 0, NULL, &h);
	ok(major == R && h == GSS_C_NO_CONTEXT,
	   "load NULL fields -> CALL_INACCESSIBLE_READ, handle NO_CONTEXT");
	f.key = NULL;
	ok(gssk_load_sec_context(&minor, &f, 0, NULL, &h) == R,
	   "load NULL key with a length -> CALL_INACCESSIBLE_READ");
	f.key = key;
	f.subkey_len = 16;
	ok(gssk_load_sec_context(&minor, &f, 0, NULL, &h) == R,
	   "load NULL subkey with a length -> CALL_INACCESSIBLE_READ");
	f.subkey_len = 0;
	f.key_len = GSSK_KEY_MAX + 1;
	major = gssk_load_sec_context(&minor, &f, 0, NULL, &h);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_BAD_KEY_LENGTH &&
	   gssk_last_error(), "load 65-byte key -> FAILURE, BAD_KEY_LENGTH");
	f.key_len = 16;
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	f.initiator_name = longname;
	major = gssk_load_sec_context(&minor, &f, 0, NULL, &h);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_BAD_ARGUMENT,
	   "load over-long initiator name -> FAILURE, BAD_ARGUMENT");
	f.initiator_name = NULL;
	major = gssk_load_sec_context(&minor, &f, 0, longname, &h);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_BAD_ARGUMENT,
	   "load over-long description -> FAILURE, BAD_ARGUMENT");
}

static void context_args(void)
{
	struct gss_ctx_id_struct garbage = { .magic = 0xabad1dea, .serial = 7 };
	gss_ctx_id_t g = &garbage, none = GSS_C_NO_CONTEXT, h;
	gss_buffer_desc tok = { 3, (void *)"xyz" };
	gss_buffer_desc big = { GSSK_TOKEN_MAX_LEN + 1, (void *)"x" };
	gss_buffer_desc empty = GSS_C_EMPTY_BUFFER;
	struct gssk_export_policy pol = { .flags = GSSK_POLICY_ANY_SESSION };
	struct gssk_context_info info;
	gss_name_t src = (gss_name_t)&garbage, targ = (gss_name_t)&garbage;
	OM_uint32 minor, major, life = 5, flags = 5;
	gss_OID mech = (gss_OID)&gsskp_krb5_mech_oid;
	int loc = 5, open = 5;

	/* export */
	ok(gssk_export_sec_context(NULL, &g, &tok) == W,
	   "export NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_export_sec_context(&minor, NULL, &tok) ==
	   (R | GSS_S_NO_CONTEXT),
	   "export NULL context_handle -> CALL_INACCESSIBLE_READ|NO_CONTEXT");
	ok(gssk_export_sec_context(&minor, &none, &tok) ==
	   (R | GSS_S_NO_CONTEXT),
	   "export GSS_C_NO_CONTEXT -> CALL_INACCESSIBLE_READ|NO_CONTEXT");
	ok(gssk_export_sec_context(&minor, &g, NULL) == W,
	   "export NULL token -> CALL_INACCESSIBLE_WRITE");
	tok.length = 3;
	major = gssk_export_sec_context_policy(&minor, &g, &pol, &tok);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
	   g == &garbage && tok.length == 0 && !tok.value,
	   "export garbage handle -> NO_CONTEXT, handle kept, no token");

	/* import */
	h = g;
	ok(gssk_import_sec_context(NULL, &tok, &h) == W,
	   "import NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_import_sec_context(&minor, &tok, NULL) == W,
	   "import NULL context_handle -> CALL_INACCESSIBLE_WRITE");
	major = gssk_import_sec_context(&minor, GSS_C_NO_BUFFER, &h);
	ok(major == (R | GSS_S_DEFECTIVE_TOKEN) && h == GSS_C_NO_CONTEXT,
	   "import no token -> CALL_INACCESSIBLE_READ|DEFECTIVE_TOKEN, "
	   "handle NO_CONTEXT");
	h = g;
	major = gssk_import_sec_context(&minor, &empty, &h);
	ok(major == GSS_S_DEFECTIVE_TOKEN && minor == GSSK_MINOR_TOKEN_LENGTH &&
	   h == GSS_C_NO_CONTEXT && gssk_last_error(),
	   "import empty token -> DEFECTIVE_TOKEN, TOKEN_LENGTH, a message");
	major = gssk_import_sec_context_keyring(&minor, &big, 0, &h);
	ok(major == GSS_S_DEFECTIVE_TOKEN && minor == GSSK_MINOR_TOKEN_LENGTH,
	   "import token over GSSK_TOKEN_MAX_LEN -> DEFECTIVE_TOKEN, "
	   "TOKEN_LENGTH");

	/* delete */
	tok.length = 3;
	tok.value = (void *)"xyz";
	ok(gssk_delete_sec_context(NULL, &g, NULL) == W,
	   "delete NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_delete_sec_context(&minor, NULL, &tok) ==
	   (W | GSS_S_NO_CONTEXT) && tok.length == 0,
	   "delete NULL context_handle -> CALL_INACCESSIBLE_WRITE|NO_CONTEXT"
	   ", output token emptied");
	ok(gssk_delete_sec_context(&minor, &none, NULL) == GSS_S_NO_CONTEXT,
	   "delete GSS_C_NO_CONTEXT -> NO_CONTEXT");
	major = gssk_delete_sec_context(&minor, &g, GSS_C_NO_BUFFER);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
	   g == &garbage, "delete garbage handle -> NO_CONTEXT, kept");

	/* inquire */
	ok(gssk_inquire_context(NULL, g, NULL, NULL, NULL, NULL, NULL, NULL,
				NULL) == W,
	   "inquire NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	major = gssk_inquire_context(&minor, GSS_C_NO_CONTEXT, &src, &targ,
				     &life, &mech, &flags, &loc, &open);
	ok(major == (R | GSS_S_NO_CONTEXT) && src == GSS_C_NO_NAME &&
	   targ == GSS_C_NO_NAME && life == 0 && mech == GSS_C_NO_OID &&
	   flags == 0 && loc == 0 && open == 0,
	   "inquire GSS_C_NO_CONTEXT -> CALL_INACCESSIBLE_READ|NO_CONTEXT, "
	   "outputs cleared");
	major = gssk_inquire_context(&minor, g, NULL, NULL, NULL, NULL, NULL,
				     NULL, NULL);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE,
	   "inquire garbage handle -> NO_CONTEXT, INVALID_HANDLE");

	/* context_time, inquire_context_info */
	ok(gssk_context_time(&minor, g, NULL) == W,
	   "context_time NULL time_rec -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_context_time(&minor, GSS_C_NO_CONTEXT, &life) ==
	   (R | GSS_S_NO_CONTEXT),
	   "context_time GSS_C_NO_CONTEXT -> CALL_INACCESSIBLE_READ|"
	   "NO_CONTEXT");
	major = gssk_context_time(&minor, g, &life);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
	   life == 0, "context_time garbage handle -> NO_CONTEXT");
	ok(gssk_inquire_context_info(&minor, g, NULL) == W,
	   "inquire_context_info NULL info -> CALL_INACCESSIBLE_WRITE");
	major = gssk_inquire_context_info(&minor, g, &info);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE,
	   "inquire_context_info garbage handle -> NO_CONTEXT");

	/* from_serial */
	ok(gssk_context_from_serial(&minor, 5, NULL) == W,
	   "from_serial NULL context_handle -> CALL_INACCESSIBLE_WRITE");
	h = g;
	major = gssk_context_from_serial(&minor, 0, &h);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_NO_SUCH_CONTEXT &&
	   h == GSS_C_NO_CONTEXT, "from_serial 0 -> NO_CONTEXT");
	major = gssk_context_from_serial(&minor, -3, &h);
	ok(major == GSS_S_NO_CONTEXT, "from_serial -3 -> NO_CONTEXT");
}

void test_args(void)
{
	handles();
	load_args();
	context_args();
}
