/*
 * Writing one bundle: a tar archive (pax restricted, so plain ustar
 * unless a member needs more) of log files under their own names,
 * followed by MANIFEST.sha256 in sha256sum(1) format.
 *
 * The steps, in this order, make a crash at any instant harmless:
 *   1. write ".NAME.tmp.PID" in the archive directory (mode 0600),
 *      copying the members of an existing bundle NAME first after
 *      checking them against its manifest;
 *   2. fsync it, read it back and compare every member's SHA-256 with
 *      the hash taken while the member was written;
 *   3. set its mode, fsync, rename it to NAME, fsync the directory.
 * The caller deletes the originals only after step 3. Until the rename,
 * the final name is either absent or the previous complete bundle.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "buf.h"
#include "cli.h"
#include "rotate.h"
#include "timeutil.h"

#define COPY_BUF	(256 * 1024)
#define MANIFEST_MAX	(16 * 1024 * 1024)

struct member {
	char	*name;
	char	 sha[LT_SHA256_HEX];
	int64_t	 size;
};

/* State of one bundle being written. */
struct writer {
	struct rot_bundle *b;
	char		 tmp[ROT_NAME_MAX + 32];
	int		 fd;
	struct archive	*aw;
	struct member	*members;
	size_t		 count;
	size_t		 cap;
	size_t		 added;		/* new files written */
	mode_t		 mode;		/* intersection of member modes */
	char		*buf;
};

static int
add_member(struct writer *w, const char *name, const char *sha,
    int64_t size)
{
	struct member *m;

	if (w->count == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 32;
		void *p = realloc(w->members, cap * sizeof(*w->members));

		if (p == NULL)
			return error("out of memory");
		w->members = p;
		w->cap = cap;
	}
	m = &w->members[w->count];
	if ((m->name = strdup(name)) == NULL)
		return error("out of memory");
	memcpy(m->sha, sha, LT_SHA256_HEX);
	m->size = size;
	w->count++;
	return 0;
}

static struct member *
find_member(struct writer *w, const char *name)
{
	for (size_t i = 0; i < w->count; i++)
		if (strcmp(w->members[i].name, name) == 0)
			return &w->members[i];
	return NULL;
}

/* Prints a libarchive write failure on the temporary file. */
static int
write_failed(struct writer *w, const char *what)
{
	int e = archive_errno(w->aw);

	if (e > 0)
		return error("cannot write '%s/%s' while adding '%s': %s",
		    w->b->arch_shown, w->tmp, what, strerror(e));
	return error("cannot write '%s/%s' while adding '%s': %s",
	    w->b->arch_shown, w->tmp, what, archive_error_string(w->aw));
}

static int
writer_open(struct writer *w)
{
	static const char *const filter[] = { "gzip", "zstd", NULL };
	struct rot_bundle *b = w->b;
	char level[16];

	snprintf(w->tmp, sizeof(w->tmp), ".%s.tmp.%ld", b->name,
	    (long)getpid());
	w->fd = openat(b->archfd, w->tmp, O_RDWR | O_CREAT | O_EXCL |
	    O_CLOEXEC, 0600);
	if (w->fd == -1)
		return error("cannot create '%s/%s': %s", b->arch_shown,
		    w->tmp, strerror(errno));
	rot_test_kill_point("temp-created");
	w->aw = archive_write_new();
	if (w->aw == NULL)
		return error("out of memory");
	archive_write_set_format_pax_restricted(w->aw);
	if (b->codec == ROT_GZIP)
		archive_write_add_filter_gzip(w->aw);
	else if (b->codec == ROT_ZSTD)
		archive_write_add_filter_zstd(w->aw);
	if (b->level > 0 && filter[b->codec] != NULL) {
		snprintf(level, sizeof(level), "%d", b->level);
		if (archive_write_set_filter_option(w->aw, filter[b->codec],
		    "compression-level", level) != ARCHIVE_OK)
			return error("invalid compression level '%d': %s",
			    b->level, archive_error_string(w->aw));
	}
	if (b->threads > 0 && b->codec == ROT_ZSTD) {
		snprintf(level, sizeof(level), "%d", b->threads);
		if (archive_write_set_filter_option(w->aw, "zstd", "threads",
		    level) != ARCHIVE_OK)
			return error("cannot use %d zstd threads: %s",
			    b->threads, archive_error_string(w->aw));
	}
	archive_write_set_bytes_in_last_block(w->aw, 1);
	if (archive_write_open_fd(w->aw, w->fd) != ARCHIVE_OK)
		return write_failed(w, "the tar header");
	return 0;
}

