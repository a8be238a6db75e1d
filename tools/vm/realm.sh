#!/bin/bash
# Build the Kerberos realm GSSK.TEST that the VM's KDC serves, on the host,
# under build/realm/, without starting a KDC and without touching /etc: the
# MIT tools read a private krb5.conf and kdc.conf (KRB5_CONFIG,
# KRB5_KDC_PROFILE) whose paths all point into build/realm/.
#
#   build/realm/etc/krb5.conf           /etc/krb5.conf in the VM
#   build/realm/etc/krb5kdc/kdc.conf    /etc/krb5kdc/kdc.conf in the VM
#   build/realm/etc/krb5kdc/principal*  the database (db2) and its lock files
#   build/realm/etc/krb5kdc/stash       the master key stash (kdb5_util -s)
#   build/realm/etc/krb5kdc/kadm5.acl   empty (no kadmind runs)
#   build/realm/etc/krb5/client.keytab  alice@GSSK.TEST, for kinit -k
#   build/realm/etc/krb5.keytab         the four services (default keytab)
#
# The tree is copied as is into the VM's root (tools/vm/mkinitramfs.sh), so
# the paths inside the configs are the VM's paths; on the host the tools are
# pointed at the build copies by a second, host-only kdc.conf.
#
# Principals:
#   alice@GSSK.TEST                 the client (random key, keytab)
#   krbtgt/GSSK.TEST@GSSK.TEST      aes256-cts-hmac-sha1-96, so that the
#                                   TGT's session key is one Heimdal 7.8
#                                   (no RFC 8009) can use from the ccache
#   gssk-e17/localhost@GSSK.TEST    aes128-cts-hmac-sha1-96 keys only
#   gssk-e18/localhost@GSSK.TEST    aes256-cts-hmac-sha1-96 keys only
#   gssk-e19/localhost@GSSK.TEST    aes128-cts-hmac-sha256-128 keys only
#   gssk-e20/localhost@GSSK.TEST    aes256-cts-hmac-sha384-192 keys only
#   gssk-e25/localhost@GSSK.TEST    camellia128-cts-cmac keys only
#   gssk-e26/localhost@GSSK.TEST    camellia256-cts-cmac keys only
#                                   (RFC 6803: gssk takes them where it
#                                   runs on the kernel's crypto/krb5)
#   gssk-e23/localhost@GSSK.TEST    arcfour-hmac only (RFC 1964-style tokens;
#                                   a context gssk must refuse; the test
#                                   restricts both sides' enctypes, or MIT
#                                   negotiates an AES acceptor subkey)
# A ticket for a service is encrypted in its only key, and the KDC picks
# the session key among the enctypes that service has, so a context with
# gssk-eN uses enctype N.
#
# Rebuilt only when build/realm/.done is missing or older than this script.
set -euo pipefail

cd "$(dirname "$0")/../.."
REALM=GSSK.TEST
out=$(pwd)/build/realm
stamp=$out/.done

if [ -f "$stamp" ] && [ "$stamp" -nt "$0" ]; then
	exit 0
fi
for tool in kdb5_util kadmin.local; do
	command -v "$tool" >/dev/null 2>&1 ||
		PATH=$PATH:/usr/sbin command -v "$tool" >/dev/null 2>&1 ||
		{ echo "realm.sh: $tool missing (make deps)" >&2; exit 1; }
done
export PATH=$PATH:/usr/sbin

rm -rf "$out"
mkdir -p "$out/etc/krb5kdc" "$out/etc/krb5" "$out/host"

# krb5.conf of the VM. No DNS, no reverse lookups, the KDC on loopback.
# allow_weak_crypto stays off; all four AES enctypes are permitted by
# default in MIT 1.20 and are listed here to say so.
cat >"$out/etc/krb5.conf" <<CONF
[libdefaults]
	default_realm = $REALM
	dns_lookup_kdc = false
	dns_lookup_realm = false
	dns_canonicalize_hostname = false
	rdns = false
	udp_preference_limit = 1
	permitted_enctypes = aes256-cts-hmac-sha384-192 aes128-cts-hmac-sha256-128 aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 camellia128-cts-cmac camellia256-cts-cmac arcfour-hmac
	default_ccache_name = FILE:/tmp/krb5cc_gssk
	# for gssk-e23 only (see below): the KDC issues no RC4 keys otherwise
	allow_rc4 = true

