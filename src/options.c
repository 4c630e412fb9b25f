/* options.c: one table names every option, stage or global; getopt_long
 * (or getopt, where configure found no getopt_long) reads argv against it,
 * and --help is printed from it, so the three never disagree. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_GETOPT_LONG
#include <getopt.h>
#endif

#include "number.h"
#include "options.h"

enum {
	NO_ARG,
	NEEDS_ARG
};

enum global {
	GLOBAL_NONE,		/* a stage option */
	GLOBAL_IGNORE_CASE, GLOBAL_FIXED_STRINGS, GLOBAL_DELIMITER,
	GLOBAL_OUTPUT_DELIMITER, GLOBAL_NULL_DATA,
	GLOBAL_CRLF, GLOBAL_UTF8, GLOBAL_BUFFER_SIZE, GLOBAL_MAX_LINE,
	GLOBAL_LONG_LINES, GLOBAL_LINE_BUFFERED, GLOBAL_MATCH_LIMIT,
	GLOBAL_NO_MATCH_OK, GLOBAL_NO_ACCELERATOR, GLOBAL_HELP, GLOBAL_VERSION,
	GLOBAL_THREADS
};

struct option_row {
	char short_name;	/* 0: long name only */
	const char *long_name;
	int has_arg;
	const char *arg_name;	/* for --help */
	stage_builder *build;	/* NULL for a global option */
	int variant;
	enum global global;
	const char *help;
};

#define STAGE_ROW(s, l, a, n, b, v, h) { s, l, a, n, b, v, GLOBAL_NONE, h }
#define GLOBAL_ROW(s, l, a, n, g, h) { s, l, a, n, NULL, 0, g, h }

static const struct option_row rows[] = {
	STAGE_ROW('s', "strip", NO_ARG, NULL, strip_new, STRIP_BOTH,
	    "remove leading and trailing ASCII white space"),
	STAGE_ROW(0, "lstrip", NO_ARG, NULL, strip_new, STRIP_LEFT,
	    "remove leading ASCII white space"),
	STAGE_ROW(0, "rstrip", NO_ARG, NULL, strip_new, STRIP_RIGHT,
	    "remove trailing ASCII white space"),
	STAGE_ROW('m', "match", NEEDS_ARG, "RE", filter_new, FILTER_KEEP,
	    "keep lines in which RE matches"),
	STAGE_ROW('v', "reject", NEEDS_ARG, "RE", filter_new, FILTER_DROP,
	    "drop lines in which RE matches"),
	STAGE_ROW('r', "replace", NEEDS_ARG, "s/RE/REPL/[gix]", replace_new, 0,
	    "substitute; REPL may use $1, ${name}, $$"),
	STAGE_ROW('o', "extract", NEEDS_ARG, "RE", extract_new, 0,
	    "each non-empty match of RE as a line of its own"),
	STAGE_ROW('f', "fields", NEEDS_ARG, "LIST", fields_new, 0,
	    "keep fields LIST: 3 | 1,4 | 2-5 | 3- | -1 (last)"),
	STAGE_ROW('U', "upper", NO_ARG, NULL, case_new, CASE_UPPER,
	    "ASCII upper case"),
	STAGE_ROW('L', "lower", NO_ARG, NULL, case_new, CASE_LOWER,
	    "ASCII lower case"),
	STAGE_ROW('N', "number", NO_ARG, NULL, number_new, 0,
	    "prefix the input line number and a tab"),
	STAGE_ROW('u', "uniq", NO_ARG, NULL, uniq_new, 0,
	    "drop a line equal to the line before it"),
	STAGE_ROW('k', "skip", NEEDS_ARG, "N", skip_new, 0,
	    "drop the first N lines"),
	STAGE_ROW('n', "head", NEEDS_ARG, "N", head_new, 0,
	    "pass N lines, then end the stream"),
	STAGE_ROW('t', "tail", NEEDS_ARG, "N", tail_new, 0,
	    "keep only the last N lines"),
	STAGE_ROW('c', "count", NO_ARG, NULL, count_new, 0,
	    "replace the stream by the number of its lines"),
	GLOBAL_ROW('i', "ignore-case", NO_ARG, NULL, GLOBAL_IGNORE_CASE,
	    "every pattern caseless"),
	GLOBAL_ROW('F', "fixed-strings", NO_ARG, NULL, GLOBAL_FIXED_STRINGS,
	    "patterns of -m, -v and -o are literal strings"),
	GLOBAL_ROW('d', "delimiter", NEEDS_ARG, "STR", GLOBAL_DELIMITER,
	    "-f splits on STR (default: runs of blanks)"),
	GLOBAL_ROW(0, "output-delimiter", NEEDS_ARG, "STR",
	    GLOBAL_OUTPUT_DELIMITER,
	    "-f joins with STR (default: -d's STR, or a space)"),
	GLOBAL_ROW('z', "null-data", NO_ARG, NULL, GLOBAL_NULL_DATA,
	    "records end with NUL, on input and output"),
	GLOBAL_ROW(0, "crlf", NO_ARG, NULL, GLOBAL_CRLF,
	    "drop \\r before \\n on input, restore it on output"),
	GLOBAL_ROW(0, "utf8", NO_ARG, NULL, GLOBAL_UTF8,
	    "UTF-8 patterns; invalid UTF-8 is never an error"),
	GLOBAL_ROW(0, "buffer-size", NEEDS_ARG, "SIZE", GLOBAL_BUFFER_SIZE,
	    "input buffer size (default 64K; suffixes K, M, G)"),
	GLOBAL_ROW(0, "max-line", NEEDS_ARG, "SIZE", GLOBAL_MAX_LINE,
	    "longest record held whole (default 16M)"),
	GLOBAL_ROW(0, "long-lines", NEEDS_ARG, "POLICY", GLOBAL_LONG_LINES,
	    "then: fail (default), split, truncate or skip"),
	GLOBAL_ROW(0, "line-buffered", NO_ARG, NULL, GLOBAL_LINE_BUFFERED,
	    "flush after every line (default on a terminal)"),
	GLOBAL_ROW(0, "match-limit", NEEDS_ARG, "N", GLOBAL_MATCH_LIMIT,
	    "PCRE2 match limit (default PCRE2's)"),
	GLOBAL_ROW(0, "no-match-ok", NO_ARG, NULL, GLOBAL_NO_MATCH_OK,
	    "exit 0 even when no line was written"),
	GLOBAL_ROW(0, "no-accelerator", NO_ARG, NULL, GLOBAL_NO_ACCELERATOR,
	    "filter with PCRE2 alone (same output; for comparison)"),
	GLOBAL_ROW('j', "threads", NEEDS_ARG, "N", GLOBAL_THREADS,
	    "per-line stages on N threads (default: the CPUs)"),
	GLOBAL_ROW('h', "help", NO_ARG, NULL, GLOBAL_HELP,
	    "show this help and exit"),
	GLOBAL_ROW('V', "version", NO_ARG, NULL, GLOBAL_VERSION,
	    "show sluice's and PCRE2's versions, JIT status"),
};

