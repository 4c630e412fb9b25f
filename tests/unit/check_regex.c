/* check_regex.c: the door to PCRE2: compiling under each flag, finding a
 * match and its groups in bytes (NULs and invalid UTF-8 included), the
 * words of its errors, and the match, depth, heap and JIT stack limits. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "match/regex.h"

#define NO_FLAGS { 0, 0, 0, 0, 0, 0 }

/* Compiles pattern (NUL-free) under flags; the test fails if it cannot. */
static struct regex *
compile(const char *pattern, const struct regex_flags *flags)
{
	char error[256] = "";
	struct regex *regex = regex_new(pattern, strlen(pattern), flags,
	    error, sizeof error);

	ck_assert_msg(regex != NULL, "'%s': %s", pattern, error);
	return regex;
}

/* regex_find's answer as text: "-" for none, "start-end" for a match,
 * "error" for a negative code. */
static void
describe_find(struct regex *regex, const char *subject, size_t length,
    size_t offset, int options, char *text, size_t size)
{
	size_t start = 99, end = 99;
	int found = regex_find(regex, subject, length, offset, options,
	    &start, &end);

	if (found < 0)
		snprintf(text, size, "error");
	else if (found == 0)
		snprintf(text, size, "-");
	else
		snprintf(text, size, "%zu-%zu", start, end);
}

/* Finds pattern in subject[0, length) from offset under flags and checks
 * the answer, as describe_find words it. */
static void
expect_find(const char *pattern, const struct regex_flags *flags,
    const char *subject, size_t length, size_t offset, int options,
    const char *expected)
{
	struct regex *regex = compile(pattern, flags);
	char text[64];

	describe_find(regex, subject, length, offset, options, text,
	    sizeof text);
	ck_assert_msg(strcmp(text, expected) == 0, "'%s' in \"%.*s\" from "
	    "%zu: %s, expected %s", pattern, (int)length, subject, offset,
	    text, expected);
	regex_free(regex);
}

#define EXPECT_FIND(pattern, flags, subject, offset, options, expected) \
	expect_find((pattern), (flags), (subject), strlen(subject), \
	    (offset), (options), (expected))

START_TEST(find_gives_the_match_bounds)
{
	struct regex_flags flags = NO_FLAGS;

	EXPECT_FIND("b+", &flags, "abbbc", 0, 0, "1-4");
	EXPECT_FIND("z", &flags, "abbbc", 0, 0, "-");
	EXPECT_FIND("", &flags, "abc", 0, 0, "0-0");
	EXPECT_FIND("c$", &flags, "abc", 0, 0, "2-3");
	EXPECT_FIND("x", &flags, "", 0, 0, "-");
}
END_TEST

START_TEST(find_starts_at_the_offset)
{
	struct regex_flags flags = NO_FLAGS;

	EXPECT_FIND("a", &flags, "aXa", 1, 0, "2-3");
	EXPECT_FIND("a", &flags, "aXa", 3, 0, "-");
	/* What lies before the offset is still the subject's. */
	EXPECT_FIND("(?<=a)b", &flags, "ab", 1, 0, "1-2");
	EXPECT_FIND("^a", &flags, "aa", 1, 0, "-");
	EXPECT_FIND("\\bb", &flags, "ab b", 1, 0, "3-4");
}
END_TEST

START_TEST(find_not_empty_at_start)
{
	struct regex_flags flags = NO_FLAGS;

	EXPECT_FIND("x*", &flags, "abc", 0, 0, "0-0");
	EXPECT_FIND("x*", &flags, "abc", 0, REGEX_NOT_EMPTY_AT_START, "1-1");
	EXPECT_FIND("x*", &flags, "abc", 2, REGEX_NOT_EMPTY_AT_START, "3-3");
	EXPECT_FIND("x*", &flags, "abc", 3, REGEX_NOT_EMPTY_AT_START, "-");
	/* A non-empty match at the start is still allowed. */
	EXPECT_FIND("b*", &flags, "bba", 0, REGEX_NOT_EMPTY_AT_START, "0-2");
}
END_TEST

