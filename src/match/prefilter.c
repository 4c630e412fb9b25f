/* prefilter.c: the prefilters (see prefilter.h): a plain string found
 * with memmem (literal.c), and Hyperscan. The only file that speaks
 * Hyperscan, and the one that loads its library (dlopen) when a Hyperscan
 * prefilter is first built. Built without it, or where the library cannot
 * be loaded, its constructor says no. */
#include <config.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "match/literal.h"
#include "match/prefilter.h"

/* 1 when pattern holds needle (a string) anywhere. */
static int
holds(const char *pattern, size_t length, const char *needle)
{
	return memmem(pattern, length, needle, strlen(needle)) != NULL;
}

/* 1 when an inline option setting at group ("(?" and what follows)
 * turns multi-line mode off: a '^' (reset to the defaults) or an 'm'
 * after a '-', before the ')' or ':' that ends the letters. Anything that
 * is not a run of option letters is some other kind of group. */
static int
turns_multiline_off(const char *group, const char *end)
{
	int negated = 0;

	for (group += 2; group < end; group++) {
		if (*group == ')' || *group == ':')
			return 0;
		if (*group == '^')
			return 1;
		if (*group == '-')
			negated = 1;
		else if (*group == 'm' && negated)
			return 1;
		else if (!((*group >= 'a' && *group <= 'z') ||
		    (*group >= 'A' && *group <= 'Z')))
			return 0;
	}
	return 0;
}

const char *
prefilter_refusal(const char *pattern, size_t length,
    const struct regex_flags *flags)
{
	const char *end = pattern + length, *group;

	if (flags->literal)
		return NULL;	/* every byte means itself */
	if (holds(pattern, length, "\\A") || holds(pattern, length, "\\z") ||
	    holds(pattern, length, "\\Z") || holds(pattern, length, "\\G"))
		return "the pattern has \\A, \\z, \\Z or \\G, which would see "
		    "the block, not the line";
	if (holds(pattern, length, "(*"))
		return "the pattern has a verb such as (*UCP) or (*CR), which "
		    "the accelerator does not follow";
	for (group = memmem(pattern, length, "(?", 2); group != NULL;
	    group = memmem(group + 2, (size_t)(end - group - 2), "(?", 2))
		if (turns_multiline_off(group, end))
			return "the pattern turns multi-line mode off ((?-m) "
			    "or (?^)), so ^ and $ would match only at the "
			    "block's ends";
	return NULL;
}

#ifdef HAVE_HYPERSCAN
#include <hs.h>
#include <pthread.h>
#include <stddef.h>

#include "base/dynamic_library.h"

/* Hyperscan's entry points, looked up in the library when a prefilter is
 * built. sluice is not linked with libhs: loading it and libstdc++ at
 * start-up cost every run 2.7 ms (measured: 6.3 ms against 3.6 for
 * `-m ERROR -n 10`, where grep takes 4.6), and most short runs never
 * build a prefilter. */
struct hyperscan {
	void *library;
	hs_error_t (*compile)(const char *, unsigned, unsigned,
	    const hs_platform_info_t *, hs_database_t **,
	    hs_compile_error_t **);
	hs_error_t (*free_compile_error)(hs_compile_error_t *);
	hs_error_t (*serialize_database)(const hs_database_t *, char **,
	    size_t *);
	hs_error_t (*deserialize_database)(const char *, const size_t,
	    hs_database_t **);
	hs_error_t (*valid_platform)(void);
	hs_error_t (*alloc_scratch)(const hs_database_t *, hs_scratch_t **);
	hs_error_t (*free_scratch)(hs_scratch_t *);
	hs_error_t (*free_database)(hs_database_t *);
	hs_error_t (*scan)(const hs_database_t *, const char *, unsigned,
	    unsigned, hs_scratch_t *, match_event_handler, void *);
	const char *(*version)(void);
};

