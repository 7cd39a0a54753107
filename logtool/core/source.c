#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>
#include <zstd.h>

#include "error.h"
#include "logname.h"
#include "source.h"

#define RAW_BUFSIZE	(256 * 1024)	/* bytes read from disk at a time */
#define TAR_BUFSIZE	(256 * 1024)	/* decompressed bytes for libarchive */
#define TAR_END_LEN	1024		/* two zero blocks end a tar */
#define HEAD_SIZE	512		/* one tar header block */
#define TAR_MAGIC_AT	257		/* offset of "ustar" in a tar header */
#define TAR_MAGIC_END	(TAR_MAGIC_AT + 5)
#define MANIFEST_NAME	"MANIFEST.sha256"

/*
 * One open source. Compressed bytes come from a file descriptor, or from
 * libarchive for a tar member, into raw[]; the decoder turns them into the
 * bytes that lt_source_read() returns. head[] contains decompressed bytes
 * that were decoded ahead to look for a tar header and are returned first.
 */
struct lt_source {
	struct lt_source_info info;
	char		*name;
	char		*path;
	char		*member;

	int		 fd;		/* -1 for a tar member */
	bool		 close_fd;	/* false for standard input */
	bool		 streamed;	/* a pipe, FIFO, device or member */
	struct archive	*ar;		/* the bundle a member is read from */

	enum lt_codec	 decoder;	/* codec of this source's own bytes */
	unsigned char	*raw;
	size_t		 raw_pos;
	size_t		 raw_len;
	bool		 raw_eof;

	unsigned char	 head[HEAD_SIZE];
	size_t		 head_pos;
	size_t		 head_len;

	z_stream	 zs;
	bool		 zs_ready;
	ZSTD_DCtx	*zd;
	bool		 zstd_in_frame;	/* a zstd frame is not finished */
	bool		 zstd_ended;	/* a zstd frame was finished */
	bool		 zstd_flush;	/* zstd may hold more output */

	bool		 done;		/* the decoder reached its end or
					   failed; reads return 0 */
	bool		 truncated;	/* the compressed stream ended
					   early (warned) */
	bool		 ended;		/* a bundle: its stream reached its
					   end while libarchive read it */
	bool		 cut_warned;	/* a bundle: a member was warned
					   about as cut short */
	struct lt_source *outer;	/* a member's decompressed bundle */
	const char	*block;		/* a member: bytes of libarchive's */
	size_t		 block_len;	/* last data block not yet read */
	int64_t		 block_end;	/* member offset after them */
	int64_t		 hole;		/* NUL bytes of a sparse member's
					   hole to read before them */
	int64_t		 member_size;	/* a member's size in its header,
					   holes included; -1 if unknown */
	char		*error;		/* a decoding error to return once
					   the bytes before it are read */
	uint64_t	 decoded;	/* decompressed bytes produced */
};

/* A tar bundle being expanded into one source per member. */
struct bundle {
	struct lt_source *outer;	/* the decompressed tar stream */
	struct archive	*ar;
	unsigned char	*buf;		/* TAR_BUFSIZE bytes for libarchive */
	bool		 outer_failed;	/* lt_error() holds the cause */
	unsigned char	 tail[TAR_END_LEN];	/* the last bytes of the */
	size_t		 tail_len;		/* stream read so far */
};

const struct lt_source_info *
lt_source_info(const struct lt_source *src)
{
	return &src->info;
}

enum lt_codec
lt_codec_detect(const unsigned char *head, size_t len)
{
	if (len >= 2 && head[0] == 0x1f && head[1] == 0x8b)
		return LT_CODEC_GZIP;
	if (len >= 4 && head[0] == 0x28 && head[1] == 0xb5 &&
	    head[2] == 0x2f && head[3] == 0xfd)
		return LT_CODEC_ZSTD;
	/* A skippable frame (50-5f 2a 4d 18), as pzstd writes first. */
	if (len >= 4 && (head[0] & 0xf0) == 0x50 && head[1] == 0x2a &&
	    head[2] == 0x4d && head[3] == 0x18)
		return LT_CODEC_ZSTD;
	return LT_CODEC_PLAIN;
}

