// SPDX-License-Identifier: GPL-2.0
/*
 * Receive-side sequence window; see seqwin.h.
 *
 * Sequence numbers are 64-bit and compared as plain integers: RFC 4121
 * contexts start below 2^32 and never reach 2^64.
 */
#include <linux/kernel.h>
#include <linux/sunrpc/gss_err.h>

#include "seqwin.h"

void gssk_seqwin_init(struct gssk_seqwin *w, u64 next)
{
	w->next = next;
	w->seen = 0;
}

u32 gssk_seqwin_check(struct gssk_seqwin *w, u64 seq, bool replay,
		      bool sequence)
{
	u64 ahead, behind, bit;

	if (!replay && !sequence)
		return 0;

	if (seq >= w->next) {
		ahead = seq - w->next;	/* numbers skipped */
		if (ahead >= GSSK_SEQWIN_SIZE - 1)
			w->seen = 0;
		else
			w->seen <<= ahead + 1;
		w->seen |= 1;		/* seq itself is next - 1 now */
		w->next = seq + 1;
		return ahead && sequence ? GSS_S_GAP_TOKEN : 0;
	}

	behind = w->next - seq;		/* 1 .. : seq is next - behind */
	if (behind > GSSK_SEQWIN_SIZE)
		return (replay ? GSS_S_OLD_TOKEN : 0) |
		       (sequence ? GSS_S_UNSEQ_TOKEN : 0);

	bit = 1ULL << (behind - 1);
	if (w->seen & bit) {
		if (replay)
			return GSS_S_DUPLICATE_TOKEN;
		return GSS_S_UNSEQ_TOKEN;
	}
	w->seen |= bit;
	return sequence ? GSS_S_UNSEQ_TOKEN : 0;
}
