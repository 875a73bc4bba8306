/* crosscheck.h - the checks that compare the files of the whole records tree once it is read. */
#ifndef REKAP_CROSSCHECK_H
#define REKAP_CROSSCHECK_H

#include "loader.h"

/* Report, through ld, what no single file shows: a code used by two
 * nodes, a post code beginning with another puskesmas's, two siblings of
 * one name, a desa_kode outside the post's district, and a laporan.csv,
 * kader.csv or penyakit.csv that repeats another post's. */
void crosscheck_tree(loader *ld);

#endif
