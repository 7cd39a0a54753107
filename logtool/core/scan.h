/*
 * Request scanning: a parser mode for readers that only need the request
 * completion lines (request.h) and the records at WRN or above, such as
 * `logtool analyze`.
 *
 * In this mode lt_parser_next() returns every record, with the same
 * extent, raw bytes, offset, line, format, time and level as without it.
 * Some BRACKETED and TRACE records come back partial: those below WRN
 * whose message starts with none of the prefixes of the request shapes in
 * request.h, so that it cannot be a request completion line. A partial
 * record has an empty message, exception, correlation id, trace id, span
 * id and properties, and the parser skips the search for the properties
 * object that ends the line and the copying of continuation lines. Every
 * other record is complete: request lines, records at WRN or above, and
 * the other formats, whose header lines cost no more to read in full.
 */
#ifndef LT_SCAN_H
#define LT_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

/* Turns request scanning on or off (it is off in a new parser). It
 * applies to the header lines matched after the call, so call it before
 * the first lt_parser_next(). */
void	lt_parser_scan_requests(struct lt_parser *p, bool on);

/* True when s starts with the prefix of one of the request completion
 * shapes of request.h ("Request completed: ", "Request failed: ",
 * "Response: ", "HTTP ", "Request finished "). Every message that
 * lt_request_parse() accepts starts with one of them. */
bool	lt_scan_request_prefix(const char *s, size_t n);

#endif
