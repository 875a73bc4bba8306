/* laporan.c - a post's laporan.csv: the header mapped to the rules' columns, each monthly or quarterly report read and checked. */
#include "laporan.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locale.h"
#include "period.h"

/* Map each header cell to a rules column: -1 periode, -2 tanggal_lapor,
 * >= 0 a column, -3 ignored (empty trailing header). */
enum { COL_PERIODE = -1, COL_TANGGAL = -2, COL_IGNORED = -3, COL_UNKNOWN = -4 };

/* Report a header cell naming no column, with the nearest name; returns
 * whether that is "periode" (the column is then not also missing). */
static int unknown_column(loader *ld, const char *file, const csv_cell *c)
{
	const rules *r = ld->rules;
	buf known = BUF_INIT;
	static const char periode[] = "periode";
	const char *best;
	str_near near;
	size_t i;
	str_near_init(&near, c->text);
	str_near_try(&near, periode);
	str_near_try(&near, "tanggal_lapor");
	buf_puts(&known, "periode, tanggal_lapor");
	for (i = 0; i < r->ncolumns; i++) {
		buf_printf(&known, ", %s", r->columns[i].name);
		str_near_try(&near, r->columns[i].name);
	}
	best = str_near_best(&near, STR_NEAR_RECORDS, NULL);
	if (best)
		load_share(
			LOAD_ERROR(ld, file, c->line, c->column,
		                   TR(ld->diags->lang,
		                      "kolom \"%s\" tidak dikenal; mungkin maksudnya \"%s\"? Kolom "
		                      "yang dikenal: %s",
		                      "unknown column \"%s\"; did you mean \"%s\"? Known columns: %s"),
		                   load_shown(ld, c->text), best, buf_cstr(&known)));
	else
		load_share(
			LOAD_ERROR(ld, file, c->line, c->column,
		                   TR(ld->diags->lang,
		                      "kolom \"%s\" tidak dikenal; kolom yang dikenal: %s (elemen "
		                      "baru ditambahkan di lua/)",
		                      "unknown column \"%s\"; known columns: %s (new elements are "
		                      "added in lua/)"),
		                   load_shown(ld, c->text), buf_cstr(&known)));
	buf_release(&known);
	return best == periode;
}

int laporan_remarks_column(const char *name)
{
	static const char *const words[] = {"keterangan", "ket",  "ket.",    "catatan", "komentar",
	                                    "notes",      "note", "remarks", "comments"};
	size_t len = strlen(name);
	name += str_trim_spaces(name, &len);
	return word_index(name, len, words, sizeof words / sizeof *words) >= 0;
}

