/* check_records.c: records of several lines (--record-start, --record-cont,
 * --record-end) as the reader gathers them, at every buffer size from 1 to
 * 64 bytes, so that every record crosses a buffer boundary somewhere; and
 * the sink writing them back under --crlf. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "input/reader.h"
#include "run/records.h"

struct grouping_case {
	const char *name;
	enum record_mode mode;
	const char *pattern;
	const char *input;	/* NUL-free, unless nul_data */
	size_t len;		/* 0: strlen(input) */
	const char *expected;	/* lineno:record:eol| each, a terminator
				 * inside a record shown as '/' */
};

/* The terminators inside a record: its lines but the last. */
static size_t
byte_count_lines(const char *bytes, size_t len)
{
	size_t count = 0;

	for (size_t i = 0; i < len; i++)
		count += bytes[i] == '\n';
	return count;
}

/* The records the reader hands out over the FILEs, as text: "1:a/b:1|".
 * Returns stage_next's last result (0 at the end, -1 on an error). */
static int
describe_records(char *const *paths, size_t count,
    const struct settings *settings, char *text, size_t size,
    struct diag *diag, uint64_t *lines)
{
	struct stage *reader;
	struct record_rule *rule;
	struct line line;
	size_t used = 0;
	int result;

	reader = reader_new(paths, count, settings, diag);
	ck_assert_ptr_nonnull(reader);
	ck_assert_int_eq(records_rule_new(settings, &rule, diag), 0);
	reader_group(reader, rule);
	text[0] = '\0';
	while ((result = stage_next(reader, &line)) == 1) {
		used += (size_t)snprintf(text + used, size - used, "%llu:",
		    (unsigned long long)line.lineno);
		for (size_t i = 0; i < line.len && used + 1 < size; i++)
			text[used++] = line.ptr[i] == settings->terminator
			    ? '/' : line.ptr[i];
		used += (size_t)snprintf(text + used, size - used, ":%d|",
		    line.eol);
		ck_assert_uint_lt(used, size);
	}
	if (lines != NULL)
		*lines = reader_stats(reader)->lines;
	stage_free_chain(reader);
	return result;
}

/* Each case at every buffer size, over one FILE. */
static void
expect_groupings(const struct grouping_case *cases, size_t count,
    const struct settings *base)
{
	char text[1024];

	for (size_t i = 0; i < count; i++) {
		size_t len = cases[i].len != 0 ? cases[i].len
		    : strlen(cases[i].input);
		char *path = harness_file(cases[i].input, len);

		for (size_t size = 1; size <= 64; size++) {
			struct settings settings = *base;
			struct diag diag;

			diag_init(&diag, NULL);
			settings.buffer_size = size;
			settings.record_mode = cases[i].mode;
			settings.record_pattern = cases[i].pattern;
			ck_assert_int_eq(describe_records(&path, 1, &settings,
			    text, sizeof text, &diag, NULL), 0);
			ck_assert_msg(strcmp(text, cases[i].expected) == 0,
			    "%s, buffer %zu: got %s, expected %s",
			    cases[i].name, size, text, cases[i].expected);
		}
		unlink(path);
		free(path);
	}
}

