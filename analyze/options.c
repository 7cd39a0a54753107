/*
 * The options that analyze and report share, and their defaults.
 *
 * Values: DUR is a duration such as "5m" or "1h30m" (lt_duration_parse);
 * T is a time (lt_time_parse_arg); PCT is a decimal percentage from 0 to
 * 100; N is a non-negative integer.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "cli.h"
#include "options.h"
#include "record.h"
#include "timeutil.h"

void
an_options_init(struct an_options *o)
{
	memset(o, 0, sizeof(*o));
	o->window_ms = 5 * AN_MINUTE_MS;
	o->since = LT_TS_NONE;
	o->until = LT_TS_NONE;
	o->threshold = 5;
	o->warn_threshold = 1;
	o->min_requests = 20;
	o->p95_ms = 2000;
	o->basis = AN_BASIS_AUTO;
	o->format = AN_FORMAT_TSV;
	o->buffer_size = AN_BUFFER_SIZE;
}

void
an_options_free(struct an_options *o)
{
	free(o->excludes);
	o->excludes = NULL;
}

static int
parse_percent(const char *cmd, const char *option, const char *value,
    double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(value, &end);
	if (errno != 0 || end == value || *end != '\0' || !isfinite(v) ||
	    v < 0 || v > 100) {
		usage_error(cmd, "invalid %s '%s': expected a percentage from "
		    "0 to 100", option, value);
		return -1;
	}
	*out = v;
	return 0;
}

/* An SLO is a percentage strictly between 0 and 100, because its error
 * budget, 100 minus the SLO, must be positive. */
static int
parse_slo(const char *cmd, const char *value, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(value, &end);
	if (errno != 0 || end == value || *end != '\0' || !isfinite(v) ||
	    v <= 0 || v >= 100) {
		usage_error(cmd, "invalid --slo '%s': expected a percentage "
		    "above 0 and below 100", value);
		return -1;
	}
	*out = v;
	return 0;
}

static int
parse_positive(const char *cmd, const char *option, const char *value,
    double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(value, &end);
	if (errno != 0 || end == value || *end != '\0' || !isfinite(v) ||
	    v < 0) {
		usage_error(cmd, "invalid %s '%s': expected a non-negative "
		    "number", option, value);
		return -1;
	}
	*out = v;
	return 0;
}

static int
parse_duration(const char *cmd, const char *option, const char *value,
    int64_t *out)
{
	if (lt_duration_parse(value, out) == -1 || *out <= 0) {
		usage_error(cmd, "invalid %s '%s': expected a positive "
		    "duration such as 5m or 1h", option, value);
		return -1;
	}
	return 0;
}

static int
parse_time(const char *cmd, const char *option, const char *value,
    int64_t *out)
{
	if (lt_time_parse_arg(value, lt_now_ms(), out) == -1) {
		usage_error(cmd, "invalid %s '%s': %s", option, value,
		    lt_error());
		return -1;
	}
	return 0;
}

static int
parse_basis(const char *cmd, const char *value, enum an_basis *out)
{
	if (strcmp(value, "requests") == 0)
		*out = AN_BASIS_REQUESTS;
	else if (strcmp(value, "entries") == 0)
		*out = AN_BASIS_ENTRIES;
	else if (strcmp(value, "auto") == 0)
		*out = AN_BASIS_AUTO;
	else {
		usage_error(cmd, "invalid --basis '%s': expected requests, "
		    "entries or auto", value);
		return -1;
	}
	return 0;
}

static int
parse_format(const char *cmd, const char *value, enum an_format *out)
{
	if (strcmp(value, "text") == 0)
		*out = AN_FORMAT_TEXT;
	else if (strcmp(value, "tsv") == 0)
		*out = AN_FORMAT_TSV;
	else if (strcmp(value, "json") == 0)
		*out = AN_FORMAT_JSON;
	else {
		usage_error(cmd, "invalid --format '%s': expected text, tsv "
		    "or json", value);
		return -1;
	}
	return 0;
}

