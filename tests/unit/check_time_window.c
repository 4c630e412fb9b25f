/* check_time_window.c: the time window stage through the real reader at
 * every buffer size from 1 to 64 (the bisection with blocks that tiny
 * too), and the bisection itself: for many sizes of block and places of
 * the window's start, where it starts reading is a record before the
 * window, at most a few blocks before it, found in a handful of reads. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#include "input/bisect.h"

/* Ten records a second apart from 2026-11-24T10:00:00Z, with lines
 * without a stamp after some, and a header without one. */
static const char log_text[] =
    "header without a stamp\n"
    "2026-11-24T10:00:00Z zero\n"
    "2026-11-24T10:00:01Z one\n"
    "\tcontinued one\n"
    "2026-11-24T10:00:02Z two\n"
    "2026-11-24T10:00:03Z three\n"
    "\tcontinued three\n"
    "\tcontinued three again\n"
    "2026-11-24T10:00:04Z four\n"
    "2026-11-24T10:00:05Z five\n"
    "2026-11-24T10:00:06Z six\n"
    "\tcontinued six\n"
    "2026-11-24T10:00:07Z seven\n"
    "2026-11-24T10:00:08Z eight\n"
    "2026-11-24T10:00:09Z nine";

struct window_case {
	const char *since;	/* NULL: no --since */
	const char *until;	/* NULL: no --until */
	const char *expected;
};

static const struct window_case window_cases[] = {
	{ "2026-11-24T10:00:03Z", "2026-11-24T10:00:05Z",
	    "2026-11-24T10:00:03Z three\n\tcontinued three\n"
	    "\tcontinued three again\n2026-11-24T10:00:04Z four\n" },
	{ "2026-11-24T10:00:06Z", NULL,
	    "2026-11-24T10:00:06Z six\n\tcontinued six\n"
	    "2026-11-24T10:00:07Z seven\n2026-11-24T10:00:08Z eight\n"
	    "2026-11-24T10:00:09Z nine" },
	{ NULL, "2026-11-24T10:00:02Z",
	    "2026-11-24T10:00:00Z zero\n2026-11-24T10:00:01Z one\n"
	    "\tcontinued one\n" },
	/* The first record and the last. */
	{ "2026-11-24T10:00:00Z", "2026-11-24T10:00:00.001Z",
	    "2026-11-24T10:00:00Z zero\n" },
	{ "2026-11-24T10:00:09Z", NULL, "2026-11-24T10:00:09Z nine" },
	{ "2026-11-24T10:00:08.5Z", "2026-11-24T10:00:09Z", "" },
	/* Before, after and between the records. */
	{ "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", "" },
	{ "2026-11-24T10:00:09.001Z", NULL, "" },
	{ "2026-11-24T10:00:03.5Z", "2026-11-24T10:00:03.9Z", "" },
	{ "2026-11-24T09:00:00Z", NULL,
	    "2026-11-24T10:00:00Z zero\n2026-11-24T10:00:01Z one\n"
	    "\tcontinued one\n2026-11-24T10:00:02Z two\n"
	    "2026-11-24T10:00:03Z three\n\tcontinued three\n"
	    "\tcontinued three again\n2026-11-24T10:00:04Z four\n"
	    "2026-11-24T10:00:05Z five\n2026-11-24T10:00:06Z six\n"
	    "\tcontinued six\n2026-11-24T10:00:07Z seven\n"
	    "2026-11-24T10:00:08Z eight\n2026-11-24T10:00:09Z nine" },
};

START_TEST(window_at_every_buffer_size)
{
	const struct window_case *c = &window_cases[_i];
	struct settings settings = harness_settings();
	struct harness_stage stages[2];
	size_t count = 0;

	if (c->since != NULL)
		stages[count++] = (struct harness_stage){ time_window_new,
		    c->since, WINDOW_SINCE };
	if (c->until != NULL)
		stages[count++] = (struct harness_stage){ time_window_new,
		    c->until, WINDOW_UNTIL };
	harness_expect(log_text, strlen(log_text), &settings, stages, count,
	    c->expected, strlen(c->expected));
}
END_TEST

/* The same windows with --until first: the reader is not asked to
 * bisect, and the records are the same. */
START_TEST(until_first_at_every_buffer_size)
{
	const struct window_case *c = &window_cases[_i];
	struct settings settings = harness_settings();
	struct harness_stage stages[2];
	size_t count = 0;

	if (c->until != NULL)
		stages[count++] = (struct harness_stage){ time_window_new,
		    c->until, WINDOW_UNTIL };
	if (c->since != NULL)
		stages[count++] = (struct harness_stage){ time_window_new,
		    c->since, WINDOW_SINCE };
	harness_expect(log_text, strlen(log_text), &settings, stages, count,
	    c->expected, strlen(c->expected));
}
END_TEST

START_TEST(crlf_records)
{
	static const char text[] =
	    "2026-11-24T10:00:00Z a\r\n2026-11-24T10:00:01Z b\r\n"
	    "\tc\r\n2026-11-24T10:00:02Z d\r\n";
	struct settings settings = harness_settings();
	const struct harness_stage stages[] = {
		{ time_window_new, "2026-11-24T10:00:01Z", WINDOW_SINCE },
		{ time_window_new, "2026-11-24T10:00:02Z", WINDOW_UNTIL },
	};

	settings.crlf = 1;
	HARNESS_EXPECT(text, &settings, stages,
	    "2026-11-24T10:00:01Z b\r\n\tc\r\n");
}
END_TEST

