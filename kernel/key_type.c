// SPDX-License-Identifier: GPL-2.0
/*
 * The "gssk" key type: one key holds one security context.
 *
 * payload.data[0] points to the struct gssk_ctx (one reference); it is
 * written only under key->sem held for writing (instantiate, revoke, export,
 * delete) and read under key->sem held for reading. payload.data[1] holds a
 * word of public facts (enctype and role) for ->describe, which runs under
 * RCU only and must not touch the context. payload.data[2] holds the serial
 * of the keyring gssk linked the key into (its "home"), set before the key
 * is instantiated and never changed. payload.data[3] marks a key retired
 * in a batch (key_retire.c): revoked by gssk rather than with keyctl, and
 * so reported as gone, as an invalidated key is.
 *
 * No lookup here waits for a key under construction: lookup_user_key()
 * would sleep for as long as a request-key helper runs, inside generic
 * netlink's global lock. Keys are looked up with KEY_LOOKUP_PARTIAL and one
 * that is not instantiated yet is refused (GSSK_MINOR_KEY_UNDER_CONSTRUCTION).
 *
 * The type has no ->read and no ->update: once loaded, nothing of the
 * context leaves the kernel through the key API. Keys are created only by
 * gssk itself: gssk_key_create() passes the context pointer with a zero data
 * length, which add_key(2) and keyctl_instantiate(2) cannot produce (a zero
 * length from userspace always comes with a NULL payload).
 */
#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/key-type.h>
#include <linux/key.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/sunrpc/gss_err.h>
#include <uapi/linux/keyctl.h>

#include "ctx.h"
#include "enctype.h"
#include "key_type.h"
#include "refuse.h"

#define GSSK_KEY_PERM	(KEY_POS_VIEW | KEY_POS_READ | KEY_POS_WRITE | \
			 KEY_POS_SEARCH | KEY_POS_LINK | KEY_POS_SETATTR | \
			 KEY_USR_VIEW)

#define GSSK_PUB_ROLE_SHIFT	16

static int gssk_key_instantiate(struct key *key,
				struct key_preparsed_payload *prep)
{
	struct gssk_ctx *ctx = (struct gssk_ctx *)prep->data;
	int err;

	if (prep->datalen != 0 || !ctx)
		return -EPERM;

	/* Charge the owner's key quota with what the context really holds. */
	err = key_payload_reserve(key, gssk_ctx_size(ctx));
	if (err)
		return err;

	gssk_ctx_get(ctx);
	key->payload.data[1] = (void *)(unsigned long)
		(ctx->enctype | (unsigned long)ctx->role << GSSK_PUB_ROLE_SHIFT);
	rcu_assign_keypointer(key, ctx);
	/* The key expires with the context; the key GC collects it. */
	if (ctx->endtime)
		prep->expiry = ctx->endtime;
	return 0;
}

/* Take the context out of a key; caller holds key->sem for writing. */
static struct gssk_ctx *gssk_key_take_locked(struct key *key)
{
	struct gssk_ctx *ctx;

	lockdep_assert_held_write(&key->sem);
	ctx = dereference_key_locked(key);

	rcu_assign_keypointer(key, NULL);
	return ctx;
}

/* keyctl revoke: the secrets go at once, not when the GC comes. */
static void gssk_key_revoke(struct key *key)
{
	gssk_ctx_put(gssk_key_take_locked(key));
}

static void gssk_key_destroy(struct key *key)
{
	gssk_ctx_put(key->payload.data[0]);
}

static void gssk_key_describe(const struct key *key, struct seq_file *m)
{
	unsigned long pub = (unsigned long)key->payload.data[1];
	const struct gssk_enctype *et;

	seq_puts(m, key->description);
	if (!key_is_positive(key))
		return;
	et = gssk_enctype_find(pub & 0xffff);
	seq_printf(m, ": krb5 %s %s",
		   (pub >> GSSK_PUB_ROLE_SHIFT) == GSSK_ROLE_INITIATOR ?
		   "initiator" : "acceptor", et ? et->name : "?");
}

struct key_type gssk_key_type = {
	.name		= "gssk",
	.def_datalen	= sizeof(struct gssk_ctx),
	.instantiate	= gssk_key_instantiate,
	.revoke		= gssk_key_revoke,
	.destroy	= gssk_key_destroy,
	.describe	= gssk_key_describe,
};

