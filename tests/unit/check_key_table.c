/* check_key_table.c: the answer stages' numbers (base/decimal_sum.c) and
 * their table of distinct keys (base/key_table.c): exact totals and order
 * against a plain count, the limit under --exact, and Space-Saving's
 * guarantee on a skewed stream in a table far too small for it. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "base/decimal_sum.h"
#include "base/key_table.h"

/* decimal_sum */

static const struct {
	const char *text;
	int result;
	const char *written;	/* decimal_format of the number alone */
} number_cases[] = {
	{ "0", DECIMAL_OK, "0" },
	{ "42", DECIMAL_OK, "42" },
	{ "-7", DECIMAL_OK, "-7" },
	{ "+7", DECIMAL_OK, "7" },
	{ "007", DECIMAL_OK, "7" },
	{ " 12\r", DECIMAL_OK, "12" },
	{ "\t3.25 ", DECIMAL_OK, "3.25" },
	{ "0.1", DECIMAL_OK, "0.1" },	/* the shortest that reads back */
	{ "-2.5", DECIMAL_OK, "-2.5" },
	{ "170141183460469231731687303715884105727", DECIMAL_OK,
	    "170141183460469231731687303715884105727" },
	{ "-170141183460469231731687303715884105728", DECIMAL_OK,
	    "-170141183460469231731687303715884105728" },
	{ "170141183460469231731687303715884105728", DECIMAL_OVERFLOW, NULL },
	{ "", DECIMAL_NOT_A_NUMBER, NULL },
	{ "-", DECIMAL_NOT_A_NUMBER, NULL },
	{ "+", DECIMAL_NOT_A_NUMBER, NULL },
	{ "1.", DECIMAL_NOT_A_NUMBER, NULL },
	{ ".5", DECIMAL_NOT_A_NUMBER, NULL },
	{ "1e5", DECIMAL_NOT_A_NUMBER, NULL },
	{ "0x10", DECIMAL_NOT_A_NUMBER, NULL },
	{ "1 2", DECIMAL_NOT_A_NUMBER, NULL },
	{ "--1", DECIMAL_NOT_A_NUMBER, NULL },
	{ "1,5", DECIMAL_NOT_A_NUMBER, NULL },
	{ "nan", DECIMAL_NOT_A_NUMBER, NULL },
};

START_TEST(numbers_read_and_written)
{
	struct decimal_sum value;
	char text[DECIMAL_TEXT_MAX];
	const char *input = number_cases[_i].text;
	const char *expected = number_cases[_i].written;

	ck_assert_msg(decimal_parse(input, strlen(input), &value) ==
	    number_cases[_i].result, "'%s'", input);
	if (expected == NULL)
		return;
	decimal_format(&value, text, sizeof text);
	ck_assert_str_eq(text, expected);
}
END_TEST

START_TEST(sums_exact_past_two_to_the_63)
{
	struct decimal_sum sum = decimal_of_count(0), value;
	char text[DECIMAL_TEXT_MAX];
	int i;

	/* 2^63 - 1, three times. */
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(decimal_parse("9223372036854775807", 19,
		    &value), DECIMAL_OK);
		ck_assert_int_eq(decimal_add(&sum, &value), DECIMAL_OK);
	}
	decimal_format(&sum, text, sizeof text);
	ck_assert_str_eq(text, "27670116110564327421");
	/* A fraction beside it: the whole part stays exact till written. */
	ck_assert_int_eq(decimal_parse("0.5", 3, &value), DECIMAL_OK);
	ck_assert_int_eq(decimal_add(&sum, &value), DECIMAL_OK);
	decimal_format(&sum, text, sizeof text);
	ck_assert_double_eq(strtod(text, NULL), 27670116110564327421.5);
	/* Past 2^127 - 1: refused, the sum unchanged. */
	ck_assert_int_eq(decimal_parse(
	    "170141183460469231731687303715884105727", 39, &value),
	    DECIMAL_OK);
	ck_assert_int_eq(decimal_add(&sum, &value), DECIMAL_OVERFLOW);
	sum.has_fraction = 0;
	decimal_format(&sum, text, sizeof text);
	ck_assert_str_eq(text, "27670116110564327421");
}
END_TEST

