#!/bin/sh
# Install the Debian packages that building gssk and running its VM tests
# need. Idempotent: asks dpkg which are missing and installs only those, and
# prints nothing when everything is already there.
#
#   deps.sh         what make check, demo and bench need
#   deps.sh debug   that, plus what building the debug kernel needs
#                   (tools/vm/debug-kernel.sh)
#   deps.sh toolchain  that, plus debootstrap, which makes the trixie
#                   chroot that builds for gcc-14 kernels (tools/vm/toolchain.sh)
set -eu

# The one list of packages this project needs from apt. dwarves (pahole):
# the headers of 6.12 and later have CONFIG_DEBUG_INFO_BTF_MODULES, and
# their Kbuild runs pahole on every module it links (make check KVER=...).
# krb5-gss-samples (gss-server, gss-client), python3 and python3-gssapi:
# unmodified MIT programs that the VM runs (tools/vm/apps/stage.sh,
# selftests/gssk_mitapps.sh); valgrind (and libc6-dbg, for ld.so's
# symbols) runs them under the interposer (selftests/gssk_interposer.sh).
PACKAGES="
	linux-image-cloud-amd64
	linux-headers-cloud-amd64
	linux-source-6.1
	qemu-system-x86
	busybox-static
	libkeyutils-dev
	keyutils
	jq
	libkrb5-dev
	krb5-kdc
	krb5-admin-server
	krb5-user
	libverto-libev1
	heimdal-multidev
	cpio
	xz-utils
	kmod
	pkg-config
	gcc
	make
	dkms
	groff-base
	man-db
	dwarves
	krb5-gss-samples
	python3
	python3-gssapi
	valgrind
	libc6-dbg
"
# Building a kernel from linux-source-6.1 (Kconfig, objtool).
DEBUG_PACKAGES="
	flex
	bison
	bc
	libelf-dev
"
# A chroot of another Debian release, for kernels built with another gcc.
TOOLCHAIN_PACKAGES="
	debootstrap
	debian-archive-keyring
"
[ "${1:-}" = debug ] && PACKAGES="$PACKAGES $DEBUG_PACKAGES"
[ "${1:-}" = toolchain ] && PACKAGES="$PACKAGES $TOOLCHAIN_PACKAGES"

missing=
for pkg in $PACKAGES; do
	# "ii " means installed and configured; anything else (not known,
	# removed, half-installed) counts as missing.
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
	case "$status" in
	ii*) ;;
	*) missing="$missing $pkg" ;;
	esac
done

[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "deps.sh: need root (or sudo) to install:$missing" >&2
	exit 1
fi
$sudo apt-get update
# krb5-kdc and krb5-admin-server would start a KDC and kadmind on this
# machine: the test realm lives in build/ and its KDC runs only in the VM.
# A policy-rc.d that says 101 ("action forbidden") stops invoke-rc.d from
# starting any service during the install; it is removed afterwards (unless
# it was there before us).
policy=/usr/sbin/policy-rc.d
own_policy=
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
	$sudo chmod 755 "$policy"
	own_policy=1
	trap '$sudo rm -f "$policy"' EXIT
fi
# shellcheck disable=SC2086 # word splitting of the package list is wanted
$sudo env DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true \
	apt-get install -y --no-install-recommends $missing
if [ -n "$own_policy" ]; then
	$sudo rm -f "$policy"
	trap - EXIT
fi
# No pgrep on a minimal machine: read the process names from /proc.
if cat /proc/[0-9]*/comm 2>/dev/null | grep -qxE 'krb5kdc|kadmind'; then
	echo "deps.sh: a krb5kdc or kadmind runs on this machine after the" \
		"install; stop it: the test realm's KDC runs only in the VM" >&2
	exit 1
fi
