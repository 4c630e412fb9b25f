/* check_case.c: the case stage (-U, -L): ASCII letters only, checked on
 * every byte value, the letters' edges and UTF-8 text. Run through the
 * real reader and sink at every buffer size from 1 to 64 bytes and the
 * default. */
#include <config.h>

#include <check.h>
#include <stddef.h>

#include "harness.h"

START_TEST(case_ascii_only)
{
	struct settings settings = harness_settings();

	harness_expect_one(case_new, CASE_UPPER, NULL, &settings,
	    "Hello, World! 123 \xc3\xa9t\xc3\xa9\nx",
	    "HELLO, WORLD! 123 " "\xc3\xa9T\xc3\xa9\nX");
	harness_expect_one(case_new, CASE_LOWER, NULL, &settings,
	    "Hello, World! 123 \xc3\x89T\xc3\x89\nX",
	    "hello, world! 123 " "\xc3\x89t\xc3\x89\nx");
	/* The edges of the letter ranges. */
	harness_expect_one(case_new, CASE_UPPER, NULL, &settings, "@AZ[`az{\n",
	    "@AZ[`AZ{\n");
	harness_expect_one(case_new, CASE_LOWER, NULL, &settings, "@AZ[`az{\n",
	    "@az[`az{\n");
	harness_expect_one(case_new, CASE_UPPER, NULL, &settings, "\n\nabc",
	    "\n\nABC");
}
END_TEST

START_TEST(case_every_byte)
{
	struct settings settings = harness_settings();
	char input[512], upper[512], lower[512];
	size_t n = 0;
	int byte;

	for (byte = 0; byte < 256; byte++) {
		if (byte == '\n')
			continue;
		input[n] = (char)byte;
		upper[n] = (char)(byte >= 'a' && byte <= 'z' ? byte - 32 : byte);
		lower[n] = (char)(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte);
		n++;
	}
	input[n] = upper[n] = lower[n] = '\n';
	n++;
	harness_expect_one_bytes(case_new, CASE_UPPER, NULL, &settings, input,
	    n, upper, n);
	harness_expect_one_bytes(case_new, CASE_LOWER, NULL, &settings, input,
	    n, lower, n);
}
END_TEST

static Suite *
case_suite(void)
{
	Suite *suite = suite_create("case");
	TCase *change_case = tcase_create("case");

	tcase_add_test(change_case, case_ascii_only);
	tcase_add_test(change_case, case_every_byte);
	suite_add_tcase(suite, change_case);
	return suite;
}

int
main(void)
{
	return harness_run_suite(case_suite());
}
