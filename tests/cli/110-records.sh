#!/usr/bin/env bash
# 110-records.sh: the options that say what a record is (-z, --crlf,
# --utf8, --max-line with --buffer-size), byte for byte; and the bad
# arguments, each refused with status 2 and one line on stderr naming the
# option, before a byte of input is read.
. "$(dirname "$0")/lib.sh"
if [ -z "${scratch:-}" ] || [ ! -d "$scratch" ]; then
	echo "lib.sh was not loaded" >&2
	exit 99
fi

# The Python of the system, not a version manager's shim (seconds a call).
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

# got_is NAME WANT_FILE WANT_STATUS: the last run ($scratch/got, $st) wrote
# exactly WANT_FILE's bytes and exited with WANT_STATUS.
got_is() {
	if ! cmp -s "$scratch/got" "$2"; then
		fail "$1: output differs: $(cmp "$scratch/got" "$2" 2>&1 | head -1)"
	elif [ "$st" != "$3" ]; then
		fail "$1: status $st, expected $3 ($(head -c 200 "$scratch/err"))"
	else
		pass
	fi
}
# run ARGS... <INPUT: sluice's output in $scratch/got, status in $st.
run() {
	st=0
	"$SLUICE" "$@" >"$scratch/got" 2>"$scratch/err" || st=$?
}
# status_for FILE: 0 when FILE holds a line, 1 when it is empty.
status_for() { if [ -s "$1" ]; then echo 0; else echo 1; fi; }
# want BYTES (printf format): $scratch/want.
want() { printf "$1" >"$scratch/want"; }

# ---- -z: NUL-terminated records ----

printf 'a\0b\nc\0' >"$scratch/z1"
run -z <"$scratch/z1"
got_is "-z identity" "$scratch/z1" 0
printf 'a\0b\nc' >"$scratch/z2"
run -z <"$scratch/z2"
got_is "-z identity, last record without NUL" "$scratch/z2" 0
run -z -m b <"$scratch/z1"
want 'b\nc\0'
got_is "-z -m keeps the newline inside the record" "$scratch/want" 0
run -z -m 'b.c' <"$scratch/z1"
want ''
got_is "-z: . does not match the newline inside" "$scratch/want" 1
run -z -m 'b\nc' <"$scratch/z1"
want 'b\nc\0'
got_is "-z: \\n matches the newline inside" "$scratch/want" 0
run -z -c <"$scratch/z1"
want '2\0'
got_is "-z -c counts records, ends with NUL" "$scratch/want" 0
run -z -N <"$scratch/z2"
want '1\ta\0002\tb\nc'
got_is "-z -N" "$scratch/want" 0
run -z -t 1 <"$scratch/z1"
want 'b\nc\0'
got_is "-z -t 1" "$scratch/want" 0
printf ' a \n\0\n\tb\0' >"$scratch/z3"
run -z -s <"$scratch/z3"
want 'a\0b\0'
got_is "-z -s strips the newlines at the ends" "$scratch/want" 0
run -z -f 2 <"$scratch/z3"
want '\0\0'
got_is "-z -f 2: a newline is a blank" "$scratch/want" 0
printf 'one\ntwo\0three\0' >"$scratch/z4"
run -z -o 'o.' <"$scratch/z4"
want 'on\0'
got_is "-z -o" "$scratch/want" 0
run -z -u <<<"" # a newline alone is one record, "\n", without NUL
printf '\n' >"$scratch/want"
got_is "-z: a newline alone is content" "$scratch/want" 0
run <"$scratch/z1"
got_is "without -z, NUL is content" "$scratch/z1" 0
run -m '^c' <"$scratch/z1"
want 'c\0'
got_is "without -z, a line holds NUL bytes" "$scratch/want" 0

