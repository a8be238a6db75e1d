/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the public calls (layer 4: context.c, inquire.c, load.c, export.c,
 * import.c, message.c, stats.c) offer the layer above them (krb5_load.c)
 * and the unit tests: the requests they build and the STATS reply parser.
 * Uses handle.h and what it includes.
 */
#ifndef GSSK_CALLS_H
#define GSSK_CALLS_H

#include "handle.h"

/* The requests of load.c, export.c, import.c, or NULL (ENOMEM). */
struct gsskp_msg *gsskp_load_msg(const struct gssk_context_fields *f,
			      int32_t keyring, const char *description);
struct gsskp_msg *gsskp_export_msg(int32_t serial,
				const struct gssk_export_policy *policy);
struct gsskp_msg *gsskp_import_msg(const gss_buffer_t token, int32_t keyring);

/* ---- statistics (stats.c) ---- */

/* The smallest gssk_stats.size gssk_get_stats() accepts. */
#define GSSK_STATS_MIN_SIZE \
	(offsetof(struct gssk_stats, refusals) + sizeof(void *))

/*
 * Fill *out (every field, size ignored) from the attributes of a STATS
 * reply. On failure out->refusals is freed.
 */
OM_uint32 gsskp_stats_reply(OM_uint32 *minor, struct nlattr **tb, void *out);

#endif /* GSSK_CALLS_H */
