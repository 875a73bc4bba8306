/* workbook.c - the .xlsx workbook of a node: indicators by quarter, its children, posts, monthly data, data quality and definitions (libxlsxwriter). */
#include "workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "lbkp.h"

/* Layout shared by every sheet: a title, a line naming the records folder, a
 * note, then the table whose header row is frozen, filtered and repeated on
 * every printed page. Total and target rows follow the table's last row,
 * outside the filter, so that sorting leaves them at the bottom. */
enum { ROW_TITLE, ROW_SOURCE, ROW_NOTE, ROW_HEADER, ROW_FIRST };

/* Columns of the summary sheet before the quarters. */
enum { SUM_LABEL, SUM_ID, SUM_UNIT, SUM_TARGET, SUM_QUARTERS };

#define WIDTH_MIN 6.0
#define WIDTH_MAX 48.0
#define WIDTH_HEADER_MAX 16.0 /* headers wrap, so a long one need not widen its column */
#define PAPER_A4 9
/* Printing on A4 landscape: the width between the default margins (0.7 in
 * each side), in points, and the smallest scale that keeps the smallest
 * type (9 pt) at 7 pt or more on paper. */
#define PRINT_WIDTH_PT 741.0
#define PRINT_SCALE_MIN 80
#define ROW_HEIGHT_PT 15.0 /* of one line of 11 pt type */
#define WRAP_WIDTH 40.0 /* columns of wrapped text are this wide */
/* The monthly data sheet keeps the latest whole quarters that fit in this
 * many rows (the old Excel limit, which every spreadsheet program handles
 * and which keeps a national workbook's memory bounded); the workbooks of
 * the areas below hold the rest. */
#define MONTHLY_ROWS_MAX 65536u
#define NO_COL ((size_t)-1)

/* The unit after a change of a percentage, in percentage points. */
#define POINTS_UNIT(l) TR(l, " poin", " points")

/* How a number is shown; each has a plain, a total and a target style. */
typedef enum {
	NK_COUNT,   /* #,##0 */
	NK_PERCENT, /* 0.0% of a fraction */
	NK_RATIO,   /* #,##0.00 */
	NK_DECIMAL, /* #,##0.0# (elements of type desimal) */
	NK_FLAG,    /* 0 (elements of type ya_tidak) */
	NK_SCORE,   /* 0.0 */
	NK_TEXT,
	NK_KINDS
} num_kind;

typedef enum { RS_PLAIN, RS_TOTAL, RS_TARGET, RS_STYLES } row_style;

/* Everything needed while one workbook is written. */
typedef struct wb {
	lxw_workbook *book;
	lxw_worksheet *ws; /* the sheet being written */
	const char *sheet; /* its name */
	double *widths; /* characters needed by each column of ws */
	size_t *header_len; /* length of each header of ws */
	size_t ncols;
	const node *n;
	const results *res;
	const rules *r;
	lang l;
	int year; /* of the published quarter, 0 when nothing was reported yet */
	size_t *node_inds, nnode_inds; /* indicators that apply to n (berlaku) */
	lxw_format *cell[RS_STYLES][NK_KINDS];
	lxw_format *percent_points; /* a change of a percentage: "+4.5 poin" */
	lxw_format *title, *note, *header, *ids, *date, *month, *met, *missed, *doubtful;
	lxw_error err; /* the first failure, LXW_NO_ERROR while all is well */
	/* Row after row repeats these; kept from the last row that made them. */
	const node *place_of; /* the parent whose ancestors place_* are */
	const node *place_puskesmas, *place_province, *place_district;
	const char *status_of, *status_text; /* a post status and how it is shown */
	/* Every printed page: place and quarter above, page n of N and the
	 * generation date below. */
	const char *place_text, *quarter_text;
	long long created;
	buf page_header, page_footer; /* made for the first sheet, the same on every one */
	/* Cells of wrapped text, in row order, whose rows get the height their
	 * lines need once the column widths are known. */
	struct wrap_cell {
		lxw_row_t row;
		size_t col;
		char *text;
	} *wraps;
	size_t nwraps, wraps_cap;
	lxw_format *wrap, *wrap_ids;
	size_t print_cols; /* columns printed from the left; 0: all */
	size_t print_rows_after; /* rows printed after the table's last row */
	/* the rows where the summary's charts start, each on a page of its own
	 * (0-ended; an empty list when the sheet has none) */
	lxw_row_t chart_breaks[4];
	/* A table of two levels (the national comparison: provinces and their
	 * districts): column outer_col holds outer_text in the rows of the
	 * upper level, and totals add the visible rows of the lower level, or
	 * those of the upper one when no lower row is visible. NULL: one level. */
	const char *outer_text;
	size_t outer_col;
} wb;

/* File names */

char *wbk_filename(const node *n, int quarter)
{
	buf b = BUF_INIT;
	if (n->kind == NODE_ROOT || !n->slug || !*n->slug)
		buf_puts(&b, "rekap-nasional");
	else if (str_starts(n->slug, node_kind_id(n->kind)) &&
	         n->slug[strlen(node_kind_id(n->kind))] == '-')
		buf_printf(&b, "rekap-%s", n->slug); /* "kota-bontang" says its kind already */
	else
		buf_printf(&b, "rekap-%s-%s", node_kind_id(n->kind), n->slug);
	if (quarter >= 0) {
		buf_putc(&b, '-');
		period_format_quarter(&b, quarter);
	}
	buf_puts(&b, ".xlsx");
	return buf_detach(&b);
}

/* Small helpers */

static void wb_check(wb *w, lxw_error e)
{
	if (e != LXW_NO_ERROR && w->err == LXW_NO_ERROR)
		w->err = e;
}

/* Characters shown on screen: UTF-8 continuation bytes do not count. */
static size_t text_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Length of the longest word, which is what a wrapped header needs; the
 * width of the whole text in *width when width is not NULL. */
static size_t measure_words(const char *s, size_t *width)
{
	size_t best = 0, cur = 0, all = 0;
	for (; *s; s++) {
		if (((unsigned char)*s & 0xC0) == 0x80)
			continue;
		all++;
		if (*s == ' ')
			cur = 0;
		else if (++cur > best)
			best = cur;
	}
	if (width)
		*width = all;
	return best;
}

static size_t longest_word(const char *s)
{
	return measure_words(s, NULL);
}

static void wb_need(wb *w, size_t col, double chars)
{
	if (col < w->ncols && chars > w->widths[col])
		w->widths[col] = chars;
}

/* A node's name as a heading: provinces carry no kind in their name. */
static void node_title(buf *b, const node *n, lang l)
{
	const char *kind = tr(l, "kind_provinsi");
	if (n->kind == NODE_PROVINSI && !str_starts(n->name, kind)) {
		if (l == LANG_EN)
			buf_printf(b, "%s %s", n->name, kind);
		else
			buf_printf(b, "%s %s", kind, n->name);
		return;
	}
	buf_puts(b, n->name && *n->name ? n->name : tr(l, "kind_root"));
}

/* Numbers in formulas always use a decimal point, whatever the C locale. */
static void put_formula_number(buf *b, double v)
{
	char tmp[64], *p;
	snprintf(tmp, sizeof tmp, "%.15g", v);
	for (p = tmp; *p; p++)
		if (*p == ',')
			*p = '.';
	buf_puts(b, tmp);
}

static int is_percent(const indicator *ind)
{
	return ind->unit && strcmp(ind->unit, "%") == 0;
}

/* Percentages are stored as fractions under a percent format, the way Excel
 * keeps them; everything else as computed. */
static double stored_value(const indicator *ind, double v)
{
	return is_percent(ind) ? v / 100.0 : v;
}

static num_kind value_kind(const indicator *ind)
{
	if (is_percent(ind))
		return NK_PERCENT;
	return ind->kind == IND_COUNT ? NK_COUNT : NK_RATIO;
}

static num_kind element_kind(const element *e)
{
	if (e->type == TYPE_DECIMAL)
		return NK_DECIMAL;
	return e->type == TYPE_YES_NO ? NK_FLAG : NK_COUNT;
}

/* Whether an indicator's table columns show its numerator and denominator,
 * so that a total row can divide their sums. A rumus need not add up. */
static int shows_parts(const indicator *ind)
{
	return ind->kind == IND_RATIO || ind->kind == IND_SHARE;
}

/* "A1:A9" style range of one column. */
static void put_range(buf *b, lxw_row_t r1, size_t col, lxw_row_t r2)
{
	char cell[LXW_MAX_CELL_NAME_LENGTH];
	lxw_rowcol_to_cell(cell, r1, (lxw_col_t)col);
	buf_puts(b, cell);
	buf_putc(b, ':');
	lxw_rowcol_to_cell(cell, r2, (lxw_col_t)col);
	buf_puts(b, cell);
}

static void put_cell_name(buf *b, lxw_row_t row, size_t col)
{
	char cell[LXW_MAX_CELL_NAME_LENGTH];
	lxw_rowcol_to_cell(cell, row, (lxw_col_t)col);
	buf_puts(b, cell);
}

/* The pre-order position one past the last node below n: the nodes below n
 * are recs->nodes[n->index .. end). */
static size_t subtree_end(const node *n)
{
	while (n->nchildren)
		n = n->children[n->nchildren - 1];
	return n->index + 1;
}

/* The posts below w->n, which are consecutive in recs->posts (both are in
 * pre-order): sets *first and returns how many. */
static size_t subtree_posts(const records *recs, const node *n, size_t *first)
{
	size_t lo = 0, hi = recs->nposts, end = subtree_end(n), i;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (recs->posts[mid]->index < n->index)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (i = lo; i < recs->nposts && recs->posts[i]->index < end; i++)
		;
	return i - lo;
}

/* Cells */

/* The length of "%.*f" (decimals 0 to 2) of a >= 0, and in *digits how
 * many digits come before the point, without printing it when they are
 * certain: when a is whole, or further below the next power of ten than
 * rounding can carry it. Near a power of ten, and for huge or non-finite
 * values, snprintf decides as before. Every number cell's width comes from
 * here, and snprintf of a double was most of the time the workbook code
 * spent outside libxlsxwriter. */
