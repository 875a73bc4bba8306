/* chart.h - trend charts as SVG: small multiples of indicators over quarters, drawn by the engine. */
#ifndef REKAP_CHART_H
#define REKAP_CHART_H

#include "locale.h"

typedef struct chart_series {
	const char *label; /* the indicator */
	const double *values; /* one per quarter; NAN = nothing to show */
	const double *targets; /* one per quarter (targets may change by year); NAN = none */
	int percent; /* values are percentages */
	const char *empty; /* the words when no value is drawn; NULL: "not reported" */
} chart_series;

typedef struct chart {
	const char *title; /* <title>, for screen readers and as the file's caption */
	const char *description; /* <desc>: the values in words */
	const char *const *quarters; /* short quarter labels, one per value */
	const char *const *absent; /* per quarter, why a post has no value ("belum dibentuk"), or NULL; may be NULL */
	size_t nquarters;
	const chart_series *series;
	size_t nseries;
	lang l;
} chart;

/* Write the chart as a standalone SVG document (one panel per series, two
 * panels a row). The output depends only on the chart, byte for byte. */
void svgchart_write(buf *out, const chart *c);

#endif
