/*
 * The streaming record parser: splits a byte stream into log records and
 * reads each record's header line (record.h lists the formats).
 *
 * The parser keeps one buffer that contains the record being built and the
 * bytes read ahead of it. The buffer grows only when a record does not
 * fit. Lines are found with memchr(), the text templates are matched by
 * hand, and jansson parses only lines that start with '{'.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "buf.h"
#include "error.h"
#include "record.h"
#include "scan.h"
#include "timeutil.h"
#include "utf8.h"

#define INITIAL_CAP	(256u << 10)
#define READ_MIN	(64u << 10)
#define RAW_LOOKUP_MAX	64	/* searches of a JSON line per message */

/* Span fields that a text header sets. */
enum header_field {
	FIELD_MESSAGE,
	FIELD_CORRELATION,
	FIELD_TRACE,
	FIELD_SPAN,
	FIELD_PROPERTIES,
	FIELD_COUNT,
};

/*
 * The last timestamp read in the form "YYYY-MM-DD HH:MM:SS.fff +HH:MM"
 * (TS_MEMO_LEN bytes, "T" also allowed after the date). Consecutive
 * records nearly always share the date and the offset, so a timestamp
 * with the same date and offset text is computed from day_ms without
 * reading the date again. Empty while date[0] is NUL.
 */
#define TS_MEMO_LEN	30
#define TS_MINUTE_LEN	17
struct ts_memo {
	char		 date[10];	/* "YYYY-MM-DD", a valid date */
	char		 offset[6];	/* "+HH:MM", a valid offset */
	int64_t		 day_ms;	/* UTC ms of 00:00 that day at that
					   offset */
	char		 minute[TS_MINUTE_LEN]; /* "YYYY-MM-DD HH:MM:" of
					   the last timestamp read, with
					   valid hour and minute */
	int64_t		 minute_ms;	/* UTC ms of that minute at that
					   offset */
};

/*
 * The last properties objects found at the end of text lines, each kept
 * while it is at most OBJECT_MEMO_MAX bytes. A slot is empty while its
 * len is 0. Records of one logger end in the same object, and a few
 * loggers write most request lines. So trailing_object() compares the
 * line's end with these before it scans. A new object replaces the
 * slots in turn.
 */
#define OBJECT_MEMO_MAX		512
#define OBJECT_MEMO_SLOTS	4
struct object_memo {
	struct {
		size_t	 len;
		char	 text[OBJECT_MEMO_MAX];
	}		 slot[OBJECT_MEMO_SLOTS];
	unsigned	 next;		/* slot that the next object takes */
};

/* State that header matching keeps from one line to the next. */
struct line_memo {
	struct ts_memo	 ts;
	struct object_memo object;
};

/*
 * A matched header line, kept between finding a record's end and filling
 * the next record so that the line is matched once. Spans are offsets from
 * the line start because the buffer may move in between.
 */
struct header {
	enum lt_format	 format;
	int64_t		 ts;
	enum lt_level	 level;
	size_t		 offset[FIELD_COUNT];
	size_t		 len[FIELD_COUNT];
	json_t		*json;		/* object of a JSON or CLEF line */
	bool		 partial;	/* skipped by request scanning: only
					   format, ts and level are set */
};

struct lt_parser {
	lt_read_fn	 read;
	void		*ctx;
	char		*buf;
	size_t		 cap;
	size_t		 pos;		/* start of the next record in buf */
	size_t		 fill;		/* bytes of buf in use */
	uint64_t	 base;		/* source offset of buf[0] */
	uint64_t	 line;		/* line number of the line at pos */
	bool		 eof;
	char		*read_error;	/* message of a failed read, returned
					   after the records read before it */
	bool		 pending;	/* the line at pos is a known header */
	struct header	 next;		/* that header, when pending */
	size_t		 next_end;	/* end of that line, from pos; 0 when
					   it was cut at LT_RECORD_MAX */
	struct line_memo memo;
	bool		 scan_requests;	/* lt_parser_scan_requests() */
	json_t		*current_json;	/* object of the record last returned */
	struct lt_buf	 message;	/* rendered JSON message */
	struct lt_buf	 exception;	/* exception with CRLF made LF */
};

static const struct lt_span empty_span = { "", 0 };

/* Level names */

const char *
lt_level_name(enum lt_level level)
{
	static const char *const names[] = {
		"VRB", "DBG", "INF", "WRN", "ERR", "FTL",
	};

	if (level < LT_LEVEL_VRB || level > LT_LEVEL_FTL)
		return "";
	return names[level];
}

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
equal_nocase(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);

	if (alen != blen)
		return false;
	for (size_t i = 0; i < alen; i++)
		if (ascii_lower(a[i]) != b[i])
			return false;
	return true;
}

enum lt_level
lt_level_parse(const char *word, size_t len)
{
	static const struct {
		const char	*word;		/* lowercase */
		enum lt_level	 level;
	} words[] = {
		{ "inf", LT_LEVEL_INF }, { "information", LT_LEVEL_INF },
		{ "info", LT_LEVEL_INF }, { "dbg", LT_LEVEL_DBG },
		{ "debug", LT_LEVEL_DBG }, { "wrn", LT_LEVEL_WRN },
		{ "warning", LT_LEVEL_WRN }, { "warn", LT_LEVEL_WRN },
		{ "err", LT_LEVEL_ERR }, { "error", LT_LEVEL_ERR },
		{ "vrb", LT_LEVEL_VRB }, { "verbose", LT_LEVEL_VRB },
		{ "trace", LT_LEVEL_VRB }, { "ftl", LT_LEVEL_FTL },
		{ "fatal", LT_LEVEL_FTL }, { "critical", LT_LEVEL_FTL },
	};

	if (len < 3 || len > 11)
		return LT_LEVEL_NONE;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (equal_nocase(word, len, words[i].word))
			return words[i].level;
	return LT_LEVEL_NONE;
}

const char *
lt_format_name(enum lt_format format)
{
	switch (format) {
	case LT_FORMAT_ORPHAN:
		return "orphan";
	case LT_FORMAT_DEFAULT:
		return "default";
	case LT_FORMAT_BRACKETED:
		return "bracketed";
	case LT_FORMAT_TRACE:
		return "trace";
	case LT_FORMAT_JSON:
		return "json";
	case LT_FORMAT_CLEF:
		return "clef";
	case LT_FORMAT_GENERIC:
		return "generic";
	}
	return "unknown";
}

/* Small span helpers */

static struct lt_span
span_of(const char *ptr, size_t len)
{
	struct lt_span s = { ptr, len };

	return s;
}

static bool
has_prefix(const char *s, size_t n, size_t i, const char *prefix)
{
	size_t plen = strlen(prefix);

	return n - i >= plen && memcmp(s + i, prefix, plen) == 0;
}

static size_t
trim_line_end(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n;
}

/*
 * LVL = VRB / DBG / INF / WRN / ERR / FTL, the "{Level:u3}" rendering.
 * Returns LT_LEVEL_NONE for anything else.
 */
