/* decimal_sum.h: the numbers --sum and --sum-by add. A number is an
 * optional sign, digits and an optional fraction (-12, 3.25), with blanks
 * (space, tab, CR) allowed around it. Whole numbers are added exactly in
 * 128 bits (to 2^127 - 1 either way, far past 2^63); numbers with a
 * fraction are added as doubles, apart from them, so the whole part of a
 * mixed sum stays exact until the two are written as one. */
#ifndef SLUICE_DECIMAL_SUM_H
#define SLUICE_DECIMAL_SUM_H

#include <stddef.h>
#include <stdint.h>

__extension__ typedef __int128 decimal_whole;

struct decimal_sum {
	decimal_whole whole;	/* the sum of the whole numbers */
	double fraction;	/* the sum of the numbers with a fraction */
	int has_fraction;	/* one such number was added */
};

enum {
	DECIMAL_OK,
	DECIMAL_NOT_A_NUMBER,
	DECIMAL_OVERFLOW	/* a whole number or sum past 2^127 - 1 */
};

/* The longest text decimal_format writes, with its NUL. */
#define DECIMAL_TEXT_MAX 48

/* Reads text[0, len) as one number into *value (a sum of that number
 * alone): DECIMAL_OK, DECIMAL_NOT_A_NUMBER or DECIMAL_OVERFLOW. */
int decimal_parse(const char *text, size_t len, struct decimal_sum *value);

/* Adds value to *sum: DECIMAL_OK, or DECIMAL_OVERFLOW with *sum as it
 * was. */
int decimal_add(struct decimal_sum *sum, const struct decimal_sum *value);

/* A whole-number sum of n. */
struct decimal_sum decimal_of_count(uint64_t n);

/* <0, 0, >0 as a is less than, equal to or more than b. */
int decimal_compare(const struct decimal_sum *a, const struct decimal_sum *b);

/* The sum as text: a whole sum exactly, in decimal; one with a fraction
 * as the shortest text that strtod reads back to the same double. Its
 * length. */
size_t decimal_format(const struct decimal_sum *, char *text, size_t size);

#endif
