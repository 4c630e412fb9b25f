/* color.c: the colour stage (--color): the last stage of a chain that has
 * -m or -o, added by main, not by an option of its own. It marks every
 * non-empty match of the last -m or -o's pattern in the line about to be
 * written, with grep's escape sequences, so the stages before it never
 * see a colour byte; and, as grep does, writes the separator before a
 * context group (-A, -B, -C) in its own colour. */
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
	/* The group separator in colour, with its newline; NULL without
	 * one. handed: a line was handed out, so a group that follows a gap
	 * takes the separator (the sink's rule: it writes what this stage
	 * hands out). */
	char *separator;
	size_t separator_len;
	int handed;
	const char *option;
	const char *pattern;
	struct diag *diag;
};

/* grep's default SGR for the group separator (GREP_COLORS' se=). */
#define COLOR_DEFAULT_SEPARATOR "36"

/* grep's rules for GREP_COLORS: name=value pairs split by ':'; values
 * are digits and ';'; mt= sets ms (and mc, which sluice has no use for);
 * ne leaves out the \33[K after each sequence. Unknown names and bad
 * values are ignored, as grep ignores them. The SGR of the names given
 * (ms and mt, or se) goes to sgr, whose default is given. */
static void
parse_grep_colors(const char *grep_colors, const char *name,
    const char *other_name, const char *fallback, char *sgr, size_t size,
    int *erase_line)
{
	const char *p = grep_colors != NULL ? grep_colors : "";

	snprintf(sgr, size, "%s", fallback);
	*erase_line = 1;
	while (*p != '\0') {
		size_t len = strcspn(p, ":");
		const char *value = memchr(p, '=', len);

		if (len == 2 && strncmp(p, "ne", 2) == 0) {
			*erase_line = 0;
		} else if (value == p + 2 && (strncmp(p, name, 2) == 0 ||
		    strncmp(p, other_name, 2) == 0)) {
			size_t value_len = len - 3;

			value++;
			if (strspn(value, "0123456789;") >= value_len &&
			    value_len < size) {
				memcpy(sgr, value, value_len);
				sgr[value_len] = '\0';
			}
		}
		p += len;
		if (*p == ':')
			p++;
	}
}

void
color_parse(const char *grep_colors, char *match_sgr, size_t size,
    int *erase_line)
{
	parse_grep_colors(grep_colors, "ms", "mt", COLOR_DEFAULT_MATCH,
	    match_sgr, size, erase_line);
}

/* The separator as grep writes it in colour, with its newline; 0, or -1
 * when memory is out. */
static int
color_set_separator(struct color *color, const char *separator)
{
	char sgr[COLOR_SGR_MAX];
	int erase_line, len;
	size_t size;

	parse_grep_colors(getenv("GREP_COLORS"), "se", "se",
	    COLOR_DEFAULT_SEPARATOR, sgr, sizeof sgr, &erase_line);
	size = strlen(separator) + sizeof sgr + 32;
	color->separator = malloc(size);
	if (color->separator == NULL)
		return -1;
	len = snprintf(color->separator, size, "\33[%sm%s%s\33[m%s\n", sgr,
	    erase_line ? "\33[K" : "", separator, erase_line ? "\33[K" : "");
	color->separator_len = len > 0 ? (size_t)len : 0;
	return 0;
}

/* Appends the line with every non-empty match wrapped in the colour's
 * sequences. 1: built; 0: no match, the line passes as it is; -1: a
 * match error, or the line would pass the stage's bound. */
static int
color_build(struct color *color, const struct line *line, int *found_error)
{
	size_t offset = 0, copied = 0, start, end;
	int options = 0, found, painted = 0;

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
	int result = stage_next(stage->up, out), error = 0, separated;

	if (result != 1)
		return result;
	buffer_clear(&color->out);
	separated = out->after_gap && color->separator != NULL &&
	    color->handed && buffer_append(&color->out, color->separator,
	    color->separator_len) == 0;
	color->handed = 1;
	result = color_build(color, out, &error);
	if (error != 0)
		return pattern_match_error(color->diag, out, color->option,
		    color->pattern, error);
	if (result == 0 && separated)
		result = buffer_append(&color->out, out->ptr, out->len) == 0
		    ? 1 : -1;
	/* A line whose colouring would pass the bound goes out plain (and
	 * the sink writes its separator plain): colour is a help to the
	 * eye, never a reason to fail. */
	if (result == 1) {
		out->ptr = color->out.ptr;
		out->len = color->out.len;
		if (separated)
			out->after_gap = 0;
	}
	return 1;
}

static void
color_free(struct stage *stage)
{
	struct color *color = (struct color *)stage;

	regex_free(color->regex);
	buffer_free(&color->out);
	free(color->separator);
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
	if (args->settings->group_separator != NULL &&
	    color_set_separator(color, args->settings->group_separator) != 0) {
		diag_fail(args->diag, "out of memory");
		free(color);
		return NULL;
	}
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
