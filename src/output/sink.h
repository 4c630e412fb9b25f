/* sink.h: the end of the chain: lines into a large buffer, out with
 * write(2) in big blocks, or after every line when line-buffered. */
#ifndef SLUICE_SINK_H
#define SLUICE_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/settings.h"
#include "base/stage.h"

/* Output goes out in writes of this size, unless line-buffered. */
#define SINK_BUFFER_SIZE ((size_t)128 << 10)

#define SINK_CLOSED 1	/* the reader of our output has gone */

struct sink {
	int fd;
	const char *name;	/* for messages */
	char *buf;
	size_t len;
	size_t capacity;
	int line_buffered;
	char terminator;
	int crlf;		/* --crlf: a \n inside a record goes out as
				 * \r\n */
	uint64_t lines;		/* lines written */
	uint64_t bytes;		/* bytes handed to write(2) */
	/* Only the exit status can tell anything (-q, or the output is
	 * /dev/null): the first line written settles it, and the run may
	 * end there, as grep does (for /dev/null, not with --stats,
	 * --progress or --follow). */
	int first_line_ends_run;
	int discard;		/* -q: lines are counted, never written */
	/* Written, with a newline as grep writes it (even under -z), before
	 * a record that follows a gap (struct line's after_gap), unless it
	 * is the first record written; NULL: never (--no-group-separator). */
	const char *group_separator;
};

/* 0 on success, -1 when out of memory. */
int sink_init(struct sink *, int fd, const char *name,
    const struct settings *);

/* Each returns 0, SINK_CLOSED when the output pipe was closed (stop
 * quietly), or -1 on a write error, described in diag. */
int sink_write(struct sink *, const struct line *, struct diag *);
int sink_flush(struct sink *, struct diag *);
/* Writes bytes holding lines whole records, terminators included. */
int sink_write_block(struct sink *, const char *bytes, size_t len,
    uint64_t lines, struct diag *);

void sink_free(struct sink *);

#endif
