/*
 * The post-mortem HTML report: one self-contained file with inline CSS
 * and an inline SVG chart, no scripts and no external resources.
 *
 * Sections: the input and settings, the timeline chart, the flagged
 * windows with their failing endpoints and exception types, the top error
 * signatures, the failed requests kept as samples, and every window that
 * had requests. A sample shows the correlation id, endpoint, status and
 * record, and with --db also the other records of that correlation id.
 */
#include <inttypes.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "report.h"
#include "utf8.h"

#define TOP_SIGNATURES	20

static const char style[] =
"body{font-family:sans-serif;margin:2em;color:#222;max-width:1100px}"
"table{border-collapse:collapse;margin:.5em 0 1.5em}"
"th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;"
"vertical-align:top;font-size:13px}"
"th{background:#f0f0f0}td.n{text-align:right}"
"tr.sev2 td,tr.sev1 td{background:#fde2df}tr.sev3 td{background:#fdf0d9}"
"pre{background:#f7f7f7;padding:6px;font-size:12px;white-space:pre-wrap;"
"word-break:break-all;max-height:20em;overflow:auto}"
"h2{border-bottom:1px solid #ccc;padding-bottom:2px}";

/* Writes text with &, <, >, " and ' escaped, and what is not UTF-8 text
 * that HTML allows replaced by U+FFFD. */
void
an_html_escape(FILE *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* The page is UTF-8, so bytes of a log line that are not
		 * become U+FFFD, and so do the characters HTML does not
		 * allow in text: controls other than tab and line ends,
		 * and the noncharacters U+FFFE and U+FFFF. */
		unsigned char c = (unsigned char)text[i];

		if (c >= 0x80) {
			size_t n = lt_utf8_length(text + i, len - i);

			if (n == 0 || (n == 3 && memcmp(text + i, "\xef\xbf",
			    2) == 0 && (unsigned char)text[i + 2] >= 0xbe))
				fputs(LT_UTF8_REPLACEMENT, out);
			else
				fwrite(text + i, 1, n, out);
			i += n > 0 ? n - 1 : 0;
			continue;
		}
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f) {
			fputs(LT_UTF8_REPLACEMENT, out);
			continue;
		}
		switch (text[i]) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(text[i], out);
		}
	}
}

static void
escape(FILE *out, const char *text)
{
	an_html_escape(out, text, strlen(text));
}

static void
write_summary(FILE *out, const struct an_result *r)
{
	const struct an_data *d = r->data;
	const struct an_options *o = r->opts;
	char win[32], first[32], last[32];
	size_t inexact;

	an_format_duration(o->window_ms, win);
	fputs("<h2>Summary</h2>\n<table>\n", out);
	if (r->nwindows > 0) {
		an_format_time(r->windows[0].start, first);
		an_format_time(r->windows[r->nwindows - 1].end, last);
		fprintf(out, "<tr><th>time range</th><td>%s to %s</td></tr>\n",
		    first, last);
	}
	fprintf(out, "<tr><th>basis</th><td>%s</td></tr>\n",
	    an_basis_name(r->basis));
	fprintf(out, "<tr><th>requests</th><td id=\"total-requests\">%"
	    PRIu64 "</td></tr>\n<tr><th>failed requests</th>"
	    "<td id=\"total-errors\">%" PRIu64 "</td></tr>\n", d->requests,
	    d->errors);
	fprintf(out, "<tr><th>records</th><td>%" PRIu64 " (%" PRIu64
	    " at ERR or FTL)</td></tr>\n", d->entries, d->err_entries);
	fprintf(out, "<tr><th>windows</th><td>%zu of %s: %zu at SEV-2 or "
	    "worse, %zu at SEV-3</td></tr>\n", r->nwindows, win, r->flagged,
	    r->warned);
	fprintf(out, "<tr><th>severity</th><td>SEV-1 every request failed, "
	    "SEV-2 above %g%%, SEV-3 above %g%%, windows of at least %"
	    PRIu64 " requests</td></tr>\n", o->threshold, o->warn_threshold,
	    o->min_requests);
	fprintf(out, "<tr><th>excluded</th><td>%" PRIu64 " requests matching ",
	    d->excluded);
	an_print_excludes(out, o);
	fputs("</td></tr>\n</table>\n", out);
	if (r->errors_only)
		fputs("<p><strong>No record in the input is below WRN, so "
		    "the log probably omits successful requests: error rates "
		    "are not meaningful.</strong></p>\n", out);
	if ((inexact = an_inexact_windows(r)) > 0)
		fprintf(out, "<p>%zu windows have more than %zu durations, so "
		    "their p95 comes from a histogram, within 0.5%%.</p>\n",
		    inexact, o->buffer_size / AN_EXACT_SHARE);
}

