// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * gss_buffer_t helpers: buffers that libgssk fills, and their release.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

/*
 * Every buffer libgssk hands out holds length bytes followed by a NUL that
 * is not counted, so that text buffers can be used as C strings.
 */
int gsskp_buffer_set(gss_buffer_t buf, const void *data, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return -ENOMEM;
	p = malloc(len + 1);
	if (!p)
		return -ENOMEM;
	if (len)
		memcpy(p, data, len);
	p[len] = '\0';
	buf->value = p;
	buf->length = len;
	return 0;
}

GSSK_EXPORT OM_uint32 gssk_release_buffer(OM_uint32 *minor_status,
					  gss_buffer_t buffer)
{
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (buffer == GSS_C_NO_BUFFER)
		return GSS_S_COMPLETE;
	if (buffer->value) {
		/* Tokens are capabilities: leave nothing behind. */
		explicit_bzero(buffer->value, buffer->length);
		free(buffer->value);
	}
	buffer->value = NULL;
	buffer->length = 0;
	return GSS_S_COMPLETE;
}