START_TEST(caseless_flag)
{
	struct regex_flags flags = NO_FLAGS;

	EXPECT_FIND("abc", &flags, "xABC", 0, 0, "-");
	flags.caseless = 1;
	EXPECT_FIND("abc", &flags, "xABC", 0, 0, "1-4");
	EXPECT_FIND("A[B]c", &flags, "abC", 0, 0, "0-3");
}
END_TEST

START_TEST(literal_flag)
{
	struct regex_flags flags = NO_FLAGS;

	EXPECT_FIND("a.b", &flags, "axb", 0, 0, "0-3");
	flags.literal = 1;
	EXPECT_FIND("a.b", &flags, "axb", 0, 0, "-");
	EXPECT_FIND("a.b", &flags, "xa.b", 0, 0, "1-4");
	EXPECT_FIND("(", &flags, "f(x)", 0, 0, "1-2");
	EXPECT_FIND("^$", &flags, "a^$", 0, 0, "1-3");
	/* Literal wins over extended: the blank is part of the string. */
	flags.extended = 1;
	EXPECT_FIND("a b", &flags, "ab a b", 0, 0, "3-6");
	flags.caseless = 1;
	EXPECT_FIND("A.B", &flags, "axb a.b", 0, 0, "4-7");
}
END_TEST

START_TEST(extended_flag)
{
	struct regex_flags flags = NO_FLAGS;

	EXPECT_FIND("a b # comment", &flags, "ab", 0, 0, "-");
	flags.extended = 1;
	EXPECT_FIND("a b # comment", &flags, "xab", 0, 0, "1-3");
	EXPECT_FIND("a\\ b", &flags, "ab a b", 0, 0, "3-6");
}
END_TEST

START_TEST(utf8_flag_counts_characters)
{
	struct regex_flags flags = NO_FLAGS;

	EXPECT_FIND("^.$", &flags, "\xc3\xa9", 0, 0, "-");
	EXPECT_FIND("^..$", &flags, "\xc3\xa9", 0, 0, "0-2");
	flags.utf8 = 1;
	EXPECT_FIND("^.$", &flags, "\xc3\xa9", 0, 0, "0-2");
	EXPECT_FIND("^..$", &flags, "\xc3\xa9", 0, 0, "-");
	/* An empty match may not stay at the start: the next place is after
	 * the whole character, never inside it. */
	EXPECT_FIND("x*", &flags, "\xc3\xa9" "a", 0,
	    REGEX_NOT_EMPTY_AT_START, "2-2");
}
END_TEST

START_TEST(utf8_flag_never_fails_on_invalid_input)
{
	struct regex_flags flags = NO_FLAGS;

	flags.utf8 = 1;
	EXPECT_FIND(".", &flags, "\xff", 0, 0, "-");
	EXPECT_FIND("b", &flags, "\xff" "b\xc3", 0, 0, "1-2");
	EXPECT_FIND(".+", &flags, "\xc3\xa9\xff" "ab", 0, 0, "0-2");
	EXPECT_FIND("a", &flags, "\xed\xa0\x80" "a", 0, 0, "3-4");
	EXPECT_FIND("a", &flags, "\xc3\xa9\xc3" "a", 1, 0, "3-4");
	EXPECT_FIND("$", &flags, "\xf8\x88\x80\x80\x80", 0, 0, "5-5");
}
END_TEST

START_TEST(nul_bytes_are_subject_bytes)
{
	struct regex_flags flags = NO_FLAGS;
	char error[256];
	struct regex *regex;
	char text[64];

	expect_find("b", &flags, "a\0b", 3, 0, 0, "2-3");
	expect_find("\\x00", &flags, "a\0b", 3, 0, 0, "1-2");
	expect_find("a.b", &flags, "a\0b", 3, 0, 0, "0-3");
	expect_find("b$", &flags, "b\0", 2, 0, 0, "-");
	/* A pattern holding a NUL, given by its length. */
	regex = regex_new("\0b", 2, &flags, error, sizeof error);
	ck_assert_ptr_nonnull(regex);
	describe_find(regex, "ab\0b", 4, 0, 0, text, sizeof text);
	ck_assert_str_eq(text, "2-4");
	regex_free(regex);
}
END_TEST

