#!/usr/bin/env bash
# 135-decompress.sh: compressed input, one table row per format: files and
# standard input, concatenated streams, plain and compressed FILEs mixed,
# truncated and corrupt data, --decompress=none, -n on an endless stream,
# and the same lines as the format's own tool piped into grep.
. "$(dirname "$0")/lib.sh"

: "${GENLOG:?}"

# format, compress (a filter), its cat, what it decodes of a damaged FILE
# (to standard output), and the library that decodes it in sluice
formats=(
	"gzip	gzip -6	zcat	gzip -dc	zlib"
	"zstd	zstd -3 -q	zstdcat	zstd -dcq	libzstd"
	"xz	xz -1	xzcat	xz -dc	liblzma"
	"bzip2	bzip2 -9	bzcat	bz2_partial	libbz2"
)

# The bzip2 tool keeps its last buffer to itself when the data is damaged;
# Python's bz2 module (libbz2 as well) hands out everything it decoded.
bz2_partial() {
	py -c 'import bz2, sys
d = bz2.BZ2Decompressor()
sys.stdout.buffer.write(d.decompress(open(sys.argv[1], "rb").read()))' "$1"
}

# whole_lines: standard input up to its last newline.
whole_lines() {
	py -c 'import sys
d = sys.stdin.buffer.read()
sys.stdout.buffer.write(d[:d.rfind(b"\n") + 1])'
}

# A record that crosses member boundaries, and a last one without newline.
"$GENLOG" 2M >"$scratch/plain"
printf 'the last line has no newline' >>"$scratch/plain"
head -c 100000 "$scratch/plain" >"$scratch/head"
pattern='ERROR|FATAL|[Ff]ail(ed|ure)'

for row in "${formats[@]}"; do
	IFS=$'\t' read -r name compress cat partial library <<<"$row"
	packed=$scratch/$name.packed
	$compress <"$scratch/plain" >"$packed"

	if ! "$SLUICE" --version | grep -q "^decompression:.* $name ("; then
		# A build without the library: one clear line, exit 2.
		expect_status "$name: built without $library: exit 2" 2 \
			"$SLUICE" "$packed"
		expect_stderr "$name: the message names $library" \
			"sluice: $packed: $name input, but sluice was built without $library" \
			"$SLUICE" "$packed"
		continue
	fi

	expect_result "$name: a FILE decodes exactly" "$scratch/plain" 0 \
		"$SLUICE" "$packed"
	expect_result "$name: standard input decodes exactly" "$scratch/plain" 0 \
		eval '"$SLUICE" <"$packed"'
	cp "$packed" "$scratch/named.txt"
	expect_result "$name: known by its bytes, not its name" "$scratch/plain" 0 \
		"$SLUICE" "$scratch/named.txt"
	expect_result "$name: --decompress=none passes the bytes" "$packed" 0 \
		"$SLUICE" --decompress=none "$packed"

	# Two streams, the first ending inside a line: cat's concatenation.
	{ head -c 100000 "$scratch/plain"; cat "$scratch/plain"; } >"$scratch/want"
	{ $compress <"$scratch/head"; cat "$packed"; } >"$scratch/multi"
	expect_result "$name: concatenated streams are one stream" \
		"$scratch/want" 0 "$SLUICE" "$scratch/multi"
	expect_result "$name: ... on standard input too" \
		"$scratch/want" 0 eval '"$SLUICE" <"$scratch/multi"'

	# Plain and compressed FILEs in one run; a record never spans FILEs.
	{ cat "$scratch/head"; echo; cat "$scratch/plain"; echo
	  cat "$scratch/plain"; echo; cat "$scratch/head"; } >"$scratch/want"
	expect_result "$name: plain and compressed FILEs mix" "$scratch/want" 0 \
		eval '"$SLUICE" "$scratch/head" "$packed" - "$scratch/head" <"$packed"'

	agree "$name: -m agrees with the tool piped into grep -E" \
		bash -c "$cat '$packed' | grep -E '$pattern'" ::: \
		-m "$pattern" "$packed"

	# Truncated: the whole lines the tool decoded, then one message
	# with the offset where the data ends; the next FILE is still read.
	size=$(wc -c <"$packed")
	# (12 bytes: past every format's magic, so it is still known)
	for cut in 12 $((size / 2)) $((size - 1)); do
		head -c "$cut" "$packed" >"$scratch/cut"
		{ $partial "$scratch/cut" 2>/dev/null || :; } |
			whole_lines >"$scratch/want"
		cat "$scratch/head" >>"$scratch/want"
		expect_result "$name: cut at $cut: whole lines, exit 2" \
			"$scratch/want" 2 "$SLUICE" "$scratch/cut" "$scratch/head"
		expect_stderr "$name: cut at $cut: one line with the offset" \
			"sluice: $scratch/cut: $name data truncated at compressed byte $cut" \
			"$SLUICE" "$scratch/cut" "$scratch/head"
	done

	# Corrupt near the end (the trailer's check or the last block):
	# exit 2, one line naming the offset, whole lines only, and none
	# fewer than the tool got out of the same bytes.
	cp "$packed" "$scratch/bad"
	printf '\125\125' | dd of="$scratch/bad" bs=1 seek=$((size - 8)) \
		conv=notrunc 2>/dev/null
	status=0
	"$SLUICE" "$scratch/bad" >"$scratch/out" 2>"$scratch/stderr" || status=$?
	check "$name: corrupt: exit 2" test "$status" = 2
	one_error_line "$name: corrupt: one message"
	check "$name: corrupt: it names the file and the offset" grep -Eq \
		"^sluice: $scratch/bad: $name data corrupt at compressed byte [0-9]+ \(.+\)$" \
		"$scratch/stderr"
	{ $partial "$scratch/bad" 2>/dev/null || :; } | whole_lines >"$scratch/tool"
	check "$name: corrupt: whole lines of the data, no fewer than the tool's" \
		py -c 'import sys
