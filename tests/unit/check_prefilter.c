/* check_prefilter.c: the filter's two paths, line by line and with the
 * prefilter passing lines over, must write the same bytes: for patterns
 * Hyperscan takes exactly, ones it only approximates, ones it refuses,
 * after strip, with -N's line numbers, at many buffer sizes. */
#include <config.h>

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "match/prefilter.h"

static const char *const patterns[] = {
	"ERROR", "ERROR|FATAL|[Ff]ail(ed|ure)", "error|warn", "^2015",
	"ms$", "\\bid\\b", "(\\d)\\1", "foo(?=bar)", "(?<!x)y", "a.c",
	"[0-9]{4}", "\\s{2,}", "x\\d+$", "^\\s+b", "(?i)fatal", "\\Aab",
	"c\\z", "^", "q*", "[a-z]", "\\d",
	/* Groups and boundaries strip cannot fool, and lookarounds it can. */
	"(?:ERROR|warn)", "(?<word>fail)", "(?P<x>id)s", "(?>foo)bar",
	"\\Bd\\b", "(?<= )y", "(?= )", "(?! )b", "(?i)ERROR|(?-i)fatal",
};

/* Log-like lines from a small alphabet, so that every pattern above
 * matches some lines and not others; some lines have blanks at the
 * ends, a few have \r before \n, the last has no newline. */
static char *
make_input(unsigned seed, size_t lines, size_t *len)
{
	static const char *const words[] = {
		"ERROR", "error", "Failed", "failure", "fatal", "FATAL",
		"warn", "id", "ids", "2015", "33", "7", "foobar", "foo",
		"xy", "y", "abc", "a-c", "x12", "ms", "  ", "\t", "b", "q",
	};
	char *text = malloc(lines * 80 + 1);
	size_t used = 0, i, w;

	ck_assert_ptr_nonnull(text);
	for (i = 0; i < lines; i++) {
		size_t count;

		seed = seed * 1103515245u + 12345u;
		count = (seed >> 16) % 6;
		for (w = 0; w < count; w++) {
			const char *word;

			seed = seed * 1103515245u + 12345u;
			word = words[(seed >> 16) %
			    (sizeof words / sizeof words[0])];
			used += (size_t)sprintf(text + used, "%s%s",
			    w > 0 && (seed & 1) ? " " : "", word);
		}
		if (i + 1 < lines)
			text[used++] = (seed & 0x300) == 0 ? '\r' : '\n';
		if (text[used - 1] == '\r')
			text[used++] = '\n';
	}
	*len = used;
	return text;
}

static void
compare_paths(const char *input, size_t len, struct settings *settings,
    const struct harness_stage *stages, size_t count, const char *what)
{
	struct harness_result fast, plain;

	settings->prefilter = 1;
	harness_run(input, len, settings, stages, count, &fast);
	settings->prefilter = 0;
	harness_run(input, len, settings, stages, count, &plain);
	ck_assert_msg(fast.status == plain.status, "%s: status %d vs %d",
	    what, fast.status, plain.status);
	ck_assert_msg(fast.out_len == plain.out_len &&
	    memcmp(fast.out, plain.out, fast.out_len) == 0,
	    "%s: %zu bytes with the prefilter, %zu without", what,
	    fast.out_len, plain.out_len);
	harness_result_free(&fast);
	harness_result_free(&plain);
}

