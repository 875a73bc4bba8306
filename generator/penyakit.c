/* penyakit.c - a post's penyakit.csv (diseases by month, for form LBKP-1), its codes checked against the bundled ICD-10 chapter ranges. */
#include "penyakit.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

/* The chapters of ICD-10 (WHO, 2019 edition) by the categories they span,
 * first and last inclusive. Only the ranges are kept: names of diseases are
 * written by the user and shown as written. */
static const struct {
	const char *first, *last;
} chapters[] = {
	{"A00", "B99"}, /* I    certain infectious and parasitic diseases */
	{"C00", "D48"}, /* II   neoplasms */
	{"D50", "D89"}, /* III  blood and immune mechanism */
	{"E00", "E90"}, /* IV   endocrine, nutritional and metabolic */
	{"F00", "F99"}, /* V    mental and behavioural */
	{"G00", "G99"}, /* VI   nervous system */
	{"H00", "H59"}, /* VII  eye and adnexa */
	{"H60", "H95"}, /* VIII ear and mastoid process */
	{"I00", "I99"}, /* IX   circulatory system */
	{"J00", "J99"}, /* X    respiratory system */
	{"K00", "K93"}, /* XI   digestive system */
	{"L00", "L99"}, /* XII  skin and subcutaneous tissue */
	{"M00", "M99"}, /* XIII musculoskeletal system and connective tissue */
	{"N00", "N99"}, /* XIV  genitourinary system */
	{"O00", "O99"}, /* XV   pregnancy, childbirth and the puerperium */
	{"P00", "P96"}, /* XVI  perinatal period */
	{"Q00", "Q99"}, /* XVII congenital malformations */
	{"R00", "R99"}, /* XVIII symptoms, signs and abnormal findings */
	{"S00", "T98"}, /* XIX  injury, poisoning and external causes' consequences */
	{"V01", "Y98"}, /* XX   external causes of morbidity and mortality */
	{"Z00", "Z99"}, /* XXI  factors influencing health status */
	{"U00", "U85"}, /* XXII codes for special purposes */
};

int icd10_well_formed(const char *s)
{
	if (!isupper((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]))
		return 0;
	if (s[3] == '\0')
		return 1;
	if (s[3] != '.' || !isdigit((unsigned char)s[4]))
		return 0;
	return s[5] == '\0' || (isdigit((unsigned char)s[5]) && s[6] == '\0');
}

/* Order of two categories "A00".."Z99": letter, then number. */
static int category_cmp(const char *a, const char *b)
{
	int i;
	for (i = 0; i < 3; i++)
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
	return 0;
}

int icd10_chapter(const char *code)
{
	size_t i;
	for (i = 0; i < sizeof chapters / sizeof *chapters; i++)
		if (category_cmp(code, chapters[i].first) >= 0 &&
		    category_cmp(code, chapters[i].last) <= 0)
			return (int)i + 1;
	return 0;
}

/* ---- reading penyakit.csv ---- */

enum { DC_PERIODE, DC_KODE, DC_NAMA, DC_KASUS_L, DC_KASUS_P, DC_COUNT };
static const char *const disease_columns[DC_COUNT] = {"periode", "kode_icd10", "nama", "kasus_l",
                                                      "kasus_p"};
#define CASES_MAX 100000

/* The cell's text without the spaces around it, in the arena. */
static char *trimmed(arena *a, const char *s)
{
	size_t n;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(a, s, n);
}

/* A cell's text as a message quotes it (see buf_put_shown), in the arena. */
static const char *shown(arena *a, const char *s)
{
	return arena_shown(a, s, 80);
}

/* Map the header's cells to disease_columns; -1 for a column to skip.
 * Returns the number of errors. */
