/* lbkp.c - form LBKP-1 (Laporan Bulanan Kesehatan Kerja) of a puskesmas filled from its posts: the form's cells, its workbook sheets and page section. */
#include "lbkp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compute.h"
#include "locale.h"
#include "period.h"

/* ---- the form's rows ---- */

/* Each row adds the posts' _l and _p columns; its total is l + p, or, for a
 * post that did not report both, the total column, then the older column
 * that counted the same without the split (penyakit_umum, pak, kak). */
static const struct {
	const char *no, *id, *en;
	const char *l, *p, *total, *fallback;
} form_rows[LB_ROWS] = {
	{"1", "Kunjungan pekerja", "Worker visits", "kunjungan_l", "kunjungan_p", NULL, NULL},
	{"2", "Pekerja sakit yang dilayani", "Sick workers served", "sakit_dilayani_l",
	 "sakit_dilayani_p", NULL, NULL},
	{"3a", "Penyakit umum: kasus", "General illness: cases", "penyakit_umum_kasus_l",
	 "penyakit_umum_kasus_p", NULL, "penyakit_umum"},
	{"3b", "Penyakit umum: pekerja", "General illness: workers", "penyakit_umum_pekerja_l",
	 "penyakit_umum_pekerja_p", NULL, NULL},
	{"4a", "Penyakit akibat kerja (PAK): kasus", "Occupational disease (PAK): cases",
	 "pak_kasus_l", "pak_kasus_p", NULL, NULL},
	{"4b", "Penyakit akibat kerja (PAK): pekerja", "Occupational disease (PAK): workers",
	 "pak_pekerja_l", "pak_pekerja_p", NULL, NULL},
	{"4c", "PAK: kasus dugaan", "PAK: suspected cases", NULL, NULL, "pak_dugaan", "pak"},
	{"4d", "PAK: kasus pasti", "PAK: confirmed cases", NULL, NULL, "pak_pasti", NULL},
	{"5a", "Kecelakaan akibat kerja (KAK): kasus", "Work accidents (KAK): cases",
	 "kak_kasus_l", "kak_kasus_p", NULL, "kak"},
	{"5b", "Kecelakaan akibat kerja (KAK): pekerja", "Work accidents (KAK): workers",
	 "kak_pekerja_l", "kak_pekerja_p", NULL, NULL},
};

/* ---- the form's cells ---- */

static size_t column_index(const rules *r, const char *name)
{
	size_t j;
	for (j = 0; name && j < r->ncolumns; j++)
		if (strcmp(r->columns[j].name, name) == 0)
			return j;
	return (size_t)-1;
}

static double column_value(const report *rp, size_t col)
{
	return rp && col != (size_t)-1 ? rp->values[col] : NAN;
}

/* Add v to *sum; a sum nobody added to stays NAN. */
static void add_reported(double *sum, double v)
{
	if (isnan(v))
		return;
	*sum = isnan(*sum) ? v : *sum + v;
}

/* The columns of laporan.csv a row of the form reads, by name, looked up once
 * per form rather than once per post. */
typedef struct row_columns {
	size_t l, p, total, fallback;
} row_columns;

static void find_columns(row_columns *cols, const rules *r)
{
	size_t row;
	for (row = 0; row < LB_ROWS; row++) {
		cols[row].l = column_index(r, form_rows[row].l);
		cols[row].p = column_index(r, form_rows[row].p);
		cols[row].total = column_index(r, form_rows[row].total);
		cols[row].fallback = column_index(r, form_rows[row].fallback);
	}
}

static void add_post_row(double *cells, const row_columns *cols, const report *rp)
{
	double l = column_value(rp, cols->l);
	double p = column_value(rp, cols->p);
	double total = !isnan(l) && !isnan(p) ? l + p : NAN;
	if (isnan(total))
		total = column_value(rp, cols->total);
	if (isnan(total))
		total = column_value(rp, cols->fallback);
	add_reported(&cells[LB_L], l);
	add_reported(&cells[LB_P], p);
	add_reported(&cells[LB_TOTAL], total);
}

