/* head.c: the head stage (-n N): N lines, then the end of the stream. It
 * never asks upstream for more than it will pass, so an endless input
 * ends the moment the N-th line is out. */
#include <config.h>

#include "stages/stages.h"

struct head {
	struct stage stage;
	uint64_t left;
};

static int
head_next(struct stage *stage, struct line *out)
{
	struct head *head = (struct head *)stage;
	int result;

	if (head->left == 0)
		return 0;
	result = stage_next(stage->up, out);
	if (result == 1)
		head->left--;
	return result;
}

static void
head_describe(const struct stage *stage, struct describe_out *out)
{
	describe_add(out, "%llu lines, then nothing above reads another byte",
	    (unsigned long long)((const struct head *)stage)->left);
}

static const struct stage_ops head_ops = {
	.name = "head",
	.flags = STAGE_ENDS_EARLY,
	.next = head_next,
	.free = stage_free_alone,
	.describe = head_describe,
};

struct stage *
head_new(const struct stage_args *args)
{
	struct head *head;
	uint64_t count;

	if (stage_parse_count(args, &count) != 0)
		return NULL;
	head = stage_alloc(args, sizeof *head, &head_ops);
	if (head == NULL)
		return NULL;
	head->left = count;
	return &head->stage;
}
