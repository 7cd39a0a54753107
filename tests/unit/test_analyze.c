/* Unit tests for the arithmetic of analyze: windows, severities,
 * percentiles, burn-rate rules, path names and deduplication. */
#include <sys/stat.h>

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyze/analyze.h"
#include "analyze/options.h"
#include "error.h"
#include "record.h"

#define MIN_MS	60000LL
#define T0	1735689600000LL		/* 2025-01-01T00:00:00Z */

static void
options(struct an_options *o, int64_t window, int64_t step)
{
	an_options_init(o);
	o->window_ms = window;
	o->step_ms = step;
	o->base_ms = an_gcd(an_gcd(window, step), MIN_MS);
}

/* Adds n requests at time ts, of which failed failed. */
static void
add(struct an_data *d, int64_t ts, uint64_t n, uint64_t failed)
{
	struct an_bucket *b = an_data_bucket(d, ts);

	assert_non_null(b);
	b->requests += n;
	b->errors += failed;
	b->entries += n;
	d->requests += n;
	d->errors += failed;
	d->request_lines += n;
	d->entries += n;
}

static void
test_analyze__floor_div(void **state)
{
	(void)state;
	assert_int_equal(an_floor_div(7, 5), 1);
	assert_int_equal(an_floor_div(-1, 5), -1);
	assert_int_equal(an_floor_div(-5, 5), -1);
	assert_int_equal(an_floor_div(-6, 5), -2);
	assert_int_equal(an_gcd(300000, 60000), 60000);
	assert_int_equal(an_gcd(90000, 60000), 30000);
}

/* Tumbling 5-minute windows: edges are half-open, and the empty windows
 * between records are present with zero requests. */
static void
test_analyze__tumbling_edges(void **state)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;

	(void)state;
	options(&o, 5 * MIN_MS, 5 * MIN_MS);
	an_data_init(&d, o.base_ms);
	add(&d, T0 + 20 * MIN_MS, 1, 0);
	add(&d, T0, 1, 0);
	add(&d, T0 + 5 * MIN_MS - 1, 1, 1);
	add(&d, T0 + 5 * MIN_MS, 1, 0);
	assert_int_equal(an_result_build(&r, &o, &d), 0);
	assert_int_equal(r.nwindows, 5);
	assert_int_equal(r.windows[0].start, T0);
	assert_int_equal(r.windows[0].end, T0 + 5 * MIN_MS);
	assert_int_equal(r.windows[0].requests, 2);
	assert_int_equal(r.windows[0].errors, 1);
	assert_true(fabs(r.windows[0].rate - 0.5) < 1e-12);
	assert_int_equal(r.windows[1].requests, 1);
	assert_int_equal(r.windows[2].requests, 0);
	assert_true(isnan(r.windows[2].rate));
	assert_int_equal(r.windows[2].severity, AN_SEV_NONE);
	assert_int_equal(r.windows[3].requests, 0);
	assert_int_equal(r.windows[4].start, T0 + 20 * MIN_MS);
	assert_int_equal(r.windows[4].requests, 1);
	an_result_free(&r);
	an_data_free(&d);
}

/* Sliding 10-minute windows every 5 minutes start at multiples of the
 * step, from the first record's step to the last record's. */
static void
test_analyze__sliding_windows(void **state)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;

	(void)state;
	options(&o, 10 * MIN_MS, 5 * MIN_MS);
	an_data_init(&d, o.base_ms);
	add(&d, T0 + 2 * MIN_MS, 2, 0);
	add(&d, T0 + 7 * MIN_MS, 1, 1);
	add(&d, T0 + 17 * MIN_MS, 1, 0);
	assert_int_equal(an_result_build(&r, &o, &d), 0);
	assert_int_equal(r.nwindows, 4);
	assert_int_equal(r.windows[0].start, T0);
	assert_int_equal(r.windows[0].end, T0 + 10 * MIN_MS);
	assert_int_equal(r.windows[0].requests, 3);
	assert_int_equal(r.windows[0].errors, 1);
	assert_int_equal(r.windows[1].start, T0 + 5 * MIN_MS);
	assert_int_equal(r.windows[1].requests, 1);
	assert_int_equal(r.windows[2].requests, 1);
	assert_int_equal(r.windows[3].start, T0 + 15 * MIN_MS);
	assert_int_equal(r.windows[3].requests, 1);
	an_result_free(&r);
	an_data_free(&d);
}

