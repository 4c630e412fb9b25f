/* bisect.h: where in a time-ordered FILE reading may start (SPEC 10): a
 * handful of blocks read at offsets halving the distance, each looked at
 * from its first record start, instead of the whole FILE. */
#ifndef SLUICE_BISECT_H
#define SLUICE_BISECT_H

#include <stddef.h>
#include <stdint.h>

/* Of one record (without its terminator): 1 when it lies before where
 * reading should start, 0 when at it or after, -1 when it cannot tell
 * (it has no stamp). The answers must not go from 0 back to 1 along the
 * FILE, or the start found is one of the places where they do. */
typedef int bisect_before_fn(void *context, const char *record, size_t len);

struct bisect_result {
	uint64_t offset;	/* where to start: a record's start */
	uint64_t probed;	/* bytes read to find it */
	unsigned reads;		/* and in how many reads */
};

/* Looks in the FILE open on fd, size bytes long, whose records end with
 * terminator, reading at most block_size bytes at a time into block. The
 * offset found is 0, or the start of a record with a stamp that before
 * says 1 of, no more than a block before the first that it says 0 of;
 * where a block holds no record it can judge, the search stops at what
 * it knows. 0, or -1 on a read error (errno set). */
int bisect_file(int fd, uint64_t size, char terminator, char *block,
    size_t block_size, bisect_before_fn *, void *context,
    struct bisect_result *);

#endif
