#!/usr/bin/env bash
# 255-examples: every example of --help, the man page and README runs,
# on real files, and the man page shows each one as its source spells it.
#
# What counts as an example:
#  * --help: each "e.g." line (one that starts with an option is run as
#    "sluice OPTION..."), and each line of the closing "Examples:" block.
#  * man/sluice.1, read twice: as written (the roff source, with \e, \-,
#    \&, \(aq, \(dq, \(ga, \(ti, \(ha and \(rs turned into what they print
#    and every other escape left as a reader would copy it) and as rendered
#    (man -l, or groff without man-db, and mandoc, each at 200 columns,
#    without overstrikes). An example is
#      - a line of a literal display (.Bd -literal ... .Ed, or .Dl) that,
#        with a line ending in \ or | joined to the next and a leading
#        "$ " taken off, runs sluice with an option: "sluice -" at its
#        start or after a blank or a |;
#      - the text of a .Ql that starts with "sluice " (inline, as
#        'sluice a b'; rendered between ‘ and ’).
#    A display with a line starting with "$ " is a transcript: its "$ "
#    lines (sluice or not) are commands that run in one shell, and the
#    other lines are their output (standard output and error), line for
#    line; "..." in a shown line stands for text left out.
#    Rendered, the same rules are applied to every line that holds no ‘
#    or ’ (those are prose with inline quotes), and the inline ones are
#    taken from ‘sluice ...’. Each rendering must give exactly the
#    source's command lines, in order: a backslash that roff eats, or any
#    other escape that renders otherwise than it reads, is a difference
#    and fails.
#  * README.md: each fenced block, and each indented block, with a line
#    that starts with src/sluice, sluice or scripts/, or pipes into
#    sluice, runs whole as one bash -e script from the top of a clone
#    (data/, src/sluice, scripts/genlog), or as a transcript when it has
#    "$ " lines.
#
# How they run: in a scratch folder holding the files they name (app.log,
# auth.log, app.conf, users.csv, ... made from data/*.log), with standard
# input from app.log, under a 20 s guard, and with "sluice" on PATH (and
# src/sluice) a stand-in that runs $SLUICE and keeps each call's status
# and standard error. /tmp/... and /var/... name folders in the scratch
# folder (so nothing outside it is written); GNU parallel's ssh is a
# stand-in that runs the command here (the hosts of -S are names only);
# less, where it is missing, is cat (off a terminal it is no more).
# An example passes when it exits 0 or 1, ran sluice at least once, and
# every sluice call exited 0 or 1 and wrote no "sluice:" line (the
# --stats report's "sluice: stats" heading is not one); a transcript
# passes when its output is the one shown.
#
# And one example checked for what it prints: the IPv4 pattern of the
# man page (each rendering) and of --help, on "1x2y3z4 10.0.0.1", prints
# 10.0.0.1 alone (with its backslash lost, it printed 1x2y3z4 too).
. "$(dirname "$0")/lib.sh"
# Every file below is made under $scratch: without lib.sh, stop.
[ -d "${scratch:-}" ] || { echo "255-examples: lib.sh did not load" >&2; exit 2; }

top=${SRCDIR:-$(dirname "$0")/../..}
page=$top/man/sluice.1

# The examples that cannot run as written: GLOB (over the example's
# text), then HOW, then WHY, separated by tabs. The first match applies.
#   skip               not run
#   sigint SECONDS     ended by SIGINT (Ctrl-C) after SECONDS
#   replace FROM TO    run with FROM replaced by TO
#   decoders NAME...   run only where sluice -V lists those decoders and
#                      their tools are installed to make the files
cat >"$scratch/exceptions" <<'EOF'
scripts/demo*scripts/test*	skip	README's two entry points: scripts/test runs the whole suite, this test too, and scripts/demo builds the tree in place and pushes 1 GiB through sluice
*--follow*	sigint 1	--follow reads on until Ctrl-C, as the man page says; SIGINT ends the stream as the end of input would (exit 0 or 1)
scripts/genlog 1G |*	replace 1G 64M	1 GiB costs seconds of a busy machine; the example is about what --stats reports, which 64 MiB shows as well
*.zst*	decoders gzip zstd	a build without libzstd (or zlib and ISA-L) cannot read the rotated logs it names
EOF

# --- the scratch folder the examples run in ---------------------------
work=$scratch/work      # the current folder, and the top of a "clone"
root=$scratch/root      # what /tmp and /var stand for
bin=$scratch/bin        # sluice, and the stand-ins
calls=$scratch/calls    # one file per sluice call: its status, and .err
mkdir -p "$work/src" "$work/scripts" "$work/lib" "$root/tmp" "$root/var/reports" \
	"$root/var/log/app" "$bin" "$calls" "$scratch/parallel-home" "$scratch/ipv4"
