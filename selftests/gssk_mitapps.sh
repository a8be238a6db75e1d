#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Unmodified GSS-API programs in the test VM, against the realm GSSK.TEST
# (tools/vm/realm.sh) whose KDC /init started (tools/vm/krb5/gssk-kdc):
#
#   gss_sample  MIT's gss-server -export and gss-client (krb5-gss-samples),
#               one service per enctype: the client wraps a message, the
#               server unwraps it after exporting and re-importing its
#               context three times, and the client verifies the server's
#               MIC; the ticket's session key has the service's enctype.
#   gss_keytab  the same with gss-server -keytab (and no default keytab).
#   pyctx       python3-gssapi: gssk_pyctx.py pickles an acceptor
#               SecurityContext to 'spawn' and 'fork' multiprocessing
#               workers (gss_export_sec_context/gss_import_sec_context),
#               whose wraps and MICs the initiator checks, and which
#               inquire their context (session key, lucid context, SASL
#               SSF); in mode gssk it also hands a reference to a process
#               without the interposer (GSS_MECH_CONFIG=/dev/null).
#   pyuid       (mode gssk) gssk_pyctx.py --other-uid 1000: a process of
#               uid 1000 (setpriv) unpickles the acceptor from a file, and
#               is refused; then, with an /etc/gssk/interposer.conf written
#               here that names uid 1000 as importer, it imports, and the
#               initiator unwraps its reply.
#
# The enctype of a context: the service gssk-eE/localhost has keys of
# enctype E only, so its tickets and their session keys are E; but MIT's
# acceptor makes a subkey of the strongest enctype the initiator offers
# (RFC 4537), aes256-cts-hmac-sha384-192 with the realm's krb5.conf, and
# the context uses that. The programs cannot be told otherwise (the
# existing tests call gss_krb5_set_allowable_enctypes), so every flow for
# enctype E runs, both sides, with a krb5.conf (KRB5_CONFIG) whose
# permitted_enctypes is E and then aes256-cts-hmac-sha1-96 (the TGT's
# session key, which the client must be permitted to use), as an
# administrator would restrict it: the acceptor takes the first enctype of
# its list that the initiator offers. gssk_pyctx.py checks that this gives
# contexts of enctype E (it inquires the session key); for gss-server,
# whose context nothing outside can inquire, klist shows the ticket's.
#
# Each flow takes a mode, the expectations it checks:
#   mit   no interposer in /etc/gss/mech.d: exported tokens are MIT's,
#         which carry the keys (over 100 bytes), and a second import of
#         one works; the worker's imported context gives its session key.
#   gssk  gssk's interposer enabled (this script copies its mech.d line to
#         /etc/gss/mech.d/gssk.conf, with no /etc/gssk/interposer.conf:
#         load at export, importer of the exporter's euid and session):
#         exported tokens are gssk references (under 100 bytes; 53 from
#         both programs), a second import of one is refused, an imported
#         context is kernel-held: python3-gssapi's inquiries of its session
#         key and lucid context fail with GSS_S_UNAVAILABLE, the SASL SSF
#         is answered. Then the pyuid flow (above).
#
# Command lines that work (MIT 1.20, Debian 12), gss-server's service name
# being a host-based service name (SERVICE@HOST) and -export a flag that
# takes no argument (it makes the server export and re-import the context
# three times before it reads the message; -verbose prints each "Exported
# context: N bytes, T seconds"):
#   export KRB5_CONFIG=krb5.conf-with-permitted_enctypes-E-first
#   gss-server -port 4418 -once -export -verbose gssk-e18@localhost
#   gss-client -port 4418 localhost gssk-e18@localhost 'message'
#   KRB5_KTNAME=FILE:/nonexistent \
#   gss-server -port 4518 -once -keytab FILE -export -verbose gssk-e18@localhost
# gss-server prints "starting..." on stderr once it listens (on every
# address; default port 4444), then on stdout 'Accepted connection:
# "alice@GSSK.TEST"', the context flags, 'Received message: "message"';
# gss-client prints the context ("alice@GSSK.TEST" to
# "gssk-e18/localhost@GSSK.TEST", lifetime, flags, ...) and "Signature
# verified." once the server's MIC of the message checks.
#
# Runs in the test VM as root (run_tests.sh), with /bin/sh being dash. TAP
# output; exit status 1 if any check failed, 4 (skip) if the programs are
# not installed (outside the VM).
set -u

