/* chart.c - trend charts as SVG: small multiples of indicators over quarters, drawn by the engine.
 *
 * Each series gets a panel: its values as a line with a dot per quarter
 * (gaps where nothing was reported), its target as a dashed line, the scale
 * from 0 to a round maximum, the first and last quarter under the axis and
 * the latest value written beside its dot. Colour is never the only cue: the
 * target line is dashed and the legend says so in words.
 *
 * The panels are stacked in one column as wide as a phone's screen (360 px
 * less the page's margins), so that the chart is shown at its own size
 * there and its text stays FONT_SIZE pixels: two columns shrunk to fit a
 * phone would make it unreadably small.
 */
#include "chart.h"

#include <math.h>
#include <string.h>

#include "escape.h"

#define PANEL_W 320
#define PANEL_H 170
#define PAD_LEFT 46
#define PAD_RIGHT 40
#define PAD_TOP 30
#define PAD_BOTTOM 28
#define LEGEND_H 44 /* two lines: the value, the target */
#define COLUMNS 1
#define FONT_SIZE 12

#define COLOUR_LINE "#1d5a8a"
#define COLOUR_TARGET "#a23b2a"
#define COLOUR_AXIS "#6b6b6b"
#define COLOUR_TEXT "#222222"

static void put_escaped(buf *out, const char *s)
{
	esc_html(out, s, strlen(s));
}

/* Coordinates have one decimal. A chart has a few hundred of them, so they
 * are not written through printf. */
static void put_coord(buf *out, double v)
{
	buf_put_fixed(out, v, 1);
}

/* ' name="12.5"' */
static void put_attr(buf *out, const char *name, double v)
{
	buf_putc(out, ' ');
	buf_puts(out, name);
	buf_puts(out, "=\"");
	put_coord(out, v);
	buf_putc(out, '"');
}

/* '<text x="…" y="…" ATTRS>' */
static void put_text_start(buf *out, double x, double y, const char *attrs)
{
	buf_puts(out, "<text");
	put_attr(out, "x", x);
	put_attr(out, "y", y);
	buf_putc(out, ' ');
	buf_puts(out, attrs);
	buf_putc(out, '>');
}

static void put_line(buf *out, double x1, double y1, double x2, double y2, const char *stroke)
{
	buf_puts(out, "<line");
	put_attr(out, "x1", x1);
	put_attr(out, "y1", y1);
	put_attr(out, "x2", x2);
	put_attr(out, "y2", y2);
	buf_puts(out, " stroke=\"");
	buf_puts(out, stroke);
	buf_puts(out, "\"/>\n");
}

/* The smallest of 1, 2, 2.5, 5 times a power of ten that is at least v. */
static double round_up(double v)
{
	static const double steps[] = {1, 2, 2.5, 5, 10};
	double p;
	size_t i;
	if (!(v > 0))
		return 1;
	p = pow(10, floor(log10(v)));
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i] * p >= v * (1 - 1e-12))
			return steps[i] * p;
	return 10 * p;
}

static double series_max(const chart_series *s, size_t n)
{
	double m = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		if (!isnan(s->values[i]) && s->values[i] > m)
			m = s->values[i];
		if (s->targets && !isnan(s->targets[i]) && s->targets[i] > m)
			m = s->targets[i];
	}
	/* percentages near 100 read best on a 0-100 scale */
	if (s->percent && m > 50 && m <= 100)
		return 100;
	return round_up(m);
}

static void put_value(buf *out, const chart *c, const chart_series *s, double v)
{
	fmt_number(out, c->l, v, fabs(v) >= 100 ? 0 : 1);
	if (s->percent)
		buf_putc(out, '%');
}

typedef struct frame {
	double x0, x1, y0, y1; /* plot area: left, right, top, bottom */
	double max;
	size_t n;
} frame;

static double frame_x(const frame *f, size_t i)
{
	if (f->n < 2)
		return (f->x0 + f->x1) / 2;
	return f->x0 + (f->x1 - f->x0) * (double)i / (double)(f->n - 1);
}

static double frame_y(const frame *f, double v)
{
	return f->y1 - (f->y1 - f->y0) * (v < 0 ? 0 : v) / f->max;
}

