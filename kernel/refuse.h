/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Refusals (refuse.c): an errno, an RFC 2744 major status, a gssk minor
 * status and, on netlink, an extack message. The one refusal style of
 * every gssk path.
 */
#ifndef _GSSK_REFUSE_H
#define _GSSK_REFUSE_H

#include <linux/netlink.h>
#include <linux/types.h>
#include <linux/gssk.h>

/* Attach the status cookie to extack (may be NULL); returns err. */
int gssk_refuse(struct netlink_ext_ack *extack, int err, u32 major,
		u32 minor);

/* The same with an extack message. */
#define gssk_refuse_msg(extack, err, major, minor, msg) ({	\
	struct netlink_ext_ack *__gssk_ea = (extack);		\
								\
	NL_SET_ERR_MSG_MOD(__gssk_ea, msg);			\
	gssk_refuse(__gssk_ea, err, major, minor);		\
})

/*
 * A refusal of one attribute of the request: the extack also names it
 * (NLMSGERR_ATTR_OFFS). attr may be NULL (a default stood in for it).
 */
#define gssk_refuse_attr(extack, attr, err, major, minor, msg) ({	\
	struct netlink_ext_ack *__gssk_ea = (extack);			\
									\
	NL_SET_ERR_MSG_ATTR(__gssk_ea, attr, KBUILD_MODNAME ": " msg);	\
	gssk_refuse(__gssk_ea, err, major, minor);			\
})

/* A refusal of a context descriptor's operation: recorded in op. */
int gssk_op_refuse(struct gssk_op *op, int err, u32 major, u32 minor);

#endif /* _GSSK_REFUSE_H */
