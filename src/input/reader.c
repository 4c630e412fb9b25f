/* reader.c: the record reader. It owns one buffer of --buffer-size bytes,
 * fills it from each FILE's source (source.h: the bytes, decompressed
 * where they were compressed), hands out records as views into it, and
 * moves the unfinished tail to the front before the next read. The buffer
 * grows only to hold a record longer than itself, never past --max-line +
 * 1 bytes, and shrinks back once records have fitted the usual size for
 * a while. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/bisect.h"
#include "input/byte_count.h"
#include "input/reader.h"
#include "input/record_group.h"
#include "base/size_text.h"
#include "base/signals.h"
#include "input/source_open.h"

static const char *const standard_input[] = { "-" };

/* A buffer grown for a long record shrinks back only after this many
 * records have fitted the usual size: where long records keep coming
 * (1 MiB lines), growing and shrinking for each cost twice cat's time. */
#define READER_SHRINK_AFTER 256
/* What a memory reader holds before its first block. */
static const char no_bytes[1];

struct reader {
	struct stage stage;
	char *const *paths;
	size_t path_count;
	size_t next_path;	/* the FILE to open when this one ends */
	struct source *input;	/* NULL: no FILE open */
	struct line_source *sources;	/* one per FILE */
	const struct line_source *source;	/* the open FILE's */
	int at_eof;		/* the open FILE has nothing more to read */
	int damaged;		/* ...because its source failed: the record
				 * it was in the middle of is not whole */

	/* buf[pos, end) is unconsumed data; buf[pos, scan) holds no
	 * terminator, so the next search starts at scan. */
	char *buf;
	size_t capacity;
	size_t pos;
	size_t scan;
	size_t end;

	size_t buffer_size;	/* the usual capacity: --buffer-size, or a
				 * job's size under -j (reader_buffer_size) */
	size_t max_line;
	enum long_line_policy policy;
	char terminator;
	int crlf;
	const struct settings *settings;	/* for the sources */
	int discarding;		/* dropping the rest of a long record (with
				 * records of several lines: of a line of a
				 * long record being dropped) */
	int warned;		/* the long-line warning has been given */
	uint64_t long_counted;	/* the last long record counted (its line
				 * number): a split record is counted once,
				 * not once per piece */
	uint64_t lineno;	/* records completed so far */
	uint64_t grown_at;	/* lineno when the buffer last grew */
	struct reader_stats stats;
	struct diag *diag;

	/* Records of several lines (record_group.h), or NULL for lines.
	 * buf[pos, gathered) holds the lines gathered into the record so far,
	 * each with its terminator, and buf[gathered, scan) no terminator. */
	struct record_rule *rule;
	size_t gathered;
	uint64_t gathered_lines;
	int ended;		/* the record is complete: buf[pos, ended_at),
				 * then ended_eol */
	size_t ended_at;
	int ended_eol;
	int ended_cr;		/* ended_at is a terminator's: --crlf may
				 * take a \r before it off */
	int dropping;		/* the rest of a long record is being dropped
				 * (--long-lines truncate or skip) */
	int long_record;	/* the record being gathered was found long,
				 * and counted so */
	int waited;		/* the source waited --record-timeout in
				 * vain */
	char *joined;		/* --crlf: a record without the \r of its
				 * inner line ends, at most --max-line */
	size_t joined_capacity;

	/* A memory reader's (reader_new_memory): buf is its caller's, and
	 * the line loaded with reader_load_line, when holding. */
	struct line held;
	int holding;
	void (*on_read)(void *, uint64_t file_bytes);	/* --progress */
	uint64_t file_bytes_closed;	/* of the FILEs already read */
	void *on_read_context;
	reader_before_fn *before;	/* reader_start_where's, or NULL */
	void *before_context;
};

/* The number, within its FILE, of the record being read. */
static uint64_t
reader_line_in_file(const struct reader *reader)
{
	return reader->lineno + 1 - reader->source->lines_before;
}

static void
reader_close(struct reader *reader)
{
	if (reader->input != NULL) {
		reader->file_bytes_closed += reader->input->file_bytes;
		source_close(reader->input);
	}
	reader->input = NULL;
}

/* bisect_before_fn: the first stage's question, about the FILE being
 * opened. */
static int
reader_ask_before(void *context, const char *record, size_t len)
{
	struct reader *reader = context;

	if (reader->crlf && len > 0 && record[len - 1] == '\r')
		len--;
	return reader->before(reader->before_context, reader->source, record,
	    len);
}

/* reader_start_where: a plain regular FILE just opened starts where the
 * bisection says, read through the buffer, which holds nothing yet. A
 * read error there leaves the FILE to be read from its start, where the
 * error will come again and be reported as any other. */
static int
reader_bisect(struct reader *reader)
{
	int fd = source_regular_fd(reader->input);
	struct bisect_result found;
	struct stat status;

	if (reader->before == NULL || fd < 0 || fstat(fd, &status) != 0 ||
	    reader->pos != reader->end)
		return 0;
	reader->pos = reader->scan = reader->end = 0;
	if (bisect_file(fd, (uint64_t)status.st_size, reader->terminator,
	    reader->buf, reader->buffer_size, reader_ask_before, reader,
	    &found) != 0)
		return 0;
	reader->stats.bytes_probed += found.probed;
	reader->stats.probe_reads += found.reads;
	if (found.offset == 0)
		return 0;
	if (reader->input->ops->start_at(reader->input, found.offset,
	    reader->diag) != 0)
		return -1;
	reader->stats.bytes_skipped += found.offset;
	return 0;
}

