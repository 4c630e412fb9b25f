/* check_options.c: the command line: stage options kept in their order,
 * global options wherever they appear, FILEs, -O and --in-place, the
 * messages of malformed options, and --help's text. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "options.h"

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define MAX_WORDS 32

/* A writable argv, as main gets it: getopt may permute it, and the parsed
 * options point into it, so it lives as long as they do. */
struct command_line {
	int argc;
	char *argv[MAX_WORDS + 2];
	char text[2048];
};

/* Parses "sluice" followed by words. */
static int
parse(struct command_line *line, const char *const *words,
    struct options *options, struct diag *diag)
{
	size_t used = 0;
	const char *word = "sluice";

	line->argc = 0;
	for (; word != NULL; word = words[line->argc - 1]) {
		size_t len = strlen(word) + 1;

		ck_assert_int_lt(line->argc, MAX_WORDS);
		ck_assert_uint_le(used + len, sizeof line->text);
		memcpy(line->text + used, word, len);
		line->argv[line->argc++] = line->text + used;
		used += len;
	}
	line->argv[line->argc] = NULL;
	diag_init(diag, NULL);
	return options_parse(options, line->argc, line->argv, diag);
}

/* Parses words, which must succeed. */
static void
parse_ok(struct command_line *line, const char *const *words,
    struct options *options)
{
	struct diag diag;

	ck_assert_msg(parse(line, words, options, &diag) == 0,
	    "refused: %s", diag.message);
}

static void
expect_stage(const struct options *options, size_t i, stage_builder *build,
    int variant, const char *arg, const char *option)
{
	const struct stage_spec *spec;

	ck_assert_uint_lt(i, options->stage_count);
	spec = &options->stages[i];
	ck_assert_msg(spec->build == build, "stage %zu (%s): another kind",
	    i, spec->option);
	ck_assert_int_eq(spec->variant, variant);
	if (arg == NULL)
		ck_assert_ptr_null(spec->arg);
	else
		ck_assert_str_eq(spec->arg, arg);
	ck_assert_str_eq(spec->option, option);
}

static void
expect_files(const struct options *options, const char *const *files)
{
	size_t i;

	for (i = 0; files[i] != NULL; i++) {
		ck_assert_uint_lt(i, options->file_count);
		ck_assert_str_eq(options->files[i], files[i]);
	}
	ck_assert_uint_eq(options->file_count, i);
}

/* Parsing words fails with one line that starts with beginning. */
static void
expect_refused(const char *const *words, const char *beginning)
{
	struct command_line line;
	struct options options;
	struct diag diag;

	ck_assert_msg(parse(&line, words, &options, &diag) == -1,
	    "%s was accepted", words[0]);
	ck_assert_msg(strncmp(diag.message, beginning, strlen(beginning)) ==
	    0, "message \"%s\", expected \"%s...\"", diag.message, beginning);
	ck_assert_ptr_null(strchr(diag.message, '\n'));
	options_free(&options);
}

START_TEST(stages_keep_command_line_order)
{
	struct command_line line;
	struct options options;

	parse_ok(&line, WORDS("-s", "-m", "a", "-r", "s/a/b/", "-n", "3"),
	    &options);
	ck_assert_uint_eq(options.stage_count, 4);
	expect_stage(&options, 0, strip_new, STRIP_BOTH, NULL, "-s");
	expect_stage(&options, 1, filter_new, FILTER_KEEP, "a", "-m");
	expect_stage(&options, 2, replace_new, 0, "s/a/b/", "-r");
	expect_stage(&options, 3, head_new, 0, "3", "-n");
	ck_assert_uint_eq(options.file_count, 0);
	ck_assert_int_eq(options.action, ACTION_RUN);
	options_free(&options);

	parse_ok(&line, WORDS("-n", "3", "-r", "s/a/b/", "-m", "a", "-s"),
	    &options);
	ck_assert_uint_eq(options.stage_count, 4);
	expect_stage(&options, 0, head_new, 0, "3", "-n");
	expect_stage(&options, 1, replace_new, 0, "s/a/b/", "-r");
	expect_stage(&options, 2, filter_new, FILTER_KEEP, "a", "-m");
	expect_stage(&options, 3, strip_new, STRIP_BOTH, NULL, "-s");
	options_free(&options);
}
END_TEST

