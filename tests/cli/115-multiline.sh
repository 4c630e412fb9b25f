#!/usr/bin/env bash
# 115-multiline: records of several lines (SPEC 7): --record-start,
# --record-cont and --record-end group lines into records, against a
# Python model (tests/records_model.py) on a generated Java-style log
# (scripts/genjava: entries with stack traces) and on the logs in data/
# (CRLF line ends, missing final newlines): the stages -m -v -o -r -c -N
# -n -t -k -u -f -s in multi-line mode, --crlf, -z, several FILEs, -j 2
# and --no-accelerator against the default; errors; --stats and
# --explain; --follow's --record-timeout; and memory that does not grow.
. "$(dirname "$0")/lib.sh"

: "${PEAK_RSS:?}"
model=${TESTS_DIR:-$(dirname "$0")/..}/records_model.py
genjava=${SRCDIR:-$(dirname "$0")/../..}/scripts/genjava
start='^\d{4}-\d\d-\d\d '
java=$scratch/app.log
python3 "$genjava" 3000 >"$java"

# against_model NAME MODE RE [OPTION]... -- FILE...: sluice with the rule
# writes what the model writes. Runs sluice now and queues the model's
# run; compare_with_model runs the queue in one Python and compares.
jobs=$scratch/jobs
mkdir "$jobs"
job_names=()
against_model() {
	local name=$1 mode=$2 rule=$3 args=() n=${#job_names[@]}
	shift 3
	while [ "$1" != -- ]; do args+=("$1"); shift; done
	shift
	printf '%s\n' "$mode" "$rule" "${args[@]}" -- "$@" >"$jobs/$n.job"
	"$SLUICE" "--record-$mode=$rule" "${args[@]}" "$@" >"$jobs/$n.got" 2>"$jobs/$n.err"
	job_names+=("$name: sluice --record-$mode '$rule' ${args[*]}")
}
compare_with_model() {
	local n
	python3 "$model" --batch "$jobs"
	for n in "${!job_names[@]}"; do
		if cmp -s "$jobs/$n.want" "$jobs/$n.got"; then
			pass
		else
			fail "${job_names[$n]}: $(cmp "$jobs/$n.want" "$jobs/$n.got" 2>&1 | head -1) $(head -c 200 "$jobs/$n.err")"
		fi
	done
}

check "the Java log has stack traces" grep -q $'^\tat ' "$java"
check "... Caused by: chains" grep -q '^Caused by: ' "$java"
check "... and ... N more" grep -q $'^\t\\.\\.\\. [0-9]* more$' "$java"

# The stages over the Java log's records.
chains=(
	"" "-c" "-N" "-m NullPointerException" "-v INFO" "-m NullPointer -c"
	"-m ^\\tat.com\\.example\\.db" "-m \\AWARN" "-m \\A\\S+.\\S+.ERROR"
	"-m more$" "-o ^Caused.by:.\\S+" "-r s/^\\tat./__/g"
	"-r s/\\A\\d{4}/YEAR/" "-n 5" "-t 3" "-k 10" "-u" "-u -c"
	"-f 1,2,-1" "-s" "-m Timeout -N" "-N -m ^2024-03-01.12:0[0-4]"
)
for chain in "${chains[@]}"; do
	read -ra args <<<"$chain"
	against_model "Java log, start: ${chain:-identity}" start "$start" "${args[@]}" -- "$java"
done
# The same records, found as continuations and as ends.
for chain in "" "-c" "-N" "-m NullPointerException -N"; do
	read -ra args <<<"$chain"
	against_model "Java log, cont: ${chain:-identity}" cont '^(?!\d{4}-)' "${args[@]}" -- "$java"
	against_model "Java log, end: ${chain:-identity}" end '(more|\d\))$' "${args[@]}" -- "$java"
done
expect_bytes "no stage: the records are written back as they came" "$java" \
	"$SLUICE" --record-start "$start" "$java"
expect_output "-c counts records, not lines" \
	"$(grep -cE '^[0-9]{4}-' "$java")"$'\n' "$SLUICE" --record-start "$start" -c "$java"
check "-c counts fewer records than lines" \
	test "$("$SLUICE" --record-start "$start" -c "$java")" -lt "$(wc -l <"$java")"
expect_output "the record of a NullPointerException holds its timestamp" \
	"$(grep -B1 -m1 '^java.lang.NullPointerException' "$java" | head -1 | cut -c1-10)"$'\n' \
	eval "\"$SLUICE\" --record-start '$start' -m NullPointerException -n 1 \"$java\" | head -1 | cut -c1-10"

# --crlf: the lines of a record come back with \r\n; and -z.
sed 's/$/\r/' "$java" >"$scratch/crlf.log"
for chain in "" "-c" "-N" "-m \\d\\)$" "-o ^Caused.by:.\\S+" "-r s/^\\tat./__/g" "-s -N"; do
	read -ra args <<<"$chain"
	against_model "Java log, --crlf: ${chain:-identity}" start "$start" --crlf "${args[@]}" -- "$scratch/crlf.log"
done
expect_bytes "--crlf with no stage is identity" "$scratch/crlf.log" \
	"$SLUICE" --crlf --record-start "$start" "$scratch/crlf.log"
tr '\n' '\0' <"$java" >"$scratch/nul.log"
for chain in "" "-c" "-N" "-m NullPointer" "-m more$" "-u"; do
	read -ra args <<<"$chain"
	against_model "Java log, -z: ${chain:-identity}" start "$start" -z "${args[@]}" -- "$scratch/nul.log"
done

# data/: real logs as they are (CRLF, a missing final newline), with and
# without --crlf, one FILE and several.
rules=(
	"start@ - (WARN|ERROR) @Zookeeper_2k.log"
	"cont@pam_unix@OpenSSH_2k.log"
	"end@session (opened|closed)@Linux_2k.log"
	"start@FSNamesystem@HDFS_2k.log"
	"cont@error@Apache_2k.log"
	"start@open through@Proxifier_2k.log"
)
for entry in "${rules[@]}"; do
	IFS='@' read -r mode rule file <<<"$entry"
	for chain in "" "-c" "-N" "-m [0-9]$" "-v \\A(\\S+.){5}INFO" "-t 2 -N"; do
		read -ra args <<<"$chain"
		against_model "$file, $mode: ${chain:-identity}" "$mode" "$rule" "${args[@]}" -- "$DATA/$file"
		against_model "$file, $mode, --crlf: ${chain:-identity}" "$mode" "$rule" --crlf "${args[@]}" -- "$DATA/$file"
	done
	expect_bytes "$file, $mode: identity" "$DATA/$file" "$SLUICE" "--record-$mode=$rule" "$DATA/$file"
done
against_model "several FILEs: a record never spans two" start '^\d' -N -- \
	"$DATA/Zookeeper_2k.log" "$DATA/HDFS_2k.log" "$java"
against_model "several FILEs, --crlf" start '^\d' --crlf -m 'NullPointer|2$' -- \
	"$DATA/Zookeeper_2k.log" "$java" "$DATA/HDFS_2k.log"

# Threads and the accelerator do not change a byte: blocks of whole
# records go to the threads (8 MiB, so that they start).
for ((i = 0; i < 8; i++)); do cat "$java"; done >"$scratch/java8.log"
sed 's/$/\r/' "$scratch/java8.log" >"$scratch/java8-crlf.log"
for rule in "--record-start=$start" '--record-cont=^(?!\d{4}-)' '--record-end=(more|\d\))$'; do
	for chain in "-m NullPointerException" "-r s/\d+/#/g" "-N -m Caused" "-o ^Caused.by:.\S+" "-c" "-u -c" ""; do
		read -ra args <<<"$chain"
		for input in "$scratch/java8.log" "$scratch/java8-crlf.log"; do
			crlf=()
			[ "$input" = "$scratch/java8-crlf.log" ] && crlf=(--crlf)
			"$SLUICE" -j 1 "${crlf[@]}" "$rule" "${args[@]}" "$input" >"$scratch/one"
			expect_bytes "-j 2 as -j 1: $rule ${crlf[*]} $chain" "$scratch/one" \
				"$SLUICE" -j 2 "${crlf[@]}" "$rule" "${args[@]}" "$input"
		done
	done
	"$SLUICE" -j 1 "$rule" -m NullPointerException "$java" >"$scratch/one"
	expect_bytes "--no-accelerator as the default: $rule" "$scratch/one" \
		"$SLUICE" --no-accelerator "$rule" -m NullPointerException "$java"
done
check "-j 2 runs threads with records" grep -q '^threads: 2 running' \
	<("$SLUICE" --explain -j 2 --record-start "$start" -r 's/a/b/' -N)
"$SLUICE" -j 2 --stats=json --record-start "$start" -m NullPointer "$scratch/java8.log" >/dev/null 2>"$scratch/stats"
expect_output "-j 2 --stats: records" "$(grep -cE '^[0-9]{4}-' "$scratch/java8.log")" \
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["input"]["records"], end="")' "$scratch/stats"
expect_output "-j 2 --stats: lines" "$(wc -l <"$scratch/java8.log")" \
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["input"]["lines"], end="")' "$scratch/stats"
against_model "-j 2 against the model" start "$start" -j 2 -N -m 'Null|Timeout' -- "$scratch/java8.log"
compare_with_model

