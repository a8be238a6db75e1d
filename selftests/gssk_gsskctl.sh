#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end test of gsskctl (gsskctl(8)) against the loaded gssk.ko:
# every command and option, their output, their exit status (0, 1 with one
# "gsskctl: CMD: MAJOR; MINOR[: KERNEL MESSAGE]" line, 2 for usage errors).
# Tokens travel in files (tf), never on the command line. status, list and
# --json are tested by gssk_gsskctl_stats.sh. Other uids run through util-linux setpriv, other sessions through
# "keyctl session -", other cgroups by writing cgroup.procs.
#
# Runs in the test VM as root inside a session keyring (run_tests.sh), with
# /bin/sh being dash. TAP output; exit status 1 if any check failed.
# GSSK=path overrides the gsskctl binary (default: gsskctl on PATH).
# shellcheck disable=SC2016 # sh -c scripts get their arguments as $0, $1
set -u

GSSK=${GSSK:-gsskctl}
PARAMS=/sys/module/gssk/parameters
CGROOT=/sys/fs/cgroup
CG=$CGROOT/gssk-gsskctl.$$
MECH=1.2.840.113554.1.2.2
nl='
'

echo "TAP version 13"
if [ "$(id -u)" != 0 ] || [ ! -d $PARAMS ] || [ ! -f $CGROOT/cgroup.procs ]; then
	echo "Bail out! needs root, gssk.ko loaded and cgroup2 at $CGROOT"
	exit 1
fi

T=$(mktemp -d /tmp/gssk-gsskctl.XXXXXX) || exit 1
chmod 755 "$T"		# other uids read token files from here
old_max_ttl=$(cat $PARAMS/max_ttl)
old_default_ttl=$(cat $PARAMS/default_ttl)
old_max_tokens=$(cat $PARAMS/max_tokens_per_user)
old_maxbytes=$(cat /proc/sys/kernel/keys/maxbytes)
RING=
cleanup() {
	echo "$old_max_ttl" >$PARAMS/max_ttl
	echo "$old_default_ttl" >$PARAMS/default_ttl
	echo "$old_max_tokens" >$PARAMS/max_tokens_per_user
	echo "$old_maxbytes" >/proc/sys/kernel/keys/maxbytes
	[ -z "$RING" ] || keyctl unlink "$RING" @s >/dev/null 2>&1
	for d in "$CG/a/sub" "$CG/a" "$CG/b" "$CG"; do
		[ -d "$d" ] && rmdir "$d"
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---- TAP ----

n=0 failed=0
pass() {
	n=$((n + 1))
	echo "ok $n - $1"
}
# fail NAME [EXPECTED]: a failed check, with what was expected and got
fail() {
	n=$((n + 1)) failed=$((failed + 1))
	echo "not ok $n - $1"
	if [ $# -ge 2 ]; then
		printf '%s\n' "$2" | sed 's/^/#   expected: /'
	fi
	echo "#   exit status: $rc"
	printf '%s\n' "$out" | sed 's/^/#   stdout: /'
	printf '%s\n' "$err" | sed 's/^/#   stderr: /'
}
# verdict NAME STATUS [EXPECTED]: pass if STATUS is 0
verdict() {
	if [ "$2" -eq 0 ]; then
		pass "$1"
	else
		fail "$1" "${3-}"
	fi
}

# ---- running commands ----

# cap CMD...: run CMD; $rc, $out (stdout), $err (stderr without the line
# "keyctl session" prints). Standard input is the caller's.
cap() {
	"$@" >"$T/out" 2>"$T/err.raw"
	rc=$?
	grep -v '^Joined session keyring: [0-9]*$' "$T/err.raw" >"$T/err"
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}
# g ARGS...: cap the CLI, standard input empty
g() {
	cap "$GSSK" "$@" </dev/null
}
# in_cg DIR CMD...: CMD moved into cgroup DIR (as root, same session)
in_cg() {
	cgdir=$1
	shift
	sh -c 'echo $$ >"$0/cgroup.procs" || exit 125; exec "$@"' "$cgdir" "$@"
}
# other UID DIR CMD...: CMD as UID:UID without supplementary groups, in a
# new session keyring of its own, in cgroup DIR ("-": the caller's). UID 0
# is root in a new session.
other() {
	ouid=$1 ocg=$2
	shift 2
	set -- keyctl session - "$@"
	[ "$ouid" = 0 ] ||
		set -- setpriv --reuid "$ouid" --regid "$ouid" --clear-groups "$@"
	if [ "$ocg" = - ]; then
		"$@"
	else
		in_cg "$ocg" "$@"
	fi
}
# same UID CMD...: CMD as UID:UID, keeping this session keyring (so that
# it possesses the keys linked there)
same() {
	suid=$1
	shift
	setpriv --reuid "$suid" --regid "$suid" --clear-groups "$@"
}

# ---- checks on the last cap ----

# is_line TEXT ERE: TEXT is one line matching ERE
is_line() {
	case $1 in *"$nl"*) return 1 ;; esac
	printf '%s\n' "$1" | grep -Eqx -- "$2"
}
# ok_out NAME EXPECTED: exit 0, nothing on stderr, stdout EXPECTED
ok_out() {
	[ "$rc" -eq 0 ] && [ -z "$err" ] && [ "$out" = "$2" ]
	verdict "$1" $? "exit 0, stdout:$nl$2"
}
# ok_re NAME ERE: exit 0, nothing on stderr, stdout one line matching ERE
ok_re() {
	[ "$rc" -eq 0 ] && [ -z "$err" ] && is_line "$out" "$2"
	verdict "$1" $? "exit 0, one line on stdout matching $2"
}
# ok_serial NAME: exit 0, stdout a key serial (in $serial, else empty)
ok_serial() {
	serial=
	ok_re "$1" '[1-9][0-9]*' && serial=$out
}
# ok_silent NAME: exit 0, nothing on stdout or stderr
ok_silent() {
	[ "$rc" -eq 0 ] && [ -z "$out" ] && [ -z "$err" ]
	verdict "$1" $? "exit 0, no output"
}
# refused NAME CMD MAJOR MINOR [MESSAGE]: exit 1, no stdout, stderr exactly
# the one line "gsskctl: CMD: MAJOR; MINOR[: MESSAGE]"
refused() {
	want="gsskctl: $2: $3; $4${5+: $5}"
	[ "$rc" -eq 1 ] && [ -z "$out" ] && [ "$err" = "$want" ]
	verdict "$1" $? "exit 1, stderr: $want"
}
# failed_with NAME STDERR: exit 1, no stdout, stderr exactly STDERR
failed_with() {
	[ "$rc" -eq 1 ] && [ -z "$out" ] && [ "$err" = "$2" ]
	verdict "$1" $? "exit 1, stderr: $2"
}
# usage NAME CMD PROBLEM: exit 2, no stdout, stderr "gsskctl: CMD: PROBLEM"
# and "Try 'gsskctl help CMD'." (CMD empty: "gsskctl: PROBLEM" and "Try
# 'gsskctl help'.")
usage() {
	want="gsskctl: ${2:+$2: }$3${nl}Try 'gsskctl help${2:+ $2}'."
	[ "$rc" -eq 2 ] && [ -z "$out" ] && [ "$err" = "$want" ]
	verdict "$1" $? "exit 2, stderr:$nl$want"
}

# ---- expected texts ----

# GSS major status messages (lib/status.c)
M_FAILURE="The operation failed for a mechanism-specific reason"
M_NO_CONTEXT="No valid security context was supplied"
M_EXPIRED="The security context has expired"
M_DEFECTIVE="The token is defective"
M_UNAUTHORIZED="Local security policy forbids the operation"
M_UNAVAILABLE="The operation or option is not available"
# gssk minor status messages
m_no_such="no gssk context has this key serial"
m_permission="the caller lacks the key permission the operation needs"
m_not_gssk="the key serial names a key that is not of type gssk"
m_expired="the security context is past its end time"
m_not_trans="the context lacks GSS_C_TRANS_FLAG and cannot be exported"
m_enctype="unsupported Kerberos enctype (gssk takes 17, 18, 19, 20, and 25, 26 where the kernel has crypto/krb5)"
m_key_length="the key length does not suit the enctype"
m_keyring="the destination keyring cannot be used"
m_tok_length="the interprocess token has the wrong length"
m_tok_magic="the interprocess token lacks the gssk magic"
m_tok_version="the interprocess token has an unsupported version"
m_tok_unknown="the interprocess token is unknown, used or its context gone"
m_tok_expired="the interprocess token outlived its time to live"
m_wrong_uid="the importer's euid is not the one the export allows"
m_wrong_session="the importer does not share the exporter's session keyring"
m_wrong_cgroup="the importer is outside the cgroup the export allows"
m_too_many="the user has too many tokens awaiting import"
m_bad_ttl="the token time to live is zero or above the module's max_ttl"
m_bad_policy="the export policy has unknown or inconsistent flags"
m_bad_cgroup="the policy's file descriptor is not a cgroup v2 directory"
m_duplicate="the keyring already holds a context with this description"
m_bad_argument="an argument is out of range"
# kernel (extack) and libgssk messages
k_no_key="no key with this serial"
# The kernel names what it takes: 25 and 26 too where gssk runs on the
# kernel's crypto/krb5 (krb5.ko is then held by gssk).
if [ -e /sys/module/krb5/holders/gssk ]; then
	k_enctype="gssk: enctype not supported (use 17, 18, 19, 20, 25 or 26)"
else
	k_enctype="gssk: enctype not supported (use 17, 18, 19 or 20)"
fi
k_key_length="gssk: key length does not match the enctype"
k_past="gssk: end time is in the past"
k_expired="gssk: security context has expired"
k_not_trans="gssk: context lacks GSS_C_TRANS_FLAG and cannot be exported"
k_permission="gssk: caller neither possesses nor is granted the context key"
k_keyring="gssk: destination keyring cannot take the context key"
k_not_keyring="gssk: the destination is not a keyring"
k_duplicate="gssk: the keyring already holds a context with this description"
# IMPORT's TOKEN length is the policy's (NLA_POLICY_EXACT_LEN): the
# netlink core's message, which names the attribute; libgssk maps it.
k_tok_length="binary attribute size out of range"
k_tok_magic="gssk: not a gssk token (bad magic)"
k_tok_version="gssk: unsupported token version"
k_tok_unknown="gssk: unknown token: never issued, already imported or expired"
k_tok_expired="gssk: token has expired"
k_wrong_uid="gssk: token is bound to another uid"
k_wrong_session="gssk: token is bound to the exporter's session keyring"
k_wrong_cgroup="gssk: importer is not in the cgroup the token is bound to"
k_too_many="gssk: too many pending tokens for this user (module parameter max_tokens_per_user)"
k_bad_ttl="gssk: time to live must be 1 to max_ttl seconds (module parameter)"
k_bad_policy="gssk: choose one of GSSK_POLICY_CGROUP and GSSK_POLICY_OWN_CGROUP"
k_bad_cgroup="gssk: policy cgroup fd is not an open cgroup v2 directory"

ename() {
	case $1 in
	17) echo "17 (aes128-cts-hmac-sha1-96)" ;;
	18) echo "18 (aes256-cts-hmac-sha1-96)" ;;
	19) echo "19 (aes128-cts-hmac-sha256-128)" ;;
	20) echo "20 (aes256-cts-hmac-sha384-192)" ;;
	*) echo "$1" ;;
	esac
}