static inline enum lt_level
match_u3(const char *s)
{
	switch (s[0]) {
	case 'I':
		return s[1] == 'N' && s[2] == 'F' ? LT_LEVEL_INF :
		    LT_LEVEL_NONE;
	case 'D':
		return s[1] == 'B' && s[2] == 'G' ? LT_LEVEL_DBG :
		    LT_LEVEL_NONE;
	case 'W':
		return s[1] == 'R' && s[2] == 'N' ? LT_LEVEL_WRN :
		    LT_LEVEL_NONE;
	case 'E':
		return s[1] == 'R' && s[2] == 'R' ? LT_LEVEL_ERR :
		    LT_LEVEL_NONE;
	case 'V':
		return s[1] == 'R' && s[2] == 'B' ? LT_LEVEL_VRB :
		    LT_LEVEL_NONE;
	case 'F':
		return s[1] == 'T' && s[2] == 'L' ? LT_LEVEL_FTL :
		    LT_LEVEL_NONE;
	default:
		return LT_LEVEL_NONE;
	}
}

/* Reads "[" LVL "]" at s[*i]. */
static inline enum lt_level
read_bracket_u3(const char *s, size_t n, size_t *i)
{
	enum lt_level level;

	if (n - *i < 5 || s[*i] != '[' || s[*i + 4] != ']')
		return LT_LEVEL_NONE;
	level = match_u3(s + *i + 1);
	if (level != LT_LEVEL_NONE)
		*i += 5;
	return level;
}

/* Reads "[" text "]" at s[*i] where text has no ']'; "-" reads as "". */
static bool
read_bracket_field(const char *s, size_t n, size_t *i, struct lt_span *out)
{
	const char *close;

	if (*i >= n || s[*i] != '[')
		return false;
	close = memchr(s + *i + 1, ']', n - *i - 1);
	if (close == NULL)
		return false;
	*out = span_of(s + *i + 1, (size_t)(close - (s + *i + 1)));
	if (out->len == 1 && out->ptr[0] == '-')
		*out = span_of(out->ptr, 0);
	*i = (size_t)(close - s) + 1;
	return true;
}

/*
 * Returns a word whose byte has its top bit set where the byte of word
 * is a hexadecimal digit, when that byte is below 0x80. Each byte is
 * tested against the ranges '0'-'9' and, with the 0x20 bit set, 'a'-'f'
 * by adding constants that carry into the byte's top bit. For bytes below
 * 0x80 no sum leaves its byte, so the bytes do not disturb each other.
 * Bytes at or above 0x80 have to be rejected by the caller; they may
 * disturb the others freely.
 */
static inline uint64_t
hex_bits(uint64_t word)
{
	const uint64_t ones = 0x0101010101010101u;
	uint64_t folded = word | ones * 0x20;
	uint64_t digit, letter;

	digit = (word + ones * (0x80 - '0')) & ~(word + ones * (0x7f - '9'));
	letter = (folded + ones * (0x80 - 'a')) &
	    ~(folded + ones * (0x7f - 'f'));
	return digit | letter;
}

/* True when s[0..len) are hexadecimal digits; len is a multiple of 8. */
static inline bool
all_hex(const char *s, size_t len)
{
	const uint64_t top = 0x8080808080808080u;
	uint64_t hex = top, high = 0;

	for (size_t i = 0; i < len; i += 8) {
		uint64_t word;

		memcpy(&word, s + i, sizeof(word));
		hex &= hex_bits(word);
		high |= word;
	}
	return (hex & ~high & top) == top;
}

/*
 * Reads "[" id "]" at s[*i], where id is empty, "-" or exactly digits hex
 * digits (a multiple of 8), into *out ("-" reads as ""). It accepts what
 * read_bracket_field() followed by a check of that id accepts: the ']'
 * after digits hex digits is the first ']', so its place is tested
 * instead of searched for.
 */
static inline __attribute__((always_inline)) bool
read_hex_field(const char *s, size_t n, size_t *i, size_t digits,
    struct lt_span *out)
{
	size_t j = *i + 1;

	if (*i >= n || s[*i] != '[')
		return false;
	if (j < n && s[j] == ']') {
		*out = span_of(s + j, 0);
		*i = j + 1;
		return true;
	}
	if (n - j >= 2 && s[j] == '-' && s[j + 1] == ']') {
		*out = span_of(s + j, 0);
		*i = j + 2;
		return true;
	}
	if (n - j <= digits || s[j + digits] != ']' || !all_hex(s + j, digits))
		return false;
	*out = span_of(s + j, digits);
	*i = j + digits + 1;
	return true;
}

/*
 * Reads " [" trace "] [" span "]" at s[*i], where trace is 32 and span 16
 * hex digits (W3C trace context ids), or either is empty or "-".
 */
static bool
read_trace_ids(const char *s, size_t n, size_t *i, struct lt_record *rec)
{
	struct lt_span trace, span;
	size_t j = *i;

	if (!has_prefix(s, n, j, " ["))
		return false;
	j++;
	if (!read_hex_field(s, n, &j, 32, &trace))
		return false;
	if (!has_prefix(s, n, j, " ["))
		return false;
	j++;
	if (!read_hex_field(s, n, &j, 16, &span))
		return false;
	rec->trace_id = trace;
	rec->span_id = span;
	*i = j;
	return true;
}

/* Properties JSON at the end of a text line */

/* Returns true when the quote at s[i] is escaped by an odd number of
 * backslashes. */
static bool
quote_is_escaped(const char *s, size_t start, size_t i)
{
	size_t k = i, backslashes = 0;

	while (k > start && s[k - 1] == '\\') {
		backslashes++;
		k--;
	}
	return backslashes % 2 == 1;
}

/*
 * Returns the offset of the unescaped '"' that opens the JSON string whose
 * closing quote is at s[close], plus one, or 0 when no quote in
 * [start, close) opens it.
 */
static size_t
string_start(const char *s, size_t start, size_t close)
{
	const char *q;
	size_t end = close;

	while (end > start &&
	    (q = memrchr(s + start, '"', end - start)) != NULL) {
		end = (size_t)(q - s);
		if (!quote_is_escaped(s, start, end))
			return end + 1;
	}
	return 0;
}

/*
 * Finds the "{Properties:j}" object that ends a line: a balanced "{...}"
 * that ends the line and starts right after a space. Scans backwards from
 * the last '}', skipping braces inside JSON strings: inside a string only
 * the quotes matter, so memrchr() jumps from one to the previous. Returns
 * the offset of the '{', or 0 when there is none.
 */
static size_t
find_trailing_object(const char *s, size_t start, size_t n)
{
	size_t depth = 0;

	if (n <= start || s[n - 1] != '}')
		return 0;
	for (size_t i = n; i > start; i--) {
		char c = s[i - 1];

		if (c == '"' && !quote_is_escaped(s, start, i - 1)) {
			if ((i = string_start(s, start, i - 1)) == 0)
				return 0;
		} else if (c == '}')
			depth++;
		else if (c == '{' && --depth == 0)
			return i - 1 > start && s[i - 2] == ' ' ? i - 1 : 0;
	}
	return 0;
}

/*
 * Returns what find_trailing_object() returns, looking first at the
 * objects in memo. When the line ends in a kept object's bytes and those
 * start after start, the backward scan would read exactly those bytes
 * and stop at their '{': every quote it tests is escaped or not by
 * backslashes within them, and every string it skips opens within them.
 * So only the space before that '{' remains to be tested.
 */
static size_t
trailing_object(const char *s, size_t start, size_t n,
    struct object_memo *memo)
{
	size_t open;

	for (unsigned k = 0; k < OBJECT_MEMO_SLOTS; k++) {
		size_t len = memo->slot[k].len;

		/* Every kept object starts with '{': test that byte first. */
		if (len > 0 && n - start > len && s[n - len] == '{' &&
		    memcmp(s + n - len, memo->slot[k].text, len) == 0) {
			open = n - len;
			return s[open - 1] == ' ' ? open : 0;
		}
	}
	open = find_trailing_object(s, start, n);
	if (open > 0 && n - open <= OBJECT_MEMO_MAX) {
		unsigned k = memo->next;

		memo->slot[k].len = n - open;
		memcpy(memo->slot[k].text, s + open, n - open);
		memo->next = (k + 1) % OBJECT_MEMO_SLOTS;
	}
	return open;
}