#define ROW_COUNT (sizeof rows / sizeof rows[0])
#define LONG_ONLY_BASE 256	/* getopt value of rows[i] without a letter */

void
settings_init(struct settings *settings)
{
	memset(settings, 0, sizeof *settings);
	settings->terminator = '\n';
	settings->line_buffering = LINE_BUFFERED_AUTO;
	settings->buffer_size = DEFAULT_BUFFER_SIZE;
	settings->max_line = DEFAULT_MAX_LINE;
	settings->long_lines = LONG_LINES_FAIL;
	settings->prefilter = 1;
	settings->prefilter_warmup = DEFAULT_PREFILTER_WARMUP;
	settings->prefilter_retry = DEFAULT_PREFILTER_RETRY;
}

static const struct option_row *
row_for(int value)
{
	size_t i;

	if (value >= LONG_ONLY_BASE)
		return (size_t)(value - LONG_ONLY_BASE) < ROW_COUNT
		    ? &rows[value - LONG_ONLY_BASE] : NULL;
	for (i = 0; i < ROW_COUNT; i++)
		if (rows[i].short_name != 0 && rows[i].short_name == value)
			return &rows[i];
	return NULL;
}

static void
short_options(char *text)
{
	size_t i, n = 0;

	text[n++] = ':';	/* missing arguments are ours to report */
	for (i = 0; i < ROW_COUNT; i++) {
		if (rows[i].short_name == 0)
			continue;
		text[n++] = rows[i].short_name;
		if (rows[i].has_arg == NEEDS_ARG)
			text[n++] = ':';
	}
	text[n] = '\0';
}

/* Sizes for the buffer and the longest line: at least 1 byte, and small
 * enough that size + 1 and doubling never overflow. */
static int
parse_buffer_size(const char *option, const char *arg, size_t *size,
    struct diag *diag)
{
	uint64_t value;

	if (number_parse_size(arg, &value) != 0 || value == 0 ||
	    value > SIZE_MAX / 4)
		return diag_fail(diag, "%s '%s': not a size (a number of "
		    "bytes from 1, with an optional K, M or G)", option, arg);
	*size = (size_t)value;
	return 0;
}

