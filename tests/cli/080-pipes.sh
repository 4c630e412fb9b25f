#!/usr/bin/env bash
# 080-pipes: endless and huge inputs — -n ends the run at once (upstream
# reads no more), -n 0 reads nothing, a closed output pipe ends the run at
# once and quietly (SIGPIPE default or ignored), --line-buffered output
# arrives line by line while the input is still open.
. "$(dirname "$0")/lib.sh"

# within_ms NAME LIMIT COMMAND...: COMMAND finishes within LIMIT ms.
within_ms() {
	local name=$1 limit=$2 start took
	shift 2
	start=$(now_ms)
	"$@" >"$scratch/timed.out" 2>"$scratch/timed.err"
	took=$(($(now_ms) - start))
	if [ "$took" -le "$limit" ]; then pass; else fail "$name: took ${took} ms (limit $limit)"; fi
}

# -n on endless input.
within_ms "yes | -n 3 ends within a second" 1000 eval 'yes | timeout 5 "$SLUICE" -n 3'
expect_output "yes | -n 3 prints 3 lines" $'y\ny\ny\n' cat "$scratch/timed.out"
within_ms "yes | -m y -n 1 ends within a second" 1000 eval 'yes | timeout 5 "$SLUICE" -m y -n 1'
expect_output "yes | -m y -n 1 prints one y" $'y\n' cat "$scratch/timed.out"
within_ms "-v y -n 2 ends when the n lines come (input still endless)" 1000 \
	eval '{ yes | head -n 100000; yes n; } | timeout 5 "$SLUICE" -v y -n 2'
expect_output "... and prints the two n lines" $'n\nn\n' cat "$scratch/timed.out"
# --decompress=none: random bytes start with gzip's magic once in 65536.
within_ms "-m x -n 1 /dev/urandom ends within a second" 1000 timeout 5 "$SLUICE" --decompress=none -m x -n 1 /dev/urandom
check "-m x -n 1 /dev/urandom: one line, containing x" eval '[ "$(wc -l <"$scratch/timed.out")" = 1 ] && grep -qa x "$scratch/timed.out"'
within_ms "-n 1 in a long chain on endless input" 1000 \
	eval 'yes "  Error 42  " | timeout 5 "$SLUICE" -s -m Error -r "s/[0-9]+/#/" -n 1'
expect_output "... prints the processed line" $'Error #\n' cat "$scratch/timed.out"

# -n 0 reads nothing: not even the first byte of an endless input.
within_ms "-n 0 /dev/zero ends at once" 1000 timeout 5 "$SLUICE" -n 0 /dev/zero
expect_status "-n 0 /dev/zero: status 1 (no line), no error" 1 timeout 5 "$SLUICE" -n 0 /dev/zero
check "-n 0 /dev/zero: nothing on stderr" test ! -s "$scratch/stderr"
expect_status "yes | -n 0: 1 at once" 1 eval 'yes | timeout 5 "$SLUICE" -n 0'
expect_status "-m x -n 0 /dev/zero: 1 (no long-line error: nothing was read)" 1 timeout 5 "$SLUICE" -m x -n 0 /dev/zero
expect_output "-n 0 -c /dev/zero: counts 0 without reading" $'0\n' timeout 5 "$SLUICE" -n 0 -c /dev/zero

# A closed output pipe ends the run at once and quietly.
if [ -x "${GENLOG:-}" ]; then
	big() { "$GENLOG" 1G; }
else
	big() { yes 'a log line 123'; }
fi
run_head1() { big 2>/dev/null | timeout 10 "$SLUICE" 2>"$scratch/sluice.err" | head -n 1; }
within_ms "big | sluice | head -1 ends within seconds" 3000 run_head1
check "big | sluice | head -1: one line out" test "$(wc -l <"$scratch/timed.out")" = 1
check "big | sluice | head -1: nothing on stderr" test ! -s "$scratch/sluice.err"
run_head1_chain() { big 2>/dev/null | timeout 10 "$SLUICE" -s -r 's/[0-9]/#/g' 2>"$scratch/sluice.err" | head -n 1; }
within_ms "big | chain | head -1 ends within seconds" 3000 run_head1_chain
check "big | chain | head -1: nothing on stderr" test ! -s "$scratch/sluice.err"
# With SIGPIPE ignored (as some CI runners and daemons leave it), the write
# fails with EPIPE: still an immediate, quiet end.
run_epipe() {
	(
		trap '' PIPE
		yes 'a log line 123' 2>/dev/null | timeout 10 "$SLUICE" 2>"$scratch/sluice.err"
		echo $? >"$scratch/sluice.status"
	) | head -n 1
}
within_ms "SIGPIPE ignored: closed pipe ends within seconds" 3000 run_epipe
check "SIGPIPE ignored: nothing on stderr" test ! -s "$scratch/sluice.err"
check "SIGPIPE ignored: not killed by timeout" test "$(cat "$scratch/sluice.status")" != 124

# --line-buffered: each line arrives while the writer keeps the input open.
mkfifo "$scratch/in" "$scratch/out"
line_buffered_first_line() {
	local line=timeout
	timeout 10 "$SLUICE" "$@" <"$scratch/in" >"$scratch/out" &
	local pid=$!
	exec 3>"$scratch/in" 4<"$scratch/out"
	printf 'skip me\nfirst line\n' >&3
	read -r -t 3 line <&4
	printf 'second line\n' >&3
	local second=timeout
	read -r -t 3 second <&4
	exec 3>&- 4<&-
	wait "$pid"
	printf '%s|%s\n' "$line" "$second"
}
expect_output "--line-buffered: lines arrive one by one, input still open" $'first line|second line\n' \
	line_buffered_first_line --line-buffered -v skip
expect_output "--line-buffered with a chain" $'FIRST line|SECOND line\n' \
	line_buffered_first_line -v skip --line-buffered -r 's/^(first|second)/${1}X/' -r 's/firstX/FIRST/' -r 's/secondX/SECOND/'

# Output to /dev/null: only the status can tell, and the first line
# settles it (as grep does), so an endless input ends at its first match.
status=0
timeout 10 bash -c 'yes a | "$SLUICE" -m a >/dev/null' || status=$?
expect_output "/dev/null: an endless input ends at the first match, status 0" 0 echo -n "$status"
expect_status "/dev/null: no match is status 1" 1 eval '"$SLUICE" -m zzz "$DATA/HDFS_2k.log" >/dev/null'
expect_output "/dev/null with --stats: every line still counted" $'2000\n' \
	eval '"$SLUICE" --stats=json -m . "$DATA/HDFS_2k.log" 2>&1 >/dev/null | tail -n 1 | jq .output.lines'

finish
