/* fuzz_replace.c: the substitution stage, -r s/RE/REPL/FLAGS, built
 * through its constructor and run over lines from the real reader.
 *
 * The input's first byte chooses the flags, -i, --utf8, --max-line and a
 * mode; the rest is RE, a NUL, REPL, a NUL, and the lines. In the raw mode
 * the argument is RE as it stands (the parser's own corners: escapes,
 * missing delimiters, unknown flags): it must be built, or refused with
 * "-r 'ARG': reason", and never crash. Otherwise the harness writes
 * s<D>RE<D>REPL<D>FLAGS with a delimiter D that occurs in neither, and
 * every line's result must be PCRE2's own pcre2_substitute of the same
 * pattern and replacement (the $N, ${N}, $name, ${name} and $$ that -r
 * accepts mean the same there; an unset group is empty): the class-run
 * fast path, the empty-match rule and the pieces are all compared. */
#include <config.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz.h"
#include "stages/stages.h"

#define MATCH_LIMIT 100000u

enum {
	FLAG_GLOBAL = 1,
	FLAG_CASELESS = 2,
	FLAG_EXTENDED = 4,
	SETTING_IGNORE_CASE = 8,
	SETTING_UTF8 = 16,
	MODE_RAW = 32
};

/* PCRE2 on its own: the oracle. */
struct oracle {
	pcre2_code *code;
	pcre2_code *utf_check;	/* matches valid UTF-8 only */
	int silent;		/* the oracle cannot speak for this REPL */
	pcre2_match_data *match;
	pcre2_match_context *context;
	uint32_t options;
	const char *replacement;
	size_t replacement_len;
	char *out;
	size_t out_size;
};

static int
oracle_init(struct oracle *oracle, const char *pattern,
    const char *replacement, unsigned flags)
{
	uint32_t options = 0;
	int code;
	PCRE2_SIZE offset;

	memset(oracle, 0, sizeof *oracle);
	if (flags & (FLAG_CASELESS | SETTING_IGNORE_CASE))
		options |= PCRE2_CASELESS;
	if (flags & FLAG_EXTENDED)
		options |= PCRE2_EXTENDED;
	if (flags & SETTING_UTF8)
		options |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	oracle->code = pcre2_compile((PCRE2_SPTR)pattern, strlen(pattern),
	    options, &code, &offset, NULL);
	if (oracle->code == NULL)
		return -1;
	/* pcre2_substitute steps over invalid UTF-8 its own way after an
	 * empty match ("a\xe2c", s/x*\/-/g: "-a\xe2-c-"), where
	 * pcre2_match, perl and Python find an empty match at every
	 * boundary, as -r does ("-a-\xe2-c-"): with --utf8 only valid lines
	 * are compared. */
	if (flags & SETTING_UTF8) {
		oracle->utf_check = pcre2_compile((PCRE2_SPTR)"", 0, PCRE2_UTF,
		    &code, &offset, NULL);
		FUZZ_CHECK(oracle->utf_check != NULL, "out of memory");
	}
	oracle->match = pcre2_match_data_create_from_pattern(oracle->code,
	    NULL);
	oracle->context = pcre2_match_context_create(NULL);
	FUZZ_CHECK(oracle->match != NULL && oracle->context != NULL,
	    "out of memory");
	/* With --utf8 pcre2_substitute refuses a REPL of invalid UTF-8;
	 * -r copies its bytes as they are. */
	oracle->silent = oracle->utf_check != NULL &&
	    pcre2_match(oracle->utf_check, (PCRE2_SPTR)replacement,
	    strlen(replacement), 0, 0, oracle->match, NULL) < 0;
	pcre2_set_match_limit(oracle->context, MATCH_LIMIT);
	oracle->options = PCRE2_SUBSTITUTE_UNSET_EMPTY |
	    PCRE2_SUBSTITUTE_OVERFLOW_LENGTH |
	    (flags & FLAG_GLOBAL ? PCRE2_SUBSTITUTE_GLOBAL : 0);
	oracle->replacement = replacement;
	oracle->replacement_len = strlen(replacement);
	return 0;
}

