/* Unit tests for rotate's periods, bundle names and /proc scan. */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "rotate/rotate.h"
#include "timeutil.h"

static int64_t
day(int y, int m, int d)
{
	return lt_days_from_civil(y, m, d);
}

static void
assert_period(enum rot_unit unit, int64_t when, const char *key,
    int64_t first, int64_t last)
{
	struct rot_period p;

	rot_period_of(unit, when, &p);
	assert_string_equal(p.key, key);
	assert_int_equal(p.first_day, first);
	assert_int_equal(p.last_day, last);
}

static void
test_rotate__day_period(void **state)
{
	(void)state;
	assert_period(ROT_DAY, day(2025, 12, 3), "20251203",
	    day(2025, 12, 3), day(2025, 12, 3));
	assert_period(ROT_DAY, day(1999, 1, 1), "19990101",
	    day(1999, 1, 1), day(1999, 1, 1));
}

/* ISO 8601 weeks start on Monday; week 1 contains January 4. */
static void
test_rotate__iso_week(void **state)
{
	(void)state;
	assert_period(ROT_WEEK, day(2025, 12, 3), "2025W49",
	    day(2025, 12, 1), day(2025, 12, 7));
	assert_period(ROT_WEEK, day(2025, 12, 7), "2025W49",
	    day(2025, 12, 1), day(2025, 12, 7));
	assert_period(ROT_WEEK, day(2025, 12, 8), "2025W50",
	    day(2025, 12, 8), day(2025, 12, 14));
	/* 2024-12-30 is a Monday in the first week of 2025. */
	assert_period(ROT_WEEK, day(2024, 12, 31), "2025W01",
	    day(2024, 12, 30), day(2025, 1, 5));
	/* 2021-01-03 is a Sunday in the last week of 2020, which has 53. */
	assert_period(ROT_WEEK, day(2021, 1, 3), "2020W53",
	    day(2020, 12, 28), day(2021, 1, 3));
	/* Days before 1970 (negative day numbers) have weekdays too. */
	assert_period(ROT_WEEK, day(1969, 12, 31), "1970W01",
	    day(1969, 12, 29), day(1970, 1, 4));
}

static void
test_rotate__month_period(void **state)
{
	(void)state;
	assert_period(ROT_MONTH, day(2025, 12, 31), "202512",
	    day(2025, 12, 1), day(2025, 12, 31));
	assert_period(ROT_MONTH, day(2024, 2, 10), "202402",
	    day(2024, 2, 1), day(2024, 2, 29));
	assert_period(ROT_MONTH, day(2025, 2, 10), "202502",
	    day(2025, 2, 1), day(2025, 2, 28));
}

static void
test_rotate__bundle_name_roundtrip(void **state)
{
	static const enum rot_unit units[] = { ROT_DAY, ROT_WEEK, ROT_MONTH };
	static const enum rot_codec codecs[] = { ROT_GZIP, ROT_ZSTD,
	    ROT_NONE };
	char name[ROT_NAME_MAX], prefix[ROT_NAME_MAX];
	struct rot_period p, q;
	enum rot_codec codec;

	(void)state;
	for (size_t u = 0; u < 3; u++) {
		for (size_t c = 0; c < 3; c++) {
			rot_period_of(units[u], day(2025, 12, 3), &p);
			rot_bundle_name(ROT_PREFIX_AUDIT, &p, codecs[c], name);
			assert_true(rot_bundle_parse(name, prefix, &q,
			    &codec));
			assert_string_equal(prefix, ROT_PREFIX_AUDIT);
			assert_string_equal(q.key, p.key);
			assert_int_equal(q.unit, p.unit);
			assert_int_equal(q.last_day, p.last_day);
			assert_int_equal(codec, codecs[c]);
		}
	}
	rot_period_of(ROT_DAY, day(2025, 12, 3), &p);
	rot_bundle_name(ROT_PREFIX_LOGS, &p, ROT_GZIP, name);
	assert_string_equal(name, "aura-logs-20251203.tar.gz");
}

static void
test_rotate__bundle_name_invalid(void **state)
{
	static const char *const bad[] = {
		"aura-logs-20251301.tar.gz",	/* month 13 */
		"aura-logs-20250231.tar.gz",	/* February 31 */
		"aura-logs-2025W54.tar.gz",
		"aura-logs-2025W00.tar.gz",
		"aura-logs-2025.tar.gz",
		"aura-logs-20251203.tar.bz2",
		"aura-logs-20251203.zip",
		"aura-logs-.tar.gz",
		"aura-other-20251203.tar.gz",
		".aura-logs-20251203.tar.gz.tmp.123",
		"aura-logs-20251203.tar.gz.tmp.123",
	};
	char prefix[ROT_NAME_MAX];
	struct rot_period p;
	enum rot_codec codec;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		if (rot_bundle_parse(bad[i], prefix, &p, &codec))
			fail_msg("accepted '%s'", bad[i]);
	}
}

