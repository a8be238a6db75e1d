#!/bin/sh
# Print the kernel the module is built against and the VM boots.
#
#   kernel.sh kdir   the Kbuild tree: $KDIR if set, else the newest installed
#                    /usr/src/linux-headers-*-cloud-amd64
#   kernel.sh kver   its release (uname -r in the VM): $KVER if set, else
#                    read from the tree's utsrelease.h
#
# The VM boots /boot/vmlinuz-$KVER and takes modules from /lib/modules/$KVER.
set -eu

kdir() {
	if [ -n "${KDIR:-}" ]; then
		echo "$KDIR"
		return
	fi
	for dir in /usr/src/linux-headers-*-cloud-amd64; do
		[ -d "$dir" ] && echo "$dir"
	done | sort -V | tail -n 1
}

case "${1:-}" in
kdir)
	kdir
	;;
kver)
	if [ -n "${KVER:-}" ]; then
		echo "$KVER"
		exit 0
	fi
	dir=$(kdir)
	if [ -z "$dir" ]; then
		echo "kernel.sh: no linux-headers-*-cloud-amd64 installed (make deps)" >&2
		exit 1
	fi
	sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' \
		"$dir/include/generated/utsrelease.h"
	;;
*)
	echo "usage: $0 kdir|kver" >&2
	exit 2
	;;
esac
