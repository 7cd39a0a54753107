/*
 * Unit tests for request scanning (scan.h) and for the timestamp memo of
 * the record parser: both must leave every record the parser returns as
 * it is without them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <cmocka.h>

#include "record.h"
#include "request.h"
#include "scan.h"
#include "timeutil.h"

#define MAX_RECORDS	64

struct memory_input {
	const char	*data;
	size_t		 len;
	size_t		 pos;
	size_t		 chunk;
};

/* A record copied out of the parser. */
struct copy {
	char		*raw, *message, *exception;
	char		*correlation_id, *trace_id, *span_id, *properties;
	int64_t		 ts;
	enum lt_level	 level;
	enum lt_format	 format;
	uint64_t	 line, offset;
};

struct parsed {
	struct copy	 records[MAX_RECORDS];
	size_t		 count;
};

static ssize_t
memory_read(void *ctx, void *buf, size_t cap)
{
	struct memory_input *in = ctx;
	size_t n = in->len - in->pos;

	if (n > cap)
		n = cap;
	if (n > in->chunk)
		n = in->chunk;
	memcpy(buf, in->data + in->pos, n);
	in->pos += n;
	return (ssize_t)n;
}

static char *
copy_span(struct lt_span s)
{
	char *text = malloc(s.len + 1);

	assert_non_null(text);
	memcpy(text, s.ptr, s.len);
	text[s.len] = '\0';
	return text;
}

static void
copy_record(const struct lt_record *rec, struct copy *c)
{
	c->raw = copy_span(rec->raw);
	c->message = copy_span(rec->message);
	c->exception = copy_span(rec->exception);
	c->correlation_id = copy_span(rec->correlation_id);
	c->trace_id = copy_span(rec->trace_id);
	c->span_id = copy_span(rec->span_id);
	c->properties = copy_span(rec->properties);
	c->ts = rec->ts;
	c->level = rec->level;
	c->format = rec->format;
	c->line = rec->line;
	c->offset = rec->offset;
}

static void
parse(const char *text, size_t chunk, bool scan, struct parsed *out)
{
	struct memory_input in = { text, strlen(text), 0, chunk };
	struct lt_parser *p = lt_parser_new(memory_read, &in);
	struct lt_record rec;
	int rc;

	assert_non_null(p);
	lt_parser_scan_requests(p, scan);
	out->count = 0;
	while ((rc = lt_parser_next(p, &rec)) == 1) {
		assert_true(out->count < MAX_RECORDS);
		copy_record(&rec, &out->records[out->count++]);
	}
	assert_int_equal(rc, 0);
	lt_parser_free(p);
}

static void
free_parsed(struct parsed *out)
{
	for (size_t i = 0; i < out->count; i++) {
		struct copy *c = &out->records[i];

		free(c->raw);
		free(c->message);
		free(c->exception);
		free(c->correlation_id);
		free(c->trace_id);
		free(c->span_id);
		free(c->properties);
	}
	out->count = 0;
}

static bool
may_be_partial(enum lt_format format)
{
	return format == LT_FORMAT_BRACKETED || format == LT_FORMAT_TRACE;
}

/* Checks that the scanned record s is the full record f, or the partial
 * form of it that scan.h describes. */
static void
assert_scanned_as_full(const struct copy *f, const struct copy *s)
{
	assert_string_equal(s->raw, f->raw);
	assert_int_equal(s->offset, f->offset);
	assert_int_equal(s->line, f->line);
	assert_int_equal(s->format, f->format);
	assert_int_equal(s->ts, f->ts);
	assert_int_equal(s->level, f->level);
	if (may_be_partial(f->format) && f->level < LT_LEVEL_WRN &&
	    !lt_scan_request_prefix(f->message, strlen(f->message))) {
		assert_string_equal(s->message, "");
		assert_string_equal(s->exception, "");
		assert_string_equal(s->correlation_id, "");
		assert_string_equal(s->trace_id, "");
		assert_string_equal(s->span_id, "");
		assert_string_equal(s->properties, "");
		return;
	}
	assert_string_equal(s->message, f->message);
	assert_string_equal(s->exception, f->exception);
	assert_string_equal(s->correlation_id, f->correlation_id);
	assert_string_equal(s->trace_id, f->trace_id);
	assert_string_equal(s->span_id, f->span_id);
	assert_string_equal(s->properties, f->properties);
}

