/* report.c: what a run tells besides its output: the --stats report at
 * its end (on stderr, or replacing --stats-file's FILE whole), and the
 * --progress line along the way. */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/reader.h"
#include "output/output_file.h"
#include "run/chain.h"
#include "run/report.h"

/* --stats-file: the report replaces path whole, as -O's output does. 0,
 * or -1 with the reason in diag. */
static int
write_stats_file(const char *path, enum stats_format format,
    const struct stats_run *report, struct diag *diag)
{
	struct output output;
	FILE *out;
	int fd, failed;

	if (output_open(&output, OUTPUT_FILE, path, NULL, diag) != 0)
		return -1;
	fd = dup(output.fd);
	out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (out == NULL) {
		if (fd >= 0)
			close(fd);
		output_abort(&output);
		return diag_fail(diag, "%s: %s", path, strerror(errno));
	}
	failed = stats_print(out, format, report) != 0;
	failed |= fclose(out) != 0;
	if (failed) {
		output_abort(&output);
		return diag_fail(diag, "%s: write error", path);
	}
	return output_commit(&output, diag);
}

/* --stats, after a run (a failed one too, as far as it got), on stderr
 * after its error message, or into --stats-file's FILE. status is the
 * exit status the run gives. 0, or -1 when the report could not be
 * written (diag says why). */
int
run_report_stats(const struct options *options, const struct stage *chain,
    const struct sink *sink, const struct stats_clock *clock, int status,
    struct diag *diag)
{
	const struct settings *settings = &options->settings;
	struct stats_label *labels = chain_labels(options);
	struct stats_run report;
	int result = 0;

	diag_report(diag);
	if (labels != NULL && stats_gather(&report, chain, labels,
	    options->stage_count + 1, sink, clock, status) == 0) {
		if (settings->stats_file != NULL)
			result = write_stats_file(settings->stats_file,
			    settings->stats, &report, diag);
		else
			stats_print(stderr, settings->stats, &report);
		stats_run_free(&report);
	} else {
		result = diag_fail(diag, "--stats: out of memory");
	}
	free(labels);
	return result;
}

/* --progress over paths: the reader tells it what it read, and a message
 * takes its line's place. NULL when out of memory (then no line). */
struct progress *
run_watch_progress(struct stage *chain, char *const *paths, size_t count,
    struct diag *diag)
{
	struct progress *progress = progress_new(paths, count, stderr);

	if (progress != NULL) {
		reader_watch(chain_reader(chain), progress_update, progress);
		diag->before_print = progress_clear;
		diag->before_print_context = progress;
	}
	return progress;
}