static int
reader_open_next(struct reader *reader)
{
	struct line_source *source = &reader->sources[reader->next_path];
	const char *path = reader->paths[reader->next_path++];

	reader->at_eof = 0;
	reader->damaged = 0;
	source->name = strcmp(path, "-") == 0 ? "(standard input)" : path;
	source->lines_before = reader->lineno;
	reader->source = source;
	reader->input = reader->settings->follow != FOLLOW_NONE &&
	    reader->next_path == reader->path_count
	    ? source_open_followed(path, reader->settings, reader->diag)
	    : source_open(path, reader->settings, reader->diag);
	if (reader->input == NULL)
		return -1;
	if (reader_bisect(reader) != 0) {
		reader_close(reader);
		return -1;
	}
	return 0;
}

/* Moves the unconsumed tail to the front and sizes the buffer for the
 * record in it: grown when it fills the buffer, shrunk back when it fits. */
static int
reader_make_room(struct reader *reader)
{
	size_t tail = reader->end - reader->pos;
	size_t wanted = reader->capacity;
	char *grown;

	if (reader->pos > 0) {
		memmove(reader->buf, reader->buf + reader->pos, tail);
		reader->scan -= reader->pos;
		reader->gathered -= reader->pos;
		reader->pos = 0;
		reader->end = tail;
	}
	if (tail == reader->capacity) {
		size_t limit = reader->max_line + 1;

		wanted = reader->capacity <= limit / 2 ? reader->capacity * 2
		    : limit;
		reader->grown_at = reader->lineno;
	} else if (reader->capacity > reader->buffer_size &&
	    tail < reader->buffer_size &&
	    reader->lineno - reader->grown_at >= READER_SHRINK_AFTER) {
		wanted = reader->buffer_size;
	}
	if (wanted == reader->capacity)
		return 0;
	grown = realloc(reader->buf, wanted);
	if (grown == NULL)
		return diag_fail(reader->diag, "%s:%llu: out of memory for a "
		    "%zu-byte line", reader->source->name,
		    (unsigned long long)reader_line_in_file(reader), wanted);
	reader->buf = grown;
	reader->capacity = wanted;
	return 0;
}

/* A caught signal ends the run. Under --follow it ends the stream as an
 * end of input would (the stages finish, -c and -t print), so the last
 * FILE ends here and no other is opened; otherwise it is an error. */
static int
reader_stopped(struct reader *reader)
{
	if (!signals_caught())
		return 0;
	if (reader->settings->follow == FOLLOW_NONE)
		return signals_check(reader->diag) != 0;
	reader->at_eof = 1;
	reader->damaged = 0;
	reader->next_path = reader->path_count;
	return 1;
}

/* Reads once into the free end of the buffer. 0 when data came or the FILE
 * ended (at_eof), -1 on a fatal error. A read error or damaged compressed
 * data ends that FILE only (the source has reported it). A caught signal
 * (signals.h) stops the run: it is looked for before each read, and a
 * read blocked in the kernel returns early when one arrives. */
static int
reader_fill(struct reader *reader)
{
	ssize_t got;

	if (reader_make_room(reader) != 0)
		return -1;
	if (reader_stopped(reader))
		return reader->settings->follow != FOLLOW_NONE ? 0 : -1;
	reader->input->wait_ms = reader->rule != NULL &&
	    reader->settings->follow != FOLLOW_NONE &&
	    reader->gathered_lines > 0
	    ? (int)reader->settings->record_timeout_ms : -1;
	got = source_read(reader->input, reader->buf + reader->end,
	    reader->capacity - reader->end, reader->diag);
	if (got <= 0 && reader_stopped(reader))
		return reader->settings->follow != FOLLOW_NONE ? 0 : -1;
	if (got == SOURCE_WAITED) {
		reader->waited = 1;
	} else if (got < 0) {
		reader->at_eof = 1;
		reader->damaged = 1;
	} else if (got == 0) {
		reader->at_eof = 1;
	} else {
		reader->end += (size_t)got;
		reader->stats.bytes_read += (uint64_t)got;
		reader->stats.file_bytes = reader->file_bytes_closed +
		    reader->input->file_bytes;
		/* Progress is measured against the FILEs' sizes. */
		if (reader->on_read != NULL)
			reader->on_read(reader->on_read_context,
			    reader->stats.file_bytes);
	}
	return 0;
}

static void
reader_emit(struct reader *reader, struct line *out, size_t len, int eol)
{
	out->ptr = reader->buf + reader->pos;
	out->len = len;
	out->lineno = reader->lineno + 1;
	out->source = reader->source;
	out->eol = eol;
}

/* A record is longer than --max-line: its first len bytes (all of it when
 * complete, else all we hold) are at pos. Returns 1 when a line was
 * emitted, 0 when the caller should look for the next record, -1 on fail. */
