/*
 * JSON Lines output: one object per window, then one summary object.
 *
 * Window: {"type":"window","start","end","requests","errors",
 *   "error_rate" (fraction, null without requests),"severity",
 *   "p50_ms","p95_ms","p99_ms","max_ms" (null without durations),
 *   "latency_exact" (false when read from histograms),"slow",
 *   and for windows at SEV-2 or worse "top_endpoints":[{"endpoint",
 *   "failed"}] and "top_exceptions":[{"type","count"}]}.
 * Summary: {"type":"summary","basis", the settings, the totals,
 *   "excluded_patterns":[...],"errors_only","burn_rate":[{"rule","long",
 *   "short","factor","start","end","peak_long","peak_short"}]}, and with
 *   --slo "burn_rate_rules":[{"rule","long","short","factor",
 *   "evaluated_from" (null when the input is shorter than "long")}].
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>

#include "analyze.h"

static json_t *
time_value(int64_t ms)
{
	char text[32];

	an_format_time(ms, text);
	return json_string(text);
}

static json_t *
number_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static json_t *
top_array(const struct an_result *r, const struct an_window *w,
    bool exceptions)
{
	struct an_tally top = { NULL, 0, 0 };
	json_t *a = json_array();

	if (an_window_top(r, w, exceptions, &top) == 0) {
		for (size_t i = 0; i < top.len && i < AN_TOP; i++)
			json_array_append_new(a, json_pack("{s:s,s:I}",
			    exceptions ? "type" : "endpoint",
			    r->data->strings.text[top.items[i].id],
			    exceptions ? "count" : "failed",
			    (json_int_t)top.items[i].count));
	}
	an_tally_free(&top);
	return a;
}

static json_t *
window_object(const struct an_result *r, const struct an_window *w)
{
	json_t *o = json_object();

	json_object_set_new(o, "type", json_string("window"));
	json_object_set_new(o, "start", time_value(w->start));
	json_object_set_new(o, "end", time_value(w->end));
	json_object_set_new(o, "requests", json_integer(
	    (json_int_t)w->requests));
	json_object_set_new(o, "errors", json_integer((json_int_t)w->errors));
	json_object_set_new(o, "error_rate", number_or_null(w->rate));
	json_object_set_new(o, "severity", json_string(
	    an_severity_name(w->severity)));
	json_object_set_new(o, "p50_ms", number_or_null(w->p50));
	json_object_set_new(o, "p95_ms", number_or_null(w->p95));
	json_object_set_new(o, "p99_ms", number_or_null(w->p99));
	json_object_set_new(o, "max_ms", number_or_null(w->max));
	json_object_set_new(o, "latency_exact", json_boolean(w->latency_exact));
	json_object_set_new(o, "slow", json_boolean(w->slow));
	if (w->severity >= AN_SEV_2) {
		json_object_set_new(o, "top_endpoints", top_array(r, w, false));
		json_object_set_new(o, "top_exceptions", top_array(r, w, true));
	}
	return o;
}

static json_t *
firings_array(const struct an_result *r)
{
	json_t *a = json_array();
	char lw[32], sw[32];

	for (size_t i = 0; i < r->nfirings; i++) {
		const struct an_firing *f = &r->firings[i];

		an_format_duration(f->rule->long_ms, lw);
		an_format_duration(f->rule->short_ms, sw);
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:f,s:o,s:o,"
		    "s:f,s:f}", "rule", f->rule->name, "long", lw, "short", sw,
		    "factor", f->rule->factor, "start", time_value(f->start),
		    "end", time_value(f->end), "peak_long", f->peak_long,
		    "peak_short", f->peak_short));
	}
	return a;
}

/* Each rule with the first time it was evaluated, null when the input
 * is shorter than its long window. */
static json_t *
rules_array(const struct an_result *r)
{
	json_t *a = json_array();
	char lw[32], sw[32];
	int64_t t;

	for (size_t i = 0; i < an_nrules; i++) {
		const struct an_rule *rule = &an_rules[i];
		json_t *from = an_rule_evaluated(r, rule, &t) ?
		    time_value(t) : json_null();

		an_format_duration(rule->long_ms, lw);
		an_format_duration(rule->short_ms, sw);
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:f,s:o}",
		    "rule", rule->name, "long", lw, "short", sw,
		    "factor", rule->factor, "evaluated_from", from));
	}
	return a;
}

static json_t *
excludes_array(const struct an_options *o)
{
	json_t *a = json_array();

	for (size_t i = 0; i < o->nexcludes; i++)
		json_array_append_new(a, json_string(o->excludes[i]));
	for (size_t i = 0; !o->include_health && an_health_globs[i]; i++)
		json_array_append_new(a, json_string(an_health_globs[i]));
	return a;
}

static json_t *
summary_object(const struct an_result *r)
{
	const struct an_options *o = r->opts;
	const struct an_data *d = r->data;
	json_t *s = json_pack("{s:s,s:s,s:I,s:I,s:f,s:f,s:I,s:f}",
	    "type", "summary", "basis", an_basis_name(r->basis),
	    "window_ms", (json_int_t)o->window_ms,
	    "step_ms", (json_int_t)o->step_ms,
	    "threshold", o->threshold, "warn_threshold", o->warn_threshold,
	    "min_requests", (json_int_t)o->min_requests, "p95_ms", o->p95_ms);

	json_object_set_new(s, "bucket_ms", json_integer(
	    (json_int_t)o->base_ms));
	json_object_set_new(s, "slo", o->slo > 0 ? json_real(o->slo) :
	    json_null());
	json_object_set_new(s, "windows", json_integer(
	    (json_int_t)r->nwindows));
	json_object_set_new(s, "flagged", json_integer((json_int_t)r->flagged));
	json_object_set_new(s, "warned", json_integer((json_int_t)r->warned));
	json_object_set_new(s, "slow", json_integer((json_int_t)r->slow));
	json_object_set_new(s, "requests", json_integer(
	    (json_int_t)d->requests));
	json_object_set_new(s, "errors", json_integer((json_int_t)d->errors));
	json_object_set_new(s, "entries", json_integer((json_int_t)d->entries));
	json_object_set_new(s, "error_entries", json_integer(
	    (json_int_t)d->err_entries));
	json_object_set_new(s, "duplicates", json_integer(
	    (json_int_t)d->duplicates));
	json_object_set_new(s, "excluded", json_integer(
	    (json_int_t)d->excluded));
	json_object_set_new(s, "excluded_patterns", excludes_array(o));
	json_object_set_new(s, "errors_only", json_boolean(r->errors_only));
	json_object_set_new(s, "burn_rate", firings_array(r));
	if (o->slo > 0)
		json_object_set_new(s, "burn_rate_rules", rules_array(r));
	return s;
}

static int
dump_line(FILE *out, json_t *o)
{
	int rc = json_dumpf(o, out, JSON_COMPACT | JSON_REAL_PRECISION(10));

	json_decref(o);
	fputc('\n', out);
	return rc;
}

int
an_output_json(FILE *out, const struct an_result *r)
{
	for (size_t i = 0; i < r->nwindows; i++)
		if (dump_line(out, window_object(r, &r->windows[i])) == -1)
			return -1;
	if (dump_line(out, summary_object(r)) == -1)
		return -1;
	return ferror(out) ? -1 : 0;
}
