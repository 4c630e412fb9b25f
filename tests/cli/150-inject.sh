#!/usr/bin/env bash
# 150-inject: fault injection. tests/fault/inject.c (LD_PRELOAD) makes the
# Nth read, write, fsync, rename, open, mkstemp, link, close or malloc of a
# small -O run, and of a small --in-place=.bak run, fail, for every N the
# run has; and makes every read and write short, or interrupted (EINTR).
# Each run must either succeed with exactly the right output, or exit 2
# with one error line giving the system's reason and leave its target as
# it was; no temporary file is ever left, and nothing crashes.
. "$(dirname "$0")/lib.sh"

: "${INJECT:?INJECT must name tests/fault/inject.so (make check sets it)}"

preload=$INJECT
malloc_skipped=
if [ -n "${SANITIZER_CFLAGS:-}" ]; then
	# The sanitizers' runtime must come first; it passes read, write and
	# the others on to the shim, but keeps malloc to itself.
	sanitizer=$(ldd "$SLUICE" | awk '/lib[at]san/ { print $3 }')
	preload="$sanitizer $INJECT"
	malloc_skipped="the sanitizer build replaces malloc, so the shim cannot make it fail"
fi

cat "$DATA/Linux_2k.log" "$DATA/HDFS_2k.log" "$DATA/OpenSSH_2k.log" \
	>"$scratch/input"
chain=(-r 's/[0-9]+/#/g')
"$SLUICE" "${chain[@]}" "$scratch/input" >"$scratch/want"
printf 'the old target\n' >"$scratch/old"
# The target's directory: nothing else may appear in it. On tmpfs where
# there is one, since a few hundred runs' fsyncs on a disk take seconds
# and the faults are the shim's anyway.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/sluice-inject.XXXXXX)
	trap 'rm -rf "$scratch" "$shm"' EXIT
	work=$shm/work
else
	work=$scratch/work
fi

# run_faulted MODE FAULT [COUNT_FILE]: the chain with SLUICE_FAULT=FAULT,
# into $work/target (-O), or rewriting it (in-place, with a backup).
run_faulted() {
	local mode=$1 fault=$2 count=${3:-/dev/null}
	rm -rf "$work"
	mkdir "$work"
	status=0
	if [ "$mode" = O ]; then
		cp "$scratch/old" "$work/target"
		LD_PRELOAD=$preload SLUICE_FAULT=$fault SLUICE_FAULT_COUNT=$count \
			"$SLUICE" "${chain[@]}" -O "$work/target" "$scratch/input" \
			>"$scratch/stdout" 2>"$scratch/stderr" || status=$?
	else
		cp "$scratch/input" "$work/target"
		LD_PRELOAD=$preload SLUICE_FAULT=$fault SLUICE_FAULT_COUNT=$count \
			"$SLUICE" "${chain[@]}" --in-place=.bak "$work/target" \
			>"$scratch/stdout" 2>"$scratch/stderr" || status=$?
	fi
}

# What the target held before the run.
before() { if [ "$1" = O ]; then echo "$scratch/old"; else echo "$scratch/input"; fi; }

# The run succeeded, exactly: status 0, no message, the new output, the
# backup (in-place) holding the old bytes, nothing else in the directory.
succeeded() {
	local mode=$1
	[ "$status" = 0 ] && [ ! -s "$scratch/stderr" ] &&
		cmp -s "$work/target" "$scratch/want" &&
		if [ "$mode" = O ]; then
			[ "$(ls -A "$work")" = target ]
		else
			cmp -s "$work/target.bak" "$scratch/input" &&
				[ "$(ls -A "$work" | tr '\n' ' ')" = "target target.bak " ]
		fi
}

