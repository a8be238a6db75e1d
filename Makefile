# SPDX-License-Identifier: GPL-2.0
#
# gssk: the kernel module (gssk.ko, built by Kbuild from ./Kbuild), libgssk
# (lib/), the gsskctl tool (tools/gsskctl/) and the kselftests (selftests/).
#
#   make check    install what is missing, build everything, check the
#                 layering (tools/check-layering.sh), run the host unit
#                 tests and the selftests in a QEMU VM
#   make demo     install what is missing, build everything, run the demo
#                 in a QEMU VM
#   make check-debug
#                 the selftests on a debug kernel (KASAN, KFENCE, lockdep,
#                 kmemleak, UBSAN, ...) built once per machine from
#                 linux-source-6.1 (tools/vm/debug-kernel.sh, about 12 min)
#   make check-debug-controls
#                 show that the debug harness fails on each kind of bug
#                 (a module with a leak, a use-after-free, ...)
#   make bench    install what is missing, build everything and
#                 tools/bench/gssk-bench, print its figures from a QEMU VM
#                 (not part of check: it measures, it does not test)
#
#   make check KVER=6.12.118+deb12-cloud-amd64
#                 the same on another Debian kernel, one whose headers are
#                 not installed here: fetched with apt-get download under a
#                 private apt configuration and unpacked with dpkg -x into
#                 /var/cache/gssk (tools/vm/debian-kernel.sh), never
#                 installed; gssk.ko and its variants are built against it
#                 in build/kernel-KVER/ (tools/vm/check-kernel.sh)
#   make check-kernels
#                 make check on the installed 6.1 cloud kernel, then the
#                 suite on each kernel in CHECK_KERNELS (see README.md,
#                 "Supported kernels")
#
# Other targets: deps, all, module, lib, tools, selftests, clean; and, in
# install.mk, install, uninstall, modules_install, install-dkms,
# install-modules-load, install-modprobe-conf, check-install.
# Variables: KDIR (Kbuild tree; default: /lib/modules/$(KVER)/build if KVER
# is given, else the newest linux-headers-*-cloud-amd64), KVER (its
# release; the VM boots /boot/vmlinuz-$(KVER)), CHECK_KERNELS. The VM
# harness also reads GSSK_VM_TIMEOUT, GSSK_VM_APPEND and GSSK_VM_ACCEL (see
# tools/vm/run.sh).

# Recipes that pipe through tee must fail when the command before it fails.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c

# ?= defines a deferred variable: the shell runs when KDIR is used, so
# after 'deps' has installed the headers.
# A KVER whose headers are not installed is another Debian kernel:
# make check fetches it (tools/vm/check-kernel.sh); once fetched, its
# unpacked headers are the KDIR of the other targets too.
GSSK_CACHE ?= /var/cache/gssk
ifneq ($(KVER),)
ifeq ($(wildcard /lib/modules/$(KVER)/build),)
OTHER_KERNEL := $(KVER)
KDIR ?= $(shell cat $(GSSK_CACHE)/kernel-$(KVER)/kdir 2>/dev/null)
endif
KDIR ?= /lib/modules/$(KVER)/build
endif
KDIR ?= $(shell tools/vm/kernel.sh kdir)

# The Debian kernels besides the installed 6.1 cloud kernel that
# make check-kernels runs the suite on: Debian 12's 6.12 from
# bookworm-security (built with gcc-12, like this host's compiler) and
# trixie-backports' 7.x (built with gcc-14, in the trixie chroot of
# tools/vm/toolchain.sh). .ci/run runs them all (make check-newer-kernels).
CHECK_KERNELS ?= 6.12.118+deb12-cloud-amd64 7.3.4+deb13-cloud-amd64

.PHONY: all deps module module-corrupt module-test lib tools selftests interposer \
	check check-kernels check-newer-kernels check-debug demo bench clean

all: module module-corrupt module-test lib tools selftests interposer

deps:
	tools/vm/deps.sh

# W=1 must stay warning-free: any "warning:" (compiler or modpost) in the
# build log fails the build, and the Kbuild output is cleaned so that the
# next build recompiles everything and shows the warnings again.
module:
	@if [ -z "$(KDIR)" ]; then \
		echo "no kernel headers found; run 'make deps'" >&2; exit 1; fi
	@mkdir -p build
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules 2>&1 | tee build/module.log
	@if grep -qi 'warning:' build/module.log; then \
		$(MAKE) -s -C $(KDIR) M=$(CURDIR) clean; \
		echo "gssk.ko: the W=1 build has warnings (see above)" >&2; exit 1; fi

