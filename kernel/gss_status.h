/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GSS-API major status values (RFC 2744 section 3.9.1). The kernel has no
 * <gssapi/gssapi.h>; these numbers are the ABI userspace expects.
 */
#ifndef _GSSK_GSS_STATUS_H
#define _GSSK_GSS_STATUS_H

#define GSS_S_COMPLETE			0u

/* Calling errors (bits 24..31) */
#define GSS_S_CALL_INACCESSIBLE_READ	(1u << 24)
#define GSS_S_CALL_INACCESSIBLE_WRITE	(2u << 24)
#define GSS_S_CALL_BAD_STRUCTURE	(3u << 24)

/* Routine errors (bits 16..23) */
#define GSS_S_BAD_MECH			(1u << 16)
#define GSS_S_BAD_NAME			(2u << 16)
#define GSS_S_BAD_NAMETYPE		(3u << 16)
#define GSS_S_BAD_BINDINGS		(4u << 16)
#define GSS_S_BAD_STATUS		(5u << 16)
#define GSS_S_BAD_SIG			(6u << 16)
#define GSS_S_NO_CRED			(7u << 16)
#define GSS_S_NO_CONTEXT		(8u << 16)
#define GSS_S_DEFECTIVE_TOKEN		(9u << 16)
#define GSS_S_DEFECTIVE_CREDENTIAL	(10u << 16)
#define GSS_S_CREDENTIALS_EXPIRED	(11u << 16)
#define GSS_S_CONTEXT_EXPIRED		(12u << 16)
#define GSS_S_FAILURE			(13u << 16)
#define GSS_S_BAD_QOP			(14u << 16)
#define GSS_S_UNAUTHORIZED		(15u << 16)
#define GSS_S_UNAVAILABLE		(16u << 16)
#define GSS_S_DUPLICATE_ELEMENT		(17u << 16)
#define GSS_S_NAME_NOT_MN		(18u << 16)

/* Supplementary information bits (bits 0..15) */
#define GSS_S_CONTINUE_NEEDED		(1u << 0)
#define GSS_S_DUPLICATE_TOKEN		(1u << 1)
#define GSS_S_OLD_TOKEN			(1u << 2)
#define GSS_S_UNSEQ_TOKEN		(1u << 3)
#define GSS_S_GAP_TOKEN			(1u << 4)

/* Context flags (RFC 2744 section 3.9.4) */
#define GSS_C_DELEG_FLAG		1u
#define GSS_C_MUTUAL_FLAG		2u
#define GSS_C_REPLAY_FLAG		4u
#define GSS_C_SEQUENCE_FLAG		8u
#define GSS_C_CONF_FLAG			16u
#define GSS_C_INTEG_FLAG		32u
#define GSS_C_ANON_FLAG			64u
#define GSS_C_PROT_READY_FLAG		128u
#define GSS_C_TRANS_FLAG		256u
/* MIT krb5 extensions a context established by MIT may carry */
#define GSS_C_CHANNEL_BOUND_FLAG	0x0800u	/* bindings were verified */
#define GSS_C_DCE_STYLE			0x1000u
#define GSS_C_IDENTIFY_FLAG		0x2000u
#define GSS_C_EXTENDED_ERROR_FLAG	0x4000u
#define GSS_C_DELEG_POLICY_FLAG		0x8000u
#define GSSK_KNOWN_GSS_FLAGS		0xf9ffu

#endif /* _GSSK_GSS_STATUS_H */
