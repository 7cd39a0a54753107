/*
 * Buckets and windows: the arithmetic of analyze.
 *
 * A window starts at a whole multiple of the step (in UTC) and covers
 * [start, start + window). The windows printed are those whose start lies
 * between the step that contains the first record and the step that
 * contains the last one. So every record is in at least one window, and
 * the empty steps in between are printed with zero requests.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "error.h"

int64_t
an_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int64_t
an_gcd(int64_t a, int64_t b)
{
	while (b != 0) {
		int64_t t = a % b;

		a = b;
		b = t;
	}
	return a < 0 ? -a : a;
}

void
an_data_init(struct an_data *d, int64_t base_ms)
{
	memset(d, 0, sizeof(*d));
	d->base_ms = base_ms;
	an_spool_init(&d->spool, AN_BUFFER_SIZE);
}

/* Frees what bucket b points to, not b itself. */
void
an_bucket_free(struct an_bucket *b)
{
	struct an_causes *c = b->causes;

	if (c == NULL)
		return;
	an_tally_free(&c->endpoints);
	an_tally_free(&c->exceptions);
	free(c->samples);
	free(c);
	b->causes = NULL;
}

/* Returns the causes of bucket b, allocated on first use, or NULL with
 * lt_error() set when memory runs out. */
struct an_causes *
an_bucket_causes(struct an_bucket *b)
{
	if (b->causes == NULL &&
	    (b->causes = calloc(1, sizeof(*b->causes))) == NULL)
		lt_error_errno("cannot allocate failure counts");
	return b->causes;
}

void
an_data_free(struct an_data *d)
{
	for (size_t i = 0; i < d->len; i++)
		an_bucket_free(&d->buckets[i]);
	free(d->buckets);
	free(d->slots);
	an_spool_free(&d->spool);
	an_strings_free(&d->strings);
	free(d->signature_counts);
	memset(d, 0, sizeof(*d));
}

static size_t
slot_of(int64_t index, size_t nslots)
{
	uint64_t h = (uint64_t)index * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 17) & (nslots - 1);
}

static int
grow_slots(struct an_data *d)
{
	size_t n = d->nslots ? d->nslots * 2 : 1024;
	uint32_t *slots = calloc(n, sizeof(*slots));

	if (slots == NULL)
		return lt_error_errno("cannot allocate buckets");
	for (size_t i = 0; i < d->len; i++) {
		size_t s = slot_of(d->buckets[i].index, n);

		while (slots[s] != 0)
			s = (s + 1) & (n - 1);
		slots[s] = (uint32_t)(i + 1);
	}
	free(d->slots);
	d->slots = slots;
	d->nslots = n;
	return 0;
}

static struct an_bucket *
new_bucket(struct an_data *d, int64_t index, size_t slot)
{
	struct an_bucket *b;

	/* Staged durations and the slots refer to buckets by a uint32_t
	 * position. */
	if (d->len >= UINT32_MAX / 2) {
		lt_error_set("records fall into more than %u buckets; narrow "
		    "the time with --since and --until", UINT32_MAX / 2);
		return NULL;
	}
	if (d->len == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		void *p = realloc(d->buckets, cap * sizeof(*d->buckets));

		if (p == NULL) {
			lt_error_errno("cannot allocate buckets");
			return NULL;
		}
		d->buckets = p;
		d->cap = cap;
	}
	b = &d->buckets[d->len];
	memset(b, 0, sizeof(*b));
	b->index = index;
	d->slots[slot] = (uint32_t)++d->len;
	return b;
}

/* Returns the bucket that contains time ts, creating it when needed, or NULL
 * with lt_error() set when memory runs out. */
struct an_bucket *
an_data_bucket(struct an_data *d, int64_t ts)
{
	int64_t index = an_floor_div(ts, d->base_ms);
	size_t s;

	if (d->sorted)
		return NULL;
	if (d->len * 2 >= d->nslots && grow_slots(d) == -1)
		return NULL;
	s = slot_of(index, d->nslots);
	while (d->slots[s] != 0) {
		struct an_bucket *b = &d->buckets[d->slots[s] - 1];

		if (b->index == index)
			return b;
		s = (s + 1) & (d->nslots - 1);
	}
	return new_bucket(d, index, s);
}

