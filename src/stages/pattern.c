/* pattern.c: compiling a stage's pattern and naming its errors the same
 * way for every regex stage: "-m '(': missing closing parenthesis at
 * offset 1". */
#include <config.h>
#include <string.h>

#include "pattern.h"

struct regex *
pattern_compile(const struct stage_args *args, const char *pattern,
    size_t length, int literal_allowed, const struct regex_flags *extra)
{
	const struct settings *settings = args->settings;
	struct regex_flags flags = { 0, 0, 0, 0, 0 };
	char error[256];
	struct regex *regex;

	if (extra != NULL)
		flags = *extra;
	flags.caseless |= settings->ignore_case;
	flags.literal = literal_allowed && settings->fixed_strings;
	flags.utf8 = settings->utf8;
	flags.match_limit = settings->match_limit;
	regex = regex_new(pattern, length, &flags, error, sizeof error);
	if (regex == NULL)
		diag_fail(args->diag, "%s '%s': %s", args->option, args->arg,
		    error);
	return regex;
}

int
pattern_match_error(struct diag *diag, const struct line *line,
    const char *option, const char *argument, int code)
{
	char error[256];

	regex_error_text(code, error, sizeof error);
	return diag_fail(diag, "%s:%llu: %s '%s': %s", line->source->name,
	    (unsigned long long)line_in_file(line), option, argument, error);
}
