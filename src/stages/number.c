/* number.c: the number stage (-N): the input line number a line came from
 * (counted across FILEs, so after a filter the numbers have gaps, as with
 * grep -n), a tab, then the line. */
#include <config.h>
#include <stdlib.h>
#include <stdio.h>

#include "base/buffer.h"
#include "stages/stages.h"

struct number {
	struct stage stage;
	struct buffer out;
	const char *option;
	struct diag *diag;
};

static int
number_next(struct stage *stage, struct line *out)
{
	struct number *number = (struct number *)stage;
	int result = stage_next(stage->up, out);
	char prefix[24];
	int len;

	if (result != 1)
		return result;
	len = snprintf(prefix, sizeof prefix, "%llu\t",
	    (unsigned long long)out->lineno);
	buffer_clear(&number->out);
	if (buffer_append(&number->out, prefix, (size_t)len) != 0 ||
	    buffer_append(&number->out, out->ptr, out->len) != 0)
		return stage_line_too_long(number->diag, out, number->option,
		    NULL, number->out.limit);
	out->ptr = number->out.ptr;
	out->len = number->out.len;
	return 1;
}

static void
number_free(struct stage *stage)
{
	struct number *number = (struct number *)stage;

	buffer_free(&number->out);
	free(number);
}

static void
number_describe(const struct stage *stage, struct describe_out *out)
{
	(void)stage;
	describe_add(out, "prefix the input line number and a tab");
}

static const struct stage_ops number_ops = {
	.name = "number",
	.flags = STAGE_PER_LINE,
	.next = number_next,
	.free = number_free,
	.describe = number_describe,
	.skip_file = stage_skip_file_above,
};

struct stage *
number_new(const struct stage_args *args)
{
	struct number *number = stage_alloc(args, sizeof *number, &number_ops);

	if (number == NULL)
		return NULL;
	number->option = args->option;
	number->diag = args->diag;
	buffer_init(&number->out, stage_line_limit(args->settings));
	return &number->stage;
}
