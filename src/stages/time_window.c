/* time_window.c: the time window stage (--since, --until, --last; SPEC
 * 10): records stamped at or after its start and before its end pass. A
 * record without a stamp goes with the stamped record before it; those
 * before a FILE's first stamp have none to go with and are dropped. Logs
 * are in time order, so the first record at or after the end ends its
 * FILE (stage_ops.skip_file above); and where this stage is the first,
 * it asks the reader to start each plain regular FILE at the window's
 * start, found by bisection (reader.h), instead of at its first byte. */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "input/reader.h"
#include "match/timestamp.h"
#include "stages/stages.h"

struct time_window {
	struct stage stage;
	int64_t since;		/* ms; INT64_MIN: from the first record */
	int64_t until;		/* ms; INT64_MAX: to the last */
	struct stamp_parser parser;
	const struct line_source *file;	/* of the last record seen */
	int file_stamped;	/* a stamp was found in it */
	int inside;		/* its last stamp was in the window */
	int past;		/* a stamp at or after the end was: the rest
				 * of the FILE is passed over */
	int bisects;		/* the reader was asked to (first stage) */
	const char *format;	/* --time-format, or NULL */
	enum follow follow;	/* --follow's, for --explain */
	struct diag *diag;
};

/* A syslog stamp's year is that of the FILE's modification time (SPEC
 * 10); standard input's where it is a file, else now. */
static time_t
file_reference(const struct line_source *file)
{
	struct stat status;
	int found = strcmp(file->name, "(standard input)") == 0
	    ? fstat(STDIN_FILENO, &status) : stat(file->name, &status);

	return found == 0 && S_ISREG(status.st_mode) ? status.st_mtime
	    : time(NULL);
}

/* The FILE of the last record has no more: say so if it had no stamp. */
static void
window_file_ends(struct time_window *window)
{
	if (window->file != NULL && !window->file_stamped)
		diag_warn(window->diag, "%s: no time stamp found in it, so no "
		    "record of it is in the window", window->file->name);
	window->file = NULL;
}

static void
window_file_starts(struct time_window *window,
    const struct line_source *file)
{
	window_file_ends(window);
	window->file = file;
	window->file_stamped = 0;
	window->inside = 0;
	window->past = 0;
	stamp_parser_reference(&window->parser, file_reference(file));
}

static int
time_window_next(struct stage *stage, struct line *out)
{
	struct time_window *window = (struct time_window *)stage;
	int result;

	while ((result = stage_next(stage->up, out)) == 1) {
		int64_t ms;

		if (out->source != window->file)
			window_file_starts(window, out->source);
		if (window->past)
			continue;
		if (stamp_find(&window->parser, out->ptr, out->len, &ms) !=
		    STAMP_NONE) {
			window->file_stamped = 1;
			if (ms >= window->until) {
				/* Where a stage above cannot end the FILE,
				 * its rest is read and passed over. */
				window->past = 1;
				(void)stage_skip_file(stage->up);
				continue;
			}
			window->inside = ms >= window->since;
		}
		if (window->inside)
			return 1;
	}
	if (result == 0)
		window_file_ends(window);
	return result;
}

/* reader_before_fn: whether record is before the window's start; -1 when
 * it has no stamp. A new FILE's first question comes before any of its
 * records is handed out: the reference year is set from it here. */
static int
time_window_before(void *context, const struct line_source *file,
    const char *record, size_t len)
{
	struct time_window *window = context;
	int64_t ms;

	if (file != window->file)
		window_file_starts(window, file);
	if (stamp_find(&window->parser, record, len, &ms) == STAMP_NONE)
		return -1;
	window->file_stamped = 1;
	return ms < window->since;
}

/* ms as 2026-11-24T10:00:00.123Z. */
static void
format_ms(char *text, size_t size, int64_t ms)
{
	time_t seconds = (time_t)(ms / 1000 - (ms % 1000 < 0));
	struct tm utc;

	if (gmtime_r(&seconds, &utc) == NULL) {
		snprintf(text, size, "%lld ms", (long long)ms);
		return;
	}
	strftime(text, size, "%Y-%m-%dT%H:%M:%S", &utc);
	if (ms % 1000 != 0)
		snprintf(text + strlen(text), size - strlen(text), ".%03d",
		    (int)((ms % 1000 + 1000) % 1000));
	snprintf(text + strlen(text), size - strlen(text), "Z");
}

/* --explain: which FILEs will be bisected, as far as can be told
 * without reading them (a compressed one is known by its first bytes). */
