/* Unit tests for the record parser (record.h). */
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

#include "error.h"
#include "record.h"
#include "timeutil.h"

#define MAX_RECORDS	16

/* Input served from memory in chunks of a fixed size, so that records
 * cross read boundaries. */
struct memory_input {
	const char	*data;
	size_t		 len;
	size_t		 pos;
	size_t		 chunk;
};

/* A record copied out of the parser, whose spans are short-lived. */
struct copy {
	char		*raw, *message, *exception;
	char		*correlation_id, *trace_id, *span_id, *properties;
	size_t		 raw_len, message_len, exception_len;
	int64_t		 ts;
	enum lt_level	 level;
	enum lt_format	 format;
	uint64_t	 line, offset, key;
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

static ssize_t
failing_read(void *ctx, void *buf, size_t cap)
{
	(void)ctx;
	(void)buf;
	(void)cap;
	lt_error_set("read failed on 'test'");
	return -1;
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
	c->raw_len = rec->raw.len;
	c->message = copy_span(rec->message);
	c->message_len = rec->message.len;
	c->exception = copy_span(rec->exception);
	c->exception_len = rec->exception.len;
	c->correlation_id = copy_span(rec->correlation_id);
	c->trace_id = copy_span(rec->trace_id);
	c->span_id = copy_span(rec->span_id);
	c->properties = copy_span(rec->properties);
	c->ts = rec->ts;
	c->level = rec->level;
	c->format = rec->format;
	c->line = rec->line;
	c->offset = rec->offset;
	c->key = lt_record_event_key(rec);
}

static void
parse_chunked(const char *data, size_t len, size_t chunk, struct parsed *out)
{
	struct memory_input in = { data, len, 0, chunk };
	struct lt_parser *p = lt_parser_new(memory_read, &in);
	struct lt_record rec;
	int rc;

	assert_non_null(p);
	out->count = 0;
	while ((rc = lt_parser_next(p, &rec)) == 1) {
		assert_true(out->count < MAX_RECORDS);
		copy_record(&rec, &out->records[out->count++]);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(lt_parser_offset(p), len);
	lt_parser_free(p);
}

static void
parse_string(const char *text, struct parsed *out)
{
	parse_chunked(text, strlen(text), 1 << 20, out);
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

static int64_t
utc_ms(const char *iso)
{
	int64_t ms;
	bool has_offset;

	assert_int_equal(lt_time_parse_iso(iso, strlen(iso), &ms,
	    &has_offset), strlen(iso));
	return ms;
}

/* Text templates */

static void
test_record__default_template(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("2025-12-03 14:05:00.123 +01:00 [ERR] Request failed: "
	    "GET /x\n", &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].format, LT_FORMAT_DEFAULT);
	assert_int_equal(out.records[0].level, LT_LEVEL_ERR);
	assert_int_equal(out.records[0].ts, utc_ms("2025-12-03T13:05:00.123Z"));
	assert_string_equal(out.records[0].message, "Request failed: GET /x");
	assert_string_equal(out.records[0].exception, "");
	assert_string_equal(out.records[0].properties, "");
	free_parsed(&out);
}

static void
test_record__bracketed_template(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("[2025-12-03 14:05:00.123 +01:00] [WRN] [4f2a9c1e-77] "
	    "Slow render {\"SourceContext\":\"Aura.Render\"}\n", &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].format, LT_FORMAT_BRACKETED);
	assert_int_equal(out.records[0].level, LT_LEVEL_WRN);
	assert_string_equal(out.records[0].correlation_id, "4f2a9c1e-77");
	assert_string_equal(out.records[0].message, "Slow render");
	assert_string_equal(out.records[0].properties,
	    "{\"SourceContext\":\"Aura.Render\"}");
	free_parsed(&out);
}

static void
test_record__bracketed_empty_correlation(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("[2025-12-03 14:05:00.123 +01:00] [INF] [] Started\n"
	    "[2025-12-03 14:05:01.000 +01:00] [INF] [-] Ready\n", &out);
	assert_int_equal(out.count, 2);
	assert_int_equal(out.records[0].format, LT_FORMAT_BRACKETED);
	assert_string_equal(out.records[0].correlation_id, "");
	assert_string_equal(out.records[0].message, "Started");
	assert_string_equal(out.records[1].correlation_id, "");
	assert_string_equal(out.records[1].message, "Ready");
	free_parsed(&out);
}

static void
test_record__trace_template(void **state)
{
	static const char text[] =
	    "[2025-12-03 14:05:00.123 +01:00] [ERR] [4f2a9c1e-0001] "
	    "[0af7651916cd43dd8448eb211c80319c] [b7ad6b7169203331] "
	    "Request failed: POST /api/render after 2318ms "
	    "{\"SourceContext\":\"Aura.Api.Middleware\","
	    "\"MachineName\":\"AURA-01\"}\n"
	    "System.TimeoutException: render timed out\n"
	    "   at Aura.Render.Run()\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].format, LT_FORMAT_TRACE);
	assert_int_equal(out.records[0].level, LT_LEVEL_ERR);
	assert_int_equal(out.records[0].ts, utc_ms("2025-12-03T13:05:00.123Z"));
	assert_string_equal(out.records[0].correlation_id, "4f2a9c1e-0001");
	assert_string_equal(out.records[0].trace_id,
	    "0af7651916cd43dd8448eb211c80319c");
	assert_string_equal(out.records[0].span_id, "b7ad6b7169203331");
	assert_string_equal(out.records[0].message,
	    "Request failed: POST /api/render after 2318ms");
	assert_string_equal(out.records[0].properties,
	    "{\"SourceContext\":\"Aura.Api.Middleware\","
	    "\"MachineName\":\"AURA-01\"}");
	assert_string_equal(out.records[0].exception,
	    "System.TimeoutException: render timed out\n"
	    "   at Aura.Render.Run()");
	free_parsed(&out);
}

static void
test_record__trace_empty_ids(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("[2025-12-03 14:05:00.123 +01:00] [INF] [c1] [] [-] "
	    "Tick\n", &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].format, LT_FORMAT_TRACE);
	assert_string_equal(out.records[0].trace_id, "");
	assert_string_equal(out.records[0].span_id, "");
	assert_string_equal(out.records[0].message, "Tick");
	free_parsed(&out);
}

