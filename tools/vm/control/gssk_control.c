// SPDX-License-Identifier: GPL-2.0
/*
 * gssk_control: a positive control for the debug-kernel harness, never
 * installed. Loaded with fault=NAME it commits one kernel bug of the kind
 * the checkers of tools/vm/debug.config report, so that
 * tools/vm/check-debug-controls.sh can show that tools/vm/run.sh fails on
 * it and shows the report:
 *
 *   leak     an allocation nobody frees or points to (kmemleak)
 *   uaf      a read after kfree (KASAN)
 *   shift    a shift past the width of its type (UBSAN)
 *   sleep    an allocation that may sleep, with a spinlock held
 *            (DEBUG_ATOMIC_SLEEP)
 *   lockdep  two mutexes taken in both orders (PROVE_LOCKING)
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

static char *fault = "";
module_param(fault, charp, 0444);
MODULE_PARM_DESC(fault, "leak, uaf, shift, sleep or lockdep");

static DEFINE_MUTEX(gssk_control_a);
static DEFINE_MUTEX(gssk_control_b);
static DEFINE_SPINLOCK(gssk_control_lock);
static void *gssk_control_lost;

static noinline void gssk_control_leak(void)
{
	gssk_control_lost = kmalloc(96, GFP_KERNEL);
	/* forget it: only kmemleak can tell now */
	WRITE_ONCE(gssk_control_lost, NULL);
}

/* volatile in these two: the compiler must not optimise the bug away */
static noinline int gssk_control_uaf(void)
{
	volatile char *p = kmalloc(32, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	kfree((void *)p);
	return p[8];
}

static noinline int gssk_control_shift(void)
{
	volatile int width = 40;

	return 1 << width;
}

static noinline void gssk_control_sleep(void)
{
	void *p;

	spin_lock(&gssk_control_lock);
	p = kmalloc(64, GFP_KERNEL);	/* may sleep: not under a spinlock */
	spin_unlock(&gssk_control_lock);
	kfree(p);
}

static noinline void gssk_control_lockdep(void)
{
	mutex_lock(&gssk_control_a);
	mutex_lock(&gssk_control_b);
	mutex_unlock(&gssk_control_b);
	mutex_unlock(&gssk_control_a);

	mutex_lock(&gssk_control_b);
	mutex_lock(&gssk_control_a);
	mutex_unlock(&gssk_control_a);
	mutex_unlock(&gssk_control_b);
}

static int __init gssk_control_init(void)
{
	pr_info("gssk_control: fault=%s\n", fault);
	if (!strcmp(fault, "leak"))
		gssk_control_leak();
	else if (!strcmp(fault, "uaf"))
		pr_info("gssk_control: read %d\n", gssk_control_uaf());
	else if (!strcmp(fault, "shift"))
		pr_info("gssk_control: shifted %d\n", gssk_control_shift());
	else if (!strcmp(fault, "sleep"))
		gssk_control_sleep();
	else if (!strcmp(fault, "lockdep"))
		gssk_control_lockdep();
	else
		return -EINVAL;
	return 0;
}

static void __exit gssk_control_exit(void)
{
}

module_init(gssk_control_init);
module_exit(gssk_control_exit);

MODULE_DESCRIPTION("gssk debug-harness positive control (test only)");
MODULE_LICENSE("GPL");
