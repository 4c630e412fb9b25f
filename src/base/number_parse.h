/* number.h: the command line's numbers: counts and byte sizes. */
#ifndef SLUICE_NUMBER_H
#define SLUICE_NUMBER_H

#include <stdint.h>

#define COUNT_MAX ((uint64_t)INT64_MAX)

/* A decimal count from 0 to 2^63-1 ("08" is 8). 0 on success, -1 when text
 * is empty, negative, not a number or too large. */
int number_parse_count(const char *text, uint64_t *count);

/* A count with an optional suffix K, M or G (powers of 1024). */
int number_parse_size(const char *text, uint64_t *size);

#endif
