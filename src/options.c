/* options.c: one table names every option, stage or global; getopt_long
 * (or getopt, where configure found no getopt_long) reads argv against it,
 * and --help is printed from it, so the three never disagree. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef HAVE_GETOPT_LONG
#include <getopt.h>
#endif

#include "base/key_table.h"
#include "base/number_parse.h"
#include "options.h"

enum {
	NO_ARG,
	NEEDS_ARG,
	OPTIONAL_ARG		/* only as --name=ARG, as GNU tools take it */
};

/* The groups of --help, in the order it prints them. */
enum group {
	GROUP_STAGES, GROUP_CONTEXT, GROUP_ANSWERS, GROUP_PATTERNS,
	GROUP_RECORDS, GROUP_TIME, GROUP_THREADS,
	GROUP_OUTPUT, GROUP_MISC,
	GROUP_OTHER		/* rows that name no group yet */
};

static const char *const group_titles[] = {
	"Stages (each adds one step to the chain, in the order given):",
	"Context (of the -m or -v just before):",
	"Answers:",
	"Patterns and fields:",
	"Records and input:",
	"Time windows:",
	"Threads:",
	"Output:",
	"Miscellaneous:",
	"Other options:",
};

#define ROW_HIGHLIGHTS 1	/* --color marks this stage's matches */
#define ROW_NEW_RECORDS 2	/* the stage's records are its own, not the
				 * input's (-c's count, -l's names): --color
				 * marks nothing after it */
#define ROW_TAKES_CONTEXT 4	/* -A, -B, -C may follow it (-m, -v) */

enum global {
	GLOBAL_NONE,		/* a stage option */
	GLOBAL_IGNORE_CASE, GLOBAL_FIXED_STRINGS, GLOBAL_DELIMITER,
	GLOBAL_OUTPUT_DELIMITER, GLOBAL_NULL_DATA,
	GLOBAL_CRLF, GLOBAL_UTF8, GLOBAL_BUFFER_SIZE, GLOBAL_MAX_LINE,
	GLOBAL_LONG_LINES, GLOBAL_LINE_BUFFERED, GLOBAL_MATCH_LIMIT,
	GLOBAL_NO_MATCH_OK, GLOBAL_NO_ACCELERATOR, GLOBAL_HELP, GLOBAL_VERSION,
	GLOBAL_OUTPUT, GLOBAL_IN_PLACE,
	GLOBAL_STATS, GLOBAL_PROGRESS, GLOBAL_EXPLAIN, GLOBAL_COLOR,
	GLOBAL_DECOMPRESS, GLOBAL_MAX_WINDOW, GLOBAL_FOLLOW,
	GLOBAL_THREADS, GLOBAL_WORD_REGEXP, GLOBAL_LINE_REGEXP, GLOBAL_QUIET,
	GLOBAL_STATS_FILE, GLOBAL_RECORD_START, GLOBAL_RECORD_CONT,
	GLOBAL_RECORD_END, GLOBAL_RECORD_TIMEOUT, GLOBAL_COUNT_MEMORY,
	GLOBAL_EXACT, GLOBAL_TIME_FORMAT, GLOBAL_GROUP_SEPARATOR,
	GLOBAL_NO_GROUP_SEPARATOR,
	/* Not global: they change the -m or -v before them. */
	CONTEXT_AFTER, CONTEXT_BEFORE, CONTEXT_BOTH
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
	enum group group;
	const char *example;	/* for --help, only where the syntax is not
				 * obvious: the option in use, with more
				 * than the option itself */
	unsigned flags;		/* ROW_... */
};

#define STAGE_ROW(s, l, a, n, b, v, f, h, e) \
	{ s, l, a, n, b, v, GLOBAL_NONE, h, GROUP_STAGES, e, f }
/* A stage listed by --help in a group of its own kind. */
#define GROUP_STAGE_ROW(grp, l, a, n, b, v, h, e) \
	{ 0, l, a, n, b, v, GLOBAL_NONE, h, grp, e, 0 }
/* A stage that ends the chain with an answer: --help lists it under
 * "Answers". */
#define ANSWER_ROW(l, a, n, b, v, h, e) \
	{ 0, l, a, n, b, v, GLOBAL_NONE, h, GROUP_ANSWERS, e, ROW_NEW_RECORDS }
#define OPTION_ROW(grp, s, l, a, n, g, h, e) \
	{ s, l, a, n, NULL, 0, g, h, grp, e, 0 }
/* A global option in no group yet: --help lists it under "Other". */
#define GLOBAL_ROW(s, l, a, n, g, h) \
	{ s, l, a, n, NULL, 0, g, h, GROUP_OTHER, NULL, 0 }