static void
test_rotate__temp_names(void **state)
{
	(void)state;
	assert_true(rot_is_temp_name(".aura-logs-20251203.tar.gz.tmp.42"));
	assert_true(rot_is_temp_name(".x.gz.tmp.1"));
	assert_false(rot_is_temp_name("aura-logs-20251203.tar.gz"));
	assert_false(rot_is_temp_name(".aura-logs-20251203.tar.gz.tmp."));
	assert_false(rot_is_temp_name(".aura-logs.tmp.12x"));
	assert_false(rot_is_temp_name(".lock"));
}

static void
test_rotate__today_local(void **state)
{
	const char *old = getenv("TZ");
	/* 2025-12-03T23:30:00Z */
	int64_t ms = (day(2025, 12, 3) * 86400 + 23 * 3600 + 1800) * 1000LL;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(rot_today(ms), day(2025, 12, 3));
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	assert_int_equal(rot_today(ms), day(2025, 12, 4));
	setenv("TZ", "America/New_York", 1);
	tzset();
	assert_int_equal(rot_today(ms), day(2025, 12, 3));
	if (old != NULL)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
}

/* A child holding a file open for appending is seen, by inode. */
static void
test_rotate__scan_open_writer(void **state)
{
	char path[] = "/tmp/test_rotate.XXXXXX";
	struct stat st;
	unsigned bits = 0;
	int fd, pipefd[2];
	pid_t child;
	char c;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(pipe(pipefd), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		int w = open(path, O_WRONLY | O_APPEND);

		(void)!write(pipefd[1], "x", 1);
		pause();
		_exit(w < 0);
	}
	assert_int_equal(read(pipefd[0], &c, 1), 1);
	rot_scan_open(&st, 1, &bits);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	unlink(path);
	close(pipefd[0]);
	close(pipefd[1]);
	assert_true(bits & ROT_OPEN_ANY);
	assert_true(bits & ROT_OPEN_WRITE);
	assert_false(bits & ROT_OPEN_NOAPPEND);
}

static void
add_file(struct rot_selection *sel, const char *name, int64_t when)
{
	struct rot_file *f = &sel->files[sel->count++];

	memset(f, 0, sizeof(*f));
	f->name = strdup(name);
	assert_non_null(f->name);
	assert_true(lt_logname_parse(name, &f->ln));
	f->day = when;
}

static bool
selected(const struct rot_selection *sel, const char *name)
{
	for (size_t i = 0; i < sel->count; i++)
		if (strcmp(sel->files[i].name, name) == 0)
			return true;
	return false;
}

/*
 * Only today's highest sequence stays open, whatever the directory order.
 * In this order, dropping _005 while still scanning the list made _004
 * and then _003 look like the highest.
 */
static void
test_rotate__drop_open_any_order(void **state)
{
	static const char *const names[] = {
		"aura-api-20251204_002.log", "aura-api-20251204_005.log",
		"aura-api-20251204_004.log", "aura-api-20251204_001.log",
		"aura-api-20251204.log", "aura-api-20251204_003.log",
		"errors-20251204.log", "errors-20251203.log",
		"aura-api-20251203_009.log",
	};
	struct rot_file files[9];
	struct rot_selection sel = { files, 0, 9 };
	int64_t today = day(2025, 12, 4);

	(void)state;
	for (size_t i = 0; i < 9; i++)
		add_file(&sel, names[i], i < 7 ? today : today - 1);
	assert_int_equal(rot_drop_open_files(&sel, today), 0);
	assert_int_equal(sel.count, 7);
	assert_false(selected(&sel, "aura-api-20251204_005.log"));
	assert_false(selected(&sel, "errors-20251204.log"));
	assert_true(selected(&sel, "aura-api-20251204_001.log"));
	assert_true(selected(&sel, "aura-api-20251204_002.log"));
	assert_true(selected(&sel, "aura-api-20251204_003.log"));
	assert_true(selected(&sel, "aura-api-20251204_004.log"));
	assert_true(selected(&sel, "aura-api-20251204.log"));
	assert_true(selected(&sel, "errors-20251203.log"));
	assert_true(selected(&sel, "aura-api-20251203_009.log"));
	for (size_t i = 0; i < sel.count; i++)
		free(sel.files[i].name);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rotate__day_period),
		cmocka_unit_test(test_rotate__iso_week),
		cmocka_unit_test(test_rotate__month_period),
		cmocka_unit_test(test_rotate__bundle_name_roundtrip),
		cmocka_unit_test(test_rotate__bundle_name_invalid),
		cmocka_unit_test(test_rotate__temp_names),
		cmocka_unit_test(test_rotate__today_local),
		cmocka_unit_test(test_rotate__scan_open_writer),
		cmocka_unit_test(test_rotate__drop_open_any_order),
	};

	return cmocka_run_group_tests_name("rotate", tests, NULL, NULL);
}
