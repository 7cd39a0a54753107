/*
 * Latency percentiles of a window, computed exactly from every duration
 * in it by the nearest-rank method: the p-th percentile of n sorted
 * values is the value at 1-based rank ceil(p / 100 * n). For the values
 * 1..10 that gives p50 = 5, p95 = 10 and p99 = 10.
 */
#include <math.h>
#include <stdlib.h>

#include "analyze.h"

static int
compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

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

/* Sorts values in place and stores their percentiles in w; the window is
 * slow when its p95 is above p95_limit. */
void
an_latency_fill(struct an_window *w, double *values, size_t n,
    double p95_limit)
{
	w->nlatency = n;
	if (n == 0) {
		w->p50 = w->p95 = w->p99 = w->max = NAN;
		w->slow = false;
		return;
	}
	qsort(values, n, sizeof(*values), compare_doubles);
	w->p50 = an_percentile(values, n, 50);
	w->p95 = an_percentile(values, n, 95);
	w->p99 = an_percentile(values, n, 99);
	w->max = values[n - 1];
	w->slow = w->p95 > p95_limit;
}