/* Reference test of a hexadecimal digit, for the id tests below. */
static bool
is_hex_byte(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* Parses line as one record text and returns its format. */
static enum lt_format
format_of_line(const char *line, size_t len)
{
	struct lt_parser *scratch = lt_parser_new(NULL, NULL);
	struct lt_record rec;

	assert_non_null(scratch);
	assert_int_equal(lt_record_parse_text(line, len, &rec, scratch), 0);
	lt_parser_free(scratch);
	return rec.format;
}

/* Every byte value at every place of the trace and span ids: the line is
 * TRACE only when the byte is a hex digit, BRACKETED otherwise. A ']'
 * that starts the span id makes it empty and leaves text right after it,
 * so that line starts no record. */
static void
test_record__trace_id_each_byte(void **state)
{
	static const char good[] =
	    "[2025-12-03 14:05:00.123 +01:00] [INF] [c1] "
	    "[0af7651916cd43dd8448eb211c80319c] [b7ad6b7169203331] Tick";
	const size_t trace_at = 45, span_at = 80;
	char line[sizeof(good)];

	(void)state;
	assert_int_equal(good[trace_at - 1], '[');
	assert_int_equal(good[span_at - 1], '[');
	assert_int_equal(format_of_line(good, sizeof(good) - 1),
	    LT_FORMAT_TRACE);
	for (size_t k = 0; k < 48; k++) {
		size_t at = k < 32 ? trace_at + k : span_at + k - 32;

		for (int c = 0; c < 256; c++) {
			enum lt_format want = is_hex_byte(c) ? LT_FORMAT_TRACE :
			    LT_FORMAT_BRACKETED;

			if (k == 32 && c == ']')
				want = LT_FORMAT_ORPHAN;
			if (c == '\n')
				continue;
			memcpy(line, good, sizeof(good));
			line[at] = (char)c;
			if (format_of_line(line, sizeof(good) - 1) != want)
				fail_msg("byte 0x%02x at id place %zu", c, k);
		}
	}
}

/* Ids one digit short or long, an id cut by the line end, and "-" or ""
 * next to digits are not W3C ids. */
static void
test_record__trace_id_lengths(void **state)
{
	static const struct {
		const char	*ids;
		enum lt_format	 format;
	} cases[] = {
		{ "[0af7651916cd43dd8448eb211c80319c] [b7ad6b7169203331]",
		    LT_FORMAT_TRACE },
		{ "[0af7651916cd43dd8448eb211c80319] [b7ad6b7169203331]",
		    LT_FORMAT_BRACKETED },
		{ "[0af7651916cd43dd8448eb211c80319cc] [b7ad6b7169203331]",
		    LT_FORMAT_BRACKETED },
		{ "[0af7651916cd43dd8448eb211c80319c] [b7ad6b716920333]",
		    LT_FORMAT_BRACKETED },
		{ "[0af7651916cd43dd8448eb211c80319c] [b7ad6b71692033311]",
		    LT_FORMAT_BRACKETED },
		{ "[-] [-]", LT_FORMAT_TRACE },
		{ "[] []", LT_FORMAT_TRACE },
		{ "[--] []", LT_FORMAT_BRACKETED },
		{ "[-0af7651916cd43dd8448eb211c80319c] []",
		    LT_FORMAT_BRACKETED },
		{ "[0af7651916cd43dd8448eb211c80319c] [b7ad6b7169203331",
		    LT_FORMAT_BRACKETED },
		{ "[0af7651916cd43dd8448eb211c80319c] [b7ad6b716920333",
		    LT_FORMAT_BRACKETED },
		{ "[0af7651916cd43dd8448eb211c80319c] [", LT_FORMAT_BRACKETED },
		{ "[0af7651916cd43dd8448eb211c80319c]", LT_FORMAT_BRACKETED },
		{ "[-", LT_FORMAT_BRACKETED },
	};
	char line[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int n = snprintf(line, sizeof(line),
		    "[2025-12-03 14:05:00.123 +01:00] [INF] [c1] %s",
		    cases[i].ids);

		if (format_of_line(line, (size_t)n) != cases[i].format)
			fail_msg("ids '%s'", cases[i].ids);
	}
}

static void
test_record__bracketed_message_with_brackets(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("[2025-12-03 14:05:00.123 +01:00] [INF] [c1] "
	    "[queue] [worker 2] started\n"
	    "[2025-12-03 14:05:00.123 +01:00] [INF] [c1] [abc] [12] short "
	    "hex\n", &out);
	assert_int_equal(out.count, 2);
	assert_int_equal(out.records[0].format, LT_FORMAT_BRACKETED);
	assert_string_equal(out.records[0].message,
	    "[queue] [worker 2] started");
	assert_int_equal(out.records[1].format, LT_FORMAT_BRACKETED);
	assert_string_equal(out.records[1].message, "[abc] [12] short hex");
	assert_string_equal(out.records[1].trace_id, "");
	free_parsed(&out);
}

static void
test_record__properties_need_space(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("[2025-12-03 14:05:00.000Z] [INF] [c] Set x{\"a\":1}\n"
	    "[2025-12-03 14:05:00.000Z] [INF] [c] Open {\"a\":1\n"
	    "[2025-12-03 14:05:00.000Z] [INF] [c] Done {\"a\":\"}{\"} \n"
	    "[2025-12-03 14:05:00.000Z] [INF] [c] Got {x} {\"b\":\"}\"}\n",
	    &out);
	assert_int_equal(out.count, 4);
	assert_string_equal(out.records[0].message, "Set x{\"a\":1}");
	assert_string_equal(out.records[0].properties, "");
	assert_string_equal(out.records[1].message, "Open {\"a\":1");
	assert_string_equal(out.records[1].properties, "");
	assert_string_equal(out.records[2].message, "Done {\"a\":\"}{\"} ");
	assert_string_equal(out.records[2].properties, "");
	assert_string_equal(out.records[3].message, "Got {x}");
	assert_string_equal(out.records[3].properties, "{\"b\":\"}\"}");
	free_parsed(&out);
}

static void
test_record__properties_escaped_quote(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("[2025-12-03 14:05:00.000Z] [INF] [c] Saved "
	    "{\"Name\":\"a \\\"{\\\" b\",\"Path\":\"C:\\\\\"}\n", &out);
	assert_int_equal(out.count, 1);
	assert_string_equal(out.records[0].message, "Saved");
	assert_string_equal(out.records[0].properties,
	    "{\"Name\":\"a \\\"{\\\" b\",\"Path\":\"C:\\\\\"}");
	free_parsed(&out);
}

/* Parses the lines head+first, head+second, head+last in one stream
 * and head+last alone, and compares the last record's split into message
 * and properties. */
static void
check_tail_after(const char *head, const char *first, const char *second,
    const char *last)
{
	struct parsed all, alone;
	char text[1024];

	snprintf(text, sizeof(text), "%s%s\n%s%s\n%s%s\n", head, first, head,
	    second, head, last);
	parse_string(text, &all);
	snprintf(text, sizeof(text), "%s%s\n", head, last);
	parse_string(text, &alone);
	assert_int_equal(all.count, 3);
	assert_int_equal(alone.count, 1);
	assert_string_equal(all.records[2].message, alone.records[0].message);
	assert_string_equal(all.records[2].properties,
	    alone.records[0].properties);
	free_parsed(&all);
	free_parsed(&alone);
}

/* Each tail, after each two others in one stream, must split into
 * message and properties as a line parsed alone does: the parser keeps
 * the last properties objects between lines. */
static void
test_record__properties_after_other_lines(void **state)
{
	static const char *const tails[] = {
		"m {\"a\":1}", "m{\"a\":1}", "{\"a\":1}", "m  {\"a\":1}",
		"m \"a\":1}", "m {\"k\":\"v \\\" }\"}", "m \\\" }\"}",
		"m {\"k\":\"\\\\\"}", "x\"k\":\"\\\\\"}",
		"m {\"a\":{\"b\":\"}\"}}",
		"m {\"b\":\"}\"}}", "m {}", "m{}", "{}", "m {\"q\":\"{\"}",
		"m {\"x\":1} {\"a\":1}", "m {\"a\":\"b}",
	};
	const size_t ntails = sizeof(tails) / sizeof(tails[0]);
	const char *head = "[2025-12-03 14:05:00.123 +01:00] [WRN] [c1] ";

	(void)state;
	for (size_t a = 0; a < ntails; a++)
		for (size_t b = 0; b < ntails; b++)
			for (size_t c = 0; c < ntails; c++)
				check_tail_after(head, tails[a], tails[b],
				    tails[c]);
}

static void
test_record__empty_message(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("2025-12-03 14:05:00.123 +01:00 [INF]\n"
	    "2025-12-03 14:05:00.123 +01:00 [INF] \n", &out);
	assert_int_equal(out.count, 2);
	assert_int_equal(out.records[0].format, LT_FORMAT_DEFAULT);
	assert_string_equal(out.records[0].message, "");
	assert_int_equal(out.records[1].format, LT_FORMAT_DEFAULT);
	assert_string_equal(out.records[1].message, "");
	free_parsed(&out);
}

/* Record boundaries */

static void
test_record__continuation_lines(void **state)
{
	static const char text[] =
	    "2024-06-07 06:01:41.665 +01:00 [ERR] Failed executing "
	    "DbCommand (27ms)\n"
	    "INSERT INTO \"Users\" (\"Id\")\n"
	    "VALUES (@p0);\n"
	    "2024-06-07 06:01:41.736 +01:00 [ERR] An exception occurred\n"
	    "Npgsql.PostgresException: 23505: duplicate key\n"
	    "\n"
	    "DETAIL: Detail redacted\n"
	    "   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong()\n"
	    "{\"not\":\"a record\"}\n"
	    "{\"Timestamp\":\"yesterday\",\"Level\":\"Error\"}\n"
	    "2024-06-07 not a header\n"
	    "[2024-06-07] [ERR] not a header either\n"
	    "2024-06-07 06:01:42.000 +01:00 [INF] Next\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 3);
	assert_string_equal(out.records[0].message,
	    "Failed executing DbCommand (27ms)");
	assert_string_equal(out.records[0].exception,
	    "INSERT INTO \"Users\" (\"Id\")\nVALUES (@p0);");
	assert_string_equal(out.records[1].exception,
	    "Npgsql.PostgresException: 23505: duplicate key\n\n"
	    "DETAIL: Detail redacted\n"
	    "   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong()\n"
	    "{\"not\":\"a record\"}\n"
	    "{\"Timestamp\":\"yesterday\",\"Level\":\"Error\"}\n"
	    "2024-06-07 not a header\n"
	    "[2024-06-07] [ERR] not a header either");
	assert_string_equal(out.records[2].message, "Next");
	assert_int_equal(out.records[0].line, 1);
	assert_int_equal(out.records[1].line, 4);
	assert_int_equal(out.records[2].line, 13);
	free_parsed(&out);
}

static void
test_record__orphan_lines(void **state)
{
	static const char text[] =
	    "   at Aura.Tail()\n"
	    "--- End of stack trace\n"
	    "2025-12-03 14:05:00.000 +00:00 [INF] First\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 2);
	assert_int_equal(out.records[0].format, LT_FORMAT_ORPHAN);
	assert_int_equal(out.records[0].level, LT_LEVEL_NONE);
	assert_true(out.records[0].ts == LT_TS_NONE);
	assert_string_equal(out.records[0].message, "   at Aura.Tail()");
	assert_string_equal(out.records[0].exception, "--- End of stack trace");
	assert_int_equal(out.records[1].format, LT_FORMAT_DEFAULT);
	assert_int_equal(out.records[1].offset, 41);
	assert_int_equal(out.records[1].line, 3);
	free_parsed(&out);
}

static void
test_record__empty_input(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("", &out);
	assert_int_equal(out.count, 0);
}

static void
test_record__no_final_newline(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("2015-10-18 18:01:47,978 INFO [main] a: b\r\n"
	    "2015-10-18 18:01:48,963 WARN [main] c: d", &out);
	assert_int_equal(out.count, 2);
	assert_string_equal(out.records[1].message, "[main] c: d");
	assert_string_equal(out.records[1].raw,
	    "2015-10-18 18:01:48,963 WARN [main] c: d");
	free_parsed(&out);
}

static void
test_record__crlf_line_ends(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("2023-09-19 15:35:50.188 +02:00 [WRN] Retry\r\n"
	    "System.IO.IOException: busy\r\n"
	    "   at A.B()\r\n"
	    "2023-09-19 15:35:51.000 +02:00 [INF] Ok\r\n", &out);
	assert_int_equal(out.count, 2);
	assert_string_equal(out.records[0].message, "Retry");
	assert_string_equal(out.records[0].exception,
	    "System.IO.IOException: busy\n   at A.B()");
	assert_string_equal(out.records[0].raw,
	    "2023-09-19 15:35:50.188 +02:00 [WRN] Retry\r\n"
	    "System.IO.IOException: busy\r\n"
	    "   at A.B()\r\n");
	assert_string_equal(out.records[1].message, "Ok");
	free_parsed(&out);
}

static void
test_record__utf8_bom(void **state)
{
	static const char text[] =
	    "\xef\xbb\xbf" "2025-06-17 14:32:28.110 +03:00 [INF] Starting\n"
	    "2025-06-17 14:32:29.000 +03:00 [DBG] Next\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 2);
	assert_int_equal(out.records[0].format, LT_FORMAT_DEFAULT);
	assert_int_equal(out.records[0].level, LT_LEVEL_INF);
	assert_string_equal(out.records[0].message, "Starting");
	assert_memory_equal(out.records[0].raw, "\xef\xbb\xbf", 3);
	assert_int_equal(out.records[1].offset, 49);
	free_parsed(&out);
}

static void
test_record__bom_at_line_start(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("2025-06-17 14:32:28.110 +03:00 [INF] A\n"
	    "\xef\xbb\xbf" "2025-06-17 14:32:29.000 +03:00 [INF] B\n"
	    "x \xef\xbb\xbf" "2025-06-17 14:32:30.000 +03:00 [INF] C\n", &out);
	assert_int_equal(out.count, 2);
	assert_string_equal(out.records[1].message, "B");
	assert_string_equal(out.records[1].exception,
	    "x \xef\xbb\xbf" "2025-06-17 14:32:30.000 +03:00 [INF] C");
	free_parsed(&out);
}

/* A run of NUL bytes before a header, which a writer without O_APPEND
 * leaves after a copytruncate, does not hide the record. A line of NUL
 * bytes alone is still a continuation line. */
static void
test_record__nul_run_before_header(void **state)
{
	static const char text[] =
	    "2025-06-17 14:32:28.110 +03:00 [INF] A\n"
	    "\0\0\0\0" "2025-06-17 14:32:29.000 +03:00 [ERR] B\n"
	    "\0\0\n"
	    "2025-06-17 14:32:30.000 +03:00 [INF] C\n";
	struct parsed out;

	(void)state;
	parse_chunked(text, sizeof(text) - 1, 1 << 20, &out);
	assert_int_equal(out.count, 3);
	assert_string_equal(out.records[0].message, "A");
	assert_int_equal(out.records[1].level, LT_LEVEL_ERR);
	assert_string_equal(out.records[1].message, "B");
	assert_int_equal(out.records[1].raw_len, 4 + 39 + 3);
	assert_int_equal(out.records[1].raw[0], '\0');
	assert_int_equal(out.records[1].exception_len, 2);
	assert_int_equal(out.records[2].offset, 39 + 4 + 39 + 3);
	free_parsed(&out);

	/* NUL bytes and then a byte-order mark, as when the next file
	 * written after the gap starts with one. */
	parse_chunked("2025-06-17 14:32:28.110 +03:00 [INF] A\n"
	    "\0\0\xef\xbb\xbf" "2025-06-17 14:32:29.000 +03:00 [INF] B\n",
	    39 + 5 + 39, 1 << 20, &out);
	assert_int_equal(out.count, 2);
	assert_string_equal(out.records[1].message, "B");
	free_parsed(&out);
}

static void
test_record__timestamp_offsets(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("2025-12-03 14:05:00.123 +01:00 [INF] a\n"
	    "2025-12-03 14:05:00.123 -05:30 [INF] b\n"
	    "2025-12-03T14:05:00.123Z [INF] c\n"
	    "2025-12-03 14:05:00.123 [INF] d\n"
	    "2025-12-03 14:05:00 +0100 [INF] e\n", &out);
	assert_int_equal(out.count, 5);
	assert_int_equal(out.records[0].ts, utc_ms("2025-12-03T13:05:00.123Z"));
	assert_int_equal(out.records[1].ts, utc_ms("2025-12-03T19:35:00.123Z"));
	assert_int_equal(out.records[2].ts, utc_ms("2025-12-03T14:05:00.123Z"));
	assert_int_equal(out.records[3].ts, utc_ms("2025-12-03T14:05:00.123Z"));
	assert_int_equal(out.records[4].ts, utc_ms("2025-12-03T13:05:00.000Z"));
	free_parsed(&out);
}

/* Parses "ts [INF] m" lines for first, second and last in one stream and
 * last alone, and compares the last record's time and format. */
static void
check_time_after(const char *first, const char *second, const char *last)
{
	struct parsed all, alone;
	const struct copy *last_rec;
	char text[512];

	snprintf(text, sizeof(text), "%s [INF] a\n[%s] [INF] [c] b\n"
	    "%s [INF] c\n", first, second, last);
	parse_string(text, &all);
	snprintf(text, sizeof(text), "%s [INF] c\n", last);
	parse_string(text, &alone);
	assert_int_equal(alone.count, 1);
	last_rec = &all.records[all.count - 1];
	if (alone.records[0].format == LT_FORMAT_ORPHAN) {
		/* Not a header: the line continues the record before. */
		assert_int_not_equal(last_rec->line, 3);
	} else {
		assert_int_equal(last_rec->line, 3);
		assert_int_equal(last_rec->format, alone.records[0].format);
		assert_int_equal(last_rec->ts, alone.records[0].ts);
	}
	free_parsed(&all);
	free_parsed(&alone);
}

/* The parser remembers the date, minute and offset of the last
 * timestamp: every timestamp must read the same after any two others. */
static void
test_record__timestamp_after_others(void **state)
{
	static const char *const times[] = {
		"2025-12-03 14:05:00.123 +01:00",
		"2025-12-03 14:05:07.999 +01:00",
		"2025-12-03 14:05:60.000 +01:00",
		"2025-12-03 14:05:61.000 +01:00",
		"2025-12-03 14:05:5x.000 +01:00",
		"2025-12-03 14:05:07.9x9 +01:00",
		"2025-12-03 14:05:07.12 +01:00",
		"2025-12-03 14:05:07.1234 +01:00",
		"2025-12-03 14:05:07.123+01:00",
		"2025-12-03T14:05:07.123 +01:00",
		"2025-12-03 14:06:07.123 +01:00",
		"2025-12-03 15:05:07.123 +01:00",
		"2025-12-03 14:05:07.123 -05:30",
		"2025-12-04 14:05:07.123 +01:00",
		"2025-12-03 24:05:07.123 +01:00",
		"2025-12-03 14:05:07.123 +01:00x",
	};
	const size_t n = sizeof(times) / sizeof(times[0]);

	(void)state;
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++)
			for (size_t c = 0; c < n; c++)
				check_time_after(times[a], times[b], times[c]);
}

