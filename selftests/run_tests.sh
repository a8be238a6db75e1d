#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run the gssk selftests in order (gssk-tests.list beside this script):
# the kselftest binaries and the shell tests (gssk_gsskctl.sh), all run the
# same way, each one's own TAP output indented as a subtest, then one TAP
# line per test and a summary. Exit status is non-zero if any failed.
# Expects to run as root inside a session keyring (keyctl session -).

dir=$(cd "$(dirname "$0")" && pwd)
list="$dir/gssk-tests.list"
if [ -f "$list" ]; then
	tests=$(cat "$list")
else
	tests="gssk_context gssk_export gssk_policy gssk_tokens gssk_message gssk_fd gssk_libfd
	       gssk_sequence gssk_races gssk_fuzz gssk_stats gssk_gsskctl.sh gssk_krb5
	       gssk_krb5_load gssk_keyperm gssk_mitapps.sh gssk_interposer.sh gssk_testmode
	       gssk_gsskctl_stats.sh
	       gssk_module"
fi

# A "gssk.tests=a,b" word on the kernel command line (GSSK_VM_APPEND on
# the host) runs only those tests, for quick iteration.
for word in $(cat /proc/cmdline 2>/dev/null); do
	case $word in
	gssk.tests=*) tests=$(echo "${word#gssk.tests=}" | tr ',' ' ') ;;
	esac
done

n=0
for t in $tests; do n=$((n + 1)); done

echo "TAP version 13"
echo "1..$n"

i=0 pass=0 fail=0 skip=0 failed=""
rcfile=$(mktemp /tmp/gssk-rc.XXXXXX) || exit 1
for t in $tests; do
	i=$((i + 1))
	echo "# selftests: gssk: $t"
	if [ ! -x "$dir/$t" ]; then
		echo "not ok $i selftests: gssk: $t # missing or not executable"
		fail=$((fail + 1)); failed="$failed $t"
		continue
	fi
	echo 1 > "$rcfile"
	( "$dir/$t"; echo $? > "$rcfile" ) 2>&1 | sed -e 's/^/# /'
	rc=$(cat "$rcfile")
	case "$rc" in
	0)	echo "ok $i selftests: gssk: $t"; pass=$((pass + 1)) ;;
	4)	echo "ok $i selftests: gssk: $t # SKIP"; skip=$((skip + 1)) ;;
	*)	echo "not ok $i selftests: gssk: $t # exit=$rc"
		fail=$((fail + 1)); failed="$failed $t" ;;
	esac
done
rm -f "$rcfile"

echo "# gssk selftests: $n tests: $pass passed, $fail failed, $skip skipped"
if [ "$fail" -ne 0 ]; then
	echo "# FAILED:$failed"
	exit 1
fi
exit 0
