/* check_answers.c: the answer stages (--count-by, --top, --sum, --sum-by)
 * through the real reader and sink at every buffer size from 1 to 64: a
 * table of cases, each a chain, its input and what it writes; then what
 * they refuse, warn of and fail on. */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "base/key_table.h"

static const struct {
	const char *name;
	struct harness_stage stages[2];
	size_t stage_count;
	const char *input;
	const char *expected;
} cases[] = {
	{ "count-by: most first, ties in byte order",
	    { { count_by_new, NULL, ANSWER_COUNT_BY } }, 1,
	    "b\na\nc\nb\na\nb\nab\n", "3\tb\n2\ta\n1\tab\n1\tc\n" },
	{ "count-by: an empty record is a key",
	    { { count_by_new, NULL, ANSWER_COUNT_BY } }, 1,
	    "\nx\n\n", "2\t\n1\tx\n" },
	{ "count-by: a last record without a newline is the same key",
	    { { count_by_new, NULL, ANSWER_COUNT_BY } }, 1,
	    "a\nb\na", "2\ta\n1\tb\n" },
	{ "count-by: CR and tabs are part of the key",
	    { { count_by_new, NULL, ANSWER_COUNT_BY } }, 1,
	    "a\r\na\na\tb\na\r\n", "2\ta\r\n1\ta\n1\ta\tb\n" },
	{ "count-by: nothing in, nothing out",
	    { { count_by_new, NULL, ANSWER_COUNT_BY } }, 1, "", "" },
	{ "count-by: the key is what the stage before made",
	    { { fields_new, "1", 0 }, { count_by_new, NULL, ANSWER_COUNT_BY } },
	    2, "x 1\ny 2\nx 3\n", "2\tx\n1\ty\n" },
	{ "top: the first K",
	    { { count_by_new, "2", ANSWER_TOP } }, 1,
	    "c\nb\na\nb\nc\nc\n", "3\tc\n2\tb\n" },
	{ "top: more than there are",
	    { { count_by_new, "10", ANSWER_TOP } }, 1,
	    "c\nb\n", "1\tb\n1\tc\n" },
	{ "top: 0 writes nothing",
	    { { count_by_new, "0", ANSWER_TOP } }, 1, "c\nb\n", "" },
	{ "sum: whole numbers",
	    { { sum_new, NULL, 0 } }, 1, "1\n2\n-4\n+10\n", "9\n" },
	{ "sum: past 2^63",
	    { { sum_new, NULL, 0 } }, 1,
	    "9223372036854775807\n9223372036854775807\n2\n",
	    "18446744073709551616\n" },
	{ "sum: fractions as a double, shortest",
	    { { sum_new, NULL, 0 } }, 1, "0.5\n0.25\n1\n", "1.75\n" },
	{ "sum: not numbers skipped",
	    { { sum_new, NULL, 0 } }, 1, "-\n3\nx\n\n4 \n", "7\n" },
	{ "sum: nothing is 0",
	    { { sum_new, NULL, 0 } }, 1, "", "0\n" },
	{ "sum-by: per key, ordered as count-by",
	    { { count_by_new, NULL, ANSWER_SUM_BY } }, 1,
	    "3\ta\n5\tb\n4\ta\n-1\tc\n", "7\ta\n5\tb\n-1\tc\n" },
	{ "sum-by: the key is all after the first tab",
	    { { count_by_new, NULL, ANSWER_SUM_BY } }, 1,
	    "1\tx\ty\n2\tx\ty\n1\tx\n", "3\tx\ty\n1\tx\n" },
	{ "sum-by: fractions, and records that are not NUMBER<TAB>KEY",
	    { { count_by_new, NULL, ANSWER_SUM_BY } }, 1,
	    "1.5\ta\nnone\n-\tb\n2\ta\n", "3.5\ta\n" },
	{ "sum-by merges count-by outputs",
	    { { count_by_new, NULL, ANSWER_SUM_BY } }, 1,
	    "2\tb\n1\ta\n1\tb\n2\ta\n1\tc\n", "3\ta\n3\tb\n1\tc\n" },
};

START_TEST(answers_at_every_buffer_size)
{
	struct settings settings = harness_settings();

	harness_expect(cases[_i].input, strlen(cases[_i].input), &settings,
	    cases[_i].stages, cases[_i].stage_count, cases[_i].expected,
	    strlen(cases[_i].expected));
}
END_TEST

START_TEST(top_refuses_what_is_not_a_count)
{
	struct settings settings = harness_settings();

	harness_expect_refused(count_by_new, ANSWER_TOP, "--top", "-1",
	    &settings, "not a count");
	harness_expect_refused(count_by_new, ANSWER_TOP, "--top", "x",
	    &settings, "not a count");
}
END_TEST

