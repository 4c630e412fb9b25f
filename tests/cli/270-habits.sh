#!/usr/bin/env bash
# 270-habits: what users bring from grep and sed. -w and -x
# against grep -P -w / -x on every data log, with and without the
# accelerator and on threads; -q ends at the first record, on an endless
# input too; --stats-file; counting stages exit as grep -c; the hints on
# the one error line; --in-place with a detached suffix touches nothing;
# the warning for a stage after -c.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}"
files=()
for f in "$DATA"/*.log; do files+=("$(with_newline "$f")"); done
# Long enough for the accelerator to start (after 2048 lines) and for the
# default threads (over 4 MiB).
big=$scratch/big.log
{ cat "${files[@]}"; "$GENLOG" 5M; } >"$big"

# -w and -x: (patterns => what grep -P takes the same way).
patterns=('root' 'invalid' 'Failed|root' 'port [0-9]+' '[0-9]+' 'sshd'
	'-x' 'user' 'ERROR|WARN' 'blk_-?[0-9]+' 'e' '[A-Z][a-z]+' '\d{2}:\d{2}')
for p in "${patterns[@]}"; do
	for mode in -w -x; do
		q=$p
		[ "$mode" = -x ] && q=".*$p.*"
		agree "$mode -m '$q' = grep -P $mode" grep -hP $mode -- "$q" "${files[@]}" ::: $mode -m "$q" "${files[@]}"
		grep -P $mode -- "$q" "$big" >"$scratch/want-big" || true
		for variant in "" "--no-accelerator" "-j 2" "-i"; do
			[ "$variant" = -i ] && { grep -iP $mode -- "$q" "$big" >"$scratch/want-big" || true; }
			# shellcheck disable=SC2086
			"$SLUICE" $variant $mode -m "$q" "$big" >"$scratch/got-big" 2>&1 || true
			same_bytes "$mode -m '$q' ${variant:-(accelerated)} on $(wc -l <"$big") lines = grep" \
				"$scratch/got-big" "$scratch/want-big"
		done
	done
	agree "-w -v '$p' = grep -P -w -v" grep -hvP -w -- "$p" "${files[@]}" ::: -w -v "$p" "${files[@]}"
	agree "-w -o '$p' = grep -P -w -o" grep -hoP -w -- "$p" "${files[@]}" ::: -w -o "$p" "${files[@]}"
done
agree "-F -w '[preauth]' = grep -F -w" grep -hFw -- '[preauth]' "${files[@]}" ::: -F -w -m '[preauth]' "${files[@]}"
agree "-F -x on a literal with \\E = grep -F -x" grep -hFx -- 'a\Eb' <(printf 'a\\Eb\nxa\\Eb\n') ::: -F -x -m 'a\Eb' <(printf 'a\\Eb\nxa\\Eb\n')
agree "-x wins over -w = grep -P -x -w" grep -hP -x -w -- 'Dec.*' "${files[@]}" ::: -x -w -m 'Dec.*' "${files[@]}"
if "$SLUICE" --version | grep -q '^filter accelerator: Hyperscan'; then
	check "--explain: the accelerator runs under -w" grep -q 'accelerator: Hyperscan' <("$SLUICE" --explain -w -m root)
	check "--explain: the accelerator runs under -x" grep -q 'accelerator: Hyperscan' <("$SLUICE" --explain -x -m 'root.*')
fi

# -q: nothing written, the status says whether a record came, and the
# run ends at the first one.
expect_status "-q with a match: 0" 0 "$SLUICE" -q -m sshd "${files[@]}"
check "-q writes nothing" test ! -s "$scratch/stdout"
expect_status "-q with no match: 1" 1 "$SLUICE" -q -m nomatchxyz "${files[@]}"
start=$(now_ms)
expect_status "-q on an endless input: 0" 0 eval 'yes | timeout 10 "$SLUICE" -q -m y'
check "-q on an endless input ends at once" test $(($(now_ms) - start)) -lt 5000
expect_status "-q --stats on an endless input still ends: 0" 0 eval 'yes | timeout 10 "$SLUICE" -q --stats -m y'
expect_status "-q -c counts the whole input, writes nothing: 0" 0 "$SLUICE" -q -c "$big"
check "-q -c writes nothing" test ! -s "$scratch/stdout"
expect_status "-q with -O: refused" 2 "$SLUICE" -q -O "$scratch/out" -m x "$big"
one_error_line "-q with -O: one error line"

# Counting stages exit as grep -c: 1 when no record reached them.
agree "-m nomatchxyz -c = grep -c (status 1)" grep -c nomatchxyz "$big" ::: -m nomatchxyz -c "$big"
agree "-m ERROR -c = grep -c" grep -c ERROR "$big" ::: -m ERROR -c "$big"
agree "-j 2 -r s/a/b/ -m nomatchxyz -c = grep -c" grep -c nomatchxyz "$big" ::: -j 2 -r s/a/b/ -m nomatchxyz -c "$big"

# A stage after a counting one sees only its line: warned, naming both.
expect_stderr "-c -m: the warning" \
	"sluice: -m 'Failed' comes after -c, so it sees only the one line -c writes" \
	"$SLUICE" -c -m Failed "${files[@]}"
expect_stderr "-c -u: the warning" \
	"sluice: -u comes after -c, so it sees only the one line -c writes" \
	"$SLUICE" -c -u "${files[@]}"
"$SLUICE" -m Failed -c "${files[@]}" >"$scratch/out" 2>"$scratch/err"
check "-m -c: no warning" test ! -s "$scratch/err"

# --stats-file: the report goes to FILE, replaced whole; stderr stays
# clean for the run's own messages.
"$SLUICE" --stats=json --stats-file="$scratch/stats.json" -m 's/a/b/' "${files[@]}" \
	>"$scratch/out" 2>"$scratch/err" || true
check "--stats-file: valid JSON in FILE" jq -e '.stages | length > 0' "$scratch/stats.json"
check "--stats-file: stderr holds the warning alone" \
	test "$(cat "$scratch/err")" = "sluice: -m 's/a/b/': looks like a substitution; did you mean -r?"
"$SLUICE" --stats-file="$scratch/stats.txt" -m sshd "${files[@]}" >"$scratch/out"
check "--stats-file alone: the text report" grep -q '^sluice: stats' "$scratch/stats.txt"
expect_status "--stats-file into a missing folder: 2" 2 "$SLUICE" --stats-file="$scratch/no/such/dir/s" -m sshd "${files[@]}"

# The hints, each on the one error line.
expect_stderr "--matc: the nearest long option" \
	"sluice: unknown option --matc; did you mean --match?"$'\n'"Try 'sluice --help' for more information." \
	"$SLUICE" --matc=ERROR "$big"
expect_stderr "--colour: the nearest long option" \
	"sluice: unknown option --colour; did you mean --color?"$'\n'"Try 'sluice --help' for more information." \
	"$SLUICE" --colour "$big"
for letter in E P G; do
	expect_stderr "-$letter: patterns are always PCRE2" \
		"sluice: unknown option -$letter: sluice's patterns are always PCRE2 (Perl-compatible); leave -$letter out"$'\n'"Try 'sluice --help' for more information." \
		"$SLUICE" -$letter -m 'a|b' "$big"
done
expect_stderr "-i.bak: -i is --ignore-case" \
	"sluice: unknown option -.: -i is --ignore-case; to rewrite FILEs keeping a backup, write --in-place=.bak"$'\n'"Try 'sluice --help' for more information." \
	"$SLUICE" -i.bak -v DEBUG "$big"

# --in-place with its suffix as a word of its own: refused before any
# FILE is rewritten.
cp "${files[0]}" "$scratch/app.log"
cp "$scratch/app.log" "$scratch/app.orig"
expect_status "--in-place .bak app.log: 2" 2 "$SLUICE" -v DEBUG --in-place .bak "$scratch/app.log"
check "--in-place .bak app.log: the hint" grep -qx "sluice: --in-place: .bak is no FILE; did you mean --in-place=.bak?" "$scratch/stderr"
same_bytes "--in-place .bak app.log: app.log untouched" "$scratch/app.log" "$scratch/app.orig"
check "--in-place .bak app.log: no backup made" test ! -e "$scratch/app.log.bak"
expect_status "--in-place=.bak app.log: 0" 0 "$SLUICE" -v DEBUG --in-place=.bak "$scratch/app.log"
same_bytes "--in-place=.bak: the backup" "$scratch/app.log.bak" "$scratch/app.orig"

finish
