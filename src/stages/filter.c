/* filter.c: the filter stage (-m keeps, -v drops the lines in which a
 * pattern matches); kept lines pass as the same view. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"

struct filter {
	struct stage stage;
	struct regex *regex;
	int keep_matches;
	const char *option;
	const char *pattern;
	struct diag *diag;
};

static int
filter_next(struct stage *stage, struct line *out)
{
	struct filter *filter = (struct filter *)stage;
	int result;

	while ((result = stage_next(stage->up, out)) == 1) {
		size_t start, end;
		int found = regex_find(filter->regex, out->ptr, out->len, 0, 0,
		    &start, &end);

		if (found < 0)
			return pattern_match_error(filter->diag, out,
			    filter->option, filter->pattern, found);
		if (found == filter->keep_matches)
			return 1;
	}
	return result;
}

static void
filter_free(struct stage *stage)
{
	struct filter *filter = (struct filter *)stage;

	regex_free(filter->regex);
	free(filter);
}

static const struct stage_ops filter_ops = {
	"filter", filter_next, filter_free
};

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
	return &filter->stage;
}
