#!/usr/bin/env bash
# 170-threads: -j N runs the per-line stages on N threads, and changes
# nothing else. For a table of chains (every stage kind, alone and before
# the stages that stay in the main thread) and a table of inputs (a file,
# a pipe, -z, --crlf, several FILEs with an unreadable one, long records
# under each policy, a match limit hit mid-stream, output that outgrows
# its input), -j 2 and -j 3 write the same bytes, the same messages and
# exit with the same status as -j 1; so does the default, over an input
# large enough for it to start threads. -n ends an endless input at once.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}"
size=3M
[ -n "${SANITIZER_CFLAGS:-}" ] && size=1M
"$GENLOG" "$size" >"$scratch/log"
# The same with real log lines, WARN and INFO included.
cat "$DATA"/*.log >"$scratch/real"

# same_as_one NAME ARGS...: sluice -j 2 and -j 3 ARGS give -j 1's stdout,
# stderr and status (ARGS may read standard input: it is $scratch/stdin).
same_as_one() {
	local name=$1 j status want_status=0
	shift
	"$SLUICE" -j 1 "$@" <"$scratch/stdin" >"$scratch/want" \
		2>"$scratch/want-err" || want_status=$?
	for j in 2 3; do
		status=0
		"$SLUICE" -j $j "$@" <"$scratch/stdin" >"$scratch/got" \
			2>"$scratch/got-err" || status=$?
		if ! cmp -s "$scratch/got" "$scratch/want"; then
			fail "$name, -j $j: stdout differs from -j 1: $(cmp "$scratch/got" "$scratch/want" 2>&1 | head -1)"
		elif ! cmp -s "$scratch/got-err" "$scratch/want-err"; then
			fail "$name, -j $j: stderr [$(head -c 300 "$scratch/got-err")], -j 1's [$(head -c 300 "$scratch/want-err")]"
		elif [ "$status" != "$want_status" ]; then
			fail "$name, -j $j: status $status, -j 1's $want_status"
		else
			pass
		fi
	done
}

# Every stage kind, alone, together, and followed by the stages that see
# the whole stream (-u -k -n -t -c stay in the main thread).
chains=(
	"-s"
	"--lstrip"
	"--rstrip"
	"-m ERROR"
	"-v INFO"
	"-i -m error|fail"
	"-F -m ."
	"-m ^[0-9]{4}-"
	"-r s/[0-9]+/#/g"
	"-r s/(\\w+)=(\\w+)/\$2=\$1/"
	"-o [0-9]+"
	"-o x*"
	"-f 2,1"
	"-d : -f 2-"
	"-U"
	"-L"
	"-N"
	"-s -i -m error|fail -r s/[0-9]+/#/g"
	"-m WARN -N -f 1,3"
	"-m ERROR -u"
	"-N -k 5 -m 1"
	"-r s/[0-9]/N/g -t 3"
	"-m INFO -c"
	"-u"
	"-m ERROR -n 10"
	"-s -n 5000"
	"-m s/a/b/"
)
# Inputs: "files" runs each chain over FILEs, "pipe" over standard input.
: >"$scratch/stdin"
for chain in "${chains[@]}"; do
	read -r -a args <<<"$chain"
	same_as_one "$chain over a FILE" "${args[@]}" "$scratch/log"
	same_as_one "$chain over real logs" "${args[@]}" "$scratch/real"
done
cp "$scratch/log" "$scratch/stdin"
for chain in "${chains[@]}"; do
	read -r -a args <<<"$chain"
	same_as_one "$chain over standard input" "${args[@]}"
done

# Records and FILEs: -z, --crlf, several FILEs (one unreadable, the last
# without a final terminator), - among them.
tr '\n' '\0' <"$scratch/log" >"$scratch/stdin"
same_as_one "-z over standard input" -z -s -m ERROR -N
same_as_one "-z -o" -z -o '[0-9]+'
sed 's/$/\r/' "$scratch/log" >"$scratch/stdin"
same_as_one "--crlf" --crlf -s -m 'ERROR$|5$' -r 's/[0-9]+/#/g'
same_as_one "--crlf -N -U" --crlf -N -U
head -c 100000 "$scratch/real" >"$scratch/stdin"
printf 'no terminator' >"$scratch/last"
same_as_one "several FILEs, - and an unreadable one" -m 'a' -N \
	"$scratch/log" "$scratch/missing" - "$scratch/real" "$scratch/last"
same_as_one "several FILEs, the last one unterminated, -r" -r 's/a/b/g' \
	"$scratch/real" "$scratch/last"
: >"$scratch/empty"
same_as_one "empty FILEs between" -s "$scratch/empty" "$scratch/last" \
	"$scratch/empty" "$scratch/real" "$scratch/empty"

# Long records: longer than --buffer-size, than a job (256 KiB) and than
# --max-line, under each policy, among short ones.
xs() { head -c "$1" /dev/zero | tr '\0' "${2:-x}"; }
{
	head -c 300000 "$scratch/log"
	xs 100000 a; printf '\n'
	head -c 300000 "$scratch/real"
	xs 400000 b; printf '\nshort\n'
	xs 2000000 c; printf '\n'
	head -c 300000 "$scratch/log"
	xs 5000 d
} >"$scratch/long"
for policy in fail split truncate skip; do
	same_as_one "long lines, --long-lines=$policy" --max-line=1M \
		--long-lines=$policy -s -N "$scratch/long"
	same_as_one "long lines, --long-lines=$policy, small buffer" \
		--buffer-size=100 --max-line=300 --long-lines=$policy -o '[a-z]+' \
		"$scratch/long"
done
same_as_one "long lines through a pipe" --max-line=3M -r 's/a+/A/' \
	<"$scratch/long"

# Errors: the first one in input order wins, with the bytes before it.
{
	head -c 2000000 "$scratch/log"
	printf '%sc ab\n' "$(xs 28 a)"
	head -c 500000 "$scratch/log"
	printf '%sc ab\n' "$(xs 28 a)"
} >"$scratch/catastrophic"
same_as_one "match limit hit mid-stream" --match-limit=1000 -s \
	-r 's/(a+)+b/X/' "$scratch/catastrophic"
same_as_one "match limit hit by a filter, then -N" --match-limit=1000 \
	-m '(a+)+b' -N "$scratch/log" "$scratch/catastrophic"
check "the match limit message names FILE:LINE" grep -q \
	"^sluice: $scratch/catastrophic:[0-9][0-9]*: -m '(a+)+b'" "$scratch/got-err"
same_as_one "a line built longer than twice --max-line" --max-line=64K \
	-r 's/c/cccccccc/g' "$scratch/long"

# Output larger than the input, in chunks of a job's output.
same_as_one "-o . (a line per byte)" -o . "$scratch/log"
same_as_one "-r growing every line" -r 's/./<&&&&>/g' "$scratch/log"

# The default starts threads after a few MiB: the same bytes as -j 1.
for i in 1 2 3; do cat "$scratch/log"; done >"$scratch/large"
for chain in "-s -i -m error|fail -r s/[0-9]+/#/g" "-o [0-9]+ -u" "-N"; do
	read -r -a args <<<"$chain"
	"$SLUICE" -j 1 "${args[@]}" "$scratch/large" >"$scratch/want"
	expect_bytes "default threads: $chain over a FILE" "$scratch/want" \
		"$SLUICE" "${args[@]}" "$scratch/large"
	expect_bytes "default threads: $chain over a pipe" "$scratch/want" \
		eval '"$SLUICE" "${args[@]}" <"$scratch/large"'
done

# What building a stage warns is said once, not once more per worker
# (the warning of a substitution given to -m, here).
for opt in "-j 3" ""; do
	# shellcheck disable=SC2086
	"$SLUICE" $opt -m 's/a/b/' -r 's/x/y/' "$scratch/large" >/dev/null \
		2>"$scratch/warned" || true
	check "${opt:-default threads}: a stage's warning is printed once" \
		test "$(grep -c 'looks like a substitution' "$scratch/warned")" = 1
done

# No fork once a thread has started: the accelerator's compiler runs in a
# child only while sluice has one thread, and once per pattern, shared by
# every worker. strace -f shows each clone; a fork is a clone that does
# not share the memory (no CLONE_VM: LeakSanitizer's tracer at exit
# shares it, and is no fork). Checked for -j 4, the default threads, and
# a compressed FILE (whose decoding thread starts first).
no_fork_after_thread() { # no_fork_after_thread TRACE: 0 when none
	awk '/CLONE_THREAD/ { threads = 1; next }
		/clone3?\(|fork\(/ { if (threads && !/CLONE_VM/) { print; bad = 1 } }
		END { exit bad }' "$1"
}
if command -v strace >/dev/null; then
	gzip -c "$scratch/large" >"$scratch/large.gz"
	for args in "-j 4 -m ERROR|WARN" "-m ERROR|WARN -r s/a/b/" \
		"-j 2 -m ERROR|WARN $scratch/large.gz"; do
		read -r -a words <<<"$args"
		[ "${words[-1]}" = "$scratch/large.gz" ] || words+=("$scratch/large")
		status=0
		strace -f -qq -e trace=clone,clone3,fork,vfork -o "$scratch/trace" \
			"$SLUICE" "${words[@]}" >"$scratch/got" 2>/dev/null || status=$?
		"$SLUICE" -j 1 "${words[@]}" >"$scratch/want" 2>/dev/null || true
		check "$args under strace: the bytes of -j 1" cmp -s "$scratch/got" "$scratch/want"
		check "$args: no fork after the first thread ($(grep -c . "$scratch/trace") clones)" \
			no_fork_after_thread "$scratch/trace"
	done
	check "threads were started at all" grep -q CLONE_THREAD "$scratch/trace"
else
	fail "strace is missing (Debian: strace)"
fi

# -n ends an endless input at once: the workers and the reader stop.
for j in 2 3 ""; do
	opt=${j:+-j $j}
	expect_output "yes x | sluice $opt -m x -n 3" $'x\nx\nx\n' \
		eval "yes x | timeout 10 \"\$SLUICE\" $opt -m x -n 3"
	expect_output "yes | sluice $opt -m y -r s/y/z/ -n 3" $'z\nz\nz\n' \
		eval "yes | timeout 10 \"\$SLUICE\" $opt -m y -r s/y/z/ -n 3"
	expect_output "yes | sluice $opt -o . -N -n 2" $'1\ty\n2\ty\n' \
		eval "yes | timeout 10 \"\$SLUICE\" $opt -o . -N -n 2"
done
start=$(now_ms)
expect_output "sluice -j 2 -m y -n 3 /dev/zero-like endless input" $'y\ny\ny\n' \
	eval 'yes | timeout 10 "$SLUICE" -j 2 -s -m y -n 3'
check "-j 2 -n 3 on an endless input ends at once" \
	test $(($(now_ms) - start)) -lt 5000

# Line-buffered output never waits for a job to fill: each line comes out
# as soon as it is read, and the bytes are those of -j 1.
cp "$scratch/log" "$scratch/stdin"
same_as_one "--line-buffered" --line-buffered -s -m ERROR -N
start=$(now_ms)
read -r first < <( (echo first; sleep 3; echo second) |
	timeout 10 "$SLUICE" -j 2 --line-buffered -r 's/f/F/')
check "-j 2 --line-buffered: the first line before the second is read" \
	test "$first" = First -a $(($(now_ms) - start)) -lt 2500

# Memory: the ring of jobs is fixed, so the peak RSS of -j 2 is flat in
# the input's size, and small (without sanitizers, whose shadow passes
# any bound).
: "${PEAK_RSS:?}"
seed=(-s -i -m 'error|fail' -r 's/[0-9]+/#/g')
small=100M large=1G limit_kib=12288
[ -n "${SANITIZER_CFLAGS:-}" ] && small=10M large=100M limit_kib=
for size in $small $large; do
	status=0
	# Into a pipe: into /dev/null the first line would end the run.
	"$GENLOG" $size | "$PEAK_RSS" "$scratch/rss-$size" "$SLUICE" -j 2 \
		"${seed[@]}" > >(cat >/dev/null) || status=$?
	check "-j 2 seed chain over $size succeeds" test "$status" = 0
done
small_kib=$(cat "$scratch/rss-$small") large_kib=$(cat "$scratch/rss-$large")
printf 'peak RSS of -j 2 %s: %s KiB over %s, %s KiB over %s\n' \
	"${seed[*]}" "$small_kib" $small "$large_kib" $large
check "-j 2 peak RSS over $small and $large within 1 MiB" \
	test $((large_kib - small_kib)) -le 1024 -a $((small_kib - large_kib)) -le 1024
if [ -n "$limit_kib" ]; then
	check "-j 2 peak RSS over $large under $limit_kib KiB" \
		test "$large_kib" -lt "$limit_kib"
fi

# The option itself.
for bad in 0 -1 x 65; do
	expect_status "-j $bad: exit 2" 2 "$SLUICE" -j "$bad" "$scratch/log"
	one_error_line "-j $bad: one error line"
done
"$SLUICE" -j 1 -m ERROR -c "$scratch/log" >"$scratch/want"
expect_bytes "--threads=2 is -j 2" "$scratch/want" \
	"$SLUICE" --threads=2 -m ERROR -c "$scratch/log"
finish
