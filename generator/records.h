/* records.h - the records tree: provinces, districts, puskesmas and posts read from records/. */
#ifndef REKAP_RECORDS_H
#define REKAP_RECORDS_H

#include "diag.h"
#include "node.h"
#include "period.h"
#include "rules.h"
#include "settings.h"

typedef struct records {
	arena *arena;
	const char *dir;
	settings settings; /* rekap.yaml; the root node's meta holds it as read */
	uint64_t settings_hash; /* of rekap.yaml's bytes as read (HASH_INIT when absent) */
	node *root;
	node **nodes; /* every node, pre-order, children sorted by slug */
	size_t nnodes, capnodes;
	node **posts;
	size_t nposts, capposts;
	int first_month, last_month; /* span of all reports; last < first when none */
} records;

/* The sentence rekap new writes where a profile's narrative goes; a
 * record that still holds it is warned about, as it would be published. */
#define RECORDS_NARRATIVE_SAMPLE                                                                   \
	"Tulis keterangan di sini dalam Markdown: keadaan, kegiatan, kendala."

/* Read the tree under dir using the columns and vocabularies of r. Every
 * problem is recorded in diags (all of them, not only the first). Returns 0
 * when no error was found, -1 otherwise; recs is usable either way and must
 * be released with records_release. */
int records_load(records *recs, const char *dir, const rules *r, diag_list *diags);
void records_release(records *recs);

/* Whether s is a folder name rekap accepts: a-z, 0-9 and '-', not leading. */
int records_slug_valid(const char *s);
/* The folder name s written as a slug ("Pos Garam" -> "pos-garam"): letters
 * in lower case, spaces, "_" and "." made "-"; NULL when nothing of it
 * is left or s is one already. Caller frees. */
char *records_slug_suggest(const char *s);
/* Whether n is ancestor or lies below it. */
int node_is_below(const node *n, const node *ancestor);

/* The published quarter: option (-1 when not given), then "periode:" of
 * the settings (a bad value is an error at its place in rekap.yaml), then
 * period_default over the quarters the posts reported. A quarter asked
 * for that begins after today is an error. Returns -1 with
 * PERIOD_NONE when there is nothing to publish, or -2 after an error.
 * *due: the latest quarter with reports whose deadline has passed, -1
 * when none, whichever quarter is published. */
int records_published_quarter(const records *recs, int option, int deadline_day, int today,
                              period_reason *why, int *due, diag_list *diags);

#endif
