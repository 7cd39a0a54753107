/*
 * Adding the records of sources to the index.
 *
 * Each source is read in transactions of at most IDX_CHUNK_RECORDS
 * records; every commit also stores how far the content was indexed, so a
 * run that is killed leaves a consistent database and the next run goes
 * on from the last commit, with no record lost or stored twice.
 */
#ifndef IDX_INGEST_H
#define IDX_INGEST_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "buf.h"
#include "source.h"

#define IDX_CHUNK_RECORDS 100000

/*
 * A plain file modified less than this many seconds ago may still be
 * written to, so a last line without a line end is left for the next run.
 */
#define IDX_SETTLE_SECONDS 10

struct idx_stats {
	unsigned	sources;	/* sources read */
	unsigned	unchanged;	/* of those, already fully indexed */
	unsigned	failed;		/* sources not indexed because of an
					   error */
	uint64_t	records_read;	/* records parsed */
	uint64_t	records_added;	/* new rows in events, committed */
	uint64_t	records_replaced;	/* events replaced by a
						   longer copy (a record
						   that grew) */
	uint64_t	bytes_done;	/* bytes on disk of finished files */
};

/* Called while a source is read, with the bytes read from it so far. */
typedef void (*idx_progress_fn)(void *ctx, const struct idx_stats *stats,
    const struct lt_source_info *info, uint64_t bytes);

struct idx_ingest;

/* Prepares the statements; returns NULL after printing the error. */
struct idx_ingest *idx_ingest_new(sqlite3 *db, idx_progress_fn progress,
    void *progress_ctx);
void	idx_ingest_free(struct idx_ingest *in);

/*
 * Indexes one source (an lt_source_fn; ctx is the idx_ingest). Returns 0
 * so that the next source is read even when this one failed: the error
 * is printed, stats.failed counts it, and the uncommitted part of the
 * source is rolled back.
 */
int	idx_ingest_source(struct lt_source *src, void *ctx);

const struct idx_stats *idx_ingest_stats(const struct idx_ingest *in);

#endif
