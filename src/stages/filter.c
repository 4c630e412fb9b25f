/* filter.c: the filter stage (-m keeps, -v drops the lines in which a
 * pattern matches); kept lines pass as the same view. Where it can, -m
 * asks the prefilter for the first place in the reader's buffer where a
 * match may be, and passes over the lines before it without a PCRE2 call
 * each; PCRE2 still decides every line it is handed. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "../prefilter.h"
#include "../reader.h"
#include "pattern.h"

/* How many candidate lines one scan of a block may propose: enough that a
 * scan covers many lines, few enough to be a fixed part of the stage. */
#define FILTER_CANDIDATES 256

struct filter {
	struct stage stage;
	struct regex *regex;
	int keep_matches;
	struct prefilter *prefilter;	/* NULL: line by line */
	struct stage *reader;		/* NULL: no prefilter can apply */
	struct regex_flags prefilter_flags;
	unsigned lines_until_prefilter;	/* see DEFAULT_PREFILTER_WARMUP */
	/* The candidates of the reader's current block, the next one to
	 * hand on, and how much of the block the reader has handed on. */
	struct prefilter_line candidates[FILTER_CANDIDATES];
	size_t candidate_count;
	size_t next_candidate;
	size_t consumed;
	size_t block_length;
	int block_complete;		/* no candidate after the last one */
	const char *block;		/* the block being scanned */
	const char *accelerator_off;	/* why reader is NULL, for --explain */
	const struct settings *settings;
	const char *option;
	const char *pattern;
	struct diag *diag;
};

static void filter_pass(struct filter *, size_t len);

/* Moves the reader to the next line the prefilter proposes, passing over
 * the lines it rules out; where there is no block to scan, the reader is
 * left where it is and the next line goes to PCRE2 as it comes. */
static int
filter_skip_ahead(struct filter *filter)
{
	for (;;) {
		const struct prefilter_line *candidate;
		const char *block;
		int found;

		if (filter->next_candidate < filter->candidate_count) {
			candidate = &filter->candidates[filter->next_candidate++];
			filter_pass(filter,
			    candidate->start - filter->consumed);
			filter->consumed = candidate->end + 1;
			return 0;
		}
		if (filter->candidate_count > 0 && filter->block_complete)
			filter_pass(filter,
			    filter->block_length - filter->consumed);
		filter->candidate_count = filter->next_candidate = 0;
		filter->consumed = 0;
		filter->block_length = reader_block(filter->reader, &block);
		if (filter->block_length == 0)
			return 0;
		filter->block = block;
		found = prefilter_lines(filter->prefilter, block,
		    filter->block_length, filter->candidates, FILTER_CANDIDATES,
		    &filter->block_complete);
		if (found < 0)
			return diag_fail(filter->diag, "%s '%s': the prefilter "
			    "failed to scan", filter->option, filter->pattern);
		if (found == 0)
			filter_pass(filter, filter->block_length);
		filter->candidate_count = (size_t)found;
	}
}

static int
filter_next(struct stage *stage, struct line *out)
{
	struct filter *filter = (struct filter *)stage;

	for (;;) {
		size_t start, end;
		int result, found;

		if (filter->reader != NULL && filter->prefilter == NULL &&
		    --filter->lines_until_prefilter == 0) {
			filter->prefilter = prefilter_new(filter->pattern,
			    strlen(filter->pattern), &filter->prefilter_flags);
			if (filter->prefilter == NULL)
				filter->reader = NULL;
		}
		if (filter->prefilter != NULL && filter_skip_ahead(filter) != 0)
			return -1;
		result = stage_next(stage->up, out);
		if (result != 1)
			return result;
		found = regex_find(filter->regex, out->ptr, out->len, 0, 0,
		    &start, &end);
		if (found < 0)
			return pattern_match_error(filter->diag, out,
			    filter->option, filter->pattern, found);
		if (found == filter->keep_matches)
			return 1;
	}
}

static void
filter_free(struct stage *stage)
{
	struct filter *filter = (struct filter *)stage;

	prefilter_free(filter->prefilter);
	regex_free(filter->regex);
	free(filter);
}

static void filter_describe(const struct stage *, struct describe_out *);

static const struct stage_ops filter_ops = {
	"filter", 0, filter_next, filter_free, filter_describe, NULL
};

/* 1 when the pattern can look at where a line starts or ends (anchors,
 * word boundaries, lookarounds, inline options): then taking bytes off a
 * line's ends, as strip and --crlf do, can make a match appear. */
static int
sees_line_edges(const char *pattern)
{
	return strpbrk(pattern, "^$") != NULL || strstr(pattern, "(?") ||
	    strstr(pattern, "\\b") != NULL || strstr(pattern, "\\B") != NULL;
}

/* The reader the prefilter may pass lines over in, or NULL with the
 * reason in *why (for --explain). It must be right above this filter, or
 * above stages that only hand on a part of each line (strip), with a
 * pattern that cannot tell. */
