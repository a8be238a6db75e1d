// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host unit test of frame.c's first run-time check: gssi_frame_union()
 * accepts only a struct laid out as MIT's gss_union_ctx_id_struct whose
 * loopback points at itself and whose OID is one of the interposer's
 * special OIDs, and gssi_frame_public() rewrites that OID to the public
 * one in place. (The routing probe and the whole path run in the VM,
 * selftests/gssk_interposer.sh.) TAP output; exit 1 if a case failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../frame.h"

static int n, failed;

static void ok(int cond, const char *what)
{
	n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, what);
	if (!cond)
		failed++;
}

/* The layout MIT 1.20 uses, as the mechglue allocates it. */
struct fake_union {
	struct fake_union *loopback;
	gss_OID mech_type;
	gss_ctx_id_t internal_ctx_id;
};

static gss_OID copy_oid(gss_const_OID from)
{
	gss_OID o = malloc(sizeof(*o));

	o->length = from->length;
	o->elements = malloc(from->length);
	memcpy(o->elements, from->elements, from->length);
	return o;
}

int main(void)
{
	struct fake_union *u = calloc(1, sizeof(*u));
	gss_OID special = copy_oid(gssi_special(&gssi_krb5_oid));
	gss_OID ms = copy_oid(gssi_special(&gssi_mskrb5_oid));
	gss_OID public = copy_oid(&gssi_krb5_oid);

	printf("TAP version 13\n");
	u->loopback = u;
	u->mech_type = special;
	ok(gssi_frame_union(&u->internal_ctx_id) == u,
	   "a union context that points at itself and holds our special OID is found");
	u->mech_type = ms;
	ok(gssi_frame_union(&u->internal_ctx_id) == u,
	   "... and with the special OID of the Microsoft krb5 OID");
	u->mech_type = public;
	ok(gssi_frame_union(&u->internal_ctx_id) == NULL,
	   "a union context with the public krb5 OID is not ours: refused");
	u->mech_type = NULL;
	ok(gssi_frame_union(&u->internal_ctx_id) == NULL,
	   "a union context without an OID: refused");
	u->mech_type = special;
	u->loopback = NULL;
	ok(gssi_frame_union(&u->internal_ctx_id) == NULL,
	   "loopback not pointing at the struct (another layout): refused, mech_type not read");
	u->loopback = u;
	gssi_frame_public(gssi_frame_union(&u->internal_ctx_id),
			  &gssi_krb5_oid);
	ok(gssi_oid_equal(u->mech_type, &gssi_krb5_oid) &&
	   u->mech_type == special,
	   "gssi_frame_public rewrites the OID in place to the public krb5 OID");
	u->mech_type = ms;
	gssi_frame_public(u, &gssi_mskrb5_oid);
	ok(gssi_oid_equal(u->mech_type, &gssi_mskrb5_oid),
	   "... and to the Microsoft one for an MS krb5 context");
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
