/* workbook.c - the .xlsx workbook of a node: indicators by quarter and the posts below it (libxlsxwriter). */
#include "workbook.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

/* Layout shared by both sheets: a title, a line naming the records folder, a
 * note, then the table whose header row is frozen, filtered and repeated on
 * every printed page. */
enum { ROW_TITLE, ROW_SOURCE, ROW_NOTE, ROW_HEADER, ROW_FIRST };

/* Columns of the summary sheet before the quarters. */
enum { SUM_LABEL, SUM_ID, SUM_UNIT, SUM_TARGET, SUM_QUARTERS };

#define WIDTH_MIN 6.0
#define WIDTH_MAX 48.0
#define WIDTH_HEADER_MAX 16.0 /* headers wrap, so a long one need not widen its column */
#define PAPER_A4 9

/* Everything needed while one workbook is written. */
typedef struct wb {
	lxw_workbook *book;
	lxw_worksheet *ws; /* the sheet being written */
	double *widths; /* characters needed by each column of ws */
	size_t *header_len; /* length of each header of ws */
	size_t ncols;
	const node *n;
	const results *res;
	const rules *r;
	lang l;
	int year; /* of the published quarter, 0 when nothing was reported yet */
	size_t *node_inds, nnode_inds; /* indicators that apply to n (berlaku) */
	size_t *post_inds, npost_inds; /* ... and to posts */
	lxw_format *title, *note, *header, *text, *percent, *ratio, *count, *date, *score, *met,
		*missed;
	lxw_error err; /* the first failure, LXW_NO_ERROR while all is well */
} wb;

/* File names */

char *workbook_filename(const node *n, int quarter)
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
		fmt_quarter_id(&b, quarter);
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

/* Length of the longest word, which is what a wrapped header needs. */
static size_t longest_word(const char *s)
{
	size_t best = 0, cur = 0;
	for (; *s; s++) {
		if (*s == ' ') {
			cur = 0;
			continue;
		}
		if (((unsigned char)*s & 0xC0) != 0x80 && ++cur > best)
			best = cur;
	}
	return best;
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

static lxw_format *value_format(const wb *w, const indicator *ind)
{
	if (is_percent(ind))
		return w->percent;
	return ind->kind == IND_COUNT ? w->count : w->ratio;
}

/* Cells */

static void put_text(wb *w, lxw_row_t row, size_t col, const char *s, lxw_format *f)
{
	if (!s || !*s)
		return;
	wb_check(w, worksheet_write_string(w->ws, row, (lxw_col_t)col, s, f));
	wb_need(w, col, (double)text_width(s) + 1.0);
}

/* A note that may run over the empty cells to its right: no width needed. */
static void put_note(wb *w, lxw_row_t row, const char *s, lxw_format *f)
{
	if (s && *s)
		wb_check(w, worksheet_write_string(w->ws, row, 0, s, f));
}

static void put_number(wb *w, lxw_row_t row, size_t col, double v, lxw_format *f)
{
	char tmp[64];
	if (isnan(v))
		return;
	wb_check(w, worksheet_write_number(w->ws, row, (lxw_col_t)col, v, f));
	snprintf(tmp, sizeof tmp, "%.2f", fabs(v) * (f == w->percent ? 100.0 : 1.0));
	/* digits, separators and a percent sign */
	wb_need(w, col, (double)strlen(tmp) * 1.35 + 2.0);
}

static void put_date(wb *w, lxw_row_t row, size_t col, int days)
{
	lxw_datetime dt;
	if (days == NO_DATE)
		return;
	memset(&dt, 0, sizeof dt);
	date_to_ymd(days, &dt.year, &dt.month, &dt.day);
	wb_check(w, worksheet_write_datetime(w->ws, row, (lxw_col_t)col, &dt, w->date));
	wb_need(w, col, 12.0);
}

static void put_header(wb *w, size_t col, const char *s)
{
	size_t len = text_width(s), word = longest_word(s);
	wb_check(w, worksheet_write_string(w->ws, ROW_HEADER, (lxw_col_t)col, s, w->header));
	if (col < w->ncols)
		w->header_len[col] = len;
	wb_need(w, col, fmin((double)len, WIDTH_HEADER_MAX) + 2.0);
	wb_need(w, col, (double)word + 2.0);
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
	w->ncols = ncols;
	w->widths = xcalloc(ncols ? ncols : 1, sizeof *w->widths);
	w->header_len = xcalloc(ncols ? ncols : 1, sizeof *w->header_len);
	return 0;
}

/* Column widths, the header row's height, freezing, filtering and printing. */
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
		wb_check(w, worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL));
		need = (size_t)ceil((double)w->header_len[c] / (width - 1.0));
		if (need > lines)
			lines = need;
	}
	if (lines > 4)
		lines = 4;
	wb_check(w, worksheet_set_row(w->ws, ROW_TITLE, 21.0, NULL));
	wb_check(w, worksheet_set_row(w->ws, ROW_HEADER, 15.0 * (double)lines + 2.0, NULL));
	worksheet_freeze_panes(w->ws, ROW_FIRST, freeze_col);
	wb_check(w, worksheet_autofilter(w->ws, ROW_HEADER, 0,
	                                 last_row < ROW_FIRST ? ROW_HEADER : last_row, last_col));
	worksheet_set_landscape(w->ws);
	worksheet_set_paper(w->ws, PAPER_A4);
	worksheet_fit_to_pages(w->ws, 1, 0);
	wb_check(w, worksheet_repeat_rows(w->ws, ROW_HEADER, ROW_HEADER));
	wb_check(w, worksheet_set_footer(w->ws, "&C&P / &N"));
	free(w->widths);
	free(w->header_len);
	w->widths = NULL;
	w->header_len = NULL;
	w->ncols = 0;
}

