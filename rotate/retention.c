/*
 * Retention: deleting old bundles from the archive directory.
 *
 * Age is judged from the period in a bundle's name, never from its mtime:
 * a bundle is older than N days when its period's last day ended N or more
 * whole days before today (local time).
 *
 *   --keep-days N   aura-logs bundles older than N days
 *   --keep N        all but the newest N aura-logs bundles
 *   --max-total S   the oldest aura-logs bundles until their total size
 *                   is at most S bytes
 *   aura-audit bundles have their own limit (--audit-keep-days, 90 by
 *   default) and are never deleted by the three rules above.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "rotate.h"

struct bundle_entry {
	char		 name[ROT_NAME_MAX];
	struct rot_period period;
	bool		 audit;
	long long	 size;
	bool		 gone;
};

struct bundle_list {
	struct bundle_entry *v;
	size_t		 n;
	size_t		 cap;
};

static int
list_add(struct bundle_list *l, const struct bundle_entry *e)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		void *p = realloc(l->v, cap * sizeof(*l->v));

		if (p == NULL)
			return error("out of memory");
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n++] = *e;
	return 0;
}

/* Oldest period first, then by name. */
static int
compare_age(const void *a, const void *b)
{
	const struct bundle_entry *x = a, *y = b;

	if (x->period.last_day != y->period.last_day)
		return x->period.last_day < y->period.last_day ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int
list_bundles(int archfd, const char *arch_shown, struct bundle_list *l)
{
	struct bundle_entry e;
	enum rot_codec codec;
	char prefix[ROT_NAME_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd, rc = 0;

	if ((fd = dup(archfd)) == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return error("cannot list '%s': %s", arch_shown,
		    strerror(errno));
	}
	rewinddir(d);
	while (rc == 0 && (de = readdir(d)) != NULL) {
		memset(&e, 0, sizeof(e));
		if (strlen(de->d_name) >= sizeof(e.name) ||
		    !rot_bundle_parse(de->d_name, prefix, &e.period, &codec) ||
		    fstatat(archfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
		    -1 || !S_ISREG(st.st_mode))
			continue;
		memcpy(e.name, de->d_name, strlen(de->d_name) + 1);
		e.audit = strcmp(prefix, ROT_PREFIX_AUDIT) == 0;
		e.size = st.st_size;
		rc = list_add(l, &e);
	}
	closedir(d);
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), compare_age);
	return rc;
}

static int
delete_bundle(int archfd, const char *arch_shown, struct bundle_entry *e,
    const char *reason, bool dry_run)
{
	e->gone = true;
	if (dry_run) {
		rot_action("would delete %s/%s (%s)", arch_shown, e->name,
		    reason);
		return 0;
	}
	if (unlinkat(archfd, e->name, 0) == -1)
		return error("cannot delete '%s/%s': %s", arch_shown, e->name,
		    strerror(errno));
	rot_action("deleted %s/%s (%s)", arch_shown, e->name, reason);
	return 0;
}

static bool
older_than(const struct bundle_entry *e, int64_t today, long long days)
{
	return today - (e->period.last_day + 1) >= days;
}

int
rot_retention(int archfd, const char *arch_shown,
    const struct rot_retention *r, int64_t today, bool dry_run)
{
	struct bundle_list l = { NULL, 0, 0 };
	char reason[96];
	long long total = 0, live = 0;
	int failed = 0;
	size_t i;

	if (list_bundles(archfd, arch_shown, &l) == -1)
		return -1;
	for (i = 0; i < l.n; i++) {
		struct bundle_entry *e = &l.v[i];
		long long days = e->audit ? r->audit_keep_days : r->keep_days;

		if (days < 0 || !older_than(e, today, days))
			continue;
		snprintf(reason, sizeof(reason), "older than %lld days", days);
		failed |= delete_bundle(archfd, arch_shown, e, reason,
		    dry_run);
	}
	for (i = 0; i < l.n; i++)
		if (!l.v[i].audit && !l.v[i].gone) {
			live++;
			total += l.v[i].size;
		}
	for (i = 0; i < l.n && r->keep >= 0 && live > r->keep; i++) {
		if (l.v[i].audit || l.v[i].gone)
			continue;
		snprintf(reason, sizeof(reason), "more than %lld bundles",
		    r->keep);
		failed |= delete_bundle(archfd, arch_shown, &l.v[i], reason,
		    dry_run);
		live--;
		total -= l.v[i].size;
	}
	for (i = 0; i < l.n && r->max_total >= 0 && total > r->max_total;
	    i++) {
		if (l.v[i].audit || l.v[i].gone)
			continue;
		snprintf(reason, sizeof(reason), "bundles over %lld bytes",
		    r->max_total);
		failed |= delete_bundle(archfd, arch_shown, &l.v[i], reason,
		    dry_run);
		total -= l.v[i].size;
	}
	free(l.v);
	return failed ? -1 : 0;
}