static void
describe_files(const struct stage *reader, enum follow follow,
    struct describe_out *out)
{
	size_t count = reader_file_count(reader), i;

	describe_add(out, "each plain regular FILE (not compressed, not "
	    "standard input) is bisected to the start");
	for (i = 0; i < count; i++) {
		const char *path = reader_file_path(reader, i);
		struct stat status;

		if (strcmp(path, "-") == 0)
			describe_add(out, "standard input: read from its start");
		else if (stat(path, &status) != 0)
			describe_add(out, "%s: not found now", path);
		else if (follow == FOLLOW_END && i + 1 == count)
			describe_add(out, "%s: followed from its end", path);
		else if (!S_ISREG(status.st_mode))
			describe_add(out, "%s: not a regular file, read from its "
			    "start", path);
		else
			describe_add(out, "%s: bisected, unless compressed", path);
	}
}

static void
time_window_describe(const struct stage *stage, struct describe_out *out)
{
	const struct time_window *window = (const struct time_window *)stage;
	char since[48], until[48];

	format_ms(since, sizeof since, window->since);
	format_ms(until, sizeof until, window->until);
	if (window->until == INT64_MAX)
		describe_add(out, "records stamped at or after %s", since);
	else if (window->since == INT64_MIN)
		describe_add(out, "records stamped before %s", until);
	else
		describe_add(out, "records stamped from %s to before %s",
		    since, until);
	if (window->format != NULL)
		describe_add(out, "the stamp at each record's start, as "
		    "--time-format '%s'", window->format);
	else
		describe_add(out, "the stamp: the first in a record's first "
		    "%d bytes (ISO 8601, syslog, Apache, epoch)", STAMP_NEAR);
	describe_add(out, "a record without one goes with the record before");
	if (window->until != INT64_MAX)
		describe_add(out, "a FILE ends at its first record at or after "
		    "the end");
	if (window->bisects)
		describe_files(stage->up, window->follow, out);
	else if (window->since != INT64_MIN)
		describe_add(out, "every FILE read from its start (%s)",
		    reader_is(stage->up) ? "the reader cannot bisect here"
		    : "a stage comes before this one");
}

/* A window with an end ends FILEs early; one without never does. */
static const struct stage_ops time_window_ops = {
	.name = "time-window",
	.flags = 0,
	.next = time_window_next,
	.free = stage_free_alone,
	.describe = time_window_describe,
	.skip_file = stage_skip_file_above,
};

static const struct stage_ops time_window_until_ops = {
	.name = "time-window",
	.flags = STAGE_ENDS_FILES,
	.next = time_window_next,
	.free = stage_free_alone,
	.describe = time_window_describe,
	.skip_file = stage_skip_file_above,
};

static int
parse_bound(const struct stage_args *args, time_t now, int64_t *ms)
{
	int64_t duration;

	if (args->variant == WINDOW_LAST) {
		if (stamp_parse_duration(args->arg, &duration) != 0)
			return diag_fail(args->diag, "%s '%s': not a duration "
			    "(a number and s, m, h, d or w: 90s, 15m, 2h, 7d, "
			    "1h30m)", args->option, args->arg);
		*ms = (int64_t)now * 1000 - duration;
		return 0;
	}
	if (stamp_parse_time(args->arg, args->settings->time_format, now,
	    ms) != 0)
		return diag_fail(args->diag, "%s '%s': not a time (now, "
		    "2026-11-24, 2026-11-24T10:00:00Z, 'Nov 24 10:00:00', "
		    "[24/Nov/2026:10:00:00 +0000], epoch seconds%s)",
		    args->option, args->arg, args->settings->time_format != NULL
		    ? ", or as --time-format" : "");
	return 0;
}

struct stage *
time_window_new(const struct stage_args *args)
{
	struct time_window *window;
	time_t now = time(NULL);
	int64_t bound = 0;

	if (parse_bound(args, now, &bound) != 0)
		return NULL;
	window = stage_alloc(args, sizeof *window,
	    args->variant == WINDOW_UNTIL ? &time_window_until_ops
	    : &time_window_ops);
	if (window == NULL)
		return NULL;
	window->since = args->variant == WINDOW_UNTIL ? INT64_MIN : bound;
	window->until = args->variant == WINDOW_UNTIL ? bound : INT64_MAX;
	window->format = args->settings->time_format;
	window->follow = args->settings->follow;
	window->diag = args->diag;
	stamp_parser_init(&window->parser, window->format, now);
	if (window->since != INT64_MIN)
		window->bisects = reader_start_where(args->up,
		    time_window_before, window);
	return &window->stage;
}
