/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Importer policy of an exported token.
 */
#ifndef _GSSK_POLICY_H
#define _GSSK_POLICY_H

#include <linux/netlink.h>
#include <linux/uidgid.h>

struct cgroup;
struct key;
struct nlattr;
struct user_namespace;

struct gssk_policy {
	struct user_namespace *userns;	/* exporter's; always enforced */
	kuid_t uid;			/* importer's euid must equal it */
	bool session_bound;		/* importer's session keyring ... */
	struct key *session;		/* ... must be this one (may be NULL) */
	struct cgroup *cgrp;		/* importer in it or below; or NULL */
};

/*
 * flags: GSSK_POLICY_* (only known bits: the policy of GSSK_A_POLICY checks
 * them); uid, cgroup_fd: EXPORT's POLICY_UID and POLICY_CGROUP_FD
 * attributes, or NULL.
 */
int gssk_policy_capture(struct gssk_policy *p, u32 flags,
			const struct nlattr *uid,
			const struct nlattr *cgroup_fd,
			struct netlink_ext_ack *extack);
int gssk_policy_check(const struct gssk_policy *p,
		      struct netlink_ext_ack *extack);
void gssk_policy_release(struct gssk_policy *p);

#endif /* _GSSK_POLICY_H */
