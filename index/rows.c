#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "cli.h"
#include "querybuild.h"
#include "rows.h"

static void
write_tsv_value(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (p[i]) {
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		case '\0':
			fputs("\\0", stdout);
			break;
		default:
			putchar(p[i]);
		}
	}
}

static void
print_tsv_row(sqlite3_stmt *st, bool header)
{
	int n = sqlite3_column_count(st);

	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(st, i);

		if (i > 0)
			putchar('\t');
		if (header)
			write_tsv_value((const unsigned char *)name,
			    strlen(name));
		else
			write_tsv_value(sqlite3_column_blob(st, i),
			    (size_t)sqlite3_column_bytes(st, i));
	}
	putchar('\n');
}

/* Length of the valid UTF-8 sequence at p, or 0 when it is invalid. */
static size_t
utf8_length(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned c = p[0];
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

static json_t *
json_bytes(const unsigned char *p, size_t n, struct lt_buf *scratch)
{
	size_t i = 0, len;

	lt_buf_reset(scratch);
	while (i < n) {
		len = utf8_length(p + i, n - i);
		if (len == 0) {
			lt_buf_append(scratch, "\xef\xbf\xbd", 3);
			i++;
			continue;
		}
		lt_buf_append(scratch, p + i, len);
		i += len;
	}
	return json_stringn(scratch->data ? scratch->data : "", scratch->len);
}

static json_t *
json_column(sqlite3_stmt *st, int i, struct lt_buf *scratch)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(st, i));
	case SQLITE_NULL:
		return json_null();
	default:
		return json_bytes(sqlite3_column_blob(st, i),
		    (size_t)sqlite3_column_bytes(st, i), scratch);
	}
}

static void
print_json_row(sqlite3_stmt *st, struct lt_buf *scratch)
{
	json_t *obj = json_object();
	int n = sqlite3_column_count(st);

	for (int i = 0; i < n; i++)
		json_object_set_new(obj, sqlite3_column_name(st, i),
		    json_column(st, i, scratch));
	json_dumpf(obj, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	putchar('\n');
	json_decref(obj);
}

int64_t
rows_print(sqlite3 *db, sqlite3_stmt *st, enum rows_format format,
    int *usage)
{
	struct lt_buf scratch = LT_BUF_INIT;
	int64_t rows = 0;
	int rc;

	*usage = 0;
	if (format == ROWS_TSV)
		print_tsv_row(st, true);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !stdout_failed()) {
		if (format == ROWS_TSV_ROWS_ONLY && rows == 0)
			print_tsv_row(st, true);
		if (format != ROWS_JSON)
			print_tsv_row(st, false);
		else
			print_json_row(st, &scratch);
		rows++;
	}
	lt_buf_free(&scratch);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rows;
	*usage = rc == SQLITE_ERROR || rc == SQLITE_AUTH;
	if (rc == SQLITE_AUTH)
		error("SQL rejected: %s", ROWS_READ_ONLY);
	else if (query_grep_failed(sqlite3_errmsg(db)))
		error("%s", sqlite3_errmsg(db));
	else
		error("SQL failed: %s", sqlite3_errmsg(db));
	return -1;
}