/* 1 when the oracle speaks for line. */
static int
oracle_applies(struct oracle *oracle, const struct line *line)
{
	if (oracle->silent)
		return 0;
	return oracle->utf_check == NULL || pcre2_match(oracle->utf_check,
	    (PCRE2_SPTR)(line->len > 0 ? line->ptr : ""), line->len, 0, 0,
	    oracle->match, NULL) >= 0;
}

/* pcre2_substitute's result for line in oracle->out: its length, or a
 * negative PCRE2 error. */
static long
oracle_substitute(struct oracle *oracle, const struct line *line)
{
	for (;;) {
		PCRE2_SIZE len = oracle->out_size;
		int result = pcre2_substitute(oracle->code,
		    (PCRE2_SPTR)(line->len > 0 ? line->ptr : ""), line->len, 0,
		    oracle->options, oracle->match, oracle->context,
		    (PCRE2_SPTR)oracle->replacement, oracle->replacement_len,
		    (PCRE2_UCHAR *)oracle->out, &len);

		if (result == PCRE2_ERROR_NOMEMORY) {
			free(oracle->out);
			oracle->out_size = len + 1;
			oracle->out = malloc(oracle->out_size);
			FUZZ_CHECK(oracle->out != NULL, "out of memory");
			continue;
		}
		return result < 0 ? result : (long)len;
	}
}

static void
oracle_free(struct oracle *oracle)
{
	pcre2_match_data_free(oracle->match);
	pcre2_match_context_free(oracle->context);
	pcre2_code_free(oracle->code);
	pcre2_code_free(oracle->utf_check);
	free(oracle->out);
}

/* s<D>pattern<D>replacement<D>flags, with a D in neither; NULL when every
 * byte is taken. */
static char *
write_argument(const char *pattern, const char *replacement, unsigned flags)
{
	size_t len = strlen(pattern) + strlen(replacement) + 8;
	char *arg = malloc(len);
	unsigned delimiter;

	FUZZ_CHECK(arg != NULL, "out of memory");
	/* A pattern ending in a backslash would escape the delimiter. */
	if ((strlen(pattern) > 0 && pattern[strlen(pattern) - 1] == '\\') ||
	    (strlen(replacement) > 0 &&
	    replacement[strlen(replacement) - 1] == '\\')) {
		free(arg);
		return NULL;
	}
	for (delimiter = '/'; delimiter < '/' + 256; delimiter++) {
		char d = (char)(delimiter % 256);

		if (d == '\0' || d == '\\' || d == '\n' ||
		    strchr(pattern, d) != NULL || strchr(replacement, d) != NULL)
			continue;
		snprintf(arg, len, "s%c%s%c%s%c%s%s%s", d, pattern, d,
		    replacement, d, flags & FLAG_GLOBAL ? "g" : "",
		    flags & FLAG_CASELESS ? "i" : "",
		    flags & FLAG_EXTENDED ? "x" : "");
		return arg;
	}
	free(arg);
	return NULL;
}

static void
check_refusal(const struct diag *diag, const char *arg)
{
	char prefix[64];

	snprintf(prefix, sizeof prefix, "-r '%.40s", arg);
	FUZZ_CHECK(strncmp(diag->message, prefix, strlen(prefix)) == 0,
	    "refused with \"%s\"", diag->message);
}

