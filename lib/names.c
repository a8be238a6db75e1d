// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libgssk's own gss_name_t objects: the display names of a context's
 * initiator and acceptor, as gssk_inquire_context() returns them.
 */
#include <stdlib.h>
#include <string.h>

#include "request.h"

gss_name_t gsskp_name_new(const char *value, size_t length)
{
	struct gss_name_struct *n;

	n = malloc(sizeof(*n));
	if (!n)
		return GSS_C_NO_NAME;
	n->value = malloc(length + 1);
	if (!n->value) {
		free(n);
		return GSS_C_NO_NAME;
	}
	memcpy(n->value, value, length);
	n->value[length] = '\0';
	n->length = length;
	n->magic = GSSK_NAME_MAGIC;
	return n;
}

struct gss_name_struct *gsskp_name_check(gss_name_t name)
{
	if (name == GSS_C_NO_NAME || name->magic != GSSK_NAME_MAGIC)
		return NULL;
	return name;
}

GSSK_EXPORT OM_uint32 gssk_display_name(OM_uint32 *minor_status,
					const gss_name_t input_name,
					gss_buffer_t output_name_buffer,
					gss_OID *output_name_type)
{
	struct gss_name_struct *n;

	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (output_name_type)
		*output_name_type = GSS_C_NO_OID;
	if (output_name_buffer == GSS_C_NO_BUFFER)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	gsskp_buffer_empty(output_name_buffer);
	if (input_name == GSS_C_NO_NAME)
		return GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME;
	n = gsskp_name_check(input_name);
	if (!n) {
		*minor_status = GSSK_MINOR_INVALID_NAME;
		return GSS_S_BAD_NAME;
	}
	if (gsskp_buffer_set(output_name_buffer, n->value, n->length)) {
		*minor_status = GSSK_MINOR_NO_MEMORY;
		return GSS_S_FAILURE;
	}
	if (output_name_type)
		*output_name_type = (gss_OID)&gsskp_krb5_nt_principal_oid;
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_release_name(OM_uint32 *minor_status,
					gss_name_t *name)
{
	struct gss_name_struct *n;

	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!name)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	if (*name == GSS_C_NO_NAME)
		return GSS_S_COMPLETE;
	n = gsskp_name_check(*name);
	if (!n) {
		*minor_status = GSSK_MINOR_INVALID_NAME;
		return GSS_S_BAD_NAME;
	}
	explicit_bzero(n->value, n->length);
	free(n->value);
	n->magic = GSSK_NAME_DEAD;
	n->value = NULL;
	/* keep the store to magic from being optimised away before free */
	__asm__ __volatile__("" : : "r"(n) : "memory");
	free(n);
	*name = GSS_C_NO_NAME;
	return GSS_S_COMPLETE;
}