START_TEST(long_names_keep_their_spelling_and_variant)
{
	struct command_line line;
	struct options options;

	parse_ok(&line, WORDS("--strip", "--lstrip", "--rstrip",
	    "--match=a", "--reject", "b", "--replace=s/x/y/", "--head=2",
	    "--count"), &options);
	ck_assert_uint_eq(options.stage_count, 8);
	expect_stage(&options, 0, strip_new, STRIP_BOTH, NULL, "--strip");
	expect_stage(&options, 1, strip_new, STRIP_LEFT, NULL, "--lstrip");
	expect_stage(&options, 2, strip_new, STRIP_RIGHT, NULL, "--rstrip");
	expect_stage(&options, 3, filter_new, FILTER_KEEP, "a", "--match");
	expect_stage(&options, 4, filter_new, FILTER_DROP, "b", "--reject");
	expect_stage(&options, 5, replace_new, 0, "s/x/y/", "--replace");
	expect_stage(&options, 6, head_new, 0, "2", "--head");
	expect_stage(&options, 7, count_new, 0, NULL, "--count");
	options_free(&options);
}
END_TEST

START_TEST(short_names_and_groups)
{
	struct command_line line;
	struct options options;

	parse_ok(&line, WORDS("-v", "x", "-c", "-sn3", "-mab"), &options);
	ck_assert_uint_eq(options.stage_count, 5);
	expect_stage(&options, 0, filter_new, FILTER_DROP, "x", "-v");
	expect_stage(&options, 1, count_new, 0, NULL, "-c");
	expect_stage(&options, 2, strip_new, STRIP_BOTH, NULL, "-s");
	expect_stage(&options, 3, head_new, 0, "3", "-n");
	expect_stage(&options, 4, filter_new, FILTER_KEEP, "ab", "-m");
	options_free(&options);
}
END_TEST

/* One word can name more stages than there are words: the list grows
 * (the fuzz corpus's options/clustered once overflowed it). */
START_TEST(groups_name_more_stages_than_words)
{
	struct command_line line;
	struct options options;
	size_t i;

	parse_ok(&line, WORDS("-sssssssssssssssssssssssssssssssssssssss",
	    "-uUL"), &options);
	ck_assert_uint_eq(options.stage_count, 42);
	for (i = 0; i < 39; i++)
		expect_stage(&options, i, strip_new, STRIP_BOTH, NULL, "-s");
	expect_stage(&options, 39, uniq_new, 0, NULL, "-u");
	expect_stage(&options, 40, case_new, CASE_UPPER, NULL, "-U");
	expect_stage(&options, 41, case_new, CASE_LOWER, NULL, "-L");
	options_free(&options);
}
END_TEST

START_TEST(same_stage_option_repeats)
{
	struct command_line line;
	struct options options;

	parse_ok(&line, WORDS("-m", "a", "--match", "b", "-m", "c"),
	    &options);
	ck_assert_uint_eq(options.stage_count, 3);
	expect_stage(&options, 0, filter_new, FILTER_KEEP, "a", "-m");
	expect_stage(&options, 1, filter_new, FILTER_KEEP, "b", "--match");
	expect_stage(&options, 2, filter_new, FILTER_KEEP, "c", "-m");
	options_free(&options);
}
END_TEST

START_TEST(stage_arguments_are_checked_when_built)
{
	struct command_line line;
	struct options options;

	parse_ok(&line, WORDS("-n", "abc", "-r", "nonsense", "-m", "("),
	    &options);
	ck_assert_uint_eq(options.stage_count, 3);
	expect_stage(&options, 0, head_new, 0, "abc", "-n");
	expect_stage(&options, 1, replace_new, 0, "nonsense", "-r");
	expect_stage(&options, 2, filter_new, FILTER_KEEP, "(", "-m");
	options_free(&options);
}
END_TEST

