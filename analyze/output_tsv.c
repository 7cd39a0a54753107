/*
 * TSV output: one header line, then one line per window with the columns
 *   start end requests errors error_rate severity p50_ms p95_ms p99_ms
 *   max_ms slow
 * Times are ISO 8601 UTC. error_rate is a fraction with 6 decimals.
 * severity is SEV-1, SEV-2, SEV-3 or ok. The latency columns have 3
 * decimals, and slow is 1 or 0. A value that does not exist (the rate of a
 * window without requests, the percentiles of one without durations) is
 * an empty field.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "analyze.h"

static void
put_number(FILE *out, double v, const char *fmt)
{
	fputc('\t', out);
	if (!isnan(v))
		fprintf(out, fmt, v);
}

int
an_output_tsv(FILE *out, const struct an_result *r)
{
	fputs("start\tend\trequests\terrors\terror_rate\tseverity\tp50_ms\t"
	    "p95_ms\tp99_ms\tmax_ms\tslow\n", out);
	for (size_t i = 0; i < r->nwindows; i++) {
		const struct an_window *w = &r->windows[i];
		char start[32], end[32];

		an_format_time(w->start, start);
		an_format_time(w->end, end);
		fprintf(out, "%s\t%s\t%" PRIu64 "\t%" PRIu64, start, end,
		    w->requests, w->errors);
		put_number(out, w->rate, "%.6f");
		fprintf(out, "\t%s", an_severity_name(w->severity));
		put_number(out, w->p50, "%.3f");
		put_number(out, w->p95, "%.3f");
		put_number(out, w->p99, "%.3f");
		put_number(out, w->max, "%.3f");
		fprintf(out, "\t%d\n", w->slow);
	}
	return ferror(out) ? -1 : 0;
}