static int *map_report_header(loader *ld, node *n, const char *file, const csv_row *h,
                              size_t *width)
{
	const rules *r = ld->rules;
	int *map = xmalloc(h->len * sizeof *map);
	char *seen = xcalloc(r->ncolumns + 2, 1);
	size_t i, j;
	int unknown = 0, periode_misspelt = 0;
	*width = h->len;
	while (*width > 0 && str_is_blank(h->cells[*width - 1].text))
		(*width)--;
	for (i = 0; i < h->len; i++) {
		const char *name = h->cells[i].text;
		map[i] = COL_UNKNOWN;
		if (i >= *width)
			map[i] = COL_IGNORED;
		else if (strcmp(name, "periode") == 0)
			map[i] = COL_PERIODE;
		else if (strcmp(name, "tanggal_lapor") == 0)
			map[i] = COL_TANGGAL;
		else
			for (j = 0; j < r->ncolumns; j++)
				if (strcmp(name, r->columns[j].name) == 0)
					map[i] = (int)j;
		if (map[i] == COL_UNKNOWN && laporan_remarks_column(name)) {
			/* not a figure: read past, said once per file, the rows kept */
			load_share(LOAD_WARNING(
				ld, file, h->cells[i].line, h->cells[i].column,
				TR(ld->diags->lang,
			           "kolom \"%s\" tidak dibaca: laporan.csv hanya memuat angka "
			           "laporan; catatan tentang pos ditulis di pos.md, di bawah "
			           "front matter (terbit di halaman pos)",
			           "column \"%s\" is not read: laporan.csv holds the figures of "
			           "the reports only; notes about the post go in pos.md, below "
			           "the front matter (published on the post's page)"),
				load_shown(ld, name)));
			map[i] = COL_IGNORED;
			continue;
		}
		if (map[i] == COL_UNKNOWN) {
			periode_misspelt |= unknown_column(ld, file, &h->cells[i]);
			unknown = 1;
			continue;
		}
		if (map[i] == COL_IGNORED)
			continue;
		if (seen[map[i] + 2])
			LOAD_ERROR(ld, file, h->cells[i].line, h->cells[i].column,
			           TR(ld->diags->lang, "kolom \"%s\" muncul dua kali",
			              "column \"%s\" appears twice"),
			           load_shown(ld, name));
		seen[map[i] + 2] = 1;
	}
	if (!seen[COL_PERIODE + 2] && !periode_misspelt)
		LOAD_ERROR(ld, file, h->line, 1,
		           TR(ld->diags->lang, "kolom wajib \"periode\" tidak ada di baris judul",
		              "the required column \"periode\" is missing from the header row"));
	/* without it every report counts as received but none as on time */
	if (!seen[COL_TANGGAL + 2] && !unknown) {
		load_share(
			LOAD_WARNING(ld, file, h->line, 1,
		                     TR(ld->diags->lang,
		                        "kolom \"tanggal_lapor\" tidak ada; tanpa tanggal laporan masuk, tidak ada "
		                        "laporan pos ini yang dihitung tepat waktu",
		                        "column \"tanggal_lapor\" is missing; without the dates the reports "
		                        "arrived, none of this post's reports counts as on time")));
		load_note(ld, n, "laporan.csv", h->line, -1,
		          "kolom \"tanggal_lapor\" tidak ada: tidak ada laporan yang dihitung tepat waktu",
		          "column \"tanggal_lapor\" is missing: no report counts as on time");
	}
	/* a misspelt column is reported once, as unknown, not also as missing */
	for (j = 0; j < r->ncolumns && !unknown; j++)
		if (!seen[j + 2] && !r->elements[r->columns[j].element].optional) {
			const char *col = r->columns[j].name;
			char id_text[160], en_text[160];
			load_share(
				LOAD_WARNING(ld, file, h->line, 1,
			                     TR(ld->diags->lang,
			                        "kolom \"%s\" tidak ada; nilainya dianggap tidak dilaporkan",
			                        "column \"%s\" is missing; its values count as not "
			                        "reported"),
			                     col));
			snprintf(id_text, sizeof id_text,
			         "kolom \"%s\" tidak ada: nilainya dihitung sebagai tidak dilaporkan", col);
			snprintf(en_text, sizeof en_text,
			         "column \"%s\" is missing: its values count as not reported", col);
			load_note(ld, n, "laporan.csv", h->line, -1, id_text, en_text);
		}
	free(seen);
	return map;
}

static int compare_reports(const void *pa, const void *pb)
{
	const report *a = pa, *b = pb;
	int ka = report_first_month(a), kb = report_first_month(b);
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (a->quarterly != b->quarterly)
		return a->quarterly - b->quarterly;
	/* qsort is not stable: the file order decides among equal periods */
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Words people write in a yes/no column (an element of tipe ya_tidak) for
 * its codes 1 and 0: Indonesian and English, and what a spreadsheet saves
 * for a TRUE or FALSE cell in either language. */
static const char *const yes_words[] = {"ya", "y", "yes", "true", "benar", "ada"};
static const char *const no_words[] = {"tidak", "t", "n", "no", "false", "salah", "tidak ada"};
static const code_words flag_words = {yes_words, no_words, sizeof yes_words / sizeof *yes_words,
                                      sizeof no_words / sizeof *no_words};

/* A yes/no column's cell that is no number: named with the code to write
 * when it is a word for one ("ya", "FALSE"), never read as meant, so that
 * the column holds one kind of value. */
static void report_not_flag(loader *ld, const char *file, const csv_cell *c, const char *name)
{
	const char *meant = load_code_meant(c->text, &flag_words, "1", "0");
	if (meant)
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "kolom \"%s\": \"%s\" harus 1 (ya) atau 0 (tidak): tulis %s",
		              "column \"%s\": \"%s\" must be 1 (yes) or 0 (no): write %s"),
		           name, load_shown(ld, c->text), meant);
	else
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "kolom \"%s\": \"%s\" bukan 0 atau 1; isi 1 untuk ya, 0 untuk tidak",
		              "column \"%s\": \"%s\" is neither 0 nor 1; enter 1 for yes, 0 for no"),
		           name, load_shown(ld, c->text));
}

