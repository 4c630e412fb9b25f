/* output.c: the run's output FILE, replaced whole or not at all (see
 * output.h). Every system call is checked; a failure before the rename
 * leaves FILE as it was, removes the temporary file, and names the step
 * that failed and the system's reason. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output/output_file.h"
#include "base/signals.h"

/* Hidden, so that a glob such as *.log never picks up a run's unfinished
 * output. */
#define TEMPORARY_NAME "/.sluice-XXXXXX"

static char *
concatenate(const char *head, size_t head_len, const char *tail)
{
	size_t tail_len = strlen(tail);
	char *joined = malloc(head_len + tail_len + 1);

	if (joined == NULL)
		return NULL;
	memcpy(joined, head, head_len);
	memcpy(joined + head_len, tail, tail_len + 1);
	return joined;
}

/* What a shell redirect gives a new file. umask can only be read by
 * setting it; nothing else runs meanwhile. */
static mode_t
creation_mode(void)
{
	mode_t mask = umask(0);

	(void)umask(mask);
	return 0666 & ~mask;
}

static int
output_open_direct(struct output *output, struct diag *diag)
{
	output->fd = open(output->name, O_WRONLY | O_CLOEXEC);
	if (output->fd < 0) {
		if (errno == EINTR && signals_check(diag) != 0)
			return -1;
		return diag_fail(diag, "%s: %s", output->name, strerror(errno));
	}
	output->direct = 1;
	return 0;
}

/* The path the temporary file replaces: an existing FILE through its
 * symbolic links, so the link stays a link. */
static int
output_find_target(struct output *output, int exists, struct diag *diag)
{
	struct stat link;

	if (exists)
		output->target = realpath(output->name, NULL);
	else if (lstat(output->name, &link) == 0 && S_ISLNK(link.st_mode))
		return diag_fail(diag, "%s: a symbolic link to a missing file",
		    output->name);
	else
		output->target = strdup(output->name);
	if (output->target == NULL)
		return diag_fail(diag, "%s: %s", output->name, strerror(errno));
	return 0;
}

/* Gives the temporary file FILE's owner (as root: others cannot) and
 * mode, in that order, since a change of owner clears set-id bits. */
static int
output_set_mode(struct output *output, const struct stat *old,
    struct diag *diag)
{
	mode_t mode = old != NULL ? old->st_mode & 07777 : creation_mode();

	if (old != NULL && fchown(output->fd,
	    geteuid() == 0 ? old->st_uid : (uid_t)-1, old->st_gid) != 0 &&
	    geteuid() == 0)
		return diag_fail(diag, "%s: cannot give the new file its "
		    "owner: %s", output->name, strerror(errno));
	if (fchmod(output->fd, mode) != 0)
		return diag_fail(diag, "%s: cannot give the new file its "
		    "mode: %s", output->name, strerror(errno));
	return 0;
}

static int
output_create_temporary(struct output *output, const struct stat *old,
    struct diag *diag)
{
	const char *slash = strrchr(output->target, '/');
	size_t dir_len = slash == NULL ? 1 : slash == output->target ? 1
	    : (size_t)(slash - output->target);
	const char *dir = slash == NULL ? "." : output->target;
	char *dir_path = concatenate(dir, dir_len, "");

	if (dir_path == NULL)
		return diag_fail(diag, "out of memory");
	output->temporary = concatenate(dir, dir_len, TEMPORARY_NAME);
	if (output->temporary == NULL) {
		free(dir_path);
		return diag_fail(diag, "out of memory");
	}
	output->fd = mkstemp(output->temporary);
	if (output->fd < 0) {
		diag_fail(diag, "%s: cannot create a temporary file in %s: %s",
		    output->name, dir_path, strerror(errno));
		free(output->temporary);
		output->temporary = NULL;
		free(dir_path);
		return -1;
	}
	(void)fcntl(output->fd, F_SETFD, FD_CLOEXEC);
	output->directory_fd = open(dir_path, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC);
	if (output->directory_fd < 0) {
		diag_fail(diag, "%s: cannot open its directory %s: %s",
		    output->name, dir_path, strerror(errno));
		free(dir_path);
		return -1;
	}
	free(dir_path);
	return output_set_mode(output, old, diag);
}

