#!/usr/bin/env bash
# 020-exit-status: 0 when a line was written, 1 when none was, 2 on errors
# (bad pattern, bad option or count, missing or unreadable FILE, write
# error); every error is one "sluice: " line on stderr; -h and -V exit 0.
. "$(dirname "$0")/lib.sh"

log=$DATA/Linux_2k.log

# 0 and 1.
expect_status "a line written: 0" 0 "$SLUICE" "$log"
expect_status "a match written: 0" 0 "$SLUICE" -m kernel "$log"
expect_status "no line written: 1" 1 "$SLUICE" -m nomatchxyz "$log"
expect_output "no line written: nothing on stdout" "" "$SLUICE" -m nomatchxyz "$log"
check "no line written: nothing on stderr" test ! -s "$scratch/stderr"
expect_status "empty input: 1" 1 "$SLUICE" </dev/null
expect_status "-n 0 writes nothing: 1" 1 "$SLUICE" -n 0 "$log"
expect_status "--no-match-ok with no line: 0" 0 "$SLUICE" --no-match-ok -m nomatchxyz "$log"
expect_status "--no-match-ok on empty input: 0" 0 "$SLUICE" --no-match-ok </dev/null
expect_status "--no-match-ok with lines: still 0" 0 "$SLUICE" --no-match-ok -m kernel "$log"
expect_status "--no-match-ok does not hide errors: 2" 2 "$SLUICE" --no-match-ok -m '(' "$log"
# A counting stage writes its line, and exits as grep -c does: 1 when no
# record reached it.
expect_status "-c writes its line even for zero lines, and exits 1" 1 "$SLUICE" -m nomatchxyz -c "$log"
check "-c for zero lines writes 0" test "$(cat "$scratch/stdout")" = 0
expect_status "-c with lines: 0" 0 "$SLUICE" -m kernel -c "$log"
agree "-m nomatchxyz -c = grep -c" grep -c nomatchxyz "$log" ::: -m nomatchxyz -c "$log"
agree "-m kernel -c = grep -c" grep -c kernel "$log" ::: -m kernel -c "$log"
expect_status "-c on empty input: 1" 1 "$SLUICE" -c </dev/null
expect_status "-c then a filter that keeps the 0: still 1" 1 "$SLUICE" -m nomatchxyz -c -m 0 "$log"

# A bad pattern: exit 2, the exact message, one line.
expect_status "bad pattern: 2" 2 "$SLUICE" -m '(' "$log"
expect_stderr "bad pattern: exact message" \
	"sluice: -m '(': missing closing parenthesis at offset 1" "$SLUICE" -m '(' "$log"
expect_status "bad pattern: nothing read, nothing written" 2 "$SLUICE" -m '(' "$log"
check "bad pattern: stdout empty" test ! -s "$scratch/stdout"
one_error_line "bad pattern: one error line"
expect_status "bad -v pattern: 2" 2 "$SLUICE" -v 'a{2,1}' "$log"
one_error_line "bad -v pattern: one error line"
check "bad -v pattern: message names the option and pattern" grep -q "^sluice: -v 'a{2,1}': " "$scratch/stderr"

