/* fuzz_options.c: the command line, from argv to a running chain. The
 * input is argv's words separated by NUL bytes; an empty word ends them,
 * and what follows it is the chain's input. options_parse reads the words;
 * when it accepts them, the chain they name is built by the program's own
 * builder (chain_build) and drained into the real sink. Invariants: a refusal has
 * a message; an accepted command line names only stages it built, with
 * their options spelled as given; settings stay in their ranges; the chain
 * ends or fails with a message, and no stage hands out a line longer than
 * twice --max-line (but -c's count and -l's names). */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/chain.h"
#include "base/diag.h"
#include "fuzz.h"
#include "options.h"
#include "input/reader.h"
#include "output/sink.h"

#define MAX_WORDS 24
/* Sizes and limits the harness runs with, whatever the command line says:
 * what the parser accepts is checked first, but a run must stay small and
 * fast, so that the fuzzer spends its time on parsing and stages. */
#define RUN_SIZE_CAP ((size_t)1 << 16)
#define RUN_MATCH_LIMIT 100000u
/* No stage builds a line from its input longer than twice --max-line;
 * -c's line is a number of its own, up to 20 digits, whatever --max-line
 * (fuzz_options found -c's "123" under --max-line=1), and -l's lines are
 * FILE names. */
#define COUNT_DIGITS 20

static void
check_accepted(const struct options *options, int argc, char **words)
{
	const struct settings *settings = &options->settings;
	size_t i, letters = 0;
	int word;

	/* Each stage takes a letter of the command line at least. */
	for (word = 1; word < argc; word++)
		letters += strlen(words[word]);
	FUZZ_CHECK(options->stage_count <= letters,
	    "%zu stages from %zu letters", options->stage_count, letters);
	FUZZ_CHECK(settings->buffer_size >= 1 && settings->max_line >= 1,
	    "a size of 0");
	FUZZ_CHECK(settings->terminator == '\n' || settings->terminator == '\0',
	    "terminator %d", settings->terminator);
	FUZZ_CHECK(settings->delimiter == NULL || settings->delimiter[0] != '\0',
	    "an empty delimiter was accepted");
	FUZZ_CHECK((unsigned)settings->long_lines <= LONG_LINES_SKIP,
	    "policy %d", (int)settings->long_lines);
	for (i = 0; i < options->stage_count; i++) {
		const struct stage_spec *spec = &options->stages[i];

		FUZZ_CHECK(spec->build != NULL, "stage %zu has no builder", i);
		FUZZ_CHECK(spec->option[0] == '-' && spec->option[1] != '\0',
		    "stage %zu spelled \"%s\"", i, spec->option);
	}
	/* The FILEs are the words after the options, in order. */
	for (i = 0; i < options->file_count; i++)
		FUZZ_CHECK(options->files[i] == words[argc -
		    (int)options->file_count + (int)i], "FILE %zu", i);
}

/* Builds the chain over input with chain_build, and drains it. */
static void
run_chain(const struct options *options, const uint8_t *input, size_t len)
{
	struct options run = *options;
	struct settings *settings = &run.settings;
	char *path = fuzz_input(0, input, len);
	struct stage *last;
	struct diag diag;
	struct sink sink;
	struct line line;
	int result = 0, written = 0;
	/* -c's count and -l's names are records of their own, bounded by
	 * what they are (a number, a FILE's name), not by --max-line; a
	 * stage after them may hand one on as it is (-l -f 1). */
	int own_records = 0;
	size_t own_bound = strlen(path) > COUNT_DIGITS ? strlen(path)
	    : COUNT_DIGITS;

	for (size_t i = 0; i < options->stage_count; i++)
		own_records |= options->stages[i].new_records;
	settings->prefilter = 0;
	/* --follow (or --fo) waits for the FILE to grow, for ever: what it
	 * reads is tested in 138-follow, not here. */
	settings->follow = FOLLOW_NONE;
	if (settings->buffer_size > RUN_SIZE_CAP)
		settings->buffer_size = RUN_SIZE_CAP;
	if (settings->max_line > RUN_SIZE_CAP)
		settings->max_line = RUN_SIZE_CAP;
	if (settings->match_limit == 0 ||
	    settings->match_limit > RUN_MATCH_LIMIT)
		settings->match_limit = RUN_MATCH_LIMIT;
	diag_init(&diag, NULL);
	FUZZ_CHECK(sink_init(&sink, fuzz_output(), "(fuzz output)",
	    settings) == 0, "sink_init failed");
	last = chain_build(&run, &path, 1, &diag);
	if (last == NULL) {
		FUZZ_CHECK(diag.message[0] != '\0',
		    "the chain was refused without a message");
		result = -1;
	}
	while (result == 0 && (result = stage_next(last, &line)) == 1) {
		FUZZ_CHECK(line.len <= stage_line_limit(settings) ||
		    (own_records && line.len <= own_bound),
		    "a line of %zu bytes, over twice --max-line", line.len);
		FUZZ_CHECK(line.ptr != NULL || line.len == 0, "a NULL line");
		written = sink_write(&sink, &line, &diag);
		FUZZ_CHECK(written == 0, "sink_write: %s", diag.message);
		result = 0;
	}
	if (result == 0)
		FUZZ_CHECK(sink_flush(&sink, &diag) == 0, "sink_flush: %s",
		    diag.message);
	else
		FUZZ_CHECK(result == -1 && diag.message[0] != '\0',
		    "the chain ended with %d and no message", result);
	stage_free_chain(last);
	sink_free(&sink);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *words[MAX_WORDS + 2], *at;
	const uint8_t *input = NULL;
	size_t input_len = 0;
	struct options options;
	struct diag diag;
	int argc = 1;

	FUZZ_CHECK(copy != NULL, "out of memory");
	memcpy(copy, data, size);
	copy[size] = '\0';
	words[0] = (char *)"sluice";
	for (at = copy; at < copy + size && argc <= MAX_WORDS; ) {
		size_t len = strlen(at);

		if (len == 0) {
			input = data + (at - copy) + 1;
			input_len = size - (size_t)(at - copy) - 1;
			break;
		}
		words[argc++] = at;
		at += len + 1;
	}
	words[argc] = NULL;
	diag_init(&diag, NULL);
	if (options_parse(&options, argc, words, &diag) != 0) {
		FUZZ_CHECK(diag.message[0] != '\0', "refused without a message");
		FUZZ_CHECK(options.stages == NULL, "a refusal kept its stages");
	} else {
		check_accepted(&options, argc, words);
		if (options.action == ACTION_RUN)
			run_chain(&options, input != NULL ? input
			    : (const uint8_t *)"", input_len);
		options_free(&options);
	}
	free(copy);
	return 0;
}
