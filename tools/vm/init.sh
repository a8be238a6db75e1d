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
#   gsskvm.kmemleak=1  after the payload, scan for leaks with gssk loaded
#                      and again after rmmod gssk (make check-debug)
#   gsskvm.control=F   load the harness's positive control with fault=F
#                      after gssk.ko (tools/vm/check-debug-controls.sh)
#   gsskvm.benchargs=A,B  (bench) arguments of gssk-bench, commas for
#                      spaces: GSSK_VM_APPEND="gsskvm.benchargs=-r,3,-n,0"
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
# A context charges its owner's key quota with its real size (about 4.6 KB,
# the crypto transforms included), so a non-root user fits only four in
# the default 20000 bytes. Like a server that holds many contexts per uid,
# the VM raises the per-user quotas; the quota selftest puts the defaults
# back while it measures them.
echo 2000 >/proc/sys/kernel/keys/maxkeys
echo 5000000 >/proc/sys/kernel/keys/maxbytes

mode=
modparams=
kmemleak=
control=
payload_args=
read -r cmdline </proc/cmdline
for word in $cmdline; do
	case $word in
	gssk.run=*) mode=${word#gssk.run=} ;;
	gssk.tests=*) ;;	# read by /tests/run_tests.sh
	gssk.*=*) modparams="$modparams ${word#gssk.}" ;;
	gsskvm.kmemleak=1) kmemleak=1 ;;
	gsskvm.control=*) control=${word#gsskvm.control=} ;;
	gsskvm.benchargs=*)
		payload_args=$(echo "${word#gsskvm.benchargs=}" | tr , ' ') ;;
	esac
done
case $mode in
test) payload=/tests/run_tests.sh payload_args= ;;
demo) payload=/demo/demo.sh payload_args= ;;
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

if [ -n "$control" ]; then
	say "positive control: loading gssk_control fault=$control"
	insmod /lib/gssk/gssk_control.ko "fault=$control" ||
		say "insmod gssk_control failed"
fi

# The Kerberos realm's KDC (tools/vm/krb5/gssk-kdc), for the tests, the
# demo and the bench (whose contexts, MIT's and gssk's, come from real
# exchanges with it).
if [ -x /usr/sbin/gssk-kdc ]; then
	stage=kdc
	must gssk-kdc
fi

# kmemleak_check WHEN: make kmemleak scan now (twice: an object must stay
# unreferenced across two scans, and be older than 5 s), print every
# suspected leak that involves gssk (a gssk function in its allocation
# trace, or an address in the module area once gssk is unloaded) and the
# line "GSSK-KMEMLEAK: N ..." that run.sh fails on when N > 0.
kmemleak_check() {
	f=/sys/kernel/debug/kmemleak
	if [ ! -w $f ]; then
		echo "GSSK-KMEMLEAK: 1 (kmemleak is not available: $f)"
		return
	fi
	sleep 6
	echo scan >$f
	echo scan >$f
	awk -v when="$1" '
		function flush() {
			if (blk != "" && blk ~ /gssk|\[<ffffffff[a-f][0-9a-f]+>\]/) {
				n++
				printf "%s", blk
			}
			blk = ""
		}
		/unreferenced object/ { flush() }
		{ blk = blk $0 "\n" }
		END {
			flush()
			printf "GSSK-KMEMLEAK: %d leak(s) involving gssk %s\n", n, when
		}' $f
	echo clear >$f
}

stage=payload
say "up in $(uptime_s) s; running $payload $payload_args"
cd "$(dirname "$payload")" || finish 2
# shellcheck disable=SC2086 # one word per argument
keyctl session - "$payload" $payload_args </dev/null
rc=$?
say "$payload exited with rc=$rc after $(uptime_s) s"
if [ -n "$kmemleak" ]; then
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
	kmemleak_check "with gssk loaded"
	if grep -q '^gssk ' /proc/modules; then
		rmmod gssk || say "rmmod gssk failed"
	fi
	kmemleak_check "after rmmod gssk"
	say "kmemleak scans done after $(uptime_s) s"
fi
finish "$rc"
