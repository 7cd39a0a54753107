#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "logname.h"

const char *const lt_default_families[] = {
	"aura-api",
	"errors",
	"warnings",
	"performance",
	"audit",
	NULL,
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_family_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    is_digit(c) || c == '-' || c == '_' || c == '.';
}

static bool
has_suffix(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* Parses len digits; returns -1 when the value does not fit in an int. */
static int
parse_digits(const char *s, size_t len)
{
	int value = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (value > (INT_MAX - (s[i] - '0')) / 10)
			return -1;
		value = value * 10 + (s[i] - '0');
	}
	return value;
}

static bool
is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Checks a proleptic Gregorian date; year 0000 is accepted as in ISO 8601. */
static bool
is_valid_date(int year, int month, int day)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int max;

	if (month < 1 || month > 12 || day < 1)
		return false;
	max = days[month - 1];
	if (month == 2 && is_leap_year(year))
		max = 29;
	return day <= max;
}

/*
 * Splits "family-date[_seq]" (the name without ".log" and its compression
 * suffix). The family may itself contain "-" and "_", so the parse works
 * from the end: a trailing run of 3 or more digits after "_" is the
 * sequence, and the 8 digits after the last "-" before it are the date.
 */
static bool
parse_stem(const char *s, size_t len, struct lt_logname *out,
    size_t *family_len)
{
	size_t end = len, run = 0;
	int seq = 0;

	while (run < end && is_digit(s[end - run - 1]))
		run++;
	if (run < end && s[end - run - 1] == '_') {
		if (run < 3 || (seq = parse_digits(s + end - run, run)) < 0)
			return false;
		end -= run + 1;
	}
	if (end < 10 || s[end - 9] != '-')
		return false;
	for (size_t i = end - 8; i < end; i++)
		if (!is_digit(s[i]))
			return false;
	out->year = parse_digits(s + end - 8, 4);
	out->month = parse_digits(s + end - 4, 2);
	out->day = parse_digits(s + end - 2, 2);
	if (!is_valid_date(out->year, out->month, out->day))
		return false;
	out->seq = seq;
	*family_len = end - 9;
	return true;
}

static bool
parse_family(const char *s, size_t len, struct lt_logname *out)
{
	if (len == 0 || len >= LT_FAMILY_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_family_char(s[i]))
			return false;
	memcpy(out->family, s, len);
	out->family[len] = '\0';
	return true;
}

bool
lt_logname_parse(const char *basename, struct lt_logname *out)
{
	struct lt_logname name;
	size_t len = strlen(basename), family_len;

	memset(&name, 0, sizeof(name));
	if (has_suffix(basename, len, ".gz")) {
		name.compressed = true;
		len -= 3;
	} else if (has_suffix(basename, len, ".zst")) {
		name.compressed = true;
		len -= 4;
	}
	if (!has_suffix(basename, len, ".log"))
		return false;
	len -= 4;
	if (!parse_stem(basename, len, &name, &family_len) ||
	    !parse_family(basename, family_len, &name))
		return false;
	*out = name;
	return true;
}
