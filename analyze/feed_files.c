/*
 * Reading log files into buckets.
 *
 * Every record with a time inside --since/--until is counted as an entry
 * (and as an error entry at ERR or FTL). A record whose message is a
 * request completion line (lt_request_parse(), or the --request-pattern
 * shape) is also a request, unless its path is excluded.
 *
 * Deduplication: Aura's errors sink repeats each event of level Warning
 * or above that the main sink writes, so an event read from several files
 * must count once. Only records at WRN or above can be such repeats, so
 * only their event keys (lt_record_event_key()) are remembered, with the
 * source that first had them. An event is a repeat when its key was first
 * seen in another source. Equal events within one source (two identical
 * warnings in the same millisecond) are separate events. The keys of the
 * last source are looked up but not stored, because no source follows to
 * repeat them, so a single file needs no keys at all. Memory therefore
 * grows with the number of warnings and errors in all sources but the
 * last, not with the number of requests.
 *
 * A source that is the same file on disk (device and inode) and the same
 * bundle member as one read before, because its file was named twice or
 * also lies in a folder operand, is skipped with a warning. Otherwise its
 * requests below WRN, which deduplication does not cover, would count
 * twice. Members of a bundle are identified by position, so a bundle
 * that contains two members of one name (tar -r) counts both. A source
 * whose bytes equal those of an earlier one (a .gz copy beside its log, a
 * bundle beside its extracted files) is skipped too: when its first
 * HEAD_MAX bytes hash like an earlier source's, it is read to its end
 * before anything is counted, and a copy is one with the same length and
 * XXH3-128 hash. An earlier source's full hash is computed once, by
 * opening it again (a bundle once for all its members). A source that is
 * not a copy was read to its end by then, so it is opened again and
 * counted. Standard input and FIFOs, which cannot be opened again, are
 * never compared.
 */
#include <sys/stat.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "analyze.h"
#include "error.h"
#include "feed.h"
#include "repeats.h"
#include "record.h"
#include "request.h"
#include "scan.h"
#include "source.h"

#define HEAD_MAX	65536		/* bytes hashed to find copies */

/*
 * The bucket of the last record: consecutive records nearly always fall
 * into the same one. A bucket stays at its position in data->buckets
 * until the feed ends, so the position, unlike a pointer, survives new
 * buckets. Empty while from > to.
 */
struct last_bucket {
	int64_t			 from, to;	/* [from, to) in ms */
	size_t			 pos;
};

struct feed {
	struct an_data		*data;
	const struct an_options	*opts;
	struct an_keyset	 seen;
	struct an_pattern	*pattern;
	struct an_excluder	 excluder;
	struct last_bucket	 last;
	uint32_t		 source;	/* current source's number */
	bool			 last_operand;	/* a file that is the last
						   operand is being read */
	bool			 final_source;	/* no source follows the
						   current one */
	struct an_read_sources	 read;
	size_t			 skipped;	/* sources of the operand that
						   were read before */
	char			 skipped_name[256]; /* the first of them */
	char			 earlier_name[256]; /* and its earlier name */
	bool			 skipped_copy;	/* the first was a copy, not
						   the same file */
	char			*head;		/* HEAD_MAX bytes */
	bool			 in_bundle;	/* the last source was a member
						   of this bundle: */
	dev_t			 bundle_dev;
	ino_t			 bundle_ino;
	size_t			 member_next;	/* index of its next member */
};

/*
 * Returns an_data_bucket() for ts, looking at the last bucket first. Its
 * range is computed only for times far from the int64_t limits, so
 * index * base_ms cannot overflow.
 */
static struct an_bucket *
bucket_of(struct feed *f, int64_t ts)
{
	struct an_data *d = f->data;
	struct an_bucket *b;

	if (ts >= f->last.from && ts < f->last.to)
		return &d->buckets[f->last.pos];
	if ((b = an_data_bucket(d, ts)) == NULL)
		return NULL;
	if (ts > INT64_MIN / 2 && ts < INT64_MAX / 2) {
		f->last.from = b->index * d->base_ms;
		f->last.to = f->last.from + d->base_ms;
		f->last.pos = (size_t)(b - d->buckets);
	}
	return b;
}