START_TEST(both_paths_write_the_same)
{
	static const size_t sizes[] = { 1, 7, 64, 65536 };
	/* Warm-up 1: the accelerator from the first line; a million: a
	 * plain string's memmem prefilter throughout, other patterns line by
	 * line. Retry 0: the prefilter throughout; 2: back and forth between
	 * it and PCRE2 every few lines wherever candidates are dense. */
	static const struct {
		unsigned warmup, retry;
	} paces[] = { { 1, 0 }, { 1, 2 }, { 1000000, 2 } };
	size_t p, s, r, len;
	char *input = make_input(7, 3000, &len);

	for (p = 0; p < sizeof patterns / sizeof patterns[0]; p++)
		for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
		for (r = 0; r < sizeof paces / sizeof paces[0]; r++) {
			struct settings settings;
			struct harness_stage plain[] = {
				{ filter_new, patterns[p], FILTER_KEEP },
				{ number_new, NULL, 0 },
			};
			struct harness_stage stripped[] = {
				{ strip_new, NULL, STRIP_BOTH },
				{ filter_new, patterns[p], FILTER_KEEP },
				{ number_new, NULL, 0 },
			};
			char what[128];

			settings_init(&settings);
			settings.prefilter_warmup = paces[r].warmup;
			settings.prefilter_retry = paces[r].retry;
			settings.buffer_size = sizes[s];
			snprintf(what, sizeof what, "-m '%s', buffer %zu, "
			    "warm-up %u, retry %u", patterns[p], sizes[s],
			    paces[r].warmup, paces[r].retry);
			compare_paths(input, len, &settings, plain, 2, what);
			compare_paths(input, len, &settings, stripped, 3, what);
			settings.ignore_case = 1;
			compare_paths(input, len, &settings, plain, 2, what);
			settings.crlf = 1;
			compare_paths(input, len, &settings, stripped, 3, what);
			settings.fixed_strings = 1;
			compare_paths(input, len, &settings, plain, 2, what);
		}
	free(input);
}
END_TEST

/* With the default warm-up the accelerator comes in mid-stream. */
START_TEST(switching_on_mid_stream)
{
	static const size_t sizes[] = { 64, 65536 };
	size_t s, len;
	char *input = make_input(9, 6000, &len);

	for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		struct settings settings;
		struct harness_stage stages[] = {
			{ filter_new, "ERROR|warn", FILTER_KEEP },
			{ number_new, NULL, 0 },
		};

		settings_init(&settings);
		settings.buffer_size = sizes[s];
		compare_paths(input, len, &settings, stages, 2, "warm-up");
	}
	free(input);
}
END_TEST

START_TEST(exact_records_around_the_hits)
{
	struct settings settings;
	struct harness_stage match[] = {
		{ filter_new, "ERROR", FILTER_KEEP },
		{ number_new, NULL, 0 },
	};

	settings_init(&settings);
	settings.prefilter_warmup = 1;
	HARNESS_EXPECT("a\nb ERROR\n\nERROR\nc\nd\nlast ERROR", &settings,
	    match, "2\tb ERROR\n4\tERROR\n7\tlast ERROR");
}
END_TEST

/* More candidate lines in one block than the filter keeps from one scan:
 * the rest come from scanning again after the last one. */
START_TEST(many_candidates_in_one_block)
{
	struct settings settings;
	struct harness_stage match[] = {
		{ filter_new, "[0-9]", FILTER_KEEP },
		{ number_new, NULL, 0 },
	};
	char input[20000], expected[40000];
	size_t i, used = 0, written = 0;

	for (i = 1; i <= 1500; i++) {
		used += (size_t)sprintf(input + used, i % 3 ? "line %zu\n"
		    : "none\n", i);
		if (i % 3)
			written += (size_t)sprintf(expected + written,
			    "%zu\tline %zu\n", i, i);
	}
	settings_init(&settings);
	settings.prefilter_warmup = 1;
	settings.buffer_size = 65536;
	harness_expect(input, used, &settings, match, 2, expected, written);
}
END_TEST

/* Inputs where most lines, or most bytes, are candidates: the filter
 * leaves the prefilter for PCRE2 line by line and comes back, and must
 * write what PCRE2 alone writes, at every buffer size and pace. */
struct dense_case {
	const char *name;
	const char *pattern;
	int ignore_case;
	const char *dense_line;		/* repeated dense_count times */
	size_t dense_count;
	const char *sparse_line;	/* then sparse_count times, and again */
	size_t sparse_count;
	size_t rounds;
};