static void
write_top_cell(FILE *out, const struct an_result *r,
    const struct an_window *w, bool exceptions)
{
	struct an_tally top = { NULL, 0, 0 };

	fputs("<td>", out);
	if (an_window_top(r, w, exceptions, &top) == 0) {
		for (size_t i = 0; i < top.len && i < AN_TOP; i++) {
			fputs(i ? "<br>" : "", out);
			escape(out, r->data->strings.text[top.items[i].id]);
			fprintf(out, " (%" PRIu64 ")", top.items[i].count);
		}
	}
	fputs("</td>", out);
	an_tally_free(&top);
}

static void
write_window_row(FILE *out, const struct an_result *r,
    const struct an_window *w, bool causes)
{
	static const char *const classes[] = { "", "sev3", "sev2", "sev1" };
	char start[32], end[32];

	an_format_time(w->start, start);
	an_format_time(w->end, end);
	fprintf(out, "<tr class=\"%s\"><td>%s</td><td>%s</td><td class=\"n\">%"
	    PRIu64 "</td><td class=\"n\">%" PRIu64 "</td>",
	    classes[w->severity], start, end, w->requests, w->errors);
	if (isnan(w->rate))
		fputs("<td class=\"n\">-</td>", out);
	else
		fprintf(out, "<td class=\"n\">%.2f%%</td>", 100 * w->rate);
	fprintf(out, "<td>%s</td>", an_severity_name(w->severity));
	if (isnan(w->p95))
		fputs("<td class=\"n\">-</td>", out);
	else
		fprintf(out, "<td class=\"n\">%.1f</td>", w->p95);
	if (causes) {
		write_top_cell(out, r, w, false);
		write_top_cell(out, r, w, true);
	}
	fputs("</tr>\n", out);
}

static void
window_header(FILE *out, bool causes)
{
	fprintf(out, "<table>\n<tr><th>start</th><th>end</th><th>requests"
	    "</th><th>failed</th><th>rate</th><th>severity</th><th>p95 ms"
	    "</th>%s</tr>\n", causes ? "<th>failing endpoints (requests)</th>"
	    "<th>exception types (ERR/FTL records)</th>" : "");
}

static void
write_flagged(FILE *out, const struct an_result *r)
{
	fputs("<h2 id=\"flagged\">Flagged windows</h2>\n", out);
	if (r->flagged + r->warned == 0) {
		fputs("<p>No window reached SEV-3 or worse.</p>\n", out);
		return;
	}
	window_header(out, true);
	for (size_t i = 0; i < r->nwindows; i++)
		if (r->windows[i].severity >= AN_SEV_3)
			write_window_row(out, r, &r->windows[i], true);
	fputs("</table>\n", out);
}

static int
compare_counts(const void *a, const void *b)
{
	const struct an_tally_item *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

static void
write_signatures(FILE *out, const struct an_result *r)
{
	const struct an_data *d = r->data;
	struct an_tally t = { NULL, 0, 0 };

	fputs("<h2>Top error signatures</h2>\n", out);
	t.items = calloc(d->nsignature_counts + 1, sizeof(*t.items));
	for (size_t id = 0; t.items && id < d->nsignature_counts; id++) {
		if (d->signature_counts[id] == 0)
			continue;
		t.items[t.len].id = (uint32_t)id;
		t.items[t.len].count = d->signature_counts[id];
		t.len++;
	}
	if (t.len == 0) {
		fputs("<p>No ERR or FTL records.</p>\n", out);
		free(t.items);
		return;
	}
	qsort(t.items, t.len, sizeof(*t.items), compare_counts);
	fputs("<table>\n<tr><th>records</th><th>signature</th></tr>\n", out);
	for (size_t i = 0; i < t.len && i < TOP_SIGNATURES; i++) {
		fprintf(out, "<tr><td class=\"n\">%" PRIu64 "</td><td>",
		    t.items[i].count);
		escape(out, d->strings.text[t.items[i].id]);
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
	an_tally_free(&t);
}

static void
write_all_windows(FILE *out, const struct an_result *r)
{
	fputs("<h2 id=\"windows\">Windows with requests</h2>\n", out);
	window_header(out, false);
	for (size_t i = 0; i < r->nwindows; i++)
		if (r->windows[i].requests > 0)
			write_window_row(out, r, &r->windows[i], false);
	fputs("</table>\n", out);
}

/*
 * Writes the report for r. db is the open index when the input was one
 * (for the records sharing a correlation id), else NULL.
 */
int
an_report_write(FILE *out, struct an_result *r, sqlite3 *db)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>logtool report</title>\n<style>",
	    out);
	fputs(style, out);
	fputs("</style>\n</head>\n<body>\n<h1>logtool report</h1>\n", out);
	write_summary(out, r);
	fputs("<h2>Timeline</h2>\n", out);
	an_svg_write(out, r, 1000, 380);
	write_flagged(out, r);
	write_signatures(out, r);
	if (an_report_samples(out, r, db) == -1)
		return -2;
	write_all_windows(out, r);
	fputs("</body>\n</html>\n", out);
	return ferror(out) ? -1 : 0;
}