# A newline -r puts into a line goes out as \r\n under --crlf, from the
# threads' blocks as from the sink.
yes $'xay\r' | head -c 8M >"$scratch/crlf-lines"
"$SLUICE" -j 1 --crlf -r $'s/a/\\\n/' "$scratch/crlf-lines" >"$scratch/one"
check "--crlf: a newline from -r is written as \\r\\n" cmp -s "$scratch/one" <(perl -pe 's/a/\\\r\n/' "$scratch/crlf-lines")
expect_bytes "--crlf: -j 2 writes it as -j 1 does" "$scratch/one" \
	"$SLUICE" -j 2 --crlf -r $'s/a/\\\n/' "$scratch/crlf-lines"
"$SLUICE" --explain --record-start "$start" -m NullPointer >"$scratch/explain"
check "--explain says how records are found" grep -qF "records of several lines (--record-start '$start')" "$scratch/explain"
check "--explain: patterns in multi-line mode" grep -q 'PCRE2 .*multi-line' "$scratch/explain"
check "--explain says why the accelerator is off" grep -q 'accelerator: no (records of several lines' "$scratch/explain"

# --stats counts records and lines.
"$SLUICE" --stats=json --record-start "$start" -m NullPointer "$java" >/dev/null 2>"$scratch/stats"
expect_output "--stats: records" "$(grep -cE '^[0-9]{4}-' "$java")" \
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["input"]["records"], end="")' "$scratch/stats"
expect_output "--stats: lines" "$(wc -l <"$java")" \
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["input"]["lines"], end="")' "$scratch/stats"
"$SLUICE" --stats --record-start "$start" -c "$java" >/dev/null 2>"$scratch/stats"
check "--stats text: records of lines" grep -q "$(grep -cE '^[0-9]{4}-' "$java") records of $(wc -l <"$java") lines" "$scratch/stats"

