// SPDX-License-Identifier: GPL-2.0
/*
 * Module-wide counters, read by GSSK_CMD_STATS (stats.c).
 *
 * Counters are atomic64_t: every one of them moves at most once per
 * request, next to work (key creation, crypto) that costs far more than a
 * shared atomic increment, so per-CPU counters would buy nothing. They
 * start at zero when the module loads and only grow, except the live
 * context and pending token counts.
 *
 * Refusals are counted by minor code from refuse.c, the one place every
 * refusal with a gssk status goes through. Refusals that the netlink core
 * makes before a handler runs (policy validation) have no minor code and
 * are not counted.
 */
#include <linux/atomic.h>

#include "counters.h"

static atomic64_t gssk_counters[__GSSK_COUNTER_MAX];
static atomic64_t gssk_refusals[GSSK_REFUSAL_SLOTS];
static unsigned int gssk_selftest_vectors;

void gssk_counter_inc(enum gssk_counter c)
{
	atomic64_inc(&gssk_counters[c]);
}

void gssk_counter_dec(enum gssk_counter c)
{
	atomic64_dec(&gssk_counters[c]);
}

u64 gssk_counter_read(enum gssk_counter c)
{
	return atomic64_read(&gssk_counters[c]);
}

void gssk_counter_refusal(u32 minor)
{
	u32 slot = minor - GSSK_MINOR_BASE;

	if (minor < GSSK_MINOR_BASE || slot >= GSSK_REFUSAL_SLOTS)
		slot = 0;
	atomic64_inc(&gssk_refusals[slot]);
}

u64 gssk_counter_refusals(unsigned int slot)
{
	return atomic64_read(&gssk_refusals[slot]);
}

u32 gssk_counter_refusal_minor(unsigned int slot)
{
	return slot ? GSSK_MINOR_BASE + slot : GSSK_MINOR_NONE;
}

/* Called once from module_init, before the family is registered. */
void gssk_counter_selftest_passed(unsigned int vectors)
{
	gssk_selftest_vectors = vectors;
}

unsigned int gssk_counter_selftest_vectors(void)
{
	return gssk_selftest_vectors;
}
