/*
 * logtool cat: print the records of log files, parsed.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "output.h"
#include "record.h"
#include "source.h"

static const char cat_usage[] =
    "usage: logtool cat [--format raw|tsv|json] [PATH...]\n"
    "\n"
    "Print the records of log files, bundles and directories in the order\n"
    "they are read. PATH may be a plain, gzip or zstd file, a tar bundle\n"
    "(each member is read), a directory (its Serilog log files and\n"
    "bundles), or - for standard input, which is read when no PATH is\n"
    "given.\n"
    "\n"
    "  -f, --format FMT  raw: the original bytes of each record (default);\n"
    "                    tsv: ts, level, correlation_id, source, line,\n"
    "                    message, exception, after a header line;\n"
    "                    json: one JSON object per record (JSON Lines)\n"
    "  -h, --help        print this help and exit\n"
    "\n"
    "Exit status: 0 when every PATH was read completely, 1 when one could\n"
    "not be (missing, unreadable, a truncated stream, a directory with no\n"
    "log files), 2 on a usage error.\n";

struct cat_state {
	enum output_format	format;
	int			status;
	unsigned long		sources;	/* of the current operand */
	unsigned long		untimed;	/* warnings of sources without
						   a timed record */
};

static ssize_t
read_source(void *ctx, void *buf, size_t cap)
{
	return lt_source_read(ctx, buf, cap);
}

static int
print_source(struct lt_source *src, void *ctx)
{
	struct cat_state *st = ctx;
	const char *name = lt_source_info(src)->name;
	struct lt_parser *p;
	struct lt_record rec;
	unsigned long records = 0, timed = 0;
	int rc;

	st->sources++;
	p = lt_parser_new(read_source, src);
	if (p == NULL) {
		error_core();
		return 1;
	}
	while ((rc = lt_parser_next(p, &rec)) > 0) {
		records++;
		timed += rec.ts != LT_TS_NONE;
		output_record(stdout, st->format, &rec, name);
		if (stdout_failed())
			break;
	}
	lt_parser_free(p);
	if (rc < 0) {
		/* Later sources are still printed, as cat(1) does. Most
		 * messages of the core name the source already. */
		if (strstr(lt_error(), name) != NULL)
			error_core();
		else
			error("'%s': %s", name, lt_error());
		st->status = EXIT_FAIL;
	}
	/* A file that is not a log prints as records without a time. */
	if (records > 0 && timed == 0 && !stdout_failed()) {
		warning("no record of '%s' has a time (%lu record%s): is it "
		    "a log file?", name, records, records == 1 ? "" : "s");
		st->untimed++;
	}
	return stdout_failed() ? 1 : 0;
}

int
cmd_cat(int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help",   no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static char *stdin_operand[] = { "-", NULL };
	struct cat_state st = { OUTPUT_RAW, EXIT_OK, 0, 0 };
	unsigned long warnings;
	int c;

	while ((c = getopt_long(argc, argv, "f:h", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (output_format_parse(optarg, &st.format) < 0)
				return usage_error("cat", "invalid --format "
				    "'%s': expected raw, tsv or json", optarg);
			break;
		case 'h':
			fputs(cat_usage, stdout);
			return EXIT_OK;
		default:
			return usage_hint("cat");
		}
	}
	if (optind == argc) {
		argv = stdin_operand;
		argc = 1;
		optind = 0;
	}

	output_header(stdout, st.format);
	warnings = warning_count();
	for (int i = optind; i < argc && !stdout_failed(); i++) {
		st.sources = 0;
		if (lt_source_foreach(argv[i], print_source, &st) < 0) {
			error_core();
			st.status = EXIT_FAIL;
		} else if (st.sources == 0) {
			error("no Serilog log files or bundles in '%s'",
			    argv[i]);
			st.status = EXIT_FAIL;
		}
	}
	/* Any other warning means part of the input was skipped or cut
	 * short. */
	if (warning_count() - st.untimed != warnings)
		st.status = EXIT_FAIL;
	return st.status;
}
