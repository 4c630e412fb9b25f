#!/usr/bin/env bash
# 125-dense: no cliff where most lines match. The filter accelerator pays
# per place it reports, so on inputs where nearly every line (or byte) is a
# candidate the filter must go line by line instead. Each row writes what
# grep writes, and takes at most a few times the CPU time of the same chain
# with the accelerator off (before the pacing it took 20 to 50 times).
. "$(dirname "$0")/lib.sh"

two_byte=$scratch/two-byte.txt
real=$scratch/real.log
yes a 2>/dev/null | head -c 4M >"$two_byte"
# The data/ logs repeated to 4 MiB, ending with a newline as grep would.
while [ "$(stat -c %s "$real" 2>/dev/null || echo 0)" -lt 4194304 ]; do
	cat "$DATA"/*.log >>"$real"
done
printf '\n' >>"$real"

# cpu_ms COMMAND...: the least user+system CPU time of three runs, in ms.
cpu_ms() {
	local best='' i t
	for i in 1 2 3; do
		# To a file: into /dev/null the first line would end the run.
		t=$( { TIMEFORMAT='%3U %3S'; time "$@" >"$scratch/timed" 2>&1; } 2>&1 |
			awk '{ printf "%d", ($1 + $2) * 1000 }')
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}

# row NAME INPUT GREP_ARGS ::: SLUICE_ARGS: same bytes as grep, and the
# accelerated run within 3x (+ 60 ms for start-up and noise) of the plain.
row() {
	local name=$1 input=$2 grep_args=() args=() fast plain
	shift 2
	while [ "$1" != ::: ]; do grep_args+=("$1"); shift; done
	shift
	args=("$@")
	grep -a "${grep_args[@]}" "$input" >"$scratch/want" || true
	expect_bytes "$name: same as grep" "$scratch/want" "$SLUICE" "${args[@]}" "$input"
	expect_bytes "$name: same without the accelerator" "$scratch/want" \
		"$SLUICE" --no-accelerator "${args[@]}" "$input"
	fast=$(cpu_ms "$SLUICE" "${args[@]}" "$input")
	plain=$(cpu_ms "$SLUICE" --no-accelerator "${args[@]}" "$input")
	if [ "$fast" -le $((3 * plain + 60)) ]; then
		pass
	else
		fail "$name: ${fast} ms with the accelerator, ${plain} ms without"
	fi
}

row "2-byte lines -m a" "$two_byte" a ::: -m a
row "2-byte lines -i -m A" "$two_byte" -i A ::: -i -m A
row "real logs -m ." "$real" . ::: -m .
row "real logs -m [0-9]" "$real" '[0-9]' ::: -m '[0-9]'
row "real logs -m ' '" "$real" ' ' ::: -m ' '
row "real logs -m e" "$real" e ::: -m e
row "real logs -m INFO" "$real" INFO ::: -m INFO
# Sparse rows keep the accelerator's lead.
row "real logs -m 'ERROR|FATAL'" "$real" -E 'ERROR|FATAL' ::: -m 'ERROR|FATAL'

finish
