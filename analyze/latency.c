/*
 * Latency percentiles of a window by the nearest-rank method: the p-th
 * percentile of n sorted values is the value at 1-based rank
 * ceil(p / 100 * n). For the values 1..10 that gives p50 = 5, p95 = 10
 * and p99 = 10. A window's values are not sorted: quickselect places
 * each rank in O(n) on average.
 *
 * A window's durations are read back from the spool (spool.c). When there
 * are at most buffer_size / AN_EXACT_SHARE of them, quickselect finds the
 * exact percentiles. Above that, they come from a histogram of HIST_BINS
 * logarithmic bins, each 1% wider than the one before, from 0.01 ms up to
 * about 2 hours. Each percentile is then the middle of the bin that
 * contains its rank. That is within 0.5% of the exact value for
 * durations from 0.01 ms to the last bin, and never above the window's
 * maximum, which stays exact. The histogram
 * slides with the windows: a bucket's durations are counted in when the
 * first window that needs them covers it and counted out when the
 * windows move past it, so each duration is read twice however much the
 * windows overlap.
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

struct slide {
	uint64_t	*counts;
	int64_t		 sign;		/* +1 to count in, -1 to count out */
};

static void
count_values(void *ctx, const double *values, size_t n)
{
	struct slide *h = ctx;

	for (size_t i = 0; i < n; i++)
		h->counts[histogram_bin(values[i])] += (uint64_t)h->sign;
}

/* Counts the durations of the series' buckets [from, to) in or out. */
static int
slide(struct an_result *r, size_t from, size_t to, int64_t sign)
{
	struct slide h = { r->hist, sign };

	for (size_t i = from; i < to; i++)
		if (r->series[i] != NULL && an_spool_read(&r->data->spool,
		    r->series[i], count_values, &h) == -1)
			return -1;
	return 0;
}

/* Makes r->hist count the durations of the buckets [lo, hi). */
static int
move_histogram(struct an_result *r, size_t lo, size_t hi)
{
	if (r->hist == NULL &&
	    (r->hist = calloc(HIST_BINS, sizeof(*r->hist))) == NULL)
		return lt_error_errno("cannot allocate a latency histogram");
	/* Windows come in time order, so the range only moves forward;
	 * one that does not overlap the last starts empty. */
	if (lo < r->hist_lo || lo >= r->hist_hi) {
		memset(r->hist, 0, HIST_BINS * sizeof(*r->hist));
		r->hist_lo = r->hist_hi = lo;
	}
	if (slide(r, r->hist_lo, lo, -1) == -1)
		return -1;
	r->hist_lo = lo;
	if (hi > r->hist_hi) {
		if (slide(r, r->hist_hi, hi, 1) == -1)
			return -1;
		r->hist_hi = hi;
	}
	return 0;
}

/* The value of the 0-based rank in the histogram, at most max. */
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
histogram_latency(struct an_result *r, struct an_window *w)
{
	size_t n = w->nlatency;

	if (move_histogram(r, w->first, w->first + w->count) == -1)
		return -1;
	w->max = 0;
	for (size_t i = w->first; i < w->first + w->count; i++)
		if (r->series[i] != NULL &&
		    r->series[i]->max_duration > w->max)
			w->max = r->series[i]->max_duration;
	w->p50 = histogram_rank(r->hist, rank_index(n, 50), w->max);
	w->p95 = histogram_rank(r->hist, rank_index(n, 95), w->max);
	w->p99 = histogram_rank(r->hist, rank_index(n, 99), w->max);
	w->latency_exact = false;
	w->slow = w->p95 > r->opts->p95_ms;
	return 0;
}

struct gather {
	double		*values;
	size_t		 len, cap;
};

static void
gather_values(void *ctx, const double *values, size_t n)
{
	struct gather *g = ctx;

	if (n > g->cap - g->len)	/* more than the buckets counted */
		n = g->cap - g->len;
	memcpy(g->values + g->len, values, n * sizeof(*values));
	g->len += n;
}

/*
 * Stores the percentiles of the durations in window w: exact when the
 * window has at most buffer_size / AN_EXACT_SHARE of them, from the
 * sliding histogram otherwise. Windows must come in time order. Returns
 * 0, or -1 with lt_error() set.
 */
int
an_window_latency(struct an_result *r, struct an_window *w)
{
	struct gather g = { NULL, 0, w->nlatency };
	int rc = 0;

	w->latency_exact = true;
	if (w->nlatency > r->opts->buffer_size / AN_EXACT_SHARE)
		return histogram_latency(r, w);
	if (w->nlatency > 0 &&
	    (g.values = malloc(w->nlatency * sizeof(*g.values))) == NULL)
		return lt_error_errno("cannot allocate durations");
	for (size_t i = w->first; i < w->first + w->count && rc == 0; i++)
		if (r->series[i] != NULL)
			rc = an_spool_read(&r->data->spool, r->series[i],
			    gather_values, &g);
	if (rc == 0)
		an_latency_fill(w, g.values, g.len, r->opts->p95_ms);
	free(g.values);
	return rc;
}
