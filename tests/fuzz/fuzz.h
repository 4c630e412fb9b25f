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

/* A descriptor the harness's sink writes to (/dev/null). */
int fuzz_output(void);

/* Settings for a harness run: the defaults, without the filter
 * accelerator (its compiler forks, which a fuzzer must not). */
void fuzz_settings(struct settings *);

#endif
