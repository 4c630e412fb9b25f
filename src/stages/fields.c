/* fields.c: the fields stage (-f LIST): splits a line into fields, on runs
 * of blanks as awk does, or on each occurrence of the -d string as cut
 * does, and keeps the fields LIST names, in LIST's order, joined by the
 * output delimiter. A field the line lacks is left out. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "base/buffer.h"
#include "base/number_parse.h"
#include "stages/stages.h"

/* One item of LIST: fields first..last, 1-based; a negative number counts
 * from the end (-1 is the last field); last 0 means "to the end". */
struct field_range {
	int64_t first;
	int64_t last;
};

struct span {
	size_t start;
	size_t end;
};

struct fields {
	struct stage stage;
	struct field_range *ranges;
	size_t range_count;
	const char *delimiter;	/* NULL: runs of blanks */
	size_t delimiter_len;
	const char *joiner;
	size_t joiner_len;
	struct span *spans;	/* the current line's fields */
	size_t span_capacity;
	size_t limit;
	struct buffer out;
	const char *option;
	const char *list;
	struct diag *diag;
};

static int
parse_index(const char *text, size_t len, int64_t *index)
{
	char digits[24];
	uint64_t value;

	/* Leading zeros do not count against the digits' room: 0001 is 1,
	 * as it is for every other count. */
	while (len > 1 && text[0] == '0') {
		text++;
		len--;
	}
	if (len == 0 || len >= sizeof digits)
		return -1;
	memcpy(digits, text, len);
	digits[len] = '\0';
	if (number_parse_count(digits, &value) != 0 || value == 0)
		return -1;
	*index = (int64_t)value;
	return 0;
}

/* One item: "N", "N-M", "N-" or "-K". */
static int
parse_range(const char *item, size_t len, struct field_range *range)
{
	const char *dash = memchr(item, '-', len);

	if (dash == NULL) {
		if (parse_index(item, len, &range->first) != 0)
			return -1;
		range->last = range->first;
		return 0;
	}
	if (dash == item) {
		if (parse_index(item + 1, len - 1, &range->first) != 0)
			return -1;
		range->first = -range->first;
		range->last = range->first;
		return 0;
	}
	if (parse_index(item, (size_t)(dash - item), &range->first) != 0)
		return -1;
	if (dash == item + len - 1) {
		range->last = 0;
		return 0;
	}
	if (parse_index(dash + 1, len - (size_t)(dash - item) - 1,
	    &range->last) != 0 || range->last < range->first)
		return -1;
	return 0;
}

