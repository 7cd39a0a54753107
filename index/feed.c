#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "error.h"
#include "feed.h"

#define DISCARD_CHUNK (64 * 1024)

/*
 * A forward-only feed that checks a candidate content ending at most this
 * many bytes after its head keeps every byte it reads past the head. It
 * can then start again at offset 0 when no candidate matches, as for a
 * bundle member that is a prefix of an earlier member, because a member
 * cannot be opened again.
 */
#define KEEP_ALL_MAX (8u << 20)

static ssize_t
source_read(struct idx_feed *f, void *buf, size_t cap)
{
	ssize_t n;

	if (f->fd == -1)
		n = lt_source_read(f->src, buf, cap);
	else {
		do
			n = read(f->fd, buf, cap);
		while (n == -1 && errno == EINTR);
		if (n == -1)
			lt_error_errno("cannot read '%s'", f->info->name);
	}
	if (n > 0) {
		f->src_pos += (uint64_t)n;
		f->bytes_read += (uint64_t)n;
	}
	return n;
}

/* Reads until cap bytes or the end; returns the count or -1. */
static ssize_t
source_read_full(struct idx_feed *f, unsigned char *buf, size_t cap)
{
	size_t got = 0;
	ssize_t n;

	while (got < cap) {
		n = source_read(f, buf + got, cap - got);
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static void
window_push(unsigned char *window, size_t *window_len,
    const unsigned char *data, size_t n)
{
	if (n >= IDX_BLOCK) {
		memcpy(window, data + n - IDX_BLOCK, IDX_BLOCK);
		*window_len = IDX_BLOCK;
		return;
	}
	if (*window_len + n > IDX_BLOCK) {
		size_t drop = *window_len + n - IDX_BLOCK;
		memmove(window, window + drop, *window_len - drop);
		*window_len -= drop;
	}
	memcpy(window + *window_len, data, n);
	*window_len += n;
}

/* Opens a plain regular file's own descriptor when src is one. */
static void
open_direct(struct idx_feed *f)
{
	const struct lt_source_info *info = f->info;
	struct stat sb;
	int fd;

	if (info->member != NULL || info->codec != LT_CODEC_PLAIN ||
	    strcmp(info->path, "-") == 0)
		return;
	fd = open(info->path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_dev != info->dev || sb.st_ino != info->ino) {
		close(fd);
		return;
	}
	f->fd = fd;
	f->size = (uint64_t)sb.st_size;
}

static int
read_head(struct idx_feed *f)
{
	ssize_t n;

	n = source_read_full(f, f->head, IDX_BLOCK);
	if (n == -1)
		return -1;
	f->head_len = (size_t)n;
	f->window_len = 0;
	window_push(f->window, &f->window_len, f->head, f->head_len);
	return 0;
}

int
idx_feed_open(struct idx_feed *f, struct lt_source *src)
{
	struct lt_buf empty = LT_BUF_INIT;

	memset(f, 0, sizeof(*f));
	f->keep = empty;
	f->src = src;
	f->info = lt_source_info(src);
	f->fd = -1;
	f->keep_start = UINT64_MAX;
	open_direct(f);
	return read_head(f);
}

void
idx_feed_close(struct idx_feed *f)
{
	if (f->fd != -1)
		close(f->fd);
	f->fd = -1;
	if (f->reopened != NULL)
		lt_source_close(f->reopened);
	f->reopened = NULL;
	lt_buf_free(&f->keep);
}

bool
idx_feed_seekable(const struct idx_feed *f)
{
	return f->fd != -1;
}

int64_t
idx_feed_head_hash(const struct idx_feed *f, size_t n)
{
	return (int64_t)lt_hash64(f->head, n);
}

ssize_t
idx_feed_read(void *ctx, void *buf, size_t cap)
{
	struct idx_feed *f = ctx;
	uint64_t keep_end = f->keep.len > 0 ? f->keep_start + f->keep.len :
	    0;
	size_t n;
	ssize_t got;

	if (f->pos < f->head_len) {
		n = f->head_len - (size_t)f->pos;
		n = n < cap ? n : cap;
		memcpy(buf, f->head + f->pos, n);
	} else if (f->keep.len > 0 && f->pos >= f->keep_start &&
	    f->pos < keep_end) {
		n = (size_t)(keep_end - f->pos);
		n = n < cap ? n : cap;
		memcpy(buf, f->keep.data + (f->pos - f->keep_start), n);
	} else {
		if (f->pos != f->src_pos)
			return lt_error_set("read of '%s' out of order at "
			    "offset %llu", f->info->name,
			    (unsigned long long)f->pos);
		got = source_read(f, buf, cap);
		if (got > 0)
			f->pos += (uint64_t)got;
		return got;
	}
	f->pos += n;
	return (ssize_t)n;
}

/*
 * Reads and discards bytes until src_pos is end, keeping the bytes from
 * keep_from on and a copy of the block before keep_from. Returns 1, 0
 * when the stream ended first, or -1.
 */
static int
discard_to(struct idx_feed *f, uint64_t end, uint64_t keep_from)
{
	unsigned char buf[DISCARD_CHUNK];
	uint64_t want;
	ssize_t n;

	while (f->src_pos < end) {
		want = end - f->src_pos;
		if (f->src_pos < keep_from && keep_from - f->src_pos < want)
			want = keep_from - f->src_pos;
		n = source_read(f, buf, want < sizeof(buf) ? want :
		    sizeof(buf));
		if (n <= 0)
			return (int)n;
		if (f->src_pos - (uint64_t)n >= keep_from &&
		    lt_buf_append(&f->keep, buf, (size_t)n) == -1)
			return -1;
		window_push(f->window, &f->window_len, buf, (size_t)n);
		if (f->src_pos == keep_from) {
			memcpy(f->keep_before, f->window, f->window_len);
			f->keep_before_len = f->window_len;
		}
	}
	return 1;
}

static int
pread_full(struct idx_feed *f, unsigned char *buf, size_t n, uint64_t at)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = pread(f->fd, buf + got, n - got, (off_t)(at + got));
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return lt_error_errno("cannot read '%s'",
			    f->info->name);
		if (r == 0)
			return lt_error_set("'%s' shrank while being read",
			    f->info->name);
		got += (size_t)r;
	}
	return 0;
}

