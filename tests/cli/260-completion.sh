#!/usr/bin/env bash
# 260-completion: the bash completion, loaded in bash and queried as
# readline would (COMP_WORDS, COMP_CWORD), offers exactly the options of
# --help and the values of every option whose argument is a list; the zsh
# completion turns the same --help into _arguments specs; make install
# DESTDIR=... installs the binary, the man page and both completions.
. "$(dirname "$0")/lib.sh"

: "${SRCDIR:?}" "${BUILDDIR:?}"
bash_completion=$SRCDIR/completion/sluice.bash
zsh_completion=$SRCDIR/completion/_sluice

# complete WORD...: what the bash completion offers for the command line
# "sluice WORD..." with the cursor at the end of the last word, one a line.
complete_words() {
	bash --norc --noprofile -c '
		source "$1"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_sluice
		[ "${#COMPREPLY[@]}" = 0 ] || printf "%s\n" "${COMPREPLY[@]}" | sort' complete "$bash_completion" "$SLUICE" "$@"
}
lines() { printf '%s\n' "$@" | sort; }

expect_output "bash: complete -p names _sluice" $'complete -F _sluice sluice\n' \
	bash --norc --noprofile -c 'source "$1"; complete -p sluice' complete "$bash_completion"

"$SLUICE" --help >"$scratch/help"
# What --help lists: long options (with = when they take an argument),
# short ones, and the value lists.
grep -oE -- '^ +(-[A-Za-z], )?--[a-z0-9-]+(\[?=[^ ]+)?' "$scratch/help" |
	sed -E 's/^ +(-[A-Za-z], )?//' >"$scratch/listed"
check "--help lists options" test "$(wc -l <"$scratch/listed")" -ge 35
{
	sed -E 's/\[?=.*//' "$scratch/listed" | while read -r long; do
		grep -qE -- "^$long(\\[=|\$)" "$scratch/listed" && echo "$long"
		grep -qE -- "^$long\\[?=" "$scratch/listed" && echo "$long="
	done
	grep -oE -- '^ +-[A-Za-z],' "$scratch/help" | tr -d ' ,'
} | sort -u >"$scratch/want"
complete_words - | sort -u >"$scratch/got"
same_bytes "bash: '-' offers every option of --help" "$scratch/want" "$scratch/got"

expect_output "bash: --st" "$(lines --stats --stats= --stats-file= --strip)"$'\n' complete_words --st
expect_output "bash: -m takes an argument: files, not options" "" complete_words -m ''
expect_output "bash: --line-b" "$(lines --line-buffered)"$'\n' complete_words --line-b

# Every option whose argument is a list in --help: its values, in each
# way readline can hand them over.
grep -oE -- '--[a-z0-9-]+\[?=[a-z]+(\|[a-z]+)+' "$scratch/help" | sort -u >"$scratch/lists"
check "--help has value lists (--stats, --color, --long-lines)" test "$(wc -l <"$scratch/lists")" -ge 3
while IFS= read -r spec; do
	option=${spec%%[=[]*}
	values=${spec#*=}
	read -ra each <<<"${values//|/ }"
	expect_output "bash: $option=<TAB> (one word)" "$(lines "${each[@]/#/$option=}")"$'\n' complete_words "$option="
	expect_output "bash: $option = <TAB> (split at =)" "$(lines "${each[@]}")"$'\n' complete_words "$option" =
	expect_output "bash: $option = ${each[0]:0:1}<TAB>" \
		"$(lines $(printf '%s\n' "${each[@]}" | grep "^${each[0]:0:1}"))"$'\n' complete_words "$option" = "${each[0]:0:1}"
	if ! grep -q -- "$option\\[=" "$scratch/help"; then
		expect_output "bash: $option <TAB> (its own word)" "$(lines "${each[@]}")"$'\n' complete_words "$option" ''
	fi
done <"$scratch/lists"

# zsh: the specs _arguments gets, from the same --help (_arguments and
# _call_program stubbed, as compsys would call them).
if command -v zsh >/dev/null; then
	check "zsh: _sluice parses" zsh -n "$zsh_completion"
	zsh -f -c '_arguments() { print -rl -- "$@" }; _call_program() { shift; "$@" }
		words=("$1"); source "$2"' zsh "$SLUICE" "$zsh_completion" >"$scratch/specs"
	for spec in '*--strip[remove leading and trailing ASCII white space]' \
		'*-m+[keep lines in which RE matches]:RE: ' \
		'*--stats=-[' '*--color=-[' '*--long-lines=[' '*:file:_files'; do
		check "zsh: a spec starts with $spec" grep -qF -- "$spec" "$scratch/specs"
	done
	while IFS= read -r spec; do
		option=${spec%%[=[]*}
		values=${spec#*=}
		check "zsh: $option offers (${values//|/ })" grep -qE -- "^\\*$option=.*:\\(${values//|/ }\\)\$" "$scratch/specs"
	done <"$scratch/lists"
	expect_output "zsh: one spec per long option, and one per short" \
		"$(($(grep -cE -- '^ +(-[A-Za-z], )?--' "$scratch/help") + $(grep -cE -- '^ +-[A-Za-z],' "$scratch/help") + 3))"$'\n' \
		wc -l <"$scratch/specs"
else
	echo "260-completion: zsh is not installed: the zsh checks are skipped (Debian: zsh)"
fi

# make install DESTDIR=...: the binary, the man page, both completions.
root=$scratch/root
"${MAKE:-make}" -s -C "$BUILDDIR" install DESTDIR="$root" >"$scratch/install.log" 2>&1
check "make install DESTDIR succeeds ($(tail -n 3 "$scratch/install.log"))" test -x "$(find "$root" -path '*/bin/sluice' | head -n 1)"
for path in '*/bin/sluice' '*/man1/sluice.1' '*/bash-completion/completions/sluice' '*/zsh/site-functions/_sluice'; do
	check "make install puts $path" test -n "$(find "$root" -path "$path" -type f)"
done
installed=$(find "$root" -path '*/bash-completion/completions/sluice')
check "the installed bash completion is completion/sluice.bash" cmp -s "$installed" "$bash_completion"

finish
