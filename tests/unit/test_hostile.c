/*
 * Unit tests for the record parser on hostile input: empty and failing
 * reads, templates built to cost time or memory, byte-order marks inside
 * a stream, nested and truncated JSON, and out-of-range timestamps.
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

#include "buf.h"
#include "error.h"
#include "record.h"
#include "timeutil.h"

#define MAX_RECORDS	8

/* Input served from memory in chunks; a read fails once fail_at bytes
 * were served, when fail_at is not 0. */
struct input {
	const char	*data;
	size_t		 len;
	size_t		 pos;
	size_t		 chunk;
	size_t		 fail_at;
};

struct copy {
	char		*message, *exception;
	size_t		 message_len;
	enum lt_format	 format;
	enum lt_level	 level;
	int64_t		 ts;
};

struct parsed {
	struct copy	 records[MAX_RECORDS];
	size_t		 count;
	int		 last;		/* the last lt_parser_next() result */
};

static ssize_t
input_read(void *ctx, void *buf, size_t cap)
{
	struct input *in = ctx;
	size_t n = in->len - in->pos;

	if (in->fail_at != 0 && in->pos >= in->fail_at) {
		lt_error_set("cannot read 'test': Input/output error");
		return -1;
	}
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
parse_input(struct input *in, struct parsed *out)
{
	struct lt_parser *p = lt_parser_new(input_read, in);
	struct lt_record rec;

	assert_non_null(p);
	memset(out, 0, sizeof(*out));
	while ((out->last = lt_parser_next(p, &rec)) == 1) {
		struct copy *c = &out->records[out->count];

		assert_true(out->count < MAX_RECORDS);
		c->message = copy_span(rec.message);
		c->message_len = rec.message.len;
		c->exception = copy_span(rec.exception);
		c->format = rec.format;
		c->level = rec.level;
		c->ts = rec.ts;
		out->count++;
	}
	lt_parser_free(p);
}

static void
parse_text(const char *text, size_t len, struct parsed *out)
{
	struct input in = { text, len, 0, 4096, 0 };

	parse_input(&in, out);
}

static void
free_parsed(struct parsed *out)
{
	for (size_t i = 0; i < out->count; i++) {
		free(out->records[i].message);
		free(out->records[i].exception);
	}
}

/* Empty input, and a read that fails at once */

static void
test_hostile__empty_input(void **state)
{
	struct parsed out;

	(void)state;
	parse_text("", 0, &out);
	assert_int_equal(out.last, 0);
	assert_int_equal(out.count, 0);
}

/* The records read before a failed read are returned, then the error. */
static void
test_hostile__records_before_read_error(void **state)
{
	static const char text[] =
	    "2025-12-01 10:00:00.000 +00:00 [INF] one\n"
	    "2025-12-01 10:00:01.000 +00:00 [ERR] two\n"
	    "   at Aura.Api.X\n"
	    "2025-12-01 10:00:02.000 +00:00 [INF] cut";
	struct input in = { text, sizeof(text) - 1, 0, 16, 0 };
	struct parsed out;

	(void)state;
	in.fail_at = in.len;
	parse_input(&in, &out);
	assert_int_equal(out.count, 3);
	assert_string_equal(out.records[1].exception, "   at Aura.Api.X");
	assert_string_equal(out.records[2].message, "cut");
	assert_int_equal(out.last, -1);
	assert_string_equal(lt_error(), "cannot read 'test': Input/output "
	    "error");
	free_parsed(&out);
}

/* Byte-order marks */

/* Files joined into one stream each start with their own mark. */
static void
test_hostile__bom_inside_stream(void **state)
{
	static const char text[] =
	    "\xef\xbb\xbf" "2025-12-01 10:00:00.000 +00:00 [INF] first\n"
	    "\xef\xbb\xbf" "2025-12-01 10:00:01.000 +00:00 [WRN] second\n"
	    "text \xef\xbb\xbf inside\n";
	struct parsed out;

	(void)state;
	parse_text(text, sizeof(text) - 1, &out);
	assert_int_equal(out.count, 2);
	assert_string_equal(out.records[0].message, "first");
	assert_string_equal(out.records[1].message, "second");
	assert_int_equal(out.records[1].level, LT_LEVEL_WRN);
	assert_string_equal(out.records[1].exception,
	    "text \xef\xbb\xbf inside");
	free_parsed(&out);
}

/* Templates */

/* Builds a CLEF line "{"@t":...,"@mt":"<template>",<members>}\n". */
static char *
clef_line(const char *template, const char *members)
{
	struct lt_buf b = LT_BUF_INIT;

	assert_int_equal(lt_buf_printf(&b, "{\"@t\":\"2025-12-01T10:00:00Z\","
	    "\"@mt\":\"%s\"%s%s}\n", template, members[0] != '\0' ? "," : "",
	    members), 0);
	return b.data;
}

static char *
repeat(const char *unit, size_t times)
{
	size_t n = strlen(unit);
	char *s = malloc(n * times + 1);

	assert_non_null(s);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * n, unit, n);
	s[n * times] = '\0';
	return s;
}

