/* count.c: the count stage (-c): drains the stream and hands out one
 * line, the number of lines that reached it. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>

#include "stages/stages.h"

struct count {
	struct stage stage;
	int done;
	char text[24];
};

static int
count_next(struct stage *stage, struct line *out)
{
	struct count *count = (struct count *)stage;
	uint64_t lines = 0;
	static const struct line_source no_input = { "(no input)", 0 };
	struct line last = {
		NULL, 0, 0, &no_input, LINE_END_PLAIN, 0, NULL
	};
	int result;

	if (count->done)
		return 0;
	while ((result = stage_next(stage->up, out)) == 1) {
		lines++;
		last = *out;
	}
	if (result < 0)
		return result;
	count->done = 1;
	stage_made_line(out, count->text, (size_t)snprintf(count->text,
	    sizeof count->text, "%llu", (unsigned long long)lines), &last);
	return 1;
}

static void
count_describe(const struct stage *stage, struct describe_out *out)
{
	(void)stage;
	describe_add(out, "the stream becomes one line: its number of lines");
}

static const struct stage_ops count_ops = {
	.name = "count",
	.flags = STAGE_COUNTS | STAGE_ONE_RECORD,
	.next = count_next,
	.free = stage_free_alone,
	.describe = count_describe,
};

struct stage *
count_new(const struct stage_args *args)
{
	struct count *count = stage_alloc(args, sizeof *count, &count_ops);

	return count == NULL ? NULL : &count->stage;
}