static void
test_record__nul_runs(void **state)
{
	static const char text[] =
	    "2025-12-03 14:05:00.000 +00:00 [INF] a\0\0\0b\n"
	    "\0\0\0\0\0\0\0\0\n"
	    "tail\0\n"
	    "2025-12-03 14:05:01.000 +00:00 [INF] c\n";
	struct parsed out;

	(void)state;
	parse_chunked(text, sizeof(text) - 1, 5, &out);
	assert_int_equal(out.count, 2);
	assert_int_equal(out.records[0].message_len, 5);
	assert_memory_equal(out.records[0].message, "a\0\0\0b", 5);
	assert_int_equal(out.records[0].exception_len, 14);
	assert_memory_equal(out.records[0].exception,
	    "\0\0\0\0\0\0\0\0\ntail\0", 14);
	assert_int_equal(out.records[0].raw_len, 58);
	assert_string_equal(out.records[1].message, "c");
	free_parsed(&out);
}

static void
test_record__long_line(void **state)
{
	static const char head[] = "2025-12-03 14:05:00.000 +00:00 [INF] ";
	size_t body = 900 * 1024, len = strlen(head) + body + 1;
	char *text = malloc(len + 1);
	struct parsed out;

	(void)state;
	assert_non_null(text);
	memcpy(text, head, strlen(head));
	memset(text + strlen(head), 'x', body);
	text[len - 1] = '\n';
	text[len] = '\0';
	parse_chunked(text, len, 4096, &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].message_len, body);
	assert_int_equal(out.records[0].raw_len, len);
	free_parsed(&out);
	free(text);
}

