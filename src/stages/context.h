/* context.h: the records around the ones a filter keeps (-A, -B, -C),
 * gathered into groups as grep prints them: overlapping or adjacent
 * groups merge, and each group goes on as one record, its lines joined by
 * their terminators. The filter decides which records it keeps; this part
 * holds the ones before (a ring of copies), counts the ones owed after,
 * and builds the group. */
#ifndef SLUICE_CONTEXT_H
#define SLUICE_CONTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/stage.h"

/* The most records -B may hold: as -t's ring, a bigger count is refused
 * rather than let the bound mean nothing. */
#define CONTEXT_MAX_BEFORE 1000000

struct context;

/* A context of before and after records. A group longer than piece_limit
 * bytes (--max-line) goes on in pieces of whole lines, each at most
 * piece_limit bytes or one line; a held line is at most line_limit bytes.
 * NULL when memory is out. */
struct context *context_new(uint64_t before, uint64_t after,
    size_t piece_limit, size_t line_limit, char terminator);
void context_free(struct context *);

enum {
	CONTEXT_TAKEN,		/* the line is taken in: hand the next */
	CONTEXT_GROUP,		/* *out holds a group (or a piece of one),
				 * valid until the next call; the line was
				 * not taken in: hand the same line again */
	CONTEXT_FULL		/* a line or group passed its limit, or
				 * memory ran out (errno says which) */
};

/* The next line of the filter's input, kept (1) or not (0) by it. */
int context_add(struct context *, const struct line *line, int kept,
    struct line *out);

/* The input has ended: 1 with the last group (or the next piece of it) in
 * *out, 0 when nothing is left. */
int context_end(struct context *, struct line *out);

/* 1 while a group is being built: every line counts. */
int context_group_open(const struct context *);

/* Where no group is open: records were passed over without being handed
 * to the context (the filter's prefilter ruled them out); the next group
 * follows a gap, and none of the records held can be its context. */
void context_pass_over(struct context *);

/* For --explain. */
uint64_t context_before(const struct context *);
uint64_t context_after(const struct context *);

#endif
