/* check_context.c: -A, -B, -C (SPEC section 8) through the real reader,
 * filter and sink at every buffer size from 1 to 64 bytes and the default:
 * a table of context sizes over matches at the start and end, adjacent and
 * overlapping groups, -v, a last line without terminator and -z; a group
 * as one record for the stages after it (-m, -c, -N, -o, -t); pieces of
 * a group longer than --max-line; FILEs, which context never crosses; the
 * group separator's settings; and how the options are read. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "options.h"

/* Stage i of stages gets context (the first filter, by convention). */
struct context_run {
	const struct harness_stage *stages;
	size_t stage_count;
	size_t with_context;
	struct context_spec context;
};

/* The chain of run over FILEs holding files[0..count), with settings;
 * what it wrote must be expected (expected_len bytes). what names the
 * case in a failure. */
static void
expect_files(const char *what, const char *const *files,
    const size_t *lengths, size_t count, const struct settings *settings,
    const struct context_run *run, const char *expected, size_t expected_len,
    size_t buffer_size)
{
	char *paths[4];
	struct options options;
	struct harness_result result;
	size_t i;

	ck_assert_uint_le(count, 4);
	for (i = 0; i < count; i++)
		paths[i] = harness_file(files[i], lengths[i]);
	harness_options(&options, settings, run->stages, run->stage_count);
	options.settings.buffer_size = buffer_size;
	options.stages[run->with_context].context = run->context;
	harness_run_options(paths, count, &options, &result);
	ck_assert_msg(result.status == 0, "%s, buffer size %zu: failed: %s",
	    what, buffer_size, result.error);
	ck_assert_msg(result.out_len == expected_len &&
	    memcmp(result.out, expected, expected_len) == 0,
	    "%s, buffer size %zu: wrote \"%s\" (%zu bytes), expected \"%s\" "
	    "(%zu bytes)", what, buffer_size, result.out, result.out_len,
	    expected, expected_len);
	harness_result_free(&result);
	options_free(&options);
	for (i = 0; i < count; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}

/* The same over one input, at every buffer size 1..64 and the default. */
static void
expect_run(const char *input, size_t len, const struct settings *settings,
    const struct context_run *run, const char *expected, size_t expected_len)
{
	size_t size;

	for (size = 1; size <= 65; size++)
		expect_files(input, &input, &len, 1, settings, run, expected,
		    expected_len, size <= 64 ? size : DEFAULT_BUFFER_SIZE);
}

#define EXPECT_RUN(input, settings, run, expected) \
	expect_run((input), strlen(input), (settings), (run), (expected), \
	    strlen(expected))

/* One filter (-m x, or -v x) with context. */
static const struct harness_stage keep_x[] = { { filter_new, "x",
	FILTER_KEEP } };
static const struct harness_stage drop_x[] = { { filter_new, "x",
	FILTER_DROP } };

static const struct {
	const char *name;
	int drop;		/* -v x, else -m x */
	uint64_t before, after;
	const char *input;
	const char *expected;
} cases[] = {
	{ "-A 1 in the middle", 0, 0, 1, "a\nx\nb\nc\n", "x\nb\n" },
	{ "-B 1 in the middle", 0, 1, 0, "a\nx\nb\nc\n", "a\nx\n" },
	{ "-C 1 at the start", 0, 1, 1, "x\na\nb\n", "x\na\n" },
	{ "-C 1 at the end", 0, 1, 1, "a\nb\nx\n", "b\nx\n" },
	{ "-B 2 with one line before", 0, 2, 0, "a\nx\nb\n", "a\nx\n" },
	{ "-A 2 with one line after", 0, 0, 2, "a\nx\nb\n", "x\nb\n" },
	{ "-C 0 separates matches apart", 0, 0, 0, "x\na\nx\n",
	    "x\n--\nx\n" },
	{ "-A 0: adjacent matches are one group", 0, 0, 0, "x\nx\na\nx\n",
	    "x\nx\n--\nx\n" },
	{ "-C 1: groups that touch merge", 0, 1, 1, "x\na\nb\nx\n",
	    "x\na\nb\nx\n" },
	{ "-C 1: one line between groups", 0, 1, 1, "x\na\nb\nc\nx\n",
	    "x\na\n--\nc\nx\n" },
	{ "-C 2: overlapping groups merge", 0, 2, 2, "a\nx\nb\nx\nc\nd\ne\n",
	    "a\nx\nb\nx\nc\nd\n" },
	{ "-A 2: a match inside the after-context", 0, 0, 2,
	    "x\na\nx\nb\nc\nd\n", "x\na\nx\nb\nc\n" },
	{ "-B 3 -A 1: lopsided", 0, 3, 1, "a\nb\nc\nd\nx\ne\nf\ng\nh\ni\nx\n",
	    "b\nc\nd\nx\ne\n--\ng\nh\ni\nx\n" },
	{ "-C 100 covers everything", 0, 100, 100, "a\nx\nb\n", "a\nx\nb\n" },
	{ "no match, no group", 0, 3, 3, "a\nb\nc\n", "" },
	{ "empty lines are lines", 0, 1, 1, "\n\nx\n\n\n", "\nx\n\n" },
	{ "-v x -C 1", 1, 1, 1, "x\nx\na\nx\nx\nx\nb\n",
	    "x\na\nx\n--\nx\nb\n" },
	{ "-v x -A 0 every line kept", 1, 0, 0, "a\nb\nc\n", "a\nb\nc\n" },
	{ "last line without terminator, in the group", 0, 0, 1, "a\nx\nb",
	    "x\nb" },
	{ "last line without terminator, after the group", 0, 1, 0,
	    "a\nx\nb", "a\nx\n" },
	{ "last line without terminator, matched", 0, 1, 0, "a\nb\nx",
	    "b\nx" },
};

START_TEST(context_table)
{
	struct settings settings = harness_settings();
	struct context_run run = {
		cases[_i].drop ? drop_x : keep_x, 1, 0,
		{ 1, cases[_i].before, cases[_i].after }
	};
	size_t size;

	for (size = 1; size <= 65; size++) {
		const char *input = cases[_i].input;
		size_t len = strlen(input);

		expect_files(cases[_i].name, &input, &len, 1, &settings, &run,
		    cases[_i].expected, strlen(cases[_i].expected),
		    size <= 64 ? size : DEFAULT_BUFFER_SIZE);
	}
}
END_TEST

START_TEST(null_data_joins_with_nul_and_separates_with_newline)
{
	static const char input[] = "a\0x\0b\0c\0d\0x\0";
	/* grep -z writes its separator with a newline, and so does sluice. */
	static const char apart[] = "x\0--\nx\0";
	static const char around[] = "a\0x\0b\0--\nd\0x\0";
	struct settings settings = harness_settings();
	struct context_run run = { keep_x, 1, 0, { 1, 0, 0 } };

	settings.terminator = '\0';
	expect_run(input, sizeof input - 1, &settings, &run, apart,
	    sizeof apart - 1);
	run.context.before = run.context.after = 1;
	expect_run(input, sizeof input - 1, &settings, &run, around,
	    sizeof around - 1);
}
END_TEST

/* Two groups, [a x b] and [e x f], as records for the stages after. */
#define TWO_GROUPS "a\nx\nb\nc\nd\ne\nx\nf\ng\n"

START_TEST(a_later_filter_keeps_or_drops_whole_groups)
{
	static const struct harness_stage stages[] = {
		{ filter_new, "x", FILTER_KEEP },
		{ filter_new, "b|f", FILTER_KEEP },
	};
	struct settings settings = harness_settings();
	struct context_run run = { stages, 2, 0, { 1, 1, 1 } };

	EXPECT_RUN(TWO_GROUPS, &settings, &run, "a\nx\nb\n--\ne\nx\nf\n");
	run.stages = (const struct harness_stage[]){
		{ filter_new, "x", FILTER_KEEP },
		{ filter_new, "^e", FILTER_KEEP },
	};
	EXPECT_RUN(TWO_GROUPS, &settings, &run, "e\nx\nf\n");
	run.stages = (const struct harness_stage[]){
		{ filter_new, "x", FILTER_KEEP },
		{ filter_new, "^e", FILTER_DROP },
	};
	EXPECT_RUN(TWO_GROUPS, &settings, &run, "a\nx\nb\n");
}
END_TEST

START_TEST(count_head_number_take_a_group_as_one_record)
{
	struct settings settings = harness_settings();
	struct context_run run = {
		(const struct harness_stage[]){
			{ filter_new, "x", FILTER_KEEP }, { count_new, NULL, 0 }
		}, 2, 0, { 1, 1, 1 }
	};

	EXPECT_RUN(TWO_GROUPS, &settings, &run, "2\n");
	run.stages = (const struct harness_stage[]){
		{ filter_new, "x", FILTER_KEEP }, { head_new, "1", 0 }
	};
	EXPECT_RUN(TWO_GROUPS, &settings, &run, "a\nx\nb\n");
	/* -N after the filter numbers a group by its first line... */
	run.stages = (const struct harness_stage[]){
		{ filter_new, "x", FILTER_KEEP }, { number_new, NULL, 0 }
	};
	EXPECT_RUN(TWO_GROUPS, &settings, &run, "1\ta\nx\nb\n--\n6\te\nx\nf\n");
	/* ... and before it, every line with its own. */
	run.stages = (const struct harness_stage[]){
		{ number_new, NULL, 0 }, { filter_new, "x", FILTER_KEEP }
	};
	run.with_context = 1;
	EXPECT_RUN(TWO_GROUPS, &settings, &run,
	    "1\ta\n2\tx\n3\tb\n--\n6\te\n7\tx\n8\tf\n");
}
END_TEST

START_TEST(extract_and_tail_keep_the_separator_rule)
{
	struct settings settings = harness_settings();
	struct context_run run = {
		(const struct harness_stage[]){
			{ filter_new, "x", FILTER_KEEP },
			{ extract_new, "x[0-9]", 0 }
		}, 2, 0, { 1, 0, 0 }
	};

	/* -o: the separator before a group's first match only. */
	EXPECT_RUN("x1 x2\na\nx3\n", &settings, &run, "x1\nx2\n--\nx3\n");
	/* -t: the groups it keeps, separated as they were. */
	run.stages = (const struct harness_stage[]){
		{ filter_new, "x", FILTER_KEEP }, { tail_new, "2", 0 }
	};
	EXPECT_RUN("x\na\nx\nx\nb\nx\n", &settings, &run, "x\nx\n--\nx\n");
	/* -c makes a record of its own: no separator. */
	run.stages = (const struct harness_stage[]){
		{ filter_new, "x", FILTER_KEEP }, { count_new, NULL, 0 }
	};
	EXPECT_RUN("x\na\nx\n", &settings, &run, "2\n");
}
END_TEST

START_TEST(separator_settings)
{
	struct settings settings = harness_settings();
	struct context_run run = { keep_x, 1, 0, { 1, 0, 0 } };

	settings.group_separator = "==>";
	EXPECT_RUN("x\na\nx\n", &settings, &run, "x\n==>\nx\n");
	settings.group_separator = "";
	EXPECT_RUN("x\na\nx\n", &settings, &run, "x\n\nx\n");
	settings.group_separator = NULL;
	EXPECT_RUN("x\na\nx\n", &settings, &run, "x\nx\n");
}
END_TEST

START_TEST(a_group_longer_than_max_line_goes_in_pieces)
{
	struct settings settings = harness_settings();
	struct context_run run = {
		(const struct harness_stage[]){
			{ filter_new, ".", FILTER_KEEP }, { count_new, NULL, 0 }
		}, 2, 0, { 1, 1, 1 }
	};

	/* Pieces of whole lines of at most 8 bytes: "aaa\nbbb", "ccc\ndd",
	 * "eeeeeeee", with no separator between them. */
	settings.max_line = 8;
	EXPECT_RUN("aaa\nbbb\nccc\ndd\neeeeeeee\n", &settings, &run, "3\n");
	run.stage_count = 1;
	EXPECT_RUN("aaa\nbbb\nccc\ndd\neeeeeeee\n", &settings, &run,
	    "aaa\nbbb\nccc\ndd\neeeeeeee\n");
	/* Held before-context comes out in pieces too. */
	run.context.before = 3;
	run.context.after = 0;
	run.stages = (const struct harness_stage[]){
		{ filter_new, "x", FILTER_KEEP }, { count_new, NULL, 0 }
	};
	run.stage_count = 2;
	EXPECT_RUN("aaaa\nbbbb\ncccc\nx\nd\n", &settings, &run, "3\n");
	run.stage_count = 1;
	EXPECT_RUN("aaaa\nbbbb\ncccc\nx\nd\n", &settings, &run,
	    "aaaa\nbbbb\ncccc\nx\n");
}
END_TEST

START_TEST(context_never_crosses_files)
{
	struct settings settings = harness_settings();
	struct context_run run = { keep_x, 1, 0, { 1, 1, 1 } };
	const char *files[] = { "a\nx\n", "b\nc\n" };
	size_t lengths[] = { 4, 4 };

	/* x's after-context ends with its FILE; b is no context of it. */
	expect_files("two FILEs", files, lengths, 2, &settings, &run,
	    "a\nx\n", 4, 1);
	expect_files("two FILEs", files, lengths, 2, &settings, &run,
	    "a\nx\n", 4, DEFAULT_BUFFER_SIZE);
	/* A FILE's first group is separated from the last one written, as
	 * grep -h has it, even where they touch. */
	files[1] = "x\nb\n";
	expect_files("two FILEs", files, lengths, 2, &settings, &run,
	    "a\nx\n--\nx\nb\n", 11, 3);
	/* The last FILE's missing newline is kept; the others get theirs. */
	files[0] = "x";
	files[1] = "y\nx";
	lengths[0] = 1;
	lengths[1] = 3;
	expect_files("two FILEs", files, lengths, 2, &settings, &run,
	    "x\n--\ny\nx", 8, 2);
}
END_TEST

/* How the command line gives a filter its context. */
static void
parse_words(const char *const *words, struct options *options,
    struct diag *diag, int *result)
{
	char *argv[16];
	int argc = 0;

	argv[argc++] = (char *)"sluice";
	while (*words != NULL && argc < 15)
		argv[argc++] = (char *)*words++;
	argv[argc] = NULL;
	diag_init(diag, NULL);
	*result = options_parse(options, argc, argv, diag);
}

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void
expect_context(const char *const *words, size_t stage, int given,
    uint64_t before, uint64_t after)
{
	struct options options;
	struct diag diag;
	int result;

	parse_words(words, &options, &diag, &result);
	ck_assert_msg(result == 0, "refused: %s", diag.message);
	ck_assert_uint_lt(stage, options.stage_count);
	ck_assert_int_eq(options.stages[stage].context.given, given);
	ck_assert_uint_eq(options.stages[stage].context.before, before);
	ck_assert_uint_eq(options.stages[stage].context.after, after);
	options_free(&options);
}

static void
expect_refused(const char *const *words, const char *message)
{
	struct options options;
	struct diag diag;
	int result;

	parse_words(words, &options, &diag, &result);
	ck_assert_msg(result != 0, "accepted");
	ck_assert_msg(strstr(diag.message, message) != NULL,
	    "message \"%s\", expected \"%s\"", diag.message, message);
}

START_TEST(options_give_context_to_the_filter_before)
{
	expect_context(WORDS("-m", "x", "-A", "2"), 0, 1, 0, 2);
	expect_context(WORDS("-m", "x", "-A", "2", "-B", "1"), 0, 1, 1, 2);
	expect_context(WORDS("-v", "x", "--context=3"), 0, 1, 3, 3);
	expect_context(WORDS("-m", "x", "-C", "0"), 0, 1, 0, 0);
	/* As grep: -A and -B win over -C, whatever the order. */
	expect_context(WORDS("-m", "x", "-A", "1", "-C", "3"), 0, 1, 3, 1);
	expect_context(WORDS("-m", "x", "-C", "3", "-B", "0"), 0, 1, 0, 3);
	/* Global options may come between. */
	expect_context(WORDS("-m", "x", "-i", "-B", "4"), 0, 1, 4, 0);
	/* Each filter its own. */
	expect_context(WORDS("-m", "x", "-C", "2", "-m", "y"), 1, 0, 0, 0);
	expect_context(WORDS("-m", "x", "-m", "y", "-A", "1"), 0, 0, 0, 0);
	expect_context(WORDS("-m", "x", "-m", "y", "-A", "1"), 1, 1, 0, 1);
}
END_TEST

START_TEST(options_refuse_context_without_a_filter)
{
	expect_refused(WORDS("-A", "1", "-m", "x"),
	    "-A 1: no -m or -v comes before it");
	expect_refused(WORDS("-m", "x", "-s", "-C", "1"),
	    "-C 1: it follows -s, not a -m or -v");
	expect_refused(WORDS("-m", "x", "--after=x"), "--after 'x': not a "
	    "count");
	expect_refused(WORDS("-m", "x", "-B", "-1"), "-B '-1': not a count");
}
END_TEST

START_TEST(separator_options)
{
	struct options options;
	struct diag diag;
	int result;

	parse_words(WORDS("-m", "x"), &options, &diag, &result);
	ck_assert_str_eq(options.settings.group_separator, "--");
	options_free(&options);
	parse_words(WORDS("--group-separator=::", "-m", "x"), &options, &diag,
	    &result);
	ck_assert_str_eq(options.settings.group_separator, "::");
	options_free(&options);
	parse_words(WORDS("--no-group-separator"), &options, &diag, &result);
	ck_assert_ptr_null(options.settings.group_separator);
	options_free(&options);
}
END_TEST

START_TEST(before_is_bounded)
{
	struct settings settings = harness_settings();
	struct options options;
	struct harness_result result;
	char *path = harness_file("x\n", 2);

	harness_options(&options, &settings, keep_x, 1);
	options.stages[0].context.given = 1;
	options.stages[0].context.before = 1000001;
	harness_run_options(&path, 1, &options, &result);
	ck_assert_int_eq(result.status, -1);
	ck_assert_msg(strstr(result.error, "at most 1000000 records") != NULL,
	    "message \"%s\"", result.error);
	harness_result_free(&result);
	options_free(&options);
	unlink(path);
	free(path);
}
END_TEST

static Suite *
context_suite(void)
{
	Suite *suite = suite_create("context");
	TCase *table = tcase_create("table");
	TCase *records = tcase_create("records");
	TCase *options = tcase_create("options");

	tcase_add_loop_test(table, context_table, 0,
	    (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(table, null_data_joins_with_nul_and_separates_with_newline);
	tcase_add_test(table, context_never_crosses_files);
	tcase_add_test(records, a_later_filter_keeps_or_drops_whole_groups);
	tcase_add_test(records, count_head_number_take_a_group_as_one_record);
	tcase_add_test(records, extract_and_tail_keep_the_separator_rule);
	tcase_add_test(records, separator_settings);
	tcase_add_test(records, a_group_longer_than_max_line_goes_in_pieces);
	tcase_add_test(options, options_give_context_to_the_filter_before);
	tcase_add_test(options, options_refuse_context_without_a_filter);
	tcase_add_test(options, separator_options);
	tcase_add_test(options, before_is_bounded);
	tcase_set_timeout(table, 60);
	tcase_set_timeout(records, 60);
	suite_add_tcase(suite, table);
	suite_add_tcase(suite, records);
	suite_add_tcase(suite, options);
	return suite;
}

int
main(void)
{
	return harness_run_suite(context_suite());
}
