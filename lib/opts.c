// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Structs that grow (layer 0): the size checks of gssk.h's GSSK_OPTS()
 * structs, as libbpf makes them for its opts.
 */
#include <string.h>

#include "base.h"

OM_uint32 gsskp_opts_copy(OM_uint32 *minor, void *dst, size_t known,
			  const void *src, size_t size, size_t min_size,
			  const char *what)
{
	const unsigned char *p = src;
	size_t i;

	if (size < min_size) {
		*minor = GSSK_MINOR_BAD_ARGUMENT;
		gsskp_set_error("%s: size %zu is below its first version's %zu "
				"(set it to sizeof, or use GSSK_OPTS())", what,
				size, min_size);
		return GSS_S_FAILURE;
	}
	for (i = known; i < size; i++) {
		if (p[i]) {
			*minor = GSSK_MINOR_BAD_ARGUMENT;
			gsskp_set_error("%s: byte %zu is set, beyond the %zu "
					"bytes this libgssk knows (a field of "
					"a newer libgssk)", what, i, known);
			return GSS_S_FAILURE;
		}
	}
	memset(dst, 0, known);
	memcpy(dst, src, size < known ? size : known);
	return GSS_S_COMPLETE;
}