static int
reader_long_record(struct reader *reader, struct line *out, size_t len,
    int complete)
{
	static const char *const action[] = {
		"failed", "split", "truncated", "skipped"
	};

	if (reader->policy == LONG_LINES_FAIL)
		return diag_fail(reader->diag, "%s:%llu: line longer than "
		    "--max-line=%zu bytes (see --long-lines)", reader->source->name,
		    (unsigned long long)reader_line_in_file(reader),
		    reader->max_line);
	if (!reader->warned) {
		reader->warned = 1;
		diag_warn(reader->diag, "%s:%llu: line longer than "
		    "--max-line=%zu bytes %s (warned once)", reader->source->name,
		    (unsigned long long)reader_line_in_file(reader),
		    reader->max_line, action[reader->policy]);
	}
	if (reader->long_counted != reader->lineno + 1) {
		reader->long_counted = reader->lineno + 1;
		reader->stats.long_lines++;
	}
	switch (reader->policy) {
	case LONG_LINES_SPLIT:
		/* The piece keeps the record's line number; the rest of the
		 * record comes as the next line. */
		reader_emit(reader, out, reader->max_line, LINE_END_PLAIN);
		reader->pos += reader->max_line;
		reader->scan = reader->pos;
		return 1;
	case LONG_LINES_TRUNCATE:
		reader_emit(reader, out, reader->max_line, LINE_END_PLAIN);
		break;
	default:
		break;
	}
	if (complete) {
		reader->pos += len + 1;
		reader->lineno++;
	} else {
		reader->discarding = 1;
		reader->pos = reader->end;
	}
	reader->scan = reader->pos;
	return reader->policy == LONG_LINES_TRUNCATE;
}

/* The current FILE has ended with len unterminated bytes at pos. */
static int
reader_last_record(struct reader *reader, struct line *out, size_t len)
{
	/* Only the very last FILE's missing terminator is kept, as sed
	 * does: records of earlier FILEs are complete lines. */
	int eol = reader->next_path < reader->path_count ? LINE_END_PLAIN
	    : LINE_END_NONE;

	if (len > reader->max_line)
		return reader_long_record(reader, out, len, 0);
	reader_emit(reader, out, len, eol);
	reader->pos = reader->scan = reader->end;
	reader->lineno++;
	return 1;
}


/* --crlf and a record of several lines: its lines without the \r before
 * their terminators, in the joined buffer (the sink puts each back). */
static const char *
reader_join_crlf(struct reader *reader, const char *record, size_t *len)
{
	size_t from = 0, to = 0;

	if (reader->joined_capacity < *len) {
		char *grown = realloc(reader->joined, *len);

		if (grown == NULL)
			return NULL;
		reader->joined = grown;
		reader->joined_capacity = *len;
	}
	while (from < *len) {
		const char *eol = memchr(record + from, '\n', *len - from);
		size_t piece = eol != NULL ? (size_t)(eol - record) - from
		    : *len - from;
		size_t kept = eol != NULL && piece > 0 &&
		    record[from + piece - 1] == '\r' ? piece - 1 : piece;

		memcpy(reader->joined + to, record + from, kept);
		to += kept;
		from += piece;
		if (eol != NULL) {
			reader->joined[to++] = '\n';
			from++;
		}
	}
	*len = to;
	return reader->joined;
}

/* Hands out buf[pos, pos + len) as a record ending with eol; take_cr:
 * it ends at a terminator, so --crlf takes a \r before it off. */
static int
reader_emit_record(struct reader *reader, struct line *out, size_t len,
    int eol, int take_cr)
{
	const char *start = reader->buf + reader->pos;

	if (reader->crlf && take_cr && len > 0 && start[len - 1] == '\r') {
		len--;
		eol = LINE_END_CRLF;
	}
	if (reader->crlf && memchr(start, '\n', len) != NULL) {
		start = reader_join_crlf(reader, start, &len);
		if (start == NULL)
			return diag_fail(reader->diag, "%s:%llu: out of memory "
			    "for a %zu-byte record", reader->source->name,
			    (unsigned long long)reader_line_in_file(reader),
			    len);
	}
	out->ptr = start;
	out->len = len;
	out->lineno = reader->lineno + 1;
	out->source = reader->source;
	out->eol = eol;
	return 1;
}

/* The lines gathered so far have been handed out or dropped. */
static void
reader_pass_gathered(struct reader *reader)
{
	reader->lineno += reader->gathered_lines;
	reader->stats.lines += reader->gathered_lines;
	reader->gathered_lines = 0;
	reader->pos = reader->gathered;
}

/* The record being gathered at pos is longer than --max-line (complete
 * when ended, else all that is held of it): --long-lines decides, as for
 * a long line. 1 when a record was handed out, 0 when the caller should
 * go on, -1 on fail. */
