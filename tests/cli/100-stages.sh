#!/usr/bin/env bash
# 100-stages.sh: the transforming stages (-o -f -U -L -N -u -k -t, -z
# with a filter, and a long chain), run by the built binary on every file
# in data/ and compared byte for byte with the standard tool that agrees
# (grep, awk, cut, tr, uniq, tail, sed).
#
# Those tools add a newline to an unterminated last line and keep \r as
# content; so each data file is compared in two fair forms: an LF copy
# (\r taken off, final newline added) and a CRLF copy (as it is, final
# newline added). Where the tool writes an unterminated last line as it
# came (tr, tail), the raw file itself is compared too.
. "$(dirname "$0")/lib.sh"
if [ -z "${scratch:-}" ] || [ ! -d "$scratch" ]; then
	echo "lib.sh was not loaded" >&2
	exit 99
fi

lf=$scratch/lf
crlf=$scratch/crlf
mkdir "$lf" "$crlf"
files=()
for f in "$DATA"/*; do
	[ -f "$f" ] || continue
	files+=("$f")
	b=${f##*/}
	# $(tail -c 1) is empty when the file ends with a newline (or is empty).
	if [ -n "$(tail -c 1 "$f")" ]; then end=$'\n'; else end=; fi
	{ cat "$f"; printf '%s' "$end"; } >"$crlf/$b"
	tr -d '\r' <"$crlf/$b" >"$lf/$b"
