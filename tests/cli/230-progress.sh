#!/usr/bin/env bash
# 230-progress: --progress under a pseudo-terminal (script(1)): one line
# on stderr redrawn in place, bytes of the total (FILEs of known size) with
# percent, rate and ETA, else bytes and rate; at most ten drawings a
# second; cleared at the end; the output unchanged; off unless asked.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}"
command -v script >/dev/null || { echo "230-progress: script(1) is missing (Debian: bsdutils)"; exit 1; }

# A run long enough to be drawn a few times: every letter replaced.
"$GENLOG" 16M >"$scratch/big.log"
chain=(-r 's/[a-z]/X/g')
"$SLUICE" "${chain[@]}" "$scratch/big.log" >"$scratch/plain"

# on_terminal COMMAND: runs the shell COMMAND on a pseudo-terminal; its
# terminal output (stderr here: stdout goes to a file) is in transcript.
on_terminal() {
	local start=$(now_ms)
	script -qec "$1" /dev/null </dev/null >"$scratch/transcript"
	elapsed_ms=$(($(now_ms) - start))
}
q() { printf '%q' "$1"; }

on_terminal "$(q "$SLUICE") --progress ${chain[*]@Q} $(q "$scratch/big.log") >$(q "$scratch/out")"
same_bytes "--progress does not change the output" "$scratch/plain" "$scratch/out"
tr '\r' '\n' <"$scratch/transcript" | grep '^sluice: ' >"$scratch/drawn" || true
check "drawn at least once ($(wc -l <"$scratch/drawn") times in $elapsed_ms ms)" test -s "$scratch/drawn"
# 100% too: the reader may have read the last bytes while the stages
# (on threads, or slowed by a sanitizer) still work on them.
drawing='^sluice: [0-9.]+ (B|KiB|MiB) of 16\.0 MiB \(([0-9]{1,2}|100)%\), [0-9.]+ (B|KiB|MiB|GiB)/s, ETA [0-9]+:[0-5][0-9] *$'
check "every drawing: bytes of the total, percent, rate, ETA" \
	test "$(grep -cvE "$drawing" "$scratch/drawn")" = 0
grep -vE "$drawing" "$scratch/drawn" | sed 's/^/    not a drawing: /' | head -n 3
check "at most ten drawings a second" test "$(wc -l <"$scratch/drawn")" -le $((elapsed_ms / 100 + 1))
check "the percentages never go back" \
	eval 'sed -E "s/.*\\(([0-9]+)%.*/\\1/" "$scratch/drawn" | sort -nc'
check "each drawing starts at the line's beginning" test "$(head -c 9 "$scratch/transcript")" = $'\rsluice: '
check "the line is cleared at the end: spaces between two \\r" \
	eval 'tail -c 200 "$scratch/transcript" | tr -d "\n" | grep -qE $'"'"'\r +\r$'"'"''
check "nothing but the progress line on the terminal" \
	test "$(tr -d '\r' <"$scratch/transcript" | sed -E 's/sluice: [^ ]+ [^ ]+ of [^)]+\), [^,]+, ETA [0-9:]+//g' | tr -d ' \n')" = ''

# Several FILEs of known size: the total is their sum.
on_terminal "$(q "$SLUICE") --progress ${chain[*]@Q} $(q "$scratch/big.log") $(q "$scratch/big.log") >/dev/null"
check "two FILEs: of 32.0 MiB" grep -q 'of 32\.0 MiB' "$scratch/transcript"

# A message during the run takes the line's place, on a line of its own.
on_terminal "$(q "$SLUICE") --progress ${chain[*]@Q} $(q "$scratch/big.log") $(q "$scratch/missing") $(q "$scratch/big.log") >/dev/null"
check "a message during the run: on a line of its own" \
	grep -qx "sluice: $scratch/missing: No such file or directory" <(tr '\r' '\n' <"$scratch/transcript")
transcript=$(cat "$scratch/transcript")
check "... and the line is drawn again after it" \
	test "${transcript#*"No such file or directory"$'\r\n\r'"sluice: "}" != "$transcript"

# A pipe has no size: bytes and rate only.
slow_input() { head -c 2000000 "$scratch/big.log"; sleep 0.4; cat "$scratch/big.log"; }
export -f slow_input
export scratch
on_terminal "slow_input | $(q "$SLUICE") --progress -m ERROR >/dev/null"
tr '\r' '\n' <"$scratch/transcript" | grep '^sluice: ' >"$scratch/drawn" || true
check "a pipe: drawn" test -s "$scratch/drawn"
check "a pipe: bytes and rate, no total" \
	test "$(grep -cvE '^sluice: [0-9.]+ (B|KiB|MiB), [0-9.]+ (B|KiB|MiB|GiB)/s *$' "$scratch/drawn")" = 0

# Off unless asked, on a terminal too; when asked, drawn off a terminal.
on_terminal "$(q "$SLUICE") ${chain[*]@Q} $(q "$scratch/big.log") >/dev/null"
check "not asked: nothing on the terminal" test ! -s "$scratch/transcript"
slow_input | "$SLUICE" --progress -m ERROR >/dev/null 2>"$scratch/err"
check "asked, stderr a file: drawn there too" grep -q $'\rsluice: [0-9.]* [KM]*i*B, ' "$scratch/err"
"$SLUICE" -m ERROR "$scratch/big.log" >/dev/null 2>"$scratch/err"
check "not asked, stderr a file: nothing" test ! -s "$scratch/err"

finish
