/* candidate_lines.h: what a prefilter (prefilter.h) or a plain-string
 * search (literal.h) hands a filter: the lines of a block where a match
 * may be. */
#ifndef SLUICE_CANDIDATE_LINES_H
#define SLUICE_CANDIDATE_LINES_H

#include <stddef.h>

/* A line of a block: [start, end), with the terminator at end. */
struct prefilter_line {
	size_t start;
	size_t end;
};

#endif