/* Raw input: the bytes as stored, before decompression. */

/* True when libarchive's error comes from the bundle's stream ending
 * early: its compressed stream was cut, or its tar data was. */
static bool
bundle_cut(const struct lt_source *outer)
{
	return outer->truncated || outer->ended;
}

/*
 * Takes the member's next data block from libarchive. A member cut short
 * by the end of its bundle ends there with a warning, as a truncated
 * compressed file does. Blocks are taken one at a time because
 * archive_read_data() drops the bytes it gathered before an error. The
 * hole before a block of a sparse member reads as NUL bytes. Returns 1,
 * 0 at the end, or -1.
 */
static int
next_block(struct lt_source *src)
{
	const void *p;
	size_t size;
	la_int64_t offset;
	int r = archive_read_data_block(src->ar, &p, &size, &offset);

	if (r == ARCHIVE_EOF) {
		/* A hole at the end of a sparse member has no block. */
		if (src->member_size <= src->block_end)
			return 0;
		src->hole = src->member_size - src->block_end;
		src->block_end = src->member_size;
		return 1;
	}
	if (r < ARCHIVE_WARN) {
		if (!bundle_cut(src->outer))
			return lt_error_set("cannot read '%s': %s", src->name,
			    archive_error_string(src->ar));
		lt_warn("'%s': member cut short by the truncated bundle",
		    src->name);
		src->outer->cut_warned = true;
		return 0;
	}
	src->hole = offset > src->block_end ? offset - src->block_end : 0;
	src->block = p;
	src->block_len = size;
	src->block_end = offset + (int64_t)size;
	return 1;
}

/* Reads a tar member's bytes. */
static ssize_t
member_read(struct lt_source *src, void *buf, size_t cap)
{
	size_t n;
	int r;

	while (src->hole == 0 && src->block_len == 0)
		if ((r = next_block(src)) <= 0)
			return r;
	if (src->hole > 0) {
		n = src->hole < (int64_t)cap ? (size_t)src->hole : cap;
		memset(buf, 0, n);
		src->hole -= (int64_t)n;
		return (ssize_t)n;
	}
	n = src->block_len < cap ? src->block_len : cap;
	memcpy(buf, src->block, n);
	src->block += n;
	src->block_len -= n;
	return (ssize_t)n;
}

