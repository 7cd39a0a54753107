/* Unit tests for lt_logname_parse() and lt_default_families. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "logname.h"

struct valid_case {
	const char	*name;
	const char	*family;
	int		 year;
	int		 month;
	int		 day;
	int		 seq;
	bool		 compressed;
};

static const struct valid_case valid_cases[] = {
	{ "aura-api-20251203.log", "aura-api", 2025, 12, 3, 0, false },
	{ "aura-api-20251203_002.log", "aura-api", 2025, 12, 3, 2, false },
	{ "errors-20251203_017.log.gz", "errors", 2025, 12, 3, 17, true },
	{ "audit-20260101_1234.log.zst", "audit", 2026, 1, 1, 1234, true },
	{ "warnings-20240229.log", "warnings", 2024, 2, 29, 0, false },
	{ "perf.v2_x-20001231.log", "perf.v2_x", 2000, 12, 31, 0, false },
	{ "a-20251203_001-20251204.log", "a-20251203_001", 2025, 12, 4, 0,
	  false },
	{ "app_-20251203.log", "app_", 2025, 12, 3, 0, false },
};

static const char *const invalid_names[] = {
	"errors-20251332.log",		/* month 13 */
	"errors-20251200.log",		/* month 0 */
	"errors-20251131.log",		/* 31 November */
	"errors-20230229.log",		/* not a leap year */
	"errors-19000229.log",		/* century, not a leap year */
	"errors-20251203_1.log",	/* seq of one digit */
	"errors-20251203_01.log",	/* seq of two digits */
	"errors-20251203_.log",		/* empty seq */
	"errors-20251203_99999999999.log", /* seq beyond INT_MAX */
	"aura-api-20251203",		/* no .log */
	"aura-api-20251203.txt",
	"aura-api-20251203.log.bz2",
	"aura-api-20251203.gz",
	"aura-api-2025123.log",		/* 7-digit date */
	"aura-api-202512031.log",	/* 9-digit date */
	"aura-api20251203.log",		/* no "-" before the date */
	"-20251203.log",		/* empty family */
	"sp ace-20251203.log",		/* space in family */
	"a/b-20251203.log",		/* directory part */
	"errors-2025120a.log",
	"",
	".log",
};

static void
test_logname__valid_names(void **state)
{
	struct lt_logname out;

	(void)state;
	for (size_t i = 0; i < sizeof(valid_cases) / sizeof(*valid_cases);
	    i++) {
		const struct valid_case *c = &valid_cases[i];

		if (!lt_logname_parse(c->name, &out))
			fail_msg("rejected '%s'", c->name);
		assert_string_equal(out.family, c->family);
		assert_int_equal(out.year, c->year);
		assert_int_equal(out.month, c->month);
		assert_int_equal(out.day, c->day);
		assert_int_equal(out.seq, c->seq);
		assert_int_equal(out.compressed, c->compressed);
	}
}

static void
test_logname__invalid_names(void **state)
{
	struct lt_logname out;

	(void)state;
	for (size_t i = 0; i < sizeof(invalid_names) / sizeof(*invalid_names);
	    i++) {
		if (lt_logname_parse(invalid_names[i], &out))
			fail_msg("accepted '%s'", invalid_names[i]);
	}
}

static void
test_logname__failure_keeps_output(void **state)
{
	struct lt_logname out;

	(void)state;
	memset(&out, 0x5a, sizeof(out));
	assert_false(lt_logname_parse("errors-20251332.log", &out));
	assert_int_equal(out.year, 0x5a5a5a5a);
}

static void
test_logname__family_max_length(void **state)
{
	char name[LT_FAMILY_MAX + 32];
	struct lt_logname out;

	(void)state;
	memset(name, 'f', LT_FAMILY_MAX - 1);
	strcpy(name + LT_FAMILY_MAX - 1, "-20251203.log");
	assert_true(lt_logname_parse(name, &out));
	assert_int_equal(strlen(out.family), LT_FAMILY_MAX - 1);

	memset(name, 'f', LT_FAMILY_MAX);
	strcpy(name + LT_FAMILY_MAX, "-20251203.log");
	assert_false(lt_logname_parse(name, &out));
}

static void
test_logname__default_families(void **state)
{
	static const char *const expected[] = {
		"aura-api", "errors", "warnings", "performance", "audit",
	};
	size_t n = sizeof(expected) / sizeof(*expected);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		assert_non_null(lt_default_families[i]);
		assert_string_equal(lt_default_families[i], expected[i]);
	}
	assert_null(lt_default_families[n]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logname__valid_names),
		cmocka_unit_test(test_logname__invalid_names),
		cmocka_unit_test(test_logname__failure_keeps_output),
		cmocka_unit_test(test_logname__family_max_length),
		cmocka_unit_test(test_logname__default_families),
	};

	return cmocka_run_group_tests_name("logname", tests, NULL, NULL);
}