/* A polyline through consecutive known values; gaps split it. */
static void put_lines(buf *out, const frame *f, const double *v, const char *style)
{
	size_t i = 0;
	while (i < f->n) {
		size_t start, k;
		while (i < f->n && isnan(v[i]))
			i++;
		if (i == f->n)
			break;
		start = i;
		while (i < f->n && !isnan(v[i]))
			i++;
		if (i - start < 2)
			continue;
		buf_puts(out, "<polyline fill=\"none\" ");
		buf_puts(out, style);
		buf_puts(out, " points=\"");
		for (k = start; k < i; k++) {
			if (k > start)
				buf_putc(out, ' ');
			put_coord(out, frame_x(f, k));
			buf_putc(out, ',');
			put_coord(out, frame_y(f, v[k]));
		}
		buf_puts(out, "\"/>\n");
	}
}

static const char *absent_at(const chart *c, size_t i)
{
	return c->absent ? c->absent[i] : NULL;
}

/* Whether the target line runs through the top of the plot, where a
 * band's words go, in the quarters [from, to). */
static int target_near_top(const chart_series *s, const frame *f, size_t from, size_t to)
{
	size_t i;
	for (i = from; s->targets && i < to; i++)
		if (!isnan(s->targets[i]) && frame_y(f, s->targets[i]) < f->y0 + 22)
			return 1;
	return 0;
}

/* Quarters a post did not exist in: a grey band over each run of them, with
 * the reason in words ("belum dibentuk"), so no gap reads as not reported.
 * The words go to the band's foot when the target line crosses its top:
 * no value is drawn there, as the post did not exist. */
static void put_absent_bands(buf *out, const chart *c, const chart_series *s, const frame *f)
{
	double half = f->n > 1 ? (f->x1 - f->x0) / (double)(f->n - 1) / 2 : (f->x1 - f->x0) / 2;
	size_t i = 0;
	while (i < f->n) {
		size_t start = i;
		const char *why = absent_at(c, i);
		double left, right;
		if (!why) {
			i++;
			continue;
		}
		while (i < f->n && absent_at(c, i) && strcmp(absent_at(c, i), why) == 0)
			i++;
		left = frame_x(f, start) - half;
		right = frame_x(f, i - 1) + half;
		left = left < f->x0 ? f->x0 : left;
		right = right > f->x1 ? f->x1 : right;
		buf_puts(out, "<rect");
		put_attr(out, "x", left);
		put_attr(out, "y", f->y0);
		put_attr(out, "width", right - left);
		put_attr(out, "height", f->y1 - f->y0);
		buf_puts(out, " fill=\"#eeeeee\"/>\n");
		put_text_start(out, (left + right) / 2,
		               target_near_top(s, f, start, i) ? f->y1 - 6 : f->y0 + 14,
		               "text-anchor=\"middle\" font-size=\"9\" fill=\"" COLOUR_AXIS "\"");
		put_escaped(out, why);
		buf_puts(out, "</text>\n");
	}
}

/* Whether every quarter of the chart is one a post did not exist in. */
static int all_absent(const chart *c)
{
	size_t i;
	for (i = 0; i < c->nquarters; i++)
		if (!absent_at(c, i))
			return 0;
	return 1;
}

/* Width of a bold character of FONT_SIZE, in user units, as a sans-serif
 * face draws Latin text on average; and the room a panel's title has. */
#define TITLE_CHAR_W (FONT_SIZE * 0.62)
#define TITLE_ROOM 304 /* PANEL_W less 8 on either side */
#define STR_(x) #x
#define STR(x) STR_(x)

/* A panel's title, on one line: one that would run past the panel (the
 * label "Kabupaten/kota yang melaksanakan kesehatan kerja" needs some 360
 * units in 320) is fitted to its room with textLength. */
static void put_title(buf *out, const char *label, double px, double py)
{
	double wide = (double)utf8_chars(label, strlen(label)) * TITLE_CHAR_W;
	put_text_start(out, px + 8, py + 18,
	               wide > TITLE_ROOM ? "font-weight=\"bold\" textLength=\"" STR(TITLE_ROOM)
	                                   "\" lengthAdjust=\"spacingAndGlyphs\""
	                                 : "font-weight=\"bold\"");
	put_escaped(out, label);
}

