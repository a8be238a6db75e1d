// SPDX-License-Identifier: GPL-2.0
/*
 * Retiring a gssk key: what becomes of a key whose context has moved out
 * (EXPORT, DELETE) or never got in (a LOAD whose reply could not be built).
 *
 * First the key is unlinked from its home keyring: one link out of one
 * keyring. key_invalidate() alone would leave the dead link for the key
 * garbage collector, which then rebuilds the whole keyring; with 100,000
 * contexts in one keyring, every LOAD and IMPORT that links into it
 * meanwhile waits for that rebuild.
 *
 * Then the key dies, and each key death costs the keys core a collector
 * pass over every key in the system: key_invalidate() starts one at once
 * (one that also checks the links of every keyring), and so does the last
 * key_put(). With few contexts alive a pass is cheap: the key is
 * invalidated at once, and keyctl sees it gone (ENOKEY). With
 * GSSK_RETIRE_BATCH_FROM contexts or more, a pass per key would keep the
 * collector running without pause (a pass over 100,000 keys takes tens of
 * milliseconds under TCG) and slow every other key call. Then the key is
 * revoked instead (key_revoke() sets the collector's timer 300 s out, one
 * timer for all revocations) and gssk holds its last reference in a batch,
 * dropped GSSK_RETIRE_BATCH_DELAY after the batch's first key or as soon as
 * the batch is full: one pass then collects the whole batch. Until then
 * keyctl sees the key as revoked (EKEYREVOKED) and it still counts against
 * its owner's key quota; gssk's own commands report it as gone, exactly as
 * an invalidated key (key_type.c tells it from a keyctl revoke by
 * payload.data[GSSK_KEY_RETIRED]).
 */
#include <linux/cache.h>
#include <linux/key.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "counters.h"
#include "key_retire.h"
#include "key_type.h"
#include "testmode.h"

#define GSSK_RETIRE_BATCH_FROM	1024	/* live contexts */
#define GSSK_RETIRE_BATCH_MAX	16384	/* keys in one batch */
#define GSSK_RETIRE_BATCH_DELAY	HZ

/*
 * The batch is a list through payload.data[GSSK_KEY_RETIRED] of its keys,
 * each with a reference held; GSSK_RETIRE_END ends it and stays in a key
 * once it has left the batch, so that the slot of a retired key is never
 * NULL (key_type.c reads it).
 */
#define GSSK_RETIRE_END		((void *)1UL)

static DEFINE_SPINLOCK(gssk_retire_lock);
static struct key *gssk_retire_head;		/* under gssk_retire_lock */
static unsigned int gssk_retire_count;		/* under gssk_retire_lock */

/* Take the whole batch out; the caller drops it with gssk_retire_drop(). */
static struct key *gssk_retire_take_locked(void)
{
	struct key *head = gssk_retire_head;

	lockdep_assert_held(&gssk_retire_lock);
	gssk_retire_head = NULL;
	gssk_retire_count = 0;
	return head;
}

static void gssk_retire_drop(struct key *key)
{
	void *next;

	while (key) {
		next = key->payload.data[GSSK_KEY_RETIRED];
		WRITE_ONCE(key->payload.data[GSSK_KEY_RETIRED],
			   GSSK_RETIRE_END);
		key_put(key);
		key = next == GSSK_RETIRE_END ? NULL : next;
	}
}

static void gssk_retire_flush(struct work_struct *work)
{
	struct key *batch;

	spin_lock(&gssk_retire_lock);
	batch = gssk_retire_take_locked();
	spin_unlock(&gssk_retire_lock);
	gssk_retire_drop(batch);
}

static DECLARE_DELAYED_WORK(gssk_retire_work, gssk_retire_flush);

/* Unlink key from the keyring gssk linked it into, if that still exists. */
static void gssk_key_unlink_home(struct key *key)
{
	key_serial_t home = (unsigned long)key->payload.data[GSSK_KEY_HOME];
	key_ref_t ring_ref;
	struct key *ring;

	if (home <= 0)
		return;
	ring_ref = lookup_user_key(home, KEY_LOOKUP_PARTIAL,
				   KEY_DEFER_PERM_CHECK);
	if (IS_ERR(ring_ref))
		return;
	ring = key_ref_to_ptr(ring_ref);
	if (ring->type == &key_type_keyring)
		key_unlink(ring, key);
	key_ref_put(ring_ref);
}

static bool gssk_retire_in_batches(void)
{
	return gssk_counter_read(GSSK_COUNTER_CONTEXTS) >=
	       gssk_test_retire_batch_from(GSSK_RETIRE_BATCH_FROM);
}

void gssk_key_retire(struct key *key)
{
	struct key *batch = NULL;

	gssk_key_unlink_home(key);
	if (!gssk_retire_in_batches()) {
		key_invalidate(key);
		return;
	}

	/*
	 * Marked before the REVOKED bit (key_type.c reads the mark once it
	 * has seen the bit), and only once: a LOAD undoing its key may race
	 * with a DELETE of it.
	 */
	if (cmpxchg(&key->payload.data[GSSK_KEY_RETIRED], NULL,
		    GSSK_RETIRE_END))
		return;
	key_revoke(key);

	key_get(key);
	spin_lock(&gssk_retire_lock);
	if (gssk_retire_head)
		WRITE_ONCE(key->payload.data[GSSK_KEY_RETIRED],
			   gssk_retire_head);
	gssk_retire_head = key;
	if (++gssk_retire_count == GSSK_RETIRE_BATCH_MAX)
		batch = gssk_retire_take_locked();
	else if (gssk_retire_count == 1)
		schedule_delayed_work(&gssk_retire_work,
				      GSSK_RETIRE_BATCH_DELAY);
	spin_unlock(&gssk_retire_lock);
	gssk_retire_drop(batch);
}

void gssk_key_retire_exit(void)
{
	cancel_delayed_work_sync(&gssk_retire_work);
	gssk_retire_flush(NULL);
}
