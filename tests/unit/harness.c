/* harness.c: see harness.h. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/chain.h"
#include "harness.h"
#include "options.h"
#include "output/sink.h"

struct settings
harness_settings(void)
{
	struct settings settings;

	settings_init(&settings);
	return settings;
}

char *
harness_file(const char *bytes, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char *path = malloc(4096);
	int fd;

	ck_assert_ptr_nonnull(path);
	snprintf(path, 4096, "%s/sluice-unit-XXXXXX", dir ? dir : "/tmp");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, bytes, len), (ssize_t)len);
	close(fd);
	return path;
}

static char *
read_back(FILE *file, size_t *len)
{
	long size;
	char *bytes;

	fflush(file);
	size = ftell(file);
	ck_assert_int_ge(size, 0);
	bytes = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(bytes);
	rewind(file);
	ck_assert_uint_eq(fread(bytes, 1, (size_t)size, file), (size_t)size);
	bytes[size] = '\0';
	*len = (size_t)size;
	return bytes;
}

void
harness_options(struct options *options, const struct settings *settings,
    const struct harness_stage *stages, size_t stage_count)
{
	size_t i;

	memset(options, 0, sizeof *options);
	options->settings = *settings;
	options->action = ACTION_RUN;
	options->stages = calloc(stage_count + 1, sizeof *options->stages);
	ck_assert_ptr_nonnull(options->stages);
	options->stage_count = stage_count;
	for (i = 0; i < stage_count; i++) {
		options->stages[i].build = stages[i].build;
		options->stages[i].arg = stages[i].arg;
		options->stages[i].variant = stages[i].variant;
		snprintf(options->stages[i].option,
		    sizeof options->stages[i].option, "-x");
	}
}

void
harness_run_options(char *const *paths, size_t path_count,
    const struct options *options, struct harness_result *result)
{
	FILE *output = tmpfile(), *messages = tmpfile();
	struct diag diag;
	struct sink sink;
	struct stage *last;
	size_t len;

	ck_assert_ptr_nonnull(output);
	ck_assert_ptr_nonnull(messages);
	memset(result, 0, sizeof *result);
	diag_init(&diag, messages);
	ck_assert_int_eq(sink_init(&sink, fileno(output), "(test output)",
	    &options->settings), 0);
	last = chain_build(options, paths, path_count, &diag);
	result->status = last == NULL ? -1 : chain_drain(last, &sink, &diag);
	stage_free_chain(last);
	sink_free(&sink);
	snprintf(result->error, sizeof result->error, "%s", diag.message);
	result->errors = diag.errors;
	fseek(output, 0, SEEK_END);
	result->out = read_back(output, &result->out_len);
	fseek(messages, 0, SEEK_END);
	result->warnings = read_back(messages, &len);
	fclose(output);
	fclose(messages);
}

void
harness_run_files(char *const *paths, size_t path_count,
    const struct settings *settings, const struct harness_stage *stages,
    size_t stage_count, struct harness_result *result)
{
	struct options options;

	harness_options(&options, settings, stages, stage_count);
	harness_run_options(paths, path_count, &options, result);
	options_free(&options);
}

void
harness_run(const char *input, size_t len, const struct settings *settings,
    const struct harness_stage *stages, size_t stage_count,
    struct harness_result *result)
{
	char *path = harness_file(input, len);

	harness_run_files(&path, 1, settings, stages, stage_count, result);
	unlink(path);
	free(path);
}

void
harness_result_free(struct harness_result *result)
{
	free(result->out);
	free(result->warnings);
	result->out = result->warnings = NULL;
}

void
harness_expect(const char *input, size_t len, const struct settings *base,
    const struct harness_stage *stages, size_t stage_count,
    const char *expected, size_t expected_len)
{
	size_t size;

	for (size = 1; size <= 65; size++) {
		struct settings settings = *base;
		struct harness_result result;

		settings.buffer_size = size <= 64 ? size : DEFAULT_BUFFER_SIZE;
		harness_run(input, len, &settings, stages, stage_count,
		    &result);
		ck_assert_msg(result.status == 0,
		    "buffer size %zu: failed: %s", size, result.error);
		ck_assert_msg(result.out_len == expected_len &&
		    memcmp(result.out, expected, expected_len) == 0,
		    "buffer size %zu: wrote \"%s\" (%zu bytes), expected "
		    "\"%s\" (%zu bytes)", size, result.out, result.out_len,
		    expected, expected_len);
		harness_result_free(&result);
	}
}

void
harness_expect_one(stage_builder *build, int variant, const char *arg,
    const struct settings *settings, const char *input, const char *expected)
{
	harness_expect_one_bytes(build, variant, arg, settings, input,
	    strlen(input), expected, strlen(expected));
}

void
harness_expect_one_bytes(stage_builder *build, int variant, const char *arg,
    const struct settings *settings, const char *input, size_t input_len,
    const char *expected, size_t expected_len)
{
	struct harness_stage stages[] = { { build, arg, variant } };

	harness_expect(input, input_len, settings, stages, 1, expected,
	    expected_len);
}

void
harness_expect_run_error(const char *input, const struct settings *base,
    size_t buffer_size, const struct harness_stage *stages,
    size_t stage_count, const char *written, const char *where,
    const char *reason)
{
	struct settings settings = *base;
	struct harness_result result;

	settings.buffer_size = buffer_size;
	harness_run(input, strlen(input), &settings, stages, stage_count,
	    &result);
	ck_assert_msg(result.status == -1, "buffer %zu: no error, wrote "
	    "\"%s\"", buffer_size, result.out);
	ck_assert_str_eq(result.out, written);
	ck_assert_msg(strstr(result.error, where) != NULL &&
	    strstr(result.error, reason) != NULL, "buffer %zu: error \"%s\", "
	    "expected \"%s\" and \"%s\"", buffer_size, result.error, where,
	    reason);
	harness_result_free(&result);
}

static int
empty_next(struct stage *stage, struct line *out)
{
	(void)stage;
	(void)out;
	return 0;
}

static void
free_nothing(struct stage *stage)
{
	(void)stage;
}

static const struct stage_ops empty_ops = {
	.name = "empty", .next = empty_next, .free = free_nothing
};

/* Builds one stage of a kind over the empty stage, with settings (NULL:
 * the defaults), and frees it: 1 when it was built, 0 with the reason in
 * diag (made ready by the caller). */
