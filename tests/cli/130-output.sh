#!/usr/bin/env bash
# 130-output: -O FILE and --in-place[=SUFFIX] when things go right: the
# bytes are those standard output would get, FILE is replaced (never
# written in place), modes and owners are kept, symbolic links stay links,
# backups hold the old bytes, each --in-place FILE is a run of its own
# (as sed -i), a run that writes no line still replaces FILE, and no
# temporary file is ever left. Failures are in 140-faults.
. "$(dirname "$0")/lib.sh"

s=$scratch
log=$DATA/Linux_2k.log
chain=(-s -i -m 'error|fail' -r 's/[0-9]+/#/g')

# no_temporary NAME DIR: nothing of sluice's is left in DIR.
no_temporary() {
	if ls -A "$2" | grep -q '^\.sluice-'; then
		fail "$1: a temporary file is left in $2: $(ls -A "$2" | tr '\n' ' ')"
	else
		pass
	fi
}

# -O: the bytes of standard output, FILE replaced by rename.
"$SLUICE" "${chain[@]}" "$log" >"$s/want"
printf 'old\n' >"$s/out"
inode=$(stat -c %i "$s/out")
expect_status "-O: status as without it" 0 "$SLUICE" "${chain[@]}" -O "$s/out" "$log"
check "-O: nothing on stdout" test ! -s "$scratch/stdout"
same_bytes "-O: FILE holds the output" "$s/out" "$s/want"
check "-O: FILE is a new file (renamed over, not rewritten)" test "$(stat -c %i "$s/out")" != "$inode"
expect_status "--output=FILE: the same" 0 "$SLUICE" "${chain[@]}" --output="$s/out2" "$log"
same_bytes "--output=FILE: the same bytes" "$s/out2" "$s/want"
expect_status "-O with a binary identity chain" 0 "$SLUICE" -O "$s/bin" "$SLUICE"
same_bytes "-O: identity is exact on binary input" "$s/bin" "$SLUICE"
no_temporary "-O" "$s"

# A run that writes no line still replaces FILE: a stale FILE would look
# like this run's answer (grep > FILE and sed -i do the same).
printf 'yesterday\n' >"$s/out"
expect_status "-O, no line written: 1" 1 "$SLUICE" -m nomatchxyz -O "$s/out" "$log"
check "-O, no line written: FILE is now empty" test ! -s "$s/out"
printf 'yesterday\n' >"$s/out"
expect_status "-O, no line, --no-match-ok: 0" 0 "$SLUICE" --no-match-ok -m nomatchxyz -O "$s/out" "$log"
check "-O, no line, --no-match-ok: FILE is empty" test ! -s "$s/out"

# -O may name an input FILE: it is read to its end first.
cp "$log" "$s/self"
expect_status "-O onto its own input" 0 "$SLUICE" "${chain[@]}" -O "$s/self" "$s/self"
same_bytes "-O onto its own input: filtered, not truncated" "$s/self" "$s/want"
cp "$log" "$s/self"
expect_status "-O onto its own input, -n 5" 0 "$SLUICE" -n 5 -O "$s/self" "$s/self"
expect_output "-O onto its own input, -n 5: five lines" "$(head -5 "$log")"$'\n' cat "$s/self"

# Modes: a new FILE as a redirect would create it, an old one keeps its.
for mask in 022 077 002; do
	rm -f "$s/new" "$s/redirect"
	(umask "$mask"; "$SLUICE" -O "$s/new" "$DATA/LICENSE"; : >"$s/redirect")
	expect_output "-O new FILE, umask $mask: mode as a redirect's" "$(stat -c %a "$s/redirect")"$'\n' stat -c %a "$s/new"
done
printf 'old\n' >"$s/moded"
chmod 640 "$s/moded"
"$SLUICE" -O "$s/moded" "$DATA/LICENSE"
expect_output "-O existing FILE keeps its mode" $'640\n' stat -c %a "$s/moded"
same_bytes "-O existing FILE: new bytes" "$s/moded" "$DATA/LICENSE"

# Symbolic links are written through; the link stays a link.
printf 'old\n' >"$s/real"
ln -s real "$s/link"
expect_status "-O through a symlink" 0 "$SLUICE" -O "$s/link" "$DATA/LICENSE"
check "-O through a symlink: still a link" test -L "$s/link"
same_bytes "-O through a symlink: its target replaced" "$s/real" "$DATA/LICENSE"

# A closed standard output does not matter to -O.
rm -f "$s/out"
expect_status "-O with stdout closed: 0" 0 eval '"$SLUICE" -O "$s/out" "$DATA/LICENSE" >&-'
same_bytes "-O with stdout closed: FILE written" "$s/out" "$DATA/LICENSE"

