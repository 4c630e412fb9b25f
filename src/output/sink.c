/* sink.c: the buffered writer. A line that does not fit the buffer is
 * written straight from where it lies, so a huge line costs no copy. */
#include <config.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/signals.h"
#include "output/sink.h"


static int
is_dev_null(int fd)
{
	struct stat out, null;

	return fstat(fd, &out) == 0 && S_ISCHR(out.st_mode) &&
	    stat("/dev/null", &null) == 0 && out.st_rdev == null.st_rdev;
}

int
sink_init(struct sink *sink, int fd, const char *name,
    const struct settings *settings)
{
	memset(sink, 0, sizeof *sink);
	sink->fd = fd;
	sink->name = name;
	sink->capacity = SINK_BUFFER_SIZE;
	sink->buf = malloc(sink->capacity);
	sink->terminator = settings->terminator;
	sink->crlf = settings->crlf && settings->terminator == '\n';
	sink->line_buffered =
	    settings->line_buffering == LINE_BUFFERED_ALWAYS || isatty(fd);
	/* -q, and output into /dev/null, want only to know whether a
	 * record comes; --stats and --progress want the whole run. */
	sink->discard = settings->quiet;
	sink->group_separator = settings->group_separator;
	sink->first_line_ends_run = settings->quiet ||
	    (settings->stats == STATS_OFF && !settings->progress &&
	    settings->follow == FOLLOW_NONE && is_dev_null(fd));
	return sink->buf == NULL ? -1 : 0;
}

static int
sink_write_all(struct sink *sink, const char *bytes, size_t len,
    struct diag *diag)
{
	while (len > 0) {
		ssize_t done = write(sink->fd, bytes, len);

		if (done < 0) {
			/* A blocked write returns EINTR when a signal that
			 * stops the run arrives (signals.h). */
			if (errno == EINTR && signals_check(diag) == 0)
				continue;
			if (errno == EINTR)
				return -1;
			if (errno == EPIPE)
				return SINK_CLOSED;
			return diag_fail(diag, "%s: write error: %s", sink->name,
			    strerror(errno));
		}
		if (done == 0)	/* never for len > 0, but never a busy loop */
			return diag_fail(diag, "%s: write error: nothing was "
			    "written", sink->name);
		bytes += done;
		len -= (size_t)done;
		sink->bytes += (uint64_t)done;
	}
	return 0;
}

int
sink_flush(struct sink *sink, struct diag *diag)
{
	size_t len = sink->len;

	sink->len = 0;
	return sink_write_all(sink, sink->buf, len, diag);
}

/* The group separator and its newline, into the buffer (or straight out,
 * for a separator longer than the buffer). */
static int
sink_write_separator(struct sink *sink, struct diag *diag)
{
	size_t len = strlen(sink->group_separator);
	int result = 0;

	if (len + 1 > sink->capacity - sink->len)
		result = sink_flush(sink, diag);
	if (result == 0 && len + 1 > sink->capacity)
		result = sink_write_all(sink, sink->group_separator, len,
		    diag);
	else if (result == 0 && len > 0) {
		memcpy(sink->buf + sink->len, sink->group_separator, len);
		sink->len += len;
	}
	if (result != 0)
		return result;
	if (sink->len == sink->capacity)
		result = sink_flush(sink, diag);
	if (result == 0)
		sink->buf[sink->len++] = '\n';
	return result;
}

/* Appends len bytes, or writes them from where they lie when they do not
 * fit the buffer, with room left after them for a line's ending. */
static int
sink_put(struct sink *sink, const char *bytes, size_t len, struct diag *diag)
{
	int result = 0;

	if (len + 2 > sink->capacity - sink->len)
		result = sink_flush(sink, diag);
	if (result == 0 && len + 2 > sink->capacity) {
		result = sink_write_all(sink, bytes, len, diag);
	} else if (result == 0 && len > 0) {
		memcpy(sink->buf + sink->len, bytes, len);
		sink->len += len;
	}
	return result;
}

/* --crlf: a record of several lines (or a replacement's new line) holds
 * its inner line ends as the terminator alone; each goes out as \r and
 * the terminator, as the lines came in. */
static int
sink_put_crlf(struct sink *sink, const char *bytes, size_t len,
    struct diag *diag)
{
	const char *inner;
	int result = 0;

	while (result == 0 && (inner = memchr(bytes, '\n', len)) != NULL) {
		size_t piece = (size_t)(inner - bytes);

		result = sink_put(sink, bytes, piece, diag);
		if (result == 0) {
			sink->buf[sink->len++] = '\r';
			sink->buf[sink->len++] = '\n';
		}
		bytes += piece + 1;
		len -= piece + 1;
	}
	return result == 0 ? sink_put(sink, bytes, len, diag) : result;
}

int
sink_write(struct sink *sink, const struct line *line, struct diag *diag)
{
	size_t ending = line->eol == LINE_END_CRLF ? 2
	    : line->eol == LINE_END_PLAIN ? 1 : 0;
	int result;

	if (sink->discard) {
		sink->lines++;
		return 0;
	}
	result = 0;
	if (line->after_gap && sink->group_separator != NULL &&
	    sink->lines > 0)
		result = sink_write_separator(sink, diag);
	sink->lines++;
	if (result != 0)
		return result;
	result = sink->crlf ? sink_put_crlf(sink, line->ptr, line->len, diag)
	    : sink_put(sink, line->ptr, line->len, diag);
	if (result != 0)
		return result;
	if (ending == 2)
		sink->buf[sink->len++] = '\r';
	if (ending > 0)
		sink->buf[sink->len++] = sink->terminator;
	return sink->line_buffered ? sink_flush(sink, diag) : 0;
}

int
sink_write_block(struct sink *sink, const char *bytes, size_t len,
    uint64_t lines, struct diag *diag)
{
	int result = 0;

	sink->lines += lines;
	if (sink->discard)
		return 0;
	/* A big block goes out from where it lies, as cat would send it,
	 * after what the buffer holds. */
	if (len > sink->capacity / 2 || len > sink->capacity - sink->len)
		result = sink_flush(sink, diag);
	if (result != 0)
		return result;
	if (len > sink->capacity / 2)
		return sink_write_all(sink, bytes, len, diag);
	memcpy(sink->buf + sink->len, bytes, len);
	sink->len += len;
	return sink->line_buffered ? sink_flush(sink, diag) : 0;
}

void
sink_free(struct sink *sink)
{
	free(sink->buf);
	sink->buf = NULL;
}
