/* filter.c: the filter stage (-m keeps, -v drops the lines in which a
 * pattern matches); kept lines pass as the same view. Where it can, -m
 * asks the prefilter for the places in the reader's buffer where a match
 * may be, and passes over the lines before them without a PCRE2 call
 * each; PCRE2 still decides every line it is handed. The prefilter pays
 * per place it reports, so where most lines are candidates the filter
 * goes line by line for a while, and tries the prefilter again later.
 * With context (-A, -B, -C) it hands each line and its verdict to
 * context.c, which hands back groups; the prefilter then passes over
 * only the stretches where no group is open, all but the last lines of
 * them, which -B may need. */
#include <config.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "match/prefilter.h"
#include "input/reader.h"
#include "stages/context.h"
#include "stages/pattern.h"

/* How many candidate lines one scan of a block may propose: enough that a
 * scan covers many lines, few enough to be a fixed part of the stage. */
#define FILTER_CANDIDATES 256

/* Where the prefilter pays: a line it passes over saves a PCRE2 call and
 * PCRE2's scan of its bytes; a candidate line costs a search for its ends
 * and a PCRE2 call all the same, and every place the prefilter reports
 * costs a callback. Weighed in eighths of a nanosecond, as measured on
 * the dense task of scripts/bench (doc/bench.md): when the costs outweigh
 * the savings, PCRE2 on every line is faster. */
#define COST_PER_REPORT 32
#define COST_PER_CANDIDATE 1200
#define SAVED_PER_LINE 160
#define SAVED_PER_BYTE_FAST_START 1	/* regex_finds_start_fast */
#define SAVED_PER_BYTE 8
/* The run of lines taken one by one after a dense stretch (settings.h's
 * prefilter_retry) doubles while the input stays dense, so that probing
 * costs little against a long dense input, up to this many lines. */
#define PER_LINE_LONGEST_RUN ((uint64_t)1 << 20)

struct filter {
	struct stage stage;
	struct regex *regex;
	int keep_matches;
	struct prefilter *prefilter;	/* NULL: line by line */
	/* The accelerator prefilter is made from, compiled once for the
	 * run; a worker's copy shares the main thread's (filter_share). */
	struct accelerator *accelerator;
	int owns_accelerator;
	struct stage *reader;		/* NULL: no prefilter can apply */
	struct regex_flags prefilter_flags;
	unsigned lines_until_prefilter;	/* see DEFAULT_PREFILTER_WARMUP */
	unsigned warmup_length;		/* the last warm-up's lines */
	unsigned warmup_matches;	/* how many of them matched */
	/* The candidates of the scanned part of the reader's block (the
	 * window), the next one to hand on, and how much of the window the
	 * reader has handed on. */
	struct prefilter_line candidates[FILTER_CANDIDATES];
	size_t candidate_count;
	size_t next_candidate;
	size_t consumed;
	size_t window_length;
	int window_complete;		/* no candidate after the last one */
	/* Pacing: the most bytes the next scan covers (shrunk where a scan
	 * proposed more candidates than fit, so no byte is scanned again and
	 * again), the lines and candidates of the window so far, and the
	 * lines still to take one by one. */
	size_t window_limit;
	uint64_t window_candidates;
	uint64_t window_reports;
	uint64_t passed_lines;
	uint64_t passed_bytes;
	uint64_t per_line_left;
	uint64_t per_line_run;
	unsigned per_line_first_run;
	unsigned saved_per_byte;
	const char *block;		/* the block being scanned */
	const char *accelerator_off;	/* why reader is NULL, for --explain */
	const struct settings *settings;
	const char *option;
	const char *pattern;
	struct diag *diag;
	/* -A, -B, -C: the groups being built; NULL without context. The
	 * line from above not yet taken in, and whether it was kept. */
	struct context *context;
	struct line held;
	int holding;
	int held_kept;
	int ended;		/* the stage above has ended */
	uint64_t context_lines_ahead;	/* to take one by one before the
					 * prefilter looks again */
	uint64_t window_base;	/* the reader's bytes out at the window's
				 * start (filter_context_distance) */
};

