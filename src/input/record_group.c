/* record_group.c: the verdict of --record-start, --record-cont and
 * --record-end on one line (record_group.h). The reader gathers the lines
 * the verdicts join into one record. */
#include <config.h>
#include <stdlib.h>

#include "input/record_group.h"

int
record_rule_verdict(const struct record_rule *rule, const char *line,
    size_t len, int first, const struct line_source *source,
    uint64_t line_in_file, struct diag *diag)
{
	int matched;

	if (first && rule->mode != RECORDS_END)
		return RECORD_JOINS;
	matched = rule->matches(rule->context, line, len);
	if (matched < 0) {
		char error[256];

		rule->error_text(matched, error, sizeof error);
		return diag_fail(diag, "%s:%llu: %s '%s': %s", source->name,
		    (unsigned long long)line_in_file,
		    record_mode_options[rule->mode], rule->pattern, error);
	}
	switch (rule->mode) {
	case RECORDS_START:
		return matched ? RECORD_STARTS : RECORD_JOINS;
	case RECORDS_CONT:
		return matched ? RECORD_JOINS : RECORD_STARTS;
	default:
		return matched ? RECORD_ENDS : RECORD_JOINS;
	}
}

void
record_rule_describe(const struct record_rule *rule,
    struct describe_out *out)
{
	static const char *const how[] = {
		"",
		"a line in which it matches starts a record, every other "
		"line joins the one before",
		"a line in which it matches joins the record before it, every "
		"other line starts one",
		"a line in which it matches ends its record, the next line "
		"starts one"
	};

	describe_add(out, "records of several lines (%s '%s'): %s; each "
	    "FILE's first line starts one", record_mode_options[rule->mode],
	    rule->pattern, how[rule->mode]);
}

void
record_rule_free(struct record_rule *rule)
{
	if (rule == NULL)
		return;
	if (rule->free_context != NULL)
		rule->free_context(rule->context);
	free(rule);
}
