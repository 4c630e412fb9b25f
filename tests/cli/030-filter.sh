#!/usr/bin/env bash
# 030-filter: -m and -v against grep -E / grep -vE on every data file, -i
# against grep -iE, -F against grep -F, -m -m as AND against grep | grep,
# PCRE-only syntax against Python's re, the final-newline rule on the real
# (unterminated) files, and filter chains against tests/reference.py.
. "$(dirname "$0")/lib.sh"

# Patterns that mean the same in PCRE2 and POSIX ERE.
patterns=('ERROR|WARN' '[0-9]{4}' '^[A-Z]' '(Failed|failure)' 'session (opened|closed)'
	'blk_-?[0-9]+' '[[:digit:]]{2}:[[:digit:]]{2}' '^$' 'nomatchxyz')

files=()
for f in "$DATA"/*; do [ -f "$f" ] && files+=("$f"); done

# Every data file, each given a final newline (grep adds one to an
# unterminated last line), as FILEs of one run: one stream, one grep -h.
nl_files=()
for f in "${files[@]}"; do nl_files+=("$(with_newline "$f")"); done
for p in "${patterns[@]}"; do
	agree "-m '$p' = grep -E on all data" grep -hE -- "$p" "${nl_files[@]}" ::: -m "$p" "${nl_files[@]}"
	agree "-v '$p' = grep -vE on all data" grep -hvE -- "$p" "${nl_files[@]}" ::: -v "$p" "${nl_files[@]}"
done
agree "-i -m = grep -iE on all data" grep -hiE 'error|warn' "${nl_files[@]}" ::: -i -m 'error|warn' "${nl_files[@]}"
agree "-i -v = grep -viE on all data" grep -hviE 'info' "${nl_files[@]}" ::: -v 'info' -i "${nl_files[@]}"
agree "--ignore-case --match = grep -iE on all data" grep -hiE 'FAILED' "${nl_files[@]}" ::: --ignore-case --match=FAILED "${nl_files[@]}"
agree "-m with one file at a time = grep -E (HDFS)" grep -E 'WARN' "${nl_files[1]}" ::: -m WARN "${nl_files[1]}"

# The real files as they are (most lack the final newline), as one stream:
# reference.py keeps sluice's rule (a newline goes between files; the last
# record, when written, keeps its missing newline).
agree "-m '[0-9]{4}' on the unterminated files = reference" reference -m '[0-9]{4}' "${files[@]}" ::: -m '[0-9]{4}' "${files[@]}"
agree "-v 'a' on the unterminated files = reference" reference -v 'a' "${files[@]}" ::: -v 'a' "${files[@]}"
for f in "$DATA/Zookeeper_2k.log" "$DATA/HDFS_2k.log"; do
	agree "-m . on unterminated $(basename "$f") alone = reference" reference -m . "$f" ::: -m . "$f"
done
printf 'a\nb' >"$scratch/ab"
expect_output "last record written: stays unterminated" "b" "$SLUICE" -m b "$scratch/ab"
expect_output "last record dropped: output ends with a newline" $'a\n' "$SLUICE" -m a "$scratch/ab"
expect_output "-v keeps an unterminated last record as is" "b" "$SLUICE" -v a "$scratch/ab"

# -F: patterns full of metacharacters are literal.
printf '%s\n' 'a.b*c(' 'axbbbc(' 'a.b*c' 'x a.b*c( y' '[error]' 'e' '$1' 'CnxManager$Listener@4' '\d+' 'a|b' >"$scratch/meta"
for p in 'a.b*c(' '[error]' '$1' 'CnxManager$Listener' '\d+' 'a|b' '(pam_unix)[' '.*'; do
	agree "-F '$p' = grep -F (metacharacters)" grep -F -- "$p" "$scratch/meta" ::: -F -m "$p" "$scratch/meta"
	agree "-F -v '$p' = grep -vF" grep -vF -- "$p" "$scratch/meta" ::: -F -v "$p" "$scratch/meta"
done
for p in '(pam_unix)[' '[error]' 'CnxManager$Listener@' '.'; do
	agree "-F '$p' = grep -F on all data" grep -hF -- "$p" "${nl_files[@]}" ::: -F -m "$p" "${nl_files[@]}"
done
agree "-F -i = grep -Fi on all data" grep -hFi -- '[ERROR]' "${nl_files[@]}" ::: --fixed-strings -i -m '[ERROR]' "${nl_files[@]}"
agree "-F after the pattern still applies (global)" grep -F -- 'a.b*c(' "$scratch/meta" ::: -m 'a.b*c(' -F "$scratch/meta"

# Two -m = AND, -m then -v, as grep | grep.
grep_and() { grep -E -- "$1" "$3" | grep -E -- "$2"; }
grep_but() { grep -E -- "$1" "$3" | grep -vE -- "$2"; }
for f in "$DATA/Linux_2k.log" "$DATA/OpenSSH_2k.log" "$DATA/Zookeeper_2k.log"; do
	n=$(with_newline "$f")
	b=$(basename "$f")
	agree "-m a -m b = grep | grep on $b" grep_and 'sshd|WARN' '[0-9]{3}' "$n" ::: -m 'sshd|WARN' -m '[0-9]{3}' "$n"
	agree "-m -v = grep | grep -v on $b" grep_but '[0-9]{4}' 'session|Quorum' "$n" ::: -m '[0-9]{4}' -v 'session|Quorum' "$n"
	agree "-m a -m b with no common line on $b" grep_and '^Jun' '^Dec' "$n" ::: -m '^Jun' -m '^Dec' "$n"
done

# PCRE-only syntax against Python's re.
py_grep() { # py_grep MODE PATTERN FILE...: lines where re.search matches (MODE m) or not (v)
	py -c '
import re, sys
mode, pat = sys.argv[1], sys.argv[2].encode()
rx = re.compile(pat)
out = sys.stdout.buffer
n = 0
for path in sys.argv[3:]:
    for line in open(path, "rb"):
        body = line[:-1] if line.endswith(b"\n") else line
        if bool(rx.search(body)) == (mode == "m"):
            out.write(body + b"\n"); n += 1
sys.exit(0 if n else 1)' "$@"
}
pcre_patterns=('\d+(?= bytes)' '(?<!Failed )password' '\bfailure\b' '\d{1,3}(?:\.\d{1,3}){3}' '(?i)ERROR' '^\S+\s+\d+\s' 'user\s*=\s*\w+' '(\w)\1')
for p in "${pcre_patterns[@]}"; do
	agree "PCRE -m '$p' = python re on all data" py_grep m "$p" "${nl_files[@]}" ::: -m "$p" "${nl_files[@]}"
done
agree "PCRE -v lookahead = python re on all data" py_grep v '\d+(?= bytes)' "${nl_files[@]}" ::: -v '\d+(?= bytes)' "${nl_files[@]}"

# Bytes: NUL and invalid UTF-8 inside lines are content.
printf 'a\0b\nxyz\n\377\376 ok\n\0\n' >"$scratch/bin"
check "a NUL inside a line is content for -m (a.b)" eval 'cmp -s <("$SLUICE" -m "a.b" "$scratch/bin") <(printf "a\0b\n")'
check "a NUL inside a line is kept (-m b)" eval 'cmp -s <("$SLUICE" -m b "$scratch/bin") <(printf "a\0b\n")'
check "invalid UTF-8 lines match by bytes" eval 'cmp -s <("$SLUICE" -m "^\\xff\\xfe" "$scratch/bin") <(printf "\377\376 ok\n")'
check "-m . keeps every non-empty line of binary input" eval 'cmp -s <("$SLUICE" -m . "$scratch/bin") <(printf "a\0b\nxyz\n\377\376 ok\n\0\n")'

# Inline options that turn multi-line mode off, and verbs: the accelerator
# (which scans a block of lines as one subject) must give what PCRE2 gives
# line by line. 40,000 lines of the real logs, one in a hundred starting
# with ERROR, so the accelerator starts after its warm-up; -j 2 too. The
# accelerator once anchored (?-m)'s ^ at the block's edges and lost 90% of
# these lines.
"$PYTHON" -S - "$scratch/inline" "${nl_files[@]}" <<'EOF'
import sys
lines = []
for name in sys.argv[2:]:
    with open(name, 'rb') as f:
        lines += f.read().splitlines()
with open(sys.argv[1], 'wb') as out:
    for i in range(40000):
        line = lines[i % len(lines)]
        out.write((b'ERROR at ' + line if i % 100 == 7 else line) + b'\n')
EOF
inline_patterns=('(?-m)^ERROR' '(?i-m)^error' '(?s-m)^ERROR.at' '(?^)^ERROR' '(?^i)^error at'
	'at |(?-m)^Jul|:\.' 'xyz|(?-m)^ERROR' '(?-m:^ERROR)' '(?-m)[0-9]$' '(?im-m)^error'
	'(*UCP)(?i)^error' '(*CR)ERROR at' '(?m)^ERROR')
for p in "${inline_patterns[@]}"; do
	agree "-m '$p' = grep -P on 40,000 lines" grep -P -- "$p" "$scratch/inline" ::: -m "$p" "$scratch/inline"
	agree "-j 2 -m '$p' = grep -P on 40,000 lines" grep -P -- "$p" "$scratch/inline" ::: -j 2 -m "$p" "$scratch/inline"
	"$SLUICE" --no-accelerator -j 1 -m "$p" "$scratch/inline" >"$scratch/plain" 2>&1 || true
	agree "-m '$p' = --no-accelerator -j 1" cat "$scratch/plain" ::: -m "$p" "$scratch/inline"
done

# Filter chains against the reference model, on four real files as one
# stream (their missing final newlines included).
chain_files=("$DATA/Linux_2k.log" "$DATA/OpenSSH_2k.log" "$DATA/Apache_2k.log" "$DATA/HDFS_2k.log")
chain() { agree "chain $*" reference "$@" "${chain_files[@]}" ::: "$@" "${chain_files[@]}"; }
chain -i -m 'error|fail' -v 'pam_unix' -m '[0-9]'
chain -v INFO -v 'notice' -m '^[A-Z]' -n 25
chain -s -m '\]$'
chain -m '[0-9]{4}' -c
chain -v 'e' -m '0$'
chain -m 'nomatchxyz' -v 'x'
agree "chain ending on the unterminated last record" reference -m '^081111' "$DATA/Linux_2k.log" "$DATA/HDFS_2k.log" ::: -m '^081111' "$DATA/Linux_2k.log" "$DATA/HDFS_2k.log"

finish
