/* regex.h: regular expressions, PCRE2 kept behind this door: compile once,
 * JIT when the library has it, one match-data block per compiled pattern
 * reused for every line, limits so no pattern can hang a run. */
#ifndef SLUICE_REGEX_H
#define SLUICE_REGEX_H

#include <stddef.h>
#include <stdint.h>

struct regex;

struct regex_flags {
	int caseless;
	int literal;		/* the pattern is a plain string */
	int utf8;		/* UTF-8 mode; invalid bytes never match or fail */
	int extended;		/* white space and # comments ignored */
	uint32_t match_limit;	/* 0: PCRE2's default */
	int multiline;		/* ^ and $ at every line of a record of
				 * several lines; \A and \z at its ends */
};

#define REGEX_NOT_EMPTY_AT_START 1	/* no empty match at offset */

/* NULL on a bad pattern, with "what at offset N" in error. */
struct regex *regex_new(const char *pattern, size_t length,
    const struct regex_flags *, char *error, size_t error_size);
void regex_free(struct regex *);

/* The byte table of a one-class-repeated pattern (class_run.h), or NULL:
 * for callers that walk the runs themselves. */
const unsigned char *regex_class_table(const struct regex *);

/* Fast paths (class_run.h) are taken by default where they apply; the
 * tests turn them off to compare the two paths. */
void regex_set_fast_paths(struct regex *, int enabled);
/* JIT is used where it compiled; the tests turn it off to reach the
 * interpreter's limits (depth, heap), which JIT does not have. */
void regex_set_jit(struct regex *, int enabled);

/* Looks for a match in subject[offset, length). 1: found, with its bounds
 * in *start and *end; 0: none; negative: a match error (see
 * regex_error_text), for example the match limit. */
int regex_find(struct regex *, const char *subject, size_t length,
    size_t offset, int options, size_t *start, size_t *end);

/* After a match: group n's bounds. 0 when the group did not take part. */
int regex_group(const struct regex *, unsigned n, size_t *start,
    size_t *end);
unsigned regex_group_count(const struct regex *);
/* 1 when the pattern can match an empty string. */
int regex_can_match_empty(const struct regex *);
/* 1 when PCRE2 finds where a match may start at memchr's pace: the
 * pattern starts with one known byte, or one of two (measured: ~7 GB/s,
 * against ~1.3 GB/s for a real alternation). */
int regex_finds_start_fast(const struct regex *);
/* The number of the group called name, or -1. */
int regex_group_number(const struct regex *, const char *name);

void regex_error_text(int code, char *text, size_t size);

/* For --explain: "PCRE2 JIT, caseless, literal, UTF-8, match limit N". */
void regex_describe(const struct regex *, char *text, size_t size);

int regex_jit_available(void);
/* "10.42 2022-12-11", or the JIT target. */
void regex_library_version(char *text, size_t size);
void regex_jit_target(char *text, size_t size);

#endif
