/* encode.c: see encode.h. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_ZLIB
#include <zlib.h>
#endif
#ifdef HAVE_ZSTD
#include <zstd.h>
#endif
#ifdef HAVE_LZMA
#include <lzma.h>
#endif
#ifdef HAVE_BZIP2
#include <bzlib.h>
#endif

#include "encode.h"

/* The test's input cannot be made: say why and stop. */
static void
require(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "encode: %s failed\n", what);
		abort();
	}
}

void
bytes_add(struct bytes *bytes, const void *data, size_t len)
{
	if (bytes->ptr == NULL || len >= bytes->capacity - bytes->len) {
		bytes->capacity = bytes->capacity * 2 + len + 1;
		bytes->ptr = realloc(bytes->ptr, bytes->capacity);
		require(bytes->ptr != NULL, "realloc");
	}
	if (len > 0)
		memcpy(bytes->ptr + bytes->len, data, len);
	bytes->len += len;
	bytes->ptr[bytes->len] = '\0';
}

/* A buffer of size bytes for an encoder's output. */
static void *
room_for(size_t size)
{
	void *buf = malloc(size);

	require(buf != NULL, "malloc");
	return buf;
}

#ifdef HAVE_ZLIB
void
encode_gzip(struct bytes *out, const char *plain, size_t len)
{
	z_stream stream;
	uLong room;
	unsigned char *buf;

	memset(&stream, 0, sizeof stream);
	require(deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
	room = deflateBound(&stream, (uLong)len);
	buf = room_for(room);
	stream.next_in = (unsigned char *)(uintptr_t)plain;
	stream.avail_in = (uInt)len;
	stream.next_out = buf;
	stream.avail_out = (uInt)room;
	require(deflate(&stream, Z_FINISH) == Z_STREAM_END, "deflate");
	bytes_add(out, buf, room - stream.avail_out);
	deflateEnd(&stream);
	free(buf);
}
#endif

#ifdef HAVE_ZSTD
void
encode_zstd_window(struct bytes *out, const char *plain, size_t len,
    int window_log)
{
	ZSTD_CCtx *context = ZSTD_createCCtx();
	size_t room = ZSTD_compressBound(len), done;
	char *buf = room_for(room);

	require(context != NULL, "ZSTD_createCCtx");
	ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
	if (window_log > 0) {
		/* Streamed, so the size is not known and the window stays
		 * (a first call that ends the frame would tell the size). */
		ZSTD_inBuffer in = { plain, len, 0 };
		ZSTD_outBuffer to = { buf, room, 0 };

		ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, window_log);
		ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 0);
		done = ZSTD_compressStream2(context, &to, &in,
		    ZSTD_e_continue);
		require(!ZSTD_isError(done) && in.pos == len,
		    "ZSTD_compressStream2");
		done = ZSTD_compressStream2(context, &to, &in, ZSTD_e_end);
		require(done == 0, "ZSTD_compressStream2 (end)");
		done = to.pos;
	} else {
		done = ZSTD_compress2(context, buf, room, plain, len);
	}
	require(!ZSTD_isError(done), "ZSTD_compress2");
	bytes_add(out, buf, done);
	free(buf);
	ZSTD_freeCCtx(context);
}

void
encode_zstd(struct bytes *out, const char *plain, size_t len)
{
	encode_zstd_window(out, plain, len, 0);
}
#endif

#ifdef HAVE_LZMA
void
encode_xz(struct bytes *out, const char *plain, size_t len)
{
	size_t room = len + len / 2 + 4096, done = 0;
	unsigned char *buf = room_for(room);

	require(lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, NULL,
	    (const uint8_t *)plain, len, buf, &done, room) == LZMA_OK,
	    "lzma_easy_buffer_encode");
	bytes_add(out, buf, done);
	free(buf);
}
#endif

#ifdef HAVE_BZIP2
void
encode_bzip2(struct bytes *out, const char *plain, size_t len)
{
	unsigned room = (unsigned)(len + len / 100 + 600);
	char *buf = room_for(room);

	require(BZ2_bzBuffToBuffCompress(buf, &room,
	    (char *)(uintptr_t)plain, (unsigned)len, 1, 0, 0) == BZ_OK,
	    "BZ2_bzBuffToBuffCompress");
	bytes_add(out, buf, room);
	free(buf);
}
#endif