START_TEST(fractions_add_as_doubles)
{
	struct decimal_sum sum = decimal_of_count(0), value;
	char text[DECIMAL_TEXT_MAX];
	double expected = 0;
	int i;

	for (i = 0; i < 10; i++) {
		ck_assert_int_eq(decimal_parse("0.1", 3, &value), DECIMAL_OK);
		ck_assert_int_eq(decimal_add(&sum, &value), DECIMAL_OK);
		expected += 0.1;
	}
	decimal_format(&sum, text, sizeof text);
	/* As Python's repr(sum): 0.9999999999999999. */
	ck_assert_str_eq(text, "0.9999999999999999");
	ck_assert_double_eq(strtod(text, NULL), expected);
}
END_TEST

START_TEST(numbers_compare_across_kinds)
{
	struct decimal_sum a, b;

	ck_assert_int_eq(decimal_parse("3", 1, &a), DECIMAL_OK);
	ck_assert_int_eq(decimal_parse("2.5", 3, &b), DECIMAL_OK);
	ck_assert_int_gt(decimal_compare(&a, &b), 0);
	ck_assert_int_lt(decimal_compare(&b, &a), 0);
	ck_assert_int_eq(decimal_compare(&a, &a), 0);
	ck_assert_int_eq(decimal_parse("-3", 2, &b), DECIMAL_OK);
	ck_assert_int_gt(decimal_compare(&a, &b), 0);
}
END_TEST

/* key_table */

static void
add_count(struct key_table *table, const char *key, size_t len)
{
	struct decimal_sum one = decimal_of_count(1);

	ck_assert_int_eq(key_table_add(table, key, len, &one), KEY_TABLE_OK);
}

/* The sorted table as "count key\n" lines. */
static char *
table_text(struct key_table *table)
{
	char *text = NULL;
	size_t size = 0, i;
	FILE *out = open_memstream(&text, &size);

	ck_assert_ptr_nonnull(out);
	key_table_sort(table);
	for (i = 0; i < key_table_size(table); i++) {
		char number[DECIMAL_TEXT_MAX];
		const char *key;
		size_t len;
		const struct key_table_entry *entry = key_table_at(table, i,
		    &key, &len);

		decimal_format(&entry->value, number, sizeof number);
		fprintf(out, "%s ", number);
		fwrite(key, 1, len, out);
		fputc('\n', out);
	}
	fclose(out);
	return text;
}

START_TEST(orders_by_count_then_bytes)
{
	struct key_table *table = key_table_new(1 << 20, 1);
	static const char *const keys[] = {
		"b", "a", "ab", "", "b", "a", "c", "b", "\xff", "a\0x",
	};
	char *text;
	size_t i;

	ck_assert_ptr_nonnull(table);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		add_count(table, keys[i], i == 9 ? 3 : strlen(keys[i]));
	static const char expected[] =
	    "3 b\n2 a\n1 \n1 a\0x\n1 ab\n1 c\n1 \xff\n";
	text = table_text(table);
	ck_assert_mem_eq(text, expected, sizeof expected - 1);
	free(text);
	key_table_free(table);
}
END_TEST

/* Keys of every length up to 40, many of them, each counted a known
 * number of times: the table grows its arena and entries over and over,
 * and every count must come out. */
