/*
 * aura-loggen: writes a folder of realistic Aura Video Studio API logs,
 * the same bytes for the same options on every machine.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "timeutil.h"

#define MAX_DAYS	36600
#define MAX_RATE	1e7

static const char usage_text[] =
"usage: aura-loggen [options] DIR\n"
"       aura-loggen [options] --stdout\n"
"\n"
"Writes the log files that Aura Video Studio's API writes with Serilog,\n"
"deterministically: the same options give the same bytes.\n"
"\n"
"  --seed N              seed of the pseudo-random generator (default 1)\n"
"  --start YYYY-MM-DD    first local day (default 2025-12-01)\n"
"  --days N              number of days (default 3)\n"
"  --size SIZE           instead of --days, stop once SIZE bytes are\n"
"                        written in total (such as 500M)\n"
"  --utc-offset +HH:MM   the writer's UTC offset (default +01:00)\n"
"  --rate N              mean requests per minute over a day (default 40);\n"
"                        the rate follows a daily curve, quiet at night\n"
"  --roll-size SIZE      roll a day's file to _001, _002, ... before it\n"
"                        would pass SIZE bytes (default 100M)\n"
"  --incident SPEC       START/DURATION/PERCENT: from the local time\n"
"                        START (YYYY-MM-DDTHH:MM[:SS]) for DURATION (such\n"
"                        as 20m) PERCENT of the requests fail, mostly on\n"
"                        one cause; repeatable; 'none' for no incident\n"
"                        (default: the second day 14:05/20m/12)\n"
"  --families LIST       comma-separated families to write among\n"
"                        aura-api, errors, warnings, performance, audit\n"
"                        (default aura-api,errors)\n"
"  --template NAME       trace, bracketed, default, json or clef\n"
"                        (default trace)\n"
"  --crlf                end lines with CR LF instead of LF\n"
"  --stdout              write the aura-api stream to standard output\n"
"                        and no files (DIR must then be left out)\n"
"  --truth FILE          write per-5-minute UTC request counts as TSV\n"
"                        (columns window_start, requests, failed,\n"
"                        failed_pct, health, p95_ms; requests leave out\n"
"                        health probes and the [CorrelationId: ...] copies)\n"
"  -v, --verbose         print a summary line on standard error\n"
"  -h, --help            print this help and exit\n"
"\n"
"SIZE is a byte count with an optional K, M or G suffix (powers of 1024).\n"
"Files are named family-YYYYMMDD.log after the writer's local date.\n"
"Exit status: 0 success, 1 write failure, 2 usage error.\n";

enum {
	OPT_SEED = 256,
	OPT_START,
	OPT_DAYS,
	OPT_SIZE,
	OPT_OFFSET,
	OPT_RATE,
	OPT_ROLL,
	OPT_INCIDENT,
	OPT_FAMILIES,
	OPT_TEMPLATE,
	OPT_CRLF,
	OPT_STDOUT,
	OPT_TRUTH,
};

static const struct option long_options[] = {
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "start", required_argument, NULL, OPT_START },
	{ "days", required_argument, NULL, OPT_DAYS },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "utc-offset", required_argument, NULL, OPT_OFFSET },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "roll-size", required_argument, NULL, OPT_ROLL },
	{ "incident", required_argument, NULL, OPT_INCIDENT },
	{ "families", required_argument, NULL, OPT_FAMILIES },
	{ "template", required_argument, NULL, OPT_TEMPLATE },
	{ "crlf", no_argument, NULL, OPT_CRLF },
	{ "stdout", no_argument, NULL, OPT_STDOUT },
	{ "truth", required_argument, NULL, OPT_TRUTH },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Options as given, before the incidents are placed in time. */
struct cli {
	struct gen_opts	 gen;
	struct sink_opts sink;
	int		 start_days;	/* local day number of --start */
	const char	*incident_specs[MAX_INCIDENTS];
	int		 nspecs;
	bool		 no_incident;
	bool		 days_given;
	bool		 verbose;
};

static int
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("aura-loggen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'aura-loggen --help'.\n", stderr);
	return 2;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads n digits at *s and moves past them; returns -1 if absent. */
