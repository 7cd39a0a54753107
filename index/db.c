#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "db.h"
#include "schema.h"

/* Page cache sizes in KiB (negative, as PRAGMA cache_size takes them):
 * for inserting, and for building the indexes that only queries use. */
#define IDX_CACHE	"-131072"
#define IDX_SORT_CACHE	"-32768"

/* Planner statistics from at most 1,000 rows of each index: enough for
 * the choices between indexes that queries make, in a fraction of the
 * time of reading every row. */
#define IDX_ANALYZE_SQL	"PRAGMA analysis_limit=1000; ANALYZE;\n"

const char *
idx_db_path(const char *option)
{
	const char *env;

	if (option != NULL)
		return option;
	env = getenv("LOGTOOL_DB");
	if (env != NULL && *env != '\0')
		return env;
	return "logtool.db";
}

/*
 * Prints a failed write to the database file with its path and the next
 * step, and returns -1; returns 0 for any other error. The records
 * committed before stay, and the next run goes on after them.
 */
static int
write_failed(sqlite3 *db)
{
	const char *path = sqlite3_db_filename(db, "main");

	if (path == NULL || *path == '\0')
		path = "(unknown)";
	switch (sqlite3_errcode(db)) {
	case SQLITE_FULL:
		return error("cannot write the index '%s': database or disk "
		    "is full; free space and run 'logtool index' again",
		    path);
	case SQLITE_IOERR:
		return error("cannot write the index '%s': %s; check the "
		    "disk and its free space, then run 'logtool index' "
		    "again", path, sqlite3_errmsg(db));
	default:
		return 0;
	}
}

int
idx_db_error(sqlite3 *db, const char *what)
{
	if (write_failed(db) == -1)
		return -1;
	return error("%s: %s", what, sqlite3_errmsg(db));
}

int
idx_db_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	if (write_failed(db) == 0)
		error("SQL failed: %s", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return -1;
}

static int64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs sql, again while it fails with SQLITE_BUSY, for up to
 * IDX_BUSY_TIMEOUT_MS; prints the last error and returns -1. */
static int
exec_when_free(sqlite3 *db, const char *sql)
{
	int64_t start = monotonic_ms();
	int rc;

	while ((rc = sqlite3_exec(db, sql, NULL, NULL, NULL)) != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_BUSY ||
		    monotonic_ms() - start >= IDX_BUSY_TIMEOUT_MS)
			return idx_db_exec(db, sql);
		sqlite3_sleep(10);
	}
	return 0;
}

int
idx_db_begin(sqlite3 *db)
{
	return exec_when_free(db, "BEGIN IMMEDIATE");
}

sqlite3_stmt *
idx_db_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		idx_db_error(db, "cannot prepare SQL");
		return NULL;
	}
	return st;
}

void
idx_db_close(sqlite3 *db)
{
	if (db != NULL)
		sqlite3_close_v2(db);
}

/* Returns 1 when the database has no table yet, 0 when it has, -1. */
static int
db_is_empty(sqlite3 *db)
{
	sqlite3_stmt *st;
	int rc, empty;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	empty = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return -1;
	return empty;
}

static int
db_create(sqlite3 *db, bool fts)
{
	char version[64];

	snprintf(version, sizeof(version), "INSERT INTO meta VALUES("
	    "'schema_version', '%d');", IDX_SCHEMA_VERSION);
	if (idx_db_begin(db) == -1)
		return -1;
	/* Another writer may have created the schema in the meantime. */
	if (db_is_empty(db) != 1)
		return idx_db_exec(db, "COMMIT");
	if (idx_db_exec(db, idx_schema_sql) == -1 ||
	    (fts && idx_db_exec(db, idx_fts_sql) == -1) ||
	    idx_db_exec(db, idx_query_index_sql) == -1 ||
	    idx_db_exec(db, version) == -1) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return idx_db_exec(db, "COMMIT");
}

/* Returns 1 when events has no row, 0 when it has, -1. */
static int
events_empty(sqlite3 *db)
{
	sqlite3_stmt *st;
	int rc, empty;

	if (sqlite3_prepare_v2(db, "SELECT NOT EXISTS(SELECT 1 FROM events)",
	    -1, &st, NULL) != SQLITE_OK)
		return idx_db_error(db, "cannot read the index");
	rc = sqlite3_step(st);
	empty = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return idx_db_error(db, "cannot read the index");
	return empty;
}

int
idx_db_defer_indexes(sqlite3 *db)
{
	int empty;

	if (idx_db_begin(db) == -1)
		return -1;
	empty = events_empty(db);
	if (empty == -1 || (empty == 1 &&
	    idx_db_exec(db, idx_query_index_drop_sql) == -1)) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return idx_db_exec(db, "COMMIT") == -1 ? -1 : empty;
}