static size_t fixed_length(double a, int decimals, size_t *digits)
{
	static const double tens[] = {1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
	                              1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	static const double step[] = {1.0, 0.1, 0.01}; /* a unit of the last decimal */
	char tmp[64];
	size_t d = 0;
	if (a < 1e15 && decimals >= 0 && decimals <= 2) {
		while (a >= tens[d])
			d++;
		if (a == floor(a) || tens[d] - a > step[decimals]) {
			*digits = d + 1;
			return d + 1 + (decimals ? (size_t)decimals + 1 : 0);
		}
	}
	snprintf(tmp, sizeof tmp, "%.*f", decimals, a);
	*digits = strcspn(tmp, ".");
	return strlen(tmp);
}

/* Width of a number as its format shows it: digits, thousands separators,
 * decimals and a percent sign, plus a margin. */
static double number_width(double v, num_kind k)
{
	int decimals = k == NK_PERCENT || k == NK_SCORE ? 1 : k == NK_RATIO || k == NK_DECIMAL ? 2 : 0;
	double shown = k == NK_PERCENT ? v * 100.0 : v;
	size_t digits, len = fixed_length(fabs(shown), decimals, &digits);
	if (k != NK_FLAG && k != NK_SCORE && digits > 3)
		len += (digits - 1) / 3;
	return (double)len + (k == NK_PERCENT) + (v < 0) + 2.0;
}

static void put_text_fmt(wb *w, lxw_row_t row, size_t col, const char *s, lxw_format *f)
{
	if (!s || !*s)
		return;
	wb_check(w, worksheet_write_string(w->ws, row, (lxw_col_t)col, s, f));
	/* a text is never wider than its bytes: count characters only when
	 * that could widen the column */
	if (col < w->ncols && (double)strlen(s) + 1.0 > w->widths[col])
		wb_need(w, col, (double)text_width(s) + 1.0);
}

static void put_text(wb *w, lxw_row_t row, size_t col, const char *s)
{
	put_text_fmt(w, row, col, s, w->cell[RS_PLAIN][NK_TEXT]);
}

/* A text in format f (which wraps) that widens its column to at most
 * width; sheet_end gives its row the height of its lines. */
static void put_wrapped_fmt(wb *w, lxw_row_t row, size_t col, const char *s, lxw_format *f,
                            double width)
{
	if (!s || !*s)
		return;
	wb_check(w, worksheet_write_string(w->ws, row, (lxw_col_t)col, s, f));
	wb_need(w, col, fmin((double)text_width(s) + 1.0, width));
	if (w->nwraps == w->wraps_cap) {
		w->wraps_cap = w->wraps_cap ? 2 * w->wraps_cap : 16;
		w->wraps = xrealloc(w->wraps, w->wraps_cap * sizeof *w->wraps);
	}
	w->wraps[w->nwraps].row = row;
	w->wraps[w->nwraps].col = col;
	w->wraps[w->nwraps].text = xstrdup(s);
	w->nwraps++;
}

/* A long text that wraps within a column WRAP_WIDTH wide. */
static void put_wrapped(wb *w, lxw_row_t row, size_t col, const char *s)
{
	put_wrapped_fmt(w, row, col, s, w->wrap, WRAP_WIDTH);
}

/* Lines that s takes when its words wrap at width characters. */
static size_t wrapped_lines(const char *s, double width)
{
	size_t lines = 1, used = 0, limit = width > 3.0 ? (size_t)(width - 2.0) : 1;
	while (*s) {
		size_t word = 0;
		const char *p = s;
		while (*p && *p != ' ') {
			if (((unsigned char)*p & 0xC0) != 0x80)
				word++;
			p++;
		}
		if (used && used + 1 + word > limit) {
			lines++;
			used = 0;
		}
		used += (used ? 1 : 0) + word;
		while (used > limit) { /* a word longer than the line */
			lines++;
			used -= limit;
		}
		s = *p ? p + 1 : p;
	}
	return lines;
}

/* The height of every row holding wrapped text: its tallest cell's lines. */
static void set_wrapped_heights(wb *w, const double *widths)
{
	size_t i = 0;
	while (i < w->nwraps) {
		lxw_row_t row = w->wraps[i].row;
		size_t lines = 1;
		for (; i < w->nwraps && w->wraps[i].row == row; i++) {
			size_t n = wrapped_lines(w->wraps[i].text, widths[w->wraps[i].col]);
			if (n > lines)
				lines = n;
			free(w->wraps[i].text);
		}
		if (lines > 1)
			wb_check(w, worksheet_set_row(w->ws, row, ROW_HEIGHT_PT * (double)lines, NULL));
	}
	w->nwraps = 0;
}

/* A note that may run over the empty cells to its right: no width needed. */
static void put_note(wb *w, lxw_row_t row, const char *s, lxw_format *f)
{
	if (s && *s)
		wb_check(w, worksheet_write_string(w->ws, row, 0, s, f));
}

static void put_number(wb *w, lxw_row_t row, size_t col, double v, num_kind k, row_style st)
{
	if (isnan(v))
		return;
	wb_check(w, worksheet_write_number(w->ws, row, (lxw_col_t)col, v, w->cell[st][k]));
	wb_need(w, col, number_width(v, k));
}

/* A formula with its value, so that a viewer that does not recalculate
 * shows the right number too; an empty string result when v is NAN. */
static void put_formula(wb *w, lxw_row_t row, size_t col, const char *formula, double v,
                        num_kind k)
{
	lxw_format *f = w->cell[RS_TOTAL][k];
	if (isnan(v)) {
		wb_check(w, worksheet_write_formula_str(w->ws, row, (lxw_col_t)col, formula, f, ""));
		return;
	}
	wb_check(w, worksheet_write_formula_num(w->ws, row, (lxw_col_t)col, formula, f, v));
	wb_need(w, col, number_width(v, k));
}

/* SUMPRODUCT(SUBTOTAL(fn,OFFSET(C5,ROW(C5:C9)-ROW(C5),0)),--(K5:K9<op>"text")):
 * the SUBTOTAL of each visible row of column col, 0 for a hidden one,
 * added over the rows whose cell of w->outer_col compares so with
 * w->outer_text. */
static void put_visible_sum(buf *f, const wb *w, int fn, size_t col, lxw_row_t first,
                            lxw_row_t last, const char *op)
{
	const char *s;
	buf_printf(f, "SUMPRODUCT(SUBTOTAL(%d,OFFSET(", fn);
	put_cell_name(f, first, col);
	buf_puts(f, ",ROW(");
	put_range(f, first, col, last);
	buf_puts(f, ")-ROW(");
	put_cell_name(f, first, col);
	buf_puts(f, "),0)),--(");
	put_range(f, first, w->outer_col, last);
	buf_printf(f, "%s\"", op);
	for (s = w->outer_text; *s; s++) {
		if (*s == '"')
			buf_putc(f, '"'); /* a quote inside a formula's text is doubled */
		buf_putc(f, *s);
	}
	buf_puts(f, "\"))");
}

/* The sum of the visible rows first..last of a column (SUBTOTAL leaves out
 * rows the filter hides); in a table of two levels, those of the lower
 * level, or of the upper one when no lower row is visible, so that a
 * filter on one province totals that province and sorting moves nothing
 * out of the sum. Nothing when v, the sum, is NAN: nothing was reported,
 * which a 0 would misstate. */
static void put_subtotal(wb *w, lxw_row_t row, size_t col, lxw_row_t first, lxw_row_t last,
                         double v, num_kind k)
{
	buf f = BUF_INIT;
	if (isnan(v) || last < first)
		return;
	if (w->outer_text) {
		buf_puts(&f, "=IF(");
		put_visible_sum(&f, w, 3, w->outer_col, first, last, "<>");
		buf_puts(&f, ">0,");
		put_visible_sum(&f, w, 9, col, first, last, "<>");
		buf_putc(&f, ',');
		put_visible_sum(&f, w, 9, col, first, last, "=");
		buf_putc(&f, ')');
	} else {
		buf_puts(&f, "=SUBTOTAL(9,");
		put_range(&f, first, col, last);
		buf_putc(&f, ')');
	}
	put_formula(w, row, col, buf_cstr(&f), v, k);
	buf_release(&f);
}

static void put_day(wb *w, lxw_row_t row, size_t col, int days, lxw_format *f, double width)
{
	lxw_datetime dt;
	if (days == NO_DATE)
		return;
	memset(&dt, 0, sizeof dt);
	period_date_to_ymd(days, &dt.year, &dt.month, &dt.day);
	wb_check(w, worksheet_write_datetime(w->ws, row, (lxw_col_t)col, &dt, f));
	wb_need(w, col, width);
}

static void put_date(wb *w, lxw_row_t row, size_t col, int days)
{
	put_day(w, row, col, days, w->date, 12.0);
}

/* The first day of month m, shown as "Mar 2024". */
static void put_month(wb *w, lxw_row_t row, size_t col, int m)
{
	put_day(w, row, col, period_date_from_ymd(m / 12, m % 12 + 1, 1), w->month, 10.0);
}

static void put_header(wb *w, size_t col, const char *s)
{
	size_t len, word_len = measure_words(s, &len);
	wb_check(w, worksheet_write_string(w->ws, ROW_HEADER, (lxw_col_t)col, s, w->header));
	if (col < w->ncols)
		w->header_len[col] = len;
	wb_need(w, col, fmin((double)len, WIDTH_HEADER_MAX) + 2.0);
	wb_need(w, col, (double)word_len + 2.0);
}

/* Sheets */

/* Returns 0, or -1 when the sheet could not be added. */
static int sheet_begin(wb *w, const char *name, size_t ncols)
{
	w->ws = workbook_add_worksheet(w->book, name);
	if (!w->ws) {
		wb_check(w, LXW_ERROR_PARAMETER_VALIDATION);
		return -1;
	}
	w->sheet = name;
	w->ncols = ncols;
	w->widths = xcalloc(ncols ? ncols : 1, sizeof *w->widths);
	w->header_len = xcalloc(ncols ? ncols : 1, sizeof *w->header_len);
	return 0;
}

/* A header or footer text: "&" is the escape of these strings. */
static void put_page_text(buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			buf_putc(b, '&');
		buf_putc(b, *s);
	}
}

/* The page header and footer of every sheet, made once per workbook. */
static void make_page_texts(wb *w)
{
	buf *h = &w->page_header, *f = &w->page_footer;
	buf_puts(h, "&L");
	put_page_text(h, w->place_text ? w->place_text : "");
	buf_puts(h, "&R");
	put_page_text(h, w->quarter_text ? w->quarter_text : "");
	buf_puts(f, "&L");
	put_page_text(f, tr(w->l, "print_generated"));
	buf_putc(f, ' ');
	fmt_date(f, w->l, (int)(w->created / 86400));
	buf_puts(f, "&R");
	put_page_text(f, tr(w->l, "print_page"));
	buf_puts(f, " &P ");
	put_page_text(f, tr(w->l, "print_of"));
	buf_puts(f, " &N");
}

/* Every printed page says where it belongs (place, quarter) above, and
 * page n of N and the generation date below. */
static void set_page_texts(wb *w)
{
	if (!w->page_footer.len)
		make_page_texts(w);
	wb_check(w, worksheet_set_header(w->ws, buf_cstr(&w->page_header)));
	wb_check(w, worksheet_set_footer(w->ws, buf_cstr(&w->page_footer)));
}

/* Form LBKP-1's sheets, written by lbkp.c, carry the same page texts as
 * the others: the place and quarter above, page n of N and the date below. */
static void write_forms(wb *w, const node *n, const results *res)
{
	lxw_worksheet *ws;
	wb_check(w, lbkp_write_sheets(w->book, n, res, w->l));
	LXW_FOREACH_WORKSHEET(ws, w->book)
	{
		if (ws->header_footer_changed)
			continue;
		w->ws = ws;
		set_page_texts(w);
	}
}

/* The printed width of a column w characters wide, in points: Excel's
 * pixels for the default font (7 per character and 5 of padding, at 96 dpi). */
static double column_points(double width)
{
	return (width * 7.0 + 5.0) * 0.75;
}

/* A4 landscape. Fitted to one page wide only where that keeps the type at
 * PRINT_SCALE_MIN% or more; a wider sheet prints at that scale on several
 * pages across, repeating its key columns (those left of freeze_col) on each.
 * Columns right of w->print_cols (record paths, numerators and
 * denominators) stay off paper. A sheet with charts starts each on a page
 * of its own (w->chart_breaks), so that none is cut in two with the
 * repeated header row printed over its lower half. LibreOffice keeps
 * these breaks on a sheet fitted to one page wide, Excel may not; fitting
 * stays all the same, as a scale of rekap's own would follow Excel's
 * column arithmetic, and LibreOffice renders columns wider than that. */
static void set_printing(wb *w, const double *widths, lxw_row_t last_row, lxw_col_t freeze_col)
{
	size_t cols = w->print_cols && w->print_cols < w->ncols ? w->print_cols : w->ncols, c;
	double total = 0.0, keys = 0.0;
	for (c = 0; c < cols; c++) {
		total += column_points(widths[c]);
		if (c < freeze_col)
			keys += column_points(widths[c]);
	}
	worksheet_set_landscape(w->ws);
	worksheet_set_paper(w->ws, PAPER_A4);
	if (total * PRINT_SCALE_MIN / 100.0 <= PRINT_WIDTH_PT) {
		worksheet_fit_to_pages(w->ws, 1, 0);
	} else {
		worksheet_set_print_scale(w->ws, PRINT_SCALE_MIN);
		if (freeze_col && keys * PRINT_SCALE_MIN / 100.0 < PRINT_WIDTH_PT / 2.0)
			wb_check(w, worksheet_repeat_columns(w->ws, 0, (lxw_col_t)(freeze_col - 1)));
	}
	if (cols < w->ncols && cols)
		wb_check(w, worksheet_print_area(w->ws, 0, 0,
		                                 (last_row < ROW_FIRST ? ROW_HEADER : last_row) +
		                                         (lxw_row_t)w->print_rows_after,
		                                 (lxw_col_t)(cols - 1)));
	wb_check(w, worksheet_repeat_rows(w->ws, ROW_HEADER, ROW_HEADER));
	if (w->chart_breaks[0])
		wb_check(w, worksheet_set_h_pagebreaks(w->ws, w->chart_breaks));
	set_page_texts(w);
}

/* Column widths, the header row's height, the heights of rows of wrapped
 * text, freezing, filtering (the header to last_row) and printing. */
static void sheet_end(wb *w, lxw_row_t last_row, lxw_col_t freeze_col)
{
	size_t c, lines = 1;
	lxw_col_t last_col = (lxw_col_t)(w->ncols ? w->ncols - 1 : 0);
	for (c = 0; c < w->ncols; c++) {
		double width = w->widths[c];
		size_t need;
		if (width < WIDTH_MIN)
			width = WIDTH_MIN;
		if (width > WIDTH_MAX)
			width = WIDTH_MAX;
		w->widths[c] = width;
		wb_check(w, worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL));
		need = (size_t)ceil((double)w->header_len[c] / (width - 1.0));
		if (need > lines)
			lines = need;
	}
	if (lines > 4)
		lines = 4;
	wb_check(w, worksheet_set_row(w->ws, ROW_TITLE, 21.0, NULL));
	wb_check(w, worksheet_set_row(w->ws, ROW_HEADER, 15.0 * (double)lines + 2.0, NULL));
	set_wrapped_heights(w, w->widths);
	worksheet_freeze_panes(w->ws, ROW_FIRST, freeze_col);
	wb_check(w, worksheet_autofilter(w->ws, ROW_HEADER, 0,
	                                 last_row < ROW_FIRST ? ROW_HEADER : last_row, last_col));
	set_printing(w, w->widths, last_row, freeze_col);
	free(w->widths);
	free(w->header_len);
	w->widths = NULL;
	w->header_len = NULL;
	w->ncols = 0;
	w->print_cols = 0;
	w->print_rows_after = 0;
	w->chart_breaks[0] = 0;
	w->outer_text = NULL;
}

/* The line under the title that says which records the sheet comes from,
 * followed by extra when given. */
static void put_source(wb *w, const char *extra)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s: %s", tr(w->l, "records_folder"),
	           *w->n->path ? w->n->path : tr(w->l, "all_records"));
	if (extra && *extra)
		buf_printf(&b, ". %s", extra);
	put_note(w, ROW_SOURCE, buf_cstr(&b), w->note);
	buf_release(&b);
}

/* One conditional format of the cells r1:c1..r2:c2: f where
 * =AND(ISNUMBER(cell),cell<op><bound>[,cell<extra>]) holds for the top left cell. */
static void add_colour(wb *w, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                       const char *op, double bound, const char *extra, lxw_format *f)
{
	char cell[LXW_MAX_CELL_NAME_LENGTH];
	lxw_conditional_format cf;
	buf b = BUF_INIT;
	lxw_rowcol_to_cell(cell, r1, c1);
	buf_printf(&b, "=AND(ISNUMBER(%s),%s%s", cell, cell, op);
	put_formula_number(&b, bound);
	if (extra)
		buf_printf(&b, ",%s%s", cell, extra);
	buf_putc(&b, ')');
	memset(&cf, 0, sizeof cf);
	cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
	cf.value_string = b.data;
	cf.format = f;
	cf.stop_if_true = LXW_TRUE;
	wb_check(w, worksheet_conditional_format_range(w->ws, r1, c1, r2, c2, &cf));
	buf_release(&b);
}

