/* source.h: where the reader's bytes come from. A source is one FILE's
 * bytes as a stream, whatever keeps them: a plain file or pipe read
 * straight into the caller's buffer, or a compressed one decoded on a
 * thread of its own. The reader asks a source for bytes and never learns
 * which kind it has. */
#ifndef SLUICE_SOURCE_H
#define SLUICE_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/diag.h"
#include "base/settings.h"

struct source;

/* What every kind of source does; a new kind (a followed FILE) is one
 * more of these, built by its own constructor, and source_open.h picks
 * the kind for a FILE. */
struct source_ops {
	/* Up to cap bytes into buf: how many (> 0), 0 at the end of the
	 * stream, -1 on an error, already reported with diag_error naming
	 * the FILE; the source hands out nothing after an error. */
	ssize_t (*read)(struct source *, char *buf, size_t cap,
	    struct diag *);
	void (*close)(struct source *);
	/* A plain regular FILE's descriptor, to be read at any offset
	 * (pread) before the source hands out its first byte: the time
	 * window's bisection. -1 for every other kind (a pipe, standard
	 * input, a compressed or followed FILE); NULL is -1. */
	int (*regular_fd)(struct source *);
	/* After regular_fd: the source hands out the FILE's bytes from
	 * offset on. 0, or -1 with the error reported naming the FILE. */
	int (*start_at)(struct source *, uint64_t offset, struct diag *);
};

struct source {
	const struct source_ops *ops;
	const char *name;	/* for messages: the path, or
				 * "(standard input)" */
	uint64_t file_bytes;	/* the FILE's bytes, as stored, that what
				 * was handed out so far came from: the
				 * compressed bytes of a compressed FILE */
};

static inline ssize_t
source_read(struct source *source, char *buf, size_t cap, struct diag *diag)
{
	return source->ops->read(source, buf, cap, diag);
}

static inline int
source_regular_fd(struct source *source)
{
	return source->ops->regular_fd != NULL
	    ? source->ops->regular_fd(source) : -1;
}

/* Ends the source, its thread and its FILE (standard input stays open). */
static inline void
source_close(struct source *source)
{
	source->ops->close(source);
}

#endif
