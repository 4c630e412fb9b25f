/* check_reader.c: the record reader, run at every buffer size from 1 to 64
 * bytes so that every record crosses a buffer boundary somewhere. */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "input/reader.h"

static struct settings
settings_with(size_t buffer_size)
{
	struct settings settings;

	settings_init(&settings);
	settings.buffer_size = buffer_size;
	return settings;
}

static void
expect_identity(const char *input, size_t len)
{
	struct settings settings = settings_with(DEFAULT_BUFFER_SIZE);

	harness_expect(input, len, &settings, NULL, 0, input, len);
}

START_TEST(identity_is_exact)
{
	static const struct {
		const char *bytes;
		size_t len;
	} inputs[] = {
		{ "", 0 },
		{ "a", 1 },
		{ "a\n", 2 },
		{ "\n", 1 },
		{ "\n\n\n", 3 },
		{ "abc\ndef", 7 },
		{ "abc\ndef\n", 8 },
		{ "nul\0inside\n\0\0\n", 15 },
		{ "crlf\r\nlines\r\nno final\r", 23 },
		{ "\xff\xfe invalid utf-8 \xc3\n\x80", 21 },
		{ "exactly-16-bytes\nexactly-16-bytes", 33 },
	};
	size_t i;

	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		expect_identity(inputs[i].bytes, inputs[i].len);
}
END_TEST

/* Every record, its length, line number and terminator, as text. */
static void
describe_records(const char *input, size_t len, size_t buffer_size,
    char *text, size_t size)
{
	struct settings settings = settings_with(buffer_size);
	struct diag diag;
	char *path = harness_file(input, len);
	struct stage *reader;
	struct line line;
	size_t used = 0;

	diag_init(&diag, NULL);
	reader = reader_new(&path, 1, &settings, &diag);
	ck_assert_ptr_nonnull(reader);
	text[0] = '\0';
	while (stage_next(reader, &line) == 1 && used < size)
		used += (size_t)snprintf(text + used, size - used,
		    "%llu:%.*s:%d|", (unsigned long long)line.lineno,
		    (int)line.len, line.ptr, line.eol);
	ck_assert_int_eq(stage_next(reader, &line), 0);
	stage_free_chain(reader);
	unlink(path);
	free(path);
}

START_TEST(records_carry_numbers_and_terminators)
{
	static const char input[] = "one\n\ntwo words\nlast";
	char text[256];
	size_t size;

	for (size = 1; size <= 64; size++) {
		describe_records(input, strlen(input), size, text,
		    sizeof text);
		ck_assert_msg(strcmp(text,
		    "1:one:1|2::1|3:two words:1|4:last:0|") == 0,
		    "buffer %zu: %s", size, text);
	}
}
END_TEST

START_TEST(empty_file_has_no_records)
{
	char text[64];
	size_t size;

	for (size = 1; size <= 8; size++) {
		describe_records("", 0, size, text, sizeof text);
		ck_assert_str_eq(text, "");
	}
}
END_TEST

START_TEST(crlf_option_takes_the_carriage_return)
{
	struct settings settings = settings_with(1);
	static const char input[] = "a\r\nb\r\r\nc\rd\r\nlast\r";
	struct harness_stage match_end = { filter_new, "^[a-z]$", FILTER_KEEP };
	struct harness_stage lstrip[] = { { strip_new, NULL, STRIP_LEFT } };
	size_t size;

	settings.crlf = 1;
	/* Written back with \r\n: the round trip is exact. */
	HARNESS_EXPECT(input, &settings, lstrip, input);
	for (size = 1; size <= 64; size++) {
		struct harness_result result;

		settings.buffer_size = size;
		harness_run(input, strlen(input), &settings, &match_end, 1,
		    &result);
		ck_assert_int_eq(result.status, 0);
		/* "c\rd" and "last\r" keep their \r: no \n follows it. */
		ck_assert_str_eq(result.out, "a\r\n");
		harness_result_free(&result);
	}
}
END_TEST

START_TEST(null_data_splits_on_nul)
{
	struct settings settings = settings_with(1);
	static const char input[] = "a\nb\0c\0d";
	struct harness_stage count = { count_new, NULL, 0 };
	struct harness_result result;

	settings.terminator = '\0';
	harness_expect(input, sizeof input - 1, &settings, NULL, 0, input,
	    sizeof input - 1);
	harness_run(input, sizeof input - 1, &settings, &count, 1, &result);
	ck_assert_int_eq(result.status, 0);
	ck_assert_uint_eq(result.out_len, 2);
	ck_assert_int_eq(memcmp(result.out, "3\0", 2), 0);
	harness_result_free(&result);
}
END_TEST

START_TEST(record_longer_than_buffer_grows_it)
{
	char input[3000];
	size_t i;

	for (i = 0; i < sizeof input; i++)
		input[i] = i % 1000 == 999 ? '\n' : (char)('a' + i % 26);
	expect_identity(input, sizeof input);
	expect_identity(input, sizeof input - 1);
}
END_TEST

