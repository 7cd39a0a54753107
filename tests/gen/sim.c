/*
 * The simulation. Requests arrive as a Poisson process whose rate follows
 * a daily curve. Each request, background job and start-up is a task, and
 * its log lines are items in a min-heap ordered by time, so that the lines
 * of overlapping requests come out in time order.
 *
 * The API starts at the first local midnight and restarts every day at
 * about 04:00 local time: on the second day, the fourth and every other
 * one after a crash that logs an FTL event, on the others after a graceful
 * shutdown. Health probes come every second for the first minute after a
 * start-up, then every 30 seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define OUT_TEXT	(256 * 1024)
#define CLEANUP_EVERY	(15 * US_PER_MIN)
#define RESTART_GAP	(4 * US_PER_SEC)
#define RESTART_HOUR	4
#define FAST_PROBES	(60 * US_PER_SEC)

/* Relative request rate by local hour: quiet nights, busy afternoons. */
static const double hourly_rate[24] = {
	0.25, 0.18, 0.14, 0.12, 0.12, 0.18, 0.35, 0.60,
	0.95, 1.25, 1.40, 1.45, 1.30, 1.45, 1.70, 1.80,
	1.75, 1.50, 1.20, 1.00, 0.85, 0.70, 0.50, 0.35,
};

/* Formats v with `decimals` digits; with trim, drops a ".0" ending as .NET
 * does when it prints a double. */
void
format_fixed(char *out, size_t cap, double v, int decimals, bool trim)
{
	size_t n;

	snprintf(out, cap, "%.*f", decimals, v);
	n = strlen(out);
	if (trim && decimals == 1 && n > 2 && strcmp(out + n - 2, ".0") == 0)
		out[n - 2] = '\0';
}

void
format_int(char *out, size_t cap, long long v)
{
	snprintf(out, cap, "%lld", v);
}

void
event_init(struct event *e, int64_t us, enum level level, const char *tmpl,
    const struct task *t)
{
	e->us = us;
	e->level = level;
	e->tmpl = tmpl;
	e->nprops = 0;
	e->corr = t->corr;
	e->trace = t->trace;
	e->span = t->span;
	e->exception = NULL;
}

void
event_add(struct event *e, const char *name, const char *value, bool number)
{
	if (e->nprops == EVENT_PROPS)
		abort();
	e->props[e->nprops].name = name;
	e->props[e->nprops].value = value;
	e->props[e->nprops].number = number;
	e->nprops++;
}

unsigned
level_families(enum level level)
{
	unsigned mask = 1u << FAM_API;

	if (level >= LVL_WRN)
		mask |= 1u << FAM_WARNINGS;
	if (level >= LVL_ERR)
		mask |= 1u << FAM_ERRORS;
	return mask;
}

void
emit(struct gen *g, struct event *e, const char *source, unsigned mask)
{
	if (g->stop)
		return;
	event_add(e, "SourceContext", source, false);
	event_add(e, "MachineName", "AURA-STUDIO-01", false);
	event_add(e, "EnvironmentName", "Production", false);
	g->out.len = 0;
	render_event(&g->o->render, e, &g->out);
	if (sink_write(g->sink, e->us, mask, g->out.data, g->out.len) < 0) {
		g->error = true;
		g->stop = true;
		return;
	}
	if (mask & (1u << FAM_API))
		g->stats->events++;
	if (g->o->size > 0 && sink_total_bytes(g->sink) >= g->o->size)
		g->stop = true;
}

