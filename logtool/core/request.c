/*
 * The request classifier: recognises the messages that report one finished
 * HTTP request (request.h lists the shapes). Paths may contain spaces, so
 * most shapes are read from the end of the message backwards: the number
 * and status at the end are fixed, and the path is what lies between the
 * method and them.
 */
#include <stdbool.h>
#include <string.h>

#include "request.h"

/* A cursor over the message: the unread text is [start, end). */
struct cursor {
	const char	*s;
	size_t		 start;
	size_t		 end;
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The literal's length n is a constant where the macros below call these,
 * so once they are inlined the compiler turns memcmp() into a few loads.
 */
static inline __attribute__((always_inline)) bool
take_prefix_n(struct cursor *c, const char *prefix, size_t n)
{
	if (c->end - c->start < n || memcmp(c->s + c->start, prefix, n) != 0)
		return false;
	c->start += n;
	return true;
}

static inline __attribute__((always_inline)) bool
take_suffix_n(struct cursor *c, const char *suffix, size_t n)
{
	if (c->end - c->start < n ||
	    memcmp(c->s + c->end - n, suffix, n) != 0)
		return false;
	c->end -= n;
	return true;
}

#define take_prefix(c, literal) \
	take_prefix_n((c), (literal), sizeof(literal) - 1)
#define take_suffix(c, literal) \
	take_suffix_n((c), (literal), sizeof(literal) - 1)

/* METHOD SP, where METHOD is 1*UPPER. */
static inline bool
take_method(struct cursor *c, struct lt_span *method)
{
	size_t i = c->start;

	while (i < c->end && c->s[i] >= 'A' && c->s[i] <= 'Z')
		i++;
	if (i == c->start || i >= c->end || c->s[i] != ' ')
		return false;
	method->ptr = c->s + c->start;
	method->len = i - c->start;
	c->start = i + 1;
	return true;
}

/*
 * Reads NUM = 1*DIGIT ["." 1*DIGIT] that ends the unread text, without
 * the locale.
 */
static inline bool
take_number_back(struct cursor *c, double *value)
{
	const char *s = c->s;
	size_t i = c->end, dot = c->end;
	double v = 0, scale = 1;

	while (i > c->start && is_digit(s[i - 1]))
		i--;
	if (i > c->start && s[i - 1] == '.') {
		dot = --i;
		while (i > c->start && is_digit(s[i - 1]))
			i--;
	}
	if (i == c->end || !is_digit(s[i]) || !is_digit(s[c->end - 1]))
		return false;
	for (size_t k = i; k < dot; k++)
		v = v * 10 + (s[k] - '0');
	for (size_t k = dot + 1; k < c->end; k++) {
		v = v * 10 + (s[k] - '0');
		scale *= 10;
	}
	*value = v / scale;
	c->end = i;
	return true;
}

/* Reads STATUS = 3DIGIT that ends the unread text. */
static inline bool
take_status_back(struct cursor *c, int *status)
{
	const char *p = c->s + c->end - 3;

	if (c->end - c->start < 3 || !is_digit(p[0]) || !is_digit(p[1]) ||
	    !is_digit(p[2]))
		return false;
	*status = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	c->end -= 3;
	return true;
}

/* The unread text is the path; it must not be empty. */
static bool
take_rest_as_path(struct cursor *c, struct lt_span *path)
{
	if (c->end <= c->start)
		return false;
	path->ptr = c->s + c->start;
	path->len = c->end - c->start;
	return true;
}

/*
 * Aura's completion line:
 *   "Request completed: " METHOD SP PATH " - " STATUS " in " NUM "ms"
 * The copy that ends in " [CorrelationId: ...]" does not end in "ms", so
 * it is not matched.
 */
static bool
parse_completed(struct cursor *c, struct lt_request *req)
{
	return take_prefix(c, "Request completed: ") &&
	    take_method(c, &req->method) && take_suffix(c, "ms") &&
	    take_number_back(c, &req->duration_ms) &&
	    take_suffix(c, " in ") && take_status_back(c, &req->status) &&
	    take_suffix(c, " - ") && take_rest_as_path(c, &req->path);
}

/* Aura's failure line: "Request failed: " METHOD SP PATH " after " NUM
 * "ms". */
static bool
parse_failed(struct cursor *c, struct lt_request *req)
{
	if (!(take_prefix(c, "Request failed: ") &&
	    take_method(c, &req->method) && take_suffix(c, "ms") &&
	    take_number_back(c, &req->duration_ms) &&
	    take_suffix(c, " after ") && take_rest_as_path(c, &req->path)))
		return false;
	req->failed = true;
	return true;
}

/* Aura's older line: "Response: " METHOD SP PATH SP STATUS " in " NUM
 * "ms". */
static bool
parse_response(struct cursor *c, struct lt_request *req)
{
	return take_prefix(c, "Response: ") &&
	    take_method(c, &req->method) && take_suffix(c, "ms") &&
	    take_number_back(c, &req->duration_ms) &&
	    take_suffix(c, " in ") && take_status_back(c, &req->status) &&
	    take_suffix(c, " ") && take_rest_as_path(c, &req->path);
}

/*
 * Serilog.AspNetCore request logging:
 *   "HTTP " METHOD SP PATH " responded " STATUS " in " NUM " ms"
 */
static bool
parse_serilog(struct cursor *c, struct lt_request *req)
{
	return take_prefix(c, "HTTP ") && take_method(c, &req->method) &&
	    take_suffix(c, " ms") && take_number_back(c, &req->duration_ms) &&
	    take_suffix(c, " in ") && take_status_back(c, &req->status) &&
	    take_suffix(c, " responded ") && take_rest_as_path(c, &req->path);
}

/* Reads a token that ends at the next space. */
static bool
take_token(struct cursor *c, struct lt_span *token)
{
	const char *sp = memchr(c->s + c->start, ' ', c->end - c->start);

	if (sp == NULL || sp == c->s + c->start)
		return false;
	token->ptr = c->s + c->start;
	token->len = (size_t)(sp - token->ptr);
	c->start += token->len + 1;
	return true;
}

/* Returns the path of an absolute URL ("https://host/p?q" gives "/p?q"),
 * or the URL itself when it has no scheme. */
static struct lt_span
url_path(struct lt_span url)
{
	static const char root[] = "/";
	const char *scheme, *slash, *end = url.ptr + url.len;
	struct lt_span path = url;

	scheme = memmem(url.ptr, url.len, "://", 3);
	if (scheme == NULL)
		return path;
	slash = memchr(scheme + 3, '/', (size_t)(end - scheme - 3));
	if (slash == NULL) {
		path.ptr = root;
		path.len = 1;
		return path;
	}
	path.ptr = slash;
	path.len = (size_t)(end - slash);
	return path;
}

/*
 * Finds the status: the last " - " STATUS SP (or " - " STATUS at the end)
 * in the unread text. Request content type and length may stand between
 * the URL and it, and are "-" when absent.
 */
static bool
find_finished_status(const struct cursor *c, int *status)
{
	const char *s = c->s;

	for (size_t i = c->end; i >= c->start + 6; i--) {
		const char *p = s + i - 6;

		if (memcmp(p, " - ", 3) == 0 && is_digit(p[3]) &&
		    is_digit(p[4]) && is_digit(p[5]) &&
		    (i == c->end || s[i] == ' ')) {
			*status = (p[3] - '0') * 100 + (p[4] - '0') * 10 +
			    (p[5] - '0');
			return true;
		}
	}
	return false;
}

/*
 * ASP.NET Core hosting diagnostics:
 *   "Request finished " PROTO SP METHOD SP URL SP [REQTYPE SP REQLEN SP]
 *       "- " STATUS SP ... [SP NUM "ms"]
 * Older ASP.NET Core versions write the request content type and length
 * (each "-" when absent) before the status; the current one does not.
 */
static bool
parse_finished(struct cursor *c, struct lt_request *req)
{
	struct lt_span proto, url;
	struct cursor tail;

	if (!take_prefix(c, "Request finished ") || !take_token(c, &proto) ||
	    !take_method(c, &req->method) || !take_token(c, &url))
		return false;
	c->start--;
	if (!find_finished_status(c, &req->status))
		return false;
	req->path = url_path(url);
	tail = *c;
	if (take_suffix(&tail, "ms") &&
	    take_number_back(&tail, &req->duration_ms) &&
	    !(tail.end > tail.start && tail.s[tail.end - 1] == ' '))
		req->duration_ms = -1;
	return true;
}

bool
lt_request_parse(struct lt_span message, struct lt_request *req)
{
	struct cursor c = { message.ptr, 0, message.len };
	bool found;

	if (message.len < 10 || (message.ptr[0] != 'R' &&
	    message.ptr[0] != 'H'))
		return false;
	memset(req, 0, sizeof(*req));
	req->duration_ms = -1;
	if (message.ptr[0] == 'H')
		found = parse_serilog(&c, req);
	else if (message.ptr[2] == 's')
		found = parse_response(&c, req);
	else if (message.ptr[8] == 'c')
		found = parse_completed(&c, req);
	else if (message.ptr[8] == 'f' && message.ptr[9] == 'a')
		found = parse_failed(&c, req);
	else
		found = parse_finished(&c, req);
	if (!found)
		return false;
	if (req->status >= 500)
		req->failed = true;
	return true;
}
