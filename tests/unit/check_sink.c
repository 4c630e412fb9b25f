/* check_sink.c: the buffered writer: line endings, lines and blocks larger
 * than its buffer, the group separator, line buffering, a closed pipe and
 * a full disk. */
#include <config.h>

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#include "output/sink.h"

#define SINK_BUFFER ((size_t)128 << 10)	/* sink.c's buffer size */

/* The settings of a run that writes to a file, not a terminal. */
static struct line
line_of(const char *bytes, size_t len, int eol)
{
	static const struct line_source source = { "(test)", 0 };
	struct line line = {
		.ptr = bytes, .len = len, .lineno = 1, .source = &source,
		.eol = eol
	};

	return line;
}

static off_t
file_size(FILE *file)
{
	struct stat status;

	ck_assert_int_eq(fstat(fileno(file), &status), 0);
	return status.st_size;
}

/* Everything written to file so far; the caller frees it. */
static char *
file_bytes(FILE *file, size_t *len)
{
	off_t size = file_size(file);
	char *bytes = malloc((size_t)size + 1);

	ck_assert_ptr_nonnull(bytes);
	ck_assert_int_eq(pread(fileno(file), bytes, (size_t)size, 0),
	    (ssize_t)size);
	bytes[size] = '\0';
	*len = (size_t)size;
	return bytes;
}

/* The offset of the first byte where a and b differ, or len. */
static size_t
first_difference(const char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len && a[i] == b[i]; i++)
		continue;
	return i;
}

/* The file holds exactly expected; a failure shows where it differs. */
static void
expect_file(FILE *file, const char *expected, size_t expected_len)
{
	size_t len, at;
	char *bytes = file_bytes(file, &len);

	at = first_difference(bytes, expected,
	    len < expected_len ? len : expected_len);
	ck_assert_msg(len == expected_len && at == len, "file holds %zu "
	    "bytes, expected %zu; they differ from byte %zu: \"%.20s\" "
	    "instead of \"%.20s\"", len, expected_len, at, bytes + at,
	    expected + at);
	free(bytes);
}

/* A sink over a fresh temporary file. */
static FILE *
open_sink(struct sink *sink, const struct settings *settings)
{
	FILE *file = tmpfile();

	ck_assert_ptr_nonnull(file);
	ck_assert_int_eq(sink_init(sink, fileno(file), "(test output)",
	    settings), 0);
	return file;
}

/* Writes lines, given as text and eol pairs, then flushes; every call
 * must succeed. */
static void
write_lines(struct sink *sink, const struct line *lines, size_t count)
{
	struct diag diag;
	size_t i;

	diag_init(&diag, NULL);
	for (i = 0; i < count; i++)
		ck_assert_int_eq(sink_write(sink, &lines[i], &diag), 0);
	ck_assert_int_eq(sink_flush(sink, &diag), 0);
	ck_assert_str_eq(diag.message, "");
}

START_TEST(lines_keep_or_lack_their_terminator)
{
	struct settings settings = harness_settings();
	struct sink sink;
	FILE *file = open_sink(&sink, &settings);
	struct line lines[] = {
		line_of("a", 1, LINE_END_PLAIN), line_of("", 0, LINE_END_PLAIN),
		line_of("b\0c", 3, LINE_END_PLAIN),
		line_of("last", 4, LINE_END_NONE),
	};

	write_lines(&sink, lines, 4);
	expect_file(file, "a\n\nb\0c\nlast", 11);
	ck_assert_uint_eq(sink.lines, 4);
	ck_assert_uint_eq(sink.bytes, 11);
	sink_free(&sink);
	fclose(file);
}
END_TEST

START_TEST(nothing_written_before_the_flush)
{
	struct settings settings = harness_settings();
	struct diag diag;
	struct sink sink;
	FILE *file = open_sink(&sink, &settings);
	struct line line = line_of("abc", 3, LINE_END_PLAIN);

	diag_init(&diag, NULL);
	ck_assert_int_eq(sink_write(&sink, &line, &diag), 0);
	ck_assert_int_eq(file_size(file), 0);
	ck_assert_int_eq(sink_flush(&sink, &diag), 0);
	expect_file(file, "abc\n", 4);
	/* A second flush has nothing left to write. */
	ck_assert_int_eq(sink_flush(&sink, &diag), 0);
	expect_file(file, "abc\n", 4);
	sink_free(&sink);
	fclose(file);
}
END_TEST

START_TEST(nul_terminator_setting)
{
	struct settings settings = harness_settings();
	struct sink sink;
	FILE *file;
	struct line lines[] = {
		line_of("a\nb", 3, LINE_END_PLAIN), line_of("", 0, LINE_END_PLAIN),
		line_of("c", 1, LINE_END_NONE),
	};

	settings.terminator = '\0';
	file = open_sink(&sink, &settings);
	write_lines(&sink, lines, 3);
	expect_file(file, "a\nb\0\0c", 6);
	sink_free(&sink);
	fclose(file);
}
END_TEST

