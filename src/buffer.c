/* buffer.c: growth policy for struct buffer: doubling, capped at limit. */
#include <config.h>
#include <stdlib.h>

#include "buffer.h"

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

	if (more > buffer->limit - buffer->len)
		return -1;
	wanted = buffer->len + more;
	if (wanted <= buffer->capacity)
		return 0;
	capacity = buffer->capacity == 0 ? BUFFER_FIRST_CAPACITY
	    : buffer->capacity;
	while (capacity < wanted)
		capacity = capacity > buffer->limit / 2 ? buffer->limit
		    : capacity * 2;
	grown = realloc(buffer->ptr, capacity);
	if (grown == NULL)
		return -1;
	buffer->ptr = grown;
	buffer->capacity = capacity;
	return 0;
}
