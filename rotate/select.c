/*
 * Choosing the closed log files of LOGDIR.
 *
 * A file is a candidate when lt_logname_parse() accepts its name and its
 * family is one of those requested. Candidates are left alone when
 *   - they are dated after today (local time), or
 *   - they are the highest-sequence uncompressed file of today for their
 *     family, which Serilog may still be writing.
 * A remaining candidate is rejected, with a message, when it is not a
 * regular file (a symbolic link included), has more than one hard link,
 * or some process has it open for writing (Linux: /proc/PID/fdinfo).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "rotate.h"
#include "timeutil.h"

void
rot_selection_free(struct rot_selection *sel)
{
	for (size_t i = 0; i < sel->count; i++)
		free(sel->files[i].name);
	free(sel->files);
	sel->files = NULL;
	sel->count = sel->cap = 0;
}

static bool
family_wanted(const char *family, const char *const *families)
{
	for (size_t i = 0; families[i] != NULL; i++)
		if (strcmp(family, families[i]) == 0)
			return true;
	return false;
}

static int
selection_add(struct rot_selection *sel, const char *name,
    const struct lt_logname *ln, int64_t day)
{
	struct rot_file *f;

	if (sel->count == sel->cap) {
		size_t cap = sel->cap ? sel->cap * 2 : 64;
		void *p = realloc(sel->files, cap * sizeof(*sel->files));

		if (p == NULL)
			return error("out of memory");
		sel->files = p;
		sel->cap = cap;
	}
	f = &sel->files[sel->count];
	memset(f, 0, sizeof(*f));
	if ((f->name = strdup(name)) == NULL)
		return error("out of memory");
	f->ln = *ln;
	f->day = day;
	f->audit = strcmp(ln->family, ROT_AUDIT_FAMILY) == 0;
	sel->count++;
	return 0;
}

/* Reads the names of LOGDIR that belong to the requested families. */
static int
scan_logdir(const char *logdir, const char *const *families, int64_t today,
    struct rot_selection *sel)
{
	struct dirent *de;
	struct lt_logname ln;
	int64_t day;
	DIR *d;
	int rc = 0;

	if ((d = opendir(logdir)) == NULL)
		return error("cannot open log directory '%s': %s", logdir,
		    strerror(errno));
	while (rc == 0 && (errno = 0, de = readdir(d)) != NULL) {
		if (!lt_logname_parse(de->d_name, &ln) ||
		    !family_wanted(ln.family, families))
			continue;
		day = lt_days_from_civil(ln.year, ln.month, ln.day);
		if (day > today)
			continue;
		rc = selection_add(sel, de->d_name, &ln, day);
	}
	if (rc == 0 && errno != 0)
		rc = error("cannot read log directory '%s': %s", logdir,
		    strerror(errno));
	closedir(d);
	return rc;
}

static bool
is_open_candidate(const struct rot_file *f, int64_t today)
{
	return f->day == today && !f->ln.compressed;
}

/* Returns true when f is today's highest-sequence uncompressed file of
 * its family among all n files. */
static bool
is_highest_today(const struct rot_file *files, size_t n,
    const struct rot_file *f, int64_t today)
{
	if (!is_open_candidate(f, today))
		return false;
	for (size_t j = 0; j < n; j++) {
		const struct rot_file *g = &files[j];

		if (is_open_candidate(g, today) && g->ln.seq > f->ln.seq &&
		    strcmp(g->ln.family, f->ln.family) == 0)
			return false;
	}
	return true;
}

/*
 * Drops, for each family, today's highest-sequence uncompressed file.
 * Each file is compared with the whole list as scanned, and the list is
 * compacted only afterwards: removing files during the comparisons would
 * let a lower sequence look like the highest in some orders.
 * Returns 0, or -1 after an error message.
 */
int
rot_drop_open_files(struct rot_selection *sel, int64_t today)
{
	bool *drop;
	size_t i, kept = 0;

	if ((drop = calloc(sel->count + 1, sizeof(*drop))) == NULL)
		return error("out of memory");
	for (i = 0; i < sel->count; i++)
		drop[i] = is_highest_today(sel->files, sel->count,
		    &sel->files[i], today);
	for (i = 0; i < sel->count; i++) {
		if (drop[i])
			free(sel->files[i].name);
		else
			sel->files[kept++] = sel->files[i];
	}
	sel->count = kept;
	free(drop);
	return 0;
}

static int
compare_files(const void *a, const void *b)
{
	const struct rot_file *x = a, *y = b;
	int c;

	if (x->audit != y->audit)
		return x->audit ? 1 : -1;
	if ((c = strcmp(x->period.key, y->period.key)) != 0)
		return c;
	return strcmp(x->name, y->name);
}