/* The line under the title that says which records the sheet comes from. */
static void put_source(wb *w)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s: %s", tr(w->l, "records_folder"),
	           *w->n->path ? w->n->path : tr(w->l, "all_records"));
	put_note(w, ROW_SOURCE, buf_cstr(&b), w->note);
	buf_release(&b);
}

/* Colour cells that meet (green) or miss (red) target t. A blank cell is
 * not reported, so it is neither. */
static void add_target_colours(wb *w, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                               const indicator *ind, double t)
{
	char cell[LXW_MAX_CELL_NAME_LENGTH];
	const char *good = ind->higher_is_better ? ">=" : "<=";
	const char *bad = ind->higher_is_better ? "<" : ">";
	const char *ops[2];
	lxw_format *fmts[2];
	int i;
	ops[0] = good;
	ops[1] = bad;
	fmts[0] = w->met;
	fmts[1] = w->missed;
	lxw_rowcol_to_cell(cell, r1, c1);
	for (i = 0; i < 2; i++) {
		lxw_conditional_format cf;
		buf f = BUF_INIT;
		buf_printf(&f, "=AND(ISNUMBER(%s),%s%s", cell, cell, ops[i]);
		put_formula_number(&f, stored_value(ind, t));
		buf_putc(&f, ')');
		memset(&cf, 0, sizeof cf);
		cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
		cf.value_string = f.data;
		cf.format = fmts[i];
		wb_check(w, worksheet_conditional_format_range(w->ws, r1, c1, r2, c2, &cf));
		buf_release(&f);
	}
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
	lxw_format *f = value_format(w, ind);
	double t;
	size_t q;
	put_text(w, row, SUM_LABEL, ind->label, w->text);
	put_text(w, row, SUM_ID, ind->id, w->text);
	put_text(w, row, SUM_UNIT, ind->unit, w->text);
	if (w->year && rules_target(ind, w->year, &t))
		put_number(w, row, SUM_TARGET, stored_value(ind, t), f);
	for (q = 0; q < res->nquarters; q++) {
		const ind_value *v = results_value(res, w->n, q, i);
		put_number(w, row, SUM_QUARTERS + q, stored_value(ind, v->value), f);
	}
	summary_colours(w, row, ind);
}

