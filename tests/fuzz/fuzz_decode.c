/* fuzz_decode.c: the decoders (gzip, zstd, xz, bzip2) on damaged streams,
 * read through the real reader as any FILE is. A valid stream of a fixed
 * text is made at the first use of each kind with the format's own
 * library; the input damages it: bytes changed, cut, put in, garbage
 * after it. Then the reader must end, never crash or hang, with either
 *   - no error: and, where the stream was not damaged, exactly the text;
 *   - one error, "sluice: FILE: FORMAT data ... compressed byte N" with N
 *     within the stream, after whole records only (the one the damage
 *     cut short is not handed on), as the man page's damage rules say.
 * A damaged magic makes the FILE plain bytes, with no error.
 *
 * The input: a byte of choices (format, text, streams, --buffer-size;
 * CHOICE_*), then edits of EDIT_SIZE bytes each: a kind, a 16-bit offset
 * (modulo the stream's length + 1) and a value. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "encode.h"
#include "fuzz.h"
#include "input/reader.h"

#define EDIT_SIZE 4
enum { EDIT_XOR, EDIT_CUT, EDIT_INSERT, EDIT_APPEND_REST };

/* The choices byte: the format (bits 0-1), the long text (bit 2), the
 * text as two streams (bit 3), --buffer-size (bits 4-5). */
#define CHOICE_LONG 4
#define CHOICE_TWO_STREAMS 8
static const size_t buffer_sizes[] = { 16, 512, 4096, 65536 };

/* The formats, in the order the choices byte picks them; one this build
 * cannot make or read (NULL) is left alone. */
static const struct {
	const char *name;
	encoder *encode;
} formats[] = {
#ifdef HAVE_ZLIB
	{ "gzip", encode_gzip },
#else
	{ "gzip", NULL },
#endif
#ifdef HAVE_ZSTD
	{ "zstd", encode_zstd },
#else
	{ "zstd", NULL },
#endif
#ifdef HAVE_LZMA
	{ "xz", encode_xz },
#else
	{ "xz", NULL },
#endif
#ifdef HAVE_BZIP2
	{ "bzip2", encode_bzip2 },
#else
	{ "bzip2", NULL },
#endif
};

#define FORMAT_COUNT (sizeof formats / sizeof formats[0])

/* The text: log lines, the last without a newline (so the record without
 * a terminator is checked too); long, it is over a decoder's slot (128
 * KiB) and many reader buffers. */
static const struct bytes *
text_of(int is_long)
{
	static struct bytes texts[2];
	struct bytes *text = &texts[is_long];
	unsigned lines = is_long ? 6000 : 40, i;

	if (text->ptr != NULL)
		return text;
	for (i = 0; i < lines; i++) {
		char line[200];
		int n = snprintf(line, sizeof line, "%u %s blk_%u: %.*s\n",
		    i * 7919 % 100000, i % 9 == 0 ? "ERROR" : "INFO", i * 31,
		    (int)(i * 13 % 97), "Receiving block src: /10.250.19.102:"
		    "54106 dest: /10.250.19.102:50010 of size 67108864 from "
		    "the DataNode");

		bytes_add(text, line, (size_t)n);
	}
	bytes_add(text, "last line, no newline", 21);
	return text;
}

/* The valid compressed text for the choices, made once. */
static const struct bytes *
stream_of(unsigned choices)
{
	static struct bytes streams[FORMAT_COUNT][2][2];
	unsigned format = choices % FORMAT_COUNT;
	int is_long = (choices & CHOICE_LONG) != 0;
	int two = (choices & CHOICE_TWO_STREAMS) != 0;
	struct bytes *stream = &streams[format][is_long][two];
	const struct bytes *text = text_of(is_long);

	if (stream->ptr != NULL)
		return stream;
	if (!two) {
		formats[format].encode(stream, text->ptr, text->len);
		return stream;
	}
	/* Cut inside a line: it goes on in the second stream, as with
	 * cat a b. */
	formats[format].encode(stream, text->ptr, text->len / 3);
	formats[format].encode(stream, text->ptr + text->len / 3,
	    text->len - text->len / 3);
	return stream;
}

/* stream with the input's edits made; 1 when it changed. */
static int
damage(const struct bytes *stream, const uint8_t *edits, size_t size,
    struct bytes *out)
{
	size_t i;

	memset(out, 0, sizeof *out);
	bytes_add(out, stream->ptr, stream->len);
	for (i = 0; i + EDIT_SIZE <= size; i += EDIT_SIZE) {
		size_t at = ((size_t)edits[i + 1] << 8 | edits[i + 2]) %
		    (out->len + 1);
		uint8_t value = edits[i + 3];

		switch (edits[i] % 4) {
		case EDIT_XOR:
			if (at < out->len)
				out->ptr[at] ^= value;
			break;
		case EDIT_CUT:
			out->len = at;
			break;
		case EDIT_INSERT:
			bytes_add(out, "", 1);
			memmove(out->ptr + at + 1, out->ptr + at,
			    out->len - 1 - at);
			out->ptr[at] = value;
			break;
		default:
			bytes_add(out, edits + i + 1, size - i - 1);
			i = size;
			break;
		}
	}
	return out->len != stream->len ||
	    memcmp(out->ptr, stream->ptr, out->len) != 0;
}