/*
 * Unclosed '{' stay literal, whatever comes later. The template is long
 * enough that searching for '}' again at each '{' would take minutes.
 */
static void
test_hostile__template_unclosed_braces(void **state)
{
	char *opens = repeat("{a", 300000);
	char *template = malloc(strlen(opens) + 16);
	char *line;
	struct parsed out;

	(void)state;
	assert_non_null(template);
	sprintf(template, "%s{b}", opens);
	line = clef_line(template, "\"b\":\"B\"");
	parse_text(line, strlen(line), &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].format, LT_FORMAT_CLEF);
	assert_int_equal(out.records[0].message_len, strlen(opens) + 1);
	assert_memory_equal(out.records[0].message, opens, strlen(opens));
	assert_string_equal(out.records[0].message + strlen(opens), "B");
	free_parsed(&out);
	free(line);
	free(template);
	free(opens);
}

/* Token forms next to unclosed and stray braces. */
static void
test_hostile__template_brace_forms(void **state)
{
	char *line = clef_line("{a{b} }{ {c:x{y}} {d,5:F1}|{e,-3}|{{f}}|{",
	    "\"b\":1,\"c\":\"C\",\"d\":2.25,\"e\":true");
	struct parsed out;

	(void)state;
	parse_text(line, strlen(line), &out);
	assert_int_equal(out.count, 1);
	assert_string_equal(out.records[0].message,
	    "{a1 }{ C}   2.2|True|{f}|{");
	free_parsed(&out);
	free(line);
}

/* Alignment cannot make a message longer than LT_RECORD_MAX. */
static void
test_hostile__template_alignment_bounded(void **state)
{
	char *template = repeat("{N,9999}", 20000);
	char *line = clef_line(template, "\"N\":1");
	struct parsed out;

	(void)state;
	parse_text(line, strlen(line), &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].message_len, LT_RECORD_MAX);
	assert_memory_equal(out.records[0].message, "        ", 8);
	assert_memory_equal(out.records[0].message + 9997, " 1 ", 3);
	free_parsed(&out);
	free(line);
	free(template);
}

/*
 * A number is rendered as written for the first tokens of a message; past
 * that, from its value, so that many tokens do not search the line once
 * each.
 */
static void
test_hostile__template_many_number_tokens(void **state)
{
	char *template = repeat("{N} ", 100);
	char *line = clef_line(template, "\"N\":53.0");
	char *expect_written = repeat("53.0 ", 64);
	char *expect_value = repeat("53 ", 36);
	struct parsed out;

	(void)state;
	parse_text(line, strlen(line), &out);
	assert_int_equal(out.count, 1);
	assert_memory_equal(out.records[0].message, expect_written,
	    strlen(expect_written));
	assert_string_equal(out.records[0].message + strlen(expect_written),
	    expect_value);
	free_parsed(&out);
	free(line);
	free(template);
	free(expect_written);
	free(expect_value);
}

/* JSON lines */

/* Nesting deeper than the JSON parser allows makes a continuation line;
 * nesting it allows is rendered. */
