/* stats.c: --stats (see stats.h). The counting itself lives where the
 * lines pass (stage_next, the reader, the sink); this file reads the
 * counters once at the end and prints them. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "input/reader.h"
#include "run/stats.h"
#include "base/size_text.h"

void
stats_clock_start(struct stats_clock *clock)
{
	clock_gettime(CLOCK_MONOTONIC, &clock->start);
}

static double
seconds_between(const struct timespec *from, const struct timespec *to)
{
	return (double)(to->tv_sec - from->tv_sec) +
	    (double)(to->tv_nsec - from->tv_nsec) / 1e9;
}

static double
timeval_seconds(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

/* stage as --stats lists it: -j's parallel stage is not one; the main
 * thread's copy of the stages it runs is, with every thread's counts
 * (parallel.c). Above the copy's memory reader comes the FILE reader,
 * kept in *resume till then. */
static const struct stage *
stats_listed(const struct stage *stage, const struct stage **resume)
{
	const struct stage *inner = stage->ops->inner != NULL
	    ? stage->ops->inner(stage) : NULL;

	if (inner == NULL)
		return stage;
	*resume = stage->up;
	return inner;
}

/* The stage above stage, as --stats lists them. */
static const struct stage *
stats_up(const struct stage *stage, const struct stage **resume)
{
	const struct stage *up = stage->up;

	if (up->up == NULL && *resume != NULL) {
		up = *resume;	/* the copy's memory reader */
		*resume = NULL;
		return up;
	}
	return stats_listed(up, resume);
}

int
stats_gather(struct stats_run *run, const struct stage *last,
    const struct stats_label *labels, size_t label_count,
    const struct sink *sink, const struct stats_clock *clock, int status)
{
	const struct stage *stage, *reader, *resume;
	const struct reader_stats *read;
	struct timespec now;
	struct rusage usage;
	size_t count = 0, i;

	memset(run, 0, sizeof *run);
	run->status = status;
	resume = NULL;
	for (stage = stats_listed(last, &resume); stage->up != NULL;
	    stage = stats_up(stage, &resume))
		count++;
	reader = stage;
	run->stages = calloc(count + 1, sizeof *run->stages);
	if (run->stages == NULL)
		return -1;
	run->stage_count = count;
	/* Walk up from the last stage, filling the rows from the end. A
	 * stage's lines in are the lines out of the stage it takes them
	 * from: under -j, the first copied stage's memory reader. */
	resume = NULL;
	for (stage = stats_listed(last, &resume), i = count;
	    i > 0 && stage->up != NULL; stage = stats_up(stage, &resume)) {
		struct stats_stage *row = &run->stages[--i];

		if (i < label_count)
			row->label = labels[i];
		else
			row->label.name = stage->ops->name;
		row->lines_out = stage->stats.lines_out;
		row->bytes_out = stage->stats.bytes_out;
		row->lines_in = stage->up->stats.lines_out;
		row->bytes_in = stage->up->stats.bytes_out;
		if (stage->ops->facts != NULL)
			row->fact_count = stage->ops->facts(stage, row->facts);
	}
	read = reader_stats(reader);
	run->files = reader_file_count(reader);
	run->bytes_read = read->bytes_read;
	run->file_bytes = read->file_bytes;
	run->long_lines = read->long_lines;
	run->bytes_skipped = read->bytes_skipped;
	run->bytes_probed = read->bytes_probed;
	run->probe_reads = read->probe_reads;
	run->records = reader->stats.lines_out;
	run->lines = read->lines > 0 ? read->lines
	    : run->records;
	run->record_bytes = reader->stats.bytes_out;
	run->lines_written = sink->lines;
	run->bytes_written = sink->bytes;
	clock_gettime(CLOCK_MONOTONIC, &now);
	run->wall_seconds = seconds_between(&clock->start, &now);
	if (getrusage(RUSAGE_SELF, &usage) == 0) {
		run->user_seconds = timeval_seconds(&usage.ru_utime);
		run->system_seconds = timeval_seconds(&usage.ru_stime);
		/* Linux and the BSDs give KiB (macOS bytes; not a target). */
		run->peak_rss_bytes = (uint64_t)usage.ru_maxrss * 1024;
	}
	return 0;
}

