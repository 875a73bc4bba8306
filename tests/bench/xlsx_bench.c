/* xlsx_bench.c - times every workbook rekap writes against bare libxlsxwriter programs writing the same workbook, and its cells only. */
/*
 * Usage: xlsx_bench --records DIR --rules DIR [--out DIR] [--period YYYY-Qn]
 *                   [--repeat N] [--limit N] [--tsv FILE] [--keep DIR] [--check]
 *
 * For every node that has a workbook (the root, provinces, districts and
 * puskesmas), in pre-order:
 *   1. wbk_write runs once untimed while every libxlsxwriter call that
 *      generator/workbook.c makes is recorded: the calls are wrapped at link
 *      time (-Wl,--wrap=..., see CMakeLists.txt), and each wrapper appends
 *      one operation to a log, with its strings copied, the structures it
 *      passes by pointer (conditional formats, chart options, document
 *      properties, dates) copied, and rekap's sheets, formats, charts,
 *      series and axes named by their order of creation;
 *   2. wbk_write runs again, timed, with recording off;
 *   3. "cells only" (called "same cells" before), timed: a new workbook
 *      with the same (default) options,
 *      the same sheets in the same order, every recorded cell in the
 *      recorded order with a format that carries the same number format (one
 *      format per distinct number format, no format when the cell's has
 *      none), and nothing else: no chart, column widths, other format
 *      properties, conditional formats, filters, print setup or document
 *      properties;
 *   4. "same workbook", timed: the whole log replayed from its in-memory
 *      array with plain libxlsxwriter calls, so the very calls rekap makes,
 *      with the same arguments, in the same order, and nothing of rekap's
 *      own code: the same sheets with the same print setup, conditional
 *      formats and charts. Its package is rekap's, byte for byte (--check).
 *      rekap / this is the headline ratio; rekap / cells only adds what the
 *      features cost, which "features:" prints on its own.
 * The sides write OUT/rekap.xlsx, OUT/bare.xlsx and OUT/same.xlsx
 * (libxlsxwriter's temporary files go to $TMPDIR; keep both on tmpfs).
 * With --repeat N, steps 2 to 4 alternate N times and the smallest time of
 * each side counts.
 *
 * Times are CPU time of the process (CLOCK_PROCESS_CPUTIME_ID; the program
 * is single-threaded) and wall time (CLOCK_MONOTONIC). The ratios printed
 * are of CPU time, which another busy process on the machine does not
 * inflate; the wall ratio of the totals is printed too. Each side's time is
 * also split at workbook_close (wrapped too, on every side): "close" is
 * libxlsxwriter assembling and compressing the package, where the parts the
 * same-cells side lacks (charts, drawings, styles of every format, filters,
 * print setup) cost; "fill" is the rest, rekap's own code included.
 *
 * --check keeps the workbooks of the first node of each kind in OUT/check/,
 * runs tests/bench/xlsx_same_cells.py (/usr/bin/python3 with openpyxl) on
 * rekap's and the same-cells one (every cell's value, formula, cached result
 * and number format must be the same) and compares rekap's and the
 * same-workbook one byte for byte. --limit N times only the first N nodes of
 * each kind. --tsv FILE writes one line per workbook. --keep DIR keeps
 * rekap's workbook of every node (from step 1) as DIR/<node path>/<file
 * name>, as rekap build names them, to compare two versions of workbook.c
 * byte for byte.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "build.h"
#include "compute.h"
#include "diag.h"
#include "locale.h"
#include "records.h"
#include "rules.h"
#include "util.h"
#include "workbook.h"

#ifndef XLSX_SAME_CELLS
#define XLSX_SAME_CELLS "tests/bench/xlsx_same_cells.py"
#endif

/* The libxlsxwriter functions workbook.c calls; the linker sends its calls
 * to the __wrap_ functions below, and __real_ reaches libxlsxwriter. The
 * list must match the --wrap options in CMakeLists.txt. */
#define WRAPPED(ret, name, params) \
	ret __real_##name params;  \
	ret __wrap_##name params;

WRAPPED(lxw_workbook *, workbook_new, (const char *filename))
WRAPPED(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook *wb, const char *name))
WRAPPED(lxw_format *, workbook_add_format, (lxw_workbook *wb))
WRAPPED(lxw_chart *, workbook_add_chart, (lxw_workbook *wb, uint8_t type))
WRAPPED(lxw_error, workbook_set_properties, (lxw_workbook *wb, lxw_doc_properties *p))
WRAPPED(lxw_error, workbook_set_custom_property_string,
        (lxw_workbook *wb, const char *name, const char *text))
WRAPPED(lxw_error, workbook_close, (lxw_workbook *wb))
WRAPPED(void, format_set_align, (lxw_format *f, uint8_t alignment))
WRAPPED(void, format_set_bg_color, (lxw_format *f, lxw_color_t color))
WRAPPED(void, format_set_bold, (lxw_format *f))
WRAPPED(void, format_set_bottom, (lxw_format *f, uint8_t style))
WRAPPED(void, format_set_border, (lxw_format *f, uint8_t style))
WRAPPED(void, format_set_font_color, (lxw_format *f, lxw_color_t color))
WRAPPED(void, format_set_font_size, (lxw_format *f, double size))
WRAPPED(void, format_set_italic, (lxw_format *f))
WRAPPED(void, format_set_num_format, (lxw_format *f, const char *num_format))
WRAPPED(void, format_set_pattern, (lxw_format *f, uint8_t index))
WRAPPED(void, format_set_text_wrap, (lxw_format *f))
WRAPPED(void, format_set_top, (lxw_format *f, uint8_t style))
WRAPPED(lxw_error, worksheet_write_number,
        (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double number, lxw_format *f))
WRAPPED(lxw_error, worksheet_write_string,
        (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *string, lxw_format *f))
WRAPPED(lxw_error, worksheet_write_formula_num,
        (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *formula, lxw_format *f,
         double result))
WRAPPED(lxw_error, worksheet_write_formula_str,
        (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *formula, lxw_format *f,
         const char *result))
WRAPPED(lxw_error, worksheet_write_datetime,
        (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_datetime *dt, lxw_format *f))
WRAPPED(lxw_error, worksheet_set_column,
        (lxw_worksheet *ws, lxw_col_t first, lxw_col_t last, double width, lxw_format *f))
WRAPPED(lxw_error, worksheet_set_row,
        (lxw_worksheet *ws, lxw_row_t row, double height, lxw_format *f))
WRAPPED(void, worksheet_freeze_panes, (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col))
WRAPPED(lxw_error, worksheet_autofilter,
        (lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2))
WRAPPED(lxw_error, worksheet_conditional_format_range,
        (lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
         lxw_conditional_format *cf))
WRAPPED(lxw_error, worksheet_insert_chart_opt,
        (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_chart *chart,
         lxw_chart_options *opt))
WRAPPED(void, worksheet_set_landscape, (lxw_worksheet *ws))
WRAPPED(void, worksheet_set_paper, (lxw_worksheet *ws, uint8_t paper))
WRAPPED(void, worksheet_fit_to_pages, (lxw_worksheet *ws, uint16_t width, uint16_t height))
WRAPPED(lxw_error, worksheet_repeat_rows, (lxw_worksheet *ws, lxw_row_t first, lxw_row_t last))
WRAPPED(lxw_error, worksheet_set_header, (lxw_worksheet *ws, const char *header))
WRAPPED(lxw_error, worksheet_repeat_columns, (lxw_worksheet *ws, lxw_col_t first, lxw_col_t last))
WRAPPED(lxw_error, worksheet_print_area,
        (lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2))
WRAPPED(void, worksheet_set_print_scale, (lxw_worksheet *ws, uint16_t scale))
WRAPPED(lxw_error, worksheet_set_footer, (lxw_worksheet *ws, const char *footer))
WRAPPED(lxw_error, worksheet_merge_range,
        (lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
         const char *string, lxw_format *f))
WRAPPED(void, worksheet_set_margins,
        (lxw_worksheet *ws, double left, double right, double top, double bottom))
WRAPPED(void, worksheet_set_portrait, (lxw_worksheet *ws))
WRAPPED(lxw_chart_series *, chart_add_series,
        (lxw_chart *chart, const char *categories, const char *values))
WRAPPED(void, chart_series_set_categories,
        (lxw_chart_series *s, const char *sheet, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
         lxw_col_t c2))
WRAPPED(void, chart_series_set_values,
        (lxw_chart_series *s, const char *sheet, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
         lxw_col_t c2))
WRAPPED(void, chart_series_set_name_range,
        (lxw_chart_series *s, const char *sheet, lxw_row_t row, lxw_col_t col))
