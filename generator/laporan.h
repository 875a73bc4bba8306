/* laporan.h - reading a post's laporan.csv (monthly or quarterly reports). */
#ifndef REKAP_LAPORAN_H
#define REKAP_LAPORAN_H

#include "loader.h"

/* Read dir/laporan.csv into n's reports, sorted by period, every problem
 * reported; quiet: its absence is reported already (a file of a similar
 * name was found). */
void laporan_read(loader *ld, node *n, const char *dir, int quiet);

/* Whether a header cell names a column of remarks ("Keterangan",
 * "Catatan"), as offices add beside the figures in Excel: its cells are
 * not read, in laporan.csv or kader.csv. */
int laporan_remarks_column(const char *name);

#endif
