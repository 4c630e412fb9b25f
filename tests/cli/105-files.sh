#!/usr/bin/env bash
# 105-files.sh: the stages that speak of FILEs (-H, -l). -H is grep -H
# with a tab for grep's colon, over the FILEs of data/ (some without a
# final newline) and standard input; -m RE -l is grep -l -P RE, over a
# table of patterns, FILEs given twice, standard input, compressed FILEs
# (named as given), with -j 2 and --no-accelerator, and with a stage
# between that cannot end a FILE early (-u); exit status 0 when a name
# was written, 1 when none was. And -l stops reading a FILE at its first
# line: an endless FIFO, and a FILE damaged past its first line, do not
# keep it from the next FILE.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}"

# The last FILE ends with a newline, so every FILE's last line is a whole
# line to sluice, as it is to grep; the others may lack it.
files=("$DATA/Apache_2k.log" "$DATA/Linux_2k.log" "$DATA/OpenSSH_2k.log"
	"$DATA/Proxifier_2k.log" "$DATA/Zookeeper_2k.log" "$DATA/HDFS_2k.log")
check "the last FILE ends with a newline" test -z "$(tail -c 1 "${files[5]}")"
check "some FILE does not" test -n "$(tail -c 1 "${files[0]}")"

# tab_for_colon NAME...: grep -H's output on stdin, with the colon after
# the FILE's name (one of NAMEs, or "(standard input)") made a tab; a
# colon in the line itself stays.
tab_for_colon() {
	py -c 'import sys
names = [n.encode() for n in sys.argv[1:]] + [b"(standard input)"]
for line in sys.stdin.buffer:
    for name in names:
        if line.startswith(name + b":"):
            line = name + b"\t" + line[len(name) + 1:]
            break
    else:
        sys.exit("not a name of a FILE: %r" % line[:80])
    sys.stdout.buffer.write(line)' "$@"
}

# grep_h RE FILE...: grep -H -P RE with a tab for the colon, and grep's
# exit status.
grep_h() {
	local re=$1 status=0
	shift
	grep -a -H -P -e "$re" "$@" >"$scratch/grep-h" || status=$?
	tab_for_colon "$@" <"$scratch/grep-h" || return 3
	return "$status"
}

# grep_h_linux FILE...: grep -H, then the lines whose name has "Linux".
grep_h_linux() {
	local status=0
	grep_h '' "$@" >"$scratch/grep-h.tab" || return
	grep -a -P '^[^\t]*Linux' "$scratch/grep-h.tab" || status=$?
	return "$status"
}

# --- -H ---

for re in '' 'error|ERROR' 'Failed password' '^\d{4}-' ':' 'no such line here'; do
	agree "-m '$re' -H = grep -H -P" grep_h "$re" "${files[@]}" ::: -m "$re" -H "${files[@]}"
done
agree "-H alone = grep -H ''" grep_h '' "${files[@]}" ::: -H "${files[@]}"
agree "-H, then -m on the name" grep_h_linux "${files[@]}" ::: -H -m '^[^\t]*Linux' "${files[@]}"
agree "-H over standard input alone" eval 'grep_h blk < "${files[5]}"' ::: -m blk -H <"${files[5]}"
agree "-H with - among FILEs" eval 'grep_h sshd "${files[1]}" - "${files[5]}" < "${files[2]}"' ::: \
	-m sshd -H "${files[1]}" - "${files[5]}" <"${files[2]}"
agree "-H with the same FILE twice" grep_h 'WARN' "${files[5]}" "${files[5]}" ::: \
	-m WARN -H "${files[5]}" "${files[5]}"
printf '' >"$scratch/empty"
printf 'last\nno newline' >"$scratch/unterminated"
expect_output "-H: an empty FILE adds nothing; the last FILE's last line stays unterminated" \
	"$scratch/unterminated	last"$'\n'"$scratch/unterminated	no newline" \
	"$SLUICE" -H "$scratch/empty" "$scratch/unterminated"
expect_output "-H after -N: the name of the line, then its number" \
	"$scratch/unterminated	2	no newline" "$SLUICE" -N -H -m no "$scratch/empty" "$scratch/unterminated"
