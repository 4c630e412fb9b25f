#!/usr/bin/env bash
# 030-time-window-10g.sh (make check-slow): a time window at the middle
# of a 10 GiB time-ordered log is found by bisection in well under a
# second, reading under 1% of the log, and its records are those awk
# keeps comparing every stamp over the whole log.
. "$TESTS_DIR/cli/lib.sh"

: "${GENLOG:?}"
size=${SLOW_WINDOW_SIZE:-10G}
log=$scratch/timed.log

# A stamp 10 ms after the last before each line, from 2026-11-01; now and
# then a line without one.
"$GENLOG" "$size" | mawk '{ ms = NR * 10; s = int(ms / 1000)
	printf "2026-11-%02dT%02d:%02d:%02d.%03dZ %s\n", 1 + int(s / 86400), int(s / 3600) % 24,
		int(s / 60) % 60, s % 60, ms % 1000, $0
	if (NR % 997 == 0) print "\tcontinued " NR }' >"$log"
bytes=$(wc -c <"$log")
since=$(tail -c +$((bytes / 2)) "$log" | grep -m 1 -o '^2026-[^ ]*')
until=$(tail -c +$((bytes / 2 + bytes / 1000)) "$log" | grep -m 1 -o '^2026-[^ ]*')
check "stamps at the middle ($since, $until)" test -n "$since" -a -n "$until"

TZ=UTC0 "$SLUICE" --stats=json --since "$since" --until "$until" "$log" \
	>"$scratch/got" 2>"$scratch/stats.json"
read -r read_bytes probes wall < <(py -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["input"]["bytes_read"] + r["input"]["bytes_probed"], r["input"]["probe_reads"], r["time"]["wall_seconds"])' "$scratch/stats.json")
printf '%s bytes: the window at the middle read %s bytes in %s probes and the window, %s s\n' \
	"$bytes" "$read_bytes" "$probes" "$wall"
check "read under 1% of $bytes bytes ($read_bytes)" test "$read_bytes" -lt $((bytes / 100))
check "in under half a second ($wall s)" py -c 'import sys; sys.exit(float(sys.argv[1]) >= 0.5)' "$wall"
mawk -v S="$since" -v U="$until" '/^2026-/ { keep = ($1 >= S && $1 < U) } keep' "$log" >"$scratch/want"
same_bytes "the window as awk keeps it" "$scratch/got" "$scratch/want"
check "the window holds records ($(wc -l <"$scratch/want"))" test -s "$scratch/want"
rm -f "$log"
finish
