/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libgssk's generic netlink transport (layer 1, nl.c): gssk's requests,
 * the exchange with the kernel, parsing NLMSG_ERROR. Uses nlmsg.h (the
 * messages) and base.h.
 */
#ifndef GSSK_NL_H
#define GSSK_NL_H

#include <linux/netlink.h>

#include "base.h"
#include "nlmsg.h"

/*
 * Parse the NLMSG_ERROR message nlh, of which len bytes are readable.
 * Honours NLM_F_CAPPED and NLM_F_ACK_TLVS. Returns 0, or -EBADMSG when
 * the message is not a well-formed NLMSG_ERROR (TLVs that are malformed
 * are ignored from the first bad one on).
 */
int gsskp_nl_parse_error(const struct nlmsghdr *nlh, size_t len,
			 struct gsskp_nlerr *out);

/*
 * The type of the attribute that starts at byte offset offs of the request
 * req (a generic netlink message), or -1 if no attribute starts there.
 */
int gsskp_nl_attr_at(const struct nlmsghdr *req, uint32_t offs);

/*
 * A new request for command cmd with room for exactly attrs bytes of
 * attributes (a sum of gsskp_attr_size()), or NULL (ENOMEM). A command
 * that always replies (every one but DELETE) is sent without NLM_F_ACK:
 * its reply, or its refusal, ends the exchange.
 */
struct gsskp_msg *gsskp_msg_new(uint8_t cmd, size_t attrs);
/* Whether the kernel always answers command cmd with a reply message. */
bool gsskp_cmd_replies(uint8_t cmd);

/*
 * Called with the attributes of the reply (tb indexed by GSSK_A_*, already
 * checked against the reply policy). Returns 0 or a nonzero major status
 * after setting *minor.
 */
typedef OM_uint32 (*gsskp_reply_fn)(OM_uint32 *minor, struct nlattr **tb,
				    void *arg);

/*
 * Send msg to the gssk family and wait for its reply, its acknowledgement
 * (DELETE) or its refusal. reply (may be NULL) is called for the reply
 * message; if reply is set and none came, the call fails with
 * GSSK_MINOR_BAD_REPLY. Returns a major status and sets *minor; a
 * refusal's message is recorded for gssk_last_error().
 */
OM_uint32 gsskp_transact(OM_uint32 *minor, struct gsskp_msg *msg,
			 gsskp_reply_fn reply, void *arg);

/*
 * A new NETLINK_GENERIC socket (close-on-exec, bound) with NETLINK_EXT_ACK
 * and NETLINK_CAP_ACK set: its descriptor, or -1 (with *minor and the last
 * error set).
 */
int gsskp_nl_socket_open(OM_uint32 *minor);

/* Called for each message of the reply that is not an error or ACK. */
typedef void (*gsskp_msg_fn)(struct nlmsghdr *nlh, void *arg);

enum { GSSKP_XCHG_ACK = 0, GSSKP_XCHG_REFUSED = 1 };

/* Receive buffer of an exchange: more than any gssk reply or refusal. */
#define GSSK_RECV_SIZE	16384

/*
 * Send the request req on socket fd as message type type (a family id);
 * its sequence number, port and NLM_F_REQUEST are set here. A request
 * with NLM_F_ACK is read until its ACK or refusal; one without it until
 * its first reply message (passed to on_msg) or its refusal. Messages are
 * received into buf (size bytes, aligned for struct nlmsghdr), one recvmsg
 * each, and the bytes received are zeroed after use. Returns
 * GSSKP_XCHG_ACK (the ACK or the reply came), GSSKP_XCHG_REFUSED (with *e
 * filled) or a negative errno, after which the socket should be closed.
 */
int gsskp_nl_exchange(int fd, struct nlmsghdr *req, uint16_t type,
		      gsskp_msg_fn on_msg, void *arg, struct gsskp_nlerr *e,
		      void *buf, size_t size);

/*
 * The fork generation: how many times this process and its ancestors
 * forked since libgssk set up its per-thread state (a pthread_atfork child
 * handler bumps it). A thread's socket belongs to the generation it was
 * opened in; one from another generation was inherited through fork() and
 * is dropped, without a system call per request.
 */
unsigned long gsskp_fork_generation(void);

/*
 * Make sure this thread has a socket and the gssk family id; fails with
 * GSSK_MINOR_MODULE_NOT_LOADED when there is no gssk family.
 */
OM_uint32 gsskp_nl_ready(OM_uint32 *minor);

#endif /* GSSK_NL_H */