WRAPPED(void, chart_series_set_marker_type, (lxw_chart_series *s, uint8_t type))
WRAPPED(void, chart_series_set_marker_size, (lxw_chart_series *s, uint8_t size))
WRAPPED(void, chart_series_set_marker_fill, (lxw_chart_series *s, lxw_chart_fill *fill))
WRAPPED(void, chart_series_set_line, (lxw_chart_series *s, lxw_chart_line *line))
WRAPPED(void, chart_title_set_name, (lxw_chart *chart, const char *name))
WRAPPED(void, chart_axis_set_num_format, (lxw_chart_axis *axis, const char *num_format))
WRAPPED(void, chart_axis_set_min, (lxw_chart_axis *axis, double min))
WRAPPED(void, chart_legend_set_position, (lxw_chart *chart, uint8_t position))

/* Timing */

typedef struct stamp {
	double cpu, wall;
} stamp;

static double clock_s(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static stamp now(void)
{
	stamp s;
	s.cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID);
	s.wall = clock_s(CLOCK_MONOTONIC);
	return s;
}

static stamp since(stamp a)
{
	stamp b = now();
	b.cpu -= a.cpu;
	b.wall -= a.wall;
	return b;
}

/* Time spent in the last workbook_close, where libxlsxwriter assembles and
 * compresses every part of the package (every side calls it through
 * __wrap_workbook_close). The rest of a workbook's time is "fill": rekap's
 * own code and the libxlsxwriter calls that store cells and settings. */
static stamp close_time;

/* The recording of one workbook: a log of operations */

/* One per wrapped function; each group is replayed by one function. */
typedef enum {
	/* the workbook */
	OP_NEW,
	OP_ADD_SHEET,
	OP_ADD_FORMAT,
	OP_ADD_CHART,
	OP_PROPERTIES,
	OP_CUSTOM_STRING,
	/* formats */
	OP_ALIGN,
	OP_BG_COLOR,
	OP_BOLD,
	OP_BOTTOM,
	OP_BORDER,
	OP_FONT_COLOR,
	OP_FONT_SIZE,
	OP_ITALIC,
	OP_NUM_FORMAT,
	OP_PATTERN,
	OP_TEXT_WRAP,
	OP_TOP,
	/* cells */
	OP_NUMBER,
	OP_STRING,
	OP_FORMULA_NUM,
	OP_FORMULA_STR,
	OP_DATETIME,
	/* sheet settings */
	OP_SET_COLUMN,
	OP_SET_ROW,
	OP_FREEZE_PANES,
	OP_AUTOFILTER,
	OP_CONDITIONAL_FORMAT,
	OP_INSERT_CHART,
	OP_LANDSCAPE,
	OP_PAPER,
	OP_FIT_TO_PAGES,
	OP_REPEAT_ROWS,
	OP_HEADER,
	OP_REPEAT_COLUMNS,
	OP_PRINT_AREA,
	OP_PRINT_SCALE,
	OP_FOOTER,
	OP_MERGE_RANGE, /* a cell too: its string in the first cell */
	OP_MARGINS,
	OP_PORTRAIT,
	/* charts */
	OP_ADD_SERIES,
	OP_SERIES_CATEGORIES,
	OP_SERIES_VALUES,
	OP_SERIES_NAME_RANGE,
	OP_SERIES_MARKER,
	OP_SERIES_MARKER_SIZE,
	OP_SERIES_MARKER_FILL,
	OP_SERIES_LINE,
	OP_TITLE_NAME,
	OP_AXIS_NUM_FORMAT,
	OP_AXIS_MIN,
	OP_LEGEND_POSITION
} op_code;

#define NONE UINT32_MAX /* a NULL string or structure */

/* One call, 40 bytes. Objects are numbered in order of creation: sheets,
 * formats, charts and series each from 0, and axis 2 * chart + 1 is the
 * chart's y axis, 2 * chart its x axis. */
typedef struct op {
	unsigned char code;
	unsigned char small; /* a uint8_t argument: alignment, border, pattern, paper, marker
	                        or chart type, legend position */
	lxw_col_t c1, c2; /* columns; width and height of fit_to_pages */
	uint32_t obj; /* the sheet, format, chart, series or axis acted on */
	uint32_t ref; /* a format (its number + 1, 0 for none), a chart, or a colour */
	lxw_row_t r1, r2;
	uint32_t s1, s2; /* offsets into recording.text, or the index of a copied
	                    structure (dates, conditional formats, chart options,
	                    properties); NONE for NULL */
	double num; /* number, cached result, width, height, size, minimum */
} op;

/* The strings of a conditional format, and of document properties. */
enum { CF_TEXTS = 5, PROP_TEXTS = 10 };

typedef struct rec_cf {
	lxw_conditional_format cf; /* with its pointers cleared */
	uint32_t text[CF_TEXTS];
	uint32_t format; /* number + 1, 0 for none */
} rec_cf;

typedef struct rec_chart_opt {
	lxw_chart_options opt; /* description cleared */
	uint32_t description;
} rec_chart_opt;

typedef struct rec_props {
	lxw_doc_properties p; /* strings cleared, created kept */
	uint32_t text[PROP_TEXTS];
} rec_props;

/* rekap's objects of one kind, numbered in order of creation. */
typedef struct objects {
	const void **at;
	size_t n, cap;
	size_t last; /* the one found last: calls come in runs on the same object */
	const char *what;
} objects;

typedef struct recording {
	int on;
	op *ops;
	size_t nops, capops;
	size_t ncells;
	buf text; /* NUL-terminated strings */
	lxw_datetime *dts;
	size_t ndts, capdts;
	rec_cf *cfs;
	size_t ncfs, capcfs;
	rec_chart_opt *chart_opts;
	size_t nchart_opts, capchart_opts;
	rec_props *props;
	size_t nprops, capprops;
	struct rec_margins {
		double left, right, top, bottom;
	} *margins;
	size_t nmargins, capmargins;
	objects sheets, formats, charts, series;
	/* for the same-cells writer: each sheet's name, each format's number
	 * format (index into numfmts, -1 for none), and the distinct number
	 * formats in order of first use (offsets into text) */
	uint32_t *sheet_names;
	size_t capnames;
	int *fmt_numfmt;
	size_t capfmt_numfmt;
	uint32_t *numfmts;
	size_t nnumfmts, capnumfmts;
} recording;

static recording rec = {
	.sheets = {.what = "sheet"},
	.formats = {.what = "format"},
	.charts = {.what = "chart"},
	.series = {.what = "chart series"},
};

static void rec_reset(void)
{
	rec.nops = rec.ncells = rec.ndts = rec.ncfs = rec.nchart_opts = rec.nprops = 0;
	rec.nmargins = 0;
	buf_reset(&rec.text);
	rec.sheets.n = rec.formats.n = rec.charts.n = rec.series.n = 0;
	rec.sheets.last = rec.formats.last = rec.charts.last = rec.series.last = 0;
	rec.nnumfmts = 0;
}

static void rec_free(void)
{
	free(rec.ops);
	buf_release(&rec.text);
	free(rec.dts);
	free(rec.cfs);
	free(rec.chart_opts);
	free(rec.props);
	free(rec.margins);
	free(rec.sheets.at);
	free(rec.formats.at);
	free(rec.charts.at);
	free(rec.series.at);
	free(rec.sheet_names);
	free(rec.fmt_numfmt);
	free(rec.numfmts);
}

static void rec_fail(const char *what)
{
	fprintf(stderr, "xlsx_bench: %s\n", what);
	exit(1);
}

/* A copy of s in the text, NONE for NULL. */
static uint32_t rec_text(const char *s)
{
	size_t at = rec.text.len, len;
	if (!s)
		return NONE;
	len = strlen(s) + 1;
	if (at + len >= NONE)
		rec_fail("more than 4 GB of text in one workbook");
	buf_put(&rec.text, s, len);
	return (uint32_t)at;
}

static const char *text_at(uint32_t off)
{
	return off == NONE ? NULL : rec.text.data + off;
}

static uint32_t obj_add(objects *t, const void *p)
{
	ARRAY_PUSH(t->at, t->n, t->cap, p);
	return (uint32_t)(t->n - 1);
}

static uint32_t obj_find(objects *t, const void *p)
{
	size_t i;
	if (t->last < t->n && t->at[t->last] == p)
		return (uint32_t)t->last;
	for (i = 0; i < t->n; i++)
		if (t->at[i] == p)
			return (uint32_t)(t->last = i);
	fprintf(stderr, "xlsx_bench: a call on a %s that was not recorded\n", t->what);
	exit(1);
}

/* A format argument: its number + 1, 0 for none. */
static uint32_t format_ref(const lxw_format *f)
{
	return f ? obj_find(&rec.formats, f) + 1 : 0;
}

static uint32_t axis_number(const lxw_chart_axis *axis)
{
	size_t i;
	for (i = 0; i < rec.charts.n; i++) {
		const lxw_chart *c = rec.charts.at[i];
		if (c->x_axis == axis)
			return (uint32_t)(2 * i);
		if (c->y_axis == axis)
			return (uint32_t)(2 * i + 1);
	}
	rec_fail("a call on a chart axis that was not recorded");
	return 0;
}

