#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "db.h"
#include "digest.h"
#include "feed.h"
#include "identity.h"
#include "ingest.h"
#include "logname.h"
#include "record.h"
#include "request.h"
#include "signature.h"
#include "timeutil.h"

enum stmt_id {
	ST_EVENT_INSERT,
	ST_EVENT_FIND,
	ST_LINK_FIND,
	ST_LINK_INSERT,
	ST_LINK_GET,
	ST_LINK_DELETE,
	ST_LINK_COUNT,
	ST_FTS_INSERT,
	ST_FTS_DELETE,
	ST_EVENT_DELETE,
	ST_REQUEST_INSERT,
	ST_REQUEST_DELETE,
	ST_SIGNATURE_INSERT,
	ST_ERROR_INSERT,
	ST_ERROR_DELETE,
	ST_SOURCE_UPSERT,
	ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
	[ST_EVENT_INSERT] = "INSERT OR IGNORE INTO events(event_key, ts, "
	    "level, correlation_id, trace_id, span_id, message, exception, "
	    "raw, format) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[ST_EVENT_FIND] = "SELECT id FROM events WHERE ts IS ?2 "
	    "AND event_key = ?1",
	[ST_LINK_FIND] = "SELECT 1 FROM event_sources WHERE event_id = ?1 "
	    "AND content_id = ?2",
	[ST_LINK_INSERT] = "INSERT OR IGNORE INTO event_sources(content_id, "
	    "offset, line, event_id) VALUES(?1, ?2, ?3, ?4)",
	[ST_LINK_GET] = "SELECT event_id FROM event_sources "
	    "WHERE content_id = ?1 AND offset = ?2",
	[ST_LINK_DELETE] = "DELETE FROM event_sources "
	    "WHERE content_id = ?1 AND offset = ?2",
	[ST_LINK_COUNT] = "SELECT count(*) FROM event_sources "
	    "WHERE event_id = ?1",
	[ST_FTS_INSERT] = "INSERT INTO events_fts(rowid, message, exception) "
	    "SELECT id, message, exception FROM events WHERE id >= ?1",
	[ST_FTS_DELETE] = "INSERT INTO events_fts(events_fts, rowid, "
	    "message, exception) SELECT 'delete', id, message, exception "
	    "FROM events WHERE id = ?1",
	[ST_EVENT_DELETE] = "DELETE FROM events WHERE id = ?1",
	[ST_REQUEST_INSERT] = "INSERT INTO requests(event_id, ts, method, "
	    "path, status, duration_ms, failed, correlation_id) "
	    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_REQUEST_DELETE] = "DELETE FROM requests WHERE event_id = ?1",
	[ST_SIGNATURE_INSERT] = "INSERT OR IGNORE INTO signatures(id, text) "
	    "VALUES(?1, ?2)",
	[ST_ERROR_INSERT] = "INSERT INTO errors(event_id, signature_id, ts) "
	    "VALUES(?1, ?2, ?3)",
	[ST_ERROR_DELETE] = "DELETE FROM errors WHERE event_id = ?1",
	[ST_SOURCE_UPSERT] = "INSERT INTO sources(name, family, content_id, "
	    "first_indexed, last_indexed) VALUES(?1, ?2, ?3, ?4, ?4) "
	    "ON CONFLICT(name, content_id) DO UPDATE SET "
	    "last_indexed = excluded.last_indexed",
};

struct idx_ingest {
	sqlite3		*db;
	sqlite3_stmt	*st[ST_COUNT];
	struct idx_identity *identity;
	struct lt_buf	 signature;
	struct lt_buf	 name;		/* scratch for source names */
	struct idx_stats stats;
	idx_progress_fn	 progress;
	void		*progress_ctx;
	uint64_t	 chunk;		/* records per transaction */
	bool		 fts;		/* the index has events_fts */
	int64_t		 fts_from;	/* first event of this transaction
					   not yet in events_fts, or 0 */
};

