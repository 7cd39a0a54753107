/*
 * Text output: a header with the settings, an aligned table of windows
 * (runs of windows without requests collapsed to one line), a
 * sparkline of the error rate, the causes of each flagged window, the
 * burn-rate alerts and a summary line.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "analyze.h"

#define SPARK_WIDTH 64
#define EMPTY_RUN 3	/* shortest run of empty windows shown as one line */

/* Notes the windows whose percentiles come from a histogram. */
static void
print_inexact(FILE *out, const struct an_result *r)
{
	size_t n = an_inexact_windows(r);

	if (n > 0)
		fprintf(out, "note: %zu windows have more than %zu durations, "
		    "so their percentiles come from a histogram (within "
		    "0.5%%; raise --buffer-size for exact ones)\n", n,
		    r->opts->buffer_size / AN_EXACT_SHARE);
}

static void
print_header(FILE *out, const struct an_result *r)
{
	const struct an_options *o = r->opts;
	const struct an_data *d = r->data;
	bool entries = r->basis == AN_BASIS_ENTRIES;
	const char *unit = entries ? "record at ERR or FTL" :
	    "request failed";
	const char *units = entries ? "records" : "requests";

	an_print_basis(out, r);
	fprintf(out, "severity: SEV-1 every %s, SEV-2 above "
	    "%g%%, SEV-3 above %g%%, windows of at least %" PRIu64
	    " %s; slow: p95 above %g ms\n", unit, o->threshold,
	    o->warn_threshold, o->min_requests, units, o->p95_ms);
	fprintf(out, "excluded: %" PRIu64 " requests (%" PRIu64
	    " failed) matching ", d->excluded, d->excluded_failed);
	an_print_excludes(out, o);
	fputc('\n', out);
	if (r->errors_only)
		fputs("note: no record is below WRN, so successful requests "
		    "are probably not logged and error rates are not "
		    "meaningful\n", out);
	if (d->duplicates > 0)
		fprintf(out, "duplicates: %" PRIu64 " events read more than "
		    "once were counted once\n", d->duplicates);
	print_inexact(out, r);
	fputc('\n', out);
}

static void
print_ms(FILE *out, double v)
{
	if (isnan(v))
		fprintf(out, " %9s", "-");
	else
		fprintf(out, " %9.1f", v);
}

static void
print_window(FILE *out, const struct an_window *w)
{
	char start[32], end[32];

	an_format_time(w->start, start);
	an_format_time(w->end, end);
	fprintf(out, "%-24s %-24s %9" PRIu64 " %7" PRIu64, start, end,
	    w->requests, w->errors);
	if (isnan(w->rate))
		fprintf(out, " %8s", "-");
	else
		fprintf(out, " %7.2f%%", 100.0 * w->rate);
	fprintf(out, " %-6s", an_severity_name(w->severity));
	print_ms(out, w->p50);
	print_ms(out, w->p95);
	print_ms(out, w->p99);
	print_ms(out, w->max);
	fprintf(out, "%s\n", w->slow ? " slow" : "");
}

/* The number of windows without requests from window i on. */
static size_t
empty_run(const struct an_result *r, size_t i)
{
	size_t n = 0;

	while (i + n < r->nwindows && r->windows[i + n].requests == 0)
		n++;
	return n;
}

/* Prints the windows, with each run of at least EMPTY_RUN windows
 * without requests as one line; tsv and json list every window. */
static void
print_table(FILE *out, const struct an_result *r)
{
	char start[32], end[32];
	size_t n;

	fprintf(out, "%-24s %-24s %9s %7s %8s %-6s %9s %9s %9s %9s\n",
	    "start", "end", "requests", "errors", "rate", "sev", "p50_ms",
	    "p95_ms", "p99_ms", "max_ms");
	for (size_t i = 0; i < r->nwindows; i++) {
		n = empty_run(r, i);
		if (n < EMPTY_RUN) {
			print_window(out, &r->windows[i]);
			continue;
		}
		an_format_time(r->windows[i].start, start);
		an_format_time(r->windows[i + n - 1].end, end);
		fprintf(out, "%-24s %-24s \u2026 %zu windows without requests "
		    "\u2026\n", start, end, n);
		i += n - 1;
	}
}

/* One UTF-8 block character per window, scaled to the highest rate; a
 * space for a window without requests. Each line starts with the time of
 * its first window; lines whose windows are all empty are left out. */
static bool
any_requests(const struct an_result *r, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (r->windows[i].requests > 0)
			return true;
	return false;
}

static const char *
spark_block(double rate, double top, const char *const blocks[8])
{
	if (isnan(rate))
		return " ";
	if (top <= 0)
		return blocks[0];
	return blocks[lround(rate / top * 7)];
}