START_TEST(crlf_ending_writes_cr_lf)
{
	struct settings settings = harness_settings();
	struct sink sink;
	FILE *file;
	struct line lines[] = {
		line_of("a", 1, LINE_END_CRLF), line_of("", 0, LINE_END_CRLF),
		line_of("b\r", 2, LINE_END_PLAIN), line_of("c", 1, LINE_END_CRLF),
		line_of("d", 1, LINE_END_NONE),
	};

	file = open_sink(&sink, &settings);
	write_lines(&sink, lines, 5);
	expect_file(file, "a\r\n\r\nb\r\nc\r\nd", 12);
	sink_free(&sink);
	fclose(file);
}
END_TEST

/* --crlf puts a \r back only where the reader took one off: the line's
 * ending says so, the setting adds none of its own. */
START_TEST(crlf_setting_adds_no_carriage_return)
{
	struct settings settings = harness_settings();
	struct sink sink;
	FILE *file;
	struct line lines[] = {
		line_of("a", 1, LINE_END_PLAIN), line_of("b", 1, LINE_END_CRLF),
		line_of("c", 1, LINE_END_NONE),
	};

	settings.crlf = 1;
	file = open_sink(&sink, &settings);
	write_lines(&sink, lines, 3);
	expect_file(file, "a\nb\r\nc", 6);
	sink_free(&sink);
	fclose(file);
}
END_TEST

/* Writes "small", a line of big_len bytes, and "after", each ending with
 * \r\n when crlf, and checks that they arrive whole and in order. */
static void
expect_big_line_in_order(size_t big_len, int crlf)
{
	struct settings settings = harness_settings();
	int eol = crlf ? LINE_END_CRLF : LINE_END_PLAIN;
	const char *ending = crlf ? "\r\n" : "\n";
	size_t ending_len = strlen(ending);
	size_t expected_len = 5 + big_len + 5 + 3 * ending_len, at = 0, i;
	char *big = malloc(big_len), *expected = malloc(expected_len);
	struct sink sink;
	FILE *file;
	struct line lines[3];

	ck_assert_ptr_nonnull(big);
	ck_assert_ptr_nonnull(expected);
	for (i = 0; i < big_len; i++)
		big[i] = (char)('a' + i % 23);
	lines[0] = line_of("small", 5, eol);
	lines[1] = line_of(big, big_len, eol);
	lines[2] = line_of("after", 5, eol);
	file = open_sink(&sink, &settings);
	write_lines(&sink, lines, 3);
	for (i = 0; i < 3; i++) {
		memcpy(expected + at, lines[i].ptr, lines[i].len);
		at += lines[i].len;
		memcpy(expected + at, ending, ending_len);
		at += ending_len;
	}
	ck_assert_uint_eq(at, expected_len);
	expect_file(file, expected, expected_len);
	sink_free(&sink);
	fclose(file);
	free(big);
	free(expected);
}

START_TEST(line_larger_than_the_buffer_is_written_whole)
{
	expect_big_line_in_order(200 << 10, 0);
	expect_big_line_in_order(3 * SINK_BUFFER + 7, 1);
}
END_TEST

START_TEST(lines_at_the_buffer_size_are_written_whole)
{
	size_t len;

	for (len = SINK_BUFFER - 8; len <= SINK_BUFFER + 2; len++) {
		expect_big_line_in_order(len, 0);
		expect_big_line_in_order(len, 1);
	}
}
END_TEST

START_TEST(many_small_lines_cross_the_buffer_in_order)
{
	struct settings settings = harness_settings();
	struct diag diag;
	struct sink sink;
	FILE *file = open_sink(&sink, &settings);
	size_t total = 0, i, len;
	char text[32], *bytes;

	diag_init(&diag, NULL);
	for (i = 0; i < 50000; i++) {
		struct line line;

		line = line_of(text, (size_t)snprintf(text, sizeof text,
		    "%zu", i), LINE_END_PLAIN);
		ck_assert_int_eq(sink_write(&sink, &line, &diag), 0);
		total += line.len + 1;
	}
	ck_assert_int_eq(sink_flush(&sink, &diag), 0);
	bytes = file_bytes(file, &len);
	ck_assert_uint_eq(len, total);
	for (i = 0, total = 0; i < 50000; i++) {
		int n = snprintf(text, sizeof text, "%zu\n", i);

		ck_assert_msg(memcmp(bytes + total, text, (size_t)n) == 0,
		    "line %zu out of place", i);
		total += (size_t)n;
	}
	free(bytes);
	sink_free(&sink);
	fclose(file);
}
END_TEST

