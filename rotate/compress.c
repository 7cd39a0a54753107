/*
 * Compressing one rotated file in place: NAME becomes NAME.gz or
 * NAME.zst through a temporary file that is fsynced, read back and
 * compared (SHA-256) before it is renamed; NAME is deleted last. A crash
 * leaves NAME intact and at worst a ".NAME.gz.tmp.PID" file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "cli.h"
#include "rotate.h"

#define CHUNK	(256 * 1024)

static const char *
codec_ext(enum rot_codec codec)
{
	return codec == ROT_ZSTD ? ".zst" : ".gz";
}

/* Writes src to fd through the codec, hashing the plain bytes. */
static int
write_compressed(int src, int fd, enum rot_codec codec, int level,
    char *buf, char sha[LT_SHA256_HEX], int *err)
{
	struct archive *aw = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	struct lt_sha256 *h = lt_sha256_new();
	char value[16];
	ssize_t n = 0;
	int rc = -1;

	*err = 0;
	if (aw == NULL || e == NULL || h == NULL)
		goto out;
	archive_write_set_format_raw(aw);
	if (codec == ROT_ZSTD)
		archive_write_add_filter_zstd(aw);
	else
		archive_write_add_filter_gzip(aw);
	if (level > 0) {
		snprintf(value, sizeof(value), "%d", level);
		archive_write_set_filter_option(aw, NULL, "compression-level",
		    value);
	}
	archive_write_set_bytes_in_last_block(aw, 1);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_pathname(e, "data");
	if (archive_write_open_fd(aw, fd) != ARCHIVE_OK ||
	    archive_write_header(aw, e) != ARCHIVE_OK)
		goto out;
	while ((n = read(src, buf, CHUNK)) > 0) {
		lt_sha256_update(h, buf, (size_t)n);
		if (archive_write_data(aw, buf, (size_t)n) != n)
			goto out;
	}
	if (n == 0 && archive_write_close(aw) == ARCHIVE_OK)
		rc = 0;
out:
	if (rc == -1)
		*err = n < 0 ? errno : archive_errno(aw);
	if (h != NULL)
		lt_sha256_final(h, sha);
	archive_entry_free(e);
	archive_write_free(aw);
	return rc;
}

/* Decompresses fd from the start and compares its SHA-256 with sha. */
static int
verify_compressed(int fd, char *buf, const char *sha)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *e;
	struct lt_sha256 *h = lt_sha256_new();
	char got[LT_SHA256_HEX];
	la_ssize_t n = -1;

	if (ar == NULL || h == NULL || lseek(fd, 0, SEEK_SET) == -1) {
		if (h != NULL)
			lt_sha256_final(h, got);
		archive_read_free(ar);
		return -1;
	}
	archive_read_support_filter_all(ar);
	archive_read_support_format_raw(ar);
	if (archive_read_open_fd(ar, fd, CHUNK) == ARCHIVE_OK &&
	    archive_read_next_header(ar, &e) == ARCHIVE_OK)
		while ((n = archive_read_data(ar, buf, CHUNK)) > 0)
			lt_sha256_update(h, buf, (size_t)n);
	lt_sha256_final(h, got);
	archive_read_free(ar);
	return n == 0 && strcmp(got, sha) == 0 ? 0 : -1;
}

static int
compress_into(int dirfd, const char *shown, const char *name, int fd,
    const char *tmp, enum rot_codec codec, int level)
{
	char sha[LT_SHA256_HEX], *buf;
	struct stat st;
	int src, err, rc = -1;

	if ((buf = malloc(CHUNK)) == NULL)
		return error("out of memory");
	src = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (src == -1 || fstat(src, &st) == -1)
		error("cannot read '%s': %s", shown, strerror(errno));
	else if (write_compressed(src, fd, codec, level, buf, sha, &err) ==
	    -1)
		error("cannot compress '%s' into '%s': %s", shown, tmp,
		    strerror(err > 0 ? err : EIO));
	else if (fchmod(fd, st.st_mode & 07777) == -1 || fsync(fd) == -1)
		error("cannot write '%s': %s", tmp, strerror(errno));
	else if (verify_compressed(fd, buf, sha) == -1)
		error("verification of '%s' failed: it does not decompress "
		    "to '%s'", tmp, shown);
	else
		rc = 0;
	if (rc == 0 && fchown(fd, st.st_uid, st.st_gid) == -1 &&
	    errno != EPERM)
		rc = error("cannot set the owner of '%s': %s", tmp,
		    strerror(errno));
	if (src != -1)
		close(src);
	free(buf);
	return rc;
}

/*
 * Compresses dir/name into dir/name.gz (or .zst), then deletes dir/name.
 * shown is the name as printed. Returns 0, or -1 after an error message
 * with the original kept.
 */
int
rot_compress_file(int dirfd, const char *shown, const char *name,
    enum rot_codec codec, int level)
{
	char tmp[4200], final[4100];
	int fd, rc;

	snprintf(final, sizeof(final), "%s%s", name, codec_ext(codec));
	snprintf(tmp, sizeof(tmp), ".%s.tmp.%ld", final, (long)getpid());
	fd = openat(dirfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1)
		return error("cannot create '%s': %s", tmp, strerror(errno));
	rc = compress_into(dirfd, shown, name, fd, tmp, codec, level);
	close(fd);
	if (rc == 0 && renameat(dirfd, tmp, dirfd, final) == -1)
		rc = error("cannot rename '%s' to '%s': %s", tmp, final,
		    strerror(errno));
	if (rc == -1) {
		unlinkat(dirfd, tmp, 0);
		return -1;
	}
	if (fsync(dirfd) == -1 || unlinkat(dirfd, name, 0) == -1)
		return error("cannot remove '%s' after compressing it: %s",
		    shown, strerror(errno));
	rot_action("compressed %s -> %s%s", shown, shown, codec_ext(codec));
	return 0;
}
