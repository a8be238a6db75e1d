#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The shared library exports exactly the functions of the public headers,
# each at the version node the version script gives it, and nothing else.
# Usage: symbols.sh LIBRARY MAPFILE HEADER... Output is TAP.
set -u
lib=$1 map=$2
shift 2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

cat "$@" | grep -oE '\<gssk_[a-z0-9_]+\(' | tr -d '(' | sort -u \
	>"$tmp/header"
nm -D --defined-only "$lib" | awk '$2 == "T" { print $3 }' | sort \
	>"$tmp/exported"
# "NODE {" opens a version node; each "sym;" inside it is sym@@NODE.
awk '/^[A-Z0-9_.]+[[:space:]]*\{/ { node = $1 }
     /^[[:space:]]*gssk_[a-z0-9_]*;/ { sub(/;.*/, ""); gsub(/[[:space:]]/, "");
	print $0 "@@" node }' "$map" | sort >"$tmp/want"
sed 's/@@.*//' "$tmp/want" | sort -u >"$tmp/map"

n=0 failed=0
check() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

test -s "$tmp/header"
check $? "the headers declare gssk_ functions ($(wc -l <"$tmp/header"))"
diff -u "$tmp/header" "$tmp/map" >&2
check $? "the version script lists exactly the headers' functions"
diff -u "$tmp/want" "$tmp/exported" >&2
check $? "exports are exactly those functions, at their map versions"
readelf -d "$lib" | grep -q 'SONAME.*\[libgssk\.so\.1\]'
check $? "soname libgssk.so.1"
# gssk_krb5_load_sec_context finds MIT krb5 at run time (dlopen NOLOAD)
! readelf -d "$lib" | grep 'NEEDED' | grep -Eq 'gssapi|krb5'
check $? "no link to a GSS-API or Kerberos library (NEEDED: $(readelf -d "$lib" |
	sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' '))"
echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