/* Copies the up to IDX_BLOCK bytes before end of a plain file. */
static int
pread_block(struct idx_feed *f, uint64_t end, unsigned char *out,
    size_t *len)
{
	size_t n = end < IDX_BLOCK ? (size_t)end : IDX_BLOCK;

	if (pread_full(f, out, n, end - n) == -1)
		return -1;
	*len = n;
	return 0;
}

int
idx_feed_block_hash(struct idx_feed *f, uint64_t end, uint64_t keep_from,
    int64_t *hash)
{
	unsigned char block[IDX_BLOCK];
	size_t n;
	int rc;

	if (end <= f->head_len) {
		*hash = (int64_t)lt_hash64(f->head, (size_t)end);
		return 1;
	}
	if (f->fd != -1) {
		if (end > f->size)
			return 0;
		if (pread_block(f, end, block, &n) == -1)
			return -1;
		*hash = (int64_t)lt_hash64(block, n);
		return 1;
	}
	if (end < f->src_pos)
		return -2;
	if (end - f->head_len <= KEEP_ALL_MAX)
		keep_from = f->head_len;
	if (keep_from >= f->src_pos) {
		lt_buf_reset(&f->keep);
		f->keep_start = keep_from > f->head_len ? keep_from :
		    f->head_len;
		if (f->keep_start == f->src_pos) {
			memcpy(f->keep_before, f->window, f->window_len);
			f->keep_before_len = f->window_len;
		}
	} else if (f->keep_start > keep_from ||
	    f->keep_start + f->keep.len != f->src_pos) {
		/* The bytes from keep_from on are gone: keep nothing. */
		lt_buf_reset(&f->keep);
		f->keep_start = UINT64_MAX;
	}
	rc = discard_to(f, end, f->keep_start);
	if (rc != 1)
		return rc;
	*hash = (int64_t)lt_hash64(f->window, f->window_len);
	return 1;
}