START_TEST(defaults_without_globals)
{
	struct command_line line;
	struct options options;
	struct settings defaults;

	settings_init(&defaults);
	parse_ok(&line, WORDS("-s"), &options);
	ck_assert_int_eq(options.settings.ignore_case, 0);
	ck_assert_int_eq(options.settings.fixed_strings, 0);
	ck_assert_int_eq(options.settings.utf8, 0);
	ck_assert_int_eq(options.settings.crlf, 0);
	ck_assert_int_eq(options.settings.terminator, '\n');
	ck_assert_int_eq(options.settings.line_buffering, LINE_BUFFERED_AUTO);
	ck_assert_uint_eq(options.settings.buffer_size, DEFAULT_BUFFER_SIZE);
	ck_assert_uint_eq(options.settings.max_line, DEFAULT_MAX_LINE);
	ck_assert_int_eq(options.settings.long_lines, LONG_LINES_FAIL);
	ck_assert_uint_eq(options.settings.match_limit, 0);
	ck_assert_int_eq(options.settings.no_match_ok, 0);
	ck_assert_int_eq(memcmp(&options.settings, &defaults,
	    sizeof defaults), 0);
	options_free(&options);
}
END_TEST

START_TEST(globals_apply_wherever_they_appear)
{
	struct command_line line;
	struct options options;

	parse_ok(&line, WORDS("-m", "x", "-i"), &options);
	ck_assert_int_eq(options.settings.ignore_case, 1);
	ck_assert_uint_eq(options.stage_count, 1);
	expect_stage(&options, 0, filter_new, FILTER_KEEP, "x", "-m");
	options_free(&options);

	parse_ok(&line, WORDS("-s", "-F", "-z", "--crlf", "-c", "--utf8",
	    "--line-buffered", "--no-match-ok", "--buffer-size=4K",
	    "--max-line", "1M", "--long-lines=split", "--match-limit=1000"),
	    &options);
	ck_assert_uint_eq(options.stage_count, 2);
	expect_stage(&options, 0, strip_new, STRIP_BOTH, NULL, "-s");
	expect_stage(&options, 1, count_new, 0, NULL, "-c");
	ck_assert_int_eq(options.settings.ignore_case, 0);
	ck_assert_int_eq(options.settings.fixed_strings, 1);
	ck_assert_int_eq(options.settings.terminator, '\0');
	ck_assert_int_eq(options.settings.crlf, 1);
	ck_assert_int_eq(options.settings.utf8, 1);
	ck_assert_int_eq(options.settings.line_buffering,
	    LINE_BUFFERED_ALWAYS);
	ck_assert_int_eq(options.settings.no_match_ok, 1);
	ck_assert_uint_eq(options.settings.buffer_size, 4096);
	ck_assert_uint_eq(options.settings.max_line, 1 << 20);
	ck_assert_int_eq(options.settings.long_lines, LONG_LINES_SPLIT);
	ck_assert_uint_eq(options.settings.match_limit, 1000);
	options_free(&options);
}
END_TEST

START_TEST(long_lines_policies)
{
	static const struct {
		const char *word;
		enum long_line_policy policy;
	} policies[] = {
		{ "--long-lines=fail", LONG_LINES_FAIL },
		{ "--long-lines=split", LONG_LINES_SPLIT },
		{ "--long-lines=truncate", LONG_LINES_TRUNCATE },
		{ "--long-lines=skip", LONG_LINES_SKIP },
	};
	struct command_line line;
	struct options options;
	size_t i;

	for (i = 0; i < sizeof policies / sizeof policies[0]; i++) {
		parse_ok(&line, WORDS("--long-lines=skip", policies[i].word),
		    &options);
		ck_assert_int_eq(options.settings.long_lines,
		    policies[i].policy);
		options_free(&options);
	}
}
END_TEST

START_TEST(files_follow_the_options)
{
	struct command_line line;
	struct options options;

	parse_ok(&line, WORDS("-m", "a", "one.log", "two.log"), &options);
	ck_assert_uint_eq(options.stage_count, 1);
	expect_files(&options, WORDS("one.log", "two.log"));
	options_free(&options);

	parse_ok(&line, WORDS("-s", "-", "f"), &options);
	ck_assert_uint_eq(options.stage_count, 1);
	expect_files(&options, WORDS("-", "f"));
	options_free(&options);

	parse_ok(&line, WORDS("-"), &options);
	ck_assert_uint_eq(options.stage_count, 0);
	expect_files(&options, WORDS("-"));
	options_free(&options);
}
END_TEST

START_TEST(double_dash_ends_the_options)
{
	struct command_line line;
	struct options options;

	parse_ok(&line, WORDS("-s", "--", "-n", "--match=x", "-"), &options);
	ck_assert_uint_eq(options.stage_count, 1);
	expect_stage(&options, 0, strip_new, STRIP_BOTH, NULL, "-s");
	expect_files(&options, WORDS("-n", "--match=x", "-"));
	options_free(&options);

	parse_ok(&line, WORDS("--"), &options);
	ck_assert_uint_eq(options.stage_count, 0);
	ck_assert_uint_eq(options.file_count, 0);
	options_free(&options);
}
END_TEST

