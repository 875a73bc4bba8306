/* csvread.c - CSV files through libcsv: BOM, separator detection, positions for diagnostics. */
#include "csvread.h"

#include <csv.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "locale.h"
#include "period.h"

/* Whether s is the text of one of the header's cells, ignoring case. */
static int header_name(const char *s, const csv_row *header)
{
	size_t i;
	if (!*s)
		return 0;
	for (i = 0; i < header->len; i++)
		if (strcasecmp(s, header->cells[i].text) == 0)
			return 1;
	return 0;
}

int csvr_repeats_header(const csv_row *row, const csv_row *header)
{
	size_t i, named = 0, same = 0;
	/* most rows: a first cell of digits (a period, a date, a count) names
	 * no column, and any other value seldom does */
	if (!row->len || isdigit((unsigned char)row->cells[0].text[0]) ||
	    !header_name(row->cells[0].text, header))
		return 0;
	for (i = 0; i < header->len; i++)
		named += header->cells[i].len > 0;
	for (i = 0; i < row->len; i++)
		same += header_name(row->cells[i].text, header);
	return same >= 2 && 2 * same >= named;
}

void csvr_header_again_message(buf *out, lang l, const csv_row *header)
{
	buf_printf(out,
	           TR(l,
	              "baris ini mengulang judul kolom (seperti baris %u); hapus baris itu: judul "
	              "kedua tertinggal saat dua tabel atau berkas digabung",
	              "this row repeats the column headers (as line %u does); delete it: a second "
	              "header row is left when two tables or files are pasted together"),
	           header->line);
}

int csvr_month_hint_message(buf *out, lang l, const char *shown, const char *text)
{
	int named, month = period_guess_month(text, &named);
	buf name = BUF_INIT, want = BUF_INIT;
	if (month < 0)
		return 0;
	fmt_month(&name, l, month);
	period_format_month(&want, month);
	if (named)
		buf_printf(out,
		           TR(l,
		              "periode \"%s\" tidak dikenal; untuk %s tulis \"%s\" (Excel mengubah "
		              "%s menjadi tanggal bila kolomnya tidak berformat Teks: format kolom "
		              "periode sebagai Teks, lalu ketik ulang)",
		              "unknown period \"%s\"; for %s write \"%s\" (Excel turns %s into a "
		              "date unless the column is formatted as Text: format the periode column "
		              "as Text, then type it again)"),
		           shown, buf_cstr(&name), buf_cstr(&want), buf_cstr(&want));
	else
		buf_printf(out,
		           TR(l,
		              "periode \"%s\" tidak dikenal; untuk %s tulis \"%s\" (tahun, tanda "
		              "hubung, bulan dengan dua angka)",
		              "unknown period \"%s\"; for %s write \"%s\" (the year, a hyphen, the "
		              "month in two digits)"),
		           shown, buf_cstr(&name), buf_cstr(&want));
	buf_release(&name);
	buf_release(&want);
	return 1;
}

/* The error values of Excel, LibreOffice and Google Sheets formulas. */
static const char *const formula_errors[] = {"#DIV/0!",   "#N/A",      "#VALUE!", "#REF!",
                                             "#NAME?",    "#NUM!",     "#NULL!",  "#SPILL!",
                                             "#CALC!",    "#FIELD!",   "#BUSY!",  "#BLOCKED!",
                                             "#CONNECT!", "#UNKNOWN!", "#ERROR!", "#GETTING_DATA"};

csvr_mark csvr_sheet_mark(const char *s)
{
	size_t len = strlen(s);
	s += str_trim_spaces(s, &len);
	if (len == 0 || (*s != '#' && *s != 'E'))
		return CSVR_VALUE; /* every value but a few: no search */
	if (len >= 2 && strspn(s, "#") >= len)
		return CSVR_TOO_NARROW;
	if (len == 7 && strncmp(s, "Err:", 4) == 0 && strspn(s + 4, "0123456789") == 3)
		return CSVR_FORMULA_ERROR;
	return word_index(s, len, formula_errors, sizeof formula_errors / sizeof *formula_errors) >=
	                       0
	               ? CSVR_FORMULA_ERROR
	               : CSVR_VALUE;
}

