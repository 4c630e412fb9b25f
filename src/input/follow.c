/* follow.c: the source of a FILE that is still being written (--follow):
 * at its end it waits for more instead of ending, as tail -F does, through
 * rotation (the name now names a new file: the old one is read to its end,
 * then the new one from its start) and truncation (the file shrank: read
 * on from its new start). The stream ends only when a signal is caught
 * (signals.h), as an end of input would. Waiting is inotify where the
 * system has it, a look once a second otherwise (and as well, for what
 * inotify does not report, such as a file system it does not watch).
 *
 * Rotation is where lines can be lost. A writer appends through its own
 * descriptor, so it may add to the old file after the rename, and even
 * after a new file was created under the name (logrotate's create, before
 * the writer reopens). So the old file is followed on while the new one
 * is empty; once the new one holds bytes, a writer that writes in order
 * has moved on, and the old file is read to its end once more, through
 * the fd already held, before it is closed. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef HAVE_SYS_INOTIFY_H
#include <sys/inotify.h>
#endif

#include "input/follow.h"
#include "base/signals.h"

/* The longest wait between two looks at the FILE, in milliseconds. */
#define FOLLOW_POLL_MS 1000

struct follow_source {
	struct source source;
	const char *path;
	int fd;
	dev_t device;
	ino_t inode;
	off_t offset;		/* bytes read from fd so far */
	int watch_fd;		/* inotify, or -1 */
	int next_fd;		/* the new file under the name, taken once fd
				 * is read to its end once more; or -1 */
	struct diag *diag;
};

static void
follow_watch(struct follow_source *follow)
{
#ifdef HAVE_SYS_INOTIFY_H
	char directory[PATH_MAX];
	const char *slash = strrchr(follow->path, '/');
	size_t length;

	if (follow->watch_fd < 0)
		return;
	(void)inotify_add_watch(follow->watch_fd, follow->path, IN_MODIFY |
	    IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF);
	/* The directory tells when a new file takes the name. */
	if (slash == NULL) {
		(void)inotify_add_watch(follow->watch_fd, ".",
		    IN_CREATE | IN_MOVED_TO);
		return;
	}
	length = slash == follow->path ? 1 : (size_t)(slash - follow->path);
	if (length >= sizeof directory)
		return;
	memcpy(directory, follow->path, length);
	directory[length] = '\0';
	(void)inotify_add_watch(follow->watch_fd, directory,
	    IN_CREATE | IN_MOVED_TO);
#else
	(void)follow;
#endif
}

/* Takes fd as the file the name now names. */
static void
follow_take(struct follow_source *follow, int fd)
{
	struct stat status;

	follow->fd = fd;
	follow->offset = 0;
	if (fstat(fd, &status) == 0) {
		follow->device = status.st_dev;
		follow->inode = status.st_ino;
	}
	follow_watch(follow);
}

/* Sleeps until inotify says something changed, a signal arrives, or
 * FOLLOW_POLL_MS pass; then drains the events (only their coming
 * matters). */
static void
follow_wait(struct follow_source *follow)
{
	struct pollfd wait = { follow->watch_fd, POLLIN, 0 };

	if (follow->watch_fd < 0) {
		(void)poll(NULL, 0, FOLLOW_POLL_MS);
		return;
	}
	if (poll(&wait, 1, FOLLOW_POLL_MS) > 0) {
		char events[4096];

		ssize_t got;

		do
			got = read(follow->watch_fd, events, sizeof events);
		while (got > 0);
	}
}

/* The name still names the file fd reads: has it shrunk? Then reads on
 * from its start, and returns 1; 0 when there is nothing to do. */
static int
follow_truncated(struct follow_source *follow)
{
	struct stat open_file;

	if (fstat(follow->fd, &open_file) != 0 ||
	    open_file.st_size >= follow->offset)
		return 0;
	diag_warn(follow->diag, "%s: file truncated, reading from its start",
	    follow->source.name);
	if (lseek(follow->fd, 0, SEEK_SET) == 0)
		follow->offset = 0;
	return 1;
}

