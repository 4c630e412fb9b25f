/* check_source.c: sources behind the reader. Each format's input is made
 * with its own library's encoder (tests/common/encode.c), then read
 * through the real reader at every buffer size from 1 to 64 bytes and the
 * default: whole, concatenated, truncated and corrupt, empty and one byte
 * long. */
#include <config.h>

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "encode.h"
#include "input/decoder.h"
#include "harness.h"
#include "input/source_open.h"

struct format {
	const char *name;
	encoder *encode;
	/* The start of a stream whose next bytes are not valid. */
	const char *bad;
	size_t bad_len;
};

static const struct format formats[] = {
#ifdef HAVE_ZLIB
	/* Compression method 0xff. */
	{ "gzip", encode_gzip, "\x1f\x8b\xff\0\0\0\0\0\0\3junk", 14 },
#endif
#ifdef HAVE_ZSTD
	/* Reserved bit set in the frame header descriptor. */
	{ "zstd", encode_zstd, "\x28\xb5\x2f\xfd\x08junkjunk", 13 },
#endif
#ifdef HAVE_LZMA
	/* Stream flags with a wrong CRC32. */
	{ "xz", encode_xz, "\xfd" "7zXZ\0\0\1junkjunk", 15 },
#endif
#ifdef HAVE_BZIP2
	/* A block whose CRC and bits are nonsense. */
	{ "bzip2", encode_bzip2, "BZh91AY&SY\xff\xff\xff\xff\xff\xff\xff"
	    "\xff\xff\xff\xff\xff", 22 },
#endif
	{ NULL, NULL, NULL, 0 }	/* so that a build with none is valid C */
};

#define FORMAT_COUNT (sizeof formats / sizeof formats[0] - 1)

/* Lines of text, some long enough to cross the reader's buffer, the
 * last one without a newline. */
static struct bytes
sample_text(unsigned lines)
{
	struct bytes text = { NULL, 0, 0 };
	unsigned i;

	for (i = 0; i < lines; i++) {
		char line[160];
		int n = snprintf(line, sizeof line, "%u: %.*s ERROR %u\n", i,
		    (int)(i * 7 % 97), "the quick brown fox jumps over the "
		    "lazy dog while the compressed source hands it out in "
		    "pieces of every size", i * 31);

		bytes_add(&text, line, (size_t)n);
	}
	bytes_add(&text, "last line, no newline", 21);
	return text;
}

/* The reader over input at every buffer size writes expected, or with
 * damage (message not NULL) the same whole lines of expected at every
 * size, at least min_len bytes of them; and it reports one line
 * "sluice: FILE: " + message + anything (nothing when message is NULL). */
static void
expect_read_lines(const char *format, const struct bytes *input,
    const struct settings *base, const char *expected, size_t expected_len,
    size_t min_len, const char *message)
{
	size_t size, first_len = 0;

	for (size = 1; size <= 65; size++) {
		struct settings settings = *base;
		struct harness_result result;

		settings.buffer_size = size <= 64 ? size : DEFAULT_BUFFER_SIZE;
		harness_run(input->ptr, input->len, &settings, NULL, 0,
		    &result);
		ck_assert_msg(result.status == 0, "%s, buffer %zu: %s", format,
		    size, result.error);
		if (message == NULL) {
			ck_assert_msg(result.out_len == expected_len &&
			    memcmp(result.out, expected, expected_len) == 0,
			    "%s, buffer %zu: wrote %zu bytes, expected %zu",
			    format, size, result.out_len, expected_len);
			ck_assert_msg(result.errors == 0 &&
			    result.warnings[0] == '\0', "%s, buffer %zu: %s",
			    format, size, result.warnings);
		} else {
			/* "sluice: /tmp/sluice-unit-XXXXXX: " + message */
			const char *text = strchr(result.warnings, ' ');

			if (size == 1)
				first_len = result.out_len;
			ck_assert_msg(result.out_len >= min_len &&
			    result.out_len == first_len &&
			    result.out_len <= expected_len &&
			    memcmp(result.out, expected, result.out_len) == 0 &&
			    (result.out_len == 0 ||
			    result.out[result.out_len - 1] == '\n'),
			    "%s, buffer %zu: wrote \"%.100s\" (%zu bytes; %zu at "
			    "size 1), not whole lines of \"%.100s\"", format, size,
			    result.out, result.out_len, first_len, expected);
			ck_assert_uint_eq(result.errors, 1);
			text = text != NULL ? strstr(text, ": ") : NULL;
			ck_assert_msg(text != NULL &&
			    strncmp(text + 2, message, strlen(message)) == 0 &&
			    strchr(text, '\n') == strrchr(result.warnings,
			    '\n') && strchr(text, '\n')[1] == '\0',
			    "%s, buffer %zu: message \"%s\", expected \"%s\"",
			    format, size, result.warnings, message);
		}
		harness_result_free(&result);
	}
}

