#ifndef IDX_SCHEMA_H
#define IDX_SCHEMA_H

/* CREATE statements of every table and of the indexes that writing
 * needs, and the meta rows other than schema_version. */
extern const char idx_schema_sql[];

/* CREATE of the full-text table events_fts. */
extern const char idx_fts_sql[];

/* CREATE INDEX IF NOT EXISTS, and DROP INDEX IF EXISTS, of the indexes
 * that only queries use (events_level_ts, requests_ts and the others). */
extern const char idx_query_index_sql[];
extern const char idx_query_index_drop_sql[];

#endif
