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

#include "run/chain.h"
#include "run/report.h"
#include "base/diag.h"
#include "options.h"
#include "output/output_file.h"
#include "match/prefilter.h"
#include "run/progress.h"
#include "match/regex.h"
#include "base/signals.h"
#include "output/sink.h"
#include "input/source_open.h"
#include "run/stats.h"

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
	chain = chain_build(options, paths, count, diag);
	if (chain == NULL)
		return RUN_UNBUILT;
	if (output_open(&output, kind, path, options->backup_suffix,
	    diag) != 0) {
		stage_free_chain(chain);
		return RUN_FAILED;
	}
	if (settings->progress)
		progress = run_watch_progress(chain, paths, count, diag);
	failed = sink_init(&sink, output.fd, output.name,
	    &options->settings) != 0 ? diag_fail(diag, "out of memory")
	    : chain_drain(chain, &sink, diag);
	diag->before_print = NULL;
	progress_end(progress);
	if (failed || diag->errors > errors_before) {
		output_abort(&output);
		status = RUN_FAILED;
	} else if (output_commit(&output, diag) != 0) {
		status = RUN_FAILED;
	} else {
		status = sink.lines > 0 && !chain_counted_nothing(chain) ? 0
		    : 1;
	}
	if (settings->stats != STATS_OFF && run_report_stats(options, chain,
	    &sink, &clock, status < 0 ? 2 : status == 1 &&
	    settings->no_match_ok ? 0 : status, diag) != 0) {
		diag_report(diag);
		status = RUN_FAILED;
	}
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
		    ? chain_explain(&options, &diag) : run(&options, &diag);
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
