/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libgssk's private definitions, all layers at once: for the top layer
 * (krb5_load.c) and the unit tests (tests/). A file of a lower layer
 * includes its own layer's header instead (see README.md, "Layers"):
 *
 *   base.h     layer 0  buffer.c, oid.c, error.c, status.c, enctype.c, opts.c
 *   nl.h       layer 1  nl.c (mit_gssapi.h: mit_gssapi.c)
 *   request.h  layer 2  request.c, names.c
 *   handle.h   layer 3  handle.c
 *   calls.h    layer 4  context.c, inquire.c, load.c, export.c, import.c,
 *                       message.c, stats.c
 *
 * Nothing here is exported from libgssk.so.
 */
#ifndef GSSK_INTERNAL_H
#define GSSK_INTERNAL_H

#include "calls.h"

#endif /* GSSK_INTERNAL_H */
