// SPDX-License-Identifier: LGPL-2.1-or-later
/* The (errno, cookie) -> (major, minor) mapping of refusals. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "tap.h"

static void check(const char *what, const struct gsskp_nlerr *e, uint8_t cmd,
		  int bad_attr, OM_uint32 want_major, OM_uint32 want_minor)
{
	OM_uint32 major = 0xffffffff, minor = 0xffffffff;

	gsskp_map_refusal(e, cmd, bad_attr, &major, &minor);
	if (!ok(major == want_major && minor == want_minor, "%s", what))
		tap_diag("got major 0x%08x minor 0x%08x, want 0x%08x 0x%08x",
			 major, minor, want_major, want_minor);
}

static void errno_case(int err, OM_uint32 major, OM_uint32 minor,
		       const char *name)
{
	struct gsskp_nlerr e;
	char what[96];

	memset(&e, 0, sizeof(e));
	e.error = -err;
	snprintf(what, sizeof(what), "%s without cookie -> 0x%08x/0x%08x",
		 name, major, minor);
	check(what, &e, GSSK_CMD_INQUIRE, -1, major, minor);
}

void test_errmap(void)
{
	struct gsskp_nlerr e;

	/* with a cookie the kernel's status wins */
	memset(&e, 0, sizeof(e));
	e.error = -EACCES;
	e.has_cookie = true;
	e.status.major = GSS_S_UNAUTHORIZED;
	e.status.minor = GSSK_MINOR_WRONG_UID;
	check("cookie passes through", &e, GSSK_CMD_IMPORT, GSSK_A_TOKEN,
	      GSS_S_UNAUTHORIZED, GSSK_MINOR_WRONG_UID);
	e.status.major = GSS_S_CONTEXT_EXPIRED;
	e.status.minor = GSSK_MINOR_CONTEXT_EXPIRED;
	check("cookie CONTEXT_EXPIRED passes through", &e, GSSK_CMD_INQUIRE,
	      -1, GSS_S_CONTEXT_EXPIRED, GSSK_MINOR_CONTEXT_EXPIRED);
	e.status.major = 0;
	e.status.minor = GSSK_MINOR_QUOTA;
	check("cookie major 0 becomes GSS_S_FAILURE", &e, GSSK_CMD_LOAD, -1,
	      GSS_S_FAILURE, GSSK_MINOR_QUOTA);
	e.status.major = GSS_S_NO_CONTEXT;
	e.status.minor = 0;
	e.error = -EKEYREVOKED;
	check("cookie minor 0 takes the errno's minor", &e, GSSK_CMD_DELETE,
	      -1, GSS_S_NO_CONTEXT, GSSK_MINOR_CONTEXT_REVOKED);

	/* without a cookie: by errno */
	errno_case(ENOKEY, GSS_S_NO_CONTEXT, GSSK_MINOR_NO_SUCH_CONTEXT,
		   "ENOKEY");
	errno_case(EKEYREVOKED, GSS_S_NO_CONTEXT, GSSK_MINOR_CONTEXT_REVOKED,
		   "EKEYREVOKED");
	errno_case(EKEYEXPIRED, GSS_S_CONTEXT_EXPIRED,
		   GSSK_MINOR_CONTEXT_EXPIRED, "EKEYEXPIRED");
	errno_case(EDQUOT, GSS_S_FAILURE, GSSK_MINOR_QUOTA, "EDQUOT");
	errno_case(ENOMEM, GSS_S_FAILURE, GSSK_MINOR_NO_MEMORY, "ENOMEM");
	errno_case(ENOBUFS, GSS_S_FAILURE, GSSK_MINOR_NO_MEMORY, "ENOBUFS");
	errno_case(EPERM, GSS_S_FAILURE, GSSK_MINOR_NOT_PERMITTED, "EPERM");
	errno_case(EACCES, GSS_S_FAILURE, GSSK_MINOR_NOT_PERMITTED, "EACCES");
	errno_case(EOPNOTSUPP, GSS_S_FAILURE, GSSK_MINOR_UNSUPPORTED,
		   "EOPNOTSUPP");
	errno_case(EINVAL, GSS_S_FAILURE, GSSK_MINOR_KERNEL_REFUSED, "EINVAL");
	errno_case(ERANGE, GSS_S_FAILURE, GSSK_MINOR_KERNEL_REFUSED, "ERANGE");
	errno_case(ENOENT, GSS_S_FAILURE, GSSK_MINOR_KERNEL_REFUSED, "ENOENT");
	errno_case(EMSGSIZE, GSS_S_FAILURE, GSSK_MINOR_KERNEL_REFUSED,
		   "EMSGSIZE");

	/* netlink core policy refusals */
	memset(&e, 0, sizeof(e));
	e.error = -EINVAL;
	e.has_miss_type = true;
	e.miss_type = GSSK_A_SERIAL;
	check("missing attribute -> FAILURE, MISSING_FIELD", &e,
	      GSSK_CMD_INQUIRE, -1, GSS_S_FAILURE, GSSK_MINOR_MISSING_FIELD);
	memset(&e, 0, sizeof(e));
	e.error = -EINVAL;
	check("IMPORT policy refusal of TOKEN -> DEFECTIVE_TOKEN", &e,
	      GSSK_CMD_IMPORT, GSSK_A_TOKEN, GSS_S_DEFECTIVE_TOKEN,
	      GSSK_MINOR_TOKEN_LENGTH);
	e.error = -ERANGE;
	check("IMPORT ERANGE on TOKEN -> DEFECTIVE_TOKEN", &e,
	      GSSK_CMD_IMPORT, GSSK_A_TOKEN, GSS_S_DEFECTIVE_TOKEN,
	      GSSK_MINOR_TOKEN_LENGTH);
	e.error = -EINVAL;
	check("IMPORT policy refusal of KEYRING -> FAILURE", &e,
	      GSSK_CMD_IMPORT, GSSK_A_KEYRING, GSS_S_FAILURE,
	      GSSK_MINOR_KERNEL_REFUSED);
	check("LOAD policy refusal -> FAILURE, KERNEL_REFUSED", &e,
	      GSSK_CMD_LOAD, GSSK_A_CTX_KEY, GSS_S_FAILURE,
	      GSSK_MINOR_KERNEL_REFUSED);

	/* the bounds kernel/netlink.c's policies check, by attribute */
	e.error = -ERANGE;
	check("LOAD ERANGE on ROLE -> FAILURE, BAD_ROLE", &e, GSSK_CMD_LOAD,
	      GSSK_A_ROLE, GSS_S_FAILURE, GSSK_MINOR_BAD_ROLE);
	check("LOAD ERANGE on ENDTIME -> FAILURE, BAD_ENDTIME", &e,
	      GSSK_CMD_LOAD, GSSK_A_ENDTIME, GSS_S_FAILURE,
	      GSSK_MINOR_BAD_ENDTIME);
	e.error = -EINVAL;
	check("LOAD EINVAL on GSS_FLAGS -> FAILURE, BAD_FLAGS", &e,
	      GSSK_CMD_LOAD, GSSK_A_GSS_FLAGS, GSS_S_FAILURE,
	      GSSK_MINOR_BAD_FLAGS);
	check("EXPORT EINVAL on POLICY -> FAILURE, BAD_POLICY", &e,
	      GSSK_CMD_EXPORT, GSSK_A_POLICY, GSS_S_FAILURE,
	      GSSK_MINOR_BAD_POLICY);
	check("the attribute of another command: by errno", &e,
	      GSSK_CMD_INQUIRE, GSSK_A_GSS_FLAGS, GSS_S_FAILURE,
	      GSSK_MINOR_KERNEL_REFUSED);
	e.error = -EPERM;
	check("another errno on ROLE: by errno", &e, GSSK_CMD_LOAD,
	      GSSK_A_ROLE, GSS_S_FAILURE, GSSK_MINOR_NOT_PERMITTED);
	e.error = -ERANGE;
	e.has_cookie = true;
	e.status.major = GSS_S_FAILURE;
	e.status.minor = GSSK_MINOR_BAD_TTL;
	check("a cookie wins over the attribute", &e, GSSK_CMD_LOAD,
	      GSSK_A_ROLE, GSS_S_FAILURE, GSSK_MINOR_BAD_TTL);
}