static int
add_exception(struct an_data *d, struct an_bucket *b, struct lt_span exc)
{
	char type[256];
	uint32_t id;
	size_t n;

	n = an_exception_type(exc.ptr, exc.len, type, sizeof(type));
	if (n == 0)
		return 0;
	if (an_strings_intern(&d->strings, type, strlen(type), &id) == -1 ||
	    an_bucket_causes(b) == NULL)
		return -1;
	return an_tally_add(&b->causes->exceptions, id, 1);
}

static int
add_request(struct feed *f, struct an_bucket *b, const struct lt_record *rec,
    const struct an_request_info *req)
{
	struct an_data *d = f->data;
	struct an_failure fail;

	d->request_lines++;
	if (an_excluder_match(&f->excluder, req->path.ptr, req->path.len)) {
		d->excluded++;
		d->excluded_failed += req->failed;
		return 0;
	}
	d->requests++;
	b->requests++;
	if (req->duration_ms >= 0 &&
	    an_spool_add(d, b, req->duration_ms) == -1)
		return -1;
	if (!req->failed)
		return 0;
	d->errors++;
	b->errors++;
	fail.ts = rec->ts;
	fail.correlation_id = rec->correlation_id;
	fail.raw = rec->raw;
	return an_feed_failure(d, f->opts, b, &fail, req);
}

static int
count_record(struct feed *f, const struct lt_record *rec)
{
	struct an_data *d = f->data;
	struct an_request_info req;
	struct an_bucket *b;
	int fresh;

	if (rec->ts == LT_TS_NONE) {
		d->untimed++;
		return 0;
	}
	if (!an_in_range(f->opts, rec->ts)) {
		d->outside++;
		return 0;
	}
	if (rec->level >= LT_LEVEL_WRN) {
		uint64_t key = lt_record_event_key(rec);

		if (f->final_source)
			fresh = an_keyset_check(&f->seen, key, f->source);
		else
			fresh = an_keyset_add(&f->seen, key, f->source);
		if (fresh == -1)
			return -1;
		if (fresh == 0) {
			d->duplicates++;
			return 0;
		}
	}
	if ((b = bucket_of(f, rec->ts)) == NULL)
		return -1;
	d->entries++;
	b->entries++;
	if (rec->level >= LT_LEVEL_VRB && rec->level < LT_LEVEL_WRN)
		d->low_entries++;
	if (rec->level >= LT_LEVEL_ERR) {
		d->err_entries++;
		b->err_entries++;
		if (add_exception(d, b, rec->exception) == -1)
			return -1;
		if (f->opts->keep_samples &&
		    an_feed_signature(d, rec->message) == -1)
			return -1;
	}
	switch (an_request_match(f->pattern, rec->message, &req)) {
	case 1:
		return add_request(f, b, rec, &req);
	case 0:
		return 0;
	default:
		return -1;
	}
}

/* Counts src as skipped, for warn_skipped(). */
static void
note_skipped(struct feed *f, const struct lt_source_info *info,
    const struct an_read_source *earlier, bool copy)
{
	if (f->skipped++ > 0)
		return;
	snprintf(f->skipped_name, sizeof(f->skipped_name), "%s", info->name);
	snprintf(f->earlier_name, sizeof(f->earlier_name), "%s",
	    earlier->name);
	f->skipped_copy = copy;
}

/* Returns true when src is a file read before, under its name or
 * another. Standard input, with inode 0, is always new. */
static bool
read_before(struct feed *f, const struct lt_source_info *info, size_t index)
{
	const struct an_read_source *earlier;

	if (info->ino == 0 ||
	    (earlier = an_read_find(&f->read, info, index)) == NULL)
		return false;
	note_skipped(f, info, earlier, false);
	return true;
}

