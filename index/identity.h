/*
 * Content identity: a source is recognised by its bytes, not its name, so
 * the same log reached by another path, renamed, compressed or stored in
 * a bundle is not indexed twice, and a file that grew is read on from
 * where the last run stopped.
 *
 * A content is stored with the hash of its first bytes (up to IDX_BLOCK)
 * and the hash of the IDX_BLOCK bytes that end where indexing stopped. A
 * stream is that content again when both hashes match its own bytes. A
 * file truncated and written anew, or a new file on a reused inode, fails
 * the check and is a new content.
 */
#ifndef IDX_IDENTITY_H
#define IDX_IDENTITY_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "feed.h"

struct idx_content {
	int64_t		id;
	bool		known;		/* found in the index, not new */
	size_t		head_len;	/* bytes hashed in head_hash */
	int64_t		head_hash;
	uint64_t	indexed_len;	/* bytes indexed: the end of the
					   last record */
	int64_t		tail_hash;	/* of the block ending there */
	uint64_t	last_offset;	/* offset of the last record */
	uint64_t	last_line;	/* line number of the last record */
	uint64_t	records;	/* records linked to this content */
};

struct idx_identity;

/* Prepares the statements; returns NULL after printing the error. */
struct idx_identity *idx_identity_new(sqlite3 *db);
void	idx_identity_free(struct idx_identity *id);

/*
 * Finds the content that the stream in f continues, or adds a new row
 * for it, and fills *c. Must run inside a write transaction. Returns 0,
 * or -1 with lt_error() set.
 */
int	idx_identity_find(struct idx_identity *id, struct idx_feed *f,
	    struct idx_content *c);

/* Stores c; a content with nothing indexed is deleted. Returns 0, or -1
 * with lt_error() set. */
int	idx_identity_save(struct idx_identity *id,
	    const struct idx_content *c);

/*
 * Returns 1 when the stored row of c still has c's indexed_len, 0 when
 * another run has indexed more of it (or deleted it) since this run last
 * committed, or -1 with lt_error() set. Must run inside a write
 * transaction.
 */
int	idx_identity_unchanged(struct idx_identity *id,
	    const struct idx_content *c);

#endif
