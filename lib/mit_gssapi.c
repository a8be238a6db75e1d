// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Run-time access to MIT krb5's libgssapi_krb5 for
 * gssk_krb5_load_sec_context(). A program that holds an MIT context has
 * that library loaded already; dlopen(RTLD_NOLOAD) finds it there (even if
 * it was loaded RTLD_LOCAL) and never loads a second copy. Each call opens
 * and closes its own reference, so there is no shared state to lock.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "base.h"
#include "mit_gssapi.h"

#define MIT_GSSAPI_SONAME "libgssapi_krb5.so.2"

/* dlsym() into a function pointer of the right type, or fail. */
#define RESOLVE(mit, field, name)					\
	do {								\
		*(void **)&(mit)->field = dlsym((mit)->dl, name);	\
		if (!(mit)->field) {					\
			gsskp_set_error("%s has no %s",			\
					MIT_GSSAPI_SONAME, name);	\
			goto fail;					\
		}							\
	} while (0)

int gsskp_mit_open(struct gsskp_mit *mit)
{
	memset(mit, 0, sizeof(*mit));
	mit->dl = dlopen(MIT_GSSAPI_SONAME, RTLD_NOW | RTLD_NOLOAD);
	if (!mit->dl) {
		gsskp_set_error("MIT krb5's %s is not loaded in this process",
				MIT_GSSAPI_SONAME);
		return -1;
	}
	RESOLVE(mit, inquire_context, "gss_inquire_context");
	RESOLVE(mit, display_name, "gss_display_name");
	RESOLVE(mit, release_name, "gss_release_name");
	RESOLVE(mit, release_buffer, "gss_release_buffer");
	RESOLVE(mit, display_status, "gss_display_status");
	RESOLVE(mit, inquire_by_oid, "gss_inquire_sec_context_by_oid");
	RESOLVE(mit, release_buffer_set, "gss_release_buffer_set");
	RESOLVE(mit, free_lucid, "gss_krb5_free_lucid_sec_context");
	RESOLVE(mit, delete_sec_context, "gss_delete_sec_context");
	return 0;
fail:
	gsskp_mit_close(mit);
	return -1;
}

void gsskp_mit_close(struct gsskp_mit *mit)
{
	if (mit->dl)
		dlclose(mit->dl);
	memset(mit, 0, sizeof(*mit));
}

/* Append the first message of one status value to buf at *pos. */
static void append_status(const struct gsskp_mit *mit, OM_uint32 value,
			  int type, char *buf, size_t len, size_t *pos)
{
	OM_uint32 minor, ctx = 0;
	gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
	int n;

	if (mit->display_status(&minor, value, type, GSS_C_NO_OID, &ctx,
				&text) != GSS_S_COMPLETE)
		return;
	n = snprintf(buf + *pos, len - *pos, "%s%.*s", *pos ? ": " : "",
		     (int)text.length, (const char *)text.value);
	if (n > 0)
		*pos = (size_t)n + *pos < len ? *pos + (size_t)n : len - 1;
	mit->release_buffer(&minor, &text);
}

const char *gsskp_mit_status(const struct gsskp_mit *mit, OM_uint32 major,
			     OM_uint32 minor, char *buf, size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	append_status(mit, major, GSS_C_GSS_CODE, buf, len, &pos);
	if (minor)
		append_status(mit, minor, GSS_C_MECH_CODE, buf, len, &pos);
	return buf;
}
