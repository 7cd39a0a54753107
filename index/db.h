/*
 * The index database: opening, creating and checking the schema that
 * docs/SCHEMA.md describes. Every function prints its own error through
 * cli.h and returns -1 or NULL, so a command only maps that to its exit
 * status.
 */
#ifndef IDX_DB_H
#define IDX_DB_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

/* The schema version that this build writes and reads. */
#define IDX_SCHEMA_VERSION 4

/* Milliseconds that a statement waits for another writer's lock; a
 * writer holds it for one transaction of up to IDX_CHUNK_RECORDS records. */
#define IDX_BUSY_TIMEOUT_MS 60000

enum idx_open_mode {
	IDX_OPEN_WRITE,		/* create the database when missing */
	IDX_OPEN_WRITE_NO_FTS,	/* the same, without the full-text table;
				   an index that has one is an error */
	IDX_OPEN_READ,		/* the database must exist */
};

/* Returns --db, else $LOGTOOL_DB, else "logtool.db". */
const char *idx_db_path(const char *option);

/*
 * Opens the index at path, sets the pragmas (WAL, synchronous=NORMAL,
 * busy timeout) and checks meta: the application name and the schema
 * version. In IDX_OPEN_WRITE mode a new or empty file gets the schema and
 * an older schema version is migrated. Returns NULL after printing the
 * reason, with *status set to the exit status to use.
 */
sqlite3	*idx_db_open(const char *path, enum idx_open_mode mode, int *status);

void	 idx_db_close(sqlite3 *db);

/*
 * Replaces a read-only connection whose last statement failed because
 * SQLite could not create the -shm file beside a database in WAL mode,
 * as in a folder the reader may not write. When no -wal file with
 * changes exists, closes db and returns a connection that reads path as
 * an immutable file. Returns db unchanged otherwise.
 */
sqlite3	*idx_db_reopen_immutable(sqlite3 *db, const char *path);

/* Returns 1 when the index has the full-text table events_fts, 0 when it
 * was created without it, -1 after printing the error. */
int	 idx_db_has_fts(sqlite3 *db);

/*
 * Drops the indexes that only queries use when the events table is
 * empty, so that a first load inserts into fewer B-trees in random order
 * and idx_db_build_indexes() builds them afterwards by sorting. A run
 * killed in between leaves a consistent index without them, which the
 * next idx_db_build_indexes() completes. idx_db_defer_indexes() returns
 * 1 when it dropped them, else 0; both return -1 after printing the
 * error. With analyze set, idx_db_build_indexes() also gathers the
 * statistics (ANALYZE) that make the query planner read the small
 * events_id_ts index in place of the events rows.
 */
int	 idx_db_defer_indexes(sqlite3 *db);
int	 idx_db_build_indexes(sqlite3 *db, bool analyze);

/*
 * Begins a write transaction (BEGIN IMMEDIATE). SQLite returns
 * SQLITE_BUSY without waiting in the busy handler in some races between
 * writers that start on a new database, so a busy start is tried again
 * until IDX_BUSY_TIMEOUT_MS have passed. Prints the error and returns
 * -1.
 */
int	 idx_db_begin(sqlite3 *db);

/* Runs SQL text without results; prints the error and returns -1. */
int	 idx_db_exec(sqlite3 *db, const char *sql);

/* Prepares sql; prints the error and returns NULL on failure. */
sqlite3_stmt *idx_db_prepare(sqlite3 *db, const char *sql);

/* Prints "logtool: <what>: <sqlite message>" and returns -1. */
int	 idx_db_error(sqlite3 *db, const char *what);

#endif
