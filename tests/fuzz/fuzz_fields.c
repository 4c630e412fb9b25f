/* fuzz_fields.c: the fields stage, -f LIST, built through its constructor
 * and run over lines from the real reader, against a model written from
 * the man page's words rather than from fields.c: LIST is items N, N-M,
 * N- and -K, counts from 1 to 2^63-1 (leading zeros allowed), M not below
 * N; fields split on -d's string, or on runs of blanks with blanks at
 * either end ignored; the fields a line lacks are left out; the rest are
 * joined by the output delimiter. Accepting, refusing (with
 * "-f 'LIST': ...") and every line must agree with the model.
 *
 * The input's first byte chooses whether -d and --output-delimiter are
 * given and --max-line; then come LIST, a NUL, -d's string, a NUL,
 * --output-delimiter's, a NUL, and the lines. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz.h"
#include "stages/stages.h"

#define COUNT_LIMIT ((uint64_t)INT64_MAX)

struct item {
	int from_end;		/* -K */
	uint64_t first;
	uint64_t last;		/* 0: to the end */
};

/* A count as the man page has it; 0 when text[0, len) is not one. */
static int
model_count(const char *text, size_t len, uint64_t *value)
{
	size_t i;

	*value = 0;
	if (len == 0)
		return 0;
	for (i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return 0;
		if (*value > (COUNT_LIMIT - (uint64_t)(text[i] - '0')) / 10)
			return 0;
		*value = *value * 10 + (uint64_t)(text[i] - '0');
	}
	return *value >= 1;
}

static int
model_item(const char *text, size_t len, struct item *item)
{
	const char *dash = memchr(text, '-', len);
	size_t head;

	memset(item, 0, sizeof *item);
	if (dash == NULL) {
		if (!model_count(text, len, &item->first))
			return 0;
		item->last = item->first;
		return 1;
	}
	head = (size_t)(dash - text);
	if (head == 0) {
		item->from_end = 1;
		return model_count(text + 1, len - 1, &item->first);
	}
	if (!model_count(text, head, &item->first))
		return 0;
	if (head + 1 == len)
		return 1;
	return model_count(dash + 1, len - head - 1, &item->last) &&
	    item->last >= item->first;
}

/* The items of list; -1 when LIST is not one. */
static long
model_list(const char *list, struct item *items)
{
	long count = 0;

	for (;;) {
		size_t len = strcspn(list, ",");

		if (!model_item(list, len, &items[count++]))
			return -1;
		if (list[len] == '\0')
			return count;
		list += len + 1;
	}
}

struct field {
	const char *ptr;
	size_t len;
};

static size_t
model_split(const char *line, size_t len, const char *delimiter,
    struct field *fields)
{
	size_t count = 0, at = 0;

	if (delimiter == NULL) {
		while (at < len) {
			size_t start;

			if (line[at] == ' ' || line[at] == '\t' ||
			    line[at] == '\n') {
				at++;
				continue;
			}
			start = at;
			while (at < len && line[at] != ' ' && line[at] != '\t' &&
			    line[at] != '\n')
				at++;
			fields[count].ptr = line + start;
			fields[count++].len = at - start;
		}
		return count;
	}
	for (;;) {
		size_t dlen = strlen(delimiter), end = at;

		while (end < len && !(len - end >= dlen &&
		    memcmp(line + end, delimiter, dlen) == 0))
			end++;
		fields[count].ptr = line + at;
		fields[count++].len = end - at;
		if (end == len)
			return count;
		at = end + dlen;
	}
}

/* The model's line in out; its length. */
static size_t
model_line(const struct item *items, long item_count, const char *line,
    size_t len, const char *delimiter, const char *joiner, char *out)
{
	struct field *fields = malloc((len + 1) * sizeof *fields);
	size_t count, used = 0, kept = 0;
	long i;

	FUZZ_CHECK(fields != NULL, "out of memory");
	count = model_split(line, len, delimiter, fields);
	for (i = 0; i < item_count; i++) {
		uint64_t first, last, n;

		if (items[i].from_end) {
			if (items[i].first > count)
				continue;
			first = last = count - items[i].first + 1;
		} else {
			first = items[i].first;
			last = items[i].last == 0 || items[i].last > count
			    ? count : items[i].last;
		}
		for (n = first; n <= last; n++) {
			if (kept++ > 0) {
				memcpy(out + used, joiner, strlen(joiner));
				used += strlen(joiner);
			}
			memcpy(out + used, fields[n - 1].ptr,
			    fields[n - 1].len);
			used += fields[n - 1].len;
		}
	}
	free(fields);
	return used;
}

