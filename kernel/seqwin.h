/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Receive-side sequence window (RFC 2743 section 1.2.3, RFC 4121 section
 * 4.2.6): classifies the 64-bit sequence number of each received token.
 * Pure logic; the caller serialises calls (the context's lock).
 */
#ifndef _GSSK_SEQWIN_H
#define _GSSK_SEQWIN_H

#include <linux/types.h>

#define GSSK_SEQWIN_SIZE	64	/* numbers remembered below next */

struct gssk_seqwin {
	u64 next;	/* next expected sequence number */
	u64 seen;	/* bit i set: number next - 1 - i was received */
};

/* Start a window expecting next (the peer's initial sequence number). */
void gssk_seqwin_init(struct gssk_seqwin *w, u64 next);

/*
 * Classify seq and record it. replay and sequence are the context's
 * GSS_C_REPLAY_FLAG and GSS_C_SEQUENCE_FLAG. Returns GSS supplementary
 * status bits (0 when the token is the expected one or neither flag is
 * set):
 *
 *   seq == next              0
 *   seq >  next              GSS_S_GAP_TOKEN if sequence
 *   seq <  next, in window:
 *     already received       GSS_S_DUPLICATE_TOKEN if replay,
 *                            else GSS_S_UNSEQ_TOKEN if sequence
 *     not yet received       GSS_S_UNSEQ_TOKEN if sequence
 *   seq <  next - 64         GSS_S_OLD_TOKEN if replay (it can no longer
 *                            be checked for duplication), plus
 *                            GSS_S_UNSEQ_TOKEN if sequence
 *
 * The window only moves forward; a token with GSS_S_DUPLICATE_TOKEN or
 * GSS_S_OLD_TOKEN changes nothing. The caller decides which bits are fatal
 * (normally DUPLICATE and OLD with replay detection).
 */
u32 gssk_seqwin_check(struct gssk_seqwin *w, u64 seq, bool replay,
		      bool sequence);

#endif /* _GSSK_SEQWIN_H */
