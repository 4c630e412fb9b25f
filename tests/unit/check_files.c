/* check_files.c: the stages that speak of FILEs: -H (with-filename) and
 * -l (files-with-matches), over several FILEs (an empty one, one without
 * a final newline, standard input) through the real reader and sink at
 * every buffer size from 1 to 64 bytes; and the end of a FILE that -l
 * asks for (stage_ops.skip_file), passed up through the stages that can
 * and read on through those that cannot. */
#include <config.h>

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "input/reader.h"

#define FILES_MAX 6

/* Temporary FILEs holding contents[0..count), NULL standing for standard
 * input ("-"), which the caller provides. */
static void
make_files(char **paths, const char *const *contents, size_t count)
{
	size_t i;

	ck_assert_uint_le(count, FILES_MAX);
	for (i = 0; i < count; i++)
		paths[i] = contents[i] == NULL ? strdup("-")
		    : harness_file(contents[i], strlen(contents[i]));
}

static void
remove_files(char **paths, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (strcmp(paths[i], "-") != 0)
			unlink(paths[i]);
		free(paths[i]);
	}
}

/* pattern with "%1" .. "%6" standing for the names of FILEs 1 to 6, and
 * "%0" for a NUL byte; its length in *len. */
static char *
with_names(const char *pattern, char *const *paths, size_t *len)
{
	size_t room = strlen(pattern) + 1;
	const char *p;
	char *text;

	for (p = pattern; *p != '\0'; p++)
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '0' + FILES_MAX)
			room += strlen(paths[p[1] - '1']) + 16;
	text = malloc(room);
	ck_assert_ptr_nonnull(text);
	*len = 0;
	for (p = pattern; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == '0') {
			text[(*len)++] = '\0';
			p++;
		} else if (p[0] == '%' && p[1] >= '1' &&
		    p[1] <= '0' + FILES_MAX) {
			const char *path = paths[p[1] - '1'];
			const char *name = strcmp(path, "-") == 0
			    ? "(standard input)" : path;

			memcpy(text + *len, name, strlen(name));
			*len += strlen(name);
			p++;
		} else {
			text[(*len)++] = *p;
		}
	}
	text[*len] = '\0';
	return text;
}

/* Standard input is rewound before each run: a test's stdin is a
 * temporary FILE it set up with stdin_from. */
static void
rewind_stdin(void)
{
	(void)lseek(STDIN_FILENO, 0, SEEK_SET);
}

/* The chain over the FILEs writes what pattern says (with_names) with no
 * error, at every buffer size from 1 to 64 and at the default. */
static void
expect_files(char *const *paths, size_t count, const struct settings *base,
    const struct harness_stage *stages, size_t stage_count,
    const char *pattern)
{
	size_t expected_len, size;
	char *expected = with_names(pattern, paths, &expected_len);

	for (size = 1; size <= 65; size++) {
		struct settings settings = *base;
		struct harness_result result;

		settings.buffer_size = size <= 64 ? size : DEFAULT_BUFFER_SIZE;
		rewind_stdin();
		harness_run_files(paths, count, &settings, stages, stage_count,
		    &result);
		ck_assert_msg(result.status == 0 && result.errors == 0,
		    "buffer size %zu: failed: %s", size, result.error);
		ck_assert_msg(result.out_len == expected_len &&
		    memcmp(result.out, expected, expected_len) == 0,
		    "buffer size %zu: wrote \"%s\", expected \"%s\"", size,
		    result.out, expected);
		harness_result_free(&result);
	}
	free(expected);
}

#define EXPECT_FILES(paths, count, settings, stages, expected) \
	expect_files((paths), (count), (settings), (stages), \
	    sizeof(stages) / sizeof((stages)[0]), (expected))

/* Standard input reads bytes from now on; returns the descriptor that
 * puts the old one back (stdin_restore). */