START_TEST(exact_counts_through_growth)
{
	struct key_table *table = key_table_new(64 << 20, 1);
	struct key_table_facts facts;
	enum { KEYS = 20000 };
	char key[64];
	size_t i, held = 0, added = 0;

	ck_assert_ptr_nonnull(table);
	for (i = 0; i < 3 * KEYS; i++) {
		size_t k = (i * 7919) % KEYS;
		int len = snprintf(key, sizeof key, "%zu%.*s", k, (int)(k % 40),
		    "----------------------------------------");

		/* Key k comes k % 3 + 1 times: skip the rest. */
		if (i / KEYS > k % 3)
			continue;
		add_count(table, key, (size_t)len);
		added++;
	}
	key_table_sort(table);
	ck_assert_uint_eq(key_table_size(table), KEYS);
	for (i = 0; i < key_table_size(table); i++) {
		const char *name;
		size_t len;
		const struct key_table_entry *entry = key_table_at(table, i,
		    &name, &len);
		size_t k = strtoul(name, NULL, 10);

		ck_assert_msg(entry->value.whole == (decimal_whole)(k % 3 + 1),
		    "key %zu", k);
		held++;
	}
	ck_assert_uint_eq(held, KEYS);
	key_table_facts(table, &facts);
	ck_assert_int_eq(facts.approximate, 0);
	ck_assert(facts.total == (decimal_whole)added);
	ck_assert_uint_le(facts.memory, (size_t)64 << 20);
	key_table_free(table);
}
END_TEST

START_TEST(exact_fails_at_the_limit)
{
	struct key_table *table = key_table_new(KEY_TABLE_MEMORY_MIN, 1);
	struct decimal_sum one = decimal_of_count(1);
	struct key_table_facts facts;
	char key[32];
	int i, result = KEY_TABLE_OK;

	ck_assert_ptr_nonnull(table);
	for (i = 0; i < 10000 && result == KEY_TABLE_OK; i++) {
		int len = snprintf(key, sizeof key, "key %d", i);

		result = key_table_add(table, key, (size_t)len, &one);
	}
	ck_assert_int_eq(result, KEY_TABLE_FULL);
	key_table_facts(table, &facts);
	ck_assert_int_eq(facts.approximate, 0);
	ck_assert_uint_gt(facts.keys, 10);
	ck_assert_uint_le(facts.memory, KEY_TABLE_MEMORY_MIN);
	/* A key already held still counts. */
	ck_assert_int_eq(key_table_add(table, "key 0", 5, &one), KEY_TABLE_OK);
	key_table_free(table);
}
END_TEST

/* A deterministic skewed stream: key k of 5000 with weight about 1/k
 * (Zipf), from a fixed linear congruential generator. */
static unsigned
zipf_key(uint64_t *state)
{
	static double cumulative[5001];
	double pick;
	unsigned low = 0, high = 5000;

	if (cumulative[5000] == 0) {
		unsigned k;

		for (k = 1; k <= 5000; k++)
			cumulative[k] = cumulative[k - 1] + 1.0 / k;
	}
	*state = *state * 6364136223846793005u + 1442695040888963407u;
	pick = (double)(*state >> 11) / 9007199254740992.0 * cumulative[5000];
	while (low < high) {
		unsigned middle = (low + high) / 2;

		if (cumulative[middle + 1] <= pick)
			low = middle + 1;
		else
			high = middle;
	}
	return low;
}

/* Space-Saving in a table that holds a few hundred of 5000 keys: every
 * key whose true count passes N / keys held is listed, no count is
 * below the truth, and none is over it by more than the bound said. Key
 * lengths vary, so the arena is compacted as keys are replaced. Weighted:
 * each record adds 1 to 7 (--sum-by of counts), and N is their sum. */
static const struct {
	size_t limit;
	int weighted;
} approximate_cases[] = {
	{ 8 << 10, 0 }, { 16 << 10, 0 }, { 64 << 10, 0 },
	{ 8 << 10, 1 }, { 64 << 10, 1 },
};

