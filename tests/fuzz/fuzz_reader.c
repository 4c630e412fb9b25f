/* fuzz_reader.c: the record reader against a model of it. The input's
 * first bytes choose --buffer-size, --max-line, the --long-lines policy,
 * -z, --crlf, how many FILEs the rest is cut into, and whether records are
 * also taken in whole blocks (reader_block and reader_skip, the identity
 * chain's path). The model cuts the same bytes into the records the man
 * page describes; every record the reader hands out must be the model's
 * next one: bytes, line number, terminator and FILE. Then, under split, the
 * pieces and terminators put together are the input again, byte for byte;
 * no record is longer than --max-line; and the statistics add up. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz.h"
#include "input/reader.h"

#define MAX_FILES 3

/* One record the reader should hand out. */
struct expected {
	const uint8_t *bytes;
	size_t len;
	uint64_t lineno;
	int eol;
	unsigned file;
	/* Its raw form (the bytes, a \r --crlf took, the terminator) is
	 * in the input: it may come inside a block. */
	int whole;
};

struct model {
	struct expected *records;
	size_t count;
	uint64_t long_lines;
	/* Under fail: the error after the records, its FILE and line. */
	int fails;
	unsigned fail_file;
	uint64_t fail_line;
};

struct input {
	size_t buffer_size;
	size_t max_line;
	enum long_line_policy policy;
	char terminator;
	int crlf;
	int by_block;
	uint32_t random;	/* chooses block or record at each step */
	unsigned file_count;
	const uint8_t *files[MAX_FILES];
	size_t lens[MAX_FILES];
};

static void
add(struct model *model, const uint8_t *bytes, size_t len, uint64_t lineno,
    int eol, unsigned file, int whole)
{
	struct expected *record = &model->records[model->count++];

	record->bytes = bytes;
	record->len = len;
	record->lineno = lineno;
	record->eol = eol;
	record->file = file;
	record->whole = whole;
}

/* What the man page says the records are. */
static void
model_build(const struct input *input, struct model *model)
{
	uint64_t lineno = 0, lines_before;
	unsigned file;
	size_t room = 2;

	for (file = 0; file < input->file_count; file++)
		room += input->lens[file] + 1;
	model->records = calloc(room, sizeof *model->records);
	FUZZ_CHECK(model->records != NULL, "out of memory");
	for (file = 0; file < input->file_count; file++) {
		const uint8_t *bytes = input->files[file];
		size_t len = input->lens[file], at = 0;
		int last_file = file + 1 == input->file_count;

		lines_before = lineno;
		while (at < len) {
			const uint8_t *end = memchr(bytes + at,
			    input->terminator, len - at);
			size_t raw = end != NULL ? (size_t)(end - bytes) - at
			    : len - at;
			const uint8_t *record = bytes + at;
			int complete = end != NULL;
			int eol = complete || !last_file ? LINE_END_PLAIN
			    : LINE_END_NONE;

			lineno++;
			at += raw + complete;
			/* The --max-line test counts the bytes held, a \r
			 * --crlf would take included. */
			if (raw > input->max_line) {
				if (input->policy == LONG_LINES_FAIL) {
					model->fails = 1;
					model->fail_file = file;
					model->fail_line = lineno - lines_before;
					return;
				}
				model->long_lines++;
				if (input->policy == LONG_LINES_TRUNCATE)
					add(model, record, input->max_line,
					    lineno, LINE_END_PLAIN, file, 0);
				if (input->policy != LONG_LINES_SPLIT)
					continue;
				/* Pieces of max-line bytes; the rest is a
				 * record as any other. */
				while (raw > input->max_line) {
					add(model, record, input->max_line,
					    lineno, LINE_END_PLAIN, file, 0);
					record += input->max_line;
					raw -= input->max_line;
				}
			}
			if (complete && input->crlf && raw > 0 &&
			    record[raw - 1] == '\r') {
				add(model, record, raw - 1, lineno,
				    LINE_END_CRLF, file, 1);
				continue;
			}
			add(model, record, raw, lineno, eol, file, complete);
		}
	}
}

