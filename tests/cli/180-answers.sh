#!/usr/bin/env bash
# 180-answers: --count-by, --top, --sum and --sum-by (SPEC 9) against
# sort | uniq -c | sort, awk and python3 on the real logs of data/; exit 1
# when no record reached them; -j 2 byte-identical to -j 1; the limit of
# --count-memory with and without --exact; a flat peak RSS over a stream
# of many keys; and the map and reduce identity (--count-by of the parts,
# joined, through --sum-by) over split(1), GNU parallel --pipepart, and a
# real OpenSSH server on 127.0.0.2 and 127.0.0.3.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}" "${PEAK_RSS:?}"
logs=$scratch/logs.txt
for f in "$DATA"/*.log; do cat "$(with_newline "$f")"; done >"$logs"

# counted: sort | uniq -c | sort as --count-by writes it: count, tab,
# record; the largest count first, equal counts in byte order (LC_ALL=C,
# set by lib.sh).
counted() {
	sort | uniq -c | sed -E 's/^ *([0-9]+) /\1\t/' | sort -t "$(printf '\t')" -k1,1nr -k2
}

# python3's Counter, ordered as --count-by: a model for records that
# hold tabs (where sort's -k2 would not order them).
cat >"$scratch/count.py" <<'EOF'
import collections, sys
counts = collections.Counter(sys.stdin.buffer.read().split(b'\n')[:-1])
for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    sys.stdout.buffer.write(b'%d\t%s\n' % (n, key))
EOF

# --- --count-by against sort | uniq -c | sort ---------------------------
for f in "$DATA"/*.log; do
	name=$(basename "$f")
	plain=$(with_newline "$f")
	awk '{ print $1 }' "$plain" | counted >"$scratch/want"
	expect_result "-f 1 --count-by on $name" "$scratch/want" 0 \
		"$SLUICE" -f 1 --count-by "$f"
	counted <"$plain" >"$scratch/want"
	expect_result "--count-by of whole lines of $name" "$scratch/want" 0 \
		"$SLUICE" --count-by "$f"
done
grep -oP 'user \S+' "$logs" | counted >"$scratch/want"
expect_result "-o 'user \\S+' --count-by" "$scratch/want" 0 \
	"$SLUICE" -o 'user \S+' --count-by "$logs"
sed -E 's/[0-9]+/#/g' "$logs" | py "$scratch/count.py" >"$scratch/want"
expect_result "-r 's/[0-9]+/#/g' --count-by (message shapes)" "$scratch/want" 0 \
	"$SLUICE" -r 's/[0-9]+/#/g' --count-by "$logs"
# awk's {c[$1]++}, ordered: the same answer by a third tool.
awk '{ c[$1]++ } END { for (k in c) printf "%d\t%s\n", c[k], k }' "$logs" |
	sort -t "$(printf '\t')" -k1,1nr -k2 >"$scratch/want"
expect_result "-f 1 --count-by equals awk's {c[\$1]++}" "$scratch/want" 0 \
	"$SLUICE" -f 1 --count-by "$logs"
# Ties: equal counts in byte order, a key before a longer one it begins.
printf 'b\nab\na\nb\nab\na\nA\n\n' >"$scratch/ties"
expect_output "ties in byte order" $'2\ta\n2\tab\n2\tb\n1\t\n1\tA\n' \
	"$SLUICE" --count-by "$scratch/ties"
# Records with tabs and CR count whole.
printf 'x\ty\r\nx\ty\r\nx\n' >"$scratch/tabs"
py "$scratch/count.py" <"$scratch/tabs" >"$scratch/want"
expect_result "records with tabs and CR" "$scratch/want" 0 \
	"$SLUICE" --count-by "$scratch/tabs"

# --- --top=K -----------------------------------------------------------
for k in 1 3 10 100000; do
	"$SLUICE" -f 5 --count-by "$logs" | head -n "$k" >"$scratch/want"
	expect_result "--top=$k is --count-by | head -$k" "$scratch/want" 0 \
		"$SLUICE" -f 5 --top="$k" "$logs"
done
expect_status "--top=-1 is refused" 2 "$SLUICE" --top=-1 "$logs"
expect_status "--top=x is refused" 2 "$SLUICE" --top=x "$logs"

# --- --sum ---------------------------------------------------------------
# An Apache access log (common format), bytes in field 10, "-" for none.
py - >"$scratch/access.log" <<'EOF'
import random
r = random.Random(19)
for i in range(20000):
    size = '-' if r.random() < 0.1 else str(r.randint(0, 5000000))
    print('10.0.%d.%d - - [24/Nov/2026:10:%02d:%02d +0000] "GET /p/%d HTTP/1.1" %d %s'
          % (r.randint(0, 9), r.randint(1, 254), i // 600 % 60, i % 60,
             r.randint(1, 300), r.choice((200, 200, 304, 404)), size))
EOF
awk '{ s += $10 } END { print s }' "$scratch/access.log" >"$scratch/want"
expect_result "-f 10 --sum equals awk '{s+=\$10}'" "$scratch/want" 0 \
	"$SLUICE" -f 10 --sum "$scratch/access.log"
"$SLUICE" -f 10 --sum "$scratch/access.log" 2>"$scratch/err" >/dev/null
check "--sum warns once of the '-' it skips" \
	test "$(grep -c "is not a number" "$scratch/err")" = 1
"$SLUICE" --stats=json -f 10 --sum "$scratch/access.log" 2>&1 >/dev/null |
	tail -n 1 >"$scratch/stats"
check "--stats counts the records that are not numbers" \
	test "$(py -c 'import json,sys; s=json.load(sys.stdin)["stages"][-1]; print(s["facts"]["not_numbers"])' <"$scratch/stats")" = \
	"$(awk '$10 == "-"' "$scratch/access.log" | wc -l)"
# Whole numbers past 2^63, exactly (python's integers are exact).
printf '%s\n' 9223372036854775807 9223372036854775807 5 -3 +4 >"$scratch/big"
py -c 'import sys; print(sum(int(x) for x in open(sys.argv[1])))' "$scratch/big" >"$scratch/want"
expect_result "--sum of integers past 2^63" "$scratch/want" 0 \
	"$SLUICE" --sum "$scratch/big"
expect_output "--sum of 3 x (2^63 - 1)" $'27670116110564327421\n' \
	"$SLUICE" --sum <(yes 9223372036854775807 | head -n 3)
printf '%s\n' 170141183460469231731687303715884105727 1 >"$scratch/huge"
expect_status "--sum past 2^127 - 1 is exit 2" 2 "$SLUICE" --sum "$scratch/huge"
one_error_line "--sum past 2^127 - 1: one error line"
# Fractions as doubles, written as the shortest text that reads back
# (python's repr, less its ".0" on a whole double).
py -c 'import random
r = random.Random(7)
for i in range(5000): print("%d.%03d" % (r.randint(-50, 900), r.randint(0, 999)))' >"$scratch/fractions"
py -c 'import sys
s = 0.0
for x in open(sys.argv[1]): s += float(x)
t = repr(s)
print(t[:-2] if t.endswith(".0") else t)' "$scratch/fractions" >"$scratch/want"
expect_result "--sum of fractions as python's float sum" "$scratch/want" 0 \
	"$SLUICE" --sum "$scratch/fractions"
expect_output "--sum: 0.1 ten times" $'0.9999999999999999\n' \
	"$SLUICE" --sum <(yes 0.1 | head -n 10)
expect_output "--sum: blanks and CR around numbers" $'6\n' \
	"$SLUICE" --sum <(printf ' 1\r\n2 \n\t3\n')

# --- --sum-by ------------------------------------------------------------
awk '$10 != "-" { print $10 "\t" $9 }' "$scratch/access.log" >"$scratch/by-status"
awk -F '\t' '{ s[$2] += $1 } END { for (k in s) printf "%d\t%s\n", s[k], k }' \
	"$scratch/by-status" | sort -t "$(printf '\t')" -k1,1nr -k2 >"$scratch/want"
expect_result "--sum-by: bytes per status as awk sums them" "$scratch/want" 0 \
	"$SLUICE" --sum-by "$scratch/by-status"
printf '2\tb\n1.5\ta\nx\ty\n9223372036854775807\tc\n9223372036854775807\tc\n-\ta\n1\tb\n' >"$scratch/mixed"
expect_output "--sum-by: whole, fractional, big and not numbers" \
	$'18446744073709551614\tc\n3\tb\n1.5\ta\n' "$SLUICE" --sum-by "$scratch/mixed"
"$SLUICE" --sum-by "$scratch/mixed" 2>"$scratch/err" >/dev/null
check "--sum-by warns once of what is not NUMBER<TAB>KEY" \
	test "$(grep -c "is not NUMBER<TAB>KEY" "$scratch/err")" = 1

# --- exit status: 1 when no record reached the stage ----------------------
for stage in --count-by --top=3 --sum-by; do
	expect_result "$stage: no record reached it: nothing, exit 1" /dev/null 1 \
		"$SLUICE" -m NO-SUCH-WORD "$stage" "$logs"
done
printf '0\n' >"$scratch/zero"
expect_result "--sum: no record reached it: 0, exit 1" "$scratch/zero" 1 \
	"$SLUICE" -m NO-SUCH-WORD --sum "$logs"
expect_result "--sum of an empty input: 0, exit 1" "$scratch/zero" 1 \
	"$SLUICE" --sum /dev/null
expect_status "--count-by with a record: exit 0" 0 "$SLUICE" --count-by "$logs"
expect_status "--no-match-ok: exit 0" 0 "$SLUICE" --no-match-ok -m NO-SUCH-WORD --count-by "$logs"

# --- -j 2 is -j 1 ---------------------------------------------------------
"$GENLOG" 24M >"$scratch/gen.log"
for args in "-r s/[0-9]+/#/g --count-by" "-f 5 --top=20" "-s -f 3 --count-by"; do
	# shellcheck disable=SC2086
	"$SLUICE" -j 1 $args "$scratch/gen.log" >"$scratch/one"
	# shellcheck disable=SC2086
	expect_bytes "-j 2 $args is -j 1" "$scratch/one" "$SLUICE" -j 2 $args "$scratch/gen.log"
done

# --- --count-memory and --exact --------------------------------------------
expect_status "--count-memory below 4K is refused" 2 "$SLUICE" --count-memory=1K --count-by "$logs"
expect_status "--count-memory=x is refused" 2 "$SLUICE" --count-memory=x --count-by "$logs"
expect_status "--exact past a tiny --count-memory: exit 2" 2 \
	"$SLUICE" --exact --count-memory=4K --count-by "$logs"
one_error_line "--exact: one error line"
check "--exact: the error names the record and the limit" \
	grep -q '^sluice: .*logs.txt:[0-9]*: --count-by: more distinct keys than --count-memory=4K' "$scratch/stderr"
expect_status "--exact within the limit: exit 0" 0 \
	"$SLUICE" --exact -f 1 --count-by "$logs"
# Approximate: a skewed stream (key k about 1/k of the time) through a
# table of a few dozen keys: every key above N/keys is listed, no count is
# below the truth, none over it by more than the bound stderr gives.
py - >"$scratch/skewed" <<'EOF'
import random
r = random.Random(3)
keys = ['key-%d%s' % (k, 'x' * (k % 17)) for k in range(1, 3001)]
weights = [1.0 / k for k in range(1, 3001)]
for key in r.choices(keys, weights, k=60000):
    print(key)
EOF
"$SLUICE" --count-memory=8K --count-by "$scratch/skewed" >"$scratch/approx" 2>"$scratch/err"
check "approximate: exit 0 and answers" test -s "$scratch/approx"
check "approximate: stderr says so, and by how much" \
	grep -q '^sluice: --count-by: more distinct keys than --count-memory=8K holds: the counts are approximate (Space-Saving over [0-9]* keys): each is at most [0-9]* over the truth' "$scratch/err"
bound=$(sed -n 's/.* each is at most \([0-9]*\) over.*/\1/p' "$scratch/err")
held=$(wc -l <"$scratch/approx")
py - "$scratch/skewed" "$scratch/approx" "$held" "$bound" >"$scratch/verdict" <<'EOF'
import collections, sys
truth = collections.Counter(open(sys.argv[1]).read().split('\n')[:-1])
listed = dict((k, int(n)) for n, k in (l.rstrip('\n').split('\t') for l in open(sys.argv[2])))
held, bound = int(sys.argv[3]), int(sys.argv[4])
n = sum(truth.values())
heavy = [k for k, c in truth.items() if c * held > n]
print('heavy listed' if heavy and all(k in listed for k in heavy) else 'a heavy key missing')
print('upper bounds' if all(listed[k] >= truth[k] for k in listed) else 'a count below the truth')
print('within bound' if all(listed[k] - truth[k] <= bound for k in listed) else 'over the bound')
EOF
expect_output "approximate: Space-Saving's guarantee" $'heavy listed\nupper bounds\nwithin bound\n' cat "$scratch/verdict"
"$SLUICE" --stats=json --count-memory=8K --count-by "$scratch/skewed" 2>&1 >/dev/null |
	tail -n 1 >"$scratch/stats"
