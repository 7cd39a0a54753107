/*
 * An SVG chart of the windows: requests as bars on the left axis, the
 * error rate as a line on the right axis, dashed lines at the SEV-2 and
 * SEV-3 thresholds, and the flagged windows shaded. The axis titles carry
 * the colour of their series, so the chart needs no legend.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "analyze.h"

#define LEFT	70
#define RIGHT	80
#define TOP	44
#define BOTTOM	56

#define COLOR_BARS	"#7a9cc6"
#define COLOR_RATE	"#c0392b"
#define COLOR_SEV2	"#f5b7b1"
#define COLOR_SEV3	"#fae5c3"

struct chart {
	FILE		*out;
	const struct an_result *r;
	double		 x0, y0, w, h;	/* plot area */
	double		 max_requests;
	double		 max_rate;	/* percent */
	size_t		 ncolumns;
};

/*
 * The windows are drawn in columns: one per window while they fit, else
 * one per pixel of the plot, each showing the maximum requests, error
 * rate and severity of its windows. So bars stay at least a pixel wide
 * over long spans, and the file does not grow with the window count.
 */
struct column {
	uint64_t	 requests;
	double		 rate;		/* NAN when no window has requests */
	enum an_severity severity;
};

static double
x_of(const struct chart *c, size_t k)
{
	return c->x0 + c->w * (double)k / (double)c->ncolumns;
}

static struct column
column_at(const struct chart *c, size_t k)
{
	size_t n = c->r->nwindows;
	size_t first = k * n / c->ncolumns, last = (k + 1) * n / c->ncolumns;
	struct column col = { 0, NAN, AN_SEV_NONE };

	for (size_t i = first; i < last; i++) {
		const struct an_window *w = &c->r->windows[i];

		if (w->requests > col.requests)
			col.requests = w->requests;
		if (!isnan(w->rate) && (isnan(col.rate) || w->rate > col.rate))
			col.rate = w->rate;
		if (w->severity > col.severity)
			col.severity = w->severity;
	}
	return col;
}

static double
y_requests(const struct chart *c, double n)
{
	return c->y0 + c->h - c->h * n / c->max_requests;
}

static double
y_rate(const struct chart *c, double percent)
{
	return c->y0 + c->h - c->h * percent / c->max_rate;
}

/* The top of an axis of four round steps that reaches v: four times the
 * smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is
 * at least v / 4. */
static double
nice_ceiling(double v)
{
	static const double steps[] = { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 };
	double power = pow(10, floor(log10(v / 4)));

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (4 * steps[i] * power >= v)
			return 4 * steps[i] * power;
	return 40 * power;
}

static void
scale(struct chart *c)
{
	const struct an_result *r = c->r;

	c->max_requests = 1;
	c->max_rate = r->opts->threshold * 1.25;
	for (size_t i = 0; i < r->nwindows; i++) {
		const struct an_window *w = &r->windows[i];

		if ((double)w->requests > c->max_requests)
			c->max_requests = (double)w->requests;
		if (!isnan(w->rate) && 100 * w->rate > c->max_rate)
			c->max_rate = 100 * w->rate;
	}
	if (c->max_rate <= 0)
		c->max_rate = 1;
	c->max_rate = fmin(nice_ceiling(c->max_rate), 100);
	c->max_requests = c->max_requests < 4 ? 4 :
	    nice_ceiling(c->max_requests);
}

static void
shade_flagged(const struct chart *c)
{
	for (size_t k = 0; k < c->ncolumns; k++) {
		enum an_severity sev = column_at(c, k).severity;

		if (sev < AN_SEV_3)
			continue;
		fprintf(c->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>\n",
		    x_of(c, k), c->y0, x_of(c, k + 1) - x_of(c, k), c->h,
		    sev >= AN_SEV_2 ? COLOR_SEV2 : COLOR_SEV3,
		    an_severity_name(sev));
	}
}

static void
draw_bars(const struct chart *c)
{
	for (size_t k = 0; k < c->ncolumns; k++) {
		struct column col = column_at(c, k);
		double width = x_of(c, k + 1) - x_of(c, k);
		double y = y_requests(c, (double)col.requests);

		if (col.requests == 0)
			continue;
		fprintf(c->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\"/>\n", x_of(c, k) +
		    width * 0.1, y, fmax(width * 0.8, 1), c->y0 + c->h - y,
		    COLOR_BARS);
	}
}

/* The error rate as a polyline, broken at columns without requests. */
static void
draw_rate(const struct chart *c)
{
	bool open = false;

	for (size_t k = 0; k < c->ncolumns; k++) {
		double rate = column_at(c, k).rate;
		double x = (x_of(c, k) + x_of(c, k + 1)) / 2;

		if (isnan(rate)) {
			if (open)
				fputs("\"/>\n", c->out);
			open = false;
			continue;
		}
		if (!open)
			fprintf(c->out, "<polyline fill=\"none\" stroke=\"%s\" "
			    "stroke-width=\"2\" points=\"", COLOR_RATE);
		fprintf(c->out, "%s%.1f,%.1f", open ? " " : "", x,
		    y_rate(c, 100 * rate));
		open = true;
	}
	if (open)
		fputs("\"/>\n", c->out);
}