/* Cuts data into the run's choices and FILEs. 0 when it is too short. */
static int
input_read(const uint8_t *data, size_t size, struct input *input)
{
	size_t cuts[MAX_FILES + 1], i, j, len;
	const uint8_t *rest;

	if (size < 4)
		return 0;
	input->buffer_size = 1 + data[0] % 64u;
	input->max_line = 1 + data[1] % 80u;
	input->policy = (enum long_line_policy)(data[2] & 3);
	input->terminator = (data[2] & 4) ? '\0' : '\n';
	/* --crlf takes the \r before a \n: with -z there is none. */
	input->crlf = (data[2] & 8) != 0 && input->terminator == '\n';
	input->file_count = 1 + (unsigned)(data[2] >> 4 & 3) % MAX_FILES;
	input->by_block = (data[2] & 64) != 0;
	input->random = data[3] | 1u;
	rest = data + 4;
	len = size - 4;
	/* FILE boundaries at fractions of the rest given by its first
	 * bytes, kept in order. */
	cuts[0] = 0;
	cuts[input->file_count] = len;
	for (i = 1; i < input->file_count; i++)
		cuts[i] = len == 0 ? 0 : len * rest[i % len] / 256;
	for (i = 1; i < input->file_count; i++)
		for (j = i + 1; j < input->file_count; j++)
			if (cuts[j] < cuts[i]) {
				size_t swap = cuts[i];

				cuts[i] = cuts[j];
				cuts[j] = swap;
			}
	for (i = 0; i < input->file_count; i++) {
		input->files[i] = rest + cuts[i];
		input->lens[i] = cuts[i + 1] - cuts[i];
	}
	return 1;
}

