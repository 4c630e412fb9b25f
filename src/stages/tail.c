/* tail.c: the tail stage (-t N): keeps the last N lines in a ring of
 * copies, and hands them out once the stream has ended. Its memory is N
 * lines at most, each bounded like every line a stage builds. */
#include <config.h>
#include <stdlib.h>

#include "base/buffer.h"
#include "stages/stages.h"

/* The slot table is allocated at once (a few dozen bytes a slot, pages
 * touched only as lines arrive), each line's bytes as it comes. A bigger N
 * is refused rather than let the ring's bound mean nothing. */
#define TAIL_MAX_LINES 1000000

struct kept_line {
	struct buffer bytes;
	uint64_t lineno;
	const struct line_source *source;
	int eol;
	int after_gap;
};

struct tail {
	struct stage stage;
	struct kept_line *ring;
	size_t wanted;		/* N */
	size_t used;		/* slots holding a line */
	size_t oldest;		/* the slot to hand out, or overwrite, next */
	size_t handed;		/* lines handed out after the stream ended */
	int drained;
	size_t limit;
	const char *option;
	struct diag *diag;
};

static int
tail_keep(struct tail *tail, const struct line *line)
{
	struct kept_line *slot;

	if (tail->used < tail->wanted) {
		slot = &tail->ring[tail->used++];
		buffer_init(&slot->bytes, tail->limit);
	} else {
		slot = &tail->ring[tail->oldest];
		tail->oldest = (tail->oldest + 1) % tail->wanted;
	}
	buffer_clear(&slot->bytes);
	if (buffer_append(&slot->bytes, line->ptr, line->len) != 0)
		return stage_line_too_long(tail->diag, line, tail->option,
		    NULL, tail->limit);
	slot->lineno = line->lineno;
	slot->source = line->source;
	slot->eol = line->eol;
	slot->after_gap = line->after_gap;
	return 0;
}

static int
tail_next(struct stage *stage, struct line *out)
{
	struct tail *tail = (struct tail *)stage;
	const struct kept_line *slot;

	if (!tail->drained) {
		int result;

		while ((result = stage_next(stage->up, out)) == 1)
			if (tail->wanted > 0 && tail_keep(tail, out) != 0)
				return -1;
		if (result < 0)
			return result;
		tail->drained = 1;
	}
	if (tail->handed == tail->used)
		return 0;
	slot = &tail->ring[(tail->oldest + tail->handed++) % tail->used];
	out->ptr = slot->bytes.ptr != NULL ? slot->bytes.ptr : "";
	out->len = slot->bytes.len;
	out->lineno = slot->lineno;
	out->source = slot->source;
	out->eol = slot->eol;
	out->after_gap = slot->after_gap;
	return 1;
}

static void
tail_free(struct stage *stage)
{
	struct tail *tail = (struct tail *)stage;
	size_t i;

	for (i = 0; i < tail->used; i++)
		buffer_free(&tail->ring[i].bytes);
	free(tail->ring);
	free(tail);
}

static void
tail_describe(const struct stage *stage, struct describe_out *out)
{
	const struct tail *tail = (const struct tail *)stage;

	describe_add(out, "keeps the last %zu lines (a ring of copies, each "
	    "up to %zu bytes), handed out at the end of the stream",
	    tail->wanted, tail->limit);
}

static const struct stage_ops tail_ops = {
	.name = "tail",
	.flags = 0,
	.next = tail_next,
	.free = tail_free,
	.describe = tail_describe,
};

struct stage *
tail_new(const struct stage_args *args)
{
	struct tail *tail;
	uint64_t count;

	if (stage_parse_count(args, &count) != 0)
		return NULL;
	if (count > TAIL_MAX_LINES) {
		diag_fail(args->diag, "%s '%s': at most %d lines can be kept",
		    args->option, args->arg, TAIL_MAX_LINES);
		return NULL;
	}
	tail = stage_alloc(args, sizeof *tail, &tail_ops);
	if (tail == NULL)
		return NULL;
	tail->wanted = (size_t)count;
	tail->ring = calloc(tail->wanted + 1, sizeof *tail->ring);
	if (tail->ring == NULL) {
		free(tail);
		diag_fail(args->diag, "out of memory");
		return NULL;
	}
	tail->limit = stage_line_limit(args->settings);
	tail->option = args->option;
	tail->diag = args->diag;
	return &tail->stage;
}
