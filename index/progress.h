/*
 * The progress line of `logtool index` on a terminal's stderr: bytes
 * done, rate and estimated time left, redrawn at most ten times a second.
 */
#ifndef IDX_PROGRESS_H
#define IDX_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "ingest.h"

struct idx_progress {
	bool		 enabled;
	int64_t		 start_ms;
	int64_t		 drawn_ms;	/* when the line was last drawn */
	bool		 drawn;		/* a line is on the screen */
	uint64_t	 total;		/* bytes on disk of all operands */
	uint64_t	 done;		/* bytes of files finished */
	char		*path;		/* file being read */
	uint64_t	 path_size;
};

/* Sums the sizes of the operands (files, and the files directly inside
 * directories). */
void	idx_progress_init(struct idx_progress *p, bool enabled,
	    char *const *operands, int count);

/* An idx_progress_fn; ctx is the idx_progress. */
void	idx_progress_update(void *ctx, const struct idx_stats *stats,
	    const struct lt_source_info *info, uint64_t bytes);

/* Erases the line; returns the seconds since idx_progress_init(). */
double	idx_progress_finish(struct idx_progress *p);

#endif
