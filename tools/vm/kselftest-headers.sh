#!/bin/sh
# Usage: kselftest-headers.sh OUTDIR
#
# Put the kselftest harness headers (kselftest_harness.h and kselftest.h,
# from tools/testing/selftests/ of Debian's linux-source-6.1) into OUTDIR,
# so that the selftests can build with -I OUTDIR. Nothing happens if both
# are already there. The headers are extracted at build time and never
# committed.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi
out=$1
tarball=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
topdir=linux-source-6.1/tools/testing/selftests
headers="kselftest_harness.h kselftest.h"

present=yes
for h in $headers; do
	[ -f "$out/$h" ] || present=no
done
[ "$present" = yes ] && exit 0

if [ ! -f "$tarball" ]; then
	echo "$0: $tarball missing; run 'make deps' (package linux-source-6.1)" >&2
	exit 1
fi

# Extract into a scratch directory next to OUTDIR and move the files into
# place only once both are out, so an interrupted run leaves nothing behind.
mkdir -p "$out"
tmp=$(mktemp -d "$out/.extract.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
members=
for h in $headers; do
	members="$members $topdir/$h"
done
# This reads through the whole xz stream: about 12 s.
# shellcheck disable=SC2086 # one word per member
tar -xJf "$tarball" -C "$tmp" $members
for h in $headers; do
	mv "$tmp/$topdir/$h" "$out/$h"
done