/* --until ends each FILE at its first record past it; the next FILE is
 * still read, and one with no stamp is warned of. */
START_TEST(several_files)
{
	static const char first[] = "2026-11-24T10:00:00Z a\n"
	    "2026-11-24T10:00:05Z b\n2026-11-24T10:00:06Z c\n";
	static const char second[] = "2026-11-24T10:00:01Z d\n"
	    "2026-11-24T10:00:02Z e\n";
	static const char third[] = "no stamp\n";
	char *paths[3];
	const struct harness_stage stages[] = {
		{ time_window_new, "2026-11-24T10:00:01Z", WINDOW_SINCE },
		{ time_window_new, "2026-11-24T10:00:05Z", WINDOW_UNTIL },
	};
	struct settings settings = harness_settings();
	struct harness_result result;
	size_t i;

	paths[0] = harness_file(first, strlen(first));
	paths[1] = harness_file(second, strlen(second));
	paths[2] = harness_file(third, strlen(third));
	for (settings.buffer_size = 1; settings.buffer_size <= 64;
	    settings.buffer_size++) {
		harness_run_files(paths, 3, &settings, stages, 2, &result);
		ck_assert_int_eq(result.status, 0);
		ck_assert_str_eq(result.out, "2026-11-24T10:00:01Z d\n"
		    "2026-11-24T10:00:02Z e\n");
		/* The FILE with no stamp is warned of, by name. */
		ck_assert_ptr_nonnull(strstr(result.warnings, paths[2]));
		ck_assert_ptr_nonnull(strstr(result.warnings,
		    "no time stamp"));
		harness_result_free(&result);
	}
	for (i = 0; i < 3; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}
END_TEST

START_TEST(bad_arguments)
{
	struct settings settings = harness_settings();

	harness_expect_refused(time_window_new, WINDOW_SINCE, "--since",
	    "yesterday", &settings, "not a time");
	harness_expect_refused(time_window_new, WINDOW_UNTIL, "--until",
	    "2026-02-30", &settings, "not a time");
	harness_expect_refused(time_window_new, WINDOW_LAST, "--last", "10",
	    &settings, "not a duration");
}
END_TEST

/* bisect_before_fn over records "NNNNNN ...": before the threshold when
 * below it; a record starting with a tab has no number. */
static int
number_before(void *context, const char *record, size_t len)
{
	long threshold = *(const long *)context;

	if (len == 0 || record[0] == '\t')
		return -1;
	return strtol(record, NULL, 10) < threshold;
}

START_TEST(bisection_finds_the_start)
{
	FILE *text = tmpfile();
	long *starts = malloc(4001 * sizeof *starts);
	long records = 4000, i, size;
	size_t block_size;
	char *block;
	int fd;

	ck_assert_ptr_nonnull(text);
	for (i = 0; i < records; i++) {
		starts[i] = ftell(text);
		/* Records of many lengths, some followed by a line without
		 * a number. */
		fprintf(text, "%06ld %.*s\n", i * 2, (int)(i * 7 % 23),
		    "abcdefghijklmnopqrstuvw");
		if (i % 3 == 0)
			fprintf(text, "\tcontinued\n");
	}
	starts[records] = size = ftell(text);
	fflush(text);
	fd = fileno(text);
	block = malloc(512);
	for (block_size = 64; block_size <= 512; block_size += 37) {
		long threshold;

		for (threshold = -1; threshold <= records * 2 + 1;
		    threshold += 97) {
			struct bisect_result found;
			long first = threshold <= 0 ? 0 : (threshold + 1) / 2;
			long offset;

			ck_assert_int_eq(bisect_file(fd, (uint64_t)size, '\n',
			    block, block_size, number_before, &threshold,
			    &found), 0);
			offset = (long)found.offset;
			/* Never past the first record of the window... */
			ck_assert_int_le(offset, starts[first < records ? first
			    : records]);
			/* ...from 0 or a record before it... */
			if (offset > 0) {
				ck_assert_int_eq(pread(fd, block, 7, offset), 7);
				ck_assert_int_lt(strtol(block, NULL, 10),
				    threshold);
			}
			/* ...and within a few blocks of it... */
			if (first > 0)
				ck_assert_int_le(starts[first < records ? first
				    : records] - offset, 2 * (long)block_size);
			/* ...in a handful of reads. */
			ck_assert_uint_le(found.reads, 40);
		}
	}
	free(block);
	free(starts);
	fclose(text);
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("time_window");
	TCase *stage = tcase_create("stage");
	TCase *bisection = tcase_create("bisection");
	int cases = (int)(sizeof window_cases / sizeof window_cases[0]);

	tcase_add_loop_test(stage, window_at_every_buffer_size, 0, cases);
	tcase_add_loop_test(stage, until_first_at_every_buffer_size, 0, cases);
	tcase_add_test(stage, crlf_records);
	tcase_add_test(stage, several_files);
	tcase_add_test(stage, bad_arguments);
	suite_add_tcase(suite, stage);
	tcase_add_test(bisection, bisection_finds_the_start);
	tcase_set_timeout(bisection, 60);
	suite_add_tcase(suite, bisection);
	return harness_run_suite(suite);
}
