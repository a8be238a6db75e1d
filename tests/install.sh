#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host tests of the install rules (install.mk), run by `make check-install`
# after `make all`. Output is TAP. Everything goes into temporary
# directories (DESTDIR, INSTALL_MOD_PATH, a private DKMS tree) that are
# removed at the end; nothing is loaded into the host kernel, nothing is
# written under /usr, /etc, /lib/modules or /var/lib/dkms.
#
#   - make install DESTDIR=... PREFIX=/usr lays out exactly the expected
#     files, modes and symlinks, and nothing under include/linux/
#   - a program outside the tree builds with only `pkg-config --cflags
#     --libs gssk` against that tree (shared and static) and runs
#   - the installed libraries export exactly the symbols of their version
#     scripts, at their versions
#   - the man pages render without a warning and name every public
#     function and every module parameter
#   - make uninstall removes everything install put there
#   - make modules_install (INSTALL_MOD_PATH, INSTALL_MOD_DIR), the
#     modules-load.d and modprobe.d files
#   - make install-dkms, then dkms add/build/install/remove with private
#     trees (skipped when dkms is not installed)
set -u
cd "$(dirname "$0")/.." || exit 1

n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
# Words of a multi-line value on one line.
oneline() {
	printf '%s\n' "$1" | paste -sd' '
}
# diff EXPECTED ACTUAL, shown as a TAP diagnostic when they differ.
same() {
	local out
	out=$(diff -u "$1" "$2") && return 0
	printf '%s\n' "$out" | sed 's/^/# /'
	return 1
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
log=$tmp/make.log

echo "TAP version 13"

# The man pages in man/ decide which pages install must lay out.
cli=gsskctl
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' dkms.conf)
# MIT's GSS plugin directory, where make install puts the interposer.
gss_plugindir=$(pkg-config --variable=libdir krb5-gssapi)/gss

# --- make install --------------------------------------------------------

make -s install DESTDIR="$root" PREFIX=/usr >"$log" 2>&1
ok $? "make install DESTDIR=... PREFIX=/usr" || sed 's/^/# /' "$log"

{
	echo "f 644 usr/include/gssk/gssk.h"
	echo "f 644 usr/include/gssk/gssk_krb5.h"
	echo "f 644 usr/include/gssk/uapi/linux/gssk.h"
	echo "f 644 usr/lib/libgssk.a"
	echo "l usr/lib/libgssk.so -> libgssk.so.1"
	echo "f 755 usr/lib/libgssk.so.1"
	echo "f 644 usr/lib/pkgconfig/gssk.pc"
	echo "f 755 usr/sbin/$cli"
	echo "f 755 ${gss_plugindir#/}/gssk-interposer.so"
	for page in man/*.[1-8]; do
		[ -f "$page" ] &&
			echo "f 644 usr/share/man/man${page##*.}/${page##*/}"
	done
} | LC_ALL=C sort >"$tmp/want"
(cd "$root" && find . ! -type d -printf '%y %m %P -> %l\n') |
	sed -e 's/^f \([0-9]*\) \(.*\) -> $/f \1 \2/' \
	    -e 's/^l [0-9]* /l /' | LC_ALL=C sort >"$tmp/got"
same "$tmp/want" "$tmp/got"
ok $? "installed files, modes and symlinks are exactly the expected ones ($(wc -l <"$tmp/want"))"

# linux-libc-dev owns /usr/include/linux: gssk must not put a file there.
test ! -e "$root/usr/include/linux"
ok $? "nothing installed under \$(INCLUDEDIR)/linux"

cmp -s include/uapi/linux/gssk.h "$root/usr/include/gssk/uapi/linux/gssk.h" &&
	cmp -s include/gssk/gssk.h "$root/usr/include/gssk/gssk.h" &&
	cmp -s include/gssk/gssk_krb5.h "$root/usr/include/gssk/gssk_krb5.h" &&
	cmp -s lib/libgssk.so.1 "$root/usr/lib/libgssk.so.1"
ok $? "installed headers and library are the tree's"

pcver=$(PKG_CONFIG_LIBDIR=$root/usr/lib/pkgconfig pkg-config --modversion gssk)
[ -n "$version" ] && [ "$pcver" = "$version" ]
ok $? "gssk.pc version ($pcver) is dkms.conf's PACKAGE_VERSION ($version)"

# --- an out-of-tree program built with pkg-config only ------------------