bool
rot_same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/*
 * Checks that one file may be archived: a regular file, not a symbolic
 * link, one hard link. Fills f->st. Returns 0, or -1 after an error
 * message naming the file and the reason.
 */
int
rot_check_safe(int dirfd, struct rot_file *f, bool open_for_write)
{
	if (fstatat(dirfd, f->name, &f->st, AT_SYMLINK_NOFOLLOW) == -1)
		return error("cannot read '%s': %s", f->name,
		    strerror(errno));
	if (S_ISLNK(f->st.st_mode))
		return error("rejected '%s': it is a symbolic link, and "
		    "only regular files are archived", f->name);
	if (!S_ISREG(f->st.st_mode))
		return error("rejected '%s': not a regular file", f->name);
	if (f->st.st_nlink > 1)
		return error("rejected '%s': it has %ju hard links, so "
		    "removing this name would not free it", f->name,
		    (uintmax_t)f->st.st_nlink);
	if (open_for_write)
		return error("rejected '%s': a process has it open for "
		    "writing", f->name);
	return 0;
}

int
rot_select(const char *logdir, const char *const *families,
    enum rot_unit unit, int64_t today, struct rot_selection *sel,
    int *failures)
{
	struct stat *st = NULL;
	unsigned *open_state = NULL;
	size_t i, kept = 0;
	int dirfd;

	if (scan_logdir(logdir, families, today, sel) == -1)
		return -1;
	if (rot_drop_open_files(sel, today) == -1)
		return -1;
	if ((dirfd = open(logdir, O_RDONLY | O_DIRECTORY)) == -1)
		return error("cannot open log directory '%s': %s", logdir,
		    strerror(errno));
	st = calloc(sel->count + 1, sizeof(*st));
	open_state = calloc(sel->count + 1, sizeof(*open_state));
	if (st == NULL || open_state == NULL) {
		close(dirfd);
		free(st);
		free(open_state);
		return error("out of memory");
	}
	for (i = 0; i < sel->count; i++)
		if (fstatat(dirfd, sel->files[i].name, &st[i],
		    AT_SYMLINK_NOFOLLOW) == -1)
			memset(&st[i], 0, sizeof(st[i]));
	rot_scan_open(st, sel->count, open_state);
	for (i = 0; i < sel->count; i++) {
		struct rot_file *f = &sel->files[i];
		bool writing = (open_state[i] & ROT_OPEN_WRITE) != 0;

		if (rot_check_safe(dirfd, f, writing) == -1) {
			(*failures)++;
			free(f->name);
			continue;
		}
		rot_period_of(unit, f->day, &f->period);
		sel->files[kept++] = *f;
	}
	sel->count = kept;
	close(dirfd);
	free(st);
	free(open_state);
	if (sel->count > 1)
		qsort(sel->files, sel->count, sizeof(*sel->files),
		    compare_files);
	return 0;
}

/* Returns the ROT_OPEN_* bits of /proc/PID/fdinfo/FD's access flags. */
static unsigned
fd_open_bits(const char *pid, const char *fd)
{
	char path[300], line[128];
	unsigned long flags;
	unsigned bits = ROT_OPEN_ANY;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%s/fdinfo/%s", pid, fd);
	if ((fp = fopen(path, "r")) == NULL)
		return bits;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "flags: %lo", &flags) != 1)
			continue;
		if ((flags & O_ACCMODE) != O_RDONLY) {
			bits |= ROT_OPEN_WRITE;
			if ((flags & O_APPEND) == 0)
				bits |= ROT_OPEN_NOAPPEND;
		}
		break;
	}
	fclose(fp);
	return bits;
}

static void
scan_process(const char *pid, const struct stat *files, size_t n,
    unsigned *state)
{
	char path[300];
	struct dirent *de;
	struct stat st;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%s/fd", pid);
	if ((d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fd/%s", pid,
		    de->d_name);
		if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
			continue;
		for (size_t i = 0; i < n; i++)
			if (files[i].st_ino == st.st_ino &&
			    files[i].st_dev == st.st_dev)
				state[i] |= fd_open_bits(pid, de->d_name);
	}
	closedir(d);
}

/*
 * Sets, in state[i], the ROT_OPEN_* bits of how other processes have
 * files[i] open, whatever name they opened it by. Processes of other
 * users are visible only to root; without /proc nothing is set.
 */
void
rot_scan_open(const struct stat *files, size_t n, unsigned *state)
{
	char self[32];
	struct dirent *de;
	DIR *d;

	if (n == 0 || (d = opendir("/proc")) == NULL)
		return;
	snprintf(self, sizeof(self), "%ld", (long)getpid());
	while ((de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]) ||
		    strcmp(de->d_name, self) == 0)
			continue;
		scan_process(de->d_name, files, n, state);
	}
	closedir(d);
}
