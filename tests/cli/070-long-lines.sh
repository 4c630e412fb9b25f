#!/usr/bin/env bash
# 070-long-lines: records longer than --max-line — the default policy
# fails (exit 2, FILE:LINE and --max-line in the message), split/truncate/
# skip give exact outputs and warn once; a line of exactly --max-line bytes
# is whole; a 100 MB line passes unchanged under --max-line=128M.
. "$(dirname "$0")/lib.sh"

xs() { head -c "$1" /dev/zero | tr '\0' "${2:-x}"; } # xs N [CHAR]: N CHARs

# A 20 MB single line against the default --max-line=16M.
{ xs 20M; printf '\nafter\n'; } >"$scratch/20M"
expect_status "20 MB line, default max-line: 2" 2 "$SLUICE" "$scratch/20M"
one_error_line "20 MB line: one error line"
check "20 MB line: message names FILE and line 1" grep -q "^sluice: $scratch/20M:1: " "$scratch/stderr"
check "20 MB line: message names --max-line" grep -q -- '--max-line' "$scratch/stderr"
expect_status "20 MB line on standard input: 2" 2 eval '"$SLUICE" <"$scratch/20M"'
check "20 MB line on standard input: (standard input):1" grep -q "^sluice: (standard input):1: .*--max-line" "$scratch/stderr"
expect_output "20 MB line, --long-lines=truncate: 16M bytes kept, then the next line" \
	$'16777217\nafter\n' eval '"$SLUICE" --long-lines=truncate "$scratch/20M" | { head -c 16777217 | wc -c; cat; }'
expect_output "--long-lines=fail is the default, spelled out" "" "$SLUICE" --long-lines=fail "$scratch/20M"
check "--long-lines=fail: message names --max-line" grep -q -- '--max-line' "$scratch/stderr"

# A 5000-byte line among short ones, --max-line=1K.
{ printf 'short1\n'; xs 5000 a; printf '\nshort2\n'; xs 3000 b; printf '\nshort3'; } >"$scratch/mixed"
{
	printf 'short1\n'
	for i in 1 2 3 4; do xs 1024 a; printf '\n'; done
	xs 904 a
	printf '\nshort2\n'
	xs 1024 b; printf '\n'; xs 1024 b; printf '\n'; xs 952 b
	printf '\nshort3'
} >"$scratch/want-split"
{ printf 'short1\n'; xs 1024 a; printf '\nshort2\n'; xs 1024 b; printf '\nshort3'; } >"$scratch/want-truncate"
printf 'short1\nshort2\nshort3' >"$scratch/want-skip"
for policy in split truncate skip; do
	expect_result "--long-lines=$policy: exact output" "$scratch/want-$policy" 0 \
		"$SLUICE" --max-line=1K --long-lines=$policy "$scratch/mixed"
	check "--long-lines=$policy: warned once on stderr" test "$(wc -l <"$scratch/stderr")" = 1
	check "--long-lines=$policy: the warning names FILE:LINE" grep -q "^sluice: $scratch/mixed:2: " "$scratch/stderr"
	expect_result "--long-lines=$policy with --buffer-size=100" "$scratch/want-$policy" 0 \
		"$SLUICE" --buffer-size=100 --max-line=1K --long-lines=$policy "$scratch/mixed"
	expect_result "--long-lines=$policy on standard input" "$scratch/want-$policy" 0 \
		eval '"$SLUICE" --max-line=1K --long-lines='$policy' <"$scratch/mixed"'
done
expect_status "--max-line=1K, default policy: 2" 2 "$SLUICE" --max-line=1K "$scratch/mixed"
expect_output "--max-line=1K, default policy: lines before it are written" $'short1\n' cat "$scratch/stdout"
expect_output "split pieces go through the stages as lines" $'5\n' \
	"$SLUICE" --max-line=1K --long-lines=split -m '^a+$' -c "$scratch/mixed"
expect_output "skip: the long line never reaches -c" $'3\n' \
	"$SLUICE" --max-line=1K --long-lines=skip -c "$scratch/mixed"
expect_output "--max-line=1024 = --max-line=1K" "$(cat "$scratch/want-truncate")" \
	"$SLUICE" --max-line=1024 --long-lines=truncate "$scratch/mixed"

# The boundary: exactly --max-line bytes is whole, one more is long.
{ xs 1024; printf '\n'; } >"$scratch/exact"
{ xs 1025; printf '\n'; } >"$scratch/over"
expect_result "a line of exactly --max-line bytes passes whole" "$scratch/exact" 0 \
	"$SLUICE" --max-line=1K "$scratch/exact"
check "a line of exactly --max-line bytes: no warning" test ! -s "$scratch/stderr"
expect_status "a line of --max-line+1 bytes is long: 2" 2 "$SLUICE" --max-line=1K "$scratch/over"
expect_result "--max-line+1 bytes, truncate" "$scratch/exact" 0 \
	"$SLUICE" --max-line=1K --long-lines=truncate "$scratch/over"
{ xs 1024; printf '\n'; xs 1; printf '\n'; } >"$scratch/want-over-split"
expect_result "--max-line+1 bytes, split" "$scratch/want-over-split" 0 \
	"$SLUICE" --max-line=1K --long-lines=split "$scratch/over"
{ xs 1024; printf '\n'; xs 1024; } >"$scratch/want-2k-split"
expect_result "2K unterminated, split: the last piece stays unterminated" "$scratch/want-2k-split" 0 \
	eval 'xs 2048 | "$SLUICE" --max-line=1K --long-lines=split'

# A 100 MB single line passes through unchanged with --max-line=128M.
{ xs 100M; printf '\n'; } >"$scratch/100M"
check "100 MB line, --max-line=128M: identical" eval '"$SLUICE" --max-line=128M "$scratch/100M" | cmp -s - "$scratch/100M"'
rm -f "$scratch/100M" "$scratch/20M"

finish
