/*
 * Endpoint names, exception types and path exclusion.
 *
 * An endpoint is "METHOD path" with the path normalised:
 *   - a scheme and host ("http://host:port") before the path are dropped;
 *   - the query string and fragment ("?..." and "#...") are dropped;
 *   - a segment that is a decimal number, a GUID (8-4-4-4-12 hex digits,
 *     braces allowed), 8 or more hex digits with at least one decimal
 *     digit, or any segment with 4 or more decimal digits ("ipNX869638")
 *     becomes "{id}".
 * Example: "/api/jobs/42/items/3f2504e0-4f89-11d3-9a0c-0305e82c3301?x=1"
 * becomes "/api/jobs/{id}/items/{id}".
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"

/* Health probes, skipped unless --include-health is given. */
const char *const an_health_globs[] = {
	"/health*", "/healthz*", "/api/health*", NULL,
};

static bool
all_digits(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool
is_guid(const char *s, size_t len)
{
	static const size_t groups[] = { 8, 4, 4, 4, 12 };
	size_t i = 0;

	if (len == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		len -= 2;
	}
	if (len != 36)
		return false;
	for (size_t g = 0; g < 5; g++) {
		for (size_t k = 0; k < groups[g]; k++, i++)
			if (!isxdigit((unsigned char)s[i]))
				return false;
		if (g < 4 && s[i++] != '-')
			return false;
	}
	return true;
}

static bool
is_hex_id(const char *s, size_t len)
{
	bool digit = false;

	if (len < 8)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return false;
		if (isdigit((unsigned char)s[i]))
			digit = true;
	}
	return digit;
}

static size_t
count_digits(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += isdigit((unsigned char)s[i]) != 0;
	return n;
}

static bool
is_id(const char *s, size_t len)
{
	return all_digits(s, len) || is_guid(s, len) || is_hex_id(s, len) ||
	    count_digits(s, len) >= 4;
}

/* Skips "scheme://host[:port]" at the start of a URL. */
static size_t
skip_origin(const char *path, size_t len)
{
	const char *p, *slash;

	if (len == 0 || path[0] == '/')
		return 0;
	p = memmem(path, len, "://", 3);
	if (p == NULL || memchr(path, '/', (size_t)(p - path)) != NULL)
		return 0;
	p += 3;
	slash = memchr(p, '/', len - (size_t)(p - path));
	return slash ? (size_t)(slash - path) : len;
}

/* Returns the offset of the query string or fragment that ends the path
 * starting at i, or len when there is none. */
static size_t
path_end(const char *path, size_t i, size_t len)
{
	const char *query = memchr(path + i, '?', len - i);
	const char *fragment;

	if (query != NULL)
		len = (size_t)(query - path);
	fragment = memchr(path + i, '#', len - i);
	return fragment != NULL ? (size_t)(fragment - path) : len;
}

/* Appends what fits of s to out, keeping a byte for the NUL, and counts
 * all of len in *n so that callers learn the untruncated length. */
static void
put(char *out, size_t cap, size_t *n, const char *s, size_t len)
{
	if (*n + 1 < cap) {
		size_t room = cap - 1 - *n;

		memcpy(out + *n, s, len < room ? len : room);
	}
	*n += len;
}

/* Writes the path without origin, query string and fragment into out
 * (NUL-terminated, truncated) and returns its length before truncation. */
size_t
an_path_bare(const char *path, size_t len, char *out, size_t cap)
{
	size_t i = skip_origin(path, len), end, n = 0;

	end = path_end(path, i, len);
	put(out, cap, &n, path + i, end - i);
	if (cap > 0)
		out[n < cap ? n : cap - 1] = '\0';
	return n;
}

/*
 * Writes the normalised path into out (NUL-terminated, truncated to
 * cap - 1 bytes) and returns its length before truncation.
 */