# The run failed cleanly: status 2, one "sluice: " line naming REASON,
# the target as it was (or, when the message says so, replaced whole), a
# backup only if it holds the old bytes, and no temporary file.
failed_cleanly() {
	local mode=$1 reason=$2 old
	old=$(before "$mode")
	[ "$status" = 2 ] || return 1
	[ "$(wc -l <"$scratch/stderr")" = 1 ] || return 1
	grep -q "^sluice: .*$reason" "$scratch/stderr" || return 1
	if grep -q 'replaced, but' "$scratch/stderr"; then
		cmp -s "$work/target" "$scratch/want" || return 1
	else
		cmp -s "$work/target" "$old" || return 1
	fi
	if [ -e "$work/target.bak" ]; then
		cmp -s "$work/target.bak" "$scratch/input" || return 1
	fi
	[ -z "$(ls -A "$work" | grep -v -x -e target -e target.bak)" ]
}

describe() {
	printf 'status %s, stderr [%s], in %s: %s' "$status" \
		"$(head -c 200 "$scratch/stderr")" "$work" "$(ls -A "$work" | tr '\n' ' ')"
}

# sweep MODE CALL ERRNO REASON MUST_FAIL: every N of CALL fails with ERRNO.
# MUST_FAIL: 1 when the fault can only be reported (success would mean it
# was lost), 0 when the run may also recover (malloc: JIT falls back to
# the interpreter; close: an input's close changes nothing).
sweep() {
	local mode=$1 call=$2 errno=$3 reason=$4 must_fail=$5 calls n
	run_faulted "$mode" "$call:0" "$scratch/count"
	calls=$(cat "$scratch/count")
	check "$mode $call: a run with the shim counts its calls and succeeds" succeeded "$mode"
	if [ "$calls" = 0 ]; then
		return
	fi
	for n in $(seq 1 "$calls"); do
		run_faulted "$mode" "$call:$n:$errno"
		if [ "$status" -ge 128 ]; then
			fail "$mode $call:$n:$errno: crashed ($(describe))"
		elif failed_cleanly "$mode" "$reason"; then
			pass
		elif [ "$must_fail" = 0 ] && succeeded "$mode"; then
			pass
		else
			fail "$mode $call:$n:$errno: $(describe)"
		fi
	done
	total_runs=$((total_runs + calls))
}

# recovers MODE CALL WHAT: every N of CALL is short or interrupted; each
# run must succeed exactly.
recovers() {
	local mode=$1 call=$2 what=$3 calls n
	run_faulted "$mode" "$call:0" "$scratch/count"
	calls=$(cat "$scratch/count")
	for n in $(seq 1 "$calls"); do
		run_faulted "$mode" "$call:$n:$what"
		if succeeded "$mode"; then pass; else fail "$mode $call:$n:$what: $(describe)"; fi
	done
	total_runs=$((total_runs + calls))
}

total_runs=0
for mode in O in-place; do
	#     mode    call     errno   reason in the message      must fail
	sweep "$mode" read    EIO    'Input/output error'         1
	sweep "$mode" write   ENOSPC 'No space left on device'    1
	sweep "$mode" write   EIO    'Input/output error'         1
	sweep "$mode" fsync   EIO    'Input/output error'         1
	sweep "$mode" fsync   ENOSPC 'No space left on device'    1
	sweep "$mode" rename  EIO    'Input/output error'         1
	sweep "$mode" open    EACCES 'Permission denied'          1
	sweep "$mode" mkstemp ENOSPC 'No space left on device'    1
	sweep "$mode" link    EPERM  'Operation not permitted'    1
	sweep "$mode" close   EIO    'Input/output error'         0
	if [ -z "$malloc_skipped" ]; then
		sweep "$mode" malloc ENOMEM 'memory'                  0
	fi
	recovers "$mode" read short
	recovers "$mode" write short
	recovers "$mode" read EINTR
	recovers "$mode" write EINTR
done

# The shim is really there: the run reads, writes, syncs and renames.
for call in read write fsync rename; do
	run_faulted O "$call:0" "$scratch/count"
	check "the shim sees $call" test "$(cat "$scratch/count")" -gt 0
done
run_faulted in-place link:0 "$scratch/count"
check "the shim sees link (--in-place=.bak)" test "$(cat "$scratch/count")" = 1

[ -z "$malloc_skipped" ] || echo "150-inject: malloc faults skipped: $malloc_skipped"
echo "150-inject: $total_runs faulted runs"
finish
