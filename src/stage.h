/* stage.h: the one interface every step of the chain shares. A stage is a
 * generator: asked for a line, it asks the stage above it for as many as it
 * needs and hands one out, or says the stream has ended. */
#ifndef SLUICE_STAGE_H
#define SLUICE_STAGE_H

#include <stddef.h>
#include <stdint.h>

/* Where lines came from, for messages: the FILE, and how many lines the
 * FILEs before it had, so a message can name the line within the FILE. */
struct line_source {
	const char *name;
	uint64_t lines_before;
};

/* How a line ends on output. */
enum {
	LINE_END_NONE,		/* the input's last record had no terminator,
				 * and the output keeps it so */
	LINE_END_PLAIN,		/* the terminator */
	LINE_END_CRLF		/* \r and the terminator: --crlf took a \r off */
};

/* A view of one record. ptr points into memory the producing stage owns
 * and stays valid only until the next call to that stage's next(). */
struct line {
	const char *ptr;
	size_t len;
	uint64_t lineno;	/* input line it came from, counted across FILEs */
	const struct line_source *source;
	int eol;		/* LINE_END_... */
};

/* The line's number within its FILE, for messages. */
static inline uint64_t
line_in_file(const struct line *line)
{
	return line->lineno - line->source->lines_before;
}

struct stage_stats {
	uint64_t lines_out;
};

struct stage;

/* stage_ops.flags */
#define STAGE_SUBSTRING_MAP 1	/* hands out, for each line it is handed, one
				 * line that is a part of it (strip) */
#define STAGE_PER_LINE 2	/* looks at each line alone, and at nothing
				 * else of the stream but its number: -j may
				 * run copies of it on several threads */

struct stage_ops {
	const char *name;
	unsigned flags;
	/* 1: *out holds a line; 0: the stream has ended; -1: an error, whose
	 * text is in the diag the stage was built with. */
	int (*next)(struct stage *, struct line *out);
	void (*free)(struct stage *);
};

struct stage {
	const struct stage_ops *ops;
	struct stage *up;	/* where lines come from; NULL for the reader */
	struct stage_stats stats;
};

static inline int
stage_next(struct stage *stage, struct line *out)
{
	int result = stage->ops->next(stage, out);

	if (result == 1)
		stage->stats.lines_out++;
	return result;
}

/* Frees stage and every stage above it. */
void stage_free_chain(struct stage *last);

#endif
