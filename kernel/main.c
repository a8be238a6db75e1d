// SPDX-License-Identifier: GPL-2.0
/*
 * gssk: GSS-API security contexts held in the kernel.
 *
 * Module entry points and parameters.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "counters.h"
#include "genl.h"
#include "key_retire.h"
#include "key_type.h"
#include "krb5_crypto.h"
#include "params.h"
#include "selftest.h"
#include "token.h"

unsigned int gssk_default_ttl = 60;
module_param_named(default_ttl, gssk_default_ttl, uint, 0644);
MODULE_PARM_DESC(default_ttl,
		 "Seconds an export token stays importable when the exporter does not say (default 60)");

unsigned int gssk_max_ttl = 3600;
module_param_named(max_ttl, gssk_max_ttl, uint, 0644);
MODULE_PARM_DESC(max_ttl, "Largest time to live an exporter may ask for, in seconds (default 3600)");

unsigned int gssk_max_tokens_per_user = 64;
module_param_named(max_tokens_per_user, gssk_max_tokens_per_user, uint, 0644);
MODULE_PARM_DESC(max_tokens_per_user,
		 "Pending export tokens one user may have at once (default 64)");

static int __init gssk_init(void)
{
	unsigned int vectors;
	int err;

	err = gssk_krb5_init();
	if (err)
		return err;
	/* Like the kernel's own crypto self-tests: no pass, no module. */
	err = gssk_selftest(&vectors);
	if (err)
		goto out_krb5;
	gssk_counter_selftest_passed(vectors);
	err = gssk_tokens_init();
	if (err)
		goto out_krb5;
	err = gssk_key_type_register();
	if (err)
		goto out_tokens;
	err = gssk_genl_register();
	if (err)
		goto out_keys;
	return 0;

out_keys:
	gssk_key_type_unregister();
out_tokens:
	gssk_tokens_exit();
out_krb5:
	gssk_krb5_exit();
	return err;
}

/*
 * Order matters: first stop new requests (and wait for running ones), drop
 * the batch of retired keys (key_retire.c), then unregister the key type,
 * which destroys every gssk key and so drops the keys' context references,
 * then free the pending tokens and theirs. Every context is wiped by its
 * last put; with the last one gone, the shared hash transforms go.
 */
static void __exit gssk_exit(void)
{
	gssk_genl_unregister();
	gssk_key_retire_exit();
	gssk_key_type_unregister();
	gssk_tokens_exit();
	gssk_krb5_exit();
}

module_init(gssk_init);
module_exit(gssk_exit);

MODULE_DESCRIPTION("GSS-API security contexts held in the kernel");
MODULE_LICENSE("GPL");
MODULE_VERSION(GSSK_MODULE_VERSION);
MODULE_ALIAS_GENL_FAMILY(GSSK_GENL_NAME);
