/* source_zstd.c: zstd frames decoded by libzstd, with the window capped
 * at --max-window so a frame cannot make sluice hold gigabytes (see
 * decoder.h). */
#include <config.h>

#ifdef HAVE_ZSTD
#include <stddef.h>
#include <stdio.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "input/decoder.h"

/* libzstd's entry points, loaded when the first zstd FILE is met. */
struct zstd_api {
	const char *(*versionString)(void);
	ZSTD_bounds (*dParam_getBounds)(ZSTD_dParameter);
	ZSTD_DCtx *(*createDCtx)(void);
	size_t (*DCtx_setParameter)(ZSTD_DCtx *, ZSTD_dParameter, int);
	size_t (*decompressStream)(ZSTD_DCtx *, ZSTD_outBuffer *,
	    ZSTD_inBuffer *);
	unsigned (*isError)(size_t);
	ZSTD_ErrorCode (*getErrorCode)(size_t);
	const char *(*getErrorName)(size_t);
	size_t (*freeDCtx)(ZSTD_DCtx *);
};
static struct zstd_api zstd;

#define ENTRY(name) { "ZSTD_" #name, offsetof(struct zstd_api, name) }
static const struct library_entry zstd_entries[] = {
	ENTRY(versionString), ENTRY(dParam_getBounds), ENTRY(createDCtx),
	ENTRY(DCtx_setParameter), ENTRY(decompressStream), ENTRY(isError),
	ENTRY(getErrorCode), ENTRY(getErrorName), ENTRY(freeDCtx)
};
#undef ENTRY

static struct library_once zstd_library =
    LIBRARY_ONCE(ZSTD_LIBRARY, zstd_entries, &zstd);

static void
zstd_version(char *text, size_t size)
{
	snprintf(text, size, "libzstd %s", zstd.versionString());
}

/* The largest window log whose window fits in max_window, within what
 * libzstd accepts. */
static int
zstd_window_log(size_t max_window)
{
	ZSTD_bounds bounds = zstd.dParam_getBounds(ZSTD_d_windowLogMax);
	int log = 0;

	while (log < 62 && ((size_t)1 << (log + 1)) <= max_window)
		log++;
	if (zstd.isError(bounds.error))
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
	ZSTD_DCtx *context = zstd.createDCtx();

	if (context == NULL)
		return NULL;
	if (zstd.isError(zstd.DCtx_setParameter(context, ZSTD_d_windowLogMax,
	    zstd_window_log(settings->max_window)))) {
		zstd.freeDCtx(context);
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
	size_t result = zstd.decompressStream(state, &out, &in);

	io->in += in.pos;
	io->in_len -= in.pos;
	io->out += out.pos;
	io->out_len -= out.pos;
	if (zstd.isError(result)) {
		if (zstd.getErrorCode(result) ==
		    ZSTD_error_frameParameter_windowTooLarge) {
			snprintf(why, why_size, "a window");
			return DECODE_TOO_BIG;
		}
		snprintf(why, why_size, "%s", zstd.getErrorName(result));
		return DECODE_CORRUPT;
	}
	/* 0: a frame is decoded and flushed; the next input is a frame of
	 * its own, which libzstd starts by itself. */
	return result == 0 ? DECODE_END : DECODE_OK;
}

static void
zstd_free(void *state)
{
	zstd.freeDCtx(state);
}

const struct decoder_ops zstd_decoder = {
	"zstd", "libzstd", &zstd_library, zstd_version, zstd_new,
	zstd_decode, zstd_free
};
#endif
