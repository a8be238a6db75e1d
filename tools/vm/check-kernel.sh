#!/bin/bash
# Usage: tools/vm/check-kernel.sh KVER
#
# Run the whole selftest suite (Kerberos interop included) on another
# Debian kernel, one that is not installed on this machine: `make check
# KVER=...` calls this when /lib/modules/KVER/build does not exist.
#
# Fetches and unpacks the kernel once per machine (tools/vm/debian-kernel.sh,
# cached under /var/cache/gssk/kernel-KVER, never installed), builds gssk.ko
# and its corrupted and test-mode variants against its headers from a copy
# of the sources in build/kernel-KVER/ (so the modules for the cloud kernel
# stay as they are; W=1 and warning-free, as `make module` wants; a gcc-14
# kernel in the trixie chroot of tools/vm/toolchain.sh), then
# boots it under QEMU with its own modules (GSSK_MODROOT) and runs the
# suite (tools/vm/run.sh test); the console log is kept in
# build/kernel-KVER/vm-console.log. Expects 'make all' (or lib, tools and
# selftests) to have built the userspace side, which does not depend on
# the kernel.
#
# Environment: GSSK_VM_TIMEOUT, GSSK_VM_APPEND (e.g. gssk.tests=gssk_krb5
# for a quick run), as for run.sh.
set -euo pipefail

cd "$(dirname "$0")/../.."

kver=${1:-}
if [ -z "$kver" ]; then
	echo "usage: $0 KVER (e.g. 6.12.118+deb12-cloud-amd64)" >&2
	exit 2
fi
start=$(date +%s)

dk=$(tools/vm/debian-kernel.sh "$kver")
kdir=$(cat "$dk/kdir")
fetched=$(date +%s)

src=build/kernel-$kver
mkdir -p "$src"
# Replace the sources, keep the objects: the copies keep their times, so
# a second run rebuilds only what changed.
if [ -d "$src/kernel" ]; then
	find "$src/kernel" -name '*.[ch]' -delete
fi
rm -rf "$src/include"
cp -pr Kbuild Makefile install.mk dkms.conf kernel include "$src/"
if [ -f "$dk/toolchain" ]; then
	# A kernel built with another gcc (Debian 13's gcc-14): build in the
	# chroot tools/vm/toolchain.sh makes, with the unpacked kernel and the
	# build directory bind-mounted at their own paths.
	read -r suite gcc <"$dk/toolchain"
	tc=$(pwd)/tools/vm/toolchain.sh
	(cd "$src" && "$tc" run "$suite" "$gcc" "$dk" . -- \
		make KDIR="$kdir" module module-corrupt module-test)
else
	make -C "$src" KDIR="$kdir" module module-corrupt module-test
fi
built=$(date +%s)

export KVER=$kver
export GSSK_KO_DIR=$src
export GSSK_MODROOT=$dk/root
GSSK_VM_KERNEL=$(cat "$dk/vmlinuz")
export GSSK_VM_KERNEL
status=0
tools/vm/run.sh test || status=$?
# run.sh's console log is per run; keep this kernel's beside its modules.
cp build/vm-console.log "$src/vm-console.log" 2>/dev/null || true
echo "check-kernel: $kver: fetch $((fetched - start)) s, build" \
	"$((built - fetched)) s, suite $(($(date +%s) - built)) s"
exit "$status"
