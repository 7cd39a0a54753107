/*
 * The files that the generator writes: one rolling file per family, as
 * Serilog's File sink names them with rollingInterval Day and
 * rollOnFileSizeLimit:
 *
 *   DIR/family-YYYYMMDD.log, then family-YYYYMMDD_001.log, _002, ...
 *
 * The date is the writer's local date. A file rolls to the next sequence
 * number when the next record would take it past the size limit, and to a
 * new base file at local midnight. A record larger than the limit gets a
 * file of its own.
 *
 * The ground-truth file is a TSV with a header line and one row per
 * 5-minute UTC window from the first request to the last:
 *
 *   window_start  UTC start of the window, as 2025-12-01T13:05:00Z
 *   requests      completed requests, without health probes and without
 *                 the "[CorrelationId: ...]" copies of completion lines
 *   failed        those of them that returned 5xx or logged
 *                 "Request failed"
 *   failed_pct    100 * failed / requests, two decimals (0.00 when empty)
 *   health        health probe requests in the window
 *   p95_ms        95th percentile (nearest rank) of the durations that the
 *                 counted requests' completion lines show, four decimals
 *                 ("-" when the window has no request)
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gen.h"
#include "timeutil.h"

#define FAMILY_BUF	(256 * 1024)
#define WINDOW_US	(5 * US_PER_MIN)

const char *const family_names[FAM_COUNT] = {
	"aura-api", "errors", "warnings", "performance", "audit",
};

struct family_file {
	const char	*name;
	int		 fd;		/* -1 when no file is open */
	int64_t		 day;		/* local day number of the open file */
	int		 seq;
	uint64_t	 size;		/* bytes in the open file */
	char		*buf;
	size_t		 len;
	char		 path[PATH_MAX];
};

/* Request counts and durations of one 5-minute window. */
struct window {
	uint64_t	requests;
	uint64_t	failed;
	uint64_t	health;
	double		*ms;		/* one duration per request */
	size_t		 nms;
	size_t		 ms_cap;
};

struct sink {
	struct sink_opts opts;
	struct family_file fam[FAM_COUNT];
	uint64_t	 total;
	uint64_t	 files;
	FILE		*truth;
	bool		 truth_failed;	/* out of memory for the counts */
	int64_t		 win_first;	/* index of windows[0] */
	struct window	*windows;
	size_t		 nwindows;
};

void
gen_error(const char *fmt, ...)
{
	va_list ap;

	fputs("aura-loggen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int
write_all(int fd, const char *data, size_t len, const char *path)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			gen_error("cannot write '%s': %s", path,
			    strerror(errno));
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
flush_family(struct family_file *f)
{
	int rc = 0;

	if (f->len > 0 && f->fd >= 0)
		rc = write_all(f->fd, f->buf, f->len, f->path);
	f->len = 0;
	return rc;
}

/* Flushes the family and closes its file; standard output stays open. */
static int
close_family(struct family_file *f)
{
	int rc;

	rc = flush_family(f);
	if (f->fd == STDOUT_FILENO)
		return rc;
	if (close(f->fd) < 0 && rc == 0) {
		gen_error("cannot close '%s': %s", f->path, strerror(errno));
		rc = -1;
	}
	f->fd = -1;
	return rc;
}

static int
open_family(struct sink *s, struct family_file *f)
{
	int year, month, day;
	int n;

	lt_civil_from_days(f->day, &year, &month, &day);
	if (f->seq == 0)
		n = snprintf(f->path, sizeof(f->path), "%s/%s-%04d%02d%02d.log",
		    s->opts.dir, f->name, year, month, day);
	else
		n = snprintf(f->path, sizeof(f->path),
		    "%s/%s-%04d%02d%02d_%03d.log", s->opts.dir, f->name, year,
		    month, day, f->seq);
	if (n < 0 || (size_t)n >= sizeof(f->path)) {
		gen_error("output folder name too long '%s'", s->opts.dir);
		return -1;
	}
	f->fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (f->fd < 0) {
		gen_error("cannot create '%s': %s", f->path, strerror(errno));
		return -1;
	}
	f->size = 0;
	s->files++;
	return 0;
}

static int
make_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0755) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == EEXIST)
		gen_error("cannot create folder '%s': a file of that name "
		    "exists", dir);
	else
		gen_error("cannot create folder '%s': %s", dir,
		    strerror(errno));
	return -1;
}

