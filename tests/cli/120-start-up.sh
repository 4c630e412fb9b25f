#!/usr/bin/env bash
# 120-start-up: sluice is not linked with Hyperscan; the filter accelerator
# is loaded only when a filter has seen enough lines to be worth it, so a
# short run starts as fast as grep. A run is watched through a FIFO, and
# /proc/PID/maps says which libraries it has loaded so far.
. "$(dirname "$0")/lib.sh"

if [ ! -r /proc/self/maps ]; then
	# Not a skip: the same promise, checked the portable way.
	check "the binary has no link to libhs" eval '! ldd "$SLUICE" | grep -q libhs'
	finish
	exit
fi

# wait_for_lines FILE N: until FILE has N lines (at most 10 s).
wait_for_lines() {
	local tries=0
	while [ "$(wc -l <"$1")" -lt "$2" ] && [ "$tries" -lt 1000 ]; do
		sleep 0.01
		tries=$((tries + 1))
	done
}

maps_of() { cat "/proc/$1/maps" 2>/dev/null; }

# wait_for_map PID PATTERN: until PID has mapped a file matching PATTERN
# (at most 10 s).
wait_for_map() {
	local tries=0
	while ! maps_of "$1" | grep -Eq "$2" && [ "$tries" -lt 1000 ]; do
		sleep 0.01
		tries=$((tries + 1))
	done
}

# The decompression libraries: none is linked either; each is loaded
# (dlopen) when the first FILE of its format is met.
decoder_libraries='/lib(isal|z|zstd|lzma|bz2)\.so'
check "the binary has no link to a decompression library" \
	eval '! ldd "$SLUICE" | grep -Eq "$decoder_libraries"'

# The sanitizers' runtime brings libstdc++ along; libhs never.
check "the binary has no link to libhs" eval '! ldd "$SLUICE" | grep -q libhs'
if [ -z "${SANITIZER_CFLAGS:-}" ]; then
	check "... nor to libstdc++" eval '! ldd "$SLUICE" | grep -q libstdc'
fi

mkfifo "$scratch/fifo"
"$SLUICE" --line-buffered -m ERROR <"$scratch/fifo" >"$scratch/out" &
pid=$!
exec 3>"$scratch/fifo"
printf 'ERROR one\n' >&3
wait_for_lines "$scratch/out" 1
check "a filter after one line has not loaded libhs" \
	eval '! maps_of $pid | grep -q libhs'
check "... nor any decompression library" \
	eval '! maps_of $pid | grep -Eq "$decoder_libraries"'
if [ -z "${SANITIZER_CFLAGS:-}" ]; then
	check "... nor libstdc++" eval '! maps_of $pid | grep -q libstdc'
fi

# Sparse matches (one line in 20), so the accelerator pays and is built
# once the warm-up's 2048 matches have passed.
awk 'BEGIN { for (i = 0; i < 60000; i++)
	printf i % 20 ? "ok %d\n" : "ERROR %d\n", i }' >&3
wait_for_lines "$scratch/out" 3001
if "$SLUICE" --version | grep -q 'accelerator: Hyperscan'; then
	check "after 60,000 lines the filter has loaded libhs" \
		eval 'maps_of $pid | grep -q libhs'
fi
exec 3>&-
status=0
wait "$pid" || status=$?
check "the watched run ends with status 0" test "$status" = 0
expect_output "... and printed every ERROR line, nothing else" $'3001\n' \
	eval 'grep -c "^ERROR" "$scratch/out"; grep -vc "^ERROR" "$scratch/out" >/dev/null && echo extra'

# format, compress (a filter), the library --version names for it, and the
# file that library is loaded from
decoders=(
	"gzip	gzip -1	ISA-L	libisal"
	"gzip	gzip -1	zlib	libz"
	"zstd	zstd -1 -q	libzstd	libzstd"
	"xz	xz -1	liblzma	liblzma"
	"bzip2	bzip2 -1	libbz2	libbz2"
)
for row in "${decoders[@]}"; do
	IFS=$'\t' read -r format compress library file <<<"$row"
	"$SLUICE" --version | grep -q "^decompression:.* $format ($library " ||
		continue
	rm -f "$scratch/fifo"
	mkfifo "$scratch/fifo"
	"$SLUICE" <"$scratch/fifo" >"$scratch/out" &
	pid=$!
	exec 3>"$scratch/fifo"
	printf 'packed\n' | $compress >&3
	wait_for_map "$pid" "/$file\\.so"
	check "a $format FILE has loaded $file" \
		eval 'maps_of $pid | grep -q "/$file\.so"'
	check "... and no other decompression library" \
		eval '! maps_of $pid | grep -Ev "/$file\.so" |
			grep -Eq "$decoder_libraries"'
	exec 3>&-
	status=0
	wait "$pid" || status=$?
	expect_output "... and decoded it" $'packed\n0\n' \
		eval 'cat "$scratch/out"; echo "$status"'
done
finish
