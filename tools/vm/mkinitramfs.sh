#!/bin/bash
# Build build/initramfs.cpio.gz, the whole root filesystem of the gssk test
# VM, from a staging tree in build/initramfs/:
#
#   /init                  generated below (busybox sh)
#   /usr/bin/busybox       busybox-static and its applets as symlinks
#   /usr/bin/sh            dash, as on Debian (see below)
#   /usr/bin/keyctl        with its shared libraries and the dynamic loader
#   /usr/bin/setpriv       util-linux's (busybox's has no --reuid/--regid)
#   /usr/sbin/gsskctl      the gssk tool (tools/gsskctl/gsskctl)
#   /usr/bin/gssk-bench    tools/bench/gssk-bench, if it is built
#   /usr/lib/libgssk.so.1  the library (lib/libgssk.so.1)
#   /lib/gssk/gssk.ko      the module under test
#   /lib/gssk/gssk-corrupt.ko  the same with a corrupted self-test vector
#   /lib/gssk/gssk-test.ko     the same with test hooks (make module-test)
#   /lib/modules/$KVER/    the crypto modules gssk needs, with depmod's index
#   /tests/                make -C selftests install DESTDIR=<staging>/tests
#   /usr/bin/gssk-{client,acceptor,worker}  the example programs (examples/)
#   /usr/bin/valgrind, /usr/libexec/valgrind/  memcheck only
#   /usr/lib/<multiarch>/gss/gssk-interposer.so  the MIT interposer (interposer/),
#                          where make install puts it, and its mech.d line in
#                          /usr/share/gssk/mech.d-gssk.conf: not enabled (no
#                          /etc/gss/mech.d/gssk.conf) until a test copies it
#   /demo/                 tools/demo/, if it exists
#   /etc/krb5*, krb5kdc, kinit, klist, gssk-kdc
#                          the Kerberos realm GSSK.TEST and its KDC
#                          (tools/vm/krb5/stage.sh)
#   /usr/bin/gss-{server,client}, python3 with python3-gssapi, /etc/gss/mech.d
#                          unmodified GSS-API programs (tools/vm/apps/stage.sh)
#
# The tree is merged-/usr like the host (/bin, /sbin, /lib, /lib64 are
# symlinks into /usr), so a library copied to its host path is found by the
# loader in the VM. Everything must be built already (make all).
#
# Environment, for a kernel other than the installed cloud kernel (make
# check-debug sets them):
#   KVER            its release (default: tools/vm/kernel.sh kver)
#   GSSK_KO_DIR     where gssk.ko, build/corrupt/gssk.ko and
#                   build/testmode/gssk.ko built for it are (default: .)
#   GSSK_MODROOT    the root its /lib/modules/$KVER is under (default: /)
#   GSSK_CONTROL_KO the debug harness's positive control module, copied to
#                   /lib/gssk/gssk_control.ko (check-debug-controls.sh)
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
KVER=$(tools/vm/kernel.sh kver)
stage=$root/build/initramfs
out=$root/build/initramfs.cpio.gz
hostmods=${GSSK_MODROOT:-}/lib/modules/$KVER
ko=${GSSK_KO_DIR:-.}

# Crypto modules /init loads before gssk.ko: the CTS and ECB templates and
# the x86 AES and SHA implementations behind the Kerberos enctypes
# (aes*-cts-hmac-sha1-96, aes128-cts-hmac-sha256-128,
# aes256-cts-hmac-sha384-192). The kernel's dependencies of these
# (crypto_simd, cryptd, ...) come from modules.dep, and gssk.ko's own
# dependencies from its modinfo. Built-in ones (cbc, hmac, sha1, sha256,
# aes) are skipped.
#
# Module names change between kernels: "a|b" takes the first of a and b
# that the kernel has (built in or as a module). A word marked with a
# trailing "?" is optional: a kernel without any of its names (7.x moved
# the x86 SHA code into lib/crypto, where it is no module of its own) is
# fine, the generic or library code serves. Everything else must exist.
#
# With the crypto/krb5 backend (7.x) gssk.ko depends on krb5.ko (its
# modinfo says so), and krb5.ko allocates its AEADs and keyed hashes by
# name: krb5enc(hmac(sha1),cts(cbc(aes))) (RFC 3962),
# authenc(hmac(sha256|sha384),cts(cbc(aes))) (RFC 8009), cmac(camellia)
# and krb5enc(cmac(camellia),cts(cbc(camellia))). The kernel would ask
# modprobe for the templates and ciphers it lacks; the VM has no
# /sbin/modprobe, so they are loaded beforehand. They are optional
# (6.1 has no krb5enc; a kernel may build them in).
CRYPTO_MODULES="cts ecb aesni-intel sha1-ssse3? sha256-ssse3? sha512_generic|sha512 sha512-ssse3?
	krb5enc? authenc? cmac? camellia_generic? camellia-x86_64?"