int gssk_key_type_register(void)
{
	return register_key_type(&gssk_key_type);
}

/* Marks every gssk key dead and destroys it before returning. */
void gssk_key_type_unregister(void)
{
	unregister_key_type(&gssk_key_type);
}

/*
 * Whether a key that key_validate() called revoked was retired in a batch
 * by key_retire.c (then it is reported as gone, ENOKEY, as an invalidated
 * one is) rather than revoked with keyctl.
 */
static bool gssk_key_retired(const struct key *key)
{
	/*
	 * The caller saw KEY_FLAG_REVOKED: pairs with the full barrier of
	 * the test_and_set_bit() in key_revoke(), which key_retire.c calls
	 * after it set the mark.
	 */
	smp_rmb();
	return key->type == &gssk_key_type &&
	       READ_ONCE(key->payload.data[GSSK_KEY_RETIRED]);
}

static int gssk_key_lookup_error(int err, struct netlink_ext_ack *extack)
{
	switch (err) {
	case -EKEYEXPIRED:
		return gssk_refuse_msg(extack, err, GSS_S_CONTEXT_EXPIRED,
				       GSSK_MINOR_CONTEXT_EXPIRED,
				       "security context has expired");
	case -EKEYREVOKED:
		return gssk_refuse_msg(extack, err, GSS_S_NO_CONTEXT,
				       GSSK_MINOR_CONTEXT_REVOKED,
				       "security context was revoked");
	case -EACCES:
		return gssk_refuse_msg(extack, err, GSS_S_NO_CONTEXT,
				       GSSK_MINOR_KEY_PERMISSION,
				       "caller neither possesses nor is granted the context key");
	case -ENOMEM:
		return gssk_refuse_msg(extack, err, GSS_S_FAILURE,
				       GSSK_MINOR_NO_MEMORY, "out of memory");
	default:
		return gssk_refuse_msg(extack, -ENOKEY, GSS_S_NO_CONTEXT,
				       GSSK_MINOR_NO_SUCH_CONTEXT,
				       "no such security context");
	}
}

static int gssk_key_check_type(struct key *key, struct netlink_ext_ack *extack)
{
	if (key->type == &gssk_key_type)
		return 0;
	return gssk_refuse_msg(extack, -EKEYREJECTED, GSS_S_NO_CONTEXT,
			       GSSK_MINOR_NOT_GSSK_KEY,
			       "key is not a gssk security context");
}

/*
 * A key that request-key is still constructing: refused (with major, as
 * fits the command), never waited for.
 */
static int gssk_key_check_built(struct key *key, u32 major,
				struct netlink_ext_ack *extack)
{
	if (key_read_state(key) != KEY_IS_UNINSTANTIATED)
		return 0;
	return gssk_refuse_msg(extack, -EBUSY, major,
			       GSSK_MINOR_KEY_UNDER_CONSTRUCTION,
			       "key is still under construction (request-key); gssk does not wait for it");
}

/* Exported by security/keys, but declared only in its internal header. */
int key_task_permission(const key_ref_t key_ref, const struct cred *cred,
			enum key_need_perm need_perm);

/*
 * lookup_user_key() without waiting for construction: the key is validated
 * (revoked, invalidated, expired) and perm checked for the calling task,
 * but a key still under construction is returned as it is, for the caller
 * to refuse with gssk_key_check_built().
 */
static key_ref_t gssk_key_lookup(key_serial_t serial, unsigned long lflags,
				 enum key_need_perm perm)
{
	return lookup_user_key(serial, lflags | KEY_LOOKUP_PARTIAL, perm);
}

/*
 * A gssk key whose context has moved out (EXPORT, DELETE): retiring it
 * unlinks it from its keyring before invalidating it, so for a moment its
 * old possessor no longer possesses it and a lookup is refused for want of
 * permission. Such a refusal is reported as the race it is.
 */
static bool gssk_key_ctx_gone(struct key *key)
{
	return key->type == &gssk_key_type &&
	       key_read_state(key) == KEY_IS_POSITIVE &&
	       !rcu_access_pointer(key->payload.rcu_data0);
}