out, tool, plain = (open(f, "rb").read() for f in sys.argv[1:])
sys.exit(not (plain.startswith(out) and (out == b"" or out.endswith(b"\n"))
	and len(out) >= len(tool)))' "$scratch/out" "$scratch/tool" "$scratch/plain"

	# -n ends the run at once, even on an endless compressed stream.
	start=$(now_ms)
	expect_output "$name: -n 1 on an endless stream" "$(head -n 1 "$scratch/plain")"$'\n' \
		timeout 20 bash -c "while cat '$scratch/plain'; do :; done |
			$compress | '$SLUICE' -n 1"
	check "$name: ... ends at once" test $(($(now_ms) - start)) -lt 10000
	# ... and on a pipe that stalls after its first stream: its lines
	# come out before more input, and the decoding thread, waiting for
	# input, is not waited for.
	start=$(now_ms)
	expect_output "$name: -n 1 on a stalled pipe" $'a\n' \
		eval '"$SLUICE" -n 1 < <(printf "a\nb\n" | $compress; sleep 3)'
	check "$name: ... ends without waiting for it" \
		test $(($(now_ms) - start)) -lt 2500
done

# The zstd window: capped at 128M unless raised.
if "$SLUICE" --version | grep -q "^decompression:.* zstd ("; then
	zstd -q --long=28 <"$scratch/head" >"$scratch/wide.zst"
	expect_status "zstd: a 256 MiB window is over the cap: exit 2" 2 \
		"$SLUICE" "$scratch/wide.zst"
	expect_stderr "zstd: ... and the message names --max-window" \
		"sluice: $scratch/wide.zst: zstd data at compressed byte 0 needs a window over --max-window=128M; raise --max-window to read it" \
		"$SLUICE" "$scratch/wide.zst"
	expect_result "zstd: --max-window=256M reads it" "$scratch/head" 0 \
		"$SLUICE" --max-window=256M "$scratch/wide.zst"
	expect_status "--max-window=big is refused" 2 \
		"$SLUICE" --max-window=big "$scratch/wide.zst"
fi
# Memory: the decoder's state and the ring are a bounded part of the
# promise. A compressed stream made on the fly through a real chain stays
# under 16 MiB (under the sanitizers only the run itself is checked).
: "${PEAK_RSS:?}"
size=300M limit_kib=16384
if [ -n "${SANITIZER_CFLAGS:-}" ]; then
	size=30M limit_kib=
fi
for compress in "gzip -1" "zstd -3 -q"; do
	name=${compress%% *}
	"$SLUICE" --version | grep -q "^decompression:.* $name (" || continue
	status=0
	"$GENLOG" "$size" | $compress | "$PEAK_RSS" "$scratch/rss" "$SLUICE" \
		-m 'error|fail' -r 's/[0-9]+/X/g' >"$scratch/out" || status=$?
	check "$name: $size through -m -r succeeds with output" \
		test "$status" = 0 -a -s "$scratch/out"
	printf 'peak RSS of sluice -m -r over %s of %s: %s KiB\n' "$size" "$name" \
		"$(cat "$scratch/rss")"
	if [ -n "$limit_kib" ]; then
		check "$name: peak RSS under $limit_kib KiB" \
			test "$(cat "$scratch/rss")" -lt "$limit_kib"
	fi
done

expect_stderr "--decompress takes auto or none" \
	"sluice: --decompress 'some': not a mode (auto or none)" \
	"$SLUICE" --decompress=some /dev/null
finish
