#!/usr/bin/env bash
# 220-color: --color marks what -m and -o matched with GNU grep's bytes,
# and colours the separator of context groups as grep does (compared with
# grep --color=always itself, GREP_COLORS included);
# never and auto off a terminal change not a byte; auto colours under a
# pseudo-terminal (script(1)) unless NO_COLOR is set and not empty.
. "$(dirname "$0")/lib.sh"

log=$(with_newline "$DATA/OpenSSH_2k.log")
command -v script >/dev/null || { echo "220-color: script(1) is missing (Debian: bsdutils)"; exit 1; }

# Against grep: (grep arguments => sluice arguments), both with
# --color=always, under each GREP_COLORS.
cases=(
	"-E 'Failed|Invalid' => -m 'Failed|Invalid'"
	"-i -E 'failed|root' => -i -m 'failed|root'"
	"-F '[preauth]' => -F -m '[preauth]'"
	"-E '[0-9]+' => -m '[0-9]+'"
	"-E 'x*' => -m 'x*'"
	"-o -E '[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+' => -o '[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+'"
	"-o -E 'port [0-9]+' => -o 'port [0-9]+'"
	"-E 'Failed|Invalid' -C 2 => -m 'Failed|Invalid' -C 2"
	"-E 'Invalid' -A 1 --group-separator='::' => -m 'Invalid' -A 1 --group-separator='::'"
	"-E 'Invalid' -B 1 --group-separator= => -m 'Invalid' -B 1 --group-separator="
	"-E 'Invalid' -C 1 --no-group-separator => -m 'Invalid' -C 1 --no-group-separator"
)
for colors in '' 'ms=04;32' 'mt=01;34' 'ms=07:ne' 'mc=35:fn=35:ms=33' 'ms=bad' 'se=32' 'se=01;33:ne' 'se=x'; do
	for entry in "${cases[@]}"; do
		eval "want=(${entry%% => *})"
		eval "args=(${entry#* => })"
		GREP_COLORS=$colors grep --color=always "${want[@]}" "$log" >"$scratch/want" || true
		GREP_COLORS=$colors expect_bytes "GREP_COLORS='$colors' sluice --color=always ${entry#* => } = grep" \
			"$scratch/want" "$SLUICE" --color=always "${args[@]}" "$log"
	done
done
check "the colour is there at all" grep -q $'\e\\[01;31m\e\\[KFailed\e\\[m\e\\[K' <("$SLUICE" --color=always -m Failed "$log")

# The last -m or -o is the one marked, in the line as written.
printf 'abc 123\n' >"$scratch/one"
expect_output "the last -m's matches" $'abc \e[01;31m\e[K123\e[m\e[K\n' "$SLUICE" --color=always -m a -m '[0-9]+' "$scratch/one"
expect_output "marked in the line as written, after -r" $'\e[01;31m\e[Kabc\e[m\e[K \e[01;31m\e[Kabc\e[m\e[K\n' \
	"$SLUICE" --color=always -m abc -r 's/123/abc/' "$scratch/one"
expect_output "no -m or -o: nothing to mark" $'ABC 123\n' "$SLUICE" --color=always -U "$scratch/one"
expect_output "-v is not marked" $'abc 123\n' "$SLUICE" --color=always -v x "$scratch/one"
expect_output "-c's count is its own: not marked" $'1\n' "$SLUICE" --color=always -m 1 -c "$scratch/one"
printf 'x\na\nx\n' >"$scratch/groups"
expect_output "a separator dropped with its group is not written" $'\e[01;31m\e[Kx\e[m\e[K\n' \
	"$SLUICE" --color=always -m x -C 0 -n 1 "$scratch/groups"
expect_output "a -m after -c marks the count" $'\e[01;31m\e[K1\e[m\e[K\n' "$SLUICE" --color=always -c -m 1 "$scratch/one"
expect_output "--color alone is auto: off a terminal, plain" $'abc 123\n' "$SLUICE" --color -m b "$scratch/one"

# never, and auto off a terminal: byte for byte the run without --color.
"$SLUICE" -s -m 'Failed|Invalid' -o '[0-9]+' "$log" >"$scratch/plain"
for when in never auto; do
	expect_bytes "--color=$when off a terminal changes nothing" "$scratch/plain" \
		"$SLUICE" --color=$when -s -m 'Failed|Invalid' -o '[0-9]+' "$log"
done
expect_status "--color=sometimes: 2" 2 "$SLUICE" --color=sometimes -m x "$log"
check "--color=sometimes: the choices are named" grep -q "auto, always or never" "$scratch/stderr"

# Under a pseudo-terminal: auto colours, unless NO_COLOR is set to
# something. (script's own \r\n are taken off.)
on_terminal() { # on_terminal ENV... : sluice --color=auto -m b on a pty
	script -qec "env $* $(printf '%q ' "$SLUICE") --color=auto -m b $(printf %q "$scratch/one")" /dev/null </dev/null |
		tr -d '\r'
}
printf 'abc\n' >"$scratch/one"
expect_output "auto on a terminal: coloured" $'a\e[01;31m\e[Kb\e[m\e[Kc\n' on_terminal
expect_output "auto on a terminal, NO_COLOR=1: plain" $'abc\n' on_terminal NO_COLOR=1
expect_output "auto on a terminal, NO_COLOR empty: coloured" $'a\e[01;31m\e[Kb\e[m\e[Kc\n' on_terminal NO_COLOR=
expect_output "never on a terminal: plain" $'abc\n' \
	eval 'script -qec "$(printf "%q " "$SLUICE") --color=never -m b $(printf %q "$scratch/one")" /dev/null </dev/null | tr -d "\r"'
# -O's FILE is not the terminal: auto writes no colour into it.
script -qec "$(printf '%q ' "$SLUICE" --color=auto -O "$scratch/colored" -m b "$scratch/one")" /dev/null </dev/null >/dev/null
expect_output "auto on a terminal, -O FILE: plain in FILE" $'abc\n' cat "$scratch/colored"
expect_output "always with NO_COLOR=1: coloured (asked for)" $'a\e[01;31m\e[Kb\e[m\e[Kc\n' \
	env NO_COLOR=1 "$SLUICE" --color=always -m b "$scratch/one"

finish
