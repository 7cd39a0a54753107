/*
 * libFuzzer harness for the record parser, the request classifier and
 * the time parser. Not part of `make check`.
 *
 * Build and run (clang with libFuzzer, ASan and UBSan), from the top of
 * the tree:
 *
 *   tests/fuzz/build.sh /tmp/fuzz
 *   mkdir -p /tmp/fuzz/corpus-parser
 *   /tmp/fuzz/fuzz_parser -max_total_time=600 -max_len=65536 \
 *       -rss_limit_mb=4096 /tmp/fuzz/corpus-parser tests/fuzz/seeds
 *
 * The first input byte picks the size of each read, so that records are
 * split across reads at every position; the rest is the log text. Each
 * record is parsed again from its raw text and must come out the same,
 * and its message goes through the request classifier. A second parser
 * in request-scanning mode (scan.h) reads the same input and must return
 * the same records, complete wherever scan.h documents them as complete.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "record.h"
#include "request.h"
#include "scan.h"
#include "timeutil.h"

struct feed {
	const uint8_t	*data;
	size_t		 len;
	size_t		 pos;
	size_t		 chunk;
};

static ssize_t
feed_read(void *ctx, void *buf, size_t cap)
{
	struct feed *f = ctx;
	size_t n = f->len - f->pos;

	if (n > f->chunk)
		n = f->chunk;
	if (n > cap)
		n = cap;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (ssize_t)n;
}

static int
same_span(struct lt_span a, struct lt_span b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr,
	    a.len) == 0);
}

/* Traps unless a and b have the same header fields and text. */
static void
check_same(const struct lt_record *a, const struct lt_record *b)
{
	if (a->ts != b->ts || a->level != b->level ||
	    a->format != b->format || !same_span(a->message, b->message) ||
	    !same_span(a->exception, b->exception) ||
	    !same_span(a->correlation_id, b->correlation_id) ||
	    !same_span(a->trace_id, b->trace_id) ||
	    !same_span(a->span_id, b->span_id) ||
	    !same_span(a->properties, b->properties))
		__builtin_trap();
}

static void
check_record(const struct lt_record *rec, struct lt_parser *scratch)
{
	struct lt_record again;
	struct lt_request req;

	(void)lt_record_event_key(rec);
	(void)lt_request_parse(rec->message, &req);
	if (lt_record_parse_text(rec->raw.ptr, rec->raw.len, &again,
	    scratch) == 0) {
		(void)lt_record_event_key(&again);
		(void)lt_request_parse(again.message, &req);
		/* A record cut at LT_RECORD_MAX may end inside a line. */
		if (rec->raw.len < LT_RECORD_MAX)
			check_same(rec, &again);
	}
}

/* Traps unless the scanned record s matches the full record r. */
static void
check_scanned(const struct lt_record *r, const struct lt_record *s)
{
	if (s->offset != r->offset || s->line != r->line ||
	    !same_span(s->raw, r->raw) || s->ts != r->ts ||
	    s->level != r->level || s->format != r->format)
		__builtin_trap();
	if (s->message.len > 0 || r->level >= LT_LEVEL_WRN ||
	    lt_scan_request_prefix(r->message.ptr, r->message.len))
		check_same(r, s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct feed f = { data, len, 0, 0 }, g;
	struct lt_parser *p, *scratch, *scan;
	struct lt_record rec, srec;
	int64_t ms;
	bool has_offset;
	uint64_t total = 0;

	if (len == 0)
		return 0;
	f.chunk = (size_t)data[0] * 37 + 1;
	f.data = data + 1;
	f.len = len - 1;
	(void)lt_time_parse_iso((const char *)f.data, f.len, &ms, &has_offset);
	g = f;
	p = lt_parser_new(feed_read, &f);
	scan = lt_parser_new(feed_read, &g);
	scratch = lt_parser_new(NULL, NULL);
	if (p == NULL || scan == NULL || scratch == NULL)
		__builtin_trap();
	lt_parser_scan_requests(scan, true);
	while (lt_parser_next(p, &rec) > 0) {
		if (rec.offset != total || rec.raw.len == 0)
			__builtin_trap();
		total += rec.raw.len;
		if (lt_parser_next(scan, &srec) != 1)
			__builtin_trap();
		check_scanned(&rec, &srec);
		check_record(&rec, scratch);
	}
	if (total != f.len || lt_parser_offset(p) != total ||
	    lt_parser_next(scan, &srec) != 0)
		__builtin_trap();
	lt_parser_free(p);
	lt_parser_free(scan);
	lt_parser_free(scratch);
	return 0;
}