static const struct dense_case dense_cases[] = {
	{ "2-byte lines", "a", 0, "a", 20000, "", 0, 1 },
	{ "2-byte lines, caseless", "A", 1, "a", 20000, "", 0, 1 },
	{ "a match at every byte", ".", 0,
	    "2015-07-29 17:41:44,747 INFO [main] request served", 3000,
	    "", 0, 1 },
	{ "half the lines", "INFO", 0, "2015 INFO served", 1,
	    "2015 DEBUG served", 1, 4000 },
	{ "dense, then sparse, then dense", "INFO|WARN", 0,
	    "17:41 INFO request", 2500, "17:41 DEBUG request 1234", 2500, 3 },
	{ "one long line in many short", "ERROR", 0, "x ERROR", 3,
	    "y", 5000, 3 },
};

static char *
make_dense_input(const struct dense_case *c, size_t *len)
{
	size_t size = c->rounds * (c->dense_count * (strlen(c->dense_line) + 1)
	    + c->sparse_count * (strlen(c->sparse_line) + 1));
	char *text = malloc(size + 1), *at = text;
	size_t round, i;

	ck_assert_ptr_nonnull(text);
	for (round = 0; round < c->rounds; round++) {
		for (i = 0; i < c->dense_count; i++)
			at += sprintf(at, "%s\n", c->dense_line);
		for (i = 0; i < c->sparse_count; i++)
			at += sprintf(at, "%s\n", c->sparse_line);
	}
	*len = (size_t)(at - text);
	return text;
}

START_TEST(dense_inputs_both_paths)
{
	static const size_t sizes[] = { 1, 7, 64, 65536 };
	static const unsigned retries[] = { 0, 1, 3, DEFAULT_PREFILTER_RETRY };
	const struct dense_case *c = &dense_cases[_i];
	size_t s, r, len;
	char *input = make_dense_input(c, &len);

	for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
		for (r = 0; r < sizeof retries / sizeof retries[0]; r++) {
			struct settings settings;
			struct harness_stage stages[] = {
				{ filter_new, c->pattern, FILTER_KEEP },
				{ number_new, NULL, 0 },
			};
			char what[160];

			settings_init(&settings);
			settings.prefilter_warmup = 1;
			settings.prefilter_retry = retries[r];
			settings.buffer_size = sizes[s];
			settings.ignore_case = c->ignore_case;
			snprintf(what, sizeof what, "%s: -m '%s', buffer %zu, "
			    "retry %u", c->name, c->pattern, sizes[s],
			    retries[r]);
			compare_paths(input, len, &settings, stages, 2, what);
		}
	free(input);
}
END_TEST

START_TEST(accelerator_takes_common_patterns)
{
	struct regex_flags flags = { 0, 0, 0, 0, 0, 0 };
	struct prefilter *prefilter;
	char engine[128];

	if (!prefilter_engine(engine, sizeof engine))
		return;	/* built --without-hyperscan: nothing to take */
	prefilter = prefilter_new("ERROR|FATAL", 11, &flags);
	ck_assert_ptr_nonnull(prefilter);
	{
		static const char block[] = "ok\nan ERROR\nfine\nFATAL\n";
		struct prefilter_line lines[4];
		unsigned long long reports = 0;
		int complete = 0;

		ck_assert_int_eq(prefilter_lines(prefilter, block,
		    sizeof block - 1, lines, 4, &complete, &reports), 2);
		ck_assert_int_eq(complete, 1);
		ck_assert_uint_eq(reports, 2);
		ck_assert_uint_eq(lines[0].start, 3);
		ck_assert_uint_eq(lines[0].end, 11);
		ck_assert_uint_eq(lines[1].start, 17);
		ck_assert_uint_eq(lines[1].end, 22);
		ck_assert_int_eq(prefilter_lines(prefilter, block,
		    sizeof block - 1, lines, 1, &complete, &reports), 1);
		ck_assert_int_eq(complete, 0);
		ck_assert_uint_eq(lines[0].start, 3);
		ck_assert_int_eq(prefilter_lines(prefilter, "ok\nfine\n", 8,
		    lines, 4, &complete, &reports), 0);
		ck_assert_int_eq(complete, 1);
		ck_assert_uint_eq(reports, 0);
	}
	prefilter_free(prefilter);
	/* UTF-8 mode stays with PCRE2: Hyperscan wants valid UTF-8. */
	flags.utf8 = 1;
	ck_assert_ptr_null(prefilter_new("ERROR", 5, &flags));
}
END_TEST

