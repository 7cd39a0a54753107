/*
 * Parses the real log files in the folder named by LOGTOOL_REAL_DIR and
 * checks the entry, level, exception and request counts documented for
 * each file (made with grep on the files). Skips when the folder is
 * missing.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "record.h"
#include "request.h"

#define LEVELS		6
#define NO_COUNT	(-1L)

/* The expected counts of one file, NO_COUNT where none is documented. */
struct real_file {
	const char	*name;
	long		 entries;
	long		 levels[LEVELS];	/* VRB DBG INF WRN ERR FTL */
	long		 exceptions;		/* records with an exception */
	long		 requests;
	long		 status_500;
};

/* The counts of one parse. */
struct tally {
	long		 entries;
	long		 levels[LEVELS];
	long		 exceptions;
	long		 requests;
	long		 status[600];
	long		 failed;
	uint64_t	 bytes;
};

static struct real_file files[] = {
	{ "serilog-text-api-requests.txt", 782, { 0, 0, 552, 47, 183, 0 },
	    NO_COUNT, 575, 23 },
	{ "serilog-text-shop-errors.txt", 250, { 0, 0, 0, 10, 236, 4 },
	    NO_COUNT, 92, 92 },
	{ "serilog-text-abp-crlf.txt", 13831, { 0, 1588, 12216, 25, 2, 0 },
	    NO_COUNT, 1026, NO_COUNT },
	{ "serilog-text-abp-bom.txt", 2828, { 0, 696, 2132, 0, 0, 0 },
	    0, 646, 0 },
	{ "serilog-json-api-requests.json", 1754, { 0, 0, 1643, 48, 62, 1 },
	    63, 1674, 31 },
	{ "serilog-json-logserver.log", 125, { 0, 0, 106, 6, 12, 1 },
	    1, 11, 0 },
	{ "serilog-clef-fileupload.txt", 15, { 0, 0, 1, 3, 11, 0 },
	    10, 0, 0 },
	{ "serilog-clef-huge-event.clef", 1, { 0, 0, 0, 0, 1, 0 },
	    1, 0, 0 },
	{ "generic-hadoop-2k.log", 2000, { 0, 0, 1040, 808, 150, 2 },
	    NO_COUNT, 0, 0 },
};

static ssize_t
fd_read(void *ctx, void *buf, size_t cap)
{
	ssize_t n;

	do
		n = read(*(int *)ctx, buf, cap);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		lt_error_errno("cannot read the test file");
	return n;
}

/* Returns the path of name in the real folder, or NULL after printing a
 * message when the folder is missing. */
static char *
real_path(const char *name)
{
	const char *dir = getenv("LOGTOOL_REAL_DIR");
	struct stat st;
	char *path;

	if (dir == NULL || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		print_message("real log folder '%s' not found, skipping\n",
		    dir != NULL ? dir : "(LOGTOOL_REAL_DIR unset)");
		return NULL;
	}
	path = malloc(strlen(dir) + strlen(name) + 2);
	assert_non_null(path);
	sprintf(path, "%s/%s", dir, name);
	return path;
}