static int gssk_key_refuse_gone(struct netlink_ext_ack *extack)
{
	return gssk_refuse_msg(extack, -EKEYREVOKED, GSS_S_NO_CONTEXT,
			       GSSK_MINOR_EXPORT_RACE,
			       "context was exported or deleted concurrently");
}

/*
 * lookup_user_key() refused serial with err. EACCES for a key whose
 * context just moved out is that race; EKEYREVOKED for a key gssk retired
 * is ENOKEY, as for an invalidated key. The second lookup neither
 * validates the key nor checks permissions: it only tells which it was.
 */
static int gssk_serial_lookup_error(key_serial_t serial, int err,
				    struct netlink_ext_ack *extack)
{
	bool gone = false;
	key_ref_t kref;
	struct key *key;

	if (err != -EACCES && err != -EKEYREVOKED)
		return gssk_key_lookup_error(err, extack);
	kref = lookup_user_key(serial, KEY_LOOKUP_PARTIAL,
			       KEY_DEFER_PERM_CHECK);
	if (!IS_ERR(kref)) {
		key = key_ref_to_ptr(kref);
		if (err == -EACCES)
			gone = gssk_key_ctx_gone(key);
		else if (gssk_key_retired(key))
			err = -ENOKEY;
		key_ref_put(kref);
	}
	if (gone)
		return gssk_key_refuse_gone(extack);
	return gssk_key_lookup_error(err, extack);
}

/*
 * Find the context behind a key serial, with the key permission checks of
 * the calling task: READ to use the context (GSSK_ACCESS_USE), READ and
 * WRITE to move it out of the key (GSSK_ACCESS_MOVE: an export hands over
 * every use of the context, so it needs at least what using it needs).
 * Returns the context with a reference held and the key (referenced) in
 * *keyp; both must be put by the caller.
 */
struct gssk_ctx *gssk_key_get_ctx(key_serial_t serial,
				  enum gssk_access access, struct key **keyp,
				  struct netlink_ext_ack *extack)
{
	struct gssk_ctx *ctx;
	key_ref_t kref;
	struct key *key;
	int err;

	if (serial <= 0)
		return ERR_PTR(gssk_key_lookup_error(-ENOKEY, extack));
	kref = gssk_key_lookup(serial, 0, KEY_NEED_READ);
	if (IS_ERR(kref))
		return ERR_PTR(gssk_serial_lookup_error(serial, PTR_ERR(kref),
							extack));
	key = key_ref_to_ptr(kref);
	err = 0;
	if (access == GSSK_ACCESS_MOVE) {
		err = key_task_permission(kref, current_cred(), KEY_NEED_WRITE);
		if (err == -EACCES && gssk_key_ctx_gone(key))
			err = gssk_key_refuse_gone(extack);
		else if (err)
			err = gssk_key_lookup_error(err, extack);
	}
	if (!err)
		err = gssk_key_check_type(key, extack);
	if (!err)
		err = gssk_key_check_built(key, GSS_S_NO_CONTEXT, extack);
	if (err) {
		key_put(key);
		return ERR_PTR(err);
	}

	down_read(&key->sem);
	ctx = dereference_key_locked(key);
	if (ctx)
		gssk_ctx_get(ctx);
	up_read(&key->sem);
	if (!ctx) {
		/* Revoked, or an EXPORT or DELETE took the context just now. */
		if (test_bit(KEY_FLAG_REVOKED, &key->flags) &&
		    !gssk_key_retired(key))
			err = gssk_key_lookup_error(-EKEYREVOKED, extack);
		else
			err = gssk_key_refuse_gone(extack);
		key_put(key);
		return ERR_PTR(err);
	}
	*keyp = key;
	return ctx;
}

/*
 * The context of a context descriptor's key, for one call (ctx_fd.c):
 * refused as the key stands now (expired, revoked, invalidated, or its
 * context moved out by EXPORT or DELETE). No keyring is searched and no
 * permission checked: the descriptor is the permission. Returns the
 * context with a reference held, or an ERR_PTR after recording the
 * refusal in op.
 */
struct gssk_ctx *gssk_key_fd_ctx(struct key *key, struct gssk_op *op)
{
	struct gssk_ctx *ctx;
	int err;

