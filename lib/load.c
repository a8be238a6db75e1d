// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gssk_load_sec_context(): hand an established context's fields, key
 * bytes included, to the kernel. The key bytes are copied only into the
 * netlink request (allocated at its exact size), whose key attributes are
 * zeroed before it is freed.
 */
#include <string.h>
#include <keyutils.h>

#include "calls.h"

static OM_uint32 too_long(OM_uint32 *minor, OM_uint32 code,
			  const char *what, size_t max)
{
	*minor = code;
	gsskp_set_error("%s longer than %zu bytes", what, max);
	return GSS_S_FAILURE;
}

static OM_uint32 check_fields(OM_uint32 *minor,
			      const struct gssk_context_fields *f,
			      const char *description)
{
	if (f->key_len > GSSK_KEY_MAX)
		return too_long(minor, GSSK_MINOR_BAD_KEY_LENGTH,
				"context key", GSSK_KEY_MAX);
	if (f->subkey_len > GSSK_KEY_MAX)
		return too_long(minor, GSSK_MINOR_BAD_KEY_LENGTH,
				"acceptor subkey", GSSK_KEY_MAX);
	if (f->initiator_name &&
	    strnlen(f->initiator_name, GSSK_NAME_MAX) >= GSSK_NAME_MAX)
		return too_long(minor, GSSK_MINOR_BAD_ARGUMENT,
				"initiator name", (size_t)GSSK_NAME_MAX - 1);
	if (f->acceptor_name &&
	    strnlen(f->acceptor_name, GSSK_NAME_MAX) >= GSSK_NAME_MAX)
		return too_long(minor, GSSK_MINOR_BAD_ARGUMENT,
				"acceptor name", (size_t)GSSK_NAME_MAX - 1);
	if (description &&
	    strnlen(description, GSSK_DESC_MAX) >= GSSK_DESC_MAX)
		return too_long(minor, GSSK_MINOR_BAD_ARGUMENT,
				"description", (size_t)GSSK_DESC_MAX - 1);
	return GSS_S_COMPLETE;
}

static size_t string_size(const char *s)
{
	return s ? gsskp_attr_size(strlen(s) + 1) : 0;
}

/* The attribute bytes put_fields() writes. */
static size_t fields_size(const struct gssk_context_fields *f,
			  const char *description)
{
	size_t n = gsskp_attr_size(sizeof(uint32_t)) +	/* ENCTYPE */
		   gsskp_attr_size(sizeof(uint8_t)) +	/* ROLE */
		   gsskp_attr_size(sizeof(uint32_t)) +	/* GSS_FLAGS */
		   2 * gsskp_attr_size(sizeof(uint64_t)) + /* SEND/RECV_SEQ */
		   gsskp_attr_size(sizeof(int32_t));	/* KEYRING */

	n += string_size(description);
	if (f->key_len)
		n += gsskp_attr_size(f->key_len);
	if (f->subkey_enctype)
		n += gsskp_attr_size(sizeof(uint32_t));
	if (f->subkey_len)
		n += gsskp_attr_size(f->subkey_len);
	n += string_size(f->initiator_name);
	n += string_size(f->acceptor_name);
	if (f->endtime)
		n += gsskp_attr_size(sizeof(uint64_t));
	return n;
}

static int put_fields(struct gsskp_msg *msg, const struct gssk_context_fields *f,
		      int32_t keyring, const char *description)
{
	uint8_t role = f->initiate ? GSSK_ROLE_INITIATOR : GSSK_ROLE_ACCEPTOR;

	if (gsskp_put_u32(msg, GSSK_A_ENCTYPE, f->enctype) < 0 ||
	    gsskp_put_u8(msg, GSSK_A_ROLE, role) < 0 ||
	    gsskp_put_u32(msg, GSSK_A_GSS_FLAGS, f->flags) < 0 ||
	    gsskp_put_u64(msg, GSSK_A_SEND_SEQ, f->send_seq) < 0 ||
	    gsskp_put_u64(msg, GSSK_A_RECV_SEQ, f->recv_seq) < 0 ||
	    gsskp_put_s32(msg, GSSK_A_KEYRING, keyring) < 0)
		return -1;
	/* without one the kernel picks a unique description, gssk:N */
	if (description &&
	    gsskp_put_string(msg, GSSK_A_DESCRIPTION, description) < 0)
		return -1;
	/* an absent key is left for the kernel to refuse (missing field) */
	if (f->key_len &&
	    gsskp_put(msg, GSSK_A_CTX_KEY, f->key, f->key_len) < 0)
		return -1;
	if (f->subkey_enctype &&
	    gsskp_put_u32(msg, GSSK_A_SUBKEY_ENCTYPE, f->subkey_enctype) < 0)
		return -1;
	if (f->subkey_len &&
	    gsskp_put(msg, GSSK_A_SUBKEY, f->subkey, f->subkey_len) < 0)
		return -1;
	if (f->initiator_name &&
	    gsskp_put_string(msg, GSSK_A_INIT_NAME, f->initiator_name) < 0)
		return -1;
	if (f->acceptor_name &&
	    gsskp_put_string(msg, GSSK_A_ACC_NAME, f->acceptor_name) < 0)
		return -1;
	if (f->endtime && gsskp_put_u64(msg, GSSK_A_ENDTIME, f->endtime) < 0)
		return -1;
	return 0;
}

struct gsskp_msg *gsskp_load_msg(const struct gssk_context_fields *f,
			      int32_t keyring, const char *description)
{
	struct gsskp_msg *msg = gsskp_msg_new(GSSK_CMD_LOAD,
					   fields_size(f, description));

	if (msg && put_fields(msg, f, keyring, description)) {
		gsskp_msg_free(msg);	/* wipes any key bytes put */
		return NULL;
	}
	return msg;
}

static OM_uint32 load(OM_uint32 *minor_status,
		      const struct gssk_context_fields *fields, int32_t keyring,
		      const char *description, gss_ctx_id_t *context_handle)
{
	struct gsskp_msg *msg;
	OM_uint32 major;

	if (!fields || (fields->key_len && !fields->key) ||
	    (fields->subkey_len && !fields->subkey))
		return GSS_S_CALL_INACCESSIBLE_READ;
	if (keyring == 0)
		keyring = KEY_SPEC_SESSION_KEYRING;
	major = check_fields(minor_status, fields, description);
	if (major)
		return major;

	msg = gsskp_load_msg(fields, keyring, description);
	return gsskp_make_context(minor_status, msg, "LOAD", context_handle);
}

GSSK_EXPORT OM_uint32 gssk_load_sec_context(OM_uint32 *minor_status,
			const struct gssk_context_fields *fields,
			int32_t keyring, const char *description,
			gss_ctx_id_t *context_handle)
{
	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*context_handle = GSS_C_NO_CONTEXT;
	return load(minor_status, fields, keyring, description,
		    context_handle);
}

GSSK_EXPORT OM_uint32 gssk_load_sec_context_opts(OM_uint32 *minor_status,
				const struct gssk_load_opts *opts,
				gss_ctx_id_t *context_handle)
{
	struct gssk_load_opts o;
	OM_uint32 major;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!context_handle)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*context_handle = GSS_C_NO_CONTEXT;
	if (!opts)
		return GSS_S_CALL_INACCESSIBLE_READ;
	major = gsskp_opts_copy(minor_status, &o, sizeof(o), opts, opts->size,
				GSSK_LOAD_OPTS_SIZE_V1, "struct gssk_load_opts");
	if (major)
		return major;
	return load(minor_status, &o.fields, o.keyring, o.description,
		    context_handle);
}