static int
read_digits(const char **s, int n)
{
	int v = 0;

	for (; n > 0; n--, (*s)++) {
		if (!is_digit(**s))
			return -1;
		v = v * 10 + (**s - '0');
	}
	return v;
}

/* 1*DIGIT, at most max; returns -1 when invalid. */
static int
parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (!is_digit(*s) || v > (max - (unsigned)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
	}
	*out = v;
	return 0;
}

/* size = 1*DIGIT [ "K" / "M" / "G" ] (any case), powers of 1024. */
static int
parse_size(const char *s, uint64_t *out)
{
	char digits[32];
	size_t n = strspn(s, "0123456789");
	unsigned long long v;
	int shift = 0;

	if (n == 0 || n >= sizeof(digits))
		return -1;
	switch (s[n]) {
	case '\0':
		break;
	case 'k': case 'K':
		shift = 10;
		break;
	case 'm': case 'M':
		shift = 20;
		break;
	case 'g': case 'G':
		shift = 30;
		break;
	default:
		return -1;
	}
	if (s[n] != '\0' && s[n + 1] != '\0')
		return -1;
	memcpy(digits, s, n);
	digits[n] = '\0';
	if (parse_uint(digits, UINT64_MAX >> 30, &v) < 0 || v == 0)
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

/* date = 4DIGIT "-" 2DIGIT "-" 2DIGIT, a valid calendar date; returns
 * the day number, or INT64_MIN. *s moves past the date. */
static int64_t
parse_date(const char **s)
{
	int y, m, d, y2, m2, d2;
	int64_t days;

	if ((y = read_digits(s, 4)) < 0 || *(*s)++ != '-' ||
	    (m = read_digits(s, 2)) < 1 || m > 12 || *(*s)++ != '-' ||
	    (d = read_digits(s, 2)) < 1)
		return INT64_MIN;
	days = lt_days_from_civil(y, m, d);
	lt_civil_from_days(days, &y2, &m2, &d2);
	if (y2 != y || m2 != m || d2 != d)
		return INT64_MIN;
	return days;
}

/* offset = ("+" / "-") 2DIGIT ":" 2DIGIT, at most 14:00 either way. */
static int
parse_offset(const char *s, int *minutes)
{
	int sign, h, m;

	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if ((h = read_digits(&s, 2)) < 0 || *s++ != ':' ||
	    (m = read_digits(&s, 2)) < 0 || m > 59 || *s != '\0' ||
	    h * 60 + m > 14 * 60)
		return -1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

/*
 * Parses an incident: START "/" DURATION "/" PERCENT, where START is
 * date "T" HH ":" MM [ ":" SS ] in the writer's local time, DURATION is
 * lt_duration_parse()'s grammar and PERCENT a number from 0 to 100.
 */
static int
parse_incident(const char *spec, int offset_min, struct incident *out)
{
	char duration[64], *end;
	const char *s = spec, *slash;
	int64_t days, ms;
	int h, m, sec = 0;
	size_t n;

	if ((days = parse_date(&s)) == INT64_MIN || *s++ != 'T' ||
	    (h = read_digits(&s, 2)) < 0 || h > 23 || *s++ != ':' ||
	    (m = read_digits(&s, 2)) < 0 || m > 59)
		return usage_error("invalid incident start in '%s': expected "
		    "YYYY-MM-DDTHH:MM[:SS]", spec);
	if (*s == ':' && (s++, (sec = read_digits(&s, 2)) < 0 || sec > 59))
		return usage_error("invalid incident start in '%s'", spec);
	if (*s++ != '/' || (slash = strchr(s, '/')) == NULL ||
	    (n = (size_t)(slash - s)) >= sizeof(duration))
		return usage_error("invalid incident '%s': expected "
		    "START/DURATION/PERCENT, such as 2025-12-02T14:05/20m/12",
		    spec);
	memcpy(duration, s, n);
	duration[n] = '\0';
	if (lt_duration_parse(duration, &ms) < 0 || ms <= 0)
		return usage_error("invalid incident duration '%s' in '%s': "
		    "expected a number and a unit, such as 20m", duration,
		    spec);
	out->percent = strtod(slash + 1, &end);
	if (end == slash + 1 || *end != '\0' || !(out->percent >= 0) ||
	    out->percent > 100)
		return usage_error("invalid incident percentage '%s' in '%s': "
		    "expected a number from 0 to 100", slash + 1, spec);
	out->start = days * US_PER_DAY + h * US_PER_HOUR + m * US_PER_MIN +
	    sec * US_PER_SEC - offset_min * US_PER_MIN;
	out->duration = ms * US_PER_MS;
	return 0;
}

static int
parse_families(const char *list, unsigned *mask)
{
	char name[32];
	const char *s = list;
	size_t n;
	int i;

	*mask = 0;
	for (;;) {
		n = strcspn(s, ",");
		for (i = 0; i < FAM_COUNT; i++)
			if (n < sizeof(name) &&
			    strncmp(s, family_names[i], n) == 0 &&
			    family_names[i][n] == '\0')
				break;
		if (i == FAM_COUNT) {
			snprintf(name, sizeof(name), "%.*s", (int)n, s);
			return usage_error("unknown family '%s' in '%s': "
			    "expected aura-api, errors, warnings, performance "
			    "or audit", name, list);
		}
		*mask |= 1u << i;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

static int
parse_template(const char *name, enum template *out)
{
	static const char *const names[] = {
		[TPL_TRACE] = "trace", [TPL_BRACKETED] = "bracketed",
		[TPL_DEFAULT] = "default", [TPL_JSON] = "json",
		[TPL_CLEF] = "clef",
	};
	int i;

	for (i = 0; i < 5; i++) {
		if (strcmp(name, names[i]) == 0) {
			*out = (enum template)i;
			return 0;
		}
	}
	return usage_error("unknown template '%s': expected trace, bracketed, "
	    "default, json or clef", name);
}

static void
set_defaults(struct cli *c)
{
	memset(c, 0, sizeof(*c));
	c->gen.seed = 1;
	c->gen.days = 3;
	c->gen.rate = 40;
	c->gen.render.tpl = TPL_TRACE;
	c->gen.render.newline = "\n";
	c->gen.render.offset_min = 60;
	c->start_days = (int)lt_days_from_civil(2025, 12, 1);
	c->sink.families = 1u << FAM_API | 1u << FAM_ERRORS;
	c->sink.roll_size = 100u << 20;
}

/* Handles one option; returns 0, or 2 after a usage error. */
static int
parse_option(struct cli *c, int opt, const char *arg)
{
	unsigned long long v;
	const char *s = arg;
	int64_t days;
	char *end;

	switch (opt) {
	case OPT_SEED:
		if (parse_uint(arg, UINT64_MAX, &v) < 0)
			return usage_error("invalid seed '%s': expected a "
			    "non-negative integer", arg);
		c->gen.seed = v;
		return 0;
	case OPT_START:
		if ((days = parse_date(&s)) == INT64_MIN || *s != '\0')
			return usage_error("invalid start date '%s': expected "
			    "YYYY-MM-DD", arg);
		c->start_days = (int)days;
		return 0;
	case OPT_DAYS:
		if (parse_uint(arg, MAX_DAYS, &v) < 0 || v == 0)
			return usage_error("invalid day count '%s': expected "
			    "1 to %d", arg, MAX_DAYS);
		c->gen.days = (int)v;
		c->days_given = true;
		return 0;
	case OPT_SIZE:
		if (parse_size(arg, &c->gen.size) < 0)
			return usage_error("invalid size '%s': expected bytes "
			    "with an optional K, M or G suffix", arg);
		return 0;
	case OPT_OFFSET:
		if (parse_offset(arg, &c->gen.render.offset_min) < 0)
			return usage_error("invalid UTC offset '%s': expected "
			    "+HH:MM or -HH:MM up to 14:00", arg);
		return 0;
	case OPT_RATE:
		c->gen.rate = strtod(arg, &end);
		if (end == arg || *end != '\0' || !(c->gen.rate > 0) ||
		    c->gen.rate > MAX_RATE)
			return usage_error("invalid rate '%s': expected "
			    "requests per minute above 0", arg);
		return 0;
	case OPT_ROLL:
		if (parse_size(arg, &c->sink.roll_size) < 0)
			return usage_error("invalid roll size '%s': expected "
			    "bytes with an optional K, M or G suffix", arg);
		return 0;
	case OPT_INCIDENT:
		if (strcmp(arg, "none") == 0) {
			c->no_incident = true;
			return 0;
		}
		if (c->nspecs == MAX_INCIDENTS)
			return usage_error("too many incidents (at most %d)",
			    MAX_INCIDENTS);
		c->incident_specs[c->nspecs++] = arg;
		return 0;
	case OPT_FAMILIES:
		return parse_families(arg, &c->sink.families);
	case OPT_TEMPLATE:
		return parse_template(arg, &c->gen.render.tpl);
	case OPT_CRLF:
		c->gen.render.newline = "\r\n";
		return 0;
	case OPT_STDOUT:
		c->sink.to_stdout = true;
		return 0;
	case OPT_TRUTH:
		c->sink.truth_path = arg;
		return 0;
	case 'v':
		c->verbose = true;
		return 0;
	default:
		return usage_error("unknown option '%c'", opt);
	}
}

/* Places the incidents in time, once --utc-offset is known. */
static int
place_incidents(struct cli *c)
{
	struct incident *inc = c->gen.incidents;
	int i;

	c->gen.start = c->start_days * US_PER_DAY -
	    c->gen.render.offset_min * US_PER_MIN;
	if (c->no_incident && c->nspecs > 0)
		return usage_error("--incident none cannot be combined with "
		    "other incidents");
	if (c->no_incident)
		return 0;
	if (c->nspecs == 0) {
		inc[0].start = c->gen.start + US_PER_DAY + 14 * US_PER_HOUR +
		    5 * US_PER_MIN;
		inc[0].duration = 20 * US_PER_MIN;
		inc[0].percent = 12;
		c->gen.nincidents = 1;
		return 0;
	}
	for (i = 0; i < c->nspecs; i++)
		if (parse_incident(c->incident_specs[i],
		    c->gen.render.offset_min, &inc[i]) != 0)
			return 2;
	c->gen.nincidents = c->nspecs;
	return 0;
}

static int
parse_args(struct cli *c, int argc, char **argv)
{
	int opt, rc;

	set_defaults(c);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":hv", long_options,
	    NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage_text, stdout);
			exit(0);
		}
		if (opt == '?')
			return usage_error("unknown option '%s'",
			    argv[optind - 1]);
		if (opt == ':')
			return usage_error("missing value for option '%s'",
			    argv[optind - 1]);
		if ((rc = parse_option(c, opt, optarg)) != 0)
			return rc;
	}
	if (c->sink.to_stdout && optind != argc)
		return usage_error("--stdout writes no files, so leave out "
		    "the folder '%s'", argv[optind]);
	if (!c->sink.to_stdout && optind != argc - 1)
		return usage_error(optind == argc ? "missing output folder" :
		    "too many operands: expected one output folder");
	if (c->days_given && c->gen.size > 0)
		return usage_error("--days and --size cannot be combined");
	if (c->sink.to_stdout &&
	    (c->sink.families & (1u << FAM_API)) == 0)
		return usage_error("--stdout writes the aura-api family, "
		    "which --families leaves out");
	c->sink.dir = c->sink.to_stdout ? NULL : argv[optind];
	c->sink.offset_min = c->gen.render.offset_min;
	return place_incidents(c);
}

int
main(int argc, char **argv)
{
	struct cli c;
	struct sink *sink;
	struct gen_stats stats;
	int rc;

	if ((rc = parse_args(&c, argc, argv)) != 0)
		return rc;
	if ((sink = sink_open(&c.sink)) == NULL)
		return 1;
	rc = generate(&c.gen, sink, &stats) < 0 ? 1 : 0;
	if (c.verbose && rc == 0)
		fprintf(stderr, "aura-loggen: wrote %llu files, %llu bytes, "
		    "%llu events, %llu requests, %llu failed\n",
		    (unsigned long long)sink_files(sink),
		    (unsigned long long)sink_total_bytes(sink),
		    (unsigned long long)stats.events,
		    (unsigned long long)stats.requests,
		    (unsigned long long)stats.failed);
	if (sink_close(sink) < 0)
		rc = 1;
	return rc;
}
