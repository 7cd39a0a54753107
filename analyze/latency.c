/*
 * Latency percentiles of a window, computed exactly from every duration
 * in it by the nearest-rank method: the p-th percentile of n sorted
 * values is the value at 1-based rank ceil(p / 100 * n). For the values
 * 1..10 that gives p50 = 5, p95 = 10 and p99 = 10. A window's values are
 * not sorted: quickselect places each rank in O(n) on average.
 */
#include <math.h>
#include <stdlib.h>

#include "analyze.h"

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
