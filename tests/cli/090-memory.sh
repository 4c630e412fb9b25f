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
flat_kib=1024
# Under AddressSanitizer the shadow memory alone passes any absolute bound,
# and the run is several times slower: check only that the peak is flat.
if [ -n "${SANITIZER_CFLAGS:-}" ]; then
	small=20M
	large=200M
	limit_kib=
fi
# ThreadSanitizer's allocator does not hand freed blocks back as glibc's
# does, and their shadow stays: 13 against 14.7 MiB for -t 1000 -u over
# 20M and 200M, where the plain build's two peaks are within 0.4 MiB.
case ${SANITIZER_CFLAGS:-} in *thread*) flat_kib=4096 ;; esac

# run_peak SIZE ARGS...: streams SIZE bytes through sluice ARGS, checks
# the run succeeded with output, and leaves the peak RSS in KiB in $rss.
# (In this shell, not a $(...) subshell, so a failure is counted.)
run_peak() {
	local size=$1 status=0
	shift
	"$GENLOG" "$size" | "$PEAK_RSS" "$scratch/rss" "$SLUICE" "$@" \
		>"$scratch/out" || status=$?
	check "sluice $* over $size succeeds with output" \
		test "$status" = 0 -a -s "$scratch/out"
	rss=$(cat "$scratch/rss")
}

# expect_flat ARGS...: the peak RSS of sluice ARGS over $small and $large
# is the same within 1 MiB, and under the limit.
expect_flat() {
	local small_kib large_kib
	run_peak "$small" "$@"
	small_kib=$rss
	run_peak "$large" "$@"
	large_kib=$rss
	printf 'peak RSS of sluice %s: %s KiB over %s, %s KiB over %s\n' \
		"$*" "$small_kib" "$small" "$large_kib" "$large"
	if [ -n "$limit_kib" ]; then
		check "peak RSS of $* over $large under $limit_kib KiB" \
			test "$large_kib" -lt "$limit_kib"
	fi
	check "peak RSS of $* over $small and $large within $flat_kib KiB" \
		test $((large_kib - small_kib)) -le "$flat_kib" -a \
		$((small_kib - large_kib)) -le "$flat_kib"
}

expect_flat "${chain[@]}"
# The same promise for the stages that keep state: a ring of 1000 lines,
# the line before, the fields.
expect_flat -t 1000 -u -f 1,3

# The output is what grep and sed make of the same stream: the chain was
# really run, not merely survived.
expected=$("$GENLOG" "$small" | sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//' |
	grep -iE 'error|fail' | sed -E 's/[0-9]+/#/g' | cksum)
actual=$("$GENLOG" "$small" | "$SLUICE" "${chain[@]}" | cksum)
check "the chain over $small equals grep | sed" test "$expected" = "$actual"
finish