die() {
	echo "mkinitramfs: $*" >&2
	exit 1
}

# ELF files are recognised by their magic number.
is_elf() {
	[ "$(od -An -tx1 -N4 "$1" | tr -d ' ')" = 7f454c46 ]
}

# elf_libs FILE: copy into the staging tree, at their host paths, the shared
# libraries FILE needs and the dynamic loader, as ldd lists them (ldd gives
# the whole closure, not only direct needs). Libraries already in the
# staging tree (libgssk.so.1) are found there through LD_LIBRARY_PATH.
elf_libs() {
	local file=$1 out line lib
	# ldd fails on static executables; that just means no libraries.
	out=$(LD_LIBRARY_PATH=$stage/usr/lib ldd "$file" 2>&1) || return 0
	while read -r line; do
		case $line in
		*"=> not found"*)
			die "$file: library not found: ${line%% *}" ;;
		*"=> /"*)
			lib=${line#*=> }
			lib=${lib%% (*} ;;
		/*)
			lib=${line%% (*} ;;
		*)
			continue ;; # linux-vdso.so.1, "statically linked"
		esac
		case $lib in "$stage"/*) continue ;; esac
		if [ ! -e "$stage$lib" ]; then
			mkdir -p "$(dirname "$stage$lib")"
			cp -L "$lib" "$stage$lib"
		fi
	done <<<"$out"
}

# install_elf SRC DEST: copy the ELF SRC to DEST in the staging tree, with
# its ldd closure.
install_elf() {
	mkdir -p "$(dirname "$stage$2")"
	cp -L --remove-destination "$1" "$stage$2"
	elf_libs "$1"
}

# module_known NAME: true if the kernel has module NAME, built in or in
# modules.dep. (grep without -q: under pipefail, grep -q's early exit can
# fail the pipeline with a SIGPIPE'd sed.)
module_known() {
	local name=${1//-/_}
	{ cat "$hostmods/modules.builtin"; cut -d: -f1 "$hostmods/modules.dep"; } |
		sed 's,.*/,,; s,\.ko.*,,; s,-,_,g' | grep -x -- "$name" >/dev/null
}

# module_pick WORD: print the first of WORD's "|"-separated names that the
# kernel has; print nothing for an optional word ("...?") it has none of.
module_pick() {
	local word=$1 optional='' name
	case $word in *"?") optional=1 word=${word%"?"} ;; esac
	for name in ${word//|/ }; do
		if module_known "$name"; then
			echo "$name"
			return 0
		fi
	done
	[ -n "$optional" ] || die "none of the modules '$word' is in $hostmods"
	echo "mkinitramfs: no module '$word' in $KVER (optional, skipped)" >&2
}

# module_paths NAME: print the path (relative to /lib/modules/$KVER) of
# module NAME and of every module it depends on, dependencies first, from
# modules.dep (which lists the full closure for each module). Prints
# nothing if NAME is built into the kernel. '-' and '_' are the same in
# module names.
module_paths() {
	local name=${1//-/_}
	if sed 's,.*/,,; s,\.ko.*,,; s,-,_,g' "$hostmods/modules.builtin" |
		grep -x -- "$name" >/dev/null; then
		return 0
	fi
	awk -v want="$name" '
		{
			mod = $1; sub(/:$/, "", mod)
			base = mod; sub(/.*\//, "", base); sub(/\.ko.*/, "", base)
			gsub(/-/, "_", base)
			if (base != want) next
			for (i = NF; i > 1; i--) print $i
			print mod
			found = 1
			exit
		}
		END { exit !found }' "$hostmods/modules.dep" ||
		die "module $1 is not in $hostmods/modules.dep"
}

for f in "$ko/gssk.ko" "$ko/build/corrupt/gssk.ko" lib/libgssk.so.1 \
	"$ko/build/testmode/gssk.ko" tools/gsskctl/gsskctl \
	examples/gssk-client examples/gssk-acceptor examples/gssk-worker \
	interposer/gssk-interposer.so; do
	[ -f "$f" ] || die "$f is missing; run 'make all' first"
done
[ -f selftests/Makefile ] || die "selftests/Makefile is missing"
[ -d "$hostmods" ] || die "$hostmods missing (make deps)"

rm -rf "$stage"
mkdir -p "$stage"/usr/{bin,sbin,lib,lib64}
for d in bin sbin lib lib64; do
	ln -s "usr/$d" "$stage/$d"
done
mkdir -p "$stage"/{dev,proc,sys,tmp,run,root,etc,var/tmp,lib/gssk}

# busybox-static provides the shell, mount, modprobe, ip, poweroff, ...
busybox=$(command -v busybox) || die "busybox not installed (make deps)"
install_elf "$busybox" /usr/bin/busybox
for applet in $("$busybox" --list); do
	# The list names busybox itself; keep the binary.
	[ -e "$stage/usr/bin/$applet" ] || ln -s busybox "$stage/usr/bin/$applet"
done

# libgssk first: ldd finds it for the CLI and the tests in the staging tree.
install_elf lib/libgssk.so.1 /usr/lib/libgssk.so.1
# Host tools that busybox lacks or does in part: keyctl (keyutils),
# util-linux's setpriv (busybox's has no --reuid/--regid), and dash as
# /bin/sh for the payload scripts: busybox's shell is built "standalone"
# and runs its own applets ahead of PATH, so under it "setpriv" would be
# busybox's whatever PATH says. /init itself runs under busybox sh. jq
# parses gsskctl's --json output in the selftests.
for tool in keyctl setpriv dash jq; do
	path=$(command -v "$tool") || die "$tool not installed (make deps)"
	install_elf "$path" "/usr/bin/$tool"
done
ln -sf dash "$stage/usr/bin/sh"
install_elf tools/gsskctl/gsskctl /usr/sbin/gsskctl
# The example programs the demo runs (examples/, built by make all).
for f in gssk-client gssk-acceptor gssk-worker; do
	install_elf "examples/$f" "/usr/bin/$f"
done
# valgrind's memcheck, for the interposer's valgrind runs (about 1.2 MB
# compressed): the launcher and the one tool, not the whole package.
vg=/usr/libexec/valgrind
[ -x /usr/bin/valgrind.bin ] || die "valgrind not installed (make deps)"
install_elf /usr/bin/valgrind.bin /usr/bin/valgrind
mkdir -p "$stage$vg"
for f in memcheck-amd64-linux vgpreload_core-amd64-linux.so \
	vgpreload_memcheck-amd64-linux.so default.supp; do
	cp "$vg/$f" "$stage$vg/$f"
done
# memcheck must redirect ld.so's strlen, and Debian's ld.so is stripped:
# its symbols come from libc6-dbg's file for its build id.
ldso=$(readlink -f /lib64/ld-linux-x86-64.so.2)
ldso_id=$(readelf -n "$ldso" | sed -n 's/.*Build ID: \([0-9a-f]*\).*/\1/p')
ldso_dbg=/usr/lib/debug/.build-id/${ldso_id:0:2}/${ldso_id:2}.debug
[ -f "$ldso_dbg" ] || die "$ldso_dbg missing (libc6-dbg, make deps)"
mkdir -p "$stage${ldso_dbg%/*}"
cp "$ldso_dbg" "$stage$ldso_dbg"
# The interposer, installed but not enabled (the tests enable it).
gss_plugindir=$(pkg-config --variable=libdir krb5-gssapi)/gss
install_elf interposer/gssk-interposer.so "$gss_plugindir/gssk-interposer.so"
mkdir -p "$stage/etc/gss/mech.d" "$stage/usr/share/gssk"
sed "s|@GSS_PLUGINDIR@|$gss_plugindir|" packaging/gss/gssk.conf.in \
	>"$stage/usr/share/gssk/mech.d-gssk.conf"
if [ -f tools/bench/gssk-bench ]; then
	install_elf tools/bench/gssk-bench /usr/bin/gssk-bench
fi
cp "$ko/gssk.ko" "$stage/lib/gssk/gssk.ko"
if [ -n "${GSSK_CONTROL_KO:-}" ]; then
	cp "$GSSK_CONTROL_KO" "$stage/lib/gssk/gssk_control.ko"
fi
cp "$ko/build/corrupt/gssk.ko" "$stage/lib/gssk/gssk-corrupt.ko"
cp "$ko/build/testmode/gssk.ko" "$stage/lib/gssk/gssk-test.ko"

# Kernel modules, in load order, and the index busybox modprobe reads.
modules=
for word in $CRYPTO_MODULES; do
	modules="$modules $(module_pick "$word")"
done
for dep in $(modinfo -F depends "$ko/gssk.ko" | tr ',' ' '); do
	modules="$modules $dep"
done
load=
for m in $modules; do
	paths=$(module_paths "$m")
	[ -n "$paths" ] || continue # built in
	load="$load $m"
	for p in $paths; do
		dest=$stage/lib/modules/$KVER/${p%.ko*}.ko
		mkdir -p "$(dirname "$dest")"
		# Newer kernels ship compressed modules; busybox's modprobe
		# loads only plain ones, so they go in decompressed (depmod
		# below indexes what is there).
		case $p in
		*.ko.xz) xz -dc "$hostmods/$p" >"$dest" ;;
		*.ko.zst) zstd -qdc "$hostmods/$p" >"$dest" ;;
		*.ko.gz) gzip -dc "$hostmods/$p" >"$dest" ;;
		*) cp "$hostmods/$p" "$dest" ;;
		esac
	done
