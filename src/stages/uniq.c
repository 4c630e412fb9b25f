/* uniq.c: the uniq stage (-u): drops a line equal to the line before it,
 * as uniq(1). The line before is copied, since its view expires. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "base/buffer.h"
#include "stages/stages.h"

struct uniq {
	struct stage stage;
	struct buffer previous;
	int have_previous;
	const char *option;
	struct diag *diag;
};

static int
uniq_next(struct stage *stage, struct line *out)
{
	struct uniq *uniq = (struct uniq *)stage;
	int result;

	while ((result = stage_next(stage->up, out)) == 1) {
		if (uniq->have_previous && out->len == uniq->previous.len &&
		    (out->len == 0 ||
		    memcmp(out->ptr, uniq->previous.ptr, out->len) == 0))
			continue;
		buffer_clear(&uniq->previous);
		if (buffer_append(&uniq->previous, out->ptr, out->len) != 0)
			return stage_line_too_long(uniq->diag, out,
			    uniq->option, NULL, uniq->previous.limit);
		uniq->have_previous = 1;
		return 1;
	}
	return result;
}

static void
uniq_free(struct stage *stage)
{
	struct uniq *uniq = (struct uniq *)stage;

	buffer_free(&uniq->previous);
	free(uniq);
}

static void
uniq_describe(const struct stage *stage, struct describe_out *out)
{
	(void)stage;
	describe_add(out, "drops a line equal to the one before it (keeps "
	    "a copy of the last line)");
}

static const struct stage_ops uniq_ops = {
	.name = "uniq",
	.flags = 0,
	.next = uniq_next,
	.free = uniq_free,
	.describe = uniq_describe,
};

struct stage *
uniq_new(const struct stage_args *args)
{
	struct uniq *uniq = stage_alloc(args, sizeof *uniq, &uniq_ops);

	if (uniq == NULL)
		return NULL;
	uniq->option = args->option;
	uniq->diag = args->diag;
	buffer_init(&uniq->previous, stage_line_limit(args->settings));
	return &uniq->stage;
}
