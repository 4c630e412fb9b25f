#!/usr/bin/env bash
# 060-files: FILE operands — '-' as standard input among files, files read
# in order, a FIFO as FILE, an unreadable FILE (the others still processed,
# exit 2), and FILE:LINE in error messages (LINE counted within that FILE).
. "$(dirname "$0")/lib.sh"

printf 'a1\na2\n' >"$scratch/a"
printf 'b1\nb2\n' >"$scratch/b"
printf 'c1\nc2' >"$scratch/c"

# Order and '-'.
expect_output "FILEs are read in the order given" $'b1\nb2\na1\na2\n' "$SLUICE" "$scratch/b" "$scratch/a"
expect_output "'-' among FILEs reads standard input in its place" $'a1\na2\ns1\ns2\nb1\nb2\n' \
	eval 'printf "s1\ns2\n" | "$SLUICE" "$scratch/a" - "$scratch/b"'
expect_output "'-' first" $'s1\na1\na2\n' eval 'printf "s1\n" | "$SLUICE" - "$scratch/a"'
expect_output "'-' last, unterminated stdin stays unterminated" $'a1\na2\ns1' \
	eval 'printf "s1" | "$SLUICE" "$scratch/a" -'
expect_output "unterminated stdin before a FILE gets a newline" $'s1\na1\na2\n' \
	eval 'printf "s1" | "$SLUICE" - "$scratch/a"'
expect_output "'-' twice: the second finds standard input at its end" $'s1\na1\na2\n' \
	eval 'printf "s1\n" | "$SLUICE" - "$scratch/a" -'
expect_output "no FILE reads standard input" $'s1\n' eval 'printf "s1\n" | "$SLUICE"'
expect_output "stages run over all FILEs as one stream" $'a2\nb2\nc2' "$SLUICE" -m 2 "$scratch/a" "$scratch/b" "$scratch/c"
expect_output "-n stops across FILE boundaries" $'a1\na2\nb1\n' "$SLUICE" -n 3 "$scratch/a" "$scratch/b" "$scratch/c"
expect_output "the same FILE twice is read twice" $'a1\na2\na1\na2\n' "$SLUICE" "$scratch/a" "$scratch/a"

# Each FILE is opened only when the one before is exhausted: a FIFO later
# in the list is not opened while earlier FILEs still have lines to give
# (with -n 1 the run ends before the FIFO is ever opened, so no writer is
# needed and nothing blocks).
mkfifo "$scratch/never-opened"
expect_output "-n 1 ends before a later FIFO is opened" $'a1\n' \
	timeout 5 "$SLUICE" -n 1 "$scratch/a" "$scratch/never-opened"

# A FIFO as FILE, with a background writer.
mkfifo "$scratch/fifo"
{ printf 'f1\n'; sleep 0.2; printf 'f2\nf3'; } >"$scratch/fifo" &
writer=$!
expect_output "a FIFO as FILE" $'a1\na2\nf1\nf2\nf3' timeout 10 "$SLUICE" "$scratch/a" "$scratch/fifo"
wait $writer
{ head -c 300000 "$DATA/HDFS_2k.log"; } >"$scratch/fifo" &
writer=$!
check "a FIFO carrying 300 KB: identical" eval 'timeout 10 "$SLUICE" "$scratch/fifo" | cmp -s - <(head -c 300000 "$DATA/HDFS_2k.log")'
wait $writer
{ cat "$DATA/Linux_2k.log"; } >"$scratch/fifo" &
writer=$!
expect_output "a FIFO with a filter = grep" "$(grep -c sshd "$DATA/Linux_2k.log")"$'\n' \
	timeout 10 "$SLUICE" -m sshd -c "$scratch/fifo"
wait $writer

# An unreadable FILE: exit 2, message names it, the others still processed.
# As root every file is readable, so use a directory (unreadable as a
# stream for everyone) for the same rule there.
if [ "$(id -u)" != 0 ]; then
	printf 'secret\n' >"$scratch/unreadable"
	chmod 000 "$scratch/unreadable"
	bad=$scratch/unreadable
	why='Permission denied'
else
	mkdir "$scratch/unreadable"
	bad=$scratch/unreadable
	why='Is a directory'
fi
expect_status "unreadable FILE: 2" 2 "$SLUICE" "$scratch/a" "$bad" "$scratch/b"
one_error_line "unreadable FILE: one error line"
check "unreadable FILE: message names it and says why" grep -q "^sluice: $bad: .*$why" "$scratch/stderr"
expect_output "unreadable FILE: the others are processed" $'a1\na2\nb1\nb2\n' cat "$scratch/stdout"
expect_status "unreadable FILE then nothing matches: still 2" 2 "$SLUICE" -m zzz "$scratch/a" "$bad"
expect_status "missing FILE among two: 2" 2 "$SLUICE" "$scratch/a" "$scratch/nope" "$scratch/b"
expect_output "missing FILE among two: the others are processed in order" $'a1\na2\nb1\nb2\n' cat "$scratch/stdout"
expect_status "two missing FILEs: 2" 2 "$SLUICE" "$scratch/nope1" "$scratch/a" "$scratch/nope2"
check "two missing FILEs: one line for each" test "$(grep -c '^sluice: .*nope[12]: No such file or directory$' "$scratch/stderr")" = 2

# FILE:LINE in error messages; LINE is the line within that FILE.
printf 'short\n%s\nshort\n' "$(head -c 100 /dev/zero | tr '\0' x)" >"$scratch/long-at-2"
expect_status "long line in FILE: 2" 2 "$SLUICE" --max-line=50 "$scratch/long-at-2"
expect_stderr "long line: message names FILE:2" \
	"sluice: $scratch/long-at-2:2: line longer than --max-line=50 bytes (see --long-lines)" \
	"$SLUICE" --max-line=50 "$scratch/long-at-2"
expect_status "long line in the second FILE: 2" 2 "$SLUICE" --max-line=50 "$scratch/a" "$scratch/long-at-2"
check "long line in the second FILE: named as FILE:2 (its own line count)" \
	grep -q "^sluice: $scratch/long-at-2:2: " "$scratch/stderr"
expect_status "long line on standard input: 2" 2 eval 'cat "$scratch/long-at-2" | "$SLUICE" --max-line=50'
check "long line on standard input: named (standard input):2" \
	grep -q '^sluice: (standard input):2: ' "$scratch/stderr"
# 28 a's then c: (a+)+b backtracks exponentially from the first a; the "ab"
# later on the line makes it a real match, so no prefilter can skip PCRE2.
printf 'x\nx\n%sc ab\n' "$(head -c 28 /dev/zero | tr '\0' a)" >"$scratch/catastrophic"
expect_status "match limit hit: 2" 2 timeout 10 "$SLUICE" --match-limit=1000 -m '(a+)+b' "$scratch/catastrophic"
one_error_line "match limit hit: one error line"
check "match limit hit: message names FILE:3 and the pattern" \
	grep -q "^sluice: $scratch/catastrophic:3: .*(a+)+b" "$scratch/stderr"
expect_status "match limit hit in the second FILE: 2" 2 timeout 10 "$SLUICE" --match-limit=1000 -m '(a+)+b' "$scratch/a" "$scratch/catastrophic"
check "match limit hit in the second FILE: named FILE:3" \
	grep -q "^sluice: $scratch/catastrophic:3: " "$scratch/stderr"

finish