/* Copies the current entry's data from ar to the new bundle, hashing it. */
static int
copy_entry_data(struct writer *w, struct archive *ar, const char *name,
    char sha[LT_SHA256_HEX], int64_t *size)
{
	struct lt_sha256 *h;
	la_ssize_t n;

	if ((h = lt_sha256_new()) == NULL)
		return error_core();
	*size = 0;
	while ((n = archive_read_data(ar, w->buf, COPY_BUF)) > 0) {
		lt_sha256_update(h, w->buf, (size_t)n);
		*size += n;
		if (archive_write_data(w->aw, w->buf, (size_t)n) != n) {
			lt_sha256_final(h, sha);
			return write_failed(w, name);
		}
	}
	lt_sha256_final(h, sha);
	if (n < 0)
		return error("cannot read member '%s' of '%s/%s': %s", name,
		    w->b->arch_shown, w->b->name, archive_error_string(ar));
	return 0;
}

static int
read_manifest(struct archive *ar, struct lt_buf *text, const char *bundle)
{
	char chunk[8192];
	la_ssize_t n;

	while ((n = archive_read_data(ar, chunk, sizeof(chunk))) > 0) {
		if (text->len + (size_t)n > MANIFEST_MAX)
			return error("manifest of '%s' is too large", bundle);
		if (lt_buf_append(text, chunk, (size_t)n) == -1)
			return error_core();
	}
	if (n < 0)
		return error("cannot read the manifest of '%s': %s", bundle,
		    archive_error_string(ar));
	return 0;
}

/*
 * Checks the members copied from an old bundle against its manifest:
 * every line is "HEX  NAME" for one member with that SHA-256, and every
 * member has a line.
 */
static int
check_manifest(struct writer *w, const struct lt_buf *text,
    const char *bundle)
{
	size_t listed = 0;
	char *line, *save = NULL, *copy;
	struct member *m;

	if (text->data == NULL)
		return error("bundle '%s' has no %s", bundle, ROT_MANIFEST);
	if ((copy = strdup(text->data)) == NULL)
		return error("out of memory");
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ' ||
		    (m = find_member(w, line + 66)) == NULL ||
		    memcmp(m->sha, line, 64) != 0) {
			error("bundle '%s' does not match its manifest at "
			    "'%.80s'", bundle, line);
			free(copy);
			return -1;
		}
		listed++;
	}
	free(copy);
	if (listed != w->count)
		return error("bundle '%s' has %zu members but its manifest "
		    "lists %zu", bundle, w->count, listed);
	return 0;
}

