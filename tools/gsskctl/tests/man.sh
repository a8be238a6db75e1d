#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# gsskctl's help texts and its man page, man/gsskctl.8, must not drift
# apart: the same commands (usage list, SYNOPSIS, COMMANDS), for each
# command the same long options ('gsskctl help CMD' against its SYNOPSIS
# and COMMANDS entries), the same global options (usage against OPTIONS),
# and the enctype names of libgssk's table in the page.
# The Markdown manual (docs/gsskctl.md, if given) must name the same long
# options as the help texts, all commands together.
# Usage: man.sh PATH-TO-GSSKCTL MAN-PAGE [MARKDOWN] (libgssk.so.1 on the
# loader path). TAP output.
set -u
ctl=$1 page=$2 md=${3:-}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0 failed=0
check() {	# check STATUS NAME [DETAIL FILE]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		[ -n "${3:-}" ] && sed 's/^/# /' "$3"
	fi
}
# the long options in a text, one a line, sorted, unique
longopts() {
	grep -o -- '--[a-z][a-z-]*[a-z]' | sort -u
}
# man source with roff's \- as a plain -, and font escapes dropped
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\c$//' "$page" >"$tmp/page"
section() {	# section NAME: the lines of .SH NAME, up to the next .SH
	sed -n "/^\.SH $1\$/,/^\.SH /p" "$tmp/page" | sed '1d;$d'
}
section SYNOPSIS >"$tmp/synopsis"
section COMMANDS >"$tmp/commands"
section OPTIONS >"$tmp/options"

"$ctl" --help >"$tmp/usage"
sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' "$tmp/usage" | sort >"$tmp/cmds"

# SYNOPSIS: ".SY gsskctl", maybe ".RB [ -v ]", then ".B command"
awk '/^\.SY gsskctl/ { want = 1; next }
     want && /^\.RB \[ -v \]/ { next }
     want && /^\.B [a-z]/ { print $2; want = 0; next }
     { want = 0 }' "$tmp/synopsis" | sort -u >"$tmp/syn_cmds"
diff -u "$tmp/cmds" "$tmp/syn_cmds" >"$tmp/d"
check $? "the usage's commands are the SYNOPSIS's" "$tmp/d"

# COMMANDS: a top-level .TP (not between .RS and .RE) opens a command's
# entry; its next line names it. One file per command.
mkdir "$tmp/entry"
awk -v dir="$tmp/entry" '
	/^\.RS/ { depth++ } /^\.RE/ { depth-- }
	/^\.TP/ && depth == 0 { head = 1; next }
	head { gsub(/^\.B[IR]* "?/, ""); split($0, w, /[ "]/); cur = w[1];
	       head = 0 }
	cur != "" { print > (dir "/" cur) }' "$tmp/commands"
ls "$tmp/entry" | sort >"$tmp/man_cmds"
diff -u "$tmp/cmds" "$tmp/man_cmds" >"$tmp/d"
check $? "the usage's commands are the COMMANDS entries" "$tmp/d"

for c in $(cat "$tmp/cmds"); do
	"$ctl" help "$c" | longopts >"$tmp/help_opts"
	# the command's SYNOPSIS block(s) and its COMMANDS entry
	awk -v c="$c" '/^\.SY gsskctl/ { keep = 0; blk = "" }
		{ blk = blk $0 "\n" }
		$0 == ".B " c { keep = 1 }
		/^\.YS/ { if (keep) printf "%s", blk; keep = 0; blk = "" }' \
		"$tmp/synopsis" >"$tmp/man_text"
	cat "$tmp/entry/$c" >>"$tmp/man_text" 2>/dev/null
	longopts <"$tmp/man_text" >"$tmp/man_opts"
	# "--help" is every command's (the usage says so), not an option
	grep -vx -- '--help' "$tmp/help_opts" >"$tmp/h" || true
	grep -vx -- '--help' "$tmp/man_opts" >"$tmp/m" || true
	diff -u "$tmp/h" "$tmp/m" >"$tmp/d"
	check $? "$c: 'gsskctl help $c' and the page give the same options ($(tr '\n' ' ' <"$tmp/h"))" "$tmp/d"
done

# global options: the usage's "  -x, --long" lines against OPTIONS
sed -n 's/^  -[a-zA-Z], \(--[a-z-]*\).*/\1/p' "$tmp/usage" | sort >"$tmp/g"
sed -n 's/^\.BR -[a-zA-Z] ", " \(--[a-z-]*\).*/\1/p' "$tmp/options" |
	sort >"$tmp/go"
diff -u "$tmp/g" "$tmp/go" >"$tmp/d"
check $? "the usage's global options are the OPTIONS' ($(tr '\n' ' ' <"$tmp/g"))" "$tmp/d"

# the enctypes: the page names those of libgssk's table, which
# 'gsskctl random-key --enctype' takes by name or number (and no other)
tr -s ' ,()' '\n\n' <"$tmp/options" | grep -x 'aes[0-9a-z-]*' | sort -u \
	>"$tmp/names"
numbers=
for e in $(seq 1 64); do
	"$ctl" random-key --enctype "$e" >/dev/null 2>&1 && numbers="$numbers $e"
done
bad=
for name in $(cat "$tmp/names"); do
	"$ctl" random-key --enctype "$name" >/dev/null 2>&1 || bad="$bad $name"
done
[ -z "$bad" ] && [ "$(wc -l <"$tmp/names")" -eq "$(echo $numbers | wc -w)" ] &&
	[ -n "$numbers" ]
check $? "the page's enctype names are libgssk's ($(echo $numbers) by number; not taken:${bad:- none})"
if [ -n "$md" ]; then
	for c in $(cat "$tmp/cmds"); do "$ctl" help "$c"; done |
		cat - "$tmp/usage" | longopts >"$tmp/all_help"
	# without its history section, which names the old tool's options
	sed '/^## Changes from/,/^## /d' "$md" | longopts >"$tmp/all_md"
	diff -u "$tmp/all_help" "$tmp/all_md" >"$tmp/d"
	check $? "${md##*/} names the long options the help texts name, no other" "$tmp/d"
fi

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
