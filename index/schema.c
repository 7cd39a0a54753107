/*
 * The SQL text of the index schema, version IDX_SCHEMA_VERSION. The
 * tables are described for users in docs/SCHEMA.md; meta, events and
 * requests are read by analyze and report and keep their columns.
 * The full-text table is kept apart, because an index may be created
 * without it, and so are the indexes that only queries use, so that a
 * run that starts on an empty index can build them once after loading.
 */
#include "schema.h"

const char idx_schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);\n"
    "CREATE TABLE contents(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  head_len INTEGER NOT NULL,\n"
    "  head_hash INTEGER NOT NULL,\n"
    "  indexed_len INTEGER NOT NULL,\n"
    "  tail_hash INTEGER NOT NULL,\n"
    "  last_offset INTEGER NOT NULL,\n"
    "  last_line INTEGER NOT NULL,\n"
    "  records INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX contents_head ON contents(head_hash);\n"
    "CREATE TABLE sources(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL,\n"
    "  family TEXT,\n"
    "  content_id INTEGER NOT NULL REFERENCES contents(id),\n"
    "  first_indexed INTEGER NOT NULL,\n"
    "  last_indexed INTEGER NOT NULL,\n"
    "  UNIQUE(name, content_id)\n"
    ");\n"
    "CREATE INDEX sources_content ON sources(content_id);\n"
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  event_key INTEGER NOT NULL,\n"
    "  ts INTEGER,\n"
    "  level INTEGER NOT NULL,\n"
    "  correlation_id TEXT,\n"
    "  trace_id TEXT, span_id TEXT,\n"
    "  message TEXT NOT NULL,\n"
    "  exception TEXT,\n"
    "  raw BLOB NOT NULL,\n"
    "  format INTEGER NOT NULL\n"
    ");\n"
    "CREATE UNIQUE INDEX events_ts_key ON events(ts, event_key);\n"
    "CREATE TABLE event_sources(\n"
    "  content_id INTEGER NOT NULL REFERENCES contents(id),\n"
    "  offset INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL,\n"
    "  event_id INTEGER NOT NULL REFERENCES events(id),\n"
    "  PRIMARY KEY(content_id, offset)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX event_sources_event ON event_sources(event_id);\n"
    "CREATE TABLE requests(\n"
    "  event_id INTEGER PRIMARY KEY REFERENCES events(id),\n"
    "  ts INTEGER,\n"
    "  method TEXT NOT NULL, path TEXT NOT NULL,\n"
    "  status INTEGER,\n"
    "  duration_ms REAL,\n"
    "  failed INTEGER NOT NULL,\n"
    "  correlation_id TEXT\n"
    ");\n"
    "CREATE TABLE signatures(id INTEGER PRIMARY KEY, text TEXT NOT NULL);\n"
    "CREATE TABLE errors(\n"
    "  event_id INTEGER PRIMARY KEY REFERENCES events(id),\n"
    "  signature_id INTEGER NOT NULL REFERENCES signatures(id),\n"
    "  ts INTEGER\n"
    ");\n"
    "INSERT INTO meta VALUES('application', 'logtool');\n";

const char idx_fts_sql[] =
    "CREATE VIRTUAL TABLE events_fts USING fts5(message, exception,\n"
    "  content='events', content_rowid='id');\n";

const char idx_query_index_drop_sql[] =
    "DROP INDEX IF EXISTS events_id_ts;\n"
    "DROP INDEX IF EXISTS events_level_ts;\n"
    "DROP INDEX IF EXISTS events_correlation;\n"
    "DROP INDEX IF EXISTS events_trace;\n"
    "DROP INDEX IF EXISTS events_correlation_nocase;\n"
    "DROP INDEX IF EXISTS events_trace_nocase;\n"
    "DROP INDEX IF EXISTS requests_ts;\n"
    "DROP INDEX IF EXISTS errors_signature;\n"
    "DROP INDEX IF EXISTS errors_ts;\n";

const char idx_query_index_sql[] =
    "CREATE INDEX IF NOT EXISTS events_id_ts ON events(id, ts);\n"
    "CREATE INDEX IF NOT EXISTS events_level_ts ON events(level, ts);\n"
    "CREATE INDEX IF NOT EXISTS events_correlation\n"
    "  ON events(correlation_id COLLATE NOCASE, ts);\n"
    "CREATE INDEX IF NOT EXISTS events_trace\n"
    "  ON events(trace_id COLLATE NOCASE, ts);\n"
    "CREATE INDEX IF NOT EXISTS requests_ts ON requests(ts);\n"
    "CREATE INDEX IF NOT EXISTS errors_signature\n"
    "  ON errors(signature_id, ts);\n"
    "CREATE INDEX IF NOT EXISTS errors_ts ON errors(ts);\n";
