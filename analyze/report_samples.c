/*
 * The failed-request section of the report: the samples kept from the
 * buckets of the flagged windows (or of every window with failures when
 * none is flagged), in time order. Each feed keeps at most AN_SAMPLES
 * failed requests per bucket.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "report.h"

#define SAMPLES_SHOWN	200

static const char related_sql[] =
    "SELECT ts, raw FROM events WHERE correlation_id = ?1"
    " ORDER BY ts, id LIMIT 20";

/* Marks the buckets of the windows whose samples are shown. */
static bool *
mark_buckets(const struct an_result *r)
{
	bool *marked = calloc(r->nseries ? r->nseries : 1, sizeof(bool));
	enum an_severity least = r->flagged ? AN_SEV_2 : AN_SEV_NONE;

	if (marked == NULL)
		return NULL;
	for (size_t i = 0; i < r->nwindows; i++) {
		const struct an_window *w = &r->windows[i];

		if (w->errors == 0 || w->severity < least)
			continue;
		for (size_t k = w->first; k < w->first + w->count; k++)
			marked[k] = true;
	}
	return marked;
}

static void
write_related(FILE *out, sqlite3 *db, const char *correlation_id)
{
	sqlite3_stmt *st;

	if (db == NULL || *correlation_id == '\0' ||
	    sqlite3_prepare_v2(db, related_sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, correlation_id, -1, SQLITE_STATIC);
	fputs("<details><summary>records with this correlation id</summary>"
	    "\n<pre>", out);
	while (sqlite3_step(st) == SQLITE_ROW)
		an_html_escape(out, sqlite3_column_blob(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1));
	fputs("</pre></details>\n", out);
	sqlite3_finalize(st);
}

/* Writes one sample, whose text is read back from the spool. Returns 0,
 * or -1 with lt_error() set. */
static int
write_sample(FILE *out, const struct an_result *r, const struct an_sample *s,
    sqlite3 *db)
{
	const char *endpoint = r->data->strings.text[s->endpoint];
	char when[32], *text, *id, *raw;

	if ((text = malloc((size_t)s->id_len + s->raw_len + 2)) == NULL)
		return lt_error_errno("cannot allocate a failed request");
	if (an_spool_get(&r->data->spool, s->text, text,
	    (size_t)s->id_len + s->raw_len) == -1) {
		free(text);
		return -1;
	}
	/* The raw record follows the id directly, so it moves up one byte
	 * to make room for the id's NUL. */
	raw = text + s->id_len + 1;
	memmove(raw, text + s->id_len, s->raw_len);
	raw[s->raw_len] = '\0';
	id = text;
	id[s->id_len] = '\0';
	an_format_time(s->ts, when);
	fprintf(out, "<h3>%s ", when);
	an_html_escape(out, endpoint, strlen(endpoint));
	if (s->status > 0)
		fprintf(out, " &rarr; %d", s->status);
	fputs("</h3>\n<p>correlation id: ", out);
	if (*id == '\0')
		fputs("<em>none</em>", out);
	else {
		fputs("<code class=\"cid\">", out);
		an_html_escape(out, id, strlen(id));
		fputs("</code>", out);
	}
	fputs("</p>\n<pre>", out);
	an_html_escape(out, raw, strlen(raw));
	fputs("</pre>\n", out);
	write_related(out, db, id);
	free(text);
	return 0;
}

int
an_report_samples(FILE *out, const struct an_result *r, sqlite3 *db)
{
	bool *marked = mark_buckets(r);
	size_t shown = 0;
	int rc = 0;

	fprintf(out, "<h2 id=\"failed\">Failed requests%s</h2>\n",
	    r->flagged ? " in flagged windows" : "");
	if (marked == NULL)
		return lt_error_errno("cannot allocate the report");
	for (size_t k = 0; k < r->nseries && shown < SAMPLES_SHOWN &&
	    rc == 0; k++) {
		const struct an_bucket *b = r->series[k];

		if (!marked[k] || b == NULL || b->causes == NULL)
			continue;
		for (size_t i = 0; i < b->causes->nsamples &&
		    shown < SAMPLES_SHOWN && rc == 0; i++, shown++)
			rc = write_sample(out, r, &b->causes->samples[i], db);
	}
	if (shown == 0)
		fputs("<p>No failed requests.</p>\n", out);
	else
		fprintf(out, "<p>%zu failed requests shown, at most %d per "
		    "%" PRId64 " s of log.</p>\n", shown, AN_SAMPLES,
		    r->opts->base_ms / 1000);
	free(marked);
	return rc;
}