/* Appends an operation on object obj and returns it to be filled in. */
static op *rec_op(op_code code, uint32_t obj)
{
	op o;
	memset(&o, 0, sizeof o);
	o.code = (unsigned char)code;
	o.obj = obj;
	o.s1 = o.s2 = NONE;
	ARRAY_PUSH(rec.ops, rec.nops, rec.capops, o);
	return &rec.ops[rec.nops - 1];
}

static op *rec_sheet_op(op_code code, const lxw_worksheet *ws)
{
	return rec_op(code, obj_find(&rec.sheets, ws));
}

static op *rec_format_op(op_code code, const lxw_format *f)
{
	return rec_op(code, obj_find(&rec.formats, f));
}

static op *rec_range_op(op_code code, const lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1,
                        lxw_row_t r2, lxw_col_t c2)
{
	op *o = rec_sheet_op(code, ws);
	o->r1 = r1;
	o->c1 = c1;
	o->r2 = r2;
	o->c2 = c2;
	return o;
}

static void rec_cell(op_code code, const lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const lxw_format *f, double num, const char *s1, const char *s2)
{
	op *o = rec_range_op(code, ws, row, col, 0, 0);
	o->ref = format_ref(f);
	o->num = num;
	o->s1 = rec_text(s1);
	o->s2 = rec_text(s2);
	rec.ncells++;
}

/* The string fields of a conditional format and of document properties, so
 * that copying and restoring them is one loop. */
static void cf_texts(lxw_conditional_format *cf, char **t[CF_TEXTS])
{
	t[0] = &cf->value_string;
	t[1] = &cf->min_value_string;
	t[2] = &cf->mid_value_string;
	t[3] = &cf->max_value_string;
	t[4] = &cf->multi_range;
}

static void prop_texts(lxw_doc_properties *p, char **t[PROP_TEXTS])
{
	t[0] = &p->title;
	t[1] = &p->subject;
	t[2] = &p->author;
	t[3] = &p->manager;
	t[4] = &p->company;
	t[5] = &p->category;
	t[6] = &p->keywords;
	t[7] = &p->comments;
	t[8] = &p->status;
	t[9] = &p->hyperlink_base;
}

/* Copies *cf, its strings and its format; returns its index, NONE for NULL. */
static uint32_t rec_cf_copy(const lxw_conditional_format *cf)
{
	rec_cf c;
	char **t[CF_TEXTS];
	int i;
	if (!cf)
		return NONE;
	c.cf = *cf;
	cf_texts(&c.cf, t);
	for (i = 0; i < CF_TEXTS; i++) {
		c.text[i] = rec_text(*t[i]);
		*t[i] = NULL;
	}
	c.format = format_ref(cf->format);
	c.cf.format = NULL;
	ARRAY_PUSH(rec.cfs, rec.ncfs, rec.capcfs, c);
	return (uint32_t)(rec.ncfs - 1);
}

static uint32_t rec_chart_opt_copy(const lxw_chart_options *opt)
{
	rec_chart_opt c;
	if (!opt)
		return NONE;
	c.opt = *opt;
	c.description = rec_text(opt->description);
	c.opt.description = NULL;
	ARRAY_PUSH(rec.chart_opts, rec.nchart_opts, rec.capchart_opts, c);
	return (uint32_t)(rec.nchart_opts - 1);
}

static uint32_t rec_props_copy(const lxw_doc_properties *p)
{
	rec_props c;
	char **t[PROP_TEXTS];
	int i;
	if (!p)
		return NONE;
	c.p = *p;
	prop_texts(&c.p, t);
	for (i = 0; i < PROP_TEXTS; i++) {
		c.text[i] = rec_text(*t[i]);
		*t[i] = NULL;
	}
	ARRAY_PUSH(rec.props, rec.nprops, rec.capprops, c);
	return (uint32_t)(rec.nprops - 1);
}

static uint32_t rec_datetime_copy(const lxw_datetime *dt)
{
	if (!dt)
		return NONE;
	ARRAY_PUSH(rec.dts, rec.ndts, rec.capdts, *dt);
	return (uint32_t)(rec.ndts - 1);
}

/* The same-cells writer's number format of format number f. */
static void rec_numfmt(uint32_t f, const char *num_format)
{
	size_t k;
	for (k = 0; k < rec.nnumfmts; k++)
		if (strcmp(text_at(rec.numfmts[k]), num_format) == 0)
			break;
	if (k == rec.nnumfmts) {
		uint32_t off = rec_text(num_format);
		ARRAY_PUSH(rec.numfmts, rec.nnumfmts, rec.capnumfmts, off);
	}
	rec.fmt_numfmt[f] = (int)k;
}

/* The wrappers: record when recording is on, and call libxlsxwriter. */

lxw_workbook *__wrap_workbook_new(const char *filename)
{
	lxw_workbook *wb = __real_workbook_new(filename);
	if (rec.on && wb)
		rec_op(OP_NEW, 0);
	return wb;
}

lxw_worksheet *__wrap_workbook_add_worksheet(lxw_workbook *wb, const char *name)
{
	lxw_worksheet *ws = __real_workbook_add_worksheet(wb, name);
	if (rec.on && ws) {
		size_t n = rec.sheets.n;
		uint32_t off = rec_text(name);
		rec_op(OP_ADD_SHEET, obj_add(&rec.sheets, ws))->s1 = off;
		ARRAY_PUSH(rec.sheet_names, n, rec.capnames, off);
	}
	return ws;
}

lxw_format *__wrap_workbook_add_format(lxw_workbook *wb)
{
	lxw_format *f = __real_workbook_add_format(wb);
	if (rec.on && f) {
		size_t n = rec.formats.n;
		rec_op(OP_ADD_FORMAT, obj_add(&rec.formats, f));
		ARRAY_PUSH(rec.fmt_numfmt, n, rec.capfmt_numfmt, -1);
	}
	return f;
}

lxw_chart *__wrap_workbook_add_chart(lxw_workbook *wb, uint8_t type)
{
	lxw_chart *c = __real_workbook_add_chart(wb, type);
	if (rec.on && c)
		rec_op(OP_ADD_CHART, obj_add(&rec.charts, c))->small = type;
	return c;
}

lxw_error __wrap_workbook_set_properties(lxw_workbook *wb, lxw_doc_properties *p)
{
	if (rec.on)
		rec_op(OP_PROPERTIES, 0)->s1 = rec_props_copy(p);
	return __real_workbook_set_properties(wb, p);
}

lxw_error __wrap_workbook_set_custom_property_string(lxw_workbook *wb, const char *name,
                                                     const char *text)
{
	if (rec.on) {
		op *o = rec_op(OP_CUSTOM_STRING, 0);
		o->s1 = rec_text(name);
		o->s2 = rec_text(text);
	}
	return __real_workbook_set_custom_property_string(wb, name, text);
}

lxw_error __wrap_workbook_close(lxw_workbook *wb)
{
	stamp t0 = now();
	lxw_error e = __real_workbook_close(wb);
	close_time = since(t0);
	return e;
}

/* The format_set_* calls with one value, kept in field of the operation,
 * and those without a value. */
#define WRAP_FORMAT_VALUE(fn, code, type, field)               \
	void __wrap_##fn(lxw_format *f, type v)                 \
	{                                                       \
		if (rec.on)                                     \
			rec_format_op(code, f)->field = v;      \
		__real_##fn(f, v);                              \
	}
#define WRAP_FORMAT_FLAG(fn, code)                             \
	void __wrap_##fn(lxw_format *f)                         \
	{                                                       \
		if (rec.on)                                     \
			rec_format_op(code, f);                 \
		__real_##fn(f);                                 \
	}

WRAP_FORMAT_VALUE(format_set_align, OP_ALIGN, uint8_t, small)
WRAP_FORMAT_VALUE(format_set_bg_color, OP_BG_COLOR, lxw_color_t, ref)
WRAP_FORMAT_VALUE(format_set_bottom, OP_BOTTOM, uint8_t, small)
WRAP_FORMAT_VALUE(format_set_border, OP_BORDER, uint8_t, small)
WRAP_FORMAT_VALUE(format_set_font_color, OP_FONT_COLOR, lxw_color_t, ref)
WRAP_FORMAT_VALUE(format_set_font_size, OP_FONT_SIZE, double, num)
WRAP_FORMAT_VALUE(format_set_pattern, OP_PATTERN, uint8_t, small)
WRAP_FORMAT_VALUE(format_set_top, OP_TOP, uint8_t, small)
WRAP_FORMAT_FLAG(format_set_bold, OP_BOLD)
WRAP_FORMAT_FLAG(format_set_italic, OP_ITALIC)
WRAP_FORMAT_FLAG(format_set_text_wrap, OP_TEXT_WRAP)

void __wrap_format_set_num_format(lxw_format *f, const char *num_format)
{
	if (rec.on) {
		op *o = rec_format_op(OP_NUM_FORMAT, f);
		o->s1 = rec_text(num_format);
		if (num_format)
			rec_numfmt(o->obj, num_format);
	}
	__real_format_set_num_format(f, num_format);
}

