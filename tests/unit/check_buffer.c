/* check_buffer.c: the growable buffer never passes its limit, whatever
 * the limit and the order of appends. */
#include <config.h>

#include <check.h>
#include <stdlib.h>

#include "harness.h"

#include "base/buffer.h"

START_TEST(appends_up_to_the_limit_and_no_further)
{
	static const size_t limits[] = { 1, 3, 100, 200, 255, 256, 257, 5000 };
	static const size_t steps[] = { 1, 3, 7, 64, 300 };
	size_t l, s;

	for (l = 0; l < sizeof limits / sizeof limits[0]; l++)
		for (s = 0; s < sizeof steps / sizeof steps[0]; s++) {
			struct buffer buffer;
			char bytes[300] = { 0 };
			size_t expected = 0;

			buffer_init(&buffer, limits[l]);
			while (expected + steps[s] <= limits[l]) {
				ck_assert_int_eq(buffer_append(&buffer, bytes,
				    steps[s]), 0);
				expected += steps[s];
			}
			ck_assert_int_eq(buffer_append(&buffer, bytes,
			    steps[s]), -1);
			ck_assert_uint_eq(buffer.len, expected);
			ck_assert_uint_le(buffer.capacity, limits[l]);
			buffer_clear(&buffer);
			ck_assert_int_eq(buffer_reserve(&buffer, limits[l]), 0);
			ck_assert_int_eq(buffer_reserve(&buffer, limits[l] + 1),
			    -1);
			buffer_free(&buffer);
		}
}
END_TEST

START_TEST(keeps_the_bytes)
{
	struct buffer buffer;

	buffer_init(&buffer, 1000);
	ck_assert_int_eq(buffer_append(&buffer, "abc", 3), 0);
	ck_assert_int_eq(buffer_append(&buffer, "", 0), 0);
	ck_assert_int_eq(buffer_append(&buffer, "def", 3), 0);
	ck_assert_uint_eq(buffer.len, 6);
	ck_assert_int_eq(memcmp(buffer.ptr, "abcdef", 6), 0);
	buffer_free(&buffer);
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("buffer");
	TCase *limits = tcase_create("limits");

	tcase_add_test(limits, appends_up_to_the_limit_and_no_further);
	tcase_add_test(limits, keeps_the_bytes);
	suite_add_tcase(suite, limits);
	return harness_run_suite(suite);
}
