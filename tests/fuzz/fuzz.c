/* fuzz.c: see fuzz.h. */
#include <config.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "input/reader.h"

#define SLOT_COUNT 4

void
fuzz_fail(const char *file, int line, const char *format, ...)
{
	va_list args;

	fprintf(stderr, "%s:%d: fuzz invariant broken: ", file, line);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
	abort();
}

char *
fuzz_input(unsigned slot, const void *bytes, size_t len)
{
	static int fds[SLOT_COUNT] = { -1, -1, -1, -1 };
	static char names[SLOT_COUNT][64];

	FUZZ_CHECK(slot < SLOT_COUNT, "input slot %u", slot);
	if (fds[slot] < 0) {
		fds[slot] = memfd_create("sluice-fuzz", MFD_CLOEXEC);
		FUZZ_CHECK(fds[slot] >= 0, "memfd_create failed");
		/* Opening the link opens the file afresh, at offset 0, as
		 * the reader opens any FILE. */
		snprintf(names[slot], sizeof names[slot], "/proc/self/fd/%d",
		    fds[slot]);
	}
	FUZZ_CHECK(ftruncate(fds[slot], 0) == 0, "ftruncate failed");
	FUZZ_CHECK(len == 0 || pwrite(fds[slot], bytes, len, 0) ==
	    (ssize_t)len, "pwrite failed");
	return names[slot];
}

struct tap {
	struct stage stage;
	struct line last;
};

static int
tap_next(struct stage *stage, struct line *out)
{
	struct tap *tap = (struct tap *)stage;
	int result = stage_next(stage->up, out);

	if (result == 1)
		tap->last = *out;
	return result;
}

static void
tap_free(struct stage *stage)
{
	free(stage);
}

static const struct stage_ops tap_ops = {
	.name = "tap", .next = tap_next, .free = tap_free
};

struct stage *
fuzz_tap_new(struct stage *up)
{
	struct tap *tap = calloc(1, sizeof *tap);

	FUZZ_CHECK(tap != NULL, "out of memory");
	tap->stage.ops = &tap_ops;
	tap->stage.up = up;
	return &tap->stage;
}

struct stage *
fuzz_tapped_stage(char *const *path, stage_builder *build, const char *arg,
    const char *option, const struct settings *settings, struct diag *diag,
    struct stage **tap)
{
	struct stage *reader = reader_new(path, 1, settings, diag);
	struct stage_args args = {
		NULL, arg, option, 0, settings, diag, NO_CONTEXT,
		settings->record_mode != RECORDS_LINES
	};

	FUZZ_CHECK(reader != NULL, "reader_new failed");
	*tap = fuzz_tap_new(reader);
	args.up = *tap;
	return build(&args);
}

const struct line *
fuzz_tap_last(const struct stage *stage)
{
	return &((const struct tap *)stage)->last;
}

static const char log_sample[] =
    "Jul  1 09:00:01 combo sshd(pam_unix)[19939]: authentication failure\n"
    "ERROR dfs.DataNode: Exception in receiveBlock for block blk_-16\n"
    "081109 203615 148 INFO dfs.DataNode$PacketResponder: Received\n"
    "  error: connection reset by peer at 10.250.19.102:50010  \n"
    "[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error\n"
    "2015-07-29 17:41:44,747 - WARN  [QuorumPeer] - Interrupted\r\n"
    "\n"
    "E.R ERRORS error Error eRRoR ERROR: at line 7: x=1.5\n"
    "\tFATAL Jul 27 14:41:44 kernel: Out of memory: Kill process 1234\n"
    "proxy.cse.cuhk.edu.hk:5070 open through proxy 5.5 HTTPS\n";

const char *
fuzz_log_sample(size_t *len)
{
	*len = sizeof log_sample - 1;
	return log_sample;
}

char *
fuzz_repeat(const char *text, size_t text_len, char terminator,
    size_t min_records, size_t max_len, size_t *len)
{
	size_t records = 1, copies, i, at = 0;
	int ends = text_len > 0 && text[text_len - 1] == terminator;
	size_t copy_len = text_len + !ends;
	char *repeated;

	for (i = 0; i + 1 < text_len; i++)
		records += text[i] == terminator;
	copies = min_records / records + 1;
	if (copies > max_len / copy_len)
		copies = max_len / copy_len;
	if (copies < 2)
		copies = 2;
	repeated = malloc(copies * copy_len + 1);
	FUZZ_CHECK(repeated != NULL, "out of memory");
	for (i = 0; i < copies; i++) {
		memcpy(repeated + at, text, text_len);
		at += text_len;
		if (!ends && i + 1 < copies)
			repeated[at++] = terminator;
	}
	*len = at;
	return repeated;
}

static void
lines_add(struct fuzz_lines *lines, const void *bytes, size_t len)
{
	if (len > lines->capacity - lines->len) {
		lines->capacity = lines->capacity * 2 + len;
		lines->bytes = realloc(lines->bytes, lines->capacity);
		FUZZ_CHECK(lines->bytes != NULL, "out of memory");
	}
	if (len > 0)
		memcpy(lines->bytes + lines->len, bytes, len);
	lines->len += len;
}