/* One accelerator, compiled once, serves several prefilters (the copies
 * of a filter under -j), each scanning with its own scratch, from threads
 * at once; one that cannot take its pattern serves none. */
struct shared_scan {
	struct accelerator *accelerator;
	int lines;	/* what the scan found, or -1 */
};

static void *
scan_shared(void *argument)
{
	static const char block[] = "ok\nan ERROR\nfine\nFATAL\n";
	struct shared_scan *scan = argument;
	struct prefilter *prefilter =
	    prefilter_new_accelerated(scan->accelerator);
	struct prefilter_line lines[4];
	unsigned long long reports;
	int complete, round;

	scan->lines = -1;
	for (round = 0; prefilter != NULL && round < 100; round++)
		scan->lines = prefilter_lines(prefilter, block,
		    sizeof block - 1, lines, 4, &complete, &reports);
	prefilter_free(prefilter);
	return NULL;
}

START_TEST(one_accelerator_serves_every_copy)
{
	struct regex_flags flags = { 0, 0, 0, 0, 0, 0 };
	struct accelerator *accelerator;
	struct shared_scan scans[3];
	pthread_t threads[3];
	char engine[128];
	size_t i;

	accelerator = accelerator_new("(?-m)^ERROR", 11, &flags);
	ck_assert_ptr_nonnull(accelerator);
	ck_assert_ptr_null(prefilter_new_accelerated(accelerator));
	ck_assert_ptr_null(prefilter_new_accelerated(accelerator));
	accelerator_free(accelerator);
	if (!prefilter_engine(engine, sizeof engine))
		return;	/* built --without-hyperscan: nothing to share */
	accelerator = accelerator_new("ERROR|FATAL", 11, &flags);
	ck_assert_ptr_nonnull(accelerator);
	for (i = 0; i < 3; i++) {
		scans[i].accelerator = accelerator;
		ck_assert_int_eq(pthread_create(&threads[i], NULL,
		    scan_shared, &scans[i]), 0);
	}
	for (i = 0; i < 3; i++) {
		pthread_join(threads[i], NULL);
		ck_assert_int_eq(scans[i].lines, 2);
	}
	accelerator_free(accelerator);
}
END_TEST

/* Which patterns no prefilter may take, because a block of lines and a
 * line are different subjects for them; -F's strings never are. */