/* Copies the members of the existing bundle into the new one. */
static int
copy_old_bundle(struct writer *w)
{
	struct rot_bundle *b = w->b;
	struct lt_buf manifest = LT_BUF_INIT;
	struct archive_entry *e;
	struct archive *ar;
	struct stat st;
	char sha[LT_SHA256_HEX], shown[ROT_NAME_MAX + 512];
	const char *name;
	int64_t size = 0;
	int fd, r, rc = 0;

	snprintf(shown, sizeof(shown), "%s/%s", b->arch_shown, b->name);
	if ((fd = openat(b->archfd, b->name, O_RDONLY | O_CLOEXEC)) == -1)
		return error("cannot open '%s': %s", shown, strerror(errno));
	if (fstat(fd, &st) == 0)
		w->mode &= st.st_mode & 0666;
	ar = archive_read_new();
	archive_read_support_filter_all(ar);
	archive_read_support_format_tar(ar);
	if (archive_read_open_fd(ar, fd, COPY_BUF) != ARCHIVE_OK)
		rc = error("cannot read '%s': %s", shown,
		    archive_error_string(ar));
	while (rc == 0 && (r = archive_read_next_header(ar, &e)) ==
	    ARCHIVE_OK) {
		name = archive_entry_pathname(e);
		if (strcmp(name, ROT_MANIFEST) == 0) {
			rc = read_manifest(ar, &manifest, shown);
			continue;
		}
		if (archive_write_header(w->aw, e) != ARCHIVE_OK) {
			rc = write_failed(w, name);
			break;
		}
		rc = copy_entry_data(w, ar, name, sha, &size);
		if (rc == 0)
			rc = add_member(w, name, sha, size);
	}
	if (rc == 0 && r != ARCHIVE_EOF)
		rc = error("cannot read '%s': %s", shown,
		    archive_error_string(ar));
	if (rc == 0)
		rc = check_manifest(w, &manifest, shown);
	archive_read_free(ar);
	close(fd);
	lt_buf_free(&manifest);
	return rc;
}

static int
hash_fd(struct writer *w, int fd, char sha[LT_SHA256_HEX])
{
	struct lt_sha256 *h;
	ssize_t n;

	if ((h = lt_sha256_new()) == NULL)
		return error_core();
	while ((n = read(fd, w->buf, COPY_BUF)) > 0)
		lt_sha256_update(h, w->buf, (size_t)n);
	lt_sha256_final(h, sha);
	return n < 0 ? -1 : 0;
}

/*
 * A file whose name is already a member: after a run that stopped between
 * publishing the bundle and removing the originals. The original can go
 * when its bytes equal the member's; otherwise it is kept and reported.
 */
static void
check_duplicate(struct writer *w, struct rot_file *f, int fd,
    const struct member *m)
{
	if (hash_fd(w, fd, f->sha) == -1) {
		error("cannot read '%s/%s': %s", w->b->logdir, f->name,
		    strerror(errno));
		f->failed = true;
	} else if (strcmp(f->sha, m->sha) != 0) {
		error("cannot archive '%s': '%s/%s' already has a different "
		    "member of that name; the file is kept", f->name,
		    w->b->arch_shown, w->b->name);
		f->failed = true;
	} else {
		f->already = true;
	}
}

static void
fill_entry(struct archive_entry *e, const char *name, const struct stat *st)
{
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, st->st_mode & 07777);
	archive_entry_set_size(e, st->st_size);
	archive_entry_set_mtime(e, st->st_mtim.tv_sec, st->st_mtim.tv_nsec);
	archive_entry_set_uid(e, st->st_uid);
	archive_entry_set_gid(e, st->st_gid);
}

/* Streams st_size bytes of fd into the current entry, hashing them. */
static int
stream_file(struct writer *w, struct rot_file *f, int fd)
{
	struct lt_sha256 *h;
	int64_t left = f->st.st_size;
	ssize_t n;
	int rc = 0;

	if ((h = lt_sha256_new()) == NULL)
		return error_core();
	while (rc == 0 && left > 0) {
		n = read(fd, w->buf, left < COPY_BUF ? (size_t)left :
		    COPY_BUF);
		if (n <= 0) {
			rc = error("cannot read '%s/%s': %s", w->b->logdir,
			    f->name, n == 0 ? "file shrank while it was "
			    "read" : strerror(errno));
			break;
		}
		lt_sha256_update(h, w->buf, (size_t)n);
		if (archive_write_data(w->aw, w->buf, (size_t)n) != n)
			rc = write_failed(w, f->name);
		left -= n;
	}
	lt_sha256_final(h, f->sha);
	return rc;
}

/*
 * Adds one log file. A file that changed since it was selected is skipped
 * and kept. A file that changes while it is read fails the whole bundle,
 * because its entry is already written.
 */
