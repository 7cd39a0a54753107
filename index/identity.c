#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "identity.h"

/* Contents that share a head and are checked against one stream. */
#define MAX_CANDIDATES 16

enum {
	ID_FIND,
	ID_SHORT_HEADS,
	ID_INSERT,
	ID_UPDATE,
	ID_DELETE,
	ID_PROGRESS,
	ID_COUNT
};

static const char *const id_sql[ID_COUNT] = {
	[ID_FIND] = "SELECT id, indexed_len, tail_hash, last_offset, "
	    "last_line, records FROM contents "
	    "WHERE head_hash = ?1 AND head_len = ?2 ORDER BY indexed_len",
	[ID_SHORT_HEADS] = "SELECT DISTINCT head_len FROM contents "
	    "WHERE head_len < ?1",
	[ID_INSERT] = "INSERT INTO contents(head_len, head_hash, "
	    "indexed_len, tail_hash, last_offset, last_line, records) "
	    "VALUES(?1, ?2, 0, 0, 0, 0, 0)",
	[ID_UPDATE] = "UPDATE contents SET head_len = ?2, head_hash = ?3, "
	    "indexed_len = ?4, tail_hash = ?5, last_offset = ?6, "
	    "last_line = ?7, records = ?8 WHERE id = ?1",
	[ID_DELETE] = "DELETE FROM contents WHERE id = ?1",
	[ID_PROGRESS] = "SELECT indexed_len FROM contents WHERE id = ?1",
};

struct idx_identity {
	sqlite3		*db;
	sqlite3_stmt	*st[ID_COUNT];
};

struct candidates {
	struct idx_content c[MAX_CANDIDATES];
	size_t		n;
};

struct idx_identity *
idx_identity_new(sqlite3 *db)
{
	struct idx_identity *id;

	id = calloc(1, sizeof(*id));
	if (id == NULL)
		return NULL;
	id->db = db;
	for (int i = 0; i < ID_COUNT; i++) {
		if (sqlite3_prepare_v3(db, id_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &id->st[i], NULL) != SQLITE_OK) {
			lt_error_set("cannot prepare SQL: %s",
			    sqlite3_errmsg(db));
			idx_identity_free(id);
			return NULL;
		}
	}
	return id;
}

void
idx_identity_free(struct idx_identity *id)
{
	if (id == NULL)
		return;
	for (int i = 0; i < ID_COUNT; i++)
		sqlite3_finalize(id->st[i]);
	free(id);
}

/*
 * Resets a statement for another use and returns it. Every statement is
 * also reset after its last step, because a statement left on a row
 * keeps a read transaction open. While one is open, checkpoints cannot
 * copy the WAL into the database, and the WAL grew to 121 MB for an
 * 8 MB log (tests/cli/index/wal.sh).
 */
static sqlite3_stmt *
stmt(struct idx_identity *id, int which)
{
	sqlite3_reset(id->st[which]);
	sqlite3_clear_bindings(id->st[which]);
	return id->st[which];
}

static int
db_failed(struct idx_identity *id)
{
	return lt_error_set("cannot use the index: %s",
	    sqlite3_errmsg(id->db));
}

/* Adds the contents whose head is the first head_len bytes of f. */
static int
add_candidates(struct idx_identity *id, struct idx_feed *f, size_t head_len,
    struct candidates *out)
{
	sqlite3_stmt *st = stmt(id, ID_FIND);
	int rc;

	sqlite3_bind_int64(st, 1, idx_feed_head_hash(f, head_len));
	sqlite3_bind_int64(st, 2, (int64_t)head_len);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    out->n < MAX_CANDIDATES) {
		struct idx_content *c = &out->c[out->n++];

		memset(c, 0, sizeof(*c));
		c->id = sqlite3_column_int64(st, 0);
		c->known = true;
		c->head_len = head_len;
		c->head_hash = idx_feed_head_hash(f, head_len);
		c->indexed_len = (uint64_t)sqlite3_column_int64(st, 1);
		c->tail_hash = sqlite3_column_int64(st, 2);
		c->last_offset = (uint64_t)sqlite3_column_int64(st, 3);
		c->last_line = (uint64_t)sqlite3_column_int64(st, 4);
		c->records = (uint64_t)sqlite3_column_int64(st, 5);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_failed(id);
	sqlite3_reset(st);
	return 0;
}

/*
 * Collects the contents whose stored head is a prefix of this stream's
 * head: the full head, and the shorter heads of contents that were
 * smaller than IDX_BLOCK bytes when indexed and may have grown since.
 */