/* The state of the source being read. */
struct run {
	struct idx_ingest *in;
	struct idx_feed	 feed;
	struct idx_content content;	/* what is indexed, updated as
					   records are added */
	const struct lt_source_info *info;
	bool		 settled;	/* no more bytes will be appended */
	uint64_t	 start;		/* offset the parser started at */
	uint64_t	 line_base;	/* line number of that offset */
	uint64_t	 pending;	/* records since the last commit */
	uint64_t	 parsed;	/* records parsed in this run */
	uint64_t	 timed;		/* of those, records with a time */
	uint64_t	 added;		/* new events since the last commit */
	uint64_t	 replaced;	/* of those, replacing a record that
					   grew */
	bool		 changed;	/* a record was added or replaced */
	bool		 yielded;	/* another run took the content over */
	unsigned char	 tail[IDX_BLOCK];	/* bytes before indexed_len */
	size_t		 tail_len;
};

/* IDX_CHUNK_RECORDS, or $LOGTOOL_INDEX_CHUNK when it is a positive
 * number (tests use small chunks to stop runs between commits). */
static uint64_t
chunk_records(void)
{
	const char *env = getenv("LOGTOOL_INDEX_CHUNK");
	char *end;
	unsigned long long n;

	if (env == NULL || *env == '\0')
		return IDX_CHUNK_RECORDS;
	n = strtoull(env, &end, 10);
	return *end == '\0' && n > 0 ? n : IDX_CHUNK_RECORDS;
}

struct idx_ingest *
idx_ingest_new(sqlite3 *db, idx_progress_fn progress, void *progress_ctx)
{
	struct idx_ingest *in;

	in = calloc(1, sizeof(*in));
	if (in == NULL) {
		error("out of memory");
		return NULL;
	}
	in->db = db;
	in->progress = progress;
	in->progress_ctx = progress_ctx;
	in->chunk = chunk_records();
	switch (idx_db_has_fts(db)) {
	case -1:
		goto fail;
	case 1:
		in->fts = true;
		break;
	}
	for (int i = 0; i < ST_COUNT; i++) {
		if (!in->fts && (i == ST_FTS_INSERT || i == ST_FTS_DELETE))
			continue;
		in->st[i] = idx_db_prepare(db, stmt_sql[i]);
		if (in->st[i] == NULL)
			goto fail;
	}
	in->identity = idx_identity_new(db);
	if (in->identity == NULL)
		goto fail;
	return in;
fail:
	idx_ingest_free(in);
	return NULL;
}

void
idx_ingest_free(struct idx_ingest *in)
{
	if (in == NULL)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(in->st[i]);
	idx_identity_free(in->identity);
	lt_buf_free(&in->signature);
	lt_buf_free(&in->name);
	free(in);
}

const struct idx_stats *
idx_ingest_stats(const struct idx_ingest *in)
{
	return &in->stats;
}

/*
 * Resets a statement for another use and returns it. step_done() and
 * step_int() also reset it after its last step, because a statement left
 * on a row keeps a read transaction open, and while one is open SQLite
 * cannot copy the WAL into the database (see identity.c).
 */
static sqlite3_stmt *
stmt(struct idx_ingest *in, enum stmt_id id)
{
	sqlite3_reset(in->st[id]);
	sqlite3_clear_bindings(in->st[id]);
	return in->st[id];
}

static void
bind_span(sqlite3_stmt *st, int col, struct lt_span s, bool null_if_empty)
{
	if (s.len == 0 && null_if_empty)
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_text64(st, col, s.ptr ? s.ptr : "", s.len,
		    SQLITE_STATIC, SQLITE_UTF8);
}

static void
bind_ts(sqlite3_stmt *st, int col, int64_t ts)
{
	if (ts == LT_TS_NONE)
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_int64(st, col, ts);
}

/* Steps a statement that returns no row. */
static int
step_done(struct idx_ingest *in, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return idx_db_error(in->db, "cannot write the index");
	sqlite3_reset(st);
	return 0;
}

/* Steps a statement that returns one integer; 1 with *value, 0 for no
 * row, or -1. */
static int
step_int(struct idx_ingest *in, sqlite3_stmt *st, int64_t *value)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*value = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 1;
	}
	if (rc == SQLITE_DONE)
		return 0;
	return idx_db_error(in->db, "cannot read the index");
}

