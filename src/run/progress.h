/* progress.h: --progress: one line on stderr telling how far the input
 * has been read (of the total, when every FILE's size is known), how fast
 * and how long is left; redrawn at most ten times a second, cleared at
 * the end. */
#ifndef SLUICE_PROGRESS_H
#define SLUICE_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct progress;

/* paths as the reader takes them (none: standard input). NULL when out of
 * memory. */
struct progress *progress_new(char *const *paths, size_t count, FILE *out);

/* The reader's callback (reader_watch): bytes read so far. Looks at the
 * clock, and draws only when a tenth of a second has passed. */
void progress_update(void *progress, uint64_t bytes_read);

/* The line as it would be drawn now, for the tests: "12.0 MiB of 48.0
 * MiB (25%), 6.0 MiB/s, ETA 0:06", or without the total. */
void progress_text(char *text, size_t size, uint64_t done, uint64_t total,
    int total_known, double seconds);

/* Takes the line off the screen, so a message can be printed in its
 * place; the next drawing puts it back (diag's before_print). */
void progress_clear(void *progress);

/* Clears the line and frees. NULL is fine. */
void progress_end(struct progress *);

#endif
