#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The minor codes have one table, libgssk's (lib/status.c): every code of
# enum gssk_minor (<linux/gssk.h>) and enum gssk_lib_minor (<gssk/gssk.h>)
# has a row there (gssk_minor_name() gives the enum constant's own name,
# gssk_display_status() a text), and the list of codes in man/libgssk.3
# is that table as this script prints it.
#
#   minor_codes.sh CC "CFLAGS" LIBGSSK.A "LIBS" TOP          check (TAP)
#   minor_codes.sh CC "CFLAGS" LIBGSSK.A "LIBS" TOP --man    the man list
#
# To refresh the page after a change to the table: run it with --man and
# paste the output between the BEGIN and END marks of man/libgssk.3.
set -eu
cc=$1 cflags=$2 lib=$3 libs=$4 top=$5 mode=${6:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the constants of one enum, in order, without the __*_END sentinel
names() {	# names ENUM HEADER
	sed -n "/^enum $1 {/,/^};/p" "$2" |
		sed -n 's/^[[:space:]]*\(GSSK_MINOR_[A-Z0-9_]*\).*/\1/p'
}
{
	cat <<'HEAD'
#include <stdio.h>
#include <string.h>
#include <gssk/gssk.h>

static int n, failed;
static const char *mode = "";

static void row(OM_uint32 code, const char *name)
{
	const char *got = gssk_minor_name(code);
	gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
	OM_uint32 minor, ctx = 0;
	int good = got && strcmp(got, name) == 0 &&
		   gssk_display_status(&minor, code, GSS_C_MECH_CODE,
				       GSS_C_NO_OID, &ctx, &text) ==
			   GSS_S_COMPLETE && text.length > 0;

	n++;
	failed += !good;
	if (!strcmp(mode, "--man"))
		printf(".TP\n.B %s\n0x%08x: %.*s\n", name, code,
		       (int)text.length, (char *)text.value);
	else
		printf("%sok %d - %s (0x%08x): its name and text%s%s\n",
		       good ? "" : "not ", n, name, code,
		       got ? ", got " : "", got ? got : "");
	gssk_release_buffer(&minor, &text);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		mode = argv[1];
HEAD
	for n in $(names gssk_minor "$top/include/uapi/linux/gssk.h") \
		 $(names gssk_lib_minor "$top/include/gssk/gssk.h"); do
		printf '\trow(%s, "%s");\n' "$n" "$n"
	done
	cat <<'TAIL'
	if (!*mode)
		printf("# %d passed, %d failed\n", n - failed, failed);
	return failed != 0;
}
TAIL
} >"$tmp/t.c"
# a broken sed would find no names at all
[ "$(grep -c '	row(' "$tmp/t.c")" -gt 40 ] || {
	echo "not ok 1 - the enums were not found in the headers"; exit 1; }
$cc $cflags -o "$tmp/t" "$tmp/t.c" "$lib" $libs
if [ -n "$mode" ]; then
	exec "$tmp/t" "$mode"
fi

"$tmp/t" | tee "$tmp/tap"
n=$(grep -c '^ok\|^not ok' "$tmp/tap")
failed=$(grep -c '^not ok' "$tmp/tap" || true)
# the docs' lists: the lines between the BEGIN and END marks
section() {	# section FILE
	sed -n '/BEGIN minor codes/,/END minor codes/p' "$1" | sed '1d;$d'
}
for doc in man/libgssk.3:--man; do
	file=${doc%%:*} opt=${doc#*:}
	"$tmp/t" "$opt" >"$tmp/want"
	section "$top/$file" >"$tmp/have"
	n=$((n + 1))
	if [ -s "$tmp/have" ] && cmp -s "$tmp/want" "$tmp/have"; then
		echo "ok $n - $file lists the codes as the table has them"
	else
		echo "not ok $n - $file lists the codes as the table has them" \
			"(refresh it with minor_codes.sh $opt)"
		diff -u "$tmp/want" "$tmp/have" | sed 's/^/# /' | head -40
		failed=$((failed + 1))
	fi
done
echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
