#!/usr/bin/env bash
# 240-help: --help in GNU style (grouped, every option of the table with
# its argument, an example only where the syntax is not obvious, at most
# 110 lines), --version as coreutils prints it, a usage error's
# "Try 'sluice --help'" line, and the messages that help: -m given a
# sed-style s/X/Y/ suggests -r; a size with an unknown suffix lists the
# valid ones.
. "$(dirname "$0")/lib.sh"

log=$(with_newline "$DATA/OpenSSH_2k.log")

"$SLUICE" --help >"$scratch/help" 2>"$scratch/err"
check "--help: nothing on stderr" test ! -s "$scratch/err"
expect_output "--help: the groups, in order" \
	"$(printf '%s\n' 'Stages (each adds one step to the chain, in the order given):' 'Context (of the -m or -v just before):' 'Answers:' 'Patterns and fields:' \
		'Records and input:' 'Time windows:' 'Threads:' 'Output:' 'Miscellaneous:' 'Examples:')"$'\n' \
	grep -E '^[A-Z][A-Za-z ]+( \(.*\))?:$' "$scratch/help"
check "--help: fits in 80 columns" test "$(awk 'length > 79' "$scratch/help" | wc -l)" = 0
check "--help: at most 110 lines ($(wc -l <"$scratch/help"))" test "$(wc -l <"$scratch/help")" -le 110
expect_output "--help: -j alone under Threads" $'  -j, --threads=N\n' \
	eval "sed -n '/^Threads:\$/,/^\$/p' \"\$scratch/help\" | grep -oE -- '^ +(-[A-Za-z], )?--[a-z0-9-]+(=[A-Z]+)?'"

# Every long option of the table in src/options.c is a row of --help.
sed -n '/^static const struct option_row rows\[\] = {/,/^};/p' "${SRCDIR:-$(dirname "$0")/../..}/src/options.c" |
	grep -oE '"[a-z][a-z0-9-]*", (NO_ARG|NEEDS_ARG|OPTIONAL_ARG)' | cut -d '"' -f 2 >"$scratch/table"
check "the table has its options ($(wc -l <"$scratch/table"))" test "$(wc -l <"$scratch/table")" -ge 38
while read -r long; do
	check "--help has a row for --$long" grep -qE -- "^ +(-[A-Za-z], )?--$long([=[ ]|\$)" "$scratch/help"
done <"$scratch/table"

# Examples: only where the syntax is not obvious, each the option of its
# row in use with more than the option itself.
awk '/^  -|^      --/ { option = $1 ~ /,$/ ? $1 " " $2 : $1; next }
	/^ +e\.g\. / { sub(/^ +e\.g\. /, ""); print option "\t" $0 }' "$scratch/help" >"$scratch/examples"
expect_output "--help: the options with an example" \
	$'-r, --replace=s/RE/REPL/[gix]\n-f, --fields=LIST\n-C, --context=N\n--count-by\n-d, --delimiter=STR\n-z, --null-data\n--follow[=start|end]\n--record-start=RE\n--since=TIME\n--in-place[=SUFFIX]\n--stats[=text|json]\n' \
	cut -f 1 "$scratch/examples"
