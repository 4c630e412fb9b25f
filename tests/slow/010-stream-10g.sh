#!/usr/bin/env bash
# 010-stream-10g.sh (make check-slow): the memory promise at scale. 10 GiB
# of generated log lines stream through a full chain at a peak RSS under
# 8 MiB, and the chain's answer is the one grep, sed, awk and uniq give for
# the same stream, read once through tee.
. "$TESTS_DIR/cli/lib.sh"

: "${GENLOG:?}" "${PEAK_RSS:?}"
size=${SLOW_STREAM_SIZE:-10G}
limit_kib=8192
chain=(-s -i -m 'error|fail' -r 's/[0-9]+/#/g' -f 1,3 -u -c)

# The same chain in standard tools. Matching 'error|fail' does not depend
# on the blanks strip takes away, so grep may come first; awk prints the
# fields a line has, as -f does.
reference() {
	grep -iE 'error|fail' |
		sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//; s/[0-9]+/#/g' |
		awk '{ s = $1; if (NF >= 3) s = s " " $3; print s }' |
		uniq | wc -l | tr -d ' '
}

start=$(date +%s)
status=0
"$GENLOG" "$size" | tee >(reference >"$scratch/expected") |
	"$PEAK_RSS" "$scratch/rss" "$SLUICE" "${chain[@]}" >"$scratch/count" ||
	status=$?
# tee's process substitution may finish after the pipeline.
for _ in $(seq 600); do
	[ -s "$scratch/expected" ] && break
	sleep 1
done
seconds=$(($(date +%s) - start))
rss=$(cat "$scratch/rss")
printf '%s through sluice %s: %s lines out, peak RSS %s KiB, %s s\n' \
	"$size" "${chain[*]}" "$(cat "$scratch/count")" "$rss" "$seconds"
check "the chain over $size succeeds (status $status)" test "$status" = 0
check "the chain's count is what grep, sed, awk and uniq count" \
	test "$(cat "$scratch/count")" = "$(cat "$scratch/expected")"
check "peak RSS over $size under $limit_kib KiB (was $rss)" \
	test "$rss" -lt "$limit_kib"
finish
