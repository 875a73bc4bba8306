/* lbkp.h - form LBKP-1 (Laporan Bulanan Kesehatan Kerja) of a puskesmas filled from its posts: the form's cells, its workbook sheets and page section. */
#ifndef REKAP_LBKP_H
#define REKAP_LBKP_H

#include <xlsxwriter.h>

#include "records.h"
#include "results.h"
#include "value.h"

/* The rows of the form, in its order. */
typedef enum {
	LB_KUNJUNGAN,      /* kunjungan pekerja */
	LB_SAKIT_DILAYANI, /* pekerja sakit yang dilayani */
	LB_UMUM_KASUS,     /* penyakit umum: kasus */
	LB_UMUM_PEKERJA,   /* penyakit umum: pekerja */
	LB_PAK_KASUS,
	LB_PAK_PEKERJA,
	LB_PAK_DUGAAN,     /* no L/P split: totals only */
	LB_PAK_PASTI,
	LB_KAK_KASUS,
	LB_KAK_PEKERJA,
	LB_ROWS
} lbkp_row;

enum { LB_L, LB_P, LB_TOTAL, LB_SIDES };
#define LBKP_TOP 10

/* A disease and its cases, summed over posts and months. */
typedef struct lbkp_disease {
	const char *code, *name; /* the name as the first post to write it wrote it */
	double l, p;
} lbkp_disease;

/* The form of one puskesmas and month. NAN marks a cell no post reported. */
typedef struct lbkp_form {
	int month;
	size_t posts; /* posts of the puskesmas that exist in the month (Pos UKK dibina) */
	size_t reporting; /* of them, those with a monthly row in laporan.csv */
	size_t quarterly; /* and those whose quarterly row covers the month instead */
	double cells[LB_ROWS][LB_SIDES];
	lbkp_disease top[LBKP_TOP];
	size_t ntop;
	size_t disease_posts; /* posts with a penyakit.csv row for the month */
} lbkp_form;

/* The form of puskesmas p for a month. */
void lbkp_fill(lbkp_form *f, const node *p, const rules *r, int month);
/* The LBKP_TOP most common diseases below n (n itself when a post) in the
 * months [first, last]: by cases, then code. Returns how many. */
size_t lbkp_top_diseases(const records *recs, const node *n, int first, int last,
                         lbkp_disease *out);

/* One sheet per month of the published quarter, "LBKP-1 2024-04", laid out
 * like the paper form and set to print on one A4 page. Returns the first
 * libxlsxwriter error, LXW_NO_ERROR when all went well. */
lxw_error lbkp_write_sheets(lxw_workbook *book, const node *p, const results *res, lang l);

/* The context of the page section (templates/bagian/lbkp.md): for a
 * puskesmas the form of each month of the published quarter, for the
 * areas above it their ten most common diseases in that quarter. NULL for
 * posts and when nothing was reported. */
value *lbkp_page_context(arena *a, const node *n, const results *res, lang l);

#endif
