/* pattern.c: compiling a stage's pattern and naming its errors the same
 * way for every regex stage: "-m '(': missing closing parenthesis at
 * offset 1". */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "stages/pattern.h"

void
pattern_flags(const struct stage_args *args, int literal_allowed,
    const struct regex_flags *extra, struct regex_flags *flags)
{
	const struct settings *settings = args->settings;

	memset(flags, 0, sizeof *flags);
	if (extra != NULL)
		*flags = *extra;
	flags->caseless |= settings->ignore_case;
	flags->literal = literal_allowed && settings->fixed_strings;
	flags->utf8 = settings->utf8;
	flags->match_limit = settings->match_limit;
	flags->multiline = args->several_lines;
}

/* 1 when pattern is s/X/Y/ or s/X/Y/FLAGS with one delimiter three
 * times: what sed and -r take, given to an option that only matches. */
static int
looks_like_substitution(const char *pattern)
{
	char delimiter = pattern[0] == 's' ? pattern[1] : '\0';
	size_t i, seen = 0;

	if (delimiter == '\0' || delimiter == '\\' ||
	    (delimiter >= 'a' && delimiter <= 'z') ||
	    (delimiter >= 'A' && delimiter <= 'Z') ||
	    (delimiter >= '0' && delimiter <= '9'))
		return 0;
	for (i = 2; pattern[i] != '\0'; i++) {
		if (pattern[i] == '\\' && pattern[i + 1] != '\0') {
			i++;
			continue;
		}
		if (pattern[i] == delimiter && ++seen == 2)
			break;
	}
	if (seen != 2)
		return 0;
	/* What follows the third delimiter can only be flags. */
	return strspn(pattern + i + 1, "gix") == strlen(pattern + i + 1);
}

/* Appends len bytes at from to *to. */
static char *
append(char *to, const char *from, size_t len)
{
	memcpy(to, from, len);
	return to + len;
}

int
pattern_text(const struct stage_args *args, const char *pattern,
    size_t length, int literal_allowed, struct pattern_text *out)
{
	const struct settings *settings = args->settings;
	int line = settings->line_regexp, word = settings->word_regexp;
	/* In a record of several lines (multi-line mode) ^ and $ are a
	 * line's: the whole record is \A to \z. */
	int records = args->several_lines;
	const char *prefix = !line ? "(?<!\\w)(?:" : records ? "\\A(?:"
	    : "^(?:";
	const char *suffix = !line ? ")(?!\\w)" : records ? ")\\z" : ")$";
	char *to;

	out->text = pattern;
	out->length = length;
	out->literal = literal_allowed && settings->fixed_strings;
	out->owned = NULL;
	if (!literal_allowed || (!line && !word))
		return 0;
	/* Room for the quotes, and for each byte a \E\\E\Q at most. */
	out->owned = malloc(strlen(prefix) + strlen(suffix) + 4 +
	    (out->literal ? 6 * length : length) + 1);
	if (out->owned == NULL)
		return diag_fail(args->diag, "out of memory");
	to = append(out->owned, prefix, strlen(prefix));
	if (!out->literal) {
		to = append(to, pattern, length);
	} else {
		to = append(to, "\\Q", 2);
		for (size_t i = 0; i < length; i++) {
			/* \E would end the quote: end it, quote \E, go on. */
			if (pattern[i] == '\\' && i + 1 < length &&
			    pattern[i + 1] == 'E') {
				to = append(to, "\\E\\\\E\\Q", 7);
				i++;
			} else {
				*to++ = pattern[i];
			}
		}
		to = append(to, "\\E", 2);
	}
	to = append(to, suffix, strlen(suffix));
	*to = '\0';
	out->text = out->owned;
	out->length = (size_t)(to - out->owned);
	out->literal = 0;
	return 0;
}

void
pattern_text_free(struct pattern_text *text)
{
	free(text->owned);
	text->owned = NULL;
}

struct regex *
pattern_compile(const struct stage_args *args, const char *pattern,
    size_t length, int literal_allowed, const struct regex_flags *extra)
{
	struct pattern_text text;
	struct regex_flags flags;
	char error[256];
	struct regex *regex;

	if (pattern_text(args, pattern, length, literal_allowed, &text) != 0)
		return NULL;
	pattern_flags(args, literal_allowed, extra, &flags);
	flags.literal = text.literal;
	regex = regex_new(text.text, text.length, &flags, error,
	    sizeof error);
	pattern_text_free(&text);
	if (regex == NULL)
		diag_fail(args->diag, "%s '%s': %s", args->option, args->arg,
		    error);
	else if (literal_allowed && !flags.literal &&
	    looks_like_substitution(args->arg))
		diag_warn(args->diag, "%s '%s': looks like a substitution; "
		    "did you mean -r?", args->option, args->arg);
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