/* Colour cells that meet (green) or miss (red) target t. A blank cell is
 * not reported, so it is neither; a percentage above 100% cannot be true,
 * so it is yellow (to check), never met. */
static void add_target_colours(wb *w, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                               const indicator *ind, double t)
{
	int percent = is_percent(ind);
	if (percent)
		add_colour(w, r1, c1, r2, c2, ">", 1.0, NULL, w->doubtful);
	add_colour(w, r1, c1, r2, c2, ind->higher_is_better ? ">=" : "<=", stored_value(ind, t),
	           percent ? "<=1" : NULL, w->met);
	add_colour(w, r1, c1, r2, c2, ind->higher_is_better ? "<" : ">", stored_value(ind, t), NULL,
	           w->missed);
}

/* The summary sheet */

static void summary_headers(wb *w)
{
	const results *res = w->res;
	buf b = BUF_INIT;
	size_t q;
	put_header(w, SUM_LABEL, tr(w->l, "indicator"));
	put_header(w, SUM_ID, "id");
	put_header(w, SUM_UNIT, tr(w->l, "unit"));
	buf_puts(&b, tr(w->l, "target"));
	if (w->year)
		buf_printf(&b, " %d", w->year);
	put_header(w, SUM_TARGET, buf_cstr(&b));
	for (q = 0; q < res->nquarters; q++) {
		buf_reset(&b);
		fmt_quarter(&b, w->l, res->first_quarter + (int)q, 1);
		put_header(w, SUM_QUARTERS + q, buf_cstr(&b));
	}
	buf_release(&b);
}

/* Colour the quarters of one indicator row, a year at a time since targets
 * may change from year to year. */
static void summary_colours(wb *w, lxw_row_t row, const indicator *ind)
{
	const results *res = w->res;
	size_t q = 0;
	while (q < res->nquarters) {
		int year = (res->first_quarter + (int)q) / 4;
		size_t end = q;
		double t;
		while (end + 1 < res->nquarters && (res->first_quarter + (int)end + 1) / 4 == year)
			end++;
		if (rules_target(ind, year, &t))
			add_target_colours(w, row, (lxw_col_t)(SUM_QUARTERS + q), row,
			                   (lxw_col_t)(SUM_QUARTERS + end), ind, t);
		q = end + 1;
	}
}

static void summary_row(wb *w, lxw_row_t row, size_t i)
{
	const results *res = w->res;
	const indicator *ind = &w->r->indicators[i];
	num_kind k = value_kind(ind);
	double t;
	size_t q;
	put_text(w, row, SUM_LABEL, ind->label);
	put_text(w, row, SUM_ID, ind->id);
	put_text(w, row, SUM_UNIT, ind->unit);
	if (w->year && rules_target(ind, w->year, &t))
		put_number(w, row, SUM_TARGET, stored_value(ind, t), k, RS_PLAIN);
	for (q = 0; q < res->nquarters; q++) {
		const ind_value *v = results_value(res, w->n, q, i);
		put_number(w, row, SUM_QUARTERS + q, stored_value(ind, v->value), k, RS_PLAIN);
	}
	summary_colours(w, row, ind);
}

/* The change from the previous quarter of the row's last two quarters, as a
 * formula (blank unless both are numbers); a percentage's in percentage
 * points ("+4.5 poin"), as on the pages: a reader takes "+4.5%" for a
 * change relative to the quarter before. */
static void summary_change(wb *w, lxw_row_t row, size_t i)
{
	const indicator *ind = &w->r->indicators[i];
	size_t nq = w->res->nquarters;
	double now = stored_value(ind, results_value(w->res, w->n, nq - 1, i)->value);
	double before = stored_value(ind, results_value(w->res, w->n, nq - 2, i)->value);
	lxw_col_t col = (lxw_col_t)(SUM_QUARTERS + nq);
	int points = value_kind(ind) == NK_PERCENT;
	lxw_format *f = points ? w->percent_points : w->cell[RS_PLAIN][value_kind(ind)];
	double change = points ? (now - before) * 100 : now - before;
	buf b = BUF_INIT;
	buf_puts(&b, "=IF(AND(ISNUMBER(");
	put_cell_name(&b, row, col - 1);
	buf_puts(&b, "),ISNUMBER(");
	put_cell_name(&b, row, col - 2);
	buf_puts(&b, ")),");
	if (points)
		buf_putc(&b, '(');
	put_cell_name(&b, row, col - 1);
	buf_putc(&b, '-');
	put_cell_name(&b, row, col - 2);
	if (points)
		buf_puts(&b, ")*100");
	buf_puts(&b, ",\"\")");
	if (isnan(now) || isnan(before)) {
		wb_check(w, worksheet_write_formula_str(w->ws, row, col, buf_cstr(&b), f, ""));
	} else {
		wb_check(w, worksheet_write_formula_num(w->ws, row, col, buf_cstr(&b), f, change));
		wb_need(w, col,
		        points ? number_width(change, NK_SCORE) + (double)strlen(POINTS_UNIT(w->l))
		               : number_width(change, value_kind(ind)));
	}
	buf_release(&b);
}

/* Why quarter q of w->n may have no value: no post below existed yet, all
 * had been dissolved (area_presence_key), or none reported; NULL when
 * posts reported. */
static const char *blank_reason(const wb *w, size_t q)
{
	size_t first, count = subtree_posts(w->res->recs, w->n, &first), i;
	double received = 0;
	int quarter = w->res->first_quarter + (int)q;
	const char *absent = area_presence_key(w->res->recs, w->n, quarter);
	if (absent)
		return absent;
	for (i = 0; i < count; i++) {
		const node *post = w->res->recs->posts[first + i];
		if (post_presence_in_quarter(post, quarter) == POST_PRESENT) {
			const double *qs = results_post_quantities(w->res, post, q);
			if (!isnan(qs[Q_LAPORAN_DITERIMA]))
				received += qs[Q_LAPORAN_DITERIMA];
		}
	}
	return received > 0 ? NULL : "blank_no_report";
}

/* Under the table: a row naming why a quarter is blank, where one is. */
static lxw_row_t summary_blanks(wb *w, lxw_row_t row)
{
	size_t q, i;
	int any = 0;
	for (q = 0; q < w->res->nquarters; q++) {
		const char *why = NULL;
		for (i = 0; i < w->nnode_inds && !why; i++)
			if (isnan(results_value(w->res, w->n, q, w->node_inds[i])->value))
				why = blank_reason(w, q);
		if (!why)
			continue;
		put_wrapped_fmt(w, row, SUM_QUARTERS + q, tr(w->l, why), w->wrap_ids,
		                (double)longest_word(tr(w->l, why)) + 1.0);
		any = 1;
	}
	if (any)
		put_text_fmt(w, row, SUM_LABEL, tr(w->l, "blank_quarters"), w->ids);
	return row + 1;
}

/* The legend of the colours, each item in its colour. */
static lxw_row_t summary_legend(wb *w, lxw_row_t row)
{
	static const char *const keys[] = {"legend_met", "legend_missed", "legend_doubtful",
	                                   "legend_blank"};
	lxw_format *fmts[4];
	size_t i;
	fmts[0] = w->met;
	fmts[1] = w->missed;
	fmts[2] = w->doubtful;
	fmts[3] = w->note;
	put_note(w, row++, tr(w->l, "legend"), w->note);
	for (i = 0; i < 4; i++)
		wb_check(w, worksheet_write_string(w->ws, row++, SUM_LABEL, tr(w->l, keys[i]), fmts[i]));
	return row;
}

/* Rows of the targets of each key percentage by quarter, which the chart
 * draws as dashed lines; returns the row after them. rows[i] gets the row
 * of indicator w->node_inds[i]'s targets, or 0. */
static lxw_row_t summary_targets(wb *w, lxw_row_t row, lxw_row_t *rows)
{
	size_t i, q;
	buf b = BUF_INIT;
	for (i = 0; i < w->nnode_inds; i++) {
		const indicator *ind = &w->r->indicators[w->node_inds[i]];
		int any = 0;
		rows[i] = 0;
		if (!ind->key || !is_percent(ind))
			continue;
		for (q = 0; q < w->res->nquarters; q++) {
			double t;
			if (!rules_target(ind, (w->res->first_quarter + (int)q) / 4, &t))
				continue;
			put_number(w, row, SUM_QUARTERS + q, stored_value(ind, t), NK_PERCENT, RS_TARGET);
			any = 1;
		}
		if (!any)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s: %s", tr(w->l, "target"), ind->label);
		put_text_fmt(w, row, SUM_LABEL, buf_cstr(&b), w->cell[RS_TARGET][NK_TEXT]);
		rows[i] = row++;
	}
	buf_release(&b);
	return row;
}

/* Which chart an indicator goes in: 0 key percentages, 1 counts, 2 other
 * key indicators, -1 none. */
static int chart_group(const indicator *ind)
{
	if (ind->kind == IND_COUNT && !is_percent(ind))
		return 1;
	if (!ind->key)
		return -1;
	return is_percent(ind) ? 0 : 2;
}

/* A series of one row of the summary over its quarters, in colour c with a
 * marker of its own (solid), or as a dashed target line without markers. */