# Errors: exit 2, one line.
expect_status "two record options" 2 "$SLUICE" --record-start a --record-end b "$java"
check "... named" grep -q -- '--record-end: records are already grouped by --record-start' "$scratch/stderr"
expect_status "the same one twice" 2 "$SLUICE" --record-cont a --record-cont b "$java"
expect_status "a bad record pattern" 2 "$SLUICE" --record-start '(' "$java"
check "... names the option and PCRE2's error" grep -q -- "--record-start '(': missing closing parenthesis" "$scratch/stderr"
expect_status "a bad --record-timeout" 2 "$SLUICE" --record-timeout=soon "$java"
expect_status "a negative --record-timeout" 2 "$SLUICE" --record-timeout=-1 "$java"
printf 'S1\nS2\nxxxx\nyyyy\nS3\n' >"$scratch/long"
expect_status "a record over --max-line fails" 2 "$SLUICE" --max-line=8 --record-start ^S "$scratch/long"
cp "$scratch/stderr" "$scratch/long.err"
expect_output "... naming FILE and its first line" \
	"sluice: $scratch/long:2: record longer than --max-line=8 bytes (see --long-lines)"$'\n' cat "$scratch/long.err"
expect_output "--long-lines=skip drops the record" $'S1\nS3\n' \
	"$SLUICE" --max-line=8 --long-lines=skip --record-start ^S "$scratch/long"
expect_output "--long-lines=truncate keeps its head" $'S1\nS2\nxxxx\nS3\n' \
	"$SLUICE" --max-line=7 --long-lines=truncate --record-start ^S "$scratch/long"
expect_output "-x: the RE matches the whole record" $'S2\nxxxx\nyyyy\n' \
	"$SLUICE" -x -m 'S2\n\w+\n\w+' --record-start ^S "$scratch/long"