/* A window that does not start on a minute boundary (90 s step). */
static void
test_analyze__sub_minute_step(void **state)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;

	(void)state;
	options(&o, 90000, 90000);
	assert_int_equal(o.base_ms, 30000);
	an_data_init(&d, o.base_ms);
	add(&d, T0 + 89999, 1, 0);
	add(&d, T0 + 90000, 1, 0);
	assert_int_equal(an_result_build(&r, &o, &d), 0);
	assert_int_equal(r.nwindows, 2);
	assert_int_equal(r.windows[0].requests, 1);
	assert_int_equal(r.windows[1].start, T0 + 90000);
	assert_int_equal(r.windows[1].requests, 1);
	an_result_free(&r);
	an_data_free(&d);
}

static void
test_analyze__severity_thresholds(void **state)
{
	struct an_options o;

	(void)state;
	an_options_init(&o);
	assert_int_equal(an_classify(&o, 19, 19), AN_SEV_NONE);
	assert_int_equal(an_classify(&o, 20, 20), AN_SEV_1);
	assert_int_equal(an_classify(&o, 20, 2), AN_SEV_2);
	assert_int_equal(an_classify(&o, 100, 6), AN_SEV_2);
	assert_int_equal(an_classify(&o, 100, 5), AN_SEV_3);
	assert_int_equal(an_classify(&o, 100, 2), AN_SEV_3);
	assert_int_equal(an_classify(&o, 100, 1), AN_SEV_NONE);
	assert_int_equal(an_classify(&o, 0, 0), AN_SEV_NONE);
	o.min_requests = 0;
	assert_int_equal(an_classify(&o, 1, 1), AN_SEV_1);
	assert_int_equal(an_classify(&o, 0, 0), AN_SEV_NONE);
}

/* The minimum-volume guard applies to windows, not to the whole input. */
static void
test_analyze__min_requests_guard(void **state)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;

	(void)state;
	options(&o, 5 * MIN_MS, 5 * MIN_MS);
	an_data_init(&d, o.base_ms);
	add(&d, T0, 19, 10);
	add(&d, T0 + 5 * MIN_MS, 20, 2);
	assert_int_equal(an_result_build(&r, &o, &d), 0);
	assert_int_equal(r.windows[0].severity, AN_SEV_NONE);
	assert_int_equal(r.windows[1].severity, AN_SEV_2);
	assert_int_equal(r.flagged, 1);
	an_result_free(&r);
	an_data_free(&d);
}

static void
test_analyze__percentiles(void **state)
{
	double v[100];
	struct an_window w;

	(void)state;
	for (int i = 0; i < 100; i++)
		v[i] = 100 - i;
	an_latency_fill(&w, v, 10, 2000);
	/* the first ten values, 100..91, sorted: 91..100 */
	assert_true(w.p50 == 95);
	assert_true(w.p95 == 100);
	assert_true(w.p99 == 100);
	assert_true(w.max == 100);
	for (int i = 0; i < 100; i++)
		v[i] = 100 - i;
	an_latency_fill(&w, v, 100, 94);
	assert_true(w.p50 == 50);
	assert_true(w.p95 == 95);
	assert_true(w.p99 == 99);
	assert_true(w.max == 100);
	assert_true(w.slow);
	for (int i = 0; i < 20; i++)
		v[i] = i + 1;
	assert_true(an_percentile(v, 20, 95) == 19);
	assert_true(an_percentile(v, 1, 50) == 1);
	assert_true(isnan(an_percentile(v, 0, 50)));
	an_latency_fill(&w, v, 0, 1);
	assert_true(isnan(w.p95));
	assert_false(w.slow);
}

