/*
 * Severity of a window and multi-window, multi-burn-rate alerting.
 *
 * Severity, for a window with at least --min-requests requests:
 *   SEV-1  every request failed
 *   SEV-2  error rate above --threshold percent
 *   SEV-3  error rate above --warn-threshold percent
 * A window with fewer requests is never flagged.
 *
 * Burn rate (with --slo P): the error budget is 1 - P/100, and a window's
 * burn rate is its error rate divided by the budget. The rules are those
 * of the Google SRE Workbook, chapter "Alerting on SLOs": a pair of a
 * long and a short window fires when the burn rate of both is above the
 * rule's factor. They are evaluated at the end of every bucket whose
 * long window lies wholly in the data read: from --since (else from the
 * first bucket) on. Earlier, the long window would reach back to a time
 * without data and rate only the few buckets at the start of the input.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "error.h"
#include "record.h"

#define HOUR_MS (60 * AN_MINUTE_MS)

const struct an_rule an_rules[] = {
	{ "page",   1 * HOUR_MS,  5 * AN_MINUTE_MS, 14.4 },
	{ "page",   6 * HOUR_MS, 30 * AN_MINUTE_MS, 6.0 },
	{ "ticket", 72 * HOUR_MS, 6 * HOUR_MS,      1.0 },
};
const size_t an_nrules = sizeof(an_rules) / sizeof(an_rules[0]);

enum an_severity
an_classify(const struct an_options *opts, uint64_t requests,
    uint64_t errors)
{
	double percent;

	if (requests == 0 || requests < opts->min_requests)
		return AN_SEV_NONE;
	if (errors == requests)
		return AN_SEV_1;
	percent = 100.0 * (double)errors / (double)requests;
	if (percent > opts->threshold)
		return AN_SEV_2;
	if (percent > opts->warn_threshold)
		return AN_SEV_3;
	return AN_SEV_NONE;
}

const char *
an_severity_name(enum an_severity sev)
{
	switch (sev) {
	case AN_SEV_1:
		return "SEV-1";
	case AN_SEV_2:
		return "SEV-2";
	case AN_SEV_3:
		return "SEV-3";
	default:
		return "ok";
	}
}

/* Prefix sums of the basis counts: sum[i] covers series[0..i). */
struct prefix {
	uint64_t	*requests;
	uint64_t	*errors;
};

static int
build_prefix(const struct an_result *r, struct prefix *p)
{
	bool entries = r->basis == AN_BASIS_ENTRIES;

	p->requests = calloc(r->nseries + 1, sizeof(uint64_t));
	p->errors = calloc(r->nseries + 1, sizeof(uint64_t));
	if (p->requests == NULL || p->errors == NULL)
		return lt_error_errno("cannot allocate burn-rate sums");
	for (size_t i = 0; i < r->nseries; i++) {
		const struct an_bucket *b = r->series[i];
		uint64_t n = 0, e = 0;

		if (b != NULL) {
			n = entries ? b->entries : b->requests;
			e = entries ? b->err_entries : b->errors;
		}
		p->requests[i + 1] = p->requests[i] + n;
		p->errors[i + 1] = p->errors[i] + e;
	}
	return 0;
}

/* Burn rate of the buckets [end - len, end), clipped at 0; -1 when the
 * range has no requests. */
static double
burn_rate(const struct prefix *p, size_t end, size_t len, double budget)
{
	size_t begin = end > len ? end - len : 0;
	uint64_t n = p->requests[end] - p->requests[begin];
	uint64_t e = p->errors[end] - p->errors[begin];

	if (n == 0)
		return -1;
	return (double)e / (double)n / budget;
}

static int
add_firing(struct an_result *r, const struct an_rule *rule, int64_t t,
    double lrate, double srate)
{
	struct an_firing *f = r->nfirings ? &r->firings[r->nfirings - 1] :
	    NULL;
	int64_t base = r->opts->base_ms;

	if (f != NULL && f->rule == rule && f->end == t - base) {
		f->end = t;
		if (lrate > f->peak_long)
			f->peak_long = lrate;
		if (srate > f->peak_short)
			f->peak_short = srate;
		return 0;
	}
	f = realloc(r->firings, (r->nfirings + 1) * sizeof(*f));
	if (f == NULL)
		return lt_error_errno("cannot allocate alerts");
	r->firings = f;
	f = &r->firings[r->nfirings++];
	f->rule = rule;
	f->start = f->end = t;
	f->peak_long = lrate;
	f->peak_short = srate;
	return 0;
}

/*
 * True when rule is evaluated at least once, with *first set to the end
 * of the first bucket at which its long window lies in the data read.
 */
bool
an_rule_evaluated(const struct an_result *r, const struct an_rule *rule,
    int64_t *first)
{
	int64_t base = r->opts->base_ms;
	int64_t t = r->burn_from + rule->long_ms;

	*first = an_floor_div(t + base - 1, base) * base;
	return r->nseries > 0 && *first <= r->burn_to;
}

static int
evaluate_rule(struct an_result *r, const struct prefix *p,
    const struct an_rule *rule, double budget)
{
	int64_t base = r->opts->base_ms;
	size_t llen = (size_t)(rule->long_ms / base);
	size_t slen = (size_t)(rule->short_ms / base);
	int64_t first, from;

	if (!an_rule_evaluated(r, rule, &first))
		return 0;
	from = first / base - r->first_index;
	for (size_t i = from > 1 ? (size_t)from : 1; i <= r->nseries; i++) {
		double lrate = burn_rate(p, i, llen, budget);
		double srate = burn_rate(p, i, slen, budget);
		int64_t t = (r->first_index + (int64_t)i) * base;

		if (lrate > rule->factor && srate > rule->factor &&
		    add_firing(r, rule, t, lrate, srate) == -1)
			return -1;
	}
	return 0;
}

/*
 * Evaluates every burn-rate rule over the series and records the spans
 * in which each fired. Returns 0, or -1 with lt_error() set.
 */
int
an_burn_evaluate(struct an_result *r)
{
	struct prefix p = { NULL, NULL };
	double budget = 1.0 - r->opts->slo / 100.0;
	int rc = 0;

	if (r->nseries == 0)
		return 0;
	r->burn_from = r->first_index * r->opts->base_ms;
	if (r->opts->since != LT_TS_NONE && r->opts->since < r->burn_from)
		r->burn_from = r->opts->since;
	r->burn_to = (r->first_index + (int64_t)r->nseries) *
	    r->opts->base_ms;
	if (build_prefix(r, &p) == 0) {
		for (size_t i = 0; i < an_nrules && rc == 0; i++)
			rc = evaluate_rule(r, &p, &an_rules[i], budget);
	} else
		rc = -1;
	free(p.requests);
	free(p.errors);
	return rc;
}