# --in-place: every FILE is its own run, as sed -i -s: -n, -c, -t, -N and
# -u see one FILE at a time.
mk() { printf 'b\nb\na\nc\n' >"$s/p1"; printf 'z\ny\n' >"$s/p2"; printf 'no newline' >"$s/p3"; }
# in_place_agrees NAME SED_SCRIPT -- ARGS: --in-place ARGS and sed -i -E
# SED_SCRIPT leave the same bytes in p1, p2 and p3.
in_place_agrees() {
	local name=$1 script=$2
	shift 3
	mk
	mkdir -p "$s/sed"
	cp "$s/p1" "$s/p2" "$s/p3" "$s/sed/"
	sed -i -E "$script" "$s/sed/p1" "$s/sed/p2" "$s/sed/p3"
	"$SLUICE" "$@" --in-place "$s/p1" "$s/p2" "$s/p3"
	local f ok=1
	for f in p1 p2 p3; do cmp -s "$s/$f" "$s/sed/$f" || ok=0; done
	if [ "$ok" = 1 ]; then pass; else fail "$name: differs from sed -i -E '$script'"; fi
}
in_place_agrees "--in-place identity"           ''            -- 
in_place_agrees "--in-place -n 1: per FILE"     '1!d'         -- -n 1
in_place_agrees "--in-place -k 1: per FILE"     '1d'          -- -k 1
in_place_agrees "--in-place -t 1: per FILE"     '$!d'         -- -t 1
in_place_agrees "--in-place -r"                 's/[a-z]/<&>/' -- -r 's/[a-z]/<$0>/'
in_place_agrees "--in-place -m"                 '/b|z/!d'     -- -m 'b|z'
mk
"$SLUICE" -c --in-place "$s/p1" "$s/p2"
expect_output "--in-place -c: each FILE counts its own lines" $'4\n2\n' cat "$s/p1" "$s/p2"
mk
"$SLUICE" -N --in-place "$s/p1" "$s/p2"
expect_output "--in-place -N: numbers restart in each FILE" $'1\tb\n2\tb\n3\ta\n4\tc\n1\tz\n2\ty\n' cat "$s/p1" "$s/p2"
mk
"$SLUICE" -u --in-place "$s/p1" "$s/p2"
expect_output "--in-place -u: per FILE" $'b\na\nc\nz\ny\n' cat "$s/p1" "$s/p2"
mk
expect_status "--in-place: a line written to any FILE: 0" 0 "$SLUICE" -m z --in-place "$s/p1" "$s/p2"
check "--in-place: a FILE left with no line is empty" test ! -s "$s/p1"
mk
expect_status "--in-place: no line written to any FILE: 1" 1 "$SLUICE" -m nomatchxyz --in-place "$s/p1" "$s/p2"
mk
expect_status "--in-place --no-match-ok: 0" 0 "$SLUICE" --no-match-ok -m nomatchxyz --in-place "$s/p1" "$s/p2"

# One FILE failing leaves it as it was; the others are still rewritten.
mk
cp "$s/p2" "$s/p2.before"
printf 'a%0100d\n' 0 >"$s/long"
cp "$s/long" "$s/long.before"
expect_status "--in-place, one FILE fails: 2" 2 "$SLUICE" --max-line=50 -U --in-place "$s/p1" "$s/long" "$s/missing" "$s/p2"
cp "$scratch/stderr" "$s/failures"
expect_output "--in-place, one FILE fails: one line per failure" \
	"sluice: $s/long:1: line longer than --max-line=50 bytes (see --long-lines)
sluice: $s/missing: No such file or directory
" cat "$s/failures"
expect_output "--in-place, one FILE fails: the first FILE rewritten" $'B\nB\nA\nC\n' cat "$s/p1"
expect_output "--in-place, one FILE fails: the last FILE rewritten" $'Z\nY\n' cat "$s/p2"
same_bytes "--in-place, one FILE fails: that FILE as it was" "$s/long" "$s/long.before"

# Modes, owners, links, backups.
mk
chmod 600 "$s/p1"
"$SLUICE" -U --in-place "$s/p1"
expect_output "--in-place keeps the mode" $'600\n' stat -c %a "$s/p1"
if [ "$(id -u)" = 0 ]; then
	mk
	chown 65534:65534 "$s/p1"
	chmod 4750 "$s/p1"
	"$SLUICE" -U --in-place "$s/p1"
	expect_output "--in-place as root keeps owner, group and set-id mode" $'65534:65534 4750\n' stat -c '%u:%g %a' "$s/p1"
else
	echo "130-output: owner check skipped: only root can give a file another owner"
fi
mk
ln -sf p1 "$s/plink"
"$SLUICE" -U --in-place=.orig "$s/plink"
check "--in-place through a symlink: still a link" test -L "$s/plink"
expect_output "--in-place through a symlink: its target rewritten" $'B\nB\nA\nC\n' cat "$s/p1"
expect_output "--in-place=.orig through a symlink: the backup is beside the target" $'b\nb\na\nc\n' cat "$s/p1.orig"
mk
printf 'an older backup\n' >"$s/p2.bak"
"$SLUICE" -U --in-place=.bak "$s/p2" "$s/p3"
expect_output "--in-place=.bak: the backup holds the old bytes" $'z\ny\n' cat "$s/p2.bak"
expect_output "--in-place=.bak: even without a final newline" 'no newline' cat "$s/p3.bak"
expect_output "--in-place: a last line without newline stays so" 'NO NEWLINE' cat "$s/p3"
mk
rm -f "$s/p1.bak"
"$SLUICE" -U --in-place "$s/p1"
check "--in-place without SUFFIX: no backup" test ! -e "$s/p1.bak"
mk
ln -f "$s/p1" "$s/p1.hard"
"$SLUICE" -U --in-place "$s/p1"
expect_output "--in-place: another hard link keeps the old bytes (as sed -i)" $'b\nb\na\nc\n' cat "$s/p1.hard"
no_temporary "--in-place" "$s"

# --help names both.
check "--help lists -O" grep -q -- '-O, --output=FILE' <("$SLUICE" --help)
check "--help lists --in-place" grep -q -- '--in-place\[=SUFFIX\]' <("$SLUICE" --help)

finish