static int
compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Quickselect agrees with sorting on many sizes, with repeated values. */
static void
test_analyze__percentiles_match_sort(void **state)
{
	static double v[1000], sorted[1000];
	uint32_t seed = 12345;
	struct an_window w;

	(void)state;
	for (size_t n = 1; n <= 1000; n += n < 40 ? 1 : 37) {
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			v[i] = (double)((seed >> 16) % 50);
			sorted[i] = v[i];
		}
		qsort(sorted, n, sizeof(double), compare_doubles);
		an_latency_fill(&w, v, n, 1e9);
		assert_true(w.p50 == an_percentile(sorted, n, 50));
		assert_true(w.p95 == an_percentile(sorted, n, 95));
		assert_true(w.p99 == an_percentile(sorted, n, 99));
		assert_true(w.max == sorted[n - 1]);
	}
}

/* A window with more than buffer_size / 8 durations gets percentiles from
 * a histogram: within 0.5% of the exact ones, the maximum exact. */
static void
test_analyze__latency_histogram(void **state)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;
	struct an_bucket *b;

	(void)state;
	options(&o, 5 * MIN_MS, 5 * MIN_MS);
	o.buffer_size = 5000 * sizeof(double);
	an_data_init(&d, o.base_ms);
	add(&d, T0, 5000, 0);
	b = an_data_bucket(&d, T0);
	for (int i = 5000; i >= 1; i--)
		assert_int_equal(an_spool_add(&d, b, i), 0);
	b = an_data_bucket(&d, T0 + MIN_MS);
	assert_int_equal(an_spool_add(&d, b, 7), 0);
	assert_int_equal(an_result_build(&r, &o, &d), 0);
	assert_int_equal(r.windows[0].nlatency, 5001);
	assert_false(r.windows[0].latency_exact);
	assert_true(fabs(r.windows[0].p50 - 2500) <= 2500 * 0.005);
	assert_true(fabs(r.windows[0].p95 - 4751) <= 4751 * 0.005);
	assert_true(fabs(r.windows[0].p99 - 4951) <= 4951 * 0.005);
	assert_true(r.windows[0].max == 5000);
	an_result_free(&r);
	an_data_free(&d);
}

/*
 * Sliding windows past the exact limit share one histogram that moves
 * along the series: every window's percentiles stay within 0.5% of the
 * exact ones computed here by sorting, and its maximum is exact. Minute
 * m has the 50 durations (m + 1) * 10 + j * 0.7 for j = 0..49, minute 4
 * has none, and window k covers the minutes k to k + 2.
 */
static void
test_analyze__sliding_histogram(void **state)
{
	static double v[200];
	struct an_options o;
	struct an_data d;
	struct an_result r;

	(void)state;
	options(&o, 3 * MIN_MS, MIN_MS);
	o.buffer_size = 10 * AN_EXACT_SHARE;
	an_data_init(&d, o.base_ms);
	for (int m = 0; m < 10; m++) {
		struct an_bucket *b = an_data_bucket(&d, T0 + m * MIN_MS);

		b->requests++;
		for (int j = 0; m != 4 && j < 50; j++)
			assert_int_equal(an_spool_add(&d, b,
			    (m + 1) * 10 + j * 0.7), 0);
	}
	assert_int_equal(an_result_build(&r, &o, &d), 0);
	assert_int_equal(r.nwindows, 10);
	for (size_t k = 0; k < r.nwindows; k++) {
		const struct an_window *w = &r.windows[k];
		size_t n = 0;

		for (int m = (int)k; m < (int)k + 3 && m < 10; m++)
			for (int j = 0; m != 4 && j < 50; j++)
				v[n++] = (m + 1) * 10 + j * 0.7;
		qsort(v, n, sizeof(double), compare_doubles);
		assert_int_equal(w->nlatency, n);
		assert_false(w->latency_exact);
		assert_true(fabs(w->p50 - an_percentile(v, n, 50)) <=
		    an_percentile(v, n, 50) * 0.005);
		assert_true(fabs(w->p95 - an_percentile(v, n, 95)) <=
		    an_percentile(v, n, 95) * 0.005);
		assert_true(fabs(w->p99 - an_percentile(v, n, 99)) <=
		    an_percentile(v, n, 99) * 0.005);
		assert_true(w->max == v[n - 1]);
	}
	an_result_free(&r);
	an_data_free(&d);
}

