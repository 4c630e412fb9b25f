/* check_number_stage.c: the number stage (-N): the input line number, a
 * tab, the line; numbers keep their gaps after -m, -o and -k, and count on
 * across FILEs. Run through the real reader and sink at every buffer size
 * from 1 to 64 bytes and the default. (check_number.c is about parsing
 * counts.) */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

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

static Suite *
number_stage_suite(void)
{
	Suite *suite = suite_create("number_stage");
	TCase *number = tcase_create("number");

	tcase_add_test(number, number_prefixes_line_numbers);
	tcase_add_test(number, number_after_a_filter_keeps_gaps);
	tcase_add_test(number, number_counts_across_files);
	suite_add_tcase(suite, number);
	return suite;
}

int
main(void)
{
	return harness_run_suite(number_stage_suite());
}
