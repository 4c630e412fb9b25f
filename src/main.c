/* main.c: sluice reads its options, builds the chain of stages they name
 * (the reader first, each stage pulling from the one before), drains the
 * chain into the sink, and reports: the exit status says whether a line
 * was written (0), none was (1), or something went wrong (2). */
#include <config.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "options.h"
#include "prefilter.h"
#include "progress.h"
#include "reader.h"
#include "regex.h"
#include "sink.h"
#include "stats.h"

static int
print_version(void)
{
	char version[64], jit[128], accelerator[128];

	regex_library_version(version, sizeof version);
	regex_jit_target(jit, sizeof jit);
	if (!prefilter_engine(accelerator, sizeof accelerator))
		snprintf(accelerator, sizeof accelerator, "none");
	/* As coreutils prints it: name and version, then what it was built
	 * with, then the licence. */
	printf("%s %s\nPCRE2 %s, JIT: %s%s%s\nfilter accelerator: %s\n"
	    "Copyright (c) 2026 the sluice authors.\n"
	    "License: BSD 2-Clause <https://opensource.org/licenses/"
	    "BSD-2-Clause>.\nThis is free software: you are free to change "
	    "and redistribute it.\nThere is NO WARRANTY, to the extent "
	    "permitted by law.\n",
	    PACKAGE_NAME, PACKAGE_VERSION, version,
	    jit[0] != '\0' ? "yes (" : "no", jit, jit[0] != '\0' ? ")" : "",
	    accelerator);
	return fflush(stdout) == 0 ? 0 : 2;
}

/* The -m or -o whose matches --color marks (the last one), or NULL when
 * colour is off or there is none. */
static const struct stage_spec *
color_source(const struct options *options)
{
	const struct settings *settings = &options->settings;
	const char *no_color = getenv("NO_COLOR");
	size_t i;

	if (settings->color == COLOR_NEVER || (settings->color == COLOR_AUTO &&
	    ((no_color != NULL && no_color[0] != '\0') ||
	    !isatty(STDOUT_FILENO))))
		return NULL;
	for (i = options->stage_count; i > 0; i--)
		if (options->stages[i - 1].highlights)
			return &options->stages[i - 1];
	return NULL;
}

/* --color: the colour stage goes last, so no stage sees a colour byte. */
static struct stage *
add_color(const struct options *options, struct stage *last,
    struct diag *diag)
{
	const struct stage_spec *source = color_source(options);
	struct stage_args args = {
		last, NULL, NULL, 0, &options->settings, diag
	};
	struct stage *color;

	if (source == NULL)
		return last;
	args.arg = source->arg;
	args.option = source->option;
	color = color_new(&args);
	if (color == NULL)
		stage_free_chain(last);
	return color;
}

/* The reader, then every stage in command-line order. NULL on an error,
 * described in diag. */
static struct stage *
build_chain(const struct options *options, struct diag *diag)
{
	struct stage *last = reader_new(options->files, options->file_count,
	    &options->settings, diag);
	size_t i;

	if (last == NULL) {
		diag_fail(diag, "out of memory");
		return NULL;
	}
	for (i = 0; i < options->stage_count; i++) {
		const struct stage_spec *spec = &options->stages[i];
		struct stage_args args = {
			last, spec->arg, spec->option, spec->variant,
			&options->settings, diag
		};
		struct stage *stage = spec->build(&args);

		if (stage == NULL) {
			stage_free_chain(last);
			return NULL;
		}
		last = stage;
	}
	return add_color(options, last, diag);
}

/* With no stage, whole blocks of records go from the reader's buffer to
 * the sink; reader_next still handles what blocks cannot (the last
 * record, long records, the next FILE). Not when line-buffered. */
static int
next_block(struct stage *chain, struct sink *sink, struct line *line,
    struct diag *diag)
{
	const char *block;
	size_t len;

	while ((len = reader_block(chain, &block)) > 0) {
		int written = sink_write_block(sink, block, len,
		    reader_skip(chain, len), diag);

		if (written != 0)
			return written == SINK_CLOSED ? 0 : -1;
	}
	return stage_next(chain, line);
}

/* Pulls every line through the chain into the sink. 0 when the stream
 * ended or the output pipe closed, -1 on an error. */
static int
drain(struct stage *chain, struct sink *sink, struct diag *diag)
{
	int by_block = reader_is(chain) && !sink->line_buffered;
	struct line line;
	int result, written = 0;

	while ((result = by_block ? next_block(chain, sink, &line, diag)
	    : stage_next(chain, &line)) == 1) {
		written = sink_write(sink, &line, diag);
		if (written != 0)
			break;
	}
	if (written == 0)
		written = sink_flush(sink, diag);
	if (written == SINK_CLOSED)
		return 0;
	return result < 0 || written < 0 ? -1 : 0;
}

/* What --stats and --explain call the stages after the reader: each
 * its option's long name, the option as spelled and its argument; the
 * colour stage, if any, "color" with the -m or -o it marks. One label
 * more than there are stage options; NULL when out of memory. */
static struct stats_label *
chain_labels(const struct options *options)
{
	struct stats_label *labels = calloc(options->stage_count + 1,
	    sizeof *labels);
	const struct stage_spec *color = color_source(options);
	size_t i;

	if (labels == NULL)
		return NULL;
	for (i = 0; i < options->stage_count; i++) {
		labels[i].name = options->stages[i].name;
		labels[i].option = options->stages[i].option;
		labels[i].arg = options->stages[i].arg;
	}
	if (color != NULL) {
		labels[i].name = "color";
		labels[i].option = color->option;
		labels[i].arg = color->arg;
	}
	return labels;
}

