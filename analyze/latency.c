/*
 * Latency percentiles of a window by the nearest-rank method: the p-th
 * percentile of n sorted values is the value at 1-based rank
 * ceil(p / 100 * n). For the values 1..10 that gives p50 = 5, p95 = 10
 * and p99 = 10. A window's values are not sorted: quickselect places
 * each rank in O(n) on average.
 *
 * A bucket keeps its first AN_EXACT_MAX durations exactly. Beyond that it
 * switches to a histogram of HIST_BINS logarithmic bins, each 1% wider
 * than the one before, from 0.01 ms up to about 2 hours, so that memory
 * per bucket stays bounded. A window with such a bucket reports the
 * middle of the bin that contains each rank. That is within 0.5% of the
 * exact value for durations from 0.01 ms to the last bin, and never above
 * the window's maximum, which stays exact.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "error.h"

#define HIST_BINS	2048
#define HIST_MIN_MS	0.01
#define HIST_GROWTH	1.01

/* Returns the p-th percentile (p in 0..100) of n sorted values, NAN when
 * n is 0. */
double
an_percentile(const double *sorted, size_t n, unsigned p)
{
	size_t rank;

	if (n == 0)
		return NAN;
	/* Integer arithmetic, so that 95 * 20 / 100 is exactly 19. */
	rank = ((size_t)p * n + 99) / 100;
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

static void
swap(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

/*
 * Rearranges v[lo..hi] so that v[k] is the value a sort would put there,
 * with no greater value before it and no smaller one after it (Hoare's
 * selection with a median-of-three pivot).
 */
static void
select_rank(double *v, size_t lo, size_t hi, size_t k)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
		double pivot;

		if (v[mid] < v[lo])
			swap(&v[mid], &v[lo]);
		if (v[hi] < v[lo])
			swap(&v[hi], &v[lo]);
		if (v[hi] < v[mid])
			swap(&v[hi], &v[mid]);
		pivot = v[mid];
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				swap(&v[i], &v[j]);
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

/* The 0-based index of the nearest-rank p-th percentile of n values. */
static size_t
rank_index(size_t n, unsigned p)
{
	size_t rank = ((size_t)p * n + 99) / 100;

	return rank < 1 ? 0 : rank - 1;
}

/* Stores the percentiles of values (reordered in place) in w; the window
 * is slow when its p95 is above p95_limit. */
void
an_latency_fill(struct an_window *w, double *values, size_t n,
    double p95_limit)
{
	size_t i50, i95, i99;

	w->nlatency = n;
	if (n == 0) {
		w->p50 = w->p95 = w->p99 = w->max = NAN;
		w->slow = false;
		return;
	}
	i50 = rank_index(n, 50);
	i95 = rank_index(n, 95);
	i99 = rank_index(n, 99);
	select_rank(values, 0, n - 1, i50);
	select_rank(values, i50, n - 1, i95);
	select_rank(values, i95, n - 1, i99);
	w->p50 = values[i50];
	w->p95 = values[i95];
	w->p99 = values[i99];
	w->max = values[i99];
	for (size_t i = i99; i < n; i++)
		if (values[i] > w->max)
			w->max = values[i];
	w->slow = w->p95 > p95_limit;
}

static size_t
histogram_bin(double ms)
{
	double x;

	if (!(ms > HIST_MIN_MS))
		return 0;
	x = log(ms / HIST_MIN_MS) / log(HIST_GROWTH);
	return x >= HIST_BINS - 1 ? HIST_BINS - 1 : (size_t)x;
}

/* The geometric middle of a bin. */
static double
histogram_value(size_t bin)
{
	return HIST_MIN_MS * pow(HIST_GROWTH, (double)bin + 0.5);
}

static void
histogram_add(struct an_bucket *b, double ms)
{
	b->histogram[histogram_bin(ms)]++;
	b->nhistogram++;
	if (ms > b->histogram_max)
		b->histogram_max = ms;
}

/* Moves a bucket's exact durations into a new histogram. */
static int
switch_to_histogram(struct an_bucket *b)
{
	b->histogram = calloc(HIST_BINS, sizeof(*b->histogram));
	if (b->histogram == NULL)
		return lt_error_errno("cannot allocate a latency histogram");
	b->histogram_max = -INFINITY;
	for (size_t i = 0; i < b->ndurations; i++)
		histogram_add(b, b->durations[i]);
	free(b->durations);
	b->durations = NULL;
	b->ndurations = b->durations_cap = 0;
	return 0;
}

int
an_bucket_add_duration(struct an_bucket *b, double ms)
{
	if (b->histogram == NULL && b->ndurations == AN_EXACT_MAX &&
	    switch_to_histogram(b) == -1)
		return -1;
	if (b->histogram != NULL) {
		histogram_add(b, ms);
		return 0;
	}
	if (b->ndurations == b->durations_cap) {
		size_t cap = b->durations_cap ? b->durations_cap * 2 : 16;
		void *p = realloc(b->durations, cap * sizeof(*b->durations));

		if (p == NULL)
			return lt_error_errno("cannot allocate durations");
		b->durations = p;
		b->durations_cap = cap;
	}
	b->durations[b->ndurations++] = ms;
	return 0;
}

/*
 * Adds the durations of bucket src to bucket dst, exactly while dst can
 * keep them, else into its histogram. Returns 0, or -1 with lt_error()
 * set.
 */
int
an_bucket_merge_latency(struct an_bucket *dst, const struct an_bucket *src)
{
	for (size_t i = 0; i < src->ndurations; i++)
		if (an_bucket_add_duration(dst, src->durations[i]) == -1)
			return -1;
	if (src->histogram == NULL)
		return 0;
	if (dst->histogram == NULL && switch_to_histogram(dst) == -1)
		return -1;
	for (size_t k = 0; k < HIST_BINS; k++)
		dst->histogram[k] += src->histogram[k];
	dst->nhistogram += src->nhistogram;
	dst->histogram_max = fmax(dst->histogram_max, src->histogram_max);
	return 0;
}

/* Sums the window's durations into counts; returns the maximum. */
static double
merge_histograms(const struct an_result *r, const struct an_window *w,
    uint64_t *counts)
{
	double max = -INFINITY;

	for (size_t i = w->first; i < w->first + w->count; i++) {
		const struct an_bucket *b = r->series[i];

		if (b == NULL)
			continue;
		for (size_t k = 0; k < b->ndurations; k++) {
			counts[histogram_bin(b->durations[k])]++;
			max = fmax(max, b->durations[k]);
		}
		if (b->histogram == NULL)
			continue;
		for (size_t k = 0; k < HIST_BINS; k++)
			counts[k] += b->histogram[k];
		max = fmax(max, b->histogram_max);
	}
	return max;
}

/* The value of the 0-based rank in the merged histogram. */
static double
histogram_rank(const uint64_t *counts, size_t rank, double max)
{
	uint64_t seen = 0;

	for (size_t k = 0; k < HIST_BINS; k++) {
		seen += counts[k];
		if (seen > rank)
			return fmin(histogram_value(k), max);
	}
	return max;
}

static int
histogram_latency(const struct an_result *r, struct an_window *w)
{
	uint64_t *counts = calloc(HIST_BINS, sizeof(*counts));
	size_t n = w->nlatency;

	if (counts == NULL)
		return lt_error_errno("cannot allocate a latency histogram");
	w->max = merge_histograms(r, w, counts);
	w->p50 = histogram_rank(counts, rank_index(n, 50), w->max);
	w->p95 = histogram_rank(counts, rank_index(n, 95), w->max);
	w->p99 = histogram_rank(counts, rank_index(n, 99), w->max);
	w->latency_exact = false;
	w->slow = w->p95 > r->opts->p95_ms;
	free(counts);
	return 0;
}

/*
 * Stores the percentiles of the durations in window w: exact when every
 * bucket kept its durations, from the merged histograms otherwise.
 * Returns 0, or -1 with lt_error() set.
 */
int
an_window_latency(const struct an_result *r, struct an_window *w)
{
	double *v;
	size_t n;

	for (size_t i = w->first; i < w->first + w->count; i++)
		if (r->series[i] != NULL && r->series[i]->histogram != NULL)
			return histogram_latency(r, w);
	if (an_window_durations(r, w, &v, &n) == -1)
		return -1;
	an_latency_fill(w, v, n, r->opts->p95_ms);
	w->latency_exact = true;
	free(v);
	return 0;
}
