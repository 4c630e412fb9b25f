#!/usr/bin/env bash
# 090-memory.sh: the memory promise. Gigabytes of generated log lines are
# streamed through a pipe into a real chain, and the peak RSS (getrusage,
# through peak_rss) must stay small and must not grow with the input.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}" "${PEAK_RSS:?}"
chain=(-s -i -m 'error|fail' -r 's/[0-9]+/#/g')
small=200M
large=2G
limit_kib=8192
# Under AddressSanitizer the shadow memory alone passes any absolute bound,
# and the run is several times slower: check only that the peak is flat.
if [ -n "${SANITIZER_CFLAGS:-}" ]; then
	small=20M
	large=200M
	limit_kib=
fi

# peak SIZE ARGS...: streams SIZE bytes through sluice ARGS, prints the
# peak RSS in KiB, and checks the run succeeded with output.
peak() {
	local size=$1 status=0
	shift
	"$GENLOG" "$size" | "$PEAK_RSS" "$scratch/rss" "$SLUICE" "$@" \
		>"$scratch/out" || status=$?
	if [ "$status" != 0 ] || [ ! -s "$scratch/out" ]; then
		fail "sluice $* over $size: status $status, $(wc -c <"$scratch/out") bytes out"
	fi
	cat "$scratch/rss"
}

small_kib=$(peak "$small" "${chain[@]}")
large_kib=$(peak "$large" "${chain[@]}")
printf 'peak RSS: %s KiB over %s, %s KiB over %s\n' \
	"$small_kib" "$small" "$large_kib" "$large"
if [ -n "$limit_kib" ]; then
	check "peak RSS over $large under $limit_kib KiB" \
		test "$large_kib" -lt "$limit_kib"
fi
check "peak RSS over $small and $large within 1 MiB" \
	test $((large_kib - small_kib)) -le 1024 -a \
	$((small_kib - large_kib)) -le 1024

# The same promise for the stages that keep state: a ring of 1000 lines,
# the line before, the fields.
kept=(-t 1000 -u -f 1,3)
small_kept=$(peak "$small" "${kept[@]}")
large_kept=$(peak "$large" "${kept[@]}")
printf 'peak RSS with %s: %s KiB over %s, %s KiB over %s\n' \
	"${kept[*]}" "$small_kept" "$small" "$large_kept" "$large"
if [ -n "$limit_kib" ]; then
	check "peak RSS of ${kept[*]} over $large under $limit_kib KiB" \
		test "$large_kept" -lt "$limit_kib"
fi
check "peak RSS of ${kept[*]} over $small and $large within 1 MiB" \
	test $((large_kept - small_kept)) -le 1024 -a \
	$((small_kept - large_kept)) -le 1024

# The output is what grep and sed make of the same stream: the chain was
# really run, not merely survived.
expected=$("$GENLOG" "$small" | sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//' |
	grep -iE 'error|fail' | sed -E 's/[0-9]+/#/g' | cksum)
actual=$("$GENLOG" "$small" | "$SLUICE" "${chain[@]}" | cksum)
check "the chain over $small equals grep | sed" test "$expected" = "$actual"
finish
