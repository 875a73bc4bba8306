/* xlsx_bench.c - times every workbook rekap writes against a bare libxlsxwriter program writing the same cells. */
/*
 * Usage: xlsx_bench --records DIR --rules DIR [--out DIR] [--period YYYY-Qn]
 *                   [--repeat N] [--limit N] [--tsv FILE] [--keep DIR] [--check]
 *
 * For every node that has a workbook (the root, provinces, districts and
 * puskesmas), in pre-order:
 *   1. workbook_write runs once untimed while the libxlsxwriter calls that
 *      put a value in a cell are recorded (they are wrapped at link time,
 *      -Wl,--wrap=..., see CMakeLists.txt): sheet, row, column, type,
 *      value or formula and its cached result, and the number format of the
 *      cell's format;
 *   2. workbook_write runs again, timed, with recording off;
 *   3. the bare writer, timed: a new workbook with the same (default)
 *      options, the same sheets in the same order, every recorded cell in the
 *      recorded order with a format that carries the same number format (one
 *      format per distinct number format, no format when the cell's has
 *      none), and nothing else: no chart, column widths, conditional
 *      formats, filters, print setup or document properties.
 * Both sides write OUT/rekap.xlsx and OUT/bare.xlsx (libxlsxwriter's
 * temporary files go to $TMPDIR; keep both on tmpfs). With --repeat N, steps
 * 2 and 3 alternate N times and the smallest time of each side counts.
 *
 * Times are CPU time of the process (CLOCK_PROCESS_CPUTIME_ID; the program
 * is single-threaded) and wall time (CLOCK_MONOTONIC). The ratios printed
 * are of CPU time, which another busy process on the machine does not
 * inflate; the wall ratio of the totals is printed too. Each side's time is
 * also split at workbook_close (wrapped too, on both sides): "close" is
 * libxlsxwriter assembling and compressing the package, where the parts the
 * bare side lacks (charts, drawings, styles of every format, filters, print
 * setup) cost; "fill" is the rest, rekap's own code included.
 *
 * --check keeps the two workbooks of the first node of each kind in
 * OUT/check/ and runs tests/bench/xlsx_same_cells.py on each pair
 * (/usr/bin/python3 with openpyxl): every cell's value, formula, cached
 * result and number format must be the same, so that the bare side writes
 * what rekap writes. --limit N times only the first N nodes of each kind.
 * --tsv FILE writes one line per workbook. --keep DIR keeps rekap's
 * workbook of every node (from step 1) as DIR/<node path>/<file name>, as
 * rekap build names them, to compare two versions of workbook.c byte for
 * byte.
 */
#include <errno.h>
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

/* The libxlsxwriter functions workbook.c calls to create sheets and formats
 * and to fill cells; the linker sends its calls to the __wrap_ functions
 * below, and __real_ reaches libxlsxwriter. */
lxw_worksheet *__real_workbook_add_worksheet(lxw_workbook *wb, const char *name);
lxw_format *__real_workbook_add_format(lxw_workbook *wb);
void __real_format_set_num_format(lxw_format *f, const char *num_format);
lxw_error __real_worksheet_write_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                        double number, lxw_format *f);
lxw_error __real_worksheet_write_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                        const char *string, lxw_format *f);
lxw_error __real_worksheet_write_formula_num(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                             const char *formula, lxw_format *f, double result);
lxw_error __real_worksheet_write_formula_str(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                             const char *formula, lxw_format *f,
                                             const char *result);
lxw_error __real_worksheet_write_datetime(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                          lxw_datetime *dt, lxw_format *f);
lxw_error __real_workbook_close(lxw_workbook *wb);
lxw_worksheet *__wrap_workbook_add_worksheet(lxw_workbook *wb, const char *name);
lxw_error __wrap_workbook_close(lxw_workbook *wb);
lxw_format *__wrap_workbook_add_format(lxw_workbook *wb);
void __wrap_format_set_num_format(lxw_format *f, const char *num_format);
lxw_error __wrap_worksheet_write_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                        double number, lxw_format *f);
lxw_error __wrap_worksheet_write_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                        const char *string, lxw_format *f);
lxw_error __wrap_worksheet_write_formula_num(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                             const char *formula, lxw_format *f, double result);
lxw_error __wrap_worksheet_write_formula_str(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                             const char *formula, lxw_format *f,
                                             const char *result);
lxw_error __wrap_worksheet_write_datetime(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                          lxw_datetime *dt, lxw_format *f);

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
 * compresses every part of the package (both sides call it through
 * __wrap_workbook_close). The rest of a workbook's time is "fill": rekap's
 * own code and the libxlsxwriter calls that store cells and settings. */
