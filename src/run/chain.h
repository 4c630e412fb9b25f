/* chain.h: from the parsed options to a built chain, and what the program
 * does with one: the reader over the FILEs, each stage in command-line
 * order, threads where they help (and why not, for --explain), the colour
 * stage last; draining it into the sink; and the names --stats and
 * --explain give its stages. */
#ifndef SLUICE_CHAIN_H
#define SLUICE_CHAIN_H

#include <stddef.h>

#include "base/diag.h"
#include "options.h"
#include "output/sink.h"
#include "base/stage.h"
#include "run/stats.h"

/* The chain over paths (count of them; none: standard input), its last
 * stage; NULL on an error, described in diag. No FILE is opened yet: the
 * reader opens each as it comes to it. */
struct stage *chain_build(const struct options *, char *const *paths,
    size_t count, struct diag *);

/* How many worker threads run the leading stages that look at one record
 * alone (*per_line of them), for a chain built without threads; 0, with
 * the reason in *why_not, where they cannot help. */
unsigned chain_threads(const struct options *, const struct stage *chain,
    char *const *paths, size_t count, size_t *per_line,
    const char **why_not);

/* Pulls every record through chain into sink, in whole blocks where the
 * last stage hands them out (stage_ops.next_block) and output is not
 * line-buffered. 0 when the stream ended or the output pipe closed, -1
 * on an error. */
int chain_drain(struct stage *chain, struct sink *, struct diag *);

/* 1 when a counting stage (STAGE_COUNTS) of chain had no record reach
 * it: the run exits 1 though that stage wrote its line. */
int chain_counted_nothing(const struct stage *chain);

/* The reader at the top of chain. */
struct stage *chain_reader(struct stage *chain);

/* What --stats and --explain call the stages after the reader: each its
 * option's long name, the option as spelled and its argument; the colour
 * stage, if any, "color" with the -m or -o it marks. One label more than
 * there are stage options; NULL when out of memory. */
struct stats_label *chain_labels(const struct options *);

/* --explain: the chain as built, one stage a line, on stdout, and the
 * threads; reads no input. 0, or -1 with the reason in diag. */
int chain_explain(const struct options *, struct diag *);

#endif