lxw_error __wrap_worksheet_write_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                        double number, lxw_format *f)
{
	if (rec.on)
		rec_cell(OP_NUMBER, ws, row, col, f, number, NULL, NULL);
	return __real_worksheet_write_number(ws, row, col, number, f);
}

lxw_error __wrap_worksheet_write_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                        const char *string, lxw_format *f)
{
	if (rec.on)
		rec_cell(OP_STRING, ws, row, col, f, 0, string, NULL);
	return __real_worksheet_write_string(ws, row, col, string, f);
}

lxw_error __wrap_worksheet_write_formula_num(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                             const char *formula, lxw_format *f, double result)
{
	if (rec.on)
		rec_cell(OP_FORMULA_NUM, ws, row, col, f, result, formula, NULL);
	return __real_worksheet_write_formula_num(ws, row, col, formula, f, result);
}

lxw_error __wrap_worksheet_write_formula_str(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                             const char *formula, lxw_format *f,
                                             const char *result)
{
	if (rec.on)
		rec_cell(OP_FORMULA_STR, ws, row, col, f, 0, formula, result);
	return __real_worksheet_write_formula_str(ws, row, col, formula, f, result);
}

lxw_error __wrap_worksheet_write_datetime(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                          lxw_datetime *dt, lxw_format *f)
{
	if (rec.on) {
		rec_cell(OP_DATETIME, ws, row, col, f, 0, NULL, NULL);
		rec.ops[rec.nops - 1].s1 = rec_datetime_copy(dt);
	}
	return __real_worksheet_write_datetime(ws, row, col, dt, f);
}

lxw_error __wrap_worksheet_set_column(lxw_worksheet *ws, lxw_col_t first, lxw_col_t last,
                                      double width, lxw_format *f)
{
	if (rec.on) {
		op *o = rec_range_op(OP_SET_COLUMN, ws, 0, first, 0, last);
		o->num = width;
		o->ref = format_ref(f);
	}
	return __real_worksheet_set_column(ws, first, last, width, f);
}

lxw_error __wrap_worksheet_set_row(lxw_worksheet *ws, lxw_row_t row, double height,
                                   lxw_format *f)
{
	if (rec.on) {
		op *o = rec_range_op(OP_SET_ROW, ws, row, 0, 0, 0);
		o->num = height;
		o->ref = format_ref(f);
	}
	return __real_worksheet_set_row(ws, row, height, f);
}

void __wrap_worksheet_freeze_panes(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col)
{
	if (rec.on)
		rec_range_op(OP_FREEZE_PANES, ws, row, col, 0, 0);
	__real_worksheet_freeze_panes(ws, row, col);
}

lxw_error __wrap_worksheet_autofilter(lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1,
                                      lxw_row_t r2, lxw_col_t c2)
{
	if (rec.on)
		rec_range_op(OP_AUTOFILTER, ws, r1, c1, r2, c2);
	return __real_worksheet_autofilter(ws, r1, c1, r2, c2);
}

lxw_error __wrap_worksheet_conditional_format_range(lxw_worksheet *ws, lxw_row_t r1,
                                                    lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                                                    lxw_conditional_format *cf)
{
	if (rec.on)
		rec_range_op(OP_CONDITIONAL_FORMAT, ws, r1, c1, r2, c2)->s1 = rec_cf_copy(cf);
	return __real_worksheet_conditional_format_range(ws, r1, c1, r2, c2, cf);
}

lxw_error __wrap_worksheet_insert_chart_opt(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                            lxw_chart *chart, lxw_chart_options *opt)
{
	if (rec.on) {
		op *o = rec_range_op(OP_INSERT_CHART, ws, row, col, 0, 0);
		o->ref = obj_find(&rec.charts, chart);
		o->s1 = rec_chart_opt_copy(opt);
	}
	return __real_worksheet_insert_chart_opt(ws, row, col, chart, opt);
}

void __wrap_worksheet_set_landscape(lxw_worksheet *ws)
{
	if (rec.on)
		rec_sheet_op(OP_LANDSCAPE, ws);
	__real_worksheet_set_landscape(ws);
}

void __wrap_worksheet_set_paper(lxw_worksheet *ws, uint8_t paper)
{
	if (rec.on)
		rec_sheet_op(OP_PAPER, ws)->small = paper;
	__real_worksheet_set_paper(ws, paper);
}

void __wrap_worksheet_fit_to_pages(lxw_worksheet *ws, uint16_t width, uint16_t height)
{
	if (rec.on)
		rec_range_op(OP_FIT_TO_PAGES, ws, 0, width, 0, height);
	__real_worksheet_fit_to_pages(ws, width, height);
}

lxw_error __wrap_worksheet_repeat_rows(lxw_worksheet *ws, lxw_row_t first, lxw_row_t last)
{
	if (rec.on)
		rec_range_op(OP_REPEAT_ROWS, ws, first, 0, last, 0);
	return __real_worksheet_repeat_rows(ws, first, last);
}

lxw_error __wrap_worksheet_set_header(lxw_worksheet *ws, const char *header)
{
	if (rec.on)
		rec_sheet_op(OP_HEADER, ws)->s1 = rec_text(header);
	return __real_worksheet_set_header(ws, header);
}

lxw_error __wrap_worksheet_repeat_columns(lxw_worksheet *ws, lxw_col_t first, lxw_col_t last)
{
	if (rec.on)
		rec_range_op(OP_REPEAT_COLUMNS, ws, 0, first, 0, last);
	return __real_worksheet_repeat_columns(ws, first, last);
}

lxw_error __wrap_worksheet_print_area(lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1,
                                      lxw_row_t r2, lxw_col_t c2)
{
	if (rec.on)
		rec_range_op(OP_PRINT_AREA, ws, r1, c1, r2, c2);
	return __real_worksheet_print_area(ws, r1, c1, r2, c2);
}

void __wrap_worksheet_set_print_scale(lxw_worksheet *ws, uint16_t scale)
{
	if (rec.on)
		rec_range_op(OP_PRINT_SCALE, ws, 0, scale, 0, 0);
	__real_worksheet_set_print_scale(ws, scale);
}

lxw_error __wrap_worksheet_set_footer(lxw_worksheet *ws, const char *footer)
{
	if (rec.on)
		rec_sheet_op(OP_FOOTER, ws)->s1 = rec_text(footer);
	return __real_worksheet_set_footer(ws, footer);
}

/* A merged range written by form LBKP-1's sheets (lbkp.c): its string is a
 * cell of the cells-only writer. */
lxw_error __wrap_worksheet_merge_range(lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1,
                                       lxw_row_t r2, lxw_col_t c2, const char *string,
                                       lxw_format *f)
{
	if (rec.on) {
		op *o = rec_range_op(OP_MERGE_RANGE, ws, r1, c1, r2, c2);
		o->ref = format_ref(f);
		o->s1 = rec_text(string);
		rec.ncells++;
	}
	return __real_worksheet_merge_range(ws, r1, c1, r2, c2, string, f);
}

/* The four margins, copied whole; s1 is their index. */
void __wrap_worksheet_set_margins(lxw_worksheet *ws, double left, double right, double top,
                                  double bottom)
{
	if (rec.on) {
		struct rec_margins m;
		m.left = left;
		m.right = right;
		m.top = top;
		m.bottom = bottom;
		ARRAY_PUSH(rec.margins, rec.nmargins, rec.capmargins, m);
		rec_sheet_op(OP_MARGINS, ws)->s1 = (uint32_t)(rec.nmargins - 1);
	}
	__real_worksheet_set_margins(ws, left, right, top, bottom);
}

void __wrap_worksheet_set_portrait(lxw_worksheet *ws)
{
	if (rec.on)
		rec_sheet_op(OP_PORTRAIT, ws);
	__real_worksheet_set_portrait(ws);
}

lxw_chart_series *__wrap_chart_add_series(lxw_chart *chart, const char *categories,
                                          const char *values)
{
	lxw_chart_series *s = __real_chart_add_series(chart, categories, values);
	if (rec.on && s) {
		op *o = rec_op(OP_ADD_SERIES, obj_find(&rec.charts, chart));
		o->ref = obj_add(&rec.series, s);
		o->s1 = rec_text(categories);
		o->s2 = rec_text(values);
	}
	return s;
}

/* chart_series_set_categories and _values */
static void rec_series_range(op_code code, const lxw_chart_series *s, const char *sheet,
                             lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
	op *o = rec_op(code, obj_find(&rec.series, s));
	o->s1 = rec_text(sheet);
	o->r1 = r1;
	o->c1 = c1;
	o->r2 = r2;
	o->c2 = c2;
}