int csvr_sheet_mark_message(buf *out, lang l, const char *column, const char *text)
{
	switch (csvr_sheet_mark(text)) {
	case CSVR_FORMULA_ERROR:
		buf_printf(out,
		           TR(l,
		              "kolom \"%s\": \"%s\" adalah nilai galat rumus lembar kerja (berkas CSV "
		              "menyimpan hasil rumus, bukan rumusnya); perbaiki rumusnya atau ketik "
		              "isinya, lalu simpan lagi",
		              "column \"%s\": \"%s\" is a spreadsheet formula's error value (a CSV "
		              "file keeps what a formula gave, not the formula); fix the formula or "
		              "type the value, then save again"),
		           column, text);
		return 1;
	case CSVR_TOO_NARROW:
		buf_printf(out,
		           TR(l,
		              "kolom \"%s\": \"%s\" adalah tanda lembar kerja untuk kolom yang "
		              "terlalu sempit, dan tanda itu yang tersimpan, bukan isinya; lebarkan "
		              "kolom itu, periksa isinya, lalu simpan lagi",
		              "column \"%s\": \"%s\" is what a spreadsheet shows in a column too "
		              "narrow for its value, and the mark was saved instead of the value; "
		              "widen the column, check the value, then save again"),
		           column, text);
		return 1;
	default:
		return 0;
	}
}

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
	/* the columns where the cells of a line fed whole start, and the next
	 * one to take when a cell ends */
	unsigned *starts;
	size_t nstarts, capstarts, next_start;
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
	if (st->next_start < st->nstarts)
		st->cell_column = st->starts[st->next_start++];
}

/* Whether every cell of the row being read is empty: a row whose
 * contents were cleared in a spreadsheet, which saves it as separators. */
static int row_is_empty(const parse_state *st)
{
	size_t i;
	for (i = 0; i < st->ncells; i++)
		if (st->cells[i].len)
			return 0;
	return 1;
}

