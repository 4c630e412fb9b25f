/* main.c: sluice reads its options, builds the chain of stages they name
 * (the reader first, each stage pulling from the one before), drains the
 * chain into the sink, and reports: the exit status says whether a line
 * was written (0), none was (1), or something went wrong (2). */
#include <config.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "diag.h"
#include "options.h"
#include "parallel.h"
#include "prefilter.h"
#include "reader.h"
#include "regex.h"
#include "sink.h"

static int
print_version(void)
{
	char version[64], jit[128], accelerator[128];

	regex_library_version(version, sizeof version);
	regex_jit_target(jit, sizeof jit);
	if (!prefilter_engine(accelerator, sizeof accelerator))
		snprintf(accelerator, sizeof accelerator, "none");
	printf("%s %s\nPCRE2 %s, JIT: %s%s%s\nfilter accelerator: %s\n",
	    PACKAGE_NAME, PACKAGE_VERSION, version,
	    jit[0] != '\0' ? "yes (" : "no", jit, jit[0] != '\0' ? ")" : "",
	    accelerator);
	return fflush(stdout) == 0 ? 0 : 2;
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

/* The reader, then every stage in command-line order. NULL on an error,
 * described in diag. */
static struct stage *
build_chain(const struct options *options, struct diag *diag)
{
	struct stage *last = reader_new(options->files, options->file_count,
	    &options->settings, diag);
	unsigned workers = parallel_workers(&options->settings,
	    options->files, options->file_count);
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
	return last;
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

static int
run(const struct options *options, struct diag *diag)
{
	struct stage *chain;
	struct sink sink;
	int failed;

	if (sink_init(&sink, STDOUT_FILENO, "(standard output)",
	    &options->settings) != 0)
		return diag_fail(diag, "out of memory");
	chain = build_chain(options, diag);
	if (chain == NULL) {
		sink_free(&sink);
		return -1;
	}
	failed = drain(chain, &sink, diag);
	stage_free_chain(chain);
	sink_free(&sink);
	if (failed || diag->errors > 0)
		return -1;
	return sink.lines > 0 || options->settings.no_match_ok ? 0 : 1;
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
		return 2;
	}
	if (options.action == ACTION_HELP) {
		options_usage(stdout);
		status = fflush(stdout) == 0 ? 0 : 2;
	} else if (options.action == ACTION_VERSION) {
		status = print_version();
	} else {
		status = run(&options, &diag);
		if (status < 0) {
			if (diag.message[0] != '\0')
				fprintf(stderr, "sluice: %s\n", diag.message);
			status = 2;
		}
	}
	options_free(&options);
	return status;
}
