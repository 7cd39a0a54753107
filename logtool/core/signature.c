#include <stdbool.h>
#include <string.h>

#include "signature.h"

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_word(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Length of the run of word bytes at s[i]. */
static size_t
word_len(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && is_word((unsigned char)s[j]))
		j++;
	return j - i;
}

/* True when s[i..i+n) is followed by the end or by a non-word byte. */
static bool
ends_word(const char *s, size_t len, size_t i, size_t n)
{
	return i + n >= len || !is_word((unsigned char)s[i + n]);
}

/* 8-4-4-4-12 hex digits, not followed by a word byte. */
static size_t
match_guid(const char *s, size_t len, size_t i)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	size_t n = sizeof(shape) - 1;

	if (len - i < n)
		return 0;
	for (size_t k = 0; k < n; k++) {
		int c = (unsigned char)s[i + k];
		if (shape[k] == '-' ? c != '-' : !is_hex(c))
			return 0;
	}
	return ends_word(s, len, i, n) ? n : 0;
}

/* scheme "://" followed by bytes up to white space. */
static size_t
match_url(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && (is_alpha((unsigned char)s[j]) ||
	    (j > i && (is_digit((unsigned char)s[j]) || s[j] == '+' ||
	    s[j] == '.' || s[j] == '-'))))
		j++;
	if (j == i || len - j < 3 || memcmp(s + j, "://", 3) != 0)
		return 0;
	j += 3;
	while (j < len && !is_space((unsigned char)s[j]))
		j++;
	return j - i;
}

/*
 * A path: "/" or "\" or a drive ("C:\") followed by a non-space byte, up
 * to white space, a quote or a bracket, less trailing punctuation.
 */
static size_t
match_path(const char *s, size_t len, size_t i)
{
	size_t j = i;

	if (s[i] == '/' || s[i] == '\\')
		j = i + 1;
	else if (len - i >= 3 && is_alpha((unsigned char)s[i]) &&
	    s[i + 1] == ':' && s[i + 2] == '\\')
		j = i + 3;
	else
		return 0;
	if (j >= len || is_space((unsigned char)s[j]))
		return 0;
	while (j < len && !is_space((unsigned char)s[j]) &&
	    strchr("'\"()[]<>{}", s[j]) == NULL)
		j++;
	while (j > i + 1 && strchr(".,;:", s[j - 1]) != NULL)
		j--;
	return j - i;
}

/*
 * A hex id ("0x" and hex digits, or 8 or more hex digits with at least
 * one decimal digit and one letter) or an opaque id (8 or more upper-case
 * letters and digits with both kinds, such as ASP.NET's "0HMVD3K2L8R1Q").
 */
static size_t
match_id(const char *s, size_t len, size_t i, const char **name)
{
	size_t n = word_len(s, len, i), k;
	bool hex = true, upper = true, digit = false, letter = false;

	if (n > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		for (k = 2; k < n && is_hex((unsigned char)s[i + k]); k++)
			;
		if (k == n) {
			*name = "<hex>";
			return n;
		}
	}
	if (n < 8)
		return 0;
	for (k = 0; k < n; k++) {
		int c = (unsigned char)s[i + k];
		digit |= is_digit(c);
		letter |= is_alpha(c);
		hex &= is_hex(c);
		upper &= is_digit(c) || (c >= 'A' && c <= 'Z');
	}
	if (!digit || !letter || (!hex && !upper))
		return 0;
	*name = hex ? "<hex>" : "<id>";
	return n;
}

/* Digits with inner ".", "," or ":" separators: 42, 3.14, 14:05:00. */
static size_t
match_number(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && is_digit((unsigned char)s[j]))
		j++;
	while (j + 1 < len && strchr(".,:", s[j]) != NULL &&
	    is_digit((unsigned char)s[j + 1])) {
		j++;
		while (j < len && is_digit((unsigned char)s[j]))
			j++;
	}
	return j - i;
}

/* A quote at a word start, closed by the same quote before a non-word
 * byte; returns the length including both quotes. */
