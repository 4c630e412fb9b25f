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

/* How a line ends on output. Each value is also the number of bytes the
 * ending takes on output, which is how stage_next counts bytes. */
enum {
	LINE_END_NONE,		/* the input's last record had no terminator,
				 * and the output keeps it so */
	LINE_END_PLAIN,		/* the terminator */
	LINE_END_CRLF		/* \r and the terminator: --crlf took a \r off */
};

/* The fields of a record (SPEC 11), after --parse or -f: where each lies
 * in the record's text. The text is the record as --format=text writes
 * it, the fields joined by the output delimiter (a tab after --parse), so
 * a stage that knows nothing of fields (-m) sees the joined text. start
 * and len count bytes from the line's ptr; a field may itself hold the
 * delimiter or a newline, which is why the spans, not the delimiters, say
 * where fields are. The spans live as long as the line's text. */
struct field_span {
	size_t start;
	size_t len;
};

/* The names of the fields records have at one point of the chain, known
 * when the chain is built (SPEC 11: the header is written before the
 * first record). */
struct field_names {
	size_t count;
	const char *const *names;
};

struct line_fields {
	size_t count;
	const struct field_span *spans;
	/* NULL: the fields are those the chain names at this point
	 * (stage_field_names). Otherwise this record's own, as the one
	 * field "_raw" of a record --keep-unparsed passes on. */
	const struct field_names *names;
};

/* The one field of a record without fields. */
extern const struct field_names field_names_line;

/* A view of one record. ptr points into memory the producing stage owns
 * and stays valid only until the next call to that stage's next(). */
struct line {
	const char *ptr;
	size_t len;
	uint64_t lineno;	/* input line it came from, counted across FILEs */
	const struct line_source *source;
	int eol;		/* LINE_END_... */
	/* A context group (-A, -B, -C) that did not follow the group before
	 * it in its filter's input: the sink writes the group separator
	 * before it, unless it is the first record written. A stage that
	 * makes one new record from one record carries it over; one that
	 * makes records of its own (-c, -l) clears it. */
	int after_gap;
	/* Its fields; NULL: the record is one field, its whole text. A
	 * stage that hands on a line it changed must set this anew (or to
	 * NULL): the spans describe the text they came with. */
	const struct line_fields *fields;
};

/* The line's number within its FILE, for messages. */
static inline uint64_t
line_in_file(const struct line *line)
{
	return line->lineno - line->source->lines_before;
}

/* What a stage handed on. bytes_out counts each line with its ending, as
 * the sink would write it, so the last stage's numbers are what was
 * written. A stage's lines and bytes in are the out of the stage above. */
struct stage_stats {
	uint64_t lines_out;
	uint64_t bytes_out;
};

struct stage;

/* --explain: a stage's settings in words, appended by its describe hook
 * with describe_add; cut short (with "...") if too long for text. */
struct describe_out {
	char text[1024];
	size_t len;
};

