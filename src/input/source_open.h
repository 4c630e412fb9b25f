/* source_open.h: which kind of source a FILE gets (source.h): a plain
 * one, a decoding one for a compressed FILE (decoder.h), or a followed
 * one for --follow (follow.h). The kinds know only the interface; this is
 * the one place that knows them all. */
#ifndef SLUICE_SOURCE_OPEN_H
#define SLUICE_SOURCE_OPEN_H

#include <stddef.h>

#include "base/diag.h"
#include "base/settings.h"
#include "input/source.h"

/* Opens path ("-" is standard input), looks at its first bytes and, when
 * settings->decompress allows and they are a compressed format's magic,
 * returns a decoding source; otherwise a plain one. NULL when the FILE
 * cannot be opened or read, or its format cannot be decoded here: the
 * reason is reported with diag_error. */
struct source *source_open(const char *path, const struct settings *,
    struct diag *);

/* source_open for the FILE --follow reads on: a regular file becomes a
 * follow source (follow.h) that waits for more at its end instead of
 * ending; a compressed one is an error; anything else (standard input, a
 * FIFO) is opened as by source_open, since it already waits. */
struct source *source_open_followed(const char *path,
    const struct settings *, struct diag *);

/* The decoders built in, for --version: "gzip (ISA-L 2.30), zstd ...",
 * or "none". */
void source_decoders(char *text, size_t size);

#endif