static ssize_t
raw_read_direct(struct lt_source *src, void *buf, size_t cap)
{
	ssize_t n;

	if (src->ar != NULL)
		return member_read(src, buf, cap);
	do {
		n = read(src->fd, buf, cap);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return lt_error_errno("cannot read '%s'", src->name);
	return n;
}

static size_t
raw_avail(const struct lt_source *src)
{
	return src->raw_len - src->raw_pos;
}

/*
 * Reads until at least want bytes are buffered or the input ends. The
 * unread bytes move to the start of raw[] first.
 */
static int
raw_fill(struct lt_source *src, size_t want)
{
	ssize_t n;

	if (raw_avail(src) >= want)
		return 0;
	if (src->raw_pos > 0) {
		memmove(src->raw, src->raw + src->raw_pos,
		    src->raw_len - src->raw_pos);
		src->raw_len -= src->raw_pos;
		src->raw_pos = 0;
	}
	while (src->raw_len < want && !src->raw_eof) {
		n = raw_read_direct(src, src->raw + src->raw_len,
		    RAW_BUFSIZE - src->raw_len);
		if (n < 0)
			return -1;
		if (n == 0)
			src->raw_eof = true;
		src->raw_len += (size_t)n;
	}
	return 0;
}

/* Decoders: each fills out[0..cap) and returns the count, 0 at the end. */

/*
 * Copies buffered bytes first. After that, a large read goes straight
 * into the caller's buffer, and a small one refills raw[] so that it
 * does not cost one system call per call.
 */
static ssize_t
plain_read(struct lt_source *src, unsigned char *out, size_t cap)
{
	size_t n;
	ssize_t got;

	if (raw_avail(src) == 0 && cap < RAW_BUFSIZE / 4 &&
	    raw_fill(src, 1) < 0)
		return -1;
	n = raw_avail(src);
	if (n > 0) {
		n = n < cap ? n : cap;
		memcpy(out, src->raw + src->raw_pos, n);
		src->raw_pos += n;
		return (ssize_t)n;
	}
	if (src->raw_eof)
		return 0;
	if ((got = raw_read_direct(src, out, cap)) == 0)
		src->raw_eof = true;
	return got;
}

/*
 * Moves to the next member of a multi-member gzip file, or ends the stream
 * when no bytes follow. Bytes other than a gzip header after a member are
 * ignored with a warning, as gzip -d does.
 */
static int
gzip_next_member(struct lt_source *src)
{
	const unsigned char *p;

	if (raw_fill(src, 2) < 0)
		return -1;
	p = src->raw + src->raw_pos;
	if (raw_avail(src) == 0) {
		src->done = true;
	} else if (raw_avail(src) >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
		inflateReset(&src->zs);
	} else {
		lt_warn("'%s': trailing bytes after gzip data ignored",
		    src->name);
		src->done = true;
	}
	return 0;
}

/*
 * Ends decoding after the error in lt_error(). Bytes that the failing call
 * still produced are returned first; the error comes with the next read.
 */
static ssize_t
decode_failed(struct lt_source *src, size_t produced)
{
	src->done = true;
	if (produced == 0)
		return -1;
	if ((src->error = strdup(lt_error())) == NULL)
		return lt_error_set("out of memory reading '%s'", src->name);
	return (ssize_t)produced;
}

static ssize_t
gzip_read(struct lt_source *src, unsigned char *out, size_t cap)
{
	z_stream *zs = &src->zs;
	uInt room = cap > UINT_MAX ? UINT_MAX : (uInt)cap;
	int ret;

	zs->next_out = out;
	zs->avail_out = room;
	while (zs->avail_out == room && !src->done) {
		if (raw_avail(src) == 0) {
			if (raw_fill(src, 1) < 0)
				return -1;
			if (raw_avail(src) == 0) {
				lt_warn("'%s': truncated gzip stream; read "
				    "%llu bytes", src->name,
				    (unsigned long long)(src->decoded +
				    (room - zs->avail_out)));
				src->done = true;
				src->truncated = true;
				break;
			}
		}
		zs->next_in = src->raw + src->raw_pos;
		zs->avail_in = (uInt)raw_avail(src);
		ret = inflate(zs, Z_NO_FLUSH);
		src->raw_pos = src->raw_len - zs->avail_in;
		if (ret == Z_STREAM_END) {
			if (gzip_next_member(src) < 0)
				return -1;
		} else if (ret != Z_OK) {
			lt_error_set("invalid gzip data in '%s': %s",
			    src->name, zs->msg != NULL ? zs->msg :
			    "inflate failed");
			return decode_failed(src, room - zs->avail_out);
		}
	}
	return (ssize_t)(room - zs->avail_out);
}

/*
 * Decodes zstd frames until the input ends. Bytes after a finished frame
 * that do not start another one are ignored with a warning, as for gzip.
 */
static ssize_t
zstd_read(struct lt_source *src, unsigned char *out, size_t cap)
{
	ZSTD_outBuffer ob = { out, cap, 0 };
	ZSTD_inBuffer ib;
	size_t ret, in_before;

	while (ob.pos == 0 && !src->done) {
		if (raw_avail(src) == 0 && !src->zstd_flush) {
			if (raw_fill(src, 1) < 0)
				return -1;
			if (raw_avail(src) == 0) {
				if (src->zstd_in_frame) {
					lt_warn("'%s': truncated zstd stream; "
					    "read %llu bytes", src->name,
					    (unsigned long long)src->decoded);
					src->truncated = true;
				}
				src->done = true;
				break;
			}
		}
		ib.src = src->raw;
		ib.size = src->raw_len;
		ib.pos = in_before = src->raw_pos;
		ret = ZSTD_decompressStream(src->zd, &ob, &ib);
		src->raw_pos = ib.pos;
		/* A call that neither read nor wrote a byte only flushed the
		 * output. After a frame's end, its input hint requests the
		 * header of a next frame, but none follows. */
		if (!ZSTD_isError(ret) && ib.pos == in_before && ob.pos == 0) {
			src->zstd_flush = false;
			continue;
		}
		if (ZSTD_isError(ret) && src->zstd_ended &&
		    !src->zstd_in_frame) {
			lt_warn("'%s': trailing bytes after zstd data ignored",
			    src->name);
			src->done = true;
			break;
		}
		if (ZSTD_isError(ret)) {
			lt_error_set("invalid zstd data in '%s': %s",
			    src->name, ZSTD_getErrorName(ret));
			return decode_failed(src, ob.pos);
		}
		src->zstd_in_frame = ret != 0;
		src->zstd_ended |= ret == 0;
		src->zstd_flush = ob.pos == ob.size;
	}
	return (ssize_t)ob.pos;
}

static ssize_t
decode(struct lt_source *src, unsigned char *out, size_t cap)
{
	ssize_t n;

	if (src->error != NULL)
		return lt_error_set("%s", src->error);
	switch (src->decoder) {
	case LT_CODEC_GZIP:
		n = gzip_read(src, out, cap);
		break;
	case LT_CODEC_ZSTD:
		n = zstd_read(src, out, cap);
		break;
	default:
		n = plain_read(src, out, cap);
		break;
	}
	if (n > 0)
		src->decoded += (uint64_t)n;
	return n;
}

ssize_t
lt_source_read(struct lt_source *src, void *buf, size_t cap)
{
	size_t n = src->head_len - src->head_pos;

	if (cap == 0)
		return 0;
	if (n > 0) {
		n = n < cap ? n : cap;
		memcpy(buf, src->head + src->head_pos, n);
		src->head_pos += n;
		return (ssize_t)n;
	}
	return decode(src, buf, cap);
}

/* Opening and closing. */

void
lt_source_close(struct lt_source *src)
{
	if (src == NULL)
		return;
	if (src->zs_ready)
		inflateEnd(&src->zs);
	ZSTD_freeDCtx(src->zd);
	if (src->close_fd && src->fd >= 0)
		close(src->fd);
	free(src->raw);
	free(src->error);
	free(src->name);
	free(src->path);
	free(src->member);
	free(src);
}

static struct lt_source *
source_new(const char *name, const char *path, const char *member)
{
	struct lt_source *src;

	if ((src = calloc(1, sizeof(*src))) == NULL)
		goto fail;
	src->fd = -1;
	src->name = strdup(name);
	src->path = strdup(path);
	src->member = member != NULL ? strdup(member) : NULL;
	src->raw = malloc(RAW_BUFSIZE);
	if (src->name == NULL || src->path == NULL || src->raw == NULL ||
	    (member != NULL && src->member == NULL))
		goto fail;
	src->info.name = src->name;
	src->info.path = src->path;
	src->info.member = src->member;
	src->info.size = -1;
	src->info.mtime = -1;
	return src;
fail:
	lt_error_set("out of memory opening '%s'", name);
	lt_source_close(src);
	return NULL;
}

/* Tells whether a stream starting with byte c may be gzip or zstd. */
static bool
may_start_magic(unsigned char c)
{
	return c == 0x1f || c == 0x28 || (c & 0xf0) == 0x50;
}

/*
 * Reads the first bytes and sets up the decoder that they call for. Only
 * a first byte that may start a magic number makes it wait for 4 bytes,
 * so a pipe that delivers a short first line is not held back.
 */
static int
start_decoder(struct lt_source *src)
{
	if (raw_fill(src, 1) < 0)
		return -1;
	if (raw_avail(src) > 0 && may_start_magic(src->raw[src->raw_pos]) &&
	    raw_fill(src, 4) < 0)
		return -1;
	src->decoder = lt_codec_detect(src->raw + src->raw_pos, raw_avail(src));
	if (src->decoder == LT_CODEC_GZIP) {
		if (inflateInit2(&src->zs, 16 + MAX_WBITS) != Z_OK)
			return lt_error_set("cannot start gzip decoding of "
			    "'%s': %s", src->name, src->zs.msg != NULL ?
			    src->zs.msg : "out of memory");
		src->zs_ready = true;
	} else if (src->decoder == LT_CODEC_ZSTD) {
		if ((src->zd = ZSTD_createDCtx()) == NULL)
			return lt_error_set("cannot start zstd decoding of "
			    "'%s': out of memory", src->name);
	}
	return 0;
}

static void
set_file_info(struct lt_source *src, const struct stat *st, bool is_stdin)
{
	src->streamed = !S_ISREG(st->st_mode);
	if (!is_stdin) {
		src->info.dev = st->st_dev;
		src->info.ino = st->st_ino;
	}
	if (S_ISREG(st->st_mode)) {
		src->info.size = (int64_t)st->st_size;
		src->info.mtime = (int64_t)st->st_mtime;
	}
}

/*
 * Makes a source of an open descriptor, which it takes over (except
 * standard input, which it leaves open). Returns NULL with lt_error() set.
 */
static struct lt_source *
source_from_fd(int fd, const char *name, bool is_stdin)
{
	struct lt_source *src;
	struct stat st;

	if (fstat(fd, &st) < 0) {
		lt_error_errno("cannot open '%s'", name);
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		lt_error_errno("cannot read '%s'", name);
		goto fail;
	}
	if ((src = source_new(name, name, NULL)) == NULL)
		goto fail;
	src->fd = fd;
	src->close_fd = !is_stdin;
	set_file_info(src, &st, is_stdin);
	if (S_ISREG(st.st_mode))
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	if (start_decoder(src) < 0) {
		lt_source_close(src);
		return NULL;
	}
	src->info.codec = src->decoder;
	return src;
fail:
	if (!is_stdin)
		close(fd);
	return NULL;
}

struct lt_source *
lt_source_open_file(const char *path)
{
	int fd;

	if (strcmp(path, "-") == 0)
		return source_from_fd(STDIN_FILENO, "-", true);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		lt_error_errno("cannot open '%s'", path);
		return NULL;
	}
	return source_from_fd(fd, path, false);
}

