/* harness.h: what the unit suites share: temporary input files; running
 * a chain (the real reader, the real stages, the real sink into a
 * temporary file) over given bytes, at any buffer size; and building one
 * stage alone, to see its argument refused or accepted, or over an
 * upstream that never ends. */
#ifndef SLUICE_HARNESS_H
#define SLUICE_HARNESS_H

#include <check.h>
#include <stddef.h>
#include <string.h>

#include "base/diag.h"
#include "options.h"
#include "base/settings.h"
#include "stages/stages.h"

struct harness_stage {
	stage_builder *build;
	const char *arg;
	int variant;
};

struct harness_result {
	int status;		/* 0 the stream ended, -1 an error */
	char *out;		/* the bytes the sink wrote, NUL added */
	size_t out_len;
	char error[1024];	/* the fatal error's text, if any */
	char *warnings;		/* what was reported on the diag stream */
	unsigned errors;	/* non-fatal errors counted */
};

/* The options that name stages (each spelled "-x") with settings, as
 * options_parse would make them, for chain_build; options_free frees
 * them. */
void harness_options(struct options *, const struct settings *,
    const struct harness_stage *stages, size_t stage_count);

/* The default settings, as settings_init makes them. */
struct settings harness_settings(void);

/* A temporary file holding bytes; the caller unlinks and frees the name. */
char *harness_file(const char *bytes, size_t len);

/* Runs FILEs through the reader and the stages with settings. */
void harness_run_files(char *const *paths, size_t path_count,
    const struct settings *, const struct harness_stage *stages,
    size_t stage_count, struct harness_result *);

/* The same over one temporary file holding input[0, len). */
void harness_run(const char *input, size_t len, const struct settings *,
    const struct harness_stage *stages, size_t stage_count,
    struct harness_result *);

void harness_result_free(struct harness_result *);

/* Checks that the chain writes expected (expected_len bytes) at every
 * buffer size from 1 to 64 and at the default; fails the test naming the
 * size otherwise. */
void harness_expect(const char *input, size_t len,
    const struct settings *base, const struct harness_stage *stages,
    size_t stage_count, const char *expected, size_t expected_len);

/* harness_expect for one stage of a kind over NUL-free text. */
void harness_expect_one(stage_builder *build, int variant, const char *arg,
    const struct settings *settings, const char *input,
    const char *expected);

/* The same over input and expected of given lengths (NUL bytes inside). */
void harness_expect_one_bytes(stage_builder *build, int variant,
    const char *arg, const struct settings *settings, const char *input,
    size_t input_len, const char *expected, size_t expected_len);

/* Runs the chain once at buffer_size: it must fail after writing exactly
 * written, with an error that contains where and reason. */
void harness_expect_run_error(const char *input,
    const struct settings *settings, size_t buffer_size,
    const struct harness_stage *stages, size_t stage_count,
    const char *written, const char *where, const char *reason);

/* Checks that building one stage of a kind, spelled as option, with arg
 * and settings (NULL: the defaults), is refused with a message
 * "OPTION 'ARG': ...reason...". */
void harness_expect_refused(stage_builder *build, int variant,
    const char *option, const char *arg, const struct settings *settings,
    const char *reason);

/* Checks that the same is accepted. */
void harness_expect_accepted(stage_builder *build, int variant,
    const char *option, const char *arg, const struct settings *settings);

/* A stage that hands out the line "y" for ever, counting how often it was
 * asked: upstream of a stage that must stop asking. */
struct harness_endless {
	struct stage stage;
	unsigned long asked;
};

void harness_endless_init(struct harness_endless *);

/* One stage of a kind built over up with arg and settings, reporting to
 * diag (diag_init'ed by the caller); fails the test when it is refused. */
struct stage *harness_build_over(stage_builder *build, struct stage *up,
    const char *arg, const struct settings *settings, struct diag *diag);

/* Runs every test of suite; the exit status for main. */
int harness_run_suite(Suite *);

/* harness_expect for NUL-free text. */
#define HARNESS_EXPECT(input, settings, stages, expected) \
	harness_expect((input), strlen(input), (settings), (stages), \
	    sizeof(stages) / sizeof((stages)[0]), (expected), strlen(expected))

#endif
