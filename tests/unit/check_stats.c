/* check_stats.c: what --stats, --progress, --color and --explain format:
 * JSON strings (quotes, backslashes, control bytes, invalid UTF-8), the
 * text report's quoting, sizes, the progress line, GREP_COLORS, the
 * describe text's bound; and the counters a real chain leaves, gathered
 * and printed. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#include "run/progress.h"
#include "input/reader.h"
#include "output/sink.h"
#include "run/stats.h"
#include "base/size_text.h"

/* What print(out, text) writes, NUL-terminated; the caller frees it. */
static char *
printed(void (*print)(FILE *, const char *), const char *text)
{
	char *bytes = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&bytes, &len);

	ck_assert_ptr_nonnull(out);
	print(out, text);
	ck_assert_int_eq(fclose(out), 0);
	return bytes;
}

START_TEST(json_strings_escape_what_json_must)
{
	static const struct {
		const char *text;
		const char *json;
	} cases[] = {
		{ "ERROR", "\"ERROR\"" },
		{ "", "\"\"" },
		{ "say \"hi\"", "\"say \\\"hi\\\"\"" },
		{ "a\\b\\d", "\"a\\\\b\\\\d\"" },
		{ "tab\there\nnew", "\"tab\\there\\nnew\"" },
		{ "\x01\x1b[K\x7f", "\"\\u0001\\u001b[K\\u007f\"" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
		    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
		/* Not UTF-8: each byte as the code point of its value. */
		{ "\xff\xfe", "\"\\u00ff\\u00fe\"" },
		{ "\xc3(", "\"\\u00c3(\"" },		/* a cut sequence */
		{ "\xc0\xaf", "\"\\u00c0\\u00af\"" },	/* overlong */
		{ "\xed\xa0\x80", "\"\\u00ed\\u00a0\\u0080\"" },	/* surrogate */
		{ "\xf4\x90\x80\x80", "\"\\u00f4\\u0090\\u0080\\u0080\"" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *json = printed(stats_json_string, cases[i].text);

		ck_assert_msg(strcmp(json, cases[i].json) == 0,
		    "case %zu: got %s, expected %s", i, json, cases[i].json);
		free(json);
	}
	{
		char *json = printed(stats_json_string, NULL);

		ck_assert_str_eq(json, "null");
		free(json);
	}
}
END_TEST

START_TEST(text_quotes_show_control_bytes)
{
	static const struct {
		const char *text;
		const char *quoted;
	} cases[] = {
		{ "ERROR", "'ERROR'" },
		{ "it's", "'it's'" },
		{ "a\tb\n", "'a\\x09b\\x0a'" },
		{ "\x1b[K\xff", "'\\x1b[K\\xff'" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *quoted = printed(stats_text_quote, cases[i].text);

		ck_assert_str_eq(quoted, cases[i].quoted);
		free(quoted);
	}
}
END_TEST

START_TEST(sizes_in_binary_units)
{
	static const struct {
		double bytes;
		const char *text;
	} cases[] = {
		{ 0, "0 B" }, { 1023, "1023 B" }, { 1024, "1.0 KiB" },
		{ 1536, "1.5 KiB" }, { 2.5 * 1048576, "2.5 MiB" },
		{ 3.0 * 1073741824, "3.0 GiB" }, { 2.0 * 1099511627776.0,
		    "2.0 TiB" }, { 4096.0 * 1099511627776.0, "4096.0 TiB" },
	};
	char text[32];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_human_text(text, sizeof text, cases[i].bytes);
		ck_assert_str_eq(text, cases[i].text);
	}
}
END_TEST

START_TEST(the_progress_line)
{
	static const struct {
		uint64_t done, total;
		int known;
		double seconds;
		const char *text;
	} cases[] = {
		{ 12 << 20, 48 << 20, 1, 2.0,
		    "12.0 MiB of 48.0 MiB (25%), 6.0 MiB/s, ETA 0:06" },
		{ 1 << 20, 601 << 20, 1, 1.0,
		    "1.0 MiB of 601.0 MiB (0%), 1.0 MiB/s, ETA 10:00" },
		{ 5 << 20, 0, 0, 2.0, "5.0 MiB, 2.5 MiB/s" },
		{ 0, 10, 1, 0.0, "0 B of 10 B (0%)" },
		/* A FILE that grew past its size: no percent over 100. */
		{ 20, 10, 1, 1.0, "20 B, 20 B/s" },
	};
	char text[160];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		progress_text(text, sizeof text, cases[i].done, cases[i].total,
		    cases[i].known, cases[i].seconds);
		ck_assert_str_eq(text, cases[i].text);
	}
}
END_TEST

START_TEST(grep_colors_read_as_grep_reads_them)
{
	static const struct {
		const char *env;
		const char *sgr;
		int erase;
	} cases[] = {
		{ NULL, "01;31", 1 },
		{ "", "01;31", 1 },
		{ "ms=04;32", "04;32", 1 },
		{ "mt=01;34", "01;34", 1 },
		{ "sl=1:cx=2:mc=35:ms=33:ne", "33", 0 },
		{ "ne", "01;31", 0 },
		{ "ms=bad", "01;31", 1 },
		{ "ms=1;2:mt=7", "7", 1 },
		{ "ms=", "", 1 },
		{ "xx=1:ms", "01;31", 1 },
	};
	char sgr[COLOR_SGR_MAX];
	int erase;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		color_parse(cases[i].env, sgr, sizeof sgr, &erase);
		ck_assert_msg(strcmp(sgr, cases[i].sgr) == 0 &&
		    erase == cases[i].erase, "%s: got %s, %d",
		    cases[i].env ? cases[i].env : "(unset)", sgr, erase);
	}
}
END_TEST