cat >"$bin/sluice" <<'EOF'
#!/usr/bin/env bash
# sluice as the examples call it: the built one, with each call's status
# and standard error kept for the test.
call=${EXAMPLE_CALLS:?}/$$
"${SLUICE:?}" "$@" 2>"$call.err"
status=$?
[ -s "$call.err" ] && cat "$call.err" >&2
echo "$status" >"$call.status"
exit "$status"
EOF
ssh_standin "$bin/ssh-standin"
command -v less >/dev/null || printf '#!/bin/sh\nexec cat\n' >"$bin/less"
printf '#!/bin/sh\nexec "%s/scripts/genlog" "$@"\n' "$(cd "$top" && pwd)" >"$work/scripts/genlog"
printf '#!/bin/sh\nexec "%s/scripts/genjava" "$@"\n' "$(cd "$top" && pwd)" >"$work/scripts/genjava"
chmod +x "$bin"/* "$work/scripts/genlog" "$work/scripts/genjava"
cp "$bin/sluice" "$work/src/sluice"
ln -s "$(cd "$DATA" && pwd)" "$work/data"
touch "$scratch/parallel-home/will-cite"

# The files the examples name. app.log: Zookeeper's log (CRLF line ends)
# and a few lines of its own, a FATAL one among the last ten (tail -f
# shows those).
{
	cat "$(with_newline "$DATA/Zookeeper_2k.log")"
	printf '2015-07-29 19:21:%02d,000 - ERROR [main:Job@42] - job %d failed: timeout after 300 ms\r\n' 1 7 2 8
	printf '2015-07-29 19:21:03,000 - INFO  [main:Backup@12] - backup done\r\n'
	printf '2015-07-29 19:21:04,000 - FATAL [main:Disk@3] - disk 3 is full\r\n'
} >"$work/app.log"
cp "$(with_newline "$DATA/OpenSSH_2k.log")" "$work/auth.log"
cp "$work/app.log" "$work/stdin"
cp "$work/app.log" "$work/huge.log"
cp "$(with_newline "$DATA/HDFS_2k.log")" "$work/big.log"
cp "$(with_newline "$DATA/Linux_2k.log")" "$work/report.txt"
cp "$(with_newline "$DATA/HDFS_2k.log")" "$work/app.log.1"
gzip -c "$DATA/Linux_2k.log" >"$work/app.log.3.gz"
if command -v zstd >/dev/null; then zstd -q -c "$DATA/Apache_2k.log" >"$work/app.log.2.zst"; fi
printf 'name,uid,shell\nalice,1000,/bin/bash\nbob,1001,/bin/sh\n' >"$work/users.csv"
# An access log (Apache common format): the bytes sent are field 10.
for i in 1 2 3 4 5 6; do
	printf '10.0.0.%d - - [24/Nov/2026:10:00:0%d +0000] "GET /p/%d HTTP/1.1" 200 %d\n' "$i" "$i" "$i" $((i * 1000))
done >"$work/access.log"
printf 'listen 8080\nworkers 4\n' >"$work/app.conf"
printf 'a1\na2' >"$work/a"
printf 'b1\n' >"$work/b"
printf 'one line\n' | gzip -c >"$work/f.gz"
printf 'int main(void) { return 0; }\n' >"$work/lib/main.c"
cp "$work/app.log" "$root/var/log/app.log"
cp "$work/app.log" "$root/var/log/app/a.log"
{ printf 'x DEBUG y\r\n'; cat "$work/app.log"; } >"$root/var/log/app/b.log"
printf '1x2y3z4 10.0.0.1\n' >"$scratch/ipv4/auth.log"

# --- finding the examples ------------------------------------------------
# plain: a rendered page without overstrikes or colour.
plain() { LC_ALL=C.UTF-8 sed -E $'s/.\b//g; s/\e\\[[0-9;]*m//g'; }
"$SLUICE" --help >"$scratch/help"
renders=()
if command -v man >/dev/null; then
	LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$page" 2>/dev/null | plain >"$scratch/render.man"
	renders+=("$scratch/render.man" "man -l")
elif command -v groff >/dev/null; then
	LC_ALL=C.UTF-8 groff -mandoc -Tutf8 -rLL=200n "$page" 2>/dev/null | plain >"$scratch/render.groff"
	renders+=("$scratch/render.groff" "groff")
fi
if command -v mandoc >/dev/null; then
	mandoc -T utf8 -O width=200 "$page" | plain >"$scratch/render.mandoc"
	renders+=("$scratch/render.mandoc" "mandoc")
fi
check "the man page is rendered at all (scripts/test installs mandoc and groff-base)" test "${#renders[@]}" -gt 0

cat >"$scratch/examples.py" <<'EOF'
"""Finds the examples (see 255-examples.sh) and compares the man page's
source with its renderings. Writes the run list (NUL-terminated records:
origin, kind, text, expected output, separated by \x1f) and prints one
verdict a line: PASS name, or FAIL message."""
import re
import sys

SLUICE = re.compile(r'(^|[\s|])sluice\s+-')
README = re.compile(r'^(src/sluice|sluice|scripts/)|\|\s*(src/)?sluice\s')
ROFF = {'e': '\\', '-': '-', '&': '', '(aq': "'", '(dq': '"', '(ga': '`',
        '(ti': '~', '(ha': '^', '(rs': '\\', '[aq]': "'", '[dq]': '"'}


def unroff(s):
    """What a careful reader copies from roff text."""
    return re.sub(r'\\(\(..|\[[^]]*\]|.)',
                  lambda m: ROFF.get(m.group(1), m.group(0)), s)


def logical(lines):
    """Lines with a trailing \\ or | joined to the next, stripped."""
    out, cur = [], None
    for line in lines:
        s = line.strip()
        cur = s if cur is None else (cur + ' ' + s if s else cur)
        if cur.endswith('\\'):
            cur = cur[:-1].rstrip()
        elif not cur.endswith('|'):
            out.append(cur)
            cur = None
    if cur is not None:
        out.append(cur)
    return out


def unprompt(line):
    return line[2:] if line.startswith('$ ') else line


def transcript(lines):
    """[(command, [output lines])] of a block with "$ " lines, else None."""
    if not any(line.strip().startswith('$ ') for line in lines):
        return None
    steps, pending = [], None
    for line in lines:
        if pending is not None:
            pending.append(line)
            if not line.rstrip().endswith(('\\', '|')):
                steps.append((logical(pending)[0][2:], []))
                pending = None
        elif line.strip().startswith('$ '):
            pending = [line.strip()]
            if not line.rstrip().endswith(('\\', '|')):
                steps.append((logical(pending)[0][2:], []))
                pending = None
        elif steps:
            steps[-1][1].append(line.rstrip())
    return steps


def page_source(text):
    """(displays, inline) of the roff source: displays as lists of lines."""
    displays, inline, block = [], [], None
    for line in text.split('\n'):
        if block is not None:
            if line.startswith('.Ed'):
                displays.append(block)
                block = None
            elif not line.startswith('.'):
                block.append(unroff(line))
            continue
        if re.match(r'\.Bd\s.*-literal', line):
            block = []
            continue
        m = re.match(r'\.Dl\s+(.*)', line)
        if m:
            displays.append([unroff(m.group(1))])
            continue
        m = re.search(r'(?:^\.|\s)Ql\s+(sluice\s.*)$', line) if line.startswith('.') else None
        if m:
            inline.append(unroff(re.sub(r'(\s+[.,:;)\]?!])+$', '', m.group(1))))
    return displays, inline


def commands(lines):
    """The command lines: those of a transcript, and any that runs sluice."""
    return [unprompt(c) for c in logical(lines) if c.startswith('$ ') or SLUICE.search(c)]


def page_rendered(text):
    flat = re.sub(r'\s*\n\s*', ' ', text)
    inline = re.findall(r'‘(sluice [^’]*)’', flat)
    lines = [line for line in text.split('\n') if '‘' not in line and '’' not in line]
    return commands(lines), inline


def readme_blocks(text):
    blocks, fence, indented, blank = [], None, None, True
    for line in text.split('\n'):
        if fence is not None:
            if line.startswith('```'):
                blocks.append(fence)
                fence = None
            else:
                fence.append(line)
            continue
        if indented is not None and (line.startswith('    ') or not line.strip()):
            indented.append(line[4:])
            continue
        if indented is not None:
            blocks.append(indented)
            indented = None
        if line.startswith('```'):
            fence = []
        elif line.startswith('    ') and blank:
            indented = [line[4:]]
        blank = not line.strip()
    if indented is not None:
        blocks.append(indented)
    return [b for b in blocks if any(README.search(unprompt(c)) for c in logical(b))]


def main():
    page, help_file, readme, out = sys.argv[1:5]
    renders = sys.argv[5:]
    run = []
    verdicts = []
    seen = set()    # the command lines already in the run list

    def verdict(ok, name):
        verdicts.append(('PASS ' if ok else 'FAIL ') + name)

    def add(origin, kind, text, expected=''):
        if kind in ('cmd', 'ipv4') and (kind, text) in seen:
            return
        run.append((origin, kind, text, expected))
        seen.add((kind, text))
        if kind == 'transcript':
            seen.update(('cmd', c) for c in text.split('\n'))

    # The man page as written.
    displays, inline = page_source(open(page, encoding='utf-8').read())
    listed = []
    for block in displays:
        listed += commands(block)
        steps = transcript(block)
        if steps is None:
            for c in commands(block):
                add('man page', 'cmd', c)
        elif any(SLUICE.search(c) for c, _ in steps):
            add('man page', 'transcript', '\n'.join(c for c, _ in steps),
                '\n'.join(line for _, o in steps for line in o))
    for c in inline:
        add('man page', 'cmd', c)
    verdict(len(listed) >= 12, 'the man page has at least twelve examples (%d)' % len(listed))

    # ... and as rendered: the same list, and the IPv4 one prints what it says.
    for path, name in zip(renders[0::2], renders[1::2]):
        got, got_inline = page_rendered(open(path, encoding='utf-8').read())
        for kind, want, have in (('display', listed, got), ('inline', inline, got_inline)):
            diffs = ['#%d: source [%s], %s [%s]' % (i + 1, w, name, h)
                     for i, (w, h) in enumerate(zip(want, have)) if w != h]
            if len(want) != len(have):
                diffs.append('%d in the source, %d as %s renders them: source %s; %s %s'
                             % (len(want), len(have), name,
                                [w for w in want if w not in have],
                                name, [h for h in have if h not in want]))
            verdict(not diffs, 'man page %s examples as %s renders them = as written%s'
                    % (kind, name, ': ' + '; '.join(diffs) if diffs else ''))
        for c in got + got_inline:
            if SLUICE.search(c) or c in got_inline:
                add('man page as %s renders it' % name, 'cmd', c)
        ipv4 = [c for c in got if "sluice -o '[0-9]+(" in c]
        verdict(ipv4, 'the IPv4 example is in the man page as %s renders it' % name)
        for c in ipv4:
            add('man page as %s renders it' % name, 'ipv4', c)

    # --help.
    text = open(help_file, encoding='utf-8').read()
    found = ['sluice ' + c if c.startswith('-') else c
             for c in re.findall(r'^ +e\.g\. (.*)$', text, re.M)]
    block = re.search(r'^Examples:\n((?: .*\n)+)', text, re.M)
    found += [c for c in logical(block.group(1).split('\n')) if c] if block else []
    verdict(len(found) >= 8, '--help has at least eight examples (%d)' % len(found))
    for c in found:
        add('--help', 'cmd', c)
    ipv4 = [c for c in found if "sluice -o '[0-9]+(" in c]
    for c in ipv4:
        add('--help', 'ipv4', c)

    # README.
    blocks = readme_blocks(open(readme, encoding='utf-8').read())
    verdict(len(blocks) >= 5, 'README has at least five example blocks (%d)' % len(blocks))
    for b in blocks:
        steps = transcript(b)
        if steps is None:
            add('README', 'script', '\n'.join(b).strip('\n'))
        else:
            add('README', 'transcript', '\n'.join(c for c, _ in steps),
                '\n'.join(line for _, o in steps for line in o))

    with open(out, 'w', encoding='utf-8') as f:
        for record in run:
            f.write('\x1f'.join(record) + '\0')
    print('\n'.join(verdicts))


if __name__ == '__main__':
    if sys.argv[1] == 'match':
        # match SHOWN ACTUAL: the actual output is the shown one, line for
        # line, where "..." in a shown line stands for any text.
        shown = open(sys.argv[2], encoding='utf-8').read().rstrip('\n').split('\n')
        actual = open(sys.argv[3], encoding='utf-8', errors='replace').read().rstrip('\n').split('\n')
        bad = [(s, a) for s, a in zip(shown, actual)
               if not re.fullmatch('.*'.join(map(re.escape, s.split('...'))), a)]
        if len(shown) != len(actual) or bad:
            print('%d lines shown, %d written; first difference: %s'
                  % (len(shown), len(actual), bad[0] if bad else '(length)'))
            sys.exit(1)
    else:
        main()
EOF

py "$scratch/examples.py" "$page" "$scratch/help" "$top/README.md" "$scratch/run" \
	"${renders[@]}" >"$scratch/verdicts" 2>"$scratch/py.err"
check "the examples are found ($(head -c 300 "$scratch/py.err"))" test ! -s "$scratch/py.err"
while read -r verdict name; do
	if [ "$verdict" = PASS ]; then pass; else fail "$name"; fi
done <"$scratch/verdicts"

# --- running them ----------------------------------------------------------
decoders=$("$SLUICE" -V | sed -n 's/^decompression: //p')
export SLUICE EXAMPLE_CALLS=$calls PARALLEL_HOME=$scratch/parallel-home PARALLEL_SSH=$bin/ssh-standin

# sluice_calls: what went wrong in the sluice calls of the last run, in
# $call_problems; the number of calls in $ncalls. (No forks: the machine
# may be busy, and this runs for every example.)
sluice_calls() {
	local call status line
	ncalls=0
	call_problems=
	for call in "$calls"/*.err; do
		[ -e "$call" ] || continue
		ncalls=$((ncalls + 1))
		status=
		[ -e "${call%.err}.status" ] && read -r status <"${call%.err}.status"
		case $status in
		0 | 1) ;;
		'') call_problems+="a sluice call did not end; " ;;
		*) call_problems+="a sluice call exited $status; " ;;
		esac
		while IFS= read -r line; do
			if [[ $line == 'sluice: '* && $line != 'sluice: stats' ]]; then
				call_problems+="$line; "
				break
			fi
		done <"$call"
	done
}

# run_example ORIGIN KIND TEXT EXPECTED
run_example() {
	local origin=$1 kind=$2 text=$3 expected=$4 glob how='' why='' action a b first
	local guard=(timeout -k 2 20) shell=(bash -c) status=0 name problems dir c
	while IFS=$'\t' read -r glob how why; do
		# shellcheck disable=SC2053 # the table's column is a glob
		[[ $text == $glob ]] && break
		how=
	done <"$scratch/exceptions"
	read -r action a b <<<"$how"
	case $action in
	skip)
		first=${text%%$'\n'*}
		[ "$first" = "$text" ] || first+=' ...'
		echo "255-examples: not run ($why): $first"
		return ;;
	sigint) guard=(timeout -s INT -k 2 --preserve-status "$a") ;;
	replace) text=${text//"$a"/"$b"} ;;
	decoders)
		for name in $a $b; do
			case $decoders in *"$name"*) ;; *)
				echo "255-examples: not run (sluice -V lists no $name decoder): ${text%%$'\n'*}"
				return ;;
			esac
			if ! command -v "$name" >/dev/null; then
				echo "255-examples: not run ($name is not installed to make its file): ${text%%$'\n'*}"
				return
			fi
		done ;;
	esac
	[ "$kind" = script ] && shell=(bash -e -c)
	[ "$kind" = ipv4 ] && text=${text%% | *}
	name="$origin: $text"
	# /tmp/... and /var/... are the scratch folder's.
	for dir in tmp var; do
		for c in ' ' '=' '>' $'\n' $'\t'; do
			text=${text//"$c/$dir/"/"$c$root/$dir/"}
		done
		[[ $text == "/$dir/"* ]] && text=$root$text
	done
	rm -f "$calls"/*
	(
		cd "$work" || exit 2
		[ "$kind" = ipv4 ] && cd "$scratch/ipv4"
		# A transcript shows both streams, in the order they come.
		[ "$kind" = transcript ] && exec 2>&1
		PATH=$bin:$PATH exec "${guard[@]}" "${shell[@]}" "$text"
	) <"$work/stdin" >"$scratch/out" 2>"$scratch/err" || status=$?
	problems=
	sluice_calls
	[ "$ncalls" -gt 0 ] || problems+="sluice never ran; "
	# A transcript shows its errors, if any, as its output.
	[ "$kind" = transcript ] || problems+=$call_problems
	case $kind in
	ipv4)
		[ "$(cat "$scratch/out")" = 10.0.0.1 ] ||
			problems+="on '1x2y3z4 10.0.0.1' it printed [$(tr '\n' ' ' <"$scratch/out")], not 10.0.0.1 alone; " ;;
	transcript)
		sed -i "s#$root/#/#g" "$scratch/out"
		printf '%s\n' "$expected" >"$scratch/shown"
		problems+=$(py "$scratch/examples.py" match "$scratch/shown" "$scratch/out") ;;
	*)
		case $status in
		0 | 1) ;;
		124) problems+="it did not end within ${guard[-1]} s; " ;;
		*) problems+="it exited $status ($(head -c 200 "$scratch/err")); " ;;
		esac ;;
	esac
	if [ -z "$problems" ]; then pass; else fail "$name: ${problems%; }"; fi
}

while IFS=$'\x1f' read -r -d '' origin kind text expected; do
	run_example "$origin" "$kind" "$text" "$expected"
done <"$scratch/run"

finish
