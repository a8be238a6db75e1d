# shellcheck shell=bash disable=SC2154 # stage: set by mkinitramfs.sh
# SPDX-License-Identifier: GPL-2.0
#
# Sourced by tools/vm/mkinitramfs.sh (which defines install_elf, $stage and
# die): put unmodified GSS-API programs that never heard of gssk into the
# VM's tree, for selftests/gssk_mitapps.sh and issue 11's interposer tests.
#
#   /usr/bin/gss-server, gss-client   MIT's samples (krb5-gss-samples)
#   /usr/bin/python3.11, python3      Debian's interpreter
#   /usr/lib/python3.11/   a trimmed standard library (below)
#   /usr/lib/python3/dist-packages/gssapi/  python3-gssapi, whole (every
#                          extension module, with their ldd closure), and
#                          decorator.py (python3-decorator), which it needs
#   /etc/gss/mech.d/       empty: where MIT's mechglue looks for
#                          interposer configurations (gssk.conf later)
#   /etc/hosts             localhost, for gss-client's host argument
#
# The standard library is trimmed to the modules that
# selftests/gssk_pyctx.py --list-modules reports: what the host's
# /usr/bin/python3 loads to import gssapi, pickle and multiprocessing, to
# run a 'spawn' and a 'fork' worker that receives a pickle and formats a
# traceback, and to start another process with subprocess (the uid 1000
# and no-interposer processes of gssk_pyctx.py). Those modules' .py files and their Debian-compiled
# __pycache__/*.pyc go in with their timestamps (cp -p; the kernel keeps
# mtimes when it unpacks the initramfs), so the .pyc stay valid and the VM
# compiles nothing at run time. test/, idlelib, tkinter, ensurepip, lib2to3,
# pydoc_data, config-3.11-*, distutils, asyncio, email, ... never go in.
# A module that a later test needs and the probe does not load: import it
# in the probe (probe_worker or list_modules in gssk_pyctx.py).
#
# Measured (Debian 12, python3.11): the initramfs grows from 13.1 to 18.9
# MB (gzip -1), of which the interpreter is 2.9 MB, the standard library
# 1.8 MB and gssapi 0.8 MB; the VM reaches /init's payload about 0.6 s later
# under TCG.

# Debian's python3 (3.11 in bookworm): its version names the standard
# library's directory and the .pyc files' tag.
apps_py=$(readlink -f /usr/bin/python3) || die "/usr/bin/python3 missing (make deps)"
apps_ver=${apps_py##*/python}
apps_stdlib=/usr/lib/python$apps_ver
apps_pyc_tag=cpython-${apps_ver//./}
apps_dist=/usr/lib/python3/dist-packages
for apps_f in /usr/bin/gss-server /usr/bin/gss-client "$apps_py" \
	"$apps_dist/gssapi/__init__.py" "$apps_dist/decorator.py"; do
	[ -e "$apps_f" ] || die "$apps_f missing (make deps)"
done

install_elf /usr/bin/gss-server /usr/bin/gss-server
install_elf /usr/bin/gss-client /usr/bin/gss-client
mkdir -p "$stage/etc/gss/mech.d"
# gss-client resolves its host argument with gethostbyname(): "localhost"
# needs a hosts file (glibc's built-in files backend reads it).
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost\n' >"$stage/etc/hosts"

install_elf "$apps_py" "$apps_py"
ln -sf "${apps_py##*/}" "$stage/usr/bin/python3"

# apps_py_file FILE: copy FILE, a file of the standard library or of
# dist-packages, to the same path in the tree, keeping its mtime; a .py
# brings its compiled __pycache__ file along when there is one; an
# extension module brings its ldd closure.
apps_py_file() {
	local f=$1 dir base pyc
	dir=$(dirname "$f")
	mkdir -p "$stage$dir"
	case $f in
	*.so)
		install_elf "$f" "$f" ;;
	*.py)
		cp -pL "$f" "$stage$f"
		base=$(basename "$f" .py)
		pyc=$dir/__pycache__/$base.$apps_pyc_tag.pyc
		if [ -f "$pyc" ]; then
			mkdir -p "$stage$dir/__pycache__"
			cp -p "$pyc" "$stage$pyc"
		fi ;;
	*)
		cp -pL "$f" "$stage$f" ;;
	esac
}

# The probe runs Debian's interpreter (not whatever python3 is first on
# PATH) with a clean environment, like the VM's /init gives it; it writes
# no .pyc into the host's /usr.
apps_mods=$(env -i PYTHONDONTWRITEBYTECODE=1 "$apps_py" \
	selftests/gssk_pyctx.py --list-modules) ||
	die "selftests/gssk_pyctx.py --list-modules failed"
while IFS= read -r apps_f; do
	case $apps_f in
	"$apps_stdlib"/*.py | "$apps_stdlib"/lib-dynload/*.so)
		apps_py_file "$apps_f" ;;
	"$apps_dist"/*) ;;		# below, whole
	*/__pycache__/*.pyc) ;;		# comes with its .py
	*/gssk_pyctx.py) ;;		# the test itself (selftests install)
	*) die "python3 module outside the standard library: $apps_f" ;;
	esac
done < <(printf '%s\n' "$apps_mods" | sort -u)
# Python finds its prefix by this landmark (3.11 runs os frozen, listed or not).
apps_py_file "$apps_stdlib/os.py"

# python3-gssapi as Debian installs it, without the type stubs; and the
# module its gssapi._utils imports.
(cd "$apps_dist" && find gssapi -type f ! -name '*.pyi' -print0) |
	while IFS= read -r -d '' apps_f; do
		apps_py_file "$apps_dist/$apps_f"
	done
apps_py_file "$apps_dist/decorator.py"
