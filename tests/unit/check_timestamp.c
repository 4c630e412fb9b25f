/* check_timestamp.c: the stamps of SPEC 10, a table of cases per form;
 * local time against mktime for every hour of a year; --time-format;
 * the TIMEs and DURATIONs of the command line. */
#include <config.h>

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#include "match/timestamp.h"

/* 2026-11-24T10:00:00Z */
#define B INT64_C(1795514400)
/* References: the FILE's modification time. */
#define NOV_30 INT64_C(1795996800)	/* 2026-11-30T00:00:00Z */
#define NEW_YEAR INT64_C(1798763400)	/* 2027-01-01T00:30:00Z */
#define MAR_2028 INT64_C(1835481600)	/* 2028-03-01T00:00:00Z */
#define MAR_2027 INT64_C(1803859200)	/* 2027-03-01T00:00:00Z */

#define UTC "UTC0"
#define CET "CET-1CEST,M3.5.0,M10.5.0/3"
#define EST "EST5EDT,M3.2.0,M11.1.0"

static void
use_zone(const char *zone)
{
	setenv("TZ", zone, 1);
	tzset();
}

struct stamp_case {
	const char *text;
	const char *zone;
	int64_t reference;
	enum stamp_form form;
	int64_t ms;		/* when form is not STAMP_NONE */
};

