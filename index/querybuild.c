#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "error.h"
#include "querybuild.h"

static int
add_term(struct lt_buf *sql, bool *first, const char *term)
{
	int rc = lt_buf_printf(sql, "%s%s", *first ? " WHERE " : " AND ",
	    term);

	*first = false;
	return rc;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Finds the next white-space separated word at or after *p; returns its
 * length (0 at the end) with *word set, and moves *p past it. */
static size_t
next_word(const char **p, const char **word)
{
	const char *s = *p;

	while (is_blank(*s))
		s++;
	*word = s;
	while (*s != '\0' && !is_blank(*s))
		s++;
	*p = s;
	return (size_t)(s - *word);
}

/* Writes one word in the FTS5 string form: in '"', every '"' doubled. */
static int
quote_word(const char *w, size_t n, struct lt_buf *out)
{
	lt_buf_reset(out);
	if (lt_buf_putc(out, '"') == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"' && lt_buf_putc(out, '"') == -1)
			return -1;
		if (lt_buf_putc(out, w[i]) == -1)
			return -1;
	}
	return lt_buf_putc(out, '"');
}

/*
 * One term per word of --match, all of them required: the word as an
 * FTS5 phrase of message and exception (:match_N), or the whole
 * correlation id or trace id in any letter case (:word_N), which the
 * NOCASE indexes look up.
 */
static int
add_match_terms(struct lt_buf *sql, bool *first, const char *words)
{
	const char *p = words, *w;
	int rc = 0;

	for (int i = 0; next_word(&p, &w) > 0; i++) {
		rc |= lt_buf_printf(sql, "%s", *first ? " WHERE " : " AND ");
		*first = false;
		rc |= lt_buf_printf(sql, "e.id IN (SELECT rowid "
		    "FROM events_fts WHERE events_fts MATCH :match_%d "
		    "UNION SELECT id FROM events "
		    "WHERE correlation_id = :word_%d COLLATE NOCASE "
		    "UNION SELECT id FROM events "
		    "WHERE trace_id = :word_%d COLLATE NOCASE)", i, i, i);
	}
	return rc ? -1 : 0;
}

int
query_where(const struct query_filter *f, struct lt_buf *sql)
{
	bool first = true;
	int rc = 0;

	if (f->since != LT_TS_NONE)
		rc |= add_term(sql, &first, "e.ts >= :since");
	if (f->until != LT_TS_NONE)
		rc |= add_term(sql, &first, "e.ts < :until");
	if (f->level != LT_LEVEL_NONE)
		rc |= add_term(sql, &first, f->level_min ?
		    "e.level >= :level" : "e.level = :level");
	if (f->correlation != NULL)
		rc |= add_term(sql, &first, "e.correlation_id = :correlation "
		    "COLLATE NOCASE AND e.correlation_id = :correlation");
	if (f->trace != NULL)
		rc |= add_term(sql, &first, "e.id IN (SELECT id FROM events "
		    "WHERE correlation_id = :trace COLLATE NOCASE "
		    "UNION SELECT id FROM events "
		    "WHERE trace_id = :trace COLLATE NOCASE)");
	if (f->family != NULL)
		rc |= add_term(sql, &first, "e.id IN (SELECT es.event_id "
		    "FROM event_sources es JOIN sources s "
		    "ON s.content_id = es.content_id "
		    "WHERE s.family = :family)");
	if (f->source != NULL)
		rc |= add_term(sql, &first, "e.id IN (SELECT es.event_id "
		    "FROM event_sources es JOIN sources s "
		    "ON s.content_id = es.content_id WHERE s.name = :source "
		    "OR substr(s.name, -length(:source) - 1) "
		    "IN ('/' || :source, ':' || :source))");
	if (f->match != NULL)
		rc |= add_match_terms(sql, &first, f->match);
	if (f->fts != NULL)
		rc |= add_term(sql, &first, "e.id IN (SELECT rowid "
		    "FROM events_fts WHERE events_fts MATCH :fts)");
	if (f->grep)
		rc |= add_term(sql, &first, "lt_grep(e.raw)");
	return rc ? -1 : 0;
}

static void
bind_text(sqlite3_stmt *st, const char *name, const char *value)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
}

static void
bind_text_len(sqlite3_stmt *st, const char *name, const char *value,
    size_t len)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_text(st, i, value, (int)len, SQLITE_TRANSIENT);
}

static void
bind_int(sqlite3_stmt *st, const char *name, int64_t value)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_int64(st, i, value);
}

/* Binds :match_N and :word_N of add_match_terms() for each word. */
static int
bind_match(const char *words, sqlite3_stmt *st)
{
	struct lt_buf quoted = LT_BUF_INIT;
	const char *p = words, *w;
	char name[32];
	size_t n;

	for (int i = 0; (n = next_word(&p, &w)) > 0; i++) {
		if (quote_word(w, n, &quoted) == -1) {
			lt_buf_free(&quoted);
			return -1;
		}
		snprintf(name, sizeof(name), ":match_%d", i);
		bind_text(st, name, quoted.data);
		snprintf(name, sizeof(name), ":word_%d", i);
		bind_text_len(st, name, w, n);
	}
	lt_buf_free(&quoted);
	return 0;
}