static void write_summary(wb *w, const char *title, const char *organisation)
{
	size_t i, nind = w->nnode_inds;
	lxw_row_t last = (lxw_row_t)(ROW_FIRST + nind) - 1;
	if (sheet_begin(w, tr(w->l, "sheet_summary"), SUM_QUARTERS + w->res->nquarters))
		return;
	put_note(w, ROW_TITLE, title, w->title);
	put_source(w);
	put_note(w, ROW_NOTE, organisation, w->note);
	summary_headers(w);
	for (i = 0; i < nind; i++)
		summary_row(w, (lxw_row_t)(ROW_FIRST + i), w->node_inds[i]);
	sheet_end(w, last, 1);
}

/* The posts sheet */

/* Fixed columns of the posts sheet; the first ones exist only when the
 * workbook covers several of them (a province lists its districts). */
typedef struct post_columns {
	int province, district; /* column, or -1 */
	size_t puskesmas, name, code, trade, status, formed, level, score, indicators, last_report;
	size_t count;
} post_columns;

static post_columns post_layout(const wb *w)
{
	post_columns pc;
	size_t c = 0;
	pc.province = w->n->kind == NODE_ROOT ? (int)c++ : -1;
	pc.district = w->n->kind == NODE_ROOT || w->n->kind == NODE_PROVINSI ? (int)c++ : -1;
	pc.puskesmas = c++;
	pc.name = c++;
	pc.code = c++;
	pc.trade = c++;
	pc.status = c++;
	pc.formed = c++;
	pc.level = c++;
	pc.score = c++;
	pc.indicators = c;
	c += w->npost_inds;
	pc.last_report = c++;
	pc.count = c;
	return pc;
}

static void posts_headers(wb *w, const post_columns *pc)
{
	buf b = BUF_INIT;
	size_t i;
	if (pc->province >= 0)
		put_header(w, (size_t)pc->province, tr(w->l, "kind_provinsi"));
	if (pc->district >= 0)
		put_header(w, (size_t)pc->district, tr(w->l, "district"));
	put_header(w, pc->puskesmas, tr(w->l, "kind_puskesmas"));
	put_header(w, pc->name, tr(w->l, "post"));
	put_header(w, pc->code, tr(w->l, "code"));
	put_header(w, pc->trade, tr(w->l, "trade"));
	put_header(w, pc->status, tr(w->l, "status"));
	put_header(w, pc->formed, tr(w->l, "formed"));
	put_header(w, pc->level, tr(w->l, "level"));
	put_header(w, pc->score, tr(w->l, "score"));
	for (i = 0; i < w->npost_inds; i++) {
		const indicator *ind = &w->r->indicators[w->post_inds[i]];
		buf_reset(&b);
		buf_puts(&b, ind->label);
		if (ind->unit && *ind->unit)
			buf_printf(&b, " (%s)", ind->unit);
		put_header(w, pc->indicators + i, buf_cstr(&b));
	}
	put_header(w, pc->last_report, tr(w->l, "last_report"));
	buf_release(&b);
}

static const node *ancestor_of_kind(const node *p, node_kind a, node_kind b)
{
	for (; p; p = p->parent)
		if (p->kind == a || p->kind == b)
			return p;
	return NULL;
}

/* The post's status in the reader's language ("bubar" -> "dissolved"). */
static void put_status(wb *w, lxw_row_t row, size_t col, const char *status)
{
	buf key = BUF_INIT;
	const char *text;
	if (!status || !*status)
		return;
	buf_printf(&key, "status_%s", status);
	text = tr(w->l, buf_cstr(&key));
	put_text(w, row, col, strcmp(text, buf_cstr(&key)) == 0 ? status : text, w->text);
	buf_release(&key);
}

