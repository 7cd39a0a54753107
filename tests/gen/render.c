/*
 * Rendering one event in one of Aura's Serilog output templates:
 *
 *   trace      [{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz}] [{Level:u3}]
 *              [{CorrelationId}] [{TraceId}] [{SpanId}] {Message:lj}
 *              {Properties:j}{NewLine}{Exception}
 *   bracketed  the same without [{TraceId}] [{SpanId}]
 *   default    {Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}]
 *              {Message:lj}{NewLine}{Exception}
 *   json       Serilog's JsonFormatter with renderMessage: Timestamp,
 *              Level, MessageTemplate, RenderedMessage (string values in
 *              quotes), Exception, TraceId, SpanId, Properties, Renderings
 *   clef       Serilog.Formatting.Compact: @t (UTC), @mt, @r, @l (left out
 *              for Information), @x, @tr, @sp, then the properties
 *
 * {Properties:j} contains the properties that no hole of the message
 * names. CorrelationId is left out because the template prints it.
 *
 * JSON strings are escaped here rather than through jansson because an
 * event is written once per output line and must not allocate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "timeutil.h"

#define MAX_HOLES	EVENT_PROPS

/* A hole of a message template: {name} or {name:format}. */
struct hole {
	const char	*name;
	size_t		 name_len;
	const char	*format;	/* NULL when none */
	size_t		 format_len;
	const struct prop *prop;	/* NULL when the event lacks it */
};

static const char *const level_u3[] = {
	"VRB", "DBG", "INF", "WRN", "ERR", "FTL",
};

static const char *const level_word[] = {
	"Verbose", "Debug", "Information", "Warning", "Error", "Fatal",
};

void
text_put(struct text *t, const char *s, size_t n)
{
	if (n > t->cap - t->len) {
		fprintf(stderr, "aura-loggen: event buffer overflow\n");
		abort();
	}
	memcpy(t->data + t->len, s, n);
	t->len += n;
}

void
text_puts(struct text *t, const char *s)
{
	text_put(t, s, strlen(s));
}

void
text_putc(struct text *t, char c)
{
	text_put(t, &c, 1);
}