START_TEST(bad_sizes_name_the_option)
{
	expect_refused(WORDS("--buffer-size=0"), "--buffer-size '0': ");
	expect_refused(WORDS("--buffer-size=12Q"), "--buffer-size '12Q': ");
	expect_refused(WORDS("--buffer-size", "-1"), "--buffer-size '-1': ");
	expect_refused(WORDS("--buffer-size="), "--buffer-size '': ");
	expect_refused(WORDS("--max-line=0"), "--max-line '0': ");
	expect_refused(WORDS("-s", "--max-line=1KK"), "--max-line '1KK': ");
}
END_TEST

START_TEST(bad_policy_and_limit_name_the_option)
{
	expect_refused(WORDS("--long-lines=maybe"), "--long-lines 'maybe': ");
	expect_refused(WORDS("--long-lines=Fail"), "--long-lines 'Fail': ");
	expect_refused(WORDS("--match-limit=0"), "--match-limit '0': ");
	expect_refused(WORDS("--match-limit=x"), "--match-limit 'x': ");
	expect_refused(WORDS("--match-limit=4294967296"),
	    "--match-limit '4294967296': ");
}
END_TEST

START_TEST(unknown_options_are_named)
{
	expect_refused(WORDS("-X"), "unknown option -X");
	expect_refused(WORDS("-sX"), "unknown option -X");
	expect_refused(WORDS("--bogus"), "unknown option --bogus");
	expect_refused(WORDS("-m", "a", "--no-such-option", "f"),
	    "unknown option --no-such-option");
}
END_TEST

START_TEST(missing_arguments_are_named)
{
	expect_refused(WORDS("-m"), "option -m needs an argument");
	expect_refused(WORDS("-s", "-n"), "option -n needs an argument");
	expect_refused(WORDS("--match"), "option --match needs an argument");
	expect_refused(WORDS("--buffer-size"),
	    "option --buffer-size needs an argument");
}
END_TEST

START_TEST(help_and_version_set_the_action)
{
	static const struct {
		const char *word;
		enum action action;
	} cases[] = {
		{ "-h", ACTION_HELP },
		{ "--help", ACTION_HELP },
		{ "-V", ACTION_VERSION },
		{ "--version", ACTION_VERSION },
		{ "-s", ACTION_RUN },
	};
	struct command_line line;
	struct options options;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		parse_ok(&line, WORDS("-m", "x", cases[i].word), &options);
		ck_assert_msg(options.action == cases[i].action,
		    "%s: action %d", cases[i].word, (int)options.action);
		options_free(&options);
	}
}
END_TEST

START_TEST(parse_runs_again_in_one_process)
{
	struct command_line line;
	struct options options;
	struct diag diag;

	parse_ok(&line, WORDS("-s", "-m", "a", "f"), &options);
	ck_assert_uint_eq(options.stage_count, 2);
	options_free(&options);
	/* A failure in the middle of a group of short options leaves
	 * getopt inside it; the next parse starts afresh all the same. */
	ck_assert_int_eq(parse(&line, WORDS("-sXc", "-n", "1"), &options,
	    &diag), -1);
	options_free(&options);
	parse_ok(&line, WORDS("-c", "g"), &options);
	ck_assert_uint_eq(options.stage_count, 1);
	expect_stage(&options, 0, count_new, 0, NULL, "-c");
	expect_files(&options, WORDS("g"));
	ck_assert_int_eq(options.settings.ignore_case, 0);
	options_free(&options);
	parse_ok(&line, WORDS("-i", "--lstrip"), &options);
	ck_assert_uint_eq(options.stage_count, 1);
	expect_stage(&options, 0, strip_new, STRIP_LEFT, NULL, "--lstrip");
	ck_assert_int_eq(options.settings.ignore_case, 1);
	ck_assert_uint_eq(options.file_count, 0);
	options_free(&options);
}
END_TEST

/* options_usage's text, NUL-terminated. */
static char *
usage_text(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	options_usage(out);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_ptr_nonnull(text);
	return text;
}

