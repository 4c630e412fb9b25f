/* check_fields.c: the fields stage (-f LIST): every form of LIST, the
 * awk-like split on blanks and the exact split on a -d string (of one byte
 * or more), missing fields left out, --output-delimiter, -z records; a
 * table of the cases where it walks a line rather than splitting it whole;
 * the lists it refuses. Run through the real reader and sink at every
 * buffer size from 1 to 64 bytes and the default. */
#include <config.h>

#include <check.h>
#include <stddef.h>

#include "harness.h"

static void
expect_fields(const char *list, const struct settings *settings,
    const char *input, const char *expected)
{
	harness_expect_one(fields_new, 0, list, settings, input, expected);
}

START_TEST(fields_list_forms)
{
	struct settings settings = harness_settings();
	static const char line[] = "a b c d e f\n";

	expect_fields("3", &settings, line, "c\n");
	expect_fields("1,4", &settings, line, "a d\n");
	expect_fields("2-5", &settings, line, "b c d e\n");
	expect_fields("3-", &settings, line, "c d e f\n");
	expect_fields("-1", &settings, line, "f\n");
	expect_fields("-2", &settings, line, "e\n");
	expect_fields("3,1", &settings, line, "c a\n");
	expect_fields("3,1,3", &settings, line, "c a c\n");
	expect_fields("6", &settings, line, "f\n");
	expect_fields("1-1", &settings, line, "a\n");
	expect_fields("5-,-6,2", &settings, line, "e f a b\n");
	expect_fields("08", &settings, "1 2 3 4 5 6 7 8 9\n", "8\n");
	/* Leading zeros, however many, as for every count (found by
	 * fuzz_fields: 24 digits were refused). */
	expect_fields("0000000000000000000000002,-0000000000000000000000001",
	    &settings, line, "b f\n");
	expect_fields("0000000000000000000000000000009223372036854775807",
	    &settings, line, "\n");
}
END_TEST

START_TEST(fields_default_split_is_awk)
{
	struct settings settings = harness_settings();

	expect_fields("1", &settings, "  x \t y  \n", "x\n");
	expect_fields("2", &settings, "  x \t y  \n", "y\n");
	expect_fields("-1", &settings, "  x \t y  \n", "y\n");
	expect_fields("1-", &settings, "\t a\t\tb   c \n", "a b c\n");
	expect_fields("3", &settings, "  x \t y  \n", "\n");
	expect_fields("1", &settings, " \t \n\n", "\n\n");
	/* Other bytes are not blanks. */
	expect_fields("2", &settings, "a\rb c\r\vd\n", "c\r\vd\n");
	expect_fields("1,2", &settings, "a,b c;d\n", "a,b c;d\n");
	/* Every line on its own, the last one kept unterminated. */
	expect_fields("2", &settings, "1 2 3\n4\n5 6", "2\n\n6");
}
END_TEST

START_TEST(fields_with_a_delimiter_split_exactly)
{
	struct settings settings = harness_settings();

	settings.delimiter = ":";
	expect_fields("1", &settings, "a::b\n", "a\n");
	expect_fields("2", &settings, "a::b\n", "\n");
	expect_fields("3", &settings, "a::b\n", "b\n");
	expect_fields("-1", &settings, "a::b\n", "b\n");
	expect_fields("4", &settings, "a::b\n", "\n");
	expect_fields("2-", &settings, "a::b\n", ":b\n");
	expect_fields("3,1", &settings, "a::b\n", "b:a\n");
	expect_fields("1", &settings, ":a:\n", "\n");
	expect_fields("2", &settings, ":a:\n", "a\n");
	expect_fields("-1", &settings, ":a:\n", "\n");
	expect_fields("1-", &settings, ":a:\n", ":a:\n");
	/* Blanks are content. */
	expect_fields("2", &settings, " a : b \n", " b \n");
	/* A line without the delimiter is one field. */
	expect_fields("1", &settings, "abc\n", "abc\n");
	expect_fields("2", &settings, "abc\n", "\n");
	expect_fields("-1", &settings, "abc\n", "abc\n");
	expect_fields("1", &settings, "\n", "\n");
}
END_TEST

START_TEST(fields_multibyte_delimiter)
{
	struct settings settings = harness_settings();

	settings.delimiter = "::";
	expect_fields("2", &settings, "a::b:c::d\n", "b:c\n");
	expect_fields("3", &settings, "a::b:c::d\n", "d\n");
	expect_fields("1,3", &settings, "a::b:c::d\n", "a::d\n");
	expect_fields("2", &settings, "a:::b\n", ":b\n");
	expect_fields("1", &settings, "a:b\n", "a:b\n");
	expect_fields("2", &settings, "x:\n", "\n");
	expect_fields("2", &settings, "x::\n", "\n");
	expect_fields("-1", &settings, "x:::\n", ":\n");
	settings.delimiter = ", ";
	expect_fields("2,1", &settings, "a, b,c, d\n", "b,c, a\n");
}
END_TEST

