/* check_replace.c: the substitution stage (-r s/RE/REPL/[gix]): the first
 * match or every one, any delimiter and its escape, group references, the
 * flags and the global settings, empty matches as Perl makes them, NUL
 * bytes; the expressions it refuses; and the bound of twice --max-line on
 * the lines it builds. Run through the real reader and sink at every
 * buffer size from 1 to 64 bytes and the default. */
#include <config.h>

#include <check.h>

#include "harness.h"

START_TEST(replace_first_match_only_without_g)
{
	struct settings settings = harness_settings();

	harness_expect_one(replace_new, 0, "s/a/X/", &settings,
	    "banana\nno\naaa", "bXnana\nno\nXaa");
}
END_TEST

START_TEST(replace_every_match_with_g)
{
	struct settings settings = harness_settings();

	harness_expect_one(replace_new, 0, "s/a/X/g", &settings,
	    "banana\nno\naaa", "bXnXnX\nno\nXXX");
	harness_expect_one(replace_new, 0, "s/[0-9]+/#/g", &settings,
	    "id 12 at 3456ms\n", "id # at #ms\n");
}
END_TEST

START_TEST(replace_any_delimiter)
{
	struct settings settings = harness_settings();

	harness_expect_one(replace_new, 0, "s|a|b|g", &settings, "a/a\n",
	    "b/b\n");
	harness_expect_one(replace_new, 0, "s,x,y,", &settings, "x,x\n",
	    "y,x\n");
	harness_expect_one(replace_new, 0, "s#/#_#g", &settings, "/usr/bin\n",
	    "_usr_bin\n");
}
END_TEST

START_TEST(replace_backslash_escapes_the_delimiter)
{
	struct settings settings = harness_settings();

	harness_expect_one(replace_new, 0, "s/\\//_/g", &settings, "a/b/c\n",
	    "a_b_c\n");
	harness_expect_one(replace_new, 0, "s/b/\\//", &settings, "abc\n",
	    "a/c\n");
	/* Other escapes go to PCRE2 untouched. */
	harness_expect_one(replace_new, 0, "s/\\d+/#/g", &settings, "a12b3\n",
	    "a#b#\n");
	harness_expect_one(replace_new, 0, "s/a\\.b/X/g", &settings,
	    "axb a.b\n", "axb X\n");
}
END_TEST

START_TEST(replace_group_references)
{
	struct settings settings = harness_settings();

	harness_expect_one(replace_new, 0, "s/(\\w+) (\\w+)/$2 $1/", &settings,
	    "hello world\n", "world hello\n");
	harness_expect_one(replace_new, 0, "s/(a)/${1}0/", &settings, "xa\n",
	    "xa0\n");
	harness_expect_one(replace_new, 0, "s/b+/[$0]/", &settings, "abbc\n",
	    "a[bb]c\n");
	harness_expect_one(replace_new, 0, "s/(?<word>b+)/<${word}>/",
	    &settings, "abbc\n", "a<bb>c\n");
	harness_expect_one(replace_new, 0, "s/(?<word>b+)/<$word>/", &settings,
	    "abbc\n", "a<bb>c\n");
	harness_expect_one(replace_new, 0, "s/a/$$/g", &settings, "aba\n",
	    "$b$\n");
	harness_expect_one(replace_new, 0, "s/(a)/$$1/", &settings, "a\n",
	    "$1\n");
}
END_TEST

START_TEST(replace_unset_group_is_empty)
{
	struct settings settings = harness_settings();

	harness_expect_one(replace_new, 0, "s/(a)|(b)/[$1|$2]/g", &settings,
	    "ab\n", "[a|][|b]\n");
	harness_expect_one(replace_new, 0, "s/x(y)?/<${1}>/g", &settings,
	    "x xy\n", "<> <y>\n");
}
END_TEST

START_TEST(replace_flags_i_and_x)
{
	struct settings settings = harness_settings();

	harness_expect_one(replace_new, 0, "s/A/x/g", &settings, "aA\n",
	    "ax\n");
	harness_expect_one(replace_new, 0, "s/A/x/gi", &settings, "aA\n",
	    "xx\n");
	harness_expect_one(replace_new, 0, "s/ a  b /X/x", &settings,
	    "ab a b\n", "X a b\n");
	harness_expect_one(replace_new, 0, "s/ A (B) # comment/<$1>/gix",
	    &settings, "ab AB\n", "<b> <B>\n");
}
END_TEST

START_TEST(replace_follows_global_settings)
{
	struct settings settings = harness_settings();

	settings.ignore_case = 1;
	harness_expect_one(replace_new, 0, "s/a/x/g", &settings, "AaA\n",
	    "xxx\n");
	/* -F is for -m -v -o: a replacement's RE stays a regex. */
	settings = harness_settings();
	settings.fixed_strings = 1;
	harness_expect_one(replace_new, 0, "s/a./X/", &settings, "ab a.\n",
	    "X a.\n");
}
END_TEST

START_TEST(replace_empty_matches_follow_perl)
{
	struct settings settings = harness_settings();

	harness_expect_one(replace_new, 0, "s/b*/-/g", &settings, "abc\n",
	    "-a--c-\n");
	harness_expect_one(replace_new, 0, "s/x*/-/g", &settings, "abxd\n",
	    "-a-b--d-\n");
	harness_expect_one(replace_new, 0, "s/x*/-/g", &settings, "\nab",
	    "-\n-a-b-");
	harness_expect_one(replace_new, 0, "s/x*/-/", &settings, "abc\n",
	    "-abc\n");
	harness_expect_one(replace_new, 0, "s/$/!/g", &settings, "ab\n\n",
	    "ab!\n!\n");
	harness_expect_one(replace_new, 0, "s/^/> /g", &settings, "ab\n",
	    "> ab\n");
	harness_expect_one(replace_new, 0, "s/\\b/|/g", &settings, "ab cd\n",
	    "|ab| |cd|\n");
}
END_TEST