static void
print_sparkline(FILE *out, const struct an_result *r)
{
	static const char *const blocks[] = {
		"\u2581", "\u2582", "\u2583", "\u2584",
		"\u2585", "\u2586", "\u2587", "\u2588",
	};
	double top = 0;

	for (size_t i = 0; i < r->nwindows; i++)
		if (!isnan(r->windows[i].rate) && r->windows[i].rate > top)
			top = r->windows[i].rate;
	fprintf(out, "\nerror rate per window (full block = %.2f%%):\n",
	    100.0 * top);
	for (size_t i = 0; i < r->nwindows; i += SPARK_WIDTH) {
		size_t end = i + SPARK_WIDTH < r->nwindows ? i + SPARK_WIDTH :
		    r->nwindows;
		char start[32];

		if (!any_requests(r, i, end))
			continue;
		an_format_time(r->windows[i].start, start);
		fprintf(out, "%-24s ", start);
		for (size_t k = i; k < end; k++) {
			double rate = r->windows[k].rate;

			fputs(spark_block(rate, top, blocks), out);
		}
		fputc('\n', out);
	}
}

static void
print_top(FILE *out, const struct an_result *r, const struct an_window *w,
    bool exceptions)
{
	struct an_tally top = { NULL, 0, 0 };

	if (an_window_top(r, w, exceptions, &top) == -1) {
		an_tally_free(&top);
		return;
	}
	fprintf(out, "  %s:", exceptions ?
	    "exception types (ERR and FTL records)" :
	    "failing endpoints (failed requests)");
	if (top.len == 0)
		fputs(" none recorded", out);
	for (size_t i = 0; i < top.len && i < AN_TOP; i++)
		fprintf(out, "%s %s (%" PRIu64 ")", i ? "," : "",
		    r->data->strings.text[top.items[i].id],
		    top.items[i].count);
	fputc('\n', out);
	an_tally_free(&top);
}

static void
print_causes(FILE *out, const struct an_result *r)
{
	for (size_t i = 0; i < r->nwindows; i++) {
		const struct an_window *w = &r->windows[i];
		char start[32];

		if (w->severity < AN_SEV_2)
			continue;
		an_format_time(w->start, start);
		fprintf(out, "\n%s at %s: %" PRIu64 " of %" PRIu64
		    " failed\n", an_severity_name(w->severity), start,
		    w->errors, w->requests);
		print_top(out, r, w, false);
		print_top(out, r, w, true);
	}
}

/* Prints from when each rule was evaluated, or that the input is shorter
 * than its long window. */
static void
print_coverage(FILE *out, const struct an_result *r)
{
	char lw[32], sw[32], first[32];
	int64_t t;

	for (size_t i = 0; i < an_nrules; i++) {
		const struct an_rule *rule = &an_rules[i];

		an_format_duration(rule->long_ms, lw);
		an_format_duration(rule->short_ms, sw);
		fprintf(out, "  %-6s %s/%s ", rule->name, lw, sw);
		if (an_rule_evaluated(r, rule, &t)) {
			an_format_time(t, first);
			fprintf(out, "evaluated from %s\n", first);
		} else
			fprintf(out, "not evaluated: the input is shorter "
			    "than %s\n", lw);
	}
}

static void
print_firings(FILE *out, const struct an_result *r)
{
	char lw[32], sw[32], start[32], end[32];

	if (r->opts->slo <= 0)
		return;
	fprintf(out, "\nburn rate against SLO %g%% (error budget %g%%): ",
	    r->opts->slo, 100.0 - r->opts->slo);
	if (r->nfirings == 0)
		fputs("no rule fired\n", out);
	else
		fprintf(out, "%zu firing%s\n", r->nfirings,
		    r->nfirings == 1 ? "" : "s");
	print_coverage(out, r);
	for (size_t i = 0; i < r->nfirings; i++) {
		const struct an_firing *f = &r->firings[i];

		an_format_duration(f->rule->long_ms, lw);
		an_format_duration(f->rule->short_ms, sw);
		an_format_time(f->start, start);
		an_format_time(f->end, end);
		fprintf(out, "  %-6s %s/%s above %gx: from %s to %s "
		    "(peak %.1fx / %.1fx)\n", f->rule->name, lw, sw,
		    f->rule->factor, start, end, f->peak_long, f->peak_short);
	}
}

int
an_output_text(FILE *out, const struct an_result *r)
{
	print_header(out, r);
	print_table(out, r);
	if (r->nwindows > 0)
		print_sparkline(out, r);
	print_causes(out, r);
	print_firings(out, r);
	fprintf(out, "\n%zu windows: %zu at SEV-2 or worse, %zu at SEV-3, "
	    "%zu slow\n", r->nwindows, r->flagged, r->warned, r->slow);
	return ferror(out) ? -1 : 0;
}
