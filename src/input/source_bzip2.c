/* source_bzip2.c: bzip2 streams decoded by libbz2 (see decoder.h). */
#include <config.h>

#ifdef HAVE_BZIP2
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bzlib.h>

#include "input/decoder.h"

/* libbz2's entry points, loaded when the first bzip2 FILE is met. */
struct bzip2_api {
	const char *(*bzlibVersion)(void);
	int (*bzDecompressInit)(bz_stream *, int, int);
	int (*bzDecompress)(bz_stream *);
	int (*bzDecompressEnd)(bz_stream *);
};
static struct bzip2_api bz2;

#define ENTRY(name) { "BZ2_" #name, offsetof(struct bzip2_api, name) }
static const struct library_entry bzip2_entries[] = {
	ENTRY(bzlibVersion), ENTRY(bzDecompressInit), ENTRY(bzDecompress),
	ENTRY(bzDecompressEnd)
};
#undef ENTRY

static struct library_once bzip2_library =
    LIBRARY_ONCE(BZIP2_LIBRARY, bzip2_entries, &bz2);

struct bzip2 {
	bz_stream stream;
	int ended;		/* a stream ended: start again for the next */
};

static void
bzip2_version(char *text, size_t size)
{
	const char *version = bz2.bzlibVersion();

	/* "1.0.8, 13-Jul-2019": the number only. */
	snprintf(text, size, "libbz2 %.*s", (int)strcspn(version, ","),
	    version);
}

static void *
bzip2_new(const struct settings *settings)
{
	struct bzip2 *bzip2 = calloc(1, sizeof *bzip2);

	(void)settings;	/* its blocks are at most 900 kB */
	if (bzip2 == NULL)
		return NULL;
	if (bz2.bzDecompressInit(&bzip2->stream, 0, 0) != BZ_OK) {
		free(bzip2);
		return NULL;
	}
	return bzip2;
}

static int
bzip2_decode(void *state, struct decode_buffers *io, char *why,
    size_t why_size)
{
	struct bzip2 *bzip2 = state;
	bz_stream *stream = &bzip2->stream;
	int result;

	if (bzip2->ended) {
		if (io->in_len == 0)
			return DECODE_END;
		bz2.bzDecompressEnd(stream);
		memset(stream, 0, sizeof *stream);
		if (bz2.bzDecompressInit(stream, 0, 0) != BZ_OK) {
			snprintf(why, why_size, "out of memory");
			return DECODE_CORRUPT;
		}
		bzip2->ended = 0;
	}
	/* libbz2 only reads through next_in, whatever its type says. */
	stream->next_in = (char *)(uintptr_t)io->in;
	stream->avail_in = (unsigned)io->in_len;
	stream->next_out = (char *)io->out;
	stream->avail_out = (unsigned)io->out_len;
	result = bz2.bzDecompress(stream);
	io->in += io->in_len - stream->avail_in;
	io->in_len = stream->avail_in;
	io->out += io->out_len - stream->avail_out;
	io->out_len = stream->avail_out;
	switch (result) {
	case BZ_OK:
		return DECODE_OK;
	case BZ_STREAM_END:
		bzip2->ended = 1;
		return DECODE_END;
	case BZ_MEM_ERROR:
		snprintf(why, why_size, "out of memory");
		return DECODE_CORRUPT;
	case BZ_DATA_ERROR_MAGIC:
		snprintf(why, why_size, "not a bzip2 stream");
		return DECODE_CORRUPT;
	default:
		snprintf(why, why_size, "compressed data is corrupt");
		return DECODE_CORRUPT;
	}
}

static void
bzip2_free(void *state)
{
	struct bzip2 *bzip2 = state;

	bz2.bzDecompressEnd(&bzip2->stream);
	free(bzip2);
}

const struct decoder_ops bzip2_decoder = {
	"bzip2", "libbz2", &bzip2_library, bzip2_version, bzip2_new,
	bzip2_decode, bzip2_free
};
#endif