# fields INITIATOR ACCEPTOR ENCTYPE SUBKEY-ENCTYPE ROLE FLAGS LIFETIME
#        ENDTIME: what show prints after its serial line ("-" for no
#        subkey; LIFETIME "~" for a number checked apart)
fields() {
	sub=none
	[ "$4" = - ] || sub=$(ename "$4")
	printf 'initiator: %s\nacceptor: %s\nenctype: %s\nsubkey-enctype: %s\nrole: %s\nflags: %s\nlifetime: %s\nendtime: %s\nmech: %s\nopen: yes' \
		"$1" "$2" "$(ename "$3")" "$sub" "$5" "$6" "$7" "$8" "$MECH"
}
# SHOWN: the lines of show that fields() leaves out (the description and
# the sequence numbers, checked apart)
SHOWN='^(serial|description|send-seq|recv-seq): '
# ok_inquire NAME SERIAL FIELDS [MIN MAX]: the last cap is a show of
# SERIAL printing FIELDS (besides $SHOWN); with MIN MAX, its lifetime
# (given as "~" in FIELDS) is a number from MIN to MAX.
ok_inquire() {
	want="serial: $2$nl$3"
	got="serial: $2$nl$(printf '%s\n' "$out" | grep -Ev "$SHOWN")"
	[ "$(printf '%s\n' "$out" | sed -n 1p)" = "serial: $2" ] || got=$out
	if [ $# -ge 4 ]; then
		got=$(printf '%s\n' "$got" | sed 's/^lifetime: [0-9][0-9]*$/lifetime: ~/')
		life=$(printf '%s\n' "$out" | sed -n 's/^lifetime: \([0-9][0-9]*\)$/\1/p')
	fi
	[ "$rc" -eq 0 ] && [ -z "$err" ] && [ "$got" = "$want" ] &&
		{ [ $# -lt 4 ] || { [ -n "$life" ] && [ "$life" -ge "$4" ] &&
			[ "$life" -le "$5" ]; }; }
	verdict "$1" $? "exit 0, stdout:$nl$want${4+$nl(lifetime from $4 to $5)}"
}

# rdesc NAME SERIAL UID DESCRIPTION-ERE: keyctl rdescribe shows a gssk key
# of UID with the permissions gssk gives and a matching description
rdesc() {
	cap keyctl rdescribe "$2"
	want="gssk;$3;$3;3f010000;$4"
	[ "$rc" -eq 0 ] && is_line "$out" "$want"
	verdict "$1" $? "keyctl rdescribe: $want"
}
# tf TOKEN: a new file (mode 0644, in $T) holding TOKEN, its path printed
tf() {
	tff=$(mktemp "$T/tok.XXXXXX") && chmod 644 "$tff" &&
		printf '%s\n' "$1" >"$tff" && echo "$tff"
}
# hexf HEX: a new file holding the bytes HEX spells (a raw token)
hexf() {
	hff=$(mktemp "$T/raw.XXXXXX") || return 1
	# shellcheck disable=SC2046 # one byte per word
	printf "$(printf '\\%03o' $(printf '%s' "$1" | sed 's/../0x& /g'))" >"$hff"
	chmod 644 "$hff" && echo "$hff"
}
# linked RING SERIAL: SERIAL is linked in RING
linked() {
	keyctl rlist "$1" 2>/dev/null | tr ' ' '\n' | grep -qx "$2"
}

# load_ctx ENCTYPE FLAGS [OPTIONS...]: load a context with a random key
# and print its serial (for setups; the checks are elsewhere)
load_ctx() {
	le=$1 lf=$2
	shift 2
	lk=$("$GSSK" random-key --enctype "$le") &&
		"$GSSK" load --enctype "$le" --key "$lk" --role initiator \
			--flags "$lf" "$@" </dev/null
}

mkdir -p "$CG/a/sub" "$CG/b" || exit 1
RING=$(keyctl newring gssk-gsskctl.$$ @s) || exit 1
D=cli$$		# description prefix, unique in the session keyring
# a 40-byte token in base64: "GSSK", version 1, zeros, 32 random bytes
TOKRE='R1NTSwEAAA[A-P][A-Za-z0-9+/]{42}[AQgw]=='
KEY16=000102030405060708090a0b0c0d0e0f
KEY32=${KEY16}101112131415161718191a1b1c1d1e1f
TRANS=mutual,integ,trans

# ==== help and usage errors ====

g --help
help=$out
missing=
for c in status list show export import delete load random-key explain help; do
	printf '%s\n' "$out" | grep -q "^  $c " || missing="$missing $c"
done
[ "$rc" -eq 0 ] && [ -z "$err" ] && [ -z "$missing" ] &&
	[ "$(printf '%s\n' "$out" | head -n 1)" = "usage: gsskctl [-v] COMMAND [ARGS]" ]
verdict "--help: usage with every command, exit 0" $? \
	"usage: gsskctl [-v] COMMAND [ARGS] ... (commands missing:${missing:- none})"
for h in -h help; do
	g $h
	ok_out "$h: the same text as --help" "$help"
done

g
usage "no command: exit 2" "" "no command"
g frobnicate
usage "unknown command: exit 2" "" 'unknown command "frobnicate"'
g -x show 1
usage "unknown global option: exit 2" "" 'unknown option "-x"'
g show
usage "show without SERIAL: exit 2" show "expected one SERIAL"
g show 1 2
usage "show with two SERIALs: exit 2" show "expected one SERIAL"
for s in 0 -1 abc 2147483648 " 5"; do
	g show -- "$s"
	usage "show '$s': not a key serial, exit 2" show "\"$s\" is not a key serial"
done
g show --bogus 1
usage "show --bogus: exit 2" show "unknown option or missing value: --bogus"
g delete
usage "delete without SERIAL: exit 2" delete "expected one SERIAL"
g delete 1 2
usage "delete with two SERIALs: exit 2" delete "expected one SERIAL"
g export
usage "export without SERIAL: exit 2" export "expected one SERIAL"
g export 5 --ttl
usage "export --ttl without value: exit 2" export "unknown option or missing value: --ttl"
g export 5 --ttl 0
usage "export --ttl 0: exit 2" export "--ttl: must be at least 1"
g export 5 --ttl -1
usage "export --ttl -1: exit 2" export '--ttl: "-1" is not a number from 0 to 4294967295'
g export 5 --ttl 4294967296
usage "export --ttl 2^32: exit 2" export '--ttl: "4294967296" is not a number from 0 to 4294967295'
g export 5 --uid 4294967295
usage "export --uid 4294967295: exit 2" export '--uid: "4294967295" is not a number from 0 to 4294967294'
g export 5 --uid root
usage "export --uid root: exit 2" export '--uid: "root" is not a number from 0 to 4294967294'
g import R1NTSwEAAAA=
usage "import refuses a token on the command line: exit 2" import \
	'unexpected argument "R1NTSwEAAAA=" (the token comes on standard input or with --in FILE)'
f=$(tf 'R1NTS=wE')
g import --in "$f"
usage "import of base64 with a digit after the padding: exit 2" import \
	"the token from $f is not valid base64 of at most 4096 bytes"
f=$(tf 'R1NTSwEAA')
g import --in "$f"
usage "import of base64 with a lone digit: exit 2" import \
	"the token from $f is not valid base64 of at most 4096 bytes"
g import
usage "import of empty standard input: exit 2" import "the token from standard input is empty"
g import --keyring @x
usage "import --keyring @x: exit 2" import '--keyring: "@x" is not a keyring serial or @t, @p, @s, @u, @us'
g explain
usage "explain without MAJOR: exit 2" explain "expected MAJOR [MINOR]"
g explain 1 2 3
usage "explain with three codes: exit 2" explain "expected MAJOR [MINOR]"
g explain x
usage "explain x: exit 2" explain '"x" is not a 32-bit number'
g explain 0 0x100000000
usage "explain with a minor above 32 bits: exit 2" explain '"0x100000000" is not a 32-bit number'
g random-key
usage "random-key without --enctype: exit 2" random-key "--enctype is required"
g random-key --enctype 16
usage "random-key --enctype 16: exit 2" random-key '--enctype: unknown enctype "16" (17, 18, 19 or 20)'
g random-key --enctype 17 x
usage "random-key with an argument: exit 2" random-key 'unexpected argument "x"'

# gl [OPTIONS...]: g load of a valid enctype 17 context, with OPTIONS
gl() {
	g load --enctype 17 --key "$KEY16" --role initiator --flags mutual "$@"
}
g load --enctype 17 --key "$KEY16" --role initiator
usage "load without --flags: exit 2" load "--enctype, --key, --role and --flags are required"
g load --key "$KEY16" --role initiator --flags none
usage "load without --enctype: exit 2" load "--enctype, --key, --role and --flags are required"
g load --enctype 17 --role initiator --flags none
usage "load without --key: exit 2" load "--enctype, --key, --role and --flags are required"
g load --enctype 17 --key "$KEY16" --flags none
usage "load without --role: exit 2" load "--enctype, --key, --role and --flags are required"
g load --enctype des --key "$KEY16" --role initiator --flags none
usage "load --enctype des: exit 2" load '--enctype: unknown enctype "des" (17, 18, 19 or 20)'
g load --enctype 17 --key "$KEY16" --role both --flags none
usage "load --role both: exit 2" load '--role: "both" is neither initiator nor acceptor'
g load --enctype 17 --key "$KEY16" --role initiator --flags mutual,bogus
usage "load with a bad flags word: exit 2" load '--flags: unknown flag "bogus"'
g load --enctype 17 --key "$KEY16" --role initiator --flags none,mutual
usage "load --flags none,mutual: exit 2" load '--flags: unknown flag "none"'
g load --enctype 17 --key "$KEY16" --role initiator --flags MUTUAL
usage "load --flags in capitals: exit 2" load '--flags: unknown flag "MUTUAL"'
g load --enctype 17 --key 0g --role initiator --flags none
usage "load with a non-hex key: exit 2" load "--key: expected 1 to 64 bytes in hex"
g load --enctype 17 --key "$KEY32$KEY32"00 --role initiator --flags none
usage "load with a 65-byte key: exit 2" load "--key: expected 1 to 64 bytes in hex"
g load --enctype 17 --key "" --role initiator --flags none
usage "load with an empty key: exit 2" load "--key: expected 1 to 64 bytes in hex"
gl --subkey "$KEY16"
usage "load --subkey without --subkey-enctype: exit 2" load "--subkey and --subkey-enctype go together"
gl --subkey-enctype 17
usage "load --subkey-enctype without --subkey: exit 2" load "--subkey and --subkey-enctype go together"
gl --lifetime 5 --endtime 99999999999
usage "load --lifetime with --endtime: exit 2" load "--lifetime and --endtime exclude each other"
gl --lifetime 4294967296
usage "load --lifetime 2^32: exit 2" load '--lifetime: "4294967296" is not a number from 0 to 4294967295'
gl --endtime 9223372036854775808
usage "load --endtime 2^63: exit 2" load '--endtime: "9223372036854775808" is not a number from 0 to 9223372036854775807'
gl --send-seq -1
usage "load --send-seq -1: exit 2" load '--send-seq: "-1" is not a number from 0 to 18446744073709551615'
gl --recv-seq 18446744073709551616
usage "load --recv-seq 2^64: exit 2" load '--recv-seq: "18446744073709551616" is not a number from 0 to 18446744073709551615'
gl --keyring @q
usage "load --keyring @q: exit 2" load '--keyring: "@q" is not a keyring serial or @t, @p, @s, @u, @us'
gl --keyring 0
usage "load --keyring 0: exit 2" load '--keyring: "0" is not a keyring serial or @t, @p, @s, @u, @us'
gl --description
usage "load --description without value: exit 2" load "unknown option or missing value: --description"
gl extra
usage "load with an argument: exit 2" load 'unexpected argument "extra"'
printf '%s\n' "$KEY16" >"$T/key"
cap "$GSSK" load --enctype 17 --key - --role initiator --flags none \
	--subkey - --subkey-enctype 17 <"$T/key"
usage "load --key - --subkey -: exit 2" load "--subkey: standard input is already used"
before=$(keyctl rlist @s)
cap "$GSSK" load --enctype 17 --key - --role initiator --flags none </dev/null
usage "load --key - with empty standard input: exit 2" load "--key: expected 1 to 64 bytes in hex"
[ "$(keyctl rlist @s)" = "$before" ]
verdict "the usage errors of load added no key to the session keyring" $?

# ==== random-key ====

for e in 17:32 18:64 19:32 20:64 aes128-cts-hmac-sha1-96:32 \
	aes256-cts-hmac-sha1-96:64 aes128-cts-hmac-sha256-128:32 \
	aes256-cts-hmac-sha384-192:64; do
	g random-key --enctype "${e%%:*}"
	ok_re "random-key --enctype ${e%%:*}: ${e##*:} hex digits" "[0-9a-f]{${e##*:}}"
done
k1=$("$GSSK" random-key --enctype 20) k2=$("$GSSK" random-key --enctype 20)
[ -n "$k1" ] && [ "$k1" != "$k2" ]
verdict "two random keys differ" $?

# ==== load and show ====

# Each enctype, by number and by name, with a key from random-key.
for e in 17 18 19 20; do
	for how in number name; do
		arg=$e
		[ $how = number ] || arg=$(ename $e | sed 's/.*(\(.*\))/\1/')
		key=$("$GSSK" random-key --enctype $e)
		g load --enctype "$arg" --key "$key" --role initiator --flags none
		ok_serial "load --enctype $arg: prints a serial"
		[ -n "$serial" ] || continue
		g show "$serial"
		ok_inquire "show: enctype $e loaded by $how, no options" "$serial" \
			"$(fields "" "" $e - initiator none indefinite none)"
	done
done
rdesc "no --description: the kernel names the key gssk:N" "$serial" 0 \
	'gssk:[1-9][0-9]*'
linked @s "$serial"
verdict "without --keyring the key is in the session keyring" $?

# Every option at once; the subkey comes from standard input.
key=$("$GSSK" random-key --enctype 18)
"$GSSK" random-key --enctype 20 >"$T/subkey"
end=$(($(date +%s) + 7200))
cap "$GSSK" load --enctype aes256-cts-hmac-sha1-96 --key "$key" \
	--subkey - --subkey-enctype 20 --role acceptor \
	--flags trans,prot_ready,anon,integ,conf,sequence,replay,mutual,deleg \
	--send-seq 42 --recv-seq 18446744073709551615 \
	--initiator alice@EXAMPLE.COM \
	--acceptor nfs/server.example.com@EXAMPLE.COM \
	--endtime $end --keyring "$RING" --description "$D-full" <"$T/subkey"
ok_serial "load with every option (subkey from standard input)"
full=$serial
FULL=$(fields alice@EXAMPLE.COM nfs/server.example.com@EXAMPLE.COM 18 20 \
	acceptor deleg,mutual,replay,sequence,conf,integ,anon,prot_ready,trans \
	"~" $end)
g show "$full"
ok_inquire "show shows names, enctypes, role, flags (in order) and --endtime" \
	"$full" "$FULL" 7150 7200
linked "$RING" "$full" && ! linked @s "$full"
verdict "--keyring: the key is in the keyring keyctl newring made, not in @s" $?
rdesc "--description: keyctl shows it" "$full" 0 "$D-full"

# --key - and --lifetime; the key on the command line also works for --subkey.
now=$(date +%s)
cap "$GSSK" load --enctype 19 --key - --role initiator --flags conf,integ \
	--subkey "$KEY32" --subkey-enctype aes256-cts-hmac-sha1-96 \
	--lifetime 3600 --description "$D-life" <"$T/key"
ok_serial "load --key - (from standard input) --lifetime 3600"
s=$serial
g show "$s"
endtime=$(printf '%s\n' "$out" | sed -n 's/^endtime: //p')
ok_inquire "show: --lifetime 3600 counts down from 3600" "$s" \
	"$(fields "" "" 19 18 initiator conf,integ "~" "$endtime")" 3550 3600
[ -n "$endtime" ] && [ "$endtime" -ge $((now + 3600)) ] &&
	[ "$endtime" -le $(($(date +%s) + 3600)) ]
verdict "show: --lifetime 3600 sets the end time to now + 3600" $? \
	"from $((now + 3600)) to now + 3600"

for opt in "--lifetime 0" "--endtime 0"; do
	# shellcheck disable=SC2086 # two words
	g load --enctype 20 --key "$KEY32" --role acceptor --flags replay $opt
	ok_serial "load $opt"
	g show "$serial"
	ok_inquire "show: $opt never ends" "$serial" \
		"$(fields "" "" 20 - acceptor replay indefinite none)"
done

far=$(($(date +%s) + 5000000000))
g load --enctype 17 --key "$KEY16" --role initiator --flags none --endtime $far
ok_serial "load --endtime beyond 2^32 seconds from now"
g show "$serial"
ok_inquire "show: a lifetime beyond 32 bits shows as 4294967294" "$serial" \
	"$(fields "" "" 17 - initiator none 4294967294 $far)"
g load --enctype 17 --key "$KEY16" --role initiator --flags none \
	--endtime 9223372036854775807
ok_serial "load --endtime 2^63-1"
g show "$serial"
ok_inquire "show: --endtime 2^63-1 shown back" "$serial" \
	"$(fields "" "" 17 - initiator none 4294967294 9223372036854775807)"

# Names and descriptions up to the limits (1023 and 255 bytes).
n1023=$(printf '%1023s' "" | tr ' ' n)
d255=$(printf '%255s' "" | tr ' ' d)
g load --enctype 17 --key "$KEY16" --role initiator --flags none \
	--initiator "$n1023" --acceptor "x$n1023" --description "$d255"
refused "load: an acceptor name of 1024 bytes is refused by libgssk" load \
	"$M_FAILURE" "$m_bad_argument" "acceptor name longer than 1023 bytes"
g load --enctype 17 --key "$KEY16" --role initiator --flags none \
	--initiator "$n1023" --acceptor "$n1023" --description "x$d255"
refused "load: a description of 256 bytes is refused by libgssk" load \
	"$M_FAILURE" "$m_bad_argument" "description longer than 255 bytes"
g load --enctype 17 --key "$KEY16" --role initiator --flags none \
	--initiator "$n1023" --acceptor "$n1023" --description "$d255"
ok_serial "load: names of 1023 bytes and a description of 255 bytes"
if [ -n "$serial" ]; then
	g show "$serial"
	ok_inquire "show: names of 1023 bytes shown back whole" "$serial" \
		"$(fields "$n1023" "$n1023" 17 - initiator none indefinite none)"
	rdesc "a description of 255 bytes shown back whole" "$serial" 0 "$d255"
	g delete "$serial"
	ok_silent "delete the context with long names"
fi

# -- ends the options; options may follow the positional argument.
g show -- "$full"
ok_inquire "show -- SERIAL" "$full" "$FULL" 7150 7200

# ==== load refusals ====

before=$(keyctl rlist "$RING")
g load --enctype 23 --key "$KEY16" --role initiator --flags none --keyring "$RING"
refused "load --enctype 23: bad enctype" load "$M_FAILURE" "$m_enctype" "$k_enctype"
g load --enctype 0 --key "$KEY16" --role initiator --flags none --keyring "$RING"
refused "load --enctype 0: bad enctype" load "$M_FAILURE" "$m_enctype" "$k_enctype"
gl --subkey "$KEY16" --subkey-enctype 16 --keyring "$RING"
refused "load --subkey-enctype 16: bad enctype" load "$M_FAILURE" "$m_enctype" "$k_enctype"
g load --enctype 18 --key "$KEY16" --role initiator --flags none --keyring "$RING"
refused "load: a 16-byte key for enctype 18" load "$M_FAILURE" "$m_key_length" "$k_key_length"
g load --enctype 17 --key "$KEY32" --role initiator --flags none --keyring "$RING"
refused "load: a 32-byte key for enctype 17" load "$M_FAILURE" "$m_key_length" "$k_key_length"
g load --enctype 20 --key "${KEY32}00" --role initiator --flags none --keyring "$RING"
refused "load: a 33-byte key for enctype 20" load "$M_FAILURE" "$m_key_length" "$k_key_length"
gl --subkey "$KEY32" --subkey-enctype 19 --keyring "$RING"
refused "load: a 32-byte subkey for enctype 19" load "$M_FAILURE" "$m_key_length" "$k_key_length"
gl --endtime 1 --keyring "$RING"
refused "load --endtime 1: past end time" load "$M_EXPIRED" "$m_expired" "$k_past"
gl --endtime $(($(date +%s) - 1)) --keyring "$RING"
refused "load --endtime a second ago: past end time" load "$M_EXPIRED" "$m_expired" "$k_past"
gl --keyring "$RING" --description "$D-full"
refused "load: a description in use in the keyring" load "$M_FAILURE" "$m_duplicate" "$k_duplicate"
[ "$(keyctl rlist "$RING")" = "$before" ]
verdict "the refused loads added no key to the keyring" $?
gl --description "$D-full"
ok_serial "load: the same description in another keyring is fine"
ukey=$(keyctl add user "$D-user" data @s)
gl --keyring "$ukey"
refused "load --keyring of a user key" load "$M_FAILURE" "$m_keyring" "$k_not_keyring"
cap other 1000 - "$GSSK" load --enctype 17 --key "$KEY16" --role initiator \
	--flags none --keyring "$RING" </dev/null
refused "load as uid 1000 into root's keyring" load "$M_FAILURE" "$m_keyring" "$k_keyring"
cap other 1000 - "$GSSK" load --enctype 17 --key "$KEY16" --role initiator \
	--flags none </dev/null
ok_serial "load as uid 1000 into its own session keyring"
echo 50 >/proc/sys/kernel/keys/maxbytes
cap other 4243 - "$GSSK" load --enctype 17 --key "$KEY16" --role initiator \
	--flags none </dev/null
refused "load beyond the owner's key quota (maxbytes 50)" load "$M_FAILURE" \
	"the key owner's key quota is exhausted" \
	"gssk: key quota of the owner exhausted (see /proc/sys/kernel/keys/maxkeys, maxbytes)"
echo "$old_maxbytes" >/proc/sys/kernel/keys/maxbytes
cap other 4243 - "$GSSK" load --enctype 17 --key "$KEY16" --role initiator \
	--flags none </dev/null
ok_serial "load by the same uid with the quota restored"

# ==== show and delete refusals ====

g show "$ukey"
refused "show of a user key" show "$M_NO_CONTEXT" "$m_not_gssk" \
	"key $ukey is of type \"user\", not \"gssk\""
g delete "$ukey"
refused "delete of a user key" delete "$M_NO_CONTEXT" "$m_not_gssk" \
	"key $ukey is of type \"user\", not \"gssk\""
g -v show "$ukey"
refused "-v adds the numeric codes at the end of the one line" show \
	"$M_NO_CONTEXT" "$m_not_gssk" \
	"key $ukey is of type \"user\", not \"gssk\" (major 0x00080000, minor 0x47534b03)"
cap other 1000 - "$GSSK" show "$full" </dev/null
refused "show of root's context by uid 1000" show "$M_NO_CONTEXT" \
	"$m_permission" "$k_permission"
cap other 1000 - "$GSSK" delete "$full" </dev/null
refused "delete of root's context by uid 1000" delete "$M_NO_CONTEXT" \
	"$m_permission" "$k_permission"
cap other 1000 - "$GSSK" export "$full" --any-session </dev/null
refused "export of root's context by uid 1000" export "$M_NO_CONTEXT" \
	"$m_permission" "$k_permission"
g show "$full"
ok_inquire "root's context is still there" "$full" "$FULL" 7150 7200

# ==== delete ====

s=$(load_ctx 17 none --description "$D-del")
g delete "$s"
ok_silent "delete: exit 0, no output"
g show "$s"
refused "show after delete" show "$M_NO_CONTEXT" "$m_no_such" "$k_no_key"
g delete "$s"
refused "delete after delete" delete "$M_NO_CONTEXT" "$m_no_such" "$k_no_key"
! linked @s "$s"
verdict "delete unlinks the key from the session keyring" $?
gl --description "$D-del"
ok_serial "the description of a deleted context can be used again"

s=$(load_ctx 19 trans --lifetime 2 --description "$D-expiring")
# and one that expires while its export token is pending
s2=$(load_ctx 19 trans --lifetime 2 --description "$D-expiring2")
g export "$s2" --ttl 60
ok_re "export of a context that ends in 2 s" "$TOKRE"
tok=$out
sleep 3
g import --in "$(tf "$tok")"
refused "import of a token whose context has ended" import "$M_NO_CONTEXT" \
	"$m_expired" "gssk: the exported security context has expired"
g show "$s"
refused "show of an expired context" show "$M_EXPIRED" "$m_expired" "$k_expired"
g export "$s" --any-session
refused "export of an expired context" export "$M_EXPIRED" "$m_expired" "$k_expired"
g delete "$s"
ok_silent "delete of an expired context: exit 0"
g show "$s"
refused "show after deleting the expired context" show "$M_NO_CONTEXT" \
	"$m_no_such" "$k_no_key"

# ==== export ====

s=$(load_ctx 18 "$TRANS" --initiator a@R --acceptor b@R --description "$D-x1")
g export "$s"
ok_re "export: a 40-byte token in base64 on stdout" "$TOKRE"
tok=$out
g show "$s"
refused "export: the exported serial stops working" show "$M_NO_CONTEXT" \
	"$m_no_such" "$k_no_key"
g import --in "$(tf "$tok")"
ok_serial "import --in FILE of base64 (default policy: same uid and session)"
s=$serial
g show "$s"
ok_inquire "import: the context comes back unchanged" "$s" \
	"$(fields a@R b@R 18 - initiator "$TRANS" indefinite none)"
g import --in "$(tf "$tok")"
refused "import of a spent token" import "$M_NO_CONTEXT" "$m_tok_unknown" "$k_tok_unknown"

g export "$s" --out "$T/tok64"
ok_silent "export --out FILE: nothing on stdout"
[ "$(wc -l <"$T/tok64")" -eq 1 ] && is_line "$(cat "$T/tok64")" "$TOKRE" &&
	[ "$(stat -c %a "$T/tok64")" = 600 ]
verdict "export --out FILE: one line of base64, mode 0600" $?
g import --in "$T/tok64"
ok_serial "import --in FILE of the base64 file"
s=$serial
g export "$s" --raw --out "$T/tok"
ok_silent "export --raw --out FILE: nothing on stdout"
[ "$(wc -c <"$T/tok")" -eq 40 ] &&
	[ "$(od -An -tx1 -N8 "$T/tok" | tr -d ' ')" = 4753534b01000000 ] &&
	[ "$(stat -c %a "$T/tok")" = 600 ]
verdict "export --raw --out FILE: a 40-byte binary token, mode 0600" $?
g import --in "$T/tok" --keyring "$RING"
ok_serial "import --in FILE of the raw token --keyring RING"
s=$serial
linked "$RING" "$s" && ! linked @s "$s"
verdict "import --keyring: the key is in that keyring, not in @s" $?
g show "$s"
ok_inquire "import --in FILE: the context comes back" "$s" \
	"$(fields a@R b@R 18 - initiator "$TRANS" indefinite none)"

cap sh -c '"$0" export "$1" | "$0" import' "$GSSK" "$s"
ok_serial "export | import: the token in base64 on standard input"
s=$serial
# (the VM's devtmpfs has no /dev/stdout)
cap sh -c '"$0" export "$1" --raw | "$0" import --in -' "$GSSK" "$s"
ok_serial "export --raw | import --in -: raw bytes on standard input"
s=$serial
g show "$s"
ok_inquire "the context survived five moves" "$s" \
	"$(fields a@R b@R 18 - initiator "$TRANS" indefinite none)"

g export "$s" --out "$T/no/such/dir"
tok=$(printf '%s\n' "$err" | sed -n 2p)
[ "$rc" -eq 1 ] && [ -z "$out" ] &&
	[ "$(printf '%s\n' "$err" | sed -n 1p)" = \
		"gsskctl: export: cannot write $T/no/such/dir: No such file or directory; the token is:" ] &&
	is_line "$tok" "$TOKRE" && [ "$(printf '%s\n' "$err" | wc -l)" -eq 2 ]
verdict "export --out to an unwritable path: exit 1, the token on stderr" $?
g import --in "$(tf "$tok")"
ok_serial "the token printed on stderr imports"
s=$serial

# a context without trans stays where it is
nt=$(load_ctx 17 mutual,integ --description "$D-notrans")
g export "$nt" --any-session
refused "export without the trans flag" export "$M_UNAVAILABLE" "$m_not_trans" "$k_not_trans"
g show "$nt"
ok_inquire "the context without trans is still there" "$nt" \
	"$(fields "" "" 17 - initiator mutual,integ indefinite none)"

# --ttl and the module's max_ttl
max=$(cat $PARAMS/max_ttl)
g export "$s" --ttl $((max + 1))
refused "export --ttl max_ttl+1 ($((max + 1))) is refused" export \
	"$M_FAILURE" "$m_bad_ttl" "$k_bad_ttl"
g export "$s" --ttl 4294967295
refused "export --ttl 4294967295 is refused" export "$M_FAILURE" "$m_bad_ttl" "$k_bad_ttl"
g show "$s"
ok_inquire "a refused export leaves the context in place" "$s" \
	"$(fields a@R b@R 18 - initiator "$TRANS" indefinite none)"
g export "$s" --ttl "$max"
ok_re "export --ttl max_ttl ($max)" "$TOKRE"
g import --in "$(tf "$out")"
ok_serial "import of the max_ttl token"
s=$serial
echo 100 >$PARAMS/max_ttl
g export "$s" --ttl 101
refused "export --ttl 101 with max_ttl lowered to 100" export \
	"$M_FAILURE" "$m_bad_ttl" "$k_bad_ttl"
g export "$s" --ttl 100
ok_re "export --ttl 100 with max_ttl 100" "$TOKRE"
echo "$old_max_ttl" >$PARAMS/max_ttl
g import --in "$(tf "$out")"
ok_serial "import of the ttl 100 token"
s=$serial

# a token dies with its time to live: --ttl 1, and default_ttl
s2=$(load_ctx 17 trans --description "$D-ttl2")
g export "$s" --ttl 1
ok_re "export --ttl 1" "$TOKRE"
tok1=$out
echo 1 >$PARAMS/default_ttl
g export "$s2"
ok_re "export with default_ttl set to 1" "$TOKRE"
tok2=$out
echo "$old_default_ttl" >$PARAMS/default_ttl
sleep 3
for t in "--ttl 1:$tok1" "default_ttl 1:$tok2"; do
	g import --in "$(tf "${t#*:}")"
	if [ "$err" = "gsskctl: import: $M_NO_CONTEXT; $m_tok_expired: $k_tok_expired" ]; then
		refused "import after ${t%%:*} ran out (token expired)" import \
			"$M_NO_CONTEXT" "$m_tok_expired" "$k_tok_expired"
	else
		refused "import after ${t%%:*} ran out (token reaped)" import \
			"$M_NO_CONTEXT" "$m_tok_unknown" "$k_tok_unknown"
	fi
done

# max_tokens_per_user, as uid 4242 sharing this session keyring
echo 1 >$PARAMS/max_tokens_per_user
u1=$(same 4242 "$GSSK" load --enctype 17 --key "$KEY16" --role initiator \
	--flags trans </dev/null)
u2=$(same 4242 "$GSSK" load --enctype 17 --key "$KEY16" --role initiator \
	--flags trans </dev/null)
cap same 4242 "$GSSK" export "$u1"
ok_re "export as uid 4242: its one pending token" "$TOKRE"
utok=$out
cap same 4242 "$GSSK" export "$u2"
refused "export beyond max_tokens_per_user" export "$M_FAILURE" "$m_too_many" "$k_too_many"
cap same 4242 "$GSSK" import --in "$(tf "$utok")"
ok_serial "import of uid 4242's token"
cap same 4242 "$GSSK" export "$u2"
ok_re "after the import uid 4242 may export again" "$TOKRE"
cap same 4242 "$GSSK" import --in "$(tf "$out")"
ok_serial "import of uid 4242's second token"
echo "$old_max_tokens" >$PARAMS/max_tokens_per_user
rdesc "the imported key belongs to uid 4242" "$serial" 4242 'gssk:[1-9][0-9]*'

# ==== importer policies ====

# default: same euid and same session keyring
s=$(load_ctx 18 "$TRANS" --initiator a@R --acceptor b@R --description "$D-pol")
g export "$s"
tok=$out
cap other 0 - "$GSSK" import --in "$(tf "$tok")"
refused "default policy: root in another session is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_session" "$k_wrong_session"
cap same 1000 "$GSSK" import --in "$(tf "$tok")"
refused "default policy: uid 1000 in the same session is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_uid" "$k_wrong_uid"
g import --in "$(tf "$tok")"
ok_serial "default policy: the refusals left the token importable"
s=$serial

# --any-session
g export "$s" --any-session
tok=$out
cap other 1000 - "$GSSK" import --in "$(tf "$tok")"
refused "--any-session: another uid is still refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_uid" "$k_wrong_uid"
cap other 0 - sh -c 's=$("$0" import --in "$1") && "$0" show "$s" | grep -Ev "^(serial|description|send-seq|recv-seq): "' \
	"$GSSK" "$(tf "$tok")"
ok_out "--any-session: root in another session imports it" \
	"$(fields a@R b@R 18 - initiator "$TRANS" indefinite none)"

# --uid
s=$(load_ctx 20 "$TRANS" --description "$D-uid")
g export "$s" --uid 1000
tok=$out
g import --in "$(tf "$tok")"
refused "--uid 1000: root is refused" import "$M_UNAUTHORIZED" "$m_wrong_uid" "$k_wrong_uid"
cap other 1000 - "$GSSK" import --in "$(tf "$tok")"
refused "--uid 1000 (bound to the session): uid 1000 elsewhere is refused" \
	import "$M_UNAUTHORIZED" "$m_wrong_session" "$k_wrong_session"
cap same 1000 sh -c 's=$("$0" import --in "$1") && "$0" show "$s" | grep -Ev "^(serial|description|send-seq|recv-seq): "' \
	"$GSSK" "$(tf "$tok")"
ok_out "--uid 1000: uid 1000 in the exporter's session imports it" \
	"$(fields "" "" 20 - initiator "$TRANS" indefinite none)"

s=$(load_ctx 20 "$TRANS" --description "$D-uid2")
g export "$s" --any-session --uid 1000 --out "$T/tok1000"
chmod 644 "$T/tok1000"
cap other 1001 - "$GSSK" import --in "$T/tok1000"
refused "--uid 1000 --any-session: uid 1001 is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_uid" "$k_wrong_uid"
g import --in "$T/tok1000"
refused "--uid 1000 --any-session: root is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_uid" "$k_wrong_uid"
cap other 1000 - sh -c 's=$("$0" import --in "$1") && "$0" show "$s" | grep -Ev "^(serial|description|send-seq|recv-seq): " &&
	keyctl rdescribe "$s" | cut -d";" -f1-4' "$GSSK" "$T/tok1000"
ok_out "--uid 1000 --any-session: uid 1000 imports it into a key of its own" \
	"$(fields "" "" 20 - initiator "$TRANS" indefinite none)${nl}gssk;1000;1000;3f010000"

# --cgroup
s=$(load_ctx 17 "$TRANS" --description "$D-cg")
g export "$s" --cgroup "$CG/nonexistent"
failed_with "export --cgroup to a missing directory" \
	"gsskctl: export: cannot open cgroup directory $CG/nonexistent: No such file or directory"
g export "$s" --cgroup "$T"
refused "export --cgroup to a directory outside cgroup2" export \
	"$M_FAILURE" "$m_bad_cgroup" "$k_bad_cgroup"
g export "$s" --cgroup "$CG/a" --same-cgroup
refused "export --cgroup with --same-cgroup" export "$M_FAILURE" "$m_bad_policy" "$k_bad_policy"
g show "$s"
ok_inquire "the refused exports left the context in place" "$s" \
	"$(fields "" "" 17 - initiator "$TRANS" indefinite none)"
g export "$s" --cgroup "$CG/a" --any-session
tok=$out
g import --in "$(tf "$tok")"
refused "--cgroup a: root outside the cgroup is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_cgroup" "$k_wrong_cgroup"
cap in_cg "$CG/b" "$GSSK" import --in "$(tf "$tok")"
refused "--cgroup a: root in a sibling cgroup b is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_cgroup" "$k_wrong_cgroup"
cap in_cg "$CG/a/sub" "$GSSK" import --keyring "$RING" --in "$(tf "$tok")"
ok_serial "--cgroup a: root in a/sub imports it"
s=$serial

# --same-cgroup: the exporter's cgroup
cap in_cg "$CG/a" "$GSSK" export "$s" --same-cgroup --any-session
ok_re "export --same-cgroup from cgroup a" "$TOKRE"
tok=$out
g import --in "$(tf "$tok")"
refused "--same-cgroup: root in the root cgroup is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_cgroup" "$k_wrong_cgroup"
cap in_cg "$CG/b" "$GSSK" import --in "$(tf "$tok")"
refused "--same-cgroup: root in cgroup b is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_cgroup" "$k_wrong_cgroup"
cap in_cg "$CG/a/sub" "$GSSK" import --in "$(tf "$tok")"
ok_serial "--same-cgroup: root in a/sub imports it"
s=$serial

# everything together, with options before the serial
g export --uid 1000 --cgroup "$CG/a" --any-session --ttl 30 "$s"
tok=$out
cap other 1000 "$CG/b" "$GSSK" import --in "$(tf "$tok")"
refused "--uid 1000 --cgroup a: uid 1000 in cgroup b is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_cgroup" "$k_wrong_cgroup"
cap other 1001 "$CG/a" "$GSSK" import --in "$(tf "$tok")"
refused "--uid 1000 --cgroup a: uid 1001 in cgroup a is refused" import \
	"$M_UNAUTHORIZED" "$m_wrong_uid" "$k_wrong_uid"
cap other 1000 "$CG/a" sh -c 's=$("$0" import --in "$1") && "$0" show "$s" | grep -Ev "^(serial|description|send-seq|recv-seq): "' \
	"$GSSK" "$(tf "$tok")"
ok_out "--uid 1000 --cgroup a: uid 1000 in cgroup a imports it" \
	"$(fields "" "" 17 - initiator "$TRANS" indefinite none)"

# ==== import refusals ====

# raw tokens (hexf) and the same in base64 (AAAA... is zeros)
g import --in "$(hexf 00)"
refused "import of a 1-byte raw token" import "$M_DEFECTIVE" "$m_tok_length" "$k_tok_length"
g import --in "$(tf AA==)"
refused "import of a 1-byte base64 token" import "$M_DEFECTIVE" "$m_tok_length" "$k_tok_length"
g import --in "$(hexf "4753534b01000000$KEY32"00)"
refused "import of a 41-byte token" import "$M_DEFECTIVE" "$m_tok_length" "$k_tok_length"
g import --in "$(hexf "4753534c01000000$KEY32")"
refused "import of a token with a bad magic" import "$M_DEFECTIVE" "$m_tok_magic" "$k_tok_magic"
g import --in "$(hexf "4753534b02000000$KEY32")"
refused "import of a version 2 token" import "$M_DEFECTIVE" "$m_tok_version" "$k_tok_version"
g import --in "$(hexf "4753534b01000100$KEY32")"
refused "import of a token with reserved bytes set" import "$M_DEFECTIVE" \
	"$m_tok_version" "$k_tok_version"
g import --in "$(hexf "4753534b01000000$KEY32")"
refused "import of a raw token never issued" import "$M_NO_CONTEXT" "$m_tok_unknown" "$k_tok_unknown"
g import --in "$(tf R1NTSwEAAAAAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHw==)"
refused "import of a base64 token never issued" import "$M_NO_CONTEXT" "$m_tok_unknown" "$k_tok_unknown"
g import --in "$T/nonexistent"
failed_with "import --in a missing file" \
	"gsskctl: import: cannot open $T/nonexistent: No such file or directory"
head -c 4097 /dev/zero >"$T/big"
g import --in "$T/big"
usage "import --in a raw file over 4096 bytes: exit 2" import \
	"the token from $T/big is over 4096 bytes"
head -c 8193 /dev/zero | tr '\0' A >"$T/big64"
g import --in "$T/big64"
failed_with "import --in a file over 8192 bytes" \
	"gsskctl: import: cannot read $T/big64 (or it is over 8192 bytes)"
: >"$T/empty"
g import --in "$T/empty"
usage "import --in an empty file: exit 2" import "the token from $T/empty is empty"
s=$(load_ctx 17 "$TRANS" --description "$D-kr")
g export "$s"
tok=$out
g import --keyring "$ukey" --in "$(tf "$tok")"
refused "import --keyring of a user key" import "$M_FAILURE" "$m_keyring" "$k_not_keyring"
g import --keyring @p --in "$(tf "$tok")"
ok_serial "the refused import left the token importable (--keyring @p)"

# ==== explain ====

g explain 0x000d0000 0x47534b80
ok_out "explain MAJOR MINOR: one line each" \
	"major 0x000d0000: $M_FAILURE${nl}minor 0x47534b80: gssk module not loaded"
g explain 851968 1196641025
ok_out "explain in decimal" \
	"major 0x000d0000: $M_FAILURE${nl}minor 0x47534b01: $m_no_such"
g explain 0x01080000
ok_out "explain of a calling and a routine error: two lines" \
	"major 0x01080000: A required input parameter could not be read${nl}major 0x01080000: $M_NO_CONTEXT"
g explain 0 0
ok_out "explain 0 0" \
	"major 0x00000000: The operation completed successfully${nl}minor 0x00000000: no gssk minor status"
g explain 0x000d0000 0x47534bff
ok_out "explain of a gssk minor newer than libgssk" \
	"major 0x000d0000: $M_FAILURE${nl}minor 0x47534bff: gssk minor status 0x47534bff (not known to this libgssk)"
g explain 0x000d0000 0x12345678
[ "$rc" -eq 1 ] && [ "$out" = "major 0x000d0000: $M_FAILURE" ] &&
	[ "$err" = "gsskctl: explain: minor 0x12345678: not a status code known to libgssk" ]
verdict "explain of an unknown minor: exit 1" $?
g explain 0x00ff0000
[ "$rc" -eq 1 ] && [ -z "$out" ] &&
	[ "$err" = "gsskctl: explain: major 0x00ff0000: not a status code known to libgssk" ]
verdict "explain of an unknown major: exit 1" $?

# The numbers of real refusals (-v) explain to the same text (explain).
for c in "import --in $(hexf 00)" "import --in $(hexf "4753534b01000000$KEY32")" "show $ukey" \
	"export $nt" "export $full --ttl 4294967295" \
	"load --enctype 23 --key $KEY16 --role acceptor --flags none"; do
	# shellcheck disable=SC2086 # words of the command
	g -v $c
	line1=$err
	codes=$(printf '%s\n' "$err" | sed -n 's/^gsskctl: [a-z]*: .* (major \(0x[0-9a-f]*\), minor \(0x[0-9a-f]*\))$/\1 \2/p')
	# shellcheck disable=SC2086 # two words
	explained=$("$GSSK" explain $codes | sed 's/^[a-z]* 0x[0-9a-f]*: //' | tr '\n' ';')
	explained=${explained%;}
	case $line1 in
	"gsskctl: ${c%% *}: ${explained%%;*}; ${explained#*;}"*) ok=0 ;;
	*) ok=1 ;;
	esac
	[ "$rc" -eq 1 ] && [ -n "$codes" ] && [ "$ok" -eq 0 ] && is_line "$err" '.*'
	verdict "explain gives the codes of '${c%% *}' the text of its one failure line ($codes)" $? \
		"gsskctl: ${c%% *}: ${explained%%;*}; ${explained#*;}..."
