// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Refusals: mapping a netlink error or a refused ioctl to (major, minor),
 * and the calling thread's last error message for gssk_last_error().
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "base.h"

static __thread char last_msg[GSSK_ERRMSG_MAX];
static __thread bool last_set;

void gsskp_clear_error(void)
{
	last_set = false;
	last_msg[0] = '\0';
}

void gsskp_set_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	va_end(ap);
	last_set = true;
}

GSSK_EXPORT const char *gssk_last_error(void)
{
	return last_set ? last_msg : NULL;
}

void gsskp_map_errno(int err, OM_uint32 *major, OM_uint32 *minor)
{
	switch (err) {
	case ENOKEY:
		*major = GSS_S_NO_CONTEXT;
		*minor = GSSK_MINOR_NO_SUCH_CONTEXT;
		break;
	case EKEYREVOKED:
		*major = GSS_S_NO_CONTEXT;
		*minor = GSSK_MINOR_CONTEXT_REVOKED;
		break;
	case EKEYEXPIRED:
		*major = GSS_S_CONTEXT_EXPIRED;
		*minor = GSSK_MINOR_CONTEXT_EXPIRED;
		break;
	case EDQUOT:
		*major = GSS_S_FAILURE;
		*minor = GSSK_MINOR_QUOTA;
		break;
	case ENOMEM:
	case ENOBUFS:
		*major = GSS_S_FAILURE;
		*minor = GSSK_MINOR_NO_MEMORY;
		break;
	case EPERM:
	case EACCES:
		*major = GSS_S_FAILURE;
		*minor = GSSK_MINOR_NOT_PERMITTED;
		break;
	case EOPNOTSUPP:
		*major = GSS_S_FAILURE;
		*minor = GSSK_MINOR_UNSUPPORTED;
		break;
	default:
		*major = GSS_S_FAILURE;
		*minor = GSSK_MINOR_KERNEL_REFUSED;
		break;
	}
}

void gsskp_map_status(int err, OM_uint32 kmajor, OM_uint32 kminor,
		      OM_uint32 *major, OM_uint32 *minor)
{
	*major = kmajor;
	*minor = kminor;
	/* A refusal is an error even if the status says otherwise. */
	if (!GSS_ERROR(*major))
		*major |= GSS_S_FAILURE;
	if (*minor == GSSK_MINOR_NONE) {
		OM_uint32 ignored;

		gsskp_map_errno(err, &ignored, minor);
	}
}

/*
 * The bounds that the module's attribute policies check (kernel/netlink.c)
 * and the status its handlers gave before the policies did: a refusal of
 * one of these attributes by the netlink core (EINVAL, ERANGE; no cookie)
 * gets it here.
 */
static const struct {
	uint8_t cmd;
	uint16_t attr;
	OM_uint32 major;
	OM_uint32 minor;
} policy_refusals[] = {
	{ GSSK_CMD_LOAD, GSSK_A_ROLE, GSS_S_FAILURE, GSSK_MINOR_BAD_ROLE },
	{ GSSK_CMD_LOAD, GSSK_A_GSS_FLAGS, GSS_S_FAILURE, GSSK_MINOR_BAD_FLAGS },
	{ GSSK_CMD_LOAD, GSSK_A_ENDTIME, GSS_S_FAILURE,
	  GSSK_MINOR_BAD_ENDTIME },
	{ GSSK_CMD_EXPORT, GSSK_A_POLICY, GSS_S_FAILURE,
	  GSSK_MINOR_BAD_POLICY },
	{ GSSK_CMD_IMPORT, GSSK_A_TOKEN, GSS_S_DEFECTIVE_TOKEN,
	  GSSK_MINOR_TOKEN_LENGTH },
};

void gsskp_map_refusal(const struct gsskp_nlerr *e, uint8_t cmd,
		       int bad_attr, OM_uint32 *major, OM_uint32 *minor)
{
	int err = e->error < 0 ? -e->error : e->error;
	size_t i;

	if (e->has_cookie) {
		gsskp_map_status(err, e->status.major, e->status.minor, major,
				 minor);
		return;
	}

	/* Refused by the netlink core (attribute policy) or without a cookie. */
	if (e->has_miss_type) {
		*major = GSS_S_FAILURE;
		*minor = GSSK_MINOR_MISSING_FIELD;
		return;
	}
	if (err == EINVAL || err == ERANGE) {
		for (i = 0; i < sizeof(policy_refusals) /
				sizeof(policy_refusals[0]); i++) {
			if (policy_refusals[i].cmd == cmd &&
			    policy_refusals[i].attr == bad_attr) {
				*major = policy_refusals[i].major;
				*minor = policy_refusals[i].minor;
				return;
			}
		}
	}
	gsskp_map_errno(err, major, minor);
}