static const struct option_row rows[] = {
	STAGE_ROW('s', "strip", NO_ARG, NULL, strip_new, STRIP_BOTH, 0,
	    "remove leading and trailing ASCII white space", NULL),
	STAGE_ROW(0, "lstrip", NO_ARG, NULL, strip_new, STRIP_LEFT, 0,
	    "remove leading ASCII white space", NULL),
	STAGE_ROW(0, "rstrip", NO_ARG, NULL, strip_new, STRIP_RIGHT, 0,
	    "remove trailing ASCII white space", NULL),
	STAGE_ROW('m', "match", NEEDS_ARG, "RE", filter_new, FILTER_KEEP,
	    ROW_HIGHLIGHTS | ROW_TAKES_CONTEXT,
	    "keep lines in which RE matches", NULL),
	STAGE_ROW('v', "reject", NEEDS_ARG, "RE", filter_new, FILTER_DROP,
	    ROW_TAKES_CONTEXT, "drop lines in which RE matches", NULL),
	STAGE_ROW('r', "replace", NEEDS_ARG, "s/RE/REPL/[gix]", replace_new, 0,
	    0, "substitute; REPL may use $1, ${name}, $$",
	    "-r 's/([0-9]+)ms/$1 ms/g'"),
	STAGE_ROW('o', "extract", NEEDS_ARG, "RE", extract_new, 0,
	    ROW_HIGHLIGHTS, "each non-empty match of RE as a line of its own",
	    NULL),
	STAGE_ROW('f', "fields", NEEDS_ARG, "LIST", fields_new, 0, 0,
	    "keep fields LIST: 3 | 1,4 | 2-5 | 3- | -1 (last)", "-f 1,3-"),
	STAGE_ROW('U', "upper", NO_ARG, NULL, case_new, CASE_UPPER, 0,
	    "ASCII upper case", NULL),
	STAGE_ROW('L', "lower", NO_ARG, NULL, case_new, CASE_LOWER, 0,
	    "ASCII lower case", NULL),
	STAGE_ROW('N', "number", NO_ARG, NULL, number_new, 0, 0,
	    "prefix the input line number and a tab", NULL),
	STAGE_ROW('H', "with-filename", NO_ARG, NULL, with_filename_new, 0, 0,
	    "prefix the name of the line's FILE and a tab", NULL),
	STAGE_ROW('u', "uniq", NO_ARG, NULL, uniq_new, 0, 0,
	    "drop a line equal to the line before it", NULL),
	STAGE_ROW('k', "skip", NEEDS_ARG, "N", skip_new, 0, 0,
	    "drop the first N lines", NULL),
	STAGE_ROW('n', "head", NEEDS_ARG, "N", head_new, 0, 0,
	    "pass N lines, then end the stream", NULL),
	STAGE_ROW('t', "tail", NEEDS_ARG, "N", tail_new, 0, 0,
	    "keep only the last N lines", NULL),
	STAGE_ROW('c', "count", NO_ARG, NULL, count_new, 0, ROW_NEW_RECORDS,
	    "replace the stream by the number of its lines", NULL),
	STAGE_ROW('l', "files-with-matches", NO_ARG, NULL,
	    files_with_matches_new, 0, ROW_NEW_RECORDS,
	    "only the names of FILEs with a line reaching it", NULL),
	OPTION_ROW(GROUP_CONTEXT, 'A', "after", NEEDS_ARG, "N", CONTEXT_AFTER,
	    "also pass the N lines after each line it keeps", NULL),
	OPTION_ROW(GROUP_CONTEXT, 'B', "before", NEEDS_ARG, "N",
	    CONTEXT_BEFORE, "also pass the N lines before each line it keeps",
	    NULL),
	OPTION_ROW(GROUP_CONTEXT, 'C', "context", NEEDS_ARG, "N", CONTEXT_BOTH,
	    "both; a group of lines goes on as one record",
	    "-m ERROR -C 5 -m timeout app.log"),
	OPTION_ROW(GROUP_CONTEXT, 0, "group-separator", NEEDS_ARG, "SEP",
	    GLOBAL_GROUP_SEPARATOR, "written between groups (default --)",
	    NULL),
	OPTION_ROW(GROUP_CONTEXT, 0, "no-group-separator", NO_ARG, NULL,
	    GLOBAL_NO_GROUP_SEPARATOR, "nothing between groups", NULL),
	ANSWER_ROW("count-by", NO_ARG, NULL, count_by_new, ANSWER_COUNT_BY,
	    "each distinct line once: count, tab, line",
	    "-f 1 --count-by auth.log | head"),
	ANSWER_ROW("top", NEEDS_ARG, "K", count_by_new, ANSWER_TOP,
	    "the K most frequent lines, as --count-by", NULL),
	ANSWER_ROW("sum", NO_ARG, NULL, sum_new, 0,
	    "the sum of the lines as numbers", NULL),
	ANSWER_ROW("sum-by", NO_ARG, NULL, count_by_new, ANSWER_SUM_BY,
	    "lines NUMBER<TAB>KEY: each KEY's sum, tab, KEY",
	    NULL),
	OPTION_ROW(GROUP_ANSWERS, 0, "count-memory", NEEDS_ARG, "SIZE",
	    GLOBAL_COUNT_MEMORY,
	    "exact up to SIZE (default 64M), then approximate", NULL),
	OPTION_ROW(GROUP_ANSWERS, 0, "exact", NO_ARG, NULL, GLOBAL_EXACT,
	    "fail (exit 2) past --count-memory instead", NULL),
	OPTION_ROW(GROUP_PATTERNS, 'i', "ignore-case", NO_ARG, NULL,
	    GLOBAL_IGNORE_CASE, "every pattern caseless", NULL),
	OPTION_ROW(GROUP_PATTERNS, 'w', "word-regexp", NO_ARG, NULL,
	    GLOBAL_WORD_REGEXP, "patterns of -m, -v, -o match whole words",
	    NULL),
	OPTION_ROW(GROUP_PATTERNS, 'x', "line-regexp", NO_ARG, NULL,
	    GLOBAL_LINE_REGEXP, "patterns of -m, -v, -o match whole records",
	    NULL),
	OPTION_ROW(GROUP_PATTERNS, 'F', "fixed-strings", NO_ARG, NULL,
	    GLOBAL_FIXED_STRINGS, "patterns of -m, -v and -o are literal "
	    "strings", NULL),
	OPTION_ROW(GROUP_PATTERNS, 0, "utf8", NO_ARG, NULL, GLOBAL_UTF8,
	    "UTF-8 patterns; invalid UTF-8 is never an error", NULL),
	OPTION_ROW(GROUP_PATTERNS, 0, "match-limit", NEEDS_ARG, "N",
	    GLOBAL_MATCH_LIMIT, "PCRE2 match limit (default PCRE2's)", NULL),
	OPTION_ROW(GROUP_PATTERNS, 'd', "delimiter", NEEDS_ARG, "STR",
	    GLOBAL_DELIMITER, "-f splits on STR (default: runs of blanks)",
	    "-d : -f 1,7 /etc/passwd"),
	OPTION_ROW(GROUP_PATTERNS, 0, "output-delimiter", NEEDS_ARG, "STR",
	    GLOBAL_OUTPUT_DELIMITER,
	    "-f joins with STR (default: -d's STR, or a space)", NULL),
	OPTION_ROW(GROUP_RECORDS, 'z', "null-data", NO_ARG, NULL,
	    GLOBAL_NULL_DATA, "records end with NUL, on input and output",
	    "find . -print0 | sluice -z -m '\\.c$'"),
	OPTION_ROW(GROUP_RECORDS, 0, "crlf", NO_ARG, NULL, GLOBAL_CRLF,
	    "drop \\r before \\n on input, restore it on output", NULL),
	OPTION_ROW(GROUP_RECORDS, 0, "max-line", NEEDS_ARG, "SIZE",
	    GLOBAL_MAX_LINE, "longest record held whole (default 16M)", NULL),
	OPTION_ROW(GROUP_RECORDS, 0, "long-lines", NEEDS_ARG,
	    "fail|split|truncate|skip", GLOBAL_LONG_LINES,
	    "what to do with a longer record (default fail)", NULL),
	OPTION_ROW(GROUP_RECORDS, 0, "buffer-size", NEEDS_ARG, "SIZE",
	    GLOBAL_BUFFER_SIZE,
	    "input buffer size (default 64K; suffixes K, M, G)", NULL),
	OPTION_ROW(GROUP_RECORDS, 0, "decompress", NEEDS_ARG, "auto|none",
	    GLOBAL_DECOMPRESS,
	    "auto (default): decode gzip, zstd, xz, bzip2", NULL),
	OPTION_ROW(GROUP_RECORDS, 0, "max-window", NEEDS_ARG, "SIZE",
	    GLOBAL_MAX_WINDOW,
	    "cap on zstd's window, xz's memory (default 128M)", NULL),
	OPTION_ROW(GROUP_RECORDS, 0, "follow", OPTIONAL_ARG, "start|end",
	    GLOBAL_FOLLOW, "then read on as the last FILE grows (tail -F)",
	    "--follow=end -m ERROR app.log"),
	OPTION_ROW(GROUP_RECORDS, 0, "record-start", NEEDS_ARG, "RE",
	    GLOBAL_RECORD_START, "a line matching RE starts a record of lines",
	    "--record-start '^\\d' -m Exception app.log"),
	OPTION_ROW(GROUP_RECORDS, 0, "record-cont", NEEDS_ARG, "RE",
	    GLOBAL_RECORD_CONT, "a line matching RE joins the record before it",
	    NULL),
	OPTION_ROW(GROUP_RECORDS, 0, "record-end", NEEDS_ARG, "RE",
	    GLOBAL_RECORD_END, "a line matching RE ends its record", NULL),
	OPTION_ROW(GROUP_RECORDS, 0, "record-timeout", NEEDS_ARG, "SEC",
	    GLOBAL_RECORD_TIMEOUT, "--follow: a record waits SEC at most "
	    "(default 1)", NULL),
	GROUP_STAGE_ROW(GROUP_TIME, "since", NEEDS_ARG, "TIME", time_window_new,
	    WINDOW_SINCE, "keep records stamped at or after TIME",
	    "--since 02:10 --until 02:25 app.log"),
	GROUP_STAGE_ROW(GROUP_TIME, "until", NEEDS_ARG, "TIME", time_window_new,
	    WINDOW_UNTIL, "keep records stamped before TIME", NULL),
	GROUP_STAGE_ROW(GROUP_TIME, "last", NEEDS_ARG, "DURATION", time_window_new,
	    WINDOW_LAST, "records of the last DURATION (90s, 15m, 2h, 7d)",
	    NULL),
	OPTION_ROW(GROUP_TIME, 0, "time-format", NEEDS_ARG, "FORMAT",
	    GLOBAL_TIME_FORMAT, "the stamp starts a record, as strptime(3) "
	    "FORMAT", NULL),
	OPTION_ROW(GROUP_THREADS, 'j', "threads", NEEDS_ARG, "N",
	    GLOBAL_THREADS, "per-line stages on N threads (default: the CPUs)",
	    NULL),
	OPTION_ROW(GROUP_OUTPUT, 0, "line-buffered", NO_ARG, NULL,
	    GLOBAL_LINE_BUFFERED,
	    "flush after every line (default on a terminal)", NULL),
	OPTION_ROW(GROUP_OUTPUT, 0, "color", OPTIONAL_ARG,
	    "auto|always|never", GLOBAL_COLOR,
	    "mark what -m, -o matched (default never)", NULL),
	OPTION_ROW(GROUP_OUTPUT, 'q', "quiet", NO_ARG, NULL, GLOBAL_QUIET,
	    "write nothing; exit at the first record written", NULL),
	OPTION_ROW(GROUP_OUTPUT, 0, "no-match-ok", NO_ARG, NULL,
	    GLOBAL_NO_MATCH_OK, "exit 0 even when no line was written", NULL),
	OPTION_ROW(GROUP_OUTPUT, 'O', "output", NEEDS_ARG, "FILE",
	    GLOBAL_OUTPUT, "write to FILE, replaced only if the run succeeds",
	    NULL),
	OPTION_ROW(GROUP_OUTPUT, 0, "in-place", OPTIONAL_ARG, "SUFFIX",
	    GLOBAL_IN_PLACE, "rewrite each FILE; keep the old as FILE+SUFFIX",
	    "--in-place=.bak -r 's/8080/8081/' app.conf"),
	OPTION_ROW(GROUP_MISC, 0, "stats", OPTIONAL_ARG, "text|json",
	    GLOBAL_STATS, "at the end on stderr: per-stage counts, time, RSS",
	    "--stats=json -m ERROR app.log 2>stats.json"),
	OPTION_ROW(GROUP_MISC, 0, "stats-file", NEEDS_ARG, "FILE",
	    GLOBAL_STATS_FILE, "--stats into FILE (replaced whole) instead",
	    NULL),
	OPTION_ROW(GROUP_MISC, 0, "progress", NO_ARG, NULL,
	    GLOBAL_PROGRESS, "a progress line on stderr (bytes, rate, ETA)",
	    NULL),
	OPTION_ROW(GROUP_MISC, 0, "explain", NO_ARG, NULL,
	    GLOBAL_EXPLAIN, "print the chain as built and exit; reads nothing",
	    NULL),
	OPTION_ROW(GROUP_MISC, 0, "no-accelerator", NO_ARG, NULL,
	    GLOBAL_NO_ACCELERATOR, "filter with PCRE2 alone (same output, "
	    "slower)", NULL),
	OPTION_ROW(GROUP_MISC, 'h', "help", NO_ARG, NULL, GLOBAL_HELP,
	    "show this help and exit", NULL),
	OPTION_ROW(GROUP_MISC, 'V', "version", NO_ARG, NULL,
	    GLOBAL_VERSION, "show versions (sluice, PCRE2, JIT) and exit",
	    NULL),
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
	settings->decompress = DECOMPRESS_AUTO;
	settings->max_window = DEFAULT_MAX_WINDOW;
	settings->prefilter = 1;
	settings->prefilter_warmup = DEFAULT_PREFILTER_WARMUP;
	settings->prefilter_retry = DEFAULT_PREFILTER_RETRY;
	settings->record_timeout_ms = DEFAULT_RECORD_TIMEOUT_MS;
	settings->group_separator = "--";
	settings->count_memory = DEFAULT_COUNT_MEMORY;
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
		if (rows[i].has_arg != NO_ARG)
			text[n++] = ':';
		if (rows[i].has_arg == OPTIONAL_ARG)
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

	size_t digits = strspn(arg, "0123456789");

	if (digits > 0 && arg[digits] != '\0' &&
	    strchr("KkMmGg", arg[digits]) == NULL)
		return diag_fail(diag, "%s '%s': unknown size suffix '%s' "
		    "(valid: K, M, G, or none for bytes)", option, arg,
		    arg + digits);
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
	size_t i;

	for (i = 0; i < LONG_LINE_POLICIES; i++)
		if (strcmp(arg, long_line_policy_names[i]) == 0) {
			*policy = (enum long_line_policy)i;
			return 0;
		}
	return diag_fail(diag, "%s '%s': not a policy (fail, split, truncate "
	    "or skip)", option, arg);
}