done
check "data/ holds the sample logs" [ "${#files[@]}" -ge 6 ]
# Every file, in one stream per form: the stateless stages see every line
# of every file, and the stateful ones (-N -u) the same stream as the tool.
cat "$lf"/* >"$scratch/all.lf"
cat "$crlf"/* >"$scratch/all.crlf"
tr '\n' '\0' <"$scratch/all.lf" >"$scratch/all.nul"

# same NAME CMD_A ::: CMD_B: both write the same bytes; the status of A
# (sluice) is 0 when it wrote something, 1 when not.
same() {
	local name=$1 a=() st=0 want_st=0
	shift
	while [ "$1" != ::: ]; do a+=("$1"); shift; done
	shift
	"$@" >"$scratch/want" 2>/dev/null
	[ -s "$scratch/want" ] || want_st=1
	"${a[@]}" >"$scratch/got" 2>"$scratch/err" || st=$?
	if ! cmp -s "$scratch/got" "$scratch/want"; then
		fail "$name: output differs: $(cmp "$scratch/got" "$scratch/want" 2>&1 | head -1)"
	elif [ "$st" != "$want_st" ]; then
		fail "$name: status $st, expected $want_st ($(head -c 200 "$scratch/err"))"
	else
		pass
	fi
}

# The tools' equivalents that need a program of their own.
awk_1_3='{ if (NF >= 3) print $1, $3; else print $1 }'
awk_1_5='{ o = ""; for (i = 1; i <= NF && i <= 5; i++) o = o (i > 1 ? " " : "") $i; print o }'
grep_n_tab() { grep -nE "$@" | sed 's/^\([0-9]*\):/\1\t/'; }
strip_sed='s/^[[:space:]]+//; s/[[:space:]]+$//'

g=$scratch/all.lf
t="all of data/"
# -o RE = grep -oE RE (ERE and PCRE agree on these).
same "-o digits $t" "$SLUICE" -o '[0-9]+' "$g" ::: grep -oE '[0-9]+' "$g"
same "-o words $t" "$SLUICE" -o '[A-Za-z_]+[0-9]*' "$g" ::: grep -oE '[A-Za-z_]+[0-9]*' "$g"
same "-o empty-capable $t" "$SLUICE" -o '[0-9]*' "$g" ::: grep -oE '[0-9]*' "$g"
same "-o anchored $t" "$SLUICE" -o '^[^ ]+' "$g" ::: grep -oE '^[^ ]+' "$g"
same "-o ip $t" "$SLUICE" -o '[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+' "$g" ::: \
	grep -oE '[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+' "$g"
same "-i -o $t" "$SLUICE" -i -o 'info|error|warn' "$g" ::: grep -ioE 'info|error|warn' "$g"
same "-F -o $t" "$SLUICE" -F -o '.' "$g" ::: grep -oF '.' "$g"
# -f = awk's fields.
same "-f 3 $t" "$SLUICE" -f 3 "$g" ::: awk '{print $3}' "$g"
same "-f 1,3 $t" "$SLUICE" -f 1,3 "$g" ::: awk "$awk_1_3" "$g"
same "-f 1-5 $t" "$SLUICE" -f 1-5 "$g" ::: awk "$awk_1_5" "$g"
# -f 1,3 = awk's print $1, $3 where every line has 3 fields.
awk 'NF >= 3' "$g" >"$scratch/nf3"
same "-f 1,3 (NF>=3) $t" "$SLUICE" -f 1,3 "$scratch/nf3" ::: awk '{print $1, $3}' "$scratch/nf3"
# -d STR -f = cut on the lines that hold the delimiter.
grep ':' "$g" >"$scratch/colon"
same "-d : -f 2 $t" "$SLUICE" -d : -f 2 "$scratch/colon" ::: cut -d: -f2 "$scratch/colon"
same "-d : -f 1,3 $t" "$SLUICE" -d : -f 1,3 "$scratch/colon" ::: cut -d: -f1,3 "$scratch/colon"
grep ' ' "$g" >"$scratch/spaced"
same "-d ' ' -f 2 $t" "$SLUICE" -d ' ' -f 2 "$scratch/spaced" ::: cut '-d ' -f2 "$scratch/spaced"
# -m RE -N = grep -nE RE (":" made a tab).
same "-v -N $t" "$SLUICE" -v 'e' -N "$g" ::: grep_n_tab -v 'e' "$g"
# -u = uniq.
same "-u $t" "$SLUICE" -u "$g" ::: uniq "$g"
same "-f 4 -u $t" "$SLUICE" -f 4 -u "$g" ::: sh -c 'awk "{print \$4}" "$1" | uniq' sh "$g"

# With the \r kept as content (CRLF lines, a final newline added), where
# it can make a difference.
g=$scratch/all.crlf
t="all of data/, CRLF"
same "-o at the end $t" "$SLUICE" -o '[^ ]+$' "$g" ::: grep -oE '[^ ]+$' "$g"
same "-f -1 $t" "$SLUICE" -f -1 "$g" ::: awk '{print $NF}' "$g"
same "-f 1,3 $t" "$SLUICE" -f 1,3 "$g" ::: awk "$awk_1_3" "$g"
grep ':' "$g" >"$scratch/colon"
same "-d : -f 2- $t" "$SLUICE" -d : -f 2- "$scratch/colon" ::: cut -d: -f2- "$scratch/colon"
same "-m -N $t" "$SLUICE" -m '[0-9]{4}' -N "$g" ::: grep_n_tab '[0-9]{4}' "$g"
same "-u $t" "$SLUICE" -u "$g" ::: uniq "$g"

# -z with a filter = grep -z.
g=$scratch/all.nul
same "-z -m" "$SLUICE" -z -m '[0-9]{3}' "$g" ::: grep -zE '[0-9]{3}' "$g"
same "-z -v" "$SLUICE" -z -v 'a' "$g" ::: grep -zvE 'a' "$g"
same "-z -i -m -N" "$SLUICE" -z -i -m 'error' -N "$g" ::: \
	sh -c 'tr "\0" "\n" <"$1" | grep -inE error | sed "s/^\([0-9]*\):/\1\t/" | tr "\n" "\0"' sh "$g"

# Every file as it is (CRLF, unterminated last line), on standard input:
# tr and tail keep an unterminated last line as it came, and so does
# sluice. One check per stage, over every file.
# same_each NAME SLUICE_ARGS... ::: TOOL...: for every file, the same bytes
# and a status that says whether a line was written.
same_each() {
	local name=$1 a=() f i=0 st want_st bad=
	shift
	while [ "$1" != ::: ]; do a+=("$1"); shift; done
	shift
	rm -rf "$scratch/each"
	mkdir "$scratch/each"
	for f in "${files[@]}"; do
		i=$((i + 1))
		"$@" <"$f" >"$scratch/each/want.$i" 2>/dev/null
		want_st=0
		[ -s "$scratch/each/want.$i" ] || want_st=1
		st=0
		"$SLUICE" "${a[@]}" <"$f" >"$scratch/each/got.$i" 2>"$scratch/err" || st=$?
		[ "$st" = "$want_st" ] || bad="$bad ${f##*/}: status $st, expected $want_st;"
		cmp -s "$scratch/each/got.$i" "$scratch/each/want.$i" ||
			bad="$bad ${f##*/}: output differs;"
	done
	if [ -z "$bad" ]; then pass; else fail "$name:$bad"; fi
}
same_each "-U on every file" -U ::: tr a-z A-Z
same_each "-L on every file" -L ::: tr A-Z a-z
same_each "-t 5 on every file" -t 5 ::: tail -n 5
same_each "-k 10 on every file" -k 10 ::: tail -n +11
same_each "-o on every file" -o '[A-Za-z]+.$' ::: grep -oE '[A-Za-z]+.$'
f=${files[0]}
same "-t 1 $f" "$SLUICE" -t 1 "$f" ::: tail -n 1 "$f"
same "-t 5000 $f" "$SLUICE" -t 5000 "$f" ::: cat "$f"
same "-k 0 $f" "$SLUICE" -k 0 "$f" ::: cat "$f"
same "-k 10 -t 5 $f" "$SLUICE" -k 10 -t 5 "$f" ::: tail -n 5 "$f"
same "-k 1995 -t 3 $f" "$SLUICE" -k 1995 -t 3 "$f" ::: tail -n 3 "$f"
same "-k 5000 $f" "$SLUICE" -k 5000 "$f" ::: true
same "-t 0 $f" "$SLUICE" -t 0 "$f" ::: true

