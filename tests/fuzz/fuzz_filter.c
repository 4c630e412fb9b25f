/* fuzz_filter.c: the filter's fast paths against its plain path. -m runs
 * line by line with --no-accelerator; with the accelerator on it passes
 * lines over with memmem (a plain string) or Hyperscan (built after the
 * warm-up), and every line it hands on must still be the plain path's:
 * the same bytes, line numbers and endings, the same end or error. Under
 * a flag the chain also runs on two worker threads (-j 2, the parallel
 * stage as main builds it), which must hand on the same again.
 *
 * The input: a byte of flags (FLAG_*), a byte of sizes (SIZES_*), the
 * pattern (at most MAX_PATTERN bytes), a NUL, and the text; without a NUL
 * the text is a built-in sample of log lines, so that a mutated pattern
 * alone meets lines it may match. The text is repeated to
 * MIN_LINES lines, so that the accelerator starts (after a warm-up of 1
 * to 64 lines) and scans many windows, whose edges the small buffer sizes
 * put inside the text. A pattern PCRE2 refuses is refused by both paths
 * with the same message, and nothing more is run. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "parallel.h"
#include "reader.h"

/* Hyperscan's compiler is slow on long patterns: a bound per input. */
#define MAX_PATTERN 64
#define MIN_LINES 2000
/* The repeated text's bound, and the copies it holds at least (so that a
 * long line is crossed by a window edge somewhere). */
#define MAX_TEXT ((size_t)256 << 10)
#define MIN_COPIES 2
/* As fuzz_replace's: no pattern's backtracking holds a run up. */
#define MATCH_LIMIT 100000u

enum {
	FLAG_CASELESS = 1,	/* -i */
	FLAG_FIXED = 2,		/* -F */
	FLAG_DROP = 4,		/* -v instead of -m */
	FLAG_STRIP = 8,		/* a strip stage first (its side: SIZES_) */
	FLAG_CRLF = 16,		/* --crlf */
	FLAG_THREADS = 32	/* also on two worker threads */
};

/* The sizes byte: --buffer-size (bits 0-1), the warm-up (bits 2-3), the
 * strip stage's side (bits 4-5). */
static const size_t buffer_sizes[] = { 64, 512, 4096, 65536 };
static const unsigned warmups[] = { 1, 2, 16, 64 };
static const struct {
	const char *option;
	int variant;
} strips[] = {
	{ "-s", STRIP_BOTH }, { "--lstrip", STRIP_LEFT },
	{ "--rstrip", STRIP_RIGHT }, { "-s", STRIP_BOTH }
};

/* Where the input has no text of its own: log lines with words and
 * shapes the seed patterns look for, blanks at the ends, a \r, an empty
 * line. */
static const char sample_text[] =
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

/* The chain after the reader, as a parallel_builder builds it. */
struct chain {
	const char *pattern;
	unsigned flags;
	unsigned sizes;
	const struct settings *settings;
};

/* What a chain handed on, with each line's number and ending, and how it
 * ended. */
struct output {
	char *bytes;
	size_t len;
	size_t capacity;
	uint64_t lines;
	int result;		/* 0, or -1 with message */
	char message[sizeof ((struct diag *)NULL)->message];
	unsigned errors;
};

static void
output_add(struct output *output, const void *bytes, size_t len)
{
	if (len > output->capacity - output->len) {
		output->capacity = output->capacity * 2 + len;
		output->bytes = realloc(output->bytes, output->capacity);
		FUZZ_CHECK(output->bytes != NULL, "out of memory");
	}
	if (len > 0)
		memcpy(output->bytes + output->len, bytes, len);
	output->len += len;
}

static void
output_add_line(struct output *output, const struct line *line)
{
	char number[32];

	snprintf(number, sizeof number, "%llu:%d:",
	    (unsigned long long)line->lineno, line->eol);
	output_add(output, number, strlen(number));
	output_add(output, line->ptr, line->len);
	output_add(output, "\n", 1);
	output->lines++;
}

static struct stage *
build_stages(const void *context, struct stage *up, struct diag *diag)
{
	const struct chain *chain = context;
	unsigned side = chain->sizes >> 4 & 3;
	struct stage_args args = { up, NULL, strips[side].option,
	    strips[side].variant, chain->settings, diag };
	struct stage *last = up, *filter;

	if (chain->flags & FLAG_STRIP) {
		last = strip_new(&args);
		if (last == NULL) {
			stage_free_chain(up);
			return NULL;
		}
	}
	args.up = last;
	args.arg = chain->pattern;
	args.option = chain->flags & FLAG_DROP ? "-v" : "-m";
	args.variant = chain->flags & FLAG_DROP ? FILTER_DROP : FILTER_KEEP;
	filter = filter_new(&args);
	if (filter == NULL)
		stage_free_chain(last);
	return filter;
}

