#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "progress.h"

#define REDRAW_MS 100

static int64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t
dir_size(const char *path)
{
	char child[4096];
	struct dirent *de;
	struct stat sb;
	uint64_t sum = 0;
	DIR *d;

	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		snprintf(child, sizeof(child), "%s/%s", path, de->d_name);
		if (stat(child, &sb) == 0 && S_ISREG(sb.st_mode))
			sum += (uint64_t)sb.st_size;
	}
	closedir(d);
	return sum;
}

void
idx_progress_init(struct idx_progress *p, bool enabled,
    char *const *operands, int count)
{
	struct stat sb;

	memset(p, 0, sizeof(*p));
	p->enabled = enabled;
	p->start_ms = monotonic_ms();
	for (int i = 0; enabled && i < count; i++) {
		if (stat(operands[i], &sb) == -1)
			continue;
		if (S_ISDIR(sb.st_mode))
			p->total += dir_size(operands[i]);
		else if (S_ISREG(sb.st_mode))
			p->total += (uint64_t)sb.st_size;
	}
}

static void
format_bytes(char *out, size_t cap, double bytes)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB",
	    "TiB" };
	size_t u = 0;

	while (bytes >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
		bytes /= 1024;
		u++;
	}
	snprintf(out, cap, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
}

/* Moves on to the file of info, counting the previous one as done. */
static void
track_file(struct idx_progress *p, const struct lt_source_info *info)
{
	if (p->path != NULL && strcmp(p->path, info->path) == 0)
		return;
	p->done += p->path_size;
	free(p->path);
	p->path = strdup(info->path);
	p->path_size = info->size > 0 ? (uint64_t)info->size : 0;
}

void
idx_progress_update(void *ctx, const struct idx_stats *stats,
    const struct lt_source_info *info, uint64_t bytes)
{
	struct idx_progress *p = ctx;
	char done_text[32], total_text[32], rate_text[32];
	double seconds, rate, done, left;
	int64_t now;

	(void)stats;
	if (!p->enabled)
		return;
	track_file(p, info);
	now = monotonic_ms();
	if (p->drawn && now - p->drawn_ms < REDRAW_MS)
		return;
	/* Only a plain file's bytes read match its size on disk. */
	done = (double)p->done;
	if (info->codec == LT_CODEC_PLAIN && info->member == NULL)
		done += bytes < p->path_size ? (double)bytes :
		    (double)p->path_size;
	seconds = (double)(now - p->start_ms) / 1000;
	rate = seconds > 0 ? done / seconds : 0;
	left = rate > 0 && p->total > done ? ((double)p->total - done) / rate :
	    0;
	format_bytes(done_text, sizeof(done_text), done);
	format_bytes(total_text, sizeof(total_text), (double)p->total);
	format_bytes(rate_text, sizeof(rate_text), rate);
	fprintf(stderr, "\r%3.0f%%  %s of %s  %s/s  %.0f s left  %.40s\033[K",
	    p->total > 0 ? 100 * done / (double)p->total : 0, done_text,
	    total_text, rate_text, left, info->name);
	fflush(stderr);
	p->drawn = true;
	p->drawn_ms = now;
}

double
idx_progress_finish(struct idx_progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	free(p->path);
	p->path = NULL;
	return (double)(monotonic_ms() - p->start_ms) / 1000;
}
