/*
 * Record output formats shared by `cat` and `query`.
 *
 *   raw   the record's original bytes, unchanged, so that a pipeline into
 *         grep or awk sees what the log file contained; a newline is
 *         added after a last record that has none, so that the next
 *         file's first line does not run on
 *   tsv   one line per record after a header line:
 *           ts  level  correlation_id  source  line  message  exception
 *         ts is ISO 8601 UTC with milliseconds ("" when the record has no
 *         time); a backslash, tab, newline and carriage return inside a
 *         field are written as \\, \t, \n and \r
 *   json  JSON Lines: one object per record with the keys ts, level,
 *         correlation_id, trace_id, span_id, message, exception, source,
 *         line and format; absent values are null; bytes that are not
 *         valid UTF-8 are replaced by U+FFFD
 */
#ifndef LT_OUTPUT_H
#define LT_OUTPUT_H

#include <stdio.h>

#include "record.h"

enum output_format {
	OUTPUT_RAW,
	OUTPUT_TSV,
	OUTPUT_JSON,
};

/* Parses "raw", "tsv" or "json"; returns 0, or -1 for any other name. */
int	output_format_parse(const char *name, enum output_format *out);

/* Writes the header line that the format has (tsv only). */
void	output_header(FILE *out, enum output_format format);

/*
 * Writes one record. source is the name of the source the record came
 * from (lt_source_info()->name). Returns 0, or -1 when the write failed.
 */
int	output_record(FILE *out, enum output_format format,
	    const struct lt_record *rec, const char *source);

#endif