static int
parse_long_lines(const char *option, const char *arg,
    enum long_line_policy *policy, struct diag *diag)
{
	static const char *const names[] = {
		"fail", "split", "truncate", "skip"
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(arg, names[i]) == 0) {
			*policy = (enum long_line_policy)i;
			return 0;
		}
	return diag_fail(diag, "%s '%s': not a policy (fail, split, truncate "
	    "or skip)", option, arg);
}

static int
parse_match_limit(const char *option, const char *arg, uint32_t *limit,
    struct diag *diag)
{
	uint64_t value;

	if (number_parse_count(arg, &value) != 0 || value == 0 ||
	    value > UINT32_MAX)
		return diag_fail(diag, "%s '%s': not a limit (a whole number "
		    "from 1 to %lu)", option, arg, (unsigned long)UINT32_MAX);
	*limit = (uint32_t)value;
	return 0;
}

static int
parse_threads(const char *option, const char *arg, unsigned *threads,
    struct diag *diag)
{
	uint64_t value;

	if (number_parse_count(arg, &value) != 0 || value == 0 ||
	    value > THREADS_MAX)
		return diag_fail(diag, "%s '%s': not a number of threads (from "
		    "1 to %d)", option, arg, THREADS_MAX);
	*threads = (unsigned)value;
	return 0;
}

static int
set_global(struct options *options, const struct option_row *row,
    const char *option, const char *arg, struct diag *diag)
{
	struct settings *settings = &options->settings;

	switch (row->global) {
	case GLOBAL_IGNORE_CASE:
		settings->ignore_case = 1;
		return 0;
	case GLOBAL_FIXED_STRINGS:
		settings->fixed_strings = 1;
		return 0;
	case GLOBAL_NULL_DATA:
		settings->terminator = '\0';
		return 0;
	case GLOBAL_CRLF:
		settings->crlf = 1;
		return 0;
	case GLOBAL_UTF8:
		settings->utf8 = 1;
		return 0;
	case GLOBAL_LINE_BUFFERED:
		settings->line_buffering = LINE_BUFFERED_ALWAYS;
		return 0;
	case GLOBAL_NO_MATCH_OK:
		settings->no_match_ok = 1;
		return 0;
	case GLOBAL_NO_ACCELERATOR:
		settings->prefilter = 0;
		return 0;
	case GLOBAL_HELP:
		options->action = ACTION_HELP;
		return 0;
	case GLOBAL_VERSION:
		options->action = ACTION_VERSION;
		return 0;
	case GLOBAL_DELIMITER:
		if (arg[0] == '\0')
			return diag_fail(diag, "%s '': the delimiter cannot be "
			    "empty", option);
		settings->delimiter = arg;
		return 0;
	case GLOBAL_OUTPUT_DELIMITER:
		settings->output_delimiter = arg;
		return 0;
	case GLOBAL_BUFFER_SIZE:
		return parse_buffer_size(option, arg, &settings->buffer_size,
		    diag);
	case GLOBAL_MAX_LINE:
		return parse_buffer_size(option, arg, &settings->max_line,
		    diag);
	case GLOBAL_LONG_LINES:
		return parse_long_lines(option, arg, &settings->long_lines,
		    diag);
	case GLOBAL_MATCH_LIMIT:
		return parse_match_limit(option, arg, &settings->match_limit,
		    diag);
	case GLOBAL_THREADS:
		return parse_threads(option, arg, &settings->threads, diag);
	case GLOBAL_NONE:
		break;
	}
	return 0;
}

static void
spell_option(char *text, size_t size, const struct option_row *row,
    int used_long)
{
	if (used_long || row->short_name == 0)
		snprintf(text, size, "--%s", row->long_name);
	else
		snprintf(text, size, "-%c", row->short_name);
}

static void
add_stage(struct options *options, const struct option_row *row,
    const char *arg, int used_long)
{
	struct stage_spec *spec = &options->stages[options->stage_count++];

	spec->build = row->build;
	spec->variant = row->variant;
	spec->arg = arg;
	spell_option(spec->option, sizeof spec->option, row, used_long);
}

static int
unknown_option(int value, char **argv, struct diag *diag)
{
	const char *word = argv[optind - 1];

	if (value == ':')
		return diag_fail(diag, "option %s needs an argument (see "
		    "--help)", word);
	if (strncmp(word, "--", 2) != 0 && optopt > 0 && optopt < 128)
		return diag_fail(diag, "unknown option -%c (see --help)",
		    optopt);
	return diag_fail(diag, "unknown option %s (see --help)", word);
}