static int
reader_long_group(struct reader *reader, struct line *out)
{
	static const char *const action[] = {
		"failed", "split", "truncated", "skipped"
	};
	size_t cut = reader->pos + reader->max_line;
	uint64_t lines;

	if (reader->policy == LONG_LINES_FAIL)
		return diag_fail(reader->diag, "%s:%llu: record longer than "
		    "--max-line=%zu bytes (see --long-lines)",
		    reader->source->name,
		    (unsigned long long)reader_line_in_file(reader),
		    reader->max_line);
	if (!reader->warned) {
		reader->warned = 1;
		diag_warn(reader->diag, "%s:%llu: record longer than "
		    "--max-line=%zu bytes %s (warned once)",
		    reader->source->name,
		    (unsigned long long)reader_line_in_file(reader),
		    reader->max_line, action[reader->policy]);
	}
	if (!reader->long_record) {
		reader->long_record = 1;
		reader->stats.long_lines++;
	}
	if (reader->policy != LONG_LINES_SKIP &&
	    reader_emit_record(reader, out, reader->max_line, LINE_END_PLAIN,
	    0) < 0)
		return -1;
	/* The lines that end inside the piece are passed; the one it cuts
	 * goes on past it. */
	lines = byte_count(reader->buf + reader->pos, reader->max_line,
	    reader->terminator);
	reader->lineno += lines;
	reader->stats.lines += lines;
	reader->gathered_lines -= lines;
	reader->pos = cut;
	if (reader->gathered < cut) {
		/* The cut fell in the line being read: its rest follows. */
		reader->gathered = cut;
		if (reader->scan < cut)
			reader->scan = cut;
		reader->discarding = reader->policy != LONG_LINES_SPLIT;
	}
	if (reader->policy != LONG_LINES_SPLIT)
		reader->dropping = 1;
	return reader->policy != LONG_LINES_SKIP;
}

/* The record being gathered is complete: buf[pos, pos + len), then eol.
 * Hands it out (or what --long-lines makes of it). */
static int
reader_hand_record(struct reader *reader, struct line *out, size_t len,
    int eol, int take_cr)
{
	if (len > reader->max_line) {
		reader->ended = 1;
		reader->ended_at = reader->pos + len;
		reader->ended_eol = eol;
		reader->ended_cr = take_cr;
		return reader_long_group(reader, out);
	}
	if (reader_emit_record(reader, out, len, eol, take_cr) < 0)
		return -1;
	reader->ended = 0;
	reader->long_record = 0;
	reader_pass_gathered(reader);
	return 1;
}

/* The pending record, every line of which is gathered, is complete. */
static int
reader_hand_gathered(struct reader *reader, struct line *out)
{
	return reader_hand_record(reader, out,
	    reader->gathered - 1 - reader->pos, LINE_END_PLAIN, 1);
}

/* The verdict of the rule on buf[gathered, gathered + len), a line
 * without its terminator (the \r before it is not the line's under
 * --crlf); first: unless dropping, when no line is gathered. */
static int
reader_verdict(struct reader *reader, size_t len)
{
	const char *line = reader->buf + reader->gathered;

	if (reader->crlf && len > 0 && line[len - 1] == '\r')
		len--;
	return record_rule_verdict(reader->rule, line, len,
	    reader->gathered_lines == 0 && !reader->dropping, reader->source,
	    reader->lineno + reader->gathered_lines + 1 -
	    reader->source->lines_before, reader->diag);
}

/* Drops what is held of a line of a long record being dropped, but for
 * its last bytes (up to half --max-line), so that an end rule can test
 * where the line ends when its terminator comes. */
static void
reader_discard_held(struct reader *reader)
{
	size_t keep = reader->end - reader->gathered;

	if (keep > reader->max_line / 2)
		keep = reader->max_line / 2;
	reader->pos = reader->gathered = reader->end - keep;
	reader->scan = reader->end;
}

/* The line at gathered, found complete (len bytes before its terminator),
 * while a long record is dropped: 1 when dropping goes on past it, 0 when
 * the line starts the next record, -1 on an error. */
static int
reader_drop_line(struct reader *reader, size_t len)
{
	int verdict;

	if (reader->discarding) {
		/* The rest of a line cut by --max-line: only its end is left
		 * to test, which is what an end rule looks at. */
		reader->discarding = 0;
		verdict = reader->rule->mode == RECORDS_END
		    ? reader_verdict(reader, len) : RECORD_JOINS;
	} else {
		verdict = reader_verdict(reader, len);
	}
	if (verdict < 0)
		return -1;
	if (verdict == RECORD_STARTS) {
		reader->dropping = 0;
		reader->long_record = 0;
		return 0;
	}
	reader->gathered = reader->scan = reader->gathered + len + 1;
	reader->gathered_lines++;
	reader_pass_gathered(reader);
	if (verdict == RECORD_ENDS) {
		reader->dropping = 0;
		reader->long_record = 0;
	}
	return 1;
}

/* No terminator after gathered, and the record with the line being read
 * is longer than --max-line: that line cannot be held whole, so its
 * first bytes say whether it starts a record (a start or continuation
 * pattern looks at where a line begins). 1 when a record was handed
 * out, 0 to go on, -1 on an error. */
static int
reader_line_too_long(struct reader *reader, struct line *out)
{
	int verdict = RECORD_JOINS;

	if ((reader->dropping || reader->gathered_lines > 0) &&
	    reader->rule->mode != RECORDS_END) {
		verdict = reader_verdict(reader, reader->end -
		    reader->gathered);
		if (verdict < 0)
			return -1;
	}
	if (reader->dropping) {
		if (verdict == RECORD_STARTS) {
			reader->dropping = 0;
			reader->long_record = 0;
		} else {
			reader->discarding = 1;
			reader_discard_held(reader);
		}
		return 0;
	}
	if (verdict == RECORD_STARTS)
		return reader_hand_gathered(reader, out);
	return reader_long_group(reader, out);
}

