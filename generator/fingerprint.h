/* fingerprint.h - what each node's files depend on, to rewrite only the files of nodes that changed. */
#ifndef REKAP_FINGERPRINT_H
#define REKAP_FINGERPRINT_H

#include <stdint.h>

#include "compute.h"

/* The formats a node's files come in, as indices into a manifest entry. */
enum { FP_MD, FP_HTML, FP_XLSX, FP_FORMATS };

/* One 64-bit fingerprint per node: a hash of everything its page and
 * workbook show — the rekap program, rules, templates and settings, the
 * record files of the node, of the nodes below it and of its ancestors, and
 * the computed results of the node and the nodes below it (which covers Lua
 * formulas that look anywhere in the tree). Equal fingerprints mean equal
 * files. */
typedef struct fingerprints {
	uint64_t *node; /* [node index] */
	size_t nnodes;
} fingerprints;

void fingerprints_compute(fingerprints *fp, const results *res, const char *rules_dir,
                          const char *templates_dir, long long created);
void fingerprints_release(fingerprints *fp);

/* The fingerprints the published site was built from, by node path; kept
 * outside the site (in the user's cache folder) so that the site stays a
 * pure function of its inputs. */
typedef struct manifest {
	char *file; /* where it is stored, NULL when there is no cache folder */
	char **paths; /* sorted */
	uint64_t (*fps)[FP_FORMATS]; /* 0: that file was not built */
	uint64_t *stamps; /* fingerprint_stamp of the node's files once published */
	size_t len;
} manifest;

/* Sizes and modification times of files in dir (absent ones count too): a
 * file restored or edited by hand since the manifest was written changes
 * the stamp, so its node is written again. */
uint64_t fingerprint_stamp(const char *dir, char *const *relpaths, size_t n);

/* Read the manifest of the site at out_dir; an empty one when there is none. */
void manifest_load(manifest *m, const char *out_dir);
/* The fingerprints stored for a node path, or NULL; *stamp receives its stamp. */
const uint64_t *manifest_find(const manifest *m, const char *path, uint64_t *stamp);
/* Replace the stored manifest with one entry per node (atomic rename).
 * Returns 0 or -1; a manifest that cannot be written only costs speed. */
int manifest_save(const manifest *m, const records *recs);
void manifest_release(manifest *m);

#endif
