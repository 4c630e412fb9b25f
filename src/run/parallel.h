/* parallel.h: -j: the chain's leading stages that look at one line alone
 * (STAGE_PER_LINE) run on worker threads over blocks of whole records; the
 * rest of the chain takes their output in input order. */
#ifndef SLUICE_PARALLEL_H
#define SLUICE_PARALLEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/settings.h"
#include "base/stage.h"

/* Builds one copy of the chain's first count stages (its per-line ones)
 * over up (a memory reader, see reader_new_memory), with its errors in
 * diag; NULL on an error, and then up is freed. */
typedef struct stage *parallel_builder(const void *context, size_t count,
    struct stage *up, struct diag *);

/* By default, threads start only after this much input, and not at all
 * for regular FILEs smaller than it: a short run or an early end
 * (-m ERROR -n 10) pays nothing for them. */
#define PARALLEL_AUTO_START ((uint64_t)4 << 20)
#define PARALLEL_AUTO_START_TEXT "4 MiB"	/* the same, for messages */

/* How many worker threads to run the per-line stages on, for these FILEs
 * ("-" or none: standard input): -j's number, or by default as many as
 * the online CPUs (at most 8); 0, with the reason in *why_not for
 * --explain, where threads cannot help: -j 1, one CPU,
 * line-buffered output or --follow by default, regular FILEs smaller
 * than a few MiB, or a --max-line below --buffer-size (no blocks of
 * records to hand out).
 * Then the chain is built without the parallel stage. */
unsigned parallel_workers(const struct settings *, char *const *paths,
    size_t count, const char **why_not);

/* The stage that hands on what the per-line stages make of reader's
 * records, in input order. prefix is the main thread's own copy of those
 * stages, built by build over memory (a memory reader): it takes the
 * records that cannot go in a block (a FILE's last record or first,
 * long records) and, by default, everything until enough input has come
 * for threads to pay. The stage owns reader (its up), memory and prefix
 * from then on. NULL when out of memory (diag says so; nothing freed). */
struct stage *parallel_new(struct stage *reader, struct stage *memory,
    struct stage *prefix, unsigned workers, parallel_builder *build,
    const void *context, const struct settings *, struct diag *);

#endif