void __wrap_chart_series_set_categories(lxw_chart_series *s, const char *sheet, lxw_row_t r1,
                                        lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
	if (rec.on)
		rec_series_range(OP_SERIES_CATEGORIES, s, sheet, r1, c1, r2, c2);
	__real_chart_series_set_categories(s, sheet, r1, c1, r2, c2);
}

void __wrap_chart_series_set_values(lxw_chart_series *s, const char *sheet, lxw_row_t r1,
                                    lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
	if (rec.on)
		rec_series_range(OP_SERIES_VALUES, s, sheet, r1, c1, r2, c2);
	__real_chart_series_set_values(s, sheet, r1, c1, r2, c2);
}

void __wrap_chart_series_set_name_range(lxw_chart_series *s, const char *sheet, lxw_row_t row,
                                        lxw_col_t col)
{
	if (rec.on)
		rec_series_range(OP_SERIES_NAME_RANGE, s, sheet, row, col, 0, 0);
	__real_chart_series_set_name_range(s, sheet, row, col);
}

void __wrap_chart_series_set_marker_type(lxw_chart_series *s, uint8_t type)
{
	if (rec.on)
		rec_op(OP_SERIES_MARKER, obj_find(&rec.series, s))->small = type;
	__real_chart_series_set_marker_type(s, type);
}

void __wrap_chart_series_set_marker_size(lxw_chart_series *s, uint8_t size)
{
	if (rec.on)
		rec_op(OP_SERIES_MARKER_SIZE, obj_find(&rec.series, s))->small = size;
	__real_chart_series_set_marker_size(s, size);
}

/* A fill: its colour in ref, none in small, transparency in c1. */
void __wrap_chart_series_set_marker_fill(lxw_chart_series *s, lxw_chart_fill *fill)
{
	if (rec.on) {
		op *o = rec_op(OP_SERIES_MARKER_FILL, obj_find(&rec.series, s));
		o->ref = fill->color;
		o->small = fill->none;
		o->c1 = fill->transparency;
	}
	__real_chart_series_set_marker_fill(s, fill);
}

/* A line: its colour in ref, dash type in small, none and transparency in
 * c1 and c2, width in num. */
void __wrap_chart_series_set_line(lxw_chart_series *s, lxw_chart_line *line)
{
	if (rec.on) {
		op *o = rec_op(OP_SERIES_LINE, obj_find(&rec.series, s));
		o->ref = line->color;
		o->small = line->dash_type;
		o->c1 = line->none;
		o->c2 = line->transparency;
		o->num = line->width;
	}
	__real_chart_series_set_line(s, line);
}

void __wrap_chart_title_set_name(lxw_chart *chart, const char *name)
{
	if (rec.on)
		rec_op(OP_TITLE_NAME, obj_find(&rec.charts, chart))->s1 = rec_text(name);
	__real_chart_title_set_name(chart, name);
}

void __wrap_chart_axis_set_num_format(lxw_chart_axis *axis, const char *num_format)
{
	if (rec.on)
		rec_op(OP_AXIS_NUM_FORMAT, axis_number(axis))->s1 = rec_text(num_format);
	__real_chart_axis_set_num_format(axis, num_format);
}

void __wrap_chart_axis_set_min(lxw_chart_axis *axis, double min)
{
	if (rec.on)
		rec_op(OP_AXIS_MIN, axis_number(axis))->num = min;
	__real_chart_axis_set_min(axis, min);
}

void __wrap_chart_legend_set_position(lxw_chart *chart, uint8_t position)
{
	if (rec.on)
		rec_op(OP_LEGEND_POSITION, obj_find(&rec.charts, chart))->small = position;
	__real_chart_legend_set_position(chart, position);
}

/* Writing the recorded cells, on either side */

static int is_cell(const op *o)
{
	return o->code >= OP_NUMBER && o->code <= OP_DATETIME;
}

static lxw_error write_cell(lxw_worksheet *s, lxw_format *f, const op *o)
{
	switch (o->code) {
	case OP_NUMBER:
		return __real_worksheet_write_number(s, o->r1, o->c1, o->num, f);
	case OP_STRING:
		return __real_worksheet_write_string(s, o->r1, o->c1, text_at(o->s1), f);
	case OP_FORMULA_NUM:
		return __real_worksheet_write_formula_num(s, o->r1, o->c1, text_at(o->s1), f, o->num);
	case OP_FORMULA_STR:
		return __real_worksheet_write_formula_str(s, o->r1, o->c1, text_at(o->s1), f,
		                                          text_at(o->s2));
	default:
		return __real_worksheet_write_datetime(s, o->r1, o->c1,
		                                       o->s1 == NONE ? NULL : &rec.dts[o->s1], f);
	}
}

/* The same-cells writer: the recorded cells and nothing else. */
static int bare_write(const char *path)
{
	lxw_workbook *book = __real_workbook_new(path);
	lxw_worksheet **ws;
	lxw_format **fmts;
	lxw_error e = LXW_NO_ERROR;
	size_t i;
	if (!book)
		return -1;
	ws = xcalloc(rec.sheets.n ? rec.sheets.n : 1, sizeof *ws);
	fmts = xcalloc(rec.nnumfmts ? rec.nnumfmts : 1, sizeof *fmts);
	for (i = 0; i < rec.sheets.n; i++)
		ws[i] = __real_workbook_add_worksheet(book, text_at(rec.sheet_names[i]));
	for (i = 0; i < rec.nnumfmts; i++) {
		fmts[i] = __real_workbook_add_format(book);
		__real_format_set_num_format(fmts[i], text_at(rec.numfmts[i]));
	}
	for (i = 0; i < rec.nops && e == LXW_NO_ERROR; i++) {
		const op *o = &rec.ops[i];
		int k;
		if (!is_cell(o) && o->code != OP_MERGE_RANGE)
			continue;
		k = o->ref ? rec.fmt_numfmt[o->ref - 1] : -1;
		if (o->code == OP_MERGE_RANGE)
			e = __real_worksheet_write_string(ws[o->obj], o->r1, o->c1, text_at(o->s1),
			                                  k >= 0 ? fmts[k] : NULL);
		else
			e = write_cell(ws[o->obj], k >= 0 ? fmts[k] : NULL, o);
	}
	if (workbook_close(book) != LXW_NO_ERROR || e != LXW_NO_ERROR)
		return -1;
	free(ws);
	free(fmts);
	return 0;
}

/* The same-workbook writer: the log replayed, with its own objects. */

typedef struct replay {
	lxw_workbook *book;
	lxw_worksheet **sheets;
	lxw_format **formats;
	lxw_chart **charts;
	lxw_chart_series **series;
	size_t nsheets, nformats, ncharts, nseries;
} replay;

static lxw_format *replay_format_ref(const replay *p, uint32_t ref)
{
	return ref ? p->formats[ref - 1] : NULL;
}

static lxw_error replay_properties(const replay *p, uint32_t i)
{
	lxw_doc_properties props;
	char **t[PROP_TEXTS];
	int k;
	if (i == NONE)
		return __real_workbook_set_properties(p->book, NULL);
	props = rec.props[i].p;
	prop_texts(&props, t);
	for (k = 0; k < PROP_TEXTS; k++)
		*t[k] = (char *)text_at(rec.props[i].text[k]);
	return __real_workbook_set_properties(p->book, &props);
}

static lxw_error replay_book(replay *p, const op *o)
{
	switch (o->code) {
	case OP_ADD_SHEET:
		p->sheets[p->nsheets] = __real_workbook_add_worksheet(p->book, text_at(o->s1));
		return p->sheets[p->nsheets++] ? LXW_NO_ERROR : LXW_ERROR_PARAMETER_VALIDATION;
	case OP_ADD_FORMAT:
		p->formats[p->nformats] = __real_workbook_add_format(p->book);
		return p->formats[p->nformats++] ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
	case OP_ADD_CHART:
		p->charts[p->ncharts] = __real_workbook_add_chart(p->book, o->small);
		return p->charts[p->ncharts++] ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
	case OP_PROPERTIES:
		return replay_properties(p, o->s1);
	case OP_CUSTOM_STRING:
		return __real_workbook_set_custom_property_string(p->book, text_at(o->s1),
		                                                  text_at(o->s2));
	default: /* a second workbook_new in one recording */
		return LXW_ERROR_PARAMETER_VALIDATION;
	}
}

static lxw_error replay_format(replay *p, const op *o)
{
	lxw_format *f = p->formats[o->obj];
	switch (o->code) {
	case OP_ALIGN:
		__real_format_set_align(f, o->small);
		break;
	case OP_BG_COLOR:
		__real_format_set_bg_color(f, o->ref);
		break;
	case OP_BOLD:
		__real_format_set_bold(f);
		break;
	case OP_BOTTOM:
		__real_format_set_bottom(f, o->small);
		break;
	case OP_BORDER:
		__real_format_set_border(f, o->small);
		break;
	case OP_FONT_COLOR:
		__real_format_set_font_color(f, o->ref);
		break;
	case OP_FONT_SIZE:
		__real_format_set_font_size(f, o->num);
		break;
	case OP_ITALIC:
		__real_format_set_italic(f);
		break;
	case OP_NUM_FORMAT:
		__real_format_set_num_format(f, text_at(o->s1));
		break;
	case OP_PATTERN:
		__real_format_set_pattern(f, o->small);
		break;
	case OP_TEXT_WRAP:
		__real_format_set_text_wrap(f);
		break;
	default:
		__real_format_set_top(f, o->small);
		break;
	}
	return LXW_NO_ERROR;
}

