# shellcheck shell=bash disable=SC2154 # stage: set by mkinitramfs.sh
# SPDX-License-Identifier: GPL-2.0
#
# Sourced by tools/vm/mkinitramfs.sh (which defines install_elf, $stage and
# die): put the Kerberos realm GSSK.TEST and what serves and uses it into
# the VM's tree.
#
#   /etc/krb5.conf, /etc/krb5.keytab, /etc/krb5/, /etc/krb5kdc/
#                          the realm made by tools/vm/realm.sh (build/realm)
#   /usr/sbin/krb5kdc      MIT's KDC, with the objects it dlopen()s, which
#                          ldd does not show: the db2 database plugin and
#                          libverto's libev back end (and libev)
#   /usr/bin/kinit, klist  MIT's (krb5-user)
#   /usr/sbin/gssk-kdc     starts the KDC and waits for it (tools/vm/krb5)
#
# The Heimdal libraries of krb5_peer_heimdal come with its ldd closure, like
# every test binary's.

tools/vm/realm.sh
cp -R build/realm/etc/. "$stage/etc/"

krb5_multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
for krb5_tool in /usr/sbin/krb5kdc /usr/bin/kinit /usr/bin/klist; do
	[ -x "$krb5_tool" ] || die "$krb5_tool missing (make deps)"
	install_elf "$krb5_tool" "$krb5_tool"
done
for krb5_obj in krb5/plugins/kdb/db2.so libverto-libev.so.1 libev.so.4; do
	krb5_obj=/usr/lib/$krb5_multiarch/$krb5_obj
	[ -e "$krb5_obj" ] || die "$krb5_obj missing (make deps)"
	install_elf "$krb5_obj" "$krb5_obj"
done
install -m 0755 tools/vm/krb5/gssk-kdc "$stage/usr/sbin/gssk-kdc"
