/* check_uniq.c: the uniq stage (-u): a line equal to the one before it is
 * dropped, as uniq(1), bytes compared whole (NUL included), against its own
 * copy of the line before, after stages that rebuild lines. Run through
 * the real reader and sink at every buffer size from 1 to 64 bytes and the
 * default. */
#include <config.h>

#include <check.h>

#include "harness.h"

START_TEST(uniq_drops_adjacent_duplicates)
{
	struct settings settings = harness_settings();

	harness_expect_one(uniq_new, 0, NULL, &settings, "a\na\nb\na\na\na\nc",
	    "a\nb\na\nc");
	harness_expect_one(uniq_new, 0, NULL, &settings, "a\nb\na\nb\n",
	    "a\nb\na\nb\n");
	/* The last line equal to the one before is dropped, terminator and
	 * all, as uniq(1). */
	harness_expect_one(uniq_new, 0, NULL, &settings, "a\na", "a\n");
	harness_expect_one(uniq_new, 0, NULL, &settings, "x\nx\nx\n", "x\n");
	harness_expect_one(uniq_new, 0, NULL, &settings, "", "");
}
END_TEST

START_TEST(uniq_empty_lines_and_lengths)
{
	struct settings settings = harness_settings();

	harness_expect_one(uniq_new, 0, NULL, &settings, "\n\n\na\n\n",
	    "\na\n\n");
	harness_expect_one(uniq_new, 0, NULL, &settings,
	    "ab\nabc\nab\na\n\na\n", "ab\nabc\nab\na\n\na\n");
	harness_expect_one(uniq_new, 0, NULL, &settings,
	    "abc\nabcd\nabcd\nabc", "abc\nabcd\nabc");
	harness_expect_one(uniq_new, 0, NULL, &settings, "A\na\n", "A\na\n");
}
END_TEST

START_TEST(uniq_compares_nul_bytes)
{
	struct settings settings = harness_settings();
	static const char in1[] = "a\0b\na\0c\na\0c\n";
	static const char out1[] = "a\0b\na\0c\n";
	static const char in2[] = "a\0\na\n\0\n\0\n\0\0\n";
	static const char out2[] = "a\0\na\n\0\n\0\0\n";

	harness_expect_one_bytes(uniq_new, 0, NULL, &settings, in1,
	    sizeof in1 - 1, out1, sizeof out1 - 1);
	harness_expect_one_bytes(uniq_new, 0, NULL, &settings, in2,
	    sizeof in2 - 1, out2, sizeof out2 - 1);
}
END_TEST

START_TEST(uniq_keeps_its_own_copy_of_the_line_before)
{
	struct settings settings = harness_settings();
	/* The case stage rebuilds every line in one buffer: uniq must not
	 * compare against a view that has changed under it. */
	struct harness_stage upper_then_uniq[] = {
		{ case_new, NULL, CASE_UPPER }, { uniq_new, NULL, 0 }
	};
	struct harness_stage extract_then_uniq[] = {
		{ extract_new, "[a-z]+", 0 }, { uniq_new, NULL, 0 }
	};

	HARNESS_EXPECT("a\nA\nb\nB\nab\nAb\nc", &settings, upper_then_uniq,
	    "A\nB\nAB\nC");
	HARNESS_EXPECT("x x y\ny z\nz", &settings, extract_then_uniq,
	    "x\ny\nz\n");
}
END_TEST

static Suite *
uniq_suite(void)
{
	Suite *suite = suite_create("uniq");
	TCase *uniq = tcase_create("uniq");

	tcase_add_test(uniq, uniq_drops_adjacent_duplicates);
	tcase_add_test(uniq, uniq_empty_lines_and_lengths);
	tcase_add_test(uniq, uniq_compares_nul_bytes);
	tcase_add_test(uniq, uniq_keeps_its_own_copy_of_the_line_before);
	suite_add_tcase(suite, uniq);
	return suite;
}

int
main(void)
{
	return harness_run_suite(uniq_suite());
}
