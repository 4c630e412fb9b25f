/* stats.h: --stats: what every stage handed on, what was read and
 * written, time, CPU and peak memory, printed at the end of a run (a
 * failed one too) as text or as one JSON object. */
#ifndef SLUICE_STATS_H
#define SLUICE_STATS_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "base/settings.h"
#include "output/sink.h"
#include "base/stage.h"

/* The version of the JSON object's shape; raised only when a field
 * changes meaning or goes away (new fields may appear in any version). */
#define STATS_JSON_VERSION 1

struct stats_clock {
	struct timespec start;
};

/* How a stage was asked for: "match", "-m", "ERROR" (arg NULL when the
 * option takes none). */
struct stats_label {
	const char *name;
	const char *option;
	const char *arg;
};

struct stats_stage {
	struct stats_label label;
	uint64_t lines_in, lines_out;
	uint64_t bytes_in, bytes_out;	/* lines with their endings */
	struct stage_fact facts[STAGE_FACTS_MAX];	/* stage_ops.facts */
	size_t fact_count;
};

struct stats_run {
	int status;			/* the exit status */
	uint64_t files;
	uint64_t bytes_read;		/* what the stages were given:
					 * decompressed */
	uint64_t file_bytes;		/* the FILEs' bytes as stored */
	uint64_t records;		/* records the reader handed on */
	uint64_t lines;			/* the lines they were made of (more
					 * than records with records of
					 * several lines) */
	uint64_t record_bytes;		/* and their bytes */
	uint64_t long_lines;		/* split, truncated or skipped */
	uint64_t bytes_skipped;		/* passed over by the time window's
					 * bisection */
	uint64_t bytes_probed;		/* read by it, in probe_reads */
	uint64_t probe_reads;
	struct stats_stage *stages;	/* after the reader, in order */
	size_t stage_count;
	uint64_t lines_written, bytes_written;
	double wall_seconds, user_seconds, system_seconds;
	uint64_t peak_rss_bytes;
};

void stats_clock_start(struct stats_clock *);

/* Reads the counters of the chain ending in last (labels name the stages
 * after the reader, in order), the sink's, the clock and getrusage.
 * -1 when out of memory. */
int stats_gather(struct stats_run *, const struct stage *last,
    const struct stats_label *labels, size_t label_count,
    const struct sink *, const struct stats_clock *, int status);
void stats_run_free(struct stats_run *);

/* 0, or -1 on a write error. */
int stats_print(FILE *, enum stats_format, const struct stats_run *);

/* The pieces, for the tests: text as a JSON string (quotes, backslashes
 * and control bytes escaped; a byte that is not part of valid UTF-8 as
 * the code point of its value); text in single quotes for the text
 * report, control and non-ASCII bytes as \xHH. */
void stats_json_string(FILE *, const char *text);
void stats_text_quote(FILE *, const char *text);

#endif
