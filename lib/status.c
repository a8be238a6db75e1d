// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gssk_display_status(): text for RFC 2744 major status codes and for
 * gssk minor status codes (the kernel's and libgssk's own).
 */
#include <stdio.h>
#include <string.h>

#include "base.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Calling errors, indexed by GSS_CALLING_ERROR(code) >> 24. */
static const char *const calling_msgs[] = {
	[1] = "A required input parameter could not be read",
	[2] = "A required output parameter could not be written",
	[3] = "A parameter was malformed",
};

/* Routine errors, indexed by GSS_ROUTINE_ERROR(code) >> 16. */
static const char *const routine_msgs[] = {
	[1] = "The requested mechanism is not supported",
	[2] = "The name supplied is invalid",
	[3] = "The name supplied is of an unsupported type",
	[4] = "The channel bindings do not match",
	[5] = "The status code supplied is not valid",
	[6] = "The token's message integrity check failed",
	[7] = "No usable credentials were supplied",
	[8] = "No valid security context was supplied",
	[9] = "The token is defective",
	[10] = "The credential is defective",
	[11] = "The credentials have expired",
	[12] = "The security context has expired",
	[13] = "The operation failed for a mechanism-specific reason",
	[14] = "The requested quality of protection is not available",
	[15] = "Local security policy forbids the operation",
	[16] = "The operation or option is not available",
	[17] = "The credential element already exists",
	[18] = "The name is not a mechanism name",
#ifdef GSS_S_BAD_MECH_ATTR
	[19] = "The mechanism attribute is not known",
#endif
};

/* Supplementary bits, indexed by bit number. */
static const char *const supp_msgs[] = {
	[0] = "The call must be repeated to finish its work",
	[1] = "The token duplicates one already processed",
	[2] = "The token is too old to be checked for duplication",
	[3] = "The token arrived after a later one",
	[4] = "One or more earlier tokens were not received",
};

static const char msg_complete[] = "The operation completed successfully";

/*
 * The one table of the minor codes' names and texts: gsskctl, the
 * selftests and the docs take them from here (gssk_minor_name(),
 * gssk_display_status()); tests/minor_codes.sh checks that every code of
 * the two enums has a row.
 */
struct minor_row {
	const char *name;	/* the enum constant, "GSSK_MINOR_..." */
	const char *text;
};