/* The window ends just after a terminator: at most limit bytes of the
 * block, or the block's first line where that is longer. */
static size_t
window_length(const char *block, size_t length, size_t limit)
{
	const char *end;

	if (length <= limit)
		return length;
	end = memrchr(block, '\n', limit);
	if (end == NULL)
		end = memchr(block + limit, '\n', length - limit);
	return (size_t)(end + 1 - block);
}

static void filter_count_passed(struct filter *, const char *records,
    size_t len, uint64_t count);

/* Passes over the next len bytes of the window, counting what it saved. */
static void
filter_pass_over(struct filter *filter, size_t len)
{
	uint64_t lines = reader_skip(filter->reader, len);

	filter_count_passed(filter, filter->block + filter->consumed, len,
	    lines);
	filter->passed_lines += lines;
	filter->passed_bytes += len;
	filter->consumed += len;
}

/* The candidates so far are handed on: weigh what the prefilter cost
 * against what it saved, and go line by line for a while where it lost. */
static void
filter_pace(struct filter *filter)
{
	uint64_t cost = filter->window_reports * COST_PER_REPORT +
	    filter->window_candidates * COST_PER_CANDIDATE;
	uint64_t saved = filter->passed_lines * SAVED_PER_LINE +
	    filter->passed_bytes * filter->saved_per_byte;

	if (filter->window_candidates == 0)
		return;
	if (cost > saved && filter->per_line_first_run > 0) {
		filter->per_line_left = filter->per_line_run;
		if (filter->per_line_run < PER_LINE_LONGEST_RUN)
			filter->per_line_run *= 2;
	} else {
		filter->per_line_run = filter->per_line_first_run;
	}
	filter->window_candidates = filter->window_reports = 0;
	filter->passed_lines = filter->passed_bytes = 0;
}

/* Moves the reader to the next line the prefilter proposes, passing over
 * the lines it rules out; where there is no block to scan, the reader is
 * left where it is and the next line goes to PCRE2 as it comes. */
static int
filter_skip_ahead(struct filter *filter)
{
	for (;;) {
		const struct prefilter_line *candidate;
		const char *block;
		size_t block_length;
		unsigned long long reports;
		int found;

		if (filter->next_candidate < filter->candidate_count) {
			candidate = &filter->candidates[filter->next_candidate++];
			filter_pass_over(filter,
			    candidate->start - filter->consumed);
			filter->consumed = candidate->end + 1;
			filter->window_candidates++;
			return 0;
		}
		if (filter->window_complete)
			filter_pass_over(filter,
			    filter->window_length - filter->consumed);
		filter_pace(filter);
		filter->candidate_count = filter->next_candidate = 0;
		filter->consumed = filter->window_length = 0;
		filter->window_complete = 0;
		if (filter->per_line_left > 0)
			return 0;
		block_length = reader_block(filter->reader, &block);
		if (block_length == 0)
			return 0;
		filter->window_length = window_length(block, block_length,
		    filter->window_limit);
		filter->block = block;
		found = prefilter_lines(filter->prefilter, block,
		    filter->window_length, filter->candidates,
		    FILTER_CANDIDATES, &filter->window_complete, &reports);
		if (found < 0)
			return diag_fail(filter->diag, "%s '%s': the prefilter "
			    "failed to scan", filter->option, filter->pattern);
		filter->window_reports += reports;
		if (!filter->window_complete)
			filter->window_limit = filter->candidates[found - 1].end
			    + 1;
		else if (filter->window_limit < block_length)
			filter->window_limit *= 2;
		filter->candidate_count = (size_t)found;
	}
}

/* The warm-up is over: build the accelerator, which takes the place of
 * the plain-string prefilter where the pattern had one. */
