/* files_with_matches.c: the files-with-matches stage (-l): the stream
 * becomes the names of the FILEs with at least one line reaching it, each
 * once, in order, as grep -l prints them. At a FILE's first line it asks
 * the stages above to end that FILE (stage_ops.skip_file), so the rest of
 * it is never read; where one of them cannot (-u, -j's threads), it reads
 * on and passes over the FILE's other lines. */
#include <config.h>
#include <string.h>

#include "stages/stages.h"

struct files_with_matches {
	struct stage stage;
	/* The FILE named last: FILEs come in order, so a line from it is
	 * one the stages above could not keep from coming. */
	const struct line_source *named;
};

static int
files_with_matches_next(struct stage *stage, struct line *out)
{
	struct files_with_matches *files = (struct files_with_matches *)stage;
	int result;

	while ((result = stage_next(stage->up, out)) == 1) {
		if (out->source == files->named)
			continue;
		files->named = out->source;
		/* The line's bytes may go with its FILE: from here on only
		 * its source is used, which outlives the FILE. */
		(void)stage_skip_file(stage->up);
		/* A new line, written with a plain terminator as grep -l
		 * does; its number and FILE stay the line's, for messages. */
		out->ptr = out->source->name;
		out->len = strlen(out->source->name);
		out->eol = LINE_END_PLAIN;
		out->after_gap = 0;
		out->fields = NULL;
		return 1;
	}
	return result;
}

/* The first stage above that cannot end a FILE, or NULL when the reader
 * can be reached. */
static const struct stage *
stage_that_reads_on(const struct stage *stage)
{
	for (stage = stage->up; stage != NULL; stage = stage->up)
		if (stage->ops->skip_file == NULL)
			return stage;
	return NULL;
}

static void
files_with_matches_describe(const struct stage *stage,
    struct describe_out *out)
{
	const struct stage *reads_on = stage_that_reads_on(stage);

	describe_add(out, "the stream becomes the names of the FILEs with a "
	    "line reaching it, once each");
	if (reads_on == NULL)
		describe_add(out, "no more of a FILE is read after its first "
		    "such line");
	else
		describe_add(out, "every FILE is read to its end (%s before it "
		    "cannot end a FILE early)", reads_on->ops->name);
}

static const struct stage_ops files_with_matches_ops = {
	.name = "files-with-matches",
	.flags = STAGE_ENDS_FILES,
	.next = files_with_matches_next,
	.free = stage_free_alone,
	.describe = files_with_matches_describe,
};

struct stage *
files_with_matches_new(const struct stage_args *args)
{
	struct files_with_matches *files = stage_alloc(args, sizeof *files,
	    &files_with_matches_ops);

	return files == NULL ? NULL : &files->stage;
}
