#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host tests of the gssk CLI: usage errors, random-key, status, and the
# failure line of every kernel-facing command when gssk.ko is not loaded.
# Usage: cli.sh PATH-TO-GSSK (libgssk.so.1 on the loader path). TAP output.
set -u
gssk=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0 failed=0 skipped=0
check() {	# check STATUS NAME
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		sed 's/^/# stderr: /' "$tmp/err"
	fi
}
skip() {
	n=$((n + 1)) skipped=$((skipped + 1))
	echo "ok $n - $2 # SKIP $1"
}
run() {		# run ARGS...: sets rc, out and err files
	"$gssk" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}

run --help
[ $rc -eq 0 ] && grep -q '^usage: gssk' "$tmp/out"
check $? "--help prints the usage, exit 0"
run frobnicate
[ $rc -eq 2 ] && grep -q '^gssk: unknown command "frobnicate"' "$tmp/err"
check $? "unknown command: exit 2"
run
[ $rc -eq 2 ]
check $? "no command: exit 2"

for e in 17:32 18:64 19:32 20:64 aes256-cts-hmac-sha1-96:64; do
	run random-key --enctype "${e%%:*}"
	[ $rc -eq 0 ] && grep -Eqx "[0-9a-f]{${e##*:}}" "$tmp/out"
	check $? "random-key --enctype ${e%%:*}: ${e##*:} hex digits"
done
"$gssk" random-key --enctype 18 >"$tmp/k1" && \
	"$gssk" random-key --enctype 18 >"$tmp/k2" && ! cmp -s "$tmp/k1" "$tmp/k2"
check $? "two random keys differ"
run random-key --enctype 23
[ $rc -eq 2 ]
check $? "random-key --enctype 23: exit 2"

run status 0x000d0000 0x47534b80
[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 2 ] &&
	grep -q '^major 0x000d0000: ' "$tmp/out" &&
	grep -qx 'minor 0x47534b80: gssk module not loaded' "$tmp/out"
check $? "status MAJOR MINOR: one line each"
run status 0x01080000
[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 2 ]
check $? "status of a combined major: one line per part"
run status 0x00ff0000
[ $rc -eq 1 ]
check $? "status of an unknown major: exit 1"
run status nope
[ $rc -eq 2 ]
check $? "status of a non-number: exit 2"
run status 0 0x100000000
[ $rc -eq 2 ] && [ ! -s "$tmp/out" ] &&
	grep -qx "gssk: status: \"0x100000000\" is not a 32-bit number" "$tmp/err"
check $? "status with a bad MINOR: exit 2 before printing the MAJOR"
run status 010 0X47534B01
[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 3 ] &&
	grep -qx 'major 0x0000000a: The token duplicates one already processed' \
		"$tmp/out" &&
	grep -qx 'minor 0x47534b01: no gssk context has this key serial' "$tmp/out"
check $? "status: a leading 0 is decimal, 0X is hex"

run load --enctype 17 --key 00 --role acceptor
[ $rc -eq 2 ] && grep -q 'required' "$tmp/err"
check $? "load without --flags: exit 2"
run load --enctype 17 --key 0g --role acceptor --flags none
[ $rc -eq 2 ]
check $? "load with a bad hex key: exit 2"
run load --enctype 17 --key 00 --role acceptor --flags mutual,nope
[ $rc -eq 2 ]
check $? "load with an unknown flag: exit 2"
run inquire 0
[ $rc -eq 2 ]
check $? "inquire 0: exit 2"
run export 5 --ttl 0
[ $rc -eq 2 ]
check $? "export --ttl 0: exit 2"

if [ -e /sys/module/gssk ]; then
	skip "gssk.ko is loaded" "failure lines without the module"
else
	line='^gssk: %s: [^;]+; gssk module not loaded: .+$'
	key=$("$gssk" random-key --enctype 17)
	for c in "load --enctype 17 --key $key --role initiator --flags mutual" \
		 "inquire 12345" "export 12345 --any-session" \
		 "import 4753534b01000000" "delete 12345"; do
		# shellcheck disable=SC2086
		run $c
		name=${c%% *}
		# shellcheck disable=SC2059
		[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
			grep -Eq "$(printf "$line" "$name")" "$tmp/err"
		check $? "$name without the module: one failure line, exit 1"
	done
	run -v delete 12345
	[ $rc -eq 1 ] &&
		grep -qx 'gssk: delete: major 0x000d0000, minor 0x47534b80' \
			"$tmp/err"
	check $? "-v adds the numeric codes"
	echo "$key" | "$gssk" load --enctype 17 --key - --role acceptor \
		--flags none >/dev/null 2>"$tmp/err"
	[ $? -eq 1 ] && grep -q 'module not loaded' "$tmp/err"
	check $? "load --key - reads the key from standard input"
fi

echo "1..$n"
echo "$((n - failed - skipped)) passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
