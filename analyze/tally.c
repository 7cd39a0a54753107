/*
 * Counting by name: an interning table that gives each distinct endpoint
 * or exception type a small id, and per-bucket tallies of (id, count).
 */
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "error.h"

static uint64_t
hash_text(const char *text, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a */

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)text[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static int
grow_table(struct an_strings *s)
{
	size_t n = s->nslots ? s->nslots * 2 : 256;
	uint32_t *slots = calloc(n, sizeof(*slots));

	if (slots == NULL)
		return lt_error_errno("cannot allocate names");
	for (size_t i = 0; i < s->len; i++) {
		size_t k = hash_text(s->text[i], strlen(s->text[i])) & (n - 1);

		while (slots[k] != 0)
			k = (k + 1) & (n - 1);
		slots[k] = (uint32_t)i + 1;
	}
	free(s->slots);
	s->slots = slots;
	s->nslots = n;
	return 0;
}

static int
append_text(struct an_strings *s, const char *text, size_t len)
{
	char *copy;

	if (s->len == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		void *p = realloc(s->text, cap * sizeof(*s->text));

		if (p == NULL)
			return lt_error_errno("cannot allocate names");
		s->text = p;
		s->cap = cap;
	}
	copy = strndup(text, len);
	if (copy == NULL)
		return lt_error_errno("cannot allocate names");
	s->text[s->len++] = copy;
	return 0;
}

/* Stores the id of text in *id, adding the text when it is new. Returns 0,
 * or -1 with lt_error() set. */
int
an_strings_intern(struct an_strings *s, const char *text, size_t len,
    uint32_t *id)
{
	size_t k;

	if (s->len * 2 >= s->nslots && grow_table(s) == -1)
		return -1;
	k = hash_text(text, len) & (s->nslots - 1);
	while (s->slots[k] != 0) {
		const char *t = s->text[s->slots[k] - 1];

		if (strncmp(t, text, len) == 0 && t[len] == '\0') {
			*id = s->slots[k] - 1;
			return 0;
		}
		k = (k + 1) & (s->nslots - 1);
	}
	if (append_text(s, text, len) == -1)
		return -1;
	*id = (uint32_t)(s->len - 1);
	s->slots[k] = (uint32_t)s->len;
	return 0;
}

void
an_strings_free(struct an_strings *s)
{
	for (size_t i = 0; i < s->len; i++)
		free(s->text[i]);
	free(s->text);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

int
an_tally_add(struct an_tally *t, uint32_t id, uint64_t count)
{
	for (size_t i = 0; i < t->len; i++) {
		if (t->items[i].id == id) {
			t->items[i].count += count;
			return 0;
		}
	}
	if (t->len == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4;
		void *p = realloc(t->items, cap * sizeof(*t->items));

		if (p == NULL)
			return lt_error_errno("cannot allocate counts");
		t->items = p;
		t->cap = cap;
	}
	t->items[t->len].id = id;
	t->items[t->len].count = count;
	t->len++;
	return 0;
}

void
an_tally_free(struct an_tally *t)
{
	free(t->items);
	memset(t, 0, sizeof(*t));
}

static int
compare_items(const void *a, const void *b)
{
	const struct an_tally_item *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

/*
 * Sums the failed-endpoint tallies (or, when exceptions is true, the
 * exception-type tallies) of a window's buckets into out, most frequent
 * first, ties in order of first appearance. out must start empty; the
 * caller frees it with an_tally_free(). Returns 0 or -1.
 */
int
an_window_top(const struct an_result *r, const struct an_window *w,
    bool exceptions, struct an_tally *out)
{
	for (size_t i = w->first; i < w->first + w->count; i++) {
		const struct an_bucket *b = r->series[i];
		const struct an_tally *t;

		if (b == NULL || b->causes == NULL)
			continue;
		t = exceptions ? &b->causes->exceptions :
		    &b->causes->endpoints;
		for (size_t j = 0; j < t->len; j++)
			if (an_tally_add(out, t->items[j].id,
			    t->items[j].count) == -1)
				return -1;
	}
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(*out->items),
		    compare_items);
	return 0;
}
