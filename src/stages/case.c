/* case.c: the case stage (-U upper, -L lower): ASCII letters only, every
 * other byte untouched. A line with nothing to change passes as the same
 * view; otherwise it is rebuilt in the stage's buffer. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "base/buffer.h"
#include "stages/stages.h"

struct change_case {
	struct stage stage;
	char from_first;	/* the range of letters to change */
	char from_last;
	struct buffer out;
	const char *option;
	struct diag *diag;
};

static int
case_next(struct stage *stage, struct line *out)
{
	struct change_case *change = (struct change_case *)stage;
	int result = stage_next(stage->up, out);
	size_t i = 0;

	if (result != 1)
		return result;
	while (i < out->len &&
	    (out->ptr[i] < change->from_first || out->ptr[i] > change->from_last))
		i++;
	if (i == out->len)
		return 1;
	buffer_clear(&change->out);
	if (buffer_append(&change->out, out->ptr, out->len) != 0)
		return stage_line_too_long(change->diag, out, change->option,
		    NULL, change->out.limit);
	for (; i < out->len; i++)
		if (change->out.ptr[i] >= change->from_first &&
		    change->out.ptr[i] <= change->from_last)
			change->out.ptr[i] ^= 0x20;
	out->ptr = change->out.ptr;
	return 1;
}

static void
case_free(struct stage *stage)
{
	struct change_case *change = (struct change_case *)stage;

	buffer_free(&change->out);
	free(change);
}

static void
case_describe(const struct stage *stage, struct describe_out *out)
{
	const struct change_case *change = (const struct change_case *)stage;

	describe_add(out, "ASCII %s case", change->from_first == 'a'
	    ? "upper" : "lower");
}

static const struct stage_ops case_ops = {
	.name = "case",
	.flags = STAGE_PER_LINE,
	.next = case_next,
	.free = case_free,
	.describe = case_describe,
	.skip_file = stage_skip_file_above,
};

struct stage *
case_new(const struct stage_args *args)
{
	struct change_case *change = stage_alloc(args, sizeof *change,
	    &case_ops);

	if (change == NULL)
		return NULL;
	change->from_first = args->variant == CASE_UPPER ? 'a' : 'A';
	change->from_last = args->variant == CASE_UPPER ? 'z' : 'Z';
	change->option = args->option;
	change->diag = args->diag;
	buffer_init(&change->out, stage_line_limit(args->settings));
	return &change->stage;
}
