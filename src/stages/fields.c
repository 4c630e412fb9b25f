/* fields.c: the fields stage (-f LIST): splits a line into fields, on runs
 * of blanks as awk does, or on each occurrence of the -d string as cut
 * does, and keeps the fields LIST names, in LIST's order, joined by the
 * output delimiter. A field the line lacks is left out. It walks each line
 * and keeps no state per field, so its memory is its output buffer, which
 * --max-line bounds, however many fields a line has. */
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

struct fields {
	struct stage stage;
	struct field_range *ranges;
	size_t range_count;
	const char *delimiter;	/* NULL: runs of blanks */
	size_t delimiter_len;
	int from_end;		/* -K may split from the line's end */
	const char *joiner;
	size_t joiner_len;
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

/* A walk over one line's fields, left to right. It stands on one field
 * and knows where the search for the next begins; no field is remembered
 * once passed, so -f keeps the same few words for a line of 3 fields and
 * for one of 3 million. The price is time: a LIST that goes back (3,1)
 * walks again from the start, at most once per item of LIST. */
struct walk {
	const char *line;
	size_t len;
	size_t next;		/* where the next field's search begins */
	int more;		/* -d: a field follows (a line has at least one) */
	int64_t index;		/* the field it stands on, 1-based; 0: none yet */
	size_t start;		/* that field's bytes */
	size_t end;
	int64_t count;		/* the line's fields, once a walk reached the
				 * end; -1 before */
};

/* Back to before the first field; the count, once known, stays. */
static void
walk_rewind(struct walk *walk)
{
	walk->next = 0;
	walk->more = 1;
	walk->index = 0;
	walk->start = 0;
	walk->end = 0;
}

static void
walk_begin(struct walk *walk, const char *line, size_t len)
{
	walk->line = line;
	walk->len = len;
	walk->count = -1;
	walk_rewind(walk);
}

/* Steps onto the next run of non-blanks; 0, standing still, at the end. */
static int
step_blanks(struct walk *walk)
{
	const char *line = walk->line;
	size_t at = walk->next;

	while (at < walk->len && is_blank(line[at]))
		at++;
	if (at == walk->len) {
		walk->next = at;
		return 0;
	}
	walk->start = at;
	while (at < walk->len && !is_blank(line[at]))
		at++;
	walk->end = at;
	walk->next = at;
	return 1;
}

/* Steps onto the bytes up to the next occurrence of the -d string, found
 * left to right as cut finds it (with -d aa, aaa is aa then a: fields ""
 * and "a"); 0, standing still, after the last field. */
static int
step_delimited(const struct fields *fields, struct walk *walk)
{
	size_t at = walk->next, left = walk->len - at;
	const char *found;

	if (!walk->more)
		return 0;
	found = left < fields->delimiter_len ? NULL
	    : memmem(walk->line + at, left, fields->delimiter,
	    fields->delimiter_len);
	walk->start = at;
	if (found == NULL) {
		walk->end = walk->len;
		walk->more = 0;
	} else {
		walk->end = (size_t)(found - walk->line);
		walk->next = walk->end + fields->delimiter_len;
	}
	return 1;
}

/* Steps onto the next field; 0 when there is none, and then the line's
 * field count is known. */
static int
walk_next(const struct fields *fields, struct walk *walk)
{
	int stepped = fields->delimiter == NULL ? step_blanks(walk)
	    : step_delimited(fields, walk);

	if (!stepped) {
		walk->count = walk->index;
		return 0;
	}
	walk->index++;
	return 1;
}

/* Stands on field target (1-based); 0 when the line has fewer. */
static int
walk_to(const struct fields *fields, struct walk *walk, int64_t target)
{
	if (walk->count >= 0 && target > walk->count)
		return 0;
	if (walk->index > target)
		walk_rewind(walk);
	while (walk->index < target)
		if (!walk_next(fields, walk))
			return 0;
	return 1;
}

/* The line's number of fields: walks on to the end the first time (a
 * pass that keeps nothing), for a -K where a split from the end would
 * differ from this one. */
static int64_t
field_count(const struct fields *fields, struct walk *walk)
{
	while (walk->count < 0)
		walk_next(fields, walk);
	return walk->count;
}

/* Whether a split from the end finds the fields a split from the start
 * finds. It does on runs of blanks, and for a -d string no occurrence of
 * which can overlap another: one with no proper prefix that is also its
 * suffix. With -d aa, "aaa" splits from the start as aa then a (fields ""
 * and "a"), from the end as a then aa ("a" and ""). */
static int
splits_alike_from_end(const char *delimiter, size_t len)
{
	size_t n;

	for (n = 1; n < len; n++)
		if (memcmp(delimiter, delimiter + len - n, n) == 0)
			return 0;
	return 1;
}

/* Field k from the end of line[0, len) on runs of blanks; 0 when the line
 * has fewer than k fields. */
static int
blank_field_from_end(const char *line, size_t len, int64_t k, size_t *start,
    size_t *end)
{
	size_t at = len;

	for (;;) {
		while (at > 0 && is_blank(line[at - 1]))
			at--;
		if (at == 0)
			return 0;
		*end = at;
		while (at > 0 && !is_blank(line[at - 1]))
			at--;
		*start = at;
		if (--k == 0)
			return 1;
	}
}

/* The last occurrence of the -d string wholly inside line[0, len). */
static const char *
last_delimiter(const struct fields *fields, const char *line, size_t len)
{
	size_t dlen = fields->delimiter_len;
	char tail = fields->delimiter[dlen - 1];

	while (len >= dlen) {
		const char *last = memrchr(line + dlen - 1, tail,
		    len - dlen + 1);

		if (last == NULL)
			return NULL;
		if (memcmp(last - (dlen - 1), fields->delimiter, dlen) == 0)
			return last - (dlen - 1);
		len = (size_t)(last - line);
	}
	return NULL;
}

/* Field k from the end on the -d string, which splits_alike_from_end. */
static int
delimited_field_from_end(const struct fields *fields, const char *line,
    size_t len, int64_t k, size_t *start, size_t *end)
{
	size_t at = len;

	for (;;) {
		const char *found = last_delimiter(fields, line, at);

		*end = at;
		if (found == NULL) {
			*start = 0;
			return k == 1;
		}
		*start = (size_t)(found - line) + fields->delimiter_len;
		if (--k == 0)
			return 1;
		at = (size_t)(found - line);
	}
}

/* Field k from the end (-K): found from the end where that splits alike,
 * which needs a few bytes for a short last field; otherwise counted from
 * the start, and walked to. */
static int
field_from_end(const struct fields *fields, struct walk *walk, int64_t k,
    size_t *start, size_t *end)
{
	int64_t count;

	if (fields->from_end)
		return fields->delimiter == NULL
		    ? blank_field_from_end(walk->line, walk->len, k, start, end)
		    : delimited_field_from_end(fields, walk->line, walk->len,
		    k, start, end);
	count = field_count(fields, walk);
	if (k > count || !walk_to(fields, walk, count - k + 1))
		return 0;
	*start = walk->start;
	*end = walk->end;
	return 1;
}

/* What is kept of the line so far. As long as each kept field follows the
 * one before in the line, with the joiner's bytes between them (2- with
 * the -d string as joiner, or 1,2 on "a b"), the result is the line's own
 * bytes start..end: a view, no copy, so -f 2- on a long line costs no
 * second line of memory. The first field that breaks this copies them to
 * the output buffer, where the rest follow. */
struct kept {
	size_t count;
	int copied;		/* the bytes are in fields->out, not a view */
	size_t start;
	size_t end;
};

static int
follows(const struct fields *fields, const char *line, size_t start,
    const struct kept *kept)
{
	return start >= kept->end && start - kept->end == fields->joiner_len &&
	    memcmp(line + kept->end, fields->joiner, fields->joiner_len) == 0;
}

/* Keeps line[start, end). */
static int
keep_field(struct fields *fields, const char *line, size_t start,
    size_t end, struct kept *kept)
{
	struct buffer *out = &fields->out;

	if (kept->count == 0) {
		kept->start = start;
		kept->end = end;
	} else if (!kept->copied && follows(fields, line, start, kept)) {
		kept->end = end;
	} else {
		if (!kept->copied && buffer_append(out, line + kept->start,
		    kept->end - kept->start) != 0)
			return -1;
		kept->copied = 1;
		if (buffer_append(out, fields->joiner, fields->joiner_len)
		    != 0 || buffer_append(out, line + start, end - start) != 0)
			return -1;
	}
	kept->count++;
	return 0;
}

/* Keeps the fields of one item of LIST that the line has. */
static int
keep_range(struct fields *fields, const struct field_range *range,
    struct walk *walk, struct kept *kept)
{
	int64_t last = range->last == 0 ? INT64_MAX : range->last;
	size_t start, end;

