# lib.sh: what the command-line tests share. Each test sources it, calls
# check/expect_* for every behaviour, and ends with `finish`, which prints
# "N passed, M failed" and sets the exit status.
set -u

: "${SLUICE:?SLUICE must name the built binary (make check sets it)}"
: "${DATA:?DATA must name the data/ folder (make check sets it)}"
export LC_ALL=C

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
