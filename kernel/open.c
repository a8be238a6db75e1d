// SPDX-License-Identifier: GPL-2.0
/*
 * GSSK_CMD_OPEN: a context descriptor (ctx_fd.c) for the context named by
 * SERIAL, installed in the calling process (O_CLOEXEC) and returned in FD.
 * It needs what using the context needs (KEY_NEED_READ) and refuses an
 * expired context.
 *
 * Generic netlink runs the command in the sending task, so the descriptor
 * lands in the sender's file table. It is installed only once the reply
 * that names it has been queued: a request whose reply cannot be sent
 * leaves no descriptor behind.
 */
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/sunrpc/gss_err.h>
#include <net/genetlink.h>

#include "commands.h"
#include "ctx.h"
#include "ctx_fd.h"
#include "genl.h"
#include "key_type.h"
#include "refuse.h"

int gssk_nl_open(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct gssk_ctx *ctx = gssk_info_ctx(info);
	struct sk_buff *msg;
	struct file *file;
	int fd, err;
	void *hdr;

	if (gssk_ctx_expired(ctx) || !READ_ONCE(ctx->krb5))
		return gssk_refuse_msg(extack, -EKEYEXPIRED,
				       GSS_S_CONTEXT_EXPIRED,
				       GSSK_MINOR_CONTEXT_EXPIRED,
				       "security context has expired");

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return gssk_refuse_msg(extack, fd, GSS_S_FAILURE,
				       GSSK_MINOR_NO_FD,
				       "no free file descriptor in the calling process");
	file = gssk_ctx_file_new(gssk_info_key(info));
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return gssk_refuse_msg(extack, PTR_ERR(file), GSS_S_FAILURE,
				       GSSK_MINOR_NO_MEMORY,
				       "cannot make the context descriptor");
	}

	msg = gssk_reply_new(info, nla_total_size(sizeof(s32)), &hdr);
	if (!msg || nla_put_s32(msg, GSSK_A_FD, fd)) {
		nlmsg_free(msg);
		err = gssk_refuse_msg(extack, -ENOMEM, GSS_S_FAILURE,
				      GSSK_MINOR_NO_MEMORY, "out of memory");
		goto out_file;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	if (err)
		goto out_file;
	fd_install(fd, file);
	return 0;

out_file:
	put_unused_fd(fd);
	fput(file);
	return err;
}