static size_t map_disease_header(const csv_row *h, size_t width, int *map, const char *file,
                                 arena *a, diag_list *diags)
{
	int seen[DC_COUNT] = {0};
	size_t i, j, errors = 0;
	for (i = 0; i < width; i++) {
		map[i] = -1;
		for (j = 0; j < DC_COUNT; j++)
			if (strcmp(h->cells[i].text, disease_columns[j]) == 0)
				map[i] = (int)j;
		if (map[i] < 0 || seen[map[i]]++) {
			diag_error(diags, file, h->cells[i].line, h->cells[i].column,
			           map[i] < 0
			                   ? TR(diags->lang,
			                        "kolom \"%s\" tidak dikenal di penyakit.csv; kolom yang "
			                        "dikenal: periode, kode_icd10, nama, kasus_l, kasus_p",
			                        "unknown column \"%s\" in penyakit.csv; known columns: "
			                        "periode, kode_icd10, nama, kasus_l, kasus_p")
			                   : TR(diags->lang, "kolom \"%s\" muncul dua kali",
			                        "column \"%s\" appears twice"),
			           shown(a, h->cells[i].text));
			map[i] = -1;
			errors++;
		}
	}
	for (j = 0; j < DC_COUNT; j++)
		if (!seen[j]) {
			diag_error(diags, file, h->line, 1,
			           TR(diags->lang,
			              "kolom wajib \"%s\" tidak ada di baris judul penyakit.csv",
			              "the required column \"%s\" is missing from the header row of "
			              "penyakit.csv"),
			           disease_columns[j]);
			errors++;
		}
	return errors;
}

/* What a row is checked against: the months laporan.csv reports. */
typedef struct row_context {
	const char *file;
	arena *a;
	diag_list *diags;
	penyakit_month_fn reported;
	const void *ctx;
} row_context;

static int read_disease_month(const csv_cell *c, const row_context *rc, int *month)
{
	const char *file = rc->file;
	diag_list *diags = rc->diags;
	int period, quarterly;
	buf hint = BUF_INIT;
	int parsed = period_parse(c->text, &period, &quarterly) == 0;
	if (!parsed && csvr_month_hint_message(&hint, diags->lang, shown(rc->a, c->text), c->text))
		diag_error(diags, file, c->line, c->column, "%s", buf_cstr(&hint));
	else if (!parsed || quarterly)
		diag_error(diags, file, c->line, c->column,
		           TR(diags->lang,
		              "periode \"%s\" tidak dikenal; penyakit.csv ditulis per bulan, mis. 2024-04",
		              "unknown period \"%s\"; penyakit.csv is written by month, e.g. 2024-04"),
		           shown(rc->a, c->text));
	buf_release(&hint);
	if (!parsed || quarterly)
		return -1;
	if (!rc->reported(rc->ctx, period)) {
		diag_error(diags, file, c->line, c->column,
		           TR(diags->lang,
		              "periode %s tidak ada di laporan.csv pos ini; tambahkan laporan bulan "
		              "itu atau perbaiki periodenya",
		              "period %s is not in this post's laporan.csv; add that month's report "
		              "or correct the period"),
		           c->text);
		return -1;
	}
	*month = period;
	return 0;
}

static int read_disease_code(const csv_cell *c, arena *a, const char *file, diag_list *diags,
                             const char **code)
{
	char *s = trimmed(a, c->text), *q;
	for (q = s; *q; q++)
		*q = (char)toupper((unsigned char)*q);
	if (!icd10_well_formed(s)) {
		diag_error(diags, file, c->line, c->column,
		           TR(diags->lang,
		              "\"%s\" bukan kode ICD-10; tulis satu huruf dan dua angka, bila perlu "
		              "dengan titik dan satu atau dua angka lagi, mis. J06 atau J06.9",
		              "\"%s\" is not an ICD-10 code; write a letter and two digits, followed "
		              "if needed by a dot and one or two digits, e.g. J06 or J06.9"),
		           shown(a, c->text));
		return -1;
	}
	if (!icd10_chapter(s)) {
		diag_error(diags, file, c->line, c->column,
		           TR(diags->lang,
		              "kode %s tidak termasuk bab ICD-10 mana pun (A00–B99 … Z00–Z99, "
		              "U00–U85); periksa kodenya",
		              "code %s lies in no ICD-10 chapter (A00–B99 … Z00–Z99, U00–U85); check "
		              "the code"),
		           s);
		return -1;
	}
	*code = s;
	return 0;
}

