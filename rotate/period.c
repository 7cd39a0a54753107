/*
 * Bundle periods and bundle names.
 *
 * Grammar of a bundle name:
 *
 *   bundle = prefix "-" key ".tar" [ ".gz" / ".zst" ]
 *   prefix = "aura-logs" / "aura-audit"
 *   key    = 8DIGIT            ; day YYYYMMDD
 *          / 4DIGIT "W" 2DIGIT ; ISO 8601 week, e.g. 2025W49
 *          / 6DIGIT            ; month YYYYMM
 *
 * Temporary files are "." bundle ".tmp." pid; the leading dot keeps them
 * out of `ls` and out of any reader that looks for "aura-logs-*".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rotate.h"
#include "timeutil.h"

/* ISO weekday, Monday 1 to Sunday 7; 1970-01-01 was a Thursday. */
static int
iso_weekday(int64_t day)
{
	int64_t r = (day + 3) % 7;

	if (r < 0)
		r += 7;
	return (int)r + 1;
}

static void
period_week(int64_t day, struct rot_period *p)
{
	int64_t thursday, jan1;
	int y, m, d, week;

	p->first_day = day - iso_weekday(day) + 1;
	p->last_day = p->first_day + 6;
	/* The ISO year and week are those of the week's Thursday. */
	thursday = p->first_day + 3;
	lt_civil_from_days(thursday, &y, &m, &d);
	jan1 = lt_days_from_civil(y, 1, 1);
	week = (int)((thursday - jan1) / 7) + 1;
	snprintf(p->key, sizeof(p->key), "%04dW%02d", y, week);
}

static void
period_month(int64_t day, struct rot_period *p)
{
	int y, m, d;

	lt_civil_from_days(day, &y, &m, &d);
	p->first_day = lt_days_from_civil(y, m, 1);
	if (m == 12)
		p->last_day = lt_days_from_civil(y + 1, 1, 1) - 1;
	else
		p->last_day = lt_days_from_civil(y, m + 1, 1) - 1;
	snprintf(p->key, sizeof(p->key), "%04d%02d", y, m);
}

void
rot_period_of(enum rot_unit unit, int64_t day, struct rot_period *p)
{
	int y, m, d;

	p->unit = unit;
	switch (unit) {
	case ROT_WEEK:
		period_week(day, p);
		break;
	case ROT_MONTH:
		period_month(day, p);
		break;
	default:
		lt_civil_from_days(day, &y, &m, &d);
		p->first_day = p->last_day = day;
		snprintf(p->key, sizeof(p->key), "%04d%02d%02d", y, m, d);
		break;
	}
}

/* Today's local date (TZ) as days since the epoch. */
int64_t
rot_today(int64_t now_ms)
{
	time_t t = (time_t)(now_ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return now_ms / 86400000;
	return lt_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

const char *
rot_codec_suffix(enum rot_codec codec)
{
	switch (codec) {
	case ROT_GZIP:
		return ".tar.gz";
	case ROT_ZSTD:
		return ".tar.zst";
	default:
		return ".tar";
	}
}

void
rot_bundle_name(const char *prefix, const struct rot_period *p,
    enum rot_codec codec, char out[ROT_NAME_MAX])
{
	snprintf(out, ROT_NAME_MAX, "%s-%s%s", prefix, p->key,
	    rot_codec_suffix(codec));
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
number(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Parses the key grammar above into a period; false when invalid. */
static bool
parse_key(const char *key, size_t len, struct rot_period *p)
{
	int y, m, d, w;

	if (len == 8 && all_digits(key, 8)) {
		y = number(key, 4), m = number(key + 4, 2),
		d = number(key + 6, 2);
		if (m < 1 || m > 12 || d < 1 || d > 31)
			return false;
		rot_period_of(ROT_DAY, lt_days_from_civil(y, m, d), p);
	} else if (len == 7 && all_digits(key, 4) && key[4] == 'W' &&
	    all_digits(key + 5, 2)) {
		y = number(key, 4), w = number(key + 5, 2);
		if (w < 1 || w > 53)
			return false;
		/* January 4 is always in ISO week 1. */
		rot_period_of(ROT_WEEK, lt_days_from_civil(y, 1, 4) +
		    (int64_t)(w - 1) * 7, p);
	} else if (len == 6 && all_digits(key, 6)) {
		y = number(key, 4), m = number(key + 4, 2);
		if (m < 1 || m > 12)
			return false;
		rot_period_of(ROT_MONTH, lt_days_from_civil(y, m, 1), p);
	} else {
		return false;
	}
	/* A key that does not print back the same (20250231) is invalid. */
	return strlen(p->key) == len && memcmp(p->key, key, len) == 0;
}

bool
rot_bundle_parse(const char *name, char prefix[ROT_NAME_MAX],
    struct rot_period *p, enum rot_codec *codec)
{
	static const char *const prefixes[] = { ROT_PREFIX_LOGS,
	    ROT_PREFIX_AUDIT };
	static const enum rot_codec codecs[] = { ROT_GZIP, ROT_ZSTD,
	    ROT_NONE };
	size_t len = strlen(name), plen, slen;

	for (size_t i = 0; i < 2; i++) {
		plen = strlen(prefixes[i]);
		if (strncmp(name, prefixes[i], plen) != 0 || name[plen] != '-')
			continue;
		for (size_t c = 0; c < 3; c++) {
			slen = strlen(rot_codec_suffix(codecs[c]));
			if (len <= plen + 1 + slen || strcmp(name + len - slen,
			    rot_codec_suffix(codecs[c])) != 0)
				continue;
			if (!parse_key(name + plen + 1, len - plen - 1 - slen,
			    p))
				return false;
			snprintf(prefix, ROT_NAME_MAX, "%s", prefixes[i]);
			*codec = codecs[c];
			return true;
		}
	}
	return false;
}

bool
rot_is_temp_name(const char *name)
{
	const char *t;

	if (name[0] != '.')
		return false;
	t = strstr(name, ".tmp.");
	return t != NULL && t[5] != '\0' &&
	    strspn(t + 5, "0123456789") == strlen(t + 5);
}
