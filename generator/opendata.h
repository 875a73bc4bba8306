/* opendata.h - site/data/indicators.csv (nation, provinces, districts) and one file per province. */
#ifndef REKAP_OPENDATA_H
#define REKAP_OPENDATA_H

#include <stdio.h>

#include "compute.h"

#define OPENDATA_NAME "indicators.csv"

/* The province whose file holds every row of n's subtree (n itself when it
 * is one, its ancestor below it), or NULL for the root. */
const node *opendata_province(const node *n);

/* Relative path in the site of the open-data file of a province, or of the
 * national file when province is NULL; caller frees. */
char *opendata_file(const node *province);

/* Write one open-data file (header "path,level,name,period,indicator,
 * numerator,denominator,value") to f: with province NULL the national file,
 * rows of the root, the provinces and the districts; otherwise every row
 * of that province and the nodes below it. Nodes in tree order, quarters
 * ascending, indicators in rule order. Numbers use '.'; empty cells mean
 * "nothing to show" (see ind_value). Returns 0, or -1 when writing failed. */
int opendata_indicators(FILE *f, const results *res, const node *province);

/* The node whose file holds n's rows: its province, or the root for the
 * national file. */
const node *opendata_owner(const records *recs, const node *n);

/* The rows, header not counted, of every open-data file, indexed by the
 * index of its owner (the root, a province); other entries are 0. Walks
 * the tree once; caller frees. */
size_t *opendata_file_rows(const results *res);

/* A number for machines: integers without a point, others with up to 4
 * decimals and no trailing zeros. Nothing for NAN. */
void opendata_number(buf *out, double v, int decimals);

#endif