START_TEST(fields_missing_are_left_out)
{
	struct settings settings = harness_settings();

	expect_fields("1,4", &settings, "a b\n", "a\n");
	expect_fields("1,4", &settings, "a b", "a");
	expect_fields("4,1", &settings, "a b\n", "a\n");
	expect_fields("2-5", &settings, "a b\n", "b\n");
	expect_fields("5,6", &settings, "a b\n", "\n");
	expect_fields("7-", &settings, "a b\n", "\n");
	expect_fields("-3", &settings, "a b\n", "\n");
	expect_fields("-3,1", &settings, "a b\nx y z\n", "a\nx x\n");
	expect_fields("3", &settings, "a b\n\nc d e\n", "\n\ne\n");
	settings.delimiter = ",";
	expect_fields("1,4", &settings, "a,b\n", "a\n");
	expect_fields("3,4", &settings, "a,b\n", "\n");
}
END_TEST

START_TEST(fields_output_delimiter)
{
	struct settings settings = harness_settings();

	/* Default: one space without -d, the -d string with it. */
	expect_fields("1,3", &settings, "a\tb\tc\n", "a c\n");
	settings.delimiter = "\t";
	expect_fields("1,3", &settings, "a\tb\tc\n", "a\tc\n");
	settings.output_delimiter = "|";
	expect_fields("1,3", &settings, "a\tb\tc\n", "a|c\n");
	settings.delimiter = NULL;
	expect_fields("3,2,1", &settings, "a b c\n", "c|b|a\n");
	settings.output_delimiter = "";
	expect_fields("1-", &settings, "a b c\n", "abc\n");
	settings.delimiter = ",";
	settings.output_delimiter = "--";
	expect_fields("1-", &settings, "a,b,,c\n", "a--b----c\n");
	/* One field kept: no joiner. */
	expect_fields("2", &settings, "a,b,,c\n", "b\n");
}
END_TEST

START_TEST(fields_in_nul_records)
{
	struct settings settings = harness_settings();
	static const char input[] = "a\nb c\0d\0";
	static const char second[] = "b\0\0";

	/* -z: a newline inside a record is a blank, as awk's default FS. */
	settings.terminator = '\0';
	harness_expect_one_bytes(fields_new, 0, "2", &settings, input,
	    sizeof input - 1, second, sizeof second - 1);
}
END_TEST

/* The cases where -f walks a line rather than splitting it whole: a -K,
 * found from the line's end where a split from there is the same (blanks,
 * a -d string that cannot overlap itself) and counted from the start where
 * it is not (with -d aa, "aaaaa" is "", "" and "a"); a LIST that goes back
 * walks again; repeated and missing fields; kept fields that are already
 * in the line as they are joined, and those that are not. */
struct fields_case {
	const char *delimiter;	/* -d; NULL: runs of blanks */
	const char *joiner;	/* --output-delimiter; NULL: the default */
	const char *list;
	const char *input;
	const char *expected;
};

