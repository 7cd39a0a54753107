/*
 * Error-rate analysis shared by `logtool analyze` and `logtool report`.
 *
 * Records are counted into buckets of a base granularity (the greatest
 * common divisor of the step, the window and one minute), keyed by
 * floor(ts / base). Buckets are kept in a hash table while the input is
 * read, because records of several files are not in time order across
 * files. an_data_fit() then merges them into longer buckets when the
 * records span more than AN_MAX_BUCKETS of them (coarsen.c).
 * Afterwards the buckets become a dense series from the first to
 * the last bucket, and every window, burn-rate window and percentile is
 * computed from that series. Request durations go to a spool (spool.c)
 * that keeps at most --buffer-size bytes in memory. Memory therefore
 * grows with the time span of the records (one bucket per minute) and
 * with the number of warnings and errors (feed_files.c). It does not
 * grow with the number of requests or the input's byte count.
 *
 * All times are milliseconds since the epoch, UTC.
 */
#ifndef AN_ANALYZE_H
#define AN_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define AN_MINUTE_MS	60000
#define AN_MAX_BUCKETS	(4u << 20)	/* dense series limit (8 years at
					   one-minute buckets) */
#define AN_TOP		5		/* endpoints and exception types
					   listed per flagged window */
#define AN_SAMPLES	5		/* failed requests kept per bucket */
#define AN_SAMPLE_MAX	4096		/* bytes of raw record per sample */
#define AN_BUFFER_SIZE	(4u << 20)	/* default --buffer-size: bytes of
					   durations kept in memory, and 64
					   times the durations a window
					   selects from for exact
					   percentiles */
#define AN_EXACT_SHARE	64		/* buffer_size / this is the most
					   durations of an exact window */

enum an_basis {
	AN_BASIS_AUTO,
	AN_BASIS_REQUESTS,
	AN_BASIS_ENTRIES,
};

enum an_format {
	AN_FORMAT_TEXT,
	AN_FORMAT_TSV,
	AN_FORMAT_JSON,
};

enum an_severity {
	AN_SEV_NONE,		/* below every threshold, or too few requests */
	AN_SEV_3,		/* rate above the warning threshold */
	AN_SEV_2,		/* rate above the threshold */
	AN_SEV_1,		/* every request failed */
};

struct an_options {
	int64_t		 window_ms;
	int64_t		 step_ms;
	int64_t		 base_ms;	/* bucket granularity */
	int64_t		 since;		/* LT_TS_NONE when unset */
	int64_t		 until;
	double		 threshold;	/* percent, SEV-2 above */
	double		 warn_threshold; /* percent, SEV-3 above */
	bool		 warn_given;	/* --warn-threshold was given */
	uint64_t	 min_requests;
	double		 slo;		/* percent, 0 when unset */
	double		 p95_ms;
	enum an_basis	 basis;
	enum an_format	 format;
	bool		 include_health;
	char		**excludes;	/* fnmatch patterns */
	size_t		 nexcludes;
	const char	*request_pattern; /* PCRE2, or NULL */
	const char	*svg_path;
	const char	*db_path;
	bool		 keep_samples;	/* report: keep failed requests */
	size_t		 buffer_size;	/* bytes, see AN_BUFFER_SIZE */
};

/* Interned strings: endpoint names and exception types, by id. */
struct an_strings {
	char		**text;
	size_t		 len, cap;
	uint32_t	*slots;		/* id + 1, 0 when free */
	size_t		 nslots;
};

struct an_tally_item {
	uint32_t	 id;
	uint64_t	 count;
};

struct an_tally {
	struct an_tally_item *items;
	size_t		 len, cap;
};

/* A failed request kept for the report. Its correlation id and raw
 * record are in the spool, one after the other, from text on. */
struct an_sample {
	int64_t		 ts;
	uint64_t	 text;		/* spool offset */
	uint32_t	 id_len;	/* at most 256 bytes */
	uint32_t	 raw_len;	/* at most AN_SAMPLE_MAX bytes */
	uint32_t	 endpoint;	/* string id of the endpoint */
	int		 status;
};

/* The failures of a bucket, listed as the causes of flagged windows. */
struct an_causes {
	struct an_tally	 endpoints;	/* failed requests by endpoint */
	struct an_tally	 exceptions;	/* ERR/FTL records by exception */
	struct an_sample *samples;
	size_t		 nsamples;
};

/* The counts of one bucket: 80 bytes, one per minute of the records'
 * span with the default windows. */
struct an_bucket {
	int64_t		 index;		/* ts / base_ms, rounded down */
	uint64_t	 requests;
	uint64_t	 errors;
	uint64_t	 entries;	/* records with a time */
	uint64_t	 err_entries;	/* ERR and FTL records */
	uint64_t	 ndurations;	/* requests with a duration */
	double		 max_duration;	/* 0 when there is none */
	uint64_t	 chunk;		/* spool offset + 1 of its last chunk
					   of durations, 0 when none */
	uint32_t	 staged;	/* index + 1 of its last staged
					   duration, 0 when none */
	struct an_causes *causes;	/* NULL until something fails */
};

