/* fuzz_filter.c: the filter's fast paths against its plain path. -m runs
 * line by line with --no-accelerator; with the accelerator on it passes
 * lines over with memmem (a plain string) or Hyperscan (built after the
 * warm-up), and every line it hands on must still be the plain path's:
 * the same bytes, line numbers and endings, the same end or error. Under
 * a flag the chain also runs on two worker threads (-j 2, the parallel
 * stage as main builds it), which must hand on the same again.
 *
 * The input: a byte of flags (FLAG_*), a byte of sizes (buffer_sizes'
 * comment), the pattern (at most MAX_PATTERN bytes), a NUL, and the text;
 * without a NUL the text is a built-in sample of log lines, so that a
 * mutated pattern alone meets lines it may match. The text is repeated to
 * MIN_LINES lines, so that the accelerator starts (after a warm-up of 1
 * to 64 lines) and scans many windows, whose edges the small buffer sizes
 * put inside the text. A pattern PCRE2 refuses is refused by both paths
 * with the same message, and nothing more is run. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz.h"

/* Hyperscan's compiler is slow on long patterns: a bound per input. */
#define MAX_PATTERN 64
#define MIN_LINES 2000
#define MAX_TEXT ((size_t)256 << 10)
/* As fuzz_replace's: no pattern's backtracking holds a run up. */
#define MATCH_LIMIT 100000u

enum {
	FLAG_CASELESS = 1,	/* -i */
	FLAG_FIXED = 2,		/* -F */
	FLAG_DROP = 4,		/* -v instead of -m */
	FLAG_STRIP = 8,		/* a strip stage first (which: sizes) */
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

/* The chain after the reader, as a parallel_builder builds it. */
struct chain {
	const char *pattern;
	unsigned flags;
	unsigned sizes;
	const struct settings *settings;
};

static struct stage *
build_stages(const void *context, size_t count, struct stage *up,
    struct diag *diag)
{
	const struct chain *chain = context;
	unsigned side = chain->sizes >> 4 & 3;
	struct stage_args args = { up, NULL, strips[side].option,
	    strips[side].variant, chain->settings, diag, NO_CONTEXT, 0 };
	struct stage *last = up, *filter;

	(void)count;	/* all of them, always */
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

/* The leeway fuzz_lines_expect_same gives with passed_over: where the
 * plain path failed on a line (the match limit), the fast path may have
 * passed that line over, ruled out by its prefilter, and gone on (to fail
 * on a later line, or to the end); then it handed on at least what the
 * plain path did first. So a run with the accelerator can end well where
 * one without it fails: a difference known, and reported, but not this
 * harness's to decide. */
static void
expect_same(const char *how, const struct fuzz_lines *fast,
    const struct fuzz_lines *plain, const struct chain *chain)
{
	char what[256];

	snprintf(what, sizeof what, "pattern \"%s\" (flags %#x, sizes %#x), "
	    "%s against --no-accelerator", chain->pattern, chain->flags,
	    chain->sizes, how);
	fuzz_lines_expect_same(fast, plain, 1, what);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings settings;
	struct chain chain;
	struct fuzz_lines fast, plain;
	const char *text, *nul;
	size_t text_len, pattern_len, len;
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
	text = fuzz_log_sample(&text_len);
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
	repeated = fuzz_repeat(text, text_len, '\n', MIN_LINES, MAX_TEXT, &len);
	path = fuzz_input(0, repeated, len);

	/* fuzz_settings turns the accelerator off for the harnesses that
	 * do not test it; this one does. */
	settings.prefilter = 1;
	if (fuzz_lines_run(&path, build_stages, &chain, 0, &settings,
	    &fast) != 0) {
		settings.prefilter = 0;
		FUZZ_CHECK(fuzz_lines_run(&path, build_stages, &chain, 0,
		    &settings, &plain) != 0,
		    "\"%s\" refused only with the accelerator: %s", pattern,
		    fast.message);
		FUZZ_CHECK(strcmp(fast.message, plain.message) == 0,
		    "refused with \"%s\", and without the accelerator \"%s\"",
		    fast.message, plain.message);
		free(repeated);
		return 0;
	}
	settings.prefilter = 0;
	FUZZ_CHECK(fuzz_lines_run(&path, build_stages, &chain, 0, &settings,
	    &plain) == 0,
	    "\"%s\" refused only without the accelerator", pattern);
	expect_same("one thread", &fast, &plain, &chain);
	if (data[0] & FLAG_THREADS) {
		struct fuzz_lines threaded;

		settings.prefilter = 1;
		settings.threads = 2;
		FUZZ_CHECK(fuzz_lines_run(&path, build_stages, &chain, 2,
		    &settings, &threaded) == 0,
		    "\"%s\" refused on threads", pattern);
		expect_same("two threads", &threaded, &plain, &chain);
		fuzz_lines_free(&threaded);
	}
	fuzz_lines_free(&fast);
	fuzz_lines_free(&plain);
	free(repeated);
	return 0;
}
