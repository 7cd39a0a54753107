/*
 * logtool analyze: error-rate windows with severities, burn-rate alerts
 * and latency percentiles.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "analyze.h"
#include "cli.h"
#include "cmds.h"
#include "options.h"
#include "outfile.h"

static const char usage[] =
"usage: logtool analyze [OPTION]... [--db FILE | PATH...]\n"
"\n"
"Counts requests and failed requests (status 500 or more) per time window\n"
"and flags the windows whose error rate is too high. Reads log files,\n"
"directories and bundles (standard input when no PATH is given), or the\n"
"index database given with --db.\n"
"\n"
"Windows:\n"
"  --window DUR           window length (default 5m)\n"
"  --step DUR             distance between window starts (default: the\n"
"                         window, so windows do not overlap)\n"
"  --since T, --until T   only records in [since, until)\n"
"Severity (percentages of failed requests):\n"
"  --threshold PCT        SEV-2 above this rate (default 5)\n"
"  --warn-threshold PCT   SEV-3 above this rate (default 1)\n"
"  --min-requests N       windows with fewer requests are never flagged\n"
"                         (default 20); a window where every request\n"
"                         failed is SEV-1\n"
"  --slo PCT              evaluate burn-rate alerts against this SLO\n"
"  --p95-ms MS            mark windows whose p95 latency is above MS\n"
"                         (default 2000) in windows of at least\n"
"                         --min-requests requests with a duration\n"
"Input:\n"
"  --exclude-path GLOB    skip requests whose path matches (repeatable)\n"
"  --include-health       count health probes (/health*, /healthz*,\n"
"                         /api/health*), which are skipped by default\n"
"  --basis B              requests, entries (ERR and FTL records among\n"
"                         all records) or auto (default)\n"
"  --request-pattern RE   another request-line shape: a PCRE2 regex with\n"
"                         named groups method, path, status, duration_ms\n"
"  --db FILE              read the index database instead of files\n"
"  --buffer-size SIZE     request durations kept in memory (default 4M);\n"
"                         the rest go to a temporary file in TMPDIR, and\n"
"                         a window with more than SIZE/64 durations gets\n"
"                         percentiles from a histogram (within 0.5% for\n"
"                         durations from 0.01 ms to about 2 hours)\n"
"Output:\n"
"  --format F             text (default on a terminal), tsv (default\n"
"                         otherwise) or json (JSON Lines)\n"
"  --svg FILE             also write a chart of the windows as SVG\n"
"  -v, --verbose          print the basis used, the window, the step and\n"
"                         the bucket length on standard error (tsv output\n"
"                         contains only the windows)\n"
"\n"
"Exit status: 0 no window at SEV-2 or worse, 1 at least one (or failed\n"
"requests in a log without records below WRN), 2 error.\n";

static const struct option long_options[] = {
	AN_LONG_OPTIONS,
	{ "format", required_argument, NULL, AN_OPT_FORMAT },
	{ "svg",    required_argument, NULL, AN_OPT_SVG },
	{ "help",   no_argument,       NULL, 'h' },
	{ "verbose", no_argument,      NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

static int
parse_args(int argc, char **argv, struct an_options *o, bool *verbose)
{
	int opt;

	an_options_init(o);
	*verbose = false;
	if (is_terminal(1))
		o->format = AN_FORMAT_TEXT;
	while ((opt = getopt_long(argc, argv, "hv", long_options, NULL)) !=
	    -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return 1;
		}
		if (opt == 'v') {
			*verbose = true;
			continue;
		}
		if (opt == '?')
			return usage_hint("analyze"), -1;
		if (an_options_apply("analyze", o, opt, optarg) == -1)
			return -1;
	}
	if (o->db_path != NULL && optind < argc)
		return usage_error("analyze", "give either --db or paths, "
		    "not both"), -1;
	return an_options_finish("analyze", o);
}

static int
write_svg(const struct an_result *r, const char *path)
{
	struct an_outfile out;
	int saved;

	if (an_outfile_open(&out, path) == -1)
		return -1;
	if (an_svg_write(out.f, r, 960, 360) == 0)
		return an_outfile_close(&out, true);
	saved = errno;
	an_outfile_close(&out, false);
	return error("cannot write '%s': %s", path, strerror(saved));
}

static int
print_result(const struct an_result *r)
{
	switch (r->opts->format) {
	case AN_FORMAT_TEXT:
		return an_output_text(stdout, r);
	case AN_FORMAT_JSON:
		return an_output_json(stdout, r);
	default:
		return an_output_tsv(stdout, r);
	}
}

/* True when a window is at SEV-2 or worse, or when the input contains only
 * warnings and errors, so rates are not meaningful, and a request failed. */
static bool
alarm(const struct an_result *r)
{
	return r->flagged > 0 || (r->errors_only && r->data->errors > 0);
}

int
cmd_analyze(int argc, char **argv)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;
	bool verbose;
	int rc;

	rc = parse_args(argc, argv, &o, &verbose);
	if (rc != 0) {
		an_options_free(&o);
		return rc == 1 ? EXIT_OK : EXIT_USAGE;
	}
	if (an_run(&o, argv + optind, argc - optind, &d, &r) == -1)
		rc = EXIT_USAGE;
	else {
		if (verbose) {
			fputs("logtool: ", stderr);
			an_print_basis(stderr, &r);
		}
		print_result(&r);
		if (o.svg_path != NULL && write_svg(&r, o.svg_path) == -1)
			rc = EXIT_USAGE;
		else
			rc = alarm(&r) ? EXIT_FAIL : EXIT_OK;
	}
	an_result_free(&r);
	an_data_free(&d);
	an_options_free(&o);
	return rc;
}
