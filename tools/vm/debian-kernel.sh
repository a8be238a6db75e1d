#!/bin/bash
# Usage: tools/vm/debian-kernel.sh KVER
#
# Fetch a Debian kernel other than the installed 6.1 cloud kernel (e.g.
# 6.12.118+deb12-cloud-amd64 from bookworm-security) and unpack it, never
# installing it: `apt-get download` under a private apt configuration, then
# `dpkg -x`. Prints the directory it is unpacked in, DIR, with:
#
#   DIR/root/                       the packages' files (dpkg -x of each)
#   DIR/kdir                        a line: the Kbuild tree (KDIR)
#   DIR/vmlinuz                     a line: the kernel image to boot
#   DIR/root/lib/modules/$KVER/     its modules (GSSK_MODROOT is DIR/root)
#
#   DIR/toolchain                   "SUITE GCC" if the kernel was built
#                                   with another gcc than this host's (see
#                                   tools/vm/toolchain.sh); absent if not
#
# The packages: linux-image-$KVER and, where the image is split (7.x: the
# image package is empty and depends on linux-binary-$KVER, the vmlinuz,
# linux-modules-$KVER and linux-base-$KVER, the System.map and config),
# the packages of the same release it depends on; linux-headers-$KVER and
# the two its headers depend on, linux-headers-*-common and linux-kbuild-*
# (the scripts/ binaries). Debian's headers name the common tree and the
# kbuild tree by absolute /usr/... paths; they are pointed into DIR/root.
#
# Everything lives under /var/cache/gssk (GSSK_CACHE): the apt
# configuration, state and package cache in apt/ (the host's apt state is
# neither read nor written: its own sources.list, status file, lists and
# archives), the kernels in kernel-$KVER/. A kernel already unpacked is
# reused without any network access; the unpack is made in a temporary
# directory and renamed into place, so an interrupted run leaves nothing
# half done.
#
# Sources: Debian 12's bookworm-security and bookworm-backports, Debian
# 13's trixie, trixie-security and trixie-backports. gcc-12 kernels (Debian
# 12's, "+deb12") build with this host's compiler and kbuild binaries;
# gcc-14 kernels (Debian 13's, "+deb13") build in a trixie chroot
# (tools/vm/toolchain.sh, named in DIR/toolchain); another gcc is refused.
set -euo pipefail

die() {
	echo "debian-kernel: $*" >&2
	exit 1
}

kver=${1:-}
[ -n "$kver" ] || die "usage: $0 KVER (e.g. 6.12.118+deb12-cloud-amd64)"
case $kver in
*/* | *..* | *[[:space:]]*) die "bad kernel release '$kver'" ;;
esac

cache=${GSSK_CACHE:-/var/cache/gssk}
dir=$cache/kernel-$kver
if [ -f "$dir/done" ]; then
	echo "$dir"
	exit 0
fi

# The private apt configuration. Debian's archive only, checked with the
# host's Debian archive keyring (debian-archive-keyring).
apt=$cache/apt
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || die "$keyring missing (apt-get install debian-archive-keyring)"
mkdir -p "$apt"/state/lists/partial "$apt"/cache/archives/partial \
	"$apt"/etc/apt.conf.d "$apt"/etc/preferences.d "$apt"/etc/sources.list.d \
	"$apt"/etc/trusted.gpg.d "$apt"/debs
touch "$apt/state/status"
# apt-get download fetches as the _apt user when it can write the target.
if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
	chown _apt "$apt/debs"
fi
cat >"$apt/etc/sources.list.tmp" <<EOF
deb [signed-by=$keyring] http://deb.debian.org/debian-security bookworm-security main
deb [signed-by=$keyring] http://deb.debian.org/debian bookworm-backports main
deb [signed-by=$keyring] http://deb.debian.org/debian trixie main
deb [signed-by=$keyring] http://deb.debian.org/debian-security trixie-security main
deb [signed-by=$keyring] http://deb.debian.org/debian trixie-backports main
EOF
mv "$apt/etc/sources.list.tmp" "$apt/etc/sources.list"
cat >"$apt/apt.conf.tmp" <<EOF
Dir::State "$apt/state";
Dir::State::status "$apt/state/status";
Dir::Cache "$apt/cache";
Dir::Etc "$apt/etc";
Dir::Etc::SourceList "$apt/etc/sources.list";
Dir::Etc::SourceParts "$apt/etc/sources.list.d";
Dir::Etc::Parts "$apt/etc/apt.conf.d";
Dir::Etc::Preferences "$apt/etc/preferences";
Dir::Etc::PreferencesParts "$apt/etc/preferences.d";
Dir::Etc::Trusted "$apt/etc/trusted.gpg";
Dir::Etc::TrustedParts "$apt/etc/trusted.gpg.d";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
Acquire::Languages "none";
EOF
mv "$apt/apt.conf.tmp" "$apt/apt.conf"
export APT_CONFIG=$apt/apt.conf

echo "debian-kernel: fetching $kver (private apt configuration in $apt)" >&2
apt-get -q update >&2

headers=linux-headers-$kver
apt-cache show "$headers" >/dev/null 2>&1 ||
	die "$headers is not in bookworm-security, bookworm-backports, trixie," \
		"trixie-security or trixie-backports"
# The headers' dependencies name the common headers and the kbuild tools
# of the same build, and the compiler it was built with.
depends=$(apt-cache show --no-all-versions "$headers" |
	sed -n 's/^Depends: //p' | tr ',' '\n' | sed 's/^ *//; s/ .*//')