START_TEST(usage_names_every_option)
{
	static const char *const names[] = {
		"-s, --strip", "--lstrip", "--rstrip", "-m, --match=RE",
		"-v, --reject=RE", "-r, --replace=", "-o, --extract=RE",
		"-f, --fields=LIST", "-U, --upper", "-L, --lower",
		"-N, --number", "-u, --uniq", "-k, --skip=N", "-n, --head=N",
		"-t, --tail=N", "-c, --count", "-i, --ignore-case",
		"-F, --fixed-strings", "-d, --delimiter=STR",
		"--output-delimiter=STR", "-z, --null-data", "--crlf", "--utf8",
		"--buffer-size=SIZE", "--max-line=SIZE",
		"--long-lines=fail|split|truncate|skip",
		"--line-buffered", "--match-limit=N", "--no-match-ok",
		"-h, --help", "-V, --version", "--stats[=text|json]",
		"--progress", "--explain", "--color[=auto|always|never]",
		"--decompress=auto|none", "--max-window=SIZE",
		"--follow[=start|end]", "-j, --threads=N", "-O, --output=FILE",
		"--in-place[=SUFFIX]", "--no-accelerator",
	};
	char *text = usage_text();
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		ck_assert_msg(strstr(text, names[i]) != NULL,
		    "--help does not mention %s", names[i]);
	free(text);
}
END_TEST

/* Parsing one long option as --help spells it ("--name" or "--name=X"):
 * it may refuse the value 1, but it must know the name. */
static void
expect_known(const char *name, size_t len, int takes_value)
{
	struct command_line line;
	struct options options;
	struct diag diag;
	char word[64];

	snprintf(word, sizeof word, "%.*s%s", (int)len, name,
	    takes_value ? "=1" : "");
	if (parse(&line, WORDS(word), &options, &diag) == 0)
		options_free(&options);
	ck_assert_msg(strstr(diag.message, "unknown option") == NULL,
	    "--help names %s, which is refused: %s", word, diag.message);
}

START_TEST(every_option_in_usage_is_known)
{
	char *text = usage_text();
	const char *at = text;
	unsigned seen = 0;

	while ((at = strstr(at, "--")) != NULL) {
		size_t len = 2 + strspn(at + 2, "abcdefghijklmnopqrstuvwxyz-");

		if (len > 3) {
			expect_known(at, len, at[len] == '=');
			seen++;
		}
		at += len;
	}
	ck_assert_uint_ge(seen, 31);
	free(text);
}
END_TEST

/* An option row of --help ("  -f, --fields=LIST ...", "      --crlf ...")
 * uses its option in the text: the "-f" or "--fields" of ROW at a word's
 * start, followed by a space, '=' or the end. */
static int
uses_option(const char *text, const char *row)
{
	const char *names[2] = { NULL, NULL };
	size_t lens[2] = { 0, 0 }, i;
	const char *at;

	row += strspn(row, " ");
	if (row[0] == '-' && row[1] != '-') {
		names[0] = row;
		lens[0] = 2;
		row += 4;	/* "-f, " */
	}
	names[1] = row;
	lens[1] = strspn(row, "-abcdefghijklmnopqrstuvwxyz0123456789");
	for (i = 0; i < 2; i++)
		for (at = text; names[i] != NULL &&
		    (at = strstr(at, "-")) != NULL; at++)
			if (strncmp(at, names[i], lens[i]) == 0 &&
			    (at == text || at[-1] == ' ') &&
			    strchr(" =", at[lens[i]]) != NULL)
				return 1;
	return 0;
}

/* Every row is in a group: no "Other options". An example ("e.g." under
 * an option's help) only where the syntax is not obvious: a few, each its
 * row's option in use with more than the option itself (not "-s  e.g. -s"
 * nor "--max-line=SIZE  e.g. --max-line=64M"). */
