/* regex.c: the only file that speaks PCRE2 (see regex.h). */
#include <config.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/class_run.h"
#include "match/regex.h"

#define JIT_STACK_START ((size_t)32 << 10)
#define JIT_STACK_MAX ((size_t)1 << 20)
/* Where JIT is not used, the interpreter's backtracking depth and the
 * heap it takes for it are bounded too (PCRE2's defaults allow 20 GB), so
 * a pathological pattern fails with a message instead of eating memory.
 * The JIT's own bound is JIT_STACK_MAX. */
#define DEPTH_LIMIT 250000
#define HEAP_LIMIT_KIB ((uint32_t)32 << 10)

struct regex {
	pcre2_code *code;
	pcre2_match_data *match;
	pcre2_match_context *context;
	pcre2_jit_stack *jit_stack;
	int jit;		/* JIT-compiled: use the fast entry point */
	struct regex_flags flags;	/* as compiled, for --explain */
	uint32_t group_count;
	/* For a one-class-repeated pattern (class_run.h): the class's
	 * bytes, and the bounds of the last match it found. */
	int class_run;
	unsigned char class_table[256];
	size_t run_start;
	size_t run_end;
};

void
regex_error_text(int code, char *text, size_t size)
{
	if (pcre2_get_error_message(code, (PCRE2_UCHAR *)text, size) < 0 &&
	    size > 0)
		text[0] = '\0';
}

static uint32_t
regex_compile_options(const struct regex_flags *flags)
{
	uint32_t options = 0;

	if (flags->caseless)
		options |= PCRE2_CASELESS;
	if (flags->literal)
		options |= PCRE2_LITERAL;
	else if (flags->extended)
		options |= PCRE2_EXTENDED;
	if (flags->utf8)
		options |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	/* A literal has no ^ or $, and PCRE2 refuses the two together. */
	if (flags->multiline && !flags->literal)
		options |= PCRE2_MULTILINE;
	return options;
}

/* JIT is an accelerator: where it cannot take a pattern, or the library
 * lacks it, the interpreter gives the same answers. */
static void
regex_try_jit(struct regex *regex)
{
	if (pcre2_jit_compile(regex->code, PCRE2_JIT_COMPLETE) != 0)
		return;
	regex->jit_stack = pcre2_jit_stack_create(JIT_STACK_START,
	    JIT_STACK_MAX, NULL);
	if (regex->jit_stack == NULL)
		return;
	pcre2_jit_stack_assign(regex->context, NULL, regex->jit_stack);
	regex->jit = 1;
}

/* Takes the class-run fast path when the pattern has its shape and the
 * flags leave bytes as bytes. Membership is asked of PCRE2 itself: byte b
 * is in the class when the compiled pattern matches the one-byte subject
 * b whole. */
static void
regex_try_class_run(struct regex *regex, const char *pattern, size_t length,
    const struct regex_flags *flags)
{
	pcre2_match_data *match;
	unsigned byte;

	if (flags->literal || flags->utf8 || regex->group_count != 0 ||
	    !class_run_shape(pattern, length))
		return;
	match = pcre2_match_data_create(1, NULL);
	if (match == NULL)
		return;
	for (byte = 0; byte < 256; byte++) {
		unsigned char subject = (unsigned char)byte;

		regex->class_table[byte] = pcre2_match(regex->code, &subject, 1,
		    0, PCRE2_ANCHORED | PCRE2_ENDANCHORED, match, NULL) == 1;
	}
	pcre2_match_data_free(match);
	regex->class_run = 1;
}

const unsigned char *
regex_class_table(const struct regex *regex)
{
	return regex->class_run ? regex->class_table : NULL;
}

void
regex_set_jit(struct regex *regex, int enabled)
{
	if (!enabled)
		regex->jit = 0;
}

void
regex_set_fast_paths(struct regex *regex, int enabled)
{
	if (!enabled)
		regex->class_run = 0;
}

struct regex *
regex_new(const char *pattern, size_t length, const struct regex_flags *flags,
    char *error, size_t error_size)
{
	struct regex *regex = calloc(1, sizeof *regex);
	PCRE2_SIZE offset = 0;
	int code = 0;

	if (regex == NULL) {
		snprintf(error, error_size, "out of memory");
		return NULL;
	}
	regex->flags = *flags;
	regex->code = pcre2_compile((PCRE2_SPTR)pattern, length,
	    regex_compile_options(flags), &code, &offset, NULL);
	if (regex->code == NULL) {
		char text[256];

		regex_error_text(code, text, sizeof text);
		snprintf(error, error_size, "%s at offset %zu", text,
		    (size_t)offset);
		free(regex);
		return NULL;
	}
	regex->match = pcre2_match_data_create_from_pattern(regex->code, NULL);
	regex->context = pcre2_match_context_create(NULL);
	if (regex->match == NULL || regex->context == NULL) {
		snprintf(error, error_size, "out of memory");
		regex_free(regex);
		return NULL;
	}
	if (flags->match_limit != 0)
		pcre2_set_match_limit(regex->context, flags->match_limit);
	pcre2_set_depth_limit(regex->context, DEPTH_LIMIT);
	pcre2_set_heap_limit(regex->context, HEAP_LIMIT_KIB);
	(void)pcre2_pattern_info(regex->code, PCRE2_INFO_CAPTURECOUNT,
	    &regex->group_count);
	regex_try_jit(regex);
	regex_try_class_run(regex, pattern, length, flags);
	return regex;
}