static void
test_record__record_max_split(void **state)
{
	static const char head[] = "2025-12-03 14:05:00.000 +00:00 [INF] ";
	size_t len = LT_RECORD_MAX + 1000;
	char *text = malloc(len);
	struct memory_input in = { NULL, 0, 0, 1 << 20 };
	struct lt_parser *p;
	struct lt_record rec;

	(void)state;
	assert_non_null(text);
	memset(text, 'x', len);
	memcpy(text, head, strlen(head));
	text[len - 1] = '\n';
	in.data = text;
	in.len = len;
	p = lt_parser_new(memory_read, &in);
	assert_non_null(p);
	assert_int_equal(lt_parser_next(p, &rec), 1);
	assert_int_equal(rec.raw.len, LT_RECORD_MAX);
	assert_int_equal(rec.format, LT_FORMAT_DEFAULT);
	assert_int_equal(lt_parser_next(p, &rec), 1);
	assert_int_equal(rec.raw.len, 1000);
	assert_int_equal(rec.format, LT_FORMAT_ORPHAN);
	assert_int_equal(rec.offset, LT_RECORD_MAX);
	assert_int_equal(lt_parser_next(p, &rec), 0);
	lt_parser_free(p);
	free(text);
}

static void
test_record__invalid_utf8(void **state)
{
	static const char text[] =
	    "2025-12-03 14:05:00.000 +00:00 [WRN] bad \xff\xfe\xc3 bytes\n"
	    "\x80\x81 continuation\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 1);
	assert_string_equal(out.records[0].message, "bad \xff\xfe\xc3 bytes");
	assert_string_equal(out.records[0].exception, "\x80\x81 continuation");
	free_parsed(&out);
}