check "--stats: approximate, its bound and keys held" \
	test "$(py -c 'import json,sys; f=json.load(sys.stdin)["stages"][-1]["facts"]; print(f["approximate"], f["error_bound"], f["keys"], f["memory_bytes"] <= 8192)' <"$scratch/stats")" = "1 $bound $held True"
"$SLUICE" --stats=json --count-by "$scratch/skewed" 2>&1 >/dev/null | tail -n 1 >"$scratch/stats"
check "--stats: exact, every key held" \
	test "$(py -c 'import json,sys; f=json.load(sys.stdin)["stages"][-1]["facts"]; print(f["approximate"], f["error_bound"], f["keys"])' <"$scratch/stats")" = \
	"0 0 $(sort -u "$scratch/skewed" | wc -l)"

# --- memory: flat over a long stream of many keys ---------------------------
# Every generated line is nearly unique: the table fills --count-memory
# (in the first 3 MiB) and stays there, whatever the stream's length.
small=40M large=200M limit_kib=$((4 * 1024 + 8192))
if [ -n "${SANITIZER_CFLAGS:-}" ]; then small=8M large=32M limit_kib=; fi
for size in $small $large; do
	"$GENLOG" "$size" | "$PEAK_RSS" "$scratch/rss.$size" "$SLUICE" \
		--count-memory=4M --top=5 >"$scratch/out" 2>"$scratch/err"
	check "--top over $size of many keys answers" test -s "$scratch/out"
	check "--top over $size: the table was full" grep -q approximate "$scratch/err"
