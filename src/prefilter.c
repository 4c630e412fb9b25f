/* prefilter.c: the Hyperscan prefilter (see prefilter.h); the only file
 * that speaks Hyperscan. Built without it, every constructor says no. */
#include <config.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prefilter.h"

#ifdef HAVE_HYPERSCAN
#include <hs.h>

struct prefilter {
	hs_database_t *database;
	hs_scratch_t *scratch;
};

/* -F's literal, spelt as \xHH escapes so no byte means anything. */
static char *
escape_literal(const char *pattern, size_t length)
{
	char *escaped = malloc(4 * length + 1);
	size_t i;

	if (escaped == NULL)
		return NULL;
	for (i = 0; i < length; i++)
		snprintf(escaped + 4 * i, 5, "\\x%02x",
		    (unsigned char)pattern[i]);
	escaped[4 * length] = '\0';
	return escaped;
}

/* Exactly where Hyperscan can; otherwise a superset of the matches
 * (lookarounds and back-references relaxed). */
static hs_database_t *
compile(const char *expression, unsigned flags)
{
	hs_database_t *database = NULL;
	hs_compile_error_t *error = NULL;

	if (hs_compile(expression, flags, HS_MODE_BLOCK, NULL, &database,
	    &error) == HS_SUCCESS)
		return database;
	hs_free_compile_error(error);
	error = NULL;
	if (hs_compile(expression, flags | HS_FLAG_PREFILTER, HS_MODE_BLOCK,
	    NULL, &database, &error) == HS_SUCCESS)
		return database;
	hs_free_compile_error(error);
	return NULL;
}

static int
write_all(int fd, const char *bytes, size_t len)
{
	while (len > 0) {
		ssize_t done = write(fd, bytes, len);

		if (done <= 0)
			return -1;
		bytes += done;
		len -= (size_t)done;
	}
	return 0;
}

/* The compiler half of Hyperscan is several MiB of code, touched once:
 * run it in a short-lived child that sends the database back serialized,
 * so that none of those pages ever count in this process's memory. */
static hs_database_t *
compile_in_child(const char *expression, unsigned flags)
{
	hs_database_t *database = NULL;
	char *bytes = NULL;
	size_t len = 0, capacity = 0;
	int pipe_fds[2], status;
	pid_t child;

	if (pipe(pipe_fds) != 0)
		return NULL;
	child = fork();
	if (child == 0) {
		char *serialized = NULL;
		size_t size = 0;

		close(pipe_fds[0]);
		database = compile(expression, flags);
		_exit(database != NULL &&
		    hs_serialize_database(database, &serialized, &size) ==
		    HS_SUCCESS && write_all(pipe_fds[1], serialized, size) == 0
		    ? 0 : 1);
	}
	close(pipe_fds[1]);
	for (;;) {
		ssize_t got;

		if (len == capacity) {
			char *grown = realloc(bytes, capacity * 2 + 4096);

			if (grown == NULL)
				break;
			bytes = grown;
			capacity = capacity * 2 + 4096;
		}
		got = read(pipe_fds[0], bytes + len, capacity - len);
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	close(pipe_fds[0]);
	if (child > 0 && waitpid(child, &status, 0) == child &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    hs_deserialize_database(bytes, len, &database) != HS_SUCCESS)
		database = NULL;
	free(bytes);
	return database;
}

struct prefilter *
prefilter_new(const char *pattern, size_t length,
    const struct regex_flags *flags)
{
	/* MULTILINE: ^ and $ match at line ends inside the block, as they
	 * do at the ends of each line PCRE2 is given. UTF-8 mode is left to
	 * PCRE2: Hyperscan requires valid UTF-8 input. */
	unsigned hs_flags = HS_FLAG_MULTILINE |
	    (flags->caseless ? HS_FLAG_CASELESS : 0);
	struct prefilter *prefilter;
	char *expression;

	if (flags->utf8 || flags->extended || hs_valid_platform() != HS_SUCCESS)
		return NULL;
	expression = flags->literal ? escape_literal(pattern, length)
	    : strndup(pattern, length);
	prefilter = calloc(1, sizeof *prefilter);
	if (expression == NULL || prefilter == NULL) {
		free(expression);
		free(prefilter);
		return NULL;
	}
	prefilter->database = compile_in_child(expression, hs_flags);
	free(expression);
	if (prefilter->database == NULL ||
	    hs_alloc_scratch(prefilter->database, &prefilter->scratch) !=
	    HS_SUCCESS) {
		prefilter_free(prefilter);
		return NULL;
	}
	return prefilter;
}

void
prefilter_free(struct prefilter *prefilter)
{
	if (prefilter == NULL)
		return;
	hs_free_scratch(prefilter->scratch);
	hs_free_database(prefilter->database);
	free(prefilter);
}

static int
stop_at_first(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *context)
{
	(void)id;
	(void)from;
	(void)flags;
	*(unsigned long long *)context = to;
	return 1;
}

int
prefilter_first(struct prefilter *prefilter, const char *block,
    size_t length, size_t *end)
{
	unsigned long long first = 0;
	hs_error_t result;

	/* hs_scan takes an unsigned int length. A larger block (only with a
	 * huge --buffer-size) is not scanned: its first line is proposed, and
	 * PCRE2 decides line by line. */
	if (length > UINT_MAX) {
		*end = 0;
		return 1;
	}
	result = hs_scan(prefilter->database, block, (unsigned)length, 0,
	    prefilter->scratch, stop_at_first, &first);
	if (result == HS_SCAN_TERMINATED) {
		*end = (size_t)first;
		return 1;
	}
	return result == HS_SUCCESS ? 0 : -1;
}

const char *
prefilter_engine(void)
{
	return hs_version();
}

#else

struct prefilter *
prefilter_new(const char *pattern, size_t length,
    const struct regex_flags *flags)
{
	(void)pattern;
	(void)length;
	(void)flags;
	return NULL;
}

void
prefilter_free(struct prefilter *prefilter)
{
	(void)prefilter;
}

int
prefilter_first(struct prefilter *prefilter, const char *block,
    size_t length, size_t *end)
{
	(void)prefilter;
	(void)block;
	(void)length;
	(void)end;
	return 0;
}

const char *
prefilter_engine(void)
{
	return NULL;
}

#endif
