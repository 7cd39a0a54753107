/*
 * Recognising input that analyze has already counted: the event keys of
 * warnings and errors by the source that first had them, and the files
 * already read, by device, inode and bundle member.
 */
#ifndef AN_REPEATS_H
#define AN_REPEATS_H

#include <sys/types.h>

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

/* A source read from a file on disk, by identity. */
struct an_read_source {
	dev_t		 dev;
	ino_t		 ino;
	char		*member;	/* tar member name, or NULL */
	char		*name;
};

struct an_read_sources {
	struct an_read_source *items;
	size_t		 len, cap;
};

/* Returns the earlier source that is the same as info, or NULL. */
const struct an_read_source *an_read_find(const struct an_read_sources *r,
	    const struct lt_source_info *info);

/* Remembers info as read. Returns 0, or -1 with lt_error() set. */
int	an_read_remember(struct an_read_sources *r,
	    const struct lt_source_info *info);
void	an_read_free(struct an_read_sources *r);

#endif