/* A count with a dot or a comma between groups of three digits, reported:
 * in a file separated by ';', which writes decimals with a comma, "1.014"
 * can only be a thousand and fourteen; elsewhere, and for "1,000" (one
 * with a decimal comma, a thousand as Excel set to English writes it), it
 * may be either. Never read as one or the other: a value misread would be
 * worse than a cell to correct. Returns whether it was one. */
static int report_grouped(loader *ld, const char *file, const csv_cell *c, const char *name,
                          int decimal_comma)
{
	char digits[32], sep;
	int dot;
	if (!digits_grouped(c->text, &sep, digits, sizeof digits))
		return 0;
	dot = sep == '.';
	if (dot && decimal_comma)
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "kolom \"%s\": %s memakai titik sebagai pemisah ribuan; tulis tanpa "
		              "pemisah ribuan: %s",
		              "column \"%s\": %s uses a dot as thousands separator; write it without "
		              "thousands separators: %s"),
		           name, load_shown(ld, c->text), digits);
	else
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "kolom \"%s\": %s di %s bisa berarti tanda desimal atau pemisah ribuan; "
		              "jumlah harus bilangan bulat: jika maksudnya %s, tulis tanpa pemisah "
		              "ribuan",
		              "column \"%s\": the %s in %s may be a decimal mark or a thousands "
		              "separator; counts must be whole numbers: if %s is meant, write it "
		              "without thousands separators"),
		           name, TR(ld->diags->lang, dot ? "titik" : "koma", dot ? "dot" : "comma"),
		           load_shown(ld, c->text), digits);
	return 1;
}

static void read_value_cell(loader *ld, const char *file, const csv_cell *c, const column *col,
                            int quarterly, int decimal_comma, double *out)
{
	const element *e = &ld->rules->elements[col->element];
	/* a quarter row of a summed element holds three months' worth */
	double scale = quarterly && e->agg == AGG_SUM ? 3 : 1;
	double d;
	int parsed;
	*out = NAN;
	if (str_is_blank(c->text))
		return;
	if (e->type == TYPE_WHOLE && report_grouped(ld, file, c, col->name, decimal_comma))
		return;
	parsed = parse_number(c->text, &d);
	if (parsed == -2) {
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang, "kolom \"%s\": %s di luar batas %g–%g",
		              "column \"%s\": %s is outside the range %g–%g"),
		           col->name, load_shown(ld, c->text), e->min * scale, e->max * scale);
		return;
	}
	if (parsed != 0 && load_sheet_mark(ld, file, c, col->name))
		return;
	if (parsed != 0 && e->type == TYPE_YES_NO) {
		report_not_flag(ld, file, c, col->name);
		return;
	}
	if (parsed != 0) {
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "kolom \"%s\": \"%s\" bukan angka; isi angka atau kosongkan jika "
		              "tidak dilaporkan",
		              "column \"%s\": \"%s\" is not a number; enter a number, or leave the "
		              "cell empty if it was not reported"),
		           col->name, load_shown(ld, c->text));
		return;
	}
	if (e->type == TYPE_YES_NO && d != 0 && d != 1) {
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "kolom \"%s\": %s bukan 0 atau 1; isi 1 untuk ya, 0 untuk tidak",
		              "column \"%s\": %s is neither 0 nor 1; enter 1 for yes, 0 for no"),
		           col->name, load_shown(ld, c->text));
		return;
	}
	if (e->type == TYPE_WHOLE && d != floor(d)) {
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "kolom \"%s\": %s bukan bilangan bulat; jumlah harus bilangan bulat",
		              "column \"%s\": %s is not a whole number; counts must be whole numbers"),
		           col->name, load_shown(ld, c->text));
		return;
	}
	if (d < e->min * scale || d > e->max * scale) {
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang, "kolom \"%s\": %s di luar batas %g–%g",
		              "column \"%s\": %s is outside the range %g–%g"),
		           col->name, load_shown(ld, c->text), e->min * scale, e->max * scale);
		return;
	}
	*out = d;
}

