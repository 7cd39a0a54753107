/*
 * Request durations, kept outside the buckets so that memory does not
 * grow with the number of requests, and the text of the failed requests
 * that the report shows (an_spool_put()).
 *
 * A duration is first staged: appended to a fixed array and linked to the
 * bucket's previous staged value. When the array is full, every bucket
 * with staged values gets one chunk written to the spool:
 *
 *	chunk  = prev count value*
 *	prev   = uint64_t, spool offset + 1 of the bucket's previous chunk,
 *	         0 for its first
 *	count  = uint64_t, number of values that follow
 *	value  = double, milliseconds
 *
 * so a bucket's durations are the chain of chunks that starts at
 * b->chunk. The spool keeps its bytes in memory up to its budget, then
 * moves them to an unlinked temporary file in $TMPDIR (/tmp when unset)
 * and appends there. Staged values refer to buckets by their position in
 * an_data.buckets, which stays fixed until the feed ends, so
 * an_spool_finish() must run before the buckets are sorted.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "error.h"

#define STAGE_MAX	8192		/* durations staged between writes */
#define OUT_MAX		65536		/* write buffer of the file */
#define READ_MAX	1024		/* values read per callback */

struct chunk_header {
	uint64_t	 prev;
	uint64_t	 count;
};

void
an_spool_init(struct an_spool *s, size_t budget)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->budget = budget;
}

void
an_spool_free(struct an_spool *s)
{
	free(s->staged);
	free(s->links);
	free(s->touched);
	free(s->mem);
	free(s->out);
	if (s->fd != -1)
		close(s->fd);
	an_spool_init(s, s->budget);
}

static const char *
temp_dir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir != NULL && *dir != '\0' ? dir : "/tmp";
}