/* An option's value from a fixed list: its index in names, or -1 with a
 * message listing them all. */
static int
parse_choice(const char *option, const char *arg, const char *what,
    const char *const *names, size_t count, struct diag *diag)
{
	char list[128] = "";
	size_t i, used = 0;

	for (i = 0; i < count; i++) {
		if (strcmp(arg, names[i]) == 0)
			return (int)i;
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
		    i == 0 ? "" : i + 1 == count ? " or " : ", ", names[i]);
		if (used >= sizeof list)
			used = sizeof list - 1;
	}
	diag_fail(diag, "%s '%s': not %s (%s)", option, arg, what, list);
	return -1;
}

static int
parse_stats(const char *option, const char *arg, enum stats_format *format,
    struct diag *diag)
{
	static const char *const names[] = { "text", "json" };
	int choice = arg == NULL ? 0 : parse_choice(option, arg, "a format",
	    names, 2, diag);

	if (choice < 0)
		return -1;
	*format = choice == 0 ? STATS_TEXT : STATS_JSON;
	return 0;
}

/* --color alone is auto, as grep takes it. */
static int
parse_color(const char *option, const char *arg, enum color_when *when,
    struct diag *diag)
{
	static const char *const names[] = { "auto", "always", "never" };
	static const enum color_when whens[] = {
		COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER
	};
	int choice = arg == NULL ? 0 : parse_choice(option, arg, "a choice",
	    names, 3, diag);

