/* pattern.h: what the regex stages share: compiling an option's pattern
 * under the global flags, and wording match errors. */
#ifndef SLUICE_PATTERN_H
#define SLUICE_PATTERN_H

#include "../regex.h"
#include "stages.h"

/* Compiles pattern for args->option; NULL with the error in args->diag.
 * -F applies only when literal_allowed. */
struct regex *pattern_compile(const struct stage_args *, const char *pattern,
    size_t length, int literal_allowed, const struct regex_flags *extra);

/* Records a match error (the match limit, say) on line; returns -1. */
int pattern_match_error(struct diag *, const struct line *,
    const char *option, const char *argument, int code);

#endif
