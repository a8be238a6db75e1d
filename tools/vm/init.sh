# shellcheck shell=sh
# Body of /init in the gssk test VM (busybox sh, PID 1). mkinitramfs.sh
# prepends "#!/usr/bin/busybox sh" and MODULES="...", the modules to
# modprobe before gssk.ko.
#
# Kernel command-line words it reads:
#   gssk.run=test      run /tests/run_tests.sh
#   gssk.run=demo      run /demo/demo.sh
#   gssk.run=bench     run /usr/bin/gssk-bench
#   gssk.tests=A,B     (test) run only the selftests A and B
#   gssk.PARAM=VALUE   passed to gssk.ko as PARAM=VALUE by insmod
#
# The payload runs in its own directory, with stdin from /dev/null, its
# output on the console and a fresh session keyring. Its exit status goes to
# the host as "GSSK-RESULT rc=N stage=payload" on the second serial port
# (/dev/ttyS1); then the VM powers off. A failure before the payload is
# reported the same way with a non-zero rc and stage=setup or stage=insmod.

export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root

say() {
	echo "gssk-init: $*"
}

uptime_s() {
	cut -d ' ' -f 1 /proc/uptime
}

stage=setup

# finish RC: report RC and the stage reached to the host and power off.
finish() {
	echo "GSSK-RESULT rc=$1 stage=$stage uptime=$(uptime_s)" >/dev/ttyS1
	sync
	poweroff -f
}

# must CMD...: run CMD; if it fails, say so and finish with its status.
must() {
	"$@" && return 0
	rc=$?
	say "failed (rc=$rc): $*"
	finish "$rc"
}

must mount -t proc proc /proc
# The boot is quiet; from here on show kernel warnings (level 4) and worse on
# the console, so that a WARN's "WARNING: ... at file:line" and its trace
# reach the host's log before panic_on_warn stops the VM.
echo 5 >/proc/sys/kernel/printk
must mount -t sysfs sysfs /sys
must mount -t devtmpfs devtmpfs /dev
must mount -t cgroup2 cgroup2 /sys/fs/cgroup
must mount -t tmpfs -o mode=1777 tmpfs /tmp
must mount -t tmpfs -o mode=1777 tmpfs /var/tmp
must ip link set lo up

mode=
modparams=
read -r cmdline </proc/cmdline
for word in $cmdline; do
	case $word in
	gssk.run=*) mode=${word#gssk.run=} ;;
	gssk.tests=*) ;;	# read by /tests/run_tests.sh
	gssk.*=*) modparams="$modparams ${word#gssk.}" ;;
	esac
done
case $mode in
test) payload=/tests/run_tests.sh ;;
demo) payload=/demo/demo.sh ;;
bench) payload=/usr/bin/gssk-bench ;;
*)
	say "no payload: expected gssk.run=test, demo or bench, got '$mode'"
	finish 2
	;;
esac
if [ ! -x "$payload" ]; then
	say "$payload is missing or not executable"
	finish 2
fi

for m in $MODULES; do
	must modprobe "$m"
done
stage=insmod
# shellcheck disable=SC2086 # one word per module parameter
insmod /lib/gssk/gssk.ko $modparams || {
	rc=$?
	say "insmod /lib/gssk/gssk.ko$modparams failed (rc=$rc); kernel log:"
	dmesg | tail -n 10
	finish "$rc"
}

# The Kerberos realm's KDC (tools/vm/krb5/gssk-kdc), for the tests and the
# demo.
if [ "$mode" != bench ] && [ -x /usr/sbin/gssk-kdc ]; then
	stage=kdc
	must gssk-kdc
fi

stage=payload
say "up in $(uptime_s) s; running $payload"
cd "$(dirname "$payload")" || finish 2
keyctl session - "$payload" </dev/null
rc=$?
say "$payload exited with rc=$rc after $(uptime_s) s"
finish "$rc"