static struct stage *
prefilter_reader(const struct stage_args *args, const struct regex *regex,
    const char **why)
{
	const struct settings *settings = args->settings;
	const char *pattern = args->arg;
	struct stage *up = args->up;
	int narrowed = settings->crlf, stripped = 0;

	*why = args->variant != FILTER_KEEP ? "-v tries every line"
	    : settings->utf8 ? "--utf8"
	    : settings->terminator != '\n' ? "-z (records end with NUL)"
	    : regex_can_match_empty(regex) ? "the pattern can match an empty "
	    "string" : NULL;
	if (*why != NULL)
		return NULL;
	/* Anchors on the whole subject would see the block, not the line. */
	if (!settings->fixed_strings && (strstr(pattern, "\\A") ||
	    strstr(pattern, "\\z") || strstr(pattern, "\\Z") ||
	    strstr(pattern, "\\G"))) {
		*why = "the pattern has \\A, \\z, \\Z or \\G, which would see "
		    "the block, not the line";
		return NULL;
	}
	while (up->ops->flags & STAGE_SUBSTRING_MAP) {
		up = up->up;
		narrowed = stripped = 1;
	}
	if (narrowed && !settings->fixed_strings && sees_line_edges(pattern)) {
		*why = stripped ? "the pattern can see where a line starts or "
		    "ends (an anchor, \\b, a lookaround or an inline option) "
		    "and a strip stage comes first" : "the pattern can see "
		    "where a line starts or ends (an anchor, \\b, a "
		    "lookaround or an inline option) and --crlf takes a \\r "
		    "off";
		return NULL;
	}
	if (!reader_is(up)) {
		*why = "a stage before it (other than strip) changes lines";
		return NULL;
	}
	return up;
}

struct stage *
filter_new(const struct stage_args *args)
{
	struct filter *filter = stage_alloc(args, sizeof *filter, &filter_ops);

	if (filter == NULL)
		return NULL;
	filter->keep_matches = args->variant == FILTER_KEEP;
	filter->option = args->option;
	filter->pattern = args->arg;
	filter->diag = args->diag;
	filter->regex = pattern_compile(args, args->arg, strlen(args->arg), 1,
	    NULL);
	if (filter->regex == NULL) {
		free(filter);
		return NULL;
	}
	filter->settings = args->settings;
	filter->accelerator_off = "turned off";
	if (args->settings->prefilter)
		filter->reader = prefilter_reader(args, filter->regex,
		    &filter->accelerator_off);
	filter->prefilter_flags.caseless = args->settings->ignore_case;
	filter->prefilter_flags.literal = args->settings->fixed_strings;
	filter->lines_until_prefilter = args->settings->prefilter_warmup > 0
	    ? args->settings->prefilter_warmup : 1;
	return &filter->stage;
}

/* Puts a passed-over line through the stages between the reader and the
 * filter, from the top, and counts what each would have handed on. */
static void
filter_count_bytes(struct stage *stage, const struct stage *reader,
    struct line *line)
{
	if (stage == reader)
		return;
	filter_count_bytes(stage->up, reader, line);
	stage->ops->map(stage, line);
	stage->stats.bytes_out += line->len + (unsigned)line->eol;
}

/* Passes the block's next len bytes of whole records over. The reader
 * counts them as handed out; the stages between it and this filter
 * (strip) never see them, so they are counted here as if they had, to
 * keep every stage's lines in equal to the lines out of the one above.
 * Their bytes out depend on each line, so only --stats pays for them:
 * each record is put through those stages' map, as strip_next would. */
static void
filter_pass(struct filter *filter, size_t len)
{
	const char *records = filter->block + filter->consumed;
	const char *end = records + len;
	uint64_t count = reader_skip(filter->reader, len);
	struct stage *stage;

	if (filter->stage.up == filter->reader)
		return;
	for (stage = filter->stage.up; stage != filter->reader;
	    stage = stage->up)
		stage->stats.lines_out += count;
	if (filter->settings->stats == STATS_OFF)
		return;
	while (records < end) {
		const char *terminator = memchr(records, '\n',
		    (size_t)(end - records));
		struct line line = {
			records, (size_t)(terminator - records), 0, NULL,
			LINE_END_PLAIN
		};

		if (filter->settings->crlf && line.len > 0 &&
		    records[line.len - 1] == '\r') {
			line.len--;
			line.eol = LINE_END_CRLF;
		}
		filter_count_bytes(filter->stage.up, filter->reader, &line);
		records = terminator + 1;
	}
}

/* --explain: the pattern, and whether the accelerator will run and why
 * not; where it would, whether Hyperscan can take the pattern is asked of
 * Hyperscan itself. */
static void
filter_describe(const struct stage *stage, struct describe_out *out)
{
	const struct filter *filter = (const struct filter *)stage;
	const struct settings *settings = filter->settings;
	char text[160], engine[128];
	struct prefilter *trial;

	regex_describe(filter->regex, text, sizeof text);
	describe_add(out, "%s", text);
	describe_add(out, "keeps lines in which it %s",
	    filter->keep_matches ? "matches" : "does not match");
	if (filter->reader == NULL) {
		describe_add(out, "accelerator: no (%s)",
		    filter->accelerator_off);
		return;
	}
	if (!prefilter_engine(engine, sizeof engine)) {
#ifdef HAVE_HYPERSCAN
		describe_add(out, "accelerator: no (Hyperscan cannot be "
		    "loaded or cannot run on this CPU)");
#else
		describe_add(out, "accelerator: no (built without Hyperscan)");
#endif
		return;
	}
	if (settings->max_line < settings->buffer_size) {
		describe_add(out, "accelerator: no (--max-line is below "
		    "--buffer-size, so the reader hands out no blocks)");
		return;
	}
	trial = prefilter_new(filter->pattern, strlen(filter->pattern),
	    &filter->prefilter_flags);
	if (trial == NULL) {
		describe_add(out, "accelerator: no (%s cannot take the "
		    "pattern)", engine);
		return;
	}
	prefilter_free(trial);
	describe_add(out, "accelerator: %s, from line %u on", engine,
	    settings->prefilter_warmup > 0 ? settings->prefilter_warmup : 1);
}
