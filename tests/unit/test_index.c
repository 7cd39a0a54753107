/* Unit tests for the index internals: FTS5 word quoting, the WHERE
 * builder, the source feed and content identity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "digest.h"
#include "index/db.h"
#include "index/feed.h"
#include "index/identity.h"
#include "index/querybuild.h"
#include "source.h"

#define DATA_LEN 20000

struct fixture {
	char	 dir[64];
	char	 plain[128];
	char	 gzip[128];
	char	*data;
};

/* Lines of text, so that the data looks like a log and has no long run
 * of equal bytes. */
static void
fill_data(char *data, size_t len)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		int w = snprintf(data + i, len - i, "line %d of the test\n",
		    n++);
		if (w < 0 || (size_t)w >= len - i)
			break;
		i += (size_t)w;
	}
	while (i < len)
		data[i++] = 'x';
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	FILE *fp;
	gzFile gz;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/test_index.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->plain, sizeof(f->plain), "%s/a.log", f->dir);
	snprintf(f->gzip, sizeof(f->gzip), "%s/a.log.gz", f->dir);
	f->data = malloc(DATA_LEN);
	assert_non_null(f->data);
	fill_data(f->data, DATA_LEN);
	fp = fopen(f->plain, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(f->data, 1, DATA_LEN, fp), DATA_LEN);
	fclose(fp);
	gz = gzopen(f->gzip, "wb");
	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, f->data, DATA_LEN), DATA_LEN);
	gzclose(gz);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char path[160];

	unlink(f->plain);
	unlink(f->gzip);
	snprintf(path, sizeof(path), "%s/t.db", f->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-wal", f->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-shm", f->dir);
	unlink(path);
	rmdir(f->dir);
	free(f->data);
	free(f);
	return 0;
}

static void
test_quote_words(void **state)
{
	struct lt_buf out = LT_BUF_INIT;

	(void)state;
	assert_int_equal(query_quote_words("abc node-7.example.com", &out), 0);
	assert_string_equal(out.data, "\"abc\" \"node-7.example.com\"");
	assert_int_equal(query_quote_words("  say\t\"hi\"  ", &out), 0);
	assert_string_equal(out.data, "\"say\" \"\"\"hi\"\"\"");
	assert_int_equal(query_quote_words("NOT", &out), 0);
	assert_string_equal(out.data, "\"NOT\"");
	assert_int_equal(query_quote_words(" \t ", &out), -1);
	/* FTS5 finds no token in punctuation alone. */
	assert_int_equal(query_quote_words("-", &out), -1);
	assert_int_equal(query_quote_words("a *", &out), -1);
	assert_int_equal(query_quote_words("\xc3\xa9", &out), 0);
	lt_buf_free(&out);
}

static void
test_where_empty_and_levels(void **state)
{
	struct query_filter f;
	struct lt_buf sql = LT_BUF_INIT;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.since = f.until = LT_TS_NONE;
	f.level = LT_LEVEL_NONE;
	assert_int_equal(lt_buf_printf(&sql, "%s", ""), 0);
	assert_int_equal(query_where(&f, &sql), 0);
	assert_int_equal(sql.len, 0);

	f.level = LT_LEVEL_ERR;
	f.level_min = true;
	f.since = 5;
	assert_int_equal(query_where(&f, &sql), 0);
	assert_string_equal(sql.data,
	    " WHERE e.ts >= :since AND e.level >= :level");
	lt_buf_free(&sql);
}

/* Reads the feed to its end into out; returns the byte count. */
static size_t
read_all(struct idx_feed *feed, char *out, size_t cap)
{
	size_t got = 0;
	ssize_t n;

	while ((n = idx_feed_read(feed, out + got, cap - got > 1000 ? 1000 :
	    cap - got)) > 0)
		got += (size_t)n;
	assert_true(n == 0);
	return got;
}