/* The FILE has ended (or a memory reader's block): what is left of it is
 * the pending record, and perhaps a last line with no terminator. 1 when
 * a record was handed out, 0 when nothing is left, -1 on an error. */
static int
reader_file_end(struct reader *reader, struct line *out)
{
	size_t tail;
	int verdict;

	if (reader->discarding) {
		/* The FILE ended a line cut by --max-line. */
		reader->discarding = 0;
		reader->lineno++;
		reader->stats.lines++;
		reader->pos = reader->gathered = reader->scan = reader->end;
	}
	if (reader->dropping) {
		if (reader->end > reader->gathered)
			reader->gathered_lines++;
		reader->gathered = reader->end;
		reader_pass_gathered(reader);
		reader->dropping = 0;
		reader->long_record = 0;
	}
	tail = reader->end - reader->gathered;
	if (tail == 0)
		return reader->gathered_lines > 0
		    ? reader_hand_gathered(reader, out) : 0;
	verdict = reader_verdict(reader, tail);
	if (verdict < 0)
		return -1;
	if (verdict == RECORD_STARTS)
		return reader_hand_gathered(reader, out);
	/* Only the very last FILE's missing terminator is kept, as sed
	 * does: records of earlier FILEs are complete lines. */
	reader->gathered = reader->scan = reader->end;
	reader->gathered_lines++;
	return reader_hand_record(reader, out, reader->end - reader->pos,
	    reader->next_path < reader->path_count ? LINE_END_PLAIN
	    : LINE_END_NONE, 0);
}

/* reader_next with records of several lines: gathers lines by the rule,
 * as views into the buffer, until one starts the next record, ends this
 * one, or the FILE ends. */
static int
reader_next_record(struct reader *reader, struct line *out)
{
	for (;;) {
		char *line = reader->buf + reader->gathered;
		char *found;
		int result;

		if (reader->dropping) {
			reader_pass_gathered(reader);
			if (reader->ended) {
				reader->ended = 0;
				reader->dropping = 0;
				reader->long_record = 0;
			}
		}
		if (reader->ended) {
			result = reader_hand_record(reader, out,
			    reader->ended_at - reader->pos, reader->ended_eol,
			    reader->ended_cr);
			if (result != 0)
				return result;
			continue;
		}
		if (reader->gathered > reader->pos &&
		    reader->gathered - 1 - reader->pos > reader->max_line) {
			/* Longer than --max-line before its end is known. */
			result = reader_long_group(reader, out);
			if (result != 0)
				return result;
			continue;
		}
		found = memchr(reader->buf + reader->scan, reader->terminator,
		    reader->end - reader->scan);
		if (found != NULL) {
			size_t len = (size_t)(found - line);

			if (reader->dropping || reader->discarding) {
				if (reader_drop_line(reader, len) < 0)
					return -1;
				continue;
			}
			result = reader_verdict(reader, len);
			if (result < 0)
				return -1;
			if (result == RECORD_STARTS) {
				reader->scan = reader->gathered;
				return reader_hand_gathered(reader, out);
			}
			reader->gathered = reader->scan = reader->gathered +
			    len + 1;
			reader->gathered_lines++;
			if (result == RECORD_ENDS)
				return reader_hand_gathered(reader, out);
			continue;
		}
		reader->scan = reader->end;
		if (reader->discarding) {
			reader_discard_held(reader);
		} else if (reader->end - reader->pos > reader->max_line) {
			result = reader_line_too_long(reader, out);
			if (result != 0)
				return result;
			continue;
		}
		if (reader->input == NULL || reader->at_eof) {
			if (reader->input != NULL) {
				reader_close(reader);
				if (reader->damaged) {
					/* The line being read was lost with
					 * the damage. */
					reader->end = reader->scan =
					    reader->gathered;
					reader->discarding = 0;
				}
			}
			result = reader_file_end(reader, out);
			if (result != 0)
				return result;
			if (reader->next_path == reader->path_count)
				return 0;
			if (reader_open_next(reader) != 0 &&
			    signals_check(reader->diag) != 0)
				return -1;
			continue;
		}
		if (reader->waited && reader->gathered_lines > 0 &&
		    !reader->dropping) {
			/* --record-timeout: no line came after the record. */
			reader->waited = 0;
			return reader_hand_gathered(reader, out);
		}
		reader->waited = 0;
		if (reader_fill(reader) != 0)
			return -1;
	}
}

