// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Names: the kernel never holds one, so every call is forwarded. A name
 * this module returns is a mechglue name canonicalized for the real krb5
 * mechanism (an MN), released with gssi_release_name.
 */
#include "interposer.h"

/* Import, then canonicalize to the real mechanism through its special OID. */
OM_uint32 gssi_import_mn(OM_uint32 *minor_status, gss_const_OID mech,
			 gss_buffer_t input_name_buffer,
			 gss_OID input_name_type, gss_name_t *output_name)
{
	gss_name_t name = GSS_C_NO_NAME;
	OM_uint32 major, tmp;

	major = gss_import_name(minor_status, input_name_buffer,
				input_name_type, &name);
	if (GSS_ERROR(major))
		return major;
	major = gss_canonicalize_name(minor_status, name, gssi_special(mech),
				      output_name);
	gss_release_name(&tmp, &name);
	return major;
}

GSSI_EXPORT OM_uint32 gssi_import_name(OM_uint32 *minor_status,
				       gss_buffer_t input_name_buffer,
				       gss_OID input_name_type,
				       gss_name_t *output_name)
{
	return gssi_import_mn(minor_status, GSS_C_NO_OID, input_name_buffer,
			 input_name_type, output_name);
}

GSSI_EXPORT OM_uint32 gssi_import_name_by_mech(OM_uint32 *minor_status,
					       gss_OID mech_type,
					       gss_buffer_t input_name_buffer,
					       gss_OID input_name_type,
					       gss_name_t *output_name)
{
	return gssi_import_mn(minor_status, mech_type, input_name_buffer,
			 input_name_type, output_name);
}

GSSI_EXPORT OM_uint32 gssi_release_name(OM_uint32 *minor_status,
					gss_name_t *input_name)
{
	return gss_release_name(minor_status, input_name);
}

GSSI_EXPORT OM_uint32 gssi_compare_name(OM_uint32 *minor_status,
					gss_name_t name1, gss_name_t name2,
					int *name_equal)
{
	return gss_compare_name(minor_status, name1, name2, name_equal);
}

GSSI_EXPORT OM_uint32 gssi_display_name(OM_uint32 *minor_status,
					gss_name_t input_name,
					gss_buffer_t output_name_buffer,
					gss_OID *output_name_type)
{
	return gss_display_name(minor_status, input_name, output_name_buffer,
				output_name_type);
}

GSSI_EXPORT OM_uint32 gssi_display_name_ext(OM_uint32 *minor_status,
					    gss_name_t name,
					    gss_OID display_as_name_type,
					    gss_buffer_t display_name)
{
	return gss_display_name_ext(minor_status, name, display_as_name_type,
				    display_name);
}

GSSI_EXPORT OM_uint32 gssi_export_name(OM_uint32 *minor_status,
				       const gss_name_t input_name,
				       gss_buffer_t exported_name)
{
	return gss_export_name(minor_status, input_name, exported_name);
}

GSSI_EXPORT OM_uint32 gssi_export_name_composite(OM_uint32 *minor_status,
						 gss_name_t name,
						 gss_buffer_t exp_composite_name)
{
	return gss_export_name_composite(minor_status, name,
					 exp_composite_name);
}

GSSI_EXPORT OM_uint32 gssi_duplicate_name(OM_uint32 *minor_status,
					  const gss_name_t input_name,
					  gss_name_t *output_name)
{
	return gss_duplicate_name(minor_status, input_name, output_name);
}

GSSI_EXPORT OM_uint32 gssi_inquire_name(OM_uint32 *minor_status,
					gss_name_t name, int *name_is_MN,
					gss_OID *MN_mech,
					gss_buffer_set_t *attrs)
{
	return gss_inquire_name(minor_status, name, name_is_MN, MN_mech,
				attrs);
}

GSSI_EXPORT OM_uint32 gssi_get_name_attribute(OM_uint32 *minor_status,
					      gss_name_t name,
					      gss_buffer_t attr,
					      int *authenticated,
					      int *complete,
					      gss_buffer_t value,
					      gss_buffer_t display_value,
					      int *more)
{
	return gss_get_name_attribute(minor_status, name, attr,
				      authenticated, complete, value,
				      display_value, more);
}

GSSI_EXPORT OM_uint32 gssi_set_name_attribute(OM_uint32 *minor_status,
					      gss_name_t name, int complete,
					      gss_buffer_t attr,
					      gss_buffer_t value)
{
	return gss_set_name_attribute(minor_status, name, complete, attr,
				      value);
}

GSSI_EXPORT OM_uint32 gssi_delete_name_attribute(OM_uint32 *minor_status,
						 gss_name_t name,
						 gss_buffer_t attr)
{
	return gss_delete_name_attribute(minor_status, name, attr);
}

GSSI_EXPORT OM_uint32 gssi_map_name_to_any(OM_uint32 *minor_status,
					   gss_name_t name, int authenticated,
					   gss_buffer_t type_id,
					   gss_any_t *output)
{
	return gss_map_name_to_any(minor_status, name, authenticated,
				   type_id, output);
}

GSSI_EXPORT OM_uint32 gssi_release_any_name_mapping(OM_uint32 *minor_status,
						    gss_name_t name,
						    gss_buffer_t type_id,
						    gss_any_t *input)
{
	return gss_release_any_name_mapping(minor_status, name, type_id,
					    input);
}