static int
hyperscan_open(struct hyperscan *api)
{
	static const struct library_entry entries[] = {
		{ "hs_compile", offsetof(struct hyperscan, compile) },
		{ "hs_free_compile_error",
		    offsetof(struct hyperscan, free_compile_error) },
		{ "hs_serialize_database",
		    offsetof(struct hyperscan, serialize_database) },
		{ "hs_deserialize_database",
		    offsetof(struct hyperscan, deserialize_database) },
		{ "hs_valid_platform",
		    offsetof(struct hyperscan, valid_platform) },
		{ "hs_alloc_scratch", offsetof(struct hyperscan, alloc_scratch) },
		{ "hs_free_scratch", offsetof(struct hyperscan, free_scratch) },
		{ "hs_free_database", offsetof(struct hyperscan, free_database) },
		{ "hs_scan", offsetof(struct hyperscan, scan) },
		{ "hs_version", offsetof(struct hyperscan, version) },
	};

	return library_open(HYPERSCAN_LIBRARY, entries,
	    sizeof entries / sizeof entries[0], api, &api->library);
}

static void
hyperscan_close(struct hyperscan *api)
{
	library_close(api->library);
	api->library = NULL;
}

/* The states of an accelerator's database. */
enum compiled {
	NOT_YET,
	COMPILED,
	CANNOT	/* no library, a CPU it cannot run on, or a pattern it
		 * cannot take */
};

struct accelerator {
	pthread_mutex_t lock;
	enum compiled state;		/* under lock */
	struct hyperscan api;		/* once compiled */
	hs_database_t *database;	/* once compiled, read-only */
	struct regex_flags flags;
	size_t length;
	char pattern[];
};

struct prefilter {
	struct literal *literal;	/* set: memmem, not Hyperscan */
	struct accelerator *accelerator;
	struct accelerator *owned;	/* prefilter_new's own, or NULL */
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
compile(const struct hyperscan *api, const char *expression, unsigned flags)
{
	hs_database_t *database = NULL;
	hs_compile_error_t *error = NULL;

	if (api->compile(expression, flags, HS_MODE_BLOCK, NULL, &database,
	    &error) == HS_SUCCESS)
		return database;
	api->free_compile_error(error);
	error = NULL;
	if (api->compile(expression, flags | HS_FLAG_PREFILTER, HS_MODE_BLOCK,
	    NULL, &database, &error) == HS_SUCCESS)
		return database;
	api->free_compile_error(error);
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
compile_in_child(const struct hyperscan *api, const char *expression,
    unsigned flags)
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
		database = compile(api, expression, flags);
		_exit(database != NULL &&
		    api->serialize_database(database, &serialized, &size) ==
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
	    api->deserialize_database(bytes, len, &database) != HS_SUCCESS)
		database = NULL;
	free(bytes);
	return database;
}

/* The compiler runs in a child only while this process has one thread
 * (see accelerator_new). A sanitized build always compiles in its own
 * process: the memory bound is not checked there, ThreadSanitizer runs
 * a thread of its own, and the fuzzers must not fork. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define COMPILE_IN_CHILD 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define COMPILE_IN_CHILD 0
#endif
#endif
#ifndef COMPILE_IN_CHILD
#define COMPILE_IN_CHILD 1
#endif

/* 1 when this process runs one thread alone, so that a fork copies no
 * lock another thread holds; 0 when it runs more, or cannot tell. The
 * kernel counts them: /proc/self/stat's 20th field. */
static int
single_threaded(void)
{
	char text[1024];
	const char *field;
	ssize_t got;
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC), i;

	if (fd < 0)
		return 0;
	got = read(fd, text, sizeof text - 1);
	close(fd);
	if (got <= 0)
		return 0;
	text[got] = '\0';
	/* The command's name, in parentheses, may hold spaces: count the
	 * fields from the last ')'; a space comes before each. */
	field = strrchr(text, ')');
	for (i = 2; field != NULL && i < 20; i++)
		field = strchr(field + 1, ' ');
	return field != NULL && strtol(field + 1, NULL, 10) == 1;
}

struct accelerator *
accelerator_new(const char *pattern, size_t length,
    const struct regex_flags *flags)
{
	struct accelerator *accelerator = calloc(1, sizeof *accelerator +
	    length + 1);

	if (accelerator == NULL)
		return NULL;
	pthread_mutex_init(&accelerator->lock, NULL);
	accelerator->state = NOT_YET;
	accelerator->flags = *flags;
	accelerator->length = length;
	memcpy(accelerator->pattern, pattern, length);
	return accelerator;
}

