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

static bool
same_member(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

const struct an_read_source *
an_read_find(const struct an_read_sources *r, const struct lt_source_info *info)
{
	for (size_t i = 0; i < r->len; i++) {
		const struct an_read_source *s = &r->items[i];

		if (s->ino != 0 && s->dev == info->dev &&
		    s->ino == info->ino &&
		    same_member(s->member, info->member))
			return s;
	}
	return NULL;
}

int
an_read_remember(struct an_read_sources *r, const struct lt_source_info *info,
    uint64_t head_hash, size_t head_len)
{
	struct an_read_source *s;

	if (r->len == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		void *p = realloc(r->items, cap * sizeof(*r->items));

		if (p == NULL)
			return lt_error_errno("cannot allocate source names");
		r->items = p;
		r->cap = cap;
	}
	s = &r->items[r->len];
	s->dev = info->dev;
	s->ino = info->ino;
	s->name = strdup(info->name);
	s->path = strdup(info->path);
	s->member = info->member != NULL ? strdup(info->member) : NULL;
	s->reopenable = an_source_reopenable(info);
	s->head_hash = head_hash;
	s->head_len = head_len;
	if (s->name == NULL || s->path == NULL ||
	    (info->member != NULL && s->member == NULL)) {
		free(s->name);
		free(s->path);
		free(s->member);
		return lt_error_errno("cannot allocate source names");
	}
	r->len++;
	return 0;
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

bool
an_source_reopenable(const struct lt_source_info *info)
{
	return info->size >= 0 && strcmp(info->path, "-") != 0;
}

#define COMPARE_CHUNK	65536

/* Reads up to len bytes, fewer only at the end. Returns the count, or -1
 * with lt_error() set. */
static ssize_t
read_full(struct lt_source *src, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = lt_source_read(src, buf + got, len - got);

		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

struct compare {
	struct lt_source *src;		/* the source being read */
	const char	*head;		/* its first bytes, already read */
	size_t		 len;
	const char	*member;	/* the earlier source's member */
	int		 result;	/* an an_content value, or -1 */
	bool		 done;
};

/*
 * Compares earlier, opened again, with c->head and the rest of c->src.
 * Returns an an_content value, or -1 with lt_error() set when c->src
 * fails. A read error of earlier counts as a difference.
 */
static int
compare_streams(struct lt_source *earlier, struct compare *c)
{
	char *a = malloc(COMPARE_CHUNK), *b = malloc(COMPARE_CHUNK);
	int result = AN_CONTENT_NEW;
	ssize_t n, m;

	if (a == NULL || b == NULL) {
		free(a);
		free(b);
		return lt_error_errno("cannot allocate a comparison buffer");
	}
	for (size_t done = 0; done < c->len; done += (size_t)m) {
		size_t want = c->len - done < COMPARE_CHUNK ?
		    c->len - done : COMPARE_CHUNK;

		m = read_full(earlier, a, want);
		if (m != (ssize_t)want || memcmp(a, c->head + done, want) != 0)
			goto out;
	}
	result = AN_CONTENT_READ;
	for (;;) {
		if ((n = read_full(c->src, b, COMPARE_CHUNK)) < 0) {
			result = -1;
			goto out;
		}
		m = read_full(earlier, a, (size_t)n + (n == 0));
		if (m != n || memcmp(a, b, (size_t)n) != 0)
			goto out;
		if (n == 0) {
			result = AN_CONTENT_SAME;
			goto out;
		}
	}
out:
	free(a);
	free(b);
	return result;
}

static int
compare_member(struct lt_source *earlier, void *ctx)
{
	struct compare *c = ctx;
	const char *member = lt_source_info(earlier)->member;

	if (c->done || member == NULL || strcmp(member, c->member) != 0)
		return 0;
	c->done = true;
	c->result = compare_streams(earlier, c);
	return 1;		/* stops the walk through the bundle */
}

int
an_same_content(const struct an_read_source *e, struct lt_source *src,
    const char *head, size_t len)
{
	struct compare c = { src, head, len, e->member, AN_CONTENT_NEW,
	    false };
	struct lt_source *earlier;

	if (!e->reopenable)
		return AN_CONTENT_NEW;
	if (e->member != NULL) {
		lt_source_foreach(e->path, compare_member, &c);
		return c.result;
	}
	if ((earlier = lt_source_open_file(e->path)) == NULL)
		return AN_CONTENT_NEW;
	c.result = compare_streams(earlier, &c);
	lt_source_close(earlier);
	return c.result;
}

struct reopen {
	const char	*member;
	lt_source_fn	 fn;
	void		*ctx;
	int		 rc;
	bool		 done;
};

static int
reopen_member(struct lt_source *src, void *ctx)
{
	struct reopen *r = ctx;
	const char *member = lt_source_info(src)->member;

	if (r->done || member == NULL || strcmp(member, r->member) != 0)
		return 0;
	r->done = true;
	r->rc = r->fn(src, r->ctx);
	return 1;
}

int
an_source_reopen(const struct lt_source_info *info, lt_source_fn fn,
    void *ctx)
{
	struct reopen r = { info->member, fn, ctx, 0, false };
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
