/* workbook.h - the .xlsx workbook of a puskesmas, district, province or the root (libxlsxwriter). */
#ifndef REKAP_WORKBOOK_H
#define REKAP_WORKBOOK_H

#include "compute.h"
#include "diag.h"
#include "locale.h"

/* File name of a node's workbook for the published quarter, e.g.
 * "rekap-puskesmas-jatibening-baru-2024-Q4.xlsx"; caller frees. */
char *wbk_filename(const node *n, int quarter);

/* Write the workbook of node n (not a post) to path, in language l: its
 * indicators by quarter with a chart of the key ones (Ringkasan), its
 * children side by side above the puskesmas (Perbandingan), the posts below
 * it (Pos UKK), their report rows as laporan.csv holds them (Data bulanan),
 * missing and late reports and rule violations (Kualitas data) and the
 * indicator definitions (Definisi). Totals are formulas stored with their
 * values. organisation (may be "") is the author and company; created is the
 * time stored in the document properties (fixed, so that builds are
 * reproducible). Returns 0, or -1 after recording a diagnostic. */
int wbk_write(const char *path, const node *n, const results *res, lang l,
              const char *organisation, long long created, diag_list *diags);

/* The time stored in workbooks: SOURCE_DATE_EPOCH when set, otherwise the
 * first day after the published quarter, so that builds are reproducible. */
long long wbk_creation_time(const results *res);

#endif
