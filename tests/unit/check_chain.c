/* check_chain.c: stages in chains, as chain_build makes them: the order
 * of the stages is the order of their work; every kind in one chain; the
 * transforming kinds (-k -L -u -N -o -f -t -U) each twice in one, every
 * prefix of it counted too; and the same kinds with -d, -i, -m and -s.
 * Run through the real reader and sink at every buffer size from 1 to 64
 * bytes and the default. */
#include <config.h>

#include <check.h>
#include <string.h>

#include "harness.h"

START_TEST(chain_order_strip_and_anchored_match)
{
	struct settings settings = harness_settings();
	struct harness_stage strip_then_match[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ filter_new, "^x$", FILTER_KEEP },
	};
	struct harness_stage match_then_strip[] = {
		{ filter_new, "^x$", FILTER_KEEP },
		{ strip_new, NULL, STRIP_BOTH },
	};

	HARNESS_EXPECT("  x  \nx\n y\n", &settings, strip_then_match,
	    "x\nx\n");
	HARNESS_EXPECT("  x  \nx\n y\n", &settings, match_then_strip, "x\n");
}
END_TEST

START_TEST(chain_order_replace_and_filter)
{
	struct settings settings = harness_settings();
	struct harness_stage replace_then_match[] = {
		{ replace_new, "s/a/b/", 0 },
		{ filter_new, "b", FILTER_KEEP },
	};
	struct harness_stage match_then_replace[] = {
		{ filter_new, "b", FILTER_KEEP },
		{ replace_new, "s/a/b/", 0 },
	};

	HARNESS_EXPECT("a\nc\nab\n", &settings, replace_then_match,
	    "b\nbb\n");
	HARNESS_EXPECT("a\nc\nab\n", &settings, match_then_replace, "bb\n");
}
END_TEST

START_TEST(chain_of_every_kind)
{
	struct settings settings = harness_settings();
	struct harness_stage chain[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ filter_new, "ERROR", FILTER_KEEP },
		{ replace_new, "s/[0-9]+/#/g", 0 },
		{ head_new, "2", 0 },
	};
	struct harness_stage counted[] = {
		{ strip_new, NULL, STRIP_BOTH },
		{ filter_new, "ERROR", FILTER_KEEP },
		{ replace_new, "s/[0-9]+/#/g", 0 },
		{ head_new, "2", 0 },
		{ count_new, NULL, 0 },
	};
	static const char input[] = "  ERROR 12 at 3  \ninfo 4\n"
	    "\tERROR 5\nERROR 6\n";

	HARNESS_EXPECT(input, &settings, chain, "ERROR # at #\nERROR #\n");
	HARNESS_EXPECT(input, &settings, counted, "2\n");
}
END_TEST

/* Every kind twice; the output of the whole chain, then, for each prefix,
 * the count of the lines that reach its end. */
