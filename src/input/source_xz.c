/* source_xz.c: xz streams decoded by liblzma, its memory limited to
 * --max-window (see decoder.h). */
#include <config.h>

#ifdef HAVE_LZMA
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <lzma.h>

#include "input/decoder.h"

/* liblzma's entry points, loaded when the first xz FILE is met. */
struct xz_api {
	const char *(*version_string)(void);
	lzma_ret (*stream_decoder)(lzma_stream *, uint64_t, uint32_t);
	lzma_ret (*code)(lzma_stream *, lzma_action);
	uint64_t (*memusage)(const lzma_stream *);
	void (*end)(lzma_stream *);
};
static struct xz_api lzma;

#define ENTRY(name) { "lzma_" #name, offsetof(struct xz_api, name) }
static const struct library_entry xz_entries[] = {
	ENTRY(version_string), ENTRY(stream_decoder), ENTRY(code),
	ENTRY(memusage), ENTRY(end)
};
#undef ENTRY

static struct library_once xz_library =
    LIBRARY_ONCE(LZMA_LIBRARY, xz_entries, &lzma);

static void
xz_version(char *text, size_t size)
{
	snprintf(text, size, "liblzma %s", lzma.version_string());
}

static void *
xz_new(const struct settings *settings)
{
	lzma_stream init = LZMA_STREAM_INIT;
	lzma_stream *stream = malloc(sizeof *stream);

	if (stream == NULL)
		return NULL;
	*stream = init;
	/* Concatenated streams are one, as xz -d takes them. */
	if (lzma.stream_decoder(stream, settings->max_window,
	    LZMA_CONCATENATED) != LZMA_OK) {
		free(stream);
		return NULL;
	}
	return stream;
}

static int
xz_decode(void *state, struct decode_buffers *io, char *why,
    size_t why_size)
{
	lzma_stream *stream = state;
	lzma_ret result;

	stream->next_in = io->in;
	stream->avail_in = io->in_len;
	stream->next_out = io->out;
	stream->avail_out = io->out_len;
	/* With concatenated streams only LZMA_FINISH says where the last
	 * one ends. */
	result = lzma.code(stream, io->in_ended ? LZMA_FINISH : LZMA_RUN);
	io->in += io->in_len - stream->avail_in;
	io->in_len = stream->avail_in;
	io->out += io->out_len - stream->avail_out;
	io->out_len = stream->avail_out;
	switch (result) {
	case LZMA_OK:
	case LZMA_BUF_ERROR:	/* no progress: the source decides why */
		return DECODE_OK;
	case LZMA_STREAM_END:
		return DECODE_END;
	case LZMA_MEMLIMIT_ERROR:
		snprintf(why, why_size, "%llu MiB of memory,",
		    (unsigned long long)((lzma.memusage(stream) + (1 << 20) -
		    1) >> 20));
		return DECODE_TOO_BIG;
	case LZMA_FORMAT_ERROR:
		snprintf(why, why_size, "not an xz stream");
		return DECODE_CORRUPT;
	case LZMA_OPTIONS_ERROR:
		snprintf(why, why_size, "unsupported options");
		return DECODE_CORRUPT;
	case LZMA_MEM_ERROR:
		snprintf(why, why_size, "out of memory");
		return DECODE_CORRUPT;
	default:
		snprintf(why, why_size, "compressed data is corrupt");
		return DECODE_CORRUPT;
	}
}

static void
xz_free(void *state)
{
	lzma.end(state);
	free(state);
}

const struct decoder_ops xz_decoder = {
	"xz", "liblzma", &xz_library, xz_version, xz_new, xz_decode,
	xz_free
};
#endif