common=$(grep -x 'linux-headers-.*-common' <<<"$depends") ||
	die "$headers depends on no linux-headers-*-common"
kbuild=$(grep -x 'linux-kbuild-.*' <<<"$depends") ||
	die "$headers depends on no linux-kbuild-*"
# Debian 12 names the compiler gcc-N, Debian 13 gcc-N-for-host.
cc=$(grep -xE 'gcc-[0-9]+(-for-host)?' <<<"$depends" || true)
cc=${cc%-for-host}
host_cc=gcc-$(gcc -dumpversion | cut -d. -f1)
toolchain=
if [ "$cc" != "$host_cc" ]; then
	case $cc in
	gcc-14) toolchain="trixie 14" ;;
	*) die "$kver was built with ${cc:-an unknown compiler}; this host has" \
		"$host_cc and a trixie chroot gives gcc-14" ;;
	esac
fi
# The image package's own dependencies of the same release (7.x splits
# the image into linux-binary, linux-modules and linux-base).
image_parts=$(apt-cache show --no-all-versions "linux-image-$kver" |
	sed -n 's/^Depends: //p' | tr ',' '\n' | sed 's/^ *//; s/ .*//' |
	grep -xF -e "linux-binary-$kver" -e "linux-modules-$kver" \
		-e "linux-base-$kver" || true)

# apt-get download writes into the current directory; it skips nothing, so
# packages already fetched (same file name) are not fetched again.
pkgs="linux-image-$kver ${image_parts//$'\n'/ } $headers $common $kbuild"
(
	cd "$apt/debs"
	for p in $pkgs; do
		v=$(apt-cache show --no-all-versions "$p" | sed -n 's/^Version: //p')
		[ -n "$v" ] || die "$p: no candidate version"
		if ! ls "${p}_${v//:/%3a}_"*.deb >/dev/null 2>&1; then
			apt-get -q download "$p" >&2
		fi
	done
)

tmp=$(mktemp -d "$cache/.kernel-$kver.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
for p in $pkgs; do
	v=$(apt-cache show --no-all-versions "$p" | sed -n 's/^Version: //p')
	deb=$(ls "$apt/debs/${p}_${v//:/%3a}_"*.deb)
	dpkg -x "$deb" "$tmp/root"
done

# Debian's /usr/src/linux-headers-$kver is a thin tree: its Makefile
# includes the common tree by absolute path and scripts/ and tools/ are
# symlinks into /usr/lib/linux-kbuild-*. Point both into the unpacked root.
root=$tmp/root
kdir=$root/usr/src/linux-headers-$kver
[ -f "$kdir/Makefile" ] || die "$kdir/Makefile missing after the unpack"
sed -i "s,/usr/src/linux-headers-,$dir/root/usr/src/linux-headers-,g" \
	"$kdir/Makefile"
while IFS= read -r -d '' link; do
	target=$(readlink "$link")
	case $target in
	/usr/*) ln -sfn "$dir/root$target" "$link" ;;
	esac
done < <(find "$root/usr/src" "$root/usr/lib/modules" "$root/lib/modules" \
	-maxdepth 3 -type l -print0 2>/dev/null)

# The image: /boot in Debian 12's packages, /usr/lib/modules/$kver in later
# ones. Modules: /lib/modules or /usr/lib/modules; GSSK_MODROOT/lib/modules
# must work, so make the one the package does not ship a symlink.
image=
for f in "$root/boot/vmlinuz-$kver" "$root/usr/lib/modules/$kver/vmlinuz"; do
	if [ -f "$f" ]; then
		image=${f#"$root"}
		break
	fi
done
[ -n "$image" ] || die "no vmlinuz in linux-image-$kver"
if [ ! -d "$root/lib/modules/$kver" ] && [ -d "$root/usr/lib/modules/$kver" ]; then
	mkdir -p "$root/lib/modules"
	ln -s "../../usr/lib/modules/$kver" "$root/lib/modules/$kver"
fi
[ -f "$root/lib/modules/$kver/modules.dep" ] ||
	depmod -b "$root" "$kver"

echo "$dir/root/usr/src/linux-headers-$kver" >"$tmp/kdir"
echo "$dir/root$image" >"$tmp/vmlinuz"
if [ -n "$toolchain" ]; then
	echo "$toolchain" >"$tmp/toolchain"
fi
touch "$tmp/done"
rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
echo "debian-kernel: $kver unpacked in $dir" >&2
echo "$dir"
