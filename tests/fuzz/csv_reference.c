/* csv_reference.c - the CSV reader as it was when it fed libcsv one byte at a
 * time: the reference fuzz_csv compares csvread.c's chunked feed with (the
 * same rows, cells, positions, return value and diagnostics). Two changes
 * since: a line end inside a quoted first cell no longer moves that cell's
 * start to the next line, and a row of empty cells only (a spreadsheet row
 * whose contents were cleared) is skipped like a blank line. */
#include <csv.h>
#include <string.h>

#include "csv_reference.h"

/* State shared with libcsv's callbacks while one file is parsed. */
typedef struct parse_state {
	csv_table *t;
	csv_cell *cells;
	size_t ncells, cap;
	unsigned line, column; /* position of the byte being fed */
	unsigned cell_line, cell_column; /* where the current cell started */
	unsigned row_line;
	int at_cell_start;
	size_t cell_start; /* offset of the current cell's first byte */
	enum { OVER_NONE, OVER_COLUMNS, OVER_ROWS } over; /* a limit reached in a callback */
} parse_state;

static void on_field(void *s, size_t n, void *ud)
{
	parse_state *st = ud;
	csv_cell c;
	if (st->over)
		return;
	if (st->ncells >= CSV_MAX_COLUMNS) {
		st->over = OVER_COLUMNS;
		return;
	}
	if (s) /* a no-break space around a value is as blank as a space */
		s = (char *)s + str_trim_spaces(s, &n);
	c.text = arena_strndup(st->t->arena, s ? s : "", s ? n : 0);
	c.len = s ? n : 0;
	c.line = st->cell_line;
	c.column = st->cell_column;
	if (st->ncells == 0)
		st->row_line = st->cell_line;
	ARRAY_PUSH(st->cells, st->ncells, st->cap, c);
	st->at_cell_start = 1;
}

static void on_row(int term, void *ud)
{
	parse_state *st = ud;
	csv_row r;
	size_t i;
	(void)term;
	if (st->over)
		return;
	for (i = 0; i < st->ncells && st->cells[i].len == 0; i++)
		;
	if (i == st->ncells) {
		st->ncells = 0;
		st->at_cell_start = 1;
		return;
	}
	if (st->t->nrows >= CSV_MAX_ROWS) {
		st->over = OVER_ROWS;
		return;
	}
	r.len = st->ncells;
	r.line = st->row_line;
	r.cells = arena_alloc(st->t->arena, r.len * sizeof *r.cells);
	memcpy(r.cells, st->cells, r.len * sizeof *r.cells);
	ARRAY_PUSH(st->t->rows, st->t->nrows, st->t->cap, r);
	st->ncells = 0;
	st->at_cell_start = 1;
}

/* The separator is the one of ',' and ';' that occurs more often outside
 * quotes on the first line (Excel in an Indonesian locale writes ';'), or
 * '\t' when that line has tabs and neither. */
static char detect_separator(const char *s, size_t len)
{
	size_t commas = 0, semis = 0, tabs = 0, i;
	int quoted = 0;
	for (i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			commas++;
		else if (!quoted && s[i] == ';')
			semis++;
		else if (!quoted && s[i] == '\t')
			tabs++;
	}
	if (tabs && !commas && !semis)
		return '\t';
	return semis > commas ? ';' : ',';
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static int is_term(unsigned char c)
{
	return c == '\r' || c == '\n';
}

int csvr_parse_reference(const char *file, const char *data, size_t len, csv_table *t, diag_list *diags)
{
	struct csv_parser p;
	parse_state st;
	size_t i;
	int rc = 0;

	memset(t, 0, sizeof *t);
	t->arena = arena_new();
	t->separator = ',';
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		t->had_bom = 1;
		data += 3;
		len -= 3;
	}
	t->separator = detect_separator(data, len);
	if (t->separator == '\t') {
		csvr_report_tabs(file, diags);
		return -1;
	}

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		diag_error(diags, file, 0, 0,
		           TR(diags->lang, "gagal menyiapkan pembaca CSV", "could not set up the CSV reader"));
		return -1;
	}
	csv_set_delim(&p, (unsigned char)t->separator);
	csv_set_space_func(&p, is_space);
	csv_set_term_func(&p, is_term);
	memset(&st, 0, sizeof st);
	st.t = t;
	st.line = st.column = 1;
	st.at_cell_start = 1;
	/* Fed one byte at a time so that each cell's start position is known. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if (st.at_cell_start && (!is_term(c) || st.ncells > 0)) {
			st.cell_line = st.line;
			st.cell_column = st.column;
			st.cell_start = i;
			st.at_cell_start = 0;
		}
		if (!st.at_cell_start && i - st.cell_start >= CSV_MAX_CELL) {
			diag_error(diags, file, st.cell_line, st.cell_column,
			           TR(diags->lang,
			              "isian terlalu panjang: lebih dari %d byte; periksa tanda kutip "
			              "yang tidak ditutup atau data yang tertempel",
			              "cell too long: more than %d bytes; look for an unclosed "
			              "quotation mark or pasted data"),
			           CSV_MAX_CELL);
			rc = -1;
			break;
		}
		if (csv_parse(&p, data + i, 1, on_field, on_row, &st) != 1) {
			diag_error(diags, file, st.line, st.column,
			           TR(diags->lang,
			              "tanda kutip (\") tidak berpasangan; tutup kutipan atau "
			              "gandakan kutip di dalam isian (\"\")",
			              "unmatched quotation mark (\"); close the quote, or double "
			              "quotation marks inside a cell (\"\")"));
			rc = -1;
			break;
		}
		if (st.over) {
			rc = -1;
			break;
		}
		if (c == '\n') {
			st.line++;
			st.column = 1;
			if (st.ncells == 0 && !p.quoted) /* not inside a quoted cell */
				st.at_cell_start = 1;
		} else if ((c & 0xC0) != 0x80) {
			st.column++;
		}
	}
	/* an unclosed quote is reported where its cell starts, the opening quote
	 * (or the blanks before it), not at the end of the file */
	if (rc == 0 && csv_fini(&p, on_field, on_row, &st) != 0) {
		diag_error(diags, file, st.cell_line, st.cell_column,
		           TR(diags->lang, "tanda kutip (\") tidak ditutup sampai akhir berkas",
		              "quotation mark (\") not closed by the end of the file"));
		rc = -1;
	}
	if (st.over == OVER_COLUMNS)
		diag_error(diags, file, st.cell_line, st.cell_column,
		           TR(diags->lang,
		              "baris berisi lebih dari %d kolom; periksa pemisah (%c) yang "
		              "berlebih",
		              "row has more than %d columns; look for extra separators (%c)"),
		           CSV_MAX_COLUMNS, t->separator);
	else if (st.over == OVER_ROWS)
		diag_error(diags, file, st.cell_line, 1,
		           TR(diags->lang,
		              "berkas berisi lebih dari %d baris; sisanya tidak dibaca (laporan.csv "
		              "memuat satu baris per bulan, kader.csv satu baris per kader)",
		              "file has more than %d rows; the rest is not read (laporan.csv holds "
		              "one row a month, kader.csv one row a cadre)"),
		           CSV_MAX_ROWS);
	if (st.over)
		rc = -1;
	csv_free(&p);
	free(st.cells);
	return rc;
}
