/* context.c: the records around the ones a filter keeps, gathered into
 * groups (see context.h). A group stays open while records are kept, while
 * records are owed after the last kept one, and then for as long as the
 * records since its end could still be the before-context of a kept one
 * (at most N of -B N): only the next record after that proves it complete,
 * and then a gap, which the group after it carries to the sink. */
#include <config.h>
#include <stdlib.h>

#include "base/buffer.h"
#include "stages/context.h"

struct held_record {
	struct buffer bytes;	/* limit 0: never used yet */
	uint64_t lineno;
	const struct line_source *source;
	int eol;
};

struct context {
	uint64_t before;
	uint64_t after;
	size_t piece_limit;
	size_t line_limit;
	char terminator;
	/* The records since the last group's end (or the FILE's start),
	 * the last `before` of them, oldest first from ring_oldest. */
	struct held_record *ring;
	size_t ring_used;
	size_t ring_oldest;
	int passed_over;	/* a record was left out of every group since
				 * the last one: the next group follows a gap */
	const struct line_source *source;	/* the FILE being read */
	int group_open;
	uint64_t after_left;	/* records owed after the last kept one */
	/* The group, or the piece of it being built. */
	struct buffer piece;
	size_t piece_lines;
	uint64_t piece_lineno;
	const struct line_source *piece_source;
	int piece_eol;
	int piece_after_gap;
	int handed;		/* the piece was handed out: empty it first */
};

struct context *
context_new(uint64_t before, uint64_t after, size_t piece_limit,
    size_t line_limit, char terminator)
{
	struct context *context = calloc(1, sizeof *context);

	if (context == NULL)
		return NULL;
	/* Slots are a few dozen bytes each, their pages touched only as
	 * records arrive; each record's bytes come as it does. */
	context->ring = calloc((size_t)before + 1, sizeof *context->ring);
	if (context->ring == NULL) {
		free(context);
		return NULL;
	}
	context->before = before;
	context->after = after;
	context->piece_limit = piece_limit;
	context->line_limit = line_limit;
	context->terminator = terminator;
	buffer_init(&context->piece, piece_limit > line_limit ? piece_limit
	    : line_limit);
	return context;
}

void
context_free(struct context *context)
{
	size_t i;

	if (context == NULL)
		return;
	for (i = 0; i < context->before; i++)
		if (context->ring[i].bytes.limit != 0)
			buffer_free(&context->ring[i].bytes);
	free(context->ring);
	buffer_free(&context->piece);
	free(context);
}

uint64_t
context_before(const struct context *context)
{
	return context->before;
}

uint64_t
context_after(const struct context *context)
{
	return context->after;
}

int
context_group_open(const struct context *context)
{
	return context->group_open;
}

void
context_pass_over(struct context *context)
{
	context->passed_over = 1;
	context->ring_used = context->ring_oldest = 0;
}

static void
hand_piece(struct context *context, struct line *out)
{
	out->ptr = context->piece.ptr != NULL ? context->piece.ptr : "";
	out->len = context->piece.len;
	out->lineno = context->piece_lineno;
	out->source = context->piece_source;
	out->eol = context->piece_eol;
	out->after_gap = context->piece_after_gap;
	context->handed = 1;
}

/* A piece handed out is gone by the next call; the pieces after a
 * group's first follow it with no gap. */
static void
settle_handed(struct context *context)
{
	if (!context->handed)
		return;
	context->handed = 0;
	buffer_clear(&context->piece);
	context->piece_lines = 0;
	context->piece_after_gap = 0;
}

/* Adds a record to the group: 1 when added; 0 when the piece is full and
 * is handed out in *out first; -1 when the record passes the limit. */
static int
piece_add(struct context *context, const char *bytes, size_t len,
    uint64_t lineno, const struct line_source *source, int eol,
    struct line *out)
{
	struct buffer *piece = &context->piece;

	if (context->piece_lines > 0) {
		if (piece->len + 1 + len > context->piece_limit) {
			hand_piece(context, out);
			return 0;
		}
		if (buffer_append(piece, &context->terminator, 1) != 0)
			return -1;
	} else {
		context->piece_lineno = lineno;
		context->piece_source = source;
	}
	if (buffer_append(piece, bytes, len) != 0)
		return -1;
	context->piece_eol = eol;
	context->piece_lines++;
	return 1;
}