done
mkdir -p "$stage/lib/modules/$KVER"
cp "$hostmods"/modules.{builtin,builtin.modinfo,order} "$stage/lib/modules/$KVER/"
depmod -b "$stage" "$KVER"

# The selftests install their binaries and /tests/run_tests.sh.
make -C selftests install DESTDIR="$stage/tests"
[ -x "$stage/tests/run_tests.sh" ] ||
	die "selftests install did not provide an executable run_tests.sh"

if [ -d tools/demo ]; then
	mkdir -p "$stage/demo"
	cp -R tools/demo/. "$stage/demo/"
fi

# The Kerberos realm and its KDC, for the live interop tests and the demo.
# shellcheck source=tools/vm/krb5/stage.sh
. tools/vm/krb5/stage.sh

# MIT's sample programs and python3-gssapi, which know nothing of gssk.
# shellcheck source=tools/vm/apps/stage.sh
. tools/vm/apps/stage.sh

# Libraries for every ELF in the tree (the selftests and the demo bring
# their own); kernel modules are ELF too, but not for ldd.
while IFS= read -r -d '' f; do
	if is_elf "$f"; then
		elf_libs "$f"
	fi
done < <(find "$stage" -type f ! -name '*.ko' -print0)

cat >"$stage/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >"$stage/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP

# /init: the modules to load are filled in here, the rest is fixed.
{
	echo '#!/usr/bin/busybox sh'
	echo "# Generated by tools/vm/mkinitramfs.sh for $KVER."
	echo "MODULES=\"${load# }\""
	cat tools/vm/init.sh
} >"$stage/init"
chmod 755 "$stage/init"

# newc is the format the kernel unpacks; every file is owned by root.
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
echo "mkinitramfs: $out ($(du -h "$out" | cut -f1)), modules:$load"
