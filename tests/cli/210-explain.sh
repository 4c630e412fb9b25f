#!/usr/bin/env bash
# 210-explain: --explain prints the chain as built, one stage a line, and
# exits 0 without reading (or even opening) its input; each filter says
# whether the accelerator will run and, where not, why not.
. "$(dirname "$0")/lib.sh"

log=$DATA/OpenSSH_2k.log
if "$SLUICE" --version | grep -q '^filter accelerator: none$'; then
	accelerator=
else
	accelerator=$("$SLUICE" --version | sed -n 's/^filter accelerator: //p')
fi

# It reads nothing: a FIFO nobody writes to, and a standard input that
# never ends, would hang a run that opened or read them.
mkfifo "$scratch/fifo"
start=$(now_ms)
expect_status "--explain on a FIFO nobody writes: 0" 0 timeout 5 "$SLUICE" --explain -m x "$scratch/fifo"
expect_status "--explain on an endless standard input: 0" 0 timeout 5 "$SLUICE" --explain -m x < <(yes)
check "--explain returns at once" test $(($(now_ms) - start)) -lt 3000
expect_status "--explain names a missing FILE without opening it: 0" 0 "$SLUICE" --explain "$scratch/missing"
check "... and lists it" grep -q "^0 read: $scratch/missing;" "$scratch/stdout"
check "--explain: nothing on stderr" test ! -s "$scratch/stderr"
expect_status "--explain with a bad pattern: 2" 2 "$SLUICE" --explain -m '('
one_error_line "--explain with a bad pattern: one error line"

# The whole chain: the reader first, a line per stage, the writer last.
"$SLUICE" --explain -j 2 --buffer-size=1M --max-line=32M --long-lines=skip -i -s -m 'Failed|Invalid' \
	-r 's/[0-9]+/#/g' -f 1,3- -u -n 10 a.log b.log >"$scratch/chain"
expect_output "one line per stage, with the reader, the writer and the threads" $'9\n' wc -l <"$scratch/chain"
expect_output "the reader: FILEs, buffer, max-line, policy, terminator, decompression" \
	$'0 read: a.log; b.log; buffer 1M, max-line 32M, long lines: skip; records end with \\n; gzip, zstd, xz, bzip2 FILEs decompressed (known by their first bytes)\n' head -n 1 "$scratch/chain"
expect_output "the reader: --decompress=none and --follow" \
	$'0 read: a.log; buffer 64K, max-line 16M, long lines: fail; records end with \\n; compressed FILEs read as they are (--decompress=none); the last FILE followed as it grows, from its end (--follow)\n' \
	eval '"$SLUICE" --explain --decompress=none --follow=end a.log | head -n 1'
check "stages in command-line order, as the user spelled them" \
	test "$(cut -d' ' -f1-3 "$scratch/chain" | tr '\n' '|')" = "0 read: a.log;|1 strip -s:|2 match -m|3 replace -r|4 fields -f|5 uniq -u:|6 head -n|7 write: standard|threads: 2 running|"
# The threads line: which stages run on threads, or why one thread.
explain_threads() { "$SLUICE" --explain "$@" a.log | tail -n 1; }
while IFS='|' read -r args want; do
	read -ra words <<<"$args"
	expect_output "threads: $args" "$want"$'\n' explain_threads "${words[@]}"
done <<'EOF'
-j 2 -s -r s/a/b/ -f 1 -u|threads: 2 running stages 1-3, the rest on the main thread in input order
-j 3 -r s/a/b/|threads: 3 running stage 1, the rest on the main thread in input order
-m x -s|threads: one (only -m and strip look at one line alone, and a filter is bound by reading)
-u -r s/a/b/|threads: one (the chain has no stage that looks at one line alone)
-j 1 -r s/a/b/|threads: one (-j 1)
-j 2 --stats -r s/a/b/|threads: 2 running stage 1, the rest on the main thread in input order
-j 2 --stats -r s/a/b/ -n 5|threads: one (--stats with -n counts only the lines -n took)
--line-buffered -r s/a/b/|threads: one (line-buffered output (or --follow))
EOF
# The threads are decided by where the run writes: with -O or --in-place,
# a file, even when standard output is a terminal.
"$GENLOG" 5M >"$scratch/big.log"
on_terminal() { # on_terminal ARGS...: the threads line of --explain ARGS on a pty
	script -qec "$(printf '%q ' "$SLUICE" --explain "$@")" /dev/null </dev/null |
		tr -d '\r' | tail -n 1
}
for args in "-O $scratch/out -r s/a/b/" "--in-place -r s/a/b/" "-r s/a/b/"; do
	read -ra words <<<"$args"
	"$SLUICE" --explain "${words[@]}" "$scratch/big.log" | tail -n 1 >"$scratch/want"
	case $args in
	-r*) expect_output "from a terminal, to it: $args" \
		$'threads: one (line-buffered output (or --follow))\n' \
		on_terminal "${words[@]}" "$scratch/big.log" ;;
	*) expect_output "from a terminal, $args: the threads of a redirected run" \
		"$(cat "$scratch/want")"$'\n' on_terminal "${words[@]}" "$scratch/big.log" ;;
	esac