# A NUL-separated list, as find -print0 writes it.
find "$DATA" "$TESTS_DIR" -print0 >"$scratch/list"
run -z <"$scratch/list"
got_is "-z identity on find -print0" "$scratch/list" 0
grep -z 'log$' "$scratch/list" >"$scratch/want"
run -z -m 'log$' <"$scratch/list"
got_is "-z -m = grep -z" "$scratch/want" 0
grep -zv '/cli/' "$scratch/list" >"$scratch/want"
run -z -v '/cli/' <"$scratch/list"
got_is "-z -v = grep -zv" "$scratch/want" 0
tail -z -n 3 "$scratch/list" >"$scratch/want"
run -z -t 3 <"$scratch/list"
got_is "-z -t 3 = tail -z -n 3" "$scratch/want" 0
tr '\0' '\n' <"$scratch/list" | awk -F/ '{print $NF}' | tr '\n' '\0' >"$scratch/want"
run -z -d / -f -1 <"$scratch/list"
got_is "-z -d / -f -1 = basename of each" "$scratch/want" 0

# ---- --crlf ----

crlf_files=()
for f in "$DATA"/*; do
	[ -f "$f" ] && grep -q $'\r$' "$f" && crlf_files+=("$f")
done
check "data/ holds CRLF files" [ "${#crlf_files[@]}" -ge 4 ]

# The expected bytes, from Python: --crlf -s and --crlf --rstrip (the \r
# before each \n taken off, bytes.strip(), the \r put back where one was
# taken; the last record, unterminated, written as it is), and the --utf8
# cases below.
mkdir "$scratch/py"
printf '\xc3\xa9\nplain \xc3\xa9\n\xe6\x97\xa5\xe6\x9c\xac\n\xff\n\xc3\n\xc3x\n\xc3\xa9\xff!\n\xffz\xe6\x97\xa5\n\nA\xc3' >"$scratch/utf8"
"$PY" - "$scratch/py" "$scratch/utf8" "${crlf_files[@]}" <<'EOF'
import os, sys

out, utf8, files = sys.argv[1], sys.argv[2], sys.argv[3:]

def records(data):
    parts = data.split(b"\n")
    last = parts.pop()
    recs = [(p, True) for p in parts]
    if last:
        recs.append((last, False))
    return recs

def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

for i, path in enumerate(files):
    data = open(path, "rb").read()
    for kind, fn in (("s", bytes.strip), ("rstrip", bytes.rstrip)):
        res = []
        for rec, eol in records(data):
            end = b"\n" if eol else b""
            if eol and rec.endswith(b"\r"):
                rec, end = rec[:-1], b"\r\n"
            res.append(fn(rec) + end)
        write("%s.%d" % (kind, i), b"".join(res))

def char_at(line, i):
    """The valid UTF-8 character at line[i], or None."""
    if i >= len(line):
        return None
    for n in (1, 2, 3, 4):
        try:
            return line[i:i + n].decode("utf-8")
        except UnicodeDecodeError:
            pass
    return None

lines = [r for r, _ in records(open(utf8, "rb").read())]
first, every, x, single = b"", b"", b"", 0
for line in lines:
    c = char_at(line, 0)
    if c is not None:
        first += c.encode() + b"\n"
    i, rewritten = 0, b""
    while i < len(line):
        c = char_at(line, i)
        if c is None:
            rewritten += line[i:i + 1]
            i += 1
        else:
            every += c.encode() + b"\n"
            rewritten += b"X"
            i += len(c.encode())
    x += rewritten + b"\n"
    try:
        single += len(line.decode("utf-8")) == 1
    except UnicodeDecodeError:
        pass
write("utf8.first", first)
write("utf8.every", every)
write("utf8.bytes", b"".join(l[:1] + b"\n" for l in lines if l))
write("utf8.x", x[:-1])  # the last line has no newline
write("utf8.single", b"%d\n" % single)
EOF
check "python wrote the expected files" [ -s "$scratch/py/utf8.first" ]

i=0
for f in "${crlf_files[@]}"; do
	b=${f##*/}
	# A fair copy for the line tools: a final \r\n added.
	c=$scratch/$b.crlf
	{ cat "$f"; [ -n "$(tail -c 1 "$f")" ] && printf '\r\n'; } >"$c"
	run --crlf <"$f"
	got_is "--crlf identity, $b" "$f" 0
	run --crlf -s "$f"
	got_is "--crlf -s, $b" "$scratch/py/s.$i" 0
	run --crlf --rstrip "$f"
	got_is "--crlf --rstrip, $b" "$scratch/py/rstrip.$i" 0
	# $ matches before the \r that --crlf took off.
	tr -d '\r' <"$c" | grep -E '[0-9a-z]$' | sed 's/$/\r/' >"$scratch/want"
	run --crlf -m '[0-9a-z]$' "$c"
	got_is "--crlf -m '[0-9a-z]\$' = grep on the CR-less copy, $b" "$scratch/want" "$(status_for "$scratch/want")"
	tr -d '\r' <"$c" | awk '{print $NF}' | sed 's/$/\r/' >"$scratch/want"
	run --crlf -f -1 "$c"
	got_is "--crlf -f -1: the \\r is no part of the field, $b" "$scratch/want" "$(status_for "$scratch/want")"
	i=$((i + 1))
