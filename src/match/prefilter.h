/* prefilter.h: an optional accelerator for filters (Hyperscan, where
 * configure found it). It scans a whole block of lines for places where
 * the pattern may match, so that the lines before the first such place
 * are passed over without a PCRE2 call each. It only proposes: every line
 * it points at is still decided by PCRE2, and it never misses a line PCRE2
 * would match. */
#ifndef SLUICE_PREFILTER_H
#define SLUICE_PREFILTER_H

#include <stddef.h>

#include "match/candidate_lines.h"
#include "match/regex.h"

struct prefilter;

/* Why no prefilter may stand in for PCRE2 with this pattern, or NULL.
 * A prefilter scans a block of lines as one subject where PCRE2 is given
 * one line at a time, so a pattern that can tell the two apart is
 * refused: \A, \z, \Z and \G (they would see the block's ends), an
 * inline option that turns multi-line mode off ((?-m), (?i-m), (?^):
 * ^ and $ would then match only at the block's ends), and a verb such as
 * (*UCP) or (*CR), which changes what PCRE2 matches in ways the
 * accelerator does not follow. The test errs toward refusing: it costs
 * speed, never a line. */
const char *prefilter_refusal(const char *pattern, size_t length,
    const struct regex_flags *);

/* A pattern for the accelerator, compiled once for the whole run: on
 * first need, by whichever thread needs it first, and shared read-only
 * by every copy of a filter (-j); each prefilter made from it has its own
 * scratch. The compiler runs in a short-lived child process only while
 * this process has one thread (a fork from a threaded process could
 * inherit a lock another thread holds), in this process otherwise.
 * NULL when out of memory. */
struct accelerator;
struct accelerator *accelerator_new(const char *pattern, size_t length,
    const struct regex_flags *);
/* Frees it; every prefilter made from it must be freed first. */
void accelerator_free(struct accelerator *);

/* A prefilter scanning with the accelerator's database, compiled now if
 * it was not yet. NULL when there is no accelerator, or it cannot take
 * this pattern with these flags (prefilter_refusal included); the filter
 * then works line by line, as correctly. */
struct prefilter *prefilter_new_accelerated(struct accelerator *);

/* The same for a pattern of its own (--explain's trial, the tests). */
struct prefilter *prefilter_new(const char *pattern, size_t length,
    const struct regex_flags *);
void prefilter_free(struct prefilter *);

/* A prefilter for a pattern that is one plain string (literal.h): no
 * accelerator needed, nothing to load, so a filter can use it from its
 * first line. NULL when the pattern is not one. */
struct prefilter *prefilter_new_literal(const char *pattern, size_t length,
    const struct regex_flags *);
int prefilter_is_literal(const struct prefilter *);


/* Scans block, which ends just after a terminator, and puts in lines, in
 * order, the first lines (max at most) where a match may be; no other
 * line up to the last of them can match. Returns their number, or -1 when
 * the scan failed. *complete is 1 when no line after them can match
 * either, 0 when there were more than max. *reports is how many places
 * the scan reported, the measure of what it cost. */
int prefilter_lines(struct prefilter *, const char *block, size_t length,
    struct prefilter_line *lines, size_t max, int *complete,
    unsigned long long *reports);

/* Puts the accelerator's name and version in name and returns 1; returns
 * 0 when there is none (built without it, its library cannot be loaded,
 * or this CPU cannot run it). */
int prefilter_engine(char *name, size_t size);

#endif
