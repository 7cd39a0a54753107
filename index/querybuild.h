/*
 * The filters of `logtool query` as SQL: one WHERE clause over events
 * (alias e) with named parameters, shared by record output, --count and
 * --top.
 */
#ifndef IDX_QUERYBUILD_H
#define IDX_QUERYBUILD_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "buf.h"
#include "record.h"

struct query_filter {
	int64_t		 since;		/* LT_TS_NONE when unset */
	int64_t		 until;		/* exclusive; LT_TS_NONE when unset */
	enum lt_level	 level;		/* LT_LEVEL_NONE when unset */
	bool		 level_min;	/* "ERR+": this level or above */
	const char	*correlation;	/* correlation id */
	const char	*trace;		/* correlation id or trace id */
	const char	*family;	/* Serilog file family */
	const char	*source;	/* source name, base name or member */
	const char	*match;		/* words: each in message or exception
					   (FTS5), or equal to the correlation
					   id or trace id in any case */
	const char	*fts;		/* a raw FTS5 query */
	bool		 grep;		/* the lt_grep(raw) function is set */
};

/*
 * Appends " WHERE ..." (or nothing when no filter is set) to sql. The
 * clause refers to the events table as e. Returns 0, or -1 with
 * lt_error() set.
 */
int	query_where(const struct query_filter *f, struct lt_buf *sql);

/* Binds the named parameters that query_where() used. Returns 0, or -1
 * with lt_error() set. */
int	query_bind(const struct query_filter *f, sqlite3_stmt *st);

/*
 * Turns words into an FTS5 query that matches each word as typed: every
 * white-space separated word becomes a quoted string (a phrase of its
 * tokens), so ids and host names with "-" or "." need no FTS5 syntax.
 */
int	query_quote_words(const char *words, struct lt_buf *out);

/*
 * Installs lt_grep(raw) on db: true when the PCRE2 pattern matches the
 * record's bytes. Returns 0, or -1 with lt_error() set naming the
 * pattern, the error and its offset. PCRE2 stops a match after
 * QUERY_MATCH_LIMIT backtracking steps. lt_grep() then fails the
 * statement with a message that starts with QUERY_GREP_ERROR, so a
 * pattern that backtracks without end is reported, not taken for "no
 * match".
 */
#define QUERY_MATCH_LIMIT	1000000
#define QUERY_GREP_ERROR	"--grep "
int	query_grep_install(sqlite3 *db, const char *pattern);

/* True when a statement's error message is lt_grep()'s. */
bool	query_grep_failed(const char *msg);

#endif