void
stats_run_free(struct stats_run *run)
{
	free(run->stages);
	run->stages = NULL;
}

/* The length of the valid UTF-8 sequence at s, or 0. */
static size_t
utf8_length(const unsigned char *s)
{
	size_t length, i;
	uint32_t code;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	length = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	code = s[0] & (0x3f >> (length - 1));
	for (i = 1; i < length; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		code = code << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) ||
	    (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff)
		return 0;
	return length;
}

void
stats_json_string(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	if (text == NULL) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	while (*s != '\0') {
		size_t length;

		if (*s == '"' || *s == '\\') {
			fprintf(out, "\\%c", *s);
		} else if (*s == '\n') {
			fputs("\\n", out);
		} else if (*s == '\t') {
			fputs("\\t", out);
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(out, "\\u%04x", *s);
		} else if (*s < 0x80) {
			fputc(*s, out);
		} else if ((length = utf8_length(s)) > 0) {
			fwrite(s, 1, length, out);
			s += length;
			continue;
		} else {
			fprintf(out, "\\u%04x", *s);
		}
		s++;
	}
	fputc('"', out);
}

void
stats_text_quote(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	fputc('\'', out);
	for (; *s != '\0'; s++)
		if (*s < 0x20 || *s >= 0x7f)
			fprintf(out, "\\x%02x", *s);
		else
			fputc(*s, out);
	fputc('\'', out);
}

static double
throughput(const struct stats_run *run)
{
	return run->wall_seconds > 0 ? (double)run->bytes_read /
	    run->wall_seconds : 0;
}

/* A stage's facts on a line of their own, under its name's column. */
static void
print_facts_text(FILE *out, const struct stats_stage *row)
{
	size_t i;

	if (row->fact_count == 0)
		return;
	fprintf(out, "  %55s ", "");
	for (i = 0; i < row->fact_count; i++)
		fprintf(out, " %s %llu%s", row->facts[i].name,
		    (unsigned long long)row->facts[i].value,
		    i + 1 < row->fact_count ? "," : "\n");
}

/* Numbers first, so the columns line up whatever a pattern's length. */
static void
print_text(FILE *out, const struct stats_run *run)
{
	char rate[32], rss[32];
	size_t i;

	fprintf(out, "sluice: stats\n  %12s %12s %14s %14s  %s\n", "lines in",
	    "lines out", "bytes in", "bytes out", "stage");
	fprintf(out, "  %12s %12llu %14llu %14llu  read\n", "-",
	    (unsigned long long)run->records, (unsigned long long)run->bytes_read,
	    (unsigned long long)run->record_bytes);
	for (i = 0; i < run->stage_count; i++) {
		const struct stats_stage *row = &run->stages[i];

		fprintf(out, "  %12llu %12llu %14llu %14llu  %s",
		    (unsigned long long)row->lines_in,
		    (unsigned long long)row->lines_out,
		    (unsigned long long)row->bytes_in,
		    (unsigned long long)row->bytes_out, row->label.name);
		if (row->label.arg != NULL) {
			fputc(' ', out);
			stats_text_quote(out, row->label.arg);
		}
		fputc('\n', out);
		print_facts_text(out, row);
	}
	size_human_text(rate, sizeof rate, throughput(run));
	size_human_text(rss, sizeof rss, (double)run->peak_rss_bytes);
	fprintf(out, "  input:  %llu bytes from %llu FILE%s",
	    (unsigned long long)run->bytes_read,
	    (unsigned long long)run->files, run->files == 1 ? "" : "s");
	/* What the bisection passed over was never read, nor stored
	 * compressed. */
	if (run->file_bytes != run->bytes_read + run->bytes_skipped)
		fprintf(out, " (%llu bytes as stored, compressed)",
		    (unsigned long long)run->file_bytes);
	fprintf(out, ", %llu records", (unsigned long long)run->records);
	if (run->lines != run->records)
		fprintf(out, " of %llu lines", (unsigned long long)run->lines);
	fprintf(out, ", %llu long lines\n",
	    (unsigned long long)run->long_lines);
	if (run->probe_reads > 0)
		fprintf(out, "  bisection: %llu bytes skipped, %llu bytes read "
		    "in %llu probes\n", (unsigned long long)run->bytes_skipped,
		    (unsigned long long)run->bytes_probed,
		    (unsigned long long)run->probe_reads);
	fprintf(out, "  output: %llu lines, %llu bytes\n",
	    (unsigned long long)run->lines_written,
	    (unsigned long long)run->bytes_written);
	fprintf(out, "  time:   %.3f s wall, %.3f s user, %.3f s system; "
	    "%s/s; peak RSS %s\n", run->wall_seconds, run->user_seconds,
	    run->system_seconds, rate, rss);
	fprintf(out, "  exit status: %d\n", run->status);
}