	if (choice < 0)
		return -1;
	*when = whens[choice];
	return 0;
}

static int
parse_follow(const char *option, const char *arg, enum follow *follow,
    struct diag *diag)
{
	static const char *const names[] = { "start", "end" };
	int choice = arg == NULL ? 0 : parse_choice(option, arg, "a choice",
	    names, 2, diag);

	if (choice < 0)
		return -1;
	*follow = choice == 0 ? FOLLOW_START : FOLLOW_END;
	return 0;
}

static int
parse_decompress(const char *option, const char *arg,
    enum decompress *decompress, struct diag *diag)
{
	if (strcmp(arg, "auto") == 0)
		*decompress = DECOMPRESS_AUTO;
	else if (strcmp(arg, "none") == 0)
		*decompress = DECOMPRESS_NONE;
	else
		return diag_fail(diag, "%s '%s': not a mode (auto or none)",
		    option, arg);
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

/* -A, -B, -C: the context of the last stage given, which must be a -m or
 * -v (global options may come between). As in grep, -A and -B win over
 * -C whatever their order. */
static int
set_context(struct options *options, const struct option_row *row,
    const char *option, const char *arg, struct diag *diag)
{
	struct stage_spec *spec = options->stage_count > 0
	    ? &options->stages[options->stage_count - 1] : NULL;
	uint64_t count;

	if (spec == NULL || !spec->takes_context)
		return diag_fail(diag, "%s %s: %s%s%s (context is given to the "
		    "-m or -v just before it)", option, arg,
		    spec == NULL ? "no -m or -v comes before it" : "it follows ",
		    spec == NULL ? "" : spec->option,
		    spec == NULL ? "" : ", not a -m or -v");
	if (number_parse_count(arg, &count) != 0)
		return diag_fail(diag, "%s '%s': not a count (a whole number "
		    "from 0 to %llu)", option, arg,
		    (unsigned long long)COUNT_MAX);
	spec->context.given = 1;
	if (row->global == CONTEXT_AFTER || (row->global == CONTEXT_BOTH &&
	    !spec->after_given)) {
		spec->context.after = count;
		spec->after_given |= row->global == CONTEXT_AFTER;
	}
	if (row->global == CONTEXT_BEFORE || (row->global == CONTEXT_BOTH &&
	    !spec->before_given)) {
		spec->context.before = count;
		spec->before_given |= row->global == CONTEXT_BEFORE;
	}
	return 0;
}

/* --record-start, --record-cont, --record-end: one of them, once. */
static int
set_record_mode(struct settings *settings, enum record_mode mode,
    const char *option, const char *arg, struct diag *diag)
{
	if (settings->record_mode != RECORDS_LINES)
		return diag_fail(diag, "%s: records are already grouped by %s "
		    "(give only one of --record-start, --record-cont and "
		    "--record-end, once)", option,
		    record_mode_options[settings->record_mode]);
	settings->record_mode = mode;
	settings->record_pattern = arg;
	return 0;
}

/* --record-timeout: seconds, with up to three decimals (0.25), up to a
 * day. */
static int
parse_record_timeout(const char *option, const char *arg, unsigned *ms,
    struct diag *diag)
{
	size_t whole = strspn(arg, "0123456789"), fraction = 0;
	unsigned long seconds;
	unsigned thousandths = 0, scale = 100;