START_TEST(not_numbers_warned_once)
{
	struct settings settings = harness_settings();
	struct harness_stage stages[] = { { sum_new, NULL, 0 } };
	struct harness_result result;

	harness_run("-\n1\nx\n", 6, &settings, stages, 1, &result);
	ck_assert_int_eq(result.status, 0);
	ck_assert_str_eq(result.out, "1\n");
	ck_assert_ptr_nonnull(strstr(result.warnings, ":1: -x: '-' is not a "
	    "number"));
	ck_assert_ptr_null(strstr(result.warnings, "'x'"));
	harness_result_free(&result);
}
END_TEST

START_TEST(sum_past_2_to_the_127_fails)
{
	struct settings settings = harness_settings();
	struct harness_stage stages[] = { { sum_new, NULL, 0 } };
	struct harness_result result;
	static const char input[] =
	    "170141183460469231731687303715884105727\n1\n";

	harness_run(input, sizeof input - 1, &settings, stages, 1, &result);
	ck_assert_int_eq(result.status, -1);
	ck_assert_ptr_nonnull(strstr(result.error, ":2: -x: the sum passes "
	    "2^127 - 1"));
	harness_result_free(&result);
}
END_TEST

/* Many distinct keys in the smallest table: --exact fails naming the
 * record; without it, the answer is approximate and says so. */
START_TEST(count_memory_limit)
{
	struct settings settings = harness_settings();
	struct harness_stage stages[] = { { count_by_new, NULL,
	    ANSWER_COUNT_BY } };
	struct harness_result result;
	char *input = malloc(300000), *at = input;
	int i;

	ck_assert_ptr_nonnull(input);
	for (i = 0; i < 20000; i++)
		at += sprintf(at, "%d\nheavy\n", i);
	settings.count_memory = KEY_TABLE_MEMORY_MIN;
	settings.exact = 1;
	harness_run(input, (size_t)(at - input), &settings, stages, 1,
	    &result);
	ck_assert_int_eq(result.status, -1);
	ck_assert_ptr_nonnull(strstr(result.error, "-x: more distinct keys "
	    "than --count-memory=4K holds, and --exact was given"));
	harness_result_free(&result);
	settings.exact = 0;
	harness_run(input, (size_t)(at - input), &settings, stages, 1,
	    &result);
	ck_assert_int_eq(result.status, 0);
	/* The heavy key comes first, with at least its true count. */
	ck_assert_msg(strncmp(result.out, "2", 1) == 0 &&
	    strtol(result.out, NULL, 10) >= 20000 &&
	    strncmp(strchr(result.out, '\t'), "\theavy\n", 7) == 0,
	    "first line: %.40s", result.out);
	ck_assert_ptr_nonnull(strstr(result.warnings, "the counts are "
	    "approximate (Space-Saving over "));
	harness_result_free(&result);
	free(input);
}
END_TEST

/* --sum-by past the limit takes whole numbers from 0 only. */
START_TEST(sum_by_approximate_needs_whole_numbers)
{
	struct settings settings = harness_settings();
	struct harness_stage stages[] = { { count_by_new, NULL,
	    ANSWER_SUM_BY } };
	struct harness_result result;
	char *input = malloc(500000), *at = input;
	int i;

	ck_assert_ptr_nonnull(input);
	for (i = 0; i < 20000; i++)
		at += sprintf(at, "%s\tkey %d\n", i == 10000 ? "0.5" : "2", i);
	settings.count_memory = KEY_TABLE_MEMORY_MIN;
	harness_run(input, (size_t)(at - input), &settings, stages, 1,
	    &result);
	ck_assert_int_eq(result.status, -1);
	ck_assert_ptr_nonnull(strstr(result.error, "takes whole numbers "
	    "from 0 only"));
	harness_result_free(&result);
	free(input);
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("answers");
	TCase *answers = tcase_create("answers");
	TCase *limits = tcase_create("limits");

	tcase_add_loop_test(answers, answers_at_every_buffer_size, 0,
	    sizeof cases / sizeof cases[0]);
	tcase_add_test(answers, top_refuses_what_is_not_a_count);
	tcase_add_test(answers, not_numbers_warned_once);
	tcase_add_test(answers, sum_past_2_to_the_127_fails);
	suite_add_tcase(suite, answers);
	tcase_add_test(limits, count_memory_limit);
	tcase_add_test(limits, sum_by_approximate_needs_whole_numbers);
	suite_add_tcase(suite, limits);
	return harness_run_suite(suite);
}
