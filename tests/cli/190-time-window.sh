#!/usr/bin/env bash
# 190-time-window: --since, --until, --last, --time-format (SPEC 10).
# Logs in each stamp form are generated with the instant of every record
# known, so what a window keeps is known without parsing a stamp: local
# time (TZ), zones, syslog's year across New Year, windows at the first
# and last records, before, after and between them, records without a
# stamp, several FILEs (rotated, some wholly outside), .gz, -j 2, buffer
# sizes; the real logs of data/ against awk and python; bad TIMEs and
# DURATIONs; and the bisection: on a generated time-ordered log of 256
# MiB, --since near its end reads a small part of it and writes what awk
# writes comparing the stamp over the whole of it.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}"

# gen.py FORM START_MS STEP_MS COUNT LOG TRUTH: COUNT records stamped
# START_MS + i * STEP_MS in FORM (local forms in $TZ), an unstamped
# header first and a continuation line after every fifth; TRUTH has, a
# line for each line of LOG, the instant (ms) of the stamp it goes with
# as written (seconds forms drop the milliseconds), or - for none.
cat >"$scratch/gen.py" <<'EOF'
import sys, time
form, start, step, count, log, truth = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
time.tzset()
mon = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split()
def stamp(ms):
    s = ms // 1000
    g, l = time.gmtime(s), time.localtime(s)
    if form == 'iso_z': return time.strftime('%Y-%m-%dT%H:%M:%S', g) + '.%03dZ' % (ms % 1000), ms
    if form == 'iso_local': return time.strftime('%Y-%m-%d %H:%M:%S', l) + ',%03d' % (ms % 1000), ms
    if form == 'iso_offset':
        off = l.tm_gmtoff
        return time.strftime('%Y-%m-%dT%H:%M:%S', l) + '%s%02d:%02d' % ('+' if off >= 0 else '-', abs(off) // 3600, abs(off) % 3600 // 60), s * 1000
    if form == 'syslog': return '%s %2d %s' % (mon[l.tm_mon - 1], l.tm_mday, time.strftime('%H:%M:%S', l)), s * 1000
    if form == 'apache': return '10.0.0.%d - - [%02d/%s/%d:%s +0000]' % (ms % 200, g.tm_mday, mon[g.tm_mon - 1], g.tm_year, time.strftime('%H:%M:%S', g)), s * 1000
    if form == 'epoch': return '%d' % s, s * 1000
    if form == 'epoch_ms': return '%d' % ms, ms
    if form == 'hdfs': return time.strftime('%y%m%d %H%M%S', l), s * 1000
    raise SystemExit('no form ' + form)
with open(log, 'w') as out, open(truth, 'w') as known:
    out.write('# a header without a stamp\n'); known.write('-\n')
    for i in range(count):
        text, value = stamp(start + i * step)
        out.write('%s INFO record %d of %s\n' % (text, i, form)); known.write('%d\n' % value)
        if i % 5 == 4:
            out.write('\tat continuation of %d\n' % i); known.write('%d\n' % value)
EOF
# want.py LOG TRUTH SINCE_MS UNTIL_MS: the lines of LOG a window keeps.
cat >"$scratch/want.py" <<'EOF'
import sys
log, truth, since, until = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
out = sys.stdout.buffer
for line, owner in zip(open(log, 'rb'), open(truth)):
    owner = owner.strip()
    if owner != '-' and since <= int(owner) < until:
        out.write(line)
EOF

# 2026-11-24T10:00:00Z
B=1795514400000
MIN=-9999999999999
MAX=99999999999999

# window NAME LOG TRUTH SINCE_MS UNTIL_MS ARGS...: sluice ARGS... LOG keeps
# what want.py says, at the default buffer and at 1K, and exits 0 or 1 by
# whether it wrote a line.
window() {
	local name=$1 log=$2 truth=$3 since=$4 until=$5 status=0
	shift 5
	py "$scratch/want.py" "$log" "$truth" "$since" "$until" >"$scratch/want"
	[ -s "$scratch/want" ] || status=1
	expect_result "$name" "$scratch/want" "$status" "$SLUICE" "$@" "$log"
	expect_result "$name (--buffer-size=1K)" "$scratch/want" "$status" \
		"$SLUICE" --buffer-size=1K "$@" "$log"
}

# The same windows over each form: 3000 records 1.5 s apart.
for spec in iso_z:UTC0 iso_local:America/New_York iso_local:Asia/Kolkata \
	iso_offset:Europe/Berlin syslog:UTC0 syslog:Australia/Sydney apache:UTC0 \
	epoch:UTC0 epoch_ms:UTC0; do
	form=${spec%%:*} zone=${spec#*:}
	log=$scratch/$form.log truth=$scratch/$form.truth
	TZ=$zone py "$scratch/gen.py" "$form" "$B" 1500 3000 "$log" "$truth"
	touch -d "@$((B / 1000 + 3 * 3600))" "$log"
	last=$((B + 2999 * 1500))
	export TZ=$zone
	window "$form $zone: the middle" "$log" "$truth" $((B + 1000 * 1500)) \
		$((B + 1100 * 1500)) --since $((B + 1000 * 1500)) --until $((B + 1100 * 1500))
	window "$form $zone: --since alone" "$log" "$truth" $((B + 2500 * 1500)) $MAX \
		--since $((B + 2500 * 1500))
	window "$form $zone: --until alone" "$log" "$truth" $MIN $((B + 700 * 1500)) \
		--until $((B + 700 * 1500))
	window "$form $zone: from the first record" "$log" "$truth" "$B" $((B + 10 * 1500)) \
		--since "$B" --until $((B + 10 * 1500))
	window "$form $zone: up to the last record" "$log" "$truth" $((last - 3000)) "$last" \
		--since $((last - 3000)) --until "$last"
	window "$form $zone: the last record alone" "$log" "$truth" "$last" $MAX --since "$last"
	window "$form $zone: before every record" "$log" "$truth" $((B - 86400000)) "$B" \
		--since $((B - 86400000)) --until "$B"
	window "$form $zone: after every record" "$log" "$truth" $((last + 1000)) $MAX \
		--since $((last + 1000))
	window "$form $zone: between two records" "$log" "$truth" $((B + 100 * 1500 + 1)) \
		$((B + 100 * 1500 + 999)) --since $((B + 100 * 1500 + 1)) --until $((B + 100 * 1500 + 999))
	window "$form $zone: --until first, then --since" "$log" "$truth" $((B + 1000 * 1500)) \
		$((B + 1100 * 1500)) --until $((B + 1100 * 1500)) --since $((B + 1000 * 1500))
	unset TZ
done

# TIME in the form of the stamps: a local ISO time in TZ, a zone, syslog.
export TZ=America/New_York
log=$scratch/iso_local.log truth=$scratch/iso_local.truth
TZ=America/New_York py "$scratch/gen.py" iso_local "$B" 1500 3000 "$log" "$truth"
window "TIME as a local ISO time" "$log" "$truth" $((B + 1200 * 1500)) $((B + 1300 * 1500)) \
	--since '2026-11-24 05:30:00' --until '2026-11-24 05:32:30'
window "TIME with a zone" "$log" "$truth" $((B + 1200 * 1500)) $((B + 1300 * 1500)) \
	--since '2026-11-24T10:30:00Z' --until '2026-11-24T11:32:30+01:00'
window "TIME as epoch seconds" "$log" "$truth" $((B + 1200 * 1500)) $MAX \
	--since $(((B + 1200 * 1500) / 1000))
unset TZ

# Syslog across New Year: the FILE was written on 2027-01-01, so its
# December records are of 2026; the window spans the turn of the year.
NY=1798761600000 # 2027-01-01T00:00:00Z
log=$scratch/newyear.log truth=$scratch/newyear.truth
TZ=UTC0 py "$scratch/gen.py" syslog $((NY - 600000)) 1000 1200 "$log" "$truth"
touch -d @$((NY / 1000 + 900)) "$log"
check "syslog: the log turns the year" grep -q '^Dec 31 23:59:59' "$log"
check "syslog: the log turns the year (2)" grep -q '^Jan  1 00:00:00' "$log"
export TZ=UTC0
window "syslog across New Year" "$log" "$truth" $((NY - 60000)) $((NY + 60000)) \
	--since 2026-12-31T23:59:00Z --until 2027-01-01T00:01:00Z
unset TZ

# --time-format: HDFS's stamps.
log=$scratch/hdfs.log truth=$scratch/hdfs.truth
TZ=UTC0 py "$scratch/gen.py" hdfs "$B" 1500 3000 "$log" "$truth"
export TZ=UTC0
window "--time-format" "$log" "$truth" $((B + 1000 * 1500)) $((B + 1100 * 1500)) \
	--time-format '%y%m%d %H%M%S' --since '261124 102500' --until $((B + 1100 * 1500))
expect_output "--time-format: the built-in forms are not looked for" "" \
	"$SLUICE" --time-format '%Y-%m-%d %H:%M:%S' --since "$B" "$scratch/iso_z.log"
unset TZ

# --last: records of the last 10 minutes, against the clock.
now=$(($(date +%s) * 1000))
log=$scratch/recent.log truth=$scratch/recent.truth
py "$scratch/gen.py" iso_z $((now - 3595000)) 10000 360 "$log" "$truth"
# No record is within 5 s of the window's start, which moves on as the
# clock ticks between here and sluice's start.
py "$scratch/want.py" "$log" "$truth" $((now - 596000)) $MAX >"$scratch/want"
"$SLUICE" --last 10m "$log" >"$scratch/got"
same_bytes "--last 10m" "$scratch/got" "$scratch/want"
check "--last 10m: about 60 records" test "$(grep -c INFO "$scratch/got")" -ge 58

# --last 10m --follow: the followed FILE is bisected, then followed.
# A day, a record each 10 s, none within 5 s of the window's start.
now=$(($(date +%s) * 1000))
log=$scratch/followed.log truth=$scratch/followed.truth
py "$scratch/gen.py" iso_z $((now - 86395000)) 10000 8639 "$log" "$truth"
py "$scratch/want.py" "$log" "$truth" $((now - 596000)) $MAX >"$scratch/want"
env --default-signal=INT,TERM "$SLUICE" --stats=json --last 10m --follow "$log" \
	>"$scratch/got" 2>"$scratch/stats.json" &
pid=$!
tries=0
while ! cmp -s "$scratch/got" "$scratch/want" && [ $tries -lt 2000 ]; do
	sleep 0.01
	tries=$((tries + 1))
done
same_bytes "--last 10m --follow: the last 10 minutes" "$scratch/got" "$scratch/want"
appended="$(date -u +%Y-%m-%dT%H:%M:%SZ) appended"
printf '%s\n' "$appended" >>"$log"
printf '\tand its continuation\n' >>"$log"
tries=0
while [ "$(wc -l <"$scratch/got")" -lt $(($(wc -l <"$scratch/want") + 2)) ] && [ $tries -lt 2000 ]; do
	sleep 0.01
	tries=$((tries + 1))
done
kill -s TERM $pid
status=0
wait $pid || status=$?
expect_output "--last 10m --follow: SIGTERM ends it (status 0)" 0 echo -n "$status"
expect_output "--last 10m --follow: what is appended follows" "$appended"$'\n\tand its continuation\n' \
	tail -n 2 "$scratch/got"
skipped=$(py -c 'import json, sys; i = json.load(open(sys.argv[1]))["input"]; print(i["bytes_skipped"])' "$scratch/stats.json")
check "--last 10m --follow: a day's log was bisected ($skipped bytes skipped)" \
	test "$skipped" -gt $(($(wc -c <"$log") - 3 * 65536))

# Several FILEs, rotated: app.log.2 and app.log wholly outside the
# window, which lies in app.log.1; each as written and as .gz.
export TZ=UTC0
TZ=UTC0 py "$scratch/gen.py" iso_z "$B" 1000 20000 "$scratch/app.log.2" "$scratch/t2"
TZ=UTC0 py "$scratch/gen.py" iso_z $((B + 20000000)) 1000 20000 "$scratch/app.log.1" "$scratch/t1"
TZ=UTC0 py "$scratch/gen.py" iso_z $((B + 40000000)) 1000 20000 "$scratch/app.log" "$scratch/t0"
gzip -c "$scratch/app.log.2" >"$scratch/app.log.2.gz"
gzip -c "$scratch/app.log.1" >"$scratch/app.log.1.gz"
cat "$scratch/app.log.2" "$scratch/app.log.1" "$scratch/app.log" >"$scratch/all.log"
cat "$scratch/t2" "$scratch/t1" "$scratch/t0" >"$scratch/all.truth"
since=$((B + 30000000)) until=$((B + 30100000))
py "$scratch/want.py" "$scratch/all.log" "$scratch/all.truth" $since $until >"$scratch/want"
check "rotated: the window is in app.log.1" test "$(wc -l <"$scratch/want")" -gt 100
for files in "app.log.2 app.log.1 app.log" "app.log.2.gz app.log.1 app.log" \
	"app.log.2.gz app.log.1.gz app.log"; do
	(cd "$scratch" && "$SLUICE" --since $since --until $until $files) >"$scratch/got"
	same_bytes "rotated: $files" "$scratch/got" "$scratch/want"
	(cd "$scratch" && "$SLUICE" -j 2 -v NOSUCH --since $since --until $until $files) >"$scratch/got"
	same_bytes "rotated, -j 2 -v NOSUCH first: $files" "$scratch/got" "$scratch/want"
	(cd "$scratch" && "$SLUICE" -j 2 --since $since --until $until -v NOSUCH $files) >"$scratch/got"
	same_bytes "rotated, -j 2, -v NOSUCH after: $files" "$scratch/got" "$scratch/want"
done
# The plain FILEs outside the window cost a few blocks each; the window's
# FILE is bisected, and read from a block before the window.
(cd "$scratch" && "$SLUICE" --buffer-size=4K --stats=json --since $since --until $until \
	app.log.2 app.log.1 app.log 2>"$scratch/stats.json" >/dev/null)
read_bytes=$(py -c 'import json, sys; i = json.load(open(sys.argv[1]))["input"]; print(i["bytes_read"] + i["bytes_probed"])' "$scratch/stats.json")
total=$(cat "$scratch/all.log" | wc -c)
window_bytes=$(wc -c <"$scratch/want")
check "rotated: read $read_bytes of $total bytes, the window $window_bytes" \
	test "$read_bytes" -lt $((window_bytes + 30 * 4096))
unset TZ

# Without --until, each FILE is bisected: the window in the last one.
export TZ=UTC0
py "$scratch/want.py" "$scratch/all.log" "$scratch/all.truth" $((B + 59000000)) $MAX >"$scratch/want"
(cd "$scratch" && "$SLUICE" --since $((B + 59000000)) app.log.2 app.log.1 app.log) >"$scratch/got"
same_bytes "rotated: --since in the last FILE" "$scratch/got" "$scratch/want"
unset TZ

# Standard input and a pipe are read from the start, to the same end.
export TZ=UTC0
log=$scratch/iso_z.log truth=$scratch/iso_z.truth
py "$scratch/want.py" "$log" "$truth" $((B + 1000 * 1500)) $((B + 1100 * 1500)) >"$scratch/want"
"$SLUICE" --since $((B + 1000 * 1500)) --until $((B + 1100 * 1500)) <"$log" >"$scratch/got"
same_bytes "standard input" "$scratch/got" "$scratch/want"
cat "$log" | "$SLUICE" --since $((B + 1000 * 1500)) --until $((B + 1100 * 1500)) >"$scratch/got"
same_bytes "a pipe" "$scratch/got" "$scratch/want"
# The window anywhere in the chain: after -m, before -c.
expect_output "after -m, before -c" "$(grep -c 'record' "$scratch/want")"$'\n' \
	"$SLUICE" -m record --since $((B + 1000 * 1500)) --until $((B + 1100 * 1500)) -c "$log"
unset TZ

# The real logs of data/: Zookeeper's ISO local stamps against awk
# comparing them as text; OpenSSH's syslog stamps against python.
# Zookeeper's sample is three nodes' logs one after the other: each in
# time order, the whole not. On the first, a window is awk's; on the
# whole, --until ends the read at the first record at or after it.
head -n 753 "$DATA/Zookeeper_2k.log" >"$scratch/zk.log"
check "Zookeeper: its first node's log is in order" \
	eval "awk '/^20/ { print \$1, \$2 }' \"$scratch/zk.log\" | sort -c"
agree "Zookeeper: awk on the stamp" awk '/^20[0-9][0-9]-/ { keep = ($1 " " $2 >= "2015-07-29 19:00:00" && $1 " " $2 < "2015-07-30 12:00:00") } keep' "$scratch/zk.log" \
	::: --since '2015-07-29 19:00:00' --until '2015-07-30 12:00:00' "$scratch/zk.log"
check "Zookeeper: the window keeps some" test "$(wc -l <"$scratch/bytes")" -gt 50
zk=$(with_newline "$DATA/Zookeeper_2k.log")
agree "Zookeeper, out of order: --until ends the read at the first record after it" \
	awk '/^20[0-9][0-9]-/ && $1 " " $2 >= "2015-07-31 00:00:00" { exit } 1' "$zk" \
	::: --until '2015-07-31 00:00:00' "$zk"
ssh_log=$(with_newline "$DATA/OpenSSH_2k.log")
cp "$ssh_log" "$scratch/ssh.log"
touch -d '2027-01-05 00:00:00' "$scratch/ssh.log"
agree "OpenSSH: python on syslog's stamps" py -c 'import sys, time
for line in open(sys.argv[1], "rb"):
    t = time.strptime("2026 " + line[:15].decode(), "%Y %b %d %H:%M:%S")
    if (12, 10, 7, 0, 0) <= (t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec) < (12, 10, 9, 30, 0):
        sys.stdout.buffer.write(line)' "$scratch/ssh.log" \
	::: --since '2026-12-10 07:00:00' --until '2026-12-10 09:30:00' "$scratch/ssh.log"
check "OpenSSH: the window keeps some" test "$(wc -l <"$scratch/bytes")" -gt 50

# A FILE with no stamp: a warning naming it; the others are read.
printf 'no stamp\nnone here\n' >"$scratch/plain.txt"
expect_status "a FILE without stamps: exit 1" 1 "$SLUICE" --since 2026-01-01 "$scratch/plain.txt"
check "a FILE without stamps: the warning names it" \
	grep -q "plain.txt: no time stamp found" "$scratch/stderr"
one_error_line "a FILE without stamps: one line"

# A TIME or DURATION that does not parse: exit 2, naming it.
for bad in --since=yesterday --until=2026-13-01 --since= '--since=2026-11-24 10:00:00 x' \
	--last=10 --last=1x --last=0s --last=-1h; do
	expect_status "$bad: exit 2" 2 "$SLUICE" "$bad" "$scratch/plain.txt"
	check "$bad: the message names it" grep -qF -- "'${bad#*=}'" "$scratch/stderr"
	one_error_line "$bad: one line"
done

# --explain: how the stamp is found, and whether FILEs are bisected.
expect_output "--explain: bisected as the first stage" $'1\n' \
	eval "\"$SLUICE\" --explain --since now x.log | grep -c 'is bisected to the start'"
expect_output "--explain: not after another stage" $'1\n' \
	eval "\"$SLUICE\" --explain -m x --since now x.log | grep -c 'a stage comes before this one'"
printf 'x\n' >"$scratch/x.log"
"$SLUICE" --explain --since now "$scratch/x.log" - "$scratch" >"$scratch/explain"
check "--explain: a plain FILE is bisected" grep -qF "x.log: bisected, unless compressed" "$scratch/explain"
check "--explain: standard input is not" grep -qF "standard input: read from its start" "$scratch/explain"
check "--explain: nor a directory" grep -qF "$scratch: not a regular file, read from its start" "$scratch/explain"
"$SLUICE" --explain --follow=end --since now "$scratch/x.log" >"$scratch/explain"
check "--explain: nor --follow=end's FILE" grep -qF "x.log: followed from its end" "$scratch/explain"
expect_output "--explain: --until keeps to one thread" $'1\n' \
	eval "\"$SLUICE\" --explain -m x --until now | grep -c '^threads: one (a stage ends each FILE early'"
expect_output "--explain: --since alone does not" $'0\n' \
	eval "\"$SLUICE\" --explain -m x --since now | grep -c '^threads: one (a stage ends'"
expect_output "--explain: --time-format" $'1\n' \
	eval "\"$SLUICE\" --explain --time-format '%s' --until now | grep -c \"as --time-format '%s'\""

# The bisection: a time-ordered log of 256 MiB (a stamp 30 ms after the
# last on each line, and a line without one now and then); --since at
# its last 1% reads a few blocks more than that 1%, and writes what awk
# writes.
big=$scratch/big.log
"$GENLOG" 256M | awk '{ ms = NR * 30; s = int(ms / 1000)
	printf "2026-11-%02dT%02d:%02d:%02d.%03dZ %s\n", 24 + int(s / 86400), int(s / 3600) % 24,
		int(s / 60) % 60, s % 60, ms % 1000, $0
	if (NR % 997 == 0) print "\tcontinued " NR }' >"$big"
size=$(wc -c <"$big")
since=$(tail -c $((size / 100)) "$big" | grep -m 1 -o '^2026-[^ ]*')
check "big: a stamp at its last 1% ($since)" test -n "$since"
awk -v S="$since" '/^2026-/ { keep = ($1 >= S) } keep' "$big" >"$scratch/want"
TZ=UTC0 "$SLUICE" --stats=json --since "$since" "$big" >"$scratch/got" 2>"$scratch/stats.json"
same_bytes "big: --since as awk" "$scratch/got" "$scratch/want"
read_bytes=$(py -c 'import json, sys; i = json.load(open(sys.argv[1]))["input"]; print(i["bytes_read"] + i["bytes_probed"], i["probe_reads"])' "$scratch/stats.json")
check "big: read ${read_bytes% *} bytes of $size in ${read_bytes#* } probes and the window" \
	test "${read_bytes% *}" -lt $((size / 100 + 64 * 65536))
check "big: fewer than 40 probes (${read_bytes#* })" test "${read_bytes#* }" -lt 40
# A window at its start ends the read there.
TZ=UTC0 "$SLUICE" --stats=json --until 2026-11-24T00:01:00Z "$big" >"$scratch/got" 2>"$scratch/stats.json"
awk '/^2026-/ { keep = ($1 < "2026-11-24T00:01:00.000Z") } keep' "$big" >"$scratch/want"
same_bytes "big: --until at the start as awk" "$scratch/got" "$scratch/want"
read_bytes=$(py -c 'import json, sys; i = json.load(open(sys.argv[1]))["input"]; print(i["bytes_read"])' "$scratch/stats.json")
check "big: --until at the start read $read_bytes bytes" test "$read_bytes" -lt 1000000
rm -f "$big"

finish