done
# Without --crlf the \r is content: $ never matches before it.
c=$scratch/${crlf_files[0]##*/}.crlf
: >"$scratch/empty"
run -m '[0-9a-z]$' "$c"
got_is "without --crlf, \\r is content" "$scratch/empty" 1
run --crlf -c "${crlf_files[@]}"
awk 'END { print NR }' "${crlf_files[@]}" >"$scratch/want"
got_is "--crlf -c over several FILEs: one stream; a new line, plain as grep -c's" "$scratch/want" 0
printf 'a\r\nb\r\r\nc\rd\r\nlast\r' >"$scratch/cr"
run --crlf -m '\r' "$scratch/cr"
want 'b\r\r\nc\rd\r\nlast\r'
got_is "--crlf takes one \\r off, and only before \\n" "$scratch/want" 0
run --crlf -o '[a-z]+$' "$scratch/cr"
want 'a\r\nd\r\n'
got_is "--crlf -o: each match a CRLF line" "$scratch/want" 0

# A file mixing endings: the \r goes back only where one was taken.
printf 'lf \nCRLF \r\n\r\n\nCR\r alone\r\n last \r' >"$scratch/mixed"
run --crlf "$scratch/mixed"
got_is "--crlf identity on mixed endings" "$scratch/mixed" 0
run --crlf -s "$scratch/mixed"
want 'lf\nCRLF\r\n\r\n\nCR\r alone\r\nlast'
got_is "--crlf -s on mixed endings" "$scratch/want" 0
run --crlf -U -m ' ' "$scratch/mixed"
want 'LF \nCRLF \r\nCR\r ALONE\r\n LAST \r'
got_is "--crlf -U -m on mixed endings" "$scratch/want" 0
run --crlf -t 2 "$scratch/mixed"
want 'CR\r alone\r\n last \r'
got_is "--crlf -t keeps each line's ending" "$scratch/want" 0

# ---- --utf8 ----

u=$scratch/utf8
run --utf8 -o '^.' "$u"
got_is "--utf8 -o '^.' gives whole characters where valid" "$scratch/py/utf8.first" 0
run --utf8 -o '.' "$u"
got_is "--utf8 -o '.' gives every valid character" "$scratch/py/utf8.every" 0
run --utf8 -r 's/./X/g' "$u"
got_is "--utf8 -r s/./X/g: invalid bytes stay" "$scratch/py/utf8.x" 0
run --utf8 -m '^.$' -c "$u"
got_is "--utf8 -m '^.\$': lines of one character" "$scratch/py/utf8.single" 0
run --utf8 -m 'no such text' "$u"
got_is "--utf8 over invalid bytes: no match is status 1, no error" "$scratch/empty" 1
run -o '^.' "$u"
got_is "without --utf8, . is one byte" "$scratch/py/utf8.bytes" 0
run -m '^.$' -c "$u"
want '2\n'
got_is "without --utf8, ^.\$ is one byte" "$scratch/want" 0

# ---- bad arguments: status 2, one line naming the option, at once ----

# Standard input that never ends and never delivers a byte: a FIFO that
# this script holds open for writing.
mkfifo "$scratch/fifo"
exec 3<>"$scratch/fifo"
# refused NAME NEEDLE ARGS...: sluice ARGS exits 2 within a second on the
# blocking input, writes nothing, and one line "sluice: ...NEEDLE...".
refused() {
	local name=$1 needle=$2 start elapsed lines=()
	shift 2
	st=0
	start=${EPOCHREALTIME/./}
	timeout 5 "$SLUICE" "$@" <&3 >"$scratch/got" 2>"$scratch/err" || st=$?
	elapsed=$(((${EPOCHREALTIME/./} - start) / 1000))
	# (less the "Try 'sluice --help'" line of a usage error: 240-help)
	mapfile lines < <(grep -v "^Try 'sluice --help' for more information\.\$" "$scratch/err")
	if [ "$st" != 2 ]; then
		fail "$name: status $st, expected 2 ($(head -c 200 "$scratch/err"))"
	elif [ "$elapsed" -ge 1500 ]; then
		fail "$name: took ${elapsed} ms: it waited for input"
	elif [ -s "$scratch/got" ]; then
		fail "$name: wrote to standard output"
	elif [ "${#lines[@]}" != 1 ] || [ "${lines[0]: -1}" != $'\n' ] ||
		[ "${lines[0]:0:8}" != 'sluice: ' ] || [[ "${lines[0]}" != *"$needle"* ]]; then
		fail "$name: stderr is not one 'sluice: ...$needle...' line: [$(head -c 300 "$scratch/err")]"
	else
		pass
	fi
}
refused "-f 0" "-f '0'" -f 0
refused "-f 3-1" "-f '3-1'" -f 3-1
refused "-f ''" "-f ''" -f ''
refused "-f a" "-f 'a'" -f a
refused "-f 1,,2" "-f '1,,2'" -f 1,,2
refused "--fields=0" "--fields '0'" --fields=0
refused "-k -1" "-k '-1'" -k -1
refused "-n abc" "-n 'abc'" -n abc
refused "-t 99999999999999999999" "-t '99999999999999999999'" -t 99999999999999999999
refused "-t 1000001 (over the ring's limit)" "-t '1000001'" -t 1000001
refused "-d ''" "-d" -d '' -f 1
refused "--buffer-size=0" "--buffer-size" --buffer-size=0
refused "--max-line=0" "--max-line" --max-line=0
refused "-o '('" "-o '('" -o '('
refused "unknown short option" "-X" -X
refused "unknown long option" "--no-such-option" --no-such-option
refused "missing argument, short" "-f" -m x -f
refused "missing argument, long" "--fields" --fields
refused "a bad stage after good ones" "-k 'x'" -s -m a -N -k x
refused "a bad stage before a FILE" "-f '0'" -f 0 "$DATA/README.md"
exec 3>&-

# ---- --max-line with --buffer-size ----

printf -v x1000 '%1000s' ''
x1000=${x1000// /x}
printf -v x1024 '%1024s' ''
x1024=${x1024// /x}
printf -v x2000 '%2000s' ''
x2000=${x2000// /x}
printf 'short\n%s\n%s\nend\n' "$x1000" "$x1024" >"$scratch/ok"
run --max-line=1K --buffer-size=64K "$scratch/ok"
got_is "--max-line=1K --buffer-size=64K: lines up to 1024 bytes pass" "$scratch/ok" 0
printf 'short\n%s\nend\n' "$x2000" >"$scratch/long"
run --max-line=1K --buffer-size=64K <"$scratch/long"
if [ "$st" = 2 ] && [[ "$(<"$scratch/err")" == *:2:*max-line* ]]; then
	pass
else
	fail "--max-line=1K: a 2000-byte line on line 2: status $st, stderr [$(head -c 300 "$scratch/err")]"
fi
printf '%sy\n' "$x1024" >"$scratch/long"
run --max-line=1K --buffer-size=64K <"$scratch/long"
if [ "$st" = 2 ]; then pass; else fail "--max-line=1K: a 1025-byte line: status $st"; fi
run --max-line=1K --buffer-size=64K -f 1 <"$scratch/ok"
got_is "--max-line=1K with a stage" "$scratch/ok" 0

finish