[realms]
	$REALM = {
		kdc = 127.0.0.1:88
	}

[domain_realm]
	localhost = $REALM
CONF

# kdc.conf of the VM. supported_enctypes sets the enctypes of the keys that
# kdb5_util and addprinc make by default (krbtgt and alice); the services
# get theirs from addprinc -e.
kdc_conf() {
	local dir=$1
	cat <<CONF
[kdcdefaults]
	kdc_listen = 127.0.0.1:88
	kdc_tcp_listen = 127.0.0.1:88

[realms]
	$REALM = {
		database_name = $dir/principal
		key_stash_file = $dir/stash
		acl_file = $dir/kadm5.acl
		max_life = 24h 0m 0s
		max_renewable_life = 0
		master_key_type = aes256-cts-hmac-sha1-96
		supported_enctypes = aes256-cts-hmac-sha1-96:normal
	}

[logging]
	kdc = FILE:/var/tmp/krb5kdc.log
CONF
}
kdc_conf /etc/krb5kdc >"$out/etc/krb5kdc/kdc.conf"
kdc_conf "$out/etc/krb5kdc" >"$out/host/kdc.conf"
: >"$out/etc/krb5kdc/kadm5.acl"

export KRB5_CONFIG=$out/etc/krb5.conf
export KRB5_KDC_PROFILE=$out/host/kdc.conf

# The master password only protects the stash-less case; it is random and
# thrown away: the stash file is what the KDC uses.
mpw=$(head -c 24 /dev/urandom | base64)
kdb5_util -r "$REALM" create -s -P "$mpw" >"$out/host/kdb5_util.log" 2>&1 ||
	{ cat "$out/host/kdb5_util.log" >&2; exit 1; }

kadm() {
	kadmin.local -r "$REALM" -q "$1" >>"$out/host/kadmin.log" 2>&1 ||
		{ cat "$out/host/kadmin.log" >&2; exit 1; }
}
kadm "addprinc -randkey alice@$REALM"
kadm "ktadd -k $out/etc/krb5/client.keytab alice@$REALM"
declare -A names=(
	[17]=aes128-cts-hmac-sha1-96
	[18]=aes256-cts-hmac-sha1-96
	[19]=aes128-cts-hmac-sha256-128
	[20]=aes256-cts-hmac-sha384-192
	[25]=camellia128-cts-cmac
	[26]=camellia256-cts-cmac
)
for e in 17 18 19 20 25 26; do
	p=gssk-e$e/localhost@$REALM
	kadm "addprinc -randkey -e ${names[$e]}:normal $p"
	# Without this the KDC may give a session key of another enctype
	# (it assumes any service can take the aes-sha1 ones).
	kadm "setstr $p session_enctypes ${names[$e]}"
	kadm "ktadd -k $out/etc/krb5.keytab -e ${names[$e]}:normal $p"
	# Check: exactly one key, of enctype e.
	got=$(klist -k -e "$out/etc/krb5.keytab" | grep -F " $p " |
		sed -n 's/.*(\(.*\)) *$/\1/p')
	if [ "$got" != "${names[$e]}" ]; then
		echo "realm.sh: keytab for $p has '$got', want ${names[$e]}" >&2
		exit 1
	fi
done
# A service whose contexts gssk must refuse (selftests/gssk_krb5_load.c):
# arcfour-hmac (23) uses the older RFC 1964-style tokens. It is in
# permitted_enctypes above only so that such contexts can be made.
p=gssk-e23/localhost@$REALM
kadm "addprinc -randkey -e arcfour-hmac:normal $p"
kadm "setstr $p session_enctypes arcfour-hmac"
kadm "ktadd -k $out/etc/krb5.keytab -e arcfour-hmac:normal $p"
# ktadd -k writes mode 0600 files owned by the builder; the VM runs the
# tests as root, so that is fine.
touch "$stamp"
echo "realm.sh: $REALM in $out"
