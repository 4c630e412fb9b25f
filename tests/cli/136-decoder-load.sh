#!/usr/bin/env bash
# 136-decoder-load: sluice is linked with no decompression library; each
# is loaded (dlopen) when the first FILE of its format is met. Where it
# cannot be -- here a stand-in without its entry points comes first on
# LD_LIBRARY_PATH -- that FILE is one clear error naming the library, the
# other FILEs are still read, and gzip falls back from ISA-L to zlib.
. "$(dirname "$0")/lib.sh"

: "${STAND_IN:?STAND_IN must name tests/fault/stand_in.so (make check sets it)}"
: "${BUILDDIR:?BUILDDIR must name the build directory (make check sets it)}"

# soname NAME: the file configure found to load NAME's library from, or
# nothing where the build has no NAME.
soname() {
	sed -n "s/^#define $1_LIBRARY \"\(.*\)\"\$/\1/p" "$BUILDDIR/config.h"
}

# stand_in NAME...: only these libraries are the stand-in, in $scratch/lib.
stand_in() {
	local name
	rm -rf "$scratch/lib"
	mkdir "$scratch/lib"
	for name in "$@"; do
		ln -s "$STAND_IN" "$scratch/lib/$(soname "$name")"
	done
}

# with_stand_ins COMMAND...: COMMAND, finding $scratch/lib's first.
with_stand_ins() {
	LD_LIBRARY_PATH=$scratch/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$@"
}

printf 'one\ntwo\n' >"$scratch/plain"
cat "$scratch/plain" "$scratch/plain" >"$scratch/twice"

# format, compress (a filter), its libraries as configure names them,
# best first
formats=(
	"gzip	gzip -6	ISAL ZLIB"
	"zstd	zstd -3 -q	ZSTD"
	"xz	xz -1	LZMA"
	"bzip2	bzip2 -9	BZIP2"
)

for row in "${formats[@]}"; do
	IFS=$'\t' read -r format compress libraries <<<"$row"
	packed=$scratch/$format.packed
	$compress <"$scratch/plain" >"$packed"
	built=()
	for library in $libraries; do
		[ -n "$(soname "$library")" ] && built+=("$library")
	done
	# A build without any (135-decompress checks its message).
	[ "${#built[@]}" -gt 0 ] || continue

	if [ "${#built[@]}" = 1 ]; then
		why="$(soname "${built[0]}") cannot be loaded"
	else
		why="neither $(soname "${built[0]}") nor $(soname "${built[1]}") can be loaded"
	fi
	stand_in "${built[@]}"
	expect_status "$format: no usable library: exit 2" 2 \
		with_stand_ins "$SLUICE" "$packed"
	expect_stderr "$format: ... one line naming the library" \
		"sluice: $packed: $format input, but $why" \
		with_stand_ins "$SLUICE" "$packed"
	expect_result "$format: ... the FILEs around it are read" \
		"$scratch/twice" 2 \
		with_stand_ins "$SLUICE" "$scratch/plain" "$packed" "$scratch/plain"
	expect_output "$format: ... and --version says so" "$format ($why)"$'\n' \
		eval 'with_stand_ins "$SLUICE" --version |
			grep -o "$format ([^)]*)"'
	stand_in
	expect_result "$format: with the library it decodes" "$scratch/plain" 0 \
		with_stand_ins "$SLUICE" "$packed"

	if [ "${#built[@]}" = 2 ]; then
		stand_in "${built[0]}"
		expect_result "$format: without the best library, the next decodes" \
			"$scratch/plain" 0 with_stand_ins "$SLUICE" "$packed"
		expect_output "$format: ... and --version names it" "$format (zlib"$'\n' \
			eval 'with_stand_ins "$SLUICE" --version |
				grep -o "$format ([^ ]*"'
	fi
done
finish