static lxw_error replay_conditional_format(const replay *p, lxw_worksheet *ws, const op *o)
{
	lxw_conditional_format cf;
	const rec_cf *c;
	char **t[CF_TEXTS];
	int k;
	if (o->s1 == NONE)
		return __real_worksheet_conditional_format_range(ws, o->r1, o->c1, o->r2, o->c2, NULL);
	c = &rec.cfs[o->s1];
	cf = c->cf;
	cf_texts(&cf, t);
	for (k = 0; k < CF_TEXTS; k++)
		*t[k] = (char *)text_at(c->text[k]);
	cf.format = replay_format_ref(p, c->format);
	return __real_worksheet_conditional_format_range(ws, o->r1, o->c1, o->r2, o->c2, &cf);
}

static lxw_error replay_insert_chart(const replay *p, lxw_worksheet *ws, const op *o)
{
	lxw_chart_options opt;
	if (o->s1 == NONE)
		return __real_worksheet_insert_chart_opt(ws, o->r1, o->c1, p->charts[o->ref], NULL);
	opt = rec.chart_opts[o->s1].opt;
	opt.description = (char *)text_at(rec.chart_opts[o->s1].description);
	return __real_worksheet_insert_chart_opt(ws, o->r1, o->c1, p->charts[o->ref], &opt);
}

static lxw_error replay_sheet(replay *p, const op *o)
{
	lxw_worksheet *ws = p->sheets[o->obj];
	switch (o->code) {
	case OP_SET_COLUMN:
		return __real_worksheet_set_column(ws, o->c1, o->c2, o->num,
		                                   replay_format_ref(p, o->ref));
	case OP_SET_ROW:
		return __real_worksheet_set_row(ws, o->r1, o->num, replay_format_ref(p, o->ref));
	case OP_FREEZE_PANES:
		__real_worksheet_freeze_panes(ws, o->r1, o->c1);
		return LXW_NO_ERROR;
	case OP_AUTOFILTER:
		return __real_worksheet_autofilter(ws, o->r1, o->c1, o->r2, o->c2);
	case OP_CONDITIONAL_FORMAT:
		return replay_conditional_format(p, ws, o);
	case OP_INSERT_CHART:
		return replay_insert_chart(p, ws, o);
	case OP_LANDSCAPE:
		__real_worksheet_set_landscape(ws);
		return LXW_NO_ERROR;
	case OP_PAPER:
		__real_worksheet_set_paper(ws, o->small);
		return LXW_NO_ERROR;
	case OP_FIT_TO_PAGES:
		__real_worksheet_fit_to_pages(ws, o->c1, o->c2);
		return LXW_NO_ERROR;
	case OP_REPEAT_ROWS:
		return __real_worksheet_repeat_rows(ws, o->r1, o->r2);
	case OP_HEADER:
		return __real_worksheet_set_header(ws, text_at(o->s1));
	case OP_REPEAT_COLUMNS:
		return __real_worksheet_repeat_columns(ws, o->c1, o->c2);
	case OP_PRINT_AREA:
		return __real_worksheet_print_area(ws, o->r1, o->c1, o->r2, o->c2);
	case OP_PRINT_SCALE:
		__real_worksheet_set_print_scale(ws, o->c1);
		return LXW_NO_ERROR;
	case OP_MERGE_RANGE:
		return __real_worksheet_merge_range(ws, o->r1, o->c1, o->r2, o->c2, text_at(o->s1),
		                                    replay_format_ref(p, o->ref));
	case OP_MARGINS: {
		const struct rec_margins *m = &rec.margins[o->s1];
		__real_worksheet_set_margins(ws, m->left, m->right, m->top, m->bottom);
		return LXW_NO_ERROR;
	}
	case OP_PORTRAIT:
		__real_worksheet_set_portrait(ws);
		return LXW_NO_ERROR;
	default:
		return __real_worksheet_set_footer(ws, text_at(o->s1));
	}
}

static lxw_chart_axis *replay_axis(const replay *p, uint32_t axis)
{
	const lxw_chart *c = p->charts[axis / 2];
	return axis % 2 ? c->y_axis : c->x_axis;
}

static lxw_error replay_chart(replay *p, const op *o)
{
	switch (o->code) {
	case OP_ADD_SERIES:
		p->series[p->nseries] =
			__real_chart_add_series(p->charts[o->obj], text_at(o->s1), text_at(o->s2));
		return p->series[p->nseries++] ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
	case OP_SERIES_CATEGORIES:
		__real_chart_series_set_categories(p->series[o->obj], text_at(o->s1), o->r1, o->c1,
		                                   o->r2, o->c2);
		break;
	case OP_SERIES_VALUES:
		__real_chart_series_set_values(p->series[o->obj], text_at(o->s1), o->r1, o->c1, o->r2,
		                               o->c2);
		break;
	case OP_SERIES_NAME_RANGE:
		__real_chart_series_set_name_range(p->series[o->obj], text_at(o->s1), o->r1, o->c1);
		break;
	case OP_SERIES_MARKER:
		__real_chart_series_set_marker_type(p->series[o->obj], o->small);
		break;
	case OP_SERIES_MARKER_SIZE:
		__real_chart_series_set_marker_size(p->series[o->obj], o->small);
		break;
	case OP_SERIES_MARKER_FILL: {
		lxw_chart_fill fill;
		memset(&fill, 0, sizeof fill);
		fill.color = o->ref;
		fill.none = o->small;
		fill.transparency = (uint8_t)o->c1;
		__real_chart_series_set_marker_fill(p->series[o->obj], &fill);
		break;
	}
	case OP_SERIES_LINE: {
		lxw_chart_line line;
		memset(&line, 0, sizeof line);
		line.color = o->ref;
		line.dash_type = o->small;
		line.none = (uint8_t)o->c1;
		line.transparency = (uint8_t)o->c2;
		line.width = (float)o->num;
		__real_chart_series_set_line(p->series[o->obj], &line);
		break;
	}
	case OP_TITLE_NAME:
		__real_chart_title_set_name(p->charts[o->obj], text_at(o->s1));
		break;
	case OP_AXIS_NUM_FORMAT:
		__real_chart_axis_set_num_format(replay_axis(p, o->obj), text_at(o->s1));
		break;
	case OP_AXIS_MIN:
		__real_chart_axis_set_min(replay_axis(p, o->obj), o->num);
		break;
	default:
		__real_chart_legend_set_position(p->charts[o->obj], o->small);
		break;
	}
	return LXW_NO_ERROR;
}

static lxw_error replay_op(replay *p, const op *o)
{
	if (is_cell(o))
		return write_cell(p->sheets[o->obj], replay_format_ref(p, o->ref), o);
	if (o->code < OP_ALIGN)
		return replay_book(p, o);
	if (o->code < OP_NUMBER)
		return replay_format(p, o);
	if (o->code < OP_ADD_SERIES)
		return replay_sheet(p, o);
	return replay_chart(p, o);
}

static void replay_release(replay *p)
{
	free(p->sheets);
	free(p->formats);
	free(p->charts);
	free(p->series);
}

/* Every recorded call, in order; the log starts with workbook_new. */
static int same_write(const char *path)
{
	replay p;
	lxw_error e = LXW_NO_ERROR;
	size_t i;
	if (!rec.nops || rec.ops[0].code != OP_NEW) {
		fprintf(stderr, "xlsx_bench: the recording does not start with workbook_new\n");
		return -1;
	}
	memset(&p, 0, sizeof p);
	p.book = __real_workbook_new(path);
	if (!p.book)
		return -1;
	p.sheets = xcalloc(rec.sheets.n + 1, sizeof *p.sheets);
	p.formats = xcalloc(rec.formats.n + 1, sizeof *p.formats);
	p.charts = xcalloc(rec.charts.n + 1, sizeof *p.charts);
	p.series = xcalloc(rec.series.n + 1, sizeof *p.series);
	for (i = 1; i < rec.nops && e == LXW_NO_ERROR; i++)
		e = replay_op(&p, &rec.ops[i]);
	if (e != LXW_NO_ERROR)
		fprintf(stderr, "xlsx_bench: replaying call %zu (operation %d): %s\n", i - 1,
		        rec.ops[i - 1].code, lxw_strerror(e));
	if (workbook_close(p.book) != LXW_NO_ERROR || e != LXW_NO_ERROR) {
		replay_release(&p);
		return -1;
	}
	replay_release(&p);
	return 0;
}

/* Kinds of workbook */

