#!/usr/bin/env bash
# 035-context: -A, -B, -C (SPEC section 8) write exactly what grep -P
# writes with the same context, for a table of patterns and every N from 0
# to 5, on each log of data/ and on all of them as one stream (grep -h),
# for -m and for -v; the same with --group-separator and
# --no-group-separator, -z, -N before the filter (against grep -n), and an
# unterminated last line. A group is one record for what follows: a later
# -m keeps whole groups, -c counts them, -n passes N of them (against the
# groups of grep's output, split at its separators). -j 2 and
# --no-accelerator change no byte; -A with no filter before it is exit 2.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}"

files=()
for f in "$DATA"/*.log; do files+=("$(with_newline "$f")"); done
patterns=('ERROR|WARN' 'Failed password' '^\S+\s+\d+\s' 'blk_-?\d{6}\b'
	'session (opened|closed)' 'nomatchxyz' '(?i)exception')

for p in "${patterns[@]}"; do
	for n in 0 1 2 3 4 5; do
		for o in A B C; do
			agree "-m '$p' -$o $n = grep -P -$o $n (all data, -h)" \
				grep -hP -$o "$n" -e "$p" "${files[@]}" ::: -m "$p" -$o "$n" "${files[@]}"
			agree "-v '$p' -$o $n = grep -vP -$o $n (all data, -h)" \
				grep -hvP -$o "$n" -e "$p" "${files[@]}" ::: -v "$p" -$o "$n" "${files[@]}"
		done
	done
done
# Each log alone, with -A and -B apart and together.
for f in "${files[@]}"; do
	b=$(basename "$f")
	for p in 'ERROR|WARN|Failed|error' '\d{3,}'; do
		agree "-m '$p' -A 2 -B 3 = grep on $b" grep -P -A 2 -B 3 -e "$p" "$f" ::: -m "$p" -A 2 -B 3 "$f"
		agree "-m '$p' -C 4 = grep on $b" grep -P -C 4 -e "$p" "$f" ::: -m "$p" -C 4 "$f"
	done
done
# As grep: -A and -B win over -C, whatever their order.
log=${files[0]}
agree "-A 1 -C 3 = grep -A 1 -C 3" grep -P -A 1 -C 3 -e 'ERROR|WARN' "$log" ::: -m 'ERROR|WARN' -A 1 -C 3 "$log"
agree "-C 3 -B 0 = grep -C 3 -B 0" grep -P -C 3 -B 0 -e 'ERROR|WARN' "$log" ::: -m 'ERROR|WARN' --context=3 --before=0 "$log"

# The separator.
ssh=$(with_newline "$DATA/OpenSSH_2k.log")
agree "--group-separator='==>' = grep" grep -P -C 1 --group-separator='==>' -e 'Invalid user' "$ssh" ::: -m 'Invalid user' -C 1 --group-separator='==>' "$ssh"
agree "--group-separator= (empty) = grep" grep -P -C 1 --group-separator= -e 'Invalid user' "$ssh" ::: --group-separator= -m 'Invalid user' -C 1 "$ssh"
agree "--no-group-separator = grep" grep -P -C 1 --no-group-separator -e 'Invalid user' "$ssh" ::: -m 'Invalid user' -C 1 --no-group-separator "$ssh"

# -z: records joined with NUL, the separator ends with a newline (grep's).
tr '\n' '\0' <"$ssh" >"$scratch/nul"
agree "-z -C 2 = grep -z -C 2" grep -zP -C 2 -e 'Invalid user' "$scratch/nul" ::: -z -m 'Invalid user' -C 2 "$scratch/nul"
agree "-z -v -A 1 = grep -z -v -A 1" grep -zvP -A 1 -e 'Invalid|Failed|pam_unix' "$scratch/nul" ::: -z -v 'Invalid|Failed|pam_unix' -A 1 "$scratch/nul"

# -N before the filter numbers every line with its input number: grep -n's
# "12:" and "12-" become "12<tab>".
grep_numbered() { grep -nP "$@" | sed -E 's/^([0-9]+)[:-]/\1\t/'; }
agree "-N -m -C 2 = grep -n -C 2" grep_numbered -C 2 -e 'Invalid user' "$ssh" ::: -N -m 'Invalid user' -C 2 "$ssh"
agree "-N -v -B 1 = grep -n -v -B 1" grep_numbered -v -B 1 -e 'Invalid|Failed|pam_unix' "$ssh" ::: -N -v 'Invalid|Failed|pam_unix' -B 1 "$ssh"

# Unterminated last line: kept unterminated, as sluice writes every record.
printf 'a\nx\nb' >"$scratch/unterminated"
expect_output "-A 1: the last line stays unterminated" $'x\nb' "$SLUICE" -m x -A 1 "$scratch/unterminated"
expect_output "-B 1: a group before the last line ends with a newline" $'a\nx\n' "$SLUICE" -m x -B 1 "$scratch/unterminated"
raw=$DATA/Zookeeper_2k.log
# (its last line, "... Processed session termination ...", is in a group)
agree "-C 3 on an unterminated log = grep less its added newline" \
	eval "grep -P -C 3 -e 'WARN|termination' '$raw' | head -c -1" ::: -m 'WARN|termination' -C 3 "$raw"

# Several FILEs: context never crosses from one into the next, and each
# FILE's first group is separated from what came before (grep -h).
printf 'a\nx\n' >"$scratch/one"
printf 'x\nb\nc\n' >"$scratch/two"
agree "two FILEs, -C 1 = grep -h" grep -h -C 1 x "$scratch/one" "$scratch/two" ::: -m x -C 1 "$scratch/one" "$scratch/two"
agree "two FILEs, -A 5 = grep -h" grep -h -A 5 a "$scratch/one" "$scratch/two" ::: -m a -A 5 "$scratch/one" "$scratch/two"
agree "two FILEs, -B 5 = grep -h" grep -h -B 5 b "$scratch/one" "$scratch/two" ::: -m b -B 5 "$scratch/one" "$scratch/two"

# A group is one record: split grep's output at its separators.
# groups PATTERN CONTEXT FILE [KEEP_RE | -c | -n N]
groups() {
	grep -P -C "$2" -e "$1" "$3" | py -c '
import re, sys
mode = sys.argv[1]
text = sys.stdin.buffer.read()
groups = [g for g in text.split(b"--\n") if g] if text else []
if mode == "-c":
    print(len(groups))
    sys.exit(0 if groups else 1)
if mode == "-n":
    groups = groups[:int(sys.argv[2])]
else:
    groups = [g for g in groups if re.search(sys.argv[1].encode(), g[:-1])]
sys.stdout.buffer.write(b"--\n".join(groups))
sys.exit(0 if groups else 1)' "${@:4}"
}
for f in "${files[@]}"; do
	b=$(basename "$f")
	agree "-m ERROR|WARN -C 5 -m timeout|Exception: whole groups ($b)" \
		groups 'ERROR|WARN' 5 "$f" 'timeout|Exception' ::: -m 'ERROR|WARN' -C 5 -m 'timeout|Exception' "$f"
	agree "-m -C 2 -v: whole groups dropped ($b)" \
		groups '\d{4}' 2 "$f" '^(?![\s\S]*(?i:fail))' ::: -m '\d{4}' -C 2 -v '(?i)fail' "$f"
	agree "-m -C 3 -c counts groups ($b)" groups 'Failed|WARN|error' 3 "$f" -c ::: -m 'Failed|WARN|error' -C 3 -c "$f"
	agree "-m -C 1 -n 3 passes three groups ($b)" groups 'Failed|WARN|error' 1 "$f" -n 3 ::: -m 'Failed|WARN|error' -C 1 -n 3 "$f"
done

# -j 2 and --no-accelerator change no byte, here and with stages on
# threads before the filter; on a generated log of many groups.
"$GENLOG" 4M >"$scratch/log"
for chain in "-m ERROR -C 3" "-s -r s/[0-9]+/#/g -m ERROR -B 2 -A 1" "-v INFO -C 1 -c" "-L -m error -C 2 -m timeout"; do
	# shellcheck disable=SC2086
	"$SLUICE" -j 1 $chain "$scratch/log" >"$scratch/one-thread"
	# shellcheck disable=SC2086
	expect_bytes "-j 2 $chain = -j 1" "$scratch/one-thread" "$SLUICE" -j 2 $chain "$scratch/log"
	# shellcheck disable=SC2086
	expect_bytes "--no-accelerator $chain = with" "$scratch/one-thread" "$SLUICE" --no-accelerator $chain "$scratch/log"
done
agree "generated log: -m ERROR -C 3 = grep" grep -P -C 3 ERROR "$scratch/log" ::: -m ERROR -C 3 "$scratch/log"
# The prefilter passes over the stretches between groups (memmem for a
# plain string, the accelerator for a pattern after its warm-up), keeping
# the last -B lines of each: against grep, at buffer sizes that cut
# records at every place, and after strip.
for p in 'ERROR' 'ERROR|FATAL|[Ff]ail(ed|ure)' 'blk_-?\d+ (?!terminating)'; do
	for ctx in "-B 5" "-A 2" "-C 1" "-B 0 -A 0" "-B 30 -A 1"; do
		for size in 64K 1K 97; do
			# shellcheck disable=SC2086
			agree "generated log: -m '$p' $ctx --buffer-size=$size = grep" grep -P $ctx -e "$p" "$scratch/log" ::: --buffer-size=$size -m "$p" $ctx "$scratch/log"
		done
	done
	agree "generated log: --rstrip -m '$p' -C 2 = sed | grep" \
		eval "sed -E 's/[[:space:]]+\$//' '$scratch/log' | grep -P -C 2 -e '$p'" ::: --rstrip -m "$p" -C 2 "$scratch/log"
done
# Dense: more candidates than one scan holds (256), so a window ends at
# its last candidate and the next scan starts from there.
for p in 'INFO' 'INFO|DEBUG' '[0-9]'; do
	for ctx in "-B 2 -A 1" "-C 0" "-A 3"; do
		# shellcheck disable=SC2086
		agree "generated log: dense -m '$p' $ctx --buffer-size=1M = grep" grep -P $ctx -e "$p" "$scratch/log" ::: --buffer-size=1M -m "$p" $ctx "$scratch/log"
	done
done
check "--explain: the accelerator stays on between groups" eval "'$SLUICE' --explain -m 'ERROR|WARN' -B 3 | grep -q 'only where no group is open'"

# Errors, before any input is read.
expect_status "-A with no filter before it: exit 2" 2 "$SLUICE" -A 2 -m x "$log"
one_error_line "-A with no filter before it: one error line"
check "-A with no filter: the message says why" grep -q 'no -m or -v comes before it' "$scratch/stderr"
expect_status "-C after -s: exit 2" 2 "$SLUICE" -m x -s -C 1 "$log"
check "-C after -s: the message names -s" grep -q 'it follows -s, not a -m or -v' "$scratch/stderr"
expect_status "-B 1000001: exit 2" 2 "$SLUICE" -m x -B 1000001 "$log"
one_error_line "-B 1000001: one error line"
expect_status "-A x: exit 2" 2 "$SLUICE" -m x -A x "$log"

# --explain tells the context; --stats counts groups as the filter's lines.
check "--explain shows the context" eval "'$SLUICE' --explain -m ERROR -B 2 -A 3 | grep -q 'context: 2 lines before and 3 after'"
"$SLUICE" --stats=json -m 'Invalid user' -C 1 "$ssh" >/dev/null 2>"$scratch/stats"
groups_written=$(grep -P -C 1 'Invalid user' "$ssh" | grep -c '^--$')
check "--stats: the filter's lines out are the groups" grep -q "\"lines_out\":$((groups_written + 1))[,}]" "$scratch/stats"
# A pattern after a context filter matches in multi-line mode, as in a
# record of several lines: ^ and $ at each line, \A and \z at the group's.
printf 'a\nERROR x\nb\nc\nd\nERROR y\ne\n' >"$scratch/groups"
expect_output "after context, ^ and \$ match at each line of a group" $'ERROR x\nb\n' \
	"$SLUICE" -m ERROR -A 1 -m '^b$' "$scratch/groups"
expect_output "after context, \\A is the group's start" $'ERROR y\ne\n' \
	"$SLUICE" -m ERROR -A 1 -m '\AERROR y$' "$scratch/groups"
expect_output "after context, -o's ^ is each line's" $'b\n--\ne\n' \
	"$SLUICE" -m ERROR -A 1 -o '^[a-z]$' "$scratch/groups"
expect_output "after context, -r's \$ is each line's end" $'ERROR x.\nb.\n--\nERROR y.\ne.\n' \
	"$SLUICE" -m ERROR -A 1 -r 's/$/./g' "$scratch/groups"
finish
