/* with_filename.c: the with-filename stage (-H): the name of the FILE a
 * line came from ("(standard input)" for standard input, as the reader
 * names it), a tab, then the line, as grep -H prints it with a tab for
 * its colon. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "base/buffer.h"
#include "stages/stages.h"

struct with_filename {
	struct stage stage;
	struct buffer out;
	const char *option;
	struct diag *diag;
};

static int
with_filename_next(struct stage *stage, struct line *out)
{
	struct with_filename *prefix = (struct with_filename *)stage;
	int result = stage_next(stage->up, out);
	const char *name;

	if (result != 1)
		return result;
	name = out->source->name;
	buffer_clear(&prefix->out);
	if (buffer_append(&prefix->out, name, strlen(name)) != 0 ||
	    buffer_append(&prefix->out, "\t", 1) != 0 ||
	    buffer_append(&prefix->out, out->ptr, out->len) != 0)
		return stage_line_too_long(prefix->diag, out, prefix->option,
		    NULL, prefix->out.limit);
	out->ptr = prefix->out.ptr;
	out->len = prefix->out.len;
	return 1;
}

static void
with_filename_free(struct stage *stage)
{
	struct with_filename *prefix = (struct with_filename *)stage;

	buffer_free(&prefix->out);
	free(prefix);
}

static void
with_filename_describe(const struct stage *stage, struct describe_out *out)
{
	(void)stage;
	describe_add(out, "prefix the name of the FILE and a tab");
}

static const struct stage_ops with_filename_ops = {
	.name = "with-filename",
	.flags = STAGE_PER_LINE,
	.next = with_filename_next,
	.free = with_filename_free,
	.describe = with_filename_describe,
	.skip_file = stage_skip_file_above,
};

struct stage *
with_filename_new(const struct stage_args *args)
{
	struct with_filename *prefix = stage_alloc(args, sizeof *prefix,
	    &with_filename_ops);

	if (prefix == NULL)
		return NULL;
	prefix->option = args->option;
	prefix->diag = args->diag;
	buffer_init(&prefix->out, stage_line_limit(args->settings));
	return &prefix->stage;
}