static void chart_row(wb *w, lxw_chart *chart, lxw_row_t row, size_t c, int target)
{
	static const lxw_color_t colours[] = {0x1F77B4, 0xD62728, 0x2CA02C, 0x9467BD,
	                                      0xFF7F0E, 0x8C564B, 0xE377C2, 0x17BECF};
	static const uint8_t markers[] = {LXW_CHART_MARKER_CIRCLE, LXW_CHART_MARKER_SQUARE,
	                                  LXW_CHART_MARKER_DIAMOND, LXW_CHART_MARKER_TRIANGLE,
	                                  LXW_CHART_MARKER_X, LXW_CHART_MARKER_STAR,
	                                  LXW_CHART_MARKER_PLUS, LXW_CHART_MARKER_SQUARE};
	static const uint8_t dashes[] = {LXW_CHART_LINE_DASH_SOLID, LXW_CHART_LINE_DASH_DASH,
	                                 LXW_CHART_LINE_DASH_ROUND_DOT,
	                                 LXW_CHART_LINE_DASH_LONG_DASH_DOT};
	size_t nq = w->res->nquarters;
	lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
	lxw_chart_line line;
	if (!s) {
		wb_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	chart_series_set_categories(s, w->sheet, ROW_HEADER, SUM_QUARTERS, ROW_HEADER,
	                            (lxw_col_t)(SUM_QUARTERS + nq - 1));
	chart_series_set_values(s, w->sheet, row, SUM_QUARTERS, row,
	                        (lxw_col_t)(SUM_QUARTERS + nq - 1));
	chart_series_set_name_range(s, w->sheet, row, SUM_LABEL);
	memset(&line, 0, sizeof line);
	line.color = colours[c % 8];
	/* coinciding lines stay apart: each its own marker, and a dash type
	 * that changes every eight */
	line.dash_type = target ? LXW_CHART_LINE_DASH_DASH : dashes[(c / 8) % 4];
	line.width = target ? 1.25f : 2.25f;
	chart_series_set_line(s, &line);
	if (target) {
		chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
	} else {
		lxw_chart_fill fill;
		memset(&fill, 0, sizeof fill);
		fill.color = colours[c % 8];
		chart_series_set_marker_type(s, markers[c % 8]);
		chart_series_set_marker_size(s, 7);
		chart_series_set_marker_fill(s, &fill);
	}
}

/* Line charts over the quarters, below the table: key percentages with
 * their targets, counts, and other key indicators, whose scales differ.
 * The series read the sheet's cells, so the charts follow any edit. */
static void summary_charts(wb *w, lxw_row_t anchor, const lxw_row_t *targets)
{
	static const char *const titles[] = {"chart_title", "chart_counts", "chart_other"};
	size_t nq = w->res->nquarters, i, ncharts = 0;
	int group;
	if (!nq)
		return;
	for (group = 0; group < 3; group++) {
		lxw_chart *chart = NULL;
		lxw_chart_options opt;
		size_t n = 0;
		for (i = 0; i < w->nnode_inds; i++) {
			const indicator *ind = &w->r->indicators[w->node_inds[i]];
			if (chart_group(ind) != group)
				continue;
			if (!chart) {
				chart = workbook_add_chart(w->book, LXW_CHART_LINE);
				if (!chart) {
					wb_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
					return;
				}
			}
			chart_row(w, chart, (lxw_row_t)(ROW_FIRST + i), n, 0);
			if (targets[i])
				chart_row(w, chart, targets[i], n, 1);
			n++;
		}
		if (!chart)
			continue;
		chart_title_set_name(chart, tr(w->l, titles[group]));
		chart_axis_set_num_format(chart->y_axis, group == 0 ? "0%" : "#,##0");
		chart_axis_set_min(chart->y_axis, 0);
		chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
		memset(&opt, 0, sizeof opt);
		opt.x_scale = 1.6;
		opt.y_scale = 1.25;
		opt.description = (char *)tr(w->l, titles[group]);
		wb_check(w, worksheet_insert_chart_opt(w->ws, anchor, 0, chart, &opt));
		w->chart_breaks[ncharts++] = anchor;
		w->chart_breaks[ncharts] = 0;
		anchor += 20;
	}
}

static void write_summary(wb *w, const char *title, const char *organisation)
{
	size_t i, nind = w->nnode_inds, nq = w->res->nquarters;
	lxw_row_t last = (lxw_row_t)(ROW_FIRST + nind) - 1, row;
	lxw_row_t *targets;
	if (sheet_begin(w, tr(w->l, "sheet_summary"), SUM_QUARTERS + nq + (nq >= 2)))
		return;
	put_note(w, ROW_TITLE, title, w->title);
	put_source(w, NULL);
	put_note(w, ROW_NOTE, organisation, w->note);
	summary_headers(w);
	if (nq >= 2)
		put_header(w, SUM_QUARTERS + nq, tr(w->l, "change_quarter"));
	for (i = 0; i < nind; i++) {
		summary_row(w, (lxw_row_t)(ROW_FIRST + i), w->node_inds[i]);
		if (nq >= 2)
			summary_change(w, (lxw_row_t)(ROW_FIRST + i), w->node_inds[i]);
	}
	row = summary_blanks(w, last + 1);
	row = summary_legend(w, row + 1);
	targets = xcalloc(nind ? nind : 1, sizeof *targets);
	row = summary_targets(w, row + 1, targets);
	summary_charts(w, row + 1, targets);
	free(targets);
	w->print_rows_after = (size_t)(row - last);
	sheet_end(w, last, 1);
}

/* Indicator columns shared by the posts and comparison sheets: for each key
 * indicator its numerator and denominator (when they add up) and its value
 * in the published quarter; a total row divides the sums of the parts. */

typedef struct ind_cols {
	size_t ind; /* index into rules->indicators */
	size_t num, den, value; /* columns; num and den are NO_COL when not shown */
} ind_cols;

typedef struct ind_block {
	ind_cols *cols;
	size_t n, width; /* value columns */
	size_t parts; /* numerator and denominator columns, placed by block_parts */
} ind_block;

/* Whether the rumus indicator i adds up over the rows x[0..n) of a table
 * whose total is w->n: its numerator and denominator are then shown, and
 * the total row divides their SUBTOTALs like a ratio's. */
static int rumus_adds_up(const wb *w, size_t i, const node *const *x, size_t n)
{
	size_t q = w->res->nquarters - 1, k;
	const ind_value *v;
	double num = 0.0, den = 0.0;
	if (!w->res->nquarters || !n)
		return 0;
	v = results_value(w->res, w->n, q, i);
	if (isnan(v->num) || isnan(v->den))
		return 0;
	for (k = 0; k < n; k++) {
		const ind_value *c = results_value(w->res, x[k], q, i);
		if (isnan(c->num) || isnan(c->den))
			return 0;
		num += c->num;
		den += c->den;
	}
	return fabs(num - v->num) < 1e-9 && fabs(den - v->den) < 1e-9;
}

/* Indicators that apply to any node kind in the bit set kinds (only the
 * key ones unless all), their value columns starting at first. The rows of
 * the table are x[0..nx) (for rumus_adds_up). */
static void block_init(ind_block *b, const wb *w, unsigned kinds, size_t first, int all,
                       const node *const *x, size_t nx)
{
	size_t i;
	int k;
	b->cols = xcalloc(w->r->nindicators ? w->r->nindicators : 1, sizeof *b->cols);
	b->n = 0;
	b->width = 0;
	b->parts = 0;
	for (i = 0; i < w->r->nindicators; i++) {
		const indicator *ind = &w->r->indicators[i];
		ind_cols *c = &b->cols[b->n];
		int applies = 0;
		for (k = NODE_ROOT; k <= NODE_POS; k++)
			if ((kinds & LEVEL_BIT(k)) && indicator_applies(ind, k))
				applies = 1;
		if (!(ind->key || all) || !applies)
			continue;
		c->ind = i;
		c->num = c->den = NO_COL;
		if (ind->key && (shows_parts(ind) ||
		                 (ind->kind == IND_FUNCTION && rumus_adds_up(w, i, x, nx)))) {
			c->num = 0; /* placed by block_parts */
			b->parts += 2;
		}
		c->value = first + b->width++;
		b->n++;
	}
}

/* The numerator and denominator columns, from first on; returns the column
 * after them. */
static size_t block_parts(ind_block *b, size_t first)
{
	size_t i;
	for (i = 0; i < b->n; i++)
		if (b->cols[i].num != NO_COL) {
			b->cols[i].num = first++;
			b->cols[i].den = first++;
		}
	return first;
}

static void block_release(ind_block *b)
{
	free(b->cols);
	b->cols = NULL;
}

static void block_headers(wb *w, const ind_block *b)
{
	buf h = BUF_INIT;
	size_t i;
	for (i = 0; i < b->n; i++) {
		const indicator *ind = &w->r->indicators[b->cols[i].ind];
		if (b->cols[i].num != NO_COL) {
			buf_reset(&h);
			buf_printf(&h, "%s — %s", ind->label, tr(w->l, "numerator"));
			put_header(w, b->cols[i].num, buf_cstr(&h));
			buf_reset(&h);
			buf_printf(&h, "%s — %s", ind->label, tr(w->l, "denominator"));
			put_header(w, b->cols[i].den, buf_cstr(&h));
		}
		buf_reset(&h);
		buf_puts(&h, ind->label);
		if (ind->unit && *ind->unit)
			buf_printf(&h, " (%s)", ind->unit);
		put_header(w, b->cols[i].value, buf_cstr(&h));
	}
	buf_release(&h);
}

/* A number of reports, posts or people, whole unless a decimal element
 * made it otherwise. */
static num_kind part_kind(double v)
{
	return floor(v) == v ? NK_COUNT : NK_RATIO;
}

/* The values of node x (a child or a post) in the published quarter. */
static void block_row(wb *w, lxw_row_t row, const ind_block *b, const node *x)
{
	size_t i, last = w->res->nquarters - 1;
	for (i = 0; i < b->n; i++) {
		const indicator *ind = &w->r->indicators[b->cols[i].ind];
		const ind_value *v = results_value(w->res, x, last, b->cols[i].ind);
		if (!indicator_applies(ind, x->kind))
			continue;
		if (b->cols[i].num != NO_COL) {
			put_number(w, row, b->cols[i].num, v->num, part_kind(v->num), RS_PLAIN);
			put_number(w, row, b->cols[i].den, v->den, part_kind(v->den), RS_PLAIN);
		}
		put_number(w, row, b->cols[i].value, stored_value(ind, v->value), value_kind(ind),
		           RS_PLAIN);
	}
}

/* The total row of rows first..last, whose cached values are those of at
 * (w->n): sums of the parts and of counts, a ratio of the summed parts, and
 * for a rumus at's own value. */
static void block_totals(wb *w, lxw_row_t row, lxw_row_t first, lxw_row_t last,
                         const ind_block *b)
{
	size_t i, q = w->res->nquarters - 1;
	for (i = 0; i < b->n; i++) {
		const ind_cols *c = &b->cols[i];
		const indicator *ind = &w->r->indicators[c->ind];
		const ind_value *v = results_value(w->res, w->n, q, c->ind);
		num_kind k = value_kind(ind);
		if (c->num != NO_COL) {
			buf f = BUF_INIT;
			double scale = is_percent(ind) ? ind->factor / 100.0 : ind->factor;
			put_subtotal(w, row, c->num, first, last, v->num, part_kind(v->num));
			put_subtotal(w, row, c->den, first, last, v->den, part_kind(v->den));
			if (isnan(v->num) || isnan(v->den) || last < first)
				continue;
			buf_puts(&f, "=IF(");
			put_cell_name(&f, row, c->den);
			buf_puts(&f, ">0,");
			put_cell_name(&f, row, c->num);
			buf_putc(&f, '/');
			put_cell_name(&f, row, c->den);
			if (scale != 1.0) {
				buf_putc(&f, '*');
				put_formula_number(&f, scale);
			}
			buf_puts(&f, ",\"\")");
			put_formula(w, row, c->value, buf_cstr(&f), stored_value(ind, v->value), k);
			buf_release(&f);
		} else if (ind->kind == IND_COUNT) {
			put_subtotal(w, row, c->value, first, last, stored_value(ind, v->value), k);
		} else {
			put_number(w, row, c->value, stored_value(ind, v->value), k, RS_TOTAL);
		}
	}
}

static void block_targets(wb *w, lxw_row_t row, const ind_block *b)
{
	size_t i;
	double t;
	for (i = 0; i < b->n; i++) {
		const indicator *ind = &w->r->indicators[b->cols[i].ind];
		if (w->year && rules_target(ind, w->year, &t))
			put_number(w, row, b->cols[i].value, stored_value(ind, t), value_kind(ind),
			           RS_TARGET);
	}
}

/* Met / missed colours of the value columns, rows first..last. */
static void block_colours(wb *w, lxw_row_t first, lxw_row_t last, const ind_block *b)
{
	size_t i;
	double t;
	if (last < first)
		return;
	for (i = 0; i < b->n; i++) {
		const indicator *ind = &w->r->indicators[b->cols[i].ind];
		lxw_col_t col = (lxw_col_t)b->cols[i].value;
		if (w->year && rules_target(ind, w->year, &t))
			add_target_colours(w, first, col, last, col, ind, t);
	}
}

/* After the rows first..last of a table: its total row (labelled in column
 * label_col), then a row of targets; returns the row after them. */
static lxw_row_t block_footer(wb *w, lxw_row_t first, lxw_row_t last, const ind_block *b,
                              size_t label_col)
{
	lxw_row_t row = last + 1;
	buf label = BUF_INIT;
	put_text_fmt(w, row, label_col, tr(w->l, "total"), w->cell[RS_TOTAL][NK_TEXT]);
	block_totals(w, row, first, last, b);
	block_colours(w, first, row, b);
	row++;
	buf_puts(&label, tr(w->l, "target"));
	if (w->year)
		buf_printf(&label, " %d", w->year);
	put_text_fmt(w, row, label_col, buf_cstr(&label), w->cell[RS_TARGET][NK_TEXT]);
	block_targets(w, row, b);
	buf_release(&label);
	return row + 1;
}

/* The comparison sheet: each child of a district, province or the whole
 * tree on one row, its key indicators and how many of its posts reach each
 * level, with the node itself as the total. The national one lists every
 * province followed by its districts, each row naming its province and its
 * kind, so that a filter on the province shows one province's districts. */

typedef struct compare_columns {
	size_t province, kind; /* NO_COL but in the national comparison */
	size_t name, code, levels, parts, folder, count;
	ind_block block;
	const node **rows; /* in the order of the sheet */
	size_t nrows;
	const node **lower; /* the rows of the lowest level, which the total adds */
	size_t nlower;
} compare_columns;

/* The rows: the children, or at the root each province and its districts. */
static void compare_rows(compare_columns *cc, const node *n)
{
	size_t i, j, cap = n->nchildren;
	for (i = 0; n->kind == NODE_ROOT && i < n->nchildren; i++)
		cap += n->children[i]->nchildren;
	cc->rows = xcalloc(cap ? cap : 1, sizeof *cc->rows);
	cc->lower = xcalloc(cap ? cap : 1, sizeof *cc->lower);
	cc->nrows = cc->nlower = 0;
	for (i = 0; i < n->nchildren; i++) {
		const node *c = n->children[i];
		cc->rows[cc->nrows++] = c;
		if (n->kind != NODE_ROOT) {
			cc->lower[cc->nlower++] = c;
			continue;
		}
		for (j = 0; j < c->nchildren; j++) {
			cc->rows[cc->nrows++] = c->children[j];
			cc->lower[cc->nlower++] = c->children[j];
		}
	}
}

static void compare_layout(compare_columns *cc, const wb *w)
{
	unsigned kinds = 0;
	size_t i, c = 0;
	compare_rows(cc, w->n);
	for (i = 0; i < cc->nrows; i++)
		kinds |= LEVEL_BIT(cc->rows[i]->kind);
	cc->province = cc->kind = NO_COL;
	if (w->n->kind == NODE_ROOT)
		cc->province = c++;
	cc->name = c++;
	if (w->n->kind == NODE_ROOT)
		cc->kind = c++;
	cc->code = c++;
	block_init(&cc->block, w, kinds, c, 0, cc->lower, cc->nlower);
	cc->levels = c + cc->block.width;
	cc->parts = cc->levels + w->r->nlevels;
	cc->folder = block_parts(&cc->block, cc->parts);
	cc->count = cc->folder + 1;
}

static void compare_release(compare_columns *cc)
{
	block_release(&cc->block);
	free(cc->rows);
	free(cc->lower);
}

static const char *children_kind(const wb *w)
{
	switch (w->n->kind) {
	case NODE_ROOT:
		return tr(w->l, "kind_provinsi");
	case NODE_PROVINSI:
		return tr(w->l, "district");
	default:
		return tr(w->l, "kind_puskesmas");
	}
}

static void compare_headers(wb *w, const compare_columns *cc)
{
	buf h = BUF_INIT;
	size_t i;
	if (cc->province != NO_COL) {
		put_header(w, cc->province, tr(w->l, "kind_provinsi"));
		put_header(w, cc->name, tr(w->l, "area"));
		put_header(w, cc->kind, tr(w->l, "area_kind"));
	} else {
		put_header(w, cc->name, children_kind(w));
	}
	put_header(w, cc->code, tr(w->l, "code"));
	block_headers(w, &cc->block);
	for (i = 0; i < w->r->nlevels; i++) {
		buf_reset(&h);
		buf_printf(&h, "%s %s", tr(w->l, "level_posts"), w->r->levels[i].label);
		put_header(w, cc->levels + i, buf_cstr(&h));
	}
	put_header(w, cc->folder, tr(w->l, "records_folder"));
	buf_release(&h);
}

static void compare_levels(wb *w, lxw_row_t row, const compare_columns *cc, const node *x)
{
	size_t i, nl = w->r->nlevels;
	for (i = 0; i < nl; i++)
		put_number(w, row, cc->levels + i, (double)w->res->level_counts[x->index * nl + i],
		           NK_COUNT, RS_PLAIN);
}

/* The kind of a row of the national comparison: "Provinsi", "Kabupaten" or
 * "Kota"; the totals tell the provinces by it. */
static const char *area_kind(const wb *w, const node *x)
{
	switch (x->kind) {
	case NODE_PROVINSI:
		return tr(w->l, "kind_provinsi");
	case NODE_KOTA:
		return tr(w->l, "kind_kota");
	default:
		return tr(w->l, "kind_kabupaten");
	}
}

static void compare_row(wb *w, lxw_row_t row, const compare_columns *cc, const node *x)
{
	if (cc->province != NO_COL) {
		const node *p = x->kind == NODE_PROVINSI ? x : x->parent;
		put_text(w, row, cc->province, p->name);
		put_text(w, row, cc->kind, area_kind(w, x));
	}
	put_text(w, row, cc->name, x->name);
	put_text(w, row, cc->code, x->code);
	block_row(w, row, &cc->block, x);
	compare_levels(w, row, cc, x);
	put_text(w, row, cc->folder, x->path);
}

static void write_compare(wb *w, const char *place, const char *quarter)
{
	compare_columns cc;
	lxw_row_t row = ROW_FIRST, first = ROW_FIRST, last;
	buf b = BUF_INIT;
	size_t i, nl = w->r->nlevels;
	compare_layout(&cc, w);
	if (sheet_begin(w, tr(w->l, "sheet_compare"), cc.count)) {
		compare_release(&cc);
		return;
	}
	buf_printf(&b, "%s — %s", tr(w->l, "sheet_compare"), place);
	put_note(w, ROW_TITLE, buf_cstr(&b), w->title);
	put_source(w, cc.province != NO_COL ? tr(w->l, "compare_total_note") : NULL);
	buf_reset(&b);
	buf_printf(&b, "%s: %s", tr(w->l, "values_for"), quarter);
	put_note(w, ROW_NOTE, buf_cstr(&b), w->note);
	compare_headers(w, &cc);
	w->print_cols = cc.parts;
	w->print_rows_after = 2;
	if (cc.kind != NO_COL) {
		w->outer_col = cc.kind;
		w->outer_text = tr(w->l, "kind_provinsi");
	}
	for (i = 0; i < cc.nrows; i++, row++)
		compare_row(w, row, &cc, cc.rows[i]);
	last = row - 1;
	block_footer(w, first, last, &cc.block, cc.name);
	/* the total row holds the node itself */
	put_text_fmt(w, last + 1, cc.code, w->n->code, w->cell[RS_TOTAL][NK_TEXT]);
	for (i = 0; i < nl; i++)
		put_subtotal(w, last + 1, cc.levels + i, first, last,
		             (double)w->res->level_counts[w->n->index * nl + i], NK_COUNT);
	put_text_fmt(w, last + 1, cc.folder, w->n->path, w->cell[RS_TOTAL][NK_TEXT]);
	sheet_end(w, last, (lxw_col_t)(cc.name + 1));
	compare_release(&cc);
	buf_release(&b);
}

/* Columns naming where a post lies; the first ones exist only when the
 * workbook covers several of them (a province lists its districts). */
typedef struct place_columns {
	int province, district; /* column, or -1 */
	size_t puskesmas, name, code;
} place_columns;

static size_t place_layout(place_columns *pc, const wb *w)
{
	size_t c = 0;
	pc->province = w->n->kind == NODE_ROOT ? (int)c++ : -1;
	pc->district = w->n->kind == NODE_ROOT || w->n->kind == NODE_PROVINSI ? (int)c++ : -1;
	pc->puskesmas = c++;
	pc->name = c++;
	pc->code = c++;
	return c;
}

static void place_headers(wb *w, const place_columns *pc)
{
	if (pc->province >= 0)
		put_header(w, (size_t)pc->province, tr(w->l, "kind_provinsi"));
	if (pc->district >= 0)
		put_header(w, (size_t)pc->district, tr(w->l, "district"));
	put_header(w, pc->puskesmas, tr(w->l, "kind_puskesmas"));
	put_header(w, pc->name, tr(w->l, "post"));
	put_header(w, pc->code, tr(w->l, "code"));
}

static const node *ancestor_of_kind(const node *p, node_kind a, node_kind b)
{
	for (; p; p = p->parent)
		if (p->kind == a || p->kind == b)
			return p;
	return NULL;
}

/* A post is never a puskesmas, province or district itself, so its places
 * are those of its parent, which the rows of sibling posts share. */
static void place_row(wb *w, lxw_row_t row, const place_columns *pc, const node *post)
{
	const node *pk, *p, *d;
	if (w->place_of != post->parent) {
		w->place_of = post->parent;
		w->place_puskesmas = ancestor_of_kind(post, NODE_PUSKESMAS, NODE_PUSKESMAS);
		w->place_province = ancestor_of_kind(post, NODE_PROVINSI, NODE_PROVINSI);
		w->place_district = ancestor_of_kind(post, NODE_KABUPATEN, NODE_KOTA);
	}
	pk = w->place_puskesmas;
	p = w->place_province;
	d = w->place_district;
	if (pc->province >= 0)
		put_text(w, row, (size_t)pc->province, p ? p->name : NULL);
	if (pc->district >= 0)
		put_text(w, row, (size_t)pc->district, d ? d->name : NULL);
	put_text(w, row, pc->puskesmas, pk ? pk->name : NULL);
	put_text(w, row, pc->name, post->name);
	put_text(w, row, pc->code, post->code);
}

/* Keep the post's name (and its places) in view at every level. */
static lxw_col_t place_freeze(const place_columns *pc)
{
	return (lxw_col_t)(pc->name + 1);
}

/* The posts sheet */

typedef struct post_columns {
	place_columns place;
	size_t trade, status, formed, level, score, coaching, last_report, missed, next_step;
	size_t parts, folder, count;
	ind_block block;
} post_columns;

/* Printed: the places, the post, its level and what it needs, and every
 * indicator's value (counts too); the numerators, denominators and the
 * records folder follow, off paper. */
static void post_layout(post_columns *pc, const wb *w)
{
	size_t c = place_layout(&pc->place, w);
	pc->trade = c++;
	pc->status = c++;
	pc->formed = c++;
	pc->level = c++;
	pc->score = c++;
	pc->coaching = c++;
	block_init(&pc->block, w, LEVEL_BIT(NODE_POS), c, 1, NULL, 0);
	c += pc->block.width;
	pc->last_report = c++;
	pc->missed = c++;
	pc->next_step = c++;
	pc->parts = c;
	c = block_parts(&pc->block, c);
	pc->folder = c++;
	pc->count = c;
}

static void posts_headers(wb *w, const post_columns *pc)
{
	place_headers(w, &pc->place);
	put_header(w, pc->trade, tr(w->l, "trade"));
	put_header(w, pc->status, tr(w->l, "status"));
	put_header(w, pc->formed, tr(w->l, "formed"));
	put_header(w, pc->level, tr(w->l, "level"));
	put_header(w, pc->score, tr(w->l, "score"));
	put_header(w, pc->coaching, tr(w->l, "needs_coaching"));
	block_headers(w, &pc->block);
	put_header(w, pc->last_report, tr(w->l, "last_report"));
	put_header(w, pc->missed, tr(w->l, "criteria_not_met"));
	put_header(w, pc->next_step, tr(w->l, "next_step"));
	put_header(w, pc->folder, tr(w->l, "records_folder"));
}

/* The post's status in the reader's language ("bubar" -> "dissolved"). */
static void put_status(wb *w, lxw_row_t row, size_t col, const char *status)
{
	buf key = BUF_INIT;
	const char *text;
	if (!status || !*status)
		return;
	if (w->status_of && strcmp(w->status_of, status) == 0) {
		put_text(w, row, col, w->status_text); /* as the previous post's */
		return;
	}
	buf_printf(&key, "status_%s", status);
	text = tr(w->l, buf_cstr(&key));
	text = strcmp(text, buf_cstr(&key)) == 0 ? status : text;
	w->status_of = status;
	w->status_text = text;
	put_text(w, row, col, text);
	buf_release(&key);
}

/* The status, or "belum dibentuk" / "sudah bubar" for a post that did not
 * exist in the published quarter. */
static void put_presence(wb *w, lxw_row_t row, size_t col, const node *post)
{
	const char *absent = post_presence_key(post_presence_in_quarter(post, w->res->last_quarter));
	if (absent)
		put_text(w, row, col, tr(w->l, absent));
	else
		put_status(w, row, col, post->status);
}

/* Received date of the latest report up to the published quarter. */
static int last_report_date(const node *post, int last_quarter)
{
	int best_end = -1, date = NO_DATE;
	size_t i;
	for (i = 0; i < post->nreports; i++) {
		const report *rep = &post->reports[i];
		int end = report_last_month(rep);
		if (end / 3 > last_quarter || end < best_end)
			continue;
		best_end = end;
		date = rep->received;
	}
	return date;
}

/* The level and score, whether the post needs coaching (it stays at the
 * lowest level), the criteria it misses and the advice of the first, as
 * its page gives them. Nothing for a post that is not assessed. */
static void put_level(wb *w, lxw_row_t row, const post_columns *pc, const node *post)
{
	const assessment *a = results_assessment(w->res, post);
	const vocab *v;
	const char *advice = NULL;
	buf missed = BUF_INIT;
	size_t i;
	if (!a || !a->valid)
		return;
	v = a->level ? rules_find_vocab(w->r->levels, w->r->nlevels, a->level) : NULL;
	put_text(w, row, pc->level, v && v->label ? v->label : a->level);
	put_number(w, row, pc->score, a->score, NK_SCORE, RS_PLAIN);
	put_text(w, row, pc->coaching, tr(w->l, a->level_index == 0 ? "yes" : "no"));
	for (i = 0; i < a->ncriteria; i++) {
		const criterion_result *c = &a->criteria[i];
		if (c->met)
			continue;
		if (missed.len)
			buf_puts(&missed, "; ");
		buf_puts(&missed, c->label ? c->label : c->id);
		if (!advice && c->advice && *c->advice)
			advice = c->advice;
	}
	if (missed.len)
		put_wrapped(w, row, pc->missed, buf_cstr(&missed));
	put_wrapped(w, row, pc->next_step, advice);
	buf_release(&missed);
}

static void posts_row(wb *w, lxw_row_t row, const post_columns *pc, const node *post)
{
	place_row(w, row, &pc->place, post);
	put_text(w, row, pc->trade, post->trade);
	put_presence(w, row, pc->status, post);
	put_date(w, row, pc->formed, post->formed);
	put_level(w, row, pc, post);
	block_row(w, row, &pc->block, post);
	put_date(w, row, pc->last_report, last_report_date(post, w->res->last_quarter));
	put_text(w, row, pc->folder, post->path);
}

static void write_posts(wb *w, const char *place, const char *quarter)
{
	post_columns pc;
	lxw_row_t row = ROW_FIRST, last;
	buf b = BUF_INIT;
	size_t first, count, i;
	post_layout(&pc, w);
	if (sheet_begin(w, tr(w->l, "sheet_posts"), pc.count)) {
		block_release(&pc.block);
		return;
	}
	buf_printf(&b, "%s — %s", tr(w->l, "posts"), place);
	put_note(w, ROW_TITLE, buf_cstr(&b), w->title);
	put_source(w, NULL);
	buf_reset(&b);
	buf_printf(&b, "%s: %s", tr(w->l, "values_for"), quarter);
	put_note(w, ROW_NOTE, buf_cstr(&b), w->note);
	posts_headers(w, &pc);
	w->print_cols = pc.parts;
	w->print_rows_after = 2;
	count = subtree_posts(w->res->recs, w->n, &first);
	for (i = 0; i < count; i++)
		posts_row(w, row++, &pc, w->res->recs->posts[first + i]);
	last = row - 1;
	if (count) {
		block_footer(w, ROW_FIRST, last, &pc.block, pc.place.name);
		put_text_fmt(w, last + 1, pc.folder, w->n->path, w->cell[RS_TOTAL][NK_TEXT]);
	}
	sheet_end(w, last, place_freeze(&pc.place));
	block_release(&pc.block);
	buf_release(&b);
}

/* The national Pos UKK sheet: 30,000 posts would make the workbook too big
 * to open, so it names, for each province, how many posts it has and the
 * workbook that lists them. */
enum { PP_NAME, PP_CODE, PP_POSTS, PP_WORKBOOK, PP_COUNT };

static void write_posts_pointer(wb *w, const char *place)
{
	lxw_row_t row = ROW_FIRST;
	buf b = BUF_INIT;
	size_t i, total = 0;
	if (sheet_begin(w, tr(w->l, "sheet_posts"), PP_COUNT))
		return;
	buf_printf(&b, "%s — %s", tr(w->l, "posts"), place);
	put_note(w, ROW_TITLE, buf_cstr(&b), w->title);
	put_source(w, NULL);
	put_note(w, ROW_NOTE, tr(w->l, "posts_elsewhere"), w->note);
	put_header(w, PP_NAME, children_kind(w));
	put_header(w, PP_CODE, tr(w->l, "code"));
	put_header(w, PP_POSTS, tr(w->l, "post_count"));
	put_header(w, PP_WORKBOOK, tr(w->l, "posts_workbook"));
	for (i = 0; i < w->n->nchildren; i++, row++) {
		const node *c = w->n->children[i];
		size_t first, count = subtree_posts(w->res->recs, c, &first);
		char *name = wbk_filename(c, w->res->last_quarter);
		total += count;
		buf_reset(&b);
		if (*c->path)
			buf_printf(&b, "%s/", c->path);
		buf_puts(&b, name);
		put_text(w, row, PP_NAME, c->name);
		put_text(w, row, PP_CODE, c->code);
		put_number(w, row, PP_POSTS, (double)count, NK_COUNT, RS_PLAIN);
		put_text(w, row, PP_WORKBOOK, buf_cstr(&b));
		free(name);
	}
	put_text_fmt(w, row, PP_NAME, tr(w->l, "total"), w->cell[RS_TOTAL][NK_TEXT]);
	put_subtotal(w, row, PP_POSTS, ROW_FIRST, row - 1, (double)total, NK_COUNT);
	sheet_end(w, row - 1, 1);
	buf_release(&b);
}

/* The monthly data: every report row of the posts below, as laporan.csv
 * holds it, one row per post and month (or quarter, for a quarterly row). */

typedef struct month_columns {
	place_columns place;
	size_t period, quarter, kind, received, file;
	size_t *col; /* sheet column of each rules column */
	size_t *both; /* per element split by sex: the column of its total, else NO_COL */
	size_t printed; /* columns printed: up to the optional elements at the end; 0: all */
	size_t count;
} month_columns;

static void month_layout(month_columns *mc, const wb *w)
{
	const rules *r = w->r;
	size_t c = place_layout(&mc->place, w), i;
	mc->period = c++;
	mc->quarter = c++;
	mc->kind = c++;
	mc->received = c++;
	mc->col = xcalloc(r->ncolumns ? r->ncolumns : 1, sizeof *mc->col);
	mc->both = xcalloc(r->nelements ? r->nelements : 1, sizeof *mc->both);
	for (i = 0; i < r->nelements; i++)
		mc->both[i] = NO_COL;
	mc->printed = 0;
	for (i = 0; i < r->ncolumns; i++) {
		const column *col = &r->columns[i];
		/* optional elements (form LBKP-1's columns) at the end stay off
		 * paper: the puskesmas workbook prints them as the form */
		if (!r->elements[col->element].optional)
			mc->printed = 0;
		else if (!mc->printed)
			mc->printed = c;
		mc->col[i] = c++;
		/* the parts of an element are adjacent, _l then _p */
		if (col->sex == 'p')
			mc->both[col->element] = c++;
	}
	mc->file = c++;
	mc->count = c;
}

static void month_release(month_columns *mc)
{
	free(mc->col);
	free(mc->both);
}

/* A laporan.csv column name above the column that holds it. */
static void put_id(wb *w, size_t col, const char *id)
{
	wb_check(w, worksheet_write_string(w->ws, ROW_NOTE, (lxw_col_t)col, id, w->ids));
	wb_need(w, col, (double)text_width(id) + 1.0);
}

static void month_headers(wb *w, const month_columns *mc)
{
	const rules *r = w->r;
	buf h = BUF_INIT;
	size_t i;
	place_headers(w, &mc->place);
	put_header(w, mc->period, tr(w->l, "period"));
	put_header(w, mc->quarter, tr(w->l, "quarter"));
	put_header(w, mc->kind, tr(w->l, "report_kind"));
	put_header(w, mc->received, tr(w->l, "received"));
	put_note(w, ROW_NOTE, tr(w->l, "csv_columns"), w->ids);
	put_id(w, mc->period, "periode");
	put_id(w, mc->received, "tanggal_lapor");
	for (i = 0; i < r->ncolumns; i++) {
		const column *col = &r->columns[i];
		const element *e = &r->elements[col->element];
		buf_reset(&h);
		buf_puts(&h, e->label);
		if (col->sex)
			buf_printf(&h, " %s", tr(w->l, col->sex == 'l' ? "male" : "female"));
		put_header(w, mc->col[i], buf_cstr(&h));
		put_id(w, mc->col[i], col->name);
		if (mc->both[col->element] != NO_COL && col->sex == 'p') {
			buf_reset(&h);
			buf_printf(&h, "%s %s", e->label, tr(w->l, "both"));
			put_header(w, mc->both[col->element], buf_cstr(&h));
			put_id(w, mc->both[col->element], e->id);
		}
	}
	put_header(w, mc->file, tr(w->l, "records_file"));
	buf_release(&h);
}

static int report_quarter(const report *rp)
{
	return rp->quarterly ? rp->period : QUARTER_OF_MONTH(rp->period);
}


/* Texts that repeat from row to row, made once rather than per row: the
 * quarter ("2024-Q2", a post's rows come in period order) and a post's
 * laporan.csv path, to which each row adds its line. */
typedef struct month_text {
	int quarter; /* whose label label holds, or -1 */
	buf label;
	const node *post; /* whose path file holds, or NULL */
	buf file;
	size_t file_len; /* of that path, without ":line" */
	const char *kind[2]; /* monthly, quarterly */
} month_text;

static void month_text_init(month_text *mt, const wb *w)
{
	memset(mt, 0, sizeof *mt);
	mt->quarter = -1;
	mt->kind[0] = tr(w->l, "monthly");
	mt->kind[1] = tr(w->l, "quarterly");
}

static void month_text_release(month_text *mt)
{
	buf_release(&mt->label);
	buf_release(&mt->file);
}

/* ":line", as buf_printf(b, ":%u", line) writes it. */
static void put_line_number(buf *b, unsigned line)
{
	char tmp[16], *p = tmp + sizeof tmp;
	do {
		*--p = (char)('0' + line % 10);
		line /= 10;
	} while (line);
	*--p = ':';
	buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* One report row; adds its cells to sums (per rules column) and totals (per
 * element). */
static void month_row(wb *w, lxw_row_t row, const month_columns *mc, month_text *mt,
                      const node *post, const report *rp, double *sums, double *totals)
{
	const rules *r = w->r;
	int q = report_quarter(rp);
	size_t i;
	place_row(w, row, &mc->place, post);
	put_month(w, row, mc->period, report_first_month(rp));
	if (q != mt->quarter) {
		buf_reset(&mt->label);
		period_format_quarter(&mt->label, q);
		mt->quarter = q;
	}
	put_text(w, row, mc->quarter, buf_cstr(&mt->label));
	put_text(w, row, mc->kind, mt->kind[rp->quarterly ? 1 : 0]);
	put_date(w, row, mc->received, rp->received);
	for (i = 0; i < r->ncolumns; i++) {
		const column *col = &r->columns[i];
		num_kind k = element_kind(&r->elements[col->element]);
		double v = rp->values[i];
		put_number(w, row, mc->col[i], v, k, RS_PLAIN);
		sums[i] = compute_add_reported(sums[i], v);
		if (col->sex == 'p' && i > 0) {
			double both = compute_add_reported(rp->values[i - 1], v);
			put_number(w, row, mc->both[col->element], both, k, RS_PLAIN);
			totals[col->element] = compute_add_reported(totals[col->element], both);
		}
	}
	if (mt->post != post) {
		buf_reset(&mt->file);
		buf_printf(&mt->file, "records/%s/laporan.csv", post->path);
		mt->file_len = mt->file.len;
		mt->post = post;
	}
	mt->file.len = mt->file_len;
	mt->file.data[mt->file_len] = '\0';
	if (rp->line)
		put_line_number(&mt->file, rp->line);
	put_text(w, row, mc->file, buf_cstr(&mt->file));
}

/* How many of the latest quarters Data bulanan holds: every one in a
 * puskesmas workbook, the last four (a year) in a district's; a province or
 * the nation would need hundreds of thousands of rows, slow to write and to
 * open, so theirs points to the workbooks below and to the open data. */
static size_t month_quarters(const node *n)
{
	switch (n->kind) {
	case NODE_PUSKESMAS:
		return (size_t)-1;
	case NODE_KABUPATEN:
	case NODE_KOTA:
		return 4;
	default:
		return 0;
	}
}

/* The first quarter whose rows, with those of the later quarters up to the
 * published one, fit in MONTHLY_ROWS_MAX and month_quarters; last_quarter + 1
 * when not even the published quarter fits. */
static int month_first_quarter(const wb *w, size_t first, size_t count)
{
	const results *res = w->res;
	size_t quarters = month_quarters(w->n);
	size_t *per, i, j, total = 0;
	int from = res->last_quarter + 1;
	if (quarters == 0)
		return from; /* no report row to count */
	per = xcalloc(res->nquarters ? res->nquarters : 1, sizeof *per);
	for (i = 0; i < count; i++) {
		const node *post = res->recs->posts[first + i];
		for (j = 0; j < post->nreports; j++) {
			int q = report_quarter(&post->reports[j]);
			if (q >= res->first_quarter && q <= res->last_quarter)
				per[q - res->first_quarter]++;
		}
	}
	for (i = res->nquarters; i-- > 0 && quarters-- > 0;) {
		if (total + per[i] > MONTHLY_ROWS_MAX)
			break;
		total += per[i];
		from = res->first_quarter + (int)i;
	}
	free(per);
	return from;
}

/* Sums of the elements that add up over months (agregasi "sum"); a stock
 * such as registered workers does not. */
static void month_totals(wb *w, lxw_row_t row, lxw_row_t last, const month_columns *mc,
                         const double *sums, const double *totals)
{
	const rules *r = w->r;
	size_t i;
	put_text_fmt(w, row, mc->place.name, tr(w->l, "total"), w->cell[RS_TOTAL][NK_TEXT]);
	for (i = 0; i < r->ncolumns; i++) {
		const column *col = &r->columns[i];
		const element *e = &r->elements[col->element];
		num_kind k = element_kind(e);
		if (e->agg != AGG_SUM)
			continue;
		put_subtotal(w, row, mc->col[i], ROW_FIRST, last, sums[i], k);
		if (col->sex == 'p')
			put_subtotal(w, row, mc->both[col->element], ROW_FIRST, last,
			             totals[col->element], k);
	}
}

static void write_monthly(wb *w, const char *place, int *from)
{
	month_columns mc;
	lxw_row_t row = ROW_FIRST, last;
	buf b = BUF_INIT, note = BUF_INIT;
	size_t first, count, i, j, k;
	double *sums, *totals;
	month_text mt;
	month_layout(&mc, w);
	if (sheet_begin(w, tr(w->l, "sheet_monthly"), mc.count)) {
		month_release(&mc);
		return;
	}
	count = subtree_posts(w->res->recs, w->n, &first);
	*from = month_first_quarter(w, first, count);
	buf_printf(&b, "%s — %s", tr(w->l, "sheet_monthly"), place);
	put_note(w, ROW_TITLE, buf_cstr(&b), w->title);
	buf_puts(&note, tr(w->l, "monthly_note"));
	if (*from > w->res->first_quarter) {
		if (*from > w->res->last_quarter) {
			buf_printf(&note, " %s", tr(w->l, "monthly_none"));
		} else {
			buf_printf(&note, " %s ", tr(w->l, "monthly_since"));
			fmt_quarter(&note, w->l, *from, 0);
			buf_putc(&note, ':');
		}
		if (month_quarters(w->n) == 0)
			buf_printf(&note, " %s", tr(w->l, "monthly_level"));
		else if (month_quarters(w->n) == 4 && *from == w->res->last_quarter - 3)
			buf_printf(&note, " %s", tr(w->l, "monthly_year"));
		else
			buf_printf(&note, " %s %u %s", tr(w->l, "monthly_over"), MONTHLY_ROWS_MAX,
			           tr(w->l, "monthly_cap"));
	}
	put_source(w, buf_cstr(&note));
	month_headers(w, &mc);
	sums = xmalloc((w->r->ncolumns ? w->r->ncolumns : 1) * sizeof *sums);
	totals = xmalloc((w->r->nelements ? w->r->nelements : 1) * sizeof *totals);
	for (k = 0; k < w->r->ncolumns; k++)
		sums[k] = NAN;
	for (k = 0; k < w->r->nelements; k++)
		totals[k] = NAN;
	month_text_init(&mt, w);
	/* no row when not even the published quarter fits (provinces, the root) */
	for (i = 0; i < count && *from <= w->res->last_quarter; i++) {
		const node *post = w->res->recs->posts[first + i];
		for (j = 0; j < post->nreports; j++) {
			const report *rp = &post->reports[j];
			int q = report_quarter(rp);
			if (q < *from || q > w->res->last_quarter)
				continue;
			month_row(w, row++, &mc, &mt, post, rp, sums, totals);
		}
	}
	last = row - 1;
	if (last >= ROW_FIRST)
		month_totals(w, last + 1, last, &mc, sums, totals);
	w->print_cols = mc.printed;
	w->print_rows_after = last >= ROW_FIRST ? 1 : 0;
	sheet_end(w, last, place_freeze(&mc.place));
	month_text_release(&mt);
	free(sums);
	free(totals);
	month_release(&mc);
	buf_release(&b);
	buf_release(&note);
}

/* Data quality: missing and late reports and validation violations of the
 * published quarter, each with the record file to open. */

typedef struct quality_columns {
	place_columns place;
	size_t month, quarter, problem, count, detail, file, ncols;
} quality_columns;

static void quality_layout(quality_columns *qc, const wb *w)
{
	size_t c = place_layout(&qc->place, w);
	qc->month = c++;
	qc->quarter = c++;
	qc->problem = c++;
	qc->count = c++;
	qc->detail = c++;
	qc->file = c++;
	qc->ncols = c;
}

/* A quarter as the text "2024-Q2", the form of every quarter cell (and of
 * --period and the file names), which sorts and filters as it reads. */
static void put_quarter(wb *w, lxw_row_t row, size_t col, int quarter)
{
	buf b = BUF_INIT;
	if (quarter < 0)
		return;
	period_format_quarter(&b, quarter);
	put_text(w, row, col, buf_cstr(&b));
	buf_release(&b);
}

/* When a finding is: a month (its first day, a date) and its quarter, or a
 * quarter alone (month -1); neither for a finding of no period. */
typedef struct when {
	int month, quarter;
} when;

static when when_month(int month)
{
	when t;
	t.month = month;
	t.quarter = month >= 0 ? QUARTER_OF_MONTH(month) : -1;
	return t;
}

static when when_quarter(int quarter)
{
	when t;
	t.month = -1;
	t.quarter = quarter;
	return t;
}

/* One finding: where (the post and its places), when, what, how many (a
 * number, or NAN when it is not counted) and the file to open. */
static void quality_row(wb *w, lxw_row_t row, const quality_columns *qc, const node *post,
                        when t, const char *problem, double count, const char *detail,
                        const char *file)
{
	place_row(w, row, &qc->place, post);
	if (t.month >= 0)
		put_month(w, row, qc->month, t.month);
	put_quarter(w, row, qc->quarter, t.quarter);
	put_text(w, row, qc->problem, problem);
	put_number(w, row, qc->count, count, NK_COUNT, RS_PLAIN);
	put_text(w, row, qc->detail, detail);
	put_text(w, row, qc->file, file);
}

/* The reports a post owes for the published quarter and those that came
 * after the deadline (either may be 0 or less: nothing to show). */
static void report_gaps(const results *res, const node *post, double *missing, double *late)
{
	const double *q = results_post_quantities(res, post, res->nquarters - 1);
	*missing = q[Q_LAPORAN_DIHARAPKAN] - q[Q_LAPORAN_DITERIMA];
	*late = q[Q_LAPORAN_DITERIMA] - q[Q_LAPORAN_TEPAT_WAKTU];
}

static void quality_reports(wb *w, const quality_columns *qc, lxw_row_t *row)
{
	when t = when_quarter(w->res->last_quarter);
	size_t first, count = subtree_posts(w->res->recs, w->n, &first), i;
	for (i = 0; i < count; i++) {
		const node *post = w->res->recs->posts[first + i];
		double missing, late;
		buf file = BUF_INIT, detail = BUF_INIT;
		report_gaps(w->res, post, &missing, &late);
		if (!(missing > 0) && !(late > 0))
			continue; /* most posts: no row, so no path to format */
		buf_puts(&file, "records/");
		buf_puts(&file, post->path);
		buf_puts(&file, "/laporan.csv");
		if (missing > 0) {
			compute_format_reports(&detail, w->l, post, w->res->last_quarter,
			                       w->r->deadline_day, REPORT_MISSING);
			quality_row(w, (*row)++, qc, post, t, tr(w->l, "reports_missing"), missing,
			            buf_cstr(&detail), buf_cstr(&file));
			buf_reset(&detail);
		}
		if (late > 0) {
			compute_format_reports(&detail, w->l, post, w->res->last_quarter,
			                       w->r->deadline_day, REPORT_LATE);
			quality_row(w, (*row)++, qc, post, t, tr(w->l, "reports_late"), late,
			            buf_cstr(&detail), buf_cstr(&file));
		}
		buf_release(&file);
		buf_release(&detail);
	}
}

/* The violations of the posts below w->n are one run of res->violations:
 * time linear in what the sheet shows, not in every violation. */
static void quality_violations(wb *w, const quality_columns *qc, lxw_row_t *row)
{
	const results *res = w->res;
	size_t begin, end, i;
	results_violations_below(res, w->n, &begin, &end);
	for (i = begin; i < end; i++) {
		const violation *v = &res->violations[i];
		buf detail = BUF_INIT, file = BUF_INIT;
		if (!violation_in_quarter(res, v, res->nquarters - 1))
			continue;
		compute_format_violation(&detail, w->r, v, w->l);
		buf_printf(&file, "records/%s/laporan.csv", v->post->path);
		if (v->line)
			buf_printf(&file, ":%u", v->line);
		quality_row(w, (*row)++, qc, v->post,
		            v->monthly ? when_month(v->period) : when_quarter(v->period),
		            tr(w->l, "values_to_check"), NAN, buf_cstr(&detail), buf_cstr(&file));
		buf_release(&detail);
		buf_release(&file);
	}
}

/* Warnings about the records of the posts below that change their numbers. */
static void quality_notes(wb *w, const quality_columns *qc, lxw_row_t *row)
{
	size_t first, count = subtree_posts(w->res->recs, w->n, &first), i, k;
	for (i = 0; i < count; i++) {
		const node *post = w->res->recs->posts[first + i];
		for (k = 0; k < post->nnotes; k++) {
			const record_note *nt = &post->notes[k];
			buf file = BUF_INIT;
			buf_printf(&file, "records/%s/%s", post->path, nt->file);
			if (nt->line)
				buf_printf(&file, ":%u", nt->line);
			quality_row(w, (*row)++, qc, post, when_month(nt->month), tr(w->l, "record_notes"),
			            NAN, nt->text[w->l == LANG_EN], buf_cstr(&file));
			buf_release(&file);
		}
	}
}

static void write_quality(wb *w, const char *place, const char *quarter)
{
	lxw_row_t row = ROW_FIRST;
	buf b = BUF_INIT;
	quality_columns qc;
	quality_layout(&qc, w);
	if (!w->res->nquarters || sheet_begin(w, tr(w->l, "data_quality"), qc.ncols))
		return;
	buf_printf(&b, "%s — %s", tr(w->l, "data_quality"), place);
	put_note(w, ROW_TITLE, buf_cstr(&b), w->title);
	put_source(w, NULL);
	buf_reset(&b);
	buf_printf(&b, "%s: %s", tr(w->l, "values_for"), quarter);
	put_note(w, ROW_NOTE, buf_cstr(&b), w->note);
	place_headers(w, &qc.place);
	put_header(w, qc.month, tr(w->l, "month"));
	put_header(w, qc.quarter, tr(w->l, "quarter"));
	put_header(w, qc.problem, tr(w->l, "problem"));
	put_header(w, qc.count, tr(w->l, "count"));
	put_header(w, qc.detail, tr(w->l, "detail"));
	put_header(w, qc.file, tr(w->l, "records_file"));
	quality_reports(w, &qc, &row);
	quality_violations(w, &qc, &row);
	quality_notes(w, &qc, &row);
	sheet_end(w, row - 1, place_freeze(&qc.place));
	buf_release(&b);
}

/* The national Kualitas data: the list of every post's problems would be
 * most of the workbook, so it counts them for each district, as the
 * province workbook (named on the row) lists them. */
enum { QS_PROVINCE, QS_DISTRICT, QS_CODE, QS_MISSING, QS_LATE, QS_VIOLATIONS, QS_NOTES,
       QS_WORKBOOK, QS_FOLDER, QS_COUNT };

/* The problems of the posts below d in the published quarter, as the
 * per-post list counts them: missing and late reports, failed validation
 * rules and record notes, in counts[QS_MISSING .. QS_NOTES]. */
static void quality_counts(const wb *w, const node *d, double *counts)
{
	const results *res = w->res;
	size_t first, count = subtree_posts(res->recs, d, &first), i, begin, end;
	for (i = 0; i < count; i++) {
		const node *post = res->recs->posts[first + i];
		double missing, late;
		report_gaps(res, post, &missing, &late);
		if (missing > 0)
			counts[QS_MISSING] += missing;
		if (late > 0)
			counts[QS_LATE] += late;
		counts[QS_NOTES] += (double)post->nnotes;
	}
	results_violations_below(res, d, &begin, &end);
	for (i = begin; i < end; i++)
		counts[QS_VIOLATIONS] += violation_in_quarter(res, &res->violations[i],
		                                              res->nquarters - 1) != 0;
}

static void quality_summary_row(wb *w, lxw_row_t row, const node *d, double *totals)
{
	double counts[QS_COUNT] = {0};
	char *name = wbk_filename(d->parent, w->res->last_quarter);
	buf b = BUF_INIT;
	size_t k;
	quality_counts(w, d, counts);
	put_text(w, row, QS_PROVINCE, d->parent->name);
	put_text(w, row, QS_DISTRICT, d->name);
	put_text(w, row, QS_CODE, d->code);
	for (k = QS_MISSING; k <= QS_NOTES; k++) {
		put_number(w, row, k, counts[k], NK_COUNT, RS_PLAIN);
		totals[k] += counts[k];
	}
	if (*d->parent->path)
		buf_printf(&b, "%s/", d->parent->path);
	buf_puts(&b, name);
	put_text(w, row, QS_WORKBOOK, buf_cstr(&b));
	put_text(w, row, QS_FOLDER, d->path);
	buf_release(&b);
	free(name);
}

static void write_quality_summary(wb *w, const char *place, const char *quarter)
{
	static const char *const heads[QS_COUNT] = {
		"kind_provinsi", "district", "code", "reports_missing", "reports_late",
		"values_to_check", "record_notes", "problems_workbook", "records_folder"};
	double totals[QS_COUNT] = {0};
	lxw_row_t row = ROW_FIRST;
	buf b = BUF_INIT;
	size_t i, j, k;
	if (sheet_begin(w, tr(w->l, "data_quality"), QS_COUNT))
		return;
	buf_printf(&b, "%s — %s", tr(w->l, "data_quality"), place);
	put_note(w, ROW_TITLE, buf_cstr(&b), w->title);
	put_source(w, tr(w->l, "problems_elsewhere"));
	buf_reset(&b);
	buf_printf(&b, "%s: %s", tr(w->l, "values_for"), quarter);
	put_note(w, ROW_NOTE, buf_cstr(&b), w->note);
	for (k = 0; k < QS_COUNT; k++)
		put_header(w, k, tr(w->l, heads[k]));
	for (i = 0; i < w->n->nchildren; i++)
		for (j = 0; j < w->n->children[i]->nchildren; j++)
			quality_summary_row(w, row++, w->n->children[i]->children[j], totals);
	put_text_fmt(w, row, QS_DISTRICT, tr(w->l, "total"), w->cell[RS_TOTAL][NK_TEXT]);
	for (k = QS_MISSING; k <= QS_NOTES; k++)
		put_subtotal(w, row, k, ROW_FIRST, row - 1, totals[k], NK_COUNT);
	/* the paths stay off paper, so that the counts fit one page wide */
	w->print_cols = QS_WORKBOOK;
	w->print_rows_after = 1;
	sheet_end(w, row - 1, QS_DISTRICT + 1);
	buf_release(&b);
}

/* The table the annual puskesmas data form (SIP) asks for: posts per level
 * (those assessed in the published quarter) and the cadres of the posts. */

enum { SC_LEVEL, SC_POSTS, SC_CADRES, SC_COLUMNS };

static void write_sip(wb *w, const char *place, const char *quarter)
{
	size_t nl = w->r->nlevels, i;
	const size_t *counts = w->res->level_counts + w->n->index * nl;
	const double *cadres = w->res->cadre_counts + w->n->index * nl;
	lxw_row_t row = ROW_FIRST;
	double posts = 0, people = 0;
	buf b = BUF_INIT;
	if (!w->res->nquarters || sheet_begin(w, tr(w->l, "sheet_sip"), SC_COLUMNS))
		return;
	buf_printf(&b, "%s — %s", tr(w->l, "sheet_sip"), place);
	put_note(w, ROW_TITLE, buf_cstr(&b), w->title);
	put_source(w, tr(w->l, "levels_sip"));
	buf_reset(&b);
	buf_printf(&b, "%s: %s", tr(w->l, "values_for"), quarter);
	put_note(w, ROW_NOTE, buf_cstr(&b), w->note);
	put_header(w, SC_LEVEL, tr(w->l, "level"));
	put_header(w, SC_POSTS, tr(w->l, "posts"));
	put_header(w, SC_CADRES, tr(w->l, "cadres_posts"));
	for (i = 0; i < nl; i++, row++) {
		put_text(w, row, SC_LEVEL, w->r->levels[i].label);
		put_number(w, row, SC_POSTS, (double)counts[i], NK_COUNT, RS_PLAIN);
		put_number(w, row, SC_CADRES, cadres[i], NK_COUNT, RS_PLAIN);
		posts += (double)counts[i];
		people += cadres[i];
	}
	put_text_fmt(w, row, SC_LEVEL, tr(w->l, "total"), w->cell[RS_TOTAL][NK_TEXT]);
	put_subtotal(w, row, SC_POSTS, ROW_FIRST, row - 1, posts, NK_COUNT);
	put_subtotal(w, row, SC_CADRES, ROW_FIRST, row - 1, people, NK_COUNT);
	sheet_end(w, row - 1, 1);
	buf_release(&b);
}

/* Definitions of the indicators, from the Lua rules. */

enum { DC_ID, DC_LABEL, DC_MEANING, DC_NUM, DC_DEN, DC_FACTOR, DC_UNIT, DC_TARGET, DC_TARGETS,
       DC_SOURCE,
       DC_RULE, DC_COUNT };

/* Where an indicator and its target come from: sumber, or "usulan lokal". */
static void definition_source(const wb *w, const indicator *ind, buf *out)
{
	buf_puts(out, ind->source ? ind->source : ind->local ? tr(w->l, "local_proposal") : "");
	if (ind->ntargets && (ind->target_source || ind->target_local))
		buf_printf(out, "; %s: %s", tr(w->l, "target_source"),
		           ind->target_source ? ind->target_source : tr(w->l, "local_proposal"));
}

static void write_definitions(wb *w)
{
	lxw_row_t row = ROW_FIRST;
	size_t i, t;
	if (sheet_begin(w, tr(w->l, "sheet_definitions"), DC_COUNT))
		return;
	put_note(w, ROW_TITLE, tr(w->l, "definitions"), w->title);
	put_header(w, DC_ID, "id");
	put_header(w, DC_LABEL, tr(w->l, "indicator"));
	put_header(w, DC_MEANING, tr(w->l, "meaning"));
	put_header(w, DC_NUM, tr(w->l, "numerator"));
	put_header(w, DC_DEN, tr(w->l, "denominator"));
	put_header(w, DC_FACTOR, tr(w->l, "factor"));
	put_header(w, DC_UNIT, tr(w->l, "unit"));
	{
		buf h = BUF_INIT;
		buf_puts(&h, tr(w->l, "target"));
		if (w->year)
			buf_printf(&h, " %d", w->year);
		put_header(w, DC_TARGET, buf_cstr(&h));
		buf_release(&h);
	}
	put_header(w, DC_TARGETS, tr(w->l, "targets_by_year"));
	put_header(w, DC_SOURCE, tr(w->l, "definition_source"));
	put_header(w, DC_RULE, tr(w->l, "rule"));
	for (i = 0; i < w->r->nindicators; i++, row++) {
		const indicator *ind = &w->r->indicators[i];
		buf target = BUF_INIT, rule = BUF_INIT, source = BUF_INIT;
		double goal;
		for (t = 0; t < ind->ntargets; t++) {
			if (t)
				buf_puts(&target, "; ");
			if (ind->targets[t].year)
				buf_printf(&target, "%d: ", ind->targets[t].year);
			buf_printf(&target, "%g", ind->targets[t].value);
		}
		rules_display_file(w->r, ind->file, &rule);
		buf_printf(&rule, ":%d", ind->line);
		put_text(w, row, DC_ID, ind->id);
		put_text(w, row, DC_LABEL, ind->label);
		put_wrapped(w, row, DC_MEANING, ind->definition);
		put_text(w, row, DC_NUM,
		         ind->kind == IND_FUNCTION ? tr(w->l, "formula_numerator") : ind->num_text);
		put_text(w, row, DC_DEN,
		         ind->kind == IND_FUNCTION ? tr(w->l, "formula_denominator")
		                                   : ind->den_text ? ind->den_text : "");
		put_number(w, row, DC_FACTOR, ind->factor, NK_COUNT, RS_PLAIN);
		put_text(w, row, DC_UNIT, ind->unit);
		if (w->year && rules_target(ind, w->year, &goal))
			put_number(w, row, DC_TARGET, stored_value(ind, goal), value_kind(ind),
			           RS_PLAIN);
		put_text(w, row, DC_TARGETS, buf_cstr(&target));
		definition_source(w, ind, &source);
		put_wrapped(w, row, DC_SOURCE, buf_cstr(&source));
		put_text(w, row, DC_RULE, buf_cstr(&rule));
		buf_release(&source);
		buf_release(&target);
		buf_release(&rule);
	}
	sheet_end(w, row - 1, 2);
}

/* Formats and properties */

static lxw_format *new_format(wb *w, const char *num_format)
{
	lxw_format *f = workbook_add_format(w->book);
	if (!f) {
		wb_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (num_format)
		format_set_num_format(f, num_format);
	return f;
}

static lxw_format *fill_format(wb *w, lxw_color_t bg, lxw_color_t fg)
{
	lxw_format *f = workbook_add_format(w->book);
	if (!f) {
		wb_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	format_set_bg_color(f, bg);
	format_set_font_color(f, fg);
	return f;
}

static int make_formats(wb *w)
{
	/* Excel shows separators and month names as the reader's locale has them */
	static const char *const num_formats[NK_KINDS] = {
		"#,##0", "0.0%", "#,##0.00", "#,##0.0#", "0", "0.0", NULL,
	};
	buf points = BUF_INIT;
	int s, k;
	for (s = 0; s < RS_STYLES; s++)
		for (k = 0; k < NK_KINDS; k++)
			w->cell[s][k] = new_format(w, num_formats[k]);
	w->title = new_format(w, NULL);
	w->note = new_format(w, NULL);
	w->ids = new_format(w, NULL);
	w->header = new_format(w, NULL);
	/* a change of a percentage, in percentage points as pages write it */
	buf_printf(&points, "+0.0\"%s\";-0.0\"%s\";0\"%s\"", POINTS_UNIT(w->l), POINTS_UNIT(w->l),
	           POINTS_UNIT(w->l));
	w->percent_points = new_format(w, buf_cstr(&points));
	buf_release(&points);
	w->date = new_format(w, "dd/mm/yyyy");
	/* Indonesian month names whatever the reader's locale (LCID 0x421) */
	w->month = new_format(w, w->l == LANG_EN ? "mmm yyyy" : "[$-421]mmm yyyy");
	/* Excel's own "good" and "bad" cell styles */
	w->met = fill_format(w, 0xC6EFCE, 0x006100);
	w->missed = fill_format(w, 0xFFC7CE, 0x9C0006);
	w->doubtful = fill_format(w, 0xFFEB9C, 0x9C5700); /* Excel's "neutral" */
	w->wrap = new_format(w, NULL);
	w->wrap_ids = new_format(w, NULL);
	if (w->err != LXW_NO_ERROR)
		return -1;
	format_set_bold(w->title);
	format_set_font_size(w->title, 14);
	format_set_font_color(w->note, 0x595959);
	format_set_font_color(w->ids, 0x595959);
	format_set_font_size(w->ids, 9);
	format_set_bold(w->header);
	format_set_text_wrap(w->header);
	format_set_pattern(w->header, LXW_PATTERN_SOLID);
	format_set_bg_color(w->header, 0xDDEBF7);
	format_set_bottom(w->header, LXW_BORDER_THIN);
	for (k = 0; k < NK_KINDS; k++) {
		format_set_bold(w->cell[RS_TOTAL][k]);
		format_set_top(w->cell[RS_TOTAL][k], LXW_BORDER_THIN);
		format_set_italic(w->cell[RS_TARGET][k]);
		format_set_font_color(w->cell[RS_TARGET][k], 0x595959);
	}
	format_set_text_wrap(w->wrap);
	format_set_text_wrap(w->wrap_ids);
	format_set_font_color(w->wrap_ids, 0x595959);
	format_set_font_size(w->wrap_ids, 9);
	return 0;
}

static void set_properties(wb *w, const char *title, const char *organisation,
                           long long created, const char *period, int monthly_from)
{
	lxw_doc_properties p;
	buf first = BUF_INIT;
	int org = organisation && *organisation;
	memset(&p, 0, sizeof p);
	p.title = (char *)title;
	p.subject = (char *)tr(w->l, "by_quarter");
	p.author = (char *)(org ? organisation : "rekap");
	p.company = (char *)(org ? organisation : NULL);
	p.keywords = (char *)"Pos UKK";
	p.comments = (char *)tr(w->l, "generated_by");
	/* libxlsxwriter takes 0 to mean "now"; keep the epoch reproducible */
	p.created = created == 0 ? (time_t)1 : (time_t)created;
	wb_check(w, workbook_set_properties(w->book, &p));
	/* Machine-readable: which records folder and quarter the workbook shows,
	 * and the first quarter of its monthly data (read by
	 * tests/checkers/check_workbooks.py and tests/checkers/check_workbook_sheets.py). Excel
	 * caps these at 255 characters. */
	if (text_width(w->n->path) <= 255)
		wb_check(w, workbook_set_custom_property_string(w->book, "rekap_path", w->n->path));
	wb_check(w, workbook_set_custom_property_string(w->book, "rekap_period", period));
	period_format_quarter(&first, monthly_from);
	if (first.len)
		wb_check(w, workbook_set_custom_property_string(w->book, "rekap_monthly_first",
		                                                buf_cstr(&first)));
	buf_release(&first);
}

/* Indices of the indicators that apply to nodes of a kind. */
static size_t *applying_indicators(const rules *r, node_kind kind, size_t *n)
{
	size_t *out = xmalloc((r->nindicators ? r->nindicators : 1) * sizeof *out), i;
	*n = 0;
	for (i = 0; i < r->nindicators; i++)
		if (indicator_applies(&r->indicators[i], kind))
			out[(*n)++] = i;
	return out;
}

long long wbk_creation_time(const results *res)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	int next;
	if (env && *env) {
		char *end;
		long long t = strtoll(env, &end, 10);
		if (*end == '\0' && t >= 0)
			return t;
	}
	next = (res->last_quarter + 1) * 3;
	return (long long)period_date_from_ymd(next / 12, next % 12 + 1, 1) * 86400;
}

/* Writes the workbook of n to path, its parts staged in files in tmpdir
 * (NULL: the library's default). Returns the first error met. */
static lxw_error write_book(const char *path, const char *tmpdir, const node *n,
                            const results *res, lang l, const char *organisation,
                            long long created)
{
	lxw_workbook_options opt;
	wb w;
	buf place = BUF_INIT, quarter = BUF_INIT, title = BUF_INIT, period = BUF_INIT;
	lxw_error closed;
	int monthly_from = -1;
	memset(&w, 0, sizeof w);
	w.n = n;
	w.res = res;
	w.r = res->rules;
	w.l = l;
	w.created = created == 0 ? 1 : created;
	memset(&opt, 0, sizeof opt);
	opt.tmpdir = (char *)tmpdir;
	w.book = workbook_new_opt(path, &opt);
	if (!w.book)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	node_title(&place, n, l);
	if (res->nquarters && res->last_quarter >= 0) {
		w.year = res->last_quarter / 4;
		fmt_quarter(&quarter, l, res->last_quarter, 0);
		period_format_quarter(&period, res->last_quarter);
		buf_printf(&title, "%s — %s", buf_cstr(&place), buf_cstr(&quarter));
	} else {
		buf_puts(&quarter, tr(l, "no_data"));
		buf_puts(&title, buf_cstr(&place));
	}
	w.place_text = buf_cstr(&place);
	w.quarter_text = buf_cstr(&quarter);
	w.node_inds = applying_indicators(w.r, n->kind, &w.nnode_inds);
	if (make_formats(&w) == 0) {
		write_summary(&w, buf_cstr(&title), organisation);
		if (res->nquarters) {
			if (n->kind != NODE_PUSKESMAS && n->nchildren)
				write_compare(&w, buf_cstr(&place), buf_cstr(&quarter));
			if (n->kind == NODE_ROOT)
				write_posts_pointer(&w, buf_cstr(&place));
			else
				write_posts(&w, buf_cstr(&place), buf_cstr(&quarter));
			write_monthly(&w, buf_cstr(&place), &monthly_from);
			if (n->kind == NODE_PUSKESMAS)
				write_forms(&w, n, res);
		}
		if (n->kind == NODE_ROOT && res->nquarters)
			write_quality_summary(&w, buf_cstr(&place), buf_cstr(&quarter));
		else
			write_quality(&w, buf_cstr(&place), buf_cstr(&quarter));
		write_sip(&w, buf_cstr(&place), buf_cstr(&quarter));
		write_definitions(&w);
		set_properties(&w, buf_cstr(&title), organisation, created, buf_cstr(&period),
		               monthly_from);
	}
	/* close even after a failure: it frees the workbook */
	closed = workbook_close(w.book);
	wb_check(&w, closed);
	buf_release(&place);
	buf_release(&quarter);
	buf_release(&title);
	buf_release(&period);
	free(w.node_inds);
	free(w.wraps);
	buf_release(&w.page_header);
	buf_release(&w.page_footer);
	if (w.err != LXW_NO_ERROR && closed == LXW_NO_ERROR)
		remove(path);
	return w.err;
}

/* Free space, in bytes, of the file system holding dir; 0 when it is not
 * a folder this process can write into. */
static unsigned long long writable_space(const char *dir)
{
	struct statvfs fs;
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || access(dir, W_OK | X_OK) != 0 ||
	    statvfs(dir, &fs) != 0)
		return 0;
	return (unsigned long long)fs.f_bavail * fs.f_frsize;
}

/* Where libxlsxwriter stages a workbook's parts (uncompressed XML, under
 * 4 MB for the largest province of the national tree) before zipping them.
 * With TMPDIR set, the library's default, which honours it. Otherwise
 * /dev/shm, a file system in memory, when it has room to spare: staging
 * there rather than in the disk's /tmp halves the system time of a
 * national build (49.8 s to 23.2 s). NULL: the library's default. Decided
 * once per process (the workers write thousands of workbooks); a
 * /dev/shm that fills up later is met by wbk_write's second attempt. */
static const char *scratch_dir(void)
{
	static const unsigned long long room = 256ull << 20;
	static int decided;
	static const char *dir;
	const char *env;
	if (!decided) {
		env = getenv("TMPDIR");
		dir = (env && *env) || writable_space("/dev/shm") < room ? NULL : "/dev/shm";
		decided = 1;
	}
	return dir;
}

int wbk_write(const char *path, const node *n, const results *res, lang l,
              const char *organisation, long long created, diag_list *diags)
{
	const char *tmpdir = scratch_dir();
	lxw_error err = write_book(path, tmpdir, n, res, l, organisation, created);
	/* /dev/shm filled up meanwhile: once more in the default folder, so
	 * that only a failure there fails the build */
	if (err != LXW_NO_ERROR && tmpdir)
		err = write_book(path, NULL, n, res, l, organisation, created);
	if (err == LXW_NO_ERROR)
		return 0;
	diag_write_error(diags, path, 0, 0,
	                 TR(diags->lang, "gagal menulis buku kerja: %s",
	                    "could not write the workbook: %s"),
	                 lxw_strerror(err));
	return -1;
}