static int
find_candidates(struct idx_identity *id, struct idx_feed *f,
    struct candidates *out)
{
	size_t lens[MAX_CANDIDATES];
	size_t nlens = 0;
	sqlite3_stmt *st;
	int rc;

	out->n = 0;
	if (f->head_len == 0)
		return 0;
	st = stmt(id, ID_SHORT_HEADS);
	sqlite3_bind_int64(st, 1, (int64_t)f->head_len);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && nlens < MAX_CANDIDATES)
		lens[nlens++] = (size_t)sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_failed(id);
	sqlite3_reset(st);
	if (add_candidates(id, f, f->head_len, out) == -1)
		return -1;
	for (size_t i = 0; i < nlens; i++) {
		if (lens[i] > 0 && add_candidates(id, f, lens[i], out) == -1)
			return -1;
	}
	return 0;
}

static int
compare_indexed_len(const void *a, const void *b)
{
	const struct idx_content *x = a, *y = b;

	return (x->indexed_len > y->indexed_len) -
	    (x->indexed_len < y->indexed_len);
}

/*
 * Returns the index of the candidate with the most bytes indexed whose
 * tail block matches the stream, or -1 when none does (-2 on error).
 * Candidates are checked in increasing indexed_len, so that a
 * forward-only feed reads each block once.
 */
static int
verify_candidates(struct idx_feed *f, struct candidates *cs)
{
	int best = -1, rc;
	int64_t hash;

	qsort(cs->c, cs->n, sizeof(cs->c[0]), compare_indexed_len);
	for (size_t i = 0; i < cs->n; i++) {
		struct idx_content *c = &cs->c[i];

		rc = idx_feed_block_hash(f, c->indexed_len, c->last_offset,
		    &hash);
		if (rc == -1)
			return -2;
		if (rc == 0)
			break;
		if (rc == 1 && hash == c->tail_hash)
			best = (int)i;
	}
	return best;
}

static int
insert_new(struct idx_identity *id, struct idx_feed *f,
    struct idx_content *c)
{
	sqlite3_stmt *st = stmt(id, ID_INSERT);

	memset(c, 0, sizeof(*c));
	c->head_len = f->head_len;
	c->head_hash = idx_feed_head_hash(f, f->head_len);
	sqlite3_bind_int64(st, 1, (int64_t)c->head_len);
	sqlite3_bind_int64(st, 2, c->head_hash);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_failed(id);
	c->id = sqlite3_last_insert_rowid(id->db);
	return 0;
}

int
idx_identity_find(struct idx_identity *id, struct idx_feed *f,
    struct idx_content *c)
{
	struct candidates cs;
	int best;

	if (find_candidates(id, f, &cs) == -1)
		return -1;
	best = verify_candidates(f, &cs);
	if (best == -2)
		return -1;
	if (best < 0)
		return insert_new(id, f, c);
	*c = cs.c[best];
	/* A content that was shorter than a block now has a longer head. */
	c->head_len = f->head_len;
	c->head_hash = idx_feed_head_hash(f, f->head_len);
	return 0;
}

int
idx_identity_save(struct idx_identity *id, const struct idx_content *c)
{
	sqlite3_stmt *st;

	if (c->indexed_len == 0) {
		st = stmt(id, ID_DELETE);
		sqlite3_bind_int64(st, 1, c->id);
	} else {
		st = stmt(id, ID_UPDATE);
		sqlite3_bind_int64(st, 1, c->id);
		sqlite3_bind_int64(st, 2, (int64_t)c->head_len);
		sqlite3_bind_int64(st, 3, c->head_hash);
		sqlite3_bind_int64(st, 4, (int64_t)c->indexed_len);
		sqlite3_bind_int64(st, 5, c->tail_hash);
		sqlite3_bind_int64(st, 6, (int64_t)c->last_offset);
		sqlite3_bind_int64(st, 7, (int64_t)c->last_line);
		sqlite3_bind_int64(st, 8, (int64_t)c->records);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_failed(id);
	return 0;
}

int
idx_identity_unchanged(struct idx_identity *id, const struct idx_content *c)
{
	sqlite3_stmt *st = stmt(id, ID_PROGRESS);
	int rc;

	sqlite3_bind_int64(st, 1, c->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = (uint64_t)sqlite3_column_int64(st, 0) == c->indexed_len;
		sqlite3_reset(st);
		return rc;
	}
	if (rc == SQLITE_DONE)
		return 0;
	return db_failed(id);
}
