/* records.c: the test behind a record rule (record_group.h): the RE of
 * --record-start, --record-cont or --record-end, compiled once with -i and
 * --utf8 (not -F, -w, -x: those are -m, -v and -o's) and matched against
 * one line at a time. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "run/records.h"
#include "input/reader.h"
#include "match/regex.h"

static int
records_matches(void *context, const char *line, size_t len)
{
	size_t start, end;

	return regex_find(context, line, len, 0, 0, &start, &end);
}

static void
records_free_regex(void *context)
{
	regex_free(context);
}

int
records_rule_new(const struct settings *settings, struct record_rule **rule,
    struct diag *diag)
{
	struct regex_flags flags;
	char error[256];
	const char *option = record_mode_options[settings->record_mode];

	*rule = NULL;
	if (settings->record_mode == RECORDS_LINES)
		return 0;
	memset(&flags, 0, sizeof flags);
	flags.caseless = settings->ignore_case;
	flags.utf8 = settings->utf8;
	flags.match_limit = settings->match_limit;
	*rule = calloc(1, sizeof **rule);
	if (*rule == NULL)
		return diag_fail(diag, "out of memory");
	(*rule)->context = regex_new(settings->record_pattern,
	    strlen(settings->record_pattern), &flags, error, sizeof error);
	if ((*rule)->context == NULL) {
		free(*rule);
		*rule = NULL;
		return diag_fail(diag, "%s '%s': %s", option,
		    settings->record_pattern, error);
	}
	(*rule)->mode = settings->record_mode;
	(*rule)->pattern = settings->record_pattern;
	(*rule)->matches = records_matches;
	(*rule)->error_text = regex_error_text;
	(*rule)->free_context = records_free_regex;
	return 0;
}

int
records_group_reader(struct stage *reader, const struct settings *settings,
    struct diag *diag)
{
	struct record_rule *rule;

	if (records_rule_new(settings, &rule, diag) != 0)
		return -1;
	if (rule != NULL)
		reader_group(reader, rule);
	return 0;
}
