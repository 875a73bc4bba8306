/* penyakit.h - a post's penyakit.csv (diseases by month, for form LBKP-1), its codes checked against the bundled ICD-10 chapter ranges. */
#ifndef REKAP_PENYAKIT_H
#define REKAP_PENYAKIT_H

#include "csvread.h"

/* One row of a post's penyakit.csv: cases of one disease in one month. */
typedef struct disease_row {
	int month;
	const char *code, *name; /* ICD-10 code as written (upper case), name as written */
	double cases_l, cases_p;
	unsigned line;
} disease_row;

/* Whether s is written as an ICD-10 code: a capital letter, two digits and
 * optionally a dot with one or two digits ("J06", "J06.9"). */
int icd10_well_formed(const char *s);
/* The chapter (1-22, WHO ICD-10 2019; chapter XXII is U00-U85) holding a
 * well-formed code, or 0 when its category lies in no chapter. */
int icd10_chapter(const char *code);

/* Whether the post's laporan.csv reports month m (ctx: the post). */
typedef int (*penyakit_month_fn)(const void *ctx, int m);

/* Read the rows of penyakit.csv (t, parsed from file) into *rows (in a),
 * *nrows of them; every problem goes to diags, and a file with errors
 * gives no rows. Returns the number of errors found. */
size_t penyakit_read(const csv_table *t, const char *file, arena *a, penyakit_month_fn reported,
                     const void *ctx, diag_list *diags, disease_row **rows, size_t *nrows);

#endif