static void
expect_policy(enum long_line_policy policy, const char *input,
    const char *expected)
{
	struct settings settings = settings_with(1);

	settings.max_line = 4;
	settings.long_lines = policy;
	harness_expect(input, strlen(input), &settings, NULL, 0, expected,
	    strlen(expected));
}

START_TEST(long_lines_split)
{
	expect_policy(LONG_LINES_SPLIT, "ab\nabcdefghij\ncd",
	    "ab\nabcd\nefgh\nij\ncd");
	expect_policy(LONG_LINES_SPLIT, "abcd\nabcdefgh\n", "abcd\nabcd\nefgh\n");
	expect_policy(LONG_LINES_SPLIT, "ab\nabcdefghij", "ab\nabcd\nefgh\nij");
}
END_TEST

START_TEST(long_lines_truncate)
{
	expect_policy(LONG_LINES_TRUNCATE, "ab\nabcdefghij\ncd",
	    "ab\nabcd\ncd");
	expect_policy(LONG_LINES_TRUNCATE, "abcde\nabcd\n", "abcd\nabcd\n");
	expect_policy(LONG_LINES_TRUNCATE, "ab\nabcdefghij", "ab\nabcd\n");
}
END_TEST

START_TEST(long_lines_skip)
{
	expect_policy(LONG_LINES_SKIP, "ab\nabcdefghij\ncd", "ab\ncd");
	expect_policy(LONG_LINES_SKIP, "abcde\nabcd\n\n", "abcd\n\n");
	expect_policy(LONG_LINES_SKIP, "ab\nabcdefghij", "ab\n");
}
END_TEST

START_TEST(long_lines_keep_line_numbers)
{
	struct settings settings = settings_with(3);
	static const char input[] = "a\nlong line\nb\nc";
	struct diag diag;
	char *path = harness_file(input, strlen(input));
	struct stage *reader;
	struct line line;
	char seen[128] = "";

	settings.max_line = 4;
	settings.long_lines = LONG_LINES_SKIP;
	diag_init(&diag, NULL);
	reader = reader_new(&path, 1, &settings, &diag);
	while (stage_next(reader, &line) == 1)
		snprintf(seen + strlen(seen), sizeof seen - strlen(seen),
		    "%llu:%.*s ", (unsigned long long)line.lineno,
		    (int)line.len, line.ptr);
	ck_assert_str_eq(seen, "1:a 3:b 4:c ");
	ck_assert_uint_eq(reader_stats(reader)->long_lines, 1);
	stage_free_chain(reader);
	unlink(path);
	free(path);
}
END_TEST

/* A long record counts once in the statistics, however many pieces it is
 * split into (fuzz_reader found it counted once per piece). */
START_TEST(long_lines_count_records_not_pieces)
{
	static const struct {
		enum long_line_policy policy;
		const char *input;
		uint64_t long_lines;
	} cases[] = {
		{ LONG_LINES_SPLIT, "ab\nabcdefghij\ncd", 1 },
		{ LONG_LINES_SPLIT, "abcdefghijklmnopq\nabcde", 2 },
		{ LONG_LINES_SPLIT, "abcdefghijklmnopq", 1 },
		{ LONG_LINES_TRUNCATE, "abcdefghijklmnopq\nabcde\n", 2 },
		{ LONG_LINES_SKIP, "abcdefghijklmnopq\nab\nabcde", 2 },
	};
	size_t i, size;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (size = 1; size <= 8; size++) {
			struct settings settings = settings_with(size);
			char *path = harness_file(cases[i].input,
			    strlen(cases[i].input));
			struct diag diag;
			struct stage *reader;
			struct line line;

			settings.max_line = 4;
			settings.long_lines = cases[i].policy;
			diag_init(&diag, NULL);
			reader = reader_new(&path, 1, &settings, &diag);
			ck_assert_ptr_nonnull(reader);
			while (stage_next(reader, &line) == 1)
				continue;
			ck_assert_msg(reader_stats(reader)->long_lines ==
			    cases[i].long_lines, "case %zu, buffer %zu: %llu "
			    "long lines", i, size, (unsigned long long)
			    reader_stats(reader)->long_lines);
			stage_free_chain(reader);
			unlink(path);
			free(path);
		}
}
END_TEST

START_TEST(long_lines_fail_names_file_and_line)
{
	struct settings settings = settings_with(2);
	struct harness_result result;

	settings.max_line = 4;
	harness_run("ok\nfine\ntoo long\nnever", 22, &settings, NULL, 0,
	    &result);
	ck_assert_int_eq(result.status, -1);
	ck_assert_msg(strstr(result.error, ":3: line longer than "
	    "--max-line=4 bytes") != NULL, "error: %s", result.error);
	/* What came before the long line was written. */
	ck_assert_str_eq(result.out, "ok\nfine\n");
	harness_result_free(&result);
}
END_TEST

