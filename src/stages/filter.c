/* filter.c: the filter stage (-m keeps, -v drops the lines in which a
 * pattern matches); kept lines pass as the same view. Where it can, -m
 * asks the prefilter for the first place in the reader's buffer where a
 * match may be, and passes over the lines before it without a PCRE2 call
 * each; PCRE2 still decides every line it is handed. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "../prefilter.h"
#include "../reader.h"
#include "pattern.h"

struct filter {
	struct stage stage;
	struct regex *regex;
	int keep_matches;
	struct prefilter *prefilter;	/* NULL: line by line only */
	struct stage *reader;		/* where the prefilter passes lines over */
	const char *option;
	const char *pattern;
	struct diag *diag;
};

/* Passes over the lines of the reader's buffer that the prefilter rules
 * out, up to the line where a match may be. */
static int
filter_skip_ahead(struct filter *filter)
{
	const char *block;
	size_t len = reader_block(filter->reader, &block), end;
	const char *line_start;
	int found;

	if (len == 0)
		return 0;
	found = prefilter_first(filter->prefilter, block, len, &end);
	if (found < 0)
		return diag_fail(filter->diag, "%s '%s': the prefilter failed "
		    "to scan", filter->option, filter->pattern);
	if (found == 0) {
		reader_skip(filter->reader, len);
		return 0;
	}
	/* The match ends at end, so its last byte is in the line wanted; a
	 * terminator there belongs to that line too. */
	line_start = end > 1 ? memrchr(block, '\n', end - 1) : NULL;
	if (line_start != NULL)
		reader_skip(filter->reader, (size_t)(line_start + 1 - block));
	return 0;
}

static int
filter_next(struct stage *stage, struct line *out)
{
	struct filter *filter = (struct filter *)stage;

	for (;;) {
		size_t start, end;
		int result, found;

		if (filter->prefilter != NULL && filter_skip_ahead(filter) != 0)
			return -1;
		result = stage_next(stage->up, out);
		if (result != 1)
			return result;
		found = regex_find(filter->regex, out->ptr, out->len, 0, 0,
		    &start, &end);
		if (found < 0)
			return pattern_match_error(filter->diag, out,
			    filter->option, filter->pattern, found);
		if (found == filter->keep_matches)
			return 1;
	}
}

static void
filter_free(struct stage *stage)
{
	struct filter *filter = (struct filter *)stage;

	prefilter_free(filter->prefilter);
	regex_free(filter->regex);
	free(filter);
}

static const struct stage_ops filter_ops = {
	"filter", 0, filter_next, filter_free
};

/* 1 when the pattern can look at where a line starts or ends (anchors,
 * word boundaries, lookarounds, inline options): then taking bytes off a
 * line's ends, as strip and --crlf do, can make a match appear. */
static int
sees_line_edges(const char *pattern)
{
	return strpbrk(pattern, "^$") != NULL || strstr(pattern, "(?") ||
	    strstr(pattern, "\\b") != NULL || strstr(pattern, "\\B") != NULL;
}

/* The reader the prefilter may pass lines over in, or NULL. It must be
 * right above this filter, or above stages that only hand on a part of
 * each line (strip), with a pattern that cannot tell. */
static struct stage *
prefilter_reader(const struct stage_args *args, const struct regex *regex)
{
	const struct settings *settings = args->settings;
	const char *pattern = args->arg;
	struct stage *up = args->up;
	int narrowed = settings->crlf;

	if (args->variant != FILTER_KEEP || settings->utf8 ||
	    settings->terminator != '\n' || regex_can_match_empty(regex))
		return NULL;
	/* Anchors on the whole subject would see the block, not the line. */
	if (!settings->fixed_strings && (strstr(pattern, "\\A") ||
	    strstr(pattern, "\\z") || strstr(pattern, "\\Z") ||
	    strstr(pattern, "\\G")))
		return NULL;
	while (up->ops->flags & STAGE_SUBSTRING_MAP) {
		up = up->up;
		narrowed = 1;
	}
	if (narrowed && !settings->fixed_strings && sees_line_edges(pattern))
		return NULL;
	return reader_is(up) ? up : NULL;
}

struct stage *
filter_new(const struct stage_args *args)
{
	struct filter *filter = stage_alloc(args, sizeof *filter, &filter_ops);

	if (filter == NULL)
		return NULL;
	filter->keep_matches = args->variant == FILTER_KEEP;
	filter->option = args->option;
	filter->pattern = args->arg;
	filter->diag = args->diag;
	filter->regex = pattern_compile(args, args->arg, strlen(args->arg), 1,
	    NULL);
	if (filter->regex == NULL) {
		free(filter);
		return NULL;
	}
	filter->reader = prefilter_reader(args, filter->regex);
	if (filter->reader != NULL && args->settings->prefilter) {
		struct regex_flags flags = {
			args->settings->ignore_case,
			args->settings->fixed_strings, 0, 0, 0
		};

		filter->prefilter = prefilter_new(args->arg, strlen(args->arg),
		    &flags);
	}
	return &filter->stage;
}