gzip -c "${files[2]}" >"$scratch/OpenSSH.log.gz"
agree "-H on a compressed FILE names it as given" \
	eval 'grep_h Invalid "${files[2]}" | sed "s|^${files[2]}\t|$scratch/OpenSSH.log.gz\t|"' ::: \
	-m Invalid -H "$scratch/OpenSSH.log.gz"
"$SLUICE" -j 1 -H -r 's/[0-9]+/#/g' "${files[@]}" >"$scratch/one-thread"
expect_bytes "-j 2 -H = -j 1 -H" "$scratch/one-thread" "$SLUICE" -j 2 -H -r 's/[0-9]+/#/g' "${files[@]}"

# --- -l ---

# The logs, with each FILE's name in the patterns' reach, a FILE given
# twice, and the two small files.
all=("${files[@]}" "${files[2]}" "$DATA/README.md" "$DATA/LICENSE")
patterns=(
	'error' 'ERROR|FATAL' 'Failed password' '^\d{4}-\d\d-\d\d' '(?i)warn'
	'blk_-?\d+' 'INFO' '\[client' 'sshd\[\d+\]' '^$' 'no such line here'
	'' 'Proxifier|proxy' 'z{3}'
)
for re in "${patterns[@]}"; do
	agree "-m '$re' -l = grep -l -P" grep -a -l -P -e "$re" "${all[@]}" ::: -m "$re" -l "${all[@]}"
	agree "-j 2 -m '$re' -l = grep -l -P" grep -a -l -P -e "$re" "${all[@]}" ::: -j 2 -m "$re" -l "${all[@]}"
	agree "--no-accelerator -m '$re' -l = grep -l -P" grep -a -l -P -e "$re" "${all[@]}" ::: \
		--no-accelerator -m "$re" -l "${all[@]}"
	agree "-m '$re' -u -l = grep -l -P (-u reads on)" grep -a -l -P -e "$re" "${all[@]}" ::: \
		-m "$re" -u -l "${all[@]}"
done
agree "-l alone: every FILE with a line" grep -a -l '' "${all[@]}" "$scratch/empty" ::: -l "${all[@]}" "$scratch/empty"
agree "-v e -l = grep -l -v e" grep -a -l -v -P 'e' "${all[@]}" ::: -v e -l "${all[@]}"
agree "-o -l = grep -l" grep -a -l -P 'user \w+' "${all[@]}" ::: -o 'user \w+' -l "${all[@]}"
agree "-l over standard input" eval 'grep -a -l -P sshd < "${files[2]}"' ::: -m sshd -l <"${files[2]}"
agree "-l with - among FILEs" eval 'grep -a -l -P sshd "${files[0]}" - "${files[1]}" < "${files[2]}"' ::: \
	-m sshd -l "${files[0]}" - "${files[1]}" <"${files[2]}"
agree "-l then -c: the number of FILEs" eval 'grep -a -l -P Failed "${all[@]}" | wc -l' ::: \
	-m Failed -l -c "${all[@]}"
agree "-z -l: names end with NUL (grep -lZ)" grep -a -lZ -P 'error' "${all[@]}" ::: -z -m error -l "${all[@]}"
expect_status "-l: 0 when a name was written" 0 "$SLUICE" -m sshd -l "${all[@]}"
expect_status "-l: 1 when none was" 1 "$SLUICE" -m 'no such line here' -l "${all[@]}"
expect_status "-l over empty input: 1" 1 "$SLUICE" -l "$scratch/empty"

# Compressed FILEs are named as given: grep -l on their plain text, with
# the name of the compressed copy.
gzip -c "${files[0]}" >"$scratch/Apache.log.gz"
if command -v zstd >/dev/null; then
	zstd -q -c "${files[4]}" >"$scratch/Zookeeper.log.zst"
else
	gzip -c "${files[4]}" >"$scratch/Zookeeper.log.zst"
fi
packed=("$scratch/Apache.log.gz" "${files[1]}" "$scratch/OpenSSH.log.gz" "$scratch/Zookeeper.log.zst")
plain=("${files[0]}" "${files[1]}" "${files[2]}" "${files[4]}")
# packed_names RE: the packed FILEs whose plain text grep -P RE finds.
packed_names() {
	local i
	for i in "${!plain[@]}"; do
		grep -a -q -P -e "$1" "${plain[$i]}" && printf '%s\n' "${packed[$i]}"
	done
	return 0
}
for re in 'error' 'sshd' 'INFO|WARN' '^\[' 'no such line here'; do
	packed_names "$re" >"$scratch/packed-want"
	want_status=0
	[ -s "$scratch/packed-want" ] || want_status=1
	expect_result "-m '$re' -l over compressed FILEs: named as given" "$scratch/packed-want" "$want_status" \
		"$SLUICE" -m "$re" -l "${packed[@]}"
	expect_result "-j 2 -m '$re' -l over compressed FILEs" "$scratch/packed-want" "$want_status" \
		"$SLUICE" -j 2 -m "$re" -l "${packed[@]}"