/* Writes "small", then a block of block_len bytes of whole lines, then
 * "after", and checks that all arrive in that order. */
static void
expect_block_in_order(size_t block_len)
{
	struct settings settings = harness_settings();
	struct line small = line_of("small", 5, LINE_END_PLAIN);
	struct line after = line_of("after", 5, LINE_END_PLAIN);
	size_t expected_len = 6 + block_len + 6, i;
	char *block = malloc(block_len), *expected = malloc(expected_len);
	uint64_t lines = 0;
	struct diag diag;
	struct sink sink;
	FILE *file;

	ck_assert_ptr_nonnull(block);
	ck_assert_ptr_nonnull(expected);
	for (i = 0; i < block_len; i++) {
		block[i] = i % 64 == 63 || i == block_len - 1 ? '\n'
		    : (char)('a' + i % 26);
		lines += block[i] == '\n';
	}
	memcpy(expected, "small\n", 6);
	memcpy(expected + 6, block, block_len);
	memcpy(expected + 6 + block_len, "after\n", 6);
	diag_init(&diag, NULL);
	file = open_sink(&sink, &settings);
	ck_assert_int_eq(sink_write(&sink, &small, &diag), 0);
	ck_assert_int_eq(sink_write_block(&sink, block, block_len, lines,
	    &diag), 0);
	ck_assert_int_eq(sink_write(&sink, &after, &diag), 0);
	ck_assert_int_eq(sink_flush(&sink, &diag), 0);
	ck_assert_uint_eq(sink.lines, lines + 2);
	expect_file(file, expected, expected_len);
	sink_free(&sink);
	fclose(file);
	free(block);
	free(expected);
}

/* The group separator: before a record that follows a gap, once a record
 * was written; a separator longer than the buffer goes straight out, in
 * its place. */
START_TEST(group_separator_goes_before_a_record_after_a_gap)
{
	static const size_t lengths[] = { 0, 2, SINK_BUFFER - 1, SINK_BUFFER,
		3 * SINK_BUFFER + 7 };
	size_t i;

	for (i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
		struct settings settings = harness_settings();
		char *separator = malloc(lengths[i] + 1), *want;
		struct line lines[] = {
			line_of("a", 1, LINE_END_PLAIN),
			line_of("b", 1, LINE_END_PLAIN),
			line_of("c", 1, LINE_END_NONE),
		};
		size_t want_len = 4 + lengths[i] + 2, got_len;
		struct sink sink;
		FILE *file;
		char *got;

		ck_assert_ptr_nonnull(separator);
		memset(separator, '-', lengths[i]);
		separator[lengths[i]] = '\0';
		settings.group_separator = separator;
		/* The first record follows a gap too: nothing goes before
		 * it. */
		lines[0].after_gap = lines[2].after_gap = 1;
		file = open_sink(&sink, &settings);
		write_lines(&sink, lines, 3);
		want = malloc(want_len);
		ck_assert_ptr_nonnull(want);
		memcpy(want, "a\nb\n", 4);
		memcpy(want + 4, separator, lengths[i]);
		memcpy(want + 4 + lengths[i], "\nc", 2);
		got = file_bytes(file, &got_len);
		ck_assert_uint_eq(got_len, want_len);
		ck_assert_msg(memcmp(got, want, got_len) == 0, "separator of "
		    "%zu bytes: differs at %zu", lengths[i],
		    first_difference(got, want, got_len));
		ck_assert_uint_eq(sink.lines, 3);
		free(got);
		free(want);
		free(separator);
		sink_free(&sink);
		fclose(file);
	}
}
END_TEST

START_TEST(no_group_separator_writes_nothing)
{
	struct settings settings = harness_settings();
	struct sink sink;
	FILE *file;
	struct line lines[] = {
		line_of("a", 1, LINE_END_PLAIN), line_of("b", 1, LINE_END_PLAIN),
	};

	settings.group_separator = NULL;
	lines[1].after_gap = 1;
	file = open_sink(&sink, &settings);
	write_lines(&sink, lines, 2);
	expect_file(file, "a\nb\n", 4);
	sink_free(&sink);
	fclose(file);
}
END_TEST

START_TEST(blocks_keep_their_place_among_lines)
{
	expect_block_in_order(4);
	expect_block_in_order(1000);
	expect_block_in_order(SINK_BUFFER / 2);
	expect_block_in_order(SINK_BUFFER / 2 + 1);
	expect_block_in_order(100 << 10);
	expect_block_in_order(SINK_BUFFER - 6);
	expect_block_in_order(SINK_BUFFER);
	expect_block_in_order(3 * SINK_BUFFER + 5);
}
END_TEST

