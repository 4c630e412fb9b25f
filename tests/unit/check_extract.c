/* check_extract.c: the extract stage (-o RE): each non-empty match a line
 * of its own, as grep -o prints it, searched in the whole line; every one
 * ended by a terminator (--crlf, -z); -i, -F and --utf8; a bad pattern
 * refused naming the option. Run through the real reader and sink at every
 * buffer size from 1 to 64 bytes and the default. */
#include <config.h>

#include <check.h>

#include "harness.h"

START_TEST(extract_each_match_its_own_line)
{
	struct settings settings = harness_settings();

	harness_expect_one(extract_new, 0, "[0-9]+", &settings, "a1b22c333",
	    "1\n22\n333\n");
	harness_expect_one(extract_new, 0, "[0-9]+", &settings,
	    "x1\nnone\n\ny2z3\nlast", "1\n2\n3\n");
	harness_expect_one(extract_new, 0, "[a-z]+=[0-9]+", &settings,
	    "k=1 j=22 bad= =3\n", "k=1\nj=22\n");
}
END_TEST

START_TEST(extract_drops_lines_without_a_match)
{
	struct settings settings = harness_settings();

	harness_expect_one(extract_new, 0, "ERR", &settings,
	    "ok\nERR here\nfine\n\nERRERR\nno", "ERR\nERR\nERR\n");
	harness_expect_one(extract_new, 0, "zzz", &settings, "a\nb\nc", "");
	harness_expect_one(extract_new, 0, "a", &settings, "", "");
}
END_TEST

START_TEST(extract_never_prints_empty_matches)
{
	struct settings settings = harness_settings();

	/* grep -o: an empty match is skipped, never printed, never loops. */
	harness_expect_one(extract_new, 0, "y*", &settings, "xyz", "y\n");
	harness_expect_one(extract_new, 0, "x*", &settings, "abc", "");
	harness_expect_one(extract_new, 0, "y*", &settings, "yyxyyzy\n",
	    "yy\nyy\ny\n");
	harness_expect_one(extract_new, 0, "b*", &settings, "abbc", "bb\n");
	harness_expect_one(extract_new, 0, "a*", &settings, "\n\n\n", "");
	harness_expect_one(extract_new, 0, "", &settings, "abc\ndef\n", "");
	harness_expect_one(extract_new, 0, "\\b", &settings, "a b c\n", "");
	harness_expect_one(extract_new, 0, "(?=b)|b", &settings, "abab",
	    "b\nb\n");
}
END_TEST

START_TEST(extract_searches_the_whole_line_not_a_tail)
{
	struct settings settings = harness_settings();

	/* Later matches are found in the line, so ^ and look-behind see
	 * what came before them. */
	harness_expect_one(extract_new, 0, "^a", &settings, "aaa\n", "a\n");
	harness_expect_one(extract_new, 0, "(?<=a)b", &settings, "abbab\n",
	    "b\nb\n");
	harness_expect_one(extract_new, 0, "\\bw", &settings, "wowww w\n",
	    "w\nw\n");
}
END_TEST

START_TEST(extract_lines_always_end_with_a_terminator)
{
	struct settings settings = harness_settings();
	static const char nul_in[] = "a1\0b\0c2d3";
	static const char nul_out[] = "1\0" "2\0" "3\0";

	harness_expect_one(extract_new, 0, "[a-z]+", &settings, "no newline",
	    "no\nnewline\n");
	harness_expect_one(extract_new, 0, ".+", &settings, "x\ny", "x\ny\n");
	/* --crlf: a match ends as its line did; the unterminated last line
	 * had no \r taken off, and its matches get a plain newline. */
	settings.crlf = 1;
	harness_expect_one(extract_new, 0, "[0-9]", &settings, "a1\r\nb2",
	    "1\r\n2\n");
	harness_expect_one(extract_new, 0, "[0-9]", &settings,
	    "a1x2\nb3\r\nc4\r", "1\n2\n3\r\n4\n");
	settings.crlf = 0;
	settings.terminator = '\0';
	harness_expect_one_bytes(extract_new, 0, "[0-9]", &settings, nul_in,
	    sizeof nul_in - 1, nul_out, sizeof nul_out - 1);
}
END_TEST

START_TEST(extract_follows_global_settings)
{
	struct settings settings = harness_settings();

	harness_expect_one(extract_new, 0, "ab", &settings, "xAbyaBzab\n",
	    "ab\n");
	settings.ignore_case = 1;
	harness_expect_one(extract_new, 0, "ab", &settings, "xAbyaBzab\n",
	    "Ab\naB\nab\n");
	settings = harness_settings();
	harness_expect_one(extract_new, 0, "a.c", &settings, "abc a.c\n",
	    "abc\na.c\n");
	settings.fixed_strings = 1;
	harness_expect_one(extract_new, 0, "a.c", &settings, "abc a.c\n",
	    "a.c\n");
	harness_expect_one(extract_new, 0, "(", &settings, "f(x) (y\n",
	    "(\n(\n");
	settings.ignore_case = 1;
	harness_expect_one(extract_new, 0, "A.C", &settings, "abc a.c A.C\n",
	    "a.c\nA.C\n");
}
END_TEST

START_TEST(extract_utf8_setting)
{
	struct settings settings = harness_settings();
	static const char input[] = "\xc3\xa9t\xc3\xa9\n\xe6\x97\xa5\n"
	    "\xff" "a\n\xc3x\n";

	/* Bytes: . is one byte. */
	harness_expect_one(extract_new, 0, "^.", &settings, input,
	    "\xc3\n\xe6\n\xff\n\xc3\n");
	/* UTF-8: whole characters where valid, invalid bytes never match
	 * and never fail. */
	settings.utf8 = 1;
	harness_expect_one(extract_new, 0, "^.", &settings, input,
	    "\xc3\xa9\n\xe6\x97\xa5\n");
	harness_expect_one(extract_new, 0, ".", &settings, "\xff" "a\xc3\n",
	    "a\n");
}
END_TEST

START_TEST(extract_bad_pattern_names_the_option)
{
	struct settings settings = harness_settings();

	harness_expect_refused(extract_new, 0, "-o", "(", NULL, "offset");
	harness_expect_refused(extract_new, 0, "--extract", "a[", NULL,
	    "offset");
	harness_expect_refused(extract_new, 0, "-o", "*x", NULL, "offset 0");
	/* -F makes the same text a literal, and fine. */
	settings.fixed_strings = 1;
	harness_expect_accepted(extract_new, 0, "-o", "(", &settings);
}
END_TEST

static Suite *
extract_suite(void)
{
	Suite *suite = suite_create("extract");
	TCase *extract = tcase_create("extract");

	tcase_add_test(extract, extract_each_match_its_own_line);
	tcase_add_test(extract, extract_drops_lines_without_a_match);
	tcase_add_test(extract, extract_never_prints_empty_matches);
	tcase_add_test(extract, extract_searches_the_whole_line_not_a_tail);
	tcase_add_test(extract, extract_lines_always_end_with_a_terminator);
	tcase_add_test(extract, extract_follows_global_settings);
	tcase_add_test(extract, extract_utf8_setting);
	tcase_add_test(extract, extract_bad_pattern_names_the_option);
	suite_add_tcase(suite, extract);
	return suite;
}

int
main(void)
{
	return harness_run_suite(extract_suite());
}