/* Tar bundles. */

/* Tells whether decompressed bytes start with a tar header. */
static bool
head_is_tar(const unsigned char *p, size_t len)
{
	return len >= TAR_MAGIC_END &&
	    memcmp(p + TAR_MAGIC_AT, "ustar", 5) == 0;
}

/*
 * Tells whether enough of the stream is buffered to decide whether it is
 * a tar. A file is always read up to the magic. A streamed source stops
 * at its first line end before offset 257, because a slow pipe of log
 * text must not be held back waiting for more bytes.
 */
static bool
head_is_complete(const struct lt_source *src, const unsigned char *p,
    size_t len)
{
	size_t scan = len < TAR_MAGIC_AT ? len : TAR_MAGIC_AT;

	return len >= TAR_MAGIC_END ||
	    (src->streamed && memchr(p, '\n', scan) != NULL);
}

static int
peek_tar(struct lt_source *src, bool *is_tar)
{
	ssize_t n;

	if (src->decoder == LT_CODEC_PLAIN) {
		while (!src->raw_eof && !head_is_complete(src,
		    src->raw + src->raw_pos, raw_avail(src)))
			if (raw_fill(src, raw_avail(src) + 1) < 0)
				return -1;
		*is_tar = head_is_tar(src->raw + src->raw_pos,
		    raw_avail(src));
		return 0;
	}
	while (!head_is_complete(src, src->head, src->head_len)) {
		n = decode(src, src->head + src->head_len,
		    HEAD_SIZE - src->head_len);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		src->head_len += (size_t)n;
	}
	*is_tar = head_is_tar(src->head, src->head_len);
	return 0;
}