static int read_disease_cases(const csv_cell *c, const char *col_name, const row_context *rc,
                              double *out)
{
	const char *s = c->text, *file = rc->file;
	diag_list *diags = rc->diags;
	char *end, digits[32], sep;
	double d;
	/* 1.000 would read as one, 1,000 as nothing: which is meant, never guessed */
	if (digits_grouped(s, &sep, digits, sizeof digits)) {
		diag_error(diags, file, c->line, c->column,
		           TR(diags->lang,
		              "kolom \"%s\": %s bisa berarti pecahan atau ribuan; tulis jumlah kasus "
		              "sebagai bilangan bulat tanpa pemisah ribuan, mis. %s",
		              "column \"%s\": %s may be a fraction or thousands; write the number of "
		              "cases as a whole number without thousands separators, e.g. %s"),
		           col_name, shown(rc->a, c->text), digits);
		return -1;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	d = strtod(s, &end);
	while (end != s && (*end == ' ' || *end == '\t'))
		end++;
	if (*s == '\0')
		diag_error(diags, file, c->line, c->column,
		           TR(diags->lang, "kolom \"%s\" kosong; isi jumlah kasus, 0 bila tidak ada",
		              "column \"%s\" is empty; enter the number of cases, 0 when there were "
		              "none"),
		           col_name);
	else if (end == s || *end != '\0' || !isfinite(d))
		diag_error(diags, file, c->line, c->column,
		           TR(diags->lang,
		              "kolom \"%s\": \"%s\" bukan angka; isi jumlah kasus, 0 bila tidak ada",
		              "column \"%s\": \"%s\" is not a number; enter the number of cases, 0 "
		              "when there were none"),
		           col_name, shown(rc->a, c->text));
	else if (d < 0 || d != floor(d) || d > CASES_MAX)
		diag_error(diags, file, c->line, c->column,
		           TR(diags->lang,
		              "kolom \"%s\": %s bukan jumlah kasus; isi bilangan bulat 0–%d",
		              "column \"%s\": %s is not a number of cases; enter a whole number "
		              "0–%d"),
		           col_name, shown(rc->a, c->text), CASES_MAX);
	else {
		*out = d;
		return 0;
	}
	return -1;
}

/* The row of the same month and code read before, or NULL. */
static const disease_row *same_disease(const disease_row *rows, size_t n, const disease_row *d)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (rows[i].month == d->month && strcmp(rows[i].code, d->code) == 0)
			return &rows[i];
	return NULL;
}

/* An error when cell c of column holds what a spreadsheet saved in place
 * of a value (see csvr_sheet_mark); returns whether it did. */
static int sheet_mark(const csv_cell *c, const char *column, const row_context *rc)
{
	buf msg = BUF_INIT;
	int mark = csvr_sheet_mark_message(&msg, rc->diags->lang, column, c->text);
	if (mark)
		diag_error(rc->diags, rc->file, c->line, c->column, "%s", buf_cstr(&msg));
	buf_release(&msg);
	return mark;
}

