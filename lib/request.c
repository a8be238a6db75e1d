// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Requests about one serial (layer 2, see README.md): the requests whose
 * only attribute is GSSK_A_SERIAL (OPEN, INQUIRE, DELETE), the reply
 * callback that reads a serial, and the INQUIRE query that context.c and
 * inquire.c share.
 */
#include <stdlib.h>
#include <string.h>

#include "request.h"

OM_uint32 gsskp_reply_serial(OM_uint32 *minor, struct nlattr **tb, void *arg)
{
	int32_t *serial = arg;

	if (!tb[GSSK_A_SERIAL] || gsskp_get_s32(tb[GSSK_A_SERIAL]) <= 0) {
		*minor = GSSK_MINOR_BAD_REPLY;
		return GSS_S_FAILURE;
	}
	*serial = gsskp_get_s32(tb[GSSK_A_SERIAL]);
	return GSS_S_COMPLETE;
}

struct gsskp_msg *gsskp_serial_msg(uint8_t cmd, int32_t serial)
{
	struct gsskp_msg *msg = gsskp_msg_new(cmd,
					   gsskp_attr_size(sizeof(int32_t)));

	if (msg && gsskp_put_s32(msg, GSSK_A_SERIAL, serial) < 0) {
		gsskp_msg_free(msg);
		return NULL;
	}
	return msg;
}

OM_uint32 gsskp_serial_request(OM_uint32 *minor, uint8_t cmd, int32_t serial,
			       gsskp_reply_fn reply, void *arg)
{
	struct gsskp_msg *msg = gsskp_serial_msg(cmd, serial);
	OM_uint32 major;

	if (!msg) {
		*minor = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("cannot build a netlink message");
		return GSS_S_FAILURE;
	}
	major = gsskp_transact(minor, msg, reply, arg);
	gsskp_msg_free(msg);
	return major;
}

/* ---- INQUIRE ---- */

static OM_uint32 inquiry_reply(OM_uint32 *minor, struct nlattr **tb,
			       void *arg)
{
	struct gsskp_inquiry *q = arg;

	if (tb[GSSK_A_ENCTYPE]) {
		q->enctype = gsskp_get_u32(tb[GSSK_A_ENCTYPE]);
		q->have_enctype = true;
	}
	if (tb[GSSK_A_SUBKEY_ENCTYPE])
		q->subkey_enctype = gsskp_get_u32(tb[GSSK_A_SUBKEY_ENCTYPE]);
	if (tb[GSSK_A_ROLE]) {
		q->role = gsskp_get_u8(tb[GSSK_A_ROLE]);
		q->have_role = true;
	}
	if (tb[GSSK_A_GSS_FLAGS]) {
		q->flags = gsskp_get_u32(tb[GSSK_A_GSS_FLAGS]);
		q->have_flags = true;
	}
	if (tb[GSSK_A_ENDTIME]) {
		q->endtime = gsskp_get_u64(tb[GSSK_A_ENDTIME]);
		q->have_endtime = true;
	}
	if (tb[GSSK_A_TIME_REC]) {
		q->time_rec = gsskp_get_u32(tb[GSSK_A_TIME_REC]);
		q->have_time_rec = true;
	}
	if (tb[GSSK_A_SEND_SEQ] && tb[GSSK_A_RECV_SEQ]) {
		q->send_seq = gsskp_get_u64(tb[GSSK_A_SEND_SEQ]);
		q->recv_seq = gsskp_get_u64(tb[GSSK_A_RECV_SEQ]);
		q->have_seq = true;
	}
	/* the reply policy guarantees NUL-terminated strings */
	if (tb[GSSK_A_INIT_NAME]) {
		q->init_name = strdup(gsskp_get_string(tb[GSSK_A_INIT_NAME]));
		if (!q->init_name)
			goto nomem;
	}
	if (tb[GSSK_A_ACC_NAME]) {
		q->acc_name = strdup(gsskp_get_string(tb[GSSK_A_ACC_NAME]));
		if (!q->acc_name)
			goto nomem;
	}
	return GSS_S_COMPLETE;
nomem:
	*minor = GSSK_MINOR_NO_MEMORY;
	return GSS_S_FAILURE;
}

void gsskp_inquiry_release(struct gsskp_inquiry *q)
{
	free(q->init_name);
	free(q->acc_name);
	q->init_name = NULL;
	q->acc_name = NULL;
}

OM_uint32 gsskp_inquire(OM_uint32 *minor, int32_t serial,
			struct gsskp_inquiry *q)
{
	OM_uint32 major;

	memset(q, 0, sizeof(*q));
	major = gsskp_serial_request(minor, GSSK_CMD_INQUIRE, serial,
				     inquiry_reply, q);
	if (major)
		gsskp_inquiry_release(q);
	return major;
}

/* Seconds left: TIME_REC, or computed from ENDTIME. -1: neither came. */
