/* prefilter.h: an optional accelerator for filters (Hyperscan, where
 * configure found it). It scans a whole block of lines for places where
 * the pattern may match, so that the lines before the first such place
 * are passed over without a PCRE2 call each. It only proposes: every line
 * it points at is still decided by PCRE2, and it never misses a line PCRE2
 * would match. */
#ifndef SLUICE_PREFILTER_H
#define SLUICE_PREFILTER_H

#include <stddef.h>

#include "regex.h"

struct prefilter;

/* NULL when there is no accelerator, or it cannot take this pattern with
 * these flags; the filter then works line by line, as correctly. */
struct prefilter *prefilter_new(const char *pattern, size_t length,
    const struct regex_flags *);
void prefilter_free(struct prefilter *);

/* Finds the first place in block where a match may end. 1: *end is the
 * offset just past it; 0: no line of block can match; -1: scan failure. */
int prefilter_first(struct prefilter *, const char *block, size_t length,
    size_t *end);

/* The accelerator's name and version, or NULL when built without one. */
const char *prefilter_engine(void);

#endif