void
text_putnum(struct text *t, uint64_t v, int width)
{
	char digits[24];
	int n = 0;

	do {
		digits[sizeof(digits) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 || n < width);
	text_put(t, digits + sizeof(digits) - n, (size_t)n);
}

/* Floor division, so that times before 1970 split correctly too. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * Appends "yyyy-MM-dd" sep "HH:mm:ss" "." digits of the fraction of the
 * local time us (digits is 3 for .fff, 7 for .NET's round-trip "o").
 */
static void
put_clock(struct text *t, int64_t us, char sep, int digits)
{
	int64_t days, rest;
	int year, month, day;

	days = floor_div(us, US_PER_DAY);
	rest = us - days * US_PER_DAY;
	lt_civil_from_days(days, &year, &month, &day);
	text_putnum(t, (uint64_t)year, 4);
	text_putc(t, '-');
	text_putnum(t, (uint64_t)month, 2);
	text_putc(t, '-');
	text_putnum(t, (uint64_t)day, 2);
	text_putc(t, sep);
	text_putnum(t, (uint64_t)(rest / US_PER_HOUR), 2);
	text_putc(t, ':');
	text_putnum(t, (uint64_t)(rest / US_PER_MIN % 60), 2);
	text_putc(t, ':');
	text_putnum(t, (uint64_t)(rest / US_PER_SEC % 60), 2);
	text_putc(t, '.');
	if (digits == 3)
		text_putnum(t, (uint64_t)(rest % US_PER_SEC / 1000), 3);
	else
		text_putnum(t, (uint64_t)(rest % US_PER_SEC * 10), 7);
}

/* Appends "+HH:MM" (with colon) for an offset in minutes east of UTC. */
static void
put_offset(struct text *t, int offset_min)
{
	int a = offset_min < 0 ? -offset_min : offset_min;

	text_putc(t, offset_min < 0 ? '-' : '+');
	text_putnum(t, (uint64_t)(a / 60), 2);
	text_putc(t, ':');
	text_putnum(t, (uint64_t)(a % 60), 2);
}

/* Appends s as a JSON string, quotes included. */
static void
put_json_string(struct text *t, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s;

	text_putc(t, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		text_put(t, run, (size_t)(s - run));
		run = s + 1;
		text_putc(t, '\\');
		switch (c) {
		case '"':
		case '\\':
			text_putc(t, (char)c);
			break;
		case '\n':
			text_putc(t, 'n');
			break;
		case '\r':
			text_putc(t, 'r');
			break;
		case '\t':
			text_putc(t, 't');
			break;
		default:
			text_puts(t, "u00");
			text_putc(t, hex[c >> 4]);
			text_putc(t, hex[c & 15]);
		}
	}
	text_put(t, run, (size_t)(s - run));
	text_putc(t, '"');
}

static void
put_json_value(struct text *t, const struct prop *p)
{
	if (p->number)
		text_puts(t, p->value);
	else
		put_json_string(t, p->value);
}

static const struct prop *
find_prop(const struct event *e, const char *name, size_t len)
{
	int i;

	for (i = 0; i < e->nprops; i++)
		if (strncmp(e->props[i].name, name, len) == 0 &&
		    e->props[i].name[len] == '\0')
			return &e->props[i];
	return NULL;
}

/*
 * Finds the holes of the event's template. Grammar (the subset of Serilog
 * message templates that the generator uses):
 *
 *   template = *( text / hole )
 *   hole     = "{" name [ ":" format ] "}"
 *   name     = 1*( ALPHA / DIGIT / "_" )
 */
static int
scan_holes(const struct event *e, struct hole *holes)
{
	const char *p = e->tmpl, *end;
	int n = 0;

	while ((p = strchr(p, '{')) != NULL && n < MAX_HOLES) {
		end = strchr(p, '}');
		if (end == NULL)
			break;
		holes[n].name = p + 1;
		holes[n].name_len = strcspn(p + 1, ":}");
		holes[n].format = NULL;
		holes[n].format_len = 0;
		if (p[1 + holes[n].name_len] == ':') {
			holes[n].format = p + 2 + holes[n].name_len;
			holes[n].format_len = (size_t)(end - holes[n].format);
		}
		holes[n].prop = find_prop(e, holes[n].name, holes[n].name_len);
		n++;
		p = end + 1;
	}
	return n;
}

static bool
in_holes(const struct prop *p, const struct hole *holes, int nholes)
{
	int i;

	for (i = 0; i < nholes; i++)
		if (holes[i].prop == p)
			return true;
	return false;
}

/* Appends a string value as Serilog renders it without the :l format:
 * in double quotes, with each quote inside escaped by a backslash. */
static void
put_quoted(struct text *t, const char *s)
{
	const char *q;

	text_putc(t, '"');
	while ((q = strchr(s, '"')) != NULL) {
		text_put(t, s, (size_t)(q - s));
		text_puts(t, "\\\"");
		s = q + 1;
	}
	text_puts(t, s);
	text_putc(t, '"');
}

/*
 * Appends the rendered message. With quote false, string values are
 * written as they are, as {Message:lj} does in the text templates. With
 * quote true they are quoted as Serilog's MessageTemplate.Render() does
 * for JsonFormatter's RenderedMessage: HTTP "GET" "/api/x" responded 200.
 */
static void
put_message(struct text *t, const struct event *e, const struct hole *holes,
    int nholes, bool quote)
{
	const char *p = e->tmpl;
	const struct prop *v;
	int i;

	for (i = 0; i < nholes; i++) {
		v = holes[i].prop;
		text_put(t, p, (size_t)(holes[i].name - 1 - p));
		if (v == NULL)
			text_put(t, holes[i].name - 1, holes[i].name_len + 2 +
			    (holes[i].format ? holes[i].format_len + 1 : 0));
		else if (quote && !v->number && holes[i].format == NULL)
			put_quoted(t, v->value);
		else
			text_puts(t, v->value);
		p = strchr(holes[i].name, '}') + 1;
	}
	text_puts(t, p);
}

/* Appends the quoted rendering of the message as a JSON string. */
static void
put_message_json(struct text *t, const struct event *e,
    const struct hole *holes, int nholes)
{
	char scratch[8192];
	struct text m = { scratch, 0, sizeof(scratch) - 1 };

	put_message(&m, e, holes, nholes, true);
	scratch[m.len] = '\0';
	put_json_string(t, scratch);
}

/* Appends the exception lines with the chosen line end after each. */
static void
put_exception_lines(struct text *t, const char *x, const char *newline)
{
	const char *nl;

	while ((nl = strchr(x, '\n')) != NULL) {
		text_put(t, x, (size_t)(nl - x));
		text_puts(t, newline);
		x = nl + 1;
	}
	text_puts(t, x);
	text_puts(t, newline);
}

/* Appends the exception as a JSON string with the chosen line ends. */
static void
put_exception_json(struct text *t, const char *x, const char *newline)
{
	char scratch[32768];
	struct text m = { scratch, 0, sizeof(scratch) - 1 };
	const char *nl;

	while ((nl = strchr(x, '\n')) != NULL) {
		text_put(&m, x, (size_t)(nl - x));
		text_puts(&m, newline);
		x = nl + 1;
	}
	text_puts(&m, x);
	scratch[m.len] = '\0';
	put_json_string(t, scratch);
}

/* Appends the properties no hole names, as {Properties:j} prints them. */
static void
put_extra_props(struct text *t, const struct event *e,
    const struct hole *holes, int nholes)
{
	bool first = true;
	int i;

	text_putc(t, '{');
	for (i = 0; i < e->nprops; i++) {
		if (in_holes(&e->props[i], holes, nholes))
			continue;
		if (!first)
			text_putc(t, ',');
		first = false;
		put_json_string(t, e->props[i].name);
		text_putc(t, ':');
		put_json_value(t, &e->props[i]);
	}
	text_putc(t, '}');
}

static void
render_text(const struct render_opts *o, const struct event *e,
    struct text *t)
{
	struct hole holes[MAX_HOLES];
	int nholes = scan_holes(e, holes);
	bool brackets = o->tpl != TPL_DEFAULT;

	if (brackets)
		text_putc(t, '[');
	put_clock(t, e->us + o->offset_min * US_PER_MIN, ' ', 3);
	text_putc(t, ' ');
	put_offset(t, o->offset_min);
	text_puts(t, brackets ? "] [" : " [");
	text_puts(t, level_u3[e->level]);
	text_puts(t, "] ");
	if (brackets) {
		text_putc(t, '[');
		text_puts(t, e->corr ? e->corr : "");
		text_puts(t, "] ");
	}
	if (o->tpl == TPL_TRACE) {
		text_putc(t, '[');
		text_puts(t, e->trace ? e->trace : "");
		text_puts(t, "] [");
		text_puts(t, e->span ? e->span : "");
		text_puts(t, "] ");
	}
	put_message(t, e, holes, nholes, false);
	if (brackets) {
		text_putc(t, ' ');
		put_extra_props(t, e, holes, nholes);
	}
	text_puts(t, o->newline);
	if (e->exception != NULL)
		put_exception_lines(t, e->exception, o->newline);
}

static void
put_all_props(struct text *t, const struct event *e)
{
	int i;

	for (i = 0; i < e->nprops; i++) {
		if (i > 0)
			text_putc(t, ',');
		put_json_string(t, e->props[i].name);
		text_putc(t, ':');
		put_json_value(t, &e->props[i]);
	}
	if (e->corr != NULL && find_prop(e, "CorrelationId", 13) == NULL) {
		text_puts(t, e->nprops > 0 ? ",\"CorrelationId\":" :
		    "\"CorrelationId\":");
		put_json_string(t, e->corr);
	}
}

/* "Renderings":{"Elapsed":[{"Format":"0.0000","Rendering":"12.3456"}]} */
static void
put_renderings(struct text *t, const struct hole *holes, int nholes)
{
	bool first = true;
	int i;

	for (i = 0; i < nholes; i++) {
		if (holes[i].format == NULL || holes[i].prop == NULL)
			continue;
		text_puts(t, first ? ",\"Renderings\":{" : ",");
		first = false;
		text_putc(t, '"');
		text_put(t, holes[i].name, holes[i].name_len);
		text_puts(t, "\":[{\"Format\":\"");
		text_put(t, holes[i].format, holes[i].format_len);
		text_puts(t, "\",\"Rendering\":");
		put_json_string(t, holes[i].prop->value);
		text_puts(t, "}]");
	}
	if (!first)
		text_putc(t, '}');
}

static void
render_json(const struct render_opts *o, const struct event *e,
    struct text *t)
{
	struct hole holes[MAX_HOLES];
	int nholes = scan_holes(e, holes);

	text_puts(t, "{\"Timestamp\":\"");
	put_clock(t, e->us + o->offset_min * US_PER_MIN, 'T', 7);
	put_offset(t, o->offset_min);
	text_puts(t, "\",\"Level\":\"");
	text_puts(t, level_word[e->level]);
	text_puts(t, "\",\"MessageTemplate\":");
	put_json_string(t, e->tmpl);
	text_puts(t, ",\"RenderedMessage\":");
	put_message_json(t, e, holes, nholes);
	if (e->exception != NULL) {
		text_puts(t, ",\"Exception\":");
		put_exception_json(t, e->exception, o->newline);
	}
	if (e->trace != NULL) {
		text_puts(t, ",\"TraceId\":\"");
		text_puts(t, e->trace);
		text_puts(t, "\",\"SpanId\":\"");
		text_puts(t, e->span);
		text_putc(t, '"');
	}
	text_puts(t, ",\"Properties\":{");
	put_all_props(t, e);
	text_putc(t, '}');
	put_renderings(t, holes, nholes);
	text_putc(t, '}');
	text_puts(t, o->newline);
}

/* "@r":["12.3456"], the renderings of formatted holes in template order. */
static void
put_clef_renderings(struct text *t, const struct hole *holes, int nholes)
{
	bool first = true;
	int i;

	for (i = 0; i < nholes; i++) {
		if (holes[i].format == NULL || holes[i].prop == NULL)
			continue;
		text_puts(t, first ? ",\"@r\":[" : ",");
		first = false;
		put_json_string(t, holes[i].prop->value);
	}
	if (!first)
		text_putc(t, ']');
}

static void
render_clef(const struct render_opts *o, const struct event *e,
    struct text *t)
{
	struct hole holes[MAX_HOLES];
	int nholes = scan_holes(e, holes);

	text_puts(t, "{\"@t\":\"");
	put_clock(t, e->us, 'T', 7);
	text_puts(t, "Z\",\"@mt\":");
	put_json_string(t, e->tmpl);
	put_clef_renderings(t, holes, nholes);
	if (e->level != LVL_INF) {
		text_puts(t, ",\"@l\":\"");
		text_puts(t, level_word[e->level]);
		text_putc(t, '"');
	}
	if (e->exception != NULL) {
		text_puts(t, ",\"@x\":");
		put_exception_json(t, e->exception, o->newline);
	}
	if (e->trace != NULL) {
		text_puts(t, ",\"@tr\":\"");
		text_puts(t, e->trace);
		text_puts(t, "\",\"@sp\":\"");
		text_puts(t, e->span);
		text_putc(t, '"');
	}
	if (e->nprops > 0 || e->corr != NULL)
		text_putc(t, ',');
	put_all_props(t, e);
	text_putc(t, '}');
	text_puts(t, o->newline);
}

void
render_event(const struct render_opts *o, const struct event *e,
    struct text *out)
{
	switch (o->tpl) {
	case TPL_JSON:
		render_json(o, e, out);
		break;
	case TPL_CLEF:
		render_clef(o, e, out);
		break;
	default:
		render_text(o, e, out);
	}
}
