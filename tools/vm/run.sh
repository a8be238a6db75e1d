#!/bin/bash
# Usage: tools/vm/run.sh test|demo|bench
#
# Boot the gssk test VM (Debian's cloud kernel under QEMU, KVM if available
# and TCG otherwise) with the module, library, CLI and selftests built by
# 'make all', and run the selftests (test), the demo (demo) or gssk-bench
# (bench, built by 'make -C tools/bench') in it.
#
# The console is shown and saved, CR-stripped, in build/vm-console.log. The
# guest's /init writes "GSSK-RESULT rc=N" to the second serial port, saved
# in build/vm-result. The run fails if that line is missing (panic, WARN,
# oops, timeout), if rc is not 0, if the console shows a kernel report (a
# warning, BUG, oops or panic; KASAN, KFENCE, UBSAN, lockdep, debug-objects
# and list-corruption reports; kmemleak leaks that /init attributes to
# gssk), or, in test mode, if the TAP output has a "not ok" or no result at
# all.
#
# Environment:
#   GSSK_VM_TIMEOUT  seconds before the VM is killed (default 900)
#   GSSK_VM_APPEND   extra kernel command-line words, e.g. "gssk.dyndbg=+p",
#                    or "gssk.tests=gssk_krb5,gssk_stats" to run only those
#                    (gssk.PARAM=VALUE words become module parameters)
#   GSSK_VM_ACCEL    force a QEMU accelerator: kvm or tcg (default: KVM
#                    if the CPU has vmx/svm and /dev/kvm is usable, else TCG)
#   GSSK_VM_KERNEL   the kernel image to boot (default /boot/vmlinuz-$KVER;
#                    make check-debug boots the debug kernel)
#   GSSK_VM_MEM      guest memory in MiB (default 1024)
#   KDIR, KVER       the kernel (see tools/vm/kernel.sh); mkinitramfs.sh
#                    also reads GSSK_KO_DIR and GSSK_MODROOT
set -euo pipefail

cd "$(dirname "$0")/../.."

mode=${1:-}
case $mode in
test | demo | bench) ;;
*)
	echo "usage: $0 test|demo|bench" >&2
	exit 2
	;;
esac

tools/vm/deps.sh
KVER=$(tools/vm/kernel.sh kver)
export KVER
kernel=${GSSK_VM_KERNEL:-/boot/vmlinuz-$KVER}
if [ ! -r "$kernel" ]; then
	echo "run.sh: $kernel missing: install linux-image-$KVER" >&2
	exit 1
fi
tools/vm/mkinitramfs.sh

console=build/vm-console.log
result=build/vm-result
rm -f "$console" "$result"
timeout_s=${GSSK_VM_TIMEOUT:-900}
append="console=ttyS0 panic=-1 panic_on_warn=1 oops=panic gssk.run=$mode quiet"
append="$append ${GSSK_VM_APPEND:-}"

# "-accel kvm -accel tcg" uses KVM and falls back to TCG only when KVM
# cannot start at all. Some VMs have a /dev/kvm without hardware
# virtualisation behind it (no vmx/svm in cpuinfo); there QEMU aborts or
# hangs instead of falling back, so ask for KVM only if the CPU has it.
if [ -n "${GSSK_VM_ACCEL:-}" ]; then
	accel=(-accel "$GSSK_VM_ACCEL")
elif [ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -Eqw 'vmx|svm' /proc/cpuinfo; then
	accel=(-accel kvm -accel tcg)
else
	accel=(-accel tcg)
fi

echo "run.sh: booting $kernel (${accel[*]}), gssk.run=$mode, timeout ${timeout_s} s"
start=$(date +%s.%N)
# -monitor none: -nographic would put the monitor on stdio, which the
# console needs. --foreground keeps QEMU in our process group so that ^C
# reaches it; stdin is /dev/null so QEMU never puts a terminal in raw mode.
set +e
timeout --foreground --kill-after=10 "$timeout_s" \
	qemu-system-x86_64 "${accel[@]}" -cpu max -m "${GSSK_VM_MEM:-1024}" -smp 2 \
	-nographic -monitor none -no-reboot -nic none \
	-kernel "$kernel" -initrd build/initramfs.cpio.gz \
	-serial stdio -serial "file:$result" \
	-append "$append" </dev/null 2>&1 |
	stdbuf -oL tr -d '\r' | tee "$console"
qemu_status=${PIPESTATUS[0]}
set -e
elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

# Collect every reason to fail, then give one verdict.
failures=()
line=
if [ -f "$result" ]; then
	line=$(grep -ao 'GSSK-RESULT rc=[0-9]* stage=[a-z]*' "$result" | tail -n 1 || true)
fi
if [ "$qemu_status" -eq 124 ] || [ "$qemu_status" -eq 137 ]; then
	failures+=("timed out after $timeout_s s")
elif [ "$qemu_status" -ne 0 ]; then
	failures+=("qemu exited with status $qemu_status")
fi
if [ -z "$line" ]; then
	failures+=("no GSSK-RESULT line: the guest panicked, oopsed, hit a WARN or never finished")
	stage=
else
	read -r _ rc stage <<<"$line"
	rc=${rc#rc=}
	stage=${stage#stage=}
	if [ "$stage" != payload ]; then
		failures+=("/init failed at stage $stage (rc=$rc) before the payload ran")
	elif [ "$rc" -ne 0 ]; then
		failures+=("the $mode payload exited with rc=$rc")
	fi
fi
# Every report a kernel checker prints: WARN and BUG (lockdep, sleeping in
# atomic context, KASAN and KFENCE say "BUG:" or "WARNING:"), UBSAN,
# debug-objects (ODEBUG), list corruption, and /init's count of kmemleak
# leaks that involve gssk (GSSK-KMEMLEAK, see init.sh).
kernel_bad='WARNING:|BUG:|Oops|Call Trace|Kernel panic|UBSAN:|ODEBUG:|list_(add|del) corruption|GSSK-KMEMLEAK: [1-9]'
if grep -Eq "$kernel_bad" "$console"; then
	failures+=("the kernel log shows a kernel report (warning, BUG, oops, panic, checker):")
	while IFS= read -r bad; do
		failures+=("    $bad")
	done < <(grep -E "$kernel_bad" "$console" | head -n 5)
fi
if [ "$mode" = test ] && [ "$stage" = payload ]; then
	if grep -q 'not ok' "$console"; then
		failures+=("$(grep -c 'not ok' "$console") 'not ok' line(s) in the TAP output")
	fi
	if ! grep -Eq '(^|[^a-z])ok [0-9]+' "$console"; then
		failures+=("no TAP results in the console output")
	fi
fi

if [ ${#failures[@]} -eq 0 ]; then
	echo "run.sh: VM $mode PASSED (rc=0, ${elapsed} s wall)"
	exit 0
fi
echo "run.sh: VM $mode FAILED (${elapsed} s wall, console in $console):"
for f in "${failures[@]}"; do
	echo "run.sh:   $f"
done
# The first kernel report in full, so a CI log shows what the checker saw.
first=$(grep -E -n -m 1 "$kernel_bad" "$console" | cut -d: -f1 || true)
if [ -n "$first" ]; then
	echo "run.sh: the first kernel report (console line $first):"
	sed -n "$((first > 5 ? first - 5 : 1)),$((first + 40))p" "$console" |
		sed 's/^/run.sh: | /'
fi
exit 1
