#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# gsskctl status, list and show (text and --json) against a freshly loaded
# gssk.ko: the module is reloaded first, with the parameters in force, so
# every counter of GSSK_CMD_STATS starts at 0 and each check knows its
# exact value across load, export, a refused import, import, delete and an
# unreadable context. --json output is parsed with jq. Ends with the module
# unloaded (status says so, exit 3) and loaded again.
#
# Runs in the test VM as root inside a session keyring (run_tests.sh), with
# /bin/sh being dash. TAP output; exit status 1 if any check failed.
# GSSK=path overrides the gsskctl binary (default: gsskctl on PATH).
# shellcheck disable=SC2016 # sh -c scripts get their arguments as $0, $1
set -u

CTL=${GSSK:-gsskctl}
PARAMS=/sys/module/gssk/parameters
KO=/lib/gssk/gssk.ko
WRONG_UID=$((0x47534b15))	# GSSK_MINOR_WRONG_UID
NO_READ=$((0x47534b02))		# GSSK_MINOR_KEY_PERMISSION
nl='
'

echo "TAP version 13"
if [ "$(id -u)" != 0 ] || [ ! -d $PARAMS ] || [ ! -f $KO ] ||
	! command -v jq >/dev/null; then
	echo "Bail out! needs root, gssk.ko loaded, $KO and jq"
	exit 1
fi