/*
 * Durations of interleaved buckets, more than one staging array and more
 * than the spool's memory budget, come back exactly from the temporary
 * file: minute 0 has the odd values 1..39999, minute 1 the even values
 * 2..40000, so window 0 has 1..40000 and window 1 only minute 2's 7.
 */
static void
test_analyze__spool_file_exact(void **state)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;

	(void)state;
	options(&o, 2 * MIN_MS, 2 * MIN_MS);
	an_data_init(&d, o.base_ms);
	d.spool.budget = 1000;
	for (int i = 1; i <= 40000; i++) {
		struct an_bucket *b = an_data_bucket(&d, T0 + (i % 2 == 0) *
		    MIN_MS);

		assert_non_null(b);
		assert_int_equal(an_spool_add(&d, b, i), 0);
	}
	assert_int_equal(an_spool_add(&d, an_data_bucket(&d, T0 + 2 * MIN_MS),
	    7), 0);
	assert_int_equal(an_result_build(&r, &o, &d), 0);
	assert_int_not_equal(d.spool.fd, -1);
	assert_null(d.spool.mem);
	assert_int_equal(r.nwindows, 2);
	assert_int_equal(r.windows[0].nlatency, 40000);
	assert_true(r.windows[0].latency_exact);
	assert_true(r.windows[0].p50 == 20000);
	assert_true(r.windows[0].p95 == 38000);
	assert_true(r.windows[0].p99 == 39600);
	assert_true(r.windows[0].max == 40000);
	assert_int_equal(r.windows[1].nlatency, 1);
	assert_true(r.windows[1].p50 == 7);
	assert_true(r.windows[1].max == 7);
	an_result_free(&r);
	an_data_free(&d);
}

/* Without a writable TMPDIR, durations beyond the budget are an error
 * that names the folder. */
static void
test_analyze__spool_tmpdir_missing(void **state)
{
	const char *old = getenv("TMPDIR");
	char *saved = old != NULL ? strdup(old) : NULL;
	struct an_options o;
	struct an_data d;
	struct an_result r;
	int rc;

	(void)state;
	options(&o, 5 * MIN_MS, 5 * MIN_MS);
	an_data_init(&d, o.base_ms);
	d.spool.budget = 0;
	setenv("TMPDIR", "/nonexistent/logtool-test", 1);
	assert_int_equal(an_spool_add(&d, an_data_bucket(&d, T0), 5), 0);
	rc = an_result_build(&r, &o, &d);
	if (saved != NULL)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(lt_error(), "cannot create a temporary file"));
	assert_non_null(strstr(lt_error(), "/nonexistent/logtool-test"));
	an_result_free(&r);
	an_data_free(&d);
}

/* Records ten years apart make an_data_fit() merge one-minute buckets
 * into two-minute ones (the shortest that fit), and the merged bucket
 * keeps the durations of both. */