static void check_period_span(loader *ld, node *n, const char *file, const csv_cell *c,
                              const report *rp)
{
	int first = report_first_month(rp), last = report_last_month(rp);
	if (n->formed != NO_DATE && last < period_date_month(n->formed))
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang, "periode %s sebelum pos dibentuk (%s)",
		              "period %s is before the post was formed (%s)"),
		           load_shown(ld, c->text), val_get_str(n->meta, "dibentuk"));
	if (n->dissolved != NO_DATE && first > period_date_month(n->dissolved))
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang, "periode %s setelah pos dibubarkan (%s)",
		              "period %s is after the post was dissolved (%s)"),
		           load_shown(ld, c->text), val_get_str(n->meta, "dibubarkan"));
	if (first > period_date_month(ld->today))
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "periode %s belum terjadi (hari ini %s); periksa tahun dan bulannya",
		              "period %s is in the future (today is %s); check its year and month"),
		           load_shown(ld, c->text), ld->today_text);
}

/* The earliest day a row's report can have been made: the last day of its
 * month or quarter, or the day the post was dissolved when that came
 * sooner (*dissolved set then). NO_DATE when out of the calendar's range. */
static int report_earliest_date(const node *n, const report *rp, int *dissolved)
{
	int last = report_last_month(rp);
	int end = period_month_end(last);
	*dissolved = end != NO_DATE && n->dissolved != NO_DATE && n->dissolved < end;
	return *dissolved ? n->dissolved : end;
}

/*
 * A tanggal_lapor written day first ("04/09/2024", as rekap reads it) that
 * makes the report late, when read month first (9 April 2024, as an Excel
 * set to English writes it) it would be on time: a warning naming both
 * dates, since either may be meant. end: the earliest day the report can
 * be made, deadline the last on time (a late report's). Returns whether
 * it warned.
 */
static int check_late_day_first(loader *ld, const char *file, const csv_cell *c, const report *rp,
                                int end, int deadline)
{
	const char *s = c->text;
	int d, m, y, swapped;
	buf read = BUF_INIT, meant = BUF_INIT, read_iso = BUF_INIT, meant_iso = BUF_INIT;
	if (strlen(s) != 10 || s[2] != '/' || s[5] != '/')
		return 0;
	period_date_to_ymd(rp->received, &y, &m, &d);
	swapped = d <= 12 && d != m ? period_date_from_ymd(y, d, m) : NO_DATE;
	if (swapped == NO_DATE || swapped < end || swapped > deadline || swapped > ld->today)
		return 0;
	fmt_date(&read, ld->diags->lang, rp->received);
	fmt_date(&meant, ld->diags->lang, swapped);
	period_format_date(&read_iso, rp->received);
	period_format_date(&meant_iso, swapped);
	LOAD_WARNING(ld, file, c->line, c->column,
	             TR(ld->diags->lang,
	                "tanggal_lapor %s dibaca %s (hari lebih dulu), jadi laporan ini "
	                "terlambat; bila maksudnya %s (bulan lebih dulu, seperti tulisan Excel "
	                "berbahasa Inggris), tulis %s; bila memang %s, tulis %s",
	                "tanggal_lapor %s reads as %s (day first), which makes this report "
	                "late; if %s is meant (month first, as an Excel set to English writes "
	                "it), write %s; if it is %s indeed, write %s"),
	             load_shown(ld, s), buf_cstr(&read), buf_cstr(&meant), buf_cstr(&meant_iso),
	             buf_cstr(&read), buf_cstr(&read_iso));
	buf_release(&read);
	buf_release(&meant);
	buf_release(&read_iso);
	buf_release(&meant_iso);
	return 1;
}

/* A tanggal_lapor a year or more past its deadline that, a year earlier,
 * would fall between the end of the period and the deadline: most likely
 * the year of the day the report was typed in, not of the day it arrived
 * (reports of 2024 entered in 2025 as "2025-04-09"). A warning naming the
 * date meant, since the report counts as late as written. end and
 * deadline: as for check_late_day_first. */