static void
filter_build_prefilter(struct filter *filter)
{
	struct prefilter *accelerator;
	/* With context, a line in a group counts as a match: the prefilter
	 * is asked only between groups, so where groups cover most lines it
	 * would never be, and its library's pages would be memory spent for
	 * nothing; it keeps looking, however long the input. */
	int dense = filter->context != NULL || filter->prefilter == NULL
	    ? filter->warmup_matches * 2 > filter->warmup_length
	    : filter->per_line_left > 0;
	unsigned longest = filter->context != NULL ? UINT_MAX / 4
	    : PER_LINE_LONGEST_RUN;

	/* Where most warm-up lines matched, or the plain-string prefilter
	 * is pacing itself line by line, the accelerator would lose to PCRE2
	 * line by line (see filter_pace) and its build costs a fork and a
	 * compile: look again after a warm-up twice as long. */
	if (filter->per_line_first_run > 0 && filter->warmup_length < longest &&
	    dense) {
		filter->warmup_length *= 2;
		filter->lines_until_prefilter = filter->warmup_length;
		filter->warmup_matches = 0;
		return;
	}
	accelerator = filter->accelerator != NULL
	    ? prefilter_new_accelerated(filter->accelerator) : NULL;

	if (accelerator != NULL) {
		prefilter_free(filter->prefilter);
		filter->prefilter = accelerator;
	} else if (filter->prefilter == NULL) {
		filter->reader = NULL;
	}
}

static int
filter_next(struct stage *stage, struct line *out)
{
	struct filter *filter = (struct filter *)stage;

	for (;;) {
		size_t start, end;
		int result, found;

		if (filter->lines_until_prefilter > 0 &&
		    --filter->lines_until_prefilter == 0)
			filter_build_prefilter(filter);
		if (filter->per_line_left > 0)
			filter->per_line_left--;
		else if (filter->prefilter != NULL &&
		    filter_skip_ahead(filter) != 0)
			return -1;
		result = stage_next(stage->up, out);
		if (result != 1)
			return result;
		found = regex_find(filter->regex, out->ptr, out->len, 0, 0,
		    &start, &end);
		if (found < 0)
			return pattern_match_error(filter->diag, out,
			    filter->option, filter->pattern, found);
		if (filter->lines_until_prefilter > 0)
			filter->warmup_matches += (unsigned)found;
		if (found == filter->keep_matches)
			return 1;
	}
}

/* With context, the candidates of the window last scanned stay good
 * while lines of it are still to come: each is placed by the reader's
 * bytes handed out so far (its stats), the window's start at window_base,
 * since lines come one by one between passes. Where none is left ahead,
 * the rest of the window holds no candidate; past it, the next scan
 * starts at the reader's next line. The bytes from the reader's next
 * line to the next candidate (or to the window's end), or SIZE_MAX
 * where a new scan found the block empty; *found: a candidate ends it. */
static size_t
filter_context_distance(struct filter *filter, int *found)
{
	uint64_t at = filter->reader->stats.bytes_out;
	unsigned long long reports;
	const char *block;
	size_t length;
	int complete, count;

	while (filter->next_candidate < filter->candidate_count &&
	    filter->window_base +
	    filter->candidates[filter->next_candidate].start < at)
		filter->next_candidate++;
	*found = filter->next_candidate < filter->candidate_count;
	if (*found)
		return (size_t)(filter->window_base +
		    filter->candidates[filter->next_candidate].start - at);
	if (at < filter->window_base + filter->window_length)
		return (size_t)(filter->window_base + filter->window_length -
		    at);
	filter->candidate_count = filter->next_candidate = 0;
	filter->window_length = 0;
	length = reader_block(filter->reader, &block);
	if (length == 0)
		return SIZE_MAX;
	length = window_length(block, length, filter->window_limit);
	count = prefilter_lines(filter->prefilter, block, length,
	    filter->candidates, FILTER_CANDIDATES, &complete, &reports);
	if (count < 0) {
		diag_fail(filter->diag, "%s '%s': the prefilter failed to "
		    "scan", filter->option, filter->pattern);
		return SIZE_MAX - 1;
	}
	filter->window_base = at;
	filter->candidate_count = (size_t)count;
	/* Past the last candidate of a scan that found more than it could
	 * hold, the window is not known to be empty: it ends there. */
	filter->window_length = complete ? length
	    : filter->candidates[count - 1].end + 1;
	*found = count > 0;
	return count > 0 ? filter->candidates[0].start : length;
}