/* Sets message (and properties when present) from s[i..n). */
static void
set_message_with_properties(const char *s, size_t i, size_t n,
    struct lt_record *rec, struct object_memo *memo)
{
	size_t open = trailing_object(s, i, n, memo);

	if (open == 0) {
		rec->message = span_of(s + i, n - i);
		return;
	}
	rec->properties = span_of(s + open, n - open);
	rec->message = span_of(s + i, open - 1 - i);
}

/* Reads 2DIGIT at s as a number, or -1. */
static int
two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * Returns the milliseconds since midnight of "HH:MM:SS.fff" followed by a
 * space at s, or -1 when s is not of that form with the ranges that
 * lt_time_parse_iso() accepts.
 */
static int64_t
memo_time_of_day(const char *s)
{
	int hour = two_digits(s), minute = two_digits(s + 3);
	int second = two_digits(s + 6), milli = two_digits(s + 9);

	if (hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
	    second < 0 || second > 60 || milli < 0)
		return -1;
	if (s[2] != ':' || s[5] != ':' || s[8] != '.' || s[11] < '0' ||
	    s[11] > '9' || s[12] != ' ')
		return -1;
	return (int64_t)hour * 3600000 + minute * 60000 + second * 1000 +
	    milli * 10 + (s[11] - '0');
}

/*
 * Returns the milliseconds within the minute of "SS.fff" followed by a
 * space at s, or -1, with the checks that memo_time_of_day() makes of
 * those bytes.
 */
static inline int64_t
memo_second_of_minute(const char *s)
{
	int second = two_digits(s), milli = two_digits(s + 3);

	if (second < 0 || second > 60 || milli < 0 || s[2] != '.' ||
	    s[5] < '0' || s[5] > '9' || s[6] != ' ')
		return -1;
	return second * 1000 + milli * 10 + (s[5] - '0');
}

/* Sets the memo's minute from the timestamp s, whose time of day is
 * valid, read as ms. */
static void
memo_set_minute(struct ts_memo *memo, const char *s, int64_t ms)
{
	memcpy(memo->minute, s, sizeof(memo->minute));
	memo->minute_ms = ms - memo_second_of_minute(s + TS_MINUTE_LEN);
}

/* parse_time() for a timestamp outside the memo's minute: the day
 * memo, then a full parse. */
static size_t
parse_time_slow(struct ts_memo *memo, const char *s, size_t n, int64_t *ms)
{
	int64_t time_of_day = -1;
	bool has_offset;
	size_t used;

	if (n >= TS_MEMO_LEN && (s[10] == ' ' || s[10] == 'T'))
		time_of_day = memo_time_of_day(s + 11);
	if (memo != NULL && time_of_day >= 0 && memo->date[0] != '\0' &&
	    memcmp(s, memo->date, sizeof(memo->date)) == 0 &&
	    memcmp(s + 24, memo->offset, sizeof(memo->offset)) == 0) {
		*ms = memo->day_ms + time_of_day;
		memo_set_minute(memo, s, *ms);
		return TS_MEMO_LEN;
	}
	used = lt_time_parse_iso(s, n, ms, &has_offset);
	if (memo != NULL && time_of_day >= 0 && used == TS_MEMO_LEN) {
		memcpy(memo->date, s, sizeof(memo->date));
		memcpy(memo->offset, s + 24, sizeof(memo->offset));
		memo->day_ms = *ms - time_of_day;
		memo_set_minute(memo, s, *ms);
	}
	return used;
}

/*
 * Parses a timestamp as lt_time_parse_iso() does and returns the bytes
 * used, 0 when there is none. A timestamp with the memo's minute and
 * offset is computed from the memo's minute. One with its date and
 * offset is computed from its day. A full parse of the memo's form
 * refills it. The minute test checks the same bytes as
 * memo_time_of_day(), because the bytes it compares were checked when
 * they were stored.
 */
static inline size_t
parse_time(struct ts_memo *memo, const char *s, size_t n, int64_t *ms)
{
	int64_t in_minute;

	if (memo != NULL && n >= TS_MEMO_LEN && memo->date[0] != '\0' &&
	    memcmp(s, memo->minute, sizeof(memo->minute)) == 0 &&
	    memcmp(s + 24, memo->offset, sizeof(memo->offset)) == 0 &&
	    (in_minute = memo_second_of_minute(s + TS_MINUTE_LEN)) >= 0) {
		*ms = memo->minute_ms + in_minute;
		return TS_MEMO_LEN;
	}
	return parse_time_slow(memo, s, n, ms);
}

/*
 * Returns true when request scanning leaves out the message that starts
 * at s: the record is below WRN and the message is not a request line.
 */
static bool
scan_skips(enum lt_level level, const char *s, size_t n)
{
	return level < LT_LEVEL_WRN && !lt_scan_request_prefix(s, n);
}

/*
 * TRACE and BRACKETED headers:
 *
 *   "[" ts "] [" LVL "] [" corr "] " message [" " properties-json]
 *   "[" ts "] [" LVL "] [" corr "] [" trace "] [" span "] " message ...
 *
 * trace and span are W3C ids (32 and 16 hex digits), empty or "-". corr
 * is anything without ']'. An empty message may drop the space after the
 * last ']'.
 */
static enum lt_format
match_bracketed(const char *s, size_t n, struct lt_record *rec,
    struct line_memo *memo, bool *partial)
{
	enum lt_format format = LT_FORMAT_BRACKETED;
	size_t i = 1, used;

	used = parse_time(&memo->ts, s + 1, n - 1, &rec->ts);
	if (used == 0)
		return LT_FORMAT_ORPHAN;
	i += used;
	if (!has_prefix(s, n, i, "] "))
		return LT_FORMAT_ORPHAN;
	i += 2;
	if ((rec->level = read_bracket_u3(s, n, &i)) == LT_LEVEL_NONE)
		return LT_FORMAT_ORPHAN;
	if (i >= n || s[i++] != ' ')
		return LT_FORMAT_ORPHAN;
	if (!read_bracket_field(s, n, &i, &rec->correlation_id))
		return LT_FORMAT_ORPHAN;
	if (read_trace_ids(s, n, &i, rec))
		format = LT_FORMAT_TRACE;
	if (i < n && s[i] != ' ')
		return LT_FORMAT_ORPHAN;
	if (i < n)
		i++;
	if (partial != NULL && scan_skips(rec->level, s + i, n - i)) {
		*partial = true;
		return format;
	}
	set_message_with_properties(s, i, n, rec, &memo->object);
	return format;
}

/* DEFAULT header: ts " [" LVL "] " message. */
static enum lt_format
match_default(const char *s, size_t n, size_t ts_len, struct lt_record *rec)
{
	size_t i = ts_len;

	if (i >= n || s[i++] != ' ')
		return LT_FORMAT_ORPHAN;
	if ((rec->level = read_bracket_u3(s, n, &i)) == LT_LEVEL_NONE)
		return LT_FORMAT_ORPHAN;
	if (i < n && s[i++] != ' ')
		return LT_FORMAT_ORPHAN;
	rec->message = span_of(s + i, n - i);
	return LT_FORMAT_DEFAULT;
}

