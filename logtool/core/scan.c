/*
 * The request prefix test of request scanning (scan.h). The parser mode
 * itself is in record.c, beside the header matching that it shortens.
 */
#include <string.h>

#include "scan.h"

/* The literal's length is a constant, so memcmp() becomes a few loads. */
#define starts_with(s, n, literal) \
	((n) >= sizeof(literal) - 1 && \
	memcmp((s), (literal), sizeof(literal) - 1) == 0)

bool
lt_scan_request_prefix(const char *s, size_t n)
{
	if (n < 5)
		return false;
	if (s[0] == 'H')
		return starts_with(s, n, "HTTP ");
	if (s[0] != 'R')
		return false;
	return starts_with(s, n, "Request completed: ") ||
	    starts_with(s, n, "Request failed: ") ||
	    starts_with(s, n, "Response: ") ||
	    starts_with(s, n, "Request finished ");
}
