/* Option parsing shared by `logtool analyze` and `logtool report`. */
#ifndef AN_OPTIONS_H
#define AN_OPTIONS_H

#include "analyze.h"

enum {
	AN_OPT_DB = 256,
	AN_OPT_WINDOW,
	AN_OPT_STEP,
	AN_OPT_THRESHOLD,
	AN_OPT_WARN,
	AN_OPT_MIN,
	AN_OPT_SINCE,
	AN_OPT_UNTIL,
	AN_OPT_SLO,
	AN_OPT_P95,
	AN_OPT_EXCLUDE,
	AN_OPT_HEALTH,
	AN_OPT_BASIS,
	AN_OPT_PATTERN,
	AN_OPT_FORMAT,
	AN_OPT_SVG,
	AN_OPT_BUFFER,
};

/* getopt_long() entries of the shared options. */
#define AN_LONG_OPTIONS \
	{ "db",             required_argument, NULL, AN_OPT_DB }, \
	{ "window",         required_argument, NULL, AN_OPT_WINDOW }, \
	{ "step",           required_argument, NULL, AN_OPT_STEP }, \
	{ "threshold",      required_argument, NULL, AN_OPT_THRESHOLD }, \
	{ "warn-threshold", required_argument, NULL, AN_OPT_WARN }, \
	{ "min-requests",   required_argument, NULL, AN_OPT_MIN }, \
	{ "since",          required_argument, NULL, AN_OPT_SINCE }, \
	{ "until",          required_argument, NULL, AN_OPT_UNTIL }, \
	{ "slo",            required_argument, NULL, AN_OPT_SLO }, \
	{ "p95-ms",         required_argument, NULL, AN_OPT_P95 }, \
	{ "exclude-path",   required_argument, NULL, AN_OPT_EXCLUDE }, \
	{ "include-health", no_argument,       NULL, AN_OPT_HEALTH }, \
	{ "basis",          required_argument, NULL, AN_OPT_BASIS }, \
	{ "request-pattern", required_argument, NULL, AN_OPT_PATTERN }, \
	{ "buffer-size",    required_argument, NULL, AN_OPT_BUFFER }

void	an_options_init(struct an_options *o);
void	an_options_free(struct an_options *o);
int	an_options_apply(const char *cmd, struct an_options *o, int opt,
	    char *arg);
int	an_options_finish(const char *cmd, struct an_options *o);

/* Reads the input (the database or the operands, standard input when
 * there are none) and builds the windows. Returns 0, or -1 after printing
 * the error. */
int	an_run(struct an_options *o, char **operands, int noperands,
	    struct an_data *d, struct an_result *r);

#endif
