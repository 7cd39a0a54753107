/*
 * The decompressed bytes of one source as the indexer reads them: the
 * first IDX_BLOCK bytes are read ahead to identify the content, and the
 * stream can be started at an offset where an earlier run stopped.
 *
 * A plain regular file is read through its own descriptor, so starting at
 * an offset is a seek and any block can be read again with pread(). Any
 * other source (compressed, a bundle member, standard input) is read
 * forward only: starting at an offset reads and discards the bytes
 * before it, and going back means opening the file again.
 */
#ifndef IDX_FEED_H
#define IDX_FEED_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "source.h"

/* Bytes hashed for the head and for the tail block of a content. */
#define IDX_BLOCK 4096

struct idx_feed {
	struct lt_source *src;		/* the source being read */
	struct lt_source *reopened;	/* src when this feed opened it */
	const struct lt_source_info *info;
	int		 fd;		/* plain file read directly, or -1 */
	uint64_t	 size;		/* plain file size when opened */

	unsigned char	 head[IDX_BLOCK];
	size_t		 head_len;	/* < IDX_BLOCK only for a short
					   stream */
	struct lt_buf	 keep;		/* bytes from keep_start kept while
					   skipping, replayed by read */
	uint64_t	 keep_start;
	unsigned char	 keep_before[IDX_BLOCK];	/* bytes before
							   keep_start */
	size_t		 keep_before_len;
	unsigned char	 window[IDX_BLOCK];	/* last bytes before src_pos */
	size_t		 window_len;

	uint64_t	 pos;		/* offset of the next byte returned */
	uint64_t	 src_pos;	/* offset of the next byte read from
					   src or fd */
	uint64_t	 bytes_read;	/* bytes read from src or fd, for
					   progress */
};

/* Opens the feed on src and reads the head. Returns 0 or -1 with
 * lt_error() set. */
int	idx_feed_open(struct idx_feed *f, struct lt_source *src);
void	idx_feed_close(struct idx_feed *f);

/* True when the feed can seek (a plain regular file). */
bool	idx_feed_seekable(const struct idx_feed *f);

/* The lt_read_fn for the record parser; ctx is the feed. */
ssize_t	idx_feed_read(void *ctx, void *buf, size_t cap);

/*
 * Computes the hash of the block of up to IDX_BLOCK bytes that ends at
 * offset end. Bytes from keep_from on are kept so that a later
 * idx_feed_start(keep_from) can replay them. Returns 1 with *hash set, 0
 * when the stream ends before end, -2 when a forward-only feed has
 * already passed the block, or -1 with lt_error() set.
 */
int	idx_feed_block_hash(struct idx_feed *f, uint64_t end,
	    uint64_t keep_from, int64_t *hash);

/*
 * Positions the feed so that the next read returns the byte at offset,
 * and copies the up to IDX_BLOCK bytes before it into before. A
 * forward-only feed that has passed offset is opened again. Returns 0, or
 * -1 with lt_error() set.
 */
int	idx_feed_start(struct idx_feed *f, uint64_t offset,
	    unsigned char before[IDX_BLOCK], size_t *before_len);

/* Hash of the first n bytes of the head (n <= head_len). */
int64_t	idx_feed_head_hash(const struct idx_feed *f, size_t n);

#endif