START_TEST(space_saving_guarantee)
{
	enum { RECORDS = 200000, KEYS = 5000 };
	struct key_table *table = key_table_new(approximate_cases[_i].limit,
	    0);
	static uint64_t truth[KEYS];
	struct key_table_facts facts;
	uint64_t state = 42, listed_heavy = 0, heavy = 0, total = 0;
	char key[64];
	size_t i;

	ck_assert_ptr_nonnull(table);
	memset(truth, 0, sizeof truth);
	for (i = 0; i < RECORDS; i++) {
		unsigned k = zipf_key(&state);
		int len = snprintf(key, sizeof key, "%u:%.*s", k, (int)(k % 23),
		    "abcdefghijklmnopqrstuvw");

		struct decimal_sum amount = decimal_of_count(
		    approximate_cases[_i].weighted ? 1 + i % 7 : 1);

		truth[k] += (uint64_t)amount.whole;
		total += (uint64_t)amount.whole;
		ck_assert_int_eq(key_table_add(table, key, (size_t)len,
		    &amount), KEY_TABLE_OK);
	}
	key_table_facts(table, &facts);
	ck_assert_int_eq(facts.approximate, 1);
	ck_assert(facts.total == (decimal_whole)total);
	ck_assert_uint_gt(facts.keys, 20);
	ck_assert_uint_lt(facts.keys, KEYS);
	ck_assert_uint_le(facts.memory, approximate_cases[_i].limit);
	key_table_sort(table);
	for (i = 0; i < key_table_size(table); i++) {
		const char *name;
		size_t len;
		const struct key_table_entry *entry = key_table_at(table, i,
		    &name, &len);
		unsigned long k = strtoul(name, NULL, 10);

		ck_assert(entry->value.whole >= (decimal_whole)truth[k]);
		ck_assert(entry->value.whole - (decimal_whole)truth[k] <=
		    facts.max_error);
		if (truth[k] * facts.keys > total)
			listed_heavy++;
	}
	for (i = 0; i < KEYS; i++)
		if (truth[i] * facts.keys > total)
			heavy++;
	ck_assert_uint_gt(heavy, 0);
	ck_assert_uint_eq(listed_heavy, heavy);
	/* The bound is Space-Saving's: at most N / keys held. */
	ck_assert(facts.max_error * (decimal_whole)facts.keys <=
	    (decimal_whole)total);
	key_table_free(table);
}
END_TEST

START_TEST(approximate_takes_whole_amounts_only)
{
	struct key_table *table = key_table_new(KEY_TABLE_MEMORY_MIN, 0);
	struct decimal_sum one = decimal_of_count(1), half;
	struct key_table_facts facts;
	char key[32];
	int i;

	ck_assert_ptr_nonnull(table);
	for (i = 0; i < 1000; i++) {
		int len = snprintf(key, sizeof key, "key %d", i);

		ck_assert_int_eq(key_table_add(table, key, (size_t)len, &one),
		    KEY_TABLE_OK);
	}
	key_table_facts(table, &facts);
	ck_assert_int_eq(facts.approximate, 1);
	ck_assert_int_eq(decimal_parse("0.5", 3, &half), DECIMAL_OK);
	ck_assert_int_eq(key_table_add(table, "key 999", 7, &half),
	    KEY_TABLE_NOT_WHOLE);
	key_table_free(table);
}
END_TEST

START_TEST(key_longer_than_the_limit)
{
	struct key_table *table = key_table_new(KEY_TABLE_MEMORY_MIN, 0);
	struct decimal_sum one = decimal_of_count(1);
	static char key[2 * KEY_TABLE_MEMORY_MIN];

	ck_assert_ptr_nonnull(table);
	memset(key, 'x', sizeof key);
	ck_assert_int_eq(key_table_add(table, key, sizeof key, &one),
	    KEY_TABLE_KEY_TOO_LONG);
	key_table_free(table);
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("key_table");
	TCase *numbers = tcase_create("numbers");
	TCase *table = tcase_create("table");

	tcase_add_loop_test(numbers, numbers_read_and_written, 0,
	    sizeof number_cases / sizeof number_cases[0]);
	tcase_add_test(numbers, sums_exact_past_two_to_the_63);
	tcase_add_test(numbers, fractions_add_as_doubles);
	tcase_add_test(numbers, numbers_compare_across_kinds);
	suite_add_tcase(suite, numbers);
	tcase_add_test(table, orders_by_count_then_bytes);
	tcase_add_test(table, exact_counts_through_growth);
	tcase_add_test(table, exact_fails_at_the_limit);
	tcase_add_loop_test(table, space_saving_guarantee, 0,
	    sizeof approximate_cases / sizeof approximate_cases[0]);
	tcase_add_test(table, approximate_takes_whole_amounts_only);
	tcase_add_test(table, key_longer_than_the_limit);
	suite_add_tcase(suite, table);
	return harness_run_suite(suite);
}
