#!/usr/bin/env python3
"""reference.py: a plain Python model of sluice's stage chain, for the tests.

    python3 tests/reference.py [-i] [-F] [-z] [--crlf] STAGE... [--] [FILE]...

Stages, applied in the order given (as sluice): -s/--strip, --lstrip,
--rstrip, -m RE/--match=RE, -v RE/--reject=RE, -r s/RE/REPL/[gix]/--replace=,
-n N/--head=N, -c/--count.  Global options: -i, -F, -z, --crlf.  FILEs ('-'
is standard input) are read in order, lazily, one record at a time, as one
stream.  Records follow sluice's rules: the terminator (\\n, or NUL with -z)
is not part of the record; a final record without terminator is written
without one when it reaches the output; a file other than the last that lacks
its final terminator gets one (the next file starts a new record).
With --crlf a \r just before a terminator is taken off for the stages and
put back on output for that record only (records without it, and the line
-c makes, get the plain terminator), so `--crlf` with no stage is identity.

Patterns are Python `re` patterns on bytes; the tests only use syntax that
means the same in PCRE2.  REPL follows PCRE2: $N, ${N}, ${name}, $$.
Exit status as sluice: 0 when a record was written, 1 when none was.
"""
import re
import sys

WS = b" \t\n\r\v\f"


def fail(msg):
    sys.stderr.write("reference.py: %s\n" % msg)
    sys.exit(2)


def records(paths, term):
    """Yield (record, tail) over all FILEs as one stream, lazily: tail is
    the terminator written after the record (b"" for the stream's last
    record when it has none)."""
    paths = paths or ["-"]
    for index, path in enumerate(paths):
        last_file = index == len(paths) - 1
        f = sys.stdin.buffer if path == "-" else open(path, "rb")
        try:
            pending = b""
            while True:
                chunk = f.readline() if term == b"\n" else read_until(f, term)
                if not chunk:
                    break
                if chunk.endswith(term):
                    yield chunk[:-1], term
                else:
                    # The file's last record lacks its terminator: only the
                    # stream's very last record keeps it missing.
                    pending = chunk
            if pending:
                yield pending, b"" if last_file else term
        finally:
            if f is not sys.stdin.buffer:
                f.close()


def read_until(f, term):
    out = bytearray()
    while True:
        b = f.read(1)
        if not b:
            return bytes(out)
        out += b
        if b == term:
            return bytes(out)


def parse_replace(arg, flags):
    if len(arg) < 2 or arg[0:1] != b"s":
        fail("bad -r %r" % arg)
    delim = arg[1:2]
    parts, cur, i = [], bytearray(), 2
    while i < len(arg):
        c = arg[i:i + 1]
        if c == b"\\" and arg[i + 1:i + 2] == delim:
            cur += delim
            i += 2
            continue
        if c == b"\\" and i + 1 < len(arg):
            cur += arg[i:i + 2]
            i += 2
            continue
        if c == delim and len(parts) < 2:
            parts.append(bytes(cur))
            cur = bytearray()
        else:
            cur += c
        i += 1
    if len(parts) != 2:
        fail("unterminated s command %r" % arg)
    pattern, repl, mods = parts[0], parts[1], bytes(cur)
    glob = False
    for m in mods.decode():
        if m == "g":
            glob = True
        elif m == "i":
            flags |= re.I
        elif m == "x":
            flags |= re.X
        else:
            fail("bad flag %r" % m)
    return re.compile(pattern, flags), repl, glob


def expand(repl, m):
    """PCRE2 replacement: $N ${N} ${name} $$; an unset group is empty."""
    out, i = bytearray(), 0
    while i < len(repl):
        c = repl[i:i + 1]
        if c != b"$":
            out += c
            i += 1
            continue
        nxt = repl[i + 1:i + 2]
        if nxt == b"$":
            out += b"$"
            i += 2
        elif nxt == b"{":
            end = repl.index(b"}", i)
            name = repl[i + 2:end].decode()
            g = m.group(int(name) if name.isdigit() else name)
            out += g or b""
            i = end + 1
        else:
            j = i + 1
            while j < len(repl) and repl[j:j + 1].isdigit():
                j += 1
            if j == i + 1:
                fail("bad $ in replacement %r" % repl)
            out += m.group(int(repl[i + 1:j])) or b""
            i = j
    return bytes(out)