static void
check_feed(const struct fixture *f, const char *path, bool seekable)
{
	struct lt_source *src = lt_source_open_file(path);
	unsigned char before[IDX_BLOCK];
	size_t before_len;
	struct idx_feed feed;
	char *copy = malloc(DATA_LEN + 1);
	int64_t hash;

	assert_non_null(src);
	assert_non_null(copy);
	assert_int_equal(idx_feed_open(&feed, src), 0);
	assert_int_equal(idx_feed_seekable(&feed), seekable);
	assert_int_equal(feed.head_len, IDX_BLOCK);
	assert_true(idx_feed_head_hash(&feed, 100) ==
	    (int64_t)lt_hash64(f->data, 100));

	/* The block before 12000, keeping bytes from 11000 on. */
	assert_int_equal(idx_feed_block_hash(&feed, 12000, 11000, &hash), 1);
	assert_true(hash == (int64_t)lt_hash64(f->data + 12000 - IDX_BLOCK,
	    IDX_BLOCK));
	assert_int_equal(idx_feed_start(&feed, 11000, before, &before_len),
	    0);
	assert_int_equal(before_len, IDX_BLOCK);
	assert_memory_equal(before, f->data + 11000 - IDX_BLOCK, IDX_BLOCK);
	assert_int_equal(read_all(&feed, copy, DATA_LEN), DATA_LEN - 11000);
	assert_memory_equal(copy, f->data + 11000, DATA_LEN - 11000);

	/* Going back to an earlier offset reads the file again. */
	assert_int_equal(idx_feed_start(&feed, 5000, before, &before_len), 0);
	assert_int_equal(read_all(&feed, copy, DATA_LEN), DATA_LEN - 5000);
	assert_memory_equal(copy, f->data + 5000, DATA_LEN - 5000);

	/* A block past the end is reported as such. */
	assert_int_equal(idx_feed_start(&feed, 0, before, &before_len), 0);
	assert_int_equal(before_len, 0);
	assert_int_equal(idx_feed_block_hash(&feed, DATA_LEN + 1, DATA_LEN,
	    &hash), 0);
	idx_feed_close(&feed);
	lt_source_close(src);
	free(copy);
}

static void
test_feed_plain_seeks(void **state)
{
	check_feed(*state, ((struct fixture *)*state)->plain, true);
}

static void
test_feed_gzip_forward(void **state)
{
	check_feed(*state, ((struct fixture *)*state)->gzip, false);
}

static sqlite3 *
open_db(const struct fixture *f)
{
	char path[160];
	sqlite3 *db;
	int status;

	snprintf(path, sizeof(path), "%s/t.db", f->dir);
	db = idx_db_open(path, IDX_OPEN_WRITE, &status);
	assert_non_null(db);
	assert_int_equal(status, 0);
	return db;
}

/* Looks path up as the indexer does, inside a transaction. */
static void
find_content(struct idx_identity *id, sqlite3 *db, const char *path,
    struct idx_content *c)
{
	struct lt_source *src = lt_source_open_file(path);
	struct idx_feed feed;

	assert_non_null(src);
	assert_int_equal(idx_feed_open(&feed, src), 0);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(idx_identity_find(id, &feed, c), 0);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	idx_feed_close(&feed);
	lt_source_close(src);
}

static void
test_identity_same_bytes(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = open_db(f);
	struct idx_identity *id = idx_identity_new(db);
	struct idx_content c, again;

	assert_non_null(id);
	find_content(id, db, f->plain, &c);
	assert_false(c.known);
	assert_true(c.id > 0);

	/* Pretend 15000 bytes were indexed, the last record at 14980. */
	c.indexed_len = 15000;
	c.tail_hash = (int64_t)lt_hash64(f->data + 15000 - IDX_BLOCK,
	    IDX_BLOCK);
	c.last_offset = 14980;
	c.last_line = 700;
	c.records = 700;
	assert_int_equal(idx_identity_save(id, &c), 0);

	/* The compressed copy is the same content. */
	find_content(id, db, f->gzip, &again);
	assert_true(again.known);
	assert_int_equal(again.id, c.id);
	assert_int_equal(again.indexed_len, 15000);
	assert_int_equal(again.last_offset, 14980);

	/* A different tail makes it new content. */
	c.tail_hash ^= 1;
	assert_int_equal(idx_identity_save(id, &c), 0);
	find_content(id, db, f->plain, &again);
	assert_false(again.known);
	assert_true(again.id != c.id);

	idx_identity_free(id);
	idx_db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote_words),
		cmocka_unit_test(test_where_empty_and_levels),
		cmocka_unit_test_setup_teardown(test_feed_plain_seeks, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_feed_gzip_forward, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_identity_same_bytes,
		    setup, teardown),
	};

	return cmocka_run_group_tests_name("index", tests, NULL, NULL);
}