size_t
an_path_normalize(const char *path, size_t len, char *out, size_t cap)
{
	size_t i = skip_origin(path, len), n = 0, end;

	end = path_end(path, i, len);
	if (i == end)
		put(out, cap, &n, "/", 1);
	while (i < end) {
		size_t seg = i;

		while (seg < end && path[seg] != '/')
			seg++;
		if (is_id(path + i, seg - i))
			put(out, cap, &n, "{id}", 4);
		else
			put(out, cap, &n, path + i, seg - i);
		if (seg < end)
			put(out, cap, &n, "/", 1);
		i = seg + 1;
	}
	if (cap > 0)
		out[n < cap ? n : cap - 1] = '\0';
	return n;
}

/* True when the bytes are a .NET type name: identifier characters and
 * dots, with a dot or ending in "Exception". */
static bool
is_type_name(const char *s, size_t len)
{
	bool dot = false;

	if (len == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.')
			dot = true;
		else if (!isalnum(c) && c != '_' && c != '`' && c != '+')
			return false;
	}
	return dot || (len >= 9 && memcmp(s + len - 9, "Exception", 9) == 0);
}

/* The length of a line's type prefix: up to ':', " (" or the line end. */
static size_t
type_prefix(const char *line, size_t len)
{
	size_t end = 0;

	while (end < len && line[end] != ':' &&
	    !(line[end] == ' ' && end + 1 < len && line[end + 1] == '('))
		end++;
	while (end > 0 && isspace((unsigned char)line[end - 1]))
		end--;
	return end;
}

/*
 * Writes the type of an exception into out and returns its length, 0
 * when the text names none. The type is the start of the first line,
 * up to ':' or " (", that is a .NET type name; .NET writes
 * "System.IO.FileNotFoundException: Could not find file ...". Lines
 * before it (SQL text after "Failed executing DbCommand", for example)
 * are skipped.
 */
size_t
an_exception_type(const char *text, size_t len, char *out, size_t cap)
{
	size_t i = 0, n = 0;

	while (i < len) {
		size_t eol = i, start, plen;

		while (eol < len && text[eol] != '\n')
			eol++;
		start = i;
		while (start < eol && isspace((unsigned char)text[start]))
			start++;
		plen = type_prefix(text + start, eol - start);
		if (is_type_name(text + start, plen)) {
			put(out, cap, &n, text + start, plen);
			break;
		}
		i = eol + 1;
	}
	if (cap > 0)
		out[n < cap ? n : cap - 1] = '\0';
	return n;
}

/* fnmatch(3) without flags, with a fast path for the common "prefix*"
 * pattern that has no other special character. */
static bool
glob_match(const char *glob, const char *path)
{
	size_t n = strcspn(glob, "*?[\\");

	if (glob[n] == '*' && glob[n + 1] == '\0')
		return strncmp(glob, path, n) == 0;
	return fnmatch(glob, path, 0) == 0;
}

/* True when a request path (query string removed) matches an --exclude-path
 * pattern, or a health-probe pattern unless --include-health is set. */
bool
an_path_excluded(const struct an_options *opts, const char *path)
{
	for (size_t i = 0; i < opts->nexcludes; i++)
		if (glob_match(opts->excludes[i], path))
			return true;
	if (opts->include_health)
		return false;
	for (size_t i = 0; an_health_globs[i] != NULL; i++)
		if (glob_match(an_health_globs[i], path))
			return true;
	return false;
}

/*
 * Sorts a pattern for an_excluder_match(). A "prefix*" pattern whose
 * prefix has no special character matches a bare path that starts with
 * the prefix, as glob_match() does. Such a prefix with a '#' never
 * matches, because the bare path ends before its first '#', and neither
 * does one longer than the bare path an_path_bare() keeps in an
 * AN_PATH_MAX buffer.
 */
