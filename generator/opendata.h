/* opendata.h - site/data/indicators.csv: every node, quarter and indicator. */
#ifndef REKAP_OPENDATA_H
#define REKAP_OPENDATA_H

#include <stdio.h>

#include "compute.h"

/* Write the CSV (header "path,level,name,period,indicator,numerator,
 * denominator,value") to out, nodes in tree order, quarters ascending,
 * indicators in rule order. Numbers use '.'; empty cells mean "nothing to
 * show" (see ind_value). Returns 0, or -1 when writing failed. */
int opendata_indicators(FILE *f, const results *res);

/* A number for machines: integers without a point, others with up to 4
 * decimals and no trailing zeros. Nothing for NAN. */
void opendata_number(buf *out, double v, int decimals);

#endif
