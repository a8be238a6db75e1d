// SPDX-License-Identifier: LGPL-2.1-or-later
/* gssk_display_status(): every major and minor code, iteration, errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tap.h"

#define MAX_TEXTS 128

struct texts {
	char *text[MAX_TEXTS];
	OM_uint32 code[MAX_TEXTS];
	int n;
};

/* One message; NULL (and a failed test) when display_status fails. */
static char *display1(OM_uint32 code, int type, OM_uint32 *ctx)
{
	gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor, rel;
	char *s;

	major = gssk_display_status(&minor, code, type, GSS_C_NO_OID, ctx,
				    &buf);
	if (major != GSS_S_COMPLETE || !buf.value)
		return NULL;
	s = strndup(buf.value, buf.length);
	gssk_release_buffer(&rel, &buf);
	return s;
}

static void add(struct texts *t, OM_uint32 code, char *s)
{
	if (t->n < MAX_TEXTS) {
		t->code[t->n] = code;
		t->text[t->n++] = s;
	} else {
		free(s);
	}
}

static void check_distinct(struct texts *t, const char *what)
{
	int i, j, dups = 0;

	for (i = 0; i < t->n; i++)
		for (j = i + 1; j < t->n; j++)
			if (t->text[i] && t->text[j] &&
			    strcmp(t->text[i], t->text[j]) == 0) {
				tap_diag("0x%08x and 0x%08x share \"%s\"",
					 t->code[i], t->code[j], t->text[i]);
				dups++;
			}
	ok(dups == 0, "%s: all %d messages are distinct", what, t->n);
	for (i = 0; i < t->n; i++)
		free(t->text[i]);
	t->n = 0;
}

static void one_major(struct texts *t, OM_uint32 code, const char *name)
{
	OM_uint32 ctx = 0;
	char *s = display1(code, GSS_C_GSS_CODE, &ctx);

	/* no ';': the CLI separates major and minor text with one */
	ok(s && *s && !strchr(s, ';') && ctx == 0,
	   "major %s (0x%08x): \"%s\"", name, code,
	   s ? s : "(none)");
	add(t, code, s);
}

static void majors(void)
{
	static const struct { OM_uint32 code; const char *name; } codes[] = {
		{ GSS_S_COMPLETE, "GSS_S_COMPLETE" },
		{ GSS_S_CALL_INACCESSIBLE_READ, "CALL_INACCESSIBLE_READ" },
		{ GSS_S_CALL_INACCESSIBLE_WRITE, "CALL_INACCESSIBLE_WRITE" },
		{ GSS_S_CALL_BAD_STRUCTURE, "CALL_BAD_STRUCTURE" },
		{ GSS_S_BAD_MECH, "BAD_MECH" },
		{ GSS_S_BAD_NAME, "BAD_NAME" },
		{ GSS_S_BAD_NAMETYPE, "BAD_NAMETYPE" },
		{ GSS_S_BAD_BINDINGS, "BAD_BINDINGS" },
		{ GSS_S_BAD_STATUS, "BAD_STATUS" },
		{ GSS_S_BAD_SIG, "BAD_SIG" },
		{ GSS_S_NO_CRED, "NO_CRED" },
		{ GSS_S_NO_CONTEXT, "NO_CONTEXT" },
		{ GSS_S_DEFECTIVE_TOKEN, "DEFECTIVE_TOKEN" },
		{ GSS_S_DEFECTIVE_CREDENTIAL, "DEFECTIVE_CREDENTIAL" },
		{ GSS_S_CREDENTIALS_EXPIRED, "CREDENTIALS_EXPIRED" },
		{ GSS_S_CONTEXT_EXPIRED, "CONTEXT_EXPIRED" },
		{ GSS_S_FAILURE, "FAILURE" },
		{ GSS_S_BAD_QOP, "BAD_QOP" },
		{ GSS_S_UNAUTHORIZED, "UNAUTHORIZED" },
		{ GSS_S_UNAVAILABLE, "UNAVAILABLE" },
		{ GSS_S_DUPLICATE_ELEMENT, "DUPLICATE_ELEMENT" },
		{ GSS_S_NAME_NOT_MN, "NAME_NOT_MN" },
#ifdef GSS_S_BAD_MECH_ATTR
		{ GSS_S_BAD_MECH_ATTR, "BAD_MECH_ATTR" },
#endif
		{ GSS_S_CONTINUE_NEEDED, "CONTINUE_NEEDED" },
		{ GSS_S_DUPLICATE_TOKEN, "DUPLICATE_TOKEN" },
		{ GSS_S_OLD_TOKEN, "OLD_TOKEN" },
		{ GSS_S_UNSEQ_TOKEN, "UNSEQ_TOKEN" },
		{ GSS_S_GAP_TOKEN, "GAP_TOKEN" },
	};
	struct texts t = { .n = 0 };
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		one_major(&t, codes[i].code, codes[i].name);
	check_distinct(&t, "major codes");
}