START_TEST(start_cont_and_end_group_lines)
{
	static const struct grouping_case cases[] = {
		{ "start", RECORDS_START, "^\\d", "1 a\nx\ny\n2 b\n3 c\nz\n", 0,
		    "1:1 a/x/y:1|4:2 b:1|5:3 c/z:1|" },
		{ "start, the first line of the FILE always starts one",
		    RECORDS_START, "^\\d", "x\n1 a\ny\n", 0,
		    "1:x:1|2:1 a/y:1|" },
		{ "start, no final newline", RECORDS_START, "^\\d",
		    "1 a\nx\n2 b\ny", 0, "1:1 a/x:1|3:2 b/y:0|" },
		{ "start, a last line with no newline starts one",
		    RECORDS_START, "^\\d", "1 a\nx\n2 b", 0,
		    "1:1 a/x:1|3:2 b:0|" },
		{ "start, empty lines join", RECORDS_START, "^\\d",
		    "1\n\n\n2\n\n", 0, "1:1//:1|4:2/:1|" },
		{ "cont", RECORDS_CONT, "^\\s", "a\n\tat b\n\tat c\nd\ne\n at f",
		    0, "1:a/\tat b/\tat c:1|4:d:1|5:e/ at f:0|" },
		{ "cont, Caused by and ... more", RECORDS_CONT,
		    "^(\\s|Caused by:)", "E x\n\tat a\nCaused by: y\n\t... 2 "
		    "more\nI ok\n", 0, "1:E x/\tat a/Caused by: y/\t... 2 "
		    "more:1|5:I ok:1|" },
		{ "end, a C-style continuation", RECORDS_END, "(?<!\\\\)$",
		    "a \\\nb \\\nc\nd\ne \\\nf", 0,
		    "1:a \\/b \\/c:1|4:d:1|5:e \\/f:0|" },
		{ "end, an open record at the end", RECORDS_END, "^;",
		    "a\n;\nb\nc\n", 0, "1:a/;:1|3:b/c:1|" },
		{ "an empty FILE", RECORDS_START, "^x", "", 0, "" },
		{ "one empty line", RECORDS_START, "^x", "\n", 0, "1::1|" },
	};
	struct settings settings = harness_settings();

	expect_groupings(cases, sizeof cases / sizeof cases[0], &settings);
}
END_TEST

START_TEST(crlf_takes_every_lines_carriage_return)
{
	static const struct grouping_case cases[] = {
		{ "start", RECORDS_START, "^\\d$", "1\r\nx\r\n2\r\ny\r\n", 0,
		    "1:1/x:2|3:2/y:2|" },
		{ "a line without one", RECORDS_START, "^\\d", "1\nx\r\n2\r\ny",
		    0, "1:1/x:2|3:2/y:0|" },
		{ "the pattern sees no \\r", RECORDS_CONT, "^ .*b$",
		    "a\r\n b\r\n c\r\n", 0, "1:a/ b:2|3: c:2|" },
	};
	struct settings settings = harness_settings();

	settings.crlf = 1;
	expect_groupings(cases, sizeof cases / sizeof cases[0], &settings);
}
END_TEST

START_TEST(null_data_groups_on_nul)
{
	static const struct grouping_case cases[] = {
		{ "-z", RECORDS_CONT, "^ ", "a\0 b\n\0c\0 d", 10,
		    "1:a/ b\n:1|3:c/ d:0|" },
	};
	struct settings settings = harness_settings();

	settings.terminator = '\0';
	expect_groupings(cases, sizeof cases / sizeof cases[0], &settings);
}
END_TEST

START_TEST(long_records_follow_the_policy)
{
	static const char input[] =
	    "S1\nxxxx\nyyyy\nS2\nzz\nS3 long line here\nS4\n";
	static const char *const expected[] = {
		[LONG_LINES_SPLIT] = "1:S1/xxxx/:1|3:yyyy:1|4:S2/zz:1|"
		    "6:S3 long :1|6:line her:1|6:e:1|7:S4:1|",
		[LONG_LINES_TRUNCATE] = "1:S1/xxxx/:1|4:S2/zz:1|6:S3 long :1|"
		    "7:S4:1|",
		[LONG_LINES_SKIP] = "4:S2/zz:1|7:S4:1|",
	};
	static const char end_input[] = "a\\\nb\\\nc\nd\n";
	static const char *const end_expected[] = {
		[LONG_LINES_SPLIT] = "1:a\\/b:1|2:\\/c:1|4:d:1|",
		[LONG_LINES_TRUNCATE] = "1:a\\/b:1|4:d:1|",
		[LONG_LINES_SKIP] = "4:d:1|",
	};
	for (int policy = LONG_LINES_SPLIT; policy <= LONG_LINES_SKIP;
	    policy++) {
		struct grouping_case cases[] = {
			{ "start", RECORDS_START, "^S", input, 0,
			    expected[policy] },
			{ "end", RECORDS_END, "(?<!\\\\)$", end_input, 0,
			    end_expected[policy] },
		};
		struct settings settings = harness_settings();

		settings.long_lines = (enum long_line_policy)policy;
		settings.max_line = 8;
		expect_groupings(cases, 1, &settings);
		settings.max_line = 4;
		expect_groupings(cases + 1, 1, &settings);
	}
}
END_TEST