/* Every line through the stage, each compared with the oracle's. */
static void
run_lines(struct stage *replace, struct stage *tap, struct oracle *oracle,
    const struct settings *settings, const struct diag *diag)
{
	size_t limit = stage_line_limit(settings);
	struct line line;
	int result;

	while ((result = stage_next(replace, &line)) == 1) {
		const struct line *in = fuzz_tap_last(tap);
		long want;

		FUZZ_CHECK(line.len <= limit, "a line over the limit");
		if (oracle == NULL || !oracle_applies(oracle, in))
			continue;
		want = oracle_substitute(oracle, in);
		FUZZ_CHECK(want >= 0, "line %llu: sluice wrote \"%.*s\", "
		    "pcre2_substitute failed with %ld",
		    (unsigned long long)in->lineno, (int)line.len, line.ptr,
		    want);
		FUZZ_CHECK((size_t)want == line.len && (line.len == 0 ||
		    memcmp(line.ptr, oracle->out, line.len) == 0),
		    "line %llu \"%.*s\": sluice wrote \"%.*s\", "
		    "pcre2_substitute \"%.*s\"", (unsigned long long)in->lineno,
		    (int)in->len, in->ptr, (int)line.len, line.ptr, (int)want,
		    oracle->out);
	}
	if (result == 0)
		return;
	FUZZ_CHECK(result == -1 && diag->message[0] != '\0',
	    "ended with %d and no message", result);
	if (oracle != NULL && oracle_applies(oracle, fuzz_tap_last(tap))) {
		/* The line it failed on: PCRE2 fails too (a match limit),
		 * or the result is over the limit. */
		long want = oracle_substitute(oracle, fuzz_tap_last(tap));

		FUZZ_CHECK(want < 0 || (size_t)want > limit,
		    "failed (%s) where pcre2_substitute did not",
		    diag->message);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t max_lines[] = { 4, 64, 4096, DEFAULT_MAX_LINE };
	char *copy, *pattern, *replacement = NULL, *arg, *path;
	const char *lines = "";
	size_t lines_len = 0, len;
	unsigned flags;
	struct settings settings;
	struct oracle oracle;
	int have_oracle = 0;
	struct diag diag;
	struct stage *tap, *replace;

	if (size < 1)
		return 0;
	flags = data[0];
	copy = malloc(size + 1);
	FUZZ_CHECK(copy != NULL, "out of memory");
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	pattern = copy;
	len = strlen(pattern);
	if (len + 1 < size) {
		replacement = pattern + len + 1;
		len += strlen(replacement) + 1;
		if (len + 1 < size) {
			lines = copy + len + 1;
			lines_len = size - 1 - (len + 1);
		}
	}
	if (flags & MODE_RAW) {
		arg = strdup(pattern);
		FUZZ_CHECK(arg != NULL, "out of memory");
	} else {
		arg = write_argument(pattern, replacement != NULL ? replacement
		    : "", flags);
		if (arg == NULL) {
			free(copy);
			return 0;
		}
		have_oracle = oracle_init(&oracle, pattern, replacement != NULL
		    ? replacement : "", flags) == 0;
	}
	fuzz_settings(&settings);
	settings.ignore_case = (flags & SETTING_IGNORE_CASE) != 0;
	settings.utf8 = (flags & SETTING_UTF8) != 0;
	settings.max_line = max_lines[flags >> 6];
	settings.long_lines = LONG_LINES_TRUNCATE;
	settings.match_limit = MATCH_LIMIT;
	path = fuzz_input(0, lines, lines_len);
	diag_init(&diag, NULL);
	replace = fuzz_tapped_stage(&path, replace_new, arg, "-r",
	    &settings, &diag, &tap);
	/* What PCRE2 compiles, -r builds, unless REPL is wrong. */
	FUZZ_CHECK(replace == NULL || (flags & MODE_RAW) || have_oracle,
	    "built, but PCRE2 refuses the pattern");
	if (replace == NULL) {
		check_refusal(&diag, arg);
		stage_free_chain(tap);
	} else {
		run_lines(replace, tap, have_oracle ? &oracle : NULL,
		    &settings, &diag);
		stage_free_chain(replace);
	}
	if (have_oracle)
		oracle_free(&oracle);
	free(arg);
	free(copy);
	return 0;
}