	if (arg[whole] == '.') {
		fraction = strspn(arg + whole + 1, "0123456789");
		for (size_t i = 0; i < fraction && i < 3; i++, scale /= 10)
			thousandths += (unsigned)(arg[whole + 1 + i] - '0') *
			    scale;
	}
	if ((whole == 0 && fraction == 0) || whole > 5 ||
	    arg[whole + (arg[whole] == '.' ? 1 + fraction : 0)] != '\0' ||
	    (seconds = strtoul(arg, NULL, 10)) > 86400)
		return diag_fail(diag, "%s '%s': not a number of seconds (from "
		    "0 to 86400, such as 1 or 0.5)", option, arg);
	*ms = (unsigned)seconds * 1000 + thousandths;
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
	case GLOBAL_OUTPUT:
		if (arg[0] == '\0')
			return diag_fail(diag, "%s '': the output needs a file "
			    "name", option);
		options->output = arg;
		return 0;
	case GLOBAL_IN_PLACE:
		options->in_place = 1;
		options->backup_suffix = arg;
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
	case GLOBAL_THREADS:
		return parse_threads(option, arg, &settings->threads, diag);
	case GLOBAL_MATCH_LIMIT:
		return parse_match_limit(option, arg, &settings->match_limit,
		    diag);
	case GLOBAL_STATS:
		return parse_stats(option, arg, &settings->stats, diag);
	case GLOBAL_COLOR:
		return parse_color(option, arg, &settings->color, diag);
	case GLOBAL_PROGRESS:
		settings->progress = 1;
		return 0;
	case GLOBAL_FOLLOW:
		settings->line_buffering = LINE_BUFFERED_ALWAYS;
		return parse_follow(option, arg, &settings->follow, diag);
	case GLOBAL_EXPLAIN:
		if (options->action == ACTION_RUN)
			options->action = ACTION_EXPLAIN;
		return 0;
	case GLOBAL_DECOMPRESS:
		return parse_decompress(option, arg, &settings->decompress,
		    diag);
	case GLOBAL_MAX_WINDOW:
		return parse_buffer_size(option, arg, &settings->max_window,
		    diag);
	case GLOBAL_WORD_REGEXP:
		settings->word_regexp = 1;
		return 0;
	case GLOBAL_LINE_REGEXP:
		settings->line_regexp = 1;
		return 0;
	case GLOBAL_QUIET:
		settings->quiet = 1;
		return 0;
	case GLOBAL_STATS_FILE:
		if (arg[0] == '\0')
			return diag_fail(diag, "%s '': the report needs a file "
			    "name", option);
		settings->stats_file = arg;
		if (settings->stats == STATS_OFF)
			settings->stats = STATS_TEXT;
		return 0;
	case GLOBAL_RECORD_START:
		return set_record_mode(settings, RECORDS_START, option, arg,
		    diag);
	case GLOBAL_RECORD_CONT:
		return set_record_mode(settings, RECORDS_CONT, option, arg,
		    diag);
	case GLOBAL_RECORD_END:
		return set_record_mode(settings, RECORDS_END, option, arg,
		    diag);
	case GLOBAL_RECORD_TIMEOUT:
		return parse_record_timeout(option, arg,
		    &settings->record_timeout_ms, diag);
	case GLOBAL_COUNT_MEMORY:
		if (parse_buffer_size(option, arg, &settings->count_memory,
		    diag) != 0)
			return -1;
		if (settings->count_memory < KEY_TABLE_MEMORY_MIN)
			return diag_fail(diag, "%s '%s': too small (the table "
			    "of keys needs at least 4K)", option, arg);
		return 0;
	case GLOBAL_EXACT:
		settings->exact = 1;
		return 0;
	case GLOBAL_TIME_FORMAT:
		if (arg[0] == '\0')
			return diag_fail(diag, "%s '': the format cannot be "
			    "empty", option);
		settings->time_format = arg;
		return 0;
	case GLOBAL_GROUP_SEPARATOR:
		settings->group_separator = arg;
		return 0;
	case GLOBAL_NO_GROUP_SEPARATOR:
		settings->group_separator = NULL;
		return 0;
	case CONTEXT_AFTER:
	case CONTEXT_BEFORE:
	case CONTEXT_BOTH:
		return set_context(options, row, option, arg, diag);
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

/* One word can name several stages (-sUu), so the list grows as it
 * fills. */
static int
add_stage(struct options *options, const struct option_row *row,
    const char *arg, int used_long, struct diag *diag)
{
	struct stage_spec *spec;

	if (options->stage_count == options->stage_capacity) {
		size_t capacity = options->stage_capacity * 2 + 8;
		struct stage_spec *grown = realloc(options->stages,
		    capacity * sizeof *grown);

		if (grown == NULL)
			return diag_fail(diag, "out of memory");
		options->stages = grown;
		options->stage_capacity = capacity;
	}
	spec = &options->stages[options->stage_count++];

	spec->build = row->build;
	spec->variant = row->variant;
	spec->arg = arg;
	spec->name = row->long_name;
	spec->highlights = (row->flags & ROW_HIGHLIGHTS) != 0;
	spec->new_records = (row->flags & ROW_NEW_RECORDS) != 0;
	spec->takes_context = (row->flags & ROW_TAKES_CONTEXT) != 0;
	memset(&spec->context, 0, sizeof spec->context);
	spec->before_given = spec->after_given = 0;
	spell_option(spec->option, sizeof spec->option, row, used_long);
	return 0;
}

/* The number of edits (insert, delete, change a letter) from a to b, up
 * to the first 32 letters of each: enough to rank option names. */
static size_t
edit_distance(const char *a, size_t a_len, const char *b, size_t b_len)
{
	size_t row[33], i, j;

	a_len = a_len > 32 ? 32 : a_len;
	b_len = b_len > 32 ? 32 : b_len;
	for (j = 0; j <= b_len; j++)
		row[j] = j;
	for (i = 1; i <= a_len; i++) {
		size_t diagonal = row[0];

		row[0] = i;
		for (j = 1; j <= b_len; j++) {
			size_t above = row[j];
			size_t best = diagonal + (a[i - 1] != b[j - 1]);

			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (above + 1 < best)
				best = above + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[b_len];
}

/* The long option a mistyped name most likely meant: the shortest one it
 * begins (--matc: --match, not --match-limit), else the nearest within a
 * few edits; NULL when none is near. */
static const char *
nearest_long_option(const char *name, size_t len)
{
	const char *best = NULL;
	size_t best_distance = len / 3 + 2, i;

	for (i = 0; i < ROW_COUNT; i++)
		if (strncmp(rows[i].long_name, name, len) == 0 && (best ==
		    NULL || strlen(rows[i].long_name) < strlen(best)))
			best = rows[i].long_name;
	if (best != NULL)
		return best;
	for (i = 0; i < ROW_COUNT; i++) {
		size_t distance = edit_distance(name, len, rows[i].long_name,
		    strlen(rows[i].long_name));

		if (distance < best_distance) {
			best = rows[i].long_name;
			best_distance = distance;
		}
	}
	return best;
}

/* The hint for an unknown short option letter, in word (its cluster). */
static int
unknown_letter(int letter, const char *word, struct diag *diag)
{
	if (letter == 'E' || letter == 'P' || letter == 'G')
		return diag_fail(diag, "unknown option -%c: sluice's patterns "
		    "are always PCRE2 (Perl-compatible); leave -%c out",
		    letter, letter);
	/* sed's -i.bak: here -i is --ignore-case, then '.' is no option. */
	if (letter == '.' && strncmp(word, "-i", 2) == 0 &&
	    strchr(word, '.') != NULL)
		return diag_fail(diag, "unknown option -.: -i is "
		    "--ignore-case; to rewrite FILEs keeping a backup, write "
		    "--in-place=%s", strchr(word, '.'));
	return diag_fail(diag, "unknown option -%c", letter);
}

/* main adds "Try 'sluice --help' for more information." */
static int
unknown_option(struct options *options, int value, int argc, char **argv,
    struct diag *diag)
{
	const char *word = argv[optind - 1];

	options->usage_error = 1;
	if (value == ':')
		return diag_fail(diag, "option %s needs an argument", word);
	if (strncmp(word, "--", 2) != 0 && optopt > 0 && optopt < 128) {
		/* Within a cluster (-i.bak), getopt has not moved past it. */
		if (optind < argc && argv[optind][0] == '-' &&
		    strchr(argv[optind] + 1, optopt) != NULL)
			word = argv[optind];
		return unknown_letter(optopt, word, diag);
	}
	/* getopt_long names "--stats=x" for a --no-arg option too. */
	if (strchr(word, '=') != NULL && value == '?' && optopt > 0)
		return diag_fail(diag, "option %.*s takes no argument",
		    (int)(strchr(word, '=') - word), word);
	if (strncmp(word, "--", 2) == 0) {
		size_t len = strcspn(word + 2, "=");
		const char *near = nearest_long_option(word + 2, len);

		if (near != NULL)
			return diag_fail(diag, "unknown option %.*s; did you "
			    "mean --%s?", (int)(len + 2), word, near);
	}
	return diag_fail(diag, "unknown option %s", word);
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
		    ? required_argument : rows[i].has_arg == OPTIONAL_ARG
		    ? optional_argument : no_argument;
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

/* -O and --in-place: what they can be given, checked before any input
 * is read. */
static int
check_output_options(const struct options *options, struct diag *diag)
{
	size_t i;

	if (options->action != ACTION_RUN)
		return 0;
	if (options->settings.follow != FOLLOW_NONE &&
	    (options->output != NULL || options->in_place))
		return diag_fail(diag, "--follow cannot be used with %s: the "
		    "output of an endless run is never complete",
		    options->output != NULL ? "-O" : "--in-place");
	if (options->settings.quiet && (options->output != NULL ||
	    options->in_place))
		return diag_fail(diag, "-q writes nothing: it cannot be used "
		    "with %s", options->output != NULL ? "-O" : "--in-place");
	if (!options->in_place)
		return 0;
	if (options->output != NULL)
		return diag_fail(diag, "-O and --in-place cannot be used "
		    "together");
	if (options->file_count == 0)
		return diag_fail(diag, "--in-place needs FILEs to rewrite, "
		    "not standard input");
	for (i = 0; i < options->file_count; i++) {
		const char *file = options->files[i];
		struct stat status;

		if (strcmp(file, "-") == 0)
			return diag_fail(diag, "--in-place cannot rewrite "
			    "standard input ('-')");
		/* sed's habit, a suffix as the next word: refused before
		 * any FILE is rewritten without its backup. */
		if (options->backup_suffix == NULL && file[0] == '.' &&
		    strchr(file, '/') == NULL && stat(file, &status) != 0)
			return diag_fail(diag, "--in-place: %s is no FILE; "
			    "did you mean --in-place=%s?", file, file);
	}
	return 0;
}

static int
read_arguments(struct options *options, int argc, char **argv,
    void *longs, struct diag *diag)
{
	char shorts[3 * ROW_COUNT + 2];
	int value, long_index;

	short_options(shorts);
	opterr = 0;
	while ((value = next_option(argc, argv, shorts, longs,
	    &long_index)) != -1) {
		const struct option_row *row = row_for(value);
		char option[40];

		if (value == '?' || value == ':' || row == NULL)
			return unknown_option(options, value, argc, argv,
			    diag);
		spell_option(option, sizeof option, row, long_index >= 0);
		if (row->build != NULL) {
			if (add_stage(options, row, optarg, long_index >= 0,
			    diag) != 0)
				return -1;
		} else if (set_global(options, row, option, optarg, diag) != 0)
			return -1;
	}
	options->files = argv + optind;
	options->file_count = (size_t)(argc - optind);
	return check_output_options(options, diag);
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
#ifdef HAVE_GETOPT_LONG
	longs = long_options();
	if (longs == NULL)
		return diag_fail(diag, "out of memory");
#endif
	/* Start afresh, so the parser can run more than once (the tests). */
#ifdef __GLIBC__
	optind = 0;
#else
	optind = 1;
#endif
	result = read_arguments(options, argc, argv, longs, diag);
	free(longs);
	options->settings.output_is_terminal = options->output == NULL &&
	    !options->in_place && isatty(STDOUT_FILENO);
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
	options->stage_capacity = 0;
}

/* One row of --help: "  -m, --match=RE" padded to a column and the help,
 * on one line where it fits in 79 columns; then the example, if any. */
static void
usage_row(FILE *out, const struct option_row *row)
{
	char left[80];
	int n;

	if (row->short_name != 0)
		n = snprintf(left, sizeof left, "  -%c, --%s", row->short_name,
		    row->long_name);
	else
		n = snprintf(left, sizeof left, "      --%s", row->long_name);
	if (row->arg_name != NULL && n > 0 && (size_t)n < sizeof left)
		snprintf(left + n, sizeof left - (size_t)n,
		    row->has_arg == OPTIONAL_ARG ? "[=%s]" : "=%s",
		    row->arg_name);
	if (strlen(left) > 29)
		fprintf(out, "%s\n%30s%s\n", left, "", row->help);
	else
		fprintf(out, "%-30s%s\n", left, row->help);
	if (row->example != NULL)
		fprintf(out, "%30s  e.g. %s\n", "", row->example);
}

void
options_usage(FILE *out)
{
	size_t i;
	int group;

	fputs("Usage: sluice [OPTION | STAGE]... [--] [FILE]...\n"
	    "Read FILEs (or standard input) as one stream of lines, pass it "
	    "through each\nSTAGE in turn, and write it out; other options "
	    "apply wherever they appear.\n", out);
	for (group = GROUP_STAGES; group <= GROUP_OTHER; group++) {
		int printed = 0;

		for (i = 0; i < ROW_COUNT; i++) {
			if (rows[i].group != (enum group)group)
				continue;
			if (!printed)
				fprintf(out, "\n%s\n", group_titles[group]);
			printed = 1;
			usage_row(out, &rows[i]);
		}
	}
	fputs("\nExamples:\n"
	    "  sluice -s -i -m 'error|fail' -r 's/[0-9]+/#/g' app.log\n"
	    "  sluice -o '[0-9]+(\\.[0-9]+){3}' auth.log | sort | "
	    "sluice -u -c\n"
	    "\nExit status: 0 if a line was written (-c: if a record was "
	    "counted), 1 if\nnone was, 2 on an error. Full documentation: "
	    "man sluice\n", out);
}
