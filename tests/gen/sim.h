/*
 * The simulation's shared state: tasks (a request, a background job, a
 * start-up) and the heap of their scheduled log lines.
 */
#ifndef AURA_LOGGEN_SIM_H
#define AURA_LOGGEN_SIM_H

#include "content.h"
#include "gen.h"

#define NPROJECTS	96
#define NO_TASK		UINT32_MAX

enum task_kind {
	TASK_REQUEST,
	TASK_HEALTH,
	TASK_RENDER,
	TASK_THUMBS,
	TASK_SYSTEM,
};

enum step {
	STEP_DOMAIN,		/* an INF line the action logs */
	STEP_SLOW_QUERY,
	STEP_AUDIT,
	STEP_COMPLETE,		/* completion line and its copies */
	STEP_UNHANDLED,
	STEP_JOB_START,
	STEP_JOB_RETRY,
	STEP_JOB_END,
	STEP_CLEANUP,
	STEP_SHUTDOWN,
	STEP_STARTUP,		/* + index of the start-up line */
};

/* Completion line shapes (see request.h in the core library). */
enum shape {
	SHAPE_AURA,		/* "Request completed: GET /p - 200 in 4.1ms" */
	SHAPE_SERILOG,		/* "HTTP GET /p responded 200 in 4.1234 ms" */
	SHAPE_RESPONSE,		/* "Response: GET /p 200 in 4ms" */
	SHAPE_FAILED,		/* "Request failed: GET /p after 4ms" */
};

struct task {
	enum task_kind	 kind;
	int		 pending;	/* heap items not yet written */
	uint32_t	 next_free;
	const struct endpoint *ep;
	const struct cause *cause;
	enum shape	 shape;
	bool		 dup;
	bool		 failed;
	int		 status;
	int64_t		 start;
	double		 ms;
	const char	*user;
	const char	*project;
	const char	*preset;	/* render preset */
	int		 asset;		/* asset id of thumbnails */
	char		 path[PATH_TEXT];
	char		 corr[37];
	char		 trace[33];
	char		 span[17];
	char		 job[37];	/* render job or upload id */
};

struct item {
	int64_t		us;
	uint64_t	seq;		/* ties keep scheduling order */
	uint32_t	task;
	uint32_t	step;
};

struct gen {
	const struct gen_opts *o;
	struct sink	*sink;
	struct gen_stats *stats;
	struct rng	 rng;
	struct task	*tasks;
	uint32_t	 ntasks;
	uint32_t	 free_head;
	struct item	*heap;
	size_t		 nheap;
	size_t		 heap_cap;
	uint64_t	 seq;
	struct text	 out;
	int64_t		 end;
	bool		 stop;
	bool		 error;
	char		 exception[EXCEPTION_TEXT];
	char		 projects[NPROJECTS][37];
};

/* sim.c */
void	event_init(struct event *e, int64_t us, enum level level,
	    const char *tmpl, const struct task *t);
void	event_add(struct event *e, const char *name, const char *value,
	    bool number);
/* Adds the enrichers' properties, renders the event and writes it to the
 * families in mask. */
void	emit(struct gen *g, struct event *e, const char *source,
	    unsigned mask);
unsigned level_families(enum level level);
void	heap_push(struct gen *g, int64_t us, uint32_t task, uint32_t step);
uint32_t task_new(struct gen *g, enum task_kind kind);
bool	in_incident(const struct gen *g, int64_t us, double *percent);
void	format_fixed(char *out, size_t cap, double v, int decimals,
	    bool trim);
void	format_int(char *out, size_t cap, long long v);

/* lines.c */
void	write_step(struct gen *g, uint32_t task, uint32_t step, int64_t us);
void	start_request(struct gen *g, int64_t us);
void	start_health_probes(struct gen *g, int64_t us);
void	start_cleanup(struct gen *g, int64_t us);
/* How the API starts: the first start, a restart after a graceful
 * shutdown, or a restart after a crash that logs an FTL event. */
enum start_kind {
	START_FIRST,
	START_RESTART,
	START_CRASH,
};

void	start_startup(struct gen *g, int64_t us, enum start_kind kind);

#endif