static int
insert_request(struct idx_ingest *in, int64_t id,
    const struct lt_record *rec)
{
	struct lt_request req;
	sqlite3_stmt *st;

	if (!lt_request_parse(rec->message, &req))
		return 0;
	st = stmt(in, ST_REQUEST_INSERT);
	sqlite3_bind_int64(st, 1, id);
	bind_ts(st, 2, rec->ts);
	bind_span(st, 3, req.method, false);
	bind_span(st, 4, req.path, false);
	if (req.status > 0)
		sqlite3_bind_int(st, 5, req.status);
	if (req.duration_ms >= 0)
		sqlite3_bind_double(st, 6, req.duration_ms);
	sqlite3_bind_int(st, 7, req.failed);
	bind_span(st, 8, rec->correlation_id, true);
	return step_done(in, st);
}

static int
insert_error(struct idx_ingest *in, int64_t id, const struct lt_record *rec)
{
	sqlite3_stmt *st;
	int64_t sig;

	if (rec->level < LT_LEVEL_ERR)
		return 0;
	if (lt_signature(rec->message.ptr, rec->message.len,
	    &in->signature) == -1)
		return error_core();
	sig = (int64_t)lt_hash64(in->signature.data, in->signature.len);
	st = stmt(in, ST_SIGNATURE_INSERT);
	sqlite3_bind_int64(st, 1, sig);
	sqlite3_bind_text(st, 2, in->signature.data, (int)in->signature.len,
	    SQLITE_STATIC);
	if (step_done(in, st) == -1)
		return -1;
	st = stmt(in, ST_ERROR_INSERT);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, sig);
	bind_ts(st, 3, rec->ts);
	return step_done(in, st);
}

/*
 * Adds the events from in->fts_from on to the full-text index with one
 * statement, which took half the CPU time of one insert per event. The
 * writer holds the lock and new ids are the largest id plus one, so
 * every event from fts_from on is new in this transaction.
 */
static int
flush_fts(struct idx_ingest *in)
{
	sqlite3_stmt *st;

	if (in->fts_from == 0 || !in->fts) {
		in->fts_from = 0;
		return 0;
	}
	st = stmt(in, ST_FTS_INSERT);
	sqlite3_bind_int64(st, 1, in->fts_from);
	in->fts_from = 0;
	return step_done(in, st);
}

/* Adds the request and error rows of a new event; its full-text row
 * is added by flush_fts() before the commit. */
static int
insert_derived(struct idx_ingest *in, int64_t id,
    const struct lt_record *rec)
{
	if (in->fts_from == 0)
		in->fts_from = id;
	if (insert_request(in, id, rec) == -1)
		return -1;
	return insert_error(in, id, rec);
}

/* Looks the event up by its time and key: 1 with *id, 0, or -1. */
static int
find_event(struct idx_ingest *in, int64_t key, const struct lt_record *rec,
    int64_t *id)
{
	sqlite3_stmt *st = stmt(in, ST_EVENT_FIND);

	sqlite3_bind_int64(st, 1, key);
	bind_ts(st, 2, rec->ts);
	return step_int(in, st, id);
}

/*
 * Inserts the event under key; returns 1 with *id when it was new, 0
 * when the key exists (*id is that event), or -1. The UNIQUE index on
 * (ts, event_key) turns the insert of a timed event that exists into no
 * change. It treats NULL times as distinct, so an event without a time
 * is looked up first.
 */
