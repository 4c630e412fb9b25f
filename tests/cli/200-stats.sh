#!/usr/bin/env bash
# 200-stats: --stats=json is one valid object (jq) whose numbers are true:
# checked against the run itself (wc of the output and the input) for
# chains that take the no-stage block path, the filter's accelerator
# (with a strip stage between it and the reader, whose counts the filter
# credits), and the line-by-line path; the text form; a failed run; the
# JSON escaping of patterns; nothing on stderr without --stats.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}"
command -v jq >/dev/null || { echo "200-stats: jq is missing (Debian: jq)"; exit 1; }

# More than DEFAULT_PREFILTER_WARMUP (2048) lines, so the accelerator runs.
"$GENLOG" 2M >"$scratch/a.log"
"$GENLOG" 1M | sed 's/^\(.\{20\}\)/  \1   /' >"$scratch/b.log"	# blanks to strip
sed 's/$/\r/' "$scratch/a.log" >"$scratch/crlf.log"
check "the input has more lines than the accelerator's warm-up" \
	test "$(wc -l <"$scratch/a.log")" -gt 4096

# jq_true FILTER FILE: FILTER is true of FILE's JSON.
jq_true() { jq -e "$@" >/dev/null; }

# stats_run NAME ARGS...: runs sluice --stats=json ARGS, keeping the output
# in out, the JSON (stderr's last line, after any messages) in json, and
# the lines before it in err; checks the JSON is valid with version 1.
stats_run() {
	local name=$1
	shift
	status=0
	"$SLUICE" --stats=json "$@" >"$scratch/out" 2>"$scratch/stderr" || status=$?
	tail -n 1 "$scratch/stderr" >"$scratch/json"
	head -n -1 "$scratch/stderr" >"$scratch/err"
	check "$name: stderr ends with one JSON object, version 1" \
		jq_true 'type == "object" and .version == 1' "$scratch/json"
}

# expect_value NAME EXPECTED COMMAND...: COMMAND prints EXPECTED (less the
# final newline).
expect_value() {
	local name=$1 expected=$2 actual
	shift 2
	actual=$("$@" 2>&1)
	if [ "$actual" = "$expected" ]; then pass; else fail "$name: got [$actual], expected [$expected]"; fi
}

# The numbers of a whole run: bytes read = the FILEs' sizes; the first
# stage's lines in = the records; each stage's in = the out of the one
# before; the last stage's out = what was written = wc of the output.
expect_true_numbers() {
	local name=$1
	shift
	local size=0 f
	for f in "$@"; do size=$((size + $(wc -c <"$f"))); done
	expect_value "$name: bytes read = the FILEs' sizes" "$size" q .input.bytes_read
	expect_value "$name: each stage's lines in = the lines out before it" true \
		q '[.input.records] + [.stages[].lines_out] | .[:-1] == ([$j.stages[].lines_in])' --argjson j "$(cat "$scratch/json")"
	expect_value "$name: each stage's bytes in = the bytes out before it" true \
		q '[.input.record_bytes] + [.stages[].bytes_out] | .[:-1] == ([$j.stages[].bytes_in])' --argjson j "$(cat "$scratch/json")"
	expect_value "$name: lines written = wc -l (+1 for an unterminated last line)" \
		"$(($(wc -l <"$scratch/out") + $( [ -s "$scratch/out" ] && [ "$(tail -c 1 "$scratch/out" | od -An -tx1 | tr -d ' ')" != 0a ] && echo 1 || echo 0)))" \
		q .output.lines
	expect_value "$name: bytes written = wc -c" "$(wc -c <"$scratch/out")" q .output.bytes
	expect_value "$name: the last stage's out = what was written" true \
		q '(if (.stages | length) > 0 then .stages[-1].lines_out else .input.records end) == .output.lines and
		   (if (.stages | length) > 0 then .stages[-1].bytes_out else .input.record_bytes end) == .output.bytes'
}