def main(argv):
    args = [a.encode("utf-8", "surrogateescape") for a in argv]
    flags, fixed, term, crlf = 0, False, b"\n", False
    # First pass: global options apply wherever they appear.
    for a in args:
        if a in (b"-i", b"--ignore-case"):
            flags |= re.I
        elif a in (b"-F", b"--fixed-strings"):
            fixed = True
        elif a in (b"-z", b"--null-data"):
            term = b"\0"
        elif a == b"--crlf":
            crlf = True
    stages, files, i = [], [], 0
    with_arg = {b"-m": "match", b"-v": "reject", b"-r": "replace",
                b"-n": "head"}
    long_arg = {b"--match=": "match", b"--reject=": "reject",
                b"--replace=": "replace", b"--head=": "head"}
    while i < len(args):
        a = args[i]
        i += 1
        if a == b"--":
            files += args[i:]
            break
        if a in (b"-i", b"--ignore-case", b"-F", b"--fixed-strings", b"-z",
                 b"--null-data", b"--crlf"):
            continue
        if a in (b"-s", b"--strip"):
            stages.append(("strip", None))
        elif a == b"--lstrip":
            stages.append(("lstrip", None))
        elif a == b"--rstrip":
            stages.append(("rstrip", None))
        elif a in (b"-c", b"--count"):
            stages.append(("count", None))
        elif a in with_arg:
            if i >= len(args):
                fail("%s needs an argument" % a)
            stages.append((with_arg[a], args[i]))
            i += 1
        elif any(a.startswith(p) for p in long_arg):
            p = next(p for p in long_arg if a.startswith(p))
            stages.append((long_arg[p], a[len(p):]))
        elif a.startswith(b"-") and a != b"-":
            fail("unknown option %r" % a)
        else:
            files.append(a)

    stream = records([f.decode("utf-8", "surrogateescape") for f in files],
                     term)
    if crlf:
        # A \r before the terminator is taken off and put back on output.
        stream = ((r[:-1], b"\r" + t) if t and r.endswith(b"\r") else (r, t)
                  for r, t in stream)
    for kind, arg in stages:
        stream = apply(stream, kind, arg, flags, fixed, term)

    out = sys.stdout.buffer
    wrote = False
    for rec, tail in stream:
        wrote = True
        out.write(rec + tail)
    out.flush()
    return 0 if wrote else 1


def apply(stream, kind, arg, flags, fixed, term):
    if kind == "strip":
        return ((r.strip(WS), t) for r, t in stream)
    if kind == "lstrip":
        return ((r.lstrip(WS), t) for r, t in stream)
    if kind == "rstrip":
        return ((r.rstrip(WS), t) for r, t in stream)
    if kind in ("match", "reject"):
        rx = re.compile(re.escape(arg) if fixed else arg, flags)
        keep = kind == "match"
        return ((r, t) for r, t in stream if bool(rx.search(r)) == keep)
    if kind == "replace":
        rx, repl, glob = parse_replace(arg, flags)
        return ((rx.sub(lambda m: expand(repl, m), r, count=0 if glob else 1),
                 t) for r, t in stream)
    if kind == "head":
        return head(stream, int(arg))
    if kind == "count":
        return count(stream, term)
    raise AssertionError(kind)


def head(stream, n):
    if n <= 0:
        return  # reads nothing
    for k, item in enumerate(stream, 1):
        yield item
        if k >= n:
            return


def count(stream, term):
    n = sum(1 for _ in stream)
    yield str(n).encode(), term


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
