/* count_by.c: the keyed answer stages: --count-by (how often each
 * distinct record came), --top=K (the K most frequent of those) and
 * --sum-by (records NUMBER<TAB>KEY: each KEY's sum, the reduce step that
 * merges --count-by outputs). Each drains the stream into a key_table
 * bounded by --count-memory, then hands out one line per key, "TOTAL\tKEY",
 * the largest total first and equal totals in byte order of the key. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buffer.h"
#include "base/decimal_sum.h"
#include "base/key_table.h"
#include "base/size_text.h"
#include "stages/stages.h"

struct count_by {
	struct stage stage;
	const struct settings *settings;
	struct diag *diag;
	const char *option;
	int variant;		/* ANSWER_... */
	uint64_t top;		/* the most keys handed out */
	struct key_table *table;
	int drained;
	size_t next_key;
	int warned;
	uint64_t not_numbers;
	struct line last;	/* the last record: the lines handed out
				 * name its FILE and number */
	struct buffer text;
};

/* The message for what key_table_add refused at line; -1. */
static int
table_refused(struct count_by *count_by, const struct line *line,
    int result)
{
	char limit[32];

	size_option_text(limit, sizeof limit, count_by->settings->count_memory);
	switch (result) {
	case KEY_TABLE_FULL:
		return diag_fail(count_by->diag, "%s:%llu: %s: more distinct "
		    "keys than --count-memory=%s holds, and --exact was "
		    "given (raise --count-memory, or leave out --exact to "
		    "count the heaviest keys approximately)",
		    line->source->name,
		    (unsigned long long)line_in_file(line), count_by->option,
		    limit);
	case KEY_TABLE_NOT_WHOLE:
		return diag_fail(count_by->diag, "%s:%llu: %s: more distinct "
		    "keys than --count-memory=%s holds, and summing past it "
		    "(approximately) takes whole numbers from 0 only; this "
		    "record's is not (raise --count-memory)",
		    line->source->name,
		    (unsigned long long)line_in_file(line), count_by->option,
		    limit);
	case KEY_TABLE_OVERFLOW:
		return diag_fail(count_by->diag, "%s:%llu: %s: a sum passes "
		    "2^127 - 1, the most sluice adds exactly",
		    line->source->name,
		    (unsigned long long)line_in_file(line), count_by->option);
	case KEY_TABLE_KEY_TOO_LONG:
		return diag_fail(count_by->diag, "%s:%llu: %s: the key is "
		    "longer than --count-memory=%s holds", line->source->name,
		    (unsigned long long)line_in_file(line), count_by->option,
		    limit);
	default:
		return diag_fail(count_by->diag, "%s:%llu: %s: out of memory",
		    line->source->name,
		    (unsigned long long)line_in_file(line), count_by->option);
	}
}

/* --sum-by's record: the number before the first tab into *amount, the
 * rest into *key. 0, or DECIMAL_NOT_A_NUMBER or DECIMAL_OVERFLOW. */
static int
split_number_key(const struct line *line, struct decimal_sum *amount,
    struct line *key)
{
	const char *tab = memchr(line->ptr, '\t', line->len);
	size_t number_len;

	if (tab == NULL)
		return DECIMAL_NOT_A_NUMBER;
	number_len = (size_t)(tab - line->ptr);
	*key = *line;
	key->ptr = tab + 1;
	key->len = line->len - number_len - 1;
	return decimal_parse(line->ptr, number_len, amount);
}

/* Says, once the stream is drained, that the counts are approximate and
 * by how much. */
static void
warn_approximate(const struct count_by *count_by)
{
	struct key_table_facts facts;
	struct decimal_sum bound;
	char limit[32], error[DECIMAL_TEXT_MAX], total[DECIMAL_TEXT_MAX];

	key_table_facts(count_by->table, &facts);
	if (!facts.approximate)
		return;
	size_option_text(limit, sizeof limit, count_by->settings->count_memory);
	bound.whole = facts.max_error;
	bound.fraction = 0;
	bound.has_fraction = 0;
	decimal_format(&bound, error, sizeof error);
	bound.whole = facts.total;
	decimal_format(&bound, total, sizeof total);
	diag_warn(count_by->diag, "%s: more distinct keys than "
	    "--count-memory=%s holds: the %s are approximate (Space-Saving "
	    "over %llu keys): each is at most %s over the truth, and every "
	    "key whose true %s passes %s/%llu (the total over the keys "
	    "held) is listed", count_by->option, limit,
	    count_by->variant == ANSWER_SUM_BY ? "sums" : "counts",
	    (unsigned long long)facts.keys, error,
	    count_by->variant == ANSWER_SUM_BY ? "sum" : "count", total,
	    (unsigned long long)facts.keys);
}