T=$(mktemp -d /tmp/gssk-stats.XXXXXX) || exit 1
chmod 755 "$T"
RING=
params="default_ttl=$(cat $PARAMS/default_ttl) max_ttl=$(cat $PARAMS/max_ttl)"
params="$params max_tokens_per_user=$(cat $PARAMS/max_tokens_per_user)"
cleanup() {
	[ -z "$RING" ] || keyctl unlink "$RING" @s >/dev/null 2>&1
	# shellcheck disable=SC2086 # the parameters are words
	[ -d /sys/module/gssk ] || insmod $KO $params
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---- TAP ----

n=0 failed=0
verdict() {	# verdict NAME STATUS [EXPECTED]
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $n - $1"
		return
	fi
	failed=$((failed + 1))
	echo "not ok $n - $1"
	[ $# -lt 3 ] || printf '%s\n' "$3" | sed 's/^/#   expected: /'
	echo "#   exit status: $rc"
	printf '%s\n' "$out" | sed 's/^/#   stdout: /'
	printf '%s\n' "$err" | sed 's/^/#   stderr: /'
}
# cap CMD...: run CMD; $rc, $out, $err (without keyctl's session line)
cap() {
	"$@" >"$T/out" 2>"$T/err.raw" </dev/null
	rc=$?
	grep -v '^Joined session keyring: [0-9]*$' "$T/err.raw" >"$T/err"
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}
# json NAME FILTER [jq options...]: the last cap exited 0 with nothing on
# stderr and its stdout is JSON for which FILTER is true
json() {
	jname=$1 jfilter=$2
	shift 2
	[ "$rc" -eq 0 ] && [ -z "$err" ] &&
		printf '%s\n' "$out" | jq -e "$@" "$jfilter" >/dev/null
	verdict "$jname" $? "exit 0 and JSON with $jfilter"
}
# stats NAME FILTER [jq options...]: status --json satisfies FILTER
stats() {
	sname=$1
	shift
	cap "$CTL" status --json
	json "$sname" "$@"
}
# has_line NAME LINE: the last cap printed LINE (exactly) on stdout
has_line() {
	[ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -qxF -- "$2"
	verdict "$1" $? "a line \"$2\""
}
# as UID CMD...: CMD as UID:UID in a new session keyring of its own
as() {
	auid=$1
	shift
	setpriv --reuid "$auid" --regid "$auid" --clear-groups \
		keyctl session - "$@"
}

# ==== a fresh module ====

rmmod gssk
# shellcheck disable=SC2086 # the parameters are words
insmod $KO $params
verdict "the module reloads with the parameters in force" $?

version=$(cat /sys/module/gssk/version)
# gssk's own crypto backend runs 49 known-answer vectors, the kernel's
# crypto/krb5 one 26 (see kernel/selftest.c).
if [ -e /sys/module/krb5/holders/gssk ]; then
	min_vectors=25
else
	min_vectors=40
fi
stats "fresh module: version, ABI, limits, self-test, every count 0" \
	'.loaded == true and .version == $v and .abi_version == 2 and
	 .limits == {"default_ttl": $dt, "max_ttl": $mt,
		     "max_tokens_per_user": $mk} and
	 .contexts == 0 and .pending_tokens == 0 and
	 .selftest.result == "passed" and .selftest.vectors > $minv and
	 .counters == {"loads": 0, "exports": 0, "imports": 0, "deletes": 0,
		       "refusals": 0} and .refusals == []' \
	--arg v "$version" --argjson minv "$min_vectors" \
	--argjson dt "$(cat $PARAMS/default_ttl)" \
	--argjson mt "$(cat $PARAMS/max_ttl)" \
	--argjson mk "$(cat $PARAMS/max_tokens_per_user)"
vectors=$(printf '%s\n' "$out" | jq .selftest.vectors)

cap "$CTL" status
want="module: loaded
version: $version
abi-version: 2
default-ttl: $(cat $PARAMS/default_ttl)
max-ttl: $(cat $PARAMS/max_ttl)
max-tokens-per-user: $(cat $PARAMS/max_tokens_per_user)
contexts: 0
pending-tokens: 0
self-test: passed ($vectors vectors)
loads: 0
exports: 0
imports: 0
deletes: 0
refusals: 0"
[ "$rc" -eq 0 ] && [ -z "$err" ] && [ "$out" = "$want" ]
verdict "status: the same figures as text, one per line" $? "$want"

echo 17 >$PARAMS/max_tokens_per_user
stats "status follows a module parameter changed at run time" \
	'.limits.max_tokens_per_user == 17'
# shellcheck disable=SC2086
echo "${params##*=}" >$PARAMS/max_tokens_per_user

cap as 1000 "$CTL" status --json
json "status works for an unprivileged user" \
	'.loaded == true and .selftest.result == "passed"'

cap "$CTL" list --json
json "list --json: no contexts yet" '.contexts == []'
cap "$CTL" list
[ "$rc" -eq 0 ] && [ -z "$err" ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] &&
	printf '%s\n' "$out" | grep -q '^SERIAL '
verdict "list: only the header line" $?

# ==== load ====

KEY18=$("$CTL" random-key --enctype 18)
KEY17=$("$CTL" random-key --enctype 17)
a=$("$CTL" load --enctype 18 --key "$KEY18" --role initiator \
	--flags mutual,replay,sequence,integ,trans --initiator alice@R \
	--acceptor host/b@R --send-seq 42 --recv-seq 7 --description stats-a)
RING=$(keyctl newring "gssk-stats.$$" @s)
inner=$(keyctl newring inner "$RING")
# a name with a quote, a backslash, a tab and a byte that is not UTF-8
odd=$(printf 'q"b\\s\tx\377y')
b=$("$CTL" load --enctype 17 --key "$KEY17" --role acceptor --flags none \
	--initiator "$odd" --lifetime 3600 --keyring "$inner" \
	--description stats-b)
# (uid 1000's keys go to its user keyring: a session keyring of "as"
# dies with the command, and the key garbage collector would take the
# context some time later)
as 1000 "$CTL" load --enctype 17 --key "$KEY17" --role acceptor \
	--flags none --keyring @u >/dev/null 2>&1
[ -n "$a" ] && [ -n "$b" ] && [ -n "$inner" ]
verdict "three loads (one in a keyring two levels down, one by uid 1000)" $?

stats "after three loads: 3 contexts, loads 3" \
	'.contexts == 3 and .pending_tokens == 0 and .counters.loads == 3 and
	 .counters.refusals == 0'

cap "$CTL" list --json
json "list --json: the caller's two contexts, not uid 1000's" \
	'[.contexts[].serial] | sort == ([$a, $b] | sort)' \
	--argjson a "$a" --argjson b "$b"
cap "$CTL" list
[ "$rc" -eq 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ] &&
	printf '%s\n' "$out" | grep -Eq "^$a +initiator +18 +- +42 +7 +stats-a alice@R -> host/b@R$"
verdict "list: a header and one line per context" $?

cap "$CTL" show --json "$a"
json "show --json: every public field of a" \
	'. == {"serial": $a, "description": "stats-a", "role": "initiator",
	       "mech": "1.2.840.113554.1.2.2", "enctype": 18,
	       "subkey_enctype": null, "initiator": "alice@R",
	       "acceptor": "host/b@R",
	       "flags": ["mutual", "replay", "sequence", "integ", "trans"],
	       "gss_flags": 302, "open": true, "lifetime": null,
	       "endtime": null, "send_seq": 42, "recv_seq": 7}' \
	--argjson a "$a"
cap "$CTL" show --json "$b"
json "show --json: escapes the odd name, U+FFFD for the bad byte" \
	'.initiator == "q\"b\\s\tx\ufffdy" and .acceptor == "" and
	 .role == "acceptor" and .flags == [] and .description == "stats-b" and
	 .lifetime >= 3590 and .lifetime <= 3600 and (.endtime | type) == "number"'
cap "$CTL" show "$a"
has_line "show: the description" "description: stats-a"
has_line "show: the next sequence number to send" "send-seq: 42"
has_line "show: the next sequence number expected" "recv-seq: 7"

# ==== export, a refused import, import ====

cap "$CTL" export "$a" --uid 1000 --any-session --out "$T/tok"
chmod 644 "$T/tok"
stats "after export: exports 1, one pending token, the context in it" \
	'.contexts == 3 and .pending_tokens == 1 and .counters.exports == 1 and
	 .counters.imports == 0 and .counters.refusals == 0'
cap "$CTL" list --json
json "list --json: the exported context is gone" \
	'[.contexts[].serial] == [$b]' --argjson b "$b"

cap "$CTL" -v import --in "$T/tok"
want="gsskctl: import: Local security policy forbids the operation; the importer's euid is not the one the export allows: gssk: token is bound to another uid (major 0x000f0000, minor 0x47534b15)"
[ "$rc" -eq 1 ] && [ -z "$out" ] && [ "$err" = "$want" ]
verdict "import by the wrong uid: exit 1, one line with the RFC status and gssk's reason" $? "$want"
stats "after the refusal: refusals 1, by WRONG_UID; the token still pending" \
	'.pending_tokens == 1 and .counters.refusals == 1 and
	 .counters.imports == 0 and
	 .refusals == [{"minor": $m, "count": 1,
			"message": "the importer'"'"'s euid is not the one the export allows"}]' \
	--argjson m "$WRONG_UID"

# (into its user keyring, which the new session links so that it
# possesses the key)
cap as 1000 sh -c 'keyctl link @u @s && s=$("$0" import --in "$1" --keyring @u) &&
	"$0" show --json "$s"' \
	"$CTL" "$T/tok"
json "uid 1000 imports it: the sequence numbers travelled" \
	'.send_seq == 42 and .recv_seq == 7 and .enctype == 18'
stats "after the import: imports 1, no pending token, still 3 contexts" \
	'.contexts == 3 and .pending_tokens == 0 and .counters.imports == 1 and
	 .counters.exports == 1 and .counters.refusals == 1'

# ==== delete, a context the caller may not read ====

cap "$CTL" delete "$b"
stats "after delete: deletes 1, 2 contexts" \
	'.contexts == 2 and .counters.deletes == 1 and .counters.loads == 3'
cap "$CTL" list --json
json "list --json: nothing left for root" '.contexts == []'

# view but no read permission: list names it, with the refusal
e=$("$CTL" load --enctype 17 --key "$KEY17" --role initiator --flags none \
	--description stats-e)
keyctl setperm "$e" 0x01010000
cap "$CTL" list --json
json "list --json: a context it may not read is listed with its refusal" \
	'.contexts | length == 1 and .[0].serial == $e and
	 .[0].description == "stats-e" and .[0].error.minor == $m and
	 (.[0].error.message | test("permission"))' \
	--argjson e "$e" --argjson m "$NO_READ"
stats "the list's one refused inquiry is counted: KEY_PERMISSION 1" \
	'.counters.refusals == 2 and .counters.loads == 4 and
	 (.refusals | map(select(.minor == $m)) == [{"minor": $m, "count": 1,
	   "message": "the caller lacks the key permission the operation needs"}])' \
	--argjson m "$NO_READ"
cap "$CTL" list
[ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -Eq "^$e +stats-e: .*permission"
verdict "list: the refused context on one line with the reason" $?
cap "$CTL" status
has_line "status: one line per refusal reason" \
	"refused 0x47534b15: 1 (the importer's euid is not the one the export allows)"

# ==== without the module ====

rmmod gssk
cap "$CTL" status
[ "$rc" -eq 3 ] && [ "$out" = "module: not loaded" ] && [ -z "$err" ]
verdict "status without the module: 'module: not loaded', exit 3" $?
cap "$CTL" status --json
[ "$rc" -eq 3 ] && [ "$(printf '%s\n' "$out" | jq -c .)" = '{"loaded":false}' ]
verdict "status --json without the module: {\"loaded\": false}, exit 3" $?
cap "$CTL" list
[ "$rc" -eq 3 ] && [ -z "$out" ] && is_one=$(printf '%s\n' "$err" | wc -l) &&
	[ "$is_one" -eq 1 ]
verdict "list without the module: one failure line, exit 3" $?
# shellcheck disable=SC2086 # the parameters are words
insmod $KO $params
stats "the module loaded again: counters back at 0" \
	'.contexts == 0 and .counters.loads == 0 and .counters.refusals == 0'

echo "1..$n"
echo "# gssk_gsskctl_stats: $n checks, $failed failed"
[ "$failed" -eq 0 ]