static void
test_record__raw_round_trip(void **state)
{
	static const char text[] =
	    "\xef\xbb\xbf" "orphan\r\n"
	    "2025-12-03 14:05:00.123 +01:00 [ERR] a\r\n"
	    "  at X\r\n\r\n"
	    "[2025-12-03 14:05:00.123 +01:00] [INF] [c] b {\"k\":1}\n"
	    "{\"@t\":\"2025-12-03T14:05:00Z\",\"@mt\":\"m {A}\",\"A\":3}\n"
	    "{\"Timestamp\":\"2025-12-03T14:05:00+01:00\",\"Level\":\"Error\","
	    "\"MessageTemplate\":\"x\",\"Properties\":{}}\n"
	    "2015-10-18 18:01:47,978 INFO [main] c: d\0\0\n"
	    "tail without newline";
	static const size_t chunks[] = { 1, 2, 3, 7, 64, 1 << 20 };
	struct parsed out;

	(void)state;
	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		size_t pos = 0;

		parse_chunked(text, sizeof(text) - 1, chunks[c], &out);
		assert_int_equal(out.count, 6);
		for (size_t i = 0; i < out.count; i++) {
			assert_int_equal(out.records[i].offset, pos);
			assert_memory_equal(out.records[i].raw, text + pos,
			    out.records[i].raw_len);
			pos += out.records[i].raw_len;
		}
		assert_int_equal(pos, sizeof(text) - 1);
		assert_int_equal(out.records[5].line, 8);
		free_parsed(&out);
	}
}

static void
test_record__read_error(void **state)
{
	struct lt_parser *p = lt_parser_new(failing_read, NULL);
	struct lt_record rec;

	(void)state;
	assert_non_null(p);
	assert_int_equal(lt_parser_next(p, &rec), -1);
	assert_string_equal(lt_error(), "read failed on 'test'");
	lt_parser_free(p);
}

/* JSON and CLEF */

static void
test_record__json_rendered_from_template(void **state)
{
	static const char text[] =
	    "{\"Timestamp\":\"2021-07-14T16:06:35.1248662+06:00\","
	    "\"Level\":\"Information\",\"MessageTemplate\":\"HTTP "
	    "{RequestMethod} {RequestPath} responded {StatusCode} in "
	    "{Elapsed:0.0000} ms\",\"Properties\":{\"RequestMethod\":\"GET\","
	    "\"RequestPath\":\"/api/Students?PageNumber=1\",\"StatusCode\":200,"
	    "\"Elapsed\":2761.2,\"RequestId\":\"8000\"},"
	    "\"Renderings\":{\"Elapsed\":[{\"Format\":\"0.0000\","
	    "\"Rendering\":\"2761.2009\"}]}}\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].format, LT_FORMAT_JSON);
	assert_int_equal(out.records[0].level, LT_LEVEL_INF);
	assert_int_equal(out.records[0].ts, utc_ms("2021-07-14T10:06:35.124Z"));
	assert_string_equal(out.records[0].message, "HTTP GET "
	    "/api/Students?PageNumber=1 responded 200 in 2761.2009 ms");
	assert_string_equal(out.records[0].correlation_id, "");
	assert_string_equal(out.records[0].properties,
	    "{\"RequestMethod\":\"GET\","
	    "\"RequestPath\":\"/api/Students?PageNumber=1\",\"StatusCode\":200,"
	    "\"Elapsed\":2761.2,\"RequestId\":\"8000\"}");
	free_parsed(&out);
}