START_TEST(line_buffered_setting_flushes_every_line)
{
	struct settings settings = harness_settings();
	struct diag diag;
	struct sink sink;
	FILE *file;
	struct line lines[] = {
		line_of("one", 3, LINE_END_PLAIN), line_of("", 0, LINE_END_PLAIN),
		line_of("three", 5, LINE_END_PLAIN),
		line_of("end", 3, LINE_END_NONE),
	};
	off_t sizes[] = { 4, 5, 11, 14 };
	size_t i;

	settings.line_buffering = LINE_BUFFERED_ALWAYS;
	file = open_sink(&sink, &settings);
	diag_init(&diag, NULL);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(sink_write(&sink, &lines[i], &diag), 0);
		ck_assert_int_eq(file_size(file), sizes[i]);
	}
	expect_file(file, "one\n\nthree\nend", 14);
	sink_free(&sink);
	fclose(file);
}
END_TEST

START_TEST(closed_pipe_is_reported_as_closed)
{
	struct settings settings = harness_settings();
	struct line line = line_of("lost", 4, LINE_END_PLAIN);
	struct diag diag;
	struct sink sink;
	int ends[2];

	ck_assert(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	ck_assert_int_eq(pipe(ends), 0);
	close(ends[0]);
	diag_init(&diag, NULL);
	ck_assert_int_eq(sink_init(&sink, ends[1], "(pipe)", &settings), 0);
	ck_assert_int_eq(sink_write(&sink, &line, &diag), 0);
	ck_assert_int_eq(sink_flush(&sink, &diag), SINK_CLOSED);
	/* Closed is quiet: no error to print. */
	ck_assert_str_eq(diag.message, "");
	sink_free(&sink);
	settings.line_buffering = LINE_BUFFERED_ALWAYS;
	ck_assert_int_eq(sink_init(&sink, ends[1], "(pipe)", &settings), 0);
	ck_assert_int_eq(sink_write(&sink, &line, &diag), SINK_CLOSED);
	ck_assert_str_eq(diag.message, "");
	sink_free(&sink);
	close(ends[1]);
}
END_TEST

START_TEST(full_device_is_a_write_error)
{
	struct settings settings = harness_settings();
	struct line line = line_of("data", 4, LINE_END_PLAIN);
	struct diag diag;
	struct sink sink;
	int fd = open("/dev/full", O_WRONLY);
	char *big = calloc(1, 2 * SINK_BUFFER);

	ck_assert_int_ge(fd, 0);
	ck_assert_ptr_nonnull(big);
	diag_init(&diag, NULL);
	ck_assert_int_eq(sink_init(&sink, fd, "(full)", &settings), 0);
	ck_assert_int_eq(sink_write(&sink, &line, &diag), 0);
	ck_assert_int_eq(sink_flush(&sink, &diag), -1);
	ck_assert_msg(strstr(diag.message, "(full)") != NULL &&
	    strstr(diag.message, "No space left on device") != NULL,
	    "message: %s", diag.message);
	/* A line too big for the buffer fails in sink_write itself. */
	diag_init(&diag, NULL);
	line = line_of(big, 2 * SINK_BUFFER, LINE_END_PLAIN);
	ck_assert_int_eq(sink_write(&sink, &line, &diag), -1);
	ck_assert_ptr_nonnull(strstr(diag.message, "No space left on device"));
	sink_free(&sink);
	close(fd);
	free(big);
}
END_TEST

static Suite *
sink_suite(void)
{
	Suite *suite = suite_create("sink");
	TCase *lines = tcase_create("lines");
	TCase *sizes = tcase_create("sizes");
	TCase *errors = tcase_create("errors");

	tcase_add_test(lines, lines_keep_or_lack_their_terminator);
	tcase_add_test(lines, nothing_written_before_the_flush);
	tcase_add_test(lines, nul_terminator_setting);
	tcase_add_test(lines, crlf_ending_writes_cr_lf);
	tcase_add_test(lines, crlf_setting_adds_no_carriage_return);
	tcase_add_test(lines, line_buffered_setting_flushes_every_line);
	tcase_add_test(sizes, line_larger_than_the_buffer_is_written_whole);
	tcase_add_test(sizes, lines_at_the_buffer_size_are_written_whole);
	tcase_add_test(sizes, many_small_lines_cross_the_buffer_in_order);
	tcase_add_test(sizes, blocks_keep_their_place_among_lines);
	tcase_add_test(sizes, group_separator_goes_before_a_record_after_a_gap);
	tcase_add_test(lines, no_group_separator_writes_nothing);
	tcase_add_test(errors, closed_pipe_is_reported_as_closed);
	tcase_add_test(errors, full_device_is_a_write_error);
	suite_add_tcase(suite, lines);
	suite_add_tcase(suite, sizes);
	suite_add_tcase(suite, errors);
	return suite;
}

int
main(void)
{
	return harness_run_suite(sink_suite());
}
