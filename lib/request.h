/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Requests about one serial, and name handles (layer 2): request.c (the
 * requests whose only attribute is GSSK_A_SERIAL, the INQUIRE query) and
 * names.c. Uses nl.h and base.h.
 */
#ifndef GSSK_REQUEST_H
#define GSSK_REQUEST_H

#include "nl.h"

/* ---- name handles (names.c) ---- */

#define GSSK_NAME_MAGIC		0x6e616d65u	/* "name" */
#define GSSK_NAME_DEAD		0xdeadbeefu

struct gss_name_struct {
	uint32_t magic;
	size_t length;		/* bytes of value, without the NUL */
	char *value;		/* NUL-terminated */
};

struct gss_name_struct *gsskp_name_check(gss_name_t name);
/* A new name holding a copy of value (length bytes), or NULL (ENOMEM). */
gss_name_t gsskp_name_new(const char *value, size_t length);

/* ---- requests about one serial (request.c) ---- */

/* A request whose only attribute is GSSK_A_SERIAL, or NULL (ENOMEM). */
struct gsskp_msg *gsskp_serial_msg(uint8_t cmd, int32_t serial);
/* Send a request whose only attribute is GSSK_A_SERIAL. */
OM_uint32 gsskp_serial_request(OM_uint32 *minor, uint8_t cmd, int32_t serial,
			       gsskp_reply_fn reply, void *arg);
/* Reply callback storing GSSK_A_SERIAL into *(int32_t *)arg. */
OM_uint32 gsskp_reply_serial(OM_uint32 *minor, struct nlattr **tb, void *arg);

/* ---- the INQUIRE query (request.c) ---- */

struct gsskp_inquiry {
	uint32_t enctype;
	uint32_t subkey_enctype;
	uint8_t role;
	uint32_t flags;
	uint64_t endtime;
	uint32_t time_rec;
	bool have_enctype, have_role, have_flags, have_endtime, have_time_rec;
	char *init_name;	/* malloc'ed or NULL */
	char *acc_name;
	uint64_t send_seq, recv_seq;
	bool have_seq;		/* both came (module 1.1 and later) */
};

/* INQUIRE a serial; on success the caller frees q->*_name. */
OM_uint32 gsskp_inquire(OM_uint32 *minor, int32_t serial,
			struct gsskp_inquiry *q);
void gsskp_inquiry_release(struct gsskp_inquiry *q);

#endif /* GSSK_REQUEST_H */
