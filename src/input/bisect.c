/* bisect.c: finding where reading a time-ordered FILE may start (see
 * bisect.h). The FILE's first block is asked first (a FILE that starts
 * in the window costs nothing more), then its last (one wholly before
 * the window costs nothing more), then the middle of what is left, until
 * less than a block is. Every offset kept is a record start, found as
 * the first terminator in a block read from one byte before the probe
 * point, so a record that starts exactly there is not missed. */
#include <config.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "input/bisect.h"

struct bisector {
	int fd;
	uint64_t size;
	char terminator;
	char *block;
	size_t block_size;
	bisect_before_fn *before;
	void *context;
	struct bisect_result *result;
};

/* block_size bytes (fewer at the end) from offset into the block. */
static ssize_t
read_block(struct bisector *b, uint64_t offset)
{
	size_t want = b->size - offset < b->block_size
	    ? (size_t)(b->size - offset) : b->block_size;
	size_t have = 0;

	while (have < want) {
		ssize_t got = pread(b->fd, b->block + have, want - have,
		    (off_t)(offset + have));

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		have += (size_t)got;
	}
	b->result->probed += have;
	b->result->reads++;
	return (ssize_t)have;
}

/* The first record starting at or after from that before can judge:
 * 1 with its start in *at and the answer in *answer; 0 when the block
 * holds none; -1 on a read error. */
static int
probe(struct bisector *b, uint64_t from, uint64_t *at, int *answer)
{
	uint64_t start = from == 0 ? 0 : from - 1;
	ssize_t got = read_block(b, start);
	size_t i = 0, len;

	if (got < 0)
		return -1;
	len = (size_t)got;
	if (from > 0) {
		const char *first = memchr(b->block, b->terminator, len);

		if (first == NULL)
			return 0;
		i = (size_t)(first - b->block) + 1;
	}
	while (i < len) {
		const char *end = memchr(b->block + i, b->terminator, len - i);
		size_t record_len;

		/* A record cut by the block's end is judged only where the
		 * FILE ends there too. */
		if (end == NULL && start + len < b->size)
			return 0;
		record_len = end != NULL ? (size_t)(end - (b->block + i))
		    : len - i;
		*answer = b->before(b->context, b->block + i, record_len);
		if (*answer >= 0) {
			*at = start + i;
			return 1;
		}
		i += record_len + 1;
	}
	return 0;
}

int
bisect_file(int fd, uint64_t size, char terminator, char *block,
    size_t block_size, bisect_before_fn *before, void *context,
    struct bisect_result *result)
{
	struct bisector b = {
		fd, size, terminator, block, block_size, before, context,
		result
	};
	uint64_t low, high = size, at;
	int answer, found;

	memset(result, 0, sizeof *result);
	/* low: 0, or a record before the start; high: the start is no
	 * later. */
	found = probe(&b, 0, &at, &answer);
	if (found < 0)
		return -1;
	if (found == 0 || answer == 0)
		return 0;
	low = at;
	if (size - low > block_size) {
		found = probe(&b, size - block_size, &at, &answer);
		if (found < 0)
			return -1;
		if (found > 0 && answer == 1)
			low = at;
		else if (found > 0)
			high = at;
	}
	/* A record found is within a block of where it was looked for, so
	 * each probe at least about halves what is left. */
	while (high - low > block_size) {
		uint64_t middle = low + (high - low) / 2;

		found = probe(&b, middle, &at, &answer);
		if (found < 0)
			return -1;
		if (found == 0 || at >= high)
			break;
		if (answer == 1)
			low = at;
		else
			high = at;
	}
	result->offset = low;
	return 0;
}