/* Keeps the last TAR_END_LEN bytes of the stream given to libarchive. */
static void
keep_tail(struct bundle *b, size_t n)
{
	if (n >= TAR_END_LEN) {
		memcpy(b->tail, b->buf + n - TAR_END_LEN, TAR_END_LEN);
		b->tail_len = TAR_END_LEN;
		return;
	}
	if (b->tail_len + n > TAR_END_LEN) {
		size_t drop = b->tail_len + n - TAR_END_LEN;

		memmove(b->tail, b->tail + drop, b->tail_len - drop);
		b->tail_len -= drop;
	}
	memcpy(b->tail + b->tail_len, b->buf, n);
	b->tail_len += n;
}

/*
 * True when a tar that libarchive read to its end lacks the two zero
 * blocks that end a tar: the stream ended, and its last TAR_END_LEN bytes
 * are not all zero. A tar cut where a member header would start reads as
 * a complete tar to libarchive.
 */
static bool
missing_end(const struct bundle *b)
{
	if (!b->outer->ended)
		return false;
	if (b->tail_len < TAR_END_LEN)
		return true;
	for (size_t i = 0; i < TAR_END_LEN; i++)
		if (b->tail[i] != 0)
			return true;
	return false;
}

static la_ssize_t
bundle_read_cb(struct archive *ar, void *ctx, const void **buf)
{
	struct bundle *b = ctx;
	ssize_t n;

	*buf = b->buf;
	n = lt_source_read(b->outer, b->buf, TAR_BUFSIZE);
	if (n < 0) {
		b->outer_failed = true;
		archive_set_error(ar, EIO, "%s", lt_error());
	}
	if (n == 0)
		b->outer->ended = true;
	if (n > 0)
		keep_tail(b, (size_t)n);
	return n;
}