expect_output "-x: not one of its lines" "" \
	"$SLUICE" -x -m 'S2' --record-start ^S "$scratch/long"

# --follow: a record whose next line does not come is passed on after
# --record-timeout; a line after it starts a new record.
log=$scratch/follow.log
# wait_for_lines FILE N: until FILE has N lines (at most 20 s).
wait_for_lines() {
	local tries=0
	while [ "$(wc -l <"$1")" -lt "$2" ] && [ "$tries" -lt 2000 ]; do
		sleep 0.01
		tries=$((tries + 1))
	done
}
printf '1 start\n  more\n' >"$log"
: >"$scratch/out"
env --default-signal=INT,TERM "$SLUICE" --follow --record-timeout=0.2 --record-start '^\d' -N "$log" >"$scratch/out" 2>"$scratch/err" &
pid=$!
wait_for_lines "$scratch/out" 2
expect_output "--follow: the pending record after the timeout" $'1\t1 start\n  more\n' cat "$scratch/out"
printf '  late\n2 next\n' >>"$log"
wait_for_lines "$scratch/out" 4
kill -s TERM "$pid"
wait "$pid"
expect_output "--follow: a late line starts a record of its own" $'1\t1 start\n  more\n3\t  late\n4\t2 next\n' cat "$scratch/out"

# ... and from a pipe, the same.
: >"$scratch/pipe.out"
{ printf '1 a\n  b\n'; sleep 3; printf '2 c\n'; } |
	"$SLUICE" --follow --record-timeout=0.2 --record-start '^\d' -N >"$scratch/pipe.out" &
pid=$!
wait_for_lines "$scratch/pipe.out" 2
expect_output "--follow on a pipe: the pending record after the timeout" $'1\t1 a\n  b\n' cat "$scratch/pipe.out"
wait "$pid"
expect_output "--follow on a pipe: then the rest, at its end" $'1\t1 a\n  b\n3\t2 c\n' cat "$scratch/pipe.out"
# Without --follow, a record waits for the line after it.
{ printf '1 a\n  b\n'; sleep 1; printf '  c\n'; } |
	"$SLUICE" --record-timeout=0.1 --record-start '^\d' -c >"$scratch/pipe.out"
expect_output "no --follow: no timeout" $'1\n' cat "$scratch/pipe.out"

# Memory: records do not grow it (a 1 MiB buffer of entries, repeated).
python3 "$genjava" 2000 >"$scratch/block"
small_count=16
large_count=256
[ -n "${SANITIZER_CFLAGS:-}" ] && large_count=64
for count in "$small_count" "$large_count"; do
	for ((i = 0; i < count; i++)); do cat "$scratch/block"; done |
		"$PEAK_RSS" "$scratch/rss.$count" "$SLUICE" --record-start "$start" -m NullPointer -c >"$scratch/count.$count"
done
small_kib=$(cat "$scratch/rss.$small_count")
large_kib=$(cat "$scratch/rss.$large_count")
printf 'peak RSS with records: %s KiB over %s blocks, %s KiB over %s\n' "$small_kib" "$small_count" "$large_kib" "$large_count"
check "records: peak RSS flat ($small_kib, $large_kib KiB)" test $((large_kib - small_kib)) -le 1024
if [ -z "${SANITIZER_CFLAGS:-}" ]; then
	check "records: peak RSS under 8 MiB" test "$large_kib" -lt 8192
fi
check "records: the count grows with the input" \
	test "$(cat "$scratch/count.$large_count")" -eq $(( $(cat "$scratch/count.$small_count") * large_count / small_count ))
# One record of 64 MiB of frames, truncated at --max-line=1M.
{ echo '2024-01-01 00:00:00 ERROR huge'; yes $'\tat com.example.Deep.call(Deep.java:1)' | head -c 64M; echo; echo '2024-01-01 00:00:01 INFO after'; } |
	"$PEAK_RSS" "$scratch/rss.huge" "$SLUICE" --max-line=1M --long-lines=truncate --record-start "$start" -c >"$scratch/count.huge" 2>/dev/null
expect_output "a 64 MiB record truncated: two records" 2$'\n' cat "$scratch/count.huge"
if [ -z "${SANITIZER_CFLAGS:-}" ]; then
	check "a 64 MiB record: peak RSS under 8 MiB ($(cat "$scratch/rss.huge") KiB)" test "$(cat "$scratch/rss.huge")" -lt 8192
fi

finish