/*
 * GENERIC header: ts 1*SP level-word (1*SP / end) message, where
 * level-word is a word lt_level_parse() accepts, bare or in brackets
 * ("INFO", "[WARN]").
 */
static enum lt_format
match_generic(const char *s, size_t n, size_t ts_len, struct lt_record *rec)
{
	size_t i = ts_len, start, end;
	bool bracket;

	if (i >= n || s[i] != ' ')
		return LT_FORMAT_ORPHAN;
	while (i < n && s[i] == ' ')
		i++;
	bracket = i < n && s[i] == '[';
	start = bracket ? i + 1 : i;
	end = start;
	while (end < n && end - start < 12 && s[end] != ' ' && s[end] != ']')
		end++;
	rec->level = lt_level_parse(s + start, end - start);
	if (rec->level == LT_LEVEL_NONE)
		return LT_FORMAT_ORPHAN;
	if (bracket && (end >= n || s[end++] != ']'))
		return LT_FORMAT_ORPHAN;
	if (end < n && s[end] != ' ')
		return LT_FORMAT_ORPHAN;
	while (end < n && s[end] == ' ')
		end++;
	rec->message = span_of(s + end, n - end);
	return LT_FORMAT_GENERIC;
}

/*
 * Matches a text header line (line end removed). Returns the format, or
 * LT_FORMAT_ORPHAN when the line does not start a record. With partial
 * not NULL, sets *partial and leaves the message empty when request
 * scanning skips a BRACKETED or TRACE record.
 */
static enum lt_format
match_text(const char *s, size_t n, struct lt_record *rec,
    struct line_memo *memo, bool *partial)
{
	enum lt_format format;
	size_t ts_len;

	if (n < 19)
		return LT_FORMAT_ORPHAN;
	if (s[0] == '[')
		return match_bracketed(s, n, rec, memo, partial);
	if (s[0] < '0' || s[0] > '9')
		return LT_FORMAT_ORPHAN;
	ts_len = parse_time(&memo->ts, s, n, &rec->ts);
	if (ts_len == 0)
		return LT_FORMAT_ORPHAN;
	format = match_default(s, n, ts_len, rec);
	if (format == LT_FORMAT_ORPHAN)
		format = match_generic(s, n, ts_len, rec);
	return format;
}

/* JSON lines */

/* Returns the index after the JSON string that starts at s[i] ('"'). */
static size_t
skip_json_string(const char *s, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return n;
}

static size_t
skip_json_space(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'))
		i++;
	return i;
}

/* Returns the index after the JSON value that starts at s[i]. */
static size_t
skip_json_value(const char *s, size_t n, size_t i)
{
	size_t depth = 0;

	if (i < n && s[i] == '"')
		return skip_json_string(s, n, i);
	if (i < n && s[i] != '{' && s[i] != '[') {
		while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
		    skip_json_space(s, n, i) == i)
			i++;
		return i;
	}
	while (i < n) {
		if (s[i] == '"') {
			i = skip_json_string(s, n, i);
			continue;
		}
		if (s[i] == '{' || s[i] == '[')
			depth++;
		else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
			return i + 1;
		i++;
	}
	return n;
}

/*
 * Finds the text of the member named key in the top-level JSON object s
 * (already known to be valid JSON), as it appears in s.
 */
static bool
find_member_text(const char *s, size_t n, const char *key, size_t klen,
    struct lt_span *out)
{
	size_t i;

	i = skip_json_space(s, n, 0);
	if (i >= n || s[i] != '{')
		return false;
	i++;
	for (;;) {
		size_t kstart, kend, vstart;

		i = skip_json_space(s, n, i);
		if (i >= n || s[i] != '"')
			return false;
		kstart = i + 1;
		i = skip_json_string(s, n, i);
		kend = i - 1;
		i = skip_json_space(s, n, i);
		if (i >= n || s[i] != ':')
			return false;
		vstart = skip_json_space(s, n, i + 1);
		i = skip_json_value(s, n, vstart);
		if (kend - kstart == klen &&
		    memcmp(s + kstart, key, klen) == 0) {
			*out = span_of(s + vstart, i - vstart);
			return true;
		}
		i = skip_json_space(s, n, i);
		if (i >= n || s[i] != ',')
			return false;
		i++;
	}
}

/* Returns the time of a JSON timestamp member, or LT_TS_NONE. */
static int64_t
json_time(const json_t *value)
{
	const char *text = json_string_value(value);
	size_t len = json_string_length(value), used;
	bool has_offset;
	int64_t ms;

	if (text == NULL)
		return LT_TS_NONE;
	used = lt_time_parse_iso(text, len, &ms, &has_offset);
	return used == len && used > 0 ? ms : LT_TS_NONE;
}

/* Copies s[0..n) to out with each byte that does not belong to a
 * well-formed UTF-8 sequence replaced by U+FFFD. Returns 0 or -1. */
static int
utf8_repair(const char *s, size_t n, struct lt_buf *out)
{
	size_t i = 0;

	while (i < n) {
		size_t len = lt_utf8_length(s + i, n - i);

		if (len == 0) {
			if (lt_buf_append(out, LT_UTF8_REPLACEMENT, 3) < 0)
				return -1;
			i++;
			continue;
		}
		if (lt_buf_append(out, s + i, len) < 0)
			return -1;
		i += len;
	}
	return 0;
}

/*
 * Replaces in b the number that ends at byte end, which jansson found out
 * of a double's range (1e999), with the same text as a JSON string.
 * Returns 0, or -1 when no number ends there or memory runs out.
 */
static int
quote_number(struct lt_buf *b, size_t end)
{
	size_t start = end;

	while (start > 0 && strchr("0123456789+-.eE", b->data[start - 1]) !=
	    NULL && b->data[start - 1] != '\0')
		start--;
	if (start == end || lt_buf_reserve(b, 2) == -1)
		return -1;
	memmove(b->data + end + 2, b->data + end, b->len - end);
	memmove(b->data + start + 1, b->data + start, end - start);
	b->data[start] = '"';
	b->data[end + 1] = '"';
	b->len += 2;
	b->data[b->len] = '\0';
	return 0;
}

/*
 * Loads a JSON line. jansson rejects invalid UTF-8 and numbers beyond a
 * double's range, which a log line may still contain (a property copied
 * from a byte buffer, a ulong read as 1e999). A line that fails for
 * those reasons is loaded again with such bytes replaced by U+FFFD and,
 * for up to 16 such numbers, each number made a string of the same text.
 * The record's raw text keeps the original bytes.
 */
static json_t *
load_json(const char *s, size_t n, size_t flags)
{
	struct lt_buf copy = LT_BUF_INIT;
	json_error_t error;
	json_t *root;
	int tries = 0;

	if ((root = json_loadb(s, n, flags, &error)) != NULL)
		return root;
	if (json_error_code(&error) != json_error_invalid_utf8 &&
	    json_error_code(&error) != json_error_numeric_overflow)
		return NULL;
	if (utf8_repair(s, n, &copy) == -1) {
		lt_buf_free(&copy);
		return NULL;
	}
	/* Positions now refer to the copy, whose bytes may have moved. */
	root = json_loadb(copy.data, copy.len, flags, &error);
	while (root == NULL && tries++ < 16 &&
	    json_error_code(&error) == json_error_numeric_overflow &&
	    quote_number(&copy, (size_t)error.position) == 0)
		root = json_loadb(copy.data, copy.len, flags, &error);
	lt_buf_free(&copy);
	return root;
}