enum { K_PUSKESMAS, K_DISTRICT, K_PROVINCE, K_ROOT, K_ALL, K_COUNT };
static const char *const kind_names[K_COUNT] = {"puskesmas", "kabupaten/kota", "provinsi",
                                                "nasional", "all"};
static const char *const kind_files[K_COUNT] = {"puskesmas", "kabupaten-kota", "provinsi",
                                                "nasional", "all"};

static int kind_of(const node *n)
{
	switch (n->kind) {
	case NODE_PUSKESMAS:
		return K_PUSKESMAS;
	case NODE_KABUPATEN:
	case NODE_KOTA:
		return K_DISTRICT;
	case NODE_PROVINSI:
		return K_PROVINCE;
	default:
		return K_ROOT;
	}
}

/* The three writers of a workbook: rekap, and the two references. */
enum { S_REKAP, S_CELLS, S_BOOK, SIDES };
static const char *const side_files[SIDES] = {"rekap", "bare", "same"};

typedef struct side {
	stamp t;
	double close; /* CPU time in workbook_close */
} side;

typedef struct sample {
	const node *n;
	int kind;
	size_t cells;
	side side[SIDES];
	double ratio[SIDES]; /* rekap / the reference, of CPU times (S_CELLS, S_BOOK) */
} sample;

