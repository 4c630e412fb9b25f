/* pattern.h: what the regex stages share: compiling an option's pattern
 * under the global flags, and wording match errors. */
#ifndef SLUICE_PATTERN_H
#define SLUICE_PATTERN_H

#include "match/regex.h"
#include "stages/stages.h"

/* Compiles pattern for args->option; NULL with the error in args->diag.
 * -F applies only when literal_allowed (the options that only match:
 * those warn when given a sed-style s/X/Y/, which suggests -r). */
struct regex *pattern_compile(const struct stage_args *, const char *pattern,
    size_t length, int literal_allowed, const struct regex_flags *extra);

/* The flags pattern_compile uses: the global ones (-i, -F where
 * literal_allowed, --utf8, --match-limit) over extra's. */
void pattern_flags(const struct stage_args *, int literal_allowed,
    const struct regex_flags *extra, struct regex_flags *flags);

/* Records a match error (the match limit, say) on line; returns -1. */
int pattern_match_error(struct diag *, const struct line *,
    const char *option, const char *argument, int code);

#endif
