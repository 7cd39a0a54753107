/*
 * Log records and the streaming record parser.
 *
 * A record is one log event: its first line and every following line that
 * does not start a record of its own (stack traces, multi-line messages,
 * blank lines inside exceptions). Lines at the start of a source that
 * come before any record header form one record with format
 * LT_FORMAT_ORPHAN and no timestamp, so nothing is dropped.
 *
 * Recognised first lines (Serilog output templates used by Aura, then the
 * JSON formatters, then a generic fallback), tried in this order:
 *
 *   LT_FORMAT_TRACE      "[" ts "] [" LVL "] [" corr "] [" trace "] ["
 *                        span "] " message [" " properties-json]
 *   LT_FORMAT_BRACKETED  "[" ts "] [" LVL "] [" corr "] " message
 *                        [" " properties-json]
 *   LT_FORMAT_DEFAULT    ts " [" LVL "] " message
 *   LT_FORMAT_JSON       a Serilog JsonFormatter object: Timestamp, Level,
 *                        MessageTemplate, RenderedMessage, Properties,
 *                        Exception
 *   LT_FORMAT_CLEF       a compact JSON object: @t, @mt or @m, @l (absent
 *                        means Information), @x, @tr, @sp
 *   LT_FORMAT_GENERIC    ts SP level-word SP message, where level-word is
 *                        INFO, WARN, WARNING, ERROR, FATAL, DEBUG, TRACE,
 *                        VERBOSE, CRITICAL (any case) or a [LVL] form
 *
 *   ts   = date ("T" / " ") time [frac] [SP] [offset]
 *   date = 4DIGIT "-" 2DIGIT "-" 2DIGIT      ; a date that exists
 *   time = 2DIGIT ":" 2DIGIT ":" 2DIGIT
 *   frac = ("." / ",") 1*9DIGIT
 *   offset = "Z" / ("+" / "-") 2DIGIT [":"] 2DIGIT
 *   LVL  = VRB / DBG / INF / WRN / ERR / FTL
 *
 * Example: "2025-12-03 14:05:00.123 +01:00 [ERR] Request failed: GET /x"
 * is a DEFAULT record at 2025-12-03T13:05:00.123Z, level ERR.
 *
 * A timestamp with an offset is converted to UTC. One without an offset
 * is taken as UTC (the parser does not guess the writer's zone). Digits
 * after the milliseconds are dropped, not rounded.
 *
 * Fields by format:
 *
 *   text formats  message is the rest of the first line. In TRACE and
 *                 BRACKETED lines that end with a balanced "{...}" that
 *                 starts after a space, that object goes to properties
 *                 instead. exception is every continuation line. A
 *                 correlation, trace or span id written as "[]" or "[-]"
 *                 is empty. TRACE needs a trace id of 32 and a span id
 *                 of 16 hex digits (W3C trace context), each of which may
 *                 be empty or "-".
 *   ORPHAN        message is the first line, exception the other lines.
 *   JSON          Level absent means Information. CorrelationId,
 *                 TraceId and SpanId come from Properties (top-level
 *                 TraceId and SpanId, as Serilog 3.1 writes them, win).
 *                 properties is the Properties object's text as written.
 *   CLEF          CorrelationId is a top-level member; properties is the
 *                 whole line. A RequestId is never a correlation id.
 *
 * A JSON or CLEF line starts a record only when it parses as an object
 * with a valid "@t" or "Timestamp"; other lines starting with '{' are
 * continuation lines. Lines after a JSON record that do not start a
 * record are kept in raw only.
 *
 * Messages of JSON records: the MessageTemplate or @mt rendered with the
 * event's properties the way "{Message:lj}" renders it in Aura's text
 * templates, so that the same event gets the same message (and event key)
 * from a text and a JSON sink. RenderedMessage and @m are used only when
 * there is no template, because Serilog quotes string values in them
 * ("HTTP \"GET\" \"/api/x\" responded 200"), which request paths must not
 * be. Rules of the rendering:
 *
 *   - A token "{Name}", "{@Name}", "{$Name}", "{Name,-10}" or
 *     "{Name:format}" takes the property's value; "{{" and "}}" are
 *     literal braces; a token without a property stays as written.
 *   - A token with a format uses the pre-rendered text when the event has
 *     one (JsonFormatter "Renderings" entry of that format, CLEF "@r" by
 *     position among the formatted tokens).
 *   - Strings are written without quotes (as ":l" does, so request paths
 *     stay bare). Numbers, objects and arrays are written as their JSON
 *     text in the line, so 53.0 stays "53.0". A numeric format sets the
 *     decimals instead ("0.0000" is 4, "F2"/"N2" is 2, without digit
 *     grouping). true and false are written as True and False.
 *   - Alignment pads with spaces, on the left for a positive width.
 *
 * Example: template "HTTP {RequestMethod} {RequestPath} responded
 * {StatusCode} in {Elapsed:0.0000} ms" with Elapsed 2761.2009 renders as
 * "HTTP GET /api/x responded 200 in 2761.2009 ms".
 *
 * Bytes: a UTF-8 byte-order mark at the start of a source, or at the start
 * of any later line (files joined into one stream each bring their own),
 * is skipped: it is part of the record's raw bytes, not of its message.
 * So is a run of NUL bytes at the start of a line, the gap that a writer
 * without O_APPEND leaves after a copytruncate.
 * CRLF line
 * ends are kept in raw and removed from message and exception. Invalid
 * UTF-8 and NUL bytes pass through unchanged. Lines may be of any length;
 * a record longer than LT_RECORD_MAX bytes is split into several records,
 * the later ones LT_FORMAT_ORPHAN. A message rendered from a JSON template
 * is cut at LT_RECORD_MAX bytes.
 *
 * Nothing here depends on the locale.
 */
