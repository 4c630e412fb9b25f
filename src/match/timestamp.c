/* timestamp.c: the stamps of SPEC 10, read by hand: each form is a small
 * parser over the record's bytes that says how many it took, so nothing
 * is copied (but for strptime, which needs a NUL) and nothing depends on
 * the locale. A civil time becomes milliseconds since the epoch by
 * Howard Hinnant's days-from-civil formula; a stamp without a zone is in
 * local time, whose offset from UTC localtime_r gives once an hour. */
#include <config.h>
#include <limits.h>
#include <string.h>

#include "match/timestamp.h"

/* A stamp's fields as written, before they are checked. */
struct civil {
	int year, month, day, hour, minute, second, millis;
	int has_time;		/* a date alone has none (TIME only) */
	int has_year;		/* syslog's has none: the reference's */
	int has_zone;
	long zone;		/* seconds east of UTC */
};

static const char month_names[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* count digits at s[at] (all within len) as a number in *value. */
static int
take_digits(const char *s, size_t len, size_t at, size_t count, int *value)
{
	int number = 0;
	size_t i;

	if (at + count > len)
		return 0;
	for (i = 0; i < count; i++) {
		if (!is_digit(s[at + i]))
			return 0;
		number = number * 10 + (s[at + i] - '0');
	}
	*value = number;
	return 1;
}

static int
month_at(const char *s, size_t len, size_t at, int *month)
{
	int i;

	if (at + 3 > len)
		return 0;
	for (i = 0; i < 12; i++)
		if (memcmp(s + at, month_names[i], 3) == 0) {
			*month = i + 1;
			return 1;
		}
	return 0;
}

/* A fraction of a second at s[at] ('.' or ',' and digits): its first
 * three digits as milliseconds; how many bytes it took, 0 if none. */
static size_t
take_fraction(const char *s, size_t len, size_t at, int *millis)
{
	size_t i = at + 1;
	int scale = 100;

	*millis = 0;
	if (at + 1 >= len || (s[at] != '.' && s[at] != ',') ||
	    !is_digit(s[at + 1]))
		return 0;
	for (; i < len && is_digit(s[i]); i++) {
		*millis += (s[i] - '0') * scale;
		scale /= 10;
	}
	return i - at;
}

/* HH:MM:SS at s[at], with seconds optional when optional_seconds; how
 * many bytes it took, 0 if none. */
static size_t
take_clock(const char *s, size_t len, size_t at, struct civil *civil,
    int optional_seconds)
{
	size_t used;

	if (!take_digits(s, len, at, 2, &civil->hour) || at + 2 >= len ||
	    s[at + 2] != ':' || !take_digits(s, len, at + 3, 2, &civil->minute))
		return 0;
	used = 5;
	civil->second = 0;
	if (at + 5 < len && s[at + 5] == ':' &&
	    take_digits(s, len, at + 6, 2, &civil->second))
		used = 8;
	else if (!optional_seconds)
		return 0;
	civil->has_time = 1;
	if (used == 8)
		used += take_fraction(s, len, at + used, &civil->millis);
	return used;
}

/* A zone at s[at]: Z, +HH:MM, +HHMM or +HH (or -); how many bytes it
 * took, 0 if none. */
static size_t
take_zone(const char *s, size_t len, size_t at, struct civil *civil)
{
	int hours, minutes = 0;
	size_t used = 3;

	if (at < len && (s[at] == 'Z' || s[at] == 'z')) {
		civil->has_zone = 1;
		civil->zone = 0;
		return 1;
	}
	if (at >= len || (s[at] != '+' && s[at] != '-') ||
	    !take_digits(s, len, at + 1, 2, &hours))
		return 0;
	if (at + 3 < len && s[at + 3] == ':' &&
	    take_digits(s, len, at + 4, 2, &minutes))
		used = 6;
	else if (take_digits(s, len, at + 3, 2, &minutes))
		used = 5;
	if (at + used < len && is_digit(s[at + used]))
		return 0;
	if (hours > 23 || minutes > 59)
		return 0;
	civil->has_zone = 1;
	civil->zone = (long)(hours * 3600 + minutes * 60) *
	    (s[at] == '-' ? -1 : 1);
	return used;
}

/* ISO 8601 / RFC 3339, and nginx's 2026/11/24 10:00:00: a date, T or a
 * space, a clock, a zone; the date alone when nothing follows it. */
static size_t
take_iso(const char *s, size_t len, struct civil *civil)
{
	size_t used, clock;
	char separator;

	if (len < 10 || !take_digits(s, len, 0, 4, &civil->year))
		return 0;
	separator = s[4];
	if ((separator != '-' && separator != '/') || s[7] != separator ||
	    !take_digits(s, len, 5, 2, &civil->month) ||
	    !take_digits(s, len, 8, 2, &civil->day) ||
	    (len > 10 && is_digit(s[10])))
		return 0;
	civil->has_year = 1;
	if (len < 12 || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return 10;
	clock = take_clock(s, len, 11, civil, 1);
	if (clock == 0)
		return 10;
	used = 11 + clock;
	return used + take_zone(s, len, used, civil);
}

/* Syslog's Nov 24 10:00:00 (the day may be " 4" or "4"), and ctime's
 * Nov 24 10:00:00 2026 after a weekday (Apache's error log). */
static size_t
take_syslog(const char *s, size_t len, struct civil *civil)
{
	size_t at = 4, used;
	int year;

	if (len < 14 || !month_at(s, len, 0, &civil->month) || s[3] != ' ')
		return 0;
	if (s[at] == ' ')
		at++;
	if (take_digits(s, len, at, 2, &civil->day))
		at += 2;
	else if (take_digits(s, len, at, 1, &civil->day))
		at += 1;
	else
		return 0;
	if (at >= len || s[at] != ' ')
		return 0;
	used = take_clock(s, len, at + 1, civil, 0);
	if (used == 0)
		return 0;
	used += at + 1;
	if (used + 5 <= len && s[used] == ' ' &&
	    take_digits(s, len, used + 1, 4, &year) &&
	    (used + 5 == len || !is_digit(s[used + 5]))) {
		civil->year = year;
		civil->has_year = 1;
		used += 5;
	}
	return used;
}

/* Apache's and nginx's [24/Nov/2026:10:00:00 +0000]. */
static size_t
take_apache(const char *s, size_t len, struct civil *civil)
{
	size_t used;

	if (len < 21 || s[0] != '[' || !take_digits(s, len, 1, 2, &civil->day)
	    || s[3] != '/' || !month_at(s, len, 4, &civil->month) ||
	    s[7] != '/' || !take_digits(s, len, 8, 4, &civil->year) ||
	    s[12] != ':')
		return 0;
	civil->has_year = 1;
	used = take_clock(s, len, 13, civil, 0);
	if (used == 0)
		return 0;
	used += 13;
	if (used + 1 < len && s[used] == ' ') {
		size_t zone = take_zone(s, len, used + 1, civil);

		if (zone > 0)
			used += 1 + zone;
	}
	if (used < len && s[used] == ']')
		used++;
	return used;
}

/* Epoch seconds (10 digits, a fraction allowed) or milliseconds (13):
 * taken as they are, needing no calendar. */
static size_t
take_epoch(const char *s, size_t len, int64_t *ms)
{
	size_t digits = 0;
	int64_t value = 0;
	int millis;
	size_t fraction;

	while (digits < len && digits < 14 && is_digit(s[digits])) {
		value = value * 10 + (s[digits] - '0');
		digits++;
	}
	if (digits == 13) {
		*ms = value;
		return 13;
	}
	if (digits != 10)
		return 0;
	fraction = take_fraction(s, len, 10, &millis);
	*ms = value * 1000 + millis;
	return 10 + fraction;
}

int64_t
stamp_days_from_civil(int64_t year, int month, int day)
{
	int64_t era;
	unsigned year_of_era, day_of_year, day_of_era;

	year -= month <= 2;
	era = (year >= 0 ? year : year - 399) / 400;
	year_of_era = (unsigned)(year - era * 400);
	day_of_year = (unsigned)((153 * (month > 2 ? month - 3 : month + 9) +
	    2) / 5 + day - 1);
	day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 +
	    day_of_year;
	return era * 146097 + (int64_t)day_of_era - 719468;
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

static int64_t
floor_divide(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The local zone's offset at local civil time naive (seconds as if it
 * were UTC). Asked twice, so that a time near a change of offset gets the
 * offset in force at the instant it names; cached for the hour. */
static long
local_offset(struct stamp_parser *parser, int64_t naive)
{
	int64_t hour = floor_divide(naive, 3600);
	time_t instant = (time_t)naive;
	struct tm local;
	long offset = 0;

	if (parser->cache_valid && parser->cached_hour == hour)
		return parser->cached_offset;
	if (localtime_r(&instant, &local) != NULL) {
		offset = local.tm_gmtoff;
		instant = (time_t)(naive - offset);
		if (localtime_r(&instant, &local) != NULL)
			offset = local.tm_gmtoff;
	}
	parser->cached_hour = hour;
	parser->cached_offset = offset;
	parser->cache_valid = 1;
	return offset;
}

/* civil as milliseconds since the epoch; 0, or -1 when a field is out of
 * its range. */
static int
civil_to_ms(struct stamp_parser *parser, struct civil *civil, int64_t *ms)
{
	int64_t seconds;

	if (!civil->has_year)
		civil->year = civil->month > parser->reference_month
		    ? parser->reference_year - 1 : parser->reference_year;
	if (civil->month < 1 || civil->month > 12 || civil->day < 1 ||
	    civil->day > days_in_month(civil->year, civil->month) ||
	    civil->hour > 23 || civil->minute > 59 || civil->second > 60)
		return -1;
	seconds = stamp_days_from_civil(civil->year, civil->month,
	    civil->day) * 86400 + civil->hour * 3600 + civil->minute * 60 +
	    civil->second;
	seconds -= civil->has_zone ? civil->zone : local_offset(parser,
	    seconds);
	*ms = seconds * 1000 + civil->millis;
	return 0;
}

/* --time-format at record's start, through strptime (which needs a NUL:
 * the first bytes are copied); a fraction right after the seconds is
 * taken as well. How many bytes it took, 0 if the format did not fit. */
static size_t
take_format(struct stamp_parser *parser, const char *s, size_t len,
    int64_t *ms)
{
	char text[256];
	struct tm tm;
	struct civil civil;
	const char *end;
	size_t copied = len < sizeof text - 1 ? len : sizeof text - 1;

	memcpy(text, s, copied);
	text[copied] = '\0';
	memset(&tm, 0, sizeof tm);
	memset(&civil, 0, sizeof civil);
	tm.tm_year = INT_MIN;
	tm.tm_gmtoff = LONG_MIN;
	end = strptime(text, parser->format, &tm);
	if (end == NULL)
		return 0;
	civil.has_year = tm.tm_year != INT_MIN;
	civil.year = civil.has_year ? tm.tm_year + 1900 : 0;
	civil.month = tm.tm_mon + 1;
	civil.day = tm.tm_mday > 0 ? tm.tm_mday : 1;
	civil.hour = tm.tm_hour;
	civil.minute = tm.tm_min;
	civil.second = tm.tm_sec;
	civil.has_zone = tm.tm_gmtoff != LONG_MIN;
	civil.zone = civil.has_zone ? tm.tm_gmtoff : 0;
	end += take_fraction(text, copied, (size_t)(end - text),
	    &civil.millis);
	if (civil_to_ms(parser, &civil, ms) != 0)
		return 0;
	return (size_t)(end - text);
}

/* The stamp at s, in the form its first byte allows, allowing a date
 * alone where date_alone; how many bytes it took (0: none), *form. */
static size_t
take_stamp(struct stamp_parser *parser, const char *s, size_t len,
    int at_start, int date_alone, int64_t *ms, enum stamp_form *form)
{
	struct civil civil;
	size_t used = 0;

	memset(&civil, 0, sizeof civil);
	if (is_digit(s[0])) {
		used = take_iso(s, len, &civil);
		*form = STAMP_ISO;
		if (used > 0 && !civil.has_time && !date_alone)
			used = 0;
		if (used == 0 && at_start) {
			used = take_epoch(s, len, ms);
			*form = STAMP_EPOCH;
			return used;
		}
	} else if (s[0] == '[') {
		used = take_apache(s, len, &civil);
		*form = STAMP_APACHE;
	} else if (s[0] >= 'A' && s[0] <= 'Z') {
		used = take_syslog(s, len, &civil);
		*form = STAMP_SYSLOG;
	}
	if (used == 0 || civil_to_ms(parser, &civil, ms) != 0)
		return 0;
	return used;
}

void
stamp_parser_reference(struct stamp_parser *parser, time_t reference)
{
	struct tm local;

	if (localtime_r(&reference, &local) == NULL) {
		parser->reference_year = 1970;
		parser->reference_month = 12;
		return;
	}
	parser->reference_year = local.tm_year + 1900;
	parser->reference_month = local.tm_mon + 1;
}

void
stamp_parser_init(struct stamp_parser *parser, const char *format,
    time_t reference)
{
	memset(parser, 0, sizeof *parser);
	parser->format = format;
	/* localtime_r need not read TZ itself, as localtime does. */
	tzset();
	stamp_parser_reference(parser, reference);
}

enum stamp_form
stamp_find(struct stamp_parser *parser, const char *record, size_t len,
    int64_t *ms)
{
	enum stamp_form form = STAMP_NONE;
	size_t limit = STAMP_NEAR, i;

	if (parser->format != NULL)
		return take_format(parser, record, len, ms) > 0 ? STAMP_FORMAT
		    : STAMP_NONE;
	if (len < limit)
		limit = len;
	for (i = 0; i < limit; i++) {
		char c = record[i];

		/* A stamp starts at a word's start: not inside a number or a
		 * word. */
		if (i > 0 && ((is_digit(c) && is_digit(record[i - 1])) ||
		    (is_alpha(c) && is_alpha(record[i - 1]))))
			continue;
		if (!is_digit(c) && c != '[' && !(c >= 'A' && c <= 'Z'))
			continue;
		if (take_stamp(parser, record + i, len - i, i == 0, 0, ms,
		    &form) > 0)
			return form;
	}
	return STAMP_NONE;
}

/* A clock alone (02:25, 02:25:30) is today's, as date(1) reads it. */
static int
take_clock_today(struct stamp_parser *parser, const char *text, size_t len,
    time_t now, int64_t *ms)
{
	struct civil civil;
	struct tm local;

	memset(&civil, 0, sizeof civil);
	if (take_clock(text, len, 0, &civil, 1) != len ||
	    localtime_r(&now, &local) == NULL)
		return -1;
	civil.year = local.tm_year + 1900;
	civil.has_year = 1;
	civil.month = local.tm_mon + 1;
	civil.day = local.tm_mday;
	return civil_to_ms(parser, &civil, ms);
}

int
stamp_parse_time(const char *text, const char *format, time_t now,
    int64_t *ms)
{
	struct stamp_parser parser;
	enum stamp_form form;
	size_t len = strlen(text);

	if (strcmp(text, "now") == 0) {
		*ms = (int64_t)now * 1000;
		return 0;
	}
	if (len == 0)
		return -1;
	stamp_parser_init(&parser, format, now);
	if (format != NULL && take_format(&parser, text, len, ms) == len)
		return 0;
	parser.format = NULL;
	if (take_stamp(&parser, text, len, 1, 1, ms, &form) == len)
		return 0;
	return take_clock_today(&parser, text, len, now, ms);
}

int
stamp_parse_duration(const char *text, int64_t *ms)
{
	/* Past a century, a window is no window: it keeps the sum far
	 * from overflowing. */
	const int64_t limit = (int64_t)100 * 366 * 86400 * 1000;
	int64_t total = 0;
	const char *at = text;

	if (*at == '\0')
		return -1;
	while (*at != '\0') {
		int64_t number = 0, unit;

		if (!is_digit(*at))
			return -1;
		for (; is_digit(*at); at++) {
			number = number * 10 + (*at - '0');
			if (number > limit)
				return -1;
		}
		switch (*at++) {
		case 's': unit = 1000; break;
		case 'm': unit = 60 * 1000; break;
		case 'h': unit = 3600 * 1000; break;
		case 'd': unit = 86400 * 1000; break;
		case 'w': unit = 7 * 86400 * 1000; break;
		default: return -1;
		}
		if (number > limit / unit)
			return -1;
		total += number * unit;
		if (total > limit)
			return -1;
	}
	if (total == 0)
		return -1;
	*ms = total;
	return 0;
}