static void
test_analyze__spool_merge(void **state)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;
	struct an_bucket *b;

	(void)state;
	options(&o, 60 * MIN_MS, 60 * MIN_MS);
	an_data_init(&d, o.base_ms);
	d.spool.budget = 0;
	add(&d, T0, 3, 0);
	b = an_data_bucket(&d, T0);
	for (int i = 1; i <= 3; i++)
		assert_int_equal(an_spool_add(&d, b, i), 0);
	add(&d, T0 + MIN_MS, 2, 0);
	b = an_data_bucket(&d, T0 + MIN_MS);
	assert_int_equal(an_spool_add(&d, b, 5), 0);
	assert_int_equal(an_spool_add(&d, b, 4), 0);
	add(&d, T0 + 3650 * 1440 * MIN_MS, 1, 0);
	assert_int_equal(an_data_fit(&d, &o), 0);
	assert_int_equal(o.base_ms, 2 * MIN_MS);
	assert_int_equal(an_result_build(&r, &o, &d), 0);
	assert_int_equal(r.windows[0].requests, 5);
	assert_int_equal(r.windows[0].nlatency, 5);
	assert_true(r.windows[0].p50 == 3);
	assert_true(r.windows[0].p95 == 5);
	assert_true(r.windows[0].max == 5);
	an_result_free(&r);
	an_data_free(&d);
}

/* 100 requests a minute for 90 minutes, 10 of them failed in each of the
 * minutes 60-69. With SLO 99.9 (budget 0.1%), the hand-computed firing
 * spans are: 1h/5m from minute 69 to 74 (first when 90 of the last 6000
 * failed, 1.5%), 6h/30m from 64 to 90 (40 of 6400, 0.625%, first passes
 * 0.6%), 3d/6h from 61 to 90. */
static void
test_analyze__burn_rate_rules(void **state)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;

	(void)state;
	options(&o, 5 * MIN_MS, 5 * MIN_MS);
	o.slo = 99.9;
	an_data_init(&d, o.base_ms);
	for (int m = 0; m < 90; m++)
		add(&d, T0 + m * MIN_MS, 100, m >= 60 && m < 70 ? 10 : 0);
	assert_int_equal(an_result_build(&r, &o, &d), 0);
	/* 90 minutes of data cover only the 1h rule's long window, from
	 * minute 60 on; the 6h and 3d rules are not evaluated. */
	assert_int_equal(r.nfirings, 1);
	assert_ptr_equal(r.firings[0].rule, &an_rules[0]);
	assert_int_equal(r.firings[0].start, T0 + 69 * MIN_MS);
	assert_int_equal(r.firings[0].end, T0 + 74 * MIN_MS);
	assert_int_equal(r.burn_from, T0);
	assert_int_equal(r.burn_to, T0 + 90 * MIN_MS);
	an_result_free(&r);
	an_data_free(&d);
}

static void
check_path(const char *in, const char *expected)
{
	char out[256];

	an_path_normalize(in, strlen(in), out, sizeof(out));
	assert_string_equal(out, expected);
}

static void
test_analyze__path_normalize(void **state)
{
	char out[64];

	(void)state;
	check_path("/api/jobs/42", "/api/jobs/{id}");
	check_path("/api/jobs/42/items/3f2504e0-4f89-11d3-9a0c-0305e82c3301"
	    "?x=1", "/api/jobs/{id}/items/{id}");
	check_path("/api/blob/{3F2504E0-4F89-11D3-9A0C-0305E82C3301}",
	    "/api/blob/{id}");
	check_path("/api/render/5f3a9c0d11ee", "/api/render/{id}");
	check_path("/api/render/deadbeef", "/api/render/deadbeef");
	check_path("/api/v2/projects", "/api/v2/projects");
	check_path("http://localhost:44300/api/abp/x?y=2", "/api/abp/x");
	check_path("", "/");
	check_path("/a b/7", "/a b/{id}");
	check_path("/api/v1/Orders/view-my-order/ipNX869638",
	    "/api/v1/Orders/view-my-order/{id}");
	check_path("/api/oauth2/v1", "/api/oauth2/v1");
	assert_int_equal(an_exception_type("System.IO.FileNotFoundException: "
	    "Could not find\n   at X", 48, out, sizeof(out)), 31);
	assert_string_equal(out, "System.IO.FileNotFoundException");
	an_exception_type("\n Npgsql.PostgresException (0x80004005): 23505",
	    46, out, sizeof(out));
	assert_string_equal(out, "Npgsql.PostgresException");
	an_exception_type("INSERT INTO \"Users\" (\"Id\")\nVALUES (@p0);\n"
	    "Microsoft.EntityFrameworkCore.DbUpdateException: failed", 96,
	    out, sizeof(out));
	assert_string_equal(out,
	    "Microsoft.EntityFrameworkCore.DbUpdateException");
	assert_int_equal(an_exception_type("just text", 9, out, sizeof(out)),
	    0);
}