	err = key_validate(key);
	if (err == -EKEYEXPIRED)
		return ERR_PTR(gssk_op_refuse(op, err, GSS_S_CONTEXT_EXPIRED,
					      GSSK_MINOR_CONTEXT_EXPIRED));
	if (err == -EKEYREVOKED && !gssk_key_retired(key))
		return ERR_PTR(gssk_op_refuse(op, err, GSS_S_NO_CONTEXT,
					      GSSK_MINOR_CONTEXT_REVOKED));
	if (!err) {
		down_read(&key->sem);
		ctx = dereference_key_locked(key);
		if (ctx)
			gssk_ctx_get(ctx);
		up_read(&key->sem);
		if (ctx)
			return ctx;
	}
	/* invalidated, or the context taken out: exported or deleted */
	return ERR_PTR(gssk_op_refuse(op, -ENOKEY, GSS_S_NO_CONTEXT,
				      GSSK_MINOR_CONTEXT_CLOSED));
}

/*
 * Find a key for DELETE: an expired context must stay deletable, so the
 * lookup skips validation and the permission check is made here.
 */
struct key *gssk_key_get_for_delete(key_serial_t serial,
				    struct netlink_ext_ack *extack)
{
	key_ref_t kref;
	struct key *key;
	int err;

	if (serial <= 0)
		return ERR_PTR(gssk_key_lookup_error(-ENOKEY, extack));
	kref = lookup_user_key(serial, KEY_LOOKUP_PARTIAL,
			       KEY_DEFER_PERM_CHECK);
	if (IS_ERR(kref))
		return ERR_PTR(gssk_key_lookup_error(PTR_ERR(kref), extack));
	key = key_ref_to_ptr(kref);

	err = gssk_key_check_type(key, extack);
	if (!err)
		err = gssk_key_check_built(key, GSS_S_NO_CONTEXT, extack);
	if (!err) {
		err = key_validate(key);
		if (err == -EKEYEXPIRED)
			err = 0;
		else if (err == -EKEYREVOKED && gssk_key_retired(key))
			err = -ENOKEY;
		if (err)
			err = gssk_key_lookup_error(err, extack);
	}
	if (!err) {
		err = key_task_permission(kref, current_cred(), KEY_NEED_WRITE);
		if (err == -EACCES && gssk_key_ctx_gone(key))
			err = gssk_key_refuse_gone(extack);
		else if (err)
			err = gssk_key_lookup_error(err, extack);
	}
	if (err) {
		key_put(key);
		return ERR_PTR(err);
	}
	return key;
}

/*
 * Claim the context of a key for a move (EXPORT, DELETE): take key->sem for
 * writing and return the context the key holds, or NULL (and no lock) if
 * the key holds none any more (exported, deleted or revoked by another
 * caller). A claim ends with gssk_key_unclaim(): if the context moved, the
 * key lets go of it and the key's reference passes to the caller. Holding
 * the semaphore from the claim to its end makes a move all or nothing for
 * every other caller: EXPORT and DELETE on one key never both succeed.
 */
struct gssk_ctx *gssk_key_claim_ctx(struct key *key)
{
	struct gssk_ctx *ctx;

	down_write(&key->sem);
	ctx = dereference_key_locked(key);
	if (!ctx)
		up_write(&key->sem);
	return ctx;
}

void gssk_key_unclaim(struct key *key, bool moved)
{
	if (moved)
		gssk_key_take_locked(key);
	up_write(&key->sem);
}

static int gssk_key_create_error(int err, struct netlink_ext_ack *extack)
{
	switch (err) {
	case -EDQUOT:
		return gssk_refuse_msg(extack, err, GSS_S_FAILURE,
				       GSSK_MINOR_QUOTA,
				       "key quota of the owner exhausted (see /proc/sys/kernel/keys/maxkeys, maxbytes)");
	case -ENOMEM:
		return gssk_refuse_msg(extack, err, GSS_S_FAILURE,
				       GSSK_MINOR_NO_MEMORY, "out of memory");
	default:
		return gssk_refuse_msg(extack, err, GSS_S_FAILURE,
				       GSSK_MINOR_BAD_KEYRING,
				       "destination keyring cannot take the context key");
	}
}

