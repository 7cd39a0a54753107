/*
 * Reading the index database into buckets: the same counts as the file
 * feed, from the events and requests tables. The index stores each event
 * once, so nothing needs deduplicating, and requests holds only the lines
 * lt_request_parse() accepts, so --request-pattern has no effect here.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "feed.h"
#include "index/db.h"
#include "record.h"

static const char events_sql[] =
    "SELECT ts, level, exception, message FROM events"
    " WHERE ts IS NOT NULL AND (?1 IS NULL OR ts >= ?1)"
    " AND (?2 IS NULL OR ts < ?2)";

static const char requests_sql[] =
    "SELECT r.ts, r.method, r.path, r.status, r.duration_ms, r.failed,"
    " r.correlation_id, CASE WHEN ?3 THEN e.raw END"
    " FROM requests r JOIN events e ON e.id = r.event_id"
    " WHERE r.ts IS NOT NULL AND (?1 IS NULL OR r.ts >= ?1)"
    " AND (?2 IS NULL OR r.ts < ?2)";

static struct lt_span
column_span(sqlite3_stmt *st, int col)
{
	struct lt_span s;

	s.ptr = (const char *)sqlite3_column_blob(st, col);
	s.len = (size_t)sqlite3_column_bytes(st, col);
	if (s.ptr == NULL)
		s.len = 0;
	return s;
}

static int
prepare(sqlite3 *db, const char *path, const char *sql,
    const struct an_options *o, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return lt_error_set("cannot read '%s' as a logtool index: %s",
		    path, sqlite3_errmsg(db));
	if (o->since != LT_TS_NONE)
		sqlite3_bind_int64(*st, 1, o->since);
	if (o->until != LT_TS_NONE)
		sqlite3_bind_int64(*st, 2, o->until);
	if (sqlite3_bind_parameter_count(*st) >= 3)
		sqlite3_bind_int(*st, 3, o->keep_samples);
	return 0;
}

static int
add_event(struct an_data *d, const struct an_options *o, sqlite3_stmt *st)
{
	struct an_bucket *b = an_data_bucket(d, sqlite3_column_int64(st, 0));
	struct lt_span exc = column_span(st, 2);
	int level = sqlite3_column_int(st, 1);
	char type[256];
	uint32_t id;

	if (b == NULL)
		return -1;
	d->entries++;
	b->entries++;
	if (level >= LT_LEVEL_VRB && level < LT_LEVEL_WRN)
		d->low_entries++;
	if (level < LT_LEVEL_ERR)
		return 0;
	d->err_entries++;
	b->err_entries++;
	if (o->keep_samples && an_feed_signature(d, column_span(st, 3)) == -1)
		return -1;
	if (an_exception_type(exc.ptr, exc.len, type, sizeof(type)) == 0)
		return 0;
	if (an_strings_intern(&d->strings, type, strlen(type), &id) == -1 ||
	    an_bucket_causes(b) == NULL)
		return -1;
	return an_tally_add(&b->causes->exceptions, id, 1);
}

static int
add_request(struct an_data *d, const struct an_options *o, sqlite3_stmt *st)
{
	struct an_request_info req;
	struct an_failure fail;
	struct an_bucket *b;
	char bare[1024];

	fail.ts = sqlite3_column_int64(st, 0);
	req.method = column_span(st, 1);
	req.path = column_span(st, 2);
	req.status = sqlite3_column_int(st, 3);
	req.duration_ms = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 :
	    sqlite3_column_double(st, 4);
	req.failed = sqlite3_column_int(st, 5) != 0;
	d->request_lines++;
	an_path_bare(req.path.ptr, req.path.len, bare, sizeof(bare));
	if (an_path_excluded(o, bare)) {
		d->excluded++;
		d->excluded_failed += req.failed;
		return 0;
	}
	if ((b = an_data_bucket(d, fail.ts)) == NULL)
		return -1;
	d->requests++;
	b->requests++;
	if (req.duration_ms >= 0 &&
	    an_spool_add(d, b, req.duration_ms) == -1)
		return -1;
	if (!req.failed)
		return 0;
	d->errors++;
	b->errors++;
	fail.correlation_id = column_span(st, 6);
	fail.raw = column_span(st, 7);
	return an_feed_failure(d, o, b, &fail, &req);
}

static int
run_query(sqlite3 *db, const char *sql, struct an_data *d,
    const struct an_options *o, bool requests)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(db, o->db_path, sql, o, &st) == -1)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((requests ? add_request(d, o, st) : add_event(d, o, st)) ==
		    -1) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lt_error_set("cannot read '%s': %s", o->db_path,
		    sqlite3_errmsg(db));
	return 0;
}

int
an_feed_db(struct an_data *d, const struct an_options *o)
{
	sqlite3 *db;
	int rc;

	if (sqlite3_open_v2(o->db_path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		rc = lt_error_set("cannot open index '%s': %s", o->db_path,
		    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return rc;
	}
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, "SELECT 1 FROM sqlite_master LIMIT 1", NULL,
	    NULL, NULL) != SQLITE_OK)
		db = idx_db_reopen_immutable(db, o->db_path);
	rc = run_query(db, events_sql, d, o, false);
	if (rc == 0)
		rc = run_query(db, requests_sql, d, o, true);
	sqlite3_close(db);
	return rc;
}
