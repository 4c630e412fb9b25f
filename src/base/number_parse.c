/* number.c: parses counts and sizes strictly: no sign, no spaces, no hex,
 * no overflow, so that a typo is an error and never a surprise. */
#include <config.h>
#include <stddef.h>

#include "base/number_parse.h"

int
number_parse_count(const char *text, uint64_t *count)
{
	uint64_t value = 0;
	const char *p;

	if (text == NULL || *text == '\0')
		return -1;
	for (p = text; *p != '\0'; p++) {
		unsigned digit;

		if (*p < '0' || *p > '9')
			return -1;
		digit = (unsigned)(*p - '0');
		if (value > (COUNT_MAX - digit) / 10)
			return -1;
		value = value * 10 + digit;
	}
	*count = value;
	return 0;
}

int
number_parse_size(const char *text, uint64_t *size)
{
	char digits[32];
	size_t length = 0;
	unsigned shift = 0;
	uint64_t value;

	if (text == NULL)
		return -1;
	/* Leading zeros do not count against the digits' room, as they do
	 * not in number_parse_count: 0064K is 64K. */
	while (text[0] == '0' && text[1] >= '0' && text[1] <= '9')
		text++;
	while (text[length] >= '0' && text[length] <= '9') {
		if (length + 1 >= sizeof digits)
			return -1;
		digits[length] = text[length];
		length++;
	}
	digits[length] = '\0';
	switch (text[length]) {
	case '\0':
		break;
	case 'K': case 'k':
		shift = 10;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'G': case 'g':
		shift = 30;
		break;
	default:
		return -1;
	}
	if (shift != 0 && text[length + 1] != '\0')
		return -1;
	if (number_parse_count(digits, &value) != 0)
		return -1;
	if (value > (COUNT_MAX >> shift))
		return -1;
	*size = value << shift;
	return 0;
}
