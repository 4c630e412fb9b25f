#!/usr/bin/env bash
# 160-scale-out: sluice as a part of bigger jobs. GNU parallel splits one
# file across "hosts" (an ssh stand-in that runs the command here): for
# the stages that look at one line alone the joined output equals one
# process's, and the merge recipes of the man page (-c, -u, -t) give one
# process's answer. Then the Hadoop Streaming mapper contract.
. "$(dirname "$0")/lib.sh"

input=$scratch/logs.txt
for f in "$DATA"/*.log; do cat "$(with_newline "$f")"; done >"$input"

# The stand-in for ssh: drops ssh's options and the host name (logged),
# and runs the remote command on this machine.
standin=$scratch/ssh-standin
ssh_standin "$standin"
export STANDIN_LOG=$scratch/hosts PARALLEL_HOME=$scratch/parallel-home

# over_hosts ARGS...: sluice ARGS over the input in 256 KiB parts, on the
# two stand-in hosts, output in input order (-q: ARGS reach sluice as
# they are, not through a shell).
over_hosts() {
	parallel --will-cite -q --ssh "$standin" -S 1/a,1/b --pipepart \
		-a "$input" --block 256k -k "$SLUICE" "$@"
}

# Stateless chains: the parts' outputs, joined, are one process's output.
while IFS='|' read -r name args; do
	eval "set -- $args"
	"$SLUICE" "$@" "$input" >"$scratch/one" || true
	over_hosts --no-match-ok "$@" >"$scratch/parts"
	same_bytes "parallel: $name" "$scratch/one" "$scratch/parts"
done <<'EOF'
filter|-m ERROR
strip, caseless filter, replace|-s -i -m 'error|fail' -r 's/[0-9]+/#/g'
reject|-v INFO
extract|-o '[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+'
fields|-f 1,3
upper|-U
EOF
check "parallel: both hosts ran parts" eval 'grep -qx a "$STANDIN_LOG" && grep -qx b "$STANDIN_LOG"'

# Merge recipes for the stages that keep state across lines.
"$SLUICE" -m ERROR -c "$input" >"$scratch/one"
over_hosts -m ERROR -c | awk '{ s += $1 } END { print s }' >"$scratch/parts"
same_bytes "parallel: -c per part, then a sum" "$scratch/one" "$scratch/parts"
"$SLUICE" -f 2 -u "$input" >"$scratch/one"
over_hosts -f 2 -u | "$SLUICE" -u >"$scratch/parts"
same_bytes "parallel: -u per part, then -u again" "$scratch/one" "$scratch/parts"
"$SLUICE" -t 7 "$input" >"$scratch/one"
over_hosts -t 7 | "$SLUICE" -t 7 >"$scratch/parts"
same_bytes "parallel: -t 7 per part, then -t 7 over the parts" "$scratch/one" "$scratch/parts"
"$SLUICE" -m INFO -n 5 "$input" >"$scratch/one"
over_hosts -m INFO -n 5 | "$SLUICE" -n 5 >"$scratch/parts"
same_bytes "parallel: -n 5 per part, then -n 5 over the parts" "$scratch/one" "$scratch/parts"

# Hadoop Streaming runs a mapper with the split on stdin, its output on
# stdout; any status but 0 fails the task, and stderr goes to the logs.
"$SLUICE" -m ERROR --no-match-ok <"$input" >"$scratch/mapped" 2>"$scratch/mapper-err"
check "mapper: stdin to stdout" cmp -s "$scratch/mapped" <(grep ERROR "$input")
check "mapper: nothing on stderr" test ! -s "$scratch/mapper-err"
expect_status "mapper: an empty split is exit 0" 0 \
	"$SLUICE" -m ERROR --no-match-ok </dev/null
expect_status "mapper: a split with no match is exit 0" 0 \
	eval '"$SLUICE" -m NO-SUCH-WORD --no-match-ok <"$input"'
start=$(now_ms)
expect_status "mapper: a bad pattern is exit 2" 2 \
	eval '"$SLUICE" -m "(" --no-match-ok < <(sleep 5; echo late)'
check "mapper: ... before reading any input" test $(($(now_ms) - start)) -lt 4000

finish
