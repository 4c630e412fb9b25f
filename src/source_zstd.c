/* source_zstd.c: zstd frames decoded by libzstd, with the window capped
 * at --max-window so a frame cannot make sluice hold gigabytes (see
 * decoder.h). */
#include <config.h>

#ifdef HAVE_ZSTD
#include <stdio.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "decoder.h"

static void
zstd_version(char *text, size_t size)
{
	snprintf(text, size, "libzstd %s", ZSTD_versionString());
}

/* The largest window log whose window fits in max_window, within what
 * libzstd accepts. */
static int
zstd_window_log(size_t max_window)
{
	ZSTD_bounds bounds = ZSTD_dParam_getBounds(ZSTD_d_windowLogMax);
	int log = 0;

	while (log < 62 && ((size_t)1 << (log + 1)) <= max_window)
		log++;
	if (ZSTD_isError(bounds.error))
		return log;
	if (log < bounds.lowerBound)
		log = bounds.lowerBound;
	if (log > bounds.upperBound)
		log = bounds.upperBound;
	return log;
}

static void *
zstd_new(const struct settings *settings)
{
	ZSTD_DCtx *context = ZSTD_createDCtx();

	if (context == NULL)
		return NULL;
	if (ZSTD_isError(ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax,
	    zstd_window_log(settings->max_window)))) {
		ZSTD_freeDCtx(context);
		return NULL;
	}
	return context;
}

static int
zstd_decode(void *state, struct decode_buffers *io, char *why,
    size_t why_size)
{
	ZSTD_inBuffer in = { io->in, io->in_len, 0 };
	ZSTD_outBuffer out = { io->out, io->out_len, 0 };
	size_t result = ZSTD_decompressStream(state, &out, &in);

	io->in += in.pos;
	io->in_len -= in.pos;
	io->out += out.pos;
	io->out_len -= out.pos;
	if (ZSTD_isError(result)) {
		if (ZSTD_getErrorCode(result) ==
		    ZSTD_error_frameParameter_windowTooLarge) {
			snprintf(why, why_size, "a window");
			return DECODE_TOO_BIG;
		}
		snprintf(why, why_size, "%s", ZSTD_getErrorName(result));
		return DECODE_CORRUPT;
	}
	/* 0: a frame is decoded and flushed; the next input is a frame of
	 * its own, which libzstd starts by itself. */
	return result == 0 ? DECODE_END : DECODE_OK;
}

static void
zstd_free(void *state)
{
	ZSTD_freeDCtx(state);
}

const struct decoder_ops zstd_decoder = {
	"zstd", "libzstd", zstd_version, zstd_new, zstd_decode, zstd_free
};
#endif