/*
 * The spool (spool.c): the data analyze reads back after the feed. It
 * contains the request durations of all buckets, staged in a fixed array
 * and then written per bucket as chunks, and the text of the failed
 * requests kept for the report. It stays in memory up to its budget,
 * then moves to a temporary file.
 */
struct an_spool {
	double		*staged;
	uint32_t	*links;		/* per staged value: index + 1 of the
					   same bucket's previous one */
	uint32_t	*touched;	/* positions of buckets with staged
					   values */
	size_t		 nstaged, ntouched;
	unsigned char	*mem;		/* chunks, while within the budget */
	size_t		 memlen, memcap;
	int		 fd;		/* the temporary file, or -1 */
	unsigned char	*out;		/* write buffer of the file */
	size_t		 outlen;
	uint64_t	 size;		/* bytes of chunks appended */
	size_t		 budget;	/* bytes kept in memory at most */
};

/* Receives n durations of a bucket read back from the spool. */
typedef void an_duration_fn(void *ctx, const double *values, size_t n);

/* The buckets and the totals of one input, filled by a feed. */
struct an_data {
	int64_t		 base_ms;
	struct an_bucket *buckets;	/* unordered until an_data_sort() */
	size_t		 len, cap;
	uint32_t	*slots;		/* bucket position + 1, 0 when free */
	size_t		 nslots;
	struct an_spool	 spool;
	struct an_strings strings;
	uint64_t	*signature_counts; /* ERR/FTL records by the string
					   id of their signature (report) */
	size_t		 nsignature_counts;
	bool		 sorted;
	/* totals over the input, after time filtering and deduplication */
	uint64_t	 requests;	/* requests counted (not excluded) */
	uint64_t	 errors;
	uint64_t	 request_lines;	/* requests before exclusion */
	uint64_t	 excluded;	/* requests dropped by path patterns */
	uint64_t	 excluded_failed;
	uint64_t	 entries;
	uint64_t	 err_entries;
	uint64_t	 low_entries;	/* records at VRB, DBG or INF */
	uint64_t	 duplicates;	/* repeated events skipped */
	uint64_t	 untimed;	/* records without a time */
	uint64_t	 outside;	/* records outside --since/--until */
};

/* One evaluated window. */
struct an_window {
	int64_t		 start, end;
	uint64_t	 requests;	/* of the chosen basis */
	uint64_t	 errors;
	double		 rate;		/* fraction; NAN when no requests */
	enum an_severity severity;
	size_t		 nlatency;	/* requests with a duration */
	double		 p50, p95, p99, max;
	bool		 latency_exact;	/* false when read from a histogram,
					   for windows with more than
					   buffer_size / AN_EXACT_SHARE
					   durations */
	bool		 slow;		/* p95 above --p95-ms */
	size_t		 first, count;	/* its buckets in the dense series */
};

/* One burn-rate alert rule of the multi-window, multi-burn-rate method. */
struct an_rule {
	const char	*name;		/* "page" or "ticket" */
	int64_t		 long_ms, short_ms;
	double		 factor;	/* burn rate that fires it */
};

/* A span of time in which a rule kept firing. */
struct an_firing {
	const struct an_rule *rule;
	int64_t		 start, end;	/* evaluation times */
	double		 peak_long, peak_short; /* max burn rates */
};

struct an_result {
	const struct an_options *opts;
	struct an_data	*data;
	enum an_basis	 basis;		/* the one used (never AUTO) */
	bool		 errors_only;	/* requests but no record below WRN:
					   successes are probably not logged */
	struct an_window *windows;
	size_t		 nwindows;
	size_t		 flagged;	/* windows at SEV-2 or worse */
	size_t		 warned;	/* SEV-3 windows */
	size_t		 slow;
	struct an_firing *firings;
	size_t		 nfirings;
	int64_t		 burn_from;	/* start of the data that burn rates
					   read: --since, else the first
					   bucket */
	int64_t		 burn_to;	/* end of the last bucket */
	/* the dense series, bucket pointers from first_index on */
	int64_t		 first_index;
	size_t		 nseries;
	struct an_bucket **series;
	/* the latency histogram of the buckets [hist_lo, hist_hi) of the
	 * series, moved along as windows that need it are evaluated */
	uint64_t	*hist;
	size_t		 hist_lo, hist_hi;
};

extern const struct an_rule an_rules[];
extern const size_t an_nrules;
extern const char *const an_health_globs[];

/* windows.c */
int64_t	an_floor_div(int64_t a, int64_t b);
int64_t	an_gcd(int64_t a, int64_t b);
void	an_data_init(struct an_data *d, int64_t base_ms);
void	an_data_free(struct an_data *d);
void	an_bucket_free(struct an_bucket *b);
struct an_causes *an_bucket_causes(struct an_bucket *b);
struct an_bucket *an_data_bucket(struct an_data *d, int64_t ts);
int	an_result_build(struct an_result *r, const struct an_options *opts,
	    struct an_data *d);
