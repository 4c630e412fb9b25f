#!/usr/bin/env bash
# 010-identity: with no stage, sluice copies its input byte for byte — on
# stdin and as FILE, for the real logs, binary data, edge-case files, tiny
# buffer sizes — and several FILEs form one stream (a missing final newline
# is supplied between files, kept only at the very end).
. "$(dirname "$0")/lib.sh"

identity_stdin() { "$SLUICE" <"$1" | cmp -s - "$1"; }
identity_file() { "$SLUICE" "$1" | cmp -s - "$1"; }

# Every real log (CRLF, most without a final newline).
for f in "$DATA"/*; do
	[ -f "$f" ] || continue
	check "identity on stdin: $(basename "$f")" identity_stdin "$f"
	check "identity as FILE: $(basename "$f")" identity_file "$f"
done

# Random binary bytes.
# Random bytes after a fixed first byte: random ones would start with a
# compressed format's magic once in 65536 runs, and be decompressed.
{ printf 'R'; head -c 1M /dev/urandom; } >"$scratch/random.bin"
check "identity on stdin: 1M random bytes" identity_stdin "$scratch/random.bin"
check "identity as FILE: 1M random bytes" identity_file "$scratch/random.bin"

# Deterministic binary: all 256 byte values, NUL runs, lone \r, \r\n, \n\r.
python3 -c '
import sys
b = bytes(range(256)) * 3 + b"\0\0\0x\ry\r\r\nz\n\r\0" + bytes(range(255, -1, -1))
sys.stdout.buffer.write(b)' >"$scratch/allbytes.bin"
check "all 256 byte values file is what it claims" test "$(wc -c <"$scratch/allbytes.bin")" = 1037
check "identity on stdin: all byte values" identity_stdin "$scratch/allbytes.bin"
check "identity as FILE: all byte values" identity_file "$scratch/allbytes.bin"

# Edge-case files.
: >"$scratch/empty"
printf 'one\ntwo\nthree' >"$scratch/no-final-newline"
printf '\n\n\n\n\n' >"$scratch/only-newlines"
printf 'x' >"$scratch/one-byte"
printf '\r' >"$scratch/lone-cr"
for f in empty no-final-newline only-newlines one-byte lone-cr; do
	check "identity on stdin: $f" identity_stdin "$scratch/$f"
	check "identity as FILE: $f" identity_file "$scratch/$f"
done
expect_output "empty input writes nothing" "" "$SLUICE" "$scratch/empty"

# Tiny input buffers: every record straddles buffer refills.
small=$DATA/Apache_2k.log
check "identity with --buffer-size=1" \
	eval '"$SLUICE" --buffer-size=1 <"$small" | cmp -s - "$small"'
check "identity with --buffer-size=7" \
	eval '"$SLUICE" --buffer-size=7 "$small" | cmp -s - "$small"'
check "identity with --buffer-size=7 on binary" \
	eval '"$SLUICE" --buffer-size=7 <"$scratch/allbytes.bin" | cmp -s - "$scratch/allbytes.bin"'

# Several FILEs = one stream.
printf 'a1\na2\n' >"$scratch/a-nl"
printf 'a1\na2' >"$scratch/a-no-nl"
printf 'b1\nb2\n' >"$scratch/b-nl"
printf 'b1\nb2' >"$scratch/b-no-nl"

cat "$scratch/a-nl" "$scratch/b-nl" >"$scratch/want"
expect_bytes "two FILEs with final newlines = cat" "$scratch/want" \
	"$SLUICE" "$scratch/a-nl" "$scratch/b-nl"
cat "$scratch/a-nl" "$scratch/b-no-nl" >"$scratch/want"
expect_bytes "last FILE's missing newline is kept missing" "$scratch/want" \
	"$SLUICE" "$scratch/a-nl" "$scratch/b-no-nl"
expect_output "first FILE without final newline: newline inserted" \
	$'a1\na2\nb1\nb2\n' "$SLUICE" "$scratch/a-no-nl" "$scratch/b-nl"
expect_output "both FILEs without final newline: only the last stays open" \
	$'a1\na2\nb1\nb2' "$SLUICE" "$scratch/a-no-nl" "$scratch/b-no-nl"
expect_output "three FILEs without final newlines" \
	$'a1\na2\nb1\nb2\na1\na2' "$SLUICE" "$scratch/a-no-nl" "$scratch/b-no-nl" "$scratch/a-no-nl"
expect_output "an empty FILE between adds nothing" \
	$'a1\na2\nb1\nb2' "$SLUICE" "$scratch/a-no-nl" "$scratch/empty" "$scratch/b-no-nl"
expect_output "an empty FILE last keeps the inserted newline" \
	$'a1\na2\n' "$SLUICE" "$scratch/a-no-nl" "$scratch/empty"
expect_output "a FILE of only a newline after an open line" \
	$'a1\na2\n\n' "$SLUICE" "$scratch/a-no-nl" "$scratch/only-newlines" -n 3
check "sed agrees on the multi-file newline rule" \
	eval 'cmp -s <("$SLUICE" "$scratch/a-no-nl" "$scratch/b-no-nl") <(sed "" "$scratch/a-no-nl" "$scratch/b-no-nl")'

# Two real logs, both unterminated: identity over one stream.
{ cat "$DATA/Linux_2k.log"; printf '\n'; cat "$DATA/OpenSSH_2k.log"; } >"$scratch/want"
expect_bytes "two real logs as one stream" "$scratch/want" \
	"$SLUICE" "$DATA/Linux_2k.log" "$DATA/OpenSSH_2k.log"

# Large FILEs go out block by block (straight from the reader's buffer when
# it is big): the last line of a FILE without a newline, written line by
# line, must stay between the blocks around it.
head -c 250000 "$DATA/HDFS_2k.log" >"$scratch/big-a"    # ends mid-line
cat "$DATA/Zookeeper_2k.log" "$DATA/Linux_2k.log" >"$scratch/big-b"
{ cat "$scratch/big-a"; echo; cat "$scratch/big-b"; } >"$scratch/big-expected"
for size in 64K 100K 256K; do
	"$SLUICE" --buffer-size=$size "$scratch/big-a" "$scratch/big-b" \
		>"$scratch/big-out"
	same_bytes "two large files, the first without a final newline ($size)" \
		"$scratch/big-expected" "$scratch/big-out"
done
finish