#ifndef LT_RECORD_H
#define LT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define LT_TS_NONE	INT64_MIN
#define LT_RECORD_MAX	(64u << 20)

enum lt_level {
	LT_LEVEL_NONE = -1,	/* no level (orphan lines) */
	LT_LEVEL_VRB,
	LT_LEVEL_DBG,
	LT_LEVEL_INF,
	LT_LEVEL_WRN,
	LT_LEVEL_ERR,
	LT_LEVEL_FTL,
};

enum lt_format {
	LT_FORMAT_ORPHAN,
	LT_FORMAT_DEFAULT,
	LT_FORMAT_BRACKETED,
	LT_FORMAT_TRACE,
	LT_FORMAT_JSON,
	LT_FORMAT_CLEF,
	LT_FORMAT_GENERIC,
};

/* A byte range; not NUL-terminated. */
struct lt_span {
	const char	*ptr;
	size_t		 len;
};

struct lt_record {
	struct lt_span	raw;		/* original bytes of all its lines,
					   line ends included */
	uint64_t	offset;		/* offset of raw in the source */
	uint64_t	line;		/* 1-based number of its first line */
	int64_t		ts;		/* ms since the epoch, UTC, or
					   LT_TS_NONE */
	enum lt_level	level;
	enum lt_format	format;
	struct lt_span	message;	/* the rendered message (first line
					   for text templates) */
	struct lt_span	exception;	/* exception text: the continuation
					   lines, or @x / Exception */
	struct lt_span	correlation_id;	/* empty when absent */
	struct lt_span	trace_id;
	struct lt_span	span_id;
	struct lt_span	properties;	/* JSON object text, or empty */
};

/* Reads up to cap bytes; returns the count, 0 at the end, -1 on error. */
typedef ssize_t (*lt_read_fn)(void *ctx, void *buf, size_t cap);

struct lt_parser;

/* Returns NULL with lt_error() set when memory runs out. */
struct lt_parser *lt_parser_new(lt_read_fn read, void *ctx);
void	lt_parser_free(struct lt_parser *p);

/*
 * Parses the next record. Returns 1 with *rec filled, 0 at the end of the
 * input, or -1 with lt_error() set when the read function failed (after
 * the records made of the bytes read before the failure) or memory ran
 * out. The spans in *rec point into the parser's buffers and stay valid
 * until the next call or lt_parser_free().
 */
int	lt_parser_next(struct lt_parser *p, struct lt_record *rec);

/* Bytes consumed from the read function so far that belong to records
 * already returned. */
uint64_t lt_parser_offset(const struct lt_parser *p);

/* Parses one complete record text (as in raw) without a read function;
 * used for records read back from the index. The scratch parser, which may
 * be made with lt_parser_new(NULL, NULL), contains the rendered message and
 * exception; the spans stay valid until its next use. Text that does not
 * start with a header gives an ORPHAN record. Returns 0 or -1. */
int	lt_record_parse_text(const char *text, size_t len,
	    struct lt_record *rec, struct lt_parser *scratch);

/* "VRB" ... "FTL", or "" for LT_LEVEL_NONE. */
const char *lt_level_name(enum lt_level level);

/* Accepts the three-letter names and the words Verbose, Trace, Debug,
 * Information, Info, Warning, Warn, Error, Fatal, Critical (any case).
 * Returns LT_LEVEL_NONE when the word is not a level. */
enum lt_level lt_level_parse(const char *word, size_t len);

const char *lt_format_name(enum lt_format format);

/* A 64-bit key for the event, the same for the same event written by two
 * sinks with different templates: it hashes the timestamp, the level, the
 * message and the exception (line ends normalised), not the raw bytes. */
uint64_t lt_record_event_key(const struct lt_record *rec);

#endif