static int
add_file(struct writer *w, struct rot_file *f)
{
	struct archive_entry *e;
	struct member *m;
	struct stat st;
	int fd, rc;

	fd = openat(w->b->logfd, f->name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1 || fstat(fd, &st) == -1 || !rot_same_file(&st, &f->st)) {
		error("cannot archive '%s': %s", f->name, fd == -1 ?
		    strerror(errno) : "it changed after it was selected");
		f->failed = true;
		if (fd != -1)
			close(fd);
		return 0;
	}
	if ((m = find_member(w, f->name)) != NULL) {
		check_duplicate(w, f, fd, m);
		close(fd);
		return 0;
	}
	if ((e = archive_entry_new()) == NULL) {
		close(fd);
		return error("out of memory");
	}
	fill_entry(e, f->name, &f->st);
	if (archive_write_header(w->aw, e) != ARCHIVE_OK)
		rc = write_failed(w, f->name);
	else
		rc = stream_file(w, f, fd);
	archive_entry_free(e);
	if (rc == 0 && (fstat(fd, &st) == -1 || !rot_same_file(&st, &f->st)))
		rc = error("cannot archive '%s': it changed while it was "
		    "read", f->name);
	close(fd);
	if (rc == 0)
		rc = add_member(w, f->name, f->sha, f->st.st_size);
	if (rc == 0) {
		w->mode &= f->st.st_mode & 0666;
		w->added++;
	}
	return rc;
}

static int
add_manifest(struct writer *w)
{
	struct lt_buf text = LT_BUF_INIT;
	struct archive_entry *e;
	struct lt_sha256 *h;
	char sha[LT_SHA256_HEX];
	int rc = 0;

	for (size_t i = 0; i < w->count && rc == 0; i++)
		if (lt_buf_printf(&text, "%s  %s\n", w->members[i].sha,
		    w->members[i].name) == -1)
			rc = error_core();
	if (rc == 0 && (h = lt_sha256_new()) == NULL)
		rc = error_core();
	if (rc == 0) {
		lt_sha256_update(h, text.data, text.len);
		lt_sha256_final(h, sha);
		e = archive_entry_new();
		archive_entry_set_pathname(e, ROT_MANIFEST);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, w->mode);
		archive_entry_set_size(e, (la_int64_t)text.len);
		archive_entry_set_mtime(e, lt_now_ms() / 1000, 0);
		if (archive_write_header(w->aw, e) != ARCHIVE_OK ||
		    archive_write_data(w->aw, text.data, text.len) !=
		    (la_ssize_t)text.len)
			rc = write_failed(w, ROT_MANIFEST);
		archive_entry_free(e);
	}
	if (rc == 0)
		rc = add_member(w, ROT_MANIFEST, sha, (int64_t)text.len);
	lt_buf_free(&text);
	return rc;
}

/* Reads the temporary bundle back and compares it with w->members. */
static int
verify(struct writer *w)
{
	struct archive_entry *e;
	struct archive *ar;
	struct lt_sha256 *h;
	char sha[LT_SHA256_HEX];
	size_t i = 0;
	la_ssize_t n;
	int r, rc = 0;

	if (lseek(w->fd, 0, SEEK_SET) == -1)
		return error("cannot read back '%s/%s': %s",
		    w->b->arch_shown, w->tmp, strerror(errno));
	ar = archive_read_new();
	archive_read_support_filter_all(ar);
	archive_read_support_format_tar(ar);
	if (archive_read_open_fd(ar, w->fd, COPY_BUF) != ARCHIVE_OK)
		rc = -1;
	while (rc == 0 && (r = archive_read_next_header(ar, &e)) ==
	    ARCHIVE_OK) {
		if (i >= w->count || strcmp(archive_entry_pathname(e),
		    w->members[i].name) != 0) {
			rc = -1;
			break;
		}
		if ((h = lt_sha256_new()) == NULL) {
			archive_read_free(ar);
			return error_core();
		}
		while ((n = archive_read_data(ar, w->buf, COPY_BUF)) > 0)
			lt_sha256_update(h, w->buf, (size_t)n);
		lt_sha256_final(h, sha);
		if (n < 0 || strcmp(sha, w->members[i].sha) != 0)
			rc = -1;
		i++;
	}
	if (rc == 0 && (r != ARCHIVE_EOF || i != w->count))
		rc = -1;
	if (rc == -1)
		error("verification of '%s/%s' failed at member %zu: %s",
		    w->b->arch_shown, w->tmp, i, archive_error_string(ar) ?
		    archive_error_string(ar) : "content differs");
	archive_read_free(ar);
	return rc;
}