# A long chain = a pipeline of sed, grep, awk, tr, uniq, tail, wc.
g=$scratch/all.lf
chain=(-s -m a -v 'ERROR|error' -N -r 's/[0-9]+/#/g' -U -f 1-5 -u -k 2
	-t 100 -L -o '[a-z#]+' -u)
pipeline='sed -E "$1" "$2" | grep -n a | grep -vE "ERROR|error" |
	sed "s/^\([0-9]*\):/\1\t/" | sed -E "s/[0-9]+/#/g" | tr a-z A-Z |
	awk "$3" | uniq | tail -n +3 | tail -n 100 | tr A-Z a-z |
	grep -oE "[a-z#]+" | uniq'
same "long chain" "$SLUICE" "${chain[@]}" "$g" ::: sh -c "$pipeline" sh "$strip_sed" "$g" "$awk_1_5"
same "long chain, counted" "$SLUICE" "${chain[@]}" -c "$g" ::: \
	sh -c "$pipeline | wc -l" sh "$strip_sed" "$g" "$awk_1_5"
same "long chain over the FILEs as they are" "$SLUICE" "${chain[@]}" "${files[@]}" ::: \
	sh -c "$pipeline" sh "$strip_sed" "$g" "$awk_1_5"
same "tiny buffer, another chain" "$SLUICE" --buffer-size=7 -o '[a-z]+[0-9]+' -U -N -u -k 5 "$g" ::: \
	sh -c 'grep -noE "[a-z]+[0-9]+" "$1" | tr a-z A-Z | sed "s/^\([0-9]*\):/\1\t/" | uniq | tail -n +6' sh "$g"

