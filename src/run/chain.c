/* chain.c: builds the chain the options name (see chain.h): the reader,
 * each stage in command-line order, the threads where they help, and the
 * colour stage last; and drains it into the sink. What a stage can do is
 * read from its stage_ops, never from what kind it is. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "run/chain.h"
#include "run/parallel.h"
#include "run/records.h"
#include "input/reader.h"

/* The -m or -o whose matches --color marks (the last one), or NULL when
 * colour is off or there is none, or when a stage after it makes records
 * of its own (-c, -l), where its matches are not. */
static const struct stage_spec *
color_source(const struct options *options)
{
	const struct settings *settings = &options->settings;
	const char *no_color = getenv("NO_COLOR");
	size_t i;

	if (settings->color == COLOR_NEVER || (settings->color == COLOR_AUTO &&
	    ((no_color != NULL && no_color[0] != '\0') ||
	    !settings->output_is_terminal)))
		return NULL;
	for (i = options->stage_count; i > 0; i--) {
		if (options->stages[i - 1].new_records)
			return NULL;
		if (options->stages[i - 1].highlights)
			return &options->stages[i - 1];
	}
	return NULL;
}

/* 1 when what reaches stage i of the command line (the colour stage at
 * stage_count) are records of several lines: the reader groups lines, or
 * a context filter before it hands groups on (SPEC 8: a group is one
 * record, its lines joined as a record's). */
static int
several_lines_reach(const struct options *options, size_t i)
{
	size_t before;

	if (options->settings.record_mode != RECORDS_LINES)
		return 1;
	for (before = 0; before < i; before++)
		if (options->stages[before].context.given)
			return 1;
	return 0;
}

/* --color: the colour stage goes last, so no stage sees a colour byte. */
static struct stage *
add_color(const struct options *options, struct stage *last,
    struct diag *diag)
{
	const struct stage_spec *source = color_source(options);
	struct stage_args args = {
		last, NULL, NULL, 0, &options->settings, diag, NO_CONTEXT, 0
	};
	struct stage *color;

	if (source == NULL)
		return last;
	args.several_lines = several_lines_reach(options, options->stage_count);
	args.arg = source->arg;
	args.option = source->option;
	color = color_new(&args);
	if (color == NULL)
		stage_free_chain(last);
	return color;
}

/* Stage i of the command line, over up. NULL on an error, described in
 * diag. */
static struct stage *
build_stage(const struct options *options, size_t i, struct stage *up,
    struct diag *diag)
{
	const struct stage_spec *spec = &options->stages[i];
	struct stage_args args = {
		up, spec->arg, spec->option, spec->variant, &options->settings,
		diag, spec->context, several_lines_reach(options, i)
	};

	/* The stage keeps what args points to, not args itself. */
	/* cppcheck-suppress returnDanglingLifetime */
	return spec->build(&args);
}

/* Stages from..to-1 of the command line over up. NULL on an error, and
 * then up is freed. */
static struct stage *
build_stages(const struct options *options, size_t from, size_t to,
    struct stage *up, struct diag *diag)
{
	struct stage *last = up;
	size_t i;

	for (i = from; i < to; i++) {
		struct stage *stage = build_stage(options, i, last, diag);

		if (stage == NULL) {
			stage_free_chain(last);
			return NULL;
		}
		last = stage;
	}
	return last;
}

/* parallel_builder: a worker's copy of the leading count stages. */
static struct stage *
build_worker_stages(const void *options, size_t count, struct stage *up,
    struct diag *diag)
{
	return build_stages(options, 0, count, up, diag);
}

/* The stages of chain, from the first after the reader, in *order (room
 * for every stage option); how many. */
static size_t
chain_order(const struct stage *chain, const struct stage **order,
    size_t room)
{
	const struct stage *stage;
	size_t count = 0, i;

	for (stage = chain; stage->up != NULL && count < room;
	    stage = stage->up)
		count++;
	for (stage = chain, i = count; i > 0; stage = stage->up)
		order[--i] = stage;
	return count;
}

/* 1 when order[i] ends FILEs early (-l) and every stage before it can
 * pass that on to the reader, as they can on one thread. */
