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

/* The policies as --long-lines names them, by enum long_line_policy. */
#define LONG_LINE_POLICIES 4
extern const char *const long_line_policy_names[LONG_LINE_POLICIES];

enum follow {
	FOLLOW_NONE,
	FOLLOW_START,		/* the FILE from its start, then as it grows */
	FOLLOW_END		/* from its end as it was at the start */
};

/* --record-start, --record-cont, --record-end: how lines are grouped into
 * records of several lines (SPEC 7); RECORDS_LINES: a record is a line. */
enum record_mode {
	RECORDS_LINES,
	RECORDS_START,		/* a matching line starts a record */
	RECORDS_CONT,		/* a matching line joins the record before */
	RECORDS_END		/* a matching line ends its record */
};

/* The options as the command line spells them, by enum record_mode
 * (RECORDS_LINES's is NULL). */
extern const char *const record_mode_options[];

/* --record-timeout's default, in milliseconds. */
#define DEFAULT_RECORD_TIMEOUT_MS 1000

enum decompress {
	DECOMPRESS_AUTO,	/* compressed FILEs, known by magic, decoded */
	DECOMPRESS_NONE		/* bytes as they are */
};

enum line_buffering {
	LINE_BUFFERED_AUTO,	/* when the output is a terminal */
	LINE_BUFFERED_ALWAYS
};

/* --stats: none, or the report's form. */
enum stats_format {
	STATS_OFF,
	STATS_TEXT,
	STATS_JSON
};

/* --color: when to highlight what -m and -o matched. */
enum color_when {
	COLOR_NEVER,		/* the default: not a byte changes */
	COLOR_AUTO,		/* on a terminal, unless NO_COLOR is set */
	COLOR_ALWAYS
};

#define DEFAULT_BUFFER_SIZE ((size_t)64 << 10)
#define DEFAULT_MAX_LINE ((size_t)16 << 20)
/* The most history a compressed input may make a decoder keep (zstd's
 * window, xz's dictionary): libzstd's own default cap. */
#define DEFAULT_MAX_WINDOW ((size_t)128 << 20)
/* Building the filter accelerator costs a few milliseconds (a fork and
 * Hyperscan's compiler): a filter builds it only after this many lines,
 * so short inputs and early exits (-m X -n 10) never pay for it. */
#define DEFAULT_PREFILTER_WARMUP 2048
#define DEFAULT_PREFILTER_RETRY 4096

/* --count-memory: what the answer stages' table of distinct keys may
 * hold, keys and table together, before it counts approximately. */
#define DEFAULT_COUNT_MEMORY ((size_t)64 << 20)

/* The most threads -j takes: more than any machine here has cores. */
#define THREADS_MAX 64

struct settings {
	int ignore_case;
	int fixed_strings;
	int word_regexp;	/* -w: patterns match whole words only */
	int line_regexp;	/* -x: patterns match whole records only */
	int quiet;		/* -q: write nothing, end at the first record */
	const char *stats_file;	/* --stats-file: the report's FILE, or NULL
				 * for standard error */
	int utf8;
	int crlf;
	char terminator;	/* '\n', or '\0' with -z */
	const char *delimiter;	/* -d: NULL splits fields on runs of blanks */
	const char *output_delimiter;	/* NULL: the -d string, or a space */
	enum line_buffering line_buffering;
	/* Where the run writes (standard output, not -O or --in-place's
	 * file) is a terminal: line-buffered output and --color=auto, and
	 * so one thread by default. */
	int output_is_terminal;
	size_t buffer_size;
	size_t max_line;
	enum long_line_policy long_lines;
	enum decompress decompress;
	enum follow follow;	/* --follow: the last FILE, as it grows */
	enum record_mode record_mode;
	const char *record_pattern;	/* the RE of record_mode's option */
	/* --follow: a record whose next line has not come in this long is
	 * passed on as complete. */
	unsigned record_timeout_ms;
	size_t max_window;	/* --max-window */
	uint32_t match_limit;	/* 0: PCRE2's default */
	int no_match_ok;
	int prefilter;		/* use the accelerator where it applies */
	unsigned prefilter_warmup;	/* lines a filter takes one by one first */
	/* Lines a filter takes one by one after a stretch where most lines
	 * were candidates, before it tries the prefilter again (doubled while
	 * that goes on); 0: it never leaves the prefilter. */
	unsigned prefilter_retry;
	unsigned threads;	/* -j: 0 is as many as help (parallel.c) */
	enum stats_format stats;	/* --stats: stages count bytes too */
	int progress;			/* --progress */
	enum color_when color;		/* --color, before auto is decided */
	size_t count_memory;	/* --count-memory */
	int exact;		/* --exact: reaching count_memory fails */
	const char *time_format;	/* --time-format: strptime's, or NULL */
	/* --group-separator: written between context groups that were not
	 * adjacent (default "--"); NULL: --no-group-separator. */
	const char *group_separator;
};

void settings_init(struct settings *);

#endif
