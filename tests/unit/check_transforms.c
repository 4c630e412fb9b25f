/* check_transforms.c: the transforming stages of SPEC section 2 (extract,
 * fields, case, number, uniq, skip, tail), each run through the real reader
 * and sink at every buffer size from 1 to 64 bytes and the default, with
 * the exact bytes expected; the arguments each kind refuses when it is
 * built; and chains in which every kind appears twice. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/* ---- extract (-o RE) ---- */

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

/* ---- fields (-f LIST) ---- */

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

/* ---- case (-U, -L) ---- */

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

/* ---- number (-N) ---- */

START_TEST(number_prefixes_line_numbers)
{
	struct settings settings = harness_settings();

	harness_expect_one(number_new, 0, NULL, &settings, "a\nb\n\nc",
	    "1\ta\n2\tb\n3\t\n4\tc");
	harness_expect_one(number_new, 0, NULL, &settings, "x\n", "1\tx\n");
	harness_expect_one(number_new, 0, NULL, &settings, "", "");
}
END_TEST

START_TEST(number_after_a_filter_keeps_gaps)
{
	struct settings settings = harness_settings();
	struct harness_stage keep_then_number[] = {
		{ filter_new, "x", FILTER_KEEP }, { number_new, NULL, 0 }
	};
	struct harness_stage number_then_keep[] = {
		{ number_new, NULL, 0 }, { filter_new, "x", FILTER_KEEP }
	};
	struct harness_stage extract_then_number[] = {
		{ extract_new, "[0-9]", 0 }, { number_new, NULL, 0 }
	};
	struct harness_stage skip_then_number[] = {
		{ skip_new, "2", 0 }, { number_new, NULL, 0 }
	};

	HARNESS_EXPECT("ax\nb\ncx\nd\nx", &settings, keep_then_number,
	    "1\tax\n3\tcx\n5\tx");
	HARNESS_EXPECT("ax\nb\ncx\nd\nx", &settings, number_then_keep,
	    "1\tax\n3\tcx\n5\tx");
	HARNESS_EXPECT("a1b2\nc\nd3", &settings, extract_then_number,
	    "1\t1\n1\t2\n3\t3\n");
	HARNESS_EXPECT("a\nb\nc\nd", &settings, skip_then_number,
	    "3\tc\n4\td");
}
END_TEST

