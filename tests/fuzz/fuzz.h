/* fuzz.h: what the fuzz harnesses share. Each harness defines
 * LLVMFuzzerTestOneInput; libFuzzer calls it with generated inputs (make
 * fuzz), driver.c with the files of its seed corpus (make check). A broken
 * invariant aborts with a message, which both report as a failure. */
#ifndef SLUICE_FUZZ_H
#define SLUICE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/settings.h"
#include "base/stage.h"
#include "run/parallel.h"
#include "stages/stages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run with "fuzz invariant broken: ..." on stderr when ok is 0. */
#define FUZZ_CHECK(ok, ...) \
	((ok) ? (void)0 : fuzz_fail(__FILE__, __LINE__, __VA_ARGS__))

void fuzz_fail(const char *file, int line, const char *format, ...)
	__attribute__((format(printf, 3, 4), noreturn));

/* Input files the real reader opens by name: slot n (0 to 3) holds bytes
 * afterwards; the returned name stays valid until the process ends. They
 * live in memory (memfd), so no run leaves a file behind. */
char *fuzz_input(unsigned slot, const void *bytes, size_t len);

/* A stage that passes its lines on unchanged and keeps the last one, so
 * that a harness can compare what a stage made of a line with the line
 * itself. The view stays valid until the tap is asked again. */
struct stage *fuzz_tap_new(struct stage *up);
const struct line *fuzz_tap_last(const struct stage *tap);

/* The real reader over *path, a tap after it, and what build makes of
 * arg (spelled option) after the tap: the stage, or NULL when build
 * refused arg (diag says why). *tap is set either way; freeing the chain
 * from it frees the reader. *path must outlive the reader. */
struct stage *fuzz_tapped_stage(char *const *path, stage_builder *build,
    const char *arg, const char *option, const struct settings *,
    struct diag *, struct stage **tap);

/* Log lines with words and shapes seed patterns look for (blanks at the
 * ends, a \r, an empty line): the text of a harness whose input brings
 * none. Its length in *len. */
const char *fuzz_log_sample(size_t *len);

/* text copied end to end, each copy ending with terminator but maybe the
 * last, until there are min_records records, within max_len bytes but
 * two copies at least (so that a window or job edge crosses a long
 * record somewhere); malloc'ed, its length in *len. */
char *fuzz_repeat(const char *text, size_t text_len, char terminator,
    size_t min_records, size_t max_len, size_t *len);

/* What a chain handed on, for comparing two ways of running it: each line
 * as "LINENO:EOL:" and its bytes and a newline, and how the run ended. */
struct fuzz_lines {
	char *bytes;
	size_t len;
	size_t capacity;
	uint64_t lines;
	int result;		/* 0, or -1 with message */
	char message[sizeof ((struct diag *)NULL)->message];
	unsigned errors;	/* diag's count of reported errors */
};

/* Runs what build makes over the real reader of *path to its end, on one
 * thread (workers 0) or through the parallel stage as main builds it for
 * -j (settings->threads should then be workers). 0, or -1 when build
 * refused (lines->message says why). */
int fuzz_lines_run(char *const *path, parallel_builder *build,
    const void *context, unsigned workers, const struct settings *,
    struct fuzz_lines *lines);
void fuzz_lines_free(struct fuzz_lines *);

/* Stops the run unless got is want, naming the first line where they
 * part and what (the run's description). With passed_over, got may also
 * go on past a want that failed (see fuzz_filter.c). */
void fuzz_lines_expect_same(const struct fuzz_lines *got,
    const struct fuzz_lines *want, int passed_over, const char *what);

/* A descriptor the harness's sink writes to (/dev/null). */
int fuzz_output(void);

/* Settings for a harness run: the defaults, without the filter
 * accelerator (its compiler forks, which a fuzzer must not). */
void fuzz_settings(struct settings *);

#endif
