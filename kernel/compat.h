/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels gssk builds on (Debian's 6.1 and 6.12
 * so far): feature tests where the kernel offers one, the version number
 * where it does not, and no copies of kernel code. A file that needs one
 * of these includes this header instead. (checkpatch's LINUX_VERSION_CODE
 * warning belongs here: an out-of-tree module builds on several kernels.)
 */
#ifndef _GSSK_COMPAT_H
#define _GSSK_COMPAT_H

#include <linux/version.h>
#include <net/genetlink.h>

/* get_unaligned() and friends moved to <linux/unaligned.h> in 6.12. */
#if __has_include("linux/unaligned.h")
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* hex2bin() and friends have their own header in later kernels. */
#if __has_include("linux/hex.h")
#include <linux/hex.h>
#else
#include <linux/kernel.h>
#endif

/*
 * The ops argument of a family's pre_doit: struct genl_split_ops since the
 * split-ops rework of 6.2, struct genl_ops before.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define gssk_genl_doit_ops genl_split_ops
#else
#define gssk_genl_doit_ops genl_ops
#endif

#endif /* _GSSK_COMPAT_H */
