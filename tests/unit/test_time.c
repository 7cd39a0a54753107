/* Unit tests for times and durations (timeutil.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "error.h"
#include "record.h"
#include "timeutil.h"

/* 2025-12-03T14:05:00.000Z */
#define DEC3_1405	1764770700000LL
#define HOUR_MS		3600000LL

static int64_t
iso(const char *s, size_t expect_used, bool expect_offset)
{
	int64_t ms = 0;
	bool has_offset = !expect_offset;

	assert_int_equal(lt_time_parse_iso(s, strlen(s), &ms, &has_offset),
	    expect_used);
	assert_int_equal(has_offset, expect_offset);
	return ms;
}

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void
test_time__civil_days(void **state)
{
	int y, m, d;

	(void)state;
	assert_int_equal(lt_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(lt_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(lt_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(lt_days_from_civil(2024, 2, 29) + 1,
	    lt_days_from_civil(2024, 3, 1));
	for (int64_t days = -800000; days < 800000; days += 97) {
		lt_civil_from_days(days, &y, &m, &d);
		assert_int_equal(lt_days_from_civil(y, m, d), days);
	}
}

static void
test_time__iso_offsets(void **state)
{
	(void)state;
	assert_int_equal(iso("2025-12-03 15:05:00.000 +01:00", 30, true),
	    DEC3_1405);
	assert_int_equal(iso("2025-12-03 08:35:00 -05:30", 26, true),
	    DEC3_1405);
	assert_int_equal(iso("2025-12-03T14:05:00Z", 20, true), DEC3_1405);
	assert_int_equal(iso("2025-12-03T14:05:00", 19, false), DEC3_1405);
	assert_int_equal(iso("2025-12-03T15:05:00+0100", 24, true),
	    DEC3_1405);
	assert_int_equal(iso("2025-12-03T20:05:00.0000000+06:00", 33, true),
	    DEC3_1405);
}

static void
test_time__iso_fractions(void **state)
{
	(void)state;
	assert_int_equal(iso("2025-12-03 14:05:00,978", 23, false),
	    DEC3_1405 + 978);
	assert_int_equal(iso("2025-12-03T14:05:00.5Z", 22, true),
	    DEC3_1405 + 500);
	assert_int_equal(iso("2025-12-03T14:05:00.1248662Z", 28, true),
	    DEC3_1405 + 124);
	assert_int_equal(iso("2025-12-03T14:05:00.999999999Z", 30, true),
	    DEC3_1405 + 999);
}

static void
test_time__iso_stops_at_text(void **state)
{
	(void)state;
	assert_int_equal(iso("2025-12-03 14:05:00 INFO x", 19, false),
	    DEC3_1405);
	assert_int_equal(iso("2025-12-03 14:05:00.123 [INF] x", 23, false),
	    DEC3_1405 + 123);
	assert_int_equal(iso("2025-12-03 14:05:00 +1 x", 19, false),
	    DEC3_1405);
	assert_int_equal(iso("2025-12-03 14:05:00.] x", 19, false),
	    DEC3_1405);
}

static void
test_time__iso_rejects(void **state)
{
	static const char *const bad[] = {
		"", "2025-12-03", "2025-12-03 14:05", "2025-13-03 14:05:00",
		"2025-12-00 14:05:00", "2025-12-03 24:05:00",
		"2025-12-03 14:60:00", "2025-12-03 14:05:61",
		"25-12-03 14:05:00", "2025/12/03 14:05:00",
		"2025-12-03_14:05:00", "x2025-12-03 14:05:00",
		"2025-12-03 14:05:0", "\xef\xbb\xbf" "2025-12-03 14:05:00",
	};
	int64_t ms;
	bool has_offset;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(lt_time_parse_iso(bad[i], strlen(bad[i]),
		    &ms, &has_offset), 0);
}

static void
test_time__iso_respects_length(void **state)
{
	int64_t ms;
	bool has_offset;

	(void)state;
	assert_int_equal(lt_time_parse_iso("2025-12-03 14:05:00", 18, &ms,
	    &has_offset), 0);
	assert_int_equal(lt_time_parse_iso("2025-12-03 14:05:00Z", 19, &ms,
	    &has_offset), 19);
	assert_false(has_offset);
}

static void
test_time__format(void **state)
{
	char out[LT_TIME_TEXT];

	(void)state;
	assert_int_equal(lt_time_format(0, out), 24);
	assert_string_equal(out, "1970-01-01T00:00:00.000Z");
	lt_time_format(-1, out);
	assert_string_equal(out, "1969-12-31T23:59:59.999Z");
	lt_time_format(DEC3_1405 + 123, out);
	assert_string_equal(out, "2025-12-03T14:05:00.123Z");
	lt_time_format(951782400000LL, out);
	assert_string_equal(out, "2000-02-29T00:00:00.000Z");
}

static void
test_time__arg_iso_with_offset(void **state)
{
	int64_t ms;

	(void)state;
	assert_int_equal(lt_time_parse_arg("2025-12-03T15:05+01:00", 0, &ms),
	    0);
	assert_int_equal(ms, DEC3_1405);
	assert_int_equal(lt_time_parse_arg("2025-12-03 14:05:00Z", 0, &ms), 0);
	assert_int_equal(ms, DEC3_1405);
	assert_int_equal(lt_time_parse_arg("2025-12-03T14:05:00.250Z", 0,
	    &ms), 0);
	assert_int_equal(ms, DEC3_1405 + 250);
	assert_int_equal(lt_time_parse_arg("2025-12-03Z", 0, &ms), 0);
	assert_int_equal(ms, DEC3_1405 - 14 * HOUR_MS - 5 * 60000);
}

static void
test_time__arg_local_time(void **state)
{
	int64_t ms;

	(void)state;
	set_tz("UTC0");
	assert_int_equal(lt_time_parse_arg("2025-12-03T14:05", 0, &ms), 0);
	assert_int_equal(ms, DEC3_1405);
	set_tz("EST5");
	assert_int_equal(lt_time_parse_arg("2025-12-03T09:05", 0, &ms), 0);
	assert_int_equal(ms, DEC3_1405);
	assert_int_equal(lt_time_parse_arg("2025-12-03", 0, &ms), 0);
	assert_int_equal(ms, DEC3_1405 - 9 * HOUR_MS - 5 * 60000);
	set_tz("UTC0");
}

static void
test_time__arg_relative(void **state)
{
	int64_t ms;

	(void)state;
	assert_int_equal(lt_time_parse_arg("now", DEC3_1405, &ms), 0);
	assert_int_equal(ms, DEC3_1405);
	assert_int_equal(lt_time_parse_arg("-2h", DEC3_1405, &ms), 0);
	assert_int_equal(ms, DEC3_1405 - 2 * HOUR_MS);
	assert_int_equal(lt_time_parse_arg("-1h30m", DEC3_1405, &ms), 0);
	assert_int_equal(ms, DEC3_1405 - 90 * 60000);
	assert_int_equal(lt_time_parse_arg("-250ms", DEC3_1405, &ms), 0);
	assert_int_equal(ms, DEC3_1405 - 250);
}

static void
test_time__arg_errors(void **state)
{
	int64_t ms;

	(void)state;
	assert_int_equal(lt_time_parse_arg("-5", 0, &ms), -1);
	assert_string_equal(lt_error(),
	    "invalid time '-5': add a unit (ms, s, m, h, d, w), as in -2h");
	assert_int_equal(lt_time_parse_arg("-2x", 0, &ms), -1);
	assert_string_equal(lt_error(), "invalid time '-2x': expected '-' "
	    "and a duration, such as -2h or -1h30m");
	assert_int_equal(lt_time_parse_arg("yesterday", 0, &ms), -1);
	assert_string_equal(lt_error(), "invalid time 'yesterday': expected "
	    "'now', a relative time such as -2h, or "
	    "YYYY-MM-DD[THH:MM[:SS]][offset]");
	assert_int_equal(lt_time_parse_arg("2025-13-01", 0, &ms), -1);
	assert_int_equal(lt_time_parse_arg("2025-12-03T14", 0, &ms), -1);
	assert_int_equal(lt_time_parse_arg("2025-12-03T14:05 junk", 0, &ms),
	    -1);
	assert_int_equal(lt_time_parse_arg("", 0, &ms), -1);
	assert_int_equal(lt_time_parse_arg("+2h", 0, &ms), -1);
}

static void
test_time__durations(void **state)
{
	static const struct {
		const char	*text;
		int64_t		 ms;
	} cases[] = {
		{ "250ms", 250 }, { "5s", 5000 }, { "5m", 300000 },
		{ "1h", HOUR_MS }, { "1h30m", 90 * 60000 },
		{ "2d", 48 * HOUR_MS },
		{ "1w", 168 * HOUR_MS }, { "1m500ms", 60500 }, { "0s", 0 },
	};
	int64_t ms;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(lt_duration_parse(cases[i].text, &ms), 0);
		assert_int_equal(ms, cases[i].ms);
	}
}

static void
test_time__duration_errors(void **state)
{
	static const char *const bad[] = {
		"", "m", "5x", "5 m", "1h30", "-5m", "5mm", "5min",
		"99999999999999999999s", "9999999999999999w",
	};
	int64_t ms;

	(void)state;
	assert_int_equal(lt_duration_parse("5", &ms), -1);
	assert_string_equal(lt_error(),
	    "invalid duration '5': add a unit (ms, s, m, h, d, w)");
	assert_int_equal(lt_duration_parse("5x", &ms), -1);
	assert_string_equal(lt_error(), "invalid duration '5x': expected a "
	    "number and a unit (ms, s, m, h, d, w), such as 5m or 1h30m");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(lt_duration_parse(bad[i], &ms), -1);
}

static void
test_time__now_override(void **state)
{
	(void)state;
	setenv("LOGTOOL_NOW", "2025-12-03T14:05:00Z", 1);
	assert_int_equal(lt_now_ms(), DEC3_1405);
	setenv("LOGTOOL_NOW", "not a time", 1);
	assert_true(lt_now_ms() > DEC3_1405 - 365 * 24 * HOUR_MS);
	unsetenv("LOGTOOL_NOW");
	assert_true(lt_now_ms() > DEC3_1405 - 365 * 24 * HOUR_MS);
}

static void
test_time__iso_out_of_range(void **state)
{
	static const char *const bad[] = {
		"2025-13-01 10:00:00",
		"2025-00-01 10:00:00",
		"2025-12-32 10:00:00",
		"2025-12-01 25:00:00",
		"2025-12-01 10:60:00",
		"2025-12-01 10:00:61",
		"2025-02-30 10:00:00",
		"2025-04-31 10:00:00",
		"2023-02-29 10:00:00",
		"２０２５-12-01 10:00:00",
		"2025-12-01 10:00",
		"2025-12-0",
	};
	int64_t ms;
	bool has_offset;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(lt_time_parse_iso(bad[i], strlen(bad[i]), &ms,
		    &has_offset), 0);
}

static void
test_time__iso_year_edges(void **state)
{
	int64_t ms;
	bool has_offset;
	char text[LT_TIME_TEXT];

	(void)state;
	assert_int_equal(lt_time_parse_iso("0000-01-01 00:00:00 +00:00", 26,
	    &ms, &has_offset), 26);
	lt_time_format(ms, text);
	assert_string_equal(text, "0000-01-01T00:00:00.000Z");
	assert_int_equal(lt_time_parse_iso("9999-12-31T23:59:59.999-23:59",
	    29, &ms, &has_offset), 29);
	lt_time_format(ms, text);
	assert_string_equal(text, "10000-01-01T23:58:59.999Z");
	assert_int_equal(lt_time_parse_iso("2024-02-29 10:00:00", 19, &ms,
	    &has_offset), 19);
	/* An offset out of range is not read, so the time has no offset. */
	assert_int_equal(lt_time_parse_iso("2025-12-01 10:00:00 +25:00", 26,
	    &ms, &has_offset), 19);
	assert_false(has_offset);
}

static void
test_time__relative_overflow(void **state)
{
	int64_t ms;

	(void)state;
	assert_int_equal(lt_time_parse_arg("-9223372036854775ms",
	    INT64_MIN + 5, &ms), -1);
	assert_int_equal(lt_time_parse_arg("-106751991167d", 0, &ms), 0);
	assert_int_equal(lt_time_parse_arg("-106751991168d", 0, &ms), -1);
}

static void
test_time__now_check(void **state)
{
	(void)state;
	unsetenv("LOGTOOL_NOW");
	assert_int_equal(lt_now_check(), 0);
	setenv("LOGTOOL_NOW", "2025-12-03T14:05:00Z", 1);
	assert_int_equal(lt_now_check(), 0);
	setenv("LOGTOOL_NOW", "yesterday", 1);
	assert_int_equal(lt_now_check(), -1);
	assert_string_equal(lt_error(), "invalid LOGTOOL_NOW 'yesterday': "
	    "expected 'now', a relative time such as -2h, or "
	    "YYYY-MM-DD[THH:MM[:SS]][offset]");
	setenv("LOGTOOL_NOW", "", 1);
	assert_int_equal(lt_now_check(), 0);
	unsetenv("LOGTOOL_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time__civil_days),
		cmocka_unit_test(test_time__iso_offsets),
		cmocka_unit_test(test_time__iso_fractions),
		cmocka_unit_test(test_time__iso_stops_at_text),
		cmocka_unit_test(test_time__iso_rejects),
		cmocka_unit_test(test_time__iso_respects_length),
		cmocka_unit_test(test_time__format),
		cmocka_unit_test(test_time__arg_iso_with_offset),
		cmocka_unit_test(test_time__arg_local_time),
		cmocka_unit_test(test_time__arg_relative),
		cmocka_unit_test(test_time__arg_errors),
		cmocka_unit_test(test_time__durations),
		cmocka_unit_test(test_time__duration_errors),
		cmocka_unit_test(test_time__now_override),
		cmocka_unit_test(test_time__iso_out_of_range),
		cmocka_unit_test(test_time__iso_year_edges),
		cmocka_unit_test(test_time__relative_overflow),
		cmocka_unit_test(test_time__now_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
