/*
 * Times and durations.
 *
 * Internally a time is a count of milliseconds since 1970-01-01T00:00:00Z
 * in an int64_t; LT_TS_NONE (record.h) means "no time".
 *
 * Command-line time grammar (lt_time_parse_arg):
 *
 *   time     = iso / relative / "now"
 *   iso      = date [ ("T" / " ") hh ":" mm [ ":" ss [ frac ] ] ] [ offset ]
 *   relative = "-" duration           ; before now, as in -2h, -1h30m
 *   duration = 1*( 1*DIGIT unit )
 *   unit     = "ms" / "s" / "m" / "h" / "d" / "w"
 *   offset   = [ SP ] ( "Z" / ("+" / "-") 2DIGIT [":"] 2DIGIT )
 *
 * An iso time without an offset is local time (the TZ environment
 * variable), as date(1) reads it; a bare date is local midnight. Here and
 * in lt_time_parse_iso() the date must exist (no February 30).
 * Examples: "2025-12-03T14:05", "2025-12-03 14:05:00+01:00", "-2h".
 *
 * Duration grammar (lt_duration_parse): 1*DIGIT unit, or several such
 * terms run together ("1h30m"). A bare number is rejected, so that units
 * are never guessed.
 */
#ifndef LT_TIMEUTIL_H
#define LT_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LT_TIME_TEXT 32

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t	lt_days_from_civil(int year, int month, int day);
void	lt_civil_from_days(int64_t days, int *year, int *month, int *day);

/*
 * Parses the ISO-8601-like timestamp at the start of s (grammar "ts" in
 * record.h). On success returns the number of bytes used, stores the time
 * in *ms, and sets *has_offset. Returns 0 when s does not start with a
 * timestamp. Without an offset the time is taken as UTC.
 */
size_t	lt_time_parse_iso(const char *s, size_t len, int64_t *ms,
	    bool *has_offset);

/* Parses a command-line time (grammar above) relative to now_ms. Returns
 * 0, or -1 with lt_error() set naming the value. */
int	lt_time_parse_arg(const char *s, int64_t now_ms, int64_t *ms);

/* Parses a duration; returns 0, or -1 with lt_error() set. */
int	lt_duration_parse(const char *s, int64_t *ms);

/* Formats ms as "2025-12-03T14:05:00.123Z"; returns the length. */
size_t	lt_time_format(int64_t ms, char out[LT_TIME_TEXT]);

/* Milliseconds since the epoch now, from the real-time clock. The
 * environment variable LOGTOOL_NOW (a time in the grammar above) overrides
 * it, so tests can fix "now"; an invalid value is ignored here. */
int64_t	lt_now_ms(void);

/* Returns 0 when LOGTOOL_NOW is unset, empty or a valid time, or -1 with
 * lt_error() set naming it. Commands that read the clock call it first,
 * so that a mistyped LOGTOOL_NOW is an error rather than the real time. */
int	lt_now_check(void);

#endif