/* Closes the archive, syncs, verifies and renames the temporary file. */
static int
publish(struct writer *w)
{
	struct rot_bundle *b = w->b;
	int rc, e;

	rc = archive_write_close(w->aw);
	e = archive_errno(w->aw);
	if (rc != ARCHIVE_OK) {
		error("cannot write '%s/%s': %s", b->arch_shown, w->tmp,
		    e > 0 ? strerror(e) : archive_error_string(w->aw));
		return -1;
	}
	archive_write_free(w->aw);
	w->aw = NULL;
	if (fchmod(w->fd, w->mode) == -1 || fsync(w->fd) == -1)
		return error("cannot write '%s/%s': %s", b->arch_shown,
		    w->tmp, strerror(errno));
	rot_test_kill_point("synced");
	if (verify(w) == -1)
		return -1;
	rot_test_kill_point("verified");
	if (close(w->fd) == -1) {
		w->fd = -1;
		return error("cannot write '%s/%s': %s", b->arch_shown,
		    w->tmp, strerror(errno));
	}
	w->fd = -1;
	if (renameat(b->archfd, w->tmp, b->archfd, b->name) == -1)
		return error("cannot rename '%s/%s' to '%s': %s",
		    b->arch_shown, w->tmp, b->name, strerror(errno));
	rot_test_kill_point("renamed");
	if (fsync(b->archfd) == -1)
		return error("cannot sync directory '%s': %s", b->arch_shown,
		    strerror(errno));
	return 0;
}

static void
writer_discard(struct writer *w)
{
	if (w->aw != NULL)
		archive_write_free(w->aw);
	if (w->fd != -1)
		close(w->fd);
	if (w->tmp[0] != '\0')
		unlinkat(w->b->archfd, w->tmp, 0);
}

static void
writer_free(struct writer *w)
{
	for (size_t i = 0; i < w->count; i++)
		free(w->members[i].name);
	free(w->members);
	free(w->buf);
}

static int
write_members(struct writer *w)
{
	struct rot_bundle *b = w->b;

	if (b->exists && copy_old_bundle(w) == -1)
		return -1;
	for (size_t i = 0; i < b->nfiles; i++)
		if (add_file(w, b->files[i]) == -1)
			return -1;
	rot_test_kill_point("members-written");
	return 0;
}

/*
 * Writes, verifies and publishes bundle b. Returns 0 when the bundle under
 * its final name contains every file not marked failed. When nothing new
 * was added, the old bundle is left as it is. Returns -1 after an error message
 * when the bundle could not be written: the temporary file is removed and
 * every original is kept.
 */
int
rot_bundle_write(struct rot_bundle *b)
{
	struct writer w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.b = b;
	w.fd = -1;
	w.mode = 0666;
	if ((w.buf = malloc(COPY_BUF)) == NULL)
		return error("out of memory");
	rc = writer_open(&w);
	if (rc == 0)
		rc = write_members(&w);
	if (rc == 0 && w.added == 0) {
		writer_discard(&w);
		writer_free(&w);
		return 0;
	}
	if (rc == 0)
		rc = add_manifest(&w);
	if (rc == 0)
		rc = publish(&w);
	if (rc == -1)
		writer_discard(&w);
	writer_free(&w);
	return rc;
}
