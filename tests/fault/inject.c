/* inject.c: an LD_PRELOAD shim that makes one system call of sluice fail,
 * for tests/cli/150-inject.sh. SLUICE_FAULT=CALL:N:WHAT makes the Nth
 * call of CALL (read, write, fsync, rename, open, openat, mkstemp, link,
 * close, malloc: malloc, calloc and realloc counted together) do WHAT:
 *   an errno name (ENOSPC, EIO, EINTR, ENOMEM, EACCES, EBADF)  fail so
 *   short    read or write only half of what was asked (at least 1 byte)
 *   block    wait for a signal, then fail with EINTR (the test signals it
 *            once SLUICE_FAULT_READY, a path, exists)
 * N = 0 never fails. SLUICE_FAULT_COUNT=PATH writes, at exit, how many
 * calls of CALL there were, so a test can try every N. Built without the
 * sanitizers: it only passes calls on, and must not be instrumented. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static char fault_call[16];
static unsigned long fault_n;
static int fault_errno;		/* 0 with short or block */
static int fault_short;
static int fault_block;
static unsigned long calls;
static int configured;

static const struct {
	const char *name;
	int value;
} errno_names[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EINTR", EINTR },
	{ "ENOMEM", ENOMEM }, { "EACCES", EACCES }, { "EBADF", EBADF },
	{ "EDQUOT", EDQUOT }, { "EPERM", EPERM },
};

static void
configure(void)
{
	const char *spec = getenv("SLUICE_FAULT");
	char what[16] = "";
	size_t i;

	configured = 1;
	if (spec == NULL || sscanf(spec, "%15[^:]:%lu:%15s", fault_call,
	    &fault_n, what) < 2)
		return;
	fault_short = strcmp(what, "short") == 0;
	fault_block = strcmp(what, "block") == 0;
	for (i = 0; i < sizeof errno_names / sizeof errno_names[0]; i++)
		if (strcmp(what, errno_names[i].name) == 0)
			fault_errno = errno_names[i].value;
}

/* 1 when this call of name is the one to fail. */
static int
strike(const char *name)
{
	if (!configured)
		configure();
	if (strcmp(name, fault_call) != 0)
		return 0;
	return ++calls == fault_n;
}

static void *
real(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

static ssize_t
block_until_signal(void)
{
	const char *ready = getenv("SLUICE_FAULT_READY");
	int (*real_open)(const char *, int, ...) = real("open");
	sigset_t all, before;

	/* Signals wait until sigsuspend: one sent as soon as the test sees
	 * the ready file must not slip in before the wait and be lost. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &before);
	if (ready != NULL) {
		int fd = real_open(ready, O_WRONLY | O_CREAT, 0600);

		if (fd >= 0)
			close(fd);
	}
	sigsuspend(&before);
	sigprocmask(SIG_SETMASK, &before, NULL);
	errno = EINTR;
	return -1;
}

static int
fail(void)
{
	errno = fault_errno != 0 ? fault_errno : EIO;
	return -1;
}

ssize_t
read(int fd, void *buf, size_t len)
{
	ssize_t (*next)(int, void *, size_t) = real("read");

	if (strike("read")) {
		if (fault_block)
			return block_until_signal();
		if (fault_short && len > 1)
			len /= 2;
		else if (!fault_short)
			return fail();
	}
	return next(fd, buf, len);
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	ssize_t (*next)(int, const void *, size_t) = real("write");

	if (strike("write")) {
		if (fault_block)
			return block_until_signal();
		if (fault_short && len > 1)
			len /= 2;
		else if (!fault_short)
			return fail();
	}
	return next(fd, buf, len);
}

int
fsync(int fd)
{
	int (*next)(int) = real("fsync");

	return strike("fsync") ? fail() : next(fd);
}

int
rename(const char *from, const char *to)
{
	int (*next)(const char *, const char *) = real("rename");

	return strike("rename") ? fail() : next(from, to);
}

int
link(const char *from, const char *to)
{
	int (*next)(const char *, const char *) = real("link");

	return strike("link") ? fail() : next(from, to);
}

int
close(int fd)
{
	int (*next)(int) = real("close");

	if (strike("close")) {
		(void)next(fd);	/* as Linux: the descriptor is gone anyway */
		return fail();
	}
	return next(fd);
}

int
mkstemp(char *template)
{
	int (*next)(char *) = real("mkstemp");

	return strike("mkstemp") ? fail() : next(template);
}

static mode_t
mode_argument(int flags, va_list args)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE
	    ? (mode_t)va_arg(args, int) : 0;
}

int
open(const char *path, int flags, ...)
{
	int (*next)(const char *, int, ...) = real("open");
	va_list args;
	mode_t mode;

	va_start(args, flags);
	mode = mode_argument(flags, args);
	va_end(args);
	return strike("open") ? fail() : next(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	int (*next)(const char *, int, ...) = real("open64");
	va_list args;
	mode_t mode;

	va_start(args, flags);
	mode = mode_argument(flags, args);
	va_end(args);
	return strike("open") ? fail() : next(path, flags, mode);
}

int
openat(int dir, const char *path, int flags, ...)
{
	int (*next)(int, const char *, int, ...) = real("openat");
	va_list args;
	mode_t mode;

	va_start(args, flags);
	mode = mode_argument(flags, args);
	va_end(args);
	return strike("openat") ? fail() : next(dir, path, flags, mode);
}

void *
malloc(size_t size)
{
	if (strike("malloc")) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(size);
}

void *
calloc(size_t count, size_t size)
{
	if (strike("malloc")) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(count, size);
}

void *
realloc(void *old, size_t size)
{
	if (strike("malloc")) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(old, size);
}

__attribute__((destructor)) static void
report_count(void)
{
	const char *path = getenv("SLUICE_FAULT_COUNT");
	FILE *out;

	if (path == NULL || fault_call[0] == '\0')
		return;
	out = fopen(path, "w");
	if (out == NULL)
		return;
	fprintf(out, "%lu\n", calls);
	fclose(out);
}
