# lib.sh: what the command-line tests share. Each test sources it, calls
# check/expect_* for every behaviour, and ends with `finish`, which prints
# "N passed, M failed" and sets the exit status.
set -u

: "${SLUICE:?SLUICE must name the built binary (make check sets it)}"
: "${DATA:?DATA must name the data/ folder (make check sets it)}"
export LC_ALL=C
# The commands these tests hand to script(1), and the ones GNU parallel's
# remote wrapper runs through the ssh stand-in, are bash; both start
# $SHELL, which a CI runner may leave unset (script then runs /bin/sh,
# parallel's wrapper runs nothing). sshd would set it from the login shell.
export SHELL=$BASH

passed=0
failed=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sluice-cli.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }

# check NAME COMMAND...: passes when COMMAND succeeds.
check() {
	local name=$1
	shift
	if "$@"; then pass; else fail "$name"; fi
}

# expect_output NAME EXPECTED COMMAND...: COMMAND's stdout is EXPECTED.
expect_output() {
	local name=$1 expected=$2 actual
	shift 2
	actual=$("$@" 2>"$scratch/stderr"; printf x)
	actual=${actual%x}
	if [ "$actual" = "$expected" ]; then
		pass
	else
		fail "$name: got [$actual], expected [$expected]"
	fi
}

# expect_status NAME STATUS COMMAND...: COMMAND exits with STATUS.
expect_status() {
	local name=$1 expected=$2 status=0
	shift 2
	"$@" >"$scratch/stdout" 2>"$scratch/stderr" || status=$?
	if [ "$status" = "$expected" ]; then
		pass
	else
		fail "$name: status $status, expected $expected ($(head -c 300 "$scratch/stderr"))"
	fi
}

# same_bytes NAME FILE_A FILE_B
same_bytes() {
	if cmp -s "$2" "$3"; then pass; else fail "$1: $2 and $3 differ"; fi
}

finish() {
	printf '%s: %d passed, %d failed\n' "$(basename "$0")" "$passed" "$failed"
	[ "$failed" = 0 ]
}

# --- helpers added for the CLI scripts ---

# expect_bytes NAME FILE COMMAND...: COMMAND's stdout is byte-identical to
# FILE (its status is not checked here; use expect_status for that).
expect_bytes() {
	local name=$1 want=$2
	shift 2
	"$@" >"$scratch/bytes" 2>"$scratch/stderr"
	if cmp -s "$scratch/bytes" "$want"; then
		pass
	else
		fail "$name: output differs from $want: $(cmp "$scratch/bytes" "$want" 2>&1 | head -1)"
	fi
}

# expect_stderr NAME EXPECTED COMMAND...: COMMAND's stderr is exactly the
# line EXPECTED (plus its newline).
expect_stderr() {
	local name=$1 expected=$2 actual
	shift 2
	# stdout to a file: into /dev/null the first line would end the run.
	actual=$("$@" 2>&1 >"$scratch/stderr-run.out"; printf x)
	actual=${actual%x}
	if [ "$actual" = "$expected"$'\n' ]; then
		pass
	else
		fail "$name: stderr [$actual], expected [$expected]"
	fi
}

# one_error_line NAME [FILE]: FILE (default: the last captured stderr) is
# exactly one newline-terminated line starting with "sluice: ".
one_error_line() {
	local name=$1 file=${2:-$scratch/stderr}
	if [ "$(wc -l <"$file")" = 1 ] && [ "$(tail -c 1 "$file" | od -An -c | tr -d ' ')" = '\n' ] &&
		[ "$(head -c 8 "$file")" = 'sluice: ' ]; then
		pass
	else
		fail "$name: stderr is not one 'sluice: ' line: [$(head -c 300 "$file")]"
	fi
}

# with_newline FILE: prints the path of a copy of FILE that ends with a
# newline (FILE itself when it already does), for tools like grep and sed
# that add one to an unterminated last line.
with_newline() {
	local copy
	if [ ! -s "$1" ] || [ "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' ')" = 0a ]; then
		printf '%s\n' "$1"
		return
	fi
	copy=$scratch/nl.$(basename "$1")
	[ -e "$copy" ] || { cat "$1"; printf '\n'; } >"$copy"
	printf '%s\n' "$copy"
}

# now_ms: wall-clock milliseconds, for "ends at once" checks.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# py: python3 itself, without site packages, for quick starts (a version
# manager's shim such as pyenv's costs half a second a call: skip it).
PYTHON=
for p in $(type -ap python3); do
	case $p in */shims/*) ;; *) PYTHON=$p; break ;; esac
done
[ -n "$PYTHON" ] || PYTHON=$(python3 -c 'import sys; print(sys.executable)')
py() { "$PYTHON" -S "$@"; }

# reference: tests/reference.py, the Python model of the stage chain.
reference() { py "${TESTS_DIR:-$(dirname "$0")/..}/reference.py" "$@"; }

# expect_result NAME WANT_FILE WANT_STATUS COMMAND...: COMMAND writes exactly
# the bytes of WANT_FILE and exits with WANT_STATUS (one check for both).
expect_result() {
	local name=$1 want=$2 want_status=$3 status=0
	shift 3
	"$@" >"$scratch/bytes" 2>"$scratch/stderr" || status=$?
	if ! cmp -s "$scratch/bytes" "$want"; then
		fail "$name: output differs: $(cmp "$scratch/bytes" "$want" 2>&1 | head -1)"
	elif [ "$status" != "$want_status" ]; then
		fail "$name: status $status, expected $want_status ($(head -c 300 "$scratch/stderr"))"
	else
		pass
	fi
}

# agree NAME REFERENCE... ::: ARGS...: `$SLUICE ARGS...` writes exactly what
# the REFERENCE command writes and exits with its status (0, 1 or 2).
agree() {
	local name=$1 st=0 ref=()
	shift
	while [ "$1" != ::: ]; do ref+=("$1"); shift; done
	shift
	"${ref[@]}" >"$scratch/want" 2>/dev/null || st=$?
	expect_result "$name" "$scratch/want" "$st" "$SLUICE" "$@"
}

# ssh_standin FILE: makes FILE an ssh for GNU parallel (its --ssh, or
# $PARALLEL_SSH) that drops ssh's options, adds the host name to
# $STANDIN_LOG when that is set, and runs the remote command here.
ssh_standin() {
	cat >"$1" <<'EOF'
#!/usr/bin/env bash
while [ $# -gt 0 ]; do
	case $1 in -o | -l | -p | -S) shift 2 ;; -*) shift ;; *) break ;; esac
done
if [ -n "${STANDIN_LOG:-}" ]; then printf '%s\n' "$1" >>"$STANDIN_LOG"; fi
shift
[ "${1:-}" = -- ] && shift
exec bash -c "$*"
EOF
	chmod +x "$1"
}
