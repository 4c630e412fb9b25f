/* replace.c: the substitution stage (-r s/RE/REPL/[gix]). The expression is
 * parsed once, the replacement turned into a list of pieces (literal bytes
 * or a group), and each line rebuilt in a buffer the stage owns; a line
 * with no match passes as the same view, uncopied. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "base/buffer.h"
#include "stages/pattern.h"

/* One piece of the replacement: literal text, or a group's match. */
struct piece {
	size_t offset;		/* into the replacement's literal text */
	size_t len;
	int group;		/* -1: literal */
};

struct replace {
	struct stage stage;
	struct regex *regex;
	int global;
	char *text;		/* owns the unescaped pattern and replacement */
	const char *literal;	/* the replacement's literal text, in text */
	/* s/CLASS+/C/g (replace_runs): the class's byte table, or NULL; the
	 * replacement byte, and whether there is one. */
	const unsigned char *run_table;
	unsigned char run_with;
	int run_keeps_one;
	struct piece *pieces;
	size_t piece_count;
	struct buffer out;
	const char *option;
	const char *argument;
	struct diag *diag;
};

/* The parts of s/RE/REPL/FLAGS, unescaped into text: "\<delim>" stands
 * for the delimiter, every other backslash is kept for PCRE2. */
struct expression {
	char *pattern;
	size_t pattern_len;
	char *replacement;
	size_t replacement_len;
	const char *flags;
};

/* Copies up to the next unescaped delim; returns the position after it,
 * or NULL when there is none. */
static const char *
copy_part(const char *from, char delim, char *to, size_t *len)
{
	*len = 0;
	for (; *from != '\0'; from++) {
		if (*from == delim)
			return from + 1;
		if (from[0] == '\\' && from[1] == delim) {
			from++;
		} else if (from[0] == '\\' && from[1] != '\0') {
			to[(*len)++] = *from++;
		}
		to[(*len)++] = *from;
	}
	return NULL;
}

static int
parse_expression(const char *arg, char *text, struct expression *expression,
    const char **problem)
{
	const char *rest;
	char delim;

	if (arg[0] != 's' || arg[1] == '\0' || arg[1] == '\\' ||
	    arg[1] == '\n') {
		*problem = "not a substitution (expected s/RE/REPL/[gix])";
		return -1;
	}
	delim = arg[1];
	expression->pattern = text;
	rest = copy_part(arg + 2, delim, text, &expression->pattern_len);
	if (rest == NULL) {
		*problem = "unterminated s command (expected s/RE/REPL/[gix])";
		return -1;
	}
	expression->replacement = text + expression->pattern_len + 1;
	rest = copy_part(rest, delim, expression->replacement,
	    &expression->replacement_len);
	if (rest == NULL) {
		*problem = "unterminated s command (expected s/RE/REPL/[gix])";
		return -1;
	}
	if (rest[strspn(rest, "gix")] != '\0') {
		*problem = "unknown flag (the flags are g, i and x)";
		return -1;
	}
	expression->flags = rest;
	return 0;
}

static int
is_name_char(char c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (!first && c >= '0' && c <= '9');
}

/* Reads the group reference after a '$' at text[*at]: $N, ${N}, $name,
 * ${name}. Returns the group number, or -1 with *problem set. */
static int
parse_group(struct replace *replace, const char *text, size_t len,
    size_t *at, const char **problem)
{
	size_t i = *at + 1, begin;
	int braced = i < len && text[i] == '{';
	int group;

	if (braced)
		i++;
	begin = i;
	if (i < len && text[i] >= '0' && text[i] <= '9') {
		long number = 0;

		while (i < len && text[i] >= '0' && text[i] <= '9' &&
		    number < 100000)
			number = number * 10 + (text[i++] - '0');
		group = (int)number;
		if ((unsigned long)number > regex_group_count(replace->regex)) {
			*problem = "a group the pattern does not have";
			return -1;
		}
	} else {
		char name[64];

		while (i < len && is_name_char(text[i], i == begin))
			i++;
		if (i == begin || i - begin >= sizeof name) {
			*problem = "'$' not followed by a group: write $$ for $";
			return -1;
		}
		memcpy(name, text + begin, i - begin);
		name[i - begin] = '\0';
		group = regex_group_number(replace->regex, name);
		if (group < 0) {
			*problem = "a group name the pattern does not have";
			return -1;
		}
	}
	if (braced) {
		if (i >= len || text[i] != '}') {
			*problem = "missing } after ${";
			return -1;
		}
		i++;
	}
	*at = i;
	return group;
}