static void
test_record__json_number_format(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("{\"Timestamp\":\"2021-07-14T16:06:35+06:00\","
	    "\"Level\":\"Warning\",\"MessageTemplate\":\"in {Elapsed:0.0000} "
	    "ms, {Ratio}, {Count:0.0}, {Money:F2}, {Big}\","
	    "\"Properties\":{\"Elapsed\":12.5,\"Ratio\":0.25,\"Count\":3,"
	    "\"Money\":2.5,\"Big\":12345678901}}\n", &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].level, LT_LEVEL_WRN);
	assert_string_equal(out.records[0].message,
	    "in 12.5000 ms, 0.25, 3.0, 2.50, 12345678901");
	free_parsed(&out);
}

static void
test_record__json_numbers_as_written(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("{\"Timestamp\":\"2021-07-14T16:06:35+06:00\","
	    "\"Level\":\"Information\",\"MessageTemplate\":\"freed {Mb} MB, "
	    "id {Id}, {Exp}, {Obj}\",\"Properties\":{\"Nested\":{\"Mb\":1},"
	    "\"Mb\":53.0,\"Id\":18446744073709551615,\"Exp\":1e3,"
	    "\"Obj\":{\"A\": [1, 2.50]}}}\n"
	    "{\"@t\":\"2024-03-14T09:47:47Z\",\"@mt\":\"took {T} s\","
	    "\"T\":0.10}\n", &out);
	assert_int_equal(out.count, 2);
	assert_int_equal(out.records[0].format, LT_FORMAT_JSON);
	assert_string_equal(out.records[0].message,
	    "freed 53.0 MB, id 18446744073709551615, 1e3, "
	    "{\"A\": [1, 2.50]}");
	assert_string_equal(out.records[1].message, "took 0.10 s");
	free_parsed(&out);
}

static void
test_record__json_token_forms(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("{\"Timestamp\":\"2021-07-14T16:06:35+06:00\","
	    "\"Level\":\"Debug\",\"MessageTemplate\":\"{@User} {$Kind} "
	    "[{Name,-6}] [{Name,6}] {Missing} {{literal}} {Flag} {Nil} "
	    "{List} {Name:l}\",\"Properties\":{\"User\":{\"Id\":3},"
	    "\"Kind\":\"k\",\"Name\":\"abc\",\"Flag\":true,\"Nil\":null,"
	    "\"List\":[1,\"a\"]}}\n", &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].level, LT_LEVEL_DBG);
	assert_string_equal(out.records[0].message,
	    "{\"Id\":3} k [abc   ] [   abc] {Missing} {literal} True null "
	    "[1,\"a\"] abc");
	free_parsed(&out);
}

static void
test_record__json_template_over_rendered(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("{\"Timestamp\":\"2020-09-13T17:53:07.1995663+03:00\","
	    "\"Level\":\"Error\",\"MessageTemplate\":\"Failed {X}\","
	    "\"RenderedMessage\":\"Failed \\\"y\\\"\","
	    "\"Properties\":{\"X\":\"y\",\"CorrelationId\":\"c-1\","
	    "\"TraceId\":\"t1\",\"SpanId\":\"s1\"},"
	    "\"Exception\":\"System.Exception: boom\\r\\n   at A.B()"
	    "\\r\\n\"}\n"
	    "{\"Timestamp\":\"2020-09-13T17:53:08+03:00\","
	    "\"Level\":\"Warning\","
	    "\"RenderedMessage\":\"Only \\\"rendered\\\"\\r\\nsecond\"}\n",
	    &out);
	assert_int_equal(out.count, 2);
	assert_int_equal(out.records[0].level, LT_LEVEL_ERR);
	assert_string_equal(out.records[0].message, "Failed y");
	assert_string_equal(out.records[0].correlation_id, "c-1");
	assert_string_equal(out.records[0].trace_id, "t1");
	assert_string_equal(out.records[0].span_id, "s1");
	assert_string_equal(out.records[0].exception,
	    "System.Exception: boom\n   at A.B()");
	assert_string_equal(out.records[1].message,
	    "Only \"rendered\"\nsecond");
	free_parsed(&out);
}

static void
test_record__json_message_crlf(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("{\"@t\":\"2023-06-18T21:36:56.6866232Z\","
	    "\"@mt\":\"Saving "
	    "'{contextType}'.{newline}{error}\",\"@l\":\"Error\","
	    "\"contextType\":\"Ctx\",\"newline\":\"\\r\\n\","
	    "\"error\":\"Timeout\"}\n", &out);
	assert_int_equal(out.count, 1);
	assert_string_equal(out.records[0].message, "Saving 'Ctx'.\nTimeout");
	free_parsed(&out);
}

/* A CLEF line with numbers beyond a double's range, which jansson
 * rejects, is still a record, and renders them as written. */
static void
test_record__clef_number_overflow(void **state)
{
	static const char text[] =
	    "{\"@t\":\"2025-12-01T10:00:00Z\",\"@mt\":\"first\"}\n"
	    "{\"@t\":\"2025-12-01T10:00:01Z\",\"@mt\":\"big {N} and {M}\","
	    "\"N\":1e999,\"M\":-2.5E+400,\"X\":\"\xff\"}\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 2);
	assert_int_equal(out.records[1].format, LT_FORMAT_CLEF);
	assert_string_equal(out.records[1].message,
	    "big 1e999 and -2.5E+400");
	free_parsed(&out);
}

/* A CLEF line with bytes that are not UTF-8 (a lone 0xff, a truncated
 * sequence, an encoded surrogate) is still a record: those bytes render
 * as U+FFFD, and the raw text keeps them. */
static void
test_record__clef_invalid_utf8(void **state)
{
	static const char text[] =
	    "{\"@t\":\"2025-12-01T10:00:00Z\",\"@mt\":\"first\"}\n"
	    "{\"@t\":\"2025-12-01T10:00:01Z\",\"@mt\":\"bad {X}\","
	    "\"X\":\"a\xff\xc3" "b\xed\xa0\x80\xc3\xa9\",\"@l\":\"Error\"}\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 2);
	assert_string_equal(out.records[0].message, "first");
	assert_int_equal(out.records[0].exception_len, 0);
	assert_int_equal(out.records[1].format, LT_FORMAT_CLEF);
	assert_int_equal(out.records[1].level, LT_LEVEL_ERR);
	assert_string_equal(out.records[1].message, "bad a\xef\xbf\xbd"
	    "\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xc3\xa9");
	assert_non_null(strstr(out.records[1].raw, "a\xff\xc3" "b\xed"));
	free_parsed(&out);
}