struct sink *
sink_open(const struct sink_opts *o)
{
	struct sink *s;
	int i;

	if (!o->to_stdout && make_dir(o->dir) < 0)
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		gen_error("out of memory");
		return NULL;
	}
	s->opts = *o;
	for (i = 0; i < FAM_COUNT; i++) {
		s->fam[i].name = family_names[i];
		s->fam[i].fd = -1;
		s->fam[i].day = INT64_MIN;
		if ((o->families & (1u << i)) == 0)
			continue;
		if ((s->fam[i].buf = malloc(FAMILY_BUF)) == NULL) {
			gen_error("out of memory");
			sink_close(s);
			return NULL;
		}
	}
	if (o->to_stdout) {
		s->fam[FAM_API].fd = STDOUT_FILENO;
		snprintf(s->fam[FAM_API].path, PATH_MAX, "standard output");
	}
	if (o->truth_path != NULL &&
	    (s->truth = fopen(o->truth_path, "w")) == NULL) {
		gen_error("cannot create '%s': %s", o->truth_path,
		    strerror(errno));
		sink_close(s);
		return NULL;
	}
	return s;
}

/* Opens the file that a record of len bytes at local day `day` goes to. */
static int
select_file(struct sink *s, struct family_file *f, int64_t day, size_t len)
{
	if (s->opts.to_stdout)
		return 0;
	if (f->fd >= 0 && f->day == day &&
	    (f->size == 0 || f->size + len <= s->opts.roll_size))
		return 0;
	if (f->fd >= 0 && close_family(f) < 0)
		return -1;
	if (f->day == day) {
		f->seq++;
	} else {
		f->day = day;
		f->seq = 0;
	}
	return open_family(s, f);
}

static int
append_family(struct family_file *f, const char *data, size_t len)
{
	if (f->len + len > FAMILY_BUF && flush_family(f) < 0)
		return -1;
	if (len > FAMILY_BUF)
		return write_all(f->fd, data, len, f->path);
	memcpy(f->buf + f->len, data, len);
	f->len += len;
	return 0;
}

int
sink_write(struct sink *s, int64_t us, unsigned mask, const char *data,
    size_t len)
{
	int64_t local = us + s->opts.offset_min * US_PER_MIN;
	int64_t day = local / US_PER_DAY - (local % US_PER_DAY < 0);
	int i;

	mask &= s->opts.families;
	if (s->opts.to_stdout)
		mask &= 1u << FAM_API;
	for (i = 0; i < FAM_COUNT; i++) {
		struct family_file *f = &s->fam[i];

		if ((mask & (1u << i)) == 0)
			continue;
		if (select_file(s, f, day, len) < 0)
			return -1;
		if (append_family(f, data, len) < 0)
			return -1;
		f->size += len;
		s->total += len;
	}
	return 0;
}

