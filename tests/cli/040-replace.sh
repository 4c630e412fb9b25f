#!/usr/bin/env bash
# 040-replace: -r s/RE/REPL/[gix] against sed -E on every data file, $1,
# ${name} and $$ against Python's re.sub, other delimiters and \<delim>,
# the i and x flags, perl's empty-match rule, replace chains against
# tests/reference.py, and malformed expressions (exit 2, message shows it).
. "$(dirname "$0")/lib.sh"

files=()
nl_files=()
for f in "$DATA"/*; do
	[ -f "$f" ] || continue
	files+=("$f")
	nl_files+=("$(with_newline "$f")") # sed adds a newline to an unterminated last line
done

# Against sed -E (one stream of every data file; LC_ALL=C from lib.sh).
sed_cases=('s/[0-9]+/#/g' 's/[0-9]+/#/' 's/^[A-Z][a-z]+/<&>/' 's/(ERROR|WARN)/[\1]/g'
	's/ +/ /g' 's/[aeiou]//g' 's/x*/-/' 's/\r$//' 's/([0-9]+)\.([0-9]+)/\2.\1/g')
sluice_cases=('s/[0-9]+/#/g' 's/[0-9]+/#/' 's/^[A-Z][a-z]+/<$0>/' 's/(ERROR|WARN)/[$1]/g'
	's/ +/ /g' 's/[aeiou]//g' 's/x*/-/' 's/\r$//' 's/([0-9]+)\.([0-9]+)/$2.$1/g')
for i in "${!sed_cases[@]}"; do
	agree "-r '${sluice_cases[$i]}' = sed -E '${sed_cases[$i]}' on all data" \
		sed -E "${sed_cases[$i]}" "${nl_files[@]}" ::: -r "${sluice_cases[$i]}" "${nl_files[@]}"
done
agree "--replace= long form = sed -E" sed -E 's/[0-9]+/#/g' "${nl_files[@]}" ::: --replace='s/[0-9]+/#/g' "${nl_files[@]}"
agree "-r on the unterminated files as they are = reference" \
	reference -r 's/[0-9]+/#/g' "${files[@]}" ::: -r 's/[0-9]+/#/g' "${files[@]}"
expect_output "an unterminated last line stays unterminated" "a#b#" \
	eval 'printf "a1b22" | "$SLUICE" -r "s/[0-9]+/#/g"'
expect_output "first match only without g" $'a#b22\n' \
	eval 'printf "a1b22\n" | "$SLUICE" -r "s/[0-9]+/#/"'
expect_output "lines without a match pass unchanged" $'abc\n' \
	eval 'printf "abc\n" | "$SLUICE" -r "s/[0-9]+/#/g"'

# Replacement syntax: $N ${N} ${name} $$, an unset group is empty, against
# Python's re.sub on the same lines.
py_sub() { # py_sub PATTERN PYTHON_REPL COUNT FILE...
	py -c '
import re, sys
rx, repl, count = re.compile(sys.argv[1].encode()), sys.argv[2].encode(), int(sys.argv[3])
out = sys.stdout.buffer
for path in sys.argv[4:]:
    for line in open(path, "rb"):
        body = line[:-1] if line.endswith(b"\n") else line
        out.write(rx.sub(repl, body, count=count) + b"\n")' "$@"
}
log=$(with_newline "$DATA/OpenSSH_2k.log")
agree '$1 $2 swap = re.sub \2 \1' py_sub '(\w+)=(\S+)' '\2=\1' 0 "$log" ::: -r 's/(\w+)=(\S+)/$2=$1/g' "$log"
agree '${1}0 (braces end the number) = re.sub \g<1>0' py_sub '([0-9])' '\g<1>0' 0 "$log" ::: -r 's/([0-9])/${1}0/g' "$log"
agree '${name} = re.sub \g<name>' py_sub '(?P<port>port) (?P<num>[0-9]+)' '\g<num>:\g<port>' 0 "$log" \
	::: -r 's/(?<port>port) (?<num>[0-9]+)/${num}:${port}/g' "$log"
agree '$$ is a literal dollar = re.sub' py_sub 'user' '$user$' 0 "$log" ::: -r 's/user/$$user$$/g' "$log"
agree 'unset group is empty = re.sub' py_sub '(Failed)?( password)' '[\1]\2' 0 "$log" ::: -r 's/(Failed)?( password)/[$1]$2/g' "$log"
agree '$0 is the whole match = re.sub \g<0>' py_sub '[0-9]+' '<\g<0>>' 1 "$log" ::: -r 's/[0-9]+/<$0>/' "$log"

