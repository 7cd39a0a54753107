/*
 * The parts that the file feed and the database feed share: the time
 * filter, request recognition and the bookkeeping of a failed request.
 */
#ifndef AN_FEED_H
#define AN_FEED_H

#include "analyze.h"
#include "record.h"

/* A request completion line, from lt_request_parse() or the pattern. */
struct an_request_info {
	struct lt_span	method;
	struct lt_span	path;
	int		status;		/* 0 when unknown */
	double		duration_ms;	/* -1 when unknown */
	bool		failed;
};

/* A failed request's context, kept for the report. */
struct an_failure {
	int64_t		ts;
	struct lt_span	correlation_id;
	struct lt_span	raw;
};

struct an_pattern;

/* True when ts is inside --since/--until. Inline: it runs per record. */
static inline bool
an_in_range(const struct an_options *opts, int64_t ts)
{
	if (opts->since != LT_TS_NONE && ts < opts->since)
		return false;
	if (opts->until != LT_TS_NONE && ts >= opts->until)
		return false;
	return true;
}

/* Compiles the --request-pattern regex (NULL: none). Returns 0, or -1
 * with lt_error() set naming the pattern and PCRE2's message. */
int	an_pattern_new(const char *regex, struct an_pattern **out);
void	an_pattern_free(struct an_pattern *p);

/*
 * Returns 1 with *req filled when message is a request completion line,
 * 0 when it is not, and -1 with lt_error() set when the --request-pattern
 * match fails. PCRE2 stops after AN_MATCH_LIMIT backtracking steps on one
 * message. A pattern that backtracks without end is therefore reported
 * instead of taken for "no request".
 */
#define AN_MATCH_LIMIT	1000000
int	an_request_match(struct an_pattern *p, struct lt_span message,
	    struct an_request_info *req);

/* Counts a failed request's endpoint into bucket b and keeps it as a
 * sample when the options ask for samples. Returns 0 or -1. */
int	an_feed_failure(struct an_data *d, const struct an_options *opts,
	    struct an_bucket *b, const struct an_failure *fail,
	    const struct an_request_info *req);

/* Counts an ERR or FTL message under its signature (lt_signature()).
 * Returns 0 or -1. */
int	an_feed_signature(struct an_data *d, struct lt_span message);

#endif
