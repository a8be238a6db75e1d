#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fails when a file of lib/ or kernel/ includes a header of a layer above
# its own (tools/layers.conf), when a file there has no layer, or when a
# known upward include (tools/layering-allow.txt) no longer exists. Known
# ones are printed, not failed. With lib/'s objects built, it also checks
# that calls between them go only to the same layer or below (nm). And
# README.md's layout table must name every top-level directory, every
# entry of tools/ and every .c file of lib/ and kernel/.
#
#   tools/check-layering.sh [TOP]     (make check runs it before the VM)
set -eu -o pipefail

top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
conf=$top/tools/layers.conf
allow=$top/tools/layering-allow.txt
declare -A layer name
fail=0

while read -r dir num lname files; do
	case $dir in ''|'#'*) continue ;; esac
	for f in $files; do
		if [ ! -f "$top/$dir/$f" ]; then
			echo "layers.conf: $dir/$f does not exist" >&2
			fail=1
		fi
		layer[$dir/$f]=$num
		name[$dir/$f]=$lname
	done
done <"$conf"

declare -A allowed used
while read -r file hdr _; do
	case $file in ''|'#'*) continue ;; esac
	allowed["$file $hdr"]=1
done <"$allow"

for dir in lib kernel; do
	for path in "$top/$dir"/*.[ch]; do
		f=$dir/${path##*/}
		if [ -z "${layer[$f]:-}" ]; then
			echo "$f: in no layer (add it to tools/layers.conf)" >&2
			fail=1
			continue
		fi
		while read -r hdr; do
			h=$dir/$hdr
			[ -n "${layer[$h]:-}" ] || continue	# not one of ours
			[ "${layer[$h]}" -gt "${layer[$f]}" ] || continue
			msg="$f (${name[$f]}) includes $hdr (${name[$h]}, a layer above)"
			if [ -n "${allowed["$f $hdr"]:-}" ]; then
				used["$f $hdr"]=1
				echo "known: $msg"
			else
				echo "$msg" >&2
				fail=1
			fi
		done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$path")
	done
done

for k in "${!allowed[@]}"; do
	if [ -z "${used[$k]:-}" ]; then
		echo "layering-allow.txt: \"$k\" is no longer an upward include; drop it" >&2
		fail=1
	fi
done

# Calls between lib/'s objects, when they are built: the symbols an
# object needs must be defined in its own layer or below.
objs=()
for f in "${!layer[@]}"; do
	case $f in lib/*.c) [ -f "$top/${f%.c}.o" ] && objs+=("$top/${f%.c}.o") ;; esac
done
if [ ${#objs[@]} -gt 0 ]; then
	declare -A def
	while read -r obj sym; do
		def[$sym]=$obj
	done < <(for o in "${objs[@]}"; do
			nm --defined-only "$o" | awk -v o="lib/$(basename "${o%.o}").c" \
				'$2 ~ /^[TDRB]$/ && $3 ~ /^gssk/ {print o, $3}'
		done)
	for o in "${objs[@]}"; do
		f=lib/$(basename "${o%.o}").c
		for sym in $(nm -u "$o" | awk '$2 ~ /^gssk/ {print $2}'); do
			d=${def[$sym]:-}
			[ -n "$d" ] || continue
			if [ "${layer[$d]}" -gt "${layer[$f]}" ]; then
				echo "$f (${name[$f]}) calls $sym of $d (${name[$d]}, a layer above)" >&2
				fail=1
			fi
		done
	done
fi

# README.md's layout table names every top-level directory, every entry
# of tools/, and each .c file of lib/ and kernel/ in its row.
layout=$(sed -n '/^## Layout/,/^## /p' "$top/README.md")
for path in "$top"/*/ "$top"/.ci/ "$top"/tools/*; do
	[ -e "$path" ] || continue
	rel=${path#"$top"/}
	rel=${rel%/}
	case $rel in build|build/*) continue ;; esac
	if ! printf '%s\n' "$layout" | grep -qF "\`$rel"; then
		echo "README.md's layout table does not name $rel" >&2
		fail=1
	fi
done
for dir in lib kernel; do
	row=$(printf '%s\n' "$layout" | grep "^| \`$dir/\`")
	for path in "$top/$dir"/*.c; do
		f=${path##*/}
		if ! printf '%s\n' "$row" | grep -qF "\`$f\`"; then
			echo "README.md's layout row of $dir/ does not name $f" >&2
			fail=1
		fi
	done
done

if [ $fail -ne 0 ]; then
	echo "check-layering: FAILED" >&2
	exit 1
fi
echo "check-layering: every include${objs:+ and call} goes to the same layer or below; README's layout names every part of the tree"