void describe_add(struct describe_out *, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* --stats: one thing a stage counted beyond lines and bytes (an answer
 * stage's distinct keys); name is also its JSON key. */
struct stage_fact {
	const char *name;
	uint64_t value;
};
#define STAGE_FACTS_MAX 8

/* stage_ops.flags */
#define STAGE_SUBSTRING_MAP 1	/* hands out, for each line it is handed, one
				 * line that is a part of it (strip) */
#define STAGE_PER_LINE 2	/* looks at each line alone, and at nothing
				 * else of the stream but its number: -j may
				 * run copies of it on several threads */
#define STAGE_READ_BOUND 4	/* its work is mostly handing lines on or
				 * passing them over (strip, -m): a chain of
				 * only such stages gains nothing from threads,
				 * since reading is what limits it */
#define STAGE_ENDS_EARLY 8	/* may end the stream before its input ends
				 * (-n) */
#define STAGE_COUNTS 16		/* replaces the stream by what it counted
				 * (-c, --count-by): the run exits 1 when no
				 * record reached it, as grep -c does, though
				 * -c and --sum still write their line */
#define STAGE_ENDS_FILES 32	/* may end a FILE before its end, through
				 * the skip_file of the stage above (-l):
				 * threads, which read ahead and cannot end
				 * a FILE, would read what it passes over */
#define STAGE_ONE_RECORD 64	/* hands out one record at most (-c,
				 * --sum): a stage after it sees only that;
				 * --count-by, which counts too, hands out
				 * many */

/* What stage_ops.next_block hands out: whole records as the sink writes
 * them, each with its ending. */
struct stage_block {
	const char *bytes;
	size_t len;
	uint64_t lines;
};
#define STAGE_BLOCK 2	/* next_block's result: *block holds records */

struct stage_ops {
	const char *name;
	unsigned flags;
	/* 1: *out holds a line; 0: the stream has ended; -1: an error, whose
	 * text is in the diag the stage was built with. */
	int (*next)(struct stage *, struct line *out);
	void (*free)(struct stage *);
	/* --explain: appends the stage's settings; NULL: none to tell. */
	void (*describe)(const struct stage *, struct describe_out *);
	/* A STAGE_SUBSTRING_MAP stage: what it makes of one line, in place.
	 * The filter's accelerator passes lines over in bulk; --stats then
	 * counts what this stage would have handed on for them. */
	void (*map)(const struct stage *, struct line *);
	/* -j: this stage is a worker's copy of original (the main thread's
	 * copy, built from the same options, which outlives it): it takes
	 * what original builds once for the whole run (the filter's
	 * accelerator) in place of its own. Called before the worker's
	 * thread starts. NULL: nothing to share. */
	void (*share)(struct stage *, const struct stage *original);
	/* A stage that can hand out many records at once, as written (the
	 * reader with no stage after it; -j's stage when only the sink
	 * follows): 1 with a line in *out, STAGE_BLOCK with records in
	 * *block, valid until the next call; 0 at the end, -1 on an error.
	 * Counts into the stage's stats as stage_next does. The first call
	 * commits the stage to it: call it from the start or never. NULL:
	 * one line at a time. */
	int (*next_block)(struct stage *, struct line *out,
	    struct stage_block *block);
	/* A stage that runs a copy of other stages (-j's): the main
	 * thread's copy, whose counts are every thread's, for --stats. NULL:
	 * none. */
	const struct stage *(*inner)(const struct stage *);
	/* Ends the current FILE, the one the line this stage handed out
	 * last came from: the stage drops what it holds of that FILE (a
	 * match still to hand out, a window into the reader's buffer) and
	 * asks the stage above to do the same, down to the reader, which
	 * closes the FILE and forgets what its buffer holds of it. The
	 * next line then comes from the next FILE, which is opened only
	 * when that line is asked for. The lines of the FILE never handed
	 * out are never counted: the next FILE's line numbers follow the
	 * last line handed out. Only a stage whose every line comes from
	 * the last line it was handed (a per-line stage) can do this; call
	 * it right after next() handed out a line. 1 when the FILE is
	 * ended; 0 when a stage above cannot end it, and then nothing has
	 * changed: the FILE's next lines come as they would have. NULL:
	 * this stage cannot (stage_skip_file then says 0). */
	int (*skip_file)(struct stage *);
	/* --stats: fills facts (at most STAGE_FACTS_MAX) with what the stage
	 * counted beyond lines and bytes; how many. NULL: nothing more. */
	size_t (*facts)(const struct stage *, struct stage_fact *facts);
	/* The names of the fields of the records this stage hands out;
	 * NULL (hook or result): the same as what it is handed. */
	const struct field_names *(*names)(const struct stage *);
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

	if (result == 1) {
		stage->stats.lines_out++;
		stage->stats.bytes_out += out->len + (unsigned)out->eol;
	}
	return result;
}

/* stage_ops.skip_file of stage, or 0 where it has none. */
static inline int
stage_skip_file(struct stage *stage)
{
	return stage->ops->skip_file != NULL ? stage->ops->skip_file(stage)
	    : 0;
}

/* The stage_ops.skip_file of a stage that holds nothing between lines:
 * ending the FILE is the business of the stages above. */
int stage_skip_file_above(struct stage *);

/* The names of the fields of the records stage hands out: the names hook
 * of the nearest stage at or above it that has an answer, else
 * field_names_line. A stage that hands out records without fields after a
 * stage that made fields (-o after --parse) answers field_names_line. */
const struct field_names *stage_field_names(const struct stage *stage);

/* Frees stage and every stage above it. */
void stage_free_chain(struct stage *last);

#endif