# variant_module DIR, FLAGS: gssk.ko built from a copy of the sources in
# build/DIR (so the variants share no objects with gssk.ko) with the extra
# make variables FLAGS; the log is build/DIR/build.log, which must have no
# warning.
define variant_module
	@if [ -z "$(KDIR)" ]; then \
		echo "no kernel headers found; run 'make deps'" >&2; exit 1; fi
	@mkdir -p build/$(1)/kernel build/$(1)/include
	cp -pu Kbuild dkms.conf build/$(1)/
	cp -pu kernel/*.[ch] build/$(1)/kernel/
	cp -rpu include/. build/$(1)/include/
	+$(MAKE) -C $(KDIR) M=$(CURDIR)/build/$(1) $(2) \
		modules > build/$(1)/build.log 2>&1 || \
		{ cat build/$(1)/build.log; exit 1; }
	@if grep -qi 'warning:' build/$(1)/build.log; then \
		cat build/$(1)/build.log; \
		echo "build/$(1)/gssk.ko: the build has warnings" >&2; exit 1; fi
endef

# A test build whose crypto self-test has one corrupted vector
# (GSSK_SELFTEST_CORRUPT, see Kbuild): the selftests check that it refuses
# to load.
module-corrupt:
	$(call variant_module,corrupt,GSSK_SELFTEST_CORRUPT=1)

# The test build (GSSK_TEST_HOOKS, see Kbuild and kernel/testmode.h): the
# same module plus test_* parameters that show what the selftests cannot
# see from userspace (live secrets and tokens, what a LOAD request still
# holds after its wipe) and switches that make an EXPORT's reply fail and
# hold back the token reaper. Never installed: the VM carries it as
# /lib/gssk/gssk-test.ko for selftests/gssk_testmode. W=1 like gssk.ko.
module-test:
	$(call variant_module,testmode,GSSK_TEST_HOOKS=1 W=1)

lib:
	$(MAKE) -C lib

# gsskctl and the selftests link against libgssk.
tools: lib
	$(MAKE) -C tools/gsskctl
	$(MAKE) -C examples

selftests: lib
	$(MAKE) -C selftests

# gssk-interposer.so, the MIT mechglue interposer for krb5 (issue 11).
interposer: lib
	$(MAKE) -C interposer

# Each step is a separate make so that it sees what the previous one
# installed or built.
check: deps
ifeq ($(OTHER_KERNEL),)
	$(MAKE) all
	tools/check-layering.sh
	$(MAKE) -C lib check
	$(MAKE) -C tools/gsskctl check
	$(MAKE) -C interposer check
	$(MAKE) check-install
	tools/vm/run.sh test
else
	$(MAKE) lib tools selftests
	tools/check-layering.sh
	$(MAKE) -C lib check
	$(MAKE) -C tools/gsskctl check
	tools/vm/check-kernel.sh $(OTHER_KERNEL)
endif

# Every kernel in turn; a failure on one does not stop the others, the
# target fails at the end if any failed. check-newer-kernels: only those in
# CHECK_KERNELS (CI runs 'make check' on the installed 6.1 first).
check-kernels: deps
	$(MAKE) check KVER=
	$(MAKE) check-newer-kernels

check-newer-kernels: deps all
	@failed=; for k in $(CHECK_KERNELS); do \
		tools/vm/check-kernel.sh $$k || failed="$$failed $$k"; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "check-kernels: the suite failed on:$$failed" >&2; exit 1; fi; \
	echo "check-kernels: the suite passed on $(CHECK_KERNELS)"

check-debug: deps
	$(MAKE) all
	tools/vm/check-debug.sh

# The debug harness's positive controls: a module with each kind of bug
# the checkers report must make the run fail (tools/vm/control/).
check-debug-controls: deps
	$(MAKE) all
	tools/vm/check-debug.sh controls

demo: deps
	$(MAKE) all
	tools/vm/run.sh demo

# The bench holds 100,000 contexts at once (about 3.4 KiB of kernel
# memory each): the VM gets 2 GiB unless GSSK_VM_MEM says otherwise, and
# 20 minutes (it takes about 6 under TCG).
bench: deps
	$(MAKE) all
	$(MAKE) -C tools/bench
	GSSK_VM_MEM=$${GSSK_VM_MEM:-2048} \
		GSSK_VM_TIMEOUT=$${GSSK_VM_TIMEOUT:-1200} tools/vm/run.sh bench

clean:
	if [ -n "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	for dir in lib tools/gsskctl tools/bench examples selftests interposer; do \
		if [ -f $$dir/Makefile ]; then $(MAKE) -C $$dir clean; fi; \
	done
	rm -rf build

include install.mk
