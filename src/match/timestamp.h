/* timestamp.h: finding a record's time stamp (SPEC 10) and reading the
 * times and durations the command line gives, as milliseconds since the
 * epoch. No allocation, no locale: month names are the C locale's. */
#ifndef SLUICE_TIMESTAMP_H
#define SLUICE_TIMESTAMP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* A stamp is looked for in a record's first STAMP_NEAR bytes. */
#define STAMP_NEAR 64

/* The forms a stamp is found in, for --explain and the tests. */
enum stamp_form {
	STAMP_NONE,
	STAMP_ISO,		/* 2026-11-24T10:00:00.123Z, 2026-11-24 10:00:00,123 */
	STAMP_SYSLOG,		/* Nov 24 10:00:00, and ctime's trailing year */
	STAMP_APACHE,		/* [24/Nov/2026:10:00:00 +0000] */
	STAMP_EPOCH,		/* 10 digits (seconds) or 13 (milliseconds) */
	STAMP_FORMAT		/* --time-format's, at the start */
};

/* What reading stamps needs beyond their text: the --time-format, the
 * year a syslog stamp belongs to, and the local time zone's offset,
 * cached for the hour last asked about (localtime_r is slow). One per
 * reader of stamps; it changes as stamps are read. */
struct stamp_parser {
	const char *format;	/* --time-format, or NULL */
	int reference_year;	/* of the FILE's modification time, local */
	int reference_month;	/* 1-12 */
	int64_t cached_hour;	/* local civil seconds / 3600 */
	long cached_offset;	/* seconds east of UTC in that hour */
	int cache_valid;
};

/* format: --time-format or NULL; reference: the time a stamp without a
 * year is at or before (the FILE's modification time). */
void stamp_parser_init(struct stamp_parser *, const char *format,
    time_t reference);
void stamp_parser_reference(struct stamp_parser *, time_t reference);

/* The first stamp in the first STAMP_NEAR bytes of record (at its start
 * with a --time-format) as milliseconds since the epoch in *ms: its form,
 * or STAMP_NONE when there is none. */
enum stamp_form stamp_find(struct stamp_parser *, const char *record,
    size_t len, int64_t *ms);

/* A TIME of --since or --until: "now", a date alone (2026-11-24: its
 * midnight), a clock alone (02:25, 02:25:30: today's, local), or a stamp
 * in any form, the whole text. A syslog stamp's
 * year is now's. 0, or -1 when it is none of these. */
int stamp_parse_time(const char *text, const char *format, time_t now,
    int64_t *ms);

/* A DURATION of --last: whole numbers each with a unit s, m, h, d or w
 * (90s, 15m, 1h30m), above zero. 0, or -1 when it is not one. */
int stamp_parse_duration(const char *text, int64_t *ms);

/* The days from 1970-01-01 to year-month-day of the proleptic Gregorian
 * calendar (negative before it). */
int64_t stamp_days_from_civil(int64_t year, int month, int day);

#endif
