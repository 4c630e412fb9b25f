#!/usr/bin/env bash
# 140-faults: the fault table. Each row is one way a run can go wrong (a
# bad option, an input that cannot be read, an output that cannot be
# written, a hostile pattern or line), with the exit status, the exact
# line on stderr, and the exact output; or, for -O and --in-place rows,
# that every target is byte-for-byte as it was and no temporary file is
# left beside it.
. "$(dirname "$0")/lib.sh"
set -o pipefail

s=$scratch
t=$s/targets			# the -O and --in-place targets
mkdir "$t" "$s/dir"
printf 'a1\nb2\nc3\n' >"$s/f"
printf 'x\ny\n' >"$s/g"
printf '%0100d\n' 0 >"$s/long"
py -c "import sys; sys.stdout.write('a' * 30000 + 'b\n')" >"$s/aaa"
py -c "import sys; sys.stdout.write('ab' * 500000 + 'x\n')" >"$s/deep"
mkfifo "$s/fifo"
printf 'old\n' >"$t/out"
printf 'one\ntwo\n' >"$t/p1"
printf 'three\nfour\n' >"$t/p2"
ln -s p1 "$t/link"
ln -s missing "$t/dangling"
chmod 640 "$t/p2"
cp -a "$t" "$s/targets.before"

# row NAME STATUS STDERR STDOUT COMMAND: COMMAND (run by eval, so it may
# redirect) exits with STATUS, writes exactly the line STDERR on stderr
# ('' for none) and exactly STDOUT on stdout.
row() {
	local name=$1 want_status=$2 want_err=$3 want_out=$4 command=$5
	local status=0 out err
	eval "$command" >"$s/stdout" 2>"$s/stderr" || status=$?
	out=$(cat "$s/stdout"; printf x)
	out=${out%x}
	err=$(cat "$s/stderr"; printf x)
	err=${err%x}
	[ -z "$want_err" ] || want_err+=$'\n'
	if [ "$status" != "$want_status" ]; then
		fail "$name: status $status, expected $want_status [$err]"
	elif [ "$err" != "$want_err" ]; then
		fail "$name: stderr [$err], expected [$want_err]"
	elif [ "$out" != "$want_out" ]; then
		fail "$name: stdout [$out], expected [$want_out]"
	else
		pass
	fi
}

# kept NAME STATUS STDERR COMMAND: a row with nothing on stdout, after
# which every target is as it was, with no temporary file beside it.
kept() {
	row "$1" "$2" "$3" '' "$4"
	if diff -r --no-dereference "$t" "$s/targets.before" >"$s/diff" 2>&1; then
		pass
	else
		fail "$1: the targets changed: $(head -c 300 "$s/diff")"
		rm -rf "$t"
		cp -a "$s/targets.before" "$t"
	fi
}

J=$(if "$SLUICE" -V | grep -q 'JIT: yes'; then echo 'JIT stack limit reached'; else echo 'depth limit exceeded'; fi)
C='(a whole number from 0 to 9223372036854775807)'
Z='(a number of bytes from 1, with an optional K, M or G)'
T=$'\n'"Try 'sluice --help' for more information."	# after a usage error