/*
 * Opens the tar reader over the already decompressed stream: this module
 * decodes gzip and zstd itself, so a bundle gets the same multi-member
 * and truncation handling as a single compressed file, and libarchive
 * only parses the tar format.
 */
static int
bundle_open(struct bundle *b, struct lt_source *outer)
{
	memset(b, 0, sizeof(*b));
	b->outer = outer;
	if ((b->buf = malloc(TAR_BUFSIZE)) == NULL ||
	    (b->ar = archive_read_new()) == NULL)
		return lt_error_set("out of memory opening bundle '%s'",
		    outer->name);
	archive_read_support_format_tar(b->ar);
	if (archive_read_open(b->ar, b, NULL, bundle_read_cb, NULL) !=
	    ARCHIVE_OK)
		return lt_error_set("cannot read bundle '%s': %s",
		    outer->name, archive_error_string(b->ar));
	return 0;
}

static void
bundle_close(struct bundle *b)
{
	if (b->ar != NULL)
		archive_read_free(b->ar);
	free(b->buf);
}

static bool
is_manifest(const char *member)
{
	const char *base = strrchr(member, '/');

	base = base != NULL ? base + 1 : member;
	return strcmp(base, MANIFEST_NAME) == 0;
}

/* Makes the source for the member whose header was just read. */
static struct lt_source *
member_open(struct bundle *b, struct archive_entry *entry)
{
	const char *member = archive_entry_pathname(entry);
	struct lt_source *outer = b->outer, *src;
	char *name;

	if (asprintf(&name, "%s:%s", outer->name, member) < 0) {
		lt_error_set("out of memory opening '%s'", outer->name);
		return NULL;
	}
	src = source_new(name, outer->path, member);
	free(name);
	if (src == NULL)
		return NULL;
	src->ar = b->ar;
	src->outer = outer;
	src->member_size = archive_entry_size_is_set(entry) ?
	    archive_entry_size(entry) : -1;
	src->streamed = true;
	src->info.codec = outer->info.codec;
	src->info.size = outer->info.size;
	src->info.mtime = outer->info.mtime;
	src->info.dev = outer->info.dev;
	src->info.ino = outer->info.ino;
	if (start_decoder(src) < 0) {
		lt_source_close(src);
		return NULL;
	}
	return src;
}