/*
 * Parses a line that starts with '{'. It starts a record only when it is a
 * JSON object with a valid "@t" (CLEF) or "Timestamp" (JsonFormatter)
 * member. Returns the format and the object, or LT_FORMAT_ORPHAN.
 */
static enum lt_format
match_json(const char *s, size_t n, json_t **out)
{
	/* Integers load as reals so that one beyond int64_t, such as a
	 * ulong property, does not make the line invalid. */
	const size_t flags = JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL;
	json_t *root;

	*out = NULL;
	root = load_json(s, n, flags);
	if (root == NULL)
		return LT_FORMAT_ORPHAN;
	if (json_is_object(root)) {
		if (json_time(json_object_get(root, "@t")) != LT_TS_NONE) {
			*out = root;
			return LT_FORMAT_CLEF;
		}
		if (json_time(json_object_get(root, "Timestamp")) !=
		    LT_TS_NONE) {
			*out = root;
			return LT_FORMAT_JSON;
		}
	}
	json_decref(root);
	return LT_FORMAT_ORPHAN;
}

/* Template rendering */

/* Appends text with each CRLF made LF. */
static int
append_lf(struct lt_buf *b, const char *s, size_t n)
{
	const char *cr;

	while ((cr = memchr(s, '\r', n)) != NULL) {
		size_t k = (size_t)(cr - s);

		if (lt_buf_append(b, s, k) < 0)
			return -1;
		if (k + 1 >= n || cr[1] != '\n')
			if (lt_buf_putc(b, '\r') < 0)
				return -1;
		s += k + 1;
		n -= k + 1;
	}
	return lt_buf_append(b, s, n);
}

/* A message-template property token: "{" ["@" / "$"] name ["," align]
 * [":" format] "}". */
struct hole {
	const char	*name;
	size_t		 name_len;
	int		 align;		/* 0: none; < 0 pads on the right */
	const char	*format;	/* NULL when there is none */
	size_t		 format_len;
	size_t		 len;		/* bytes of the token text */
};

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/*
 * Parses the token at s[0] == '{', where s[n] is the first '}' after it
 * (the caller finds it, once for all the tokens before it, so that a
 * template of many unclosed '{' is not read once per '{'). Returns false
 * when it is not a token.
 */
static bool
parse_hole(const char *s, size_t n, struct hole *h)
{
	size_t i = 1;

	memset(h, 0, sizeof(*h));
	if (i < n && (s[i] == '@' || s[i] == '$'))
		i++;
	h->name = s + i;
	while (i < n && is_name_char(s[i]))
		i++;
	if (i < n && s[i] != ',' && s[i] != ':')
		return false;
	h->name_len = (size_t)(s + i - h->name);
	if (h->name_len == 0)
		return false;
	if (i < n && s[i] == ',') {
		int sign = 1, width = 0;

		if (++i < n && s[i] == '-') {
			sign = -1;
			i++;
		}
		for (; i < n && s[i] >= '0' && s[i] <= '9' && width < 10000;
		    i++)
			width = width * 10 + (s[i] - '0');
		h->align = sign * width;
	}
	if (i < n && s[i] == ':') {
		h->format = s + i + 1;
		h->format_len = n - i - 1;
		i = n;
	}
	if (i != n)
		return false;
	h->len = n + 1;
	return true;
}

/*
 * Returns the number of decimals that a numeric format sets: "0.0000"
 * gives 4, "F2" or "N2" gives 2, "0" gives 0. Other formats give -1.
 */
static int
format_decimals(const char *f, size_t n)
{
	const char *dot;
	int decimals = 0;

	if (n >= 1 && n <= 3 && (f[0] == 'F' || f[0] == 'f' || f[0] == 'N' ||
	    f[0] == 'n')) {
		for (size_t i = 1; i < n; i++) {
			if (f[i] < '0' || f[i] > '9')
				return -1;
			decimals = decimals * 10 + (f[i] - '0');
		}
		return n == 1 ? 2 : decimals;
	}
	for (size_t i = 0; i < n; i++)
		if (f[i] != '0' && f[i] != '#' && f[i] != '.')
			return -1;
	dot = memchr(f, '.', n);
	/* NOTE: '#' digits are counted like '0', so trailing zeros stay. */
	return dot == NULL ? 0 : (int)(f + n - dot - 1);
}

/* Formats a number with printf; the decimal point is forced to '.'
 * whatever the locale. */
static int
append_number(struct lt_buf *b, double v, int decimals)
{
	size_t start = b->len;
	int rc;

	if (decimals >= 0)
		rc = lt_buf_printf(b, "%.*f", decimals > 20 ? 20 : decimals, v);
	else
		rc = lt_buf_printf(b, "%.15g", v);
	if (rc < 0)
		return -1;
	for (size_t i = start; i < b->len; i++)
		if (b->data[i] == ',')
			b->data[i] = '.';
	return 0;
}

/*
 * Renders one property value as "{Message:lj}" does: strings without
 * quotes, numbers and structures as the JSON text wrote them (raw), or a
 * number with the decimals of a numeric format, booleans as True/False.
 * Without raw text, numbers get up to 15 significant digits and
 * structures compact JSON from jansson.
 */
static int
append_value(struct lt_buf *b, const json_t *v, const struct hole *h,
    struct lt_span raw)
{
	int decimals = h->format != NULL ?
	    format_decimals(h->format, h->format_len) : -1;
	char *text;
	int rc;

	switch (json_typeof(v)) {
	case JSON_STRING:
		return lt_buf_append(b, json_string_value(v),
		    json_string_length(v));
	case JSON_TRUE:
		return lt_buf_append(b, "True", 4);
	case JSON_FALSE:
		return lt_buf_append(b, "False", 5);
	case JSON_NULL:
		return lt_buf_append(b, "null", 4);
	case JSON_REAL:
		if (decimals >= 0 || raw.len == 0)
			return append_number(b, json_real_value(v), decimals);
		return lt_buf_append(b, raw.ptr, raw.len);
	default:
		if (raw.len > 0)
			return lt_buf_append(b, raw.ptr, raw.len);
		text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		if (text == NULL)
			return lt_error_set("out of memory rendering a "
			    "message");
		rc = lt_buf_append(b, text, strlen(text));
		free(text);
		return rc;
	}
}

/* Sources of hole values for one event. */
struct render_ctx {
	const json_t	*properties;	/* object */
	const json_t	*renderings;	/* JsonFormatter "Renderings" */
	const json_t	*clef_renderings; /* CLEF "@r" array */
	size_t		 formatted;	/* holes with a format so far */
	struct lt_span	 text;		/* JSON text of the properties */
	size_t		 lookups;	/* searches of text so far */
};

/* Returns the pre-rendered text for a hole with a format, or NULL. */
static const json_t *
find_rendering(struct render_ctx *rc, const struct hole *h)
{
	const json_t *list, *item;
	size_t i;

	if (h->format == NULL)
		return NULL;
	if (rc->clef_renderings != NULL)
		return json_array_get(rc->clef_renderings, rc->formatted++);
	list = json_object_getn(rc->renderings, h->name, h->name_len);
	json_array_foreach(list, i, item) {
		const json_t *f = json_object_get(item, "Format");

		if (json_string_length(f) == h->format_len &&
		    memcmp(json_string_value(f), h->format,
		    h->format_len) == 0)
			return json_object_get(item, "Rendering");
	}
	return NULL;
}

/*
 * Returns the JSON text of a number or structure property, or an empty
 * span for strings and when it cannot be found. Each search reads the
 * properties' text, so a message searches it at most RAW_LOOKUP_MAX
 * times; later tokens are formatted from the parsed value.
 */
