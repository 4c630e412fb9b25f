/* check_class_run.c: the one-class-repeated fast path: which patterns take
 * it, and that it finds exactly the matches PCRE2 finds, on random bytes,
 * for every pattern shape it accepts. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "match/class_run.h"
#include "match/regex.h"

START_TEST(shapes_taken_and_refused)
{
	static const char *const taken[] = {
		"[0-9]+", "\\d+", "\\s+", "\\S+", "\\w+", "\\W+", "[^,]+",
		"a+", ".+", "[[:alpha:]]+", "[]a]+", "[^]a]+", "[\\]x]+",
		"[a-z[:digit:]_]+", "-+", "[[:^digit:]]+",
	};
	static const char *const refused[] = {
		/* Not a POSIX class to PCRE2, which ends the class at the
		 * first ']' (fuzz_replace found the fast path taken). */
		"[[:a]b:]c]+", "[[:]a:]]+", "[[:al[:pha:]]+",
		"[0-9]*", "[0-9]+?", "[0-9]++", "(a)+", "ab+", "[0-9]+x",
		"[\\Q]\\E]+", "[0-9", "+", "", "\\b+", "\\x41+", "a{2}+",
		" +", "#+", "[[:alpha:]+", "a|b+", "^a+", "a+$",
	};
	size_t i;

	for (i = 0; i < sizeof taken / sizeof taken[0]; i++)
		ck_assert_msg(class_run_shape(taken[i], strlen(taken[i])),
		    "%s should take the fast path", taken[i]);
	for (i = 0; i < sizeof refused / sizeof refused[0]; i++)
		ck_assert_msg(!class_run_shape(refused[i], strlen(refused[i])),
		    "%s should not take the fast path", refused[i]);
}
END_TEST

/* Every match, as "start-end," text, found from offset 0 on. */
static void
all_matches(struct regex *regex, const char *subject, size_t length,
    char *text, size_t size)
{
	size_t offset = 0, start, end, used = 0;
	int options = 0;

	text[0] = '\0';
	while (offset <= length && regex_find(regex, subject, length, offset,
	    options, &start, &end) == 1 && used < size) {
		used += (size_t)snprintf(text + used, size - used, "%zu-%zu,",
		    start, end);
		options = start == end ? REGEX_NOT_EMPTY_AT_START : 0;
		offset = end;
	}
}

static void
random_bytes(char *bytes, size_t length, unsigned *seed)
{
	static const char alphabet[] = "0123456789aAbBzZ ,\t\n]-_\0\xff\xc3:[c";
	size_t i;

	for (i = 0; i < length; i++) {
		*seed = *seed * 1103515245u + 12345u;
		bytes[i] = alphabet[(*seed >> 16) % (sizeof alphabet - 1)];
	}
}

START_TEST(fast_path_finds_what_pcre2_finds)
{
	static const char *const patterns[] = {
		"[0-9]+", "\\d+", "\\s+", "\\w+", "\\W+", "[^,]+", "a+", ".+",
		"[[:alpha:]]+", "[]a]+", "[^]a]+", "[a-z[:digit:]_]+", "-+",
		"[[:^digit:]]+", "[[:a]b:]c]+", "[[:]a:]]+",
	};
	unsigned seed = 42;
	size_t p;
	int caseless;

	for (p = 0; p < sizeof patterns / sizeof patterns[0]; p++)
		for (caseless = 0; caseless <= 1; caseless++) {
			struct regex_flags flags = { caseless, 0, 0, 0, 0, 0 };
			char error[128], subject[200], fast[4096], slow[4096];
			struct regex *regex = regex_new(patterns[p],
			    strlen(patterns[p]), &flags, error, sizeof error);
			struct regex *plain = regex_new(patterns[p],
			    strlen(patterns[p]), &flags, error, sizeof error);
			int round;

			ck_assert_ptr_nonnull(regex);
			ck_assert_ptr_nonnull(plain);
			regex_set_fast_paths(plain, 0);
			for (round = 0; round < 200; round++) {
				size_t length = (size_t)(seed >> 8) % 60;

				random_bytes(subject, length, &seed);
				all_matches(regex, subject, length, fast,
				    sizeof fast);
				all_matches(plain, subject, length, slow,
				    sizeof slow);
				ck_assert_msg(strcmp(fast, slow) == 0,
				    "%s (caseless %d): fast %s, PCRE2 %s",
				    patterns[p], caseless, fast, slow);
			}
			regex_free(regex);
			regex_free(plain);
		}
}
END_TEST

/* The branch-free substitution loop against the general path: a group
 * around the class keeps the same matches but takes replace_line. */
START_TEST(run_substitution_equals_the_general_path)
{
	static const char *const pairs[][2] = {
		{ "s/[0-9]+/#/g", "s/([0-9]+)/#/g" },
		{ "s/[0-9]+//g", "s/([0-9]+)//g" },
		{ "s/\\s+/ /g", "s/(\\s+)/ /g" },
		{ "s/[^,]+/x/g", "s/([^,]+)/x/g" },
	};
	unsigned seed = 7;
	size_t p;
	int round;

	for (round = 0; round < 20; round++) {
		char input[600];
		size_t length = 50 + (size_t)round * 25;

		random_bytes(input, length, &seed);
		for (p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
			struct settings settings;
			struct harness_stage fast[] = { { replace_new,
			    pairs[p][0], 0 } };
			struct harness_stage general[] = { { replace_new,
			    pairs[p][1], 0 } };
			struct harness_result a, b;

			settings_init(&settings);
			harness_run(input, length, &settings, fast, 1, &a);
			harness_run(input, length, &settings, general, 1, &b);
			ck_assert_int_eq(a.status, 0);
			ck_assert_msg(a.out_len == b.out_len &&
			    memcmp(a.out, b.out, a.out_len) == 0,
			    "%s and %s differ", pairs[p][0], pairs[p][1]);
			harness_result_free(&a);
			harness_result_free(&b);
		}
	}
}
END_TEST

START_TEST(group_zero_is_the_run)
{
	struct regex_flags flags = { 0, 0, 0, 0, 0, 0 };
	char error[128];
	struct regex *regex = regex_new("[0-9]+", 6, &flags, error,
	    sizeof error);
	size_t start, end;

	ck_assert_int_eq(regex_find(regex, "ab123c", 6, 0, 0, &start, &end),
	    1);
	ck_assert_uint_eq(start, 2);
	ck_assert_uint_eq(end, 5);
	ck_assert_int_eq(regex_group(regex, 0, &start, &end), 1);
	ck_assert_uint_eq(start, 2);
	ck_assert_uint_eq(end, 5);
	ck_assert_int_eq(regex_group(regex, 1, &start, &end), 0);
	ck_assert_int_eq(regex_find(regex, "abc", 3, 0, 0, &start, &end), 0);
	regex_free(regex);
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("class_run");
	TCase *fast_path = tcase_create("fast path");

	tcase_add_test(fast_path, shapes_taken_and_refused);
	tcase_add_test(fast_path, fast_path_finds_what_pcre2_finds);
	tcase_add_test(fast_path, group_zero_is_the_run);
	tcase_add_test(fast_path, run_substitution_equals_the_general_path);
	suite_add_tcase(suite, fast_path);
	return harness_run_suite(suite);
}