/* Returns the counts of the window that contains us, growing the table. */
static struct window *
window_at(struct sink *s, int64_t us)
{
	int64_t w = us / WINDOW_US - (us % WINDOW_US < 0);
	size_t i, n;
	struct window *grown;

	if (s->nwindows == 0)
		s->win_first = w;
	if (w < s->win_first)
		return NULL;
	i = (size_t)(w - s->win_first);
	if (i >= s->nwindows) {
		n = s->nwindows ? s->nwindows : 1024;
		while (n <= i)
			n *= 2;
		grown = realloc(s->windows, n * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		memset(grown + s->nwindows, 0,
		    (n - s->nwindows) * sizeof(*grown));
		s->windows = grown;
		s->nwindows = n;
	}
	return &s->windows[i];
}

/* Keeps one duration of the window; returns -1 when memory runs out. */
static int
add_duration(struct window *w, double ms)
{
	size_t cap;
	double *grown;

	if (w->nms == w->ms_cap) {
		cap = w->ms_cap ? w->ms_cap * 2 : 64;
		if ((grown = realloc(w->ms, cap * sizeof(*grown))) == NULL)
			return -1;
		w->ms = grown;
		w->ms_cap = cap;
	}
	w->ms[w->nms++] = ms;
	return 0;
}

void
sink_count_request(struct sink *s, int64_t us, bool failed, bool health,
    double duration_ms)
{
	struct window *w;

	if (s->truth == NULL)
		return;
	if ((w = window_at(s, us)) == NULL) {
		s->truth_failed = true;
		return;
	}
	if (health) {
		w->health++;
		return;
	}
	w->requests++;
	w->failed += failed;
	if (add_duration(w, duration_ms) < 0)
		s->truth_failed = true;
}

static int
compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Writes the nearest-rank 95th percentile: the value at rank
 * ceil(0.95 * n) of the sorted durations. */
static void
print_p95(FILE *out, struct window *w)
{
	size_t rank;

	if (w->nms == 0) {
		fputs("-", out);
		return;
	}
	qsort(w->ms, w->nms, sizeof(*w->ms), compare_double);
	rank = (w->nms * 95 + 99) / 100;
	fprintf(out, "%.4f", w->ms[rank - 1]);
}

static int
write_truth(struct sink *s)
{
	char when[LT_TIME_TEXT];
	size_t i, last = 0;
	double pct;

	for (i = 0; i < s->nwindows; i++)
		if (s->windows[i].requests + s->windows[i].health > 0)
			last = i + 1;
	fprintf(s->truth, "window_start\trequests\tfailed\tfailed_pct\t"
	    "health\tp95_ms\n");
	for (i = 0; i < last; i++) {
		struct window *w = &s->windows[i];
		int64_t ms = (s->win_first + (int64_t)i) * (WINDOW_US / 1000);

		lt_time_format(ms, when);
		/* lt_time_format writes milliseconds; windows start on
		 * whole minutes, so ".000Z" is cut to "Z". */
		strcpy(when + 19, "Z");
		pct = w->requests ? 100.0 * (double)w->failed /
		    (double)w->requests : 0.0;
		fprintf(s->truth, "%s\t%llu\t%llu\t%.2f\t%llu\t", when,
		    (unsigned long long)w->requests,
		    (unsigned long long)w->failed, pct,
		    (unsigned long long)w->health);
		print_p95(s->truth, w);
		fputc('\n', s->truth);
	}
	return 0;
}

uint64_t
sink_total_bytes(const struct sink *s)
{
	return s->total;
}

uint64_t
sink_files(const struct sink *s)
{
	return s->files;
}

int
sink_close(struct sink *s)
{
	size_t w;
	int i, rc = 0;

	for (i = 0; i < FAM_COUNT; i++) {
		if (s->fam[i].fd >= 0 && close_family(&s->fam[i]) < 0)
			rc = -1;
		free(s->fam[i].buf);
	}
	if (s->truth != NULL) {
		write_truth(s);
		if (fclose(s->truth) != 0 && rc == 0) {
			gen_error("cannot write '%s': %s", s->opts.truth_path,
			    strerror(errno));
			rc = -1;
		}
		if (s->truth_failed && rc == 0) {
			gen_error("out of memory for the counts of '%s'",
			    s->opts.truth_path);
			rc = -1;
		}
	}
	for (w = 0; w < s->nwindows; w++)
		free(s->windows[w].ms);
	free(s->windows);
	free(s);
	return rc;
}
