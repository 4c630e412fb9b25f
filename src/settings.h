/* settings.h: the global options, set once while the command line is read
 * and only read after that. */
#ifndef SLUICE_SETTINGS_H
#define SLUICE_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

enum long_line_policy {
	LONG_LINES_FAIL,
	LONG_LINES_SPLIT,
	LONG_LINES_TRUNCATE,
	LONG_LINES_SKIP
};

enum line_buffering {
	LINE_BUFFERED_AUTO,	/* when standard output is a terminal */
	LINE_BUFFERED_ALWAYS
};

#define DEFAULT_BUFFER_SIZE ((size_t)64 << 10)
#define DEFAULT_MAX_LINE ((size_t)16 << 20)
/* Building the filter accelerator costs a few milliseconds (a fork and
 * Hyperscan's compiler): a filter builds it only after this many lines,
 * so short inputs and early exits (-m X -n 10) never pay for it. */
#define DEFAULT_PREFILTER_WARMUP 2048
#define DEFAULT_PREFILTER_RETRY 4096

/* The most threads -j takes: more than any machine here has cores. */
#define THREADS_MAX 64

struct settings {
	int ignore_case;
	int fixed_strings;
	int utf8;
	int crlf;
	char terminator;	/* '\n', or '\0' with -z */
	const char *delimiter;	/* -d: NULL splits fields on runs of blanks */
	const char *output_delimiter;	/* NULL: the -d string, or a space */
	enum line_buffering line_buffering;
	size_t buffer_size;
	size_t max_line;
	enum long_line_policy long_lines;
	uint32_t match_limit;	/* 0: PCRE2's default */
	int no_match_ok;
	int prefilter;		/* use the accelerator where it applies */
	unsigned prefilter_warmup;	/* lines a filter takes one by one first */
	/* Lines a filter takes one by one after a stretch where most lines
	 * were candidates, before it tries the prefilter again (doubled while
	 * that goes on); 0: it never leaves the prefilter. */
	unsigned prefilter_retry;
	unsigned threads;	/* -j: 0 is as many as help (parallel.c) */
};

void settings_init(struct settings *);

#endif