static int
ends_files_early(const struct stage *const *order, size_t i)
{
	if (!(order[i]->ops->flags & STAGE_ENDS_FILES))
		return 0;
	while (i > 0)
		if (order[--i]->ops->skip_file == NULL)
			return 0;
	return 1;
}

/* Why the chain keeps to one thread, or NULL; *per_line is how many of
 * its leading stages look at one line alone. Without -j: where every
 * stage is bound by reading (measured on 256 MiB: T1 took 155 ms on two
 * threads, 143 ms on one; T3 597 against 828 ms), and where a stage
 * would end FILEs early (-l, --until), since threads read each FILE to
 * its end.
 * Whatever -j says:
 * --stats with a stage that ends the stream early, since threads run
 * ahead of what it takes, and --stats would count a stage's work on
 * lines that never reached the next one. */
static const char *
chain_keeps_one_thread(const struct options *options,
    const struct stage *const *order, size_t count, size_t *per_line)
{
	int read_bound = options->settings.threads == 0;
	size_t i;

	*per_line = 0;
	while (*per_line < count && order[*per_line]->ops->flags &
	    STAGE_PER_LINE)
		(*per_line)++;
	if (*per_line == 0)
		return "the chain has no stage that looks at one line alone";
	for (i = 0; i < count; i++) {
		if (options->settings.stats != STATS_OFF &&
		    order[i]->ops->flags & STAGE_ENDS_EARLY)
			return "--stats with -n counts only the lines -n took";
		if (options->settings.threads == 0 &&
		    ends_files_early(order, i))
			return "a stage ends each FILE early (-l, --until), "
			    "and threads would read it to its end";
		if (!(order[i]->ops->flags & STAGE_READ_BOUND))
			read_bound = 0;
	}
	return read_bound ? "only -m and strip look at one line alone, "
	    "and a filter is bound by reading" : NULL;
}

/* A stage after one that writes one line sees only that line (sluice -c
 * -m x): correct by the contract, and a trap; say so, naming both. After
 * --count-by a stage sees every line it writes, which is no trap. */
static void
warn_after_count(const struct options *options, const struct stage *chain,
    struct diag *diag)
{
	const struct stage **order = calloc(options->stage_count + 1,
	    sizeof *order);
	size_t count, i, counter = SIZE_MAX;

	if (order == NULL)
		return;
	count = chain_order(chain, order, options->stage_count + 1);
	for (i = 0; i < count && i < options->stage_count; i++) {
		const struct stage_spec *spec = &options->stages[i];

		if (counter != SIZE_MAX)
			diag_warn(diag, "%s%s%s%s comes after %s, so it sees "
			    "only the one line %s writes", spec->option,
			    spec->arg != NULL ? " '" : "",
			    spec->arg != NULL ? spec->arg : "",
			    spec->arg != NULL ? "'" : "",
			    options->stages[counter].option,
			    options->stages[counter].option);
		else if (order[i]->ops->flags & STAGE_ONE_RECORD)
			counter = i;
	}
	free(order);
}

unsigned
chain_threads(const struct options *options, const struct stage *chain,
    char *const *paths, size_t count, size_t *per_line, const char **why_not)
{
	/* The stages of the command line; the colour stage, if any, comes
	 * after them and decides nothing. */
	const struct stage **order = calloc(options->stage_count + 1,
	    sizeof *order);
	size_t stages;

	*per_line = 0;
	if (order == NULL) {
		*why_not = "out of memory";
		return 0;
	}
	stages = chain_order(chain, order, options->stage_count + 1);
	if (stages > options->stage_count)
		stages = options->stage_count;
	*why_not = chain_keeps_one_thread(options, order, stages, per_line);
	free(order);
	if (*why_not != NULL)
		return 0;
	return parallel_workers(&options->settings, paths, count, why_not);
}

/* The reader, the parallel stage running the first per_line stages on
 * workers threads, then the rest. NULL on an error, described in diag. */