static int
insert_event(struct idx_ingest *in, int64_t key, const struct lt_record *rec,
    int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	if (rec->ts == LT_TS_NONE && (rc = find_event(in, key, rec, id)) != 0)
		return rc == 1 ? 0 : -1;
	st = stmt(in, ST_EVENT_INSERT);
	sqlite3_bind_int64(st, 1, key);
	bind_ts(st, 2, rec->ts);
	sqlite3_bind_int(st, 3, rec->level);
	bind_span(st, 4, rec->correlation_id, true);
	bind_span(st, 5, rec->trace_id, true);
	bind_span(st, 6, rec->span_id, true);
	bind_span(st, 7, rec->message, false);
	bind_span(st, 8, rec->exception, true);
	sqlite3_bind_blob64(st, 9, rec->raw.ptr ? rec->raw.ptr : "",
	    rec->raw.len, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, rec->format);
	if (step_done(in, st) == -1)
		return -1;
	if (sqlite3_changes(in->db) == 1) {
		*id = sqlite3_last_insert_rowid(in->db);
		return 1;
	}
	if ((rc = find_event(in, key, rec, id)) != 1)
		return rc == -1 ? -1 :
		    idx_db_error(in->db, "cannot find an event by key");
	return 0;
}

/* True when the event already has a record in content. */
static int
linked_to(struct idx_ingest *in, int64_t id, int64_t content)
{
	sqlite3_stmt *st = stmt(in, ST_LINK_FIND);
	int64_t one;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, content);
	return step_int(in, st, &one);
}

/*
 * Stores a record and links it to its place in the content. The same
 * event written by two sinks has one event_key, so the second copy only
 * adds a link. A record identical to an earlier one of the same content
 * is a separate event: the n-th such copy gets the key
 * lt_hash64_seeded(key, n), so that a second sink that wrote the same
 * copies merges them one by one.
 */
static int
add_record(struct run *r, const struct lt_record *rec, uint64_t offset,
    uint64_t line)
{
	struct idx_ingest *in = r->in;
	uint64_t base = lt_record_event_key(rec);
	int64_t key = (int64_t)base, id = 0;
	sqlite3_stmt *st;
	int rc;

	for (uint64_t n = 1;; n++) {
		rc = insert_event(in, key, rec, &id);
		if (rc == 1) {
			if (insert_derived(in, id, rec) == -1)
				return -1;
			r->added++;
			break;
		}
		if (rc == -1 || (rc = linked_to(in, id, r->content.id)) == -1)
			return -1;
		if (rc == 0)
			break;
		key = (int64_t)lt_hash64_seeded(&base, sizeof(base), n);
	}
	st = stmt(in, ST_LINK_INSERT);
	sqlite3_bind_int64(st, 1, r->content.id);
	sqlite3_bind_int64(st, 2, (int64_t)offset);
	sqlite3_bind_int64(st, 3, (int64_t)line);
	sqlite3_bind_int64(st, 4, id);
	return step_done(in, st);
}

/* Deletes an event and its derived rows. */
static int
delete_event(struct idx_ingest *in, int64_t id)
{
	static const enum stmt_id order[] = { ST_FTS_DELETE,
	    ST_REQUEST_DELETE, ST_ERROR_DELETE, ST_EVENT_DELETE };
	sqlite3_stmt *st;

	/* The full-text row to delete must exist, and a new event may
	 * take the deleted id. */
	if (flush_fts(in) == -1)
		return -1;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (order[i] == ST_FTS_DELETE && !in->fts)
			continue;
		st = stmt(in, order[i]);
		sqlite3_bind_int64(st, 1, id);
		if (step_done(in, st) == -1)
			return -1;
	}
	return 0;
}

/*
 * Removes the record at offset of the content: the last record of an
 * earlier run that has grown since (a stack trace still being written).
 * The event goes too unless another source contains it.
 */
