/* decimal_sum.c: reading, adding, comparing and writing the numbers of
 * --sum and --sum-by (see decimal_sum.h). */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/decimal_sum.h"

/* strtod needs a NUL: a number's text is copied, up to this much. Digits
 * past it are dropped: a double holds 17 significant digits, so only a
 * made-up tie could round otherwise. */
#define FRACTION_TEXT_MAX 512

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
parse_whole(const char *digits, size_t count, int negative,
    decimal_whole *whole)
{
	decimal_whole value = 0;
	size_t i;

	/* Built negative, so -2^127 itself is a sum it can hold. */
	for (i = 0; i < count; i++) {
		int digit = digits[i] - '0';

		if (__builtin_mul_overflow(value, 10, &value) ||
		    __builtin_sub_overflow(value, digit, &value))
			return DECIMAL_OVERFLOW;
	}
	if (!negative && __builtin_mul_overflow(value, -1, &value))
		return DECIMAL_OVERFLOW;
	*whole = value;
	return DECIMAL_OK;
}

int
decimal_parse(const char *text, size_t len, struct decimal_sum *value)
{
	size_t start = 0, end = len, i, digits;
	int negative = 0;

	while (start < end && is_blank(text[start]))
		start++;
	while (end > start && is_blank(text[end - 1]))
		end--;
	i = start;
	if (i < end && (text[i] == '-' || text[i] == '+'))
		negative = text[i++] == '-';
	digits = i;
	while (i < end && is_digit(text[i]))
		i++;
	if (i == digits)
		return DECIMAL_NOT_A_NUMBER;
	memset(value, 0, sizeof *value);
	if (i == end)
		return parse_whole(text + digits, i - digits, negative,
		    &value->whole);
	if (text[i] != '.' || i + 1 == end)
		return DECIMAL_NOT_A_NUMBER;
	for (i++; i < end; i++)
		if (!is_digit(text[i]))
			return DECIMAL_NOT_A_NUMBER;
	{
		char copy[FRACTION_TEXT_MAX];
		size_t n = end - start < sizeof copy ? end - start
		    : sizeof copy - 1;

		memcpy(copy, text + start, n);
		copy[n] = '\0';
		value->fraction = strtod(copy, NULL);
		value->has_fraction = 1;
	}
	return DECIMAL_OK;
}

int
decimal_add(struct decimal_sum *sum, const struct decimal_sum *value)
{
	decimal_whole whole;

	if (__builtin_add_overflow(sum->whole, value->whole, &whole))
		return DECIMAL_OVERFLOW;
	sum->whole = whole;
	sum->fraction += value->fraction;
	sum->has_fraction |= value->has_fraction;
	return DECIMAL_OK;
}

struct decimal_sum
decimal_of_count(uint64_t n)
{
	struct decimal_sum sum = { (decimal_whole)n, 0, 0 };

	return sum;
}

static double
decimal_double(const struct decimal_sum *sum)
{
	return (double)sum->whole + sum->fraction;
}

int
decimal_compare(const struct decimal_sum *a, const struct decimal_sum *b)
{
	if (!a->has_fraction && !b->has_fraction)
		return a->whole < b->whole ? -1 : a->whole > b->whole;
	{
		double x = decimal_double(a), y = decimal_double(b);

		return x < y ? -1 : x > y;
	}
}

static size_t
format_whole(decimal_whole whole, char *text, size_t size)
{
	char digits[DECIMAL_TEXT_MAX];
	size_t n = 0, len = 0;
	unsigned __int128 magnitude = whole < 0
	    ? (unsigned __int128)0 - (unsigned __int128)whole
	    : (unsigned __int128)whole;

	do {
		digits[n++] = (char)('0' + (int)(magnitude % 10));
		magnitude /= 10;
	} while (magnitude != 0);
	if (whole < 0 && len + 1 < size)
		text[len++] = '-';
	while (n > 0 && len + 1 < size)
		text[len++] = digits[--n];
	if (size > 0)
		text[len] = '\0';
	return len;
}

size_t
decimal_format(const struct decimal_sum *sum, char *text, size_t size)
{
	double value;
	int precision, n = 0;

	if (!sum->has_fraction)
		return format_whole(sum->whole, text, size);
	value = decimal_double(sum);
	/* The shortest of %.1g .. %.17g that reads back the same: 17
	 * significant digits always do. */
	for (precision = 1; precision <= 17; precision++) {
		n = snprintf(text, size, "%.*g", precision, value);
		if (n > 0 && (size_t)n < size && strtod(text, NULL) == value)
			break;
	}
	return n > 0 && (size_t)n < size ? (size_t)n : 0;
}
