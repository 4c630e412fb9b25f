/* report.h: what a run tells besides its output (see report.c). */
#ifndef SLUICE_REPORT_H
#define SLUICE_REPORT_H

#include <stddef.h>

#include "base/diag.h"
#include "base/stage.h"
#include "options.h"
#include "output/sink.h"
#include "run/progress.h"
#include "run/stats.h"

/* --stats after a run (a failed one too, as far as it got): on stderr
 * after its error message, or into --stats-file's FILE. status is the
 * exit status the run gives. 0, or -1 when the report could not be
 * written (diag says why). */
int run_report_stats(const struct options *, const struct stage *chain,
    const struct sink *, const struct stats_clock *, int status,
    struct diag *);

/* --progress over paths: the reader tells it what it read, and a message
 * takes its line's place. NULL when out of memory (then no line). */
struct progress *run_watch_progress(struct stage *chain, char *const *paths,
    size_t count, struct diag *);

#endif