static uint32_t
next_random(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

static void
check_record(const struct input *input, const struct model *model,
    size_t index, const struct line *line, char *const *paths)
{
	const struct expected *want;

	FUZZ_CHECK(index < model->count, "record %zu: the model has only %zu",
	    index, model->count);
	want = &model->records[index];
	FUZZ_CHECK(line->len <= input->max_line,
	    "record %zu: %zu bytes, over --max-line=%zu", index, line->len,
	    input->max_line);
	FUZZ_CHECK(line->len == want->len &&
	    memcmp(line->ptr, want->bytes, want->len) == 0,
	    "record %zu: \"%.*s\" (%zu bytes), expected \"%.*s\" (%zu)",
	    index, (int)line->len, line->ptr, line->len, (int)want->len,
	    (const char *)want->bytes, want->len);
	FUZZ_CHECK(line->lineno == want->lineno,
	    "record %zu: line %llu, expected %llu", index,
	    (unsigned long long)line->lineno,
	    (unsigned long long)want->lineno);
	FUZZ_CHECK(line->eol == want->eol, "record %zu: end %d, expected %d",
	    index, line->eol, want->eol);
	FUZZ_CHECK(line->source != NULL &&
	    strcmp(line->source->name, paths[want->file]) == 0 &&
	    line_in_file(line) >= 1,
	    "record %zu: from %s, expected %s", index,
	    line->source != NULL ? line->source->name : "nowhere",
	    paths[want->file]);
}

/* A block must be the raw form of the next whole records. Returns how
 * many it holds. */
static size_t
check_block(const struct input *input, const struct model *model,
    size_t index, const char *block, size_t len)
{
	size_t at = 0, count = 0;

	while (at < len) {
		const struct expected *want;

		FUZZ_CHECK(index + count < model->count &&
		    model->records[index + count].whole,
		    "block at record %zu: record %zu cannot be in a block",
		    index, index + count);
		want = &model->records[index + count];
		FUZZ_CHECK(want->len < len - at &&
		    memcmp(block + at, want->bytes, want->len) == 0,
		    "block at record %zu: record %zu differs", index,
		    index + count);
		at += want->len;
		if (want->eol == LINE_END_CRLF) {
			FUZZ_CHECK(block[at] == '\r', "block: no \\r");
			at++;
		}
		FUZZ_CHECK(at < len && block[at] == input->terminator,
		    "block at record %zu: no terminator after record %zu",
		    index, index + count);
		at++;
		count++;
	}
	return count;
}

/* Under split, the pieces of each line number put together, each line
 * with its terminator, are the input (a FILE's missing final terminator
 * is added, but for the last FILE's). */
static void
check_reassembly(const struct input *input, const struct model *model)
{
	size_t i, total = 0, at = 0, expected_len = 0;
	char *joined, *expected;
	unsigned file;

	for (i = 0; i < model->count; i++)
		total += model->records[i].len + 2;
	joined = malloc(total + 1);
	expected = malloc(total + MAX_FILES + 1);
	FUZZ_CHECK(joined != NULL && expected != NULL, "out of memory");
	for (i = 0; i < model->count; i++) {
		const struct expected *record = &model->records[i];
		int last_piece = i + 1 == model->count ||
		    model->records[i + 1].lineno != record->lineno;

		memcpy(joined + at, record->bytes, record->len);
		at += record->len;
		if (!last_piece)
			continue;
		if (record->eol == LINE_END_CRLF)
			joined[at++] = '\r';
		if (record->eol != LINE_END_NONE)
			joined[at++] = input->terminator;
	}
	for (file = 0; file < input->file_count; file++) {
		size_t len = input->lens[file];

		memcpy(expected + expected_len, input->files[file], len);
		expected_len += len;
		if (len > 0 && file + 1 < input->file_count &&
		    input->files[file][len - 1] != (uint8_t)input->terminator)
			expected[expected_len++] = input->terminator;
	}
	FUZZ_CHECK(at == expected_len && memcmp(joined, expected, at) == 0,
	    "split: the pieces put together are not the input");
	free(joined);
	free(expected);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input input;
	struct model model = { NULL, 0, 0, 0, 0, 0 };
	struct settings settings;
	char *paths[MAX_FILES];
	struct diag diag;
	struct stage *reader;
	struct line line;
	size_t index = 0, i;
	uint64_t bytes = 0;
	int result;

	if (!input_read(data, size, &input))
		return 0;
	for (i = 0; i < input.file_count; i++) {
		paths[i] = fuzz_input((unsigned)i, input.files[i],
		    input.lens[i]);
		bytes += input.lens[i];
	}
	model_build(&input, &model);
	if (input.policy == LONG_LINES_SPLIT)
		check_reassembly(&input, &model);
	fuzz_settings(&settings);
	settings.buffer_size = input.buffer_size;
	settings.max_line = input.max_line;
	settings.long_lines = input.policy;
	settings.terminator = input.terminator;
	settings.crlf = (data[2] & 8) != 0;
	diag_init(&diag, NULL);
	reader = reader_new(paths, input.file_count, &settings, &diag);
	FUZZ_CHECK(reader != NULL, "reader_new failed");
	for (;;) {
		const char *block;
		size_t len;

		if (input.by_block && next_random(&input.random) % 2 &&
		    (len = reader_block(reader, &block)) > 0) {
			size_t count = check_block(&input, &model, index,
			    block, len);

			FUZZ_CHECK(reader_skip(reader, len) == count,
			    "reader_skip: not %zu records", count);
			index += count;
			continue;
		}
		if ((result = stage_next(reader, &line)) != 1)
			break;
		check_record(&input, &model, index, &line, paths);
		index++;
	}
	if (model.fails) {
		char want[256];

		snprintf(want, sizeof want, "%s:%llu: line longer than "
		    "--max-line=%zu bytes (see --long-lines)",
		    paths[model.fail_file],
		    (unsigned long long)model.fail_line, input.max_line);
		FUZZ_CHECK(result == -1 && strcmp(diag.message, want) == 0,
		    "expected the error \"%s\", got %d \"%s\"", want, result,
		    diag.message);
	} else {
		FUZZ_CHECK(result == 0, "the reader failed: %s", diag.message);
		/* An ended stream stays ended. */
		FUZZ_CHECK(stage_next(reader, &line) == 0, "no end after end");
		FUZZ_CHECK(reader_stats(reader)->bytes_read == bytes,
		    "read %llu bytes of %llu",
		    (unsigned long long)reader_stats(reader)->bytes_read,
		    (unsigned long long)bytes);
		FUZZ_CHECK(reader_stats(reader)->long_lines == model.long_lines,
		    "%llu long lines counted, expected %llu",
		    (unsigned long long)reader_stats(reader)->long_lines,
		    (unsigned long long)model.long_lines);
	}
	FUZZ_CHECK(index == model.count, "%zu records, expected %zu", index,
	    model.count);
	FUZZ_CHECK(diag.errors == 0, "%u errors reported", diag.errors);
	stage_free_chain(reader);
	free(model.records);
	return 0;
}
