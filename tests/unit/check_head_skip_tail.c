/* check_head_skip_tail.c: the stages that pass lines by their count: head
 * (-n N: N lines, then the end, never asking upstream or opening a FILE
 * for more), skip (-k N: all but the first N) and tail (-t N: the last N,
 * at most 1000000); the counts each refuses. Run through the real reader
 * and sink at every buffer size from 1 to 64 bytes and the default. */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/* head (-n N) */

START_TEST(head_passes_n_lines)
{
	struct settings settings = harness_settings();

	harness_expect_one(head_new, 0, "2", &settings, "a\nb\nc\nd\n",
	    "a\nb\n");
	harness_expect_one(head_new, 0, "1", &settings, "a", "a");
	harness_expect_one(head_new, 0, "08", &settings,
	    "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\n5\n6\n7\n8\n");
}
END_TEST

START_TEST(head_zero_passes_nothing)
{
	struct settings settings = harness_settings();

	harness_expect_one(head_new, 0, "0", &settings, "a\nb\n", "");
	harness_expect_one(head_new, 0, "0", &settings, "", "");
}
END_TEST

START_TEST(head_larger_than_input_passes_all)
{
	struct settings settings = harness_settings();

	harness_expect_one(head_new, 0, "10", &settings, "a\nb", "a\nb");
	harness_expect_one(head_new, 0, "9223372036854775807", &settings,
	    "a\n", "a\n");
	harness_expect_one(head_new, 0, "3", &settings, "", "");
}
END_TEST

/* Runs head N over FILEs, one of them missing, at every buffer size, and
 * checks what was written and how many FILEs were reported unreadable. */
static void
expect_head_over_files(char *const *paths, size_t count, const char *lines,
    const char *expected, unsigned errors)
{
	struct harness_stage head[] = { { head_new, lines, 0 } };
	size_t size;

	for (size = 1; size <= 64; size++) {
		struct settings settings = harness_settings();
		struct harness_result result;

		settings.buffer_size = size;
		harness_run_files(paths, count, &settings, head, 1, &result);
		ck_assert_int_eq(result.status, 0);
		ck_assert_msg(strcmp(result.out, expected) == 0,
		    "buffer %zu, -n %s: wrote \"%s\", expected \"%s\"", size,
		    lines, result.out, expected);
		ck_assert_msg(result.errors == errors, "buffer %zu, -n %s: "
		    "%u errors (%s), expected %u", size, lines, result.errors,
		    result.warnings, errors);
		harness_result_free(&result);
	}
}

START_TEST(head_never_opens_the_next_file)
{
	char *paths[2];

	paths[0] = harness_file("a\nb\n", 4);
	paths[1] = strdup("/nonexistent/sluice-head-test");
	expect_head_over_files(paths, 2, "2", "a\nb\n", 0);
	expect_head_over_files(paths, 2, "1", "a\n", 0);
	/* The control: reading on does reach the missing FILE. */
	expect_head_over_files(paths, 2, "3", "a\nb\n", 1);
	unlink(paths[0]);
	free(paths[0]);
	free(paths[1]);
}
END_TEST

START_TEST(head_ends_within_an_unterminated_first_file)
{
	char *paths[2];

	paths[0] = harness_file("a\nb", 3);
	paths[1] = strdup("/nonexistent/sluice-head-test");
	/* b is a complete line: it is not the last FILE's record. */
	expect_head_over_files(paths, 2, "2", "a\nb\n", 0);
	unlink(paths[0]);
	free(paths[0]);
	free(paths[1]);
}
END_TEST

START_TEST(head_zero_reads_nothing)
{
	char *paths[1];

	paths[0] = strdup("/nonexistent/sluice-head-test");
	expect_head_over_files(paths, 1, "0", "", 0);
	expect_head_over_files(paths, 1, "1", "", 1);
	free(paths[0]);
}
END_TEST

START_TEST(head_asks_upstream_only_for_what_it_passes)
{
	struct settings settings = harness_settings();
	struct harness_endless endless;
	struct diag diag;
	struct stage *head;
	struct line line;
	int i;

	diag_init(&diag, NULL);
	harness_endless_init(&endless);
	head = harness_build_over(head_new, &endless.stage, "3", &settings,
	    &diag);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(stage_next(head, &line), 1);
	ck_assert_uint_eq(endless.asked, 3);
	ck_assert_int_eq(stage_next(head, &line), 0);
	ck_assert_int_eq(stage_next(head, &line), 0);
	ck_assert_uint_eq(endless.asked, 3);
	stage_free_chain(head);
}
END_TEST

START_TEST(head_bad_counts_fail_naming_the_option)
{
	harness_expect_refused(head_new, 0, "-n", "abc", NULL, "not a count");
	harness_expect_refused(head_new, 0, "-n", "-1", NULL, "not a count");
	harness_expect_refused(head_new, 0, "--head", "99999999999999999999",
	    NULL, "not a count");
	harness_expect_refused(head_new, 0, "-n", "9223372036854775808", NULL,
	    "not a count");
	harness_expect_refused(head_new, 0, "-n", "", NULL, "not a count");
	harness_expect_refused(head_new, 0, "-n", "1.5", NULL, "not a count");
	harness_expect_refused(head_new, 0, "-n", " 1", NULL, "not a count");
	harness_expect_accepted(head_new, 0, "-n", "0", NULL);
}
END_TEST

/* skip (-k N) */