done
small_kib=$(cat "$scratch/rss.$small") large_kib=$(cat "$scratch/rss.$large")
printf 'peak RSS of --count-memory=4M --top=5: %s KiB over %s, %s KiB over %s\n' \
	"$small_kib" "$small" "$large_kib" "$large"
check "peak RSS flat within 2 MiB from $small to $large" \
	test $((large_kib - small_kib)) -le 2048
if [ -n "$limit_kib" ]; then
	check "peak RSS under --count-memory + 8 MiB" test "$large_kib" -lt "$limit_kib"
fi

# --- --explain, and a stage after an answer ---------------------------------
"$SLUICE" --explain -f 1 --count-by >"$scratch/explain"
check "--explain: --count-by, exact up to the default --count-memory" \
	grep -q '^2 count-by --count-by: the stream becomes one line per distinct record: its count, a tab, the record; largest first, ties in byte order; exact up to --count-memory=64M, then approximate (Space-Saving); hash ' "$scratch/explain"
"$SLUICE" --explain --exact --count-memory=8M --top=3 >"$scratch/explain"
check "--explain: --top=3 under --exact" \
	grep -q '^1 top --top .3.: .*only the 3 most frequent; .*exact up to --count-memory=8M, then exit 2 (--exact)' "$scratch/explain"