/* Returns the position of a bundle member among its bundle's members, 0
 * for anything else. Members of one bundle come one after another. */
static size_t
member_index(struct feed *f, const struct lt_source_info *info)
{
	if (info->member == NULL) {
		f->in_bundle = false;
		return 0;
	}
	if (!f->in_bundle || info->dev != f->bundle_dev ||
	    info->ino != f->bundle_ino) {
		f->in_bundle = true;
		f->bundle_dev = info->dev;
		f->bundle_ino = info->ino;
		f->member_next = 0;
	}
	return f->member_next++;
}

enum copy_check {
	COPY_NEW,		/* not a copy, and unread past the head */
	COPY_READ,		/* not a copy, but read to its end */
	COPY_SAME,		/* a copy of an earlier source */
};

/*
 * Decides whether src, remembered as entry with its first bytes in
 * f->head, is a copy of an earlier source. Only when an earlier source
 * starts alike is src read to its end to hash it. Returns a copy_check
 * value, or -1 with lt_error() set.
 */
static int
check_copy(struct feed *f, struct lt_source *src, struct an_read_source *entry)
{
	const struct an_read_source *e;
	bool alike = false;

	if (entry->head_len == 0 || !entry->reopenable)
		return COPY_NEW;
	for (size_t i = 0; i + 1 < f->read.len && !alike; i++)
		alike = f->read.items[i].head_hash == entry->head_hash &&
		    f->read.items[i].head_len == entry->head_len;
	if (!alike)
		return COPY_NEW;
	if (an_hash_rest(src, f->head, entry->head_len, &entry->full,
	    &entry->length) == -1)
		return -1;
	entry->full_known = true;
	if ((e = an_read_find_copy(&f->read, entry)) == NULL)
		return COPY_READ;
	note_skipped(f, lt_source_info(src), e, true);
	return COPY_SAME;
}

/* Warns once per operand about the sources skipped as read before. */
static void
warn_skipped(const struct feed *f, const char *operand)
{
	if (f->skipped == 0)
		return;
	if (f->skipped > 1)
		lt_warn("'%s': %zu files were already read under this or "
		    "another name, or have the content of one read before; "
		    "each is counted once", operand, f->skipped);
	else if (f->skipped_copy)
		lt_warn("'%s' has the same content as '%s'; it is counted "
		    "once", f->skipped_name, f->earlier_name);
	else if (strcmp(f->skipped_name, f->earlier_name) == 0)
		lt_warn("'%s' was already read; it is counted once",
		    f->skipped_name);
	else
		lt_warn("'%s' is the same file as '%s'; it is counted once",
		    f->skipped_name, f->earlier_name);
}

/* A source whose first bytes were read ahead into head. */
struct head_reader {
	const char	*head;
	size_t		 len, pos;
	struct lt_source *src;
};

static ssize_t
read_source(void *ctx, void *buf, size_t cap)
{
	struct head_reader *h = ctx;
	size_t n = h->len - h->pos;

	if (n == 0)
		return lt_source_read(h->src, buf, cap);
	if (n > cap)
		n = cap;
	memcpy(buf, h->head + h->pos, n);
	h->pos += n;
	return (ssize_t)n;
}

/* Reads up to HEAD_MAX bytes of src into head. Returns the count, or -1
 * with lt_error() set. */