static const char mixed_log[] =
    "orphan line before any header\n"
    "[2025-12-01 10:00:00.000 +01:00] [INF] [c1] "
    "[0123456789abcdef0123456789abcdef] [0123456789abcdef] "
    "Request completed: GET /api/x - 200 in 1.5ms {\"A\":\"}\"}\n"
    "[2025-12-01 10:00:00.100 +01:00] [INF] [c2] "
    "[0123456789abcdef0123456789abcdef] [0123456789abcdef] "
    "Starting job {\"A\":1}\n"
    "  continuation of the job line\n"
    "[2025-12-01 10:00:00.200 +01:00] [INF] [c3] "
    "[0123456789abcdef0123456789abcdeX] [0123456789abcdef] "
    "Request completed: GET /bad-trace-id - 200 in 1ms\n"
    "[2025-12-01 10:00:01.000 +01:00] [ERR] [c4] [] [] "
    "Request completed: POST /api/y - 500 in 20ms\r\n"
    "System.InvalidOperationException: boom\r\n"
    "   at Aura.Api.Thing()\r\n"
    "[2025-12-01 10:00:02.000 +01:00] [WRN] [c5] Slow query {\"Ms\":900}\n"
    "[2025-12-01 10:00:03.000 +01:00] [DBG] [c6] HTTP GET /h responded "
    "200 in 0.1 ms\n"
    "[2025-12-01 10:00:04.000 +01:00] [INF] [c7] Response: GET /r 200 "
    "in 3ms\n"
    "\xef\xbb\xbf" "2025-12-01 10:00:05.000 +01:00 [INF] Request finished "
    "HTTP/1.1 GET http://h/x - 200 - - 1.0ms\n"
    "2025-12-01 10:00:06.000 +01:00 [INF] Request starting HTTP/1.1 GET "
    "http://h/x\n"
    "2025-12-01 10:00:07.000 +01:00 [VRB] Request failed: GET /f after "
    "9ms\n"
    "2025-12-01 10:00:08.000 +01:00 [INF] Requests queued: 4\n"
    "    detail line\n"
    "2025-12-01 10:00:09 INFO HTTP GET /g responded 200 in 2 ms\n"
    "2025-12-01 10:00:10 INFO plain generic message\n"
    "2025-12-01 10:00:11 ERROR generic failure\n"
    "\tat frame\n"
    "{\"@t\":\"2025-12-01T09:00:12Z\",\"@mt\":\"Cache warmed\"}\n"
    "{\"Timestamp\":\"2025-12-01T10:00:13+01:00\",\"Level\":\"Information\","
    "\"MessageTemplate\":\"Idle\"}\n"
    "[2025-12-01 10:00:14.000 +01:00] [INF] [c8] HTTP\n"
    "[2025-12-01 10:00:15.000 +01:00] [INF] [c9]\n"
    "[2025-12-01 10:00:16.000 +01:00] [FTL] [c10] Stopping\n"
    "[2025-12-01 10:00:17.000 +01:00] [INF] [c11] last line without end";

static void
test_scan__same_records_as_full(void **state)
{
	static const size_t chunks[] = { 1, 7, 64, 1 << 20 };
	struct parsed full, scanned;
	size_t partial = 0;

	(void)state;
	for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
		parse(mixed_log, chunks[k], false, &full);
		parse(mixed_log, chunks[k], true, &scanned);
		assert_int_equal(scanned.count, full.count);
		for (size_t i = 0; i < full.count; i++) {
			assert_scanned_as_full(&full.records[i],
			    &scanned.records[i]);
			partial += scanned.records[i].message[0] == '\0' &&
			    full.records[i].message[0] != '\0';
		}
		free_parsed(&full);
		free_parsed(&scanned);
	}
	/* The input has records that scanning skips, so the test does not
	 * pass only because nothing was skipped. */
	assert_true(partial > 0);
}

static void
test_scan__requests_complete(void **state)
{
	struct parsed scanned;
	size_t requests = 0;

	(void)state;
	parse(mixed_log, 1 << 20, true, &scanned);
	for (size_t i = 0; i < scanned.count; i++) {
		struct copy *c = &scanned.records[i];
		struct lt_span msg = { c->message, strlen(c->message) };
		struct lt_request req;

		requests += lt_request_parse(msg, &req);
	}
	/* completed (2), HTTP (2), Response, Request finished, Request
	 * failed: every request line of the input. */
	assert_int_equal(requests, 7);
	free_parsed(&scanned);
}