static int
reader_next(struct stage *stage, struct line *out)
{
	struct reader *reader = (struct reader *)stage;

	/* Every line the reader hands out is its own: no context group's
	 * gap before it, whichever path below fills the rest. */
	out->after_gap = 0;
	out->fields = NULL;
	if (reader->rule != NULL)
		return reader_next_record(reader, out);

	for (;;) {
		char *start = reader->buf + reader->pos;
		char *found = memchr(reader->buf + reader->scan,
		    reader->terminator, reader->end - reader->scan);
		int result;

		if (found != NULL) {
			size_t len = (size_t)(found - start);

			if (reader->discarding) {
				reader->discarding = 0;
				reader->pos = reader->scan = reader->pos + len + 1;
				reader->lineno++;
				continue;
			}
			if (len > reader->max_line) {
				result = reader_long_record(reader, out, len, 1);
				if (result != 0)
					return result;
				continue;
			}
			reader->pos = reader->scan = reader->pos + len + 1;
			out->eol = LINE_END_PLAIN;
			if (reader->crlf && len > 0 && start[len - 1] == '\r') {
				len--;
				out->eol = LINE_END_CRLF;
			}
			out->ptr = start;
			out->len = len;
			out->lineno = ++reader->lineno;
			out->source = reader->source;
			return 1;
		}
		reader->scan = reader->end;
		if (reader->discarding)
			reader->pos = reader->scan = reader->end;
		if (!reader->discarding &&
		    reader->end - reader->pos > reader->max_line) {
			result = reader_long_record(reader, out,
			    reader->end - reader->pos, 0);
			if (result != 0)
				return result;
			continue;
		}
		if (reader->input == NULL || reader->at_eof) {
			size_t left = reader->end - reader->pos;

			if (reader->input != NULL) {
				reader_close(reader);
				if (reader->damaged) {
					/* Not a record: the rest of it was
					 * lost with the damage. */
					reader->discarding = 0;
					reader->pos = reader->scan =
					    reader->end;
				} else if (reader->discarding) {
					reader->discarding = 0;
					reader->lineno++;
				} else if (left > 0) {
					return reader_last_record(reader, out,
					    left);
				}
			}
			if (reader->next_path == reader->path_count)
				return 0;
			if (reader_open_next(reader) != 0 &&
			    signals_check(reader->diag) != 0)
				return -1;
			continue;
		}
		if (reader_fill(reader) != 0)
			return -1;
	}
}

/* stage_ops.skip_file: the FILE of the last record handed out is closed,
 * and what the buffer holds of it dropped, unread; reader_next opens the
 * next FILE when it is asked for a record. Records never handed out are
 * not counted, so the next FILE's numbers follow the last one that was.
 * A FILE that has already ended (its last record, unterminated, was
 * handed out) is closed already and its buffer empty: nothing is lost. */
static int
reader_skip_file(struct stage *stage)
{
	struct reader *reader = (struct reader *)stage;

	/* A long record handed out in part (a split piece, a truncated
	 * head) is a line all the same, as its end would have made it. */
	if (reader->long_counted == reader->lineno + 1)
		reader->lineno++;
	reader_close(reader);
	reader->discarding = 0;
	reader->pos = reader->scan = reader->end = 0;
	/* A record being gathered was never handed out. */
	reader->gathered = 0;
	reader->gathered_lines = 0;
	reader->ended = reader->dropping = reader->long_record = 0;
	reader->waited = 0;
	return 1;
}

static void
reader_free(struct stage *stage)
{
	struct reader *reader = (struct reader *)stage;

	reader_close(reader);
	record_rule_free(reader->rule);
	free(reader->joined);
	free(reader->sources);
	free(reader->buf);
	free(reader);
}

static void
reader_describe(const struct stage *stage, struct describe_out *out)
{
	const struct reader *reader = (const struct reader *)stage;
	char buffer[32], max_line[32];

	if (reader->path_count == 1 && strcmp(reader->paths[0], "-") == 0)
		describe_add(out, "standard input");
	else
		for (size_t i = 0; i < reader->path_count; i++)
			describe_add(out, "%s", strcmp(reader->paths[i], "-")
			    == 0 ? "(standard input)" : reader->paths[i]);
	size_option_text(buffer, sizeof buffer, reader->settings->buffer_size);
	size_option_text(max_line, sizeof max_line, reader->max_line);
	describe_add(out, "buffer %s, max-line %s, long lines: %s", buffer,
	    max_line, long_line_policy_names[reader->policy]);
	describe_add(out, "records end with %s%s",
	    reader->terminator == '\n' ? "\\n" : "NUL",
	    reader->crlf ? " (a \\r before it taken off: --crlf)" : "");
	if (reader->rule != NULL)
		record_rule_describe(reader->rule, out);
	describe_add(out, "%s", reader->settings->decompress == DECOMPRESS_NONE
	    ? "compressed FILEs read as they are (--decompress=none)"
	    : "gzip, zstd, xz, bzip2 FILEs decompressed (known by their first "
	    "bytes)");
	if (reader->settings->follow != FOLLOW_NONE)
		describe_add(out, "the last FILE followed as it grows, from its "
		    "%s (--follow)", reader->settings->follow == FOLLOW_END
		    ? "end" : "start");
}

/* With no stage after it, whole blocks of records go from the buffer to
 * the sink; reader_next handles what blocks cannot (the last record, long
 * records, the next FILE). */
static int
reader_next_block(struct stage *stage, struct line *out,
    struct stage_block *block)
{
	const struct reader *reader = (const struct reader *)stage;

	/* Under --crlf the lines of a record go out with \r\n, whether or
	 * not they came with it: record by record, through the sink. */
	if (reader->rule != NULL && reader->crlf)
		return stage_next(stage, out);
	block->len = reader_block(stage, &block->bytes);
	if (block->len == 0)
		return stage_next(stage, out);
	block->lines = reader_skip(stage, block->len);
	return STAGE_BLOCK;
}

static const struct stage_ops reader_ops = {
	.name = "read",
	.flags = 0,
	.next = reader_next,
	.free = reader_free,
	.describe = reader_describe,
	.next_block = reader_next_block,
	.skip_file = reader_skip_file,
};