/* Received date of the latest report up to the published quarter. */
static int last_report_date(const node *post, int last_quarter)
{
	int best_end = -1, date = NO_DATE;
	size_t i;
	for (i = 0; i < post->nreports; i++) {
		const report *rep = &post->reports[i];
		int end = rep->quarterly ? rep->period * 3 + 2 : rep->period;
		if (end / 3 > last_quarter || end < best_end)
			continue;
		best_end = end;
		date = rep->received;
	}
	return date;
}

static void put_level(wb *w, lxw_row_t row, const post_columns *pc, const node *post)
{
	const assessment *a = results_assessment(w->res, post);
	const vocab *v;
	if (!a || !a->valid)
		return;
	v = a->level ? rules_find_vocab(w->r->levels, w->r->nlevels, a->level) : NULL;
	put_text(w, row, pc->level, v && v->label ? v->label : a->level, w->text);
	put_number(w, row, pc->score, a->score, w->score);
}

static void posts_row(wb *w, lxw_row_t row, const post_columns *pc, const node *post)
{
	const results *res = w->res;
	const node *pk = ancestor_of_kind(post, NODE_PUSKESMAS, NODE_PUSKESMAS);
	size_t i;
	if (pc->province >= 0) {
		const node *p = ancestor_of_kind(post, NODE_PROVINSI, NODE_PROVINSI);
		put_text(w, row, (size_t)pc->province, p ? p->name : NULL, w->text);
	}
	if (pc->district >= 0) {
		const node *d = ancestor_of_kind(post, NODE_KABUPATEN, NODE_KOTA);
		put_text(w, row, (size_t)pc->district, d ? d->name : NULL, w->text);
	}
	put_text(w, row, pc->puskesmas, pk ? pk->name : NULL, w->text);
	put_text(w, row, pc->name, post->name, w->text);
	put_text(w, row, pc->code, post->code, w->text);
	put_text(w, row, pc->trade, post->trade, w->text);
	put_status(w, row, pc->status, post->status);
	put_date(w, row, pc->formed, post->formed);
	put_level(w, row, pc, post);
	for (i = 0; res->nquarters && i < w->npost_inds; i++) {
		const indicator *ind = &w->r->indicators[w->post_inds[i]];
		const ind_value *v = results_value(res, post, res->nquarters - 1, w->post_inds[i]);
		put_number(w, row, pc->indicators + i, stored_value(ind, v->value),
		           value_format(w, ind));
	}
	put_date(w, row, pc->last_report, last_report_date(post, res->last_quarter));
}

/* Every post below at, in the records' order. */
static void posts_rows(wb *w, const post_columns *pc, const node *at, lxw_row_t *row)
{
	size_t i;
	for (i = 0; i < at->nchildren; i++) {
		const node *c = at->children[i];
		if (c->kind == NODE_POS)
			posts_row(w, (*row)++, pc, c);
		else
			posts_rows(w, pc, c, row);
	}
}

static void posts_colours(wb *w, const post_columns *pc, lxw_row_t last)
{
	size_t i;
	double t;
	if (last < ROW_FIRST)
		return;
	for (i = 0; i < w->npost_inds; i++) {
		const indicator *ind = &w->r->indicators[w->post_inds[i]];
		lxw_col_t col = (lxw_col_t)(pc->indicators + i);
		if (w->year && rules_target(ind, w->year, &t))
			add_target_colours(w, ROW_FIRST, col, last, col, ind, t);
	}
}

