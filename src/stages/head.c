/* head.c: the head stage (-n N): N lines, then the end of the stream. It
 * never asks upstream for more than it will pass, so an endless input
 * ends the moment the N-th line is out. */
#include <config.h>
#include <stdlib.h>

#include "../number.h"
#include "stages.h"

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
head_free(struct stage *stage)
{
	free(stage);
}

static const struct stage_ops head_ops = { "head", head_next, head_free };

struct stage *
head_new(const struct stage_args *args)
{
	struct head *head;
	uint64_t count;

	if (number_parse_count(args->arg, &count) != 0) {
		diag_fail(args->diag, "%s '%s': not a count (a whole number "
		    "from 0 to %llu)", args->option, args->arg,
		    (unsigned long long)COUNT_MAX);
		return NULL;
	}
	head = calloc(1, sizeof *head);
	if (head == NULL) {
		diag_fail(args->diag, "out of memory");
		return NULL;
	}
	head->stage.ops = &head_ops;
	head->stage.up = args->up;
	head->left = count;
	return &head->stage;
}