/* Diseases being added up. */
typedef struct disease_sum {
	lbkp_disease *items;
	size_t n, cap;
	size_t posts; /* posts that wrote a row in the months */
} disease_sum;

static void add_diseases(disease_sum *s, const node *post, int first, int last)
{
	size_t i, j;
	int wrote = 0;
	for (i = 0; i < post->ndiseases; i++) {
		const disease_row *d = &post->diseases[i];
		if (d->month < first || d->month > last)
			continue;
		wrote = 1;
		for (j = 0; j < s->n && strcmp(s->items[j].code, d->code) != 0; j++)
			;
		if (j == s->n) {
			lbkp_disease nd = {d->code, d->name, 0, 0};
			ARRAY_PUSH(s->items, s->n, s->cap, nd);
		}
		s->items[j].l += d->cases_l;
		s->items[j].p += d->cases_p;
	}
	s->posts += (size_t)wrote;
}

static int disease_cmp(const void *pa, const void *pb)
{
	const lbkp_disease *a = pa, *b = pb;
	double ta = a->l + a->p, tb = b->l + b->p;
	if (ta != tb)
		return ta > tb ? -1 : 1;
	return strcmp(a->code, b->code);
}

/* The most common of s into out (diseases without a case left out). */
static size_t take_top(disease_sum *s, lbkp_disease *out)
{
	size_t i, n = 0;
	if (s->n)
		qsort(s->items, s->n, sizeof *s->items, disease_cmp);
	for (i = 0; i < s->n && n < LBKP_TOP; i++)
		if (s->items[i].l + s->items[i].p > 0)
			out[n++] = s->items[i];
	free(s->items);
	return n;
}

void lbkp_fill(lbkp_form *f, const node *p, const rules *r, int month)
{
	disease_sum ds;
	row_columns cols[LB_ROWS];
	size_t i, row, side;
	find_columns(cols, r);
	memset(f, 0, sizeof *f);
	memset(&ds, 0, sizeof ds);
	f->month = month;
	for (row = 0; row < LB_ROWS; row++)
		for (side = 0; side < LB_SIDES; side++)
			f->cells[row][side] = NAN;
	for (i = 0; i < p->nchildren; i++) {
		const node *post = p->children[i];
		const report *rp;
		if (post->kind != NODE_POS ||
		    compute_month_report(post, month, r->deadline_day, &rp) == REPORT_NOT_OWED)
			continue;
		f->posts++;
		if (rp && rp->quarterly) {
			f->quarterly++; /* its row covers the quarter: no month of it here */
			rp = NULL;
		}
		f->reporting += rp != NULL;
		for (row = 0; rp && row < LB_ROWS; row++)
			add_post_row(f->cells[row], &cols[row], rp);
		add_diseases(&ds, post, month, month);
	}
	f->disease_posts = ds.posts;
	f->ntop = take_top(&ds, f->top);
}

size_t lbkp_top_diseases(const records *recs, const node *n, int first, int last,
                         lbkp_disease *out)
{
	disease_sum ds;
	size_t i;
	memset(&ds, 0, sizeof ds);
	for (i = 0; i < recs->nposts; i++)
		if (node_is_below(recs->posts[i], n))
			add_diseases(&ds, recs->posts[i], first, last);
	return take_top(&ds, out);
}

/* ---- words ---- */

#define FORM_TITLE(l) \
	TR(l, "LAPORAN BULANAN KESEHATAN KERJA PUSKESMAS (LBKP-1)", \
	     "MONTHLY OCCUPATIONAL HEALTH REPORT OF THE PUSKESMAS (LBKP-1)")
#define TOP_TITLE(l) \
	TR(l, "Sepuluh penyakit terbanyak pada pekerja", "Ten most common diseases among workers")
#define SOURCE_NOTE(l) \
	TR(l, "Diisi dari laporan.csv dan penyakit.csv Pos UKK puskesmas ini; susunan formulir " \
	        "LBKP-1 (Kemenkes, 2015; PAK dugaan/pasti dari versi kabupaten 2020). Sel tanpa " \
	        "laporan ditulis “tidak dilaporkan”, bukan 0.", \
	     "Filled from laporan.csv and penyakit.csv of this puskesmas' Pos UKK; layout of form " \
	        "LBKP-1 (Ministry of Health, 2015; suspected/confirmed PAK from the 2020 district " \
	        "version). Cells without reports read “not reported”, never 0.")

