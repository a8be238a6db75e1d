#!/bin/sh
# Install the Debian packages that building gssk and running its VM tests
# need. Idempotent: asks dpkg which are missing and installs only those, and
# prints nothing when everything is already there.
set -eu

# The one list of packages this project needs from apt.
PACKAGES="
	linux-image-cloud-amd64
	linux-headers-cloud-amd64
	linux-source-6.1
	qemu-system-x86
	busybox-static
	libnl-3-dev
	libnl-genl-3-dev
	libkeyutils-dev
	keyutils
	jq
	libkrb5-dev
	cpio
	xz-utils
	kmod
	pkg-config
	gcc
	make
	dkms
	groff-base
	man-db
"

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
# shellcheck disable=SC2086 # word splitting of the package list is wanted
$sudo env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y --no-install-recommends $missing
