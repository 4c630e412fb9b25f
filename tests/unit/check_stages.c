/* check_stages.c: every stage kind in src/stages, alone and in chains, run
 * through the real reader and sink at every buffer size from 1 to 64 bytes;
 * and the arguments each kind refuses when it is built. */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/* strip */

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

/* filter */

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

/* replace */

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

/* --match-limit stops every stage that matches, as it stops -m: the
 * message names the option, the pattern, the FILE and the line. */
START_TEST(match_limit_is_an_error_in_every_regex_stage)
{
	static const struct {
		stage_builder *build;
		const char *arg;
		const char *where;
	} stages[] = {
		{ replace_new, "s/(a+)+$/x/", ":2: -x 's/(a+)+$/x/': " },
		{ replace_new, "s/(a+)+$/x/g", ":2: -x 's/(a+)+$/x/g': " },
		{ extract_new, "(a+)+$", ":2: -x '(a+)+$': " },
	};
	struct settings settings = harness_settings();
	size_t i;

	settings.match_limit = 1000;
	for (i = 0; i < sizeof stages / sizeof stages[0]; i++) {
		struct harness_stage stage[] = { { stages[i].build,
		    stages[i].arg, 0 } };

		harness_expect_run_error(
		    "b\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\nnever\n", &settings, 16,
		    stage, 1,
		    stages[i].build == extract_new ? "" : "b\n",
		    stages[i].where, "match limit exceeded");
	}
}
END_TEST

/* head */

START_TEST(head_passes_n_lines)
{
	struct settings settings = harness_settings();

	harness_expect_one(head_new, 0, "2", &settings, "a\nb\nc\nd\n",
	    "a\nb\n");
	harness_expect_one(head_new, 0, "1", &settings, "a", "a");
	harness_expect_one(head_new, 0, "08", &settings,
	    "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\n5\n6\n7\n8\n");
}
END_TEST

START_TEST(head_zero_passes_nothing)
{
	struct settings settings = harness_settings();

	harness_expect_one(head_new, 0, "0", &settings, "a\nb\n", "");
	harness_expect_one(head_new, 0, "0", &settings, "", "");
}
END_TEST

START_TEST(head_larger_than_input_passes_all)
{
	struct settings settings = harness_settings();

	harness_expect_one(head_new, 0, "10", &settings, "a\nb", "a\nb");
	harness_expect_one(head_new, 0, "9223372036854775807", &settings,
	    "a\n", "a\n");
	harness_expect_one(head_new, 0, "3", &settings, "", "");
}
END_TEST

/* Runs head N over FILEs, one of them missing, at every buffer size, and
 * checks what was written and how many FILEs were reported unreadable. */
static void
expect_head_over_files(char *const *paths, size_t count, const char *lines,
    const char *expected, unsigned errors)
{
	struct harness_stage head[] = { { head_new, lines, 0 } };
	size_t size;

	for (size = 1; size <= 64; size++) {
		struct settings settings = harness_settings();
		struct harness_result result;

		settings.buffer_size = size;
		harness_run_files(paths, count, &settings, head, 1, &result);
		ck_assert_int_eq(result.status, 0);
		ck_assert_msg(strcmp(result.out, expected) == 0,
		    "buffer %zu, -n %s: wrote \"%s\", expected \"%s\"", size,
		    lines, result.out, expected);
		ck_assert_msg(result.errors == errors, "buffer %zu, -n %s: "
		    "%u errors (%s), expected %u", size, lines, result.errors,
		    result.warnings, errors);
		harness_result_free(&result);
	}
}

START_TEST(head_never_opens_the_next_file)
{
	char *paths[2];

	paths[0] = harness_file("a\nb\n", 4);
	paths[1] = strdup("/nonexistent/sluice-head-test");
	expect_head_over_files(paths, 2, "2", "a\nb\n", 0);
	expect_head_over_files(paths, 2, "1", "a\n", 0);
	/* The control: reading on does reach the missing FILE. */
	expect_head_over_files(paths, 2, "3", "a\nb\n", 1);
	unlink(paths[0]);
	free(paths[0]);
	free(paths[1]);
}
END_TEST

START_TEST(head_ends_within_an_unterminated_first_file)
{
	char *paths[2];

	paths[0] = harness_file("a\nb", 3);
	paths[1] = strdup("/nonexistent/sluice-head-test");
	/* b is a complete line: it is not the last FILE's record. */
	expect_head_over_files(paths, 2, "2", "a\nb\n", 0);
	unlink(paths[0]);
	free(paths[0]);
	free(paths[1]);
}
END_TEST

START_TEST(head_zero_reads_nothing)
{
	char *paths[1];

	paths[0] = strdup("/nonexistent/sluice-head-test");
	expect_head_over_files(paths, 1, "0", "", 0);
	expect_head_over_files(paths, 1, "1", "", 1);
	free(paths[0]);
}
END_TEST

START_TEST(head_asks_upstream_only_for_what_it_passes)
{
	struct settings settings = harness_settings();
	struct harness_endless endless;
	struct diag diag;
	struct stage *head;
	struct line line;
	int i;

	harness_endless_init(&endless);
	head = harness_build_over(head_new, &endless.stage, "3", &settings,
	    &diag);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(stage_next(head, &line), 1);
	ck_assert_uint_eq(endless.asked, 3);
	ck_assert_int_eq(stage_next(head, &line), 0);
	ck_assert_int_eq(stage_next(head, &line), 0);
	ck_assert_uint_eq(endless.asked, 3);
	stage_free_chain(head);
}
END_TEST

