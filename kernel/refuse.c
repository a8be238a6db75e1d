// SPDX-License-Identifier: GPL-2.0
/*
 * Refusals: every command that refuses a request returns a negative errno,
 * sets an extack message (at the call site, see gssk_refuse_msg()) and
 * attaches a struct gssk_status cookie with the GSS major and gssk minor
 * status, so that userspace gets the RFC 2744 status without guessing it
 * from the errno. A descriptor's operation records the same three in its
 * struct gssk_op. Each refusal is counted by minor code (counters.c).
 */
#include <linux/build_bug.h>
#include <linux/netlink.h>
#include <linux/string.h>

#include "counters.h"
#include "refuse.h"

int gssk_refuse(struct netlink_ext_ack *extack, int err, u32 major,
		u32 minor)
{
	struct gssk_status st = { .major = major, .minor = minor };

	BUILD_BUG_ON(sizeof(st) > NETLINK_MAX_COOKIE_LEN);
	gssk_counter_refusal(minor);
	if (extack) {
		memcpy(extack->cookie, &st, sizeof(st));
		extack->cookie_len = sizeof(st);
	}
	return err;
}

int gssk_op_refuse(struct gssk_op *op, int err, u32 major, u32 minor)
{
	gssk_counter_refusal(minor);
	op->error = err;
	op->major = major;
	op->minor = minor;
	return err;
}