static void
test_record__clef_fields(void **state)
{
	static const char text[] =
	    "{\"@t\":\"2024-03-14T09:47:47.3832493Z\",\"@mt\":\"Logging is "
	    "working\",\"ThreadId\":1}\n"
	    "{\"@t\":\"2024-03-14T09:48:09.8938435Z\",\"@mt\":\"Invalid {Op} "
	    "took {T:0.00} ms\",\"@l\":\"Error\",\"@x\":\"System.Exception: "
	    "x\\r\\n   at Y\",\"@tr\":\"56588b64\",\"@sp\":\"e0a51cef\","
	    "\"@r\":[\"1.50\"],\"Op\":\"read\",\"T\":1.5,"
	    "\"CorrelationId\":\"corr-9\",\"RequestId\":\"r-1\"}\n"
	    "{\"@t\":\"2024-03-14T09:48:10Z\",\"@m\":\"Done \\\"now\\\"\","
	    "\"@l\":\"Warning\"}\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 3);
	assert_int_equal(out.records[0].format, LT_FORMAT_CLEF);
	assert_int_equal(out.records[0].level, LT_LEVEL_INF);
	assert_string_equal(out.records[0].message, "Logging is working");
	assert_int_equal(out.records[0].ts, utc_ms("2024-03-14T09:47:47.383Z"));
	assert_int_equal(out.records[1].level, LT_LEVEL_ERR);
	assert_string_equal(out.records[1].message,
	    "Invalid read took 1.50 ms");
	assert_string_equal(out.records[1].exception,
	    "System.Exception: x\n   at Y");
	assert_string_equal(out.records[1].trace_id, "56588b64");
	assert_string_equal(out.records[1].span_id, "e0a51cef");
	assert_string_equal(out.records[1].correlation_id, "corr-9");
	assert_int_equal(strncmp(out.records[1].properties,
	    "{\"@t\":\"2024-03-14T09:48:09", 26), 0);
	assert_string_equal(out.records[1].properties +
	    strlen(out.records[1].properties) - 6, "\"r-1\"}");
	assert_int_equal(out.records[2].level, LT_LEVEL_WRN);
	assert_string_equal(out.records[2].message, "Done \"now\"");
	free_parsed(&out);
}

static void
test_record__json_lines_not_records(void **state)
{
	static const char text[] =
	    "{\"@t\":\"2024-03-14T09:47:47Z\",\"@mt\":\"first\"}\n"
	    "{\"@t\":\"not a time\",\"@mt\":\"x\"}\n"
	    "[1,2,3]\n"
	    "{\"Level\":\"Error\"}\n"
	    "{broken\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 1);
	assert_string_equal(out.records[0].message, "first");
	assert_int_equal(out.records[0].raw_len, sizeof(text) - 1);
	free_parsed(&out);
}

/* Generic lines and levels */

static void
test_record__generic_log4j(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("2015-10-18 18:01:47,978 INFO [main] org.apache.Foo: "
	    "Created\r\n"
	    "2015-10-18 18:01:48,100 [WARN] disk low\n"
	    "2015-10-18 18:01:49 error lower case\n"
	    "2015-10-18 18:01:50.5 FATAL  padded\n"
	    "2015-10-18 18:01:51 NOTICE not a level\n", &out);
	assert_int_equal(out.count, 4);
	assert_int_equal(out.records[0].format, LT_FORMAT_GENERIC);
	assert_int_equal(out.records[0].level, LT_LEVEL_INF);
	assert_int_equal(out.records[0].ts, utc_ms("2015-10-18T18:01:47.978Z"));
	assert_string_equal(out.records[0].message,
	    "[main] org.apache.Foo: Created");
	assert_int_equal(out.records[1].level, LT_LEVEL_WRN);
	assert_string_equal(out.records[1].message, "disk low");
	assert_int_equal(out.records[2].level, LT_LEVEL_ERR);
	assert_int_equal(out.records[3].level, LT_LEVEL_FTL);
	assert_int_equal(out.records[3].ts, utc_ms("2015-10-18T18:01:50.500Z"));
	assert_string_equal(out.records[3].message, "padded");
	assert_string_equal(out.records[3].exception,
	    "2015-10-18 18:01:51 NOTICE not a level");
	free_parsed(&out);
}

