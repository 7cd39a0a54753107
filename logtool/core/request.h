/*
 * Request completion lines: which log messages describe one finished HTTP
 * request, and what they say about it.
 *
 * Accepted message shapes (METHOD is an upper-case word, PATH runs to the
 * separator that follows it and may contain spaces):
 *
 *   "Request completed: " METHOD SP PATH " - " STATUS " in " NUM "ms"
 *        (not when followed by " [CorrelationId: ...]": Aura logs that
 *        second copy of the same request)
 *   "Request failed: " METHOD SP PATH " after " NUM "ms"
 *   "Response: " METHOD SP PATH SP STATUS " in " NUM "ms"
 *   "HTTP " METHOD SP PATH " responded " STATUS " in " NUM " ms"
 *        (Serilog.AspNetCore request logging, text or JSON rendered)
 *   "Request finished " PROTO SP METHOD SP URL [SP REQTYPE SP REQLEN]
 *        " - " STATUS ... [" " NUM "ms"]  (ASP.NET Core hosting
 *        diagnostics; older versions write the request's content type
 *        and length, each "-" when absent, where the current
 *        HostingRequestFinishedLog has none). The path is the URL
 *        without scheme and host, "/" when the URL has no path.
 *
 * A request failed when its status is 500 or more, or when it is a
 * "Request failed" line (which has no status).
 */
#ifndef LT_REQUEST_H
#define LT_REQUEST_H

#include <stdbool.h>

#include "record.h"

struct lt_request {
	struct lt_span	method;
	struct lt_span	path;		/* URL path, query included */
	int		status;		/* 0 when the line has none */
	double		duration_ms;	/* -1 when the line has none */
	bool		failed;
};

/* Returns true and fills *req when message is a request completion line. */
bool	lt_request_parse(struct lt_span message, struct lt_request *req);

#endif