static void
print_json(FILE *out, const struct stats_run *run)
{
	size_t i, j;

	fprintf(out, "{\"version\":%d,\"status\":%d,\"input\":{\"files\":%llu,"
	    "\"bytes_read\":%llu,\"file_bytes\":%llu,\"records\":%llu,"
	    "\"lines\":%llu,\"record_bytes\":%llu,\"long_lines\":%llu,"
	    "\"bytes_skipped\":%llu,\"bytes_probed\":%llu,"
	    "\"probe_reads\":%llu},\"stages\":[", STATS_JSON_VERSION,
	    run->status, (unsigned long long)run->files,
	    (unsigned long long)run->bytes_read,
	    (unsigned long long)run->file_bytes,
	    (unsigned long long)run->records,
	    (unsigned long long)run->lines,
	    (unsigned long long)run->record_bytes,
	    (unsigned long long)run->long_lines,
	    (unsigned long long)run->bytes_skipped,
	    (unsigned long long)run->bytes_probed,
	    (unsigned long long)run->probe_reads);
	for (i = 0; i < run->stage_count; i++) {
		const struct stats_stage *row = &run->stages[i];

		fputs(i > 0 ? ",{\"name\":" : "{\"name\":", out);
		stats_json_string(out, row->label.name);
		fputs(",\"option\":", out);
		stats_json_string(out, row->label.option);
		fputs(",\"arg\":", out);
		stats_json_string(out, row->label.arg);
		fprintf(out, ",\"lines_in\":%llu,\"lines_out\":%llu,"
		    "\"bytes_in\":%llu,\"bytes_out\":%llu",
		    (unsigned long long)row->lines_in,
		    (unsigned long long)row->lines_out,
		    (unsigned long long)row->bytes_in,
		    (unsigned long long)row->bytes_out);
		for (j = 0; j < row->fact_count; j++)
			fprintf(out, "%s\"%s\":%llu", j == 0 ? ",\"facts\":{"
			    : ",", row->facts[j].name,
			    (unsigned long long)row->facts[j].value);
		fputs(row->fact_count > 0 ? "}}" : "}", out);
	}
	fprintf(out, "],\"output\":{\"lines\":%llu,\"bytes\":%llu},"
	    "\"time\":{\"wall_seconds\":%.6f,\"user_seconds\":%.6f,"
	    "\"system_seconds\":%.6f},\"bytes_per_second\":%.0f,"
	    "\"peak_rss_bytes\":%llu}\n",
	    (unsigned long long)run->lines_written,
	    (unsigned long long)run->bytes_written, run->wall_seconds,
	    run->user_seconds, run->system_seconds, throughput(run),
	    (unsigned long long)run->peak_rss_bytes);
}

int
stats_print(FILE *out, enum stats_format format, const struct stats_run *run)
{
	if (format == STATS_JSON)
		print_json(out, run);
	else if (format == STATS_TEXT)
		print_text(out, run);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