# Bad options and arguments: 2, one error line (an unknown option or a
# missing argument adds GNU's "Try 'sluice --help'" line: 240-help), before
# any output.
without_try() {
	grep -v "^Try 'sluice --help' for more information\.\$" "$scratch/stderr" >"$scratch/stderr.1"
	printf '%s\n' "$scratch/stderr.1"
}
bad_usage() {
	local name=$1
	shift
	expect_status "$name: 2" 2 "$SLUICE" "$@" "$log"
	one_error_line "$name: one error line" "$(without_try)"
	check "$name: no output" test ! -s "$scratch/stdout"
}
bad_usage "unknown short option" -Y
bad_usage "unknown long option" --no-such-option
bad_usage "-n abc" -n abc
bad_usage "-n -1" -n -1
bad_usage "-n 2^64+ (overflow)" -n 99999999999999999999
bad_usage "-n 2^63 (one past the limit)" -n 9223372036854775808
bad_usage "--head= (empty)" --head=
bad_usage "--buffer-size=0" --buffer-size=0
bad_usage "--buffer-size=abc" --buffer-size=abc
bad_usage "--max-line=-1" --max-line=-1
bad_usage "--long-lines=bogus" --long-lines=bogus
check "unknown option: message names it" grep -q -- '--no-such-option' <("$SLUICE" --no-such-option 2>&1)
check "-n abc: message names the value" grep -q "'abc'" <("$SLUICE" -n abc "$log" 2>&1)
expect_status "missing argument (-m last): 2" 2 "$SLUICE" -m
one_error_line "missing argument: one error line" "$(without_try)"
expect_status "missing argument (--head last): 2" 2 "$SLUICE" --head
one_error_line "missing argument (--head): one error line" "$(without_try)"
expect_output "-n 2^63-1 is accepted" $'11\n' eval '"$SLUICE" -n 9223372036854775807 "$DATA/LICENSE" | wc -l'
expect_output "-n 08 is decimal 8" $'8\n' eval '"$SLUICE" -n 08 "$log" | wc -l'

# A missing FILE: 2 at the end, the other FILEs still processed.
printf 'first\n' >"$scratch/first"
printf 'last\n' >"$scratch/last"
expect_status "missing FILE: 2" 2 "$SLUICE" "$scratch/first" "$scratch/missing" "$scratch/last"
one_error_line "missing FILE: one error line"
check "missing FILE: message names it" grep -q "^sluice: $scratch/missing: No such file or directory\$" "$scratch/stderr"
expect_output "missing FILE: the other FILEs are on stdout" $'first\nlast\n' cat "$scratch/stdout"
expect_status "only FILE missing: 2 (not 1)" 2 "$SLUICE" "$scratch/missing"

# A directory as FILE.
mkdir "$scratch/dir"
expect_status "directory as FILE: 2" 2 "$SLUICE" "$scratch/first" "$scratch/dir" "$scratch/last"
one_error_line "directory as FILE: one error line"
check "directory as FILE: message says Is a directory" grep -q "^sluice: $scratch/dir: .*Is a directory" "$scratch/stderr"
expect_output "directory as FILE: the other FILEs are on stdout" $'first\nlast\n' cat "$scratch/stdout"

# Write errors.
if [ -w /dev/full ]; then
	expect_status "small output to /dev/full: 2" 2 eval '"$SLUICE" "$scratch/first" >/dev/full'
	one_error_line "small output to /dev/full: one error line"
	check "small output to /dev/full: message says write error" grep -q 'write error' "$scratch/stderr"
	expect_status "large output to /dev/full: 2" 2 eval '"$SLUICE" "$log" "$log" "$log" >/dev/full'
	one_error_line "large output to /dev/full: one error line"
	check "large output to /dev/full: message says write error" grep -q 'write error' "$scratch/stderr"
fi

# -h and -V.
expect_status "-h: 0" 0 "$SLUICE" -h
check "-h: usage on stdout" grep -q '^Usage: sluice' "$scratch/stdout"
check "-h: nothing on stderr" test ! -s "$scratch/stderr"
expect_status "--help: 0" 0 "$SLUICE" --help
expect_status "-V: 0" 0 "$SLUICE" -V
check "-V: shows PCRE2" grep -q 'PCRE2' "$scratch/stdout"
check "-V: shows JIT" grep -q 'JIT' "$scratch/stdout"
check "-V: shows sluice's version" grep -q '^sluice [0-9]' "$scratch/stdout"
expect_status "--version: 0" 0 "$SLUICE" --version
expect_status "-h with input on stdin does not read it: 0" 0 eval 'yes | "$SLUICE" -h'

finish
