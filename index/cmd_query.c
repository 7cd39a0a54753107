/*
 * logtool query: print the indexed records that match the filters, count
 * them, or list the most frequent error signatures (--top).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmds.h"
#include "db.h"
#include "output.h"
#include "querybuild.h"
#include "rows.h"
#include "timeutil.h"

#define TOP_DEFAULT 10

/* The exit status as grep has it: 1 is only "nothing matched", and a
 * failure to read the index is 2, like invalid input. */
enum {
	QUERY_NONE = EXIT_FAIL,
	QUERY_ERROR = EXIT_USAGE,
};

static const char query_usage[] =
    "usage: logtool query [--db FILE] [FILTER]... [--format FMT]\n"
    "                     [--limit N] [--count | --top [N]]\n"
    "\n"
    "Print the indexed records that match every filter, in time order.\n"
    "\n"
    "Filters:\n"
    "  --since T          records at or after time T\n"
    "  --until T          records before time T\n"
    "                     T: 2025-12-03T14:05[:00][+01:00] or with a\n"
    "                     space for the T (local time without an\n"
    "                     offset), -2h, -30m, -1d, now\n"
    "  --level L          level L (VRB DBG INF WRN ERR FTL); L+ means\n"
    "                     L or above, as in ERR+\n"
    "  --correlation ID   records with this correlation id\n"
    "  --trace ID         every record of a correlation id or trace id,\n"
    "                     in any letter case\n"
    "  --family NAME      records from files of this family (aura-api)\n"
    "  --source FILE      records from this file: a path, base name or\n"
    "                     bundle member name\n"
    "  --match WORDS      records with every word in the message or\n"
    "                     exception (full-text search, '-' and '.' kept),\n"
    "                     or equal to the correlation id or trace id in\n"
    "                     any case; other properties: use --grep\n"
    "  --fts QUERY        full-text search in FTS5 query syntax\n"
    "  --grep REGEX       PCRE2 regular expression on the record bytes\n"
    "\n"
    "Output:\n"
    "  --format FMT       raw (default: the record bytes), tsv or json\n"
    "  --limit N          print at most N records\n"
    "  --count            print the number of matching records\n"
    "  --top [N]          the N (default 10) most frequent error\n"
    "                     signatures of ERR and FTL records: count, first\n"
    "                     and last time, an example correlation id\n"
    "  --db FILE          index database (default: $LOGTOOL_DB, else\n"
    "                     ./logtool.db)\n"
    "  -h, --help         print this help and exit\n"
    "\n"
    "Exit status: 0 something matched, 1 nothing matched, 2 invalid\n"
    "input, a missing or invalid index, or reading it failed.\n";

enum query_mode {
	MODE_RECORDS,
	MODE_COUNT,
	MODE_TOP,
};

struct query_opts {
	const char		*db;
	struct query_filter	 filter;
	const char		*grep;
	enum output_format	 format;
	long long		 limit;		/* -1: no limit */
	enum query_mode		 mode;
	long long		 top;
	char			*source_abs;	/* --source made absolute */
};

enum {
	OPT_DB = 256, OPT_SINCE, OPT_UNTIL, OPT_LEVEL, OPT_CORRELATION,
	OPT_TRACE, OPT_FAMILY, OPT_SOURCE, OPT_MATCH, OPT_FTS, OPT_GREP,
	OPT_FORMAT, OPT_LIMIT, OPT_COUNT, OPT_TOP,
};