/* The chain over path, on one thread (workers 0) or through the parallel
 * stage; NULL when the filter refused its pattern (diag says why). */
static struct stage *
chain_new(char *const *path, const struct chain *chain, unsigned workers,
    struct diag *diag)
{
	struct stage *reader = reader_new(path, 1, chain->settings, diag);
	struct stage *memory, *prefix, *parallel;

	FUZZ_CHECK(reader != NULL, "reader_new failed");
	if (workers == 0) {
		prefix = build_stages(chain, reader, diag);
		return prefix;
	}
	memory = reader_new_memory(chain->settings, diag);
	FUZZ_CHECK(memory != NULL, "reader_new_memory failed");
	prefix = build_stages(chain, memory, diag);
	if (prefix == NULL) {
		stage_free_chain(reader);
		return NULL;
	}
	parallel = parallel_new(reader, memory, prefix, workers, build_stages,
	    chain, chain->settings, diag);
	FUZZ_CHECK(parallel != NULL, "parallel_new failed");
	return parallel;
}

/* Runs the chain to its end into output; 0, or -1 when it was refused. */
static int
run(char *const *path, const struct chain *chain, unsigned workers,
    struct output *output)
{
	struct diag diag;
	struct stage *last;
	struct line line;

	memset(output, 0, sizeof *output);
	diag_init(&diag, NULL);
	last = chain_new(path, chain, workers, &diag);
	if (last == NULL) {
		FUZZ_CHECK(diag.message[0] != '\0', "refused without a message");
		snprintf(output->message, sizeof output->message, "%s",
		    diag.message);
		return -1;
	}
	while ((output->result = stage_next(last, &line)) == 1)
		output_add_line(output, &line);
	FUZZ_CHECK(output->result == 0 || (output->result == -1 &&
	    diag.message[0] != '\0'), "ended with %d and no message",
	    output->result);
	snprintf(output->message, sizeof output->message, "%s", diag.message);
	output->errors = diag.errors;
	stage_free_chain(last);
	return 0;
}

/* The length of the line at text, up to its newline. */
static int
line_length(const char *text, const struct output *output)
{
	const char *end = memchr(text, '\n',
	    (size_t)(output->bytes + output->len - text));

	return end != NULL ? (int)(end - text) : (int)(output->bytes +
	    output->len - text);
}

/* Stops the run naming the first line where a and b part. */
static void
report_difference(const char *what, const struct output *a,
    const struct output *b, const struct chain *chain)
{
	size_t at = 0, line_start = 0;
	const char *line_a = "", *line_b = "";
	int len_a = 0, len_b = 0;

	while (at < a->len && at < b->len && a->bytes[at] == b->bytes[at])
		if (a->bytes[at++] == '\n')
			line_start = at;
	if (line_start < a->len) {
		line_a = a->bytes + line_start;
		len_a = line_length(line_a, a);
	}
	if (line_start < b->len) {
		line_b = b->bytes + line_start;
		len_b = line_length(line_b, b);
	}
	fuzz_fail(__FILE__, __LINE__, "pattern \"%s\" (flags %#x, sizes "
	    "%#x), %s: %llu lines, %llu without the accelerator; end %d "
	    "\"%s\", without %d \"%s\"; first difference (line:ending:text) "
	    "\"%.*s\", without \"%.*s\"", chain->pattern, chain->flags,
	    chain->sizes, what, (unsigned long long)a->lines,
	    (unsigned long long)b->lines, a->result, a->message, b->result,
	    b->message, len_a, line_a, len_b, line_b);
}

/* fast must be plain. One leeway: where plain failed on a line (the
 * match limit), the fast path may have passed that line over, ruled out
 * by its prefilter, and gone on (to fail on a later line, or to the end):
 * then it handed on at least what plain did first. (So a run with the
 * accelerator can end well where one without it fails: a difference
 * known, and reported, but not this harness's to decide.) */
static void
expect_same(const char *what, const struct output *fast,
    const struct output *plain, const struct chain *chain)
{
	int same = fast->len == plain->len && (fast->len == 0 ||
	    memcmp(fast->bytes, plain->bytes, fast->len) == 0) &&
	    fast->result == plain->result &&
	    strcmp(fast->message, plain->message) == 0 &&
	    fast->errors == plain->errors;
	int passed_over = plain->result == -1 && fast->len > plain->len &&
	    (plain->len == 0 || memcmp(fast->bytes, plain->bytes,
	    plain->len) == 0);

	if (!same && !passed_over)
		report_difference(what, fast, plain, chain);
}

