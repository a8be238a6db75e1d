#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Host check of gssk-interposer.so in forwarding mode (no kernel, no KDC):
# tests/forward makes name, mechanism and credential calls through MIT's
# mechglue once without the interposer and once with a GSS_MECH_CONFIG
# that names it. Passes only if, in the second run, the mechglue loaded
# the module and resolved its gssi_* entry points, the interposer's own
# gss_acquire_cred/gss_canonicalize_name path was taken (LD_DEBUG shows
# the bindings), and the program printed exactly what it printed without
# the interposer.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
so=$(cd "$here/.." && pwd)/gssk-interposer.so
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf 'gssk 1.3.6.1.4.1.32473.71.83.83.75 %s <interposer>\n' \
	"$so" >"$tmp/mech.conf"
export KRB5_KTNAME="$tmp/no-keytab" KRB5_CONFIG=/dev/null
# The interposer needs the tree's libgssk.so.1.
export LD_LIBRARY_PATH="$(cd "$here/../../lib" && pwd)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

"$here/forward" >"$tmp/plain"
GSS_MECH_CONFIG="$tmp/mech.conf" LD_DEBUG=bindings LD_DEBUG_OUTPUT="$tmp/ld" \
	"$here/forward" >"$tmp/interposed"

fail=0
if ! diff -u "$tmp/plain" "$tmp/interposed"; then
	echo "FAIL: the program saw something else with the interposer" >&2
	fail=1
fi
for sym in gss_mech_interposer gssi_import_name_by_mech gssi_acquire_cred \
	   gssi_accept_sec_context gssi_export_sec_context \
	   gssi_import_sec_context_by_mech gssi_mech_invoke; do
	if ! cat "$tmp"/ld* | grep -q "gssk-interposer.so.*\`$sym'"; then
		echo "FAIL: the mechglue did not bind $sym in the interposer" >&2
		fail=1
	fi
done
# The module exports its entry points and nothing else (no libgssk or
# helper symbol may leak into the programs that load it).
extra=$(nm -D --defined-only "$so" | awk '{print $3}' |
	grep -v -e '^gss_mech_interposer$' -e '^gssi_[a-z_]*$' || true)
if [ -n "$extra" ]; then
	echo "FAIL: the interposer exports more than its entry points: $extra" >&2
	fail=1
fi
[ $fail = 0 ] && echo "interposer forwarding check: ok"
exit $fail
