#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# gssk-interposer.so under programs nobody here wrote: MIT's gss-server
# and gss-client (krb5-gss-samples), unmodified, against the VM's KDC.
#
# gss-server -export exports the accepted context and imports it again,
# three times, then unwraps the client's message and signs it; gss-client
# verifies the signature. With the interposer enabled (its mech.d line in
# /etc/gss/mech.d) each exported token must be a gssk reference (53
# bytes: MIT's 4-byte length and the krb5 OID, then gssk's 40 bytes), and
# the module's counters must show one load, three exports and three
# imports per connection; without it (the control) the token is MIT's,
# with the keys, and the counters do not move. Both load modes run, for
# enctypes 17 to 20. Then the same programs with the interposer enabled
# but without -export (nothing reaches the kernel at load=export; a load
# at load=establish), with SPNEGO, under valgrind, with the live interop
# tests, the examples and a setuid copy of gss-server, and with a broken
# configuration.
#
# Runs in the test VM as root inside a session keyring (run_tests.sh),
# with alice's TGT in /tmp/krb5cc_gssk and the services' keys in
# /etc/krb5.keytab (tools/vm/krb5). TAP output; exit 1 if a check failed.
set -u

MECHD=/etc/gss/mech.d/gssk.conf
CONF=/etc/gssk/interposer.conf
TEMPLATE=/usr/share/gssk/mech.d-gssk.conf
export KRB5CCNAME=FILE:/tmp/krb5cc_gssk

echo "TAP version 13"
for tool in gss-server gss-client gsskctl jq; do
	command -v $tool >/dev/null ||
		{ echo "Bail out! $tool missing from the VM"; exit 1; }
done
[ -f $TEMPLATE ] || { echo "Bail out! $TEMPLATE missing"; exit 1; }
[ -d /sys/module/gssk ] || { echo "Bail out! gssk.ko not loaded"; exit 1; }

T=$(mktemp -d /tmp/gssk-interposer.XXXXXX) || exit 1
cleanup() {
	rm -f $MECHD $CONF
	[ -z "${spid:-}" ] || kill "$spid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

n=0 failed=0
check() {	# check NAME STATUS: a TAP line, with the logs on failure
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $n - $1"
		return
	fi
	failed=$((failed + 1))
	echo "not ok $n - $1"
	for f in "$T"/server.log "$T"/client.log; do
		[ -f "$f" ] && sed "s|^|#   ${f##*/}: |" "$f"
	done
}

interposer_on() { cp $TEMPLATE $MECHD; }
interposer_off() { rm -f $MECHD; }
setconf() {	# setconf LINE...: /etc/gssk/interposer.conf
	mkdir -p /etc/gssk
	printf '%s\n' "$@" >$CONF
	chmod 644 $CONF
}

# The module's load, export and import counters, as "L E I".
counters() {
	gsskctl status --json | jq -r '.counters | "\(.loads) \(.exports) \(.imports)"'
}
# delta BEFORE AFTER: "dL dE dI"
delta() {
	echo "$1 $2" | awk '{ print $4 - $1, $5 - $2, $6 - $3 }'
}

# Wait until something listens on 127.0.0.1:PORT (or 0.0.0.0, ::), for at
# most 2 minutes (gss-server starts slowly under valgrind and TCG).
listening() {
	hex=$(printf '%04X' "$1")
	tries=0
	while ! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
		awk -v p=":$hex" '$2 ~ p"$" && $4 == "0A" { f = 1 } END { exit !f }'; do
		tries=$((tries + 1))
		[ $tries -lt 2400 ] || return 1
		kill -0 "$spid" 2>/dev/null || return 1
		sleep 0.05
	done
}

port=4400
VG='' TO=60

# The context's enctype: MIT's acceptor picks the acceptor subkey's among
# what the client offers, the strongest first, whatever the service's
# key. So each run for enctype E permits, on both sides, E and then
# aes256-cts-hmac-sha1-96 (the TGT's session key), as gssk_mitapps.sh
# does (gssk_pyctx.py checks there that the context's enctype is E).
krb5_conf() {	# krb5_conf E: the path of that krb5.conf
	case $1 in
	17) p=aes128-cts-hmac-sha1-96 ;;
	18) p=aes256-cts-hmac-sha1-96 ;;
	19) p=aes128-cts-hmac-sha256-128 ;;
	20) p=aes256-cts-hmac-sha384-192 ;;
	esac
	[ "$1" = 18 ] || p="$p aes256-cts-hmac-sha1-96"
	sed "s/^\([[:space:]]*permitted_enctypes[[:space:]]*=\).*/\1 $p/" \
		/etc/krb5.conf >"$T/krb5-e$1.conf"
	echo "$T/krb5-e$1.conf"
}
# run ENCTYPE [SERVER-OPTION...] [-- CLIENT-OPTION...]: one gss-server
# -once and one gss-client exchange for the service gssk-eENCTYPE;
# server.log and client.log in $T, the client's exit status in $crc. The
# client connects to 127.0.0.1 (the VM has no /etc/hosts); either side
# gives up after 60 s, so a hang is a failure, not a stuck VM.
run() {
	e=$1
	shift
	sopts='' copts='' side=s
	for a in "$@"; do
		if [ "$a" = -- ]; then side=c; continue; fi
		if [ $side = s ]; then sopts="$sopts $a"; else copts="$copts $a"; fi
	done
	port=$((port + 1))
	KRB5_CONFIG=$(krb5_conf "$e")
	export KRB5_CONFIG
	# shellcheck disable=SC2086 # options are words
	timeout $TO $VG gss-server -port $port -once -verbose $sopts \
		"gssk-e$e@localhost" >"$T/server.log" 2>&1 &
	spid=$!
	listening $port || echo "# gss-server did not listen on $port"
	# shellcheck disable=SC2086
	timeout $TO $VG gss-client -port $port $copts 127.0.0.1 \
		"gssk-e$e@localhost" "hello from alice" >"$T/client.log" 2>&1
	crc=$?
	wait "$spid"
	spid=
	unset KRB5_CONFIG
}

