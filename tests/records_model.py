#!/usr/bin/env python3
r"""records_model.py: records of several lines (SPEC 7) as sluice should make them.

    python3 tests/records_model.py start|cont|end RE [--crlf] [-z] [STAGE [ARG]]... -- FILE...
    python3 tests/records_model.py --batch DIR

(--batch: each file DIR/N.job holds those arguments, one a line, and the
output goes to DIR/N.want: one Python start-up for many runs.)

Groups the FILEs' lines by the rule (RE is a Python re on bytes, tried on
one line at a time; the first line of each FILE starts a record), then runs
the stages -m -v -o -r -c -N -n -t -k -u -s -f over the records (patterns in
multi-line mode) and writes them as sluice should: each line with its
terminator, \r\n for every line under --crlf but a last one without.
"""
import re
import sys

def main(argv, out):
    mode, rule = argv[0], re.compile(argv[1].encode())
    args = argv[2:]
    crlf = nul = False
    stages = []
    while args[0] != '--':
        a = args.pop(0)
        if a == '--crlf':
            crlf = True
        elif a == '-z':
            nul = True
        elif a == '-j':
            args.pop(0)         # threads change no byte
        elif a in ('-c', '-N', '-u', '-s'):
            stages.append((a, None))
        else:
            stages.append((a, args.pop(0)))
    files = args[1:]
    term = b'\0' if nul else b'\n'
    crlf = crlf and not nul
    records = []
    lineno = 0
    for index, path in enumerate(files):
        data = open(path, 'rb').read()
        lines = data.split(term)
        final = data.endswith(term) or data == b''
        lines = lines[:-1] if final else lines
        current = None
        for i, line in enumerate(lines):
            lineno += 1
            last = i == len(lines) - 1
            eol = 'plain' if not last or final or index < len(files) - 1 else 'none'
            if crlf and eol == 'plain' and line.endswith(b'\r'):
                line, eol = line[:-1], 'crlf'
            elif crlf and line.endswith(b'\r') and not last:
                line = line[:-1]
            matched = rule.search(line) is not None
            if current is None:
                starts = True
            elif mode == 'start':
                starts = matched
            elif mode == 'cont':
                starts = not matched
            else:
                starts = current[3]
            if starts:
                current = [lineno, [line], eol, mode == 'end' and matched]
                records.append(current)
            else:
                current[1].append(line)
                current[2] = eol
                current[3] = mode == 'end' and matched
        # a record never spans FILEs
    records = [(r[0], term.join(r[1]), r[2]) for r in records]
    for name, arg in stages:
        records = stage(name, arg, records, term)
    for lineno, text, eol in records:
        if crlf:
            text = text.replace(b'\n', b'\r\n')
        out.write(text + {'none': b'', 'plain': term, 'crlf': b'\r' + term}[eol])

def stage(name, arg, records, term):
    flags = re.M
    if name == '-m':
        return [r for r in records if re.search(arg.encode(), r[1], flags)]
    if name == '-v':
        return [r for r in records if not re.search(arg.encode(), r[1], flags)]
    if name == '-o':
        return [(r[0], m.group(0), 'plain' if r[2] == 'none' else r[2])
                for r in records
                for m in re.finditer(arg.encode(), r[1], flags) if m.group(0)]
    if name == '-r':
        d = arg[1]
        _, pattern, replacement, options = arg.split(d)
        count = 0 if 'g' in options else 1
        return [(r[0], re.sub(pattern.encode(), replacement.encode(), r[1],
                              count=count, flags=flags), r[2]) for r in records]
    if name == '-c':
        return [(0, str(len(records)).encode(), 'plain')]
    if name == '-N':
        return [(r[0], b'%d\t' % r[0] + r[1], r[2]) for r in records]
    if name == '-n':
        return records[:int(arg)]
    if name == '-t':
        return records[-int(arg):] if int(arg) else []
    if name == '-k':
        return records[int(arg):]
    if name == '-u':
        kept, before = [], None
        for r in records:
            if r[1] != before:
                kept.append(r)
            before = r[1]
        return kept
    if name == '-s':
        return [(r[0], r[1].strip(), r[2]) for r in records]
    if name == '-f':
        out = []
        for r in records:
            fields = re.split(rb'[ \t\n]+', r[1].strip(b' \t\n'))
            fields = [f for f in fields if f] or []
            picked = []
            for item in arg.split(','):
                k = int(item)
                k = k - 1 if k > 0 else len(fields) + k
                if 0 <= k < len(fields):
                    picked.append(fields[k])
            out.append((r[0], b' '.join(picked), r[2]))
        return out
    raise SystemExit('model: no stage ' + name)

if sys.argv[1] == '--batch':
    import glob
    import os
    for job in sorted(glob.glob(os.path.join(sys.argv[2], '*.job'))):
        with open(job, encoding='utf-8', errors='surrogateescape') as f:
            argv = f.read().split('\n')[:-1]
        with open(job[:-4] + '.want', 'wb') as out:
            main(argv, out)
else:
    main(sys.argv[1:], sys.stdout.buffer)