static int
stdin_from(const char *bytes)
{
	char *path = harness_file(bytes, strlen(bytes));
	int saved = dup(STDIN_FILENO), fd = open(path, O_RDONLY);

	ck_assert_int_ge(saved, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	unlink(path);
	free(path);
	return saved;
}

static void
stdin_restore(int saved)
{
	ck_assert_int_eq(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
}

/* The FILEs most tests read: lines, an empty FILE, one without a final
 * newline (not the last: its last line is a whole line), and a last one
 * without a final newline. */
static const char *const four_files[] = {
	"ax\nb\ncx", "", "d\nxe\nx\n", "f\nx"
};

/* ---- -H (with-filename) ---- */

START_TEST(with_filename_prefixes_each_line)
{
	struct settings settings = harness_settings();
	struct harness_stage prefix[] = { { with_filename_new, NULL, 0 } };
	char *paths[4];

	make_files(paths, four_files, 4);
	EXPECT_FILES(paths, 4, &settings, prefix,
	    "%1\tax\n%1\tb\n%1\tcx\n%3\td\n%3\txe\n%3\tx\n%4\tf\n%4\tx");
	remove_files(paths, 4);
}
END_TEST

START_TEST(with_filename_among_other_stages)
{
	struct settings settings = harness_settings();
	struct harness_stage keep_then_prefix[] = {
		{ filter_new, "x", FILTER_KEEP }, { with_filename_new, NULL, 0 }
	};
	struct harness_stage prefix_then_number[] = {
		{ with_filename_new, NULL, 0 }, { number_new, NULL, 0 },
		{ filter_new, "^[0-9]+\t[^\t]*\t.*x", FILTER_KEEP }
	};
	struct harness_stage prefix_then_count[] = {
		{ with_filename_new, NULL, 0 }, { count_new, NULL, 0 }
	};
	char *paths[4];

	make_files(paths, four_files, 4);
	EXPECT_FILES(paths, 4, &settings, keep_then_prefix,
	    "%1\tax\n%1\tcx\n%3\txe\n%3\tx\n%4\tx");
	EXPECT_FILES(paths, 4, &settings, prefix_then_number,
	    "1\t%1\tax\n3\t%1\tcx\n5\t%3\txe\n6\t%3\tx\n8\t%4\tx");
	EXPECT_FILES(paths, 4, &settings, prefix_then_count, "8\n");
	remove_files(paths, 4);
}
END_TEST

START_TEST(with_filename_names_standard_input)
{
	static const char *const stdin_between[] = { "a\n", NULL, "c" };
	struct settings settings = harness_settings();
	struct harness_stage prefix[] = { { with_filename_new, NULL, 0 } };
	char *paths[3];
	int saved = stdin_from("b1\nb2");

	make_files(paths, stdin_between, 3);
	EXPECT_FILES(paths, 3, &settings, prefix,
	    "%1\ta\n(standard input)\tb1\n(standard input)\tb2\n%3\tc");
	/* Standard input alone: no FILE named at all. */
	EXPECT_FILES(NULL, 0, &settings, prefix,
	    "(standard input)\tb1\n(standard input)\tb2");
	remove_files(paths, 3);
	stdin_restore(saved);
}
END_TEST

START_TEST(with_filename_with_nul_records)
{
	static const char *const nul_files[] = { "a\nb", "c" };
	struct settings settings = harness_settings();
	struct harness_stage prefix[] = { { with_filename_new, NULL, 0 } };
	char *paths[2];

	settings.terminator = '\0';
	make_files(paths, nul_files, 2);
	/* The record keeps its newline; a NUL ends it on output, but for
	 * the last FILE's, which had none. */
	EXPECT_FILES(paths, 2, &settings, prefix, "%1\ta\nb%0%2\tc");
	remove_files(paths, 2);
}
END_TEST

START_TEST(with_filename_line_is_bounded_by_twice_max_line)
{
	struct settings settings = harness_settings();
	struct harness_stage prefix[] = { { with_filename_new, NULL, 0 } };
	struct harness_result result;
	char *path = harness_file("abcd\n", 5);

	/* The name alone is longer than twice --max-line. */
	settings.max_line = 8;
	settings.buffer_size = 8;
	harness_run_files(&path, 1, &settings, prefix, 1, &result);
	ck_assert_int_eq(result.status, -1);
	ck_assert_msg(strstr(result.error, ":1: -x: the line it builds is "
	    "longer than 16 bytes") != NULL, "message: %s", result.error);
	harness_result_free(&result);
	unlink(path);
	free(path);
}
END_TEST

/* ---- -l (files-with-matches) ---- */

START_TEST(files_with_matches_names_each_file_once)
{
	struct settings settings = harness_settings();
	struct harness_stage names[] = { { files_with_matches_new, NULL, 0 } };
	struct harness_stage keep_x[] = {
		{ filter_new, "x", FILTER_KEEP },
		{ files_with_matches_new, NULL, 0 }
	};
	struct harness_stage keep_e[] = {
		{ filter_new, "e", FILTER_KEEP },
		{ files_with_matches_new, NULL, 0 }
	};
	struct harness_stage keep_none[] = {
		{ filter_new, "z", FILTER_KEEP },
		{ files_with_matches_new, NULL, 0 }
	};
	char *paths[4];

	make_files(paths, four_files, 4);
	/* The empty FILE has no line; a name ends with a newline even
	 * where the FILE's last line had none. */
	EXPECT_FILES(paths, 4, &settings, names, "%1\n%3\n%4\n");
	EXPECT_FILES(paths, 4, &settings, keep_x, "%1\n%3\n%4\n");
	EXPECT_FILES(paths, 4, &settings, keep_e, "%3\n");
	EXPECT_FILES(paths, 4, &settings, keep_none, "");
	remove_files(paths, 4);
}
END_TEST

START_TEST(files_with_matches_names_a_file_given_twice_twice)
{
	static const char *const one[] = { "x\ny\n" };
	struct settings settings = harness_settings();
	struct harness_stage names[] = {
		{ filter_new, "y", FILTER_KEEP },
		{ files_with_matches_new, NULL, 0 }
	};
	char *paths[3];

	make_files(paths, one, 1);
	paths[1] = strdup(paths[0]);
	paths[2] = strdup(paths[0]);
	/* As grep -l: each operand is a FILE of its own. */
	EXPECT_FILES(paths, 3, &settings, names, "%1\n%1\n%1\n");
	unlink(paths[0]);
	free(paths[0]);
	free(paths[1]);
	free(paths[2]);
}
END_TEST

START_TEST(files_with_matches_names_standard_input)
{
	static const char *const stdin_between[] = { "a\n", NULL, "c" };
	struct settings settings = harness_settings();
	struct harness_stage names[] = { { files_with_matches_new, NULL, 0 } };
	struct harness_stage keep_b[] = {
		{ filter_new, "b", FILTER_KEEP },
		{ files_with_matches_new, NULL, 0 }
	};
	char *paths[3];
	int saved = stdin_from("b1\nb2");

	make_files(paths, stdin_between, 3);
	EXPECT_FILES(paths, 3, &settings, names,
	    "%1\n(standard input)\n%3\n");
	EXPECT_FILES(paths, 3, &settings, keep_b, "(standard input)\n");
	EXPECT_FILES(NULL, 0, &settings, keep_b, "(standard input)\n");
	remove_files(paths, 3);
	stdin_restore(saved);
}
END_TEST

/* -N after -l shows the number of the line that named each FILE: the
 * lines of a FILE after its first are never read, so never counted,
 * where the stages above can end the FILE; where one cannot (-u), every
 * line is read and counted, and each FILE is still named once. */
START_TEST(files_with_matches_reads_no_more_of_a_named_file)
{
	static const char *const files[] = {
		"a\nx1\nb\nx2\nx3\nc\n", "d\nx4\n", "", "x5\nx6"
	};
	struct settings settings = harness_settings();
	struct harness_stage keep_then_name[] = {
		{ filter_new, "x", FILTER_KEEP },
		{ files_with_matches_new, NULL, 0 }, { number_new, NULL, 0 }
	};
	struct harness_stage strip_keep_then_name[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ filter_new, "x", FILTER_KEEP },
		{ files_with_matches_new, NULL, 0 }, { number_new, NULL, 0 }
	};
	struct harness_stage extract_then_name[] = {
		{ extract_new, "x[0-9]", 0 }, { extract_new, "[0-9]", 0 },
		{ files_with_matches_new, NULL, 0 }, { number_new, NULL, 0 }
	};
	struct harness_stage uniq_then_name[] = {
		{ filter_new, "x", FILTER_KEEP }, { uniq_new, NULL, 0 },
		{ files_with_matches_new, NULL, 0 }, { number_new, NULL, 0 }
	};
	char *paths[4];

	make_files(paths, files, 4);
	/* FILE 1: lines 1, 2 (x1: named); FILE 2: 3, 4 (x4); FILE 4: 5. */
	EXPECT_FILES(paths, 4, &settings, keep_then_name,
	    "2\t%1\n4\t%2\n5\t%4\n");
	/* The plain-string prefilter passes lines over in the reader's
	 * block from the first line, and its window of candidates (x2,
	 * x3 after x1) goes with the FILE. */
	settings.prefilter_warmup = 1;
	EXPECT_FILES(paths, 4, &settings, keep_then_name,
	    "2\t%1\n4\t%2\n5\t%4\n");
	EXPECT_FILES(paths, 4, &settings, strip_keep_then_name,
	    "2\t%1\n4\t%2\n5\t%4\n");
	/* -o's matches still to come (there are none after 1 here, but
	 * the second -o is walking x1 when the FILE ends) go with it. */
	EXPECT_FILES(paths, 4, &settings, extract_then_name,
	    "2\t%1\n4\t%2\n5\t%4\n");
	/* -u cannot end a FILE: every line is read (FILE 1 has 6). */
	EXPECT_FILES(paths, 4, &settings, uniq_then_name,
	    "2\t%1\n8\t%2\n9\t%4\n");
	remove_files(paths, 4);
}
END_TEST

/* A FILE without end (/dev/zero, whose records under -z are empty) is
 * left at its first record, and the next FILE is read. */
START_TEST(files_with_matches_leaves_an_endless_file)
{
	static const char *const after[] = { "a\0b\0" };
	struct settings settings = harness_settings();
	struct harness_stage names[] = { { files_with_matches_new, NULL, 0 } };
	char *paths[2];

	settings.terminator = '\0';
	paths[0] = strdup("/dev/zero");
	paths[1] = harness_file(after[0], 4);
	EXPECT_FILES(paths, 2, &settings, names, "%1%0%2%0");
	unlink(paths[1]);
	free(paths[0]);
	free(paths[1]);
}
END_TEST

/* The reader's end of a FILE: the next record is the next FILE's first,
 * numbered after the last record handed out; a long record handed out
 * in part (a split piece, a truncated head) is a line all the same. */
static void
expect_skip_numbers(enum long_line_policy policy, uint64_t first,
    uint64_t next)
{
	static const char *const files[] = { "xxxxxxxxxx\ny\n", "z\n" };
	struct settings settings = harness_settings();
	char *paths[2];
	size_t size;

	make_files(paths, files, 2);
	settings.max_line = 4;
	settings.long_lines = policy;
	for (size = 1; size <= 64; size++) {
		struct diag diag;
		struct stage *reader;
		struct line line;

		settings.buffer_size = size;
		diag_init(&diag, NULL);
		reader = reader_new(paths, 2, &settings, &diag);
		ck_assert_ptr_nonnull(reader);
		ck_assert_int_eq(stage_next(reader, &line), 1);
		ck_assert_msg(line.lineno == first, "policy %d, buffer %zu: "
		    "first line %llu", (int)policy, size,
		    (unsigned long long)line.lineno);
		ck_assert_int_eq(stage_skip_file(reader), 1);
		ck_assert_int_eq(stage_next(reader, &line), 1);
		ck_assert_msg(line.lineno == next && line.len == 1 &&
		    line.ptr[0] == 'z', "policy %d, buffer %zu: then line "
		    "%llu", (int)policy, size, (unsigned long long)line.lineno);
		ck_assert_str_eq(line.source->name, paths[1]);
		ck_assert_uint_eq(line_in_file(&line), 1);
		ck_assert_int_eq(stage_next(reader, &line), 0);
		stage_free_chain(reader);
	}
	remove_files(paths, 2);
}

START_TEST(reader_skip_file_counts_a_long_record_it_leaves)
{
	expect_skip_numbers(LONG_LINES_SPLIT, 1, 2);
	expect_skip_numbers(LONG_LINES_TRUNCATE, 1, 2);
	/* Skipped whole: y, line 2, is the first handed out. */
	expect_skip_numbers(LONG_LINES_SKIP, 2, 3);
}
END_TEST

/* Each stage kind over the reader, asked to end the FILE of the line it
 * just handed out: the per-line ones pass it up and the next line is the
 * next FILE's first (not -o's second match in the same line); the others
 * cannot, and their next line is the FILE's next. */
START_TEST(skip_file_through_each_stage_kind)
{
	static const char *const files[] = { "x1 x2\nx3\n", "x4\n" };
	static const struct {
		stage_builder *build;
		const char *arg;
		int variant;
		int ends;		/* skip_file says 1 */
	} kinds[] = {
		{ strip_new, NULL, STRIP_BOTH, 1 },
		{ filter_new, "x", FILTER_KEEP, 1 },
		{ filter_new, "q", FILTER_DROP, 1 },
		{ replace_new, "s/x/y/", 0, 1 },
		{ extract_new, "x[0-9]", 0, 1 },
		{ fields_new, "1", 0, 1 },
		{ case_new, NULL, CASE_UPPER, 1 },
		{ number_new, NULL, 0, 1 },
		{ with_filename_new, NULL, 0, 1 },
		{ uniq_new, NULL, 0, 0 },
		{ skip_new, "0", 0, 0 },
		{ head_new, "5", 0, 0 },
	};
	struct settings settings = harness_settings();
	char *paths[2];
	size_t i;

	settings.prefilter_warmup = 1;
	make_files(paths, files, 2);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct diag diag;
		struct stage_args args = { NULL, kinds[i].arg, "-x",
		    kinds[i].variant, &settings, &diag, NO_CONTEXT, 0 };
		struct stage *stage;
		struct line line;

		diag_init(&diag, NULL);
		args.up = reader_new(paths, 2, &settings, &diag);
		ck_assert_ptr_nonnull(args.up);
		stage = kinds[i].build(&args);
		ck_assert_ptr_nonnull(stage);
		ck_assert_int_eq(stage_next(stage, &line), 1);
		ck_assert_uint_eq(line.lineno, 1);
		ck_assert_msg(stage_skip_file(stage) == kinds[i].ends,
		    "kind %zu: skip_file says %d", i, !kinds[i].ends);
		ck_assert_int_eq(stage_next(stage, &line), 1);
		ck_assert_msg(line.source->name == paths[kinds[i].ends] &&
		    line.lineno == 2, "kind %zu: then line %llu of %s", i,
		    (unsigned long long)line.lineno, line.source->name);
		stage_free_chain(stage);
	}
	remove_files(paths, 2);
}
END_TEST