static void posts_text(buf *b, const lbkp_form *f, lang l)
{
	buf_printf(b, TR(l, "%zu Pos UKK dibina, %zu melapor", "%zu Pos UKK supervised, %zu reporting"),
	           f->posts, f->reporting);
	if (f->quarterly)
		buf_printf(b,
		           TR(l,
		              "; %zu melapor per triwulan, dan angkanya tidak dapat dibagi ke "
		              "formulir bulanan ini",
		              "; %zu reporting by quarter, whose figures cannot be split into this "
		              "monthly form"),
		           f->quarterly);
}

/* ---- the workbook sheets ---- */

enum { XC_NO, XC_ITEM, XC_CODE, XC_L, XC_P, XC_TOTAL, XC_COUNT };
enum { XR_TITLE, XR_PUSKESMAS, XR_DISTRICT, XR_PROVINCE, XR_MONTH, XR_POSTS, XR_HEADER = 7,
       XR_FIRST = 8 };

typedef struct sheet {
	lxw_worksheet *ws;
	lxw_format *title, *header, *text, *number, *missing, *note;
	lang l;
	lxw_error err;
} sheet;

static void check(sheet *s, lxw_error e)
{
	if (s->err == LXW_NO_ERROR && e != LXW_NO_ERROR)
		s->err = e;
}

static void put_str(sheet *s, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f)
{
	check(s, worksheet_write_string(s->ws, row, col, text, f));
}

static void put_cell(sheet *s, lxw_row_t row, lxw_col_t col, double v)
{
	if (isnan(v))
		put_str(s, row, col, tr(s->l, "not_reported"), s->missing);
	else
		check(s, worksheet_write_number(s->ws, row, col, v, s->number));
}

static lxw_format *bordered(lxw_workbook *book)
{
	lxw_format *f = workbook_add_format(book);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_font_size(f, 10);
	return f;
}

static void sheet_formats(sheet *s, lxw_workbook *book)
{
	s->title = workbook_add_format(book);
	format_set_bold(s->title);
	format_set_font_size(s->title, 13);
	s->header = bordered(book);
	format_set_bold(s->header);
	format_set_text_wrap(s->header);
	format_set_align(s->header, LXW_ALIGN_CENTER);
	format_set_pattern(s->header, LXW_PATTERN_SOLID);
	format_set_bg_color(s->header, 0xDDEBF7);
	s->text = bordered(book);
	format_set_text_wrap(s->text);
	s->number = bordered(book);
	format_set_num_format(s->number, "#,##0");
	s->missing = bordered(book);
	format_set_italic(s->missing);
	format_set_font_color(s->missing, 0x595959);
	format_set_align(s->missing, LXW_ALIGN_RIGHT);
	s->note = workbook_add_format(book);
	format_set_font_size(s->note, 10);
	format_set_text_wrap(s->note);
	format_set_align(s->note, LXW_ALIGN_VERTICAL_TOP);
}

static void put_headers(sheet *s, lxw_row_t row, const char *item, const char *code)
{
	put_str(s, row, XC_NO, "No", s->header);
	put_str(s, row, XC_ITEM, item, s->header);
	put_str(s, row, XC_CODE, code, s->header);
	put_str(s, row, XC_L, TR(s->l, "Laki-laki", "Men"), s->header);
	put_str(s, row, XC_P, TR(s->l, "Perempuan", "Women"), s->header);
	put_str(s, row, XC_TOTAL, TR(s->l, "Jumlah", "Total"), s->header);
}

static void put_labelled(sheet *s, lxw_row_t row, const char *label, const char *text)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s: %s", label, text ? text : "–");
	put_str(s, row, XC_NO, buf_cstr(&b), NULL);
	buf_release(&b);
}

static const node *ancestor(const node *n, node_kind a, node_kind b)
{
	for (; n; n = n->parent)
		if (n->kind == a || n->kind == b)
			return n;
	return NULL;
}

