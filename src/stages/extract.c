/* extract.c: the extract stage (-o RE): each non-empty match of RE in a
 * line becomes a line of its own, as grep -o prints it; a line with no
 * non-empty match gives nothing. Matches are views into the upstream
 * line, which stays valid while this stage walks through it. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "stages/pattern.h"

struct extract {
	struct stage stage;
	struct regex *regex;
	struct line line;	/* the upstream line being walked */
	int walking;		/* line holds a line not yet exhausted */
	size_t offset;		/* where the next search starts */
	int options;		/* REGEX_NOT_EMPTY_AT_START after an empty match */
	const char *option;
	const char *pattern;
	struct diag *diag;
};

static int
extract_next(struct stage *stage, struct line *out)
{
	struct extract *extract = (struct extract *)stage;

	for (;;) {
		size_t start, end;
		int found;

		if (!extract->walking) {
			int result = stage_next(stage->up, &extract->line);

			if (result != 1)
				return result;
			extract->walking = 1;
			extract->offset = 0;
			extract->options = 0;
		}
		found = regex_find(extract->regex, extract->line.ptr,
		    extract->line.len, extract->offset, extract->options,
		    &start, &end);
		if (found < 0)
			return pattern_match_error(extract->diag,
			    &extract->line, extract->option, extract->pattern,
			    found);
		if (found == 0) {
			extract->walking = 0;
			continue;
		}
		/* After an empty match, look again from the same place for
		 * a non-empty one, as the replace stage does. */
		extract->offset = end;
		extract->options = start == end ? REGEX_NOT_EMPTY_AT_START : 0;
		if (start == end)
			continue;
		*out = extract->line;
		out->ptr = extract->line.ptr + start;
		out->len = end - start;
		/* A match is a line of its own, ended as its line was. */
		if (out->eol == LINE_END_NONE)
			out->eol = LINE_END_PLAIN;
		/* The group separator goes before a group's first match
		 * only. */
		extract->line.after_gap = 0;
		extract->line.fields = NULL;
		return 1;
	}
}

/* stage_ops.skip_file: the matches of the line being walked still to
 * hand out are of the FILE that ends. */
static int
extract_skip_file(struct stage *stage)
{
	if (!stage_skip_file(stage->up))
		return 0;
	((struct extract *)stage)->walking = 0;
	return 1;
}

static void
extract_free(struct stage *stage)
{
	struct extract *extract = (struct extract *)stage;

	regex_free(extract->regex);
	free(extract);
}

static void
extract_describe(const struct stage *stage, struct describe_out *out)
{
	char text[160];

	regex_describe(((const struct extract *)stage)->regex, text,
	    sizeof text);
	describe_add(out, "%s", text);
	describe_add(out, "each non-empty match becomes a line");
}

static const struct stage_ops extract_ops = {
	.name = "extract",
	.flags = STAGE_PER_LINE,
	.next = extract_next,
	.free = extract_free,
	.describe = extract_describe,
	.skip_file = extract_skip_file,
};

struct stage *
extract_new(const struct stage_args *args)
{
	struct extract *extract = stage_alloc(args, sizeof *extract,
	    &extract_ops);

	if (extract == NULL)
		return NULL;
	extract->option = args->option;
	extract->pattern = args->arg;
	extract->diag = args->diag;
	extract->regex = pattern_compile(args, args->arg, strlen(args->arg), 1,
	    NULL);
	if (extract->regex == NULL) {
		free(extract);
		return NULL;
	}
	return &extract->stage;
}