START_TEST(long_lines_warn_once)
{
	struct settings settings = settings_with(8);
	struct harness_result result;
	const char *first;

	settings.max_line = 2;
	settings.long_lines = LONG_LINES_TRUNCATE;
	harness_run("abc\nx\ndefg\n", 11, &settings, NULL, 0, &result);
	ck_assert_int_eq(result.status, 0);
	ck_assert_str_eq(result.out, "ab\nx\nde\n");
	first = strstr(result.warnings, "warned once");
	ck_assert_ptr_nonnull(first);
	ck_assert_ptr_null(strstr(first + 1, "warned once"));
	ck_assert_uint_eq(result.errors, 0);
	harness_result_free(&result);
}
END_TEST

START_TEST(max_line_below_buffer_size_still_applies)
{
	struct settings settings = settings_with(DEFAULT_BUFFER_SIZE);
	struct harness_result result;

	settings.max_line = 3;
	harness_run("abc\nabcd\n", 9, &settings, NULL, 0, &result);
	ck_assert_int_eq(result.status, -1);
	ck_assert_str_eq(result.out, "abc\n");
	harness_result_free(&result);
}
END_TEST

START_TEST(files_are_one_stream)
{
	static const char *const contents[] = { "a\nb", "c\n", "", "d" };
	char *paths[4];
	size_t size, i;

	for (i = 0; i < 4; i++)
		paths[i] = harness_file(contents[i], strlen(contents[i]));
	for (size = 1; size <= 64; size++) {
		struct settings settings = settings_with(size);
		struct harness_result result;

		harness_run_files(paths, 4, &settings, NULL, 0, &result);
		ck_assert_int_eq(result.status, 0);
		/* Only the last FILE's missing newline is kept. */
		ck_assert_str_eq(result.out, "a\nb\nc\nd");
		harness_result_free(&result);
	}
	for (i = 0; i < 4; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}
END_TEST

START_TEST(unreadable_files_are_reported_and_skipped)
{
	char *paths[4];
	struct settings settings = settings_with(4);
	struct harness_result result;

	paths[0] = harness_file("first\n", 6);
	paths[1] = strdup("/nonexistent/sluice-test-file");
	paths[2] = strdup("/");
	paths[3] = harness_file("last", 4);
	harness_run_files(paths, 4, &settings, NULL, 0, &result);
	ck_assert_int_eq(result.status, 0);
	ck_assert_str_eq(result.out, "first\nlast");
	ck_assert_uint_eq(result.errors, 2);
	ck_assert_ptr_nonnull(strstr(result.warnings,
	    "sluice: /nonexistent/sluice-test-file: No such file or "
	    "directory\n"));
	ck_assert_ptr_nonnull(strstr(result.warnings,
	    "sluice: /: Is a directory\n"));
	harness_result_free(&result);
	unlink(paths[0]);
	unlink(paths[3]);
	free(paths[0]);
	free(paths[1]);
	free(paths[2]);
	free(paths[3]);
}
END_TEST

START_TEST(buffer_shrinks_after_a_long_record)
{
	char input[5000];
	size_t i;
	struct settings settings = settings_with(16);
	struct diag diag;
	char *path;
	struct stage *reader;
	struct line line;
	uint64_t lines = 0;

	memset(input, 'x', sizeof input);
	for (i = 4000; i < sizeof input; i += 10)
		input[i] = '\n';
	path = harness_file(input, sizeof input);
	diag_init(&diag, NULL);
	reader = reader_new(&path, 1, &settings, &diag);
	while (stage_next(reader, &line) == 1)
		lines++;
	ck_assert_uint_eq(lines, 101);
	ck_assert_uint_eq(reader_stats(reader)->bytes_read, sizeof input);
	stage_free_chain(reader);
	unlink(path);
	free(path);
}
END_TEST

static Suite *
reader_suite(void)
{
	Suite *suite = suite_create("reader");
	TCase *records = tcase_create("records");
	TCase *long_lines = tcase_create("long lines");
	TCase *files = tcase_create("files");

	tcase_add_test(records, identity_is_exact);
	tcase_add_test(records, records_carry_numbers_and_terminators);
	tcase_add_test(records, empty_file_has_no_records);
	tcase_add_test(records, crlf_option_takes_the_carriage_return);
	tcase_add_test(records, null_data_splits_on_nul);
	tcase_add_test(records, record_longer_than_buffer_grows_it);
	tcase_add_test(records, buffer_shrinks_after_a_long_record);
	tcase_add_test(long_lines, long_lines_split);
	tcase_add_test(long_lines, long_lines_truncate);
	tcase_add_test(long_lines, long_lines_skip);
	tcase_add_test(long_lines, long_lines_keep_line_numbers);
	tcase_add_test(long_lines, long_lines_count_records_not_pieces);
	tcase_add_test(long_lines, long_lines_fail_names_file_and_line);
	tcase_add_test(long_lines, long_lines_warn_once);
	tcase_add_test(long_lines, max_line_below_buffer_size_still_applies);
	tcase_add_test(files, files_are_one_stream);
	tcase_add_test(files, unreadable_files_are_reported_and_skipped);
	suite_add_tcase(suite, records);
	suite_add_tcase(suite, long_lines);
	suite_add_tcase(suite, files);
	return suite;
}

int
main(void)
{
	return harness_run_suite(reader_suite());
}