# q FILTER [JQ OPTIONS]: the JSON's value at FILTER, raw.
q() { local filter=$1; shift; jq -r "$@" "$filter" "$scratch/json"; }

# Chains, each run whole over two FILEs: (name | arguments).
cases=(
	"no stage (blocks straight to the sink)|"
	"strip then filter (accelerated)|-s -m ERROR"
	"strip then filter, no blocks (--max-line below --buffer-size)|--max-line=32K -s -m ERROR"
	"two strips, a filter, a replace, uniq|--lstrip -s -i -m 'error|warn' -r 's/[0-9]+/#/g' -u"
	"filter, fields, count|-m kernel -f 1-3 -c"
	"extract|-o '[0-9]+\\.[0-9]+'"
	"reject then number|-v INFO -N"
	"coloured matches (the colour stage last)|--color=always -s -m 'ERROR|WARN'"
)
for entry in "${cases[@]}"; do
	name=${entry%%|*}
	eval "args=(${entry#*|})"
	stats_run "$name" "${args[@]}" "$scratch/a.log" "$scratch/b.log"
	expect_value "$name: status 0" 0 echo "$status"
	expect_value "$name: two FILEs" 2 q .input.files
	expect_true_numbers "$name" "$scratch/a.log" "$scratch/b.log"
done

# Under -j the per-line stages run on threads, each with its own copy of
# them; the counts add up to those of one thread, exactly, for every chain
# above, and for the default's threads, which start after 4 MiB.
counts='del(.time, .bytes_per_second, .peak_rss_bytes)'
"$GENLOG" 6M >"$scratch/big.log"
for entry in "${cases[@]}"; do
	name=${entry%%|*}
	eval "args=(${entry#*|})"
	for threads in "-j 3" ""; do
		stats_run "$name, -j 1" -j 1 "${args[@]}" "$scratch/a.log" "$scratch/big.log"
		jq -S "$counts" "$scratch/json" >"$scratch/one"
		stats_run "$name, threads '$threads'" $threads "${args[@]}" "$scratch/a.log" "$scratch/big.log"
		jq -S "$counts" "$scratch/json" >"$scratch/many"
		same_bytes "$name: threads '$threads' count what -j 1 counts" "$scratch/one" "$scratch/many"
		expect_true_numbers "$name, threads '$threads'" "$scratch/a.log" "$scratch/big.log"
	done
done
check "-j 3 --stats runs threads" eval \
	'"$SLUICE" --explain -j 3 --stats -s -m ERROR -r s/1/2/ | grep -q "^threads: 3 running stages 1-3"'
expect_output "--stats with -n keeps to one thread" \
	"threads: one (--stats with -n counts only the lines -n took)"$'\n' \
	eval '"$SLUICE" --explain -j 3 --stats -r s/1/2/ -n 5 | tail -n 1'

# FILEs without a final newline: each but the last is handed on with one,
# and counted so; the last stays without.
printf 'a1\n b2' >"$scratch/f1"
printf 'c3\nd4' >"$scratch/f2"
for args in "" "-s" "-s -m [0-9]"; do
	stats_run "unterminated FILEs, '$args'" $args "$scratch/f1" "$scratch/f2"
	expect_true_numbers "unterminated FILEs, '$args'" "$scratch/f1" "$scratch/f2"
	expect_value "unterminated FILEs, '$args': one byte more handed on than read" \
		"$(($(cat "$scratch/f1" "$scratch/f2" | wc -c) + 1))" q .input.record_bytes
done

# The strip stage's bytes out where the accelerator passed its lines over
# are those of stripping every line: the same as without the accelerator,
# and as sluice -s writes.
stats_run "accelerated strip" -s -m ERROR "$scratch/b.log"
accelerated=$(q '.stages[0] | [.lines_out, .bytes_out] | @tsv')
stats_run "line by line strip" --max-line=32K -s -m ERROR "$scratch/b.log"
expect_value "strip's counts: accelerated = line by line" "$accelerated" q '.stages[0] | [.lines_out, .bytes_out] | @tsv'
expect_value "strip's bytes out = the bytes of sluice -s" \
	"$(wc -l <"$scratch/b.log")	$("$SLUICE" -s "$scratch/b.log" | wc -c)" echo "$accelerated"