static int
memory_next(struct stage *stage, struct line *out)
{
	struct reader *reader = (struct reader *)stage;

	if (reader->holding) {
		reader->holding = 0;
		*out = reader->held;
		return 1;
	}
	return reader_next(stage, out);
}

static void
memory_free(struct stage *stage)
{
	struct reader *reader = (struct reader *)stage;

	record_rule_free(reader->rule);
	free(reader->joined);
	free(reader);
}

static const struct stage_ops memory_ops = {
	.name = "read",
	.flags = 0,
	.next = memory_next,
	.free = memory_free,
};

int
reader_start_where(struct stage *stage, reader_before_fn *before,
    void *context)
{
	struct reader *reader = (struct reader *)stage;

	if (stage->ops != &reader_ops)
		return 0;
	reader->before = before;
	reader->before_context = context;
	return 1;
}

int
reader_is(const struct stage *stage)
{
	return stage->ops == &reader_ops || stage->ops == &memory_ops;
}

/* Records of several lines: where in buf[pos, pos + room) the last
 * record that ends there ends (just before a line that starts one, or
 * just after a line that ends one), found by testing lines from the end;
 * 0 when none does, or the reader is in the middle of a record. A match
 * error is taken for no boundary: reader_next meets it and says so. */
static size_t
reader_records_cut(struct reader *reader, size_t room)
{
	const char *start = reader->buf + reader->pos;
	const char *line_end;

	if (reader->gathered != reader->pos || reader->gathered_lines > 0 ||
	    reader->ended || reader->dropping || reader->long_record)
		return 0;
	line_end = memrchr(start, reader->terminator, room);
	while (line_end != NULL) {
		const char *line_start = memrchr(start, reader->terminator,
		    (size_t)(line_end - start));
		size_t len;
		int matched;

		line_start = line_start != NULL ? line_start + 1 : start;
		len = (size_t)(line_end - line_start);
		if (reader->crlf && len > 0 && line_start[len - 1] == '\r')
			len--;
		matched = reader->rule->matches(reader->rule->context,
		    line_start, len);
		if (matched < 0)
			return 0;
		if (reader->rule->mode == RECORDS_END && matched)
			return (size_t)(line_end + 1 - start);
		if (line_start > start && reader->rule->mode != RECORDS_END &&
		    matched == (reader->rule->mode == RECORDS_START))
			return (size_t)(line_start - start);
		line_end = line_start > start ? line_start - 1 : NULL;
	}
	return 0;
}

/* How many records of several lines buf[pos, pos + len), a block from
 * reader_block, holds: its first line starts one, and every line the
 * rule says starts (or follows an end) another. */
static uint64_t
reader_count_records(const struct reader *reader, size_t len)
{
	const char *at = reader->buf + reader->pos, *end = at + len;
	uint64_t records = 0;
	int starts = 1;

	while (at < end) {
		const char *eol = memchr(at, reader->terminator,
		    (size_t)(end - at));
		size_t line = (size_t)(eol - at);
		int matched;

		if (reader->crlf && line > 0 && at[line - 1] == '\r')
			line--;
		matched = reader->rule->matches(reader->rule->context, at,
		    line);
		if (!starts && reader->rule->mode != RECORDS_END)
			starts = matched == (reader->rule->mode ==
			    RECORDS_START);
		records += (uint64_t)starts;
		starts = reader->rule->mode == RECORDS_END && matched > 0;
		at = eol + 1;
	}
	return records;
}

/* A record in the buffer is never longer than the buffer minus its
 * terminator, and the buffer only grows past --buffer-size to hold
 * --max-line + 1 bytes: so when --max-line is at least --buffer-size, no
 * complete record in it can be too long. */
size_t
reader_block(struct stage *stage, const char **block)
{
	struct reader *reader = (struct reader *)stage;
	const char *last;

	if (reader->discarding || reader->max_line < reader->buffer_size ||
	    reader->end == reader->pos)
		return 0;
	*block = reader->buf + reader->pos;
	if (reader->rule != NULL)
		return reader_records_cut(reader, reader->end - reader->pos);
	last = memrchr(reader->buf + reader->pos, reader->terminator,
	    reader->end - reader->pos);
	if (last == NULL)
		return 0;
	return (size_t)(last + 1 - *block);
}

size_t
reader_block_cut(struct stage *stage, size_t room)
{
	struct reader *reader = (struct reader *)stage;
	const char *last;

	if (reader->rule != NULL)
		return reader_records_cut(reader, room);
	last = memrchr(reader->buf + reader->pos, reader->terminator, room);
	return last != NULL ? (size_t)(last + 1 - (reader->buf + reader->pos))
	    : 0;
}

uint64_t
reader_skip(struct stage *stage, size_t len)
{
	struct reader *reader = (struct reader *)stage;
	uint64_t lines = byte_count(reader->buf + reader->pos, len,
	    reader->terminator);
	uint64_t records = reader->rule != NULL
	    ? reader_count_records(reader, len) : lines;

	reader->pos += len;
	if (reader->scan < reader->pos)
		reader->scan = reader->pos;
	if (reader->rule != NULL) {
		reader->gathered = reader->pos;
		reader->stats.lines += lines;
	}
	reader->lineno += lines;
	stage->stats.lines_out += records;
	stage->stats.bytes_out += len;
	return records;
}

