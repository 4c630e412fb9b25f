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
#include <unistd.h>

#include "diag.h"
#include "options.h"
#include "output.h"
#include "prefilter.h"
#include "reader.h"
#include "regex.h"
#include "signals.h"
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

/* The reader over paths, then every stage in command-line order. NULL on
 * an error, described in diag. */
static struct stage *
build_chain(const struct options *options, char *const *paths, size_t count,
    struct diag *diag)
{
	struct stage *last = reader_new(paths, count, &options->settings,
	    diag);
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
	struct stage *chain = build_chain(options, paths, count, diag);
	unsigned errors_before = diag->errors;
	struct output output;
	struct sink sink;
	int failed;

	if (chain == NULL)
		return RUN_UNBUILT;
	if (output_open(&output, kind, path, options->backup_suffix,
	    diag) != 0) {
		stage_free_chain(chain);
		return RUN_FAILED;
	}
	failed = sink_init(&sink, output.fd, output.name,
	    &options->settings) != 0 ? diag_fail(diag, "out of memory")
	    : drain(chain, &sink, diag);
	stage_free_chain(chain);
	sink_free(&sink);
	if (failed || diag->errors > errors_before) {
		output_abort(&output);
		return RUN_FAILED;
	}
	if (output_commit(&output, diag) != 0)
		return RUN_FAILED;
	return sink.lines > 0 ? 0 : 1;
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
	/* A run a signal stopped ends as that signal would have ended it;
	 * one that arrived after the work was done changes nothing. */
	if (status == 2)
		signals_reraise();
	return status;
}
