/*
 * aura-loggen: a deterministic generator of the log folders that Aura Video
 * Studio's ASP.NET API writes with Serilog.
 *
 * Modules:
 *   rng.c          xoshiro256** and distributions
 *   render.c       one event in one output template
 *   sink.c         log families, daily and size rolls, buffered writes and
 *                  the ground-truth file
 *   sim.c          the clock, the task heap and the arrival of requests
 *   lines.c        what each task logs
 *   content.c      endpoints, exceptions and stack traces
 *   aura-loggen.c  the command line
 *
 * Times are microseconds since the epoch, UTC, in an int64_t. Nothing here
 * reads the clock or calls rand(3) or setlocale(3), so numbers print in the
 * C locale and the same options give the same bytes on every machine.
 */
#ifndef AURA_LOGGEN_H
#define AURA_LOGGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Clang would fuse a * b + c into one multiply-add where the target has
 * one, which rounds differently; GCC does not in C11 mode and rejects the
 * pragma. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define US_PER_MS	1000LL
#define US_PER_SEC	1000000LL
#define US_PER_MIN	(60 * US_PER_SEC)
#define US_PER_HOUR	(60 * US_PER_MIN)
#define US_PER_DAY	(24 * US_PER_HOUR)

#define MAX_INCIDENTS	16

/* xoshiro256** state. */
struct rng {
	uint64_t	s[4];
};

void	rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, 1). */
double	rng_unit(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
bool	rng_chance(struct rng *r, double p);
double	rng_normal(struct rng *r);
/* Log-normal with the given median and shape (sigma of the log). */
double	rng_lognormal(struct rng *r, double median, double sigma);
double	rng_exponential(struct rng *r, double mean);
/* Writes a lowercase GUID (36 chars), or n hex digits, and a NUL. */
void	rng_guid(struct rng *r, char out[37]);
void	rng_hex(struct rng *r, char *out, int n);

/* Serilog levels, in order. */
enum level {
	LVL_VRB,
	LVL_DBG,
	LVL_INF,
	LVL_WRN,
	LVL_ERR,
	LVL_FTL,
};

/* Output templates (see render.c for their exact text). */
enum template {
	TPL_TRACE,
	TPL_BRACKETED,
	TPL_DEFAULT,
	TPL_JSON,
	TPL_CLEF,
};

/* A property value; a number is stored as its JSON literal. */
struct prop {
	const char	*name;
	const char	*value;
	bool		 number;
};

#define EVENT_PROPS	12

/*
 * One log event. The message template's holes ({Name} or {Name:format})
 * are filled from props; the props that no hole names are the event's
 * extra properties (the {Properties:j} object of the text templates).
 */
struct event {
	int64_t		 us;		/* UTC */
	enum level	 level;
	const char	*tmpl;
	struct prop	 props[EVENT_PROPS];
	int		 nprops;
	const char	*corr;		/* CorrelationId GUID, or NULL */
	const char	*trace;		/* 32 hex digits, or NULL */
	const char	*span;		/* 16 hex digits, or NULL */
	const char	*exception;	/* lines joined by '\n', or NULL */
};

/* A fixed-capacity output buffer; overflowing it is a program bug. */
struct text {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	text_put(struct text *t, const char *s, size_t n);
void	text_puts(struct text *t, const char *s);
void	text_putc(struct text *t, char c);
/* Decimal with at least width digits, zero-padded. */
void	text_putnum(struct text *t, uint64_t v, int width);

struct render_opts {
	enum template	 tpl;
	const char	*newline;	/* "\n" or "\r\n" */
	int		 offset_min;	/* writer's UTC offset, east */
};

/* Appends the event's complete record, line ends included. */
void	render_event(const struct render_opts *o, const struct event *e,
	    struct text *out);

/* Log families; an event goes to the families whose bit it carries. */
enum family {
	FAM_API,
	FAM_ERRORS,
	FAM_WARNINGS,
	FAM_PERFORMANCE,
	FAM_AUDIT,
	FAM_COUNT,
};

extern const char *const family_names[FAM_COUNT];

struct sink;

struct sink_opts {
	const char	*dir;		/* NULL with to_stdout */
	bool		 to_stdout;	/* aura-api stream on fd 1, no files */
	unsigned	 families;	/* bit (1 << enum family) per family */
	uint64_t	 roll_size;
	int		 offset_min;
	const char	*truth_path;	/* NULL for none */
};

/* Returns NULL after printing an error. */
struct sink *sink_open(const struct sink_opts *o);
/* Writes one rendered record to each family in the mask that is on.
 * Returns 0, or -1 after printing an error. */
int	sink_write(struct sink *s, int64_t us, unsigned mask,
	    const char *data, size_t len);
/* Counts one request for the ground truth; duration_ms is the value its
 * completion line shows. */
void	sink_count_request(struct sink *s, int64_t us, bool failed,
	    bool health, double duration_ms);
uint64_t sink_total_bytes(const struct sink *s);
uint64_t sink_files(const struct sink *s);
/* Flushes and closes everything; returns 0, or -1 after an error. */
int	sink_close(struct sink *s);

struct incident {
	int64_t		start;		/* UTC */
	int64_t		duration;
	double		percent;	/* share of requests that fail */
};

struct gen_opts {
	uint64_t	seed;
	int64_t		start;		/* UTC time of local midnight */
	int		days;
	uint64_t	size;		/* 0: generate days, else stop here */
	double		rate;		/* mean requests per minute */
	struct incident	incidents[MAX_INCIDENTS];
	int		nincidents;
	struct render_opts render;
};

struct gen_stats {
	uint64_t	events;		/* events written to aura-api */
	uint64_t	requests;	/* including health probes */
	uint64_t	failed;		/* 5xx and "Request failed" */
};

/* Generates the whole run into the sink; returns 0 or -1 after an error. */
int	generate(const struct gen_opts *o, struct sink *s,
	    struct gen_stats *stats);

/* Prints "aura-loggen: <message>" on stderr. */
void	gen_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
