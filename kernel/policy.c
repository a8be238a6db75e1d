// SPDX-License-Identifier: GPL-2.0
/*
 * Importer policy: captured from the exporter's credentials when a token is
 * made, checked against the importer's when it is redeemed. Every condition
 * must hold. The policy holds references on the user namespace, the session
 * keyring and the cgroup it names, so none of them can be freed and reused
 * while the token is pending.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/key.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sunrpc/gss_err.h>
#include <linux/user_namespace.h>
#include <net/netlink.h>

#include "policy.h"
#include "refuse.h"

static struct cgroup *gssk_current_cgroup(void)
{
	struct cgroup *cgrp;

	rcu_read_lock();
	cgrp = task_dfl_cgroup(current);
	cgroup_get(cgrp);
	rcu_read_unlock();
	return cgrp;
}

int gssk_policy_capture(struct gssk_policy *p, u32 flags,
			const struct nlattr *uid,
			const struct nlattr *cgroup_fd,
			struct netlink_ext_ack *extack)
{
	const struct cred *cred = current_cred();

	memset(p, 0, sizeof(*p));
	if (!!(flags & GSSK_POLICY_UID) != !!uid)
		return gssk_refuse_msg(extack, -EINVAL, GSS_S_FAILURE,
				       GSSK_MINOR_BAD_POLICY,
				       "GSSK_POLICY_UID and GSSK_A_POLICY_UID go together");
	if (!!(flags & GSSK_POLICY_CGROUP) != !!cgroup_fd)
		return gssk_refuse_msg(extack, -EINVAL, GSS_S_FAILURE,
				       GSSK_MINOR_BAD_POLICY,
				       "GSSK_POLICY_CGROUP and GSSK_A_POLICY_CGROUP_FD go together");
	if ((flags & GSSK_POLICY_CGROUP) && (flags & GSSK_POLICY_OWN_CGROUP))
		return gssk_refuse_msg(extack, -EINVAL, GSS_S_FAILURE,
				       GSSK_MINOR_BAD_POLICY,
				       "choose one of GSSK_POLICY_CGROUP and GSSK_POLICY_OWN_CGROUP");

	if (uid) {
		p->uid = make_kuid(current_user_ns(), nla_get_u32(uid));
		if (!uid_valid(p->uid))
			return gssk_refuse_attr(extack, uid, -EINVAL,
						GSS_S_FAILURE,
						GSSK_MINOR_BAD_POLICY,
						"policy uid is not mapped in the caller's user namespace");
	} else {
		p->uid = cred->euid;
	}

	if (cgroup_fd) {
		p->cgrp = cgroup_get_from_fd(nla_get_s32(cgroup_fd));
		if (IS_ERR(p->cgrp)) {
			p->cgrp = NULL;
			return gssk_refuse_attr(extack, cgroup_fd, -EBADF,
						GSS_S_FAILURE,
						GSSK_MINOR_BAD_CGROUP,
						"policy cgroup fd is not an open cgroup v2 directory");
		}
	} else if (flags & GSSK_POLICY_OWN_CGROUP) {
		p->cgrp = gssk_current_cgroup();
	}

	if (!(flags & GSSK_POLICY_ANY_SESSION)) {
		p->session_bound = true;
		p->session = key_get(cred->session_keyring);
	}
	p->userns = get_user_ns(cred->user_ns);
	return 0;
}

static bool gssk_in_cgroup(struct cgroup *ancestor)
{
	bool in;

	rcu_read_lock();
	in = cgroup_is_descendant(task_dfl_cgroup(current), ancestor);
	rcu_read_unlock();
	return in;
}

/*
 * Check the calling task against the policy. A refusal names the first
 * condition that failed, in the extack message and the minor status.
 */
int gssk_policy_check(const struct gssk_policy *p,
		      struct netlink_ext_ack *extack)
{
	const struct cred *cred = current_cred();

	if (cred->user_ns != p->userns)
		return gssk_refuse_msg(extack, -EACCES, GSS_S_UNAUTHORIZED,
				       GSSK_MINOR_WRONG_USERNS,
				       "token was exported in another user namespace");
	if (!uid_eq(cred->euid, p->uid))
		return gssk_refuse_msg(extack, -EACCES, GSS_S_UNAUTHORIZED,
				       GSSK_MINOR_WRONG_UID,
				       "token is bound to another uid");
	if (p->session_bound && cred->session_keyring != p->session)
		return gssk_refuse_msg(extack, -EACCES, GSS_S_UNAUTHORIZED,
				       GSSK_MINOR_WRONG_SESSION,
				       "token is bound to the exporter's session keyring");
	if (p->cgrp && !gssk_in_cgroup(p->cgrp))
		return gssk_refuse_msg(extack, -EACCES, GSS_S_UNAUTHORIZED,
				       GSSK_MINOR_WRONG_CGROUP,
				       "importer is not in the cgroup the token is bound to");
	return 0;
}

void gssk_policy_release(struct gssk_policy *p)
{
	if (p->cgrp)
		cgroup_put(p->cgrp);
	key_put(p->session);
	if (p->userns)
		put_user_ns(p->userns);
	memset(p, 0, sizeof(*p));
}
