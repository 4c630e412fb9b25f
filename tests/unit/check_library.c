/* check_library.c: loading an optional library's entry points (library.c),
 * tried on the C maths library, which every system has as a shared
 * library and sluice does not link. */
#include <config.h>

#include <check.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#ifdef __GLIBC__
#include <gnu/lib-names.h>
#endif

#include "harness.h"

#include "base/dynamic_library.h"

#ifndef LIBM_SO
#define LIBM_SO "libm.so.6"
#endif

struct maths {
	double (*sqrt)(double);
	double (*fabs)(double);
};

static const struct library_entry maths_entries[] = {
	{ "sqrt", offsetof(struct maths, sqrt) },
	{ "fabs", offsetof(struct maths, fabs) },
};

static const struct library_entry missing_entry[] = {
	{ "sqrt", offsetof(struct maths, sqrt) },
	{ "sluice_no_such_function", offsetof(struct maths, fabs) },
};

START_TEST(opens_and_fills_the_table)
{
	struct maths maths;
	void *handle = NULL;

	memset(&maths, 0, sizeof maths);
	ck_assert_int_eq(library_open(LIBM_SO, maths_entries, 2, &maths,
	    &handle), 0);
	ck_assert_ptr_nonnull(handle);
	ck_assert(maths.sqrt(16.0) == 4.0);
	ck_assert(maths.fabs(-2.5) == 2.5);
	library_close(handle);
	library_close(NULL);
}
END_TEST

/* A library that is not there, or lacks one entry point: -1, no handle,
 * and the caller's table untouched where nothing was found. */
START_TEST(refuses_what_is_missing)
{
	struct maths maths;
	void *handle = &maths;

	memset(&maths, 0, sizeof maths);
	ck_assert_int_eq(library_open("libsluice-no-such-library.so.0",
	    maths_entries, 2, &maths, &handle), -1);
	ck_assert_ptr_null(handle);
	ck_assert_ptr_null(maths.sqrt);
	handle = &maths;
	ck_assert_int_eq(library_open(LIBM_SO, missing_entry, 2, &maths,
	    &handle), -1);
	ck_assert_ptr_null(handle);
	ck_assert_ptr_null(maths.fabs);
}
END_TEST

static struct maths shared_maths;
static struct library_once shared_library =
    LIBRARY_ONCE(LIBM_SO, maths_entries, &shared_maths);

static void *
load_and_use(void *result)
{
	*(int *)result = library_load(&shared_library) == 0 &&
	    shared_maths.sqrt(9.0) == 3.0;
	return NULL;
}

/* Threads that need it at once: loaded once, each sees the table. */
START_TEST(loads_once_for_every_thread)
{
	pthread_t threads[4];
	int results[4];
	size_t i;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&threads[i], NULL,
		    load_and_use, &results[i]), 0);
	for (i = 0; i < 4; i++) {
		pthread_join(threads[i], NULL);
		ck_assert_int_eq(results[i], 1);
	}
	ck_assert_ptr_nonnull(shared_library.handle);
	ck_assert_int_eq(library_load(&shared_library), 0);
	ck_assert(shared_maths.fabs(-1.0) == 1.0);
}
END_TEST

static struct maths missing_maths;
static struct library_once missing_library =
    LIBRARY_ONCE(LIBM_SO, missing_entry, &missing_maths);

/* Where it cannot be loaded, every later call says so too. */
START_TEST(a_failure_stays)
{
	ck_assert_int_eq(library_load(&missing_library), -1);
	ck_assert_int_eq(library_load(&missing_library), -1);
	ck_assert_ptr_null(missing_library.handle);
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("library");
	TCase *load = tcase_create("load");

	tcase_add_test(load, opens_and_fills_the_table);
	tcase_add_test(load, refuses_what_is_missing);
	tcase_add_test(load, loads_once_for_every_thread);
	tcase_add_test(load, a_failure_stays);
	suite_add_tcase(suite, load);
	return harness_run_suite(suite);
}