# The sysroot prefixes every -I and -L with the DESTDIR; PKG_CONFIG_PATH
# puts the installed gssk.pc before the system's .pc files.
pc() {
	PKG_CONFIG_SYSROOT_DIR=$root PKG_CONFIG_PATH=$root/usr/lib/pkgconfig \
		pkg-config "$@"
}
mkdir "$tmp/example"
cp tests/pkgconfig-example.c "$tmp/example/example.c"
flags=$(pc --cflags --libs gssk)
ok $? "pkg-config --cflags --libs gssk: $flags"
# shellcheck disable=SC2086 # the flags are words
(cd "$tmp/example" &&
	cc -Wall -Wextra -Werror -o example example.c $flags) >"$log" 2>&1
ok $? "the example compiles and links with those flags only" ||
	sed 's/^/# /' "$log"

# The reference output: the same program built against the tree.
cc -Wall -Wextra -Werror -I include -I include/uapi -o "$tmp/example/ref" \
	tests/pkgconfig-example.c -L lib -lgssk &&
	LD_LIBRARY_PATH=lib "$tmp/example/ref" >"$tmp/example/want" &&
	LD_LIBRARY_PATH=$root/usr/lib "$tmp/example/example" \
		>"$tmp/example/got" &&
	[ "$(wc -l <"$tmp/example/got")" -eq 3 ] &&
	same "$tmp/example/want" "$tmp/example/got"
ok $? "the example runs on the installed libgssk.so.1 and prints what the tree's library prints"

LD_LIBRARY_PATH=$root/usr/lib ldd "$tmp/example/example" |
	grep -q "libgssk\.so\.1 => $root/usr/lib/libgssk\.so\.1"
ok $? "the example needs libgssk.so.1 (the soname) and found the installed one"

# examples/README.md's build lines, against the installed tree.
cp examples/*.c examples/wire.h "$tmp/example/"
# shellcheck disable=SC2046 # the flags are words
(cd "$tmp/example" &&
	cc -Wall -Wextra -Werror -o gssk-acceptor \
		gssk-acceptor.c wire.c $(pc --cflags --libs gssk krb5-gssapi) &&
	cc -Wall -Wextra -Werror -o gssk-worker \
		gssk-worker.c wire.c $(pc --cflags --libs gssk)) >"$log" 2>&1
ok $? "examples/ gssk-acceptor and gssk-worker build with pkg-config as their README says" ||
	sed 's/^/# /' "$log"

static_flags=$(pc --static --cflags --libs gssk)
# shellcheck disable=SC2086 # the flags are words
(cd "$tmp/example" &&
	cc -static -o example-static example.c $static_flags) >"$log" 2>&1 &&
	"$tmp/example/example-static" >"$tmp/example/got-static" &&
	same "$tmp/example/want" "$tmp/example/got-static"
ok $? "static link with pkg-config --static only ($static_flags) runs" ||
	sed 's/^/# /' "$log"

# --- exported symbols ------------------------------------------------------

# Every "name;" inside a version node of the map, as name@@NODE.
map_symbols() {
	awk '/^[A-Za-z_][A-Za-z0-9_.]* *\{/ { node = $1 }
	     /^[ \t]*local:/ { node = "" }
	     node != "" && /^[ \t]+[a-z_][a-z0-9_]*;/ {
		     sub(/^[ \t]+/, ""); sub(/;.*/, "")
		     print $0 "@@" node }' "$1" | LC_ALL=C sort
}
# Defined global functions and objects in the dynamic symbol table, but
# not the absolute symbols that name the version nodes (GSSK_1.0).
dyn_symbols() {
	readelf --dyn-syms --wide "$1" |
		awk -v nodes=" $(sed -n 's/^\([A-Za-z_][A-Za-z0-9_.]*\) *{.*/\1/p' "$2" | tr '\n' ' ')" '
		     ($4 == "FUNC" || $4 == "OBJECT") && $5 == "GLOBAL" &&
		     $7 != "UND" &&
		     !($7 == "ABS" && index(nodes, " " $8 " ")) { print $8 }' |
		LC_ALL=C sort
}
map_symbols lib/libgssk.map >"$tmp/want"
dyn_symbols "$root/usr/lib/libgssk.so.1" lib/libgssk.map >"$tmp/got"
[ -s "$tmp/want" ] && same "$tmp/want" "$tmp/got"
ok $? "installed libgssk.so.1 exports exactly lib/libgssk.map ($(wc -l <"$tmp/want") symbols, each at its version)"

# --- man pages -------------------------------------------------------------