/* What every reader, over FILEs or over memory, takes from the settings. */
static void
reader_take_settings(struct reader *reader, const struct settings *settings,
    struct diag *diag)
{
	reader->input = NULL;
	reader->settings = settings;
	reader->buffer_size = settings->buffer_size;
	reader->max_line = settings->max_line;
	reader->policy = settings->long_lines;
	reader->terminator = settings->terminator;
	reader->crlf = settings->crlf && settings->terminator == '\n';
	reader->diag = diag;
}

struct stage *
reader_new(char *const *paths, size_t count, const struct settings *settings,
    struct diag *diag)
{
	struct reader *reader = calloc(1, sizeof *reader);

	if (reader == NULL)
		return NULL;
	reader->stage.ops = &reader_ops;
	if (count == 0) {
		paths = (char *const *)standard_input;
		count = 1;
	}
	reader->paths = paths;
	reader->path_count = count;
	reader_take_settings(reader, settings, diag);
	reader->capacity = settings->buffer_size;
	reader->buf = malloc(reader->capacity);
	reader->sources = calloc(count, sizeof *reader->sources);
	if (reader->buf == NULL || reader->sources == NULL) {
		free(reader->buf);
		free(reader->sources);
		free(reader);
		return NULL;
	}
	return &reader->stage;
}

int
reader_refill(struct stage *stage)
{
	struct reader *reader = (struct reader *)stage;

	/* A record as long as the buffer needs it grown, and the end of a
	 * FILE needs the next one opened: reader_next's work. */
	if (reader->discarding || reader->dropping ||
	    reader->input == NULL || reader->at_eof ||
	    reader->max_line < reader->buffer_size ||
	    reader->end - reader->pos >= reader->buffer_size)
		return 0;
	if (reader_fill(reader) != 0)
		return -1;
	return !reader->at_eof;
}

int
reader_buffer_size(struct stage *stage, size_t size)
{
	struct reader *reader = (struct reader *)stage;
	char *grown;

	if (size <= reader->buffer_size || reader->max_line < size)
		return 0;
	if (reader->capacity < size) {
		grown = realloc(reader->buf, size);
		if (grown == NULL)
			return 0;
		reader->buf = grown;
		reader->capacity = size;
	}
	reader->buffer_size = size;
	return 1;
}

char *
reader_trade(struct stage *stage, char *fresh, size_t *offset, size_t *len,
    uint64_t *records)
{
	struct reader *reader = (struct reader *)stage;
	char *traded = reader->buf;
	const char *block;
	size_t cut, tail;

	if (reader->capacity != reader->buffer_size ||
	    (*len = reader_block(stage, &block)) == 0)
		return NULL;
	*offset = reader->pos;
	*records = reader_skip(stage, *len);
	/* The unfinished record after the block starts the fresh buffer. */
	cut = reader->pos;
	tail = reader->end - cut;
	memcpy(fresh, traded + cut, tail);
	reader->buf = fresh;
	reader->scan -= cut;
	reader->gathered -= cut;
	reader->pos = 0;
	reader->end = tail;
	return traded;
}

const struct line_source *
reader_position(const struct stage *stage, uint64_t *records_before)
{
	const struct reader *reader = (const struct reader *)stage;

	*records_before = reader->lineno;
	return reader->source;
}

/* A memory reader is a reader with no FILE to open: when its block is
 * handed out, reader_next finds no terminator, no FILE, and ends. */
struct stage *
reader_new_memory(const struct settings *settings, struct diag *diag)
{
	struct reader *reader = calloc(1, sizeof *reader);

	if (reader == NULL)
		return NULL;
	reader->stage.ops = &memory_ops;
	reader->buf = (char *)no_bytes;	/* never written: no FILE */
	reader_take_settings(reader, settings, diag);
	return &reader->stage;
}

void
reader_load_block(struct stage *stage, const char *block, size_t len,
    uint64_t records_before, const struct line_source *source)
{
	struct reader *reader = (struct reader *)stage;

	reader->buf = (char *)block;	/* only read: no FILE, no refill */
	reader->capacity = reader->end = len;
	reader->pos = reader->scan = reader->gathered = 0;
	reader->gathered_lines = 0;
	reader->ended = reader->dropping = reader->long_record = 0;
	reader->lineno = records_before;
	reader->source = source;
	reader->holding = 0;
}

void
reader_load_line(struct stage *stage, const struct line *line)
{
	struct reader *reader = (struct reader *)stage;

	reader->pos = reader->scan = reader->end = reader->gathered = 0;
	reader->gathered_lines = 0;
	reader->held = *line;
	reader->holding = 1;
}

void
reader_group(struct stage *stage, struct record_rule *rule)
{
	struct reader *reader = (struct reader *)stage;

	record_rule_free(reader->rule);
	reader->rule = rule;
}

const struct reader_stats *
reader_stats(const struct stage *reader)
{
	return &((const struct reader *)reader)->stats;
}

size_t
reader_file_count(const struct stage *reader)
{
	return ((const struct reader *)reader)->path_count;
}

const char *
reader_file_path(const struct stage *reader, size_t i)
{
	return ((const struct reader *)reader)->paths[i];
}

void
reader_watch(struct stage *stage, void (*on_read)(void *, uint64_t),
    void *context)
{
	struct reader *reader = (struct reader *)stage;

	reader->on_read = on_read;
	reader->on_read_context = context;
}