static void check_late_year(loader *ld, const char *file, const csv_cell *c, const report *rp,
                            int end, int deadline)
{
	int d, m, y, earlier;
	buf period = BUF_INIT, meant = BUF_INIT, meant_iso = BUF_INIT;
	period_date_to_ymd(rp->received, &y, &m, &d);
	earlier = period_date_from_ymd(y - 1, m, m == 2 && d == 29 ? 28 : d);
	if (earlier == NO_DATE || earlier < end || earlier > deadline)
		return;
	if (rp->quarterly)
		fmt_quarter(&period, ld->diags->lang, rp->period, 0);
	else
		fmt_month(&period, ld->diags->lang, rp->period);
	fmt_date(&meant, ld->diags->lang, earlier);
	period_format_date(&meant_iso, earlier);
	LOAD_WARNING(ld, file, c->line, c->column,
	             TR(ld->diags->lang,
	                "tanggal_lapor %s membuat laporan %s terlambat hampir setahun; bila "
	                "maksudnya %s (setahun lebih awal, saat laporan tepat waktu), tulis %s",
	                "tanggal_lapor %s makes the report of %s late by about a year; if %s is "
	                "meant (a year earlier, when the report would be on time), write %s"),
	             load_shown(ld, c->text), buf_cstr(&period), buf_cstr(&meant),
	             buf_cstr(&meant_iso));
	buf_release(&period);
	buf_release(&meant);
	buf_release(&meant_iso);
}

/* A monthly report made before its month ended is impossible: most often
 * a date typed day-first and read month-first, or the other way round. */
static void check_received_date(loader *ld, const node *n, const char *file, const csv_cell *c,
                                const report *rp)
{
	int end, dissolved;
	buf end_text = BUF_INIT;
	/* a bad or future date, a bad or future period: reported already */
	if (rp->received == NO_DATE || rp->received > ld->today || rp->period < 0 ||
	    report_first_month(rp) > period_date_month(ld->today))
		return;
	end = report_earliest_date(n, rp, &dissolved);
	if (end == NO_DATE)
		return;
	if (rp->received >= end) {
		/* only a late report can be a date misread */
		int deadline = period_month_deadline(report_last_month(rp), ld->rules->deadline_day);
		if (deadline != NO_DATE && rp->received > deadline &&
		    !check_late_day_first(ld, file, c, rp, end, deadline))
			check_late_year(ld, file, c, rp, end, deadline);
		return;
	}
	period_format_date(&end_text, end);
	if (dissolved)
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "tanggal_lapor %s sebelum pos dibubarkan (%s) pada periode laporan; "
		              "apakah tanggalnya tertukar (dd/mm)?",
		              "tanggal_lapor %s is before the post was dissolved (%s) in the period "
		              "reported; are the day and month swapped (dd/mm)?"),
		           load_shown(ld, c->text), buf_cstr(&end_text));
	else if (rp->quarterly)
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "tanggal_lapor %s sebelum triwulan laporan berakhir (%s); apakah "
		              "tanggalnya tertukar (dd/mm)?",
		              "tanggal_lapor %s is before the quarter reported ends (%s); are the "
		              "day and month swapped (dd/mm)?"),
		           load_shown(ld, c->text), buf_cstr(&end_text));
	else
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(ld->diags->lang,
		              "tanggal_lapor %s sebelum bulan laporan berakhir (%s); apakah "
		              "tanggalnya tertukar (dd/mm)?",
		              "tanggal_lapor %s is before the month reported ends (%s); are the "
		              "day and month swapped (dd/mm)?"),
		           load_shown(ld, c->text), buf_cstr(&end_text));
	buf_release(&end_text);
}

/* A periode cell that is not a month or a quarter; when it looks like a
 * month in a form a spreadsheet made of one ("Jan-24" is how Excel shows
 * the date it makes of "2024-01"), or a quarter as offices write one ("TW
 * I 2024"), the message names the period to write. */
static void report_bad_period(loader *ld, const char *file, const csv_cell *c)
{
	lang l = ld->diags->lang;
	int quarter;
	buf msg = BUF_INIT, want = BUF_INIT;
	if (load_sheet_mark(ld, file, c, "periode"))
		return;
	if (str_is_blank(c->text))
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(l,
		              "periode kosong; tulis bulan laporan ini, mis. \"2024-03\", atau "
		              "triwulannya, mis. \"2024-Q1\"",
		              "periode is empty; write the month of this report, e.g. \"2024-03\", or "
		              "its quarter, e.g. \"2024-Q1\""));
	else if (csvr_month_hint_message(&msg, l, load_shown(ld, c->text), c->text))
		LOAD_ERROR(ld, file, c->line, c->column, "%s", buf_cstr(&msg));
	else if ((quarter = period_guess_quarter(c->text)) >= 0) {
		fmt_quarter(&msg, l, quarter, 0);
		period_format_quarter(&want, quarter);
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(l, "periode \"%s\" tidak dikenal; untuk laporan %s tulis \"%s\"",
		              "unknown period \"%s\"; for the report of %s write \"%s\""),
		           load_shown(ld, c->text), buf_cstr(&msg), buf_cstr(&want));
	} else
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(l,
		              "periode \"%s\" tidak dikenal; tulis bulan \"2024-03\" atau triwulan "
		              "\"2024-Q1\"",
		              "unknown period \"%s\"; write a month as \"2024-03\" or a quarter as "
		              "\"2024-Q1\""),
		           load_shown(ld, c->text));
	buf_release(&msg);
	buf_release(&want);
}