START_TEST(long_record_fails_naming_file_and_first_line)
{
	static const char input[] = "S1\nS2\nxxxx\nyyyy\nS3\n";
	char *path = harness_file(input, strlen(input));
	char text[256], expected[512];

	for (size_t size = 1; size <= 64; size++) {
		struct settings settings = harness_settings();
		struct diag diag;

		diag_init(&diag, NULL);
		settings.buffer_size = size;
		settings.max_line = 8;
		settings.record_mode = RECORDS_START;
		settings.record_pattern = "^S";
		ck_assert_int_eq(describe_records(&path, 1, &settings, text,
		    sizeof text, &diag, NULL), -1);
		ck_assert_str_eq(text, "1:S1:1|");
		snprintf(expected, sizeof expected, "%s:2: record longer than "
		    "--max-line=8 bytes (see --long-lines)", path);
		ck_assert_str_eq(diag.message, expected);
	}
	unlink(path);
	free(path);
}
END_TEST

START_TEST(records_never_span_files)
{
	char *paths[3] = {
		harness_file("1 a\nx", 5),
		harness_file("y\n2 b\nz\n", 8),
		harness_file("w", 1),
	};
	char text[256];

	for (size_t size = 1; size <= 64; size++) {
		struct settings settings = harness_settings();
		struct diag diag;
		uint64_t lines;

		diag_init(&diag, NULL);
		settings.buffer_size = size;
		settings.record_mode = RECORDS_START;
		settings.record_pattern = "^\\d";
		ck_assert_int_eq(describe_records(paths, 3, &settings, text,
		    sizeof text, &diag, &lines), 0);
		/* Only the last FILE's missing newline is kept. */
		ck_assert_msg(strcmp(text, "1:1 a/x:1|3:y:1|4:2 b/z:1|6:w:0|")
		    == 0, "buffer %zu: %s", size, text);
		ck_assert_uint_eq(lines, 6);
	}
	for (size_t i = 0; i < 3; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}
END_TEST

START_TEST(a_bad_record_pattern_is_refused)
{
	struct settings settings = harness_settings();
	struct record_rule *rule;
	struct diag diag;

	diag_init(&diag, NULL);
	settings.record_mode = RECORDS_CONT;
	settings.record_pattern = "(";
	ck_assert_int_eq(records_rule_new(&settings, &rule, &diag), -1);
	ck_assert_ptr_null(rule);
	ck_assert_msg(strncmp(diag.message, "--record-cont '(': ", 19) == 0,
	    "%s", diag.message);
}
END_TEST

START_TEST(stages_match_in_multi_line_mode)
{
	static const char input[] = "1 a\n\tat x\n2 b\n\tat y\n";
	struct settings settings = harness_settings();
	struct harness_stage anchored[] = { { filter_new, "^\\tat y$",
	    FILTER_KEEP } };
	struct harness_stage record_start[] = { { filter_new, "\\A\\tat",
	    FILTER_KEEP } };
	struct harness_stage extract[] = { { extract_new, "^\\S+", 0 } };
	struct harness_stage replace[] = { { replace_new, "s/^\\t/> /g", 0 } };

	settings.record_mode = RECORDS_START;
	settings.record_pattern = "^\\d";
	HARNESS_EXPECT(input, &settings, anchored, "2 b\n\tat y\n");
	HARNESS_EXPECT(input, &settings, record_start, "");
	HARNESS_EXPECT(input, &settings, extract, "1\n2\n");
	HARNESS_EXPECT(input, &settings, replace,
	    "1 a\n> at x\n2 b\n> at y\n");
	settings.crlf = 1;
	HARNESS_EXPECT("1 a\r\n\tat x\r\n2 b\r\n\tat y\r\n", &settings,
	    anchored, "2 b\r\n\tat y\r\n");
}
END_TEST

/* Blocks (reader_block, reader_skip: the threads' and the writer's way)
 * end where records do, and count records and lines as reader_next
 * would: taken in turns with reader_next, at every buffer size, the
 * bytes are the input's, the records as many, the line numbers right. */
START_TEST(blocks_end_where_records_do)
{
	static const struct {
		enum record_mode mode;
		const char *pattern;
	} rules[] = {
		{ RECORDS_START, "^\\d" },
		{ RECORDS_CONT, "^\\s" },
		{ RECORDS_END, "[a-z]$" },
	};
	static const char input[] = "1 a\n x\n y\n2 b\n3 c\n z\n4 d\n\t1\n"
	    "5 e\n6 f\n w\n";
	static const uint64_t expected_records[] = { 6, 6, 10 };
	char *path = harness_file(input, strlen(input));

	for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++)
		for (size_t size = 2; size <= 64; size++) {
			struct settings settings = harness_settings();
			struct record_rule *rule;
			struct stage *reader;
			struct diag diag;
			struct line line;
			char text[256];
			size_t used = 0;
			uint64_t records = 0, turn = 0, blocks = 0;

			diag_init(&diag, NULL);
			settings.buffer_size = size;
			settings.max_line = 64;
			settings.record_mode = rules[r].mode;
			settings.record_pattern = rules[r].pattern;
			reader = reader_new(&path, 1, &settings, &diag);
			ck_assert_int_eq(records_rule_new(&settings, &rule,
			    &diag), 0);
			reader_group(reader, rule);
			for (;;) {
				const char *block;
				size_t len = turn++ % 2 == 0
				    ? reader_block(reader, &block) : 0;
				uint64_t before;

				if (len > 0) {
					memcpy(text + used, block, len);
					used += len;
					records += reader_skip(reader, len);
					blocks++;
					continue;
				}
				if (stage_next(reader, &line) != 1)
					break;
				reader_position(reader, &before);
				ck_assert_uint_eq(before, line.lineno - 1 +
				    (uint64_t)byte_count_lines(line.ptr,
				    line.len) + 1);
				memcpy(text + used, line.ptr, line.len);
				used += line.len;
				text[used++] = '\n';
				records++;
			}
			ck_assert_msg(used == strlen(input) &&
			    memcmp(text, input, used) == 0,
			    "rule %zu, buffer %zu: %.*s", r, size, (int)used,
			    text);
			ck_assert_uint_eq(records, expected_records[r]);
			if (size == 64)
				ck_assert_uint_gt(blocks, 0);
			ck_assert_uint_eq(reader->stats.lines_out, records);
			ck_assert_uint_eq(reader_stats(reader)->lines, 11);
			stage_free_chain(reader);
		}
	unlink(path);
	free(path);
}
END_TEST

static Suite *
records_suite(void)
{
	Suite *suite = suite_create("records");
	TCase *grouping = tcase_create("grouping");
	TCase *long_records = tcase_create("long records");
	TCase *stages = tcase_create("stages");

	tcase_add_test(grouping, start_cont_and_end_group_lines);
	tcase_add_test(grouping, crlf_takes_every_lines_carriage_return);
	tcase_add_test(grouping, null_data_groups_on_nul);
	tcase_add_test(grouping, records_never_span_files);
	tcase_add_test(grouping, a_bad_record_pattern_is_refused);
	tcase_add_test(grouping, blocks_end_where_records_do);
	tcase_add_test(long_records, long_records_follow_the_policy);
	tcase_add_test(long_records,
	    long_record_fails_naming_file_and_first_line);
	tcase_add_test(stages, stages_match_in_multi_line_mode);
	suite_add_tcase(suite, grouping);
	suite_add_tcase(suite, long_records);
	suite_add_tcase(suite, stages);
	return suite;
}

int
main(void)
{
	return harness_run_suite(records_suite());
}