/* The name names a new file, and named is what stat said of it. Once it
 * holds bytes, opens it as next_fd and returns 1, so that fd is read to
 * its end once more before the switch (fd's last read came before that
 * stat, and bytes may have come to it since); 0 while the new file is
 * empty. */
static int
follow_rotated(struct follow_source *follow, const struct stat *named)
{
	struct stat again;
	int fd;

	if (named->st_size == 0) {
		/* The writer may not have moved on yet: stay. Watch the new
		 * file too, so that its first bytes end the wait, and look
		 * again in case they came before the watch. */
		follow_watch(follow);
		if (stat(follow->path, &again) != 0 || again.st_size == 0)
			return 0;
	}
	fd = open(follow->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 0;
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	follow->next_fd = fd;
	return 1;
}

/* At the end of what fd holds: has the name moved on to a new file, or
 * has the file shrunk? Acts on it and returns 1 when there may be bytes
 * to read now, 0 when there is nothing to do but wait. */
static int
follow_look(struct follow_source *follow)
{
	struct stat named;

	if (follow->next_fd >= 0) {
		/* fd was read to its end after the new file was opened. */
		close(follow->fd);
		follow_take(follow, follow->next_fd);
		follow->next_fd = -1;
		return 1;
	}
	if (stat(follow->path, &named) != 0)
		return 0;	/* removed; wait for the name to come back */
	if (named.st_dev == follow->device && named.st_ino == follow->inode)
		return follow_truncated(follow);
	return follow_rotated(follow, &named);
}

static ssize_t
follow_read(struct source *source, char *buf, size_t cap, struct diag *diag)
{
	struct follow_source *follow = (struct follow_source *)source;

	for (;;) {
		ssize_t got = 0;

		if (signals_caught())
			return 0;
		got = read(follow->fd, buf, cap);
		if (got > 0) {
			follow->offset += got;
			source->file_bytes += (uint64_t)got;
			return got;
		}
		if (got < 0 && errno != EINTR) {
			diag_error(diag, "%s: %s", source->name,
			    strerror(errno));
			return -1;
		}
		if (got == 0 && !follow_look(follow))
			follow_wait(follow);
	}
}

static void
follow_close(struct source *source)
{
	struct follow_source *follow = (struct follow_source *)source;

	close(follow->fd);
	if (follow->next_fd >= 0)
		close(follow->next_fd);
	if (follow->watch_fd >= 0)
		close(follow->watch_fd);
	free(follow);
}

/* --follow=start: before its first read, the FILE may start further on,
 * where a time window's bisection says (--last 10m --follow); what is
 * appended is read from the end the FILE had. --follow=end starts at the
 * end already. */
static int
follow_regular_fd(struct source *source)
{
	struct follow_source *follow = (struct follow_source *)source;

	return follow->offset == 0 && source->file_bytes == 0 ? follow->fd : -1;
}

static int
follow_start_at(struct source *source, uint64_t offset, struct diag *diag)
{
	struct follow_source *follow = (struct follow_source *)source;

	if (lseek(follow->fd, (off_t)offset, SEEK_SET) < 0) {
		diag_error(diag, "%s: %s", source->name, strerror(errno));
		return -1;
	}
	follow->offset = (off_t)offset;
	source->file_bytes = offset;
	return 0;
}

static const struct source_ops follow_ops = {
	follow_read, follow_close, follow_regular_fd, follow_start_at
};

struct source *
follow_source_new(int fd, const char *path, int from_end, struct diag *diag)
{
	struct follow_source *follow = calloc(1, sizeof *follow);

	if (follow == NULL) {
		diag_error(diag, "%s: out of memory", path);
		close(fd);
		return NULL;
	}
	follow->source.ops = &follow_ops;
	follow->source.name = path;
	follow->path = path;
	follow->diag = diag;
	follow->next_fd = -1;
#ifdef HAVE_SYS_INOTIFY_H
	follow->watch_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
#else
	follow->watch_fd = -1;
#endif
	follow_take(follow, fd);
	if (from_end) {
		off_t end = lseek(fd, 0, SEEK_END);

		if (end > 0)
			follow->offset = end;
	}
	return &follow->source;
}
