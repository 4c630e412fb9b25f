/* explain.c: --explain: the chain as built, one stage a line in the order
 * records flow, with what each stage says of itself (stage_ops.describe),
 * the writer, and the threads; no FILE is opened. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/size_text.h"
#include "run/chain.h"
#include "run/parallel.h"

/* The last line: how many threads run which stages, or why one. */
static void
explain_threads(const struct options *options, const struct stage *chain)
{
	const char *why_not;
	size_t per_line;
	unsigned workers = chain_threads(options, chain, options->files,
	    options->file_count, &per_line, &why_not);

	if (workers == 0)
		printf("threads: one (%s)\n", why_not);
	else if (per_line == 1)
		printf("threads: %u running stage 1, the rest on the main "
		    "thread in input order%s\n", workers,
		    options->settings.threads == 0 ? ", after the first "
		    PARALLEL_AUTO_START_TEXT
		    : "");
	else
		printf("threads: %u running stages 1-%zu, the rest on the main "
		    "thread in input order%s\n", workers, per_line,
		    options->settings.threads == 0 ? ", after the first "
		    PARALLEL_AUTO_START_TEXT
		    : "");
}

/* The line of the writer, numbered count. */
static void
explain_writer(const struct options *options, size_t count)
{
	struct sink sink;

	if (options->in_place)
		printf("%zu write: each FILE rewritten in place%s%s\n", count,
		    options->backup_suffix != NULL ? ", the old one kept as "
		    "FILE" : "", options->backup_suffix != NULL
		    ? options->backup_suffix : "");
	else if (options->output != NULL)
		printf("%zu write: %s, replaced only if the run succeeds\n",
		    count, options->output);
	else if (sink_init(&sink, STDOUT_FILENO, "(standard output)",
	    &options->settings) == 0) {
		char block[32];

		size_option_text(block, sizeof block, SINK_BUFFER_SIZE);
		printf("%zu write: standard output, %s%s\n", count,
		    sink.line_buffered ? "flushed after every line"
		    : "in blocks of ", sink.line_buffered ? "" : block);
		sink_free(&sink);
	}
}

int
chain_explain(const struct options *options, struct diag *diag)
{
	struct stats_label *labels = chain_labels(options);
	struct stage *chain = chain_build(options, options->files,
	    options->file_count, diag);
	const struct stage **order;
	const struct stage *stage;
	size_t count = 0, i;

	order = chain == NULL ? NULL : calloc(options->stage_count + 2,
	    sizeof *order);
	if (order == NULL || labels == NULL) {
		free(order);
		free(labels);
		stage_free_chain(chain);
		return chain == NULL ? -1 : diag_fail(diag, "out of memory");
	}
	for (stage = chain; stage != NULL; stage = stage->up)
		count++;
	for (stage = chain, i = count; stage != NULL; stage = stage->up)
		order[--i] = stage;
	for (i = 0; i < count; i++) {
		const struct stats_label *label = i > 0 ? &labels[i - 1] : NULL;
		struct describe_out text = { "", 0 };

		if (order[i]->ops->describe != NULL)
			order[i]->ops->describe(order[i], &text);
		printf("%zu %s", i, label == NULL ? "read" : label->name != NULL
		    ? label->name : order[i]->ops->name);
		if (label != NULL && label->option != NULL)
			printf(" %s", label->option);
		if (label != NULL && label->arg != NULL)
			printf(" '%s'", label->arg);
		printf(": %s\n", text.text);
	}
	explain_writer(options, count);
	explain_threads(options, chain);
	free(order);
	free(labels);
	stage_free_chain(chain);
	return fflush(stdout) == 0 ? 0 : diag_fail(diag, "(standard output): "
	    "write error");
}