static void
test_record__level_words(void **state)
{
	static const struct {
		const char	*word;
		enum lt_level	 level;
	} cases[] = {
		{ "VRB", LT_LEVEL_VRB }, { "Verbose", LT_LEVEL_VRB },
		{ "trace", LT_LEVEL_VRB }, { "DBG", LT_LEVEL_DBG },
		{ "Debug", LT_LEVEL_DBG }, { "INF", LT_LEVEL_INF },
		{ "Information", LT_LEVEL_INF }, { "info", LT_LEVEL_INF },
		{ "WRN", LT_LEVEL_WRN }, { "Warning", LT_LEVEL_WRN },
		{ "WARN", LT_LEVEL_WRN }, { "ERR", LT_LEVEL_ERR },
		{ "error", LT_LEVEL_ERR }, { "FTL", LT_LEVEL_FTL },
		{ "Fatal", LT_LEVEL_FTL }, { "CRITICAL", LT_LEVEL_FTL },
		{ "notice", LT_LEVEL_NONE }, { "", LT_LEVEL_NONE },
		{ "In", LT_LEVEL_NONE }, { "Informational", LT_LEVEL_NONE },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(lt_level_parse(cases[i].word,
		    strlen(cases[i].word)), cases[i].level);
}

static void
test_record__level_and_format_names(void **state)
{
	(void)state;
	assert_string_equal(lt_level_name(LT_LEVEL_VRB), "VRB");
	assert_string_equal(lt_level_name(LT_LEVEL_FTL), "FTL");
	assert_string_equal(lt_level_name(LT_LEVEL_NONE), "");
	assert_string_equal(lt_format_name(LT_FORMAT_TRACE), "trace");
	assert_string_equal(lt_format_name(LT_FORMAT_CLEF), "clef");
	assert_string_equal(lt_format_name(LT_FORMAT_ORPHAN), "orphan");
}

/* Event keys and parse_text */

static void
test_record__event_key_across_sinks(void **state)
{
	static const char text[] =
	    "2025-12-03 14:05:00.123 +01:00 [INF] HTTP GET /x responded 200 "
	    "in 1.5000 ms\n"
	    "{\"Timestamp\":\"2025-12-03T14:05:00.1239999+01:00\","
	    "\"Level\":\"Information\",\"MessageTemplate\":\"HTTP "
	    "{RequestMethod} {RequestPath} responded {StatusCode} in "
	    "{Elapsed:0.0000} ms\",\"Properties\":{\"RequestMethod\":\"GET\","
	    "\"RequestPath\":\"/x\",\"StatusCode\":200,\"Elapsed\":1.5}}\n"
	    "[2025-12-03 13:05:00.123Z] [INF] [c] HTTP GET /x responded 200 "
	    "in 1.5000 ms {\"A\":1}\n"
	    "[2025-12-03 13:05:00.123Z] [INF] [c] HTTP GET /y responded 200 "
	    "in 1.5000 ms\n";
	struct parsed out;

	(void)state;
	parse_string(text, &out);
	assert_int_equal(out.count, 4);
	assert_true(out.records[0].key == out.records[1].key);
	assert_true(out.records[0].key == out.records[2].key);
	assert_true(out.records[0].key != out.records[3].key);
	free_parsed(&out);
}

static void
test_record__event_key_line_ends(void **state)
{
	struct parsed lf, crlf;

	(void)state;
	parse_string("2025-12-03 14:05:00.123 +01:00 [ERR] Boom\n"
	    "System.Exception: x\n   at A\n", &lf);
	parse_string("2025-12-03 14:05:00.123 +01:00 [ERR] Boom\r\n"
	    "System.Exception: x\r\n   at A\r\n", &crlf);
	assert_true(lf.records[0].key == crlf.records[0].key);
	free_parsed(&lf);
	free_parsed(&crlf);
}

static void
test_record__event_key_fields(void **state)
{
	struct parsed out;

	(void)state;
	parse_string("2025-12-03 14:05:00.123 +01:00 [ERR] Boom\n"
	    "2025-12-03 14:05:00.123 +01:00 [WRN] Boom\n"
	    "2025-12-03 14:05:00.124 +01:00 [ERR] Boom\n"
	    "2025-12-03 14:05:00.123 +01:00 [ERR] Boom\nat X\n"
	    "2025-12-03 14:05:00.123 +01:00 [ERR] Boo\nmat X\n", &out);
	assert_int_equal(out.count, 5);
	assert_true(out.records[0].key != out.records[1].key);
	assert_true(out.records[0].key != out.records[2].key);
	assert_true(out.records[0].key != out.records[3].key);
	assert_true(out.records[3].key != out.records[4].key);
	free_parsed(&out);
}

static void
test_record__parse_text(void **state)
{
	static const char text[] =
	    "[2025-12-03 14:05:00.123 +01:00] [ERR] [c-1] [] [] Boom\r\n"
	    "   at A\r\n";
	static const char json[] =
	    "{\"@t\":\"2024-03-14T09:47:47Z\",\"@mt\":\"Hi {N}\",\"N\":2}\n";
	struct lt_parser *scratch = lt_parser_new(NULL, NULL);
	struct lt_record rec;

	(void)state;
	assert_non_null(scratch);
	assert_int_equal(lt_record_parse_text(text, sizeof(text) - 1, &rec,
	    scratch), 0);
	assert_int_equal(rec.format, LT_FORMAT_TRACE);
	assert_int_equal(rec.level, LT_LEVEL_ERR);
	assert_int_equal(rec.raw.len, sizeof(text) - 1);
	assert_int_equal(rec.message.len, 4);
	assert_memory_equal(rec.message.ptr, "Boom", 4);
	assert_int_equal(rec.exception.len, 7);
	assert_memory_equal(rec.exception.ptr, "   at A", 7);
	assert_int_equal(lt_record_parse_text(json, sizeof(json) - 1, &rec,
	    scratch), 0);
	assert_int_equal(rec.format, LT_FORMAT_CLEF);
	assert_int_equal(rec.message.len, 4);
	assert_memory_equal(rec.message.ptr, "Hi 2", 4);
	assert_int_equal(lt_record_parse_text("plain", 5, &rec, scratch), 0);
	assert_int_equal(rec.format, LT_FORMAT_ORPHAN);
	lt_parser_free(scratch);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record__default_template),
		cmocka_unit_test(test_record__bracketed_template),
		cmocka_unit_test(test_record__bracketed_empty_correlation),
		cmocka_unit_test(test_record__trace_template),
		cmocka_unit_test(test_record__trace_empty_ids),
		cmocka_unit_test(test_record__properties_after_other_lines),
		cmocka_unit_test(test_record__trace_id_each_byte),
		cmocka_unit_test(test_record__trace_id_lengths),
		cmocka_unit_test(test_record__bracketed_message_with_brackets),
		cmocka_unit_test(test_record__properties_need_space),
		cmocka_unit_test(test_record__properties_escaped_quote),
		cmocka_unit_test(test_record__empty_message),
		cmocka_unit_test(test_record__continuation_lines),
		cmocka_unit_test(test_record__orphan_lines),
		cmocka_unit_test(test_record__empty_input),
		cmocka_unit_test(test_record__no_final_newline),
		cmocka_unit_test(test_record__crlf_line_ends),
		cmocka_unit_test(test_record__utf8_bom),
		cmocka_unit_test(test_record__bom_at_line_start),
		cmocka_unit_test(test_record__nul_run_before_header),
		cmocka_unit_test(test_record__timestamp_offsets),
		cmocka_unit_test(test_record__timestamp_after_others),
		cmocka_unit_test(test_record__nul_runs),
		cmocka_unit_test(test_record__long_line),
		cmocka_unit_test(test_record__record_max_split),
		cmocka_unit_test(test_record__invalid_utf8),
		cmocka_unit_test(test_record__raw_round_trip),
		cmocka_unit_test(test_record__read_error),
		cmocka_unit_test(test_record__json_rendered_from_template),
		cmocka_unit_test(test_record__json_number_format),
		cmocka_unit_test(test_record__json_numbers_as_written),
		cmocka_unit_test(test_record__json_token_forms),
		cmocka_unit_test(test_record__json_template_over_rendered),
		cmocka_unit_test(test_record__json_message_crlf),
		cmocka_unit_test(test_record__clef_fields),
		cmocka_unit_test(test_record__clef_invalid_utf8),
		cmocka_unit_test(test_record__clef_number_overflow),
		cmocka_unit_test(test_record__json_lines_not_records),
		cmocka_unit_test(test_record__generic_log4j),
		cmocka_unit_test(test_record__level_words),
		cmocka_unit_test(test_record__level_and_format_names),
		cmocka_unit_test(test_record__event_key_across_sinks),
		cmocka_unit_test(test_record__event_key_line_ends),
		cmocka_unit_test(test_record__event_key_fields),
		cmocka_unit_test(test_record__parse_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