static int
bundle_foreach(struct lt_source *outer, lt_source_fn fn, void *ctx)
{
	struct archive_entry *entry;
	struct lt_source *src;
	struct bundle b;
	int r, rc = 0;

	if (bundle_open(&b, outer) < 0) {
		bundle_close(&b);
		return -1;
	}
	while (rc == 0) {
		r = archive_read_next_header(b.ar, &entry);
		if (r == ARCHIVE_EOF) {
			if (missing_end(&b) && !outer->truncated)
				lt_warn("'%s': tar data cut short after a "
				    "member", outer->name);
			break;
		}
		/* A bundle cut short is the members read so far; a cut
		 * compressed stream was warned about already. */
		if (r == ARCHIVE_FATAL && bundle_cut(outer) &&
		    !b.outer_failed) {
			if (!outer->truncated && !outer->cut_warned)
				lt_warn("'%s': tar data cut short",
				    outer->name);
			break;
		}
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			if (!b.outer_failed)
				lt_error_set("cannot read bundle '%s': %s",
				    outer->name, archive_error_string(b.ar));
			rc = -1;
			break;
		}
		if (archive_entry_filetype(entry) != AE_IFREG ||
		    is_manifest(archive_entry_pathname(entry)))
			continue;
		if ((src = member_open(&b, entry)) == NULL) {
			rc = -1;
			break;
		}
		rc = fn(src, ctx);
		lt_source_close(src);
	}
	bundle_close(&b);
	return rc;
}

/* Calls fn for an opened source, or for each member when it is a tar. */
static int
expand_source(struct lt_source *src, lt_source_fn fn, void *ctx)
{
	bool is_tar;
	int rc;

	if (peek_tar(src, &is_tar) < 0)
		rc = -1;
	else if (is_tar)
		rc = bundle_foreach(src, fn, ctx);
	else
		rc = fn(src, ctx);
	lt_source_close(src);
	return rc;
}

/* Directories. */

static bool
is_bundle_name(const char *name)
{
	return fnmatch("aura-logs-*.tar", name, 0) == 0 ||
	    fnmatch("aura-logs-*.tar.gz", name, 0) == 0 ||
	    fnmatch("aura-logs-*.tar.zst", name, 0) == 0;
}

