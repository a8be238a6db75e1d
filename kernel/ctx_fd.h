/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Context descriptors: the file behind GSSK_CMD_OPEN's FD, and its ioctls
 * (the per-message operations, single and batched).
 */
#ifndef _GSSK_CTX_FD_H
#define _GSSK_CTX_FD_H

struct file;
struct key;

/*
 * A new context file holding a new reference to key (opened O_RDWR). The
 * caller has checked that it may use the key; whoever holds the file may.
 * Returns the file or an ERR_PTR.
 */
struct file *gssk_ctx_file_new(struct key *key);

#endif /* _GSSK_CTX_FD_H */
