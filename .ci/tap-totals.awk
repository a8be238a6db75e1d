# Sum the TAP results in a log that holds several TAP streams, possibly
# nested: prints "PASSED FAILED SKIPPED".
#
# A result line is "ok N ..." or "not ok N ...", after any number of
# nesting prefixes ("# " as the kselftest runner writes them, or four
# spaces as TAP 14 indents subtests); the number of prefixes is its depth.
# Subtests come before the result line that sums them up, so when a result
# at depth d arrives we know whether results deeper than d came since the
# last result at depth d: if so it is a parent, otherwise a leaf.
#
# Every leaf counts once: passed, failed, or skipped ("# SKIP"). A parent
# does not count, since its subtests did, except that a failing parent none
# of whose subtests failed (a test binary that crashed or exited non-zero
# after passing results) counts as one failure. So no result is counted
# twice and no failure is lost. Plans, diagnostics and "# Totals:" lines
# are ignored.

{
	sub(/\r$/, "")
	line = $0
	depth = 0
	while (sub(/^(# |    )/, "", line))
		depth++

	if (line ~ /^TAP version/) {
		# A new stream at this depth: forget its results so far.
		for (k in kids)
			if (k + 0 >= depth)
				kids[k] = kidfail[k] = 0
		next
	}
	if (line !~ /^(not )?ok [0-9]+([ \t]|$)/)
		next

	bad = line ~ /^not ok/
	counted_fail = 0
	if (kids[depth]) {
		if (bad && !kidfail[depth]) {
			failed++
			counted_fail = 1
		}
	} else if (bad) {
		failed++
		counted_fail = 1
	} else if (tolower(line) ~ /#[ \t]*skip/) {
		skipped++
	} else {
		passed++
	}
	kids[depth] = 0
	kidfail[depth] = 0
	for (k = 0; k < depth; k++) {
		kids[k] = 1
		if (counted_fail)
			kidfail[k] = 1
	}
}

END { printf "%d %d %d\n", passed, failed, skipped }