#   name                      status  stderr                                                            stdout   command
# Bad options and arguments: nothing is read or written.
row 'unknown short option'    2 "sluice: unknown option -Y$T"                                          ''  '"$SLUICE" -Y "$s/f"'
row 'unknown long option'     2 "sluice: unknown option --bogus$T"                                     ''  '"$SLUICE" --bogus "$s/f"'
row 'missing argument'        2 "sluice: option -m needs an argument$T"                                ''  '"$SLUICE" "$s/f" -m'
row '-O without a FILE'       2 "sluice: option -O needs an argument$T"                                ''  '"$SLUICE" -O'
row '--output= empty'         2 "sluice: --output '': the output needs a file name"                    ''  '"$SLUICE" --output= "$s/f"'
row '-n abc'                  2 "sluice: -n 'abc': not a count $C"                                     ''  '"$SLUICE" -n abc "$s/f"'
row '-n -1'                   2 "sluice: -n '-1': not a count $C"                                      ''  '"$SLUICE" -n -1 "$s/f"'
row '-k x'                    2 "sluice: -k 'x': not a count $C"                                       ''  '"$SLUICE" -k x "$s/f"'
row '--buffer-size=0'         2 "sluice: --buffer-size '0': not a size $Z"                             ''  '"$SLUICE" --buffer-size=0 "$s/f"'
row '--max-line=abc'          2 "sluice: --max-line 'abc': not a size $Z"                              ''  '"$SLUICE" --max-line=abc "$s/f"'
row '--long-lines=bogus'      2 "sluice: --long-lines 'bogus': not a policy (fail, split, truncate or skip)" '' '"$SLUICE" --long-lines=bogus "$s/f"'
row '--match-limit=0'         2 "sluice: --match-limit '0': not a limit (a whole number from 1 to 4294967295)" '' '"$SLUICE" --match-limit=0 "$s/f"'
row '-f 0'                    2 "sluice: -f '0': not a field list (items like 3, 1,4, 2-5, 3- or -1 for the last; fields count from 1)" '' '"$SLUICE" -f 0 "$s/f"'
row '-r unterminated'         2 "sluice: -r 's/a': unterminated s command (expected s/RE/REPL/[gix])" ''  '"$SLUICE" -r s/a "$s/f"'
row '-d empty'                2 "sluice: -d '': the delimiter cannot be empty"                         ''  '"$SLUICE" -d "" "$s/f"'
row 'bad pattern'             2 "sluice: -m '(': missing closing parenthesis at offset 1"              ''  '"$SLUICE" -m "(" "$s/f"'
kept 'bad pattern, -O'        2 "sluice: -m '(': missing closing parenthesis at offset 1"                  '"$SLUICE" -m "(" -O "$t/out" "$s/f"'
kept 'bad pattern, --in-place' 2 "sluice: -v 'a{2,1}': numbers out of order in {} quantifier at offset 5" '"$SLUICE" -v "a{2,1}" --in-place "$t/p1" "$t/p2"'
kept '-O with --in-place'     2 "sluice: -O and --in-place cannot be used together"                        '"$SLUICE" -O "$t/out" --in-place "$t/p1"'
kept '--in-place, no FILE'    2 "sluice: --in-place needs FILEs to rewrite, not standard input"            '"$SLUICE" --in-place=.bak -m x <"$t/p1"'
kept '--in-place -'           2 "sluice: --in-place cannot rewrite standard input ('-')"                   '"$SLUICE" --in-place "$t/p1" - <"$t/p2"'