static void sheet_heading(sheet *s, const node *p, const lbkp_form *f)
{
	const node *district = ancestor(p, NODE_KABUPATEN, NODE_KOTA);
	const node *province = ancestor(p, NODE_PROVINSI, NODE_PROVINSI);
	buf b = BUF_INIT;
	put_str(s, XR_TITLE, XC_NO, FORM_TITLE(s->l), s->title);
	put_labelled(s, XR_PUSKESMAS, "Puskesmas", p->name);
	put_labelled(s, XR_DISTRICT, TR(s->l, "Kabupaten/Kota", "District/city"),
	             district ? district->name : NULL);
	put_labelled(s, XR_PROVINCE, TR(s->l, "Provinsi", "Province"),
	             province ? province->name : NULL);
	fmt_month(&b, s->l, f->month);
	put_labelled(s, XR_MONTH, TR(s->l, "Bulan", "Month"), buf_cstr(&b));
	buf_reset(&b);
	posts_text(&b, f, s->l);
	put_labelled(s, XR_POSTS, "Pos UKK", buf_cstr(&b));
	buf_release(&b);
}

static lxw_row_t sheet_form_rows(sheet *s, const lbkp_form *f)
{
	lxw_row_t row = XR_FIRST;
	size_t i;
	put_headers(s, XR_HEADER, TR(s->l, "Kegiatan", "Item"), "");
	for (i = 0; i < LB_ROWS; i++, row++) {
		put_str(s, row, XC_NO, form_rows[i].no, s->text);
		put_str(s, row, XC_ITEM, TR(s->l, form_rows[i].id, form_rows[i].en), s->text);
		put_str(s, row, XC_CODE, "", s->text);
		if (form_rows[i].l) {
			put_cell(s, row, XC_L, f->cells[i][LB_L]);
			put_cell(s, row, XC_P, f->cells[i][LB_P]);
		} else {
			put_str(s, row, XC_L, "", s->text);
			put_str(s, row, XC_P, "", s->text);
		}
		put_cell(s, row, XC_TOTAL, f->cells[i][LB_TOTAL]);
	}
	return row;
}

static lxw_row_t sheet_top(sheet *s, lxw_row_t row, const lbkp_form *f)
{
	lxw_row_t i;
	put_str(s, ++row, XC_NO, TOP_TITLE(s->l), s->title);
	put_headers(s, ++row, TR(s->l, "Nama penyakit", "Disease"),
	            TR(s->l, "Kode ICD-10", "ICD-10 code"));
	for (i = 0; i < LBKP_TOP; i++) {
		const lbkp_disease *d = i < f->ntop ? &f->top[i] : NULL;
		row++;
		check(s, worksheet_write_number(s->ws, row, XC_NO, i + 1, s->text));
		if (!d) {
			const char *why = i > 0 || f->disease_posts ? "" : tr(s->l, "not_reported");
			put_str(s, row, XC_ITEM, why, i ? s->text : s->missing);
			put_str(s, row, XC_CODE, "", s->text);
			put_str(s, row, XC_L, "", s->text);
			put_str(s, row, XC_P, "", s->text);
			put_str(s, row, XC_TOTAL, "", s->text);
			continue;
		}
		put_str(s, row, XC_ITEM, d->name, s->text);
		put_str(s, row, XC_CODE, d->code, s->text);
		put_cell(s, row, XC_L, d->l);
		put_cell(s, row, XC_P, d->p);
		put_cell(s, row, XC_TOTAL, d->l + d->p);
	}
	return row;
}

static void sheet_page(sheet *s, lxw_row_t last)
{
	static const double widths[XC_COUNT] = {6, 44, 12, 12, 12, 12};
	lxw_col_t c;
	for (c = 0; c < XC_COUNT; c++)
		check(s, worksheet_set_column(s->ws, c, c, widths[c], NULL));
	worksheet_set_portrait(s->ws);
	worksheet_set_paper(s->ws, 9); /* A4 */
	worksheet_fit_to_pages(s->ws, 1, 1);
	worksheet_set_margins(s->ws, 0.5, 0.5, 0.6, 0.6);
	check(s, worksheet_print_area(s->ws, 0, 0, last, XC_COUNT - 1));
}

