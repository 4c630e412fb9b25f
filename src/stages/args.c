/* args.c: what stage constructors share: allocating a stage, reading a
 * count argument, the bound on the lines a stage builds, and the warning
 * of the stages that add numbers. */
#include <config.h>
#include <errno.h>
#include <stdlib.h>

#include "base/number_parse.h"
#include "stages/stages.h"

void *
stage_alloc(const struct stage_args *args, size_t size,
    const struct stage_ops *ops)
{
	struct stage *stage = calloc(1, size);

	if (stage == NULL) {
		diag_fail(args->diag, "out of memory");
		return NULL;
	}
	stage->ops = ops;
	stage->up = args->up;
	return stage;
}

void
stage_free_alone(struct stage *stage)
{
	free(stage);
}

int
stage_parse_count(const struct stage_args *args, uint64_t *count)
{
	if (number_parse_count(args->arg, count) == 0)
		return 0;
	return diag_fail(args->diag, "%s '%s': not a count (a whole number "
	    "from 0 to %llu)", args->option, args->arg,
	    (unsigned long long)COUNT_MAX);
}

size_t
stage_line_limit(const struct settings *settings)
{
	return 2 * settings->max_line;
}

int
stage_line_too_long(struct diag *diag, const struct line *line,
    const char *option, const char *argument, size_t limit)
{
	if (errno == ENOMEM)	/* buffer_reserve: not the limit */
		return diag_fail(diag, "%s:%llu: %s%s%s%s: out of memory",
		    line->source->name,
		    (unsigned long long)line_in_file(line), option,
		    argument != NULL ? " '" : "",
		    argument != NULL ? argument : "",
		    argument != NULL ? "'" : "");
	return diag_fail(diag, "%s:%llu: %s%s%s%s: the line it builds is "
	    "longer than %zu bytes (twice --max-line)", line->source->name,
	    (unsigned long long)line_in_file(line), option,
	    argument != NULL ? " '" : "", argument != NULL ? argument : "",
	    argument != NULL ? "'" : "", limit);
}

void
stage_warn_not_number(struct diag *diag, const struct line *line,
    const char *option, const char *wanted, int *warned)
{
	enum { SHOWN_MAX = 40 };
	char shown[SHOWN_MAX + 1];
	size_t n;

	if (*warned)
		return;
	*warned = 1;
	/* The record's start, printable, so the one line stays one line. */
	for (n = 0; n < line->len && n < SHOWN_MAX; n++) {
		unsigned char c = (unsigned char)line->ptr[n];

		shown[n] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	shown[n] = '\0';
	diag_warn(diag, "%s:%llu: %s: '%s%s' is not %s: skipped, as is every "
	    "such record (--stats counts them)", line->source->name,
	    (unsigned long long)line_in_file(line), option, shown,
	    line->len > n ? "..." : "", wanted);
}

void
stage_made_line(struct line *out, const char *text, size_t len,
    const struct line *last)
{
	*out = *last;
	out->ptr = text;
	out->len = len;
	out->eol = LINE_END_PLAIN;
	out->after_gap = 0;
	out->fields = NULL;
}
