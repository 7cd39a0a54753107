/*
 * logtool report: a self-contained HTML post-mortem of the same windows
 * that analyze computes.
 */
#include <errno.h>
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "analyze.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "index/db.h"
#include "options.h"
#include "outfile.h"
#include "report.h"

static const char usage[] =
"usage: logtool report [OPTION]... -o FILE [--db FILE | PATH...]\n"
"\n"
"Writes one self-contained HTML file (inline CSS and SVG, no scripts):\n"
"the error-rate timeline, the flagged windows with their failing\n"
"endpoints and exception types, the top error signatures, and failed\n"
"requests with their correlation ids and records.\n"
"\n"
"  -o, --output FILE      the HTML file to write (required)\n"
"  --db FILE              read the index database instead of files\n"
"  --since T, --until T   only records in [since, until)\n"
"  --window DUR, --step DUR, --threshold PCT, --warn-threshold PCT,\n"
"  --min-requests N, --p95-ms MS, --exclude-path GLOB, --include-health,\n"
"  --basis B, --request-pattern RE, --slo PCT, --buffer-size SIZE\n"
"                         as for logtool analyze\n"
"\n"
"Exit status: 0 report written, 1 the report could not be written,\n"
"2 usage error or input that could not be read.\n";

static const struct option long_options[] = {
	AN_LONG_OPTIONS,
	{ "output", required_argument, NULL, 'o' },
	{ "help",   no_argument,       NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
parse_args(int argc, char **argv, struct an_options *o, const char **path)
{
	int opt;

	an_options_init(o);
	o->keep_samples = true;
	*path = NULL;
	while ((opt = getopt_long(argc, argv, "ho:", long_options, NULL)) !=
	    -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return 1;
		}
		if (opt == 'o')
			*path = optarg;
		else if (opt == '?')
			return usage_hint("report"), -1;
		else if (an_options_apply("report", o, opt, optarg) == -1)
			return -1;
	}
	if (*path == NULL)
		return usage_error("report", "missing -o FILE"), -1;
	if (o->db_path != NULL && optind < argc)
		return usage_error("report", "give either --db or paths, "
		    "not both"), -1;
	return an_options_finish("report", o);
}

static int
write_report(struct an_result *r, const char *path)
{
	struct an_outfile out;
	sqlite3 *db = NULL;
	int rc, saved;

	if (r->opts->db_path != NULL &&
	    sqlite3_open_v2(r->opts->db_path, &db, SQLITE_OPEN_READONLY,
	    NULL) != SQLITE_OK) {
		sqlite3_close(db);
		db = NULL;
	}
	if (db != NULL && sqlite3_exec(db, "SELECT 1 FROM sqlite_master "
	    "LIMIT 1", NULL, NULL, NULL) != SQLITE_OK)
		db = idx_db_reopen_immutable(db, r->opts->db_path);
	if (an_outfile_open(&out, path) == -1) {
		sqlite3_close(db);
		return -1;
	}
	rc = an_report_write(out.f, r, db);
	saved = errno;
	sqlite3_close(db);
	if (rc == 0)
		return an_outfile_close(&out, true);
	an_outfile_close(&out, false);
	return error("cannot write '%s': %s", path,
	    rc == -2 ? lt_error() : strerror(saved));
}

int
cmd_report(int argc, char **argv)
{
	struct an_options o;
	struct an_data d;
	struct an_result r;
	const char *path;
	int rc;

	rc = parse_args(argc, argv, &o, &path);
	if (rc != 0) {
		an_options_free(&o);
		return rc == 1 ? EXIT_OK : EXIT_USAGE;
	}
	rc = EXIT_OK;
	if (an_run(&o, argv + optind, argc - optind, &d, &r) == -1)
		rc = EXIT_USAGE;
	else if (write_report(&r, path) == -1)
		rc = EXIT_FAIL;
	an_result_free(&r);
	an_data_free(&d);
	an_options_free(&o);
	return rc;
}
