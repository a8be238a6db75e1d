#!/bin/sh
# gssk demo, run inside the test VM as root by `make demo`, after /init has
# started the realm's KDC (tools/vm/krb5/gssk-kdc).
#
# A client (uid 1002) authenticates with plain MIT krb5 to a privileged
# acceptor (root). The acceptor moves the Kerberos context into the kernel,
# exports it bound to the worker's uid and cgroup, and hands the token and
# the client's connection to the unprivileged worker (uid 1000), which
# imports the context and exchanges sealed messages with the client. A
# process of another uid that steals the token on the way is refused. The
# three programs are examples/gssk-{client,acceptor,worker}.c.
#
# Act 2 repeats the flow with tools/demo/pyserver.py, a server written for
# plain python3-gssapi, under gssk's MIT interposer (gssk-interposer(8)).
set -u

WORKER=1000
THIEF=1001
CLIENT=1002
SERVICE=gssk-e18@localhost	# gssk-e18/localhost@GSSK.TEST, aes256-sha1
CG=/sys/fs/cgroup/gssk-demo
RUN=/run/gssk-demo
LEAK=$RUN/leaked-token
failed=0

step() {
	printf '\n== %s\n' "$*"
}

fail() {
	echo "UNEXPECTED: $*"
	failed=1
}

# run_as UID CGROUP CMD...: run CMD as UID, in CGROUP, in a new session
# keyring of its own.
run_as() {
	uid=$1 cg=$2
	shift 2
	sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$cg" \
		setpriv --reuid "$uid" --regid "$uid" --clear-groups \
		keyctl session - "$@"
}

# expect_refusal DESCRIPTION REASON CMD...: the command must fail, and
# its message must name REASON.
expect_refusal() {
	what=$1 reason=$2
	shift 2
	if out=$("$@" 2>&1); then
		printf '%s\n' "$out"
		fail "$what was accepted"
		return
	fi
	printf '%s\n' "$out"
	case $out in
	*"$reason"*) echo "-> refused, as it must be ($what)" ;;
	*) fail "$what failed, but not with \"$reason\"" ;;
	esac
}

# wait_for PATH: until PATH exists (10 s at most).
wait_for() {
	n=0
	while [ ! -e "$1" ]; do
		n=$((n + 1))
		[ "$n" -le 200 ] || { fail "$1 never appeared"; return 1; }
		sleep 0.05
	done
}

mkdir -p "$CG/worker" "$CG/elsewhere" "$RUN/worker"
chown "$WORKER" "$RUN/worker"

step "1. The client (uid $CLIENT) gets a Kerberos ticket from the VM's KDC"
export KRB5CCNAME=FILE:/tmp/krb5cc_demo_client
kinit -k -t /etc/krb5/client.keytab alice@GSSK.TEST || exit 1
chown "$CLIENT" /tmp/krb5cc_demo_client
klist

step "2. The worker (uid $WORKER, cgroup $CG/worker) waits for work"
run_as "$WORKER" "$CG/worker" gssk-worker --listen "$RUN/worker/sock" &
worker_pid=$!
wait_for "$RUN/worker/sock" || exit 1

step "3. The acceptor (root) accepts the client's context with MIT krb5"
gssk-acceptor --listen "$RUN/acceptor.sock" --worker "$RUN/worker/sock" \
	--worker-uid "$WORKER" --worker-cgroup "$CG/worker" \
	--leak-token "$LEAK" &
acceptor_pid=$!
wait_for "$RUN/acceptor.sock" || exit 1
setpriv --reuid "$CLIENT" --regid "$CLIENT" --clear-groups \
	env KRB5CCNAME="$KRB5CCNAME" \
	gssk-client "$RUN/acceptor.sock" "$SERVICE" \
	"hello from alice" "a second, sealed message" >"$RUN/client.out" 2>&1 &
client_pid=$!
wait_for "$LEAK" || exit 1
echo "the kernel holds the context; a token leaked on the way:"
xxd "$LEAK"
chmod 0644 "$LEAK"

step "4. A thief (uid $THIEF) that has the leaked token tries to import it"
expect_refusal "uid $THIEF" "bound to another uid" \
	run_as "$THIEF" "$CG/worker" gsskctl import --in "$LEAK"