static void
test_analyze__health_excluded(void **state)
{
	struct an_options o;
	char *globs[] = { "/metrics*" };

	(void)state;
	an_options_init(&o);
	assert_true(an_path_excluded(&o, "/health"));
	assert_true(an_path_excluded(&o, "/healthz/ready"));
	assert_true(an_path_excluded(&o, "/api/health/live"));
	assert_false(an_path_excluded(&o, "/api/jobs"));
	assert_false(an_path_excluded(&o, "/metrics"));
	o.excludes = globs;
	o.nexcludes = 1;
	assert_true(an_path_excluded(&o, "/metrics/x"));
	o.include_health = true;
	assert_false(an_path_excluded(&o, "/health"));
}

/* Checks an_excluder_match() against an_path_excluded() on the bare path,
 * the definition it must agree with. */
static void
check_excluder(const struct an_options *o, const char *path, size_t len)
{
	struct an_excluder x;
	char bare[AN_PATH_MAX];

	assert_int_equal(an_excluder_init(&x, o), 0);
	an_path_bare(path, len, bare, sizeof(bare));
	if (an_excluder_match(&x, path, len) != an_path_excluded(o, bare))
		fail_msg("path '%.*s' differs", (int)len, path);
	an_excluder_free(&x);
}

/* Prefix patterns, each compared with an_path_excluded(). The cases: an
 * empty prefix, a prefix equal to the path, a path one byte short, a
 * query, fragment or NUL inside the prefix, an origin, and a '#' in the
 * prefix. Also prefixes that cover others and prefixes around the size
 * of the bare path buffer. */
static void
test_analyze__excluder_prefix_edges(void **state)
{
	static const char *const paths[] = {
		"", "/", "/health", "/healt", "/health/x", "/healthz",
		"/heal?th", "/heal#th", "/health?x", "http://h/health",
		"http://h", "https://h:1/api/health/x", "/api/healt",
		"/a#b/c", "/a#b", "/API/health", "/x/health", "/metrics",
		"/metrics/1", "/jobs/7/x", "/jobs/",
	};
	static char *const globs[] = {
		"*", "/health", "/a#b*", "/jobs/?*", "/metrics*", "/x/*",
		"[/]health*", "/he\\alth*", "",
	};
	static char *const overlapping[] = {
		"/jobs/x*", "/api/*", "/jobs/*", "/api/*", "/jobs/7*",
	};
	struct an_options o;
	char nul_path[] = "/hea\0lth";
	char *long_glob[1];
	static char long_path[AN_PATH_MAX + 8];

	(void)state;
	an_options_init(&o);
	for (size_t g = 0; g <= sizeof(globs) / sizeof(globs[0]); g++) {
		o.excludes = g > 0 ? (char **)&globs[g - 1] : NULL;
		o.nexcludes = g > 0;
		for (int health = 0; health < 2; health++) {
			o.include_health = health;
			for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]);
			    i++)
				check_excluder(&o, paths[i], strlen(paths[i]));
			check_excluder(&o, nul_path, sizeof(nul_path) - 1);
		}
	}
	o.excludes = (char **)overlapping;
	o.nexcludes = sizeof(overlapping) / sizeof(overlapping[0]);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		check_excluder(&o, paths[i], strlen(paths[i]));
	memset(long_path, 'a', sizeof(long_path));
	long_path[0] = '/';
	long_glob[0] = malloc(AN_PATH_MAX + 3);
	assert_non_null(long_glob[0]);
	o.excludes = long_glob;
	o.nexcludes = 1;
	for (size_t n = AN_PATH_MAX - 3; n <= AN_PATH_MAX + 1; n++) {
		memcpy(long_glob[0], long_path, n);
		long_glob[0][n] = '*';
		long_glob[0][n + 1] = '\0';
		for (size_t len = n - 1; len <= n + 2; len++)
			check_excluder(&o, long_path, len);
	}
	free(long_glob[0]);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

