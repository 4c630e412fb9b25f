/* fuzz_parallel.c: -j N against -j 1. A chain of one to four per-line
 * stages (strip, filter, replace, extract, fields, case, number: the
 * stages -j runs on worker threads) is run over the real reader on one
 * thread, and through the parallel stage with two workers as main builds
 * it; both must hand on the same lines (bytes, line numbers, endings) and
 * end the same way, with the same message.
 *
 * The input: a byte of settings (SETTING_*), a byte of more (MORE_*),
 * STAGE_BYTES bytes that pick the stages from a table, and the text
 * (without one, a built-in sample of log lines), repeated to MIN_RECORDS
 * records, or past three jobs' worth (MORE_LONG), so that jobs' edges and
 * the records that cannot go in a job (a FILE's first and last) fall
 * inside it. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz.h"

#define STAGE_BYTES 4
#define MIN_RECORDS 2000
#define SHORT_TEXT ((size_t)128 << 10)
/* Past three jobs of parallel.c's (256 KiB each). */
#define LONG_TEXT ((size_t)800 << 10)
#define MATCH_LIMIT 100000u

/* The settings byte: the stage count less one (bits 0-1), then: */
enum {
	SETTING_CRLF = 4,
	SETTING_NUL = 8,		/* -z */
	/* --buffer-size (bits 4-5) */
	SETTING_CASELESS = 64,		/* -i */
	SETTING_LINE_BUFFERED = 128	/* jobs go out as soon as filled */
};
static const size_t buffer_sizes[] = { 61, 512, 4096, 65536 };

enum {
	MORE_ACCELERATOR = 1,		/* the filter's fast paths */
	MORE_LONG = 2			/* the long text */
};

/* The per-line stages, each with an argument its kind takes. */
static const struct {
	stage_builder *build;
	const char *option;
	const char *arg;
	int variant;
} stages[] = {
	{ strip_new, "-s", NULL, STRIP_BOTH },
	{ strip_new, "--lstrip", NULL, STRIP_LEFT },
	{ strip_new, "--rstrip", NULL, STRIP_RIGHT },
	{ filter_new, "-m", "ERROR|WARN|error", FILTER_KEEP },
	{ filter_new, "-m", "^\\s*[0-9]", FILTER_KEEP },
	{ filter_new, "-m", "x", FILTER_KEEP },
	{ filter_new, "-m", "\\bblk_\\S+$", FILTER_KEEP },
	{ filter_new, "-v", "INFO", FILTER_DROP },
	{ filter_new, "-v", "^$", FILTER_DROP },
	{ replace_new, "-r", "s/[0-9]+/#/g", 0 },
	{ replace_new, "-r", "s/(\\w+) (\\w+)/\\2 \\1/", 0 },
	{ replace_new, "-r", "s/x*/-/g", 0 },
	{ replace_new, "-r", "s/$/ERROR/", 0 },
	{ extract_new, "-o", "[0-9]+", 0 },
	{ extract_new, "-o", "\\b[A-Z]+\\b", 0 },
	{ fields_new, "-f", "3,1", 0 },
	{ fields_new, "-f", "2-", 0 },
	{ fields_new, "-f", "-1", 0 },
	{ case_new, "--upper", NULL, CASE_UPPER },
	{ case_new, "--lower", NULL, CASE_LOWER },
	{ number_new, "-N", NULL, 0 },
};

#define STAGE_COUNT (sizeof stages / sizeof stages[0])

/* The chain after the reader, as a parallel_builder builds it. */
struct chain {
	const uint8_t *picks;
	unsigned count;
	const struct settings *settings;
};

static struct stage *
build_chain(const void *context, size_t count, struct stage *up,
    struct diag *diag)
{
	const struct chain *chain = context;
	struct stage *last = up;
	unsigned i;

	(void)count;	/* all of them, always */
	for (i = 0; i < chain->count; i++) {
		unsigned pick = chain->picks[i] % STAGE_COUNT;
		struct stage_args args = { last, stages[pick].arg,
		    stages[pick].option, stages[pick].variant,
		    chain->settings, diag, NO_CONTEXT, 0 };
		struct stage *stage = stages[pick].build(&args);

		FUZZ_CHECK(stage != NULL, "%s %s refused: %s",
		    stages[pick].option, stages[pick].arg != NULL
		    ? stages[pick].arg : "", diag->message);
		last = stage;
	}
	return last;
}

/* The chain in words, for a message. */
static void
describe(const struct chain *chain, unsigned settings, unsigned more,
    char *text, size_t size)
{
	size_t used = (size_t)snprintf(text, size, "settings %#x, more %#x:",
	    settings, more);
	unsigned i;

	for (i = 0; i < chain->count && used < size; i++) {
		unsigned pick = chain->picks[i] % STAGE_COUNT;

		used += (size_t)snprintf(text + used, size - used, " %s%s%s",
		    stages[pick].option, stages[pick].arg != NULL ? " " : "",
		    stages[pick].arg != NULL ? stages[pick].arg : "");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings settings;
	struct chain chain;
	struct fuzz_lines one, two;
	const char *text;
	size_t text_len, len;
	char *repeated, *path, what[512];
	unsigned flags, more;

	if (size < 2 + STAGE_BYTES)
		return 0;
	flags = data[0];
	more = data[1];
	text = fuzz_log_sample(&text_len);
	if (size > 2 + STAGE_BYTES) {
		text = (const char *)data + 2 + STAGE_BYTES;
		text_len = size - 2 - STAGE_BYTES;
	}
	fuzz_settings(&settings);
	settings.crlf = (flags & SETTING_CRLF) != 0;
	settings.terminator = flags & SETTING_NUL ? '\0' : '\n';
	settings.buffer_size = buffer_sizes[flags >> 4 & 3];
	/* Blocks need --max-line at least --buffer-size. */
	settings.max_line = settings.buffer_size > 16384
	    ? settings.buffer_size : 16384;
	settings.long_lines = LONG_LINES_SPLIT;
	settings.ignore_case = (flags & SETTING_CASELESS) != 0;
	settings.line_buffering = flags & SETTING_LINE_BUFFERED
	    ? LINE_BUFFERED_ALWAYS : LINE_BUFFERED_AUTO;
	settings.prefilter = (more & MORE_ACCELERATOR) != 0;
	settings.prefilter_warmup = 16;
	settings.match_limit = MATCH_LIMIT;
	chain.picks = data + 2;
	chain.count = 1 + (flags & 3);
	chain.settings = &settings;
	repeated = fuzz_repeat(text, text_len, settings.terminator,
	    more & MORE_LONG ? (size_t)-1 / 2 : MIN_RECORDS,
	    more & MORE_LONG ? LONG_TEXT : SHORT_TEXT, &len);
	path = fuzz_input(0, repeated, len);

	settings.threads = 1;
	FUZZ_CHECK(fuzz_lines_run(&path, build_chain, &chain, 0, &settings,
	    &one) == 0, "refused");
	settings.threads = 2;
	FUZZ_CHECK(fuzz_lines_run(&path, build_chain, &chain, 2, &settings,
	    &two) == 0, "refused");
	describe(&chain, flags, more, what, sizeof what);
	fuzz_lines_expect_same(&two, &one, 0, what);
	fuzz_lines_free(&one);
	fuzz_lines_free(&two);
	free(repeated);
	return 0;
}