# The sizes gss-server logged for its exports, one line.
export_sizes() {
	sed -n 's/^Exported context: \([0-9]*\) bytes.*/\1/p' "$T/server.log" |
		paste -sd' '
}

verified() {
	[ "$crc" -eq 0 ] && grep -q '^Signature verified' "$T/client.log"
}

# ---- the control: no interposer ----

interposer_off
for e in 17 18 19 20; do
	before=$(counters)
	run $e -export
	after=$(counters)
	sizes=$(export_sizes)
	verified && [ -n "$sizes" ] && [ "${sizes%% *}" -gt 500 ] &&
		[ "$(delta "$before" "$after")" = "0 0 0" ]
	check "without the interposer, enctype $e: MIT's tokens ($sizes bytes), the kernel untouched" $?
done

# ---- gss-server -export with the interposer, both load modes ----

# gss-client is interposed too: at load=establish its context is loaded
# as well (two loads), at load=export it never exports (one).
interposer_on
for mode in export establish; do
	setconf "[default]" "load = $mode"
	want="1 3 3"
	[ $mode = export ] || want="2 3 3"
	for e in 17 18 19 20; do
		before=$(counters)
		run $e -export
		after=$(counters)
		d=$(delta "$before" "$after")
		verified && [ "$(export_sizes)" = "53 53 53" ] && [ "$d" = "$want" ]
		check "load=$mode, enctype $e: three 53-byte references; loads, exports, imports $d; the client verified the server's MIC" $?
	done
done

# ---- without -export ----

setconf "[default]" "load = export"
before=$(counters)
run 18
d=$(delta "$before" "$(counters)")
verified && [ "$d" = "0 0 0" ]
check "load=export, no export: the context stays with MIT, nothing reaches the kernel ($d)" $?

setconf "[default]" "load = establish"
before=$(counters)
run 18
d=$(delta "$before" "$(counters)")
verified && [ "$d" = "2 0 0" ]
check "load=establish, no export: both sides' contexts are loaded ($d); the kernel's wrap, unwrap, MIC and verify serve the exchange" $?

# A program section overrides [default] for that executable only.
setconf "[default]" "load = export" \
	"[program $(readlink -f "$(command -v gss-server)")]" "interpose = no"
before=$(counters)
run 18 -export
d=$(delta "$before" "$(counters)")
sizes=$(export_sizes)
verified && [ "${sizes%% *}" -gt 500 ] && [ "$d" = "0 0 0" ]
check "[program gss-server] interpose = no: MIT's tokens again ($sizes bytes)" $?

# ---- SPNEGO, and the client side interposed too ----

setconf "[default]" "load = establish"
before=$(counters)
run 18 -export -- -spnego
d=$(delta "$before" "$(counters)")
verified && [ "$d" = "2 3 3" ]
check "gss-client -spnego against gss-server -export: both sides' krb5 contexts in the kernel ($d)" $?

# ---- valgrind: no invalid access in the interposer ----

# memcheck runs both programs; each writes its own log. Any error
# memcheck reports (invalid read or write, use of uninitialised values,
# invalid free) fails the check; leaks are not errors here (MIT's library
# keeps its mechanism list until exit).
vg_run() {	# vg_run NAME SERVER-OPTION...
	name=$1
	shift
	rm -f "$T"/vg.*
	VG="valgrind -q --log-file=$T/vg.%p" TO=600
	run 18 "$@"
	VG='' TO=60
	errs=$(cat "$T"/vg.* 2>/dev/null)
	verified && [ -z "$errs" ]
	check "$name" $?
	[ -z "$errs" ] || printf '%s\n' "$errs" | head -40 | sed 's/^/#   valgrind: /'
}
setconf "[default]" "interpose = no"
vg_run "valgrind, forwarding only (interpose = no, gss-server -export): no error in either program" -export
setconf "[default]" "load = export"
vg_run "valgrind, gss-server -export with references: no error in either program" -export

# ---- installed globally: what already worked keeps working ----

