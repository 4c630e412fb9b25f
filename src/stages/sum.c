/* sum.c: the sum stage (--sum): drains the stream and hands out one line,
 * the sum of its records read as decimal numbers (base/decimal_sum.h);
 * a record that is not one is skipped, counted and warned of once. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/decimal_sum.h"
#include "stages/stages.h"

struct sum {
	struct stage stage;
	struct diag *diag;
	const char *option;
	int done;
	int warned;
	uint64_t not_numbers;
	char text[DECIMAL_TEXT_MAX];
};

static int
sum_next(struct stage *stage, struct line *out)
{
	struct sum *sum = (struct sum *)stage;
	static const struct line_source no_input = { "(no input)", 0 };
	struct line last = {
		NULL, 0, 0, &no_input, LINE_END_PLAIN, 0, NULL
	};
	struct decimal_sum total = decimal_of_count(0), value;
	int result;

	if (sum->done)
		return 0;
	while ((result = stage_next(stage->up, out)) == 1) {
		int parsed = decimal_parse(out->ptr, out->len, &value);

		last = *out;
		if (parsed == DECIMAL_NOT_A_NUMBER) {
			sum->not_numbers++;
			stage_warn_not_number(sum->diag, out, sum->option,
			    "a number", &sum->warned);
			continue;
		}
		if (parsed != DECIMAL_OK || decimal_add(&total, &value) !=
		    DECIMAL_OK)
			return diag_fail(sum->diag, "%s:%llu: %s: the sum passes "
			    "2^127 - 1, the most sluice adds exactly",
			    out->source->name,
			    (unsigned long long)line_in_file(out), sum->option);
	}
	if (result < 0)
		return result;
	sum->done = 1;
	stage_made_line(out, sum->text, decimal_format(&total, sum->text,
	    sizeof sum->text), &last);
	return 1;
}

static void
sum_describe(const struct stage *stage, struct describe_out *out)
{
	(void)stage;
	describe_add(out, "the stream becomes one line: the sum of its records "
	    "as numbers (whole numbers exactly, to 2^127; with a fraction, "
	    "as doubles); others skipped");
}

static size_t
sum_facts(const struct stage *stage, struct stage_fact *facts)
{
	const struct sum *sum = (const struct sum *)stage;

	facts[0].name = "not_numbers";
	facts[0].value = sum->not_numbers;
	return 1;
}

static const struct stage_ops sum_ops = {
	.name = "sum",
	.flags = STAGE_COUNTS | STAGE_ONE_RECORD,
	.next = sum_next,
	.free = stage_free_alone,
	.describe = sum_describe,
	.facts = sum_facts,
};

struct stage *
sum_new(const struct stage_args *args)
{
	struct sum *sum = stage_alloc(args, sizeof *sum, &sum_ops);

	if (sum == NULL)
		return NULL;
	sum->diag = args->diag;
	sum->option = args->option;
	return &sum->stage;
}