/* What the reader handed out. */
struct result {
	struct bytes records;	/* each with its terminator, if it had one */
	int all_whole;		/* every record had its terminator */
	int end;		/* stage_next's last: 0 or -1 */
	char *errors;		/* what diag printed */
	size_t errors_len;
	unsigned error_count;
	char message[sizeof ((struct diag *)NULL)->message];
};

static void
read_all(char *const *path, size_t buffer_size, struct result *result)
{
	struct settings settings;
	struct diag diag;
	struct stage *reader;
	struct line line;
	FILE *errors;

	memset(result, 0, sizeof *result);
	result->all_whole = 1;
	errors = open_memstream(&result->errors, &result->errors_len);
	FUZZ_CHECK(errors != NULL, "open_memstream failed");
	fuzz_settings(&settings);
	settings.decompress = DECOMPRESS_AUTO;
	settings.buffer_size = buffer_size;
	diag_init(&diag, errors);
	reader = reader_new(path, 1, &settings, &diag);
	FUZZ_CHECK(reader != NULL, "reader_new failed");
	while ((result->end = stage_next(reader, &line)) == 1) {
		bytes_add(&result->records, line.ptr, line.len);
		if (line.eol == LINE_END_PLAIN)
			bytes_add(&result->records, "\n", 1);
		else
			result->all_whole = 0;
	}
	stage_free_chain(reader);
	fclose(errors);
	result->error_count = diag.errors;
	snprintf(result->message, sizeof result->message, "%s", diag.message);
}

/* One error line, "sluice: PATH: FORMAT data ...compressed byte N..."
 * with N at most len. */
static void
check_message(const struct result *result, const char *path, size_t len)
{
	static const char *const kinds[] = {
		"data corrupt at compressed byte ",
		"data truncated at compressed byte ",
		"data at compressed byte "
	};
	const char *text = result->errors;
	size_t i, prefix = strlen("sluice: ") + strlen(path) + 2;
	unsigned long long offset = 0;
	int known = 0;

	FUZZ_CHECK(result->error_count == 1 && strncmp(text, "sluice: ", 8)
	    == 0 && strncmp(text + 8, path, strlen(path)) == 0 &&
	    strncmp(text + prefix - 2, ": ", 2) == 0 &&
	    strchr(text, '\n') == text + result->errors_len - 1,
	    "%u errors, not one \"sluice: %s: ...\" line: \"%s\"",
	    result->error_count, path, text);
	text += prefix;
	for (i = 0; i < FORMAT_COUNT && !known; i++) {
		size_t name_len = strlen(formats[i].name);
		size_t k;

		if (strncmp(text, formats[i].name, name_len) != 0 ||
		    text[name_len] != ' ')
			continue;
		for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			if (strncmp(text + name_len + 1, kinds[k],
			    strlen(kinds[k])) == 0 && sscanf(text + name_len +
			    1 + strlen(kinds[k]), "%llu", &offset) == 1)
				known = 1;
	}
	FUZZ_CHECK(known, "not a damage message: \"%s\"", result->errors);
	FUZZ_CHECK(offset <= len, "damage at byte %llu of a %zu-byte stream: "
	    "\"%s\"", offset, len, result->errors);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct bytes *stream, *text;
	struct bytes damaged;
	struct result result;
	unsigned choices;
	int changed;
	char *path;

	if (size < 1 || formats[data[0] % FORMAT_COUNT].encode == NULL)
		return 0;
	choices = data[0];
	stream = stream_of(choices);
	text = text_of((choices & CHOICE_LONG) != 0);
	changed = damage(stream, data + 1, size - 1, &damaged);
	path = fuzz_input(0, damaged.ptr, damaged.len);
	read_all(&path, buffer_sizes[choices >> 4 & 3], &result);
	FUZZ_CHECK(result.end == 0, "the reader failed: %s", result.message);
	if (!changed)
		FUZZ_CHECK(result.error_count == 0 && result.records.len ==
		    text->len && memcmp(result.records.ptr, text->ptr,
		    text->len) == 0, "%s undamaged: %zu bytes of %zu, "
		    "errors \"%s\"", formats[choices % FORMAT_COUNT].name,
		    result.records.len, text->len,
		    result.errors != NULL ? result.errors : "");
	if (result.error_count > 0) {
		check_message(&result, path, damaged.len);
		FUZZ_CHECK(result.all_whole, "a record cut short by the "
		    "damage was handed on: %s", result.errors);
	}
	free(result.records.ptr);
	free(result.errors);
	free(damaged.ptr);
	return 0;
}
