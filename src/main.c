/* main.c: sluice reads its options, builds the chain of stages they name
 * (the reader first, each stage pulling from the one before), drains the
 * chain into the sink (standard output, or the -O / --in-place file it
 * replaces only on success), and reports: the exit status says whether a
 * line was written (0), none was (1), or something went wrong (2); a run
 * ended by SIGINT, SIGTERM or SIGHUP ends by that signal. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "options.h"
#include "output.h"
#include "parallel.h"
#include "prefilter.h"
#include "progress.h"
#include "reader.h"
#include "regex.h"
#include "signals.h"
#include "sink.h"
#include "stats.h"
#include "source.h"

static int
print_version(void)
{
	char version[64], jit[128], accelerator[128], decoders[256];

	regex_library_version(version, sizeof version);
	regex_jit_target(jit, sizeof jit);
	if (!prefilter_engine(accelerator, sizeof accelerator))
		snprintf(accelerator, sizeof accelerator, "none");
	source_decoders(decoders, sizeof decoders);
	/* As coreutils prints it: name and version, then what it was built
	 * with, then the licence. */
	printf("%s %s\nPCRE2 %s, JIT: %s%s%s\nfilter accelerator: %s\n"
	    "decompression: %s\n"
	    "Copyright (c) 2026 the sluice authors.\n"
	    "License: BSD 2-Clause <https://opensource.org/licenses/"
	    "BSD-2-Clause>.\nThis is free software: you are free to change "
	    "and redistribute it.\nThere is NO WARRANTY, to the extent "
	    "permitted by law.\n",
	    PACKAGE_NAME, PACKAGE_VERSION, version,
	    jit[0] != '\0' ? "yes (" : "no", jit, jit[0] != '\0' ? ")" : "",
	    accelerator, decoders);
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
	    !settings->output_is_terminal)))
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

/* Stage i of the command line, over up. NULL on an error, described in
 * diag. */
static struct stage *
build_stage(const struct options *options, size_t i, struct stage *up,
    struct diag *diag)
{
	const struct stage_spec *spec = &options->stages[i];
	struct stage_args args = {
		up, spec->arg, spec->option, spec->variant, &options->settings,
		diag
	};

	/* The stage keeps what args points to, not args itself. */
	/* cppcheck-suppress returnDanglingLifetime */
	return spec->build(&args);
}

/* The chain's leading stages that look at one line alone, over up, and in
 * *count how many. NULL on an error, and then up is freed. */
static struct stage *
build_per_line(const struct options *options, struct stage *up,
    size_t *count, struct diag *diag)
{
	struct stage *last = up;
	size_t i;

	for (i = 0; i < options->stage_count; i++) {
		struct stage *stage = build_stage(options, i, last, diag);

		if (stage == NULL) {
			stage_free_chain(last);
			return NULL;
		}
		if (!(stage->ops->flags & STAGE_PER_LINE)) {
			stage->ops->free(stage);
			break;
		}
		last = stage;
	}
	*count = i;
	return last;
}

/* parallel_builder: a worker's copy of those stages. */
static struct stage *
build_worker_stages(const void *options, struct stage *up, struct diag *diag)
{
	size_t count;

	return build_per_line(options, up, &count, diag);
}

/* -j: the reader, then the parallel stage running the leading per-line
 * stages (*built of them), or the reader alone where there are none.
 * NULL on an error, and then the reader is freed. */
static struct stage *
build_parallel(const struct options *options, struct stage *reader,
    unsigned workers, size_t *built, struct diag *diag)
{
	struct stage *memory = reader_new_memory(&options->settings, diag);
	struct stage *prefix, *parallel;

	if (memory == NULL) {
		stage_free_chain(reader);
		diag_fail(diag, "out of memory");
		return NULL;
	}
	prefix = build_per_line(options, memory, built, diag);
	if (prefix == NULL || *built == 0) {
		stage_free_chain(prefix);
		if (prefix == NULL)
			stage_free_chain(reader);
		return prefix == NULL ? NULL : reader;
	}
	parallel = parallel_new(reader, memory, prefix, workers,
	    build_worker_stages, options, &options->settings, diag);
	if (parallel == NULL) {
		stage_free_chain(prefix);
		stage_free_chain(reader);
	}
	return parallel;
}