static struct lt_span
raw_value(struct render_ctx *rc, const struct hole *h, const json_t *value)
{
	struct lt_span raw = empty_span;

	if (json_is_string(value) || rc->text.len == 0 ||
	    rc->lookups++ >= RAW_LOOKUP_MAX)
		return raw;
	if (!find_member_text(rc->text.ptr, rc->text.len, h->name,
	    h->name_len, &raw))
		return empty_span;
	return raw;
}

/* Pads the text from start to b->len to the hole's alignment. */
static int
align_value(struct lt_buf *b, size_t start, int align)
{
	size_t width = (size_t)(align < 0 ? -align : align);
	size_t len = b->len - start;

	if (len >= width)
		return 0;
	if (lt_buf_reserve(b, width - len) < 0)
		return -1;
	if (align > 0) {
		memmove(b->data + start + width - len, b->data + start, len);
		memset(b->data + start, ' ', width - len);
	} else
		memset(b->data + b->len, ' ', width - len);
	b->len = start + width;
	b->data[b->len] = '\0';
	return 0;
}

static int
append_hole(struct lt_buf *b, struct render_ctx *rc, const struct hole *h,
    const char *token)
{
	const json_t *value, *rendering;
	size_t start = b->len;

	rendering = find_rendering(rc, h);
	value = json_object_getn(rc->properties, h->name, h->name_len);
	if (json_is_string(rendering)) {
		if (lt_buf_append(b, json_string_value(rendering),
		    json_string_length(rendering)) < 0)
			return -1;
	} else if (value != NULL) {
		if (append_value(b, value, h, raw_value(rc, h, value)) < 0)
			return -1;
	} else
		return lt_buf_append(b, token, h->len);
	return align_value(b, start, h->align);
}

/* Returns the offset of the first '}' in t[from..n), or n. */
static size_t
next_close(const char *t, size_t n, size_t from)
{
	const char *close = from < n ? memchr(t + from, '}', n - from) : NULL;

	return close != NULL ? (size_t)(close - t) : n;
}

/*
 * Renders a Serilog message template. "{{" and "}}" are literal braces; a
 * token whose property is missing is copied as written, as Serilog does.
 * Rendering stops once the message reaches LT_RECORD_MAX bytes, because
 * alignment and repeated tokens can make it far longer than its line.
 */
static int
render_template(struct lt_buf *b, const char *t, size_t n,
    struct render_ctx *rc)
{
	size_t i = 0, close = 0;

	while (i < n && b->len < LT_RECORD_MAX) {
		struct hole h;
		size_t run = i;

		while (run < n && t[run] != '{' && t[run] != '}')
			run++;
		if (lt_buf_append(b, t + i, run - i) < 0)
			return -1;
		if ((i = run) >= n)
			break;
		if (close <= i)
			close = next_close(t, n, i + 1);
		if (i + 1 < n && t[i + 1] == t[i]) {
			if (lt_buf_putc(b, t[i]) < 0)
				return -1;
			i += 2;
		} else if (t[i] == '{' && close < n &&
		    parse_hole(t + i, close - i, &h)) {
			if (append_hole(b, rc, &h, t + i) < 0)
				return -1;
			i += h.len;
		} else {
			if (lt_buf_putc(b, t[i]) < 0)
				return -1;
			i++;
		}
	}
	if (b->len > LT_RECORD_MAX) {
		b->len = LT_RECORD_MAX;
		b->data[b->len] = '\0';
	}
	return 0;
}

/* Filling records from JSON objects */

static struct lt_span
string_span(const json_t *v)
{
	if (!json_is_string(v))
		return empty_span;
	return span_of(json_string_value(v), json_string_length(v));
}

/* Stores a JSON string with CRLF made LF in b and points *out at it. */
static int
set_normalised(struct lt_buf *b, const json_t *v, struct lt_span *out)
{
	struct lt_span s = string_span(v);

	lt_buf_reset(b);
	if (s.len == 0) {
		*out = empty_span;
		return 0;
	}
	if (append_lf(b, s.ptr, trim_line_end(s.ptr, s.len)) < 0)
		return -1;
	*out = span_of(b->data, b->len);
	return 0;
}

/* Turns each CRLF in b into LF, in place. */
static void
crlf_to_lf(struct lt_buf *b)
{
	size_t out = 0;

	if (b->len == 0 || memchr(b->data, '\r', b->len) == NULL)
		return;
	for (size_t i = 0; i < b->len; i++)
		if (!(b->data[i] == '\r' && i + 1 < b->len &&
		    b->data[i + 1] == '\n'))
			b->data[out++] = b->data[i];
	b->len = out;
	b->data[out] = '\0';
}

/*
 * Sets the message from the template when there is one, so that string
 * values stay unquoted whatever the writer did in its rendered text, and
 * from the rendered text otherwise.
 */
static int
set_json_message(struct lt_parser *p, const json_t *text,
    const json_t *template, struct render_ctx *rc, struct lt_record *rec)
{
	struct lt_span t;

	if (!json_is_string(template))
		return set_normalised(&p->message, text, &rec->message);
	lt_buf_reset(&p->message);
	t = string_span(template);
	if (render_template(&p->message, t.ptr, t.len, rc) < 0)
		return -1;
	crlf_to_lf(&p->message);
	rec->message = span_of(p->message.data != NULL ? p->message.data :
	    "", p->message.len);
	return 0;
}

/*
 * CLEF members: "@t" time, "@l" level (absent means Information), "@m"
 * rendered message or "@mt" template with "@r" renderings, "@x"
 * exception, "@tr" trace id and "@sp" span id. The other members are the
 * properties.
 */
static int
fill_clef(struct lt_parser *p, const json_t *o, const char *line,
    size_t n, struct lt_record *rec)
{
	struct render_ctx rc = { o, NULL, NULL, 0, { line, n }, 0 };
	const json_t *level = json_object_get(o, "@l");

	rc.clef_renderings = json_object_get(o, "@r");
	if (!json_is_array(rc.clef_renderings))
		rc.clef_renderings = NULL;
	rec->ts = json_time(json_object_get(o, "@t"));
	rec->level = level == NULL ? LT_LEVEL_INF :
	    lt_level_parse(json_string_value(level), json_string_length(level));
	rec->trace_id = string_span(json_object_get(o, "@tr"));
	rec->span_id = string_span(json_object_get(o, "@sp"));
	rec->correlation_id = string_span(json_object_get(o, "CorrelationId"));
	rec->properties = span_of(line, n);
	if (set_normalised(&p->exception, json_object_get(o, "@x"),
	    &rec->exception) < 0)
		return -1;
	return set_json_message(p, json_object_get(o, "@m"),
	    json_object_get(o, "@mt"), &rc, rec);
}

/*
 * JsonFormatter: "Timestamp", "Level", "MessageTemplate", optional
 * "RenderedMessage", "Properties", "Renderings", "Exception", and in
 * Serilog 3.1 and later "TraceId" and "SpanId".
 */