int
output_open(struct output *output, enum output_kind kind, const char *path,
    const char *suffix, struct diag *diag)
{
	struct stat old;
	int exists;

	memset(output, 0, sizeof *output);
	output->fd = STDOUT_FILENO;
	output->directory_fd = -1;
	output->name = "(standard output)";
	if (kind == OUTPUT_STANDARD)
		return 0;
	output->fd = -1;
	output->name = path;
	exists = stat(path, &old) == 0;
	if (!exists && (kind == OUTPUT_IN_PLACE || errno != ENOENT))
		return diag_fail(diag, "%s: %s", path, strerror(errno));
	if (exists && S_ISDIR(old.st_mode))
		return diag_fail(diag, "%s: %s", path, strerror(EISDIR));
	if (exists && !S_ISREG(old.st_mode)) {
		if (kind == OUTPUT_IN_PLACE)
			return diag_fail(diag, "%s: not a regular file", path);
		return output_open_direct(output, diag);
	}
	if (output_find_target(output, exists, diag) != 0 ||
	    output_create_temporary(output, exists ? &old : NULL,
	    diag) != 0) {
		output_abort(output);
		return -1;
	}
	if (suffix != NULL && suffix[0] != '\0') {
		output->backup = concatenate(output->target,
		    strlen(output->target), suffix);
		if (output->backup == NULL) {
			output_abort(output);
			return diag_fail(diag, "out of memory");
		}
	}
	return 0;
}

/* FILE+SUFFIX becomes a second name of the original, replacing an older
 * backup in one rename: at every moment the backup is whole. */
static int
output_keep_backup(struct output *output, struct diag *diag)
{
	char *link_path = concatenate(output->temporary,
	    strlen(output->temporary), "~");
	int failed = 0;

	if (link_path == NULL)
		return diag_fail(diag, "out of memory");
	if (link(output->target, link_path) != 0) {
		failed = diag_fail(diag, "%s: cannot keep a backup as %s: %s",
		    output->name, output->backup, strerror(errno));
	} else if (rename(link_path, output->backup) != 0) {
		failed = diag_fail(diag, "%s: cannot keep a backup as %s: %s",
		    output->name, output->backup, strerror(errno));
		(void)unlink(link_path);
	}
	free(link_path);
	return failed;
}

static void
output_release(struct output *output)
{
	if (output->directory_fd >= 0)
		(void)close(output->directory_fd);
	output->directory_fd = -1;
	free(output->target);
	free(output->temporary);
	free(output->backup);
	output->target = output->temporary = output->backup = NULL;
	output->direct = 0;
}

/* A directory's fsync makes the rename itself durable. Some file systems
 * cannot sync a directory (EINVAL); there is nothing more to do there. */
static int
output_sync_directory(struct output *output, struct diag *diag)
{
	if (fsync(output->directory_fd) != 0 && errno != EINVAL)
		return diag_fail(diag, "%s: replaced, but its directory could "
		    "not be synced to disk: %s", output->name, strerror(errno));
	return 0;
}

int
output_commit(struct output *output, struct diag *diag)
{
	int fd = output->fd, result;

	if (output->direct) {
		output->fd = -1;
		output_release(output);
		if (close(fd) != 0)
			return diag_fail(diag, "%s: write error: %s",
			    output->name, strerror(errno));
		return 0;
	}
	if (output->temporary == NULL)
		return 0;
	if (signals_check(diag) != 0)
		goto abort;
	if (fsync(fd) != 0) {
		diag_fail(diag, "%s: cannot sync to disk: %s", output->name,
		    strerror(errno));
		goto abort;
	}
	output->fd = -1;
	if (close(fd) != 0) {
		diag_fail(diag, "%s: write error: %s", output->name,
		    strerror(errno));
		goto abort;
	}
	if (output->backup != NULL && output_keep_backup(output, diag) != 0)
		goto abort;
	if (signals_check(diag) != 0)
		goto abort;
	if (rename(output->temporary, output->target) != 0) {
		diag_fail(diag, "%s: cannot replace it: %s", output->name,
		    strerror(errno));
		goto abort;
	}
	free(output->temporary);
	output->temporary = NULL;
	result = output_sync_directory(output, diag);
	output_release(output);
	return result;
abort:
	output_abort(output);
	return -1;
}

void
output_abort(struct output *output)
{
	if (output->fd >= 0 && (output->temporary != NULL || output->direct))
		(void)close(output->fd);
	output->fd = -1;
	if (output->temporary != NULL)
		(void)unlink(output->temporary);
	output_release(output);
}
