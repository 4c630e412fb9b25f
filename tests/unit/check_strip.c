/* check_strip.c: the strip stage (-s, --lstrip, --rstrip): the white space
 * Python's bytes.strip() takes, off both ends or one, and no other byte;
 * newlines inside -z records. Run through the real reader and sink at every
 * buffer size from 1 to 64 bytes and the default. */
#include <config.h>

#include <check.h>

#include "harness.h"

START_TEST(strip_both_sides_python_whitespace)
{
	struct settings settings = harness_settings();

	harness_expect_one(strip_new, STRIP_BOTH, NULL, &settings,
	    "  a b  \n\t\v\f\rx\r\f\v\t\n\n   \n \tlast\t ",
	    "a b\nx\n\n\nlast");
}
END_TEST

START_TEST(strip_one_side_only)
{
	struct settings settings = harness_settings();

	harness_expect_one(strip_new, STRIP_LEFT, NULL, &settings,
	    " \ta b\t \n  \n", "a b\t \n\n");
	harness_expect_one(strip_new, STRIP_RIGHT, NULL, &settings,
	    " \ta b\t \n  \n", " \ta b\n\n");
}
END_TEST

START_TEST(strip_leaves_other_bytes_alone)
{
	struct settings settings = harness_settings();
	static const char input[] = "\x85" "a\xa0\n\xc2\xa0" "b\xc2\xa0\n"
	    "\x1c" "c\x1f\n\0 d \0\n";

	/* NEL, NBSP, the file/unit separators and NUL are not in Python's
	 * bytes.strip() set. */
	harness_expect(input, sizeof input - 1, &settings,
	    (struct harness_stage[]){ { strip_new, NULL, STRIP_BOTH } }, 1,
	    input, sizeof input - 1);
}
END_TEST

START_TEST(strip_takes_newlines_inside_nul_records)
{
	struct settings settings = harness_settings();
	static const char input[] = " a\n\0\nb \0\n";
	static const char expected[] = "a\0b\0";
	struct harness_stage strip[] = { { strip_new, NULL, STRIP_BOTH } };

	settings.terminator = '\0';
	harness_expect(input, sizeof input - 1, &settings, strip, 1,
	    expected, sizeof expected - 1);
}
END_TEST

static Suite *
strip_suite(void)
{
	Suite *suite = suite_create("strip");
	TCase *strip = tcase_create("strip");

	tcase_add_test(strip, strip_both_sides_python_whitespace);
	tcase_add_test(strip, strip_one_side_only);
	tcase_add_test(strip, strip_leaves_other_bytes_alone);
	tcase_add_test(strip, strip_takes_newlines_inside_nul_records);
	suite_add_tcase(suite, strip);
	return suite;
}

int
main(void)
{
	return harness_run_suite(strip_suite());
}
