/* class_run.h: the fast path for the commonest substitution and
 * extraction patterns: one byte class, repeated (`[0-9]+`, `\s+`, `a+`,
 * `[^,]+`). Such a pattern's matches are the maximal runs of bytes in the
 * class, which a 256-entry table finds several times faster than a call
 * into PCRE2 per match. Which bytes are in the class is not decided here:
 * regex.c asks PCRE2, byte by byte, so the two can never disagree. */
#ifndef SLUICE_CLASS_RUN_H
#define SLUICE_CLASS_RUN_H

#include <stddef.h>

/* 1 when pattern is exactly one atom (a bracket class, \d \D \s \S \w \W,
 * '.', or a literal character) followed by a greedy '+', and nothing
 * else; in byte mode the pattern then matches the maximal runs of the
 * bytes its atom matches. */
int class_run_shape(const char *pattern, size_t length);

/* The first run of bytes in table (table[b] != 0) in subject[offset,
 * length): 1 with its bounds, or 0 when there is none. */
int class_run_find(const unsigned char *table, const char *subject,
    size_t length, size_t offset, size_t *start, size_t *end);

#endif