static void write_posts(wb *w, const char *place, const char *quarter)
{
	post_columns pc = post_layout(w);
	lxw_row_t row = ROW_FIRST;
	buf b = BUF_INIT;
	if (sheet_begin(w, tr(w->l, "sheet_posts"), pc.count))
		return;
	buf_printf(&b, "%s — %s", tr(w->l, "posts"), place);
	put_note(w, ROW_TITLE, buf_cstr(&b), w->title);
	put_source(w);
	buf_reset(&b);
	buf_printf(&b, "%s: %s", tr(w->l, "values_for"), quarter);
	put_note(w, ROW_NOTE, buf_cstr(&b), w->note);
	posts_headers(w, &pc);
	posts_rows(w, &pc, w->n, &row);
	posts_colours(w, &pc, row - 1);
	/* keep puskesmas and post names in view, unless wider columns come first */
	sheet_end(w, row - 1, (lxw_col_t)(pc.name < 2 ? pc.name + 1 : 0));
	buf_release(&b);
}

/* Data quality: missing and late reports and validation violations of the
 * published quarter, each with the record file to open. */

enum { QC_POST, QC_PERIOD, QC_PROBLEM, QC_DETAIL, QC_FILE, QC_COUNT };

static void quality_row(wb *w, lxw_row_t row, const node *post, const char *period,
                        const char *problem, const char *detail, const char *file)
{
	put_text(w, row, QC_POST, post->name, w->text);
	put_text(w, row, QC_PERIOD, period, w->text);
	put_text(w, row, QC_PROBLEM, problem, w->text);
	put_text(w, row, QC_DETAIL, detail, w->text);
	put_text(w, row, QC_FILE, file, w->text);
}

static void quality_reports(wb *w, const node *at, const char *period, lxw_row_t *row)
{
	size_t i;
	if (at->kind != NODE_POS) {
		for (i = 0; i < at->nchildren; i++)
			quality_reports(w, at->children[i], period, row);
		return;
	}
	{
		const double *q = results_post_quantities(w->res, at, w->res->nquarters - 1);
		double missing = q[Q_LAPORAN_DIHARAPKAN] - q[Q_LAPORAN_DITERIMA];
		double late = q[Q_LAPORAN_DITERIMA] - q[Q_LAPORAN_TEPAT_WAKTU];
		buf file = BUF_INIT, detail = BUF_INIT;
		buf_printf(&file, "records/%s/laporan.csv", at->path);
		if (missing > 0) {
			buf_printf(&detail, "%.0f", missing);
			quality_row(w, (*row)++, at, period, tr(w->l, "reports_missing"),
			            buf_cstr(&detail), buf_cstr(&file));
			buf_reset(&detail);
		}
		if (late > 0) {
			buf_printf(&detail, "%.0f", late);
			quality_row(w, (*row)++, at, period, tr(w->l, "reports_late"), buf_cstr(&detail),
			            buf_cstr(&file));
		}
		buf_release(&file);
		buf_release(&detail);
	}
}

static void quality_violations(wb *w, lxw_row_t *row)
{
	size_t i;
	for (i = 0; i < w->res->nviolations; i++) {
		const violation *v = &w->res->violations[i];
		buf period = BUF_INIT, detail = BUF_INIT, file = BUF_INIT;
		if (!violation_in_quarter(w->res, v, w->res->nquarters - 1) || !node_is_below(v->post, w->n))
			continue;
		if (v->monthly)
			fmt_month(&period, w->l, v->period);
		else
			fmt_quarter(&period, w->l, v->period, 1);
		format_violation(&detail, w->r, v, w->l == LANG_EN);
		buf_printf(&file, "records/%s/laporan.csv", v->post->path);
		if (v->line)
			buf_printf(&file, ":%u", v->line);
		quality_row(w, (*row)++, v->post, buf_cstr(&period), tr(w->l, "violations"),
		            buf_cstr(&detail), buf_cstr(&file));
		buf_release(&period);
		buf_release(&detail);
		buf_release(&file);
	}
}

