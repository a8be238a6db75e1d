/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Retiring gssk keys (key_retire.c): how a key whose context moved out
 * dies without costing the key garbage collector a pass per key.
 */
#ifndef _GSSK_KEY_RETIRE_H
#define _GSSK_KEY_RETIRE_H

#include <linux/types.h>

struct key;

/*
 * Unlink key from its home keyring and end it: invalidated at once, or,
 * with many contexts alive, revoked and dropped with a batch of others.
 * The caller keeps its own reference and puts it as usual.
 */
void gssk_key_retire(struct key *key);

/* Module exit, before the key type goes: drop the pending batch. */
void gssk_key_retire_exit(void);

#endif /* _GSSK_KEY_RETIRE_H */
