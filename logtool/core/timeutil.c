/*
 * Times and durations: ISO-8601-like timestamps in log lines, command-line
 * times and durations. All digit parsing is written out here so that
 * nothing depends on the locale.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "record.h"
#include "timeutil.h"

#define MS_PER_SECOND	1000LL
#define MS_PER_MINUTE	(60 * MS_PER_SECOND)
#define MS_PER_HOUR	(60 * MS_PER_MINUTE)
#define MS_PER_DAY	(24 * MS_PER_HOUR)
#define MS_PER_WEEK	(7 * MS_PER_DAY)

/* Broken-down fields of a parsed time, before conversion. */
struct civil_time {
	int	year, month, day;
	int	hour, minute, second, milli;
	bool	has_offset;
	int	offset_minutes;		/* east of UTC */
};

/*
 * Both conversions count in 400-year eras of 146097 days, which makes them
 * exact for every proleptic Gregorian date in int64_t arithmetic.
 */
int64_t
lt_days_from_civil(int year, int month, int day)
{
	int64_t y, era, yoe, doy, doe;

	y = (int64_t)year - (month <= 2);
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
lt_civil_from_days(int64_t days, int *year, int *month, int *day)
{
	int64_t z, era, doe, yoe, y, doy, mp, d, m;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(y + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads exactly n digits at s[*i]; returns -1 when they are not there. */
static int
read_digits(const char *s, size_t len, size_t *i, int n)
{
	int v = 0;

	if (len - *i < (size_t)n)
		return -1;
	for (int k = 0; k < n; k++) {
		char c = s[*i + k];

		if (!is_digit(c))
			return -1;
		v = v * 10 + (c - '0');
	}
	*i += (size_t)n;
	return v;
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* Reads date = 4DIGIT "-" 2DIGIT "-" 2DIGIT, a valid calendar date. */
static bool
parse_date(const char *s, size_t len, size_t *i, struct civil_time *t)
{
	if ((t->year = read_digits(s, len, i, 4)) < 0)
		return false;
	if (*i >= len || s[*i] != '-')
		return false;
	(*i)++;
	if ((t->month = read_digits(s, len, i, 2)) < 1 || t->month > 12)
		return false;
	if (*i >= len || s[*i] != '-')
		return false;
	(*i)++;
	if ((t->day = read_digits(s, len, i, 2)) < 1 ||
	    t->day > days_in_month(t->year, t->month))
		return false;
	return true;
}

/* Reads frac = ("." / ",") 1*9DIGIT, keeping milliseconds (truncated). */
static void
parse_frac(const char *s, size_t len, size_t *i, struct civil_time *t)
{
	size_t j = *i + 1, n = 0;
	int ms = 0;

	if (*i >= len || (s[*i] != '.' && s[*i] != ','))
		return;
	while (j < len && n < 9 && is_digit(s[j])) {
		if (n < 3)
			ms = ms * 10 + (s[j] - '0');
		j++;
		n++;
	}
	if (n == 0)
		return;
	for (size_t k = n; k < 3; k++)
		ms *= 10;
	t->milli = ms;
	*i = j;
}

/*
 * Reads offset = "Z" / ("+" / "-") 2DIGIT [":"] 2DIGIT, optionally after
 * one space. Consumes nothing when no offset follows.
 */
static void
parse_offset(const char *s, size_t len, size_t *i, struct civil_time *t)
{
	size_t j = *i;
	int sign, hh, mm;

	if (j < len && s[j] == ' ')
		j++;
	if (j < len && s[j] == 'Z') {
		t->has_offset = true;
		t->offset_minutes = 0;
		*i = j + 1;
		return;
	}
	if (j >= len || (s[j] != '+' && s[j] != '-'))
		return;
	sign = s[j] == '-' ? -1 : 1;
	j++;
	if ((hh = read_digits(s, len, &j, 2)) < 0 || hh > 23)
		return;
	if (j < len && s[j] == ':')
		j++;
	if ((mm = read_digits(s, len, &j, 2)) < 0 || mm > 59)
		return;
	t->has_offset = true;
	t->offset_minutes = sign * (hh * 60 + mm);
	*i = j;
}

static int64_t
civil_to_utc_ms(const struct civil_time *t)
{
	int64_t days, ms;

	days = lt_days_from_civil(t->year, t->month, t->day);
	ms = days * MS_PER_DAY + t->hour * MS_PER_HOUR +
	    t->minute * MS_PER_MINUTE + t->second * MS_PER_SECOND + t->milli;
	return ms - t->offset_minutes * MS_PER_MINUTE;
}

size_t
lt_time_parse_iso(const char *s, size_t len, int64_t *ms, bool *has_offset)
{
	struct civil_time t;
	size_t i = 0;

	memset(&t, 0, sizeof(t));
	if (!parse_date(s, len, &i, &t))
		return 0;
	if (i >= len || (s[i] != 'T' && s[i] != ' '))
		return 0;
	i++;
	if ((t.hour = read_digits(s, len, &i, 2)) < 0 || t.hour > 23)
		return 0;
	if (i >= len || s[i++] != ':')
		return 0;
	if ((t.minute = read_digits(s, len, &i, 2)) < 0 || t.minute > 59)
		return 0;
	if (i >= len || s[i++] != ':')
		return 0;
	if ((t.second = read_digits(s, len, &i, 2)) < 0 || t.second > 60)
		return 0;
	parse_frac(s, len, &i, &t);
	parse_offset(s, len, &i, &t);
	*ms = civil_to_utc_ms(&t);
	*has_offset = t.has_offset;
	return i;
}

/*
 * Parses 1*DIGIT unit terms run together, as in "1h30m". Returns 0, 1 when
 * the text is digits without a unit, or -1 for anything else.
 */
static int
parse_duration_terms(const char *s, int64_t *ms)
{
	static const struct {
		const char	*name;
		int64_t		 ms;
	} units[] = {
		{ "ms", 1 }, { "s", MS_PER_SECOND }, { "m", MS_PER_MINUTE },
		{ "h", MS_PER_HOUR }, { "d", MS_PER_DAY }, { "w", MS_PER_WEEK },
	};
	int64_t total = 0;
	size_t i = 0;

	if (s[0] == '\0')
		return -1;
	while (s[i] != '\0') {
		int64_t n = 0;
		size_t start = i, u;

		for (; is_digit(s[i]); i++) {
			if (n > (INT64_MAX - 9) / 10)
				return -1;
			n = n * 10 + (s[i] - '0');
		}
		if (i == start)
			return -1;
		if (s[i] == '\0')
			return 1;
		for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
			size_t ulen = strlen(units[u].name);

			if (strncmp(s + i, units[u].name, ulen) == 0 &&
			    !(s[i + ulen] >= 'a' && s[i + ulen] <= 'z'))
				break;
		}
		if (u == sizeof(units) / sizeof(units[0]))
			return -1;
		if (n > (INT64_MAX - total) / units[u].ms)
			return -1;
		total += n * units[u].ms;
		i += strlen(units[u].name);
	}
	*ms = total;
	return 0;
}

int
lt_duration_parse(const char *s, int64_t *ms)
{
	switch (parse_duration_terms(s, ms)) {
	case 0:
		return 0;
	case 1:
		return lt_error_set("invalid duration '%s': add a unit "
		    "(ms, s, m, h, d, w)", s);
	default:
		return lt_error_set("invalid duration '%s': expected a number "
		    "and a unit (ms, s, m, h, d, w), such as 5m or 1h30m", s);
	}
}

/* Reads iso's optional time part: hh ":" mm [ ":" ss [ frac ] ]. */
static bool
parse_arg_clock(const char *s, size_t len, size_t *i, struct civil_time *t)
{
	if ((t->hour = read_digits(s, len, i, 2)) < 0 || t->hour > 23)
		return false;
	if (*i >= len || s[(*i)++] != ':')
		return false;
	if ((t->minute = read_digits(s, len, i, 2)) < 0 || t->minute > 59)
		return false;
	if (*i < len && s[*i] == ':') {
		(*i)++;
		t->second = read_digits(s, len, i, 2);
		if (t->second < 0 || t->second > 60)
			return false;
		parse_frac(s, len, i, t);
	}
	return true;
}

/* Converts a time without an offset as local time (TZ), like date(1). */
static int
local_to_utc_ms(const struct civil_time *t, int64_t *ms)
{
	struct tm tm;
	time_t secs;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = t->year - 1900;
	tm.tm_mon = t->month - 1;
	tm.tm_mday = t->day;
	tm.tm_hour = t->hour;
	tm.tm_min = t->minute;
	tm.tm_sec = t->second;
	tm.tm_isdst = -1;
	tm.tm_wday = -1;	/* mktime() sets it only on success */
	secs = mktime(&tm);
	if (tm.tm_wday == -1)
		return -1;
	*ms = (int64_t)secs * MS_PER_SECOND + t->milli;
	return 0;
}

static int
parse_arg_iso(const char *s, int64_t *ms)
{
	struct civil_time t;
	size_t len = strlen(s), i = 0;

	memset(&t, 0, sizeof(t));
	if (!parse_date(s, len, &i, &t))
		return -1;
	if (i < len && (s[i] == 'T' || s[i] == ' ') && i + 1 < len &&
	    is_digit(s[i + 1])) {
		i++;
		if (!parse_arg_clock(s, len, &i, &t))
			return -1;
	}
	parse_offset(s, len, &i, &t);
	if (i != len)
		return -1;
	if (t.has_offset) {
		*ms = civil_to_utc_ms(&t);
		return 0;
	}
	return local_to_utc_ms(&t, ms);
}

/* lt_time_parse_arg() with the name of the value for its messages. */
static int
parse_time_arg(const char *what, const char *s, int64_t now_ms, int64_t *ms)
{
	int64_t ago;

	if (strcmp(s, "now") == 0) {
		*ms = now_ms;
		return 0;
	}
	if (s[0] == '-') {
		switch (parse_duration_terms(s + 1, &ago)) {
		case 0:
			if (now_ms < INT64_MIN + ago)
				return lt_error_set("invalid %s '%s': too far "
				    "in the past", what, s);
			*ms = now_ms - ago;
			return 0;
		case 1:
			return lt_error_set("invalid %s '%s': add a unit "
			    "(ms, s, m, h, d, w), as in -2h", what, s);
		default:
			return lt_error_set("invalid %s '%s': expected '-' "
			    "and a duration, such as -2h or -1h30m", what, s);
		}
	}
	if (parse_arg_iso(s, ms) == 0)
		return 0;
	return lt_error_set("invalid %s '%s': expected 'now', a relative "
	    "time such as -2h, or YYYY-MM-DD[THH:MM[:SS]][offset]", what, s);
}

int
lt_time_parse_arg(const char *s, int64_t now_ms, int64_t *ms)
{
	return parse_time_arg("time", s, now_ms, ms);
}

size_t
lt_time_format(int64_t ms, char out[LT_TIME_TEXT])
{
	int64_t days, rem;
	int year, month, day, hh, mm, ss, milli;
	size_t n;

	days = ms / MS_PER_DAY;
	rem = ms % MS_PER_DAY;
	if (rem < 0) {
		rem += MS_PER_DAY;
		days--;
	}
	lt_civil_from_days(days, &year, &month, &day);
	hh = (int)(rem / MS_PER_HOUR);
	mm = (int)(rem / MS_PER_MINUTE % 60);
	ss = (int)(rem / MS_PER_SECOND % 60);
	milli = (int)(rem % MS_PER_SECOND);
	n = (size_t)snprintf(out, LT_TIME_TEXT,
	    "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    year, month, day, hh, mm, ss, milli);
	return n < LT_TIME_TEXT ? n : LT_TIME_TEXT - 1;
}

int
lt_now_check(void)
{
	const char *env = getenv("LOGTOOL_NOW");
	int64_t ms;

	if (env == NULL || env[0] == '\0')
		return 0;
	return parse_time_arg("LOGTOOL_NOW", env, 0, &ms);
}

int64_t
lt_now_ms(void)
{
	struct timespec ts;
	const char *env;
	int64_t real, fixed;

	clock_gettime(CLOCK_REALTIME, &ts);
	real = (int64_t)ts.tv_sec * MS_PER_SECOND + ts.tv_nsec / 1000000;
	env = getenv("LOGTOOL_NOW");
	/* An invalid LOGTOOL_NOW is ignored here; lt_now_check() reports
	 * it. */
	if (env != NULL && env[0] != '\0' &&
	    lt_time_parse_arg(env, real, &fixed) == 0)
		return fixed;
	return real;
}