static struct stage *
build_threaded(const struct options *options, char *const *paths,
    size_t count, unsigned workers, size_t per_line, struct diag *diag)
{
	struct stage *reader = reader_new(paths, count, &options->settings,
	    diag);
	struct stage *memory = reader_new_memory(&options->settings, diag);
	struct stage *prefix, *parallel;

	if (reader == NULL || memory == NULL) {
		stage_free_chain(reader);
		stage_free_chain(memory);
		diag_fail(diag, "out of memory");
		return NULL;
	}
	if (records_group_reader(reader, &options->settings, diag) != 0 ||
	    records_group_reader(memory, &options->settings, diag) != 0) {
		stage_free_chain(reader);
		stage_free_chain(memory);
		return NULL;
	}
	prefix = build_stages(options, 0, per_line, memory, diag);
	if (prefix == NULL) {
		stage_free_chain(reader);
		return NULL;
	}
	parallel = parallel_new(reader, memory, prefix, workers,
	    build_worker_stages, options, &options->settings, diag);
	if (parallel == NULL) {
		stage_free_chain(prefix);
		stage_free_chain(reader);
		return NULL;
	}
	return build_stages(options, per_line, options->stage_count, parallel,
	    diag);
}

struct stage *
chain_build(const struct options *options, char *const *paths, size_t count,
    struct diag *diag)
{
	struct stage *reader = reader_new(paths, count, &options->settings,
	    diag);
	struct stage *chain;
	const char *why_not;
	size_t per_line;
	unsigned workers;

	if (reader == NULL) {
		diag_fail(diag, "out of memory");
		return NULL;
	}
	if (records_group_reader(reader, &options->settings, diag) != 0) {
		stage_free_chain(reader);
		return NULL;
	}
	chain = build_stages(options, 0, options->stage_count, reader, diag);
	if (chain == NULL)
		return NULL;
	warn_after_count(options, chain, diag);
	/* What each stage can do is known once it is built: where threads
	 * help, the chain is built again around them, without a second
	 * word of what building it warned. --explain lists the stages one
	 * by one, not inside -j's stage. */
	workers = options->action == ACTION_EXPLAIN ? 0 : chain_threads(options,
	    chain, paths, count, &per_line, &why_not);
	if (workers > 0) {
		stage_free_chain(chain);
		diag->warnings_muted++;
		chain = build_threaded(options, paths, count, workers, per_line,
		    diag);
		diag->warnings_muted--;
		if (chain == NULL)
			return NULL;
	}
	return add_color(options, chain, diag);
}

int
chain_drain(struct stage *chain, struct sink *sink, struct diag *diag)
{
	int (*next_block)(struct stage *, struct line *, struct stage_block *) =
	    sink->line_buffered ? NULL : chain->ops->next_block;
	struct stage_block block = { NULL, 0, 0 };
	struct line line;
	int result, written = 0;

	for (;;) {
		result = next_block != NULL ? next_block(chain, &line, &block)
		    : stage_next(chain, &line);
		if (result == STAGE_BLOCK)
			written = sink_write_block(sink, block.bytes, block.len,
			    block.lines, diag);
		else if (result == 1)
			written = sink_write(sink, &line, diag);
		else
			break;
		if (written != 0 || sink->first_line_ends_run)
			break;
	}
	if (written == 0)
		written = sink_flush(sink, diag);
	if (written == SINK_CLOSED)
		return 0;
	return result < 0 || written < 0 ? -1 : 0;
}

int
chain_counted_nothing(const struct stage *chain)
{
	const struct stage *stage;

	for (stage = chain; stage->up != NULL; stage = stage->up)
		if (stage->ops->flags & STAGE_COUNTS &&
		    stage->up->stats.lines_out == 0)
			return 1;
	return 0;
}

struct stage *
chain_reader(struct stage *chain)
{
	while (chain->up != NULL)
		chain = chain->up;
	return chain;
}

struct stats_label *
chain_labels(const struct options *options)
{
	struct stats_label *labels = calloc(options->stage_count + 1,
	    sizeof *labels);
	const struct stage_spec *color = color_source(options);
	size_t i;

	if (labels == NULL)
		return NULL;
	for (i = 0; i < options->stage_count; i++) {
		labels[i].name = options->stages[i].name;
		labels[i].option = options->stages[i].option;
		labels[i].arg = options->stages[i].arg;
	}
	if (color != NULL) {
		labels[i].name = "color";
		labels[i].option = color->option;
		labels[i].arg = color->arg;
	}
	return labels;
}
