/*
 * Output files of analyze and report (--svg, -o). A new file, or a
 * regular file that is not a symbolic link, is written as
 * ".NAME.tmp.PID" beside NAME and renamed over it once complete, so a
 * run that fails (a full disk) leaves an earlier NAME as it was and no
 * partial file. Anything else is written in place: renaming over a
 * symbolic link such as /dev/stdout would replace the link, and a FIFO
 * or device cannot be replaced at all.
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
	if (n < 0 || (size_t)n >= sizeof(o->tmp))
		return error("cannot create '%s': %s", o->path,
		    n < 0 ? strerror(ENOMEM) : "name too long");
	return 0;
}

int
an_outfile_open(struct an_outfile *o, const char *path)
{
	struct stat sb;
	int fd;

	o->path = path;
	o->tmp[0] = '\0';
	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		if ((o->f = fopen(path, "w")) == NULL)
			return error("cannot create '%s': %s", path,
			    strerror(errno));
		return 0;
	}
	if (temp_name(o) == -1)
		return -1;
	fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd == -1 || (o->f = fdopen(fd, "w")) == NULL) {
		error("cannot create '%s': %s", path, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(o->tmp);
		}
		return -1;
	}
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