static int
compare_buckets(const void *a, const void *b)
{
	const struct an_bucket *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/* Sorts the buckets and lays them out as a dense series of pointers,
 * NULL for steps without records. */
static int
build_series(struct an_result *r, struct an_data *d)
{
	int64_t span;

	if (an_spool_finish(d) == -1)
		return -1;
	if (d->len > 1)
		qsort(d->buckets, d->len, sizeof(*d->buckets), compare_buckets);
	d->sorted = true;
	free(d->slots);
	d->slots = NULL;
	d->nslots = 0;
	if (d->len == 0)
		return 0;
	span = d->buckets[d->len - 1].index - d->buckets[0].index + 1;
	if (span > (int64_t)AN_MAX_BUCKETS)
		return lt_error_set("records span too long a time for %lld ms "
		    "buckets; narrow it with --since and --until",
		    (long long)d->base_ms);
	r->first_index = d->buckets[0].index;
	r->nseries = (size_t)span;
	r->series = calloc(r->nseries, sizeof(*r->series));
	if (r->series == NULL)
		return lt_error_errno("cannot allocate the time series");
	for (size_t i = 0; i < d->len; i++)
		r->series[d->buckets[i].index - r->first_index] =
		    &d->buckets[i];
	return 0;
}

static void
count_window(const struct an_result *r, struct an_window *w)
{
	bool entries = r->basis == AN_BASIS_ENTRIES;

	w->requests = w->errors = 0;
	w->nlatency = 0;
	for (size_t i = w->first; i < w->first + w->count; i++) {
		const struct an_bucket *b = r->series[i];

		if (b == NULL)
			continue;
		w->requests += entries ? b->entries : b->requests;
		w->errors += entries ? b->err_entries : b->errors;
		w->nlatency += b->ndurations;
	}
	w->rate = w->requests ? (double)w->errors / (double)w->requests :
	    NAN;
}

/* Places window w (starting at step number k) on the series, clipped to
 * the series' ends. */
static void
place_window(const struct an_result *r, struct an_window *w, int64_t k)
{
	const struct an_options *o = r->opts;
	int64_t base = o->base_ms;
	int64_t first = k * o->step_ms / base - r->first_index;
	int64_t last = first + o->window_ms / base;

	w->start = k * o->step_ms;
	w->end = w->start + o->window_ms;
	if (first < 0)
		first = 0;
	if (last > (int64_t)r->nseries)
		last = (int64_t)r->nseries;
	w->first = (size_t)first;
	w->count = last > first ? (size_t)(last - first) : 0;
}

static int
evaluate_window(struct an_result *r, struct an_window *w)
{
	count_window(r, w);
	w->severity = an_classify(r->opts, w->requests, w->errors);
	if (w->severity >= AN_SEV_2)
		r->flagged++;
	else if (w->severity == AN_SEV_3)
		r->warned++;
	if (an_window_latency(r, w) == -1)
		return -1;
	/* A p95 of a few requests is their maximum, as noisy as their
	 * error rate, so the same minimum applies. */
	if (w->nlatency < r->opts->min_requests)
		w->slow = false;
	if (w->slow)
		r->slow++;
	return 0;
}

static void
choose_basis(struct an_result *r)
{
	const struct an_data *d = r->data;

	r->basis = r->opts->basis;
	if (r->basis == AN_BASIS_AUTO)
		r->basis = d->request_lines > 0 ? AN_BASIS_REQUESTS :
		    AN_BASIS_ENTRIES;
	r->errors_only = r->basis == AN_BASIS_REQUESTS && d->requests > 0 &&
	    d->low_entries == 0;
}

/*
 * Builds the windows of the data d: sorts its buckets, places every
 * window, counts it and classifies it, and evaluates the burn-rate rules
 * when an SLO is set. Returns 0, or -1 with lt_error() set.
 */
int
an_result_build(struct an_result *r, const struct an_options *opts,
    struct an_data *d)
{
	int64_t kfirst, klast;

	memset(r, 0, sizeof(*r));
	r->opts = opts;
	r->data = d;
	choose_basis(r);
	if (build_series(r, d) == -1)
		return -1;
	if (d->len == 0)
		return 0;
	kfirst = an_floor_div(r->first_index * opts->base_ms, opts->step_ms);
	klast = an_floor_div((r->first_index + (int64_t)r->nseries - 1) *
	    opts->base_ms, opts->step_ms);
	r->nwindows = (size_t)(klast - kfirst + 1);
	r->windows = calloc(r->nwindows, sizeof(*r->windows));
	if (r->windows == NULL)
		return lt_error_errno("cannot allocate windows");
	for (size_t i = 0; i < r->nwindows; i++) {
		place_window(r, &r->windows[i], kfirst + (int64_t)i);
		if (evaluate_window(r, &r->windows[i]) == -1)
			return -1;
	}
	if (opts->slo > 0)
		return an_burn_evaluate(r);
	return 0;
}

void
an_result_free(struct an_result *r)
{
	free(r->windows);
	free(r->firings);
	free(r->series);
	free(r->hist);
	memset(r, 0, sizeof(*r));
}