static void write_quality(wb *w, const char *place, const char *quarter)
{
	lxw_row_t row = ROW_FIRST;
	buf b = BUF_INIT;
	if (!w->res->nquarters || sheet_begin(w, tr(w->l, "data_quality"), QC_COUNT))
		return;
	buf_printf(&b, "%s — %s", tr(w->l, "data_quality"), place);
	put_note(w, ROW_TITLE, buf_cstr(&b), w->title);
	put_source(w);
	buf_reset(&b);
	buf_printf(&b, "%s: %s", tr(w->l, "values_for"), quarter);
	put_note(w, ROW_NOTE, buf_cstr(&b), w->note);
	put_header(w, QC_POST, tr(w->l, "post"));
	put_header(w, QC_PERIOD, tr(w->l, "period"));
	put_header(w, QC_PROBLEM, tr(w->l, "problem"));
	put_header(w, QC_DETAIL, tr(w->l, "detail"));
	put_header(w, QC_FILE, tr(w->l, "records_file"));
	quality_reports(w, w->n, quarter, &row);
	quality_violations(w, &row);
	sheet_end(w, row - 1, 1);
	buf_release(&b);
}

/* Definitions of the indicators, from the Lua rules. */

enum { DC_ID, DC_LABEL, DC_MEANING, DC_NUM, DC_DEN, DC_FACTOR, DC_UNIT, DC_TARGET, DC_RULE,
       DC_COUNT };

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
	put_header(w, DC_TARGET, tr(w->l, "target"));
	put_header(w, DC_RULE, tr(w->l, "rule"));
	for (i = 0; i < w->r->nindicators; i++, row++) {
		const indicator *ind = &w->r->indicators[i];
		buf target = BUF_INIT, rule = BUF_INIT;
		for (t = 0; t < ind->ntargets; t++) {
			if (t)
				buf_puts(&target, "; ");
			if (ind->targets[t].year)
				buf_printf(&target, "%d: ", ind->targets[t].year);
			buf_printf(&target, "%g", ind->targets[t].value);
		}
		rules_display_file(w->r, ind->file, &rule);
		buf_printf(&rule, ":%d", ind->line);
		put_text(w, row, DC_ID, ind->id, w->text);
		put_text(w, row, DC_LABEL, ind->label, w->text);
		put_text(w, row, DC_MEANING, ind->definition, w->text);
		put_text(w, row, DC_NUM,
		         ind->kind == IND_FUNCTION ? tr(w->l, "formula_numerator") : ind->num_text,
		         w->text);
		put_text(w, row, DC_DEN,
		         ind->kind == IND_FUNCTION ? tr(w->l, "formula_denominator")
		                                   : ind->den_text ? ind->den_text : "",
		         w->text);
		put_number(w, row, DC_FACTOR, ind->factor, w->count);
		put_text(w, row, DC_UNIT, ind->unit, w->text);
		put_text(w, row, DC_TARGET, buf_cstr(&target), w->text);
		put_text(w, row, DC_RULE, buf_cstr(&rule), w->text);
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
	w->title = new_format(w, NULL);
	w->note = new_format(w, NULL);
	w->header = new_format(w, NULL);
	w->text = new_format(w, NULL);
	w->percent = new_format(w, "0.00%");
	w->ratio = new_format(w, "#,##0.00");
	w->count = new_format(w, "#,##0");
	w->date = new_format(w, "dd/mm/yyyy");
	w->score = new_format(w, "0.0");
	/* Excel's own "good" and "bad" cell styles */
	w->met = fill_format(w, 0xC6EFCE, 0x006100);
	w->missed = fill_format(w, 0xFFC7CE, 0x9C0006);
	if (w->err != LXW_NO_ERROR)
		return -1;
	format_set_bold(w->title);
	format_set_font_size(w->title, 14);
	format_set_font_color(w->note, 0x595959);
	format_set_bold(w->header);
	format_set_text_wrap(w->header);
	format_set_pattern(w->header, LXW_PATTERN_SOLID);
	format_set_bg_color(w->header, 0xDDEBF7);
	format_set_bottom(w->header, LXW_BORDER_THIN);
	format_set_text_wrap(w->text);
	return 0;
}

