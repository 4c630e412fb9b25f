#!/usr/bin/env python3
"""Reference for scripts/bench: the same chains, done the slurping way.

usage: bench-python-slurp.py TASK [FILE]   (TASK is T0..T5; no FILE reads stdin)

Reads the whole input, splits it into a list of lines and runs each stage
over the whole list before the next one, as a quick script often does.  Its
peak RSS grows with the input; that is what the memory benchmark shows.
"""
import re
import sys

T1 = re.compile(rb"ERROR|FATAL|[Ff]ail(ed|ure)")
T2 = re.compile(rb"error|warn", re.I)
T4 = re.compile(rb"error|fail", re.I)
DIGITS = re.compile(rb"[0-9]+")
T5 = re.compile(rb"ERROR")

TASKS = {
    "T0": lambda ls: ls,
    "T1": lambda ls: [l for l in ls if T1.search(l)],
    "T2": lambda ls: [l for l in ls if T2.search(l)],
    "T3": lambda ls: [DIGITS.sub(b"#", l) for l in ls],
    "T4": lambda ls: [DIGITS.sub(b"#", l)
                      for l in [l.strip() for l in ls] if T4.search(l)],
    "T5": lambda ls: [l for l in ls if T5.search(l)][:10],
}


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[1] not in TASKS:
        sys.exit("usage: bench-python-slurp.py T0|T1|T2|T3|T4|T5 [FILE]")
    if len(sys.argv) == 3:
        with open(sys.argv[2], "rb") as f:
            data = f.read()
    else:
        data = sys.stdin.buffer.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()                 # the final terminator ends a line, not starts one
    del data
    out = TASKS[sys.argv[1]](lines)
    sys.stdout.buffer.write(b"".join(l + b"\n" for l in out))


if __name__ == "__main__":
    main()