/* With context: 1 when the reader's next line lies in the window last
 * scanned and is none of its candidates, so cannot match: the lines
 * before a candidate that -B keeps, and those after a group's, need no
 * PCRE2 call. */
static int
filter_context_rules_out(struct filter *filter)
{
	uint64_t at;

	if (filter->prefilter == NULL || filter->reader == NULL)
		return 0;
	at = filter->reader->stats.bytes_out;
	while (filter->next_candidate < filter->candidate_count &&
	    filter->window_base +
	    filter->candidates[filter->next_candidate].start < at)
		filter->next_candidate++;
	if (filter->next_candidate < filter->candidate_count)
		return at < filter->window_base +
		    filter->candidates[filter->next_candidate].start;
	return at < filter->window_base + filter->window_length;
}

/* With context, where no group is open: passes over the lines before the
 * next line the prefilter proposes (or to the end of the window, where
 * it proposes none), but for the last -B of them, which the context must
 * hold; those, and the proposed line, are then taken one by one. */
static int
filter_context_skip(struct filter *filter)
{
	uint64_t before = context_before(filter->context), lines;
	const char *block;
	size_t skip, n;
	int found;

	skip = filter_context_distance(filter, &found);
	if (skip == SIZE_MAX - 1)
		return -1;
	if (skip == SIZE_MAX || skip == 0 ||
	    reader_block(filter->reader, &block) < skip) {
		filter->context_lines_ahead = found ? 1 : 0;
		return 0;
	}
	for (n = 0; n < before && skip > 0; n++) {
		const char *end = memrchr(block, '\n', skip - 1);

		skip = end != NULL ? (size_t)(end + 1 - block) : 0;
	}
	filter->context_lines_ahead = before + (found ? 1 : 0);
	if (skip == 0)
		return 0;
	lines = reader_skip(filter->reader, skip);
	filter_count_passed(filter, block, skip, lines);
	context_pass_over(filter->context);
	/* The warm-up weighs the lines in groups against all lines, those
	 * passed over too (they match nothing); it still ends on a line
	 * taken. */
	if (filter->lines_until_prefilter > 1)
		filter->lines_until_prefilter -= lines <
		    filter->lines_until_prefilter - 1 ? (unsigned)lines
		    : filter->lines_until_prefilter - 1;
	return 0;
}

/* With context: each line and whether it is kept go to context.c, which
 * hands back the groups; a line it could not take in yet (a group came
 * out first) is handed to it again, still valid, since the stage above is
 * not asked for another until it is taken. */
static int
filter_next_context(struct stage *stage, struct line *out)
{
	struct filter *filter = (struct filter *)stage;

	for (;;) {
		int result;

		if (filter->ended)
			return context_end(filter->context, out);
		if (!filter->holding) {
			size_t start = 0, end = 0;
			int found, ruled_out;

			if (filter->lines_until_prefilter > 0 &&
			    --filter->lines_until_prefilter == 0)
				filter_build_prefilter(filter);
			if (filter->context_lines_ahead > 0)
				filter->context_lines_ahead--;
			else if (filter->prefilter != NULL &&
			    filter->reader != NULL &&
			    !context_group_open(filter->context) &&
			    filter_context_skip(filter) != 0)
				return -1;
			ruled_out = filter_context_rules_out(filter);
			result = stage_next(stage->up, &filter->held);
			if (result < 0)
				return result;
			if (result == 0) {
				filter->ended = 1;
				continue;
			}
			found = ruled_out ? 0 : regex_find(filter->regex,
			    filter->held.ptr, filter->held.len, 0, 0, &start,
			    &end);
			if (found < 0)
				return pattern_match_error(filter->diag,
				    &filter->held, filter->option,
				    filter->pattern, found);
			filter->held_kept = found == filter->keep_matches;
			if (filter->lines_until_prefilter > 0)
				filter->warmup_matches += (unsigned)(found ||
				    context_group_open(filter->context));
			filter->holding = 1;
		}
		result = context_add(filter->context, &filter->held,
		    filter->held_kept, out);
		if (result == CONTEXT_GROUP)
			return 1;
		if (result == CONTEXT_FULL)
			return stage_line_too_long(filter->diag, &filter->held,
			    filter->option, filter->pattern,
			    stage_line_limit(filter->settings));
		filter->holding = 0;
	}
}