void
heap_push(struct gen *g, int64_t us, uint32_t task, uint32_t step)
{
	struct item it = { us, g->seq++, task, step };
	size_t i, parent;

	if (g->nheap == g->heap_cap) {
		size_t cap = g->heap_cap ? g->heap_cap * 2 : 1024;
		struct item *h = realloc(g->heap, cap * sizeof(*h));

		if (h == NULL) {
			gen_error("out of memory");
			exit(1);
		}
		g->heap = h;
		g->heap_cap = cap;
	}
	i = g->nheap++;
	while (i > 0) {
		parent = (i - 1) / 2;
		if (g->heap[parent].us < us || (g->heap[parent].us == us &&
		    g->heap[parent].seq < it.seq))
			break;
		g->heap[i] = g->heap[parent];
		i = parent;
	}
	g->heap[i] = it;
	g->tasks[task].pending++;
}

static bool
item_before(const struct item *a, const struct item *b)
{
	return a->us < b->us || (a->us == b->us && a->seq < b->seq);
}

static struct item
heap_pop(struct gen *g)
{
	struct item top = g->heap[0], last = g->heap[--g->nheap];
	size_t i = 0, child;

	for (;;) {
		child = 2 * i + 1;
		if (child >= g->nheap)
			break;
		if (child + 1 < g->nheap &&
		    item_before(&g->heap[child + 1], &g->heap[child]))
			child++;
		if (!item_before(&g->heap[child], &last))
			break;
		g->heap[i] = g->heap[child];
		i = child;
	}
	if (g->nheap > 0)
		g->heap[i] = last;
	return top;
}

/* Returns a zeroed task with new ids; its index stays valid until all
 * of its items have been written. */
uint32_t
task_new(struct gen *g, enum task_kind kind)
{
	uint32_t i;
	struct task *t;

	if (g->free_head == NO_TASK) {
		uint32_t n = g->ntasks ? g->ntasks * 2 : 256;
		struct task *grown = realloc(g->tasks, n * sizeof(*grown));

		if (grown == NULL) {
			gen_error("out of memory");
			exit(1);
		}
		g->tasks = grown;
		for (i = g->ntasks; i < n; i++)
			g->tasks[i].next_free = i + 1 < n ? i + 1 : NO_TASK;
		g->free_head = g->ntasks;
		g->ntasks = n;
	}
	i = g->free_head;
	t = &g->tasks[i];
	g->free_head = t->next_free;
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	rng_guid(&g->rng, t->corr);
	rng_hex(&g->rng, t->trace, 32);
	rng_hex(&g->rng, t->span, 16);
	return i;
}

static void
task_release(struct gen *g, uint32_t i)
{
	if (--g->tasks[i].pending > 0)
		return;
	g->tasks[i].next_free = g->free_head;
	g->free_head = i;
}

bool
in_incident(const struct gen *g, int64_t us, double *percent)
{
	int i;

	for (i = 0; i < g->o->nincidents; i++) {
		const struct incident *inc = &g->o->incidents[i];

		if (us >= inc->start && us < inc->start + inc->duration) {
			*percent = inc->percent;
			return true;
		}
	}
	return false;
}

/* Requests per microsecond at time us. */
static double
rate_at(const struct gen *g, int64_t us)
{
	int64_t local = us + g->o->render.offset_min * US_PER_MIN;
	int64_t in_day = local % US_PER_DAY;
	double hours, frac, sum = 0, curve;
	int h, i;

	if (in_day < 0)
		in_day += US_PER_DAY;
	for (i = 0; i < 24; i++)
		sum += hourly_rate[i];
	hours = (double)in_day / US_PER_HOUR;
	h = (int)hours;
	frac = hours - h;
	curve = hourly_rate[h] * (1 - frac) + hourly_rate[(h + 1) % 24] * frac;
	return g->o->rate * curve * 24 / sum / US_PER_MIN;
}


/* Writes every scheduled line up to and including time until. */
static void
drain(struct gen *g, int64_t until)
{
	struct item it;

	while (g->nheap > 0 && g->heap[0].us <= until && !g->stop) {
		it = heap_pop(g);
		write_step(g, it.task, it.step, it.us);
		task_release(g, it.task);
	}
}