/* Why the chain itself keeps to one thread, or NULL. Without -j: where
 * the per-line stages are only -m and strip, which are bound by reading
 * (measured on 256 MiB: T1 took 155 ms on two threads, 143 ms on one; T3
 * 597 against 828 ms). Whatever -j says: --stats with -n, since threads
 * run ahead of what -n takes, and --stats would count a stage's work on
 * lines that never reached the next one. */
static const char *
chain_keeps_one_thread(const struct options *options)
{
	int only_filters = options->settings.threads == 0;
	size_t i;

	for (i = 0; i < options->stage_count; i++) {
		const struct stage_spec *spec = &options->stages[i];

		if (options->settings.stats != STATS_OFF &&
		    spec->build == head_new)
			return "--stats with -n counts only the lines -n took";
		if (spec->build != strip_new && !(spec->build == filter_new &&
		    spec->variant == FILTER_KEEP))
			only_filters = 0;
	}
	return only_filters ? "only -m and strip look at one line alone, "
	    "and a filter is bound by reading" : NULL;
}

/* The reader over paths, then every stage in command-line order. NULL on
 * an error, described in diag. */
static struct stage *
build_chain(const struct options *options, char *const *paths, size_t count,
    struct diag *diag)
{
	struct stage *last = reader_new(paths, count, &options->settings,
	    diag);
	/* --explain lists the stages one by one, not inside -j's stage. */
	const char *why_not;
	unsigned workers = options->action == ACTION_EXPLAIN ||
	    chain_keeps_one_thread(options) != NULL ? 0 :
	    parallel_workers(&options->settings, paths, count, &why_not);
	size_t i = 0;

	if (last == NULL) {
		diag_fail(diag, "out of memory");
		return NULL;
	}
	if (workers > 0 && (last = build_parallel(options, last, workers, &i,
	    diag)) == NULL)
		return NULL;
	for (; i < options->stage_count; i++) {
		struct stage *stage = build_stage(options, i, last, diag);

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
		if (sink->first_line_ends_run)
			return 0;
	}
	return stage_next(chain, line);
}

/* With only per-line stages on threads, their output comes in blocks
 * too, the lines their main-thread copy makes one by one. */
static int
next_parallel_block(struct stage *chain, struct sink *sink,
    struct line *line, struct diag *diag)
{
	const char *block;
	size_t len;
	uint64_t lines;
	int result;

	while ((result = parallel_next_block(chain, line, &block, &len,
	    &lines)) == PARALLEL_BLOCK) {
		int written = sink_write_block(sink, block, len, lines, diag);

		if (written != 0)
			return written == SINK_CLOSED ? 0 : -1;
		if (sink->first_line_ends_run)
			return 0;
	}
	return result;
}

/* Pulls every line through the chain into the sink. 0 when the stream
 * ended or the output pipe closed, -1 on an error. */
