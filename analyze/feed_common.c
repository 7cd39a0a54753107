/*
 * Request recognition and failure bookkeeping shared by both feeds.
 *
 * --request-pattern grammar: a PCRE2 regular expression matched against
 * the rendered message, with named groups "method", "path", "status" and
 * "duration_ms". The path group is required and the others may be
 * absent, with a warning when status is. A request matched this way
 * failed when its status is 500 or more.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "feed.h"
#include "request.h"
#include "signature.h"

struct an_pattern {
	const char		*regex;
	pcre2_code		*code;
	pcre2_match_data	*match;
	pcre2_match_context	*context;
};

int
an_pattern_new(const char *regex, struct an_pattern **out)
{
	struct an_pattern *p;
	PCRE2_UCHAR message[256];
	PCRE2_SIZE offset;
	int code;

	*out = NULL;
	if (regex == NULL)
		return 0;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return lt_error_errno("cannot allocate the request pattern");
	p->code = pcre2_compile((PCRE2_SPTR)regex, PCRE2_ZERO_TERMINATED, 0,
	    &code, &offset, NULL);
	if (p->code == NULL) {
		pcre2_get_error_message(code, message, sizeof(message));
		free(p);
		return lt_error_set("invalid request pattern '%s': %s at "
		    "offset %zu", regex, (char *)message, (size_t)offset);
	}
	if (pcre2_substring_number_from_name(p->code,
	    (PCRE2_SPTR)"path") < 0) {
		an_pattern_free(p);
		return lt_error_set("request pattern '%s' has no named group "
		    "'path'", regex);
	}
	if (pcre2_substring_number_from_name(p->code,
	    (PCRE2_SPTR)"status") < 0)
		lt_warn("request pattern '%s' has no named group 'status', so "
		    "the requests it matches never count as failed", regex);
	p->regex = regex;
	p->match = pcre2_match_data_create_from_pattern(p->code, NULL);
	p->context = pcre2_match_context_create(NULL);
	if (p->match == NULL || p->context == NULL) {
		an_pattern_free(p);
		return lt_error_errno("cannot allocate the request pattern");
	}
	pcre2_set_match_limit(p->context, AN_MATCH_LIMIT);
	*out = p;
	return 0;
}

void
an_pattern_free(struct an_pattern *p)
{
	if (p == NULL)
		return;
	pcre2_match_context_free(p->context);
	pcre2_match_data_free(p->match);
	pcre2_code_free(p->code);
	free(p);
}

/* The span of a named group, empty when it did not take part. */
static struct lt_span
group(const struct an_pattern *p, struct lt_span subject, const char *name)
{
	struct lt_span s = { subject.ptr, 0 };
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->match);
	int n = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR)name);

	if (n < 0 || ov[2 * n] == PCRE2_UNSET)
		return s;
	s.ptr = subject.ptr + ov[2 * n];
	s.len = ov[2 * n + 1] - ov[2 * n];
	return s;
}

static double
span_number(struct lt_span s, double absent)
{
	char text[64];

	if (s.len == 0 || s.len >= sizeof(text))
		return absent;
	memcpy(text, s.ptr, s.len);
	text[s.len] = '\0';
	return strtod(text, NULL);
}

/* Returns 1 with *req filled when message matches, 0 when it does not,
 * or -1 when PCRE2 could not finish (the match limit, for one). */
static int
pattern_match(struct an_pattern *p, struct lt_span message,
    struct an_request_info *req)
{
	PCRE2_UCHAR text[256];
	int rc = pcre2_match(p->code, (PCRE2_SPTR)message.ptr, message.len,
	    0, 0, p->match, p->context);

	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		pcre2_get_error_message(rc, text, sizeof(text));
		return lt_error_set("request pattern '%s' failed on a "
		    "message: %s; simplify the pattern", p->regex,
		    (const char *)text);
	}
	req->method = group(p, message, "method");
	req->path = group(p, message, "path");
	req->status = (int)span_number(group(p, message, "status"), 0);
	req->duration_ms = span_number(group(p, message, "duration_ms"), -1);
	req->failed = req->status >= 500;
	return 1;
}

