/* node.h - one place of the records tree (the nation, a province, district, puskesmas or post) and what its files held: what records.c reads and postcache.c keeps between runs. */
#ifndef REKAP_NODE_H
#define REKAP_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "node_kind.h"
#include "penyakit.h"
#include "period.h"
#include "value.h"

typedef struct report {
	int period; /* a month, or a quarter when quarterly */
	int quarterly;
	int received; /* tanggal_lapor, or NO_DATE */
	unsigned line;
	double *values; /* one per rules column; NAN = not reported */
} report;

/* First month a report row covers (a quarter row covers three): months
 * and quarters on one scale. */
static inline int report_first_month(const report *rp)
{
	return rp->quarterly ? rp->period * 3 : rp->period;
}

/* ... and the last month it covers (its own, or its quarter's third). */
static inline int report_last_month(const report *rp)
{
	return report_first_month(rp) + (rp->quarterly ? 2 : 0);
}

typedef struct cadre {
	const char *name, *phone, *education;
	char sex; /* 'L' or 'P' */
	int trained_year; /* 0 = not trained */
	int active;
	unsigned line;
} cadre;

/* A warning about a post's record that changes what its pages show (a
 * missing kader.csv, a missing laporan.csv column): kept with the post so
 * its data-quality panel and the workbooks' Kualitas data sheet list it. */
typedef struct record_note {
	const char *file; /* the file's name in the post's folder, e.g. "kader.csv" */
	unsigned line; /* 0 when about the whole file */
	int month; /* the month it concerns, -1 when none */
	const char *text[2]; /* what it changes: Bahasa Indonesia, English */
} record_note;

typedef struct node node;
struct node {
	node_kind kind;
	size_t index; /* position in records.nodes (pre-order) */
	const char *slug;
	const char *path; /* folder relative to records/, "" for the root */
	const char *name, *code;
	const char *file; /* the .md (or rekap.yaml) it was read from, as given */
	uint64_t source_hash; /* hash_bytes of the record files read for it, with their lengths */
	value *meta; /* front matter */
	const char *body; /* Markdown narrative */
	node *parent;
	node **children;
	size_t nchildren, capchildren;

	/* posts only */
	const char *status, *trade;
	int formed, dissolved; /* dates, NO_DATE when absent */
	const char **facilities, **funding;
	size_t nfacilities, nfunding;
	report *reports; /* sorted by period */
	size_t nreports;
	cadre *cadres;
	size_t ncadres;
	disease_row *diseases; /* penyakit.csv, in file order */
	size_t ndiseases;
	const char *report_file, *cadre_file, *disease_file;
	record_note *notes; /* in the order found */
	size_t nnotes;
};

#endif