static int
fill_json(struct lt_parser *p, const json_t *o, const char *line,
    size_t n, struct lt_record *rec)
{
	const json_t *props = json_object_get(o, "Properties");
	const json_t *level = json_object_get(o, "Level");
	struct render_ctx rc = { props, NULL, NULL, 0, { "", 0 }, 0 };

	rc.renderings = json_object_get(o, "Renderings");
	rec->ts = json_time(json_object_get(o, "Timestamp"));
	rec->level = level == NULL ? LT_LEVEL_INF :
	    lt_level_parse(json_string_value(level), json_string_length(level));
	rec->correlation_id = string_span(json_object_get(props,
	    "CorrelationId"));
	rec->trace_id = string_span(json_object_get(o, "TraceId"));
	if (rec->trace_id.len == 0)
		rec->trace_id = string_span(json_object_get(props, "TraceId"));
	rec->span_id = string_span(json_object_get(o, "SpanId"));
	if (rec->span_id.len == 0)
		rec->span_id = string_span(json_object_get(props, "SpanId"));
	if (!find_member_text(line, n, "Properties", 10, &rec->properties))
		rec->properties = empty_span;
	rc.text = rec->properties;
	if (set_normalised(&p->exception, json_object_get(o, "Exception"),
	    &rec->exception) < 0)
		return -1;
	return set_json_message(p, json_object_get(o, "RenderedMessage"),
	    json_object_get(o, "MessageTemplate"), &rc, rec);
}

/* Building records */

static void
clear_record(struct lt_record *rec)
{
	rec->ts = LT_TS_NONE;
	rec->level = LT_LEVEL_NONE;
	rec->format = LT_FORMAT_ORPHAN;
	rec->message = empty_span;
	rec->exception = empty_span;
	rec->correlation_id = empty_span;
	rec->trace_id = empty_span;
	rec->span_id = empty_span;
	rec->properties = empty_span;
}

/*
 * Returns the length of what a line may carry before its first field:
 * UTF-8 byte-order marks and NUL bytes, in any order. A writer that keeps
 * its file offset after a copytruncate leaves a NUL run before its next
 * line, and that line may start a file of its own with a mark.
 */
static size_t
line_prefix_length(const char *s, size_t n)
{
	size_t k = 0;

	for (;;) {
		if (k < n && s[k] == '\0')
			k++;
		else if (n - k >= 3 && memcmp(s + k, "\xef\xbb\xbf", 3) == 0)
			k += 3;
		else
			return k;
	}
}

static void
save_span(struct header *h, enum header_field f, struct lt_span span,
    const char *line)
{
	h->len[f] = span.len;
	h->offset[f] = span.len > 0 ? (size_t)(span.ptr - line) : 0;
}

/* Stores the header fields of rec as offsets from line. */
static void
save_header(const struct lt_record *rec, const char *line, struct header *h)
{
	h->format = rec->format;
	h->ts = rec->ts;
	h->level = rec->level;
	save_span(h, FIELD_MESSAGE, rec->message, line);
	save_span(h, FIELD_CORRELATION, rec->correlation_id, line);
	save_span(h, FIELD_TRACE, rec->trace_id, line);
	save_span(h, FIELD_SPAN, rec->span_id, line);
	save_span(h, FIELD_PROPERTIES, rec->properties, line);
}

static void
load_span(const struct header *h, enum header_field f, const char *line,
    struct lt_span *span)
{
	if (h->len[f] > 0)
		*span = span_of(line + h->offset[f], h->len[f]);
}

static void
load_header(const struct header *h, const char *line, struct lt_record *rec)
{
	rec->format = h->format;
	rec->ts = h->ts;
	rec->level = h->level;
	load_span(h, FIELD_MESSAGE, line, &rec->message);
	load_span(h, FIELD_CORRELATION, line, &rec->correlation_id);
	load_span(h, FIELD_TRACE, line, &rec->trace_id);
	load_span(h, FIELD_SPAN, line, &rec->span_id);
	load_span(h, FIELD_PROPERTIES, line, &rec->properties);
}

/*
 * Decides whether a line (line end included, byte-order mark removed)
 * starts a record, and fills *h. Returns h->format, LT_FORMAT_ORPHAN when
 * the line does not start a record. The parser p contains the timestamp
 * memo and the request scanning switch.
 */
static enum lt_format
match_header(const char *s, size_t n, struct header *h, struct lt_parser *p)
{
	struct lt_record scratch;

	h->json = NULL;
	h->format = LT_FORMAT_ORPHAN;
	h->partial = false;
	n = trim_line_end(s, n);
	if (n == 0)
		return LT_FORMAT_ORPHAN;
	if (s[0] == '{')
		return h->format = match_json(s, n, &h->json);
	clear_record(&scratch);
	scratch.format = match_text(s, n, &scratch, &p->memo,
	    p->scan_requests ? &h->partial : NULL);
	if (scratch.format != LT_FORMAT_ORPHAN)
		save_header(&scratch, s, h);
	if (h->partial)
		memset(h->len, 0, sizeof(h->len));
	return h->format;
}

/* Sets exception to the continuation lines, CRLF made LF and the final
 * line end removed. */
static int
set_continuation(struct lt_parser *p, const char *s, size_t n,
    struct lt_record *rec)
{
	n = trim_line_end(s, n);
	if (n == 0)
		return 0;
	if (memchr(s, '\r', n) == NULL) {
		rec->exception = span_of(s, n);
		return 0;
	}
	lt_buf_reset(&p->exception);
	if (append_lf(&p->exception, s, n) < 0)
		return -1;
	rec->exception = span_of(p->exception.data, p->exception.len);
	return 0;
}

/*
 * Fills rec from its complete text, whose first line (after skip bytes of
 * byte-order mark) is first bytes long, line end included. That line is
 * already matched into h; the parser keeps h->json until the next record.
 */
static int
fill_record(struct lt_parser *p, const char *text, size_t len,
    size_t skip, size_t first, const struct header *h,
    struct lt_record *rec)
{
	const char *line = text + skip;
	size_t n;

	clear_record(rec);
	rec->raw = span_of(text, len);
	json_decref(p->current_json);
	p->current_json = h->json;
	rec->format = h->format;
	switch (h->format) {
	case LT_FORMAT_CLEF:
		n = trim_line_end(line, first);
		return fill_clef(p, h->json, line, n, rec);
	case LT_FORMAT_JSON:
		n = trim_line_end(line, first);
		return fill_json(p, h->json, line, n, rec);
	case LT_FORMAT_ORPHAN:
		rec->message = span_of(line, trim_line_end(line, first));
		break;
	default:
		load_header(h, line, rec);
		if (h->partial)
			return 0;
		break;
	}
	return set_continuation(p, line + first, len - skip - first, rec);
}

/* Parser buffer */

struct lt_parser *
lt_parser_new(lt_read_fn read, void *ctx)
{
	struct lt_parser *p;

	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		lt_error_set("out of memory");
		return NULL;
	}
	p->read = read;
	p->ctx = ctx;
	p->line = 1;
	return p;
}

void
lt_parser_free(struct lt_parser *p)
{
	if (p == NULL)
		return;
	json_decref(p->next.json);
	json_decref(p->current_json);
	lt_buf_free(&p->message);
	lt_buf_free(&p->exception);
	free(p->read_error);
	free(p->buf);
	free(p);
}

void
lt_parser_scan_requests(struct lt_parser *p, bool on)
{
	p->scan_requests = on;
}

uint64_t
lt_parser_offset(const struct lt_parser *p)
{
	return p->base + p->pos;
}

/* Makes room for at least READ_MIN more bytes, moving the unreturned
 * bytes to the start of the buffer first. */