/* One data row into *d; returns the number of errors. */
static size_t read_disease_row(const csv_row *row, const int *map, size_t width,
                               const row_context *rc, disease_row *d)
{
	const char *file = rc->file;
	diag_list *diags = rc->diags;
	size_t i, errors = 0;
	memset(d, 0, sizeof *d);
	d->line = row->line;
	for (i = 0; i < width; i++)
		if (map[i] == DC_PERIODE && str_is_total_label(row->cells[i].text)) {
			diag_error(diags, file, row->cells[i].line, row->cells[i].column,
			           TR(diags->lang,
			              "baris \"%s\" tampaknya baris jumlah dari spreadsheet; hapus baris "
			              "itu: rekap menjumlahkan kasus sendiri, dan baris ini akan "
			              "menghitungnya dua kali",
			              "the row \"%s\" looks like a spreadsheet's total row; delete it: "
			              "rekap adds up the cases itself, and this row would count them twice"),
			           shown(rc->a, row->cells[i].text));
			return 1;
		}
	for (i = 0; i < width; i++) {
		const csv_cell *c = &row->cells[i];
		if (map[i] >= 0 && sheet_mark(c, disease_columns[map[i]], rc)) {
			errors++;
			continue;
		}
		switch (map[i]) {
		case DC_PERIODE:
			errors += read_disease_month(c, rc, &d->month) != 0;
			break;
		case DC_KODE:
			errors += read_disease_code(c, rc->a, file, diags, &d->code) != 0;
			break;
		case DC_NAMA:
			d->name = trimmed(rc->a, c->text);
			if (*d->name == '\0') {
				diag_error(diags, file, c->line, c->column,
				           TR(diags->lang, "nama penyakit kosong; tulis namanya",
				              "the disease's name is empty; write its name"));
				errors++;
			}
			break;
		case DC_KASUS_L:
		case DC_KASUS_P:
			errors += read_disease_cases(c, disease_columns[map[i]], rc,
			                             map[i] == DC_KASUS_L ? &d->cases_l
			                                                  : &d->cases_p) != 0;
			break;
		default:
			break;
		}
	}
	return errors;
}

size_t penyakit_read(const csv_table *t, const char *file, arena *a, penyakit_month_fn reported,
                     const void *ctx, diag_list *diags, disease_row **out, size_t *nout)
{
	row_context rc = {file, a, diags, reported, ctx};
	size_t i, width = t->rows[0].len, errors, n = 0;
	int *map;
	disease_row *rows;
	while (width > 0 && str_is_blank(t->rows[0].cells[width - 1].text))
		width--;
	map = xmalloc((width ? width : 1) * sizeof *map);
	errors = map_disease_header(&t->rows[0], width, map, file, a, diags);
	rows = arena_alloc(a, (t->nrows ? t->nrows : 1) * sizeof *rows);
	/* rows are read only under a header that names every column once */
	for (i = errors ? t->nrows : 1; i < t->nrows; i++) {
		const csv_row *row = &t->rows[i];
		size_t cells = row->len, bad;
		const disease_row *first;
		if (csvr_repeats_header(row, &t->rows[0])) {
			buf msg = BUF_INIT;
			csvr_header_again_message(&msg, diags->lang, &t->rows[0]);
			diag_error(diags, file, row->line, 1, "%s", buf_cstr(&msg));
			buf_release(&msg);
			errors++;
			continue;
		}
		while (cells > width && str_is_blank(row->cells[cells - 1].text))
			cells--;
		if (cells != width) {
			diag_error(diags, file, row->line, 1,
			           TR(diags->lang,
			              "baris berisi %zu kolom, padahal judul berisi %zu; periksa pemisah "
			              "(%c) yang kurang atau berlebih",
			              "row has %zu columns, but the header has %zu; look for a missing or "
			              "extra separator (%c)"),
			           cells, width, t->separator);
			errors++;
			continue;
		}
		bad = read_disease_row(row, map, width, &rc, &rows[n]);
		if (bad) {
			errors += bad;
			continue;
		}
		first = same_disease(rows, n, &rows[n]);
		if (first) {
			diag_error(diags, file, row->line, 1,
			           TR(diags->lang,
			              "kode %s untuk periode yang sama sudah ada di baris %u; jumlahkan "
			              "kasusnya dalam satu baris",
			              "code %s for the same period is already on line %u; add the cases "
			              "up in one row"),
			           rows[n].code, first->line);
			errors++;
			continue;
		}
		n++;
	}
	free(map);
	*out = rows;
	*nout = errors ? 0 : n;
	return errors;
}