done

# the context with every option travels whole: names, subkey, end time
g export "$full" --any-session
tok=$out
g import --keyring "$RING" --in "$(tf "$tok")"
ok_serial "export and import of the context loaded with every option"
g show "$serial"
ok_inquire "show after the move shows every field unchanged" "$serial" \
	"$FULL" 6000 7200

# README's "A first export and import", as written there, in a session of
# its own: root loads and exports to uid 1001, which imports in that session.
readme=$(cd "$T" && keyctl session - sh -c '
	serial=$(gsskctl random-key --enctype 18 |
		 gsskctl load --enctype 18 --key - --role acceptor --flags integ,conf,trans)
	gsskctl export "$serial" --uid 1001 --out tok || exit 1
	setpriv --reuid=1001 --regid=1001 --clear-groups gsskctl import --in - <tok || exit 1
	setpriv --reuid=1001 --regid=1001 --clear-groups gsskctl import --in - <tok 2>&1 && exit 1
	exit 0' 2>&1)
rc=$? out=$readme err=
printf '%s\n' "$readme" | grep -q '^[1-9][0-9]*$' && [ "$rc" -eq 0 ] &&
	printf '%s\n' "$readme" | grep -q 'gsskctl: import: .*unknown token'
verdict "README's first export and import works as written; a second import is refused" $?

echo "1..$n"
echo "# gssk_gsskctl: $n checks, $failed failed"
[ "$failed" -eq 0 ]