START_TEST(head_bad_counts_fail_naming_the_option)
{
	harness_expect_refused(head_new, 0, "-n", "abc", NULL, "not a count");
	harness_expect_refused(head_new, 0, "-n", "-1", NULL, "not a count");
	harness_expect_refused(head_new, 0, "--head", "99999999999999999999",
	    NULL, "not a count");
	harness_expect_refused(head_new, 0, "-n", "9223372036854775808", NULL,
	    "not a count");
	harness_expect_refused(head_new, 0, "-n", "", NULL, "not a count");
	harness_expect_refused(head_new, 0, "-n", "1.5", NULL, "not a count");
	harness_expect_refused(head_new, 0, "-n", " 1", NULL, "not a count");
	harness_expect_accepted(head_new, 0, "-n", "0", NULL);
}
END_TEST

/* count */

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

/* chains */

START_TEST(chain_order_strip_and_anchored_match)
{
	struct settings settings = harness_settings();
	struct harness_stage strip_then_match[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ filter_new, "^x$", FILTER_KEEP },
	};
	struct harness_stage match_then_strip[] = {
		{ filter_new, "^x$", FILTER_KEEP },
		{ strip_new, NULL, STRIP_BOTH },
	};

	HARNESS_EXPECT("  x  \nx\n y\n", &settings, strip_then_match,
	    "x\nx\n");
	HARNESS_EXPECT("  x  \nx\n y\n", &settings, match_then_strip, "x\n");
}
END_TEST

START_TEST(chain_order_replace_and_filter)
{
	struct settings settings = harness_settings();
	struct harness_stage replace_then_match[] = {
		{ replace_new, "s/a/b/", 0 },
		{ filter_new, "b", FILTER_KEEP },
	};
	struct harness_stage match_then_replace[] = {
		{ filter_new, "b", FILTER_KEEP },
		{ replace_new, "s/a/b/", 0 },
	};

	HARNESS_EXPECT("a\nc\nab\n", &settings, replace_then_match,
	    "b\nbb\n");
	HARNESS_EXPECT("a\nc\nab\n", &settings, match_then_replace, "bb\n");
}
END_TEST

START_TEST(chain_of_every_kind)
{
	struct settings settings = harness_settings();
	struct harness_stage chain[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ filter_new, "ERROR", FILTER_KEEP },
		{ replace_new, "s/[0-9]+/#/g", 0 },
		{ head_new, "2", 0 },
	};
	struct harness_stage counted[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ filter_new, "ERROR", FILTER_KEEP },
		{ replace_new, "s/[0-9]+/#/g", 0 },
		{ head_new, "2", 0 },
		{ count_new, NULL, 0 },
	};
	static const char input[] = "  ERROR 12 at 3  \ninfo 4\n"
	    "\tERROR 5\nERROR 6\n";

	HARNESS_EXPECT(input, &settings, chain, "ERROR # at #\nERROR #\n");
	HARNESS_EXPECT(input, &settings, counted, "2\n");
}
END_TEST

static Suite *
stages_suite(void)
{
	Suite *suite = suite_create("stages");
	TCase *strip = tcase_create("strip");
	TCase *filter = tcase_create("filter");
	TCase *replace = tcase_create("replace");
	TCase *head = tcase_create("head");
	TCase *count = tcase_create("count");
	TCase *chains = tcase_create("chains");

	tcase_add_test(strip, strip_both_sides_python_whitespace);
	tcase_add_test(strip, strip_one_side_only);
	tcase_add_test(strip, strip_leaves_other_bytes_alone);
	tcase_add_test(strip, strip_takes_newlines_inside_nul_records);
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
	tcase_add_test(replace, replace_result_longer_than_twice_max_line_fails);
	tcase_add_test(replace, replace_unchanged_tail_counts_toward_the_bound);
	tcase_add_test(replace, match_limit_is_an_error_in_every_regex_stage);
	tcase_add_test(head, head_passes_n_lines);
	tcase_add_test(head, head_zero_passes_nothing);
	tcase_add_test(head, head_larger_than_input_passes_all);
	tcase_add_test(head, head_never_opens_the_next_file);
	tcase_add_test(head, head_ends_within_an_unterminated_first_file);
	tcase_add_test(head, head_zero_reads_nothing);
	tcase_add_test(head, head_asks_upstream_only_for_what_it_passes);
	tcase_add_test(head, head_bad_counts_fail_naming_the_option);
	tcase_add_test(count, count_counts_lines);
	tcase_add_test(count, count_of_empty_input_is_zero);
	tcase_add_test(count, count_counts_what_reaches_it);
	tcase_add_test(count, count_ends_over_an_endless_stream_after_head);
	tcase_add_test(chains, chain_order_strip_and_anchored_match);
	tcase_add_test(chains, chain_order_replace_and_filter);
	tcase_add_test(chains, chain_of_every_kind);
	suite_add_tcase(suite, strip);
	suite_add_tcase(suite, filter);
	suite_add_tcase(suite, replace);
	suite_add_tcase(suite, head);
	suite_add_tcase(suite, count);
	suite_add_tcase(suite, chains);
	return suite;
}

int
main(void)
{
	return harness_run_suite(stages_suite());
}