static size_t
match_quoted(const char *s, size_t len, size_t i)
{
	char q = s[i];

	for (size_t j = i + 1; j < len; j++) {
		if (s[j] == q && ends_word(s, len, j, 1))
			return j + 1 - i;
	}
	return 0;
}

static int
put(struct lt_buf *out, const char *text, size_t n)
{
	return lt_buf_append(out, text, n);
}

/*
 * Matches the variable part that starts at s[i], a word start. Returns
 * its length and sets *text to the placeholder, or returns 0.
 */
static size_t
match_variable(const char *s, size_t len, size_t i, const char **text)
{
	size_t n;

	if ((n = match_guid(s, len, i)) != 0) {
		*text = "<guid>";
		return n;
	}
	if ((n = match_url(s, len, i)) != 0) {
		*text = "<url>";
		return n;
	}
	if ((n = match_path(s, len, i)) != 0) {
		*text = "<path>";
		return n;
	}
	if (s[i] == '\'' || s[i] == '"') {
		if ((n = match_quoted(s, len, i)) != 0)
			*text = s[i] == '\'' ? "'<v>'" : "\"<v>\"";
		return n;
	}
	return match_id(s, len, i, text);
}

/*
 * Grammar, applied left to right; at each position the first rule that
 * matches wins, and anything else is copied unchanged:
 *
 *   space  = 1*( SP / HTAB / CR / LF )          -> one SP (none at the
 *                                                   start or the end)
 *   guid   = 8HEX "-" 4HEX "-" 4HEX "-" 4HEX "-" 12HEX      -> "<guid>"
 *   url    = ALPHA *( ALPHA / DIGIT / "+" / "." / "-" ) "://"
 *            *( not space )                                  -> "<url>"
 *   path   = ( "/" / "\" / ALPHA ":\" ) 1*( not space, quote or
 *            bracket ), less trailing ".,;:"                 -> "<path>"
 *   quoted = "'" *byte "'" / DQUOTE *byte DQUOTE, closed before a
 *            non-word byte                          -> "'<v>'" / "\"<v>\""
 *   hexid  = "0x" 1*HEX / 8*HEX with a DIGIT and a letter    -> "<hex>"
 *   opaque = 8*( UPPER / DIGIT ) with a DIGIT and a letter   -> "<id>"
 *   number = 1*DIGIT *( ( "." / "," / ":" ) 1*DIGIT )        -> "<n>"
 *
 * guid, url, path, quoted, hexid and opaque match only at a word start
 * (after a byte that is not a letter, digit or "_") and hexid and opaque
 * only as a whole word. A number matches anywhere, so "user42" becomes
 * "user<n>". The result is cut at LT_SIGNATURE_MAX bytes.
 */
int
lt_signature(const char *msg, size_t len, struct lt_buf *out)
{
	size_t i = 0, n;
	const char *text;

	lt_buf_reset(out);
	if (put(out, "", 0) == -1)
		return -1;
	while (i < len && is_space((unsigned char)msg[i]))
		i++;
	while (i < len && out->len < LT_SIGNATURE_MAX) {
		int c = (unsigned char)msg[i];
		bool start = i == 0 || !is_word((unsigned char)msg[i - 1]);

		if (is_space(c)) {
			while (i < len && is_space((unsigned char)msg[i]))
				i++;
			if (i < len && put(out, " ", 1) == -1)
				return -1;
			continue;
		}
		if (start && (n = match_variable(msg, len, i, &text)) != 0) {
			if (put(out, text, strlen(text)) == -1)
				return -1;
			i += n;
			continue;
		}
		if (is_digit(c)) {
			i += match_number(msg, len, i);
			if (put(out, "<n>", 3) == -1)
				return -1;
			continue;
		}
		if (put(out, msg + i, 1) == -1)
			return -1;
		i++;
	}
	if (out->len > LT_SIGNATURE_MAX) {
		out->len = LT_SIGNATURE_MAX;
		out->data[out->len] = '\0';
	}
	return 0;
}
