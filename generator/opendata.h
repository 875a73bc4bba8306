/* opendata.h - site/data/indicators.csv: every node, quarter and indicator. */
#ifndef REKAP_OPENDATA_H
#define REKAP_OPENDATA_H

#include <stdint.h>
#include <stdio.h>

#include "compute.h"

#define OPENDATA_UNKNOWN UINT64_MAX

/* What the published file can give to the next one: for each node (by
 * index), where its rows start and how long they are, or OPENDATA_UNKNOWN
 * when they must be written again. */
typedef struct opendata_prev {
	int fd; /* the published file, open for reading */
	const uint64_t *start, *len;
} opendata_prev;

/* Where the rows of each node went (arrays of recs->nnodes, the caller's),
 * and whether the whole file came out equal to the published one. */
typedef struct opendata_layout {
	uint64_t *start, *len;
	int same;
} opendata_layout;

/* Write the CSV (header "path,level,name,period,indicator,numerator,
 * denominator,value") to out, nodes in tree order, quarters ascending,
 * indicators in rule order. Numbers use '.'; empty cells mean "nothing to
 * show" (see ind_value). The rows of nodes prev knows are copied from the
 * published file instead (prev may be NULL). Returns 0, or -1 when writing
 * failed. */
int opendata_indicators(FILE *f, const results *res, const opendata_prev *prev,
                        opendata_layout *layout);

/* A number for machines: integers without a point, others with up to 4
 * decimals and no trailing zeros. Nothing for NAN. */
void opendata_number(buf *out, double v, int decimals);

#endif