ENCTYPES="17 18 19 20"
PYUID_ENCTYPES="18"	# the uid test (gssk mode): one enctype is enough
TGT_ENCTYPE=18		# krbtgt/GSSK.TEST's only key (tools/vm/realm.sh)
dir=$(cd "$(dirname "$0")" && pwd)

echo "TAP version 13"
for prog in gss-server gss-client python3 kinit klist; do
	if ! command -v $prog >/dev/null; then
		echo "1..0 # SKIP $prog is not installed"
		exit 4
	fi
done

T=$(mktemp -d /tmp/gssk-mitapps.XXXXXX) || exit 1
MECHD=/etc/gss/mech.d/gssk.conf
CONF=/etc/gssk/interposer.conf
SPID=
wrote=
cleanup() {
	[ -z "$SPID" ] || kill "$SPID" 2>/dev/null
	# shellcheck disable=SC2086 # the files this script wrote, if any
	[ -z "$wrote" ] || rm -f $wrote
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---- TAP ----

n=0 failed=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
# notok NAME [WHY]: a failed check, WHY (lines) indented under it
notok() {
	n=$((n + 1)) failed=$((failed + 1))
	echo "not ok $n - $1"
	[ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/#   /'
}
# show FILE LABEL: FILE's lines as TAP comments
show() {
	sed "s/^/#   $2: /" "$1"
}

# A ccache of our own for alice (the VM's default one is shared).
export KRB5CCNAME="FILE:$T/ccache"
if kinit -k -t /etc/krb5/client.keytab alice@GSSK.TEST >"$T/kinit" 2>&1; then
	ok "kinit alice@GSSK.TEST from /etc/krb5/client.keytab"
else
	notok "kinit alice@GSSK.TEST from /etc/krb5/client.keytab" "$(cat "$T/kinit")"
	echo "1..$n"
	exit 1
fi

# enctype_name E: the name klist -e shows for enctype E
enctype_name() {
	case $1 in
	17) echo aes128-cts-hmac-sha1-96 ;;
	18) echo aes256-cts-hmac-sha1-96 ;;
	19) echo aes128-cts-hmac-sha256-128 ;;
	20) echo aes256-cts-hmac-sha384-192 ;;
	*) echo "enctype-$1" ;;
	esac
}

# krb5_conf E: the path of a krb5.conf like the VM's /etc/krb5.conf that
# permits enctype E first and, after it, only the TGT's (made on first use)
krb5_conf() {
	conf=$T/krb5-e$1.conf
	permit=$(enctype_name "$1")
	[ "$1" = "$TGT_ENCTYPE" ] || permit="$permit $(enctype_name "$TGT_ENCTYPE")"
	if [ ! -f "$conf" ]; then
		sed "s/^\([[:space:]]*permitted_enctypes[[:space:]]*=\).*/\1 $permit/" \
			/etc/krb5.conf >"$conf"
	fi
	echo "$conf"
}

# ticket_enctype PRINCIPAL: "SKEY, TKT" of the ccache's ticket for it
ticket_enctype() {
	klist -e | awk -v p="$1" '
		found && /Etype/ { sub(/.*: */, ""); sub(/ *$/, ""); print; exit }
		$NF == p { found = 1 }'
}

# mode_check MODE NAME BYTES: the size of an exported context token
# against MODE's expectation
mode_check() {
	case $1 in
	mit) if [ "$3" -gt 100 ]; then ok "$2: $3 bytes, MIT's (keys inside)"
	     else notok "$2: $3 bytes, want MIT's (over 100)"; fi ;;
	gssk) if [ "$3" -gt 0 ] && [ "$3" -lt 100 ]; then ok "$2: $3 bytes, a reference"
	      else notok "$2: $3 bytes, want a gssk reference (under 100)"; fi ;;
	esac
}

