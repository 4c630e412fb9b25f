/* source_gzip_zlib.c: gzip members decoded by zlib's inflate, where
 * ISA-L's faster one is not built in (see decoder.h). */
#include <config.h>

#ifdef HAVE_ZLIB
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#define ZLIB_CONST
#include <zlib.h>

#include "input/decoder.h"

/* zlib's entry points, loaded when the first gzip FILE is met (where
 * ISA-L is not). inflateInit2 is a macro over inflateInit2_, which also
 * takes the header's version and z_stream size to check them. */
struct zlib_api {
	const char *(*zlibVersion)(void);
	int (*inflateInit2_)(z_streamp, int, const char *, int);
	int (*inflate)(z_streamp, int);
	int (*inflateReset)(z_streamp);
	int (*inflateEnd)(z_streamp);
};
static struct zlib_api zlib;

#define ENTRY(name) { #name, offsetof(struct zlib_api, name) }
static const struct library_entry zlib_entries[] = {
	ENTRY(zlibVersion), ENTRY(inflateInit2_), ENTRY(inflate),
	ENTRY(inflateReset), ENTRY(inflateEnd)
};
#undef ENTRY

static struct library_once zlib_library =
    LIBRARY_ONCE(ZLIB_LIBRARY, zlib_entries, &zlib);

struct gzip_zlib {
	z_stream stream;
	int ended;		/* a member ended: reset before the next */
};

static void
gzip_zlib_version(char *text, size_t size)
{
	snprintf(text, size, "zlib %s", zlib.zlibVersion());
}

static void *
gzip_zlib_new(const struct settings *settings)
{
	struct gzip_zlib *gzip = calloc(1, sizeof *gzip);

	(void)settings;	/* a gzip window is always 32 KiB */
	if (gzip == NULL)
		return NULL;
	/* 15: the largest window; + 16: a gzip header, not zlib's. */
	if (zlib.inflateInit2_(&gzip->stream, 15 + 16,
	    ZLIB_VERSION, (int)sizeof(z_stream)) != Z_OK) {
		free(gzip);
		return NULL;
	}
	return gzip;
}

static int
gzip_zlib_decode(void *state, struct decode_buffers *io, char *why,
    size_t why_size)
{
	struct gzip_zlib *gzip = state;
	z_stream *stream = &gzip->stream;
	int result;

	if (gzip->ended) {
		if (io->in_len == 0)
			return DECODE_END;
		zlib.inflateReset(stream);
		gzip->ended = 0;
	}
	stream->next_in = io->in;
	stream->avail_in = (uInt)io->in_len;
	stream->next_out = io->out;
	stream->avail_out = (uInt)io->out_len;
	result = zlib.inflate(stream, Z_NO_FLUSH);
	io->in += io->in_len - stream->avail_in;
	io->in_len = stream->avail_in;
	io->out += io->out_len - stream->avail_out;
	io->out_len = stream->avail_out;
	switch (result) {
	case Z_STREAM_END:
		gzip->ended = 1;
		return DECODE_END;
	case Z_OK:
	case Z_BUF_ERROR:
		return DECODE_OK;
	case Z_NEED_DICT:
		snprintf(why, why_size, "it needs a preset dictionary");
		return DECODE_CORRUPT;
	case Z_MEM_ERROR:
		snprintf(why, why_size, "out of memory");
		return DECODE_CORRUPT;
	default:
		snprintf(why, why_size, "%s", stream->msg != NULL ?
		    stream->msg : "invalid data");
		return DECODE_CORRUPT;
	}
}

static void
gzip_zlib_free(void *state)
{
	struct gzip_zlib *gzip = state;

	zlib.inflateEnd(&gzip->stream);
	free(gzip);
}

const struct decoder_ops gzip_zlib_decoder = {
	"gzip", "zlib", &zlib_library, gzip_zlib_version, gzip_zlib_new,
	gzip_zlib_decode, gzip_zlib_free
};
#endif
