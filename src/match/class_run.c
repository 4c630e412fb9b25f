/* class_run.c: recognizes one-class-repeated patterns and finds their
 * runs (see class_run.h). The recognizer is deliberately narrow: anything
 * it is unsure of goes to PCRE2. */
#include <config.h>
#include <string.h>

#include "match/class_run.h"

/* The length of the bracket class at pattern[0] == '[', or 0 when it is
 * not one this recognizer understands. */
static size_t
bracket_length(const char *pattern, size_t length)
{
	size_t i = 1;

	if (i < length && pattern[i] == '^')
		i++;
	if (i < length && pattern[i] == ']')
		i++;	/* a leading ']' is a member */
	while (i < length) {
		char c = pattern[i];

		if (c == ']')
			return i + 1;
		if (c == '\\') {
			/* \Q...\E could hide a ']'; \E and \Q are refused. */
			if (i + 1 >= length || pattern[i + 1] == 'Q' ||
			    pattern[i + 1] == 'E')
				return 0;
			i += 2;
		} else if (c == '[' && i + 1 < length && pattern[i + 1] == ':') {
			/* Only a plain [:name:] or [:^name:]: PCRE2 reads
			 * "[:" followed by anything else (a ']' first, say:
			 * [[:a]b:]c]+) as a literal '[' and ends the class
			 * sooner than a search for ":]" would. */
			size_t j = i + 2;

			if (j < length && pattern[j] == '^')
				j++;
			while (j < length && pattern[j] >= 'a' &&
			    pattern[j] <= 'z')
				j++;
			if (j + 1 >= length || pattern[j] != ':' ||
			    pattern[j + 1] != ']')
				return 0;
			i = j + 2;
		} else {
			i++;
		}
	}
	return 0;
}

/* The length of the atom at the start of pattern, or 0. */
static size_t
atom_length(const char *pattern, size_t length)
{
	if (length == 0)
		return 0;
	if (pattern[0] == '[')
		return bracket_length(pattern, length);
	if (pattern[0] == '\\')
		return length >= 2 && strchr("dDsSwW", pattern[1]) != NULL &&
		    pattern[1] != '\0' ? 2 : 0;
	if (pattern[0] == '.')
		return 1;
	/* A literal: anything but PCRE2's metacharacters and white space
	 * (which the x flag would ignore). */
	if (strchr("\\^$.|?*+()[]{}# \t\n\r\f\v", pattern[0]) != NULL)
		return 0;
	return 1;
}

int
class_run_shape(const char *pattern, size_t length)
{
	size_t atom = atom_length(pattern, length);

	return atom > 0 && atom + 1 == length && pattern[atom] == '+';
}

int
class_run_find(const unsigned char *table, const char *subject,
    size_t length, size_t offset, size_t *start, size_t *end)
{
	const unsigned char *bytes = (const unsigned char *)subject;
	size_t i = offset, j;

	while (i < length && !table[bytes[i]])
		i++;
	if (i >= length)
		return 0;
	for (j = i + 1; j < length && table[bytes[j]]; j++)
		;
	*start = i;
	*end = j;
	return 1;
}