static stamp close_time;

/* The recording of one workbook */

typedef enum { C_NUMBER, C_STRING, C_FORMULA_NUM, C_FORMULA_STR, C_DATETIME } cell_type;

typedef struct rec_cell {
	unsigned sheet;
	lxw_row_t row;
	lxw_col_t col;
	unsigned char type;
	int numfmt; /* index into recording.numfmts, -1 for none */
	double num; /* number, cached formula result */
	size_t str, str2; /* offsets into recording.text: string or formula, string result */
	lxw_datetime dt;
} rec_cell;

typedef struct fmt_entry {
	lxw_format *f;
	int numfmt;
} fmt_entry;

typedef struct recording {
	int on;
	rec_cell *cells;
	size_t ncells, capcells;
	buf text; /* NUL-separated strings */
	lxw_worksheet **sheets; /* of rekap's workbook, in order */
	size_t *sheet_names; /* offsets into text */
	size_t nsheets, capsheets, capnames;
	fmt_entry *fmts;
	size_t nfmts, capfmts;
	char **numfmts; /* distinct number formats, in order of first use */
	size_t nnumfmts, capnumfmts;
	unsigned last_sheet;
} recording;

static recording rec;

static void rec_reset(void)
{
	size_t i;
	rec.ncells = 0;
	buf_reset(&rec.text);
	buf_putc(&rec.text, '\0'); /* offset 0 is the empty string */
	rec.nsheets = 0;
	rec.nfmts = 0;
	for (i = 0; i < rec.nnumfmts; i++)
		free(rec.numfmts[i]);
	rec.nnumfmts = 0;
	rec.last_sheet = 0;
}

static void rec_free(void)
{
	rec_reset();
	free(rec.cells);
	free(rec.sheets);
	free(rec.sheet_names);
	free(rec.fmts);
	free(rec.numfmts);
	buf_release(&rec.text);
}

static size_t rec_text(const char *s)
{
	size_t at = rec.text.len;
	if (!s)
		return 0;
	buf_put(&rec.text, s, strlen(s) + 1);
	return at;
}

static const char *text_at(size_t off)
{
	return rec.text.data + off;
}

static unsigned rec_sheet(const lxw_worksheet *ws)
{
	size_t i;
	if (rec.last_sheet < rec.nsheets && rec.sheets[rec.last_sheet] == ws)
		return rec.last_sheet;
	for (i = 0; i < rec.nsheets; i++)
		if (rec.sheets[i] == ws)
			return rec.last_sheet = (unsigned)i;
	fprintf(stderr, "xlsx_bench: a cell of a sheet that was not recorded\n");
	exit(1);
}

static int rec_numfmt(const lxw_format *f)
{
	size_t i;
	if (!f)
		return -1;
	for (i = 0; i < rec.nfmts; i++)
		if (rec.fmts[i].f == f)
			return rec.fmts[i].numfmt;
	fprintf(stderr, "xlsx_bench: a cell format that was not recorded\n");
	exit(1);
}

static void rec_cell_add(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, cell_type t,
                         const lxw_format *f, double num, const char *s, const char *s2,
                         const lxw_datetime *dt)
{
	rec_cell c;
	memset(&c, 0, sizeof c);
	c.sheet = rec_sheet(ws);
	c.row = row;
	c.col = col;
	c.type = (unsigned char)t;
	c.numfmt = rec_numfmt(f);
	c.num = num;
	c.str = rec_text(s);
	c.str2 = rec_text(s2);
	if (dt)
		c.dt = *dt;
	ARRAY_PUSH(rec.cells, rec.ncells, rec.capcells, c);
}

lxw_worksheet *__wrap_workbook_add_worksheet(lxw_workbook *wb, const char *name)
{
	lxw_worksheet *ws = __real_workbook_add_worksheet(wb, name);
	if (rec.on && ws) {
		size_t off = rec_text(name ? name : "");
		size_t n = rec.nsheets;
		ARRAY_PUSH(rec.sheets, rec.nsheets, rec.capsheets, ws);
		ARRAY_PUSH(rec.sheet_names, n, rec.capnames, off);
	}
	return ws;
}

lxw_error __wrap_workbook_close(lxw_workbook *wb)
{
	stamp t0 = now();
	lxw_error e = __real_workbook_close(wb);
	close_time = since(t0);
	return e;
}

