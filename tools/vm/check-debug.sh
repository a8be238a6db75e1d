#!/bin/bash
# Run the whole selftest suite on the gssk debug kernel (make check-debug).
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
mod_targets="module module-corrupt"
if grep -q '^module-test:' Makefile; then
	mod_targets="$mod_targets module-test"
fi
# shellcheck disable=SC2086 # one word per target
make -C "$src" KDIR="$dk" $mod_targets

export KVER=$kver
export GSSK_KO_DIR=$src
export GSSK_MODROOT=$dk/modroot
export GSSK_VM_KERNEL=$dk/arch/x86/boot/bzImage
export GSSK_VM_TIMEOUT=${GSSK_VM_TIMEOUT:-1800}
export GSSK_VM_MEM=${GSSK_VM_MEM:-2048}
export GSSK_VM_APPEND="slub_debug=FZPU gsskvm.kmemleak=1 ${GSSK_VM_APPEND:-}"
start=$(date +%s)
tools/vm/run.sh test
echo "check-debug: the suite ran on $kver in $(($(date +%s) - start)) s"
