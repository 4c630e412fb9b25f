/* check_pattern.c: what src/stages/pattern.c makes the same for every
 * regex stage: how a match error is worded. (Each stage's refused patterns
 * and -m's own match limit tests are in that stage's suite.) */
#include <config.h>

#include <check.h>
#include <stddef.h>

#include "harness.h"

/* --match-limit stops every stage that matches, as it stops -m: the
 * message names the option, the pattern, the FILE and the line. */
START_TEST(match_limit_is_an_error_in_every_regex_stage)
{
	static const struct {
		stage_builder *build;
		const char *arg;
		const char *where;
	} stages[] = {
		{ replace_new, "s/(a+)+$/x/", ":2: -x 's/(a+)+$/x/': " },
		{ replace_new, "s/(a+)+$/x/g", ":2: -x 's/(a+)+$/x/g': " },
		{ extract_new, "(a+)+$", ":2: -x '(a+)+$': " },
	};
	struct settings settings = harness_settings();
	size_t i;

	settings.match_limit = 1000;
	for (i = 0; i < sizeof stages / sizeof stages[0]; i++) {
		struct harness_stage stage[] = { { stages[i].build,
		    stages[i].arg, 0 } };

		harness_expect_run_error(
		    "b\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\nnever\n", &settings, 16,
		    stage, 1, stages[i].build == extract_new ? "" : "b\n",
		    stages[i].where, "match limit exceeded");
	}
}
END_TEST

static Suite *
pattern_suite(void)
{
	Suite *suite = suite_create("pattern");
	TCase *pattern = tcase_create("pattern");

	tcase_add_test(pattern, match_limit_is_an_error_in_every_regex_stage);
	suite_add_tcase(suite, pattern);
	return suite;
}

int
main(void)
{
	return harness_run_suite(pattern_suite());
}
