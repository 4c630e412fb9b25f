#!/usr/bin/env bash
# 250-man: the man page lints clean with mandoc and groff, has every
# section a reader looks for, names every option --help lists, has at
# least twelve examples, and every sluice command in its EXAMPLES is one
# sluice accepts (checked with --explain, which opens no file).
. "$(dirname "$0")/lib.sh"

page=${SRCDIR:-$(dirname "$0")/../..}/man/sluice.1

if command -v mandoc >/dev/null; then
	mandoc -T lint -W warning "$page" >"$scratch/lint" 2>&1
	check "mandoc -T lint -W warning: nothing ($(head -c 300 "$scratch/lint"))" test ! -s "$scratch/lint"
else
	echo "250-man: mandoc is missing: its lint is skipped (Debian: mandoc)"
fi
if command -v groff >/dev/null; then
	groff -ww -z -mandoc "$page" >"$scratch/groff" 2>&1
	check "groff -ww -z -mandoc: nothing on stderr ($(head -c 300 "$scratch/groff"))" test ! -s "$scratch/groff"
else
	echo "250-man: groff is missing: its check is skipped (Debian: groff-base)"
fi

for section in NAME SYNOPSIS DESCRIPTION STAGES OPTIONS RECORDS ENVIRONMENT 'EXIT STATUS' EXAMPLES DIAGNOSTICS 'SEE ALSO'; do
	check "section $section" grep -qx ".Sh $section" "$page"
done

# Every option of --help is in the page (mdoc writes --name as Fl \-name).
"$SLUICE" --help | grep -oE -- '^ +(-[A-Za-z], )?--[a-z0-9-]+' | sed -E 's/.*--//' >"$scratch/options"
while read -r option; do
	check "the man page describes --$option" grep -qE "Fl \\\\-${option//-/\\\\-}( |$)" "$page"
done <"$scratch/options"
for name in NO_COLOR GREP_COLORS; do
	check "ENVIRONMENT names $name" grep -qx ".It Ev $name" "$page"
done

# The examples: each literal block of EXAMPLES, its sluice commands.
sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$page" |
	awk '/^\.Bd -literal/ { inside = 1; next } /^\.Ed/ { inside = 0; blocks++; print "" ; next }
		inside { print } END { print blocks > "/dev/stderr" }' 2>"$scratch/blocks" |
	sed 's/\\e/\\/g' >"$scratch/examples"
check "at least twelve examples ($(cat "$scratch/blocks"))" test "$(cat "$scratch/blocks")" -ge 12
# Join continued lines, split pipelines, keep the sluice commands, without
# their redirections (a < or > after a blank: the < of (?<name> is not one).
sed -e ':a' -e '/\\$/N; s/\\\n//; ta' -e ':b' -e '/|$/N; s/|\n/|/; tb' "$scratch/examples" |
	sed 's/^\$ //; s/ | /\n/g' | sed -E 's/^ +//; s/ +[0-9]?[<>].*$//' | grep '^sluice ' >"$scratch/commands"
check "the examples run sluice at least twelve times" test "$(wc -l <"$scratch/commands")" -ge 12
while IFS= read -r command; do
	if ! eval "words=(${command#sluice })" 2>"$scratch/err"; then
		fail "man page example is not shell: $command"
	elif "$SLUICE" --explain "${words[@]}" >/dev/null 2>"$scratch/err"; then
		pass
	else
		fail "man page example does not build: $command: $(head -c 200 "$scratch/err")"
	fi
done <"$scratch/commands"

finish
