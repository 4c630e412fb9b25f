/* literal.c: finding the lines that hold one plain string (see literal.h).
 * glibc's memmem scans at several GB/s and needs no set-up, so a filter
 * whose pattern is a word such as ERROR passes over lines from its first
 * line on, before the Hyperscan prefilter (a fork and a compile) is worth
 * building. */
#include <config.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "match/literal.h"
#include "match/candidate_lines.h"

struct literal {
	size_t length;
	char bytes[];
};

/* 1 when byte means itself in a PCRE2 pattern outside a class. */
static int
plain_byte(unsigned char byte)
{
	return strchr("\\^$.|?*+()[]{}", byte) == NULL || byte == '\0';
}

struct literal *
literal_new(const char *pattern, size_t length,
    const struct regex_flags *flags)
{
	struct literal *literal;
	size_t i;

	if (length == 0 || flags->utf8 || (flags->extended && !flags->literal))
		return NULL;
	for (i = 0; i < length; i++) {
		unsigned char byte = (unsigned char)pattern[i];

		if ((!flags->literal && !plain_byte(byte)) ||
		    (flags->caseless && isalpha(byte)))
			return NULL;
	}
	literal = malloc(sizeof *literal + length);
	if (literal == NULL)
		return NULL;
	literal->length = length;
	memcpy(literal->bytes, pattern, length);
	return literal;
}

void
literal_free(struct literal *literal)
{
	free(literal);
}

int
literal_lines(const struct literal *literal, const char *block,
    size_t length, struct prefilter_line *lines, size_t max, int *complete,
    unsigned long long *reports)
{
	size_t from = 0, count = 0;

	*complete = 1;
	*reports = 0;
	while (from < length) {
		const char *hit = memmem(block + from, length - from,
		    literal->bytes, literal->length);
		const char *start, *end;
		size_t at;

		if (hit == NULL)
			break;
		if (count == max) {
			*complete = 0;
			break;
		}
		at = (size_t)(hit - block);
		start = memrchr(block + from, '\n', at - from);
		end = memchr(hit, '\n', length - at);
		lines[count].start = start != NULL
		    ? (size_t)(start + 1 - block) : from;
		lines[count].end = end != NULL ? (size_t)(end - block) : length;
		from = lines[count++].end + 1;
		(*reports)++;
	}
	return (int)count;
}