done

# -l stops reading: a FIFO that never ends (yes writes until the reader
# goes), then a FILE; both named, at once.
mkfifo "$scratch/endless"
yes 'an endless line' 2>/dev/null >"$scratch/endless" </dev/null &
writer=$!
start=$(now_ms)
expect_output "-l leaves an endless FILE at its first line" \
	"$scratch/endless"$'\n'"${files[2]}"$'\n' timeout 20 "$SLUICE" -m 'endless line|sshd' -l "$scratch/endless" "${files[2]}"
took=$(($(now_ms) - start))
check "-l on an endless FIFO ends at once ($took ms)" test "$took" -lt 10000
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
expect_output "-l leaves an endless pipe (<(yes)) too" "${files[2]}"$'\n' \
	eval 'timeout 20 "$SLUICE" -m "^y$|sshd" -l <(yes) "${files[2]}" | tail -n 1'

# A FILE damaged after its first part: without -l the damage is an error
# (exit 2); -l never reads that far.
{ printf 'the first line\n'; "$GENLOG" 2M; } | gzip -6 >"$scratch/whole.gz"
head -c $(($(stat -c %s "$scratch/whole.gz") - 5000)) "$scratch/whole.gz" >"$scratch/cut.gz"
expect_status "a truncated .gz read to its end: exit 2" 2 "$SLUICE" -m 'the first' "$scratch/cut.gz"
expect_result "-l leaves the truncated .gz before its damage" <(printf '%s\n' "$scratch/cut.gz" "${files[2]}") 0 \
	"$SLUICE" -m 'the first|sshd' -l "$scratch/cut.gz" "${files[2]}"
check "-l: nothing on stderr" test ! -s "$scratch/stderr"
# A stage between that cannot end a FILE (-u): read to the end, so the
# damage is found (exit 2), and the FILE is still named once.
expect_result "-u between: the FILE is read on, and named once" <(printf '%s\n' "$scratch/cut.gz" "${files[2]}") 2 \
	"$SLUICE" -m 'the first|sshd' -u -l "$scratch/cut.gz" "${files[2]}"

# The numbers of the lines after a FILE that -l left: its lines never read
# are not counted (-N after -l shows the number of the naming line).
printf 'a\nx\nb\nx\n' >"$scratch/first"
printf 'c\ny\n' >"$scratch/second"
expect_output "-l -N: the lines -l did not read are not counted" \
	"2	$scratch/first"$'\n'"4	$scratch/second"$'\n' \
	"$SLUICE" -m '[xy]' -l -N "$scratch/first" "$scratch/second"
expect_output "-u -l -N: -u reads every line, so every line counts" \
	"2	$scratch/first"$'\n'"6	$scratch/second"$'\n' \
	"$SLUICE" -m '[xy]' -u -l -N "$scratch/first" "$scratch/second"

# The names are not the lines: --color marks nothing in them.
printf 'an error\n' >"$scratch/error.log"
expect_output "--color=always -m error -l: the name is not marked" "$scratch/error.log"$'\n' \
	"$SLUICE" --color=always -m error -l "$scratch/error.log"

# --explain says whether -l can stop reading, and why the threads stay off.
"$SLUICE" --explain -r 's/a/b/' -l "${files[0]}" >"$scratch/explain"
check "--explain: -l stops reading" grep -q 'files-with-matches -l: .*no more of a FILE is read' "$scratch/explain"
check "--explain: -l keeps to one thread" grep -qF 'threads: one (a stage ends each FILE early (-l, --until)' "$scratch/explain"
"$SLUICE" --explain -u -l "${files[0]}" >"$scratch/explain"
check "--explain: -l after -u reads on" grep -q 'every FILE is read to its end (uniq' "$scratch/explain"

finish