static void
add_piece(struct replace *replace, size_t offset, size_t len, int group)
{
	struct piece *last = replace->piece_count == 0 ? NULL
	    : &replace->pieces[replace->piece_count - 1];

	if (group < 0 && len == 0)
		return;
	if (group < 0 && last != NULL && last->group < 0 &&
	    last->offset + last->len == offset) {
		last->len += len;
		return;
	}
	replace->pieces[replace->piece_count].offset = offset;
	replace->pieces[replace->piece_count].len = len;
	replace->pieces[replace->piece_count].group = group;
	replace->piece_count++;
}

/* Turns the replacement, in place, into literal text and pieces: "$$"
 * becomes one '$' of literal text. */
static int
parse_replacement(struct replace *replace, char *text, size_t len,
    const char **problem)
{
	size_t at = 0, kept = 0, literal_start = 0;

	replace->pieces = calloc(len + 1, sizeof *replace->pieces);
	if (replace->pieces == NULL) {
		*problem = "out of memory";
		return -1;
	}
	replace->piece_count = 0;
	while (at < len) {
		int group;

		if (text[at] != '$') {
			text[kept++] = text[at++];
			continue;
		}
		if (at + 1 < len && text[at + 1] == '$') {
			text[kept++] = '$';
			at += 2;
			continue;
		}
		group = parse_group(replace, text, len, &at, problem);
		if (group < 0)
			return -1;
		add_piece(replace, literal_start, kept - literal_start, -1);
		add_piece(replace, 0, 0, group);
		literal_start = kept;
	}
	add_piece(replace, literal_start, kept - literal_start, -1);
	return 0;
}

static int
append_replacement(struct replace *replace, const char *subject)
{
	size_t i;

	for (i = 0; i < replace->piece_count; i++) {
		const struct piece *piece = &replace->pieces[i];
		size_t start, end;

		if (piece->group < 0) {
			if (buffer_append(&replace->out,
			    replace->literal + piece->offset, piece->len) != 0)
				return -1;
		} else if (regex_group(replace->regex,
		    (unsigned)piece->group, &start, &end)) {
			if (buffer_append(&replace->out, subject + start,
			    end - start) != 0)
				return -1;
		}
	}
	return 0;
}

/* Rebuilds out in the stage's buffer. Empty matches follow perl and
 * Python: after an empty match the search resumes at the same place but
 * may not match empty there, so replacing b* by - in "abc" gives
 * "-a--c-". */
static int
replace_line(struct replace *replace, struct line *out)
{
	size_t offset = 0, copied = 0, start, end;
	int options = 0, found, changed = 0;

	buffer_clear(&replace->out);
	while ((found = regex_find(replace->regex, out->ptr, out->len, offset,
	    options, &start, &end)) == 1) {
		if (start < copied)
			start = copied;
		if (buffer_append(&replace->out, out->ptr + copied,
		    start - copied) != 0 ||
		    append_replacement(replace, out->ptr) != 0)
			goto too_long;
		copied = end;
		changed = 1;
		if (!replace->global)
			break;
		offset = end;
		options = start == end ? REGEX_NOT_EMPTY_AT_START : 0;
	}
	if (found < 0)
		return pattern_match_error(replace->diag, out, replace->option,
		    replace->argument, found);
	if (!changed)
		return 1;
	if (buffer_append(&replace->out, out->ptr + copied,
	    out->len - copied) != 0)
		goto too_long;
	out->ptr = replace->out.ptr != NULL ? replace->out.ptr : "";
	out->len = replace->out.len;
	return 1;
too_long:
	return stage_line_too_long(replace->diag, out, replace->option,
	    replace->argument, replace->out.limit);
}

/* The common case: s/CLASS+/C/g, a pattern that is one class repeated
 * ([0-9]+) and a replacement of at most one plain byte. Every byte is
 * written, a run's bytes over the same place, so the loop has no branch
 * that depends on the data: transitions in and out of runs are as
 * unpredictable as the log's digits, and a mispredicted branch per run
 * cost more than all the rest (perf). The runs are the ones PCRE2 finds
 * (check_class_run). */