static const struct fields_case fields_walk_cases[] = {
	/* -K against the count, on runs of blanks. */
	{ NULL, NULL, "-1", "  a  b  c  \n", "c\n" },
	{ NULL, NULL, "-3", "a b c\n", "a\n" },
	{ NULL, NULL, "-4", "a b c\n", "\n" },
	{ NULL, NULL, "-1,-2,-3", "a b c\n", "c b a\n" },
	{ NULL, NULL, "-1,-2,-3", "\n", "\n" },
	{ NULL, NULL, "-1,-2", " \t \n", "\n" },
	{ NULL, NULL, "-5,2", "a b c d\n", "b\n" },
	{ NULL, NULL, "-1,-1", "a b c\n", "c c\n" },
	{ NULL, NULL, "-2,-1", " a\tb \t\n", "a b\n" },
	{ NULL, "|", "-2,-4,-3", "a b c\n", "b|a\n" },
	/* Going back, forward again, repeating. */
	{ NULL, NULL, "-1,1", "a b c\n", "c a\n" },
	{ NULL, NULL, "2,-1,1", "a b c\n", "b c a\n" },
	{ NULL, NULL, "3-,-2", "a b c d\n", "c d c\n" },
	{ NULL, NULL, "-2,3-", "a b c d\n", "c c d\n" },
	{ NULL, NULL, "1-3,-1", "a b c d e\n", "a b c e\n" },
	{ NULL, NULL, "4,3,2,1", "a b c d\n", "d c b a\n" },
	{ NULL, NULL, "2-3,1-2", "a b c\n", "b c a b\n" },
	{ NULL, NULL, "5,5", "1 2 3 4 5\n", "5 5\n" },
	{ NULL, NULL, "1,1,1", "x y\n", "x x x\n" },
	/* Past the line's end. */
	{ NULL, NULL, "5,5", "1 2 3\n", "\n" },
	{ NULL, NULL, "2-40", "a b c\n", "b c\n" },
	{ NULL, NULL, "7-9,1", "a b c\n", "a\n" },
	{ NULL, NULL, "9,1,9", "a b c\n", "a\n" },
	{ NULL, NULL, "9223372036854775807,-9223372036854775807,1",
	    "a b\n", "a\n" },
	/* Kept fields joined as the line has them, and not. */
	{ NULL, NULL, "1-", "a b c\n", "a b c\n" },
	{ NULL, NULL, "2-", "a b  c\n", "b c\n" },
	{ NULL, NULL, "1,2", "a  b\n", "a b\n" },
	{ NULL, NULL, "1,2", "a\tb\n", "a b\n" },
	{ NULL, NULL, "1,2,3", "a b\tc d\n", "a b c\n" },
	{ NULL, "", "1,2", "a b\n", "ab\n" },
	{ ",", NULL, "2-", "a,b,c\n", "b,c\n" },
	{ ",", "|", "2-", "a,b,c\n", "b|c\n" },
	{ ",", ",,", "1-", "a,b,c\n", "a,,b,,c\n" },
	/* -d splits left to right, and -K counts on that split. */
	{ "aa", NULL, "-1", "aaa\n", "a\n" },
	{ "aa", NULL, "-2", "aaa\n", "\n" },
	{ "aa", NULL, "1-", "aaa\n", "aaa\n" },
	{ "aa", "|", "-1,-4,-3", "aaaaa\n", "a|\n" },
	{ "aa", "|", "-1,-2,-3", "aaaa\n", "||\n" },
	{ "aa", NULL, "2", "baab\n", "b\n" },
	{ "aa", NULL, "-2", "aabaa\n", "b\n" },
	{ "aa", NULL, "-1", "aabaa\n", "\n" },
	{ "::", "|", "-2,-1", ":::\n", "|:\n" },
	{ "::", "|", "2,1", ":::\n", ":|\n" },
	{ "aba", "|", "-2,-1", "ababa\n", "|ba\n" },
	{ "aba", "|", "-2,1", "abababa\n", "b|\n" },
	{ " ", NULL, "-1", "a b \n", "\n" },
	{ " ", NULL, "-2", "a b \n", "b\n" },
	{ " ", "|", "-2,-3", " a b\n", "a|\n" },
	{ "ab", "|", "-1,-3,-4,-5", "xabyabab\n", "|y|x\n" },
	{ "ab", "|", "-1,-2", "xabyb\n", "yb|x\n" },
	{ "abc", "|", "-3,-1,-2", "1abc2abc3\n", "1|3|2\n" },
	{ ", ", NULL, "-1", "a, b,c, d\n", "d\n" },
	{ ", ", NULL, "-2", "a, b,c, d\n", "b,c\n" },
	/* With -d an empty line is one empty field; blanks make it none. */
	{ ",", "|", "-1,-1", "\n", "|\n" },
	{ ",", "|", "1,-1", "\n", "|\n" },
	{ ",", "|", "-2", "\n", "\n" },
	{ ",", "|", "-2,2", ",a,,b,\n", "b|a\n" },
	{ ",", "|", "-5", ",a,,b,\n", "\n" },
	{ ",", NULL, "-6,1-", ",a,,b,\n", ",a,,b,\n" },
	{ ",", NULL, "-1,1", "no comma\n", "no comma,no comma\n" },
};

START_TEST(fields_walk_table)
{
	size_t i;

	for (i = 0; i < sizeof fields_walk_cases / sizeof fields_walk_cases[0];
	    i++) {
		const struct fields_case *c = &fields_walk_cases[i];
		struct settings settings = harness_settings();

		settings.delimiter = c->delimiter;
		settings.output_delimiter = c->joiner;
		expect_fields(c->list, &settings, c->input, c->expected);
	}
}
END_TEST

START_TEST(fields_bad_lists_name_the_option)
{
	static const char *const bad[] = {
		"0", "3-1", "", "a", "1,", ",1", "1-2-3", "--1", "-0", "0-2",
		"1-0", "-", "1,,2", " 1", "1 ", "+1", "1.5", "0x2",
		"99999999999999999999", "9223372036854775808",
		"0000000000000000000000000",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		harness_expect_refused(fields_new, 0, "-f", bad[i], NULL,
		    "field list");
	harness_expect_refused(fields_new, 0, "--fields", "0", NULL,
	    "field list");
	harness_expect_accepted(fields_new, 0, "-f", "1", NULL);
	harness_expect_accepted(fields_new, 0, "-f", "3-3", NULL);
	harness_expect_accepted(fields_new, 0, "-f", "-9,9-,1-2,2", NULL);
}
END_TEST

static Suite *
fields_suite(void)
{
	Suite *suite = suite_create("fields");
	TCase *fields = tcase_create("fields");

	tcase_add_test(fields, fields_list_forms);
	tcase_add_test(fields, fields_default_split_is_awk);
	tcase_add_test(fields, fields_with_a_delimiter_split_exactly);
	tcase_add_test(fields, fields_multibyte_delimiter);
	tcase_add_test(fields, fields_missing_are_left_out);
	tcase_add_test(fields, fields_output_delimiter);
	tcase_add_test(fields, fields_in_nul_records);
	tcase_add_test(fields, fields_walk_table);
	tcase_add_test(fields, fields_bad_lists_name_the_option);
	suite_add_tcase(suite, fields);
	return suite;
}

int
main(void)
{
	return harness_run_suite(fields_suite());
}
