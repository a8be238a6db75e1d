#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The shared library exports exactly the functions of the public header,
# each at the version of the version-script node that lists it (GSSK_1.0,
# GSSK_1.1, ...), and the version script lists the same set.
# Usage: symbols.sh LIBRARY HEADER MAPFILE. Output is TAP.
set -u
lib=$1 header=$2 map=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

grep -oE '\<gssk_[a-z_]+\(' "$header" | tr -d '(' | sort -u >"$tmp/header"
nm -D --defined-only "$lib" | awk '$2 == "T" { print $3 }' | sort \
	>"$tmp/exported"
sed -n 's/^[[:space:]]*\(gssk_[a-z_]*\);.*/\1/p' "$map" | sort -u >"$tmp/map"
# symbol@@NODE for every symbol of the version script
awk '/^GSSK_[0-9.]+[[:space:]]*\{/ { node = $1 }
     /^[[:space:]]*gssk_[a-z_]*;/ { sub(/;.*/, ""); gsub(/[[:space:]]/, "");
				     print $0 "@@" node }' "$map" | sort >"$tmp/want"

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
check $? "the header declares gssk_ functions ($(wc -l <"$tmp/header"))"
diff -u "$tmp/want" "$tmp/exported" >&2
check $? "exports are exactly the version script's symbols @@their node"
diff -u "$tmp/header" "$tmp/map" >&2
check $? "the version script lists exactly the header's functions"
readelf -d "$lib" | grep -q 'SONAME.*\[libgssk\.so\.1\]'
check $? "soname libgssk.so.1"
echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