START_TEST(chain_every_kind_twice)
{
	struct settings settings = harness_settings();
	static const char input[] =
	    "k1 Foo bar\n"
	    "k2 foo bar\n"
	    "k2 foo bar\n"
	    "x9 none\n"
	    "k3 Baz qux\n"
	    "k3 baz qux\n"
	    "k4 Zed end";
	struct harness_stage chain[] = {
		{ skip_new, "1", 0 },		/* 6 lines */
		{ case_new, NULL, CASE_LOWER },	/* 6 */
		{ uniq_new, NULL, 0 },		/* 2 k2, 4 x9, 5 k3, 7 k4 */
		{ number_new, NULL, 0 },	/* 4 */
		{ extract_new, "^[0-9]+\tk[0-9] [a-z]+", 0 },	/* 3 */
		{ fields_new, "1,3", 0 },	/* "2 foo" "5 baz" "7 zed" */
		{ tail_new, "2", 0 },		/* "5 baz" "7 zed" */
		{ case_new, NULL, CASE_UPPER },	/* "5 BAZ" "7 ZED" */
		{ number_new, NULL, 0 },	/* "5\t5 BAZ" "7\t7 ZED" */
		{ extract_new, "[0-9A-Z]+", 0 },	/* 5 5 BAZ 7 7 ZED */
		{ uniq_new, NULL, 0 },		/* 5 BAZ 7 ZED */
		{ skip_new, "1", 0 },		/* BAZ 7 ZED */
		{ fields_new, "1,1", 0 },	/* "BAZ BAZ" "7 7" "ZED ZED" */
		{ tail_new, "5", 0 },		/* the same 3 */
	};
	static const char *const counts[] = {
		"6\n", "6\n", "4\n", "4\n", "3\n", "3\n", "2\n", "2\n", "2\n",
		"6\n", "4\n", "3\n", "3\n", "3\n",
	};
	struct harness_stage counted[sizeof chain / sizeof chain[0] + 1];
	size_t n, total = sizeof chain / sizeof chain[0];

	HARNESS_EXPECT(input, &settings, chain, "BAZ BAZ\n7 7\nZED ZED\n");
	for (n = 1; n <= total; n++) {
		memcpy(counted, chain, n * sizeof chain[0]);
		counted[n].build = count_new;
		counted[n].arg = NULL;
		counted[n].variant = 0;
		harness_expect(input, strlen(input), &settings, counted, n + 1,
		    counts[n - 1], strlen(counts[n - 1]));
	}
}
END_TEST

/* The same with -d and the global flags, and a filter and strip among
 * them. */
START_TEST(chain_with_delimiter_and_global_flags)
{
	struct settings settings = harness_settings();
	static const char input[] =
	    "  id=7;user=Ann;act=LOGIN \n"
	    "id=8;user=bob;act=login\n"
	    "id=8;user=bob;act=login\n"
	    "noise\n"
	    "id=9;user=Cy;act=Logout";
	struct harness_stage chain[] = {
		{ strip_new, NULL, STRIP_BOTH },	/* 5 */
		{ filter_new, "ACT=", FILTER_KEEP },	/* 4, caseless */
		{ uniq_new, NULL, 0 },			/* 3 */
		{ fields_new, "-1,2", 0 },	/* act=LOGIN;user=Ann ... */
		{ case_new, NULL, CASE_LOWER },
		{ extract_new, "[a-z]+=[a-z]+", 0 },	/* 6 */
		{ number_new, NULL, 0 },
		{ skip_new, "1", 0 },			/* 5 */
		{ tail_new, "4", 0 },			/* 4 */
		{ count_new, NULL, 0 },
	};

	settings.ignore_case = 1;
	settings.delimiter = ";";
	HARNESS_EXPECT(input, &settings, chain, "4\n");
	{
		struct harness_stage shorter[] = {
			{ strip_new, NULL, STRIP_BOTH },
			{ filter_new, "ACT=", FILTER_KEEP },
			{ uniq_new, NULL, 0 },
			{ fields_new, "-1,2", 0 },
			{ case_new, NULL, CASE_LOWER },
			{ extract_new, "[a-z]+=[a-z]+", 0 },
			{ number_new, NULL, 0 },
			{ skip_new, "1", 0 },
			{ tail_new, "4", 0 },
		};

		HARNESS_EXPECT(input, &settings, shorter,
		    "2\tact=login\n2\tuser=bob\n"
		    "5\tact=logout\n5\tuser=cy\n");
	}
}
END_TEST

static Suite *
chain_suite(void)
{
	Suite *suite = suite_create("chain");
	TCase *chains = tcase_create("chains");

	tcase_add_test(chains, chain_order_strip_and_anchored_match);
	tcase_add_test(chains, chain_order_replace_and_filter);
	tcase_add_test(chains, chain_of_every_kind);
	tcase_add_test(chains, chain_every_kind_twice);
	tcase_add_test(chains, chain_with_delimiter_and_global_flags);
	tcase_set_timeout(chains, 60);
	suite_add_tcase(suite, chains);
	return suite;
}

int
main(void)
{
	return harness_run_suite(chain_suite());
}
