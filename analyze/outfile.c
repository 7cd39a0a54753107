/*
 * Output files of analyze and report (--svg, -o). A new file, or a
 * regular file of this user with one link, is written as ".NAME.tmp.PID"
 * beside NAME, with NAME's mode, and renamed over it once complete. A
 * run that fails (a full disk) therefore leaves an earlier NAME as it
 * was and no partial file. Anything else is written in place, as
 * fopen(3) would, because renaming over a symbolic link such as
 * /dev/stdout would replace the link, over a hard link would split it,
 * over another user's file would change its owner, and a FIFO or device
 * cannot be replaced at all. So is a NAME whose temporary file cannot be
 * created (a folder this user may not write, a name at the length
 * limit).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"

/* Sets o->tmp to ".NAME.tmp.PID" in the folder of o->path. */
static int
temp_name(struct an_outfile *o)
{
	char *dir_copy = strdup(o->path), *base_copy = strdup(o->path);
	int n = -1;

	if (dir_copy != NULL && base_copy != NULL)
		n = snprintf(o->tmp, sizeof(o->tmp), "%s/.%s.tmp.%ld",
		    dirname(dir_copy), basename(base_copy), (long)getpid());
	free(dir_copy);
	free(base_copy);
	return n < 0 || (size_t)n >= sizeof(o->tmp) ? -1 : 0;
}

#define NEW_FILE	((mode_t)-1)	/* the mode of a path to create */

/* True when path may be replaced by a renamed temporary file; sets *mode
 * to the mode the file must keep, or NEW_FILE. */
static bool
replaceable(const char *path, mode_t *mode)
{
	struct stat sb;

	*mode = NEW_FILE;
	if (lstat(path, &sb) == -1)
		return errno == ENOENT;
	*mode = sb.st_mode & 07777;
	return S_ISREG(sb.st_mode) && sb.st_nlink == 1 &&
	    sb.st_uid == geteuid() && access(path, W_OK) == 0;
}

/* Creates the temporary file; returns its descriptor, or -1. */
static int
create_temp(struct an_outfile *o, mode_t mode)
{
	int fd;

	if (temp_name(o) == -1)
		return -1;
	fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1)
		return -1;
	/* The umask applies to a new file only, as with fopen(3). */
	if (mode == NEW_FILE) {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
	}
	if (fchmod(fd, mode) == -1) {
		close(fd);
		unlink(o->tmp);
		return -1;
	}
	return fd;
}

int
an_outfile_open(struct an_outfile *o, const char *path)
{
	mode_t mode;
	int fd = -1;

	o->path = path;
	o->tmp[0] = '\0';
	if (replaceable(path, &mode) && (fd = create_temp(o, mode)) != -1) {
		if ((o->f = fdopen(fd, "w")) != NULL)
			return 0;
		close(fd);
		unlink(o->tmp);
	}
	o->tmp[0] = '\0';
	if ((o->f = fopen(path, "w")) == NULL)
		return error("cannot create '%s': %s", path, strerror(errno));
	return 0;
}

int
an_outfile_close(struct an_outfile *o, bool ok)
{
	int saved = 0;

	if (ok && fflush(o->f) != 0)
		saved = errno;
	if (ok && saved == 0 && o->tmp[0] != '\0' && fsync(fileno(o->f)) == -1)
		saved = errno;
	if (fclose(o->f) != 0 && saved == 0)
		saved = errno;
	o->f = NULL;
	if (!ok || saved != 0) {
		if (o->tmp[0] != '\0')
			unlink(o->tmp);
		if (ok)
			return error("cannot write '%s': %s", o->path,
			    strerror(saved));
		return -1;
	}
	if (o->tmp[0] != '\0' && rename(o->tmp, o->path) == -1) {
		saved = errno;
		unlink(o->tmp);
		return error("cannot write '%s': %s", o->path,
		    strerror(saved));
	}
	return 0;
}
