#!/usr/bin/env bash
# 090-memory.sh: the memory promise. Gigabytes of generated log lines are
# streamed through a pipe into a real chain, and the peak RSS (getrusage,
# through peak_rss) must stay small and must not grow with the input; and
# -f on one long line of many fields stays near -s on the same line.
# Context (-B, and a group that never ends) is held within the bound.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}" "${PEAK_RSS:?}"
chain=(-s -i -m 'error|fail' -r 's/[0-9]+/#/g')
small=200M
large=2G
limit_kib=8192
flat_kib=1024
# Under AddressSanitizer the shadow memory alone passes any absolute bound,
# and the run is several times slower: check only that the peak is flat.
if [ -n "${SANITIZER_CFLAGS:-}" ]; then
	small=20M
	large=200M
	limit_kib=
fi
# ThreadSanitizer's allocator does not hand freed blocks back as glibc's
# does, and their shadow stays: 13 against 14.7 MiB for -t 1000 -u over
# 20M and 200M, where the plain build's two peaks are within 0.4 MiB.
case ${SANITIZER_CFLAGS:-} in *thread*) flat_kib=4096 ;; esac

# run_peak SIZE ARGS...: streams SIZE bytes through sluice ARGS, checks
# the run succeeded with output, and leaves the peak RSS in KiB in $rss.
# (In this shell, not a $(...) subshell, so a failure is counted.)
run_peak() {
	local size=$1 status=0
	shift
	"$GENLOG" "$size" | "$PEAK_RSS" "$scratch/rss" "$SLUICE" "$@" \
		>"$scratch/out" || status=$?
	check "sluice $* over $size succeeds with output" \
		test "$status" = 0 -a -s "$scratch/out"
	rss=$(cat "$scratch/rss")
}

# expect_flat ARGS...: the peak RSS of sluice ARGS over $small and $large
# is the same within 1 MiB, and under the limit.
expect_flat() {
	local small_kib large_kib
	run_peak "$small" "$@"
	small_kib=$rss
	run_peak "$large" "$@"
	large_kib=$rss
	printf 'peak RSS of sluice %s: %s KiB over %s, %s KiB over %s\n' \
		"$*" "$small_kib" "$small" "$large_kib" "$large"
	if [ -n "$limit_kib" ]; then
		check "peak RSS of $* over $large under $limit_kib KiB" \
			test "$large_kib" -lt "$limit_kib"
	fi
	check "peak RSS of $* over $small and $large within $flat_kib KiB" \
		test $((large_kib - small_kib)) -le "$flat_kib" -a \
		$((small_kib - large_kib)) -le "$flat_kib"
}

expect_flat "${chain[@]}"
# The same promise for the stages that keep state: a ring of 1000 lines,
# the line before, the fields.
expect_flat -t 1000 -u -f 1,3
# Context: -B holds a ring of copies; a group is held until complete, up
# to --max-line (1M here, as the limit is for the default 16M's sake), and
# one that never ends (every line kept) goes on in pieces of whole lines,
# with no separator between them: the output is the input, in the memory
# of one piece.
expect_flat --max-line=1M -m 'ERROR|WARN' -B 1000 -A 5 -m 'ERROR'
expect_flat --max-line=1M -m . -C 1
check "-m . -C 1 over $small writes its input" \
	test "$("$GENLOG" "$small" | "$SLUICE" --max-line=1M -m . -C 1 | cksum)" = \
	"$("$GENLOG" "$small" | cksum)"

# -f keeps no state per field, so its memory is bounded by --max-line as
# every stage's is (it kept 16 bytes a field: 72 MiB here). On one 8 MB
# line of 4 million one-letter fields, its peak RSS stays within twice
# that of -s, which holds the line and nothing else; the lists take each
# path a field list has: an index (the walk stops early), -K (found from
# the line's end), an open range (to the line's end), and with -d.
# Relative, not absolute: a sanitizer's shadow grows both sides alike.
"$PYTHON" -S -c "import sys; sys.stdout.write('a ' * 4000000 + '\n')" \
	>"$scratch/wide"

# line_peak ARGS...: sluice ARGS over the wide line; output in
# $scratch/out, peak RSS in KiB in $rss.
line_peak() {
	local status=0
	"$PEAK_RSS" "$scratch/rss" "$SLUICE" "$@" "$scratch/wide" \
		>"$scratch/out" || status=$?
	check "sluice $* over one 8 MB line succeeds" test "$status" = 0
	rss=$(cat "$scratch/rss")
}

# expect_near_strip BYTES ARGS...: sluice ARGS over the wide line writes
# BYTES bytes, at a peak within twice -s's.
expect_near_strip() {
	local bytes=$1
	shift
	line_peak "$@"
	printf 'peak RSS of sluice %s over one 8 MB line: %s KiB (-s: %s)\n' \
		"$*" "$rss" "$strip_kib"
	check "sluice $* over one 8 MB line writes $bytes bytes" \
		test "$(wc -c <"$scratch/out")" = "$bytes"
	check "peak RSS of $* over one 8 MB line within 2x of -s's" \
		test "$rss" -le $((2 * strip_kib))
}

line_peak -s
strip_kib=$rss
# The line's fields are 4 million "a"s; with -d ' ' one more, empty, after
# the last blank.
expect_near_strip 2 -f 1
expect_near_strip 2 -f -1
expect_near_strip 7999998 -f 2-
expect_near_strip 4 -f 1,-2
expect_near_strip 2 -d ' ' -f 1
expect_near_strip 1 -d ' ' -f -1
expect_near_strip 7999999 -d ' ' -f 2-
# A -d string that can overlap itself: -K counts the fields from the start.
expect_near_strip 2 -d 'a a' -f -2

# The output is what grep and sed make of the same stream: the chain was
# really run, not merely survived.
expected=$("$GENLOG" "$small" | sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//' |
	grep -iE 'error|fail' | sed -E 's/[0-9]+/#/g' | cksum)
actual=$("$GENLOG" "$small" | "$SLUICE" "${chain[@]}" | cksum)
check "the chain over $small equals grep | sed" test "$expected" = "$actual"
finish