static int
piece_add_line(struct context *context, const struct line *line,
    struct line *out)
{
	return piece_add(context, line->ptr, line->len, line->lineno,
	    line->source, line->eol, out);
}

/* The group is complete: 1 with its last piece in *out, 0 when it has
 * none left to hand out. */
static int
close_group(struct context *context, struct line *out)
{
	context->group_open = 0;
	context->after_left = 0;
	if (context->piece_lines == 0 || context->handed)
		return 0;
	hand_piece(context, out);
	return 1;
}

/* A record left out of the group, as possible context of the next; the
 * oldest held falls out when the ring is full. 0, or -1 past the line
 * limit or out of memory. */
static int
ring_push(struct context *context, const struct line *line)
{
	struct held_record *slot;

	if (context->before == 0) {
		context->passed_over = 1;
		return 0;
	}
	if (context->ring_used == context->before) {
		slot = &context->ring[context->ring_oldest];
		context->ring_oldest = (context->ring_oldest + 1) %
		    context->before;
		context->passed_over = 1;
	} else {
		slot = &context->ring[(context->ring_oldest +
		    context->ring_used) % context->before];
		context->ring_used++;
	}
	if (slot->bytes.limit == 0)
		buffer_init(&slot->bytes, context->line_limit);
	buffer_clear(&slot->bytes);
	if (buffer_append(&slot->bytes, line->ptr, line->len) != 0)
		return -1;
	slot->lineno = line->lineno;
	slot->source = line->source;
	slot->eol = line->eol;
	return 0;
}

/* A kept record: the group opens (or goes on) with the records held
 * before it, then the record itself. */
static int
add_kept(struct context *context, const struct line *line, struct line *out)
{
	int added;

	if (!context->group_open) {
		context->group_open = 1;
		context->piece_after_gap = context->passed_over;
		context->passed_over = 0;
	}
	while (context->ring_used > 0) {
		const struct held_record *slot =
		    &context->ring[context->ring_oldest];

		added = piece_add(context, slot->bytes.ptr != NULL
		    ? slot->bytes.ptr : "", slot->bytes.len, slot->lineno,
		    slot->source, slot->eol, out);
		if (added <= 0)
			return added < 0 ? CONTEXT_FULL : CONTEXT_GROUP;
		context->ring_oldest = (context->ring_oldest + 1) %
		    context->before;
		context->ring_used--;
	}
	context->ring_oldest = 0;
	added = piece_add_line(context, line, out);
	if (added <= 0)
		return added < 0 ? CONTEXT_FULL : CONTEXT_GROUP;
	context->after_left = context->after;
	return CONTEXT_TAKEN;
}

int
context_add(struct context *context, const struct line *line, int kept,
    struct line *out)
{
	settle_handed(context);
	/* Context never crosses from one FILE into the next, and, as grep
	 * has it, a FILE's first group is always separated from the last
	 * one written. */
	if (context->source != NULL && line->source != context->source) {
		if (context->group_open && close_group(context, out))
			return CONTEXT_GROUP;
		context->ring_used = context->ring_oldest = 0;
		context->passed_over = 1;
	}
	context->source = line->source;
	if (kept)
		return add_kept(context, line, out);
	if (context->group_open && context->after_left > 0) {
		int added = piece_add_line(context, line, out);

		if (added <= 0)
			return added < 0 ? CONTEXT_FULL : CONTEXT_GROUP;
		context->after_left--;
		return CONTEXT_TAKEN;
	}
	/* One record more than -B could reach back over since the group's
	 * end: no later group can join it. */
	if (context->group_open && context->ring_used == context->before &&
	    close_group(context, out))
		return CONTEXT_GROUP;
	return ring_push(context, line) == 0 ? CONTEXT_TAKEN : CONTEXT_FULL;
}

int
context_end(struct context *context, struct line *out)
{
	settle_handed(context);
	return context->group_open ? close_group(context, out) : 0;
}
