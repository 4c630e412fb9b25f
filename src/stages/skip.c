/* skip.c: the skip stage (-k N): drops the first N lines, passes the
 * rest as they are. */
#include <config.h>

#include "stages/stages.h"

struct skip {
	struct stage stage;
	uint64_t left;
};

static int
skip_next(struct stage *stage, struct line *out)
{
	struct skip *skip = (struct skip *)stage;
	int result;

	while ((result = stage_next(stage->up, out)) == 1 && skip->left > 0)
		skip->left--;
	return result;
}

static void
skip_describe(const struct stage *stage, struct describe_out *out)
{
	describe_add(out, "drops the first %llu lines",
	    (unsigned long long)((const struct skip *)stage)->left);
}

static const struct stage_ops skip_ops = {
	.name = "skip",
	.flags = 0,
	.next = skip_next,
	.free = stage_free_alone,
	.describe = skip_describe,
};

struct stage *
skip_new(const struct stage_args *args)
{
	struct skip *skip;
	uint64_t count;

	if (stage_parse_count(args, &count) != 0)
		return NULL;
	skip = stage_alloc(args, sizeof *skip, &skip_ops);
	if (skip == NULL)
		return NULL;
	skip->left = count;
	return &skip->stage;
}
