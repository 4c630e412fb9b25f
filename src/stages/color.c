/* color.c: the colour stage (--color): the last stage of a chain that has
 * -m or -o, added by main, not by an option of its own. It marks every
 * non-empty match of the last -m or -o's pattern in the line about to be
 * written, with grep's escape sequences, so the stages before it never
 * see a colour byte. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buffer.h"
#include "stages/pattern.h"

struct color {
	struct stage stage;
	struct regex *regex;
	struct buffer out;
	char start[COLOR_SGR_MAX + 16];	/* "\33[01;31m\33[K" */
	char end[16];			/* "\33[m\33[K" */
	size_t start_len, end_len;
	const char *option;
	const char *pattern;
	struct diag *diag;
};

/* grep's rules for GREP_COLORS: name=value pairs split by ':'; values
 * are digits and ';'; mt= sets ms (and mc, which sluice has no use for);
 * ne leaves out the \33[K after each sequence. Unknown names and bad
 * values are ignored, as grep ignores them. */
void
color_parse(const char *grep_colors, char *match_sgr, size_t size,
    int *erase_line)
{
	const char *p = grep_colors != NULL ? grep_colors : "";

	snprintf(match_sgr, size, "%s", COLOR_DEFAULT_MATCH);
	*erase_line = 1;
	while (*p != '\0') {
		size_t len = strcspn(p, ":");
		const char *value = memchr(p, '=', len);

		if (len == 2 && strncmp(p, "ne", 2) == 0) {
			*erase_line = 0;
		} else if (value == p + 2 && (strncmp(p, "ms", 2) == 0 ||
		    strncmp(p, "mt", 2) == 0)) {
			size_t value_len = len - 3;

			value++;
			if (strspn(value, "0123456789;") >= value_len &&
			    value_len < size) {
				memcpy(match_sgr, value, value_len);
				match_sgr[value_len] = '\0';
			}
		}
		p += len;
		if (*p == ':')
			p++;
	}
}

/* Appends the line with every non-empty match wrapped in the colour's
 * sequences. 1: built; 0: no match, the line passes as it is; -1: a
 * match error, or the line would pass the stage's bound. */
static int
color_build(struct color *color, const struct line *line, int *found_error)
{
	size_t offset = 0, copied = 0, start, end;
	int options = 0, found, painted = 0;

	buffer_clear(&color->out);
	while (offset <= line->len && (found = regex_find(color->regex,
	    line->ptr, line->len, offset, options, &start, &end)) != 0) {
		if (found < 0) {
			*found_error = found;
			return -1;
		}
		offset = end;
		options = start == end ? REGEX_NOT_EMPTY_AT_START : 0;
		if (start == end)
			continue;
		if (buffer_append(&color->out, line->ptr + copied,
		    start - copied) != 0 ||
		    buffer_append(&color->out, color->start,
		    color->start_len) != 0 ||
		    buffer_append(&color->out, line->ptr + start,
		    end - start) != 0 ||
		    buffer_append(&color->out, color->end, color->end_len) != 0)
			return -1;
		copied = end;
		painted = 1;
	}
	if (!painted)
		return 0;
	return buffer_append(&color->out, line->ptr + copied,
	    line->len - copied) == 0 ? 1 : -1;
}

static int
color_next(struct stage *stage, struct line *out)
{
	struct color *color = (struct color *)stage;
	int result = stage_next(stage->up, out), error = 0;

	if (result != 1)
		return result;
	result = color_build(color, out, &error);
	if (error != 0)
		return pattern_match_error(color->diag, out, color->option,
		    color->pattern, error);
	/* A line whose colouring would pass the bound goes out plain:
	 * colour is a help to the eye, never a reason to fail. */
	if (result == 1) {
		out->ptr = color->out.ptr;
		out->len = color->out.len;
	}
	return 1;
}

static void
color_free(struct stage *stage)
{
	struct color *color = (struct color *)stage;

	regex_free(color->regex);
	buffer_free(&color->out);
	free(color);
}

static void
color_describe(const struct stage *stage, struct describe_out *out)
{
	const struct color *color = (const struct color *)stage;

	describe_add(out, "marks where the pattern matches each line written, "
	    "with \\33[%.*s", (int)(strcspn(color->start + 2, "m") + 1),
	    color->start + 2);
}

static const struct stage_ops color_ops = {
	.name = "color",
	.flags = 0,
	.next = color_next,
	.free = color_free,
	.describe = color_describe,
};

struct stage *
color_new(const struct stage_args *args)
{
	struct color *color = stage_alloc(args, sizeof *color, &color_ops);
	struct regex_flags flags;
	struct pattern_text text;
	char sgr[COLOR_SGR_MAX], error[256];
	int erase_line;

	if (color == NULL)
		return NULL;
	color_parse(getenv("GREP_COLORS"), sgr, sizeof sgr, &erase_line);
	color->start_len = (size_t)snprintf(color->start, sizeof color->start,
	    "\33[%sm%s", sgr, erase_line ? "\33[K" : "");
	color->end_len = (size_t)snprintf(color->end, sizeof color->end,
	    "\33[m%s", erase_line ? "\33[K" : "");
	color->option = args->option;
	color->pattern = args->arg;
	color->diag = args->diag;
	/* Room for the line and a few hundred marks; a line that needs more
	 * is written plain. */
	buffer_init(&color->out, stage_line_limit(args->settings));
	/* Compiled as the -m or -o it follows was, so it matches the same;
	 * that one already reported any error or hint. */
	pattern_flags(args, 1, NULL, &flags);
	if (pattern_text(args, args->arg, strlen(args->arg), 1, &text) != 0) {
		color_free(&color->stage);
		return NULL;
	}
	flags.literal = text.literal;
	color->regex = regex_new(text.text, text.length, &flags, error,
	    sizeof error);
	pattern_text_free(&text);
	if (color->regex == NULL) {
		diag_fail(args->diag, "%s '%s': %s", args->option, args->arg,
		    error);
		color_free(&color->stage);
		return NULL;
	}
	return &color->stage;
}