done
check "a redirected run of the same chain uses threads" grep -q "^threads: 2 running" "$scratch/want"
check "the pattern, quoted" grep -q "^2 match -m 'Failed|Invalid': " "$scratch/chain"
check "flags: caseless" grep -q "^2 match .*caseless" "$scratch/chain"
if "$SLUICE" --version | grep -q 'JIT: yes'; then
	check "JIT on" grep -q "^2 match .*: PCRE2 JIT" "$scratch/chain"
else
	check "JIT off" grep -q "^2 match .*: PCRE2 interpreter (no JIT)" "$scratch/chain"
fi
check "replace: every match, the byte loop" grep -q "^3 replace .*every match (g); a table-driven byte loop" "$scratch/chain"
check "fields: the list and the delimiters" grep -q "^4 fields -f '1,3-': fields 1,3-; split on runs of blanks; joined by ' '" "$scratch/chain"
check "head: its count" grep -q "^6 head -n '10': 10 lines" "$scratch/chain"
"$SLUICE" --explain -F -m '[x]' -o 'a+' --match-limit=1000 >"$scratch/chain"
check "-F: literal" grep -q "^1 match -m '\[x\]': PCRE2 .*literal" "$scratch/chain"
check "-F: -o's pattern is literal too" grep -q "^2 extract -o 'a+': PCRE2 .*literal" "$scratch/chain"
check "--match-limit" grep -q "match limit 1000" "$scratch/chain"

# The accelerator: (arguments => what the filter's line must say).
if [ -n "$accelerator" ]; then
	runs="accelerator: $accelerator, from line 2048 on"
	cases=(
		"-m ERROR => $runs"
		"-s -m ERROR => $runs"
		"--lstrip --rstrip -m 'ERROR|FATAL' => $runs"
		"-s -F -m '^ERROR' => $runs"
		"--max-line=32K -m ERROR => accelerator: no (--max-line is below --buffer-size, so the reader hands out no blocks)"
	)
else
	cases=("-m ERROR => accelerator: no (built without Hyperscan)")
fi
cases+=(
	"-v ERROR => accelerator: no (-v tries every line)"
	"--utf8 -m ERROR => accelerator: no (--utf8)"
	"-z -m ERROR => accelerator: no (-z (records end with NUL))"
	"-m 'x*' => accelerator: no (the pattern can match an empty string)"
	"-m '\\AERROR' => accelerator: no (the pattern has \\A, \\z, \\Z or \\G, which would see the block, not the line)"
	"-m '(?i-m)^error' => accelerator: no (the pattern turns multi-line mode off ((?-m) or (?^)), so ^ and \$ would match only at the block's ends)"
	"-m '(*UCP)error' => accelerator: no (the pattern has a verb such as (*UCP) or (*CR), which the accelerator does not follow)"
	"-s -m '^ERROR' => accelerator: no (the pattern can see where a line starts or ends (an anchor or a lookaround) and a strip stage comes first)"
	"--crlf -m 'ERROR\$' => accelerator: no (the pattern can see where a line starts or ends (an anchor or a lookaround) and --crlf takes a \\r off)"
	"-r s/a/b/ -m ERROR => accelerator: no (a stage before it (other than strip) changes lines)"
)
for entry in "${cases[@]}"; do
	eval "args=(${entry%% => *})"
	want=${entry#* => }
	"$SLUICE" --explain "${args[@]}" >"$scratch/chain" 2>"$scratch/stderr"
	line=$(grep -E '^[0-9]+ (match|reject) ' "$scratch/chain" | tail -n 1)
	if [[ $line == *"; $want"* ]]; then pass; else fail "--explain ${entry%% => *}: [$line] does not say [$want]"; fi
done

# What --explain promises holds: where it says the accelerator runs, the
# run gives what the line-by-line path gives.
if [ -n "$accelerator" ]; then
	"$GENLOG" 1M >"$scratch/big.log"
	"$SLUICE" -s -m ERROR "$scratch/big.log" >"$scratch/fast"
	"$SLUICE" --max-line=32K -s -m ERROR "$scratch/big.log" >"$scratch/slow"
	same_bytes "accelerated and line-by-line runs agree" "$scratch/fast" "$scratch/slow"
fi

# --color adds its stage last, naming the pattern it marks.
"$SLUICE" --explain --color=always -m a -o 'b+' -U >"$scratch/chain"
check "--color: the colour stage is last before the writer" \
	grep -q "^4 color -o 'b+': marks where the pattern matches each line written, with \\\\33\\[01;31m$" "$scratch/chain"
"$SLUICE" --explain --color=never -m a >"$scratch/chain"
check "--color=never: no colour stage" test "$(grep -c color "$scratch/chain")" = 0

finish
