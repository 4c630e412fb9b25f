#!/usr/bin/env bash
# 138-follow: --follow reads the last FILE on as it grows, as tail -F
# does: appends, a rename with a new file under the name, a truncation,
# --follow=end; -n ends the run; SIGINT and SIGTERM end the stream as an
# end of input would (-c prints), a second signal ends it at once. A
# writer appends while sluice runs; every wait is bounded and generous.
. "$(dirname "$0")/lib.sh"

# Background jobs of a script ignore SIGINT; let sluice catch it.
defaults=(env --default-signal=INT,TERM)
log=$scratch/app.log
out=$scratch/out
err=$scratch/err

# wait_for_lines FILE N: until FILE has N lines (at most 20 s).
wait_for_lines() {
	local tries=0
	while [ "$(wc -l <"$1" 2>/dev/null || echo 0)" -lt "$2" ] && [ "$tries" -lt 2000 ]; do
		sleep 0.01
		tries=$((tries + 1))
	done
	[ "$(wc -l <"$1")" -ge "$2" ]
}

# stop PID SIGNAL: sends SIGNAL and waits; the exit status in $status.
stop() {
	status=0
	kill -s "$2" "$1"
	wait "$1" 2>/dev/null || status=$?
}

# Appends, then a rotation: the old file is read to its end, the new one
# from its start.
printf 'one ERROR\ntwo\n' >"$log"
"${defaults[@]}" "$SLUICE" --follow -m ERROR "$log" >"$out" 2>"$err" &
pid=$!
check "follow: the file as it was" wait_for_lines "$out" 1
printf 'three ERROR\nfour\n' >>"$log"
check "follow: a line appended" wait_for_lines "$out" 2
printf 'five ERROR\n' >>"$log"
mv "$log" "$log.1"
printf 'six ERROR\n' >"$log"
check "follow: rotation: the new file from its start" wait_for_lines "$out" 4
printf 'seven ERROR\n' >>"$log"
check "follow: ... and as it grows" wait_for_lines "$out" 5
stop "$pid" TERM
expect_output "follow: SIGTERM ends it as an end of input (status 0)" 0 echo -n "$status"
expect_output "follow: every line, in order" \
	"$(printf '%s ERROR\n' one three five six seven)"$'\n' cat "$out"
check "follow: nothing on stderr" test ! -s "$err"

# Rotation under a fast writer: all 10000 lines, in order. The writer
# appends lines 1 to 10000 through one O_APPEND descriptor as fast as it
# can. After line 5000 the file is renamed to .1, and then either a new
# empty file is created under the name at once (logrotate's create) or
# not yet (a writer that reopens by itself); the writer goes on with lines
# 5001 to 6000 through its old descriptor, pausing now and then as a live
# program does (so that sluice catches up with it there), and only then
# opens the name anew for the rest. Leaving the old file as soon as the
# new one appears loses the lines written to the old one after that.
cat >"$scratch/writer.py" <<'EOF'
import os, sys, time

path, seen, create = sys.argv[1], sys.argv[2], sys.argv[3] == "create"
flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
fd = os.open(path, flags, 0o644)
os.write(fd, b"1\n")
# Rotate only once sluice holds the file: it has written line 1.
for _ in range(2000):
    if os.path.getsize(seen) > 0:
        break
    time.sleep(0.01)
for i in range(2, 5001):
    os.write(fd, b"%d\n" % i)
os.rename(path, path + ".1")
if create:
    os.close(os.open(path, flags, 0o644))
for i in range(5001, 6001):
    os.write(fd, b"%d\n" % i)
    if i % 50 == 0:
        time.sleep(0.002)
os.close(fd)
fd = os.open(path, flags, 0o644)
for i in range(6001, 10001):
    os.write(fd, b"%d\n" % i)
os.close(fd)
EOF
seq 1 10000 >"$scratch/want"
for how in create reopen; do
	rm -f "$log" "$log.1"
	: >"$log"
	# Empty now (not when the job below gets to it): the writer takes a
	# line in it as the sign that sluice holds the file.
	: >"$out"
	timeout 20 "$SLUICE" --follow -n 10000 "$log" >"$out" 2>"$err" &
	pid=$!
	timeout 20 "$PYTHON" -S "$scratch/writer.py" "$log" "$out" "$how"
	status=0
	wait "$pid" || status=$?
	expect_output "rotation under a fast writer ($how): status 0" 0 echo -n "$status"
	if cmp -s "$scratch/want" "$out"; then
		pass
	else
		fail "rotation under a fast writer ($how): all 10000 lines, in order:" \
			"got $(wc -l <"$out") lines; $(cmp "$scratch/want" "$out" 2>&1 | head -1)"
	fi
	check "rotation under a fast writer ($how): nothing on stderr" test ! -s "$err"