/* stage_ops.skip_file: the window is of the reader's buffer, whose
 * records of the FILE are gone once it is ended; the next line starts a
 * new window, as at the start of a block. */
static int
filter_skip_file(struct stage *stage)
{
	struct filter *filter = (struct filter *)stage;

	if (!stage_skip_file(stage->up))
		return 0;
	filter->candidate_count = filter->next_candidate = 0;
	filter->consumed = filter->window_length = 0;
	filter->window_complete = 0;
	filter->block = NULL;
	return 1;
}

static void
filter_free(struct stage *stage)
{
	struct filter *filter = (struct filter *)stage;

	prefilter_free(filter->prefilter);
	context_free(filter->context);
	if (filter->owns_accelerator)
		accelerator_free(filter->accelerator);
	regex_free(filter->regex);
	free(filter);
}

static void
filter_share(struct stage *stage, const struct stage *original_stage)
{
	struct filter *filter = (struct filter *)stage;
	const struct filter *original = (const struct filter *)original_stage;

	if (filter->accelerator == NULL || original->accelerator == NULL)
		return;
	if (filter->owns_accelerator)
		accelerator_free(filter->accelerator);
	filter->accelerator = original->accelerator;
	filter->owns_accelerator = 0;
}

static void filter_describe(const struct stage *, struct describe_out *);

/* -m passes most lines over where it can (the accelerator), so reading
 * is what limits it; -v tries every line. */
static const struct stage_ops filter_keep_ops = {
	.name = "filter",
	.flags = STAGE_PER_LINE | STAGE_READ_BOUND,
	.next = filter_next,
	.free = filter_free,
	.describe = filter_describe,
	.share = filter_share,
	.skip_file = filter_skip_file,
};

/* With context a filter looks at the lines around the ones it keeps, and
 * cannot end a FILE early: its group may hold lines of the FILE. */
static const struct stage_ops filter_context_keep_ops = {
	.name = "filter",
	.flags = STAGE_READ_BOUND,
	.next = filter_next_context,
	.free = filter_free,
	.describe = filter_describe,
};

static const struct stage_ops filter_context_drop_ops = {
	.name = "filter",
	.flags = 0,
	.next = filter_next_context,
	.free = filter_free,
	.describe = filter_describe,
};

static const struct stage_ops filter_drop_ops = {
	.name = "filter",
	.flags = STAGE_PER_LINE,
	.next = filter_next,
	.free = filter_free,
	.describe = filter_describe,
	.share = filter_share,
	.skip_file = filter_skip_file,
};

/* 1 when the pattern can see where a line starts or ends: an anchor or a
 * lookaround (or a verb such as (*UCP), to be safe); then taking bytes off
 * a line's ends, as strip and --crlf do, can make a match appear or go.
 * Inline options, non-capturing, named and atomic groups cannot, and
 * neither can \b or \B: strip and --crlf take only non-word bytes, so a
 * word boundary at a line's new edge was one before. Errs toward yes. */
static int
sees_line_edges(const char *pattern)
{
	const char *group;

	if (strpbrk(pattern, "^$") != NULL || strstr(pattern, "(*") != NULL)
		return 1;
	for (group = strstr(pattern, "(?"); group != NULL;
	    group = strstr(group + 2, "(?"))
		if (group[2] == '=' || group[2] == '!' || (group[2] == '<' &&
		    (group[3] == '=' || group[3] == '!')))
			return 1;
	return 0;
}