static int
make_room(struct lt_parser *p)
{
	size_t cap;
	char *buf;

	if (p->cap - p->fill >= READ_MIN)
		return 0;
	if (p->pos > 0) {
		memmove(p->buf, p->buf + p->pos, p->fill - p->pos);
		p->base += p->pos;
		p->fill -= p->pos;
		p->pos = 0;
		if (p->cap - p->fill >= READ_MIN)
			return 0;
	}
	cap = p->cap == 0 ? INITIAL_CAP : p->cap * 2;
	if (cap > LT_RECORD_MAX + READ_MIN)
		cap = LT_RECORD_MAX + READ_MIN;
	if (cap <= p->cap)
		return 0;
	buf = realloc(p->buf, cap);
	if (buf == NULL)
		return lt_error_set("out of memory (%zu bytes)", cap);
	p->buf = buf;
	p->cap = cap;
	return 0;
}

/*
 * Reads more input. Returns 1, 0 at the end, or -1. A failed read ends the
 * input: the bytes read before it still make records, and the error is
 * kept for lt_parser_next() to return after them.
 */
static int
read_more(struct lt_parser *p)
{
	ssize_t got;

	if (p->eof || p->read == NULL)
		return 0;
	if (make_room(p) < 0)
		return -1;
	got = p->read(p->ctx, p->buf + p->fill, p->cap - p->fill);
	if (got < 0) {
		p->eof = true;
		p->read_error = strdup(lt_error()[0] != '\0' ? lt_error() :
		    "read failed");
		if (p->read_error == NULL)
			return lt_error_set("out of memory");
		return 0;
	}
	if (got == 0) {
		p->eof = true;
		return 0;
	}
	p->fill += (size_t)got;
	return 1;
}

/*
 * Finds the end of the line that starts at offset from of the current
 * record (offsets are relative to p->pos so that they survive make_room).
 * *end is just past the '\n', or the end of the input, or LT_RECORD_MAX
 * when the record would grow beyond it. Returns 0 or -1.
 */
static int
find_line_end(struct lt_parser *p, size_t from, size_t *end)
{
	size_t searched = from;

	for (;;) {
		size_t avail = p->fill - p->pos;
		size_t limit = avail < LT_RECORD_MAX ? avail : LT_RECORD_MAX;
		const char *rec, *nl;
		int got;

		/* The buffer is NULL until the first byte arrives. */
		if (searched < limit) {
			rec = p->buf + p->pos;
			nl = memchr(rec + searched, '\n', limit - searched);
			if (nl != NULL) {
				*end = (size_t)(nl - rec) + 1;
				return 0;
			}
		}
		searched = limit;
		if (avail >= LT_RECORD_MAX) {
			*end = LT_RECORD_MAX;
			return 0;
		}
		if ((got = read_more(p)) < 0)
			return -1;
		if (got == 0) {
			*end = p->fill - p->pos;
			return 0;
		}
	}
}

/* Matches the line [from, end) of the current record. A byte-order mark
 * at the start of any line is skipped, because a source may be several
 * files joined, each with its own, and so is a run of NUL bytes. */
static enum lt_format
match_header_at(struct lt_parser *p, size_t from, size_t end,
    struct header *h)
{
	const char *s = p->buf + p->pos + from;
	size_t skip = line_prefix_length(s, end - from);

	return match_header(s + skip, end - from - skip, h, p);
}

/*
 * Finds the extent of the record at p->pos, whose first line ends at end:
 * that line and the lines up to the next header line, which is kept in
 * p->next for the next call. Stores the length in *len (0 at the end of
 * the input) and the number of line ends in *lines. Returns 0 or -1.
 */
static int
scan_record(struct lt_parser *p, size_t end, size_t *len, size_t *lines)
{
	size_t next;

	*lines = 0;
	*len = 0;
	if (end == 0)
		return 0;
	for (;;) {
		if (p->buf[p->pos + end - 1] == '\n')
			(*lines)++;
		if (end >= LT_RECORD_MAX)
			break;
		if (find_line_end(p, end, &next) < 0)
			return -1;
		if (next == end)
			break;
		if (match_header_at(p, end, next, &p->next) !=
		    LT_FORMAT_ORPHAN) {
			p->pending = true;
			p->next_end = next < LT_RECORD_MAX ? next - end : 0;
			break;
		}
		end = next;
	}
	*len = end;
	return 0;
}

/*
 * Matches the header line at p->pos again, whole, into *h and stores its
 * end in *end. Used when the line was matched cut short, at LT_RECORD_MAX
 * bytes from the start of the record before it. Returns 0 or -1.
 */
static int
rematch_header(struct lt_parser *p, struct header *h, size_t *end)
{
	json_decref(h->json);
	h->json = NULL;
	if (find_line_end(p, 0, end) < 0)
		return -1;
	match_header_at(p, 0, *end, h);
	return 0;
}

int
lt_parser_next(struct lt_parser *p, struct lt_record *rec)
{
	struct header h;
	size_t end, len, lines, skip;

	json_decref(p->current_json);
	p->current_json = NULL;
	if (!p->pending) {
		if (find_line_end(p, 0, &end) < 0)
			return -1;
		if (end == 0 && p->read_error != NULL)
			return lt_error_set("%s", p->read_error);
		if (end == 0)
			return 0;
		match_header_at(p, 0, end, &h);
	} else {
		h = p->next;
		end = p->next_end;
		p->pending = false;
		p->next.json = NULL;
		if (end == 0 && rematch_header(p, &h, &end) < 0)
			return -1;
	}
	if (scan_record(p, end, &len, &lines) < 0) {
		json_decref(h.json);
		return -1;
	}
	skip = line_prefix_length(p->buf + p->pos, len);
	rec->offset = p->base + p->pos;
	rec->line = p->line;
	if (fill_record(p, p->buf + p->pos, len, skip, end - skip, &h,
	    rec) < 0)
		return -1;
	p->pos += len;
	p->line += lines;
	return 1;
}

int
lt_record_parse_text(const char *text, size_t len, struct lt_record *rec,
    struct lt_parser *scratch)
{
	const char *nl = memchr(text, '\n', len);
	size_t skip = line_prefix_length(text, len);
	size_t first = nl != NULL ? (size_t)(nl - text) + 1 : len;
	struct header h;

	if (scratch == NULL)
		return lt_error_set("missing scratch parser for a record text");
	match_header(text + skip, first - skip, &h, scratch);
	rec->offset = 0;
	rec->line = 1;
	return fill_record(scratch, text, len, skip, first - skip, &h, rec);
}

/* Event keys */

/* Hashes s with every CRLF hashed as LF. */
static void
hash_lf(XXH3_state_t *state, struct lt_span s)
{
	const char *p = s.ptr, *end = s.ptr + s.len, *cr;

	while ((cr = memchr(p, '\r', (size_t)(end - p))) != NULL) {
		if (cr + 1 < end && cr[1] == '\n') {
			XXH3_64bits_update(state, p, (size_t)(cr - p));
			p = cr + 1;
		} else {
			XXH3_64bits_update(state, p, (size_t)(cr - p) + 1);
			p = cr + 1;
		}
	}
	XXH3_64bits_update(state, p, (size_t)(end - p));
}

uint64_t
lt_record_event_key(const struct lt_record *rec)
{
	XXH3_state_t state;
	unsigned char head[9];
	uint64_t ts = (uint64_t)rec->ts;

	for (int i = 0; i < 8; i++)
		head[i] = (unsigned char)(ts >> (8 * i));
	head[8] = (unsigned char)(rec->level + 1);
	XXH3_64bits_reset_withSeed(&state, 0);
	XXH3_64bits_update(&state, head, sizeof(head));
	hash_lf(&state, rec->message);
	XXH3_64bits_update(&state, "", 1);
	hash_lf(&state, rec->exception);
	return XXH3_64bits_digest(&state);
}
