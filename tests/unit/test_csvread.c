/* test_csvread.c - unit tests of generator/csvread.c: cells and their positions, encodings, errors, limits. */
#include <string.h>

#include "check.h"
#include "csvread.h"

static void test_csv_plain(void)
{
	const char text[] = "a,b,c\n1,\"x, y\",3\n\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("f.csv", text, strlen(text), &t, &d) == 0);
	CHECK(t.separator == ',');
	CHECK(t.nrows == 2);
	CHECK(t.rows[1].len == 3);
	CHECK_STR(t.rows[1].cells[1].text, "x, y");
	CHECK(t.rows[1].line == 2);
	CHECK(t.rows[1].cells[2].column == 10);
	CHECK(d.len == 0);
	csv_table_release(&t);
	diag_list_release(&d);
}

static void test_csv_excel_indonesia(void)
{
	/* as Excel saves "CSV UTF-8" with an Indonesian locale */
	const char text[] = "\xEF\xBB\xBFnama;nilai\r\n\"Baris\r\ndua\";12,5\r\nc;;\r\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("f.csv", text, strlen(text), &t, &d) == 0);
	CHECK(t.had_bom);
	CHECK(t.separator == ';');
	CHECK(t.nrows == 3);
	CHECK_STR(t.rows[0].cells[0].text, "nama");
	CHECK_STR(t.rows[1].cells[0].text, "Baris\r\ndua");
	CHECK_STR(t.rows[1].cells[1].text, "12,5");
	CHECK(t.rows[2].line == 4);
	CHECK(t.rows[2].len == 3); /* a trailing separator gives an empty cell */
	csv_table_release(&t);
	diag_list_release(&d);
}

static void test_csv_tabs(void)
{
	/* Excel's "Text (Tab delimited)" under a .csv name: refused at 1:1; a
	 * tab inside a quoted cell, or beside commas, is no separator */
	const char tabs[] = "nama\tnilai\r\na\t1\r\n";
	const char quoted[] = "\"nama\tpanjang\",nilai\na,1\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("f.csv", tabs, strlen(tabs), &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 1 && d.items[0].column == 1);
	csv_table_release(&t);
	diag_list_release(&d);
	diag_list_init(&d);
	CHECK(csvr_parse("f.csv", quoted, strlen(quoted), &t, &d) == 0);
	CHECK(t.separator == ',' && t.nrows == 2);
	CHECK_STR(t.rows[0].cells[0].text, "nama\tpanjang");
	csv_table_release(&t);
	diag_list_release(&d);
}

/* A row of empty cells only, as Excel saves a row whose contents were
 * cleared, holds nothing and is skipped like a blank line; a row with one
 * cell that is not empty is kept, with its empty cells. */
static void test_csv_empty_rows(void)
{
	const char text[] = "a;b;c\r\n" /* line 1 */
			    ";;\r\n" /* line 2: cleared, skipped */
			    "1;;\r\n" /* line 3 */
			    ";\r\n" /* line 4: two empty cells, skipped */
			    "\"\";;\r\n" /* line 5: a quoted empty cell too */
			    ";;3"; /* line 6: no line end */
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("e.csv", text, strlen(text), &t, &d) == 0);
	CHECK(t.nrows == 3);
	CHECK(t.rows[1].line == 3 && t.rows[1].len == 3);
	CHECK_STR(t.rows[1].cells[0].text, "1");
	CHECK(t.rows[2].line == 6 && t.rows[2].len == 3);
	CHECK_STR(t.rows[2].cells[2].text, "3");
	CHECK(t.rows[2].cells[2].column == 3);
	CHECK(d.len == 0);
	csv_table_release(&t);
	diag_list_release(&d);
}

/* No-break and zero-width spaces around a cell go as spaces do; a row of
 * them alone is as empty as a cleared one. */
static void test_csv_unicode_spaces(void)
{
	const char text[] = "a,b\n"
			    "\xc2\xa0"
			    "12,\xe2\x80\x8b"
			    "3\xc2\xa0"
			    "4\xc2\xa0\n"
			    "\xc2\xa0,\xe2\x80\x8b\n"
			    "\"\xe2\x80\xaf"
			    "x\",y\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("s.csv", text, strlen(text), &t, &d) == 0);
	CHECK(t.nrows == 3);
	CHECK_STR(t.rows[1].cells[0].text, "12");
	CHECK(t.rows[1].cells[0].len == 2 && t.rows[1].cells[0].column == 1);
	CHECK_STR(t.rows[1].cells[1].text, "3\xc2\xa0"
	                                   "4");
	CHECK(t.rows[2].line == 4);
	CHECK_STR(t.rows[2].cells[0].text, "x");
	CHECK(d.len == 0);
	csv_table_release(&t);
	diag_list_release(&d);
}

/* A second header row, pasted with another table: in another order or
 * case too; a row naming one column, or a value first, is no header. */
