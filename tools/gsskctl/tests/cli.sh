#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host tests of gsskctl: help, usage errors and their exit status, explain,
# random-key, token input (base64 or raw) up to the kernel, and the
# one-line failure and exit 3 of every kernel-facing command when gssk.ko
# is not loaded. Usage: cli.sh PATH-TO-GSSKCTL (libgssk.so.1 on the
# loader path). TAP output.
set -u
ctl=$1
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
		echo "# exit status: $rc"
		sed 's/^/# stdout: /' "$tmp/out"
		sed 's/^/# stderr: /' "$tmp/err"
	fi
}
skip() {
	n=$((n + 1)) skipped=$((skipped + 1))
	echo "ok $n - $2 # SKIP $1"
}
run() {		# run ARGS...: sets rc, out and err files; stdin empty
	"$ctl" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
runin() {	# runin FILE ARGS...: run with standard input from FILE
	f=$1
	shift
	"$ctl" "$@" >"$tmp/out" 2>"$tmp/err" <"$f"
	rc=$?
}
# usage CMD PROBLEM: exit 2, nothing on stdout, the two-line usage error
usage() {
	printf 'gsskctl: %s%s\nTry '"'"'gsskctl help%s'"'"'.\n' \
		"${1:+$1: }" "$2" "${1:+ $1}" >"$tmp/want"
	[ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/want" "$tmp/err"
}

commands="status list show export import delete load random-key explain help"

# ==== help ====
run --help
[ $rc -eq 0 ] && [ "$(head -n 1 "$tmp/out")" = "usage: gsskctl [-v] COMMAND [ARGS]" ]
check $? "--help prints the usage, exit 0"
cp "$tmp/out" "$tmp/usage"
missing=
for c in $commands; do
	grep -q "^  $c  " "$tmp/usage" || missing="$missing $c"
done
[ -z "$missing" ]
check $? "the usage lists every command (missing:${missing:- none})"
grep -q '3 gssk module not loaded' "$tmp/usage"
check $? "the usage documents the exit statuses"
for v in --version -V; do
	run $v
	want="gsskctl $(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' \
		"$(dirname "$0")/../../../dkms.conf")"
	[ $rc -eq 0 ] && [ "$(cat "$tmp/out")" = "$want" ] && [ ! -s "$tmp/err" ]
	check $? "$v: \"$want\" (dkms.conf's version), exit 0"
done
for h in -h help; do
	run $h
	[ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/usage"
	check $? "$h: the same text as --help"
done
for c in $commands; do
	run help "$c"
	[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] &&
		grep -q "^usage: gsskctl \[-v\] $c\( \|$\)" "$tmp/out"
	check $? "help $c: its usage line, exit 0"
	cp "$tmp/out" "$tmp/help1"
	if [ "$c" != help ]; then
		run "$c" --help
		[ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/help1"
		check $? "$c --help: the same text as help $c"
	fi
done
run help export
grep -q -- '--same-cgroup' "$tmp/out" && grep -q -- '--raw' "$tmp/out"
check $? "help export names --same-cgroup and --raw"
run help frobnicate
usage help 'unknown command "frobnicate"'
check $? "help of an unknown command: exit 2"
run help show list
usage help "expected at most one COMMAND"
check $? "help with two commands: exit 2"

# ==== usage errors ====
run frobnicate
usage "" 'unknown command "frobnicate"'
check $? "unknown command: exit 2"
run
usage "" "no command"
check $? "no command: exit 2"
run -x status
usage "" 'unknown option "-x"'
check $? "unknown global option: exit 2"
run status 1 2
usage status "unexpected argument \"1\" (to explain status codes, use 'gsskctl explain')"
check $? "status with arguments: exit 2, points to explain"
run status --bogus
usage status "unknown option or missing value: --bogus"
check $? "status --bogus: exit 2"
run list extra
usage list 'unexpected argument "extra"'
check $? "list with an argument: exit 2"
run show
usage show "expected one SERIAL"
check $? "show without SERIAL: exit 2"
for s in 0 -1 abc 2147483648; do
	run show -- "$s"
	usage show "\"$s\" is not a key serial"
	check $? "show '$s': not a key serial, exit 2"
done
run show 1 --json --yaml
usage show "unknown option or missing value: --yaml"
check $? "show --yaml: exit 2"
run delete 1 2
usage delete "expected one SERIAL"
check $? "delete with two SERIALs: exit 2"
run export 5 --ttl 0
usage export "--ttl: must be at least 1"
check $? "export --ttl 0: exit 2"
run export 5 --uid root
usage export '--uid: "root" is not a number from 0 to 4294967294'
check $? "export --uid root: exit 2"
run export 5 --own-cgroup
usage export "unknown option or missing value: --own-cgroup"
check $? "export --own-cgroup (now --same-cgroup): exit 2"
run import AAAA
usage import 'unexpected argument "AAAA" (the token comes on standard input or with --in FILE)'
check $? "import refuses a token on the command line: exit 2"
run import
usage import "the token from standard input is empty"
check $? "import of empty standard input: exit 2"
printf 'R1NTSwEAAAA!\n' >"$tmp/bad"
runin "$tmp/bad" import
[ $rc -eq 3 ]	# the "!" makes it raw: it reaches libgssk (no module)
check $? "import of text with a non-base64 byte is taken as raw"
printf 'R1NTSwEAAA=A\n' >"$tmp/bad"
runin "$tmp/bad" import
usage import "the token from standard input is not valid base64 of at most 4096 bytes"
check $? "import of base64 with a digit after the padding: exit 2"
printf 'R\n' >"$tmp/bad"
runin "$tmp/bad" import
usage import "the token from standard input is not valid base64 of at most 4096 bytes"
check $? "import of a lone base64 digit: exit 2"
for b64 in A AAAAA AA= AAA== AA===; do
	printf '%s\n' "$b64" >"$tmp/bad"
	runin "$tmp/bad" import
	usage import "the token from standard input is not valid base64 of at most 4096 bytes"
	check $? "import of base64 '$b64' (bad length or padding): exit 2"
done
head -c 4097 /dev/zero >"$tmp/big"
run import --in "$tmp/big"
usage import "the token from $tmp/big is over 4096 bytes"
check $? "import of a raw token over 4096 bytes: exit 2"
run import --in "$tmp/nonexistent"
[ $rc -eq 1 ] && [ "$(cat "$tmp/err")" = "gsskctl: import: cannot open $tmp/nonexistent: No such file or directory" ]
check $? "import --in a missing file: exit 1, one line"
run load --enctype 17 --key 00 --role acceptor
usage load "--enctype, --key, --role and --flags are required"
check $? "load without --flags: exit 2"
run load --enctype 17 --key 00 --role acceptor --flags mutual,nope
usage load '--flags: unknown flag "nope"'
check $? "load with an unknown flag: exit 2"

# ==== random-key, explain ====
for e in 17:32 18:64 19:32 20:64 aes256-cts-hmac-sha1-96:64; do
	run random-key --enctype "${e%%:*}"
	[ $rc -eq 0 ] && grep -Eqx "[0-9a-f]{${e##*:}}" "$tmp/out"
	check $? "random-key --enctype ${e%%:*}: ${e##*:} hex digits"
done
run random-key --enctype 23
usage random-key '--enctype: unknown enctype "23" (17, 18, 19 or 20)'
check $? "random-key --enctype 23: exit 2"
run explain 0x000d0000 0x47534b80
[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 2 ] &&
	grep -q '^major 0x000d0000: ' "$tmp/out" &&
	grep -qx 'minor 0x47534b80: gssk module not loaded' "$tmp/out"
check $? "explain MAJOR MINOR: one line each"
run explain 0x01080000
[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 2 ]
check $? "explain of a combined major: one line per part"
run explain 0x00ff0000
[ $rc -eq 1 ]
check $? "explain of an unknown major: exit 1"
run explain 0 0x100000000
usage explain '"0x100000000" is not a 32-bit number'
check $? "explain with a bad MINOR: exit 2 before printing anything"
run explain 010 0X47534B01
[ $rc -eq 0 ] &&
	grep -qx 'major 0x0000000a: The token duplicates one already processed' "$tmp/out" &&
	grep -qx 'minor 0x47534b01: no gssk context has this key serial' "$tmp/out"
check $? "explain: a leading 0 is decimal, 0X is hex"

# ==== without the module ====
if [ -e /sys/module/gssk ]; then
	skip "gssk.ko is loaded" "status and failure lines without the module"
else
	run status
	[ $rc -eq 3 ] && [ "$(cat "$tmp/out")" = "module: not loaded" ] &&
		[ ! -s "$tmp/err" ]
	check $? "status without the module: 'module: not loaded', exit 3"
	run status --json
	[ $rc -eq 3 ] && [ "$(jq -c . "$tmp/out")" = '{"loaded":false}' ]
	check $? "status --json without the module: {\"loaded\":false}, exit 3"
	line='^gsskctl: %s: [^;]+; gssk module not loaded: .+$'
	key=$("$ctl" random-key --enctype 17)
	# a well-formed token in base64 and raw: both reach libgssk
	printf 'R1NTSwEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n' >"$tmp/b64"
	printf 'GSSK\001\000\000\000%032d' 0 >"$tmp/raw"
	for c in "load --enctype 17 --key $key --role initiator --flags mutual" \
		 "show 12345" "export 12345 --any-session" "delete 12345" \
		 "list" "import --in $tmp/b64" "import --in $tmp/raw"; do
		# shellcheck disable=SC2086
		run $c
		name=${c%% *}
		# shellcheck disable=SC2059
		[ $rc -eq 3 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
			grep -Eq "$(printf "$line" "$name")" "$tmp/err"
		check $? "$c without the module: one failure line, exit 3"
	done
	run -v delete 12345
	[ $rc -eq 3 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -q ' (major 0x000d0000, minor 0x47534b80)$' "$tmp/err"
	check $? "-v adds the numeric codes on the same line"
fi

echo "1..$n"
echo "$((n - failed - skipped)) passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