/* The times of the next thing of each kind that starts new tasks. */
struct timers {
	int64_t	arrival;
	int64_t	probe;
	int64_t	fast_until;	/* probes every second until then */
	int64_t	cleanup;
	int64_t	restart;
	int64_t	up;		/* no requests before this start-up */
	int	restart_day;
};

/* Each draw from the generator is a statement of its own, because C
 * leaves the order in which operands are evaluated to the compiler. */
static int64_t
next_restart(struct gen *g, struct timers *tm)
{
	int64_t seconds, micros;

	tm->restart_day++;
	seconds = (int64_t)rng_below(&g->rng, 180);
	micros = (int64_t)rng_below(&g->rng, US_PER_SEC);
	return g->o->start + tm->restart_day * US_PER_DAY +
	    RESTART_HOUR * US_PER_HOUR + seconds * US_PER_SEC + micros;
}

static void
set_up(struct timers *tm, int64_t up)
{
	tm->up = up;
	tm->probe = up + US_PER_SEC;
	tm->fast_until = up + FAST_PROBES;
}

static int64_t
earliest(const struct timers *tm)
{
	int64_t t = tm->arrival;

	if (tm->probe < t)
		t = tm->probe;
	if (tm->cleanup < t)
		t = tm->cleanup;
	if (tm->restart < t)
		t = tm->restart;
	return t;
}

/* Starts whatever is due at time t and moves its timer on. */
static void
start_due(struct gen *g, struct timers *tm, int64_t t)
{
	if (t == tm->restart) {
		start_startup(g, t, tm->restart_day % 2 == 1 ? START_CRASH :
		    START_RESTART);
		set_up(tm, t + RESTART_GAP);
		tm->restart = next_restart(g, tm);
	} else if (t == tm->probe) {
		start_health_probes(g, t);
		tm->probe += t < tm->fast_until ? US_PER_SEC : 30 * US_PER_SEC;
	} else if (t == tm->cleanup) {
		start_cleanup(g, t);
		tm->cleanup += CLEANUP_EVERY;
	} else {
		if (t >= tm->up)
			start_request(g, t);
		tm->arrival = t + 1 + (int64_t)rng_exponential(&g->rng,
		    1 / rate_at(g, t));
	}
}

static int
gen_init(struct gen *g, const struct gen_opts *o, struct sink *sink,
    struct gen_stats *stats)
{
	int i;

	memset(g, 0, sizeof(*g));
	g->o = o;
	g->sink = sink;
	g->stats = stats;
	g->free_head = NO_TASK;
	rng_seed(&g->rng, o->seed);
	for (i = 0; i < NPROJECTS; i++)
		rng_guid(&g->rng, g->projects[i]);
	g->out.cap = OUT_TEXT;
	if ((g->out.data = malloc(OUT_TEXT)) == NULL) {
		gen_error("out of memory");
		return -1;
	}
	return 0;
}

int
generate(const struct gen_opts *o, struct sink *sink,
    struct gen_stats *stats)
{
	struct gen g;
	struct timers tm;
	int64_t end, t;

	memset(stats, 0, sizeof(*stats));
	if (gen_init(&g, o, sink, stats) < 0)
		return -1;
	end = o->size > 0 ? INT64_MAX : o->start + o->days * US_PER_DAY;
	memset(&tm, 0, sizeof(tm));
	start_startup(&g, o->start, START_FIRST);
	set_up(&tm, o->start);
	tm.cleanup = o->start + CLEANUP_EVERY - 17 * US_PER_SEC;
	tm.restart = next_restart(&g, &tm);
	tm.arrival = o->start + (int64_t)rng_exponential(&g.rng,
	    1 / rate_at(&g, o->start));
	while (!g.stop && (t = earliest(&tm)) < end) {
		drain(&g, t);
		if (!g.stop)
			start_due(&g, &tm, t);
	}
	if (!g.stop)
		drain(&g, end - 1);
	free(g.out.data);
	free(g.heap);
	free(g.tasks);
	return g.error ? -1 : 0;
}
