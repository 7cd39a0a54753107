/* Formatting shared by the output formats, the chart and the report. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "analyze.h"

/* Formats ms as "2025-12-03T14:05:00Z", with ".123" before the Z when
 * the time has milliseconds. */
void
an_format_time(int64_t ms, char out[32])
{
	time_t secs = (time_t)an_floor_div(ms, 1000);
	int frac = (int)(ms - (int64_t)secs * 1000);
	struct tm tm;

	if (gmtime_r(&secs, &tm) == NULL) {
		snprintf(out, 32, "%" PRId64, ms);
		return;
	}
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	if (frac != 0)
		snprintf(out + strlen(out), 32 - strlen(out), ".%03d", frac);
	strcat(out, "Z");
}

/* Formats a duration in the largest unit that divides it: "5m", "90s". */
void
an_format_duration(int64_t ms, char out[32])
{
	static const struct { int64_t ms; const char *unit; } units[] = {
		{ 86400000, "d" }, { 3600000, "h" }, { 60000, "m" },
		{ 1000, "s" }, { 1, "ms" },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (ms != 0 && ms % units[i].ms == 0) {
			snprintf(out, 32, "%" PRId64 "%s", ms / units[i].ms,
			    units[i].unit);
			return;
		}
	}
	snprintf(out, 32, "0s");
}

const char *
an_basis_name(enum an_basis basis)
{
	switch (basis) {
	case AN_BASIS_REQUESTS:
		return "requests";
	case AN_BASIS_ENTRIES:
		return "entries";
	default:
		return "auto";
	}
}

/* Writes the exclusion patterns in effect, separated by ", ". */
void
an_print_excludes(FILE *out, const struct an_options *opts)
{
	const char *sep = "";

	for (size_t i = 0; i < opts->nexcludes; i++, sep = ", ")
		fprintf(out, "%s%s", sep, opts->excludes[i]);
	if (opts->include_health)
		return;
	for (size_t i = 0; an_health_globs[i] != NULL; i++, sep = ", ")
		fprintf(out, "%s%s", sep, an_health_globs[i]);
}

/* Writes the basis used (with "(auto)" when --basis auto chose it), the
 * window, the step and the bucket length, as one line. */
void
an_print_basis(FILE *out, const struct an_result *r)
{
	const struct an_options *o = r->opts;
	char win[32], step[32], bucket[32];

	an_format_duration(o->window_ms, win);
	an_format_duration(o->step_ms, step);
	an_format_duration(o->base_ms, bucket);
	fprintf(out, "basis: %s%s; window %s, step %s, buckets of %s\n",
	    an_basis_name(r->basis),
	    o->basis == AN_BASIS_AUTO ? " (auto)" : "", win, step, bucket);
}

/* Returns the number of windows whose percentiles come from a
 * histogram. */
size_t
an_inexact_windows(const struct an_result *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nwindows; i++)
		n += !r->windows[i].latency_exact;
	return n;
}