"$SLUICE" --explain --sum >"$scratch/explain"
check "--explain: --sum" grep -q '^1 sum --sum: the stream becomes one line: the sum' "$scratch/explain"
"$SLUICE" --sum -m x "$logs" >/dev/null 2>"$scratch/err"
check "a stage after --sum is warned of" \
	grep -q "^sluice: -m 'x' comes after --sum, so it sees only the one line --sum writes" "$scratch/err"
"$SLUICE" -f 1 --count-by -m '^[0-9]+	[A-Z]' "$logs" >"$scratch/out" 2>"$scratch/err"
check "a stage after --count-by sees its lines, unwarned" \
	test ! -s "$scratch/err" -a "$(wc -l <"$scratch/out")" = "$("$SLUICE" -f 1 --count-by "$logs" | grep -c '	[A-Z]')"
"$SLUICE" --stats --count-memory=8K --count-by "$scratch/skewed" 2>&1 >/dev/null |
	grep -A1 ' count-by$' | tail -n 1 >"$scratch/facts"
check "--stats text: the facts under the stage" \
	grep -qE '^ +keys [0-9]+, approximate 1, error_bound [0-9]+, memory_bytes [0-9]+$' "$scratch/facts"

# --- map and reduce --------------------------------------------------------
# One process's answer, and the parts' answers joined and summed.
"$SLUICE" -f 5 --count-by "$logs" >"$scratch/one"
mkdir "$scratch/split"
(cd "$scratch/split" && split -n l/7 "$logs" part.)
for part in "$scratch"/split/part.*; do "$SLUICE" -f 5 --count-by "$part"; done |
	"$SLUICE" --sum-by >"$scratch/reduced"
same_bytes "split(1) into 7, --count-by each, --sum-by: one process's answer" \
	"$scratch/one" "$scratch/reduced"
(cd "$scratch/split" && rm -f part.* && split -l 1 "$scratch/ties" part.)
for part in "$scratch"/split/part.*; do "$SLUICE" --count-by "$part"; done |
	"$SLUICE" --sum-by >"$scratch/reduced"
"$SLUICE" --count-by "$scratch/ties" >"$scratch/one-ties"
same_bytes "split into single lines, reduced: ties as one process orders them" \
	"$scratch/one-ties" "$scratch/reduced"