/* The reader the prefilter may pass lines over in, or NULL with the
 * reason in *why (for --explain). It must be right above this filter, or
 * above stages that only hand on a part of each line (strip), with a
 * pattern that cannot tell. */
static struct stage *
prefilter_reader(const struct stage_args *args, const struct regex *regex,
    const struct pattern_text *text, const struct regex_flags *flags,
    const char **why)
{
	const struct settings *settings = args->settings;
	struct stage *up = args->up;
	int narrowed = settings->crlf, stripped = 0;

	*why = args->variant != FILTER_KEEP ? "-v tries every line"
	    : settings->utf8 ? "--utf8"
	    : settings->terminator != '\n' ? "-z (records end with NUL)"
	    : settings->record_mode != RECORDS_LINES ? "records of several "
	    "lines: it proposes lines, not the records around them"
	    : regex_can_match_empty(regex) ? "the pattern can match an empty "
	    "string" : NULL;
	if (*why != NULL)
		return NULL;
	*why = prefilter_refusal(text->text, text->length, flags);
	if (*why != NULL)
		return NULL;
	while (up->ops->flags & STAGE_SUBSTRING_MAP) {
		up = up->up;
		narrowed = stripped = 1;
	}
	if (narrowed && !text->literal && sees_line_edges(text->text)) {
		*why = stripped ? "the pattern can see where a line starts or "
		    "ends (an anchor or a lookaround) and a strip stage comes "
		    "first" : "the pattern can see where a line starts or "
		    "ends (an anchor or a lookaround) and --crlf takes a \\r "
		    "off";
		return NULL;
	}
	if (!reader_is(up)) {
		*why = "a stage before it (other than strip) changes lines";
		return NULL;
	}
	return up;
}

/* Where the prefilter can stand in for PCRE2, the reader it passes lines
 * over in, the plain-string prefilter (from the first line) and the
 * accelerator (after the warm-up), for the pattern as compiled (-w and
 * -x wrap it). */
static void
filter_set_up_prefilter(struct filter *filter, const struct stage_args *args)
{
	struct pattern_text text;

	if (pattern_text(args, args->arg, strlen(args->arg), 1, &text) != 0) {
		filter->accelerator_off = "out of memory";
		return;
	}
	filter->prefilter_flags.caseless = args->settings->ignore_case;
	filter->prefilter_flags.literal = text.literal;
	filter->reader = prefilter_reader(args, filter->regex, &text,
	    &filter->prefilter_flags, &filter->accelerator_off);
	if (filter->reader != NULL) {
		filter->lines_until_prefilter = filter->warmup_length =
		    args->settings->prefilter_warmup > 0
		    ? args->settings->prefilter_warmup : 1;
		filter->prefilter = prefilter_new_literal(text.text,
		    text.length, &filter->prefilter_flags);
		filter->accelerator = accelerator_new(text.text, text.length,
		    &filter->prefilter_flags);
		filter->owns_accelerator = 1;
	}
	pattern_text_free(&text);
}

/* The context of -A, -B, -C, where they were given. 0, or -1 with the
 * reason in diag. */
static int
filter_set_up_context(struct filter *filter, const struct stage_args *args)
{
	const struct context_spec *spec = &args->context;

	if (spec->before > CONTEXT_MAX_BEFORE)
		return diag_fail(args->diag, "%s '%s': -B (or -C) %llu: at most "
		    "%d records before a match can be held", args->option,
		    args->arg, (unsigned long long)spec->before,
		    CONTEXT_MAX_BEFORE);
	filter->context = context_new(spec->before, spec->after,
	    args->settings->max_line, stage_line_limit(args->settings),
	    args->settings->terminator);
	if (filter->context == NULL)
		return diag_fail(args->diag, "out of memory");
	return 0;
}