static void
lines_add_line(struct fuzz_lines *lines, const struct line *line)
{
	char number[32];

	snprintf(number, sizeof number, "%llu:%d:",
	    (unsigned long long)line->lineno, line->eol);
	lines_add(lines, number, strlen(number));
	lines_add(lines, line->ptr, line->len);
	lines_add(lines, "\n", 1);
	lines->lines++;
}

/* The chain over path: NULL when build refused (diag says why). */
static struct stage *
chain_new(char *const *path, parallel_builder *build, const void *context,
    unsigned workers, const struct settings *settings, struct diag *diag)
{
	struct stage *reader = reader_new(path, 1, settings, diag);
	struct stage *memory, *prefix, *parallel;

	FUZZ_CHECK(reader != NULL, "reader_new failed");
	if (workers == 0)
		return build(context, SIZE_MAX, reader, diag);
	memory = reader_new_memory(settings, diag);
	FUZZ_CHECK(memory != NULL, "reader_new_memory failed");
	prefix = build(context, SIZE_MAX, memory, diag);
	if (prefix == NULL) {
		stage_free_chain(reader);
		return NULL;
	}
	parallel = parallel_new(reader, memory, prefix, workers, build,
	    context, settings, diag);
	FUZZ_CHECK(parallel != NULL, "parallel_new failed");
	return parallel;
}

int
fuzz_lines_run(char *const *path, parallel_builder *build,
    const void *context, unsigned workers, const struct settings *settings,
    struct fuzz_lines *lines)
{
	struct diag diag;
	struct stage *last;
	struct line line;

	memset(lines, 0, sizeof *lines);
	diag_init(&diag, NULL);
	last = chain_new(path, build, context, workers, settings, &diag);
	if (last == NULL) {
		FUZZ_CHECK(diag.message[0] != '\0', "refused without a message");
		snprintf(lines->message, sizeof lines->message, "%s",
		    diag.message);
		return -1;
	}
	while ((lines->result = stage_next(last, &line)) == 1)
		lines_add_line(lines, &line);
	FUZZ_CHECK(lines->result == 0 || (lines->result == -1 &&
	    diag.message[0] != '\0'), "ended with %d and no message",
	    lines->result);
	snprintf(lines->message, sizeof lines->message, "%s", diag.message);
	lines->errors = diag.errors;
	stage_free_chain(last);
	return 0;
}

void
fuzz_lines_free(struct fuzz_lines *lines)
{
	free(lines->bytes);
}

/* The line of lines at offset, up to its newline: its length. */
static int
line_length(const struct fuzz_lines *lines, size_t offset)
{
	const char *end = memchr(lines->bytes + offset, '\n',
	    lines->len - offset);

	return end != NULL ? (int)(end - lines->bytes - offset)
	    : (int)(lines->len - offset);
}

/* Stops the run naming the first line where a and b part. */
static void
report_difference(const struct fuzz_lines *a, const struct fuzz_lines *b,
    const char *what)
{
	size_t at = 0, line_start = 0;
	int len_a = 0, len_b = 0;

	while (at < a->len && at < b->len && a->bytes[at] == b->bytes[at])
		if (a->bytes[at++] == '\n')
			line_start = at;
	if (line_start < a->len)
		len_a = line_length(a, line_start);
	if (line_start < b->len)
		len_b = line_length(b, line_start);
	fuzz_fail(__FILE__, __LINE__, "%s: %llu lines against %llu; end %d "
	    "\"%s\" against %d \"%s\"; first difference (line:ending:text) "
	    "\"%.*s\" against \"%.*s\"", what, (unsigned long long)a->lines,
	    (unsigned long long)b->lines, a->result, a->message, b->result,
	    b->message, len_a, len_a > 0 ? a->bytes + line_start : "",
	    len_b, len_b > 0 ? b->bytes + line_start : "");
}

void
fuzz_lines_expect_same(const struct fuzz_lines *got,
    const struct fuzz_lines *want, int passed_over, const char *what)
{
	int same = got->len == want->len && (got->len == 0 ||
	    memcmp(got->bytes, want->bytes, got->len) == 0) &&
	    got->result == want->result &&
	    strcmp(got->message, want->message) == 0 &&
	    got->errors == want->errors;

	if (same || (passed_over && want->result == -1 &&
	    got->len >= want->len && (want->len == 0 ||
	    memcmp(got->bytes, want->bytes, want->len) == 0)))
		return;
	report_difference(got, want, what);
}

int
fuzz_output(void)
{
	static int fd = -1;

	if (fd < 0)
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	FUZZ_CHECK(fd >= 0, "cannot open /dev/null");
	return fd;
}

void
fuzz_settings(struct settings *settings)
{
	settings_init(settings);
	settings->prefilter = 0;
}
