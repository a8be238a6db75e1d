/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Context flags beyond RFC 2744's (which <linux/sunrpc/gss_err.h> has,
 * with the GSS status values): MIT krb5's extensions, which a context
 * established by MIT may carry.
 */
#ifndef _GSSK_GSS_FLAGS_H
#define _GSSK_GSS_FLAGS_H

#include <linux/sunrpc/gss_err.h>

#define GSS_C_CHANNEL_BOUND_FLAG	0x0800u	/* bindings were verified */
#define GSS_C_DCE_STYLE			0x1000u
#define GSS_C_IDENTIFY_FLAG		0x2000u
#define GSS_C_EXTENDED_ERROR_FLAG	0x4000u
#define GSS_C_DELEG_POLICY_FLAG		0x8000u
/* RFC 2744's nine flags and MIT's five */
#define GSSK_KNOWN_GSS_FLAGS		0xf9ffu

#endif /* _GSSK_GSS_FLAGS_H */