static ssize_t
read_head(struct lt_source *src, char *head)
{
	size_t got = 0;

	while (got < HEAD_MAX) {
		ssize_t n = lt_source_read(src, head + got, HEAD_MAX - got);

		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/*
 * True unless --request-pattern is given (its lines may have any prefix)
 * or LOGTOOL_ANALYZE_FULLPARSE is set to a non-empty value. The counts
 * need only what request scanning keeps (scan.h): the time and level of
 * every record, and the full text of request lines and of records at WRN
 * or above. Parsing everything gives the same output, slower.
 */
static bool
scan_requests(const struct an_options *opts)
{
	const char *full = getenv("LOGTOOL_ANALYZE_FULLPARSE");

	if (opts->request_pattern != NULL)
		return false;
	return full == NULL || *full == '\0';
}

/* Counts the records of src, whose first len bytes are in head. */
static int
count_source(struct feed *f, struct lt_source *src, const char *head,
    size_t len)
{
	struct head_reader h = { head, len, 0, src };
	struct lt_parser *p;
	struct lt_record rec;
	int rc;

	if ((p = lt_parser_new(read_source, &h)) == NULL)
		return -1;
	lt_parser_scan_requests(p, scan_requests(f->opts));
	while ((rc = lt_parser_next(p, &rec)) == 1)
		if (count_record(f, &rec) == -1) {
			rc = -1;
			break;
		}
	lt_parser_free(p);
	return rc;
}

static int
count_reopened(struct lt_source *src, void *ctx)
{
	return count_source(ctx, src, NULL, 0);
}

static int
feed_source(struct lt_source *src, void *ctx)
{
	struct feed *f = ctx;
	const struct lt_source_info *info = lt_source_info(src);
	struct an_read_source *entry;
	size_t index;
	uint64_t hash;
	ssize_t len;
	int rc;

	f->source++;
	/* A file operand yields more than one source only as a tar
	 * bundle, whose sources are its members. */
	f->final_source = f->last_operand && info->member == NULL;
	index = member_index(f, info);
	if (read_before(f, info, index))
		return 0;
	if ((len = read_head(src, f->head)) < 0)
		return -1;
	hash = XXH3_64bits(f->head, (size_t)len);
	if ((entry = an_read_remember(&f->read, info, index, hash,
	    (size_t)len)) == NULL ||
	    (rc = check_copy(f, src, entry)) == -1)
		return -1;
	if (rc == COPY_SAME)
		return 0;
	if (rc == COPY_READ)
		return an_source_reopen(info, index, count_reopened, f);
	return count_source(f, src, f->head, (size_t)len);
}

/*
 * Reads every operand ("-" for standard input) into d. Returns 0, or -1
 * with lt_error() set.
 */
int
an_feed_files(struct an_data *d, const struct an_options *opts,
    char **operands, int noperands)
{
	struct feed f = { d, opts, { NULL, NULL, 0, 0 }, NULL, { NULL, 0 },
	    { 1, 0, 0 }, 0, false, false, { NULL, 0, 0 }, 0, "", "", false,
	    NULL, false, 0, 0, 0 };
	int rc = 0;

	if (an_excluder_init(&f.excluder, opts) == -1)
		return lt_error_errno("cannot allocate the excluded paths");
	if (an_pattern_new(opts->request_pattern, &f.pattern) == -1) {
		an_excluder_free(&f.excluder);
		return -1;
	}
	if ((f.head = malloc(HEAD_MAX)) == NULL) {
		an_pattern_free(f.pattern);
		an_excluder_free(&f.excluder);
		return lt_error_errno("cannot allocate a read buffer");
	}
	for (int i = 0; i < noperands && rc == 0; i++) {
		uint32_t before = f.source;
		struct stat sb;

		f.last_operand = i == noperands - 1 &&
		    (strcmp(operands[i], "-") == 0 ||
		    (stat(operands[i], &sb) == 0 && !S_ISDIR(sb.st_mode)));
		f.skipped = 0;
		f.in_bundle = false;
		if (lt_source_foreach(operands[i], feed_source, &f) != 0)
			rc = -1;
		else if (f.source == before)
			rc = lt_error_set("no Serilog log files or bundles in "
			    "'%s'", operands[i]);
		warn_skipped(&f, operands[i]);
	}
	an_pattern_free(f.pattern);
	an_excluder_free(&f.excluder);
	an_read_free(&f.read);
	free(f.head);
	free(f.seen.keys);
	free(f.seen.owners);
	return rc;
}