START_TEST(replace_sees_nul_bytes)
{
	struct settings settings = harness_settings();
	static const char input[] = "a\0b\0\n";
	static const char expected[] = "a0b0\n";
	struct harness_stage nul[] = { { replace_new, "s/\\x00/0/g", 0 } };

	harness_expect(input, sizeof input - 1, &settings, nul, 1, expected,
	    sizeof expected - 1);
}
END_TEST

START_TEST(replace_errors_name_option_and_argument)
{
	harness_expect_refused(replace_new, 0, "-r", "s/a/b", NULL,
	    "unterminated");
	harness_expect_refused(replace_new, 0, "-r", "s/a", NULL,
	    "unterminated");
	harness_expect_refused(replace_new, 0, "-r", "s", NULL,
	    "not a substitution");
	harness_expect_refused(replace_new, 0, "-r", "x/a/b/", NULL,
	    "not a substitution");
	harness_expect_refused(replace_new, 0, "--replace", "s/a/b/q", NULL,
	    "flag");
	harness_expect_refused(replace_new, 0, "-r", "s/a/b/g ", NULL, "flag");
	harness_expect_refused(replace_new, 0, "-r", "s/a/$/", NULL, "$$");
	harness_expect_refused(replace_new, 0, "-r", "s/a/x$-/", NULL, "$$");
	harness_expect_refused(replace_new, 0, "-r", "s/(a)/${1/", NULL, "}");
	harness_expect_refused(replace_new, 0, "-r", "s/(a)/$2/", NULL,
	    "group");
	harness_expect_refused(replace_new, 0, "-r", "s/a/$1/", NULL, "group");
	harness_expect_refused(replace_new, 0, "-r", "s/(?<n>a)/${m}/", NULL,
	    "group");
	harness_expect_refused(replace_new, 0, "-r", "s/(?<n>a)/$m/", NULL,
	    "group");
	harness_expect_refused(replace_new, 0, "--replace", "s/(/x/", NULL,
	    "missing closing parenthesis at offset 1");
	harness_expect_accepted(replace_new, 0, "-r", "s/(a)/$1${1}$$/gix",
	    NULL);
}
END_TEST

/* man/sluice.1: a stage that builds new bytes never holds a record longer
 * than twice --max-line. */
START_TEST(replace_result_longer_than_twice_max_line_fails)
{
	struct settings settings = harness_settings();
	struct harness_stage grow[] = { { replace_new, "s/a/xyz/g", 0 } };
	struct harness_stage fits[] = { { replace_new, "s/a/wxyz/g", 0 } };

	settings.max_line = 4;
	/* Exactly twice max-line bytes is still a line. */
	HARNESS_EXPECT("aa\nb\n", &settings, fits, "wxyzwxyz\nb\n");
	harness_expect_run_error("ok\naaa\nnever\n", &settings, 1, grow, 1,
	    "ok\n", ":2: -x 's/a/xyz/g': ", "longer than 8 bytes");
	harness_expect_run_error("ok\naaa\nnever\n", &settings, 64, grow, 1,
	    "ok\n", ":2: -x 's/a/xyz/g': ", "longer than 8 bytes");
}
END_TEST

/* The bound holds for the bytes after the last match too: one match that
 * fits, then a tail that passes it. */
START_TEST(replace_unchanged_tail_counts_toward_the_bound)
{
	struct settings settings = harness_settings();
	struct harness_stage once[] = { { replace_new, "s/a/wxyzwxy/", 0 } };

	settings.max_line = 4;
	HARNESS_EXPECT("a\nab\n", &settings, once, "wxyzwxy\nwxyzwxyb\n");
	harness_expect_run_error("a\nabcd\nnever\n", &settings, 3, once, 1,
	    "wxyzwxy\n", ":2: -x 's/a/wxyzwxy/': ", "longer than 8 bytes");
}
END_TEST

static Suite *
replace_suite(void)
{
	Suite *suite = suite_create("replace");
	TCase *replace = tcase_create("replace");

	tcase_add_test(replace, replace_first_match_only_without_g);
	tcase_add_test(replace, replace_every_match_with_g);
	tcase_add_test(replace, replace_any_delimiter);
	tcase_add_test(replace, replace_backslash_escapes_the_delimiter);
	tcase_add_test(replace, replace_group_references);
	tcase_add_test(replace, replace_unset_group_is_empty);
	tcase_add_test(replace, replace_flags_i_and_x);
	tcase_add_test(replace, replace_follows_global_settings);
	tcase_add_test(replace, replace_empty_matches_follow_perl);
	tcase_add_test(replace, replace_sees_nul_bytes);
	tcase_add_test(replace, replace_errors_name_option_and_argument);
	tcase_add_test(replace,
	    replace_result_longer_than_twice_max_line_fails);
	tcase_add_test(replace,
	    replace_unchanged_tail_counts_toward_the_bound);
	suite_add_tcase(suite, replace);
	return suite;
}

int
main(void)
{
	return harness_run_suite(replace_suite());
}