# cut prints a line without the delimiter whole; sluice makes it one field.
printf 'a:b:c\nnocolon\n:x\n' >"$scratch/mixed"
expect_output "-d : -f 2, a line without ':' is one field" $'b\n\nx\n' \
	"$SLUICE" -d : -f 2 "$scratch/mixed"
# ... where cut prints it whole: the two differ on that line alone.
"$SLUICE" -d : -f 2 "$scratch/mixed" >"$scratch/got"
cut -d: -f2 "$scratch/mixed" >"$scratch/want"
expect_output "sluice and cut differ only on the line without ':'" $'2c2\n< \n---\n> nocolon\n' \
	diff "$scratch/got" "$scratch/want"
expect_output "-d : -f 1, the line is its own first field" $'a\nnocolon\n\n' \
	"$SLUICE" -d : -f 1 "$scratch/mixed"
expect_output "-d : -f 2 on cut -s's lines" "$(cut -s -d: -f2 "$scratch/mixed")"$'\n' \
	"$SLUICE" -m : -d : -f 2 "$scratch/mixed"

# The spec's own examples.
expect_output "-f 1,4 on 'a b' gives a" $'a\n' sh -c 'printf "a b\n" | "$1" -f 1,4' sh "$SLUICE"
expect_output "-f 1,4 on 'a b' unterminated" 'a' sh -c 'printf "a b" | "$1" -f 1,4' sh "$SLUICE"
expect_output "-f 5 on 'a b' is an empty line" $'\n' sh -c 'printf "a b\n" | "$1" -f 5' sh "$SLUICE"
expect_status "-f 5 on 'a b' writes a line: status 0" 0 sh -c 'printf "a b\n" | "$1" -f 5' sh "$SLUICE"
expect_output "-o 'y*' on xyz gives y" $'y\n' sh -c 'printf "xyz\n" | "$1" -o "y*"' sh "$SLUICE"
expect_output "-o 'y*' on unterminated xyz gives y and a newline" $'y\n' \
	sh -c 'printf xyz | "$1" -o "y*"' sh "$SLUICE"
expect_status "-o 'x*' on abc: nothing, status 1" 1 sh -c 'printf "abc\n" | "$1" -o "x*"' sh "$SLUICE"
expect_output "-o 'x*' on abc writes nothing" '' sh -c 'printf "abc\n" | "$1" -o "x*"' sh "$SLUICE"
expect_output "-f 3,1 reorders" $'c a\n' sh -c 'printf "a b c\n" | "$1" -f 3,1' sh "$SLUICE"
expect_output "-f with --output-delimiter" $'c,a\n' \
	sh -c 'printf "a b c\n" | "$1" --output-delimiter=, -f 3,1' sh "$SLUICE"
expect_output "-d with a multi-byte delimiter" $'b:c\n' \
	sh -c 'printf "a::b:c::d\n" | "$1" --delimiter=:: -f 2' sh "$SLUICE"
expect_output "-U is ASCII only" $'\xc3\xa9T\xc3\xa9 \xc3\x89T\xc3\x89 1-Z\n' \
	sh -c 'printf "\303\251t\303\251 \303\211T\303\211 1-z\n" | "$1" -U' sh "$SLUICE"
expect_output "-L is ASCII only" $'\xc3\xa9t\xc3\xa9 \xc3\x89t\xc3\x89 1-z\n' \
	sh -c 'printf "\303\251t\303\251 \303\211T\303\211 1-Z\n" | "$1" -L' sh "$SLUICE"
expect_output "-N after -k and -t keeps input numbers" $'4\td\n5\te' \
	sh -c 'printf "a\nb\nc\nd\ne" | "$1" -k 1 -t 2 -N' sh "$SLUICE"
expect_output "-u after -L" $'a\nb\n' sh -c 'printf "a\nA\nb\nB\n" | "$1" -L -u' sh "$SLUICE"

finish