static void
expect_read(const char *format, const struct bytes *input,
    const struct settings *base, const char *expected, size_t expected_len)
{
	expect_read_lines(format, input, base, expected, expected_len, 0,
	    NULL);
}

static struct settings
default_settings(void)
{
	struct settings settings;

	settings_init(&settings);
	return settings;
}

START_TEST(each_format_reads_back_exactly)
{
	struct settings settings = default_settings();
	struct bytes text = sample_text(300), packed = { NULL, 0, 0 };
	const struct format *format = &formats[_i];

	format->encode(&packed, text.ptr, text.len);
	expect_read(format->name, &packed, &settings, text.ptr, text.len);
	free(packed.ptr);
	free(text.ptr);
}
END_TEST

START_TEST(concatenated_streams_are_one)
{
	struct settings settings = default_settings();
	struct bytes text = sample_text(40), packed = { NULL, 0, 0 };
	struct bytes want = { NULL, 0, 0 };
	const struct format *format = &formats[_i];

	/* The first stream ends inside a line: the line goes on in the
	 * second, as with cat a b. */
	format->encode(&packed, text.ptr, text.len);
	format->encode(&packed, "", 0);
	format->encode(&packed, "\nsecond\n", 8);
	bytes_add(&want, text.ptr, text.len);
	bytes_add(&want, "\nsecond\n", 8);
	expect_read(format->name, &packed, &settings, want.ptr, want.len);
	free(want.ptr);
	free(packed.ptr);
	free(text.ptr);
}
END_TEST

/* A first whole stream ("one\ntwo\nthr") followed by damage: the whole
 * lines come out ("three" too, when the decoder got that far), the line
 * the damage cut does not. */
static void
expect_damage(const struct format *format, const struct bytes *packed,
    const char *message)
{
	struct settings settings = default_settings();

	expect_read_lines(format->name, packed, &settings,
	    "one\ntwo\nthree\nfour\n", 19, 8, message);
}

START_TEST(truncated_streams_keep_whole_lines_only)
{
	const struct format *format = &formats[_i];
	struct bytes first = { NULL, 0, 0 }, whole = { NULL, 0, 0 };
	char message[256];
	size_t cut;

	format->encode(&first, "one\ntwo\nthr", 11);
	bytes_add(&whole, first.ptr, first.len);
	format->encode(&whole, "ee\nfour\n", 8);
	/* Cut the second stream after its first byte, every third byte
	 * after that, and its last byte but one. */
	for (cut = first.len + 1; cut < whole.len; cut += 3) {
		if (cut + 3 >= whole.len)
			cut = whole.len - 1;
		struct bytes packed = { NULL, 0, 0 };

		bytes_add(&packed, whole.ptr, cut);
		snprintf(message, sizeof message, "%s data truncated at "
		    "compressed byte %zu", format->name, cut);
		expect_damage(format, &packed, message);
		free(packed.ptr);
	}
	free(whole.ptr);
	free(first.ptr);
}
END_TEST