static bool
is_selected_name(const char *name)
{
	struct lt_logname parsed;

	return is_bundle_name(name) || lt_logname_parse(name, &parsed);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
free_names(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

/* Lists the selected names in dir, sorted. */
static int
list_dir(DIR *dir, const char *path, char ***out, size_t *count)
{
	struct dirent *de;
	char **names = NULL, **grown;
	size_t n = 0, cap = 0;

	for (;;) {
		errno = 0;
		if ((de = readdir(dir)) == NULL)
			break;
		if (!is_selected_name(de->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((grown = realloc(names, cap * sizeof(*names))) ==
			    NULL)
				goto nomem;
			names = grown;
		}
		if ((names[n] = strdup(de->d_name)) == NULL)
			goto nomem;
		n++;
	}
	if (errno != 0) {
		free_names(names, n);
		return lt_error_errno("cannot read directory '%s'", path);
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), compare_names);
	*out = names;
	*count = n;
	return 0;
nomem:
	free_names(names, n);
	return lt_error_set("out of memory listing '%s'", path);
}

static char *
join_path(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	char *path;

	if (asprintf(&path, "%s%s%s", dir, len > 0 && dir[len - 1] == '/' ?
	    "" : "/", name) < 0)
		return NULL;
	return path;
}

/*
 * Opens one directory entry and expands it. Symbolic links and files
 * other than regular files are skipped with a warning, and so is a file
 * that disappeared after the listing (a rotation moved it away).
 */
static int
expand_dir_entry(int dirfd, const char *name, const char *path,
    lt_source_fn fn, void *ctx)
{
	struct lt_source *src;
	struct stat st;
	int fd;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode)) {
		lt_warn("skipping symbolic link '%s'", path);
		return 0;
	}
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK);
	if (fd < 0 && errno == ENOENT) {
		lt_warn("skipping '%s': %s", path, strerror(errno));
		return 0;
	}
	if (fd < 0)
		return lt_error_errno("cannot open '%s'", path);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		lt_warn("skipping '%s': not a regular file", path);
		return 0;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if ((src = source_from_fd(fd, path, false)) == NULL)
		return -1;
	return expand_source(src, fn, ctx);
}

/* The caller's callback, wrapped to tell its stop from a file's error. */
struct dir_walk {
	lt_source_fn	 fn;
	void		*ctx;
	int		 stop;		/* the callback's non-zero return */
};

static int
dir_walk_fn(struct lt_source *src, void *ctx)
{
	struct dir_walk *w = ctx;

	return w->stop = w->fn(src, w->ctx);
}

/*
 * Expands each selected file of a directory. A file that cannot be opened
 * or read does not stop the others: its error becomes a warning, and the
 * directory fails once all were tried.
 */
static int
dir_foreach(int fd, const char *path, lt_source_fn fn, void *ctx)
{
	struct dir_walk w = { fn, ctx, 0 };
	char **names = NULL, *entry_path;
	size_t count = 0, failed = 0;
	DIR *dir;
	int rc = 0;

	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return lt_error_errno("cannot read directory '%s'", path);
	}
	if (list_dir(dir, path, &names, &count) < 0) {
		closedir(dir);
		return -1;
	}
	for (size_t i = 0; i < count && rc == 0; i++) {
		if ((entry_path = join_path(path, names[i])) == NULL) {
			rc = lt_error_set("out of memory listing '%s'", path);
			break;
		}
		rc = expand_dir_entry(dirfd(dir), names[i], entry_path,
		    dir_walk_fn, &w);
		free(entry_path);
		if (rc != 0 && w.stop == 0) {
			lt_warn("%s", lt_error());
			failed++;
			rc = 0;
		}
	}
	free_names(names, count);
	closedir(dir);
	if (rc == 0 && failed > 0)
		rc = lt_error_set("cannot read %zu of the files in '%s'",
		    failed, path);
	return rc;
}

int
lt_source_foreach(const char *operand, lt_source_fn fn, void *ctx)
{
	struct lt_source *src;
	struct stat st;
	int fd;

	if (strcmp(operand, "-") == 0) {
		if ((src = source_from_fd(STDIN_FILENO, "-", true)) == NULL)
			return -1;
		return expand_source(src, fn, ctx);
	}
	if ((fd = open(operand, O_RDONLY | O_CLOEXEC)) < 0)
		return lt_error_errno("cannot open '%s'", operand);
	if (fstat(fd, &st) < 0) {
		close(fd);
		return lt_error_errno("cannot open '%s'", operand);
	}
	if (S_ISDIR(st.st_mode))
		return dir_foreach(fd, operand, fn, ctx);
	if ((src = source_from_fd(fd, operand, false)) == NULL)
		return -1;
	return expand_source(src, fn, ctx);
}