/*
 * A keyring holds one key per type and description and silently drops the
 * old one when a new one is linked: a context would be lost. So a default
 * description is unique, and a chosen one must not be in use already (an
 * expired or revoked context of that name, unusable anyway, may be
 * displaced). The caller holds gssk_key_link_lock, so no other gssk key can
 * take the description between this check and the link.
 */
static DEFINE_MUTEX(gssk_key_link_lock);

static int gssk_key_pick_desc(key_ref_t ring_ref, const char **desc,
			      char *buf, size_t len,
			      struct netlink_ext_ack *extack)
{
	static atomic64_t gssk_desc_seq = ATOMIC64_INIT(0);
	key_ref_t dup;

	lockdep_assert_held(&gssk_key_link_lock);

	if (!*desc || !**desc) {
		snprintf(buf, len, "gssk:%llu",
			 (u64)atomic64_inc_return(&gssk_desc_seq));
		*desc = buf;
		return 0;
	}
	dup = keyring_search(ring_ref, &gssk_key_type, *desc, false);
	if (IS_ERR(dup)) {
		switch (PTR_ERR(dup)) {
		case -EAGAIN:		/* no key of that name */
		case -ENOKEY:		/* only a negative one */
		case -EKEYREVOKED:	/* only a dead one: revoked, deleted */
		case -EKEYEXPIRED:	/* only an expired one */
			return 0;
		}
		return gssk_refuse_msg(extack, PTR_ERR(dup), GSS_S_FAILURE,
				       GSSK_MINOR_BAD_KEYRING,
				       "cannot search the destination keyring for a context of the same description");
	}
	key_ref_put(dup);
	return gssk_refuse_msg(extack, -EEXIST, GSS_S_FAILURE,
			       GSSK_MINOR_DUPLICATE_DESCRIPTION,
			       "the keyring already holds a context with this description");
}

/*
 * Create a key owned by the caller that holds a new reference to ctx and
 * link it into the given keyring (0: the session keyring). The key counts
 * against the caller's key quota. Returns the key, referenced.
 */
struct key *gssk_key_create(struct gssk_ctx *ctx, const char *desc,
			    key_serial_t keyring,
			    struct netlink_ext_ack *extack)
{
	const struct cred *cred;
	struct key *key, *ring;
	char desc_buf[32];
	key_ref_t ring_ref;
	int err;

	ring_ref = gssk_key_lookup(keyring ? keyring : KEY_SPEC_SESSION_KEYRING,
				   KEY_LOOKUP_CREATE, KEY_NEED_WRITE);
	if (IS_ERR(ring_ref)) {
		gssk_key_create_error(PTR_ERR(ring_ref), extack);
		return ERR_CAST(ring_ref);
	}
	ring = key_ref_to_ptr(ring_ref);
	if (ring->type != &key_type_keyring) {
		err = gssk_key_check_built(ring, GSS_S_FAILURE, extack);
		if (!err)
			err = gssk_refuse_msg(extack, -ENOTDIR, GSS_S_FAILURE,
					      GSSK_MINOR_BAD_KEYRING,
					      "the destination is not a keyring");
		key_ref_put(ring_ref);
		return ERR_PTR(err);
	}

	/*
	 * Only now: finding the keyring may have installed a new one, and so
	 * new credentials (commit_creds() drops the old ones).
	 */
	cred = current_cred();

	mutex_lock(&gssk_key_link_lock);
	err = gssk_key_pick_desc(ring_ref, &desc, desc_buf, sizeof(desc_buf),
				 extack);
	if (err) {
		key = ERR_PTR(err);
		goto out;
	}
	key = key_alloc(&gssk_key_type, desc, cred->fsuid,
			cred->fsgid, cred, GSSK_KEY_PERM, KEY_ALLOC_IN_QUOTA,
			NULL);
	if (IS_ERR(key)) {
		gssk_key_create_error(PTR_ERR(key), extack);
		goto out;
	}

	key->payload.data[GSSK_KEY_HOME] = (void *)(unsigned long)ring->serial;
	err = key_instantiate_and_link(key, ctx, 0, ring, NULL);
	if (err) {
		gssk_key_create_error(err, extack);
		key_put(key);
		key = ERR_PTR(err);
	}
out:
	mutex_unlock(&gssk_key_link_lock);
	key_ref_put(ring_ref);
	return key;
}
