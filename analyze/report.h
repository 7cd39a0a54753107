/* The HTML report of `logtool report`. */
#ifndef AN_REPORT_H
#define AN_REPORT_H

#include <sqlite3.h>
#include <stdio.h>

#include "analyze.h"

void	an_html_escape(FILE *out, const char *text, size_t len);
/* Writes the report for r. Returns 0, -1 when a write failed, or -2 with
 * lt_error() set when the spool could not be read. */
int	an_report_write(FILE *out, struct an_result *r, sqlite3 *db);

/* Writes the failed-request samples of the windows with failures.
 * Returns 0, or -1 with lt_error() set when they cannot be read back. */
int	an_report_samples(FILE *out, const struct an_result *r, sqlite3 *db);

#endif