static int
builds(stage_builder *build, int variant, const char *option,
    const char *arg, const struct settings *settings, struct diag *diag)
{
	struct settings defaults = harness_settings();
	struct stage empty = { &empty_ops, NULL, { 0 } };
	struct stage_args args = {
		&empty, arg, option, variant,
		settings != NULL ? settings : &defaults, diag, NO_CONTEXT,
		settings != NULL && settings->record_mode != RECORDS_LINES
	};
	struct stage *stage = build(&args);

	if (stage == NULL)
		return 0;
	stage_free_chain(stage);
	return 1;
}

void
harness_expect_refused(stage_builder *build, int variant, const char *option,
    const char *arg, const struct settings *settings, const char *reason)
{
	struct diag diag;
	char prefix[256];

	diag_init(&diag, NULL);
	ck_assert_msg(!builds(build, variant, option, arg, settings, &diag),
	    "%s '%s' was accepted", option, arg);
	snprintf(prefix, sizeof prefix, "%s '%s': ", option, arg);
	ck_assert_msg(strncmp(diag.message, prefix, strlen(prefix)) == 0 &&
	    strstr(diag.message + strlen(prefix), reason) != NULL,
	    "%s '%s': message \"%s\", expected \"%s...%s...\"", option, arg,
	    diag.message, prefix, reason);
}

void
harness_expect_accepted(stage_builder *build, int variant, const char *option,
    const char *arg, const struct settings *settings)
{
	struct diag diag;

	diag_init(&diag, NULL);
	ck_assert_msg(builds(build, variant, option, arg, settings, &diag),
	    "%s '%s' refused: %s", option, arg, diag.message);
}

static int
endless_next(struct stage *stage, struct line *out)
{
	struct harness_endless *endless = (struct harness_endless *)stage;
	static const struct line_source source = { "(endless)", 0 };

	endless->asked++;
	out->ptr = "y";
	out->len = 1;
	out->lineno = endless->asked;
	out->source = &source;
	out->eol = LINE_END_PLAIN;
	return 1;
}

static const struct stage_ops endless_ops = {
	.name = "endless", .next = endless_next, .free = free_nothing
};

void
harness_endless_init(struct harness_endless *endless)
{
	memset(endless, 0, sizeof *endless);
	endless->stage.ops = &endless_ops;
}

struct stage *
harness_build_over(stage_builder *build, struct stage *up, const char *arg,
    const struct settings *settings, struct diag *diag)
{
	struct stage_args args = {
		up, arg, "-x", 0, settings, diag, NO_CONTEXT,
		settings->record_mode != RECORDS_LINES
	};
	struct stage *stage = build(&args);

	ck_assert_msg(stage != NULL, "refused: %s", diag->message);
	/* The stage keeps what args points to, not args itself. */
	/* cppcheck-suppress returnDanglingLifetime */
	return stage;
}

int
harness_run_suite(Suite *suite)
{
	SRunner *runner = srunner_create(suite);
	int failed;

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
