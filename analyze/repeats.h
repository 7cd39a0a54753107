/*
 * Recognising input that analyze has already counted. Event keys of
 * warnings and errors are kept with the source that first had them.
 * Files already read are kept by device, inode and bundle member, with
 * hashes of their bytes to find copies (a .gz copy beside its log).
 */
#ifndef AN_REPEATS_H
#define AN_REPEATS_H

#include <sys/types.h>

#include <stdbool.h>
#include <stdint.h>

#include <xxhash.h>

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

/* A source read before, by identity and content. */
struct an_read_source {
	dev_t		 dev;		/* of the file or bundle; ino 0 for */
	ino_t		 ino;		/* standard input */
	char		*member;	/* tar member name, or NULL */
	size_t		 member_index;	/* its position in the bundle */
	char		*name;
	char		*path;		/* the file, or the member's bundle */
	bool		 reopenable;	/* a regular file, not stdin */
	uint64_t	 head_hash;	/* XXH3 of its first head_len bytes */
	size_t		 head_len;
	bool		 full_known;	/* full and length are set */
	XXH128_hash_t	 full;		/* XXH3-128 of all its bytes */
	uint64_t	 length;	/* UINT64_MAX when unreadable */
};

struct an_read_sources {
	struct an_read_source *items;
	size_t		 len, cap;
};

/* Returns the earlier source that is the same file, or the same member
 * (by position) of the same bundle, as info, or NULL. */
const struct an_read_source *an_read_find(const struct an_read_sources *r,
	    const struct lt_source_info *info, size_t member_index);

/* Remembers info as read, with the hash of its first head_len bytes.
 * Returns the entry, or NULL with lt_error() set. */
struct an_read_source *an_read_remember(struct an_read_sources *r,
	    const struct lt_source_info *info, size_t member_index,
	    uint64_t head_hash, size_t head_len);
void	an_read_free(struct an_read_sources *r);

/*
 * Hashes all of src, whose first len bytes are head and were already
 * read, into *full and *length. Returns 0, or -1 with lt_error() set.
 */
int	an_hash_rest(struct lt_source *src, const char *head, size_t len,
	    XXH128_hash_t *full, uint64_t *length);

/*
 * Returns the earlier source with the same head as entry and the same
 * full hash and length, or NULL. Sources are opened again to hash them
 * the first time; a bundle is read once for all of its members in r.
 */
const struct an_read_source *an_read_find_copy(struct an_read_sources *r,
	    const struct an_read_source *entry);

/* Opens the source described by info again (a file, or the member at
 * member_index of a bundle) and calls fn with it. Returns what fn
 * returns, or -1 with lt_error() set. */
int	an_source_reopen(const struct lt_source_info *info,
	    size_t member_index, lt_source_fn fn, void *ctx);

#endif