/* Compiling pattern fails with exactly expected. */
static void
expect_compile_error(const char *pattern, const struct regex_flags *flags,
    const char *expected)
{
	char error[256] = "";
	struct regex *regex = regex_new(pattern, strlen(pattern), flags,
	    error, sizeof error);

	ck_assert_msg(regex == NULL, "'%s' compiled", pattern);
	ck_assert_str_eq(error, expected);
}

START_TEST(compile_errors_give_text_and_offset)
{
	struct regex_flags flags = NO_FLAGS;

	expect_compile_error("(", &flags,
	    "missing closing parenthesis at offset 1");
	expect_compile_error("ab)", &flags,
	    "unmatched closing parenthesis at offset 2");
	expect_compile_error("x{2,1}", &flags,
	    "numbers out of order in {} quantifier at offset 5");
	flags.utf8 = 1;
	expect_compile_error("\xff", &flags,
	    "UTF-8 error: illegal byte (0xfe or 0xff) at offset 0");
}
END_TEST

START_TEST(match_limit_stops_a_catastrophic_pattern)
{
	struct regex_flags flags = NO_FLAGS;
	struct regex *regex;
	size_t start, end;
	char subject[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
	char text[256] = "";
	int code;

	ck_assert_uint_eq(strlen(subject), 31);
	flags.match_limit = 1000;
	regex = compile("(a+)+$", &flags);
	code = regex_find(regex, subject, strlen(subject), 0, 0, &start,
	    &end);
	ck_assert_int_lt(code, 0);
	regex_error_text(code, text, sizeof text);
	ck_assert_msg(strstr(text, "limit") != NULL, "error text: %s", text);
	/* The same pattern still matches where it can, at once. */
	ck_assert_int_eq(regex_find(regex, "aaa", 3, 0, 0, &start, &end), 1);
	ck_assert_uint_eq(start, 0);
	ck_assert_uint_eq(end, 3);
	regex_free(regex);
}
END_TEST

/* A subject of n bytes "ab" repeated, then "x": ^(a|b)*x keeps one
 * backtracking point per byte, so it reaches a depth (interpreter) or
 * stack (JIT) bound long before the match limit. */
static char *
deep_subject(size_t n)
{
	char *subject = malloc(n + 1);
	size_t i;

	ck_assert_ptr_nonnull(subject);
	for (i = 0; i < n; i++)
		subject[i] = i % 2 == 0 ? 'a' : 'b';
	subject[n] = 'x';
	return subject;
}

static void
expect_limit(struct regex *regex, const char *subject, size_t length,
    const char *words)
{
	char text[256] = "";
	size_t start, end;
	int code = regex_find(regex, subject, length, 0, 0, &start, &end);

	ck_assert_int_lt(code, 0);
	regex_error_text(code, text, sizeof text);
	ck_assert_msg(strstr(text, words) != NULL, "error text: %s", text);
}

START_TEST(interpreter_depth_is_bounded)
{
	struct regex_flags flags = NO_FLAGS;
	struct regex *regex = compile("^(a|b)*x", &flags);
	char *subject = deep_subject(1000000);

	regex_set_jit(regex, 0);
	/* PCRE2's default would take about a gigabyte here. */
	expect_limit(regex, subject, 1000001, "limit exceeded");
	regex_free(regex);
	free(subject);
}
END_TEST

START_TEST(jit_stack_is_bounded)
{
	struct regex_flags flags = NO_FLAGS;
	struct regex *regex = compile("^(a|b)*x", &flags);
	char *subject = deep_subject(1000000);

	if (regex_jit_available())
		expect_limit(regex, subject, 1000001, "JIT stack limit");
	else
		expect_limit(regex, subject, 1000001, "limit exceeded");
	regex_free(regex);
	free(subject);
}
END_TEST

START_TEST(interpreter_match_limit)
{
	struct regex_flags flags = NO_FLAGS;
	struct regex *regex = compile("(a+)+$", &flags);
	char subject[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";

	regex_set_jit(regex, 0);
	expect_limit(regex, subject, strlen(subject), "match limit exceeded");
	regex_free(regex);
}
END_TEST

/* Group n of the last match as text: "-" when it did not take part. */
static void
expect_group(const struct regex *regex, unsigned n, const char *expected)
{
	size_t start = 99, end = 99;
	char text[64];

	if (regex_group(regex, n, &start, &end))
		snprintf(text, sizeof text, "%zu-%zu", start, end);
	else
		snprintf(text, sizeof text, "-");
	ck_assert_msg(strcmp(text, expected) == 0, "group %u: %s, expected "
	    "%s", n, text, expected);
}

START_TEST(groups_and_their_names)
{
	struct regex_flags flags = NO_FLAGS;
	struct regex *regex = compile("(a)(b)?(?<last>c+)", &flags);
	size_t start, end;

	ck_assert_uint_eq(regex_group_count(regex), 3);
	ck_assert_int_eq(regex_group_number(regex, "last"), 3);
	ck_assert_int_eq(regex_group_number(regex, "nope"), -1);
	ck_assert_int_eq(regex_group_number(regex, ""), -1);
	ck_assert_int_eq(regex_find(regex, "xacc", 4, 0, 0, &start, &end), 1);
	expect_group(regex, 0, "1-4");
	expect_group(regex, 1, "1-2");
	expect_group(regex, 2, "-");
	expect_group(regex, 3, "2-4");
	expect_group(regex, 4, "-");
	expect_group(regex, 1000, "-");
	/* The next match replaces the groups of the last. */
	ck_assert_int_eq(regex_find(regex, "abc", 3, 0, 0, &start, &end), 1);
	expect_group(regex, 2, "1-2");
	expect_group(regex, 3, "2-3");
	regex_free(regex);
}
END_TEST

START_TEST(pattern_without_groups)
{
	struct regex_flags flags = NO_FLAGS;
	struct regex *regex = compile("x+", &flags);
	size_t start, end;

	ck_assert_uint_eq(regex_group_count(regex), 0);
	ck_assert_int_eq(regex_find(regex, "axx", 3, 0, 0, &start, &end), 1);
	expect_group(regex, 0, "1-3");
	expect_group(regex, 1, "-");
	regex_free(regex);
}
END_TEST

START_TEST(library_version_is_given)
{
	char version[64] = "unset", target[128] = "unset";

	regex_library_version(version, sizeof version);
	ck_assert_msg(version[0] >= '1' && version[0] <= '9' &&
	    strchr(version, '.') != NULL, "version \"%s\"", version);
	regex_jit_target(target, sizeof target);
	if (regex_jit_available())
		ck_assert_msg(target[0] != '\0', "JIT without a target");
	else
		ck_assert_str_eq(target, "");
}
END_TEST

static Suite *
regex_suite(void)
{
	Suite *suite = suite_create("regex");
	TCase *find = tcase_create("find");
	TCase *flags = tcase_create("flags");
	TCase *errors = tcase_create("errors");
	TCase *groups = tcase_create("groups");

	tcase_add_test(find, find_gives_the_match_bounds);
	tcase_add_test(find, find_starts_at_the_offset);
	tcase_add_test(find, find_not_empty_at_start);
	tcase_add_test(find, nul_bytes_are_subject_bytes);
	tcase_add_test(flags, caseless_flag);
	tcase_add_test(flags, literal_flag);
	tcase_add_test(flags, extended_flag);
	tcase_add_test(flags, utf8_flag_counts_characters);
	tcase_add_test(flags, utf8_flag_never_fails_on_invalid_input);
	tcase_add_test(errors, compile_errors_give_text_and_offset);
	tcase_add_test(errors, match_limit_stops_a_catastrophic_pattern);
	tcase_add_test(errors, interpreter_depth_is_bounded);
	tcase_add_test(errors, jit_stack_is_bounded);
	tcase_add_test(errors, interpreter_match_limit);
	tcase_add_test(errors, library_version_is_given);
	tcase_add_test(groups, groups_and_their_names);
	tcase_add_test(groups, pattern_without_groups);
	suite_add_tcase(suite, find);
	suite_add_tcase(suite, flags);
	suite_add_tcase(suite, errors);
	suite_add_tcase(suite, groups);
	return suite;
}

int
main(void)
{
	return harness_run_suite(regex_suite());
}
