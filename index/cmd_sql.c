/*
 * logtool sql: run one read-only SQL statement on the index and print
 * its rows.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "db.h"
#include "rows.h"

static const char sql_usage[] =
    "usage: logtool sql [--db FILE] [--format tsv|json] 'SELECT ...'\n"
    "\n"
    "Run one read-only SQL statement on the index and print its rows.\n"
    "The tables are described in logtool-sql(1) and docs/SCHEMA.md.\n"
    "Statements that write, ATTACH, load extensions or set pragmas are\n"
    "rejected.\n"
    "\n"
    "  --db FILE       index database (default: $LOGTOOL_DB, else\n"
    "                  ./logtool.db)\n"
    "  --format FMT    tsv (default, with a header line) or json\n"
    "                  (one object per row)\n"
    "  -h, --help      print this help and exit\n"
    "\n"
    "Exit status: 0 success, 1 failure, 2 invalid SQL, a rejected\n"
    "statement, or a missing or invalid index.\n";

/* Pragmas that only read; any other pragma is rejected. */
static const char *const read_pragmas[] = {
	"table_info", "table_xinfo", "index_list", "index_info",
	"index_xinfo", "foreign_key_list", "integrity_check",
	"quick_check", "page_count", "page_size", "schema_version",
	"user_version", "database_list", "compile_options", "freelist_count",
	"function_list", "module_list", "pragma_list", "table_list",
	"collation_list", "encoding", "application_id", "data_version",
	NULL
};

static bool
is_read_pragma(const char *name, const char *value)
{
	if (value != NULL && strcmp(name, "table_info") != 0 &&
	    strcmp(name, "table_xinfo") != 0 &&
	    strcmp(name, "index_list") != 0 &&
	    strcmp(name, "index_info") != 0 &&
	    strcmp(name, "index_xinfo") != 0 &&
	    strcmp(name, "foreign_key_list") != 0 &&
	    strcmp(name, "integrity_check") != 0 &&
	    strcmp(name, "quick_check") != 0)
		return false;
	for (size_t i = 0; read_pragmas[i] != NULL; i++)
		if (strcasecmp(name, read_pragmas[i]) == 0)
			return true;
	return false;
}

/* Allows reads and functions; rejects writes, ATTACH and pragmas that
 * set a value. The database is also opened read-only. */
static int
authorize(void *ctx, int action, const char *a, const char *b,
    const char *db, const char *trigger)
{
	(void)ctx;
	(void)db;
	(void)trigger;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_PRAGMA:
		return is_read_pragma(a, b) ? SQLITE_OK : SQLITE_DENY;
	case SQLITE_UPDATE:
		/* FTS5 requests this while it connects its virtual table;
		 * the read-only connection could not write it anyway. */
		return strcmp(a, "sqlite_master") == 0 ? SQLITE_OK :
		    SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

static int
parse_sql_opts(int argc, char **argv, const char **dbpath,
    enum rows_format *format, int *status)
{
	static const struct option longopts[] = {
		{ "db",     required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help",   no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	*status = EXIT_USAGE;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(sql_usage, stdout);
			*status = EXIT_OK;
			return -1;
		} else if (c == 'd') {
			*dbpath = optarg;
		} else if (c == 'f' && strcmp(optarg, "tsv") == 0) {
			*format = ROWS_TSV;
		} else if (c == 'f' && strcmp(optarg, "json") == 0) {
			*format = ROWS_JSON;
		} else if (c == 'f') {
			usage_error("sql", "invalid format '%s' (expected tsv "
			    "or json)", optarg);
			return -1;
		} else {
			usage_hint("sql");
			return -1;
		}
	}
	if (argc - optind != 1) {
		usage_error("sql", argc == optind ? "missing SQL operand" :
		    "expected one SQL operand, got %d", argc - optind);
		return -1;
	}
	return 0;
}

/* Prepares the one statement in text; anything after it but white space
 * and semicolons is rejected. */
static sqlite3_stmt *
prepare_one(sqlite3 *db, const char *text)
{
	sqlite3_stmt *st = NULL;
	const char *rest = NULL;

	if (sqlite3_prepare_v2(db, text, -1, &st, &rest) != SQLITE_OK) {
		if (sqlite3_errcode(db) == SQLITE_AUTH)
			error("SQL rejected: %s", ROWS_READ_ONLY);
		else
			error("invalid SQL: %s", sqlite3_errmsg(db));
		return NULL;
	}
	if (st == NULL) {
		error("no SQL statement in '%s'", text);
		return NULL;
	}
	while (rest != NULL && (*rest == ' ' || *rest == '\t' ||
	    *rest == '\n' || *rest == '\r' || *rest == ';'))
		rest++;
	if (rest != NULL && *rest != '\0') {
		sqlite3_finalize(st);
		error("only one SQL statement may be given; remove '%.40s'",
		    rest);
		return NULL;
	}
	return st;
}

int
cmd_sql(int argc, char **argv)
{
	enum rows_format format = ROWS_TSV;
	const char *dbpath = NULL;
	sqlite3_stmt *st;
	sqlite3 *db;
	int status, usage;
	int64_t rows;

	if (parse_sql_opts(argc, argv, &dbpath, &format, &status) == -1)
		return status;
	db = idx_db_open(idx_db_path(dbpath), IDX_OPEN_READ, &status);
	if (db == NULL)
		return status;
	sqlite3_set_authorizer(db, authorize, NULL);
	st = prepare_one(db, argv[optind]);
	if (st == NULL) {
		idx_db_close(db);
		return EXIT_USAGE;
	}
	rows = rows_print(db, st, format, &usage);
	sqlite3_finalize(st);
	idx_db_close(db);
	if (rows < 0)
		return usage ? EXIT_USAGE : EXIT_FAIL;
	return finish_output(EXIT_OK, EXIT_FAIL);
}