/* A tanggal_lapor that is no date: the dates it most likely means, when
 * a spreadsheet wrote one its own way, each as it should be written. */
static void report_bad_date(loader *ld, const char *file, const csv_cell *c)
{
	lang l = ld->diags->lang;
	int days[2], excel;
	size_t n = period_guess_date(c->text, days, &excel), i;
	buf said[2] = {BUF_INIT, BUF_INIT}, want[2] = {BUF_INIT, BUF_INIT};
	if (load_sheet_mark(ld, file, c, "tanggal_lapor"))
		return;
	for (i = 0; i < n; i++) {
		fmt_date(&said[i], l, days[i]);
		period_format_date(&want[i], days[i]);
	}
	if (n == 0)
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(l, "tanggal_lapor \"%s\" bukan tanggal yang benar; tulis TTTT-BB-HH",
		              "tanggal_lapor \"%s\" is not a valid date; write YYYY-MM-DD"),
		           load_shown(ld, c->text));
	else if (n == 1) /* both messages take the text, the date and its form */
		LOAD_ERROR(ld, file, c->line, c->column,
		           excel ? TR(l,
		                      "tanggal_lapor \"%s\" tampaknya nomor tanggal Excel untuk %s; "
		                      "tulis \"%s\" (format kolom tanggal_lapor sebagai Teks, lalu "
		                      "ketik ulang)",
		                      "tanggal_lapor \"%s\" looks like Excel's day number for %s; "
		                      "write \"%s\" (format the tanggal_lapor column as Text, then type "
		                      "it again)")
		                 : TR(l,
		                      "tanggal_lapor \"%s\" tidak dikenal; untuk %s tulis \"%s\" "
		                      "(tahun, bulan, hari)",
		                      "tanggal_lapor \"%s\" is not a date rekap reads; for %s write "
		                      "\"%s\" (year, month, day)"),
		           load_shown(ld, c->text), buf_cstr(&said[0]), buf_cstr(&want[0]));
	else
		LOAD_ERROR(ld, file, c->line, c->column,
		           TR(l,
		              "tanggal_lapor \"%s\" bisa berarti %s atau %s; tulis \"%s\" atau "
		              "\"%s\" (tahun, bulan, hari)",
		              "tanggal_lapor \"%s\" may mean %s or %s; write \"%s\" or \"%s\" "
		              "(year, month, day)"),
		           load_shown(ld, c->text), buf_cstr(&said[0]), buf_cstr(&said[1]),
		           buf_cstr(&want[0]), buf_cstr(&want[1]));
	for (i = 0; i < 2; i++) {
		buf_release(&said[i]);
		buf_release(&want[i]);
	}
}

/* A row that holds its periode and nothing else, no figure and no
 * tanggal_lapor (a month written ahead, waiting for its report): no report
 * arrived, and it is reported as such. Returns whether the row was one. */
static int only_period(loader *ld, const char *file, const csv_row *row, const int *map,
                       size_t width)
{
	const csv_cell *periode = NULL;
	int period, quarterly;
	size_t i;
	for (i = 0; i < row->len && i < width; i++)
		if (map[i] == COL_PERIODE)
			periode = &row->cells[i];
		else if ((map[i] == COL_TANGGAL || map[i] >= 0) && !str_is_blank(row->cells[i].text))
			return 0;
	if (!periode || period_parse(periode->text, &period, &quarterly) != 0)
		return 0; /* a period that is no period is reported as such */
	LOAD_WARNING(ld, file, periode->line, periode->column,
	             TR(ld->diags->lang,
	                "baris %s hanya berisi periode, tanpa angka dan tanpa tanggal_lapor, "
	                "sehingga tidak dihitung sebagai laporan yang masuk; hapus baris itu, "
	                "atau isi laporannya bila sudah masuk",
	                "the row of %s holds only its period, no figure and no tanggal_lapor, "
	                "so it does not count as a report received; delete the row, or fill in "
	                "the report when it arrives"),
	             load_shown(ld, periode->text));
	return 1;
}

