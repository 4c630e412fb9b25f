#!/usr/bin/env bash
# 020-long-line-1g.sh (make check-slow): a 1 GiB line, then a short one,
# under each --long-lines policy at the default --max-line (16 MiB). fail
# is exit 2 with the one-line message; split, truncate and skip write
# exactly the bytes they promise; every run's peak RSS stays under
# --max-line plus 8 MiB, never near the line's size.
. "$TESTS_DIR/cli/lib.sh"

: "${PEAK_RSS:?}"
line_bytes=${SLOW_LINE_SIZE:-1073741824}
max_line=16777216
limit_kib=$(((max_line >> 10) + 8192))
pieces=$(((line_bytes + max_line - 1) / max_line))

# The input, made on the fly: no 1 GiB file on disk.
input() {
	head -c "$line_bytes" /dev/zero | tr '\0' a
	printf '\nafter\n'
}

# run POLICY: sluice --long-lines=POLICY over the input; leaves the
# status, the output's size and line count, the peak RSS and stderr.
run() {
	input | "$PEAK_RSS" "$scratch/rss" "$SLUICE" --long-lines="$1" \
		2>"$scratch/stderr" | wc -l -c >"$scratch/wc"
	status=${PIPESTATUS[1]}
	read -r lines bytes <"$scratch/wc"
	rss=$(cat "$scratch/rss")
	printf -- '--long-lines=%s over a %s-byte line: %s bytes, %s lines out, peak RSS %s KiB\n' \
		"$1" "$line_bytes" "$bytes" "$lines" "$rss"
	check "--long-lines=$1: exit 0 (was $status)" test "$status" = 0
	check "--long-lines=$1: peak RSS under $limit_kib KiB (was $rss)" \
		test "$rss" -lt "$limit_kib"
}

# fail: nothing written, exit 2, the message names the line.
input | "$PEAK_RSS" "$scratch/rss" "$SLUICE" >"$scratch/out" 2>"$scratch/stderr"
fail_status=$?
rss=$(cat "$scratch/rss")
printf -- '--long-lines=fail over a %s-byte line: status %s, peak RSS %s KiB\n' \
	"$line_bytes" "$fail_status" "$rss"
check "--long-lines=fail: exit 2" test "$fail_status" = 2
check "--long-lines=fail: the message" test "$(cat "$scratch/stderr")" = \
	"sluice: (standard input):1: line longer than --max-line=$max_line bytes (see --long-lines)"
check "--long-lines=fail: nothing written" test ! -s "$scratch/out"
check "--long-lines=fail: peak RSS under $limit_kib KiB (was $rss)" \
	test "$rss" -lt "$limit_kib"

run split
check "split: every byte, one terminator per piece" \
	test "$bytes" = $((line_bytes + pieces + 6)) -a "$lines" = $((pieces + 1))
run truncate
check "truncate: --max-line bytes of the line, then the next line" \
	test "$bytes" = $((max_line + 1 + 6)) -a "$lines" = 2
run skip
check "skip: only the next line" test "$bytes" = 6 -a "$lines" = 1
check "the long line was warned about once" \
	test "$(grep -c 'longer than --max-line' "$scratch/stderr")" = 1
finish
