/* encode.h: compressed input for the tests that read it (check_source,
 * fuzz_decode), made with each format's own library: a growing byte
 * string, and one encoder per format this build has. Nothing here can
 * fail quietly: out of memory or an encoder's error aborts the test, since
 * its input could not be made. */
#ifndef SLUICE_TESTS_ENCODE_H
#define SLUICE_TESTS_ENCODE_H

#include <stddef.h>

/* A growing byte string, grown by doubling, with a NUL kept after its
 * bytes (so text in it can be compared as a string). { NULL } is empty;
 * the owner frees ptr. */
struct bytes {
	char *ptr;
	size_t len;
	size_t capacity;
};

/* Appends data[0, len); ptr is not NULL afterwards, even for len 0. */
void bytes_add(struct bytes *, const void *data, size_t len);

/* Each encoder appends one whole stream (gzip member, zstd frame, xz
 * stream, bzip2 stream) of plain[0, len) to out. */
typedef void encoder(struct bytes *out, const char *plain, size_t len);

#ifdef HAVE_ZLIB
encoder encode_gzip;
#endif
#ifdef HAVE_ZSTD
/* With its checksum, as zstd(1) writes by default. */
encoder encode_zstd;
/* The same streamed with a window of 2^window_log bytes and no content
 * size in the header, so that the frame asks for the whole window. */
void encode_zstd_window(struct bytes *out, const char *plain, size_t len,
    int window_log);
#endif
#ifdef HAVE_LZMA
encoder encode_xz;
#endif
#ifdef HAVE_BZIP2
encoder encode_bzip2;
#endif

#endif