/* An upper bound of the model line's length, so the harness can size its
 * buffer and knows when the stage must refuse the line as too long. */
static size_t
model_bound(long item_count, size_t len, size_t joiner_len)
{
	return ((size_t)item_count + 1) * (len + 1) * (joiner_len + 1);
}

static const char *
next_part(const char **at, const char *end)
{
	const char *part = *at;

	if (*at >= end)
		return NULL;
	*at += strlen(*at) + 1;
	return part;
}

/* The model's line for in, in *want (made anew to fit); its length. */
static size_t
model_of(const struct line *in, const struct item *items, long item_count,
    const char *delimiter, const char *joiner, char **want)
{
	free(*want);
	*want = malloc(model_bound(item_count, in->len, strlen(joiner)));
	FUZZ_CHECK(*want != NULL, "out of memory");
	return model_line(items, item_count, in->ptr, in->len, delimiter,
	    joiner, *want);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t max_lines[] = { 4, 64, 4096, DEFAULT_MAX_LINE };
	char *copy, *path;
	const char *at, *end, *list, *delimiter, *joiner, *lines;
	struct item *items;
	long item_count;
	struct settings settings;
	struct diag diag;
	struct stage *tap, *fields;
	unsigned flags;

	if (size < 1)
		return 0;
	flags = data[0];
	copy = malloc(size + 1);
	FUZZ_CHECK(copy != NULL, "out of memory");
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	at = copy;
	end = copy + size - 1;
	list = next_part(&at, end);
	delimiter = next_part(&at, end);
	joiner = next_part(&at, end);
	lines = at < end ? at : "";
	if (list == NULL)
		list = "";
	if (!(flags & 1) || delimiter == NULL || delimiter[0] == '\0')
		delimiter = NULL;	/* -d '' is refused by the parser */
	if (!(flags & 2))
		joiner = NULL;
	else if (joiner == NULL)
		joiner = "";

	fuzz_settings(&settings);
	settings.delimiter = delimiter;
	settings.output_delimiter = joiner;
	settings.max_line = max_lines[flags >> 2 & 3];
	settings.long_lines = LONG_LINES_SPLIT;
	path = fuzz_input(0, lines, at < end ? (size_t)(end - at) : 0);
	diag_init(&diag, NULL);
	fields = fuzz_tapped_stage(&path, fields_new, list, "-f",
	    &settings, &diag, &tap);
	items = calloc(strlen(list) + 1, sizeof *items);
	FUZZ_CHECK(items != NULL, "out of memory");
	item_count = model_list(list, items);
	FUZZ_CHECK((fields != NULL) == (item_count > 0),
	    "-f '%s': %s by sluice, %s by the model", list,
	    fields != NULL ? "accepted" : "refused",
	    item_count > 0 ? "accepted" : "refused");
	if (fields == NULL) {
		char prefix[64];

		snprintf(prefix, sizeof prefix, "-f '%.40s", list);
		FUZZ_CHECK(strncmp(diag.message, prefix, strlen(prefix)) == 0,
		    "refused with \"%s\"", diag.message);
		stage_free_chain(tap);
	} else {
		const char *join = joiner != NULL ? joiner
		    : delimiter != NULL ? delimiter : " ";
		size_t limit = stage_line_limit(&settings);
		struct line line;
		int result;
		char *want = NULL;
		size_t want_len = 0;

		while ((result = stage_next(fields, &line)) == 1) {
			const struct line *in = fuzz_tap_last(tap);

			want_len = model_of(in, items, item_count, delimiter,
			    join, &want);
			FUZZ_CHECK(want_len == line.len &&
			    memcmp(want, line.ptr, line.len) == 0,
			    "-f '%s' on \"%.*s\": \"%.*s\", expected \"%.*s\"",
			    list, (int)in->len, in->ptr, (int)line.len,
			    line.ptr, (int)want_len, want);
		}
		if (result != 0) {
			want_len = model_of(fuzz_tap_last(tap), items,
			    item_count, delimiter, join, &want);
			FUZZ_CHECK(result == -1 && want_len > limit,
			    "-f '%s' failed (%s) on a line of %zu bytes",
			    list, diag.message, want_len);
		}
		free(want);
		stage_free_chain(fields);
	}
	free(items);
	free(copy);
	return 0;
}