int
idx_db_build_indexes(sqlite3 *db, bool analyze)
{
	int rc;

	/* CREATE INDEX sorts in memory up to the page cache's size, so a
	 * smaller cache while it runs keeps the peak memory of a load near
	 * that of the inserts. */
	if (idx_db_exec(db, "PRAGMA cache_size=" IDX_SORT_CACHE) == -1 ||
	    idx_db_begin(db) == -1)
		return -1;
	if (idx_db_exec(db, idx_query_index_sql) == -1 ||
	    (analyze && idx_db_exec(db, IDX_ANALYZE_SQL) == -1)) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	rc = idx_db_exec(db, "COMMIT");
	if (idx_db_exec(db, "PRAGMA cache_size=" IDX_CACHE) == -1)
		return -1;
	return rc;
}

/*
 * Reads meta.value for key into out. Returns 1 when found, 0 when the row
 * is missing, -2 when there is no meta table, and -1 on another error.
 */
static int
meta_get(sqlite3 *db, const char *key, char *out, size_t cap)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *v;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?",
	    -1, &st, NULL) != SQLITE_OK)
		return strstr(sqlite3_errmsg(db), "no such table") ? -2 : -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		v = sqlite3_column_text(st, 0);
		snprintf(out, cap, "%s", v ? (const char *)v : "");
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Migrations from each older schema version to the next, in order; entry
 * i upgrades version i + 1. Version 2 added the index events_id_ts and
 * the planner statistics that make queries use it. Version 3 added the
 * indexes that look up a correlation id or trace id in any letter case.
 * Version 4 keys events by (ts, event_key), whose index also serves time
 * ranges, and keeps one index per id, in any letter case. An upgraded
 * index keeps the UNIQUE constraint of event_key, which a new one does
 * not have.
 */
static const char *const migrations[] = {
	"CREATE INDEX IF NOT EXISTS events_id_ts ON events(id, ts);\n"
	"ANALYZE;\n",
	"CREATE INDEX IF NOT EXISTS events_correlation_nocase\n"
	"  ON events(correlation_id COLLATE NOCASE);\n"
	"CREATE INDEX IF NOT EXISTS events_trace_nocase\n"
	"  ON events(trace_id COLLATE NOCASE);\n"
	"ANALYZE;\n",
	"CREATE UNIQUE INDEX IF NOT EXISTS events_ts_key\n"
	"  ON events(ts, event_key);\n"
	"DROP INDEX IF EXISTS events_ts;\n"
	"DROP INDEX IF EXISTS events_correlation;\n"
	"DROP INDEX IF EXISTS events_trace;\n"
	"DROP INDEX IF EXISTS events_correlation_nocase;\n"
	"DROP INDEX IF EXISTS events_trace_nocase;\n"
	"CREATE INDEX events_correlation\n"
	"  ON events(correlation_id COLLATE NOCASE, ts);\n"
	"CREATE INDEX events_trace ON events(trace_id COLLATE NOCASE, ts);\n"
	IDX_ANALYZE_SQL,
};