# Input that cannot be read: reported, the other FILEs still read.
row 'missing FILE'            2 "sluice: $s/missing: No such file or directory"  $'a1\nb2\nc3\nx\ny\n'  '"$SLUICE" "$s/f" "$s/missing" "$s/g"'
row 'directory as FILE'       2 "sluice: $s/dir: Is a directory"                 $'a1\nb2\nc3\nx\ny\n'  '"$SLUICE" "$s/f" "$s/dir" "$s/g"'
kept 'missing FILE, -O'       2 "sluice: $s/missing: No such file or directory"                         '"$SLUICE" -O "$t/out" "$s/f" "$s/missing"'
kept 'directory, -O'          2 "sluice: $s/dir: Is a directory"                                        '"$SLUICE" -O "$t/out" "$s/dir" "$s/f"'
row 'closed stdin'            2 "sluice: (standard input): Bad file descriptor"  ''                     '"$SLUICE" <&-'
kept 'closed stdin, -O'       2 "sluice: (standard input): Bad file descriptor"                         '"$SLUICE" -O "$t/out" <&-'
row 'closed stdin, FILE read' 0 ''                                               $'x\ny\n'              '"$SLUICE" "$s/g" <&-'
row 'FIFO'                    0 ''                                               $'p\nq\n'              '{ printf "p\nq\n" >"$s/fifo" & } ; "$SLUICE" "$s/fifo"'
row 'FIFO, endless, -n 1'     0 ''                                               $'y\n'                 '{ yes >"$s/fifo" 2>/dev/null & } ; "$SLUICE" -n 1 "$s/fifo"'
row 'file removed after open' 0 ''                                               $'a1\nb2\nc3\n'        'cp "$s/f" "$s/gone"; { rm "$s/gone"; "$SLUICE"; } <"$s/gone"'
row '/dev/zero, no newline'   2 "sluice: /dev/zero:1: line longer than --max-line=16777216 bytes (see --long-lines)" '' '"$SLUICE" -n 1 /dev/zero'
row '/dev/zero -z -n 3'       0 ''                                               $'3\n'                 '"$SLUICE" -z -n 3 -c /dev/zero | tr "\0" "\n"'
row 'long line'               2 "sluice: $s/long:1: line longer than --max-line=10 bytes (see --long-lines)" '' '"$SLUICE" --max-line=10 "$s/long"'
kept 'long line, -O'          2 "sluice: $s/long:1: line longer than --max-line=10 bytes (see --long-lines)" '"$SLUICE" --max-line=10 -O "$t/out" "$s/f" "$s/long"'
kept 'long line, --in-place'  2 "sluice: $t/p1:1: line longer than --max-line=2 bytes (see --long-lines)" '"$SLUICE" --max-line=2 --in-place "$t/p1"'

# Hostile patterns end at once, naming pattern and line.
row 'catastrophic -m'         2 "sluice: $s/aaa:1: -m '(a+)+\$': match limit exceeded"  ''  '"$SLUICE" -m "(a+)+\$" "$s/aaa"'
row 'catastrophic -r'         2 "sluice: $s/aaa:1: -r 's/(a+)+\$/x/': match limit exceeded"  ''  '"$SLUICE" -r "s/(a+)+\$/x/" "$s/aaa"'
row 'catastrophic -o'         2 "sluice: $s/aaa:1: -o '(a+)+\$': match limit exceeded"  ''  '"$SLUICE" -o "(a+)+\$" "$s/aaa"'
row 'catastrophic -v, line 2' 2 "sluice: $s/aaa:1: -v '(a+)+\$': match limit exceeded"  $'a1\nb2\nc3\n'  '"$SLUICE" -v "(a+)+\$" "$s/f" "$s/aaa"'
row 'deep backtracking'       2 "sluice: $s/deep:1: -m '^(a|b)*x': $J"               ''  '"$SLUICE" -m "^(a|b)*x" "$s/deep"'
kept 'catastrophic, -O'       2 "sluice: $s/aaa:1: -m '(a+)+\$': match limit exceeded"      '"$SLUICE" -m "(a+)+\$" -O "$t/out" "$s/aaa"'
kept 'catastrophic, --in-place' 2 "sluice: $t/p1:1: -m '(a|o)*+(a|o)*\$': match limit exceeded" '"$SLUICE" --match-limit=1 -m "(a|o)*+(a|o)*\$" --in-place "$t/p1"'

# ... and within a second, however long the line.
py -c "import sys; sys.stdout.write('a' * 1000000 + 'b\n')" >"$s/a_million"
for pattern in '(a+)+$' '^(a|b)*c' '(a|aa)+$'; do
	start=$(now_ms)
	expect_status "a million a's, -m '$pattern': 2" 2 "$SLUICE" -m "$pattern" "$s/a_million"
	elapsed=$(($(now_ms) - start))
	check "a million a's, -m '$pattern': ends in under a second ($elapsed ms)" test "$elapsed" -lt 1000
	message=$(cat "$scratch/stderr")
	check "a million a's, -m '$pattern': names pattern and line [$message]" \
		test "${message#"sluice: $s/a_million:1: -m '$pattern': "}" != "$message" -a "${message%limit*}" != "$message"
