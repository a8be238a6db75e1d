// SPDX-License-Identifier: GPL-2.0
/*
 * Context descriptors; see ctx_fd.h and <linux/gssk.h>.
 *
 * The file holds a reference to the context's key, not to the context: each
 * call asks the key for its context again (gssk_key_fd_ctx(): a flag test
 * and the key's semaphore for reading, no keyring search), so an EXPORT,
 * DELETE, revoke, invalidation or expiry stops every open descriptor at
 * once. The key permission was checked when the file was made; the file
 * is a capability. No lock is held across a call, so user copies may
 * fault. The file's f_op owner pins the module while the file is open.
 */
#include <linux/anon_inodes.h>
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/key.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sunrpc/gss_err.h>
#include <linux/uaccess.h>

#include "ctx.h"
#include "ctx_fd.h"
#include "key_type.h"
#include "message.h"
#include "refuse.h"

/* Run one operation on the descriptor's context (see message.h). */
static int gssk_fd_op(struct key *key, struct gssk_op *op, u64 user_lo,
		      u64 user_hi)
{
	struct gssk_ctx *ctx;
	int err;

	op->major = 0;
	op->minor = GSSK_MINOR_NONE;
	op->error = 0;
	op->conf_state = 0;

	ctx = gssk_key_fd_ctx(key, op);
	if (IS_ERR(ctx)) {
		err = PTR_ERR(ctx);
	} else {
		err = gssk_msg_run(ctx, op, user_lo, user_hi);
		gssk_ctx_put(ctx);
	}
	if (err) {
		op->out_len = 0;
		op->conf_state = 0;
	}
	return err;
}

static long gssk_fd_single(struct key *key, u32 code,
			   struct gssk_op __user *uop)
{
	struct gssk_op op;
	u64 lo = (u64)(uintptr_t)uop;
	int err;

	if (copy_from_user(&op, uop, sizeof(op)))
		return -EFAULT;
	/* The results must be deliverable before anything runs. */
	if (put_user(0, &uop->error))
		return -EFAULT;
	if (op.op && op.op != code) {
		err = gssk_op_refuse(&op, -EINVAL, GSS_S_FAILURE,
				     GSSK_MINOR_BAD_OP);
	} else {
		op.op = code;
		err = gssk_fd_op(key, &op, lo, lo + sizeof(op));
	}
	if (copy_to_user(uop, &op, sizeof(op)))
		return -EFAULT;
	return err;
}

static long gssk_fd_batch(struct key *key, struct gssk_batch __user *ub)
{
	struct gssk_batch b;
	struct gssk_op *ops;
	size_t size;
	u64 lo, hi;
	u32 i;
	int err;

	if (copy_from_user(&b, ub, sizeof(b)))
		return -EFAULT;
	if (!b.count || b.count > GSSK_BATCH_MAX ||
	    b.op_size != sizeof(*ops) || b.flags)
		return -EINVAL;
	size = array_size(b.count, sizeof(*ops));
	lo = b.ops_ptr;
	if (check_add_overflow(lo, (u64)size, &hi))
		return -EFAULT;
	ops = kvmalloc(size, GFP_KERNEL_ACCOUNT);
	if (!ops)
		return -ENOMEM;
	err = -EFAULT;
	if (copy_from_user(ops, u64_to_user_ptr(b.ops_ptr), size))
		goto out;
	/* The results must be deliverable before anything runs. */
	if (copy_to_user(u64_to_user_ptr(b.ops_ptr), ops, size) ||
	    put_user(0, &ub->done))
		goto out;

	for (i = 0; i < b.count; i++) {
		gssk_fd_op(key, &ops[i], lo, hi);
		cond_resched();
	}
	err = 0;
	if (copy_to_user(u64_to_user_ptr(b.ops_ptr), ops, size) ||
	    put_user(b.count, &ub->done))
		err = -EFAULT;
out:
	kvfree(ops);
	return err;
}

static long gssk_fd_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct key *key = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case GSSK_IOC_GET_MIC:
		return gssk_fd_single(key, GSSK_OP_GET_MIC, uarg);
	case GSSK_IOC_VERIFY_MIC:
		return gssk_fd_single(key, GSSK_OP_VERIFY_MIC, uarg);
	case GSSK_IOC_WRAP:
		return gssk_fd_single(key, GSSK_OP_WRAP, uarg);
	case GSSK_IOC_UNWRAP:
		return gssk_fd_single(key, GSSK_OP_UNWRAP, uarg);
	case GSSK_IOC_WRAP_SIZE_LIMIT:
		return gssk_fd_single(key, GSSK_OP_WRAP_SIZE_LIMIT, uarg);
	case GSSK_IOC_BATCH:
		return gssk_fd_batch(key, uarg);
	default:
		return -ENOTTY;
	}
}

static int gssk_fd_release(struct inode *inode, struct file *file)
{
	key_put(file->private_data);
	return 0;
}

/* /proc/PID/fdinfo: which context (its key serial), nothing secret. */
static void gssk_fd_show_fdinfo(struct seq_file *m, struct file *file)
{
	struct key *key = file->private_data;

	seq_printf(m, "gssk-serial:\t%d\n", key_serial(key));
}

static const struct file_operations gssk_ctx_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= gssk_fd_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.release	= gssk_fd_release,
	.show_fdinfo	= gssk_fd_show_fdinfo,
	.llseek		= noop_llseek,
};

struct file *gssk_ctx_file_new(struct key *key)
{
	struct file *file;

	file = anon_inode_getfile("[gssk]", &gssk_ctx_fops, key_get(key),
				  O_RDWR);
	if (IS_ERR(file))
		key_put(key);
	return file;
}
