#!/bin/bash
# Usage: tools/vm/toolchain.sh SUITE GCC
#        tools/vm/toolchain.sh run SUITE GCC DIR... -- CMD...
#
# The compiler and the runtime of another Debian release, for kernels this
# host's gcc-12 and glibc 2.36 cannot build against: Debian 13's 6.12 and
# trixie-backports' 7.x are built with gcc-14, and their kbuild binaries
# (fixdep, modpost, ...) need glibc >= 2.38.
#
# The first form makes (once per machine) a minimal chroot of Debian SUITE
# with debootstrap, holding gcc-GCC, make, the C library's headers and what
# the kbuild binaries and Kbuild need (libelf, libssl, zlib, pahole for
# BTF, bc, kmod, xz, zstd), and prints its directory:
# GSSK_CACHE/SUITE-toolchain (/var/cache/gssk/trixie-toolchain). It is made
# in a temporary directory and renamed into place, so an interrupted run
# leaves nothing half made; a finished one is reused with no network access.
#
# The second form runs CMD in that chroot, in a private mount namespace
# (unshare -m: the mounts vanish with it), with /dev, /proc and each DIR
# bind-mounted at the same path inside, so absolute paths (the unpacked
# kernel under /var/cache/gssk, the build directory) mean the same thing
# inside and outside. The working directory is kept. Needs root.
set -euo pipefail

die() {
	echo "toolchain: $*" >&2
	exit 1
}

cache=${GSSK_CACHE:-/var/cache/gssk}
mirror=http://deb.debian.org/debian
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# make_root SUITE GCC: print the chroot's directory, making it first if
# it is not there.
make_root() {
	local suite=$1 gcc=$2 dir tmp pkgs start
	case $suite in *[!a-z]* | '') die "bad suite '$suite'" ;; esac
	case $gcc in *[!0-9]* | '') die "bad gcc version '$gcc'" ;; esac
	dir=$cache/$suite-toolchain
	if [ -f "$dir/.gssk-done" ] && [ "$(cat "$dir/.gssk-done")" = "gcc-$gcc" ]; then
		echo "$dir"
		return 0
	fi
	[ "$(id -u)" -eq 0 ] || die "debootstrap needs root"
	command -v debootstrap >/dev/null 2>&1 ||
		"$(dirname "$0")/deps.sh" toolchain >&2
	[ -r "$keyring" ] || die "$keyring missing (apt-get install debian-archive-keyring)"
	start=$(date +%s)
	pkgs=gcc-$gcc,libc6-dev,make,libelf1t64,libssl3t64,zlib1g,pahole,bc,kmod,xz-utils,zstd
	mkdir -p "$cache"
	tmp=$(mktemp -d "$cache/.$suite-toolchain.XXXXXX")
	# shellcheck disable=SC2064 # expand $tmp now
	trap "rm -rf '$tmp'" EXIT
	echo "toolchain: debootstrap $suite with $pkgs into $dir" >&2
	debootstrap --variant=minbase --keyring="$keyring" --include="$pkgs" \
		"$suite" "$tmp" "$mirror" >"$tmp.log" 2>&1 || {
		tail -n 30 "$tmp.log" >&2
		rm -f "$tmp.log"
		die "debootstrap $suite failed"
	}
	rm -f "$tmp.log"
	# The package cache is not needed once installed.
	rm -rf "$tmp"/var/cache/apt/archives/*.deb "$tmp"/var/lib/apt/lists/*
	echo "gcc-$gcc" >"$tmp/.gssk-done"
	chmod 755 "$tmp"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	trap - EXIT
	echo "toolchain: $dir made in $(($(date +%s) - start)) s," \
		"$(du -sh "$dir" | cut -f1)" >&2
	echo "$dir"
}

case ${1:-} in
run)
	shift
	[ $# -ge 4 ] || die "usage: $0 run SUITE GCC DIR... -- CMD..."
	suite=$1 gcc=$2
	shift 2
	dirs=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		dirs+=("$(realpath "$1")")
		shift
	done
	if [ "${1:-}" != -- ] || [ $# -lt 2 ]; then
		die "run: no command after --"
	fi
	shift
	croot=$(make_root "$suite" "$gcc")
	# The script inside the namespace: bind-mount, then chroot and run.
	# shellcheck disable=SC2016 # expanded by the inner shell
	exec unshare -m --propagation private /bin/bash -euc '
		croot=$1 cwd=$2 n=$3
		shift 3
		mount --rbind /dev "$croot/dev"
		mount -t proc proc "$croot/proc"
		for ((i = 0; i < n; i++)); do
			mkdir -p "$croot$1"
			mount --bind "$1" "$croot$1"
			shift
		done
		exec chroot "$croot" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$cwd" "$@"
	' toolchain "$croot" "$(pwd)" "${#dirs[@]}" "${dirs[@]}" "$@"
	;;
'' | -*)
	die "usage: $0 SUITE GCC | run SUITE GCC DIR... -- CMD..."
	;;
*)
	make_root "$1" "${2:-}"
	;;
esac