done

# Output that cannot be written.
row 'stdout /dev/full'        2 "sluice: (standard output): write error: No space left on device" ''  '"$SLUICE" "$s/f" >/dev/full'
row 'closed stdout'           2 "sluice: (standard output): write error: Bad file descriptor"  ''  '"$SLUICE" "$s/f" >&-'
row '-O /dev/full'            2 "sluice: /dev/full: write error: No space left on device"    ''  '"$SLUICE" -O /dev/full "$s/f"'
kept '-O a directory'         2 "sluice: $t: Is a directory"                                     '"$SLUICE" -O "$t" "$s/f"'
kept '-O in a missing dir'    2 "sluice: $t/nodir/out: cannot create a temporary file in $t/nodir: No such file or directory" '"$SLUICE" -O "$t/nodir/out" "$s/f"'
kept '-O a dangling link'     2 "sluice: $t/dangling: a symbolic link to a missing file"         '"$SLUICE" -O "$t/dangling" "$s/f"'
kept '--in-place a directory' 2 "sluice: $t: Is a directory"                                     '"$SLUICE" --in-place "$t"'
kept '--in-place /dev/null'   2 "sluice: /dev/null: not a regular file"                          '"$SLUICE" --in-place /dev/null'
kept '--in-place a FIFO'      2 "sluice: $s/fifo: not a regular file"                            '"$SLUICE" --in-place "$s/fifo"'
kept '--in-place, missing'    2 "sluice: $t/missing: No such file or directory"                  '"$SLUICE" --in-place "$t/missing"'
row '-O /dev/null'            0 ''                                                  ''  '"$SLUICE" -O /dev/null "$s/f"'
row '-O /dev/stdout'          0 ''                                                  $'a1\nb2\nc3\n'  '"$SLUICE" -O /dev/stdout "$s/f"'

# Permissions: root reads and writes anything, so these rows run as
# nobody where sluice runs as root.
if [ "$(id -u)" != 0 ]; then
	as_other=()
elif command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	as_other=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups)
else
	as_other=(skip)
fi
if [ "${as_other[0]:-}" = skip ]; then
	echo "140-faults: permission rows skipped: running as root, and no setpriv or no user nobody to run them as"
else
	open_dir=$(mktemp -d "${TMPDIR:-/tmp}/sluice-perm.XXXXXX")
	chmod 755 "$open_dir"
	mkdir "$open_dir/locked"
	printf 'secret\n' >"$open_dir/secret"
	printf 'open\n' >"$open_dir/open"
	printf 'kept\n' >"$open_dir/locked/out"
	chmod 000 "$open_dir/secret"
	chmod 555 "$open_dir/locked"
	cp -a "$open_dir/locked" "$s/locked.before"
	row 'no permission to read'   2 "sluice: $open_dir/secret: Permission denied" $'open\n' '"${as_other[@]}" "$SLUICE" "$open_dir/secret" "$open_dir/open"'
	row 'no permission to write'  2 "sluice: $open_dir/locked/out: cannot create a temporary file in $open_dir/locked: Permission denied" '' \
		'cat "$s/f" | "${as_other[@]}" "$SLUICE" -O "$open_dir/locked/out"'
	row '--in-place, locked dir'  2 "sluice: $open_dir/locked/out: cannot create a temporary file in $open_dir/locked: Permission denied" '' \
		'"${as_other[@]}" "$SLUICE" --in-place "$open_dir/locked/out"'
	check 'locked directory: as it was' diff -r "$open_dir/locked" "$s/locked.before"
	chmod -R u+rwx "$open_dir"
	rm -rf "$open_dir"
fi

finish
