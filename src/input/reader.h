/* reader.h: the first stage of every chain: records from a list of FILEs
 * read as one stream through one fixed buffer. */
#ifndef SLUICE_READER_H
#define SLUICE_READER_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/settings.h"
#include "base/stage.h"

struct reader_stats {
	uint64_t bytes_read;	/* as handed to the stages: decompressed */
	uint64_t file_bytes;	/* of the FILEs as stored (source.h) */
	uint64_t long_lines;	/* records split, truncated or skipped */
	/* The time window's bisection (reader_start_where): */
	uint64_t bytes_skipped;	/* of FILEs, before where reading started */
	uint64_t bytes_probed;	/* read to find where */
	uint64_t probe_reads;	/* in how many reads */
};

/* paths: the FILEs in order ("-" is standard input); none means standard
 * input. The array must outlive the reader. NULL when out of memory. */
struct stage *reader_new(char *const *paths, size_t count,
    const struct settings *, struct diag *);

const struct reader_stats *reader_stats(const struct stage *reader);

/* How many FILEs it reads (standard input alone counts as one). */
size_t reader_file_count(const struct stage *reader);

/* The i-th of them as given ("-" is standard input), for --explain. */
const char *reader_file_path(const struct stage *reader, size_t i);

/* --progress: on_read(context, bytes read so far) after every read(2)
 * that brought data: once per buffer fill, never per line. */
void reader_watch(struct stage *, void (*on_read)(void *, uint64_t),
    void *context);

/* The question the first stage asks of a record to decide where the
 * reading of a FILE may start (the time window's start, SPEC 10): 1 when
 * the record is before it, 0 when at or after it, -1 when it cannot tell.
 * file is the FILE the record is in; no record of it has been handed out
 * yet. */
typedef int reader_before_fn(void *context, const struct line_source *file,
    const char *record, size_t len);

/* For the first stage after the reader: from now on, before the first
 * read of a plain regular FILE (not standard input, not compressed; the
 * FILE --follow=start follows too), the reader finds by bisection where before's answers turn
 * from 1 to 0 (bisect.h) and starts reading the FILE there, a little
 * before the first record it says 0 of. The FILE's line numbers then
 * count from there. 1 when it will; 0 when stage cannot (a memory
 * reader, -j's). */
int reader_start_where(struct stage *, reader_before_fn *, void *context);

/* 1 when stage is a reader. */
int reader_is(const struct stage *);

/* For a stage that can rule out many lines at once (a filter with a
 * prefilter): the complete records the buffer holds now, from the next
 * one on, as one block ending just after a terminator. Returns its length,
 * 0 when there is no such block (then reader_next, which reads and
 * handles long lines, files and the last record, must be asked). Never
 * reads; and a block only exists when no record in it can be longer than
 * --max-line. */
size_t reader_block(struct stage *, const char **block);

/* Consumes the first len bytes of the block, which end just after a
 * terminator, as if those records had been handed out; returns how many
 * records that was. */
uint64_t reader_skip(struct stage *, size_t len);

/* For -j (parallel.c). When the buffer holds no complete record, reads
 * once more, so that reader_block may find one: 1 when it did, 0 when
 * reader_next must be asked instead (the FILE has ended, or the record is
 * longer than --buffer-size), -1 on a fatal error. */
int reader_refill(struct stage *);

/* For -j: from now on the buffer's usual size is size, a job's, so that
 * reader_trade hands a job a buffer's worth. 1 when it is, 0 when it
 * stays as it was: size is not above --buffer-size, --max-line is below
 * it (a block of records of up to size bytes could then hold one too
 * long), or memory is out. */
int reader_buffer_size(struct stage *, size_t size);

/* For -j: instead of a copy of the block (reader_block), the buffer that
 * holds it. The block is skipped (*records of them), the unfinished
 * record after it moves to fresh, which the reader keeps from then on;
 * the return value is the old buffer, the caller's from then on, with
 * the block at *offset, *len bytes long. fresh must hold the buffer's
 * usual size. NULL when there is no block, or the buffer is grown for a
 * long record: then nothing has changed. */
char *reader_trade(struct stage *, char *fresh, size_t *offset, size_t *len,
    uint64_t *records);

/* The FILE of the next record, and how many records came before it. */
const struct line_source *reader_position(const struct stage *,
    uint64_t *records_before);

/* A reader over memory its caller owns, for one worker's copy of the
 * chain's per-line stages: loaded with a block of whole records (from
 * reader_block) or with one line as reader_next handed it out, it hands
 * them out as the reader they came from would, then ends (0) until it is
 * loaded again. The memory must stay put until then. */
struct stage *reader_new_memory(const struct settings *, struct diag *);
void reader_load_block(struct stage *, const char *block, size_t len,
    uint64_t records_before, const struct line_source *);
void reader_load_line(struct stage *, const struct line *);

#endif