START_TEST(skip_drops_the_first_lines)
{
	struct settings settings = harness_settings();

	harness_expect_one(skip_new, 0, "2", &settings, "a\nb\nc", "c");
	harness_expect_one(skip_new, 0, "1", &settings, "a\nb\nc\n", "b\nc\n");
	harness_expect_one(skip_new, 0, "0", &settings, "a\nb\nc", "a\nb\nc");
	harness_expect_one(skip_new, 0, "3", &settings, "a\nb\nc", "");
	harness_expect_one(skip_new, 0, "4", &settings, "a\nb\nc", "");
	harness_expect_one(skip_new, 0, "9223372036854775807", &settings,
	    "a\nb\n", "");
	harness_expect_one(skip_new, 0, "02", &settings, "\n\n\nx", "\nx");
	harness_expect_one(skip_new, 0, "010", &settings,
	    "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12", "11\n12");
}
END_TEST

START_TEST(skip_bad_counts_name_the_option)
{
	static const char *const bad[] = {
		"-1", "abc", "", "99999999999999999999",
		"9223372036854775808", "+1", " 1", "1 ", "0x10", "1k", "1.0",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		harness_expect_refused(skip_new, 0, "-k", bad[i], NULL,
		    "not a count");
	harness_expect_refused(skip_new, 0, "--skip", "x", NULL,
	    "not a count");
}
END_TEST

/* tail (-t N) */

START_TEST(tail_keeps_the_last_lines)
{
	struct settings settings = harness_settings();

	harness_expect_one(tail_new, 0, "2", &settings, "a\nb\nc\nd", "c\nd");
	harness_expect_one(tail_new, 0, "1", &settings, "a\nb\nc\nd", "d");
	harness_expect_one(tail_new, 0, "1", &settings, "a\nb\n", "b\n");
	harness_expect_one(tail_new, 0, "3", &settings,
	    "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "8\n9\n10\n");
	harness_expect_one(tail_new, 0, "4", &settings, "a\nb\nc\nd",
	    "a\nb\nc\nd");
	harness_expect_one(tail_new, 0, "10", &settings, "a\nb\nc", "a\nb\nc");
	harness_expect_one(tail_new, 0, "5", &settings, "", "");
	harness_expect_one(tail_new, 0, "2", &settings, "\n\n\n\n", "\n\n");
	harness_expect_one(tail_new, 0, "02", &settings, "a\nbb\nccc\n",
	    "bb\nccc\n");
}
END_TEST

START_TEST(tail_zero_keeps_nothing)
{
	struct settings settings = harness_settings();

	harness_expect_one(tail_new, 0, "0", &settings, "a\nb\nc", "");
	harness_expect_one(tail_new, 0, "0", &settings, "", "");
}
END_TEST

START_TEST(tail_keeps_bytes_and_the_missing_newline)
{
	struct settings settings = harness_settings();
	static const char input[] = "a\0\nlong line with \0 inside\nz\0";
	static const char expected[] = "long line with \0 inside\nz\0";
	struct harness_stage tail_then_tail[] = {
		{ tail_new, "3", 0 }, { tail_new, "2", 0 }
	};

	harness_expect_one_bytes(tail_new, 0, "2", &settings, input,
	    sizeof input - 1, expected, sizeof expected - 1);
	HARNESS_EXPECT("a\nb\nc\nd\ne", &settings, tail_then_tail, "d\ne");
}
END_TEST

START_TEST(tail_limit_and_bad_counts)
{
	static const char *const bad[] = {
		"-1", "abc", "", "99999999999999999999", "+3",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		harness_expect_refused(tail_new, 0, "-t", bad[i], NULL,
		    "not a count");
	harness_expect_refused(tail_new, 0, "-t", "1000001", NULL, "1000000");
	harness_expect_refused(tail_new, 0, "--tail", "9223372036854775807",
	    NULL, "1000000");
	harness_expect_accepted(tail_new, 0, "-t", "1000000", NULL);
}
END_TEST

static Suite *
head_skip_tail_suite(void)
{
	Suite *suite = suite_create("head_skip_tail");
	TCase *head = tcase_create("head");
	TCase *skip = tcase_create("skip");
	TCase *tail = tcase_create("tail");

	tcase_add_test(head, head_passes_n_lines);
	tcase_add_test(head, head_zero_passes_nothing);
	tcase_add_test(head, head_larger_than_input_passes_all);
	tcase_add_test(head, head_never_opens_the_next_file);
	tcase_add_test(head, head_ends_within_an_unterminated_first_file);
	tcase_add_test(head, head_zero_reads_nothing);
	tcase_add_test(head, head_asks_upstream_only_for_what_it_passes);
	tcase_add_test(head, head_bad_counts_fail_naming_the_option);
	tcase_add_test(skip, skip_drops_the_first_lines);
	tcase_add_test(skip, skip_bad_counts_name_the_option);
	tcase_add_test(tail, tail_keeps_the_last_lines);
	tcase_add_test(tail, tail_zero_keeps_nothing);
	tcase_add_test(tail, tail_keeps_bytes_and_the_missing_newline);
	tcase_add_test(tail, tail_limit_and_bad_counts);
	suite_add_tcase(suite, head);
	suite_add_tcase(suite, skip);
	suite_add_tcase(suite, tail);
	return suite;
}

int
main(void)
{
	return harness_run_suite(head_skip_tail_suite());
}
