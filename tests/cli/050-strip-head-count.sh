#!/usr/bin/env bash
# 050-strip-head-count: -s/--lstrip/--rstrip against Python's bytes.strip(),
# lstrip(), rstrip() on the CRLF data files, -n N against head -n N, -n 0,
# -c against wc -l (an unterminated last line counts), stage order, and
# long chains on data/ against tests/reference.py.
. "$(dirname "$0")/lib.sh"

files=()
for f in "$DATA"/*; do [ -f "$f" ] && files+=("$f"); done

# py_strip METHOD FILE...: each record through bytes.METHOD(), keeping each
# record's terminator as it was (one stream: a newline between files).
py_strip() {
	py -c '
import sys
method, paths = sys.argv[1], sys.argv[2:]
out = sys.stdout.buffer
for i, path in enumerate(paths):
    data = open(path, "rb").read()
    recs = data.split(b"\n")
    last_open = recs[-1] != b""
    if not last_open:
        recs.pop()
    for j, r in enumerate(recs):
        out.write(getattr(r, method)())
        if j < len(recs) - 1 or not last_open or i < len(paths) - 1:
            out.write(b"\n")' "$@"
}

# Whitespace of every kind around and inside, plus bytes that are not ASCII
# whitespace (\x1c, \xa0, \x85) and must stay.
printf ' \t\v\f\r lead\n trail \t\r\n  both  \r\n\x1cfs\x1c\n\xa0nbsp\xa0\n\x85nel\x85\n \t \r\n\nin  side\n\r' >"$scratch/ws"
for m in strip lstrip rstrip; do
	opt=--$m
	[ $m = strip ] && opt=-s
	agree "$opt = bytes.$m() on all data files" py_strip $m "${files[@]}" ::: $opt "${files[@]}"
	agree "$opt = bytes.$m() on every kind of white space" py_strip $m "$scratch/ws" ::: $opt "$scratch/ws"
done
agree "--strip = -s" py_strip strip "$scratch/ws" ::: --strip "$scratch/ws"
expect_output "-s removes the \\r of CRLF lines" $'a\nb\n' eval 'printf "a\r\nb\r\n" | "$SLUICE" -s'
expect_output "--rstrip removes the \\r, keeps leading blanks" $'  a\n' eval 'printf "  a \r\n" | "$SLUICE" --rstrip'
expect_output "--lstrip keeps the \\r" $'a \r\n' eval 'printf "  a \r\n" | "$SLUICE" --lstrip'
expect_output "-s on an unterminated last line keeps it unterminated" $'a\nb' eval 'printf " a \n b " | "$SLUICE" -s'
expect_output "-s turns a blank line into an empty one (still written)" $'\n\n' eval 'printf "  \n\t\r\n" | "$SLUICE" -s'
expect_status "-s on blank lines: still 0 (lines were written)" 0 eval 'printf "  \n" | "$SLUICE" -s'

# -n N against head -n N (the data files as they are, unterminated).
for f in "$DATA/Linux_2k.log" "$DATA/HDFS_2k.log"; do
	b=$(basename "$f")
	for n in 1 1999 2000 5000; do
		agree "-n $n = head -n $n on $b" head -n $n "$f" ::: -n $n "$f"
	done
done
agree "--head=5 = head -n 5" head -n 5 "$DATA/Apache_2k.log" ::: --head=5 "$DATA/Apache_2k.log"
agree "-n across FILEs = head of cat" eval 'cat "$DATA/LICENSE" "$DATA/README.md" | head -n 14' ::: -n 14 "$DATA/LICENSE" "$DATA/README.md"
expect_output "-n 0 prints nothing" "" "$SLUICE" -n 0 "$DATA/Linux_2k.log"
expect_status "-n 0: status 1" 1 "$SLUICE" -n 0 "$DATA/Linux_2k.log"
expect_output "-n 2 -n 1: the smaller wins" $'a\n' eval 'printf "a\nb\nc\n" | "$SLUICE" -n 2 -n 1'
expect_output "-m then -n: head of the matches" $'b1\nb2\n' eval 'printf "a\nb1\nc\nb2\nb3\n" | "$SLUICE" -m b -n 2'
expect_output "-n then -m: matches within the head" $'b1\n' eval 'printf "a\nb1\nc\nb2\nb3\n" | "$SLUICE" -n 3 -m b'

# -c against wc -l: an unterminated last line counts too.
for f in "${files[@]}"; do
	n=$(wc -l <"$(with_newline "$f")")
	expect_output "-c = lines of $(basename "$f")" "$n"$'\n' "$SLUICE" -c "$f"
done
expect_output "-c counts an unterminated last line" $'3\n' eval 'printf "a\nb\nc" | "$SLUICE" -c'
expect_output "-c on empty input is 0" $'0\n' "$SLUICE" -c </dev/null
expect_output "--count = -c" $'3\n' eval 'printf "a\n\nc\n" | "$SLUICE" --count'
expect_output "-c counts all FILEs as one stream" "$(($(wc -l <"$(with_newline "$DATA/LICENSE")") * 2))"$'\n' \
	"$SLUICE" -c "$DATA/LICENSE" "$DATA/LICENSE"
expect_output "-m x -c = grep -c" "$(grep -c sshd "$DATA/Linux_2k.log")"$'\n' "$SLUICE" -m sshd -c "$DATA/Linux_2k.log"
expect_output "-m nomatch -c is 0" $'0\n' "$SLUICE" -m nomatchxyz -c "$DATA/Linux_2k.log"
expect_output "-c -c counts the one count line" $'1\n' "$SLUICE" -c -c "$DATA/Linux_2k.log"
expect_output "-c then -m: the count line is filtered" $'2000\n' "$SLUICE" -c -m '^2' "$DATA/HDFS_2k.log"
expect_status "-c then -m dropping it: 1" 1 "$SLUICE" -c -m '^x' "$DATA/HDFS_2k.log"
expect_output "-n then -c" $'7\n' "$SLUICE" -n 7 -c "$DATA/HDFS_2k.log"

# Order matters: each stage sees what the one before wrote.
printf '  Error one\nError two\n   Else\nok\n' >"$scratch/indented"
expect_output "-s -m '^E': strip first, then match" $'Error one\nError two\nElse\n' \
	"$SLUICE" -s -m '^E' "$scratch/indented"
expect_output "-m '^E' -s: match first (indented lines fail), then strip" $'Error two\n' \
	"$SLUICE" -m '^E' -s "$scratch/indented"
expect_output "-r then -m sees the replaced text" $'X one\n' \
	eval 'printf "a one\nb two\n" | "$SLUICE" -r "s/a/X/" -m X'
expect_output "-m then -r: the filter sees the original" "" \
	eval 'printf "a one\nb two\n" | "$SLUICE" -m X -r "s/a/X/"'

# Long chains on data/ against the reference model (all files, one stream).
chain() { agree "chain $*" reference "$@" "${files[@]}" ::: "$@" "${files[@]}"; }
chain -s -i -m 'error|fail' -r 's/[0-9]+/#/g'
chain -s -i -m 'error|fail' -r 's/[0-9]+/#/g' -n 10
chain --rstrip -v '^$' -r 's/\s+/ /g' --lstrip -m '^[A-Z]' -c
chain --lstrip -m '^[0-9]' -r 's/^([0-9]+)[ -]([0-9:]+)/$2 $1/' -v 'INFO' -n 300 --rstrip
chain -n 5000 -s -r 's/(\w+)$/[$1]/' -m '\]$' -n 1000 -c
chain -i -F -m '[error]' -s -r 's/\[error\]/E:/'
chain -m 'session' -m 'root' -v 'closed' -r 's/.*session/S/' -s
chain -s -n 0
finish