void
regex_free(struct regex *regex)
{
	if (regex == NULL)
		return;
	pcre2_jit_stack_free(regex->jit_stack);
	pcre2_match_context_free(regex->context);
	pcre2_match_data_free(regex->match);
	pcre2_code_free(regex->code);
	free(regex);
}

int
regex_find(struct regex *regex, const char *subject, size_t length,
    size_t offset, int options, size_t *start, size_t *end)
{
	uint32_t match_options = 0;
	PCRE2_SIZE *bounds;
	int result;

	if (regex->class_run) {
		/* Runs are never empty: REGEX_NOT_EMPTY_AT_START changes
		 * nothing. */
		result = class_run_find(regex->class_table, subject, length,
		    offset, start, end);
		regex->run_start = *start;
		regex->run_end = *end;
		return result;
	}
	if (options & REGEX_NOT_EMPTY_AT_START)
		match_options |= PCRE2_NOTEMPTY_ATSTART;
	if (subject == NULL)
		subject = "";
	if (regex->jit)
		result = pcre2_jit_match(regex->code, (PCRE2_SPTR)subject,
		    length, offset, match_options, regex->match,
		    regex->context);
	else
		result = pcre2_match(regex->code, (PCRE2_SPTR)subject, length,
		    offset, match_options | PCRE2_NO_JIT, regex->match,
		    regex->context);
	if (result == PCRE2_ERROR_NOMATCH)
		return 0;
	if (result < 0)
		return result;
	bounds = pcre2_get_ovector_pointer(regex->match);
	*start = bounds[0];
	*end = bounds[1];
	/* \K in a lookahead can put the start after the end: treat such a
	 * match as empty at its end, so callers never see end < start. */
	if (*start > *end)
		*start = *end;
	return 1;
}

int
regex_group(const struct regex *regex, unsigned n, size_t *start,
    size_t *end)
{
	PCRE2_SIZE *bounds = pcre2_get_ovector_pointer(regex->match);

	if (regex->class_run) {
		*start = regex->run_start;
		*end = regex->run_end;
		return n == 0;
	}
	if (n > regex->group_count ||
	    n >= pcre2_get_ovector_count(regex->match) ||
	    bounds[2 * n] == PCRE2_UNSET)
		return 0;
	*start = bounds[2 * n];
	*end = bounds[2 * n + 1];
	return *end >= *start;
}

unsigned
regex_group_count(const struct regex *regex)
{
	return regex->group_count;
}

int
regex_can_match_empty(const struct regex *regex)
{
	uint32_t empty = 1;

	(void)pcre2_pattern_info(regex->code, PCRE2_INFO_MATCHEMPTY, &empty);
	return empty != 0;
}

int
regex_finds_start_fast(const struct regex *regex)
{
	const uint8_t *bitmap = NULL;
	uint32_t first = 0;
	int bytes = 0, i, bits;

	(void)pcre2_pattern_info(regex->code, PCRE2_INFO_FIRSTCODETYPE, &first);
	if (first == 1)
		return 1;
	(void)pcre2_pattern_info(regex->code, PCRE2_INFO_FIRSTBITMAP, &bitmap);
	if (bitmap == NULL)
		return 0;
	for (i = 0; i < 32; i++)
		for (bits = bitmap[i]; bits != 0; bits &= bits - 1)
			bytes++;
	return bytes <= 2;
}

int
regex_group_number(const struct regex *regex, const char *name)
{
	int number = pcre2_substring_number_from_name(regex->code,
	    (PCRE2_SPTR)name);

	return number > 0 ? number : -1;
}

int
regex_jit_available(void)
{
	uint32_t jit = 0;

	(void)pcre2_config(PCRE2_CONFIG_JIT, &jit);
	return jit != 0;
}

/* pcre2_config writes strings without a size: ask the size first. */
static void
regex_config_text(uint32_t what, char *text, size_t size)
{
	int needed = pcre2_config(what, NULL);

	if (size == 0)
		return;
	text[0] = '\0';
	if (needed > 0 && (size_t)needed <= size)
		(void)pcre2_config(what, text);
}

void
regex_library_version(char *text, size_t size)
{
	regex_config_text(PCRE2_CONFIG_VERSION, text, size);
}

void
regex_jit_target(char *text, size_t size)
{
	if (regex_jit_available())
		regex_config_text(PCRE2_CONFIG_JITTARGET, text, size);
	else if (size > 0)
		text[0] = '\0';
}

void
regex_describe(const struct regex *regex, char *text, size_t size)
{
	const struct regex_flags *flags = &regex->flags;
	char limit[48] = "";

	if (flags->match_limit != 0)
		snprintf(limit, sizeof limit, ", match limit %lu",
		    (unsigned long)flags->match_limit);
	snprintf(text, size, "PCRE2 %s%s%s%s%s%s%s%s",
	    regex->jit ? "JIT" : "interpreter (no JIT)",
	    flags->multiline && !flags->literal ? ", multi-line" : "",
	    flags->caseless ? ", caseless" : "",
	    flags->literal ? ", literal" : "",
	    flags->utf8 ? ", UTF-8" : "",
	    flags->extended ? ", extended" : "",
	    regex->class_run ? ", one-class byte loop" : "", limit);
}