pages=$(cd "$root/usr/share/man" 2>/dev/null && ls man*/*)
for want in man7/gssk.7 man3/libgssk.3; do
	printf '%s\n' "$pages" | grep -qx "$want"
	ok $? "man page $want installed"
done
for page in $pages; do
	out=$(groff -man -ww -z "$root/usr/share/man/$page" 2>&1) &&
		[ -z "$out" ]
	ok $? "groff -man -ww: $page has no warning" ||
		printf '%s\n' "$out" | sed 's/^/# /'
	out=$(MANWIDTH=80 man -l "$root/usr/share/man/$page" 2>&1 >"$tmp/page.txt") &&
		[ -z "$out" ] && [ "$(wc -l <"$tmp/page.txt")" -gt 20 ]
	ok $? "man -l renders $page" || printf '%s\n' "$out" | sed 's/^/# /'
done

# The reference has every public function in its SYNOPSIS and describes
# it after; the model page names every module parameter.
functions=$(grep -ohE '\<gssk_[a-z0-9_]+\(' include/gssk/gssk.h \
	include/gssk/gssk_krb5.h | tr -d '(' | sort -u)
sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' man/libgssk.3 >"$tmp/synopsis"
sed -n '/^\.SH DESCRIPTION/,$p' man/libgssk.3 >"$tmp/description"
missing=
for f in $functions; do
	grep -q "\<$f(OM_uint32\|\<$f(const\|\<$f(void\|\<$f(u\?int32_t\|\<$f(size_t" "$tmp/synopsis" ||
		missing="$missing $f:synopsis"
	grep -q "^\.BR* .*\<$f\>" "$tmp/description" ||
		missing="$missing $f:description"
done
[ -n "$functions" ] && [ -z "$missing" ]
ok $? "libgssk.3 has every function of the public headers ($(echo "$functions" | wc -l))${missing:+: missing$missing}"

# Module parameters: module_param_named(NAME, var, type, PERM) in kernel/,
# except testmode.c, whose test_* parameters exist only in the test build
# (make module-test) and never in an installed module.
prod_sources=
for f in kernel/*.c; do
	[ "$f" = kernel/testmode.c ] || prod_sources="$prod_sources $f"
done
# shellcheck disable=SC2086 # one word per file
params=$(sed -n 's/^module_param_named(\([a-z_]*\), *[a-z_]*, *[a-z]*, *\(0[0-7]*\));/\1 \2/p' $prod_sources)
[ -n "$params" ]
ok $? "kernel/ declares module parameters: $(oneline "$params")"
MANWIDTH=200 man -l man/gssk.7 2>/dev/null >"$tmp/gssk7.txt"
bad=
while read -r name perm; do
	# Visible under /sys/module/gssk/parameters only with some permission.
	[ "$perm" != 0 ] && [ "$perm" != 0000 ] || bad="$bad $name:perm=$perm"
	grep -q "\<$name\>" "$tmp/gssk7.txt" || bad="$bad $name:gssk.7"
	grep -q "^#options gssk $name=" packaging/modprobe.d/gssk.conf ||
		bad="$bad $name:modprobe.d"
done <<<"$params"
[ -z "$bad" ]
ok $? "every module parameter is in sysfs, gssk.7 and the modprobe.d example${bad:+:$bad}"

# The defaults that the modprobe.d example shows are the code's.
bad=
for name in $(echo "$params" | cut -d' ' -f1); do
	# shellcheck disable=SC2086 # one word per file
	var=$(sed -n "s/^module_param_named($name, *\([a-z_]*\),.*/\1/p" $prod_sources)
	# shellcheck disable=SC2086 # one word per file
	def=$(sed -n "s/^unsigned int $var = \([0-9]*\);/\1/p" $prod_sources)
	grep -q "^#options gssk $name=$def\$" packaging/modprobe.d/gssk.conf ||
		bad="$bad $name=$def"
done
[ -z "$bad" ]
ok $? "the modprobe.d example shows the code's defaults${bad:+: not$bad}"

# --- make uninstall --------------------------------------------------------

make -s uninstall DESTDIR="$root" PREFIX=/usr >"$log" 2>&1
ok $? "make uninstall" || sed 's/^/# /' "$log"
left=$(cd "$root" && find . ! -type d)
[ -z "$left" ] && [ ! -e "$root/usr/include/gssk" ]
ok $? "uninstall removed every file and link, and include/gssk${left:+: left $(oneline "$left")}"

# --- default PREFIX, custom LIBDIR ----------------------------------------

make -s install DESTDIR="$tmp/local" >"$log" 2>&1 &&
	[ -f "$tmp/local/usr/local/lib/libgssk.so.1" ] &&
	[ -f "$tmp/local/usr/local/sbin/$cli" ] &&
	[ "$(PKG_CONFIG_LIBDIR=$tmp/local/usr/local/lib/pkgconfig \
		pkg-config --variable=prefix gssk)" = /usr/local ]
ok $? "PREFIX defaults to /usr/local (files and gssk.pc)" ||
	sed 's/^/# /' "$log"

multiarch=/usr/lib/x86_64-linux-gnu
make -s install DESTDIR="$tmp/ma" PREFIX=/usr LIBDIR=$multiarch >"$log" 2>&1 &&
	[ -f "$tmp/ma$multiarch/libgssk.so.1" ] &&
	[ -f "$tmp/ma/usr/sbin/$cli" ] &&
	[ "$(PKG_CONFIG_LIBDIR=$tmp/ma$multiarch/pkgconfig \
		pkg-config --variable=libdir gssk)" = $multiarch ]
ok $? "LIBDIR=$multiarch goes to the library and gssk.pc, not the CLI's build" ||
	sed 's/^/# /' "$log"
# The CLI and gssk.pc in lib/ are rebuilt for the tree's default again.
make -s -C lib >/dev/null 2>&1

# --- make modules_install --------------------------------------------------

kver=$(tools/vm/kernel.sh kver)
for dir in extra updates; do
	mp=$tmp/mod-$dir
	if [ $dir = extra ]; then
		make -s modules_install INSTALL_MOD_PATH="$mp" >"$log" 2>&1
	else
		make -s modules_install INSTALL_MOD_PATH="$mp" \
			INSTALL_MOD_DIR=$dir >"$log" 2>&1
	fi
	st=$?
	got=$(cd "$mp" 2>/dev/null && find . -type f -printf '%P\n')
	[ $st -eq 0 ] && [ "$got" = "lib/modules/$kver/$dir/gssk.ko" ]
	ok $? "make modules_install puts exactly lib/modules/$kver/$dir/gssk.ko in INSTALL_MOD_PATH${got:+ (got $(oneline "$got"))}" ||
		sed 's/^/# /' "$log"
done
ko=$tmp/mod-extra/lib/modules/$kver/extra/gssk.ko
[ "$(modinfo -F vermagic "$ko" 2>/dev/null | cut -d' ' -f1)" = "$kver" ] &&
	cmp -s gssk.ko "$ko"
ok $? "the installed gssk.ko is the built one, for kernel $kver"
[ "$(modinfo -F version "$ko")" = "$version" ]
ok $? "the module's version is dkms.conf's PACKAGE_VERSION ($version)"
[ "$(modinfo -F parm "$ko" | cut -d: -f1 | sort)" = \
	"$(echo "$params" | cut -d' ' -f1 | sort)" ]
ok $? "modinfo lists the module parameters"

make -s install-modules-load install-modprobe-conf DESTDIR="$tmp/etc" \
	>"$log" 2>&1 &&
	cmp -s packaging/modules-load.d/gssk.conf \
		"$tmp/etc/etc/modules-load.d/gssk.conf" &&
	cmp -s packaging/modprobe.d/gssk.conf \
		"$tmp/etc/etc/modprobe.d/gssk.conf" &&
	[ "$(cd "$tmp/etc" && find . -type f | wc -l)" -eq 2 ]
ok $? "make install-modules-load install-modprobe-conf" ||
	sed 's/^/# /' "$log"
[ "$(grep -v '^#' packaging/modules-load.d/gssk.conf | grep -v '^$')" = gssk ]
ok $? "modules-load.d/gssk.conf names the module gssk"
# modprobe reads the example as a configuration: it must parse, and (all
# commented out) set nothing.
out=$(modprobe -C "$tmp/etc/etc/modprobe.d" -c 2>&1 | grep -i gssk)
[ -z "$out" ]
ok $? "modprobe parses the modprobe.d example and it sets nothing" ||
	printf '%s\n' "$out" | sed 's/^/# /'

# The interposer's two files: mech.d names the installed module by its
# absolute path and OID; interposer.conf is the shipped one, and a changed
# one is neither overwritten by install nor removed by uninstall.
etc=$tmp/interposer-etc
make -s install-interposer DESTDIR="$etc" >"$log" 2>&1 &&
	[ "$(cat "$etc/etc/gss/mech.d/gssk.conf" | grep -v '^#')" = \
	  "gssk 1.3.6.1.4.1.32473.71.83.83.75 $gss_plugindir/gssk-interposer.so <interposer>" ] &&
	cmp -s packaging/gssk/interposer.conf "$etc/etc/gssk/interposer.conf" &&
	[ "$(stat -c %a "$etc/etc/gss/mech.d/gssk.conf" "$etc/etc/gssk/interposer.conf" | paste -sd' ')" = "644 644" ]
ok $? "make install-interposer: mech.d/gssk.conf names $gss_plugindir/gssk-interposer.so, interposer.conf is the shipped one" ||
	sed 's/^/# /' "$log"
echo "[default]" >"$etc/etc/gssk/interposer.conf"
make -s install-interposer DESTDIR="$etc" >"$log" 2>&1 &&
	[ "$(cat "$etc/etc/gssk/interposer.conf")" = "[default]" ] &&
	make -s uninstall-interposer DESTDIR="$etc" >>"$log" 2>&1 &&
	[ ! -e "$etc/etc/gss/mech.d/gssk.conf" ] &&
	[ "$(cat "$etc/etc/gssk/interposer.conf")" = "[default]" ]
ok $? "a changed interposer.conf survives install-interposer and uninstall-interposer" ||
	sed 's/^/# /' "$log"
make -s install-interposer uninstall-interposer DESTDIR="$tmp/etc2" \
	>"$log" 2>&1 &&
	[ -z "$(find "$tmp/etc2" -type f)" ]
ok $? "uninstall-interposer removes an unchanged interposer.conf" ||
	sed 's/^/# /' "$log"

# --- DKMS ------------------------------------------------------------------

make -s install-dkms DESTDIR="$tmp/dkms-root" >"$log" 2>&1
ok $? "make install-dkms" || sed 's/^/# /' "$log"
src=$tmp/dkms-root/usr/src/gssk-$version
# shellcheck disable=SC1091 # dkms.conf is sourced as dkms does
( set +u && . "$src/dkms.conf" &&
	[ "$PACKAGE_NAME" = gssk ] && [ "$PACKAGE_VERSION" = "$version" ] &&
	[ "${BUILT_MODULE_NAME[0]}" = gssk ] &&
	case ${DEST_MODULE_LOCATION[0]} in /extra | /updates) ;; *) false ;; esac &&
	[ "$AUTOINSTALL" = yes ] )