	if (range->first < 0)
		return field_from_end(fields, walk, -range->first, &start,
		    &end) ? keep_field(fields, walk->line, start, end, kept)
		    : 0;
	if (!walk_to(fields, walk, range->first))
		return 0;
	for (;;) {
		if (keep_field(fields, walk->line, walk->start, walk->end,
		    kept) != 0)
			return -1;
		if (walk->index == last || !walk_next(fields, walk))
			return 0;
	}
}

static int
build_line(struct fields *fields, struct line *out)
{
	struct walk walk;
	struct kept kept = { 0, 0, 0, 0 };
	size_t i;

	walk_begin(&walk, out->ptr, out->len);
	buffer_clear(&fields->out);
	for (i = 0; i < fields->range_count; i++)
		if (keep_range(fields, &fields->ranges[i], &walk, &kept) != 0)
			return -1;
	if (kept.count > 0 && !kept.copied) {
		out->ptr += kept.start;
		out->len = kept.end - kept.start;
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

	if (result != 1)
		return result;
	if (build_line(fields, out) != 0)
		return stage_line_too_long(fields->diag, out, fields->option,
		    fields->list, fields->limit);
	return 1;
}

static void
fields_free(struct stage *stage)
{
	struct fields *fields = (struct fields *)stage;

	buffer_free(&fields->out);
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
	fields->from_end = settings->delimiter == NULL ||
	    splits_alike_from_end(settings->delimiter, fields->delimiter_len);
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
