/* Event keys and files already read (repeats.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "repeats.h"
#include "source.h"

static int
keyset_grow(struct an_keyset *s)
{
	size_t n = s->nslots ? s->nslots * 2 : 4096;
	uint64_t *keys = calloc(n, sizeof(*keys));
	uint32_t *owners = calloc(n, sizeof(*owners));

	if (keys == NULL || owners == NULL) {
		free(keys);
		free(owners);
		return lt_error_errno("cannot allocate event keys");
	}
	for (size_t i = 0; i < s->nslots; i++) {
		size_t k;

		if (s->keys[i] == 0)
			continue;
		k = (size_t)(s->keys[i] >> 7) & (n - 1);
		while (keys[k] != 0)
			k = (k + 1) & (n - 1);
		keys[k] = s->keys[i];
		owners[k] = s->owners[i];
	}
	free(s->keys);
	free(s->owners);
	s->keys = keys;
	s->owners = owners;
	s->nslots = n;
	return 0;
}

int
an_keyset_add(struct an_keyset *s, uint64_t key, uint32_t source)
{
	size_t k;

	if (key == 0)
		key = 1;
	if (s->len * 2 >= s->nslots && keyset_grow(s) == -1)
		return -1;
	k = (size_t)(key >> 7) & (s->nslots - 1);
	while (s->keys[k] != 0) {
		if (s->keys[k] == key)
			return s->owners[k] == source;
		k = (k + 1) & (s->nslots - 1);
	}
	s->keys[k] = key;
	s->owners[k] = source;
	s->len++;
	return 1;
}

int
an_keyset_check(const struct an_keyset *s, uint64_t key, uint32_t source)
{
	size_t k;

	if (key == 0)
		key = 1;
	if (s->nslots == 0)
		return 1;
	k = (size_t)(key >> 7) & (s->nslots - 1);
	while (s->keys[k] != 0) {
		if (s->keys[k] == key)
			return s->owners[k] == source;
		k = (k + 1) & (s->nslots - 1);
	}
	return 1;
}

const struct an_read_source *
an_read_find(const struct an_read_sources *r, const struct lt_source_info *info,
    size_t member_index)
{
	for (size_t i = 0; i < r->len; i++) {
		const struct an_read_source *s = &r->items[i];

		if (s->ino != 0 && s->dev == info->dev &&
		    s->ino == info->ino &&
		    (s->member != NULL) == (info->member != NULL) &&
		    (s->member == NULL || s->member_index == member_index))
			return s;
	}
	return NULL;
}

/* True when the source can be opened again by its path: a regular file
 * or a member of one, not standard input or a FIFO. */
static bool
source_reopenable(const struct lt_source_info *info)
{
	return info->size >= 0 && strcmp(info->path, "-") != 0;
}

struct an_read_source *
an_read_remember(struct an_read_sources *r, const struct lt_source_info *info,
    size_t member_index, uint64_t head_hash, size_t head_len)
{
	struct an_read_source *s;

	if (r->len == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		void *p = realloc(r->items, cap * sizeof(*r->items));

		if (p == NULL) {
			lt_error_errno("cannot allocate source names");
			return NULL;
		}
		r->items = p;
		r->cap = cap;
	}
	s = &r->items[r->len];
	memset(s, 0, sizeof(*s));
	s->dev = info->dev;
	s->ino = info->ino;
	s->member_index = member_index;
	s->name = strdup(info->name);
	s->path = strdup(info->path);
	s->member = info->member != NULL ? strdup(info->member) : NULL;
	s->reopenable = source_reopenable(info);
	s->head_hash = head_hash;
	s->head_len = head_len;
	if (s->name == NULL || s->path == NULL ||
	    (info->member != NULL && s->member == NULL)) {
		free(s->name);
		free(s->path);
		free(s->member);
		lt_error_errno("cannot allocate source names");
		return NULL;
	}
	r->len++;
	return s;
}

void
an_read_free(struct an_read_sources *r)
{
	for (size_t i = 0; i < r->len; i++) {
		free(r->items[i].name);
		free(r->items[i].path);
		free(r->items[i].member);
	}
	free(r->items);
}


#define HASH_CHUNK	65536