struct stage *
filter_new(const struct stage_args *args)
{
	const struct stage_ops *ops = args->variant == FILTER_KEEP
	    ? args->context.given ? &filter_context_keep_ops : &filter_keep_ops
	    : args->context.given ? &filter_context_drop_ops : &filter_drop_ops;
	struct filter *filter = stage_alloc(args, sizeof *filter, ops);

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
	filter->accelerator_off = "--no-accelerator";
	if (args->context.given && filter_set_up_context(filter, args) != 0) {
		filter_free(&filter->stage);
		return NULL;
	}
	if (args->settings->prefilter)
		filter_set_up_prefilter(filter, args);
	filter->window_limit = args->settings->buffer_size;
	filter->per_line_run = filter->per_line_first_run =
	    args->settings->prefilter_retry;
	filter->saved_per_byte = regex_finds_start_fast(filter->regex)
	    ? SAVED_PER_BYTE_FAST_START : SAVED_PER_BYTE;
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

/* The reader counts the lines the prefilter passes over as handed out;
 * the stages between it and this filter (strip) never see them, so they
 * are counted here as if they had, to keep every stage's lines in equal
 * to the lines out of the one above. Their bytes out depend on each line,
 * so only --stats pays for them: each of the count records (len bytes at
 * records) is put through those stages' map, as strip_next would. */
static void
filter_count_passed(struct filter *filter, const char *records, size_t len,
    uint64_t count)
{
	const char *end = records + len;
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
			LINE_END_PLAIN, 0, NULL
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
 * Hyperscan itself. A plain-string pattern has a prefilter of its own
 * (memmem) from the first line. */
static void
filter_describe(const struct stage *stage, struct describe_out *out)
{
	const struct filter *filter = (const struct filter *)stage;
	const struct settings *settings = filter->settings;
	const char *plain = filter->prefilter != NULL ? "; a plain string: "
	    "memmem passes lines over from the first line" : "";
	unsigned warmup = settings->prefilter_warmup > 0
	    ? settings->prefilter_warmup : 1;
	char text[160], engine[128];
	struct prefilter *trial;

	regex_describe(filter->regex, text, sizeof text);
	describe_add(out, "%s", text);
	describe_add(out, "keeps lines in which it %s",
	    filter->keep_matches ? "matches" : "does not match");
	if (filter->context != NULL)
		describe_add(out, "context: %llu lines before and %llu after "
		    "each it keeps; groups that overlap or touch merge, and "
		    "each goes on as one record, in pieces of whole lines "
		    "past --max-line", (unsigned long long)
		    context_before(filter->context), (unsigned long long)
		    context_after(filter->context));
	if (filter->reader == NULL) {
		describe_add(out, "accelerator: no (%s)",
		    filter->accelerator_off);
		return;
	}
	if (settings->max_line < settings->buffer_size) {
		describe_add(out, "accelerator: no (--max-line is below "
		    "--buffer-size, so the reader hands out no blocks)");
		return;
	}
	if (!prefilter_engine(engine, sizeof engine)) {
#ifdef HAVE_HYPERSCAN
		describe_add(out, "accelerator: no (Hyperscan cannot be "
		    "loaded or cannot run on this CPU)%s", plain);
#else
		describe_add(out, "accelerator: no (built without Hyperscan)%s",
		    plain);
#endif
		return;
	}
	trial = filter->accelerator != NULL
	    ? prefilter_new_accelerated(filter->accelerator) : NULL;
	if (trial == NULL) {
		describe_add(out, "accelerator: no (%s cannot take the "
		    "pattern)%s", engine, plain);
		return;
	}
	prefilter_free(trial);
	describe_add(out, "accelerator: %s, from line %u on%s", engine, warmup,
	    filter->prefilter != NULL ? " (before it, memmem: the pattern "
	    "is a plain string)" : "");
	if (filter->context != NULL)
		describe_add(out, "with context, only where no group is open "
		    "(the last %llu lines before a proposed one are taken one "
		    "by one)", (unsigned long long)
		    context_before(filter->context));
	else if (settings->prefilter_retry > 0)
		describe_add(out, "where most lines match, line by line for "
		    "%u lines or more before trying it again",
		    settings->prefilter_retry);
}