# The live interop tests (MIT and Heimdal peers; the MIT peer's contexts
# now go through the interposer, Heimdal's library never reads mech.d),
# the loads of MIT contexts (gssk_krb5_load_sec_context on an interposed
# context: the lucid export is forwarded to MIT), and the examples'
# privilege-separated flow (gssk-acceptor loads the client's context
# with libgssk, gssk-worker imports it).
rm -f $CONF
dir=$(cd "$(dirname "$0")" && pwd)
for t in gssk_krb5 gssk_krb5_load; do
	"$dir/$t" >"$T/$t.log" 2>&1
	rc=$?
	[ $rc -eq 0 ] || sed 's/^/#   /' "$T/$t.log" | tail -30
	check "interposer enabled: $t passes ($(grep -c '^ok ' "$T/$t.log") ok, exit $rc)" $rc
done

cg=/sys/fs/cgroup/gssk-interposer
mkdir -p $cg
rm -f "$T/worker.sock" "$T/acceptor.sock"
gssk-worker --listen "$T/worker.sock" >"$T/worker.log" 2>&1 &
wpid=$!
listening_path() { tries=0; while [ ! -S "$1" ] && [ $tries -lt 200 ]; do tries=$((tries + 1)); sleep 0.05; done; [ -S "$1" ]; }
listening_path "$T/worker.sock"
gssk-acceptor --listen "$T/acceptor.sock" --worker "$T/worker.sock" \
	--worker-uid 0 --worker-cgroup "$(sed -n 's/^0:://p' /proc/self/cgroup | sed 's|^|/sys/fs/cgroup|')" \
	>"$T/acceptor.log" 2>&1 &
apid=$!
listening_path "$T/acceptor.sock"
timeout 60 gssk-client "$T/acceptor.sock" gssk-e18@localhost "through the examples" \
	>"$T/client.log" 2>&1
crc=$?
wait $apid
arc=$?
wait $wpid
[ $crc -eq 0 ] && [ $arc -eq 0 ] &&
	grep -q 'reply (sealed): .*through the examples' "$T/client.log"
rc=$?
[ $rc -eq 0 ] || sed 's/^/#   /' "$T/acceptor.log" "$T/worker.log"
check "interposer enabled: gssk-client, gssk-acceptor and gssk-worker still talk" $rc
rmdir $cg 2>/dev/null

# ---- a setuid program ignores the environment ----

# GSS_MECH_CONFIG=/dev/null keeps MIT from reading /etc/gss/mech.d, and
# GSSK_INTERPOSER_CONF names a file that turns interposing off: a normal
# program obeys both (MIT's tokens), a setuid one ignores both
# (secure_getenv), so the interposer is loaded and exports references.
printf '[default]\ninterpose = no\n' >"$T/off.conf"
chmod 644 "$T/off.conf"
cp "$(command -v gss-server)" "$T/gss-server-suid"
chmod 4755 "$T/gss-server-suid"
chmod 755 "$T"
env_off="GSS_MECH_CONFIG=/dev/null GSSK_INTERPOSER_CONF=$T/off.conf"
run_suid() {	# run_suid UID: gss-server-suid run by UID with $env_off
	port=$((port + 1))
	KRB5_CONFIG=$(krb5_conf 18)
	export KRB5_CONFIG
	# shellcheck disable=SC2086 # env_off is words
	setpriv --reuid "$1" --regid "$1" --clear-groups env $env_off \
		timeout 60 "$T/gss-server-suid" -port $port -once -verbose \
		-export gssk-e18@localhost >"$T/server.log" 2>&1 &
	spid=$!
	listening $port
	timeout 60 gss-client -port $port 127.0.0.1 gssk-e18@localhost \
		"hello, setuid" >"$T/client.log" 2>&1
	crc=$?
	wait "$spid"
	spid=
	unset KRB5_CONFIG
}
run_suid 0
sizes=$(export_sizes)
verified && [ "${sizes%% *}" -gt 500 ]
check "GSS_MECH_CONFIG and GSSK_INTERPOSER_CONF are obeyed by a program that is not setuid (run by root: MIT's $sizes-byte tokens)" $?
run_suid 1000
verified && [ "$(export_sizes)" = "53 53 53" ]
check "a setuid-root gss-server run by uid 1000 reads /etc/gss/mech.d and the root file, ignoring both variables (53-byte references)" $?
rm -f "$T/gss-server-suid"

# ---- a broken configuration refuses every export ----

# (MIT 1.20's gss_export_sec_context returns minor status 0 on every
# failure: its cleanup passes minor_status to gss_release_buffer. So
# gss-server cannot show gssk's text here; gssk_interposer.py checks the
# texts through calls that keep the minor status.)
setconf "[default]" "lod = export"
run 18 -export
! verified && grep -q '^GSS-API error exporting context: Unspecified GSS failure' "$T/server.log" &&
	[ -z "$(export_sizes)" ]
check "a typo in interposer.conf: the export fails; no MIT token with the keys is made instead" $?
chmod 666 $CONF
run 18
verified
check "a broken configuration leaves contexts that are never exported alone" $?
rm -f $CONF

echo "1..$n"
[ $failed -eq 0 ]