#define LINE_OK "2025-01-01 00:01:00.000 +00:00 [INF] HTTP GET /api/a " \
	"responded 200 in 10.0 ms\n"
#define LINE_500 "2025-01-01 00:02:00.000 +00:00 [ERR] HTTP GET /api/b/7 " \
	"responded 500 in 30.0 ms\nSystem.TimeoutException: slow\n"
#define LINE_WRN "2025-01-01 00:03:00.000 +00:00 [WRN] Retrying\n"

/* The errors sink repeats the main sink's ERR events: they count once.
 * Two equal warnings within one file are two events. */
static void
test_analyze__dedup_across_files(void **state)
{
	char dir[] = "/tmp/test_analyze.XXXXXX", main_log[64], errors[64];
	char *paths[2] = { main_log, errors };
	struct an_options o;
	struct an_data d;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(main_log, sizeof(main_log), "%s/main.log", dir);
	snprintf(errors, sizeof(errors), "%s/errors.log", dir);
	write_file(main_log, LINE_OK LINE_500 LINE_WRN LINE_WRN);
	write_file(errors, LINE_500 LINE_WRN);
	options(&o, 5 * MIN_MS, 5 * MIN_MS);
	an_data_init(&d, o.base_ms);
	assert_int_equal(an_feed_files(&d, &o, paths, 2), 0);
	assert_int_equal(d.requests, 2);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.entries, 4);
	assert_int_equal(d.err_entries, 1);
	assert_int_equal(d.duplicates, 2);
	assert_int_equal(d.strings.len, 2);
	an_data_free(&d);
	unlink(main_log);
	unlink(errors);
	rmdir(dir);
}

#define LINE_WRN2 "2025-01-01 00:04:00.000 +00:00 [WRN] Retrying again\n"

/* The last operand's keys are only looked up, not stored. Repeats still
 * count once in a folder and in either order of two files, and equal
 * warnings within the last file count each time. */
static void
test_analyze__dedup_last_operand(void **state)
{
	char dir[] = "/tmp/test_analyze.XXXXXX", sub[64], first[128];
	char second[128], third[128];
	char *folder[1] = { sub }, *files[2] = { first, third };
	struct an_options o;
	struct an_data d;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/logs", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(first, sizeof(first), "%s/aura-api-20250101.log", sub);
	snprintf(second, sizeof(second), "%s/errors-20250101.log", sub);
	snprintf(third, sizeof(third), "%s/other.log", dir);
	write_file(first, LINE_OK LINE_500 LINE_WRN);
	write_file(second, LINE_500 LINE_WRN);
	write_file(third, LINE_500 LINE_WRN2 LINE_WRN2);
	options(&o, 5 * MIN_MS, 5 * MIN_MS);

	an_data_init(&d, o.base_ms);
	assert_int_equal(an_feed_files(&d, &o, folder, 1), 0);
	assert_int_equal(d.entries, 3);
	assert_int_equal(d.duplicates, 2);
	an_data_free(&d);

	an_data_init(&d, o.base_ms);
	assert_int_equal(an_feed_files(&d, &o, files, 2), 0);
	assert_int_equal(d.entries, 5);
	assert_int_equal(d.duplicates, 1);
	an_data_free(&d);

	files[0] = third;
	files[1] = first;
	an_data_init(&d, o.base_ms);
	assert_int_equal(an_feed_files(&d, &o, files, 2), 0);
	assert_int_equal(d.entries, 5);
	assert_int_equal(d.duplicates, 1);
	an_data_free(&d);

	unlink(first);
	unlink(second);
	unlink(third);
	rmdir(sub);
	rmdir(dir);
}