# Delimiters and escapes.
expect_output "s|/|_|g: another delimiter" $'a_b_c\n' eval 'printf "a/b/c\n" | "$SLUICE" -r "s|/|_|g"'
expect_output "s#..#..#: another delimiter" $'x-y\n' eval 'printf "x+y\n" | "$SLUICE" -r "s#\\+#-#"'
expect_output '\/ escapes the delimiter in RE' $'a_b_c\n' eval 'printf "a/b/c\n" | "$SLUICE" -r "s/\\//_/g"'
expect_output '\/ escapes the delimiter in REPL' $'a/b\n' eval 'printf "a_b\n" | "$SLUICE" -r "s/_/\\//"'
expect_output "s,a,b, with commas" $'b,b\n' eval 'printf "a,b\n" | "$SLUICE" -r "s,a,b,"'
agree "s|/|_|g on data = sed" sed -E 's|/|_|g' "${nl_files[@]}" ::: -r 's|/|_|g' "${nl_files[@]}"

# Flags.
expect_output "i flag: caseless" $'#B#c\n' eval 'printf "aBAc\n" | "$SLUICE" -r "s/a/#/gi"'
expect_output "without i: case matters" $'#BAc\n' eval 'printf "aBAc\n" | "$SLUICE" -r "s/a/#/g"'
expect_output "global -i applies to -r" $'#B#c\n' eval 'printf "aBAc\n" | "$SLUICE" -i -r "s/a/#/g"'
agree "i flag on data = sed I" sed -E 's/error/E/gI' "${nl_files[@]}" ::: -r 's/error/E/gi' "${nl_files[@]}"
expect_output "x flag: extended (spaces and comments ignored)" $'a#c\n' \
	eval 'printf "a12c\n" | "$SLUICE" -r "s/ [0-9] + # digits
/#/x"'
expect_output "without x: a space is literal" $'a12c\n' eval 'printf "a12c\n" | "$SLUICE" -r "s/ [0-9]+/#/"'

# Empty matches as perl and Python: s/b*/-/g on abc gives -a--c-.
expect_output "empty-match rule: s/b*/-/g on abc" $'-a--c-\n' eval 'printf "abc\n" | "$SLUICE" -r "s/b*/-/g"'
expect_output "perl agrees on s/b*/-/g" $'-a--c-\n' eval 'printf "abc\n" | perl -lpe "s/b*/-/g"'
expect_output "empty-match rule: s/x*/-/g on abc" $'-a-b-c-\n' eval 'printf "abc\n" | "$SLUICE" -r "s/x*/-/g"'
expect_output "empty-match rule on an empty line" $'-\n' eval 'printf "\n" | "$SLUICE" -r "s/x*/-/g"'
for e in 's/b*/-/g' 's/\b/|/g' 's/(?=c)|a*/_/g' 's/\s*/./g'; do
	agree "empty-match $e on data = perl" perl -lpe "$e" "$log" ::: -r "$e" "$log"
done

# Chains with replace, against the reference model.
chain() { agree "chain $*" reference "$@" "${files[@]}" ::: "$@" "${files[@]}"; }
chain -s -i -m 'error|fail' -r 's/[0-9]+/#/g'
chain -r 's/[0-9]+/#/g' -m '^#' -v '#:#' -n 40
chain -r 's/^\S+\s+//' -r 's/(\w+)/<$1>/' --rstrip
chain -r 's/a/b/g' -m 'b' -r 's/b/a/' -c

# Malformed expressions: exit 2, one error line showing the argument.
malformed() {
	expect_status "malformed -r '$1': 2" 2 "$SLUICE" -r "$1" "$DATA/LICENSE"
	one_error_line "malformed -r '$1': one error line"
	check "malformed -r '$1': message shows it" grep -qF -- "-r '$1'" "$scratch/stderr"
}
malformed 's/a'
malformed 's/a/b'
malformed 's/a/b/q'
malformed 'x/a/b/'
malformed 's'
malformed 's/(/x/'
malformed 's/a/$9/'
malformed 's/a/${nope}/'
malformed 's/a/$/'
expect_stderr "malformed: exact message for a bad pattern" \
	"sluice: -r 's/(/x/': missing closing parenthesis at offset 1" "$SLUICE" -r 's/(/x/' "$DATA/LICENSE"

finish