static int
drain(struct count_by *count_by)
{
	struct stage *up = count_by->stage.up;
	struct decimal_sum one = decimal_of_count(1), amount;
	struct line line, key;
	int result;

	while ((result = stage_next(up, &line)) == 1) {
		const struct decimal_sum *adding = &one;
		int added;

		count_by->last = line;
		key = line;
		if (count_by->variant == ANSWER_SUM_BY) {
			int parsed = split_number_key(&line, &amount, &key);

			if (parsed == DECIMAL_OVERFLOW)
				return table_refused(count_by, &line,
				    KEY_TABLE_OVERFLOW);
			if (parsed != DECIMAL_OK) {
				count_by->not_numbers++;
				stage_warn_not_number(count_by->diag, &line,
				    count_by->option, "NUMBER<TAB>KEY",
				    &count_by->warned);
				continue;
			}
			adding = &amount;
		}
		added = key_table_add(count_by->table, key.ptr, key.len,
		    adding);
		if (added != KEY_TABLE_OK)
			return table_refused(count_by, &line, added);
	}
	if (result < 0)
		return result;
	key_table_sort(count_by->table);
	warn_approximate(count_by);
	count_by->drained = 1;
	return 0;
}

static int
count_by_next(struct stage *stage, struct line *out)
{
	struct count_by *count_by = (struct count_by *)stage;
	const struct key_table_entry *entry;
	char number[DECIMAL_TEXT_MAX];
	const char *key;
	size_t key_len, number_len;

	if (!count_by->drained && drain(count_by) != 0)
		return -1;
	if (count_by->next_key >= key_table_size(count_by->table) ||
	    count_by->next_key >= count_by->top)
		return 0;
	entry = key_table_at(count_by->table, count_by->next_key++, &key,
	    &key_len);
	number_len = decimal_format(&entry->value, number, sizeof number);
	buffer_clear(&count_by->text);
	if (buffer_append(&count_by->text, number, number_len) != 0 ||
	    buffer_append(&count_by->text, "\t", 1) != 0 ||
	    buffer_append(&count_by->text, key, key_len) != 0)
		return diag_fail(count_by->diag, "%s: out of memory",
		    count_by->option);
	stage_made_line(out, count_by->text.ptr, count_by->text.len,
	    &count_by->last);
	return 1;
}

static void
count_by_describe(const struct stage *stage, struct describe_out *out)
{
	const struct count_by *count_by = (const struct count_by *)stage;
	char limit[32];

	size_option_text(limit, sizeof limit, count_by->settings->count_memory);
	if (count_by->variant == ANSWER_SUM_BY)
		describe_add(out, "records NUMBER<TAB>KEY become one line per "
		    "KEY: its sum, a tab, the KEY");
	else
		describe_add(out, "the stream becomes one line per distinct "
		    "record: its count, a tab, the record");
	if (count_by->variant == ANSWER_TOP)
		describe_add(out, "only the %llu most frequent",
		    (unsigned long long)count_by->top);
	describe_add(out, "largest first, ties in byte order");
	describe_add(out, "exact up to --count-memory=%s, %s",
	    limit, count_by->settings->exact ? "then exit 2 (--exact)"
	    : "then approximate (Space-Saving)");
	describe_add(out, "hash %s", key_table_hash_name());
}

static size_t
count_by_facts(const struct stage *stage, struct stage_fact *facts)
{
	const struct count_by *count_by = (const struct count_by *)stage;
	struct key_table_facts table;
	size_t n = 0;

	key_table_facts(count_by->table, &table);
	facts[n].name = "keys";
	facts[n++].value = table.keys;
	facts[n].name = "approximate";
	facts[n++].value = (uint64_t)table.approximate;
	facts[n].name = "error_bound";
	facts[n++].value = table.max_error > (decimal_whole)UINT64_MAX
	    ? UINT64_MAX : (uint64_t)table.max_error;
	facts[n].name = "memory_bytes";
	facts[n++].value = table.memory;
	if (count_by->variant == ANSWER_SUM_BY) {
		facts[n].name = "not_numbers";
		facts[n++].value = count_by->not_numbers;
	}
	return n;
}

static void
count_by_free(struct stage *stage)
{
	struct count_by *count_by = (struct count_by *)stage;

	key_table_free(count_by->table);
	buffer_free(&count_by->text);
	free(count_by);
}

static const struct stage_ops count_by_ops = {
	.name = "count-by",
	.flags = STAGE_COUNTS,
	.next = count_by_next,
	.free = count_by_free,
	.describe = count_by_describe,
	.facts = count_by_facts,
};

struct stage *
count_by_new(const struct stage_args *args)
{
	struct count_by *count_by;
	uint64_t top = UINT64_MAX;
	static const struct line_source no_input = { "(no input)", 0 };

	if (args->variant == ANSWER_TOP && stage_parse_count(args, &top) != 0)
		return NULL;
	count_by = stage_alloc(args, sizeof *count_by, &count_by_ops);
	if (count_by == NULL)
		return NULL;
	count_by->settings = args->settings;
	count_by->diag = args->diag;
	count_by->option = args->option;
	count_by->variant = args->variant;
	count_by->top = top;
	count_by->last.source = &no_input;
	/* The longest line handed out: a key, which no stage makes longer
	 * than its line limit, a tab and a number. */
	buffer_init(&count_by->text, stage_line_limit(args->settings) +
	    DECIMAL_TEXT_MAX + 1);
	count_by->table = key_table_new(args->settings->count_memory,
	    args->settings->exact);
	if (count_by->table == NULL) {
		diag_fail(args->diag, "out of memory");
		count_by_free(&count_by->stage);
		return NULL;
	}
	return &count_by->stage;
}