static int
parse_list(struct fields *fields, const char *list)
{
	const char *item = list;

	fields->ranges = calloc(strlen(list) + 1, sizeof *fields->ranges);
	if (fields->ranges == NULL)
		return -1;
	for (;;) {
		size_t len = strcspn(item, ",");

		if (parse_range(item, len, &fields->ranges[fields->range_count])
		    != 0)
			return -1;
		fields->range_count++;
		if (item[len] == '\0')
			return 0;
		item += len + 1;
	}
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static int
add_span(struct fields *fields, size_t *count, size_t start, size_t end)
{
	if (*count == fields->span_capacity) {
		size_t capacity = fields->span_capacity * 2 + 16;
		struct span *grown = realloc(fields->spans,
		    capacity * sizeof *grown);

		if (grown == NULL)
			return -1;
		fields->spans = grown;
		fields->span_capacity = capacity;
	}
	fields->spans[*count].start = start;
	fields->spans[*count].end = end;
	(*count)++;
	return 0;
}

/* Finds the line's fields; their number, or -1 when memory is out. */
static long
split_line(struct fields *fields, const struct line *line)
{
	size_t count = 0, at = 0;

	if (fields->delimiter == NULL) {
		for (;;) {
			size_t start;

			while (at < line->len && is_blank(line->ptr[at]))
				at++;
			if (at == line->len)
				return (long)count;
			start = at;
			while (at < line->len && !is_blank(line->ptr[at]))
				at++;
			if (add_span(fields, &count, start, at) != 0)
				return -1;
		}
	}
	for (;;) {
		const char *found = line->len - at < fields->delimiter_len ? NULL
		    : memmem(line->ptr + at, line->len - at, fields->delimiter,
		    fields->delimiter_len);
		size_t end = found != NULL ? (size_t)(found - line->ptr)
		    : line->len;

		if (add_span(fields, &count, at, end) != 0)
			return -1;
		if (found == NULL)
			return (long)count;
		at = end + fields->delimiter_len;
	}
}

/* Resolves a range against a line of count fields to first..last, both
 * 1-based; empty when first > last. */
static void
resolve(const struct field_range *range, int64_t count, int64_t *first,
    int64_t *last)
{
	*first = range->first < 0 ? count + range->first + 1 : range->first;
	*last = range->last < 0 ? count + range->last + 1
	    : range->last == 0 ? count : range->last;
	if (*last > count)
		*last = count;
	if (*first < 1)
		*first = *last + 1;
}

static int
build_line(struct fields *fields, struct line *out, int64_t count)
{
	const char *line = out->ptr;
	size_t i, kept = 0;
	struct span only = { 0, 0 };

	buffer_clear(&fields->out);
	for (i = 0; i < fields->range_count; i++) {
		int64_t first, last, n;

		resolve(&fields->ranges[i], count, &first, &last);
		for (n = first; n <= last; n++) {
			const struct span *span = &fields->spans[n - 1];

			if (kept > 0 && buffer_append(&fields->out,
			    fields->joiner, fields->joiner_len) != 0)
				return -1;
			if (buffer_append(&fields->out, line + span->start,
			    span->end - span->start) != 0)
				return -1;
			only = *span;
			kept++;
		}
	}
	/* One field is a view into the line itself: no copy. */
	if (kept == 1) {
		out->ptr = line + only.start;
		out->len = only.end - only.start;
	} else {
		out->ptr = fields->out.ptr != NULL ? fields->out.ptr : "";
		out->len = fields->out.len;
	}
	return 0;
}

static int
fields_next(struct stage *stage, struct line *out)
{
	struct fields *fields = (struct fields *)stage;
	int result = stage_next(stage->up, out);
	long count;

	if (result != 1)
		return result;
	count = split_line(fields, out);
	if (count < 0 || build_line(fields, out, count) != 0)
		return stage_line_too_long(fields->diag, out, fields->option,
		    fields->list, fields->limit);
	return 1;
}

static void
fields_free(struct stage *stage)
{
	struct fields *fields = (struct fields *)stage;

	buffer_free(&fields->out);
	free(fields->spans);
	free(fields->ranges);
	free(fields);
}

static void
fields_describe(const struct stage *stage, struct describe_out *out)
{
	const struct fields *fields = (const struct fields *)stage;

	describe_add(out, "fields %s", fields->list);
	if (fields->delimiter != NULL)
		describe_add(out, "split on '%s'", fields->delimiter);
	else
		describe_add(out, "split on runs of blanks");
	describe_add(out, "joined by '%s'", fields->joiner);
}

static const struct stage_ops fields_ops = {
	.name = "fields",
	.flags = STAGE_PER_LINE,
	.next = fields_next,
	.free = fields_free,
	.describe = fields_describe,
	.skip_file = stage_skip_file_above,
};

struct stage *
fields_new(const struct stage_args *args)
{
	const struct settings *settings = args->settings;
	struct fields *fields = stage_alloc(args, sizeof *fields, &fields_ops);

	if (fields == NULL)
		return NULL;
	if (parse_list(fields, args->arg) != 0) {
		diag_fail(args->diag, "%s '%s': not a field list (items like "
		    "3, 1,4, 2-5, 3- or -1 for the last; fields count from 1)",
		    args->option, args->arg);
		fields_free(&fields->stage);
		return NULL;
	}
	fields->delimiter = settings->delimiter;
	fields->delimiter_len = settings->delimiter != NULL
	    ? strlen(settings->delimiter) : 0;
	fields->joiner = settings->output_delimiter != NULL
	    ? settings->output_delimiter
	    : settings->delimiter != NULL ? settings->delimiter : " ";
	fields->joiner_len = strlen(fields->joiner);
	fields->limit = stage_line_limit(settings);
	fields->option = args->option;
	fields->list = args->arg;
	fields->diag = args->diag;
	buffer_init(&fields->out, fields->limit);
	return &fields->stage;
}