/* Returns the entries counted in the bucket that contains ts. */
static uint64_t
entries_at(struct an_data *d, int64_t ts)
{
	struct an_bucket *b = an_data_bucket(d, ts);

	assert_non_null(b);
	return b->entries;
}

/* Records on both sides of bucket edges, before 1970 too, and back in
 * an earlier bucket, each count in the bucket of its own time. */
static void
test_analyze__bucket_edges(void **state)
{
	char dir[] = "/tmp/test_analyze.XXXXXX", log[64];
	char *paths[1] = { log };
	struct an_options o;
	struct an_data d;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(log, sizeof(log), "%s/edges.log", dir);
	write_file(log,
	    "2025-01-01 00:04:59.999 +00:00 [INF] a\n"
	    "2025-01-01 00:05:00.000 +00:00 [INF] b\n"
	    "2025-01-01 00:09:59.999 +00:00 [INF] c\n"
	    "2025-01-01 00:04:59.999 +00:00 [INF] d\n"
	    "2025-01-01 00:10:00.000 +00:00 [INF] e\n"
	    "1969-12-31 23:59:59.999 +00:00 [INF] f\n"
	    "1970-01-01 00:00:00.000 +00:00 [INF] g\n"
	    "1969-12-31 23:55:00.000 +00:00 [INF] h\n"
	    "1969-12-31 23:54:59.999 +00:00 [INF] i\n");
	options(&o, 5 * MIN_MS, 5 * MIN_MS);
	an_data_init(&d, o.base_ms);
	assert_int_equal(an_feed_files(&d, &o, paths, 1), 0);
	assert_int_equal(d.entries, 9);
	assert_int_equal(d.base_ms, MIN_MS);
	assert_int_equal(entries_at(&d, T0 + 5 * MIN_MS - 1), 2);
	assert_int_equal(entries_at(&d, T0 + 5 * MIN_MS), 1);
	assert_int_equal(entries_at(&d, T0 + 10 * MIN_MS - 1), 1);
	assert_int_equal(entries_at(&d, T0 + 10 * MIN_MS), 1);
	assert_int_equal(entries_at(&d, -1), 1);
	assert_int_equal(entries_at(&d, 0), 1);
	assert_int_equal(entries_at(&d, -5 * MIN_MS), 1);
	assert_int_equal(entries_at(&d, -5 * MIN_MS - 1), 1);
	an_data_free(&d);
	unlink(log);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_analyze__floor_div),
		cmocka_unit_test(test_analyze__tumbling_edges),
		cmocka_unit_test(test_analyze__sliding_windows),
		cmocka_unit_test(test_analyze__sub_minute_step),
		cmocka_unit_test(test_analyze__severity_thresholds),
		cmocka_unit_test(test_analyze__min_requests_guard),
		cmocka_unit_test(test_analyze__percentiles),
		cmocka_unit_test(test_analyze__percentiles_match_sort),
		cmocka_unit_test(test_analyze__latency_histogram),
		cmocka_unit_test(test_analyze__sliding_histogram),
		cmocka_unit_test(test_analyze__spool_file_exact),
		cmocka_unit_test(test_analyze__spool_tmpdir_missing),
		cmocka_unit_test(test_analyze__spool_merge),
		cmocka_unit_test(test_analyze__burn_rate_rules),
		cmocka_unit_test(test_analyze__path_normalize),
		cmocka_unit_test(test_analyze__health_excluded),
		cmocka_unit_test(test_analyze__excluder_prefix_edges),
		cmocka_unit_test(test_analyze__dedup_across_files),
		cmocka_unit_test(test_analyze__dedup_last_operand),
		cmocka_unit_test(test_analyze__bucket_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
