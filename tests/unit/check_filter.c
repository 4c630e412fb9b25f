/* check_filter.c: the filter stage (-m keeps, -v drops): matching lines
 * under -i, -F and --utf8, NUL bytes, filters in a row, a bad pattern
 * refused naming the option, and --match-limit as an error at every buffer
 * size. Run through the real reader and sink at every buffer size from 1
 * to 64 bytes and the default. */
#include <config.h>

#include <check.h>
#include <stddef.h>

#include "harness.h"

START_TEST(filter_keeps_matching_lines)
{
	struct settings settings = harness_settings();

	harness_expect_one(filter_new, FILTER_KEEP, "err", &settings,
	    "error 1\nok\nterr\nErr\nlast err", "error 1\nterr\nlast err");
	harness_expect_one(filter_new, FILTER_KEEP, "^$", &settings,
	    "a\n\nb\n\n", "\n\n");
	harness_expect_one(filter_new, FILTER_KEEP, "nothing", &settings,
	    "a\nb\n", "");
}
END_TEST

START_TEST(filter_drops_matching_lines)
{
	struct settings settings = harness_settings();

	harness_expect_one(filter_new, FILTER_DROP, "err", &settings,
	    "error 1\nok\nterr\nErr\nlast", "ok\nErr\nlast");
	harness_expect_one(filter_new, FILTER_DROP, "", &settings, "a\nb\n",
	    "");
}
END_TEST

START_TEST(filter_ignore_case_setting)
{
	struct settings settings = harness_settings();

	harness_expect_one(filter_new, FILTER_KEEP, "ERR", &settings,
	    "error\nERROR\n", "ERROR\n");
	settings.ignore_case = 1;
	harness_expect_one(filter_new, FILTER_KEEP, "ERR", &settings,
	    "error\nERROR\nok\n", "error\nERROR\n");
	harness_expect_one(filter_new, FILTER_DROP, "ERR", &settings,
	    "error\nERROR\nok\n", "ok\n");
}
END_TEST

START_TEST(filter_fixed_strings_setting)
{
	struct settings settings = harness_settings();

	harness_expect_one(filter_new, FILTER_KEEP, "a.b", &settings,
	    "a.b\naxb\n", "a.b\naxb\n");
	settings.fixed_strings = 1;
	harness_expect_one(filter_new, FILTER_KEEP, "a.b", &settings,
	    "a.b\naxb\n", "a.b\n");
	harness_expect_one(filter_new, FILTER_KEEP, "f(x", &settings,
	    "f(x)\nfx\n", "f(x)\n");
	settings.ignore_case = 1;
	harness_expect_one(filter_new, FILTER_KEEP, "A.B", &settings,
	    "a.b\naxb\nA.b\n", "a.b\nA.b\n");
}
END_TEST

START_TEST(filters_in_a_row_all_apply)
{
	struct settings settings = harness_settings();
	struct harness_stage both[] = {
		{ filter_new, "a", FILTER_KEEP },
		{ filter_new, "b", FILTER_KEEP },
	};
	struct harness_stage a_not_b[] = {
		{ filter_new, "a", FILTER_KEEP },
		{ filter_new, "b", FILTER_DROP },
	};

	HARNESS_EXPECT("a\nb\nab\nba\nc\n", &settings, both, "ab\nba\n");
	HARNESS_EXPECT("a\nb\nab\nba\nc\n", &settings, a_not_b, "a\n");
}
END_TEST

START_TEST(filter_sees_nul_bytes)
{
	struct settings settings = harness_settings();
	static const char input[] = "a\0b\nab\n\0\n";
	static const char expected[] = "a\0b\n\0\n";
	struct harness_stage nul[] = { { filter_new, "\\x00", FILTER_KEEP } };

	harness_expect(input, sizeof input - 1, &settings, nul, 1, expected,
	    sizeof expected - 1);
}
END_TEST

START_TEST(filter_utf8_setting)
{
	struct settings settings = harness_settings();

	harness_expect_one(filter_new, FILTER_KEEP, "^.$", &settings,
	    "\xc3\xa9\nx\n", "x\n");
	settings.utf8 = 1;
	harness_expect_one(filter_new, FILTER_KEEP, "^.$", &settings,
	    "\xc3\xa9\nx\n", "\xc3\xa9\nx\n");
	/* Invalid UTF-8 never matches and is never an error. */
	harness_expect_one(filter_new, FILTER_KEEP, ".", &settings,
	    "\xff" "a\n\xff\n\xc3\n", "\xff" "a\n");
}
END_TEST

START_TEST(filter_bad_pattern_names_option)
{
	harness_expect_refused(filter_new, FILTER_KEEP, "-m", "(", NULL,
	    "missing closing parenthesis at offset 1");
	harness_expect_refused(filter_new, FILTER_DROP, "--reject", "a[", NULL,
	    "missing terminating ] for character class at offset 2");
	harness_expect_accepted(filter_new, FILTER_KEEP, "-m", "(a)", NULL);
}
END_TEST

/* The buffer size only changes how the input is read: a line that makes
 * PCRE2 pass --match-limit is an error naming it at every size. */
START_TEST(filter_match_limit_is_an_error_at_every_buffer_size)
{
	static const size_t sizes[] = { 1, 16, 40, 64, DEFAULT_BUFFER_SIZE };
	struct settings settings = harness_settings();
	struct harness_stage filter[] = {
		{ filter_new, "(a+)+$", FILTER_KEEP }
	};
	static const char input[] =
	    "ok a\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\nnever\n";
	size_t i;

	/* Line by line, PCRE2 sees every line. (The accelerator may rule
	 * such a line out without PCRE2: see the next test.) */
	settings.match_limit = 1000;
	settings.prefilter = 0;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		harness_expect_run_error(input, &settings, sizes[i], filter, 1,
		    "ok a\n", ":2: -x '(a+)+$': ", "match limit exceeded");
}
END_TEST

START_TEST(filter_match_limit_applies_to_lines_pcre2_examines)
{
	struct settings settings = harness_settings();
	struct harness_stage filter[] = {
		{ filter_new, "(a+)+$", FILTER_KEEP }
	};
	/* Line 2 can match, so PCRE2 examines it whatever the path. */
	static const char input[] =
	    "ok a\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaab a\nnever\n";

	settings.match_limit = 1000;
	harness_expect_run_error(input, &settings, DEFAULT_BUFFER_SIZE, filter,
	    1, "ok a\n", ":2: -x '(a+)+$': ", "match limit exceeded");
}
END_TEST

static Suite *
filter_suite(void)
{
	Suite *suite = suite_create("filter");
	TCase *filter = tcase_create("filter");

	tcase_add_test(filter, filter_keeps_matching_lines);
	tcase_add_test(filter, filter_drops_matching_lines);
	tcase_add_test(filter, filter_ignore_case_setting);
	tcase_add_test(filter, filter_fixed_strings_setting);
	tcase_add_test(filter, filters_in_a_row_all_apply);
	tcase_add_test(filter, filter_sees_nul_bytes);
	tcase_add_test(filter, filter_utf8_setting);
	tcase_add_test(filter, filter_bad_pattern_names_option);
	tcase_add_test(filter,
	    filter_match_limit_is_an_error_at_every_buffer_size);
	tcase_add_test(filter,
	    filter_match_limit_applies_to_lines_pcre2_examines);
	suite_add_tcase(suite, filter);
	return suite;
}

int
main(void)
{
	return harness_run_suite(filter_suite());
}