void
accelerator_free(struct accelerator *accelerator)
{
	if (accelerator == NULL)
		return;
	if (accelerator->state == COMPILED) {
		accelerator->api.free_database(accelerator->database);
		hyperscan_close(&accelerator->api);
	}
	pthread_mutex_destroy(&accelerator->lock);
	free(accelerator);
}

/* The database, or CANNOT. */
static enum compiled
accelerator_compile(struct accelerator *accelerator)
{
	const struct regex_flags *flags = &accelerator->flags;
	/* MULTILINE: ^ and $ match at line ends inside the block, as they
	 * do at the ends of each line PCRE2 is given. UTF-8 mode is left to
	 * PCRE2: Hyperscan requires valid UTF-8 input. */
	unsigned hs_flags = HS_FLAG_MULTILINE |
	    (flags->caseless ? HS_FLAG_CASELESS : 0);
	struct hyperscan *api = &accelerator->api;
	char *expression;

	if (flags->utf8 || flags->extended ||
	    prefilter_refusal(accelerator->pattern, accelerator->length,
	    flags) != NULL)
		return CANNOT;
	if (hyperscan_open(api) != 0)
		return CANNOT;
	expression = api->valid_platform() != HS_SUCCESS ? NULL
	    : flags->literal ? escape_literal(accelerator->pattern,
	    accelerator->length) : strndup(accelerator->pattern,
	    accelerator->length);
	if (expression != NULL)
		accelerator->database = COMPILE_IN_CHILD && single_threaded()
		    ? compile_in_child(api, expression, hs_flags)
		    : compile(api, expression, hs_flags);
	free(expression);
	if (accelerator->database == NULL) {
		hyperscan_close(api);
		return CANNOT;
	}
	return COMPILED;
}

struct prefilter *
prefilter_new_accelerated(struct accelerator *accelerator)
{
	struct prefilter *prefilter;
	enum compiled state;

	pthread_mutex_lock(&accelerator->lock);
	if (accelerator->state == NOT_YET)
		accelerator->state = accelerator_compile(accelerator);
	state = accelerator->state;
	pthread_mutex_unlock(&accelerator->lock);
	if (state != COMPILED)
		return NULL;
	prefilter = calloc(1, sizeof *prefilter);
	if (prefilter == NULL)
		return NULL;
	prefilter->accelerator = accelerator;
	if (accelerator->api.alloc_scratch(accelerator->database,
	    &prefilter->scratch) != HS_SUCCESS) {
		free(prefilter);
		return NULL;
	}
	return prefilter;
}

struct prefilter *
prefilter_new(const char *pattern, size_t length,
    const struct regex_flags *flags)
{
	struct accelerator *accelerator = accelerator_new(pattern, length,
	    flags);
	struct prefilter *prefilter = accelerator != NULL
	    ? prefilter_new_accelerated(accelerator) : NULL;

	if (prefilter == NULL)
		accelerator_free(accelerator);
	else
		prefilter->owned = accelerator;
	return prefilter;
}

void
prefilter_free(struct prefilter *prefilter)
{
	if (prefilter == NULL)
		return;
	literal_free(prefilter->literal);
	if (prefilter->scratch != NULL)
		prefilter->accelerator->api.free_scratch(prefilter->scratch);
	accelerator_free(prefilter->owned);
	free(prefilter);
}

/* What the match callback fills in. Hyperscan does not promise to report
 * matches in order, so lines are kept sorted as they come, and when there
 * are more than max the latest are dropped: the lines kept are always all
 * the candidates up to the last one kept. */
struct collection {
	const char *block;
	size_t length;
	struct prefilter_line *lines;
	size_t max;
	size_t count;
	int overflowed;
	unsigned long long reports;
};

/* The index of the first kept line that starts after offset. */
static size_t
first_after(const struct collection *collection, size_t offset)
{
	size_t low = 0, high = collection->count;

	while (low < high) {
		size_t middle = low + (high - low) / 2;

		if (collection->lines[middle].start <= offset)
			low = middle + 1;
		else
			high = middle;
	}
	return low;
}