int
query_bind(const struct query_filter *f, sqlite3_stmt *st)
{
	if (f->since != LT_TS_NONE)
		bind_int(st, ":since", f->since);
	if (f->until != LT_TS_NONE)
		bind_int(st, ":until", f->until);
	if (f->level != LT_LEVEL_NONE)
		bind_int(st, ":level", f->level);
	if (f->correlation != NULL)
		bind_text(st, ":correlation", f->correlation);
	if (f->trace != NULL)
		bind_text(st, ":trace", f->trace);
	if (f->family != NULL)
		bind_text(st, ":family", f->family);
	if (f->source != NULL)
		bind_text(st, ":source", f->source);
	if (f->fts != NULL)
		bind_text(st, ":fts", f->fts);
	if (f->match != NULL)
		return bind_match(f->match, st);
	return 0;
}

/* True when the word has a letter, a digit or a non-ASCII byte: FTS5
 * finds no token in a word of punctuation alone, such as "-" or "*". */
static bool
has_token(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];

		if (c >= 0x80 || (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return true;
	}
	return false;
}

/*
 * Grammar of the words: 1*( word *blank ), word = 1*( not blank ). Each
 * word is written as "word" with every '"' doubled, the FTS5 string form,
 * and the strings are joined by spaces (FTS5's implicit AND).
 */
int
query_quote_words(const char *words, struct lt_buf *out)
{
	struct lt_buf one = LT_BUF_INIT;
	const char *p = words, *w;
	size_t n;
	int rc = 0;

	lt_buf_reset(out);
	while (rc == 0 && (n = next_word(&p, &w)) > 0) {
		if (!has_token(w, n)) {
			lt_buf_free(&one);
			return lt_error_set("no word to match in '%.*s': a "
			    "word needs a letter or digit", (int)n, w);
		}
		if (quote_word(w, n, &one) == -1 ||
		    lt_buf_printf(out, "%s%s", out->len > 0 ? " " : "",
		    one.data) == -1)
			rc = -1;
	}
	lt_buf_free(&one);
	if (rc == 0 && out->len == 0)
		return lt_error_set("no word to match in '%s'", words);
	return rc;
}

struct grep {
	char			*pattern;
	pcre2_code		*code;
	pcre2_match_data	*match;
	pcre2_match_context	*context;
};

static void
grep_free(void *p)
{
	struct grep *g = p;

	pcre2_match_context_free(g->context);
	pcre2_match_data_free(g->match);
	pcre2_code_free(g->code);
	free(g->pattern);
	free(g);
}

/* Fails the query with PCRE2's reason: a record on which the match could
 * not finish is neither a match nor a non-match. */
static void
grep_failed(sqlite3_context *ctx, const struct grep *g, int rc)
{
	PCRE2_UCHAR text[256];
	char *msg;

	pcre2_get_error_message(rc, text, sizeof(text));
	msg = sqlite3_mprintf("%s'%s' failed on a record: %s; simplify the "
	    "pattern", QUERY_GREP_ERROR, g->pattern, (const char *)text);
	if (msg == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_error(ctx, msg, -1);
	sqlite3_free(msg);
}

bool
query_grep_failed(const char *msg)
{
	return strncmp(msg, QUERY_GREP_ERROR,
	    strlen(QUERY_GREP_ERROR)) == 0;
}

static void
grep_call(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct grep *g = sqlite3_user_data(ctx);
	const void *raw = sqlite3_value_blob(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	int rc;

	(void)argc;
	rc = pcre2_match(g->code, raw ? raw : (const void *)"", (size_t)n, 0,
	    0, g->match, g->context);
	if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH) {
		sqlite3_result_int(ctx, rc >= 0);
		return;
	}
	grep_failed(ctx, g, rc);
}

int
query_grep_install(sqlite3 *db, const char *pattern)
{
	PCRE2_UCHAR message[256];
	PCRE2_SIZE offset;
	struct grep *g;
	int code;

	g = calloc(1, sizeof(*g));
	if (g == NULL)
		return lt_error_set("out of memory");
	g->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_MULTILINE, &code, &offset, NULL);
	if (g->code == NULL) {
		free(g);
		pcre2_get_error_message(code, message, sizeof(message));
		return lt_error_set("invalid regular expression '%s' at "
		    "offset %zu: %s", pattern, (size_t)offset,
		    (const char *)message);
	}
	/* Without JIT support the interpreter is used. */
	pcre2_jit_compile(g->code, PCRE2_JIT_COMPLETE);
	g->match = pcre2_match_data_create_from_pattern(g->code, NULL);
	g->context = pcre2_match_context_create(NULL);
	g->pattern = strdup(pattern);
	if (g->match == NULL || g->context == NULL || g->pattern == NULL) {
		grep_free(g);
		return lt_error_set("out of memory");
	}
	pcre2_set_match_limit(g->context, QUERY_MATCH_LIMIT);
	if (sqlite3_create_function_v2(db, "lt_grep", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, g, grep_call, NULL, NULL, grep_free) !=
	    SQLITE_OK)
		return lt_error_set("cannot install the regular expression: "
		    "%s", sqlite3_errmsg(db));
	return 0;
}