static int
drain(struct stage *chain, struct sink *sink, struct diag *diag)
{
	int (*next)(struct stage *, struct sink *, struct line *,
	    struct diag *) = NULL;
	struct line line;
	int result, written = 0;

	if (!sink->line_buffered && reader_is(chain))
		next = next_block;
	else if (!sink->line_buffered && parallel_output_blocks(chain))
		next = next_parallel_block;
	while ((result = next != NULL ? next(chain, sink, &line, diag)
	    : stage_next(chain, &line)) == 1) {
		written = sink_write(sink, &line, diag);
		if (written != 0 || sink->first_line_ends_run)
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

/* --stats, after a run (a failed one too, as far as it got), on stderr
 * after its error message. status is the exit status the run gives. */
static void
report_stats(const struct options *options, const struct stage *chain,
    const struct sink *sink, const struct stats_clock *clock, int status,
    struct diag *diag)
{
	struct stats_label *labels = chain_labels(options);
	struct stats_run report;

	diag_report(diag);
	if (labels != NULL && stats_gather(&report, chain, labels,
	    options->stage_count + 1, sink, clock, status) == 0) {
		stats_print(stderr, options->settings.stats, &report);
		stats_run_free(&report);
	} else {
		fputs("sluice: --stats: out of memory\n", stderr);
	}
	free(labels);
}

/* --progress over paths: the reader tells it what it read, and a message
 * takes its line's place. NULL when out of memory (then no line). */
static struct progress *
watch_progress(struct stage *chain, char *const *paths, size_t count,
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

/* --explain's last line: how many threads run which stages, or why one. */
static void
explain_threads(const struct options *options, const struct stage **order,
    size_t count)
{
	const char *why_not = "the chain has no stage that looks at one line "
	    "alone";
	unsigned workers = 0;
	size_t per_line = 1;

	while (per_line < count && order[per_line]->ops->flags & STAGE_PER_LINE)
		per_line++;
	if (per_line > 1 && chain_keeps_one_thread(options) != NULL)
		why_not = chain_keeps_one_thread(options);
	else if (per_line > 1)
		workers = parallel_workers(&options->settings, options->files,
		    options->file_count, &why_not);
	if (workers == 0)
		printf("threads: one (%s)\n", why_not);
	else if (per_line == 2)
		printf("threads: %u running stage 1, the rest on the main "
		    "thread in input order%s\n", workers,
		    options->settings.threads == 0 ? ", after the first 4 MiB"
		    : "");
	else
		printf("threads: %u running stages 1-%zu, the rest on the main "
		    "thread in input order%s\n", workers, per_line - 1,
		    options->settings.threads == 0 ? ", after the first 4 MiB"
		    : "");
}

/* --explain: the chain as built, one stage a line, in the order lines
 * flow, on stdout; no FILE is opened (the reader opens them as it
 * reads). */
static int
explain(const struct options *options, struct diag *diag)
{
	struct stats_label *labels = chain_labels(options);
	struct stage *chain = build_chain(options, options->files,
	    options->file_count, diag);
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
		printf("%zu %s", i, label == NULL ? "read" : label->name != NULL
		    ? label->name : order[i]->ops->name);
		if (label != NULL && label->option != NULL)
			printf(" %s", label->option);
		if (label != NULL && label->arg != NULL)
			printf(" '%s'", label->arg);
		printf(": %s\n", text.text);
	}
	if (options->in_place)
		printf("%zu write: each FILE rewritten in place%s%s\n", count,
		    options->backup_suffix != NULL ? ", the old one kept as "
		    "FILE" : "", options->backup_suffix != NULL
		    ? options->backup_suffix : "");
	else if (options->output != NULL)
		printf("%zu write: %s, replaced only if the run succeeds\n",
		    count, options->output);
	else
		printf("%zu write: standard output, %s\n", count,
		    sink.line_buffered ? "flushed after every line"
		    : "in blocks of 128K");
	explain_threads(options, order, count);
	sink_free(&sink);
	free(order);
	free(labels);
	stage_free_chain(chain);
	return fflush(stdout) == 0 ? 0 : diag_fail(diag, "(standard output): "
	    "write error");
}

/* One run of the chain over paths into one output. 0 when a line was
 * written, 1 when none was, RUN_FAILED or RUN_UNBUILT (the chain itself
 * could not be built: the same for every FILE) with the reason in diag.
 * The output is replaced only when nothing went wrong. */
#define RUN_FAILED (-1)
#define RUN_UNBUILT (-2)

static int
run_once(const struct options *options, char *const *paths, size_t count,
    enum output_kind kind, const char *path, struct diag *diag)
{
	const struct settings *settings = &options->settings;
	unsigned errors_before = diag->errors;
	struct progress *progress = NULL;
	struct stats_clock clock;
	struct output output;
	struct stage *chain;
	struct sink sink;
	int failed, status;

	stats_clock_start(&clock);
	chain = build_chain(options, paths, count, diag);
	if (chain == NULL)
		return RUN_UNBUILT;
	if (output_open(&output, kind, path, options->backup_suffix,
	    diag) != 0) {
		stage_free_chain(chain);
		return RUN_FAILED;
	}
	if (settings->progress)
		progress = watch_progress(chain, paths, count, diag);
	failed = sink_init(&sink, output.fd, output.name,
	    &options->settings) != 0 ? diag_fail(diag, "out of memory")
	    : drain(chain, &sink, diag);
	diag->before_print = NULL;
	progress_end(progress);
	if (failed || diag->errors > errors_before) {
		output_abort(&output);
		status = RUN_FAILED;
	} else if (output_commit(&output, diag) != 0) {
		status = RUN_FAILED;
	} else {
		status = sink.lines > 0 ? 0 : 1;
	}
	if (settings->stats != STATS_OFF)
		report_stats(options, chain, &sink, &clock, status < 0 ? 2
		    : status == 1 && settings->no_match_ok ? 0 : status, diag);
	stage_free_chain(chain);
	sink_free(&sink);
	return status;
}

/* --in-place: each FILE is a run of its own, into a new copy of itself.
 * A FILE that fails is reported and left as it was, and the others are
 * still rewritten; a chain that cannot be built, or a signal, stops all. */
static int
run_in_place(const struct options *options, struct diag *diag)
{
	int status = 1;
	size_t i;

	for (i = 0; i < options->file_count; i++) {
		int result;

		if (signals_check(diag) != 0)
			return -1;
		result = run_once(options, &options->files[i], 1,
		    OUTPUT_IN_PLACE, options->files[i], diag);
		if (result == RUN_UNBUILT || (result < 0 && signals_caught()))
			return -1;
		if (result < 0)
			diag_report(diag);
		else if (result == 0)
			status = 0;
	}
	return diag->errors > 0 ? -1 : status;
}

/* 0 when a line was written, 1 when none was, -1 on an error. */
static int
run(const struct options *options, struct diag *diag)
{
	int status = options->in_place ? run_in_place(options, diag)
	    : run_once(options, options->files, options->file_count,
	    options->output != NULL ? OUTPUT_FILE : OUTPUT_STANDARD,
	    options->output, diag);

	if (status < 0)
		return -1;
	return status == 1 && options->settings.no_match_ok ? 0 : status;
}

/* A standard descriptor that was closed (`sluice <&-`) is held open on
 * /dev/null the wrong way round, so it still fails as closed (EBADF) and
 * no file sluice opens can take its number and be mistaken for it. */
static void
hold_standard_descriptors(void)
{
	int fd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		int held;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		held = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY
		    : O_RDONLY);
		if (held >= 0 && held != fd) {
			(void)dup2(held, fd);
			(void)close(held);
		}
	}
}

int
main(int argc, char **argv)
{
	struct options options;
	struct diag diag;
	int status;

	/* A closed output pipe shows up as EPIPE, and ends the run quietly. */
	signal(SIGPIPE, SIG_IGN);
	signals_install();
	hold_standard_descriptors();
	diag_init(&diag, stderr);
	if (options_parse(&options, argc, argv, &diag) != 0) {
		fprintf(stderr, "sluice: %s\n", diag.message);
		if (options.usage_error)
			fputs("Try 'sluice --help' for more information.\n",
			    stderr);
		return 2;
	}
	if (options.settings.follow != FOLLOW_NONE)
		signals_second_ends_run();
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
	/* A run a signal stopped ends as that signal would have ended it;
	 * one that arrived after the work was done changes nothing. */
	if (status == 2)
		signals_reraise();
	return status;
}
