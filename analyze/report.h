/* The HTML report of `logtool report`. */
#ifndef AN_REPORT_H
#define AN_REPORT_H

#include <sqlite3.h>
#include <stdio.h>

#include "analyze.h"

void	an_html_escape(FILE *out, const char *text, size_t len);
int	an_report_write(FILE *out, struct an_result *r, sqlite3 *db);

/* Writes the failed-request samples of the windows with failures. */
void	an_report_samples(FILE *out, const struct an_result *r, sqlite3 *db);

#endif
