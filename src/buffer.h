/* buffer.h: a growable byte buffer with a hard limit, for stages that
 * build new bytes. It grows to the largest line it held, never past its
 * limit, and is reused for every line. */
#ifndef SLUICE_BUFFER_H
#define SLUICE_BUFFER_H

#include <stddef.h>

struct buffer {
	char *ptr;
	size_t len;
	size_t capacity;
	size_t limit;
};

void buffer_init(struct buffer *, size_t limit);
void buffer_free(struct buffer *);

/* Each returns 0, or -1 when len would pass the limit or memory is out. */
int buffer_reserve(struct buffer *, size_t more);
int buffer_append(struct buffer *, const void *bytes, size_t len);

static inline void
buffer_clear(struct buffer *buffer)
{
	buffer->len = 0;
}

#endif
