/*
 * logtool index: add the records of log files, compressed logs and
 * bundles to the SQLite index.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "cmds.h"
#include "db.h"
#include "ingest.h"
#include "progress.h"

static const char index_usage[] =
    "usage: logtool index [--db FILE] [--no-fts] [-q] PATH...\n"
    "\n"
    "Add the records of log files, compressed logs (.gz, .zst), bundles\n"
    "and log directories to the index. Content already indexed is\n"
    "recognised by its bytes and skipped; a file that grew is read on\n"
    "from where the last run stopped.\n"
    "\n"
    "  --db FILE     index database (default: $LOGTOOL_DB, else\n"
    "                ./logtool.db); created when missing\n"
    "  --no-fts      create the index without its full-text table:\n"
    "                faster and smaller; query --match and --fts\n"
    "                then refuse, --grep still works\n"
    "  -q, --quiet   print neither the progress line nor the summary\n"
    "  -h, --help    print this help and exit\n"
    "\n"
    "Exit status: 0 success, 1 a source could not be indexed, 2 usage\n"
    "error or a file that is not a logtool index.\n";

struct index_opts {
	const char	*db;
	bool		 quiet;
	bool		 no_fts;
};

static int
parse_index_opts(int argc, char **argv, struct index_opts *o, int *status)
{
	static const struct option longopts[] = {
		{ "db",    required_argument, NULL, 'd' },
		{ "no-fts", no_argument,      NULL, 'F' },
		{ "quiet", no_argument,       NULL, 'q' },
		{ "help",  no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'F':
			o->no_fts = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			fputs(index_usage, stdout);
			*status = EXIT_OK;
			return -1;
		default:
			*status = usage_hint("index");
			return -1;
		}
	}
	if (optind >= argc) {
		*status = usage_error("index", "missing PATH operand");
		return -1;
	}
	return 0;
}

static void
print_summary(const struct idx_stats *s, double seconds)
{
	fprintf(stderr, "indexed %u source%s: %llu record%s added, ",
	    s->sources, s->sources == 1 ? "" : "s",
	    (unsigned long long)s->records_added,
	    s->records_added == 1 ? "" : "s");
	if (s->records_replaced > 0)
		fprintf(stderr, "%llu replaced by a longer copy, ",
		    (unsigned long long)s->records_replaced);
	fprintf(stderr, "%u source%s already indexed, ", s->unchanged,
	    s->unchanged == 1 ? "" : "s");
	if (s->failed > 0)
		fprintf(stderr, "%u source%s failed, ", s->failed,
		    s->failed == 1 ? "" : "s");
	fprintf(stderr, "%.2f s\n", seconds);
}

/* The ingest, and how many sources the current operand gave. */
struct operand_run {
	struct idx_ingest	*in;
	unsigned		 sources;
};

static int
index_source(struct lt_source *src, void *ctx)
{
	struct operand_run *run = ctx;

	run->sources++;
	return idx_ingest_source(src, run->in);
}

static int
index_operands(sqlite3 *db, char **operands, int count, bool quiet)
{
	struct idx_progress progress;
	struct idx_ingest *in;
	int status = EXIT_OK;
	double seconds;

	idx_progress_init(&progress, !quiet && is_terminal(2), operands,
	    count);
	in = idx_ingest_new(db, idx_progress_update, &progress);
	if (in == NULL)
		return EXIT_FAIL;
	for (int i = 0; i < count; i++) {
		struct operand_run run = { in, 0 };
		int rc = lt_source_foreach(operands[i], index_source, &run);

		if (rc == -1)
			error_core();
		else if (run.sources == 0)
			error("no Serilog log files or bundles in '%s'",
			    operands[i]);
		if (rc != 0 || run.sources == 0)
			status = EXIT_FAIL;
	}
	if (idx_ingest_stats(in)->failed > 0)
		status = EXIT_FAIL;
	seconds = idx_progress_finish(&progress);
	if (!quiet)
		print_summary(idx_ingest_stats(in), seconds);
	idx_ingest_free(in);
	return status;
}

int
cmd_index(int argc, char **argv)
{
	struct index_opts o = { NULL, false, false };
	sqlite3 *db;
	int status = EXIT_OK, deferred;

	if (parse_index_opts(argc, argv, &o, &status) == -1)
		return status;
	db = idx_db_open(idx_db_path(o.db), o.no_fts ? IDX_OPEN_WRITE_NO_FTS :
	    IDX_OPEN_WRITE, &status);
	if (db == NULL)
		return status;
	deferred = idx_db_defer_indexes(db);
	if (deferred == -1) {
		idx_db_close(db);
		return EXIT_FAIL;
	}
	status = index_operands(db, argv + optind, argc - optind, o.quiet);
	if (idx_db_build_indexes(db, deferred == 1) == -1)
		status = EXIT_FAIL;
	idx_db_close(db);
	return status;
}