# sluice_commands: the sluice commands of the command lines on stdin (an
# example that starts with an option is one), without their redirections.
sluice_commands() {
	sed -E 's/^-/sluice -/; s/ \| /\n/g' | sed -E 's/ *[0-9]?[<>].*$//' | grep '^sluice '
}
while IFS=$'\t' read -r option example; do
	short=$(sed -nE 's/^(-[A-Za-z]),.*/\1/p' <<<"$option")
	long=$(grep -oE -- '--[a-z0-9-]+' <<<"$option")
	words=$(sluice_commands <<<"$example")
	words=${words#sluice }
	check "e.g. $example: more than the option" eval '! grep -qxE -- "(${short:-$long}|$long)(=[^ ]*)?" <<<"$words"'
	check "e.g. $example: uses $option" grep -qE -- "(^| )(${short:-$long}|$long)([ =]|\$)" <<<"$words"
done <"$scratch/examples"
# Each example, and each of the closing block, is a command sluice accepts
# (checked with --explain, which reads nothing).
{ cut -f 2 "$scratch/examples"; sed -n '/^Examples:$/,/^$/s/^  //p' "$scratch/help"; } | sluice_commands >"$scratch/commands"
check "--help: ten sluice commands in the examples ($(wc -l <"$scratch/commands"))" test "$(wc -l <"$scratch/commands")" -ge 10
while IFS= read -r command; do
	if eval "set -- ${command#sluice }" 2>/dev/null && "$SLUICE" --explain "$@" >/dev/null 2>"$scratch/err"; then
		pass
	else
		fail "--help example does not build: $command ($(head -c 200 "$scratch/err"))"
	fi
done <"$scratch/commands"
for group in Miscellaneous Output; do
	check "--help: $group lists its options" grep -q "^$group:" "$scratch/help"
done
for option in '--stats[=text|json]' '--progress' '--explain' '--color[=auto|always|never]' \
	'--long-lines=fail|split|truncate|skip' '-m, --match=RE'; do
	check "--help shows $option" grep -qF -- "$option" "$scratch/help"
done
expect_output "-h = --help" "$(cat "$scratch/help")"$'\n' "$SLUICE" -h

# --version: coreutils' shape.
"$SLUICE" --version >"$scratch/version"
expect_output "--version: name and version first" \
	"sluice $(sed -n 's/^AC_INIT(\[sluice\], \[\([^]]*\)\].*/\1/p' "${SRCDIR:-$(dirname "$0")/../..}/configure.ac")"$'\n' head -n 1 "$scratch/version"
check "--version: PCRE2 and JIT" grep -qE '^PCRE2 [0-9]+\.[0-9]+ .*, JIT: (yes \(.*\)|no)$' "$scratch/version"
check "--version: the accelerator" grep -qE '^filter accelerator: ' "$scratch/version"
check "--version: copyright and licence" grep -q '^Copyright (c) 2026 the sluice authors\.$' "$scratch/version"
check "--version: no warranty" grep -q '^There is NO WARRANTY' "$scratch/version"

# Usage errors: the reason, then GNU's line; status 2; nothing on stdout.
for words in '--bogus' '-X' '-m' '--progress=yes'; do
	expect_status "$words: 2" 2 "$SLUICE" "$log" $words
	cp "$scratch/stderr" "$scratch/usage"
	expect_output "$words: two lines, the second GNU's" \
		$'2\nTry \'sluice --help\' for more information.\n' \
		eval 'wc -l <"$scratch/usage"; tail -n 1 "$scratch/usage"'
	check "$words: nothing written" test ! -s "$scratch/stdout"
done
expect_stderr "an unknown option is named" "sluice: unknown option --bogus" eval '"$SLUICE" --bogus 2>&1 >/dev/null | head -n 1 >&2'
expect_stderr "--progress=yes takes no argument" "sluice: option --progress takes no argument" \
	eval '"$SLUICE" --progress=yes 2>&1 >/dev/null | head -n 1 >&2'
expect_stderr "a bad value is not a usage error: one line" \
	"sluice: --stats 'xml': not a format (text or json)" "$SLUICE" --stats=xml "$log"

# A size with an unknown suffix names the valid ones.
for size in 64X 1KB 2T 10k2; do
	expect_status "--buffer-size=$size: 2" 2 "$SLUICE" --buffer-size=$size "$log"
	check "--buffer-size=$size: lists K, M, G" grep -q "^sluice: --buffer-size '$size': .*K, M.* G" "$scratch/stderr"
done
expect_stderr "unknown suffix: named" \
	"sluice: --max-line '8X': unknown size suffix 'X' (valid: K, M, G, or none for bytes)" "$SLUICE" --max-line=8X "$log"

# -m 's/a/b/': a hint on stderr, once, and the run goes on as asked.
printf 'has s/a/b/ in it\nplain a\n' >"$scratch/sed"
for words in "-m s/a/b/" "-m s|a|b|g" "-v s,x,y,gi" "-o s/a/b/"; do
	set -- $words
	expect_stderr "$words: the hint" "sluice: $1 '$2': looks like a substitution; did you mean -r?" "$SLUICE" "$@" "$scratch/sed"
done
agree "-m 's/a/b/' still matches the text" grep -F 's/a/b/' "$scratch/sed" ::: -m 's/a/b/' "$scratch/sed"
for words in "-m s/a/b" "-m s/a/b/q" "-F -m s/a/b/" "-r s/a/b/" "-m sa/b/c/" "-m x/a/b/"; do
	set -- $words
	"$SLUICE" "$@" "$scratch/sed" >/dev/null 2>"$scratch/err"
	check "$words: no hint" test ! -s "$scratch/err"
done

finish