static int
write_all(struct an_spool *s, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(s->fd, p, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return lt_error_set("cannot write a temporary file in "
			    "%s: %s; set TMPDIR to a folder with room",
			    temp_dir(), strerror(errno));
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Moves the bytes kept in memory to a new unlinked temporary file. */
static int
move_to_file(struct an_spool *s)
{
	char path[4096];
	int rc;

	if (snprintf(path, sizeof(path), "%s/logtool-spool-XXXXXX",
	    temp_dir()) >= (int)sizeof(path))
		return lt_error_set("TMPDIR is too long: %s", temp_dir());
	if (s->out == NULL && (s->out = malloc(OUT_MAX)) == NULL)
		return lt_error_errno("cannot allocate a write buffer");
	if ((s->fd = mkstemp(path)) == -1)
		return lt_error_set("cannot create a temporary file in %s: "
		    "%s; set TMPDIR to a writable folder, or raise "
		    "--buffer-size", temp_dir(), strerror(errno));
	unlink(path);
	rc = write_all(s, s->mem, s->memlen);
	free(s->mem);
	s->mem = NULL;
	s->memlen = s->memcap = 0;
	return rc;
}

static int
flush_out(struct an_spool *s)
{
	int rc = write_all(s, s->out, s->outlen);

	s->outlen = 0;
	return rc;
}

static int
append_memory(struct an_spool *s, const void *buf, size_t len)
{
	if (s->memlen + len > s->memcap) {
		size_t cap = s->memcap ? s->memcap : 4096;
		void *p;

		while (cap < s->memlen + len)
			cap *= 2;
		if (cap > s->budget)
			cap = s->budget;
		if ((p = realloc(s->mem, cap)) == NULL)
			return lt_error_errno("cannot allocate durations");
		s->mem = p;
		s->memcap = cap;
	}
	memcpy(s->mem + s->memlen, buf, len);
	s->memlen += len;
	return 0;
}

/* Appends len bytes to the spool. */
static int
append(struct an_spool *s, const void *buf, size_t len)
{
	if (len == 0)
		return 0;
	s->size += len;
	if (s->fd == -1 && s->memlen + len <= s->budget)
		return append_memory(s, buf, len);
	if (s->fd == -1 && move_to_file(s) == -1)
		return -1;
	if (len >= OUT_MAX) {
		if (flush_out(s) == -1)
			return -1;
		return write_all(s, buf, len);
	}
	if (s->outlen + len > OUT_MAX && flush_out(s) == -1)
		return -1;
	memcpy(s->out + s->outlen, buf, len);
	s->outlen += len;
	return 0;
}

/* Writes one chunk of values for bucket b and links it into its chain. */
static int
write_chunk(struct an_spool *s, struct an_bucket *b, const double *values,
    size_t n)
{
	struct chunk_header h = { b->chunk, n };
	uint64_t offset = s->size;

	if (append(s, &h, sizeof(h)) == -1 ||
	    append(s, values, n * sizeof(*values)) == -1)
		return -1;
	b->chunk = offset + 1;
	return 0;
}

/* Writes every staged value, one chunk per bucket. */
static int
write_staged(struct an_spool *s, struct an_bucket *buckets)
{
	double values[READ_MAX];
	int rc = 0;

	for (size_t t = 0; t < s->ntouched; t++) {
		struct an_bucket *b = &buckets[s->touched[t]];
		size_t n = 0;

		for (uint32_t i = b->staged; i != 0; i = s->links[i - 1]) {
			values[n++] = s->staged[i - 1];
			if (n == READ_MAX) {
				if (rc == 0)
					rc = write_chunk(s, b, values, n);
				n = 0;
			}
		}
		if (n > 0 && rc == 0)
			rc = write_chunk(s, b, values, n);
		b->staged = 0;
	}
	s->nstaged = s->ntouched = 0;
	return rc;
}

int
an_spool_add(struct an_data *d, struct an_bucket *b, double ms)
{
	struct an_spool *s = &d->spool;

	if (s->staged == NULL) {
		s->staged = malloc(STAGE_MAX * sizeof(*s->staged));
		s->links = malloc(STAGE_MAX * sizeof(*s->links));
		s->touched = malloc(STAGE_MAX * sizeof(*s->touched));
		if (s->staged == NULL || s->links == NULL ||
		    s->touched == NULL)
			return lt_error_errno("cannot allocate durations");
	}
	if (s->nstaged == STAGE_MAX && write_staged(s, d->buckets) == -1)
		return -1;
	if (b->staged == 0)
		s->touched[s->ntouched++] = (uint32_t)(b - d->buckets);
	s->staged[s->nstaged] = ms;
	s->links[s->nstaged] = b->staged;
	b->staged = (uint32_t)++s->nstaged;
	b->ndurations++;
	if (ms > b->max_duration)
		b->max_duration = ms;
	return 0;
}

int
an_spool_finish(struct an_data *d)
{
	struct an_spool *s = &d->spool;
	int rc = 0;

	if (s->nstaged > 0)
		rc = write_staged(s, d->buckets);
	free(s->staged);
	free(s->links);
	free(s->touched);
	s->staged = NULL;
	s->links = NULL;
	s->touched = NULL;
	return rc;
}

static int
read_at(struct an_spool *s, uint64_t offset, void *buf, size_t len)
{
	char *p = buf;

	if (len == 0)
		return 0;
	if (s->fd == -1) {
		memcpy(buf, s->mem + offset, len);
		return 0;
	}
	if (s->outlen > 0 && flush_out(s) == -1)
		return -1;
	while (len > 0) {
		ssize_t n = pread(s->fd, p, len, (off_t)offset);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return lt_error_set("cannot read back a temporary "
			    "file in %s: %s",
			    temp_dir(), n == 0 ? "unexpected end of file" :
			    strerror(errno));
		p += n;
		offset += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

int
an_spool_read(struct an_spool *s, const struct an_bucket *b,
    an_duration_fn *fn, void *ctx)
{
	double values[READ_MAX];

	for (uint64_t at = b->chunk; at != 0;) {
		struct chunk_header h;
		uint64_t offset = at - 1 + sizeof(h);

		if (read_at(s, at - 1, &h, sizeof(h)) == -1)
			return -1;
		for (uint64_t left = h.count; left > 0;) {
			size_t n = left < READ_MAX ? (size_t)left : READ_MAX;

			if (read_at(s, offset, values, n * sizeof(*values)) ==
			    -1)
				return -1;
			fn(ctx, values, n);
			offset += n * sizeof(*values);
			left -= n;
		}
		at = h.prev;
	}
	return 0;
}

struct copy_state {
	struct an_spool	*spool;
	struct an_bucket *dst;
	int		 rc;
};

static void
copy_values(void *ctx, const double *values, size_t n)
{
	struct copy_state *c = ctx;

	if (c->rc == 0)
		c->rc = write_chunk(c->spool, c->dst, values, n);
}

int
an_spool_merge(struct an_data *d, struct an_bucket *dst,
    const struct an_bucket *src)
{
	struct copy_state c = { &d->spool, dst, 0 };

	if (an_spool_read(&d->spool, src, copy_values, &c) == -1)
		return -1;
	dst->ndurations += src->ndurations;
	if (src->max_duration > dst->max_duration)
		dst->max_duration = src->max_duration;
	return c.rc;
}

int
an_spool_put(struct an_spool *s, const void *buf, size_t len,
    uint64_t *offset)
{
	*offset = s->size;
	return append(s, buf, len);
}

int
an_spool_get(struct an_spool *s, uint64_t offset, void *buf, size_t len)
{
	return read_at(s, offset, buf, len);
}