/* An empty hari_buka in a report that arrived: the month is not counted
 * as open, so the post is not active in its quarter (Pos UKK aktif, the
 * assessment), as if it had stayed closed, which the report did not say. */
static void warn_days_open_empty(loader *ld, const char *file, const csv_cell *c,
                                 const csv_cell *periode, int quarterly)
{
	if (quarterly)
		LOAD_WARNING(ld, file, c->line, c->column,
		             TR(ld->diags->lang,
		                "%s: hari_buka kosong, jadi pos ini tidak terhitung aktif pada triwulan "
		                "itu; isi jumlah hari buka dalam triwulan, 0 bila pos tidak buka",
		                "%s: hari_buka is empty, so the post does not count as active in that "
		                "quarter; enter the days open in the quarter, 0 if the post did not "
		                "open"),
		             load_shown(ld, periode->text));
	else
		LOAD_WARNING(ld, file, c->line, c->column,
		             TR(ld->diags->lang,
		                "%s: hari_buka kosong, jadi bulan itu tidak terhitung buka dan pos ini "
		                "tidak terhitung aktif pada triwulannya; isi jumlah hari buka, 0 bila "
		                "pos tidak buka",
		                "%s: hari_buka is empty, so the month does not count as open and the "
		                "post does not count as active in its quarter; enter the days open, 0 "
		                "if the post did not open"),
		             load_shown(ld, periode->text));
}

static void read_report_row(loader *ld, node *n, const char *file, const csv_row *row,
                            const int *map, size_t width, int decimal_comma, report *rp)
{
	const rules *r = ld->rules;
	const csv_cell *date_cell = NULL, *days_cell = NULL, *periode_cell = NULL;
	size_t i;
	rp->line = row->line;
	rp->received = NO_DATE;
	rp->period = -1;
	rp->values = arena_alloc(load_arena(ld), (r->ncolumns ? r->ncolumns : 1) * sizeof(double));
	for (i = 0; i < r->ncolumns; i++)
		rp->values[i] = NAN;
	for (i = 0; i < row->len && i < width; i++)
		if (map[i] == COL_PERIODE && str_is_total_label(row->cells[i].text)) {
			/* its sums would only fail the bounds of a month: one message */
			LOAD_ERROR(ld, file, row->cells[i].line, row->cells[i].column,
			           TR(ld->diags->lang,
			              "baris \"%s\" tampaknya baris jumlah dari spreadsheet; hapus baris "
			              "itu: rekap menjumlahkan laporan bulanan sendiri, dan baris ini akan "
			              "menghitungnya dua kali",
			              "the row \"%s\" looks like a spreadsheet's total row; delete it: "
			              "rekap adds up the monthly reports itself, and this row would count "
			              "them twice"),
			           load_shown(ld, row->cells[i].text));
			return;
		}
	if (only_period(ld, file, row, map, width))
		return;
	for (i = 0; i < row->len && i < width; i++) {
		const csv_cell *c = &row->cells[i];
		if (map[i] == COL_PERIODE) {
			periode_cell = c;
			if (period_parse(c->text, &rp->period, &rp->quarterly) != 0)
				report_bad_period(ld, file, c);
			else
				check_period_span(ld, n, file, c, rp);
		} else if (map[i] == COL_TANGGAL) {
			date_cell = c;
			if (!str_is_blank(c->text) && period_date_parse(c->text, &rp->received) != 0)
				report_bad_date(ld, file, c);
			else if (rp->received != NO_DATE && rp->received > ld->today)
				LOAD_ERROR(ld, file, c->line, c->column,
				           TR(ld->diags->lang,
				              "tanggal_lapor %s belum terjadi (hari ini %s)",
				              "tanggal_lapor %s is in the future (today is %s)"),
				           load_shown(ld, c->text), ld->today_text);
		} else if (map[i] >= 0) {
			if ((size_t)map[i] == r->hari_buka_col)
				days_cell = c;
			read_value_cell(ld, file, c, &r->columns[map[i]], rp->quarterly, decimal_comma,
			                &rp->values[map[i]]);
		}
	}
	/* after the loop: the periode column may come after tanggal_lapor */
	if (date_cell)
		check_received_date(ld, n, file, date_cell, rp);
	if (days_cell && periode_cell && rp->period >= 0 && str_is_blank(days_cell->text))
		warn_days_open_empty(ld, file, days_cell, periode_cell, rp->quarterly);
}