ok $? "dkms.conf: gssk $version, module gssk to /extra or /updates, AUTOINSTALL"
bad=$(grep -o 'dkms [a-z]* gssk/[^ ]*' README.md | grep -v "gssk/$version\$")
[ -z "$bad" ] && grep -q "dkms install gssk/$version" README.md
ok $? "README's dkms commands name gssk/$version${bad:+: not $(oneline "$bad")}"

if ! command -v dkms >/dev/null 2>&1; then
	skip "dkms build and install with private trees" "dkms not installed"
else
	kdir=$(tools/vm/kernel.sh kdir)
	dt=$tmp/dkms-tree it=$tmp/dkms-install
	mkdir -p "$dt" "$it/$kver"
	ls -A /var/lib/dkms >"$tmp/varlib.before" 2>/dev/null
	# A throwaway signing key instead of /var/lib/dkms/mok.key.
	dkms() {
		mok_signing_key=$tmp/mok.key mok_certificate=$tmp/mok.pub \
			command dkms "$@" -m gssk -v "$version" --dkmstree "$dt" \
			--sourcetree "$tmp/dkms-root/usr/src" --installtree "$it"
	}
	dkms add >"$log" 2>&1 &&
		dkms build -k "$kver" --kernelsourcedir "$kdir" >>"$log" 2>&1 &&
		dkms install -k "$kver" --kernelsourcedir "$kdir" --no-depmod \
			>>"$log" 2>&1
	ok $? "dkms add, build and install against $kdir" ||
		sed 's/^/# /' "$log"
	ko=$(cd "$it" && find . -name 'gssk.ko*' -printf '%P\n')
	case $ko in
	"$kver"/updates/*gssk.ko | "$kver"/extra/*gssk.ko) st=0 ;;
	*) st=1 ;;
	esac
	[ "$(modinfo -F vermagic "$it/$ko" 2>/dev/null | cut -d' ' -f1)" = "$kver" ]
	ok $((st + $?)) "dkms installed gssk.ko for $kver (${ko:-nothing})"
	dkms status 2>&1 | grep -q "gssk/$version, $kver, .*: installed"
	ok $? "dkms status: installed"
	dkms remove --all --no-depmod >"$log" 2>&1 &&
		[ -z "$(cd "$it" && find . -name 'gssk.ko*')" ]
	ok $? "dkms remove takes the module out again" || sed 's/^/# /' "$log"
	ls -A /var/lib/dkms >"$tmp/varlib.after" 2>/dev/null
	cmp -s "$tmp/varlib.before" "$tmp/varlib.after" &&
		[ ! -e "/usr/src/gssk-$version" ]
	ok $? "nothing written to /var/lib/dkms or /usr/src"
fi

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
