#!/usr/bin/env bash
# 145-signals: SIGINT, SIGTERM and SIGHUP in the middle of a run. sluice
# stops, says "interrupted by SIG...", removes its temporary file, leaves
# the -O or --in-place target as it was, and ends by the signal itself
# (status 128 + N), as a shell script expects of any program. A signal
# ignored when sluice starts (nohup) stays ignored.
. "$(dirname "$0")/lib.sh"

: "${INJECT:?INJECT must name tests/fault/inject.so (make check sets it)}"
preload=$INJECT
if [ -n "${SANITIZER_CFLAGS:-}" ]; then
	preload="$(ldd "$SLUICE" | awk '/lib[at]san/ { print $3 }') $INJECT"
fi

s=$scratch
t=$s/targets
mkdir "$t"
fifo=$s/fifo
mkfifo "$fifo"

# A background job of a script starts with SIGINT ignored; give sluice
# the default dispositions, as a foreground command has them.
defaults=(env --default-signal=INT,TERM,HUP)

# wait_for NAME CONDITION...: up to 10 s for CONDITION to hold.
wait_for() {
	local i
	for i in $(seq 1 200); do
		"$@" && return 0
		sleep 0.05
	done
	return 1
}
has_temporary() { ls -A "$t" | grep -q '^\.sluice-'; }

# ended_by NAME PID SIGNAL: PID ends with status 128 + SIGNAL's number
# and the one line "sluice: interrupted by SIGSIGNAL".
ended_by() {
	local name=$1 pid=$2 sig=$3 status=0
	{ wait "$pid"; } 2>/dev/null || status=$?
	expect_output "$name: status 128+$sig" "$((128 + $(kill -l "$sig")))" echo -n "$status"
	expect_output "$name: the message" "sluice: interrupted by SIG$sig"$'\n' cat "$s/err"
}

for sig in INT TERM HUP; do
	# -O, blocked reading a FIFO after its first line.
	printf 'old\n' >"$t/out"
	"${defaults[@]}" "$SLUICE" -O "$t/out" "$fifo" 2>"$s/err" &
	pid=$!
	exec 3>"$fifo"
	printf 'first line\n' >&3
	check "-O, SIG$sig: the temporary file exists while it runs" wait_for has_temporary
	sleep 0.1
	kill -s "$sig" "$pid"
	ended_by "-O, SIG$sig while reading" "$pid" "$sig"
	exec 3>&-
	expect_output "-O, SIG$sig: FILE as it was" $'old\n' cat "$t/out"
	check "-O, SIG$sig: no temporary left" eval '! has_temporary'

	# --in-place, the first FILE done, the second blocked in a read (the
	# shim holds its 4th read until the signal).
	printf 'one\n' >"$t/p1"
	printf 'two\n' >"$t/p2"
	rm -f "$s/ready"
	LD_PRELOAD=$preload SLUICE_FAULT=read:4:block SLUICE_FAULT_READY=$s/ready \
		"${defaults[@]}" "$SLUICE" -U --in-place=.bak "$t/p1" "$t/p2" 2>"$s/err" &
	pid=$!
	check "--in-place, SIG$sig: it reaches the second FILE" wait_for test -e "$s/ready"
	kill -s "$sig" "$pid"
	ended_by "--in-place, SIG$sig in the second FILE" "$pid" "$sig"
	expect_output "--in-place, SIG$sig: the first FILE was rewritten" $'ONE\n' cat "$t/p1"
	expect_output "--in-place, SIG$sig: the second FILE as it was" $'two\n' cat "$t/p2"
	check "--in-place, SIG$sig: no backup of the second FILE" test ! -e "$t/p2.bak"
	check "--in-place, SIG$sig: no temporary left" eval '! has_temporary'

	# -O, blocked in a write (the shim holds the first write).
	printf 'old\n' >"$t/out"
	rm -f "$s/ready"
	LD_PRELOAD=$preload SLUICE_FAULT=write:1:block SLUICE_FAULT_READY=$s/ready \
		"${defaults[@]}" "$SLUICE" -O "$t/out" "$DATA/Linux_2k.log" 2>"$s/err" &
	pid=$!
	check "-O, SIG$sig: it reaches its first write" wait_for test -e "$s/ready"
	kill -s "$sig" "$pid"
	ended_by "-O, SIG$sig while writing" "$pid" "$sig"
	expect_output "-O, SIG$sig while writing: FILE as it was" $'old\n' cat "$t/out"
	check "-O, SIG$sig while writing: no temporary left" eval '! has_temporary'
done

# Standard output, blocked reading: the same status and message.
"${defaults[@]}" "$SLUICE" "$fifo" >"$s/out" 2>"$s/err" &
pid=$!
exec 3>"$fifo"
printf 'first\n' >&3
sleep 0.2
kill -s TERM "$pid"
ended_by "stdout, SIGTERM while reading" "$pid" TERM
exec 3>&-

# Blocked opening a FIFO nobody writes to.
"${defaults[@]}" "$SLUICE" -O "$t/out" "$fifo" 2>"$s/err" &
pid=$!
check "-O, blocked in open: the temporary file exists" wait_for has_temporary
sleep 0.1
kill -s INT "$pid"
ended_by "-O, SIGINT while opening a FIFO" "$pid" INT
check "-O, SIGINT while opening: no temporary left" eval '! has_temporary'

# A signal ignored at the start stays ignored (nohup): SIGHUP changes
# nothing, and the run ends normally when its input does.
printf 'old\n' >"$t/out"
(trap '' HUP; exec env --default-signal=INT,TERM "$SLUICE" -O "$t/out" "$fifo") 2>"$s/err" &
pid=$!
exec 3>"$fifo"
printf 'kept going\n' >&3
wait_for has_temporary
kill -s HUP "$pid"
sleep 0.2
printf 'to the end\n' >&3
exec 3>&-
status=0
wait "$pid" || status=$?
expect_output "an ignored SIGHUP: the run ends normally" 0 echo -n "$status"
expect_output "an ignored SIGHUP: FILE replaced" $'kept going\nto the end\n' cat "$t/out"

finish
