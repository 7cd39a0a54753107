#include <jansson.h>
#include <string.h>

#include "buf.h"
#include "output.h"
#include "timeutil.h"

int
output_format_parse(const char *name, enum output_format *out)
{
	static const char *const names[] = { "raw", "tsv", "json" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i]) == 0) {
			*out = (enum output_format)i;
			return 0;
		}
	}
	return -1;
}

void
output_header(FILE *out, enum output_format format)
{
	if (format == OUTPUT_TSV)
		fputs("ts\tlevel\tcorrelation_id\tsource\tline\tmessage\t"
		    "exception\n", out);
}

static void
write_tsv_field(FILE *out, const char *p, size_t len)
{
	const char *end = p + len;
	const char *run = p;

	/* An absent field may be an empty span with a NULL pointer. */
	if (len == 0)
		return;
	for (; p < end; p++) {
		const char *esc;

		switch (*p) {
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\0': esc = "\\0"; break;
		default: continue;
		}
		fwrite(run, 1, (size_t)(p - run), out);
		fputs(esc, out);
		run = p + 1;
	}
	fwrite(run, 1, (size_t)(end - run), out);
}

static void
write_tsv(FILE *out, const struct lt_record *rec, const char *source)
{
	char ts[LT_TIME_TEXT] = "";

	if (rec->ts != LT_TS_NONE)
		lt_time_format(rec->ts, ts);
	fprintf(out, "%s\t%s\t", ts, lt_level_name(rec->level));
	write_tsv_field(out, rec->correlation_id.ptr, rec->correlation_id.len);
	fputc('\t', out);
	write_tsv_field(out, source, strlen(source));
	fprintf(out, "\t%llu\t", (unsigned long long)rec->line);
	write_tsv_field(out, rec->message.ptr, rec->message.len);
	fputc('\t', out);
	write_tsv_field(out, rec->exception.ptr, rec->exception.len);
	fputc('\n', out);
}

/*
 * Returns the length of the valid UTF-8 sequence at p (1 to 4), or 0 when
 * the bytes there are not one (overlong forms and surrogates included).
 */
static size_t
utf8_sequence_length(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];
	size_t n;
	unsigned min;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, min = 0x80, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, min = 0x800, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, min = 0x10000, cp = c & 0x07;
	else
		return 0;
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* Returns a JSON string of the span with invalid UTF-8 replaced by
 * U+FFFD, or JSON null for an empty span when empty_is_null is set. */
static json_t *
json_span(struct lt_span s, int empty_is_null, struct lt_buf *scratch)
{
	const unsigned char *p = (const unsigned char *)s.ptr;
	size_t i = 0, run = 0, n;

	if (s.len == 0)
		return empty_is_null ? json_null() : json_string("");
	lt_buf_reset(scratch);
	/* Valid runs are copied whole; only invalid bytes are replaced. */
	while (i < s.len) {
		n = utf8_sequence_length(p + i, s.len - i);
		if (n > 0) {
			i += n;
			continue;
		}
		lt_buf_append(scratch, p + run, i - run);
		lt_buf_append(scratch, "\xef\xbf\xbd", 3);
		run = ++i;
	}
	if (run == 0)
		return json_stringn(s.ptr, s.len);
	lt_buf_append(scratch, p + run, i - run);
	return json_stringn(scratch->data, scratch->len);
}

static int
write_json(FILE *out, const struct lt_record *rec, const char *source)
{
	struct lt_buf scratch = LT_BUF_INIT;
	struct lt_span src = { source, strlen(source) };
	char ts[LT_TIME_TEXT];
	json_t *obj = json_object();
	int rc;

	if (rec->ts != LT_TS_NONE) {
		lt_time_format(rec->ts, ts);
		json_object_set_new(obj, "ts", json_string(ts));
	} else {
		json_object_set_new(obj, "ts", json_null());
	}
	json_object_set_new(obj, "level", rec->level == LT_LEVEL_NONE ?
	    json_null() : json_string(lt_level_name(rec->level)));
	json_object_set_new(obj, "correlation_id",
	    json_span(rec->correlation_id, 1, &scratch));
	json_object_set_new(obj, "trace_id", json_span(rec->trace_id, 1,
	    &scratch));
	json_object_set_new(obj, "span_id", json_span(rec->span_id, 1,
	    &scratch));
	json_object_set_new(obj, "message", json_span(rec->message, 0,
	    &scratch));
	json_object_set_new(obj, "exception", json_span(rec->exception, 1,
	    &scratch));
	json_object_set_new(obj, "source", json_span(src, 0, &scratch));
	json_object_set_new(obj, "line", json_integer((json_int_t)rec->line));
	json_object_set_new(obj, "format",
	    json_string(lt_format_name(rec->format)));
	rc = json_dumpf(obj, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(obj);
	lt_buf_free(&scratch);
	return rc;
}

int
output_record(FILE *out, enum output_format format,
    const struct lt_record *rec, const char *source)
{
	switch (format) {
	case OUTPUT_RAW:
		if (rec->raw.len == 0) {
			fputc('\n', out);
			break;
		}
		fwrite(rec->raw.ptr, 1, rec->raw.len, out);
		if (rec->raw.ptr[rec->raw.len - 1] != '\n')
			fputc('\n', out);
		break;
	case OUTPUT_TSV:
		write_tsv(out, rec, source);
		break;
	case OUTPUT_JSON:
		if (write_json(out, rec, source) < 0)
			return -1;
		break;
	}
	return ferror(out) ? -1 : 0;
}