START_TEST(usage_groups_every_option_with_few_examples)
{
	char *text = usage_text();
	const char *at = text, *row = NULL;
	unsigned options = 0, examples = 0;

	ck_assert_msg(strstr(text, "Other options:") == NULL,
	    "an option has no group in --help");
	while ((at = strstr(at, "\n  ")) != NULL) {
		const char *example;
		size_t len;

		at += 1;
		example = at + strspn(at, " ");
		len = strcspn(example, "\n");
		if (strncmp(at, "  -", 3) == 0 ||
		    strncmp(at, "      --", 8) == 0) {
			row = at;
			options++;
		} else if (strncmp(example, "e.g. ", 5) == 0) {
			char line[128];

			example += 5;
			len -= 5;
			snprintf(line, sizeof line, "%.*s", (int)len, example);
			examples++;
			ck_assert_msg(row != NULL, "e.g. %s: under no option",
			    line);
			ck_assert_msg(uses_option(line, row), "e.g. %s: not "
			    "the option of its row, %.*s", line,
			    (int)strcspn(row, "\n"), row);
			ck_assert_msg(strchr(line, ' ') != NULL,
			    "e.g. %s: only the option", line);
		}
	}
	ck_assert_uint_ge(options, 38);
	ck_assert_uint_ge(examples, 1);
	ck_assert_uint_le(examples, options / 4);
	free(text);
}
END_TEST

START_TEST(stats_color_and_explain)
{
	static const struct {
		const char *word;
		enum stats_format stats;
		enum color_when color;
		enum action action;
	} cases[] = {
		{ "-s", STATS_OFF, COLOR_NEVER, ACTION_RUN },
		{ "--stats", STATS_TEXT, COLOR_NEVER, ACTION_RUN },
		{ "--stats=text", STATS_TEXT, COLOR_NEVER, ACTION_RUN },
		{ "--stats=json", STATS_JSON, COLOR_NEVER, ACTION_RUN },
		{ "--color", STATS_OFF, COLOR_AUTO, ACTION_RUN },
		{ "--color=auto", STATS_OFF, COLOR_AUTO, ACTION_RUN },
		{ "--color=always", STATS_OFF, COLOR_ALWAYS, ACTION_RUN },
		{ "--color=never", STATS_OFF, COLOR_NEVER, ACTION_RUN },
		{ "--explain", STATS_OFF, COLOR_NEVER, ACTION_EXPLAIN },
	};
	struct command_line line;
	struct options options;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		parse_ok(&line, WORDS("-m", "x", cases[i].word), &options);
		ck_assert_msg(options.settings.stats == cases[i].stats &&
		    options.settings.color == cases[i].color &&
		    options.action == cases[i].action, "%s", cases[i].word);
		ck_assert_str_eq(options.stages[0].name, "match");
		ck_assert_int_eq(options.stages[0].highlights, 1);
		options_free(&options);
	}
	parse_ok(&line, WORDS("--progress", "-v", "x"), &options);
	ck_assert_int_eq(options.settings.progress, 1);
	ck_assert_int_eq(options.stages[0].highlights, 0);
	options_free(&options);
	/* --help wins over --explain, wherever it is. */
	parse_ok(&line, WORDS("--explain", "--help"), &options);
	ck_assert_int_eq(options.action, ACTION_HELP);
	options_free(&options);
	expect_refused(WORDS("--stats=xml"), "--stats 'xml': not a format "
	    "(text or json)");
	expect_refused(WORDS("--color=yes"), "--color 'yes': not a choice "
	    "(auto, always or never)");
	expect_refused(WORDS("--progress=1"), "option --progress takes no "
	    "argument");
}
END_TEST

/* Only the words themselves being wrong is a usage error, for which main
 * adds "Try 'sluice --help'". */
START_TEST(usage_errors_are_marked)
{
	static const struct {
		const char *word;
		int usage_error;
	} cases[] = {
		{ "--bogus", 1 }, { "-X", 1 }, { "--head", 1 },
		{ "--progress=1", 1 }, { "--buffer-size=1Q", 0 },
		{ "--stats=xml", 0 },
	};
	struct command_line line;
	struct options options;
	struct diag diag;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(parse(&line, WORDS(cases[i].word), &options,
		    &diag), -1);
		ck_assert_msg(options.usage_error == cases[i].usage_error,
		    "%s: usage_error %d", cases[i].word, options.usage_error);
		options_free(&options);
	}
}
END_TEST

START_TEST(usage_line_follows_the_spec)
{
	char *text = usage_text();
	char first[128];

	snprintf(first, sizeof first, "%.*s", (int)strcspn(text, "\n"),
	    text);
	free(text);
	ck_assert_str_eq(first,
	    "Usage: sluice [OPTION | STAGE]... [--] [FILE]...");
}
END_TEST