static void check_duplicates(loader *ld, node *n)
{
	size_t i, j;
	for (i = 1; i < n->nreports; i++) {
		const report *a = &n->reports[i - 1], *b = &n->reports[i];
		if (!a->quarterly && !b->quarterly && a->period == b->period)
			LOAD_ERROR(ld, n->report_file, b->line, 1,
			           TR(ld->diags->lang,
			              "bulan yang sama dilaporkan dua kali (juga di baris %u); gabungkan "
			              "menjadi satu baris",
			              "the same month is reported twice (also on line %u); merge them "
			              "into one row"),
			           a->line);
		if (a->quarterly && b->quarterly && a->period == b->period)
			LOAD_ERROR(ld, n->report_file, b->line, 1,
			           TR(ld->diags->lang, "triwulan yang sama dilaporkan dua kali (juga di baris %u)",
			              "the same quarter is reported twice (also on line %u)"),
			           a->line);
	}
	/* a quarter row and month rows of the same quarter; the rows are sorted
	 * by first month, so those of one quarter lie together (one pass, however
	 * many rows a hostile file repeats) */
	for (i = 0; i < n->nreports; i = j) {
		int quarter = QUARTER_OF_MONTH(report_first_month(&n->reports[i]));
		const report *month = NULL;
		size_t k;
		for (j = i; j < n->nreports &&
		            QUARTER_OF_MONTH(report_first_month(&n->reports[j])) == quarter;
		     j++)
			if (!n->reports[j].quarterly && !month)
				month = &n->reports[j];
		for (k = i; month && k < j; k++)
			if (n->reports[k].quarterly)
				LOAD_ERROR(ld, n->report_file, n->reports[k].line, 1,
				           TR(ld->diags->lang,
				              "triwulan ini juga dilaporkan per bulan (baris %u); pakai salah "
				              "satu saja",
				              "this quarter is also reported month by month (line %u); keep "
				              "only one of them"),
				           month->line);
	}
}

void laporan_read(loader *ld, node *n, const char *dir, int quiet)
{
	char *path = path_join(dir, "laporan.csv");
	size_t i, width, cap = 0;
	csv_table t;
	int *map;
	n->report_file = arena_strdup(load_arena(ld), path);
	free(path);
	if (load_csv(ld, n->report_file, &t,
	             quiet ? NULL
	                   : TR(ld->diags->lang,
	                        "laporan.csv tidak ada; pos ini dianggap belum melapor",
	                        "laporan.csv is missing; this post counts as not having reported"),
	             &n->source_hash))
		return;
	map = map_report_header(ld, n, n->report_file, &t.rows[0], &width);
	for (i = 1; i < t.nrows; i++) {
		const csv_row *row = &t.rows[i];
		report rp;
		size_t cells = row->len;
		if (load_header_again(ld, n->report_file, row, &t.rows[0]))
			continue;
		while (cells > width && str_is_blank(row->cells[cells - 1].text))
			cells--;
		if (cells != width) {
			LOAD_ERROR(ld, n->report_file, row->line, 1,
			           TR(ld->diags->lang,
			              "baris berisi %zu kolom, padahal judul berisi %zu; periksa pemisah "
			              "(%c) yang kurang atau berlebih",
			              "row has %zu columns, but the header has %zu; look for a missing or "
			              "extra separator (%c)"),
			           cells, width, t.separator);
			continue;
		}
		memset(&rp, 0, sizeof rp);
		read_report_row(ld, n, n->report_file, row, map, width, t.separator == ';', &rp);
		if (rp.period >= 0)
			ARRAY_PUSH(n->reports, n->nreports, cap, rp);
	}
	free(map);
	csv_table_release(&t);
	if (n->nreports) {
		report *copy = arena_alloc(load_arena(ld), n->nreports * sizeof *copy);
		memcpy(copy, n->reports, n->nreports * sizeof *copy);
		free(n->reports);
		n->reports = copy;
		qsort(n->reports, n->nreports, sizeof *n->reports, compare_reports);
	}
	check_duplicates(ld, n);
}