int
an_request_match(struct an_pattern *p, struct lt_span message,
    struct an_request_info *req)
{
	struct lt_request r;

	if (lt_request_parse(message, &r)) {
		req->method = r.method;
		req->path = r.path;
		req->status = r.status;
		req->duration_ms = r.duration_ms;
		req->failed = r.failed;
		return 1;
	}
	return p != NULL ? pattern_match(p, message, req) : 0;
}

/* Appends the first max bytes of span to the spool. */
static int
spool_span(struct an_spool *spool, struct lt_span span, size_t max,
    uint32_t *len, uint64_t *offset)
{
	*len = (uint32_t)(span.len < max ? span.len : max);
	return an_spool_put(spool, span.ptr != NULL ? span.ptr : "", *len,
	    offset);
}

static int
keep_sample(struct an_data *d, struct an_causes *c,
    const struct an_failure *fail, uint32_t endpoint, int status)
{
	struct an_sample *s;
	uint64_t raw_offset;

	if (c->nsamples == AN_SAMPLES)
		return 0;
	if (c->samples == NULL &&
	    (c->samples = calloc(AN_SAMPLES, sizeof(*c->samples))) == NULL)
		return lt_error_errno("cannot allocate samples");
	s = &c->samples[c->nsamples];
	s->ts = fail->ts;
	s->status = status;
	s->endpoint = endpoint;
	if (spool_span(&d->spool, fail->correlation_id, 256, &s->id_len,
	    &s->text) == -1 ||
	    spool_span(&d->spool, fail->raw, AN_SAMPLE_MAX, &s->raw_len,
	    &raw_offset) == -1)
		return -1;
	c->nsamples++;
	return 0;
}

int
an_feed_failure(struct an_data *d, const struct an_options *opts,
    struct an_bucket *b, const struct an_failure *fail,
    const struct an_request_info *req)
{
	struct an_causes *c = an_bucket_causes(b);
	char endpoint[1024];
	size_t n;
	uint32_t id;

	if (c == NULL)
		return -1;
	n = (size_t)snprintf(endpoint, sizeof(endpoint), "%.*s ",
	    (int)(req->method.len < 16 ? req->method.len : 16),
	    req->method.ptr ? req->method.ptr : "");
	if (n == 1)
		n = 0;
	an_path_normalize(req->path.ptr, req->path.len, endpoint + n,
	    sizeof(endpoint) - n);
	if (an_strings_intern(&d->strings, endpoint, strlen(endpoint),
	    &id) == -1 || an_tally_add(&c->endpoints, id, 1) == -1)
		return -1;
	if (!opts->keep_samples)
		return 0;
	return keep_sample(d, c, fail, id, req->status);
}

/* Makes room in signature_counts for index id. */
static int
grow_counts(struct an_data *d, uint32_t id)
{
	size_t n = d->nsignature_counts ? d->nsignature_counts : 64;
	uint64_t *p;

	while (n <= id)
		n *= 2;
	p = realloc(d->signature_counts, n * sizeof(*p));
	if (p == NULL)
		return lt_error_errno("cannot allocate signature counts");
	memset(p + d->nsignature_counts, 0,
	    (n - d->nsignature_counts) * sizeof(*p));
	d->signature_counts = p;
	d->nsignature_counts = n;
	return 0;
}

int
an_feed_signature(struct an_data *d, struct lt_span message)
{
	struct lt_buf sig = LT_BUF_INIT;
	uint32_t id;
	int rc;

	rc = lt_signature(message.ptr ? message.ptr : "", message.len, &sig);
	if (rc == 0)
		rc = an_strings_intern(&d->strings, sig.data ? sig.data : "",
		    sig.len, &id);
	lt_buf_free(&sig);
	if (rc == 0 && id >= d->nsignature_counts && grow_counts(d, id) == -1)
		return -1;
	if (rc == 0)
		d->signature_counts[id]++;
	return rc;
}
