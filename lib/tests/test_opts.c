// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * GSSK_1.3 on the host: the structs that grow (GSSK_OPTS(), their size
 * checks, made before libgssk talks to the kernel) and the enctype table.
 */
#include <string.h>

#include "internal.h"
#include "tap.h"

#define R GSS_S_CALL_INACCESSIBLE_READ
#define W GSS_S_CALL_INACCESSIBLE_WRITE

static const unsigned char key16[16] = { 1, 2, 3 };

/* A gssk_load_opts from a newer header: one more field at its end. */
struct newer_load_opts {
	struct gssk_load_opts old;
	uint64_t newer_field;
};

static bool refused(OM_uint32 major, OM_uint32 minor, const char *word)
{
	const char *msg = gssk_last_error();

	return major == GSS_S_FAILURE && minor == GSSK_MINOR_BAD_ARGUMENT &&
	       msg && strstr(msg, word);
}

static bool not_loaded(OM_uint32 major, OM_uint32 minor)
{
	return major == GSS_S_FAILURE && minor == GSSK_MINOR_MODULE_NOT_LOADED;
}

static void load_opts(void)
{
	GSSK_OPTS(gssk_load_opts, o, .fields = {
		.enctype = GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		.initiate = 1, .key = key16, .key_len = sizeof(key16),
		.flags = GSS_C_TRANS_FLAG,
	});
	struct newer_load_opts n;
	gss_ctx_id_t h = (gss_ctx_id_t)&o;	/* garbage in */
	OM_uint32 minor, major;

	ok(o.size == sizeof(struct gssk_load_opts) && o.keyring == 0 &&
	   !o.description, "GSSK_OPTS sets size and zeroes the rest");
	ok(GSSK_LOAD_OPTS_SIZE_V1 == sizeof(struct gssk_load_opts),
	   "struct gssk_load_opts is still its first version");
	ok(gssk_load_sec_context_opts(NULL, &o, &h) == W,
	   "load_opts NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	ok(gssk_load_sec_context_opts(&minor, &o, NULL) == W,
	   "load_opts NULL context_handle -> CALL_INACCESSIBLE_WRITE");
	major = gssk_load_sec_context_opts(&minor, NULL, &h);
	ok(major == R && h == GSS_C_NO_CONTEXT,
	   "load_opts NULL opts -> CALL_INACCESSIBLE_READ, handle NO_CONTEXT");

	o.size = GSSK_LOAD_OPTS_SIZE_V1 - 1;
	major = gssk_load_sec_context_opts(&minor, &o, &h);
	ok(refused(major, minor, "size"),
	   "load_opts size below the first version -> FAILURE, BAD_ARGUMENT");
	o.size = sizeof(o);
	o.fields.key = NULL;
	ok(gssk_load_sec_context_opts(&minor, &o, &h) == R,
	   "load_opts NULL key with a length -> CALL_INACCESSIBLE_READ");
	o.fields.key = key16;
	o.fields.key_len = GSSK_KEY_MAX + 1;
	major = gssk_load_sec_context_opts(&minor, &o, &h);
	ok(major == GSS_S_FAILURE && minor == GSSK_MINOR_BAD_KEY_LENGTH,
	   "load_opts: the fields are checked as load's");
	o.fields.key_len = sizeof(key16);
	major = gssk_load_sec_context_opts(&minor, &o, &h);
	ok(not_loaded(major, minor),
	   "load_opts, a good struct: on to the kernel (module not loaded)");

	memset(&n, 0, sizeof(n));
	n.old = o;
	n.old.size = sizeof(n);
	major = gssk_load_sec_context_opts(&minor, &n.old, &h);
	ok(not_loaded(major, minor),
	   "load_opts from a newer header, new field zero: accepted");
	n.newer_field = 1;
	major = gssk_load_sec_context_opts(&minor, &n.old, &h);
	ok(refused(major, minor, "newer"),
	   "load_opts from a newer header, new field set -> BAD_ARGUMENT");
}

static void export_opts(void)
{
	GSSK_OPTS(gssk_export_opts, o, .flags = GSSK_POLICY_UID, .uid = 1);
	struct gss_ctx_id_struct fake = { .magic = 0x12345678 };
	gss_ctx_id_t h = &fake, none = GSS_C_NO_CONTEXT;
	gss_buffer_desc tok = { 3, (void *)"abc" };
	OM_uint32 minor, major;

	ok(o.size == sizeof(o) && o.cgroup_fd == 0 && o.ttl == 0,
	   "GSSK_OPTS(gssk_export_opts) sets size, zeroes the rest");
	ok(gssk_export_sec_context_opts(NULL, &h, &o, &tok) == W,
	   "export_opts NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	major = gssk_export_sec_context_opts(&minor, &none, &o, &tok);
	ok(major == (R | GSS_S_NO_CONTEXT) && tok.length == 0 && !tok.value,
	   "export_opts GSS_C_NO_CONTEXT -> CALL_INACCESSIBLE_READ|NO_CONTEXT, "
	   "token emptied");
	major = gssk_export_sec_context_opts(&minor, &h, &o, &tok);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE &&
	   h == &fake, "export_opts foreign handle -> NO_CONTEXT, untouched");
	major = gssk_export_sec_context_opts(&minor, &h, NULL, &tok);
	ok(major == GSS_S_NO_CONTEXT && minor == GSSK_MINOR_INVALID_HANDLE,
	   "export_opts NULL opts: the default policy, same checks");
	o.size = 4;
	major = gssk_export_sec_context_opts(&minor, &h, &o, &tok);
	ok(refused(major, minor, "size") && h == &fake,
	   "export_opts size below the first version -> BAD_ARGUMENT, before "
	   "the handle is looked at");
}

static void enctypes(void)
{
	static const uint32_t expect[] = { 17, 18, 19, 20, 25, 26 };
	const struct gssk_enctype_info *e;
	size_t i;
	bool good = true;

	for (i = 0; (e = gssk_enctype_at(i)); i++)
		good = good && i < sizeof(expect) / sizeof(expect[0]) &&
		       gssk_enctype_info(e->enctype) == e &&
		       gssk_enctype_by_name(e->name) == e->enctype &&
		       e->enctype == expect[i];
	ok(good && i == 6,
	   "the table: 17 to 20, 25 and 26, found by number and by name");
	e = gssk_enctype_info(GSSK_ENCTYPE_CAMELLIA256_CTS_CMAC);
	ok(e && strcmp(e->name, "camellia256-cts-cmac") == 0 &&
	   e->key_length == 32 && e->checksum_length == 16,
	   "camellia256-cts-cmac: 32-byte key, 16-byte checksum");
	e = gssk_enctype_info(GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192);
	ok(e && strcmp(e->name, "aes256-cts-hmac-sha384-192") == 0 &&
	   e->key_length == 32 && e->checksum_length == 24,
	   "aes256-cts-hmac-sha384-192: 32-byte key, 24-byte checksum");
	e = gssk_enctype_info(GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96);
	ok(e && e->key_length == 16 && e->checksum_length == 12,
	   "aes128-cts-hmac-sha1-96: 16-byte key, 12-byte checksum");
	ok(!gssk_enctype_info(16) && !gssk_enctype_info(0) &&
	   !gssk_enctype_by_name("des3-cbc-sha1") && !gssk_enctype_by_name(NULL),
	   "others are unknown");
}

void test_opts(void)
{
	load_opts();
	export_opts();
	enctypes();
}