static const struct stamp_case iso_cases[] = {
	{ "2026-11-24T10:00:00.123Z rest", UTC, NOV_30, STAMP_ISO,
	    B * 1000 + 123 },
	{ "2026-11-24 10:00:00,123 INFO x", UTC, NOV_30, STAMP_ISO,
	    B * 1000 + 123 },
	{ "2026-11-24T11:00:00+01:00 x", UTC, NOV_30, STAMP_ISO, B * 1000 },
	{ "2026-11-24T11:00:00+0100 x", UTC, NOV_30, STAMP_ISO, B * 1000 },
	{ "2026-11-24T11:00:00+01 x", UTC, NOV_30, STAMP_ISO, B * 1000 },
	{ "2026-11-24T05:00:00-05:00", EST, NOV_30, STAMP_ISO, B * 1000 },
	{ "2026-11-24T10:00Z", CET, NOV_30, STAMP_ISO, B * 1000 },
	{ "2026-11-24t10:00:00z", UTC, NOV_30, STAMP_ISO, B * 1000 },
	{ "2026-11-24T10:00:00.123456789Z", UTC, NOV_30, STAMP_ISO,
	    B * 1000 + 123 },
	{ "2026-11-24T10:00:00.5Z", UTC, NOV_30, STAMP_ISO, B * 1000 + 500 },
	{ "2026/11/24 10:00:00 [error] 1#1: x", UTC, NOV_30, STAMP_ISO,
	    B * 1000 },
	/* No zone: local time, winter and summer. */
	{ "2026-11-24 11:00:00 x", CET, NOV_30, STAMP_ISO, B * 1000 },
	{ "2026-07-01 12:00:00 x", CET, NOV_30, STAMP_ISO,
	    INT64_C(1782900000) * 1000 },
	{ "2026-11-24 05:00:00", EST, NOV_30, STAMP_ISO, B * 1000 },
	/* Near the start, not at it. */
	{ "INFO 2026-11-24T10:00:00Z x", UTC, NOV_30, STAMP_ISO, B * 1000 },
	{ "[2026-11-24 10:00:00] x", UTC, NOV_30, STAMP_ISO, B * 1000 },
	{ "2026-11-24T10:00:00Z\r", UTC, NOV_30, STAMP_ISO, B * 1000 },
	/* The first of two. */
	{ "2026-11-24T10:00:00Z 2027-01-01T00:00:00Z", UTC, NOV_30,
	    STAMP_ISO, B * 1000 },
	/* Out of range, or no stamp. */
	{ "2026-13-01 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "2026-11-31 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "2026-02-29 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "2026-11-24 24:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "2026-11-24 10:60:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "2026-11-24 x", UTC, NOV_30, STAMP_NONE, 0 },
	{ "12026-11-24 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "2026-11-245 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "2026-11/24 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "", UTC, NOV_30, STAMP_NONE, 0 },
	{ "no stamp at all here", UTC, NOV_30, STAMP_NONE, 0 },
	/* Past the first STAMP_NEAR bytes. */
	{ "................................................................"
	    "2026-11-24T10:00:00Z", UTC, NOV_30, STAMP_NONE, 0 },
};

static const struct stamp_case syslog_cases[] = {
	{ "Nov 24 10:00:00 host sshd[1]: x", UTC, NOV_30, STAMP_SYSLOG,
	    B * 1000 },
	{ "Nov  4 10:00:00 host x", UTC, NOV_30, STAMP_SYSLOG,
	    INT64_C(1793786400) * 1000 },
	{ "Nov 4 10:00:00 host x", UTC, NOV_30, STAMP_SYSLOG,
	    INT64_C(1793786400) * 1000 },
	{ "Nov 24 11:00:00 host x", CET, NOV_30, STAMP_SYSLOG, B * 1000 },
	{ "Nov 24 10:00:00.250 host", UTC, NOV_30, STAMP_SYSLOG,
	    B * 1000 + 250 },
	/* A December record in a January FILE is the year before. */
	{ "Dec 31 23:59:59 host x", UTC, NEW_YEAR, STAMP_SYSLOG,
	    INT64_C(1798761599) * 1000 },
	{ "Jan  1 00:00:01 host x", UTC, NEW_YEAR, STAMP_SYSLOG,
	    INT64_C(1798761601) * 1000 },
	/* The FILE's time is local: 2027-01-01 00:30 UTC is still 2026 in
	 * New York. */
	{ "Dec 31 19:00:00 host x", EST, NEW_YEAR, STAMP_SYSLOG,
	    INT64_C(1798761600) * 1000 },
	/* A leap day needs a leap year. */
	{ "Feb 29 10:00:00 host", UTC, MAR_2028, STAMP_SYSLOG,
	    INT64_C(1835431200) * 1000 },
	{ "Feb 29 10:00:00 host", UTC, MAR_2027, STAMP_NONE, 0 },
	/* ctime's year after the clock (Apache's error log). */
	{ "[Sun Dec 04 04:47:44 2005] [notice] x", UTC, NOV_30, STAMP_SYSLOG,
	    INT64_C(1133671664) * 1000 },
	{ "Nov 24 10:00 host", UTC, NOV_30, STAMP_NONE, 0 },
	{ "November 24 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "XNov 24 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "nov 24 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "Nov 32 10:00:00", UTC, NOV_30, STAMP_NONE, 0 },
	{ "Nov 24 10:00:00", UTC, NOV_30, STAMP_SYSLOG, B * 1000 },
};

static const struct stamp_case apache_cases[] = {
	{ "127.0.0.1 - - [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\"",
	    UTC, NOV_30, STAMP_APACHE, B * 1000 },
	{ "[24/Nov/2026:11:00:00 +0100] x", UTC, NOV_30, STAMP_APACHE,
	    B * 1000 },
	{ "[24/Nov/2026:05:00:00 -0500] x", CET, NOV_30, STAMP_APACHE,
	    B * 1000 },
	{ "[24/Nov/2026:11:00:00] x", CET, NOV_30, STAMP_APACHE, B * 1000 },
	{ "2001:db8::1 - user [24/Nov/2026:10:00:00 +0000] x", UTC, NOV_30,
	    STAMP_APACHE, B * 1000 },
	{ "[24/Xyz/2026:10:00:00 +0000]", UTC, NOV_30, STAMP_NONE, 0 },
	{ "[24/Nov/2026 10:00:00 +0000]", UTC, NOV_30, STAMP_NONE, 0 },
};

static const struct stamp_case epoch_cases[] = {
	{ "1795514400 x", UTC, NOV_30, STAMP_EPOCH, B * 1000 },
	{ "1795514400", CET, NOV_30, STAMP_EPOCH, B * 1000 },
	{ "1795514400.5 x", UTC, NOV_30, STAMP_EPOCH, B * 1000 + 500 },
	{ "1795514400,25 x", UTC, NOV_30, STAMP_EPOCH, B * 1000 + 250 },
	{ "1795514400123 x", UTC, NOV_30, STAMP_EPOCH, B * 1000 + 123 },
	{ "17955144001 x", UTC, NOV_30, STAMP_NONE, 0 },
	{ "179551440 x", UTC, NOV_30, STAMP_NONE, 0 },
	{ "17955144001234 x", UTC, NOV_30, STAMP_NONE, 0 },
	{ "x 1795514400", UTC, NOV_30, STAMP_NONE, 0 },
};

static void
check_stamps(const struct stamp_case *cases, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		const struct stamp_case *c = &cases[i];
		struct stamp_parser parser;
		int64_t ms = -1;
		enum stamp_form form;

		use_zone(c->zone);
		stamp_parser_init(&parser, NULL, (time_t)c->reference);
		form = stamp_find(&parser, c->text, strlen(c->text), &ms);
		ck_assert_msg(form == c->form, "'%s' (TZ=%s): form %d, not %d",
		    c->text, c->zone, (int)form, (int)c->form);
		if (c->form != STAMP_NONE)
			ck_assert_msg(ms == c->ms, "'%s' (TZ=%s): %lld, not "
			    "%lld", c->text, c->zone, (long long)ms,
			    (long long)c->ms);
	}
}

START_TEST(iso)
{
	check_stamps(iso_cases, sizeof iso_cases / sizeof iso_cases[0]);
}
END_TEST

START_TEST(syslog)
{
	check_stamps(syslog_cases, sizeof syslog_cases /
	    sizeof syslog_cases[0]);
}
END_TEST

START_TEST(apache)
{
	check_stamps(apache_cases, sizeof apache_cases /
	    sizeof apache_cases[0]);
}
END_TEST

START_TEST(epoch)
{
	check_stamps(epoch_cases, sizeof epoch_cases / sizeof epoch_cases[0]);
}
END_TEST

/* A stamp need not be a C string: nothing past len is read. */
START_TEST(bounded)
{
	static const char text[] = "2026-11-24T10:00:00Z";
	struct stamp_parser parser;
	int64_t ms = 0;
	size_t len;

	use_zone(UTC);
	stamp_parser_init(&parser, NULL, (time_t)NOV_30);
	for (len = 0; len < 10; len++) {
		char *copy = malloc(len + 1);

		memcpy(copy, text, len);
		ck_assert_int_eq(stamp_find(&parser, copy, len, &ms),
		    STAMP_NONE);
		free(copy);
	}
	/* Minutes alone are a stamp; so is the full one, its zone cut. */
	ck_assert_int_eq(stamp_find(&parser, text, 16, &ms), STAMP_ISO);
	ck_assert_int_eq(stamp_find(&parser, text, 19, &ms), STAMP_ISO);
}
END_TEST

/* Every hour of a year, and some minutes in each, in two zones with
 * daylight saving: the hand-made conversion agrees with mktime wherever
 * the local time names one instant. */
START_TEST(local_time_against_mktime)
{
	static const char *const zones[] = { CET, EST, "IST-5:30",
	    "NZST-12NZDT,M9.5.0,M4.1.0/3" };
	size_t z;

	for (z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		struct stamp_parser parser;
		time_t t;

		use_zone(zones[z]);
		stamp_parser_init(&parser, NULL, (time_t)NOV_30);
		for (t = (time_t)1767225600; t < (time_t)1798761600;
		    t += 3600 + 7 * 60 + 11) {
			struct tm local, again;
			char text[64];
			int64_t ms;
			time_t back;

			localtime_r(&t, &local);
			strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S x",
			    &local);
			again = local;
			again.tm_isdst = -1;
			back = mktime(&again);
			ck_assert_int_eq(stamp_find(&parser, text, strlen(text),
			    &ms), STAMP_ISO);
			/* An hour that comes twice as summer time ends names
			 * two instants: either is right, so the instant found
			 * must read as the same local time. */
			if (ms != (int64_t)t * 1000) {
				char found[64];
				time_t instant = (time_t)(ms / 1000);

				localtime_r(&instant, &again);
				strftime(found, sizeof found,
				    "%Y-%m-%d %H:%M:%S x", &again);
				ck_assert_msg(strcmp(found, text) == 0,
				    "TZ=%s '%s': %lld, not %lld (mktime %lld)",
				    zones[z], text, (long long)ms,
				    (long long)t * 1000,
				    (long long)back * 1000);
			}
		}
	}
}
END_TEST

START_TEST(days_from_civil_against_gmtime)
{
	time_t t;

	for (t = -(time_t)86400 * 800000; t < (time_t)86400 * 800000;
	    t += (time_t)86400 * 37 + 3) {
		struct tm utc;
		int64_t days;

		gmtime_r(&t, &utc);
		days = stamp_days_from_civil(utc.tm_year + 1900, utc.tm_mon + 1,
		    utc.tm_mday);
		ck_assert_int_eq(days, (t - (t % 86400 + 86400) % 86400) /
		    86400);
	}
}
END_TEST

struct format_case {
	const char *format;
	const char *text;
	int64_t reference;
	enum stamp_form form;
	int64_t ms;
};

static const struct format_case format_cases[] = {
	/* HDFS's */
	{ "%y%m%d %H%M%S", "081109 203615 148 INFO dfs", NOV_30, STAMP_FORMAT,
	    INT64_C(1226262975) * 1000 },
	/* Proxifier's, with no year: the FILE's, as for syslog */
	{ "[%m.%d %H:%M:%S]", "[10.30 16:49:06] chrome.exe", NOV_30,
	    STAMP_FORMAT, INT64_C(1793378946) * 1000 },
	{ "[%m.%d %H:%M:%S]", "[12.31 23:59:59] x", NEW_YEAR, STAMP_FORMAT,
	    INT64_C(1798761599) * 1000 },
	{ "%d.%m.%Y %H:%M:%S %z", "24.11.2026 11:00:00 +0100 x", NOV_30,
	    STAMP_FORMAT, B * 1000 },
	{ "%Y-%m-%d %H:%M:%S", "2026-11-24 10:00:00.250 x", NOV_30,
	    STAMP_FORMAT, B * 1000 + 250 },
	/* At the start only. */
	{ "%Y-%m-%d %H:%M:%S", "x 2026-11-24 10:00:00", NOV_30, STAMP_NONE,
	    0 },
	{ "%Y-%m-%d", "Nov 24", NOV_30, STAMP_NONE, 0 },
};

START_TEST(time_format)
{
	size_t i;

	use_zone(UTC);
	for (i = 0; i < sizeof format_cases / sizeof format_cases[0]; i++) {
		const struct format_case *c = &format_cases[i];
		struct stamp_parser parser;
		int64_t ms = -1;
		enum stamp_form form;

		stamp_parser_init(&parser, c->format, (time_t)c->reference);
		form = stamp_find(&parser, c->text, strlen(c->text), &ms);
		ck_assert_msg(form == c->form, "'%s' as '%s': form %d",
		    c->text, c->format, (int)form);
		if (c->form != STAMP_NONE)
			ck_assert_msg(ms == c->ms, "'%s' as '%s': %lld, not "
			    "%lld", c->text, c->format, (long long)ms,
			    (long long)c->ms);
	}
}
END_TEST

struct time_case {
	const char *text;
	const char *format;
	int result;
	int64_t ms;
};

static const struct time_case time_cases[] = {
	{ "now", NULL, 0, B * 1000 },
	{ "2026-11-24", NULL, 0, INT64_C(1795478400) * 1000 },
	{ "2026-11-24T10:00:00Z", NULL, 0, B * 1000 },
	{ "2026-11-24 10:00", NULL, 0, B * 1000 },
	{ "2026-11-24T10:00:00.5Z", NULL, 0, B * 1000 + 500 },
	{ "Nov 24 10:00:00", NULL, 0, B * 1000 },
	{ "[24/Nov/2026:10:00:00 +0000]", NULL, 0, B * 1000 },
	{ "24/Nov/2026:10:00:00 +0000", NULL, -1, 0 },
	{ "1795514400", NULL, 0, B * 1000 },
	{ "1795514400123", NULL, 0, B * 1000 + 123 },
	{ "261124 100000", "%y%m%d %H%M%S", 0, B * 1000 },
	/* The built-in forms still work with a --time-format. */
	{ "2026-11-24T10:00:00Z", "%y%m%d %H%M%S", 0, B * 1000 },
	{ "yesterday", NULL, -1, 0 },
	{ "", NULL, -1, 0 },
	{ "Now", NULL, -1, 0 },
	{ "2026-11-24x", NULL, -1, 0 },
	{ "2026-11-24T10:00:00Z junk", NULL, -1, 0 },
	{ "2026-11-32", NULL, -1, 0 },
	/* A clock alone is today's. */
	{ "10:00:00", NULL, 0, B * 1000 },
	{ "10:00", NULL, 0, B * 1000 },
	{ "10:00:00.5", NULL, 0, B * 1000 + 500 },
	{ "10:00Z", NULL, -1, 0 },
	{ "25:00", NULL, -1, 0 },
	{ "1:00", NULL, -1, 0 },
};

START_TEST(times)
{
	size_t i;

	use_zone(UTC);
	for (i = 0; i < sizeof time_cases / sizeof time_cases[0]; i++) {
		const struct time_case *c = &time_cases[i];
		int64_t ms = -1;
		int result = stamp_parse_time(c->text, c->format, (time_t)B,
		    &ms);

		ck_assert_msg(result == c->result, "TIME '%s': %d", c->text,
		    result);
		if (c->result == 0)
			ck_assert_msg(ms == c->ms, "TIME '%s': %lld, not %lld", c->text,
			    (long long)ms, (long long)c->ms);
	}
}
END_TEST

struct duration_case {
	const char *text;
	int result;
	int64_t ms;
};

static const struct duration_case duration_cases[] = {
	{ "90s", 0, 90000 },
	{ "15m", 0, 900000 },
	{ "2h", 0, 7200000 },
	{ "7d", 0, INT64_C(604800000) },
	{ "1w", 0, INT64_C(604800000) },
	{ "1h30m", 0, 5400000 },
	{ "0h1s", 0, 1000 },
	{ "010m", 0, 600000 },
	{ "", -1, 0 },
	{ "10", -1, 0 },
	{ "m", -1, 0 },
	{ "-1h", -1, 0 },
	{ "1x", -1, 0 },
	{ "1h ", -1, 0 },
	{ " 1h", -1, 0 },
	{ "0s", -1, 0 },
	{ "1.5h", -1, 0 },
	{ "99999999999999999999s", -1, 0 },
	{ "36601d", -1, 0 },
};

START_TEST(durations)
{
	size_t i;

	for (i = 0; i < sizeof duration_cases / sizeof duration_cases[0];
	    i++) {
		const struct duration_case *c = &duration_cases[i];
		int64_t ms = -1;

		ck_assert_msg(stamp_parse_duration(c->text, &ms) == c->result,
		    "DURATION '%s'", c->text);
		if (c->result == 0)
			ck_assert_msg(ms == c->ms, "DURATION '%s': %lld",
			    c->text, (long long)ms);
	}
}
END_TEST

int
main(void)
{
	Suite *suite = suite_create("timestamp");
	TCase *forms = tcase_create("forms");
	TCase *command_line = tcase_create("command_line");

	tcase_add_test(forms, iso);
	tcase_add_test(forms, syslog);
	tcase_add_test(forms, apache);
	tcase_add_test(forms, epoch);
	tcase_add_test(forms, bounded);
	tcase_add_test(forms, local_time_against_mktime);
	tcase_add_test(forms, days_from_civil_against_gmtime);
	tcase_add_test(forms, time_format);
	suite_add_tcase(suite, forms);
	tcase_add_test(command_line, times);
	tcase_add_test(command_line, durations);
	suite_add_tcase(suite, command_line);
	return harness_run_suite(suite);
}
