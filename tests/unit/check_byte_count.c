/* check_byte_count.c: byte_count against a plain loop, at every length
 * and alignment around the 16-byte chunks, for bytes of either sign, and
 * on spans long enough that the byte-wide counters must be emptied. */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "input/byte_count.h"

static size_t
plain_count(const char *bytes, size_t length, char byte)
{
	size_t count = 0, i;

	for (i = 0; i < length; i++)
		count += bytes[i] == byte;
	return count;
}

START_TEST(every_length_and_alignment)
{
	static const char wanted[] = { '\n', '\0', '\r', (char)0x80,
	    (char)0xff, 'a' };
	char span[16 + 700];
	size_t which, offset, length, i;

	srand(5);
	for (which = 0; which < sizeof wanted; which++) {
		/* Half the bytes are the one counted, so every lane sees it. */
		for (i = 0; i < sizeof span; i++)
			span[i] = rand() % 2 ? wanted[which] : (char)rand();
		for (offset = 0; offset < 16; offset++)
			for (length = 0; offset + length <= sizeof span;
			    length += length < 64 ? 1 : 7)
				ck_assert_uint_eq(byte_count(span + offset,
				    length, wanted[which]), plain_count(span +
				    offset, length, wanted[which]));
	}
}
END_TEST

START_TEST(counters_never_wrap)
{
	/* 255 rounds of 16 bytes fill a byte-wide counter: go well past. */
	size_t length = 16 * 255 * 5 + 13;
	char *span = malloc(length);

	ck_assert_ptr_nonnull(span);
	memset(span, '\n', length);
	ck_assert_uint_eq(byte_count(span, length, '\n'), length);
	ck_assert_uint_eq(byte_count(span, length, 'x'), 0);
	span[length - 1] = 'x';
	span[0] = 'x';
	ck_assert_uint_eq(byte_count(span, length, '\n'), length - 2);
	ck_assert_uint_eq(byte_count(span, length, 'x'), 2);
	free(span);
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("byte_count");
	TCase *spans = tcase_create("spans");

	tcase_add_test(spans, every_length_and_alignment);
	tcase_add_test(spans, counters_never_wrap);
	suite_add_tcase(suite, spans);
	return harness_run_suite(suite);
}
