/*
 * copytruncate for writers that keep FILE open and append to it.
 *
 * FILE is copied to ".ROTATED.tmp.PID", then again from where the copy
 * stopped until a pass finds little new data. Then:
 *
 *   - On ext4 and XFS the copied prefix is removed from FILE with
 *     fallocate(FALLOC_FL_COLLAPSE_RANGE), which needs a length that is a
 *     multiple of the block size. The cut is the last block boundary in
 *     the copied part where a line ends, so both files contain whole
 *     lines. The copied bytes after the cut stay in FILE only. The rotated
 *     file is truncated to the cut, fsynced and renamed before the
 *     collapse, so every line is in FILE, in the rotated file, or (after a
 *     crash between the two) in both, never in neither.
 *   - Elsewhere FILE is truncated to zero after a final copy pass. Lines
 *     appended between that pass and the truncation are lost; the window
 *     is one read(2) that returns 0 bytes followed by one ftruncate(2).
 *
 * A writer that opened FILE without O_APPEND keeps its file offset and
 * writes past the new end, so the kernel fills the gap with NUL bytes.
 * A run warns when /proc shows such a writer.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "cli.h"
#include "live.h"
#include "rotate.h"

#define COPY_CHUNK	(256 * 1024)
#define SETTLED		(64 * 1024)	/* a pass copying less ends copying */
#define MAX_PASSES	16

#ifndef XFS_SUPER_MAGIC
#define XFS_SUPER_MAGIC	0x58465342
#endif

/* State of one copytruncate. */
struct copier {
	struct live_file *lf;
	int		 fd;		/* FILE, read and write */
	int		 out;		/* the rotated copy */
	char		 tmp[PATH_NAME_MAX + 64];
	int64_t		 copied;	/* bytes of FILE copied to out */
	char		*buf;
};

/* Copies FILE from c->copied to its current end; returns bytes or -1. */
static int64_t
copy_pass(struct copier *c)
{
	int64_t total = 0;
	ssize_t n, w;

	while ((n = pread(c->fd, c->buf, COPY_CHUNK, c->copied)) > 0) {
		for (ssize_t done = 0; done < n; done += w) {
			w = pwrite(c->out, c->buf + done, (size_t)(n - done),
			    c->copied + done);
			if (w <= 0)
				return error("cannot write '%s': %s", c->tmp,
				    w == 0 ? "no progress" : strerror(errno));
		}
		c->copied += n;
		total += n;
	}
	if (n < 0)
		return error("cannot read '%s': %s", c->lf->path,
		    strerror(errno));
	return total;
}

static int
copy_until_settled(struct copier *c)
{
	int64_t n;

	for (int pass = 0; pass < MAX_PASSES; pass++) {
		if ((n = copy_pass(c)) < 0)
			return -1;
		if (n < SETTLED)
			break;
	}
	return 0;
}

static bool
collapse_supported(int fd)
{
	struct statfs sf;

	if (fstatfs(fd, &sf) == -1)
		return false;
	return sf.f_type == EXT4_SUPER_MAGIC ||
	    (unsigned long)sf.f_type == XFS_SUPER_MAGIC;
}

/*
 * Finds the last multiple of the block size, below both the copied length
 * and FILE's size, at which a line ends. Returns it, or 0 when none does.
 */
static int64_t
find_cut(struct copier *c, int64_t block, int64_t size)
{
	int64_t limit = c->copied < size ? c->copied : size - 1;
	char byte;

	for (int64_t k = limit / block; k > 0; k--)
		if (pread(c->out, &byte, 1, k * block - 1) == 1 &&
		    byte == '\n')
			return k * block;
	return 0;
}

/* Makes the copy durable under its final name. */
static int
publish_copy(struct copier *c, int64_t length)
{
	struct live_file *lf = c->lf;

	if (ftruncate(c->out, length) == -1 ||
	    fchmod(c->out, lf->st.st_mode & 07777) == -1 ||
	    fsync(c->out) == -1)
		return error("cannot write '%s': %s", c->tmp, strerror(errno));
	if (fchown(c->out, lf->st.st_uid, lf->st.st_gid) == -1 &&
	    errno != EPERM)
		warning("cannot set the owner of '%s': %s", lf->rotated_path,
		    strerror(errno));
	if (renameat(lf->dirfd, c->tmp, lf->dirfd, lf->rotated) == -1)
		return error("cannot rename '%s' to '%s': %s", c->tmp,
		    lf->rotated, strerror(errno));
	c->tmp[0] = '\0';
	if (fsync(lf->dirfd) == -1)
		return error("cannot sync the directory of '%s': %s",
		    lf->path, strerror(errno));
	return 0;
}