int
an_hash_rest(struct lt_source *src, const char *head, size_t len,
    XXH128_hash_t *full, uint64_t *length)
{
	XXH3_state_t *state = XXH3_createState();
	char *buf = malloc(HASH_CHUNK);
	ssize_t n = 0;

	if (state == NULL || buf == NULL) {
		XXH3_freeState(state);
		free(buf);
		return lt_error_errno("cannot allocate a hash state");
	}
	XXH3_128bits_reset(state);
	XXH3_128bits_update(state, head, len);
	*length = len;
	while ((n = lt_source_read(src, buf, HASH_CHUNK)) > 0) {
		XXH3_128bits_update(state, buf, (size_t)n);
		*length += (uint64_t)n;
	}
	*full = XXH3_128bits_digest(state);
	XXH3_freeState(state);
	free(buf);
	return n < 0 ? -1 : 0;
}

/* Sets e's full hash from src, or marks it unreadable. */
static void
hash_source(struct an_read_source *e, struct lt_source *src)
{
	e->full_known = true;
	if (src == NULL || an_hash_rest(src, "", 0, &e->full, &e->length) == -1)
		e->length = UINT64_MAX;
}

/* Hashing every member of one bundle that r remembers. */
struct bundle_walk {
	struct an_read_sources *r;
	dev_t		 dev;
	ino_t		 ino;
	size_t		 index;		/* of the next member */
};

static int
hash_member(struct lt_source *src, void *ctx)
{
	struct bundle_walk *w = ctx;
	struct an_read_source *first = NULL;
	size_t index = w->index++;

	for (size_t i = 0; i < w->r->len; i++) {
		struct an_read_source *e = &w->r->items[i];

		if (e->member == NULL || e->full_known || e->dev != w->dev ||
		    e->ino != w->ino || e->member_index != index)
			continue;
		if (first == NULL) {
			hash_source(e, src);
			first = e;
			continue;
		}
		e->full_known = true;
		e->full = first->full;
		e->length = first->length;
	}
	return 0;
}

/* Makes e's full hash known, opening its file or bundle again. */
static void
ensure_full_hash(struct an_read_sources *r, struct an_read_source *e)
{
	struct bundle_walk w = { r, e->dev, e->ino, 0 };
	struct lt_source *src;

	if (e->full_known)
		return;
	if (!e->reopenable) {
		hash_source(e, NULL);
		return;
	}
	if (e->member == NULL) {
		src = lt_source_open_file(e->path);
		hash_source(e, src);
		if (src != NULL)
			lt_source_close(src);
		return;
	}
	lt_source_foreach(e->path, hash_member, &w);
	for (size_t i = 0; i < r->len; i++)
		if (r->items[i].member != NULL && !r->items[i].full_known &&
		    r->items[i].dev == e->dev && r->items[i].ino == e->ino)
			hash_source(&r->items[i], NULL);
}

const struct an_read_source *
an_read_find_copy(struct an_read_sources *r,
    const struct an_read_source *entry)
{
	for (size_t i = 0; i < r->len; i++) {
		struct an_read_source *e = &r->items[i];

		if (e == entry || e->head_hash != entry->head_hash ||
		    e->head_len != entry->head_len)
			continue;
		ensure_full_hash(r, e);
		if (e->length == entry->length &&
		    XXH128_isEqual(e->full, entry->full))
			return e;
	}
	return NULL;
}

struct reopen {
	size_t		 index;		/* of the member wanted */
	size_t		 seen;
	lt_source_fn	 fn;
	void		*ctx;
	int		 rc;
	bool		 done;
};

static int
reopen_member(struct lt_source *src, void *ctx)
{
	struct reopen *r = ctx;

	if (r->done || r->seen++ != r->index)
		return 0;
	r->done = true;
	r->rc = r->fn(src, r->ctx);
	return 1;		/* stops the walk through the bundle */
}

int
an_source_reopen(const struct lt_source_info *info, size_t member_index,
    lt_source_fn fn, void *ctx)
{
	struct reopen r = { member_index, 0, fn, ctx, 0, false };
	struct lt_source *src;
	int rc;

	if (info->member != NULL) {
		if (lt_source_foreach(info->path, reopen_member, &r) == -1 &&
		    !r.done)
			return -1;
		if (!r.done)
			return lt_error_set("cannot find '%s' again in '%s'",
			    info->member, info->path);
		return r.rc;
	}
	if ((src = lt_source_open_file(info->path)) == NULL)
		return -1;
	rc = fn(src, ctx);
	lt_source_close(src);
	return rc;
}