expect_value "the filter kept what grep keeps" "$(grep -c ERROR "$scratch/b.log")" q '.stages[1].lines_out'
# ... and with --crlf, where the reader takes the \r off before strip.
stats_run "crlf, accelerated" --crlf -s -m ERROR "$scratch/crlf.log"
expect_true_numbers "crlf, accelerated" "$scratch/crlf.log"
accelerated=$(q '[.stages[] | .lines_out, .bytes_out] | @tsv')
stats_run "crlf, line by line" --crlf --max-line=32K -s -m ERROR "$scratch/crlf.log"
expect_value "crlf: accelerated = line by line" "$accelerated" q '[.stages[] | .lines_out, .bytes_out] | @tsv'

# Labels: name, option as spelled, argument.
stats_run "labels" --strip --match=ERROR -n 5 "$scratch/a.log"
expect_value "labels: names, options, arguments" \
	'strip --strip null|match --match ERROR|head -n 5' \
	q '[.stages[] | "\(.name) \(.option) \(.arg)"] | join("|")'
expect_value "-n 5: five lines out" 5 q '.stages[-1].lines_out'
check "-n 5: the reader stopped early" test "$(q .input.bytes_read)" -lt "$(wc -c <"$scratch/a.log")"
check "time and memory are numbers" jq_true '(.time.wall_seconds | type) == "number" and .time.user_seconds >= 0 and
	.time.system_seconds >= 0 and .peak_rss_bytes > 1000000 and .peak_rss_bytes < 100000000 and .bytes_per_second >= 0' "$scratch/json"

stats_run "colour" --color=always -m ERROR -n 3 "$scratch/a.log"
expect_value "colour: the colour stage is last, with the pattern it marks" \
	'color -m ERROR' q '.stages[-1] | "\(.name) \(.option) \(.arg)"'
expect_value "colour: its bytes are the coloured ones written" "$(wc -c <"$scratch/out")" q '.stages[-1].bytes_out'

# Patterns with quotes, backslashes and control bytes come back whole.
for pattern in 'say "hi"' 'a\\b\d' $'tab\there' $'bell\a' $'\x1b\\[K' 'é|ü' $'\xff\xfe'; do
	stats_run "pattern $(printf %q "$pattern")" -m "$pattern" "$DATA/LICENSE"
	want=$(printf %s "$pattern" | iconv -f UTF-8 -t UTF-8 2>/dev/null) || \
		want=$(printf %s "$pattern" | iconv -f LATIN1 -t UTF-8)
	expect_value "pattern $(printf %q "$pattern"): jq reads it back" "$want" q '.stages[0].arg'
done

# A failed run reports as far as it got, after its error message.
stats_run "a missing FILE" -m ERROR "$scratch/a.log" "$scratch/missing" "$scratch/b.log"
expect_value "a missing FILE: status 2" 2 echo "$status"
expect_value "a missing FILE: the report says 2" 2 q .status
expect_value "a missing FILE: three FILEs named" 3 q .input.files
expect_value "a missing FILE: named before the report" "sluice: $scratch/missing: No such file or directory" cat "$scratch/err"
expect_true_numbers "a missing FILE" "$scratch/a.log" "$scratch/b.log"
if [ -w /dev/full ]; then
	"$SLUICE" --stats=json -m ERROR "$scratch/a.log" >/dev/full 2>"$scratch/stderr" && status=0 || status=$?
	tail -n 1 "$scratch/stderr" >"$scratch/json"
	expect_value "a write error: status 2, one FILE read, no byte written" "2 1 0" \
		q '"\(.status) \(.input.files) \(.output.bytes)"'
	check "a write error: named before the report" grep -q '^sluice: (standard output): write error: ' "$scratch/stderr"