void	an_result_free(struct an_result *r);

/* severity.c */
enum an_severity an_classify(const struct an_options *opts,
	    uint64_t requests, uint64_t errors);
const char *an_severity_name(enum an_severity sev);
int	an_burn_evaluate(struct an_result *r);
bool	an_rule_evaluated(const struct an_result *r,
	    const struct an_rule *rule, int64_t *first);

/* coarsen.c */
int	an_data_fit(struct an_data *d, struct an_options *opts);

/* spool.c */
void	an_spool_init(struct an_spool *s, size_t budget);
void	an_spool_free(struct an_spool *s);
/* Records a duration of bucket b, a bucket of d. Returns 0, or -1 with
 * lt_error() set. */
int	an_spool_add(struct an_data *d, struct an_bucket *b, double ms);
/* Writes the staged durations, after which d's buckets may move. Returns
 * 0, or -1 with lt_error() set. */
int	an_spool_finish(struct an_data *d);
/* Passes the durations of bucket b to fn, in pieces. Returns 0, or -1
 * with lt_error() set. */
int	an_spool_read(struct an_spool *s, const struct an_bucket *b,
	    an_duration_fn *fn, void *ctx);
/* Adds the durations of bucket src to bucket dst. */
int	an_spool_merge(struct an_data *d, struct an_bucket *dst,
	    const struct an_bucket *src);
/* Appends len bytes and stores where they start in *offset. Consecutive
 * calls append consecutive bytes. Returns 0, or -1 with lt_error() set. */
int	an_spool_put(struct an_spool *s, const void *buf, size_t len,
	    uint64_t *offset);
/* Reads len bytes from offset. Returns 0, or -1 with lt_error() set. */
int	an_spool_get(struct an_spool *s, uint64_t offset, void *buf,
	    size_t len);

/* latency.c */
int	an_window_latency(struct an_result *r, struct an_window *w);
double	an_percentile(const double *sorted, size_t n, unsigned p);
void	an_latency_fill(struct an_window *w, double *values, size_t n,
	    double p95_limit);

/* tally.c */
int	an_strings_intern(struct an_strings *s, const char *text, size_t len,
	    uint32_t *id);
void	an_strings_free(struct an_strings *s);
int	an_tally_add(struct an_tally *t, uint32_t id, uint64_t count);
void	an_tally_free(struct an_tally *t);
int	an_window_top(const struct an_result *r, const struct an_window *w,
	    bool exceptions, struct an_tally *out);

/* pathnorm.c */
size_t	an_path_normalize(const char *path, size_t len, char *out,
	    size_t cap);
size_t	an_path_bare(const char *path, size_t len, char *out, size_t cap);
size_t	an_exception_type(const char *text, size_t len, char *out,
	    size_t cap);
bool	an_path_excluded(const struct an_options *opts, const char *path);

/* Size of the buffer for a bare path in exclusion matching. */
#define AN_PATH_MAX	1024

/* An exclusion pattern sorted by how it is matched. */
struct an_glob {
	const char	*text;
	size_t		 prefix_len;	/* bytes before the first special
					   character */
	enum {
		AN_GLOB_PREFIX,		/* "prefix*": a byte comparison */
		AN_GLOB_NEVER,		/* "prefix*" matching no bare path */
		AN_GLOB_COVERED,	/* "prefix*" whose paths another
					   pattern's prefix matches */
		AN_GLOB_FNMATCH,	/* anything else: fnmatch(3) */
	}		 kind;
};

/* The patterns an_path_excluded() applies under a set of options. */
struct an_excluder {
	struct an_glob	*globs;
	size_t		 n;
};

/* Prepares the patterns of opts, which must outlive x. Returns 0, or -1
 * with errno set when memory runs out. */
int	an_excluder_init(struct an_excluder *x, const struct an_options *opts);
void	an_excluder_free(struct an_excluder *x);

/* Returns what an_path_excluded() returns for the an_path_bare() form of
 * the request path path[0..len), without copying it for prefix patterns. */
bool	an_excluder_match(const struct an_excluder *x, const char *path,
	    size_t len);

/* feed_files.c, feed_db.c */
int	an_feed_files(struct an_data *d, const struct an_options *opts,
	    char **operands, int noperands);
int	an_feed_db(struct an_data *d, const struct an_options *opts);

/* output_*.c, svg.c */
void	an_format_time(int64_t ms, char out[32]);
void	an_format_duration(int64_t ms, char out[32]);
const char *an_basis_name(enum an_basis basis);
void	an_print_excludes(FILE *out, const struct an_options *opts);
void	an_print_basis(FILE *out, const struct an_result *r);
size_t	an_inexact_windows(const struct an_result *r);
int	an_output_text(FILE *out, const struct an_result *r);
int	an_output_tsv(FILE *out, const struct an_result *r);
int	an_output_json(FILE *out, const struct an_result *r);
int	an_svg_write(FILE *out, const struct an_result *r, int width,
	    int height);

#endif
