/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module-wide counters (counters.c): a leaf. Every layer pushes into them
 * (no lock, no call out); GSSK_CMD_STATS (stats.c) reads them.
 */
#ifndef _GSSK_COUNTERS_H
#define _GSSK_COUNTERS_H

#include <linux/types.h>
#include <linux/gssk.h>

enum gssk_counter {
	GSSK_COUNTER_CONTEXTS,	/* live contexts: up at alloc, down at free */
	GSSK_COUNTER_TOKENS,	/* tokens pending: up at publish, down at unhash */
	GSSK_COUNTER_LOADS,
	GSSK_COUNTER_EXPORTS,
	GSSK_COUNTER_IMPORTS,
	GSSK_COUNTER_DELETES,
	__GSSK_COUNTER_MAX
};

void gssk_counter_inc(enum gssk_counter c);
void gssk_counter_dec(enum gssk_counter c);
u64 gssk_counter_read(enum gssk_counter c);

/* Refusals by minor code; slot 0 takes codes outside the gssk range. */
#define GSSK_REFUSAL_SLOTS	(__GSSK_MINOR_END - GSSK_MINOR_BASE)
void gssk_counter_refusal(u32 minor);
u64 gssk_counter_refusals(unsigned int slot);
/* The minor code counted in a slot (GSSK_MINOR_NONE for slot 0). */
u32 gssk_counter_refusal_minor(unsigned int slot);

/*
 * The known-answer self-test passed at module load (it is run before
 * anything else; a failure fails the load, so there is nothing else to
 * record).
 */
void gssk_counter_selftest_passed(unsigned int vectors);
unsigned int gssk_counter_selftest_vectors(void);

#endif /* _GSSK_COUNTERS_H */
