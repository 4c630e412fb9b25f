/* buffer.h: a growable byte buffer with a hard limit, for stages that
 * build new bytes. It grows to the largest line it held, never past its
 * limit, and is reused for every line. */
#ifndef SLUICE_BUFFER_H
#define SLUICE_BUFFER_H

#include <stddef.h>
#include <string.h>

struct buffer {
	char *ptr;
	size_t len;
	size_t capacity;
	size_t limit;
};

void buffer_init(struct buffer *, size_t limit);
void buffer_free(struct buffer *);

/* Each returns 0, or -1 when len would pass the limit (errno E2BIG) or
 * memory is out (errno ENOMEM). */
int buffer_reserve(struct buffer *, size_t more);

/* Inline: substitution appends several times per line. Capacity never
 * exceeds the limit, so the cheap test also keeps the bound. */
static inline int
buffer_append(struct buffer *buffer, const void *bytes, size_t len)
{
	if (len == 0)
		return 0;
	if (len > buffer->capacity - buffer->len &&
	    buffer_reserve(buffer, len) != 0)
		return -1;
	memcpy(buffer->ptr + buffer->len, bytes, len);
	buffer->len += len;
	return 0;
}

static inline void
buffer_clear(struct buffer *buffer)
{
	buffer->len = 0;
}

#endif
