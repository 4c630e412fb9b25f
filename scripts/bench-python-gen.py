#!/usr/bin/env python3
"""Reference for scripts/bench: the task chains as a lazy Python generator pipeline.

usage: bench-python-gen.py TASK [FILE]   (TASK is T0..T5, T7, R1, C1 or C2; no
FILE reads stdin)

Each stage is a generator over lines without their terminator, so memory stays
bounded and T5 stops reading after its tenth match, as sluice does.  Regexes
are the re module on bytes (ASCII case folding), sluice's default byte mode.
T7 is T1 over a gzip FILE, read through the gzip module. R1 groups lines into
records of several lines (a timestamped line and the lines after it, as
sluice --record-start does), keeps those that mention NullPointerException
and counts them. C1 and C2 end the chain with a collections.Counter, written
as sluice --count-by writes it (count, tab, key; the most frequent first, ties
in byte order); C2 only its first ten.
"""
import collections
import gzip
import re
import sys


def read(f):
    for line in f:
        yield line[:-1] if line.endswith(b"\n") else line


def strip(lines):
    for line in lines:
        yield line.strip()          # bytes.strip(): ASCII whitespace, as sluice -s


def match(pattern, flags=0):
    search = re.compile(pattern, flags).search
    def stage(lines):
        return (line for line in lines if search(line))
    return stage


def sub(pattern, repl):
    rx = re.compile(pattern)
    def stage(lines):
        return (rx.sub(repl, line) for line in lines)
    return stage


def field(n):
    def stage(lines):
        for line in lines:
            fields = line.split()       # runs of blanks, as sluice -f and awk
            yield fields[n - 1] if len(fields) >= n else b""
    return stage


def head(n):
    def stage(lines):
        for i, line in zip(range(n), lines):
            yield line
    return stage


def records(start):
    """Lines joined into records: a line matching start begins one."""
    starts = re.compile(start).search
    def stage(lines):
        record = None
        for line in lines:
            if record is not None and starts(line):
                yield record
                record = None
            record = line if record is None else record + b"\n" + line
        if record is not None:
            yield record
    return stage


def count(lines):
    yield b"%d" % sum(1 for _ in lines)


TASKS = {
    "T0": [],
    "T1": [match(rb"ERROR|FATAL|[Ff]ail(ed|ure)")],
    "T2": [match(rb"error|warn", re.I)],
    "T3": [sub(rb"[0-9]+", b"#")],
    "T4": [strip, match(rb"error|fail", re.I), sub(rb"[0-9]+", b"#")],
    "T5": [match(rb"ERROR"), head(10)],
    "T7": [match(rb"ERROR|FATAL|[Ff]ail(ed|ure)")],
    "R1": [records(rb"^\d{4}-\d\d-\d\d "), match(rb"NullPointerException"),
           count],
    "C1": [field(3)],
    "C2": [],
}
COUNTED = {"C1": None, "C2": 10}      # the count-by tasks: how many keys


def count_by(lines, top):
    counts = collections.Counter(lines)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    for key, n in ordered[:top]:
        yield b"%d\t%s" % (n, key)


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[1] not in TASKS:
        sys.exit("usage: bench-python-gen.py T0|T1|T2|T3|T4|T5|T7|R1|C1|C2 [FILE]")
    f = open(sys.argv[2], "rb") if len(sys.argv) == 3 else sys.stdin.buffer
    if sys.argv[1] == "T7":
        f = gzip.open(f, "rb")
    lines = read(f)
    for stage in TASKS[sys.argv[1]]:
        lines = stage(lines)
    if sys.argv[1] in COUNTED:
        lines = count_by(lines, COUNTED[sys.argv[1]])
    out = sys.stdout.buffer
    for line in lines:
        out.write(line + b"\n")


if __name__ == "__main__":
    main()