static void
test_scan__request_prefix(void **state)
{
	static const struct {
		const char	*message;
		bool		 prefix;
	} cases[] = {
		{ "Request completed: GET /x - 200 in 1ms", true },
		{ "Request failed: GET /x after 3ms", true },
		{ "Response: GET /x 200 in 1ms", true },
		{ "HTTP GET /x responded 200 in 1.0 ms", true },
		{ "Request finished HTTP/1.1 GET http://h/ - 200", true },
		{ "Request completed:", false },
		{ "Request starting HTTP/1.1 GET http://h/", false },
		{ "HTTPS GET /x", false },
		{ "HTTP", false },
		{ "Responses: 4", false },
		{ "", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *m = cases[i].message;
		struct lt_span span = { m, strlen(m) };
		struct lt_request req;

		assert_int_equal(lt_scan_request_prefix(m, strlen(m)),
		    cases[i].prefix);
		if (lt_request_parse(span, &req))
			assert_true(lt_scan_request_prefix(m, strlen(m)));
	}
}

/* Returns the time of the header line text as lt_time_parse_iso() reads
 * its timestamp, which starts at skip. */
static int64_t
expected_time(const char *line, size_t skip)
{
	bool has_offset;
	int64_t ms;

	if (lt_time_parse_iso(line + skip, strlen(line) - skip, &ms,
	    &has_offset) == 0)
		return LT_TS_NONE;
	return ms;
}

static void
test_scan__timestamp_memo(void **state)
{
	static const char *const lines[] = {
		"2025-12-31 23:59:59.999 +01:00 [INF] a\n",
		"2025-12-31 23:59:60.500 +01:00 [INF] leap second\n",
		"2026-01-01 00:00:00.001 +01:00 [INF] next day\n",
		"2026-01-01 00:00:00.002 -05:30 [INF] other offset\n",
		"2026-01-01 00:00:00.003 +01:00 [INF] offset back\n",
		"2026-01-01T00:00:00.004 +01:00 [INF] T separator\n",
		"2026-01-01 00:00:00.0051 +01:00 [INF] four digits\n",
		"2026-01-01 00:00:00.006 Z [INF] zulu\n",
		"2026-01-01 00:00:00.007 +0100 [INF] no colon\n",
		"2026-01-01 00:00:00.008 +01:00 [INF] memo again\n",
		"[2026-01-01 00:00:00.009 +01:00] [INF] [c] bracketed\n",
		"2026-02-29 00:00:00.000 +01:00 [INF] no such day\n",
		"2026-01-01 24:00:00.000 +01:00 [INF] hour 24\n",
		"2026-01-01 00:60:00.000 +01:00 [INF] minute 60\n",
		"2026-01-01 00:00:61.000 +01:00 [INF] second 61\n",
		"2026-01-01 00:00:00.00x +01:00 [INF] bad fraction\n",
		"2026-01-01 00:00:00.010 +24:00 [INF] bad offset\n",
	};
	char text[4096] = "";
	struct parsed full;
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		strcat(text, lines[i]);
	parse(text, 1 << 20, false, &full);
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size_t skip = lines[i][0] == '[';
		int64_t ts = expected_time(lines[i], skip);
		bool header;

		/* A line whose time does not parse, or is followed by text
		 * that no header format accepts, continues the record
		 * before it. */
		header = n < full.count &&
		    strncmp(full.records[n].raw, lines[i],
		    strlen(lines[i])) == 0;
		if (!header)
			continue;
		assert_int_not_equal(ts, LT_TS_NONE);
		assert_int_equal(full.records[n].ts, ts);
		n++;
	}
	assert_int_equal(n, full.count);
	assert_true(n >= 11);
	free_parsed(&full);
}

/*
 * A header line that ends within LT_RECORD_MAX bytes of its own start,
 * but not of the start of the record before it, is still one line: its
 * end is searched again from its own start.
 */
static void
test_scan__long_header_after_short_record(void **state)
{
	static const char first[] = "2025-12-03 14:05:00.000 +00:00 [INF] a\n";
	static const char head[] = "2025-12-03 14:05:01.000 +00:00 [INF] ";
	size_t line = LT_RECORD_MAX - 10, len = strlen(first) + line;
	char *text = malloc(len + 1);
	struct memory_input in = { NULL, 0, 0, 1 << 20 };
	struct lt_parser *p;
	struct lt_record rec;

	(void)state;
	assert_non_null(text);
	memcpy(text, first, strlen(first));
	memset(text + strlen(first), 'x', line);
	memcpy(text + strlen(first), head, strlen(head));
	text[len - 1] = '\n';
	text[len] = '\0';
	in.data = text;
	in.len = len;
	p = lt_parser_new(memory_read, &in);
	assert_non_null(p);
	assert_int_equal(lt_parser_next(p, &rec), 1);
	assert_int_equal(rec.raw.len, strlen(first));
	assert_int_equal(lt_parser_next(p, &rec), 1);
	assert_int_equal(rec.format, LT_FORMAT_DEFAULT);
	assert_int_equal(rec.raw.len, line);
	assert_int_equal(rec.message.len, line - strlen(head) - 1);
	assert_int_equal(rec.exception.len, 0);
	assert_int_equal(lt_parser_next(p, &rec), 0);
	lt_parser_free(p);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan__same_records_as_full),
		cmocka_unit_test(test_scan__requests_complete),
		cmocka_unit_test(test_scan__request_prefix),
		cmocka_unit_test(test_scan__timestamp_memo),
		cmocka_unit_test(test_scan__long_header_after_short_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