START_TEST(corrupt_streams_keep_whole_lines_only)
{
	const struct format *format = &formats[_i];
	struct bytes packed = { NULL, 0, 0 };
	char message[256];

	format->encode(&packed, "one\ntwo\nthr", 11);
	snprintf(message, sizeof message, "%s data corrupt at compressed "
	    "byte ", format->name);
	bytes_add(&packed, format->bad, format->bad_len);
	expect_damage(format, &packed, message);
	free(packed.ptr);
}
END_TEST

START_TEST(short_inputs_are_plain_bytes)
{
	/* Nothing, one byte, and every proper start of a magic: too short
	 * to be compressed, so they are text as they are. */
	static const struct {
		const char *bytes;
		size_t len;
	} inputs[] = {
		{ "", 0 }, { "x", 1 }, { "\n", 1 }, { "\x1f", 1 },
		{ "\x28\xb5\x2f", 3 }, { "\xfd" "7zXZ", 5 }, { "BZh9", 4 },
		{ "BZh91AY&S", 9 }, { "\x1f\x8a rest\n", 8 },
		{ "BZh is not bzip2\n", 17 },
	};
	struct settings settings = default_settings();
	size_t i;

	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		struct bytes input = { NULL, 0, 0 };

		bytes_add(&input, inputs[i].bytes, inputs[i].len);
		expect_read("plain", &input, &settings, inputs[i].bytes,
		    inputs[i].len);
		free(input.ptr);
	}
}
END_TEST

START_TEST(decompress_none_passes_the_bytes)
{
	const struct format *format = &formats[_i];
	struct settings settings = default_settings();
	struct bytes text = sample_text(20), packed = { NULL, 0, 0 };

	settings.decompress = DECOMPRESS_NONE;
	format->encode(&packed, text.ptr, text.len);
	expect_read(format->name, &packed, &settings, packed.ptr, packed.len);
	free(packed.ptr);
	free(text.ptr);
}
END_TEST

/* The bytes a source hands out, read cap bytes at a time. */
static struct bytes
read_source(struct source *source, size_t cap, struct diag *diag,
    ssize_t *last)
{
	struct bytes got = { NULL, 0, 0 };
	char buf[4096];
	ssize_t n;

	ck_assert_uint_le(cap, sizeof buf);
	bytes_add(&got, "", 0);
	while ((n = source_read(source, buf, cap, diag)) > 0)
		bytes_add(&got, buf, (size_t)n);
	*last = n;
	return got;
}

