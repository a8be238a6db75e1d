// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The interposer's entry point and the mechanism-wide calls (status texts,
 * name types, SASL names, attributes, mech_invoke, local names), forwarded
 * to the real krb5 mechanism through its special OID; gssk's own status
 * codes are explained here.
 */
#include <errno.h>
#include <string.h>

#include <gssapi/gssapi_alloc.h>
#include <gssk/gssk.h>

#include "config.h"
#include "interposer.h"

/*
 * Called by the mechglue with the OID under which /etc/gss/mech.d names
 * this module; returns the mechanisms to interpose, in a set the mechglue
 * releases with gss_release_oid_set.
 */
GSSI_EXPORT gss_OID_set gss_mech_interposer(gss_OID mech_type)
{
	gss_OID_set set = GSS_C_NO_OID_SET;
	OM_uint32 major, minor;

	if (!gssi_oid_equal(mech_type, &gssi_oid))
		return GSS_C_NO_OID_SET;
	major = gss_create_empty_oid_set(&minor, &set);
	if (!GSS_ERROR(major))
		major = gss_add_oid_set_member(&minor,
					       (gss_OID)&gssi_krb5_oid, &set);
	if (!GSS_ERROR(major))
		major = gss_add_oid_set_member(&minor,
					       (gss_OID)&gssi_mskrb5_oid, &set);
	if (GSS_ERROR(major)) {
		gss_release_oid_set(&minor, &set);
		return GSS_C_NO_OID_SET;
	}
	return set;
}

/*
 * gssk's minor codes (the kernel's, libgssk's and this module's, all
 * above GSSK_MINOR_BASE) get gssk's own texts; the configuration error's
 * text says which file and line. Everything else is the real mechanism's.
 */
static OM_uint32 display_gssk(OM_uint32 *minor_status, OM_uint32 value,
			      OM_uint32 *message_context,
			      gss_buffer_t status_string)
{
	gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
	const char *why = gssi_config_error();
	OM_uint32 major, tmp;
	size_t extra;

	major = gssk_display_status(minor_status, value, GSS_C_MECH_CODE,
				    GSS_C_NO_OID, message_context, &text);
	if (GSS_ERROR(major))
		return major;
	extra = value == GSSK_MINOR_INTERPOSER_CONFIG && why ?
			2 + strlen(why) : 0;
	status_string->value = gssalloc_malloc(text.length + extra + 1);
	if (!status_string->value) {
		gssk_release_buffer(&tmp, &text);
		*minor_status = ENOMEM;
		return GSS_S_FAILURE;
	}
	memcpy(status_string->value, text.value, text.length);
	if (extra) {
		memcpy((char *)status_string->value + text.length, ": ", 2);
		memcpy((char *)status_string->value + text.length + 2, why,
		       extra - 2);
	}
	status_string->length = text.length + extra;
	((char *)status_string->value)[status_string->length] = '\0';
	gssk_release_buffer(&tmp, &text);
	return GSS_S_COMPLETE;
}

GSSI_EXPORT OM_uint32 gssi_display_status(OM_uint32 *minor_status,
					  OM_uint32 status_value,
					  int status_type, gss_OID mech_type,
					  OM_uint32 *message_context,
					  gss_buffer_t status_string)
{
	if (status_type == GSS_C_MECH_CODE &&
	    (status_value & ~0xffu) == GSSK_MINOR_BASE)
		return display_gssk(minor_status, status_value,
				    message_context, status_string);
	return gss_display_status(minor_status, status_value, status_type,
				  gssi_special(mech_type), message_context,
				  status_string);
}

GSSI_EXPORT OM_uint32 gssi_indicate_mechs(OM_uint32 *minor_status,
					  gss_OID_set *mech_set)
{
	return gss_indicate_mechs(minor_status, mech_set);
}

GSSI_EXPORT OM_uint32 gssi_inquire_names_for_mech(OM_uint32 *minor_status,
						  gss_OID mechanism,
						  gss_OID_set *name_types)
{
	return gss_inquire_names_for_mech(minor_status,
					  gssi_special(mechanism), name_types);
}

GSSI_EXPORT OM_uint32 gssi_inquire_saslname_for_mech(
	OM_uint32 *minor_status, const gss_OID desired_mech,
	gss_buffer_t sasl_mech_name, gss_buffer_t mech_name,
	gss_buffer_t mech_description)
{
	return gss_inquire_saslname_for_mech(minor_status,
					     gssi_special(desired_mech),
					     sasl_mech_name, mech_name,
					     mech_description);
}

GSSI_EXPORT OM_uint32 gssi_inquire_mech_for_saslname(
	OM_uint32 *minor_status, const gss_buffer_t sasl_mech_name,
	gss_OID *mech_type)
{
	return gss_inquire_mech_for_saslname(minor_status, sasl_mech_name,
					     mech_type);
}

GSSI_EXPORT OM_uint32 gssi_inquire_attrs_for_mech(OM_uint32 *minor_status,
						  gss_const_OID mech,
						  gss_OID_set *mech_attrs,
						  gss_OID_set *known_mech_attrs)
{
	return gss_inquire_attrs_for_mech(minor_status, gssi_special(mech),
					  mech_attrs, known_mech_attrs);
}

/* gss_krb5_* extensions (ccache selection, lucid frees, ...) land here. */
GSSI_EXPORT OM_uint32 gssi_mech_invoke(OM_uint32 *minor_status,
				       const gss_OID desired_mech,
				       const gss_OID desired_object,
				       gss_buffer_t value)
{
	return gssspi_mech_invoke(minor_status, gssi_special(desired_mech),
				  desired_object, value);
}

GSSI_EXPORT OM_uint32 gssi_localname(OM_uint32 *minor_status,
				     const gss_name_t name,
				     gss_const_OID mech_type,
				     gss_buffer_t localname)
{
	return gss_localname(minor_status, name, gssi_special(mech_type),
			     localname);
}

/*
 * The mechglue hands the local user as a buffer and name type; the
 * public call takes a name.
 */
GSSI_EXPORT OM_uint32 gssi_authorize_localname(OM_uint32 *minor_status,
					       const gss_name_t pname,
					       gss_const_buffer_t local_user,
					       gss_const_OID name_type)
{
	gss_name_t user = GSS_C_NO_NAME;
	OM_uint32 major, tmp;

	major = gss_import_name(minor_status, (gss_buffer_t)local_user,
				(gss_OID)name_type, &user);
	if (GSS_ERROR(major))
		return major;
	major = gss_authorize_localname(minor_status, pname, user);
	gss_release_name(&tmp, &user);
	return major;
}

/*
 * OIDs this module hands out are static: never ours to release, so let
 * the mechglue ask the next mechanism.
 */
GSSI_EXPORT OM_uint32 gssi_internal_release_oid(OM_uint32 *minor_status,
						gss_OID *oid)
{
	(void)oid;
	*minor_status = 0;
	return GSS_S_FAILURE;
}