static int
add_exclude(struct an_options *o, char *glob)
{
	void *p = realloc(o->excludes, (o->nexcludes + 1) * sizeof(char *));

	if (p == NULL)
		return error("cannot allocate patterns: %s", strerror(errno));
	o->excludes = p;
	o->excludes[o->nexcludes++] = glob;
	return 0;
}

/*
 * Applies one shared option (a value from AN_LONG_OPTIONS). Returns 0,
 * or -1 after printing the error.
 */
int
an_options_apply(const char *cmd, struct an_options *o, int opt, char *arg)
{
	long long n;

	switch (opt) {
	case AN_OPT_DB:
		o->db_path = arg;
		return 0;
	case AN_OPT_WINDOW:
		return parse_duration(cmd, "--window", arg, &o->window_ms);
	case AN_OPT_STEP:
		return parse_duration(cmd, "--step", arg, &o->step_ms);
	case AN_OPT_THRESHOLD:
		return parse_percent(cmd, "--threshold", arg, &o->threshold);
	case AN_OPT_WARN:
		o->warn_given = true;
		return parse_percent(cmd, "--warn-threshold", arg,
		    &o->warn_threshold);
	case AN_OPT_MIN:
		if (parse_count(cmd, "--min-requests", arg, INT64_MAX, &n))
			return -1;
		o->min_requests = (uint64_t)n;
		return 0;
	case AN_OPT_SINCE:
		return parse_time(cmd, "--since", arg, &o->since);
	case AN_OPT_UNTIL:
		return parse_time(cmd, "--until", arg, &o->until);
	case AN_OPT_SLO:
		return parse_slo(cmd, arg, &o->slo);
	case AN_OPT_P95:
		return parse_positive(cmd, "--p95-ms", arg, &o->p95_ms);
	case AN_OPT_EXCLUDE:
		return add_exclude(o, arg);
	case AN_OPT_HEALTH:
		o->include_health = true;
		return 0;
	case AN_OPT_BASIS:
		return parse_basis(cmd, arg, &o->basis);
	case AN_OPT_PATTERN:
		o->request_pattern = arg;
		return 0;
	case AN_OPT_FORMAT:
		return parse_format(cmd, arg, &o->format);
	case AN_OPT_SVG:
		o->svg_path = arg;
		return 0;
	case AN_OPT_BUFFER:
		if (parse_size(cmd, "--buffer-size", arg, &n) == -1)
			return -1;
		if ((unsigned long long)n > SIZE_MAX / 2) {
			usage_error(cmd, "invalid --buffer-size '%s': too "
			    "large", arg);
			return -1;
		}
		o->buffer_size = (size_t)n;
		return 0;
	}
	return -1;
}

/* Checks the combination of options and derives the bucket size. Returns
 * 0, or -1 after a usage error. */
int
an_options_finish(const char *cmd, struct an_options *o)
{
	if (o->step_ms == 0)
		o->step_ms = o->window_ms;
	if (o->step_ms > o->window_ms) {
		usage_error(cmd, "--step must not be longer than --window");
		return -1;
	}
	if (o->since != LT_TS_NONE && o->until != LT_TS_NONE &&
	    o->until <= o->since) {
		usage_error(cmd, "--until must be later than --since");
		return -1;
	}
	if (o->warn_threshold > o->threshold && o->warn_given) {
		usage_error(cmd, "--warn-threshold %g must not be above "
		    "--threshold %g", o->warn_threshold, o->threshold);
		return -1;
	}
	/* A --threshold below the default warning threshold disables
	 * SEV-3. */
	if (o->warn_threshold > o->threshold)
		o->warn_threshold = o->threshold;
	o->base_ms = an_gcd(an_gcd(o->window_ms, o->step_ms), AN_MINUTE_MS);
	return 0;
}
