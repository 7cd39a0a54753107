/*
 * Recognising input that analyze has already counted: the event keys of
 * warnings and errors by the source that first had them, the files
 * already read, by device, inode and bundle member, and sources whose
 * bytes equal those of one read before (a .gz copy beside its log).
 */
#ifndef AN_REPEATS_H
#define AN_REPEATS_H

#include <sys/types.h>

#include <stdbool.h>
#include <stdint.h>

#include "source.h"

/* Event keys in an open-addressing hash table at most half full. */
struct an_keyset {
	uint64_t	*keys;		/* 0 marks a free slot */
	uint32_t	*owners;	/* source number that added the key */
	size_t		 len, nslots;
};

/* Adds key as seen in source. Returns 0 when another source had it first
 * (a repeat), 1 otherwise, -1 with lt_error() set when memory runs out. */
int	an_keyset_add(struct an_keyset *s, uint64_t key, uint32_t source);

/* Returns what an_keyset_add() returns, without adding the key. */
int	an_keyset_check(const struct an_keyset *s, uint64_t key,
	    uint32_t source);

/* A source read from a file on disk, by identity and first bytes. */
struct an_read_source {
	dev_t		 dev;
	ino_t		 ino;
	char		*member;	/* tar member name, or NULL */
	char		*name;
	char		*path;		/* the file, or the member's bundle */
	bool		 reopenable;	/* a regular file, not stdin */
	uint64_t	 head_hash;	/* XXH3 of its first head_len bytes */
	size_t		 head_len;
};

struct an_read_sources {
	struct an_read_source *items;
	size_t		 len, cap;
};

/* Returns the earlier source that is the same file as info, or NULL. */
const struct an_read_source *an_read_find(const struct an_read_sources *r,
	    const struct lt_source_info *info);

/* Remembers info as read, with the hash of its first head_len bytes.
 * Returns 0, or -1 with lt_error() set. */
int	an_read_remember(struct an_read_sources *r,
	    const struct lt_source_info *info, uint64_t head_hash,
	    size_t head_len);
void	an_read_free(struct an_read_sources *r);

/* True when the source can be opened again by its path: a regular file
 * or a member of one, not standard input or a FIFO. */
bool	an_source_reopenable(const struct lt_source_info *info);

/* What an_same_content() found. */
enum an_content {
	AN_CONTENT_NEW,		/* differs within the head: src is unread
				   past it */
	AN_CONTENT_READ,	/* differs later: src was read past the
				   head and must be opened again */
	AN_CONTENT_SAME,	/* every byte equal: src is a copy */
};

/*
 * Compares the bytes of earlier source e, opened again, with head[0..len)
 * and then the rest of src. Returns an an_content value, or -1 with
 * lt_error() set when src cannot be read. An e that cannot be opened
 * again counts as different.
 */
int	an_same_content(const struct an_read_source *e, struct lt_source *src,
	    const char *head, size_t len);

/* Opens the source described by info again (a file, or a bundle's
 * member) and calls fn with it. Returns what fn returns, or -1 with
 * lt_error() set. */
int	an_source_reopen(const struct lt_source_info *info, lt_source_fn fn,
	    void *ctx);

#endif
