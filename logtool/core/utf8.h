/* UTF-8 well-formedness (RFC 3629). */
#ifndef LT_UTF8_H
#define LT_UTF8_H

#include <stddef.h>

/* The replacement character U+FFFD, for bytes that are not UTF-8. */
#define LT_UTF8_REPLACEMENT	"\xef\xbf\xbd"

/*
 * Returns the length of the well-formed UTF-8 sequence at s[0..n), n > 0:
 * no overlong forms, surrogates or code points above U+10FFFF. Returns 0
 * when the bytes at s do not start one.
 */
size_t	lt_utf8_length(const char *s, size_t n);

#endif