step "5. A process of the worker's uid, outside the worker's cgroup"
expect_refusal "uid $WORKER in $CG/elsewhere" "not in the cgroup" \
	run_as "$WORKER" "$CG/elsewhere" gsskctl import --in "$LEAK"

step "6. The acceptor hands token and client over; they talk"
rm -f "$LEAK"
wait "$acceptor_pid" || fail "the acceptor failed"
wait "$client_pid" || fail "the client failed"
wait "$worker_pid" || fail "the worker failed"
cat "$RUN/client.out"
grep -q "reply (sealed): worker uid $WORKER read: hello from alice" \
	"$RUN/client.out" || fail "the client did not get the worker's reply"

step "7. What the module counted (gsskctl status)"
gsskctl status || failed=1

# ---- Act 2: the same flow, with a server that never heard of gssk ----
#
# tools/demo/pyserver.py is a privilege-separated server written against
# plain python3-gssapi: the acceptor pickles the established context for
# the worker, as Python programs hand objects to other processes. Without
# gssk that pickle would carry MIT's session keys. With gssk's interposer
# enabled (/etc/gss/mech.d/gssk.conf) and a policy for python
# (/etc/gssk/interposer.conf), the pickle carries a gssk reference that
# only the worker's uid, in the worker's cgroup, can import.
PY=/demo/pyserver.py
PYTHON=$(readlink -f /usr/bin/python3)

step "8. Act 2: gssk's interposer for every MIT GSS-API program, a policy for $PYTHON"
cp /usr/share/gssk/mech.d-gssk.conf /etc/gss/mech.d/gssk.conf
mkdir -p /etc/gssk
printf '%s\n' "[program $PYTHON]" "importer_uid = $WORKER" \
	"importer_session = any" "importer_cgroup = $CG/worker" \
	>/etc/gssk/interposer.conf
cat /etc/gss/mech.d/gssk.conf /etc/gssk/interposer.conf
before=$(gsskctl status --json | jq -c .counters)

step "9. The python worker (uid $WORKER) waits; the python acceptor (root) accepts the client"
rm -f "$RUN/worker/py.sock" "$LEAK"
run_as "$WORKER" "$CG/worker" python3 $PY worker "$RUN/worker/py.sock" &
worker_pid=$!
wait_for "$RUN/worker/py.sock" || exit 1
python3 $PY acceptor "$RUN/py-acceptor.sock" "$RUN/worker/py.sock" "$LEAK" &
acceptor_pid=$!
wait_for "$RUN/py-acceptor.sock" || exit 1
setpriv --reuid "$CLIENT" --regid "$CLIENT" --clear-groups \
	env KRB5CCNAME="$KRB5CCNAME" \
	gssk-client "$RUN/py-acceptor.sock" "$SERVICE" \
	"hello from alice, to python" >"$RUN/client.out" 2>&1 &
client_pid=$!
wait_for "$LEAK" || exit 1
sleep 0.2
chmod 0644 "$LEAK"
echo "the pickle the acceptor sent, leaked on the way:"
xxd "$LEAK"
grep -q GSSK "$LEAK" || fail "the pickle holds no gssk reference"

step "10. A thief (uid $THIEF) unpickles the leaked context"
expect_refusal "uid $THIEF" "refused" \
	run_as "$THIEF" "$CG/worker" python3 $PY steal "$LEAK"

step "11. The acceptor hands the pickle and the client over; the python worker serves the client"
rm -f "$LEAK"
wait "$acceptor_pid" || fail "the python acceptor failed"
wait "$client_pid" || fail "the client failed"
wait "$worker_pid" || fail "the python worker failed"
cat "$RUN/client.out"
grep -q "reply (sealed): worker uid $WORKER read: hello from alice, to python" \
	"$RUN/client.out" || fail "the client did not get the python worker's reply"
rm -f /etc/gss/mech.d/gssk.conf /etc/gssk/interposer.conf
echo "counters before act 2: $before"
echo "counters after act 2:  $(gsskctl status --json | jq -c .counters)"

if [ "$failed" = 0 ]; then
	printf '\ndemo: every step behaved as designed\n'
else
	printf '\ndemo: FAILED\n'
fi
exit "$failed"
