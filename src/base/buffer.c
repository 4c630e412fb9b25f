/* buffer.c: growth policy for struct buffer: doubling, capped at limit. */
#include <config.h>
#include <errno.h>
#include <stdlib.h>

#include "base/buffer.h"

#define BUFFER_FIRST_CAPACITY 256

void
buffer_init(struct buffer *buffer, size_t limit)
{
	buffer->ptr = NULL;
	buffer->len = 0;
	buffer->capacity = 0;
	buffer->limit = limit;
}

void
buffer_free(struct buffer *buffer)
{
	free(buffer->ptr);
	buffer_init(buffer, buffer->limit);
}

int
buffer_reserve(struct buffer *buffer, size_t more)
{
	size_t wanted, capacity;
	char *grown;

	if (more > buffer->limit || buffer->len > buffer->limit - more) {
		errno = E2BIG;
		return -1;
	}
	wanted = buffer->len + more;
	if (wanted <= buffer->capacity)
		return 0;
	/* Capacity never passes the limit, so the loop ends at the limit at
	 * the latest, which is at least wanted. */
	capacity = buffer->capacity;
	if (capacity == 0)
		capacity = BUFFER_FIRST_CAPACITY < buffer->limit
		    ? BUFFER_FIRST_CAPACITY : buffer->limit;
	while (capacity < wanted)
		capacity = capacity > buffer->limit / 2 ? buffer->limit
		    : capacity * 2;
	grown = realloc(buffer->ptr, capacity);
	if (grown == NULL) {
		errno = ENOMEM;
		return -1;
	}
	buffer->ptr = grown;
	buffer->capacity = capacity;
	return 0;
}