static void
glob_prepare(struct an_glob *g, const char *text)
{
	size_t n = strcspn(text, "*?[\\");

	g->text = text;
	g->prefix_len = n;
	if (text[n] != '*' || text[n + 1] != '\0')
		g->kind = AN_GLOB_FNMATCH;
	else if (n >= AN_PATH_MAX || memchr(text, '#', n) != NULL)
		g->kind = AN_GLOB_NEVER;
	else
		g->kind = AN_GLOB_PREFIX;
}

/*
 * True when pattern i is a prefix pattern that another one makes
 * redundant: a path that starts with its prefix also starts with the
 * other's shorter (or equal and earlier) prefix, as "/healthz*" with
 * "/health*".
 */
static bool
glob_covered(const struct an_excluder *x, size_t i)
{
	const struct an_glob *g = &x->globs[i];

	if (g->kind != AN_GLOB_PREFIX)
		return false;
	for (size_t j = 0; j < x->n; j++) {
		const struct an_glob *o = &x->globs[j];

		if (j == i || o->kind != AN_GLOB_PREFIX ||
		    o->prefix_len > g->prefix_len ||
		    (o->prefix_len == g->prefix_len && j > i))
			continue;
		if (memcmp(o->text, g->text, o->prefix_len) == 0)
			return true;
	}
	return false;
}

int
an_excluder_init(struct an_excluder *x, const struct an_options *opts)
{
	size_t nhealth = 0;

	while (!opts->include_health && an_health_globs[nhealth] != NULL)
		nhealth++;
	x->n = opts->nexcludes + nhealth;
	x->globs = calloc(x->n > 0 ? x->n : 1, sizeof(*x->globs));
	if (x->globs == NULL)
		return -1;
	for (size_t i = 0; i < x->n; i++)
		glob_prepare(&x->globs[i], i < opts->nexcludes ?
		    opts->excludes[i] : an_health_globs[i - opts->nexcludes]);
	for (size_t i = 0; i < x->n; i++)
		if (glob_covered(x, i))
			x->globs[i].kind = AN_GLOB_COVERED;
	return 0;
}

void
an_excluder_free(struct an_excluder *x)
{
	free(x->globs);
	x->globs = NULL;
	x->n = 0;
}

/* True when s[0..len) starts with prefix[0..plen). Paths differ from a
 * pattern within a few bytes, where a loop stops sooner than a call to
 * memcmp() returns. */
static bool
starts_with(const char *s, size_t len, const char *prefix, size_t plen)
{
	size_t i = 0;

	if (len < plen)
		return false;
	for (; i + 8 <= plen; i += 8) {
		uint64_t a, b;

		memcpy(&a, s + i, sizeof(a));
		memcpy(&b, prefix + i, sizeof(b));
		if (a != b)
			return false;
	}
	for (; i < plen; i++)
		if (s[i] != prefix[i])
			return false;
	return true;
}

/* Matches the bare form of the request path against the fnmatch(3)
 * pattern g. */
static bool
bare_path_matches(const struct an_glob *g, const char *path, size_t len)
{
	char bare[AN_PATH_MAX];

	an_path_bare(path, len, bare, sizeof(bare));
	return fnmatch(g->text, bare, 0) == 0;
}

/*
 * Matches the bare form of the request path (an_path_bare()) against the
 * patterns. The prefix patterns compare the path's bytes in place: a
 * path that starts with a prefix has no '?' or '#' within it, so the
 * bare path starts with the same bytes. The bare path is written out
 * only for the patterns that need fnmatch(3).
 */
bool
an_excluder_match(const struct an_excluder *x, const char *path,
    size_t len)
{
	size_t start = skip_origin(path, len);

	for (size_t i = 0; i < x->n; i++) {
		const struct an_glob *g = &x->globs[i];

		switch (g->kind) {
		case AN_GLOB_PREFIX:
			if (starts_with(path + start, len - start, g->text,
			    g->prefix_len))
				return true;
			break;
		case AN_GLOB_FNMATCH:
			if (bare_path_matches(g, path, len))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}