START_TEST(describe_text_is_bounded)
{
	struct describe_out out = { "", 0 };
	char word[300];
	int i;

	describe_add(&out, "first");
	describe_add(&out, "%d", 2);
	ck_assert_str_eq(out.text, "first; 2");
	memset(word, 'x', sizeof word - 1);
	word[sizeof word - 1] = '\0';
	for (i = 0; i < 10; i++)
		describe_add(&out, "%s", word);
	ck_assert_uint_eq(strlen(out.text), sizeof out.text - 1);
	ck_assert_uint_eq(out.len, sizeof out.text - 1);
	ck_assert_str_eq(out.text + out.len - 3, "...");
}
END_TEST

/* A real chain (reader, strip, the given filter) over lines, drained
 * into a sink on /dev/null, then gathered. */
START_TEST(gathered_from_a_real_chain)
{
	static const char input[] = "  a1  \nb2\n  a3\nc4";	/* 4 records */
	struct settings settings;
	struct diag diag;
	struct sink sink;
	struct stats_clock clock;
	struct stats_run run;
	struct stats_label labels[] = { { "strip", "-s", NULL } };
	char *path = harness_file(input, strlen(input));
	char *paths[] = { path };
	struct stage *chain, *strip;
	struct stage_args args;
	struct line line;
	const char *expected;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	settings_init(&settings);
	settings.stats = STATS_JSON;
	diag_init(&diag, NULL);
	stats_clock_start(&clock);
	chain = reader_new(paths, 1, &settings, &diag);
	ck_assert_ptr_nonnull(chain);
	args = (struct stage_args){ chain, "a", "-m", FILTER_KEEP, &settings,
	    &diag, NO_CONTEXT, 0 };
	strip = NULL;
	{
		struct stage_args strip_args = { chain, NULL, "-s", STRIP_BOTH,
			&settings, &diag, NO_CONTEXT, 0 };

		strip = strip_new(&strip_args);
		ck_assert_ptr_nonnull(strip);
	}
	args.up = strip;
	chain = filter_new(&args);
	ck_assert_ptr_nonnull(chain);
	ck_assert_int_eq(sink_init(&sink, -1, "(none)", &settings), 0);
	while (stage_next(chain, &line) == 1) {
		sink.lines++;
		sink.bytes += line.len + (unsigned)line.eol;
	}
	ck_assert_int_eq(stats_gather(&run, chain, labels, 1, &sink, &clock,
	    0), 0);
	ck_assert_uint_eq(run.files, 1);
	ck_assert_uint_eq(run.bytes_read, strlen(input));
	ck_assert_uint_eq(run.records, 4);
	ck_assert_uint_eq(run.record_bytes, strlen(input));
	ck_assert_uint_eq(run.stage_count, 2);
	ck_assert_str_eq(run.stages[0].label.name, "strip");
	/* No label: the stage's own name. */
	ck_assert_str_eq(run.stages[1].label.name, "filter");
	ck_assert_uint_eq(run.stages[0].lines_in, 4);
	ck_assert_uint_eq(run.stages[0].bytes_in, strlen(input));
	/* "a1\n" "b2\n" "a3\n" "c4": endings kept, blanks gone. */
	ck_assert_uint_eq(run.stages[0].bytes_out, 11);
	ck_assert_uint_eq(run.stages[1].lines_in, 4);
	ck_assert_uint_eq(run.stages[1].bytes_in, 11);
	ck_assert_uint_eq(run.stages[1].lines_out, 2);
	ck_assert_uint_eq(run.stages[1].bytes_out, 6);
	ck_assert_uint_eq(run.lines_written, 2);
	ck_assert(run.wall_seconds >= 0);
	ck_assert_uint_gt(run.peak_rss_bytes, 0);
	out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(stats_print(out, STATS_JSON, &run), 0);
	ck_assert_int_eq(fclose(out), 0);
	expected = "{\"version\":1,\"status\":0,\"input\":{"
	    "\"files\":1,\"bytes_read\":17,\"file_bytes\":17,\"records\":4,"
	    "\"lines\":4,\"record_bytes\":17,\"long_lines\":0,\"bytes_skipped\":0,"
	    "\"bytes_probed\":0,\"probe_reads\":0},\"stages\":[{\"name\":\"strip\",\"option\":"
	    "\"-s\",\"arg\":null,\"lines_in\":4,\"lines_out\":4,\"bytes_in\":"
	    "17,\"bytes_out\":11},{\"name\":\"filter\",\"option\":null,"
	    "\"arg\":null,\"lines_in\":4,\"lines_out\":2,\"bytes_in\":11,"
	    "\"bytes_out\":6}],\"output\":{\"lines\":2,\"bytes\":6},";
	ck_assert_msg(strncmp(text, expected, strlen(expected)) == 0, "%s",
	    text);
	/* One line: its only newline ends it. */
	ck_assert_ptr_eq(strchr(text, '\n'), text + len - 1);
	free(text);
	stats_run_free(&run);
	sink_free(&sink);
	stage_free_chain(chain);
	unlink(path);
	free(path);
}
END_TEST

static Suite *
stats_suite(void)
{
	Suite *suite = suite_create("stats");
	TCase *format = tcase_create("format");
	TCase *chain = tcase_create("chain");

	tcase_add_test(format, json_strings_escape_what_json_must);
	tcase_add_test(format, text_quotes_show_control_bytes);
	tcase_add_test(format, sizes_in_binary_units);
	tcase_add_test(format, the_progress_line);
	tcase_add_test(format, grep_colors_read_as_grep_reads_them);
	tcase_add_test(format, describe_text_is_bounded);
	tcase_add_test(chain, gathered_from_a_real_chain);
	suite_add_tcase(suite, format);
	suite_add_tcase(suite, chain);
	return suite;
}

int
main(void)
{
	return harness_run_suite(stats_suite());
}
