/* Reading the input and building the windows, for analyze and report. */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "analyze.h"
#include "cli.h"
#include "options.h"
#include "record.h"

static char *stdin_operand[] = { "-", NULL };

static void
warn_about_input(const struct an_result *r)
{
	const struct an_data *d = r->data;

	if (d->entries == 0 && d->outside > 0)
		warning("none of the %" PRIu64 " records with a time is "
		    "between --since and --until", d->outside);
	else if (d->entries == 0)
		warning("no records with a time in the input");
	if (r->errors_only)
		warning("no record in the input is below WRN, so the log "
		    "probably omits successful requests and error rates are "
		    "not meaningful (--basis entries counts records instead)");
	if (d->untimed > 0 && d->entries > 0)
		warning("%" PRIu64 " records without a time were skipped",
		    d->untimed);
}

/* Checks that the index exists, in the words of `logtool query`, and
 * names the command that creates it. Returns 0, or -1 after the error. */
static int
check_index(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) == 0)
		return 0;
	error("cannot open index '%s': %s", path, strerror(errno));
	fprintf(stderr, "Run 'logtool index --db %s PATH...' first.\n", path);
	return -1;
}

int
an_run(struct an_options *o, char **operands, int noperands,
    struct an_data *d, struct an_result *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	an_data_init(d, o->base_ms);
	d->spool.budget = o->buffer_size;
	if (o->db_path != NULL && check_index(o->db_path) == -1)
		return -1;
	if (o->db_path != NULL && o->request_pattern != NULL)
		warning("--request-pattern has no effect with --db: the index "
		    "stores only the request lines logtool recognises");
	if (o->db_path != NULL)
		rc = an_feed_db(d, o);
	else if (noperands == 0) {
		if (is_terminal(0))
			warning("no PATH given, so reading a log from the "
			    "terminal (end it with Ctrl-D)");
		rc = an_feed_files(d, o, stdin_operand, 1);
	}
	else
		rc = an_feed_files(d, o, operands, noperands);
	if (rc == -1 || an_data_fit(d, o) == -1 ||
	    an_result_build(r, o, d) == -1)
		return error_core();
	warn_about_input(r);
	return 0;
}