lxw_format *__wrap_workbook_add_format(lxw_workbook *wb)
{
	lxw_format *f = __real_workbook_add_format(wb);
	if (rec.on && f) {
		fmt_entry e = {f, -1};
		ARRAY_PUSH(rec.fmts, rec.nfmts, rec.capfmts, e);
	}
	return f;
}

void __wrap_format_set_num_format(lxw_format *f, const char *num_format)
{
	__real_format_set_num_format(f, num_format);
	if (rec.on) {
		size_t i, k;
		for (k = 0; k < rec.nnumfmts; k++)
			if (strcmp(rec.numfmts[k], num_format) == 0)
				break;
		if (k == rec.nnumfmts)
			ARRAY_PUSH(rec.numfmts, rec.nnumfmts, rec.capnumfmts, xstrdup(num_format));
		for (i = 0; i < rec.nfmts; i++)
			if (rec.fmts[i].f == f)
				rec.fmts[i].numfmt = (int)k;
	}
}

lxw_error __wrap_worksheet_write_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                        double number, lxw_format *f)
{
	if (rec.on)
		rec_cell_add(ws, row, col, C_NUMBER, f, number, NULL, NULL, NULL);
	return __real_worksheet_write_number(ws, row, col, number, f);
}

lxw_error __wrap_worksheet_write_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                        const char *string, lxw_format *f)
{
	if (rec.on)
		rec_cell_add(ws, row, col, C_STRING, f, 0, string, NULL, NULL);
	return __real_worksheet_write_string(ws, row, col, string, f);
}

lxw_error __wrap_worksheet_write_formula_num(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                             const char *formula, lxw_format *f, double result)
{
	if (rec.on)
		rec_cell_add(ws, row, col, C_FORMULA_NUM, f, result, formula, NULL, NULL);
	return __real_worksheet_write_formula_num(ws, row, col, formula, f, result);
}

lxw_error __wrap_worksheet_write_formula_str(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                             const char *formula, lxw_format *f,
                                             const char *result)
{
	if (rec.on)
		rec_cell_add(ws, row, col, C_FORMULA_STR, f, 0, formula, result, NULL);
	return __real_worksheet_write_formula_str(ws, row, col, formula, f, result);
}

lxw_error __wrap_worksheet_write_datetime(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                          lxw_datetime *dt, lxw_format *f)
{
	if (rec.on)
		rec_cell_add(ws, row, col, C_DATETIME, f, 0, NULL, NULL, dt);
	return __real_worksheet_write_datetime(ws, row, col, dt, f);
}