static void put_panel(buf *out, const chart *c, const chart_series *s, double px, double py)
{
	frame f;
	size_t i, last = (size_t)-1;
	f.x0 = px + PAD_LEFT;
	f.x1 = px + PANEL_W - PAD_RIGHT;
	f.y0 = py + PAD_TOP;
	f.y1 = py + PANEL_H - PAD_BOTTOM;
	f.max = series_max(s, c->nquarters);
	f.n = c->nquarters;
	buf_puts(out, "<g>\n");
	put_title(out, s->label, px, py);
	buf_puts(out, "</text>\n");
	put_absent_bands(out, c, s, &f);
	/* axis and scale */
	put_line(out, f.x0, f.y1, f.x1, f.y1, COLOUR_AXIS);
	put_line(out, f.x0, f.y0, f.x1, f.y0, "#dddddd");
	put_text_start(out, f.x0 - 6, f.y1 + 4, "text-anchor=\"end\"");
	put_value(out, c, s, 0);
	buf_puts(out, "</text>\n");
	put_text_start(out, f.x0 - 6, f.y0 + 4, "text-anchor=\"end\"");
	put_value(out, c, s, f.max);
	buf_puts(out, "</text>\n");
	if (f.n) {
		put_text_start(out, f.x0, f.y1 + 18, "text-anchor=\"start\"");
		put_escaped(out, c->quarters[0]);
		buf_puts(out, "</text>\n");
		if (f.n > 1) {
			put_text_start(out, f.x1, f.y1 + 18, "text-anchor=\"end\"");
			put_escaped(out, c->quarters[f.n - 1]);
			buf_puts(out, "</text>\n");
		}
	}
	if (s->targets)
		put_lines(out, &f, s->targets,
		          "stroke=\"" COLOUR_TARGET "\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"");
	put_lines(out, &f, s->values, "stroke=\"" COLOUR_LINE "\" stroke-width=\"2\"");
	for (i = 0; i < f.n; i++) {
		if (isnan(s->values[i]))
			continue;
		buf_puts(out, "<circle");
		put_attr(out, "cx", frame_x(&f, i));
		put_attr(out, "cy", frame_y(&f, s->values[i]));
		buf_puts(out, " r=\"3\" fill=\"" COLOUR_LINE "\"/>\n");
		last = i;
	}
	if (last != (size_t)-1) {
		/* centred over its point: started beside the last quarter's, the
		 * value ran past the panel's right edge */
		put_text_start(out, frame_x(&f, last), frame_y(&f, s->values[last]) - 8,
		               "text-anchor=\"middle\"");
		put_value(out, c, s, s->values[last]);
		buf_puts(out, "</text>\n");
	} else if (!all_absent(c)) {
		put_text_start(out, (f.x0 + f.x1) / 2, (f.y0 + f.y1) / 2, "text-anchor=\"middle\"");
		buf_puts(out, s->empty ? s->empty : tr(c->l, "not_reported"));
		buf_puts(out, "</text>\n");
	}
	buf_puts(out, "</g>\n");
}

void svgchart_write(buf *out, const chart *c)
{
	size_t rows = (c->nseries + COLUMNS - 1) / COLUMNS, i;
	int width = PANEL_W * COLUMNS, height = (int)rows * PANEL_H + LEGEND_H;
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	           "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"judul uraian\" "
	           "font-family=\"sans-serif\" font-size=\"%d\" fill=\"" COLOUR_TEXT "\">\n"
	           "<title id=\"judul\">",
	           width, height, width, height, FONT_SIZE);
	put_escaped(out, c->title);
	buf_puts(out, "</title>\n<desc id=\"uraian\">");
	put_escaped(out, c->description);
	buf_puts(out, "</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
	for (i = 0; i < c->nseries; i++)
		put_panel(out, c, &c->series[i], (double)(i % COLUMNS) * PANEL_W,
		          (double)(i / COLUMNS) * PANEL_H);
	/* legend, in words */
	buf_printf(out,
	           "<g transform=\"translate(8 %d)\">\n"
	           "<line x1=\"0\" y1=\"0\" x2=\"24\" y2=\"0\" stroke=\"" COLOUR_LINE
	           "\" stroke-width=\"2\"/>\n<text x=\"30\" y=\"4\">%s</text>\n"
	           "<line x1=\"0\" y1=\"20\" x2=\"24\" y2=\"20\" stroke=\"" COLOUR_TARGET
	           "\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n<text x=\"30\" y=\"24\">%s</text>\n"
	           "</g>\n</svg>\n",
	           height - LEGEND_H + 12, tr(c->l, "chart_value"), tr(c->l, "chart_target"));
}