/* Kernel minor codes, indexed by code - GSSK_MINOR_BASE. */
#define K(code, text) [(code) - GSSK_MINOR_BASE] = { #code, text }
static const struct minor_row kernel_minor_msgs[] = {
	K(GSSK_MINOR_NO_SUCH_CONTEXT,
		"no gssk context has this key serial"),
	K(GSSK_MINOR_KEY_PERMISSION,
		"the caller lacks the key permission the operation needs"),
	K(GSSK_MINOR_NOT_GSSK_KEY,
		"the key serial names a key that is not of type gssk"),
	K(GSSK_MINOR_CONTEXT_EXPIRED,
		"the security context is past its end time"),
	K(GSSK_MINOR_CONTEXT_REVOKED,
		"the security context key was revoked, or is being exported"),
	K(GSSK_MINOR_NOT_TRANSFERABLE,
		"the context lacks GSS_C_TRANS_FLAG and cannot be exported"),
	K(GSSK_MINOR_BAD_ENCTYPE,
		"unsupported Kerberos enctype (gssk takes 17, 18, 19, 20, and 25, 26 where the kernel has crypto/krb5)"),
	K(GSSK_MINOR_BAD_KEY_LENGTH,
		"the key length does not suit the enctype"),
	K(GSSK_MINOR_BAD_ROLE,
		"the role is neither initiator nor acceptor"),
	K(GSSK_MINOR_BAD_FLAGS,
		"the context flags hold unknown or inconsistent bits"),
	K(GSSK_MINOR_MISSING_FIELD,
		"a required field is missing"),
	K(GSSK_MINOR_BAD_KEYRING,
		"the destination keyring cannot be used"),
	K(GSSK_MINOR_QUOTA,
		"the key owner's key quota is exhausted"),
	K(GSSK_MINOR_NO_MEMORY,
		"out of memory"),
	K(GSSK_MINOR_TOKEN_LENGTH,
		"the interprocess token has the wrong length"),
	K(GSSK_MINOR_TOKEN_MAGIC,
		"the interprocess token lacks the gssk magic"),
	K(GSSK_MINOR_TOKEN_VERSION,
		"the interprocess token has an unsupported version"),
	K(GSSK_MINOR_TOKEN_UNKNOWN,
		"the interprocess token is unknown, used or its context gone"),
	K(GSSK_MINOR_TOKEN_EXPIRED,
		"the interprocess token outlived its time to live"),
	K(GSSK_MINOR_WRONG_USERNS,
		"the importer is outside the exporter's user namespace"),
	K(GSSK_MINOR_WRONG_UID,
		"the importer's euid is not the one the export allows"),
	K(GSSK_MINOR_WRONG_SESSION,
		"the importer does not share the exporter's session keyring"),
	K(GSSK_MINOR_WRONG_CGROUP,
		"the importer is outside the cgroup the export allows"),
	K(GSSK_MINOR_TOO_MANY_TOKENS,
		"the user has too many tokens awaiting import"),
	K(GSSK_MINOR_BAD_TTL,
		"the token time to live is zero or above the module's max_ttl"),
	K(GSSK_MINOR_BAD_POLICY,
		"the export policy has unknown or inconsistent flags"),
	K(GSSK_MINOR_BAD_CGROUP,
		"the policy's file descriptor is not a cgroup v2 directory"),
	K(GSSK_MINOR_EXPORT_RACE,
		"another caller exported or deleted the context at the same time"),
	K(GSSK_MINOR_BAD_QOP,
		"unsupported quality of protection (only 0 is accepted)"),
	K(GSSK_MINOR_TOKEN_DEFECTIVE,
		"the per-message token is malformed"),
	K(GSSK_MINOR_BAD_CHECKSUM,
		"the per-message token's checksum does not verify"),
	K(GSSK_MINOR_WRONG_DIRECTION,
		"the per-message token came from the wrong direction"),
	K(GSSK_MINOR_MESSAGE_TOO_LONG,
		"the message is too long"),
	K(GSSK_MINOR_SEQ_EXHAUSTED,
		"the context's sequence numbers are used up"),
	K(GSSK_MINOR_CRYPTO,
		"the kernel crypto API failed"),
	K(GSSK_MINOR_DUPLICATE_DESCRIPTION,
		"the keyring already holds a context with this description"),
	K(GSSK_MINOR_BAD_ADDRESS,
		"a message buffer address cannot be read or written"),
	K(GSSK_MINOR_OUTPUT_TOO_SMALL,
		"the output buffer is too small for the result"),
	K(GSSK_MINOR_BAD_ENDTIME,
		"the context's end time is out of range"),
	K(GSSK_MINOR_KEY_UNDER_CONSTRUCTION,
		"the key is still being constructed by request-key, and gssk does not wait for it"),
	K(GSSK_MINOR_BAD_VERSION,
		"the request's generic netlink version is not the one this gssk module speaks"),
	K(GSSK_MINOR_CONTEXT_CLOSED,
		"the context has left its key (exported, deleted or invalidated) since its descriptor was opened"),
	K(GSSK_MINOR_BAD_OP,
		"the per-message request to the context descriptor is malformed (operation, flags, sizes or overlapping buffers)"),
	K(GSSK_MINOR_NO_FD,
		"the calling process has no free file descriptor for the context (RLIMIT_NOFILE)"),
};
#undef K

/* libgssk's own minor codes, indexed by code - GSSK_MINOR_LIB_BASE. */
#define L(code, text) [(code) - GSSK_MINOR_LIB_BASE] = { #code, text }
static const struct minor_row lib_minor_msgs[] = {
	L(GSSK_MINOR_MODULE_NOT_LOADED,
		"gssk module not loaded"),
	L(GSSK_MINOR_NETLINK,
		"netlink communication with the kernel failed"),
	L(GSSK_MINOR_INVALID_HANDLE,
		"the context handle is not a live libgssk handle"),
	L(GSSK_MINOR_BAD_REPLY,
		"the gssk module's reply was malformed or incomplete"),
	L(GSSK_MINOR_BAD_ARGUMENT,
		"an argument is out of range"),
	L(GSSK_MINOR_KERNEL_REFUSED,
		"the kernel refused the request without a gssk status"),
	L(GSSK_MINOR_NOT_PERMITTED,
		"the kernel did not permit the operation"),
	L(GSSK_MINOR_UNSUPPORTED,
		"the loaded gssk module does not support the operation"),
	L(GSSK_MINOR_INVALID_NAME,
		"the name is not a live libgssk name"),
	L(GSSK_MINOR_KRB5_UNAVAILABLE,
		"MIT krb5's libgssapi_krb5 is not loaded in this process"),
	L(GSSK_MINOR_KRB5_FAILED,
		"MIT krb5 could not describe the context or give its keys"),
	L(GSSK_MINOR_KRB5_INCOMPLETE,
		"the MIT krb5 context is not fully established"),
	L(GSSK_MINOR_KRB5_NOT_KRB5,
		"the context's mechanism is not Kerberos 5"),
	L(GSSK_MINOR_KRB5_RFC1964,
		"the context uses RFC 1964 tokens, which gssk does not support"),
	L(GSSK_MINOR_INTERPOSER_CONFIG,
		"gssk-interposer: the configuration file cannot be used, so no context is exported"),
	L(GSSK_MINOR_INTERPOSER_KERNEL_HELD,
		"gssk-interposer: the kernel holds this context, and the call would reveal its keys or is one the kernel cannot do"),
};
#undef L