static const struct option query_longopts[] = {
	{ "db",          required_argument, NULL, OPT_DB },
	{ "since",       required_argument, NULL, OPT_SINCE },
	{ "until",       required_argument, NULL, OPT_UNTIL },
	{ "level",       required_argument, NULL, OPT_LEVEL },
	{ "correlation", required_argument, NULL, OPT_CORRELATION },
	{ "trace",       required_argument, NULL, OPT_TRACE },
	{ "family",      required_argument, NULL, OPT_FAMILY },
	{ "source",      required_argument, NULL, OPT_SOURCE },
	{ "match",       required_argument, NULL, OPT_MATCH },
	{ "fts",         required_argument, NULL, OPT_FTS },
	{ "grep",        required_argument, NULL, OPT_GREP },
	{ "format",      required_argument, NULL, OPT_FORMAT },
	{ "limit",       required_argument, NULL, OPT_LIMIT },
	{ "count",       no_argument,       NULL, OPT_COUNT },
	{ "top",         optional_argument, NULL, OPT_TOP },
	{ "help",        no_argument,       NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
parse_time_option(const char *option, const char *value, int64_t *ms)
{
	if (lt_time_parse_arg(value, lt_now_ms(), ms) == 0)
		return 0;
	usage_error("query", "invalid %s time: %s", option, lt_error());
	return -1;
}

/* Level grammar: LVL [ "+" ], LVL as lt_level_parse() accepts. */
static int
parse_level_option(const char *value, struct query_filter *f)
{
	size_t len = strlen(value);

	f->level_min = len > 0 && value[len - 1] == '+';
	if (f->level_min)
		len--;
	f->level = lt_level_parse(value, len);
	if (f->level != LT_LEVEL_NONE)
		return 0;
	usage_error("query", "invalid level '%s' (expected VRB, DBG, INF, "
	    "WRN, ERR or FTL, optionally followed by '+')", value);
	return -1;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Takes the count of "--top N" from the next argument when it is a
 * number, a negative one included so that it is rejected as a count
 * rather than read as options. N is 1 to 1000000.
 */
static int
parse_top(int argc, char **argv, struct query_opts *o)
{
	const char *value = optarg, *next;
	char *end;

	o->mode = MODE_TOP;
	o->top = TOP_DEFAULT;
	next = optind < argc ? argv[optind] : "";
	if (value == NULL && (is_digit(next[0]) ||
	    (next[0] == '-' && is_digit(next[1]))))
		value = argv[optind++];
	if (value == NULL)
		return 0;
	errno = 0;
	o->top = strtoll(value, &end, 10);
	if (is_digit(value[0]) && *end == '\0' && errno == 0 &&
	    o->top >= 1 && o->top <= 1000000)
		return 0;
	usage_error("query", "invalid --top '%s': expected a whole number "
	    "from 1 to 1000000", value);
	return -1;
}

/* An existing file is named by its absolute path, as index stores it;
 * anything else (a base name, a bundle member) is used as given. */
static const char *
source_operand(struct query_opts *o, const char *value)
{
	free(o->source_abs);
	o->source_abs = NULL;
	if (access(value, F_OK) == 0)
		o->source_abs = realpath(value, NULL);
	return o->source_abs ? o->source_abs : value;
}

/* Stores a filter option's value; returns 0, or -1 when c is not one. */
static int
set_filter(int c, struct query_filter *f)
{
	switch (c) {
	case OPT_CORRELATION:
		f->correlation = optarg;
		break;
	case OPT_TRACE:
		f->trace = optarg;
		break;
	case OPT_FAMILY:
		f->family = optarg;
		break;
	case OPT_SOURCE:
		f->source = optarg;
		break;
	case OPT_MATCH:
		f->match = optarg;
		break;
	case OPT_FTS:
		f->fts = optarg;
		break;
	default:
		return -1;
	}
	return 0;
}

static int
parse_query_option(int c, int argc, char **argv, struct query_opts *o)
{
	struct query_filter *f = &o->filter;

	if (set_filter(c, f) == 0) {
		if (c == OPT_SOURCE)
			f->source = source_operand(o, optarg);
		return 0;
	}
	switch (c) {
	case OPT_DB:
		o->db = optarg;
		return 0;
	case OPT_SINCE:
		return parse_time_option("--since", optarg, &f->since);
	case OPT_UNTIL:
		return parse_time_option("--until", optarg, &f->until);
	case OPT_LEVEL:
		return parse_level_option(optarg, f);
	case OPT_GREP:
		o->grep = optarg;
		f->grep = true;
		return 0;
	case OPT_COUNT:
		o->mode = MODE_COUNT;
		return 0;
	case OPT_TOP:
		return parse_top(argc, argv, o);
	case OPT_LIMIT:
		return parse_count("query", "--limit", optarg, LLONG_MAX,
		    &o->limit);
	case OPT_FORMAT:
		if (output_format_parse(optarg, &o->format) == 0)
			return 0;
		usage_error("query", "invalid format '%s' (expected raw, "
		    "tsv or json)", optarg);
		return -1;
	default:
		usage_hint("query");
		return -1;
	}
}

static int
parse_query_opts(int argc, char **argv, struct query_opts *o, int *status)
{
	struct lt_buf quoted = LT_BUF_INIT;
	int c;

	optind = 1;
	*status = EXIT_USAGE;
	while ((c = getopt_long(argc, argv, "h", query_longopts, NULL)) !=
	    -1) {
		if (c == 'h') {
			fputs(query_usage, stdout);
			*status = EXIT_OK;
			return -1;
		}
		if ((c == OPT_COUNT && o->mode == MODE_TOP) ||
		    (c == OPT_TOP && o->mode == MODE_COUNT)) {
			usage_error("query", "--count and --top cannot be "
			    "used together");
			return -1;
		}
		if (parse_query_option(c, argc, argv, o) == -1)
			return -1;
	}
	if (optind < argc) {
		usage_error("query", "unexpected operand '%s'", argv[optind]);
		return -1;
	}
	if (o->filter.match != NULL &&
	    query_quote_words(o->filter.match, &quoted) == -1) {
		lt_buf_free(&quoted);
		usage_error("query", "invalid --match: %s", lt_error());
		return -1;
	}
	lt_buf_free(&quoted);
	return 0;
}

/*
 * Prints a failed step. With --fts, a plain SQL error (not I/O or a
 * damaged file) comes from the FTS5 query, which is invalid input; FTS5
 * words some of them without naming itself ("syntax error near ...").
 */
static int
step_failed(sqlite3 *db, const struct query_filter *f, int *status)
{
	const char *msg = sqlite3_errmsg(db);

	if (query_grep_failed(msg)) {
		*status = EXIT_USAGE;
		return error("%s", msg);
	}
	if (f->fts != NULL && sqlite3_errcode(db) == SQLITE_ERROR) {
		*status = EXIT_USAGE;
		return error("invalid full-text query '%s': %s", f->fts, msg);
	}
	*status = QUERY_ERROR;
	return error("cannot read the index: %s", msg);
}

/* Runs the --fts query alone, so that its syntax error is reported the
 * same way before any output in every mode. */
static int
check_fts(sqlite3 *db, const struct query_filter *f)
{
	sqlite3_stmt *st;
	int rc, status = EXIT_OK;

	st = idx_db_prepare(db, "SELECT 1 FROM events_fts "
	    "WHERE events_fts MATCH ?1 LIMIT 1");
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, f->fts, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		step_failed(db, f, &status);
	sqlite3_finalize(st);
	return status == EXIT_OK ? 0 : -1;
}

/* Returns EXIT_OK when the index has its full-text table, else prints
 * the error and returns the exit status. */
static int
require_fts(sqlite3 *db, const char *path)
{
	switch (idx_db_has_fts(db)) {
	case 1:
		return EXIT_OK;
	case 0:
		error("index '%s' has no full-text index (it was created "
		    "with --no-fts); use --grep", path);
		return EXIT_USAGE;
	default:
		return QUERY_ERROR;
	}
}

/* Returns 1 when the statement with the one value gives a row, 0 when
 * not, -1 after printing the error. */
static int
has_row(sqlite3 *db, const char *sql, const char *value)
{
	sqlite3_stmt *st;
	int rc;

	st = idx_db_prepare(db, sql);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	return idx_db_error(db, "cannot read the index");
}

/* Warns about a --family or --source that no indexed source has, which
 * is likely a typing error rather than a filter that matched nothing. */
static int
check_sources(sqlite3 *db, const struct query_filter *f)
{
	int rc;

	if (f->family != NULL) {
		rc = has_row(db, "SELECT 1 FROM sources WHERE family = ?1",
		    f->family);
		if (rc == 0)
			warning("no family '%s' in the index", f->family);
		if (rc == -1)
			return -1;
	}
	if (f->source != NULL) {
		rc = has_row(db, "SELECT 1 FROM sources WHERE name = ?1 OR "
		    "substr(name, -length(?1) - 1) IN ('/' || ?1, ':' || ?1)",
		    f->source);
		if (rc == 0)
			warning("no source '%s' in the index", f->source);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static sqlite3_stmt *
prepare_query(sqlite3 *db, const struct query_opts *o, const char *head,
    const char *tail)
{
	struct lt_buf sql = LT_BUF_INIT;
	sqlite3_stmt *st = NULL;

	if (lt_buf_printf(&sql, "%s", head) == -1 ||
	    query_where(&o->filter, &sql) == -1 ||
	    lt_buf_printf(&sql, "%s", tail) == -1) {
		error_core();
		lt_buf_free(&sql);
		return NULL;
	}
	st = idx_db_prepare(db, sql.data);
	lt_buf_free(&sql);
	if (st != NULL && query_bind(&o->filter, st) == -1) {
		error_core();
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static struct lt_span
column_span(sqlite3_stmt *st, int col)
{
	struct lt_span s;

	s.ptr = (const char *)sqlite3_column_blob(st, col);
	s.len = (size_t)sqlite3_column_bytes(st, col);
	if (s.ptr == NULL) {
		s.ptr = "";
		s.len = 0;
	}
	return s;
}

/* The columns of one record, looked up by id. */
static const char record_by_id[] =
    "SELECT e.ts, e.level, e.format, e.correlation_id, e.trace_id, "
    "e.span_id, e.message, e.exception, e.raw, "
    "(SELECT s.name FROM event_sources es JOIN sources s "
    "ON s.content_id = es.content_id WHERE es.event_id = e.id "
    "ORDER BY es.content_id, s.id LIMIT 1), "
    "(SELECT es.line FROM event_sources es WHERE es.event_id = e.id "
    "ORDER BY es.content_id LIMIT 1) "
    "FROM events e WHERE e.id = ?1";

static void
fill_record(sqlite3_stmt *st, struct lt_record *rec)
{
	memset(rec, 0, sizeof(*rec));
	rec->ts = sqlite3_column_type(st, 0) == SQLITE_NULL ? LT_TS_NONE :
	    sqlite3_column_int64(st, 0);
	rec->level = (enum lt_level)sqlite3_column_int(st, 1);
	rec->format = (enum lt_format)sqlite3_column_int(st, 2);
	rec->correlation_id = column_span(st, 3);
	rec->trace_id = column_span(st, 4);
	rec->span_id = column_span(st, 5);
	rec->message = column_span(st, 6);
	rec->exception = column_span(st, 7);
	rec->raw = column_span(st, 8);
	rec->line = (uint64_t)sqlite3_column_int64(st, 10);
}

/* Prints the record with this id; returns 0, or -1 when the lookup or
 * the write failed. */
static int
print_record(sqlite3 *db, sqlite3_stmt *row, int64_t id,
    enum output_format format)
{
	struct lt_record rec;
	const char *source;

	sqlite3_reset(row);
	sqlite3_bind_int64(row, 1, id);
	if (sqlite3_step(row) != SQLITE_ROW)
		return idx_db_error(db, "cannot read a record of the index");
	fill_record(row, &rec);
	source = (const char *)sqlite3_column_text(row, 9);
	if (output_record(stdout, format, &rec, source ? source : "") == -1)
		return -1;
	return stdout_failed() ? -1 : 0;
}

/*
 * Prints the matching records in time order. The ids are sorted first
 * and each record is read after, so the sort does not carry the records'
 * bytes.
 */
static int
print_records(sqlite3 *db, const struct query_opts *o)
{
	sqlite3_stmt *ids, *row;
	char tail[64];
	long long printed = 0;
	int rc, status = EXIT_OK;

	snprintf(tail, sizeof(tail), " ORDER BY e.ts, e.id LIMIT %lld",
	    o->limit);
	ids = prepare_query(db, o, "SELECT e.id FROM events e", tail);
	row = idx_db_prepare(db, record_by_id);
	if (ids == NULL || row == NULL) {
		sqlite3_finalize(ids);
		sqlite3_finalize(row);
		return QUERY_ERROR;
	}
	/* As grep, print nothing at all, not even the header, when nothing
	 * matched. */
	while ((rc = sqlite3_step(ids)) == SQLITE_ROW) {
		if (printed == 0)
			output_header(stdout, o->format);
		if (print_record(db, row, sqlite3_column_int64(ids, 0),
		    o->format) == -1) {
			/* finish_output() reports a failed write. */
			if (!stdout_failed())
				status = QUERY_ERROR;
			break;
		}
		printed++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		step_failed(db, &o->filter, &status);
	sqlite3_finalize(ids);
	sqlite3_finalize(row);
	if (status != EXIT_OK)
		return status;
	return printed > 0 ? EXIT_OK : QUERY_NONE;
}

static int
print_count(sqlite3 *db, const struct query_opts *o)
{
	sqlite3_stmt *st;
	int64_t count = 0;
	int status = EXIT_OK;

	st = prepare_query(db, o, "SELECT count(*) FROM events e", "");
	if (st == NULL)
		return QUERY_ERROR;
	if (sqlite3_step(st) == SQLITE_ROW)
		count = sqlite3_column_int64(st, 0);
	else
		step_failed(db, &o->filter, &status);
	sqlite3_finalize(st);
	if (status != EXIT_OK)
		return status;
	printf("%lld\n", (long long)count);
	return count > 0 ? EXIT_OK : QUERY_NONE;
}

/*
 * Appends the filters as a condition on the errors row alias: its
 * time range directly (so the errors_ts index can be used), and the rest
 * as "EXISTS (SELECT 1 FROM events e WHERE ... AND e.id = alias.event_id)",
 * which looks up only the events of the errors rows in that range.
 */
static int
append_event_filter(struct lt_buf *sql, const struct query_opts *o,
    const char *alias)
{
	const struct query_filter *f = &o->filter;
	struct lt_buf where = LT_BUF_INIT;
	int rc = 0;

	if (f->since != LT_TS_NONE)
		rc |= lt_buf_printf(sql, "%s.ts >= :since AND ", alias);
	if (f->until != LT_TS_NONE)
		rc |= lt_buf_printf(sql, "%s.ts < :until AND ", alias);
	if (rc != 0 || lt_buf_printf(&where, "%s", "") == -1 ||
	    query_where(f, &where) == -1) {
		lt_buf_free(&where);
		return -1;
	}
	if (where.len == 0)
		rc = lt_buf_printf(sql, "1");
	else
		rc = lt_buf_printf(sql, "EXISTS (SELECT 1 FROM events e%s "
		    "AND e.id = %s.event_id)", where.data, alias);
	lt_buf_free(&where);
	return rc;
}

/*
 * Builds the --top statement: one row per error signature, counted and
 * timed from the errors table, with times as ISO 8601 UTC and the
 * correlation id of the first matching error that has one.
 */
static int
build_top_sql(const struct query_opts *o, struct lt_buf *sql)
{
	if (lt_buf_printf(sql, "SELECT count(*) AS count, "
	    "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', min(x.ts) / 1000.0, "
	    "'unixepoch') AS first, "
	    "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', max(x.ts) / 1000.0, "
	    "'unixepoch') AS last, "
	    "(SELECT e2.correlation_id FROM errors x2 "
	    "JOIN events e2 ON e2.id = x2.event_id "
	    "WHERE x2.signature_id = x.signature_id "
	    "AND e2.correlation_id IS NOT NULL AND ") == -1 ||
	    append_event_filter(sql, o, "x2") == -1 ||
	    lt_buf_printf(sql, " ORDER BY x2.ts LIMIT 1) AS correlation_id, "
	    "g.text AS signature FROM errors x "
	    "JOIN signatures g ON g.id = x.signature_id WHERE ") == -1 ||
	    append_event_filter(sql, o, "x") == -1)
		return -1;
	return lt_buf_printf(sql, " GROUP BY x.signature_id "
	    "ORDER BY count(*) DESC, min(x.ts) LIMIT %lld", o->top);
}

static int
print_top(sqlite3 *db, const struct query_opts *o)
{
	struct lt_buf sql = LT_BUF_INIT;
	sqlite3_stmt *st;
	int64_t rows;
	int usage;

	if (build_top_sql(o, &sql) == -1) {
		lt_buf_free(&sql);
		return error_core(), QUERY_ERROR;
	}
	st = idx_db_prepare(db, sql.data);
	lt_buf_free(&sql);
	if (st == NULL)
		return QUERY_ERROR;
	if (query_bind(&o->filter, st) == -1) {
		sqlite3_finalize(st);
		return error_core(), QUERY_ERROR;
	}
	rows = rows_print(db, st, o->format == OUTPUT_JSON ? ROWS_JSON :
	    ROWS_TSV_ROWS_ONLY, &usage);
	sqlite3_finalize(st);
	if (rows < 0)
		return QUERY_ERROR;
	return rows > 0 ? EXIT_OK : QUERY_NONE;
}

/* Warns when nothing matched because the index has no record at all. A
 * first index run commits after 100,000 records or its first source. */
static void
warn_if_empty(sqlite3 *db, const char *path)
{
	sqlite3_stmt *st = idx_db_prepare(db, "SELECT 1 FROM events LIMIT 1");

	if (st == NULL)
		return;
	if (sqlite3_step(st) == SQLITE_DONE)
		warning("index '%s' has no records yet; is its first "
		    "'logtool index' still running?", path);
	sqlite3_finalize(st);
}

static int
run_query(const struct query_opts *o)
{
	sqlite3 *db;
	int status;

	db = idx_db_open(idx_db_path(o->db), IDX_OPEN_READ, &status);
	if (db == NULL)
		return QUERY_ERROR;
	if (o->grep != NULL && query_grep_install(db, o->grep) == -1) {
		idx_db_close(db);
		return usage_error("query", "%s", lt_error());
	}
	if ((o->filter.fts != NULL || o->filter.match != NULL) &&
	    (status = require_fts(db, idx_db_path(o->db))) != EXIT_OK) {
		idx_db_close(db);
		return status;
	}
	if (check_sources(db, &o->filter) == -1 ||
	    (o->filter.fts != NULL && check_fts(db, &o->filter) == -1)) {
		idx_db_close(db);
		return QUERY_ERROR;
	}
	if (o->mode == MODE_COUNT)
		status = print_count(db, o);
	else if (o->mode == MODE_TOP)
		status = print_top(db, o);
	else
		status = print_records(db, o);
	if (status == QUERY_NONE)
		warn_if_empty(db, idx_db_path(o->db));
	idx_db_close(db);
	/* A failed write to stdout is a failure, not "nothing matched". */
	return finish_output(status, QUERY_ERROR);
}

int
cmd_query(int argc, char **argv)
{
	struct query_opts o;
	int status;

	memset(&o, 0, sizeof(o));
	o.filter.since = o.filter.until = LT_TS_NONE;
	o.filter.level = LT_LEVEL_NONE;
	o.format = OUTPUT_RAW;
	o.limit = -1;
	if (parse_query_opts(argc, argv, &o, &status) == 0)
		status = run_query(&o);
	free(o.source_abs);
	return status;
}