static void test_csv_header_again(void)
{
	const char text[] = "periode,kak,pak,nama\n"
			    "PAK,Periode,kak,x\n" /* line 2: three of four names */
			    "kak,1,2,3\n" /* line 3: one name */
			    "2024-01,periode,kak,pak\n" /* line 4: a value first */
			    "nama,periode,,\n"; /* line 5: two of four names */
	csv_table t;
	diag_list d;
	buf b = BUF_INIT;
	diag_list_init(&d);
	CHECK(csvr_parse("h.csv", text, strlen(text), &t, &d) == 0 && t.nrows == 5);
	CHECK(csvr_repeats_header(&t.rows[1], &t.rows[0]));
	CHECK(!csvr_repeats_header(&t.rows[2], &t.rows[0]));
	CHECK(!csvr_repeats_header(&t.rows[3], &t.rows[0]));
	CHECK(csvr_repeats_header(&t.rows[4], &t.rows[0]));
	csvr_header_again_message(&b, LANG_EN, &t.rows[0]);
	CHECK_STR(buf_cstr(&b), "this row repeats the column headers (as line 1 does); delete it: a "
	                        "second header row is left when two tables or files are pasted "
	                        "together");
	buf_release(&b);
	csv_table_release(&t);
	diag_list_release(&d);
}

static void test_csv_errors(void)
{
	const char latin1[] = "a,b\nCaf\xE9,1\n";
	const char quote[] = "a,b\n\"open,1\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("l.csv", latin1, strlen(latin1), &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 4);
	CHECK(strstr(d.items[0].message, "byte 7") != NULL);
	csv_table_release(&t);
	CHECK(csvr_parse("q.csv", quote, strlen(quote), &t, &d) == -1);
	CHECK(d.len == 2 && strcmp(d.items[1].file, "q.csv") == 0);
	csv_table_release(&t);
	diag_list_release(&d);
}

/* Cell positions, counted by hand: lines fed to libcsv whole (no quote),
 * lines fed in chunks (a quote), a multi-byte character, CRLF, a line of
 * blanks, and an empty last cell at the end of the file. */
static void test_csv_positions(void)
{
	const char text[] = "a,bb,c\r\n"          /* line 1 */
	                    "\xC3\xA9t\xC3\xA9,2,3\r\n" /* line 2: "été", 3 characters */
	                    "  \n"                  /* line 3: blanks only, no row */
	                    "x,\"q,\"\"r\",z\n"      /* line 4: x,"q,""r",z */
	                    "1,2,";                 /* line 5: no line end */
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("p.csv", text, strlen(text), &t, &d) == 0);
	CHECK(t.nrows == 4);
	CHECK(t.rows[0].line == 1 && t.rows[0].cells[1].column == 3 && t.rows[0].cells[2].column == 6);
	CHECK(t.rows[1].line == 2 && t.rows[1].cells[1].column == 5 && t.rows[1].cells[2].column == 7);
	CHECK(t.rows[2].line == 4 && t.rows[2].len == 3);
	CHECK_STR(t.rows[2].cells[1].text, "q,\"r");
	CHECK(t.rows[2].cells[1].column == 3 && t.rows[2].cells[2].column == 11);
	CHECK(t.rows[3].line == 5 && t.rows[3].len == 3);
	CHECK(t.rows[3].cells[1].line == 5 && t.rows[3].cells[1].column == 3);
	/* an empty last cell has no byte of its own: it keeps the position of
	 * the cell before it */
	CHECK(t.rows[3].cells[2].column == 3);
	CHECK(d.len == 0);
	csv_table_release(&t);
	diag_list_release(&d);
}

/* A quote that opens the first cell of a row and is never closed is
 * reported where it opens, not at the last line the cell swallowed. */
static void test_csv_unclosed_first_cell(void)
{
	const char first[] = "a,b\n\"x\ny\nz\n";
	const char second[] = "a,b\n1,\"x\ny\nz\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("f.csv", first, strlen(first), &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 1);
	csv_table_release(&t);
	CHECK(csvr_parse("s.csv", second, strlen(second), &t, &d) == -1);
	CHECK(d.len == 2 && d.items[1].line == 2 && d.items[1].column == 3);
	csv_table_release(&t);
	diag_list_release(&d);
}

