/* csvread.h - reading CSV files as people save them (libcsv underneath), with a position for every cell. */
#ifndef REKAP_CSVREAD_H
#define REKAP_CSVREAD_H

#include "diag.h"
#include "util.h"

typedef struct csv_cell {
	const char *text; /* NUL-terminated, owned by the table's arena */
	size_t len;
	unsigned line, column; /* where the cell starts, 1-based */
} csv_cell;

typedef struct csv_row {
	csv_cell *cells;
	size_t len;
	unsigned line;
} csv_row;

/* A parsed file. Row 0 is the header when the file has one. Blank lines,
 * and rows of empty cells only (",,," where a spreadsheet row was cleared),
 * are skipped; cells keep their text, less the spaces at either end
 * (unicode_space ones too: a no-break space copied with a figure). */
typedef struct csv_table {
	arena *arena;
	char separator; /* ',' or ';', detected from the first line ('\t': refused) */
	int had_bom;
	csv_row *rows;
	size_t nrows, cap;
} csv_table;

/* Limits that keep a hostile file bounded in time and memory; a real record
 * file (one row a month, one a cadre) stays far below them. */
#define CSV_MAX_CELL 65536 /* bytes in one cell */
#define CSV_MAX_COLUMNS 1000 /* cells in one row */
#define CSV_MAX_ROWS 100000 /* rows in one file, the header included */

/* Parse data[0..len) read from file (a name for diagnostics). Accepts a UTF-8
 * BOM, CRLF or LF line ends, ',' or ';' separators (the one used in the first
 * line wins), quoted fields holding separators and line breaks. Returns 0, or
 * -1 after recording a diagnostic (bytes that are not UTF-8 or NUL, a broken
 * quote, a cell, row or file beyond the limits above, a first line separated
 * by tabs alone; reading stops at the first such problem). The table must
 * be released with csv_table_release either way. */
int csvr_parse(const char *file, const char *data, size_t len, csv_table *t, diag_list *diags);
void csv_table_release(csv_table *t);
/* The error, at 1:1, for a file whose first line has tabs outside quotes
 * and neither ',' nor ';' (Excel's "Text (Tab delimited)"). */
void csvr_report_tabs(const char *file, diag_list *diags);

/* Whether row repeats the header row: a second header, left when two
 * tables or files are pasted one below the other. At least two of its
 * cells, and half the header's named cells, are header names (in any
 * order and case). */
int csvr_repeats_header(const csv_row *row, const csv_row *header);
/* The message for such a row, in out. */
void csvr_header_again_message(buf *out, lang l, const csv_row *header);

/* When text, a periode cell, is a month in another form, as a spreadsheet
 * makes a date of "2024-03" ("Mar-24", "1/3/2024") or as people write
 * one ("2024-3", "Maret 2024"), the message naming the month to write, in
 * out, quoting the cell as shown; returns whether it was one. */
int csvr_month_hint_message(buf *out, lang l, const char *shown, const char *text);

/* What a spreadsheet saved in place of a cell's value. */
typedef enum {
	CSVR_VALUE, /* none: the cell holds a value */
	CSVR_FORMULA_ERROR, /* a formula's error value: "#DIV/0!", "#N/A", LibreOffice's "Err:502" */
	CSVR_TOO_NARROW /* "###", shown in a column too narrow and saved as shown */
} csvr_mark;
csvr_mark csvr_sheet_mark(const char *s);
/* When text, a cell of column, is such a mark, the message saying so and
 * what to do, in out; returns whether it was one (out untouched if not). */
int csvr_sheet_mark_message(buf *out, lang l, const char *column, const char *text);

#endif