static lxw_error write_sheet(lxw_workbook *book, const node *p, const rules *r, int month,
                             lang l)
{
	sheet s;
	lbkp_form f;
	buf name = BUF_INIT;
	lxw_row_t row;
	memset(&s, 0, sizeof s);
	s.l = l;
	buf_puts(&name, "LBKP-1 ");
	period_format_month(&name, month);
	s.ws = workbook_add_worksheet(book, buf_cstr(&name));
	buf_release(&name);
	if (!s.ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	sheet_formats(&s, book);
	lbkp_fill(&f, p, r, month);
	sheet_heading(&s, p, &f);
	row = sheet_form_rows(&s, &f);
	row = sheet_top(&s, row, &f);
	row += 2;
	check(&s, worksheet_merge_range(s.ws, row, XC_NO, row, XC_COUNT - 1, SOURCE_NOTE(l), s.note));
	check(&s, worksheet_set_row(s.ws, row, 40, NULL));
	sheet_page(&s, row);
	return s.err;
}

lxw_error lbkp_write_sheets(lxw_workbook *book, const node *p, const results *res, lang l)
{
	int m;
	lxw_error e = LXW_NO_ERROR;
	if (!res->nquarters || res->last_quarter < 0)
		return LXW_NO_ERROR;
	for (m = res->last_quarter * 3; m < res->last_quarter * 3 + 3 && e == LXW_NO_ERROR; m++)
		e = write_sheet(book, p, res->rules, m, l);
	return e;
}

/* ---- the page section ---- */

static const char *count_text(arena *a, buf *b, lang l, double v)
{
	const char *s;
	if (isnan(v))
		return tr(l, "not_reported");
	fmt_number(b, l, v, 0);
	s = arena_strdup(a, buf_cstr(b));
	buf_reset(b);
	return s;
}

static value *disease_list(arena *a, buf *b, lang l, const lbkp_disease *top, size_t n)
{
	value *list = val_list(a);
	size_t i;
	for (i = 0; i < n; i++) {
		value *m = val_map(a);
		val_set_num(a, m, "rank", (double)(i + 1));
		val_set_str(a, m, "code", top[i].code);
		val_set_str(a, m, "name", top[i].name);
		val_set_str(a, m, "l", count_text(a, b, l, top[i].l));
		val_set_str(a, m, "p", count_text(a, b, l, top[i].p));
		val_set_str(a, m, "total", count_text(a, b, l, top[i].l + top[i].p));
		val_list_push(a, list, m);
	}
	return list;
}

/* What the disease table says when it has no row. */
static const char *no_diseases(lang l, size_t posts)
{
	return posts ? TR(l, "tidak ada kasus", "no cases") : tr(l, "not_reported");
}

static value *form_rows_list(arena *a, buf *b, lang l, const lbkp_form *f)
{
	value *list = val_list(a);
	size_t i;
	for (i = 0; i < LB_ROWS; i++) {
		value *m = val_map(a);
		int split = form_rows[i].l != NULL;
		val_set_str(a, m, "no", form_rows[i].no);
		val_set_str(a, m, "label", TR(l, form_rows[i].id, form_rows[i].en));
		val_set_str(a, m, "l", split ? count_text(a, b, l, f->cells[i][LB_L]) : "–");
		val_set_str(a, m, "p", split ? count_text(a, b, l, f->cells[i][LB_P]) : "–");
		val_set_str(a, m, "total", count_text(a, b, l, f->cells[i][LB_TOTAL]));
		val_list_push(a, list, m);
	}
	return list;
}

static value *month_context(arena *a, buf *b, const node *p, const rules *r, int month, lang l)
{
	value *m = val_map(a);
	lbkp_form f;
	lbkp_fill(&f, p, r, month);
	fmt_month(b, l, month);
	val_set_str(a, m, "month", buf_cstr(b));
	buf_reset(b);
	period_format_month(b, month);
	val_set_str(a, m, "sheet", buf_cstr(b));
	buf_reset(b);
	posts_text(b, &f, l);
	val_set_str(a, m, "posts", buf_cstr(b));
	buf_reset(b);
	val_map_set(a, m, "rows", form_rows_list(a, b, l, &f));
	val_map_set(a, m, "diseases", disease_list(a, b, l, f.top, f.ntop));
	val_set_bool(a, m, "has_diseases", f.ntop > 0);
	val_set_str(a, m, "no_diseases", no_diseases(l, f.disease_posts));
	return m;
}

static void set_words(arena *a, value *ctx, lang l)
{
	val_set_str(a, ctx, "title", TR(l, "Laporan Bulanan Kesehatan Kerja (LBKP-1)",
	                                  "Monthly occupational health report (LBKP-1)"));
	val_set_str(a, ctx, "top_title", TOP_TITLE(l));
	val_set_str(a, ctx, "source", SOURCE_NOTE(l));
	val_set_str(a, ctx, "h_item", TR(l, "Kegiatan", "Item"));
	val_set_str(a, ctx, "h_name", TR(l, "Nama penyakit", "Disease"));
	val_set_str(a, ctx, "h_code", TR(l, "Kode ICD-10", "ICD-10 code"));
	val_set_str(a, ctx, "h_l", TR(l, "Laki-laki", "Men"));
	val_set_str(a, ctx, "h_p", TR(l, "Perempuan", "Women"));
	val_set_str(a, ctx, "h_total", TR(l, "Jumlah", "Total"));
	val_set_str(a, ctx, "workbook_note",
	            TR(l, "Formulir siap cetak, satu halaman A4 per bulan, ada di buku kerja "
	                    "puskesmas ini: lembar LBKP-1 tiap bulan.",
	                 "The printable form, one A4 page a month, is in this puskesmas' "
	                 "workbook: one LBKP-1 sheet a month."));
	val_set_str(a, ctx, "top_source",
	            TR(l, "Dijumlah dari penyakit.csv semua Pos UKK di bawahnya, tiga bulan "
	                    "triwulan ini (LBKP-1: sepuluh penyakit terbanyak).",
	                 "Added up from penyakit.csv of every Pos UKK below, over the three months "
	                 "of this quarter (LBKP-1: ten most common diseases)."));
}

static void area_context(arena *a, buf *b, value *ctx, const node *n, const results *res, lang l)
{
	lbkp_disease top[LBKP_TOP];
	int first = res->last_quarter * 3;
	size_t i, posts = 0, ntop = lbkp_top_diseases(res->recs, n, first, first + 2, top);
	for (i = 0; i < res->recs->nposts; i++) {
		const node *post = res->recs->posts[i];
		size_t j;
		for (j = 0; j < post->ndiseases && node_is_below(post, n); j++)
			if (post->diseases[j].month >= first && post->diseases[j].month <= first + 2) {
				posts++;
				break;
			}
	}
	fmt_quarter(b, l, res->last_quarter, 0);
	val_set_str(a, ctx, "quarter", buf_cstr(b));
	buf_reset(b);
	val_set_bool(a, ctx, "is_area", 1);
	val_map_set(a, ctx, "diseases", disease_list(a, b, l, top, ntop));
	val_set_bool(a, ctx, "has_diseases", ntop > 0);
	val_set_str(a, ctx, "no_diseases", no_diseases(l, posts));
}

value *lbkp_page_context(arena *a, const node *n, const results *res, lang l)
{
	value *ctx;
	buf b = BUF_INIT;
	if (n->kind == NODE_POS || !res->nquarters || res->last_quarter < 0)
		return NULL;
	ctx = val_map(a);
	set_words(a, ctx, l);
	if (n->kind == NODE_PUSKESMAS) {
		value *months = val_list(a);
		int m;
		for (m = res->last_quarter * 3; m < res->last_quarter * 3 + 3; m++)
			val_list_push(a, months, month_context(a, &b, n, res->rules, m, l));
		val_set_bool(a, ctx, "is_puskesmas", 1);
		val_map_set(a, ctx, "months", months);
	} else {
		area_context(a, &b, ctx, n, res, l);
	}
	buf_release(&b);
	return ctx;
}