#ifdef HAVE_GETOPT_LONG
static struct option *
long_options(void)
{
	struct option *table = calloc(ROW_COUNT + 1, sizeof *table);
	size_t i;

	if (table == NULL)
		return NULL;
	for (i = 0; i < ROW_COUNT; i++) {
		table[i].name = rows[i].long_name;
		table[i].has_arg = rows[i].has_arg == NEEDS_ARG
		    ? required_argument : no_argument;
		table[i].val = rows[i].short_name != 0 ? rows[i].short_name
		    : (int)(LONG_ONLY_BASE + i);
	}
	return table;
}
#endif

static int
next_option(int argc, char **argv, const char *shorts, void *longs,
    int *long_index)
{
	*long_index = -1;
#ifdef HAVE_GETOPT_LONG
	return getopt_long(argc, argv, shorts, longs, long_index);
#else
	(void)longs;
	return getopt(argc, argv, shorts);
#endif
}

static int
read_arguments(struct options *options, int argc, char **argv,
    void *longs, struct diag *diag)
{
	char shorts[2 * ROW_COUNT + 2];
	int value, long_index;

	short_options(shorts);
	opterr = 0;
	while ((value = next_option(argc, argv, shorts, longs,
	    &long_index)) != -1) {
		const struct option_row *row = row_for(value);
		char option[40];

		if (value == '?' || value == ':' || row == NULL)
			return unknown_option(value, argv, diag);
		spell_option(option, sizeof option, row, long_index >= 0);
		if (row->build != NULL)
			add_stage(options, row, optarg, long_index >= 0);
		else if (set_global(options, row, option, optarg, diag) != 0)
			return -1;
	}
	options->files = argv + optind;
	options->file_count = (size_t)(argc - optind);
	return 0;
}

int
options_parse(struct options *options, int argc, char **argv,
    struct diag *diag)
{
	void *longs = NULL;
	int result;

	memset(options, 0, sizeof *options);
	settings_init(&options->settings);
	options->action = ACTION_RUN;
	/* No more stages than arguments: one allocation, no growth. */
	options->stages = calloc((size_t)argc + 1, sizeof *options->stages);
#ifdef HAVE_GETOPT_LONG
	longs = long_options();
	if (longs == NULL) {
		free(options->stages);
		options->stages = NULL;
	}
#endif
	if (options->stages == NULL)
		return diag_fail(diag, "out of memory");
	/* Start afresh, so the parser can run more than once (the tests). */
#ifdef __GLIBC__
	optind = 0;
#else
	optind = 1;
#endif
	result = read_arguments(options, argc, argv, longs, diag);
	free(longs);
	if (result != 0)
		options_free(options);
	return result;
}

void
options_free(struct options *options)
{
	free(options->stages);
	options->stages = NULL;
	options->stage_count = 0;
}

void
options_usage(FILE *out)
{
	size_t i;
	int stages = 1;

	fputs("Usage: sluice [OPTION | STAGE]... [--] [FILE]...\n"
	    "Read FILEs (or standard input) as one stream of lines and pass "
	    "them through\nthe STAGEs in the order given. With no stage, "
	    "copy the input unchanged.\n\nStages:\n", out);
	for (i = 0; i < ROW_COUNT; i++) {
		const struct option_row *row = &rows[i];
		char left[64];
		int n;

		if (stages && row->build == NULL) {
			fputs("\nGlobal options (apply wherever they "
			    "appear):\n", out);
			stages = 0;
		}
		if (row->short_name != 0)
			n = snprintf(left, sizeof left, "  -%c, --%s",
			    row->short_name, row->long_name);
		else
			n = snprintf(left, sizeof left, "      --%s",
			    row->long_name);
		if (row->arg_name != NULL && n > 0 && (size_t)n < sizeof left)
			snprintf(left + n, sizeof left - (size_t)n, "=%s",
			    row->arg_name);
		if (strlen(left) > 29)
			fprintf(out, "%s\n%30s%s\n", left, "", row->help);
		else
			fprintf(out, "%-30s%s\n", left, row->help);
	}
	fputs("\nExamples:\n"
	    "  sluice -s -i -m 'error|fail' -r 's/[0-9]+/#/g' app.log\n"
	    "  sluice -m ' WARN ' -f 1,2,5- -u -t 20 app.log\n"
	    "  sluice -o '[0-9]+(\\.[0-9]+){3}' auth.log | sort | "
	    "sluice -u -c\n"
	    "  sluice -k 20 -N -L report.txt\n"
	    "\nExit status: 0 if a line was written, 1 if none was, 2 on an "
	    "error.\nFull documentation: man sluice\n", out);
}
