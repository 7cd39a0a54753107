/* Event keys and files already read (repeats.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "repeats.h"

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

		if (s->dev == info->dev && s->ino == info->ino &&
		    same_member(s->member, info->member))
			return s;
	}
	return NULL;
}

int
an_read_remember(struct an_read_sources *r, const struct lt_source_info *info)
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
	s->member = info->member != NULL ? strdup(info->member) : NULL;
	if (s->name == NULL || (info->member != NULL && s->member == NULL)) {
		free(s->name);
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
		free(r->items[i].member);
	}
	free(r->items);
}