/* A combined major code yields its parts in order, then context 0. */
static void combined(void)
{
	const OM_uint32 parts[] = {
		GSS_S_CALL_INACCESSIBLE_READ, GSS_S_NO_CONTEXT,
		GSS_S_DUPLICATE_TOKEN, GSS_S_GAP_TOKEN,
	};
	OM_uint32 code = 0, ctx = 0, c2;
	size_t i;
	bool good = true;

	for (i = 0; i < 4; i++)
		code |= parts[i];
	for (i = 0; i < 4; i++) {
		char *s = display1(code, GSS_C_GSS_CODE, &ctx);
		char *want;

		c2 = 0;
		want = display1(parts[i], GSS_C_GSS_CODE, &c2);
		if (!s || !want || strcmp(s, want) != 0)
			good = false;
		if (ctx != (i + 1 < 4 ? i + 1 : 0)) {
			tap_diag("after message %zu context is %u", i, ctx);
			good = false;
		}
		free(s);
		free(want);
	}
	ok(good, "combined major 0x%08x: 4 messages in order, context "
	   "1,2,3,0", code);

	ctx = 7;
	ok(!display1(code, GSS_C_GSS_CODE, &ctx),
	   "message_context past the last message: refused");
}

static void bad_status(void)
{
	gss_buffer_desc buf = { 5, (void *)"junk" };
	gss_OID_desc other = { 3, (void *)"\x2b\x06\x01" };
	OM_uint32 minor, ctx = 0, major;

	ctx = 0;
	major = gssk_display_status(&minor, 40u << GSS_C_ROUTINE_ERROR_OFFSET,
				    GSS_C_GSS_CODE, GSS_C_NO_OID, &ctx, &buf);
	ok(major == GSS_S_BAD_STATUS && buf.length == 0 && !buf.value,
	   "unknown routine error -> GSS_S_BAD_STATUS, empty buffer");
	ctx = 0;
	major = gssk_display_status(&minor, 9u << GSS_C_CALLING_ERROR_OFFSET,
				    GSS_C_GSS_CODE, GSS_C_NO_OID, &ctx, &buf);
	ok(major == GSS_S_BAD_STATUS, "unknown calling error -> BAD_STATUS");
	ctx = 0;
	major = gssk_display_status(&minor, GSS_S_FAILURE | (1u << 9),
				    GSS_C_GSS_CODE, GSS_C_NO_OID, &ctx, &buf);
	ok(major == GSS_S_BAD_STATUS,
	   "unknown supplementary bit -> BAD_STATUS");
	ctx = 0;
	major = gssk_display_status(&minor, 0, 3, GSS_C_NO_OID, &ctx, &buf);
	ok(major == GSS_S_BAD_STATUS, "bad status_type -> BAD_STATUS");
	ctx = 0;
	major = gssk_display_status(&minor, GSSK_MINOR_QUOTA, GSS_C_MECH_CODE,
				    &other, &ctx, &buf);
	ok(major == GSS_S_BAD_MECH, "foreign mech_type -> GSS_S_BAD_MECH");
	ctx = 0;
	major = gssk_display_status(&minor, GSSK_MINOR_QUOTA, GSS_C_MECH_CODE,
				    (gss_OID)&gsskp_krb5_mech_oid, &ctx,
				    &buf);
	ok(major == GSS_S_COMPLETE && buf.length > 0,
	   "krb5 mech_type accepted");
	gssk_release_buffer(&minor, &buf);
	ctx = 1;
	major = gssk_display_status(&minor, GSSK_MINOR_QUOTA, GSS_C_MECH_CODE,
				    GSS_C_NO_OID, &ctx, &buf);
	ok(major == GSS_S_BAD_STATUS,
	   "minor code with message_context 1 -> BAD_STATUS");
	ctx = 0;
	major = gssk_display_status(&minor, 12345, GSS_C_MECH_CODE,
				    GSS_C_NO_OID, &ctx, &buf);
	ok(major == GSS_S_BAD_STATUS, "non-gssk minor 12345 -> BAD_STATUS");

	major = gssk_display_status(NULL, 0, GSS_C_GSS_CODE, GSS_C_NO_OID,
				    &ctx, &buf);
	ok(major == GSS_S_CALL_INACCESSIBLE_WRITE,
	   "display_status NULL minor_status -> CALL_INACCESSIBLE_WRITE");
	major = gssk_display_status(&minor, 0, GSS_C_GSS_CODE, GSS_C_NO_OID,
				    NULL, &buf);
	ok(major == GSS_S_CALL_INACCESSIBLE_WRITE,
	   "display_status NULL message_context -> CALL_INACCESSIBLE_WRITE");
	major = gssk_display_status(&minor, 0, GSS_C_GSS_CODE, GSS_C_NO_OID,
				    &ctx, NULL);
	ok(major == GSS_S_CALL_INACCESSIBLE_WRITE,
	   "display_status NULL status_string -> CALL_INACCESSIBLE_WRITE");
}