static char *
read_whole(const char *path, size_t *len)
{
	struct stat st;
	char *data;
	int fd = open(path, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	data = malloc((size_t)st.st_size + 1);
	assert_non_null(data);
	assert_int_equal(read(fd, data, (size_t)st.st_size), st.st_size);
	close(fd);
	*len = (size_t)st.st_size;
	return data;
}

static void
count_record(const struct lt_record *rec, const char *whole,
    struct tally *t)
{
	struct lt_request req;

	assert_int_equal(rec->offset, t->bytes);
	assert_memory_equal(rec->raw.ptr, whole + t->bytes, rec->raw.len);
	t->bytes += rec->raw.len;
	t->entries++;
	if (rec->level != LT_LEVEL_NONE)
		t->levels[rec->level]++;
	if (rec->exception.len > 0)
		t->exceptions++;
	if (lt_request_parse(rec->message, &req)) {
		t->requests++;
		if (req.status > 0 && req.status < 600)
			t->status[req.status]++;
		if (req.failed)
			t->failed++;
	}
}

static void
parse_file(const char *path, struct tally *t)
{
	struct lt_parser *p;
	struct lt_record rec;
	size_t len;
	char *whole = read_whole(path, &len);
	int fd = open(path, O_RDONLY), rc;

	assert_true(fd >= 0);
	memset(t, 0, sizeof(*t));
	p = lt_parser_new(fd_read, &fd);
	assert_non_null(p);
	while ((rc = lt_parser_next(p, &rec)) == 1) {
		assert_true(rec.format != LT_FORMAT_ORPHAN);
		count_record(&rec, whole, t);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(t->bytes, len);
	lt_parser_free(p);
	close(fd);
	free(whole);
}

static void
test_real_parse__file(void **state)
{
	const struct real_file *f = *state;
	struct tally t;
	char *path = real_path(f->name);

	if (path == NULL)
		skip();
	parse_file(path, &t);
	free(path);
	assert_int_equal(t.entries, f->entries);
	for (int level = 0; level < LEVELS; level++)
		assert_int_equal(t.levels[level], f->levels[level]);
	if (f->exceptions != NO_COUNT)
		assert_int_equal(t.exceptions, f->exceptions);
	assert_int_equal(t.requests, f->requests);
	if (f->status_500 != NO_COUNT)
		assert_int_equal(t.status[500], f->status_500);
}

static void
test_real_parse__text_request_statuses(void **state)
{
	struct tally t;
	char *path = real_path("serilog-text-api-requests.txt");

	(void)state;
	if (path == NULL)
		skip();
	parse_file(path, &t);
	free(path);
	assert_int_equal(t.status[200], 425);
	assert_int_equal(t.status[400], 65);
	assert_int_equal(t.status[404], 59);
	assert_int_equal(t.status[500], 23);
	assert_int_equal(t.status[401], 2);
	assert_int_equal(t.status[409], 1);
	assert_int_equal(t.failed, 23);
}

static void
test_real_parse__json_request_statuses(void **state)
{
	struct tally t;
	char *path = real_path("serilog-json-api-requests.json");

	(void)state;
	if (path == NULL)
		skip();
	parse_file(path, &t);
	free(path);
	assert_int_equal(t.status[200], 758);
	assert_int_equal(t.status[204], 539);
	assert_int_equal(t.status[401], 193);
	assert_int_equal(t.status[404], 109);
	assert_int_equal(t.status[400], 38);
	assert_int_equal(t.status[500], 31);
	assert_int_equal(t.status[405], 6);
	assert_int_equal(t.failed, 31);
}

static void
test_real_parse__json_rendered_message(void **state)
{
	static const char expected[] = "HTTP GET /api/Students?"
	    "PageNumber=1&pageSize=5 responded 200 in 2761.2009 ms";
	struct lt_parser *p;
	struct lt_record rec;
	char *path = real_path("serilog-json-api-requests.json");
	int fd;

	(void)state;
	if (path == NULL)
		skip();
	fd = open(path, O_RDONLY);
	free(path);
	assert_true(fd >= 0);
	p = lt_parser_new(fd_read, &fd);
	assert_non_null(p);
	assert_int_equal(lt_parser_next(p, &rec), 1);
	assert_int_equal(rec.message.len, strlen(expected));
	assert_memory_equal(rec.message.ptr, expected, strlen(expected));
	lt_parser_free(p);
	close(fd);
}

#define REAL_TEST(label, index) { "test_real_parse__" label, \
	test_real_parse__file, NULL, NULL, &files[index] }

int
main(void)
{
	const struct CMUnitTest tests[] = {
		REAL_TEST("text_api_requests", 0),
		REAL_TEST("text_shop_errors", 1),
		REAL_TEST("text_abp_crlf", 2),
		REAL_TEST("text_abp_bom", 3),
		REAL_TEST("json_api_requests", 4),
		REAL_TEST("json_logserver", 5),
		REAL_TEST("clef_fileupload", 6),
		REAL_TEST("clef_huge_event", 7),
		REAL_TEST("generic_hadoop", 8),
		cmocka_unit_test(test_real_parse__text_request_statuses),
		cmocka_unit_test(test_real_parse__json_request_statuses),
		cmocka_unit_test(test_real_parse__json_rendered_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