static void set_properties(wb *w, const char *title, const char *organisation,
                           long long created, const char *period)
{
	lxw_doc_properties p;
	memset(&p, 0, sizeof p);
	p.title = (char *)title;
	p.subject = (char *)tr(w->l, "by_quarter");
	p.author = (char *)"rekap";
	p.company = (char *)(organisation && *organisation ? organisation : NULL);
	p.keywords = (char *)"Pos UKK";
	p.comments = (char *)tr(w->l, "generated_by");
	/* libxlsxwriter takes 0 to mean "now"; keep the epoch reproducible */
	p.created = created == 0 ? (time_t)1 : (time_t)created;
	wb_check(w, workbook_set_properties(w->book, &p));
	/* Machine-readable: which records folder and quarter the workbook shows
	 * (read by tests/check_workbooks.py). Excel caps these at 255 characters. */
	if (text_width(w->n->path) <= 255)
		wb_check(w, workbook_set_custom_property_string(w->book, "rekap_path", w->n->path));
	wb_check(w, workbook_set_custom_property_string(w->book, "rekap_period", period));
}

/* Indices of the indicators that apply to nodes of a kind. */
static size_t *applying_indicators(const rules *r, node_kind kind, size_t *n)
{
	size_t *out = xmalloc((r->nindicators ? r->nindicators : 1) * sizeof *out), i;
	*n = 0;
	for (i = 0; i < r->nindicators; i++)
		if (indicator_applies(&r->indicators[i], (int)kind))
			out[(*n)++] = i;
	return out;
}

int workbook_write(const char *path, const node *n, const results *res, lang l,
                   const char *organisation, long long created, diag_list *diags)
{
	wb w;
	buf place = BUF_INIT, quarter = BUF_INIT, title = BUF_INIT, period = BUF_INIT;
	lxw_error closed;
	memset(&w, 0, sizeof w);
	w.n = n;
	w.res = res;
	w.r = res->rules;
	w.l = l;
	w.book = workbook_new(path);
	if (!w.book) {
		diag_error(diags, path, 0, 0,
		           DIAG_TR(diags, "gagal menulis buku kerja: %s", "could not write the workbook: %s"),
		           lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
		return -1;
	}
	node_title(&place, n, l);
	if (res->nquarters && res->last_quarter >= 0) {
		w.year = res->last_quarter / 4;
		fmt_quarter(&quarter, l, res->last_quarter, 0);
		fmt_quarter_id(&period, res->last_quarter);
		buf_printf(&title, "%s — %s", buf_cstr(&place), buf_cstr(&quarter));
	} else {
		buf_puts(&quarter, tr(l, "no_data"));
		buf_puts(&title, buf_cstr(&place));
	}
	w.node_inds = applying_indicators(w.r, n->kind, &w.nnode_inds);
	w.post_inds = applying_indicators(w.r, NODE_POS, &w.npost_inds);
	if (make_formats(&w) == 0) {
		set_properties(&w, buf_cstr(&title), organisation, created, buf_cstr(&period));
		write_summary(&w, buf_cstr(&title), organisation);
		write_posts(&w, buf_cstr(&place), buf_cstr(&quarter));
		write_quality(&w, buf_cstr(&place), buf_cstr(&quarter));
		write_definitions(&w);
	}
	/* close even after a failure: it frees the workbook */
	closed = workbook_close(w.book);
	wb_check(&w, closed);
	buf_release(&place);
	buf_release(&quarter);
	buf_release(&title);
	buf_release(&period);
	free(w.node_inds);
	free(w.post_inds);
	if (w.err != LXW_NO_ERROR) {
		if (closed == LXW_NO_ERROR)
			remove(path);
		diag_error(diags, path, 0, 0,
		           DIAG_TR(diags, "gagal menulis buku kerja: %s", "could not write the workbook: %s"),
		           lxw_strerror(w.err));
		return -1;
	}
	return 0;
}