START_TEST(number_counts_across_files)
{
	static const char *const contents[] = {
		"a\nb", "c\n", "", "d\ne\n", "f"
	};
	struct harness_stage stages[] = {
		{ filter_new, "[^c]", FILTER_KEEP }, { number_new, NULL, 0 }
	};
	char *paths[5];
	size_t size, i;

	for (i = 0; i < 5; i++)
		paths[i] = harness_file(contents[i], strlen(contents[i]));
	for (size = 1; size <= 65; size++) {
		struct settings settings = harness_settings();
		struct harness_result result;

		settings.buffer_size = size <= 64 ? size : DEFAULT_BUFFER_SIZE;
		harness_run_files(paths, 5, &settings, stages, 2, &result);
		ck_assert_msg(result.status == 0, "buffer %zu: %s", size,
		    result.error);
		ck_assert_msg(strcmp(result.out,
		    "1\ta\n2\tb\n4\td\n5\te\n6\tf") == 0,
		    "buffer %zu: wrote \"%s\"", size, result.out);
		harness_result_free(&result);
	}
	for (i = 0; i < 5; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}
END_TEST

/* ---- uniq (-u) ---- */

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

/* ---- skip (-k N) ---- */

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

/* ---- tail (-t N) ---- */

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

/* ---- chains ---- */

/* Every kind twice; the output of the whole chain, then, for each prefix,
 * the count of the lines that reach its end. */
START_TEST(chain_every_kind_twice)
{
	struct settings settings = harness_settings();
	static const char input[] =
	    "k1 Foo bar\n"
	    "k2 foo bar\n"
	    "k2 foo bar\n"
	    "x9 none\n"
	    "k3 Baz qux\n"
	    "k3 baz qux\n"
	    "k4 Zed end";
	struct harness_stage chain[] = {
		{ skip_new, "1", 0 },		/* 6 lines */
		{ case_new, NULL, CASE_LOWER },	/* 6 */
		{ uniq_new, NULL, 0 },		/* 2 k2, 4 x9, 5 k3, 7 k4 */
		{ number_new, NULL, 0 },	/* 4 */
		{ extract_new, "^[0-9]+\tk[0-9] [a-z]+", 0 },	/* 3 */
		{ fields_new, "1,3", 0 },	/* "2 foo" "5 baz" "7 zed" */
		{ tail_new, "2", 0 },		/* "5 baz" "7 zed" */
		{ case_new, NULL, CASE_UPPER },	/* "5 BAZ" "7 ZED" */
		{ number_new, NULL, 0 },	/* "5\t5 BAZ" "7\t7 ZED" */
		{ extract_new, "[0-9A-Z]+", 0 },	/* 5 5 BAZ 7 7 ZED */
		{ uniq_new, NULL, 0 },		/* 5 BAZ 7 ZED */
		{ skip_new, "1", 0 },		/* BAZ 7 ZED */
		{ fields_new, "1,1", 0 },	/* "BAZ BAZ" "7 7" "ZED ZED" */
		{ tail_new, "5", 0 },		/* the same 3 */
	};
	static const char *const counts[] = {
		"6\n", "6\n", "4\n", "4\n", "3\n", "3\n", "2\n", "2\n", "2\n",
		"6\n", "4\n", "3\n", "3\n", "3\n",
	};
	struct harness_stage counted[sizeof chain / sizeof chain[0] + 1];
	size_t n, total = sizeof chain / sizeof chain[0];

	HARNESS_EXPECT(input, &settings, chain, "BAZ BAZ\n7 7\nZED ZED\n");
	for (n = 1; n <= total; n++) {
		memcpy(counted, chain, n * sizeof chain[0]);
		counted[n].build = count_new;
		counted[n].arg = NULL;
		counted[n].variant = 0;
		harness_expect(input, strlen(input), &settings, counted, n + 1,
		    counts[n - 1], strlen(counts[n - 1]));
	}
}
END_TEST

/* The same with -d and the global flags, and a filter and strip among
 * them. */
START_TEST(chain_with_delimiter_and_global_flags)
{
	struct settings settings = harness_settings();
	static const char input[] =
	    "  id=7;user=Ann;act=LOGIN \n"
	    "id=8;user=bob;act=login\n"
	    "id=8;user=bob;act=login\n"
	    "noise\n"
	    "id=9;user=Cy;act=Logout";
	struct harness_stage chain[] = {
		{ strip_new, NULL, STRIP_BOTH },	/* 5 */
		{ filter_new, "ACT=", FILTER_KEEP },	/* 4, caseless */
		{ uniq_new, NULL, 0 },			/* 3 */
		{ fields_new, "-1,2", 0 },	/* act=LOGIN;user=Ann ... */
		{ case_new, NULL, CASE_LOWER },
		{ extract_new, "[a-z]+=[a-z]+", 0 },	/* 6 */
		{ number_new, NULL, 0 },
		{ skip_new, "1", 0 },			/* 5 */
		{ tail_new, "4", 0 },			/* 4 */
		{ count_new, NULL, 0 },
	};

	settings.ignore_case = 1;
	settings.delimiter = ";";
	HARNESS_EXPECT(input, &settings, chain, "4\n");
	{
		struct harness_stage shorter[] = {
			{ strip_new, NULL, STRIP_BOTH },
			{ filter_new, "ACT=", FILTER_KEEP },
			{ uniq_new, NULL, 0 },
			{ fields_new, "-1,2", 0 },
			{ case_new, NULL, CASE_LOWER },
			{ extract_new, "[a-z]+=[a-z]+", 0 },
			{ number_new, NULL, 0 },
			{ skip_new, "1", 0 },
			{ tail_new, "4", 0 },
		};

		HARNESS_EXPECT(input, &settings, shorter,
		    "2\tact=login\n2\tuser=bob\n"
		    "5\tact=logout\n5\tuser=cy\n");
	}
}
END_TEST

static Suite *
transforms_suite(void)
{
	Suite *suite = suite_create("transforms");
	TCase *extract = tcase_create("extract");
	TCase *fields = tcase_create("fields");
	TCase *change_case = tcase_create("case");
	TCase *number = tcase_create("number");
	TCase *uniq = tcase_create("uniq");
	TCase *skip = tcase_create("skip");
	TCase *tail = tcase_create("tail");
	TCase *chains = tcase_create("chains");

	tcase_add_test(extract, extract_each_match_its_own_line);
	tcase_add_test(extract, extract_drops_lines_without_a_match);
	tcase_add_test(extract, extract_never_prints_empty_matches);
	tcase_add_test(extract, extract_searches_the_whole_line_not_a_tail);
	tcase_add_test(extract, extract_lines_always_end_with_a_terminator);
	tcase_add_test(extract, extract_follows_global_settings);
	tcase_add_test(extract, extract_utf8_setting);
	tcase_add_test(extract, extract_bad_pattern_names_the_option);
	tcase_add_test(fields, fields_list_forms);
	tcase_add_test(fields, fields_default_split_is_awk);
	tcase_add_test(fields, fields_with_a_delimiter_split_exactly);
	tcase_add_test(fields, fields_multibyte_delimiter);
	tcase_add_test(fields, fields_missing_are_left_out);
	tcase_add_test(fields, fields_output_delimiter);
	tcase_add_test(fields, fields_in_nul_records);
	tcase_add_test(fields, fields_bad_lists_name_the_option);
	tcase_add_test(fields, fields_walk_table);
	tcase_add_test(change_case, case_ascii_only);
	tcase_add_test(change_case, case_every_byte);
	tcase_add_test(number, number_prefixes_line_numbers);
	tcase_add_test(number, number_after_a_filter_keeps_gaps);
	tcase_add_test(number, number_counts_across_files);
	tcase_add_test(uniq, uniq_drops_adjacent_duplicates);
	tcase_add_test(uniq, uniq_empty_lines_and_lengths);
	tcase_add_test(uniq, uniq_compares_nul_bytes);
	tcase_add_test(uniq, uniq_keeps_its_own_copy_of_the_line_before);
	tcase_add_test(skip, skip_drops_the_first_lines);
	tcase_add_test(skip, skip_bad_counts_name_the_option);
	tcase_add_test(tail, tail_keeps_the_last_lines);
	tcase_add_test(tail, tail_zero_keeps_nothing);
	tcase_add_test(tail, tail_keeps_bytes_and_the_missing_newline);
	tcase_add_test(tail, tail_limit_and_bad_counts);
	tcase_add_test(chains, chain_every_kind_twice);
	tcase_add_test(chains, chain_with_delimiter_and_global_flags);
	tcase_set_timeout(chains, 60);
	suite_add_tcase(suite, extract);
	suite_add_tcase(suite, fields);
	suite_add_tcase(suite, change_case);
	suite_add_tcase(suite, number);
	suite_add_tcase(suite, uniq);
	suite_add_tcase(suite, skip);
	suite_add_tcase(suite, tail);
	suite_add_tcase(suite, chains);
	return suite;
}

int
main(void)
{
	return harness_run_suite(transforms_suite());
}