# server_start PORT LOG ARGS...: gss-server -port PORT -once ARGS in the
# background (stdout LOG.out, stderr LOG.err), with the environment
# variables $SERVER_ENV (words NAME=VALUE) set, waiting until it listens
SERVER_ENV=
server_start() {
	sport=$1 slog=$2
	shift 2
	# shellcheck disable=SC2086 # one word per variable
	env $SERVER_ENV timeout 120 gss-server -port "$sport" -once "$@" \
		>"$slog.out" 2>"$slog.err" </dev/null &
	SPID=$!
	tries=0
	until grep -q '^starting\.\.\.' "$slog.err" 2>/dev/null; do
		if ! kill -0 "$SPID" 2>/dev/null || [ $tries -ge 200 ]; then
			return 1
		fi
		tries=$((tries + 1))
		sleep 0.1
	done
}

# server_wait: wait for the server (-once: one connection) to finish, for
# up to 10 s (a client that failed before connecting leaves it waiting);
# its exit status, 143 if it had to be killed
server_wait() {
	tries=0
	while kill -0 "$SPID" 2>/dev/null && [ $tries -lt 100 ]; do
		tries=$((tries + 1))
		sleep 0.1
	done
	kill "$SPID" 2>/dev/null
	wait "$SPID"
	src=$?
	SPID=
	return $src
}

# sample MODE E NAME PORT [SERVER ARGS...]: one gss-server -export /
# gss-client exchange with gssk-eE@localhost, and its checks
sample() {
	mode=$1 e=$2 name=$3 port=$4
	shift 4
	svc=gssk-e$e@localhost
	msg="hello from the client over e$e"
	log=$T/server.$port
	KRB5_CONFIG=$(krb5_conf "$e")
	export KRB5_CONFIG
	if ! server_start "$port" "$log" "$@" -export -verbose "$svc"; then
		notok "$name: gss-server starts" "$(show "$log.err" stderr)"
		server_wait
		return
	fi
	timeout 60 gss-client -port "$port" localhost "$svc" "$msg" \
		>"$T/client.out" 2>&1 </dev/null
	crc=$?
	server_wait
	src=$?
	if [ $crc -eq 0 ] && grep -q '^Signature verified\.' "$T/client.out"; then
		ok "$name: gss-client gets the server's MIC verified"
	else
		notok "$name: gss-client gets the server's MIC verified" \
			"gss-client exit $crc, gss-server exit $src
$(show "$T/client.out" client)
$(show "$log.out" server)
$(show "$log.err" 'server stderr')"
	fi
	if [ $src -eq 0 ] &&
		grep -q "^Accepted connection: \"alice@GSSK.TEST\"" "$log.out" &&
		grep -q "^Received message: \"$msg\"" "$log.out"; then
		ok "$name: gss-server accepts alice and unwraps the message"
	else
		notok "$name: gss-server accepts alice and unwraps the message" \
			"gss-server exit $src
$(show "$log.out" server)"
	fi
	exports=$(grep -c '^Exported context: ' "$log.out")
	if [ "$exports" -eq 3 ]; then
		ok "$name: gss-server exported and imported its context 3 times"
	else
		notok "$name: gss-server exported and imported its context 3 times" \
			"$exports exports"
	fi
	bytes=$(sed -n 's/^Exported context: \([0-9]*\) bytes.*/\1/p' "$log.out" | head -n 1)
	mode_check "$mode" "$name: gss-server's exported context" "${bytes:-0}"
	want="$(enctype_name "$e"), $(enctype_name "$e")"
	got=$(ticket_enctype "gssk-e$e/localhost@GSSK.TEST")
	if [ "$got" = "$want" ]; then
		ok "$name: the ticket's session key and ticket are $(enctype_name "$e")"
	else
		notok "$name: the ticket's session key and ticket are $(enctype_name "$e")" \
			"klist -e: '$got'"
	fi
	unset KRB5_CONFIG
}

# gss_sample MODE E: gss-server -export with the default keytab
gss_sample() {
	sample "$1" "$2" "$1 gss-server -export e$2" $((4400 + $2))
}

# gss_keytab MODE E: gss-server -keytab FILE, FILE a copy of the realm's
# service keytab and the default keytab (KRB5_KTNAME) one that does not
# exist: the server gets its key only if it reads FILE
gss_keytab() {
	mode=$1 e=$2
	kt=$T/services.keytab
	cp /etc/krb5.keytab "$kt"
	SERVER_ENV=KRB5_KTNAME=FILE:/nonexistent
	# Without -keytab such a server finds no key and never listens.
	if server_start $((4600 + e)) "$T/nokeytab" "gssk-e$e@localhost"; then
		notok "$mode gss-server without -keytab or default keytab fails" \
			"it listens"
	else
		ok "$mode gss-server without -keytab or default keytab fails"
		show "$T/nokeytab.err" 'gss-server stderr'
	fi
	server_wait
	sample "$mode" "$e" "$mode gss-server -keytab -export e$e" \
		$((4500 + e)) -keytab "$kt"
	SERVER_ENV=
}

