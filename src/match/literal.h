/* literal.h: the lines of a block that hold one plain string, found with
 * memmem: a prefilter that costs nothing to build, for patterns that are
 * a literal (see prefilter.h, which hands it out). */
#ifndef SLUICE_LITERAL_H
#define SLUICE_LITERAL_H

#include <stddef.h>

#include "match/candidate_lines.h"
#include "match/regex.h"

struct literal;

/* NULL when the pattern, under these flags, is not one plain string
 * (every byte stands for itself, and case matters or it has no letter),
 * or when out of memory. */
struct literal *literal_new(const char *pattern, size_t length,
    const struct regex_flags *);
void literal_free(struct literal *);

/* As prefilter_lines: the first lines (max at most) of block that hold
 * the string, in order; one report per line. */
int literal_lines(const struct literal *, const char *block, size_t length,
    struct prefilter_line *lines, size_t max, int *complete,
    unsigned long long *reports);

#endif
