/* decoder.h: one compressed format's decoder, as its library does it
 * (source_gzip_isal.c, source_gzip_zlib.c, source_zstd.c, source_xz.c,
 * source_bzip2.c), and the source that runs one on a thread of its own
 * (source_decode.c). A decoder only turns input bytes into output bytes;
 * reading, the thread and the messages are the source's. */
#ifndef SLUICE_DECODER_H
#define SLUICE_DECODER_H

#include <stddef.h>

#include "base/dynamic_library.h"
#include "base/settings.h"
#include "input/source.h"

enum decode_status {
	DECODE_OK,		/* went on as far as input and room allowed */
	DECODE_END,		/* a stream (a gzip member, an xz stream...)
				 * ended here, all its output given; the
				 * next call with input starts the next one */
	DECODE_CORRUPT,		/* not valid data: why says what is wrong */
	DECODE_TOO_BIG		/* needs more memory than --max-window lets
				 * it have: why says how much */
};

struct decode_buffers {
	/* Advanced past what was used; a decoder may move it back by a few
	 * bytes it read ahead and did not use, up to 16, though they came
	 * before in[0] (the source keeps them). */
	const unsigned char *in;
	size_t in_len;
	unsigned char *out;		/* advanced past what was written */
	size_t out_len;			/* room left */
	int in_ended;			/* no input follows in[0, in_len) */
};

struct decoder_ops {
	const char *format;		/* "gzip" */
	const char *library;		/* "ISA-L": for --version */
	/* Its library, loaded when first needed: the functions below need
	 * library_load to have returned 0 for it. */
	struct library_once *loader;
	/* The library's name and version, for --version. */
	void (*version)(char *text, size_t size);
	/* The decoder's state, or NULL when out of memory. */
	void *(*new)(const struct settings *);
	int (*decode)(void *state, struct decode_buffers *, char *why,
	    size_t why_size);
	void (*free)(void *state);
};

/* The decoders configure found; each is defined only where its library
 * is built in (HAVE_ISAL, HAVE_ZLIB, HAVE_ZSTD, HAVE_LZMA, HAVE_BZIP2). */
extern const struct decoder_ops gzip_isal_decoder;
extern const struct decoder_ops gzip_zlib_decoder;
extern const struct decoder_ops zstd_decoder;
extern const struct decoder_ops xz_decoder;
extern const struct decoder_ops bzip2_decoder;

/* A source that runs decoder over fd's bytes on a thread of its own;
 * head[0, head_len) are bytes already read from fd, which come first.
 * Takes fd (and closes it, unless it is standard input) even when it
 * fails; NULL with the reason reported by diag_error (one being that
 * decoder's library cannot be loaded). */
struct source *source_decode_new(int fd, const char *name,
    const unsigned char *head, size_t head_len, const struct decoder_ops *,
    const struct settings *, struct diag *);

#endif
