/* output.h - writing the site into a staging folder and replacing the old site in one step. */
#ifndef REKAP_OUTPUT_H
#define REKAP_OUTPUT_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"

typedef struct output {
	char *final_dir; /* where the site is published, e.g. "site" */
	char *staging; /* a sibling folder the build writes into */
	char *spare; /* "<site>.cadangan": the site before the last build */
	int in_place; /* staging began as the spare: replace files, never write through */
	int has_site; /* a site was published at final_dir when the build began */
	char *last_dir; /* the folder of the previous file, known to exist */
	size_t files;
	int failed;
} output;

/* Whether out_dir may be replaced by a site: it does not exist, is empty,
 * or holds a site rekap wrote (its pages, open data or national workbook
 * at the top; files added to such a site by hand are not published) and
 * no .git; none of inputs (the records, rules and templates folders,
 * NULL-ended) lies inside it, nor it inside them. Returns 0, or -1 with an
 * error: a mistyped --out (the records, the project, a folder of
 * documents, a pages repository) must never be replaced. */
int output_check_target(const char *out_dir, const char *const *inputs, diag_list *diags);

/* Whether out_dir, which exists, sits in the same folder as dir, as site/
 * and records/ of one project do. */
int output_beside(const char *out_dir, const char *dir);

/* Create a fresh staging folder next to out_dir. Returns 0 or -1 (with a
 * diagnostic). */
int output_begin(output *o, const char *out_dir, diag_list *diags);

/* One build at a time per output folder: an exclusive lock on the file
 * ".<name>.kunci" beside it (".site.kunci"), held until output_unlock. When another
 * build (or rekap serve's rebuild) holds it, says so on stderr and waits.
 * Returns the lock's descriptor, or -1 (reported in diags) when the lock
 * file cannot be opened. */
int output_lock(const char *out_dir, diag_list *diags);
void output_unlock(int fd);
/* Begin from the spare instead: the site as it was before the last build,
 * whose files are mostly links to the published ones, so that the caller
 * only replaces what differs (output_relink, output_unlink, writes).
 * Returns -1, with o released, when there is no spare or it is not the
 * folder spare_id (output_dir_id) names. */
int output_begin_from_spare(output *o, const char *out_dir, uint64_t spare_id);
/* An identity of a folder (device and inode), 0 when it does not exist:
 * tells whether the site and the spare are still the ones a build left. */
uint64_t output_dir_id(const char *dir);
/* Make relpath in the staging folder the published file (a link), or
 * absent when the site has none. Returns 0 or -1. */
int output_relink(output *o, const char *relpath, diag_list *diags);
/* Remove relpath from the staging folder. */
void output_unlink(output *o, const char *relpath);
/* Write data to relpath inside the staging folder, creating folders. When
 * the published site holds the same bytes at relpath, the new file keeps the
 * old modification time so uploads skip it. */
int output_write(output *o, const char *relpath, const char *data, size_t len, diag_list *diags);
/* A file written as a stream: output_open, write to the FILE, then
 * output_close with ok = 0 when writing failed, and same = 1 when the
 * writer knows the bytes equal the published file's, 0 when they differ,
 * -1 to have them compared. NULL or -1 come with a diagnostic. */
FILE *output_open(output *o, const char *relpath, diag_list *diags);
int output_close(output *o, const char *relpath, FILE *f, int ok, int same, diag_list *diags);
/* Full path of relpath inside the staging folder, for writers that need a
 * file name (libxlsxwriter); creates the parent folders. Caller frees. */
char *output_path(output *o, const char *relpath, diag_list *diags);
/* Call after a file written through output_path is closed. */
void output_written(output *o, const char *relpath);
/* Whether the published site has a regular file at relpath. */
int output_has_old(const output *o, const char *relpath);
/* Put the published file at relpath into the staging folder unchanged (a
 * hard link where possible). Returns 0 or -1 (with a diagnostic). */
int output_reuse(output *o, const char *relpath, diag_list *diags);
/* Carry over into the staging folder every published file for which keep
 * returns 1 and that the build did not write. Returns 0 or -1. */
int output_keep_old(output *o, int (*keep)(const char *relpath, void *ctx), void *ctx,
                    diag_list *diags);
/* Replace the published site with the staging folder: an atomic exchange
 * where the system allows it. The old copy becomes the spare when
 * keep_spare is set, and is removed otherwise. */
int output_commit(output *o, int keep_spare, diag_list *diags);
/* After output_commit: make the spare (output_begin_from_spare) a copy of
 * the published site whose files are hard links to the site's, for a
 * build that kept none. Returns 0, or -1 with no spare left. */
int output_link_spare(const output *o);
/* Remove the staging folder; the published site is untouched. */
void output_abort(output *o);
void output_release(output *o);

/* Remove a folder and everything in it (never following symbolic links). */
int output_remove_tree(const char *path);

#endif