static int
unlink_record(struct run *r, uint64_t offset)
{
	struct idx_ingest *in = r->in;
	sqlite3_stmt *st;
	int64_t id = 0, links = 0;
	int rc;

	st = stmt(in, ST_LINK_GET);
	sqlite3_bind_int64(st, 1, r->content.id);
	sqlite3_bind_int64(st, 2, (int64_t)offset);
	if ((rc = step_int(in, st, &id)) != 1)
		return rc;
	st = stmt(in, ST_LINK_DELETE);
	sqlite3_bind_int64(st, 1, r->content.id);
	sqlite3_bind_int64(st, 2, (int64_t)offset);
	if (step_done(in, st) == -1)
		return -1;
	st = stmt(in, ST_LINK_COUNT);
	sqlite3_bind_int64(st, 1, id);
	if (step_int(in, st, &links) != 1)
		return -1;
	if (links == 0)
		return delete_event(in, id);
	return 0;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The name stored for a source: the absolute path of its file, followed
 * by ":member" for a bundle member, so that names do not depend on the
 * directory the index was run from. Standard input is "-".
 */
static int
source_name(const struct lt_source_info *info, struct lt_buf *out)
{
	char *abs;
	int rc;

	lt_buf_reset(out);
	if (strcmp(info->path, "-") == 0 ||
	    (abs = realpath(info->path, NULL)) == NULL)
		return lt_buf_printf(out, "%s", info->name);
	rc = lt_buf_printf(out, "%s%s%s", abs, info->member ? ":" : "",
	    info->member ? info->member : "");
	free(abs);
	return rc;
}

static int
save_source(struct run *r)
{
	const struct lt_source_info *info = r->info;
	const char *base = info->member ? info->member : info->path;
	struct lt_logname ln;
	sqlite3_stmt *st;

	if (strrchr(base, '/') != NULL)
		base = strrchr(base, '/') + 1;
	st = stmt(r->in, ST_SOURCE_UPSERT);
	if (source_name(info, &r->in->name) == -1)
		return error_core();
	sqlite3_bind_text(st, 1, r->in->name.data, (int)r->in->name.len,
	    SQLITE_STATIC);
	if (lt_logname_parse(base, &ln))
		sqlite3_bind_text(st, 2, ln.family, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, r->content.id);
	sqlite3_bind_int64(st, 4, now_ms());
	return step_done(r->in, st);
}

/* Stores the progress of the content and commits, then begins anew. */
static int
commit(struct run *r, bool begin_again)
{
	struct idx_ingest *in = r->in;
	int rc;

	r->content.tail_hash = (int64_t)lt_hash64(r->tail, r->tail_len);
	if (flush_fts(in) == -1)
		return -1;
	if (!r->yielded &&
	    idx_identity_save(in->identity, &r->content) == -1)
		return error_core();
	if (!r->yielded && r->content.indexed_len > 0 && save_source(r) == -1)
		return -1;
	if (idx_db_exec(in->db, "COMMIT") == -1)
		return -1;
	in->stats.records_added += r->added - r->replaced;
	in->stats.records_replaced += r->replaced;
	r->added = r->replaced = 0;
	r->pending = 0;
	if (!begin_again)
		return 0;
	if (idx_db_begin(in->db) == -1)
		return -1;
	/* Another run may have indexed this content while the lock was
	 * free; it goes on from there and this run stops. */
	rc = idx_identity_unchanged(in->identity, &r->content);
	if (rc == -1)
		return error_core();
	r->yielded = rc == 0;
	return 0;
}

static void
tail_push(struct run *r, const struct lt_span *raw)
{
	const unsigned char *p = (const unsigned char *)raw->ptr;
	size_t n = raw->len;

	if (n >= IDX_BLOCK) {
		memcpy(r->tail, p + n - IDX_BLOCK, IDX_BLOCK);
		r->tail_len = IDX_BLOCK;
		return;
	}
	if (r->tail_len + n > IDX_BLOCK) {
		size_t drop = r->tail_len + n - IDX_BLOCK;
		memmove(r->tail, r->tail + drop, r->tail_len - drop);
		r->tail_len -= drop;
	}
	memcpy(r->tail + r->tail_len, p, n);
	r->tail_len += n;
}

/*
 * Handles one parsed record. Returns 1 to go on, 0 to stop before it (a
 * last line still being written), or -1.
 */
static int
take_record(struct run *r, const struct lt_record *rec)
{
	struct idx_content *c = &r->content;
	uint64_t offset = r->start + rec->offset;
	uint64_t line = r->line_base + rec->line - 1;
	bool ended = rec->raw.len > 0 &&
	    rec->raw.ptr[rec->raw.len - 1] == '\n';
	bool replaced = false;
	uint64_t added;

	/* NOTE: a record longer than LT_RECORD_MAX is split without a line
	 * end, so in a file still being written the run stops there too. */
	if (!ended && !r->settled)
		return 0;
	if (c->records > 0 && offset == c->last_offset) {
		if (offset + rec->raw.len == c->indexed_len) {
			tail_push(r, &rec->raw);
			return 1;
		}
		if (unlink_record(r, offset) == -1)
			return -1;
		c->records--;
		replaced = true;
	}
	added = r->added;
	if (add_record(r, rec, offset, line) == -1)
		return -1;
	if (replaced && r->added > added)
		r->replaced++;
	tail_push(r, &rec->raw);
	c->last_offset = offset;
	c->last_line = line;
	c->indexed_len = offset + rec->raw.len;
	c->records++;
	r->changed = true;
	if (++r->pending < r->in->chunk)
		return 1;
	if (commit(r, true) == -1)
		return -1;
	return r->yielded ? 0 : 1;
}

static void
report_progress(struct run *r)
{
	struct idx_ingest *in = r->in;

	if (in->progress != NULL)
		in->progress(in->progress_ctx, &in->stats, r->info,
		    r->feed.bytes_read);
}

static int
parse_records(struct run *r)
{
	struct lt_parser *p;
	struct lt_record rec;
	int rc;

	p = lt_parser_new(idx_feed_read, &r->feed);
	if (p == NULL)
		return error_core();
	while ((rc = lt_parser_next(p, &rec)) == 1) {
		r->in->stats.records_read++;
		r->parsed++;
		r->timed += rec.ts != LT_TS_NONE;
		rc = take_record(r, &rec);
		if (rc != 1)
			break;
		if ((r->in->stats.records_read & 0x3fff) == 0)
			report_progress(r);
	}
	lt_parser_free(p);
	if (rc == -1 && *lt_error() != '\0')
		error_core();
	return rc == -1 ? -1 : 0;
}

/* True when the source will not grow: anything but a plain file, or a
 * plain file not modified for IDX_SETTLE_SECONDS. */
static bool
is_settled(const struct idx_feed *f)
{
	if (!idx_feed_seekable(f) || f->info->mtime < 0)
		return true;
	return time(NULL) - f->info->mtime >= IDX_SETTLE_SECONDS;
}

static int
run_source(struct run *r)
{
	struct idx_content *c = &r->content;

	if (idx_identity_find(r->in->identity, &r->feed, c) == -1)
		return error_core();
	r->start = c->records > 0 ? c->last_offset : 0;
	r->line_base = c->records > 0 ? c->last_line : 1;
	if (idx_feed_start(&r->feed, r->start, r->tail, &r->tail_len) == -1)
		return error_core();
	if (parse_records(r) == -1)
		return -1;
	if (!r->changed && c->known)
		r->in->stats.unchanged++;
	return 0;
}

/* Warns about a source that added records of which none has a time: a
 * file that is not a log at all is still indexed, as records without a
 * time. */
static void
warn_untimed(const struct run *r)
{
	if (!r->changed || r->timed > 0)
		return;
	warning("no record of '%s' has a time (%llu record%s): is it a log "
	    "file?", r->info->name, (unsigned long long)r->parsed,
	    r->parsed == 1 ? "" : "s");
}

int
idx_ingest_source(struct lt_source *src, void *ctx)
{
	struct idx_ingest *in = ctx;
	struct run r;

	memset(&r, 0, sizeof(r));
	r.in = in;
	r.info = lt_source_info(src);
	if (idx_feed_open(&r.feed, src) == -1) {
		error_core();
		in->stats.failed++;
		idx_feed_close(&r.feed);
		return 0;
	}
	r.settled = is_settled(&r.feed);
	if (idx_db_begin(in->db) == -1) {
		idx_feed_close(&r.feed);
		in->stats.failed++;
		return 0;
	}
	in->stats.sources++;
	if (run_source(&r) == -1 || commit(&r, false) == -1) {
		sqlite3_exec(in->db, "ROLLBACK", NULL, NULL, NULL);
		in->fts_from = 0;
		idx_feed_close(&r.feed);
		in->stats.failed++;
		return 0;
	}
	report_progress(&r);
	warn_untimed(&r);
	idx_feed_close(&r.feed);
	return 0;
}