static void
test_hostile__json_deep_nesting(void **state)
{
	char *open = repeat("[", 100000), *close = repeat("]", 100000);
	char *deep = malloc(200016), *line;
	struct parsed out;

	(void)state;
	assert_non_null(deep);
	sprintf(deep, "\"D\":%s%s", open, close);
	line = clef_line("x", deep);
	parse_text(line, strlen(line), &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].format, LT_FORMAT_ORPHAN);
	free_parsed(&out);
	free(line);
	open[1000] = close[1000] = '\0';
	sprintf(deep, "\"D\":%s%s", open, close);
	line = clef_line("{D}", deep);
	parse_text(line, strlen(line), &out);
	assert_int_equal(out.count, 1);
	assert_int_equal(out.records[0].format, LT_FORMAT_CLEF);
	assert_int_equal(out.records[0].message_len, 2000);
	free_parsed(&out);
	free(line);
	free(deep);
	free(open);
	free(close);
}

/* A JSON line cut short is a continuation line, not a record, but one
 * with a number beyond a double's range is a record. */
static void
test_hostile__json_truncated(void **state)
{
	static const char text[] =
	    "2025-12-01 10:00:00.000 +00:00 [INF] before\n"
	    "{\"@t\":\n"
	    "{\"@t\":\"2025-12-01T10:00:01Z\",\"@mt\":\"x\"\n"
	    "{\"@t\":\"2025-12-01T10:00:02Z\",\"@mt\":\"{N}\",\"N\":1e999}\n";
	struct parsed out;

	(void)state;
	parse_text(text, sizeof(text) - 1, &out);
	assert_int_equal(out.count, 2);
	assert_string_equal(out.records[0].message, "before");
	assert_string_equal(out.records[1].message, "1e999");
	free_parsed(&out);
}

/* Large numbers keep their text. */
static void
test_hostile__json_huge_numbers(void **state)
{
	char *line = clef_line("{A} {B} {C:F2}",
	    "\"A\":123456789012345678901234567890,\"B\":-1.5e300,"
	    "\"C\":1e20");
	struct parsed out;

	(void)state;
	parse_text(line, strlen(line), &out);
	assert_int_equal(out.count, 1);
	assert_string_equal(out.records[0].message,
	    "123456789012345678901234567890 -1.5e300 "
	    "100000000000000000000.00");
	free_parsed(&out);
	free(line);
}

/* Timestamps */

/* A line whose timestamp is out of range does not start a record. */
static void
test_hostile__bad_timestamp_lines(void **state)
{
	static const char text[] =
	    "2025-12-01 10:00:00.000 +00:00 [INF] good\n"
	    "2025-13-01 10:00:00.000 +00:00 [INF] month 13\n"
	    "[2025-12-01 25:00:00.000 +00:00] [INF] [c] hour 25\n"
	    "2025-12-01 10:00:00.000 +25:00 [INF] offset 25\n"
	    "2025-02-30 10:00:00.000 +00:00 [INF] February 30\n"
	    "{\"@t\":\"2025-12-01T10:00:00+25:00\",\"@mt\":\"clef\"}\n"
	    "0000-01-01 00:00:00.000 +00:00 [INF] year 0\n"
	    "9999-12-31 23:59:59.999 -23:59 [INF] year 9999\n";
	struct parsed out;

	(void)state;
	parse_text(text, sizeof(text) - 1, &out);
	assert_int_equal(out.count, 3);
	assert_string_equal(out.records[1].message, "year 0");
	assert_string_equal(out.records[2].message, "year 9999");
	free_parsed(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile__empty_input),
		cmocka_unit_test(test_hostile__records_before_read_error),
		cmocka_unit_test(test_hostile__bom_inside_stream),
		cmocka_unit_test(test_hostile__template_unclosed_braces),
		cmocka_unit_test(test_hostile__template_brace_forms),
		cmocka_unit_test(test_hostile__template_alignment_bounded),
		cmocka_unit_test(test_hostile__template_many_number_tokens),
		cmocka_unit_test(test_hostile__json_deep_nesting),
		cmocka_unit_test(test_hostile__json_truncated),
		cmocka_unit_test(test_hostile__json_huge_numbers),
		cmocka_unit_test(test_hostile__bad_timestamp_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