/* The text repeated to MIN_LINES lines (within MAX_TEXT), each copy
 * ending with a newline but maybe the last; its length in *len. */
static char *
repeat_text(const char *text, size_t text_len, size_t *len)
{
	size_t lines = 1, copies, i, at = 0;
	int ends = text_len > 0 && text[text_len - 1] == '\n';
	size_t copy_len = text_len + !ends;
	char *repeated;

	for (i = 0; i + 1 < text_len; i++)
		lines += text[i] == '\n';
	copies = (MIN_LINES + lines - 1) / lines;
	if (copies * copy_len > MAX_TEXT)
		copies = MAX_TEXT / copy_len;
	if (copies < MIN_COPIES)
		copies = MIN_COPIES;
	repeated = malloc(copies * copy_len + 1);
	FUZZ_CHECK(repeated != NULL, "out of memory");
	for (i = 0; i < copies; i++) {
		memcpy(repeated + at, text, text_len);
		at += text_len;
		if (!ends && i + 1 < copies)
			repeated[at++] = '\n';
	}
	*len = at;
	return repeated;
}

static void
output_free(struct output *output)
{
	free(output->bytes);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings settings;
	struct chain chain;
	struct output fast, plain;
	const char *text = sample_text, *nul;
	size_t text_len = sizeof sample_text - 1, pattern_len, len;
	char pattern[MAX_PATTERN + 1], *repeated, *path;

	if (size < 2)
		return 0;
	nul = memchr(data + 2, '\0', size - 2);
	pattern_len = nul != NULL ? (size_t)(nul - (const char *)data - 2)
	    : size - 2;
	if (pattern_len > MAX_PATTERN)
		return 0;
	memcpy(pattern, data + 2, pattern_len);
	pattern[pattern_len] = '\0';
	if (nul != NULL) {
		text = nul + 1;
		text_len = size - (size_t)(text - (const char *)data);
	}
	fuzz_settings(&settings);
	settings.ignore_case = (data[0] & FLAG_CASELESS) != 0;
	settings.fixed_strings = (data[0] & FLAG_FIXED) != 0;
	settings.crlf = (data[0] & FLAG_CRLF) != 0;
	settings.buffer_size = buffer_sizes[data[1] & 3];
	settings.prefilter_warmup = warmups[data[1] >> 2 & 3];
	/* Blocks need --max-line at least --buffer-size; below the job size
	 * (256 KiB) it also makes -j's jobs copies of a buffer's worth, so
	 * that many jobs meet each worker's filter. */
	settings.max_line = settings.buffer_size > 16384
	    ? settings.buffer_size : 16384;
	settings.long_lines = LONG_LINES_SPLIT;
	settings.match_limit = MATCH_LIMIT;
	chain.pattern = pattern;
	chain.flags = data[0];
	chain.sizes = data[1];
	chain.settings = &settings;
	repeated = repeat_text(text, text_len, &len);
	path = fuzz_input(0, repeated, len);

	/* fuzz_settings turns the accelerator off for the harnesses that
	 * do not test it; this one does. */
	settings.prefilter = 1;
	if (run(&path, &chain, 0, &fast) != 0) {
		settings.prefilter = 0;
		FUZZ_CHECK(run(&path, &chain, 0, &plain) != 0,
		    "\"%s\" refused only with the accelerator: %s", pattern,
		    fast.message);
		FUZZ_CHECK(strcmp(fast.message, plain.message) == 0,
		    "refused with \"%s\", and without the accelerator \"%s\"",
		    fast.message, plain.message);
		free(repeated);
		return 0;
	}
	settings.prefilter = 0;
	FUZZ_CHECK(run(&path, &chain, 0, &plain) == 0,
	    "\"%s\" refused only without the accelerator", pattern);
	expect_same("one thread", &fast, &plain, &chain);
	if (data[0] & FLAG_THREADS) {
		struct output threaded;

		settings.prefilter = 1;
		settings.threads = 2;
		FUZZ_CHECK(run(&path, &chain, 2, &threaded) == 0,
		    "\"%s\" refused on threads", pattern);
		expect_same("two threads", &threaded, &plain, &chain);
		output_free(&threaded);
	}
	output_free(&fast);
	output_free(&plain);
	free(repeated);
	return 0;
}
