#!/bin/bash
# Build (once per machine) the gssk debug kernel and print its directory.
#
#   tools/vm/debug-kernel.sh          build if needed, print the directory
#   tools/vm/debug-kernel.sh --path   print the directory, build nothing
#
# The kernel is Debian's linux-source-6.1 configured as "make allnoconfig"
# plus tools/vm/debug.config (KASAN, KFENCE, lockdep, kmemleak, UBSAN,
# debug lists and objects, SLUB debugging, hardened usercopy, and only
# what gssk and its tests need). It is cached outside the clone, in
# $GSSK_CACHE (default /var/cache/gssk) under a key made of the source
# package's version, the hash of debug.config and RECIPE below, so a
# machine builds it once and a change to either builds a new one. Bump
# RECIPE when a change to this script changes what it builds.
#
# The directory holds the kernel's build tree (O=): arch/x86/boot/bzImage
# boots in the VM and gssk.ko builds against it with "make -C DIR M=...".
# Its modroot/lib/modules/<release>/ is what "make modules_install" gives
# (the kernel has every driver built in; the index is all the initramfs
# needs). build-seconds says how long the build took.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
fragment=$root/tools/vm/debug.config
cache=${GSSK_CACHE:-/var/cache/gssk}

RECIPE=1
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || true)
key_of() {
	{ cat "$fragment"; echo "recipe $RECIPE"; } | sha256sum | cut -c1-16
}
dir_for() {
	echo "$cache/debug-kernel-$1-$(key_of)"
}

if [ "${1:-}" = --path ]; then
	[ -n "$srcver" ] || { echo "debug-kernel.sh: linux-source-6.1 is not installed (make deps)" >&2; exit 1; }
	dir_for "$srcver"
	exit 0
fi

tools/vm/deps.sh debug
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
out=$(dir_for "$srcver")
if [ -f "$out/done" ]; then
	echo "$out"
	exit 0
fi

# The source tree, shared by every configuration of one source version.
src=$cache/linux-source-$srcver
if [ ! -f "$src/.gssk-unpacked" ]; then
	echo "debug-kernel.sh: unpacking linux-source-6.1 $srcver into $src" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf /usr/src/linux-source-6.1.tar.xz -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.gssk-unpacked"
	mv "$src.tmp" "$src"
fi

rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
kmake() {
	make -C "$src" O="$out" ARCH=x86_64 "$@"
}
echo "debug-kernel.sh: configuring $out" >&2
kmake -s allnoconfig
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$fragment" >"$out/merge.log"
kmake -s olddefconfig
# Every line of the fragment must have survived: a dependency that is not
# met drops an option silently.
missing=0
while IFS= read -r line; do
	case $line in
	'' | '#'*) continue ;;
	*=n)
		if grep -q "^${line%%=*}=" "$out/.config"; then
			echo "debug-kernel.sh: $line did not hold" >&2
			missing=1
		fi ;;
	*)
		if ! grep -qxF "$line" "$out/.config"; then
			echo "debug-kernel.sh: $line did not hold" >&2
			missing=1
		fi ;;
	esac
done <"$fragment"
[ "$missing" -eq 0 ] || exit 1

echo "debug-kernel.sh: building (about 10 minutes on 2 cores; log in $out/build.log)" >&2
if ! kmake -j"$(nproc)" bzImage modules >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	echo "debug-kernel.sh: the kernel build failed" >&2
	exit 1
fi
kmake -s INSTALL_MOD_PATH="$out/modroot" modules_install >>"$out/build.log" 2>&1
echo $(($(date +%s) - start)) >"$out/build-seconds"
touch "$out/done"
echo "debug-kernel.sh: built in $(cat "$out/build-seconds") s" >&2
echo "$out"
