/*
 * Coarser buckets for input that spans a long time.
 *
 * The dense series has at most AN_MAX_BUCKETS buckets, and buckets
 * start at one minute or less (an_options_finish()), which fill it in
 * about 8 years. When the records span longer, the buckets are merged
 * into the smallest multiple of their length that fits and still divides
 * the window and the step, so that every window is a whole number of
 * buckets; with --slo it must also divide 5 minutes, the shortest window
 * of the burn-rate rules. A merged bucket keeps every count, tally and
 * duration, and the first AN_SAMPLES failed requests in time order.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "error.h"

#define SLO_GRAIN_MS	(5 * AN_MINUTE_MS)

static int
compare_buckets(const void *a, const void *b)
{
	const struct an_bucket *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/* The number of buckets of length base from the first record's to the
 * last record's; the buckets of d must be sorted. */
static int64_t
span_in(const struct an_data *d, int64_t base)
{
	int64_t first = d->buckets[0].index * d->base_ms;
	int64_t last = d->buckets[d->len - 1].index * d->base_ms;

	return an_floor_div(last, base) - an_floor_div(first, base) + 1;
}

/* Returns the maximum bucket length allowed: one that divides the window,
 * the step and, with --slo, 5 minutes. */
static int64_t
longest_base(const struct an_options *o)
{
	int64_t limit = an_gcd(o->window_ms, o->step_ms);

	return o->slo > 0 ? an_gcd(limit, SLO_GRAIN_MS) : limit;
}

/* The shortest bucket length that fits the span, or 0 when none does. */
static int64_t
choose_base(const struct an_data *d, const struct an_options *o)
{
	int64_t limit = longest_base(o);

	for (int64_t base = d->base_ms; base <= limit; base += d->base_ms)
		if (limit % base == 0 &&
		    span_in(d, base) <= (int64_t)AN_MAX_BUCKETS)
			return base;
	return 0;
}

static int
merge_tally(struct an_tally *dst, const struct an_tally *src)
{
	for (size_t i = 0; i < src->len; i++)
		if (an_tally_add(dst, src->items[i].id, src->items[i].count) ==
		    -1)
			return -1;
	return 0;
}

/* Moves samples of src into dst while dst has room; src keeps the rest,
 * which an_bucket_free() releases. */
static int
move_samples(struct an_causes *dst, struct an_causes *src)
{
	size_t n = 0;

	if (src->nsamples == 0 || dst->nsamples == AN_SAMPLES)
		return 0;
	if (dst->samples == NULL &&
	    (dst->samples = calloc(AN_SAMPLES, sizeof(*dst->samples))) == NULL)
		return lt_error_errno("cannot allocate samples");
	while (n < src->nsamples && dst->nsamples < AN_SAMPLES)
		dst->samples[dst->nsamples++] = src->samples[n++];
	memmove(src->samples, src->samples + n,
	    (src->nsamples - n) * sizeof(*src->samples));
	src->nsamples -= n;
	return 0;
}

static int
merge_bucket(struct an_data *d, struct an_bucket *dst, struct an_bucket *src)
{
	struct an_causes *from, *to;

	dst->requests += src->requests;
	dst->errors += src->errors;
	dst->entries += src->entries;
	dst->err_entries += src->err_entries;
	if (an_spool_merge(d, dst, src) == -1)
		return -1;
	if ((from = src->causes) == NULL)
		return 0;
	if ((to = an_bucket_causes(dst)) == NULL ||
	    merge_tally(&to->endpoints, &from->endpoints) == -1 ||
	    merge_tally(&to->exceptions, &from->exceptions) == -1)
		return -1;
	return move_samples(to, from);
}

/* Merges the sorted buckets of d into buckets of length base, in place. */
static int
merge_into(struct an_data *d, int64_t base)
{
	size_t kept = 0;
	int rc = 0;

	for (size_t i = 0; i < d->len; i++) {
		struct an_bucket *b = &d->buckets[i];
		int64_t index = an_floor_div(b->index * d->base_ms, base);

		if (kept > 0 && d->buckets[kept - 1].index == index) {
			if (rc == 0)
				rc = merge_bucket(d, &d->buckets[kept - 1], b);
			an_bucket_free(b);
			continue;
		}
		d->buckets[kept] = *b;
		d->buckets[kept++].index = index;
	}
	d->len = kept;
	d->base_ms = base;
	return rc;
}

static int
too_long(const struct an_data *d, const struct an_options *opts)
{
	char text[32];

	an_format_duration(longest_base(opts), text);
	return lt_error_set("records span %lld days, more than %u buckets "
	    "of %s; use a longer --window and --step, or narrow the time "
	    "with --since and --until", (long long)(span_in(d, d->base_ms) *
	    d->base_ms / 86400000), AN_MAX_BUCKETS, text);
}

/*
 * Makes the buckets of d long enough for the dense series, and sets
 * opts->base_ms to their length. Returns 0, or -1 with lt_error() set
 * when no bucket length that divides the window and the step fits.
 */
int
an_data_fit(struct an_data *d, struct an_options *opts)
{
	int64_t base;

	if (an_spool_finish(d) == -1)
		return -1;
	if (d->len == 0)
		return 0;
	qsort(d->buckets, d->len, sizeof(*d->buckets), compare_buckets);
	free(d->slots);
	d->slots = NULL;
	d->nslots = 0;
	if (span_in(d, d->base_ms) <= (int64_t)AN_MAX_BUCKETS)
		return 0;
	base = choose_base(d, opts);
	if (base == 0)
		return too_long(d, opts);
	if (merge_into(d, base) == -1)
		return -1;
	opts->base_ms = base;
	return 0;
}
