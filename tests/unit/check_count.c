/* check_count.c: the count stage (-c): one line, the number of lines that
 * reached it (0 for none), wherever it stands in a chain; after -n it ends
 * an endless stream. Run through the real reader and sink at every buffer
 * size from 1 to 64 bytes and the default. */
#include <config.h>

#include <check.h>

#include "harness.h"

START_TEST(count_counts_lines)
{
	struct settings settings = harness_settings();

	harness_expect_one(count_new, 0, NULL, &settings, "a\nb\nc", "3\n");
	harness_expect_one(count_new, 0, NULL, &settings, "a\nb\nc\n", "3\n");
	harness_expect_one(count_new, 0, NULL, &settings, "\n\n", "2\n");
}
END_TEST

START_TEST(count_of_empty_input_is_zero)
{
	struct settings settings = harness_settings();

	harness_expect_one(count_new, 0, NULL, &settings, "", "0\n");
}
END_TEST

START_TEST(count_counts_what_reaches_it)
{
	struct settings settings = harness_settings();
	struct harness_stage filtered[] = {
		{ filter_new, "a", FILTER_KEEP },
		{ count_new, NULL, 0 },
	};
	struct harness_stage headed[] = {
		{ head_new, "2", 0 },
		{ count_new, NULL, 0 },
	};
	struct harness_stage nothing[] = {
		{ head_new, "0", 0 },
		{ count_new, NULL, 0 },
	};
	struct harness_stage counted_then_head[] = {
		{ count_new, NULL, 0 },
		{ head_new, "0", 0 },
	};

	HARNESS_EXPECT("a\nb\nab\nc", &settings, filtered, "2\n");
	HARNESS_EXPECT("a\nb\nab\nc", &settings, headed, "2\n");
	HARNESS_EXPECT("a\nb\n", &settings, nothing, "0\n");
	HARNESS_EXPECT("a\nb\n", &settings, counted_then_head, "");
}
END_TEST

START_TEST(count_ends_over_an_endless_stream_after_head)
{
	struct settings settings = harness_settings();
	struct harness_endless endless;
	struct diag diag;
	struct stage *head, *count;
	struct line line;

	diag_init(&diag, NULL);
	harness_endless_init(&endless);
	head = harness_build_over(head_new, &endless.stage, "5", &settings,
	    &diag);
	count = harness_build_over(count_new, head, NULL, &settings, &diag);
	ck_assert_int_eq(stage_next(count, &line), 1);
	ck_assert_int_eq((int)line.len, 1);
	ck_assert_int_eq(line.ptr[0], '5');
	ck_assert_int_eq(line.eol, LINE_END_PLAIN);
	ck_assert_int_eq(stage_next(count, &line), 0);
	ck_assert_uint_eq(endless.asked, 5);
	stage_free_chain(count);
}
END_TEST

static Suite *
count_suite(void)
{
	Suite *suite = suite_create("count");
	TCase *count = tcase_create("count");

	tcase_add_test(count, count_counts_lines);
	tcase_add_test(count, count_of_empty_input_is_zero);
	tcase_add_test(count, count_counts_what_reaches_it);
	tcase_add_test(count, count_ends_over_an_endless_stream_after_head);
	suite_add_tcase(suite, count);
	return suite;
}

int
main(void)
{
	return harness_run_suite(count_suite());
}