standin=$scratch/ssh-standin
ssh_standin "$standin"
export PARALLEL_HOME=$scratch/parallel-home
mkdir -p "$PARALLEL_HOME" && touch "$PARALLEL_HOME/will-cite"
parallel --will-cite -q --ssh "$standin" -S 1/a,1/b --pipepart -a "$logs" \
	--block 128k "$SLUICE" -f 5 --count-by | "$SLUICE" --sum-by >"$scratch/reduced"
same_bytes "GNU parallel --pipepart (stand-in hosts), --sum-by: one process's answer" \
	"$scratch/one" "$scratch/reduced"

# A real OpenSSH server on loopback addresses only, with a port, a host
# key and a user key of its own.
sshd_skip=
sshd=$(command -v sshd || echo /usr/sbin/sshd)
if [ ! -x "$sshd" ]; then
	sshd_skip="sshd is not installed (Debian: apt-get install openssh-server)"
elif ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
	sshd_skip="ssh or ssh-keygen is not installed"
fi
if [ -z "$sshd_skip" ] && [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
	# Where sshd, run as root, drops its privileges: the package's
	# service makes it at boot, which a container never has.
	mkdir -p -m 755 /run/sshd 2>/dev/null
fi
if [ -z "$sshd_skip" ]; then
	keys=$scratch/sshd
	mkdir -m 700 "$keys"
	ssh-keygen -q -t ed25519 -N '' -f "$keys/host_key" &&
		ssh-keygen -q -t ed25519 -N '' -f "$keys/user_key" &&
		cp "$keys/user_key.pub" "$keys/authorized_keys"
	for attempt in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 30000))
		cat >"$keys/sshd_config" <<EOF
ListenAddress 127.0.0.2:$port
ListenAddress 127.0.0.3:$port
HostKey $keys/host_key
AuthorizedKeysFile $keys/authorized_keys
PidFile $keys/sshd.pid
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
LogLevel ERROR
EOF
		rm -f "$keys/sshd.pid"
		if "$sshd" -f "$keys/sshd_config" -E "$keys/sshd.log"; then
			for _ in $(seq 50); do [ -s "$keys/sshd.pid" ] && break; sleep 0.1; done
			[ -s "$keys/sshd.pid" ] && break
		fi
	done
	if [ -s "$keys/sshd.pid" ]; then
		sshd_pid=$(cat "$keys/sshd.pid")
		trap 'kill "$sshd_pid" 2>/dev/null; rm -rf "$scratch"' EXIT
	else
		sshd_skip="sshd did not start: $(tail -n 1 "$keys/sshd.log" 2>/dev/null)"
	fi
fi
if [ -z "$sshd_skip" ]; then
	ssh_command="ssh -p $port -i $keys/user_key -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
	for host in 127.0.0.2 127.0.0.3; do
		check "ssh to the test's sshd on $host" \
			$ssh_command "$host" true
	done
	parallel --will-cite -q --ssh "$ssh_command" -S 1/127.0.0.2,1/127.0.0.3 \
		--pipepart -a "$logs" --block 1M "$SLUICE" -f 5 --count-by \
		2>"$scratch/parallel.err" | "$SLUICE" --sum-by >"$scratch/reduced"
	same_bytes "parallel -S 1/127.0.0.2,1/127.0.0.3 over real ssh, --sum-by: one process's answer" \
		"$scratch/one" "$scratch/reduced"
	# Both hosts took a part: a log of the remote ends' addresses.
	"$GENLOG" 4M >"$scratch/gen4.log"
	"$SLUICE" -r 's/[0-9]+/#/g' --count-by "$scratch/gen4.log" >"$scratch/one4"
	parallel --will-cite --ssh "$ssh_command" -S 1/127.0.0.2,1/127.0.0.3 \
		--pipepart -a "$scratch/gen4.log" --block 1M \
		"echo \$SSH_CONNECTION | cut -d' ' -f3 >>$scratch/hosts-used; $SLUICE -r 's/[0-9]+/#/g' --count-by" \
		2>>"$scratch/parallel.err" | "$SLUICE" --sum-by >"$scratch/reduced4"
	same_bytes "4 MiB in 1 MiB blocks over two ssh hosts, --sum-by: one process's answer" \
		"$scratch/one4" "$scratch/reduced4"
	check "both ssh hosts ran parts" \
		test "$(sort -u "$scratch/hosts-used" | tr '\n' ' ')" = "127.0.0.2 127.0.0.3 "
	kill "$sshd_pid" 2>/dev/null
else
	echo "SKIP: the map and reduce over real ssh hosts: $sshd_skip"
fi

finish
