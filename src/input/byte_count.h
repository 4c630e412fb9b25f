/* byte_count.h: how many times a byte occurs in a span, fast. The reader
 * counts the records of whole blocks it passes over (a filter's prefilter
 * skipping lines, a run with no stages) and so keeps line numbers exact
 * without looking at each line. */
#ifndef SLUICE_BYTE_COUNT_H
#define SLUICE_BYTE_COUNT_H

#include <stddef.h>

size_t byte_count(const char *bytes, size_t length, char byte);

#endif