static struct stage *
chain_reader(struct stage *chain)
{
	while (chain->up != NULL)
		chain = chain->up;
	return chain;
}

/* --stats, after the run (a failed one too, as far as it got), on
 * stderr after any error message. */
static void
report_stats(const struct options *options, const struct stage *chain,
    const struct sink *sink, const struct stats_clock *clock, int status)
{
	struct stats_label *labels = chain_labels(options);
	struct stats_run run;

	if (labels != NULL && stats_gather(&run, chain, labels,
	    options->stage_count + 1, sink, clock, status) == 0) {
		stats_print(stderr, options->settings.stats, &run);
		stats_run_free(&run);
	} else {
		fputs("sluice: --stats: out of memory\n", stderr);
	}
	free(labels);
}

/* --explain: the chain as built, one stage a line, in the order lines
 * flow, on stdout; no FILE is opened (the reader opens them as it
 * reads). */
static int
explain(const struct options *options, struct diag *diag)
{
	struct stats_label *labels = chain_labels(options);
	struct stage *chain = build_chain(options, diag);
	const struct stage **order;
	const struct stage *stage;
	size_t count = 0, i;
	struct sink sink;

	if (chain == NULL || labels == NULL) {
		free(labels);
		stage_free_chain(chain);
		return chain == NULL ? -1 : diag_fail(diag, "out of memory");
	}
	for (stage = chain; stage != NULL; stage = stage->up)
		count++;
	order = calloc(count, sizeof *order);
	if (order == NULL || sink_init(&sink, STDOUT_FILENO,
	    "(standard output)", &options->settings) != 0) {
		free(order);
		free(labels);
		stage_free_chain(chain);
		return diag_fail(diag, "out of memory");
	}
	for (stage = chain, i = count; stage != NULL; stage = stage->up)
		order[--i] = stage;
	for (i = 0; i < count; i++) {
		const struct stats_label *label = i > 0 ? &labels[i - 1] : NULL;
		struct describe_out text = { "", 0 };

		if (order[i]->ops->describe != NULL)
			order[i]->ops->describe(order[i], &text);
		printf("%zu %s", i, i == 0 ? "read" : label->name != NULL
		    ? label->name : order[i]->ops->name);
		if (label != NULL && label->option != NULL)
			printf(" %s", label->option);
		if (label != NULL && label->arg != NULL)
			printf(" '%s'", label->arg);
		printf(": %s\n", text.text);
	}
	printf("%zu write: standard output, %s\n", count,
	    sink.line_buffered ? "flushed after every line"
	    : "in blocks of 128K");
	sink_free(&sink);
	free(order);
	free(labels);
	stage_free_chain(chain);
	return fflush(stdout) == 0 ? 0 : diag_fail(diag, "(standard output): "
	    "write error");
}

static int
run(const struct options *options, struct diag *diag)
{
	const struct settings *settings = &options->settings;
	struct progress *progress = NULL;
	struct stats_clock clock;
	struct stage *chain;
	struct sink sink;
	int failed, status;

	stats_clock_start(&clock);
	if (sink_init(&sink, STDOUT_FILENO, "(standard output)",
	    &options->settings) != 0)
		return diag_fail(diag, "out of memory");
	chain = build_chain(options, diag);
	if (chain == NULL) {
		sink_free(&sink);
		return -1;
	}
	if (settings->progress) {
		progress = progress_new(options->files, options->file_count,
		    stderr);
		if (progress != NULL) {
			reader_watch(chain_reader(chain), progress_update,
			    progress);
			diag->before_print = progress_clear;
			diag->before_print_context = progress;
		}
	}
	failed = drain(chain, &sink, diag);
	diag->before_print = NULL;
	progress_end(progress);
	if (failed || diag->errors > 0)
		status = -1;
	else
		status = sink.lines > 0 || settings->no_match_ok ? 0 : 1;
	if (settings->stats != STATS_OFF) {
		/* The error first, then the numbers of the run it ended. */
		if (status < 0 && diag->message[0] != '\0') {
			fprintf(stderr, "sluice: %s\n", diag->message);
			diag->message[0] = '\0';
		}
		report_stats(options, chain, &sink, &clock,
		    status < 0 ? 2 : status);
	}
	stage_free_chain(chain);
	sink_free(&sink);
	return status;
}

int
main(int argc, char **argv)
{
	struct options options;
	struct diag diag;
	int status;

	/* A closed output pipe shows up as EPIPE, and ends the run quietly. */
	signal(SIGPIPE, SIG_IGN);
	diag_init(&diag, stderr);
	if (options_parse(&options, argc, argv, &diag) != 0) {
		fprintf(stderr, "sluice: %s\n", diag.message);
		if (options.usage_error)
			fputs("Try 'sluice --help' for more information.\n",
			    stderr);
		return 2;
	}
	if (options.action == ACTION_HELP) {
		options_usage(stdout);
		status = fflush(stdout) == 0 ? 0 : 2;
	} else if (options.action == ACTION_VERSION) {
		status = print_version();
	} else {
		status = options.action == ACTION_EXPLAIN
		    ? explain(&options, &diag) : run(&options, &diag);
		if (status < 0) {
			if (diag.message[0] != '\0')
				fprintf(stderr, "sluice: %s\n", diag.message);
			status = 2;
		}
	}
	options_free(&options);
	return status;
}