fi
printf 'short\n%070000d\nafter\n' 0 >"$scratch/long.txt"
"$SLUICE" --stats=json --max-line=1K -s "$scratch/long.txt" >"$scratch/out" 2>"$scratch/err" || status=$?
expect_value "a long line: status 2" 2 echo "$status"
expect_value "a long line: the error, then the report" "sluice: $scratch/long.txt:2: line longer than --max-line=1024 bytes (see --long-lines)" head -n 1 "$scratch/err"
tail -n +2 "$scratch/err" >"$scratch/json"
expect_value "a long line: one line out, the status" "1 2" q '"\(.stages[0].lines_out) \(.status)"'
stats_run "long lines skipped" --max-line=1K --long-lines=skip "$scratch/long.txt"
expect_value "long lines skipped: counted" "1 2" q '"\(.input.long_lines) \(.output.lines)"'
check "long lines skipped: warned before the report" grep -q 'skipped (warned once)$' "$scratch/err"

# The text form: a header, one row per stage, the totals.
"$SLUICE" --stats -s -m ERROR "$scratch/a.log" >/dev/null 2>"$scratch/text"
expect_value "text: the header" 'sluice: stats' head -n 1 "$scratch/text"
check "text: the read row" grep -qE "^ +- +$(wc -l <"$scratch/a.log") +$(wc -c <"$scratch/a.log") +[0-9]+  read$" "$scratch/text"
check "text: the match row, quoted" grep -qE "  match 'ERROR'$" "$scratch/text"
check "text: output, time, exit status" grep -qE '^  output: [0-9]+ lines, [0-9]+ bytes$' "$scratch/text"
check "text: time and peak RSS" grep -qE '^  time: .* s wall, .* s user, .* s system; .*/s; peak RSS [0-9.]+ MiB$' "$scratch/text"
expect_value "--stats=text is --stats" "$(sed -n 2,5p "$scratch/text")" \
	eval '"$SLUICE" --stats=text -s -m ERROR "$scratch/a.log" 2>&1 >/dev/null | sed -n 2,5p'

# Compressed FILEs: bytes read are the decompressed bytes the stages got,
# file bytes the FILEs as stored (what --progress measures against).
gzip -c "$scratch/a.log" >"$scratch/a.log.gz"
zstd -q -c "$scratch/b.log" >"$scratch/b.log.zst"
stats_run "compressed" -m ERROR "$scratch/a.log.gz" "$scratch/b.log.zst" "$scratch/crlf.log"
expect_value "compressed: bytes read = the decompressed sizes" \
	"$(($(wc -c <"$scratch/a.log") + $(wc -c <"$scratch/b.log") + $(wc -c <"$scratch/crlf.log")))" q .input.bytes_read
expect_value "compressed: file bytes = the FILEs' sizes as stored" \
	"$(($(wc -c <"$scratch/a.log.gz") + $(wc -c <"$scratch/b.log.zst") + $(wc -c <"$scratch/crlf.log")))" q .input.file_bytes
"$SLUICE" --stats -c "$scratch/a.log.gz" 2>"$scratch/text" >/dev/null
check "compressed: the text form says so" \
	grep -qE "^  input:  $(wc -c <"$scratch/a.log") bytes from 1 FILE \($(wc -c <"$scratch/a.log.gz") bytes as stored, compressed\)," "$scratch/text"
stats_run "plain" -c "$scratch/a.log"
expect_value "plain: file bytes = bytes read" "$(wc -c <"$scratch/a.log")" q .input.file_bytes

# Off by default: not a byte on stderr, the same output.
"$SLUICE" -s -m ERROR "$scratch/a.log" >"$scratch/plain" 2>"$scratch/err"
check "without --stats: nothing on stderr" test ! -s "$scratch/err"
"$SLUICE" --stats -s -m ERROR "$scratch/a.log" >"$scratch/with" 2>/dev/null
same_bytes "--stats does not change the output" "$scratch/plain" "$scratch/with"

finish
