/*
 * Printing the rows of any SQL statement, for `logtool sql` and
 * `logtool query --top`:
 *
 *   tsv   a header line of column names, then one line per row; NULL is
 *         an empty field, and a backslash, tab, newline and carriage
 *         return inside a value are written as \\, \t, \n and \r
 *   json  JSON Lines, one object per row keyed by column name; integers
 *         and reals are JSON numbers, NULL is null, text and blobs are
 *         strings with bytes that are not valid UTF-8 replaced by U+FFFD
 */
#ifndef IDX_ROWS_H
#define IDX_ROWS_H

#include <stdint.h>

#include <sqlite3.h>

/* The reason given when a statement that writes is rejected. */
#define ROWS_READ_ONLY "the index is read-only here (writes, ATTACH, " \
	"extensions and pragmas that set a value are not allowed)"

enum rows_format {
	ROWS_TSV,
	ROWS_TSV_ROWS_ONLY,	/* tsv, with no header when there is no row */
	ROWS_JSON,
};

/*
 * Steps st to the end and prints its rows. Returns the number of rows,
 * or -1 after printing the error (with *usage set when the error comes
 * from the statement's input, such as an FTS5 syntax error).
 */
int64_t	rows_print(sqlite3 *db, sqlite3_stmt *st, enum rows_format format,
	    int *usage);

#endif