/* The bare writer: the recorded cells and nothing else. */
static int bare_write(const char *path)
{
	lxw_workbook *book = workbook_new(path);
	lxw_worksheet **ws;
	lxw_format **fmts;
	lxw_error e = LXW_NO_ERROR;
	size_t i;
	if (!book)
		return -1;
	ws = xcalloc(rec.nsheets ? rec.nsheets : 1, sizeof *ws);
	fmts = xcalloc(rec.nnumfmts ? rec.nnumfmts : 1, sizeof *fmts);
	for (i = 0; i < rec.nsheets; i++)
		ws[i] = __real_workbook_add_worksheet(book, text_at(rec.sheet_names[i]));
	for (i = 0; i < rec.nnumfmts; i++) {
		fmts[i] = __real_workbook_add_format(book);
		__real_format_set_num_format(fmts[i], rec.numfmts[i]);
	}
	for (i = 0; i < rec.ncells && e == LXW_NO_ERROR; i++) {
		rec_cell *c = &rec.cells[i];
		lxw_worksheet *s = ws[c->sheet];
		lxw_format *f = c->numfmt >= 0 ? fmts[c->numfmt] : NULL;
		switch (c->type) {
		case C_NUMBER:
			e = __real_worksheet_write_number(s, c->row, c->col, c->num, f);
			break;
		case C_STRING:
			e = __real_worksheet_write_string(s, c->row, c->col, text_at(c->str), f);
			break;
		case C_FORMULA_NUM:
			e = __real_worksheet_write_formula_num(s, c->row, c->col, text_at(c->str), f,
			                                       c->num);
			break;
		case C_FORMULA_STR:
			e = __real_worksheet_write_formula_str(s, c->row, c->col, text_at(c->str), f,
			                                       text_at(c->str2));
			break;
		default:
			e = __real_worksheet_write_datetime(s, c->row, c->col, &c->dt, f);
			break;
		}
	}
	if (workbook_close(book) != LXW_NO_ERROR || e != LXW_NO_ERROR)
		return -1;
	free(ws);
	free(fmts);
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

typedef struct sample {
	const node *n;
	int kind;
	size_t cells;
	stamp rekap, bare;
	double rekap_close, bare_close; /* CPU time in workbook_close */
	double ratio; /* of CPU times */
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

static void summary(const sample *s, size_t ns, FILE *out)
{
	int k;
	size_t i;
	double *ratios = xmalloc((ns ? ns : 1) * sizeof *ratios);
	fprintf(out, "%-15s %6s %10s %8s %8s %6s %6s %6s %6s %6s %6s %6s %7s\n", "kind", "books",
	        "cells", "rekap s", "bare s", "ratio", "wall", "median", "p90", "max", "fill",
	        "close", "ms/book");
	for (k = 0; k < K_COUNT; k++) {
		size_t n = 0, cells = 0;
		double rc = 0, bc = 0, rw = 0, bw = 0, rcl = 0, bcl = 0;
		for (i = 0; i < ns; i++) {
			if (k != K_ALL && s[i].kind != k)
				continue;
			ratios[n++] = s[i].ratio;
			cells += s[i].cells;
			rc += s[i].rekap.cpu;
			bc += s[i].bare.cpu;
			rw += s[i].rekap.wall;
			bw += s[i].bare.wall;
			rcl += s[i].rekap_close;
			bcl += s[i].bare_close;
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
			        "xlsx_bench: total %.3f median %.3f p90 %.3f max %.3f books %zu rekap_s %.3f "
			        "bare_s %.3f\n",
			        bc > 0 ? rc / bc : 0, quantile(ratios, n, 0.5), quantile(ratios, n, 0.9),
			        ratios[n - 1], n, rc, bc);
	}
	free(ratios);
}

static int by_sample_ratio(const void *a, const void *b)
{
	const sample *x = a, *y = b;
	return x->ratio > y->ratio ? -1 : x->ratio < y->ratio;
}

static void worst(const sample *s, size_t ns, const results *res, FILE *out)
{
	sample *copy = xmalloc((ns ? ns : 1) * sizeof *copy);
	size_t i;
	memcpy(copy, s, ns * sizeof *copy);
	qsort(copy, ns, sizeof *copy, by_sample_ratio);
	fprintf(out, "worst workbooks (CPU ratio, rekap ms, bare ms, cells, path):\n");
	for (i = 0; i < ns && i < 5; i++) {
		char *name = workbook_filename(copy[i].n, res->last_quarter);
		fprintf(out, "  %6.3f %8.2f %8.2f %9zu %s%s%s\n", copy[i].ratio, copy[i].rekap.cpu * 1e3,
		        copy[i].bare.cpu * 1e3, copy[i].cells, copy[i].n->path,
		        *copy[i].n->path ? "/" : "", name);
		free(name);
	}
	free(copy);
}

/* Loading, as rekap build does it (generator/build.c pipeline_load). */
typedef struct loaded {
	rules *r;
	records recs;
	results res;
	int have_recs, have_res;
} loaded;

static int load(loaded *ld, const char *rules_dir, const char *records_dir, int period)
{
	diag_list diags;
	int rc = -1;
	memset(ld, 0, sizeof *ld);
	diag_list_init(&diags);
	ld->r = rules_load(rules_dir, &diags);
	if (!ld->r)
		goto done;
	ld->have_recs = 1;
	if (records_load(&ld->recs, records_dir, ld->r, &diags) != 0 || diags.errors)
		goto done;
	rules_set_language(ld->r,
	                   lang_from_code(val_get_str(ld->recs.settings, "bahasa")) == LANG_EN);
	ld->have_res = 1;
	if (results_compute(&ld->res, &ld->recs, ld->r, period, &diags) != 0 || diags.errors)
		goto done;
	rc = 0;
done:
	if (rc)
		diag_list_print(&diags, stderr, DIAG_FORMAT_TEXT, "id");
	diag_list_release(&diags);
	return rc;
}

static void unload(loaded *ld)
{
	if (ld->have_res)
		results_release(&ld->res);
	if (ld->have_recs)
		records_release(&ld->recs);
	rules_free(ld->r);
}

/* The time rekap build stores in workbooks (generator/build.c creation_time). */
static long long creation_time(const results *res)
{
	int next = (res->last_quarter + 1) * 3;
	return (long long)date_from_ymd(next / 12, next % 12 + 1, 1) * 86400;
}

static int write_rekap(const char *path, const node *n, const loaded *ld, int record)
{
	diag_list diags;
	const char *org = val_get_str(ld->recs.settings, "organisasi");
	lang l = lang_from_code(val_get_str(ld->recs.settings, "bahasa"));
	int rc;
	diag_list_init(&diags);
	rec.on = record;
	rc = workbook_write(path, n, &ld->res, l, org ? org : "", creation_time(&ld->res), &diags);
	rec.on = 0;
	if (rc != 0)
		diag_list_print(&diags, stderr, DIAG_FORMAT_TEXT, "id");
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
	loaded ld;
	sample *samples;
	size_t ns = 0, k, done[K_COUNT] = {0};
	char *rekap_path, *bare_path, *check_dir;
	FILE *tsv = NULL;
	int failures = 0, checked[K_COUNT] = {0};
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
			if ((period = parse_quarter(v)) < 0)
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
	if (load(&ld, rules_dir, records_dir, period) != 0)
		return 1;
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
		             "bare_close\tratio\tpath\n");
	rekap_path = path_join(outdir, "rekap.xlsx");
	bare_path = path_join(outdir, "bare.xlsx");
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
		if (write_rekap(rekap_path, n, &ld, 1) != 0)
			return 1;
		s->cells = rec.ncells;
		if (keep) {
			char *name = workbook_filename(n, ld.res.last_quarter);
			char *dir = path_join(keep, n->path);
			char *kept = path_join(dir, name);
			if (make_dirs(dir) != 0 || rename(rekap_path, kept) != 0) {
				fprintf(stderr, "xlsx_bench: cannot keep %s: %s\n", kept, strerror(errno));
				return 1;
			}
			free(name);
			free(dir);
			free(kept);
		}
		/* 2. and 3., alternating */
		for (r = 0; r < repeat; r++) {
			stamp t0 = now(), dr, db, rclose;
			if (write_rekap(rekap_path, n, &ld, 0) != 0)
				return 1;
			dr = since(t0);
			rclose = close_time;
			t0 = now();
			if (bare_write(bare_path) != 0) {
				fprintf(stderr, "xlsx_bench: the bare writer failed for %s\n", n->path);
				return 1;
			}
			db = since(t0);
			if (r == 0 || dr.cpu < s->rekap.cpu) {
				s->rekap = dr;
				s->rekap_close = rclose.cpu;
			}
			if (r == 0 || db.cpu < s->bare.cpu) {
				s->bare = db;
				s->bare_close = close_time.cpu;
			}
		}
		s->ratio = s->bare.cpu > 0 ? s->rekap.cpu / s->bare.cpu : 0;
		if (tsv) {
			char *name = workbook_filename(n, ld.res.last_quarter);
			fprintf(tsv, "%s\t%zu\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.4f\t%s%s%s\n",
			        kind_names[s->kind], s->cells, s->rekap.cpu, s->bare.cpu, s->rekap.wall,
			        s->bare.wall, s->rekap_close, s->bare_close, s->ratio, n->path,
			        *n->path ? "/" : "", name);
			free(name);
		}
		if (check && !checked[s->kind]) {
			char *a = xasprintf("%s/%s-rekap.xlsx", check_dir, kind_files[s->kind]);
			char *b = xasprintf("%s/%s-bare.xlsx", check_dir, kind_files[s->kind]);
			int st;
			checked[s->kind] = 1;
			if (rename(rekap_path, a) != 0 || rename(bare_path, b) != 0) {
				fprintf(stderr, "xlsx_bench: cannot keep %s: %s\n", a, strerror(errno));
				return 1;
			}
			st = same_cells(a, b);
			if (st != 0) {
				fprintf(stderr, "xlsx_bench: %s and %s differ (status %d)\n", a, b, st);
				failures++;
			}
			free(a);
			free(b);
		}
		ns++;
	}
	remove(rekap_path);
	remove(bare_path);
	{
		const char *tmp = getenv("TMPDIR");
		printf("xlsx_bench: %s, %zu workbooks, repeat %ld, TMPDIR=%s, %.1f s in all\n", records_dir,
		       ns, repeat, tmp ? tmp : "(unset)", since(all).wall);
	}
	printf("rekap s, bare s: CPU seconds; ratio: rekap / bare of the totals; wall: the same of\n"
	       "wall time; median, p90, max: of the ratio of each workbook; close: the ratio of the\n"
	       "CPU time in workbook_close (libxlsxwriter writing the package); fill: of the rest\n");
	summary(samples, ns, stdout);
	worst(samples, ns, &ld.res, stdout);
	if (check)
		printf("xlsx_bench: --check: %s\n", failures ? "FAILED" : "the same cells on both sides");
	if (tsv)
		fclose(tsv);
	free(samples);
	free(rekap_path);
	free(bare_path);
	free(check_dir);
	rec_free();
	unload(&ld);
	return failures ? 1 : 0;
}