START_TEST(patterns_that_tell_block_from_line)
{
	static const struct {
		const char *pattern;
		int literal;
		int refused;
	} cases[] = {
		{ "(?-m)^ERROR", 0, 1 },
		{ "(?i-m)^error", 0, 1 },
		{ "(?s-m)^E.R", 0, 1 },
		{ "(?im-m)^error", 0, 1 },
		{ "(?-m:^ERROR)", 0, 1 },
		{ "(?^)^ERROR", 0, 1 },
		{ "(?^i)^error", 0, 1 },
		{ "at |(?-m)^Jul|:\\.", 0, 1 },
		{ "x(?-im)y", 0, 1 },
		{ "(*UCP)(?i)\\xc9", 0, 1 },
		{ "(*CR)ERROR$", 0, 1 },
		{ "\\AERROR", 0, 1 },
		{ "ERROR\\z", 0, 1 },
		{ "ERROR\\Z", 0, 1 },
		{ "\\GERROR", 0, 1 },
		{ "(?m)^ERROR", 0, 0 },
		{ "(?i)error", 0, 0 },
		{ "(?-i)ERROR", 0, 0 },
		{ "(?s-i:E.R)", 0, 0 },
		{ "(?<name>ERROR)", 0, 0 },
		{ "(?:a|b)-(?=m)", 0, 0 },
		{ "(?#-m)ERROR", 0, 0 },
		{ "^ERROR|WARN$", 0, 0 },
		{ "(?-m)^ERROR", 1, 0 },
		{ "(*UCP)", 1, 0 },
		{ "\\AERROR", 1, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct regex_flags flags = { 0, cases[i].literal, 0, 0, 0, 0 };
		const char *why = prefilter_refusal(cases[i].pattern,
		    strlen(cases[i].pattern), &flags);

		ck_assert_msg((why != NULL) == cases[i].refused,
		    "'%s' (literal %d): %s", cases[i].pattern,
		    cases[i].literal, why != NULL ? why : "taken");
		if (cases[i].refused)
			ck_assert_ptr_null(prefilter_new(cases[i].pattern,
			    strlen(cases[i].pattern), &flags));
	}
}
END_TEST

/* Which patterns are one plain string, found with memmem and no
 * accelerator, and the lines it finds. */
START_TEST(plain_strings_need_no_accelerator)
{
	static const struct {
		const char *pattern;
		int caseless, literal, extended, plain;
	} cases[] = {
		{ "ERROR", 0, 0, 0, 1 },
		{ "a-b c:d", 0, 0, 0, 1 },
		{ "a.c", 0, 0, 0, 0 },
		{ "a.c", 0, 1, 0, 1 },
		{ "(x)", 0, 1, 0, 1 },
		{ "x|y", 0, 0, 0, 0 },
		{ "\\d", 0, 0, 0, 0 },
		{ "ERROR", 1, 0, 0, 0 },
		{ "2015-07", 1, 0, 0, 1 },
		{ "a b", 0, 0, 1, 0 },
		{ "a b", 0, 1, 1, 1 },
		{ "", 0, 0, 0, 0 },
	};
	static const char block[] = "ok\nan ERROR and ERROR\nfine\nERROR\n";
	struct prefilter_line lines[2];
	unsigned long long reports;
	struct prefilter *prefilter;
	int complete;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct regex_flags flags = { cases[i].caseless,
		    cases[i].literal, 0, cases[i].extended, 0, 0 };

		prefilter = prefilter_new_literal(cases[i].pattern,
		    strlen(cases[i].pattern), &flags);
		ck_assert_msg(prefilter_is_literal(prefilter) == cases[i].plain,
		    "'%s': plain string %d, expected %d", cases[i].pattern,
		    prefilter_is_literal(prefilter), cases[i].plain);
		prefilter_free(prefilter);
	}
	{
		struct regex_flags flags = { 0, 0, 0, 0, 0, 0 };

		prefilter = prefilter_new_literal("ERROR", 5, &flags);
	}
	/* One line for its two hits; the third line ends the second scan. */
	ck_assert_int_eq(prefilter_lines(prefilter, block, sizeof block - 1,
	    lines, 1, &complete, &reports), 1);
	ck_assert_int_eq(complete, 0);
	ck_assert_uint_eq(lines[0].start, 3);
	ck_assert_uint_eq(lines[0].end, 21);
	ck_assert_int_eq(prefilter_lines(prefilter, block, sizeof block - 1,
	    lines, 2, &complete, &reports), 2);
	ck_assert_int_eq(complete, 1);
	ck_assert_uint_eq(reports, 2);
	ck_assert_uint_eq(lines[1].start, 27);
	ck_assert_uint_eq(lines[1].end, 32);
	ck_assert_int_eq(prefilter_lines(prefilter, "ok\nfine", 7, lines, 2,
	    &complete, &reports), 0);
	ck_assert_int_eq(complete, 1);
	prefilter_free(prefilter);
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("prefilter");
	TCase *paths = tcase_create("paths");

	tcase_set_timeout(paths, 300);
	tcase_add_test(paths, both_paths_write_the_same);
	tcase_add_test(paths, switching_on_mid_stream);
	tcase_add_test(paths, exact_records_around_the_hits);
	tcase_add_test(paths, many_candidates_in_one_block);
	tcase_add_loop_test(paths, dense_inputs_both_paths, 0,
	    (int)(sizeof dense_cases / sizeof dense_cases[0]));
	tcase_add_test(paths, accelerator_takes_common_patterns);
	tcase_add_test(paths, plain_strings_need_no_accelerator);
	tcase_add_test(paths, patterns_that_tell_block_from_line);
	tcase_add_test(paths, one_accelerator_serves_every_copy);
	suite_add_tcase(suite, paths);
	return harness_run_suite(suite);
}