static int
collect_line(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *context)
{
	struct collection *collection = context;
	const char *block = collection->block;
	struct prefilter_line *lines = collection->lines;
	/* The match's last byte: its line (a terminator there ends it). */
	size_t last = to > 0 ? (size_t)to - 1 : 0, at;
	const char *before, *after;

	(void)id;
	(void)from;
	(void)flags;
	collection->reports++;
	if (last >= collection->length)
		last = collection->length - 1;
	if (collection->count > 0 && last >= lines[collection->count - 1].start &&
	    last <= lines[collection->count - 1].end)
		return 0;	/* the usual case: the line just kept */
	at = first_after(collection, last);
	if (at > 0 && last <= lines[at - 1].end)
		return 0;
	if (at == collection->max) {
		collection->overflowed = 1;
		return 0;
	}
	if (collection->count == collection->max) {
		collection->count--;
		collection->overflowed = 1;
	}
	before = last > 0 ? memrchr(block, '\n', last) : NULL;
	after = memchr(block + last, '\n', collection->length - last);
	memmove(lines + at + 1, lines + at,
	    (collection->count - at) * sizeof *lines);
	lines[at].start = before != NULL ? (size_t)(before + 1 - block) : 0;
	lines[at].end = after != NULL ? (size_t)(after - block)
	    : collection->length;
	collection->count++;
	return 0;
}

int
prefilter_lines(struct prefilter *prefilter, const char *block,
    size_t length, struct prefilter_line *lines, size_t max, int *complete,
    unsigned long long *reports)
{
	struct collection collection = { block, length, lines, max, 0, 0, 0 };

	if (prefilter->literal != NULL)
		return literal_lines(prefilter->literal, block, length, lines,
		    max, complete, reports);
	/* hs_scan takes an unsigned int length. A larger block (only with a
	 * huge --buffer-size) is not scanned: its first line is proposed, and
	 * PCRE2 decides line by line. */
	if (length > UINT_MAX) {
		const char *end = memchr(block, '\n', length);

		lines[0].start = 0;
		lines[0].end = end != NULL ? (size_t)(end - block) : length;
		*complete = 0;
		*reports = 1;
		return 1;
	}
	*complete = 1;
	*reports = 0;
	if (length == 0)
		return 0;
	if (prefilter->accelerator->api.scan(prefilter->accelerator->database,
	    block, (unsigned)length, 0, prefilter->scratch, collect_line,
	    &collection) != HS_SUCCESS)
		return -1;
	*complete = !collection.overflowed;
	*reports = collection.reports;
	return (int)collection.count;
}

int
prefilter_engine(char *name, size_t size)
{
	struct hyperscan api;
	int usable;

	if (hyperscan_open(&api) != 0)
		return 0;
	usable = api.valid_platform() == HS_SUCCESS;
	if (usable)
		snprintf(name, size, "Hyperscan %s", api.version());
	hyperscan_close(&api);
	return usable;
}

#else

struct prefilter {
	struct literal *literal;
};

/* Built without Hyperscan: nothing to compile, nothing to share. */
struct accelerator {
	int unused;
};

struct accelerator *
accelerator_new(const char *pattern, size_t length,
    const struct regex_flags *flags)
{
	(void)pattern;
	(void)length;
	(void)flags;
	return calloc(1, sizeof(struct accelerator));
}

void
accelerator_free(struct accelerator *accelerator)
{
	free(accelerator);
}

struct prefilter *
prefilter_new_accelerated(struct accelerator *accelerator)
{
	(void)accelerator;
	return NULL;
}

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
	if (prefilter == NULL)
		return;
	literal_free(prefilter->literal);
	free(prefilter);
}

int
prefilter_lines(struct prefilter *prefilter, const char *block,
    size_t length, struct prefilter_line *lines, size_t max, int *complete,
    unsigned long long *reports)
{
	return literal_lines(prefilter->literal, block, length, lines, max,
	    complete, reports);
}

int
prefilter_engine(char *name, size_t size)
{
	(void)name;
	(void)size;
	return 0;
}

#endif

struct prefilter *
prefilter_new_literal(const char *pattern, size_t length,
    const struct regex_flags *flags)
{
	struct prefilter *prefilter;
	struct literal *literal = literal_new(pattern, length, flags);

	if (literal == NULL)
		return NULL;
	prefilter = calloc(1, sizeof *prefilter);
	if (prefilter == NULL) {
		literal_free(literal);
		return NULL;
	}
	prefilter->literal = literal;
	return prefilter;
}

int
prefilter_is_literal(const struct prefilter *prefilter)
{
	return prefilter != NULL && prefilter->literal != NULL;
}