static void minors(void)
{
	struct texts t = { .n = 0 };
	OM_uint32 code, ctx;
	char hex[16];
	char *s;

	for (code = GSSK_MINOR_BASE + 1; code < __GSSK_MINOR_END; code++) {
		ctx = 0;
		s = display1(code, GSS_C_MECH_CODE, &ctx);
		ok(s && *s && !strstr(s, "not known") && !strchr(s, ';'),
		   "kernel minor 0x%08x: \"%s\"", code, s ? s : "(none)");
		add(&t, code, s);
	}
	for (code = GSSK_MINOR_LIB_BASE; code < __GSSK_MINOR_LIB_END; code++) {
		ctx = 0;
		s = display1(code, GSS_C_MECH_CODE, &ctx);
		ok(s && *s && !strstr(s, "not known") && !strchr(s, ';'),
		   "library minor 0x%08x: \"%s\"", code, s ? s : "(none)");
		add(&t, code, s);
	}
	ctx = 0;
	s = display1(GSSK_MINOR_NONE, GSS_C_MECH_CODE, &ctx);
	ok(s && *s, "minor 0: \"%s\"", s ? s : "(none)");
	add(&t, 0, s);
	check_distinct(&t, "minor codes");

	ctx = 0;
	s = display1(GSSK_MINOR_MODULE_NOT_LOADED, GSS_C_MECH_CODE, &ctx);
	ok(s && strcmp(s, "gssk module not loaded") == 0,
	   "GSSK_MINOR_MODULE_NOT_LOADED reads \"gssk module not loaded\"");
	free(s);

	/* the ABI 2 codes of context descriptors */
	ctx = 0;
	s = display1(GSSK_MINOR_CONTEXT_CLOSED, GSS_C_MECH_CODE, &ctx);
	ok(s && strstr(s, "descriptor") && strstr(s, "exported"),
	   "GSSK_MINOR_CONTEXT_CLOSED: \"%s\"", s ? s : "(none)");
	free(s);
	ctx = 0;
	s = display1(GSSK_MINOR_BAD_OP, GSS_C_MECH_CODE, &ctx);
	ok(s && strstr(s, "malformed"), "GSSK_MINOR_BAD_OP: \"%s\"",
	   s ? s : "(none)");
	free(s);
	ok(gsskp_minor_text(GSSK_MINOR_BAD_OP) &&
	   gsskp_minor_text(__GSSK_MINOR_END - 1) &&
	   !gsskp_minor_text(__GSSK_MINOR_END) &&
	   !gsskp_minor_text(GSSK_MINOR_BASE + 0x7f) &&
	   !gsskp_minor_text(12345),
	   "gsskp_minor_text: every kernel code up to the last, NULL past it");

	/* a gssk code from a newer module gets a generic message */
	code = GSSK_MINOR_BASE + 0x7f;
	snprintf(hex, sizeof(hex), "0x%08x", code);
	ctx = 0;
	s = display1(code, GSS_C_MECH_CODE, &ctx);
	ok(s && strstr(s, hex), "unknown gssk minor 0x%08x: \"%s\"", code,
	   s ? s : "(none)");
	free(s);
}

void test_status(void)
{
	majors();
	combined();
	bad_status();
	minors();
}