START_TEST(output_and_in_place)
{
	struct command_line line;
	struct options options;

	parse_ok(&line, WORDS("-O", "out", "-m", "x", "f"), &options);
	ck_assert_str_eq(options.output, "out");
	ck_assert_int_eq(options.in_place, 0);
	expect_files(&options, WORDS("f"));
	options_free(&options);
	parse_ok(&line, WORDS("--output=out", "f"), &options);
	ck_assert_str_eq(options.output, "out");
	options_free(&options);
	parse_ok(&line, WORDS("--in-place", "a", "b"), &options);
	ck_assert_int_eq(options.in_place, 1);
	ck_assert_ptr_null(options.backup_suffix);
	ck_assert_ptr_null(options.output);
	expect_files(&options, WORDS("a", "b"));
	options_free(&options);
	/* The suffix only in the = form: a separate word is a FILE. */
	parse_ok(&line, WORDS("--in-place=.bak", "a"), &options);
	ck_assert_str_eq(options.backup_suffix, ".bak");
	expect_files(&options, WORDS("a"));
	options_free(&options);
	/* ... and one that looks like a suffix (sed's habit) and is no
	 * FILE is refused, before any FILE is rewritten without a backup. */
	expect_refused(WORDS("--in-place", ".bak", "a"),
	    "--in-place: .bak is no FILE; did you mean --in-place=.bak?");
	/* --help still works, whatever else is wrong. */
	parse_ok(&line, WORDS("--in-place", "-h"), &options);
	ck_assert_int_eq(options.action, ACTION_HELP);
	options_free(&options);
}
END_TEST

START_TEST(output_and_in_place_misuse)
{
	expect_refused(WORDS("-O"), "option -O needs an argument");
	expect_refused(WORDS("--output="), "--output '': the output needs a "
	    "file name");
	expect_refused(WORDS("-O", "out", "--in-place", "f"),
	    "-O and --in-place cannot be used together");
	expect_refused(WORDS("--in-place"),
	    "--in-place needs FILEs to rewrite, not standard input");
	expect_refused(WORDS("--in-place=.bak", "-m", "x"),
	    "--in-place needs FILEs to rewrite, not standard input");
	expect_refused(WORDS("--in-place", "a", "-"),
	    "--in-place cannot rewrite standard input ('-')");
}
END_TEST

static Suite *
options_suite(void)
{
	Suite *suite = suite_create("options");
	TCase *stages = tcase_create("stages");
	TCase *globals = tcase_create("globals");
	TCase *files = tcase_create("files");
	TCase *errors = tcase_create("errors");
	TCase *usage = tcase_create("usage");

	tcase_add_test(stages, stages_keep_command_line_order);
	tcase_add_test(stages, long_names_keep_their_spelling_and_variant);
	tcase_add_test(stages, short_names_and_groups);
	tcase_add_test(stages, groups_name_more_stages_than_words);
	tcase_add_test(stages, same_stage_option_repeats);
	tcase_add_test(stages, stage_arguments_are_checked_when_built);
	tcase_add_test(globals, defaults_without_globals);
	tcase_add_test(globals, globals_apply_wherever_they_appear);
	tcase_add_test(globals, long_lines_policies);
	tcase_add_test(globals, help_and_version_set_the_action);
	tcase_add_test(globals, parse_runs_again_in_one_process);
	tcase_add_test(files, files_follow_the_options);
	tcase_add_test(files, double_dash_ends_the_options);
	tcase_add_test(files, output_and_in_place);
	tcase_add_test(errors, output_and_in_place_misuse);
	tcase_add_test(errors, bad_sizes_name_the_option);
	tcase_add_test(errors, bad_policy_and_limit_name_the_option);
	tcase_add_test(errors, unknown_options_are_named);
	tcase_add_test(errors, missing_arguments_are_named);
	tcase_add_test(usage, usage_names_every_option);
	tcase_add_test(usage, every_option_in_usage_is_known);
	tcase_add_test(usage, usage_line_follows_the_spec);
	tcase_add_test(usage, usage_groups_every_option_with_few_examples);
	tcase_add_test(globals, stats_color_and_explain);
	tcase_add_test(errors, usage_errors_are_marked);
	suite_add_tcase(suite, stages);
	suite_add_tcase(suite, globals);
	suite_add_tcase(suite, files);
	suite_add_tcase(suite, errors);
	suite_add_tcase(suite, usage);
	return suite;
}

int
main(void)
{
	return harness_run_suite(options_suite());
}