static void on_row(int term, void *ud)
{
	parse_state *st = ud;
	csv_row r;
	(void)term;
	if (st->over)
		return;
	if (row_is_empty(st)) {
		/* nothing in it: skipped like a blank line */
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
 * quotes on the first line (Excel in an Indonesian locale writes ';');
 * '\t' when that line has tabs and neither (Excel's "Text (Tab
 * delimited)" saved under a .csv name), which is refused. */
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

void csvr_report_tabs(const char *file, diag_list *diags)
{
	diag_error(diags, file, 1, 1,
	           TR(diags->lang,
	              "kolom baris judul dipisah tab, bukan koma; simpan ulang sebagai \"CSV "
	              "UTF-8 (Comma delimited)\" di Excel (\"Text (Tab delimited)\" menulis "
	              "tab), atau pilih pemisah koma di LibreOffice",
	              "the header's columns are separated by tabs, not commas; save it again "
	              "as \"CSV UTF-8 (Comma delimited)\" in Excel (\"Text (Tab delimited)\" "
	              "writes tabs), or choose the comma separator in LibreOffice"));
}

static int is_term(unsigned char c)
{
	return c == '\r' || c == '\n';
}

/* One past the next separator or line-end byte from i, or len. */
static size_t chunk_end(const char *s, size_t i, size_t len, char sep)
{
	while (i < len && s[i] != sep && s[i] != '\n' && s[i] != '\r')
		i++;
	return i < len ? i + 1 : len;
}

/* The position after the n bytes fed from s, which hold a line feed only
 * as their last byte. */
static void advance(parse_state *st, const char *s, size_t n)
{
	size_t k;
	for (k = 0; k < n; k++) {
		if (s[k] == '\n') {
			st->line++;
			st->column = 1;
		} else if (((unsigned char)s[k] & 0xC0) != 0x80) {
			st->column++;
		}
	}
}

/* Most lines of a record file hold no quote. Such a line goes to libcsv
 * whole: its cells start right after each separator, so their columns are
 * known before it is fed (st->starts). A line with a quote, or longer than
 * this, is fed chunk by chunk. */
enum { PLAIN_LINE_MAX = 4096 }; /* bytes; far below CSV_MAX_CELL */

/* If the line from i (not a line end) holds no quote and fits
 * PLAIN_LINE_MAX, the columns of its cells in st->starts, the column after
 * its last byte in *end_column, and one past its line end (or len);
 * otherwise i. */
static size_t plain_line(parse_state *st, const char *s, size_t i, size_t len, char sep,
                         unsigned *end_column)
{
	size_t k, limit = len - i > PLAIN_LINE_MAX ? i + PLAIN_LINE_MAX : len;
	unsigned column = st->column;
	st->nstarts = 0;
	ARRAY_PUSH(st->starts, st->nstarts, st->capstarts, column);
	for (k = i; k < limit; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c == '"')
			break;
		if ((c & 0xC0) != 0x80)
			column++;
		if (c == '\n' || c == '\r') {
			*end_column = column;
			return k + 1;
		}
		/* a cell starts at a byte: an empty one ending the file keeps the
		 * position of the cell before it */
		if (c == (unsigned char)sep && k + 1 < len)
			ARRAY_PUSH(st->starts, st->nstarts, st->capstarts, column);
	}
	if (k == len) {
		*end_column = column;
		return len;
	}
	st->nstarts = 0; /* fed in chunks: no column to take from here */
	return i;
}

/* Feed a line plain_line accepted: no quote, so libcsv cannot fail on it. */
static void feed_line(parse_state *st, struct csv_parser *p, const char *s, size_t i,
                      size_t end, unsigned end_column)
{
	st->cell_line = st->line;
	st->cell_column = st->starts[0];
	st->cell_start = i;
	st->at_cell_start = 0;
	st->next_start = 1;
	/* a line without a line end is the file's last: csv_fini ends its last
	 * cell, at the column on_field took for it */
	csv_parse(p, s + i, end - i, on_field, on_row, st);
	st->nstarts = st->next_start = 0;
	if (s[end - 1] == '\n') {
		st->line++;
		st->column = 1;
		if (st->ncells == 0)
			st->at_cell_start = 1; /* a line of blanks only: no cell began */
	} else {
		st->column = end_column;
	}
}

/* Feed the bytes from i up to the next separator or line end: a cell
 * starts only after one of them, so the callbacks have marked the next
 * cell start when its first byte comes up. Sets *endp to where the next
 * chunk begins. Returns 0, or -1 after a diagnostic. */
static int feed_chunk(parse_state *st, struct csv_parser *p, const char *s, size_t i, size_t len,
                      size_t *endp, const char *file, diag_list *diags)
{
	unsigned char c = (unsigned char)s[i];
	size_t end = chunk_end(s, i, len, st->t->separator), fed;
	int too_long = 0;
	if (st->at_cell_start && (!is_term(c) || st->ncells > 0)) {
		st->cell_line = st->line;
		st->cell_column = st->column;
		st->cell_start = i;
		st->at_cell_start = 0;
	}
	if (!st->at_cell_start && end - st->cell_start > CSV_MAX_CELL) {
		end = st->cell_start + CSV_MAX_CELL; /* > i: the cell has fewer bytes before i */
		too_long = 1;
	}
	*endp = end;
	fed = csv_parse(p, s + i, end - i, on_field, on_row, st);
	advance(st, s + i, fed);
	if (fed != end - i) {
		diag_error(diags, file, st->line, st->column,
		           TR(diags->lang,
		              "tanda kutip (\") tidak berpasangan; tutup kutipan atau "
		              "gandakan kutip di dalam isian (\"\")",
		              "unmatched quotation mark (\"); close the quote, or double "
		              "quotation marks inside a cell (\"\")"));
		return -1;
	}
	if (st->over)
		return -1;
	if (too_long) {
		diag_error(diags, file, st->cell_line, st->cell_column,
		           TR(diags->lang,
		              "isian terlalu panjang: lebih dari %d byte; periksa tanda kutip "
		              "yang tidak ditutup atau data yang tertempel",
		              "cell too long: more than %d bytes; look for an unclosed "
		              "quotation mark or pasted data"),
		           CSV_MAX_CELL);
		return -1;
	}
	/* after a line of blanks only, the next line begins a cell; inside a
	 * quoted cell it goes on (its start stays where the quote opened) */
	if (s[end - 1] == '\n' && st->ncells == 0 && !p->quoted)
		st->at_cell_start = 1;
	return 0;
}

int csvr_parse(const char *file, const char *data, size_t len, csv_table *t, diag_list *diags)
{
	struct csv_parser p;
	parse_state st;
	unsigned bad_line, bad_col;
	size_t bad, i, end;
	unsigned end_column = 0;
	int rc = 0;

	memset(t, 0, sizeof *t);
	t->arena = arena_new();
	t->separator = ',';
	bad = utf8_check(data, len, &bad_line, &bad_col);
	if (bad < len && looks_utf16(data, len)) {
		diag_error(diags, file, 1, 1, "%s",
		           TR(diags->lang,
		              "berkas tersimpan sebagai UTF-16 (\"Unicode\" di Notepad, \"Unicode "
		              "Text\" di Excel); simpan ulang sebagai \"CSV UTF-8 (Comma "
		              "delimited)\" di Excel, atau di Notepad dengan Encoding: UTF-8",
		              "the file is saved as UTF-16 (\"Unicode\" in Notepad, \"Unicode Text\" "
		              "in Excel); save it again as \"CSV UTF-8 (Comma delimited)\" in Excel, "
		              "or in Notepad with Encoding: UTF-8"));
		return -1;
	}
	if (bad < len && data[bad] == '\0') {
		diag_error(diags, file, bad_line, bad_col,
		           TR(diags->lang,
		              "berkas berisi byte NUL (0x00, byte %zu); berkas CSV harus teks "
		              "biasa; simpan ulang sebagai \"CSV UTF-8 (Comma delimited)\"",
		              "file holds a NUL byte (0x00, byte %zu); a CSV file must be plain "
		              "text; save it again as \"CSV UTF-8 (Comma delimited)\""),
		           bad);
		return -1;
	}
	if (bad < len) {
		diag_error(diags, file, bad_line, bad_col,
		           TR(diags->lang,
		              "berkas bukan UTF-8 (byte %zu bernilai 0x%02X); simpan ulang sebagai "
		              "\"CSV UTF-8 (Comma delimited)\" di Excel atau pilih set karakter "
		              "UTF-8 di LibreOffice",
		              "file is not UTF-8 (byte %zu has the value 0x%02X); save it again as "
		              "\"CSV UTF-8 (Comma delimited)\" in Excel, or choose the UTF-8 "
		              "character set in LibreOffice"),
		           bad, (unsigned)(unsigned char)data[bad]);
		return -1;
	}
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
	/* libcsv's own blanks (space, tab) and line ends (CR, LF) are the ones
	 * wanted; its built-in tests are much cheaper than a function per byte */
	memset(&st, 0, sizeof st);
	st.t = t;
	st.line = st.column = 1;
	st.at_cell_start = 1;
	for (i = 0; i < len && rc == 0; i = end) {
		unsigned char c = (unsigned char)data[i];
		if (st.at_cell_start && st.ncells == 0 && !is_term(c) &&
		    (end = plain_line(&st, data, i, len, t->separator, &end_column)) > i) {
			feed_line(&st, &p, data, i, end, end_column);
			rc = st.over ? -1 : 0;
		} else {
			rc = feed_chunk(&st, &p, data, i, len, &end, file, diags);
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
	free(st.starts);
	return rc;
}

void csv_table_release(csv_table *t)
{
	arena_free(t->arena);
	free(t->rows);
	memset(t, 0, sizeof *t);
}
