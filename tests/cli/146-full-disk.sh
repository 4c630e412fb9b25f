#!/usr/bin/env bash
# 146-full-disk: -O and --in-place onto a file system that fills up: exit
# 2, "No space left on device" naming FILE, the old FILE kept, no
# temporary file left. A 64 KiB tmpfs is mounted where the test may (as
# root, with mount allowed); elsewhere it says it skipped, and /dev/full
# (in 140-faults) is the write error that remains tested.
. "$(dirname "$0")/lib.sh"

disk=$scratch/disk
mkdir "$disk"
why=
if [ "$(id -u)" != 0 ]; then
	why="not root"
elif ! mount -t tmpfs -o size=64k sluice-full "$disk" 2>"$scratch/mount"; then
	why="mount refused: $(head -1 "$scratch/mount")"
fi
if [ -n "$why" ]; then
	echo "146-full-disk: skipped, cannot mount a small tmpfs ($why); /dev/full covers the write error"
	finish
	exit
fi
trap 'umount "$disk" 2>/dev/null; rm -rf "$scratch"' EXIT

big=$scratch/big
cat "$DATA"/*_2k.log >"$big"	# over a MiB: cannot fit
printf 'the old output\n' >"$disk/out"
cp "$disk/out" "$scratch/out.before"
py -c "import sys; sys.stdout.write(('y' * 99 + '\n') * 400)" >"$disk/edit"
cp "$disk/edit" "$scratch/edit.before"

expect_status "-O onto a full file system: 2" 2 "$SLUICE" -O "$disk/out" "$big"
cp "$scratch/stderr" "$scratch/message"
expect_output "-O onto a full file system: the message" \
	"sluice: $disk/out: write error: No space left on device"$'\n' cat "$scratch/message"
same_bytes "-O onto a full file system: the old FILE kept" "$disk/out" "$scratch/out.before"
expect_output "-O onto a full file system: no temporary left" $'edit\nout\n' ls -A "$disk"

# 40 KiB rewritten in place needs 40 KiB more than the 64 KiB holds.
expect_status "--in-place on a full file system: 2" 2 "$SLUICE" -U --in-place "$disk/edit"
cp "$scratch/stderr" "$scratch/message"
expect_output "--in-place on a full file system: the message" \
	"sluice: $disk/edit: write error: No space left on device"$'\n' cat "$scratch/message"
same_bytes "--in-place on a full file system: FILE kept" "$disk/edit" "$scratch/edit.before"
expect_output "--in-place on a full file system: no temporary left" $'edit\nout\n' ls -A "$disk"

# What fits still works there.
expect_status "-O of what fits: 0" 0 "$SLUICE" -O "$disk/out" "$DATA/LICENSE"
same_bytes "-O of what fits: written" "$disk/out" "$DATA/LICENSE"

finish
