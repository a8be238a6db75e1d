#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host tests of gsskctl: help, usage errors and their exit status, explain,
# random-key, token input (base64 or raw) up to the kernel, the
# one-line failure and exit 3 of every kernel-facing command when gssk.ko
# is not loaded, and the help texts against man/gsskctl.8. Usage: cli.sh PATH-TO-GSSKCTL (libgssk.so.1 on the
# loader path). TAP output.
set -u
ctl=$1
top=$(cd "$(dirname "$0")/../../.." && pwd)
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
		"$top/dkms.conf")"
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


# ==== the help texts against man/gsskctl.8 ====
# They must not drift apart: the same commands (usage list, SYNOPSIS,
# COMMANDS), for each command the same long options ('gsskctl help CMD'
# against its SYNOPSIS and COMMANDS entries), the same global options
# (usage against OPTIONS), the enctype names of libgssk's table, and in
# the whole page the long options the help texts name, no other.
page=$top/man/gsskctl.8
: >"$tmp/d"
differ() {	# differ STATUS NAME: check, with the diff in $tmp/d shown
	rc=$1
	: >"$tmp/out"
	cp "$tmp/d" "$tmp/err"
	check "$1" "$2"
	: >"$tmp/d"
}
# the long options in a text, one a line, sorted, unique
longopts() {
	grep -o -- '--[a-z][a-z-]*[a-z]' | sort -u
}
# man source with roff's \- as a plain -, and font escapes dropped
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\c$//' "$page" >"$tmp/page"
section() {	# section NAME: the lines of .SH NAME, up to the next .SH
	sed -n "/^\.SH $1\$/,/^\.SH /p" "$tmp/page" | sed '1d;$d'
}
section SYNOPSIS >"$tmp/synopsis"
section COMMANDS >"$tmp/commands"
section OPTIONS >"$tmp/options"

"$ctl" --help >"$tmp/musage"
sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' "$tmp/musage" | sort >"$tmp/cmds"

# SYNOPSIS: ".SY gsskctl", maybe ".RB [ -v ]", then ".B command"
awk '/^\.SY gsskctl/ { want = 1; next }
     want && /^\.RB \[ -v \]/ { next }
     want && /^\.B [a-z]/ { print $2; want = 0; next }
     { want = 0 }' "$tmp/synopsis" | sort -u >"$tmp/syn_cmds"
diff -u "$tmp/cmds" "$tmp/syn_cmds" >"$tmp/d"
differ $? "the usage's commands are the SYNOPSIS's"

# COMMANDS: a top-level .TP (not between .RS and .RE) opens a command's
# entry; its next line names it. One file per command.
mkdir "$tmp/entry"
awk -v dir="$tmp/entry" '
	/^\.RS/ { depth++ } /^\.RE/ { depth-- }
	/^\.TP/ && depth == 0 { head = 1; next }
	head { gsub(/^\.B[IR]* "?/, ""); split($0, w, /[ "]/); cur = w[1];
	       head = 0 }
	cur != "" { print > (dir "/" cur) }' "$tmp/commands"
ls "$tmp/entry" | sort >"$tmp/man_cmds"
diff -u "$tmp/cmds" "$tmp/man_cmds" >"$tmp/d"
differ $? "the usage's commands are the COMMANDS entries"

for c in $(cat "$tmp/cmds"); do
	"$ctl" help "$c" | longopts >"$tmp/help_opts"
	# the command's SYNOPSIS block(s) and its COMMANDS entry
	awk -v c="$c" '/^\.SY gsskctl/ { keep = 0; blk = "" }
		{ blk = blk $0 "\n" }
		$0 == ".B " c { keep = 1 }
		/^\.YS/ { if (keep) printf "%s", blk; keep = 0; blk = "" }' \
		"$tmp/synopsis" >"$tmp/man_text"
	cat "$tmp/entry/$c" >>"$tmp/man_text" 2>/dev/null
	longopts <"$tmp/man_text" >"$tmp/man_opts"
	# "--help" is every command's (the usage says so), not an option
	grep -vx -- '--help' "$tmp/help_opts" >"$tmp/h" || true
	grep -vx -- '--help' "$tmp/man_opts" >"$tmp/m" || true
	diff -u "$tmp/h" "$tmp/m" >"$tmp/d"
	differ $? "$c: 'gsskctl help $c' and the page give the same options ($(tr '\n' ' ' <"$tmp/h"))"
done

# global options: the usage's "  -x, --long" lines against OPTIONS
sed -n 's/^  -[a-zA-Z], \(--[a-z-]*\).*/\1/p' "$tmp/musage" | sort >"$tmp/g"
sed -n 's/^\.BR -[a-zA-Z] ", " \(--[a-z-]*\).*/\1/p' "$tmp/options" |
	sort >"$tmp/go"
diff -u "$tmp/g" "$tmp/go" >"$tmp/d"
differ $? "the usage's global options are the OPTIONS' ($(tr '\n' ' ' <"$tmp/g"))"

# the enctypes: the page names those of libgssk's table, which
# 'gsskctl random-key --enctype' takes by name or number (and no other)
tr -s ' ,()' '\n\n' <"$tmp/options" | grep -xE '(aes|camellia)[0-9a-z-]*' | sort -u \
	>"$tmp/names"
numbers=
for e in $(seq 1 64); do
	"$ctl" random-key --enctype "$e" >/dev/null 2>&1 && numbers="$numbers $e"
done
bad=
for name in $(cat "$tmp/names"); do
	"$ctl" random-key --enctype "$name" >/dev/null 2>&1 || bad="$bad $name"
done
[ -z "$bad" ] && [ "$(wc -l <"$tmp/names")" -eq "$(echo $numbers | wc -w)" ] &&
	[ -n "$numbers" ]
differ $? "the page's enctype names are libgssk's ($(echo $numbers) by number; not taken:${bad:- none})"

for c in $(cat "$tmp/cmds"); do "$ctl" help "$c"; done |
	cat - "$tmp/musage" | longopts >"$tmp/all_help"
longopts <"$tmp/page" >"$tmp/all_page"
diff -u "$tmp/all_help" "$tmp/all_page" >"$tmp/d"
differ $? "${page##*/} names the long options the help texts name, no other"

echo "1..$n"
echo "$((n - failed - skipped)) passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
