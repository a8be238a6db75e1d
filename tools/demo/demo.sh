#!/bin/sh
# gssk demo, run inside the test VM as root by `make demo`.
#
# An acceptor (root) loads an established Kerberos context into the kernel
# and exports it bound to a worker's uid and cgroup. The worker imports and
# inquires it. Other processes holding the very same token are refused.
set -u

WORKER=1000
OTHER=1001
CG=/sys/fs/cgroup/gssk-demo
TOKEN=/tmp/demo.token
failed=0

step() {
	printf '\n== %s\n' "$*"
}

# run_as UID CGROUP CMD...: run CMD as UID, in CGROUP, in a new session
# keyring of its own (a worker cannot write root's session keyring).
run_as() {
	uid=$1 cg=$2
	shift 2
	sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$cg" \
		setpriv --reuid "$uid" --regid "$uid" --clear-groups \
		keyctl session - "$@"
}

# expect_refusal DESCRIPTION REASON CMD...: the command must fail, and
# its message must name REASON (so a refusal for some unrelated cause, such
# as a typo in the command, does not pass for the designed one).
expect_refusal() {
	what=$1 reason=$2
	shift 2
	if out=$("$@" 2>&1); then
		printf '%s\n' "$out"
		echo "UNEXPECTED: $what was accepted"
		failed=1
		return
	fi
	printf '%s\n' "$out"
	case $out in
	*"$reason"*)
		echo "-> refused, as it must be ($what)" ;;
	*)
		echo "UNEXPECTED: $what failed, but not with \"$reason\""
		failed=1 ;;
	esac
}

mkdir -p "$CG/workers" "$CG/../gssk-elsewhere"

step "1. The acceptor (uid 0) loads an established context into the kernel"
KEY=$(gsskctl random-key --enctype 18) || exit 1
SERIAL=$(gsskctl load --enctype 18 --key "$KEY" --role acceptor \
	--flags mutual,replay,sequence,conf,integ,trans \
	--initiator alice@EXAMPLE.COM \
	--acceptor host/server.example.com@EXAMPLE.COM \
	--lifetime 3600 --description demo-context) || exit 1
KEY=
echo "context key serial: $SERIAL"
gsskctl show "$SERIAL" || exit 1
echo "/proc/keys shows public facts only:"
grep "demo-context" /proc/keys

step "2. Nobody reads the key bytes back, not even the owner"
expect_refusal "keyctl read" "not supported" keyctl read "$SERIAL"

step "3. The acceptor exports it to uid $WORKER in cgroup $CG"
gsskctl export "$SERIAL" --uid "$WORKER" --any-session --cgroup "$CG" \
	--ttl 60 --raw --out "$TOKEN" || exit 1
chmod 0644 "$TOKEN"
echo "the token is a reference only ($(wc -c < "$TOKEN") bytes):"
xxd "$TOKEN"
echo "after export the acceptor's context is gone:"
expect_refusal "inquire of the exported serial" "no key with this serial" \
	gsskctl show "$SERIAL"

step "4. A third process (uid $OTHER, inside the cgroup) has the token"
expect_refusal "uid $OTHER" "bound to another uid" \
	run_as "$OTHER" "$CG/workers" \
	gsskctl import --in "$TOKEN"

step "5. The worker's uid, but outside the cgroup"
expect_refusal "uid $WORKER outside $CG" "not in the cgroup" \
	run_as "$WORKER" "$CG/../gssk-elsewhere" \
	gsskctl import --in "$TOKEN"

step "6. The worker (uid $WORKER in $CG/workers) imports and inquires it"
if run_as "$WORKER" "$CG/workers" sh -c '
	serial=$(gsskctl import --in "$0") || exit 1
	echo "worker imported the context as key $serial"
	gsskctl show "$serial"' "$TOKEN"; then
	echo "-> worker holds the context"
else
	echo "UNEXPECTED: the worker could not import"
	failed=1
fi

step "7. The token is spent: a second import fails"
expect_refusal "second import" "unknown token" \
	run_as "$WORKER" "$CG/workers" \
	gsskctl import --in "$TOKEN"

step "8. What the module counted (gsskctl status)"
gsskctl status || failed=1

if [ "$failed" = 0 ]; then
	printf '\ndemo: every step behaved as designed\n'
else
	printf '\ndemo: FAILED\n'
fi
exit "$failed"