/* A FILE holding input, opened the way source_open does it. */
static int
open_bytes(const struct bytes *input, char **path)
{
	int fd;

	*path = harness_file(input->ptr, input->len);
	fd = open(*path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	return fd;
}

#ifdef HAVE_ZLIB
/* Where ISA-L decodes gzip, zlib's decoder is tested on its own. */
START_TEST(zlib_decodes_gzip_too)
{
	struct settings settings = default_settings();
	struct bytes text = sample_text(300), packed = { NULL, 0, 0 }, got;
	struct source *source;
	struct diag diag;
	char *path;
	ssize_t last;
	size_t cap, cut;

	diag_init(&diag, NULL);
	encode_gzip(&packed, text.ptr, text.len);
	encode_gzip(&packed, "\nmore\n", 6);
	for (cap = 1; cap <= 4096; cap *= 4) {
		source = source_decode_new(open_bytes(&packed, &path), "x",
		    NULL, 0, &gzip_zlib_decoder, &settings, &diag);
		ck_assert_ptr_nonnull(source);
		got = read_source(source, cap, &diag, &last);
		ck_assert_int_eq(last, 0);
		ck_assert_uint_eq(got.len, text.len + 6);
		ck_assert(memcmp(got.ptr, text.ptr, text.len) == 0);
		ck_assert_str_eq(got.ptr + text.len, "\nmore\n");
		source_close(source);
		unlink(path);
		free(path);
		free(got.ptr);
	}
	/* Cut short anywhere: an error, once, after a prefix of the text. */
	for (cut = 1; cut < packed.len; cut += 97) {
		struct bytes part = { NULL, 0, 0 };

		bytes_add(&part, packed.ptr, cut);
		source = source_decode_new(open_bytes(&part, &path), "x",
		    NULL, 0, &gzip_zlib_decoder, &settings, &diag);
		ck_assert_ptr_nonnull(source);
		got = read_source(source, 4096, &diag, &last);
		ck_assert_int_eq(last, -1);
		ck_assert(got.len <= text.len &&
		    memcmp(got.ptr, text.ptr, got.len) == 0);
		source_close(source);
		unlink(path);
		free(path);
		free(got.ptr);
		free(part.ptr);
	}
	ck_assert_uint_eq(diag.errors, (packed.len - 2) / 97 + 1);
	free(packed.ptr);
	free(text.ptr);
}
END_TEST
#endif

#ifdef HAVE_ZSTD
START_TEST(zstd_window_is_capped)
{
	struct settings settings = default_settings();
	struct bytes text = sample_text(50), packed = { NULL, 0, 0 };

	/* 256 MiB asked for: over the default cap, within a raised one. */
	encode_zstd_window(&packed, text.ptr, text.len, 28);
	expect_read_lines("zstd", &packed, &settings, text.ptr, text.len, 0,
	    "zstd data at compressed byte 0 needs a window over "
	    "--max-window=128M; raise --max-window to read it");
	settings.max_window = (size_t)256 << 20;
	expect_read("zstd", &packed, &settings, text.ptr, text.len);
	free(packed.ptr);
	free(text.ptr);
}
END_TEST
#endif

START_TEST(closing_early_stops_the_decoder)
{
	const struct format *format = &formats[_i];
	struct settings settings = default_settings();
	struct bytes text = sample_text(2000), packed = { NULL, 0, 0 };
	struct source *source;
	struct diag diag;
	char buf[10], *path;
	size_t i;

	diag_init(&diag, NULL);
	/* Much more than the ring holds, so the thread is waiting. */
	for (i = 0; i < 20; i++)
		format->encode(&packed, text.ptr, text.len);
	path = harness_file(packed.ptr, packed.len);
	source = source_open(path, &settings, &diag);
	ck_assert_ptr_nonnull(source);
	ck_assert_int_eq(source_read(source, buf, sizeof buf, &diag), 10);
	ck_assert(memcmp(buf, text.ptr, 10) == 0);
	source_close(source);
	ck_assert_uint_eq(diag.errors, 0);
	unlink(path);
	free(path);
	free(packed.ptr);
	free(text.ptr);
}
END_TEST

static Suite *
source_suite(void)
{
	Suite *suite = suite_create("source");
	TCase *formats_case = tcase_create("formats");

	tcase_add_loop_test(formats_case, each_format_reads_back_exactly, 0,
	    FORMAT_COUNT);
	tcase_add_loop_test(formats_case, concatenated_streams_are_one, 0,
	    FORMAT_COUNT);
	tcase_add_loop_test(formats_case,
	    truncated_streams_keep_whole_lines_only, 0, FORMAT_COUNT);
	tcase_add_loop_test(formats_case,
	    corrupt_streams_keep_whole_lines_only, 0, FORMAT_COUNT);
	tcase_add_loop_test(formats_case, decompress_none_passes_the_bytes, 0,
	    FORMAT_COUNT);
	tcase_add_loop_test(formats_case, closing_early_stops_the_decoder, 0,
	    FORMAT_COUNT);
	tcase_add_test(formats_case, short_inputs_are_plain_bytes);
#ifdef HAVE_ZLIB
	tcase_add_test(formats_case, zlib_decodes_gzip_too);
#endif
#ifdef HAVE_ZSTD
	tcase_add_test(formats_case, zstd_window_is_capped);
#endif
	suite_add_tcase(suite, formats_case);
	return suite;
}

int
main(void)
{
	return harness_run_suite(source_suite());
}