static const char msg_minor_none[] = "no gssk minor status";

static const struct minor_row minor_none = {
	"GSSK_MINOR_NONE", msg_minor_none
};

/* The row of a minor code, or NULL if libgssk does not know it. */
static const struct minor_row *minor_row(OM_uint32 code)
{
	const struct minor_row *r = NULL;

	if (code == GSSK_MINOR_NONE)
		return &minor_none;
	if (code >= GSSK_MINOR_BASE &&
	    code - GSSK_MINOR_BASE < ARRAY_SIZE(kernel_minor_msgs))
		r = &kernel_minor_msgs[code - GSSK_MINOR_BASE];
	else if (code >= GSSK_MINOR_LIB_BASE &&
		 code - GSSK_MINOR_LIB_BASE < ARRAY_SIZE(lib_minor_msgs))
		r = &lib_minor_msgs[code - GSSK_MINOR_LIB_BASE];
	return r && r->name ? r : NULL;
}

/* Text for a minor code, or NULL if libgssk does not know it. */
const char *gsskp_minor_text(OM_uint32 code)
{
	const struct minor_row *r = minor_row(code);

	return r ? r->text : NULL;
}

GSSK_EXPORT const char *gssk_minor_name(OM_uint32 minor)
{
	const struct minor_row *r = minor_row(minor);

	return r ? r->name : NULL;
}

#define MAX_MSGS (1 + 1 + ARRAY_SIZE(supp_msgs))

/*
 * The messages of a major status code in display order: calling error,
 * routine error, supplementary bits. Returns their count, or 0 if any
 * part of the code is unknown.
 */
static size_t major_texts(OM_uint32 code, const char *out[MAX_MSGS])
{
	OM_uint32 calling = GSS_CALLING_ERROR(code) >> GSS_C_CALLING_ERROR_OFFSET;
	OM_uint32 routine = GSS_ROUTINE_ERROR(code) >> GSS_C_ROUTINE_ERROR_OFFSET;
	OM_uint32 supp = GSS_SUPPLEMENTARY_INFO(code);
	size_t n = 0, bit;

	if (code == GSS_S_COMPLETE) {
		out[n++] = msg_complete;
		return n;
	}
	if (calling) {
		if (calling >= ARRAY_SIZE(calling_msgs) || !calling_msgs[calling])
			return 0;
		out[n++] = calling_msgs[calling];
	}
	if (routine) {
		if (routine >= ARRAY_SIZE(routine_msgs) || !routine_msgs[routine])
			return 0;
		out[n++] = routine_msgs[routine];
	}
	for (bit = 0; bit < 16; bit++) {
		if (!(supp & (1u << bit)))
			continue;
		if (bit >= ARRAY_SIZE(supp_msgs) || !supp_msgs[bit])
			return 0;
		out[n++] = supp_msgs[bit];
	}
	return n;
}

GSSK_EXPORT OM_uint32 gssk_display_status(OM_uint32 *minor_status,
					  OM_uint32 status_value,
					  int status_type,
					  const gss_OID mech_type,
					  OM_uint32 *message_context,
					  gss_buffer_t status_string)
{
	const char *msgs[MAX_MSGS];
	char unknown[64];
	const char *text;
	size_t n;

	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (status_string == GSS_C_NO_BUFFER)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	gsskp_buffer_empty(status_string);
	if (!message_context)
		return GSS_S_CALL_INACCESSIBLE_WRITE;

	switch (status_type) {
	case GSS_C_GSS_CODE:
		n = major_texts(status_value, msgs);
		if (n == 0 || *message_context >= n)
			return GSS_S_BAD_STATUS;
		text = msgs[*message_context];
		*message_context = *message_context + 1 < n ?
				   *message_context + 1 : 0;
		break;
	case GSS_C_MECH_CODE:
		if (mech_type != GSS_C_NO_OID &&
		    !gsskp_oid_equal(mech_type, &gsskp_krb5_mech_oid))
			return GSS_S_BAD_MECH;
		if (*message_context != 0)
			return GSS_S_BAD_STATUS;
		text = gsskp_minor_text(status_value);
		if (!text) {
			/* a gssk code from a newer module or library */
			if (status_value < GSSK_MINOR_BASE ||
			    status_value - GSSK_MINOR_BASE > 0xff)
				return GSS_S_BAD_STATUS;
			snprintf(unknown, sizeof(unknown),
				 "gssk minor status 0x%08x (not known to this "
				 "libgssk)", status_value);
			text = unknown;
		}
		break;
	default:
		return GSS_S_BAD_STATUS;
	}

	if (gsskp_buffer_set(status_string, text, strlen(text))) {
		*minor_status = GSSK_MINOR_NO_MEMORY;
		return GSS_S_FAILURE;
	}
	return GSS_S_COMPLETE;
}