static int
collapse(struct copier *c, int64_t cut)
{
	struct live_file *lf = c->lf;

	if (publish_copy(c, cut) == -1)
		return -1;
	if (fallocate(c->fd, FALLOC_FL_COLLAPSE_RANGE, 0, cut) == -1) {
		error("cannot remove the copied part of '%s': %s; the copy "
		    "is deleted and the file is left whole", lf->path,
		    strerror(errno));
		unlinkat(lf->dirfd, lf->rotated, 0);
		return -1;
	}
	fsync(c->fd);
	rot_action("copied %s -> %s (%jd bytes) and removed them from %s",
	    lf->path, lf->rotated_path, (intmax_t)cut, lf->path);
	lf->moved = true;
	return 0;
}

static int
copy_and_truncate(struct copier *c)
{
	struct live_file *lf = c->lf;
	int64_t n;

	while ((n = copy_pass(c)) > 0)
		;
	if (n < 0 || publish_copy(c, c->copied) == -1)
		return -1;
	/* The window in which appended lines are lost is from here... */
	while ((n = copy_pass(c)) > 0)
		;
	if (n < 0)
		return -1;
	if (ftruncate(c->fd, 0) == -1)
		return error("cannot truncate '%s': %s", lf->path,
		    strerror(errno));
	/* ...to here. */
	if (fsync(c->out) == -1)
		return error("cannot write '%s': %s", lf->rotated_path,
		    strerror(errno));
	rot_action("copied %s -> %s (%jd bytes) and truncated %s", lf->path,
	    lf->rotated_path, (intmax_t)c->copied, lf->path);
	lf->moved = true;
	return 0;
}

static void
warn_non_append(struct copier *c, const struct stat *st)
{
	unsigned state = 0;

	rot_scan_open(st, 1, &state);
	if (state & ROT_OPEN_NOAPPEND)
		warning("'%s' is open for writing without O_APPEND: that "
		    "writer keeps its offset after copytruncate and leaves "
		    "a gap of NUL bytes in the file", c->lf->path);
}

static int
run_copier(struct copier *c)
{
	struct live_file *lf = c->lf;
	struct stat st;
	int64_t cut;

	if (fstat(c->fd, &st) == -1 || st.st_ino != lf->st.st_ino ||
	    st.st_dev != lf->st.st_dev)
		return error("'%s' was replaced while it was rotated",
		    lf->path);
	warn_non_append(c, &st);
	if (copy_until_settled(c) == -1)
		return -1;
	if (!collapse_supported(c->fd)) {
		warning("'%s' is not on ext4 or XFS, so copytruncate "
		    "truncates it and loses lines written in the instant "
		    "between the last copy and the truncation", lf->path);
		return copy_and_truncate(c);
	}
	if (fstat(c->fd, &st) == -1)
		return error("cannot read '%s': %s", lf->path,
		    strerror(errno));
	cut = find_cut(c, st.st_blksize > 0 ? st.st_blksize : 4096,
	    st.st_size);
	if (cut == 0) {
		rot_action("kept %s as it is: no line ends at a block "
		    "boundary yet, so it is rotated on a later run", lf->path);
		return 0;
	}
	return collapse(c, cut);
}

/*
 * Rotates lf by copytruncate. Returns 0 (rotated, or kept for a later
 * run), or -1 after an error message with FILE left whole.
 */
int
rot_copytruncate(struct live_file *lf)
{
	struct copier c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.lf = lf;
	c.out = -1;
	snprintf(c.tmp, sizeof(c.tmp), ".%s.tmp.%ld", lf->rotated,
	    (long)getpid());
	if ((c.buf = malloc(COPY_CHUNK)) == NULL)
		return error("out of memory");
	c.fd = openat(lf->dirfd, lf->base, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (c.fd == -1) {
		free(c.buf);
		return error("cannot open '%s': %s", lf->path,
		    strerror(errno));
	}
	c.out = openat(lf->dirfd, c.tmp, O_RDWR | O_CREAT | O_EXCL |
	    O_CLOEXEC, 0600);
	if (c.out == -1)
		rc = error("cannot create '%s': %s", c.tmp, strerror(errno));
	else
		rc = run_copier(&c);
	if (c.tmp[0] != '\0' && c.out != -1)
		unlinkat(lf->dirfd, c.tmp, 0);
	if (c.out != -1)
		close(c.out);
	close(c.fd);
	free(c.buf);
	return rc;
}
