/* source_xz.c: xz streams decoded by liblzma, its memory limited to
 * --max-window (see decoder.h). */
#include <config.h>

#ifdef HAVE_LZMA
#include <stdio.h>
#include <stdlib.h>
#include <lzma.h>

#include "decoder.h"

static void
xz_version(char *text, size_t size)
{
	snprintf(text, size, "liblzma %s", lzma_version_string());
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
	if (lzma_stream_decoder(stream, settings->max_window,
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
	result = lzma_code(stream, io->in_ended ? LZMA_FINISH : LZMA_RUN);
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
		    (unsigned long long)((lzma_memusage(stream) + (1 << 20) -
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
	lzma_end(state);
	free(state);
}

const struct decoder_ops xz_decoder = {
	"xz", "liblzma", xz_version, xz_new, xz_decode, xz_free
};
#endif
