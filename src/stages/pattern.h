/* pattern.h: what the regex stages share: compiling an option's pattern
 * under the global flags, and wording match errors. */
#ifndef SLUICE_PATTERN_H
#define SLUICE_PATTERN_H

#include "match/regex.h"
#include "stages/stages.h"

/* A pattern as it is compiled: the user's own; or, under -w or -x, the
 * user's wrapped as grep -P wraps it, (?<!\w)(?:RE)(?!\w) or ^(?:RE)$
 * (-x wins), with a -F string quoted (\Q...\E) so every byte still
 * stands for itself. literal: it is to be compiled as a plain string. */
struct pattern_text {
	const char *text;
	size_t length;
	int literal;
	char *owned;		/* what text points into, if built */
};

/* 0, or -1 when out of memory (diag says so). pattern_text_free frees
 * what it built. */
int pattern_text(const struct stage_args *, const char *pattern,
    size_t length, int literal_allowed, struct pattern_text *);
void pattern_text_free(struct pattern_text *);

/* Compiles pattern for args->option; NULL with the error in args->diag.
 * -F, -w and -x apply only when literal_allowed (the options that only
 * match: those warn when given a sed-style s/X/Y/, which suggests -r). */
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
