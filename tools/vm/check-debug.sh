#!/bin/bash
# Run the whole selftest suite on the gssk debug kernel (make check-debug),
# or, with the argument "controls", the harness's positive controls (make
# check-debug-controls): for each kind of kernel bug the checkers report,
# a boot that loads tools/vm/control/gssk_control.ko with that bug must
# fail, with the report on the console.
#
# Builds the debug kernel once per machine (tools/vm/debug-kernel.sh, cached
# under /var/cache/gssk), builds gssk.ko and its corrupted and test-mode
# variants against it from a copy of the sources in build/debug/ (so the
# modules for the cloud kernel stay as they are), then boots it with
# slub_debug=FZPU and runs the suite, Kerberos interop included, followed
# by kmemleak scans with gssk loaded and after rmmod. tools/vm/run.sh fails
# the run on any KASAN, KFENCE, lockdep, UBSAN, sleeping-in-atomic,
# list-corruption, debug-objects or WARN report, and on any leak involving
# gssk. Expects 'make all' to have built the library, tools and selftests.
#
# Environment: GSSK_VM_TIMEOUT (default 1800 s here), GSSK_VM_APPEND (e.g.
# gssk.tests=gssk_export for a quick run).
set -euo pipefail

cd "$(dirname "$0")/../.."

dk=$(tools/vm/debug-kernel.sh)
kver=$(cat "$dk/include/config/kernel.release")

src=build/debug
rm -rf "$src"
mkdir -p "$src"
cp -pr Kbuild Makefile install.mk dkms.conf kernel include "$src/"
make -C "$src" KDIR="$dk" module module-corrupt module-test

export KVER=$kver
export GSSK_KO_DIR=$src
export GSSK_MODROOT=$dk/modroot
export GSSK_VM_KERNEL=$dk/arch/x86/boot/bzImage
export GSSK_VM_TIMEOUT=${GSSK_VM_TIMEOUT:-1800}
export GSSK_VM_MEM=${GSSK_VM_MEM:-2048}
export GSSK_VM_APPEND="slub_debug=FZPU gsskvm.kmemleak=1 ${GSSK_VM_APPEND:-}"
start=$(date +%s)
if [ "${1:-}" != controls ]; then
	tools/vm/run.sh test
	echo "check-debug: the suite ran on $kver in $(($(date +%s) - start)) s"
	exit 0
fi

# The positive controls: fault name and the report that must show.
controls="
leak		GSSK-KMEMLEAK: [1-9]
uaf		BUG: (KASAN|KFENCE): [a-z-]*use-after-free
shift		UBSAN: shift-out-of-bounds
sleep		BUG: sleeping function called from invalid context
lockdep		WARNING: possible circular locking dependency detected
"
mkdir -p "$src/control"
cp -p tools/vm/control/Kbuild tools/vm/control/gssk_control.c "$src/control/"
make -C "$dk" M="$(pwd)/$src/control" modules >"$src/control/build.log" 2>&1 ||
	{ cat "$src/control/build.log"; exit 1; }
export GSSK_CONTROL_KO=$src/control/gssk_control.ko
base_append=$GSSK_VM_APPEND
n=$(echo "$controls" | grep -c .)
echo "TAP version 13"
echo "1..$n"
i=0 failed=0
while read -r fault report; do
	[ -n "$fault" ] || continue
	i=$((i + 1))
	export GSSK_VM_APPEND="$base_append gssk.tests=gssk_stats gsskvm.control=$fault"
	if tools/vm/run.sh test >"$src/control/$fault.log" 2>&1; then
		echo "not ok $i - control $fault: the run passed, the harness missed the bug"
		failed=$((failed + 1))
	elif ! grep -Eq "$report" build/vm-console.log; then
		echo "not ok $i - control $fault: the run failed without the report '$report'"
		failed=$((failed + 1))
	else
		echo "ok $i - control $fault: the run failed and shows '$report'"
	fi
	grep -E -m 1 "$report" build/vm-console.log | sed 's/^/# /' || true
done <<<"$controls"
echo "check-debug: $i positive controls in $(($(date +%s) - start)) s"
[ "$failed" -eq 0 ]
