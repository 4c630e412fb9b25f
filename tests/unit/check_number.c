/* check_number.c: counts and sizes as the command line gives them. */
#include <config.h>

#include <check.h>
#include <stdlib.h>

#include "harness.h"

#include "base/number_parse.h"

START_TEST(counts)
{
	uint64_t value = 42;

	ck_assert_int_eq(number_parse_count("0", &value), 0);
	ck_assert_uint_eq(value, 0);
	ck_assert_int_eq(number_parse_count("08", &value), 0);
	ck_assert_uint_eq(value, 8);
	ck_assert_int_eq(number_parse_count("9223372036854775807", &value), 0);
	ck_assert_uint_eq(value, 9223372036854775807ULL);
	ck_assert_int_eq(number_parse_count("9223372036854775808", &value), -1);
	ck_assert_int_eq(number_parse_count("99999999999999999999", &value),
	    -1);
	ck_assert_int_eq(number_parse_count("", &value), -1);
	ck_assert_int_eq(number_parse_count("-1", &value), -1);
	ck_assert_int_eq(number_parse_count("+1", &value), -1);
	ck_assert_int_eq(number_parse_count(" 1", &value), -1);
	ck_assert_int_eq(number_parse_count("1 ", &value), -1);
	ck_assert_int_eq(number_parse_count("0x10", &value), -1);
	ck_assert_int_eq(number_parse_count("abc", &value), -1);
	ck_assert_int_eq(number_parse_count(NULL, &value), -1);
	ck_assert_uint_eq(value, 9223372036854775807ULL);
}
END_TEST

START_TEST(sizes)
{
	uint64_t value = 0;

	ck_assert_int_eq(number_parse_size("64K", &value), 0);
	ck_assert_uint_eq(value, 65536);
	ck_assert_int_eq(number_parse_size("16M", &value), 0);
	ck_assert_uint_eq(value, 16777216);
	ck_assert_int_eq(number_parse_size("2g", &value), 0);
	ck_assert_uint_eq(value, 2147483648ULL);
	ck_assert_int_eq(number_parse_size("100", &value), 0);
	ck_assert_uint_eq(value, 100);
	ck_assert_int_eq(number_parse_size("K", &value), -1);
	ck_assert_int_eq(number_parse_size("1KB", &value), -1);
	ck_assert_int_eq(number_parse_size("1T", &value), -1);
	ck_assert_int_eq(number_parse_size("-1K", &value), -1);
	ck_assert_int_eq(number_parse_size("9223372036854775807K", &value),
	    -1);
	ck_assert_int_eq(number_parse_size("8589934592G", &value), -1);
	ck_assert_int_eq(number_parse_size("8589934591G", &value), 0);
	/* Leading zeros, however many, as for counts. */
	ck_assert_int_eq(number_parse_size("0064K", &value), 0);
	ck_assert_uint_eq(value, 65536);
	ck_assert_int_eq(number_parse_size(
	    "000000000000000000000000000000000000000001M", &value), 0);
	ck_assert_uint_eq(value, 1048576);
	ck_assert_int_eq(number_parse_size("0", &value), 0);
	ck_assert_uint_eq(value, 0);
	ck_assert_int_eq(number_parse_size("00", &value), 0);
	ck_assert_uint_eq(value, 0);
	/* Digits past any size are refused, not cut. */
	ck_assert_int_eq(number_parse_size(
	    "100000000000000000000000000000000000000000", &value), -1);
	ck_assert_int_eq(number_parse_size("", &value), -1);
	ck_assert_int_eq(number_parse_size("1Kx", &value), -1);
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("number");
	TCase *parse = tcase_create("parse");

	tcase_add_test(parse, counts);
	tcase_add_test(parse, sizes);
	suite_add_tcase(suite, parse);
	return harness_run_suite(suite);
}