/* The limits of the CSV reader: each a diagnostic where it is crossed. */
static void test_csv_limits(void)
{
	buf text = BUF_INIT;
	csv_table t;
	diag_list d;
	size_t i;
	diag_list_init(&d);
	/* 1001 cells of one byte: the 1001st starts at column 2001 */
	buf_puts(&text, "a");
	for (i = 1; i < 1001; i++)
		buf_puts(&text, ",a");
	buf_putc(&text, '\n');
	CHECK(csvr_parse("k.csv", text.data, text.len, &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 1 && d.items[0].column == 2001);
	CHECK(d.len == 1 && strstr(d.items[0].message, "lebih dari 1000 kolom") != NULL);
	csv_table_release(&t);
	diag_list_release(&d);
	/* exactly 1000 cells are fine */
	buf_reset(&text);
	buf_puts(&text, "a");
	for (i = 1; i < 1000; i++)
		buf_puts(&text, ",a");
	buf_putc(&text, '\n');
	CHECK(csvr_parse("k.csv", text.data, text.len, &t, &d) == 0);
	CHECK(t.nrows == 1 && t.rows[0].len == 1000);
	csv_table_release(&t);
	/* a cell of 65537 bytes on line 2, column 3 */
	buf_reset(&text);
	buf_puts(&text, "a,b\n1,");
	for (i = 0; i < 65537; i++)
		buf_putc(&text, '9');
	buf_putc(&text, '\n');
	CHECK(csvr_parse("l.csv", text.data, text.len, &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 3);
	CHECK(d.len == 1 && strstr(d.items[0].message, "isian terlalu panjang") != NULL);
	csv_table_release(&t);
	diag_list_release(&d);
	/* 100001 rows: the last one is refused */
	buf_reset(&text);
	for (i = 0; i < 100001; i++)
		buf_puts(&text, "1\n");
	CHECK(csvr_parse("r.csv", text.data, text.len, &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 100001);
	CHECK(d.len == 1 && strstr(d.items[0].message, "lebih dari 100000 baris") != NULL);
	CHECK(t.nrows == 100000);
	csv_table_release(&t);
	diag_list_release(&d);
	/* a NUL byte is named as such, where it is */
	CHECK(csvr_parse("n.csv", "a,b\n1,\0\n", 7, &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 3);
	CHECK(d.len == 1 && strstr(d.items[0].message, "byte NUL (0x00, byte 6)") != NULL);
	csv_table_release(&t);
	diag_list_release(&d);
	buf_release(&text);
}

/* The same problems, with the list in English: English text, same positions. */
static void test_csv_english(void)
{
	const char latin1[] = "a,b\nCaf\xE9,1\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("l.csv", latin1, strlen(latin1), &t, &d) == -1);
	CHECK(d.len == 1 && strstr(d.items[0].message, "bukan UTF-8") != NULL);
	csv_table_release(&t);
	diag_list_release(&d);
	d.lang = LANG_EN; /* after init or release, which zero the list */
	CHECK(csvr_parse("l.csv", latin1, strlen(latin1), &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 4);
	CHECK(strstr(d.items[0].message, "not UTF-8 (byte 7") != NULL);
	CHECK(strstr(d.items[0].message, "LibreOffice") != NULL);
	csv_table_release(&t);
	diag_list_release(&d);
}

/* What spreadsheets save in place of a value: formula errors in any
 * case, LibreOffice's numbered ones, and a column too narrow; text that
 * only starts like one is a value. */
static void test_csv_sheet_marks(void)
{
	buf b = BUF_INIT;
	CHECK(csvr_sheet_mark("#DIV/0!") == CSVR_FORMULA_ERROR);
	CHECK(csvr_sheet_mark(" #N/A ") == CSVR_FORMULA_ERROR);
	CHECK(csvr_sheet_mark("#value!") == CSVR_FORMULA_ERROR);
	CHECK(csvr_sheet_mark("#NAME?") == CSVR_FORMULA_ERROR);
	CHECK(csvr_sheet_mark("Err:502") == CSVR_FORMULA_ERROR);
	CHECK(csvr_sheet_mark("##") == CSVR_TOO_NARROW);
	CHECK(csvr_sheet_mark("########") == CSVR_TOO_NARROW);
	CHECK(csvr_sheet_mark("#") == CSVR_VALUE);
	CHECK(csvr_sheet_mark("#N/A2") == CSVR_VALUE);
	CHECK(csvr_sheet_mark("Err:50") == CSVR_VALUE);
	CHECK(csvr_sheet_mark("Err:5021") == CSVR_VALUE);
	CHECK(csvr_sheet_mark("err:502") == CSVR_VALUE);
	CHECK(csvr_sheet_mark("## 4") == CSVR_VALUE);
	CHECK(csvr_sheet_mark("") == CSVR_VALUE);
	CHECK(csvr_sheet_mark("12") == CSVR_VALUE);
	CHECK(!csvr_sheet_mark_message(&b, LANG_EN, "pak", "12") && b.len == 0);
	CHECK(csvr_sheet_mark_message(&b, LANG_EN, "pak", "#REF!"));
	CHECK_STR(buf_cstr(&b),
	          "column \"pak\": \"#REF!\" is a spreadsheet formula's error value (a "
	          "CSV file keeps what a formula gave, not the formula); fix the "
	          "formula or type the value, then save again");
	buf_release(&b);
}

int main(void)
{
	test_csv_sheet_marks();
	test_csv_plain();
	test_csv_excel_indonesia();
	test_csv_tabs();
	test_csv_empty_rows();
	test_csv_unicode_spaces();
	test_csv_header_again();
	test_csv_errors();
	test_csv_positions();
	test_csv_unclosed_first_cell();
	test_csv_limits();
	test_csv_english();
	return check_done("test_csvread");
}
