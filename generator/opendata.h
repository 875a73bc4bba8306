/* opendata.h - site/data/indicators.csv: every node, quarter and indicator. */
#ifndef REKAP_OPENDATA_H
#define REKAP_OPENDATA_H

#include "compute.h"

/* Append the CSV (header "path,level,name,period,indicator,numerator,
 * denominator,value") to out, nodes in tree order, quarters ascending,
 * indicators in rule order. Numbers use '.'; empty cells mean "nothing to
 * show" (see ind_value). */
void opendata_indicators(buf *out, const results *res);

/* A number for machines: integers without a point, others with up to 4
 * decimals and no trailing zeros. Nothing for NAN. */
void opendata_number(buf *out, double v, int decimals);

#endif