static int
db_migrate(sqlite3 *db, const char *path, long version)
{
	char sql[128];

	if (version < 1 || version - 1 >= (long)(sizeof(migrations) /
	    sizeof(migrations[0])) || migrations[version - 1] == NULL)
		return error("index '%s' has schema version %ld, which this "
		    "logtool cannot upgrade; delete it and index again", path,
		    version);
	if (idx_db_begin(db) == -1)
		return -1;
	for (long v = version; v < IDX_SCHEMA_VERSION; v++) {
		if (idx_db_exec(db, migrations[v - 1]) == -1) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	snprintf(sql, sizeof(sql), "UPDATE meta SET value = '%d' "
	    "WHERE key = 'schema_version'", IDX_SCHEMA_VERSION);
	if (idx_db_exec(db, sql) == -1) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return idx_db_exec(db, "COMMIT");
}

int
idx_db_has_fts(sqlite3 *db)
{
	sqlite3_stmt *st;
	int rc;

	st = idx_db_prepare(db, "SELECT 1 FROM sqlite_master "
	    "WHERE name = 'events_fts'");
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : idx_db_error(db, "cannot read the "
	    "index");
}

/*
 * Checks --no-fts against an existing index before anything is written:
 * the option chooses the layout of a new index, and an index with its
 * full-text table keeps it. Returns true after printing the error, with
 * *status set.
 */
static bool
has_fts_already(sqlite3 *db, const char *path, int *status)
{
	switch (idx_db_has_fts(db)) {
	case 0:
		return false;
	case 1:
		error("--no-fts: index '%s' already has a full-text index; "
		    "give a new --db to create one without it", path);
		*status = EXIT_USAGE;
		return true;
	default:
		*status = EXIT_FAIL;
		return true;
	}
}

/* Checks that db is a logtool index of a version this build reads. */
static int
db_check(sqlite3 *db, const char *path, enum idx_open_mode mode)
{
	char value[64];
	long version;
	int rc;

	rc = meta_get(db, "application", value, sizeof(value));
	if (rc == -2 || (rc == 0) || (rc == 1 && strcmp(value, "logtool")))
		return error("'%s' is not a logtool index (%s)", path,
		    rc == -2 ? "no meta table" : "no application row");
	if (rc == -1)
		return error("'%s' is not a logtool index (%s)", path,
		    sqlite3_errmsg(db));
	if (meta_get(db, "schema_version", value, sizeof(value)) != 1)
		return error("'%s' is not a logtool index (no schema "
		    "version)", path);
	version = strtol(value, NULL, 10);
	if (version > IDX_SCHEMA_VERSION)
		return error("index '%s' was created by a newer logtool "
		    "(schema version %ld, this logtool reads %d)", path,
		    version, IDX_SCHEMA_VERSION);
	if (version == IDX_SCHEMA_VERSION)
		return 0;
	if (mode == IDX_OPEN_READ)
		return error("index '%s' has the older schema version %ld; "
		    "run 'logtool index --db %s PATH...' to upgrade it",
		    path, version, path);
	return db_migrate(db, path, version);
}

/*
 * Creates the schema of a new database before it is switched to WAL
 * mode. Both steps write in rollback-journal mode, so a writer killed
 * during either leaves a journal whose rollback gives back an empty file
 * or the whole schema, never a first page without tables.
 */
static int
db_create_new(sqlite3 *db, bool fts)
{
	/* Pages of 16 KiB in place of 4 KiB halved the system time of
	 * indexing a 70 MB log and cut the user time by a tenth
	 * (bench/results-index.md). */
	if (idx_db_exec(db, "PRAGMA page_size=16384") == -1)
		return -1;
	return db_create(db, fts);
}

static int
db_set_pragmas(sqlite3 *db, enum idx_open_mode mode)
{
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	if (mode == IDX_OPEN_READ)
		return 0;
	/* Switching to WAL mode takes an exclusive lock without calling
	 * the busy handler. */
	if (exec_when_free(db, "PRAGMA journal_mode=WAL") == -1)
		return -1;
	/* A page cache of 128 MiB in place of SQLite's 2 MiB halved the
	 * wall time of indexing a 16 MB log; 512 MiB gained nothing more
	 * on a 100 MB log (bench/results-index.md). */
	if (idx_db_exec(db, "PRAGMA cache_size=" IDX_CACHE) == -1)
		return -1;
	return idx_db_exec(db, "PRAGMA synchronous=NORMAL");
}

/* Maps an open failure to a message; a missing file is a usage error. */
static sqlite3 *
open_failed(sqlite3 *db, const char *path, enum idx_open_mode mode,
    int *status)
{
	struct stat sb;

	*status = EXIT_FAIL;
	if (stat(path, &sb) == -1) {
		int saved = errno;

		*status = EXIT_USAGE;
		error("cannot open index '%s': %s", path, strerror(saved));
		/* The same next step as analyze and report give. */
		if (saved == ENOENT && mode == IDX_OPEN_READ)
			fprintf(stderr, "Run 'logtool index --db %s PATH...' "
			    "first.\n", path);
	} else if (S_ISDIR(sb.st_mode)) {
		*status = EXIT_USAGE;
		error("cannot open index '%s': it is a directory", path);
	} else if (db != NULL) {
		error("cannot open index '%s': %s", path,
		    sqlite3_errmsg(db));
	} else {
		error("cannot open index '%s': out of memory", path);
	}
	idx_db_close(db);
	return NULL;
}

/*
 * Rolls back the hot journal that a writer killed in the middle of a
 * rollback-journal transaction left: switching a new database to WAL
 * mode writes its first page that way. A read-only connection cannot
 * roll it back, so a read-write one does, as any SQLite reader with
 * write access would. Returns 1 when it did, else 0.
 */
static int
roll_back_journal(sqlite3 *db, const char *path)
{
	sqlite3 *rw = NULL;
	int done;

	if (sqlite3_extended_errcode(db) != SQLITE_READONLY_ROLLBACK)
		return 0;
	if (sqlite3_open_v2(path, &rw, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		idx_db_close(rw);
		return 0;
	}
	sqlite3_busy_timeout(rw, IDX_BUSY_TIMEOUT_MS);
	done = db_is_empty(rw) != -1;
	idx_db_close(rw);
	return done;
}

/*
 * Opens path read-only as an immutable file, for a reader that cannot
 * create the WAL index file (-shm) beside the database: SQLite needs it
 * for a database in WAL mode even to read. This is done only when no
 * -wal file exists or it is empty, so that no committed change is left
 * out. Returns the connection, or NULL.
 *
 * NOTE: an immutable reader takes no lock. A writer of another user,
 * who may write the folder, could change the file during the read, and
 * the read may then fail or mix old and new pages.
 */
static sqlite3 *
open_immutable(const char *path)
{
	struct lt_buf uri = LT_BUF_INIT;
	char wal[PATH_MAX];
	struct stat sb;
	sqlite3 *db = NULL;
	int rc = 0;

	if (snprintf(wal, sizeof(wal), "%s-wal", path) >= (int)sizeof(wal) ||
	    (stat(wal, &sb) == 0 && sb.st_size > 0))
		return NULL;
	/* An empty authority, so that a path that starts with "//" is not
	 * read as a host name. */
	rc |= path[0] == '/' ? lt_buf_append(&uri, "file://", 7) :
	    lt_buf_append(&uri, "file:", 5);
	for (const char *p = path; *p != '\0' && rc == 0; p++)
		rc |= strchr("%?#", *p) != NULL ?
		    lt_buf_printf(&uri, "%%%02X", (unsigned char)*p) :
		    lt_buf_putc(&uri, *p);
	rc |= lt_buf_printf(&uri, "?immutable=1");
	if (rc == 0 && sqlite3_open_v2(uri.data, &db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		idx_db_close(db);
		db = NULL;
	}
	lt_buf_free(&uri);
	return db;
}

/* True when a read failed because SQLite could not create the -shm file
 * of a database in WAL mode. */
static bool
needs_shm(sqlite3 *db)
{
	return (sqlite3_extended_errcode(db) & 0xff) == SQLITE_READONLY ||
	    sqlite3_extended_errcode(db) == SQLITE_CANTOPEN;
}

sqlite3 *
idx_db_reopen_immutable(sqlite3 *db, const char *path)
{
	sqlite3 *ro;

	if (db == NULL || !needs_shm(db) || (ro = open_immutable(path)) ==
	    NULL)
		return db;
	idx_db_close(db);
	return ro;
}

sqlite3 *
idx_db_open(const char *path, enum idx_open_mode mode, int *status)
{
	sqlite3 *db = NULL;
	int flags, empty;

	flags = mode == IDX_OPEN_READ ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		return open_failed(db, path, mode, status);
	/* SQLite opens a file it may not write read-only, without error. */
	if (mode != IDX_OPEN_READ && sqlite3_db_readonly(db, "main") == 1) {
		*status = EXIT_USAGE;
		error("cannot write the index '%s': the file is read-only",
		    path);
		goto fail;
	}
	sqlite3_busy_timeout(db, IDX_BUSY_TIMEOUT_MS);
	*status = EXIT_USAGE;
	empty = db_is_empty(db);
	if (empty == -1 && roll_back_journal(db, path))
		empty = db_is_empty(db);
	if (empty == -1 && mode == IDX_OPEN_READ) {
		sqlite3 *ro = idx_db_reopen_immutable(db, path);

		if (ro != db) {
			db = ro;
			empty = db_is_empty(db);
		}
	}
	if (empty == -1 && mode == IDX_OPEN_READ && needs_shm(db)) {
		error("cannot read index '%s': SQLite must create '%s-shm' "
		    "beside it, in a folder this user may not write, because "
		    "'%s-wal' holds changes", path, path, path);
		goto fail;
	}
	if (empty == -1) {
		error("'%s' is not a logtool index (%s)", path,
		    sqlite3_errmsg(db));
		goto fail;
	}
	/* A first index run commits the schema a moment after it creates
	 * the file. */
	if (empty && mode == IDX_OPEN_READ) {
		error("index '%s' has no tables yet; is its first 'logtool "
		    "index' still running?", path);
		goto fail;
	}
	if (!empty && mode == IDX_OPEN_WRITE_NO_FTS && has_fts_already(db,
	    path, status))
		goto fail;
	*status = EXIT_FAIL;
	if (empty && mode != IDX_OPEN_READ &&
	    db_create_new(db, mode == IDX_OPEN_WRITE) == -1)
		goto fail;
	if (db_set_pragmas(db, mode) == -1)
		goto fail;
	*status = EXIT_USAGE;
	if (db_check(db, path, mode) == -1)
		goto fail;
	*status = EXIT_OK;
	return db;
fail:
	idx_db_close(db);
	return NULL;
}