static int by_ratio(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The q-quantile of sorted v[0..n) (nearest rank). */
static double quantile(const double *v, size_t n, double q)
{
	size_t k;
	if (!n)
		return 0;
	k = (size_t)(q * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return v[k - 1];
}

/* The table of rekap against reference ref (S_CELLS or S_BOOK). */
static void summary(const sample *s, size_t ns, int ref, FILE *out)
{
	int k;
	size_t i;
	double *ratios = xmalloc((ns ? ns : 1) * sizeof *ratios);
	fprintf(out, "%-15s %6s %10s %8s %8s %6s %6s %6s %6s %6s %6s %6s %7s\n", "kind", "books",
	        "cells", "rekap s", ref == S_CELLS ? "cells s" : "same s", "ratio", "wall", "median",
	        "p90", "max", "fill", "close", "ms/book");
	for (k = 0; k < K_COUNT; k++) {
		size_t n = 0, cells = 0;
		double rc = 0, bc = 0, rw = 0, bw = 0, rcl = 0, bcl = 0;
		for (i = 0; i < ns; i++) {
			if (k != K_ALL && s[i].kind != k)
				continue;
			ratios[n++] = s[i].ratio[ref];
			cells += s[i].cells;
			rc += s[i].side[S_REKAP].t.cpu;
			bc += s[i].side[ref].t.cpu;
			rw += s[i].side[S_REKAP].t.wall;
			bw += s[i].side[ref].t.wall;
			rcl += s[i].side[S_REKAP].close;
			bcl += s[i].side[ref].close;
		}
		if (!n)
			continue;
		qsort(ratios, n, sizeof *ratios, by_ratio);
		fprintf(out,
		        "%-15s %6zu %10zu %8.3f %8.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %7.2f\n",
		        kind_names[k], n, cells, rc, bc, bc > 0 ? rc / bc : 0, bw > 0 ? rw / bw : 0,
		        quantile(ratios, n, 0.5), quantile(ratios, n, 0.9), ratios[n - 1],
		        bc > bcl ? (rc - rcl) / (bc - bcl) : 0, bcl > 0 ? rcl / bcl : 0,
		        rc * 1e3 / (double)n);
		/* one line for scripts (tests/bench/run.sh) */
		if (k == K_ALL)
			fprintf(out,
			        "xlsx_bench: %s total %.3f median %.3f p90 %.3f max %.3f books %zu rekap_s "
			        "%.3f %s %.3f\n",
			        ref == S_CELLS ? "cells only" : "same workbook", bc > 0 ? rc / bc : 0,
			        quantile(ratios, n, 0.5), quantile(ratios, n, 0.9), ratios[n - 1], n, rc,
			        ref == S_CELLS ? "bare_s" : "same_s", bc);
	}
	free(ratios);
}

/* What the workbook's features (charts, widths, conditional formats,
 * filters, print setup, styles, properties) cost: the same workbook
 * against the cells only, both bare libxlsxwriter. */
static void features(const sample *s, size_t ns)
{
	double book = 0, cells = 0;
	size_t i;
	for (i = 0; i < ns; i++) {
		book += s[i].side[S_BOOK].t.cpu;
		cells += s[i].side[S_CELLS].t.cpu;
	}
	printf("features: bare same workbook / bare cells only %.3f (CPU %.3f / %.3f s)\n",
	       cells > 0 ? book / cells : 0, book, cells);
}

typedef struct ranked {
	double ratio;
	const sample *s;
} ranked;

static int by_ranked_ratio(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	return x->ratio > y->ratio ? -1 : x->ratio < y->ratio;
}

static void worst(const sample *s, size_t ns, int ref, const results *res, FILE *out)
{
	ranked *r = xmalloc((ns ? ns : 1) * sizeof *r);
	size_t i;
	for (i = 0; i < ns; i++) {
		r[i].ratio = s[i].ratio[ref];
		r[i].s = &s[i];
	}
	qsort(r, ns, sizeof *r, by_ranked_ratio);
	fprintf(out, "worst workbooks (CPU ratio, rekap ms, %s ms, cells, path):\n",
	        ref == S_CELLS ? "cells-only" : "same-workbook");
	for (i = 0; i < ns && i < 5; i++) {
		const sample *x = r[i].s;
		char *name = wbk_filename(x->n, res->last_quarter);
		fprintf(out, "  %6.3f %8.2f %8.2f %9zu %s%s%s\n", r[i].ratio,
		        x->side[S_REKAP].t.cpu * 1e3, x->side[ref].t.cpu * 1e3, x->cells, x->n->path,
		        *x->n->path ? "/" : "", name);
		free(name);
	}
	free(r);
}

/* Loading, as rekap build does it; on failure the problems are printed. */
static int load(pipeline *p, const char *rules_dir, const char *records_dir, int period)
{
	build_options opt;
	diag_list diags;
	int rc;
	memset(&opt, 0, sizeof opt);
	opt.rules_dir = rules_dir;
	opt.records_dir = records_dir;
	opt.period = period;
	diag_list_init(&diags);
	rc = pipeline_load(p, &opt, &diags);
	if (rc)
		diag_list_print(&diags, stderr, DIAG_FORMAT_TEXT, LANG_ID, 1);
	diag_list_release(&diags);
	return rc;
}

static int write_rekap(const char *path, const node *n, const pipeline *ld, int record)
{
	diag_list diags;
	const char *org = ld->recs.settings.organisasi;
	lang l = ld->recs.settings.bahasa;
	int rc;
	diag_list_init(&diags);
	rec.on = record;
	rc = wbk_write(path, n, &ld->res, l, org ? org : "", wbk_creation_time(&ld->res),
	               &diags);
	rec.on = 0;
	if (rc != 0)
		diag_list_print(&diags, stderr, DIAG_FORMAT_TEXT, LANG_ID, 1);
	diag_list_release(&diags);
	return rc;
}

/* /usr/bin/python3 xlsx_same_cells.py REKAP BARE; returns its status. */
static int same_cells(const char *a, const char *b)
{
	pid_t pid = fork();
	int status;
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/usr/bin/python3", "python3", XLSX_SAME_CELLS, a, b, (char *)NULL);
		perror("xlsx_bench: /usr/bin/python3");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* 0 when files a and b hold the same bytes; otherwise says where they differ. */
static int same_bytes(const char *a, const char *b)
{
	char *da = NULL, *db = NULL;
	size_t la = 0, lb = 0, i = 0;
	int rc = -1;
	if (file_read(a, &da, &la) != 0 || file_read(b, &db, &lb) != 0)
		fprintf(stderr, "xlsx_bench: cannot read %s or %s: %s\n", a, b, strerror(errno));
	else {
		while (i < la && i < lb && da[i] == db[i])
			i++;
		if (i == la && i == lb)
			rc = 0;
		else
			fprintf(stderr, "xlsx_bench: %s (%zu bytes) and %s (%zu bytes) differ from byte %zu\n",
			        a, la, b, lb, i);
	}
	free(da);
	free(db);
	return rc;
}

/* --check: keeps the three workbooks of the node just timed in check_dir,
 * runs the same-cells check on rekap's and the bare one, and compares
 * rekap's and the replayed one byte for byte. Returns how many failed. */
static int check_kind(char *const written[SIDES], const char *check_dir, int kind)
{
	char *kept[SIDES];
	int w, st, failures = 0;
	for (w = 0; w < SIDES; w++) {
		kept[w] = xasprintf("%s/%s-%s.xlsx", check_dir, kind_files[kind], side_files[w]);
		if (rename(written[w], kept[w]) != 0) {
			fprintf(stderr, "xlsx_bench: cannot keep %s: %s\n", kept[w], strerror(errno));
			exit(1);
		}
	}
	st = same_cells(kept[S_REKAP], kept[S_CELLS]);
	if (st != 0) {
		fprintf(stderr, "xlsx_bench: %s and %s differ (status %d)\n", kept[S_REKAP],
		        kept[S_CELLS], st);
		failures++;
	}
	if (same_bytes(kept[S_REKAP], kept[S_BOOK]) != 0)
		failures++;
	else
		printf("xlsx_bench: %s: byte for byte the same as %s\n", kept[S_BOOK], kept[S_REKAP]);
	for (w = 0; w < SIDES; w++)
		free(kept[w]);
	return failures;
}

/* Writes n's workbook on side w to path, timed: rekap (recording off) or a
 * reference replaying the recording. */
static int timed_write(int w, const char *path, const node *n, const pipeline *ld, side *out)
{
	stamp t0 = now();
	int rc;
	if (w == S_REKAP)
		rc = write_rekap(path, n, ld, 0);
	else if (w == S_CELLS)
		rc = bare_write(path);
	else
		rc = same_write(path);
	out->t = since(t0);
	out->close = close_time.cpu;
	if (rc != 0)
		fprintf(stderr, "xlsx_bench: the %s writer failed for %s\n", side_files[w], n->path);
	return rc;
}

static void usage(void)
{
	fprintf(stderr, "usage: xlsx_bench --records DIR --rules DIR [--out DIR] [--period YYYY-Qn]\n"
	                "                  [--repeat N] [--limit N] [--tsv FILE] [--keep DIR] [--check]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *records_dir = NULL, *rules_dir = NULL, *outdir = "/dev/shm/xlsx/bench";
	const char *tsv_path = NULL, *keep = NULL;
	int period = -1, check = 0, i;
	long repeat = 1, limit = -1;
	pipeline ld;
	sample *samples;
	size_t ns = 0, k, done[K_COUNT] = {0};
	char *paths[SIDES], *check_dir;
	FILE *tsv = NULL;
	int failures = 0, checked[K_COUNT] = {0}, w;
	stamp all;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--check") == 0) {
			check = 1;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (strcmp(a, "--records") == 0)
			records_dir = v;
		else if (strcmp(a, "--rules") == 0)
			rules_dir = v;
		else if (strcmp(a, "--out") == 0)
			outdir = v;
		else if (strcmp(a, "--tsv") == 0)
			tsv_path = v;
		else if (strcmp(a, "--keep") == 0)
			keep = v;
		else if (strcmp(a, "--period") == 0) {
			if ((period = period_parse_quarter(v)) < 0)
				usage();
		} else if (strcmp(a, "--repeat") == 0) {
			if ((repeat = strtol(v, NULL, 10)) < 1)
				usage();
		} else if (strcmp(a, "--limit") == 0) {
			if ((limit = strtol(v, NULL, 10)) < 0)
				usage();
		} else
			usage();
	}
	if (!records_dir || !rules_dir)
		usage();
	if (make_dirs(outdir) != 0) {
		fprintf(stderr, "xlsx_bench: cannot create %s: %s\n", outdir, strerror(errno));
		return 1;
	}
	all = now();
	if (load(&ld, rules_dir, records_dir, period) != 0) {
		pipeline_release(&ld);
		return 1;
	}
	if (!ld.res.nquarters) {
		fprintf(stderr, "xlsx_bench: no quarter reported, rekap writes no workbook\n");
		return 1;
	}
	fprintf(stderr, "xlsx_bench: loaded %zu nodes in %.1f s\n", ld.recs.nnodes, since(all).wall);
	if (tsv_path && !(tsv = fopen(tsv_path, "w"))) {
		fprintf(stderr, "xlsx_bench: cannot write %s: %s\n", tsv_path, strerror(errno));
		return 1;
	}
	if (tsv)
		fprintf(tsv, "kind\tcells\trekap_cpu\tbare_cpu\trekap_wall\tbare_wall\trekap_close\t"
		             "bare_close\tratio\tsame_cpu\tsame_wall\tsame_close\tsame_ratio\tpath\n");
	for (w = 0; w < SIDES; w++)
		paths[w] = xasprintf("%s/%s.xlsx", outdir, side_files[w]);
	check_dir = path_join(outdir, "check");
	if (check && make_dirs(check_dir) != 0) {
		fprintf(stderr, "xlsx_bench: cannot create %s: %s\n", check_dir, strerror(errno));
		return 1;
	}
	samples = xcalloc(ld.recs.nnodes, sizeof *samples);
	for (k = 0; k < ld.recs.nnodes; k++) {
		const node *n = ld.recs.nodes[k];
		sample *s = &samples[ns];
		long r;
		if (n->kind == NODE_POS)
			continue;
		s->n = n;
		s->kind = kind_of(n);
		if (limit >= 0 && done[s->kind] >= (size_t)limit)
			continue;
		done[s->kind]++;
		/* 1. record */
		rec_reset();
		if (write_rekap(paths[S_REKAP], n, &ld, 1) != 0)
			return 1;
		s->cells = rec.ncells;
		if (keep) {
			char *name = wbk_filename(n, ld.res.last_quarter);
			char *dir = path_join(keep, n->path);
			char *kept = path_join(dir, name);
			if (make_dirs(dir) != 0 || rename(paths[S_REKAP], kept) != 0) {
				fprintf(stderr, "xlsx_bench: cannot keep %s: %s\n", kept, strerror(errno));
				return 1;
			}
			free(name);
			free(dir);
			free(kept);
		}
		/* 2. to 4., alternating */
		for (r = 0; r < repeat; r++)
			for (w = 0; w < SIDES; w++) {
				side got;
				if (timed_write(w, paths[w], n, &ld, &got) != 0)
					return 1;
				if (r == 0 || got.t.cpu < s->side[w].t.cpu)
					s->side[w] = got;
			}
		for (w = S_CELLS; w < SIDES; w++)
			s->ratio[w] = s->side[w].t.cpu > 0 ? s->side[S_REKAP].t.cpu / s->side[w].t.cpu : 0;
		if (tsv) {
			char *name = wbk_filename(n, ld.res.last_quarter);
			const side *sr = &s->side[S_REKAP], *sb = &s->side[S_CELLS], *sw = &s->side[S_BOOK];
			fprintf(tsv,
			        "%s\t%zu\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.4f\t%.6f\t%.6f\t%.6f\t%.4f\t"
			        "%s%s%s\n",
			        kind_names[s->kind], s->cells, sr->t.cpu, sb->t.cpu, sr->t.wall, sb->t.wall,
			        sr->close, sb->close, s->ratio[S_CELLS], sw->t.cpu, sw->t.wall, sw->close,
			        s->ratio[S_BOOK], n->path, *n->path ? "/" : "", name);
			free(name);
		}
		if (check && !checked[s->kind]) {
			checked[s->kind] = 1;
			failures += check_kind(paths, check_dir, s->kind);
		}
		ns++;
	}
	for (w = 0; w < SIDES; w++)
		remove(paths[w]);
	{
		const char *tmp = getenv("TMPDIR");
		printf("xlsx_bench: %s, %zu workbooks, repeat %ld, TMPDIR=%s, %.1f s in all\n", records_dir,
		       ns, repeat, tmp ? tmp : "(unset)", since(all).wall);
	}
	printf("rekap s, same s, cells s: CPU seconds; ratio: rekap / reference of the totals; wall:\n"
	       "the same of wall time; median, p90, max: of the ratio of each workbook; close: the\n"
	       "ratio of the CPU time in workbook_close (libxlsxwriter writing the package); fill:\n"
	       "of the rest\n\n");
	printf("rekap / bare libxlsxwriter, same workbook (the headline figure): a bare program\n"
	       "writing the same sheets, cells, formats, column widths, row heights, filters,\n"
	       "print setup, page headers and footers, conditional formats, charts and\n"
	       "properties through the plain libxlsxwriter API (every call rekap makes, with the\n"
	       "same arguments, replayed from a recording; the package is rekap's byte for byte)\n");
	summary(samples, ns, S_BOOK, stdout);
	worst(samples, ns, S_BOOK, &ld.res, stdout);
	printf("\nrekap / bare libxlsxwriter, cells only (what the features cost): a bare program\n"
	       "writing only the cells rekap writes (values, formulas with their results, number\n"
	       "formats): no chart, widths, conditional formats, filter or print setup\n");
	summary(samples, ns, S_CELLS, stdout);
	worst(samples, ns, S_CELLS, &ld.res, stdout);
	features(samples, ns);
	if (check)
		printf("xlsx_bench: --check: %s\n",
		       failures ? "FAILED" : "the same cells, and the same workbook byte for byte");
	if (tsv)
		fclose(tsv);
	free(samples);
	for (w = 0; w < SIDES; w++)
		free(paths[w]);
	free(check_dir);
	rec_free();
	pipeline_release(&ld);
	return failures ? 1 : 0;
}