START_TEST(files_with_matches_under_threads_names_each_file_once)
{
	struct settings settings = harness_settings();
	struct harness_stage keep_x[] = {
		{ filter_new, "x", FILTER_KEEP },
		{ files_with_matches_new, NULL, 0 }
	};
	char *paths[4];

	make_files(paths, four_files, 4);
	settings.threads = 2;
	EXPECT_FILES(paths, 4, &settings, keep_x, "%1\n%3\n%4\n");
	remove_files(paths, 4);
}
END_TEST

static Suite *
files_suite(void)
{
	Suite *suite = suite_create("files");
	TCase *with_filename = tcase_create("with_filename");
	TCase *files_with_matches = tcase_create("files_with_matches");

	tcase_add_test(with_filename, with_filename_prefixes_each_line);
	tcase_add_test(with_filename, with_filename_among_other_stages);
	tcase_add_test(with_filename, with_filename_names_standard_input);
	tcase_add_test(with_filename, with_filename_with_nul_records);
	tcase_add_test(with_filename,
	    with_filename_line_is_bounded_by_twice_max_line);
	tcase_add_test(files_with_matches,
	    files_with_matches_names_each_file_once);
	tcase_add_test(files_with_matches,
	    files_with_matches_names_a_file_given_twice_twice);
	tcase_add_test(files_with_matches,
	    files_with_matches_names_standard_input);
	tcase_add_test(files_with_matches,
	    files_with_matches_reads_no_more_of_a_named_file);
	tcase_add_test(files_with_matches,
	    files_with_matches_leaves_an_endless_file);
	tcase_add_test(files_with_matches,
	    reader_skip_file_counts_a_long_record_it_leaves);
	tcase_add_test(files_with_matches, skip_file_through_each_stage_kind);
	tcase_add_test(files_with_matches,
	    files_with_matches_under_threads_names_each_file_once);
	suite_add_tcase(suite, with_filename);
	suite_add_tcase(suite, files_with_matches);
	return suite;
}

int
main(void)
{
	return harness_run_suite(files_suite());
}