static int
reopen(struct idx_feed *f)
{
	unsigned char old[IDX_BLOCK];
	size_t old_len = f->head_len;
	struct lt_source *src;

	if (f->info->member != NULL || strcmp(f->info->path, "-") == 0)
		return lt_error_set("cannot read '%s' again to index it as "
		    "new content", f->info->name);
	src = lt_source_open_file(f->info->path);
	if (src == NULL)
		return -1;
	if (f->reopened != NULL)
		lt_source_close(f->reopened);
	f->reopened = f->src = src;
	memcpy(old, f->head, old_len);
	f->src_pos = 0;
	lt_buf_reset(&f->keep);
	f->keep_start = UINT64_MAX;
	if (read_head(f) == -1)
		return -1;
	if (f->head_len != old_len || memcmp(old, f->head, old_len) != 0)
		return lt_error_set("'%s' changed while being read",
		    f->info->name);
	return 0;
}

/*
 * Positions a forward-only feed at offset when the head and the kept
 * bytes cover everything up to the stream's position, and copies the
 * block before offset into before. Returns false when they do not.
 */
static bool
replay_kept(struct idx_feed *f, uint64_t offset, unsigned char *before,
    size_t *before_len)
{
	uint64_t keep_end = f->keep_start + f->keep.len;
	uint64_t at = offset > IDX_BLOCK ? offset - IDX_BLOCK : 0;

	if (f->keep_start != f->head_len || keep_end != f->src_pos ||
	    offset < f->head_len || offset > keep_end)
		return false;
	*before_len = 0;
	while (at < offset) {
		size_t n;

		if (at < f->head_len) {
			n = (size_t)(f->head_len - at);
			memcpy(before + *before_len, f->head + at, n);
		} else {
			n = (size_t)(offset - at);
			memcpy(before + *before_len, f->keep.data +
			    (at - f->keep_start), n);
		}
		*before_len += n;
		at += n;
	}
	return true;
}

/* Positions a forward-only feed at offset (offset >= head_len). */
static int
start_forward(struct idx_feed *f, uint64_t offset, unsigned char *before,
    size_t *before_len)
{
	int rc;

	if (replay_kept(f, offset, before, before_len))
		return 0;
	if (f->keep_start == offset && f->keep_start + f->keep.len ==
	    f->src_pos && offset <= f->src_pos && f->keep_before_len > 0) {
		memcpy(before, f->keep_before, f->keep_before_len);
		*before_len = f->keep_before_len;
		return 0;
	}
	if (offset < f->src_pos && reopen(f) == -1)
		return -1;
	lt_buf_reset(&f->keep);
	f->keep_start = UINT64_MAX;
	rc = discard_to(f, offset, UINT64_MAX);
	if (rc == -1)
		return -1;
	if (rc == 0)
		return lt_error_set("'%s' is shorter than before",
		    f->info->name);
	memcpy(before, f->window, f->window_len);
	*before_len = f->window_len;
	return 0;
}

int
idx_feed_start(struct idx_feed *f, uint64_t offset,
    unsigned char before[IDX_BLOCK], size_t *before_len)
{
	*before_len = 0;
	if (offset <= f->head_len) {
		bool replay_ok = f->src_pos == f->head_len ||
		    (f->keep_start == f->head_len &&
		    f->keep_start + f->keep.len == f->src_pos);

		if (f->fd == -1 && !replay_ok && reopen(f) == -1)
			return -1;
		memcpy(before, f->head, (size_t)offset);
		*before_len = (size_t)offset;
		if (f->fd != -1 && lseek(f->fd, (off_t)f->head_len,
		    SEEK_SET) == -1)
			return lt_error_errno("cannot seek in '%s'",
			    f->info->name);
		if (f->fd != -1)
			f->src_pos = f->head_len;
	} else if (f->fd != -1) {
		if (offset > f->size)
			return lt_error_set("'%s' is shorter than before",
			    f->info->name);
		if (pread_block(f, offset, before, before_len) == -1)
			return -1;
		if (lseek(f->fd, (off_t)offset, SEEK_SET) == -1)
			return lt_error_errno("cannot seek in '%s'",
			    f->info->name);
		f->src_pos = offset;
	} else if (start_forward(f, offset, before, before_len) == -1) {
		return -1;
	}
	f->pos = offset;
	return 0;
}