/* A dashed line at a threshold, labelled just above it at the right end
 * of the plot, or at the left end when left is true: so two close
 * thresholds keep their labels apart, and no label reaches below the
 * x axis into the time labels. */
static void
threshold_line(const struct chart *c, double percent, const char *label,
    bool left)
{
	double y = y_rate(c, percent);

	fprintf(c->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"%s\" stroke-dasharray=\"6 4\"/>\n", c->x0, y,
	    c->x0 + c->w, y, COLOR_RATE);
	fprintf(c->out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
	    "fill=\"%s\" text-anchor=\"%s\">%s above %g%%</text>\n",
	    left ? c->x0 + 4 : c->x0 + c->w - 4, y - 3, COLOR_RATE,
	    left ? "start" : "end", label, percent);
}

static void
draw_axes(const struct chart *c)
{
	FILE *out = c->out;
	double bottom = c->y0 + c->h;

	fprintf(out, "<g font-size=\"11\" fill=\"#333\">\n");
	fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"#333\"/>\n", c->x0, bottom, c->x0 + c->w, bottom);
	for (int k = 0; k <= 4; k++) {
		double y = c->y0 + c->h * k / 4.0;

		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "fill=\"%s\">%g</text>\n", c->x0 - 6, y + 4, COLOR_BARS,
		    c->max_requests * (4 - k) / 4.0);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">"
		    "%g%%</text>\n", c->x0 + c->w + 6, y + 4, COLOR_RATE,
		    c->max_rate * (4 - k) / 4.0);
	}
	fprintf(out, "<text transform=\"translate(16 %.1f) rotate(-90)\" "
	    "text-anchor=\"middle\" fill=\"%s\">requests per window "
	    "(bars)</text>\n", c->y0 + c->h / 2, COLOR_BARS);
	fprintf(out, "<text transform=\"translate(%.1f %.1f) rotate(90)\" "
	    "text-anchor=\"middle\" fill=\"%s\">error rate (line)</text>\n",
	    c->x0 + c->w + RIGHT - 14, c->y0 + c->h / 2, COLOR_RATE);
	fputs("</g>\n", out);
}

static void
draw_time_labels(const struct chart *c)
{
	size_t n = c->r->nwindows, ticks = n < 5 ? n : 5;
	char text[32];

	for (size_t k = 0; k < ticks; k++) {
		size_t i = ticks > 1 ? k * (n - 1) / (ticks - 1) : 0;
		double x = c->x0 + c->w * ((double)i + 0.5) / (double)n;

		an_format_time(c->r->windows[i].start, text);
		fprintf(c->out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
		    "text-anchor=\"middle\" fill=\"#333\">%s</text>\n", x,
		    c->y0 + c->h + 16, text);
	}
	fprintf(c->out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
	    "text-anchor=\"middle\" fill=\"#333\">window start (UTC); shaded: "
	    "SEV-2 or worse (red), SEV-3 (orange)</text>\n", c->x0 + c->w / 2,
	    c->y0 + c->h + 36);
}

static void
draw_title(const struct chart *c, int width)
{
	char win[32], first[32], last[32];

	an_format_duration(c->r->opts->window_ms, win);
	an_format_time(c->r->windows[0].start, first);
	an_format_time(c->r->windows[c->r->nwindows - 1].end, last);
	fprintf(c->out, "<text x=\"%d\" y=\"22\" font-size=\"15\" "
	    "font-weight=\"bold\" text-anchor=\"middle\" fill=\"#222\">"
	    "Requests and error rate per %s window, %s to %s</text>\n",
	    width / 2, win, first, last);
}

/* Writes the chart as a complete <svg> element. Returns 0, or -1 when a
 * write failed. */
int
an_svg_write(FILE *out, const struct an_result *r, int width, int height)
{
	struct chart c = { out, r, LEFT, TOP, width - LEFT - RIGHT,
	    height - TOP - BOTTOM, 1, 1, 0 };

	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"sans-serif\" role=\"img\">\n", width, height,
	    width, height);
	fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n",
	    width, height);
	if (r->nwindows == 0) {
		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
		    "no records in the input</text>\n", width / 2, height / 2);
	} else {
		c.ncolumns = r->nwindows < (size_t)c.w ? r->nwindows :
		    (size_t)c.w;
		scale(&c);
		draw_title(&c, width);
		shade_flagged(&c);
		draw_bars(&c);
		threshold_line(&c, r->opts->threshold, "SEV-2", false);
		if (r->opts->warn_threshold < r->opts->threshold)
			threshold_line(&c, r->opts->warn_threshold, "SEV-3",
			    true);
		draw_rate(&c);
		draw_axes(&c);
		draw_time_labels(&c);
	}
	fputs("</svg>\n", out);
	return ferror(out) ? -1 : 0;
}