# pyctx MODE E [ARGS...]: gssk_pyctx.py's checks, numbered here
pyctx() {
	mode=$1 e=$2
	shift 2
	KRB5_CONFIG=$(krb5_conf "$e") \
		python3 "$dir/gssk_pyctx.py" --mode "$mode" --enctype "$e" "$@" \
		>"$T/py.out" 2>&1 </dev/null
	prc=$?
	pfail=0
	while IFS= read -r line; do
		case $line in
		"PASS "*) ok "$mode python3-gssapi ${line#PASS }" ;;
		"FAIL "*) notok "$mode python3-gssapi ${line#FAIL }"
			  pfail=1 ;;
		"#"*) echo "$line" ;;
		*) echo "#   $line" ;;
		esac
	done <"$T/py.out"
	if [ $prc -ne 0 ] && [ $pfail -eq 0 ]; then
		notok "$mode python3-gssapi e$e $*: gssk_pyctx.py exit $prc"
	fi
}

# pyuid E: (mode gssk) a python3-gssapi process of uid 1000 given the
# acceptor, refused under the default policy, then allowed by an
# /etc/gssk/interposer.conf (root's, 644) naming it. The interposer reads
# that file once per process: each gssk_pyctx.py run starts after the
# file is in its state.
OTHER_UID=1000
pyuid() {
	e=$1
	if [ -e $CONF ]; then
		notok "gssk python3-gssapi e$e: no $CONF before the uid test" \
			"$(cat $CONF)"
		return
	fi
	pyctx gssk "$e" --other-uid $OTHER_UID --policy default
	mkdir -p /etc/gssk
	wrote="$wrote $CONF"
	printf '[default]\nimporter_uid = %s\nimporter_session = any\n' \
		$OTHER_UID >$CONF
	chmod 644 $CONF
	pyctx gssk "$e" --other-uid $OTHER_UID --policy config
	rm -f $CONF
}

# took WHAT: a comment with the seconds since the last one
last=$(cut -d ' ' -f 1 /proc/uptime)
took() {
	now=$(cut -d ' ' -f 1 /proc/uptime)
	echo "# $1 took $(awk -v a="$last" -v b="$now" 'BEGIN { printf "%.1f", b - a }') s"
	last=$now
}

# flows MODE: every flow with MODE's expectations
flows() {
	mode=$1
	if [ "$mode" = mit ] && ls /etc/gss/mech.d/*.conf >/dev/null 2>&1; then
		notok "mode mit: no interposer configured" \
			"$(ls /etc/gss/mech.d/*.conf)"
		return
	fi
	for e in $ENCTYPES; do
		gss_sample "$mode" "$e"
	done
	gss_keytab "$mode" 18
	took "$mode gss-server/gss-client"
	if python3 -c 'import gssapi' >"$T/import" 2>&1; then
		ok "$mode python3 -c 'import gssapi'"
	else
		notok "$mode python3 -c 'import gssapi'" "$(cat "$T/import")"
	fi
	took "$mode python3 -c 'import gssapi'"
	for e in $ENCTYPES; do
		pyctx "$mode" "$e"
	done
	took "$mode python3-gssapi pickling"
	[ "$mode" = gssk ] || return
	for e in $PYUID_ENCTYPES; do
		pyuid "$e"
	done
	took "$mode python3-gssapi worker of uid $OTHER_UID"
}

flows mit

# The same flows with gssk's interposer enabled (its mech.d line; the
# built-in defaults: load at export, importer of the same euid and
# session): the tokens are references, a second import is refused, and
# imported contexts keep their keys in the kernel.
wrote="$wrote $MECHD"
cp /usr/share/gssk/mech.d-gssk.conf $MECHD
flows gssk
rm -f $MECHD

echo "1..$n"
[ $failed -eq 0 ]