done
# Nothing stale for the next wait_for_lines to count.
: >"$out"

# Truncation: read on from the new start, with a warning.
printf 'old 1\nold 2\nold 3\n' >"$log"
"${defaults[@]}" "$SLUICE" --follow "$log" >"$out" 2>"$err" &
pid=$!
check "truncate: the file as it was" wait_for_lines "$out" 3
sleep 0.2
printf 'new\n' >"$log"
check "truncate: the new content" wait_for_lines "$out" 4
stop "$pid" INT
expect_output "truncate: status 0" 0 echo -n "$status"
expect_output "truncate: the lines" $'old 1\nold 2\nold 3\nnew\n' cat "$out"
expect_output "truncate: the warning" \
	"sluice: $log: file truncated, reading from its start"$'\n' cat "$err"

# SIGINT with -c: the count of what came, as an end of input would.
printf 'a ERROR\nb\n' >"$log"
"${defaults[@]}" "$SLUICE" --follow -m ERROR -c "$log" >"$out" 2>"$err" &
pid=$!
sleep 0.3
printf 'c ERROR\n' >>"$log"
sleep 0.3
stop "$pid" INT
expect_output "-c: SIGINT ends the stream, status 0" 0 echo -n "$status"
expect_output "-c: the count" $'2\n' cat "$out"
"${defaults[@]}" "$SLUICE" --follow -m NOTHING "$log" >"$out" 2>"$err" &
pid=$!
sleep 0.3
stop "$pid" TERM
expect_output "no line written: status 1" 1 echo -n "$status"

# --follow=end: only what comes after the start.
printf 'before\n' >"$log"
"${defaults[@]}" "$SLUICE" --follow=end "$log" >"$out" 2>"$err" &
pid=$!
sleep 0.3
printf 'after\n' >>"$log"
check "--follow=end: the appended line" wait_for_lines "$out" 1
stop "$pid" TERM
expect_output "--follow=end: status 0" 0 echo -n "$status"
expect_output "--follow=end: only it" $'after\n' cat "$out"

# -n ends the run while a writer keeps appending.
printf 'x\n' >"$log"
(for i in $(seq 1 200); do printf 'line %d\n' "$i" >>"$log"; sleep 0.05; done) &
writer=$!
start=$(now_ms)
expect_output "-n 3 ends the run" $'x\nline 1\nline 2\n' \
	timeout 20 "$SLUICE" --follow -n 3 "$log"
check "-n 3: ... long before the writer is done" test $(($(now_ms) - start)) -lt 8000
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null

# Two signals: the second ends the run at once, by its default action.
printf 'a\n' >"$log"
"${defaults[@]}" "$SLUICE" --follow -c "$log" >"$out" 2>"$err" &
pid=$!
sleep 0.3
kill -s STOP "$pid"
kill -s INT "$pid"
kill -s TERM "$pid"
kill -s CONT "$pid"
status=0
wait "$pid" 2>/dev/null || status=$?
check "two signals: killed by one of them (status $status)" \
	eval '[ "$status" = 130 ] || [ "$status" = 143 ]'
check "two signals: no count written" test ! -s "$out"

# What --follow refuses, and where it changes nothing.
printf 'a\n' | gzip >"$scratch/app.log.gz"
expect_status "a compressed FILE: status 2" 2 "$SLUICE" --follow "$scratch/app.log.gz"
cp "$scratch/stderr" "$err"
expect_output "a compressed FILE: the message" \
	"sluice: $scratch/app.log.gz: --follow cannot follow a compressed file (it would be read to its end only)"$'\n' \
	cat "$err"
expect_status "with -O: status 2" 2 "$SLUICE" --follow -O "$scratch/o" "$log"
cp "$scratch/stderr" "$err"
expect_output "with -O: the message" \
	"sluice: --follow cannot be used with -O: the output of an endless run is never complete"$'\n' \
	cat "$err"
expect_status "with --in-place: status 2" 2 "$SLUICE" --follow --in-place "$log"
expect_status "--follow=sideways: status 2" 2 "$SLUICE" --follow=sideways "$log"
expect_output "standard input: a pipe ends as it would" $'a\n' \
	eval 'printf "a\n" | timeout 10 "$SLUICE" --follow'
expect_output "only the last FILE is followed" $'a\nx\n' \
	eval 'printf "x\n" | timeout 10 "$SLUICE" --follow "$log" -'

finish