static int
replace_runs(struct replace *replace, struct line *out)
{
	const unsigned char *bytes = (const unsigned char *)out->ptr;
	const unsigned char *table = replace->run_table;
	unsigned with = replace->run_with, keeps_one = replace->run_keeps_one;
	/* In locals: a store through to may alias any field, which made
	 * the compiler reload out->len on every byte. */
	size_t length = out->len, i, written = 0;
	unsigned in_run = 0;
	unsigned char *to;

	buffer_clear(&replace->out);
	if (buffer_reserve(&replace->out, length) != 0)
		return replace_line(replace, out);
	to = (unsigned char *)replace->out.ptr;
	for (i = 0; i < length; i++) {
		unsigned member = table[bytes[i]];

		to[written] = member ? with : bytes[i];
		/* Move on after a byte kept, after a run's first byte when it
		 * becomes one byte, never inside a run. */
		written += (member == 0) | ((in_run == 0) & keeps_one);
		in_run = member;
	}
	out->ptr = replace->out.ptr != NULL ? replace->out.ptr : "";
	out->len = written;
	return 1;
}

static int
replace_next(struct stage *stage, struct line *out)
{
	struct replace *replace = (struct replace *)stage;
	int result = stage_next(stage->up, out);

	if (result != 1)
		return result;
	if (replace->run_table != NULL)
		return replace_runs(replace, out);
	return replace_line(replace, out);
}

static void
replace_free(struct stage *stage)
{
	struct replace *replace = (struct replace *)stage;

	regex_free(replace->regex);
	buffer_free(&replace->out);
	free(replace->pieces);
	free(replace->text);
	free(replace);
}

static void
replace_describe(const struct stage *stage, struct describe_out *out)
{
	const struct replace *replace = (const struct replace *)stage;
	char text[160];

	regex_describe(replace->regex, text, sizeof text);
	describe_add(out, "%s", text);
	describe_add(out, "%s", replace->global ? "every match (g)"
	    : "the first match");
	if (replace->run_table != NULL)
		describe_add(out, "a table-driven byte loop replaces each run");
}

static const struct stage_ops replace_ops = {
	.name = "replace",
	.flags = STAGE_PER_LINE,
	.next = replace_next,
	.free = replace_free,
	.describe = replace_describe,
	.skip_file = stage_skip_file_above,
};

/* Takes replace_runs when the pattern is one class repeated, every match
 * is replaced (g), and the replacement is nothing or one plain byte. */
static void
replace_choose_runs(struct replace *replace)
{
	const struct piece *only = &replace->pieces[0];

	if (regex_class_table(replace->regex) == NULL || !replace->global)
		return;
	if (replace->piece_count == 0) {
		replace->run_keeps_one = 0;
	} else if (replace->piece_count == 1 && only->group < 0 &&
	    only->len == 1) {
		replace->run_keeps_one = 1;
		replace->run_with = (unsigned char)replace->literal[only->offset];
	} else {
		return;
	}
	replace->run_table = regex_class_table(replace->regex);
}

static int
replace_setup(struct replace *replace, const struct stage_args *args)
{
	struct regex_flags flags = { 0, 0, 0, 0, 0, 0 };
	struct expression expression;
	const char *problem = "out of memory";

	replace->text = malloc(strlen(args->arg) + 2);
	if (replace->text == NULL ||
	    parse_expression(args->arg, replace->text, &expression,
	    &problem) != 0)
		return diag_fail(args->diag, "%s '%s': %s", args->option,
		    args->arg, problem);
	flags.caseless = strchr(expression.flags, 'i') != NULL;
	flags.extended = strchr(expression.flags, 'x') != NULL;
	replace->global = strchr(expression.flags, 'g') != NULL;
	replace->regex = pattern_compile(args, expression.pattern,
	    expression.pattern_len, 0, &flags);
	if (replace->regex == NULL)
		return -1;
	replace->literal = expression.replacement;
	if (parse_replacement(replace, expression.replacement,
	    expression.replacement_len, &problem) != 0)
		return diag_fail(args->diag, "%s '%s': %s", args->option,
		    args->arg, problem);
	replace_choose_runs(replace);
	return 0;
}

struct stage *
replace_new(const struct stage_args *args)
{
	struct replace *replace = stage_alloc(args, sizeof *replace,
	    &replace_ops);

	if (replace == NULL)
		return NULL;
	replace->option = args->option;
	replace->argument = args->arg;
	replace->diag = args->diag;
	buffer_init(&replace->out, stage_line_limit(args->settings));
	if (replace_setup(replace, args) != 0) {
		replace_free(&replace->stage);
		return NULL;
	}
	return &replace->stage;
}
